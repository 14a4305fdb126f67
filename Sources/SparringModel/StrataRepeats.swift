/// The meetings again that no plan of pure groups can avoid (`plan` under a typology with pure groups, such as
/// local networks: the same field and rank).
///
/// A stratum's leaders in pure groups meet only each other. Over K rounds its pure groups (``PureStrata/Stratum/capacity``
/// leaders a round, in groups of the allowed sizes) hold at least K · Q pair meetings, where Q is the fewest pairs a
/// split of those leaders into such groups makes (the most even split into the most groups); the stratum has only
/// C(s, 2) distinct pairs, so at least K · Q − C(s, 2) of the meetings are meetings again. The bound is a counting
/// bound: a plan may need more, never fewer, while its groups are as pure as the roster allows (every stratum's
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
            guard let pairs = Self.fewestPairs(leaders: stratum.capacity, minSize: sizing.minSize, maxSize: sizing.maxSize) else { continue }
            let unavoidable = rounds * pairs - s * (s - 1) / 2
            if unavoidable > 0 { found.append(Stratum(values: stratum.values, leaders: s, unavoidable: unavoidable)) }
        }
        self.strata = found.enumerated().sorted { ($0.element.unavoidable, -$0.offset) > ($1.element.unavoidable, -$1.offset) }.map(\.element)
        self.rounds = rounds
    }

    /// The fewest pairs sharing a group when `leaders` are split into groups of `minSize…maxSize` (Σ C(size, 2)),
    /// or nil when no such split exists; 0 for no leaders. O(leaders · (maxSize − minSize + 1)).
    static func fewestPairs(leaders: Int, minSize: Int, maxSize: Int) -> Int? {
        guard leaders > 0 else { return 0 }
        guard minSize >= 1, maxSize >= minSize else { return nil }
        var best = [Int?](repeating: nil, count: leaders + 1)
        best[0] = 0
        for total in 1...leaders where total >= minSize {
            for size in minSize...min(maxSize, total) {
                guard let rest = best[total - size] else { continue }
                let pairs = rest + size * (size - 1) / 2
                if best[total] == nil || pairs < best[total]! { best[total] = pairs }
            }
        }
        return best[leaders]
    }
}
