import Dispatch
import Foundation
import SparringIO
import SparringModel
import SparringSolver

/// The benchmark target: a fixed suite run in release mode that prints one table row per case.
///
/// Usage: `swift run -c release SparringBenchmarks [--quick] [--only rosters|load] [--seconds S] [--threads N]`
enum BenchmarkSuite {
    static func run(arguments: [String]) -> Int32 {
        let quick = arguments.contains("--quick")
        func value(_ name: String) -> String? {
            guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return nil }
            return arguments[i + 1]
        }
        let only = value("--only")
        let threads = value("--threads").flatMap(Int.init) ?? ProcessInfo.processInfo.activeProcessorCount
        let secondsOverride = value("--seconds").flatMap(Double.init)
        print("machine: \(ProcessInfo.processInfo.activeProcessorCount) cores, \(ProcessInfo.processInfo.physicalMemory >> 30) GiB; threads: \(threads)")
        if only == nil || only == "load" { loadBenchmark(leaders: quick ? 5_000 : 30_000) }
        if only == nil || only == "rosters" {
            let sizes: [(Int, Double)] = quick ? [(300, 1)] : [(300, 3), (5_000, 10), (30_000, 60)]
            rosterBenchmarks(sizes: sizes.map { ($0.0, secondsOverride ?? $0.1) }, threads: threads)
        }
        print("peak resident memory: \(peakResidentMegabytes()) MB")
        return 0
    }

    static func loadBenchmark(leaders: Int) {
        let text = RosterGenerator(leaders: leaders, seed: 1, danish: true, semicolon: true).render()
        let bytes = Array(text.utf8)
        let start = DispatchTime.now().uptimeNanoseconds
        let table = try! CSVReader.parse(bytes: bytes, file: "generated.csv")
        let loaded = try! RosterLoader.load(table: table)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        print("load: \(loaded.roster.count) leaders, \(bytes.count / 1024) KiB, \(String(format: "%.3f", seconds)) s")
    }

    static func rosterBenchmarks(sizes: [(leaders: Int, seconds: Double)], threads: Int) {
        print(row(["instance", "n", "groups", "seconds", "Mmoves/s/core", "hard", "soft", "typology measure"]))
        for (leaders, seconds) in sizes {
            let text = RosterGenerator(leaders: leaders, seed: 7, danish: true, semicolon: true).render()
            let roster = try! RosterLoader.load(table: CSVReader.parse(bytes: Array(text.utf8), file: "generated.csv")).roster
            for typology in Typology.allCases {
                let settings = RuleSettings(typology: typology)
                let groups = settings.sizing.preferredGroupCount(leaders: roster.count)!
                let model = try! ScoreModel(roster: roster, settings: settings, groups: groups)
                let result = Solver.solve(model, options: SolverOptions(seed: 1, threads: threads, termination: Termination(seconds: seconds)))
                let rate = Double(result.moves) / result.seconds / Double(threads) / 1e6
                print(row(["roster-\(leaders)-\(typology.rawValue)", "\(leaders)", "\(groups)", String(format: "%.2f", result.seconds),
                           String(format: "%.2f", rate), "\(result.score.hard)", formatScore(result.score.soft),
                           typologyMeasure(roster: roster, settings: settings, groups: result.groups, groupCount: groups)]))
            }
        }
    }

    /// The issue's yardstick for each typology: share of achievable pure membership, or pairs over the lower bound.
    static func typologyMeasure(roster: Roster, settings: RuleSettings, groups: [Int32], groupCount: Int) -> String {
        let field = roster.attributeIndex(named: "field")!, rank = roster.attributeIndex(named: "rank")!
        func purity(_ attributes: [Int], mixed: Int? = nil) -> String {
            let got = CompositionMetrics.pureMembership(roster: roster, groups: groups, groupCount: groupCount, attributes: attributes, mixed: mixed)
            let best = CompositionMetrics.achievablePureMembership(roster: roster, attributes: attributes, mixed: mixed, sizing: settings.sizing)
            return "pure \(got)/\(best) = \(String(format: "%.1f", 100 * Double(got) / Double(max(1, best))))%"
        }
        switch settings.typology {
        case .local: return purity([field, rank])
        case .cross: return purity([rank])
        case .sector: return purity([field], mixed: rank)
        case .broad:
            let parts = [field, rank].map { a -> String in
                let got = CompositionMetrics.sameValuePairs(roster: roster, groups: groups, groupCount: groupCount, attribute: a)
                let bound = CompositionMetrics.sameValuePairsLowerBound(roster: roster, attribute: a, groupCount: groupCount)
                return "\(roster.attributes[a].key) pairs \(got)/\(bound) = +\(String(format: "%.1f", 100 * Double(got - bound) / Double(max(1, bound))))%"
            }
            return parts.joined(separator: ", ")
        }
    }

    static func row(_ cells: [String]) -> String {
        let widths = [24, 6, 7, 8, 14, 5, 10, 0]
        return zip(cells, widths).map { cell, width in cell.count >= width ? cell : cell + String(repeating: " ", count: width - cell.count) }.joined(separator: " ")
    }

    /// Peak resident set size of this process (VmHWM), in MB; 0 where /proc is not available.
    static func peakResidentMegabytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
        return kilobytes / 1024
    }
}
