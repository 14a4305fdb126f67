import SparringModel

/// A rule whose value is a sum over (group, value) cells of a function of the cell's member count — the table
/// kind a new cell rule joins through without touching the search: it says which categorical attributes it acts
/// on and what a cell of `count` members is worth, and ``CellTable`` folds every such rule into one flat table
/// of values by count (``CellCurves``) that the fused move and swap read beside the limits (at most, at least). Score, move and swap deltas come from
/// the curve (this protocol's extension); the rule writes its report, options and texts.
///
/// Contract: a cell with no member is worth nothing (`cellValue(…, count: 0) == .zero`), so a grouping's value
/// is a sum over the cells that hold someone.
public protocol CellCurveRule: ScoreRule {
    /// The roster attributes (categorical) the rule acts on; each becomes (or shares) a column of the cell table.
    var attributes: [Int] { get }
    /// What one cell is worth: `count` members holding value `level` of `attributes[term]` in one group, for
    /// `count` from 0 to the value's number of holders. Called once per (value, count) when the table is built.
    func cellValue(term: Int, level: Int, count: Int) -> Score
}

extension CellCurveRule {
    /// Active when it acts on any attribute.
    public var isActive: Bool { !attributes.isEmpty }

    /// Per term, per group, the member count of each value held there (level → count), from scratch. O(n · terms).
    public func cellCounts(_ placement: Placement, in model: ScoreModel) -> [[[Int: Int]]] {
        attributes.map { a in
            let codes = model.roster.attributes[a].codes
            return placement.members.map { members in
                var counts: [Int: Int] = [:]
                for i in members where codes[i] >= 0 { counts[Int(codes[i]), default: 0] += 1 }
                return counts
            }
        }
    }

    /// Σ over the cells that hold someone of ``cellValue(term:level:count:)``. O(n · terms).
    public func score(_ placement: Placement, in model: ScoreModel) -> Score {
        var total = Score.zero
        for (term, groups) in cellCounts(placement, in: model).enumerated() {
            for counts in groups {
                for (level, count) in counts.sorted(by: { $0.key < $1.key }) { total += cellValue(term: term, level: level, count: count) }
            }
        }
        return total
    }

    /// The rule's own change when one holder of value `level` of term `term` leaves a cell of `from` members for
    /// one of `to` members. O(1) plus two curve reads each way.
    func change(term: Int, level: Int, from cg: Int, to ch: Int) -> Score {
        cellValue(term: term, level: level, count: cg - 1) - cellValue(term: term, level: level, count: cg)
            + cellValue(term: term, level: level, count: ch + 1) - cellValue(term: term, level: level, count: ch)
    }

    /// The rule's columns in the cell table and, per column, the term it reads. O(terms).
    private func columns(in table: CellTable) -> (columns: [Int], term: [Int: Int]) {
        var term: [Int: Int] = [:]
        for (k, a) in attributes.enumerated() { term[table.attributeColumn[a]] = k }
        return (term.keys.sorted(), term)
    }

    /// The curve's change for the mover's cells. O(terms).
    public func moveDelta(_ i: Int, to h: Int, in state: SearchState) -> Score {
        let table = state.model.cells, (columns, term) = columns(in: table)
        return table.ruleMoveDelta(i, to: h, in: state, columns: columns) { slot, cg, ch in
            let c = table.column(ofSlot: slot)
            return change(term: term[c]!, level: slot - table.columns[c].firstSlot, from: cg, to: ch)
        }
    }

    /// The curve's change for both leaders' cells. O(terms).
    public func swapDelta(_ i: Int, _ j: Int, in state: SearchState) -> Score {
        let table = state.model.cells, (columns, term) = columns(in: table)
        return table.ruleSwapDelta(i, j, in: state, columns: columns) { slot, cg, ch in
            let c = table.column(ofSlot: slot)
            return change(term: term[c]!, level: slot - table.columns[c].firstSlot, from: cg, to: ch)
        }
    }
}

