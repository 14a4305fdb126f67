import Foundation
import Testing
import SparringIO
import SparringModel
import SparringTestSupport

/// Rosters and side files as HR exports them: people by name, ids without leading zeros, and never a
/// relation dropped in silence.
struct PeopleReferenceTests {
    func load(_ text: String, options: RosterOptions = RosterOptions()) throws(DiagnosticError) -> LoadedRoster {
        try RosterLoader.load(table: CSVReader.parse(bytes: Array(text.utf8), file: "in.csv"), options: options)
    }

    func errors(_ text: String, options: RosterOptions = RosterOptions()) -> [String] {
        do {
            _ = try load(text, options: options)
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }

    /// The Danish sample roster with every manager, conflict and wish written as the person's name.
    static func danishByName() throws -> (byID: String, byName: String) {
        let text = try String(contentsOfFile: Fixtures.path("small-danish.csv"), encoding: .utf8)
        let table = try CSVReader.parse(bytes: Array(text.utf8), file: "x")
        var name: [String: String] = [:]
        for row in table.rows { name[row[0].text] = row[1].text }
        var lines = ["nr;navn;nærmeste leder;konflikter;ønsker"], byID = lines
        for row in table.rows {
            let cells = row.map(\.text)
            let people = { (cell: String) in cell.split(separator: "|").map { name[String($0)] ?? String($0) }.joined(separator: "|") }
            let quote = { (cell: String) in "\"\(cell)\"" }
            byID.append([cells[0], quote(cells[1]), cells[7], cells[9], cells[10]].joined(separator: ";"))
            lines.append([cells[0], quote(cells[1]), quote(people(cells[7])), quote(people(cells[9])), quote(people(cells[10]))].joined(separator: ";"))
        }
        return (byID.joined(separator: "\n"), lines.joined(separator: "\n"))
    }

    @Test func namesResolveToTheSameRelationsAsIds() throws {
        let (byID, byName) = try Self.danishByName()
        let ids = try load(byID), names = try load(byName)
        #expect(names.roster.managers == ids.roster.managers)
        #expect(names.roster.conflicts == ids.roster.conflicts)
        #expect(names.roster.wishes == ids.roster.wishes)
        #expect(names.roster.managers.filter { $0 >= 0 }.count == 9)
        #expect(names.warnings.map(\.description) == ids.warnings.map(\.description))
    }

    @Test func namesIgnoreCaseSpacesAndCommasInsideNames() throws {
        let loaded = try load("id,name,manager,wishes\n1,\"Lund, Bo\",,\n2,Anne Holm,\"  LUND,   bo \",\"Lund, Bo\"\n3,Cai,anne holm,\"Anne Holm, 1\"\n")
        #expect(loaded.roster.managers == [-1, 0, 1])
        #expect(loaded.roster.wishes == [LeaderPair(1, 0), LeaderPair(2, 0), LeaderPair(2, 1)])
        #expect(loaded.warnings.isEmpty)
    }

    @Test func anAmbiguousNameIsAnErrorListingTheCandidates() {
        let text = "nr;navn;nærmeste leder\n1;Mette Andersen;\n2;Mette Andersen;\n3;Bo;mette andersen\n4;Ib;Mette Andersen\n"
        #expect(errors(text) == [
            "in.csv:4:6: error: the manager \"mette andersen\" could be any of 2 leaders: Mette Andersen (id 1, line 2), Mette Andersen (id 2, line 3) (used on lines 4, 5)\nMaybe write the id instead of the name, so that Sparring knows which one is meant.",
        ])
    }

    @Test func aColumnOfNamesThatMatchNobodyIsAnErrorNotUsableWithNoRelations() {
        var text = "nr;nærmeste leder\n"
        for i in 1...8 { text += "\(i);Chef nummer \(i % 4)\n" }
        #expect(errors(text) == [
            "in.csv:2:3: error: column \"nærmeste leder\": 8 of 8 managers match no leader in the roster, e.g. \"Chef nummer 1\" (line 2), \"Chef nummer 2\" (line 3), \"Chef nummer 3\" (line 4) and 5 more\nMaybe these look like names, but the roster has no name column to match them against; add a column \"navn\" (or \"name\"), or write ids. If they are not in the roster on purpose, say so: --outside 'Chef nummer 1, Chef nummer 2, Chef nummer 3'.",
        ])
        var misspelled = "nr;navn;konflikter\n"
        for i in 1...6 { misspelled += "\(i);Leder \(i);Ledr \(i % 6 + 1)\n" }
        #expect(errors(misspelled) == [
            "in.csv:2:11: error: column \"konflikter\": 6 of 6 conflicts match no leader in the roster, e.g. \"Ledr 2\" (line 2), \"Ledr 3\" (line 3), \"Ledr 4\" (line 4) and 3 more\nMaybe these look like names that are spelled differently from the roster's name column, or people who are not in this roster; correct the spelling or write ids. If they are not in the roster on purpose, say so: --outside 'Ledr 2, Ledr 3, Ledr 4'.",
        ])
    }

    @Test func unknownPeopleAreErrorsUnlessMarkedOutside() throws {
        var text = "nr;navn;nærmeste leder\n1;Boss;\n"
        for i in 2...12 { text += "\(i);P\(i);\(i < 10 ? "Boss" : "Udenfor \(i)")\n" }
        #expect(errors(text) == [
            "in.csv:11:8: error: the manager \"Udenfor 10\" of leader \"10\" is not in the roster\nMaybe correct the id or name, or add the person to the roster; if they are not in it on purpose (a director, a leader who has left), say so: --outside 'Udenfor 10'.",
            "in.csv:12:8: error: the manager \"Udenfor 11\" of leader \"11\" is not in the roster\nMaybe correct the id or name, or add the person to the roster; if they are not in it on purpose (a director, a leader who has left), say so: --outside 'Udenfor 11'.",
            "in.csv:13:8: error: the manager \"Udenfor 12\" of leader \"12\" is not in the roster\nMaybe correct the id or name, or add the person to the roster; if they are not in it on purpose (a director, a leader who has left), say so: --outside 'Udenfor 12'.",
        ])
        let loaded = try load(text, options: RosterOptions(outside: ["Udenfor 10, Udenfor 11", "udenfor  12"]))
        #expect(loaded.roster.managers.filter { $0 == 0 }.count == 8)
        #expect(loaded.roster.managers.suffix(3) == [-1, -1, -1])
        #expect(loaded.warnings.isEmpty)
    }

    @Test func idsWithoutLeadingZerosAreMatchedAndReportedOnceNamingExcel() throws {
        let loaded = try load("id,manager,conflicts\n005001,,\n005002,5001,5003|005001\n005003,5001,\n")
        #expect(loaded.roster.managers == [-1, 0, 0])
        #expect(loaded.roster.conflicts == [LeaderPair(0, 1), LeaderPair(1, 2)])
        #expect(loaded.warnings.map(\.description) == [
            "in.csv:3:8: warning: 2 ids in column \"manager\" match a leader only when leading zeros are ignored, e.g. \"5001\" for \"005001\"; they were matched\nMaybe Excel drops leading zeros when it opens a CSV file; to keep them, format the id column as Text, or import with Data › From Text/CSV.",
            "in.csv:3:13: warning: 1 id in column \"conflicts\" match a leader only when leading zeros are ignored, e.g. \"5003\" for \"005003\"; they were matched\nMaybe Excel drops leading zeros when it opens a CSV file; to keep them, format the id column as Text, or import with Data › From Text/CSV.",
        ])
    }

    @Test func reportingLinesInACircleAreRefused() {
        #expect(errors("id,name,manager\nA,Ann,C\nB,Bo,A\nC,Cai,B\nD,Dan,\n") == [
            "in.csv:2:7: error: the reporting lines go round in a circle: Ann (A) → Cai (C) → Bo (B) → Ann (A), each the manager of the next\nMaybe correct the manager of one of them; the leader at the top of a line has an empty manager cell.",
        ])
    }

    /// A circle of 13 reads as such: the first six, then "…" and the count (never the first again, which would read
    /// as a circle of six), with the whole circle in the hint.
    @Test func aLongReportingCircleIsNotShownAsAShortOne() {
        let rows = (0..<13).map { k in "L\(k),Leader \(k),L\((k + 1) % 13)" }.joined(separator: "\n")
        let found = errors("id,name,manager\n" + rows + "\n")
        #expect(found.count == 1)
        let first = found.first ?? ""
        #expect(first.contains("go round in a circle: Leader 0 (L0) → Leader 1 (L1) → Leader 2 (L2) → Leader 3 (L3) → Leader 4 (L4) → Leader 5 (L5) → … (13 leaders), each"), "\(first)")
        #expect(first.contains("(the whole circle: Leader 0 (L0) → Leader 1 (L1) → "), "\(first)")
        #expect(first.contains("→ Leader 12 (L12) → Leader 0 (L0));"), "\(first)")
    }

    @Test func implausibleNumbersAreErrorsAtTheirCell() {
        #expect(errors("id;anciennitet;budget\n1;3;1e153\n2;150;12\n3;4;-2000000000\n") == [
            "in.csv:2:5: error: budget \"1e153\" is too large; Sparring accepts numbers up to 1.000.000.000\nMaybe check the cell, or write the value in a larger unit (e.g. thousands).",
            "in.csv:3:3: error: seniority \"150\" is not a plausible number of years (at most 80)\nMaybe check the cell; it may hold a date, an id or a typing error.",
            "in.csv:4:5: error: budget \"-2000000000\" is too large; Sparring accepts numbers up to 1.000.000.000\nMaybe check the cell, or write the value in a larger unit (e.g. thousands).",
        ])
    }

    @Test func aHugeCellGivesAShortErrorLine() {
        let huge = String(repeating: "x", count: 1_000_000)
        let messages = errors("id;anciennitet\n1;\(huge)\n")
        #expect(messages == ["in.csv:2:3: error: seniority \"\(String(repeating: "x", count: 60))…\" is not a number\nMaybe write the number of years as digits, e.g. 12 or 3,5, or leave the cell empty."])
    }

    @Test func unknownRankTitlesAreNamedOnceAndKnownOnesKeepTheirOrder() throws {
        let loaded = try load("id;lederniveau\n1;Direktør\n2;Chef\n3;Leder\n4;Teamleder\n5;Leder\n6;Institutionsleder\n")
        #expect(loaded.roster.attribute(named: "rank")?.levels == ["Leder", "Teamleder", "Institutionsleder", "Chef", "Direktør"])
        #expect(loaded.warnings.map(\.description) == [
            "in.csv:1:4: warning: Sparring does not know the rank title \"Leder\", so it is placed below \"Teamleder\", the lowest known rank\nMaybe give the order from highest to lowest: --rank-order \"Direktør>Chef>Institutionsleder>Teamleder>Leder\" (move each title to its place).",
        ])
        let ordered = try load("id;lederniveau\n1;Direktør\n2;Chef\n3;Leder\n4;Teamleder\n", options: RosterOptions(rankOrder: ["direktør", "chef", "LEDER", "teamleder"]))
        #expect(ordered.roster.attribute(named: "rank")?.levels == ["Teamleder", "Leder", "Chef", "Direktør"])
        #expect(ordered.warnings.isEmpty)
        #expect(errors("id;lederniveau\n1;Direktør\n2;Kaptajn\n", options: RosterOptions(rankOrder: ["Direktør"])) == [
            "error: --rank-order does not place the rank \"Kaptajn\" of in.csv\nMaybe add it where it belongs, highest first, e.g. --rank-order \"Direktør>Kaptajn\".",
        ])
    }

    @Test func groupingFilesNamePeopleByNameOrIdWithoutZeros() throws {
        let roster = try load("id,name\n001,Ann\n002,Bo\n003,Cai\n004,Dan\n005,Eva\n").roster
        let folder = Fixtures.temporaryDirectory()
        let byName = folder + "/names.csv", zeros = folder + "/zeros.csv", nobody = folder + "/nobody.csv"
        try "navn;gruppe\nAnn;1\nbo;1\nCAI;2\nDan;2\nEva;2\n".write(toFile: byName, atomically: true, encoding: .utf8)
        try "1,A\n2,A\n3,B\n4,B\n5,B\n".write(toFile: zeros, atomically: true, encoding: .utf8)
        try "id,group\nX1,1\nX2,1\nX3,2\nAnn,2\n".write(toFile: nobody, atomically: true, encoding: .utf8)
        let named = try GroupingLoader.load(path: byName, roster: roster)
        #expect(named.groupOf == [0, 0, 1, 1, 1])
        #expect(named.warnings.isEmpty)
        let stripped = try GroupingLoader.load(path: zeros, roster: roster)
        #expect(stripped.groupOf == [0, 0, 1, 1, 1])
        #expect(stripped.warnings.map(\.description) == [
            "\(zeros):1:1: warning: 5 ids in this grouping file match a leader only when leading zeros are ignored, e.g. \"1\" for \"001\"; they were matched\nMaybe Excel drops leading zeros when it opens a CSV file; to keep them, format the id column as Text, or import with Data › From Text/CSV.",
        ])
        #expect(thrown { _ = try GroupingLoader.load(path: nobody, roster: roster) } == """
            \(nobody):2:1: error: this grouping file: 3 of 4 leaders match no leader in the roster, e.g. "X1" (line 2), "X2" (line 3), "X3" (line 4)
            Maybe these look like names that are spelled differently from the roster's name column, or people who are not in this roster; correct the spelling or write ids.
            """)
    }

    @Test func pairFilesNamePeopleByName() throws {
        let roster = try load("id,name\n1,Ann\n2,Bo\n3,Cai\n").roster
        let folder = Fixtures.temporaryDirectory(), path = folder + "/pairs.csv"
        try "Ann;Cai\nbo;ANN\n".write(toFile: path, atomically: true, encoding: .utf8)
        let (pairs, warnings) = try PairFileLoader.load(path: path, roster: roster, relation: .conflict)
        #expect(pairs == [LeaderPair(0, 1), LeaderPair(0, 2)])
        #expect(warnings.isEmpty)
    }

    /// Generated Danish rosters, relations rewritten the way HR exports write them: a unique name where the
    /// person has one, otherwise the id with its leading zeros lost. Every relation must come back.
    @Test(arguments: [UInt64(3), 11, 29])
    func generatedRostersWithNamesAndLostZerosKeepEveryRelation(seed: UInt64) throws {
        let text = RosterGenerator(leaders: 400, seed: seed, danish: true, semicolon: true).render()
        let original = try load(text)
        let table = try CSVReader.parse(bytes: Array(text.utf8), file: "x")
        let header = table.header.map { normalizedHeader($0.text) }
        let (idAt, nameAt) = (header.firstIndex(of: "nr")!, header.firstIndex(of: "navn")!)
        let people = ["nærmeste leder", "konflikter", "ønsker"].map { header.firstIndex(of: $0)! }
        var count: [String: Int] = [:]
        for row in table.rows { count[row[nameAt].text.lowercased(), default: 0] += 1 }
        var name: [String: String] = [:]
        for row in table.rows { name[row[idAt].text] = count[row[nameAt].text.lowercased()] == 1 ? row[nameAt].text : nil }
        var lines = [table.header.map(\.text).joined(separator: ";")]
        for row in table.rows {
            var cells = row.map(\.text)
            cells[idAt] = "00" + cells[idAt]
            for c in people {
                cells[c] = cells[c].split(separator: "|").map { name[String($0)] ?? String($0) }.joined(separator: "|")
            }
            lines.append(cells.map { "\"\($0)\"" }.joined(separator: ";"))
        }
        let rewritten = try load(lines.joined(separator: "\n"))
        #expect(rewritten.roster.managers == original.roster.managers)
        #expect(rewritten.roster.conflicts == original.roster.conflicts)
        #expect(rewritten.roster.wishes == original.roster.wishes)
        #expect(rewritten.roster.separations.count == original.roster.separations.count)
        #expect(rewritten.warnings.allSatisfy { $0.message.description.contains("leading zeros are ignored") })
    }
}
