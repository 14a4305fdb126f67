import Foundation
import Testing
@testable import SparringIO
import SparringModel

/// Workbooks written by ``XLSXWriter``: what goes in comes back out, typed; nothing is ever a formula; the same
/// workbook is the same bytes.
struct XLSXWriterTests {
    static let awkward = ["007", "=SUM(A1:A9)", "+45 12 34 56 78", "-cmd|' /C calc'!A0", "@IMPORT", "  spaced  ", "Søren \"Sasse\" Ærø",
                          "two\nlines", "cr\r\nlf", "tab\there", "bell\u{7}esc\u{1B}", "_x0041_ stays", "a & b <c>", "👩‍💼 leder", "\u{FFFF}"]

    static func part(_ name: String, of data: Data) throws -> String {
        let archive = try ZipArchive(bytes: Array(data))
        let entry = try #require(archive.entry(named: name))
        return String(decoding: try archive.contents(of: entry, limit: 10_000_000), as: UTF8.self)
    }

    @Test func everyTextComesBackAsItWas() throws {
        let rows: [[Workbook.Cell]] = Self.awkward.enumerated().map { [.text("L\($0.offset)"), .text($0.element), .number(Double($0.offset) + 0.5)] }
        let data = XLSXWriter.render(Workbook(sheets: [Workbook.Sheet(name: "Ark1", header: ["id", "text", "n"], rows: rows, textColumns: [0, 1])]))
        let table = try XLSXReader.read(bytes: Array(data), file: "t.xlsx")
        #expect(table.header.map(\.text) == ["id", "text", "n"])
        #expect(table.rows.map { $0[1].text } == Self.awkward)
        #expect(table.rows.map { $0[2].text } == Self.awkward.indices.map { "\($0).5" })
        let sheet = try Self.part("xl/worksheets/sheet1.xml", of: data)
        #expect(!sheet.contains("<f>") && !sheet.contains("<f "))
        let strings = try Self.part("xl/sharedStrings.xml", of: data)
        #expect(strings.contains("bell_x0007_esc_x001B_") && strings.contains("_x005F_x0041_ stays") && strings.contains("cr_x000D_\nlf"))
        #expect(strings.contains("<t xml:space=\"preserve\">  spaced  </t>") && strings.contains("a &amp; b &lt;c&gt;"))
    }

    @Test func sameWorkbookSameBytes() {
        let book = Workbook(sheets: [Workbook.Sheet(name: "Ledere", header: ["nr", "navn"], rows: [[.text("1"), .text("Åse")]], textColumns: [0])])
        #expect(XLSXWriter.render(book) == XLSXWriter.render(book))
    }

    @Test func headerIsBoldAndFrozenAndColumnsAreSized() throws {
        let rows: [[Workbook.Cell]] = [[.text("0101"), .text(String(repeating: "x", count: 30)), .number(12)]]
        let data = XLSXWriter.render(Workbook(sheets: [Workbook.Sheet(name: "Ledere", header: ["nr", "navn", "anciennitet"], rows: rows, textColumns: [0, 1])]))
        let sheet = try Self.part("xl/worksheets/sheet1.xml", of: data)
        #expect(sheet.contains("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"))
        #expect(sheet.contains("<dimension ref=\"A1:C2\"/>"))
        #expect(sheet.contains("<col min=\"1\" max=\"1\" width=\"8\" customWidth=\"1\" style=\"2\"/><col min=\"2\" max=\"2\" width=\"32\" customWidth=\"1\" style=\"2\"/><col min=\"3\" max=\"3\" width=\"15\" customWidth=\"1\"/>"))
        #expect(sheet.contains("<row r=\"1\"><c r=\"A1\" s=\"1\" t=\"s\"><v>0</v></c>"))
        #expect(sheet.contains("<c r=\"A2\" s=\"2\" t=\"s\"><v>3</v></c>") && sheet.contains("<c r=\"C2\"><v>12</v></c>"))
        let styles = try Self.part("xl/styles.xml", of: data)
        #expect(styles.contains("<font><b/>") && styles.contains("<xf numFmtId=\"49\" fontId=\"1\""))
        let workbook = try Self.part("xl/workbook.xml", of: data)
        #expect(workbook.contains("<sheet name=\"Ledere\" sheetId=\"1\" r:id=\"rId1\"/>"))
    }

