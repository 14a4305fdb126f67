import Foundation
import Testing
import SparringIO
import SparringModel
import SparringTestSupport

/// Outputs are private (never more readable than the roster or the file they replace), written through
/// symbolic links, never onto devices or pipes, found locked before any work, and leave no partial file a
/// later run does not remove.
struct OutputFilesTests {
    static func mode(_ path: String) -> mode_t {
        var info = stat()
        #expect(stat(path, &info) == 0)
        return info.st_mode & 0o777
    }

    static func write(_ text: String, _ path: String, mode: mode_t) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        #expect(chmod(path, mode) == 0)
    }

    static func check(_ path: String, option: String = "out") -> [String] {
        OutputFiles.check([OutputFiles.Output(option: option, path: path)], inputs: []).map(\.description)
    }

    /// 0600 roster ⇒ 0600 outputs; a 0644 roster does not widen an existing 0600 output; a roster whose mode
    /// cannot be read gives 0600; never an execute bit; the umask may only narrow further.
    @Test(arguments: [(0o600, nil, 0o600), (0o640, nil, 0o640), (0o644, 0o600, 0o600), (0o755, nil, 0o644), (0o644, 0o640, 0o640)] as [(mode_t, mode_t?, mode_t)])
    func outputsAreNeverMoreReadableThanTheRosterOrTheFileReplaced(roster rosterMode: mode_t, existing: mode_t?, expected: mode_t) throws {
        let folder = Fixtures.temporaryDirectory()
        let roster = folder + "/roster.csv", out = folder + "/out.csv"
        try Self.write("id\n1\n", roster, mode: rosterMode)
        if let existing { try Self.write("old\n", out, mode: existing) }
        let mask = umask(0o022)   // read the process's umask (tests run in parallel: set it back at once)
        umask(mask)
        let expected = expected & ~mask
        try OutputFiles.write([(out, Data("new\n".utf8))], permissionsOf: roster)
        #expect(Self.mode(out) == expected)
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "new\n")
        try OutputFiles.write([(out, Data("again\n".utf8))], permissionsOf: folder + "/no-such-roster.csv")
        #expect(Self.mode(out) == 0o600 & expected)
    }

    /// The mode is set on the temporary file before a byte is written: the writer sees it already.
    @Test func theModeIsSetBeforeAnyPersonalDataIsWritten() throws {
        let folder = Fixtures.temporaryDirectory()
        let roster = folder + "/roster.csv"
        try Self.write("id\n", roster, mode: 0o600)
        try OutputFiles.write([(folder + "/out.csv", Data("x\n".utf8))], permissionsOf: roster) { data, path, mode in
            #expect(mode == 0o600)
            try OutputFiles.writeFile(data, path, mode)
        }
        let probe = folder + "/probe"
        try OutputFiles.writeFile(Data(), probe, 0o640)
        #expect(Self.mode(probe) == 0o640)
        // The temporary file is never opened through a link or over an existing file.
        #expect(throws: (any Error).self) { try OutputFiles.writeFile(Data("x".utf8), probe, 0o600) }
    }

    @Test func aSymbolicLinkIsWrittenThroughAndStaysALink() throws {
        let folder = Fixtures.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: folder + "/real", withIntermediateDirectories: true)
        let target = folder + "/real/groups.csv", link = folder + "/link.csv"
        try Self.write("old\n", target, mode: 0o600)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "real/groups.csv")
        #expect(Self.check(link).isEmpty)
        try OutputFiles.write([(link, Data("new\n".utf8))])
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "real/groups.csv")
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "new\n")
        #expect(Self.mode(target) == 0o600)
        #expect(OutputFiles.destination(of: link) == folder + "/real/groups.csv")
        // A link to a file not yet there creates the file where the link points.
        try FileManager.default.removeItem(atPath: target)
        try OutputFiles.write([(link, Data("fresh\n".utf8))])
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "fresh\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["link.csv", "real"])
    }

    /// Devices, pipes, sockets-to-be and the system's files are refused before any work and never replaced
    /// (tested with a FIFO and links to /dev/null and /dev/stdout in a temporary folder; the real /dev is only read).
    @Test func devicesPipesAndSystemFilesAreRefused() throws {
        let folder = Fixtures.temporaryDirectory()
        let fifo = folder + "/fifo.csv", null = folder + "/null.csv", stdout = folder + "/stdout.csv", loop = folder + "/loop.csv"
        #expect(mkfifo(fifo, 0o600) == 0)
        try FileManager.default.createSymbolicLink(atPath: null, withDestinationPath: "/dev/null")
        try FileManager.default.createSymbolicLink(atPath: stdout, withDestinationPath: "/dev/stdout")
        try FileManager.default.createSymbolicLink(atPath: loop, withDestinationPath: "loop.csv")
        let device = "--out names a device or a file of the system (such as /dev/stdout or /dev/null), not an ordinary file; Sparring writes its outputs only to files\nMaybe give a file name, e.g. --out groups.csv."
        #expect(Self.check(fifo) == ["\(fifo): error: --out names a pipe, not an ordinary file; Sparring writes its outputs only to files\nMaybe give a file name, e.g. --out groups.csv."])
        #expect(Self.check(null) == ["\(null): error: \(device)"])
        #expect(Self.check(stdout) == ["\(stdout): error: \(device)"])
        #expect(Self.check("/dev/stdout") == ["/dev/stdout: error: \(device)"])
        #expect(Self.check(loop, option: "json") == ["\(loop): error: --json names a chain of links that never ends at a file, not an ordinary file; Sparring writes its outputs only to files\nMaybe give a file name, e.g. --json result.json."])
        // Writing refuses them too, before anything is created (only paths in the temporary folder are tried:
        // a test must never risk the real /dev).
        for path in [fifo, loop] {
            #expect(throws: DiagnosticError.self) { try OutputFiles.write([(path, Data("x\n".utf8))]) }
        }
        var info = stat()
        #expect(lstat(fifo, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: null) == "/dev/null")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: stdout) == "/dev/stdout")
        #expect(lstat("/dev/stdout", &info) == 0 && info.st_mode & S_IFMT != S_IFREG)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".sparring-partial") }.isEmpty)
    }

    /// Excel's owner file (`~$name`, or `~$` over the first characters of a long name) and LibreOffice's lock
    /// file beside an output refuse it before any work; without the output they do not matter.
    @Test(arguments: [
        ("grupper.xlsx", "~$grupper.xlsx", "Excel"), ("grupper2027.xlsx", "~$upper2027.xlsx", "Excel"), ("g.csv", "~$g.csv", "Excel"),
        ("grupper.xlsx", ".~lock.grupper.xlsx#", "LibreOffice"),
    ])
    func anOutputOpenInExcelOrLibreOfficeIsRefused(name: String, lock: String, program: String) throws {
        let folder = Fixtures.temporaryDirectory()
        let out = folder + "/" + name
        try Self.write("old", folder + "/" + lock, mode: 0o600)
        #expect(Self.check(out).isEmpty)
        try Self.write("old", out, mode: 0o600)
        let problems = Self.check(out)
        let its = program == "Excel" ? "Excel's" : "its"
        #expect(problems.first?.hasPrefix("\(out): error: --out: \(out) is open in \(program) (\(its) lock file \(lock) lies beside it)\nMaybe close the file in \(program) and run again.") == true, "\(problems)")
    }

    /// A file that cannot be opened for writing (read-only; locked on other systems) is refused. Root may write
    /// any file, so the test needs an ordinary user.
    @Test(.enabled(if: getuid() != 0)) func aFileThatCannotBeOpenedForWritingIsRefused() throws {
        let folder = Fixtures.temporaryDirectory()
        let out = folder + "/out.csv"
        try Self.write("old", out, mode: 0o400)
        #expect(Self.check(out) == ["\(out): error: --out: \(out) cannot be opened for writing: permission denied\nMaybe close it in Excel (or the program that has it open), or make it writable, and run again; or write to another file name."])
    }

    /// Temporary files carry the writer's process id. A later write removes those of writers no longer running,
    /// of this process, or older than the limit; a running writer's, and other files, stay.
    @Test func staleTemporaryFilesAreRemovedAndLiveOnesKept() throws {
        let folder = Fixtures.temporaryDirectory()
        let out = folder + "/out.csv"
        #expect(OutputFiles.temporaryPath(for: out, pid: 4711) == folder + "/.out.csv.4711.sparring-partial")
        let dead = try Self.deadProcessID()
        let parent = getppid()   // running
        let stale = [OutputFiles.temporaryPath(for: out, pid: dead), folder + "/.out.csv.sparring-partial", OutputFiles.temporaryPath(for: out)]
        let kept = [OutputFiles.temporaryPath(for: out, pid: parent), folder + "/.other.csv.\(dead).sparring-partial", folder + "/.out.csv.x.sparring-partial", folder + "/notes.txt"]
        for path in stale + kept { try Self.write("partial", path, mode: 0o600) }
        try OutputFiles.write([(out, Data("new\n".utf8))])
        let left = Set(try FileManager.default.contentsOfDirectory(atPath: folder).map { folder + "/" + $0 })
        #expect(left == Set(kept + [out]))
        // Older than the limit: removed even when the process id is in use again.
        OutputFiles.removeStaleTemporaries(for: [out], staleAfter: -1)
        #expect(!FileManager.default.fileExists(atPath: kept[0]))
    }

    /// The id of a process that has ended.
    static func deadProcessID() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "exit 0"]
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }
}
