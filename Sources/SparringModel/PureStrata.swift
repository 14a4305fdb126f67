/// The typology's strata and how many of their leaders groups of the allowed sizes can hold: the most leaders
/// that can sit in a pure group (every member sharing the typology's "same" attributes), computed from the
/// roster alone.
///
/// A stratum is one combination of values of the pure attributes (for `local`: field and rank, e.g. Skole ·
/// Afdelingsleder). A stratum of `s` leaders can fill pure groups with at most ``capacity(of:sizing:)``
/// of them: the largest `k ≤ s` that whole groups of `min…max` members can hold. A leader with an empty
/// cell in a pure attribute belongs to no stratum. In a stratum small enough to pack exactly
/// (``StratumPacking``), hard pairs inside it (reporting lines, loyalty conflicts) count too: no pure group
/// may hold one. The sum of capacities is an upper bound on pure membership; pins, keep-together sets and the
/// group count can lower what is reachable, never raise it.
public struct PureStrata: Sendable {
    public struct Stratum: Sendable {
        /// Per pure attribute, the value the stratum's leaders share (as in the roster).
        public let values: [String]
        /// The leaders of the stratum, in roster order.
        public let members: [Int]
        /// The most of them that pure groups of the allowed sizes can hold.
        public let capacity: Int
        /// Whether hard pairs inside the stratum lower its capacity below what the sizes allow.
        public let limitedByHardPairs: Bool
        /// For a stratum packed exactly: its pure groups (leaders), the rest belonging in mixed groups.
        public let packing: [[Int]]?

        /// Leaders who must sit in a mixed group whatever the grouping.
        public var leftOver: Int { members.count - capacity }
    }

    /// Indices of the pure attributes in the roster.
    public let attributes: [Int]
    /// Strata with at least one leader, largest first (ties in order of first appearance).
    public let strata: [Stratum]
    /// Leaders with an empty cell in a pure attribute.
    public let withoutValue: [Int]
    public let sizing: GroupSizing

    /// - Complexity: O(n · attributes + strata · log strata).
    public init(roster: Roster, attributes: [Int], sizing: GroupSizing) {
        self.attributes = attributes
        self.sizing = sizing
        var index: [[Int32]: Int] = [:]
        var keys: [[Int32]] = []
        var members: [[Int]] = []
        var without: [Int] = []
        for i in 0..<roster.count {
            let key = attributes.map { roster.attributes[$0].codes.isEmpty ? -1 : roster.attributes[$0].codes[i] }
            if attributes.isEmpty || key.contains(-1) { without.append(i); continue }
            if let k = index[key] { members[k].append(i) } else {
                index[key] = keys.count
                keys.append(key)
                members.append([i])
            }
        }
        withoutValue = attributes.isEmpty ? [] : without
        // Hard pairs inside each stratum, by position in it.
        var position = [Int](repeating: -1, count: roster.count)
        var stratumOf = [Int](repeating: -1, count: roster.count)
        for (k, list) in members.enumerated() { for (p, i) in list.enumerated() { position[i] = p; stratumOf[i] = k } }
        var inside = [[(Int, Int)]](repeating: [], count: members.count)
        for separation in roster.separations {
            let a = Int(separation.pair.first), b = Int(separation.pair.second)
            if stratumOf[a] >= 0 && stratumOf[a] == stratumOf[b] { inside[stratumOf[a]].append((position[a], position[b])) }
        }
        let built = keys.indices.map { k in
            let bySize = Self.capacity(of: members[k].count, sizing: sizing)
            let packing = inside[k].isEmpty ? nil : StratumPacking.pack(count: members[k].count, conflicts: inside[k], sizing: sizing)
            let packed = packing.map { $0.reduce(0) { $0 + $1.count } }
            return Stratum(values: zip(attributes, keys[k]).map { roster.attributes[$0.0].levels[Int($0.1)] }, members: members[k],
                           capacity: packed ?? bySize, limitedByHardPairs: (packed ?? bySize) < bySize,
                           packing: packing.map { $0.map { $0.map { members[k][$0] } } })
        }
        strata = built.enumerated().sorted { ($1.element.members.count, $0.offset) < ($0.element.members.count, $1.offset) }.map(\.element)
    }

    /// The most leaders pure groups can hold: the sum of the strata's capacities.
    public var bound: Int { strata.reduce(0) { $0 + $1.capacity } }

    /// The group counts for which every stratum can fill its pure groups at capacity and the rest form mixed
    /// groups: the sum over strata of their feasible counts, plus the mixed groups'. Nil when there are none.
    /// - Complexity: O(strata).
    public func groupCounts(leaders: Int) -> ClosedRange<Int>? {
        var low = 0, high = 0
        for stratum in strata where stratum.capacity > 0 {
            if let packing = stratum.packing {
                low += packing.count
                high += packing.count
            } else if let range = sizing.feasibleGroupCounts(leaders: stratum.capacity) {
                low += range.lowerBound
                high += range.upperBound
            }
        }
        let rest = leaders - bound
        if rest > 0 {
            guard let range = sizing.feasibleGroupCounts(leaders: max(rest, sizing.minSize)) else { return nil }
            low += range.lowerBound
            high += range.upperBound
        }
        return low <= high ? low...high : nil
    }

    /// ``bound`` lowered by what the mixed groups need: the leaders left over must fill whole groups (at
    /// least the minimum size), and when the leaders a packed stratum must leave out hold a hard pair among
    /// themselves, at least two mixed groups. The benchmark's yardstick and the report's "at most".
    /// - Complexity: O(left-over leaders · their hard pairs).
    public func boundWithMixedGroups(_ roster: Roster) -> Int {
        var pure = bound
        let rest = roster.count - pure
        guard rest > 0 else { return pure }
        var forced = Set<Int>()
        for stratum in strata { if let packing = stratum.packing { forced.formUnion(Set(stratum.members).subtracting(packing.joined())) } }
        let pairInside = roster.separations.contains { forced.contains(Int($0.pair.first)) && forced.contains(Int($0.pair.second)) }
        let needed = (pairInside ? 2 : 1) * sizing.minSize
        if rest < needed { pure -= needed - rest }
        return max(0, pure)
    }

    /// The largest `k ≤ s` that groups of `min…max` members can hold exactly (0 when `s < min`): `k` fits when
    /// some number of groups `g` has `g · min ≤ k ≤ g · max` (``GroupSizing/feasibleGroupCounts(leaders:)``).
    /// O(min) steps: below `s` at most `min − 1` counts fail in a row.
    public static func capacity(of s: Int, sizing: GroupSizing) -> Int {
        var k = s
        while k > 0 && sizing.feasibleGroupCounts(leaders: k) == nil { k -= 1 }
        return k
    }
}
