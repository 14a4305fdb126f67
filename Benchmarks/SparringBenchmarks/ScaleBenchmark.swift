import Dispatch
import Foundation
import SparringEngine
import SparringIO
import SparringModel
import SparringSolver

/// `--only scale`: how the cost of a move grows with the roster, for broad networks on one thread.
///
/// Per roster size (`--scale-sizes`, default 5,000, 100,000 and 300,000 leaders, generated with seed 7), two
/// searches with a fixed move budget: a short one (construction, set-up of the tables, final score) and one of
/// `--scale-moves` evaluated moves (default 20 million). The difference of their times is the cost of the
/// extra moves alone, so the rate is moves per second of search, without the set-up that grows with n. Times
/// are processor time of this process (the machine is shared; wall time would count the others' work), each
/// repeated `--scale-repeats` times (default 2) and the fastest kept. Then, with `--scale-seconds S`, one timed run through the whole pipeline (set-up
/// check, score compile, search, labels, explanation) and its wall time against the limit.
enum ScaleBenchmark {
    static func run(arguments: [String]) {
        func value(_ name: String) -> String? {
            guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return nil }
            return arguments[i + 1]
        }
        let sizes = (value("--scale-sizes") ?? "5000,100000,300000").split(separator: ",").compactMap { Int($0) }
        let budget = value("--scale-moves").flatMap { Double($0) }.map { Int($0) } ?? 20_000_000
        let repeats = value("--scale-repeats").flatMap(Int.init) ?? 2
        let typology = value("--typology").flatMap { Typology(name: $0) } ?? .broad
        let seconds = value("--scale-seconds").flatMap(Double.init)
        let short = 10_000
        BenchmarkSuite.emit(BenchmarkSuite.row(["instance", "n", "groups", "prepare s", "Mmoves/s", "short s", "long s", "soft", "wall s", "limit s"]))
        for leaders in sizes {
            let text = RosterGenerator(leaders: leaders, seed: 7, danish: true, semicolon: true).render()
            let roster = try! RosterLoader.load(table: CSVReader.parse(bytes: Array(text.utf8), file: "generated.csv")).roster
            let started = DispatchTime.now().uptimeNanoseconds
            let prepared = try! Pipeline.prepare(Problem(roster: roster, settings: RuleSettings(typology: typology)))
            let prepare = since(started)
            func timed(_ moves: Int) -> (seconds: Double, soft: Double) {
                var best = Double.infinity, soft = 0.0
                for _ in 0..<repeats {
                    let start = cpuSeconds()
                    let result = Solver.solve(prepared.model, options: SolverOptions(seed: 1, threads: 1, termination: Termination(moves: moves, stagnation: nil)))
                    best = min(best, cpuSeconds() - start)
                    soft = result.score.soft
                }
                return (best, soft)
            }
            let a = timed(short), b = timed(budget)
            let rate = Double(budget - short) / max(1e-9, b.seconds - a.seconds) / 1e6
            var wall = "-"
            if let seconds {
                let start = DispatchTime.now().uptimeNanoseconds
                let again = try! Pipeline.prepare(Problem(roster: roster, settings: RuleSettings(typology: typology)))
                _ = Pipeline.solve(again, options: SolverOptions(seed: 1, threads: 1, termination: Termination(seconds: seconds)))
                wall = String(format: "%.2f", since(start))
            }
            BenchmarkSuite.emit(BenchmarkSuite.row(["scale-\(leaders)-\(typology.rawValue)", "\(leaders)", "\(prepared.groupCount)",
                                                    String(format: "%.2f", prepare), String(format: "%.2f", rate),
                                                    String(format: "%.2f", a.seconds), String(format: "%.2f", b.seconds), formatScore(b.soft),
                                                    wall, seconds.map { String(format: "%.1f", $0) } ?? "-"]))
        }
    }

    /// Processor time this process has used, in seconds: on a shared machine it counts only our own work
    /// (the move budget runs on one thread), where wall time would count the others' too.
    static func cpuSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    static func since(_ start: UInt64) -> Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
}
