import SparringModel

/// The rules whose value is a sum over (group, value) cells of a function of the cell's member count:
/// same-value pairs, lone member, at most and at least, and every rule that joins through a curve of values by
/// count (``CellCurveRule``, ``CellCurves``). They share one table of counts, so a move reads each of the
/// mover's cells once, whatever the number of such rules.
///
/// Columns are categorical: a roster attribute (its values are the column's slots) or a derived yes/no
/// column (one slot, e.g. "seniority ≥ 10" for a rule of at least N). A leader has at most one slot per column.
package struct CellTable: Sendable {
    /// One column of slots.
    package struct Column: Sendable {
        /// Index of the roster attribute the column reads.
        package let attribute: Int
        /// Value labels, one per slot.
        package let levels: [String]
        /// The column's first slot; its slots are ``slots``.
        package let firstSlot: Int

        package var slots: Range<Int> { firstSlot ..< firstSlot + levels.count }
    }

    package let columns: [Column]
    let leaderCount: Int
    let groupCount: Int
    /// Number of columns (stride of ``slotOf``).
    let stride: Int
    let slotCount: Int
    /// Leader-major: `slotOf[i · stride + c]` is leader i's slot in column c, or -1 (empty cell, or not a holder).
    let slotOf: UncheckedArray<Int32>
    /// Per slot, the two rules every categorical attribute may have (same-value pairs, lone member), 16 bytes
    /// side by side: the hot loop's one load per slot.
    let common: UncheckedArray<CommonSlotParameters>
    /// Per slot, the limit rules' parameters (at most, at least), read only for ``limitColumns``.
    let parameters: UncheckedArray<LimitSlotParameters>
    /// The columns that carry a rule of at most or at least N, or a curve rule (a second, short loop in the hot path).
    let limitColumns: UncheckedArray<Int32>

    /// Per roster attribute, its column of slots (−1 where no rule reads it; derived columns are not listed).
    let attributeColumn: [Int]
    /// The rules that join through a curve of values by member count, folded into one table.
    let curves: CellCurves

    package let sameValue: SameValuePairs
    package let lone: LoneMember
    package let atMost: AtMost
    package let atLeast: AtLeast


    /// Compiles every cell rule of `settings` for `roster` split into `groups` groups.
    /// - Throws: ``DiagnosticError`` for rules naming attributes or values the roster does not have.
    /// - Complexity: O(n · columns + slots).
    init(roster: Roster, settings: RuleSettings, groups: Int) throws(DiagnosticError) {
        let rules = try settings.attributeRules(for: roster)
        var columns: [Column] = []
        var columnOf: [Int: Int] = [:]
        var codes: [[Int32]] = []
        func column(for attribute: Int) -> Int {
            if let c = columnOf[attribute] { return c }
            let a = roster.attributes[attribute]
            columns.append(Column(attribute: attribute, levels: a.levels, firstSlot: columns.last?.slots.upperBound ?? 0))
            codes.append(a.codes)
            columnOf[attribute] = columns.count - 1
            return columns.count - 1
        }
        var attributeColumns: [(rule: RuleSettings.AttributeRule, column: Int)] = []
        for rule in rules where roster.attributes[rule.attribute].kind != .numeric {
            attributeColumns.append((rule, column(for: rule.attribute)))
        }
        let atMostColumns = try AtMost.columns(settings: settings, roster: roster, column: column)
        // Rules that join through a curve (``CellCurveRule``) share the attribute columns.
        var curveRules: [any CellCurveRule] = []
        var curveProblems: [Diagnostic] = []
        for descriptor in RuleDescriptors.all {
            do {
                if let rule = try descriptor.cellCurveRule(roster: roster, settings: settings, groups: groups) { curveRules.append(rule) }
            } catch { curveProblems += error.diagnostics }
        }
        if !curveProblems.isEmpty { throw DiagnosticError(curveProblems) }
        for rule in curveRules { for a in rule.attributes { _ = column(for: a) } }
        // At-least columns are derived (holders of one value, or at or above a threshold): one slot each.
        var derived: [(rule: AtLeastSetting, attribute: Int, holders: [Bool], label: Message)] = []
        var problems: [Diagnostic] = []
        for setting in settings.atLeast {
            do { derived.append(try AtLeast.holders(setting, roster: roster)) } catch { problems += error.diagnostics }
        }
        if !problems.isEmpty { throw DiagnosticError(problems) }
        var atLeastColumns: [Int] = []
        for d in derived {
            columns.append(Column(attribute: d.attribute, levels: [d.label.description], firstSlot: columns.last?.slots.upperBound ?? 0))
            codes.append(d.holders.map { $0 ? 0 : -1 })
            atLeastColumns.append(columns.count - 1)
        }

        let n = roster.count
        leaderCount = n
        groupCount = groups
        stride = columns.count
        slotCount = columns.last?.slots.upperBound ?? 0
        var slots = [Int32](repeating: -1, count: n * columns.count)
        for (c, column) in columns.enumerated() {
            for i in 0..<n where codes[c][i] >= 0 { slots[i * columns.count + c] = codes[c][i] + Int32(column.firstSlot) }
        }
        slotOf = UncheckedArray(slots)
        self.columns = columns
        var attributeColumn = [Int](repeating: -1, count: roster.attributes.count)
        for (a, c) in columnOf { attributeColumn[a] = c }
        self.attributeColumn = attributeColumn
        var holders = [Int](repeating: 0, count: slotCount)
        for slot in slots where slot >= 0 { holders[Int(slot)] += 1 }
        curves = CellCurves(rules: curveRules, attributeColumn: attributeColumn, columns: columns, holders: holders, slotCount: slotCount)

        let sizes = GroupSizing.balancedSizes(leaders: n, groups: groups)
        sameValue = SameValuePairs(roster: roster, rules: attributeColumns, columns: columns, slotCount: slotCount, sizes: sizes)
        lone = LoneMember(roster: roster, rules: attributeColumns, columns: columns, slotCount: slotCount, groups: groups)
        atMost = AtMost(settings: settings, roster: roster, columns: atMostColumns, cells: columns, slotCount: slotCount, groups: groups)
        atLeast = AtLeast(settings: derived.map(\.rule), columns: atLeastColumns, cells: columns, labels: derived.map(\.label),
                          holders: derived.map { $0.holders.filter { $0 }.count }, slotCount: slotCount, groups: groups,
                          weight: settings.atLeastWeight)
        let (pairs, lone, atMost, atLeast) = (sameValue, self.lone, self.atMost, self.atLeast)
        common = UncheckedArray((0..<slotCount).map { CommonSlotParameters(pairCoefficient: pairs.coefficient[$0], lonePenalty: lone.penalty[$0]) })
        let curves = self.curves
        limitColumns = UncheckedArray(Set(atMost.terms.map(\.column) + atLeast.terms.map(\.column) + curves.columns.array.map { Int($0) })
            .sorted().map { Int32($0) })
        parameters = UncheckedArray((0..<slotCount).map { s in
            LimitSlotParameters(atLeastPoints: atLeast.pointsPerMissing[s], atMostPoints: atMost.pointsPerMember, cap: atMost.cap[s],
                                need: atLeast.need[s], curve: curves.offset[s], atMostIsHard: atMost.weight == nil)
        })
    }

    /// Leader `i`'s slot in column `c`, or -1. O(1).
    @inline(__always) func slot(_ i: Int, column c: Int) -> Int { Int(slotOf[i &* stride &+ c]) }

    /// The column a slot belongs to. O(columns).
    func column(ofSlot slot: Int) -> Int { columns.lastIndex { $0.firstSlot <= slot }! }
}

