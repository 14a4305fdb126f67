import Foundation
import SparringIO
import SparringModel
import SparringReport
import SparringEngine
import SparringSolver

/// `sparring solve ROSTER.csv`: forms groups and writes them with their explanation.
enum SolveCommand {
    static let spec = CommandSpec(
        name: "solve",
        positionalNames: ["ROSTER.csv"],
        summary: "Form groups that keep every hard rule and fit the chosen typology as well as possible.",
        positionals: 1...1,
        options: ruleOptions + [sheetOption] + rosterColumnOptions + roundOptions + [scenarioOption] + searchOptions(timeHelp: "Wall-clock limit (default 3 s up to 1,000 leaders, 10 s up to 10,000, else 60 s).") + [
            .init(name: "out", value: "FILE", help: "Write the assignments: the roster's columns plus 'group'; CSV, or an Excel workbook (leaders, groups, settings) when FILE ends in .xlsx."),
            .init(name: "quiet", value: nil, help: "No start message and no progress line; only the summary."),
        ] + explainedOutputOptions + facilitatorOptions)

    static func run(_ given: ParsedArguments, _ console: Console) throws -> Int32 {
        let commandStart = Date()
        // A scenario file from the workbench gives its settings (under the options given here) and its pins.
        let (merged, scenario) = try ScenarioInput.merge(given, spec: spec)
        // Last year's workbook (--previous) carries the rules it was made with: they apply unless given here.
        let (arguments, adopted) = merged.value("previous").map { SavedSettings.adopt(merged, fromWorkbook: $0, spec: spec) } ?? (merged, [])
        if arguments.value("pin") != nil && scenario != nil {
            throw UsageError(Message("usage.pinAndScenario"), hint: Message("usage.pinAndScenario.hint"))
        }
        var settings = try ruleSettings(arguments)
        let search = try SearchArguments(arguments)
        let (seed, seconds, moves, threads) = (search.seed, search.seconds, search.moves, search.threads)
        let path = arguments.positionals[0]
        try checkOutputs(arguments)

        let loaded = try loadRoster(path: path, arguments: arguments)
        let roster = loaded.roster
        let words = arguments.words(for: roster)
        let choices = try withLanguage(words) { try OutputChoices(arguments, roster: roster, dialect: outputDialect(loaded)) }
        if !adopted.isEmpty, let previous = arguments.value("previous") {
            console.err(words("score.savedSettings", .text(displaySafe(previous)), .text(shellCommand(adopted))))
        }
        var setup = try withLanguage(words) { try RoundSetup(arguments, roster: roster) }
        if let scenario { setup.rules.pins = try withLanguage(words) { try scenario.pins(roster) } }
        var problem = Problem(roster: roster, settings: settings, rounds: setup.rules, pinLabels: setup.pinLabels, pinSource: setup.pinSource,
                              visibility: choices.visibility, words: words)
        (problem.facilitators, problem.facilitatorsPerGroup) = try withLanguage(words) { try readFacilitators(arguments, roster: roster) }
        let prepared = try prepareReporting(problem, loaded: loaded, setup: setup, words: words, console: console)
        settings = prepared.settings
        let groupCount = prepared.groupCount

        let limit = seconds ?? (moves == nil ? Pipeline.defaultSeconds(leaders: roster.count) : nil)
        // The limit is wall-clock for the whole command: loading and compiling count against it, and the pipeline
        // keeps time for explaining and writing after the search.
        let beforeSearch = Date().timeIntervalSince(commandStart)
        let json = arguments.value("json") != nil, report = arguments.value("report") != nil
        let after = Pipeline.AfterSearch(leaderStories: json || report || !prepared.model.rounds.previousGroup.isEmpty, json: json, report: report)
        let searchLimit = limit.map { Pipeline.searchSeconds(limit: $0, beforeSearch: beforeSearch, after: after) }
        // On a terminal (and without --quiet): the limit said at the start, then one self-updating line.
        var progress: (@Sendable (SolverProgress) -> Void)?
        let talk = console.errIsTerminal && !arguments.flags.contains("quiet")
        if talk {
            let budget = limit.map { words(seconds == nil ? "cli.budget.defaultTime" : "cli.budget.time", .number($0), .int(roster.count)) }
                ?? words("cli.budget.moves", .int(moves!))
            console.err(words("cli.searching", .text(budget)))
            let total = limit.map { " / " + words("cli.seconds", .number($0)) } ?? ""
            progress = { @Sendable update in
                let elapsed = words("cli.seconds", .number((update.seconds * 10).rounded() / 10))
                console.status("  " + words("cli.progress", .text(elapsed + total), .int(update.best.hard), .score(update.best.soft)))
            }
        }
        let interrupts = Interrupts.watch()
        // A move budget is exact (no stagnation stop): --moves N evaluates N moves in all.
        let options = SolverOptions(seed: seed, threads: threads,
                                    termination: Termination(seconds: searchLimit, moves: moves, stagnation: moves == nil ? 0.5 : nil),
                                    verifyScore: search.verifyScore, progress: progress, cancellation: interrupts?.cancellation)
        // Leader stories only where they are shown: JSON, the report, and the movers of a refresh.
        let outcome = Pipeline.solve(prepared, options: options, leaderStories: after.leaderStories)
        interrupts?.finish()
        if talk { console.status("") }
        let result = outcome.search!
        let context = outcome.context, explanation = outcome.explanation
        let breakdown = context.breakdown
        if result.cancelled && breakdown.score.hard > 0 {
            // Interrupted before a grouping that keeps every hard rule: write nothing, keep the old outputs.
            console.err(words("cli.interruptedNothing", .number((result.seconds * 10).rounded() / 10)))
            return Sparring.interrupted
        }
        try withLanguage(words) { try requireFacilitated(context, path: arguments.value("facilitators")) }
        let run = ResultJSON.Run(seed: seed, threads: threads, moves: result.moves, seconds: result.seconds, timeLimit: limit, moveBudget: moves)
        let source = choices.source(arguments, roster: path, isProposal: true, command: arguments.commandLine("solve"), run: run)
        let written = try writeExplainedOutputs(arguments, context: context, explanation: explanation, choices: choices, source: source)

        if written.isEmpty {
            for group in context.members.indices {
                console.out(words("cli.groupLine", .text(displaySafe(context.labels[group])), .text(context.members[group].map { choices.visibility.displayName(roster, $0) }.joined(separator: "; "))))
            }
        }
        printHeadline(console, words: words, leaders: roster.count, groups: groupCount, sizes: context.members.map(\.count), typology: settings.typology)
        console.out(ScoreSummary.render(explanation, hard: breakdown.score.hard))
        let rounds = ScoreSummary.renderRounds(explanation, context: context)
        if !rounds.isEmpty { console.out(rounds) }
        if let line = facilitatorLine(context) { console.out(line) }
        if result.cancelled { console.out(words("cli.interruptedBest", .number((result.seconds * 10).rounded() / 10))) }
        for path in written { console.out(words("cli.wrote", .text(path))) }
        console.out("hard: \(breakdown.score.hard)")
        console.out("soft: \(formatScore(breakdown.score.soft))")
        console.out("moves: \(result.moves)")
        console.out("seconds: \(String(format: "%.2f", result.seconds))")
        console.out("threads: \(result.threads)")
        if result.cancelled { return Sparring.interrupted }
        if breakdown.score.hard > 0 {
            let wrote = written.isEmpty ? "" : " " + words("cli.writtenAnyway", .text(written.joined(separator: ", ")))
            console.err(words("diagnostic.error") + ": " + words("cli.stillBroken", .int(breakdown.score.hard)) + wrote)
            console.err(words("diagnostic.maybe", .text(words("cli.stillBroken.hint"))))
            return Sparring.hardRuleBroken
        }
        return 0
    }
}

