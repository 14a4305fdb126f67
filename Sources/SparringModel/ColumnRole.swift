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
        case .id: ["id", "nr", "nr.", "medarbejdernr", "medarbejdernr.", "medarbejdernummer", "medarbejder nr", "medarbejder id",
                   "medarbejderid", "leader id", "employee id", "employee number", "løbenr", "lbnr"]
        case .name: ["name", "navn", "fulde navn", "fuldt navn", "full name", "leader name", "ledernavn", "leder navn", "leders navn"]
        case .firstName: ["first name", "firstname", "fornavn", "given name"]
        case .lastName: ["last name", "lastname", "surname", "efternavn", "family name"]
        case .field: ["field", "fag", "område", "fagområde", "sector", "area"]
        case .rank: ["rank", "charge", "niveau", "lederniveau", "ledelsesniveau", "level"]
        case .gender: ["gender", "køn", "sex"]
        case .seniority: ["seniority", "anciennitet", "år som leder", "years as leader"]
        case .age: ["age", "alder"]
        case .unit: ["unit", "enhed", "afdeling", "forvaltning", "department"]
        case .manager: ["manager", "leder", "chef", "nærmeste leder", "boss", "reports to", "nærmeste chef", "overordnet",
                        "overordnede", "nærmeste overordnede", "nærmeste overordnet", "line manager", "direct manager",
                        "immediate manager", "supervisor", "superior", "reporting to", "reports to manager", "refererer til",
                        "manager name", "chefens navn", "lederens navn", "nærmeste leders navn"]
        case .location: ["location", "geografi", "distrikt", "by", "district", "town"]
        case .conflicts: ["conflicts", "konflikter", "konflikt", "conflict", "undgå", "ikke med", "ikke sammen med", "avoid",
                          "not with", "keep apart", "hold adskilt", "hold adskilte", "skal ikke være med", "konflikt med"]
        case .wishes: ["wishes", "ønsker", "ønske", "wish", "gerne med", "gerne sammen med", "ønsker at være med", "ønsket",
                       "ønsker sig", "wants", "would like", "prefers", "wish list", "ønskeliste"]
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

    /// The role whose aliases include `header`, if any (see ``match(header:)``).
    public static func role(forHeader header: String) -> ColumnRole? { match(header: header)?.role }

    /// The role a header names, and the alias it was matched by.
    ///
    /// Matching ignores case, surrounding and repeated spaces. Then, in order, until an alias matches:
    /// 1. the header as it is;
    /// 2. with punctuation read as spaces (`manager_id`, `Leder-ID`, `Nr.`) and any part in brackets left out
    ///    (`Ønsker (navne)`, `Køn (M/K)`): these say how a value is written, not what it means;
    /// 3. for a relation (manager, conflicts, wishes), without a last word that says the people are written as
    ///    ids or names (`Manager ID`, `Leder nr`, `Reports to ID`, `Undgå navne`), and without a first word that
    ///    only says which manager (`Nærmeste`, `Direct`, `Line`, `Immediate`);
    /// 4. for a relation whose people are written as ids or names (step 3 dropped a last word), with its noun in
    ///    the genitive or definite form read as the noun (`Nærmeste leders nr.`, `Chefens nr`, `Manager's ID`):
    ///    "the boss's number" names the boss as well as "boss number" does.
    ///
    /// Danish letters are recognised however they arrived: as typed ("nærmeste leder"), written without the
    /// Danish keyboard as ae, oe and aa ("naermeste leder", "koen", "omraade"), or as UTF-8 shown as
    /// Windows-1252 ("NÃ¦rmeste leder", "KÃ¸n", "Ã˜nsker", "OmrÃ¥de"; also after lower-casing: "nã¦rmeste leder").
    /// - Complexity: O(length of `header`).
    public static func match(header: String) -> (role: ColumnRole, alias: String)? {
        if let found = matchNormalized(header) { return found }
        if let repaired = repairedMojibake(header) { return matchNormalized(repaired) }
        return nil
    }

    /// Words after a relation's name that say how the people are written: `Manager ID`, `Leder-nr`.
    static let referenceSuffixes: Set<String> = ["id", "ids", "nr", "no", "nummer", "number", "navn", "navne", "name", "names",
                                                 "initialer", "initials", "email", "e-mail", "mail"]
    /// Words before a manager's name that only say which one: `Nærmeste chef`, `Direct supervisor`.
    static let managerPrefixes: Set<String> = ["nærmeste", "naermeste", "direkte", "direct", "line", "immediate", "own", "egen"]

    private static func matchNormalized(_ header: String) -> (role: ColumnRole, alias: String)? {
        let plain = normalizedHeader(header)
        if let role = table[plain] { return (role, plain) }
        let words = headerWords(header)
        let loose = words.joined(separator: " ")
        if let role = table[loose] { return (role, loose) }
        var core = words
        while core.count > 1, let last = core.last, referenceSuffixes.contains(last) { core.removeLast() }
        if core.count < words.count, let role = table[core.joined(separator: " ")], role.isRelation {
            return (role, core.joined(separator: " "))
        }
        if core.count > 1, managerPrefixes.contains(core[0]) {
            let rest = core.dropFirst().joined(separator: " ")
            if table[rest] == .manager { return (.manager, rest) }
        }
        if core.count < words.count, let found = possessive(core) { return found }
        // "ManagerID", "LederID": one word, the id glued on.
        if words.count == 1, let word = words.first {
            for suffix in ["id", "nr"] where word.count > suffix.count + 3 && word.hasSuffix(suffix) {
                let stem = String(word.dropLast(suffix.count))
                if let role = table[stem], role.isRelation { return (role, stem) }
            }
        }
        return nil
    }

    /// The relation named by `words` whose last noun is in the genitive or definite form ("leders", "chefens",
    /// "manager s" from "manager's"), after any word that only says which manager. O(words).
    private static func possessive(_ words: [String]) -> (role: ColumnRole, alias: String)? {
        var words = words
        if words.count > 1 && words.last == "s" { words.removeLast() }
        if words.count > 1, managerPrefixes.contains(words[0]) { words.removeFirst() }
        guard let last = words.last else { return nil }
        for noun in nouns(of: last) {
            var base = words
            base[base.count - 1] = noun
            let alias = base.joined(separator: " ")
            if let role = table[alias], role.isRelation { return (role, alias) }
        }
        return nil
    }

    /// `word` and the nouns it may be the genitive or definite form of: "chefens" → chefens, chef, chefen, …;
    /// the reader keeps the forms it knows. O(length).
    package static func nouns(of word: String) -> [String] {
        [word] + ["ens", "ets", "es", "en", "s"].filter { word.count > $0.count + 2 && word.hasSuffix($0) }.map { String(word.dropLast($0.count)) }
    }

    /// The words of a header: lower-cased, any part in brackets left out, punctuation read as spaces.
    /// `"Ønsker (navne)"` → `["ønsker"]`, `"manager_id"` → `["manager", "id"]`, `"Leder-ID:"` → `["leder", "id"]`.
    package static func headerWords(_ header: String) -> [String] {
        var out = ""
        var depth = 0
        for character in header.lowercased() {
            if character == "(" || character == "[" { depth += 1; out.append(" "); continue }
            if character == ")" || character == "]" { depth = max(0, depth - 1); out.append(" "); continue }
            if depth > 0 { continue }
            if character.isLetter || character.isNumber { out.append(character) } else { out.append(" ") }
        }
        return out.split(separator: " ").map(String.init)
    }

    /// Whether this role names other leaders (the manager, conflicts, wishes).
    public var isRelation: Bool { self == .manager || self == .conflicts || self == .wishes }

    /// Every alias, and its ASCII transliteration (æ → ae, ø → oe, å → aa) where that differs.
    private static let table: [String: ColumnRole] = {
        var table: [String: ColumnRole] = [:]
        for role in allCases { for alias in role.aliases { table[alias] = role } }
        for role in allCases {
            for alias in role.aliases {
                let ascii = alias.replacingDanishLetters()
                if table[ascii] == nil { table[ascii] = role }
            }
        }
        return table
    }()

    /// The text that UTF-8 bytes shown as Windows-1252 (or Latin-1) were meant to be: "NÃ¦rmeste" → "Nærmeste";
    /// `nil` when `text` is not such mojibake. A lower-cased "ã" before a continuation byte is read as "Ã".
    static func repairedMojibake(_ text: String) -> String? {
        var bytes: [UInt8] = []
        let scalars = Array(text.unicodeScalars)
        bytes.reserveCapacity(scalars.count)
        for (i, scalar) in scalars.enumerated() {
            guard let byte = windows1252Byte(scalar) else { return nil }
            let nextIsContinuation = i + 1 < scalars.count && windows1252Byte(scalars[i + 1]).map { $0 & 0xC0 == 0x80 } == true
            bytes.append(byte == 0xE3 && nextIsContinuation ? 0xC3 : byte)
        }
        guard bytes.contains(where: { $0 >= 0x80 }), let repaired = String(validating: bytes, as: UTF8.self) else { return nil }
        return repaired
    }

    /// The Windows-1252 byte that shows as `scalar` (Latin-1 for the five bytes Windows-1252 leaves undefined).
    private static func windows1252Byte(_ scalar: Unicode.Scalar) -> UInt8? {
        if scalar.value < 0x100 { return UInt8(scalar.value) }
        return windows1252HighCodePoints.firstIndex(of: scalar.value).map { UInt8(0x80 + $0) }
    }
}

private extension String {
    /// "nærmeste" → "naermeste": the spelling used without a Danish keyboard.
    func replacingDanishLetters() -> String {
        var out = ""
        for character in self {
            switch character {
            case "æ": out += "ae"
            case "ø": out += "oe"
            case "å": out += "aa"
            default: out.append(character)
            }
        }
        return out
    }
}

/// Code points of Windows-1252 bytes 0x80…0x9F; the five bytes Windows-1252 leaves undefined keep their
/// Latin-1 value. Shared by the CSV decoder and the repair of mojibake headers.
package let windows1252HighCodePoints: [UInt32] = [
    0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
    0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
]

/// Lower-cases a header, trims it and folds runs of white space (including non-breaking spaces) to one space.
public func normalizedHeader(_ header: String) -> String {
    header.lowercased()
        .split(whereSeparator: { $0.isWhitespace || $0 == "\u{FEFF}" })
        .joined(separator: " ")
}
