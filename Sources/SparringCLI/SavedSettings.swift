import Foundation
import SparringIO
import SparringModel
import SparringReport

/// The settings a workbook Sparring wrote carries (its settings sheet, "Indstillinger" / "Settings", whose command
/// row repeats the run): `score`, `solve --previous` and `serve --grouping` read them back, so that a grouping is
/// judged under the rules it was made with unless options given now say otherwise.
package enum SavedSettings {
    /// The rule options (typology, weights, sizes, rules) of the command in `workbook`'s settings sheet, as
    /// command-line words; empty when the file is no Sparring workbook or holds no such row. O(sheet).
    package static func ruleWords(inWorkbook path: String) -> [String] {
        guard isWorkbookPath(path), let bytes = FileManager.default.contents(atPath: path),
              let names = try? XLSXReader.sheetNames(bytes: Array(bytes), file: path) else { return [] }
        let settingsNames = Set(Language.allCases.map { Words($0)("xlsx.sheet.settings") })
        let commandLabels = Set(Language.allCases.map { Words($0)("report.setting.command") })
        guard let sheet = names.first(where: settingsNames.contains), let table = try? TableReader.read(path: path, sheet: sheet) else { return [] }
        guard let row = table.rows.first(where: { $0.count >= 2 && commandLabels.contains($0[0].text.trimmingSpaces()) }),
              let words = shellWords(row[1].text), words.count > 2, words[0] == "sparring" else { return [] }
        let spec: CommandSpec
        switch words[1] {
        case "solve": spec = SolveCommand.spec
        case "score": spec = ScoreCommand.spec
        default: return []
        }
        guard let parsed = try? ParsedArguments(Array(words.dropFirst(2)), spec: spec) else { return [] }
        // Only the rules: not the outputs, inputs or search limits of that run, not the group count (the grouping
        // gives it), and not the rules of round inputs that are not given now (a renewal needs its --previous; a
        // file of conflicts or wishes was named from that run's folder).
        var kept: [String] = []
        for option in ruleOptions where !notAdopted.contains(option.name) {
            if parsed.flags.contains(option.name) { kept.append("--" + option.name) }
            for value in parsed.values[option.name] ?? [] { kept += ["--" + option.name, value] }
        }
        return kept
    }

    /// Rule options a saved command's rules are not adopted for: the group count, and options that need inputs of
    /// that run (its previous grouping, its files).
    static let notAdopted: Set<String> = ["groups", "renew", "renew-weight", "stability", "history-weight", "conflicts", "wishes", "outside"]

    /// `arguments` with the rule options of `workbook`'s settings sheet that `arguments` does not give itself.
    /// - Returns: the merged arguments and the words adopted (to say which settings were used).
    package static func adopt(_ arguments: ParsedArguments, fromWorkbook path: String, spec: CommandSpec) -> (arguments: ParsedArguments, adopted: [String]) {
        let saved = ruleWords(inWorkbook: path)
        // (The saved words are the rule options only: parsed with the command's positionals in place.)
        guard !saved.isEmpty, let parsed = try? ParsedArguments(arguments.positionals + saved, spec: spec) else { return (arguments, []) }
        var merged = arguments, adopted: [String] = []
        for option in ruleOptions where !notAdopted.contains(option.name) && arguments.values[option.name] == nil && !arguments.flags.contains(option.name) {
            if parsed.flags.contains(option.name) {
                merged.flags.insert(option.name)
                adopted.append("--" + option.name)
            }
            if let values = parsed.values[option.name] {
                merged.values[option.name] = values
                for value in values { adopted += ["--" + option.name, value] }
            }
        }
        return (merged, adopted)
    }

    /// The words of a command `shellCommand` wrote: bare words, and words in single quotes (`'\''` for a quote).
    /// Nil for text that is not such a command. O(length).
    static func shellWords(_ text: String) -> [String]? {
        var words: [String] = [], word = "", inWord = false, quoted = false
        var characters = Array(text)[...]
        while let c = characters.popFirst() {
            if quoted {
                if c == "'" { quoted = false } else { word.append(c) }
            } else if c == "'" {
                quoted = true
                inWord = true
            } else if c == "\\", let next = characters.popFirst() {
                word.append(next)
                inWord = true
            } else if c == " " {
                if inWord { words.append(word) }
                word = ""
                inWord = false
            } else {
                word.append(c)
                inWord = true
            }
        }
        guard !quoted else { return nil }
        if inWord { words.append(word) }
        return words
    }
}
