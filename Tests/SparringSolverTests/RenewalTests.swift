import Testing
import SparringIO
import SparringModel
@testable import SparringSolver

/// `--previous FILE --renew N-M`: every continuing group exchanges between N and M members (leavers count); its value
/// by hand, its deltas against from scratch, the bounds kept by the search on random previous groupings with leavers
/// and joiners, the soft variant, and the set-up check.
struct RenewalTests {
    /// A model of `roster` whose previous grouping is `previous` (−1: a joiner), with `sizes` (leavers included).
    static func model(_ roster: Roster, previous: [Int32], sizes: [Int], groups: Int, renew: Renewal.Setting,
                      base: RuleSettings = RuleSettings(typology: .broad, weights: [:], loneWeights: [:], wishWeight: 0, purityWeight: 0)) throws -> ScoreModel {
        var settings = base
        settings.groups = groups
        settings.byRule[Renewal.ruleID, as: Renewal.Setting.self] = renew
        var rounds = RoundRules()
        rounds.previousGroup = previous
        rounds.previousLabels = sizes.indices.map { "G\($0 + 1)" }
        rounds.previousSizes = sizes
        let (compiled, compiledSettings) = RuleDescriptors.derived(roster: roster, settings: settings, rounds: rounds)
        return try ScoreModel(roster: compiled, settings: compiledSettings, groups: groups, rounds: rounds)
    }

    static func plainRoster(_ n: Int) -> Roster {
        Roster(ids: (1...n).map(String.init), names: (1...n).map { "P\($0)" }, attributes: [], managers: [Int32](repeating: -1, count: n),
               conflicts: [], wishes: [])
    }

    /// The exchanges of each previous group in `groups`, counted the plain way: its previous members minus the most
    /// of them now in one group (leavers count as exchanged).
    static func exchanges(previous: [Int32], sizes: [Int], groups: [Int32]) -> [Int] {
        sizes.indices.map { p in
            var together: [Int32: Int] = [:]
            for i in previous.indices where previous[i] == Int32(p) { together[groups[i], default: 0] += 1 }
            return sizes[p] - (together.values.max() ?? 0)
        }
    }

