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
        let sheets = view == .leaders ? [leaders, groups, settingsSheet] : [groups, leaders, settingsSheet]
        return XLSXWriter.render(Workbook(sheets: sheets))
    }
}
