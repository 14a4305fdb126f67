/// The typology's strata and how many of their leaders groups of the allowed sizes can hold: the most leaders
/// that can sit in a pure group (every member sharing the typology's "same" attributes, and for sector and
/// cross networks holding two values of the "mixed" one), computed from the roster alone.
///
/// A stratum is one combination of values of the pure attributes (for `local`: field and rank, e.g. Skole ·
/// Afdelingsleder). A stratum of `s` leaders can fill pure groups with at most ``capacity(of:sizing:)``
/// of them: the largest `k ≤ s` that whole groups of `min…max` members can hold. With a mixed attribute (a
/// sector network's rank, a cross network's field) each pure group must also hold two of its values, so at most
/// ``mixingGroups(counts:leaders:sizing:)`` groups can be pure and the capacity is
/// ``capacity(of:mixing:sizing:)``: a stratum all of one rank fills none. A leader with an empty cell in a pure
/// attribute belongs to no stratum; one with an empty cell in the mixed attribute belongs to their stratum but
/// brings no value to mix. In a stratum small enough to pack exactly (``StratumPacking``), hard pairs inside it
/// (reporting lines, loyalty conflicts) count too: no pure group may hold one. The sum of capacities is an
/// upper bound on pure membership; pins, keep-together sets and the group count can lower what is reachable,
/// never raise it.
public struct PureStrata: Sendable {
    public struct Stratum: Sendable {
        /// Per pure attribute, the value the stratum's leaders share (as in the roster).
        public let values: [String]
        /// The leaders of the stratum, in roster order.
        public let members: [Int]
        /// The most of them that pure groups of the allowed sizes can hold.
        public let capacity: Int
        /// Whether hard pairs inside the stratum lower its capacity below what the sizes (and the mixing) allow.
        public let limitedByHardPairs: Bool
        /// Whether the mixed attribute lowers its capacity below what the sizes allow: too few leaders outside
        /// its most common value (none: every one of them has the same rank, in a sector network).
        public let limitedByMixing: Bool
        /// With a mixed attribute: its most common value in the stratum (nil when nobody has one).
        public let commonMixedValue: String?
        /// With a mixed attribute: the leaders with another value of it than ``commonMixedValue`` (0 without).
        public let outsideCommonValue: Int
        /// With a mixed attribute: the most pure groups the stratum can fill (``PureStrata/mixingGroups(counts:leaders:sizing:)``).
        public let mixingGroups: Int?
        /// For a stratum packed exactly: its pure groups (leaders), the rest belonging in mixed groups.
        public let packing: [[Int]]?

        /// Leaders who must sit in a mixed group whatever the grouping.
        public var leftOver: Int { members.count - capacity }
    }

    /// Indices of the pure attributes in the roster.
    public let attributes: [Int]
    /// Index of the attribute a pure group must hold two values of, if any (``RuleSettings/mixedAttribute(for:)``).
    public let mixed: Int?
    /// Strata with at least one leader, largest first (ties in order of first appearance).
    public let strata: [Stratum]
    /// Leaders with an empty cell in a pure attribute.
    public let withoutValue: [Int]
    public let sizing: GroupSizing

