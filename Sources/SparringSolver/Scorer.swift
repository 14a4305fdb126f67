/// The from-scratch scorer: the plain, obviously-right definition of the score that the incremental
/// ``SearchState`` must always agree with (tests and the debug re-check compare the two).
public enum Scorer {
    /// The per-term parts of a grouping's score.
    public struct Parts: Sendable, Equatable {
        /// Per categorical term: pairs in the same group sharing a value.
        public var samePairs: [Int]
        /// Per categorical term: (group, value) cells with exactly one member.
        public var loneCells: [Int]
        /// Per numeric term: Σ over groups of Σ_{i<j} (x_i − x_j)².
        public var spread: [Double]
        /// Σ pair-hard values of pairs in the same group (separations +1, keep-together −1; see ``ScoreModel/hardConstant``).
        public var hardPairsTogether: Int
        /// Soft pair weight of pairs in the same group.
        public var pairSoft: Double
        /// Groups whose size is out of bounds, and leaders outside their pinned group.
        public var sizeViolations: Int
        public var pinsBroken: Int
        /// Leaders in groups whose members all share the typology's "same" attributes.
        public var pureMembers: Int
    }

    /// Score of `groups` (0-based group per leader).
    /// - Complexity: O(n · terms + m · slots + pairs).
    public static func score(_ model: ScoreModel, groups: [Int32]) -> Score {
        score(model, parts: parts(model, groups: groups))
    }

    public static func score(_ model: ScoreModel, parts: Parts) -> Score {
        var soft = model.constant
        for t in parts.samePairs.indices { soft += model.catCoefficient[t] * Double(parts.samePairs[t]) }
        for t in parts.spread.indices { soft += model.numCoefficient[t] * parts.spread[t] }
        soft -= loneTotal(model, parts: parts)
        soft += parts.pairSoft
        soft += model.purityCoefficient * Double(parts.pureMembers)
        return Score(hard: parts.hardPairsTogether + model.hardConstant + parts.sizeViolations + parts.pinsBroken, soft: soft)
    }

    /// Total lone-member penalty of a grouping.
    static func loneTotal(_ model: ScoreModel, parts: Parts) -> Double {
        var total = 0.0
        for (t, term) in model.categoricalTerms.enumerated() where term.loneWeight != 0 {
            total += Double(parts.loneCells[t]) * term.loneWeight * 100 / Double(model.groupCount)
        }
        return total
    }

    public static func parts(_ model: ScoreModel, groups: [Int32]) -> Parts {
        let n = model.leaderCount, m = model.groupCount
        var sizes = [Int](repeating: 0, count: m)
        var members = [[Int]](repeating: [], count: m)
        for i in 0..<n {
            sizes[Int(groups[i])] += 1
            members[Int(groups[i])].append(i)
        }
        // Group by group with one scratch row of slot counts, reset after each group: O(n · terms), not
        // O(m · slots), which matters when thousands of groups meet thousands of unit values.
        var same = [Int](repeating: 0, count: model.catStride), lone = same
        var counts = [Int](repeating: 0, count: model.slotCount)
        var touched: [Int] = []
        for list in members {
            for i in list {
                for t in 0..<model.catStride {
                    let slot = Int(model.catSlots[i * model.catStride + t])
                    guard slot >= 0 else { continue }
                    if counts[slot] == 0 { touched.append(slot) }
                    counts[slot] += 1
                }
            }
            for slot in touched {
                let c = counts[slot], t = Int(model.slotTerm[slot])
                same[t] += c * (c - 1) / 2
                if c == 1 { lone[t] += 1 }
                counts[slot] = 0
            }
            touched.removeAll(keepingCapacity: true)
        }
        var spread = [Double](repeating: 0, count: model.numStride)
        for t in 0..<model.numStride {
            for list in members {
                let values = list.filter { model.numPresent[$0 * model.numStride + t] == 1 }.map { model.numValues[$0 * model.numStride + t] }
                for a in values.indices { for b in values.indices where b > a { spread[t] += (values[a] - values[b]) * (values[a] - values[b]) } }
            }
        }
        var hard = 0, soft = 0.0
        for i in 0..<n {
            for k in Int(model.pairStart[i])..<Int(model.pairStart[i + 1]) {
                let j = Int(model.pairOther[k])
                if j > i && groups[j] == groups[i] {
                    hard += Int(model.pairHard[k])
                    soft += model.pairSoft[k]
                }
            }
        }
        let sizeViolations = (0..<m).filter { sizes[$0] < model.minSizes[$0] || sizes[$0] > model.maxSizes[$0] }.count
        let pinsBroken = (0..<n).filter { model.fixedGroup[$0] >= 0 && model.fixedGroup[$0] != groups[$0] }.count
        var pureMembers = 0
        if model.puritySlotCount > 0 {
            var codes = [Set<Int32>](repeating: [], count: m)
            for i in 0..<n { codes[Int(groups[i])].insert(model.puritySlots[i]) }
            for g in 0..<m where codes[g].count == 1 { pureMembers += sizes[g] }
        }
        return Parts(samePairs: same, loneCells: lone, spread: spread, hardPairsTogether: hard, pairSoft: soft,
                     sizeViolations: sizeViolations, pinsBroken: pinsBroken, pureMembers: pureMembers)
    }
}
