import Foundation
import Testing
import SparringIO
import SparringTestSupport

/// `sparring plan`: the file it writes, its summary, reproducibility, earlier rounds counted, and its refusals
/// before any search.
struct PlanCommandTests {
    @Test func writesAColumnPerRoundAndTheSummary() throws {
        let folder = Fixtures.temporaryDirectory()
        let out = folder + "/plan.csv"
        let result = run("plan", Fixtures.path("kolding-daycare.csv"), "--rounds", "3", "--moves", "200000", "--out", out)
        #expect(result.code == 0, "\(result.err)")
        let text = try String(contentsOfFile: out, encoding: .utf8)
        let lines = text.split(whereSeparator: \.isNewline)
        #expect(lines.count == 43)
        #expect(lines[0].hasSuffix(";runde 1;runde 2;runde 3"), "Danish headers for a Danish roster: \(lines[0])")
        #expect(result.out.contains("runde 1: alle faste regler overholdt"))
        for key in ["hard: 0", "repeats: ", "max-meetings: ", "moves: "] { #expect(result.out.contains(key), "\(key)") }
        // The same moves and seed give the same plan.
        let again = folder + "/again.csv"
        #expect(run("plan", Fixtures.path("kolding-daycare.csv"), "--rounds", "3", "--moves", "200000", "--out", again).code == 0)
        #expect(try String(contentsOfFile: again, encoding: .utf8) == text)
    }

    /// A plan that renews gently: round 1 renews last year's grouping and each later round the one before, every
    /// continuing group within 1–2 exchanges every year, all hard rules kept, groups keeping their labels; what a
    /// renewing plan cannot do is refused before any search.
    @Test func aPlanRenewsEachYearTheOneBefore() throws {
        let folder = Fixtures.temporaryDirectory()
        let roster = Fixtures.path("kolding-daycare.csv"), previous = folder + "/previous.csv", out = folder + "/plan.csv"
        #expect(run("solve", roster, "--moves", "200000", "--out", previous).code == 0)
        let result = run("plan", roster, "--rounds", "3", "--previous", previous, "--renew", "1-2", "--moves", "900000", "--out", out)
        #expect(result.code == 0, "\(result.err)")
        #expect(result.out.contains("hard: 0"), "\(result.out)")
        let table = try TableReader.read(path: out)
        let last = try TableReader.read(path: previous)
        let years = [last.rows.map { $0.last!.text }] + (1...3).map { r in table.rows.map { $0[table.header.count - 4 + r].text } }
        for year in 1...3 {
            // Each group of the year before keeps a core (the most of its members together) and exchanges 1–2.
            for label in Set(years[year - 1]) {
                let members = years[year - 1].indices.filter { years[year - 1][$0] == label }
                var together: [String: Int] = [:]
                for i in members { together[years[year][i], default: 0] += 1 }
                let core = together.max { ($0.value, $0.key) < ($1.value, $1.key) }!
                #expect((1...2).contains(members.count - core.value), "year \(year): group \(label) exchanges \(members.count - core.value)")
                // The group continuing it keeps its label.
                #expect(core.key == label, "year \(year): group \(label) continues as \(core.key)")
            }
        }
        // Refused, in Danish, before any search.
        let noRenew = run("plan", roster, "--rounds", "2", "--previous", previous, "--moves", "1000")
        #expect(noRenew.code != 0 && noRenew.err.contains("kræver --renew"), "\(noRenew.err)")
        let noRepeat = run("plan", roster, "--rounds", "2", "--previous", previous, "--renew", "1-2", "--no-repeat", "--moves", "1000")
        #expect(noRepeat.code != 0 && noRepeat.err.contains("--no-repeat kan ikke bruges med --renew"), "\(noRepeat.err)")
    }

    /// As an Excel workbook: the plan first, then a sheet per round whose groups are the plan's column for it.
    @Test func writesAWorkbookWithASheetPerRound() throws {
        let folder = Fixtures.temporaryDirectory()
        let out = folder + "/plan.xlsx"
        let result = run("plan", Fixtures.path("kolding-daycare.csv"), "--rounds", "2", "--moves", "100000", "--out", out)
        #expect(result.code == 0, "\(result.err)")
        #expect(try XLSXReader.sheetNames(bytes: Array(Data(contentsOf: URL(fileURLWithPath: out))), file: out) == ["Plan", "Runde 1", "Runde 2"])
        let plan = try TableReader.read(path: out, sheet: "Plan")
        #expect(plan.header.suffix(2).map(\.text) == ["runde 1", "runde 2"])
        for round in 1...2 {
            let sheet = try TableReader.read(path: out, sheet: "Runde \(round)")
            #expect(sheet.header.last?.text == "gruppe")
            #expect(sheet.rows.map { $0.last?.text } == plan.rows.map { $0[plan.header.count - 3 + round].text })
        }
    }

    /// Earlier rounds count as meetings: the same grouping given twice as history already makes its pairs meet twice.
    @Test func historyCountsAsEarlierRounds() throws {
        let folder = Fixtures.temporaryDirectory()
        let earlier = folder + "/earlier.csv"
        #expect(run("solve", Fixtures.path("kolding-daycare.csv"), "--moves", "20000", "--out", earlier, "--quiet").code == 0)
        let plain = run("plan", Fixtures.path("kolding-daycare.csv"), "--rounds", "1", "--moves", "50000")
        #expect(plain.out.contains("max-meetings: 1"), "\(plain.out)")
        let counted = run("plan", Fixtures.path("kolding-daycare.csv"), "--rounds", "1", "--moves", "50000", "--history", earlier, "--history", earlier)
        #expect(counted.code == 0, "\(counted.err)")
        #expect(counted.out.contains("max-meetings: 2") || counted.out.contains("max-meetings: 3"), "\(counted.out)")
    }

    /// 42 leaders in groups of at least 5 meet 4 new colleagues a round, so no plan of 11 rounds keeps every pair to
    /// one meeting: refused before any search, in the roster's language, with the most rounds that can.
    @Test func anImpossibleNoRepeatIsRefusedWithTheMostRounds() {
        let result = run("plan", Fixtures.path("kolding-daycare.csv"), "--rounds", "11", "--no-repeat", "--moves", "1000")
        #expect(result.code == 1)
        #expect(result.err.contains("--no-repeat kan ikke overholdes i 11 runder"), "\(result.err)")
        #expect(result.err.contains("planlæg højst 10 runder"), "\(result.err)")
        #expect(!result.out.contains("moves:"), "no search ran")
    }

    /// The JSON: a grouping per round, and the pairs meeting more than once add up to the repeats (earlier rounds
    /// included).
    @Test func theJSONListsTheRoundsAndTheRepeatedPairs() throws {
        let folder = Fixtures.temporaryDirectory()
        let earlier = folder + "/earlier.csv", json = folder + "/plan.json"
        #expect(run("solve", Fixtures.path("kolding-daycare.csv"), "--moves", "20000", "--out", earlier, "--quiet").code == 0)
        let result = run("plan", Fixtures.path("kolding-daycare.csv"), "--rounds", "2", "--moves", "100000", "--history", earlier, "--history", earlier,
                         "--json", json)
        #expect(result.code == 0, "\(result.err)")
        let object = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any])
        let rounds = try #require(object["plan"] as? [[String: Any]])
        #expect(rounds.count == 2)
        for round in rounds {
            let groups = try #require(round["groups"] as? [[String: Any]])
            #expect(groups.flatMap { ($0["members"] as? [String]) ?? [] }.count == 42)
        }
        let pairs = try #require(object["repeatedPairs"] as? [[String: Any]])
        let repeats = try #require(object["repeats"] as? Int)
        #expect(repeats > 0, "the same earlier grouping twice makes its pairs meet twice")
        #expect(pairs.reduce(0) { $0 + (($1["meetings"] as? Int) ?? 0) - 1 } == repeats)
        #expect(result.out.contains("repeats: \(repeats)"))
    }

    /// The report: the plan, every round, whom each leader meets; names only (no gender, unit or seniority), and
    /// namesakes told apart by their id.
    @Test func theReportShowsWhomEachLeaderMeetsAndNothingMore() throws {
        let folder = Fixtures.temporaryDirectory()
        let report = folder + "/plan.html"
        let result = run("plan", Fixtures.path("kolding-daycare.csv"), "--rounds", "2", "--moves", "100000", "--report", report)
        #expect(result.code == 0, "\(result.err)")
        let html = try String(contentsOfFile: report, encoding: .utf8)
        for text in ["Plan for netværksgrupperne", "Runde 1", "Runde 2", "Hvem hver leder møder"] {
            #expect(html.contains(text), "\(text)")
        }
        // How often colleagues meet again, as the summary counts it (wishes granted in both rounds make some pairs meet twice).
        let repeats = result.out.split(separator: "\n").first { $0.hasPrefix("repeats: ") }.map { String($0.dropFirst(9)) }
        #expect(html.contains(repeats == "0" ? "Ingen møder den samme kollega to gange." : "Kolleger mødes igen \(repeats ?? "?") gang"), "\(repeats ?? "")")
        #expect(!html.contains("kvinde") && !html.contains("Dagtilbud Nord"), "no column beyond the names")
        #expect(html.contains("Helle Jensen (232)") && html.contains("Helle Jensen (236)"), "namesakes told apart")
    }

    @Test func roundsAreRequiredAndChecked() {
        #expect(run("plan", Fixtures.path("kolding-daycare.csv")).code == 64)
        let bad = run("plan", Fixtures.path("kolding-daycare.csv"), "--rounds", "0")
        #expect(bad.code == 64)
        #expect(bad.err.contains("--rounds"))
        // A weight for a rule made hard would be ignored: refused, in the roster's language.
        let both = run("plan", Fixtures.path("kolding-daycare.csv"), "--rounds", "2", "--no-repeat", "--repeat-weight", "3")
        #expect(both.code == 64)
        #expect(both.err.contains("--repeat-weight har ingen virkning sammen med --no-repeat"), "\(both.err)")
        // Options a plan has no use for are refused, not ignored.
        for option in ["--history-weight", "--stability", "--previous"] {
            #expect(run("plan", Fixtures.path("kolding-daycare.csv"), "--rounds", "2", option, "3").code == 64, "\(option)")
        }
    }

    /// The Kolding roster with a column of rounds per leader (`rounds`: the cell for the leader at each index).
    static func rosterWithRounds(_ folder: String, _ cell: (Int) -> String) throws -> String {
        let text = try String(contentsOfFile: Fixtures.path("kolding-daycare.csv"), encoding: .isoLatin1)
        let lines = text.split(whereSeparator: \.isNewline).map(String.init)
        let path = folder + "/roster.csv"
        let written = lines.enumerated().map { k, line in line + ";" + (k == 0 ? "runder" : cell(k - 1)) }.joined(separator: "\n") + "\n"
        try written.write(toFile: path, atomically: true, encoding: .isoLatin1)
        return path
    }

    /// Attendance from a roster column: a leader on leave after round 1 and a joiner from round 2 are placed in
    /// their rounds only (an empty cell elsewhere, no row in the round's sheet), every round keeps its hard rules,
    /// and the report says who does not take part.
    @Test func attendanceFromAColumnPlacesLeadersInTheirRoundsOnly() throws {
        let folder = Fixtures.temporaryDirectory()
        let roster = try Self.rosterWithRounds(folder) { i in i % 9 == 0 ? "1" : (i % 11 == 0 ? "2-" : "") }
        let out = folder + "/plan.xlsx", report = folder + "/plan.html"
        let result = run("plan", roster, "--rounds", "3", "--attendance", "runder", "--moves", "150000", "--out", out, "--report", report)
        #expect(result.code == 0, "\(result.err)")
        #expect(result.out.contains("hard: 0"))
        let plan = try TableReader.read(path: out, sheet: "Plan")
        let rounds = plan.header.count - 3
        for (k, row) in plan.rows.enumerated() {
            let cells = row[rounds...].map(\.text)
            if k % 9 == 0 { #expect(!cells[0].isEmpty && cells[1].isEmpty && cells[2].isEmpty, "leader \(k): \(cells)") }
            else if k % 11 == 0 { #expect(cells[0].isEmpty && !cells[1].isEmpty && !cells[2].isEmpty, "leader \(k): \(cells)") }
            else { #expect(cells.allSatisfy { !$0.isEmpty }, "leader \(k): \(cells)") }
        }
        let absentInRound2 = plan.rows.indices.filter { $0 % 9 == 0 }.count
        #expect(try TableReader.read(path: out, sheet: "Runde 2").rows.count == plan.rows.count - absentInRound2)
        let html = try String(contentsOfFile: report, encoding: .utf8)
        #expect(html.contains("Ikke alle deltager i alle runder"))
        #expect(html.contains("deltager ikke"))
    }

    /// Attendance from a file of its own, with every bad row refused at its cell before any search: a round the
    /// plan does not have, a cell that is no list of rounds, a leader not in the roster, a leader listed twice.
    @Test func aBadAttendanceFileIsRefusedCellByCell() throws {
        let folder = Fixtures.temporaryDirectory()
        let file = folder + "/fremmoede.csv", out = folder + "/plan.csv"
        try "id,runder\n201,1-4\n202,x\nNiels Nielsen,1\n203,2\n203,3\n".write(toFile: file, atomically: true, encoding: .utf8)
        let result = run("plan", Fixtures.path("kolding-daycare.csv"), "--rounds", "3", "--attendance", file, "--moves", "1000", "--out", out)
        #expect(result.code == 1)
        #expect(result.err.contains(file + ":2:5: fejl: Rikke Jensen deltager i runde 4, som planen ikke har"), "\(result.err)")
        #expect(result.err.contains(file + ":3:5: fejl: runderne for Lars Hansen er ikke en liste af runder: \"x\""), "\(result.err)")
        #expect(result.err.contains(file + ":4:1: fejl:") && result.err.contains("Niels Nielsen"), "\(result.err)")
        #expect(result.err.contains(file + ":6:1: fejl:") && result.err.contains("to gange (først på linje 5)"), "\(result.err)")
        #expect(!FileManager.default.fileExists(atPath: out))
        // Neither a column nor a file.
        let unknown = run("plan", Fixtures.path("kolding-daycare.csv"), "--rounds", "3", "--attendance", "fremmøde", "--moves", "1000")
        #expect(unknown.code == 1)
        #expect(unknown.err.contains("--attendance \"fremmøde\" er hverken en kolonne i lederlisten eller en fil"), "\(unknown.err)")
    }

    /// A round too few leaders take part in is refused before any search, naming the round.
    @Test func aRoundTooFewTakePartInIsRefused() throws {
        let folder = Fixtures.temporaryDirectory()
        let roster = try Self.rosterWithRounds(folder) { i in i < 4 ? "" : "1" }
        let result = run("plan", roster, "--rounds", "2", "--attendance", "runder", "--moves", "1000")
        #expect(result.code == 1)
        #expect(result.err.contains("runde 2 (4 af 42 ledere deltager) kan ikke planlægges"), "\(result.err)")
    }

    /// Local networks of a roster with small strata: the summary, the report and the JSON say how many meetings
    /// again pure groups cannot avoid (53 here: the 9 leaders of "Dagtilbud · pædagogisk leder", 7 of them in a
    /// pure group a round, alone must meet again 27 times; the 5 dagtilbudsledere 20; the 28 institutionsledere, in
    /// at most five groups, 3 a round after the first), and how the plan compares.
    @Test func localNetworksSayWhatTheStrataAllow() throws {
        let folder = Fixtures.temporaryDirectory()
        let json = folder + "/plan.json", report = folder + "/plan.html"
        let result = run("plan", Fixtures.path("kolding-daycare.csv"), "--rounds", "3", "--typology", "lokal", "--moves", "300000",
                         "--json", json, "--report", report)
        #expect(result.code == 0, "\(result.err)")
        #expect(result.out.contains("kan mindst 53 gentagne møder ikke undgås over 3 runder (flest i Dagtilbud · pædagogisk leder: 9 ledere, mindst 27)"),
                "\(result.out)")
        #expect(try String(contentsOfFile: report, encoding: .utf8).contains("kan mindst 53 gentagne møder ikke undgås"))
        let text = try String(contentsOfFile: json, encoding: .utf8)
        #expect(text.contains("\"unavoidableRepeats\": 53") || text.contains("\"unavoidableRepeats\":53"), "\(text.prefix(400))")
        // Broad networks have no strata to limit them: nothing said.
        let broad = run("plan", Fixtures.path("kolding-daycare.csv"), "--rounds", "3", "--moves", "50000")
        #expect(!broad.out.contains("Rene grupper begrænser"))
    }
}