/// The pipeline's set-up (``Pipeline/prepare(_:)``) with every warning shown first (the roster's, the round
/// files', the set-up check's), and a pin refusal located in its file; shared by `solve` and `plan`.
/// - Throws: the set-up's refusals, after the warnings found so far are shown.
func prepareReporting(_ problem: Problem, loaded: LoadedRoster, setup: RoundSetup, words: Words, console: Console) throws -> PreparedProblem {
    let prepared: PreparedProblem
    do {
        prepared = try withLanguage(words) { try Pipeline.prepare(problem) }
    } catch {
        Sparring.report(loaded.warnings + setup.warnings, words: words, to: console)
        throw setup.locatingPins(error)
    }
    Sparring.report(loaded.warnings + setup.warnings + prepared.warnings, words: words, to: console)
    return prepared
}

/// Options of every command that searches: seed, limits, threads, the score re-check.
func searchOptions(timeHelp: String) -> [CommandSpec.Option] {
    [
        .init(name: "time", value: "SECONDS", help: timeHelp),
        .init(name: "seed", value: "N", help: "Random seed; with --moves the run is reproducible (default 1)."),
        .init(name: "moves", value: "N", help: "Budget of evaluated moves, all threads together (reproducible)."),
        .init(name: "threads", value: "N", help: "Independent runs in parallel (default: all cores)."),
        .init(name: "verify-score", value: nil, help: "Re-check the score from scratch after every accepted move (slow; debugging)."),
    ]
}

/// The values of ``searchOptions(timeHelp:)``, validated.
package struct SearchArguments {
    package let seed: UInt64
    package let seconds: Double?
    package let moves: Int?
    package let threads: Int
    package let verifyScore: Bool

    package init(_ arguments: ParsedArguments) throws(UsageError) {
        seed = try arguments.seed() ?? 1
        seconds = try arguments.number("time", range: 0.01...86_400)
        moves = try arguments.integer("moves", range: 1...Int.max)
        threads = try arguments.integer("threads", range: 1...256) ?? ProcessInfo.processInfo.activeProcessorCount
        verifyScore = arguments.flags.contains("verify-score")
    }
}

