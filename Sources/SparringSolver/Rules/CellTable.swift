import SparringModel

/// The rules whose value is a sum over (group, value) cells of a function of the cell's member count:
/// same-value pairs, lone member, at most and at least. They share one table of counts, so a move reads each
/// of the mover's cells once, whatever the number of such rules.
///
/// Columns are categorical: a roster attribute (its values are the column's slots) or a derived yes/no
/// column (one slot, e.g. "seniority ≥ 10" for an at-least rule). A leader has at most one slot per column.
public struct CellTable: Sendable {
    /// One column of slots.
    public struct Column: Sendable {
        /// Index of the roster attribute the column reads.
        public let attribute: Int
        /// Value labels, one per slot.
        public let levels: [String]
        /// The column's first slot; its slots are ``slots``.
        public let firstSlot: Int

        public var slots: Range<Int> { firstSlot ..< firstSlot + levels.count }
    }

    public let columns: [Column]
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
    /// The columns that carry an at-most or at-least rule (a second, short loop in the hot path).
    let limitColumns: UncheckedArray<Int32>

    public let sameValue: SameValuePairs
    public let lone: LoneMember
    public let atMost: AtMost
    public let atLeast: AtLeast


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

        let sizes = GroupSizing.balancedSizes(leaders: n, groups: groups)
        sameValue = SameValuePairs(roster: roster, rules: attributeColumns, columns: columns, slotCount: slotCount, sizes: sizes)
        lone = LoneMember(roster: roster, rules: attributeColumns, columns: columns, slotCount: slotCount, groups: groups)
        atMost = AtMost(settings: settings, roster: roster, columns: atMostColumns, cells: columns, slotCount: slotCount, groups: groups)
        atLeast = AtLeast(settings: derived.map(\.rule), columns: atLeastColumns, cells: columns, labels: derived.map(\.label),
                          holders: derived.map { $0.holders.filter { $0 }.count }, slotCount: slotCount, groups: groups,
                          weight: settings.atLeastWeight)
        let (pairs, lone, atMost, atLeast) = (sameValue, self.lone, self.atMost, self.atLeast)
        common = UncheckedArray((0..<slotCount).map { CommonSlotParameters(pairCoefficient: pairs.coefficient[$0], lonePenalty: lone.penalty[$0]) })
        limitColumns = UncheckedArray(Set(atMost.terms.map(\.column) + atLeast.terms.map(\.column)).sorted().map { Int32($0) })
        parameters = UncheckedArray((0..<slotCount).map { s in
            LimitSlotParameters(atLeastPoints: atLeast.pointsPerMissing[s], atMostPoints: atMost.pointsPerMember, cap: atMost.cap[s],
                                need: atLeast.need[s], atMostIsHard: atMost.weight == nil)
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

/// Member counts per (group, slot) during the search; 16 bits keep the table small enough for cache at
/// national scale.
struct CellCounts {
    private(set) var counts: UncheckedArray<UInt16>
    let slotCount: Int

    /// - Complexity: O(n · columns + m · slots).
    init(_ table: CellTable, groups: UncheckedArray<Int32>) {
        slotCount = table.slotCount
        var counts = [UInt16](repeating: 0, count: table.groupCount * table.slotCount)
        for i in 0..<table.leaderCount {
            for c in 0..<table.stride {
                let slot = table.slot(i, column: c)
                if slot >= 0 { counts[Int(groups[i]) * table.slotCount + slot] += 1 }
            }
        }
        self.counts = UncheckedArray(counts)
    }

    @inline(__always) func count(_ g: Int, _ slot: Int) -> Int { Int(counts[g &* slotCount &+ slot]) }

    /// Soft and hard change of every cell rule when leader `i` leaves `g` for `h`: one pass over the
    /// mover's columns for same-value pairs and lone member, a short one over the columns with limits.
    /// - Complexity: O(columns).
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

    /// Same-value pairs and lone member: the change of one slot's two cells when one holder leaves `g` for `h`. O(1).
    @inline(__always)
    func commonChange(_ table: CellTable, slot: Int, from g: Int, to h: Int) -> Double {
        let cg = count(g, slot), ch = count(h, slot)
        let p = table.common[slot]
        var soft = SameValuePairs.moveChange(coefficient: p.pairCoefficient, from: cg, to: ch)
        if p.lonePenalty != 0 { soft += LoneMember.moveChange(penalty: p.lonePenalty, from: cg, to: ch) }
        return soft
    }

    /// At most and at least: the soft change of one slot's two cells when one holder leaves `g` for `h`; a
    /// hard change (at most) is added to `hard`. O(1).
    @inline(__always)
    func limitChange(_ table: CellTable, slot: Int, from g: Int, to h: Int, hard: inout Int) -> Double {
        let p = table.parameters[slot]
        guard p.cap > 0 || p.need > 0 else { return 0 }
        let cg = count(g, slot), ch = count(h, slot)
        var soft = 0.0
        if p.cap > 0 {
            let change = AtMost.excessChange(cap: Int(p.cap), from: cg, to: ch)
            if p.atMostIsHard { hard &+= change } else { soft -= p.atMostPoints * Double(change) }
        }
        if p.need > 0 { soft += AtLeast.moveChange(need: Int(p.need), points: p.atLeastPoints, from: cg, to: ch) }
        return soft
    }

    /// Change when `i` (in `g`) and `j` (in `h`) exchange groups: where both hold the same slot nothing
    /// changes; otherwise the two half-moves touch different cells and add up.
    /// - Complexity: O(columns).
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
    @inline(__always) mutating func makeUnique() { counts.makeUnique() }

    /// Moves leader `i`'s cells from `g` to `h`, writing through the storage: call ``makeUnique()`` first.
    /// O(columns).
    @inline(__always)
    func move(_ table: CellTable, _ i: Int, from g: Int, to h: Int) {
        let cells = counts.base, base = i &* table.stride
        for c in 0..<table.stride {
            let slot = Int(table.slotOf[base &+ c])
            if slot >= 0 {
                cells[g &* slotCount &+ slot] &-= 1
                cells[h &* slotCount &+ slot] &+= 1
            }
        }
    }
}

/// Same-value pairs and lone member for one slot: what the hot loop reads for every slot of a mover.
struct CommonSlotParameters {
    let pairCoefficient: Double
    let lonePenalty: Double
}

/// At most and at least for one slot, side by side for the hot loop's second pass; each rule's own file holds
/// its formula and its copy of these values.
struct LimitSlotParameters {
    /// At least: points lost per missing member.
    let atLeastPoints: Double
    /// At most (soft): points lost per member beyond the limit.
    let atMostPoints: Double
    /// At most: members that may share the value (0: no limit).
    let cap: Int32
    /// At least: members every group should have (0: no rule).
    let need: Int32
    /// At most: each member beyond the limit is a broken rule (else it costs ``atMostPoints``).
    let atMostIsHard: Bool
}
