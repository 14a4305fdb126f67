import Testing
import SparringIO
import SparringModel
@testable import SparringSolver

/// The rules' from-scratch values against values worked out by hand.
struct ScorerTests {
    /// Six leaders in two groups of three; field and seniority only.
    func tinyModel(_ settings: RuleSettings) throws -> (Roster, ScoreModel) {
        let table = try CSVReader.parse(bytes: Array("""
            id,field,seniority,gender,manager,wishes
            a,X,1,w,,b
            b,X,2,w,,
            c,Y,3,m,a,
            d,Y,4,w,,
            e,X,5,m,,a
            f,Y,6,w,,
            """.utf8), file: "t.csv")
        let roster = try RosterLoader.load(table: table).roster
        return (roster, try ScoreModel(roster: roster, settings: settings, groups: 2))
    }

    @Test func partsByHand() throws {
        let settings = RuleSettings(typology: .broad, sizing: GroupSizing(minSize: 3, maxSize: 3), weights: ["field": -3, "seniority": -1, "gender": 0],
                                    loneWeights: ["gender": 5])
        let (_, model) = try tinyModel(settings)
        // Groups {a, b, c} and {d, e, f}.
        let placement = Placement(groups: [0, 0, 0, 1, 1, 1], groupCount: 2)
        let field = model.cells.sameValue.terms.firstIndex { $0.name == "field" }!
        #expect(model.cells.sameValue.samePairs(placement, table: model.cells)[field] == 2)   // a–b (X), d–f (Y)
        #expect(model.cells.lone.loneMembers(placement, table: model.cells)[0].count == 2)   // c is the only man in group 1, e in group 2
        let expectedSpread: Double = 12   // (1 + 4 + 1) in each group
        #expect(model.numbers.spread.spreads(placement, table: model.numbers) == [expectedSpread])
        #expect(model.pairs.separations.score(placement, in: model).hard == 1)   // a manages c
        // Expected same-field pairs at random: 2 groups × 3 pairs × (2·3·2)/(6·5) = 2.4.
        #expect(abs(model.cells.sameValue.terms[field].expected - 2.4) < 1e-12)
        let score = model.score([0, 0, 0, 1, 1, 1])
        #expect(score.hard == 1)
        // field: −3·100·(2 − 2.4)/2.4 = 50; gender lone: −5·100/2 per lone cell · 2 = −500;
        // seniority: spread 12 vs expected 6 pairs · 2·var(=3.5) = 42: −1·100·(42 − 12)/42 ≈ −71.43;
        // wishes: a→b granted (b and a together), e→a not: 2·100/2 · 1 = 100.
        let handSoft: Double = 50.0 - 500.0 - 100.0 * 30.0 / 42.0 + 100.0
        #expect(abs(score.soft - handSoft) < 1e-9)
    }

    @Test func scoresCompareHardFirst() {
        #expect(Score(hard: 1, soft: 1000) < Score(hard: 0, soft: -5))
        #expect(Score(hard: 0, soft: 1) < Score(hard: 0, soft: 2))
        #expect(formatScore(-0.001) == "0.00")
        #expect(formatScore(1234.5) == "1234.50")
        #expect(formatScore(-2.05) == "-2.05")
    }
}
