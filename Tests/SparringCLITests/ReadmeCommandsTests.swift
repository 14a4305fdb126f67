import Foundation
import Testing
import SparringTestSupport

/// Every `sparring` command the README and the pages of `Documentation/` show runs, in each page's order, as a
/// newcomer would type it in a fresh clone: fixtures from `Fixtures/`, the files earlier commands on the same page wrote
/// (assignments.csv, …) in a folder of that page's own. The developer's lines (`swift run -c release sparring …`) and
/// the consultant's, who runs the installed binary (`~/sparring …`, `./sparring …`, `sparring …`), run alike, in
/// process. `serve` is not started here (it listens until stopped; `ServeCommandTests` starts it), the benchmark
/// target's lines are left to the benchmark runs, and a line naming a file outside the repository (`../shared`,
/// `/work/shared`) cannot run in a clone: all are listed, so that nothing is skipped in silence.
struct ReadmeCommandsTests {
    /// How a shell line starts a program: the developer's `swift run`, or the consultant's installed binary.
    static let programs = ["swift run -c release ", "~/sparring ", "./sparring ", "sparring "]

    /// The repository's folder.
    static let repository = (Fixtures.root as NSString).deletingLastPathComponent

    /// The pages of `Documentation/`, by name (`Documentation/Commands.md`, …), sorted.
    static func documentationPages() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: repository + "/Documentation")
            .filter { $0.hasSuffix(".md") }.sorted().map { "Documentation/" + $0 }
    }

    /// The shell lines of a page (`README.md`, `Documentation/….md`) that start a program (see `programs`), in order.
    static func commands(in page: String = "README.md") throws -> [String] {
        let text = try String(contentsOfFile: repository + "/" + page, encoding: .utf8)
        var inShell = false, lines: [String] = []
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
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

    /// What running a page's commands came to.
    struct Tally {
        var ran = 0, ranInstalled = 0, notRun: [String] = []
    }

    /// Runs the program lines of one page, in order, in a fresh folder of its own, and expects each to succeed (a
    /// line on `Fixtures/broken/` to fail with a located error).
    static func runCommands(of page: String) throws -> Tally {
        let folder = Fixtures.temporaryDirectory()
        var tally = Tally()
        for line in try commands(in: page) {
            let all = words(line)
            var arguments: [String]
            if line.hasPrefix("swift run -c release ") {
                guard all.count > 5, all[4] == "sparring" else { tally.notRun.append(line); continue }
                arguments = Array(all.dropFirst(5))
            } else {
                // The installed binary: the same command line, without `swift run`.
                guard all.count > 1 else { tally.notRun.append(line); continue }
                arguments = Array(all.dropFirst(1))
            }
            if arguments.first == "serve" { tally.notRun.append(line); continue }
            // A file outside the repository (the shared MDGPLIB folder) is not in a fresh clone.
            if arguments.contains(where: { $0.hasPrefix("../") || $0.hasPrefix("/") }) { tally.notRun.append(line); continue }
            // Fixtures from the repository; every other file in the page's folder.
            arguments = arguments.map { word in
                if word.hasPrefix("Fixtures/") { return Fixtures.path(String(word.dropFirst("Fixtures/".count))) }
                let extensions = [".csv", ".xlsx", ".html", ".json", ".txt"]
                return !word.hasPrefix("-") && !word.contains("/") && extensions.contains(where: word.lowercased().hasSuffix) ? folder + "/" + word : word
            }
            // Keep the suite quick: a short search where the page leaves the default time.
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
            // A line shows a bad roster on purpose (`check Fixtures/broken/…`): it must fail with a located error.
            if line.contains("Fixtures/broken/") {
                #expect(result.code == 1 && result.err.contains(".csv:"), "\(page): \(line)\n\(result.err)")
            } else {
                #expect(result.code == 0, "\(page): \(line)\nexit \(result.code)\n\(result.err)")
            }
            tally.ran += 1
            if !line.hasPrefix("swift run ") { tally.ranInstalled += 1 }
        }
        // Listed, not run: serve (listens until stopped), the benchmark target and the shared folder outside the clone.
        #expect(tally.notRun.allSatisfy { $0.contains(" serve ") || $0.contains("SparringBenchmarks") || $0.contains("shared/") },
                "\(page): \(tally.notRun)")
        return tally
    }

    /// The README keeps a command or two per section and sends the rest to `Documentation/`: its own lines are the
    /// consultant's first commands (template, check, solve — at least 3, run as she types them), the developer's
    /// `solve`, and a few per later section (at least 8 `swift run` lines in all).
    @Test func everyCommandInTheReadmeRuns() throws {
        let tally = try Self.runCommands(of: "README.md")
        #expect(tally.ranInstalled >= 3, "consultant's commands run: \(tally.ranInstalled)")
        #expect(tally.ran - tally.ranInstalled >= 8, "README swift run commands run: \(tally.ran - tally.ranInstalled)")
    }

    /// The fewest commands that run on the pages the README's long lists moved to when it was tightened.
    static let movedCommands = [
        "Documentation/Commands.md": 10,  // year two, mid-year, plans, renewal, facilitators, convenors, letters, exports
        "Documentation/Roster.md": 3,     // template and check, a bad roster
        "Documentation/Report.md": 2,     // language, the director's report, --hide and --show
        "Documentation/Workbooks.md": 2,  // the Excel round trip
    ]

    /// The commands the README used to list moved to `Documentation/` pages (see `movedCommands`); each page runs in
    /// its own folder, so that a page's commands stand on their own. Before the README was tightened it ran at least
    /// 15 `swift run` lines; with the README's own, the pages now run at least 15 more (every `sparring` line of every
    /// page, the benchmark page's `mdgp` included).
    @Test func everyCommandInTheDocumentationRuns() throws {
        let pages = try Self.documentationPages()
        var ran = 0
        for page in pages {
            let tally = try Self.runCommands(of: page)
            if let least = Self.movedCommands[page] { #expect(tally.ran >= least, "\(page): \(tally.ran) commands run") }
            ran += tally.ran
        }
        #expect(Set(Self.movedCommands.keys).isSubset(of: pages), "\(pages)")
        #expect(ran >= 15, "Documentation commands run: \(ran)")
    }

    /// Every link of the README and the Documentation pages to a file of the repository leads to one, and every
    /// `#anchor` (in the page or in the page linked) to a heading there, as GitHub makes anchors of headings.
    @Test func everyLinkLeadsSomewhere() throws {
        for page in try ["README.md"] + Self.documentationPages() {
            let text = try String(contentsOfFile: Self.repository + "/" + page, encoding: .utf8)
            let folder = (page as NSString).deletingLastPathComponent
            for link in Self.links(in: text) where !link.contains("://") && !link.hasPrefix("mailto:") {
                let parts = link.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                let target = parts[0].isEmpty ? page : ((folder.isEmpty ? "" : folder + "/") + parts[0])
                let path = (Self.repository + "/" + target as NSString).standardizingPath
                #expect(FileManager.default.fileExists(atPath: path), "\(page): \(link) leads nowhere")
                if parts.count == 2, path.hasSuffix(".md"), let linked = try? String(contentsOfFile: path, encoding: .utf8) {
                    #expect(Self.anchors(in: linked).contains(parts[1]), "\(page): \(link): no such heading")
                }
            }
        }
    }

    /// The targets of the Markdown links `[text](target)` of a page, outside code blocks and code spans.
    static func links(in text: String) -> [String] {
        var links: [String] = [], inCode = false
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if raw.trimmingCharacters(in: .whitespaces).hasPrefix("```") { inCode.toggle(); continue }
            if inCode { continue }
            // Code spans hold no links.
            let line = raw.split(separator: "`", omittingEmptySubsequences: false).enumerated()
                .filter { $0.offset % 2 == 0 }.map { String($0.element) }.joined(separator: " ")
            var rest = Substring(line)
            while let close = rest.range(of: "](") {
                let after = rest[close.upperBound...]
                guard let end = after.firstIndex(of: ")") else { break }
                links.append(String(after[..<end]))
                rest = after[end...]
            }
        }
        return links
    }

    /// The anchors GitHub makes of a page's headings: lowercased, punctuation but `-` and `_` dropped, spaces as `-`.
    static func anchors(in text: String) -> Set<String> {
        var anchors: Set<String> = [], inCode = false
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if raw.trimmingCharacters(in: .whitespaces).hasPrefix("```") { inCode.toggle(); continue }
            guard !inCode, raw.hasPrefix("#") else { continue }
            let title = raw.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces).lowercased()
            anchors.insert(String(title.compactMap { c -> Character? in
                c == " " ? "-" : (c.isLetter || c.isNumber || c == "-" || c == "_") ? c : nil
            }))
        }
        return anchors
    }
}