extension CellTable {
    /// One cell rule's own change for a move, over its columns (for the shared rule test and explanations,
    /// not for the search): `change(slot, from, to)` is the rule's formula for one holder leaving a cell of
    /// `from` members for one of `to` members. O(columns of the rule).
    func ruleMoveDelta(_ i: Int, to h: Int, in state: SearchState, columns: [Int], change: (Int, Int, Int) -> Score) -> Score {
        let g = state.groupOf(i)
        return Set(columns).sorted().reduce(Score.zero) { total, c in
            let slot = self.slot(i, column: c)
            return slot < 0 ? total : total + change(slot, state.cells.count(g, slot), state.cells.count(h, slot))
        }
    }

    /// One cell rule's own change for a swap: where both hold the same slot nothing changes; otherwise the two
    /// half-moves touch different cells and add up. O(columns of the rule).
    func ruleSwapDelta(_ i: Int, _ j: Int, in state: SearchState, columns: [Int], change: (Int, Int, Int) -> Score) -> Score {
        let g = state.groupOf(i), h = state.groupOf(j)
        return Set(columns).sorted().reduce(Score.zero) { total, c in
            let si = slot(i, column: c), sj = slot(j, column: c)
            guard si != sj else { return total }
            var delta = Score.zero
            if si >= 0 { delta += change(si, state.cells.count(g, si), state.cells.count(h, si)) }
            if sj >= 0 { delta += change(sj, state.cells.count(h, sj), state.cells.count(g, sj)) }
            return total + delta
        }
    }
}

