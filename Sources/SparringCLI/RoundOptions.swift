import SparringIO
import SparringModel
import SparringReport
import SparringSolver

/// Options for networks that live over rounds: history, a mid-year refresh, pins and keep-together sets (the
/// files; the weights of the rules over rounds are those rules' own options, in ``ruleOptions``).
package let roundOptions: [CommandSpec.Option] = [
    .init(name: "history", value: "FILE", help: "An earlier grouping (id,group); pairs who met are kept apart, recent rounds more. Repeat, oldest first.", repeatable: true),
    .init(name: "no-repeat", value: nil, help: "Make 'not with anyone from your last group' a hard rule (with --history)."),
    .init(name: "previous", value: "FILE", help: "The current grouping to refresh mid-year (id,group): continuing leaders keep their group-mates."),
    .init(name: "pin", value: "FILE", help: "Fixed placements (id,group): a hard rule. Groups are numbers 1…N, or --previous labels."),
    .init(name: "together", value: "FILE", help: "Keep-together sets (id,set): leaders sharing a set name share a group. Also read from a 'keep together' column.", repeatable: true),
]

/// The round rules read from the command line: history, previous grouping, pins (as labels) and
/// keep-together sets. The group count, the pins' groups and the labels are the pipeline's business.
package struct RoundSetup {
    package var rules = RoundRules()
    /// Per leader the label they are pinned to, or nil; empty without `--pin`.
    package var pinLabels: [String?] = []
    package var pinSource: (file: String, lines: [Int])?
    /// The sheet the pins were read from, when the pins file is a workbook.
    package var pinSheet: String?
    package var warnings: [Diagnostic] = []
    /// The earlier groupings `--history` named, oldest first (−1 for a leader not in one).
    package var history: [[Int32]] = []

    /// Reads every round option against `roster`.
    /// - Throws: ``DiagnosticError`` for unreadable files; ``UsageError`` for bad weights.
    package init(_ arguments: ParsedArguments, roster: Roster) throws {
        var errors: [Diagnostic] = []
        // The round rules' weights are their own options (``RuleDescriptor/readRounds(_:into:)``).
        do throws(OptionError) {
            for rule in RuleDescriptors.all { try rule.readRounds(OptionValues(arguments.values), into: &rules) }
        } catch {
            throw UsageError(error.message, hint: error.hint)
        }
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
        self.history = history

        if let path = arguments.value("previous") {
            do {
                let grouping = try GroupingLoader.load(path: path, roster: roster, what: "previous grouping")
                rules.previousGroup = grouping.groupOf
                rules.previousLabels = grouping.labels
                rules.previousSizes = grouping.rowsPerLabel
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
    package func locatingPins(_ error: Error) -> Error {
        guard var located = error as? DiagnosticError, let sheet = pinSheet, let file = pinSource?.file else { return error }
        located.diagnostics = located.diagnostics.map { $0.inSheet(sheet, of: file) }
        return located
    }
}
