import SparringModel

/// Resolves the people named in one relation column or side file and accounts for every reference, so that
/// nothing is dropped in silence.
///
/// - A name two leaders share is an error at its cell, listing the candidates with their ids and lines.
/// - In a roster's own relation columns and in conflicts and wishes files (``outside`` set), every reference
///   to nobody is an error: one per person named, with the closest names in the roster ("did you mean …?") and the way to say the person is
///   outside the roster on purpose (`--outside`, or a cell such as `Lars Bak (udenfor)`; see ``OutsidePeople``).
/// - In grouping files (history, previous, pins), references to nobody are one grouped warning (a count and the first examples) when they are
///   few.
/// - When they are most of the column, the column is an error with the likely cause — a column of names that
///   match nobody must never look like "0 reporting lines, usable".
/// - Ids that match only without their leading zeros are accepted and reported once, naming Excel.
///
/// - Complexity: O(1) amortised per reference plus O(examples) to report.
struct ReferenceCheck {
    /// What the references are, in the words of messages, and what becomes of one that names nobody.
    struct Noun {
        /// One reference: "manager".
        let one: Message
        /// Several: "managers".
        let many: Message
        /// What happens to one unresolved reference: "this reporting line is not used".
        let consequenceOne: Message
        /// What happens to several, read after "so": "their reporting lines are not used".
        let consequenceMany: Message

        init(_ one: String, _ many: String, _ consequence: String) {
            self.one = Message("reference.noun.\(one)")
            self.many = Message("reference.noun.\(many)")
            self.consequenceOne = Message("reference.ignored.\(consequence).one")
            self.consequenceMany = Message("reference.ignored.\(consequence).many")
        }

        /// The manager column of a roster.
        static let manager = Noun("manager", "managers", "reportingLine")
        /// The conflicts column of a roster.
        static let conflictCell = Noun("conflict", "conflicts", "conflictCell")
        /// The wishes column of a roster.
        static let wishCell = Noun("wish", "wishes", "wishCell")
        /// The leaders of a grouping file (one row each).
        static let groupingRow = Noun("leader", "leaders", "row")
        /// The leaders of a conflicts or wishes file.
        static func pairFile(_ relation: PairFileLoader.Relation) -> Noun {
            Noun("leader", "leaders", relation == .conflict ? "conflictRow" : "wishRow")
        }
    }

    /// Where the references are, for messages: `column "nærmeste leder"` or `this pins file`.
    let place: Message
    /// What the references are (see ``Noun``).
    let noun: Noun
    let file: String
    let lookup: PersonLookup
    /// The references are in a workbook's sheet: messages say "row 5", not "line 5".
    var inSheet = false
    /// People outside the roster on purpose; when set (a roster's relation column), a reference to nobody else
    /// is an error instead of a warning.
    var outside: OutsidePeople?
    /// References to people outside the roster on purpose.
    private(set) var outsideCount = 0
    /// The people outside the roster on purpose, as first written, in order of first use.
    private(set) var outsideNames: [String] = []
    private var outsideSeen = Set<String>()

    private mutating func noteOutside(_ text: String) {
        outsideCount += 1
        if outsideSeen.insert(normalizedHeader(text)).inserted { outsideNames.append(text.trimmingSpaces()) }
    }

    private(set) var references = 0
    private(set) var resolvedByName = 0
    private var unknown: [(text: String, field: CSVField, owner: String?)] = []
    private var unknownDistinct = Set<String>()
    private var strippedZeros: [(text: String, id: String, field: CSVField)] = []
    /// Ambiguous names in order of first use, each with its candidates and every cell that uses it.
    private var ambiguous: [(text: String, candidates: [Int], fields: [CSVField])] = []
    private var ambiguousPosition: [String: Int] = [:]
    private let roster: Roster

    init(place: Message, noun: Noun, file: String, roster: Roster, lookup: PersonLookup) {
        self.roster = roster
        self.place = place
        self.noun = noun
        self.file = file
        self.lookup = lookup
    }

