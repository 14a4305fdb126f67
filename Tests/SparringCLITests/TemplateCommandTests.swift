import Foundation
import Testing
import SparringCLI
@testable import SparringIO
import SparringModel
import SparringTestSupport

struct TemplateCommandTests {
    static let roles: [ColumnRole] = [.id, .name, .field, .rank, .gender, .seniority, .age, .unit, .location, .manager,
                                      .conflicts, .wishes, .together]

    @Test func englishTemplateIsAHeaderRowWithCommasAndLF() throws {
        let path = Fixtures.temporaryDirectory() + "/roster.csv"
        let result = run("template", "--out", path)
        #expect(result.code == 0)
        #expect(result.out == "wrote a roster to fill in, with 13 English headers and an example row, to \(path)\nwrite one row per leader, delete the example row, then run: sparring check \(path)")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(bytes == Data(("id,name,field,rank,gender,seniority,age,unit,location,manager,conflicts,wishes,keep together\n"
            + "EXAMPLE,Mette Hansen (example: delete this row),School,institution leader,woman,12,48,School North,North,,,,\n").utf8))
    }

    @Test func danishTemplateIsSemicolonsBOMAndCRLF() throws {
        let path = Fixtures.temporaryDirectory() + "/deltagere.csv"
        #expect(run("template", "--danish", "--out", path).code == 0)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let expected = Data([0xEF, 0xBB, 0xBF])
            + Data("nr;navn;fagområde;lederniveau;køn;anciennitet;alder;enhed;distrikt;nærmeste leder;konflikter;ønsker;hold sammen\r\n".utf8)
            + Data("EKSEMPEL;Mette Hansen (eksempel: slet rækken);Skole;afdelingsleder;kvinde;12;48;Skole Nord;Nord;;;;\r\n".utf8)
        #expect(bytes == expected)
    }

    /// Every header maps back to its role, and every role a roster may hold has a column.
    @Test(arguments: [false, true])
    func everyHeaderIsRecognised(danish: Bool) throws {
        let path = Fixtures.temporaryDirectory() + "/roster.csv"
        #expect((danish ? run("template", "--danish", "--out", path) : run("template", "--out", path)).code == 0)
        var text = try String(contentsOfFile: path, encoding: .utf8)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let headers = text.split(whereSeparator: \.isNewline)[0].split(separator: danish ? ";" : ",").map(String.init)
        #expect(headers.map { ColumnRole.role(forHeader: $0) } == Self.roles)
        let notInARoster: Set<ColumnRole> = [.group, .firstName, .lastName]
        #expect(Set(Self.roles) == Set(ColumnRole.allCases).subtracting(notInARoster))
    }

    /// The example row is refused until it is deleted (never grouped as a leader); without it, the roster has a
    /// header but no leaders.
    @Test(arguments: [false, true])
    func checkRefusesTheExampleRow(danish: Bool) throws {
        let path = Fixtures.temporaryDirectory() + "/roster.csv"
        #expect((danish ? run("template", "--danish", "--out", path) : run("template", "--out", path)).code == 0)
        let result = run("check", "--language", "en", path)
        #expect(result.code == 1)
        #expect(result.err.hasPrefix("\(path):2:1: error: this is the template's example row (id EXAMPLE or EKSEMPEL)\n"), "\(result.err)")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let headerOnly = text.split(whereSeparator: \.isNewline)[0] + (danish ? "\r\n" : "\n")
        try headerOnly.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(run("check", "--language", "en", path).err.hasPrefix("\(path):2: error: the roster has a header but no leaders\n"))
    }

    /// A workbook template: one sheet, the header row, every header recognised; `check` reads it back.
    @Test(arguments: [false, true])
    func workbookTemplate(danish: Bool) throws {
        let path = Fixtures.temporaryDirectory() + "/roster.XLSX"
        let result = danish ? run("template", "--danish", "--out", path) : run("template", "--out", path)
        #expect(result.code == 0, "\(result.err)")
        let table = try TableReader.read(path: path)
        #expect(table.sheet == (danish ? "Ledere" : "Leaders"))
        #expect(table.header.map { ColumnRole.role(forHeader: $0.text) } == Self.roles)
        #expect(table.rows.map { $0[0].text } == [danish ? "EKSEMPEL" : "EXAMPLE"])
        #expect(try XLSXReader.sheetNames(bytes: Array(Data(contentsOf: URL(fileURLWithPath: path))), file: path) == (danish ? ["Ledere", "Vejledning"] : ["Leaders", "Notes"]))
        // The notes sheet explains every column, in the chosen language.
        let notes = try TableReader.read(path: path, sheet: danish ? "Vejledning" : "Notes")
        #expect(notes.rows.prefix(13).map { $0[0].text } == table.header.map(\.text))
        #expect(notes.rows.prefix(13).allSatisfy { $0.count > 1 && !$0[1].text.isEmpty })
        // Drop-down lists for gender and rank (a data validation per column).
        let archive = try ZipArchive(bytes: Array(Data(contentsOf: URL(fileURLWithPath: path))))
        let xml = String(decoding: try archive.contents(of: try #require(archive.entry(named: "xl/worksheets/sheet1.xml")), limit: 1 << 20), as: UTF8.self)
        #expect(xml.contains("<dataValidations count=\"2\">"))
        #expect(xml.contains("sqref=\"E2:E10000\"><formula1>&quot;\(danish ? "kvinde,mand" : "woman,man")&quot;</formula1>"), "\(xml.suffix(600))")
        let sheet = "\(danish ? "Ledere" : "Leaders")!A2"
        #expect(run("check", "--language", "en", path).err.hasPrefix("\(path):\(sheet): error: this is the template's example row"), "\(run("check", "--language", "en", path).err)")
    }

    @Test func usage() {
        let help = run("template", "--help")
        #expect(help.code == 0)
        #expect(help.out.hasPrefix("USAGE: sparring template --out FILE [--danish]"))
        #expect(help.out.contains("--danish"))
        let missing = run("template")
        #expect(missing.code == 64)
        #expect(missing.err == "error: --out is required\nMaybe name the file to write, e.g. --out roster.csv")
        #expect(run("template", "--danish").err == "fejl: --out skal angives\nTip: angiv den fil, der skal skrives, fx --out ledere.csv")
        #expect(run("template", "extra.csv", "--out", "x.csv").code == 64)
    }
}

/// Roster text end to end: data files keep it byte for byte; what a person reads shows control and bidi
/// characters as `<U+XXXX>` (see `displaySafe`). Here rather than in a file of its own because it needs the
/// command line and the file writers together.
struct RosterTextSafetyTests {
    static let hostile = ["Ann\u{1B}[2JE", "Bo\u{202E}gnp.exe"]

    @Test func dataFilesKeepRawTextAndReadableOutputsShowIt() throws {
        let folder = Fixtures.temporaryDirectory()
        let names = Self.hostile + ["Cai", "Dea", "Eva", "Finn", "Gry", "Hans", "Ida", "Jens"]
        let roster = "id,name,gender\n" + names.enumerated().map { "L\($0.offset + 1),\($0.element),\($0.offset % 2 == 0 ? "F" : "M")\n" }.joined()
        try roster.write(toFile: folder + "/r.csv", atomically: true, encoding: .utf8)
        let result = run("solve", "--language", "en", folder + "/r.csv", "--min-size", "5", "--max-size", "5", "--moves", "2000", "--seed", "1",
                         "--out", folder + "/a.csv", "--groups-out", folder + "/g.csv", "--json", folder + "/r.json", "--report", folder + "/r.html")
        #expect(result.code == 0, "\(result.err)")

        let assignments = try Data(contentsOf: URL(fileURLWithPath: folder + "/a.csv"))
        #expect(assignments.firstRange(of: Data("L1,Ann\u{1B}[2JE,F,".utf8)) != nil)
        #expect(assignments.firstRange(of: Data("L2,Bo\u{202E}gnp.exe,M,".utf8)) != nil)
        let groups = try String(contentsOfFile: folder + "/g.csv", encoding: .utf8)
        for name in Self.hostile { #expect(groups.contains(name)) }

        let json = try String(contentsOfFile: folder + "/r.json", encoding: .utf8)
        #expect(json.contains("\"Ann\\u001b[2JE\""))            // the name field, JSON-escaped but not altered
        #expect(json.contains("\"Bo\u{202E}gnp.exe\""))
        #expect(json.contains("Bo<U+202E>gnp.exe is in group"))  // the explanation text
        #expect(json.contains("Ann<U+001B>[2JE is in group"))

        let html = try String(contentsOfFile: folder + "/r.html", encoding: .utf8)
        #expect(html.contains("Ann&lt;U+001B&gt;[2JE") && html.contains("Bo&lt;U+202E&gt;gnp.exe"))
        #expect(!html.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{202E}" })
    }

    @Test(arguments: [
        ("Ann\u{1B}[2JE", "Ann<U+001B>[2JE"),
        ("Bo\u{202E}gnp.exe", "Bo<U+202E>gnp.exe"),
        ("ding\u{7}\r\u{8}\u{7F}\u{9B}", "ding<U+0007><U+000D><U+0008><U+007F><U+009B>"),
        ("group 1:\tAnn\nBo\u{2028}", "group 1:\tAnn\nBo<U+2028>"),
        ("Søren – Ærø", "Søren – Ærø"),
    ])
    func standardConsoleShowsControlCharacters(raw: String, shown: String) {
        #expect(Console.terminalSafe(raw) == shown)
    }
}