/// Member counts per (group, slot) during the search, laid out so that a move touches a few cache lines
/// near each other whatever the number of groups and values.
///
/// Narrow columns (few values: field, rank, gender) are dense: per group one row of 16-bit counts, indexed by
/// slot (a broad roster's 14 such slots fill 28 bytes, one cache line per group). Wide columns (a value per
/// few leaders: units across a country, 3,209 at 300,000 leaders) would make a dense row of thousands of
/// counts per group — 320 MB at 300,000 leaders, each lookup a cache and TLB miss — while a group of at most
/// `capacity` members holds at most `capacity` of their values. So a wide column keeps per group a compact
/// section of `capacity` entries (value, count), unordered, empty entries 0: 56 bytes for groups of up to 7.
/// A lookup scans the section: O(capacity), a few compares within one cache line. The counts are the same as
/// a dense table's; only the layout differs.
struct CellCounts {
    /// Group-major dense counts: `dense[g · denseStride + place[slot]]` for a slot of a narrow column.
    private(set) var dense: UncheckedArray<UInt16>
    /// Group-major compact sections of the wide columns: entry `(slot + 1) | count << 32`, 0 when empty.
    private(set) var sparse: UncheckedArray<UInt64>
    /// Per slot: its position in a dense row (≥ 0), or `-1 - offset` of its column's section in a sparse row.
    let place: UncheckedArray<Int32>
    let denseStride: Int
    let sparseStride: Int
    /// Entries per wide column and group: the most members a group can hold (grown if ever exceeded).
    private(set) var capacity: Int
    let slotCount: Int

    /// The size of a column's dense part beyond which it is kept in compact sections (measured: at 5,000
    /// leaders a dense unit column of 0.7 MB is faster than sections; at 100,000, 35 MB, sections are).
    static let wideColumnBytes = 1 << 22

    /// Whether a column is kept in compact sections: more values than twice the largest group, and a dense
    /// part over `wideBytes`.
    static func isWide(levels: Int, capacity: Int, groups: Int, wideBytes: Int) -> Bool {
        levels > 2 * capacity && levels * groups * MemoryLayout<UInt16>.size > wideBytes
    }

