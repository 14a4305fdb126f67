import Foundation
import Testing
@testable import SparringIO
import SparringModel
import SparringTestSupport

/// Workbooks whose parts or cells expand far beyond their size are refused at once, and reading stops when asked.
struct BoundedReadingTests {
    /// A sheet whose `rows` cells all show shared string 2, which is `length` letters long.
    static func sharedStringBomb(rows: Int, length: Int) -> [UInt8] {
        var sheet = WorkbookBuilder.row(1, [("A", "id"), ("B", "note")])
        for r in 2...(rows + 1) { sheet += "<row r=\"\(r)\"><c r=\"A\(r)\"><v>\(r)</v></c><c r=\"B\(r)\" t=\"s\"><v>2</v></c></row>" }
        var book = WorkbookBuilder(sheet: sheet)
        book.sharedStrings = ["<t>id</t>", "<t>note</t>", "<t>" + String(repeating: "A", count: length) + "</t>"]
        return book.bytes
    }

    /// Runs `body` on another thread and waits at most `seconds`: a reader that hangs fails the test instead of it.
    static func within(_ seconds: Double, _ body: @escaping @Sendable () -> String) -> String? {
        let result = LockedBox()
        let done = DispatchSemaphore(value: 0)
        Thread { result.set(body()); done.signal() }.start()
        return done.wait(timeout: .now() + seconds) == .success ? result.get() : nil
    }

    final class LockedBox: @unchecked Sendable {
        private let lock = NSLock()
        private var value = ""
        func set(_ text: String) { lock.withLock { value = text } }
        func get() -> String { lock.withLock { value } }
    }

    @Test func aSmallWorkbookWhoseCellsAllShowOneHugeSharedStringIsRefused() throws {
        let bytes = Self.sharedStringBomb(rows: 20_000, length: 32_000)
        #expect(bytes.count < 300_000)
        let folder = Fixtures.temporaryDirectory(), path = folder + "/bomb.xlsx"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let message = Self.within(30) {
            do { _ = try RosterLoader.load(path: path); return "read" } catch { return "\(error)" }
        }
        #expect(message == """
            \(path): error: the cells of sheet "Ark1" hold more than 4 MB of text, more than a roster can hold
            Maybe check that you chose the right file; if it is the roster, copy its leaders into a new workbook, or save the sheet as "CSV UTF-8 (comma delimited) (*.csv)".
            """)
    }

    @Test func aWorkbookUnderTheTextBoundIsRead() throws {
        let bytes = Self.sharedStringBomb(rows: 100, length: 32_000)
        let message = Self.within(60) {
            do {
                let table = try XLSXReader.read(bytes: bytes, file: "t.xlsx")
                return "\(table.rows.count) rows of \(table.rows[0][1].text.count)"
            } catch { return "\(error)" }
        }
        #expect(message == "100 rows of 32000")
    }

    @Test func aSharedStringLongerThanExcelAllowsIsRefused() {
        let bytes = Self.sharedStringBomb(rows: 2, length: 1_000_000)
        #expect(thrown { _ = try XLSXReader.read(bytes: bytes, file: "t.xlsx") } == """
            t.xlsx: error: text number 2 of the workbook is longer than the 32,767 characters Excel allows in a cell
            Maybe check that you chose the right file; if it is the roster, copy its leaders into a new workbook, or save the sheet as "CSV UTF-8 (comma delimited) (*.csv)".
            """)
    }

    @Test func partsAreBoundedByTheWorkbooksSize() {
        #expect(XLSXReader.budget([UInt8](repeating: 0, count: 7_000), partLimit: XLSXReader.maximumPartBytes) == 16_000_000)
        #expect(XLSXReader.budget([UInt8](repeating: 0, count: 1_000_000), partLimit: XLSXReader.maximumPartBytes) == 40_000_000)
        #expect(XLSXReader.textBudget([UInt8](repeating: 0, count: 1_000_000), partLimit: XLSXReader.maximumPartBytes) == 8_000_000)
        #expect(XLSXReader.cellBudget([UInt8](repeating: 0, count: 7_000), maximumCells: XLSXReader.maximumCells) == 250_000)
    }

    /// A 50 kB workbook of 300,000 rows of tiny cells (packed 250 to 1) is refused by its cell count.
    @Test func aSmallWorkbookOfVeryManyCellsIsRefused() throws {
        let rows = String(repeating: "<row><c><v>1</v></c><c><v>2</v></c></row>", count: 130_000)
        let bytes = WorkbookBuilder(sheet: WorkbookBuilder.row(1, [("A", "id"), ("B", "x")]) + rows).bytes
        #expect(bytes.count < 250_000)
        let message = Self.within(60) {
            do { _ = try XLSXReader.read(bytes: bytes, file: "t.xlsx"); return "read" } catch { return "\(error)" }
        }
        #expect(message == """
            t.xlsx: error: the sheet "Ark1" uses more than 250,000 cells (counting every cell up to each row's last one)
            Maybe delete the rows and columns below and to the right of the leaders (something may stand in them by mistake), or copy the leaders to a new sheet.
            """)
    }

    @Test func aCancelledReaderStops() throws {
        let bytes = Self.sharedStringBomb(rows: 5_000, length: 10)
        #expect(throws: DiagnosticError.self) { _ = try XLSXReader.read(bytes: bytes, file: "t.xlsx", shouldStop: { true }) }
        do {
            _ = try XLSXReader.read(bytes: bytes, file: "t.xlsx", shouldStop: { true })
        } catch {
            #expect(ReadingStopped.isStop(error))
            #expect(error.description == "t.xlsx: error: reading was stopped (Ctrl-C); nothing was written")
        }
        // A CSV roster of 20,000 leaders, stopped while it is parsed.
        let text = RosterGenerator(leaders: 20_000, seed: 1, danish: true, semicolon: true).render()
        let folder = Fixtures.temporaryDirectory(), path = folder + "/roster.csv"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let asked = Counter()
        do {
            _ = try RosterLoader.load(path: path, options: RosterOptions(shouldStop: { asked.next() > 2 }))
            Issue.record("read to the end")
        } catch {
            #expect(ReadingStopped.isStop(error))
        }
        #expect(asked.value == 3)
    }

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        func next() -> Int { lock.withLock { count += 1; return count } }
        var value: Int { lock.withLock { count } }
    }
}
