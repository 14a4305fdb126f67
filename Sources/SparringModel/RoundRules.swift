/// Rules that come from a network's life over time rather than from the roster: who met in earlier rounds,
/// the grouping being refreshed mid-year, pinned placements and leaders who must stay together.
///
/// All relations are by roster index. Built by the command line from `--history`, `--previous`, `--pin`
/// and keep-together sets; compiled into pair rules by the score model.
public struct RoundRules: Sendable, Equatable {
    /// A pair of leaders with a weight.
    public struct WeightedPair: Sendable, Equatable, Comparable {
        public let pair: LeaderPair
        public let weight: Double

        public init(_ pair: LeaderPair, weight: Double) {
            self.pair = pair
            self.weight = weight
        }

        public static func < (a: WeightedPair, b: WeightedPair) -> Bool { a.pair < b.pair }
    }

    /// Pairs who shared a group in an earlier round, weighted by recency: 1 for the latest round, ½ for the one
    /// before, ¼ before that…, summed over rounds. Sorted by pair.
    public var metBefore: [WeightedPair] = []
    /// Pairs who shared a group in the latest round (`--no-repeat` makes these hard separations). Sorted.
    public var lastRound: [LeaderPair] = []
    /// Number of history rounds given.
    public var historyRounds = 0
    /// Whether the earlier rounds include the other rounds of a plan (the workbench's `serve --rounds`): texts then
    /// speak of the plan's other rounds, not of the last round.
    public var historyIsPlan = false
    /// How strongly meeting again is avoided, 0…5 (points relative to a random grouping, as for attributes).
    public var historyWeight: Double = 5
    /// Make meeting a latest-round group-mate again a hard rule.
    public var noRepeat = false

    /// Per leader, the group they were in before this mid-year refresh, or -1 (a joiner). Empty: no `--previous`.
    public var previousGroup: [Int32] = []
    /// Labels of the previous groups, by index.
    public var previousLabels: [String] = []
    /// Per previous group, its members in the previous grouping, those who have left the roster included (empty:
    /// only the roster's, from ``previousGroup``).
    public var previousSizes: [Int] = []
    /// How strongly continuing leaders are kept with their previous group-mates, 0…5.
    public var stabilityWeight: Double = 5

    /// Per leader, the group index they are pinned to, or -1. Empty: no pins.
    public var pins: [Int32] = []

    /// Sets of leaders who must (hard) or should (soft) share a group; each set lists roster indices.
    public var togetherSets: [[Int]] = []
    /// Names of the sets, parallel to ``togetherSets``, for explanations.
    public var togetherNames: [String] = []
    /// nil: keep-together is a hard rule; otherwise its soft weight 0…5.
    public var togetherWeight: Double?

    public init() {}

    /// Continuing leaders' pairs who shared a previous group. O(n + pairs).
    public var previousPairs: [LeaderPair] {
        guard !previousGroup.isEmpty else { return [] }
        var members: [Int32: [Int]] = [:]
        for (i, g) in previousGroup.enumerated() where g >= 0 { members[g, default: []].append(i) }
        var pairs: [LeaderPair] = []
        for g in members.keys.sorted() {
            let list = members[g]!
            for a in list.indices { for b in list.indices where b > a { pairs.append(LeaderPair(list[a], list[b])) } }
        }
        return pairs.sorted()
    }

    /// All pairs inside keep-together sets. O(Σ set size²).
    public var togetherPairs: [LeaderPair] {
        var pairs = Set<LeaderPair>()
        for set in togetherSets {
            for a in set.indices { for b in set.indices where b > a { pairs.insert(LeaderPair(set[a], set[b]).sorted) } }
        }
        return pairs.sorted()
    }

    /// Builds ``metBefore`` and ``lastRound`` from earlier groupings, oldest first (per leader a group index or -1).
    /// - Complexity: O(rounds · Σ group size²).
    public mutating func setHistory(_ rounds: [[Int32]]) {
        var weights: [LeaderPair: Double] = [:]
        var last: [LeaderPair] = []
        for (r, grouping) in rounds.enumerated() {
            let weight = 1 / Double(1 << min(rounds.count - 1 - r, 30))
            var members: [Int32: [Int]] = [:]
            for (i, g) in grouping.enumerated() where g >= 0 { members[g, default: []].append(i) }
            for list in members.values {
                for a in list.indices {
                    for b in list.indices where b > a {
                        let pair = LeaderPair(list[a], list[b]).sorted
                        weights[pair, default: 0] += weight
                        if r == rounds.count - 1 { last.append(pair) }
                    }
                }
            }
        }
        metBefore = weights.map { WeightedPair($0.key, weight: $0.value) }.sorted()
        lastRound = last.sorted()
        historyRounds = rounds.count
    }
}

extension RoundRules {
    /// The rules of a round the leaders `kept` only attend (indices into the roster, ascending), by their index
    /// among the kept: history pairs, previous groups and pins of the others dropped; a keep-together set keeps
    /// its members who attend, and is dropped when fewer than two do. O(n + pairs + Σ set size).
    public func keeping(_ kept: [Int], of leaderCount: Int) -> RoundRules {
        var newIndex = [Int](repeating: -1, count: leaderCount)
        for (k, i) in kept.enumerated() { newIndex[i] = k }
        func remap(_ pair: LeaderPair) -> LeaderPair? {
            let a = newIndex[Int(pair.first)], b = newIndex[Int(pair.second)]
            return a >= 0 && b >= 0 ? LeaderPair(a, b) : nil
        }
        var rules = self
        rules.metBefore = metBefore.compactMap { weighted in remap(weighted.pair).map { WeightedPair($0, weight: weighted.weight) } }
        rules.lastRound = lastRound.compactMap(remap)
        rules.previousGroup = previousGroup.isEmpty ? [] : kept.map { previousGroup[$0] }
        rules.pins = pins.isEmpty ? [] : kept.map { pins[$0] }
        var sets: [[Int]] = [], names: [String] = []
        for (s, set) in togetherSets.enumerated() {
            let attending = set.map { newIndex[$0] }.filter { $0 >= 0 }
            guard attending.count >= 2 else { continue }
            sets.append(attending)
            if s < togetherNames.count { names.append(togetherNames[s]) }
        }
        rules.togetherSets = sets
        rules.togetherNames = names
        return rules
    }
}
