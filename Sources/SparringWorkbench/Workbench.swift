import Foundation
import SparringEngine
import SparringIO
import SparringModel
import SparringReport
import SparringSolver
import Synchronization

/// A change the workbench refuses: the HTTP status, and what to tell the consultant in her language.
public struct Refusal: Error, Sendable {
    public let status: Int
    public let message: Message
    public let hint: Message?
    /// Problems from the engine (settings no grouping can satisfy), each already a full diagnostic.
    public let diagnostics: [Diagnostic]

    init(_ status: Int, _ message: Message, hint: Message? = nil) {
        self.status = status
        self.message = message
        self.hint = hint
        self.diagnostics = []
    }

    init(_ error: DiagnosticError) {
        status = 422
        message = error.diagnostics.first?.message ?? Message("text.verbatim", "")
        hint = error.diagnostics.first?.hint
        diagnostics = error.diagnostics
    }
}

/// One consultant's session over one roster: the current arrangement, undo and redo, pins, scenarios and a
/// search in the background. Every change goes through the engine: a move is re-scored and re-explained by
/// the same ``Pipeline`` the command line uses; no rule is judged anywhere else.
///
/// Thread-safe: the session sits behind a mutex; a search runs on a thread of its own and takes the mutex
/// only to report progress and to install its result.
public final class Workbench: Sendable {
    /// What the session works on and how it writes files; fixed for its life.
    public struct Setup: Sendable {
        /// The roster, rules and round rules as the command line gave them (pins are taken from `pinned`).
        public var problem: Problem
        /// The roster file as the consultant named it (for file names and the report).
        public var rosterPath: String
        /// The CSV dialect of exported assignments (the roster's own).
        public var csv: CSVWriter
        /// Command-line options that are not rules (`--conflicts FILE`, `--history FILE`, `--hide …`), repeated
        /// in scenario files and in the command a report names.
        public var inputArguments: [String]
        /// The search behind Solve.
        public var seed: UInt64
        public var threads: Int
        /// Seconds per search; nil: by roster size, as `solve` does.
        public var seconds: Double?
        /// Ends the first search early (Ctrl-C while `serve` starts); it keeps the best grouping so far.
        public var firstSearchCancellation: Cancellation?
        /// Rounds (years) planned together (`serve --rounds K`); 1: a single grouping.
        public var rounds = 1
        /// The earlier rounds' groupings (`--history`), oldest first: a plan counts them as meetings.
        public var history: [[Int32]] = []

        public init(problem: Problem, rosterPath: String, csv: CSVWriter = CSVWriter(), inputArguments: [String] = [],
                    seed: UInt64 = 1, threads: Int = 1, seconds: Double? = nil, firstSearchCancellation: Cancellation? = nil) {
            self.problem = problem
            self.rosterPath = rosterPath
            self.csv = csv
            self.inputArguments = inputArguments
            self.seed = seed
            self.threads = threads
            self.seconds = seconds
            self.firstSearchCancellation = firstSearchCancellation
        }

        /// The limit of one search: as given, else as `solve`'s (``Pipeline/defaultSeconds(leaders:)``).
        public var searchSeconds: Double { seconds ?? Pipeline.defaultSeconds(leaders: problem.roster.count) }

        /// The limit of a search of the whole plan: a search's per round (one search's without a plan).
        public var planSeconds: Double { searchSeconds * Double(max(1, rounds)) }
    }

    /// A search under way.
    struct Search: Sendable {
        let cancellation: Cancellation
        let limit: Double
        let started = Date()
        /// The best score reported so far (reports come from one run of the portfolio; the best of all runs is kept).
        var best: Score?
        var stopped = false

        var seconds: Double { Date().timeIntervalSince(started) }

        mutating func report(_ progress: SolverProgress) {
            if best.map({ progress.best > $0 }) ?? true { best = progress.best }
        }
    }

    struct Session: Sendable {
        /// The work that outlives the process: the arrangement, undo and redo, scenarios (numbered, stable while
        /// the session lasts, so a stale page cannot load or delete the wrong one).
        var work: WorkState
        var scored: Scored
        /// Where every change is written before it is made; nil: in memory only (tests, benchmarks).
        var journal: SessionJournal?
        /// Whether the work has changed since it was last exported (the page asks before the tab closes).
        var unexported = false
        /// The work resumed from an earlier session, until the consultant starts afresh.
        var resumed: ResumedWork?
        /// Where the work was kept when the consultant last started afresh from the page.
        var previous: String?
        var version = 1
        /// Set when the server closes: no new search starts.
        var closing = false
        /// Groups the last change touched; nil: all.
        var changed: [Int]? = nil
        var search: Search?
        /// How the last search ended, for the page: its time, whether Stop ended it, and whether it found a
        /// better grouping than the one it started from (else that one was kept).
        var lastSearch: (seconds: Double, limit: Double, stopped: Bool, improved: Bool)?
        /// Why the last search's result could not be kept (the journal could not write it), for the page.
        var saveProblem: Message?

