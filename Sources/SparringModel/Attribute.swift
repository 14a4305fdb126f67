/// How an attribute's values are compared.
public enum AttributeKind: String, Sendable, Equatable {
    /// Labels; two leaders are alike when they share a label.
    case categorical
    /// Ordered labels or numbers (rank); alike when equal, and the order gives a numeric level.
    case ordinal
    /// Numbers; alike when close (spread is the sum of squared differences).
    case numeric
}

/// One column of the roster that the composition may consider, stored as flat per-leader arrays.
public struct Attribute: Sendable, Equatable {
    /// The column header as written in the file.
    public let header: String
    /// The name used in settings and output: the English role name for known columns, else the normalised header.
    public let key: String
    public let role: ColumnRole?
    public let kind: AttributeKind
    /// Labels in order (categorical: order of first appearance; ordinal: rank order, lowest level first).
    public let levels: [String]
    /// Per leader, the index into ``levels``, or -1 for an empty cell. Empty for numeric attributes.
    public let codes: [Int32]
    /// Per leader, the numeric value (ordinal: the level number 1…), `.nan` for an empty cell. Empty for categorical ones.
    public let values: [Double]

    public init(header: String, key: String, role: ColumnRole?, kind: AttributeKind,
                levels: [String] = [], codes: [Int32] = [], values: [Double] = []) {
        self.header = header
        self.key = key
        self.role = role
        self.kind = kind
        self.levels = levels
        self.codes = codes
        self.values = values
    }

    /// Number of leaders with a value.
    public var presentCount: Int {
        kind == .numeric ? values.lazy.filter { !$0.isNaN }.count : codes.lazy.filter { $0 >= 0 }.count
    }

    /// How many leaders hold each level (categorical and ordinal attributes).
    public var levelCounts: [Int] {
        var counts = [Int](repeating: 0, count: levels.count)
        for code in codes where code >= 0 { counts[Int(code)] += 1 }
        return counts
    }

    /// The value of leader `leader` as display text ("" when empty).
    public func displayValue(of leader: Int) -> String {
        switch kind {
        case .categorical, .ordinal:
            let code = codes[leader]
            return code < 0 ? "" : levels[Int(code)]
        case .numeric:
            let value = values[leader]
            return value.isNaN ? "" : formatNumber(value)
        }
    }
}

extension Attribute {
    /// The attribute as messages name it (see ``messageName(key:header:)``).
    public var messageName: Message.Argument { Self.messageName(key: key, header: header) }

    /// How a message names an attribute: by its key in English (`seniority`, `gender`: the name the settings
    /// use), by the roster's own header in Danish (`anciennitet`, `køn`), both display-safe. A header written
    /// with one capital ("Køn", "År som leder") is lower-cased in running text; one with more capitals
    /// ("MED-udvalg") stays as it is. The same naming as the rules' texts.
    public static func messageName(key: String, header: String) -> Message.Argument {
        let shown = displaySafe(header)
        let running = shown.dropFirst().contains(where: \.isUppercase) ? shown : shown.prefix(1).lowercased() + shown.dropFirst()
        let safeKey = displaySafe(key)
        return .message(Message("attribute.name", .text(safeKey), .text(running.isEmpty ? safeKey : running)))
    }

    /// What a known column means, as messages name it: "name", "seniority" / "navn", "anciennitet".
    public static func roleName(_ role: ColumnRole) -> Message.Argument {
        .message(Message("attribute.role.\(roleKey(role))"))
    }

    /// The catalogue key ending of a role (`first name` → `firstName`).
    private static func roleKey(_ role: ColumnRole) -> String {
        switch role {
        case .firstName: "firstName"
        case .lastName: "lastName"
        case .together: "together"
        default: role.rawValue
        }
    }
}

/// Formats a number without a trailing ".0" for whole values, otherwise with up to two decimals.
public func formatNumber(_ value: Double) -> String {
    if value == value.rounded() && abs(value) < 1e15 { return String(Int(value)) }
    let scaled = (value * 100).rounded() / 100
    return String(scaled)
}
