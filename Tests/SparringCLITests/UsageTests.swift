import Testing
@testable import SparringCLI
import SparringServeCommand

/// Usage lines and `--help` are generated from each command's option table; these tests fail when they drift.
struct UsageTests {
    @Test(arguments: [
        (["check"], "error: expected 1 file argument, got 0\nMaybe usage: sparring check ROSTER.csv [options]"),
        (["score", "a.csv"], "error: expected 2 file arguments, got 1\nMaybe usage: sparring score ROSTER.csv ASSIGNMENTS.csv [options]"),
        (["template", "a.csv"], "error: expected 0 file arguments, got 1\nMaybe usage: sparring template --out FILE [options]"),
        (["check", "a.csv", "--bogus"], "error: unknown option '--bogus'\nMaybe see 'sparring check --help'."),
        (["check", "a.csv", "--min-size"], "error: --min-size needs a value N\nMaybe see 'sparring check --help'."),
        (["check", "a.csv", "--min-size", "five"], "error: --min-size must be a whole number from 1 to 1000, not 'five'"),
        (["frobnicate"], "error: unknown subcommand 'frobnicate'\nMaybe use one of: check, solve, plan, score, generate, mdgp, template, serve."),
        (["generate", "--leaders", "50"], "error: --out is required\nMaybe name the file to write, e.g. --out roster.csv"),
    ])
    func usageErrorsExit64(arguments: [String], message: String) {
        let captured = Captured()
        #expect(SparringCommandLine.run(arguments: arguments, console: captured.console) == 64)
        #expect(captured.stderr == message)
    }

    @Test func helpEverywhere() {
        #expect(run("--help").code == 0)
        for command in SparringCommandLine.commands.map(\.spec.name) {
            let result = run(command, "--help")
            #expect(result.code == 0)
            #expect(result.out.hasPrefix("USAGE: sparring \(command)"))
        }
    }

    /// The option names in a usage text, in order: `[--name VALUE]...` gives `name`.
    static func optionNames(inUsage text: String) -> [String] {
        text.split(whereSeparator: \.isWhitespace)
            .map { $0.trimmingCharacters(in: ["[", "]", "."]) }
            .filter { $0.hasPrefix("--") }
            .map { String($0.dropFirst(2)) }
    }

    @Test(arguments: SparringCommandLine.commands.map(\.spec.name))
    func everyOptionIsInUsageAndHelp(command: String) throws {
        let spec = try #require(SparringCommandLine.commands.first { $0.spec.name == command }?.spec)
        let names = spec.options.map(\.name)
        #expect(Self.optionNames(inUsage: spec.usage) == names, "usage: \(spec.usage)")

        let help = run(command, "--help").out.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let optionsLine = try #require(help.firstIndex(of: "OPTIONS:"))
        let usagePart = help.prefix { !$0.isEmpty }.joined(separator: " ")
        #expect(Self.optionNames(inUsage: usagePart) == names, "help usage: \(usagePart)")
        let rows = help[(optionsLine + 1)...].compactMap { $0.split(separator: " ").first.map(String.init) }
        #expect(rows == names.map { "--\($0)" } + ["-h,"])
    }

    @Test(arguments: SparringCommandLine.commands.map(\.spec))
    func placeholdersMatchTheCommand(spec: CommandSpec) {
        #expect(spec.positionalNames.count == spec.positionals.upperBound, "\(spec.name)")
        #expect(spec.requiredOptions.allSatisfy { name in spec.options.contains { $0.name == name } }, "\(spec.name)")
        #expect(spec.usage.hasPrefix((["sparring", spec.name] + spec.positionalNames).joined(separator: " ")))
    }

    @Test func generatedUsageLine() {
        #expect(GenerateCommand.spec.usage == "sparring generate --leaders N [--seed S] --out FILE [--danish] [--semicolon]")
        #expect(MDGPCommand.spec.usage
            == "sparring mdgp INSTANCE [--time SECONDS] [--seed N] [--moves N] [--threads N] [--verify-score] [--out FILE]")
        let spec = CommandSpec(
            name: "demo", positionalNames: ["A.csv", "B.csv"], requiredOptions: ["out"], summary: "", positionals: 1...2,
            options: [.init(name: "out", value: "FILE", help: ""), .init(name: "weight", value: "ATTR=W", help: "", repeatable: true),
                      .init(name: "excel", value: nil, help: "")])
        #expect(spec.usage == "sparring demo A.csv [B.csv] --out FILE [--weight ATTR=W]... [--excel]")
        #expect(spec.compactUsage == "sparring demo A.csv [B.csv] --out FILE [options]")
    }

    /// A long usage wraps at 100 columns, continuation lines indented under the first word after the command.
    @Test func longUsageWrapsUnderTheCommand() throws {
        let lines = SolveCommand.spec.usageLines()
        #expect(lines.count > 1)
        #expect(lines.allSatisfy { $0.count <= 100 })
        #expect(lines[0].hasPrefix("USAGE: sparring solve ROSTER.csv [--"))
        let indent = String(repeating: " ", count: "USAGE: sparring solve ".count)
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix(indent + "[--") })
        #expect(lines.joined(separator: " ").split(separator: " ").joined(separator: " ") == "USAGE: " + SolveCommand.spec.usage)
    }
}
