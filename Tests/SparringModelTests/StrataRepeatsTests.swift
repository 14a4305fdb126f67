import Testing
import SparringModel
@testable import SparringModel

/// The meetings again no plan of pure groups avoids (``StrataRepeats``): the counting bound, by hand.
struct StrataRepeatsTests {
    /// The fewest pairs a split into groups of 5–7 makes: 6 → one group (15); 14 → 7 + 7 (42: 5 + 9 and 6 + 8 do not
    /// fit); 12 → 6 + 6 (30, not 5 + 7 = 31); 4 → no split.
    @Test func fewestPairsByHand() {
        #expect(StrataRepeats.fewestPairs(leaders: 6, minSize: 5, maxSize: 7) == 15)
        #expect(StrataRepeats.fewestPairs(leaders: 14, minSize: 5, maxSize: 7) == 42)
        #expect(StrataRepeats.fewestPairs(leaders: 12, minSize: 5, maxSize: 7) == 30)
        #expect(StrataRepeats.fewestPairs(leaders: 4, minSize: 5, maxSize: 7) == nil)
        #expect(StrataRepeats.fewestPairs(leaders: 0, minSize: 5, maxSize: 7) == 0)
    }

    /// Local networks (same field and rank) of a stratum of 6 and one of 14, over 3 rounds: the 6 share one group
    /// every round (3 · 15 meetings of 15 pairs: 30 again); the 14 sit in two groups of 7 (3 · 42 meetings of 91
    /// pairs: 35 again). Broad networks have no strata; one round forces nothing.
    @Test func smallStrataMustMeetAgain() {
        let n = 20
        let field = Attribute(header: "field", key: "field", role: .field, kind: .categorical, levels: ["A", "B"],
                              codes: (0..<n).map { $0 < 6 ? 0 : 1 })
        let rank = Attribute(header: "rank", key: "rank", role: .rank, kind: .ordinal, levels: ["X"], codes: [Int32](repeating: 0, count: n),
                             values: [Double](repeating: 1, count: n))
        let roster = Roster(ids: (1...n).map(String.init), names: (1...n).map { "P\($0)" }, attributes: [field, rank],
                            managers: [Int32](repeating: -1, count: n), conflicts: [], wishes: [])
        let local = StrataRepeats(roster: roster, settings: RuleSettings(typology: .local), rounds: 3)
        #expect(local?.strata.map(\.unavoidable) == [35, 30])
        #expect(local?.strata.map(\.values) == [["B", "X"], ["A", "X"]])
        #expect(local?.total == 65)
        #expect(StrataRepeats(roster: roster, settings: RuleSettings(typology: .local), rounds: 1)?.total == 0)
        #expect(StrataRepeats(roster: roster, settings: RuleSettings(typology: .broad), rounds: 3) == nil)
    }
}
