import SparringIO
import SparringModel
import SparringReport
import SparringEngine
import SparringSolver

/// `sparring score ROSTER.csv ASSIGNMENTS.csv`: checks any grouping against the rules and explains it.
///
/// The grouping may be ours, edited by hand in Excel, or last year's. Broken rules are the result, not a
/// failure: the exit code is 0 whenever the inputs can be read, 1 only for unusable input.
enum ScoreCommand {
    static let spec = CommandSpec(
        name: "score",
        positionalNames: ["ROSTER.csv", "ASSIGNMENTS.csv"],
        summary: "Check a grouping (ours, hand-edited or last year's) against the rules and explain it group by group.",
        positionals: 2...2,
        options: ruleOptions.filter { $0.name != "groups" } + [sheetOption] + rosterColumnOptions + roundOptions + [
            .init(name: "out", value: "FILE", help: "Write the grouping again as assignments: the roster's columns plus 'group'; CSV (with --excel: Excel-safe), or a workbook when FILE ends in .xlsx."),
        ] + explainedOutputOptions + facilitatorOptions)

    static func run(_ given: ParsedArguments, _ console: Console) throws -> Int32 {
        // A workbook Sparring wrote carries the rules it was made with: they apply unless options given here differ.
        let (arguments, adopted) = SavedSettings.adopt(given, fromWorkbook: given.positionals[1], spec: spec)
        let settings = try ruleSettings(arguments)
        let (path, groupingPath) = (arguments.positionals[0], arguments.positionals[1])
        try checkOutputs(arguments)

        let loaded = try loadRoster(path: path, arguments: arguments)
        let roster = loaded.roster
        let words = arguments.words(for: roster)
        let grouping = try withLanguage(words) { try GroupingLoader.load(path: groupingPath, roster: roster) }
        Sparring.report(loaded.warnings + grouping.warnings, words: words, to: console)
        if !adopted.isEmpty { console.err(words("score.savedSettings", .text(displaySafe(groupingPath)), .text(shellCommand(adopted)))) }
        try requireEveryLeader(grouping, path: groupingPath, roster: roster, words: words)
        let choices = try withLanguage(words) { try OutputChoices(arguments, roster: roster, dialect: outputDialect(loaded)) }
        var scored = settings
        scored.groups = grouping.labels.count
        let setup = try withLanguage(words) { try RoundSetup(arguments, roster: roster) }
        Sparring.report(setup.warnings, words: words, to: console)
        var problem = Problem(roster: roster, settings: scored, rounds: setup.rules, pinLabels: setup.pinLabels, pinSource: setup.pinSource,
                              visibility: choices.visibility, words: words)
        (problem.facilitators, problem.facilitatorsPerGroup) = try withLanguage(words) { try readFacilitators(arguments, roster: roster) }
        if let problem = Pipeline.facilitatorProblems(problem, groups: grouping.labels.count).first { throw DiagnosticError([problem]) }
        let prepared: PreparedProblem
        do {
            prepared = try withLanguage(words) { try Pipeline.prepare(problem, checkSetup: false) }
        } catch {
            throw setup.locatingPins(error)
        }
        let outcome = Pipeline.score(prepared, groups: grouping.groupOf, labels: grouping.labels)
        let context = outcome.context, explanation = outcome.explanation
        let breakdown = context.breakdown
        try withLanguage(words) { try requireFacilitated(context, path: arguments.value("facilitators")) }
        let source = choices.source(arguments, roster: path, isProposal: false, command: arguments.commandLine("score"), run: nil)
        let written = try writeExplainedOutputs(arguments, context: context, explanation: explanation, choices: choices, source: source)

        console.out(ScoreSummary.renderHard(explanation, hard: breakdown.score.hard))
        console.out("")
        console.out(ScoreSummary.renderGroups(explanation, context: context))
        console.out("")
        printHeadline(console, words: words, leaders: roster.count, groups: grouping.labels.count, sizes: context.members.map(\.count), typology: settings.typology)
        console.out(ScoreSummary.renderSoft(explanation))
        let rounds = ScoreSummary.renderRounds(explanation, context: context)
        if !rounds.isEmpty { console.out(rounds) }
        if let line = facilitatorLine(context) { console.out(line) }
        for path in written { console.out(words("cli.wrote", .text(path))) }
        console.out("hard: \(breakdown.score.hard)")
        console.out("soft: \(formatScore(breakdown.score.soft))")
        return 0
    }
}

/// Refuses a grouping that leaves leaders of the roster out (a grouping to score or to open must place everyone).
/// - Throws: ``DiagnosticError`` naming up to ten of them.
package func requireEveryLeader(_ grouping: LoadedGrouping, path: String, roster: Roster, words: Words) throws(DiagnosticError) {
    let missing = grouping.missing
    guard !missing.isEmpty else { return }
    let shown = missing.prefix(10).map { displaySafe("\(roster.names[$0]) (\(roster.ids[$0]))") }.joined(separator: ", ")
    let more = missing.count > 10 ? Message("score.missing.more", .int(missing.count - 10)) : Message("text.verbatim", "")
    throw DiagnosticError([.error(path, Message("score.missing", .int(missing.count), .text(shown), .message(more)), hint: Message("score.missing.hint"))],
                          language: words.language)
}
