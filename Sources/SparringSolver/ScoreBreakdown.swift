import SparringModel

/// A grouping's score taken apart by rule, with the leaders involved, for summaries, JSON and explanations.
public struct ScoreBreakdown: Sendable {
    public struct AttributeLine: Sendable {
        public let name: String
        public let kind: AttributeKind
        public let weight: Double
        /// Same-value pairs (categorical) or spread (numeric) in this grouping.
        public let actual: Double
        /// The same under a random grouping.
        public let expected: Double
        /// Soft points from the weight (lone-member penalty excluded).
        public let points: Double
        public let loneWeight: Double
        /// (group, value) cells with exactly one member, e.g. the only man in a group.
        public let loneMembers: [(group: Int, leader: Int, value: String)]
        public let lonePoints: Double
    }

    public let score: Score
    public let attributes: [AttributeLine]
    /// Pairs that a hard rule keeps apart but that share a group.
    public let separationsTogether: [Separation]
    /// Leaders in groups pure in the typology's "same" attributes, and the points for them.
    public let purityAttributes: [String]
    public let purityWeight: Double
    public let pureMembers: Int
    public let purityPoints: Double
    public let wishesGranted: [LeaderPair]
    public let wishesTotal: Int
    public let wishPoints: Double
    /// Groups whose size is outside the bounds, with their size.
    public let sizeViolations: [(group: Int, size: Int)]
    /// Leaders not in the group they are pinned to.
    public let pinsBroken: [Int]
    /// Pairs who met in an earlier round and share a group again; those from the latest round; the points.
    public let repeatPairs: [LeaderPair]
    public let lastRoundRepeats: [LeaderPair]
    public let historyPoints: Double
    /// Previous group-mate pairs (continuing leaders) still together, of all such pairs; the points.
    public let previousPairsKept: Int
    public let previousPairsTotal: Int
    public let stabilityPoints: Double
    /// Keep-together sets (indices into ``RoundRules/togetherSets``) whose members are not all in one group.
    public let togetherSplit: [Int]
    public let togetherPoints: Double

    /// - Complexity: O(n · terms + m · slots + pairs).
    public init(model: ScoreModel, roster: Roster, groups: [Int32]) {
        let parts = Scorer.parts(model, groups: groups)
        score = Scorer.score(model, parts: parts)
        let m = model.groupCount
        var lines: [AttributeLine] = []
        for (t, term) in model.categoricalTerms.enumerated() {
            let coefficient = model.catCoefficient[t]
            var lone: [(group: Int, leader: Int, value: String)] = []
            if term.loneWeight != 0 {
                var holders = [[Int]](repeating: [], count: m * term.levels.count)
                for i in 0..<model.leaderCount {
                    let slot = model.catSlots[i * model.catStride + t]
                    if slot >= 0 { holders[Int(groups[i]) * term.levels.count + Int(slot - model.slotFirst[Int(slot)])].append(i) }
                }
                for g in 0..<m { for v in term.levels.indices where holders[g * term.levels.count + v].count == 1 {
                    lone.append((g, holders[g * term.levels.count + v][0], term.levels[v]))
                } }
            }
            let points = coefficient == 0 ? 0 : coefficient * Double(parts.samePairs[t]) - term.weight * 100
            lines.append(AttributeLine(name: term.name, kind: term.kind, weight: term.weight, actual: Double(parts.samePairs[t]),
                                       expected: term.expected, points: points, loneWeight: term.loneWeight, loneMembers: lone,
                                       lonePoints: -Double(parts.loneCells[t]) * term.loneWeight * 100 / Double(m)))
        }
        for (t, term) in model.numericTerms.enumerated() {
            let points = term.weight * 100 + model.numCoefficient[t] * parts.spread[t]
            lines.append(AttributeLine(name: term.name, kind: .numeric, weight: term.weight, actual: parts.spread[t],
                                       expected: term.expected, points: points, loneWeight: 0, loneMembers: [], lonePoints: 0))
        }
        attributes = lines
        pureMembers = parts.pureMembers
        purityAttributes = model.purityAttributes
        purityWeight = model.purityWeight
        purityPoints = model.purityCoefficient * Double(parts.pureMembers)
        separationsTogether = roster.separations.filter { groups[Int($0.pair.first)] == groups[Int($0.pair.second)] }
        wishesGranted = roster.wishes.filter { groups[Int($0.first)] == groups[Int($0.second)] }
        wishesTotal = roster.wishes.count
        wishPoints = Double(wishesGranted.count) * model.wishWeightPerWish
        var sizes = [Int](repeating: 0, count: m)
        for g in groups { sizes[Int(g)] += 1 }
        sizeViolations = (0..<m).filter { sizes[$0] < model.minSizes[$0] || sizes[$0] > model.maxSizes[$0] }.map { ($0, sizes[$0]) }
        pinsBroken = (0..<model.leaderCount).filter { model.fixedGroup[$0] >= 0 && model.fixedGroup[$0] != groups[$0] }
        let rounds = model.rounds
        func together(_ pair: LeaderPair) -> Bool { groups[Int(pair.first)] == groups[Int(pair.second)] }
        let repeats = rounds.metBefore.filter { together($0.pair) }
        repeatPairs = repeats.map(\.pair)
        lastRoundRepeats = rounds.lastRound.filter(together)
        historyPoints = model.historyCoefficient == 0 ? 0
            : rounds.historyWeight * 100 - model.historyCoefficient * repeats.reduce(0) { $0 + $1.weight }
        let previousPairs = rounds.previousPairs
        previousPairsTotal = previousPairs.count
        previousPairsKept = previousPairs.filter(together).count
        stabilityPoints = model.stabilityCoefficient == 0 ? 0 : model.stabilityCoefficient * Double(previousPairsKept) - rounds.stabilityWeight * 100
        togetherSplit = rounds.togetherSets.indices.filter { k in Set(rounds.togetherSets[k].map { groups[$0] }).count > 1 }
        togetherPoints = model.togetherCoefficient == 0 ? 0
            : model.togetherCoefficient * Double(rounds.togetherPairs.filter(together).count) - (rounds.togetherWeight ?? 0) * 100
    }
}

/// Group numbering people can read: groups renumbered in order of their first member in the roster,
/// so the same grouping always gets the same labels. Only valid where groups are interchangeable
/// (same bounds, no pins). O(n + m).
public func canonicalGroups(_ groups: [Int32], groupCount: Int) -> [Int32] {
    var label = [Int32](repeating: -1, count: groupCount)
    var next: Int32 = 0
    return groups.map { g in
        if label[Int(g)] < 0 { label[Int(g)] = next; next += 1 }
        return label[Int(g)]
    }
}
