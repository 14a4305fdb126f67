import Foundation
import SparringModel

/// How a plan of several rounds is searched.
public struct PlanOptions: Sendable {
    /// The seed of the first round's search (each later round's is derived from it) and of the joint search.
    public var seed: UInt64
    /// The whole plan's limit (time, moves or both); the rounds' own searches take ``firstShare`` of it.
    public var termination: Termination
    /// Soft points per unit of repeat cost (a second meeting of a pair costs 1 unit, a third 2 more, …).
    public var pointsPerRepeat: Double
    /// Every meeting beyond a pair's first is a broken hard rule.
    public var noRepeat: Bool
    /// Share of the limit the rounds' own searches take (each alone, as `solve` would); the rest searches all
    /// rounds together.
    public var firstShare: Double
    /// Stops early when cancelled; the best plan so far is kept.
    public var cancellation: Cancellation?
    /// Stops as soon as no pair meets twice and no hard rule is broken (for plans whose only aim is that, such
    /// as the Social Golfer Problem).
    public var stopAtNoRepeat = false

    /// Options of a plan; see the properties.
    public init(seed: UInt64 = 1, termination: Termination, pointsPerRepeat: Double = 100, noRepeat: Bool = false, firstShare: Double = 0.5,
                cancellation: Cancellation? = nil) {
        self.seed = seed
        self.termination = termination
        self.pointsPerRepeat = pointsPerRepeat
        self.noRepeat = noRepeat
        self.firstShare = firstShare
        self.cancellation = cancellation
    }
}

extension PlanOptions {
    /// Points per unit of repeat cost for a weight `weight` (0…5, `--repeat-weight`), scaled like meeting again
    /// in a single round (`--history-weight`) and like an attribute: over a round, a random grouping makes about as
    /// many meetings again with the round before as the weight's `weight · 100` points buy, so avoiding them all
    /// is worth `weight · 100` a round.
    ///
    /// Under a typology with pure groups the structure still comes first: the plan's search weighs pure groups
    /// above this (``Planner/structureFirst(_:pointsPerRepeat:rounds:earlier:)``).
    /// - Complexity: O(1).
    public static func pointsPerRepeat(weight: Double, model: ScoreModel) -> Double {
        let n = model.leaderCount, m = max(1, model.groupCount)
        guard n > 1 else { return weight * 100 }
        // Pairs sharing a group in a round of even groups, and the chance that a given pair shares one.
        let size = Double(n) / Double(m)
        let pairs = Double(m) * size * (size - 1) / 2
        let chance = pairs / (Double(n) * Double(n - 1) / 2)
        let expected = pairs * chance
        return expected > 0 ? weight * 100 / expected : weight * 100
    }
}

/// One round of a plan: the leaders who take part in it and the model over them.
public struct PlanRound: Sendable {
    /// The round's rules over its leaders (the model's leader `k` is the roster's `attending[k]`).
    public let model: ScoreModel
    /// Roster indices of the leaders taking part, ascending.
    public let attending: [Int32]

    /// A round of `attending` (roster indices, ascending) under `model`, a model over exactly those leaders.
    public init(model: ScoreModel, attending: [Int32]) {
        precondition(model.leaderCount == attending.count, "a round's model holds its leaders")
        self.model = model
        self.attending = attending
    }
}

/// A plan found: a grouping per round and what it costs.
public struct PlanResult: Sendable {
    /// Per round, the 0-based group per roster leader (−1 for a leader not taking part in it).
    public let groupings: [[Int32]]
    /// Per round, its own score (without the repeat term).
    public let roundScores: [Score]
    /// Meetings beyond a pair's first, over the plan and the earlier rounds.
    public let repeats: Int
    /// The most rounds any pair shares (earlier rounds included).
    public let maxMeetings: Int
    /// Every pair (leader indices) that meets more than once, earlier rounds included, most meetings first.
    public let repeatedPairs: [(first: Int, second: Int, meetings: Int)]
    /// Candidates evaluated, all phases.
    public let moves: Int
    /// Wall time.
    public let seconds: Double
}

/// Plans K rounds together: each round first searched alone (the solver, a share of the limit each), then all
/// rounds at once by simulated annealing over moves and swaps within a round, scored by every round's rules and
/// the repeat term (``PlanState``). Candidates favour leaders who meet someone again in their group (as local
/// search for the Social Golfer Problem swaps golfers in conflict). Under pure groups, the strata are polished
/// last (``polishStrata(_:strata:budget:deadline:cancellation:rng:)``). Moves-only limits are reproducible.
public enum Planner {
    /// Plans `k` rounds that every leader of `model` takes part in.
    /// - Parameters:
    ///   - earlier: groupings of earlier rounds (`--history`), oldest first, −1 for a leader not there; they count
    ///     as meetings.
    /// - Complexity: the rounds' searches, then O(1) + O(group size) per candidate; O(n²) memory.
    public static func plan(_ model: ScoreModel, rounds k: Int, earlier: [[Int32]] = [], options: PlanOptions) -> PlanResult {
        let everyone = (0..<Int32(model.leaderCount)).map { $0 }
        return plan(rounds: (0..<k).map { _ in PlanRound(model: model, attending: everyone) }, leaderCount: model.leaderCount,
                    earlier: earlier, options: options)
    }

