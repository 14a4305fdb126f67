#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import SparringIO
import SparringModel
import Synchronization

/// The workbench's session on disk, so that no change acknowledged to the page is lost by Ctrl-C, a crash,
/// `kill -9` or a reboot.
///
/// One file per roster (``fileName(roster:sheet:)``, beside the roster or in a folder the consultant names),
/// mode 0600, held under an exclusive lock while a workbench runs on it (a second `serve` on the same roster is
/// refused, not allowed to write over the first). JSON lines, each followed by a space and its FNV-1a checksum:
/// a header (the roster, its content digest and leader ids, the settings `serve` was started with), a snapshot
/// of the whole ``WorkState``, then one line per ``WorkStep``. A step is written and flushed to the disk
/// (`fdatasync`) before the change is made in memory and acknowledged; a write that fails is cut off again and
/// the change refused. A torn last line (the process died while writing it) was never acknowledged and is
/// dropped on reading. When the steps outgrow the snapshot, the file is rewritten as header and snapshot
/// (a new file renamed over the old one), so its size stays bounded by the undo and scenario limits.
public final class SessionJournal: Sendable {
    /// What the session was started on.
    public struct Header: Sendable, Equatable {
        /// The roster's file name, for messages.
        public var roster: String
        /// A digest of the roster's content (``digest(of:)``): a change between sessions is noticed.
        public var digest: String
        public var language: Language
        /// The settings and inputs `serve` was started with, as command-line words (``SessionArguments``).
        public var arguments: [String]
        /// The leaders' ids in roster order: a changed roster is matched by id.
        public var ids: [String]

        public init(roster: String, digest: String, language: Language, arguments: [String], ids: [String]) {
            self.roster = roster
            self.digest = digest
            self.language = language
            self.arguments = arguments
            self.ids = ids
        }
    }

    /// A session read back: its header and the raw records after it, to be turned into a ``WorkState`` once the
    /// roster and the start rules are known (``state(base:)``).
    public struct Saved: Sendable {
        public let header: Header
        /// When the last change was saved.
        public let saved: Date
        let records: [Record]
        /// Complete lines that could not be read (damage on the disk, not a torn last line): what came after
        /// them is lost, and the consultant is told.
        public let damagedLines: Int

        struct Record: @unchecked Sendable {  // JSON objects from JSONSerialization: immutable once read
            let object: [String: Any]
        }

        /// The work in the header's leader order: the snapshot with every step after it applied, and how many
        /// steps at the end could not be applied (with the lines that failed their checksum, they are lost). Nil
        /// when the snapshot cannot be read. O(file).
        func state(base: Rules) -> (WorkState, lost: Int)? {
            let count = header.ids.count
            guard let first = records.first, first.object["t"] as? String == "snapshot",
                  var state = WorkCoding.state(first.object, count: count, base: base) else { return nil }
            for (k, record) in records.enumerated().dropFirst() {
                guard let step = WorkCoding.step(record.object, on: state, count: count, base: base) else {
                    return (state, records.count - k + damagedLines)
                }
                state.apply(step)
            }
            return (state, damagedLines)
        }
    }

    /// Why the journal cannot be used: the path, and why in words of the catalogue.
    public enum Failure: Error, Sendable, Equatable {
        /// Another workbench holds the file.
        case locked(path: String)
        /// The file or its folder cannot be created, written or flushed (full disk, read-only folder, …): the
        /// system's error number.
        case cannotWrite(path: String, code: Int32)
        /// The file is there but is not a session this version can read.
        case unreadable(path: String, reason: Message)

        public var path: String {
            switch self {
            case .locked(let path), .cannotWrite(let path, _), .unreadable(let path, _): path
            }
        }

