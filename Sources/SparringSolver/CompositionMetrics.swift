import SparringModel

/// How well a grouping realises a typology, measured the way the product promises it.
public enum CompositionMetrics {
    /// Leaders whose group is pure (``PureGroups/isPure(_:)``: every member has a value on each of
    /// `attributes` and shares it) and, when `mixed` is given, holds at least two values of that attribute.
    /// O(n · attributes).
    public static func pureMembership(roster: Roster, groups: [Int32], groupCount: Int, attributes: [Int], mixed: Int? = nil) -> Int {
        let codes = PureGroups.jointCodes(roster: roster, attributes: attributes).codes
        return Placement(groups: groups, groupCount: groupCount).members.reduce(0) { total, list in
            guard PureGroups.isPure(list.map { codes[$0] }) else { return total }
            if let mixed, Set(list.map { roster.attributes[mixed].codes[$0] }).count < 2 { return total }
            return total + list.count
        }
    }

    /// An upper bound on ``pureMembership(roster:groups:groupCount:attributes:mixed:)``: each stratum (leaders
    /// sharing the values) contributes its ``PureStrata/Stratum/capacity`` — the largest part of it that splits
    /// into groups within the size bounds, and for small strata that also keeps hard pairs apart (exact); the
    /// rest must still form groups of at least the minimum size. With `mixed`, a stratum's groups that cannot
    /// mix two values of that attribute (too few members outside its most common value) contribute nothing.
    /// O(n), plus the exact packing of small strata with hard pairs.
    public static func achievablePureMembership(roster: Roster, attributes: [Int], mixed: Int? = nil, sizing: GroupSizing) -> Int {
        let strata = PureStrata(roster: roster, attributes: attributes, sizing: sizing)
        var pure = strata.boundWithMixedGroups(roster)
        // With `mixed`, a group counts only when it holds two values of that column. Every such group holds a
        // member outside the stratum's most common value, so with `k` such members at most `k` groups mix; the
        // others (at least the fewest groups the capacity needs, less `k`) hold at least the minimum size each.
        if let mixed {
            for stratum in strata.strata where stratum.capacity > 0 {
                var counts: [Int32: Int] = [:]
                for i in stratum.members { counts[roster.attributes[mixed].codes[i], default: 0] += 1 }
                let others = stratum.members.count - (counts.values.max() ?? 0)
                let fewestGroups = stratum.packing?.count ?? (stratum.capacity + sizing.maxSize - 1) / sizing.maxSize
                let unmixed = max(0, fewestGroups - others)
                pure -= min(stratum.capacity, unmixed * sizing.minSize)
            }
        }
        return max(0, pure)
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
