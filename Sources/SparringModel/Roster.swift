/// Two leaders, by index into the roster. For symmetric relations `first < second`.
public struct LeaderPair: Hashable, Sendable, Comparable {
    public let first: Int32
    public let second: Int32

    public init(_ first: Int, _ second: Int) {
        self.first = Int32(first)
        self.second = Int32(second)
    }

    /// The same two leaders with the smaller index first.
    public var sorted: LeaderPair { first <= second ? self : LeaderPair(Int(second), Int(first)) }

    public static func < (a: LeaderPair, b: LeaderPair) -> Bool {
        (a.first, a.second) < (b.first, b.second)
    }
}

/// Why two leaders must not share a group.
public enum SeparationReason: String, Sendable, Equatable {
    /// One is the other's manager (the `manager` column).
    case reportingLine = "reporting line"
    /// Named as a loyalty conflict (the `conflicts` column or a conflicts file).
    case conflict = "loyalty conflict"
}

/// A pair that a hard rule keeps apart.
public struct Separation: Hashable, Sendable {
    public let pair: LeaderPair
    public let reason: SeparationReason

    public init(pair: LeaderPair, reason: SeparationReason) {
        self.pair = pair
        self.reason = reason
    }
}

/// The leaders to group, with their attributes and the relations between them.
///
/// Leaders are indexed 0..<count in file order; every relation refers to these indices, never to ids,
/// so nothing downstream depends on hashing order.
public struct Roster: Sendable {
    public var ids: [String]
    /// Display names; the id when the roster has no name column.
    public var names: [String]
    public var attributes: [Attribute]
    /// Per leader, the index of their manager in this roster, or -1 (none, or a manager not being grouped).
    public var managers: [Int32]
    /// Explicit loyalty conflicts, symmetric, deduplicated, sorted.
    public var conflicts: [LeaderPair]
    /// Wishes, directed (`first` would like to be with `second`), deduplicated, sorted.
    public var wishes: [LeaderPair]
    /// The roster's own columns and cells, kept so that outputs can repeat them.
    public var columns: [String]
    public var rows: [[String]]
    /// Per leader, the line of the roster file their row starts on (empty for rosters not read from a file).
    public var lines: [Int] = []
    /// Whether ``lines`` are a sheet's rows (the roster is a workbook): messages then say "row 8", not "line 8".
    public var linesAreRows = false

    public init(ids: [String], names: [String], attributes: [Attribute], managers: [Int32],
                conflicts: [LeaderPair], wishes: [LeaderPair], columns: [String] = [], rows: [[String]] = []) {
        self.ids = ids
        self.names = names
        self.attributes = attributes
        self.managers = managers
        self.conflicts = conflicts
        self.wishes = wishes
        self.columns = columns
        self.rows = rows
    }

    public var count: Int { ids.count }

    /// Index of each id. Built on demand; O(n).
    public func indexByID() -> [String: Int] {
        var index: [String: Int] = [:]
        index.reserveCapacity(ids.count)
        for (i, id) in ids.enumerated() { index[id] = i }
        return index
    }

    /// The attribute whose key, header or column alias matches `name` (case-insensitive).
    public func attribute(named name: String) -> Attribute? {
        attributeIndex(named: name).map { attributes[$0] }
    }

    /// Index into ``attributes`` of the attribute whose key, header or alias matches `name`.
    public func attributeIndex(named name: String) -> Int? {
        let wanted = normalizedHeader(name)
        if let i = attributes.firstIndex(where: { $0.key == wanted || normalizedHeader($0.header) == wanted }) { return i }
        if let role = ColumnRole.role(forHeader: wanted) { return attributes.firstIndex { $0.role == role } }
        return nil
    }

    /// Every pair a hard rule keeps apart: manager and direct report, then explicit conflicts.
    /// A pair that is both is listed once, as a reporting line. Sorted by pair. O(n + c log c).
    public var separations: [Separation] {
        var reasons: [LeaderPair: SeparationReason] = [:]
        for pair in conflicts { reasons[pair] = .conflict }
        for (report, manager) in managers.enumerated() where manager >= 0 {
            reasons[LeaderPair(report, Int(manager)).sorted] = .reportingLine
        }
        return reasons.map { Separation(pair: $0.key, reason: $0.value) }.sorted { $0.pair < $1.pair }
    }
}

extension Roster {
    /// The roster of the leaders `kept` only (indices into this roster, ascending), as if the others were not in
    /// the file: attributes, reporting lines, conflicts and wishes among them, their rows and lines. A manager who
    /// is not kept leaves no reporting line. The attributes keep every level, so that labels and orders read the
    /// same as the whole roster's. O(n · columns + conflicts + wishes).
    public func keeping(_ kept: [Int]) -> Roster {
        var newIndex = [Int32](repeating: -1, count: count)
        for (k, i) in kept.enumerated() { newIndex[i] = Int32(k) }
        func pairs(_ list: [LeaderPair]) -> [LeaderPair] {
            list.compactMap { pair in
                let a = newIndex[Int(pair.first)], b = newIndex[Int(pair.second)]
                return a >= 0 && b >= 0 ? LeaderPair(Int(a), Int(b)) : nil
            }
        }
        let attributes = self.attributes.map { a in
            Attribute(header: a.header, key: a.key, role: a.role, kind: a.kind, levels: a.levels,
                      codes: a.codes.isEmpty ? [] : kept.map { a.codes[$0] }, values: a.values.isEmpty ? [] : kept.map { a.values[$0] })
        }
        var subset = Roster(ids: kept.map { ids[$0] }, names: kept.map { names[$0] }, attributes: attributes,
                            managers: kept.map { managers[$0] < 0 ? -1 : newIndex[Int(managers[$0])] },
                            conflicts: pairs(conflicts), wishes: pairs(wishes), columns: columns, rows: rows.isEmpty ? [] : kept.map { rows[$0] })
        subset.lines = lines.isEmpty ? [] : kept.map { lines[$0] }
        subset.linesAreRows = linesAreRows
        return subset
    }
}
