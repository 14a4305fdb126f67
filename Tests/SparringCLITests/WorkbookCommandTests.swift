import Foundation
import Testing
import SparringCLI
@testable import SparringIO
import SparringModel
import SparringTestSupport

/// Excel workbooks end to end: rosters and side files read from `.xlsx`, results written as workbooks, and a
/// written workbook edited (a leader moved) and given back to `score` and `solve --previous` with zero fixes.
struct WorkbookCommandTests {
    static let roster = Fixtures.path("xlsx/roster-openpyxl.xlsx")
    /// 12 leaders in 3 groups of 4, reproducibly.
    static let small = ["--min-size", "4", "--max-size", "4", "--moves", "20000", "--seed", "1", "--threads", "1"]

    static func line(_ output: String, _ key: String) -> String? {
        output.split(separator: "\n").first { $0.hasPrefix(key + ": ") }.map(String.init)
    }

    /// The workbook's first sheet (or `sheet`) as texts, header first.
    static func cells(_ path: String, sheet: String? = nil) throws -> [[String]] {
        let table = try TableReader.read(path: path, sheet: sheet)
        return [table.header.map(\.text)] + table.rows.map { $0.map(\.text) }
    }

    @Test func solveWritesAWorkbookThatScoreReadsBack() throws {
        let folder = Fixtures.temporaryDirectory()
        let out = folder + "/grupper.xlsx", groupsOut = folder + "/mail.xlsx"
        let solved = run(["solve", Self.roster, "--out", out, "--groups-out", groupsOut] + Self.small)
        #expect(solved.code == 0, "\(solved.err)")
        #expect(solved.out.contains("skrevet: \(out)") && solved.out.contains("skrevet: \(groupsOut)"))

        // Leaders: the roster's columns in its order, then the group; the group sheet; the settings with the command.
        let leaders = try Self.cells(out)
        #expect(leaders[0] == rosterFixtureHeader + ["gruppe"])
        #expect(leaders[1].prefix(6) == ["0101", "Anne Holm", "Dagtilbud", "institutionsleder", "kvinde", "12"])
        #expect(leaders[2][5] == "3,5" && leaders[2][8] == "01-03-2021" && leaders[2][9] == "22334455" && leaders[2][11] == "FALSK")
        #expect(Set(leaders.dropFirst().map { $0.last! }) == ["1", "2", "3"])
        let groups = try Self.cells(out, sheet: "Grupper")
        #expect(groups[0] == ["gruppe", "antal", "deltagere", "deltager 1", "deltager 2", "deltager 3", "deltager 4"])
        #expect(groups.count == 4 && groups[1][1] == "4")
        let settings = try Self.cells(out, sheet: "Indstillinger")
        #expect(settings[0] == ["indstilling", "værdi"])
        #expect(settings.contains(["Lederliste", "roster-openpyxl.xlsx"]))
        #expect(settings.contains { $0[0] == "Kommando" && $0[1].hasPrefix("sparring solve ") && $0[1].contains("--moves 20000") })
        #expect(try XLSXReader.sheetNames(bytes: Array(Data(contentsOf: URL(fileURLWithPath: groupsOut))), file: groupsOut) == ["Grupper", "Ledere", "Grupper til print", "Indstillinger"])

        let scored = run(["score", Self.roster, out, "--min-size", "4", "--max-size", "4"])
        #expect(scored.code == 0, "\(scored.err)")
        #expect(Self.line(scored.out, "hard") == Self.line(solved.out, "hard"))
        #expect(Self.line(scored.out, "soft") == Self.line(solved.out, "soft"))
    }

    /// The same run writes the same bytes (fixed zip time stamps, no creation dates).
    @Test func theSameRunWritesTheSameWorkbook() throws {
        let folder = Fixtures.temporaryDirectory()
        let out = folder + "/grupper.xlsx"
        #expect(run(["solve", Self.roster, "--out", out] + Self.small).code == 0)
        let first = try Data(contentsOf: URL(fileURLWithPath: out))
        #expect(run(["solve", Self.roster, "--out", out] + Self.small).code == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: out)) == first)
    }

