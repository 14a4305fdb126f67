import SparringModel

/// Builds a starting grouping: sizes within bounds, pins kept, and hard pair rules avoided where possible.
enum Construction {
    /// Group sizes to fill: balanced when all groups share bounds, else each group's minimum plus the rest
    /// spread round-robin. Pinned leaders count toward their group's size.
    static func targetSizes(_ model: ScoreModel) -> [Int32] {
        let n = model.leaderCount, m = model.groupCount
        if Set(model.minSizes).count == 1 && Set(model.maxSizes).count == 1 {
            return GroupSizing.balancedSizes(leaders: n, groups: m).map(Int32.init)
        }
        var sizes = model.minSizes
        var left = n - Int(sizes.reduce(0, +))
        var g = 0
        while left > 0 {
            if sizes[g] < model.maxSizes[g] { sizes[g] += 1; left -= 1 }
            g = (g + 1) % m
        }
        return sizes
    }

    /// A grouping in which each stratum of the pure-groups rule (leaders sharing the typology's "same"
    /// attributes) fills whole groups as far as the sizes allow, the rest pooled into mixed groups; `nil`
    /// when the strata cannot be made to fit the group count, or when there is no purity rule.
    ///
    /// Hard rules come before the structure: a keep-together set is one unit, and so are the leaders pinned to
    /// one group. A unit whose members all share a stratum goes to one of its pure groups; a unit across strata
    /// (an afdelingsleder and a teamleder of one field, in local networks) goes whole to the pool and so to one
    /// mixed group — swaps between kin could never bring its members together again. The groups are then
    /// numbered so that pins hold (``honourPins(_:_:)``).
    /// - Complexity: O(n + strata · m + Σ set sizes).
    static func stratified(_ model: ScoreModel, rng: inout SeededGenerator) -> [Int32]? {
        let n = model.leaderCount, m = model.groupCount
        guard model.purity.isActive,
              Set(model.minSizes).count == 1, Set(model.maxSizes).count == 1 else { return nil }
        let sizing = GroupSizing(minSize: Int(model.minSizes[0]), maxSize: Int(model.maxSizes[0]))
        var strata = [[Int]](repeating: [], count: model.purity.codeCount)
        var order = Array(0..<n)
        for k in stride(from: n - 1, to: 0, by: -1) { order.swapAt(k, rng.below(k + 1)) }
        let units = TogetherUnits(model)
        var pooledSets: [Int] = []
        for i in order {
            // A set across strata (or with a leader outside every stratum) is pooled whole.
            if units.acrossStrata(i) { pooledSets.append(i); continue }
            strata[Int(model.purity.code[i])].append(i)
        }
        // Hard pairs (reporting lines, conflicts) inside each leader's own stratum.
        let code = model.purity.code
        var inside = [Int](repeating: 0, count: n)
        for i in 0..<n where code[i] > 0 {
            for k in model.pairs.pairs(of: i) where model.pairs.hard[k] > 0 && code[Int(model.pairs.other[k])] == code[i] { inside[i] += 1 }
        }
        // Each stratum keeps its largest splittable part; the rest goes to the pool, taking first the leaders
        // with the most hard pairs inside the stratum (a chef with reports in it), so that the pure part keeps
        // the fewest. Leaders with an empty cell (code 0) can be in no pure group: they go to the pool.
        var parts: [(members: [Int], groups: ClosedRange<Int>, chosen: Int, packed: [[Int]]?)] = []
        var pool: [Int] = strata[0] + pooledSets
        for var stratum in strata.dropFirst() where !stratum.isEmpty {
            // A small stratum with hard pairs inside is packed exactly: which leaders form which pure group. The
            // packing knows separations, not sets: a set in such a stratum goes whole to the pool.
            if stratum.count <= StratumPacking.exactLimit && stratum.contains(where: { inside[$0] > 0 }) {
                pool += stratum.filter { units.inSet($0) }
                stratum.removeAll { units.inSet($0) }
                if stratum.isEmpty { continue }
                var position: [Int: Int] = [:]
                for (p, i) in stratum.enumerated() { position[i] = p }
                var conflicts: [(Int, Int)] = []
                for (p, i) in stratum.enumerated() {
                    for k in model.pairs.pairs(of: i) where model.pairs.hard[k] > 0 {
                        if let q = position[Int(model.pairs.other[k])], p < q { conflicts.append((p, q)) }
                    }
                }
                let groups = StratumPacking.pack(count: stratum.count, conflicts: conflicts, mixing: mixingValues(stratum, model), sizing: sizing)!.map { $0.map { stratum[$0] } }
                let kept = Set(groups.joined())
                if !groups.isEmpty { parts.append((Array(groups.joined()), groups.count...groups.count, groups.count, groups)) }
                pool += stratum.filter { !kept.contains($0) }
                continue
            }
            // Most hard pairs first (they leave first), and members of a set last, so that a set stays whole.
            stratum = stratum.enumerated().sorted {
                (units.inSet($0.element) ? 1 : 0, inside[$1.element], $0.offset) < (units.inSet($1.element) ? 1 : 0, inside[$0.element], $1.offset)
            }.map(\.element)
            var k = PureStrata.capacity(of: stratum.count, sizing: sizing)
            // A set cut by the boundary between the pool and the pure part goes whole to the pool, and the pure
            // part is measured again (sets sort last, so this is rare and ends).
            while true {
                let cut = Set(stratum.prefix(stratum.count - k).filter(units.inSet).map(units.set(of:)))
                if cut.isEmpty { break }
                let whole = { (i: Int) in units.inSet(i) && cut.contains(units.set(of: i)) }
                pool += stratum.filter(whole)
                stratum.removeAll(where: whole)
                k = PureStrata.capacity(of: stratum.count, sizing: sizing)
            }
            let leaving = stratum.count - k
            if k > 0 {
                let range = sizing.feasibleGroupCounts(leaders: k)!
                parts.append((Array(stratum.dropFirst(leaving)), range, sizing.preferredGroupCount(leaders: k)!, nil))
            }
            pool += stratum.prefix(leaving)
        }
        // The pool needs groups of its own: while it is too small to form one, borrow from the largest part
        // that stays splittable.
        while !pool.isEmpty && sizing.feasibleGroupCounts(leaders: pool.count) == nil {
            guard let p = parts.indices.filter({ parts[$0].packed == nil && sizing.feasibleGroupCounts(leaders: parts[$0].members.count - 1) != nil })
                .max(by: { parts[$0].members.count < parts[$1].members.count }) else { return nil }
            // The part's members are ordered most hard pairs first: take the first who has no hard pair with
            // anyone in the pool (the pool may be a single group), else the one with the fewest.
            let inPool = Set(pool)
            func partnersInPool(_ i: Int) -> Int {
                model.pairs.pairs(of: i).reduce(0) { $0 + (model.pairs.hard[$1] > 0 && inPool.contains(Int(model.pairs.other[$1])) ? 1 : 0) }
            }
            // Never a member of a set (it would leave its set behind), where anyone else can go.
            let candidates = parts[p].members.indices.filter { !units.inSet(parts[p].members[$0]) }
            guard !candidates.isEmpty else { return nil }
            let k = candidates.first { partnersInPool(parts[p].members[$0]) == 0 }
                ?? candidates.min { partnersInPool(parts[p].members[$0]) < partnersInPool(parts[p].members[$1]) }!
            pool.append(parts[p].members.remove(at: k))
            parts[p].groups = sizing.feasibleGroupCounts(leaders: parts[p].members.count)!
            parts[p].chosen = sizing.preferredGroupCount(leaders: parts[p].members.count)!
        }
        let poolRange = pool.isEmpty ? 0...0 : sizing.feasibleGroupCounts(leaders: pool.count)!
        var poolChosen = pool.isEmpty ? 0 : sizing.preferredGroupCount(leaders: pool.count)!
        var total = parts.reduce(0) { $0 + $1.chosen } + poolChosen
        // Adjust group counts within each part's feasible range until they add up to m.
        var progress = true
        while total != m && progress {
            progress = false
            let step = total < m ? 1 : -1
            for p in parts.indices where total != m && parts[p].groups.contains(parts[p].chosen + step) {
                parts[p].chosen += step
                total += step
                progress = true
            }
            if total != m && !pool.isEmpty && poolRange.contains(poolChosen + step) {
                poolChosen += step
                total += step
                progress = true
            }
        }
        guard total == m else { return nil }
        var group = [Int32](repeating: -1, count: n)
        var next = 0
        for part in parts + (pool.isEmpty ? [] : [(pool, 0...0, poolChosen, nil)]) {
            if let packed = part.packed {
                for members in packed {
                    for i in members { group[i] = Int32(next) }
                    next += 1
                }
                continue
            }
            let sizes = GroupSizing.balancedSizes(leaders: part.members.count, groups: part.chosen)
            placeMixing(part.members, sizes: sizes, firstGroup: next, model, units: units, group: &group)
            next += sizes.count
        }
        if model.pins.isActive { honourPins(&group, model) }
        return group
    }

