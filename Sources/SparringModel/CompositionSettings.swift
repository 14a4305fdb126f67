import Foundation

/// Settings of the composition rules that act on whole groups: at least N holders, at most N sharing a value,
/// a shared meeting day, balanced means. Each rule reads its own options (its `RuleDescriptor`, in the rule's
/// file); any front end may fill them; attribute names are checked against the roster when the score is compiled.

/// `ATTR=VALUE[:N]` or `ATTR>=X[:N]`: every group should have at least N such members.
public struct AtLeastSetting: Sendable, Equatable {
    public enum Condition: Sendable, Equatable {
        /// The attribute's value equals this text (case and spacing ignored).
        case equals(String)
        /// The attribute's number is at least this.
        case atLeast(Double)
    }

    public var attribute: String
    public var condition: Condition
    public var count: Int

    /// The largest N accepted (far above any group size; keeps every count in range).
    public static let maximumCount = 10_000

    public init(attribute: String, condition: Condition, count: Int = 1) {
        self.attribute = attribute
        self.condition = condition
        self.count = count
    }

    /// Reads `ATTR=VALUE[:N]` or `ATTR>=X[:N]` (`≥` accepted); `nil` when the text has neither form.
    public static func parse(_ text: String) -> AtLeastSetting? {
        var body = text.trimmingSpaces(), count = 1
        if let colon = body.lastIndex(of: ":"), let n = Int(body[body.index(after: colon)...].trimmingSpaces()) {
            guard (1...maximumCount).contains(n) else { return nil }
            count = n
            body = String(body[..<colon])
        }
        for separator in [">=", "≥"] {
            if let range = body.range(of: separator) {
                let name = body[..<range.lowerBound].trimmingSpaces()
                guard !name.isEmpty, let x = parseLooseNumber(body[range.upperBound...].trimmingSpaces()) else { return nil }
                return AtLeastSetting(attribute: name, condition: .atLeast(x), count: count)
            }
        }
        guard let equals = body.firstIndex(of: "=") else { return nil }
        let name = body[..<equals].trimmingSpaces(), value = body[body.index(after: equals)...].trimmingSpaces()
        guard !name.isEmpty, !value.isEmpty else { return nil }
        return AtLeastSetting(attribute: name, condition: .equals(value), count: count)
    }

    /// The setting as written on the command line.
    public var text: String {
        let condition: String
        switch self.condition {
        case .equals(let value): condition = "=" + value
        case .atLeast(let x): condition = ">=" + formatNumber(x)
        }
        return attribute + condition + (count == 1 ? "" : ":\(count)")
    }
}

/// `ATTR=N`: at most N members of a group share a value of ATTR.
public struct AtMostSetting: Sendable, Equatable {
    public var attribute: String
    public var count: Int

    public init(attribute: String, count: Int) {
        self.attribute = attribute
        self.count = count
    }

    /// Reads `ATTR=N` with N ≥ 1; `nil` otherwise.
    public static func parse(_ text: String) -> AtMostSetting? {
        let parts = text.split(separator: "=", maxSplits: 1).map { $0.trimmingSpaces() }
        guard parts.count == 2, !parts[0].isEmpty, let n = Int(parts[1]), (1...AtLeastSetting.maximumCount).contains(n) else { return nil }
        return AtMostSetting(attribute: parts[0], count: n)
    }

    public var text: String { "\(attribute)=\(count)" }
}

/// `ATTR[=W]`: the groups' means of a numeric attribute close to the overall mean.
public struct BalanceSetting: Sendable, Equatable {
    public var attribute: String
    public var weight: Double

    public static let defaultWeight: Double = 3

    public init(attribute: String, weight: Double = BalanceSetting.defaultWeight) {
        self.attribute = attribute
        self.weight = weight
    }

    /// Reads `ATTR` or `ATTR=W` with W from 0 to 5; `nil` otherwise.
    public static func parse(_ text: String) -> BalanceSetting? {
        let parts = text.split(separator: "=", maxSplits: 1).map { $0.trimmingSpaces() }
        guard let name = parts.first, !name.isEmpty else { return nil }
        if parts.count == 1 { return BalanceSetting(attribute: name) }
        guard let w = parseLooseNumber(parts[1]), (0...5).contains(w) else { return nil }
        return BalanceSetting(attribute: name, weight: w)
    }
}

/// Splits a meeting-days cell ("mandag|onsdag", "Mandag; Onsdag", "mandag, onsdag") into its days or places,
/// as written (trimmed), each once: two spellings that differ only in case or spacing are one day.
/// O(length).
public func meetingDays(_ cell: String) -> [String] {
    let separators: Set<Character> = ["|", ";", ",", "/", "\n", "\r"]
    var seen = Set<String>(), days: [String] = []
    for piece in cell.split(whereSeparator: { separators.contains($0) }) {
        let day = piece.trimmingSpaces()
        if !day.isEmpty, seen.insert(normalizedHeader(day)).inserted { days.append(day) }
    }
    return days
}
