import SparringModel
import SparringReport
import SparringSolver

/// A grouping problem as a front end hands it over: the roster, the rules, and what earlier rounds add.
///
/// Files are read by the front end (the command line reads CSV; another front end may hold the data
/// already); everything after reading — the group count, pins by label, the set-up check, the score, the
/// search, labels, explanations — happens in ``Pipeline``.
public struct Problem: Sendable {
    public var roster: Roster
    /// The rules; `settings.groups` nil lets the pipeline choose the group count.
    public var settings: RuleSettings
    /// History, previous grouping and keep-together sets; pins come separately, as labels (``pinLabels``),
    /// unless they are given here as group indices.
    public var rounds: RoundRules
    /// Pins as given: per leader a group label (a number 1…N, or a label of the previous grouping) or nil,
    /// with where they came from for messages. Empty: no pins.
    public var pinLabels: [String?]
    public var pinSource: (file: String, lines: [Int])?
    /// What reports may show.
    public var visibility: Visibility
    /// The language of every text the run makes.
    public var words: Words
    /// Facilitators to place after the grouping (`--facilitators`), and how many each group gets.
    public var facilitators: [Facilitator] = []
    public var facilitatorsPerGroup = 1

    public init(roster: Roster, settings: RuleSettings, rounds: RoundRules = RoundRules(), pinLabels: [String?] = [],
                pinSource: (file: String, lines: [Int])? = nil, visibility: Visibility? = nil, words: Words = Words(.en)) {
        self.roster = roster
        self.settings = settings
        self.rounds = rounds
        self.pinLabels = pinLabels
        self.pinSource = pinSource
        self.visibility = visibility ?? Visibility(roster: roster)
        self.words = words
    }
}

extension Problem {
    /// The problem of a round that only the leaders `attending` take part in (indices into the roster,
    /// ascending): the roster, pins and round rules of those leaders (``Roster/keeping(_:)``,
    /// ``RoundRules/keeping(_:of:)``), under the same settings. The group count is chosen anew for them unless
    /// the settings fix it. O(n · columns + pairs).
    public func attending(_ attending: [Int]) -> Problem {
        var round = self
        round.roster = roster.keeping(attending)
        round.rounds = rounds.keeping(attending, of: roster.count)
        round.pinLabels = pinLabels.isEmpty ? [] : attending.map { pinLabels[$0] }
        round.pinSource = pinSource.map { source in (source.file, source.lines.isEmpty ? [] : attending.map { $0 < source.lines.count ? source.lines[$0] : 0 }) }
        round.visibility = visibility.keeping(attending)
        return round
    }
}

/// A problem made ready: group count chosen, pins resolved, set-up checked, score compiled.
public struct PreparedProblem: Sendable {
    public let problem: Problem
    /// The settings with the group count filled in.
    public let settings: RuleSettings
    public let groupCount: Int
    public let model: ScoreModel
    /// Soft set-up findings to show before the search (the errors were thrown).
    public let warnings: [Diagnostic]
}

/// What a run produced: the grouping with its labels, score, rule-by-rule breakdown and explanations, and
/// how the search went (nil for a grouping that was only scored).
public struct Outcome: Sendable {
    public let context: GroupingContext
    public let explanation: Explanation
    public let search: SolveResult?

    public var score: Score { context.breakdown.score }
}

/// One library entry point per job: ``prepare(_:checkSetup:)`` then ``solve(_:options:)`` or
/// ``score(_:groups:labels:)``. The command line, the benchmarks and any other front end call these and only
/// parse and print around them.
public enum Pipeline {
    /// Exactly what `solve` runs before any search, without the search: the sizes, the group count, pins, the
    /// set-up check of every hard rule and the score's compile (``prepare(_:checkSetup:)``). The `check` command
    /// calls it, so that it refuses what `solve` refuses and nothing else.
    /// - Returns: the set-up's warnings (soft rules that cannot be met in full).
    /// - Throws: ``DiagnosticError`` with every error.
    /// - Complexity: that of ``prepare(_:checkSetup:)``.
    public static func check(_ problem: Problem) throws(DiagnosticError) -> [Diagnostic] { try prepare(problem).warnings }

