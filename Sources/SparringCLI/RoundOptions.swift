import SparringIO
import SparringModel
import SparringReport
import SparringSolver

/// Options for networks that live over rounds: history, a mid-year refresh, pins and keep-together sets.
let roundOptions: [CommandSpec.Option] = [
    .init(name: "history", value: "FILE", help: "An earlier grouping (id,group); pairs who met are kept apart, recent rounds more. Repeat, oldest first.", repeatable: true),
    .init(name: "history-weight", value: "W", help: "How strongly meeting again is avoided, 0…5 (default 5)."),
    .init(name: "no-repeat", value: nil, help: "Make 'not with anyone from your last group' a hard rule (with --history)."),
    .init(name: "previous", value: "FILE", help: "The current grouping to refresh mid-year (id,group): continuing leaders keep their group-mates."),
    .init(name: "stability", value: "W", help: "How strongly --previous group-mates are kept together, 0…5 (default 5)."),
    .init(name: "pin", value: "FILE", help: "Fixed placements (id,group): a hard rule. Groups are numbers 1…N, or --previous labels."),
    .init(name: "together", value: "FILE", help: "Keep-together sets (id,set): leaders sharing a set name share a group. Also read from a 'keep together' column.", repeatable: true),
    .init(name: "together-weight", value: "W", help: "Make keep-together soft with this weight 0…5 (default: hard)."),
]

/// The round rules read from the command line: history, previous grouping, pins (as labels) and
/// keep-together sets. The group count, the pins' groups and the labels are the pipeline's business.
struct RoundSetup {
    var rules = RoundRules()
    /// Per leader the label they are pinned to, or nil; empty without `--pin`.
    var pinLabels: [String?] = []
    var pinSource: (file: String, lines: [Int])?
    /// The sheet the pins were read from, when the pins file is a workbook.
    var pinSheet: String?
    var warnings: [Diagnostic] = []

    /// Reads every round option against `roster`.
    /// - Throws: ``DiagnosticError`` for unreadable files; ``UsageError`` for bad weights.
    init(_ arguments: ParsedArguments, roster: Roster) throws {
        var errors: [Diagnostic] = []
        func weight(_ option: String) throws(UsageError) -> Double? { try arguments.number(option, range: 0...5) }
        rules.historyWeight = try weight("history-weight") ?? rules.historyWeight
        rules.stabilityWeight = try weight("stability") ?? rules.stabilityWeight
        rules.togetherWeight = try weight("together-weight")
        rules.noRepeat = arguments.flags.contains("no-repeat")
        if rules.noRepeat && (arguments.values["history"] ?? []).isEmpty {
            throw UsageError(Message("usage.noRepeat"), hint: Message("usage.noRepeat.hint"))
        }

        var history: [[Int32]] = []
        for path in arguments.values["history"] ?? [] {
            do {
                let grouping = try GroupingLoader.load(path: path, roster: roster, what: "history")
                history.append(grouping.groupOf)
                warnings += grouping.warnings
            } catch { errors += error.diagnostics }
        }
        rules.setHistory(history)

        if let path = arguments.value("previous") {
            do {
                let grouping = try GroupingLoader.load(path: path, roster: roster, what: "previous grouping")
                rules.previousGroup = grouping.groupOf
                rules.previousLabels = grouping.labels
                warnings += grouping.warnings
            } catch { errors += error.diagnostics }
        }

        if let path = arguments.value("pin") {
            do {
                let grouping = try GroupingLoader.load(path: path, roster: roster, what: "pins")
                warnings += grouping.warnings
                pinLabels = roster.ids.indices.map { i in grouping.groupOf[i] >= 0 ? grouping.labels[Int(grouping.groupOf[i])] : nil }
                pinSource = (path, grouping.lines)
                pinSheet = grouping.sheet
            } catch { errors += error.diagnostics }
        }
        if !errors.isEmpty { throw DiagnosticError(errors) }

        var sets: [String: [Int]] = [:], order: [String] = []
        func addSet(_ name: String, _ leader: Int) {
            if sets[name] == nil { order.append(name) }
            sets[name, default: []].append(leader)
        }
        if let column = roster.columns.firstIndex(where: { ColumnRole.role(forHeader: $0) == .together }) {
            for (i, row) in roster.rows.enumerated() {
                let name = row[column].trimmingSpaces()
                if !name.isEmpty { addSet(name, i) }
            }
        }
        for path in arguments.values["together"] ?? [] {
            do {
                let grouping = try GroupingLoader.load(path: path, roster: roster, what: "keep-together")
                warnings += grouping.warnings
                for i in roster.ids.indices where grouping.groupOf[i] >= 0 { addSet(grouping.labels[Int(grouping.groupOf[i])], i) }
            } catch { errors += error.diagnostics }
        }
        let named = order.filter { (sets[$0]?.count ?? 0) > 1 }
        rules.togetherSets = named.map { Array(Set(sets[$0]!)).sorted() }
        rules.togetherNames = named
        if !errors.isEmpty { throw DiagnosticError(errors) }
    }

    /// `error` (from preparing the problem) with problems about rows of a pins workbook placed in its sheet.
    func locatingPins(_ error: Error) -> Error {
        guard var located = error as? DiagnosticError, let sheet = pinSheet, let file = pinSource?.file else { return error }
        located.diagnostics = located.diagnostics.map { $0.inSheet(sheet, of: file) }
        return located
    }
}
