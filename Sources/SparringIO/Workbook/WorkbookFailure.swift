/// Why a workbook cannot be read; turned into a diagnostic by ``XLSXReader``.
enum WorkbookFailure: Error, Equatable {
    case notWorkbook
    case zip(ZipArchive.Problem)
    case missingPart(String)
    case badXML(String, XMLScanner.Failure)
    /// A cell reference that names no cell, with the part.
    case badCellReference(String)
    /// A row number lower than or equal to the row before it.
    case rowsOutOfOrder(Int)
    /// A shared string index beyond the table, at a cell.
    case noSharedString(Int, cell: String)
    case noWorksheets
    case noSuchSheet(String)
    case emptySheet(String)
    /// More cells than the limit, in the sheet named.
    case tooManyCells(String, Int)
    /// More rows below the header than the limit.
    case tooManyRows(Int)
    /// The sheet's cells hold more text than the limit (shared strings counted once per cell that shows them).
    case tooMuchText(String, Int)
    /// A shared string longer than Excel allows in a cell: its index and length.
    case stringTooLong(Int, Int)
    /// Reading was stopped on request (Ctrl-C).
    case stopped
}
