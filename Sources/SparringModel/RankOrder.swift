/// Orders rank labels: numbers by value, known Danish and English titles by level; unknown titles below the
/// known ones (alphabetically among themselves), or everything in the consultant's own order (`--rank-order`).
public enum RankOrder {
    /// Level numbers of well-known leadership titles, 1 = first-line leader … 4 = director.
    static let knownLevels: [String: Int] = {
        let levels: [(Int, [String])] = [
            (1, ["team leader", "team lead", "teamleder", "souschef", "stedfortræder", "viceskoleleder", "viceinstitutionsleder",
                 "pædagogisk leder", "faglig leder", "koordinator", "teamkoordinator", "gruppeleder", "sektionsleder",
                 "first-line leader", "førstelinjeleder", "supervisor", "deputy"]),
            (2, ["institution leader", "institutionsleder", "skoleleder", "afdelingsleder", "centerleder", "dagplejeleder",
                 "plejehjemsleder", "forstander", "ungdomsskoleleder", "distriktsleder", "middle manager", "mellemleder", "manager"]),
            (3, ["head of department", "department head", "chef", "dagtilbudsleder", "områdeleder", "forvaltningschef", "fagchef",
                 "centerchef", "områdechef", "afdelingschef", "kontorchef", "sektorchef", "stabschef", "head", "senior manager"]),
            (4, ["director", "direktør", "kommunaldirektør", "administrerende direktør", "vicedirektør", "executive", "ceo",
                 "chief executive", "deputy director"]),
        ]
        var table: [String: Int] = [:]
        for (level, names) in levels { for name in names { table[name] = level } }
        return table
    }()

    /// The labels in rank order (lowest level first) and the labels whose place was guessed.
    ///
    /// All numbers (or labels holding one number, "Niveau 2"): by value. Otherwise known titles by level, with
    /// unknown titles below them, alphabetically — the unknown ones are returned so that each can be named once.
    /// - Complexity: O(k log k) for k labels.
    public static func order(_ labels: [String]) -> (ordered: [String], unknown: [String]) {
        let numbers = labels.map { parseLooseNumber($0) ?? embeddedNumber($0) }
        if numbers.allSatisfy({ $0 != nil }) {
            return (zip(labels, numbers).sorted { ($0.1!, $0.0) < ($1.1!, $1.0) }.map(\.0), [])
        }
        let levels = labels.map { knownLevels[normalizedHeader($0)] ?? 0 }
        let ordered = zip(labels, levels).sorted { ($0.1, $0.0) < ($1.1, $1.0) }.map(\.0)
        return (ordered, ordered.filter { knownLevels[normalizedHeader($0)] == nil })
    }

    /// The labels in the order the consultant gave, highest rank first (`Direktør>Chef>Teamleder`), matched
    /// ignoring case and spaces.
    /// - Returns: the labels lowest first, and the labels the order does not mention (to be reported).
    /// - Complexity: O(k + g) for k labels and g given titles.
    public static func order(_ labels: [String], given: [String]) -> (ordered: [String], missing: [String]) {
        var position: [String: Int] = [:]
        for (i, title) in given.enumerated() where position[normalizedHeader(title)] == nil { position[normalizedHeader(title)] = i }
        let missing = labels.filter { position[normalizedHeader($0)] == nil }
        let ordered = labels.filter { position[normalizedHeader($0)] != nil }
            .sorted { (position[normalizedHeader($1)]!, $1) < (position[normalizedHeader($0)]!, $0) }
        return (ordered, missing)
    }

    /// Splits a `--rank-order` value, highest first: `Direktør>Chef>Afdelingsleder`. Empty titles are dropped.
    public static func parseGiven(_ text: String) -> [String] {
        text.split(separator: ">").map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
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
