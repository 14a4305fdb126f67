import SparringIO
import SparringModel
import SparringReport
import SparringSolver

/// `sparring check ROSTER.csv`: validates a roster and prints a summary a consultant can read.
enum CheckCommand {
    static let spec = CommandSpec(
        name: "check",
        positionalNames: ["ROSTER.csv"],
        summary: "Validate a roster and summarise it: leaders, attributes, relations, possible group counts, hard rules that cannot hold.",
        positionals: 1...1,
        options: ruleOptions.filter { ["min-size", "max-size", "groups", "conflicts", "wishes", "rank-order", "at-least", "at-least-weight", "at-most",
                                       "at-most-weight", "meet", "meet-weight", "balance"].contains($0.name) } + [sheetOption] + rosterColumnOptions + [languageOption])

    static func run(_ arguments: ParsedArguments, _ console: Console) throws -> Int32 {
        var settings = try ruleSettings(arguments)
        let sizing = settings.sizing
        let groups = settings.groups
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
        console.out(RosterSummary.render(roster, sizing: sizing, file: path, source: sourceDescription(loaded, words), words: words))
        if !loaded.outside.isEmpty {
            console.out(words("input.outside.summary", .list(loaded.outside.prefix(10).map { .quoted($0) }), .int(loaded.outside.count)))
        }
        var problems = sizing.diagnose(leaders: roster.count, groups: groups)
        var ruleWarnings: [Diagnostic] = []
        if problems.isEmpty, let count = groups ?? sizing.preferredGroupCount(leaders: roster.count) {
            // The same set-up check as `solve` with these options: hard rules that no grouping can keep.
            settings.groups = count
            problems = SetupCheck.diagnose(roster: roster, settings: settings, rounds: RoundRules(), groups: count)
                .filter { $0.severity == .error }
            // Composition rules given: the same check as `solve` makes, and every name and value resolved.
            if !settings.atLeast.isEmpty || !settings.atMost.isEmpty || settings.meet != nil || !settings.balance.isEmpty {
                let composition = ScoreModel.setupProblems(roster: roster, settings: settings, groups: count, naming: .plain(roster, words: words))
                problems += composition.filter { $0.severity == .error }
                ruleWarnings = composition.filter { $0.severity == .warning }
                do { _ = try ScoreModel(roster: roster, settings: settings, groups: count) } catch { problems += error.diagnostics }
            }
        }
        if !(loaded.warnings + ruleWarnings).isEmpty {
            console.out(words("check.warnings", .int((loaded.warnings + ruleWarnings).count)))
            Sparring.report(loaded.warnings + ruleWarnings, words: words, to: console, toStandardOutput: true)
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

/// Reads `--min-size` and `--max-size` (defaults 5 and 7).
func sizingOptions(_ arguments: ParsedArguments) throws(UsageError) -> GroupSizing {
    let minSize = try arguments.integer("min-size", range: 1...1000) ?? 5
    let maxSize = try arguments.integer("max-size", range: 1...1000) ?? max(7, minSize)
    if maxSize < minSize {
        throw UsageError(Message("usage.sizes", .text("\(maxSize)"), .text("\(minSize)")), hint: Message("usage.sizes.hint"))
    }
    return GroupSizing(minSize: minSize, maxSize: maxSize)
}

/// `--sheet`: which sheet of a roster workbook to read.
let sheetOption = CommandSpec.Option(name: "sheet", value: "NAME",
                                     help: "The sheet to read when the roster is an Excel workbook (.xlsx); default: the first. Other workbooks are read from their first sheet.")

/// How the roster's columns are read, for every command that reads a roster: which column holds each relation
/// when its header does not say, which people-looking column is only information, and who is outside the roster.
let rosterColumnOptions: [CommandSpec.Option] = [
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
func loadRoster(path: String, arguments: ParsedArguments) throws(DiagnosticError) -> LoadedRoster {
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
