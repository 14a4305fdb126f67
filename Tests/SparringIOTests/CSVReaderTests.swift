import Testing
@testable import SparringIO
import SparringModel

/// Every file quirk a consultant's Excel can produce, parsed to the same cells.
struct CSVReaderTests {
    struct Quirk: CustomTestStringConvertible, Sendable {
        let name: String
        let bytes: [UInt8]
        let expected: [[String]]
        var testDescription: String { name }
    }

    static let plain: [[String]] = [["id", "navn", "år"], ["1", "Søren Ærø", "3,5"], ["2", "Åse", "12"]]

    static let quirks: [Quirk] = [
        Quirk(name: "comma, LF", bytes: Array("id,navn,år\n1,Søren Ærø,\"3,5\"\n2,Åse,12\n".utf8), expected: plain),
        Quirk(name: "semicolon, CRLF", bytes: Array("id;navn;år\r\n1;Søren Ærø;3,5\r\n2;Åse;12\r\n".utf8), expected: plain),
        Quirk(name: "tab", bytes: Array("id\tnavn\tår\n1\tSøren Ærø\t3,5\n2\tÅse\t12".utf8), expected: plain),
        Quirk(name: "UTF-8 BOM", bytes: [0xEF, 0xBB, 0xBF] + Array("id;navn;år\n1;Søren Ærø;3,5\n2;Åse;12\n".utf8), expected: plain),
        Quirk(name: "lone CR line ends (old Mac Excel)", bytes: Array("id;navn;år\r1;Søren Ærø;3,5\r2;Åse;12\r".utf8), expected: plain),
        Quirk(name: "Windows-1252", bytes: Array("id;navn;år\r\n1;Søren Ærø;3,5\r\n2;Åse;12\r\n".unicodeScalars.map { UInt8($0.value) }), expected: plain),
        Quirk(name: "UTF-16 LE with BOM (Excel Unicode text)",
              bytes: [0xFF, 0xFE] + "id\tnavn\tår\r\n1\tSøren Ærø\t3,5\r\n2\tÅse\t12\r\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }, expected: plain),
        Quirk(name: "blank and delimiter-only rows", bytes: Array("id;navn;år\n\n1;Søren Ærø;3,5\n;;\n2;Åse;12\n\n\n;;;\n".utf8), expected: plain),
        Quirk(name: "quoted delimiter, quote and newline",
              bytes: Array("id,name\n1,\"Lund, Bo\"\n2,\"Søren \"\"Sasse\"\" Kjær\"\n3,\"two\r\nlines\"\n".utf8),
              expected: [["id", "name"], ["1", "Lund, Bo"], ["2", "Søren \"Sasse\" Kjær"], ["3", "two\r\nlines"]]),
        Quirk(name: "trailing delimiter keeps the empty cell", bytes: Array("a;b;\n1;2;\n".utf8), expected: [["a", "b", ""], ["1", "2", ""]]),
        Quirk(name: "no final line break", bytes: Array("a,b\n1,2".utf8), expected: [["a", "b"], ["1", "2"]]),
    ]

    @Test(arguments: quirks)
    func parsesQuirk(_ quirk: Quirk) throws {
        let table = try CSVReader.parse(bytes: quirk.bytes, file: "in.csv")
        let cells = [table.header.map(\.text)] + table.rows.map { $0.map(\.text) }
        #expect(cells == quirk.expected)
    }

    @Test func detectsEncodingAndDelimiter() throws {
        let table = try CSVReader.parse(bytes: Array("id;navn\n1;Åse\n".utf8), file: "in.csv")
        #expect(table.delimiter == ";")
        #expect(table.encoding == "UTF-8")
        let legacy = try CSVReader.parse(bytes: [0x69, 0x64, 0x3B, 0xF8, 0x0A, 0x31, 0x3B, 0xE6, 0x0A], file: "in.csv")
        #expect(legacy.encoding == "Windows-1252")
        #expect(legacy.header.map(\.text) == ["id", "ø"])
        #expect(legacy.rows[0][1].text == "æ")
    }

    @Test func locatesCellsByLineAndCharacterColumn() throws {
        let table = try CSVReader.parse(bytes: Array("id;navn;år\n1;\"Bo\nLund\";7\n2;Åse;x\n".utf8), file: "in.csv")
        #expect(table.rows[0][2] == CSVField("7", line: 3, column: 7))
        // Columns count characters, so "Å" is one column wide.
        #expect(table.rows[1][2] == CSVField("x", line: 4, column: 7))
    }

    @Test func windows1252SpecialCharacters() {
        let text = String(decoding: TextDecoding.windows1252ToUTF8([0x80, 0x96, 0xE5, 0xC6]), as: UTF8.self)
        #expect(text == "€–åÆ")
    }

    struct Refusal: CustomTestStringConvertible, Sendable {
        let name: String
        let bytes: [UInt8]
        let message: String
        var testDescription: String { name }
    }

    static let refusals: [Refusal] = [
        Refusal(name: "empty", bytes: [], message: "in.csv: error: the file is empty\nMaybe export the roster from Excel again; the first row must name the columns."),
        Refusal(name: "blank lines only", bytes: Array("\r\n\r\n".utf8), message: "in.csv: error: the file is empty\nMaybe export the roster from Excel again; the first row must name the columns."),
        Refusal(name: "binary", bytes: [0x69, 0x64, 0x00, 0x01], message: "in.csv: error: the file is binary, not text\nMaybe check that you chose the roster file; it must be a CSV file saved from Excel."),
        Refusal(name: "xlsx", bytes: [0x50, 0x4B, 0x03, 0x04, 0x00],
                message: "in.csv: error: this is an Excel workbook (.xlsx) or another zip file, not a CSV text file\nMaybe open it in Excel and choose File › Save As › \"CSV UTF-8 (kommasepareret) (*.csv)\"."),
        Refusal(name: "unterminated quote", bytes: Array("id,name\n1,\"Bo\n2,Åse\n".utf8),
                message: "in.csv:2:3: error: a quoted cell is never closed: the quote here has no matching end quote\nMaybe add the missing \" at the end of the cell, or remove this one."),
    ]

    @Test(arguments: refusals)
    func refuses(_ refusal: Refusal) {
        #expect(throws: DiagnosticError.self) {
            _ = try CSVReader.parse(bytes: refusal.bytes, file: "in.csv")
        }
        do {
            _ = try CSVReader.parse(bytes: refusal.bytes, file: "in.csv")
        } catch {
            #expect(error.description == refusal.message)
        }
    }

    @Test func loadsThirtyThousandRowsLinearly() throws {
        // Correctness at scale (speed is measured in the benchmark target).
        let text = RosterGenerator(leaders: 30_000, seed: 3, danish: true, semicolon: true).render()
        let table = try CSVReader.parse(bytes: Array(text.utf8), file: "big.csv")
        #expect(table.rows.count == 30_000)
        #expect(table.rows.allSatisfy { $0.count == table.header.count })
    }
}
