/// A grouping's score: hard rules broken (must be 0) first, then the soft score (higher is better).
public struct Score: Sendable, Equatable, Comparable, CustomStringConvertible {
    /// Hard rules broken (0 for a usable grouping).
    public var hard: Int
    /// Soft points (higher is better).
    public var soft: Double

    /// A score of `hard` broken rules and `soft` points.
    public init(hard: Int, soft: Double) {
        self.hard = hard
        self.soft = soft
    }

    /// `a < b` when `a` is worse: more hard rules broken, or as many and a lower soft score.
    public static func < (a: Score, b: Score) -> Bool {
        a.hard != b.hard ? a.hard > b.hard : a.soft < b.soft
    }

    /// "hard H, soft S" (two decimals).
    public var description: String { "hard \(hard), soft \(formatScore(soft))" }
}

/// The soft score with two decimals, as printed in summaries (`-0.00` shown as `0.00`).
public func formatScore(_ value: Double) -> String {
    let rounded = (value * 100).rounded() / 100
    let cents = Int((abs(rounded) * 100).rounded())
    let sign = rounded < 0 && cents != 0 ? "-" : ""
    let fraction = cents % 100
    return "\(sign)\(cents / 100).\(fraction < 10 ? "0" : "")\(fraction)"
}
