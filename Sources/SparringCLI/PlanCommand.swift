import Foundation
import SparringEngine
import SparringIO
import SparringModel
import SparringReport
import SparringSolver

/// `sparring plan ROSTER --rounds K`: K rounds (years) of one network planned together. Every round keeps every
/// hard rule and follows the typology; across rounds, pairs meeting again are penalised (the most meetings of any
/// pair first, then the total), and `--history` files count as earlier rounds. `--no-repeat` makes "no pair meets
/// twice" a hard rule, refused before any search when the roster cannot allow it.
enum PlanCommand {
    /// The round options that make sense for a plan: earlier rounds, pins and keep-together sets (no `--previous`:
    /// a plan starts its own rounds).
    static let planRoundOptions = roundOptions.filter { !["previous", "no-repeat"].contains($0.name) } + [
        .init(name: "no-repeat", value: nil, help: "No pair meets twice, within the plan or with the --history rounds (a hard rule)."),
        .init(name: "previous", value: "FILE", help: "With --renew: the current grouping (id,group) the first round renews; each later round renews the one before."),
    ]

    /// Rule options a plan has no use for, refused rather than ignored: meeting again within a plan is the repeat
    /// term (`--repeat-weight`, `--no-repeat`), and a plan keeps no previous grouping but the one it renews
    /// (`--stability`).
    static let notForPlans: Set<String> = ["history-weight", "stability"]

    static let spec = CommandSpec(
        name: "plan",
        positionalNames: ["ROSTER.csv"],
        requiredOptions: ["rounds"],
        summary: "Plan several rounds (years) together: every round keeps every hard rule, and pairs meet again as rarely as possible.",
        positionals: 1...1,
        options: [
            .init(name: "rounds", value: "K", help: "Rounds (years) to plan, 1…52."),
            .init(name: "repeat-weight", value: "W", help: "How strongly pairs meeting again are avoided, 0…5 (default 5); see also --no-repeat."),
            .init(name: "attendance", value: "COLUMN|FILE",
                  help: "Who takes part in which round: a roster column or a file (id,rounds) with cells such as 1,3 or 2-4, 2- (joins in round 2), -2 (leaves after round 2), none; empty: every round."),
        ] + ruleOptions.filter { !Self.notForPlans.contains($0.name) } + [sheetOption] + rosterColumnOptions + planRoundOptions
            + searchOptions(timeHelp: "Wall-clock limit of the whole plan (default: a single solve's limit per round).").filter { !["threads", "verify-score"].contains($0.name) } + [
            .init(name: "out", value: "FILE", help: "Write the plan: the roster's columns plus one column per round; CSV, or an Excel workbook (the plan, then a sheet per round) when FILE ends in .xlsx."),
            .init(name: "json", value: "FILE", help: "Write the plan as JSON: per round its score and groups (ids), the repeats, and every pair that meets more than once."),
            .init(name: "report", value: "FILE", help: "Write an HTML report: the plan, the groups round by round, and whom each leader meets in which round (names only)."),
            .init(name: "quiet", value: nil, help: "No start message; only the summary."),
            languageOption,
        ])

