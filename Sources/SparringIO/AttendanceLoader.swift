import SparringModel

/// Who takes part in which round of a plan (`plan --attendance`): per leader, the rounds they join, read from a
/// column of the roster or from a file of its own.
///
/// A cell lists rounds: `1,3`, `2-4`, `2-` (from round 2 on: a joiner), `-2` (until round 2: a leaver), a mix
/// (`1, 3-4`), `alle`/`all` or an empty cell (every round), `ingen`/`none` (no round: on leave all along). A file
/// has a column naming the leader (id or name, as every side file) and a `runder`/`rounds` column; a leader the file
/// does not list takes part in every round. Every bad cell, unknown leader and leader listed twice is an error at its
/// cell: a misspelt name must never leave someone on leave planned in.
public enum AttendanceLoader {
    /// Per round (0-based), the roster indices of the leaders taking part, ascending.
    public typealias Attendance = [[Int32]]

    /// Reads the roster's own column `column` (index into ``Roster/columns``).
    /// - Throws: ``DiagnosticError`` with every bad cell, at the roster's line (or row) and the column.
    /// - Complexity: O(n · cell length + n · rounds).
    public static func fromColumn(_ column: Int, of roster: Roster, file: String, rounds: Int) throws(DiagnosticError) -> Attendance {
        var joins = [[Bool]](repeating: [Bool](repeating: true, count: rounds), count: roster.count), errors: [Diagnostic] = []
        for i in 0..<roster.count {
            let text = column < roster.rows[i].count ? roster.rows[i][column] : ""
            do {
                joins[i] = try parse(text, rounds: rounds)
            } catch {
                let line = i < roster.lines.count ? roster.lines[i] : 0
                errors.append(diagnostic(error, file: file, line: line, column: column + 1, leader: roster.names[i]))
            }
        }
        if !errors.isEmpty { throw DiagnosticError(errors) }
        return byRound(joins, rounds: rounds)
    }

    /// Reads an attendance file (CSV or workbook) naming leaders by id or name.
    /// - Throws: ``DiagnosticError`` for an unreadable file, missing columns, bad cells, unknown leaders and
    ///   leaders listed twice, every one at its cell.
    /// - Complexity: O(rows · cell length + n · rounds).
    /// - Parameter outside: people not in the roster on purpose (`--outside`): rows naming them are left out.
    public static func load(path: String, roster: Roster, rounds: Int, outside: [String] = []) throws(DiagnosticError) -> Attendance {
        let table = try TableReader.read(path: path)
        do {
            return try read(table, roster: roster, rounds: rounds, outside: outside)
        } catch {
            throw table.locating(error)
        }
    }

    private static func read(_ table: CSVTable, roster: Roster, rounds: Int, outside: [String]) throws(DiagnosticError) -> Attendance {
        let path = table.file, lookup = PersonLookup(roster)
        let roles = table.header.map { ColumnRole.role(forHeader: $0.text) }
        let headers = table.header.map { normalizedHeader($0.text) }
        var rows = table.rows
        var leaderAt = roles.firstIndex(of: .id) ?? roles.firstIndex(of: .name)
        var roundsAt = headers.firstIndex { roundsHeaders.contains($0) }
        if leaderAt == nil || roundsAt == nil {
            guard table.header.count == 2 else {
                throw DiagnosticError(.error(path, table.header.first?.line ?? 1, 1, Message("attendance.noColumns"), hint: Message("attendance.noColumns.hint")))
            }
            (leaderAt, roundsAt) = (0, 1)
            if lookup.resolvesToOne(table.header[0].text) { rows.insert(table.header, at: 0) }
        }
        let (who, when) = (leaderAt!, roundsAt!)
        var check = ReferenceCheck(place: Message("attendance.file"), noun: ReferenceCheck.Noun("leader", "leaders", "row"), file: path, roster: roster,
                                   lookup: lookup)
        // A leader the file names wrongly would silently take part in every round: an error, as in a roster's own columns.
        check.outside = OutsidePeople(outside)
        check.inSheet = table.sheet != nil
        var joins = [[Bool]](repeating: [Bool](repeating: true, count: rounds), count: roster.count)
        var lineOf = [Int](repeating: 0, count: roster.count), errors: [Diagnostic] = []
        for row in rows where who < row.count && !row[who].text.allSatisfy(\.isWhitespace) {
            guard let leader = check.resolve(CSVWriter.restored(row[who].text), at: row[who]) else { continue }
            if lineOf[leader] > 0 {
                errors.append(.error(path, row[who].line, row[who].column,
                                     Message(table.sheet == nil ? "attendance.twice" : "attendance.twice.row", .text(roster.names[leader]), .int(lineOf[leader])),
                                     hint: Message("attendance.twice.hint")))
                continue
            }
            lineOf[leader] = row[who].line
            let field = when < row.count ? row[when] : CSVField("", line: row[who].line, column: who + 2)
            do {
                joins[leader] = try parse(field.text, rounds: rounds)
            } catch {
                errors.append(diagnostic(error, file: path, line: field.line, column: field.column, leader: roster.names[leader]))
            }
        }
        _ = try check.sideFileWarnings(after: errors)
        return byRound(joins, rounds: rounds)
    }

