import SparringModel

/// Turns the bytes of a file saved by Excel (or anything else) into UTF-8, or says why it cannot.
///
/// Accepted: UTF-8 with or without BOM, UTF-16 with BOM (Excel's "Unicode text"), and Windows-1252
/// (Danish Excel's "CSV (semikolonsepareret)") as the fallback when the bytes are not valid UTF-8.
enum TextDecoding {
    enum Encoding: String { case utf8 = "UTF-8", utf8BOM = "UTF-8 with BOM", utf16 = "UTF-16", windows1252 = "Windows-1252" }

    /// - Returns: the text as UTF-8 bytes without BOM, and the encoding found.
    /// - Throws: ``DiagnosticError`` for empty, binary or spreadsheet files.
    /// - Complexity: O(bytes).
    static func decode(_ bytes: [UInt8], file: String) throws(DiagnosticError) -> (utf8: [UInt8], encoding: Encoding) {
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) || bytes == [0xEF, 0xBB, 0xBF] {
            throw DiagnosticError(.error(file, "the file is empty", hint: "export the roster from Excel again; the first row must name the columns."))
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            return (decodeUTF16(bytes), .utf16)
        }
        if let kind = spreadsheetKind(bytes) {
            throw DiagnosticError(.error(file, "this is \(kind), not a CSV text file",
                                         hint: "open it in Excel and choose File › Save As › \"CSV UTF-8 (kommasepareret) (*.csv)\"."))
        }
        if bytes.prefix(8192).contains(0) {
            throw DiagnosticError(.error(file, "the file is binary, not text",
                                         hint: "check that you chose the roster file; it must be a CSV file saved from Excel."))
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            let body = Array(bytes.dropFirst(3))
            if String(validating: body, as: UTF8.self) != nil { return (body, .utf8BOM) }
            return (windows1252ToUTF8(body), .windows1252)
        }
        if String(validating: bytes, as: UTF8.self) != nil { return (bytes, .utf8) }
        return (windows1252ToUTF8(bytes), .windows1252)
    }

    private static func spreadsheetKind(_ bytes: [UInt8]) -> String? {
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return "an Excel workbook (.xlsx) or another zip file" }
        if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) { return "an old Excel workbook (.xls)" }
        if bytes.starts(with: Array("%PDF".utf8)) { return "a PDF document" }
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

    /// Code points of Windows-1252 bytes 0x80…0x9F; the five undefined bytes keep their Latin-1 value.
    private static let cp1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]

    static func windows1252ToUTF8(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        for byte in bytes {
            if byte < 0x80 { out.append(byte); continue }
            let scalar = byte < 0xA0 ? cp1252High[Int(byte - 0x80)] : UInt32(byte)
            out.append(contentsOf: String(Character(Unicode.Scalar(scalar)!)).utf8)
        }
        return out
    }
}