    /// - Parameters:
    ///   - attributes: the pure attributes (``RuleSettings/pureAttributes(for:)``).
    ///   - mixed: the attribute a pure group must hold two values of (``RuleSettings/mixedAttribute(for:)``).
    /// - Complexity: O(n · attributes + strata · log strata), plus the exact packing of small strata with hard pairs.
    public init(roster: Roster, attributes: [Int], mixed: Int? = nil, sizing: GroupSizing) {
        self.attributes = attributes
        self.mixed = mixed
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
        let mixedCodes = mixed.map { roster.attributes[$0].codes } ?? []
        let built = keys.indices.map { k in
            let bySize = Self.capacity(of: members[k].count, sizing: sizing)
            // The mixed attribute: per value the stratum's leaders holding it (an empty cell holds none).
            var counts: [Int32: Int] = [:]
            if mixed != nil { for i in members[k] where mixedCodes[i] >= 0 { counts[mixedCodes[i], default: 0] += 1 } }
            let common = counts.max { ($0.value, $1.key) < ($1.value, $0.key) }
            let byMix = mixed == nil ? bySize : Self.capacity(of: members[k].count, mixing: Array(counts.values), sizing: sizing)
            let labels = mixed.map { _ in members[k].map { mixedCodes[$0] } }
            let packing = inside[k].isEmpty ? nil
                : StratumPacking.pack(count: members[k].count, conflicts: inside[k], mixing: labels, sizing: sizing)
            let packed = packing.map { $0.reduce(0) { $0 + $1.count } }
            return Stratum(values: zip(attributes, keys[k]).map { roster.attributes[$0.0].levels[Int($0.1)] }, members: members[k],
                           capacity: packed ?? byMix, limitedByHardPairs: (packed ?? byMix) < byMix, limitedByMixing: byMix < bySize,
                           commonMixedValue: common.map { roster.attributes[mixed!].levels[Int($0.key)] },
                           outsideCommonValue: counts.values.reduce(0, +) - (common?.value ?? 0),
                           mixingGroups: mixed == nil ? nil : Self.mixingGroups(counts: Array(counts.values), leaders: members[k].count, sizing: sizing),
                           packing: packing.map { $0.map { $0.map { members[k][$0] } } })
        }
        strata = built.enumerated().sorted { ($1.element.members.count, $0.offset) < ($0.element.members.count, $1.offset) }.map(\.element)
    }

    /// The most leaders pure groups can hold: the sum of the strata's capacities.
    public var bound: Int { strata.reduce(0) { $0 + $1.capacity } }

    /// The group counts for which every stratum can fill its pure groups at capacity and the rest form mixed
    /// groups: the sum over strata of their feasible counts (no more than can mix, with a mixed attribute), plus
    /// the mixed groups'. Nil when there are none.
    /// - Complexity: O(strata).
    public func groupCounts(leaders: Int) -> ClosedRange<Int>? {
        var low = 0, high = 0
        for stratum in strata where stratum.capacity > 0 {
            if let packing = stratum.packing {
                low += packing.count
                high += packing.count
            } else if let range = sizing.feasibleGroupCounts(leaders: stratum.capacity) {
                low += range.lowerBound
                high += min(range.upperBound, stratum.mixingGroups ?? .max)
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

    /// The most groups of `min…max` members that can each hold two values of the mixed attribute, from a stratum
    /// of `leaders` whose leaders hold `counts` of its values (one count per value; leaders with an empty cell
    /// count in `leaders` only). Each such group holds a leader outside the most common value (at most `k` of
    /// them, `k` = the leaders with another value), two leaders with a value (at most half of those), and at
    /// least `max(min, 2)` leaders; every number of groups up to the least of the three can be formed — give
    /// each group one leader of the most common value and one of another, or, when every value is rarer than the
    /// groups are many, deal the leaders with a value out in order of value. 0 when groups cannot hold two.
    /// - Complexity: O(values).
    public static func mixingGroups(counts: [Int], leaders: Int, sizing: GroupSizing) -> Int {
        guard sizing.maxSize >= 2 else { return 0 }
        let valued = counts.reduce(0, +), outside = valued - (counts.max() ?? 0)
        return max(0, min(outside, valued / 2, leaders / max(sizing.minSize, 2)))
    }

    /// The largest `k ≤ s` that groups of `min…max` members, each holding two values of the mixed attribute, can
    /// hold: with `G` = ``mixingGroups(counts:leaders:sizing:)``, `min(s, G · max)` (0 when `G` is 0) — any
    /// count from `G · min` to `G · max` splits into `G` groups, and no more than `G` groups can mix. So a
    /// stratum all of one value fills no pure group, and one with a single leader of another value fills one.
    /// - Parameters:
    ///   - s: the stratum's leaders, with or without a value of the mixed attribute.
    ///   - mixing: per value of the mixed attribute, how many of them hold it.
    /// - Complexity: O(values).
    public static func capacity(of s: Int, mixing counts: [Int], sizing: GroupSizing) -> Int {
        let groups = mixingGroups(counts: counts, leaders: s, sizing: sizing)
        return groups == 0 ? 0 : min(s, groups * sizing.maxSize)
    }
}