/// Options shared by `solve` and `score`: the rules and the sizes.
/// The typology, the sizes and every rule's options come from the rules' own files (``RuleDescriptors``).
package let ruleOptions: [CommandSpec.Option] = RuleDescriptors.options.map {
    CommandSpec.Option(name: $0.name, value: $0.value, help: $0.help, repeatable: $0.repeatable)
} + [
    .init(name: "conflicts", value: "FILE", help: "Extra loyalty conflicts: a CSV of pairs of leaders (ids or names).", repeatable: true),
    .init(name: "wishes", value: "FILE", help: "Extra wishes: a CSV of (leader, wished colleague) pairs (ids or names).", repeatable: true),
    .init(name: "rank-order", value: "A>B>…", help: "The rank titles from highest to lowest, e.g. \"Direktør>Chef>Afdelingsleder>Teamleder\" (default: known titles)."),
]

/// Reads the rule options into settings; syntax only (attribute names are checked against the roster later).
package func ruleSettings(_ arguments: ParsedArguments) throws(UsageError) -> RuleSettings {
    var settings = RuleSettings()
    // Each rule reads its own options (the typology and the sizes too).
    do throws(OptionError) {
        for rule in RuleDescriptors.all { try rule.read(OptionValues(arguments.values), into: &settings) }
    } catch {
        throw UsageError(error.message, hint: error.hint)
    }
    return settings
}

/// The CSV dialect of the roster, so that the assignments open in the consultant's Excel as the roster did:
/// same delimiter; BOM and CRLF when the roster came from Excel (BOM, Windows-1252 or UTF-16, or a workbook:
/// then `;` for a Danish roster, as Danish Excel reads CSV, else `,`).
package func outputDialect(_ loaded: LoadedRoster) -> CSVWriter {
    let fromExcel = loaded.encoding != "UTF-8"
    return CSVWriter(delimiter: loaded.delimiter, byteOrderMark: fromExcel, lineEnding: fromExcel ? "\r\n" : "\n")
}

/// Every output file named on the command line, with its option.
func outputFiles(_ arguments: ParsedArguments) -> [OutputFiles.Output] {
    ["out", "json", "report", "groups-out", "letters"].compactMap { option in arguments.value(option).map { OutputFiles.Output(option: option, path: $0) } }
}

/// Every input file named on the command line: the roster (and grouping), side files and round files.
func inputPaths(_ arguments: ParsedArguments) -> [String] {
    arguments.positionals + ["conflicts", "wishes", "history", "previous", "pin", "together", "facilitators", "attendance"].flatMap { arguments.values[$0] ?? [] }
}

/// Checks every output before any work: each name is in a format Sparring writes (``checkOutputFormats(_:)``),
/// folders exist and may be written, no output is a device or open in Excel, no output is an input (inputs are
/// never modified), no two outputs share a file. Every problem with the files is reported at once.
/// - Throws: ``UsageError`` for a name in a format Sparring cannot write; else ``DiagnosticError``.
/// - Parameter workbooks: whether `--out` and `--groups-out` may be workbooks (`.xlsx`); else only CSV.
func checkOutputs(_ arguments: ParsedArguments, workbooks: Bool = true) throws {
    try checkOutputFormats(outputFiles(arguments).filter { ["out", "groups-out", "letters"].contains($0.option) }, workbooks: workbooks)
    let problems = OutputFiles.check(outputFiles(arguments), inputs: inputPaths(arguments))
    if !problems.isEmpty { throw DiagnosticError(problems) }
}

/// Spreadsheet formats Sparring reads or writes only as `.xlsx` or `.csv`: a table output named with one of these
/// extensions would be a CSV or workbook under a name that promises another format.
let unwritableTableExtensions: Set<String> = ["xls", "xlsm", "xlsb", "xlt", "xltx", "xltm", "ods", "ots", "fods", "numbers", "et", "ett", "sxc", "wks", "123"]

/// Refuses a table output (assignments, groups, a template) named in a spreadsheet format Sparring cannot write,
/// e.g. `--out grupper.xls`, naming the extensions it can write.
/// - Parameter workbooks: whether the output may be a workbook (`.xlsx`); else only CSV.
/// - Throws: ``UsageError`` in the consultant's language, before any work.
func checkOutputFormats(_ outputs: [OutputFiles.Output], workbooks: Bool = true) throws(UsageError) {
    for output in outputs {
        let name = output.path as NSString
        let ext = name.pathExtension.lowercased()
        guard unwritableTableExtensions.contains(ext) || (!workbooks && ext == "xlsx") else { continue }
        let stem = (name.lastPathComponent as NSString).deletingPathExtension
        throw UsageError(Message("output.format", .text(output.option), .text(output.path), .text("." + name.pathExtension)),
                         hint: workbooks ? Message("output.format.hint", .text(stem + ".xlsx"), .text(stem + ".csv"))
                             : Message("output.format.csvOnly.hint", .text(stem + ".csv")))
    }
}