    /// Numbers the groups of a construction in which all groups share their size bounds so that pinned leaders
    /// sit in their pinned group: each group takes the pin most of its pinned members name (largest shares
    /// first), the rest the numbers left; a pinned leader still elsewhere then changes places with an unpinned
    /// member of its pinned group, one of its own stratum where there is one (so that pure groups stay pure).
    /// - Complexity: O(n + pins · (log pins + group size)) for the numbering, O(n) per pinned leader moved.
    static func honourPins(_ group: inout [Int32], _ model: ScoreModel) {
        let m = model.groupCount, pinned = (0..<model.leaderCount).filter { model.fixedGroup[$0] >= 0 }
        var votes: [Int: Int] = [:]
        for i in pinned { votes[Int(group[i]) * m + Int(model.fixedGroup[i]), default: 0] += 1 }
        var number = [Int32](repeating: -1, count: m), used = [Bool](repeating: false, count: m)
        for (key, _) in votes.sorted(by: { ($1.value, $0.key) < ($0.value, $1.key) }) where number[key / m] < 0 && !used[key % m] {
            number[key / m] = Int32(key % m)
            used[key % m] = true
        }
        var free = (0..<m).filter { !used[$0] }.makeIterator()
        for c in 0..<m where number[c] < 0 { number[c] = Int32(free.next()!) }
        for i in group.indices { group[i] = number[Int(group[i])] }
        let code = model.purity.code
        for i in pinned where group[i] != model.fixedGroup[i] {
            let target = model.fixedGroup[i]
            let candidates = (0..<model.leaderCount).filter { group[$0] == target && model.fixedGroup[$0] < 0 }
            guard let j = candidates.first(where: { code.count == 0 || code[$0] == code[i] }) ?? candidates.first else { continue }
            group[j] = group[i]
            group[i] = target
        }
    }

