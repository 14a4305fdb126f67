import SparringModel

/// Group-based crossover for the distance-matrix problem (MDGP): a child inherits whole groups from two parents.
///
/// Alternately from each parent, the child takes the group whose members not yet placed are the most diverse per
/// member (the sum of their pairwise distances over their count), so that the best groups of both parents survive
/// together. Elements left over go where they add the most, groups below their lower bound first. The child is
/// always within the size bounds; it is then refined by a short, cool anneal (``MatrixSearch``).
///
/// This is the recombination of memetic MDGP methods (Fan, Chen, Ma and Zhu 2011; Yang et al. 2022's TPSDP),
/// written from their descriptions.
enum GroupCrossover {
    /// - Parameters:
    ///   - a, b: parents: group per element, each within the bounds of `state`.
    ///   - state: the instance (distances and bounds); its own grouping is not used.
    /// - Complexity: O(n² + m · n) time, O(n + m) memory beyond the parents' member lists.
    static func child(of a: [Int32], _ b: [Int32], state: MatrixState, rng: inout SeededGenerator) -> [Int32] {
        let n = state.n, m = state.groupCount
        let parents = [members(a, groupCount: m), members(b, groupCount: m)]
        var taken = [[Bool]](repeating: [Bool](repeating: false, count: m), count: 2)
        var child = [Int32](repeating: -1, count: n)
        var slotFilled = [Bool](repeating: false, count: m)
        var size = [Int](repeating: 0, count: m)
        let first = rng.below(2)
        var unplaced: [Int] = []
        for step in 0..<m {
            let p = (first + step) % 2
            // The parent's group with the most diverse unplaced members per member.
            var chosen = -1, chosenValue = -Double.infinity, chosenMembers: [Int] = []
            for g in 0..<m where !taken[p][g] {
                let open = parents[p][g].filter { child[$0] < 0 }
                var sum = 0.0
                for x in 0..<open.count { for y in (x + 1)..<open.count { sum += state.distance(open[x], open[y]) } }
                let value = open.isEmpty ? -1 : sum / Double(open.count)
                if value > chosenValue { chosen = g; chosenValue = value; chosenMembers = open }
            }
            taken[p][chosen] = true
            // Its own slot when free and large enough; else the free slot that fits most tightly; else the largest,
            // trimmed of the members that add least.
            var slot = -1
            if !slotFilled[chosen] && state.upperBound(chosen) >= chosenMembers.count {
                slot = chosen
            } else {
                for s in 0..<m where !slotFilled[s] && state.upperBound(s) >= chosenMembers.count
                    && (slot < 0 || state.upperBound(s) < state.upperBound(slot)) { slot = s }
                if slot < 0 {
                    for s in 0..<m where !slotFilled[s] && (slot < 0 || state.upperBound(s) > state.upperBound(slot)) { slot = s }
                    while chosenMembers.count > state.upperBound(slot) {
                        var weakest = 0, weakestSum = Double.infinity
                        for (x, i) in chosenMembers.enumerated() {
                            var sum = 0.0
                            for k in chosenMembers where k != i { sum += state.distance(i, k) }
                            if sum < weakestSum { weakest = x; weakestSum = sum }
                        }
                        chosenMembers.remove(at: weakest)
                    }
                }
            }
            slotFilled[slot] = true
            for i in chosenMembers { child[i] = Int32(slot) }
            size[slot] = chosenMembers.count
        }
        for i in 0..<n where child[i] < 0 { unplaced.append(i) }
        for k in stride(from: unplaced.count - 1, to: 0, by: -1) { unplaced.swapAt(k, rng.below(k + 1)) }

        // Leftovers, greedily: to the group they add most to; only to groups below their lower bound when the
        // leftovers are no more than those groups still need.
        var sumTo = [Double](repeating: 0, count: m)
        for (x, i) in unplaced.enumerated() {
            let remaining = unplaced.count - x
            var deficit = 0
            for s in 0..<m { deficit += max(0, state.lowerBound(s) - size[s]) }
            let forced = deficit >= remaining
            for s in 0..<m { sumTo[s] = 0 }
            for k in 0..<n where child[k] >= 0 { sumTo[Int(child[k])] += state.distance(i, k) }
            var best = -1
            for s in 0..<m {
                let open = forced ? size[s] < state.lowerBound(s) : size[s] < state.upperBound(s)
                if open && (best < 0 || sumTo[s] > sumTo[best]) { best = s }
            }
            child[i] = Int32(best)
            size[best] += 1
        }
        // Groups still below their lower bound (others took more than their lower bound from the parents) take the
        // element whose move costs least from a group above its lower bound.
        for s in 0..<m {
            while size[s] < state.lowerBound(s) {
                var best = -1, bestChange = -Double.infinity
                for i in 0..<n {
                    let t = Int(child[i])
                    guard t != s, size[t] > state.lowerBound(t) else { continue }
                    var change = 0.0
                    for k in 0..<n where k != i {
                        if child[k] == Int32(s) { change += state.distance(i, k) } else if child[k] == Int32(t) { change -= state.distance(i, k) }
                    }
                    if change > bestChange { best = i; bestChange = change }
                }
                size[Int(child[best])] -= 1
                child[best] = Int32(s)
                size[s] += 1
            }
        }
        return child
    }

    /// Members per group. O(n).
    static func members(_ groups: [Int32], groupCount m: Int) -> [[Int]] {
        var members = [[Int]](repeating: [], count: m)
        for (i, g) in groups.enumerated() { members[Int(g)].append(i) }
        return members
    }
}
