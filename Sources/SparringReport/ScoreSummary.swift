import SparringModel
import SparringSolver

/// The plain-text account of a grouping's score printed by `solve` and `score`: hard rules first, naming
/// the leaders involved, then one line per soft rule.
///
/// Names, labels and values from the input files appear display-safe (``displaySafe(_:keepingNewlinesAndTabs:)``),
/// one line each: a line break or escape sequence in a cell cannot forge or hide a line.
public enum ScoreSummary {
    /// - Complexity: O(lines of output).
    public static func render(_ explanation: Explanation, hard: Int) -> String {
        renderHard(explanation, hard: hard) + "\n" + renderSoft(explanation)
    }

    /// The hard rules: all kept, or each broken one naming the leaders involved.
    public static func renderHard(_ explanation: Explanation, hard: Int) -> String {
        var lines: [String] = []
        if hard == 0 {
            lines.append("hard rules: all kept (no conflict or reporting-line pair together, every group size within bounds)")
        } else {
            lines.append("hard rules broken: \(hard)")
            lines += explanation.hardProblems.map { "  " + $0 }
        }
        return lines.joined(separator: "\n")
    }

    /// One line per soft rule with how this grouping compares with a random one.
    public static func renderSoft(_ explanation: Explanation) -> String {
        var lines = ["soft rules:"]
        lines += explanation.rules.map { "  \($0.title): \($0.measure); \(formatScore($0.points)) points" }
        return lines.joined(separator: "\n")
    }

    /// Every group with its members, composition and rule notes; groups with broken hard rules first.
    /// - Complexity: O(output).
    public static func renderGroups(_ explanation: Explanation, context: GroupingContext) -> String {
        let order = explanation.groups.filter { !$0.problems.isEmpty } + explanation.groups.filter { $0.problems.isEmpty }
        var lines: [String] = []
        for group in order {
            let names = group.members.map { context.visibility.displayName(context.roster, $0) }
            lines.append("group \(displaySafe(group.label)) (\(group.members.count)): \(names.joined(separator: "; "))")
            for problem in group.problems { lines.append("  BROKEN: \(problem)") }
            for part in group.composition { lines.append("  \(displaySafe(part.attribute)): \(part.text)") }
            for note in group.notes { lines.append("  \(note)") }
        }
        return lines.joined(separator: "\n")
    }

    /// Rounds: repeats left and why, continuing leaders who moved and why, joiners placed. Empty without
    /// `--history` or `--previous`.
    /// - Complexity: O(n).
    public static func renderRounds(_ explanation: Explanation, context: GroupingContext) -> String {
        let rounds = context.model.rounds
        var lines: [String] = []
        if rounds.historyRounds > 0 {
            let placement = Placement(groups: context.groups, groupCount: context.groupCount)
            let last = rounds.lastRound.filter { placement.together($0) }.count
            let repeats = rounds.metBefore.filter { placement.together($0.pair) }.count
            var line = "repeats: \(repeats) pair\(repeats == 1 ? "" : "s") meet again (\(last) from the last round)"
            if last > 0 {
                line += rounds.noRepeat
                    ? "; no grouping was found that keeps them apart together with the other hard rules (try more --time, more groups, or fewer conflicts)"
                    : "; meeting again is a soft rule (weight \(formatNumber(rounds.historyWeight))); add --no-repeat to forbid it"
            }
            lines.append(line)
        }
        if !rounds.previousGroup.isEmpty {
            let continuing = context.roster.ids.indices.filter { context.previousLabel($0) != nil }
            let movers = continuing.filter(context.moved)
            let joiners = context.roster.count - continuing.count
            lines.append("moved: \(movers.count) of \(continuing.count) continuing leaders changed group; \(joiners) joined")
            let shown = 30
            for i in movers.prefix(shown) {
                let story = explanation.leaders[i]
                lines.append("  \(context.visibility.displayName(context.roster, i)): group \(displaySafe(story.previousLabel!)) → \(displaySafe(context.labels[story.group]))" + (story.moveReason.map { " (\($0))" } ?? ""))
            }
            if movers.count > shown { lines.append("  … and \(movers.count - shown) more (see the JSON or the report)") }
        }
        return lines.joined(separator: "\n")
    }
}