    static func run(_ given: ParsedArguments, _ console: Console) throws -> Int32 {
        let commandStart = Date()
        guard let rounds = try given.integer("rounds", range: 1...52) else {
            throw UsageError(Message("usage.required", .text("rounds")), hint: Message("usage.example", .text("sparring plan roster.csv --rounds 3")))
        }
        let repeatWeight = try given.number("repeat-weight", range: 0...5) ?? 5
        // `--no-repeat` is the plan's own (it needs no history here); the round options read the rest.
        let noRepeat = given.flags.contains("no-repeat")
        if noRepeat && given.value("repeat-weight") != nil {
            // A weight for a rule made hard would be ignored: say so instead.
            throw UsageError(Message("plan.weightAndNoRepeat"), hint: Message("plan.weightAndNoRepeat.hint"))
        }
        var arguments = given
        arguments.flags.remove("no-repeat")
        let settings = try ruleSettings(arguments)
        // What a renewing plan cannot do is a usage error, said before any file is read.
        let renewing = settings.byRule[Renewal.ruleID, as: Renewal.Setting.self] != nil
        try Self.checkRenewal(arguments, renewing: renewing, noRepeat: noRepeat)
        let search = try SearchArguments(arguments)
        let path = arguments.positionals[0]
        try checkOutputs(arguments)

        let loaded = try loadRoster(path: path, arguments: arguments)
        let roster = loaded.roster
        let words = arguments.words(for: roster)
        let setup = try withLanguage(words) { try RoundSetup(arguments, roster: roster) }
        // Earlier rounds count as meetings in the plan, not as a rule of each round.
        var roundRules = setup.rules
        roundRules.setHistory([])
        roundRules.noRepeat = false
        let problem = Problem(roster: roster, settings: settings, rounds: roundRules, pinLabels: setup.pinLabels, pinSource: setup.pinSource,
                              visibility: Visibility(), words: words)
        let prepared = try prepareReporting(problem, loaded: loaded, setup: setup, words: words, console: console)
        let model = prepared.model
        if roster.count > PlanState.leaderLimit {
            throw DiagnosticError([.error(path, Message("plan.tooLarge", .int(roster.count), .int(PlanState.leaderLimit)), hint: Message("plan.tooLarge.hint"))])
        }
        let attendance = try withLanguage(words) { try Self.attendance(arguments, roster: roster, path: path, rounds: rounds) }
        var planRounds = try withLanguage(words) { try Self.rounds(attendance, count: rounds, problem: problem, whole: model) }
        let mostRounds = attendance.map { Self.mostRoundsOfOneLeader($0, leaders: roster.count) } ?? rounds
        if noRepeat, let problem = Self.noRepeatProblem(rounds: mostRounds, earlier: setup.history.count, model: model) {
            throw DiagnosticError([problem])
        }

        let limit = search.seconds ?? (search.moves == nil ? Pipeline.defaultSeconds(leaders: roster.count) * Double(rounds) : nil)
        let after = Pipeline.AfterSearch(leaderStories: false, json: arguments.value("json") != nil, report: arguments.value("report") != nil)
        let searchLimit = limit.map { Pipeline.searchSeconds(limit: $0, beforeSearch: Date().timeIntervalSince(commandStart), after: after) }
        if console.errIsTerminal && !arguments.flags.contains("quiet") {
            let budget = limit.map { words("cli.budget.time", .number($0), .int(roster.count)) } ?? words("cli.budget.moves", .int(search.moves!))
            console.err(words("cli.searching", .text(budget)))
        }
        let interrupts = Interrupts.watch()
        let options = PlanOptions(seed: search.seed, termination: Termination(seconds: searchLimit, moves: search.moves, stagnation: nil),
                                  pointsPerRepeat: PlanOptions.pointsPerRepeat(weight: repeatWeight, model: model), noRepeat: noRepeat, cancellation: interrupts?.cancellation)
        var plan: PlanResult
        var labels = (0..<(planRounds.map(\.model.groupCount).max() ?? 0)).map { String($0 + 1) }
        if renewing {
            let renewed = try Self.renewingPlan(problem, first: prepared, rounds: rounds, earlier: setup.history, repeatWeight: repeatWeight, options: options)
            (plan, planRounds, labels) = (renewed.plan, renewed.rounds, renewed.labels)
        } else {
            plan = Planner.plan(rounds: planRounds, leaderCount: roster.count, earlier: setup.history, options: options)
        }
        interrupts?.finish()
        let hard = plan.roundScores.reduce(0) { $0 + $1.hard } + (noRepeat ? plan.repeats : 0)
        if interrupts?.cancellation.isCancelled == true && hard > 0 {
            // Interrupted before a plan that keeps every hard rule: write nothing, keep the old outputs.
            console.err(words("cli.interruptedNothing", .number((plan.seconds * 10).rounded() / 10)))
            return Sparring.interrupted
        }

        // The meetings again pure groups cannot avoid (everyone in every round: the bound is the roster's).
        let strata = attendance == nil ? StrataRepeats(roster: roster, settings: prepared.settings, rounds: rounds) : nil
        // With --convenor: each round's convenors, passed on from round to round.
        let convenors = Convenor.rotated(planRounds.map { ($0.model, $0.attending) }, groupings: plan.groupings, leaderCount: roster.count)
        // Every output or none (``OutputFiles/write(_:permissionsOf:writeFile:)``).
        var files: [(path: String, data: Data)] = []
        if let out = arguments.value("out") {
            let data = isWorkbookPath(out)
                ? XLSXWriter.render(Workbook(sheets: AssignmentWriter.planSheets(roster: roster, groupings: plan.groupings, labels: labels, words: words)))
                : Data(AssignmentWriter.renderPlan(roster: roster, groupings: plan.groupings, labels: labels, writer: outputDialect(loaded), words: words).utf8)
            files.append((out, data))
        }
        if let json = arguments.value("json") {
            files.append((json, Data(Self.json(plan, roster: roster, labels: labels, earlier: setup.history, noRepeat: noRepeat, strata: strata,
                                               convenors: convenors).rendered().utf8)))
        }
        if let report = arguments.value("report") {
            let html = PlanReport.render(roster: roster, plan: plan, groupCounts: planRounds.map(\.model.groupCount), noRepeat: noRepeat,
                                         earlierRounds: setup.history.count, strata: strata, convenors: convenors, words: words,
                                         date: HTMLReport.today(words))
            files.append((report, Data(html.utf8)))
        }
        try OutputFiles.write(files, permissionsOf: path)
        let written = files.map(\.path)
        if arguments.value("out") == nil {
            for (r, grouping) in plan.groupings.enumerated() {
                console.out(words("plan.roundHeading", .int(r + 1)))
                for g in 0..<planRounds[r].model.groupCount {
                    let names = grouping.indices.filter { grouping[$0] == g }.map { Visibility(namesOnly: roster).displayName(roster, $0) }
                    let convenor = r < convenors.count && g < convenors[r].count ? convenors[r][g] : nil
                    console.out(words("cli.groupLine", .text(labels[g]), .text(names.joined(separator: "; ")))
                                + (convenor.map { " (" + words("plan.convenor", .text(Visibility(namesOnly: roster).displayName(roster, $0))) + ")" } ?? ""))
                }
            }
        }
        printHeadline(console, words: words, leaders: roster.count, groups: prepared.groupCount,
                      sizes: (0..<prepared.groupCount).map { g in plan.groupings[0].filter { $0 == g }.count }, typology: prepared.settings.typology)
        for (r, score) in plan.roundScores.enumerated() {
            console.out(score.hard == 0 ? words("plan.roundKept", .int(r + 1), .score(score.soft))
                : words("plan.roundBroken", .int(r + 1), .int(score.hard), .score(score.soft)))
        }
        console.out(words("plan.repeatsLine", .int(plan.repeats), .int(plan.maxMeetings)))
        if let strata, strata.total > 0 { console.out(PlanReport.strataSentence(strata, repeats: plan.repeats, words: words)) }
        if interrupts?.cancellation.isCancelled == true { console.out(words("cli.interruptedBest", .number((plan.seconds * 10).rounded() / 10))) }
        for path in written { console.out(words("cli.wrote", .text(path))) }
        console.out("hard: \(hard)")
        console.out("soft: \(formatScore(plan.roundScores.reduce(0) { $0 + $1.soft }))")
        console.out("repeats: \(plan.repeats)")
        console.out("max-meetings: \(plan.maxMeetings)")
        console.out("moves: \(plan.moves)")
        console.out("seconds: \(String(format: "%.2f", plan.seconds))")
        if interrupts?.cancellation.isCancelled == true { return Sparring.interrupted }
        if hard > 0 {
            console.err(words("diagnostic.error") + ": " + words("cli.stillBroken", .int(hard)))
            console.err(words("diagnostic.maybe", .text(words("cli.stillBroken.hint"))))
            return Sparring.hardRuleBroken
        }
        return 0
    }

