import SparringModel

/// Resolves the people named in one relation column or side file and accounts for every reference, so that
/// nothing is dropped in silence.
///
/// - A name two leaders share is an error at its cell, listing the candidates with their ids and lines.
/// - References to nobody are one grouped warning (a count and the first examples) when they are few; when
///   they are most of the column, the column is an error with the likely cause — a column of names that
///   match nobody must never look like "0 reporting lines, usable".
/// - Ids that match only without their leading zeros are accepted and reported once, naming Excel.
///
/// - Complexity: O(1) amortised per reference plus O(examples) to report.
struct ReferenceCheck {
    /// Where the references are, for messages: `column "nærmeste leder"` or `this pins file`.
    let place: String
    /// What one reference is, singular and plural: ("manager", "managers").
    let noun: (one: String, many: String)
    /// What happens to an unresolved reference: "this reporting line is not used".
    let consequence: (one: String, many: String)
    let file: String
    let lookup: PersonLookup

    private(set) var references = 0
    private(set) var resolvedByName = 0
    private var unknown: [(text: String, field: CSVField, owner: String?)] = []
    private var unknownDistinct = Set<String>()
    private var strippedZeros: [(text: String, id: String, field: CSVField)] = []
    /// Ambiguous names in order of first use, each with its candidates and every cell that uses it.
    private var ambiguous: [(text: String, candidates: [Int], fields: [CSVField])] = []
    private var ambiguousPosition: [String: Int] = [:]
    private let roster: Roster

    init(place: String, noun: (String, String), consequence: (String, String), file: String, roster: Roster, lookup: PersonLookup) {
        self.roster = roster
        self.place = place
        self.noun = noun
        self.consequence = consequence
        self.file = file
        self.lookup = lookup
    }

    /// The leader `text` (found in `field`) refers to, or `nil` after recording why not.
    /// - Parameter owner: the leader whose row this is, named in single-reference messages.
    mutating func resolve(_ text: String, at field: CSVField, owner: String? = nil) -> Int? {
        references += 1
        switch lookup.resolve(text) {
        case let .leader(i, match):
            if match == .name { resolvedByName += 1 }
            if match == .idWithoutLeadingZeros { strippedZeros.append((text.trimmingSpaces(), roster.ids[i], field)) }
            return i
        case let .ambiguous(candidates):
            let key = normalizedHeader(text)
            if let k = ambiguousPosition[key] {
                ambiguous[k].fields.append(field)
            } else {
                ambiguousPosition[key] = ambiguous.count
                ambiguous.append((text.trimmingSpaces(), candidates, [field]))
            }
            return nil
        case .unknown:
            unknown.append((text.trimmingSpaces(), field, owner))
            unknownDistinct.insert(normalizedHeader(text))
            return nil
        }
    }

    /// Whether most references lead nowhere: at least three different unknown references, more than half of
    /// all references. (One or two unknown managers are usually directors outside the roster; dozens are a
    /// column that does not match the roster.)
    var mostlyUnresolved: Bool { unknownDistinct.count >= 3 && unknown.count * 2 > references }

    /// Every problem found, grouped: errors for ambiguous names and for a column that mostly resolves to
    /// nobody, otherwise one warning for the unknown references and one for stripped leading zeros.
    func diagnostics(unknownHint: String) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for (text, candidates, fields) in ambiguous {
            let list = candidates.prefix(5).map(roster.personWithLine).joined(separator: ", ")
            let more = candidates.count > 5 ? " and \(candidates.count - 5) more" : ""
            let lines = fields.map(\.line)
            let uses = lines.count == 1 ? "" : " (used on lines \(lines.prefix(6).map(String.init).joined(separator: ", "))\(lines.count > 6 ? " and \(lines.count - 6) more" : ""))"
            found.append(.error(file, fields[0].line, fields[0].column,
                                "the \(noun.one) \(quoted(text)) could be any of \(candidates.count) leaders: \(list)\(more)\(uses)",
                                hint: "write the id instead of the name, so that Sparring knows which one is meant."))
        }
        if let first = unknown.first {
            let examples = Self.examples(unknown.map { ($0.text, $0.field.line) })
            if mostlyUnresolved {
                found.append(.error(file, first.field.line, first.field.column,
                                    "\(place): \(unknown.count) of \(references) \(noun.many) match no leader in the roster, e.g. \(examples)",
                                    hint: likelyCause()))
            } else if unknown.count == 1 {
                let whose = first.owner.map { " of leader \(quoted($0))" } ?? ""
                found.append(.warning(file, first.field.line, first.field.column,
                                      "the \(noun.one) \(quoted(first.text))\(whose) is not in the roster; \(consequence.one)", hint: unknownHint))
            } else {
                found.append(.warning(file, first.field.line, first.field.column,
                                      "\(unknown.count) \(noun.many) in \(place) are not in the roster, so \(consequence.many): \(examples)", hint: unknownHint))
            }
        }
        if let first = strippedZeros.first {
            let count = strippedZeros.count
            found.append(.warning(file, first.field.line, first.field.column,
                                  "\(count == 1 ? "1 id" : "\(count) ids") in \(place) match a leader only when leading zeros are ignored, e.g. \(quoted(first.text)) for \(quoted(first.id)); they were matched",
                                  hint: "Excel drops leading zeros when it opens a CSV file; to keep them, format the id column as Text, or import with Data › From Text/CSV."))
        }
        return found
    }

    /// For a side file, where any error makes the file unusable: throws `earlier` errors and the check's own,
    /// sorted by position; otherwise returns the check's warnings.
    func sideFileWarnings(after earlier: [Diagnostic]) throws(DiagnosticError) -> [Diagnostic] {
        let found = diagnostics(unknownHint: "check the id or name; a leader who has left can simply be removed from the file.")
        let errors = earlier + found.filter { $0.severity == .error }
        if !errors.isEmpty { throw DiagnosticError(errors.sorted { ($0.line, $0.column) < ($1.line, $1.column) }) }
        return found.filter { $0.severity == .warning }
    }

    /// The likely reason why a column's references match nobody, as a hint.
    private func likelyCause() -> String {
        let texts = unknown.prefix(50).map(\.text)
        let numeric = texts.filter { $0.allSatisfy { $0.isNumber } }.count
        if numeric * 2 > texts.count {
            return "these look like ids, but the roster's ids are different (another numbering, or another export); write the ids from the roster's id column."
        }
        if !lookup.hasNames {
            return "these look like names, but the roster has no name column to match them against; add a column \"navn\" (or \"name\"), or write ids."
        }
        return "these look like names that are spelled differently from the roster's name column, or people who are not in this roster; correct the spelling or write ids."
    }

    /// `"A" (line 2), "B" (line 5), "C" (line 9)` and `and 12 more`.
    static func examples(_ items: [(text: String, line: Int)], limit: Int = 3) -> String {
        let shown = items.prefix(limit).map { "\(quoted($0.text)) (line \($0.line))" }.joined(separator: ", ")
        return items.count > limit ? "\(shown) and \(items.count - limit) more" : shown
    }
}
