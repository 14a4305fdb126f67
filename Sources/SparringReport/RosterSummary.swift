import SparringModel

/// The plain-text summary `sparring check` prints: what was read, each attribute, relations and group sizes.
public enum RosterSummary {
    /// - Parameters:
    ///   - roster: the validated roster.
    ///   - sizing: the group size bounds to check feasibility against.
    ///   - source: how the file was read (e.g. `UTF-8, delimiter ';'`).
    /// - Returns: lines of text, without trailing newline. O(n + levels).
    public static func render(_ roster: Roster, sizing: GroupSizing, file: String, source: String, words: Words = Words(.en)) -> String {
        var lines: [String] = []
        lines.append(words("check.roster", .text(file), .text(source)))
        lines.append(words("check.leaders", .int(roster.count)))
        lines.append(words("check.attributes"))
        // English names each column by the key settings use ("field"), with its header when that differs; other
        // languages by the roster's own header, which settings accept as well.
        let byKey = words.language == .en
        func title(_ attribute: Attribute) -> String { byKey ? attribute.key : attribute.header }
        let width = roster.attributes.map { min(title($0).count, 41) }.max() ?? 0
        for attribute in roster.attributes {
            let name = displaySafe(readable(title(attribute), length: 40)).padding(to: width)
            let header = !byKey || normalizedHeader(attribute.header) == attribute.key ? "" : " " + words("check.column", .quoted(displaySafe(attribute.header)))
            lines.append("  \(name)  \(words("check.kind.\(attribute.kind.rawValue)").padding(to: 11)) \(describeValues(attribute, words))\(header)")
        }
        let reporting = roster.managers.filter { $0 >= 0 }.count
        lines.append(words("check.relations", .int(reporting), .int(roster.conflicts.count), .int(roster.wishes.count)))
        if let range = sizing.feasibleGroupCounts(leaders: roster.count), let preferred = sizing.preferredGroupCount(leaders: roster.count) {
            let sizes = GroupSizing.balancedSizes(leaders: roster.count, groups: preferred)
            let counts = range.lowerBound == range.upperBound ? words("check.groupCount", .int(range.lowerBound)) : words("check.groupRange", .int(range.lowerBound), .int(range.upperBound))
            lines.append(words("check.groups", .text(counts), .int(sizing.minSize), .int(sizing.maxSize), .int(preferred), .text(describeSizes(sizes))))
        } else {
            lines.append(words("check.cannotSplit", .int(roster.count), .int(sizing.minSize), .int(sizing.maxSize)))
        }
        return lines.joined(separator: "\n")
    }

    /// The summary for a page: the leader count, one line per shown attribute ("køn: 2 værdier: kvinde 199,
    /// mand 101"), the relations and the possible group counts; attributes not in `shown` (hidden with
    /// `--hide`) are left out. O(n + levels).
    public static func brief(_ roster: Roster, sizing: GroupSizing, shown: [Int], words: Words) -> [String] {
        let all = render(roster, sizing: sizing, file: "", source: "", words: words).split(separator: "\n").map(String.init)
        let attributes = shown.map { "\(displaySafe(roster.attributes[$0].header)): \(describeValues(roster.attributes[$0], words))" }
        // render: file, leaders, "columns:", one line per attribute, relations, groups.
        return [all[1]] + attributes + all.suffix(2)
    }

    static func describeValues(_ attribute: Attribute, _ words: Words) -> String {
        let missing = attribute.codes.count + attribute.values.count - attribute.presentCount
            - (attribute.kind == .ordinal ? attribute.values.count : 0)
        let empty = missing > 0 ? words("check.empty", .int(missing)) : ""
        switch attribute.kind {
        case .categorical, .ordinal:
            let counts = attribute.levelCounts
            var order = Array(counts.indices)
            if attribute.kind == .categorical { order.sort { (counts[$1], $0) < (counts[$0], $1) } }
            let shown = order.prefix(8).map { "\(displaySafe(readable(attribute.levels[$0], length: 40))) \(counts[$0])" }
            let more = order.count > 8 ? words("check.moreValues", .int(order.count - 8)) : ""
            return words("check.values", .int(attribute.levels.count), .text(shown.joined(separator: ", ") + more)) + empty
        case .numeric:
            let present = attribute.values.filter { !$0.isNaN }
            guard let low = present.min(), let high = present.max() else { return words("check.noValues") }
            let mean = present.reduce(0, +) / Double(present.count)
            return words("check.numbers", .int(present.count), .number(low), .number(high), .number((mean * 10).rounded() / 10)) + empty
        }
    }

    /// "6 and 5" style list of distinct sizes with counts: `5×6, 2×5`.
    public static func describeSizes(_ sizes: [Int]) -> String {
        sizeCounts(sizes).map { "\($0.count)×\($0.size)" }.joined(separator: " + ")
    }

    /// Distinct sizes, largest first, with how many groups have each. O(m log m).
    static func sizeCounts(_ sizes: [Int]) -> [(size: Int, count: Int)] {
        var counts: [(size: Int, count: Int)] = []
        for size in sizes.sorted(by: >) {
            if counts.last?.size == size { counts[counts.count - 1].count += 1 } else { counts.append((size, 1)) }
        }
        return counts
    }
}

extension String {
    func padding(to width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