    /// What a run writes after its search, which sets the time it keeps in reserve (``searchSeconds(limit:beforeSearch:after:)``).
    public struct AfterSearch: Sendable {
        /// Each leader explained too (a JSON, a report, the movers of a refresh).
        public var leaderStories: Bool
        public var json: Bool
        public var report: Bool

        public init(leaderStories: Bool, json: Bool, report: Bool) {
            self.leaderStories = leaderStories
            self.json = json
            self.report = report
        }
    }

    /// The search's part of a wall-clock limit for a whole run: loading and compiling (`beforeSearch`, already
    /// spent) count against the limit, and time is kept for explaining and writing after the search. That work
    /// grows with the roster as loading and compiling did, so the time they took on this machine sets the
    /// reserve. Measured at 100,000 and 300,000 leaders, as a share of that time: labels, score breakdown,
    /// explanation and the assignments 0.68; leader stories 0.3 more; writing JSON 0.55 more, the report 1.0 more
    /// (JSON 1.55, report 1.97 in all). The shares below add about 5 % to each; the reserve never takes more than
    /// half the limit, and the search gets 0.05 s at least.
    /// - Complexity: O(1).
    public static func searchSeconds(limit: Double, beforeSearch: Double, after: AfterSearch) -> Double {
        let share = 0.72 + (after.leaderStories ? 0.32 : 0) + (after.json ? 0.58 : 0) + (after.report ? 1.05 : 0)
        let reserve = 0.05 + beforeSearch * share
        return max(0.05, limit - beforeSearch - min(reserve, 0.5 * limit))
    }

    /// A hand change: one leader to another group, or two leaders of different groups exchanging places.
    public enum HandChange: Sendable, Equatable {
        case move(leader: Int, to: Int)
        case swap(Int, Int)
    }

    /// What a hand change would do, before it is made: the score's change, each rule's, and the hard rules it
    /// would break (each naming the leaders, as the report would).
    public struct Preview: Sendable {
        public struct RuleChange: Sendable {
            public let id: String
            public let change: Score
        }
        public let change: Score
        /// The rules whose value would change, in the order reports list them.
        public let rules: [RuleChange]
        /// The broken hard rules the change would add (empty when it breaks none).
        public let newlyBroken: [String]
    }

    /// Each rule's change if `change` were made to `groups`, from the rules' own deltas (the fused search
    /// delta is their sum, which a test checks), and the hard rules it would break.
    /// - Parameter naming: how the broken rules name leaders and groups.
    /// - Complexity: O(n · terms + pairs): the tables of the grouping are built once; the broken rules' texts
    ///   only when a hard rule would break.
    public static func preview(_ model: ScoreModel, groups: [Int32], _ change: HandChange, naming: Naming) -> Preview {
        let state = SearchState(model: model, groups: groups)
        var after = groups
        let deltas: [Score]
        switch change {
        case let .move(i, h):
            deltas = state.ruleMoveDeltas(i, to: h)
            after[i] = Int32(h)
        case let .swap(i, j):
            deltas = state.ruleSwapDeltas(i, j)
            after.swapAt(i, j)
        }
        var rules: [Preview.RuleChange] = [], total = Score.zero, newlyBroken: [String] = []
        for (rule, delta) in zip(model.rules, deltas) where rule.isActive && (delta.hard != 0 || abs(delta.soft) > 1e-9) {
            rules.append(.init(id: rule.id, change: delta))
            total = total + delta
            guard delta.hard > 0 else { continue }
            let before = Set(rule.report(Placement(groups: groups, groupCount: model.groupCount), in: model, naming: naming).problems.map(\.text))
            newlyBroken += rule.report(Placement(groups: after, groupCount: model.groupCount), in: model, naming: naming).problems.map(\.text)
                .filter { !before.contains($0) }
        }
        return Preview(change: total, rules: rules, newlyBroken: newlyBroken)
    }

