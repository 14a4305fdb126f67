import SparringModel

/// How well a grouping realises a typology, measured the way the product promises it.
public enum CompositionMetrics {
    /// Leaders whose group is pure (``PureGroups/isPure(_:mixed:)``: every member has a value on each of
    /// `attributes` and shares it and, when `mixed` is given, the group holds at least two values of that
    /// attribute — the pure-groups rule's own definition). O(n · attributes).
    public static func pureMembership(roster: Roster, groups: [Int32], groupCount: Int, attributes: [Int], mixed: Int? = nil) -> Int {
        let codes = PureGroups.jointCodes(roster: roster, attributes: attributes).codes
        return Placement(groups: groups, groupCount: groupCount).members.reduce(0) { total, list in
            PureGroups.isPure(list.map { codes[$0] }, mixed: mixed.map { a in list.map { roster.attributes[a].codes[$0] } }) ? total + list.count : total
        }
    }

    /// An upper bound on ``pureMembership(roster:groups:groupCount:attributes:mixed:)``: the roster's own
    /// ``PureStrata/boundWithMixedGroups(_:)`` — each stratum (leaders sharing the values) contributes its
    /// ``PureStrata/Stratum/capacity``, the largest part of it that splits into groups within the size bounds
    /// (with `mixed`, no more groups than can hold two of its values), exact for small strata with hard pairs;
    /// the rest must still form groups of at least the minimum size. O(n), plus the exact packing of small strata.
    public static func achievablePureMembership(roster: Roster, attributes: [Int], mixed: Int? = nil, sizing: GroupSizing) -> Int {
        PureStrata(roster: roster, attributes: attributes, mixed: mixed, sizing: sizing).boundWithMixedGroups(roster)
    }

    /// Pairs in the same group sharing a value of `attribute`. O(n).
    public static func sameValuePairs(roster: Roster, groups: [Int32], groupCount: Int, attribute: Int) -> Int {
        let attr = roster.attributes[attribute]
        var counts = [Int](repeating: 0, count: groupCount * attr.levels.count)
        for i in 0..<roster.count where attr.codes[i] >= 0 { counts[Int(groups[i]) * attr.levels.count + Int(attr.codes[i])] += 1 }
        return counts.reduce(0) { $0 + $1 * ($1 - 1) / 2 }
    }

    /// The fewest same-value pairs possible: each value spread as evenly as possible over the groups. O(levels).
    public static func sameValuePairsLowerBound(roster: Roster, attribute: Int, groupCount: Int) -> Int {
        roster.attributes[attribute].levelCounts.reduce(0) { total, c in
            let q = c / groupCount, r = c % groupCount
            return total + r * (q + 1) * q / 2 + (groupCount - r) * q * (q - 1) / 2
        }
    }
}
