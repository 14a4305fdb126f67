import Testing
import SparringIO
import SparringModel
@testable import SparringSolver

/// Each rule's value on a grouping worked out by hand: given these members, expect these points and this hard
/// count (rule by rule, from scratch). Hard and composition rules here; the soft rules in ``SoftRuleValueTests``;
/// `--spread` in its own test.
struct RuleValueTests {
    /// Twelve leaders: unit, gender, the days each can meet (empty: any day).
    static let rows = """
        id;navn;enhed;køn;dage
        1;A;U1;kvinde;mandag
        2;B;U1;kvinde;mandag
        3;C;U1;mand;tirsdag
        4;D;U2;mand;mandag|tirsdag
        5;E;U2;kvinde;onsdag
        6;F;U2;kvinde;
        7;G;U1;mand;mandag
        8;H;U1;kvinde;onsdag
        9;I;U2;mand;onsdag
        10;J;U2;kvinde;onsdag
        11;K;U1;mand;mandag|onsdag
        12;L;U2;kvinde;

        """

    /// Group 1: A B C D F G; group 2: E H I J K L.
    static let grouping: [Int32] = [0, 0, 0, 0, 1, 0, 0, 1, 1, 1, 1, 1]

    struct Case: CustomTestStringConvertible, Sendable {
        let rule: String
        let hard: Int
        let soft: Double
        let why: String
        var testDescription: String { "\(rule): \(why)" }
    }

    static func model(softVariants: Bool) throws -> ScoreModel {
        let roster = try RosterLoader.load(table: CSVReader.parse(bytes: Array(rows.utf8), file: "hand.csv")).roster
        var settings = RuleSettings(typology: .broad, groups: 2)
        settings.atMost = [AtMostSetting(attribute: "enhed", count: 2)]
        settings.atLeast = [AtLeastSetting(attribute: "køn", condition: .equals("mand"), count: 3)]
        settings.meet = "dage"
        if softVariants {
            settings.atMostWeight = 2
            settings.meetWeight = 3
        }
        var rounds = RoundRules()
        rounds.togetherSets = [[0, 1], [3, 4]]
        rounds.togetherNames = ["S", "T"]
        rounds.pins = [1] + [Int32](repeating: -1, count: 11)
        return try ScoreModel(roster: roster, settings: settings, groups: 2, rounds: rounds)
    }

    static let hardCases: [Case] = [
        Case(rule: "group-sizes", hard: 0, soft: 0, why: "two groups of six, within 5–7"),
        Case(rule: "pins", hard: 1, soft: 0, why: "A is pinned to group 2 but sits in group 1"),
        Case(rule: "keep-together", hard: 1, soft: 0, why: "A and B together; D and E split"),
        Case(rule: "at-most", hard: 4, soft: 0, why: "group 1 holds four of U1 (two beyond 2), group 2 four of U2 (two beyond)"),
        Case(rule: "meeting-days", hard: 1, soft: 0, why: "group 1: mandag (A B G), tirsdag (C) share no day; group 2 shares onsdag"),
        Case(rule: "at-least", hard: 0, soft: -5000, why: "group 2 has two men of three wanted: one missing, 5 · 2000 / 2 points"),
    ]

    static let softCases: [Case] = [
        Case(rule: "at-most", hard: 0, soft: -400, why: "four members beyond the limit, 2 · 100 / 2 points each"),
        Case(rule: "meeting-days", hard: 0, soft: -150, why: "one group without a shared day, 3 · 100 / 2 points"),
    ]

    @Test(arguments: hardCases)
    func hardRulesByHand(_ expected: Case) throws {
        try check(expected, try Self.model(softVariants: false))
    }

    @Test(arguments: softCases)
    func softVariantsByHand(_ expected: Case) throws {
        try check(expected, try Self.model(softVariants: true))
    }

    func check(_ expected: Case, _ model: ScoreModel) throws {
        let rule = try #require(model.rules.first { $0.id == expected.rule && $0.isActive }, "\(expected.rule) is not active")
        let value = rule.score(Placement(groups: Self.grouping, groupCount: 2), in: model)
        #expect(value.hard == expected.hard, "\(expected.why)")
        #expect(abs(value.soft - expected.soft) < 1e-9, "\(expected.why): \(value.soft)")
    }
}

/// The soft rules' values by hand, on eight leaders in two groups of four (n = 8: 12 pairs per grouping of 56
/// ordered pairs, so two given leaders share a group by chance with probability 3/7).
struct SoftRuleValueTests {
    /// A wishes C, D wishes E; seniority 2, 4, …, 16 (mean 9, sample variance 24); five women, three men.
    static let rows = """
        id;navn;fagområde;lederniveau;køn;anciennitet;ønsker
        1;A;Skole;leder;kvinde;2;3
        2;B;Skole;leder;mand;4;
        3;C;Skole;leder;kvinde;6;
        4;D;Skole;leder;mand;8;5
        5;E;Dagtilbud;chef;kvinde;10;
        6;F;Dagtilbud;chef;mand;12;
        7;G;Dagtilbud;chef;kvinde;14;
        8;H;Ældre;chef;kvinde;16;

        """

