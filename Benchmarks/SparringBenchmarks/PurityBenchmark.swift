import Dispatch
import Foundation
import SparringEngine
import SparringIO
import SparringModel
import SparringSolver

/// `--only purity`: how close each typology comes to the pure structure the roster allows, and how that grows
/// with time, on generated Danish rosters the solver was not tuned on (reporting hierarchy, loyalty conflicts,
/// wishes), one thread.
///
/// The bound is computed here from the roster, not by the solver: per stratum of the typology's "same"
/// columns (local: field and rank; sector: field; cross: rank) the most leaders that whole groups of 5–7 can
/// hold — exactly, for strata of up to 14 leaders, also keeping reporting lines and loyalty conflicts out of
/// each group — then lowered so that the leaders left over fill whole mixed groups (two when those who must be
/// left out of a small stratum may not sit together). See
/// ``CompositionMetrics/achievablePureMembership(roster:attributes:mixed:sizing:)``. Pure is the product's own
/// definition (``PureGroups``): every member shares the values and, for `sector` and `cross`, the group holds
/// two ranks (fields); the bound is lowered for strata with too few leaders outside their most common rank
/// (field). For those two a last figure counts the groups that share the values alone, against the bound by
/// sizes alone — what "pure" meant before the mixing half.
///
/// Next to it: hard rules broken, groups where someone is the only man or the only woman, wishes granted.
enum PurityBenchmark {
    static func run(arguments: [String]) {
        func value(_ name: String) -> String? {
            guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return nil }
            return arguments[i + 1]
        }
        let seeds = (value("--roster-seeds") ?? "11,12,13").split(separator: ",").compactMap { UInt64($0) }
        let threads = value("--threads").flatMap(Int.init) ?? 1
        let typologies = (value("--typologies") ?? "local,sector,cross,broad").split(separator: ",").compactMap { Typology(name: String($0)) }
        var cases: [(leaders: Int, seconds: [Double])] = [(300, [0.1, 0.3, 1, 3])]
        if let asked = value("--purity-cases") {
            // e.g. 300:0.1/0.3/1/3,5000:10,30000:60
            cases = asked.split(separator: ",").compactMap { item in
                let parts = item.split(separator: ":")
                guard parts.count == 2, let n = Int(parts[0]) else { return nil }
                return (n, parts[1].split(separator: "/").compactMap { Double($0) })
            }
        }
        BenchmarkSuite.emit("purity: threads \(threads); generated Danish rosters, seeds \(seeds.map(String.init).joined(separator: ","))")
        BenchmarkSuite.emit(["roster", "typology", "seconds", "hard", "pure / bound", "%", "lone ♀/♂ groups", "wishes granted", "soft", "same values only"]
            .joined(separator: "\t"))
        for (leaders, limits) in cases {
            for seed in seeds {
                let text = RosterGenerator(leaders: leaders, seed: seed, danish: true, semicolon: true).render()
                let roster = try! RosterLoader.load(table: CSVReader.parse(bytes: Array(text.utf8), file: "generated.csv")).roster
                for typology in typologies {
                    for seconds in limits {
                        let prepared = try! Pipeline.prepare(Problem(roster: roster, settings: RuleSettings(typology: typology)))
                        let outcome = Pipeline.solve(prepared, options: SolverOptions(seed: 1, threads: threads, termination: Termination(seconds: seconds)))
                        let measure = measurement(roster: roster, prepared: prepared, outcome: outcome)
                        BenchmarkSuite.emit(["\(leaders)-s\(seed)", typology.rawValue, String(format: "%.2f", outcome.search!.seconds),
                                             "\(outcome.score.hard)", measure.pure, measure.percent, measure.lone, measure.wishes,
                                             formatScore(outcome.score.soft), measure.mixing].joined(separator: "\t"))
                    }
                }
            }
        }
    }

    /// Pure membership against the bound (or "–" for broad), lone-gender groups and wishes granted, as the
    /// product's own rule reports count them.
    static func measurement(roster: Roster, prepared: PreparedProblem, outcome: Outcome)
        -> (pure: String, percent: String, lone: String, wishes: String, mixing: String) {
        let settings = prepared.settings, groups = outcome.context.groups, m = prepared.groupCount
        var pure = "–", percent = "–", mixing = ""
        let attributes = settings.pureAttributes(for: roster), mixed = settings.mixedAttribute(for: roster)
        if !attributes.isEmpty {
            let got = CompositionMetrics.pureMembership(roster: roster, groups: groups, groupCount: m, attributes: attributes, mixed: mixed)
            let bound = CompositionMetrics.achievablePureMembership(roster: roster, attributes: attributes, mixed: mixed, sizing: settings.sizing)
            pure = "\(got) / \(bound)"
            percent = String(format: "%.1f", 100 * Double(got) / Double(max(1, bound)))
        }
        if mixed != nil {
            let got = CompositionMetrics.pureMembership(roster: roster, groups: groups, groupCount: m, attributes: attributes)
            let bound = CompositionMetrics.achievablePureMembership(roster: roster, attributes: attributes, sizing: settings.sizing)
            mixing = "\(got) / \(bound)"
        }
        let breakdown = outcome.context.breakdown
        var lone = "0"
        if let gender = roster.attributes.first(where: { $0.role == .gender }),
           let count = breakdown.rule("lone-member")?.figure(gender.key)?.field("groupsWithLoneMember")?.int {
            lone = "\(count)"
        }
        var wishes = "–"
        if let report = breakdown.rule("wishes"), let granted = report.figure("granted")?.int, let total = report.figure("total")?.int {
            wishes = "\(granted) / \(total)"
        }
        return (pure, percent, lone, wishes, mixing)
    }
}
