import Foundation
import SparringIO
import SparringModel
import SparringSolver

/// `sparring mdgp INSTANCE`: solves an MDGPLIB maximally-diverse-grouping instance with the engine's solver.
enum MDGPCommand {
    static let spec = CommandSpec(
        name: "mdgp",
        positionalNames: ["INSTANCE"],
        summary: "Solve an MDGPLIB instance (maximise the sum of distances within groups); prints 'objective: V' last.",
        positionals: 1...1,
        options: searchOptions(timeHelp: "Wall-clock limit (default 3).") + [
            .init(name: "out", value: "FILE", help: "Write the solution as CSV: element,group (0-based, as MDGPLIB)."),
        ])

    static func run(_ arguments: ParsedArguments, _ console: Console) throws -> Int32 {
        let search = try SearchArguments(arguments)
        let (seed, seconds, moves, threads) = (search.seed, search.seconds, search.moves, search.threads)
        let path = arguments.positionals[0]
        try checkOutputs(arguments, workbooks: false)
        let instance = try MDGPInstance.read(path: path)
        let options = SolverOptions(seed: seed, threads: threads,
                                    termination: Termination(seconds: seconds ?? (moves == nil ? 3 : nil), moves: moves, stagnation: nil),
                                    verifyScore: search.verifyScore)
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
