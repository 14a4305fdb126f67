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
        options: ruleOptions.filter { $0.name != "groups" } + roundOptions + [
            .init(name: "out", value: "FILE", help: "Write the grouping again as an assignments CSV: the roster's columns plus 'group' (with --excel: Excel-safe)."),
        ] + explainedOutputOptions)

    static func run(_ arguments: ParsedArguments, _ console: Console) throws -> Int32 {
        let settings = try ruleSettings(arguments)
        let (path, groupingPath) = (arguments.positionals[0], arguments.positionals[1])
        try checkOutputs(arguments)

        let loaded = try loadRoster(path: path, arguments: arguments)
        let roster = loaded.roster
        let grouping = try GroupingLoader.load(path: groupingPath, roster: roster)
        Sparring.report(loaded.warnings + grouping.warnings, to: console)
        let missing = grouping.missing
        if !missing.isEmpty {
            let shown = missing.prefix(10).map { "\(roster.names[$0]) (\(roster.ids[$0]))" }.joined(separator: ", ")
            let more = missing.count > 10 ? " and \(missing.count - 10) more" : ""
            throw DiagnosticError(.error(groupingPath, "\(missing.count) leader\(missing.count == 1 ? " of the roster is" : "s of the roster are") not in this grouping: \(shown)\(more)",
                                         hint: "add a row with a group for each of them, or score against a roster without them."))
        }
        let choices = try OutputChoices(arguments, roster: roster, dialect: outputDialect(loaded))
        var scored = settings
        scored.groups = grouping.labels.count
        let setup = try RoundSetup(arguments, roster: roster)
        Sparring.report(setup.warnings, to: console)
        let problem = Problem(roster: roster, settings: scored, rounds: setup.rules, pinLabels: setup.pinLabels, pinSource: setup.pinSource,
                              visibility: choices.visibility)
        let outcome = Pipeline.score(try Pipeline.prepare(problem, checkSetup: false), groups: grouping.groupOf, labels: grouping.labels)
        let context = outcome.context, explanation = outcome.explanation
        let breakdown = context.breakdown
        let source = HTMLReport.Source(roster: path, title: "Leader network groups checked", command: arguments.commandLine("score"), run: nil)
        let written = try writeExplainedOutputs(arguments, context: context, explanation: explanation, choices: choices, source: source)

        console.out(ScoreSummary.renderHard(explanation, hard: breakdown.score.hard))
        console.out("")
        console.out(ScoreSummary.renderGroups(explanation, context: context))
        console.out("")
        console.out("leaders: \(roster.count)")
        console.out("groups: \(grouping.labels.count) (sizes \(RosterSummary.describeSizes(context.members.map(\.count))))")
        console.out("typology: \(settings.typology.rawValue) (\(settings.typology.explanation))")
        console.out(ScoreSummary.renderSoft(explanation))
        let rounds = ScoreSummary.renderRounds(explanation, context: context)
        if !rounds.isEmpty { console.out(rounds) }
        for path in written { console.out("wrote: \(path)") }
        console.out("hard: \(breakdown.score.hard)")
        console.out("soft: \(formatScore(breakdown.score.soft))")
        return 0
    }
}