    /// - Parameters:
    ///   - capacity: at least the largest group size the search can reach.
    ///   - wideBytes: see ``isWide(levels:capacity:groups:wideBytes:)`` (tests lower it to reach the sections).
    /// - Complexity: O(n · columns · capacity + m · (dense slots + wide columns · capacity)).
    init(_ table: CellTable, groups: UncheckedArray<Int32>, capacity: Int, wideBytes: Int = wideColumnBytes) {
        let capacity = max(1, capacity)
        slotCount = table.slotCount
        self.capacity = capacity
        var place = [Int32](repeating: 0, count: table.slotCount)
        var denseStride = 0, sparseStride = 0
        for column in table.columns {
            if Self.isWide(levels: column.levels.count, capacity: capacity, groups: table.groupCount, wideBytes: wideBytes) {
                for slot in column.slots { place[slot] = Int32(-1 - sparseStride) }
                sparseStride += capacity
            } else {
                for slot in column.slots { place[slot] = Int32(denseStride + slot - column.firstSlot) }
                denseStride += column.levels.count
            }
        }
        self.place = UncheckedArray(place)
        self.denseStride = denseStride
        self.sparseStride = sparseStride
        dense = UncheckedArray(repeating: 0, count: table.groupCount * denseStride)
        sparse = UncheckedArray(repeating: 0, count: table.groupCount * sparseStride)
        for i in 0..<table.leaderCount {
            for c in 0..<table.stride {
                let slot = table.slot(i, column: c)
                if slot >= 0 { add(Int(groups[i]), slot) }
            }
        }
    }

    /// The count of `slot` in group `g`. O(1) for a narrow column, O(capacity) for a wide one.
    ///
    /// The narrow path is inlined into the hot loop; the wide one is a call (it stays out of the loop's code,
    /// and its cost is the cache line it reads).
    @inline(__always) func count(_ g: Int, _ slot: Int) -> Int {
        if sparseStride == 0 { return Int(dense[g &* denseStride &+ slot]) }
        let p = Int(place[slot])
        if p >= 0 { return Int(dense[g &* denseStride &+ p]) }
        return wideCount(g, slot, section: -1 &- p)
    }

    /// The count of a wide column's `slot` in group `g`, from the section at `section` in the group's row:
    /// every entry is looked at, without a branch (a value is in at most one entry). O(capacity).
    @inline(never)
    private func wideCount(_ g: Int, _ slot: Int, section: Int) -> Int {
        let row = sparse.base + (g &* sparseStride &+ section), key = UInt64(truncatingIfNeeded: slot &+ 1)
        var count: UInt64 = 0
        for k in 0..<capacity {
            let entry = row[k]
            count |= entry & 0xFFFF_FFFF == key ? entry >> 32 : 0
        }
        return Int(truncatingIfNeeded: count)
    }

    /// Adds one member to (`g`, `slot`). O(1) narrow, else ``addWide(_:_:section:)``.
    @inline(__always)
    private mutating func add(_ g: Int, _ slot: Int) {
        let p = sparseStride == 0 ? slot : Int(place[slot])
        if p >= 0 {
            dense.base[g &* denseStride &+ p] &+= 1
        } else {
            addWide(g, slot, section: -1 &- p)
        }
    }

    /// Adds one member to a wide column's (`g`, `slot`), growing the sections when the group's is full.
    /// O(capacity); O(m · sparse stride) when growing (never while sizes stay within the capacity given at start).
    @inline(never)
    private mutating func addWide(_ g: Int, _ slot: Int, section: Int) {
        let row = sparse.base + (g &* sparseStride &+ section), key = UInt64(truncatingIfNeeded: slot &+ 1)
        var free = -1
        for k in 0..<capacity {
            if row[k] & 0xFFFF_FFFF == key { row[k] &+= 1 << 32; return }
            if free < 0 && row[k] == 0 { free = k }
        }
        if free >= 0 { row[free] = key | 1 << 32; return }
        grow()
        add(g, slot)
    }

    /// Removes one member from (`g`, `slot`). O(1) narrow, else ``removeWide(_:_:section:)``.
    @inline(__always)
    private func remove(_ g: Int, _ slot: Int) {
        let p = sparseStride == 0 ? slot : Int(place[slot])
        if p >= 0 {
            dense.base[g &* denseStride &+ p] &-= 1
        } else {
            removeWide(g, slot, section: -1 &- p)
        }
    }