    /// Chooses the group count, resolves pins, checks the set-up and compiles the score.
    /// - Parameter checkSetup: refuse set-ups no grouping can satisfy (for solving; a grouping given to
    ///   `score` is judged as it is instead).
    /// - Throws: ``DiagnosticError`` with every problem found, each with what to relax.
    /// - Complexity: O(n · attributes + pairs), plus the set-up check.
    public static func prepare(_ problem: Problem, checkSetup: Bool = true) throws(DiagnosticError) -> PreparedProblem {
        let roster = problem.roster
        var settings = problem.settings
        let sizing = settings.sizing
        if checkSetup {
            let problems = sizing.diagnose(leaders: roster.count, groups: settings.groups)
            if !problems.isEmpty { throw DiagnosticError(problems) }
        }
        let groupCount = Self.groupCount(leaders: roster.count, settings: settings, previousLabels: problem.rounds.previousLabels, roster: roster)
        settings.groups = groupCount
        var rounds = problem.rounds
        // Pins by label are resolved here; a front end that holds pins as group indices already (the
        // workbench) sets `rounds.pins` and gives no labels.
        if !problem.pinLabels.isEmpty {
            rounds.pins = try resolvePins(problem, groupCount: groupCount)
        } else if let i = rounds.pins.firstIndex(where: { Int($0) >= groupCount }) {
            // Pins as group indices must name one of the groups (a fixed --groups smaller than the grouping's).
            let valid = Message("pins.validNumber", .int(groupCount))
            throw DiagnosticError([.error(nil, Message("pins.noSuchGroup", .text(displaySafe("\(roster.names[i]) (\(roster.ids[i]))")),
                                                       .quoted(String(rounds.pins[i] + 1)), .message(valid)), hint: Message("pins.use", .message(valid)))])
        }

        // What rules derive from the round rules (a renewal's previous groups) joins the roster the score is compiled on.
        let (compiled, compiledSettings) = RuleDescriptors.derived(roster: roster, settings: settings, rounds: rounds)
        var warnings: [Diagnostic] = []
        if checkSetup {
            let found = SetupCheck.diagnose(roster: roster, settings: settings, rounds: rounds, groups: groupCount, labels: rounds.previousLabels)
                + ScoreModel.setupProblems(roster: compiled, settings: compiledSettings, groups: groupCount,
                                           naming: GroupingContext.naming(roster: compiled, labels: [], visibility: problem.visibility, words: problem.words))
                + facilitatorProblems(problem, groups: groupCount)
            let errors = found.filter { $0.severity == .error }
            if !errors.isEmpty { throw DiagnosticError(errors) }
            warnings = found.filter { $0.severity == .warning }
        }
        let model = try ScoreModel(roster: compiled, settings: compiledSettings, groups: groupCount, rounds: rounds)
        return PreparedProblem(problem: problem, settings: settings, groupCount: groupCount, model: model, warnings: warnings)
    }

    /// The number of groups: as asked; else the previous grouping's, when the sizes allow it; else the
    /// preferred one for the sizes (groups of 6 where possible), moved into the range in which the typology's
    /// strata can fill their pure groups (``PureStrata/groupCounts(leaders:)``) when a roster is given.
    /// - Complexity: O(1) without a roster; O(n · pure attributes) with one.
    public static func groupCount(leaders: Int, settings: RuleSettings, previousLabels: [String], roster: Roster? = nil) -> Int {
        if let asked = settings.groups { return asked }
        if !previousLabels.isEmpty, settings.sizing.feasibleGroupCounts(leaders: leaders)?.contains(previousLabels.count) == true {
            return previousLabels.count
        }
        let preferred = settings.sizing.preferredGroupCount(leaders: leaders) ?? 1
        guard let roster, let feasible = settings.sizing.feasibleGroupCounts(leaders: leaders) else { return preferred }
        let pure = settings.pureAttributes(for: roster)
        guard !pure.isEmpty, let structure = PureStrata(roster: roster, attributes: pure, mixed: settings.mixedAttribute(for: roster), sizing: settings.sizing)
                .groupCounts(leaders: leaders),
              structure.overlaps(feasible) else { return preferred }
        let range = structure.clamped(to: feasible)
        return min(max(preferred, range.lowerBound), range.upperBound)
    }

