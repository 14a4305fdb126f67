import SparringModel

extension Construction {
    /// A start for "different" attributes (broad networks): leaders sorted by the attributes that should
    /// differ within a group, then dealt into the groups in turn like cards, so that each group takes one
    /// leader of a field × rank block before any group takes a second.
    ///
    /// The sort keys are the categorical attributes with a negative weight, most negative first (field and
    /// rank, then gender and unit under the broad preset); ties are broken at random, so runs with different
    /// seeds start apart. Groups are dealt in a random cyclic order up to their target sizes (balanced, or each
    /// group's minimum and the rest round-robin); pinned leaders sit in their groups first and count toward
    /// them. A leader whose turn falls on a group holding a hard partner (reporting line, conflict) goes to the
    /// next of a few groups without one, and that group then misses its next turn, so the deal stays even.
    ///
    /// - Returns: the grouping (0-based group per leader), or `nil` when no categorical attribute has a
    ///   negative weight, or when a pure-groups rule is active (it wants sameness that a deal would undo;
    ///   ``stratified(_:rng:)`` serves it).
    /// - Complexity: O(n log n + n · (hard pairs per leader) · probes + m), probes ≤ 8.
    static func dealt(_ model: ScoreModel, rng: inout SeededGenerator) -> [Int32]? {
        let n = model.leaderCount, m = model.groupCount
        guard n > 0, m > 0, !model.purity.isActive,
              let rules = try? model.settings.attributeRules(for: model.roster) else { return nil }
        let roster = model.roster
        // Most negative weight first; equal weights in roster order (field and rank lead in the presets).
        let keys = rules.enumerated()
            .filter { $0.element.weight < 0 && roster.attributes[$0.element.attribute].kind != .numeric }
            .sorted { ($0.element.weight, $0.offset) < ($1.element.weight, $1.offset) }
            .map { roster.attributes[$0.element.attribute] }
        guard !keys.isEmpty else { return nil }

        // One mixed-radix key per leader (an empty cell sorts after every value), as far as it fits in 62 bits;
        // then a random rank to break ties.
        var key = [Int](repeating: 0, count: n)
        var radix = 1
        for attribute in keys {
            let base = attribute.levels.count + 1
            guard radix <= (1 << 62) / base else { break }
            for i in 0..<n {
                let code = attribute.codes[i]
                key[i] = key[i] * base + (code < 0 ? base - 1 : Int(code))
            }
            radix *= base
        }
        var order = (0..<n).filter { model.fixedGroup[$0] < 0 }
        for k in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(k, rng.below(k + 1)) }
        var position = [Int32](repeating: 0, count: n)
        for (p, i) in order.enumerated() { position[i] = Int32(p) }
        order.sort { (key[$0], position[$0]) < (key[$1], position[$1]) }

        var group = [Int32](repeating: -1, count: n)
        var size = [Int32](repeating: 0, count: m)
        for i in 0..<n where model.fixedGroup[i] >= 0 {
            group[i] = model.fixedGroup[i]
            size[Int(model.fixedGroup[i])] += 1
        }
        let target = dealTargets(model, pinned: size)
        // Groups in a random cyclic order; `skip[g]`: turns group g gives up for leaders it took out of turn.
        var cycle = Array(0..<m)
        for k in stride(from: m - 1, to: 0, by: -1) { cycle.swapAt(k, rng.below(k + 1)) }
        var skip = [Int32](repeating: 0, count: m)
        var open = (0..<m).filter { size[$0] < target[$0] }.count
        var turn = 0
        let probes = min(8, m)

        func hardPartners(_ i: Int, in g: Int) -> Bool {
            for k in model.pairs.pairs(of: i) where model.pairs.hard[k] > 0 && group[Int(model.pairs.other[k])] == Int32(g) { return true }
            return false
        }
        func place(_ i: Int, _ g: Int) {
            group[i] = Int32(g)
            size[g] += 1
            if size[g] == target[g] { open -= 1 }
        }

        for i in order {
            guard open > 0 else {
                // Targets were exhausted by pins: the rest where the maximum allows.
                let g = (0..<m).first { size[$0] < model.maxSizes[$0] } ?? 0
                group[i] = Int32(g)
                size[g] += 1
                continue
            }
            // The next group in the cycle with room and no skipped turn.
            var g = cycle[turn]
            while size[g] >= target[g] || skip[g] > 0 {
                if skip[g] > 0 && size[g] < target[g] { skip[g] -= 1 }
                turn = (turn + 1) % m
                g = cycle[turn]
            }
            turn = (turn + 1) % m
            guard hardPartners(i, in: g) else { place(i, g); continue }
            // Out of turn: the first of the following groups with room and no hard partner; it gives up its next
            // turn. None within the probes: the leader stays on its turn.
            var chosen = g
            var ahead = turn
            for _ in 0..<probes {
                let h = cycle[ahead]
                ahead = (ahead + 1) % m
                if h != g && size[h] < target[h] && !hardPartners(i, in: h) { chosen = h; break }
            }
            if chosen != g {
                skip[chosen] += 1
                // Group g keeps its turn: the next leader is dealt there.
                turn = (turn + m - 1) % m
            }
            place(i, chosen)
        }
        return group
    }

    /// Group sizes to deal up to, given the leaders pinned to each: ``targetSizes(_:)``, with a target that
    /// pins overfill raised to them and the excess taken from other groups' targets. O(m²) in the worst case,
    /// O(m) without pins.
    static func dealTargets(_ model: ScoreModel, pinned size: [Int32]) -> [Int32] {
        let m = model.groupCount
        var target = targetSizes(model)
        for g in 0..<m where size[g] > target[g] {
            var excess = size[g] - target[g]
            target[g] = size[g]
            for h in 0..<m where excess > 0 && h != g && target[h] > max(size[h], model.minSizes[h]) {
                let take = min(excess, target[h] - max(size[h], model.minSizes[h]))
                target[h] -= take
                excess -= take
            }
        }
        return target
    }
}
