import Foundation
import SparringEngine
import SparringIO
import SparringModel
import SparringSolver
import SparringTestSupport

/// `--only anytime`: the anytime curve. For generated Danish rosters and every typology, the mean and worst gap of
/// the soft score to the best found by any run (long reference runs included), at each time limit, with one and
/// two threads; and how often a hard rule stays broken.
///
/// Options: `--anytime-sizes 300,5000` (leaders), `--anytime-limits 0.3,1,3,10,30` (seconds), `--anytime-seeds 1,2,3`,
/// `--anytime-threads 1,2`, `--anytime-reference 60` (seconds of each reference run, one thread),
/// `--anytime-reference-runs 3`, `--typologies local,sector`, `--anytime-moves` (limits are millions of evaluated
/// moves per thread instead of seconds: reproducible, for comparing variants on a busy machine).
///
/// `--only hard`: planted hard rules (``PlantedRules``: keep-together pairs across strata, pins into pure strata,
/// at-most and meeting days, alone and all together, each kept by a known grouping) on generated rosters; per
/// typology and rule, the runs that still break a hard rule. Options: `--hard-sizes 60,300`, `--hard-seeds 1,2,3,4,5`,
/// `--hard-seconds 1` (or `--hard-moves M`, a budget of evaluated moves per run).
enum AnytimeBenchmark {
    static func values(_ arguments: [String], _ name: String) -> [String]? {
        guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return nil }
        return arguments[i + 1].split(separator: ",").map(String.init)
    }

    static func run(arguments: [String]) {
        let sizes = values(arguments, "--anytime-sizes")?.compactMap { Int($0) } ?? [300]
        let limits = values(arguments, "--anytime-limits")?.compactMap { Double($0) } ?? [0.3, 1, 3, 10]
        let seeds = values(arguments, "--anytime-seeds")?.compactMap { UInt64($0) } ?? [1, 2, 3, 4, 5]
        let threadCounts = values(arguments, "--anytime-threads")?.compactMap { Int($0) } ?? [1, 2]
        let referenceSeconds = values(arguments, "--anytime-reference")?.first.flatMap { Double($0) } ?? 30
        let referenceRuns = values(arguments, "--anytime-reference-runs")?.first.flatMap { Int($0) } ?? 3
        let typologies = values(arguments, "--typologies")?.compactMap { Typology(name: $0) } ?? Typology.allCases
        let byMoves = arguments.contains("--anytime-moves")
        let unit = byMoves ? "M moves" : "s"
        BenchmarkSuite.emit("anytime: limits \(limits.map { "\($0)" }.joined(separator: "/")) \(unit), seeds \(seeds.map(String.init).joined(separator: ",")), "
                            + "threads \(threadCounts.map(String.init).joined(separator: "/")), reference: best of every run and \(referenceRuns) runs of "
                            + (byMoves ? "\(referenceSeconds) M moves" : "\(referenceSeconds) s") + " (1 thread)")
        BenchmarkSuite.emit(["roster", "typology", "limit", "threads", "mean gap %", "worst gap %", "hard broken", "mean soft", "reference", "soft per seed"].joined(separator: "\t"))
        for leaders in sizes {
            let text = RosterGenerator(leaders: leaders, seed: 7, danish: true, semicolon: true).render()
            let roster = try! RosterLoader.load(table: CSVReader.parse(bytes: Array(text.utf8), file: "generated.csv")).roster
            for typology in typologies {
                let prepared = try! Pipeline.prepare(Problem(roster: roster, settings: RuleSettings(typology: typology)))
                func solve(_ limit: Double, seed: UInt64, threads: Int) -> Score {
                    // By moves, each thread makes the limit's moves: two threads do twice the work in the same wall time.
                    let termination = byMoves ? Termination(moves: Int(limit * 1e6) * threads) : Termination(seconds: limit)
                    return Solver.solve(prepared.model, options: SolverOptions(seed: seed, threads: threads, termination: termination)).score
                }
                var reference = -Double.infinity
                for k in 0..<referenceRuns {
                    let score = solve(referenceSeconds, seed: 1000 + UInt64(k), threads: 1)
                    if score.hard == 0 { reference = max(reference, score.soft) }
                }
                var rows: [(limit: Double, threads: Int, scores: [Score])] = []
                for threads in threadCounts {
                    for limit in limits {
                        rows.append((limit, threads, seeds.map { solve(limit, seed: $0, threads: threads) }))
                    }
                }
                for row in rows { for score in row.scores where score.hard == 0 { reference = max(reference, score.soft) } }
                var means: [Int: [Double]] = [:]
                for row in rows {
                    let gaps = row.scores.map { 100 * (reference - $0.soft) / max(1e-9, abs(reference)) }
                    let mean = gaps.reduce(0, +) / Double(gaps.count)
                    means[row.threads, default: []].append(mean)
                    let soft = row.scores.map(\.soft).reduce(0, +) / Double(row.scores.count)
                    BenchmarkSuite.emit(["\(leaders)", typology.rawValue, "\(row.limit)", "\(row.threads)", String(format: "%.3f", mean),
                                         String(format: "%.3f", gaps.max() ?? 0), "\(row.scores.filter { $0.hard > 0 }.count)/\(row.scores.count)",
                                         formatScore(soft), formatScore(reference), row.scores.map { formatScore($0.soft) }.joined(separator: " ")]
                                            .joined(separator: "\t"))
                }
                for (threads, list) in means.sorted(by: { $0.key < $1.key }) {
                    let monotone = zip(list, list.dropFirst()).allSatisfy { $1 <= $0 + 1e-9 }
                    BenchmarkSuite.emit("\(leaders)\t\(typology.rawValue)\tthreads \(threads): mean gap " + (monotone ? "falls with time" : "NOT monotone"))
                }
            }
        }
    }

    static func hard(arguments: [String]) {
        let sizes = values(arguments, "--hard-sizes")?.compactMap { Int($0) } ?? [60, 300]
        let seeds = values(arguments, "--hard-seeds")?.compactMap { UInt64($0) } ?? [1, 2, 3, 4, 5]
        let seconds = values(arguments, "--hard-seconds")?.first.flatMap { Double($0) } ?? 1
        let moves = values(arguments, "--hard-moves")?.first.flatMap { Double($0) }.map { Int($0) }
        let typologies = values(arguments, "--typologies")?.compactMap { Typology(name: $0) } ?? Typology.allCases
        let rules: [(String, Set<PlantedRules.Rule>)] = PlantedRules.Rule.allCases.map { ($0.rawValue, [$0]) } + [("all", Set(PlantedRules.Rule.allCases))]
        BenchmarkSuite.emit("hard: planted rules kept by a known grouping; \(seconds) s, 1 thread, roster seeds \(seeds.map(String.init).joined(separator: ","))")
        BenchmarkSuite.emit(["roster", "typology", "rules", "runs with a hard rule broken", "hard per run", "soft per run"].joined(separator: "\t"))
        var total = 0, broken = 0
        for leaders in sizes {
            for typology in typologies {
                for (name, set) in rules {
                    var counts: [Int] = [], rulesBroken = Set<String>(), softs: [Double] = []
                    for seed in seeds {
                        guard let planted = try? PlantedRules(leaders: leaders, seed: seed, typology: typology, rules: set),
                              let prepared = try? Pipeline.prepare(planted.problem) else { counts.append(-1); continue }
                        let outcome = Pipeline.solve(prepared, options: SolverOptions(seed: 1, threads: 1, termination: moves.map { Termination(moves: $0) } ?? Termination(seconds: seconds)))
                        counts.append(outcome.score.hard)
                        softs.append(outcome.score.soft)
                        for rule in outcome.context.breakdown.rules where rule.broken > 0 { rulesBroken.insert(rule.id) }
                    }
                    total += counts.count
                    broken += counts.filter { $0 != 0 }.count
                    BenchmarkSuite.emit(["\(leaders)", typology.rawValue, name, "\(counts.filter { $0 != 0 }.count)/\(counts.count)",
                                         counts.map { $0 < 0 ? "refused" : "\($0)" }.joined(separator: " ")
                                            + (rulesBroken.isEmpty ? "" : " (\(rulesBroken.sorted().joined(separator: ", ")))"),
                                         softs.map(formatScore).joined(separator: " ")].joined(separator: "\t"))
                }
            }
        }
        BenchmarkSuite.emit("hard: \(broken) of \(total) runs broke a hard rule a known grouping keeps")
    }
}