        var current: Arrangement { work.current }
        var undo: [Arrangement] { work.undo }
        var redo: [Arrangement] { work.redo }
        var scenarios: [Scenario] { work.scenarios }

        /// Writes `step` to the journal, then makes it in memory; a step the journal cannot write is not made.
        /// - Throws: 507 naming the file and the reason (a full disk, a folder gone read-only).
        mutating func commit(_ step: WorkStep) throws(Refusal) {
            if let journal {
                do throws(SessionJournal.Failure) { try journal.append(step, to: work) } catch {
                    throw Refusal(507, Message("workbench.cannotSave", .message(error.reason)), hint: Message("workbench.cannotSave.hint", .text(displaySafe(journal.path))))
                }
            }
            work.apply(step)
            unexported = true
            version += 1
        }

        /// Makes `next` current as one undoable step (the redo steps are dropped) and notes the groups it touched.
        mutating func install(_ next: Arrangement, scored: Scored, touched: [Int]?) throws(Refusal) {
            try commit(.install(next))
            self.scored = scored
            changed = touched
        }
    }

    public let setup: Setup
    let session: Mutex<Session>
    /// Leader index by id. O(1) lookups.
    let leaderIndex: [String: Int]

    /// The most undo steps and scenarios kept (memory and the journal stay bounded in a long session).
    static let undoLimit = WorkState.undoLimit
    static let scenarioLimit = WorkState.scenarioLimit

    /// Opens a session on `start`: a grouping as given (a file, a scenario), or, when nil, the result of a
    /// first search with the given rules so that the page opens on a proposal.
    /// - Throws: ``DiagnosticError`` when the rules cannot be applied to the roster.
    public init(setup: Setup, start: Arrangement? = nil) throws(DiagnosticError) {
        self.setup = setup
        self.leaderIndex = setup.problem.roster.indexByID()
        let problem = setup.problem
        let rules = Rules(settings: problem.settings, rounds: problem.rounds)
        let arrangement: Arrangement
        let scored: Scored
        if let start {
            arrangement = start
            scored = try Self.score(arrangement, setup: setup, reusing: nil)
        } else if setup.rounds > 1 {
            let prepared = try Pipeline.prepare(Self.planProblem(setup))
            arrangement = Self.plan(prepared, rules: rules, setup: setup, cancellation: setup.firstSearchCancellation)
            scored = try Self.score(arrangement, setup: setup, reusing: nil)
        } else {
            let prepared = try Pipeline.prepare(problem)
            let limit = setup.searchSeconds
            let outcome = Pipeline.solve(prepared, options: SolverOptions(seed: setup.seed, threads: setup.threads,
                                                                          termination: Termination(seconds: limit, stagnation: 0.5),
                                                                          cancellation: setup.firstSearchCancellation))
            let pins = prepared.model.rounds.pins
            arrangement = Arrangement(rules: rules, groups: outcome.context.groups, labels: outcome.context.labels,
                                      pinned: problem.roster.ids.indices.map { $0 < pins.count && pins[$0] >= 0 })
            // The search's outcome is this arrangement scored and explained already.
            scored = Scored(prepared: prepared, outcome: outcome, rules: rules, pins: arrangement.pins, earlierRounds: [])
        }
        session = Mutex(Session(work: WorkState(current: arrangement), scored: scored))
    }

    /// Opens a session on work saved by an earlier one (``SessionJournal``), brought onto the roster as it is now.
    /// When the saved settings can no longer be applied (a column they weigh is gone), the current arrangement is
    /// scored under the start's settings instead, and ``resumed`` says so.
    /// - Throws: ``DiagnosticError`` when even the start's settings cannot be applied.
    public init(setup: Setup, resuming work: ResumedWork) throws(DiagnosticError) {
        self.setup = setup
        self.leaderIndex = setup.problem.roster.indexByID()
        var state = work.state, notes = work.notes
        let scored: Scored
        do {
            scored = try Self.score(state.current, setup: setup, reusing: nil)
        } catch {
            state.current.rules = Rules(settings: setup.problem.settings, rounds: setup.problem.rounds)
            notes.append(Message("serve.session.settingsGone", .text(error.diagnostics.first.map { setup.problem.words.render($0.message) } ?? "")))
            scored = try Self.score(state.current, setup: setup, reusing: nil)
        }
        session = Mutex(Session(work: state, scored: scored, unexported: !state.undo.isEmpty || !state.scenarios.isEmpty,
                                resumed: ResumedWork(state: state, notes: notes, saved: work.saved, file: work.file)))
    }