    /// The leader `text` (found in `field`) refers to, or `nil` after recording why not.
    /// - Parameter owner: the leader whose row this is, named in single-reference messages.
    mutating func resolve(_ text: String, at field: CSVField, owner: String? = nil) -> Int? {
        references += 1
        if let outside, outside.isMarked(text) {
            noteOutside(text)
            return nil
        }
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
            if let outside, outside.contains(text) {
                noteOutside(text)
                return nil
            }
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
    func diagnostics(unknownHint: Message) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for (text, candidates, fields) in ambiguous {
            let list = Message.Argument.commaSeparated(candidates.prefix(5).map { .message(roster.personWithLine($0)) })
            let more = Self.more(candidates.count - 5)
            let lines = fields.map(\.line)
            let shownLines = Message.Argument.text(lines.prefix(6).map(String.init).joined(separator: ", "))
            let uses: Message.Argument = lines.count == 1 ? .text("")
                : .message(inSheet ? Message("reference.usedOnRows", shownLines, Self.more(lines.count - 6))
                                   : Message("reference.usedOnLines", shownLines, Self.more(lines.count - 6)))
            found.append(.error(file, fields[0].line, fields[0].column,
                                Message("reference.ambiguous", .message(noun.one), .quoted(text), .int(candidates.count), list, more, uses),
                                hint: Message("reference.ambiguous.hint")))
        }
        if let first = unknown.first {
            let examples = Self.examples(unknown.map { ($0.text, $0.field.line) }, rows: inSheet)
            if mostlyUnresolved {
                found.append(.error(file, first.field.line, first.field.column,
                                    Message("reference.mostlyUnknown", .message(place), .int(unknown.count), .int(references), .message(noun.many), examples),
                                    hint: outside == nil ? likelyCause() : Message("input.cause.orOutside", .message(likelyCause()), .text(shellQuoted(
                                        unknown.map(\.text).reduce(into: [String]()) { if !$0.contains($1) && $0.count < 3 { $0.append($1) } }
                                            .joined(separator: ", "))))))
            } else if outside != nil {
                found += unknownErrors()
            } else if unknown.count == 1 {
                let whose: Message.Argument = first.owner.map { .message(Message("reference.ofLeader", .quoted($0))) } ?? .text("")
                found.append(.warning(file, first.field.line, first.field.column,
                                      Message("reference.unknownOne", .message(noun.one), .quoted(first.text), whose, .message(noun.consequenceOne)),
                                      hint: unknownHint))
            } else {
                found.append(.warning(file, first.field.line, first.field.column,
                                      Message("reference.unknownMany", .int(unknown.count), .message(noun.many), .message(place),
                                              .message(noun.consequenceMany), examples),
                                      hint: unknownHint))
            }
        }
        if let first = strippedZeros.first {
            found.append(.warning(file, first.field.line, first.field.column,
                                  Message("reference.leadingZeros", .int(strippedZeros.count), .message(place), .quoted(first.text), .quoted(first.id)),
                                  hint: Message("reference.leadingZeros.hint")))
        }
        return found
    }

    /// How many people named nobody are listed one by one (each with the closest names) before the rest are counted.
    static let listedUnknown = 12

