import SparringEngine
import SparringModel
import SparringReport
import SparringSolver

/// The rules an arrangement is scored under: the rule settings and the weights of the round rules (history,
/// previous grouping, keep-together sets), which the workbench's controls tune too.
public struct Rules: Sendable, Equatable {
    public var settings: RuleSettings
    public var historyWeight: Double
    public var stabilityWeight: Double
    /// Nil: keep-together is a hard rule.
    public var togetherWeight: Double?

    public init(settings: RuleSettings, rounds: RoundRules) {
        self.settings = settings
        historyWeight = rounds.historyWeight
        stabilityWeight = rounds.stabilityWeight
        togetherWeight = rounds.togetherWeight
    }

    /// `rounds` with these weights.
    func applied(to rounds: RoundRules) -> RoundRules {
        var rounds = rounds
        rounds.historyWeight = historyWeight
        rounds.stabilityWeight = stabilityWeight
        rounds.togetherWeight = togetherWeight
        return rounds
    }
}

/// One state of the workbench, as undo and scenarios keep it: the rules, the grouping with its labels, and
/// who is pinned (to the group they are in).
public struct Arrangement: Sendable, Equatable {
    public var rules: Rules
    /// 0-based group per leader.
    public var groups: [Int32]
    public var labels: [String]
    /// Per leader: pinned to their current group.
    public var pinned: [Bool]

    public init(rules: Rules, groups: [Int32], labels: [String], pinned: [Bool]) {
        self.rules = rules
        self.groups = groups
        self.labels = labels
        self.pinned = pinned
    }

    /// The pins as the score sees them: per leader their group when pinned, else −1. O(n).
    var pins: [Int32] { pinned.contains(true) ? groups.indices.map { pinned[$0] ? groups[$0] : -1 } : [] }

    /// Members per group. O(n).
    var sizes: [Int] {
        var sizes = [Int](repeating: 0, count: labels.count)
        for g in groups { sizes[Int(g)] += 1 }
        return sizes
    }
}

/// An arrangement scored and explained: the prepared problem (kept while rules and pins stay the same, so a
/// move only re-scores) and the outcome the page shows.
struct Scored: Sendable {
    let prepared: PreparedProblem
    let outcome: Outcome
    /// What the prepared problem was compiled for.
    let rules: Rules
    let pins: [Int32]

    var context: GroupingContext { outcome.context }
    var explanation: Explanation { outcome.explanation }
}

/// A result kept to compare: a name, the arrangement, and its figures as scored when kept.
struct Scenario: Sendable, Equatable {
    /// Its number, 1, 2, … in the order kept; never reused in a session.
    var number: Int
    var name: String
    var arrangement: Arrangement
    var hard: Int
    var soft: Double
    /// Each rule's key, title and points, in rule order (``StateDocument/ruleLines(_:)``).
    var rules: [RuleFigure]

    /// One rule's line of a scenario's score.
    struct RuleFigure: Sendable, Equatable {
        var key: String
        var title: String
        var points: Double
    }
}

/// The share of same-group pairs of `a` that are together in `b` too (1 when `a` has no pairs).
/// - Complexity: O(n + groups of a × groups of b) in a dictionary of the group pairs that occur.
func sharedPairs(_ a: [Int32], _ b: [Int32]) -> Double {
    var both: [Int64: Int] = [:], sizes: [Int32: Int] = [:]
    for i in a.indices where i < b.count {
        both[Int64(a[i]) << 32 | Int64(b[i]), default: 0] += 1
        sizes[a[i], default: 0] += 1
    }
    let total = sizes.values.reduce(0) { $0 + $1 * ($1 - 1) / 2 }
    guard total > 0 else { return 1 }
    return Double(both.values.reduce(0) { $0 + $1 * ($1 - 1) / 2 }) / Double(total)
}
