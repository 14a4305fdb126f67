import Foundation
import Testing
import SparringIO
import SparringModel
import SparringTestSupport

struct GroupingLoaderTests {
    let roster = Roster(ids: ["A", "B", "C", "=D"], names: ["Ann", "Bo", "Cai", "Dan"], attributes: [], managers: [-1, -1, -1, -1],
                        conflicts: [], wishes: [])

    func load(_ text: String) throws(DiagnosticError) -> LoadedGrouping {
        let path = Fixtures.temporaryDirectory() + "/grouping.csv"
        try! text.write(toFile: path, atomically: true, encoding: .utf8)
        return try GroupingLoader.load(path: path, roster: roster)
    }

    @Test func readsAssignmentsWithOtherColumnsAndOrdersNumericLabels() throws {
        let grouping = try load("navn;nr;gruppe\nAnn;A;10\nBo;B;2\nCai;C;10\nDan;'=D;2\n")
        #expect(grouping.labels == ["2", "10"])
        #expect(grouping.groupOf == [1, 0, 1, 0])
        #expect(grouping.missing.isEmpty)
    }

    @Test func twoColumnsWithoutHeaderKeepTextLabelsInFileOrder() throws {
        let grouping = try load("A,Tuesday\nB,Monday\nC,Tuesday\n")
        #expect(grouping.labels == ["Tuesday", "Monday"])
        #expect(grouping.groupOf == [0, 1, 0, -1])
        #expect(grouping.missing == [3])
    }

    @Test func unknownIdsAreWarningsAndBadRowsErrorsWithPositions() throws {
        let grouping = try load("id,group\nA,1\nZZ,2\nB,1\nC,2\n=D,2\n")
        #expect(grouping.warnings.count == 1 && grouping.warnings[0].line == 3 && grouping.warnings[0].message.description.contains("\"ZZ\""))
        do {
            _ = try load("id,group\nA,1\nB,\nA,2\n")
            Issue.record("expected an error")
        } catch {
            let messages = error.diagnostics.map { "\($0.line):\($0.column): \($0.message.description)" }
            #expect(messages == ["3:3: Bo (B) has no group", "4:1: Ann (A) is placed twice; also on line 2"])
        }
    }

    @Test func aFileWithoutAGroupColumnIsRefused() {
        do {
            _ = try load("id,name,field\nA,Ann,x\n")
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics.map(\.description) == [
                "\(error.diagnostics[0].file!):1:1: error: this grouping file has no group column\nMaybe name the columns 'id' and 'group' (or 'nr' and 'gruppe'; names may replace ids in a 'navn' column), or give the file just those two columns.",
            ])
        }
    }
}

struct CSVWriterTests {
    @Test(arguments: [
        ("=HYPERLINK(\"http://x\",\"y\")", "'=HYPERLINK(\"http://x\",\"y\")"),
        ("+45 12 34 56 78", "'+45 12 34 56 78"), ("@SUM(A1)", "'@SUM(A1)"), ("-2+3", "'-2+3"), ("\tx", "'\tx"),
        ("-3", "-3"), ("-2,5", "-2,5"), ("Anne", "Anne"), ("", ""),
        ("+4.5", "+4.5"), ("-1e3", "-1e3"), ("-", "-"), ("+", "+"), ("-Bo", "'-Bo"), ("\rx", "'\rx"), ("=", "'="), ("'=A", "'=A"),
    ])
    func neutralizesWhatExcelWouldRun(cell: String, expected: String) {
        #expect(CSVWriter.neutralized(cell) == expected)
    }

    /// Reading undoes exactly what writing did: a neutralised cell comes back as it was, any other cell as it is.
    @Test(arguments: ["=HYPERLINK(\"http://x\")", "+45 12", "@A1", "-Bo", "\tx", "-3", "-", "Anne", "'plain", "'", "''=x", "'-3"])
    func restoredUndoesNeutralized(cell: String) {
        #expect(CSVWriter.restored(CSVWriter.neutralized(cell)) == cell)
        if CSVWriter.neutralized(cell) == cell { #expect(CSVWriter.restored(cell) == cell) }
    }

    /// Every CSV written neutralises formulas, whatever the dialect (not only --excel).
    @Test func everyDialectNeutralizes() {
        #expect(CSVWriter().render(header: ["navn"], rows: [["=1+1"], ["-2"]]) == "navn\n'=1+1\n-2\n")
        #expect(CSVWriter(delimiter: ";").neutralizeFormulas)
    }

    @Test func excelDialectQuotesAfterNeutralizing() {
        let text = CSVWriter.excel.render(header: ["name"], rows: [["=1;2"], ["ok"]])
        #expect(text == "\u{FEFF}name\r\n\"'=1;2\"\r\nok\r\n")
    }
}
