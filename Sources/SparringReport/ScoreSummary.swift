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
        let words = explanation.words
        var lines: [String] = []
        if hard == 0 {
            lines.append(words("summary.hardKept"))
        } else {
            lines.append(words("summary.hardBroken", .int(hard)))
            lines += explanation.hardProblems.map { "  " + $0 }
        }
        return lines.joined(separator: "\n")
    }

    /// One line per soft rule with how this grouping compares with a random one.
    public static func renderSoft(_ explanation: Explanation) -> String {
        let words = explanation.words
        var lines = [words("summary.softRules")]
        lines += explanation.rules.map { "  " + words("summary.softRule", .text($0.title), .text($0.measure), .score($0.points)) }
        return lines.joined(separator: "\n")
    }

    /// Every group with its members, composition and rule notes; groups with broken hard rules first.
    /// - Complexity: O(output).
    public static func renderGroups(_ explanation: Explanation, context: GroupingContext) -> String {
        let order = explanation.groups.filter { !$0.problems.isEmpty } + explanation.groups.filter { $0.problems.isEmpty }
        let words = context.words
        var lines: [String] = []
        for group in order {
            let names = group.members.map { context.visibility.displayName(context.roster, $0) }
            lines.append(words("summary.group", .text(displaySafe(group.label)), .int(group.members.count), .text(names.joined(separator: "; "))))
            for problem in group.problems { lines.append("  " + words("summary.broken", .text(problem))) }
            for part in group.composition { lines.append("  \(displaySafe(context.header(of: part.attribute))): \(part.text)") }
            for note in group.notes + group.personalNotes { lines.append("  \(note)") }
        }
        return lines.joined(separator: "\n")
    }

    /// Rounds: repeats left and why, continuing leaders who moved and why, joiners placed. Empty without
    /// `--history` or `--previous`.
    /// - Complexity: O(n).
    public static func renderRounds(_ explanation: Explanation, context: GroupingContext) -> String {
        let rounds = context.model.rounds, words = context.words
        var lines: [String] = []
        if rounds.historyRounds > 0 {
            let placement = Placement(groups: context.groups, groupCount: context.groupCount)
            let last = rounds.lastRound.filter { placement.together($0) }.count
            let repeats = rounds.metBefore.filter { placement.together($0.pair) }.count
            var line = words("summary.repeats", .int(repeats), .int(last))
            if last > 0 {
                line += rounds.noRepeat ? words("summary.repeats.hard") : words("summary.repeats.soft", .number(rounds.historyWeight))
            }
            lines.append(line)
        }
        if !rounds.previousGroup.isEmpty {
            let continuing = context.roster.ids.indices.filter { context.previousLabel($0) != nil }
            let movers = continuing.filter(context.moved)
            let joiners = context.roster.count - continuing.count
            lines.append(words("summary.moved", .int(movers.count), .int(continuing.count), .int(joiners)))
            let shown = 30
            for i in movers.prefix(shown) {
                let story = explanation.leaders[i]
                lines.append("  " + words("summary.mover", .text(context.visibility.displayName(context.roster, i)), .text(displaySafe(story.previousLabel!)),
                                          .text(displaySafe(context.labels[story.group]))) + (story.moveReason.map { " (\($0))" } ?? ""))
            }
            if movers.count > shown { lines.append("  " + words("summary.moreMovers", .int(movers.count - shown))) }
        }
        return lines.joined(separator: "\n")
    }
}