    /// Refuses what a renewing plan cannot do: `--previous` without `--renew` (a plan renews it or has no use for
    /// it), `--no-repeat` with `--renew` (a renewing group keeps its core: its members meet again by design) and
    /// `--attendance` with `--renew`.
    static func checkRenewal(_ arguments: ParsedArguments, renewing: Bool, noRepeat: Bool) throws {
        if arguments.value("previous") != nil && !renewing {
            throw UsageError(Message("plan.previousWithoutRenew"), hint: Message("plan.previousWithoutRenew.hint"))
        }
        guard renewing else { return }
        if noRepeat { throw UsageError(Message("plan.renewAndNoRepeat"), hint: Message("plan.renewAndNoRepeat.hint")) }
        if arguments.value("attendance") != nil { throw UsageError(Message("plan.renewAndAttendance"), hint: Message("plan.renewAndAttendance.hint")) }
    }

    /// A plan that renews gently (`--previous FILE --renew N-M`): round 1 renews the previous grouping and each
    /// later round the one before, so the rounds are searched one after the other (a round's rule depends on the
    /// round before), each with its share of the limit and the rounds before it as earlier rounds (weighing a fifth
    /// of `--repeat-weight`), so that newcomers meet colleagues they have not met. Groups keep their labels from
    /// round to round.
    /// - Complexity: K single-round searches, plus O(K · (n + Σ group size²)) to count the meetings.
    static func renewingPlan(_ problem: Problem, first: PreparedProblem, rounds k: Int, earlier: [[Int32]], repeatWeight: Double,
                             options: PlanOptions) throws -> (plan: PlanResult, rounds: [PlanRound], labels: [String]) {
        let started = Date(), n = problem.roster.count, everyone = (0..<Int32(n)).map { $0 }
        var labels: [String] = [], groupings: [[Int32]] = [], planRounds: [PlanRound] = [], moves = 0
        var prepared = first
        for r in 0..<k {
            if r > 0 {
                // This round renews the one before; the rounds before count as earlier rounds.
                var next = problem
                next.settings.groups = first.groupCount
                next.rounds.previousGroup = groupings[r - 1]
                next.rounds.previousLabels = labels
                next.rounds.previousSizes = labels.indices.map { g in groupings[r - 1].filter { $0 == Int32(g) }.count }
                next.rounds.setHistory(earlier + groupings)
                next.rounds.historyIsPlan = true
                // The cores meet again by design: the earlier rounds steer the newcomers only, at a fifth of the
                // repeat weight (5, the default, weighs them 1).
                next.rounds.historyWeight = repeatWeight / 5
                prepared = try Pipeline.prepare(next)
            }
            let share = 1 / Double(k - r), left = options.termination.seconds.map { max(0.05, ($0 - Date().timeIntervalSince(started)) * share) }
            let termination = Termination(seconds: left, moves: options.termination.moves.map { max(1, $0 / k) }, stagnation: nil)
            let outcome = Pipeline.solve(prepared, options: SolverOptions(seed: options.seed &+ UInt64(r) &* 0x9E37_79B9, threads: 1, termination: termination,
                                                                          cancellation: options.cancellation), leaderStories: false)
            moves += outcome.search?.moves ?? 0
            // The first round's labels (the previous file's where a group continues one); a later round's groups take
            // the labels of the groups they continue (the most members in common).
            let found = outcome.context.groups
            if r == 0 {
                labels = outcome.context.labels
                groupings.append(found)
            } else {
                groupings.append(Self.continuing(found, groupCount: first.groupCount, previous: groupings[r - 1]))
            }
            planRounds.append(PlanRound(model: prepared.model, attending: everyone))
        }
        let plan = Planner.summary(rounds: planRounds, groupings: groupings, leaderCount: n, earlier: earlier, moves: moves,
                                   seconds: Date().timeIntervalSince(started))
        return (plan, planRounds, labels)
    }

