import Foundation
import SparringIO
import SparringModel
import SparringReport
import SparringSolver

/// Output options shared by `solve` and `score`.
let explainedOutputOptions: [CommandSpec.Option] = [
    .init(name: "json", value: "FILE", help: "Write groups, score breakdown, explanations, settings and run statistics as JSON."),
    .init(name: "report", value: "FILE", help: "Write a self-contained HTML report (summary, charts, one card per group; prints on A4)."),
    .init(name: "groups-out", value: "FILE", help: "Write one row per group with its members' names, for mail merge: CSV, or an Excel workbook when FILE ends in .xlsx."),
    .init(name: "letters", value: "FILE", help: "Write one row per leader for telling them (Word/Outlook mail merge): name, e-mail if the roster has one, group, group-mates and their units, facilitator and convenor; CSV, or a workbook when FILE ends in .xlsx."),
    .init(name: "excel", value: nil, help: "CSV outputs for Excel: ';', UTF-8 BOM and CRLF (every CSV neutralises cells that start with = + - @)."),
    .init(name: "hide", value: "ATTR,...", help: "Leave these roster columns (e.g. gender,age or name) out of every output.", repeatable: true),
    .init(name: "show", value: "ATTR,...", help: "Show these columns in the report's group cards too (by default: names, unit, field, rank and the columns the rules use).", repeatable: true),
    .init(name: "title", value: "TEXT", help: "The report's title (default: \"Proposed leader network groups\" / \"Forslag til netværksgrupper\")."),
    .init(name: "author", value: "TEXT", help: "Who made the report and how to reach them, shown under the title, e.g. \"Mette Holm, HR, 7212 3456\"."),
    .init(name: "date", value: "TEXT", help: "The date shown under the report's title (default: today)."),
    .init(name: "next-steps", value: "FILE", help: "A text file that replaces the report's section on what happens now (blank lines separate paragraphs; '- ' starts a bullet)."),
    languageOption,
]

/// What the consultant asked to see, read from `--hide` and `--excel`.
package struct OutputChoices {
    package let visibility: Visibility
    package let csv: CSVWriter
    /// The language of everything a person reads.
    package let words: Words
    /// `--next-steps`, read before any work so that a missing file stops the run early.
    package let nextSteps: String?

    /// - Parameter dialect: the CSV dialect to use without `--excel` (normally the roster's own).
    package init(_ arguments: ParsedArguments, roster: Roster, dialect: CSVWriter) throws(DiagnosticError) {
        let names = (arguments.values["hide"] ?? []).flatMap { $0.split(separator: ",").map { $0.trimmingSpaces() } }.filter { !$0.isEmpty }
        var visibility = try Visibility(hiding: names, roster: roster)
        let shown = (arguments.values["show"] ?? []).flatMap { $0.split(separator: ",").map { $0.trimmingSpaces() } }.filter { !$0.isEmpty }
        visibility.shownInReport = try Visibility.attributes(named: shown, in: roster)
        self.visibility = visibility
        csv = arguments.flags.contains("excel") ? .excel : dialect
        words = arguments.words(for: roster)
        nextSteps = try arguments.value("next-steps").map { path throws(DiagnosticError) in try TextFile.read(path: path) }
    }

    /// The report's cover and closing section from `--title`, `--author`, `--date` and `--next-steps`.
    package func source(_ arguments: ParsedArguments, roster: String, isProposal: Bool, command: String, run: ResultJSON.Run?) -> HTMLReport.Source {
        HTMLReport.Source(roster: roster, isProposal: isProposal, command: command, run: run, title: arguments.value("title"),
                          author: arguments.value("author"), date: arguments.value("date") ?? Self.today(words), nextSteps: nextSteps)
    }

    /// Today's date as the reader writes it (``HTMLReport/today(_:)``).
    package static func today(_ words: Words) -> String { HTMLReport.today(words) }
}

/// Renders every output file asked for (the assignments and the groups as CSV, or as a workbook for a path
/// ending in `.xlsx`: ``ResultWorkbook``), then writes them all or nothing (``OutputFiles/write(_:writeFile:)``):
/// nothing is written when rendering fails, and a failed write leaves every old output as it was. No output
/// gets more permission bits than the roster has.
/// - Returns: the paths written, in the order of the options.
func writeExplainedOutputs(_ arguments: ParsedArguments, context: GroupingContext, explanation: Explanation, choices: OutputChoices,
                           source: HTMLReport.Source) throws(DiagnosticError) -> [String] {
    var files: [(path: String, data: Data)] = []
    if let out = arguments.value("out") {
        files.append((out, isWorkbookPath(out) ? ResultWorkbook.render(context, source: source, first: .leaders)
            : Data(AssignmentWriter.render(roster: context.roster, groups: context.groups, labels: context.labels, writer: choices.csv,
                                           hiddenColumns: choices.visibility.hiddenColumns, words: choices.words, extra: context.groupColumns).utf8)))
    }
    if let json = arguments.value("json") { files.append((json, Data(ResultJSON.render(context, explanation: explanation, run: source.run).utf8))) }
    if let report = arguments.value("report") { files.append((report, Data(HTMLReport.render(context, explanation: explanation, source: source).utf8))) }
    if let groupsOut = arguments.value("groups-out") {
        if isWorkbookPath(groupsOut) {
            files.append((groupsOut, ResultWorkbook.render(context, source: source, first: .groups)))
        } else {
            let names = context.roster.ids.indices.map { choices.visibility.name(context.roster, $0) }
            files.append((groupsOut, Data(GroupsWriter.render(groups: context.groups, labels: context.labels, names: names, writer: choices.csv,
                                                              words: choices.words, extra: context.groupColumns).utf8)))
        }
    }
    if let letters = arguments.value("letters") {
        let (header, rows) = LettersTable.table(context)
        if isWorkbookPath(letters) {
            let sheet = Workbook.Sheet(name: choices.words("xlsx.sheet.letters"), header: header, rows: rows.map { $0.map { .text($0) } },
                                       textColumns: Set(header.indices))
            files.append((letters, XLSXWriter.render(Workbook(sheets: [sheet]))))
        } else {
            files.append((letters, Data(choices.csv.render(header: header, rows: rows).utf8)))
        }
    }
    // Everything written holds the roster's people: no output is more readable than the roster.
    try OutputFiles.write(files, permissionsOf: arguments.positionals.first)
    return files.map(\.path)
}

/// Whether an output path names an Excel workbook (ends in `.xlsx`, any case): then a workbook is written.
func isWorkbookPath(_ path: String) -> Bool {
    path.lowercased().hasSuffix(".xlsx")
}
