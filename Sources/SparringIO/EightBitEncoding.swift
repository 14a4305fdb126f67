import SparringModel

/// The older 8-bit character sets Excel saves Danish text in, and how to tell them apart by evidence.
///
/// A file that is not UTF-8 is read in each of them, and each byte above 0x7F is judged by what it becomes:
/// - a letter Danish text uses (æ ø å, and the accented letters of names: é ü ö …) is *evidence for* the reading;
/// - a letter Danish text never uses (Œ, Ž, Ê, ı …), a capital right after a small letter ("gÜrd"), or a
///   symbol between two letters ("Bj¿rn", "M‘ller") is *evidence against* it.
///
/// Windows-1252 (which reads ISO-8859-1 and -15 alike for Danish) is chosen when nothing speaks against it, as
/// before; otherwise the one reading with nothing against it (Mac Roman, or IBM850 from DOS); when no reading is
/// clean, or two are clean but read the letters differently, the file is refused with a line that shows why and
/// the way out (save as "CSV UTF-8"). A file is never read in a character set that makes its letters wrong.
///
/// Danish letters in each: æ ø å Æ Ø Å are E6 F8 E5 C6 D8 C5 in Windows-1252, BE BF 8C AE AF 81 in Mac Roman,
/// 91 9B 86 92 9D 8F in IBM850/865.
enum EightBitEncoding: CaseIterable {
    case windows1252, macRoman, ibm850

    var name: String {
        switch self {
        case .windows1252: "Windows-1252"
        case .macRoman: "Mac Roman"
        case .ibm850: "IBM850"
        }
    }

    /// The code points of bytes 0x80…0xFF.
    var table: [UInt32] {
        switch self {
        case .windows1252: windows1252HighCodePoints + (0xA0...0xFF).map { UInt32($0) }
        case .macRoman: Self.macRomanTable
        case .ibm850: Self.ibm850Table
        }
    }

    /// The character `byte` reads as.
    static func character(_ byte: UInt8, _ table: [UInt32]) -> Character {
        byte < 0x80 ? Character(Unicode.Scalar(byte)) : Character(Unicode.Scalar(table[Int(byte - 0x80)]) ?? "\u{FFFD}")
    }

    /// What the bytes say about one reading.
    struct Judgement {
        var encoding: EightBitEncoding
        /// Danish letters (æ ø å in either case) read.
        var danish = 0
        /// Places that speak against this reading, and the first one's offset.
        var against = 0
        var firstAgainst: Int?
    }

    /// Letters that Danish text, and the names in it, use.
    static let usualLetters: Set<Character> = Set("æøåÆØÅéÉèÈêëÄÖÜäöüáÁíÍóÓúÚýàòùâîôûçÇñÑßïÏ")
    /// Symbols that stand on their own in Danish text (between words or after digits).
    static let usualSymbols: Set<Character> = Set("€‚„…–—‘’“”•«»°½¼¾§£¤·´¨\u{00A0}©®™¹²³±×÷µ¶¬¦")

    /// Judges the reading of `bytes` (from `start`) in this character set. O(bytes).
    func judge(_ bytes: [UInt8], from start: Int) -> Judgement {
        let table = self.table
        var judgement = Judgement(encoding: self)
        func isLetter(_ i: Int) -> Bool { i >= start && i < bytes.count && Self.character(bytes[i], table).isLetter }
        func isLowercase(_ i: Int) -> Bool { i >= start && i < bytes.count && Self.character(bytes[i], table).isLowercase }
        for i in start..<bytes.count where bytes[i] >= 0x80 {
            let c = Self.character(bytes[i], table)
            var bad = false
            if c.isLetter {
                if !Self.usualLetters.contains(c) { bad = true }
                else if c.isUppercase && isLowercase(i - 1) { bad = true }
                else if "æøåÆØÅ".contains(c) { judgement.danish += 1 }
            } else if isLetter(i - 1) && isLetter(i + 1) {
                bad = true
            } else if !Self.usualSymbols.contains(c) {
                bad = true
            }
            if bad {
                judgement.against += 1
                if judgement.firstAgainst == nil { judgement.firstAgainst = i }
            }
        }
        return judgement
    }

