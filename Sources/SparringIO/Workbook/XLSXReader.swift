import SparringModel

/// Reads one sheet of an Excel workbook (`.xlsx`) into the same ``CSVTable`` the CSV reader makes, so that every
/// loader reads a workbook exactly as it reads a CSV file. Each cell keeps its place: `line` is its row and
/// `column` its column (1 = A), and ``CSVTable/sheet`` names the sheet, so that problems read
/// `roster.xlsx:Ark1!C17: error: …`.
///
/// - The sheet: the one named (exactly, or else ignoring case and surrounding spaces), or the first visible
///   worksheet. A name the workbook does not have is an error that lists the sheets it has.
/// - Cells: as ``SheetReader`` shows them (the text a consultant sees in Excel). The header is the first row with
///   content; rows without content are left out, as blank lines of a CSV file are. Rows are as wide as the
///   header; a cell right of the header is kept (the roster then names its column as one without a header).
/// - Refused, with what to do instead: `.xls` files and password-protected workbooks (both are OLE compound
///   files), other zip files, damaged workbooks (cut off, bad checksums, XML that is not well formed, parts
///   missing), a part that unpacks to more than its budget (``expansion`` times the file, at most
///   ``maximumPartBytes``; zip bombs: refused from the declared size before any work, or as soon as unpacking
///   passes it), cells that show more text than ``textExpansion`` times the file (shared strings counted per
///   cell, by length: a few kilobytes pointing at one long string), more cells than ``cellsPerByte`` per byte,
///   a shared string longer than Excel's ``longestCell``, and sheets of more than ``maximumCells`` cells.
/// - Reading asks `shouldStop` every few thousand XML elements (Ctrl-C), and stops with ``ReadingStopped``.
///
/// - Complexity: O(size of the workbook.xml, shared strings, styles and sheet parts); memory about the sheet's
///   unpacked XML plus its cells.
public enum XLSXReader {
    /// The most bytes one part of a workbook may unpack to (a sheet of 30,000 leaders is about 10 MB).
    public static let maximumPartBytes = 200_000_000
    /// The most cells a sheet may make, counting the empty ones up to each row's last cell (about 600 MB).
    public static let maximumCells = 20_000_000
    /// Each part may unpack to at most this many times the workbook's own size (above ``minimumBudget``): a
    /// sheet's XML packs about 7 to 1 (30,000 leaders: 11 MB of XML in a 1.5 MB workbook), so this leaves room
    /// for sheets that pack better while a small file can no longer unpack to hundreds of megabytes.
    public static let expansion = 40
    /// The budget of a small workbook's parts: 16 MB.
    public static let minimumBudget = 16_000_000
    /// The cells of the sheet may show at most this many times the workbook's size in text (above
    /// ``minimumTextBudget``), shared strings counted once per cell that shows them: 30,000 leaders show 2.7 MB
    /// from 1.5 MB, while a few kilobytes whose cells all show one long shared string would show gigabytes.
    public static let textExpansion = 8
    /// The text budget of a small workbook: 4 MB.
    public static let minimumTextBudget = 4_000_000
    /// The cells with content a sheet may have per byte of the workbook (above ``minimumCellBudget``): 30,000
    /// leaders are 360,000 cells in 1.5 MB, a quarter of a cell per byte.
    public static let cellsPerByte = 1
    /// The cell budget of a small workbook.
    public static let minimumCellBudget = 250_000

    /// The most cells with content a sheet of the workbook in `bytes` may have.
    static func cellBudget(_ bytes: [UInt8], maximumCells: Int) -> Int {
        min(maximumCells, max(minimumCellBudget, cellsPerByte.multipliedReportingOverflow(by: bytes.count).partialValue))
    }
    /// The most characters a cell can hold in Excel; a longer shared string did not come from Excel.
    public static let longestCell = 32_767

    /// The most bytes one part of the workbook in `bytes` may unpack to, and its sheet's cells may hold.
    static func budget(_ bytes: [UInt8], partLimit: Int) -> Int {
        min(partLimit, max(minimumBudget, expansion.multipliedReportingOverflow(by: bytes.count).partialValue))
    }

