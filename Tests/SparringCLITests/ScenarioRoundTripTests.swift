import Testing
@testable import SparringCLI
import SparringModel
import SparringIO
import SparringWorkbench

/// A scenario file stores the workbench's settings as command-line words (`ScenarioFile.ruleArguments`), which
/// `solve` and `check` read back (`ruleSettings`, `RoundSetup`): for every rule, settings → words → settings
/// gives the settings again.
struct ScenarioRoundTripTests {
    /// Settings with each rule away from its default, one variant per case (hard and soft where a rule may be both).
    static let variants: [(String, @Sendable (inout Rules) -> Void)] = [
        ("defaults", { _ in }),
        ("typology and sizes", { $0.settings.typology = .sector; $0.settings.sizing = GroupSizing(minSize: 4, maxSize: 8) }),
        ("attribute weights", { $0.settings.weights = ["køn": -4, "anciennitet": 2.5, "enhed": 0] }),
        ("lone members", { $0.settings.loneWeights = ["køn": 3, "enhed": 0.5] }),
        ("wishes and pure groups", { $0.settings.wishWeight = 4; $0.settings.purityWeight = 0 }),
        ("at least, by value and by number", {
            $0.settings.atLeast = [AtLeastSetting(attribute: "køn", condition: .equals("kvinde"), count: 2),
                                   AtLeastSetting(attribute: "anciennitet", condition: .atLeast(10.5))]
            $0.settings.atLeastWeight = 3
        }),
        ("at most, hard", { $0.settings.atMost = [AtMostSetting(attribute: "enhed", count: 2)] }),
        ("at most, soft", { $0.settings.atMost = [AtMostSetting(attribute: "enhed", count: 2)]; $0.settings.atMostWeight = 1.5 }),
        ("meeting days, hard", { $0.settings.meet = "mødedage" }),
        ("meeting days, soft", { $0.settings.meet = "mødedage"; $0.settings.meetWeight = 2 }),
        ("balance", { $0.settings.balance = [BalanceSetting(attribute: "anciennitet", weight: 4), BalanceSetting(attribute: "alder")] }),
        ("round weights", { $0.historyWeight = 2; $0.stabilityWeight = 1; $0.togetherWeight = 3.5 }),
    ]

    @Test(arguments: variants.indices)
    func settingsBecomeWordsAndTheWordsTheSameSettings(_ index: Int) throws {
        let (name, change) = Self.variants[index]
        var rules = Rules(settings: RuleSettings(), rounds: RoundRules())
        change(&rules)
        let words = ScenarioFile.ruleArguments(rules, groups: 7)
        let parsed = try ParsedArguments(["roster.csv"] + words, spec: SolveCommand.spec)
        var expected = rules.settings
        expected.groups = 7
        #expect(try ruleSettings(parsed) == expected, "\(name): \(words)")
        let defaults = RoundRules()
        #expect(try parsed.number("history-weight", range: 0...5) ?? defaults.historyWeight == rules.historyWeight, "\(name)")
        #expect(try parsed.number("stability", range: 0...5) ?? defaults.stabilityWeight == rules.stabilityWeight, "\(name)")
        #expect(try parsed.number("together-weight", range: 0...5) == rules.togetherWeight, "\(name)")
    }
}