    /// The character set `bytes` are in, or the error that says why it cannot be told.
    static func decide(_ bytes: [UInt8], from start: Int, file: String) throws(DiagnosticError) -> EightBitEncoding {
        // Windows-1252 first: when nothing speaks against it (most files), the others need not be judged.
        let first = EightBitEncoding.windows1252.judge(bytes, from: start)
        if first.against == 0 { return .windows1252 }
        let judgements = [first] + allCases.filter { $0 != .windows1252 }.map { $0.judge(bytes, from: start) }
        let clean = judgements.filter { $0.against == 0 }
        if clean.count == 1 { return clean[0].encoding }
        if clean.count > 1 {
            let sorted = clean.sorted { $0.danish > $1.danish }
            if sorted[0].danish > sorted[1].danish { return sorted[0].encoding }
            // Two readings with nothing against them and as much Danish: show where they differ.
            let a = sorted[0].encoding, b = sorted[1].encoding
            let place = (start..<bytes.count).first { bytes[$0] >= 0x80 && character(bytes[$0], a.table) != character(bytes[$0], b.table) } ?? start
            let (line, column) = location(of: place, in: bytes, from: start)
            throw DiagnosticError([.error(file, line, column,
                                         Message("input.encoding.ambiguous", .int(line), .quoted(word(at: place, in: bytes, a.table)), .text(a.name),
                                                 .quoted(word(at: place, in: bytes, b.table)), .text(b.name)),
                                         hint: Message("input.encoding.hint"))], language: language(of: bytes, from: start))
        }
        let place = judgements[0].firstAgainst ?? start
        let (line, column) = location(of: place, in: bytes, from: start)
        throw DiagnosticError([.error(file, line, column, Message("input.encoding.unclear", .int(line), .quoted(word(at: place, in: bytes, judgements[0].encoding.table))),
                                      hint: Message("input.encoding.hint"))], language: language(of: bytes, from: start))
    }

    /// The language of the header line (its letters read as Windows-1252), so that the refusal is in the
    /// consultant's language.
    static func language(of bytes: [UInt8], from start: Int) -> Language {
        let end = bytes[start...].firstIndex { $0 == 0x0A || $0 == 0x0D } ?? bytes.count
        let line = String(decoding: TextDecoding.windows1252ToUTF8(Array(bytes[start..<end])), as: UTF8.self)
        return Language.of(headers: line.split { $0 == ";" || $0 == "," || $0 == "\t" }.map(String.init))
    }

    /// The word around the byte at `place`, read with `table`.
    static func word(at place: Int, in bytes: [UInt8], _ table: [UInt32]) -> String {
        func inWord(_ i: Int) -> Bool { bytes[i] >= 0x80 || character(bytes[i], table).isLetter || character(bytes[i], table).isNumber }
        var low = place, high = place
        while low > 0 && place - low < 30 && inWord(low - 1) { low -= 1 }
        while high + 1 < bytes.count && high - place < 30 && inWord(high + 1) { high += 1 }
        return String((low...high).map { character(bytes[$0], table) })
    }

    /// Line and column (one byte, one character) of `place`.
    static func location(of place: Int, in bytes: [UInt8], from start: Int) -> (Int, Int) {
        TextDecoding.locate([TextDecoding.Place(offset: place, length: 1)], in: bytes, from: start, asUTF8: false).first ?? (1, 1)
    }

    /// The text of `bytes` as UTF-8. O(bytes).
    func utf8(_ bytes: [UInt8]) -> [UInt8] {
        let table = self.table
        return TextDecoding.eightBitToUTF8(bytes) { table[Int($0 - 0x80)] }
    }

