import Foundation
import SparringModel

/// A run's output files, checked before the search and written all or nothing, privately.
///
/// Before the search (``check(_:inputs:)``): each output is an ordinary file or a new one (never a device, a
/// pipe or a folder), its folder exists and may be written, it is not open in Excel or LibreOffice and can be
/// opened for writing, no output is an input (compared as real paths, so `./`, `..` and symbolic links do not
/// hide it, and by device and inode, so a hard link does not either), and no two outputs share a file.
///
/// After the search (``write(_:permissionsOf:writeFile:)``): every file is rendered first, written to a
/// temporary file beside its destination (`.NAME.PID.sparring-partial`, created with the output's final mode
/// before any byte is written), and only when all are written are they renamed into place; if any write fails,
/// every temporary file is removed and every old output stays as it was. An output that is a symbolic link is
/// written through: its target is replaced, the link stays. An output holding personal data gets at most the
/// permission bits of the file the data came from (the roster), never more than the file it replaces had, and
/// never more than the umask allows. Temporary files a killed run left beside the outputs are removed.
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

    /// The end of every temporary file's name.
    static let temporarySuffix = ".sparring-partial"

    /// The temporary file an output is written to before it is renamed into place: hidden, beside the output's
    /// destination (so the rename is atomic), and recognisable with the writer's process id, so that a later run
    /// can remove one left by a killed run: `.grupper.csv.4711.sparring-partial`.
    public static func temporaryPath(for path: String, pid: Int32 = getpid()) -> String {
        let destination = destination(of: path)
        return folder(of: destination) + "/." + fileName(of: destination) + ".\(pid)" + temporarySuffix
    }

    /// The folder part of `path` ("." for a bare file name).
    static func folder(of path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        return folder.isEmpty ? "." : folder
    }

    static func fileName(of path: String) -> String { (path as NSString).lastPathComponent }

    /// Where writing `path` really goes: `path` itself, or, when it is a symbolic link, the file the chain of
    /// links ends at (relative links read from the link's folder). At most 32 links are followed. O(links).
    public static func destination(of path: String) -> String { chain(of: path).last! }

    /// `path` and every link target after it, the last being the destination.
    static func chain(of path: String) -> [String] {
        var hops = [path]
        for _ in 0..<32 {
            let current = hops.last!
            var info = stat()
            guard lstat(current, &info) == 0, info.st_mode & S_IFMT == S_IFLNK,
                  let target = try? FileManager.default.destinationOfSymbolicLink(atPath: current) else { break }
            hops.append(target.hasPrefix("/") ? target : folder(of: current) + "/" + target)
        }
        return hops
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
    /// hint; empty when all is well. Changes nothing. O(outputs · inputs).
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
            if let problem = fileProblem(output) { problems.append(problem) }
        }
        return problems
    }

    /// What stops `output` from being written as an ordinary file, or nil. O(1).
    static func fileProblem(_ output: Output) -> Diagnostic? {
        if let problem = kindProblem(output) { return problem }
        let destination = destination(of: output.path)
        var info = stat()
        let exists = lstat(destination, &info) == 0
        let folder = folder(of: destination)
        let shownFolder = URL(fileURLWithPath: folder).standardizedFileURL.path
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) || !isDirectory.boolValue {
            return .error(output.path, Message("output.noFolder", .text(output.option), .text(shownFolder)), hint: Message("output.noFolder.hint"))
        }
        if access(folder, W_OK) != 0 {
            return .error(output.path, Message("output.folderNotWritable", .text(output.option), .text(shownFolder)),
                          hint: Message("output.folderNotWritable.hint"))
        }
        guard exists else { return nil }   // a new file
        // Open in Excel or LibreOffice: their lock files lie beside the file.
        let name = fileName(of: destination)
        for owner in excelOwnerFiles(of: name) where FileManager.default.fileExists(atPath: folder + "/" + owner) {
            return .error(output.path, Message("output.openInExcel", .text(output.option), .text(output.path), .text(owner)),
                          hint: Message("output.openInExcel.hint", .text(owner)))
        }
        let libreOffice = ".~lock." + name + "#"
        if FileManager.default.fileExists(atPath: folder + "/" + libreOffice) {
            return .error(output.path, Message("output.openInLibreOffice", .text(output.option), .text(output.path), .text(libreOffice)),
                          hint: Message("output.openInLibreOffice.hint", .text(libreOffice)))
        }
        // Locked or read-only: opened for writing without truncating, then closed (nothing changes).
        let fd = open(destination, O_WRONLY | O_NONBLOCK | O_CLOEXEC)
        if fd < 0 {
            return .error(output.path, Message("output.locked", .text(output.option), .text(output.path), .message(reason(errno))),
                          hint: Message("output.locked.hint"))
        }
        close(fd)
        return nil
    }

    /// What makes `output` something other than an ordinary file or a new one: a device, a pipe, a socket, a
    /// folder, a chain of links that ends nowhere, or any path through `/dev` or `/proc` (`/dev/stdout`,
    /// `/dev/null`, `/proc/self/fd/1`: the system's files are never replaced). Nil for an ordinary file. O(links).
    static func kindProblem(_ output: Output) -> Diagnostic? {
        let hops = chain(of: output.path)
        func notAFile(_ kind: String) -> Diagnostic {
            let example = ["out", "json", "report", "groups-out"].contains(output.option) ? output.option : "out"
            return .error(output.path, Message("output.notRegularFile", .text(output.option), .message(Message("output.kind.\(kind)"))),
                          hint: Message("output.notRegularFile.hint", .text(output.option), .message(Message("output.example.\(example)"))))
        }
        let absolute = hops.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        if absolute.contains(where: { $0 == "/dev" || $0 == "/proc" || $0.hasPrefix("/dev/") || $0.hasPrefix("/proc/") }) { return notAFile("device") }
        var info = stat()
        guard lstat(hops.last!, &info) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return .error(output.path, Message("output.isFolder", .text(output.option)), hint: Message("output.isFolder.hint", .text(output.path)))
        case S_IFIFO: return notAFile("pipe")
        case S_IFSOCK: return notAFile("socket")
        case S_IFLNK: return notAFile("loop")
        default: return notAFile("device")
        }
    }

    /// The names Excel gives the owner file of an open workbook or CSV file called `name`: `~$` and the name,
    /// or, for longer names, `~$` in place of its first one or two characters.
    static func excelOwnerFiles(of name: String) -> [String] {
        ["~$" + name, "~$" + name.dropFirst(1), "~$" + name.dropFirst(2)]
    }

    /// Removes temporary files that an earlier, killed run left for these outputs: files beside each output's
    /// destination named `.NAME.PID.sparring-partial` (or `.NAME.sparring-partial`, as older versions named them)
    /// whose writer is no longer running, is this process, or wrote more than `staleAfter` seconds ago. Files of
    /// any other name, and a live run's temporary files, are left alone. O(outputs · files in their folders).
    public static func removeStaleTemporaries(for paths: [String], staleAfter: TimeInterval = 600) {
        for path in paths {
            let destination = destination(of: path)
            let folder = folder(of: destination), prefix = "." + fileName(of: destination) + "."
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { continue }
            for name in names where name.hasPrefix(prefix) && name.hasSuffix(temporarySuffix) {
                let middle = name.dropFirst(prefix.count).dropLast(temporarySuffix.count)
                let file = folder + "/" + name
                var info = stat()
                guard lstat(file, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { continue }
                let stale: Bool
                if name == "." + fileName(of: destination) + temporarySuffix {
                    stale = true
                } else if let pid = Int32(middle), pid > 0, middle.allSatisfy(\.isASCII) {
                    let written = (try? FileManager.default.attributesOfItem(atPath: file))?[.modificationDate] as? Date ?? .distantPast
                    let age = Date().timeIntervalSince(written)
                    stale = pid == getpid() || (kill(pid, 0) != 0 && errno == ESRCH) || age > staleAfter
                } else {
                    stale = false
                }
                if stale { unlink(file) }
            }
        }
    }

    /// The permission bits an output made from the file at `source` may have: the source's read and write
    /// bits (never execute), or 0600 (only the owner) when they cannot be read. O(1).
    public static func permissions(of source: String) -> mode_t {
        var info = stat()
        guard stat(source, &info) == 0 else { return 0o600 }
        return info.st_mode & 0o666
    }

    /// The process's umask, read once (setting it back at once).
    static let umaskBits: mode_t = {
        let bits = umask(0o077)
        umask(bits)
        return bits
    }()

    /// The mode the output at `path` is created with: `limit`, narrowed by the mode of the file it replaces
    /// (a file is never made more readable than it was) and by the umask. O(1).
    public static func mode(for path: String, limit: mode_t) -> mode_t {
        var mode = limit & 0o666 & ~umaskBits
        var info = stat()
        if stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG { mode &= info.st_mode & 0o777 }
        return mode
    }

    /// Writes `files` all or nothing: each to its temporary file, then all renamed into place.
    /// - Parameters:
    ///   - permissionsOf: the file the outputs' personal data came from (the roster): no output gets more
    ///     permission bits than it has (0600 when they cannot be read); nil for outputs without personal data
    ///     (then 0644, narrowed by the umask).
    ///   - writeFile: how one file's bytes reach the disk, created with the given mode (tests inject failures here).
    /// - Throws: ``DiagnosticError`` naming the file that failed and why (e.g. the disk is full), and the
    ///   outputs that were not written; every temporary file is removed and every old output is untouched.
    public static func write(_ files: [(path: String, data: Data)], permissionsOf source: String? = nil,
                             writeFile: (Data, String, mode_t) throws -> Void = OutputFiles.writeFile) throws(DiagnosticError) {
        // Never onto a device, a pipe or a system file, whatever the caller checked before.
        let refused = files.compactMap { kindProblem(Output(option: "out", path: $0.path)) }
        if !refused.isEmpty { throw DiagnosticError(refused) }
        removeStaleTemporaries(for: files.map(\.path))
        let limit = source.map(permissions(of:)) ?? 0o644
        let destinations = files.map { destination(of: $0.path) }
        var written: [String] = []
        func cleanUp() { for temporary in written { unlink(temporary) } }
        for (k, file) in files.enumerated() {
            let temporary = temporaryPath(for: destinations[k])
            do {
                written.append(temporary)
                try writeFile(file.data, temporary, mode(for: destinations[k], limit: limit))
            } catch {
                cleanUp()
                let why = (error as? WriteError)?.message ?? Message("text.verbatim", .text("\(error)"))
                let untouched = files.count == 1 ? Message("output.oldFileUnchanged")
                    : Message("output.noneWritten", .text(files.map(\.path).joined(separator: ", ")))
                throw DiagnosticError(.error(file.path, Message("output.cannotWrite", .message(why), .message(untouched)),
                                             hint: Message("output.cannotWrite.hint")))
            }
        }
        for (k, file) in files.enumerated() where rename(written[k], destinations[k]) != 0 {
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
    /// (`ENOSPC` becomes "the disk is full"). The file is created for its owner only and given `mode` before
    /// any byte is written (whatever the umask), and is never a link: an existing file or link at `path` is
    /// an error.
    public static func writeFile(_ data: Data, _ path: String, _ mode: mode_t = 0o600) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw WriteError(reason(errno)) }
        defer { close(fd) }
        guard fchmod(fd, mode) == 0 else { throw WriteError(reason(errno)) }
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
        case ETXTBSY, EBUSY: Message("output.reason.busy")
        default: Message("text.verbatim", .text(String(cString: strerror(code))))
        }
    }
}
