import SparringModel

/// The score of a grouping problem compiled to flat arrays, ready for the hot loop.
///
/// Built once from a roster and its rule settings; immutable and `Sendable`, so every solver thread
/// shares it. Categorical (and ordinal) attributes become *slots* — one per (attribute, value) — so a
/// group's composition is a row of counts; numeric attributes become per-group count, sum and sum of
/// squares; pair rules (separations, wishes) become a CSR adjacency list.
///
/// The soft score is `constant + Σ catCoefficient·samePairs + Σ numCoefficient·spread − Σ lonePenalty·loneCells
/// + Σ pairSoft·together`, so a move's change needs only the counts of the two groups involved.
public struct ScoreModel: Sendable {
    public let leaderCount: Int
    public let groupCount: Int
    /// Per group, inclusive size bounds.
    public let minSizes: [Int32]
    public let maxSizes: [Int32]

    /// One scored attribute, for explanations and the breakdown.
    public struct Term: Sendable, Equatable {
        public let name: String
        public let kind: AttributeKind
        public let weight: Double
        public let loneWeight: Double
        /// Same-value pairs (categorical) or spread (numeric) expected under a random grouping.
        public let expected: Double
        /// Labels of the slots (categorical), for explanations.
        public let levels: [String]
    }

    public let categoricalTerms: [Term]
    public let numericTerms: [Term]

    // Categorical: leader-major slot table, slot → term, coefficients.
    let catStride: Int
    let catSlots: [Int32]
    let slotCount: Int
    let slotTerm: [Int32]
    let slotFirst: [Int32]
    let catCoefficient: [Double]
    /// Penalty per (group, value) cell holding exactly one member, per slot (0 where no lone rule).
    let slotLonePenalty: [Double]

    // Numeric: leader-major values (0 when missing) and presence (1 or 0).
    let numStride: Int
    let numValues: [Double]
    let numPresent: [Double]
    let numCoefficient: [Double]

    // Pair rules as CSR adjacency: pairStart[i]..<pairStart[i+1] index pairOther/pairHard/pairSoft.
    let pairStart: [Int32]
    let pairOther: [Int32]
    let pairHard: [Int32]
    let pairSoft: [Double]

    // Pure groups: per leader a joint code of the typology's "same" attributes; a group is pure when it holds one code.
    let puritySlots: [Int32]
    let puritySlotCount: Int
    /// Soft points per leader in a pure group (0 when there is no purity rule).
    let purityCoefficient: Double
    /// Names of the attributes groups should be pure in, and the rule's weight (empty names: no rule).
    public let purityAttributes: [String]
    public let purityWeight: Double

    /// Per leader, the group it is pinned to, or -1.
    public let fixedGroup: [Int32]
    /// The soft score's constant part (so a random grouping scores about 0 on attribute terms).
    let constant: Double

    /// Number of granted-wish units each pair is worth, kept for explanations.
    public let wishWeightPerWish: Double

    /// History, previous grouping, pins and keep-together sets the model was built with.
    public let rounds: RoundRules
    /// Soft points per unit of recency weight for a pair who met before (subtracted when they meet again).
    public let historyCoefficient: Double
    /// Soft points per previous group-mate pair kept together.
    public let stabilityCoefficient: Double
    /// Soft points per keep-together pair together (0 when keep-together is hard).
    public let togetherCoefficient: Double
    /// Hard count that pair terms start from: one per hard keep-together pair (cancelled while the pair is together).
    let hardConstant: Int

    /// A hard rule broken costs this much in the search's single objective (soft − hardPenalty·hard).
    public let hardPenalty: Double

