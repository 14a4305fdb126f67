/// The meaning of a roster column that Sparring knows by name, in English or Danish.
///
/// Any column that is not recognised becomes an extra attribute whose type is inferred from its values.
public enum ColumnRole: String, CaseIterable, Sendable, Hashable {
    case id, name, firstName = "first name", lastName = "last name"
    case field, rank, gender, seniority, age, unit, manager, location, conflicts, wishes
    /// The group a leader is placed in (assignments files; ignored in a roster).
    case group
    /// Leaders sharing a value must share a group (keep-together sets).
    case together = "keep together"

    /// Header spellings accepted for this role, already normalised (see ``normalizedHeader(_:)``).
    public var aliases: [String] {
        switch self {
        case .id: ["id", "nr", "nr.", "medarbejdernr", "medarbejdernr.", "medarbejdernummer", "medarbejder nr", "leader id"]
        case .name: ["name", "navn", "fulde navn", "full name"]
        case .firstName: ["first name", "firstname", "fornavn"]
        case .lastName: ["last name", "lastname", "surname", "efternavn"]
        case .field: ["field", "fag", "område", "fagområde", "sector", "area"]
        case .rank: ["rank", "charge", "niveau", "lederniveau", "ledelsesniveau", "level"]
        case .gender: ["gender", "køn", "sex"]
        case .seniority: ["seniority", "anciennitet", "år som leder", "years as leader"]
        case .age: ["age", "alder"]
        case .unit: ["unit", "enhed", "afdeling", "forvaltning", "department"]
        case .manager: ["manager", "leder", "chef", "nærmeste leder", "boss", "reports to"]
        case .location: ["location", "geografi", "distrikt", "by", "district", "town"]
        case .conflicts: ["conflicts", "konflikter", "konflikt", "conflict"]
        case .wishes: ["wishes", "ønsker", "ønske", "wish"]
        case .together: ["keep together", "together", "hold sammen", "sammen"]
        case .group: ["group", "gruppe", "network", "netværk", "netværksgruppe", "sparringsgruppe", "team"]
        }
    }

    /// Whether this role's values become a groupable attribute (as opposed to keys and relations).
    public var isAttribute: Bool {
        switch self {
        case .field, .rank, .gender, .seniority, .age, .unit, .location: true
        default: false
        }
    }

    /// Whether values must be numbers (a non-number is an error rather than a reason to treat the column as text).
    public var isNumeric: Bool { self == .seniority || self == .age }

    /// The role whose aliases include `header`, if any. Matching ignores case, surrounding spaces and repeated spaces.
    public static func role(forHeader header: String) -> ColumnRole? {
        let key = normalizedHeader(header)
        return table[key]
    }

    private static let table: [String: ColumnRole] = {
        var table: [String: ColumnRole] = [:]
        for role in allCases { for alias in role.aliases { table[alias] = role } }
        return table
    }()
}

/// Lower-cases a header, trims it and folds runs of white space (including non-breaking spaces) to one space.
public func normalizedHeader(_ header: String) -> String {
    header.lowercased()
        .split(whereSeparator: { $0.isWhitespace || $0 == "\u{FEFF}" })
        .joined(separator: " ")
}
