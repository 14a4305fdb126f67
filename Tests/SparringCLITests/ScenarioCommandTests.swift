import Foundation
import Testing
@testable import SparringCLI
import SparringIO
import SparringModel
import SparringTestSupport
import SparringWorkbench

/// Scenario files from the workbench, read by `solve --scenario` (and `serve --scenario`).
@Suite struct ScenarioCommandTests {
    /// The options a scenario file writes give back the very settings they were written from.
    @Test(arguments: [
        RuleSettings(),
        {
            var s = RuleSettings(typology: .local, sizing: GroupSizing(minSize: 4, maxSize: 8), weights: ["gender": -3.5, "unit": 2],
                                 loneWeights: ["gender": 0, "field": 2], wishWeight: 4, purityWeight: 1)
            s.atLeast = [AtLeastSetting.parse("seniority>=10:2")!]
            s.atLeastWeight = 3
            s.atMost = [AtMostSetting.parse("unit=2")!]
            s.atMostWeight = 4
            s.meet = "days"
            s.balance = [BalanceSetting(attribute: "seniority", weight: 2.5)]
            return s
        }(),
    ])
    func ruleArgumentsReadBackToTheSameSettings(_ settings: RuleSettings) throws {
        let rules = Rules(settings: settings, rounds: RoundRules())
        let words = ScenarioFile.ruleArguments(rules, groups: 9) + ["roster.csv"]
        let parsed = try ruleSettings(ParsedArguments(words, spec: SolveCommand.spec))
        var expected = settings
        expected.groups = 9
        #expect(parsed == expected)
    }

    @Test func solveTakesTheScenariosSettingsAndPinsUnderTheOptionsGiven() throws {
        let folder = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let roster = Fixtures.path("small-danish.csv")
        // Two groups; leaders 10 and 11 pinned to group 2; local networks with gender weighed −3.
        let scenario = """
        {"sparring": "scenario", "version": 1, "name": "Prøve", "roster": "small-danish.csv",
         "options": ["--typology", "local", "--min-size", "5", "--max-size", "7", "--groups", "2", "--weight", "gender=-3"],
         "groups": [{"label": "1", "members": ["2", "3", "4", "5", "6", "8"]}, {"label": "2", "members": ["1", "7", "9", "10", "11", "12"]}],
         "pins": ["10", "11"]}
        """
        let path = folder + "/scenarie.json"
        try scenario.write(toFile: path, atomically: true, encoding: .utf8)
        let json = folder + "/out.json"
        let result = run("solve", roster, "--scenario", path, "--weight", "gender=1", "--moves", "200000", "--threads", "1", "--json", json)
        #expect(result.code == 0, "\(result.err)")
        let document = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as! [String: Any]
        let settings = document["settings"] as! [String: Any]
        #expect(settings["typology"] as! String == "local")
        #expect(settings["groups"] as! Int == 2)
        // The weight given on the command line wins over the file's.
        #expect((settings["weights"] as! [String: Any])["gender"] as! Double == 1)
        let leaders = document["leaders"] as! [[String: Any]]
        let groupOf = Dictionary(uniqueKeysWithValues: leaders.map { ($0["id"] as! String, "\($0["group"]!)") })
        #expect(groupOf["10"] == "2" && groupOf["11"] == "2")
    }