    /// What was resumed from an earlier session (nil: the session started afresh, also from the page).
    public var resumed: ResumedWork? { read { $0.resumed } }

    /// From now on every change is written to `journal` before it is made; first the whole session as it is
    /// now, under `header`.
    /// - Throws: ``SessionJournal/Failure`` when the file cannot be written.
    public func keep(in journal: SessionJournal, header: SessionJournal.Header) throws(SessionJournal.Failure) {
        try session.withLock { (session: inout Session) throws(SessionJournal.Failure) in
            try journal.start(header: header, state: session.work)
            session.journal = journal
        }
    }

    /// Scores and explains `arrangement`, re-using `previous`'s compiled problem when its rules and pins are
    /// the same (a move or swap of unpinned leaders).
    /// - Complexity: O(n · terms + pairs); compiling adds O(n · attributes + pairs).
    static func score(_ arrangement: Arrangement, setup: Setup, reusing previous: Scored?) throws(DiagnosticError) -> Scored {
        let pins = arrangement.pins, earlier = arrangement.roundCount > 1 ? arrangement.otherRoundsByDistance : []
        let prepared: PreparedProblem
        if let previous, previous.rules == arrangement.rules, previous.pins == pins, previous.prepared.groupCount == arrangement.labels.count,
           previous.earlierRounds == earlier {
            prepared = previous.prepared
        } else {
            var problem = setup.problem
            problem.settings = arrangement.rules.settings
            problem.settings.groups = arrangement.labels.count
            problem.rounds = roundRules(arrangement, setup: setup)
            problem.pinLabels = []
            prepared = try Pipeline.prepare(problem, checkSetup: false)
        }
        let chosen = arrangement.facilitatorChoices.count == arrangement.labels.count ? arrangement.facilitatorChoices.map(Int.init) : []
        return Scored(prepared: prepared, outcome: Pipeline.score(prepared, groups: arrangement.groups, labels: arrangement.labels, leaderStories: false,
                                                                  chosenFacilitators: chosen),
                      rules: arrangement.rules, pins: pins, earlierRounds: earlier)
    }

    /// The round rules `arrangement` is scored and searched under: the command line's, with its weights and pins,
    /// and in a plan the other rounds as earlier rounds (after `--history`'s; the rounds next to the one shown
    /// weigh most), so that meeting again across the plan is the meeting-again rule's. O(K · n + pairs).
    static func roundRules(_ arrangement: Arrangement, setup: Setup) -> RoundRules {
        var rounds = arrangement.rules.applied(to: setup.problem.rounds)
        if arrangement.roundCount > 1 {
            rounds.setHistory(setup.history + arrangement.otherRoundsByDistance)
            rounds.historyIsPlan = true
        }
        rounds.pins = arrangement.pins
        return rounds
    }

    /// The problem a plan is searched under: the command line's, its earlier rounds counted by the plan (not as a
    /// rule of each round).
    static func planProblem(_ setup: Setup) -> Problem {
        var problem = setup.problem
        problem.rounds.setHistory([])
        return problem
    }

    /// Plans every round together (``Planner``) under `prepared`, and returns the plan with round 1 shown.
    /// O(the plan's search).
    static func plan(_ prepared: PreparedProblem, rules: Rules, setup: Setup, cancellation: Cancellation?) -> Arrangement {
        let model = prepared.model
        let options = PlanOptions(seed: setup.seed, termination: Termination(seconds: setup.planSeconds, stagnation: nil),
                                  pointsPerRepeat: PlanOptions.pointsPerRepeat(weight: rules.historyWeight, model: model), cancellation: cancellation)
        let plan = Planner.plan(model, rounds: setup.rounds, earlier: setup.history, options: options)
        return Arrangement(rules: rules, plan: plan.groupings, labels: (0..<prepared.groupCount).map { String($0 + 1) })
    }

