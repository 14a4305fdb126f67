/// Group size bounds and the arithmetic of splitting a roster into groups.
public struct GroupSizing: Sendable, Equatable {
    public var minSize: Int
    public var maxSize: Int
    /// The size to aim for when several group counts are possible (the reports favour 6).
    public var preferredSize: Int

    public init(minSize: Int = 5, maxSize: Int = 7, preferredSize: Int? = nil) {
        self.minSize = minSize
        self.maxSize = maxSize
        self.preferredSize = preferredSize ?? min(max(6, minSize), maxSize)
    }

    /// Group counts that can hold exactly `leaders` people within the bounds, or an empty range. O(1).
    public func feasibleGroupCounts(leaders: Int) -> ClosedRange<Int>? {
        guard leaders > 0, minSize >= 1, maxSize >= minSize else { return nil }
        let fewest = (leaders + maxSize - 1) / maxSize
        let most = leaders / minSize
        return fewest <= most ? fewest...most : nil
    }

    /// The feasible group count whose average size is nearest the preferred size (ties: fewer groups).
    public func preferredGroupCount(leaders: Int) -> Int? {
        guard let range = feasibleGroupCounts(leaders: leaders) else { return nil }
        let ideal = Double(leaders) / Double(preferredSize)
        return range.min { abs(Double($0) - ideal) < abs(Double($1) - ideal) }
    }

    /// Sizes of `groups` groups holding `leaders` people, as even as possible, larger groups first.
    public static func balancedSizes(leaders: Int, groups: Int) -> [Int] {
        let base = leaders / groups, extra = leaders % groups
        return (0..<groups).map { $0 < extra ? base + 1 : base }
    }

    /// Nearby bounds that make `leaders` splittable, phrased for a hint; empty when the bounds already work.
    public func suggestions(leaders: Int) -> [String] {
        guard feasibleGroupCounts(leaders: leaders) == nil, leaders > 0 else { return [] }
        var ideas: [String] = []
        if leaders < minSize {
            return ["put all \(leaders) in one group with --min-size \(leaders)"]
        }
        var lower = minSize
        while lower > 1 && GroupSizing(minSize: lower, maxSize: maxSize).feasibleGroupCounts(leaders: leaders) == nil { lower -= 1 }
        if lower != minSize { ideas.append("--min-size \(lower)") }
        var upper = maxSize
        while GroupSizing(minSize: minSize, maxSize: upper).feasibleGroupCounts(leaders: leaders) == nil { upper += 1 }
        if upper != maxSize { ideas.append("--max-size \(upper)") }
        return ideas
    }

    /// Problems with the bounds themselves or with splitting `leaders` people by them.
    public func diagnose(leaders: Int, groups: Int? = nil) -> [Diagnostic] {
        if minSize < 2 {
            return [.error(nil, "the smallest group size must be at least 2, not \(minSize)", hint: "use --min-size 5, the usual lower bound.")]
        }
        if maxSize < minSize {
            return [.error(nil, "the largest group size (\(maxSize)) is smaller than the smallest (\(minSize))",
                           hint: "swap them: --min-size \(maxSize) --max-size \(minSize).")]
        }
        if leaders < 2 {
            return [.error(nil, "the roster has \(leaders) leader\(leaders == 1 ? "" : "s"); a network needs at least 2",
                           hint: "check that the file holds every leader, one per row below the header.")]
        }
        if let groups {
            if groups < 1 || groups * minSize > leaders || groups * maxSize < leaders {
                let range = feasibleGroupCounts(leaders: leaders)
                let hint = range.map { "choose between \($0.lowerBound) and \($0.upperBound) groups, or change the sizes." }
                    ?? "change the sizes: \(suggestions(leaders: leaders).joined(separator: " or "))."
                return [.error(nil, "\(leaders) leaders cannot form \(groups) groups of \(minSize)–\(maxSize)", hint: hint)]
            }
            return []
        }
        if feasibleGroupCounts(leaders: leaders) == nil {
            let ideas = suggestions(leaders: leaders)
            return [.error(nil, "\(leaders) leaders cannot be split into groups of \(minSize)–\(maxSize)",
                           hint: "allow other sizes: \(ideas.joined(separator: " or ")).")]
        }
        return []
    }
}
