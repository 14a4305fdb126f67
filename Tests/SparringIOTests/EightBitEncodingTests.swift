import Testing
import SparringIO
import SparringModel
import SparringTestSupport

/// Danish rosters saved in the older character sets Excel writes: read by the evidence of their letters, or
/// refused — never misread.
struct EightBitEncodingTests {
    @Test(arguments: [("mac-roman.csv", "Mac Roman"), ("ibm850.csv", "IBM850")])
    func danishRosterIsReadInItsCharacterSet(file: String, encoding: String) throws {
        let loaded = try RosterLoader.load(path: Fixtures.path("encoding/" + file))
        #expect(loaded.encoding == encoding)
        #expect(loaded.roster.names == ["Søren Ærø", "Åse Møller", "Bjørn Kjær", "René Gård", "Mette Bækgaard", "Hanne Ørsted"])
        #expect(loaded.roster.managers == [-1, 0, 0, 1, 2, 2])
        #expect(loaded.roster.attribute(named: "location")?.levels == ["Nord", "Syd", "Øst"])
        #expect(loaded.language == .da)
    }

    /// The same roster in each character set, made here byte by byte: æ ø å Æ Ø Å.
    @Test func eachCharacterSetsDanishLettersAreRead() throws {
        let letters: [(String, [UInt8])] = [
            ("Windows-1252", [0xE6, 0xF8, 0xE5, 0xC6, 0xD8, 0xC5]),
            ("Mac Roman", [0xBE, 0xBF, 0x8C, 0xAE, 0xAF, 0x81]),
            ("IBM850", [0x91, 0x9B, 0x86, 0x92, 0x9D, 0x8F]),
        ]
        for (name, b) in letters {
            // "nr;navn\n1;Bjørn Ærø\n2;Åse Kjær\n3;Søren Gård\n"
            var bytes = Array("nr;navn\n1;Bj".utf8) + [b[1]] + Array("rn ".utf8) + [b[3], 0x72, b[1]]
            bytes += Array("\n2;".utf8) + [b[5]] + Array("se Kj".utf8) + [b[0], 0x72]
            bytes += Array("\n3;S".utf8) + [b[1]] + Array("ren G".utf8) + [b[2]] + Array("rd\n".utf8)
            let table = try CSVReader.parse(bytes: bytes, file: "in.csv")
            #expect(table.encoding == name)
            #expect(table.rows.map { $0[1].text } == ["Bjørn Ærø", "Åse Kjær", "Søren Gård"], "\(name)")
        }
    }

    @Test func aFileNoCharacterSetReadsCleanlyIsRefused() {
        let path = Fixtures.path("encoding/mixed-mac-roman-windows-1252.csv")
        #expect(thrown { _ = try RosterLoader.load(path: path) } == """
            \(path):2:4: error: the file is not UTF-8, and its letters do not read as Danish text in any older character set Excel saves (Windows-1252, Mac Roman, DOS): line 2 reads "S¿ren" in Windows-1252
            Maybe open the file in Excel and save it as "CSV UTF-8 (comma delimited) (*.csv)" (File › Save As); Sparring then reads every letter as it was typed.
            """)
        // In the roster's language, judged from its header line.
        do {
            _ = try RosterLoader.load(path: path)
        } catch {
            #expect(error.language == .da)
            #expect(error.diagnostics.first?.hint.map { Words(.da).render($0) }.map { $0.hasPrefix("åbn filen i Excel, og gem den som \"CSV UTF-8") } == true)
        }
    }
}