    /// The most text (UTF-8 bytes) the cells of a sheet of the workbook in `bytes` may show.
    static func textBudget(_ bytes: [UInt8], partLimit: Int) -> Int {
        min(partLimit, max(minimumTextBudget, textExpansion.multipliedReportingOverflow(by: bytes.count).partialValue))
    }

    /// Whether `bytes` start like a zip file (an `.xlsx` is one) or an OLE compound file (`.xls`, or a workbook
    /// with a password to open it): such files are read here, not as CSV text.
    public static func isWorkbook(_ bytes: [UInt8]) -> Bool {
        bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) || bytes.starts(with: [0x50, 0x4B, 0x05, 0x06]) || LegacyOffice.isCompoundFile(bytes)
    }

    /// Reads the sheet named `sheet` (or the first visible worksheet) of the workbook in `bytes`.
    /// - Parameter file: the path as the user gave it, for messages.
    /// - Throws: ``DiagnosticError``: with the workbook's problem and the way out, or with every cell that must be
    ///   fixed (a formula without a saved result, an error value), located by sheet and cell.
    /// - Parameter shouldStop: asked now and then; `true` stops the reading (``ReadingStopped``).
    public static func read(bytes: [UInt8], file: String, sheet: String? = nil,
                            shouldStop: @escaping @Sendable () -> Bool = { false }) throws(DiagnosticError) -> CSVTable {
        try read(bytes: bytes, file: file, sheet: sheet, partLimit: budget(bytes, partLimit: maximumPartBytes), maximumCells: maximumCells,
                 shouldStop: shouldStop)
    }

    /// The names of the workbook's worksheets, in tab order. - Throws: as ``read(bytes:file:sheet:)``.
    public static func sheetNames(bytes: [UInt8], file: String) throws(DiagnosticError) -> [String] {
        let package = try open(bytes, file: file, partLimit: budget(bytes, partLimit: maximumPartBytes))
        return package.sheets.filter(\.isWorksheet).map(\.name)
    }

    /// ``read(bytes:file:sheet:)`` with other limits, so that tests need not build 200 MB.
    static func read(bytes: [UInt8], file: String, sheet: String?, partLimit: Int, maximumCells: Int,
                     maximumRows: Int = CSVReader.maximumRows, textLimit: Int? = nil,
                     shouldStop: @escaping @Sendable () -> Bool = { false }) throws(DiagnosticError) -> CSVTable {
        let package = try open(bytes, file: file, partLimit: partLimit)
        let chosen = try choose(sheet, in: package, file: file)
        do {
            guard let part = chosen.part else { throw WorkbookFailure.missingPart("sheet \(chosen.name)") }
            let strings = try package.sharedStrings(shouldStop: shouldStop)
            if shouldStop() { throw WorkbookFailure.stopped }
            var reader = SheetReader(part: part, sharedStrings: strings.texts, formats: try package.numberFormats(),
                                     date1904: package.date1904, maximumRows: maximumRows)
            reader.sharedLengths = strings.lengths
            reader.textLimit = textLimit ?? textBudget(bytes, partLimit: partLimit)
            reader.cellLimit = cellBudget(bytes, maximumCells: maximumCells)
            reader.sheetName = chosen.name
            reader.shouldStop = shouldStop
            let (rows, problems, problemCount) = try reader.read(try package.part(part), languageOfHeader: { Language.of(headers: $0) })
            guard let header = rows.first else { throw WorkbookFailure.emptySheet(chosen.name) }
            let language = Language.of(headers: header.cells.map(\.text))
            if !problems.isEmpty {
                var diagnostics = problems.map { problem in
                    Diagnostic(.error, file: file, line: problem.row, column: problem.column, problem.message, hint: problem.hint)
                }
                if problemCount > problems.count {
                    diagnostics.append(.error(file, Message("xlsx.moreCellProblems", .int(problemCount - problems.count)),
                                              hint: Message("xlsx.formulaWithoutValue.hint")))
                }
                throw DiagnosticError(diagnostics.map { $0.inSheet(chosen.name, of: file) }, language: language)
            }
            return try table(rows, file: file, sheet: chosen.name, language: language, maximumCells: maximumCells)
        } catch let error as DiagnosticError {
            throw error
        } catch let failure as WorkbookFailure {
            throw DiagnosticError(diagnostic(failure, file: file, package: package, partLimit: partLimit))
        } catch {
            throw DiagnosticError(diagnostic(.notWorkbook, file: file, package: package))
        }
    }

    // MARK: Steps

    /// The package, or the reason it cannot be opened: an OLE file (`.xls`, encrypted), not a zip, damaged.
    private static func open(_ bytes: [UInt8], file: String, partLimit: Int) throws(DiagnosticError) -> WorkbookPackage {
        if LegacyOffice.isCompoundFile(bytes) {
            let encrypted = LegacyOffice.isEncryptedPackage(bytes)
            throw DiagnosticError(.error(file, Message(encrypted ? "xlsx.encrypted" : "xlsx.legacy"),
                                         hint: Message(encrypted ? "xlsx.encrypted.hint" : "xlsx.legacy.hint")))
        }
        do throws(WorkbookFailure) {
            let archive: ZipArchive
            do { archive = try ZipArchive(bytes: bytes) } catch { throw WorkbookFailure.zip(error) }
            return try WorkbookPackage(archive: archive, partLimit: partLimit)
        } catch {
            throw DiagnosticError(diagnostic(error, file: file, package: nil, partLimit: partLimit))
        }
    }

    /// The sheet named `name`, or the first visible worksheet.
    private static func choose(_ name: String?, in package: WorkbookPackage, file: String) throws(DiagnosticError) -> WorkbookPackage.Sheet {
        let worksheets = package.sheets.filter(\.isWorksheet)
        guard let first = worksheets.first(where: { !$0.isHidden }) ?? worksheets.first else {
            throw DiagnosticError(diagnostic(.noWorksheets, file: file, package: package))
        }
        guard let name else { return first }
        if let exact = worksheets.first(where: { $0.name == name }) { return exact }
        let loose = worksheets.filter { $0.name.trimmingSpaces().lowercased() == name.trimmingSpaces().lowercased() }
        if loose.count == 1 { return loose[0] }
        throw DiagnosticError(diagnostic(.noSuchSheet(name), file: file, package: package))
    }

    /// The rows as a table: the header as wide as the widest row, each row at least as wide as the header's
    /// last named column, gaps filled with empty cells at their own places.
    private static func table(_ rows: [SheetReader.Row], file: String, sheet: String, language: Language,
                              maximumCells: Int) throws(WorkbookFailure) -> CSVTable {
        let named = rows[0].cells.last?.column ?? 0
        let widest = rows.map { $0.cells.last?.column ?? 0 }.max() ?? 0
        var total = widest
        for row in rows.dropFirst() {
            total += max(named, row.cells.last?.column ?? 0)
            if total > maximumCells { throw .tooManyCells(sheet, maximumCells) }
        }
        func dense(_ row: SheetReader.Row, width: Int) -> [CSVField] {
            var fields: [CSVField] = []
            fields.reserveCapacity(width)
            for cell in row.cells {
                while fields.count + 1 < cell.column { fields.append(CSVField("", line: row.number, column: fields.count + 1)) }
                fields.append(CSVField(cell.text, line: row.number, column: cell.column))
            }
            while fields.count < width { fields.append(CSVField("", line: row.number, column: fields.count + 1)) }
            return fields
        }
        return CSVTable(file: file, delimiter: language == .da ? ";" : ",", encoding: CSVTable.workbookEncoding,
                        header: dense(rows[0], width: widest), rows: rows.dropFirst().map { dense($0, width: named) },
                        endLine: (rows.last?.number ?? 0) + 1, sheet: sheet)
    }

    // MARK: Messages

    /// The diagnostic for a workbook that cannot be read, with the way out.
    /// - Parameter partLimit: the limit a part was held to (``maximumPartBytes`` outside tests).
    static func diagnostic(_ failure: WorkbookFailure, file: String, package: WorkbookPackage?, partLimit: Int = maximumPartBytes) -> Diagnostic {
        let damagedHint = Message("xlsx.damaged.hint")
        func damaged(_ what: Message) -> Diagnostic { .error(file, Message("xlsx.damaged", .message(what)), hint: damagedHint) }
        let sheetList = Message.Argument.commaSeparated((package?.sheets.filter(\.isWorksheet) ?? []).map { .quoted($0.name) })
        switch failure {
        case .notWorkbook:
            return .error(file, Message("xlsx.notWorkbook"), hint: Message("xlsx.notWorkbook.hint"))
        case .zip(let problem):
            switch problem {
            case .notZip: return .error(file, Message("xlsx.notWorkbook"), hint: Message("xlsx.notWorkbook.hint"))
            case .truncated: return damaged(Message("xlsx.damaged.truncated"))
            case .badDirectory: return damaged(Message("xlsx.damaged.directory"))
            case .unsupportedMethod(let part, let method): return damaged(Message("xlsx.damaged.method", .text(part), .int(Int(method))))
            case .encryptedEntry(let part): return damaged(Message("xlsx.damaged.zipPassword", .text(part)))
            case .corrupt(let part): return damaged(Message("xlsx.damaged.part", .text(part)))
            case .checksum(let part): return damaged(Message("xlsx.damaged.checksum", .text(part)))
            case .tooLarge(let part, let declared):
                return .error(file, Message("xlsx.partTooLarge", .text(part), .message(CSVReader.sizeMessage(declared)),
                                            .message(CSVReader.sizeMessage(partLimit))),
                              hint: Message("xlsx.partTooLarge.hint"))
            }
        case .missingPart(let part):
            return damaged(Message("xlsx.damaged.missing", .text(part)))
        case .badXML(let part, let failure):
            let detail = switch failure.kind {
            case .unexpectedEnd: Message("xlsx.xml.unexpectedEnd")
            case .mismatchedTag: Message("xlsx.xml.mismatchedTag")
            case .syntax: Message("xlsx.xml.syntax")
            case .documentType: Message("xlsx.xml.documentType")
            case .unknownEntity: Message("xlsx.xml.unknownEntity")
            case .tooDeep: Message("xlsx.xml.tooDeep")
            }
            return damaged(Message("xlsx.damaged.xml", .text(part), .int(failure.offset), .message(detail)))
        case .badCellReference(let reference):
            return damaged(Message("xlsx.damaged.cellReference", .quoted(reference)))
        case .rowsOutOfOrder(let row):
            return damaged(Message("xlsx.damaged.rowOrder", .int(row)))
        case .noSharedString(let index, let cell):
            return damaged(Message("xlsx.damaged.sharedString", .text(cell), .int(index)))
        case .noWorksheets:
            return .error(file, Message("xlsx.noSheets"), hint: Message("xlsx.noSheets.hint"))
        case .noSuchSheet(let name):
            let example = package?.sheets.first(where: \.isWorksheet)?.name ?? "Ark1"
            return .error(file, Message("xlsx.noSuchSheet", .quoted(name), sheetList), hint: Message("xlsx.noSuchSheet.hint", .text(example)))
        case .emptySheet(let name):
            return .error(file, Message("xlsx.emptySheet", .quoted(name)), hint: Message("xlsx.emptySheet.hint", sheetList))
        case .tooManyCells(let name, let limit):
            return .error(file, Message("xlsx.tooManyCells", .quoted(name), .int(limit)), hint: Message("xlsx.tooManyCells.hint"))
        case .tooManyRows(let limit):
            return .error(file, Message("csv.tooManyRows", .int(limit)), hint: Message("csv.tooManyRows.hint"))
        case .tooMuchText(let name, let limit):
            return .error(file, Message("input.xlsx.tooMuchText", .quoted(name), .message(CSVReader.sizeMessage(limit))),
                          hint: Message("input.xlsx.tooMuchText.hint"))
        case .stringTooLong(let index, _):
            return .error(file, Message("input.xlsx.stringTooLong", .int(index), .int(longestCell)),
                          hint: Message("input.xlsx.tooMuchText.hint"))
        case .stopped:
            return .error(file, Message(ReadingStopped.key))
        }
    }
}
