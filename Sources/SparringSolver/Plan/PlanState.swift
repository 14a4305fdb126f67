import SparringModel

/// Several rounds (years) of one network planned together: one ``SearchState`` per round, all under the same
/// rules, and how often every pair of leaders meets across the rounds (earlier rounds from `--history` count too).
///
/// The repeat term: a pair that meets `k` times costs `1 + 2 + … + (k − 1) = k(k − 1)/2` units, so the change of
/// one more meeting is the number of meetings so far. This convex cost lowers the most meetings of any pair first,
/// then the total of repeats. A move of leader `i` in round `r` changes the meetings of `i` with the members of its
/// old and new group only: O(group size) with the per-round member lists and a dense pair table.
///
/// With `noRepeat` every extra meeting (beyond the first of a pair) is a broken hard rule instead.
package struct PlanState {
    /// One state per round, over the leaders who take part in it (its model's leaders).
    package private(set) var rounds: [SearchState]
    /// Leaders of the roster (n); a round holds those who take part in it.
    package let leaderCount: Int
    /// Groups per round.
    package let groupCounts: [Int]
    /// Per round, the roster index of each of its leaders (the round model's leader `k` is `attending[r][k]`).
    package let attending: [[Int32]]
    /// Per round and roster leader, their index in the round's model, or −1 when they are not there: `local[r · n + i]`.
    private let local: [Int32]
    /// Per round, its first slot in the member lists (Σ of the groups of the rounds before).
    private let slotStart: [Int]
    /// Soft points lost per unit of the repeat cost (see the type's note).
    package let pointsPerRepeat: Double
    /// Every extra meeting is a broken hard rule (`--no-repeat`).
    package let noRepeat: Bool
    /// The earlier rounds' groupings the meetings count (`--history`), oldest first, by roster index.
    package let earlier: [[Int32]]
    /// Meetings per pair, dense and symmetric: `meetings[i · n + j]`, earlier rounds included.
    private var meetings: [UInt8]
    /// With earlier rounds, per pair, what one more meeting costs beyond the meetings counted: in 64ths of a unit,
    /// the earlier meetings' recency weight (the latest earlier round 1, the one before ½, …, as `--history`
    /// weighs them) minus one per earlier meeting. Empty without earlier rounds.
    private let earlierAdjust: [Int16]
    /// Per slot (round and group), its members by roster index: `members[slot · capacity + k]` for `k < size`.
    private var members: [Int32]
    private var memberCount: [Int32]
    /// Per round and roster leader, the leader's place in its group's member list.
    private var place: [Int32]
    private let capacity: Int
    /// Σ over pairs of max(0, meetings − 1): the meetings beyond the first (the plan's `repeats:`).
    package private(set) var repeats: Int
    /// The repeat cost in 64ths of a unit (see ``repeatCost``).
    private var repeatCost64: Int

    /// The largest roster a plan holds (the pair table is n² bytes).
    package static let leaderLimit = 12_000

    /// A plan whose rounds all hold every leader of `model`.
    /// - Parameters:
    ///   - groupings: one grouping per round (0-based group per leader, every group within its sizes).
    ///   - earlier: groupings of earlier rounds (`--history`), oldest first; −1 for a leader who was not there.
    ///   - pointsPerRepeat: soft points per unit of repeat cost.
    /// - Complexity: see ``init(models:attending:groupings:leaderCount:earlier:pointsPerRepeat:noRepeat:)``.
    package init(model: ScoreModel, groupings: [[Int32]], earlier: [[Int32]] = [], pointsPerRepeat: Double, noRepeat: Bool) {
        let everyone = (0..<Int32(model.leaderCount)).map { $0 }
        self.init(models: groupings.map { _ in model }, attending: groupings.map { _ in everyone }, groupings: groupings,
                  leaderCount: model.leaderCount, earlier: earlier, pointsPerRepeat: pointsPerRepeat, noRepeat: noRepeat)
    }

    /// A plan whose round `r` holds the leaders `attending[r]` only (roster indices, ascending), under its own
    /// model over them (their attributes, pins and rules).
    /// - Parameters:
    ///   - groupings: per round, the group of every roster leader (−1 for one not there).
    ///   - leaderCount: leaders of the roster.
    /// - Complexity: O(K · (n · columns + pairs)) for the round states, O(n²) for the pair tables, plus
    ///   O((K + earlier) · Σ group size²).
    package init(models: [ScoreModel], attending: [[Int32]], groupings: [[Int32]], leaderCount n: Int, earlier: [[Int32]] = [],
                 pointsPerRepeat: Double, noRepeat: Bool) {
        precondition(n <= Self.leaderLimit, "a plan holds at most \(Self.leaderLimit) leaders")
        precondition(models.count == groupings.count && attending.count == groupings.count)
        let k = groupings.count
        leaderCount = n
        groupCounts = models.map(\.groupCount)
        self.attending = attending
        self.pointsPerRepeat = pointsPerRepeat
        self.noRepeat = noRepeat
        self.earlier = earlier
        var local = [Int32](repeating: -1, count: k * n)
        for r in 0..<k { for (l, i) in attending[r].enumerated() { local[r * n + Int(i)] = Int32(l) } }
        self.local = local
        rounds = (0..<k).map { r in SearchState(model: models[r], groups: attending[r].map { groupings[r][Int($0)] }) }
        var slotStart: [Int] = [], slots = 0
        for m in groupCounts { slotStart.append(slots); slots += m }
        self.slotStart = slotStart
        var capacity = Int(models.map { $0.maxSizes.max() ?? 1 }.max() ?? 1)
        for (r, grouping) in groupings.enumerated() {
            var size = [Int](repeating: 0, count: groupCounts[r])
            for g in grouping where g >= 0 { size[Int(g)] += 1 }
            capacity = max(capacity, size.max() ?? 0)
        }
        // One more than any group holds: a swap adds a member to a full group before it takes one out.
        capacity += 1
        self.capacity = capacity
        hardPenalty = (models.map(\.hardPenalty).max() ?? 1) + 4 * pointsPerRepeat * Double(capacity * max(1, k + earlier.count))
        members = [Int32](repeating: -1, count: slots * capacity)
        memberCount = [Int32](repeating: 0, count: slots)
        place = [Int32](repeating: 0, count: k * n)
        meetings = [UInt8](repeating: 0, count: n * n)
        (earlierAdjust, repeats, repeatCost64) = Self.countEarlier(earlier, into: &meetings, n: n)
        for (r, grouping) in groupings.enumerated() {
            for (i, g) in grouping.enumerated() where g >= 0 {
                let slot = slotStart[r] + Int(g)
                place[r * n + i] = memberCount[slot]
                members[slot * capacity + Int(memberCount[slot])] = Int32(i)
                memberCount[slot] += 1
            }
            Self.addMeetings(of: grouping, to: &meetings, n: n, adjust: earlierAdjust, repeats: &repeats, cost64: &repeatCost64)
        }
    }

    /// The meetings of the earlier rounds, and what a further meeting of each pair costs beyond its count
    /// (``earlierAdjust``; empty without earlier rounds). Earlier meetings cost nothing themselves, but count
    /// toward the repeats. O(n² + earlier · Σ group size²).
    private static func countEarlier(_ earlier: [[Int32]], into meetings: inout [UInt8], n: Int) -> (adjust: [Int16], repeats: Int, cost64: Int) {
        guard !earlier.isEmpty else { return ([], 0, 0) }
        var weight64 = [Int32](repeating: 0, count: n * n), repeats = 0, ignored = 0
        for (e, grouping) in earlier.enumerated() {
            let age = earlier.count - 1 - e
            let weight = Int32((64.0 / Double(1 << min(age, 30))).rounded())
            Self.forEachPair(of: grouping) { i, j in
                weight64[i * n + j] += weight
                weight64[j * n + i] += weight
            }
            addMeetings(of: grouping, to: &meetings, n: n, adjust: [], repeats: &repeats, cost64: &ignored)
        }
        var adjust = [Int16](repeating: 0, count: n * n)
        for p in 0..<(n * n) { adjust[p] = Int16(clamping: Int(weight64[p]) - 64 * Int(meetings[p])) }
        return (adjust, repeats, 0)
    }

    /// Calls `body(i, j)` once for every pair (i < j) sharing a group of `grouping` (−1: not there).
    /// O(n + Σ group size²).
    private static func forEachPair(of grouping: [Int32], _ body: (Int, Int) -> Void) {
        var byGroup: [Int32: [Int]] = [:]
        for (i, g) in grouping.enumerated() where g >= 0 { byGroup[g, default: []].append(i) }
        for g in byGroup.keys.sorted() {
            let group = byGroup[g]!
            for a in group.indices { for b in group.indices where b > a { body(group[a], group[b]) } }
        }
    }

    /// Adds one meeting for every pair sharing a group of `grouping`, and what each costs. O(n + Σ group size²).
    private static func addMeetings(of grouping: [Int32], to meetings: inout [UInt8], n: Int, adjust: [Int16], repeats: inout Int, cost64: inout Int) {
        forEachPair(of: grouping) { i, j in
            let met = Int(meetings[i * n + j])
            if met > 0 { repeats += 1 }
            cost64 += 64 * met + (adjust.isEmpty ? 0 : Int(adjust[i * n + j]))
            if met < Int(UInt8.max) {
                meetings[i * n + j] += 1
                meetings[j * n + i] += 1
            }
        }
    }

    /// The repeat cost: a pair's `k`-th meeting in the plan costs `k − 1` units, plus the recency weight of its
    /// earlier meetings (the latest earlier round 1, the one before ½, …). Without earlier rounds a pair meeting
    /// `k` times costs k(k − 1)/2. O(1).
    package var repeatCost: Double { Double(repeatCost64) / 64 }

    /// The same plan at other groupings (per round, by roster index). O(construction).
    package func restarted(at groupings: [[Int32]]) -> PlanState {
        PlanState(models: rounds.map(\.model), attending: attending, groupings: groupings, leaderCount: leaderCount, earlier: earlier,
                  pointsPerRepeat: pointsPerRepeat, noRepeat: noRepeat)
    }

    /// Per round, the group of every roster leader (−1 for one not there). O(K · n).
    package var groupings: [[Int32]] {
        rounds.indices.map { r in
            var grouping = [Int32](repeating: -1, count: leaderCount)
            for (l, i) in attending[r].enumerated() { grouping[Int(i)] = Int32(rounds[r].groupOf(l)) }
            return grouping
        }
    }

    /// Meetings of leaders `i` and `j` so far (earlier rounds included). O(1).
    package func meetings(_ i: Int, _ j: Int) -> Int { Int(meetings[i * leaderCount + j]) }

    /// Every pair that meets more than once (earlier rounds included), most meetings first, then in roster order.
    /// O(n² + pairs · log pairs).
    package func repeatedPairs() -> [(first: Int, second: Int, meetings: Int)] {
        let n = leaderCount
        var pairs: [(first: Int, second: Int, meetings: Int)] = []
        for i in 0..<n { for j in (i + 1)..<max(i + 1, n) where meetings[i * n + j] > 1 { pairs.append((i, j, Int(meetings[i * n + j]))) } }
        return pairs.sorted { ($0.meetings, $1.first, $1.second) > ($1.meetings, $0.first, $0.second) }
    }

    /// The most rounds any pair shares (earlier rounds included). O(n²).
    package var maxMeetings: Int { Int(meetings.max() ?? 0) }

    /// Hard rules broken over all rounds, and with `noRepeat` every extra meeting. O(K).
    package var hard: Int { rounds.reduce(0) { $0 + $1.hard } + (noRepeat ? repeats : 0) }

    /// Soft points over all rounds, minus the repeat cost (without `noRepeat`). O(K).
    package var soft: Double { rounds.reduce(0) { $0 + $1.soft } - (noRepeat ? 0 : pointsPerRepeat * repeatCost) }

    /// What a broken hard rule costs in the plan's objective: the rounds' own penalty, raised above anything the
    /// repeat term can give back in one move or swap (two leaders, each meeting at most `capacity` members who met
    /// them at most once per round), so that no repeat is ever avoided by breaking a hard rule.
    package let hardPenalty: Double

    /// The single objective the plan's search maximises.
    package var objective: Double {
        let rounds = self.rounds.reduce(0.0) { $0 + $1.soft - hardPenalty * Double($1.hard) }
        return rounds - (noRepeat ? hardPenalty * Double(repeats) : pointsPerRepeat * repeatCost)
    }

    /// The leader of round `r`'s model that roster leader `i` is, or −1 when they are not there. O(1).
    @inline(__always)
    package func localIndex(round r: Int, _ i: Int) -> Int { Int(local[r * leaderCount + i]) }

    /// The change of (repeats, repeat cost in 64ths) if roster leader `i` of round `r` left its group `g` for `h`,
    /// with `except` (a swap partner leaving `h`) not counted in `h`. O(group size).
    func repeatChange(round r: Int, _ i: Int, from g: Int, to h: Int, except: Int = -1) -> (repeats: Int, cost64: Int) {
        let n = leaderCount, row = i * n, adjusted = !earlierAdjust.isEmpty
        var repeats = 0, cost = 0
        let old = slotStart[r] + g, new = slotStart[r] + h
        for k in 0..<Int(memberCount[old]) {
            let j = Int(members[old * capacity + k])
            guard j != i else { continue }
            // The meeting taken away was the pair's latest: it cost what one more meeting costs without it.
            let met = Int(meetings[row + j])
            cost -= 64 * (met - 1) + (adjusted ? Int(earlierAdjust[row + j]) : 0)
            if met > 1 { repeats -= 1 }
        }
        for k in 0..<Int(memberCount[new]) {
            let j = Int(members[new * capacity + k])
            guard j != except else { continue }
            let met = Int(meetings[row + j])
            cost += 64 * met + (adjusted ? Int(earlierAdjust[row + j]) : 0)
            if met > 0 { repeats += 1 }
        }
        return (repeats, cost)
    }

    /// Roster leader `i`'s group in round `r`, or −1 when they are not there. O(1).
    @inline(__always)
    package func groupOf(round r: Int, _ i: Int) -> Int {
        let l = local[r * leaderCount + i]
        return l < 0 ? -1 : rounds[r].groupOf(Int(l))
    }

    /// Whether roster leader `i` may move to group `h` in round `r` (there, sizes, pins). O(1).
    @inline(__always)
    package func canMove(round r: Int, _ i: Int, to h: Int) -> Bool {
        let l = local[r * leaderCount + i]
        return l >= 0 && rounds[r].canMove(Int(l), to: h)
    }

    /// Whether roster leader `i` (there in round `r`) shares its group in round `r` with someone they meet more than
    /// once. O(group size).
    func metAgain(round r: Int, _ i: Int) -> Bool {
        let slot = slotStart[r] + groupOf(round: r, i), row = i * leaderCount
        for k in 0..<Int(memberCount[slot]) {
            let j = Int(members[slot * capacity + k])
            if j != i && meetings[row + j] > 1 { return true }
        }
        return false
    }

    /// The objective change of the repeat term for (repeats, cost) changes. O(1).
    @inline(__always)
    func repeatGain(_ change: (repeats: Int, cost64: Int)) -> Double {
        noRepeat ? -hardPenalty * Double(change.repeats) : -pointsPerRepeat * Double(change.cost64) / 64
    }

    /// The objective change of a round's own delta. O(1).
    @inline(__always)
    func roundGain(_ delta: Score) -> Double { delta.soft - hardPenalty * Double(delta.hard) }

    /// The objective change if roster leader `i` of round `r` moved to group `h` (the move must be allowed:
    /// ``canMove(round:_:to:)``). O(columns + pair rules of `i` + group size).
    package func moveGain(round r: Int, _ i: Int, to h: Int) -> (delta: Score, gain: Double) {
        let l = localIndex(round: r, i), g = rounds[r].groupOf(l)
        let delta = rounds[r].searchMoveDelta(l, to: h)
        return (delta, roundGain(delta) + repeatGain(repeatChange(round: r, i, from: g, to: h)))
    }

    /// The objective change if roster leaders `i` and `j` (both there, in different groups, not pinned) of round
    /// `r` exchanged groups. O(columns + pair rules + group sizes).
    package func swapGain(round r: Int, _ i: Int, _ j: Int) -> (delta: Score, gain: Double) {
        let li = localIndex(round: r, i), lj = localIndex(round: r, j)
        let g = rounds[r].groupOf(li), h = rounds[r].groupOf(lj)
        let delta = rounds[r].searchSwapDelta(li, lj)
        // i leaves g for h (without j there); j leaves h for g (without i there); i and j do not meet either way.
        // The pairs of i and those of j are different pairs (i and j share a group neither before nor after), so
        // the two half-moves, each read before the swap, add up.
        let a = repeatChange(round: r, i, from: g, to: h, except: j)
        let b = repeatChange(round: r, j, from: h, to: g, except: i)
        return (delta, roundGain(delta) + repeatGain((a.repeats + b.repeats, a.cost64 + b.cost64)))
    }

    /// Moves roster leader `i` of round `r` to group `h`; `delta` is ``moveGain(round:_:to:)``'s. O(group size).
    package mutating func move(round r: Int, _ i: Int, to h: Int, delta: Score) {
        let l = localIndex(round: r, i), g = rounds[r].groupOf(l)
        let change = repeatChange(round: r, i, from: g, to: h)
        repeats += change.repeats
        repeatCost64 += change.cost64
        relocate(round: r, i, from: g, to: h)
        rounds[r].move(l, to: h, delta: delta)
    }

    /// Exchanges the groups of roster leaders `i` and `j` in round `r`; `delta` is ``swapGain(round:_:_:)``'s.
    /// O(group sizes).
    package mutating func swap(round r: Int, _ i: Int, _ j: Int, delta: Score) {
        let li = localIndex(round: r, i), lj = localIndex(round: r, j)
        let g = rounds[r].groupOf(li), h = rounds[r].groupOf(lj)
        let a = repeatChange(round: r, i, from: g, to: h, except: j)
        let b = repeatChange(round: r, j, from: h, to: g, except: i)
        // (i and j meet once in between; the second relocation takes it back.)
        relocate(round: r, i, from: g, to: h)
        relocate(round: r, j, from: h, to: g)
        repeats += a.repeats + b.repeats
        repeatCost64 += a.cost64 + b.cost64
        rounds[r].swap(li, lj, delta: delta)
    }

    /// Moves roster leader `i` between the member lists of round `r` and updates its meetings. O(group size).
    private mutating func relocate(round r: Int, _ i: Int, from g: Int, to h: Int) {
        let n = leaderCount
        let old = slotStart[r] + g, new = slotStart[r] + h
        for k in 0..<Int(memberCount[old]) {
            let j = Int(members[old * capacity + k])
            if j != i {
                meetings[i * n + j] -= 1
                meetings[j * n + i] -= 1
            }
        }
        // Remove i from g: the last member takes its place.
        let at = Int(place[r * n + i]), last = Int(memberCount[old]) - 1
        let moved = members[old * capacity + last]
        members[old * capacity + at] = moved
        place[r * n + Int(moved)] = Int32(at)
        memberCount[old] -= 1
        for k in 0..<Int(memberCount[new]) {
            let j = Int(members[new * capacity + k])
            meetings[i * n + j] += 1
            meetings[j * n + i] += 1
        }
        members[new * capacity + Int(memberCount[new])] = Int32(i)
        place[r * n + i] = memberCount[new]
        memberCount[new] += 1
    }

    /// A description of drift between the incremental and the from-scratch state, or nil. O(K · score + n²).
    package func corruption() -> String? {
        for (r, state) in rounds.enumerated() {
            if let problem = state.corruption() { return "round \(r + 1): \(problem)" }
        }
        let groupings = self.groupings
        for (r, grouping) in groupings.enumerated() {
            for g in 0..<groupCounts[r] {
                let slot = slotStart[r] + g
                let listed = (0..<Int(memberCount[slot])).map { Int(members[slot * capacity + $0]) }
                let truth = (0..<leaderCount).filter { grouping[$0] == g }
                if listed.sorted() != truth { return "round \(r + 1), group \(g + 1): members \(listed.sorted()), in the grouping \(truth)" }
                for (k, i) in listed.enumerated() where place[r * leaderCount + i] != Int32(k) {
                    return "round \(r + 1): leader \(i) listed at \(k), its place says \(place[r * leaderCount + i])"
                }
            }
        }
        let fresh = restarted(at: groupings)
        if fresh.meetings != meetings { return "pair meetings drifted" }
        if fresh.repeats != repeats || fresh.repeatCost64 != repeatCost64 {
            return "repeats \(repeats)/\(repeatCost), from scratch \(fresh.repeats)/\(fresh.repeatCost)"
        }
        return nil
    }
}

/// How often pairs meet over a few groupings, counted without a model (the workbench's plan figures).
package enum PlanMeetings {
    /// The meetings beyond a pair's first (`repeats`) and the most rounds any pair shares, over `groupings`
    /// (0-based group per leader, −1 for one not there). O(Σ group size² · log pairs) in a table of the pairs met.
    package static func count(_ groupings: [[Int32]]) -> (repeats: Int, maxMeetings: Int) {
        var met: [Int64: Int] = [:]
        for grouping in groupings {
            var byGroup: [Int32: [Int]] = [:]
            for (i, g) in grouping.enumerated() where g >= 0 { byGroup[g, default: []].append(i) }
            for group in byGroup.values {
                for a in group.indices { for b in group.indices where b > a { met[Int64(group[a]) << 32 | Int64(group[b]), default: 0] += 1 } }
            }
        }
        return (met.values.reduce(0) { $0 + max(0, $1 - 1) }, met.values.max() ?? 0)
    }
}
