import SparringModel

/// The assignments CSV: the roster's own columns, then `group` (labels 1…m).
public enum AssignmentWriter {
    /// - Parameters:
    ///   - groups: 0-based group per leader.
    ///   - hidden: attribute names or headers left out of the file (privacy).
    /// - Complexity: O(cells).
    public static func render(roster: Roster, groups: [Int32], writer: CSVWriter = CSVWriter(), hidden: Set<String> = []) -> String {
        let keep = roster.columns.indices.filter { !hidden.contains(normalizedHeader(roster.columns[$0])) }
        let header = keep.map { roster.columns[$0] } + ["group"]
        let rows = roster.rows.indices.map { i in keep.map { roster.rows[i][$0] } + [String(groups[i] + 1)] }
        return writer.render(header: header, rows: rows)
    }
}