    /// Shows round `r` (0-based) of the plan, as one undoable step.
    /// - Throws: 404 for a round the plan does not have; 409 while a search runs.
    public func show(round r: Int) throws(Refusal) {
        try change { (arrangement, _) throws(Refusal) in
            guard (0..<arrangement.roundCount).contains(r) else {
                throw Refusal(404, Message("workbench.noSuchRound", .int(r + 1), .int(arrangement.roundCount)), hint: Message("workbench.noSuchRound.hint"))
            }
            return (arrangement.showing(r), nil)
        }
    }

    // MARK: - Reading

    /// Runs `body` on the session as it is now.
    func read<T>(_ body: (borrowing Session) -> T) -> T { session.withLock { body($0) } }

    /// The current arrangement.
    public var current: Arrangement { read { $0.current } }

    /// The current grouping scored and explained.
    public var outcome: Outcome { read { $0.scored.outcome } }

    /// The leader with id `id`. - Throws: a 404 refusal.
    func leader(_ id: String) throws(Refusal) -> Int {
        guard let i = leaderIndex[id] else {
            throw Refusal(404, Message("workbench.noSuchLeader", .quoted(id)), hint: Message("workbench.noSuchLeader.hint"))
        }
        return i
    }

    // MARK: - Changes

    /// Applies `change` to the current arrangement as one undoable step, re-scores, and notes which groups
    /// it touched (nil: all).
    /// - Throws: ``Refusal`` from `change`; 409 while a search runs; 422 when the engine cannot apply it.
    func change(_ change: (Arrangement, Scored) throws(Refusal) -> (Arrangement, touched: [Int]?)) throws(Refusal) {
        try session.withLock { (session: inout Session) throws(Refusal) in
            guard session.search == nil else { throw Refusal(409, Message("workbench.searching"), hint: Message("workbench.searching.hint")) }
            let (next, touched) = try change(session.current, session.scored)
            if next == session.current { return }
            let scored: Scored
            do throws(DiagnosticError) { scored = try Self.score(next, setup: setup, reusing: session.scored) } catch { throw Refusal(error) }
            try session.install(next, scored: scored, touched: touched)
        }
    }

    /// Moves leader `id` into the group labelled `label`.
    /// - Throws: 404 for an unknown leader or group; 409 when either group would leave its size bounds (any
    ///   other hard rule the move breaks is made and shown).
    public func move(leader id: String, to label: String) throws(Refusal) {
        let i = try leader(id)
        try change { (arrangement, scored) throws(Refusal) in
            guard let target = try Self.moveTarget(i, to: label, arrangement, scored) else { return (arrangement, [Int(arrangement.groups[i])]) }
            let source = Int(arrangement.groups[i])
            var next = arrangement
            next.groups[i] = Int32(target)
            return (next, [source, target])
        }
    }

    /// The group `label` names, when leader `i` may move there (nil: they are in it already).
    /// - Throws: 404 for an unknown group; 409 where the size rule forbids it (the target full, the source too small).
    static func moveTarget(_ i: Int, to label: String, _ arrangement: Arrangement, _ scored: Scored) throws(Refusal) -> Int? {
        guard let target = arrangement.labels.firstIndex(of: label) else {
            throw Refusal(404, Message("workbench.noSuchGroup", .quoted(label)), hint: Message("workbench.noSuchGroup.hint"))
        }
        let source = Int(arrangement.groups[i])
        if source == target { return nil }
        // The size rule judges: the bounds of these two groups.
        let sizes = arrangement.sizes, rule = scored.context.model.sizes
        let name = scored.context.visibility.displayName(scored.context.roster, i)
        if !rule.mayGrow(target, from: sizes[target]) {
            throw Refusal(409, Message("workbench.groupFull", .text(name), .text(displaySafe(label)), .int(sizes[target])),
                          hint: Message("workbench.groupFull.hint", .text(name), .text(displaySafe(label))))
        }
        if !rule.mayShrink(source, from: sizes[source]) {
            throw Refusal(409, Message("workbench.groupTooSmall", .text(name), .text(displaySafe(arrangement.labels[source])), .int(sizes[source] - 1),
                                       .int(Int(rule.minSizes[source]))),
                          hint: Message("workbench.groupTooSmall.hint", .text(name)))
        }
        return target
    }

    /// What moving leader `id` to group `label` would do (``Pipeline/preview(_:groups:_:naming:)``), before it
    /// is done: nothing changes. Nil when they are in that group already.
    /// - Throws: what ``move(leader:to:)`` would refuse.
    public func preview(leader id: String, to label: String) throws(Refusal) -> Pipeline.Preview? {
        let i = try leader(id)
        let (arrangement, scored) = read { ($0.current, $0.scored) }
        guard let target = try Self.moveTarget(i, to: label, arrangement, scored) else { return nil }
        return Pipeline.preview(scored.context.model, groups: arrangement.groups, .move(leader: i, to: target), naming: Self.naming(scored.context))
    }

