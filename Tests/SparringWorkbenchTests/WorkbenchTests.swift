import Foundation
import Synchronization
import Testing
import SparringEngine
import SparringIO
import SparringModel
import SparringReport
import SparringServer
import SparringSolver
import SparringTestSupport
@testable import SparringWorkbench

/// A workbench on a fixture roster, answering API requests in process.
struct Bench {
    let workbench: Workbench
    let api: WorkbenchAPI
    let roster: Roster

    /// - Parameter start: nil: open on a search (one thread, a short time limit), as `serve` does.
    init(_ fixture: String = "small-danish.csv", settings: RuleSettings = RuleSettings(), labels: [String]? = nil,
         start: ((Roster) -> [Int32])? = nil) throws {
        let roster = try RosterLoader.load(path: Fixtures.path(fixture)).roster
        self.roster = roster
        let words = Words(Language.of(headers: roster.columns))
        let problem = Problem(roster: roster, settings: settings, words: words)
        let setup = Workbench.Setup(problem: problem, rosterPath: Fixtures.path(fixture), threads: 1, seconds: 0.3)
        let arrangement = start.map { make in
            let groups = make(roster)
            let count = Int(groups.max()!) + 1
            return Arrangement(rules: Rules(settings: settings, rounds: RoundRules()), groups: groups,
                               labels: labels ?? GroupingContext.numberedLabels(count), pinned: [Bool](repeating: false, count: roster.count))
        }
        workbench = try Workbench(setup: setup, start: arrangement)
        api = WorkbenchAPI(workbench)
    }

    /// Answers one request; the body parsed as a JSON object.
    func call(_ method: String, _ path: String, _ body: String = "") -> (status: Int, json: [String: Any], response: HTTPResponse) {
        let response = api.respond(to: HTTPRequest(method: method, path: path, body: Array(body.utf8)))
        let json = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any] ?? [:]
        return (response.status, json, response)
    }

    var state: [String: Any] { call("GET", "/api/state").json }

    static func groups(_ state: [String: Any]) -> [[String: Any]] { state["groups"] as! [[String: Any]] }
    static func hard(_ state: [String: Any]) -> Int { (state["score"] as! [String: Any])["hard"] as! Int }
    static func label(of id: String, in state: [String: Any]) -> String {
        groups(state).first { ($0["members"] as! [String]).contains(id) }!["label"] as! String
    }
}

/// Leaders 0…11 of `small-danish.csv` in two groups of six by roster order.
let twoGroups: @Sendable (Roster) -> [Int32] = { roster in roster.ids.indices.map { Int32($0 < 6 ? 0 : 1) } }

@Suite struct WorkbenchTests {
    @Test func opensOnAProposalThatKeepsEveryHardRule() throws {
        let bench = try Bench()
        let state = bench.state
        #expect(Bench.hard(state) == 0)
        let members = Bench.groups(state).flatMap { $0["members"] as! [String] }
        #expect(members.sorted() == bench.roster.ids.sorted())
        #expect((state["history"] as! [String: Any])["canUndo"] as! Bool == false)
        #expect(state["version"] as! Int == 1)
    }

