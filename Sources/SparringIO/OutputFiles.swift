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
                problems.append(.error(output.path, "--\(output.option) would overwrite the input file \(input.path); inputs are never modified",
                                       hint: "write the output under another name."))
                continue
            }
            if let earlier = seen.first(where: { same($0.id) }) {
                problems.append(.error(output.path, "--\(output.option) and --\(earlier.output.option) name the same file",
                                       hint: "give each output its own file name."))
                continue
            }
            seen.append((output, id))
            let folder = URL(fileURLWithPath: output.path).deletingLastPathComponent().path
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: output.path, isDirectory: &isDirectory), isDirectory.boolValue {
                problems.append(.error(output.path, "--\(output.option) names a folder, not a file", hint: "add a file name, e.g. \(output.path)/result."))
            } else if !FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) || !isDirectory.boolValue {
                problems.append(.error(output.path, "--\(output.option): the folder \(folder) does not exist", hint: "create the folder first, or check the path for a typo."))
            } else if access(folder, W_OK) != 0 {
                problems.append(.error(output.path, "--\(output.option): the folder \(folder) may not be written to", hint: "choose a folder you can write to."))
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
                let why = (error as? WriteError)?.reason ?? "\(error)"
                let untouched = files.count == 1 ? "the old file is unchanged"
                    : "none of the outputs was written (\(files.map(\.path).joined(separator: ", "))), and the old ones are unchanged"
                throw DiagnosticError(.error(file.path, "cannot write the file: \(why); \(untouched)",
                                             hint: "check that the folder exists and that you may write there, free some space, then run again."))
            }
        }
        for (k, file) in files.enumerated() where rename(written[k], file.path) != 0 {
            let why = String(cString: strerror(errno))
            cleanUp()
            let replaced = files.prefix(k).map(\.path)
            throw DiagnosticError(.error(file.path, "cannot put the file in place: \(why)" + (replaced.isEmpty ? "; no output was replaced" : "; already replaced: \(replaced.joined(separator: ", "))"),
                                         hint: "check the folder's permissions, then run again."))
        }
    }

    /// A failed write, in words a consultant understands.
    public struct WriteError: Error {
        public let reason: String
        public init(reason: String) { self.reason = reason }
    }

    /// Writes `data` to a new file at `path` with POSIX calls, so that the reason for a failure is known
    /// (`ENOSPC` becomes "the disk is full").
    public static func writeFile(_ data: Data, _ path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw WriteError(reason: reason(errno)) }
        defer { close(fd) }
        try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < buffer.count {
                let n = Foundation.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw WriteError(reason: reason(errno))
                }
                offset += n
            }
        }
        if fsync(fd) != 0 && errno != EINVAL { throw WriteError(reason: reason(errno)) }
    }

    static func reason(_ code: Int32) -> String {
        switch code {
        case ENOSPC: "the disk is full"
        case EACCES, EPERM: "permission denied"
        case EROFS: "the disk is read-only"
        case EDQUOT: "the disk quota is used up"
        default: String(cString: strerror(code))
        }
    }
}