    /// Fills groups `firstGroup…` of the given sizes with `members` (most hard pairs first): each goes to the
    /// group with room and the fewest hard partners already in it, ties to the emptiest. The members of a
    /// keep-together set among `members` go first, each set whole to one group with room for all of it.
    /// - Complexity: O(keep-together sets · groups + members · (hard pairs + largest size)).
    static func placeAvoidingHardPairs(_ members: [Int], sizes: [Int], firstGroup: Int, _ model: ScoreModel, units: TogetherUnits,
                                       group: inout [Int32]) {
        var filled = [Int](repeating: 0, count: sizes.count)
        let here = units.isEmpty ? [] : Set(members)
        var placed = Set<Int>()
        for i in members where units.inSet(i) && !placed.contains(i) {
            let unit = units.members(of: i).filter { here.contains($0) }
            // A group with room for the whole set and the fewest hard partners of its members already there,
            // ties to the emptiest (the largest room when none has enough).
            func partners(_ g: Int) -> Int {
                unit.reduce(0) { total, j in
                    total + model.pairs.pairs(of: j).reduce(0) { $0 + (model.pairs.hard[$1] > 0 && group[Int(model.pairs.other[$1])] == Int32(firstGroup + g) ? 1 : 0) }
                }
            }
            func key(_ g: Int) -> (Int, Int, Int, Int) { (sizes[g] - filled[g] >= unit.count ? 0 : 1, partners(g), filled[g] - sizes[g], g) }
            guard let g = sizes.indices.min(by: { key($0) < key($1) }) else { break }
            // (Members beyond the group's room, when no group holds the whole set, are placed one by one below.)
            for j in unit where filled[g] < sizes[g] {
                group[j] = Int32(firstGroup + g)
                filled[g] += 1
                placed.insert(j)
            }
        }
        // Groups with room, listed by how full they are, so that the emptiest group holding none of a member's hard
        // partners is found by looking past those partners' groups only.
        var open = OpenGroups(sizes: sizes, filled: filled)
        var partnersIn: [Int: Int] = [:]
        for i in members where !placed.contains(i) {
            partnersIn.removeAll(keepingCapacity: true)
            for k in model.pairs.pairs(of: i) where model.pairs.hard[k] > 0 {
                let g = Int(group[Int(model.pairs.other[k])]) - firstGroup
                if g >= 0 && g < sizes.count { partnersIn[g, default: 0] += 1 }
            }
            // The emptiest group without a partner; else the group with room and the fewest partners, then the emptiest.
            var best = open.emptiest { partnersIn[$0] == nil }
            if best < 0 {
                var bestKey = (Int.max, Int.max, Int.max)
                for (g, count) in partnersIn where open.hasRoom(g) && (count, open.filled[g], g) < bestKey { bestKey = (count, open.filled[g], g); best = g }
            }
            group[i] = Int32(firstGroup + best)
            open.add(to: best)
        }
    }