    /// Group 1: A B C D (all Skole leaders); group 2: E F G H.
    static let grouping: [Int32] = [0, 0, 0, 0, 1, 1, 1, 1]
    /// Last year (history and previous grouping): A B E F and C D G H.
    static let lastYear: [Int32] = [0, 0, 1, 1, 0, 0, 1, 1]

    static func model() throws -> ScoreModel {
        let roster = try RosterLoader.load(table: CSVReader.parse(bytes: Array(rows.utf8), file: "soft.csv")).roster
        // Local networks; field and rank pairs switched off so that only gender counts same-value pairs (−2, the
        // default), seniority keeps its default numeric weight (−1), gender its lone-member weight (5).
        var settings = RuleSettings(typology: .local, sizing: GroupSizing(minSize: 3, maxSize: 5), groups: 2,
                                    weights: ["fagområde": 0, "lederniveau": 0])
        settings.balance = [BalanceSetting(attribute: "anciennitet", weight: 3)]
        var rounds = RoundRules()
        rounds.setHistory([lastYear])
        rounds.previousGroup = lastYear
        rounds.previousLabels = ["P1", "P2"]
        return try ScoreModel(roster: roster, settings: settings, groups: 2, rounds: rounds)
    }

    static let cases: [RuleValueTests.Case] = [
        .init(rule: "attribute-pairs", hard: 0, soft: -200.0 * 56 / (12 * 26) * 5 + 200,
              why: "gender: 26 ordered same-value pairs of 56, so 12 · 26 / 56 expected; 2 + 3 found; −2 · 100 · (1 − found / expected)"),
        .init(rule: "numeric-spread", hard: 0, soft: -100 + 160.0 * 100 / 576,
              why: "seniority: spread k·Σx² − (Σx)² = 80 + 80; expected 12 · 2 · 24 = 576; −1 · 100 · (1 − 160 / 576)"),
        .init(rule: "lone-member", hard: 0, soft: -250, why: "F is the only man of group 2: 5 · 100 / 2 groups"),
        .init(rule: "balance", hard: 0, soft: 300 * (1 - 128.0 / 24),
              why: "group means 5 and 13 around 9: between 4 · 16 + 4 · 16 = 128, expected 24 · (2 − 1); 3 · 100 · (1 − 128 / 24)"),
        .init(rule: "wishes", hard: 0, soft: 100, why: "A's wish granted, D's not: 2 · 100 / 2 wishes each"),
        .init(rule: "pure-groups", hard: 0, soft: 4 * 5 * 1000 / 8,
              why: "group 1 is pure (Skole leaders), group 2 mixes fields and ranks: 4 leaders · 5 · 1000 / 8"),
        .init(rule: "meeting-again", hard: 0, soft: 500 - 4 * 500.0 * 7 / 36,
              why: "12 pairs met last year (expected together 12 · 3/7); A–B, C–D, E–F, G–H meet again: 5 · 100 − 4 · 500 / (36/7)"),
        .init(rule: "stability", hard: 0, soft: -500 + 4 * 500.0 * 7 / 36,
              why: "12 previous pairs (expected together 36/7); 4 still together: −5 · 100 + 4 · 500 / (36/7)"),
    ]

    @Test(arguments: cases)
    func softRulesByHand(_ expected: RuleValueTests.Case) throws {
        let model = try Self.model()
        let rule = try #require(model.rules.first { $0.id == expected.rule && $0.isActive }, "\(expected.rule) is not active")
        let placement = Placement(groups: Self.grouping, groupCount: 2)
        let value = rule.score(placement, in: model)
        #expect(value.hard == expected.hard, "\(expected.why)")
        #expect(abs(value.soft - expected.soft) < 1e-9, "\(expected.why): \(value.soft)")
        // The report says the same.
        #expect(abs(rule.report(placement, in: model, naming: .plain(model.roster)).points - expected.soft) < 1e-9)
    }

    /// Every soft rule this roster switches on has a case (a case dropped, or a rule that stops being active here,
    /// fails).
    @Test func theCasesCoverEveryRuleInForce() throws {
        let model = try Self.model()
        let hard = Set(RuleValueTests.hardCases.map(\.rule)).union(["separations", "group-sizes", "pins"])
        let active = model.rules.filter(\.isActive).map(\.id).filter { !hard.contains($0) }
        #expect(active.sorted() == Self.cases.map(\.rule).sorted())
    }
}