    /// Pins by label turned into group indices: a label of the previous grouping where there is one, else a
    /// number 1…N. - Throws: one error per pin that names no group. O(n · previous groups).
    static func resolvePins(_ problem: Problem, groupCount: Int) throws(DiagnosticError) -> [Int32] {
        guard !problem.pinLabels.isEmpty else { return [] }
        let roster = problem.roster, previous = problem.rounds.previousLabels
        var pins = [Int32](repeating: -1, count: roster.count), errors: [Diagnostic] = []
        for (i, label) in problem.pinLabels.enumerated() {
            guard let label else { continue }
            if let g = previous.firstIndex(of: label), g < groupCount {
                pins[i] = Int32(g)
            } else if let number = Int(label), (1...groupCount).contains(number), previous.isEmpty {
                pins[i] = Int32(number - 1)
            } else {
                let valid = previous.isEmpty ? Message("pins.validNumber", .int(groupCount)) : Message("pins.validLabel")
                let line = problem.pinSource.map { i < $0.lines.count ? $0.lines[i] : 0 } ?? 0
                errors.append(.error(problem.pinSource?.file, line, 0, Message("pins.noSuchGroup", .text(displaySafe("\(roster.names[i]) (\(roster.ids[i]))")), .quoted(label), .message(valid)),
                                     hint: Message("pins.use", .message(valid))))
            }
        }
        if !errors.isEmpty { throw DiagnosticError(errors) }
        return pins
    }

    /// The wall-clock limit of a search when none is given: 3 s up to 1,000 leaders, 10 s up to 10,000, else 60 s.
    public static func defaultSeconds(leaders: Int) -> Double { leaders <= 1000 ? 3 : (leaders <= 10_000 ? 10 : 60) }

    /// Searches for the best grouping, then labels, scores and explains it.
    /// - Parameters:
    ///   - options: seed, threads, limits, progress callback and cancellation.
    ///   - leaderStories: explain each leader too (``Explanation/leaders``, for JSON, the report and the movers
    ///     of a refresh); a run that writes only the assignments leaves them out (at 300,000 leaders they take
    ///     about as long as writing the assignments).
    /// - Complexity: that of the search, plus O(n · terms + pairs) to explain.
    public static func solve(_ prepared: PreparedProblem, options: SolverOptions, leaderStories: Bool = true) -> Outcome {
        let result = Solver.solve(prepared.model, options: options)
        let (groups, labels) = label(result.groups, groupCount: prepared.groupCount, rounds: prepared.model.rounds, words: prepared.problem.words)
        var context = GroupingContext(roster: prepared.problem.roster, model: prepared.model, groups: groups, labels: labels,
                                      settings: prepared.settings, visibility: prepared.problem.visibility,
                                      words: prepared.problem.words)
        context.facilitators = facilitate(prepared.problem, groups: groups, groupCount: labels.count)
        return Outcome(context: context, explanation: Explanation(context, leaderStories: leaderStories), search: result)
    }

    /// Scores and explains a given grouping (ours, hand-edited, last year's) under its own labels.
    /// - Parameter leaderStories: explain each leader too (see ``Explanation/init(_:leaderStories:)``).
    /// - Complexity: O(n · terms + pairs).
    /// - Parameter chosenFacilitators: per group, a facilitator (index into the problem's) chosen by hand, or −1
    ///   (see ``FacilitatorAssignment/assign(_:roster:groups:groupCount:perGroup:chosen:)``).
    public static func score(_ prepared: PreparedProblem, groups: [Int32], labels: [String], leaderStories: Bool = true,
                             chosenFacilitators: [Int] = []) -> Outcome {
        var context = GroupingContext(roster: prepared.problem.roster, model: prepared.model, groups: groups, labels: labels,
                                      settings: prepared.settings, visibility: prepared.problem.visibility,
                                      words: prepared.problem.words)
        context.facilitators = facilitate(prepared.problem, groups: groups, groupCount: labels.count, chosen: chosenFacilitators)
        return Outcome(context: context, explanation: Explanation(context, leaderStories: leaderStories), search: nil)
    }

