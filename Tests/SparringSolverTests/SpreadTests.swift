import Testing
import SparringIO
import SparringModel
@testable import SparringSolver

/// `--spread ATTR[=W]`: its value worked out by hand, its deltas against from scratch beside every other rule,
/// its words read back, its refusals, and that a search under it spreads what can be spread.
struct SpreadTests {
    /// Twelve leaders in two groups: unit A has 5 holders (a fair share of 3 per group), B has 3 (2), C has 2 (1),
    /// D 1 (1), one leader has no unit.
    static let rows = """
        id;navn;enhed;køn;alder
        1;P1;A;kvinde;40
        2;P2;A;mand;41
        3;P3;A;kvinde;42
        4;P4;A;mand;43
        5;P5;A;kvinde;44
        6;P6;B;mand;45
        7;P7;B;kvinde;46
        8;P8;B;mand;47
        9;P9;C;kvinde;48
        10;P10;C;mand;49
        11;P11;D;kvinde;50
        12;P12;;mand;51
        """

    static func roster() throws -> Roster {
        try RosterLoader.load(table: CSVReader.parse(bytes: Array(rows.utf8), file: "spread.csv")).roster
    }

    static func settings(_ weights: [String: Double]) -> RuleSettings {
        var settings = RuleSettings(typology: .broad, sizing: GroupSizing(minSize: 5, maxSize: 7), groups: 2, weights: [:], loneWeights: [:], wishWeight: 0, purityWeight: 0)
        settings.byRule[Spread.ruleID, as: Spread.Setting.self] = Spread.Setting(weights: weights)
        return settings
    }

    static func spread(_ model: ScoreModel) throws -> any ScoreRule {
        try #require(model.rules.first { $0.id == Spread.ruleID })
    }

    /// Group 1 holds A×4, B×1, C×2, D; group 2 holds A, B×2, the leader without a unit and the rest. Beyond the
    /// fair share: A 4 − 3 = 1 and C 2 − 1 = 1 in group 1; nothing in group 2. Weight 3 over 2 groups: 150 points
    /// a member, so −300.
    @Test func valueByHand() throws {
        let roster = try Self.roster()
        let model = try ScoreModel(roster: roster, settings: Self.settings(["enhed": 3]), groups: 2)
        let grouping: [Int32] = [0, 0, 0, 0, 1, 0, 1, 1, 0, 0, 0, 1]
        let rule = try Self.spread(model)
        let placement = Placement(groups: grouping, groupCount: 2)
        #expect(rule.score(placement, in: model) == Score(hard: 0, soft: -300))
        let report = rule.report(placement, in: model, naming: .plain(roster))
        #expect(report.points == -300)
        #expect(report.figure("unit")?.field("membersBeyondShare")?.int == 2)
        #expect(report.figure("unit")?.field("groupsBeyondShare")?.int == 1)
        #expect(report.notes.map(\.group) == [0, 0])
        let findings = rule.directorFindings(report, in: model, naming: .plain(roster))
        #expect(findings.map(\.tone) == [.partial])
        #expect(findings.map(\.text) == ["In 1 of 2 groups, more leaders share a unit than an even spread needs."])
        // An even spread (A 3+2, B 2+1, C 1+1) is worth nothing, whatever else the groups hold.
        let even: [Int32] = [0, 0, 0, 1, 1, 0, 0, 1, 0, 1, 1, 1]
        #expect(rule.score(Placement(groups: even, groupCount: 2), in: model) == .zero)
    }

    /// Incremental deltas equal from-scratch values and the report beside every other rule (hard and soft
    /// variants, out-of-bounds starts, sector and cross purity).
    @Test(arguments: [(false, false, Typology.local), (true, false, .local), (false, true, .sector), (true, false, .cross)])
    func incrementalEqualsFromScratchBesideEveryRule(soft: Bool, outOfBounds: Bool, typology: Typology) throws {
        try RuleTests.checkEveryRule(soft: soft, outOfBounds: outOfBounds, typology: typology) { settings in
            settings.byRule[Spread.ruleID, as: Spread.Setting.self] = Spread.Setting(weights: ["unit": 4, "location": 1.5])
        }
    }

    @Test func wordsReadBack() throws {
        var settings = RuleSettings()
        try Spread.read(OptionValues(["spread": ["enhed", "område=1,5", "enhed=4"]]), into: &settings)
        #expect(settings.byRule[Spread.ruleID, as: Spread.Setting.self] == Spread.Setting(weights: ["enhed": 4, "område": 1.5]))
        let words = Spread.words(settings)
        #expect(words == ["--spread", "enhed=4", "--spread", "område=1.5"])
        var again = RuleSettings()
        try Spread.read(OptionValues(["spread": stride(from: 1, to: words.count, by: 2).map { words[$0] }]), into: &again)
        #expect(again == settings)
        #expect(Spread.words(RuleSettings()).isEmpty)
    }

    /// Its workbench slider lists the weight in force and sets it, and nothing else.
    @Test func itsControlSetsItsWeight() throws {
        let roster = try Self.roster()
        var settings = Self.settings(["enhed": 2, "køn": 1])
        var rounds = RoundRules()
        let controls = Spread.controls(settings, rounds: rounds, roster: roster, words: Words(.da))
        #expect(controls.map(\.key) == ["spread:enhed", "spread:køn"])
        #expect(controls.map(\.value) == [2, 1])
        #expect(controls.map(\.kind).allSatisfy(Spread.controlKinds.contains))
        #expect(controls.first?.label == "spred enhed")
        #expect(Spread.apply(control: "spread:enhed", value: 4, to: &settings, rounds: &rounds, roster: roster))
        #expect(Spread.controls(settings, rounds: rounds, roster: roster, words: Words(.da)).map(\.value) == [4, 1])
        #expect(!Spread.apply(control: "spread:enhed", value: nil, to: &settings, rounds: &rounds, roster: roster), "spreading is never hard")
    }

    @Test(arguments: ["enhed=9", "=2", "enhed=x", "enhed=-1"])
    func refusesBadValues(_ text: String) {
        var settings = RuleSettings()
        #expect(throws: OptionError.self) { try Spread.read(OptionValues(["spread": [text]]), into: &settings) }
    }

    @Test func refusesUnknownAndNumericColumns() throws {
        let roster = try Self.roster()
        for (name, key) in [("bydel", "settings.unknownAttribute"), ("alder", "rule.spread.numeric")] {
            let error = #expect(throws: DiagnosticError.self) { try ScoreModel(roster: roster, settings: Self.settings([name: 2]), groups: 2) }
            #expect(error?.diagnostics.map(\.message.key) == [key])
        }
    }

    /// The search spreads what can be spread: no member beyond a fair share once it is done.
    @Test func searchSpreadsEveryValue() throws {
        let roster = try Self.roster()
        let model = try ScoreModel(roster: roster, settings: Self.settings(["enhed": 5]), groups: 2)
        let result = Solver.solve(model, options: SolverOptions(seed: 3, threads: 1, termination: Termination(moves: 20_000)))
        let report = try Self.spread(model).report(Placement(groups: result.groups, groupCount: 2), in: model, naming: .plain(roster))
        #expect(report.figure("unit")?.field("membersBeyondShare")?.int == 0)
        #expect(result.score.hard == 0)
    }
}