    /// Groups with room, by how many they hold: the emptiest group passing a test (ties to the lowest number) is
    /// found by looking at the emptiest first, past the groups the test refuses only.
    struct OpenGroups {
        private(set) var filled: [Int]
        private let sizes: [Int]
        /// `levels[f]`: a min-heap of the groups that held `f` when they got there; an entry is current while its
        /// group still holds `f` (a group that takes a member is pushed one level up and its old entry dropped
        /// when it surfaces).
        private var levels: [[Int]]

        /// - Complexity: O(groups + largest size).
        init(sizes: [Int], filled: [Int]) {
            self.sizes = sizes
            self.filled = filled
            levels = [[Int]](repeating: [], count: (sizes.max() ?? 0) + 1)
            // Ascending order is a valid min-heap.
            for g in sizes.indices where filled[g] < sizes[g] { levels[filled[g]].append(g) }
        }

        func hasRoom(_ g: Int) -> Bool { filled[g] < sizes[g] }

        /// The emptiest group with room that `accepts`, ties to the lowest number; -1 when none does.
        /// - Complexity: O((largest size + groups refused) · log groups), amortised.
        mutating func emptiest(where accepts: (Int) -> Bool) -> Int {
            for f in levels.indices {
                var refused: [Int] = []
                var found = -1
                while let g = levels[f].first {
                    if filled[g] != f { Self.pop(&levels[f]); continue }
                    if accepts(g) { found = g; break }
                    refused.append(Self.pop(&levels[f]))
                }
                for g in refused { Self.push(g, &levels[f]) }
                if found >= 0 { return found }
            }
            return -1
        }

        /// One more member in group `g` (which has room). O(log groups).
        mutating func add(to g: Int) {
            filled[g] += 1
            if filled[g] < sizes[g] { Self.push(g, &levels[filled[g]]) }
        }

        /// Removes and returns the smallest entry. O(log count).
        @discardableResult
        private static func pop(_ heap: inout [Int]) -> Int {
            let top = heap[0], last = heap.removeLast()
            guard !heap.isEmpty else { return top }
            // Sift `last` down from the root.
            var k = 0
            while true {
                let left = 2 * k + 1, right = left + 1
                var child = -1
                if left < heap.count && heap[left] < last { child = left }
                if right < heap.count && heap[right] < (child < 0 ? last : heap[left]) { child = right }
                guard child >= 0 else { break }
                heap[k] = heap[child]
                k = child
            }
            heap[k] = last
            return top
        }

        /// Adds an entry. O(log count).
        private static func push(_ g: Int, _ heap: inout [Int]) {
            heap.append(g)
            var k = heap.count - 1
            while k > 0 {
                let parent = (k - 1) / 2
                if heap[parent] <= g { break }
                heap[k] = heap[parent]
                k = parent
            }
            heap[k] = g
        }
    }