    /// The facilitators placed on `groups` (``FacilitatorAssignment``), or nil when none are given. O(the assignment).
    static func facilitate(_ problem: Problem, groups: [Int32], groupCount: Int, chosen: [Int] = []) -> GroupFacilitators? {
        guard !problem.facilitators.isEmpty else { return nil }
        let found = FacilitatorAssignment.assign(problem.facilitators, roster: problem.roster, groups: groups, groupCount: groupCount,
                                                 perGroup: problem.facilitatorsPerGroup, chosen: chosen)
        var placed = GroupFacilitators(names: found.byGroup.map { $0.map { problem.facilitators[$0].name } }, fromMembersUnit: found.fromMembersUnit,
                                       perGroup: found.perGroup)
        placed.chosen = (0..<groupCount).map { g in
            g < chosen.count && chosen[g] >= 0 && found.byGroup[g].first == chosen[g] ? problem.facilitators[chosen[g]].name : nil
        }
        return placed
    }

    /// Facilitators who cannot cover the groups whatever the grouping: fewer places than groups × per group (each
    /// facilitator at most once a group), or fewer facilitators than a group needs. O(facilitators).
    public static func facilitatorProblems(_ problem: Problem, groups: Int) -> [Diagnostic] {
        guard !problem.facilitators.isEmpty else { return [] }
        let places = problem.facilitators.reduce(0) { $0 + min($1.capacity, groups) }, needed = groups * problem.facilitatorsPerGroup
        if problem.facilitators.count < problem.facilitatorsPerGroup {
            return [.error(nil, Message("facilitators.tooFew", .int(problem.facilitators.count), .int(problem.facilitatorsPerGroup)),
                           hint: Message("facilitators.tooFew.hint"))]
        }
        guard places < needed else { return [] }
        return [.error(nil, Message("facilitators.capacity", .int(places), .int(groups), .int(needed)),
                       hint: Message("facilitators.capacity.hint", .int(needed - places)))]
    }

    /// Labels for the solver's groups, and the groups renumbered where no labels are given:
    /// with a previous grouping, each group takes the previous label it shares most continuing leaders with
    /// (with pins: the group's own previous label) and new groups continue the numbering; with pins, groups
    /// keep their numbers; otherwise groups are numbered in order of their first member.
    /// - Complexity: O(n + m log m).
    public static func label(_ groups: [Int32], groupCount m: Int, rounds: RoundRules, words: Words = Words(.en)) -> (groups: [Int32], labels: [String]) {
        let previous = rounds.previousLabels
        let hasPins = rounds.pins.contains { $0 >= 0 }
        if previous.isEmpty {
            return (hasPins ? groups : canonicalGroups(groups, groupCount: m), GroupingContext.numberedLabels(m))
        }
        var labelOf = [Int](repeating: -1, count: m)
        if hasPins {
            for g in 0..<min(m, previous.count) { labelOf[g] = g }
        } else {
            var overlap: [Int: Int] = [:]
            for (i, g) in groups.enumerated() where rounds.previousGroup[i] >= 0 { overlap[Int(g) * previous.count + Int(rounds.previousGroup[i]), default: 0] += 1 }
            let ranked = overlap.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
            var taken = Set<Int>()
            for (key, _) in ranked {
                let (g, p) = (key / previous.count, key % previous.count)
                if labelOf[g] < 0 && !taken.contains(p) { labelOf[g] = p; taken.insert(p) }
            }
        }
        let numbers = previous.compactMap { Int($0) }
        var next = numbers.count == previous.count ? (numbers.max() ?? 0) + 1 : 1
        var labels = [String](repeating: "", count: m)
        for g in 0..<m {
            if labelOf[g] >= 0 { labels[g] = previous[labelOf[g]] } else {
                repeat { labels[g] = numbers.count == previous.count ? String(next) : words("label.new", .text(String(next))); next += 1 } while previous.contains(labels[g])
            }
        }
        return (groups, labels)
    }
}
