import SparringModel
import SparringSolver

/// The plain-text account of a grouping's score printed by `solve` (and `score`): hard rules first,
/// naming the leaders involved, then one line per soft rule.
public enum ScoreSummary {
    /// - Complexity: O(lines of output).
    public static func render(_ breakdown: ScoreBreakdown, roster: Roster) -> String {
        var lines: [String] = []
        func person(_ i: Int32) -> String { "\(roster.names[Int(i)]) (\(roster.ids[Int(i)]))" }
        if breakdown.score.hard == 0 {
            lines.append("hard rules: all kept (no conflict or reporting-line pair together, every group size within bounds)")
        } else {
            lines.append("hard rules broken: \(breakdown.score.hard)")
            for separation in breakdown.separationsTogether {
                lines.append("  together despite \(separation.reason.rawValue): \(person(separation.pair.first)) and \(person(separation.pair.second))")
            }
            for violation in breakdown.sizeViolations { lines.append("  group \(violation.group + 1) has \(violation.size) members, outside the size bounds") }
            for leader in breakdown.pinsBroken { lines.append("  \(person(Int32(leader))) is not in their pinned group") }
        }
        lines.append("soft rules:")
        for line in breakdown.attributes {
            if line.weight != 0 {
                let aim = line.weight > 0 ? "alike" : "different"
                let measure = line.kind == .numeric
                    ? "spread \(percent(line.actual, of: line.expected)) of a random grouping's"
                    : "\(Int(line.actual)) same-value pairs vs \(formatNumber((line.expected * 10).rounded() / 10)) at random"
                lines.append("  \(line.name) (weight \(signed(line.weight)), \(aim)): \(measure); \(formatScore(line.points)) points")
            }
            if line.loneWeight != 0 {
                let count = line.loneMembers.count
                lines.append("  \(line.name) no lone member: \(count == 0 ? "no group has" : count == 1 ? "1 group has" : "\(count) groups have") a lone member; \(formatScore(line.lonePoints)) points")
            }
        }
        if !breakdown.purityAttributes.isEmpty {
            lines.append("  pure groups (same \(breakdown.purityAttributes.joined(separator: " and ")), weight \(signed(breakdown.purityWeight))): \(breakdown.pureMembers) of \(roster.count) leaders; \(formatScore(breakdown.purityPoints)) points")
        }
        if breakdown.wishesTotal > 0 {
            lines.append("  wishes: \(breakdown.wishesGranted.count) of \(breakdown.wishesTotal) granted; \(formatScore(breakdown.wishPoints)) points")
        }
        return lines.joined(separator: "\n")
    }

    static func percent(_ value: Double, of total: Double) -> String {
        total > 0 ? "\(Int((100 * value / total).rounded()))%" : "n/a"
    }

    static func signed(_ weight: Double) -> String { weight > 0 ? "+" + formatNumber(weight) : formatNumber(weight) }
}
