import SparringModel

/// Pure groups: leaders in groups whose members all share the typology's "same" attributes (field and rank
/// for local networks, rank for cross, field for sector). Pair counts alone cannot see purity: an outsider
/// added to a group removes no same-value pair.
///
/// The one definition of a pure group (``isPure(_:)``): not empty, and every member has a value on each of
/// the attributes and shares it. A member with an empty cell makes the group impure: nobody can vouch that
/// they share it.
///
/// Points: `weight · 1000 / n` per leader in a pure group, so a fully pure grouping is worth `10 · weight ·
/// 100`: above the range of a strongly "alike" attribute, so that other rules refine pure groups rather than
/// dissolve them.
public struct PureGroups: ScoreRule {
    public let id = "pure-groups"
    /// Roster attribute indices groups should be pure in (empty: no rule).
    public let attributes: [Int]
    public let names: [String]
    public let weight: Double
    /// Per leader a joint code of the attributes, 1…; 0 when any of them is empty.
    let code: UncheckedArray<Int32>
    let codeCount: Int
    /// Points per leader in a pure group.
    let coefficient: Double
    /// Whether some leader has an empty cell in one of the attributes (code 0); without, the delta skips them.
    let hasEmptyCells: Bool

    init(roster: Roster, settings: RuleSettings) {
        let attributes = settings.pureAttributes(for: roster)
        let joint = Self.jointCodes(roster: roster, attributes: attributes)
        self.attributes = attributes
        names = attributes.map { roster.attributes[$0].key }
        weight = attributes.isEmpty ? 0 : settings.purityWeight
        code = UncheckedArray(attributes.isEmpty ? [] : joint.codes)
        codeCount = attributes.isEmpty ? 0 : joint.count
        coefficient = attributes.isEmpty ? 0 : settings.purityWeight * 1000 / Double(roster.count)
        hasEmptyCells = !attributes.isEmpty && joint.codes.contains(0)
    }

    /// Per leader a joint code of `attributes`: 1 + the mixed-radix number of their values, or 0 when any of
    /// them is empty; and the number of codes. O(n · attributes).
    public static func jointCodes(roster: Roster, attributes: [Int]) -> (codes: [Int32], count: Int) {
        var joint = [Int32](repeating: 1, count: roster.count)
        var radix = 1
        for a in attributes {
            let codes = roster.attributes[a].codes
            for i in joint.indices { joint[i] = codes[i] < 0 || joint[i] == 0 ? 0 : joint[i] + Int32(radix) * codes[i] }
            radix *= roster.attributes[a].levels.count
        }
        return (joint, radix + 1)
    }

    public var isActive: Bool { !attributes.isEmpty }

    /// Whether a group whose members have these joint codes is pure: not empty, no empty cell (code 0), one code.
    public static func isPure(_ codes: [Int32]) -> Bool {
        guard let first = codes.first, first != 0 else { return false }
        return codes.allSatisfy { $0 == first }
    }

    /// The joint codes of a group's members. O(members).
    func codes(_ members: [Int]) -> [Int32] { members.map { code[$0] } }

    /// Leaders in pure groups, from scratch. O(n).
    public func pureMembers(_ placement: Placement) -> Int {
        guard isActive else { return 0 }
        return placement.members.reduce(0) { $0 + (Self.isPure(codes($1)) ? $1.count : 0) }
    }

    public func score(_ placement: Placement, in model: ScoreModel) -> Score {
        Score(hard: 0, soft: coefficient * Double(pureMembers(placement)))
    }

    /// Per (group, code) member counts and per group the number of distinct codes.
    struct Tables {
        var counts: UncheckedArray<UInt16>
        var distinct: UncheckedArray<Int32>

        /// Gives both tables storage no copy shares, for ``PureGroups/move(_:from:to:_:)``. O(1) unless shared.
        @inline(__always) mutating func makeUnique() {
            counts.makeUnique()
            distinct.makeUnique()
        }
    }