    /// Write → edit a cell (a leader moved to another group, here by rewriting the sheet's XML) → read.
    @Test func aWorkbookEditedByHandGoesBackWithZeroFixes() throws {
        let folder = Fixtures.temporaryDirectory()
        let out = folder + "/grupper.xlsx", edited = folder + "/rettet.xlsx", json = folder + "/score.json"
        #expect(run(["solve", Self.roster, "--out", out] + Self.small).code == 0)
        let before = try Self.cells(out)
        let groupColumn = before[0].count - 1
        let moved = try #require(before.indices.dropFirst().first { before[$0][groupColumn] != before[1][groupColumn] })
        let (from, to) = (before[1][groupColumn], before[moved][groupColumn])

        // Swap the groups of the first leader and of one in another group: the number cells of the last column.
        let archive = try ZipArchive(bytes: Array(Data(contentsOf: URL(fileURLWithPath: out))))
        var zip = ZipWriter()
        let column = CellAddress.columnName(groupColumn + 1)
        for entry in archive.entries {
            var data = try archive.contents(of: entry, limit: 10_000_000)
            if entry.name == "xl/worksheets/sheet1.xml" {
                var xml = String(decoding: data, as: UTF8.self)
                xml = xml.replacingOccurrences(of: "<c r=\"\(column)2\"><v>\(from)</v>", with: "<c r=\"\(column)2\"><v>\(to)</v>")
                xml = xml.replacingOccurrences(of: "<c r=\"\(column)\(moved + 1)\"><v>\(to)</v>", with: "<c r=\"\(column)\(moved + 1)\"><v>\(from)</v>")
                data = Array(xml.utf8)
            }
            zip.add(entry.name, data)
        }
        try Data(zip.finished()).write(to: URL(fileURLWithPath: edited))
        let after = try Self.cells(edited)
        #expect(after[1][groupColumn] == to && after[moved][groupColumn] == from)

        let scored = run(["score", Self.roster, edited, "--min-size", "4", "--max-size", "4", "--json", json])
        #expect(scored.code == 0, "\(scored.err)")
        #expect(Self.line(scored.out, "hard") == "hard: 0")
        let result = try String(contentsOfFile: json, encoding: .utf8)
        #expect(result.contains("\"id\": \"0101\"") || result.contains("\"id\":\"0101\""))

        // Mid-year refresh from the edited workbook: everybody keeps the group-mates the consultant chose.
        let refreshed = run(["solve", Self.roster, "--previous", edited, "--out", folder + "/ny.xlsx"] + Self.small)
        #expect(refreshed.code == 0, "\(refreshed.err)")
        #expect(refreshed.out.contains("flyttet: 0 af 12 ledere, der fortsætter, har skiftet gruppe"))
        let refreshedGroups = try Self.cells(folder + "/ny.xlsx")
        #expect(refreshedGroups.map { $0.last! } == after.map { $0.last! })
    }

    /// The same workbook edited by openpyxl (a leader moved) and re-saved by LibreOffice Calc: read with zero fixes.
    @Test(arguments: ["assignments-edited-openpyxl.xlsx", "assignments-resaved-libreoffice.xlsx"])
    func workbooksEditedByOtherProgramsAreRead(_ fixture: String) {
        let path = Fixtures.path("xlsx/" + fixture)
        let scored = run(["score", Self.roster, path, "--min-size", "4", "--max-size", "4"])
        #expect(scored.code == 0, "\(scored.err)")
        #expect(Self.line(scored.out, "hard") == "hard: 0")
        let previous = run(["solve", Self.roster, "--previous", path] + Self.small)
        #expect(previous.code == 0, "\(previous.err)")
        #expect(previous.out.contains("flyttet: 0 af 12"))
    }

    /// The English sample as a LibreOffice workbook solves exactly as the CSV does.
    @Test func workbookAndCSVRostersGiveTheSameGroups() throws {
        let folder = Fixtures.temporaryDirectory()
        let options = ["--moves", "30000", "--seed", "3", "--threads", "1"]
        let csv = run(["solve", Fixtures.path("small-english.csv"), "--out", folder + "/a.csv"] + options)
        let xlsx = run(["solve", Fixtures.path("xlsx/small-english-libreoffice.xlsx"), "--out", folder + "/b.xlsx"] + options)
        #expect(csv.code == 0 && xlsx.code == 0, "\(xlsx.err)")
        #expect(Self.line(csv.out, "soft") == Self.line(xlsx.out, "soft"))
        let fromCSV = try Self.cells(folder + "/a.csv"), fromXLSX = try Self.cells(folder + "/b.xlsx")
        #expect(fromCSV == fromXLSX)
    }