    /// Places `members` in groups `firstGroup…` of the given sizes as
    /// ``placeAvoidingHardPairs(_:sizes:firstGroup:_:units:group:)`` does; when that leaves fewer groups holding
    /// two values of the pure-groups rule's mixed attribute (a sector network's rank, a cross network's field) than
    /// the members allow — `min(k, v / 2, groups)`, `k` members outside the most common value, `v` with a value —
    /// places them again in the order of ``dealtForMixing(_:_:)`` and keeps whichever mixes more groups. The
    /// given order (most hard pairs first) stays where it already mixes. Without a mixed attribute, one placement.
    /// - Complexity: O(members · groups), twice at most.
    static func placeMixing(_ members: [Int], sizes: [Int], firstGroup: Int, _ model: ScoreModel, units: TogetherUnits,
                            group: inout [Int32]) {
        placeAvoidingHardPairs(members, sizes: sizes, firstGroup: firstGroup, model, units: units, group: &group)
        let purity = model.purity
        guard purity.mixing, sizes.count > 0, members.count > 1 else { return }
        var holders = [Int](repeating: 0, count: purity.mixCount)
        for i in members { holders[Int(purity.mixCode[i])] += 1 }
        let valued = members.count - holders[0], outside = valued - (holders.dropFirst().max() ?? 0)
        let possible = min(outside, valued / 2, sizes.count)
        /// Groups among `firstGroup…` whose members hold two values. O(members).
        func mixed() -> Int {
            var first = [Int32](repeating: 0, count: sizes.count), mixes = [Bool](repeating: false, count: sizes.count)
            for i in members {
                let g = Int(group[i]) - firstGroup, x = purity.mixCode[i]
                guard x != 0 else { continue }
                if first[g] == 0 { first[g] = x } else if first[g] != x { mixes[g] = true }
            }
            return mixes.filter { $0 }.count
        }
        let given = mixed()
        guard given < possible else { return }
        let kept = members.map { group[$0] }
        for i in members { group[i] = -1 }
        placeAvoidingHardPairs(dealtForMixing(members, model), sizes: sizes, firstGroup: firstGroup, model, units: units, group: &group)
        if mixed() <= given { for (i, g) in zip(members, kept) { group[i] = g } }
    }

    /// `members` in an order that, dealt out in turn (as ``placeAvoidingHardPairs(_:sizes:firstGroup:_:units:group:)``
    /// does where no hard pair steers it: each to the emptiest group), gives every group two values of the
    /// pure-groups rule's mixed attribute (a sector network's rank, a cross network's field) where the members
    /// allow it: first the rarer values (fewest holders first), then empty cells, last the most common value. Each
    /// group's first member is then of a rarer value and its last of the most common one, so with `k` members
    /// outside the most common value, `min(k, groups)` groups mix — as many as any grouping can
    /// (``PureStrata/mixingGroups(counts:leaders:sizing:)``). Stable: within a value the given order (most hard
    /// pairs first) stays. `members` itself without a mixed attribute.
    /// - Complexity: O(members · log members + values).
    static func dealtForMixing(_ members: [Int], _ model: ScoreModel) -> [Int] {
        let purity = model.purity
        guard purity.mixing, members.count > 1 else { return members }
        var holders = [Int](repeating: 0, count: purity.mixCount)
        for i in members { holders[Int(purity.mixCode[i])] += 1 }
        var common = 1
        for x in 1..<purity.mixCount where holders[x] > holders[common] { common = x }
        func key(_ i: Int) -> (Int, Int, Int) {
            let x = Int(purity.mixCode[i])
            return x == common ? (2, 0, 0) : x == 0 ? (1, 0, 0) : (0, holders[x], x)
        }
        return members.enumerated().map { (key($0.element), $0.offset, $0.element) }
            .sorted { ($0.0.0, $0.0.1, $0.0.2, $0.1) < ($1.0.0, $1.0.1, $1.0.2, $1.1) }.map(\.2)
    }

    /// The mixed attribute's codes of `members` for ``StratumPacking/pack(count:conflicts:mixing:sizing:)``
    /// (negative: empty cell), or nil without a mixed attribute. O(members).
    static func mixingValues(_ members: [Int], _ model: ScoreModel) -> [Int32]? {
        model.purity.mixing ? members.map { model.purity.mixCode[$0] - 1 } : nil
    }