    /// Pins in groups named by a file ("Vest") or new groups hold by their place in the file; a rule option given
    /// on the command line replaces the file's (only weights are merged); a scenario may not name outputs.
    @Test func namedGroupsPinReplacedOptionsAndNoOutputs() throws {
        let folder = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let roster = Fixtures.path("small-danish.csv")
        let path = folder + "/s.json"
        try """
        {"sparring": "scenario", "version": 1, "name": "x", "roster": "small-danish.csv",
         "options": ["--typology", "broad", "--min-size", "5", "--max-size", "7", "--groups", "2", "--balance", "seniority=2"],
         "groups": [{"label": "Nord", "members": ["2", "3", "4", "5", "6", "8"]}, {"label": "Vest", "members": ["1", "7", "9", "10", "11", "12"]}],
         "pins": ["10", "11"]}
        """.write(toFile: path, atomically: true, encoding: .utf8)
        let json = folder + "/out.json"
        let result = run("solve", roster, "--scenario", path, "--balance", "seniority=4", "--moves", "100000", "--threads", "1", "--json", json)
        #expect(result.code == 0, "\(result.err)")
        let document = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as! [String: Any]
        let balance = (document["settings"] as! [String: Any])["balance"] as! [[String: Any]]
        #expect(balance.count == 1 && balance[0]["weight"] as! Double == 4)
        let leaders = document["leaders"] as! [[String: Any]]
        let groupOf = Dictionary(uniqueKeysWithValues: leaders.map { ($0["id"] as! String, "\($0["group"]!)") })
        #expect(groupOf["10"] == "2" && groupOf["11"] == "2")

        try """
        {"sparring": "scenario", "version": 1, "name": "x", "roster": "r.csv", "options": ["--out", "\(folder)/evil.csv"],
         "groups": [], "pins": []}
        """.write(toFile: path, atomically: true, encoding: .utf8)
        let refused = run("solve", roster, "--scenario", path, "--moves", "1000")
        #expect(refused.code == 64)
        #expect(refused.err.contains("indeholder tilvalg, som et scenarie ikke må sætte: ukendt tilvalg '--out'"))   // the roster is Danish
        #expect(!FileManager.default.fileExists(atPath: folder + "/evil.csv"))
    }

    /// `serve --grouping G --pin P`: a pin that names another group than the grouping's, or none, is an error.
    @Test func servePinsMustAgreeWithTheGrouping() throws {
        let folder = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let grouping = folder + "/g.csv", pins = folder + "/pins.csv"
        try "id,group\n" .appending((1...12).map { "\($0),\($0 <= 6 ? "Nord" : "Syd")" }.joined(separator: "\n") + "\n")
            .write(toFile: grouping, atomically: true, encoding: .utf8)
        try "id,group\n1,Syd\n5,Øst\n".write(toFile: pins, atomically: true, encoding: .utf8)
        let result = run("serve", Fixtures.path("small-danish.csv"), "--grouping", grouping, "--pin", pins, "--no-open", "--language", "en",
                         "--session-folder", folder)
        #expect(result.code == 1)
        #expect(result.err.contains("\(pins):2:0: error: Anne Holm (1) is pinned to group \"Syd\", but the grouping places them in group \"Nord\"")
                || result.err.contains("\(pins):2: error: Anne Holm (1) is pinned to group \"Syd\", but the grouping places them in group \"Nord\""), "\(result.err)")
        #expect(result.err.contains("is pinned to group \"Øst\", which the grouping does not have"))
    }

    @Test func aFileThatIsNotAScenarioIsAnErrorNamingIt() throws {
        let folder = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/x.json"
        try #"{"groups": []}"#.write(toFile: path, atomically: true, encoding: .utf8)
        let result = run("solve", Fixtures.path("small-danish.csv"), "--scenario", path, "--language", "en")
        #expect(result.code == 1)
        #expect(result.err.contains("\(path): error: this is not a Sparring scenario file"))

        let other = folder + "/other.json"
        try """
        {"sparring": "scenario", "version": 1, "name": "x", "roster": "r.csv", "options": [],
         "groups": [{"label": "1", "members": ["1", "2", "nobody"]}], "pins": ["1"]}
        """.write(toFile: other, atomically: true, encoding: .utf8)
        let foreign = run("solve", Fixtures.path("small-danish.csv"), "--scenario", other, "--language", "en")
        #expect(foreign.code == 1)
        #expect(foreign.err.contains("the scenario names the leader \"nobody\", who is not in the roster"))
    }

    @Test func serveRefusesContradictoryStartsBeforeListening() {
        let roster = Fixtures.path("small-danish.csv")
        let both = run("serve", roster, "--grouping", roster, "--scenario", roster, "--no-open")
        // The scenario is read first: the roster is no scenario file.
        #expect(both.code == 1)
        let port = run("serve", roster, "--port", "70000", "--no-open")
        #expect(port.code == 64)
        #expect(port.err.contains("--port skal være et helt tal fra 0 til 65535"))   // the roster is Danish
        #expect(run("serve", "--help").out.contains("USAGE: sparring serve ROSTER.csv"))
    }
}