        /// Why, in the consultant's words: a full disk, a folder she may not write in, … .
        public var reason: Message {
            switch self {
            case .locked: Message("session.reason.locked")
            case .unreadable(_, let reason): reason
            case .cannotWrite(_, let code):
                switch code {
                case ENOSPC, EDQUOT: Message("session.reason.full")
                case EACCES, EPERM: Message("session.reason.denied")
                case EROFS: Message("session.reason.readOnly")
                case EIO: Message("session.reason.io")
                case ENOENT, ENOTDIR: Message("session.reason.noFolder")
                default: Message("session.reason.other", .text(String(cString: strerror(code))), .int(Int(code)))
                }
            }
        }
    }

    public let path: String
    /// The file is rewritten as a snapshot once its steps outgrow four snapshots and this many bytes.
    let rewriteFloor: Int
    private let file: Mutex<File>

    private struct File {
        var descriptor: Int32
        var size: Int
        var snapshotSize: Int
        var header: Header?
        /// A failed write could not be cut off again: the next step rewrites the whole file first.
        var mustRewrite = false
    }

    /// The file holding the session on `roster` (a file name, `--sheet` when given): `ROSTER.sparring-session`.
    public static func fileName(roster: String, sheet: String?) -> String {
        let name = (roster.split(separator: "/").last.map(String.init) ?? roster)
        let sheetPart = sheet.map { "." + String($0.map { "/\\:*?\"<>|".contains($0) || $0.isNewline ? "_" : $0 }) } ?? ""
        return name + sheetPart + ".sparring-session"
    }

    /// A short digest of `bytes` (FNV-1a, 64 bits, as hex): enough to notice an edited roster. O(bytes).
    public static func digest(of bytes: some Sequence<UInt8>) -> String {
        hex(fnv(bytes))
    }

    deinit {
        release()
    }

    private init(path: String, descriptor: Int32, rewriteFloor: Int) {
        self.path = path
        self.rewriteFloor = rewriteFloor
        self.file = Mutex(File(descriptor: descriptor, size: 0, snapshotSize: 0, header: nil))
    }

