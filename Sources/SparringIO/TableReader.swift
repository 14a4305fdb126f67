import Foundation
import SparringModel

/// Reads a roster or a side file, CSV or workbook, into a ``CSVTable``: what the file is decides how it is read
/// (its first bytes, not its name), so a workbook saved as `roster.csv` is still read as a workbook.
///
/// - A zip file is read as an Excel workbook (``XLSXReader``): the sheet named `sheet`, or the first one.
/// - An OLE compound file is an `.xls` or a password-protected workbook: refused with the way out.
/// - Anything else is CSV text (``CSVReader``).
public enum TableReader {
    /// Reads the table in the file at `path`.
    /// - Parameter sheet: the sheet to read when the file is a workbook (`--sheet`); naming a sheet of a CSV file
    ///   is an error.
    /// - Throws: ``DiagnosticError`` from the CSV or workbook reader, or for a missing, unreadable or too large file.
    /// - Complexity: O(bytes) plus the reader's own.
    /// - Parameter shouldStop: asked now and then while reading; `true` stops it (``ReadingStopped``).
    public static func read(path: String, sheet: String? = nil, shouldStop: @escaping @Sendable () -> Bool = { false }) throws(DiagnosticError) -> CSVTable {
        let bytes = try Self.bytes(path: path, limit: max(CSVReader.maximumBytes, XLSXReader.maximumPartBytes))
        if shouldStop() { throw ReadingStopped.error(path) }
        if XLSXReader.isWorkbook(bytes) {
            if let other = otherSpreadsheet(bytes) { throw DiagnosticError(.error(path, Message("input.\(other)"), hint: Message("input.\(other).hint"))) }
            return try XLSXReader.read(bytes: bytes, file: path, sheet: sheet, shouldStop: shouldStop)
        }
        if let sheet {
            throw DiagnosticError(.error(path, Message("xlsx.sheetOfCSV", .text(sheet)), hint: Message("xlsx.sheetOfCSV.hint")))
        }
        return try CSVReader.parse(bytes: bytes, file: path, maximumBytes: CSVReader.maximumBytes, maximumRows: CSVReader.maximumRows,
                                   shouldStop: shouldStop)
    }

    /// A zip file that is another program's spreadsheet, which Sparring does not read: `ods` for an
    /// OpenDocument spreadsheet (LibreOffice; its `mimetype` entry comes first and is stored as it is),
    /// `numbers` for an Apple Numbers document (its `Index/` parts); nil for anything else. O(bytes).
    static func otherSpreadsheet(_ bytes: [UInt8]) -> String? {
        if contains(bytes.prefix(256), Array("application/vnd.oasis.opendocument.spreadsheet".utf8)) { return "ods" }
        if contains(bytes[...], Array("Index/Document.iwa".utf8)) { return "numbers" }
        return nil
    }

    private static func contains(_ bytes: ArraySlice<UInt8>, _ pattern: [UInt8]) -> Bool {
        guard bytes.count >= pattern.count else { return false }
        var i = bytes.startIndex
        while i <= bytes.endIndex - pattern.count {
            if bytes[i] == pattern[0] && bytes[i..<(i + pattern.count)].elementsEqual(pattern) { return true }
            i += 1
        }
        return false
    }

    /// The bytes of the file at `path`, at most `limit` of them. The size is checked before the file is read,
    /// and again while reading (for pipes and growing files).
    /// - Throws: ``DiagnosticError`` for a missing file, a folder, an unreadable file or one above `limit`.
    /// - Complexity: O(bytes).
    static func bytes(path: String, limit: Int) throws(DiagnosticError) -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw DiagnosticError(.error(path, Message("csv.noSuchFile"), hint: Message("csv.noSuchFile.hint")))
        }
        guard !isDirectory.boolValue else {
            throw DiagnosticError(.error(path, Message("csv.folder"), hint: Message("csv.folder.hint")))
        }
        let unreadable = DiagnosticError(.error(path, Message("csv.unreadable"), hint: Message("csv.unreadable.hint")))
        let size = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
        guard size <= limit else { throw CSVReader.tooLarge(path, size: size, limit: limit) }
        guard let handle = FileHandle(forReadingAtPath: path) else { throw unreadable }
        defer { try? handle.close() }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(size)
        do {
            while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
                chunk.withUnsafeBytes { bytes.append(contentsOf: $0) }
                if bytes.count > limit { throw CSVReader.tooLarge(path, size: bytes.count, limit: limit) }
            }
        } catch let error as DiagnosticError {
            throw error
        } catch {
            throw unreadable
        }
        return bytes
    }
}