    /// Headers of the rounds column (normalised).
    static let roundsHeaders: Set<String> = ["runder", "runde", "rounds", "round", "deltager i runde", "deltager i runder", "attends", "attendance",
                                             "fremmøde", "deltagelse"]

    /// What is wrong with a cell.
    enum CellProblem: Error {
        /// Not a list of rounds.
        case unreadable(String)
        /// A round outside 1…rounds.
        case outside(Int)
    }

    /// The rounds (0-based flags) a cell lists. - Throws: ``CellProblem``. O(cell length + rounds).
    static func parse(_ text: String, rounds: Int) throws(CellProblem) -> [Bool] {
        let cell = text.trimmingSpaces().lowercased()
        if cell.isEmpty || ["alle", "all", "*"].contains(cell) { return [Bool](repeating: true, count: rounds) }
        if ["ingen", "none", "-"].contains(cell) { return [Bool](repeating: false, count: rounds) }
        var joins = [Bool](repeating: false, count: rounds)
        var words = cell
        for prefix in ["runderne", "runder", "runde", "rounds", "round"] where words.hasPrefix(prefix) {
            words = String(words.dropFirst(prefix.count))
            break
        }
        let pieces = words.replacingOccurrences(of: " og ", with: ",").replacingOccurrences(of: " and ", with: ",")
            .split(whereSeparator: { $0 == "," || $0 == ";" || $0 == "+" }).map { $0.trimmingSpaces() }
        guard !pieces.isEmpty else { throw .unreadable(text) }
        for piece in pieces {
            let ends = piece.split(separator: "-", omittingEmptySubsequences: false).map { $0.trimmingSpaces() }
            guard ends.count <= 2, !(ends.count == 2 && ends[0].isEmpty && ends[1].isEmpty) else { throw .unreadable(text) }
            func round(_ part: String, default fallback: Int) throws(CellProblem) -> Int {
                if part.isEmpty { return fallback }
                guard let number = Int(part) else { throw .unreadable(text) }
                guard (1...rounds).contains(number) else { throw .outside(number) }
                return number
            }
            let first = try round(ends[0], default: 1)
            let last = ends.count == 2 ? try round(ends[1], default: rounds) : first
            guard first <= last else { throw .unreadable(text) }
            for r in first...last { joins[r - 1] = true }
        }
        return joins
    }

    /// The error for a bad cell of `leader`'s.
    private static func diagnostic(_ problem: CellProblem, file: String, line: Int, column: Int, leader: String) -> Diagnostic {
        switch problem {
        case .unreadable(let text):
            return .error(file, line, column, Message("attendance.badCell", .text(displaySafe(leader)), .quoted(text)), hint: Message("attendance.badCell.hint"))
        case .outside(let round):
            return .error(file, line, column, Message("attendance.noSuchRound", .text(displaySafe(leader)), .int(round)), hint: Message("attendance.noSuchRound.hint"))
        }
    }

    /// Per-leader flags turned into per-round lists. O(n · rounds).
    private static func byRound(_ joins: [[Bool]], rounds: Int) -> Attendance {
        (0..<rounds).map { r in joins.indices.filter { joins[$0][r] }.map(Int32.init) }
    }
}
