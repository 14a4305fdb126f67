import SparringModel

/// A column the outputs add per group (a group's facilitator): its header and, per group, its value.
public struct GroupColumn: Sendable, Equatable {
    public var header: String
    public var values: [String]

    public init(header: String, values: [String]) {
        self.header = header
        self.values = values
    }
}

/// The assignments file: the roster's own columns, then the group (`group`, or `gruppe` in Danish). As CSV
/// (``render(roster:groups:labels:writer:hiddenColumns:words:)``) or as a workbook's sheet (``sheet(roster:groups:labels:hiddenColumns:words:)``).
public enum AssignmentWriter {
    /// - Parameters:
    ///   - groups: 0-based group per leader.
    ///   - labels: the label written for each group.
    ///   - hiddenColumns: indices into ``Roster/columns`` left out of the file (privacy).
    ///   - words: the language of the added column's header. Reading the file back accepts both.
    /// - Complexity: O(cells).
    ///   - extra: columns after the group's, each leader's row holding their group's value (a facilitator).
    public static func render(roster: Roster, groups: [Int32], labels: [String], writer: CSVWriter = CSVWriter(),
                              hiddenColumns: Set<Int> = [], words: Words = Words(.en), extra: [GroupColumn] = []) -> String {
        let (header, rows, _) = table(roster: roster, groups: groups, labels: labels, hiddenColumns: hiddenColumns, words: words, extra: extra)
        return writer.render(header: header, rows: rows)
    }

    /// The same leaders as a workbook's sheet (named "Leaders", "Ledere" in Danish), with typed cells: a column
    /// whose values are all plain numbers is numbers, every other column text, and columns of ids and names
    /// (id, name, manager, conflicts, wishes, keep together) are text whatever they hold (see
    /// ``Workbook/cells(column:text:)``).
    /// - Complexity: O(cells).
    public static func sheet(roster: Roster, groups: [Int32], labels: [String], hiddenColumns: Set<Int> = [],
                             words: Words = Words(.en), extra: [GroupColumn] = []) -> Workbook.Sheet {
        let (header, rows, kept) = table(roster: roster, groups: groups, labels: labels, hiddenColumns: hiddenColumns, words: words, extra: extra)
        let forcedText = namesPeople(roster, kept) + [false] + extra.map { _ in true }
        return typedSheet(name: words("xlsx.sheet.leaders"), header: header, rows: rows, forcedText: forcedText)
    }

    /// A plan of several rounds: the roster's own columns, then one column per round (`round 1`, … / `runde 1`, …)
    /// with the leader's group in that round.
    /// - Parameter groupings: per round, the 0-based group per leader; `labels` name the groups in every round.
    /// - Complexity: O(cells + n · rounds).
    public static func renderPlan(roster: Roster, groupings: [[Int32]], labels: [String], writer: CSVWriter = CSVWriter(),
                                  hiddenColumns: Set<Int> = [], words: Words = Words(.en)) -> String {
        let (header, rows, _) = planTable(roster: roster, groupings: groupings, labels: labels, hiddenColumns: hiddenColumns, words: words)
        return writer.render(header: header, rows: rows)
    }

    /// The plan's header, rows and the roster columns kept: the roster's columns, then one per round.
    private static func planTable(roster: Roster, groupings: [[Int32]], labels: [String], hiddenColumns: Set<Int>,
                                  words: Words) -> (header: [String], rows: [[String]], kept: [Int]) {
        let keep = roster.columns.indices.filter { !hiddenColumns.contains($0) }
        let header = keep.map { roster.columns[$0] } + groupings.indices.map { words("csv.column.round", .int($0 + 1)) }
        // A leader not taking part in a round has an empty cell there.
        let rows = roster.rows.indices.map { i in keep.map { roster.rows[i][$0] } + groupings.map { $0[i] < 0 ? "" : labels[Int($0[i])] } }
        return (header, rows, keep)
    }

    /// A plan as a workbook's sheets: first the plan (named "Plan"; the roster's columns, then one per round), then
    /// one sheet per round ("Round 1", … / "Runde 1", …) with the roster's columns and the group of the leaders
    /// taking part in it, as the assignments of a single round are written (so that a round's sheet reads back as
    /// a grouping, e.g. for `--history`). Typed as ``sheet(roster:groups:labels:hiddenColumns:words:)``.
    /// - Complexity: O(cells · rounds).
    public static func planSheets(roster: Roster, groupings: [[Int32]], labels: [String], hiddenColumns: Set<Int> = [],
                                  words: Words = Words(.en)) -> [Workbook.Sheet] {
        let (header, rows, keep) = planTable(roster: roster, groupings: groupings, labels: labels, hiddenColumns: hiddenColumns, words: words)
        let forced = namesPeople(roster, keep)
        let plan = typedSheet(name: words("xlsx.sheet.plan"), header: header, rows: rows, forcedText: forced + groupings.map { _ in false })
        return [plan] + groupings.enumerated().map { r, groups in
            let (header, rows, _) = table(roster: roster, groups: groups, labels: labels, hiddenColumns: hiddenColumns, words: words)
            return typedSheet(name: words("xlsx.sheet.round", .int(r + 1)), header: header, rows: rows, forcedText: forced + [false])
        }
    }

