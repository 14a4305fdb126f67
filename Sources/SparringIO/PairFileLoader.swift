import SparringModel

/// Reads a two-column CSV (or a workbook's first sheet) of id pairs: loyalty conflicts (symmetric) or wishes
/// (first wishes second).
///
/// Leaders are named by id or by name (see ``PersonLookup``). The header row is optional: the first row is
/// taken as data when both its cells name leaders in the roster.
public enum PairFileLoader {
    public enum Relation: String, Sendable { case conflict, wish }

    /// - Parameter outside: people who are not in the roster on purpose (`--outside`; see ``OutsidePeople``): a
    ///   pair naming one of them is left out without a word.
    /// - Returns: the pairs (deduplicated, sorted) and warnings.
    /// - Throws: ``DiagnosticError`` for unreadable files, rows without exactly two people, names that could
    ///   mean several leaders, and people who are not in the roster (with the closest names): a conflict is a
    ///   hard rule, and a misspelt one must not be lost.
    /// - Complexity: O(rows + n) with n roster leaders.
    public static func load(path: String, roster: Roster, relation: Relation,
                            outside: [String] = []) throws(DiagnosticError) -> (pairs: [LeaderPair], warnings: [Diagnostic]) {
        let table = try TableReader.read(path: path)
        do {
            let (pairs, warnings) = try read(table, roster: roster, relation: relation, outside: outside)
            return (pairs, table.locating(warnings))
        } catch {
            throw table.locating(error)
        }
    }

    private static func read(_ table: CSVTable, roster: Roster, relation: Relation,
                             outside: [String]) throws(DiagnosticError) -> (pairs: [LeaderPair], warnings: [Diagnostic]) {
        let path = table.file
        let lookup = PersonLookup(roster)
        var rows = table.rows
        let header = table.header.map { $0.text.trimmingSpaces() }
        if header.count >= 2, lookup.resolvesToOne(header[0]), lookup.resolvesToOne(header[1]) { rows.insert(table.header, at: 0) }
        var check = ReferenceCheck(place: Message(relation == .conflict ? "pairs.file.conflict" : "pairs.file.wish"),
                                   noun: .pairFile(relation), file: path, roster: roster, lookup: lookup)
        check.inSheet = table.sheet != nil
        check.outside = OutsidePeople(outside)
        var errors: [Diagnostic] = [], warnings: [Diagnostic] = []
        var pairs = Set<LeaderPair>()
        for row in rows {
            let cells = row.filter { !$0.text.allSatisfy(\.isWhitespace) }
            guard cells.count == 2 else {
                errors.append(.error(path, row[0].line, 1, Message("pairs.notTwo", .int(cells.count)),
                                     hint: Message(relation == .conflict ? "pairs.notTwo.hint.conflict" : "pairs.notTwo.hint.wish")))
                continue
            }
            let ends = cells.compactMap { check.resolve($0.text, at: $0) }
            guard ends.count == 2 else { continue }
            if ends[0] == ends[1] {
                warnings.append(.warning(path, row[0].line, 1, Message("pairs.self"), hint: Message("pairs.self.hint")))
                continue
            }
            let pair = LeaderPair(ends[0], ends[1])
            pairs.insert(relation == .conflict ? pair.sorted : pair)
        }
        warnings += try check.sideFileWarnings(after: errors)
        return (pairs.sorted(), warnings)
    }
}

extension Roster {
    /// This roster with extra conflicts or wishes merged in (deduplicated, sorted).
    public func adding(_ pairs: [LeaderPair], as relation: PairFileLoader.Relation) -> Roster {
        var copy = self
        switch relation {
        case .conflict: copy.conflicts = Array(Set(conflicts + pairs)).sorted()
        case .wish: copy.wishes = Array(Set(wishes + pairs)).sorted()
        }
        return copy
    }
}
