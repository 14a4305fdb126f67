import Testing
import SparringIO
import SparringModel
@testable import SparringSolver

/// `--convenor COLUMN`: every group holds a willing member (hard), each group's convenor is its willing member with
/// the most seniority; by hand, against from scratch over random moves, kept by the search, and refused where it
/// cannot be applied.
struct ConvenorTests {
    /// Twelve leaders; 3, 6, 8 and 11 are willing (seniority 4, 9, 9, 2), 12 left empty.
    static let rows = """
        id;navn;anciennitet;tovholder
        1;P1;1;nej
        2;P2;2;nej
        3;P3;4;ja
        4;P4;5;nej
        5;P5;6;Nej
        6;P6;9;JA
        7;P7;3;nej
        8;P8;9;x
        9;P9;1;nej
        10;P10;2;nej
        11;P11;2;ja
        12;P12;7;
        """

    static func model(_ text: String = rows, groups: Int = 3) throws -> ScoreModel {
        let roster = try RosterLoader.load(table: CSVReader.parse(bytes: Array(text.utf8), file: "convenor.csv")).roster
        var settings = RuleSettings(typology: .broad, sizing: GroupSizing(minSize: 3, maxSize: 5), groups: groups, weights: [:], loneWeights: [:],
                                    wishWeight: 0, purityWeight: 0)
        settings.byRule[Convenor.ruleID, as: Convenor.Setting.self] = Convenor.Setting(column: "tovholder")
        let (compiled, compiledSettings) = RuleDescriptors.derived(roster: roster, settings: settings, rounds: RoundRules())
        return try ScoreModel(roster: compiled, settings: compiledSettings, groups: groups, rounds: RoundRules())
    }

    @Test func valueAndConvenorsByHand() throws {
        let model = try Self.model()
        let rule = try #require(model.rules.first { $0.id == Convenor.ruleID } as? Convenor)
        // Group 1: 1–4 (3 willing), group 2: 5–8 (6 and 8 willing, both 9 years: the first in roster order), group 3: 9–12 (11).
        let even = Placement(groups: (0..<12).map { Int32($0 / 4) }, groupCount: 3)
        #expect(rule.score(even, in: model) == Score(hard: 0, soft: 0))
        #expect(rule.convenors(even, in: model) == [2, 5, 10])
        // Every willing leader in group 1: groups 2 and 3 have none.
        let clumped = Placement(groups: [1, 1, 0, 1, 1, 0, 1, 0, 2, 2, 0, 2], groupCount: 3)
        #expect(rule.score(clumped, in: model) == Score(hard: 2, soft: 0))
        #expect(rule.convenors(clumped, in: model) == [5, nil, nil])
        // The consultant's choice comes first: nr 11 (2 years) marked valgt convenes group 3 over nobody else, and nr 3 (4 years)
        // marked valgt convenes group 1 although nr 6 (9 years) is willing too.
        let chosen = try Self.model(Self.rows.replacingOccurrences(of: "3;P3;4;ja", with: "3;P3;4;valgt"))
        let chosenRule = try #require(chosen.rules.first { $0.id == Convenor.ruleID } as? Convenor)
        #expect(chosenRule.convenors(clumped, in: chosen) == [2, nil, nil])
        #expect(rule.report(clumped, in: model, naming: .plain(model.roster)).problems.map(\.group) == [1, 2])
    }

    /// Over a plan, the role passes on where a group keeps its members: group 2 (6 and 8 willing, 9 years each) has
    /// nr 6 in round 1, nr 8 in round 2, nr 6 again in round 3; groups 1 and 3 have one willing member each.
    @Test func aPlanRotatesTheConvenor() throws {
        let model = try Self.model()
        let everyone = (0..<Int32(12)).map { $0 }, grouping = (0..<12).map { Int32($0 / 4) }
        let rounds = Convenor.rotated(Array(repeating: (model: model, attending: everyone), count: 3), groupings: Array(repeating: grouping, count: 3),
                                      leaderCount: 12)
        #expect(rounds == [[2, 5, 10], [2, 7, 10], [2, 5, 10]])
    }

    @Test func deltasAgreeAndTheSearchGivesEveryGroupOne() throws {
        let model = try Self.model()
        var rng = SeededGenerator(seed: 3)
        var state = SearchState(model: model, groups: Construction.build(model, rng: &rng))
        for step in 0..<800 {
            let i = rng.below(12), j = rng.below(12)
            if rng.below(2) == 0 {
                let h = rng.below(3)
                guard state.canMove(i, to: h) else { continue }
                state.move(i, to: h, delta: state.searchMoveDelta(i, to: h))
            } else {
                guard state.groupOf(i) != state.groupOf(j) else { continue }
                state.swap(i, j, delta: state.searchSwapDelta(i, j))
            }
            if step % 50 == 0 { #expect(state.corruption() == nil, "step \(step)") }
        }
        let result = Solver.solve(model, options: SolverOptions(seed: 1, threads: 1, termination: Termination(moves: 20_000, stagnation: nil)))
        #expect(result.score.hard == 0)
    }

    @Test func refusedWhereItCannotBeApplied() throws {
        // A value that says neither yes nor no.
        #expect(throws: DiagnosticError.self) { try Self.model(Self.rows.replacingOccurrences(of: "1;P1;1;nej", with: "1;P1;1;måske")) }
        // Four willing leaders cannot convene five groups: the set-up check says so.
        let roster = try RosterLoader.load(table: CSVReader.parse(bytes: Array(Self.rows.utf8), file: "convenor.csv")).roster
        var settings = RuleSettings()
        settings.byRule[Convenor.ruleID, as: Convenor.Setting.self] = Convenor.Setting(column: "tovholder")
        let (compiled, compiledSettings) = RuleDescriptors.derived(roster: roster, settings: settings, rounds: RoundRules())
        let problems = Convenor.setupProblems(roster: compiled, settings: compiledSettings, groups: 5, naming: .plain(compiled)).map(\.description)
        #expect(problems == ["error: only 4 leaders are willing to convene, but there are 5 groups\nMaybe find 1 more willing leader, or form fewer groups."])
    }
}
