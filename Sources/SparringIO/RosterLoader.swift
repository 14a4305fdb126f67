import SparringModel

/// A roster that loaded, with the warnings a consultant should still read.
public struct LoadedRoster: Sendable {
    public var roster: Roster
    public var warnings: [Diagnostic]
    /// How the file was read: encoding and delimiter, for the `check` summary.
    public var encoding: String
    public var delimiter: Character
}

/// Builds a validated ``Roster`` from a roster CSV, collecting every problem in one pass.
///
/// Errors (the roster cannot be used): missing or empty id column, empty or duplicate ids, ragged rows,
/// non-numbers in numeric columns, a leader who is their own manager, duplicate or unnamed columns.
/// Warnings (listed, roster still used): references to ids outside the roster, self-references in
/// conflicts or wishes, rank labels with no known order.
public enum RosterLoader {
    /// Reads, parses and validates the roster at `path`.
    /// - Throws: ``DiagnosticError`` with every error found (sorted by line and column).
    public static func load(path: String) throws(DiagnosticError) -> LoadedRoster {
        try load(table: CSVReader.read(path: path))
    }

    /// Validates a parsed table. O(cells).
    public static func load(table: CSVTable) throws(DiagnosticError) -> LoadedRoster {
        var builder = Builder(table: table)
        builder.build()
        let errors = builder.diagnostics.filter { $0.severity == .error }
        if !errors.isEmpty { throw DiagnosticError(sortedByPosition(errors)) }
        let warnings = sortedByPosition(builder.diagnostics.filter { $0.severity == .warning })
        return LoadedRoster(roster: builder.roster, warnings: warnings, encoding: table.encoding, delimiter: table.delimiter)
    }

    static func sortedByPosition(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.enumerated().sorted { a, b in
            (a.element.line, a.element.column, a.offset) < (b.element.line, b.element.column, b.offset)
        }.map(\.element)
    }

