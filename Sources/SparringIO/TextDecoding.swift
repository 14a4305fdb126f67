import SparringModel

/// Turns the bytes of a file saved by Excel (or anything else) into UTF-8, or says why it cannot.
///
/// Accepted: UTF-8 with or without BOM, UTF-16 with BOM (Excel's "Unicode text"), Windows-1252
/// (Danish Excel's "CSV (semikolonsepareret)"), and Mac Roman and IBM850 when the letters show it
/// (``EightBitEncoding``: an 8-bit file whose character set cannot be told is refused, never misread).
///
/// ## How the encoding is decided
///
/// A BOM decides: UTF-16 BOM ⇒ UTF-16; UTF-8 BOM ⇒ UTF-8. Without a BOM, one pass over the bytes counts
/// the evidence for each reading:
///
/// - *valid*: well-formed UTF-8 multi-byte sequences (2–4 bytes; no overlong forms, surrogates or
///   code points above U+10FFFF);
/// - *invalid*: places whose bytes are not UTF-8. Each maximal ill-formed subsequence (the unit Unicode
///   replaces by one U+FFFD) counts once; usually that is one byte, such as a Windows-1252 "é" (0xE9).
///
/// Then:
///
/// 1. no invalid place ⇒ UTF-8 (plain ASCII included);
/// 2. no valid sequence ⇒ an 8-bit character set, chosen by ``EightBitEncoding`` (Windows-1252 unless the
///    letters speak against it);
/// 3. valid ≥ invalid ⇒ UTF-8, and **every** invalid place is an error at its `line:column`
///    (a tie goes to UTF-8: refusing a file is better than reading it wrongly in silence);
/// 4. invalid > valid ⇒ Windows-1252, and every sequence that only UTF-8 explains is an error at its
///    `line:column`. Those are the 2-byte sequences led by 0xC2 or 0xC3, which Windows-1252 shows as
///    "Â…" or "Ã…" ("Ã¦" is a UTF-8 "æ"; genuine Danish text never has them), and all 3- and 4-byte
///    sequences ("â€™" is a UTF-8 "’"). A 2-byte sequence led by 0xC4…0xDF reads in Windows-1252 as a
///    capital letter followed by a symbol ("Ø–", "Å»"), which genuine text can contain, so it is kept.
///
/// With a UTF-8 BOM every invalid place is an error, whatever the counts. Errors list the first
/// ``listedProblems`` places, then one diagnostic with how many more there are; a file with errors is
/// never decoded.
enum TextDecoding {
    enum Encoding: String {
        case utf8 = "UTF-8", utf8BOM = "UTF-8 with BOM", utf16 = "UTF-16", windows1252 = "Windows-1252", macRoman = "Mac Roman", ibm850 = "IBM850"
    }

    /// Decoded text: UTF-8 bytes from `start` on (past a BOM, without copying the file), and the encoding found.
    struct Text {
        var bytes: [UInt8]
        var start: Int
        var encoding: Encoding
    }

    /// How many misencoded places are listed one by one before the rest are summed up in one diagnostic.
    static let listedProblems = 20

