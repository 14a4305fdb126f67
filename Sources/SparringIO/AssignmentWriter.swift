import SparringModel

/// The assignments CSV: the roster's own columns, then the group (`group`, or `gruppe` in Danish).
public enum AssignmentWriter {
    /// - Parameters:
    ///   - groups: 0-based group per leader.
    ///   - labels: the label written for each group.
    ///   - hiddenColumns: indices into ``Roster/columns`` left out of the file (privacy).
    ///   - words: the language of the added column's header. Reading the file back accepts both.
    /// - Complexity: O(cells).
    public static func render(roster: Roster, groups: [Int32], labels: [String], writer: CSVWriter = CSVWriter(),
                              hiddenColumns: Set<Int> = [], words: Words = Words(.en)) -> String {
        let keep = roster.columns.indices.filter { !hiddenColumns.contains($0) }
        let header = keep.map { roster.columns[$0] } + [words("csv.column.group")]
        let rows = roster.rows.indices.map { i in keep.map { roster.rows[i][$0] } + [labels[Int(groups[i])]] }
        return writer.render(header: header, rows: rows)
    }
}

/// The groups CSV (`--groups-out`): one row per group with its members' names, for mail merge.
///
/// Columns: `group`, `size`, `members` (all names in one cell, separated by "; "), then `member 1` … `member K`
/// for the largest group; shorter groups leave the last cells empty. In Danish: `gruppe`, `antal`, `deltagere`,
/// `deltager 1` … Namesakes are told apart as everywhere (``Visibility/name(_:_:)``).
public enum GroupsWriter {
    /// - Parameter names: how each leader is named (names, or ids when names are hidden).
    /// - Complexity: O(n).
    public static func render(groups: [Int32], labels: [String], names: [String], writer: CSVWriter = CSVWriter(), words: Words = Words(.en)) -> String {
        var members = [[Int]](repeating: [], count: labels.count)
        for (i, g) in groups.enumerated() { members[Int(g)].append(i) }
        let widest = members.map(\.count).max() ?? 0
        let header = [words("csv.column.group"), words("csv.column.size"), words("csv.column.members")] + (0..<widest).map { words("csv.column.member", .text(String($0 + 1))) }
        let rows = members.enumerated().map { g, list in
            let memberNames = list.map { names[$0] }
            return [labels[g], String(list.count), memberNames.joined(separator: "; ")] + memberNames
                + [String](repeating: "", count: widest - list.count)
        }
        return writer.render(header: header, rows: rows)
    }
}