    /// Removes one member from a wide column's (`g`, `slot`); an entry whose count reaches 0 is emptied.
    /// O(capacity).
    @inline(never)
    private func removeWide(_ g: Int, _ slot: Int, section: Int) {
        let row = sparse.base + (g &* sparseStride &+ section), key = UInt64(truncatingIfNeeded: slot &+ 1)
        for k in 0..<capacity where row[k] & 0xFFFF_FFFF == key {
            row[k] = row[k] >> 32 == 1 ? 0 : row[k] &- 1 << 32
            return
        }
    }

    /// Doubles the entries per wide section, keeping every count. O(m · sparse stride).
    private mutating func grow() {
        let old = self
        let wider = 2 * capacity
        var sections: [Int: Int] = [:]
        var next = 0
        var place = [Int32](repeating: 0, count: slotCount)
        for slot in 0..<slotCount {
            let p = Int(old.place[slot])
            if p >= 0 { place[slot] = Int32(p); continue }
            if sections[p] == nil { sections[p] = next; next += wider }
            place[slot] = Int32(-1 - sections[p]!)
        }
        let groupCount = old.sparseStride == 0 ? 0 : old.sparse.count / old.sparseStride
        var sparse = [UInt64](repeating: 0, count: groupCount * next)
        for g in 0..<groupCount {
            for (p, offset) in sections {
                for k in 0..<capacity { sparse[g * next + offset + k] = old.sparse[g * old.sparseStride - 1 - p + k] }
            }
        }
        self = CellCounts(dense: old.dense, sparse: UncheckedArray(sparse), place: UncheckedArray(place), denseStride: old.denseStride,
                          sparseStride: next, capacity: wider, slotCount: slotCount)
    }

    private init(dense: UncheckedArray<UInt16>, sparse: UncheckedArray<UInt64>, place: UncheckedArray<Int32>, denseStride: Int,
                 sparseStride: Int, capacity: Int, slotCount: Int) {
        self.dense = dense
        self.sparse = sparse
        self.place = place
        self.denseStride = denseStride
        self.sparseStride = sparseStride
        self.capacity = capacity
        self.slotCount = slotCount
    }

    /// Soft and hard change of every cell rule when leader `i` leaves `g` for `h`: one pass over the
    /// mover's columns for same-value pairs and lone member, a short one over the columns with limits or curves.
    /// - Complexity: O(columns) (times O(capacity) for a wide column).
    @inline(__always)
    func moveDelta(_ table: CellTable, _ i: Int, from g: Int, to h: Int) -> Score {
        var soft = 0.0, hard = 0
        let base = i &* table.stride
        for c in 0..<table.stride {
            let slot = Int(table.slotOf[base &+ c])
            if slot >= 0 { soft += commonChange(table, slot: slot, from: g, to: h) }
        }
        for k in 0..<table.limitColumns.count {
            let slot = Int(table.slotOf[base &+ Int(table.limitColumns[k])])
            if slot >= 0 { soft += limitChange(table, slot: slot, from: g, to: h, hard: &hard) }
        }
        return Score(hard: hard, soft: soft)
    }

    /// Same-value pairs and lone member: the change of one slot's two cells when one holder leaves `g` for `h`.
    /// O(1) (O(capacity) for a wide column).
    @inline(__always)
    func commonChange(_ table: CellTable, slot: Int, from g: Int, to h: Int) -> Double {
        let cg = count(g, slot), ch = count(h, slot)
        let p = table.common[slot]
        var soft = SameValuePairs.moveChange(coefficient: p.pairCoefficient, from: cg, to: ch)
        if p.lonePenalty != 0 { soft += LoneMember.moveChange(penalty: p.lonePenalty, from: cg, to: ch) }
        return soft
    }

