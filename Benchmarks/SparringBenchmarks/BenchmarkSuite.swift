import Dispatch
import Foundation
import SparringEngine
import SparringIO
import SparringModel
import SparringSolver

/// The benchmark target: a fixed suite run in release mode that prints one table row per case.
///
/// Usage: `swift run -c release SparringBenchmarks [--quick] [--only rosters|load|mdgp] [--seconds S] [--threads N]
/// [--roster-sizes 300,5000] [--mdgp-sizes 120,240,480] [--mdgp-filter TEXT] [--mdgp-dir DIR]`
///
/// MDGPLIB instances are read from `../shared/mdgp` (or `--mdgp-dir`) with their best-known values.
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
        emit("machine: \(ProcessInfo.processInfo.activeProcessorCount) cores, \(ProcessInfo.processInfo.physicalMemory >> 30) GiB; threads: \(threads)")
        if only == nil || only == "load" { loadBenchmark(leaders: quick ? 5_000 : 30_000) }
        if only == nil || only == "mdgp" {
            let sizes = (value("--mdgp-sizes") ?? (quick ? "120" : "120,240,480")).split(separator: ",").compactMap { Int($0) }
            let directory = value("--mdgp-dir") ?? defaultMDGPDirectory()
            mdgpBenchmarks(directory: directory, sizes: sizes, filter: value("--mdgp-filter") ?? (quick ? "_01" : nil),
                           secondsOverride: secondsOverride, threads: threads)
        }
        if only == nil || only == "rosters" {
            var sizes: [(Int, Double)] = quick ? [(300, 1)] : [(300, 3), (5_000, 10), (30_000, 60)]
            if let asked = value("--roster-sizes") {
                sizes = asked.split(separator: ",").compactMap { Int($0) }.map { ($0, $0 <= 1_000 ? 3 : $0 <= 10_000 ? 10 : 60) }
            }
            rosterBenchmarks(sizes: sizes.map { ($0.0, secondsOverride ?? $0.1) }, threads: threads)
        }
        emit("peak resident memory: \(peakResidentMegabytes()) MB")
        return 0
    }

    /// `shared/mdgp` beside the repository (the workspace layout), found from this source file.
    static func defaultMDGPDirectory() -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/mdgp").path
    }

    /// The published time limit per instance size (TPSDP protocol).
    static func mdgpTimeLimit(_ n: Int) -> Double { n <= 120 ? 3 : n <= 240 ? 20 : n <= 480 ? 120 : 600 }

    static func mdgpBenchmarks(directory: String, sizes: [Int], filter: String?, secondsOverride: Double?, threads: Int) {
        guard let table = try? String(contentsOfFile: directory + "/bks.tsv", encoding: .utf8) else {
            emit("mdgp: no best-known values at \(directory)/bks.tsv; skipped (pass --mdgp-dir)")
            return
        }
        var bks: [String: Double] = [:]
        for line in table.split(separator: "\n").dropFirst() {
            let cells = line.split(separator: "\t")
            if cells.count >= 2, let value = Double(cells[1]) { bks[String(cells[0])] = value }
        }
        emit(row(["instance", "n", "groups", "seconds", "Mmoves/s/core", "objective", "best known", "gap %"]))
        var gaps: [Int: [Double]] = [:]
        for set in ["RanReal", "RanInt", "Geo"] {
            let folder = directory + "/instances/" + set
            let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
            for file in files {
                guard let best = bks[file], sizes.contains(where: { file.contains(String(format: "_n%03d_", $0)) }),
                      filter.map({ file.contains($0) }) ?? true else { continue }
                guard let instance = try? MDGPInstance.read(path: folder + "/" + file) else { continue }
                let seconds = secondsOverride ?? mdgpTimeLimit(instance.elements)
                let result = Solver.solve(distances: instance.distances, elements: instance.elements, lower: instance.lowerBounds,
                                          upper: instance.upperBounds,
                                          options: SolverOptions(seed: 1, threads: threads, termination: Termination(seconds: seconds, stagnation: nil)))
                let objective = instance.objective(groups: result.groups)
                let gap = 100 * (best - objective) / best
                gaps[instance.elements, default: []].append(gap)
                emit(row([file.replacingOccurrences(of: ".txt", with: ""), "\(instance.elements)", "\(instance.groups)",
                          String(format: "%.2f", result.seconds), String(format: "%.2f", Double(result.moves) / result.seconds / Double(threads) / 1e6),
                          String(format: "%.3f", objective), String(format: "%.3f", best), String(format: "%.3f", gap)]))
            }
        }
        for n in gaps.keys.sorted() {
            let list = gaps[n]!
            emit("mdgp n=\(n): \(list.count) instances, average gap \(String(format: "%.3f", list.reduce(0, +) / Double(list.count)))%, worst \(String(format: "%.3f", list.max()!))%")
        }
    }

    static func loadBenchmark(leaders: Int) {
        let text = RosterGenerator(leaders: leaders, seed: 1, danish: true, semicolon: true).render()
        let bytes = Array(text.utf8)
        let start = DispatchTime.now().uptimeNanoseconds
        let table = try! CSVReader.parse(bytes: bytes, file: "generated.csv")
        let loaded = try! RosterLoader.load(table: table)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        emit("load: \(loaded.roster.count) leaders, \(bytes.count / 1024) KiB, \(String(format: "%.3f", seconds)) s")
    }

    static func rosterBenchmarks(sizes: [(leaders: Int, seconds: Double)], threads: Int) {
        emit(row(["instance", "n", "groups", "seconds", "Mmoves/s/core", "hard", "soft", "typology measure"]))
        for (leaders, seconds) in sizes {
            let text = RosterGenerator(leaders: leaders, seed: 7, danish: true, semicolon: true).render()
            let roster = try! RosterLoader.load(table: CSVReader.parse(bytes: Array(text.utf8), file: "generated.csv")).roster
            for typology in Typology.allCases {
                // The same pipeline as `sparring solve`: group count, set-up check, score, search, labels, explanation.
                let prepared = try! Pipeline.prepare(Problem(roster: roster, settings: RuleSettings(typology: typology)))
                let outcome = Pipeline.solve(prepared, options: SolverOptions(seed: 1, threads: threads, termination: Termination(seconds: seconds)))
                let result = outcome.search!, groups = prepared.groupCount
                let rate = Double(result.moves) / result.seconds / Double(threads) / 1e6
                emit(row(["roster-\(leaders)-\(typology.rawValue)", "\(leaders)", "\(groups)", String(format: "%.2f", result.seconds),
                           String(format: "%.2f", rate), "\(outcome.score.hard)", formatScore(outcome.score.soft),
                           typologyMeasure(roster: roster, settings: prepared.settings, groups: result.groups, groupCount: groups)]))
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

    /// Writes a line to stdout at once (rows appear as they finish, even through a pipe).
    static func emit(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    static func row(_ cells: [String]) -> String {
        let widths = [24, 6, 7, 8, 14, 11, 12, 0]
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