    /// Twelve leaders; G1 was 1–6 and a seventh who has left, G2 was 7–12. With 1–2 exchanges G1 keeps 5 or 6 of its
    /// 7, G2 4 or 5 of its 6.
    @Test func valueByHand() throws {
        let previous: [Int32] = (0..<12).map { $0 < 6 ? 0 : 1 }
        let model = try Self.model(Self.plainRoster(12), previous: previous, sizes: [7, 6], groups: 2, renew: Renewal.Setting(fewest: 1, most: 2))
        let rule = try #require(model.rules.first { $0.id == Renewal.ruleID })
        func hard(_ groups: [Int32]) -> Int { rule.score(Placement(groups: groups, groupCount: 2), in: model).hard }
        // P6 and P7 swap: G1 keeps 5 (2 exchanges with the leaver), G2 keeps 5 (1).
        #expect(hard([0, 0, 0, 0, 0, 1, 0, 1, 1, 1, 1, 1]) == 0)
        // Nobody moves: G1 has its one leaver (1 exchange), G2 none (0 < 1).
        #expect(hard(previous) == 1)
        // G1 split 3 + 3 with G2 split 3 + 3: no core in either (two broken), 4 exchanges each.
        #expect(hard([0, 0, 0, 1, 1, 1, 0, 0, 0, 1, 1, 1]) == 2)
        let report = rule.report(Placement(groups: [0, 0, 0, 0, 0, 1, 0, 1, 1, 1, 1, 1], groupCount: 2), in: model, naming: .plain(Self.plainRoster(12)))
        #expect(report.broken == 0)
        #expect(report.figure("groupsWithin")?.int == 2)
        // Each newcomer with where they come from and the best other choice (no soft rule here: a tie).
        #expect(report.notes.map(\.text) == ["continues group G1: 5 stay; to other groups: P6; 1 left the roster; new: P7",
                                             "P7 is new in the group: comes from group G2; P8 would have done as well (the same points)",
                                             "continues group G2: 5 stay; to other groups: P7; new: P6",
                                             "P6 is new in the group: comes from group G1; P1 would have done as well (the same points)"])
        // Soft, weight 2 over 2 continuing groups: 100 points per exchange out of bounds or group without a core.
        let soft = try Self.model(Self.plainRoster(12), previous: previous, sizes: [7, 6], groups: 2, renew: Renewal.Setting(fewest: 1, most: 2, weight: 2))
        let softRule = try #require(soft.rules.first { $0.id == Renewal.ruleID })
        #expect(softRule.score(Placement(groups: previous, groupCount: 2), in: soft) == Score(hard: 0, soft: -100))
    }

    /// Random moves and swaps with renewal beside other rules: the search's running score equals from scratch.
    /// A newcomer's reason names what they bring that those who stay lack (a value of a column the rules read) and
    /// what the next best choice would give: here P7 joins a group of women and P6, the other man, the other group,
    /// under a weight that mixes genders, so any woman in P7's place gives fewer points.
    @Test func aNewcomerIsExplained() throws {
        let n = 12
        let gender = Attribute(header: "køn", key: "gender", role: .gender, kind: .categorical, levels: ["kvinde", "mand"],
                               codes: (0..<n).map { $0 == 5 || $0 == 6 ? 1 : 0 })
        let roster = Roster(ids: (1...n).map(String.init), names: (1...n).map { "P\($0)" }, attributes: [gender],
                            managers: [Int32](repeating: -1, count: n), conflicts: [], wishes: [])
        let previous: [Int32] = (0..<12).map { $0 < 6 ? 0 : 1 }
        let base = RuleSettings(typology: .broad, weights: ["gender": -2], loneWeights: ["gender": 0], wishWeight: 0, purityWeight: 0)
        let model = try Self.model(roster, previous: previous, sizes: [7, 6], groups: 2, renew: Renewal.Setting(fewest: 1, most: 2), base: base)
        let rule = try #require(model.rules.first { $0.id == Renewal.ruleID })
        let report = rule.report(Placement(groups: [0, 0, 0, 0, 0, 1, 0, 1, 1, 1, 1, 1], groupCount: 2), in: model,
                                 naming: .plain(model.roster, words: Words(.da)))
        let reason = try #require(report.notes.map(\.text).first { $0.hasPrefix("P7 er ny i gruppen") })
        #expect(reason.contains("kommer fra gruppe G2"), "\(reason)")
        #expect(reason.contains("bringer køn mand, som de, der bliver, ikke har"), "\(reason)")
        #expect(reason.contains("det næstbedste valg, P8, ville give"), "\(reason)")
    }

    @Test func deltasAgreeWithFromScratch() throws {
        let roster = try RuleTests.roster(leaders: 70, seed: 8)
        var rng = SeededGenerator(seed: 5)
        let previous: [Int32] = (0..<70).map { _ in rng.below(10) == 0 ? -1 : Int32(rng.below(10)) }
        var sizes = [Int](repeating: 0, count: 10)
        for g in previous where g >= 0 { sizes[Int(g)] += 1 }
        sizes = sizes.map { $0 + rng.below(2) }
        for weight in [nil, 3.0] as [Double?] {
            let base = try RuleTests.model(roster, soft: true, seed: 4).settings
            let model = try Self.model(roster, previous: previous, sizes: sizes, groups: 11, renew: Renewal.Setting(fewest: 1, most: 2, weight: weight), base: base)
            var state = SearchState(model: model, groups: Construction.build(model, rng: &rng))
            for step in 0..<1500 {
                let i = rng.below(70)
                if rng.below(2) == 0 {
                    let h = rng.below(model.groupCount)
                    guard state.canMove(i, to: h) else { continue }
                    state.move(i, to: h, delta: state.searchMoveDelta(i, to: h))
                } else {
                    let j = rng.below(70)
                    guard state.groupOf(i) != state.groupOf(j), model.fixedGroup[i] < 0, model.fixedGroup[j] < 0 else { continue }
                    state.swap(i, j, delta: state.searchSwapDelta(i, j))
                }
                if step % 100 == 0 { #expect(state.corruption() == nil, "step \(step)") }
            }
            #expect(state.corruption() == nil)
        }
    }

    /// Random previous groupings with leavers and joiners: the search keeps every continuing group within 1–2
    /// exchanges (hard), counted the plain way.
    @Test(arguments: [1, 2, 3])
    func theSearchKeepsTheBounds(seed: UInt64) throws {
        let n = 80
        var rng = SeededGenerator(seed: seed)
        // 12 previous groups of 6 over the first 72 leaders (8 joiners), 0–1 leavers each.
        let previous: [Int32] = (0..<n).map { $0 < 72 ? Int32($0 / 6) : -1 }
        let sizes = (0..<12).map { _ in 6 + rng.below(2) }
        let model = try Self.model(Self.plainRoster(n), previous: previous, sizes: sizes, groups: 13, renew: Renewal.Setting(fewest: 1, most: 2),
                                   base: RuleSettings(typology: .broad, weights: [:], loneWeights: [:], wishWeight: 0, purityWeight: 0))
        let result = Solver.solve(model, options: SolverOptions(seed: seed, threads: 1, termination: Termination(moves: 300_000, stagnation: nil)))
        #expect(result.score.hard == 0)
        for exchanges in Self.exchanges(previous: previous, sizes: sizes, groups: result.groups) { #expect((1...2).contains(exchanges)) }
    }

    /// What cannot be renewed is refused before any search, with what would work.
    @Test func theSetUpCheckSaysWhatCannotBeRenewed() throws {
        let previous: [Int32] = (0..<12).map { $0 < 6 ? 0 : 1 }
        func problems(sizes: [Int], renew: Renewal.Setting, groups: Int = 2) throws -> [String] {
            var settings = RuleSettings(typology: .broad, weights: [:], loneWeights: [:], wishWeight: 0, purityWeight: 0)
            settings.byRule[Renewal.ruleID, as: Renewal.Setting.self] = renew
            var rounds = RoundRules()
            rounds.previousGroup = previous
            rounds.previousLabels = ["G1", "G2"]
            rounds.previousSizes = sizes
            let (roster, compiled) = RuleDescriptors.derived(roster: Self.plainRoster(12), settings: settings, rounds: rounds)
            return Renewal.setupProblems(roster: roster, settings: compiled, groups: groups, naming: .plain(roster)).map(\.description)
        }
        #expect(try problems(sizes: [6, 6], renew: Renewal.Setting(fewest: 1, most: 2)).isEmpty)
        #expect(try problems(sizes: [9, 6], renew: Renewal.Setting(fewest: 1, most: 2)) == [
            "error: previous group G1 has lost 3 members from the roster, more than the 2 exchanges --renew allows\nMaybe allow at least 3 exchanges (--renew N-3), or let the group go (take its members out of the previous grouping).",
        ])
        #expect(try problems(sizes: [6, 6], renew: Renewal.Setting(fewest: 1, most: 3)).count == 2)
        #expect(try problems(sizes: [6, 6], renew: Renewal.Setting(fewest: 1, most: 2), groups: 1).last?.contains("2 previous groups continue, but there are only 1 groups") == true)
        // Without a previous grouping there is nothing to renew: an error, never a rule quietly left out.
        var settings = RuleSettings()
        settings.byRule[Renewal.ruleID, as: Renewal.Setting.self] = Renewal.Setting(fewest: 1, most: 2)
        #expect(throws: DiagnosticError.self) { try ScoreModel(roster: Self.plainRoster(12), settings: settings, groups: 2) }
    }
}
