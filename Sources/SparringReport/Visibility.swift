import SparringModel

/// What outputs may show of the roster (`--hide`): personal data the consultant did not ask for stays out of
/// every file and every line printed.
///
/// A hidden attribute still counts in the score; outputs show its rule only in aggregate (no values, no names).
/// Hiding the name column shows ids instead of names.
public struct Visibility: Sendable, Equatable {
    /// Indices into ``Roster/columns`` left out of CSV outputs.
    public var hiddenColumns: Set<Int> = []
    /// Indices into ``Roster/attributes`` whose values are never shown.
    public var hiddenAttributes: Set<Int> = []
    /// Show ids where names would appear.
    public var hidesNames = false
    /// Indices into ``Roster/attributes`` the consultant asked to show in the director's part of the report too
    /// (`--show`), beyond what it shows by default (``GroupingContext/directorAttributes``).
    public var shownInReport: Set<Int> = []
    /// Per leader, what tells them apart from others of the same name ("" when the name is unique): their
    /// unit when that differs between all namesakes, else their id. Empty for a visibility made without a roster.
    public var qualifiers: [String] = []

    public init() {}

    /// Everything visible; namesakes told apart. O(n).
    public init(roster: Roster) {
        qualifiers = Self.qualifiers(roster)
    }

    /// For outputs that show names and nothing else (a plan's report): namesakes are told apart by their id, never
    /// by a column the output does not show. O(n).
    public init(namesOnly roster: Roster) {
        qualifiers = Self.qualifiers(roster, hidingUnit: true)
    }

    /// The visibility of the leaders `kept` only (``Roster/keeping(_:)``): the same columns hidden, each kept
    /// leader told apart as in the whole roster. O(kept).
    public func keeping(_ kept: [Int]) -> Visibility {
        var subset = self
        subset.qualifiers = qualifiers.isEmpty ? [] : kept.map { qualifiers[$0] }
        return subset
    }

    /// Resolves `--hide` names (headers, attribute names or known aliases such as `køn`) against the roster.
    /// - Throws: ``DiagnosticError`` for a name that matches no column: a typo must not leak what it meant to hide.
    /// - Complexity: O(names · columns).
    public init(hiding names: [String], roster: Roster) throws(DiagnosticError) {
        var problems: [Diagnostic] = []
        for name in names {
            let wanted = normalizedHeader(name)
            let role = ColumnRole.role(forHeader: wanted)
            let columns = roster.columns.indices.filter {
                let header = normalizedHeader(roster.columns[$0])
                return header == wanted || (role != nil && ColumnRole.role(forHeader: header) == role)
            }
            let attributes = roster.attributes.indices.filter {
                let attribute = roster.attributes[$0]
                return attribute.key == wanted || normalizedHeader(attribute.header) == wanted || (role != nil && attribute.role == role)
            }
            if columns.isEmpty && attributes.isEmpty {
                let known = roster.columns.isEmpty ? roster.attributes.map(\.key) : roster.columns
                problems.append(.error(nil, Message("hide.noColumn", .quoted(name)), hint: Message("hide.useColumn", .text(known.map { displaySafe($0) }.joined(separator: ", ")))))
                continue
            }
            hiddenColumns.formUnion(columns)
            hiddenAttributes.formUnion(attributes)
            let roles = columns.compactMap { ColumnRole.role(forHeader: roster.columns[$0]) }
            if roles.contains(where: { $0 == .name || $0 == .firstName || $0 == .lastName }) { hidesNames = true }
        }
        if !problems.isEmpty { throw DiagnosticError(problems) }
        qualifiers = Self.qualifiers(roster, hidingUnit: roster.attributes.indices.contains { hiddenAttributes.contains($0) && roster.attributes[$0].role == .unit })
    }

    /// Per leader, what tells them apart from namesakes (names compared ignoring case and spacing): the unit
    /// when every namesake has a different, non-empty one (and units are shown), else the id; "" for a unique name.
    /// - Complexity: O(n).
    static func qualifiers(_ roster: Roster, hidingUnit: Bool = false) -> [String] {
        var byName: [String: [Int]] = [:]
        for i in roster.ids.indices { byName[normalizedHeader(roster.names[i]), default: []].append(i) }
        let unit = hidingUnit ? nil : roster.attributes.first { $0.role == .unit }
        var qualifiers = [String](repeating: "", count: roster.count)
        for namesakes in byName.values where namesakes.count > 1 {
            let units = namesakes.map { unit?.displayValue(of: $0) ?? "" }
            let useUnit = !units.contains("") && Set(units).count == units.count
            for (k, i) in namesakes.enumerated() { qualifiers[i] = useUnit ? units[k] : roster.ids[i] }
        }
        return qualifiers
    }

    /// How outputs name leader `i`: the name as in the roster, with what tells namesakes apart in brackets
    /// ("Mette Andersen (Skole)"), or the id when names are hidden. For data files (the groups CSV); text a
    /// person reads uses ``displayName(_:_:)``.
    public func name(_ roster: Roster, _ i: Int) -> String {
        if hidesNames { return roster.ids[i] }
        return i < qualifiers.count && !qualifiers[i].isEmpty ? "\(roster.names[i]) (\(qualifiers[i]))" : roster.names[i]
    }

    /// ``name(_:_:)`` for text a person reads (explanations, terminal lines, the report): control and bidi
    /// characters written out as `<U+XXXX>` by ``displaySafe(_:keepingNewlinesAndTabs:)``. O(length).
    public func displayName(_ roster: Roster, _ i: Int) -> String { displaySafe(name(roster, i)) }

    /// A leader named precisely, for rule breaches: "Hanne Holm (L017)", or just the id when names are hidden.
    /// Text a person reads, so made display-safe like ``displayName(_:_:)``.
    public func person(_ roster: Roster, _ i: Int) -> String {
        displaySafe(hidesNames ? roster.ids[i] : "\(roster.names[i]) (\(roster.ids[i]))")
    }

    /// Indices of the attributes whose values may be shown, in roster order.
    public func visibleAttributes(_ roster: Roster) -> [Int] {
        roster.attributes.indices.filter { !hiddenAttributes.contains($0) }
    }

    /// The attributes `names` (headers, keys or known aliases) name, for `--show`.
    /// - Throws: ``DiagnosticError`` for a name that matches no attribute.
    public static func attributes(named names: [String], in roster: Roster) throws(DiagnosticError) -> Set<Int> {
        var found = Set<Int>(), problems: [Diagnostic] = []
        for name in names {
            guard let a = roster.attributeIndex(named: name) else {
                problems.append(.error(nil, Message("show.noColumn", .quoted(name)),
                                       hint: Message("hide.useColumn", .text(roster.attributes.map { displaySafe($0.header) }.joined(separator: ", ")))))
                continue
            }
            found.insert(a)
        }
        if !problems.isEmpty { throw DiagnosticError(problems) }
        return found
    }

    /// Whether the attribute named `key` (an ``Attribute/key``) is hidden.
    public func hides(attributeKey key: String, in roster: Roster) -> Bool {
        hiddenAttributes.contains { roster.attributes[$0].key == key }
    }
}
