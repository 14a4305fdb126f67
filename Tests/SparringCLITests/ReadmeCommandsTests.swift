import Foundation
import Testing
import SparringTestSupport

/// Every `sparring` command the README shows runs, in the README's order, as a newcomer would type it in a fresh
/// clone: fixtures from `Fixtures/`, the files earlier commands wrote (assignments.csv, …) in a folder of its own.
/// The developer's lines (`swift run -c release sparring …`) and the consultant's, who runs the installed binary
/// (`~/sparring …`, `./sparring …`, `sparring …`), run alike, in process. `serve` is not started here (it listens
/// until stopped; `ServeCommandTests` starts it), and the benchmark target's lines are left to the benchmark runs:
/// both are listed, so that nothing is skipped in silence.
struct ReadmeCommandsTests {
    /// How a README shell line starts a program: the developer's `swift run`, or the consultant's installed binary.
    static let programs = ["swift run -c release ", "~/sparring ", "./sparring ", "sparring "]

    /// The README's shell lines that start a program (see `programs`), in order.
    static func commands() throws -> [String] {
        let readme = try String(contentsOfFile: Fixtures.root + "/../README.md", encoding: .utf8)
        var inShell = false, lines: [String] = []
        for raw in readme.split(separator: "\n", omittingEmptySubsequences: false) {
            // Blocks inside a list item are indented.
            let line = raw.trimmingCharacters(in: .whitespaces)
            // A fence opens a block (```sh is a shell block) or closes the one open.
            if line.hasPrefix("```") { inShell = !inShell && line.hasPrefix("```sh"); continue }
            if inShell, programs.contains(where: line.hasPrefix) { lines.append(line) }
        }
        return lines
    }

    /// The words of a shell line, without a trailing `# comment`: bare words and words in double or single quotes.
    static func words(_ line: String) -> [String] {
        var words: [String] = [], word = "", quote: Character?, started = false
        for c in line {
            if let q = quote {
                if c == q { quote = nil } else { word.append(c) }
            } else if c == "\"" || c == "'" {
                quote = c
                started = true
            } else if c == "#" && !started && word.isEmpty {
                break
            } else if c == " " {
                if started { words.append(word) }
                word = ""
                started = false
            } else {
                word.append(c)
                started = true
            }
        }
        if started { words.append(word) }
        return words
    }

    @Test func everyCommandInTheReadmeRuns() throws {
        let folder = Fixtures.temporaryDirectory()
        let lines = try Self.commands()
        #expect(lines.count >= 15, "README commands found: \(lines.count)")
        var ran = 0, ranInstalled = 0, notRun: [String] = []
        for line in lines {
            let all = Self.words(line)
            var arguments: [String]
            if line.hasPrefix("swift run -c release ") {
                guard all.count > 5, all[4] == "sparring" else { notRun.append(line); continue }
                arguments = Array(all.dropFirst(5))
            } else {
                // The installed binary: the same command line, without `swift run`.
                guard all.count > 1 else { notRun.append(line); continue }
                arguments = Array(all.dropFirst(1))
            }
            if arguments.first == "serve" { notRun.append(line); continue }
            // Fixtures from the repository; every other file in the test's folder.
            arguments = arguments.map { word in
                if word.hasPrefix("Fixtures/") { return Fixtures.path(String(word.dropFirst("Fixtures/".count))) }
                let extensions = [".csv", ".xlsx", ".html", ".json", ".txt"]
                return !word.hasPrefix("-") && !word.contains("/") && extensions.contains(where: word.lowercased().hasSuffix) ? folder + "/" + word : word
            }
            // Keep the suite quick: a short search where the README leaves the default time.
            if ["solve", "plan", "score", "mdgp"].contains(arguments[0]) && !arguments.contains("--moves") {
                arguments = arguments.filter { $0 != "--time" }
                if let k = all.firstIndex(of: "--time"), k + 1 < all.count { arguments.removeAll { $0 == all[k + 1] } }
                if arguments[0] != "score" { arguments += arguments[0] == "mdgp" ? ["--time", "0.5"] : ["--moves", "60000"] }
            }
            if arguments[0] == "generate", let k = arguments.firstIndex(of: "--leaders") { arguments[k + 1] = "300" }
            let result = run(arguments)
            // The consultant fills in the roster `template` wrote, in Excel, before the next command: the test stands
            // in for her with a workbook filled in and saved by openpyxl.
            if arguments[0] == "template", result.code == 0, let k = arguments.firstIndex(of: "--out"), k + 1 < arguments.count {
                let written = arguments[k + 1]
                try FileManager.default.removeItem(atPath: written)
                try FileManager.default.copyItem(atPath: Fixtures.path("xlsx/roster-openpyxl.xlsx"), toPath: written)
            }
            // A README line shows a bad roster on purpose (`check Fixtures/broken/…`): it must fail with a located error.
            if line.contains("Fixtures/broken/") {
                #expect(result.code == 1 && result.err.contains(".csv:"), "\(line)\n\(result.err)")
            } else {
                #expect(result.code == 0, "\(line)\nexit \(result.code)\n\(result.err)")
            }
            ran += 1
            if !line.hasPrefix("swift run ") { ranInstalled += 1 }
        }
        #expect(ran >= 15)
        // The consultant's first commands (template, check, solve) run as she types them.
        #expect(ranInstalled >= 3, "consultant's commands run: \(ranInstalled)")
        // Listed, not run: serve (listens until stopped) and the benchmark target.
        #expect(notRun.allSatisfy { $0.contains(" serve ") || $0.contains("SparringBenchmarks") }, "\(notRun)")
    }
}
