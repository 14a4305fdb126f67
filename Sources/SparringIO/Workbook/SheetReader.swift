import SparringModel

/// Reads one worksheet part into rows of cell texts with their places, in one pass over its XML.
///
/// Each cell becomes the text a consultant sees in Excel: shared and inline strings as they are, numbers and
/// dates through the cell's number format (``NumberFormat``), booleans as `TRUE`/`FALSE` (`SAND`/`FALSK`), the
/// cached value of a formula. Cells without a value and rows without content are left out; a row's gaps
/// (the `r="C17"` references skip columns) are empty cells at their own columns. Problems a consultant must fix
/// in the sheet — a formula without a saved result, an error value such as `#N/A` — are collected with their
/// cells, all of them, rather than stopping at the first.
///
/// - Complexity: O(part size); memory O(cells with content) plus the gaps up to each row's last cell.
struct SheetReader {
    /// One row with content: its number and its cells, by column (1 = A), ascending.
    struct Row {
        var number: Int
        var cells: [(column: Int, text: String)]
    }

    /// A problem at one cell (row, column), as a catalogue message with its hint.
    struct CellProblem: Equatable {
        var row: Int
        var column: Int
        var message: Message
        var hint: Message
    }

    /// The most problems collected before reading stops listing them (the count is still kept).
    static let listedProblems = 100
    /// Excel's largest sheet: 1,048,576 rows × 16,384 columns (XFD).
    static let maximumRow = 1_048_576, maximumColumn = 16_384

    let part: String
    let sharedStrings: [String]
    /// Number formats by style index, per language (see ``WorkbookPackage/numberFormats()``).
    let formats: [Language: [NumberFormat]]
    let date1904: Bool
    let maximumRows: Int
    /// Each shared string's length in UTF-8 bytes: a cell that shows one adds this to the sheet's text.
    var sharedLengths: [Int] = []
    /// The most text (UTF-8 bytes) the sheet's cells may show together; shared strings count once per cell.
    var textLimit = Int.max
    /// The most cells with content the sheet may have.
    var cellLimit = Int.max
    /// The sheet's name, for messages.
    var sheetName = ""
    /// Asked every few thousand XML elements: `true` stops the reading.
    var shouldStop: () -> Bool = { false }

    init(part: String, sharedStrings: [String], formats: [Language: [NumberFormat]], date1904: Bool, maximumRows: Int) {
        self.part = part
        self.sharedStrings = sharedStrings
        self.formats = formats
        self.date1904 = date1904
        self.maximumRows = maximumRows
    }

