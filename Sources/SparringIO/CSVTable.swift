import SparringModel

/// One cell of a CSV file with where it starts, for messages.
public struct CSVField: Sendable, Equatable {
    public var text: String
    /// 1-based physical line where the cell starts.
    public var line: Int
    /// 1-based character column where the cell starts.
    public var column: Int

    public init(_ text: String, line: Int, column: Int) {
        self.text = text
        self.line = line
        self.column = column
    }
}

/// A parsed CSV file: the header row and the data rows, blank rows removed.
public struct CSVTable: Sendable {
    public var file: String
    /// The delimiter found: `,`, `;` or a tab.
    public var delimiter: Character
    public var encoding: String
    public var header: [CSVField]
    public var rows: [[CSVField]]
    /// Line just after the last row, for messages about the file as a whole.
    public var endLine: Int
}
