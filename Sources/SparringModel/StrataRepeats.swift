/// The meetings again that no plan of pure groups can avoid (`plan` under a typology with pure groups, such as
/// local networks: the same field and rank).
///
/// A stratum's leaders in pure groups meet only each other. Over K rounds its pure groups (``PureStrata/Stratum/capacity``
/// leaders a round, in groups of the allowed sizes) hold at least K · Q pair meetings, where Q is the fewest pairs a
/// split of those leaders into such groups makes (the most even split into the most groups); the stratum has only
/// C(s, 2) distinct pairs, so at least K · Q − C(s, 2) of the meetings are meetings again (the counting bound).
///
/// When every leader of a stratum sits in its pure groups, a second bound holds too (the pigeonhole bound): a group
/// of `t` of them drawn from the `G` groups of another round holds at least the pairs of the most even spread of
/// `t` over `G` (with `G` the most groups a split allows, which spreads best); so each round after the first meets
/// at least P = the fewest such pairs over the splits again. Three groups of 6 cannot all be new the next year: each
/// takes two from some group of the year before. The bound said is the larger one, (K − 1) · P or the counting
/// one: a plan may need more, never fewer, while its groups are as pure as the roster allows (every stratum's
/// capacity in pure groups every round).
public struct StrataRepeats: Sendable, Equatable {
    /// A stratum whose pure groups must meet again.
    public struct Stratum: Sendable, Equatable {
        /// The values its leaders share (as in the roster), e.g. ["Skole", "Afdelingsleder"].
        public let values: [String]
        /// Its leaders.
        public let leaders: Int
        /// Meetings again that no plan of pure groups avoids in it.
        public let unavoidable: Int
    }

    /// The strata that must meet again, most first (ties in the strata's order).
    public let strata: [Stratum]
    /// Rounds the bound is for.
    public let rounds: Int

    /// The meetings again no plan of pure groups avoids, over all strata.
    public var total: Int { strata.reduce(0) { $0 + $1.unavoidable } }

    /// - Returns: nil when the settings ask for no pure groups.
    /// - Complexity: that of ``PureStrata``, plus O(capacity · sizes) per stratum.
    public init?(roster: Roster, settings: RuleSettings, rounds: Int) {
        let pure = settings.pureAttributes(for: roster)
        guard !pure.isEmpty else { return nil }
        let strata = PureStrata(roster: roster, attributes: pure, mixed: settings.mixedAttribute(for: roster), sizing: settings.sizing)
        let sizing = settings.sizing
        var found: [Stratum] = []
        for stratum in strata.strata {
            let s = stratum.members.count
            guard let unavoidable = Self.unavoidable(leaders: s, capacity: stratum.capacity, minSize: sizing.minSize, maxSize: sizing.maxSize,
                                                     rounds: rounds) else { continue }
            if unavoidable > 0 { found.append(Stratum(values: stratum.values, leaders: s, unavoidable: unavoidable)) }
        }
        self.strata = found.enumerated().sorted { ($0.element.unavoidable, -$0.offset) > ($1.element.unavoidable, -$1.offset) }.map(\.element)
        self.rounds = rounds
    }

    /// The meetings again no plan avoids in a stratum of `leaders`, `capacity` of whom sit in its pure groups (of
    /// `minSize…maxSize`) every round, over `rounds` rounds: the larger of the counting and the pigeonhole bound.
    /// Nil when no split of the capacity exists. O(leaders · (maxSize − minSize + 1)).
    static func unavoidable(leaders s: Int, capacity: Int, minSize: Int, maxSize: Int, rounds: Int) -> Int? {
        guard let pairs = fewestPairs(leaders: capacity, minSize: minSize, maxSize: maxSize) else { return nil }
        let spread = capacity == s && rounds > 1 ? fewestPairsAgain(leaders: s, minSize: minSize, maxSize: maxSize) ?? 0 : 0
        return max(rounds * pairs - s * (s - 1) / 2, (rounds - 1) * spread)
    }

    /// The fewest pairs of one round's groups that shared a group the round before, when all `leaders` are split
    /// into groups of `minSize…maxSize` both rounds (see the type's pigeonhole bound), or nil when no split exists.
    /// O(leaders · (maxSize − minSize + 1)).
    static func fewestPairsAgain(leaders: Int, minSize: Int, maxSize: Int) -> Int? {
        guard leaders > 0, minSize >= 1, maxSize >= minSize else { return leaders == 0 ? 0 : nil }
        // The most groups a split allows: g groups fit when g · minSize ≤ leaders ≤ g · maxSize.
        guard let most = stride(from: leaders / minSize, through: 1, by: -1).first(where: { $0 * maxSize >= leaders }) else { return nil }
        /// Pairs within a group of `t` spread as evenly as can be over `most` groups: t = q · most + r.
        func evenSpread(_ t: Int) -> Int {
            let q = t / most, r = t % most
            return r * (q + 1) * q / 2 + (most - r) * q * (q - 1) / 2
        }
        return fewestCost(leaders: leaders, minSize: minSize, maxSize: maxSize, cost: evenSpread)
    }

    /// The fewest pairs sharing a group when `leaders` are split into groups of `minSize…maxSize` (Σ C(size, 2)),
    /// or nil when no such split exists; 0 for no leaders. O(leaders · (maxSize − minSize + 1)).
    static func fewestPairs(leaders: Int, minSize: Int, maxSize: Int) -> Int? {
        fewestCost(leaders: leaders, minSize: minSize, maxSize: maxSize) { $0 * ($0 - 1) / 2 }
    }

    /// The least Σ cost(size) over splits of `leaders` into groups of `minSize…maxSize`, or nil when none exists; 0
    /// for no leaders. O(leaders · (maxSize − minSize + 1)).
    private static func fewestCost(leaders: Int, minSize: Int, maxSize: Int, cost: (Int) -> Int) -> Int? {
        guard leaders > 0 else { return 0 }
        guard minSize >= 1, maxSize >= minSize else { return nil }
        var best = [Int?](repeating: nil, count: leaders + 1)
        best[0] = 0
        for total in 1...leaders where total >= minSize {
            for size in minSize...min(maxSize, total) {
                guard let rest = best[total - size] else { continue }
                let pairs = rest + cost(size)
                if best[total] == nil || pairs < best[total]! { best[total] = pairs }
            }
        }
        return best[leaders]
    }
}