    /// Per kept column, whether it holds ids or names (id, name, manager, conflicts, wishes, keep together): text in a
    /// workbook whatever it holds. O(columns).
    private static func namesPeople(_ roster: Roster, _ kept: [Int]) -> [Bool] {
        let roles: Set<ColumnRole> = [.id, .name, .firstName, .lastName, .manager, .conflicts, .wishes, .together]
        return kept.map { ColumnRole.role(forHeader: roster.columns[$0]).map(roles.contains) ?? false }
    }

    /// Header, rows and the roster columns kept, in file order.
    private static func table(roster: Roster, groups: [Int32], labels: [String], hiddenColumns: Set<Int>,
                              words: Words, extra: [GroupColumn] = []) -> (header: [String], rows: [[String]], kept: [Int]) {
        let keep = roster.columns.indices.filter { !hiddenColumns.contains($0) }
        let header = keep.map { roster.columns[$0] } + [words("csv.column.group")] + extra.map(\.header)
        let rows = roster.rows.indices.filter { groups[$0] >= 0 }.map { i in
            keep.map { roster.rows[i][$0] } + [labels[Int(groups[i])]] + extra.map { $0.values[Int(groups[i])] }
        }
        return (header, rows, keep)
    }
}

/// The groups file (`--groups-out`): one row per group with its members' names, for mail merge.
///
/// Columns: `group`, `size`, `members` (all names in one cell, separated by "; "), then `member 1` … `member K`
/// for the largest group; shorter groups leave the last cells empty. In Danish: `gruppe`, `antal`, `deltagere`,
/// `deltager 1` … Namesakes are told apart as everywhere (``Visibility/name(_:_:)``).
public enum GroupsWriter {
    /// - Parameter names: how each leader is named (names, or ids when names are hidden).
    /// - Complexity: O(n).
    /// - Parameter extra: columns after the members (a group's facilitator).
    public static func render(groups: [Int32], labels: [String], names: [String], writer: CSVWriter = CSVWriter(), words: Words = Words(.en),
                              extra: [GroupColumn] = []) -> String {
        let (header, rows) = table(groups: groups, labels: labels, names: names, words: words, extra: extra)
        return writer.render(header: header, rows: rows)
    }

    /// The same as a workbook's sheet (named "Groups", "Grupper" in Danish): the group and size as numbers where
    /// they are, the names as text. O(n).
    public static func sheet(groups: [Int32], labels: [String], names: [String], words: Words = Words(.en), extra: [GroupColumn] = []) -> Workbook.Sheet {
        let (header, rows) = table(groups: groups, labels: labels, names: names, words: words, extra: extra)
        return typedSheet(name: words("xlsx.sheet.groups"), header: header, rows: rows,
                          forcedText: header.indices.map { $0 >= 2 })
    }

    private static func table(groups: [Int32], labels: [String], names: [String], words: Words,
                              extra: [GroupColumn] = []) -> (header: [String], rows: [[String]]) {
        var members = [[Int]](repeating: [], count: labels.count)
        for (i, g) in groups.enumerated() { members[Int(g)].append(i) }
        let widest = members.map(\.count).max() ?? 0
        let header = [words("csv.column.group"), words("csv.column.size"), words("csv.column.members")] + (0..<widest).map { words("csv.column.member", .text(String($0 + 1))) }
            + extra.map(\.header)
        let rows = members.enumerated().map { g, list in
            let memberNames = list.map { names[$0] }
            return [labels[g], String(list.count), memberNames.joined(separator: "; ")] + memberNames
                + [String](repeating: "", count: widest - list.count) + extra.map { $0.values[g] }
        }
        return (header, rows)
    }
}

/// A sheet of `rows` typed column by column (``Workbook/cells(column:text:)``); `forcedText[c]` keeps column
/// `c` text whatever it holds. O(cells).
func typedSheet(name: String, header: [String], rows: [[String]], forcedText: [Bool]) -> Workbook.Sheet {
    var cells = rows.map { [Workbook.Cell](repeating: .empty, count: $0.count) }
    var textColumns: Set<Int> = []
    for c in header.indices {
        let values = rows.map { c < $0.count ? $0[c] : "" }
        let typed = Workbook.cells(column: values, text: c < forcedText.count && forcedText[c])
        if typed.isText { textColumns.insert(c) }
        for (r, cell) in typed.cells.enumerated() where c < cells[r].count { cells[r][c] = cell }
    }
    return Workbook.Sheet(name: name, header: header, rows: cells, textColumns: textColumns)
}
