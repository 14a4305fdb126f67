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
    /// One state per round.
    package private(set) var rounds: [SearchState]
    /// Leaders (n), the same in every round.
    package let leaderCount: Int
    /// Groups per round (m).
    package let groupCount: Int
    /// Soft points lost per unit of the repeat cost (see the type's note).
    package let pointsPerRepeat: Double
    /// Every extra meeting is a broken hard rule (`--no-repeat`).
    package let noRepeat: Bool
    /// The earlier rounds' groupings the meetings count (`--history`).
    package let earlier: [[Int32]]
    /// Meetings per pair, dense and symmetric: `meetings[i · n + j]`, earlier rounds included.
    private var meetings: [UInt8]
    /// Per round and group, its members: `members[(r · m + g) · capacity + k]` for `k < size`.
    private var members: [Int32]
    private var memberCount: [Int32]
    /// Per round and leader, the leader's place in its group's member list.
    private var place: [Int32]
    private let capacity: Int
    /// Σ over pairs of max(0, meetings − 1): the meetings beyond the first (the plan's `repeats:`).
    package private(set) var repeats: Int
    /// Σ over pairs of k(k − 1)/2: the repeat cost.
    package private(set) var repeatCost: Int

    /// The largest roster a plan holds (the pair table is n² bytes).
    package static let leaderLimit = 12_000

    /// - Parameters:
    ///   - groupings: one grouping per round (0-based group per leader, every group within its sizes).
    ///   - earlier: groupings of earlier rounds (`--history`); −1 for a leader who was not there.
    ///   - pointsPerRepeat: soft points per unit of repeat cost.
    /// - Complexity: O(K · (n · columns + pairs)) for the round states, O(n²) for the pair table, plus
    ///   O((K + earlier) · Σ group size²).
    package init(model: ScoreModel, groupings: [[Int32]], earlier: [[Int32]] = [], pointsPerRepeat: Double, noRepeat: Bool) {
        precondition(model.leaderCount <= Self.leaderLimit, "a plan holds at most \(Self.leaderLimit) leaders")
        let n = model.leaderCount, m = model.groupCount
        leaderCount = n
        groupCount = m
        self.pointsPerRepeat = pointsPerRepeat
        self.noRepeat = noRepeat
        self.earlier = earlier
        rounds = groupings.map { SearchState(model: model, groups: $0) }
        var capacity = Int(model.maxSizes.max() ?? 1)
        for grouping in groupings {
            var size = [Int](repeating: 0, count: m)
            for g in grouping { size[Int(g)] += 1 }
            capacity = max(capacity, size.max() ?? 0)
        }
        // One more than any group holds: a swap adds a member to a full group before it takes one out.
        capacity += 1
        self.capacity = capacity
        hardPenalty = model.hardPenalty + 4 * pointsPerRepeat * Double(capacity * max(1, groupings.count + earlier.count))
        members = [Int32](repeating: -1, count: groupings.count * m * capacity)
        memberCount = [Int32](repeating: 0, count: groupings.count * m)
        place = [Int32](repeating: 0, count: groupings.count * n)
        meetings = [UInt8](repeating: 0, count: n * n)
        repeats = 0
        repeatCost = 0
        for grouping in earlier { Self.addMeetings(of: grouping, groups: m, to: &meetings, n: n) }
        for (r, grouping) in groupings.enumerated() {
            for (i, g) in grouping.enumerated() {
                let slot = r * m + Int(g)
                place[r * n + i] = memberCount[slot]
                members[slot * capacity + Int(memberCount[slot])] = Int32(i)
                memberCount[slot] += 1
            }
            Self.addMeetings(of: grouping, groups: m, to: &meetings, n: n)
        }
        (repeats, repeatCost) = Self.repeatTotals(meetings, n: n)
    }

    /// Adds one meeting for every pair sharing a group of `grouping`. O(n + Σ group size²).
    private static func addMeetings(of grouping: [Int32], groups m: Int, to meetings: inout [UInt8], n: Int) {
        var byGroup = [[Int]](repeating: [], count: m)
        for (i, g) in grouping.enumerated() where g >= 0 && Int(g) < m { byGroup[Int(g)].append(i) }
        for group in byGroup {
            for a in group.indices {
                for b in group.indices where b > a {
                    let i = group[a], j = group[b]
                    if meetings[i * n + j] < UInt8.max {
                        meetings[i * n + j] += 1
                        meetings[j * n + i] += 1
                    }
                }
            }
        }
    }

    /// (repeats, repeat cost) of a pair table. O(n²).
    private static func repeatTotals(_ meetings: [UInt8], n: Int) -> (Int, Int) {
        var repeats = 0, cost = 0
        for i in 0..<n {
            for j in (i + 1)..<max(i + 1, n) {
                let k = Int(meetings[i * n + j])
                if k > 1 {
                    repeats += k - 1
                    cost += k * (k - 1) / 2
                }
            }
        }
        return (repeats, cost)
    }

    /// The rounds' groupings. O(K · n).
    package var groupings: [[Int32]] { rounds.map(\.groups) }

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
    package var soft: Double { rounds.reduce(0) { $0 + $1.soft } - (noRepeat ? 0 : pointsPerRepeat * Double(repeatCost)) }

    /// What a broken hard rule costs in the plan's objective: the rounds' own penalty, raised above anything the
    /// repeat term can give back in one move or swap (two leaders, each meeting at most `capacity` members who met
    /// them at most once per round), so that no repeat is ever avoided by breaking a hard rule.
    package let hardPenalty: Double

    /// The single objective the plan's search maximises.
    package var objective: Double {
        let rounds = self.rounds.reduce(0.0) { $0 + $1.soft - hardPenalty * Double($1.hard) }
        return rounds - (noRepeat ? hardPenalty * Double(repeats) : pointsPerRepeat * Double(repeatCost))
    }

    /// The change of (repeats, repeat cost) if leader `i` of round `r` left its group for `h`, with `except` (a
    /// swap partner leaving `h`) not counted in `h`. O(group size).
    func repeatChange(round r: Int, _ i: Int, from g: Int, to h: Int, except: Int = -1) -> (repeats: Int, cost: Int) {
        let n = leaderCount, row = i * n
        var repeats = 0, cost = 0
        let old = (r * groupCount + g) * capacity, new = (r * groupCount + h) * capacity
        for k in 0..<Int(memberCount[r * groupCount + g]) {
            let j = Int(members[old + k])
            guard j != i else { continue }
            let met = Int(meetings[row + j])
            cost -= met - 1
            if met > 1 { repeats -= 1 }
        }
        for k in 0..<Int(memberCount[r * groupCount + h]) {
            let j = Int(members[new + k])
            guard j != except else { continue }
            let met = Int(meetings[row + j])
            cost += met
            if met > 0 { repeats += 1 }
        }
        return (repeats, cost)
    }

    /// Leader `i`'s group in round `r`. O(1).
    @inline(__always)
    package func groupOf(round r: Int, _ i: Int) -> Int { rounds[r].groupOf(i) }

    /// Whether leader `i` may move to group `h` in round `r` (sizes, pins). O(1).
    @inline(__always)
    package func canMove(round r: Int, _ i: Int, to h: Int) -> Bool { rounds[r].canMove(i, to: h) }

    /// Whether leader `i` shares its group in round `r` with someone they meet more than once. O(group size).
    func metAgain(round r: Int, _ i: Int) -> Bool {
        let slot = r * groupCount + rounds[r].groupOf(i), row = i * leaderCount
        for k in 0..<Int(memberCount[slot]) {
            let j = Int(members[slot * capacity + k])
            if j != i && meetings[row + j] > 1 { return true }
        }
        return false
    }

    /// The objective change of the repeat term for (repeats, cost) changes. O(1).
    @inline(__always)
    func repeatGain(_ change: (repeats: Int, cost: Int)) -> Double {
        noRepeat ? -hardPenalty * Double(change.repeats) : -pointsPerRepeat * Double(change.cost)
    }

    /// The objective change of a round's own delta. O(1).
    @inline(__always)
    func roundGain(_ delta: Score) -> Double { delta.soft - hardPenalty * Double(delta.hard) }

    /// The objective change if leader `i` of round `r` moved to group `h` (the move must be allowed:
    /// ``SearchState/canMove(_:to:)``). O(columns + pair rules of `i` + group size).
    package func moveGain(round r: Int, _ i: Int, to h: Int) -> (delta: Score, gain: Double) {
        let g = rounds[r].groupOf(i)
        let delta = rounds[r].searchMoveDelta(i, to: h)
        return (delta, roundGain(delta) + repeatGain(repeatChange(round: r, i, from: g, to: h)))
    }

    /// The objective change if leaders `i` and `j` (different groups, not pinned) of round `r` exchanged groups.
    /// O(columns + pair rules + group sizes).
    package func swapGain(round r: Int, _ i: Int, _ j: Int) -> (delta: Score, gain: Double) {
        let g = rounds[r].groupOf(i), h = rounds[r].groupOf(j)
        let delta = rounds[r].searchSwapDelta(i, j)
        // i leaves g for h (without j there); j leaves h for g (without i there); i and j do not meet either way.
        // The pairs of i and those of j are different pairs (i and j share a group neither before nor after), so
        // the two half-moves, each read before the swap, add up.
        let a = repeatChange(round: r, i, from: g, to: h, except: j)
        let b = repeatChange(round: r, j, from: h, to: g, except: i)
        return (delta, roundGain(delta) + repeatGain((a.repeats + b.repeats, a.cost + b.cost)))
    }

    /// Moves leader `i` of round `r` to group `h`; `delta` is ``moveGain(round:_:to:)``'s. O(group size).
    package mutating func move(round r: Int, _ i: Int, to h: Int, delta: Score) {
        let g = rounds[r].groupOf(i)
        let change = repeatChange(round: r, i, from: g, to: h)
        repeats += change.repeats
        repeatCost += change.cost
        relocate(round: r, i, from: g, to: h)
        rounds[r].move(i, to: h, delta: delta)
    }

    /// Exchanges the groups of `i` and `j` in round `r`; `delta` is ``swapGain(round:_:_:)``'s. O(group sizes).
    package mutating func swap(round r: Int, _ i: Int, _ j: Int, delta: Score) {
        let g = rounds[r].groupOf(i), h = rounds[r].groupOf(j)
        let a = repeatChange(round: r, i, from: g, to: h, except: j)
        let b = repeatChange(round: r, j, from: h, to: g, except: i)
        // (i and j meet once in between; the second relocation takes it back.)
        relocate(round: r, i, from: g, to: h)
        relocate(round: r, j, from: h, to: g)
        repeats += a.repeats + b.repeats
        repeatCost += a.cost + b.cost
        rounds[r].swap(i, j, delta: delta)
    }

    /// Moves `i` between the member lists of round `r` and updates its meetings. O(group size).
    private mutating func relocate(round r: Int, _ i: Int, from g: Int, to h: Int) {
        let n = leaderCount
        let old = r * groupCount + g, new = r * groupCount + h
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
        for (r, state) in rounds.enumerated() {
            for g in 0..<groupCount {
                let slot = r * groupCount + g
                let listed = (0..<Int(memberCount[slot])).map { Int(members[slot * capacity + $0]) }.sorted()
                let truth = (0..<leaderCount).filter { state.groupOf($0) == g }
                if listed != truth { return "round \(r + 1), group \(g + 1): members \(listed), in the grouping \(truth)" }
                for (k, i) in (0..<Int(memberCount[slot])).map({ Int(members[slot * capacity + $0]) }).enumerated() where place[r * leaderCount + i] != Int32(k) {
                    return "round \(r + 1): leader \(i) listed at \(k), its place says \(place[r * leaderCount + i])"
                }
            }
        }
        var truth = [UInt8](repeating: 0, count: leaderCount * leaderCount)
        for grouping in earlier + groupings { Self.addMeetings(of: grouping, groups: groupCount, to: &truth, n: leaderCount) }
        if truth != meetings { return "pair meetings drifted" }
        let (r, c) = Self.repeatTotals(truth, n: leaderCount)
        if r != repeats || c != repeatCost { return "repeats \(repeats)/\(repeatCost), from scratch \(r)/\(c)" }
        return nil
    }
}
