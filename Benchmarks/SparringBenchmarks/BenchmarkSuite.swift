import Dispatch
import Foundation
import SparringEngine
import SparringIO
import SparringModel
import SparringSolver

/// The benchmark target: a fixed suite run in release mode that prints one table row per case.
///
/// Usage: `swift run -c release SparringBenchmarks [--quick] [--only rosters|load|mdgp] [--seconds S] [--threads N]
/// [--roster-sizes 300,5000] [--mdgp-sizes 120,240,480] [--mdgp-filter TEXT|TEXT…] [--mdgp-dir DIR] [--mdgp-seeds 1,2,3]
/// [--mdgp-shard K/N] [--mdgp-moves M]`
///
/// MDGPLIB instances are read from `../shared/mdgp` (or `--mdgp-dir`) with their best-known values.
/// `--mdgp-seeds` runs the published protocol instead: one thread (unless `--threads` says otherwise), one run per
/// seed at the published limit, and compares the seed-averaged gap with TPSDP's average of 20 runs
/// (`tpsdp_results.tsv`, column avg20). `--mdgp-shard K/N` keeps every N-th instance from the K-th (0-based), so
/// that two single-thread processes can share a size. `--mdgp-moves M` replaces the time limit with a budget of M evaluated
/// moves per run (reproducible and immune to a busy machine: for comparing variants, not for the published protocol).
enum BenchmarkSuite {
    static func run(arguments: [String]) -> Int32 {
        let quick = arguments.contains("--quick")
        func value(_ name: String) -> String? {
            guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return nil }
            return arguments[i + 1]
        }
        let only = value("--only")
        let seeds = value("--mdgp-seeds").map { $0.split(separator: ",").compactMap { UInt64($0) } }
        let threads = value("--threads").flatMap(Int.init) ?? (seeds != nil ? 1 : ProcessInfo.processInfo.activeProcessorCount)
        let secondsOverride = value("--seconds").flatMap(Double.init)
        let movesOverride = value("--mdgp-moves").flatMap { Double($0) }.map { Int($0) }
        emit("machine: \(ProcessInfo.processInfo.activeProcessorCount) cores, \(ProcessInfo.processInfo.physicalMemory >> 30) GiB; threads: \(threads)")
        if only == nil || only == "load" { loadBenchmark(leaders: quick ? 5_000 : 30_000) }
        if only == nil || only == "mdgp" {
            let sizes = (value("--mdgp-sizes") ?? (quick ? "120" : "120,240,480")).split(separator: ",").compactMap { Int($0) }
            let directory = value("--mdgp-dir") ?? defaultMDGPDirectory()
            let filter = value("--mdgp-filter") ?? (quick ? "_01" : nil)
            if let seeds, !seeds.isEmpty {
                let shard = value("--mdgp-shard").map { $0.split(separator: "/").compactMap { Int($0) } }
                mdgpProtocol(directory: directory, sizes: sizes, filter: filter, secondsOverride: secondsOverride, movesOverride: movesOverride,
                             threads: threads, seeds: seeds,
                             shard: shard.flatMap { $0.count == 2 && $0[1] > 0 ? ($0[0], $0[1]) : nil })
            } else {
                mdgpBenchmarks(directory: directory, sizes: sizes, filter: filter, secondsOverride: secondsOverride, threads: threads)
            }
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
                      matches(file, filter) else { continue }
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

    /// Whether an instance file name contains one of the `|`-separated parts of `filter` (all, without a filter).
    static func matches(_ file: String, _ filter: String?) -> Bool {
        guard let filter else { return true }
        return filter.split(separator: "|").contains { file.contains($0) }
    }

    /// A tab-separated table keyed by its first column, as rows of cells named by the header.
    static func readTable(_ path: String) -> [String: [String: String]] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [:] }
        let lines = text.split(separator: "\n")
        guard let header = lines.first?.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) else { return [:] }
        var table: [String: [String: String]] = [:]
        for line in lines.dropFirst() {
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard let key = cells.first else { continue }
            table[key] = Dictionary(zip(header, cells), uniquingKeysWith: { a, _ in a })
        }
        return table
    }

    /// The published protocol, seed-averaged: each instance once per seed (one thread, one run, the published limit),
    /// with the mean objective and gap to the best known beside TPSDP's average of 20 runs and its gap; then per size
    /// and per set the mean gap of ours and of TPSDP's avg20 over the same instances.
    static func mdgpProtocol(directory: String, sizes: [Int], filter: String?, secondsOverride: Double?, movesOverride: Int?, threads: Int,
                             seeds: [UInt64],
                             shard: (index: Int, count: Int)?) {
        let bks = readTable(directory + "/bks.tsv"), tpsdp = readTable(directory + "/tpsdp_results.tsv")
        guard !bks.isEmpty else {
            emit("mdgp: no best-known values at \(directory)/bks.tsv; skipped (pass --mdgp-dir)")
            return
        }
        emit("mdgp protocol: threads \(threads), seeds \(seeds.map(String.init).joined(separator: ",")), one run per seed"
             + (shard.map { ", shard \($0.index)/\($0.count)" } ?? ""))
        func cell(_ text: String, _ width: Int) -> String { text.count >= width ? text : text + String(repeating: " ", count: width - text.count) }
        emit([cell("instance", 24), cell("n", 5), cell("s/run", 6), cell("Mmv/s", 6), cell("mean objective", 15), cell("best known", 13),
              cell("gap %", 7), cell("min..max gap %", 16), cell("TPSDP avg20", 13), "TPSDP gap %"].joined(separator: " "))
        struct Tally { var ours = 0.0, theirs = 0.0, count = 0 }
        var tallies: [String: Tally] = [:]
        var index = 0
        for set in ["RanReal", "RanInt", "Geo"] {
            let folder = directory + "/instances/" + set
            let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
            for file in files {
                guard let best = bks[file]?["bks"].flatMap(Double.init), sizes.contains(where: { file.contains(String(format: "_n%03d_", $0)) }),
                      matches(file, filter) else { continue }
                defer { index += 1 }
                if let shard, index % shard.count != shard.index { continue }
                guard let instance = try? MDGPInstance.read(path: folder + "/" + file) else { continue }
                let seconds = secondsOverride ?? mdgpTimeLimit(instance.elements)
                var objectives: [Double] = [], time = 0.0, moves = 0
                for seed in seeds {
                    let result = Solver.solve(distances: instance.distances, elements: instance.elements, lower: instance.lowerBounds,
                                              upper: instance.upperBounds,
                                              options: SolverOptions(seed: seed, threads: threads,
                                                                     termination: movesOverride.map { Termination(moves: $0, stagnation: nil) }
                                                                         ?? Termination(seconds: seconds, stagnation: nil)))
                    objectives.append(instance.objective(groups: result.groups))
                    time += result.seconds
                    moves += result.moves
                }
                let mean = objectives.reduce(0, +) / Double(objectives.count)
                let gap = 100 * (best - mean) / best
                let gaps = objectives.map { 100 * (best - $0) / best }
                let average = tpsdp[file]?["avg20"].flatMap(Double.init)
                let theirGap = average.map { 100 * (best - $0) / best }
                if let theirGap {
                    for key in ["n=\(instance.elements)", "n=\(instance.elements) \(set)"] {
                        tallies[key, default: Tally()].ours += gap
                        tallies[key, default: Tally()].theirs += theirGap
                        tallies[key, default: Tally()].count += 1
                    }
                }
                emit([cell(file.replacingOccurrences(of: ".txt", with: ""), 24), cell("\(instance.elements)", 5),
                      cell(String(format: "%.2f", time / Double(seeds.count)), 6), cell(String(format: "%.1f", Double(moves) / time / Double(threads) / 1e6), 6),
                      cell(String(format: "%.3f", mean), 15), cell(String(format: "%.3f", best), 13), cell(String(format: "%.3f", gap), 7),
                      cell(String(format: "%.3f..%.3f", gaps.min()!, gaps.max()!), 16), cell(average.map { String(format: "%.3f", $0) } ?? "-", 13),
                      theirGap.map { String(format: "%.3f", $0) } ?? "-"].joined(separator: " "))
            }
        }
        for key in tallies.keys.sorted(by: { a, b in
            let na = Int(a.dropFirst(2).prefix { $0.isNumber }) ?? 0, nb = Int(b.dropFirst(2).prefix { $0.isNumber }) ?? 0
            return na != nb ? na < nb : a < b
        }) {
            let t = tallies[key]!
            let ours = t.ours / Double(t.count), theirs = t.theirs / Double(t.count)
            emit("mdgp \(key): \(t.count) instances × \(seeds.count) seeds, mean gap ours \(String(format: "%.3f", ours))%, TPSDP avg20 \(String(format: "%.3f", theirs))% "
                 + (ours <= theirs ? "(ours no worse)" : "(ours worse by \(String(format: "%.3f", ours - theirs)))"))
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
        case .cross: return purity([rank], mixed: field)
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
        // Columns past the named widths (a table with more figures) are 12 wide; the last is not padded.
        let widths = [24, 6, 7, 8, 14, 11, 12]
        return cells.enumerated().map { k, cell in
            let width = k == cells.count - 1 ? 0 : k < widths.count ? widths[k] : 12
            return cell.count >= width ? cell : cell + String(repeating: " ", count: width - cell.count)
        }.joined(separator: " ")
    }

    /// Peak resident set size of this process (VmHWM), in MB; 0 where /proc is not available.
    static func peakResidentMegabytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
        return kilobytes / 1024
    }
}
