import Testing
import SparringIO
import SparringModel
@testable import SparringSolver

/// The rules' texts follow the output language: with every rule on, no Danish text holds an English word and
/// no text in either language shows an unfilled placeholder; set-up problems and errors included.
struct RuleTextTests {
    /// Words that give away an English text inside a Danish one.
    static let englishWords = [" the ", " and ", " with ", " group ", " points", " random"]

    /// A generated Danish roster with a `mødedage` column (one to three weekdays, some left empty).
    static func danishRoster(leaders: Int = 60, seed: UInt64 = 5) throws -> Roster {
        let text = RosterGenerator(leaders: leaders, seed: seed, danish: true, semicolon: false).render()
        var rng = SeededGenerator(seed: seed ^ 0xDA75)
        let days = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag"]
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for k in lines.indices where !lines[k].isEmpty {
            if k == 0 { lines[k] += ",mødedage"; continue }
            // The first two leaders can meet only on Sunday: nobody shares their day.
            let cell = k <= 2 ? "søndag" : rng.below(15) == 0 ? "" : (0...rng.below(3)).map { _ in days[rng.below(days.count)] }.joined(separator: "|")
            lines[k] += "," + cell
        }
        return try RosterLoader.load(table: CSVReader.parse(bytes: Array(lines.joined(separator: "\n").utf8), file: "regler.csv")).roster
    }

    /// Every rule on, hard (`soft == false`) or soft, in the roster's Danish words where settings name values.
    static func settings(soft: Bool) -> RuleSettings {
        var settings = RuleSettings(typology: .local, weights: ["distrikt": -2, "alder": 2], loneWeights: ["fagområde": 2])
        settings.atLeast = [AtLeastSetting(attribute: "anciennitet", condition: .atLeast(10)),
                            AtLeastSetting(attribute: "køn", condition: .equals("kvinde"), count: 2),
                            AtLeastSetting(attribute: "anciennitet", condition: .atLeast(25), count: 2)]
        settings.atMost = [AtMostSetting(attribute: "enhed", count: 1), AtMostSetting(attribute: "køn", count: 2)]
        settings.meet = "mødedage"
        settings.balance = [BalanceSetting(attribute: "anciennitet", weight: 3), BalanceSetting(attribute: "alder")]
        if soft {
            settings.atMostWeight = 2
            settings.meetWeight = 4
        }
        return settings
    }

    static func model(_ roster: Roster, soft: Bool) throws -> ScoreModel {
        let settings = settings(soft: soft)
        let groups = settings.sizing.preferredGroupCount(leaders: roster.count)!
        var rng = SeededGenerator(seed: 11)
        func randomGrouping() -> [Int32] { (0..<roster.count).map { _ in Int32(rng.below(groups)) } }
        var rounds = RoundRules()
        rounds.setHistory([randomGrouping(), randomGrouping()])
        rounds.noRepeat = !soft
        rounds.previousGroup = randomGrouping()
        rounds.previousLabels = (0..<groups).map { "P\($0 + 1)" }
        var pins = [Int32](repeating: -1, count: roster.count)
        pins[3] = 0; pins[7] = 1
        rounds.pins = pins
        rounds.togetherSets = [[20, 21, 22], [30, 40]]
        rounds.togetherNames = ["mentorer", "makkerpar"]
        rounds.togetherWeight = soft ? 3 : nil
        return try ScoreModel(roster: roster, settings: settings, groups: groups, rounds: rounds)
    }

    /// Settings each of which the model refuses, for the errors' texts.
    static let refused: [@Sendable (inout RuleSettings) -> Void] = [
        { $0.atLeast = [AtLeastSetting(attribute: "hobby", condition: .equals("golf"))] },
        { $0.atLeast = [AtLeastSetting(attribute: "køn", condition: .atLeast(3))] },
        { $0.atLeast = [AtLeastSetting(attribute: "anciennitet", condition: .equals("ti"))] },
        { $0.atLeast = [AtLeastSetting(attribute: "køn", condition: .equals("ukendt"))] },
        { $0.atLeast = [AtLeastSetting(attribute: "anciennitet", condition: .atLeast(99))] },
        { $0.balance = [BalanceSetting(attribute: "enhed")] },
        { $0.atMost = [AtMostSetting(attribute: "anciennitet", count: 2)] },
        { $0.meet = "mødested" },
    ]

