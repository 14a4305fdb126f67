import SparringIO
import SparringModel

/// `sparring generate`: writes a realistic synthetic municipal roster, reproducible from the seed.
enum GenerateCommand {
    static let spec = CommandSpec(
        name: "generate",
        positionalNames: [], requiredOptions: ["leaders", "out"],
        summary: "Write a synthetic municipal roster (fields, ranks with reporting lines, gender, seniority, units, conflicts, wishes).",
        positionals: 0...0,
        options: [
            .init(name: "leaders", value: "N", help: "Number of leaders (10 to 1,000,000)."),
            .init(name: "seed", value: "S", help: "Random seed; the same seed gives the same file (default 1)."),
            .init(name: "out", value: "FILE", help: "Where to write the roster CSV."),
            .init(name: "danish", value: nil, help: "Danish headers and labels (nr, navn, fagområde, …)."),
            .init(name: "semicolon", value: nil, help: "Semicolons, decimal comma, BOM and CRLF, as Danish Excel saves."),
        ])

    static func run(_ arguments: ParsedArguments, _ console: Console) throws -> Int32 {
        guard let leaders = try arguments.integer("leaders", range: 10...1_000_000) else {
            throw UsageError(Message("usage.required", .text("leaders")), hint: Message("usage.required.leaders.hint"))
        }
        guard let out = arguments.value("out") else {
            throw UsageError(Message("usage.required", .text("out")), hint: Message("usage.required.out.hint"))
        }
        let generator = RosterGenerator(leaders: leaders, seed: try arguments.seed() ?? 1,
                                        danish: arguments.flags.contains("danish"), semicolon: arguments.flags.contains("semicolon"))
        try checkOutputFormats([OutputFiles.Output(option: "out", path: out)], workbooks: false)
        let problems = OutputFiles.check([OutputFiles.Output(option: "out", path: out)], inputs: [])
        if !problems.isEmpty { throw DiagnosticError(problems) }
        try writeAtomically(generator.render(), to: out)
        console.out("wrote \(leaders) leaders to \(out)")
        return 0
    }
}