    /// `grouping` renumbered so that each group takes the number of the group of `previous` it has the most members
    /// of (pairs of most members in common first, each number once; a group continuing none takes a number left).
    /// O(n + m² log m).
    static func continuing(_ grouping: [Int32], groupCount m: Int, previous: [Int32]) -> [Int32] {
        var common = [Int](repeating: 0, count: m * m)
        for (i, g) in grouping.enumerated() where g >= 0 && previous[i] >= 0 && Int(previous[i]) < m { common[Int(g) * m + Int(previous[i])] += 1 }
        let pairs = (0..<(m * m)).filter { common[$0] > 0 }.sorted { (common[$0], -$0) > (common[$1], -$1) }
        var number = [Int32](repeating: -1, count: m), taken = [Bool](repeating: false, count: m)
        for pair in pairs where number[pair / m] < 0 && !taken[pair % m] {
            number[pair / m] = Int32(pair % m)
            taken[pair % m] = true
        }
        var free = (0..<m).filter { !taken[$0] }.makeIterator()
        for g in 0..<m where number[g] < 0 { number[g] = Int32(free.next()!) }
        return grouping.map { $0 >= 0 ? number[Int($0)] : -1 }
    }

    /// The plan as JSON: totals, per round its score and groups (leaders by id), and every pair that meets more
    /// than once (earlier rounds included), most meetings first. O(K · n + repeated pairs).
    static func json(_ plan: PlanResult, roster: Roster, labels: [String], earlier: [[Int32]], noRepeat: Bool, strata: StrataRepeats? = nil,
                     convenors: [[Int?]] = []) -> JSONValue {
        let rounds: [JSONValue] = plan.groupings.enumerated().map { r, grouping in
            .object([
                ("round", .int(r + 1)), ("leaders", .int(grouping.filter { $0 >= 0 }.count)),
                ("hard", .int(plan.roundScores[r].hard)), ("soft", .number(plan.roundScores[r].soft)),
                ("groups", .array(labels.indices.filter { g in grouping.contains(Int32(g)) }.map { g in
                    .object([("label", .string(labels[g])), ("members", .array(grouping.indices.filter { grouping[$0] == g }.map { .string(roster.ids[$0]) }))]
                            + (r < convenors.count && g < convenors[r].count ? [("convenor", convenors[r][g].map { .string(roster.ids[$0]) } ?? .null)] : []))
                })),
            ])
        }
        return .object([
            ("sparring", .string("plan")), ("rounds", .int(plan.groupings.count)), ("earlierRounds", .int(earlier.count)),
            ("noRepeat", .bool(noRepeat)), ("repeats", .int(plan.repeats)), ("maxMeetings", .int(plan.maxMeetings)),
            ("unavoidableRepeats", strata.map { .int($0.total) } ?? .null),
            ("hard", .int(plan.roundScores.reduce(0) { $0 + $1.hard } + (noRepeat ? plan.repeats : 0))),
            ("soft", .number(plan.roundScores.reduce(0) { $0 + $1.soft })),
            ("plan", .array(rounds)),
            ("repeatedPairs", .array(plan.repeatedPairs.map {
                .object([("leaders", .array([.string(roster.ids[$0.first]), .string(roster.ids[$0.second])])), ("meetings", .int($0.meetings))])
            })),
        ])
    }