    struct Typing: CustomTestStringConvertible, Sendable {
        let values: [String]
        let text: Bool
        let expected: [Workbook.Cell]
        var testDescription: String { values.joined(separator: ",") }
    }

    @Test(arguments: [
        Typing(values: ["12", "3,5", "", "-2", "0.25", "0"], text: false, expected: [.number(12), .number(3.5), .empty, .number(-2), .number(0.25), .number(0)]),
        Typing(values: ["12", "007"], text: false, expected: [.text("12"), .text("007")]),                          // a leading zero: ids
        Typing(values: ["12345678", "22334455"], text: false, expected: [.text("12345678"), .text("22334455")]),    // phone numbers
        Typing(values: ["1234567", "1"], text: false, expected: [.number(1234567), .number(1)]),
        Typing(values: ["+45", "1"], text: false, expected: [.text("+45"), .text("1")]),
        Typing(values: ["1e5", "1"], text: false, expected: [.text("1e5"), .text("1")]),
        Typing(values: ["1.234,5"], text: false, expected: [.text("1.234,5")]),
        Typing(values: ["5", "6"], text: true, expected: [.text("5"), .text("6")]),                                   // an id column
        Typing(values: ["", ""], text: false, expected: [.empty, .empty]),
    ])
    func columnsAreNumbersOnlyWhenEveryValueIsAPlainNumber(_ typing: Typing) {
        #expect(Workbook.cells(column: typing.values, text: typing.text).cells == typing.expected)
    }