    /// Every text the rules write about a random grouping in `words`' language, with every attribute shown or
    /// every one hidden, and the set-up problems and errors.
    static func texts(_ words: Words) throws -> [String] {
        let roster = try danishRoster()
        var texts: [String] = []
        for soft in [false, true] {
            let model = try model(roster, soft: soft)
            var rng = SeededGenerator(seed: soft ? 3 : 4)
            let placement = Placement(groups: (0..<roster.count).map { _ in Int32(rng.below(model.groupCount)) }, groupCount: model.groupCount)
            for hidden in [false, true] {
                var naming = Naming.plain(roster, words: words)
                naming.shows = { _ in !hidden }
                let reports = model.reports(placement, naming: naming)
                #expect(reports.count == model.rules.count, "every rule reports")
                for report in reports {
                    texts += report.lines.flatMap { [$0.title, $0.measure] } + report.problems.map(\.text) + report.notes.map(\.text)
                }
                texts += ScoreModel.setupProblems(roster: roster, settings: settings(soft: soft), groups: model.groupCount, naming: naming)
                    .map { $0.rendered(in: words) }
            }
        }
        for refuse in refused {
            var settings = RuleSettings()
            refuse(&settings)
            do {
                _ = try ScoreModel(roster: roster, settings: settings, groups: 10)
                Issue.record("not refused: \(settings)")
            } catch {
                texts += error.diagnostics.map { $0.rendered(in: words) }
            }
        }
        return texts
    }

    @Test func danishTextsHoldNoEnglishWords() throws {
        let texts = try Self.texts(Words(.da))
        #expect(texts.count > 100)
        for text in texts {
            for word in Self.englishWords { #expect(!text.contains(word), "\(word) in: \(text)") }
            #expect(!text.contains("{"), "placeholder in: \(text)")
        }
    }

    @Test func englishTextsHaveEveryPlaceholderFilled() throws {
        let texts = try Self.texts(Words(.en))
        #expect(texts.count > 100)
        for text in texts { #expect(!text.contains("{") && !text.contains("}"), "placeholder in: \(text)") }
    }

    /// Six leaders in two groups of three, with Danish headers: group 1 mixes two fields, group 2 has one man.
    static func sample() throws -> (Roster, ScoreModel, Placement) {
        let names = ["Hanne Holm", "Bo Lund", "Cai Mo", "Dea Ny", "Eva Ry", "Ida Sø"]
        let gender = Attribute(header: "Køn", key: "gender", role: .gender, kind: .categorical, levels: ["kvinde", "mand"], codes: [0, 1, 1, 0, 1, 0])
        let field = Attribute(header: "Fagområde", key: "field", role: .field, kind: .categorical, levels: ["Skole", "Dagtilbud"], codes: [0, 1, 0, 1, 1, 1])
        let roster = Roster(ids: ["L1", "L2", "L3", "L4", "L5", "L6"], names: names, attributes: [gender, field],
                            managers: [-1, -1, -1, -1, -1, -1], conflicts: [], wishes: [])
        let settings = RuleSettings(typology: .local, sizing: GroupSizing(minSize: 3, maxSize: 3))
        let model = try ScoreModel(roster: roster, settings: settings, groups: 2)
        return (roster, model, Placement(groups: [0, 0, 0, 1, 1, 1], groupCount: 2))
    }

    @Test func danishNotesReadAsDanish() throws {
        let (roster, model, placement) = try Self.sample()
        let notes = model.reports(placement, naming: .plain(roster, words: Words(.da))).flatMap(\.notes).map(\.text)
        #expect(notes.contains("ikke ren: fagområde (Skole 2, Dagtilbud 1)"), "\(notes)")
        #expect(notes.contains("Eva Ry er den eneste i gruppen med mand som køn"), "\(notes)")
    }

    /// The note on an impure group says what is mixed; a hidden attribute shows counts only.
    @Test func impureGroupsSayWhatIsMixed() throws {
        let (roster, model, placement) = try Self.sample()
        let shown = model.purity.report(placement, in: model, naming: .plain(roster)).notes.map(\.text)
        #expect(shown == ["not pure: field (Skole 2, Dagtilbud 1)", "pure: everyone shares field (Dagtilbud)"])
        var hidden = Naming.plain(roster)
        hidden.shows = { $0 != "field" }
        #expect(model.purity.report(placement, in: model, naming: hidden).notes.first?.text == "not pure: field (2 values)")
    }
}
