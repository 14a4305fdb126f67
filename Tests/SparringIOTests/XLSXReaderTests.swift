import Foundation
import Testing
@testable import SparringIO
import SparringModel
import SparringTestSupport

/// Workbooks from real producers (openpyxl and LibreOffice Calc, see `Scripts/make_workbook_fixtures.py`) and
/// from hand-written XML, read into the same table the CSV reader makes.
struct XLSXReaderTests {
    /// What both producers' roster fixture holds (the LibreOffice one has a formula column more).
    static let expectedRoster: [[String]] = [
        ["nr", "navn", "fagområde", "lederniveau", "køn", "anciennitet", "enhed", "nærmeste leder", "ansat", "telefon", "ønsker", "mentor"],
        ["0101", "Anne Holm", "Dagtilbud", "institutionsleder", "kvinde", "12", "Dagtilbud Nord", "0110", "01-08-2012", "+45 12 34 56 78", "Bo Lund", "SAND"],
        ["0102", "Bo Lund", "Dagtilbud", "institutionsleder", "mand", "3,5", "Dagtilbud Nord", "0110", "01-03-2021", "22334455", "", "FALSK"],
        ["0103", "Søren Ærø", "Skole", "institutionsleder", "mand", "20", "Skole Vest", "0111", "15-01-2004", "+45 33 44 55 66", "Anne Holm|Mette Bækgaard", "SAND"],
        ["0104", "Mette Bækgaard", "Skole", "teamleder", "kvinde", "2", "Skole Vest", "0103", "01-09-2023", "44556677", "", "FALSK"],
        ["0105", "Hanne Møller", "Ældreområdet", "institutionsleder", "kvinde", "8", "Ældre Syd", "0112", "29-02-2016", "+45 55 66 77 88", "", "FALSK"],
        ["0106", "Bjørn Dahl", "Ældreområdet", "teamleder", "mand", "1", "Ældre Syd", "0105", "01-03-2024", "66778899", "Åse Friis", "SAND"],
        ["0107", "Åse Friis", "Teknik og miljø", "institutionsleder", "kvinde", "15,5", "Teknik", "0112", "01-06-2009", "+45 77 88 99 00", "", "FALSK"],
        ["0108", "Lars Olsen", "Teknik og miljø", "teamleder", "mand", "6", "Teknik", "0107", "01-11-2018", "88990011", "", "FALSK"],
        ["0109", "Karen Skovgård", "Dagtilbud", "teamleder", "kvinde", "4", "Dagtilbud Nord", "0101", "01-05-2020", "99001122", "", "SAND"],
        ["0110", "Poul Jensen", "Dagtilbud", "chef", "mand", "25", "Dagtilbud", "", "01-04-1999", "+45 11 22 33 44", "", "FALSK"],
        ["0111", "Signe Larsen", "Skole", "chef", "kvinde", "18", "Skole", "", "01-10-2006", "12121212", "", "FALSK"],
        ["0112", "Ole Thomsen", "Ældreområdet", "chef", "mand", "22", "Ældreområdet", "", "01-12-2002", "+45 21 21 21 21", "", "FALSK"],
    ]

    static func cells(_ table: CSVTable) -> [[String]] { [table.header.map(\.text)] + table.rows.map { $0.map(\.text) } }

    @Test(arguments: ["roster-openpyxl.xlsx", "roster-libreoffice.xlsx"])
    func readsTheRosterAsTheConsultantSeesIt(_ fixture: String) throws {
        let table = try TableReader.read(path: Fixtures.path("xlsx/" + fixture))
        #expect(table.sheet == "Ledere")
        #expect(table.encoding == "xlsx")
        #expect(table.delimiter == ";")
        let cells = Self.cells(table)
        // Text ids keep their zeros, numbers show without ".0" and with a decimal comma (Danish headers), dates as
        // formatted, phone numbers stay text, booleans in Danish, a gap is an empty cell, the empty row is left out.
        #expect(cells.map { Array($0.prefix(12)) } == Self.expectedRoster)
        if fixture.contains("libreoffice") {
            // A formula's saved result (LibreOffice saved it; =F3*12 with F3 = 3.5).
            #expect(cells.map { $0.count > 12 ? $0[12] : "?" } == ["måneder som leder", "144", "42", "240", "24", "96", "12", "186", "72", "48", "300", "216", "264"])
        }
        // Cells keep their places: the leader after the empty row 8 is on row 9; a gap is at its own column.
        #expect(table.rows[6][0] == CSVField("0107", line: 9, column: 1))
        #expect(table.rows[1][10] == CSVField("", line: 3, column: 11))
        #expect(table.endLine == 15)
    }

