import Testing
import SparringModel

/// Set-ups that no grouping can satisfy are refused before any search, with what to relax.
struct SetupCheckTests {
    /// A roster of `count` leaders called P1…, with the given managers (roster indices or -1) and conflicts.
    static func roster(_ count: Int, managers: [Int: Int] = [:], conflicts: [LeaderPair] = []) -> Roster {
        Roster(ids: (1...count).map(String.init), names: (1...count).map { "P\($0)" }, attributes: [],
               managers: (0..<count).map { Int32(managers[$0] ?? -1) }, conflicts: conflicts, wishes: [])
    }

    func errors(_ roster: Roster, groups: Int, rounds: RoundRules = RoundRules()) -> [String] {
        SetupCheck.diagnose(roster: roster, settings: RuleSettings(groups: groups), rounds: rounds, groups: groups)
            .filter { $0.severity == .error }.map(\.description)
    }

    @Test func aBossOfAlmostEveryoneCannotSitInAnyGroup() {
        var managers: [Int: Int] = [:]
        for i in 1...10 { managers[i] = 0 }
        #expect(errors(Self.roster(11, managers: managers), groups: 2) == [
            "error: P1 (1) must be kept apart from 10 of the other 10 leaders (10 direct reports), so only 0 may share their group, too few for a group of 5\nMaybe take their reports out of this roster and form those networks separately, or drop conflicts that no longer hold.",
        ])
    }

    @Test func aBossWithMoreReportsThanTheOtherGroupsHold() {
        var managers: [Int: Int] = [:]
        for i in 1...8 { managers[i] = 0 }
        #expect(errors(Self.roster(14, managers: managers), groups: 2) == [
            "error: P1 (1) must be kept apart from 8 leaders (8 direct reports), but the other group holds at most 7\nMaybe allow more groups (--groups) or larger ones (--max-size), or form this leader's network separately.",
        ])
        #expect(errors(Self.roster(18, managers: managers), groups: 3).isEmpty)
    }

    @Test func aPinnedLeaderWithTooFewPossibleColleagues() {
        let conflicts = (1...8).map { LeaderPair(0, $0) }
        var rounds = RoundRules()
        rounds.pins = [0] + [Int32](repeating: -1, count: 13)
        #expect(errors(Self.roster(14, conflicts: conflicts), groups: 2, rounds: rounds) == [
            "error: P1 (1) must be kept apart from 8 leaders (8 loyalty conflicts), but the other group holds at most 7\nMaybe allow more groups (--groups) or larger ones (--max-size), or form this leader's network separately.",
        ])
        let fewer = (1...7).map { LeaderPair(0, $0) }
        rounds.pins = [0] + [Int32](repeating: -1, count: 7) + [1, 1, 1, 1]
        #expect(errors(Self.roster(12, conflicts: fewer), groups: 2, rounds: rounds) == [
            "error: group 1 has 1 pinned leader (P1 (1)) and only 0 unpinned colleagues who may sit with them, fewer than the smallest group size 5\nMaybe unpin them, pin colleagues they may sit with to the same group, or lower --min-size.",
        ])
    }

    @Test func feasibleReportingStructuresPass() {
        var managers: [Int: Int] = [:]
        for i in 1...5 { managers[i] = 0 }
        for i in 6...11 { managers[i] = 1 }
        #expect(errors(Self.roster(24, managers: managers), groups: 4).isEmpty)
    }

    @Test func loneValuesAreOneWarningPerAttribute() {
        var roster = Self.roster(12)
        let levels = ["A", "B", "C", "D", "E"]
        roster.attributes = [Attribute(header: "enhed", key: "unit", role: .unit, kind: .categorical, levels: levels,
                                       codes: [0, 1, 2, 3, 4, 0, 0, 0, 0, 0, 0, 0])]
        var settings = RuleSettings(groups: 2)
        settings.loneWeights = ["unit": 5]
        let warnings = SetupCheck.diagnose(roster: roster, settings: settings, rounds: RoundRules(), groups: 2).map(\.description)
        #expect(warnings == ["warning: 4 values of unit are held by one leader each (\"B\", \"C\", \"D\" and 1 more): their groups will have a lone member whatever the grouping\nMaybe accept it, or drop the rule with --lone unit=0."])
    }

    /// Exact proofs (``ApartProof``): a ring of five conflicts cannot be split into two groups and is named in
    /// ring order; a ring of six can. A wheel of five around a hub needs four groups though no four leaders are
    /// all in conflict (the clique check cannot see it): with three groups the cluster is proven impossible by
    /// trying every way, with four it fits.
    @Test func separationsNoSplitKeepsApartAreProvenImpossible() {
        func ring(_ k: Int, offset: Int = 0) -> [LeaderPair] { (0..<k).map { LeaderPair(offset + $0, offset + ($0 + 1) % k) } }
        let odd = errors(Self.roster(14, conflicts: ring(5)), groups: 2)
        #expect(odd.count == 1)
        #expect(odd.first?.hasPrefix("error: with 2 groups these 5 leaders cannot all be kept apart from the next in the ring") == true)
        #expect(odd.first?.contains("cannot be split in two): P3 (3) → P2 (2) → P1 (1) → P5 (5) → P4 (4) → P3 (3)\n") == true, "\(odd)")
        #expect(errors(Self.roster(14, conflicts: ring(6)), groups: 2).isEmpty)
        let wheel = ring(5, offset: 1) + (1...5).map { LeaderPair(0, $0) }
        let three = errors(Self.roster(24, conflicts: wheel), groups: 3)
        #expect(three == ["error: these 6 leaders cannot be split into 3 groups of at most 7 without two who must be kept apart (a reporting line or a conflict) sharing a group; every way was tried: P1 (1), P2 (2), P3 (3), P4 (4), P5 (5), P6 (6)\nMaybe allow more groups or larger ones (--groups, --max-size), or drop one of the conflicts among them."])
        #expect(errors(Self.roster(24, conflicts: wheel), groups: 4).isEmpty)
        // The proof is exact: each finding is a relaxation that no split satisfies, checked here by brute force.
        #expect(ApartProof.findings(leaders: 6, separations: wheel.map { Separation(pair: $0, reason: .conflict) }, groups: 3, maxSize: 7)
                == [.cluster([0, 1, 2, 3, 4, 5])])
        #expect(!bruteForceSplits(6, wheel, groups: 3) && bruteForceSplits(6, wheel, groups: 4))
        #expect(!bruteForceSplits(5, ring(5), groups: 2) && bruteForceSplits(6, ring(6), groups: 2))
    }

    /// Whether `n` leaders can be put into `groups` groups with no conflict pair together, by trying all groupsⁿ.
    func bruteForceSplits(_ n: Int, _ pairs: [LeaderPair], groups: Int) -> Bool {
        var total = 1
        for _ in 0..<n { total *= groups }
        return (0..<total).contains { code in
            var g = [Int](repeating: 0, count: n), c = code
            for i in 0..<n { g[i] = c % groups; c /= groups }
            return pairs.allSatisfy { g[Int($0.first)] != g[Int($0.second)] }
        }
    }
}