    @Test func sheetNamesAreMadeValid() {
        #expect(XLSXWriter.sheetNames(["Ledere", "a/b:c", "", "ledere", String(repeating: "x", count: 40), "'quoted'"])
                == ["Ledere", "a-b-c", "Sheet3", "ledere (2)", String(repeating: "x", count: 31), "quoted"])
    }

    @Test func textLongerThanACellHoldsIsCut() {
        let long = String(repeating: "æ", count: 40_000)
        #expect(XLSXWriter.cut(long).count == XLSXWriter.maximumCellLength)
        #expect(XLSXWriter.cut("👩‍💼" + String(repeating: "a", count: 32_766)).utf16.count <= XLSXWriter.maximumCellLength)
    }

    /// The assignments sheet: the roster's columns in its order, the group last; ids, names and phone numbers
    /// text, the numbers numbers.
    @Test func assignmentsSheetIsTyped() throws {
        let csv = "nr;navn;anciennitet;telefon;nærmeste leder\n007;Åse;3,5;12345678;008\n008;Bo;12;22334455;\n"
        let roster = try RosterLoader.load(table: CSVReader.parse(bytes: Array(csv.utf8), file: "r.csv")).roster
        let sheet = AssignmentWriter.sheet(roster: roster, groups: [0, 1], labels: ["1", "2"], words: Words(.da))
        #expect(sheet.name == "Ledere")
        #expect(sheet.header == ["nr", "navn", "anciennitet", "telefon", "nærmeste leder", "gruppe"])
        #expect(sheet.rows[0] == [.text("007"), .text("Åse"), .number(3.5), .text("12345678"), .text("008"), .number(1)])
        #expect(sheet.rows[1][4] == .empty)
        #expect(sheet.textColumns == [0, 1, 3, 4])
        let groups = GroupsWriter.sheet(groups: [0, 1], labels: ["1", "2"], names: ["Åse", "Bo"], words: Words(.en))
        #expect(groups.name == "Groups" && groups.header == ["group", "size", "members", "member 1"])
        #expect(groups.rows[1] == [.number(2), .number(1), .text("Bo"), .text("Bo")])
    }

    // MARK: The containers

    @Test func zipEntriesComeBackAndAreCheckedAndLocatedIgnoringCase() throws {
        var zip = ZipWriter()
        let big = Array(String(repeating: "<row>gentaget</row>", count: 10_000).utf8)
        zip.add("xl/worksheets/sheet1.xml", big)
        zip.add("tiny", [1, 2, 3])
        zip.add("ø/æ.xml", Array("å".utf8))
        let bytes = zip.finished()
        #expect(bytes.count < big.count / 20)
        let archive = try ZipArchive(bytes: bytes)
        #expect(archive.entries.map(\.name) == ["xl/worksheets/sheet1.xml", "tiny", "ø/æ.xml"])
        #expect(archive.entries.map(\.method) == [8, 0, 0])
        #expect(try archive.contents(of: #require(archive.entry(named: "/XL/Worksheets/Sheet1.xml")), limit: 1_000_000) == big)
        #expect(try archive.contents(of: #require(archive.entry(named: "tiny")), limit: 3) == [1, 2, 3])
        #expect(throws: ZipArchive.Problem.tooLarge("xl/worksheets/sheet1.xml", declared: big.count)) {
            try archive.contents(of: archive.entry(named: "xl/worksheets/sheet1.xml")!, limit: 1000)
        }
        #expect(throws: ZipArchive.Problem.truncated) { try ZipArchive(bytes: Array(bytes.dropLast(30))) }
        #expect(throws: ZipArchive.Problem.notZip) { try ZipArchive(bytes: Array("id,name\n".utf8)) }
    }

    @Test func xmlScannerReadsWhatProducersWrite() throws {
        var scanner = XMLScanner(Array("\u{FEFF}<?xml version=\"1.0\"?>\n<a:root xmlns:a=\"u\"><b k='1 &amp; 2' r:id=\"x\"/>t&#229;<![CDATA[<c>]]></a:root>\n".utf8))
        var events: [String] = []
        while true {
            let event = try scanner.next()
            if event == .finish { break }
            switch event {
            case .start:
                events.append("start " + (scanner.isNamed("root") ? "root" : scanner.isNamed("b") ? "b k=\(try scanner.attribute("k") ?? "") id=\(try scanner.attribute("id") ?? "")" : "?"))
            case .end: events.append("end")
            case .text: events.append("text " + (try scanner.text()))
            case .finish: break
            }
        }
        #expect(events == ["start root", "start b k=1 & 2 id=x", "end", "text tå", "text <c>", "end"])
    }

    @Test(arguments: [
        ("<a><b></a></b>", XMLScanner.Failure.Kind.mismatchedTag),
        ("<a>", .unexpectedEnd),
        ("<a b=c/>", .syntax),
        ("<a/><b/>", .syntax),
        ("text<a/>", .syntax),
        ("<a>&bogus;</a>", .unknownEntity),
        ("<!DOCTYPE a><a/>", .documentType),
        ("", .unexpectedEnd),
        (String(repeating: "<a>", count: 300), .tooDeep),
    ])
    func xmlScannerRefusesWhatIsNotWellFormed(_ xml: String, _ kind: XMLScanner.Failure.Kind) {
        var scanner = XMLScanner(Array(xml.utf8))
        do {
            while try scanner.next() != .finish { _ = try scanner.text() }
            Issue.record("\(xml) was read")
        } catch {
            #expect(error.kind == kind, "\(xml)")
        }
    }

    @Test(arguments: [
        ("General", NumberFormat.general),
        ("0.00", .fixed(decimals: 2, minimumDigits: 1, percent: false)),
        ("#,##0.0 \"kr.\"", .fixed(decimals: 1, minimumDigits: 1, percent: false)),
        ("[Red]-0%", .fixed(decimals: 0, minimumDigits: 1, percent: true)),
        ("000000", .fixed(decimals: 0, minimumDigits: 6, percent: false)),
        ("@", .text),
        ("0.00E+00", .general),
        ("# ?/?", .general),
        ("dd/mm/yyyy", .date([.day2, .literal("/"), .month2, .literal("/"), .year4])),
        ("h:mm", .date([.hour, .literal(":"), .minute2])),
        ("mm:ss", .date([.minute2, .literal(":"), .second2])),
    ])
    func numberFormatsAreUnderstood(_ code: String, _ format: NumberFormat) {
        #expect(NumberFormat.parse(code, language: .en) == format)
    }
}