    /// Splits a cell listing ids (`12|14`, also `12, 14` or `12;14`) into trimmed, non-empty ids.
    static func splitIDList(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == "|" || $0 == "," || $0 == ";" }).map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
    }

    private struct Builder {
        let table: CSVTable
        var diagnostics: [Diagnostic] = []
        var roster = Roster(ids: [], names: [], attributes: [], managers: [], conflicts: [], wishes: [])

        init(table: CSVTable) { self.table = table }

        var file: String { table.file }

        mutating func error(_ field: CSVField, _ message: String, hint: String) {
            diagnostics.append(.error(file, field.line, field.column, message, hint: hint))
        }

        mutating func warning(_ field: CSVField, _ message: String, hint: String) {
            diagnostics.append(.warning(file, field.line, field.column, message, hint: hint))
        }

        /// Cell `column` of `row`, or an empty cell placed at the row's end when the row is short.
        func cell(_ row: [CSVField], _ column: Int) -> CSVField {
            if column < row.count { return row[column] }
            let last = row.last!
            return CSVField("", line: last.line, column: last.column)
        }

        mutating func build() {
            let columns = mapColumns()
            guard let idColumn = columns.roles[.id] else {
                let names = table.header.map { quoted($0.text) }.joined(separator: ", ")
                diagnostics.append(.error(file, table.header[0].line, 1, "there is no id column; the header names \(names)",
                                          hint: "add a column \"id\" (or \"nr\", \"medarbejdernr\") with a unique key for each leader."))
                return
            }
            checkRowShapes(columns: columns)
            if table.rows.isEmpty {
                diagnostics.append(.error(file, table.endLine, 0, "the roster has a header but no leaders",
                                          hint: "check that you exported the sheet with the leaders, not an empty one."))
                return
            }
            let ids = readIDs(column: idColumn)
            var index: [String: Int] = [:]
            for (i, id) in ids.enumerated() where !id.isEmpty && index[id] == nil { index[id] = i }

            roster.ids = ids
            roster.names = readNames(columns: columns, ids: ids)
            roster.attributes = readAttributes(columns: columns)
            roster.managers = readManagers(column: columns.roles[.manager], ids: ids, index: index)
            roster.conflicts = readIDLists(column: columns.roles[.conflicts], ids: ids, index: index, what: "conflict", symmetric: true)
            roster.wishes = readIDLists(column: columns.roles[.wishes], ids: ids, index: index, what: "wish", symmetric: false)
            roster.columns = columns.kept.map { table.header[$0].text.trimmingSpaces() }
            roster.rows = table.rows.map { row in columns.kept.map { cell(row, $0).text } }
        }

        struct Columns {
            var roles: [ColumnRole: Int] = [:]
            /// Extra attribute columns with their keys.
            var extras: [(column: Int, key: String)] = []
            /// Columns with a header, in file order (outputs repeat these).
            var kept: [Int] = []
        }

        mutating func mapColumns() -> Columns {
            var columns = Columns()
            var extraKeys: [String: Int] = [:]
            for (c, field) in table.header.enumerated() {
                let header = field.text.trimmingSpaces()
                if header.isEmpty {
                    if let used = table.rows.first(where: { c < $0.count && !$0[c].text.allSatisfy(\.isWhitespace) }) {
                        error(used[c], "this cell is in column \(c + 1), which has no header",
                              hint: "give the column a name in the first row, or delete the column.")
                    }
                    continue
                }
                columns.kept.append(c)
                if let role = ColumnRole.role(forHeader: header) {
                    if let earlier = columns.roles[role] {
                        error(field, "two columns mean \(role.rawValue): \(quoted(table.header[earlier].text.trimmingSpaces())) in column \(earlier + 1) and \(quoted(header)) in column \(c + 1)",
                              hint: "rename or delete one of them.")
                    } else {
                        columns.roles[role] = c
                    }
                    continue
                }
                let key = normalizedHeader(header)
                if let earlier = extraKeys[key] {
                    error(field, "the column name \(quoted(header)) is used twice (columns \(earlier + 1) and \(c + 1))",
                          hint: "give each column its own name.")
                    continue
                }
                extraKeys[key] = c
                columns.extras.append((c, key))
            }
            return columns
        }

        mutating func checkRowShapes(columns: Columns) {
            let width = table.header.count
            for row in table.rows {
                if row.count < width {
                    let last = row.last!
                    error(CSVField("", line: row[0].line, column: 1), "this row has \(row.count) cell\(row.count == 1 ? "" : "s") but the header has \(width)",
                          hint: "a cell is missing, or two cells were merged; compare the row with the header (last cell read: \(quoted(last.text))).")
                } else if row.count > width, let extra = row[width...].first(where: { !$0.text.allSatisfy(\.isWhitespace) }) {
                    let delimiter = table.delimiter == "\t" ? "tab" : "'\(table.delimiter)'"
                    error(extra, "this row has \(row.count) cells but the header has \(width); \(quoted(extra.text)) is past the last column",
                          hint: "a value contains the delimiter \(delimiter): put that value in double quotes, or add a header for the extra column.")
                }
            }
        }

        mutating func readIDs(column: Int) -> [String] {
            var firstLine: [String: Int] = [:]
            var ids: [String] = []
            ids.reserveCapacity(table.rows.count)
            for row in table.rows {
                let field = cell(row, column)
                let id = field.text.trimmingSpaces()
                if id.isEmpty {
                    error(field, "this leader has no id", hint: "give every leader a unique id, or delete the row if it is not a leader.")
                } else if let line = firstLine[id] {
                    error(field, "the id \(quoted(id)) is used twice; it is also on line \(line)",
                          hint: "give every leader a unique id; if it is the same person, delete one of the rows.")
                } else {
                    firstLine[id] = field.line
                }
                ids.append(id)
            }
            return ids
        }

        func readNames(columns: Columns, ids: [String]) -> [String] {
            table.rows.enumerated().map { i, row in
                if let c = columns.roles[.name] {
                    let name = cell(row, c).text.trimmingSpaces()
                    if !name.isEmpty { return name }
                }
                let first = columns.roles[.firstName].map { cell(row, $0).text.trimmingSpaces() } ?? ""
                let last = columns.roles[.lastName].map { cell(row, $0).text.trimmingSpaces() } ?? ""
                let joined = [first, last].filter { !$0.isEmpty }.joined(separator: " ")
                return joined.isEmpty ? ids[i] : joined
            }
        }

        mutating func readAttributes(columns: Columns) -> [Attribute] {
            var attributes: [Attribute] = []
            var sources: [(column: Int, key: String, role: ColumnRole?)] = []
            for role in ColumnRole.allCases where role.isAttribute {
                if let c = columns.roles[role] { sources.append((c, role.rawValue, role)) }
            }
            sources += columns.extras.map { ($0.column, $0.key, nil) }
            sources.sort { $0.column < $1.column }
            for source in sources {
                let header = table.header[source.column].text.trimmingSpaces()
                let cells = table.rows.map { cell($0, source.column) }
                if source.role == .rank {
                    attributes.append(readRank(cells: cells, header: header))
                } else if let role = source.role, role.isNumeric {
                    attributes.append(readNumbers(cells: cells, header: header, key: source.key, role: role))
                } else if source.role == nil, cells.contains(where: { !$0.text.allSatisfy(\.isWhitespace) }),
                          cells.allSatisfy({ $0.text.allSatisfy(\.isWhitespace) || parseLooseNumber($0.text) != nil }) {
                    attributes.append(readNumbers(cells: cells, header: header, key: source.key, role: nil))
                } else {
                    attributes.append(readCategories(cells: cells, header: header, key: source.key, role: source.role))
                }
            }
            return attributes
        }

        /// Labels are merged case-insensitively; the first spelling seen is kept.
        func categoryCodes(_ cells: [CSVField]) -> (levels: [String], codes: [Int32]) {
            var levels: [String] = []
            var lookup: [String: Int32] = [:]
            let codes: [Int32] = cells.map { field in
                let label = field.text.trimmingSpaces()
                if label.isEmpty { return -1 }
                let folded = label.lowercased()
                if let code = lookup[folded] { return code }
                let code = Int32(levels.count)
                lookup[folded] = code
                levels.append(label)
                return code
            }
            return (levels, codes)
        }

        func readCategories(cells: [CSVField], header: String, key: String, role: ColumnRole?) -> Attribute {
            let (levels, codes) = categoryCodes(cells)
            return Attribute(header: header, key: key, role: role, kind: .categorical, levels: levels, codes: codes)
        }

        mutating func readNumbers(cells: [CSVField], header: String, key: String, role: ColumnRole?) -> Attribute {
            let values: [Double] = cells.map { field in
                let text = field.text.trimmingSpaces()
                if text.isEmpty { return .nan }
                guard let value = parseLooseNumber(text) else {
                    error(field, "\(key) \(quoted(text)) is not a number",
                          hint: "write the \(role == .age ? "age in years" : "number of years") as digits, e.g. 12 or 3,5, or leave the cell empty.")
                    return .nan
                }
                if value < 0 {
                    error(field, "\(key) \(quoted(text)) is negative", hint: "write the number of years, 0 or more.")
                    return .nan
                }
                return value
            }
            return Attribute(header: header, key: key, role: role, kind: .numeric, values: values)
        }

        mutating func readRank(cells: [CSVField], header: String) -> Attribute {
            let (labels, codes) = categoryCodes(cells)
            let (ordered, known) = RankOrder.order(labels)
            if !known, labels.count > 1, let first = cells.first {
                warning(CSVField(header, line: table.header[0].line, column: table.header.first { $0.text.trimmingSpaces() == header }?.column ?? first.column),
                        "the rank labels \(labels.prefix(6).map { quoted($0) }.joined(separator: ", ")) have no known order; they are ordered alphabetically",
                        hint: "write ranks as numbers (1 = first-line leader) or use titles such as teamleder, institutionsleder, chef, direktør.")
            }
            let position = Dictionary(uniqueKeysWithValues: ordered.enumerated().map { ($1, Int32($0)) })
            let newCodes = codes.map { $0 < 0 ? Int32(-1) : position[labels[Int($0)]]! }
            let values = newCodes.map { $0 < 0 ? Double.nan : Double($0 + 1) }
            return Attribute(header: header, key: ColumnRole.rank.rawValue, role: .rank, kind: .ordinal,
                             levels: ordered, codes: newCodes, values: values)
        }

        mutating func readManagers(column: Int?, ids: [String], index: [String: Int]) -> [Int32] {
            guard let column else { return [Int32](repeating: -1, count: ids.count) }
            return table.rows.enumerated().map { i, row in
                let field = cell(row, column)
                let manager = field.text.trimmingSpaces()
                if manager.isEmpty { return -1 }
                if manager == ids[i] {
                    error(field, "leader \(quoted(ids[i])) is named as their own manager",
                          hint: "leave the cell empty for a leader whose manager is not in the roster, or write the manager's id.")
                    return -1
                }
                guard let m = index[manager] else {
                    warning(field, "the manager \(quoted(manager)) of leader \(quoted(ids[i])) is not in the roster; this reporting line is not used",
                            hint: "this is a director who is not being grouped, which is fine; otherwise add the manager to the roster or correct the id.")
                    return -1
                }
                return Int32(m)
            }
        }

        mutating func readIDLists(column: Int?, ids: [String], index: [String: Int], what: String, symmetric: Bool) -> [LeaderPair] {
            guard let column else { return [] }
            var pairs = Set<LeaderPair>()
            for (i, row) in table.rows.enumerated() {
                let field = cell(row, column)
                for other in splitIDList(field.text) {
                    guard let j = index[other] else {
                        warning(field, "the \(what) \(quoted(other)) of leader \(quoted(ids[i])) is not in the roster and is ignored",
                                hint: "check the id; a leader who has left can simply be removed from the cell.")
                        continue
                    }
                    if j == i {
                        warning(field, "leader \(quoted(ids[i])) names themself as a \(what); that is ignored", hint: "remove the own id from the cell.")
                        continue
                    }
                    let pair = LeaderPair(i, j)
                    pairs.insert(symmetric ? pair.sorted : pair)
                }
            }
            return pairs.sorted()
        }
    }
}
