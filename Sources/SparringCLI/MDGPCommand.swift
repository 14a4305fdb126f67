import Foundation
import SparringIO
import SparringModel
import SparringSolver

/// `sparring mdgp INSTANCE`: solves an MDGPLIB maximally-diverse-grouping instance with the engine's solver.
enum MDGPCommand {
    static let spec = CommandSpec(
        name: "mdgp",
        usage: "sparring mdgp INSTANCE --time SECONDS [--seed N] [--moves N] [--threads N] [--out solution.csv]",
        summary: "Solve an MDGPLIB instance (maximise the sum of distances within groups); prints 'objective: V' last.",
        positionals: 1...1,
        options: [
            .init(name: "time", value: "SECONDS", help: "Wall-clock limit (default 3)."),
            .init(name: "seed", value: "N", help: "Random seed (default 1)."),
            .init(name: "moves", value: "N", help: "Budget of evaluated moves, all threads together (reproducible)."),
            .init(name: "threads", value: "N", help: "Independent runs in parallel (default: all cores)."),
            .init(name: "out", value: "FILE", help: "Write the solution as CSV: element,group (0-based, as MDGPLIB)."),
            .init(name: "verify-score", value: nil, help: "Re-check the objective from scratch after every accepted move (slow)."),
        ])

    static func run(_ arguments: ParsedArguments, _ console: Console) throws -> Int32 {
        let seconds = try arguments.number("time", range: 0.01...86_400)
        let moves = try arguments.integer("moves", range: 1...Int.max)
        let threads = try arguments.integer("threads", range: 1...256) ?? ProcessInfo.processInfo.activeProcessorCount
        let seed = try arguments.seed() ?? 1
        let path = arguments.positionals[0]
        try checkInputsNotOverwritten(outputPaths(arguments), inputs: [path])
        let instance = try MDGPInstance.read(path: path)
        let options = SolverOptions(seed: seed, threads: threads,
                                    termination: Termination(seconds: seconds ?? (moves == nil ? 3 : nil), moves: moves, stagnation: nil),
                                    verifyScore: arguments.flags.contains("verify-score"))
        let result = Solver.solve(distances: instance.distances, elements: instance.elements,
                                  lower: instance.lowerBounds, upper: instance.upperBounds, options: options)
        if let out = arguments.value("out") {
            let rows = result.groups.enumerated().map { [String($0.offset), String($0.element)] }
            try writeAtomically(CSVWriter().render(header: ["element", "group"], rows: rows), to: out)
            console.out("wrote: \(out)")
        }
        console.out("instance: \(instance.name)")
        console.out("elements: \(instance.elements)")
        console.out("groups: \(instance.groups)")
        console.out("moves: \(result.moves)")
        console.out("seconds: \(String(format: "%.2f", result.seconds))")
        console.out("threads: \(result.threads)")
        console.out("objective: \(String(format: "%.3f", instance.objective(groups: result.groups)))")
        return 0
    }
}
