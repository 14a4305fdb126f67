import Foundation
import SparringIO
import SparringModel
import SparringReport
import SparringSolver

/// Output options shared by `solve` and `score`.
let explainedOutputOptions: [CommandSpec.Option] = [
    .init(name: "json", value: "FILE", help: "Write groups, score breakdown, explanations, settings and run statistics as JSON."),
    .init(name: "report", value: "FILE", help: "Write a self-contained HTML report (summary, charts, one card per group; prints on A4)."),
    .init(name: "groups-out", value: "FILE", help: "Write a CSV with one row per group and its members' names, for mail merge."),
    .init(name: "excel", value: nil, help: "CSV outputs for Excel: ';', UTF-8 BOM, CRLF, and cells that start with = + - @ neutralised."),
    .init(name: "hide", value: "ATTR,...", help: "Leave these roster columns (e.g. gender,age or name) out of every output.", repeatable: true),
]

/// What the consultant asked to see, read from `--hide` and `--excel`.
struct OutputChoices {
    let visibility: Visibility
    let csv: CSVWriter

    /// - Parameter dialect: the CSV dialect to use without `--excel` (normally the roster's own).
    init(_ arguments: ParsedArguments, roster: Roster, dialect: CSVWriter) throws(DiagnosticError) {
        let names = (arguments.values["hide"] ?? []).flatMap { $0.split(separator: ",").map { $0.trimmingSpaces() } }.filter { !$0.isEmpty }
        visibility = try Visibility(hiding: names, roster: roster)
        csv = arguments.flags.contains("excel") ? .excel : dialect
    }
}

/// Renders every output file asked for, then writes them all or nothing (``OutputFiles/write(_:writeFile:)``):
/// nothing is written when rendering fails, and a failed write leaves every old output as it was.
/// - Returns: the paths written, in the order of the options.
func writeExplainedOutputs(_ arguments: ParsedArguments, context: GroupingContext, explanation: Explanation, choices: OutputChoices,
                           source: HTMLReport.Source) throws(DiagnosticError) -> [String] {
    var files: [(path: String, text: String)] = []
    if let out = arguments.value("out") {
        files.append((out, AssignmentWriter.render(roster: context.roster, groups: context.groups, labels: context.labels,
                                                   writer: choices.csv, hiddenColumns: choices.visibility.hiddenColumns)))
    }
    if let json = arguments.value("json") { files.append((json, ResultJSON.render(context, explanation: explanation, run: source.run))) }
    if let report = arguments.value("report") { files.append((report, HTMLReport.render(context, explanation: explanation, source: source))) }
    if let groupsOut = arguments.value("groups-out") {
        let names = context.roster.ids.indices.map { choices.visibility.name(context.roster, $0) }
        files.append((groupsOut, GroupsWriter.render(groups: context.groups, labels: context.labels, names: names, writer: choices.csv)))
    }
    try OutputFiles.write(files.map { ($0.path, Data($0.text.utf8)) })
    return files.map(\.path)
}
