import Testing
import SparringIO
import SparringModel
@testable import SparringSolver

/// Each hard and composition rule's value on a grouping worked out by hand: given these members, expect these
/// points and this hard count (rule by rule, from scratch).
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
