import SparringModel

/// The plain-text summary `sparring check` prints: what was read, each attribute, relations and group sizes.
public enum RosterSummary {
    /// - Parameters:
    ///   - roster: the validated roster.
    ///   - sizing: the group size bounds to check feasibility against.
    ///   - source: how the file was read (e.g. `UTF-8, delimiter ';'`).
    /// - Returns: lines of text, without trailing newline. O(n + levels).
    public static func render(_ roster: Roster, sizing: GroupSizing, file: String, source: String) -> String {
        var lines: [String] = []
        lines.append("roster: \(file) (\(source))")
        lines.append("leaders: \(roster.count)")
        lines.append("attributes:")
        let width = roster.attributes.map { min($0.key.count, 41) }.max() ?? 0
        for attribute in roster.attributes {
            let name = displaySafe(readable(attribute.key, length: 40)).padding(to: width)
            let header = normalizedHeader(attribute.header) == attribute.key ? "" : " (column \(displaySafe(quoted(attribute.header))))"
            lines.append("  \(name)  \(attribute.kind.rawValue.padding(to: 11)) \(describeValues(attribute))\(header)")
        }
        let reporting = roster.managers.filter { $0 >= 0 }.count
        lines.append("relations: \(reporting) reporting line\(reporting == 1 ? "" : "s"), \(roster.conflicts.count) loyalty conflict\(roster.conflicts.count == 1 ? "" : "s"), \(roster.wishes.count) wish\(roster.wishes.count == 1 ? "" : "es")")
        if let range = sizing.feasibleGroupCounts(leaders: roster.count), let preferred = sizing.preferredGroupCount(leaders: roster.count) {
            let sizes = GroupSizing.balancedSizes(leaders: roster.count, groups: preferred)
            let counts = range.lowerBound == range.upperBound ? "\(range.lowerBound) groups" : "\(range.lowerBound) to \(range.upperBound) groups"
            lines.append("groups: \(counts) of \(sizing.minSize)–\(sizing.maxSize) possible; \(preferred) preferred (sizes \(describeSizes(sizes)))")
        } else {
            lines.append("groups: \(roster.count) leaders cannot be split into groups of \(sizing.minSize)–\(sizing.maxSize)")
        }
        return lines.joined(separator: "\n")
    }

    static func describeValues(_ attribute: Attribute) -> String {
        let missing = attribute.codes.count + attribute.values.count - attribute.presentCount
            - (attribute.kind == .ordinal ? attribute.values.count : 0)
        let empty = missing > 0 ? "; \(missing) empty" : ""
        switch attribute.kind {
        case .categorical, .ordinal:
            let counts = attribute.levelCounts
            var order = Array(counts.indices)
            if attribute.kind == .categorical { order.sort { (counts[$1], $0) < (counts[$0], $1) } }
            let shown = order.prefix(8).map { "\(displaySafe(readable(attribute.levels[$0], length: 40))) \(counts[$0])" }
            let more = order.count > 8 ? ", … \(order.count - 8) more" : ""
            return "\(attribute.levels.count) value\(attribute.levels.count == 1 ? "" : "s"): \(shown.joined(separator: ", "))\(more)\(empty)"
        case .numeric:
            let present = attribute.values.filter { !$0.isNaN }
            guard let low = present.min(), let high = present.max() else { return "no values" }
            let mean = present.reduce(0, +) / Double(present.count)
            return "\(present.count) values from \(formatNumber(low)) to \(formatNumber(high)), mean \(formatNumber((mean * 10).rounded() / 10))\(empty)"
        }
    }

    /// "6 and 5" style list of distinct sizes with counts: `5×6, 2×5`.
    public static func describeSizes(_ sizes: [Int]) -> String {
        var counts: [(size: Int, count: Int)] = []
        for size in sizes.sorted(by: >) {
            if counts.last?.size == size { counts[counts.count - 1].count += 1 } else { counts.append((size, 1)) }
        }
        return counts.map { "\($0.count)×\($0.size)" }.joined(separator: " + ")
    }
}

extension String {
    func padding(to width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
