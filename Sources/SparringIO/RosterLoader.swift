import SparringModel

/// A roster that loaded, with the warnings a consultant should still read.
public struct LoadedRoster: Sendable {
    public var roster: Roster
    public var warnings: [Diagnostic]
    /// How the file was read: encoding and delimiter, for the `check` summary (``CSVTable/workbookEncoding``
    /// for a workbook).
    public var encoding: String
    public var delimiter: Character
    /// The sheet read, when the roster is a workbook.
    public var sheet: String?
    /// The people named in relation cells who are outside the roster on purpose (`--outside`, or marked in the
    /// cell), as first written: said once in `check`'s summary, so that none is accepted unseen.
    public var outside: [String] = []
    /// The language the roster is written in, judged by its headers (see ``Language/of(headers:)``): what a
    /// person reads about it is shown in this language unless `--language` says otherwise.
    public let language: Language
}

/// How to read a roster beyond what the file says.
public struct RosterOptions: Sendable, Equatable {
    /// The rank titles from highest to lowest (`--rank-order`), or empty to use the known titles.
    public var rankOrder: [String]
    /// The sheet to read when the roster is a workbook (`--sheet`), or nil for the first.
    public var sheet: String?
    /// The column that holds each relation, by header (`--manager-column`, `--conflicts-column`,
    /// `--wishes-column`), when its header does not say so. Only ``ColumnRole/isRelation`` roles.
    public var relationColumns: [ColumnRole: String]
    /// Columns that are plain attributes although their header or their cells look like people
    /// (`--attribute-column`, by header).
    public var attributeColumns: [String]
    /// People who are named in relation cells but are not in the roster on purpose (`--outside`): by name or id.
    public var outside: [String]
    /// Asked now and then while reading: `true` stops the reading with ``ReadingStopped`` (Ctrl-C).
    public var shouldStop: @Sendable () -> Bool

    public init(rankOrder: [String] = [], sheet: String? = nil, relationColumns: [ColumnRole: String] = [:],
                attributeColumns: [String] = [], outside: [String] = [], shouldStop: @escaping @Sendable () -> Bool = { false }) {
        self.rankOrder = rankOrder
        self.sheet = sheet
        self.relationColumns = relationColumns
        self.attributeColumns = attributeColumns
        self.outside = outside
        self.shouldStop = shouldStop
    }

    public static func == (a: RosterOptions, b: RosterOptions) -> Bool {
        a.rankOrder == b.rankOrder && a.sheet == b.sheet && a.relationColumns == b.relationColumns
            && a.attributeColumns == b.attributeColumns && a.outside == b.outside
    }
}

/// Builds a validated ``Roster`` from a roster CSV or a workbook's sheet, collecting every problem in one pass.
///
/// Errors (the roster cannot be used): missing or empty id column, empty or duplicate ids, ragged rows,
/// non-numbers or implausible numbers in numeric columns, a leader who is their own manager, reporting lines
/// that go round in a circle, names that could mean several leaders, a relation column whose references mostly
/// match nobody, rank titles missing from `--rank-order`, duplicate or unnamed columns.
/// Warnings (listed, grouped by kind, roster still used): a few references to people outside the roster, ids
/// matched without their leading zeros, self-references in conflicts or wishes, rank titles of unknown level.
///
/// People in the manager, conflicts and wishes columns may be written by id or by name (see ``PersonLookup``).
public enum RosterLoader {
    /// The ids of the template's example row (``exampleRow``): a roster that still holds it is refused.
    public static let exampleIDs: Set<String> = ["EKSEMPEL", "EXAMPLE"]

    /// Reads, parses and validates the roster at `path`: a CSV file, or a workbook (its first sheet, or
    /// `options.sheet`; see ``TableReader``).
    /// - Throws: ``DiagnosticError`` with every error found (sorted by line and column).
    public static func load(path: String, options: RosterOptions = RosterOptions()) throws(DiagnosticError) -> LoadedRoster {
        let table = try TableReader.read(path: path, sheet: options.sheet, shouldStop: options.shouldStop)
        if options.shouldStop() { throw ReadingStopped.error(path) }
        return try load(table: table, options: options)
    }

