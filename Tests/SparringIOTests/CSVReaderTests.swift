import Foundation
import Testing
@testable import SparringIO
import SparringModel
import SparringTestSupport

/// The English text of the problems `body` throws, or `nil` when it throws none.
func thrown(_ body: () throws -> Void) -> String? {
    do {
        try body()
        return nil
    } catch {
        return (error as? DiagnosticError)?.description ?? "not a DiagnosticError: \(error)"
    }
}

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

    // MARK: Encoding decided by evidence

    struct Misencoding: CustomTestStringConvertible, Sendable {
        let fixture: String
        let message: String
        var testDescription: String { fixture }
    }

    /// Real files (see `Fixtures/encoding/`), each with one misencoded place, and the exact message it gets.
    static let misencodings: [Misencoding] = [
        Misencoding(fixture: "utf8-stray-ff.csv", message: """
            :5:9: error: byte 0xFF is not valid UTF-8, in a file that is otherwise UTF-8 (the line reads "4;Mette ?Nør;Skole;kvinde;2")
            Maybe the character shown as ? was pasted from an older program: retype it in Excel and save again as "CSV UTF-8 (kommasepareret)".
            """),
        Misencoding(fixture: "utf8-cp1252-e-acute.csv", message: """
            :5:6: error: byte 0xE9 is not valid UTF-8, in a file that is otherwise UTF-8 (the line reads "4;Ren?e Østergård;Skole;kv…")
            Maybe this is "é" pasted from an older program: retype the character shown as ? in Excel and save again as "CSV UTF-8 (kommasepareret)".
            """),
        Misencoding(fixture: "utf8-bom-stray-dash.csv", message: """
            :2:17: error: byte 0x96 is not valid UTF-8, in a file that is otherwise UTF-8 (the line reads "1;Bo Lund;Skole ? indskoling")
            Maybe this is "–" pasted from an older program: retype the character shown as ? in Excel and save again as "CSV UTF-8 (kommasepareret)".
            """),
        Misencoding(fixture: "windows-1252-pasted-utf8.csv", message: """
            :5:12: error: bytes 0xC3 0xA6 are "æ" in UTF-8, in a file that is otherwise Windows-1252 (the line reads "4;Kirsten BÃ¦k;Skole;kvinde;2")
            Maybe it was pasted from a UTF-8 file: in Excel retype "Ã¦" as "æ" and save again as "CSV UTF-8 (kommasepareret)".
            """),
    ]

    @Test(arguments: misencodings)
    func refusesMixedEncodings(_ misencoding: Misencoding) {
        let path = Fixtures.path("encoding/" + misencoding.fixture)
        #expect(throws: DiagnosticError.self) { try CSVReader.read(path: path) }
        do {
            _ = try CSVReader.read(path: path)
        } catch {
            #expect(error.description == path + misencoding.message)
        }
    }

    @Test func genuineWindows1252IsReadAsWindows1252() throws {
        // æ ø å as E6 F8 E5, and "«SØ»" whose "Ø»" (D8 BB) is also a valid UTF-8 pair: the cp1252 evidence wins.
        let table = try CSVReader.read(path: Fixtures.path("encoding/windows-1252.csv"))
        #expect(table.encoding == "Windows-1252")
        #expect(table.header.map(\.text) == ["nr", "navn", "område", "køn", "nærmeste leder"])
        #expect(table.rows.map { $0[1].text } == ["Søren Ærø", "Åse Holm", "Bo Lund", "Kirsten Bæk"])
        #expect(table.rows[3][2].text == "Børnehaven «SØ»")
        #expect(try CSVReader.read(path: Fixtures.path("kolding-daycare.csv")).encoding == "Windows-1252")
    }

    @Test func locatesBadBytesAsTheParserCountsLinesAndColumns() {
        // A lone CR and a CRLF end lines; "Ø", "Æ" and the first bad byte are one column each.
        let bytes = Array("id;navn;x\r1;Åse;y\r\n2;Søren Ærø;".utf8) + [0xE9, 0x41, 0xE6] + Array("\n".utf8)
        #expect(thrown { _ = try CSVReader.parse(bytes: bytes, file: "in.csv") } == """
            in.csv:3:13: error: byte 0xE9 is not valid UTF-8, in a file that is otherwise UTF-8 (the line reads "2;Søren Ærø;?A?")
            Maybe this is "é" pasted from an older program: retype the character shown as ? in Excel and save again as "CSV UTF-8 (kommasepareret)".
            in.csv:3:15: error: byte 0xE6 is not valid UTF-8, in a file that is otherwise UTF-8 (the line reads "2;Søren Ærø;?A?")
            Maybe this is "æ" pasted from an older program: retype the character shown as ? in Excel and save again as "CSV UTF-8 (kommasepareret)".
            """)
    }

    @Test func locatesPlacesExactlyWhereTheParserPutsCells() throws {
        // The same line and column counting in both: LF, CRLF, lone CR, newlines in quoted cells, multi-byte letters.
        let bytes = Array("id;navn;x\r1;Åse;y\r\n2;Søren Ærø;z\n3;\"Bo\nLund\";w\r".utf8)
        let table = try CSVReader.parse(bytes: bytes, file: "in.csv")
        let cells = [table.header[2]] + table.rows.map { $0[2] }
        let places = cells.map { cell in TextDecoding.Place(offset: bytes.firstIndex(of: cell.text.utf8.first!)!, length: 1) }
        let located = TextDecoding.locate(places, in: bytes, from: 0, asUTF8: true)
        #expect(located.map(\.line) == cells.map(\.line))
        #expect(located.map(\.column) == cells.map(\.column))
    }

    @Test func truncatedSequenceIsOnePlace() {
        // E2 80 starts a 3-byte sequence ("–" is E2 80 93) that never ends.
        let bytes = Array("navn;fag\nÅse;Skole ".utf8) + [0xE2, 0x80] + Array(" indskoling\n".utf8)
        #expect(thrown { _ = try CSVReader.parse(bytes: bytes, file: "in.csv") } == """
            in.csv:2:11: error: bytes 0xE2 0x80 are not valid UTF-8, in a file that is otherwise UTF-8 (the line reads "Åse;Skole ? indskoling")
            Maybe the character shown as ? was pasted from an older program: retype it in Excel and save again as "CSV UTF-8 (kommasepareret)".
            """)
    }

    @Test func listsTwentyPlacesThenCountsTheRest() throws {
        // 30 lines with "ø" in UTF-8, 25 of them with a stray 0xFF: 20 listed, then "… and 5 more".
        var bytes = Array("navn\n".utf8)
        for i in 1...30 { bytes += Array("Søren \(i)".utf8) + (i <= 25 ? [0xFF] : []) + [0x0A] }
        let error = try #require(throws: DiagnosticError.self) { try CSVReader.parse(bytes: bytes, file: "in.csv") }
        #expect(error.diagnostics.count == 21)
        #expect(error.diagnostics[19].line == 21)
        #expect(error.diagnostics[19].column == 9)
        #expect(error.diagnostics[20].description == """
            in.csv: error: … and 5 more places with bytes that are not valid UTF-8
            Maybe the file mixes two encodings; fix the places above in Excel, save again as "CSV UTF-8 (kommasepareret)" and run this again.
            """)
    }

    @Test func cutsLongLinesInTheMessage() {
        let before = String(repeating: "a", count: 300), after = String(repeating: "b", count: 300)
        let bytes = Array("navn\nÅse \(before)".utf8) + [0xFF] + Array("\(after) Åse\n".utf8)
        do {
            _ = try CSVReader.parse(bytes: bytes, file: "in.csv")
            Issue.record("read without error")
        } catch {
            let expected = "(the line reads \"…\(String(repeating: "a", count: 20))?\(String(repeating: "b", count: 20))…\")"
            #expect(error.diagnostics.first?.message.description.hasSuffix(expected) == true)
            #expect(error.diagnostics.first?.column == 305)
        }
    }

    @Test func utf8PunctuationInAWindows1252FileIsAnError() {
        // Windows-1252 "Bøg", "Åse", "Ærø" (three bytes that are not UTF-8) and one UTF-8 "’" (E2 80 99), shown as "â€™".
        let bytes: [UInt8] = Array("navn;by\r\n".utf8) + [0x42, 0xF8, 0x67, 0x3B, 0xC5, 0x73, 0x65, 0x0D, 0x0A]
            + Array("Eva".utf8) + [0xE2, 0x80, 0x99] + Array("s;".utf8) + [0xC6, 0x72, 0xF8, 0x0D, 0x0A]
        #expect(thrown { _ = try CSVReader.parse(bytes: bytes, file: "in.csv") } == """
            in.csv:3:4: error: bytes 0xE2 0x80 0x99 are "’" in UTF-8, in a file that is otherwise Windows-1252 (the line reads "Evaâ€™s;Ærø")
            Maybe it was pasted from a UTF-8 file: in Excel retype "â€™" as "’" and save again as "CSV UTF-8 (kommasepareret)".
            """)
    }

    @Test func asciiWithOneHighByteIsWindows1252() throws {
        // No valid UTF-8 sequence at all: the evidence says Windows-1252, as Danish Excel's "CSV (semikolonsepareret)".
        let table = try CSVReader.parse(bytes: Array("navn;by\nRen".utf8) + [0xE9] + Array(";Vejle\n".utf8), file: "in.csv")
        #expect(table.encoding == "Windows-1252")
        #expect(table.rows[0][0].text == "René")
    }

    struct Header: CustomTestStringConvertible, Sendable {
        let text: String
        let role: ColumnRole?
        var testDescription: String { text }
    }

    static let headers: [Header] = [
        Header(text: "Nærmeste leder", role: .manager),
        Header(text: "NÃ¦rmeste leder", role: .manager),
        Header(text: "nã¦rmeste leder", role: .manager),
        Header(text: "naermeste leder", role: .manager),
        Header(text: "Koen", role: .gender),
        Header(text: "KÃ¸n", role: .gender),
        Header(text: "KÃ˜N", role: .gender),
        Header(text: "Ã˜nsker", role: .wishes),
        Header(text: "oensker", role: .wishes),
        Header(text: "OmrÃ¥de", role: .field),
        Header(text: "omraade", role: .field),
        Header(text: " Aar  som leder ", role: .seniority),
        Header(text: "Navn", role: .name),
        Header(text: "Não", role: nil),
        Header(text: "Postnr", role: nil),
    ]

    @Test(arguments: headers)
    func recognisesDanishHeadersWhateverTheEncoding(_ header: Header) {
        #expect(ColumnRole.role(forHeader: header.text) == header.role)
    }

    @Test func everyTransliteratedAliasNamesItsRole() {
        for role in ColumnRole.allCases {
            for alias in role.aliases {
                let ascii = alias.replacingOccurrences(of: "æ", with: "ae").replacingOccurrences(of: "ø", with: "oe")
                    .replacingOccurrences(of: "å", with: "aa")
                #expect(ColumnRole.role(forHeader: ascii) == role, "\(ascii)")
            }
        }
    }

    // MARK: Bounded input

    @Test func refusesFilesAboveTheByteLimit() {
        let bytes = Array(repeating: UInt8(ascii: "a"), count: 1_500)
        #expect(thrown { _ = try CSVReader.parse(bytes: bytes, file: "in.csv", maximumBytes: 1_000, maximumRows: 10) } == """
            in.csv: error: the file is 1.5 kB; Sparring reads rosters up to 1 kB
            Maybe check that you chose the roster; save only the sheet with the leaders as CSV, or split it into smaller files.
            """)
    }

    @Test func refusesALargeFileBeforeReadingIt() throws {
        // A sparse file: 1.2 GB long, no disk used; reading it into memory first would take seconds and 1.2 GB.
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/big.csv"
        #expect(FileManager.default.createFile(atPath: path, contents: Data("navn\n".utf8)))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: 1_200_000_000)
        try handle.close()
        #expect(thrown { _ = try CSVReader.read(path: path) } == """
            \(path): error: the file is 1.2 GB; Sparring reads rosters up to 200 MB
            Maybe check that you chose the roster; save only the sheet with the leaders as CSV, or split it into smaller files.
            """)
    }

    @Test func describesSizesRoundedUp() {
        #expect(CSVReader.describeSize(CSVReader.maximumBytes) == "200 MB")
        #expect(CSVReader.describeSize(CSVReader.maximumBytes + 1) == "200.1 MB")
        #expect(CSVReader.describeSize(1_234_567_890) == "1.3 GB")
        #expect(CSVReader.describeSize(999) == "999 bytes")
        #expect(CSVReader.describeSize(1) == "1 byte")
        #expect(Words(.da).render(CSVReader.sizeMessage(1_234_567_890)) == "1,3 GB")
    }

    @Test func refusesMoreRowsThanTheLimit() throws {
        // Three rows below the header are fine, blank rows do not count; the fourth row is refused where it starts.
        let three = Array("id;navn\n1;Åse\n\n;;\n2;Bo\n3;Eva\n".utf8)
        #expect(try CSVReader.parse(bytes: three, file: "in.csv", maximumBytes: 1_000, maximumRows: 3).rows.count == 3)
        #expect(thrown { _ = try CSVReader.parse(bytes: three + Array("4;Ida\n".utf8), file: "in.csv", maximumBytes: 1_000, maximumRows: 3) } == """
            in.csv:7: error: the file has more than 3 rows below the header; Sparring reads up to 3
            Maybe check that you exported only the sheet with the leaders, or split the roster into smaller files.
            """)
    }

    // MARK: Robustness

    @Test func neverCrashesOnMutatedFixtures() throws {
        // Seeded mutations of real rosters: flipped and inserted bytes (NUL, CR, quotes, high bytes), cut files.
        var random = SeededGenerator(seed: 11)
        let sources = try ["small-danish.csv", "kolding-daycare.csv", "encoding/windows-1252.csv", "encoding/utf8-stray-ff.csv"]
            .map { name in try [UInt8](Data(contentsOf: URL(fileURLWithPath: Fixtures.path(name)))) }
        let specials: [UInt8] = [0x00, 0x0D, 0x0A, 0x22, 0x3B, 0x2C, 0x09, 0xC3, 0xE2, 0x80, 0xBF, 0xFF, 0xEF, 0xBB, 0xFE]
        var parsed = 0, refused = 0
        for round in 0..<400 {
            var bytes = sources[round % sources.count]
            for _ in 0...random.below(6) {
                let i = random.below(bytes.count)
                let byte = random.below(2) == 0 ? specials[random.below(specials.count)] : UInt8(random.below(256))
                switch random.below(4) {
                case 0: bytes[i] = byte
                case 1: bytes.insert(contentsOf: repeatElement(byte, count: 1 + random.below(40)), at: i)
                case 2: bytes.removeSubrange(i..<min(bytes.count, i + 1 + random.below(20)))
                default: bytes = Array(bytes.prefix(i + 1))
                }
                if bytes.isEmpty { bytes = [0x22] }
            }
            do {
                let table = try CSVReader.parse(bytes: bytes, file: "fuzz.csv")
                #expect(!table.header.isEmpty)
                parsed += 1
            } catch {
                #expect(!error.diagnostics.isEmpty)
                refused += 1
            }
        }
        #expect(parsed > 0 && refused > 0)
    }
}
