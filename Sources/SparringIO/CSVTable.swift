import SparringModel

/// One cell of a CSV file (or of a workbook's sheet) with where it starts, for messages.
public struct CSVField: Sendable, Equatable {
    public var text: String
    /// 1-based physical line where the cell starts; in a sheet, its row.
    public var line: Int
    /// 1-based character column where the cell starts; in a sheet, its column (1 = A).
    public var column: Int

    public init(_ text: String, line: Int, column: Int) {
        self.text = text
        self.line = line
        self.column = column
    }
}

/// A parsed CSV file, or one sheet of a workbook read as one (``XLSXReader``): the header row and the data rows,
/// blank rows removed.
public struct CSVTable: Sendable {
    public var file: String
    /// The delimiter found: `,`, `;` or a tab. For a sheet: `;` when its headers are Danish, else `,` (the
    /// dialect CSV outputs made from it use).
    public var delimiter: Character
    /// The encoding found, or ``workbookEncoding`` for a sheet.
    public var encoding: String
    public var header: [CSVField]
    public var rows: [[CSVField]]
    /// Line just after the last row, for messages about the file as a whole.
    public var endLine: Int
    /// The sheet the table was read from, or nil for a CSV file. Then fields' lines are rows and their columns
    /// Excel's columns, and messages name cells (`roster.xlsx:Ark1!C17`).
    public var sheet: String?

    public init(file: String, delimiter: Character, encoding: String, header: [CSVField], rows: [[CSVField]], endLine: Int,
                sheet: String? = nil) {
        self.file = file
        self.delimiter = delimiter
        self.encoding = encoding
        self.header = header
        self.rows = rows
        self.endLine = endLine
        self.sheet = sheet
    }

    /// ``encoding`` of a table read from a workbook.
    public static let workbookEncoding = "xlsx"

    /// How messages name the column at 0-based `index`: its number in a CSV file (`3`), its letters in a sheet (`C`).
    public func columnName(_ index: Int) -> String { sheet == nil ? String(index + 1) : CellAddress.columnName(index + 1) }

    /// `diagnostics` placed in this table's sheet (see ``Diagnostic/inSheet(_:of:)``); unchanged for a CSV file.
    public func locating(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        guard let sheet else { return diagnostics }
        return diagnostics.map { $0.inSheet(sheet, of: file) }
    }

    /// `error` with its diagnostics placed in this table's sheet.
    public func locating(_ error: DiagnosticError) -> DiagnosticError {
        var located = error
        located.diagnostics = locating(error.diagnostics)
        return located
    }
}