    /// A uniformly shuffled assignment with every group at its lower bound and the rest spread at random over
    /// groups with room. O(n + m).
    static func randomWithinBounds(elements n: Int, lower: [Int], upper: [Int], rng: inout SeededGenerator) -> [Int32] {
        var sizes = lower
        var open = (0..<lower.count).filter { sizes[$0] < upper[$0] }
        for _ in 0..<(n - lower.reduce(0, +)) {
            let k = rng.below(open.count), g = open[k]
            sizes[g] += 1
            if sizes[g] == upper[g] { open.remove(at: k) }
        }
        var group: [Int32] = []
        group.reserveCapacity(n)
        for (g, size) in sizes.enumerated() { group += [Int32](repeating: Int32(g), count: size) }
        for k in stride(from: n - 1, to: 0, by: -1) { group.swapAt(k, rng.below(k + 1)) }
        return group
    }

    /// The previous grouping carried over for a mid-year refresh: continuing leaders stay in their previous
    /// group (same index), pins are honoured, overfull groups shed random members, and joiners and the shed
    /// fill the groups furthest below their target, avoiding hard conflicts. `nil` without a previous grouping.
    /// - Complexity: O(n · m) in the worst case.
    static func fromPrevious(_ model: ScoreModel, rng: inout SeededGenerator) -> [Int32]? {
        let previous = model.rounds.previousGroup
        guard previous.count == model.leaderCount else { return nil }
        let n = model.leaderCount, m = model.groupCount
        let target = targetSizes(model)
        var group = [Int32](repeating: -1, count: n)
        var size = [Int32](repeating: 0, count: m)
        for i in 0..<n {
            let g = model.fixedGroup[i] >= 0 ? model.fixedGroup[i] : previous[i]
            if g >= 0 && Int(g) < m { group[i] = g; size[Int(g)] += 1 }
        }
        var waiting = (0..<n).filter { group[$0] < 0 }
        // Overfull groups shed unpinned members at random.
        for g in 0..<m where size[g] > model.maxSizes[g] {
            var members = (0..<n).filter { group[$0] == Int32(g) && model.fixedGroup[$0] < 0 }
            for k in stride(from: members.count - 1, to: 0, by: -1) { members.swapAt(k, rng.below(k + 1)) }
            while size[g] > model.maxSizes[g], let i = members.popLast() { group[i] = -1; size[g] -= 1; waiting.append(i) }
        }
        for k in stride(from: waiting.count - 1, to: 0, by: -1) { waiting.swapAt(k, rng.below(k + 1)) }
        for i in waiting {
            var best = -1, bestKey = (Int.max, Int.max)
            for g in 0..<m where size[g] < model.maxSizes[g] {
                var conflicts = 0
                for k in model.pairs.pairs(of: i) where model.pairs.hard[k] > 0 && group[Int(model.pairs.other[k])] == Int32(g) {
                    conflicts += 1
                }
                let key = (conflicts, Int(size[g]) - Int(target[g]))
                if key < bestKey { bestKey = key; best = g }
            }
            if best < 0 { best = rng.below(m) }
            group[i] = Int32(best)
            size[best] += 1
        }
        // Groups below their minimum take unpinned members from the largest groups.
        for g in 0..<m {
            while size[g] < model.minSizes[g] {
                guard let donor = (0..<m).filter({ size[$0] > model.minSizes[$0] }).max(by: { (size[$0], $1) < (size[$1], $0) }),
                      let i = (0..<n).last(where: { group[$0] == Int32(donor) && model.fixedGroup[$0] < 0 }) else { break }
                group[i] = Int32(g); size[donor] -= 1; size[g] += 1
            }
        }
        return group
    }