    /// The issue's story: put a leader with their boss → the group's problem names both → undo → clean.
    @Test func aMoveBesideTheBossIsMadeAndShownThenUndone() throws {
        let bench = try Bench()
        let roster = bench.roster
        let before = bench.state
        // A leader whose manager is in the roster and in another group; swap them with a member of that group.
        let state = before
        let i = roster.ids.indices.first { i in
            roster.managers[i] >= 0 && Bench.label(of: roster.ids[i], in: state) != Bench.label(of: roster.ids[Int(roster.managers[i])], in: state)
        }!
        let boss = Int(roster.managers[i])
        let bossGroup = Bench.label(of: roster.ids[boss], in: before)
        let partner = (Bench.groups(before).first { $0["label"] as! String == bossGroup }!["members"] as! [String]).first { $0 != roster.ids[boss] }!
        let swapped = bench.call("POST", "/api/swap", #"{"a": "\#(roster.ids[i])", "b": "\#(partner)"}"#)
        #expect(swapped.status == 200)
        #expect(Bench.hard(swapped.json) >= 1)
        let card = Bench.groups(swapped.json).first { $0["label"] as! String == bossGroup }!
        let problems = card["problems"] as! [String]
        #expect(problems.contains { $0.contains(roster.names[i]) && $0.contains(roster.names[boss]) }, "\(problems)")
        #expect(Set(swapped.json["changed"] as! [String]).contains(bossGroup))

        let undone = bench.call("POST", "/api/undo")
        #expect(Bench.hard(undone.json) == 0)
        #expect(Bench.groups(undone.json).map { $0["members"] as! [String] } == Bench.groups(before).map { $0["members"] as! [String] })
        #expect((undone.json["history"] as! [String: Any])["canRedo"] as! Bool)
        let redone = bench.call("POST", "/api/redo")
        #expect(Bench.hard(redone.json) == Bench.hard(swapped.json))
    }

    @Test func aMoveThatBreaksASizeBoundIsRefusedAndChangesNothing() throws {
        let bench = try Bench(start: twoGroups)
        // 6 and 6: a first move makes 5 and 7 (allowed); a second one into the group of 7 is refused.
        #expect(bench.call("POST", "/api/move", #"{"leader": "\#(bench.roster.ids[0])", "group": "2"}"#).status == 200)
        let before = bench.state
        let full = bench.call("POST", "/api/move", #"{"leader": "\#(bench.roster.ids[1])", "group": "2"}"#)
        #expect(full.status == 409)
        #expect((full.json["error"] as! String).contains("gruppe 2") && (full.json["error"] as! String).contains("7"))
        #expect(!(full.json["hint"] as! String).isEmpty)
        let after = bench.state
        #expect(after["version"] as! Int == before["version"] as! Int)
        #expect(Bench.label(of: bench.roster.ids[1], in: after) == "1")

        // Three groups of 4 with sizes 4…5: leaving a group of 4 is refused.
        var sizing = RuleSettings()
        sizing.sizing = GroupSizing(minSize: 4, maxSize: 5)
        let small = try Bench(settings: sizing) { roster in roster.ids.indices.map { Int32($0 / 4) } }
        let tooSmall = small.call("POST", "/api/move", #"{"leader": "\#(small.roster.ids[0])", "group": "2"}"#)
        #expect(tooSmall.status == 409)
        #expect((tooSmall.json["error"] as! String).contains("forlade gruppe 1"))
    }

    @Test func badRequestsAreRefusedInTheRostersLanguage() throws {
        let bench = try Bench(start: twoGroups)
        #expect(bench.call("POST", "/api/move", "{not json").status == 400)
        #expect(bench.call("POST", "/api/move", #"{"leader": true, "group": "1"}"#).status == 400)
        let unknown = bench.call("POST", "/api/move", #"{"leader": "nobody", "group": "1"}"#)
        #expect(unknown.status == 404)
        #expect((unknown.json["error"] as! String).contains("ingen leder"))
        #expect(bench.call("POST", "/api/move", #"{"leader": "\#(bench.roster.ids[0])", "group": "99"}"#).status == 404)
        #expect(bench.call("POST", "/api/swap", #"{"a": "\#(bench.roster.ids[0])", "b": "\#(bench.roster.ids[1])"}"#).status == 400)
        #expect(bench.call("POST", "/api/settings", #"{"controls": {"weight:gender": 9}}"#).status == 400)
        #expect(bench.call("POST", "/api/settings", #"{"controls": {"nonsense": 1}}"#).status == 400)
        #expect(bench.call("POST", "/api/settings", #"{"typology": "sideways"}"#).status == 400)
        #expect(bench.call("POST", "/api/scenarios/load", #"{"index": 3}"#).status == 404)
        #expect(bench.call("GET", "/api/move").status == 405)
        #expect(bench.call("POST", "/api/state").status == 405)
        #expect(bench.call("GET", "/etc/passwd").status == 404)
        #expect(bench.call("GET", "/api/export/../../etc/passwd").status == 404)
        // Nothing changed.
        #expect(bench.state["version"] as! Int == 1)
    }

    /// A value out of range names the control in the session's language (Danish here), not in English.
    @Test func anOutOfRangeValueNamesTheControlInTheRostersLanguage() throws {
        let bench = try Bench(start: twoGroups)
        let refused = bench.call("POST", "/api/settings", #"{"controls": {"pure": 1e19, "wishes": 9}}"#)
        #expect(refused.status == 400)
        #expect(refused.json["error"] as? String == "rene grupper skal være et tal fra 0 til 5, ikke 1e+19")
        let wishes = bench.call("POST", "/api/settings", #"{"controls": {"wishes": 9}}"#)
        #expect(wishes.json["error"] as? String == "opfyldte ønsker skal være et tal fra 0 til 5, ikke 9")
    }

    @Test func settingsReScoreTheGroupingAndAreUndoable() throws {
        let bench = try Bench(start: twoGroups)
        let before = bench.state
        let controls = (before["settings"] as! [String: Any])["controls"] as! [[String: Any]]
        let keys = controls.map { $0["key"] as! String }
        #expect(keys.contains("weight:gender") && keys.contains("lone:gender") && keys.contains("wishes") && keys.contains("pure"))
        let gender = controls.first { $0["key"] as! String == "weight:gender" }!
        #expect(gender["value"] as! Double == -2 && gender["min"] as! Double == -5 && gender["max"] as! Double == 5)

        let tuned = bench.call("POST", "/api/settings", #"{"typology": "lokal", "controls": {"weight:gender": 3}}"#)
        #expect(tuned.status == 200)
        let settings = tuned.json["settings"] as! [String: Any]
        #expect(settings["typology"] as! String == "local")
        #expect(((settings["controls"] as! [[String: Any]]).first { $0["key"] as! String == "weight:gender" }!["value"] as! Double) == 3)
        let softBefore = (before["score"] as! [String: Any])["soft"] as! Double
        let softAfter = (tuned.json["score"] as! [String: Any])["soft"] as! Double
        #expect(softAfter != softBefore)
        let undone = bench.call("POST", "/api/undo")
        #expect((undone.json["settings"] as! [String: Any])["typology"] as! String == "broad")
    }

    @Test func aPinnedLeaderKeepsTheirGroupThroughASearch() throws {
        let bench = try Bench(start: twoGroups)
        let id = bench.roster.ids[3]
        #expect(bench.call("POST", "/api/pin", #"{"leader": "\#(id)", "pinned": true}"#).status == 200)
        let before = bench.state
        #expect(before["pins"] as! [String] == [id])
        let started = bench.call("POST", "/api/solve", #"{"seconds": 0.3}"#)
        #expect(started.status == 202)
        #expect((started.json["solve"] as! [String: Any])["running"] as! Bool)
        // A change during the search is refused.
        #expect(bench.call("POST", "/api/pin", #"{"leader": "\#(id)", "pinned": false}"#).status == 409)
        bench.workbench.waitForSearch()
        let after = bench.state
        #expect(Bench.label(of: id, in: after) == "1")
        #expect(after["pins"] as! [String] == [id])
        #expect(Bench.hard(after) == 0)
        #expect((after["solve"] as! [String: Any])["running"] as! Bool == false)
        // Never worse than where it started: a search that finds nothing better keeps the grouping.
        let softBefore = (before["score"] as! [String: Any])["soft"] as! Double, softAfter = (after["score"] as! [String: Any])["soft"] as! Double
        #expect(Bench.hard(before) > 0 || softAfter >= softBefore)
    }

    @Test func stopKeepsTheBestGroupingSoFar() throws {
        let bench = try Bench("koege-300.csv")
        #expect(bench.call("POST", "/api/solve", #"{"seconds": 30}"#).status == 202)
        // Stopped once the search has run a little (its state says so), not after a fixed sleep.
        let deadline = Date().addingTimeInterval(20)
        while ((bench.state["solve"] as? [String: Any])?["seconds"] as? Double ?? 0) < 0.1 && Date() < deadline {
            var none = pollfd()
            _ = poll(&none, 0, 5)
        }
        let stopped = bench.call("POST", "/api/stop")
        #expect(stopped.status == 200)
        bench.workbench.waitForSearch()
        let after = bench.state
        let members = Bench.groups(after).flatMap { $0["members"] as! [String] }
        #expect(members.count == 300)
        #expect((after["solve"] as! [String: Any])["stopped"] as! Bool)
        let seconds = (after["solve"] as! [String: Any])["seconds"] as! Double
        #expect(seconds < 10)
    }

    @Test func scenariosAreKeptComparedLoadedAndDeleted() throws {
        let bench = try Bench(start: twoGroups)
        #expect(bench.call("POST", "/api/scenarios", #"{"name": "Bred"}"#).status == 200)
        #expect(bench.call("POST", "/api/swap", #"{"a": "\#(bench.roster.ids[0])", "b": "\#(bench.roster.ids[6])"}"#).status == 200)
        #expect(bench.call("POST", "/api/settings", #"{"typology": "local"}"#).status == 200)
        let kept = bench.call("POST", "/api/scenarios", "{}")
        let scenarios = kept.json["scenarios"] as! [[String: Any]]
        #expect(scenarios.map { $0["name"] as! String } == ["Bred", "Scenarie 2"])
        #expect(scenarios.map { $0["typology"] as! String } == ["broad", "local"])
        #expect(scenarios[1]["sharedPairs"] as! Double == 1)
        let shared = scenarios[0]["sharedPairs"] as! Double
        #expect(shared > 0 && shared < 1)
        #expect(!(scenarios[0]["rules"] as! [Any]).isEmpty)

        #expect(scenarios.map { $0["index"] as! Int } == [1, 2])
        let loaded = bench.call("POST", "/api/scenarios/load", #"{"index": 1}"#)
        #expect((loaded.json["settings"] as! [String: Any])["typology"] as! String == "broad")
        #expect(Bench.label(of: bench.roster.ids[0], in: loaded.json) == "1")
        let deleted = bench.call("POST", "/api/scenarios/delete", #"{"index": 1}"#)
        #expect((deleted.json["scenarios"] as! [[String: Any]]).map { $0["name"] as! String } == ["Scenarie 2"])
        // Numbers stay: the remaining scenario is still number 2, and number 1 is gone for good.
        #expect((deleted.json["scenarios"] as! [[String: Any]]).map { $0["index"] as! Int } == [2])
        #expect(bench.call("POST", "/api/scenarios/load", #"{"index": 1}"#).status == 404)
    }

    /// Two tabs deleting the same scenario at once: one succeeds, the other is told it is gone; no crash.
    @Test func concurrentDeletesOfOneScenarioAreSafe() throws {
        let bench = try Bench(start: twoGroups)
        for k in 0..<20 { #expect(bench.call("POST", "/api/scenarios", #"{"name": "s\#(k)"}"#).status == 200) }
        #expect(bench.call("POST", "/api/scenarios", "{}").status == 409)
        let statuses = Mutex<[Int]>([])
        DispatchQueue.concurrentPerform(iterations: 12) { _ in
            let status = bench.call("POST", "/api/scenarios/delete", #"{"index": 20}"#).status
            statuses.withLock { $0.append(status) }
        }
        #expect(statuses.withLock { $0.sorted() } == [200] + [Int](repeating: 404, count: 11))
        #expect((bench.state["scenarios"] as! [[String: Any]]).count == 19)
    }

    /// A slider sets the attribute's weight even when the command line named the column by its header.
    @Test func aControlOverridesTheCommandLinesSpellingOfTheSameColumn() throws {
        var settings = RuleSettings()
        settings.weights["køn"] = -2
        settings.loneWeights["køn"] = 3
        let bench = try Bench(settings: settings, start: twoGroups)
        let tuned = bench.call("POST", "/api/settings", #"{"controls": {"weight:gender": 4, "lone:gender": 0}}"#)
        #expect(tuned.status == 200)
        let controls = (tuned.json["settings"] as! [String: Any])["controls"] as! [[String: Any]]
        func value(_ key: String) -> Double? { controls.first { $0["key"] as! String == key }?["value"] as? Double }
        #expect(value("weight:gender") == 4 && value("lone:gender") == 0)
        #expect(bench.workbench.current.rules.settings.weights == ["gender": 4])
        // A lone rule set to 0 stays a control, so that it can be raised again.
        #expect(bench.call("POST", "/api/settings", #"{"controls": {"lone:gender": 2}}"#).status == 200)
    }

    /// A pinned search keeps the groups and their labels, also when `--groups` asked for fewer than the
    /// grouping has; and undo during a search is refused.
    @Test func aPinnedSearchKeepsGroupCountAndLabels() throws {
        var settings = RuleSettings()
        settings.sizing = GroupSizing(minSize: 3, maxSize: 5)
        settings.groups = 2
        let bench = try Bench(settings: settings, labels: ["Nord", "Syd", "Vest"]) { roster in roster.ids.indices.map { Int32($0 / 4) } }
        let id = bench.roster.ids[11]
        #expect(bench.call("POST", "/api/pin", #"{"leader": "\#(id)", "pinned": true}"#).status == 200)
        #expect(bench.call("POST", "/api/solve", #"{"seconds": 0.3}"#).status == 202)
        #expect(bench.call("POST", "/api/undo").status == 409)
        bench.workbench.waitForSearch()
        let after = bench.state
        #expect(Bench.groups(after).map { $0["label"] as! String } == ["Nord", "Syd", "Vest"])
        #expect(Bench.label(of: id, in: after) == "Vest")
    }

    @Test func exportsAreTheCurrentGroupingAndReadBack() throws {
        let bench = try Bench(start: twoGroups)
        #expect(bench.call("POST", "/api/swap", #"{"a": "\#(bench.roster.ids[0])", "b": "\#(bench.roster.ids[6])"}"#).status == 200)
        let current = bench.workbench.current
        let folder = Fixtures.temporaryDirectory()

        let csv = bench.call("GET", "/api/export/csv").response
        #expect(csv.status == 200 && csv.contentType.hasPrefix("text/csv"))
        #expect(csv.headers.contains { $0.hasPrefix("Content-Disposition: attachment; filename=\"small-danish-grupper.csv\"") })
        let csvPath = folder + "/grupper.csv"
        try Data(csv.body).write(to: URL(fileURLWithPath: csvPath))
        let grouping = try GroupingLoader.load(path: csvPath, roster: bench.roster)
        #expect(grouping.groupOf == current.groups && grouping.labels == current.labels)

        let xlsx = bench.call("GET", "/api/export/xlsx").response
        #expect(xlsx.status == 200 && Array(xlsx.body.prefix(2)) == [0x50, 0x4B])
        let xlsxPath = folder + "/grupper.xlsx"
        try Data(xlsx.body).write(to: URL(fileURLWithPath: xlsxPath))
        #expect(try GroupingLoader.load(path: xlsxPath, roster: bench.roster).groupOf == current.groups)

        let report = String(decoding: bench.call("GET", "/api/export/report").response.body, as: UTF8.self)
        #expect(report.hasPrefix("<!DOCTYPE html>") || report.hasPrefix("<!doctype html>"))
        #expect(report.contains(bench.roster.names[0]))
        #expect(report.contains("sparring score small-danish.csv small-danish-grupper.csv --typology broad") && !report.contains("--groups"))

        let scenario = bench.call("GET", "/api/export/scenario").response
        let scenarioPath = folder + "/scenarie.json"
        try Data(scenario.body).write(to: URL(fileURLWithPath: scenarioPath))
        let file = try ScenarioFile.read(path: scenarioPath)
        let back = try file.grouping(on: bench.roster, path: scenarioPath)
        #expect(back.groups == current.groups && back.labels == current.labels && back.pinned == current.pinned)
        #expect(file.options.starts(with: ["--typology", "broad", "--min-size", "5", "--max-size", "7", "--groups", "2"]))
        try? FileManager.default.removeItem(atPath: folder)
    }

    @Test func theRosterDocumentCarriesThePageTextsInTheRostersLanguage() throws {
        let danish = try Bench(start: twoGroups).call("GET", "/api/roster").json
        let english = try Bench("small-english.csv", start: twoGroups).call("GET", "/api/roster").json
        #expect(danish["language"] as! String == "da" && english["language"] as! String == "en")
        let textsDA = danish["texts"] as! [String: String], textsEN = english["texts"] as! [String: String]
        #expect(!textsDA.isEmpty && Set(textsDA.keys) == Set(textsEN.keys))
        #expect(textsDA.keys.allSatisfy { $0.hasPrefix("page.") })
        #expect(textsDA["page.title"] != textsEN["page.title"])
        #expect((danish["leaders"] as! [[String: Any]]).count == 12)
        #expect((danish["typologies"] as! [[String: Any]]).map { $0["label"] as! String }.contains("lokale netværk"))
    }

    @Test func thePageAndItsFilesAreServedWithTheCookieAndNoCORS() throws {
        let bench = try Bench(start: twoGroups)
        let page = bench.api.respond(to: HTTPRequest(method: "GET", path: "/", query: ["token": "abc"]))
        #expect(page.status == 200 && page.contentType.hasPrefix("text/html"))
        #expect(page.headers.contains { $0.hasPrefix("Set-Cookie: sparring_token=abc;") && $0.contains("HttpOnly") && $0.contains("SameSite=Strict") })
        let html = String(decoding: page.body, as: UTF8.self)
        #expect(!html.contains("http://") && !html.contains("https://"), "the page loads nothing from elsewhere")
        for path in ["/app.js", "/app.css"] {
            let file = bench.api.respond(to: HTTPRequest(method: "GET", path: path))
            #expect(file.status == 200 && !file.body.isEmpty)
            #expect(!String(decoding: file.serialized(closing: false), as: UTF8.self).lowercased().contains("access-control"))
        }
    }

    @Test func aHandMoveOnFiveThousandLeadersIsAnsweredFromTheScorer() throws {
        // Correctness at size (timing is the benchmark's: --only workbench).
        let text = RosterGenerator(leaders: 5000, seed: 3, danish: true).render()
        let roster = try RosterLoader.load(table: CSVReader.parse(bytes: Array(text.utf8), file: "big.csv")).roster
        let groups = roster.ids.indices.map { Int32($0 / 6) }
        let labels = GroupingContext.numberedLabels(Int(groups.last!) + 1)
        let settings = RuleSettings()
        let workbench = try Workbench(setup: .init(problem: Problem(roster: roster, settings: settings, words: Words(.da)), rosterPath: "big.csv", threads: 1),
                                      start: Arrangement(rules: Rules(settings: settings, rounds: RoundRules()), groups: groups, labels: labels,
                                                         pinned: [Bool](repeating: false, count: roster.count)))
        try workbench.swap(roster.ids[0], roster.ids[4999])
        let scored = workbench.outcome.score
        var moved = groups
        moved.swapAt(0, 4999)
        let direct = Pipeline.score(try Pipeline.prepare(Problem(roster: roster, settings: { var s = settings; s.groups = labels.count; return s }(), words: Words(.da)), checkSetup: false),
                                    groups: moved, labels: labels)
        #expect(scored == direct.score)
    }
}

/// The page's texts come from the catalogue: every `page.*` key the page's files name exists in both
/// languages, and the catalogue holds no page text the page never shows.
@Suite struct PageTextTests {
    @Test func everyKeyThePageUsesIsInTheCatalogueAndNoneIsUnused() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/SparringWorkbench/Page")
        var used: Set<String> = []
        let pattern = try NSRegularExpression(pattern: #"page\.[A-Za-z0-9_.]*[A-Za-z0-9_]"#)
        for name in ["index.html", "app.js"] {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                used.insert(String(text[Range(match.range, in: text)!]))
            }
        }
        // A family built from a value: the legend and hint of each kind of control the state lists.
        used.remove("page.kind")
        for kind in RuleDescriptors.all.flatMap({ $0.controlKinds }) {
            used.formUnion(["page.kind.\(kind)", "page.kind.\(kind).hint"])
        }
        let english = Set(Words.keys(of: .en, prefix: "page.")), danish = Set(Words.keys(of: .da, prefix: "page."))
        #expect(used.count > 20, "the scan found too few keys: \(used.count)")
        #expect(used.subtracting(english).sorted() == [], "keys the page names that the catalogue lacks")
        #expect(english.subtracting(used).sorted() == [], "page texts the page never shows")
        #expect(english == danish)
    }
}