    /// Validates a parsed table. O(cells).
    /// - Throws: ``DiagnosticError`` with every error found, in the language of the header row.
    public static func load(table: CSVTable, options: RosterOptions = RosterOptions()) throws(DiagnosticError) -> LoadedRoster {
        let language = Language.of(headers: table.header.map(\.text))
        var builder = Builder(table: table, options: options)
        builder.build()
        if options.shouldStop() { throw ReadingStopped.error(table.file) }
        let errors = RepeatedProblems.collapse(sortedByPosition(builder.diagnostics.filter { $0.severity == .error }), inSheet: table.sheet != nil,
                                              rowCount: table.rows.count)
        if !errors.isEmpty { throw DiagnosticError(table.locating(sortedByPosition(errors)), language: language) }
        let warnings = table.locating(sortedByPosition(builder.diagnostics.filter { $0.severity == .warning }))
        var loaded = LoadedRoster(roster: builder.roster, warnings: warnings, encoding: table.encoding, delimiter: table.delimiter,
                                  sheet: table.sheet, language: language)
        loaded.outside = builder.outside
        return loaded
    }

    static func sortedByPosition(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.enumerated().sorted { a, b in
            (a.element.line, a.element.column, a.offset) < (b.element.line, b.element.column, b.offset)
        }.map(\.element)
    }

    /// Largest plausible values of the numeric roles; anything beyond is a typing or export error.
    static let plausibleRange: [ColumnRole: ClosedRange<Double>] = [.seniority: 0...80, .age: 0...120]
    /// Largest magnitude of a number in an extra numeric column (keeps every sum of squares finite and exact enough).
    public static let largestNumber = 1e9

    private struct Builder {
        let table: CSVTable
        let options: RosterOptions
        var diagnostics: [Diagnostic] = []
        /// People outside the roster on purpose, named in the relation columns.
        var outside: [String] = []
        var roster = Roster(ids: [], names: [], attributes: [], managers: [], conflicts: [], wishes: [])

        init(table: CSVTable, options: RosterOptions) {
            self.table = table
            self.options = options
        }

        var file: String { table.file }

        mutating func error(_ field: CSVField, _ message: Message, hint: Message) {
            diagnostics.append(.error(file, field.line, field.column, message, hint: hint))
        }

        mutating func warning(_ field: CSVField, _ message: Message, hint: Message) {
            diagnostics.append(.warning(file, field.line, field.column, message, hint: hint))
        }

        /// Cell `column` of `row`, or an empty cell placed at the row's end when the row is short (in a sheet: at
        /// its own column, since a sheet's rows end at their last cell with content).
        func cell(_ row: [CSVField], _ column: Int) -> CSVField {
            if column < row.count { return row[column] }
            let last = row.last!
            return CSVField("", line: last.line, column: table.sheet == nil ? last.column : column + 1)
        }

        mutating func build() {
            let columns = mapColumns()
            guard let idColumn = columns.roles[.id] else {
                let names = Message.Argument.commaSeparated(table.header.map { .quoted($0.text) })
                diagnostics.append(.error(file, table.header[0].line, 1, Message("roster.noIDColumn", names), hint: Message("roster.noIDColumn.hint")))
                return
            }
            if table.sheet == nil { checkRowShapes(columns: columns) }
            if table.rows.isEmpty {
                diagnostics.append(.error(file, table.endLine, 0, Message("roster.noLeaders"), hint: Message("roster.noLeaders.hint")))
                return
            }
            // Ctrl-C is looked for between the steps (and between columns): each is O(cells) at most.
            let stop = options.shouldStop
            let ids = readIDs(column: idColumn)
            roster.ids = ids
            roster.names = readNames(columns: columns, ids: ids)
            roster.lines = table.rows.map { $0[0].line }
            roster.linesAreRows = table.sheet != nil
            if stop() { return }
            roster.attributes = readAttributes(columns: columns)
            if stop() { return }
            let lookup = PersonLookup(roster)
            checkPeopleColumns(columns: columns, lookup: lookup)
            for name in options.outside where lookup.resolvesToOne(name) {
                diagnostics.append(.warning(nil, table.header[0].line, 0, Message("input.outsideInRoster", .quoted(name.trimmingSpaces())),
                                            hint: Message("input.outsideInRoster.hint")))
            }
            if stop() { return }
            roster.managers = readManagers(column: columns.roles[.manager], lookup: lookup)
            if stop() { return }
            roster.conflicts = readPeopleLists(column: columns.roles[.conflicts], lookup: lookup, relation: .conflict)
            if stop() { return }
            roster.wishes = readPeopleLists(column: columns.roles[.wishes], lookup: lookup, relation: .wish)
            if stop() { return }
            roster.columns = columns.kept.map { table.header[$0].text.trimmingSpaces() }
            roster.rows = table.rows.map { row in columns.kept.map { cell(row, $0).text } }
            if let column = columns.roles[.manager] { checkReportingCircles(column: column) }
        }

