import Foundation
import SparringModel

/// A short plain-text file a person wrote (e.g. `--next-steps`), read in any encoding Excel or Notepad saves:
/// UTF-8 with or without BOM, UTF-16, Windows-1252 (see ``TextDecoding``).
public enum TextFile {
    /// The most bytes read: a few pages of text.
    public static let maximumBytes = 200_000

    /// - Returns: the text with line breaks as "\n".
    /// - Throws: ``DiagnosticError`` for a missing, unreadable, too large, binary or misencoded file.
    /// - Complexity: O(bytes).
    public static func read(path: String) throws(DiagnosticError) -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw DiagnosticError(.error(path, Message("csv.noSuchFile"), hint: Message("csv.noSuchFile.hint")))
        }
        guard !isDirectory.boolValue else { throw DiagnosticError(.error(path, Message("csv.folder"), hint: Message("csv.folder.hint"))) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DiagnosticError(.error(path, Message("csv.unreadable"), hint: Message("csv.unreadable.hint")))
        }
        guard data.count <= maximumBytes else {
            throw DiagnosticError(.error(path, Message("textFile.tooLarge", .int(data.count), .int(maximumBytes)), hint: Message("textFile.tooLarge.hint")))
        }
        let text = try TextDecoding.decode([UInt8](data), file: path)
        let decoded = String(decoding: text.bytes[text.start...], as: UTF8.self)
        return decoded.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }
}
