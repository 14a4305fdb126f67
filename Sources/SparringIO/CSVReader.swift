import Foundation
import SparringModel

/// Reads CSV files as Excel writes them, in one linear pass over the bytes.
///
/// Handles delimiter detection (`,` `;` tab, from the header row), BOMs and legacy encodings (via
/// ``TextDecoding``), CRLF/LF/CR line ends, RFC 4180 quoting with delimiters, doubled quotes and newlines
/// inside quoted cells, and blank or delimiter-only rows (Excel writes `;;;;` for formatted empty rows).
/// Input is bounded: at most ``maximumBytes`` bytes and ``maximumRows`` rows below the header.
public enum CSVReader {
    /// The largest file read, in bytes (200 MB; a roster of 30,000 leaders is about 3 MB).
    public static let maximumBytes = 200_000_000
    /// The most rows read below the header (blank rows do not count).
    public static let maximumRows = 1_000_000

    /// Reads and parses the file at `path`.
    ///
    /// The size is checked before the file is read, and again while reading (for pipes and growing files).
    /// - Throws: ``DiagnosticError`` when the file cannot be read, is above ``maximumBytes`` or
    ///   ``maximumRows``, or is not CSV text.
    /// - Complexity: O(bytes); memory about the file's size plus its cells.
    public static func read(path: String) throws(DiagnosticError) -> CSVTable {
        try parse(bytes: TableReader.bytes(path: path, limit: maximumBytes), file: path)
    }

    /// Parses CSV bytes; `file` names the source in messages.
    /// - Throws: ``DiagnosticError`` when the bytes are above ``maximumBytes`` or ``maximumRows``, or are not CSV text.
    /// - Complexity: O(bytes).
    public static func parse(bytes: [UInt8], file: String) throws(DiagnosticError) -> CSVTable {
        try parse(bytes: bytes, file: file, maximumBytes: maximumBytes, maximumRows: maximumRows)
    }

    /// ``parse(bytes:file:)`` with other limits, so that tests need not build a file of a million rows.
    /// - Parameter shouldStop: asked every few thousand records; `true` stops the reading (``ReadingStopped``).
    static func parse(bytes: [UInt8], file: String, maximumBytes: Int, maximumRows: Int,
                      shouldStop: @escaping () -> Bool = { false }) throws(DiagnosticError) -> CSVTable {
        guard bytes.count <= maximumBytes else { throw tooLarge(file, size: bytes.count, limit: maximumBytes) }
        let text = try TextDecoding.decode(bytes, file: file)
        if shouldStop() { throw ReadingStopped.error(file) }
        let delimiter = detectDelimiter(text.bytes[text.start...])
        var parser = Parser(bytes: text.bytes, start: text.start, delimiter: delimiter, file: file, maximumRows: maximumRows)
        parser.shouldStop = shouldStop
        let records = try parser.records()
        guard let header = records.first else {
            throw DiagnosticError(.error(file, Message("csv.empty"), hint: Message("csv.empty.hint")))
        }
        return CSVTable(file: file, delimiter: Character(Unicode.Scalar(delimiter)), encoding: text.encoding.rawValue,
                        header: header, rows: Array(records.dropFirst()), endLine: parser.line)
    }

    static func tooLarge(_ file: String, size: Int, limit: Int) -> DiagnosticError {
        DiagnosticError(.error(file, Message("csv.tooLarge", .message(sizeMessage(size)), .message(sizeMessage(limit))),
                               hint: Message("csv.tooLarge.hint")))
    }

    /// A byte count as a person reads it, rounded up to one decimal so that a file just over a limit never
    /// looks equal to it: "1.2 GB", "200 MB", "1.5 kB", "12 bytes" (in Danish "1,2 GB").
    static func sizeMessage(_ bytes: Int) -> Message {
        for (unit, name) in [(1_000_000_000, "GB"), (1_000_000, "MB"), (1_000, "kB")] where bytes >= unit {
            let tenths = (bytes + unit / 10 - 1) / (unit / 10)
            return tenths % 10 == 0 ? Message("csv.size.whole", .text("\(tenths / 10)"), .text(name))
                : Message("csv.size.decimal", .text("\(tenths / 10)"), .text("\(tenths % 10)"), .text(name))
        }
        return Message("csv.size.bytes", .int(bytes))
    }

    /// ``sizeMessage(_:)`` in English.
    static func describeSize(_ bytes: Int) -> String { sizeMessage(bytes).description }

    /// The delimiter that occurs most often, outside quotes, in the first line; ties favour tab, then `;`.
    static func detectDelimiter(_ bytes: ArraySlice<UInt8>) -> UInt8 {
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
        /// Rows allowed below the header.
        let maximumRows: Int
        /// Asked every 4,096 records: `true` stops the reading.
        var shouldStop: () -> Bool = { false }
        var position: Int
        var line = 1
        var column = 1

        init(bytes: [UInt8], start: Int = 0, delimiter: UInt8, file: String, maximumRows: Int = CSVReader.maximumRows) {
            self.bytes = bytes
            self.position = start
            self.delimiter = delimiter
            self.file = file
            self.maximumRows = maximumRows
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

        /// The records with content; rows with no content at all (blank lines, or only delimiters) are dropped.
        /// - Throws: ``DiagnosticError`` for a quoted cell never closed, or more than `maximumRows` rows below the
        ///   header; in the language of the header row when the problem is below it (see ``Language/of(headers:)``).
        mutating func records() throws(DiagnosticError) -> [[CSVField]] {
            var records: [[CSVField]] = []
            do {
                try read(into: &records)
            } catch {
                var error = error
                if let header = records.first { error.language = Language.of(headers: header.map(\.text)) }
                throw error
            }
            return records
        }

        /// Appends every record with content to `records` (see ``records()``).
        private mutating func read(into records: inout [[CSVField]]) throws(DiagnosticError) {
            var record: [CSVField] = []
            func keep(_ record: [CSVField]) throws(DiagnosticError) {
                if record.allSatisfy({ $0.text.allSatisfy(\.isWhitespace) }) { return }
                guard records.count <= maximumRows else {
                    throw DiagnosticError(.error(file, record[0].line, 0, Message("csv.tooManyRows", .int(maximumRows)),
                                                 hint: Message("csv.tooManyRows.hint")))
                }
                if records.count & 0xFFF == 0xFFF && shouldStop() { throw ReadingStopped.error(file) }
                records.append(record)
            }
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
                try keep(record)
                record = []
            }
            try keep(record)
        }

        /// Reads one cell up to (not including) the next delimiter or line end.
        private mutating func field() throws(DiagnosticError) -> CSVField {
            let startLine = line, startColumn = column
            var buffer: [UInt8] = []
            if position < bytes.count && bytes[position] == Self.quote {
                advance()
                while true {
                    guard position < bytes.count else {
                        throw DiagnosticError(.error(file, startLine, startColumn, Message("csv.unclosedQuote"),
                                                     hint: Message("csv.unclosedQuote.hint")))
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
