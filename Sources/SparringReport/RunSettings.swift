import Foundation
import SparringModel
import SparringSolver

/// The settings that reproduce a run, as label and value in the reader's language: the report's appendix and
/// the workbook's settings sheet show the same (the command that reproduces the run comes after them).
public enum RunSettings {
    /// The roster, typology, sizes, every weight and rule in force, and the seed and search of a solved run.
    /// - Complexity: O(terms).
    public static func rows(_ context: GroupingContext, source: HTMLReport.Source) -> [(label: String, value: String)] {
        let roster = context.roster, settings = context.settings, words = context.words, model = context.model
        var rows: [(label: String, value: String)] = []
        func setting(_ key: String, _ value: String) { rows.append((words(key), value)) }
        setting("report.setting.roster", HTMLReport.fileName(source.roster))
        setting("report.setting.typology", "\(settings.typology.name(words)) (\(settings.typology.explanation(words)))")
        setting("report.setting.sizes", words("report.setting.sizesValue", .int(settings.sizing.minSize), .int(settings.sizing.maxSize), .int(context.groupCount)))
        // The roster's own header, except for a hidden column (named by its key, as in the rules table).
        func header(_ name: String) -> String {
            displaySafe(context.visibility.hides(attributeKey: name, in: roster) ? name : context.header(of: name))
        }
        let weights = model.cells.sameValue.terms.map { ($0.name, $0.weight) } + model.numbers.spread.terms.map { ($0.name, $0.weight) }
        setting("report.setting.weights", weights.isEmpty ? words("report.none") : weights.map { "\(header($0.0)) \(words.signed($0.1))" }.joined(separator: ", "))
        let lone = model.cells.lone.terms.map { "\(header($0.name)) \(words.signed($0.weight))" }
        setting("report.setting.lone", lone.isEmpty ? words("report.none") : lone.joined(separator: ", "))
        // Each rule in force adds its own row, in the order reports list the rules.
        for rule in model.rules where rule.isActive {
            if let row = rule.settingRow(words: words, header: header) { rows.append(row) }
        }
        if let run = source.run {
            setting("report.setting.seed", String(run.seed))
            setting("report.setting.search", words("report.setting.searchValue", .int(run.threads), .int(run.moves))
                    + (run.timeLimit.map { " " + words("report.setting.within", .number($0)) } ?? ""))
        }
        return rows
    }

    /// Whether running the command again gives the same result, in a sentence.
    public static func reproducibility(_ source: HTMLReport.Source, words: Words) -> String {
        source.run?.moveBudget != nil || source.run == nil ? words("report.reproducible") : words("report.timeLimited")
    }
}

/// Words joined into a command line for a POSIX shell, each quoted where needed ("how to reproduce" lines).
/// O(length).
public func shellCommand(_ words: [String]) -> String {
    let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_=.,/:+@%")
    return words.map { word in
        !word.isEmpty && word.allSatisfy(safe.contains) ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }.joined(separator: " ")
}
