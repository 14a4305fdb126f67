import SparringModel

/// A workbook to write (see ``XLSXWriter``): sheets, each a bold header row and rows of typed cells.
public struct Workbook: Sendable, Equatable {
    /// One cell's value: text (kept exactly, even `007` or `=SUM(A1)`), a number, or nothing.
    public enum Cell: Sendable, Equatable {
        case text(String)
        case number(Double)
        case empty
    }

    /// One sheet: a header row (frozen, bold) and rows below it.
    public struct Sheet: Sendable, Equatable {
        /// The tab's name (at most 31 characters, none of `[]:*?/\`; ``XLSXWriter`` makes it so).
        public var name: String
        public var header: [String]
        public var rows: [[Cell]]
        /// Columns (0-based) formatted as text, so that what is typed into them later stays text (ids, phone
        /// numbers: Excel would drop a leading zero from a General cell).
        public var textColumns: Set<Int>
        /// Per column (0-based), the values a cell below the header may take, offered as a drop-down list (Excel's
        /// data validation; another value is refused with a message). Their total length must stay within 255.
        public var choices: [Int: [String]] = [:]

        public init(name: String, header: [String], rows: [[Cell]], textColumns: Set<Int> = []) {
            self.name = name
            self.header = header
            self.rows = rows
            self.textColumns = textColumns
        }
    }

    public var sheets: [Sheet]

    public init(sheets: [Sheet]) { self.sheets = sheets }

    /// A column of texts as cells: all numbers, or all text. Numbers when every non-empty value is a plain number
    /// (`12`, `-3`, `3,5`, `0.25`: no leading zero, `+`, spaces, exponent or thousands separator) with fewer than
    /// eight digits before the decimal mark, and the column is not `text`. Anything else stays text, exactly as
    /// written: ids with leading zeros (`007`), phone numbers (`+45 12 34 56 78`, `12345678`), CPR and other long
    /// codes, postal codes written `0800`.
    /// - Parameter text: the column holds ids or names (decided by its header), so it is text whatever it holds.
    /// - Complexity: O(total length of the values).
    public static func cells(column values: [String], text: Bool) -> (cells: [Cell], isText: Bool) {
        let numeric = !text && values.contains { !$0.isEmpty } && values.allSatisfy { $0.isEmpty || plainNumber($0) != nil }
        let cells: [Cell] = values.map { value in
            if value.isEmpty { return .empty }
            if numeric, let number = plainNumber(value) { return .number(number) }
            return .text(value)
        }
        return (cells, !numeric)
    }

    /// The value of a plain number (see ``cells(column:text:)``), or nil. O(length), no allocation for short text.
    static func plainNumber(_ text: String) -> Double? {
        var text = text
        return text.withUTF8 { plainNumber($0) }
    }

    private static func plainNumber(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        guard bytes.count <= 24 else { return nil }
        var i = 0
        if i < bytes.count && bytes[i] == 0x2D { i += 1 }
        let integerStart = i
        while i < bytes.count && bytes[i] >= 0x30 && bytes[i] <= 0x39 { i += 1 }
        let integerDigits = i - integerStart
        guard integerDigits >= 1, integerDigits <= 7, !(integerDigits > 1 && bytes[integerStart] == 0x30) else { return nil }
        if i < bytes.count {
            guard bytes[i] == 0x2C || bytes[i] == 0x2E else { return nil }
            i += 1
            let fractionStart = i
            while i < bytes.count && bytes[i] >= 0x30 && bytes[i] <= 0x39 { i += 1 }
            guard i == bytes.count, i > fractionStart, integerDigits + i - fractionStart <= 15 else { return nil }
        }
        // Checked above: digits with at most one decimal mark; Double reads it with a point.
        return Double(String(decoding: bytes.map { $0 == 0x2C ? 0x2E : $0 }, as: UTF8.self))
    }
}