    /// A random grouping in which each leader goes to a group with room and the fewest hard conflicts so far.
    /// - Complexity: O(n · (pair rules + a few probes)) expected; O(n · m) in the worst case.
    static func build(_ model: ScoreModel, rng: inout SeededGenerator) -> [Int32] {
        let n = model.leaderCount, m = model.groupCount
        var target = targetSizes(model)
        var group = [Int32](repeating: -1, count: n)
        var size = [Int32](repeating: 0, count: m)
        for i in 0..<n where model.fixedGroup[i] >= 0 {
            let g = Int(model.fixedGroup[i])
            group[i] = Int32(g)
            size[g] += 1
        }
        // Pins may overfill a target; take the excess from other groups' targets.
        for g in 0..<m where size[g] > target[g] {
            var excess = size[g] - target[g]
            target[g] = size[g]
            for h in 0..<m where excess > 0 && h != g && target[h] > max(size[h], model.minSizes[h]) {
                let take = min(excess, target[h] - max(size[h], model.minSizes[h]))
                target[h] -= take
                excess -= take
            }
        }
        var order = (0..<n).filter { group[$0] < 0 }
        for k in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(k, rng.below(k + 1)) }
        var open = (0..<m).filter { size[$0] < target[$0] }
        // Where each open group sits in `open`, so that a group that fills leaves it in O(1) (the last takes its place).
        var slot = [Int](repeating: -1, count: m)
        for (k, g) in open.enumerated() { slot[g] = k }
        var conflictsIn = [Int32](repeating: 0, count: m)
        for i in order {
            guard !open.isEmpty else {
                // Targets were exhausted by pins; put the rest where the maximum allows.
                let g = (0..<m).first { size[$0] < model.maxSizes[$0] } ?? 0
                group[i] = Int32(g); size[g] += 1
                continue
            }
            var touched: [Int] = []
            for k in model.pairs.pairs(of: i) where model.pairs.hard[k] > 0 {
                let g = group[Int(model.pairs.other[k])]
                if g >= 0 { conflictsIn[Int(g)] += 1; touched.append(Int(g)) }
            }
            var choice = open[rng.below(open.count)]
            if conflictsIn[choice] > 0 {
                var best = Int32.max
                let start = rng.below(open.count)
                for step in 0..<open.count {
                    let g = open[(start + step) % open.count]
                    if conflictsIn[g] < best { best = conflictsIn[g]; choice = g; if best == 0 { break } }
                }
            }
            for g in touched { conflictsIn[g] = 0 }
            group[i] = Int32(choice)
            size[choice] += 1
            if size[choice] >= target[choice] {
                let k = slot[choice], last = open.removeLast()
                if last != choice { open[k] = last; slot[last] = k }
                slot[choice] = -1
            }
        }
        return group
    }
}

/// The keep-together sets as units for construction, with the leaders pinned to one group as one unit more (a
/// set and a pin class sharing a leader merge): each leader's unit, and whether a unit lies across strata of the
/// pure-groups rule. Empty when the roster has neither sets nor pins. O(n + Σ set sizes) to build.
struct TogetherUnits {
    private var setOf: [Int32]
    private var sets: [[Int]]
    private var across: [Bool]

    init(_ model: ScoreModel) {
        let n = model.leaderCount
        var classes = model.rounds.togetherSets.filter { $0.count > 1 }
        if model.pins.isActive {
            var byPin: [Int32: [Int]] = [:]
            for i in 0..<n where model.fixedGroup[i] >= 0 { byPin[model.fixedGroup[i], default: []].append(i) }
            classes += byPin.keys.sorted().compactMap { byPin[$0]!.count > 1 ? byPin[$0] : nil }
        }
        // Union–find over the classes, so that overlapping ones become one unit.
        var parent = Array(0..<(classes.isEmpty ? 0 : n))
        func root(_ i: Int) -> Int {
            var i = i
            while parent[i] != i { parent[i] = parent[parent[i]]; i = parent[i] }
            return i
        }
        for list in classes { for i in list.dropFirst() where i < n && list[0] < n { parent[root(i)] = root(list[0]) } }
        var unitOf: [Int: Int] = [:]
        sets = []
        setOf = [Int32](repeating: -1, count: classes.isEmpty ? 0 : n)
        for i in Set(classes.joined()).sorted() where i < n {
            let r = root(i)
            if unitOf[r] == nil { unitOf[r] = sets.count; sets.append([]) }
            sets[unitOf[r]!].append(i)
            setOf[i] = Int32(unitOf[r]!)
        }
        across = sets.map { set in
            let codes = Set(set.map { model.purity.isActive && $0 < model.purity.code.count ? model.purity.code[$0] : 0 })
            return codes.count > 1 || codes.contains(0)
        }
    }

    var isEmpty: Bool { sets.isEmpty }
    func inSet(_ i: Int) -> Bool { i < setOf.count && setOf[i] >= 0 }
    func set(of i: Int) -> Int { i < setOf.count ? Int(setOf[i]) : -1 }
    func members(of i: Int) -> [Int] { inSet(i) ? sets[Int(setOf[i])] : [i] }
    /// Whether `i` belongs to a unit whose members do not all share one stratum.
    func acrossStrata(_ i: Int) -> Bool { inSet(i) && across[Int(setOf[i])] }
}