    /// How a preview's broken rules name leaders and groups: as the report does.
    static func naming(_ context: GroupingContext) -> Naming {
        GroupingContext.naming(roster: context.roster, labels: context.labels, visibility: context.visibility, words: context.words)
    }

    /// What swapping leaders `a` and `b` would do, before it is done: nothing changes.
    /// - Throws: 400 when they share a group, as ``swap(_:_:)`` would.
    public func preview(swap a: String, _ b: String) throws(Refusal) -> Pipeline.Preview {
        let (i, j) = (try leader(a), try leader(b))
        let (arrangement, scored) = read { ($0.current, $0.scored) }
        try Self.checkSwap(i, j, arrangement, scored)
        return Pipeline.preview(scored.context.model, groups: arrangement.groups, .swap(i, j), naming: Self.naming(scored.context))
    }

    /// Refuses a swap of two leaders of one group (400).
    static func checkSwap(_ i: Int, _ j: Int, _ arrangement: Arrangement, _ scored: Scored) throws(Refusal) {
        guard arrangement.groups[i] == arrangement.groups[j] else { return }
        let context = scored.context
        throw Refusal(400, Message("workbench.sameGroup", .text(context.visibility.displayName(context.roster, i)), .text(context.visibility.displayName(context.roster, j))),
                      hint: Message("workbench.sameGroup.hint"))
    }

    /// Swaps leaders `a` and `b`, who must be in different groups. Sizes do not change.
    public func swap(_ a: String, _ b: String) throws(Refusal) {
        let (i, j) = (try leader(a), try leader(b))
        try change { (arrangement, scored) throws(Refusal) in
            try Self.checkSwap(i, j, arrangement, scored)
            let (gi, gj) = (arrangement.groups[i], arrangement.groups[j])
            var next = arrangement
            next.groups[i] = gj
            next.groups[j] = gi
            return (next, [Int(gi), Int(gj)])
        }
    }

    /// Chooses facilitator `name` (as `--facilitators` gives it) for the group labelled `label`, or, with nil, lets
    /// the assignment place that group's facilitator again. The choice holds while the group's members allow it;
    /// the other groups' facilitators are placed around it.
    /// - Throws: 404 for an unknown group or facilitator, or when no facilitators were given; 409 in a plan, when
    ///   the facilitator is in the group, has their boss, staff or a loyalty conflict in it, or is chosen for as
    ///   many groups as they can take.
    public func chooseFacilitator(_ name: String?, for label: String) throws(Refusal) {
        let facilitators = setup.problem.facilitators
        guard !facilitators.isEmpty else {
            throw Refusal(404, Message("workbench.facilitator.none"), hint: Message("workbench.facilitator.none.hint"))
        }
        try change { (arrangement, scored) throws(Refusal) in
            guard arrangement.roundCount == 1 else {
                throw Refusal(409, Message("workbench.facilitator.plan"), hint: Message("workbench.facilitator.plan.hint"))
            }
            guard let g = arrangement.labels.firstIndex(of: label) else {
                throw Refusal(404, Message("workbench.noSuchGroup", .quoted(label)), hint: Message("workbench.noSuchGroup.hint"))
            }
            var choices = arrangement.facilitatorChoices.count == arrangement.labels.count ? arrangement.facilitatorChoices
                : [Int32](repeating: -1, count: arrangement.labels.count)
            var k = -1
            if let name, !name.isEmpty {
                guard let found = facilitators.firstIndex(where: { $0.name == name }) else {
                    throw Refusal(404, Message("workbench.facilitator.unknown", .quoted(name)), hint: Message("workbench.facilitator.unknown.hint"))
                }
                k = found
                let context = scored.context, members = context.members[g], shown = Message.Argument.text(displaySafe(name))
                if let refusal = FacilitatorAssignment.refusal(facilitators[k], members: members) {
                    let who = Message.Argument.text(context.visibility.displayName(context.roster, refusal.member))
                    throw Refusal(409, refusal.isThemselves ? Message("workbench.facilitator.inGroup", shown, .text(displaySafe(label)))
                                  : Message("workbench.facilitator.keptApart", shown, .text(displaySafe(label)), who),
                                  hint: Message("workbench.facilitator.other.hint"))
                }
                let elsewhere = choices.indices.filter { $0 != g && choices[$0] == Int32(k) }.count
                if elsewhere >= facilitators[k].capacity {
                    throw Refusal(409, Message("workbench.facilitator.full", shown, .int(facilitators[k].capacity)),
                                  hint: Message("workbench.facilitator.full.hint", shown))
                }
            }
            choices[g] = Int32(k)
            var next = arrangement
            next.facilitatorChoices = choices.allSatisfy { $0 < 0 } ? [] : choices
            // The other groups' facilitators may change around the choice: every card is redrawn.
            return (next, nil)
        }
    }

