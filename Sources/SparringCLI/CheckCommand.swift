import SparringEngine
import SparringIO
import SparringModel
import SparringReport
import SparringSolver

/// `sparring check ROSTER.csv`: validates a roster and prints a summary a consultant can read, then runs exactly
/// what `solve` runs before its search (``Pipeline/check(_:)``) with the same options: the sizes, the group count,
/// the typology, history, pins and keep-together sets, and every hard rule's set-up check.
enum CheckCommand {
    static let spec = CommandSpec(
        name: "check",
        positionalNames: ["ROSTER.csv"],
        summary: "Validate a roster and summarise it: leaders, attributes, relations, possible group counts, hard rules that cannot hold.",
        positionals: 1...1,
        options: ruleOptions + [sheetOption] + rosterColumnOptions + roundOptions + [scenarioOption, languageOption])

    static func run(_ given: ParsedArguments, _ console: Console) throws -> Int32 {
        let (arguments, scenario) = try ScenarioInput.merge(given, spec: spec)
        if arguments.value("pin") != nil && scenario != nil {
            throw UsageError(Message("usage.pinAndScenario"), hint: Message("usage.pinAndScenario.hint"))
        }
        let settings = try ruleSettings(arguments)
        let path = arguments.positionals[0]
        let loading = Result { () throws(DiagnosticError) -> LoadedRoster in try loadRoster(path: path, arguments: arguments) }
        if case .failure(let error) = loading, !ReadingStopped.isStop(error) {
            // The roster cannot be used: say so in the summary's own words, after the problems.
            let words = Words((try? arguments.language()) ?? error.language ?? fallbackLanguage(arguments, command: "check"))
            Sparring.report(error.diagnostics, words: words, to: console)
            console.out(words("check.usable.no"))
            return 1
        }
        let loaded = try loading.get()
        let roster = loaded.roster
        let words = arguments.words(for: roster)
        console.out(RosterSummary.render(roster, sizing: settings.sizing, file: path, source: sourceDescription(loaded, words), words: words))
        if !loaded.outside.isEmpty {
            console.out(words("input.outside.summary", .list(loaded.outside.prefix(10).map { .quoted($0) }), .int(loaded.outside.count)))
        }
        // The round rules and the set-up as `solve` reads and checks them.
        var setup = try withLanguage(words) { try RoundSetup(arguments, roster: roster) }
        if let scenario { setup.rules.pins = try withLanguage(words) { try scenario.pins(roster) } }
        let problem = Problem(roster: roster, settings: settings, rounds: setup.rules, pinLabels: setup.pinLabels, pinSource: setup.pinSource, words: words)
        var warnings = loaded.warnings + setup.warnings
        var problems: [Diagnostic] = []
        do {
            warnings += try withLanguage(words) { try Pipeline.check(problem) }
        } catch {
            switch setup.locatingPins(error) {
            case let located as DiagnosticError: problems = located.diagnostics
            case let other: throw other
            }
        }
        if !warnings.isEmpty {
            console.out(words("check.warnings", .int(warnings.count)))
            Sparring.report(warnings, words: words, to: console, toStandardOutput: true)
        }
        if !problems.isEmpty {
            Sparring.report(problems, words: words, to: console)
            console.out(words("check.usable.no"))
            return 1
        }
        console.out(words("check.usable.yes"))
        return 0
    }

    static func sourceDescription(_ loaded: LoadedRoster, _ words: Words) -> String {
        if let sheet = loaded.sheet { return words("check.source.workbook", .quoted(sheet)) }
        let delimiter = loaded.delimiter == "\t" ? words("check.tab") : "'\(loaded.delimiter)'"
        return words("check.source", .text(loaded.encoding), .text(delimiter))
    }
}

/// `--sheet`: which sheet of a roster workbook to read.
package let sheetOption = CommandSpec.Option(name: "sheet", value: "NAME",
                                     help: "The sheet to read when the roster is an Excel workbook (.xlsx); default: the first. Other workbooks are read from their first sheet.")

/// How the roster's columns are read, for every command that reads a roster: which column holds each relation
/// when its header does not say, which people-looking column is only information, and who is outside the roster.
package let rosterColumnOptions: [CommandSpec.Option] = [
    .init(name: "manager-column", value: "COLUMN", help: "The column that holds each leader's manager (by id or name), when its header is not a known one."),
    .init(name: "conflicts-column", value: "COLUMN", help: "The column that lists the leaders each leader must not sit with."),
    .init(name: "wishes-column", value: "COLUMN", help: "The column that lists the leaders each leader would like to sit with."),
    .init(name: "attribute-column", value: "COLUMN", help: "A column that names people but is only information (a mentor, a tovholder): read it as a plain attribute. Repeat for several.", repeatable: true),
    .init(name: "outside", value: "NAMES", help: "People named in manager, conflicts or wishes cells who are not in the roster on purpose (a director). Repeat, or a comma list; a cell may also say \"Lars Bak (udenfor)\".", repeatable: true),
]

/// The roster options read from `arguments` (see ``rosterColumnOptions``).
func rosterOptions(_ arguments: ParsedArguments) -> RosterOptions {
    var relations: [ColumnRole: String] = [:]
    for (option, role) in [("manager-column", ColumnRole.manager), ("conflicts-column", .conflicts), ("wishes-column", .wishes)] {
        if let name = arguments.value(option) { relations[role] = name }
    }
    return RosterOptions(rankOrder: RankOrder.parseGiven(arguments.value("rank-order") ?? ""), sheet: arguments.value("sheet"),
                         relationColumns: relations, attributeColumns: arguments.values["attribute-column"] ?? [],
                         outside: arguments.values["outside"] ?? [], shouldStop: { Interrupts.wasInterrupted })
}

/// Loads the roster (CSV or workbook: the first sheet, or `--sheet`) and merges `--conflicts` and `--wishes`
/// files, collecting every error before failing. Ctrl-C while reading stops it (``ReadingStopped``).
package func loadRoster(path: String, arguments: ParsedArguments) throws(DiagnosticError) -> LoadedRoster {
    var loaded = try RosterLoader.load(path: path, options: rosterOptions(arguments))
    let language = arguments.words(for: loaded.roster).language
    var errors: [Diagnostic] = []
    for (option, relation) in [("conflicts", PairFileLoader.Relation.conflict), ("wishes", .wish)] {
        for file in arguments.values[option] ?? [] {
            do {
                let (pairs, warnings) = try PairFileLoader.load(path: file, roster: loaded.roster, relation: relation,
                                                                outside: arguments.values["outside"] ?? [])
                loaded.roster = loaded.roster.adding(pairs, as: relation)
                loaded.warnings += warnings
            } catch {
                errors += error.diagnostics
            }
        }
    }
    if !errors.isEmpty { throw DiagnosticError(errors, language: language) }
    return loaded
}
