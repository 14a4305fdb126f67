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
    /// every round (3 · 15 meetings of 15 pairs: 30 again); the 14 sit in two groups of 7: counting, 3 · 42 meetings
    /// of 91 pairs make 35 again, but each round after the first takes 4 + 3 from last year's groups into each
    /// group (6 + 3 pairs again, twice): 2 · 18 = 36. Broad networks have no strata; one round forces nothing.
    @Test func smallStrataMustMeetAgain() {
        let n = 20
        let field = Attribute(header: "field", key: "field", role: .field, kind: .categorical, levels: ["A", "B"],
                              codes: (0..<n).map { $0 < 6 ? 0 : 1 })
        let rank = Attribute(header: "rank", key: "rank", role: .rank, kind: .ordinal, levels: ["X"], codes: [Int32](repeating: 0, count: n),
                             values: [Double](repeating: 1, count: n))
        let roster = Roster(ids: (1...n).map(String.init), names: (1...n).map { "P\($0)" }, attributes: [field, rank],
                            managers: [Int32](repeating: -1, count: n), conflicts: [], wishes: [])
        let local = StrataRepeats(roster: roster, settings: RuleSettings(typology: .local), rounds: 3)
        #expect(local?.strata.map(\.unavoidable) == [36, 30])
        #expect(local?.strata.map(\.values) == [["B", "X"], ["A", "X"]])
        #expect(local?.total == 66)
        #expect(StrataRepeats(roster: roster, settings: RuleSettings(typology: .local), rounds: 1)?.total == 0)
        #expect(StrataRepeats(roster: roster, settings: RuleSettings(typology: .broad), rounds: 3) == nil)
    }

    /// The pigeonhole bound by hand: 18 leaders in groups of 5–7 split only as 6 + 6 + 6, and each next round's group
    /// of 6 takes two from each of three groups (3 pairs again a group, 9 a round); 20 leaders fit 5 + 5 + 5 + 5, and a group
    /// of 5 over four groups has one pair again (4 a round); 30 fit six groups of 5, which can all be new.
    @Test func pairsAgainByHand() {
        #expect(StrataRepeats.fewestPairsAgain(leaders: 18, minSize: 5, maxSize: 7) == 9)
        #expect(StrataRepeats.fewestPairsAgain(leaders: 20, minSize: 5, maxSize: 7) == 4)
        #expect(StrataRepeats.fewestPairsAgain(leaders: 30, minSize: 5, maxSize: 7) == 0)
        #expect(StrataRepeats.unavoidable(leaders: 18, capacity: 18, minSize: 5, maxSize: 7, rounds: 3) == 18)
        #expect(StrataRepeats.unavoidable(leaders: 18, capacity: 15, minSize: 5, maxSize: 7, rounds: 3) == 0)
    }

    /// The bound never claims more than the truth: on small strata, the fewest meetings again over every choice of
    /// splits for every round (by brute force), against the bound; for two rounds the pigeonhole bound is met.
    @Test(arguments: [(6, 3, 3, 2), (6, 3, 3, 3), (6, 2, 3, 3), (8, 4, 4, 2), (8, 4, 4, 3), (8, 3, 4, 3), (9, 3, 3, 2), (7, 3, 4, 2)])
    func theBoundIsNeverAboveTheTruth(leaders: Int, minSize: Int, maxSize: Int, rounds: Int) {
        let splits = Self.splits(Array(0..<leaders), minSize: minSize, maxSize: maxSize)
        let pairs = splits.map { split in split.flatMap { group in group.indices.flatMap { a in group.indices.filter { $0 > a }.map { group[a] * leaders + group[$0] } } } }
        var fewest = Int.max
        func search(round: Int, meetings: [Int], again: Int) {
            guard again < fewest else { return }
            guard round < rounds else { fewest = again; return }
            for split in pairs {
                var met = meetings, more = again
                for p in split { if met[p] > 0 { more += 1 }; met[p] += 1 }
                search(round: round + 1, meetings: met, again: more)
            }
        }
        search(round: 0, meetings: [Int](repeating: 0, count: leaders * leaders), again: 0)
        let bound = StrataRepeats.unavoidable(leaders: leaders, capacity: leaders, minSize: minSize, maxSize: maxSize, rounds: rounds)!
        #expect(bound <= fewest, "bound \(bound), truth \(fewest)")
        if rounds == 2 { #expect(bound == fewest) }
    }

    /// Every split of `leaders` into groups of `minSize…maxSize` (each group led by its lowest leader).
    static func splits(_ leaders: [Int], minSize: Int, maxSize: Int) -> [[[Int]]] {
        guard let first = leaders.first else { return [[]] }
        let rest = Array(leaders.dropFirst())
        var found: [[[Int]]] = []
        func choose(from k: Int, _ chosen: [Int]) {
            if chosen.count >= minSize {
                let left = rest.filter { !chosen.contains($0) }
                for tail in splits(left, minSize: minSize, maxSize: maxSize) { found.append([chosen] + tail) }
            }
            guard chosen.count < maxSize else { return }
            for j in k..<rest.count { choose(from: j + 1, chosen + [rest[j]]) }
        }
        choose(from: 0, [first])
        return found
    }
}
