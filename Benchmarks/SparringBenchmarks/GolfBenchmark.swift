import Foundation
import SparringIO
import SparringModel
import SparringSolver

/// `--only golf`: the Social Golfer Problem as a public yardstick for `sparring plan`. Instance g-s-w: g·s
/// leaders without attributes in g groups of exactly s, planned over w rounds with `--no-repeat`; the time until no
/// pair meets twice, one thread, one run per instance (`--golf-seconds`, default 60, is the limit; `--golf-instances`
/// picks them; `--seed`).
///
/// Published, for comparison: GroupMixer's log solves 8-4-10 in 1.9–6.0 s; Triska & Musliu's local search reaches
/// 8-4-10 and 10-4-10; plain local search (Dotú & Van Hentenryck) stops at 10-4-9.
enum GolfBenchmark {
    static func run(arguments: [String]) {
        func value(_ name: String) -> String? {
            guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return nil }
            return arguments[i + 1]
        }
        let seconds = value("--golf-seconds").flatMap(Double.init) ?? 60
        let seed = value("--seed").flatMap(UInt64.init) ?? 1
        let instances = (value("--golf-instances") ?? "5-3-7,8-4-9,8-4-10,9-4-9,10-4-9,10-4-10,6-6-3,7-7-8,10-3-13")
            .split(separator: ",").compactMap { text -> (Int, Int, Int)? in
                let parts = text.split(separator: "-").compactMap { Int($0) }
                return parts.count == 3 ? (parts[0], parts[1], parts[2]) : nil
            }
        print("instance     golfers  reached  seconds   repeats  M moves/s")
        for (g, s, w) in instances {
            let n = g * s
            let text = "id,name\n" + (1...n).map { "\($0),P\($0)" }.joined(separator: "\n")
            guard let roster = try? RosterLoader.load(table: CSVReader.parse(bytes: Array(text.utf8), file: "golf.csv")).roster,
                  let model = try? ScoreModel(roster: roster, settings: RuleSettings(sizing: GroupSizing(minSize: s, maxSize: s), groups: g,
                                                                                      wishWeight: 0, purityWeight: 0), groups: g) else {
                print("\(g)-\(s)-\(w): cannot build the instance")
                continue
            }
            var options = PlanOptions(seed: seed, termination: Termination(seconds: seconds, stagnation: nil), noRepeat: true, firstShare: 0)
            options.stopAtNoRepeat = true
            let plan = Planner.plan(model, rounds: w, options: options)
            let name = "\(g)-\(s)-\(w)".padding(toLength: 12, withPad: " ", startingAt: 0)
            print(name + " " + String(n).padding(toLength: 8, withPad: " ", startingAt: 0)
                  + (plan.repeats == 0 ? "yes      " : "no       ")
                  + String(format: "%-9.2f %-8d %.2f", plan.seconds, plan.repeats, Double(plan.moves) / max(plan.seconds, 1e-9) / 1e6))
        }
    }
}