    private static let macRomanTable: [UInt32] = [
        0x00C4, 0x00C5, 0x00C7, 0x00C9, 0x00D1, 0x00D6, 0x00DC, 0x00E1, 0x00E0, 0x00E2, 0x00E4, 0x00E3, 0x00E5, 0x00E7, 0x00E9, 0x00E8,
        0x00EA, 0x00EB, 0x00ED, 0x00EC, 0x00EE, 0x00EF, 0x00F1, 0x00F3, 0x00F2, 0x00F4, 0x00F6, 0x00F5, 0x00FA, 0x00F9, 0x00FB, 0x00FC,
        0x2020, 0x00B0, 0x00A2, 0x00A3, 0x00A7, 0x2022, 0x00B6, 0x00DF, 0x00AE, 0x00A9, 0x2122, 0x00B4, 0x00A8, 0x2260, 0x00C6, 0x00D8,
        0x221E, 0x00B1, 0x2264, 0x2265, 0x00A5, 0x00B5, 0x2202, 0x2211, 0x220F, 0x03C0, 0x222B, 0x00AA, 0x00BA, 0x03A9, 0x00E6, 0x00F8,
        0x00BF, 0x00A1, 0x00AC, 0x221A, 0x0192, 0x2248, 0x2206, 0x00AB, 0x00BB, 0x2026, 0x00A0, 0x00C0, 0x00C3, 0x00D5, 0x0152, 0x0153,
        0x2013, 0x2014, 0x201C, 0x201D, 0x2018, 0x2019, 0x00F7, 0x25CA, 0x00FF, 0x0178, 0x2044, 0x20AC, 0x2039, 0x203A, 0xFB01, 0xFB02,
        0x2021, 0x00B7, 0x201A, 0x201E, 0x2030, 0x00C2, 0x00CA, 0x00C1, 0x00CB, 0x00C8, 0x00CD, 0x00CE, 0x00CF, 0x00CC, 0x00D3, 0x00D4,
        0xF8FF, 0x00D2, 0x00DA, 0x00DB, 0x00D9, 0x0131, 0x02C6, 0x02DC, 0x00AF, 0x02D8, 0x02D9, 0x02DA, 0x00B8, 0x02DD, 0x02DB, 0x02C7,
    ]

    private static let ibm850Table: [UInt32] = [
        0x00C7, 0x00FC, 0x00E9, 0x00E2, 0x00E4, 0x00E0, 0x00E5, 0x00E7, 0x00EA, 0x00EB, 0x00E8, 0x00EF, 0x00EE, 0x00EC, 0x00C4, 0x00C5,
        0x00C9, 0x00E6, 0x00C6, 0x00F4, 0x00F6, 0x00F2, 0x00FB, 0x00F9, 0x00FF, 0x00D6, 0x00DC, 0x00F8, 0x00A3, 0x00D8, 0x00D7, 0x0192,
        0x00E1, 0x00ED, 0x00F3, 0x00FA, 0x00F1, 0x00D1, 0x00AA, 0x00BA, 0x00BF, 0x00AE, 0x00AC, 0x00BD, 0x00BC, 0x00A1, 0x00AB, 0x00BB,
        0x2591, 0x2592, 0x2593, 0x2502, 0x2524, 0x00C1, 0x00C2, 0x00C0, 0x00A9, 0x2563, 0x2551, 0x2557, 0x255D, 0x00A2, 0x00A5, 0x2510,
        0x2514, 0x2534, 0x252C, 0x251C, 0x2500, 0x253C, 0x00E3, 0x00C3, 0x255A, 0x2554, 0x2569, 0x2566, 0x2560, 0x2550, 0x256C, 0x00A4,
        0x00F0, 0x00D0, 0x00CA, 0x00CB, 0x00C8, 0x0131, 0x00CD, 0x00CE, 0x00CF, 0x2518, 0x250C, 0x2588, 0x2584, 0x00A6, 0x00CC, 0x2580,
        0x00D3, 0x00DF, 0x00D4, 0x00D2, 0x00F5, 0x00D5, 0x00B5, 0x00FE, 0x00DE, 0x00DA, 0x00DB, 0x00D9, 0x00FD, 0x00DD, 0x00AF, 0x00B4,
        0x00AD, 0x00B1, 0x2017, 0x00BE, 0x00B6, 0x00A7, 0x00F7, 0x00B8, 0x00B0, 0x00A8, 0x00B7, 0x00B9, 0x00B3, 0x00B2, 0x25A0, 0x00A0,
    ]
}
