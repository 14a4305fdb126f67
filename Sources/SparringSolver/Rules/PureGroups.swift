import SparringModel

/// Pure groups: leaders in groups "of the typology" — whose members all share the typology's "same" attributes
/// (field and rank for local networks, rank for cross, field for sector) and, for cross and sector networks,
/// hold at least two values of the "different" one (``Typology/mixedRole``: a cross group two fields, a sector
/// group two ranks). Without the second half a sector group of one field and one rank would count, and a sector
/// network would silently become a local one. Pair counts alone cannot see purity: an outsider added to a group
/// removes no same-value pair.
///
/// The one definition of a pure group (``isPure(_:mixed:)``): not empty, every member has a value on each of
/// the attributes and shares it, and with a mixed attribute at least two distinct values of it among the
/// members (an empty cell is no value). A member with an empty cell in a pure attribute makes the group impure:
/// nobody can vouch that they share it.
///
/// Points: `weight · 1000 / n` per leader in a pure group, so a fully pure grouping is worth `10 · weight ·
/// 100`: above the range of a strongly "alike" attribute, so that other rules refine pure groups rather than
/// dissolve them.
package struct PureGroups: ScoreRule {
    package let id = "pure-groups"
    /// Roster attribute indices groups should be pure in (empty: no rule).
    package let attributes: [Int]
    package let names: [String]
    package let weight: Double
    /// Per leader a joint code of the attributes, 1…; 0 when any of them is empty.
    let code: UncheckedArray<Int32>
    let codeCount: Int
    /// Points per leader in a pure group.
    package let coefficient: Double
    /// Whether some leader has an empty cell in one of the attributes (code 0); without, the delta skips them.
    let hasEmptyCells: Bool
    /// Roster attribute index of the mixed attribute (``RuleSettings/mixedAttribute(for:)``), if any.
    package let mixed: Int?
    /// Whether groups must mix (``mixed`` is set): read once per delta, a well-predicted branch.
    let mixing: Bool
    /// Per leader the mixed attribute's code + 1, 0 for an empty cell (empty without a mixed attribute).
    let mixCode: UncheckedArray<Int32>
    /// Mixed codes, values + 1 (0 without a mixed attribute).
    let mixCount: Int

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
        let mixed = attributes.isEmpty ? nil : settings.mixedAttribute(for: roster)
        self.mixed = mixed
        mixing = mixed != nil
        mixCode = UncheckedArray(mixed.map { a in roster.attributes[a].codes.map { $0 < 0 ? 0 : $0 + 1 } } ?? [])
        mixCount = mixed.map { roster.attributes[$0].levels.count + 1 } ?? 0
    }

    /// Per leader a joint code of `attributes`: 1 + the mixed-radix number of their values, or 0 when any of
    /// them is empty; and the number of codes. O(n · attributes).
    package static func jointCodes(roster: Roster, attributes: [Int]) -> (codes: [Int32], count: Int) {
        var joint = [Int32](repeating: 1, count: roster.count)
        var radix = 1
        for a in attributes {
            let codes = roster.attributes[a].codes
            for i in joint.indices { joint[i] = codes[i] < 0 || joint[i] == 0 ? 0 : joint[i] + Int32(radix) * codes[i] }
            radix *= roster.attributes[a].levels.count
        }
        return (joint, radix + 1)
    }

    package var isActive: Bool { !attributes.isEmpty }

    /// Whether a group whose members have these joint codes shares the pure attributes: not empty, no empty cell
    /// (code 0), one code; and, when `mixed` holds the members' codes of the mixed attribute (negative: empty),
    /// at least two distinct values of it. Without `mixed` this is the "same" half alone (the search's kin).
    /// - Complexity: O(members).
    package static func isPure(_ codes: [Int32], mixed: [Int32]? = nil) -> Bool {
        guard let first = codes.first, first != 0, codes.allSatisfy({ $0 == first }) else { return false }
        return mixed.map(mixes) ?? true
    }

    /// Whether these codes of the mixed attribute hold two distinct values (negative: empty cell, no value). O(count).
    package static func mixes(_ values: [Int32]) -> Bool {
        guard let first = values.first(where: { $0 >= 0 }) else { return false }
        return values.contains { $0 >= 0 && $0 != first }
    }

    /// The joint codes of a group's members. O(members).
    func codes(_ members: [Int]) -> [Int32] { members.map { code[$0] } }

    /// The members' codes of the mixed attribute (negative: empty), or nil without one. O(members).
    func mixedCodes(_ members: [Int]) -> [Int32]? { mixing ? members.map { mixCode[$0] - 1 } : nil }

    /// Whether the group of `members` is of the typology (``isPure(_:mixed:)``). O(members).
    package func isPure(_ members: [Int]) -> Bool { isActive && Self.isPure(codes(members), mixed: mixedCodes(members)) }

    /// Leaders in pure groups, from scratch. O(n).
    package func pureMembers(_ placement: Placement) -> Int {
        guard isActive else { return 0 }
        return placement.members.reduce(0) { $0 + (isPure($1) ? $1.count : 0) }
    }

    package func score(_ placement: Placement, in model: ScoreModel) -> Score {
        Score(hard: 0, soft: coefficient * Double(pureMembers(placement)))
    }

    /// Per (group, code) member counts and per group the number of distinct codes; with a mixed attribute the
    /// same per (group, mixed code) and per group the number of distinct mixed values (empty cells not counted).
    struct Tables {
        var counts: UncheckedArray<UInt16>
        var distinct: UncheckedArray<Int32>
        /// Per (group, mixed code) member counts, `groupCount · mixCount` (empty without a mixed attribute).
        var mixCounts: UncheckedArray<UInt16>
        /// Per group the distinct values of the mixed attribute (code 0, an empty cell, not counted).
        var mixDistinct: UncheckedArray<Int32>

        /// Gives every table storage no copy shares, for ``PureGroups/move(_:from:to:_:)``. O(1) unless shared.
        @inline(__always) mutating func makeUnique() {
            counts.makeUnique()
            distinct.makeUnique()
            mixCounts.makeUnique()
            mixDistinct.makeUnique()
        }
    }

    /// The tables for a grouping. O(n + groups · (codes + mixed codes)).
    func makeTables(groups: UncheckedArray<Int32>, groupCount: Int) -> Tables {
        var counts = [UInt16](repeating: 0, count: groupCount * codeCount), distinct = [Int32](repeating: 0, count: groupCount)
        var mixCounts = [UInt16](repeating: 0, count: groupCount * mixCount), mixDistinct = [Int32](repeating: 0, count: mixing ? groupCount : 0)
        if isActive {
            for i in 0..<groups.count {
                let g = Int(groups[i]), cell = g * codeCount + Int(code[i])
                if counts[cell] == 0 { distinct[g] += 1 }
                counts[cell] += 1
                guard mixing else { continue }
                let m = Int(mixCode[i]), mixCell = g * mixCount + m
                if mixCounts[mixCell] == 0 && m != 0 { mixDistinct[g] += 1 }
                mixCounts[mixCell] += 1
            }
        }
        return Tables(counts: UncheckedArray(counts), distinct: UncheckedArray(distinct),
                      mixCounts: UncheckedArray(mixCounts), mixDistinct: UncheckedArray(mixDistinct))
    }

    /// Whether a group with `distinct` codes, of which the empty-cell code has `empties` members, and `mixed`
    /// distinct values of the mixed attribute is pure; `needed` is 2 with a mixed attribute, else 0.
    @inline(__always) private static func pure(_ distinct: Int32, _ empties: UInt16, _ mixed: Int32, _ needed: Int32) -> Bool {
        distinct == 1 && empties == 0 && mixed >= needed
    }

    /// Distinct mixed values a group needs to be pure: 2 with a mixed attribute, 0 without.
    @inline(__always) private var mixNeeded: Int32 { mixing ? 2 : 0 }

    /// Change if leader `i` moved from `g` to `h` (sizes before the move).
    /// - Complexity: O(1): a few table reads in the two groups' rows, the mixed attribute's behind one branch.
    @inline(__always)
    func moveDelta(_ i: Int, from g: Int, to h: Int, _ t: Tables, size: UncheckedArray<Int32>) -> Double {
        let p = codeCount, c = Int(code[i])
        let dg = t.distinct[g], dh = t.distinct[h]
        let gp = g &* p, hp = h &* p
        let eg = hasEmptyCells ? t.counts[gp] : 0, eh = hasEmptyCells ? t.counts[hp] : 0
        let dg2 = dg &- (t.counts[gp &+ c] == 1 ? 1 : 0), dh2 = dh &+ (t.counts[hp &+ c] == 0 ? 1 : 0)
        let eg2 = c == 0 ? eg &- 1 : eg, eh2 = c == 0 ? eh &+ 1 : eh
        var mg: Int32 = 0, mh: Int32 = 0, mg2: Int32 = 0, mh2: Int32 = 0
        if mixing {
            let q = mixCount, x = Int(mixCode[i]), valued = x != 0
            mg = t.mixDistinct[g]
            mh = t.mixDistinct[h]
            mg2 = mg &- (valued && t.mixCounts[g &* q &+ x] == 1 ? 1 : 0)
            mh2 = mh &+ (valued && t.mixCounts[h &* q &+ x] == 0 ? 1 : 0)
        }
        let need = mixNeeded
        let before = (Self.pure(dg, eg, mg, need) ? size[g] : 0) &+ (Self.pure(dh, eh, mh, need) ? size[h] : 0)
        let after = (Self.pure(dg2, eg2, mg2, need) ? size[g] &- 1 : 0) &+ (Self.pure(dh2, eh2, mh2, need) ? size[h] &+ 1 : 0)
        return coefficient * Double(after &- before)
    }

    /// Change if `i` (in `g`) and `j` (in `h`) exchanged groups: 0 at once when they share both the joint code
    /// and the mixed value.
    /// - Complexity: O(1), as ``moveDelta(_:from:to:_:size:)``.
    @inline(__always)
    func swapDelta(_ i: Int, _ j: Int, _ g: Int, _ h: Int, _ t: Tables, size: UncheckedArray<Int32>) -> Double {
        let p = codeCount, ci = Int(code[i]), cj = Int(code[j])
        let xi = mixing ? Int(mixCode[i]) : 0, xj = mixing ? Int(mixCode[j]) : 0
        if ci == cj && xi == xj { return 0 }
        let dg = t.distinct[g], dh = t.distinct[h]
        let gp = g &* p, hp = h &* p
        let eg = hasEmptyCells ? t.counts[gp] : 0, eh = hasEmptyCells ? t.counts[hp] : 0
        // With equal codes (the leaders differ in the mixed value only) the code tables do not change.
        let codes: Int32 = ci == cj ? 0 : 1
        let dg2 = dg &- codes &* ((t.counts[gp &+ ci] == 1 ? 1 : 0) &- (t.counts[gp &+ cj] == 0 ? 1 : 0))
        let dh2 = dh &- codes &* ((t.counts[hp &+ cj] == 1 ? 1 : 0) &- (t.counts[hp &+ ci] == 0 ? 1 : 0))
        let eg2 = eg &- (ci == 0 ? 1 : 0) &+ (cj == 0 ? 1 : 0), eh2 = eh &- (cj == 0 ? 1 : 0) &+ (ci == 0 ? 1 : 0)
        var mg: Int32 = 0, mh: Int32 = 0, mg2: Int32 = 0, mh2: Int32 = 0
        if mixing {
            let q = mixCount, gq = g &* q, hq = h &* q
            mg = t.mixDistinct[g]
            mh = t.mixDistinct[h]
            // Equal mixed values (or none for either) leave the mixed tables as they are.
            let values: Int32 = xi == xj ? 0 : 1
            mg2 = mg &- values &* ((xi != 0 && t.mixCounts[gq &+ xi] == 1 ? 1 : 0) &- (xj != 0 && t.mixCounts[gq &+ xj] == 0 ? 1 : 0))
            mh2 = mh &- values &* ((xj != 0 && t.mixCounts[hq &+ xj] == 1 ? 1 : 0) &- (xi != 0 && t.mixCounts[hq &+ xi] == 0 ? 1 : 0))
        }
        let need = mixNeeded
        let before = (Self.pure(dg, eg, mg, need) ? size[g] : 0) &+ (Self.pure(dh, eh, mh, need) ? size[h] : 0)
        let after = (Self.pure(dg2, eg2, mg2, need) ? size[g] : 0) &+ (Self.pure(dh2, eh2, mh2, need) ? size[h] : 0)
        return coefficient * Double(after &- before)
    }

    /// Moves leader `i`'s codes from `g` to `h`, writing through the tables' storage: call
    /// ``Tables/makeUnique()`` first. O(1).
    @inline(__always)
    func move(_ i: Int, from g: Int, to h: Int, _ t: Tables) {
        let counts = t.counts.base, distinct = t.distinct.base
        let c = Int(code[i]), from = g &* codeCount &+ c, to = h &* codeCount &+ c
        counts[from] &-= 1
        if counts[from] == 0 { distinct[g] &-= 1 }
        if counts[to] == 0 { distinct[h] &+= 1 }
        counts[to] &+= 1
        guard mixing else { return }
        let mixCounts = t.mixCounts.base, mixDistinct = t.mixDistinct.base
        let x = Int(mixCode[i]), valued: Int32 = x != 0 ? 1 : 0, mixFrom = g &* mixCount &+ x, mixTo = h &* mixCount &+ x
        mixCounts[mixFrom] &-= 1
        if mixCounts[mixFrom] == 0 { mixDistinct[g] &-= valued }
        if mixCounts[mixTo] == 0 { mixDistinct[h] &+= valued }
        mixCounts[mixTo] &+= 1
    }

    package func moveDelta(_ i: Int, to h: Int, in state: SearchState) -> Score {
        isActive ? Score(hard: 0, soft: moveDelta(i, from: state.groupOf(i), to: h, state.purity, size: state.sizes)) : .zero
    }

    package func swapDelta(_ i: Int, _ j: Int, in state: SearchState) -> Score {
        isActive ? Score(hard: 0, soft: swapDelta(i, j, state.groupOf(i), state.groupOf(j), state.purity, size: state.sizes)) : .zero
    }

    package func report(_ placement: Placement, in model: ScoreModel, naming: Naming) -> RuleReport {
        var report = RuleReport(id: id)
        guard isActive else { return report }
        let roster = model.roster, words = naming.words
        let keys = Message.Argument.list(attributes.map { attributeName(roster.attributes[$0]) })
        let pure = pureMembers(placement)
        let points = coefficient * Double(pure)
        let title = mixed.map { words("rule.pureGroups.titleMixed", keys, .text(words.signed(weight)), attributeName(roster.attributes[$0])) }
            ?? words("rule.pureGroups.title", keys, .text(words.signed(weight)))
        report.lines.append(.init(title: title, measure: words("rule.pureGroups.measure", .int(pure), .int(roster.count)), points: points))
        var pureGroups: [Figure] = []
        for (g, members) in placement.members.enumerated() where !members.isEmpty {
            guard Self.isPure(codes(members)) else {
                report.notes.append(.init(g, words("rule.pureGroups.notPure", .list(mixture(members, roster: roster, naming: naming)))))
                continue
            }
            let shared = Message.Argument.commaSeparated(attributes.map { a in
                naming.shows(roster.attributes[a].key) ? .text(displaySafe(roster.attributes[a].displayValue(of: members[0]))) : attributeName(roster.attributes[a])
            })
            if let mixed {
                // The "same" half holds; say whether the "different" half does, and if not, why the typology wants it.
                let values = describe(mixed, members, roster: roster, naming: naming)
                if isPure(members) {
                    report.notes.append(.init(g, words("rule.pureGroups.pureMixed", keys, shared, values.text)))
                    pureGroups.append(.group(g))
                } else {
                    let byRank = roster.attributes[mixed].role == .rank
                    let note = values.oneValue && naming.shows(roster.attributes[mixed].key)
                        ? words(byRank ? "rule.pureGroups.oneRank" : "rule.pureGroups.oneField", attributeName(roster.attributes[mixed]),
                                .text(displaySafe(roster.attributes[mixed].displayValue(of: members[0]))))
                        : words(byRank ? "rule.pureGroups.fewRanks" : "rule.pureGroups.fewFields", values.text)
                    report.notes.append(.init(g, note))
                }
                continue
            }
            report.notes.append(.init(g, words("rule.pureGroups.pure", keys, shared)))
            pureGroups.append(.group(g))
        }
        report.figures = [
            .init("attributes", .list(names.map { .text($0) })), .init("weight", .number(weight)),
            .init("leadersInPureGroups", .int(pure)), .init("pureGroups", .list(pureGroups)), .init("points", .number(points)),
        ]
        // With a mixed attribute, which one (last, so that the figures every typology has keep their order).
        if let mixed { report.figures.append(.init("mixed", .text(roster.attributes[mixed].key))) }
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
            let described = describe(a, members, roster: roster, naming: naming)
            return described.oneValue ? nil : described.text
        }
    }

    /// The values of attribute `a` among `members`, as ``mixture(_:roster:naming:)`` writes them ("rank
    /// (Teamleder 4, Afdelingsleder 2)"), and whether they all hold one value with no empty cell.
    /// - Complexity: O(members).
    func describe(_ a: Int, _ members: [Int], roster: Roster, naming: Naming) -> (text: Message.Argument, oneValue: Bool) {
        let attribute = roster.attributes[a]
        var counts: [Int32: Int] = [:], empty = 0
        for i in members {
            if attribute.codes[i] < 0 { empty += 1 } else { counts[attribute.codes[i], default: 0] += 1 }
        }
        let oneValue = counts.count == 1 && empty == 0
        let name = attributeName(attribute)
        guard naming.shows(attribute.key) else {
            return (.message(empty > 0 ? Message("rule.pureGroups.hiddenWithEmpty", name, .int(counts.count), .int(empty))
                                       : Message("rule.pureGroups.hidden", name, .int(counts.count))), oneValue)
        }
        let ranked = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        var parts: [Message.Argument] = ranked.prefix(Self.valuesNamed).map {
            .message(Message("rule.pureGroups.valueCount", .text(displaySafe(readable(attribute.levels[Int($0.key)], length: 40))), .int($0.value)))
        }
        if ranked.count > Self.valuesNamed { parts.append(.text("…")) }
        if empty > 0 { parts.append(.message(Message("rule.pureGroups.empty", .int(empty)))) }
        let values = Message.Argument.commaSeparated(parts)
        return (.message(ranked.count > Self.valuesNamed ? Message("rule.pureGroups.manyValues", name, .int(ranked.count), values)
                                                        : Message("rule.pureGroups.values", name, values)), oneValue)
    }
}

