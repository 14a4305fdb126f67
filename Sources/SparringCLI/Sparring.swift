import SparringIO
import SparringModel

/// The `sparring` command line: parses arguments, dispatches to a subcommand, maps failures to exit codes.
///
/// Exit codes: 0 success, 1 unusable input or a failed run, 64 usage error (EX_USAGE).
public enum Sparring {
    /// A subcommand: its option table and what it runs.
    package typealias Command = (spec: CommandSpec, run: @Sendable (ParsedArguments, Console) throws -> Int32)

    /// The subcommands this module holds (`serve` is added by the executable, from `SparringServeCommand`).
    package static let commands: [Command] = [
        (CheckCommand.spec, CheckCommand.run),
        (SolveCommand.spec, SolveCommand.run),
        (PlanCommand.spec, PlanCommand.run),
        (ScoreCommand.spec, ScoreCommand.run),
        (GenerateCommand.spec, GenerateCommand.run),
        (MDGPCommand.spec, MDGPCommand.run),
        (TemplateCommand.spec, TemplateCommand.run),
    ]

    static func overview(_ commands: [Command]) -> String {
        var lines = ["USAGE: sparring <subcommand> [options]", "",
                     "Forms leader networks: lasting peer groups of 5–7 leaders that respect every hard rule.", "", "SUBCOMMANDS:"]
        for command in commands { lines.append("  " + command.spec.name.padded(10) + command.spec.summary) }
        lines += ["", "See 'sparring <subcommand> --help' for the options of each."]
        return lines.joined(separator: "\n")
    }

    /// Runs one command line (without the program name) and returns the process exit code.
    public static func run(arguments: [String], console: Console = .standard) -> Int32 { run(arguments: arguments, console: console, commands: commands) }

    /// Runs one command line with these subcommands (the executable adds `serve`).
    package static func run(arguments: [String], console: Console, commands: [Command]) -> Int32 {
        guard let name = arguments.first, name != "--help", name != "-h", name != "help" else {
            console.out(overview(commands))
            return arguments.isEmpty ? 64 : 0
        }
        guard let command = commands.first(where: { $0.spec.name == name }) else {
            console.err(UsageError("unknown subcommand '\(name)'", hint: "use one of: \(commands.map(\.spec.name).joined(separator: ", ")).").description)
            return 64
        }
        // Problems are shown in --language if given, else in the language of the input they are about, else
        // (found before the roster was read) in the roster's language, read from its header only now.
        var chosen: Language?
        var given: ParsedArguments?
        func language(_ known: Language?) -> Language {
            if let language = chosen ?? known { return language }
            // Arguments that could not be parsed: read as far as they go (--language, the roster).
            let read = given ?? ParsedArguments(lenient: Array(arguments.dropFirst()), spec: command.spec)
            if given == nil, let asked = try? read.language() { return asked }
            return fallbackLanguage(read, command: name)
        }
        do {
            let parsed = try ParsedArguments(Array(arguments.dropFirst()), spec: command.spec)
            given = parsed
            if parsed.wantsHelp {
                console.out(command.spec.help)
                return 0
            }
            chosen = try parsed.language()
            return try command.run(parsed, console)
        } catch let error as UsageError {
            console.err(error.isCatalogued ? error.rendered(in: Words(language(nil))) : error.description)
            return 64
        } catch let error as DiagnosticError where ReadingStopped.isStop(error) {
            // Ctrl-C while reading: one line, nothing written, exit 130.
            if let stop = error.diagnostics.first(where: { $0.message.key == ReadingStopped.key }) {
                // (The roster's header is not read again: the consultant asked to stop.)
                console.err(stop.rendered(in: Words(chosen ?? error.language ?? environmentLanguage())))
            }
            return interrupted
        } catch let error as DiagnosticError {
            report(error.diagnostics, words: Words(language(error.language)), to: console)
            return 1
        } catch let error as Diagnostic {
            report([error], words: Words(language(nil)), to: console)
            return 1
        } catch {
            console.err("error: \(error)")
            return 1
        }
    }

    /// Prints diagnostics to stderr, at most `limit` of them, then how many more there were.
    /// - Parameter toStandardOutput: print on stdout (warnings that are part of a summary) instead of stderr.
    package static func report(_ diagnostics: [Diagnostic], words: Words, to console: Console, limit: Int = 100, toStandardOutput: Bool = false) {
        let print = toStandardOutput ? console.out : console.err
        for diagnostic in diagnostics.prefix(limit) { print(diagnostic.rendered(in: words)) }
        if diagnostics.count > limit { print(words("cli.moreProblems", .int(diagnostics.count - limit))) }
        let errors = diagnostics.filter { $0.severity == .error }.count
        if errors > 0 { print(words("cli.errorsFound", .int(errors))) }
    }
}

extension String {
    func padded(_ width: Int) -> String { count >= width ? self + " " : self + String(repeating: " ", count: width - count) }
}