    /// CSV outputs made from a workbook roster open in Danish Excel as they are: `;`, BOM, CRLF.
    @Test func csvOutputsOfAWorkbookRosterAreForExcel() throws {
        let folder = Fixtures.temporaryDirectory()
        #expect(run(["solve", Self.roster, "--out", folder + "/a.csv"] + Self.small).code == 0)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: folder + "/a.csv"))
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF] + Array("nr;navn;fagområde;".utf8)))
        #expect(String(decoding: bytes, as: UTF8.self).contains(";3,5;Dagtilbud Nord;0110;01-03-2021;22334455;;FALSK;"))
        #expect(String(decoding: bytes, as: UTF8.self).contains("\r\n"))
    }

    @Test func englishWorkbookHidesColumnsAndNeverWritesFormulas() throws {
        let folder = Fixtures.temporaryDirectory()
        let names = ["=HYPERLINK(\"http://x\",\"klik\")", "+45 1234", "Cai", "Dea", "Eva", "Finn", "Gry", "Hans", "Ida", "Jens"]
        let roster = "id,name,gender,phone\n" + names.enumerated().map { "0\($0.offset + 1),\"\($0.element.replacingOccurrences(of: "\"", with: "\"\""))\",\($0.offset % 2 == 0 ? "F" : "M"),004512345\($0.offset)\n" }.joined()
        try roster.write(toFile: folder + "/r.csv", atomically: true, encoding: .utf8)
        let result = run(["solve", folder + "/r.csv", "--min-size", "5", "--max-size", "5", "--moves", "2000", "--out", folder + "/a.xlsx", "--hide", "gender"])
        #expect(result.code == 0, "\(result.err)")
        let cells = try Self.cells(folder + "/a.xlsx")
        #expect(cells[0] == ["id", "name", "phone", "group"])
        #expect(cells[1].prefix(3) == ["01", "=HYPERLINK(\"http://x\",\"klik\")", "0045123450"])
        #expect(try XLSXReader.sheetNames(bytes: Array(Data(contentsOf: URL(fileURLWithPath: folder + "/a.xlsx"))), file: "a") == ["Leaders", "Groups", "Groups to print", "Settings"])
        let archive = try ZipArchive(bytes: Array(Data(contentsOf: URL(fileURLWithPath: folder + "/a.xlsx"))))
        for entry in archive.entries where entry.name.hasPrefix("xl/worksheets/") {
            let xml = String(decoding: try archive.contents(of: entry, limit: 10_000_000), as: UTF8.self)
            #expect(!xml.contains("<f>") && !xml.contains("<f "))
            #expect(!xml.contains("\"F\"") && !xml.contains(">F<"))
        }
    }

    /// Side files as workbooks, their problems named by sheet and cell.
    @Test func sideFilesAreReadFromWorkbooks() throws {
        let folder = Fixtures.temporaryDirectory()
        func write(_ name: String, _ header: [String], _ rows: [[String]]) throws -> String {
            let sheet = Workbook.Sheet(name: "Ark1", header: header, rows: rows.map { $0.map { Workbook.Cell.text($0) } })
            try XLSXWriter.render(Workbook(sheets: [sheet])).write(to: URL(fileURLWithPath: folder + "/" + name))
            return folder + "/" + name
        }
        let conflicts = try write("konflikter.xlsx", ["nr", "nr"], [["0101", "0102"]])
        let pins = try write("fast.xlsx", ["nr", "gruppe"], [["0101", "1"], ["0105", "1"]])
        let ok = run(["solve", Self.roster, "--conflicts", conflicts, "--pin", pins] + Self.small)
        #expect(ok.code == 0, "\(ok.err)")

        let badPins = try write("forkert.xlsx", ["nr", "gruppe"], [["0103", "1"], ["0104", "9"]])
        let refused = run(["solve", Self.roster, "--pin", badPins, "--language", "en"] + Self.small)
        #expect(refused.code == 1)
        #expect(refused.err.hasPrefix("\(badPins):Ark1!3:3: error: "), "\(refused.err)")

        let twice = try write("to-gange.xlsx", ["nr", "gruppe"], [["0103", "1"], ["0103", "2"]])
        let scored = run(["score", Self.roster, twice, "--language", "en"])
        #expect(scored.code == 1)
        #expect(scored.err.hasPrefix("\(twice):Ark1!A3: error: Søren Ærø (0103) is placed twice; also in row 2"), "\(scored.err)")
    }

    @Test func sheetOptionChoosesTheRosterSheet() {
        let noSheet = run(["check", Self.roster, "--sheet", "Deltagere"])
        #expect(noSheet.code == 1)
        #expect(noSheet.err.hasPrefix("\(Self.roster): error: the workbook has no sheet \"Deltagere\"; its sheets are \"Ledere\", \"Noter\""))
        let notes = run(["check", Self.roster, "--sheet", "Noter", "--language", "en"])
        #expect(notes.code == 1)
        #expect(notes.err.hasPrefix("\(Self.roster):Noter!A1: error: there is no id column"))
        let leaders = run(["check", Self.roster, "--sheet", "Ledere"])
        #expect(leaders.code == 0)
        #expect(leaders.out.hasPrefix("lederliste: \(Self.roster) (arket \"Ledere\" i et Excel-regneark)"))
        #expect(run(["solve", "--help"]).out.contains("--sheet NAME"))
    }

    @Test(arguments: [("xlsx/broken/legacy.xls", "this is an old Excel workbook (.xls, Excel 97–2003)"),
                      ("xlsx/broken/encrypted.xlsx", "the workbook is protected with a password to open it"),
                      ("broken/roster.xlsx", "the workbook is damaged: the file ends too early")])
    func unreadableWorkbooksSayWhatToDo(_ fixture: String, _ message: String) {
        let path = Fixtures.path(fixture)
        let result = run(["check", path])
        #expect(result.code == 1)
        #expect(result.err.hasPrefix("\(path): error: \(message)"))
        #expect(result.err.contains("\nMaybe "))
    }

    /// Every workbook the tool writes opens in openpyxl with the same values and types, a frozen bold header and
    /// no formulas (skipped where python3 with openpyxl is missing; `.ci/run` installs it).
    @Test(.enabled(if: OpenPyXL.available)) func openpyxlReadsWhatWeWrite() throws {
        let folder = Fixtures.temporaryDirectory()
        #expect(run(["solve", Self.roster, "--out", folder + "/a.xlsx", "--groups-out", folder + "/g.xlsx"] + Self.small).code == 0)
        #expect(run(["template", "--danish", "--out", folder + "/t.xlsx"]).code == 0)
        for file in ["a.xlsx", "g.xlsx", "t.xlsx"] {
            let report = try OpenPyXL.describe(folder + "/" + file)
            let ours = try XLSXReader.sheetNames(bytes: Array(Data(contentsOf: URL(fileURLWithPath: folder + "/" + file))), file: file)
            #expect(report.sheets == ours)
            #expect(report.frozen.allSatisfy { $0 == "A2" } && report.boldHeaders && report.formulas == 0, "\(file): \(report)")
            // openpyxl's values, as text, equal ours cell by cell (a decimal comma is our Danish way of showing 3.5).
            func normalized(_ rows: [[String]]) -> [[String]] {
                rows.map { row in Array(row.map { $0.replacingOccurrences(of: ",", with: ".") }.reversed().drop { $0.isEmpty }.reversed()) }
                    .filter { !$0.isEmpty }
            }
            for (k, sheet) in ours.enumerated() {
                #expect(normalized(report.cells[k]) == normalized(try Self.cells(folder + "/" + file, sheet: sheet)), "\(file) \(sheet)")
            }
        }
        let typed = try OpenPyXL.describe(folder + "/a.xlsx")
        #expect(typed.types[0][1].prefix(6) == ["str", "str", "str", "str", "str", "int"])
        #expect(typed.types[0][2][5] == "float" && typed.types[0][2][9] == "str")
    }
}

