import SparringModel

/// Judges whether a plain roster column (one that no header names as a relation) holds people, so that a
/// relation is never read as an attribute in silence.
///
/// A column holds people when
/// - more than half of its filled cells (at least two) name other leaders of the roster: each person in the cell
///   (see ``PersonLookup/splitList(_:)``) is a leader's name, or the id of a leader when ids are not plain
///   numbers (numeric ids look like any other number: seniority, a post code — they count only under a header
///   that reads like a relation); or
/// - its header reads like a relation or a role held by a person (`Tidligere chef`, `Mentor`, `Tovholder`,
///   `Kontaktperson`) and at least one cell names another leader by name (or by an id that is not a number).
///
/// A cell that names the leader of its own row (a second copy of the name or id) is not evidence.
/// - Complexity: O(cells × length of a cell).
enum PeopleColumn {
    struct Finding {
        /// Filled cells, and those that name other leaders.
        var filled: Int
        var people: Int
        /// The first cell that names another leader.
        var example: CSVField
        /// The relation the header suggests, if any.
        var guess: ColumnRole?
    }

    /// Words of headers that name a manager, a conflict or a wish without being one of the known headers.
    static let relationWords: [String: ColumnRole] = [
        "leder": .manager, "chef": .manager, "manager": .manager, "boss": .manager, "supervisor": .manager,
        "overordnet": .manager, "overordnede": .manager, "direktør": .manager, "director": .manager, "leader": .manager,
        "undgå": .conflicts, "avoid": .conflicts, "konflikt": .conflicts, "konflikter": .conflicts, "conflict": .conflicts,
        "conflicts": .conflicts, "adskil": .conflicts,
        "ønske": .wishes, "ønsker": .wishes, "ønsket": .wishes, "wish": .wishes, "wishes": .wishes, "gerne": .wishes,
    ]
    /// Words of headers that name a person with a role that is not a relation Sparring knows.
    static let personWords: Set<String> = [
        "mentor", "mentee", "tovholder", "kontaktperson", "kontakt", "contact", "coach", "makker", "buddy", "partner",
        "sparringspartner", "kollega", "colleague", "facilitator", "stedfortræder", "deputy", "fadder", "sponsor",
        "tilknyttet", "ansvarlig", "responsible", "referent",
    ]

    /// The relation a header word names: the word itself, or its genitive or definite form ("leders", "chefens").
    static func relationWord(_ word: String) -> ColumnRole? {
        ColumnRole.nouns(of: word).lazy.compactMap { relationWords[$0] }.first
    }

    /// The longest cell (UTF-8 bytes) that is looked at for people: about twenty names.
    static let longestList = 500

    static func judge(header: String, cells: [CSVField], lookup: PersonLookup) -> Finding? {
        let words = ColumnRole.headerWords(header)
        let guess = words.lazy.compactMap { relationWord($0) }.first
        let looksRelational = guess != nil || words.contains(where: personWords.contains)
        var filled = 0, people = 0, byName = 0
        var example: CSVField?
        for (i, field) in cells.enumerated() {
            // A cell of more than a few hundred characters is a note, not people (and is not worth the look-ups).
            if field.text.utf8.count > longestList { filled += 1; continue }
            let text = field.text.trimmingSpaces()
            if text.isEmpty { continue }
            filled += 1
            let parts = lookup.splitList(text)
            let found = parts.map { Self.evidence($0, row: i, lookup: lookup) }
            guard !parts.isEmpty, found.allSatisfy({ $0 != .none }) else { continue }
            let strong = found.allSatisfy { $0 == .strong }
            if strong { byName += 1 }
            guard strong || looksRelational else { continue }
            people += 1
            if example == nil || (strong && byName == 1) { example = field }
        }
        guard let example else { return nil }
        if filled >= 2 && people * 2 > filled { return Finding(filled: filled, people: people, example: example, guess: guess) }
        // A header that reads like a relation: one cell naming a leader by name (or by an id that is not a plain number) is enough.
        if looksRelational && byName > 0 { return Finding(filled: filled, people: byName, example: example, guess: guess) }
        return nil
    }

    private enum Evidence { case none, weak, strong }

    /// How surely `text` names a leader other than `row`: by name or by an id that is not a plain number (strong),
    /// by a plain-number id (weak: it may be any number), or not at all.
    private static func evidence(_ text: String, row: Int, lookup: PersonLookup) -> Evidence {
        switch lookup.resolve(text) {
        case let .leader(j, match):
            if j == row { return .none }
            if match == .name { return .strong }
            return text.trimmingSpaces().allSatisfy(\.isNumber) ? .weak : .strong
        case .ambiguous: return .strong
        case .unknown: return .none
        }
    }
}

/// A value as a POSIX shell reads it as one word: `'Overordnet'`, or in double quotes when it holds a `'`.
func shellQuoted(_ value: String) -> String {
    if !value.contains("'") { return "'" + value + "'" }
    return "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        .replacingOccurrences(of: "$", with: "\\$").replacingOccurrences(of: "`", with: "\\`") + "\""
}
