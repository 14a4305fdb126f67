/// Orders rank labels: numbers by value, known Danish and English titles by level, anything else alphabetically.
public enum RankOrder {
    /// Level numbers of well-known leadership titles, 1 = first-line leader … 4 = director.
    static let knownLevels: [String: Int] = {
        let levels: [(Int, [String])] = [
            (1, ["team leader", "teamleder", "souschef", "viceskoleleder", "pædagogisk leder", "koordinator", "first-line leader", "førstelinjeleder"]),
            (2, ["institution leader", "institutionsleder", "skoleleder", "afdelingsleder", "centerleder", "middle manager", "mellemleder"]),
            (3, ["head of department", "department head", "chef", "dagtilbudsleder", "områdeleder", "forvaltningschef", "fagchef", "centerchef", "områdechef", "head"]),
            (4, ["director", "direktør", "kommunaldirektør", "administrerende direktør", "executive"]),
        ]
        var table: [String: Int] = [:]
        for (level, names) in levels { for name in names { table[name] = level } }
        return table
    }()

    /// The labels in rank order (lowest level first) and whether the order was known rather than guessed.
    /// - Complexity: O(k log k) for k labels.
    public static func order(_ labels: [String]) -> (ordered: [String], known: Bool) {
        let numbers = labels.map { parseLooseNumber($0) ?? embeddedNumber($0) }
        if numbers.allSatisfy({ $0 != nil }) {
            let ordered = zip(labels, numbers).sorted { ($0.1!, $0.0) < ($1.1!, $1.0) }.map(\.0)
            return (ordered, true)
        }
        let levels = labels.map { knownLevels[normalizedHeader($0)] }
        if levels.allSatisfy({ $0 != nil }) {
            let ordered = zip(labels, levels).sorted { ($0.1!, $0.0) < ($1.1!, $1.0) }.map(\.0)
            return (ordered, true)
        }
        return (labels.sorted(), false)
    }

    /// The number inside a label such as "Niveau 2" or "Level 3", if it holds exactly one.
    static func embeddedNumber(_ label: String) -> Double? {
        let digits = label.split(whereSeparator: { !$0.isNumber })
        return digits.count == 1 ? Double(digits[0]) : nil
    }
}

/// Parses a number as a Danish or English Excel user writes it: "12", "3,5", "3.5", "1.234,5", "-2", with
/// surrounding spaces. Returns `nil` for anything else. O(length).
public func parseLooseNumber(_ text: some StringProtocol) -> Double? {
    var s = text.trimmingSpaces()
    if s.isEmpty { return nil }
    s = s.replacingMinusSign()
    let hasComma = s.contains(","), hasDot = s.contains(".")
    if hasComma && hasDot {
        // The later separator is the decimal mark; the other groups thousands.
        let lastComma = s.lastIndex(of: ",")!, lastDot = s.lastIndex(of: ".")!
        if lastComma > lastDot {
            s = s.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: ".")
        } else {
            s = s.replacingOccurrences(of: ",", with: "")
        }
    } else if hasComma {
        if s.filter({ $0 == "," }).count > 1 { return nil }
        s = s.replacingOccurrences(of: ",", with: ".")
    }
    guard s.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-" || $0 == "+" || $0 == "e" || $0 == "E") }),
          let value = Double(s), value.isFinite else { return nil }
    return value
}

extension StringProtocol {
    /// The text without leading and trailing white space (including non-breaking spaces).
    public func trimmingSpaces() -> String {
        guard let start = firstIndex(where: { !$0.isWhitespace }) else { return "" }
        let end = lastIndex(where: { !$0.isWhitespace })!
        return String(self[start...end])
    }
}

extension String {
    fileprivate func replacingMinusSign() -> String {
        contains("\u{2212}") ? replacingOccurrences(of: "\u{2212}", with: "-") : self
    }

    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: Character(target), omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