/// Every ``CellCurveRule`` in force, folded into one table the hot loop reads: per slot, the summed value of a
/// cell by member count, soft and hard side by side. A slot's start rides in its ``LimitSlotParameters`` (no
/// extra load, no extra loop); a move reads four entries per curve column of the mover.
struct CellCurves: Sendable {
    /// The rules, compiled (for the score, the reports and the shared rule test; never called per move).
    let rules: [any CellCurveRule]
    /// The columns any curve rule acts on (they join the hot path's short loop over limit columns).
    let columns: UncheckedArray<Int32>
    /// Per slot, where its values start in ``values`` (entry `offset + count`), or −1.
    let offset: UncheckedArray<Int32>
    /// Values by count, soft points and hard count side by side.
    let values: UncheckedArray<CurvePoint>
    /// Whether any curve counts broken hard rules (else the hot loop skips the hard part).
    let hasHard: Bool
    /// The largest soft change one member entering or leaving a cell can bring (for the hard penalty's scale).
    let largestStep: Double

    /// Folds `rules` over `table`'s columns: one run of `holders + 1` values per slot a rule acts on.
    /// - Parameter holders: per slot, its number of holders in the roster.
    /// - Complexity: O(Σ over the rules' slots of holders) = O(n · curve columns).
    init(rules: [any CellCurveRule], attributeColumn: [Int], columns: [CellTable.Column], holders: [Int], slotCount: Int) {
        var offset = [Int32](repeating: -1, count: slotCount)
        var values: [CurvePoint] = []
        var curveColumns = Set<Int>()
        for rule in rules {
            for (term, a) in rule.attributes.enumerated() {
                let c = attributeColumn[a]
                curveColumns.insert(c)
                for slot in columns[c].slots {
                    if offset[slot] < 0 {
                        offset[slot] = Int32(values.count)
                        values += [CurvePoint](repeating: CurvePoint(soft: 0, hard: 0), count: holders[slot] + 1)
                    }
                    let start = Int(offset[slot]), level = slot - columns[c].firstSlot
                    assert(rule.cellValue(term: term, level: level, count: 0) == .zero, "a curve rule gives an empty cell a value")
                    for count in 0...holders[slot] {
                        let value = rule.cellValue(term: term, level: level, count: count)
                        values[start + count] = CurvePoint(soft: values[start + count].soft + value.soft, hard: values[start + count].hard + Int32(value.hard))
                    }
                }
            }
        }
        // The largest step within one slot's run (runs start at an empty cell's 0, so a step across two runs is none).
        var step = 0.0
        for slot in 0..<slotCount where offset[slot] >= 0 {
            let start = Int(offset[slot])
            for count in 0..<holders[slot] { step = max(step, abs(values[start + count + 1].soft - values[start + count].soft)) }
        }
        self.rules = rules
        self.columns = UncheckedArray(curveColumns.sorted().map { Int32($0) })
        self.offset = UncheckedArray(offset)
        self.values = UncheckedArray(values)
        hasHard = values.contains { $0.hard != 0 }
        largestStep = step
    }

    /// The change of one slot's two cells when one holder leaves a cell of `cg` members for one of `ch`
    /// (`cg ≥ 1`; `ch + 1` never exceeds the holders); `start` is the slot's ``offset``. O(1): four reads.
    @inline(__always)
    func change(at start: Int, from cg: Int, to ch: Int, hard: inout Int) -> Double {
        let a = values[start &+ cg &- 1], b = values[start &+ cg], c = values[start &+ ch &+ 1], d = values[start &+ ch]
        if hasHard { hard &+= Int(a.hard &- b.hard &+ c.hard &- d.hard) }
        return (a.soft - b.soft) + (c.soft - d.soft)
    }
}

/// A cell's value at one member count: soft points and broken hard rules.
struct CurvePoint: Sendable {
    let soft: Double
    let hard: Int32
}