/// The header of the roster fixtures (see `Scripts/make_workbook_fixtures.py`).
let rosterFixtureHeader = ["nr", "navn", "fagområde", "lederniveau", "køn", "anciennitet", "enhed", "nærmeste leder", "ansat", "telefon", "ønsker", "mentor"]

/// openpyxl, run through python3 to check workbooks we write (only in tests).
enum OpenPyXL {
    static let available = Fixtures.pythonCanImport("openpyxl")

    struct Report: Decodable {
        let sheets: [String]
        let frozen: [String?]
        let boldHeaders: Bool
        let formulas: Int
        /// Per sheet, per row, the cells as text (numbers without ".0", decimals with a point, dates as dd-mm-yyyy).
        let cells: [[[String]]]
        /// Per sheet, per row, the Python type of each cell's value.
        let types: [[[String]]]
    }

    static let script = """
        import json, sys, datetime, openpyxl
        book = openpyxl.load_workbook(sys.argv[1])
        def text(v):
            if v is None: return ""
            if isinstance(v, bool): return "TRUE" if v else "FALSE"
            if isinstance(v, float) and v.is_integer(): return str(int(v))
            return str(v)
        out = {"sheets": book.sheetnames, "frozen": [s.freeze_panes for s in book.worksheets],
               "boldHeaders": all(all(c.font.b for c in s[1]) for s in book.worksheets),
               "formulas": sum(1 for s in book.worksheets for r in s.iter_rows() for c in r if c.data_type == "f"),
               "cells": [], "types": []}
        for s in book.worksheets:
            rows = [[text(c.value) for c in r] for r in s.iter_rows()]
            out["cells"].append([r[:max([i + 1 for i, v in enumerate(r) if v] or [0])] for r in rows])
            out["types"].append([[type(c.value).__name__ for c in r] for r in s.iter_rows()])
        print(json.dumps(out))
        """

    static func describe(_ path: String) throws -> Report {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return try JSONDecoder().decode(Report.self, from: data)
    }
}
