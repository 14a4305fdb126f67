import SparringIO
import SparringModel

/// A roster loaded from CSV text (as `in.csv`).
func loadRoster(_ text: String, _ options: RosterOptions = RosterOptions()) throws(DiagnosticError) -> LoadedRoster {
    try RosterLoader.load(table: CSVReader.parse(bytes: Array(text.utf8), file: "in.csv"), options: options)
}

/// The problems of loading `text`, rendered in Danish, one per line; "loaded" when it loads.
func danishProblems(_ text: String, _ options: RosterOptions = RosterOptions()) -> String {
    do {
        _ = try loadRoster(text, options)
        return "loaded"
    } catch {
        return error.diagnostics.map { $0.rendered(in: Words(.da)) }.joined(separator: "\n")
    }
}