    /// - Returns: the text as UTF-8 bytes from `Text.start` on, and the encoding found.
    /// - Throws: ``DiagnosticError`` for empty, binary or spreadsheet files, and for files that mix
    ///   UTF-8 and Windows-1252 (one diagnostic per misencoded place; see the type's documentation).
    /// - Complexity: O(bytes); one extra pass up to the last listed place when there are errors.
    static func decode(_ bytes: [UInt8], file: String) throws(DiagnosticError) -> Text {
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) || bytes == [0xEF, 0xBB, 0xBF] {
            throw DiagnosticError(.error(file, Message("csv.empty"), hint: Message("csv.empty.hint")))
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            return Text(bytes: decodeUTF16(bytes), start: 0, encoding: .utf16)
        }
        if let kind = spreadsheetKind(bytes) {
            throw DiagnosticError(.error(file, Message("csv.notText", .message(kind)), hint: Message("csv.notText.hint")))
        }
        if bytes.prefix(8192).contains(0) {
            throw DiagnosticError(.error(file, Message("csv.binary"), hint: Message("csv.binary.hint")))
        }
        let hasBOM = bytes.starts(with: [0xEF, 0xBB, 0xBF])
        let start = hasBOM ? 3 : 0
        let evidence = Evidence(bytes, from: start)
        if evidence.invalid == 0 { return Text(bytes: bytes, start: start, encoding: hasBOM ? .utf8BOM : .utf8) }
        if hasBOM || (evidence.valid > 0 && evidence.valid >= evidence.invalid) {
            throw DiagnosticError(problems(evidence.invalidPlaces, total: evidence.invalid, asUTF8: true, in: bytes, from: start, file: file))
        }
        if evidence.mojibake > 0 {
            throw DiagnosticError(problems(evidence.mojibakePlaces, total: evidence.mojibake, asUTF8: false, in: bytes, from: start, file: file))
        }
        // An 8-bit file: Windows-1252 unless its letters say otherwise (see ``EightBitEncoding``).
        let encoding = try EightBitEncoding.decide(bytes, from: start, file: file)
        let named: Encoding = switch encoding {
        case .windows1252: .windows1252
        case .macRoman: .macRoman
        case .ibm850: .ibm850
        }
        return Text(bytes: encoding.utf8(bytes), start: 0, encoding: named)
    }

    // MARK: Evidence

    /// A run of bytes in the file: where it starts and how many bytes it has.
    struct Place: Equatable {
        var offset: Int
        var length: Int
    }

    /// The counts that decide the encoding, and where the first misencoded places are.
    struct Evidence {
        /// Well-formed UTF-8 multi-byte sequences.
        var valid = 0
        /// Maximal ill-formed UTF-8 subsequences.
        var invalid = 0
        /// Valid sequences that a Windows-1252 reading cannot explain (see the type's documentation).
        var mojibake = 0
        var invalidPlaces: [Place] = []
        var mojibakePlaces: [Place] = []

        /// - Complexity: O(bytes), no allocation beyond the first ``listedProblems`` places of each kind.
        init(_ bytes: [UInt8], from start: Int) {
            bytes.withUnsafeBufferPointer { p in
                var i = start
                while i < p.count {
                    if p[i] < 0x80 { i += 1; continue }
                    let (length, isValid) = sequence(p, at: i)
                    if isValid {
                        valid += 1
                        if p[i] <= 0xC3 || length >= 3 {
                            mojibake += 1
                            if mojibakePlaces.count < listedProblems { mojibakePlaces.append(Place(offset: i, length: length)) }
                        }
                    } else {
                        invalid += 1
                        if invalidPlaces.count < listedProblems { invalidPlaces.append(Place(offset: i, length: length)) }
                    }
                    i += length
                }
            }
        }
    }

    /// The UTF-8 sequence led by the byte at `i` (≥ 0x80): its length if well-formed, else the length of
    /// its maximal ill-formed subpart (Unicode's "U+FFFD substitution of maximal subparts").
    @inline(__always)
    static func sequence(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> (length: Int, isValid: Bool) {
        let lead = p[i]
        var low: UInt8 = 0x80, high: UInt8 = 0xBF
        let trailing: Int
        switch lead {
        case 0xC2...0xDF: trailing = 1
        case 0xE0: trailing = 2; low = 0xA0
        case 0xE1...0xEC, 0xEE, 0xEF: trailing = 2
        case 0xED: trailing = 2; high = 0x9F
        case 0xF0: trailing = 3; low = 0x90
        case 0xF1...0xF3: trailing = 3
        case 0xF4: trailing = 3; high = 0x8F
        default: return (1, false)
        }
        for k in 1...trailing {
            guard i + k < p.count else { return (k, false) }
            let byte = p[i + k]
            let fits = k == 1 ? (byte >= low && byte <= high) : (byte & 0xC0 == 0x80)
            if !fits { return (k, false) }
        }
        return (trailing + 1, true)
    }

    // MARK: Diagnostics

    /// One error per listed place, at its line and character column, then one for the places not listed.
    private static func problems(_ places: [Place], total: Int, asUTF8: Bool, in bytes: [UInt8], from start: Int,
                                 file: String) -> [Diagnostic] {
        let locations = locate(places, in: bytes, from: start, asUTF8: asUTF8)
        var diagnostics: [Diagnostic] = []
        for (place, (line, column)) in zip(places, locations) {
            let raw = bytes[place.offset..<place.offset + place.length]
            let hex = Message.Argument.text(raw.map { "0x" + hexByte($0) }.joined(separator: " "))
            let shownLine = Message.Argument.text(context(of: place, in: bytes, from: start, asUTF8: asUTF8))
            if asUTF8 {
                let message = Message("encoding.notUTF8", .int(place.length), hex, shownLine)
                let hint = if place.length == 1, let guess = windows1252Guess(raw.first!) {
                    Message("encoding.notUTF8.hint.guess", .text(guess))
                } else {
                    Message("encoding.notUTF8.hint")
                }
                diagnostics.append(.error(file, line, column, message, hint: hint))
            } else {
                let meant = describe(String(decoding: raw, as: UTF8.self))
                let shown = String(decoding: windows1252ToUTF8(Array(raw)), as: UTF8.self)
                diagnostics.append(.error(file, line, column, Message("encoding.utf8InWindows1252", hex, meant, shownLine),
                                          hint: Message("encoding.utf8InWindows1252.hint", .text(shown), meant)))
            }
        }
        if total > places.count {
            let more = total - places.count
            let message = asUTF8 ? Message("encoding.moreNotUTF8", .int(more)) : Message("encoding.moreUTF8InWindows1252", .int(more))
            diagnostics.append(.error(file, message, hint: Message("encoding.more.hint")))
        }
        return diagnostics
    }

    /// Line and character column of each place, counted as ``CSVReader`` counts them: LF, CRLF and a lone
    /// CR end a line; a column is one character (a UTF-8 sequence, an ill-formed place, or a Windows-1252 byte).
    static func locate(_ places: [Place], in bytes: [UInt8], from start: Int, asUTF8: Bool) -> [(line: Int, column: Int)] {
        guard let last = places.last?.offset else { return [] }
        var result: [(line: Int, column: Int)] = []
        result.reserveCapacity(places.count)
        var next = 0, line = 1, column = 1, i = start
        bytes.withUnsafeBufferPointer { p in
            while i <= last {
                if i == places[next].offset {
                    result.append((line, column))
                    next += 1
                }
                let byte = p[i]
                if byte == 0x0A {
                    line += 1; column = 1; i += 1
                } else if byte == 0x0D {
                    i += 1
                    if i >= p.count || p[i] != 0x0A { line += 1; column = 1 }
                } else {
                    column += 1
                    i += byte < 0x80 || !asUTF8 ? 1 : sequence(p, at: i).length
                }
            }
        }
        return result
    }

    /// Characters either side of a place on its line, with the place marked, cut with "…" to at most
    /// about 40 characters. UTF-8 files show the place as `?`; Windows-1252 files show it as Excel does.
    static func context(of place: Place, in bytes: [UInt8], from start: Int, asUTF8: Bool) -> String {
        let side = 20, window = 4 * side + 8
        var lineStart = place.offset
        while lineStart > start && place.offset - lineStart < window && bytes[lineStart - 1] != 0x0A && bytes[lineStart - 1] != 0x0D {
            lineStart -= 1
        }
        let cutBefore = lineStart > start && bytes[lineStart - 1] != 0x0A && bytes[lineStart - 1] != 0x0D
        if cutBefore && asUTF8 { while lineStart < place.offset && bytes[lineStart] & 0xC0 == 0x80 { lineStart += 1 } }
        let after = place.offset + place.length
        var lineEnd = after
        while lineEnd < bytes.count && lineEnd - after < window && bytes[lineEnd] != 0x0A && bytes[lineEnd] != 0x0D { lineEnd += 1 }
        let cutAfter = lineEnd < bytes.count && bytes[lineEnd] != 0x0A && bytes[lineEnd] != 0x0D

        func characters(_ range: Range<Int>) -> [Character] {
            let slice = Array(bytes[range])
            let utf8 = asUTF8 ? markingInvalid(slice) : windows1252ToUTF8(slice)
            return String(decoding: utf8, as: UTF8.self).map { $0.isWhitespace || ($0.asciiValue ?? 0x20) < 0x20 ? " " : $0 }
        }
        let before = characters(lineStart..<place.offset), following = characters(after..<lineEnd)
        let marked = asUTF8 ? "?" : String(decoding: windows1252ToUTF8(Array(bytes[place.offset..<after])), as: UTF8.self)
        var text = ""
        if cutBefore || before.count > side { text += "…" }
        text += String(before.suffix(side)) + marked + String(following.prefix(side))
        if cutAfter || following.count > side { text += "…" }
        return text
    }

    /// UTF-8 bytes with each ill-formed place replaced by `?`.
    private static func markingInvalid(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        bytes.withUnsafeBufferPointer { p in
            var i = 0
            while i < p.count {
                if p[i] < 0x80 { out.append(p[i]); i += 1; continue }
                let (length, isValid) = sequence(p, at: i)
                if isValid { out.append(contentsOf: p[i..<i + length]) } else { out.append(0x3F) }
                i += length
            }
        }
        return out
    }

    /// What a stray byte most likely was in the older program that wrote it: a letter or common punctuation.
    private static func windows1252Guess(_ byte: UInt8) -> String? {
        let text = String(decoding: windows1252ToUTF8([byte]), as: UTF8.self)
        guard let character = text.first, byte != 0xFF else { return nil }
        return character.isLetter || "€‚„…–—‘’“”•«»°½".contains(character) ? text : nil
    }

    /// `"æ"`, or the code point (`U+00A0`) when the character would not show.
    private static func describe(_ text: String) -> Message.Argument {
        guard let scalar = text.unicodeScalars.first else { return .quoted(text) }
        let invisible = scalar.properties.isWhitespace || scalar.properties.generalCategory == .control
            || scalar.properties.generalCategory == .format || scalar.properties.generalCategory == .nonspacingMark
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return invisible ? .text("U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex) : .quoted(text)
    }

    private static func hexByte(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
    }

    // MARK: Decoders

    /// What a file that is not text is, judged by its first bytes: "an Excel workbook (.xlsx) …", or `nil`.
    private static func spreadsheetKind(_ bytes: [UInt8]) -> Message? {
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return Message("csv.kind.xlsx") }
        if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) { return Message("csv.kind.xls") }
        if bytes.starts(with: Array("%PDF".utf8)) { return Message("csv.kind.pdf") }
        return nil
    }

    private static func decodeUTF16(_ bytes: [UInt8]) -> [UInt8] {
        let littleEndian = bytes[0] == 0xFF
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var i = 2
        while i + 1 < bytes.count {
            let (lo, hi) = littleEndian ? (bytes[i], bytes[i + 1]) : (bytes[i + 1], bytes[i])
            units.append(UInt16(hi) << 8 | UInt16(lo))
            i += 2
        }
        return Array(String(decoding: units, as: UTF16.self).utf8)
    }

    /// The text of Windows-1252 bytes as UTF-8 (table: ``windows1252HighCodePoints``). O(bytes).
    static func windows1252ToUTF8(_ bytes: [UInt8]) -> [UInt8] {
        eightBitToUTF8(bytes) { $0 < 0xA0 ? windows1252HighCodePoints[Int($0 - 0x80)] : UInt32($0) }
    }

    /// The text of bytes in an 8-bit character set as UTF-8: ASCII as it is, each byte from 0x80 on as the code
    /// point `high` gives it (all below U+10000). O(bytes).
    static func eightBitToUTF8(_ bytes: [UInt8], high: (UInt8) -> UInt32) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        for byte in bytes {
            if byte < 0x80 { out.append(byte); continue }
            let scalar = high(byte)
            if scalar < 0x800 {
                out.append(UInt8(0xC0 | scalar >> 6))
            } else {
                out.append(UInt8(0xE0 | scalar >> 12))
                out.append(UInt8(0x80 | (scalar >> 6) & 0x3F))
            }
            out.append(UInt8(0x80 | scalar & 0x3F))
        }
        return out
    }
}