        mutating func noteOutside(_ names: [String]) {
            for name in names where !outside.contains(where: { normalizedHeader($0) == normalizedHeader(name) }) { outside.append(name) }
        }

        /// `column "nærmeste leder"`, for messages about a whole column.
        func columnPlace(_ column: Int) -> Message { Message("roster.column", .quoted(table.header[column].text.trimmingSpaces())) }

        struct Columns {
            var roles: [ColumnRole: Int] = [:]
            /// Extra attribute columns with their keys.
            var extras: [(column: Int, key: String)] = []
            /// Columns with a header, in file order (outputs repeat these).
            var kept: [Int] = []
        }

        /// The column whose header is `name` (ignoring case, spaces and punctuation), or an error naming the columns.
        mutating func column(named name: String, option: String) -> Int? {
            let wanted = ColumnRole.headerWords(name)
            if let c = table.header.firstIndex(where: { normalizedHeader($0.text) == normalizedHeader(name) })
                ?? table.header.firstIndex(where: { ColumnRole.headerWords($0.text) == wanted && !wanted.isEmpty }) {
                return c
            }
            let names = Message.Argument.commaSeparated(table.header.filter { !$0.text.trimmingSpaces().isEmpty }.map { .quoted($0.text.trimmingSpaces()) })
            diagnostics.append(.error(file, table.header[0].line, 0, Message("input.noSuchColumn", .text(option), .quoted(name), names),
                                      hint: Message("input.noSuchColumn.hint")))
            return nil
        }

        mutating func mapColumns() -> Columns {
            var columns = Columns()
            var extraKeys: [String: Int] = [:]
            var forced: [Int: ColumnRole] = [:]
            // The option that named each column, so that two options naming one column is an error, not a choice.
            var namedBy: [Int: String] = [:]
            func claim(_ c: Int, _ option: String) -> Bool {
                if let earlier = namedBy[c] {
                    error(table.header[c], Message("input.columnNamedTwice", .text(earlier), .text(option), .quoted(table.header[c].text.trimmingSpaces())),
                          hint: Message("input.columnNamedTwice.hint"))
                    return false
                }
                namedBy[c] = option
                return true
            }
            for role in [ColumnRole.manager, .conflicts, .wishes] {
                let option = "\(role.rawValue)-column"
                guard let name = options.relationColumns[role], let c = column(named: name, option: option), claim(c, option) else { continue }
                forced[c] = role
            }
            var plain = Set<Int>()
            for name in options.attributeColumns {
                if let c = column(named: name, option: "attribute-column"), claim(c, "attribute-column") { plain.insert(c) }
            }
            attributeOnly = plain
            for (c, field) in table.header.enumerated() {
                let header = field.text.trimmingSpaces()
                if header.isEmpty {
                    if let used = table.rows.first(where: { c < $0.count && !$0[c].text.allSatisfy(\.isWhitespace) }) {
                        error(used[c], Message("roster.unnamedColumn", .text(table.columnName(c))), hint: Message("roster.unnamedColumn.hint"))
                    }
                    continue
                }
                columns.kept.append(c)
                var role = plain.contains(c) ? nil : forced[c] ?? ColumnRole.role(forHeader: header)
                // A relation the options place in another column: this one is then a plain column.
                if let found = role, forced[c] == nil, forced.values.contains(found) { role = nil }
                if let role {
                    if let earlier = columns.roles[role] {
                        error(field, Message("roster.sameRole", Attribute.roleName(role),
                                             .quoted(table.header[earlier].text.trimmingSpaces()), .text(table.columnName(earlier)),
                                             .quoted(header), .text(table.columnName(c))),
                              hint: Message("roster.sameRole.hint"))
                    } else {
                        columns.roles[role] = c
                    }
                    continue
                }
                let key = normalizedHeader(header)
                if let earlier = extraKeys[key] {
                    error(field, Message("roster.sameName", .quoted(header), .text(table.columnName(earlier)), .text(table.columnName(c))),
                          hint: Message("roster.sameName.hint"))
                    continue
                }
                extraKeys[key] = c
                columns.extras.append((c, key))
            }
            return columns
        }