    /// One error per person named who is not in the roster: where, by whom, the closest names, and the fix.
    private func unknownErrors() -> [Diagnostic] {
        var order: [String] = []
        var uses: [String: [(text: String, field: CSVField, owner: String?)]] = [:]
        for item in unknown {
            let key = normalizedHeader(item.text)
            if uses[key] == nil { order.append(key) }
            uses[key, default: []].append(item)
        }
        let suggester = NameSuggestions(roster)
        var found: [Diagnostic] = []
        for key in order.prefix(Self.listedUnknown) {
            let items = uses[key]!
            let first = items[0]
            let close = suggester.closest(to: first.text)
            let meant: Message.Argument = close.isEmpty ? .text("")
                : .message(Message("input.didYouMean", .alternatives(close.map { .quoted($0) })))
            let message: Message
            if items.count == 1 {
                let whose: Message.Argument = first.owner.flatMap { $0.isEmpty ? nil : .message(Message("reference.ofLeader", .quoted($0))) } ?? .text("")
                message = Message("input.unknownOne", .message(noun.one), .quoted(first.text), whose, meant)
            } else {
                let lines = Self.lineList(items.map(\.field.line), rows: inSheet)
                message = Message("input.unknownShared", .message(noun.one), .quoted(first.text), .int(items.count), lines, meant)
            }
            let option = Message.Argument.text(shellQuoted(first.text))
            let marked = Message.Argument.text("\"" + first.text + " (" + OutsidePeople.markers[0] + ")\"")
            let hint = if !close.isEmpty {
                Message("input.unknown.hint.suggest", .quoted(first.text), option)
            } else if noun.one == ReferenceCheck.Noun.manager.one && items.count > 1 {
                Message("input.unknown.hint.top", .quoted(first.text), option, marked)
            } else {
                Message("input.unknown.hint", option)
            }
            found.append(.error(file, first.field.line, first.field.column, message, hint: hint))
        }
        if order.count > Self.listedUnknown {
            let rest = order.dropFirst(Self.listedUnknown)
            let firstRest = uses[rest.first!]![0]
            let examples = Self.examples(rest.map { (uses[$0]![0].text, uses[$0]![0].field.line) }, rows: inSheet)
            found.append(.error(file, firstRest.field.line, firstRest.field.column,
                                Message("input.unknownMore", .int(rest.count), .message(noun.many), .message(place), examples),
                                hint: Message("input.unknown.hint", .text("'…'"))))
        }
        return found
    }

    /// `lines 2, 3, 5 and 4 more` (`rows …` in a sheet).
    static func lineList(_ lines: [Int], rows: Bool, limit: Int = 6) -> Message.Argument {
        let shown = Message.Argument.text(lines.prefix(limit).map(String.init).joined(separator: ", "))
        return .message(Message(rows ? "input.rows" : "input.lines", shown, more(lines.count - limit)))
    }

    /// For a side file, where any error makes the file unusable: throws `earlier` errors and the check's own,
    /// sorted by position; otherwise returns the check's warnings.
    func sideFileWarnings(after earlier: [Diagnostic]) throws(DiagnosticError) -> [Diagnostic] {
        let found = diagnostics(unknownHint: Message("reference.unknownInFile.hint"))
        let errors = earlier + found.filter { $0.severity == .error }
        if !errors.isEmpty { throw DiagnosticError(errors.sorted { ($0.line, $0.column) < ($1.line, $1.column) }) }
        return found.filter { $0.severity == .warning }
    }

    /// The likely reason why a column's references match nobody, as a hint.
    private func likelyCause() -> Message {
        let texts = unknown.prefix(50).map(\.text)
        let numeric = texts.filter { $0.allSatisfy { $0.isNumber } }.count
        if numeric * 2 > texts.count { return Message("reference.cause.otherIDs") }
        if !lookup.hasNames { return Message("reference.cause.noNameColumn") }
        return Message("reference.cause.otherNames")
    }

    /// `"A" (line 2), "B" (line 5), "C" (line 9)` and `and 12 more`; `(row 2)` in a sheet.
    static func examples(_ items: [(text: String, line: Int)], limit: Int = 3, rows: Bool = false) -> Message.Argument {
        let shown = Message.Argument.commaSeparated(items.prefix(limit).map { item in
            .message(rows ? Message("reference.example.row", .quoted(item.text), .text("\(item.line)"))
                          : Message("reference.example", .quoted(item.text), .text("\(item.line)")))
        })
        return items.count > limit ? .message(Message("reference.examplesAndMore", shown, .int(items.count - limit))) : shown
    }

    /// ` and 3 more` after a list cut short, or nothing when `count` is 0 or less.
    static func more(_ count: Int) -> Message.Argument {
        count > 0 ? .message(Message("reference.andMore", .int(count))) : .text("")
    }
}
