import SparringIO
import SparringModel
import SparringReport

/// `sparring check ROSTER.csv`: validates a roster and prints a summary a consultant can read.
enum CheckCommand {
    static let spec = CommandSpec(
        name: "check",
        usage: "sparring check ROSTER.csv [--min-size 5] [--max-size 7] [--conflicts FILE] [--wishes FILE]",
        summary: "Validate a roster and summarise it: leaders, attributes, relations, possible group counts.",
        positionals: 1...1,
        options: ruleOptions.filter { ["min-size", "max-size", "conflicts", "wishes"].contains($0.name) })

    static func run(_ arguments: ParsedArguments, _ console: Console) throws -> Int32 {
        let sizing = try sizingOptions(arguments)
        let path = arguments.positionals[0]
        let loaded = try loadRoster(path: path, arguments: arguments)
        console.out(RosterSummary.render(loaded.roster, sizing: sizing, file: path, source: sourceDescription(loaded)))
        let problems = sizing.diagnose(leaders: loaded.roster.count)
        if !loaded.warnings.isEmpty {
            console.out("warnings: \(loaded.warnings.count)")
            Sparring.report(loaded.warnings, to: console, toStandardOutput: true)
        }
        if !problems.isEmpty {
            Sparring.report(problems, to: console)
            console.out("usable: no")
            return 1
        }
        console.out("usable: yes")
        return 0
    }

    static func sourceDescription(_ loaded: LoadedRoster) -> String {
        let delimiter = loaded.delimiter == "\t" ? "tab" : "'\(loaded.delimiter)'"
        return "\(loaded.encoding), delimiter \(delimiter)"
    }
}

/// Reads `--min-size` and `--max-size` (defaults 5 and 7).
func sizingOptions(_ arguments: ParsedArguments) throws(UsageError) -> GroupSizing {
    let minSize = try arguments.integer("min-size", range: 1...1000) ?? 5
    let maxSize = try arguments.integer("max-size", range: 1...1000) ?? max(7, minSize)
    if maxSize < minSize {
        throw UsageError("--max-size \(maxSize) is smaller than --min-size \(minSize)", hint: "swap them, or raise --max-size.")
    }
    return GroupSizing(minSize: minSize, maxSize: maxSize)
}

/// Loads the roster and merges `--conflicts` and `--wishes` files, collecting every error before failing.
func loadRoster(path: String, arguments: ParsedArguments) throws(DiagnosticError) -> LoadedRoster {
    var loaded = try RosterLoader.load(path: path)
    var errors: [Diagnostic] = []
    for (option, relation) in [("conflicts", PairFileLoader.Relation.conflict), ("wishes", .wish)] {
        for file in arguments.values[option] ?? [] {
            do {
                let (pairs, warnings) = try PairFileLoader.load(path: file, roster: loaded.roster, relation: relation)
                loaded.roster = loaded.roster.adding(pairs, as: relation)
                loaded.warnings += warnings
            } catch {
                errors += error.diagnostics
            }
        }
    }
    if !errors.isEmpty { throw DiagnosticError(errors) }
    return loaded
}