    /// Who takes part in which round (`--attendance`): the roster's column of that name, else a file; nil when
    /// not given (everyone, every round).
    /// - Throws: every bad cell; a value that is neither a column nor a readable file.
    static func attendance(_ arguments: ParsedArguments, roster: Roster, path: String, rounds: Int) throws -> AttendanceLoader.Attendance? {
        guard let source = arguments.value("attendance") else { return nil }
        let wanted = normalizedHeader(source)
        if let column = roster.columns.firstIndex(where: { normalizedHeader($0) == wanted }) {
            return try AttendanceLoader.fromColumn(column, of: roster, file: path, rounds: rounds)
        }
        guard FileManager.default.fileExists(atPath: source) else {
            throw DiagnosticError([.error(nil, Message("attendance.noSource", .quoted(source)),
                                          hint: Message("attendance.noSource.hint", .text(roster.columns.map { displaySafe($0) }.joined(separator: ", "))))])
        }
        return try AttendanceLoader.load(path: source, roster: roster, rounds: rounds, outside: arguments.values["outside"] ?? [])
    }

    /// The plan's rounds: the whole roster's model where everyone takes part, else a model over the leaders who
    /// do (its own group count unless `--groups` fixes it), set up and checked like a single round.
    /// - Throws: a round that cannot be planned, its problems after a line naming the round.
    static func rounds(_ attendance: AttendanceLoader.Attendance?, count: Int, problem: Problem, whole: ScoreModel) throws -> [PlanRound] {
        let n = problem.roster.count, everyone = (0..<Int32(n)).map { $0 }
        let attendance: [[Int32]] = attendance ?? Array(repeating: everyone, count: count)
        return try attendance.enumerated().map { r, attending in
            if attending.count == n { return PlanRound(model: whole, attending: everyone) }
            do throws(DiagnosticError) {
                let prepared = try Pipeline.prepare(problem.attending(attending.map(Int.init)))
                return PlanRound(model: prepared.model, attending: attending)
            } catch {
                throw DiagnosticError([.error(nil, Message("plan.roundSetup", .int(r + 1), .int(attending.count), .int(n)),
                                              hint: Message("plan.roundSetup.hint", .int(r + 1)))] + error.diagnostics)
            }
        }
    }

    /// The most rounds any one leader takes part in. O(K · n).
    static func mostRoundsOfOneLeader(_ attendance: AttendanceLoader.Attendance, leaders: Int) -> Int {
        var count = [Int](repeating: 0, count: leaders)
        for round in attendance { for i in round { count[Int(i)] += 1 } }
        return count.max() ?? 0
    }

    /// Why no plan of `rounds` rounds (after `earlier` ones) can keep every pair to one meeting, or nil when the
    /// counting bound allows it: a leader in a group of at least `s` meets `s − 1` colleagues a round and has only
    /// `n − 1` to meet, so at most ⌊(n − 1)/(s − 1)⌋ rounds in all. O(groups).
    static func noRepeatProblem(rounds: Int, earlier: Int, model: ScoreModel) -> Diagnostic? {
        let n = model.leaderCount, smallest = Int(model.minSizes.min() ?? 1)
        guard smallest > 1 else { return nil }
        let most = (n - 1) / (smallest - 1)
        guard rounds + earlier > most else { return nil }
        return .error(nil, Message("plan.noRepeatImpossible", .int(rounds), .int(earlier), .int(smallest), .int(smallest - 1), .int(n - 1), .int(most)),
                      hint: Message("plan.noRepeatImpossible.hint", .int(max(0, most - earlier))))
    }
}