    /// Pins leader `id` to their current group, or unpins them.
    public func pin(_ id: String, _ pinned: Bool) throws(Refusal) {
        let i = try leader(id)
        try change { (arrangement, _) throws(Refusal) in
            var next = arrangement
            next.pinned[i] = pinned
            return (next, [Int(arrangement.groups[i])])
        }
    }

    /// Changes the typology and the given controls (``Controls``) and re-scores the grouping under them.
    public func tune(typology: Typology?, controls: [String: Double?]) throws(Refusal) {
        try change { (arrangement, scored) throws(Refusal) in
            var next = arrangement
            if let typology { next.rules.settings.typology = typology }
            try Controls.apply(controls, to: &next.rules, roster: setup.problem.roster, model: scored.prepared.model, words: setup.problem.words)
            return (next, nil)
        }
    }

    /// Steps back (or forward again) through the changes; with nothing to undo (redo), nothing changes.
    /// - Throws: 409 while a search runs; 422 when the step cannot be scored.
    public func undo() throws(Refusal) { try step(back: true) }
    public func redo() throws(Refusal) { try step(back: false) }

    private func step(back: Bool) throws(Refusal) {
        try session.withLock { (session: inout Session) throws(Refusal) in
            guard session.search == nil else { throw Refusal(409, Message("workbench.searching"), hint: Message("workbench.searching.hint")) }
            guard let target = back ? session.undo.last : session.redo.last else { return }
            let scored: Scored
            do throws(DiagnosticError) { scored = try Self.score(target, setup: setup, reusing: session.scored) } catch { throw Refusal(error) }
            let changed = target.rules == session.current.rules && target.labels == session.current.labels
                ? Set(target.groups.indices.filter { target.groups[$0] != session.current.groups[$0] || target.pinned[$0] != session.current.pinned[$0] }
                    .flatMap { [Int(target.groups[$0]), Int(session.current.groups[$0])] }).sorted()
                : nil
            try session.commit(back ? .undo : .redo)
            session.changed = changed
            session.scored = scored
        }
    }

    // MARK: - Scenarios

    /// Keeps the current arrangement as a scenario named `name` (a default name when empty).
    public func keepScenario(named name: String) throws(Refusal) {
        try session.withLock { (session: inout Session) throws(Refusal) in
            guard session.scenarios.count < Self.scenarioLimit else {
                throw Refusal(409, Message("workbench.tooManyScenarios", .int(Self.scenarioLimit)), hint: Message("workbench.tooManyScenarios.hint"))
            }
            let trimmed = String(name.trimmingSpaces().prefix(80))
            let words = setup.problem.words
            let breakdown = session.scored.context.breakdown
            let number = session.work.nextScenario + 1
            try session.commit(.keep(Scenario(
                number: number,
                name: trimmed.isEmpty ? words("workbench.scenario.default", .int(number)) : trimmed,
                arrangement: session.current, hard: breakdown.score.hard, soft: breakdown.score.soft,
                rules: StateDocument.ruleLines(session.scored.context).map { Scenario.RuleFigure(key: $0.key, title: $0.title, points: $0.points) },
                plain: plainFigures(session.scored.context))))
            session.changed = []
        }
    }

    /// Makes scenario number `number` current, as one undoable step.
    public func loadScenario(_ number: Int) throws(Refusal) {
        let scenario = try scenario(number, in: read { $0.scenarios })
        try change { (_, _) throws(Refusal) in (scenario.arrangement, nil) }
    }

    /// Forgets scenario number `number`.
    public func deleteScenario(_ number: Int) throws(Refusal) {
        try session.withLock { (session: inout Session) throws(Refusal) in
            let scenario = try self.scenario(number, in: session.scenarios)
            try session.commit(.delete(scenario.number))
            session.changed = []
        }
    }