    @Test func bothProducersGiveTheSameRoster() throws {
        let openpyxl = try RosterLoader.load(path: Fixtures.path("xlsx/roster-openpyxl.xlsx"))
        let libreoffice = try RosterLoader.load(path: Fixtures.path("xlsx/roster-libreoffice.xlsx"))
        #expect(openpyxl.roster.ids == (1...12).map { String(format: "01%02d", $0) })
        #expect(openpyxl.roster.ids == libreoffice.roster.ids)
        #expect(openpyxl.roster.names == libreoffice.roster.names)
        #expect(openpyxl.roster.managers == libreoffice.roster.managers)
        #expect(openpyxl.roster.wishes == libreoffice.roster.wishes)
        #expect(openpyxl.roster.attribute(named: "anciennitet")?.values[6] == 15.5)
        #expect(libreoffice.roster.attribute(named: "måneder som leder")?.kind == .numeric)
        #expect(openpyxl.language == .da && openpyxl.sheet == "Ledere")
        #expect(openpyxl.warnings.isEmpty)
    }

    /// The English sample roster, saved by LibreOffice from `small-english.csv`, loads to the same roster.
    @Test func workbookAndCSVOfTheSameRosterLoadAlike() throws {
        let csv = try RosterLoader.load(path: Fixtures.path("small-english.csv"))
        let xlsx = try RosterLoader.load(path: Fixtures.path("xlsx/small-english-libreoffice.xlsx"))
        #expect(xlsx.roster.columns == csv.roster.columns)
        #expect(xlsx.roster.rows == csv.roster.rows)
        #expect(xlsx.roster.attributes == csv.roster.attributes)
        #expect(xlsx.roster.conflicts == csv.roster.conflicts && xlsx.roster.wishes == csv.roster.wishes)
        // L12's manager is "L99 (outside)" in both: a director outside the roster on purpose.
        #expect(xlsx.roster.managers == csv.roster.managers && xlsx.roster.managers[11] == -1)
        #expect(xlsx.warnings.isEmpty && csv.warnings.isEmpty)
    }

