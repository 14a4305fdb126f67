import Foundation
import SparringModel

/// Writes CSV text, quoting cells only where needed (delimiter, quote, line break, or surrounding spaces).
public struct CSVWriter: Sendable {
    public var delimiter: Character
    /// Prefix the file with a UTF-8 BOM so that Excel reads æøå right.
    public var byteOrderMark: Bool
    public var lineEnding: String
    /// Put an apostrophe before cells that Excel would run as a formula (see ``neutralized(_:)``).
    public var neutralizeFormulas: Bool

    public init(delimiter: Character = ",", byteOrderMark: Bool = false, lineEnding: String = "\n", neutralizeFormulas: Bool = false) {
        self.delimiter = delimiter
        self.byteOrderMark = byteOrderMark
        self.lineEnding = lineEnding
        self.neutralizeFormulas = neutralizeFormulas
    }

    /// The Excel-friendly dialect of a Danish installation: `;`, BOM and CRLF, formulas neutralised.
    public static let excel = CSVWriter(delimiter: ";", byteOrderMark: true, lineEnding: "\r\n", neutralizeFormulas: true)

    /// The cell with an apostrophe in front when Excel would read it as a formula: it begins with `=`, `+`,
    /// `-`, `@`, a tab or a carriage return and is not simply a number (`-3` and `-2,5` stay as they are).
    /// Excel shows the apostrophe-prefixed cell as the original text. O(length).
    public static func neutralized(_ cell: String) -> String {
        guard let first = cell.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return cell }
        if first == "-" || first == "+", parseLooseNumber(cell) != nil { return cell }
        return "'" + cell
    }

    /// The cell as it must appear in the file. O(length).
    public func escape(_ cell: String) -> String {
        let cell = neutralizeFormulas ? Self.neutralized(cell) : cell
        let needsQuotes = cell.contains(where: { $0 == delimiter || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
            || cell.first?.isWhitespace == true || cell.last?.isWhitespace == true
        guard needsQuotes else { return cell }
        return "\"" + cell.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }

    /// The whole file as text. O(total cell length).
    public func render(header: [String], rows: [[String]]) -> String {
        var text = byteOrderMark ? "\u{FEFF}" : ""
        let separator = String(delimiter)
        text += header.map(escape).joined(separator: separator) + lineEnding
        for row in rows { text += row.map(escape).joined(separator: separator) + lineEnding }
        return text
    }
}

/// Writes `text` to `path` atomically: readers see the old file or the whole new one, never a part
/// (``OutputFiles/write(_:writeFile:)`` with one file).
/// - Throws: ``DiagnosticError`` naming the path and the reason when it cannot be written.
public func writeAtomically(_ text: String, to path: String) throws(DiagnosticError) {
    try OutputFiles.write([(path, Data(text.utf8))])
}
