import Testing
import SparringIO
import SparringModel
import SparringTestSupport

struct RosterLoaderTests {
    @Test func loadsEnglishCommaRoster() throws {
        let loaded = try RosterLoader.load(path: Fixtures.path("small-english.csv"))
        let roster = loaded.roster
        #expect(roster.count == 12)
        #expect(roster.names[1] == "Lund, Bo")
        #expect(roster.names[2] == "Søren \"Sasse\" Kjær")
        #expect(roster.attributes.map(\.key) == ["field", "rank", "gender", "seniority", "unit", "location", "mentor"])
        #expect(roster.attribute(named: "seniority")?.values[1] == 3.5)
        #expect(roster.attribute(named: "mentor")?.kind == .categorical)
        let rank = try #require(roster.attribute(named: "rank"))
        #expect(rank.kind == .ordinal)
        #expect(rank.levels == ["team leader", "institution leader", "head of department"])
        // Reporting lines by index; L12's manager is marked "L99 (outside)": a director outside the roster, on purpose.
        #expect(roster.managers[0] == 9)
        #expect(roster.managers[11] == -1)
        #expect(loaded.warnings.isEmpty)
        #expect(roster.conflicts == [LeaderPair(1, 4)])
        #expect(roster.wishes == [LeaderPair(0, 1), LeaderPair(2, 0), LeaderPair(2, 3), LeaderPair(5, 6)])
        #expect(roster.separations.contains(Separation(pair: LeaderPair(1, 4), reason: .conflict)))
        #expect(roster.separations.contains(Separation(pair: LeaderPair(0, 9), reason: .reportingLine)))
    }

    @Test func danishSemicolonRosterMatchesEnglishOne() throws {
        let danish = try RosterLoader.load(path: Fixtures.path("small-danish.csv"))
        let english = try RosterLoader.load(path: Fixtures.path("small-english.csv"))
        #expect(danish.encoding == "UTF-8 with BOM")
        #expect(danish.delimiter == ";")
        #expect(danish.roster.count == 12)
        #expect(danish.roster.names[2] == "Søren; kaldet Sasse")
        #expect(danish.roster.names[8] == "Karen\r\nSkovgård")
        #expect(danish.roster.attribute(named: "anciennitet")?.values[6] == 15.5)
        #expect(danish.roster.attribute(named: "køn")?.levels == ["kvinde", "mand"])
        #expect(danish.roster.attribute(named: "rank")?.levels == ["teamleder", "institutionsleder", "chef"])
        #expect(danish.roster.managers == english.roster.managers.enumerated().map { $0.offset == 11 ? -1 : $0.element })
        #expect(danish.roster.conflicts == english.roster.conflicts)
        #expect(danish.roster.wishes == english.roster.wishes)
        #expect(danish.warnings.isEmpty)
    }

    @Test func loadsWindows1252KoldingRoster() throws {
        let loaded = try RosterLoader.load(path: Fixtures.path("kolding-daycare.csv"))
        #expect(loaded.encoding == "Windows-1252")
        #expect(loaded.roster.count == 42)
        #expect(loaded.roster.attribute(named: "field")?.levels == ["Dagtilbud"])
        #expect(loaded.roster.attribute(named: "rank")?.levels == ["pædagogisk leder", "institutionsleder", "dagtilbudsleder"])
        #expect(loaded.roster.names.contains { $0.contains("ø") || $0.contains("æ") || $0.contains("å") })
    }

    @Test func generatedRostersLoadWithoutProblems() throws {
        for (danish, semicolon) in [(false, false), (true, true), (true, false), (false, true)] {
            let text = RosterGenerator(leaders: 500, seed: 5, danish: danish, semicolon: semicolon).render()
            let table = try CSVReader.parse(bytes: Array(text.utf8), file: "gen.csv")
            let loaded = try RosterLoader.load(table: table)
            #expect(loaded.roster.count == 500)
            #expect(loaded.warnings.isEmpty)
            #expect(loaded.roster.attribute(named: "seniority")?.kind == .numeric)
            #expect(loaded.roster.attribute(named: "rank")?.levels.count == 4)
        }
    }

    @Test func namesFromFirstAndLastNameColumns() throws {
        let table = try CSVReader.parse(bytes: Array("Medarbejdernr;Fornavn;Efternavn;Postnr\n7;Åse;Holm;6000\n8;;;6100\n".utf8), file: "in.csv")
        let roster = try RosterLoader.load(table: table).roster
        #expect(roster.ids == ["7", "8"])
        #expect(roster.names == ["Åse Holm", "8"])
        #expect(roster.attribute(named: "postnr")?.kind == .numeric)
    }

    @Test func mergesCategoryLabelsIgnoringCaseAndSpaces() throws {
        let table = try CSVReader.parse(bytes: Array("id,gender\n1,Kvinde\n2, kvinde \n3,MAND\n4,\n".utf8), file: "in.csv")
        let gender = try #require(try RosterLoader.load(table: table).roster.attribute(named: "gender"))
        #expect(gender.levels == ["Kvinde", "MAND"])
        #expect(gender.codes == [0, 0, 1, -1])
    }

