/// A grouping together with the per-group tables that make a move's score change cheap.
///
/// Tables: per (group, slot) member counts for categorical attributes; per (group, numeric attribute)
/// present count, sum and sum of squares. A move or swap changes only the rows of its two groups, so its
/// delta costs O(categorical terms + numeric terms + pair rules of the leaders involved), independent of
/// group size and of the number of groups.
struct SearchState {
    let model: ScoreModel
    private(set) var group: [Int32]
    private(set) var size: [Int32]
    /// Member counts per (group, slot); 16 bits keep the table small enough for cache at national scale.
    private var counts: [UInt16]
    /// Per (group, numeric attribute): present count, Σx and Σx², interleaved (one cache line per lookup).
    private var numeric: [Double]
    /// Per (group, joint code) member counts and per group the number of distinct codes, for pure groups.
    private var purityCounts: [UInt16]
    private var distinct: [Int32]
    /// Per slot, the coefficient of its categorical term (copied from the model to save an indirection).
    private let slotCoefficient: [Double]
    private(set) var hard: Int
    private(set) var soft: Double

    /// - Complexity: O(n · terms + m · slots + pairs).
    init(model: ScoreModel, groups: [Int32]) {
        self.model = model
        self.group = groups
        let m = model.groupCount, slots = model.slotCount, stride = model.numStride
        var size = [Int32](repeating: 0, count: m)
        var counts = [UInt16](repeating: 0, count: m * slots)
        var numeric = [Double](repeating: 0, count: 3 * m * stride)
        for i in 0..<model.leaderCount {
            let g = Int(groups[i])
            size[g] += 1
            for t in 0..<model.catStride {
                let slot = model.catSlots[i * model.catStride + t]
                if slot >= 0 { counts[g * slots + Int(slot)] += 1 }
            }
            for t in 0..<stride {
                let x = model.numValues[i * stride + t], p = model.numPresent[i * stride + t]
                numeric[3 * (g * stride + t)] += p
                numeric[3 * (g * stride + t) + 1] += x
                numeric[3 * (g * stride + t) + 2] += x * x
            }
        }
        let pSlots = model.puritySlotCount
        var purityCounts = [UInt16](repeating: 0, count: m * pSlots), distinct = [Int32](repeating: 0, count: m)
        if pSlots > 0 {
            for i in 0..<model.leaderCount {
                let cell = Int(groups[i]) * pSlots + Int(model.puritySlots[i])
                if purityCounts[cell] == 0 { distinct[Int(groups[i])] += 1 }
                purityCounts[cell] += 1
            }
        }
        self.purityCounts = purityCounts
        self.distinct = distinct
        self.size = size
        self.counts = counts
        self.numeric = numeric
        slotCoefficient = model.slotTerm.map { model.catCoefficient[Int($0)] }
        let score = Scorer.score(model, groups: groups)
        hard = score.hard
        soft = score.soft
    }

    var score: Score { Score(hard: hard, soft: soft) }

    /// The search's single objective: soft score minus a large penalty per broken hard rule.
    var objective: Double { soft - model.hardPenalty * Double(hard) }

    /// Whether leader `i` may leave its group for `h` without breaking size bounds or a pin. O(1).
    @inline(__always)
    func canMove(_ i: Int, to h: Int) -> Bool {
        let g = Int(group[i])
        return g != h && model.fixedGroup[i] < 0 && size[g] > model.minSizes[g] && size[h] < model.maxSizes[h]
    }

    /// Change of a group's spread when its count, sum and sum of squares change by the given amounts. O(1).
    @inline(__always)
    private static func spreadChange(_ k: Double, _ s1: Double, _ s2: Double, _ dk: Double, _ d1: Double, _ d2: Double) -> Double {
        let after = (k + dk) * (s2 + d2) - (s1 + d1) * (s1 + d1)
        let before = k * s2 - s1 * s1
        return after - before
    }

    /// Lone-cell change when a cell goes from `c` members to `c + 1`.
    @inline(__always)
    private static func loneChangeOnAdd(_ c: UInt16) -> Double { c == 0 ? 1 : (c == 1 ? -1 : 0) }
    /// Lone-cell change when a cell goes from `c` members to `c − 1`.
    @inline(__always)
    private static func loneChangeOnRemove(_ c: UInt16) -> Double { c == 1 ? -1 : (c == 2 ? 1 : 0) }