    /// Takes the session file at `path` for this process (creating an empty one when there is none) and reads
    /// what it holds.
    /// - Returns: the journal, and the session saved in it (nil when the file is new or empty).
    /// - Parameter reading: false to take the file without reading it (to start afresh, whatever it holds).
    /// - Throws: ``Failure/locked(path:)`` while another workbench holds it; ``Failure/cannotWrite(path:code:)``
    ///   when it cannot be created; ``Failure/unreadable(path:reason:)`` when it holds something else, or work of
    ///   another user.
    public static func claim(path: String, reading: Bool = true, rewriteFloor: Int = 1 << 20) throws(Failure) -> (SessionJournal, Saved?) {
        for _ in 0..<5 {
            let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
            guard descriptor >= 0 else { throw .cannotWrite(path: path, code: errno) }
            guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
                close(descriptor)
                throw .locked(path: path)
            }
            // The file may have been replaced between open and lock (a compaction by the holder): lock the one
            // the path names now.
            var opened = stat(), named = stat()
            guard fstat(descriptor, &opened) == 0, stat(path, &named) == 0, opened.st_ino == named.st_ino, opened.st_dev == named.st_dev else {
                close(descriptor)
                continue
            }
            let journal = SessionJournal(path: path, descriptor: descriptor, rewriteFloor: rewriteFloor)
            removeStaleTemporaries(of: path)
            // Work another user left in a shared folder is not taken for hers.
            guard opened.st_size == 0 || opened.st_uid == geteuid() else {
                journal.release()
                throw .unreadable(path: path, reason: Message("session.reason.otherOwner"))
            }
            guard reading else { return (journal, nil) }
            let bytes: [UInt8]
            do throws(SystemFailure) { bytes = try readAll(descriptor, size: Int(opened.st_size)) } catch { journal.release(); throw .cannotWrite(path: path, code: error.code) }
            guard !bytes.isEmpty else { return (journal, nil) }
            do throws(ReadFailure) {
                #if canImport(Darwin)
                let modified = Double(opened.st_mtimespec.tv_sec)
                #else
                let modified = Double(opened.st_mtim.tv_sec)
                #endif
                let saved = try read(bytes, modified: Date(timeIntervalSince1970: modified))
                return (journal, saved)
            } catch {
                journal.release()
                throw .unreadable(path: path, reason: error.reason)
            }
        }
        throw .locked(path: path)
    }

    /// Lets go of a file this process created and never wrote a session into (a start that failed or was
    /// interrupted before the first search ended), so no empty file is left behind.
    public func abandonIfEmpty() {
        file.withLock { file in
            guard file.header == nil, file.descriptor >= 0 else { return }
            var info = stat()
            if fstat(file.descriptor, &info) == 0, info.st_size == 0 { unlink(path) }
            close(file.descriptor)
            file.descriptor = -1
        }
    }

    /// Starts the file anew under its header with `state` (the consultant started afresh from the page).
    func restart(state: WorkState) throws(Failure) {
        try file.withLock { (file: inout File) throws(Failure) in
            guard let header = file.header, file.descriptor >= 0 else { throw .cannotWrite(path: path, code: EBADF) }
            try Self.rewrite(&file, path: path, header: header, state: state)
        }
    }

    /// Keeps a copy of what the file holds now beside it, before the session starts afresh or goes on with
    /// work that could not be resumed exactly: `NAME.previous`, or `NAME.previous-2`, `-3`, … when that is taken
    /// (a copy is never overwritten). Does nothing when the file is empty.
    /// - Returns: the copy's path, or nil when there was nothing to keep.
    @discardableResult
    public func keepPrevious() throws(Failure) -> String? {
        var copy = path + ".previous", number = 1
        while FileManager.default.fileExists(atPath: copy) {
            number += 1
            copy = path + ".previous-\(number)"
        }
        let bytes: [UInt8]
        do throws(SystemFailure) {
            bytes = try file.withLock { (file: inout File) throws(SystemFailure) -> [UInt8] in
                var info = stat()
                guard fstat(file.descriptor, &info) == 0 else { throw SystemFailure(code: errno) }
                return try Self.readAll(file.descriptor, size: Int(info.st_size))
            }
        } catch {
            throw .cannotWrite(path: copy, code: error.code)
        }
        guard !bytes.isEmpty else { return nil }
        let descriptor = try Self.writeNew(bytes, beside: copy)
        defer { close(descriptor) }
        try Self.moveIntoPlace(copy)
        return copy
    }

    /// Starts writing the session anew: `header` and a snapshot of `state`, in a new file renamed over the old
    /// one (so a crash leaves the old file or the new one, never half of either). From now on ``append(_:to:)``
    /// adds steps. O(state).
    func start(header: Header, state: WorkState) throws(Failure) {
        try file.withLock { (file: inout File) throws(Failure) in
            try Self.rewrite(&file, path: path, header: header, state: state)
        }
    }

    /// Writes `step`, as applied to `state`, and flushes it to the disk. On failure nothing is left of it in
    /// the file. When the steps have grown past four times the snapshot (and past ``rewriteFloor``, 1 MB by default), the file is rewritten
    /// as header and a snapshot of the state after the step. O(step), O(state) when rewriting.
    func append(_ step: WorkStep, to state: WorkState) throws(Failure) {
        var after = state
        after.apply(step)
        let line = Self.line(WorkCoding.step(step, on: state))
        try file.withLock { (file: inout File) throws(Failure) in
            // Released (the workbench is closing): no change may be acknowledged that is not on the disk.
            guard let header = file.header, file.descriptor >= 0 else { throw .cannotWrite(path: path, code: EBADF) }
            if file.mustRewrite || file.size + line.count > max(4 * file.snapshotSize, rewriteFloor) {
                do throws(Failure) {
                    try Self.rewrite(&file, path: path, header: header, state: after)
                    return
                } catch {
                    // A full rewrite may not fit where a line still does; a file with a cut-off tail may not take one.
                    if file.mustRewrite { throw error }
                }
            }
            do throws(SystemFailure) {
                try Self.writeAll(file.descriptor, line)
                guard Self.flush(file.descriptor) == 0 else { throw SystemFailure(code: errno) }
                file.size += line.count
            } catch {
                // A line cut short would hide every later one: cut the file back to where it was, or, when even
                // that fails, write the whole file anew before the next step is taken.
                if ftruncate(file.descriptor, off_t(file.size)) != 0 { file.mustRewrite = true }
                throw .cannotWrite(path: path, code: error.code)
            }
        }
    }

    /// The open file, for tests that make its writes fail (by putting `/dev/full` in its place).
    var descriptor: Int32 { file.withLock { $0.descriptor } }

    /// Lets the file go (the lock with it). The file stays: it is the consultant's work.
    public func release() {
        file.withLock { file in
            if file.descriptor >= 0 { close(file.descriptor) }
            file.descriptor = -1
            file.header = nil
        }
    }

    // MARK: - Reading

    /// A system call that failed, with its error number.
    private struct SystemFailure: Error {
        let code: Int32
    }

    /// A file that is not a session this version reads.
    private struct ReadFailure: Error {
        let reason: Message
    }

    /// The header and the records of `bytes`; stops at the first line that fails its checksum or is not JSON.
    private static func read(_ bytes: [UInt8], modified: Date) throws(ReadFailure) -> Saved {
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        // The last piece has no newline: a line the process did not finish writing, or nothing.
        let unfinished = lines.removeLast()
        _ = unfinished
        var objects: [[String: Any]] = []
        var damaged = 0
        for (k, line) in lines.enumerated() {
            guard let object = parse(line) else {
                damaged = lines.count - k
                break
            }
            objects.append(object)
        }
        guard let first = objects.first, first["t"] as? String == "header", first["sparring"] as? String == "workbench-session" else {
            throw ReadFailure(reason: Message("session.reason.notSession"))
        }
        guard first["version"] as? Int == 1 else { throw ReadFailure(reason: Message("session.reason.version")) }
        guard let roster = first["roster"] as? String, let digest = first["digest"] as? String,
              let language = (first["language"] as? String).flatMap(Language.init(rawValue:)),
              let arguments = first["arguments"] as? [String], let ids = first["ids"] as? [String], objects.count >= 2 else {
            throw ReadFailure(reason: Message("session.reason.damaged"))
        }
        let header = Header(roster: roster, digest: digest, language: language, arguments: arguments, ids: ids)
        return Saved(header: header, saved: modified, records: objects.dropFirst().map { Saved.Record(object: $0) }, damagedLines: damaged)
    }

    /// A line's JSON object when its checksum holds.
    private static func parse(_ line: ArraySlice<UInt8>) -> [String: Any]? {
        guard line.count > 17, let space = line.lastIndex(of: UInt8(ascii: " ")), line.endIndex - space == 17 else { return nil }
        let body = line[line.startIndex..<space], sum = String(decoding: line[(space + 1)...], as: UTF8.self)
        guard hex(fnv(body)) == sum else { return nil }
        return (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any]
    }

    private static func readAll(_ descriptor: Int32, size: Int) throws(SystemFailure) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: size), offset = 0
        while offset < size {
            let count = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + offset, size - offset, off_t(offset)) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { if count == 0 { break }; throw SystemFailure(code: errno) }
            offset += count
        }
        return Array(bytes[0..<offset])
    }

    // MARK: - Writing

    /// One line: compact JSON, a space, its checksum, a newline.
    private static func line(_ fields: [(String, JSONValue)]) -> [UInt8] {
        let body = Array(JSONValue.object(fields).compact().utf8)
        return body + Array((" " + hex(fnv(body)) + "\n").utf8)
    }

    private static func headerLine(_ header: Header) -> [UInt8] {
        line([("t", .string("header")), ("sparring", .string("workbench-session")), ("version", .int(1)),
              ("roster", .string(header.roster)), ("digest", .string(header.digest)), ("language", .string(header.language.rawValue)),
              ("arguments", .array(header.arguments.map { .string($0) })), ("ids", .array(header.ids.map { .string($0) }))])
    }

    private static func rewrite(_ file: inout File, path: String, header: Header, state: WorkState) throws(Failure) {
        let head = headerLine(header)
        let snapshot = line([("t", .string("snapshot"))] + WorkCoding.state(state))
        let descriptor = try writeNew(head + snapshot, beside: path)
        // Locked before it takes the path's name, so no other workbench can take it in between.
        _ = flock(descriptor, LOCK_EX | LOCK_NB)
        do {
            try moveIntoPlace(path)
        } catch {
            close(descriptor)
            throw error
        }
        if file.descriptor >= 0 { close(file.descriptor) }
        file.descriptor = descriptor
        file.size = head.count + snapshot.count
        file.snapshotSize = file.size
        file.header = header
        file.mustRewrite = false
    }

    /// A new file beside `target` (mode 0600, whatever the umask) holding `bytes`, flushed; its descriptor,
    /// positioned at its end, with the temporary name ``temporaryName(for:)``.
    private static func writeNew(_ bytes: [UInt8], beside target: String) throws(Failure) -> Int32 {
        let temporary = temporaryName(for: target)
        let descriptor = open(temporary, O_RDWR | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .cannotWrite(path: target, code: errno) }
        do throws(SystemFailure) {
            guard fchmod(descriptor, 0o600) == 0 else { throw SystemFailure(code: errno) }
            try writeAll(descriptor, bytes)
            guard fsync(descriptor) == 0 else { throw SystemFailure(code: errno) }
        } catch {
            close(descriptor)
            unlink(temporary)
            throw .cannotWrite(path: target, code: error.code)
        }
        return descriptor
    }

    /// Removes temporary files of `target` left by a workbench killed while rewriting it (its process is gone).
    private static func removeStaleTemporaries(of target: String) {
        let url = URL(fileURLWithPath: target)
        let folder = url.deletingLastPathComponent().path, prefix = "." + url.lastPathComponent + "."
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where name.hasPrefix(prefix) && name.hasSuffix(".partial") {
            guard let pid = Int32(name.dropFirst(prefix.count).dropLast(".partial".count)), pid != getpid() else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { unlink(folder + "/" + name) }
        }
    }

    /// Flushes what was written to the disk: the data, and the size when it grew (`fdatasync`; `F_FULLFSYNC`
    /// on macOS, where `fsync` stops at the drive's cache).
    private static func flush(_ descriptor: Int32) -> Int32 {
        #if canImport(Darwin)
        return fcntl(descriptor, F_FULLFSYNC) == 0 ? 0 : fsync(descriptor)
        #else
        return fdatasync(descriptor)
        #endif
    }

    private static func temporaryName(for target: String) -> String {
        let url = URL(fileURLWithPath: target)
        return url.deletingLastPathComponent().appendingPathComponent("." + url.lastPathComponent + ".\(getpid()).partial").path
    }

    /// Renames the temporary file of `target` onto it and flushes the folder, so the new name survives a reboot.
    private static func moveIntoPlace(_ target: String) throws(Failure) {
        let temporary = temporaryName(for: target)
        guard rename(temporary, target) == 0 else {
            let code = errno
            unlink(temporary)
            throw .cannotWrite(path: target, code: code)
        }
        let folder = open(URL(fileURLWithPath: target).deletingLastPathComponent().path, O_RDONLY | O_CLOEXEC)
        guard folder >= 0 else { throw .cannotWrite(path: target, code: errno) }
        defer { close(folder) }
        if fsync(folder) != 0 && errno != EINVAL { throw .cannotWrite(path: target, code: errno) }
    }

    private static func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) throws(SystemFailure) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { throw SystemFailure(code: written == 0 ? ENOSPC : errno) }
            offset += written
        }
    }

    // MARK: - Checksums

    private static func fnv(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return hash
    }

    private static func hex(_ value: UInt64) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: 16 - text.count) + text
    }
}
