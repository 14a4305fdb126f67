import Foundation
import Testing
import SparringCLI
import SparringIO
import SparringModel
import SparringTestSupport

struct ScoreCommandTests {
    func read(_ path: String) -> String? { FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } }

    /// The figure after `name: ` on the last line that starts with it.
    func value(_ name: String, in output: String) -> String? {
        output.split(separator: "\n").last { $0.hasPrefix(name + ": ") }.map { String($0.dropFirst(name.count + 2)) }
    }

    @Test func scoringOurOwnGroupingAgreesWithSolve() throws {
        let folder = Fixtures.temporaryDirectory()
        let out = folder + "/groups.csv"
        let solved = run("solve", "--language", "en", Fixtures.path("koege-300.csv"), "--typology", "local", "--moves", "200000", "--threads", "1", "--out", out)
        #expect(solved.code == 0)
        let scored = run("score", "--language", "en", Fixtures.path("koege-300.csv"), out, "--typology", "local")
        #expect(scored.code == 0)
        #expect(value("hard", in: scored.out) == value("hard", in: solved.out))
        #expect(value("soft", in: scored.out) == value("soft", in: solved.out))
        #expect(scored.out.hasPrefix("hard rules: all kept"))
        #expect(scored.out.contains("\n\ngroup 1 ("))
    }

    /// Must show: a hand edit that puts a loyalty-conflict pair together is caught and both leaders are named.
    @Test func handEditPuttingAConflictPairTogetherIsCaught() throws {
        let folder = Fixtures.temporaryDirectory()
        let out = folder + "/groups.csv"
        #expect(run("solve", "--language", "en", Fixtures.path("koege-300.csv"), "--moves", "100000", "--threads", "1", "--out", out).code == 0)
        let roster = try RosterLoader.load(path: Fixtures.path("koege-300.csv")).roster
        let grouping = try GroupingLoader.load(path: out, roster: roster)
        let pair = try #require(roster.conflicts.first)
        let (a, b) = (Int(pair.first), Int(pair.second))
        #expect(grouping.groupOf[a] != grouping.groupOf[b])

        // Edit as in Excel: a's group cell becomes b's group.
        var lines = try #require(read(out)).components(separatedBy: "\r\n")
        let row = try #require(lines.firstIndex { $0.hasPrefix(roster.ids[a] + ";") })
        lines[row] = lines[row].split(separator: ";", omittingEmptySubsequences: false).dropLast().joined(separator: ";")
            + ";" + grouping.labels[Int(grouping.groupOf[b])]
        try Data(lines.joined(separator: "\r\n").utf8).write(to: URL(fileURLWithPath: out))

        let result = run("score", "--language", "en", Fixtures.path("koege-300.csv"), out)
        #expect(result.code == 0)
        let both = "\(roster.names[a]) (\(roster.ids[a])) and \(roster.names[b]) (\(roster.ids[b])): loyalty conflict (named in the roster)"
        #expect(result.out.hasPrefix("hard rules broken: "))
        let firstLines = result.out.split(separator: "\n").prefix(4).joined(separator: "\n")
        #expect(firstLines.contains("group \(grouping.labels[Int(grouping.groupOf[b])]): \(both)"))
        #expect(result.out.contains("  BROKEN: \(both)"))
        #expect(value("hard", in: result.out).flatMap { Int($0) }.map { $0 >= 1 } == true)
    }

    @Test func unusableGroupingExitsOneAndWritesNothing() throws {
        let folder = Fixtures.temporaryDirectory()
        let grouping = folder + "/g.csv", report = folder + "/r.html"
        try "id,group\nL01,1\nL02,1\n".write(toFile: grouping, atomically: true, encoding: .utf8)
        let result = run("score", "--language", "en", Fixtures.path("small-english.csv"), grouping, "--report", report)
        #expect(result.code == 1)
        #expect(result.err.contains("\(grouping): error: 10 leaders of the roster are not in this grouping: Søren \"Sasse\" Kjær (L03), "))
        #expect(!FileManager.default.fileExists(atPath: report))
    }

    /// Must show: an Excel-mode export of a roster whose names start with `=` contains no live formula.
    @Test func excelExportsContainNoLiveFormula() throws {
        let folder = Fixtures.temporaryDirectory()
        var text = try #require(read(Fixtures.path("small-english.csv")))
        text = text.replacingOccurrences(of: "Anne Holm", with: "\"=HYPERLINK(\"\"http://evil.example\"\",\"\"Anne\"\")\"")
            .replacingOccurrences(of: "Mette Bækgaard", with: "=1+2").replacingOccurrences(of: "Poul Jensen", with: "@SUM(A1)")
            .replacingOccurrences(of: "Ole Thomsen", with: "+cmd|' /C calc'!A0").replacingOccurrences(of: "Åse Friis", with: "-2+3")
        let roster = folder + "/roster.csv", out = folder + "/out.csv", groups = folder + "/groups.csv"
        try text.write(toFile: roster, atomically: true, encoding: .utf8)
        let result = run("solve", "--language", "en", roster, "--moves", "20000", "--excel", "--out", out, "--groups-out", groups)
        #expect(result.code == 0)
        for path in [out, groups] {
            let bytes = try #require(FileManager.default.contents(atPath: path))
            #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
            let table = try CSVReader.read(path: path)
            #expect(table.delimiter == ";")
            let cells = (table.rows + [table.header]).flatMap { $0 }.map(\.text)
            #expect(cells.contains { $0.contains("HYPERLINK") })
            for cell in cells { #expect(!(cell.first.map { "=+-@".contains($0) } ?? false), "live formula: \(cell)") }
        }
        // The neutralised file still scores (ids read back through the apostrophe) and converts back unchanged.
        let again = folder + "/again.csv"
        #expect(run("score", "--language", "en", roster, out, "--excel", "--out", again).code == 0)
        #expect(read(again) == read(out))
    }

    /// Must show: a 300-leader report is one file with no external references; markup in a name is text.
    @Test func reportIsSelfContainedAndEscapesNames() throws {
        let folder = Fixtures.temporaryDirectory()
        let text = try #require(read(Fixtures.path("roster-300.csv")))
            .replacingOccurrences(of: "Hanne Thomsen", with: "<img src=x onerror=alert(1)>")
        let roster = folder + "/roster.csv", report = folder + "/report.html"
        try text.write(toFile: roster, atomically: true, encoding: .utf8)
        let result = run("solve", "--language", "en", roster, "--moves", "100000", "--report", report)
        #expect(result.code == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["report.html", "roster.csv"])
        let html = try #require(read(report))
        #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;"))
        for external in ["<img", "<script", "src=\"", "href=", "url(", "@import", "http:", "https:"] {
            #expect(!html.contains(external), "found \(external)")
        }
        #expect(html.components(separatedBy: "<article class=\"card").count - 1 == 50)
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.hasSuffix("</html>\n"))
    }

    @Test func hiddenAttributesLeaveEveryOutput() throws {
        let folder = Fixtures.temporaryDirectory()
        let out = folder + "/o.csv", json = folder + "/o.json", report = folder + "/o.html", groups = folder + "/g.csv"
        let result = run("solve", "--language", "en", Fixtures.path("small-english.csv"), "--moves", "20000", "--hide", "gender,seniority", "--hide", "name",
                         "--out", out, "--json", json, "--report", report, "--groups-out", groups)
        #expect(result.code == 0)
        let csv = try #require(read(out))
        #expect(csv.hasPrefix("id,field,rank,unit,manager,location,conflicts,wishes,mentor,group\n"))
        for path in [out, json, report, groups] {
            let text = try #require(read(path))
            for secret in ["woman", "Anne Holm", "Bækgaard"] { #expect(!text.contains(secret), "\(secret) in \(path)") }
        }
        #expect(!result.out.contains("Anne Holm"))
        let typo = run("solve", "--language", "en", Fixtures.path("small-english.csv"), "--moves", "1000", "--hide", "gendr", "--out", out)
        #expect(typo.code == 1)
        #expect(typo.err.hasPrefix("error: --hide \"gendr\" matches no column of the roster"))
    }

    @Test func groupsFileHasOneRowPerGroupForMailMerge() throws {
        let folder = Fixtures.temporaryDirectory()
        let groups = folder + "/g.csv"
        #expect(run("solve", "--language", "en", Fixtures.path("small-english.csv"), "--moves", "20000", "--groups-out", groups).code == 0)
        let table = try CSVReader.read(path: groups)
        let sizes = table.rows.map { Int($0[1].text)! }
        #expect(table.header.map(\.text) == ["group", "size", "members"] + (1...sizes.max()!).map { "member \($0)" })
        #expect(table.rows.map { $0[0].text } == ["1", "2"])
        #expect(sizes.reduce(0, +) == 12)
        #expect(table.rows.allSatisfy { row in row[2].text == row[3...].map(\.text).filter { !$0.isEmpty }.joined(separator: "; ") })
    }

    /// `score` on the workbook `solve` wrote reads the rules it was made with from its settings sheet (local networks,
    /// a gender weight) and scores it as `solve` did; an option given now overrides its own, and the terminal says
    /// which saved rules were used.
    @Test func aSparringWorkbookIsScoredUnderItsOwnSettings() throws {
        let folder = Fixtures.temporaryDirectory()
        let out = folder + "/lokal.xlsx"
        let solved = run("solve", Fixtures.path("kolding-daycare.csv"), "--typology", "lokal", "--weight", "køn=-4", "--moves", "50000", "--out", out)
        #expect(solved.code == 0)
        let soft = solved.out.split(separator: "\n").first { $0.hasPrefix("soft: ") }
        let scored = run("score", Fixtures.path("kolding-daycare.csv"), out)
        #expect(scored.code == 0, "\(scored.err)")
        #expect(scored.out.split(separator: "\n").first { $0.hasPrefix("soft: ") } == soft)
        #expect(scored.err.contains("(arket Indstillinger): --typology lokal --weight 'køn=-4'; tilvalg givet her går forud"), "\(scored.err)")
        let broad = run("score", Fixtures.path("kolding-daycare.csv"), out, "--typology", "brede")
        #expect(broad.out.split(separator: "\n").first { $0.hasPrefix("soft: ") } != soft)
        #expect(broad.err.contains("(arket Indstillinger): --weight 'køn=-4';"), "\(broad.err)")
        // Rules that need the inputs of that run (a renewal needs its --previous) are not adopted: scoring the workbook
        // a renewal wrote works.
        let previous = folder + "/forrige.csv", renewed = folder + "/fornyet.xlsx"
        #expect(run("solve", Fixtures.path("kolding-daycare.csv"), "--moves", "20000", "--out", previous).code == 0)
        #expect(run("solve", Fixtures.path("kolding-daycare.csv"), "--previous", previous, "--renew", "1-2", "--moves", "50000", "--out", renewed).code == 0)
        let rescored = run("score", Fixtures.path("kolding-daycare.csv"), renewed)
        #expect(rescored.code == 0, "\(rescored.err)")
        #expect(!rescored.err.contains("--renew"), "\(rescored.err)")
        // A CSV grouping carries no settings: nothing is adopted.
        let csv = folder + "/lokal.csv"
        #expect(run("solve", Fixtures.path("kolding-daycare.csv"), "--typology", "lokal", "--moves", "20000", "--out", csv).code == 0)
        #expect(!run("score", Fixtures.path("kolding-daycare.csv"), csv).err.contains("arket Indstillinger"))
    }
}