    private func scenario(_ number: Int, in scenarios: [Scenario]) throws(Refusal) -> Scenario {
        guard let scenario = scenarios.first(where: { $0.number == number }) else {
            throw Refusal(404, Message("workbench.noSuchScenario", .int(number)), hint: Message("workbench.noSuchScenario.hint"))
        }
        return scenario
    }

    // MARK: - Searching

    /// Starts a search around the pins, on a thread of its own; returns at once.
    /// The group count is the one asked for on the command line; with pins, the current one (so that every
    /// pin keeps its group); else the pipeline's choice for the rules in force.
    /// - Parameter seconds: the limit; nil: ``Setup/searchSeconds``.
    /// - Throws: 409 while another search runs; 422 when the rules cannot be satisfied (with the engine's
    ///   diagnostics, each naming what to relax).
    public func solve(seconds: Double? = nil) throws(Refusal) { try search(seconds: seconds, fresh: false) }

    /// Starts the session afresh, as `serve --fresh` would: a search with the settings and pins the workbench was
    /// started with, after which the undo steps and scenarios are gone. The work so far is first copied to the
    /// session file's `.previous` (nothing is lost); until the search ends, it stays as it is.
    /// - Returns: where the earlier work is kept (nil without a session file).
    /// - Throws: 409 while a search runs; 507 when the earlier work cannot be copied.
    @discardableResult
    public func startAfresh(seconds: Double? = nil) throws(Refusal) -> String? {
        try search(seconds: seconds, fresh: true)
        return read { $0.previous }
    }

    private func search(seconds: Double?, fresh: Bool) throws(Refusal) {
        // A plan started afresh is searched round by round together: its limit is a search's per round.
        let replans = fresh && setup.rounds > 1
        let limit = replans ? seconds.map { $0 * Double(setup.rounds) } ?? setup.planSeconds : seconds ?? setup.searchSeconds
        let cancellation = Cancellation()
        let (prepared, rules, pinned): (PreparedProblem, Rules, [Bool]) = try session.withLock { (session: inout Session) throws(Refusal) in
            guard session.search == nil, !session.closing else {
                throw Refusal(409, Message("workbench.searching"), hint: Message("workbench.searching.hint"))
            }
            if fresh {
                // As the session's first search: the command line's settings and pins.
                let prepared: PreparedProblem
                do throws(DiagnosticError) { prepared = try Pipeline.prepare(setup.rounds > 1 ? Self.planProblem(setup) : setup.problem) } catch { throw Refusal(error) }
                // The work so far is copied aside first, under the lock: no change can slip in between.
                if let journal = session.journal {
                    do throws(SessionJournal.Failure) { session.previous = try journal.keepPrevious() } catch {
                        throw Refusal(507, Message("workbench.cannotSave", .message(error.reason)), hint: Message("workbench.cannotSave.hint", .text(displaySafe(error.path))))
                    }
                }
                session.search = Search(cancellation: cancellation, limit: limit)
                session.version += 1
                let pins = prepared.model.rounds.pins
                return (prepared, Rules(settings: setup.problem.settings, rounds: setup.problem.rounds),
                        setup.problem.roster.ids.indices.map { $0 < pins.count && pins[$0] >= 0 })
            }
            let current = session.current
            var problem = setup.problem
            problem.settings = current.rules.settings
            // With pins every pin keeps its group, so the groups stay as they are; else as asked, or the
            // pipeline's choice for the rules in force.
            // In a plan, the round searched keeps the plan's groups (the other rounds are numbered by them).
            problem.settings.groups = current.pinned.contains(true) || current.roundCount > 1 ? current.labels.count : setup.problem.settings.groups
            problem.rounds = Self.roundRules(current, setup: setup)
            problem.pinLabels = []
            let prepared: PreparedProblem
            do throws(DiagnosticError) { prepared = try Pipeline.prepare(problem) } catch { throw Refusal(error) }
            session.search = Search(cancellation: cancellation, limit: limit)
            session.version += 1
            return (prepared, current.rules, current.pinned)
        }
        // A plan started afresh is planned again, all rounds together.
        if replans {
            Thread { [self] in
                var planSetup = setup
                planSetup.seconds = limit / Double(setup.rounds)
                let found = Self.plan(prepared, rules: rules, setup: planSetup, cancellation: cancellation)
                let scored = try? Self.score(found, setup: setup, reusing: nil)
                session.withLock { session in
                    session.lastSearch = (limit, limit, session.search?.stopped ?? false, true)
                    session.search = nil
                    session.saveProblem = nil
                    guard let scored else { session.version += 1; return }
                    installAfresh(found, scored: scored, in: &session)
                }
            }.start()
            return
        }
        let options = SolverOptions(seed: setup.seed, threads: setup.threads, termination: Termination(seconds: limit, stagnation: 0.5),
                                    progress: { [weak self] progress in self?.session.withLock { $0.search?.report(progress) } },
                                    cancellation: cancellation)
        Thread { [self] in
            let outcome = Pipeline.solve(prepared, options: options)
            // Changes are refused while the search runs, so the arrangement it started from is still current,
            // scored under the same compiled rules when its rules and group count are the search's.
            let (start, startScore) = read { ($0.current, $0.scored.outcome.score) }
            let pinnedSearch = !prepared.model.rounds.pins.isEmpty
            // A pinned search keeps the groups' numbers (every pin its group), so it keeps their labels too.
            let labels = pinnedSearch && start.labels.count == prepared.groupCount ? start.labels : outcome.context.labels
            var found = Arrangement(rules: rules, groups: outcome.context.groups, labels: labels,
                                    pinned: pinnedSearch ? pinned : pinned.map { _ in false })
            // In a plan, the search was of the round shown: the other rounds stay as they are.
            if !fresh && start.roundCount > 1 {
                (found.round, found.otherRounds, found.otherPinned) = (start.round, start.otherRounds, start.otherPinned)
            }
            // A search starts afresh, so it may end below the grouping it started from (a hand-tuned one, or a
            // longer search's): under the same rules and group count, the better of the two is kept.
            let comparable = start.labels.count == prepared.groupCount && start.rules == rules
            let keepStart = !fresh && comparable && startScore >= outcome.score
            let explained = labels == outcome.context.labels ? outcome : Pipeline.score(prepared, groups: found.groups, labels: labels, leaderStories: false)
            let scored = keepStart ? nil : Scored(prepared: prepared, outcome: explained, rules: rules, pins: found.pins,
                                                  earlierRounds: found.roundCount > 1 ? found.otherRoundsByDistance : [])
            session.withLock { session in
                session.lastSearch = (outcome.search?.seconds ?? 0, limit, session.search?.stopped ?? false, !keepStart)
                session.search = nil
                session.saveProblem = nil
                guard let scored else {
                    session.version += 1
                    session.changed = []
                    return
                }
                // A result the journal cannot keep is not installed: the page says why (and nothing is lost).
                do throws(Refusal) {
                    if fresh {
                        installAfresh(found, scored: scored, in: &session)
                    } else {
                        try session.install(found, scored: scored, touched: nil)
                    }
                } catch {
                    session.saveProblem = Message("workbench.cannotSaveSearch", .text(displaySafe(session.journal?.path ?? "")))
                    session.version += 1
                    session.changed = []
                }
            }
        }.start()
    }