    /// The rows with content, and the cells that need fixing.
    /// - Parameter languageOfHeader: the language read from the first row with content; later rows show numbers
    ///   with its decimal mark and month names.
    /// - Throws: ``WorkbookFailure`` for XML that is not well formed, cell references that name no cell, rows out
    ///   of order, a shared string that does not exist, or more rows than `maximumRows`.
    func read(_ bytes: [UInt8], languageOfHeader: ([String]) -> Language) throws(WorkbookFailure) -> (rows: [Row], problems: [CellProblem], problemCount: Int) {
        var scanner = XMLScanner(bytes)
        var rows: [Row] = []
        var problems: [CellProblem] = []
        var problemCount = 0
        var language = Language.en
        var headerSeen = false

        // The row being read.
        var rowNumber = 0, lastColumn = 0
        var cells: [(column: Int, text: String)] = []
        // The cell being read.
        var column = 0, style = 0, kind = CellKind.number
        var hasValue = false, hasFormula = false, inCell = false, inInline = false
        var collecting: Collecting = .none
        var value: [UInt8] = [], formula: [UInt8] = []
        var text = 0, steps = 0, cellCount = 0

        func problem(_ message: Message, _ hint: Message) {
            problemCount += 1
            if problems.count < Self.listedProblems { problems.append(CellProblem(row: rowNumber, column: column, message: message, hint: hint)) }
        }

        var table = formats[language] ?? []
        func formatted(_ number: Double) -> String {
            let format = style < table.count ? table[style] : .general
            return format.render(number, language: language, date1904: date1904)
        }

        /// The cell's text, or nil when it shows nothing.
        func finishCell() throws(WorkbookFailure) -> String? {
            if hasFormula && (!hasValue || (value.isEmpty && kind != .formulaString && kind != .sharedString && kind != .inlineString)) {
                let text = String(decoding: formula.prefix(200), as: UTF8.self)
                problem(Message("xlsx.formulaWithoutValue", .text(text)), Message("xlsx.formulaWithoutValue.hint"))
                return nil
            }
            switch kind {
            case .inlineString:
                return WorkbookPackage.unescapedText(value)
            case .sharedString:
                guard hasValue else { return nil }
                let digits = Self.trimmed(value)
                guard let index = Self.integer(value, digits), index < sharedStrings.count else {
                    throw .noSharedString(Self.integer(value, digits) ?? -1, cell: CellAddress.columnName(column) + String(rowNumber))
                }
                text += index < sharedLengths.count ? sharedLengths[index] : sharedStrings[index].utf8.count
                if text > textLimit { throw .tooMuchText(sheetName, textLimit) }
                return sharedStrings[index]
            case .formulaString:
                return hasValue ? WorkbookPackage.unescapedText(value) : nil
            case .boolean:
                guard hasValue else { return nil }
                let isTrue = Self.trimmed(value).count == 1 && value[Self.trimmed(value).lowerBound] == 0x31
                return language == .da ? (isTrue ? "SAND" : "FALSK") : (isTrue ? "TRUE" : "FALSE")
            case .error:
                guard hasValue else { return nil }
                problem(Message("xlsx.errorValue", .text(String(decoding: value.prefix(40), as: UTF8.self))), Message("xlsx.errorValue.hint"))
                return nil
            case .isoDate:
                guard hasValue else { return nil }
                let text = String(decoding: value, as: UTF8.self).trimmingSpaces()
                guard let serial = Self.serial(isoDate: text) else { return text }
                let format = style < table.count && table[style].isDate ? table[style] : NumberFormat.builtIn(14, language: language)
                return format.render(serial, language: language, date1904: false)
            case .number:
                guard hasValue else { return nil }
                let digits = Self.trimmed(value)
                if digits.isEmpty { return nil }
                let text = String(decoding: value[digits], as: UTF8.self)
                guard let number = Double(text) else { return text }
                return formatted(number)
            }
        }

        func finishRow() throws(WorkbookFailure) {
            defer { cells.removeAll(keepingCapacity: true) }
            guard cells.contains(where: { !$0.text.allSatisfy(\.isWhitespace) }) else { return }
            guard rows.count <= maximumRows else { throw .tooManyRows(maximumRows) }
            if !cells.indices.dropFirst().allSatisfy({ cells[$0 - 1].column < cells[$0].column }) {
                // Out of order within a row (no producer does this, but it is not wrong): sort, the later one wins.
                var byColumn: [Int: String] = [:]
                for cell in cells { byColumn[cell.column] = cell.text }
                cells = byColumn.keys.sorted().map { ($0, byColumn[$0]!) }
            }
            cellCount += cells.count
            if cellCount > cellLimit { throw .tooManyCells(sheetName, cellLimit) }
            rows.append(Row(number: rowNumber, cells: cells))
            if !headerSeen {
                headerSeen = true
                language = languageOfHeader(cells.map(\.text))
                table = formats[language] ?? []
            }
        }

        do {
            while true {
                steps += 1
                if steps & 0xFFF == 0 && shouldStop() { throw WorkbookFailure.stopped }
                switch try scanner.next() {
                case .start:
                    if inCell {
                        if scanner.isNamed("v") {
                            collecting = .value
                            hasValue = true
                        } else if scanner.isNamed("f") {
                            collecting = .formula
                            hasFormula = true
                        } else if scanner.isNamed("is") {
                            inInline = true
                            hasValue = true
                        } else if inInline && scanner.isNamed("t") {
                            collecting = .value
                        } else if inInline && scanner.isNamed("r") {
                            continue
                        } else {
                            try scanner.skipElement()
                        }
                    } else if scanner.isNamed("c") {
                        inCell = true
                        (hasValue, hasFormula, inInline, collecting) = (false, false, false, .none)
                        value.removeAll(keepingCapacity: true)
                        formula.removeAll(keepingCapacity: true)
                        if let range = scanner.attributeRange("r") {
                            guard let (c, r) = Self.cellReference(scanner.bytes, range), r == rowNumber || rowNumber == 0 else {
                                throw WorkbookFailure.badCellReference(String(decoding: scanner.bytes[range].prefix(20), as: UTF8.self))
                            }
                            column = c
                        } else {
                            column = lastColumn + 1
                        }
                        guard column <= Self.maximumColumn else { throw WorkbookFailure.badCellReference(CellAddress.columnName(column) + "\(rowNumber)") }
                        lastColumn = column
                        style = scanner.attributeRange("s").flatMap { Self.integer(scanner.bytes, $0) } ?? 0
                        kind = scanner.attributeRange("t").map { CellKind(scanner.bytes[$0]) } ?? .number
                    } else if scanner.isNamed("row") {
                        var number = rowNumber + 1
                        if let range = scanner.attributeRange("r") {
                            guard let given = Self.integer(scanner.bytes, range), given >= 1, given <= Self.maximumRow else {
                                let text = String(decoding: scanner.bytes[range].prefix(20), as: UTF8.self)
                                throw WorkbookFailure.badCellReference("\(text):\(text)")
                            }
                            number = given
                        }
                        guard number > rowNumber else { throw WorkbookFailure.rowsOutOfOrder(number) }
                        rowNumber = number
                        lastColumn = 0
                    } else if scanner.depth > 1 && !scanner.isNamed("sheetData") {
                        // Columns, views, merged cells, conditional formats…: not needed.
                        try scanner.skipElement()
                    }
                case .text:
                    switch collecting {
                    case .value: try scanner.appendText(to: &value)
                    case .formula: if formula.count < 1_000 { try scanner.appendText(to: &formula) }
                    case .none: break
                    }
                case .end:
                    if inCell {
                        if scanner.isNamed("c") {
                            inCell = false
                            if let shown = try finishCell() {
                                if kind != .sharedString {
                                    text += shown.utf8.count
                                    if text > textLimit { throw WorkbookFailure.tooMuchText(sheetName, textLimit) }
                                }
                                cells.append((column, shown))
                            }
                        } else if scanner.isNamed("v") || scanner.isNamed("f") || scanner.isNamed("t") {
                            collecting = .none
                        } else if scanner.isNamed("is") {
                            inInline = false
                        }
                    } else if scanner.isNamed("row") {
                        try finishRow()
                    }
                case .finish:
                    return (rows, problems, problemCount)
                }
            }
        } catch let failure as XMLScanner.Failure {
            throw .badXML(part, failure)
        } catch let failure as WorkbookFailure {
            throw failure
        } catch {
            throw .badXML(part, XMLScanner.Failure(kind: .syntax, offset: 0))
        }
    }

