import Foundation
import Testing
import SparringIO
import SparringTestSupport

/// The workbook Sparring writes prints: A4 landscape, one page wide, the header repeated on every page, member lists
/// wrapped. Converted to PDF by LibreOffice (installed by `.ci/run`; the test is skipped where it is missing), a
/// 60-leader roster's Ledere and Grupper sheets take at most two pages each.
struct PrintedWorkbookTests {
    static func tool(_ name: String) -> String? {
        ["/usr/bin/", "/usr/local/bin/", "/opt/homebrew/bin/"].map { $0 + name }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static var toolsPresent: Bool { tool("soffice") != nil && tool("pdftotext") != nil }

    /// Runs `tool` with `arguments` in `folder`; its standard output.
    static func run(_ tool: String, _ arguments: [String], in folder: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        // LibreOffice needs a profile folder it may write: a fresh one in the test's folder.
        process.environment = ["HOME": folder, "PATH": "/usr/bin:/bin"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = Pipe()
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test(.enabled(if: toolsPresent))
    func sixtyLeadersPrintOnFewPages() throws {
        let folder = Fixtures.temporaryDirectory()
        let roster = folder + "/ledere.csv", workbook = folder + "/grupper.xlsx"
        #expect(SparringTestSupport_run(["generate", "--leaders", "60", "--danish", "--out", roster]) == 0)
        #expect(SparringTestSupport_run(["solve", roster, "--moves", "30000", "--out", workbook, "--quiet"]) == 0)
        _ = try Self.run(Self.tool("soffice")!, ["--headless", "--convert-to", "pdf", "--outdir", folder, workbook], in: folder)
        let pdf = folder + "/grupper.pdf"
        #expect(FileManager.default.fileExists(atPath: pdf))
        let text = try Self.run(Self.tool("pdftotext")!, ["-layout", pdf, "-"], in: folder)
        // Pages are separated by form feeds; each printed page of a sheet repeats its header.
        let pages = text.split(separator: "\u{0C}", omittingEmptySubsequences: true)
        let leaders = pages.filter { $0.contains("nærmeste leder") && $0.contains("lederniveau") }.count
        let groups = pages.filter { $0.contains("deltager 1") }.count
        #expect((1...2).contains(leaders), "Ledere prints on \(leaders) pages")
        #expect((1...2).contains(groups), "Grupper prints on \(groups) pages")
        // The sheet to hand out: one block per group, every member on a line of its own.
        let blocks = pages.filter { $0.contains("Gruppe 1 (") }
        #expect((1...3).contains(pages.filter { $0.contains("Gruppe 1 (") || $0.contains("Gruppe 10 (") }.count), "Grupper til print: \(blocks.count)")
        // Nobody is cut off: every leader's name is on the printed Ledere pages.
        let table = try TableReader.read(path: roster)
        let nameAt = try #require(table.header.firstIndex { $0.text == "navn" })
        let names = table.rows.map { $0[nameAt].text }
        #expect(names.count == 60)
        let printed = pages.filter { $0.contains("nærmeste leder") }.joined()
        #expect(names.allSatisfy { printed.contains($0) })
    }
}

/// The command line's exit code for `arguments`.
func SparringTestSupport_run(_ arguments: [String]) -> Int32 { run(arguments).code }
