import SparringModel

/// A grouping read from a file: which group each roster leader is in, under the file's own group labels.
public struct LoadedGrouping: Sendable {
    /// The file's group labels, one per group index: numeric labels in numeric order, others in order of
    /// first appearance.
    public var labels: [String]
    /// Per roster leader, the group index, or -1 when the file does not place them.
    public var groupOf: [Int32]
    /// Roster leaders the file does not place, in roster order.
    public var missing: [Int] { groupOf.indices.filter { groupOf[$0] < 0 } }
    /// Ids outside the roster and other problems that do not make the file unusable.
    public var warnings: [Diagnostic]
    /// The line each placed leader was read from (0 when not placed), for messages; in a workbook, the row.
    public var lines: [Int]
    /// The sheet the grouping was read from, when the file is a workbook (then ``lines`` are its rows).
    public var sheet: String? = nil
    /// Per label (parallel to ``labels``), the rows that name it, those of people no longer in the roster included
    /// (a previous grouping's leavers).
    public var rowsPerLabel: [Int] = []
}

/// Reads an `id,group` file: our own assignments CSV or workbook, the same file edited in Excel, last year's
/// grouping, or a pin file. Any other columns are ignored. A workbook is read from its first sheet. The
/// apostrophe Sparring puts before formula-like ids and labels in the CSV files it writes
/// (``CSVWriter/neutralized(_:)``) is taken off again.
///
/// Leaders are named by id or by name (see ``PersonLookup``): the id column is found by its header (`id`,
/// `nr`, …), else the name column (`name`, `navn`); the group column by `group`/`gruppe`. A file of exactly two
/// columns may have any header, or none (then its first row is data when its first cell names a leader).
public enum GroupingLoader {
    /// - Parameter what: how messages name the file's content: "grouping", "history", "previous grouping",
    ///   "pins" or "keep-together" (each has a text in every language; any other is shown as it is).
    /// - Throws: ``DiagnosticError`` for unreadable files, missing columns, empty group cells and leaders placed twice.
    /// - Complexity: O(rows + n).
    public static func load(path: String, roster: Roster, what: String = "grouping") throws(DiagnosticError) -> LoadedGrouping {
        try load(table: TableReader.read(path: path), roster: roster, what: what)
    }

    /// ``load(path:roster:what:)`` for a table already read (a CSV file or a workbook's sheet); problems in a
    /// sheet name their cells.
    public static func load(table: CSVTable, roster: Roster, what: String = "grouping") throws(DiagnosticError) -> LoadedGrouping {
        do {
            var grouping = try read(table, roster: roster, what: what)
            grouping.warnings = table.locating(grouping.warnings)
            grouping.sheet = table.sheet
            return grouping
        } catch {
            throw table.locating(error)
        }
    }

    private static func read(_ table: CSVTable, roster: Roster, what: String) throws(DiagnosticError) -> LoadedGrouping {
        let path = table.file
        let lookup = PersonLookup(roster)
        var rows = table.rows
        let headers = table.header.map { ColumnRole.role(forHeader: $0.text) }
        var idColumn = headers.firstIndex(of: .id) ?? headers.firstIndex(of: .name)
        var groupColumn = headers.firstIndex(of: .group)
        if idColumn == nil || groupColumn == nil {
            guard table.header.count == 2 else {
                let missing = Message(idColumn == nil ? "grouping.idColumn" : "grouping.groupColumn")
                throw DiagnosticError(.error(path, table.header.first?.line ?? 1, 1, Message("grouping.noColumn", .message(fileName(what)), .message(missing)),
                                             hint: Message("grouping.noColumn.hint")))
            }
            (idColumn, groupColumn) = (0, 1)
            if lookup.resolvesToOne(table.header[0].text) { rows.insert(table.header, at: 0) }
        }
        let (idAt, groupAt) = (idColumn!, groupColumn!)

        var check = ReferenceCheck(place: fileName(what), noun: .groupingRow, file: path, roster: roster, lookup: lookup)
        check.inSheet = table.sheet != nil
        var errors: [Diagnostic] = []
        var labelOf: [String: Int32] = [:], labels: [String] = []
        var groupOf = [Int32](repeating: -1, count: roster.count), lines = [Int](repeating: 0, count: roster.count)
        var rowsNaming: [String: Int] = [:]
        for row in rows {
            if idAt < row.count, !row[idAt].text.allSatisfy(\.isWhitespace), groupAt < row.count {
                let label = CSVWriter.restored(row[groupAt].text.trimmingSpaces())
                if !label.isEmpty { rowsNaming[label, default: 0] += 1 }
            }
            guard idAt < row.count, !row[idAt].text.allSatisfy(\.isWhitespace) else {
                errors.append(.error(path, row[0].line, 1, Message("grouping.noID"), hint: Message("grouping.noID.hint")))
                continue
            }
            let idField = row[idAt]
            // Our own CSV puts an apostrophe before formula-like text (CSVWriter.neutralized): undone here, unless
            // the roster itself holds the id with the apostrophe.
            let idText = lookup.resolvesToOne(idField.text) ? idField.text : CSVWriter.restored(idField.text)
            guard let leader = check.resolve(idText, at: idField) else { continue }
            let id = roster.ids[leader]
            let label = CSVWriter.restored(groupAt < row.count ? row[groupAt].text.trimmingSpaces() : "")
            guard !label.isEmpty else {
                let field = groupAt < row.count ? row[groupAt] : CSVField("", line: idField.line, column: 1)
                errors.append(.error(path, field.line, field.column, Message("grouping.noGroup", .text(roster.names[leader]), .text(id)),
                                     hint: Message("grouping.noGroup.hint")))
                continue
            }
            if lines[leader] > 0 {
                errors.append(.error(path, idField.line, idField.column,
                                     table.sheet == nil ? Message("grouping.placedTwice", .text(roster.names[leader]), .text(id), .text("\(lines[leader])"))
                                         : Message("grouping.placedTwice.row", .text(roster.names[leader]), .text(id), .text("\(lines[leader])")),
                                     hint: Message("grouping.placedTwice.hint")))
                continue
            }
            if labelOf[label] == nil {
                labelOf[label] = Int32(labels.count)
                labels.append(label)
            }
            groupOf[leader] = labelOf[label]!
            lines[leader] = idField.line
        }
        let warnings = try check.sideFileWarnings(after: errors)

        // Numeric labels in numeric order, so that group 2 comes before group 10.
        let numbers = labels.map { Int($0) }
        if !labels.isEmpty, numbers.allSatisfy({ $0 != nil }) {
            let order = labels.indices.sorted { numbers[$0]! < numbers[$1]! }
            var rank = [Int32](repeating: 0, count: labels.count)
            for (position, g) in order.enumerated() { rank[g] = Int32(position) }
            labels = order.map { labels[$0] }
            groupOf = groupOf.map { $0 < 0 ? -1 : rank[Int($0)] }
        }
        var grouping = LoadedGrouping(labels: labels, groupOf: groupOf, warnings: warnings, lines: lines)
        grouping.rowsPerLabel = labels.map { rowsNaming[$0] ?? 0 }
        return grouping
    }

    /// "this pins file": the file named by its content (see `load`'s `what`).
    static func fileName(_ what: String) -> Message {
        let known = ["grouping": "grouping", "history": "history", "previous grouping": "previous", "pins": "pins", "keep-together": "together"]
        guard let key = known[what] else { return Message("grouping.file.other", .text(what)) }
        return Message("grouping.file.\(key)")
    }
}
