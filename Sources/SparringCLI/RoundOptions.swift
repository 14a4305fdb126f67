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

/// The round rules read from the command line, with the group count they imply.
struct RoundSetup {
    var rules = RoundRules()
    var groupCount: Int
    var warnings: [Diagnostic] = []
    var hasPins: Bool { rules.pins.contains { $0 >= 0 } }

    /// Reads every round option against `roster`; `settings` gives sizes and an explicit `--groups`.
    /// - Throws: ``DiagnosticError`` for unreadable files and impossible set-ups; ``UsageError`` for bad weights.
    init(_ arguments: ParsedArguments, roster: Roster, settings: RuleSettings) throws {
        var errors: [Diagnostic] = []
        func weight(_ option: String) throws(UsageError) -> Double? { try arguments.number(option, range: 0...5) }
        rules.historyWeight = try weight("history-weight") ?? rules.historyWeight
        rules.stabilityWeight = try weight("stability") ?? rules.stabilityWeight
        rules.togetherWeight = try weight("together-weight")
        rules.noRepeat = arguments.flags.contains("no-repeat")
        if rules.noRepeat && (arguments.values["history"] ?? []).isEmpty {
            throw UsageError("--no-repeat needs the last round's grouping", hint: "add --history LAST-YEAR.csv.")
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
        if !errors.isEmpty { throw DiagnosticError(errors) }

        // Group count: as asked; else the previous grouping's, when the sizes allow it; else the preferred one.
        let sizing = settings.sizing
        if let asked = settings.groups {
            groupCount = asked
        } else if !rules.previousLabels.isEmpty, sizing.feasibleGroupCounts(leaders: roster.count)?.contains(rules.previousLabels.count) == true {
            groupCount = rules.previousLabels.count
        } else {
            groupCount = sizing.preferredGroupCount(leaders: roster.count) ?? 1
        }

        if let path = arguments.value("pin") {
            let grouping = try GroupingLoader.load(path: path, roster: roster, what: "pins")
            warnings += grouping.warnings
            var pins = [Int32](repeating: -1, count: roster.count)
            for i in roster.ids.indices where grouping.groupOf[i] >= 0 {
                let label = grouping.labels[Int(grouping.groupOf[i])]
                if let g = rules.previousLabels.firstIndex(of: label), g < groupCount {
                    pins[i] = Int32(g)
                } else if let number = Int(label), (1...groupCount).contains(number), rules.previousLabels.isEmpty {
                    pins[i] = Int32(number - 1)
                } else {
                    let valid = rules.previousLabels.isEmpty ? "a group number from 1 to \(groupCount)" : "a label of the previous grouping"
                    errors.append(.error(path, grouping.lines[i], 0, "\(roster.names[i]) (\(roster.ids[i])) is pinned to group \(quoted(label)), which is not \(valid)",
                                         hint: "use \(valid)."))
                }
            }
            rules.pins = pins
        }

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

    /// Labels for the solver's groups, and the groups renumbered where no labels are given:
    /// with `--previous`, each group takes the previous label it shares most continuing leaders with (pins: the
    /// group's own previous label) and new groups continue the numbering; with pins, groups keep their numbers;
    /// otherwise groups are numbered in order of their first member.
    /// - Complexity: O(n + m log m).
    func label(_ groups: [Int32]) -> (groups: [Int32], labels: [String]) {
        let m = groupCount
        let previous = rules.previousLabels
        if previous.isEmpty {
            return (hasPins ? groups : canonicalGroups(groups, groupCount: m), GroupingContext.numberedLabels(m))
        }
        var labelOf = [Int](repeating: -1, count: m)
        if hasPins {
            for g in 0..<min(m, previous.count) { labelOf[g] = g }
        } else {
            var overlap: [Int: Int] = [:]
            for (i, g) in groups.enumerated() where rules.previousGroup[i] >= 0 { overlap[Int(g) * previous.count + Int(rules.previousGroup[i]), default: 0] += 1 }
            let ranked = overlap.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
            var taken = Set<Int>()
            for (key, _) in ranked {
                let (g, p) = (key / previous.count, key % previous.count)
                if labelOf[g] < 0 && !taken.contains(p) { labelOf[g] = p; taken.insert(p) }
            }
        }
        let numbers = previous.compactMap { Int($0) }
        var next = numbers.count == previous.count ? (numbers.max() ?? 0) + 1 : 1
        var labels = [String](repeating: "", count: m)
        for g in 0..<m {
            if labelOf[g] >= 0 { labels[g] = previous[labelOf[g]] } else {
                repeat { labels[g] = numbers.count == previous.count ? String(next) : "new \(next)"; next += 1 } while previous.contains(labels[g])
            }
        }
        return (groups, labels)
    }
}