    /// At most, at least and the rules that join through a curve (``CellCurves``): the soft change of one slot's
    /// two cells when one holder leaves `g` for `h`; a hard change is added to `hard`. O(1) (O(capacity) for a
    /// wide column).
    @inline(__always)
    func limitChange(_ table: CellTable, slot: Int, from g: Int, to h: Int, hard: inout Int) -> Double {
        let p = table.parameters[slot]
        guard p.cap > 0 || p.need > 0 || p.curve >= 0 else { return 0 }
        let cg = count(g, slot), ch = count(h, slot)
        var soft = 0.0
        if p.curve >= 0 { soft += table.curves.change(at: Int(p.curve), from: cg, to: ch, hard: &hard) }
        if p.cap > 0 {
            let change = AtMost.excessChange(cap: Int(p.cap), from: cg, to: ch)
            if p.atMostIsHard { hard &+= change } else { soft -= p.atMostPoints * Double(change) }
        }
        if p.need > 0 { soft += AtLeast.moveChange(need: Int(p.need), points: p.atLeastPoints, from: cg, to: ch) }
        return soft
    }

    /// Change when `i` (in `g`) and `j` (in `h`) exchange groups: where both hold the same slot nothing
    /// changes; otherwise the two half-moves touch different cells and add up.
    /// - Complexity: O(columns) (times O(capacity) for a wide column).
    @inline(__always)
    func swapDelta(_ table: CellTable, _ i: Int, _ j: Int, _ g: Int, _ h: Int) -> Score {
        var soft = 0.0, hard = 0
        let stride = table.stride, bi = i &* stride, bj = j &* stride
        for c in 0..<stride {
            let si = Int(table.slotOf[bi &+ c]), sj = Int(table.slotOf[bj &+ c])
            if si == sj { continue }
            if si >= 0 { soft += commonChange(table, slot: si, from: g, to: h) }
            if sj >= 0 { soft += commonChange(table, slot: sj, from: h, to: g) }
        }
        for k in 0..<table.limitColumns.count {
            let c = Int(table.limitColumns[k])
            let si = Int(table.slotOf[bi &+ c]), sj = Int(table.slotOf[bj &+ c])
            if si == sj { continue }
            if si >= 0 { soft += limitChange(table, slot: si, from: g, to: h, hard: &hard) }
            if sj >= 0 { soft += limitChange(table, slot: sj, from: h, to: g, hard: &hard) }
        }
        return Score(hard: hard, soft: soft)
    }

    /// Gives the counts storage no copy shares, for ``move(_:_:from:to:)``. O(1) unless shared.
    @inline(__always) mutating func makeUnique() {
        dense.makeUnique()
        sparse.makeUnique()
    }

    /// Moves leader `i`'s cells from `g` to `h`, writing through the storage: call ``makeUnique()`` first.
    /// O(columns) (times O(capacity) for a wide column).
    @inline(__always)
    mutating func move(_ table: CellTable, _ i: Int, from g: Int, to h: Int) {
        let base = i &* table.stride
        for c in 0..<table.stride {
            let slot = Int(table.slotOf[base &+ c])
            if slot >= 0 {
                remove(g, slot)
                add(h, slot)
            }
        }
    }
}

/// Same-value pairs and lone member for one slot: what the hot loop reads for every slot of a mover.
struct CommonSlotParameters {
    let pairCoefficient: Double
    let lonePenalty: Double
}

/// At most, at least and the curve rules for one slot, side by side for the hot loop's second pass (32 bytes);
/// each rule's own file holds its formula and its copy of these values.
struct LimitSlotParameters {
    /// At least: points lost per missing member.
    let atLeastPoints: Double
    /// At most (soft): points lost per member beyond the limit.
    let atMostPoints: Double
    /// At most: members that may share the value (0: no limit).
    let cap: Int32
    /// At least: members every group should have (0: no rule).
    let need: Int32
    /// Where the slot's values by count start in ``CellCurves/values`` (−1: no curve rule acts on it).
    let curve: Int32
    /// At most: each member beyond the limit is a broken rule (else it costs ``atMostPoints``).
    let atMostIsHard: Bool
}