    /// What a cell's `t` attribute says its value is.
    enum CellKind {
        case number, sharedString, inlineString, formulaString, boolean, error, isoDate

        /// From the attribute's bytes, without making a string (this runs for every cell).
        init(_ t: ArraySlice<UInt8>) {
            guard let first = t.first else { self = .number; return }
            switch (first, t.count) {
            case (0x73, 1): self = .sharedString                                              // s
            case (0x73, 3) where t.elementsEqual("str".utf8): self = .formulaString
            case (0x69, 9) where t.elementsEqual("inlineStr".utf8): self = .inlineString
            case (0x62, 1): self = .boolean                                                   // b
            case (0x65, 1): self = .error                                                     // e
            case (0x64, 1): self = .isoDate                                                   // d
            default: self = .number
            }
        }
    }

    private enum Collecting { case none, value, formula }

    // MARK: Parsing attribute bytes

    /// `C17` → (3, 17); `$C$17` too. Nil for anything else or a cell outside Excel's sheet.
    static func cellReference(_ bytes: [UInt8], _ range: Range<Int>) -> (column: Int, row: Int)? {
        var p = range.lowerBound
        if p < range.upperBound && bytes[p] == 0x24 { p += 1 }
        var column = 0, letters = 0
        while p < range.upperBound {
            let byte = bytes[p] | 0x20
            guard byte >= 0x61 && byte <= 0x7A else { break }
            column = column * 26 + Int(byte - 0x60)
            letters += 1
            p += 1
            if letters > 3 { return nil }
        }
        if p < range.upperBound && bytes[p] == 0x24 { p += 1 }
        guard letters > 0, let row = integer(bytes, p..<range.upperBound), row >= 1, row <= maximumRow, column <= maximumColumn else { return nil }
        return (column, row)
    }

    /// `bytes` without leading and trailing XML white space, as a range.
    static func trimmed(_ bytes: [UInt8]) -> Range<Int> {
        var start = 0, end = bytes.count
        while start < end && (bytes[start] == 0x20 || bytes[start] == 0x0A || bytes[start] == 0x0D || bytes[start] == 0x09) { start += 1 }
        while end > start && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D || bytes[end - 1] == 0x09) { end -= 1 }
        return start..<end
    }

    /// A non-negative decimal integer of at most 9 digits, or nil.
    static func integer(_ bytes: [UInt8], _ range: Range<Int>) -> Int? {
        guard !range.isEmpty, range.count <= 9 else { return nil }
        var n = 0
        for p in range {
            let byte = bytes[p]
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            n = n * 10 + Int(byte - 0x30)
        }
        return n
    }

    /// The serial of an ISO 8601 date or date-time (`2024-03-01`, `2024-03-01T09:30:00`), or nil.
    static func serial(isoDate text: String) -> Double? {
        let parts = text.split(separator: "T", maxSplits: 1)
        guard let datePart = parts.first else { return nil }
        let date = datePart.split(separator: "-").compactMap { Int($0) }
        guard date.count == 3, (1...12).contains(date[1]), (1...31).contains(date[2]), (1900...9999).contains(date[0]) else { return nil }
        var seconds = 0
        if parts.count == 2 {
            let time = parts[1].prefix { $0 != "Z" && $0 != "+" }.split(separator: ":").map { Double($0) ?? 0 }
            seconds = Int(((time.first ?? 0) * 3600 + (time.count > 1 ? time[1] * 60 : 0) + (time.count > 2 ? time[2] : 0)).rounded())
        }
        return ExcelDate.serial(year: date[0], month: date[1], day: date[2], seconds: seconds)
    }
}
