/// Finds the leader a cell means, written the way HR exports write people: by id, by an id that Excel
/// re-saved without its leading zeros, or by name.
///
/// Resolution, in order:
/// 1. the exact id (trimmed; an apostrophe that an Excel-safe export put in front is ignored);
/// 2. the id ignoring leading zeros (`5001` finds `005001` and the other way round) — reported once per file,
///    because it means Excel turned the ids into numbers;
/// 3. the name, compared as ``normalizedHeader(_:)`` compares headers: ignoring case and repeated or
///    surrounding white space; Swift compares and hashes strings by canonical equivalence, so `é` typed as
///    one character or as `e` plus an accent agree. A name two leaders share is ambiguous: the caller reports the
///    candidates and asks for the id.
///
/// The id table is built at once in O(n); the tables of ids without zeros and of names are built in O(n) on
/// the first reference the exact ids do not explain, so rosters whose references are all ids pay nothing for
/// them. Each look-up is O(length of the text). Not for sharing between threads.
public struct PersonLookup {
    /// How a reference was matched.
    public enum Match: Sendable, Equatable {
        case id
        /// The reference and the id differ only in leading zeros.
        case idWithoutLeadingZeros
        case name
    }

    /// The outcome of one look-up.
    public enum Resolution: Sendable, Equatable {
        case leader(Int, Match)
        /// Several leaders carry this name (roster indices, in roster order).
        case ambiguous([Int])
        case unknown
    }

    /// The tables that only references other than exact ids need, built on first use.
    private final class SlowTables {
        let roster: Roster
        init(_ roster: Roster) { self.roster = roster }

        lazy var byBareID: [String: [Int]] = {
            var table: [String: [Int]] = [:]
            for (i, id) in roster.ids.enumerated() { if let bare = PersonLookup.bareID(id) { table[bare, default: []].append(i) } }
            return table
        }()

        lazy var byName: [String: [Int]] = {
            var table: [String: [Int]] = [:]
            for (i, name) in roster.names.enumerated() where name != roster.ids[i] {
                let key = normalizedHeader(name)
                if !key.isEmpty { table[key, default: []].append(i) }
            }
            return table
        }()
    }

    private let byID: [String: Int]
    private let slow: SlowTables
    /// Whether any leader has a name of their own (not just the id repeated).
    public let hasNames: Bool

    public init(_ roster: Roster) {
        var byID: [String: Int] = [:]
        byID.reserveCapacity(roster.count)
        for (i, id) in roster.ids.enumerated() where byID[id] == nil { byID[id] = i }
        self.byID = byID
        self.slow = SlowTables(roster)
        self.hasNames = zip(roster.names, roster.ids).contains { $0 != $1 }
    }

    /// The leader `text` refers to. O(length of `text`).
    public func resolve(_ text: some StringProtocol) -> Resolution {
        var reference = text.trimmingSpaces()
        if reference.isEmpty { return .unknown }
        if let i = byID[reference] { return .leader(i, .id) }
        if reference.hasPrefix("'") {
            reference.removeFirst()
            if let i = byID[reference] { return .leader(i, .id) }
        }
        if let bare = Self.bareID(reference), let found = slow.byBareID[bare] {
            if found.count == 1 { return .leader(found[0], .idWithoutLeadingZeros) }
            return .ambiguous(found)
        }
        if let found = slow.byName[normalizedHeader(reference)] {
            return found.count == 1 ? .leader(found[0], .name) : .ambiguous(found)
        }
        return .unknown
    }

    /// Whether `text` resolves to exactly one leader.
    public func resolvesToOne(_ text: some StringProtocol) -> Bool {
        if case .leader = resolve(text) { return true }
        return false
    }

    /// A numeric id without its leading zeros (`"005001"` → `"5001"`, `"000"` → `"0"`); `nil` for ids that are
    /// not all digits, which Excel leaves alone.
    package static func bareID(_ id: String) -> String? {
        guard !id.isEmpty, id.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        let bare = id.drop { $0 == "0" }
        return bare.isEmpty ? "0" : String(bare)
    }

    /// Splits a cell that lists people into references.
    ///
    /// Separators: `|` first (then nothing else splits); otherwise a cell that names one person as a whole
    /// ("Lund, Bo", "Søren; kaldet Sasse") is that person; otherwise `;` (inside quotes in a semicolon file) and
    /// line breaks (Alt+Enter in Excel) split, and failing those, commas.
    /// - Complexity: O(length of `text`).
    public func splitList(_ text: String) -> [String] {
        func pieces(_ separators: (Character) -> Bool) -> [String] {
            text.split(whereSeparator: separators).map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
        }
        if text.contains("|") { return pieces { $0 == "|" } }
        if text.contains(where: { $0 == ";" || $0 == "," || $0.isNewline }), resolvesToOne(text) { return [text.trimmingSpaces()] }
        if text.contains(where: { $0 == ";" || $0.isNewline }) { return pieces { $0 == ";" || $0.isNewline } }
        return pieces { $0 == "," }
    }
}

extension Roster {
    /// "Mette Andersen (id 1007, line 8)" for messages that must tell two leaders apart; "1007 (line 8)"
    /// when the roster has no names; "row 8" when the roster is a workbook.
    public func personWithLine(_ i: Int) -> Message {
        let line: Message.Argument? = i < lines.count ? .text("\(lines[i])") : nil
        switch (names[i] == ids[i], line) {
        case (true, nil): return Message("text.verbatim", .text(ids[i]))
        case (true, let line?):
            return linesAreRows ? Message("lookup.idWithRow", .text(ids[i]), line) : Message("lookup.idWithLine", .text(ids[i]), line)
        case (false, nil): return Message("lookup.person", .text(names[i]), .text(ids[i]))
        case (false, let line?):
            return linesAreRows ? Message("lookup.personWithRow", .text(names[i]), .text(ids[i]), line)
                : Message("lookup.personWithLine", .text(names[i]), .text(ids[i]), line)
        }
    }
}
