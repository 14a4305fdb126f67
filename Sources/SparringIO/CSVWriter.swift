import Foundation
import SparringModel

/// Writes CSV text, quoting cells only where needed (delimiter, quote, line break, or surrounding spaces), and
/// neutralising every cell that a spreadsheet would run as a formula (``neutralized(_:)``): every CSV Sparring
/// writes holds names and values from a roster, and a name such as `=HYPERLINK(…)` must stay text.
public struct CSVWriter: Sendable {
    public var delimiter: Character
    /// Prefix the file with a UTF-8 BOM so that Excel reads æøå right.
    public var byteOrderMark: Bool
    public var lineEnding: String
    /// Put an apostrophe before cells that Excel would run as a formula (see ``neutralized(_:)``); on unless a
    /// caller writes a file no spreadsheet opens.
    public var neutralizeFormulas: Bool

    public init(delimiter: Character = ",", byteOrderMark: Bool = false, lineEnding: String = "\n", neutralizeFormulas: Bool = true) {
        self.delimiter = delimiter
        self.byteOrderMark = byteOrderMark
        self.lineEnding = lineEnding
        self.neutralizeFormulas = neutralizeFormulas
    }

    /// The Excel-friendly dialect of a Danish installation: `;`, BOM and CRLF (formulas neutralised, as always).
    public static let excel = CSVWriter(delimiter: ";", byteOrderMark: true, lineEnding: "\r\n", neutralizeFormulas: true)

    /// The cell with an apostrophe in front when a spreadsheet would read it as a formula: it begins with `=`,
    /// `+`, `-`, `@`, a tab or a carriage return, and is not simply a number (`-3`, `-2,5`, `+4.5` and `-1e3`
    /// stay numbers) nor a lone sign (`-`, as rosters write "none"). ``restored(_:)`` undoes it when Sparring
    /// reads the file back. O(length).
    public static func neutralized(_ cell: String) -> String {
        guard let first = cell.unicodeScalars.first, formulaStarts.contains(first) else { return cell }
        if first == "-" || first == "+", cell.unicodeScalars.count == 1 || parseLooseNumber(cell) != nil { return cell }
        return "'" + cell
    }

    /// The characters a formula may begin with.
    static let formulaStarts = "=+-@\t\r".unicodeScalars

    /// A cell read from a file as it was before ``neutralized(_:)``: without the apostrophe Sparring put before
    /// formula-like text (`'=HYPERLINK(…)` gives `=HYPERLINK(…)`); any other cell as it is. O(1).
    public static func restored(_ cell: String) -> String {
        let scalars = cell.unicodeScalars
        guard scalars.first == "'", let second = scalars.dropFirst().first, formulaStarts.contains(second),
              neutralized(String(cell.dropFirst())) == cell else { return cell }
        return String(cell.dropFirst())
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
/// (``OutputFiles/write(_:permissionsOf:writeFile:)`` with one file).
/// - Parameter source: the file the text's personal data came from, if any: the output gets at most its permission bits.
/// - Throws: ``DiagnosticError`` naming the path and the reason when it cannot be written.
public func writeAtomically(_ text: String, to path: String, permissionsOf source: String? = nil) throws(DiagnosticError) {
    try OutputFiles.write([(path, Data(text.utf8))], permissionsOf: source)
}