extension PureGroups {
    package func settingRow(words: Words, header: (String) -> String) -> (label: String, value: String)? {
        (words("report.setting.pureWeight"), words.number(weight))
    }
}

extension PureGroups: RuleDescriptor {
    /// The typology says which groups are pure (and the attributes' default weights).
    package static let options = [
        RuleOption("typology", value: "NAME",
                   help: "local (same field and rank), cross (same rank), sector (same field), broad (mixed; default); Danish names too: lokal, tværgående, sektor, bred."),
    ]

    package static func read(_ given: OptionValues, into settings: inout RuleSettings) throws(OptionError) {
        guard let name = given.last("typology") else { return }
        guard let typology = Typology(name: name) else {
            throw OptionError(Message("usage.unknownTypology", .text(name)), hint: Message("usage.unknownTypology.hint"))
        }
        settings.typology = typology
    }

    package static func words(_ settings: RuleSettings) -> [String] { ["--typology", settings.typology.rawValue] }

    package static let controlKinds = ["pure"]

    /// The weight of the typology's pure groups (its option is `--weight pure=W`, read with the attribute weights).
    package static func controls(_ settings: RuleSettings, rounds: RoundRules, roster: Roster, words: Words) -> [RuleControl] {
        [RuleControl(key: "pure", label: words("workbench.control.pure"), kind: "pure", value: settings.purityWeight, range: 0...5)]
    }

    package static func apply(control key: String, value: Double?, to settings: inout RuleSettings, rounds: inout RoundRules, roster: Roster) -> Bool {
        guard let value else { return false }
        settings.purityWeight = value
        return true
    }
}