    /// Soft change of the categorical cell `slot` when one member leaves group `from` for group `to`.
    @inline(__always)
    private func categoricalMoveDelta(slot: Int, from g: Int, to h: Int) -> Double {
        let slots = model.slotCount
        let cg = counts[g * slots + slot], ch = counts[h * slots + slot]
        var delta = slotCoefficient[slot] * (Double(ch) - Double(cg) + 1)
        let penalty = model.slotLonePenalty[slot]
        if penalty != 0 { delta -= penalty * (Self.loneChangeOnRemove(cg) + Self.loneChangeOnAdd(ch)) }
        return delta
    }

    /// Score change if leader `i` moved to group `h`.
    /// - Complexity: O(terms + pair rules of `i`).
    @inline(__always)
    func moveDelta(_ i: Int, to h: Int) -> (hard: Int, soft: Double) {
        let g = Int(group[i])
        var soft = 0.0
        let catBase = i * model.catStride
        for t in 0..<model.catStride {
            let slot = model.catSlots[catBase + t]
            if slot >= 0 { soft += categoricalMoveDelta(slot: Int(slot), from: g, to: h) }
        }
        let stride = model.numStride, numBase = i * stride
        for t in 0..<stride where model.numPresent[numBase + t] != 0 {
            let x = model.numValues[numBase + t]
            let a = 3 * (g * stride + t), b = 3 * (h * stride + t)
            let change = Self.spreadChange(numeric[a], numeric[a + 1], numeric[a + 2], -1, -x, -x * x)
                + Self.spreadChange(numeric[b], numeric[b + 1], numeric[b + 2], 1, x, x * x)
            soft += model.numCoefficient[t] * change
        }
        if model.puritySlotCount > 0 {
            let p = model.puritySlotCount, slot = Int(model.puritySlots[i])
            let dg = distinct[g], dh = distinct[h]
            let dg2 = dg - (purityCounts[g * p + slot] == 1 ? 1 : 0), dh2 = dh + (purityCounts[h * p + slot] == 0 ? 1 : 0)
            let before = (dg == 1 ? size[g] : 0) + (dh == 1 ? size[h] : 0)
            let after = (dg2 == 1 ? size[g] - 1 : 0) + (dh2 == 1 ? size[h] + 1 : 0)
            soft += model.purityCoefficient * Double(after - before)
        }
        let pairs = pairDelta(i, from: g, to: h, ignoring: -1)
        return (pairs.hard, soft + pairs.soft)
    }

    /// Score change if leaders `i` and `j` (in different groups) exchanged groups.
    /// - Complexity: O(terms + pair rules of `i` and `j`).
    @inline(__always)
    func swapDelta(_ i: Int, _ j: Int) -> (hard: Int, soft: Double) {
        let g = Int(group[i]), h = Int(group[j])
        var soft = 0.0
        let stride = model.catStride
        for t in 0..<stride {
            let si = model.catSlots[i * stride + t], sj = model.catSlots[j * stride + t]
            if si == sj { continue }
            // Different slots: the two half-moves touch different cells and are independent.
            if si >= 0 { soft += categoricalMoveDelta(slot: Int(si), from: g, to: h) }
            if sj >= 0 { soft += categoricalMoveDelta(slot: Int(sj), from: h, to: g) }
        }
        let numStride = model.numStride
        for t in 0..<numStride {
            let pi = model.numPresent[i * numStride + t], pj = model.numPresent[j * numStride + t]
            let xi = model.numValues[i * numStride + t], xj = model.numValues[j * numStride + t]
            if pi == pj && xi == xj { continue }
            let a = 3 * (g * numStride + t), b = 3 * (h * numStride + t)
            let change = Self.spreadChange(numeric[a], numeric[a + 1], numeric[a + 2], pj - pi, xj - xi, xj * xj - xi * xi)
                + Self.spreadChange(numeric[b], numeric[b + 1], numeric[b + 2], pi - pj, xi - xj, xi * xi - xj * xj)
            soft += model.numCoefficient[t] * change
        }
        soft += puritySwapDelta(i, j)
        // The pair (i, j) itself stays split either way, so each side ignores the other.
        let first = pairDelta(i, from: g, to: h, ignoring: j), second = pairDelta(j, from: h, to: g, ignoring: i)
        return (first.hard + second.hard, soft + first.soft + second.soft)
    }