    /// Compiles `roster` under `settings` into `groups` groups.
    /// - Parameters:
    ///   - rounds: history, previous grouping, pins and keep-together sets (default: none).
    /// - Throws: ``DiagnosticError`` for settings that do not fit the roster.
    /// - Complexity: O(n · attributes + pairs).
    public init(roster: Roster, settings: RuleSettings, groups: Int, rounds: RoundRules = RoundRules()) throws(DiagnosticError) {
        let n = roster.count
        let rules = try settings.attributeRules(for: roster)
        let sizes = GroupSizing.balancedSizes(leaders: n, groups: groups)
        let pairsPerGrouping = sizes.reduce(0.0) { $0 + Double($1 * ($1 - 1) / 2) }
        let allPairs = Double(n) * Double(n - 1)

        var catTerms: [Term] = [], numTerms: [Term] = []
        var catColumns: [[Int32]] = [], numColumns: [[Double]] = []
        var catCoefficient: [Double] = [], numCoefficient: [Double] = [], slotLone: [Double] = [], slotTerm: [Int32] = [], slotFirst: [Int32] = []
        var constant = 0.0
        for rule in rules {
            let attribute = roster.attributes[rule.attribute]
            switch attribute.kind {
            case .categorical, .ordinal:
                let counts = attribute.levelCounts
                let samePairs = counts.reduce(0.0) { $0 + Double($1) * Double($1 - 1) }
                let expected = allPairs > 0 ? pairsPerGrouping * samePairs / allPairs : 0
                let coefficient = expected > 0 ? rule.weight * 100 / expected : 0
                if coefficient == 0 && rule.loneWeight == 0 { continue }
                let first = Int32(slotTerm.count)
                for _ in attribute.levels {
                    slotTerm.append(Int32(catTerms.count))
                    slotFirst.append(first)
                    slotLone.append(rule.loneWeight * 100 / Double(groups))
                }
                catCoefficient.append(coefficient)
                if coefficient != 0 { constant -= rule.weight * 100 }
                catColumns.append(attribute.codes.map { $0 < 0 ? -1 : $0 + first })
                catTerms.append(Term(name: attribute.key, kind: attribute.kind, weight: coefficient == 0 ? 0 : rule.weight,
                                     loneWeight: rule.loneWeight, expected: expected, levels: attribute.levels))
            case .numeric:
                let present = attribute.values.filter { !$0.isNaN }
                guard present.count > 1, rule.weight != 0 else { continue }
                let mean = present.reduce(0, +) / Double(present.count)
                let variance = present.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(present.count - 1)
                let bothPresent = Double(present.count) * Double(present.count - 1) / allPairs
                let expected = pairsPerGrouping * bothPresent * 2 * variance
                guard expected > 0 else { continue }
                numCoefficient.append(-rule.weight * 100 / expected)
                constant += rule.weight * 100
                numColumns.append(attribute.values)
                numTerms.append(Term(name: attribute.key, kind: .numeric, weight: rule.weight, loneWeight: 0, expected: expected, levels: []))
            }
        }

        leaderCount = n
        groupCount = groups
        minSizes = [Int32](repeating: Int32(settings.sizing.minSize), count: groups)
        maxSizes = [Int32](repeating: Int32(settings.sizing.maxSize), count: groups)
        categoricalTerms = catTerms
        numericTerms = numTerms
        catStride = catColumns.count
        slotCount = slotTerm.count
        self.slotTerm = slotTerm
        self.slotFirst = slotFirst
        self.catCoefficient = catCoefficient
        slotLonePenalty = slotLone
        var slots = [Int32](repeating: -1, count: n * catColumns.count)
        for (t, column) in catColumns.enumerated() { for i in 0..<n { slots[i * catColumns.count + t] = column[i] } }
        catSlots = slots
        numStride = numColumns.count
        var values = [Double](repeating: 0, count: n * numColumns.count), presence = values
        for (t, column) in numColumns.enumerated() {
            for i in 0..<n where !column[i].isNaN {
                values[i * numColumns.count + t] = column[i]
                presence[i * numColumns.count + t] = 1
            }
        }
        numValues = values
        numPresent = presence
        self.numCoefficient = numCoefficient

        // Pair rules: separations are hard; wishes are soft, each worth wishWeight·100/totalWishes. Rules over
        // sets of pairs (history, previous group-mates, soft keep-together) are scaled like attributes: their
        // weight·100 is the difference between a random grouping (0 points) and one expected-count better.
        let wishUnit = roster.wishes.isEmpty ? 0 : settings.wishWeight * 100 / Double(roster.wishes.count)
        wishWeightPerWish = wishUnit
        let chanceTogether = n > 1 ? 2 * pairsPerGrouping / allPairs : 0
        func perPair(weight: Double, expectedPairs: Double) -> Double { expectedPairs > 0 ? weight * 100 / expectedPairs : 0 }
        var pairs: [LeaderPair: (hard: Int32, soft: Double)] = [:]
        for separation in roster.separations { pairs[separation.pair, default: (0, 0)].hard += 1 }
        if wishUnit != 0 { for wish in roster.wishes { pairs[wish.sorted, default: (0, 0)].soft += wishUnit } }

        let historyTotal = rounds.metBefore.reduce(0) { $0 + $1.weight }
        historyCoefficient = perPair(weight: rounds.historyWeight, expectedPairs: historyTotal * chanceTogether)
        if historyCoefficient != 0 {
            for met in rounds.metBefore { pairs[met.pair, default: (0, 0)].soft -= historyCoefficient * met.weight }
            constant += rounds.historyWeight * 100
        }
        if rounds.noRepeat { for pair in rounds.lastRound { pairs[pair, default: (0, 0)].hard += 1 } }
        let previousPairs = rounds.previousPairs
        stabilityCoefficient = perPair(weight: rounds.stabilityWeight, expectedPairs: Double(previousPairs.count) * chanceTogether)
        if stabilityCoefficient != 0 {
            for pair in previousPairs { pairs[pair, default: (0, 0)].soft += stabilityCoefficient }
            constant -= rounds.stabilityWeight * 100
        }
        // Keep-together, hard: −1 per pair when together plus 1 per pair always, so a split pair costs 1.
        let togetherPairs = rounds.togetherPairs
        var hardConstant = 0
        if let weight = rounds.togetherWeight {
            togetherCoefficient = perPair(weight: weight, expectedPairs: Double(togetherPairs.count) * chanceTogether)
            if togetherCoefficient != 0 {
                for pair in togetherPairs { pairs[pair, default: (0, 0)].soft += togetherCoefficient }
                constant -= weight * 100
            }
        } else {
            togetherCoefficient = 0
            for pair in togetherPairs { pairs[pair, default: (0, 0)].hard -= 1 }
            hardConstant = togetherPairs.count
        }
        self.hardConstant = hardConstant
        self.rounds = rounds
        self.constant = constant
        var adjacency = [[(other: Int32, hard: Int32, soft: Double)]](repeating: [], count: n)
        for (pair, value) in pairs.sorted(by: { $0.key < $1.key }) {
            adjacency[Int(pair.first)].append((pair.second, value.hard, value.soft))
            adjacency[Int(pair.second)].append((pair.first, value.hard, value.soft))
        }
        var start: [Int32] = [0]
        var other: [Int32] = [], hard: [Int32] = [], soft: [Double] = []
        for list in adjacency {
            for entry in list { other.append(entry.other); hard.append(entry.hard); soft.append(entry.soft) }
            start.append(Int32(other.count))
        }
        pairStart = start
        pairOther = other
        pairHard = hard
        pairSoft = soft
        fixedGroup = rounds.pins.isEmpty ? [Int32](repeating: -1, count: n) : rounds.pins

        // Pure groups: a joint code over the typology's attributes (an empty cell counts as a value of its own).
        // A fully pure grouping is worth 10 × weight × 100 points: above the range of a strongly "alike" attribute,
        // so that diversity rules refine pure groups rather than dissolve them.
        let pureAttributes = settings.pureAttributes(for: roster)
        var joint = [Int32](repeating: 0, count: pureAttributes.isEmpty ? 0 : n)
        var radix = 1
        for a in pureAttributes {
            let attribute = roster.attributes[a]
            for i in 0..<n { joint[i] += Int32(radix) * (attribute.codes[i] + 1) }
            radix *= attribute.levels.count + 1
        }
        puritySlots = joint
        puritySlotCount = pureAttributes.isEmpty ? 0 : radix
        purityCoefficient = pureAttributes.isEmpty ? 0 : settings.purityWeight * 1000 / Double(n)
        purityAttributes = pureAttributes.map { roster.attributes[$0].key }
        purityWeight = pureAttributes.isEmpty ? 0 : settings.purityWeight
        // A broken hard rule must outweigh any soft gain a move can bring.
        let biggestTerm = (catCoefficient + numCoefficient).map(abs).max() ?? 0
        hardPenalty = max(1000, 100 * biggestTerm * Double(settings.sizing.maxSize), 100 * (slotLone.max() ?? 0), 100 * (soft.map(abs).max() ?? 0),
                          100 * purityCoefficient * Double(2 * settings.sizing.maxSize))
    }
}