        /// Columns the consultant said are plain attributes (`--attribute-column`): never taken for people.
        var attributeOnly = Set<Int>()

        /// A plain column whose cells mostly name leaders of the roster, or whose header reads like a relation and
        /// whose cells name some: an error, because the relation would be lost in silence (see ``PeopleColumn``).
        mutating func checkPeopleColumns(columns: Columns, lookup: PersonLookup) {
            for (c, _) in columns.extras where !attributeOnly.contains(c) {
                if options.shouldStop() { return }
                let cells = table.rows.map { cell($0, c) }
                guard let finding = PeopleColumn.judge(header: table.header[c].text, cells: cells, lookup: lookup) else { continue }
                let header = table.header[c].text.trimmingSpaces()
                let reason = finding.people * 2 > finding.filled
                    ? Message("input.peopleColumn.byCells", .int(finding.people), .int(finding.filled), .quoted(finding.example.text),
                              .message(table.sheet == nil ? Message("input.onLine", .int(finding.example.line)) : Message("input.onRow", .int(finding.example.line))))
                    : Message("input.peopleColumn.byHeader", .int(finding.people), .quoted(finding.example.text))
                let hint = switch finding.guess {
                case .manager?: Message("input.peopleColumn.hint.manager", .text(shellQuoted(header)))
                case .conflicts?: Message("input.peopleColumn.hint.conflicts", .text(shellQuoted(header)))
                case .wishes?: Message("input.peopleColumn.hint.wishes", .text(shellQuoted(header)))
                default: Message("input.peopleColumn.hint.unknown", .text(shellQuoted(header)))
                }
                error(table.header[c], Message("input.peopleColumn", .quoted(header), .message(reason)), hint: hint)
            }
        }