    func makeTables(groups: UncheckedArray<Int32>, groupCount: Int) -> Tables {
        var counts = [UInt16](repeating: 0, count: groupCount * codeCount), distinct = [Int32](repeating: 0, count: groupCount)
        if isActive {
            for i in 0..<groups.count {
                let cell = Int(groups[i]) * codeCount + Int(code[i])
                if counts[cell] == 0 { distinct[Int(groups[i])] += 1 }
                counts[cell] += 1
            }
        }
        return Tables(counts: UncheckedArray(counts), distinct: UncheckedArray(distinct))
    }

    /// Whether a group with `distinct` codes, of which the empty-cell code has `empties` members, is pure.
    @inline(__always) private static func pure(_ distinct: Int32, _ empties: UInt16) -> Bool { distinct == 1 && empties == 0 }

    /// Change if leader `i` moved from `g` to `h` (sizes before the move). O(1).
    @inline(__always)
    func moveDelta(_ i: Int, from g: Int, to h: Int, _ t: Tables, size: UncheckedArray<Int32>) -> Double {
        let p = codeCount, c = Int(code[i])
        let dg = t.distinct[g], dh = t.distinct[h]
        let gp = g &* p, hp = h &* p
        let eg = hasEmptyCells ? t.counts[gp] : 0, eh = hasEmptyCells ? t.counts[hp] : 0
        let dg2 = dg &- (t.counts[gp &+ c] == 1 ? 1 : 0), dh2 = dh &+ (t.counts[hp &+ c] == 0 ? 1 : 0)
        let eg2 = c == 0 ? eg &- 1 : eg, eh2 = c == 0 ? eh &+ 1 : eh
        let before = (Self.pure(dg, eg) ? size[g] : 0) &+ (Self.pure(dh, eh) ? size[h] : 0)
        let after = (Self.pure(dg2, eg2) ? size[g] &- 1 : 0) &+ (Self.pure(dh2, eh2) ? size[h] &+ 1 : 0)
        return coefficient * Double(after &- before)
    }

    /// Change if `i` (in `g`) and `j` (in `h`) exchanged groups. O(1).
    @inline(__always)
    func swapDelta(_ i: Int, _ j: Int, _ g: Int, _ h: Int, _ t: Tables, size: UncheckedArray<Int32>) -> Double {
        let p = codeCount, ci = Int(code[i]), cj = Int(code[j])
        if ci == cj { return 0 }
        let dg = t.distinct[g], dh = t.distinct[h]
        let gp = g &* p, hp = h &* p
        let eg = hasEmptyCells ? t.counts[gp] : 0, eh = hasEmptyCells ? t.counts[hp] : 0
        let dg2 = dg &- (t.counts[gp &+ ci] == 1 ? 1 : 0) &+ (t.counts[gp &+ cj] == 0 ? 1 : 0)
        let dh2 = dh &- (t.counts[hp &+ cj] == 1 ? 1 : 0) &+ (t.counts[hp &+ ci] == 0 ? 1 : 0)
        let eg2 = eg &- (ci == 0 ? 1 : 0) &+ (cj == 0 ? 1 : 0), eh2 = eh &- (cj == 0 ? 1 : 0) &+ (ci == 0 ? 1 : 0)
        let before = (Self.pure(dg, eg) ? size[g] : 0) &+ (Self.pure(dh, eh) ? size[h] : 0)
        let after = (Self.pure(dg2, eg2) ? size[g] : 0) &+ (Self.pure(dh2, eh2) ? size[h] : 0)
        return coefficient * Double(after &- before)
    }

    /// Moves leader `i`'s code from `g` to `h`, writing through the tables' storage: call
    /// ``Tables/makeUnique()`` first. O(1).
    @inline(__always)
    func move(_ i: Int, from g: Int, to h: Int, _ t: Tables) {
        let counts = t.counts.base, distinct = t.distinct.base
        let c = Int(code[i]), from = g &* codeCount &+ c, to = h &* codeCount &+ c
        counts[from] &-= 1
        if counts[from] == 0 { distinct[g] &-= 1 }
        if counts[to] == 0 { distinct[h] &+= 1 }
        counts[to] &+= 1
    }

