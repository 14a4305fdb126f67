import SparringIO
import SparringModel
import SparringSolver
@testable import SparringWorkbench
import Testing

/// Every slider sets the weight it names and nothing else: each control the workbench lists, set to a new value,
/// reads back with that value while every other control keeps its own (a kind forgotten in `apply` once set
/// the keep-together weight instead).
struct ControlsTests {
    /// A roster and rules under which every kind of control is listed.
    static func everyKind() throws -> (Rules, Roster, ScoreModel) {
        let header = "id;navn;fagområde;lederniveau;køn;anciennitet;mødedage;ønsker\n"
        let rows = (1...24).map { i in
            "\(i);P\(i);\(i % 2 == 0 ? "Skole" : "Dagtilbud");\(i % 3 == 0 ? "chef" : "leder");\(i % 2 == 0 ? "kvinde" : "mand");\(i);mandag|tirsdag;\(i == 1 ? "2" : "")\n"
        }.joined()
        let roster = try RosterLoader.load(table: CSVReader.parse(bytes: Array((header + rows).utf8), file: "every.csv")).roster
        var settings = RuleSettings(typology: .local, groups: 4)
        settings.atLeast = [AtLeastSetting(attribute: "køn", condition: .equals("kvinde"))]
        settings.atMost = [AtMostSetting(attribute: "køn", count: 4)]
        settings.meet = "mødedage"
        settings.balance = [BalanceSetting(attribute: "anciennitet", weight: 3)]
        var rounds = RoundRules()
        rounds.historyRounds = 1
        rounds.metBefore = [.init(LeaderPair(0, 1), weight: 1)]
        rounds.previousGroup = (0..<24).map { Int32($0 % 4) }
        rounds.previousLabels = ["1", "2", "3", "4"]
        rounds.togetherSets = [[2, 3]]
        rounds.togetherNames = ["A"]
        let model = try ScoreModel(roster: roster, settings: settings, groups: 4, rounds: rounds)
        return (Rules(settings: settings, rounds: rounds), roster, model)
    }

    @Test func everyControlSetsItsOwnWeightAndNothingElse() throws {
        let (rules, roster, model) = try Self.everyKind()
        let words = Words(.en)
        let listed = Controls.list(rules, roster: roster, model: model, words: words)
        #expect(Set(listed.map(\.kind)).isSuperset(of: ["weight", "lone", "wishes", "pure", "atLeast", "atMost", "meet", "balance", "history", "stability",
                                                      "together"]), "every built-in kind is listed")
        #expect(Set(listed.map(\.kind)).isSubset(of: RuleDescriptors.all.flatMap { $0.controlKinds }), "every kind listed is declared by its rule")
        for control in listed {
            // A value inside the range that differs from the one in force.
            let value = control.value == control.range.upperBound ? control.range.lowerBound : control.range.upperBound
            var changed = rules
            try Controls.apply([control.key: value], to: &changed, roster: roster, model: model, words: words)
            let after = Controls.list(changed, roster: roster, model: model, words: words)
            for other in after {
                let before = try #require(listed.first { $0.key == other.key })
                #expect(other.value == (other.key == control.key ? value : before.value), "setting \(control.key) changed \(other.key)")
            }
        }
    }

    @Test func onlyRulesThatMayBeHardAcceptNoWeight() throws {
        let (rules, roster, model) = try Self.everyKind()
        for control in Controls.list(rules, roster: roster, model: model, words: Words(.en)) {
            var changed = rules
            let made = Result { () throws(Refusal) in try Controls.apply([control.key: Double?.none], to: &changed, roster: roster, model: model, words: Words(.en)) }
            if case .success = made { #expect(control.mayBeHard, "\(control.key)") } else { #expect(!control.mayBeHard, "\(control.key)") }
        }
    }
}