    @Test func idListsAcceptSeveralSeparatorsAndRefuseUnknownIDs() throws {
        let text = "id;wishes;conflicts\nA;B|C;\nB;\"A, X\";A\nC;C;\n"
        let table = try CSVReader.parse(bytes: Array(text.utf8), file: "in.csv")
        #expect(thrown { _ = try RosterLoader.load(table: table) } == """
            in.csv:3:3: error: the wish "X" of leader "B" is not in the roster
            Maybe correct the id or name, or add the person to the roster; if they are not in it on purpose (a director, a leader who has left), say so: --outside 'X'.
            """)
        let loaded = try RosterLoader.load(table: table, options: RosterOptions(outside: ["X"]))
        #expect(loaded.roster.wishes == [LeaderPair(0, 1), LeaderPair(0, 2), LeaderPair(1, 0)])
        #expect(loaded.roster.conflicts == [LeaderPair(0, 1)])
        #expect(loaded.warnings.map(\.description) == [
            "in.csv:4:3: warning: leader \"C\" names themself as a wish; that is ignored\nMaybe remove the own id from the cell.",
        ])
    }

    struct Broken: CustomTestStringConvertible, Sendable {
        let file: String
        let messages: [String]
        var testDescription: String { file }
    }

    /// Every broken fixture with the exact diagnostics it must give (file name prefix added in the test).
    static let broken: [Broken] = [
        Broken(file: "binary.csv", messages: [": error: the file is binary, not text\nMaybe check that you chose the roster file; it must be a CSV file saved from Excel."]),
        Broken(file: "duplicate-column.csv", messages: [":1:9: error: two columns mean name: \"navn\" in column 2 and \"name\" in column 3\nMaybe rename or delete one of them."]),
        Broken(file: "duplicate-id.csv", messages: [":4:1: error: the id \"L1\" is used twice; it is also on line 2\nMaybe give every leader a unique id; if it is the same person, delete one of the rows."]),
        Broken(file: "empty-id.csv", messages: [":3:1: error: this leader has no id\nMaybe give every leader a unique id, or delete the row if it is not a leader."]),
        Broken(file: "empty.csv", messages: [": error: the file is empty\nMaybe export the roster from Excel again; the first row must name the columns."]),
        Broken(file: "header-only.csv", messages: [":2: error: the roster has a header but no leaders\nMaybe check that you exported the sheet with the leaders, not an empty one."]),
        Broken(file: "long-row.csv", messages: [":3:13: error: this row has 4 cells but the header has 3; \"Schools\" is past the last column\nMaybe a value contains the delimiter ',': put that value in double quotes, or add a header for the extra column."]),
        Broken(file: "many-problems.csv", messages: [
            ":3:1: error: the id \"L1\" is used twice; it is also on line 2\nMaybe give every leader a unique id; if it is the same person, delete one of the rows.",
            ":3:7: error: seniority \"x\" is not a number\nMaybe write the number of years as digits, e.g. 12 or 3,5, or leave the cell empty.",
            ":4:1: error: this leader has no id\nMaybe give every leader a unique id, or delete the row if it is not a leader.",
            ":4:9: error: the manager \"L3\" is not in the roster\nMaybe correct the id or name, or add the person to the roster; if they are not in it on purpose (a director, a leader who has left), say so: --outside 'L3'.",
            ":5:1: error: this row has 3 cells but the header has 4\nMaybe a cell is missing, or two cells were merged; compare the row with the header (last cell read: \"5\").",
        ]),
        Broken(file: "no-id-column.csv", messages: [":1:1: error: there is no id column; the header names \"navn\", \"fag\", \"køn\"\nMaybe add a column \"id\" (or \"nr\", \"medarbejdernr\") with a unique key for each leader."]),
        Broken(file: "not-a-number.csv", messages: [":3:6: error: seniority \"ti år\" is not a number\nMaybe write the number of years as digits, e.g. 12 or 3,5, or leave the cell empty."]),
        Broken(file: "own-manager.csv", messages: [":3:7: error: leader \"L2\" is named as their own manager\nMaybe leave the cell empty for a leader whose manager is not in the roster, or write the manager's id."]),
        Broken(file: "roster.xlsx", messages: [": error: the workbook is damaged: the file ends too early (it was probably cut off while being copied or downloaded)\nMaybe open it in Excel, which offers to repair it, and save it again; or copy the file again if it was cut off on the way."]),
        Broken(file: "short-row.csv", messages: [":3:1: error: this row has 3 cells but the header has 4\nMaybe a cell is missing, or two cells were merged; compare the row with the header (last cell read: \"Schools\")."]),
        Broken(file: "unterminated-quote.csv", messages: [":3:4: error: a quoted cell is never closed: the quote here has no matching end quote\nMaybe add the missing \" at the end of the cell, or remove this one."]),
    ]

    @Test(arguments: broken)
    func refusesBrokenFile(_ broken: Broken) {
        let path = Fixtures.path("broken/" + broken.file)
        do {
            _ = try RosterLoader.load(path: path)
            Issue.record("\(broken.file) loaded but must be refused")
        } catch {
            #expect(error.diagnostics.map(\.description) == broken.messages.map { path + $0 })
        }
    }

    @Test func everyBrokenFixtureHasAnExpectation() throws {
        let files = try FileManagerList.files(in: Fixtures.path("broken"))
        #expect(files == Self.broken.map(\.file).sorted())
    }

    @Test func missingFileAndFolder() {
        #expect(thrown { _ = try RosterLoader.load(path: "nowhere.csv") }
            == "nowhere.csv: error: no such file\nMaybe check the spelling and the folder; the path is relative to where you run sparring.")
        #expect(thrown { _ = try RosterLoader.load(path: Fixtures.root) }
            == "\(Fixtures.root): error: this is a folder, not a file\nMaybe name the CSV file inside it.")
    }
}

import Foundation

enum FileManagerList {
    static func files(in folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder).filter { !$0.hasPrefix(".") }.sorted()
    }
}