    /// Pair-rule change when leader `i` leaves group `g` for `h`, leaving out its pair with `ignoring`.
    /// - Complexity: O(pair rules of `i`).
    @inline(__always)
    func pairDelta(_ i: Int, from g: Int, to h: Int, ignoring: Int) -> (hard: Int, soft: Double) {
        var hard = 0, soft = 0.0
        for k in Int(model.pairStart[i])..<Int(model.pairStart[i + 1]) {
            let o = Int(model.pairOther[k])
            if o == ignoring { continue }
            let other = Int(group[o])
            if other == h { hard += Int(model.pairHard[k]); soft += model.pairSoft[k] }
            else if other == g { hard -= Int(model.pairHard[k]); soft -= model.pairSoft[k] }
        }
        return (hard, soft)
    }

    /// The pure-groups part of ``swapDelta(_:_:)``. O(1).
    @inline(__always)
    func puritySwapDelta(_ i: Int, _ j: Int) -> Double {
        guard model.puritySlotCount > 0 else { return 0 }
        let p = model.puritySlotCount, si = Int(model.puritySlots[i]), sj = Int(model.puritySlots[j])
        if si == sj { return 0 }
        let g = Int(group[i]), h = Int(group[j])
        let dg = distinct[g], dh = distinct[h]
        let dg2 = dg - (purityCounts[g * p + si] == 1 ? 1 : 0) + (purityCounts[g * p + sj] == 0 ? 1 : 0)
        let dh2 = dh - (purityCounts[h * p + sj] == 1 ? 1 : 0) + (purityCounts[h * p + si] == 0 ? 1 : 0)
        let before = (dg == 1 ? size[g] : 0) + (dh == 1 ? size[h] : 0)
        let after = (dg2 == 1 ? size[g] : 0) + (dh2 == 1 ? size[h] : 0)
        return model.purityCoefficient * Double(after - before)
    }

    /// Moves leader `i` to group `h`, updating every table; `delta` is what ``moveDelta(_:to:)`` returned.
    /// - Complexity: O(terms).
    mutating func move(_ i: Int, to h: Int, delta: (hard: Int, soft: Double)) {
        let g = Int(group[i])
        let slots = model.slotCount
        for t in 0..<model.catStride {
            let slot = Int(model.catSlots[i * model.catStride + t])
            if slot >= 0 {
                counts[g * slots + slot] -= 1
                counts[h * slots + slot] += 1
            }
        }
        let stride = model.numStride
        for t in 0..<stride {
            let x = model.numValues[i * stride + t], p = model.numPresent[i * stride + t]
            let a = 3 * (g * stride + t), b = 3 * (h * stride + t)
            numeric[a] -= p; numeric[a + 1] -= x; numeric[a + 2] -= x * x
            numeric[b] += p; numeric[b + 1] += x; numeric[b + 2] += x * x
        }
        if model.puritySlotCount > 0 {
            let p = model.puritySlotCount, slot = Int(model.puritySlots[i])
            purityCounts[g * p + slot] -= 1
            if purityCounts[g * p + slot] == 0 { distinct[g] -= 1 }
            if purityCounts[h * p + slot] == 0 { distinct[h] += 1 }
            purityCounts[h * p + slot] += 1
        }
        size[g] -= 1
        size[h] += 1
        group[i] = Int32(h)
        hard += delta.hard
        soft += delta.soft
    }

    /// Exchanges the groups of `i` and `j`; `delta` is what ``swapDelta(_:_:)`` returned. O(terms).
    mutating func swap(_ i: Int, _ j: Int, delta: (hard: Int, soft: Double)) {
        let g = Int(group[i]), h = Int(group[j])
        move(i, to: h, delta: (0, 0))
        move(j, to: g, delta: (0, 0))
        hard += delta.hard
        soft += delta.soft
    }

    /// Recomputes the score from scratch and reports drift beyond rounding ("score corruption"). O(score).
    func corruption() -> String? {
        let truth = Scorer.score(model, groups: group)
        if truth.hard != hard || abs(truth.soft - soft) > 1e-6 * max(1, abs(truth.soft)) {
            return "score corruption: incremental \(score), from scratch \(truth)"
        }
        return nil
    }

    /// Re-synchronises the running soft score with the from-scratch value (clears floating-point drift).
    mutating func resynchronise() {
        let truth = Scorer.score(model, groups: group)
        hard = truth.hard
        soft = truth.soft
    }
}
