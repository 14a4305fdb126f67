import Foundation
import SparringModel

/// Reads CSV files as Excel writes them, in one linear pass over the bytes.
///
/// Handles delimiter detection (`,` `;` tab, from the header row), BOMs and legacy encodings (via
/// ``TextDecoding``), CRLF/LF/CR line ends, RFC 4180 quoting with delimiters, doubled quotes and newlines
/// inside quoted cells, and blank or delimiter-only rows (Excel writes `;;;;` for formatted empty rows).
public enum CSVReader {
    /// Reads and parses the file at `path`.
    /// - Throws: ``DiagnosticError`` when the file cannot be read or is not CSV text.
    public static func read(path: String) throws(DiagnosticError) -> CSVTable {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw DiagnosticError(.error(path, "no such file", hint: "check the spelling and the folder; the path is relative to where you run sparring."))
        }
        guard !isDirectory.boolValue else {
            throw DiagnosticError(.error(path, "this is a folder, not a file", hint: "name the CSV file inside it."))
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DiagnosticError(.error(path, "the file cannot be read", hint: "check that you may read it and that Excel does not hold it locked."))
        }
        return try parse(bytes: [UInt8](data), file: path)
    }

    /// Parses CSV bytes; `file` names the source in messages.
    /// - Complexity: O(bytes).
    public static func parse(bytes: [UInt8], file: String) throws(DiagnosticError) -> CSVTable {
        let (utf8, encoding) = try TextDecoding.decode(bytes, file: file)
        let delimiter = detectDelimiter(utf8)
        var parser = Parser(bytes: utf8, delimiter: delimiter, file: file)
        var records = try parser.records()
        // Drop rows with no content at all (blank lines, or only delimiters).
        records.removeAll { record in record.allSatisfy { $0.text.allSatisfy(\.isWhitespace) } }
        guard let header = records.first else {
            throw DiagnosticError(.error(file, "the file is empty", hint: "export the roster from Excel again; the first row must name the columns."))
        }
        return CSVTable(file: file, delimiter: Character(Unicode.Scalar(delimiter)), encoding: encoding.rawValue,
                        header: header, rows: Array(records.dropFirst()), endLine: parser.line)
    }

    /// The delimiter that occurs most often, outside quotes, in the first line; ties favour tab, then `;`.
    static func detectDelimiter(_ bytes: [UInt8]) -> UInt8 {
        var counts: [UInt8: Int] = [0x09: 0, 0x3B: 0, 0x2C: 0]
        var inQuotes = false
        for byte in bytes {
            if byte == 0x22 { inQuotes.toggle(); continue }
            if inQuotes { continue }
            if byte == 0x0A || byte == 0x0D { if counts.values.contains(where: { $0 > 0 }) { break } else { continue } }
            if counts[byte] != nil { counts[byte]! += 1 }
        }
        var best: UInt8 = 0x2C, bestCount = 0
        for candidate: UInt8 in [0x09, 0x3B, 0x2C] where counts[candidate]! > bestCount {
            best = candidate
            bestCount = counts[candidate]!
        }
        return best
    }

    /// A cursor over UTF-8 bytes that tracks line and character column.
    struct Parser {
        let bytes: [UInt8]
        let delimiter: UInt8
        let file: String
        var position = 0
        var line = 1
        var column = 1

        init(bytes: [UInt8], delimiter: UInt8, file: String) {
            self.bytes = bytes
            self.delimiter = delimiter
            self.file = file
        }

        private static let quote: UInt8 = 0x22, newline: UInt8 = 0x0A, carriageReturn: UInt8 = 0x0D

        /// Advances over one byte, keeping line and column right (columns count characters, not bytes).
        @inline(__always) private mutating func advance() {
            let byte = bytes[position]
            position += 1
            if byte == Self.newline {
                line += 1
                column = 1
            } else if byte == Self.carriageReturn {
                if position < bytes.count && bytes[position] == Self.newline { return }
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }

        mutating func records() throws(DiagnosticError) -> [[CSVField]] {
            var records: [[CSVField]] = []
            var record: [CSVField] = []
            while position < bytes.count {
                record.append(try field())
                if position >= bytes.count { break }
                let byte = bytes[position]
                advance()
                if byte == delimiter {
                    if position >= bytes.count { record.append(CSVField("", line: line, column: column)) }
                    continue
                }
                // End of record: \n, \r\n or a lone \r.
                if byte == Self.carriageReturn && position < bytes.count && bytes[position] == Self.newline { advance() }
                records.append(record)
                record = []
            }
            if !record.isEmpty { records.append(record) }
            return records
        }

        /// Reads one cell up to (not including) the next delimiter or line end.
        private mutating func field() throws(DiagnosticError) -> CSVField {
            let startLine = line, startColumn = column
            var buffer: [UInt8] = []
            if position < bytes.count && bytes[position] == Self.quote {
                advance()
                while true {
                    guard position < bytes.count else {
                        throw DiagnosticError(.error(file, startLine, startColumn, "a quoted cell is never closed: the quote here has no matching end quote",
                                                     hint: "add the missing \" at the end of the cell, or remove this one."))
                    }
                    let byte = bytes[position]
                    advance()
                    if byte == Self.quote {
                        if position < bytes.count && bytes[position] == Self.quote {
                            buffer.append(Self.quote)
                            advance()
                        } else {
                            break
                        }
                    } else {
                        buffer.append(byte)
                    }
                }
                // Text after the closing quote belongs to the cell (lenient, as Excel reads it).
            }
            while position < bytes.count {
                let byte = bytes[position]
                if byte == delimiter || byte == Self.newline || byte == Self.carriageReturn { break }
                buffer.append(byte)
                advance()
            }
            let text = buffer.isEmpty ? "" : String(decoding: buffer, as: UTF8.self)
            return CSVField(text, line: startLine, column: startColumn)
        }
    }
}
