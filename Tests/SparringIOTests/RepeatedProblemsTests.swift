import Testing
import SparringIO
import SparringModel
import SparringTestSupport

/// A run of the same problem in one column is one line that counts the rows.
struct RepeatedProblemsTests {
    func errors(_ text: String) -> [String] {
        do {
            _ = try RosterLoader.load(table: CSVReader.parse(bytes: Array(text.utf8), file: "in.csv"))
            return []
        } catch { return error.diagnostics.map(\.description) }
    }

    @Test func anEmptyIDColumnIsOneError() {
        var text = "id;navn\n"
        for i in 1...60 { text += ";Leder \(i)\n" }
        #expect(errors(text) == [
            "in.csv:2:1: error: the id column is empty in all 60 rows\nMaybe fill in a unique id for each leader (an employee number, or simply 1, 2, 3 …); check that the right column is headed \"id\".",
        ])
    }

    @Test func theSameProblemInManyRowsIsCounted() {
        var text = "id,seniority\n"
        for i in 1...12 { text += "\(100 + i),\(i % 3 == 0 ? "\(i)" : "x")\n" }
        #expect(errors(text) == [
            "in.csv:2:5: error: seniority \"x\" is not a number; the same in 8 rows: lines 2, 3, 5, 6, 8, 9, 11, 12\nMaybe write the number of years as digits, e.g. 12 or 3,5, or leave the cell empty.",
        ])
    }

    /// A column of dates where years belong: one line, the first value and the rows like it.
    @Test func problemsOfOneKindInOneColumnAreCounted() {
        var text = "id;anciennitet\n"
        for i in 1...30 { text += "\(100 + i);\(i).3.2019\n" }
        #expect(errors(text) == [
            "in.csv:2:5: error: seniority \"1.3.2019\" is not a number; 29 more rows like it: lines 3, 4, 5, 6, 7, 8, 9, 10 and 21 more\nMaybe write the number of years as digits, e.g. 12 or 3,5, or leave the cell empty.",
        ])
    }
}