        mutating func checkRowShapes(columns: Columns) {
            let width = table.header.count
            for row in table.rows {
                if row.count < width {
                    let last = row.last!
                    error(CSVField("", line: row[0].line, column: 1), Message("roster.shortRow", .int(row.count), .int(width)),
                          hint: Message("roster.shortRow.hint", .quoted(last.text)))
                } else if row.count > width, let extra = row[width...].first(where: { !$0.text.allSatisfy(\.isWhitespace) }) {
                    let delimiter: Message.Argument = table.delimiter == "\t" ? .message(Message("roster.tab")) : .text("'\(table.delimiter)'")
                    error(extra, Message("roster.longRow", .int(row.count), .int(width), .quoted(extra.text)),
                          hint: Message("roster.longRow.hint", delimiter))
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
                    error(field, Message("roster.noID"), hint: Message("roster.noID.hint"))
                } else if RosterLoader.exampleIDs.contains(id.uppercased()) {
                    // The example row of `sparring template`, left in: never grouped as a leader.
                    error(field, Message("roster.exampleRow"), hint: Message("roster.exampleRow.hint"))
                } else if let line = firstLine[id] {
                    let message = table.sheet == nil ? Message("roster.duplicateID", .quoted(id), .text("\(line)"))
                        : Message("roster.duplicateID.row", .quoted(id), .text("\(line)"))
                    error(field, message, hint: Message("roster.duplicateID.hint"))
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
                if options.shouldStop() { break }
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
                    for finding in ValueVariants.find(cells) {
                        diagnostics.append(ValueVariants.warning(finding, header: header, file: file))
                    }
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
            let name = Attribute.messageName(key: key, header: header)
            let values: [Double] = cells.map { field in
                let text = field.text.trimmingSpaces()
                if text.isEmpty { return .nan }
                guard let value = parseLooseNumber(text) else {
                    error(field, Message("roster.notNumber", name, .quoted(text)),
                          hint: Message(role == .age ? "roster.notNumber.hint.age" : "roster.notNumber.hint.years"))
                    return .nan
                }
                if let role, let range = RosterLoader.plausibleRange[role] {
                    if value < 0 {
                        error(field, Message("roster.negative", name, .quoted(text)), hint: Message("roster.negative.hint"))
                        return .nan
                    }
                    if !range.contains(value) {
                        error(field, Message("roster.implausible", name, .quoted(text), .number(range.upperBound)),
                              hint: Message("roster.implausible.hint"))
                        return .nan
                    }
                } else if abs(value) > RosterLoader.largestNumber {
                    error(field, Message("roster.tooLarge", name, .quoted(text)), hint: Message("roster.tooLarge.hint"))
                    return .nan
                }
                return value
            }
            return Attribute(header: header, key: key, role: role, kind: .numeric, values: values)
        }

        mutating func readRank(cells: [CSVField], header: String) -> Attribute {
            let (labels, codes) = categoryCodes(cells)
            let headerField = table.header.first { $0.text.trimmingSpaces() == header } ?? table.header[0]
            let ordered: [String]
            if !options.rankOrder.isEmpty {
                let (given, missing) = RankOrder.order(labels, given: options.rankOrder)
                if !missing.isEmpty {
                    let suggestion = (options.rankOrder + missing).joined(separator: ">")
                    let listed = Message.Argument.commaSeparated(missing.map { .quoted($0) })
                    diagnostics.append(.error(nil, Message("roster.rankOrderMissing", .int(missing.count), listed, .text(table.file)),
                                              hint: Message("roster.rankOrderMissing.hint", .int(missing.count), .text(suggestion))))
                }
                ordered = given + missing
            } else {
                let (known, unknown) = RankOrder.order(labels)
                ordered = known
                if !unknown.isEmpty, labels.count > 1 {
                    let listed = Message.Argument.commaSeparated(unknown.map { .quoted($0) })
                    let placement = unknown.count == labels.count
                        ? Message("roster.unknownRanks.alphabetical")
                        : Message("roster.unknownRanks.below", .int(unknown.count), .quoted(ordered[unknown.count]))
                    warning(headerField, Message("roster.unknownRanks", .int(unknown.count), listed, .message(placement)),
                            hint: Message("roster.unknownRanks.hint", .text(ordered.reversed().joined(separator: ">"))))
                }
            }
            let position = Dictionary(uniqueKeysWithValues: ordered.enumerated().map { ($1, Int32($0)) })
            let newCodes = codes.map { $0 < 0 ? Int32(-1) : position[labels[Int($0)]]! }
            let values = newCodes.map { $0 < 0 ? Double.nan : Double($0 + 1) }
            return Attribute(header: header, key: ColumnRole.rank.rawValue, role: .rank, kind: .ordinal,
                             levels: ordered, codes: newCodes, values: values)
        }

        /// The manager column: by id or name; self-references are errors, unknown managers accounted for.
        mutating func readManagers(column: Int?, lookup: PersonLookup) -> [Int32] {
            var managers = [Int32](repeating: -1, count: roster.count)
            guard let column else { return managers }
            var check = ReferenceCheck(place: columnPlace(column), noun: .manager, file: file, roster: roster, lookup: lookup)
            check.inSheet = table.sheet != nil
            check.outside = OutsidePeople(options.outside)
            for (i, row) in table.rows.enumerated() {
                let field = cell(row, column)
                guard !field.text.allSatisfy(\.isWhitespace) else { continue }
                guard let m = check.resolve(field.text, at: field, owner: roster.ids[i]) else { continue }
                if m == i {
                    error(field, Message("roster.ownManager", .quoted(roster.ids[i])), hint: Message("roster.ownManager.hint"))
                    continue
                }
                managers[i] = Int32(m)
            }
            diagnostics += check.diagnostics(unknownHint: Message("reference.unknownManager.hint"))
            noteOutside(check.outsideNames)
            return managers
        }

        /// A conflicts or wishes column: lists of people by id or name (see ``PersonLookup/splitList(_:)``).
        /// Conflicts are symmetric, wishes are not.
        mutating func readPeopleLists(column: Int?, lookup: PersonLookup, relation: PairFileLoader.Relation) -> [LeaderPair] {
            guard let column else { return [] }
            let symmetric = relation == .conflict
            var check = ReferenceCheck(place: columnPlace(column), noun: relation == .conflict ? .conflictCell : .wishCell,
                                       file: file, roster: roster, lookup: lookup)
            check.inSheet = table.sheet != nil
            check.outside = OutsidePeople(options.outside)
            var pairs = Set<LeaderPair>()
            var selfReferences: [(text: String, line: Int)] = []
            var firstSelf: CSVField?
            for (i, row) in table.rows.enumerated() {
                let field = cell(row, column)
                for other in lookup.splitList(field.text) {
                    guard let j = check.resolve(other, at: field, owner: roster.ids[i]) else { continue }
                    if j == i {
                        if firstSelf == nil { firstSelf = field }
                        selfReferences.append((roster.ids[i], field.line))
                        continue
                    }
                    let pair = LeaderPair(i, j)
                    pairs.insert(symmetric ? pair.sorted : pair)
                }
            }
            diagnostics += check.diagnostics(unknownHint: Message("reference.unknownInCell.hint"))
            noteOutside(check.outsideNames)
            if let firstSelf {
                let message = selfReferences.count == 1
                    ? Message("roster.namesThemself", .quoted(selfReferences[0].text), .message(check.noun.one))
                    : Message("roster.nameThemselves", .int(selfReferences.count), .message(columnPlace(column)), ReferenceCheck.examples(selfReferences, rows: table.sheet != nil))
                warning(firstSelf, message, hint: Message("roster.namesThemself.hint"))
            }
            return pairs.sorted()
        }

        /// Reporting lines that go round in a circle (A reports to B, B to A) cannot be right: each is an error.
        /// - Complexity: O(n).
        mutating func checkReportingCircles(column: Int) {
            let managers = roster.managers
            var state = [UInt8](repeating: 0, count: managers.count)   // 0 new, 1 on the current path, 2 done
            for start in managers.indices where state[start] == 0 {
                var path: [Int] = []
                var i = start
                while i >= 0 && state[i] == 0 {
                    state[i] = 1
                    path.append(i)
                    i = Int(managers[i])
                }
                if i >= 0 && state[i] == 1, let from = path.firstIndex(of: i) {
                    let circle = Array(path[from...])
                    let first = circle.min()!
                    let rotated = Array(circle[circle.firstIndex(of: first)!...] + circle[..<circle.firstIndex(of: first)!])
                    let person = { (i: Int) in "\(roster.names[i]) (\(roster.ids[i]))" }
                    let whole = (rotated + [first]).map(person).joined(separator: " → ")
                    if rotated.count > 6 {
                        // A long circle: its first six, then "…" (not the first again, which would read as a circle of six),
                        // and the whole circle in the hint.
                        let shown = rotated.prefix(6).map(person).joined(separator: " → ") + " → …"
                        error(cell(table.rows[first], column), Message("roster.circle", .text(shown), .message(Message("roster.circle.count", .int(rotated.count)))),
                              hint: Message("roster.circle.hintWhole", .text(whole)))
                    } else {
                        error(cell(table.rows[first], column), Message("roster.circle", .text(whole), .text("")), hint: Message("roster.circle.hint"))
                    }
                }
                for j in path { state[j] = 2 }
            }
        }
    }
}
