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
///
/// With a plan of several rounds (`serve --rounds K`), the arrangement holds every round: ``groups`` and
/// ``pinned`` are the round shown (``round``), the other rounds wait in ``otherRounds`` and ``otherPinned`` in
/// round order. Which round is shown is part of the arrangement, so undo goes back to where a change was made.
public struct Arrangement: Sendable, Equatable {
    public var rules: Rules
    /// 0-based group per leader, in the round shown.
    public var groups: [Int32]
    public var labels: [String]
    /// Per leader: pinned to their current group (in the round shown).
    public var pinned: [Bool]
    /// The round shown, 0-based (0 without a plan).
    public var round = 0
    /// The plan's other rounds' groupings, in round order without the one shown (empty without a plan).
    public var otherRounds: [[Int32]] = []
    /// Who is pinned in each of the other rounds, parallel to ``otherRounds``.
    public var otherPinned: [[Bool]] = []
    /// Per group, the facilitator (index into `--facilitators`) the consultant chose for it by hand, or −1; empty
    /// when none was chosen. Kept while the group's members allow it (``FacilitatorAssignment``).
    public var facilitatorChoices: [Int32] = []

    public init(rules: Rules, groups: [Int32], labels: [String], pinned: [Bool]) {
        self.rules = rules
        self.groups = groups
        self.labels = labels
        self.pinned = pinned
    }

    /// A plan's arrangement: every round's grouping (same labels), round `round` shown, nobody pinned.
    init(rules: Rules, plan: [[Int32]], labels: [String], round: Int = 0) {
        let nobody = [Bool](repeating: false, count: plan.first?.count ?? 0)
        self.init(rules: rules, groups: plan[round], labels: labels, pinned: nobody)
        self.round = round
        otherRounds = plan.indices.filter { $0 != round }.map { plan[$0] }
        otherPinned = otherRounds.map { _ in nobody }
    }

    /// Rounds in the plan (1 without one).
    public var roundCount: Int { otherRounds.count + 1 }

    /// Every round's grouping, in round order. O(K · n).
    public var plan: [[Int32]] {
        var rounds = otherRounds
        rounds.insert(groups, at: min(round, rounds.count))
        return rounds
    }

    /// The same plan with round `r` shown. O(K · n).
    func showing(_ r: Int) -> Arrangement {
        guard r != round, (0..<roundCount).contains(r) else { return self }
        var plan = self.plan, pins = otherPinned
        pins.insert(pinned, at: min(round, pins.count))
        var next = self
        next.round = r
        next.groups = plan.remove(at: r)
        next.pinned = pins.remove(at: r)
        next.otherRounds = plan
        next.otherPinned = pins
        return next
    }

    /// The other rounds as the shown round's earlier rounds: farthest first, so that the rounds next to it weigh
    /// most (as `--history` weighs the latest round most). O(K · n).
    var otherRoundsByDistance: [[Int32]] {
        let plan = self.plan
        return plan.indices.filter { $0 != round }.sorted { (abs($0 - round), $1) > (abs($1 - round), $0) }.map { plan[$0] }
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
    /// In a plan, the other rounds it was compiled for (as earlier rounds, ``Arrangement/otherRoundsByDistance``).
    let earlierRounds: [[Int32]]

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
    /// Figures that mean the same whatever the typology and weights (``plainFigures(_:)``), by key; empty for a
    /// scenario kept before they existed.
    var plain: [String: Int] = [:]

    /// One rule's line of a scenario's score.
    struct RuleFigure: Sendable, Equatable {
        var key: String
        var title: String
        var points: Double
    }
}

/// Figures of a scored grouping that mean the same under any typology and weights, so that scenarios of different
/// typologies compare: leaders in groups of the asked typology (`pure`, with `leaders`), wishes granted of all
/// (`wishesGranted`, `wishes`), groups with a lone member (`loneGroups`), pairs meeting again (`meetAgain`); only
/// those the rules in force measure. O(rules).
func plainFigures(_ context: GroupingContext) -> [String: Int] {
    let breakdown = context.breakdown
    var figures: [String: Int] = ["leaders": context.roster.count]
    if let pure = breakdown.rule("pure-groups")?.figure("leadersInPureGroups")?.int { figures["pure"] = pure }
    if let wishes = breakdown.rule("wishes"), let granted = wishes.figure("granted")?.int, let total = wishes.figure("total")?.int {
        figures["wishesGranted"] = granted
        figures["wishes"] = total
    }
    if let lone = breakdown.rule("lone-member") {
        // The most groups with a lone member over the attributes watched.
        let groups = lone.figures.compactMap { $0.value.field("groupsWithLoneMember")?.int }
        if !groups.isEmpty { figures["loneGroups"] = groups.max()! }
    }
    if let again = breakdown.rule("meeting-again")?.figure("pairsMeetingAgain")?.list.count { figures["meetAgain"] = again }
    return figures
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