    @Test func aFormulaWithoutSavedResultIsNamedAtItsCell() throws {
        let path = Fixtures.path("xlsx/broken/formula-without-value-openpyxl.xlsx")
        let error = try #require(throws: DiagnosticError.self) { try TableReader.read(path: path) }
        #expect(error.diagnostics.count == 12)
        #expect(error.language == .da)
        #expect(error.diagnostics[0].description == "\(path):Ledere!M2: error: the formula =F2*12 has no saved result\n"
                + "Maybe open the workbook in Excel and save it again (Excel saves the results), or replace the formulas by their values (Copy, then Paste Special › Values).")
        #expect(error.diagnostics[0].rendered(in: Words(.da)).hasPrefix("\(path):Ledere!M2: fejl: formlen =F2*12 har intet gemt resultat\nTip: "))
        #expect(error.diagnostics[6].sheet == "Ledere" && error.diagnostics[6].line == 9)
    }

    @Test func sheetsAreChosenByName() throws {
        let path = Fixtures.path("xlsx/roster-openpyxl.xlsx")
        #expect(try XLSXReader.sheetNames(bytes: Array(Data(contentsOf: URL(fileURLWithPath: path))), file: path) == ["Ledere", "Noter"])
        #expect(try TableReader.read(path: path, sheet: "Noter").header.map(\.text) == ["Noter til netværket"])
        #expect(try TableReader.read(path: path, sheet: " noter ").sheet == "Noter")
        #expect(thrown { _ = try TableReader.read(path: path, sheet: "Deltagere") } == """
            \(path): error: the workbook has no sheet "Deltagere"; its sheets are "Ledere", "Noter"
            Maybe write the name as it stands on the sheet's tab in Excel, e.g. --sheet "Ledere".
            """)
        let csv = Fixtures.path("small-english.csv")
        #expect(thrown { _ = try TableReader.read(path: csv, sheet: "Ark1") } == """
            \(csv): error: --sheet Ark1: this is a CSV file, which has no sheets
            Maybe leave out --sheet, or give the workbook (.xlsx) instead of the CSV file.
            """)
    }

    @Test func theFirstVisibleSheetIsRead() throws {
        var book = WorkbookBuilder(sheet: WorkbookBuilder.row(1, [("A", "hidden")]), name: "Skjult")
        book.sheets[0].hidden = true
        book.sheets.append(("Synlig", WorkbookBuilder.row(1, [("A", "id")]) + WorkbookBuilder.row(2, [("A", "1")]), false))
        #expect(try book.cells() == [["id"], ["1"]])
        #expect(try book.cells(sheet: "Skjult") == [["hidden"]])
    }

    // MARK: Cells as producers write them

    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let data: String
        var strings: [String]? = nil
        var formats: [Int]? = nil
        var custom: [(id: Int, code: String)] = []
        var date1904 = false
        let expected: [[String]]
        var testDescription: String { name }
    }

    static let header = "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>id</t></is></c><c r=\"B1\" t=\"inlineStr\"><is><t>value</t></is></c></row>"
    static func value(_ cell: String) -> String { header + "<row r=\"2\"><c r=\"A2\"><v>1</v></c>\(cell)</row>" }

    static let cases: [Case] = [
        Case(name: "shared strings with rich text runs; phonetic guides left out",
             data: value("<c r=\"B2\" t=\"s\"><v>1</v></c>"),
             strings: ["<t>x</t>", "<r><rPr><b/></rPr><t>Sø</t></r><r><t xml:space=\"preserve\">ren </t></r><rPh sb=\"0\" eb=\"1\"><t>ソ</t></rPh><r><t>Ærø</t></r>"],
             expected: [["id", "value"], ["1", "Søren Ærø"]]),
        Case(name: "inline string with entities and Excel's _xHHHH_ escapes",
             data: value("<c r=\"B2\" t=\"inlineStr\"><is><t>A &amp; B &lt;3 &#229;&#x00E6; line_x000D_&#10;two _x005F_x0041_</t></is></c>"),
             expected: [["id", "value"], ["1", "A & B <3 åæ line\r\ntwo _x0041_"]]),
        Case(name: "numbers in General: integers without .0, fractions to 15 digits",
             data: header + "<row r=\"2\"><c r=\"A2\"><v>5001</v></c><c r=\"B2\"><v>0.30000000000000004</v></c></row>"
                + "<row r=\"3\"><c r=\"A3\"><v>1.0E+2</v></c><c r=\"B3\"><v>-2.5</v></c></row>"
                + "<row r=\"4\"><c r=\"A4\"><v>123456789012</v></c><c r=\"B4\"><v>1E-20</v></c></row>",
             expected: [["id", "value"], ["5001", "0.3"], ["100", "-2.5"], ["123456789012", "1E-20"]]),
        Case(name: "booleans, a formula's string result, an ISO date",
             data: header + "<row r=\"2\"><c r=\"A2\" t=\"b\"><v>1</v></c><c r=\"B2\" t=\"str\"><f>A2&amp;\"x\"</f><v>TRUEx</v></c></row>"
                + "<row r=\"3\"><c r=\"A3\" t=\"b\"><f>FALSE()</f><v>0</v></c><c r=\"B3\" t=\"d\"><v>2024-03-01T00:00:00</v></c></row>",
             expected: [["id", "value"], ["TRUE", "TRUEx"], ["FALSE", "2024-03-01"]]),
        Case(name: "number formats: built-in date, fixed decimals, zero padding, percent, text",
             data: header + "<row r=\"2\"><c r=\"A2\" s=\"1\"><v>45352</v></c><c r=\"B2\" s=\"2\"><v>3.456</v></c></row>"
                + "<row r=\"3\"><c r=\"A3\" s=\"3\"><v>501</v></c><c r=\"B3\" s=\"4\"><v>0.35</v></c></row>"
                + "<row r=\"4\"><c r=\"A4\" s=\"5\"><v>12</v></c><c r=\"B4\" s=\"6\"><v>1234.5</v></c></row>",
             formats: [0, 14, 2, 164, 9, 49, 4], custom: [(164, "00000")],
             expected: [["id", "value"], ["2024-03-01", "3.46"], ["00501", "35%"], ["12", "1234.50"]]),
        Case(name: "custom date and time formats, month names, the 1900 leap-year bug",
             data: header + "<row r=\"2\"><c r=\"A2\" s=\"1\"><v>45352.5</v></c><c r=\"B2\" s=\"2\"><v>45352.75</v></c></row>"
                + "<row r=\"3\"><c r=\"A3\" s=\"1\"><v>60</v></c><c r=\"B3\" s=\"3\"><v>0.5208333333</v></c></row>"
                + "<row r=\"4\"><c r=\"A4\" s=\"1\"><v>1</v></c><c r=\"B4\" s=\"4\"><v>45352</v></c></row>",
             formats: [0, 164, 165, 166, 167],
             custom: [(164, "[$-406]d\\. mmmm yyyy;@"), (165, "yyyy-mm-dd hh:mm"), (166, "h:mm AM/PM"), (167, "dddd d/m-yy")],
             expected: [["id", "value"], ["1. March 2024", "2024-03-01 18:00"], ["29. February 1900", "12:30 PM"], ["1. January 1900", "Friday 1/3-24"]]),
        Case(name: "the 1904 date system",
             data: value("<c r=\"B2\" s=\"1\"><v>0</v></c>"), formats: [0, 14], date1904: true,
             expected: [["id", "value"], ["1", "1904-01-01"]]),
        Case(name: "gaps, cells without r, styled empty cells and rows without content",
             data: header + "<row r=\"2\"><c r=\"A2\"><v>1</v></c><c r=\"D2\" s=\"1\"/><c r=\"E2\" t=\"inlineStr\"><is><t> </t></is></c></row>"
                + "<row r=\"5\" spans=\"1:2\"><c s=\"1\"/><c r=\"B5\"><v>7</v></c><c><v>8</v></c></row><row r=\"6\"><c r=\"A6\" s=\"1\"/></row>",
             formats: [0, 0],
             expected: [["id", "value", "", "", ""], ["1", "", "", "", " "], ["", "7", "8"]]),
        Case(name: "prefixed namespace, CDATA, comments and processing instructions",
             data: "<!-- a comment --><?pi x?>" + header.replacingOccurrences(of: "<c ", with: "<x:c ").replacingOccurrences(of: "</c>", with: "</x:c>")
                + "<row r=\"2\"><x:c r=\"A2\" t=\"inlineStr\"><x:is><x:t><![CDATA[a<b>]]></x:t></x:is></x:c></row>",
             expected: [["id", "value"], ["a<b>", ""]]),
    ]

    @Test(arguments: cases)
    func readsCells(_ example: Case) throws {
        var book = WorkbookBuilder(sheet: example.data)
        book.sharedStrings = example.strings
        book.cellFormats = example.formats
        book.numberFormats = example.custom
        book.date1904 = example.date1904
        let cells = try book.cells()
        #expect(cells == example.expected, "read \(cells)")
    }

    @Test func danishHeadersGiveDecimalCommasAndDanishWords() throws {
        var book = WorkbookBuilder(sheet: "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>navn</t></is></c><c r=\"B1\" t=\"inlineStr\"><is><t>køn</t></is></c></row>"
            + "<row r=\"2\"><c r=\"A2\"><v>3.5</v></c><c r=\"B2\" s=\"1\"><v>45352</v></c><c r=\"C2\" s=\"2\"><v>45352</v></c><c r=\"D2\" t=\"b\"><v>1</v></c></row>")
        book.cellFormats = [0, 14, 164]
        book.numberFormats = [(164, "d. mmm yyyy")]
        #expect(try book.cells() == [["navn", "køn", "", ""], ["3,5", "01-03-2024", "1. mar 2024", "SAND"]])
    }

    @Test func columnsWithoutAHeaderAreNamedByLetter() throws {
        let book = WorkbookBuilder(sheet: WorkbookBuilder.row(1, [("A", "id"), ("B", "name")]) + WorkbookBuilder.row(2, [("A", "1"), ("B", "Ann"), ("AB", "x")]))
        let table = try XLSXReader.read(bytes: book.bytes, file: "r.xlsx")
        #expect(table.header.count == 28 && table.rows[0].count == 28)
        #expect(thrown { _ = try RosterLoader.load(table: table) } == """
            r.xlsx:Ark1!AB2: error: this cell is in column AB, which has no header
            Maybe give the column a name in the first row, or delete the column.
            """)
    }

    @Test func errorValuesAreNamedAtTheirCells() throws {
        let book = WorkbookBuilder(sheet: Self.value("<c r=\"B2\" t=\"e\"><f>VLOOKUP(A2,X:Y,2,0)</f><v>#N/A</v></c>"))
        #expect(thrown { _ = try book.cells() } == """
            t.xlsx:Ark1!B2: error: the cell shows the error #N/A
            Maybe correct the formula or the value in Excel, or clear the cell.
            """)
    }

    @Test func loaderProblemsNameSheetAndCell() throws {
        let book = WorkbookBuilder(sheet: WorkbookBuilder.row(3, [("B", "nr"), ("C", "anciennitet")]) + WorkbookBuilder.row(4, [("B", "1"), ("C", "ti år")])
                                   + WorkbookBuilder.row(5, [("C", 3)]), name: "Mine ledere")
        let table = try XLSXReader.read(bytes: book.bytes, file: "r.xlsx")
        let error = try #require(throws: DiagnosticError.self) { try RosterLoader.load(table: table) }
        #expect(error.language == .da)
        #expect(error.diagnostics.map { $0.rendered(in: Words(.da)) } == [
            "r.xlsx:'Mine ledere'!C4: fejl: anciennitet \"ti år\" er ikke et tal\nTip: skriv antal år som tal, fx 12 eller 3,5, eller lad cellen stå tom.",
            "r.xlsx:'Mine ledere'!B5: fejl: lederen har intet id\nTip: giv hver leder sit eget id, eller slet rækken, hvis den ikke er en leder.",
        ])
    }

    /// Places inside messages are rows too: "also in row 2", "(id 3, row 4)".
    @Test func messagesNameRowsNotLines() throws {
        let rows = WorkbookBuilder.row(1, [("A", "id"), ("B", "name"), ("C", "manager")]) + WorkbookBuilder.row(2, [("A", "1"), ("B", "Bo Lund")])
            + WorkbookBuilder.row(3, [("A", "1"), ("B", "Ann")]) + WorkbookBuilder.row(4, [("A", "3"), ("B", "Bo Lund")])
            + WorkbookBuilder.row(5, [("A", "5"), ("B", "Eva"), ("C", "Bo Lund")])
        let table = try XLSXReader.read(bytes: WorkbookBuilder(sheet: rows).bytes, file: "r.xlsx")
        let error = try #require(throws: DiagnosticError.self) { try RosterLoader.load(table: table) }
        #expect(error.diagnostics.map(\.description) == [
            "r.xlsx:Ark1!A3: error: the id \"1\" is used twice; it is also in row 2\nMaybe give every leader a unique id; if it is the same person, delete one of the rows.",
            "r.xlsx:Ark1!C5: error: the manager \"Bo Lund\" could be any of 2 leaders: Bo Lund (id 1, row 2), Bo Lund (id 3, row 4)\nMaybe write the id instead of the name, so that Sparring knows which one is meant.",
        ])
    }

    // MARK: Malformed workbooks

    struct Malformed: CustomTestStringConvertible, Sendable {
        let name: String
        let bytes: @Sendable () throws -> [UInt8]
        let message: String
        var testDescription: String { name }
    }

    static let damagedHint = "Maybe open it in Excel, which offers to repair it, and save it again; or copy the file again if it was cut off on the way."
    static let fine = WorkbookBuilder(sheet: WorkbookBuilder.row(1, [("A", "id")]) + WorkbookBuilder.row(2, [("A", "1")]))

    /// A zip with one entry `name` whose central directory says it unpacks to `declared` bytes and whose data
    /// is `data` deflated.
    static func zip(_ name: String, data: [UInt8], declared: Int) -> [UInt8] {
        var zip = ZipWriter()
        zip.add(name, data)
        var bytes = zip.finished()
        // Patch the declared size in the local header (offset 22) and the central directory (offset 24 of it).
        let directory = Int(ZipArchive.u32(bytes, bytes.count - 6))
        for offset in [22, directory + 24] {
            for k in 0..<4 { bytes[offset + k] = UInt8((declared >> (8 * k)) & 0xFF) }
        }
        return bytes
    }

    static let malformed: [Malformed] = [
        Malformed(name: "truncated zip", bytes: { Array(try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("xlsx/roster-openpyxl.xlsx"))).prefix(3000)) },
                  message: "t.xlsx: error: the workbook is damaged: the file ends too early (it was probably cut off while being copied or downloaded)\n" + damagedHint),
        Malformed(name: "a zip without a workbook", bytes: { zip("hello.txt", data: Array("hello".utf8), declared: 5) },
                  message: "t.xlsx: error: this is a zip file, but not an Excel workbook\nMaybe check that you chose the roster; save it from Excel as an Excel workbook (.xlsx) or as \"CSV UTF-8 (kommasepareret)\"."),
        Malformed(name: "bad XML: a tag closed by another name", bytes: {
                      var book = fine
                      book.replaced["xl/worksheets/sheet1.xml"] = Array("<worksheet><sheetData><row r=\"1\"></sheetData></worksheet>".utf8)
                      return book.bytes
                  }, message: "t.xlsx: error: the workbook is damaged: the part xl/worksheets/sheet1.xml is not well-formed XML at byte 33: an element is closed by a tag of another name\n" + damagedHint),
        Malformed(name: "bad XML: cut off", bytes: {
                      var book = fine
                      book.replaced["xl/worksheets/sheet1.xml"] = Array("<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>id".utf8)
                      return book.bytes
                  }, message: "t.xlsx: error: the workbook is damaged: the part xl/worksheets/sheet1.xml is not well-formed XML at byte 66: it ends too early\n" + damagedHint),
        Malformed(name: "bad XML: a document type (entity expansion)", bytes: {
                      var book = fine
                      book.replaced["xl/workbook.xml"] = Array("<!DOCTYPE lol [<!ENTITY lol \"lol\">]><workbook/>".utf8)
                      return book.bytes
                  }, message: "t.xlsx: error: the workbook is damaged: the part xl/workbook.xml is not well-formed XML at byte 0: a document type declaration, which workbooks never have\n" + damagedHint),
        Malformed(name: "missing sheet part", bytes: {
                      var book = fine
                      book.omitted = ["xl/worksheets/sheet1.xml"]
                      return book.bytes
                  }, message: "t.xlsx: error: the workbook is damaged: the part xl/worksheets/sheet1.xml is missing\n" + damagedHint),
        Malformed(name: "no sheets", bytes: {
                      var book = fine
                      book.sheets = []
                      return book.bytes
                  }, message: "t.xlsx: error: the workbook has no sheet with cells\nMaybe check that you chose the roster workbook; its leaders must be in a sheet, not a chart."),
        Malformed(name: "empty sheet", bytes: { WorkbookBuilder(sheet: "<row r=\"1\"><c r=\"A1\" s=\"0\"/></row>").bytes },
                  message: "t.xlsx: error: the sheet \"Ark1\" is empty\nMaybe choose the sheet with the leaders with --sheet NAME; the workbook's sheets are \"Ark1\"."),
        Malformed(name: "bad checksum", bytes: {
                      var zip = ZipWriter()
                      zip.add("xl/workbook.xml", [UInt8](repeating: 0x20, count: 4))   // stored: deflate does not make it smaller
                      var bytes = zip.finished()
                      bytes[30 + "xl/workbook.xml".utf8.count] = 0x21
                      return bytes
                  }, message: "t.xlsx: error: the workbook is damaged: the part xl/workbook.xml does not match its checksum\n" + damagedHint),
        Malformed(name: "zip bomb: declared size above the limit", bytes: { zip("xl/workbook.xml", data: Array("<workbook/>".utf8), declared: 300_000_000) },
                  message: "t.xlsx: error: the part xl/workbook.xml unpacks to 300 MB; Sparring reads parts up to 16 MB\nMaybe this is not an ordinary roster workbook (a roster of 30,000 leaders unpacks to about 15 MB): check that you chose the right file."),
        Malformed(name: "zip bomb: unpacks to more than declared", bytes: { zip("xl/workbook.xml", data: [UInt8](repeating: 0x20, count: 50_000_000), declared: 1_000) },
                  message: "t.xlsx: error: the workbook is damaged: the part xl/workbook.xml cannot be unpacked\n" + damagedHint),
        Malformed(name: "shared string that does not exist", bytes: {
                      var book = WorkbookBuilder(sheet: "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>7</v></c></row>")
                      book.sharedStrings = ["<t>id</t>"]
                      return book.bytes
                  }, message: "t.xlsx: error: the workbook is damaged: cell A1 refers to shared text number 7, which does not exist\n" + damagedHint),
        Malformed(name: "a cell reference that names no cell", bytes: { WorkbookBuilder(sheet: "<row r=\"1\"><c r=\"A0\"><v>1</v></c></row>").bytes },
                  message: "t.xlsx: error: the workbook is damaged: a cell has the reference \"A0\", which names no cell of a sheet\n" + damagedHint),
        Malformed(name: "a row number outside a sheet", bytes: { WorkbookBuilder(sheet: "<row r=\"1048577\"/>").bytes },
                  message: "t.xlsx: error: the workbook is damaged: a cell has the reference \"1048577:1048577\", which names no cell of a sheet\n" + damagedHint),
        Malformed(name: "rows out of order", bytes: { WorkbookBuilder(sheet: "<row r=\"2\"/><row r=\"1\"/>").bytes },
                  message: "t.xlsx: error: the workbook is damaged: row 1 comes after a row below it\n" + damagedHint),
        Malformed(name: "password-protected (encrypted)", bytes: { Array(try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("xlsx/broken/encrypted.xlsx")))) },
                  message: "t.xlsx: error: the workbook is protected with a password to open it, so Sparring cannot read it\nMaybe open it in Excel, remove the password (File › Info › Protect Workbook › Encrypt with Password: clear it) and save; or save a copy as \"CSV UTF-8 (kommasepareret)\"."),
        Malformed(name: ".xls (Excel 97-2003)", bytes: { Array(try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("xlsx/broken/legacy.xls")))) },
                  message: "t.xlsx: error: this is an old Excel workbook (.xls, Excel 97–2003), which Sparring does not read\nMaybe open it in Excel and choose File › Save As › \"Excel Workbook (*.xlsx)\" (in Danish Excel \"Excel-projektmappe\") or \"CSV UTF-8 (kommasepareret) (*.csv)\"."),
    ]

    @Test(arguments: malformed)
    func refusesMalformedWorkbooksQuickly(_ example: Malformed) throws {
        let bytes = try example.bytes()
        let start = Date()
        #expect(thrown { _ = try XLSXReader.read(bytes: bytes, file: "t.xlsx") } == example.message)
        #expect(Date().timeIntervalSince(start) < 2, "refused slowly")
    }

    @Test func tooManyCellsAndRowsAreRefused() throws {
        let book = WorkbookBuilder(sheet: WorkbookBuilder.row(1, [("A", "id")]) + (2...20).map { WorkbookBuilder.row($0, [("A", "x"), ("XFD", "y")]) }.joined())
        #expect(thrown { _ = try XLSXReader.read(bytes: book.bytes, file: "t.xlsx", sheet: nil, partLimit: 1_000_000, maximumCells: 100_000) } == """
            t.xlsx: error: the sheet "Ark1" uses more than 100,000 cells (counting every cell up to each row's last one)
            Maybe delete the rows and columns below and to the right of the leaders (something may stand in them by mistake), or copy the leaders to a new sheet.
            """)
        #expect(thrown { _ = try XLSXReader.read(bytes: book.bytes, file: "t.xlsx", sheet: nil, partLimit: 1_000_000, maximumCells: 1_000_000, maximumRows: 10) } == """
            t.xlsx: error: the file has more than 10 rows below the header; Sparring reads up to 10
            Maybe check that you exported only the sheet with the leaders, or split the roster into smaller files.
            """)
    }

    /// Random damage to a real workbook never crashes the reader: it reads, or it says why not.
    @Test func damagedBytesAreRefusedOrReadNeverCrash() throws {
        let original = Array(try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("xlsx/roster-libreoffice.xlsx"))))
        var generator = SeededGenerator(seed: 7)
        for trial in 0..<300 {
            var bytes = original
            switch trial % 3 {
            case 0: for _ in 0..<4 { bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator) }
            case 1: bytes = Array(bytes.prefix(Int.random(in: 0..<bytes.count, using: &generator)))
            default: bytes.removeSubrange(Int.random(in: 0..<bytes.count / 2, using: &generator)..<bytes.count / 2 + 10)
            }
            do {
                _ = try XLSXReader.read(bytes: bytes, file: "t.xlsx")
            } catch {
                #expect(!error.diagnostics.isEmpty)
            }
        }
    }
}
