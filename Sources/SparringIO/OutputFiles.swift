import Foundation
import SparringModel

/// A run's output files, checked before the search and written all or nothing.
///
/// Before the search: each output's folder exists and may be written, no output is an input (compared as
/// real paths, so `./`, `..` and symbolic links do not hide it, and by device and inode, so a hard link does
/// not either), and no two outputs share a file. After the search: every file is rendered first, written to a
/// temporary file in its own folder (`.NAME.sparring-partial`), and only when all are written are they renamed
/// into place; if any write fails, every temporary file is removed and every old output stays as it was.
public enum OutputFiles {
    /// One output: the option that names it (for messages) and its path.
    public struct Output: Sendable {
        public let option: String
        public let path: String

        public init(option: String, path: String) {
            self.option = option
            self.path = path
        }
    }

    /// The temporary file an output is written to before it is renamed into place: hidden, in the same folder
    /// (so the rename is atomic), and recognisable, so that a later run can remove one left by a killed run.
    public static func temporaryPath(for path: String) -> String {
        let url = URL(fileURLWithPath: path)
        return url.deletingLastPathComponent().appendingPathComponent("." + url.lastPathComponent + ".sparring-partial").path
    }

    /// The file's identity: its real path (symbolic links, `.` and `..` resolved) and, when it exists, its
    /// device and inode (hard links share them).
    static func identity(_ path: String) -> (real: String, inode: (UInt64, UInt64)?) {
        let real = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        var info = stat()
        let inode = stat(path, &info) == 0 ? (UInt64(info.st_dev), UInt64(info.st_ino)) : nil
        return (real, inode)
    }

    /// Every problem that would make writing `outputs` fail or destroy an input, each with the path and a
    /// hint; empty when all is well. Touches nothing. O(outputs · inputs).
    public static func check(_ outputs: [Output], inputs: [String]) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        let inputIdentities = inputs.map { (path: $0, id: identity($0)) }
        var seen: [(output: Output, id: (real: String, inode: (UInt64, UInt64)?))] = []
        for output in outputs {
            let id = identity(output.path)
            func same(_ other: (real: String, inode: (UInt64, UInt64)?)) -> Bool {
                if id.real == other.real { return true }
                if let a = id.inode, let b = other.inode { return a == b }
                return false
            }
            if let input = inputIdentities.first(where: { same($0.id) }) {
                problems.append(.error(output.path, Message("output.overwritesInput", .text(output.option), .text(input.path)),
                                       hint: Message("output.overwritesInput.hint")))
                continue
            }
            if let earlier = seen.first(where: { same($0.id) }) {
                problems.append(.error(output.path, Message("output.sameFile", .text(output.option), .text(earlier.output.option)),
                                       hint: Message("output.sameFile.hint")))
                continue
            }
            seen.append((output, id))
            let folder = URL(fileURLWithPath: output.path).deletingLastPathComponent().path
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: output.path, isDirectory: &isDirectory), isDirectory.boolValue {
                problems.append(.error(output.path, Message("output.isFolder", .text(output.option)),
                                       hint: Message("output.isFolder.hint", .text(output.path))))
            } else if !FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) || !isDirectory.boolValue {
                problems.append(.error(output.path, Message("output.noFolder", .text(output.option), .text(folder)),
                                       hint: Message("output.noFolder.hint")))
            } else if access(folder, W_OK) != 0 {
                problems.append(.error(output.path, Message("output.folderNotWritable", .text(output.option), .text(folder)),
                                       hint: Message("output.folderNotWritable.hint")))
            }
        }
        return problems
    }

    /// Removes temporary files that an earlier, killed run left for these outputs. O(outputs).
    public static func removeStaleTemporaries(for paths: [String]) {
        for path in paths { try? FileManager.default.removeItem(atPath: temporaryPath(for: path)) }
    }

    /// Writes `files` all or nothing: each to its temporary file, then all renamed into place.
    /// - Parameter writeFile: how one file's bytes reach the disk (tests inject failures here).
    /// - Throws: ``DiagnosticError`` naming the file that failed and why (e.g. the disk is full), and the
    ///   outputs that were not written; every temporary file is removed and every old output is untouched.
    public static func write(_ files: [(path: String, data: Data)],
                             writeFile: (Data, String) throws -> Void = OutputFiles.writeFile) throws(DiagnosticError) {
        removeStaleTemporaries(for: files.map(\.path))
        var written: [String] = []
        func cleanUp() { for temporary in written { unlink(temporary) } }
        for file in files {
            let temporary = temporaryPath(for: file.path)
            do {
                written.append(temporary)
                try writeFile(file.data, temporary)
            } catch {
                cleanUp()
                let why = (error as? WriteError)?.message ?? Message("text.verbatim", .text("\(error)"))
                let untouched = files.count == 1 ? Message("output.oldFileUnchanged")
                    : Message("output.noneWritten", .text(files.map(\.path).joined(separator: ", ")))
                throw DiagnosticError(.error(file.path, Message("output.cannotWrite", .message(why), .message(untouched)),
                                             hint: Message("output.cannotWrite.hint")))
            }
        }
        for (k, file) in files.enumerated() where rename(written[k], file.path) != 0 {
            let why = String(cString: strerror(errno))
            cleanUp()
            let replaced = files.prefix(k).map(\.path)
            let message = replaced.isEmpty ? Message("output.cannotRename.noneReplaced", .text(why))
                : Message("output.cannotRename", .text(why), .text(replaced.joined(separator: ", ")))
            throw DiagnosticError(.error(file.path, message, hint: Message("output.cannotRename.hint")))
        }
    }

    /// A failed write, in words a consultant understands.
    public struct WriteError: Error {
        /// Why, in the language chosen when it is shown ("the disk is full").
        public let message: Message
        /// Why, in English.
        public var reason: String { message.description }
        /// A reason as it is, in every language (e.g. the system's own text).
        public init(reason: String) { self.message = Message("text.verbatim", .text(reason)) }
        public init(_ message: Message) { self.message = message }
    }

    /// Writes `data` to a new file at `path` with POSIX calls, so that the reason for a failure is known
    /// (`ENOSPC` becomes "the disk is full").
    public static func writeFile(_ data: Data, _ path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw WriteError(reason(errno)) }
        defer { close(fd) }
        try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < buffer.count {
                let n = Foundation.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw WriteError(reason(errno))
                }
                offset += n
            }
        }
        if fsync(fd) != 0 && errno != EINVAL { throw WriteError(reason(errno)) }
    }

    /// Why a write failed with the POSIX error `code`: the common reasons in words, others as the system says them.
    static func reason(_ code: Int32) -> Message {
        switch code {
        case ENOSPC: Message("output.reason.diskFull")
        case EACCES, EPERM: Message("output.reason.permissionDenied")
        case EROFS: Message("output.reason.readOnly")
        case EDQUOT: Message("output.reason.quota")
        default: Message("text.verbatim", .text(String(cString: strerror(code))))
        }
    }
}
