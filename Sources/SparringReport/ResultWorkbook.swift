import Foundation
import SparringIO
import SparringModel

/// A run's result as an Excel workbook (an output path ending in `.xlsx`): three sheets in the reader's
/// language — the leaders with their group (the roster's columns in its order, then the group), one row per
/// group with its members, and the settings with the command that reproduces the run.
///
/// The leaders sheet is what `score` and `solve --previous` read back: edited in Excel (a leader moved to another
/// group), the workbook works with zero fixes. Columns hidden with `--hide` are left out, as from every output.
public enum ResultWorkbook {
    /// Which sheet comes first (the one Excel opens on, and the one read back): the leaders for `--out`, the
    /// groups for `--groups-out` (mail merge reads the first sheet).
    public enum View: Sendable { case leaders, groups }

    /// The groups to print and hand out: one block per group, its members one per line with what the director's
    /// report shows of them (unit, field, rank and the columns the rules use), a blank line between groups, the
    /// facilitator and convenor under each block when placed. O(n · columns).
    static func printable(_ context: GroupingContext) -> Workbook.Sheet {
        let roster = context.roster, words = context.words, shown = context.directorAttributes
        let header = [words("csv.column.group"), words("letters.name")] + shown.map { roster.attributes[$0].header }
        var rows: [[Workbook.Cell]] = []
        let roles = context.groupColumns
        for (g, members) in context.members.enumerated() {
            for (k, i) in members.enumerated() {
                let first: Workbook.Cell = k == 0 ? .text(words("report.group", .text(context.labels[g])) + " (" + words("report.leaders", .int(members.count)) + ")") : .empty
                rows.append([first, .text(context.visibility.name(roster, i))] + shown.map { a in
                    // Numbers as numbers, so that the reader's spreadsheet writes them its own way (2,5 in Danish).
                    let attribute = roster.attributes[a]
                    if attribute.kind == .numeric { return attribute.values[i].isNaN ? .empty : .number(attribute.values[i]) }
                    let value = attribute.displayValue(of: i)
                    return value.isEmpty ? .empty : .text(value)
                })
            }
            for role in roles where !role.values[g].isEmpty {
                rows.append([.empty, .text(role.header + ": " + role.values[g])] + shown.map { _ in .empty })
            }
            rows.append([])
        }
        let numeric = Set(shown.indices.filter { roster.attributes[shown[$0]].kind == .numeric }.map { $0 + 2 })
        return Workbook.Sheet(name: words("xlsx.sheet.groupsPrint"), header: header, rows: rows, textColumns: Set(header.indices).subtracting(numeric))
    }

    /// - Complexity: O(cells) plus deflate.
    public static func render(_ context: GroupingContext, source: HTMLReport.Source, first view: View = .leaders) -> Data {
        let roster = context.roster, words = context.words
        let leaders = AssignmentWriter.sheet(roster: roster, groups: context.groups, labels: context.labels,
                                             hiddenColumns: context.visibility.hiddenColumns, words: words, extra: context.groupColumns)
        let names = roster.ids.indices.map { context.visibility.name(roster, $0) }
        let groups = GroupsWriter.sheet(groups: context.groups, labels: context.labels, names: names, words: words, extra: context.groupColumns)
        var settings = RunSettings.rows(context, source: source).map { [Workbook.Cell.text($0.label), .text($0.value)] }
        settings.append([.text(words("report.setting.command")), .text(source.command)])
        settings.append([.empty, .empty])
        settings.append([.text(RunSettings.reproducibility(source, words: words)), .empty])
        let settingsSheet = Workbook.Sheet(name: words("xlsx.sheet.settings"), header: [words("xlsx.column.setting"), words("xlsx.column.value")],
                                           rows: settings, textColumns: [0, 1])
        let sheets = view == .leaders ? [leaders, groups, printable(context), settingsSheet] : [groups, leaders, printable(context), settingsSheet]
        return XLSXWriter.render(Workbook(sheets: sheets))
    }
}