    /// Plans rounds that not every leader takes part in: round `r` groups `rounds[r].attending` (roster indices)
    /// under `rounds[r].model` (a model over those leaders only).
    /// - Parameters:
    ///   - leaderCount: leaders of the roster.
    ///   - earlier: groupings of earlier rounds (`--history`) by roster index, oldest first, −1 for a leader not
    ///     there; they count as meetings.
    /// - Complexity: the rounds' searches, then O(1) + O(group size) per candidate; O(n²) memory.
    public static func plan(rounds: [PlanRound], leaderCount n: Int, earlier: [[Int32]] = [], options: PlanOptions) -> PlanResult {
        let started = DispatchTime.now().uptimeNanoseconds
        let deadline = options.termination.seconds.map { started + UInt64($0 * 1e9) }
        let k = rounds.count
        var moves = 0
        // A plan whose only aim is that no pair meets twice (everyone in every round, no soft rule, no pin: the Social
        // Golfer Problem).
        let onlyRepeats = options.noRepeat && rounds.allSatisfy { round in
            round.attending.count == n && round.model.groupCount == rounds[0].model.groupCount
                && !round.model.rules.contains { $0.isActive && $0.id != "group-sizes" && $0.id != "separations" } && !round.model.fixedGroup.contains { $0 >= 0 }
        }
        // 1. Each round alone (for such a plan only the groups' sizes: its search builds its own start).
        let share = onlyRepeats ? 0 : max(0, min(1, options.firstShare)) / Double(max(1, k))
        var groupings: [[Int32]] = []
        for (r, round) in rounds.enumerated() {
            let termination = Termination(seconds: options.termination.seconds.map { $0 * share },
                                          moves: options.termination.moves.map { max(1, Int(Double($0) * share)) }, stagnation: nil)
            let result = Solver.solve(round.model, options: SolverOptions(seed: options.seed &+ UInt64(r) &* 0x9E37_79B9, threads: 1, termination: termination,
                                                                         cancellation: options.cancellation))
            var grouping = [Int32](repeating: -1, count: n)
            for (l, i) in round.attending.enumerated() { grouping[Int(i)] = result.groups[l] }
            groupings.append(grouping)
            moves += result.moves
        }
        // 2. All rounds together.
        let searched = rounds.map { structureFirst($0.model, pointsPerRepeat: options.pointsPerRepeat, rounds: k, earlier: earlier.count) }
        var state = PlanState(models: searched, attending: rounds.map(\.attending), groupings: groupings, leaderCount: n,
                              earlier: earlier, pointsPerRepeat: options.pointsPerRepeat, noRepeat: options.noRepeat)
        let budget = options.termination.moves.map { max(0, $0 - moves) }
        var rng = SeededGenerator(seed: options.seed ^ 0x5EED_0F_91A7)
        // A plan whose only aim is that no pair meets twice is searched by tabu search over swaps of leaders in
        // conflict (``GolferSearch``); any other by annealing.
        if onlyRepeats {
            moves += tabu(&state, budget: budget, deadline: deadline, cancellation: options.cancellation, rng: &rng)
        } else {
            // Under pure groups, a tenth of the limit is kept for polishing the strata after the joint search.
            let polishing = searched[0].purity.isActive && k > 1
            let annealStart = DispatchTime.now().uptimeNanoseconds
            let annealBudget = polishing ? budget.map { $0 - $0 / 10 } : budget
            let annealDeadline = polishing ? deadline.map { $0 > annealStart ? annealStart + ($0 - annealStart) / 10 * 9 : $0 } : deadline
            let annealed = anneal(&state, budget: annealBudget, deadline: annealDeadline, cancellation: options.cancellation,
                                  stopAtNoRepeat: options.stopAtNoRepeat, rng: &rng)
            moves += annealed
            // (No stratum to polish: the joint search goes on with the rest.)
            let rest = budget.map { max(0, $0 - annealed) }
            let strata = polishing ? pureStrata(state) : []
            if polishing && strata.isEmpty {
                moves += anneal(&state, budget: rest, deadline: deadline, cancellation: options.cancellation,
                                stopAtNoRepeat: options.stopAtNoRepeat, rng: &rng)
            } else if polishing {
                moves += polishStrata(&state, strata: strata, budget: rest, deadline: deadline, cancellation: options.cancellation,
                                      rng: &rng)
            }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        // Each round scored by its own rules (the search may have weighed pure groups higher).
        let found = state.groupings
        let roundScores = rounds.indices.map { r in
            searched[r].purity.coefficient == rounds[r].model.purity.coefficient ? state.rounds[r].score
                : rounds[r].model.score(rounds[r].attending.map { found[r][Int($0)] })
        }
        return PlanResult(groupings: found, roundScores: roundScores, repeats: state.repeats, maxMeetings: state.maxMeetings,
                          repeatedPairs: state.repeatedPairs(), moves: moves, seconds: seconds)
    }

    /// What a plan of given groupings (per round, by roster index, −1 for one not there) holds: each round's score
    /// under its own model, the meetings again and the pairs that meet more than once (earlier rounds included),
    /// for a plan searched round by round (a renewing plan). O(K · (n · terms + Σ group size²) + n²).
    public static func summary(rounds: [PlanRound], groupings: [[Int32]], leaderCount n: Int, earlier: [[Int32]], moves: Int,
                               seconds: Double) -> PlanResult {
        let state = PlanState(models: rounds.map(\.model), attending: rounds.map(\.attending), groupings: groupings, leaderCount: n,
                              earlier: earlier, pointsPerRepeat: 0, noRepeat: false)
        return PlanResult(groupings: groupings, roundScores: state.rounds.map(\.score), repeats: state.repeats, maxMeetings: state.maxMeetings,
                          repeatedPairs: state.repeatedPairs(), moves: moves, seconds: seconds)
    }

    /// The model a plan's joint search weighs `model`'s rounds by: the same rules, with pure groups (the
    /// typology's structure) worth more per leader than any single move can save in meetings again (a meeting with
    /// each of `maxSize − 1` group-mates in each of the other rounds and the earlier ones, at `pointsPerRepeat` a
    /// unit). So no leader leaves a pure group to meet fewer colleagues again, and within the pure groups meetings
    /// again weigh as the repeat weight says: the plan has the fewest meetings again its pure groups allow. The
    /// model itself when it has no pure groups or they already weigh that much.
    /// - Complexity: O(groups), plus O(n · pure attributes) when raised (``ScoreModel/weighingPureGroups(_:)``).
    static func structureFirst(_ model: ScoreModel, pointsPerRepeat: Double, rounds: Int, earlier: Int) -> ScoreModel {
        guard model.purity.isActive, model.purity.coefficient > 0, pointsPerRepeat > 0, model.leaderCount > 0 else { return model }
        let mostSaved = Double(max(1, Int(model.maxSizes.max() ?? 2) - 1) * max(1, rounds - 1 + earlier))
        let needed = pointsPerRepeat * mostSaved * 1.25
        guard model.purity.coefficient < needed else { return model }
        return model.weighingPureGroups(needed * Double(model.leaderCount) / 1000)
    }

    /// Per round, under pure groups, the free leaders (roster indices) by kin: the same joint code of the pure
    /// attributes and, where groups must mix, the same value of the mixed one. A swap of kin changes no group's
    /// codes, so it keeps every pure group pure and every other group as it was. Nil for a round without pure
    /// groups. O(K · n).
    static func kinTables(_ state: PlanState, free: [[Int]]) -> [KinTable?] {
        state.rounds.indices.map { r in
            let purity = state.rounds[r].model.purity
            guard purity.isActive else { return nil }
            let mixes = purity.mixing ? purity.mixCount : 1
            var stratum = [Int32](repeating: 0, count: state.leaderCount)
            for (l, i) in state.attending[r].enumerated() {
                stratum[Int(i)] = purity.code[l] * Int32(mixes) + (purity.mixing ? purity.mixCode[l] : 0)
            }
            return KinTable(stratum: stratum, strata: (purity.codeCount + 1) * mixes, free: free[r].map(Int32.init))
        }
    }

    /// Anneals `state` in place for `budget` candidates or until `deadline` (uptime nanoseconds), and leaves it at
    /// the best plan seen. Returns the candidates evaluated. O(1) + O(group size) per candidate.
    static func anneal(_ state: inout PlanState, budget: Int?, deadline: UInt64?, cancellation: Cancellation?,
                       stopAtNoRepeat: Bool = false, rng: inout SeededGenerator) -> Int {
        guard budget.map({ $0 > 0 }) ?? true else { return 0 }
        // Per round, the roster leaders there and not pinned; only rounds of two groups and two such leaders search.
        let free: [[Int]] = state.rounds.indices.map { r in
            let model = state.rounds[r].model
            return state.attending[r].indices.filter { model.fixedGroup[$0] < 0 }.map { Int(state.attending[r][$0]) }
        }
        let searched = state.rounds.indices.filter { free[$0].count > 1 && state.groupCounts[$0] > 1 }
        guard !searched.isEmpty else { return 0 }
        let allowsMoves = state.rounds.map { round in (0..<round.model.groupCount).contains { round.model.minSizes[$0] != round.model.maxSizes[$0] } }
        let kin = kinTables(state, free: free)
        /// A swap partner for `i` in round `r`: half the time one of its kin when it has any, else anyone free in
        /// the round.
        func partner(round r: Int, _ i: Int, rng: inout SeededGenerator) -> Int {
            if let table = kin[r], rng.below(2) == 0 {
                let k = Int(table.of[i]), first = Int(table.start[k]), count = Int(table.start[k + 1]) - first
                if count > 1 { return Int(table.members[first + rng.below(count)]) }
            }
            return free[r][rng.below(free[r].count)]
        }
        // Start where a typical worsening is taken one time in ten, and cool to a thousandth of it. Typical among
        // swaps that break no hard rule and, under pure groups, cost less than a leader in a pure group is worth:
        // a swap that breaks a pure group is then never taken, while the repeats within the strata are worked on.
        var losses: [Double] = []
        for _ in 0..<400 {
            let r = searched[rng.below(searched.count)], i = free[r][rng.below(free[r].count)], j = partner(round: r, i, rng: &rng)
            guard state.groupOf(round: r, i) != state.groupOf(round: r, j) else { continue }
            let (delta, gain) = state.swapGain(round: r, i, j)
            let purity = state.rounds[r].model.purity
            guard gain < 0, delta.hard <= 0, !purity.isActive || -gain < purity.coefficient else { continue }
            losses.append(-gain)
        }
        losses.sort()
        let typical = losses.isEmpty ? 1 : max(1e-9, losses[losses.count / 2])
        let hot = typical / log(10), ratio = 1e-3
        var current = state.objective
        var best = current, bestGroupings = state.groupings, moves = 0
        var temperature = hot
        let phaseStart = DispatchTime.now().uptimeNanoseconds
        while true {
            if moves & 1023 == 0 {
                var progress = 0.0
                if let budget {
                    if moves >= budget { break }
                    progress = Double(moves) / Double(budget)
                }
                let now = DispatchTime.now().uptimeNanoseconds
                if let deadline {
                    if now >= deadline { break }
                    if budget == nil { progress = Double(now - phaseStart) / Double(max(1, deadline - phaseStart)) } else { progress = min(progress, 1) }
                } else if budget == nil {
                    progress = 1
                }
                if cancellation?.isCancelled == true { break }
                if stopAtNoRepeat && state.repeats == 0 && state.hard == 0 { break }
                temperature = hot * pow(ratio, min(1, progress))
                current = state.objective
            }
            moves += 1
            let r = searched[rng.below(searched.count)], free = free[r]
            var i = free[rng.below(free.count)]
            // Favour a leader who meets someone again in this round's group, and for such a leader take the best of
            // a few swaps (as local search for the Social Golfer Problem swaps golfers in conflict).
            var inConflict = false
            if state.repeats > 0 && rng.below(4) != 0 {
                for _ in 0..<8 {
                    if state.metAgain(round: r, i) { inConflict = true; break }
                    i = free[rng.below(free.count)]
                }
            }
            if allowsMoves[r] && rng.below(3) == 0 {
                let h = rng.below(state.groupCounts[r])
                guard state.canMove(round: r, i, to: h) else { continue }
                let (delta, gain) = state.moveGain(round: r, i, to: h)
                guard gain >= 0 || rng.unit() < exp(gain / temperature) else { continue }
                state.move(round: r, i, to: h, delta: delta)
                current += gain
            } else {
                var chosen = -1, chosenDelta = Score.zero, chosenGain = -Double.infinity
                for _ in 0..<(inConflict ? 6 : 1) {
                    let j = partner(round: r, i, rng: &rng)
                    guard state.groupOf(round: r, i) != state.groupOf(round: r, j) else { continue }
                    let (delta, gain) = state.swapGain(round: r, i, j)
                    if gain > chosenGain { (chosen, chosenDelta, chosenGain) = (j, delta, gain) }
                }
                guard chosen >= 0, chosenGain >= 0 || rng.unit() < exp(chosenGain / temperature) else { continue }
                state.swap(round: r, i, chosen, delta: chosenDelta)
                current += chosenGain
            }
            if current > best + 1e-9 {
                best = current
                bestGroupings = state.groupings
            }
        }
        if state.objective < best - 1e-9 { state = state.restarted(at: bestGroupings) }
        return moves
    }
}