    public func moveDelta(_ i: Int, to h: Int, in state: SearchState) -> Score {
        isActive ? Score(hard: 0, soft: moveDelta(i, from: state.groupOf(i), to: h, state.purity, size: state.sizes)) : .zero
    }

    public func swapDelta(_ i: Int, _ j: Int, in state: SearchState) -> Score {
        isActive ? Score(hard: 0, soft: swapDelta(i, j, state.groupOf(i), state.groupOf(j), state.purity, size: state.sizes)) : .zero
    }

    public func report(_ placement: Placement, in model: ScoreModel, naming: Naming) -> RuleReport {
        var report = RuleReport(id: id)
        guard isActive else { return report }
        let roster = model.roster, words = naming.words
        let keys = Message.Argument.list(attributes.map { attributeName(roster.attributes[$0]) })
        let pure = pureMembers(placement)
        let points = coefficient * Double(pure)
        report.lines.append(.init(title: words("rule.pureGroups.title", keys, .text(words.signed(weight))),
                                  measure: words("rule.pureGroups.measure", .int(pure), .int(roster.count)), points: points))
        var pureGroups: [Figure] = []
        for (g, members) in placement.members.enumerated() where !members.isEmpty {
            if Self.isPure(codes(members)) {
                let shared = attributes.map { a in
                    naming.shows(roster.attributes[a].key) ? .text(displaySafe(roster.attributes[a].displayValue(of: members[0]))) : attributeName(roster.attributes[a])
                }
                report.notes.append(.init(g, words("rule.pureGroups.pure", keys, .commaSeparated(shared))))
                pureGroups.append(.group(g))
            } else {
                report.notes.append(.init(g, words("rule.pureGroups.notPure", .list(mixture(members, roster: roster, naming: naming)))))
            }
        }
        report.figures = [
            .init("attributes", .list(names.map { .text($0) })), .init("weight", .number(weight)),
            .init("leadersInPureGroups", .int(pure)), .init("pureGroups", .list(pureGroups)), .init("points", .number(points)),
        ]
        return report
    }

    /// The most values a note on an impure group names per attribute; the rest are counted.
    static let valuesNamed = 3

    /// What makes a group impure, per attribute whose members differ or have an empty cell: "field (Skole 3,
    /// Dagtilbud 2)", "field (7 values: Skole 2, Dagtilbud 1, Ældre 1, …)", with empty cells counted ("1 without
    /// a value"); a hidden attribute shows counts only ("rank (2 values)"). Values by count, most first.
    /// - Complexity: O(members · attributes).
    func mixture(_ members: [Int], roster: Roster, naming: Naming) -> [Message.Argument] {
        attributes.compactMap { a in
            let attribute = roster.attributes[a]
            var counts: [Int32: Int] = [:], empty = 0
            for i in members {
                if attribute.codes[i] < 0 { empty += 1 } else { counts[attribute.codes[i], default: 0] += 1 }
            }
            guard counts.count > 1 || empty > 0 else { return nil }
            let name = attributeName(attribute)
            guard naming.shows(attribute.key) else {
                return .message(empty > 0 ? Message("rule.pureGroups.hiddenWithEmpty", name, .int(counts.count), .int(empty))
                                          : Message("rule.pureGroups.hidden", name, .int(counts.count)))
            }
            let ranked = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            var parts: [Message.Argument] = ranked.prefix(Self.valuesNamed).map {
                .message(Message("rule.pureGroups.valueCount", .text(displaySafe(readable(attribute.levels[Int($0.key)], length: 40))), .int($0.value)))
            }
            if ranked.count > Self.valuesNamed { parts.append(.text("…")) }
            if empty > 0 { parts.append(.message(Message("rule.pureGroups.empty", .int(empty)))) }
            let values = Message.Argument.commaSeparated(parts)
            return .message(ranked.count > Self.valuesNamed ? Message("rule.pureGroups.manyValues", name, .int(ranked.count), values)
                                                            : Message("rule.pureGroups.values", name, values))
        }
    }
}
