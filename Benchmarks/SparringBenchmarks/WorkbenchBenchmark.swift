import Foundation
import SparringEngine
import SparringIO
import SparringModel
import SparringReport
import SparringServer
import SparringSolver
import SparringWorkbench

/// How fast the workbench answers a hand move: `--only workbench [--workbench-sizes 40,300,5000]`.
///
/// Per roster size (generated Danish rosters, broad typology, a 1-second one-thread search first): the median
/// and worst of 30 swaps answered through the API in process (re-score, re-explain, render the state), and
/// the parts: the score with its rule-by-rule breakdown (`GroupingContext`), the explanation, and the state
/// document; then 30 more swaps with the session saved to a file (each change written and flushed to the disk
/// before it is answered, as `serve` does), and the file's size after them. The socket adds well under a
/// millisecond on loopback.
enum WorkbenchBenchmark {
    static func run(sizes: [Int]) {
        BenchmarkSuite.emit(BenchmarkSuite.row(["workbench", "n", "groups", "swap median ms", "swap worst ms", "score ms", "explain ms", "state ms", "state KiB",
                                                 "saved swap median ms", "saved swap worst ms", "session KiB"]))
        for leaders in sizes {
            let text = RosterGenerator(leaders: leaders, seed: 7, danish: true, semicolon: true).render()
            let roster = try! RosterLoader.load(table: CSVReader.parse(bytes: Array(text.utf8), file: "generated.csv")).roster
            let problem = Problem(roster: roster, settings: RuleSettings(typology: .broad), words: Words(.da))
            let workbench = try! Workbench(setup: Workbench.Setup(problem: problem, rosterPath: "generated.csv", threads: 1, seconds: 1))
            let api = WorkbenchAPI(workbench)
            let arrangement = workbench.current
            var first = [Int](repeating: -1, count: arrangement.labels.count)
            for (i, g) in arrangement.groups.enumerated() where first[Int(g)] < 0 { first[Int(g)] = i }
            func request(_ path: String, _ body: String = "") -> HTTPRequest {
                HTTPRequest(method: body.isEmpty ? "GET" : "POST", path: path, body: Array(body.utf8))
            }
            var swaps: [Double] = []
            for k in 0..<30 {
                let (a, b) = (roster.ids[first[k % first.count]], roster.ids[first[(k * 7 + 1) % first.count]])
                swaps.append(milliseconds { _ = api.respond(to: request("/api/swap", #"{"a":"\#(a)","b":"\#(b)"}"#)) })
            }
            swaps.sort()
            let prepared = try! Pipeline.prepare(problem, checkSetup: false)
            let current = workbench.current
            var context: GroupingContext?
            let score = median(5) { context = GroupingContext(roster: roster, model: prepared.model, groups: current.groups, labels: current.labels, settings: prepared.settings, words: Words(.da)) }
            let explain = median(5) { _ = Explanation(context!, leaderStories: false) }
            var size = 0
            let state = median(5) { size = api.respond(to: request("/api/state")).body.count }
            // The same swaps with every change saved first (fdatasync on this machine's disk).
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sparring-bench-\(getpid())").path
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let file = folder + "/generated.csv.sparring-session"
            let (journal, _) = try! SessionJournal.claim(path: file)
            try! workbench.keep(in: journal, header: SessionJournal.Header(roster: "generated.csv", digest: "", language: .da, arguments: [], ids: roster.ids))
            var saved: [Double] = []
            for k in 0..<30 {
                let (a, b) = (roster.ids[first[(k + 3) % first.count]], roster.ids[first[(k * 5 + 2) % first.count]])
                saved.append(milliseconds { _ = api.respond(to: request("/api/swap", #"{"a":"\#(a)","b":"\#(b)"}"#)) })
            }
            saved.sort()
            let sessionSize = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
            journal.release()
            BenchmarkSuite.emit(BenchmarkSuite.row(["roster-\(leaders)", "\(leaders)", "\(current.labels.count)", format(swaps[swaps.count / 2]), format(swaps.last!),
                                                    format(score), format(explain), format(state), "\(size / 1024)",
                                                    format(saved[saved.count / 2]), format(saved.last!), "\(sessionSize / 1024)"]))
        }
    }

    static func milliseconds(_ body: () -> Void) -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
    }

    static func median(_ runs: Int, _ body: () -> Void) -> Double {
        (0..<runs).map { _ in milliseconds(body) }.sorted()[runs / 2]
    }

    static func format(_ ms: Double) -> String { String(format: "%.1f", ms) }
}
