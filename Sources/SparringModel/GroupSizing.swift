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

    /// Nearby bounds that make `leaders` splittable, phrased for a hint ("--min-size 4", "put all 3 in one group
    /// with --min-size 3"); empty when the bounds already work.
    public func suggestions(leaders: Int) -> [Message.Argument] {
        guard feasibleGroupCounts(leaders: leaders) == nil, leaders > 0 else { return [] }
        var ideas: [Message.Argument] = []
        if leaders < minSize {
            return [.message(Message("sizes.oneGroup", .int(leaders), .text("\(leaders)")))]
        }
        var lower = minSize
        while lower > 1 && GroupSizing(minSize: lower, maxSize: maxSize).feasibleGroupCounts(leaders: leaders) == nil { lower -= 1 }
        if lower != minSize { ideas.append(.text("--min-size \(lower)")) }
        var upper = maxSize
        while GroupSizing(minSize: minSize, maxSize: upper).feasibleGroupCounts(leaders: leaders) == nil { upper += 1 }
        if upper != maxSize { ideas.append(.text("--max-size \(upper)")) }
        return ideas
    }

    /// Problems with the bounds themselves or with splitting `leaders` people by them.
    public func diagnose(leaders: Int, groups: Int? = nil) -> [Diagnostic] {
        if minSize < 2 {
            return [.error(nil, Message("sizes.tooSmall", .text("\(minSize)")), hint: Message("sizes.tooSmall.hint"))]
        }
        if maxSize < minSize {
            return [.error(nil, Message("sizes.swapped", .text("\(maxSize)"), .text("\(minSize)")),
                           hint: Message("sizes.swapped.hint", .text("\(maxSize)"), .text("\(minSize)")))]
        }
        if leaders < 2 {
            return [.error(nil, Message("sizes.tooFewLeaders", .int(leaders)), hint: Message("sizes.tooFewLeaders.hint"))]
        }
        let bounds: [Message.Argument] = [.int(leaders), .text("\(minSize)"), .text("\(maxSize)")]
        if let groups {
            if groups < 1 || groups * minSize > leaders || groups * maxSize < leaders {
                let range = feasibleGroupCounts(leaders: leaders)
                let hint = range.map { Message("sizes.groupCount.hint", .int($0.lowerBound), .int($0.upperBound)) }
                    ?? Message("sizes.changeSizes.hint", .alternatives(suggestions(leaders: leaders)))
                return [.error(nil, Message("sizes.cannotForm", arguments: bounds + [.text("\(groups)")]), hint: hint)]
            }
            return []
        }
        if feasibleGroupCounts(leaders: leaders) == nil {
            return [.error(nil, Message("sizes.cannotSplit", arguments: bounds),
                           hint: Message("sizes.otherSizes.hint", .alternatives(suggestions(leaders: leaders))))]
        }
        return []
    }
}
