import SparringModel

/// A compact listing of the groups and their members' names, for the terminal.
public enum GroupListing {
    /// - Complexity: O(n).
    public static func render(roster: Roster, groups: [Int32], groupCount: Int) -> String {
        var members = [[Int]](repeating: [], count: groupCount)
        for (i, g) in groups.enumerated() { members[Int(g)].append(i) }
        return members.enumerated().map { g, list in
            "group \(g + 1): " + list.map { roster.names[$0] }.joined(separator: ", ")
        }.joined(separator: "\n")
    }
}
