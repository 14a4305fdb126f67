import Foundation
import Testing
import SparringTestSupport

/// The workbench in a real browser: `Tests/e2e/workbench_e2e.py` (Playwright for Python driving the machine's
/// headless Chromium at 1366×768) against the `sparring` binary — load, solve, drag a leader onto their boss's
/// group and undo, a refused move, pins, two scenarios compared, exports re-read by `sparring score`, Danish and
/// English texts, 5,000 leaders; no console error and no CSP violation throughout.
///
/// Skipped where `chromium` or python3's `playwright` module is missing (`.ci/run` installs both). Screenshots
/// go to `$SPARRING_E2E_SHOTS` when it is set.
@Suite(.serialized)
struct BrowserTests {
    static let script = PythonScript.path("workbench_e2e.py")

    /// Debian's `chromium` (or `chromium-browser`) on the PATH.
    static let chromium: String? = {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        for name in ["chromium", "chromium-browser"] {
            for folder in folders where FileManager.default.isExecutableFile(atPath: "\(folder)/\(name)") { return "\(folder)/\(name)" }
        }
        return nil
    }()

    /// Whether python3 can import Playwright's synchronous API.
    static let playwright = Fixtures.pythonCanImport("playwright.sync_api")

    static var available: Bool { chromium != nil && playwright }

    /// Why the test is skipped, when it is.
    static var missing: String {
        let absent = (chromium == nil ? ["chromium (or chromium-browser) on the PATH"] : [])
            + (playwright ? [] : ["python3's playwright module (pip install playwright)"])
        return "the browser test needs " + absent.joined(separator: " and ") + "; .ci/run installs both"
    }

    @Test(.enabled(if: BrowserTests.available, Comment(rawValue: BrowserTests.missing)))
    func theWorkbenchWorksEndToEndInChromium() throws {
        try Self.run(Self.script)
    }

    /// Issue 23: a page on another loopback port (the same site, so the workbench's cookie is sent) cannot change
    /// anything — `fetch` with and without `no-cors`, `text/plain` and JSON bodies, a guessed token header, form
    /// posts — nor read the state or an export (`Tests/e2e/cross_origin_e2e.py`).
    @Test(.enabled(if: BrowserTests.available, Comment(rawValue: BrowserTests.missing)))
    func aPageOnAnotherLoopbackPortCannotChangeOrReadTheWorkbench() throws {
        try Self.run(PythonScript.path("cross_origin_e2e.py"))
    }

    /// Runs an end-to-end script against the built binary; it bounds every wait itself, the limit only guards
    /// against a hung browser.
    static func run(_ script: String) throws {
        let run = try PythonScript.run(script, ["--binary", try SparringBinary.path()], limit: 300)
        print(run.output)
        let name = (script as NSString).lastPathComponent
        #expect(!run.hung, "\(name) did not finish within 300 s:\n\(run.output)")
        #expect(run.status == 0, "\(name) failed:\n\(run.output)")
    }
}

/// A Python script of `Tests/e2e` run to its end: its exit status and everything it printed.
enum PythonScript {
    static func path(_ name: String) -> String { (Fixtures.root as NSString).deletingLastPathComponent + "/Tests/e2e/" + name }

    /// Runs `python3 script arguments…`; a script still running after `limit` seconds is ended (`hung`).
    static func run(_ script: String, _ arguments: [String], limit: TimeInterval) throws -> (status: Int32, hung: Bool, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        let collected = PipeCollector(output)
        try process.run()
        let deadline = Date().addingTimeInterval(limit)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        let hung = process.isRunning
        if hung { process.terminate() }
        process.waitUntilExit()
        collected.waitForEnd(seconds: 5)
        return (process.terminationStatus, hung, collected.text)
    }
}