    /// Makes `found` the whole work, as a session started afresh: no undo steps, no scenarios; scenario numbers go
    /// on from the session's, so a stale page cannot reach a new scenario by an old number. A result the journal
    /// cannot keep is not installed: the page says why (and nothing is lost).
    private func installAfresh(_ found: Arrangement, scored: Scored, in session: inout Session) {
        let work = WorkState(current: found, nextScenario: session.work.nextScenario)
        if let journal = session.journal {
            do throws(SessionJournal.Failure) { try journal.restart(state: work) } catch {
                session.saveProblem = Message("workbench.cannotSaveSearch", .text(displaySafe(journal.path)))
                session.version += 1
                session.changed = []
                return
            }
        }
        session.work = work
        session.resumed = nil
        session.unexported = true
        session.version += 1
        session.scored = scored
        session.changed = nil
    }

    /// Refuses every new search from now on (the server is closing) and ends the one running.
    public func close() {
        session.withLock { $0.closing = true }
        stop()
    }

    /// Ends the search early; it keeps the best grouping found so far.
    public func stop() {
        session.withLock { session in
            guard session.search != nil else { return }
            session.search?.stopped = true
            session.search?.cancellation.cancel()
        }
    }

    /// Notes that the work as it was at `version` has been exported (the page stops asking before the tab
    /// closes), unless it has changed since.
    public func markExported(version: Int) { session.withLock { if $0.version == version { $0.unexported = false } } }


    /// Where the work is kept; nil: in memory only.
    public var sessionFile: String? { read { $0.journal?.path } }

    /// Whether a search is running.
    public var isSearching: Bool { read { $0.search != nil } }

    /// Waits until no search runs (for tests and for a clean shutdown). Polls every 10 ms.
    public func waitForSearch() {
        while isSearching { Thread.sleep(forTimeInterval: 0.01) }
    }
}
