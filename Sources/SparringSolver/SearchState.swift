import SparringModel

/// A grouping together with every rule's tables, so that a move's or swap's score change is cheap.
///
/// The rules' storage is held as concrete fields and their changes summed in one fused pass (no existential,
/// no dynamic dispatch per move): a move or swap reads only the rows of its two groups, so its delta costs
/// O(columns + pair rules of the leaders involved), independent of group size and of the number of groups.
/// The tables use ``UncheckedArray`` (no bounds checks in release builds).
public struct SearchState {
    /// The compiled rules.
    public let model: ScoreModel
    private(set) var group: UncheckedArray<Int32>
    private(set) var size: UncheckedArray<Int32>
    private(set) var cells: CellCounts
    private(set) var numbers: NumberSums
    private(set) var purity: PureGroups.Tables
    private(set) var meeting: MeetingDays.Tables
    /// Hard rules broken by the current grouping (kept incrementally).
    public private(set) var hard: Int
    /// Soft points of the current grouping (kept incrementally).
    public private(set) var soft: Double
    /// Whether the pure-groups and meeting-day rules take part (read once, not per move).
    private let purityActive: Bool
    private let meetingActive: Bool
    /// Whether any leader is pinned (without pins, ``canMove(_:to:)`` reads no pin).
    private let pinsActive: Bool
    /// Groups outside their size bounds (0 once construction is done, and kept so by ``canMove(_:to:)``).
    private(set) var groupsOutOfBounds: Int

    /// - Complexity: O(n · columns + m · slots + pairs), plus one from-scratch score.
    public init(model: ScoreModel, groups: [Int32]) { self.init(model: model, groups: groups, wideColumnBytes: CellCounts.wideColumnBytes) }

    /// - Parameter wideColumnBytes: from what size a cell column is kept in compact per-group sections
    ///   (``CellCounts``); tests lower it.
    init(model: ScoreModel, groups: [Int32], wideColumnBytes: Int) {
        self.model = model
        purityActive = model.purity.isActive
        meetingActive = model.meeting.isActive
        pinsActive = model.pins.isActive
        let group = UncheckedArray(groups)
        self.group = group
        var size = [Int32](repeating: 0, count: model.groupCount)
        for g in groups { size[Int(g)] += 1 }
        self.size = UncheckedArray(size)
        // No group outgrows both its bound and its start: moves go only to groups below their maximum.
        cells = CellCounts(model.cells, groups: group, capacity: max(Int(model.maxSizes.max() ?? 1), Int(size.max() ?? 1)),
                           wideBytes: wideColumnBytes)
        numbers = NumberSums(model.numbers, groups: group)
        purity = model.purity.makeTables(groups: group, groupCount: model.groupCount)
        meeting = model.meeting.makeTables(groups: group, groupCount: model.groupCount)
        groupsOutOfBounds = (0..<model.groupCount).filter { size[$0] < model.minSizes[$0] || size[$0] > model.maxSizes[$0] }.count
        let score = model.score(groups)
        hard = score.hard
        soft = score.soft
    }

    /// The current grouping's score. O(1).
    public var score: Score { Score(hard: hard, soft: soft) }
    /// The grouping, 0-based group per leader. O(n).
    public var groups: [Int32] { group.array }
    /// Group sizes, for the rules that need them.
    var sizes: UncheckedArray<Int32> { size }

    /// Leader `i`'s group. O(1).
    @inline(__always) public func groupOf(_ i: Int) -> Int { Int(group[i]) }

    /// The search's single objective: soft score minus a large penalty per broken hard rule.
    public var objective: Double { soft - model.hardPenalty * Double(hard) }

    /// Whether leader `i` may leave its group for `h` without breaking size bounds or a pin. O(1).
    @inline(__always)
    public func canMove(_ i: Int, to h: Int) -> Bool {
        let g = Int(group[i])
        return g != h && (!pinsActive || model.pins.fixedGroup[i] < 0) && size[g] > model.sizes.minSizes[g] && size[h] < model.sizes.maxSizes[h]
    }

    /// Score change if leader `i` moved to group `h`: every rule's change, fused.
    /// - Complexity: O(columns + pair rules of `i`) (plus O(days) with a meeting-day rule).
    @inline(__always)
    public func moveDelta(_ i: Int, to h: Int) -> Score {
        let g = Int(group[i])
        var delta = fusedMoveDelta(i, from: g, to: h)
        delta.hard &+= model.sizes.moveDelta(from: g, to: h, size: size) &+ model.pins.moveDelta(i, from: g, to: h)
        return delta
    }

    /// Score change if leaders `i` and `j` (in different groups) exchanged groups.
    /// - Complexity: O(columns + pair rules of `i` and `j`) (plus O(days) with a meeting-day rule).
    @inline(__always)
    public func swapDelta(_ i: Int, _ j: Int) -> Score {
        let g = Int(group[i]), h = Int(group[j])
        var delta = fusedSwapDelta(i, j, g, h)
        delta.hard &+= model.pins.moveDelta(i, from: g, to: h) &+ model.pins.moveDelta(j, from: h, to: g)
        return delta
    }

    /// The change of a move the search makes: ``moveDelta(_:to:)`` without the rules such a move cannot
    /// change. Precondition: ``canMove(_:to:)``, so the mover is not pinned and, while every group is within
    /// its bounds, stays so (the size rule is counted only while some group is out of bounds).
    @inline(__always)
    func searchMoveDelta(_ i: Int, to h: Int) -> Score {
        let g = Int(group[i])
        var delta = fusedMoveDelta(i, from: g, to: h)
        if groupsOutOfBounds > 0 { delta.hard &+= model.sizes.moveDelta(from: g, to: h, size: size) }
        return delta
    }

    /// The change of a swap the search makes: ``swapDelta(_:_:)`` for two leaders who are not pinned.
    @inline(__always)
    func searchSwapDelta(_ i: Int, _ j: Int) -> Score { fusedSwapDelta(i, j, Int(group[i]), Int(group[j])) }

    /// Every rule's change for a move but group sizes and pins, summed in one pass. Hard counts add with
    /// wrapping arithmetic: they stay far from overflow, and the hot loop needs no overflow branch.
    /// - Complexity: O(columns + pair rules of `i`) (plus O(days) with a meeting-day rule).
    @inline(__always)
    private func fusedMoveDelta(_ i: Int, from g: Int, to h: Int) -> Score {
        var delta = model.pairs.delta(i, from: g, to: h, ignoring: -1, groups: group)
        let cells = cells.moveDelta(model.cells, i, from: g, to: h)
        delta.hard &+= cells.hard
        delta.soft += cells.soft
        delta.soft += numbers.moveDelta(model.numbers, i, from: g, to: h)
        if purityActive { delta.soft += model.purity.moveDelta(i, from: g, to: h, purity, size: size) }
        if meetingActive {
            let meeting = model.meeting.moveDelta(i, from: g, to: h, meeting, size: size)
            delta.hard &+= meeting.hard
            delta.soft += meeting.soft
        }
        return delta
    }

    /// Every rule's change for a swap of `i` (in `g`) and `j` (in `h`) but pins, summed in one pass (sizes do
    /// not change). O(columns + pair rules of `i` and `j`) (plus O(days)).
    @inline(__always)
    private func fusedSwapDelta(_ i: Int, _ j: Int, _ g: Int, _ h: Int) -> Score {
        // The pair (i, j) itself stays split either way, so each side ignores the other.
        var delta = model.pairs.delta(i, from: g, to: h, ignoring: j, groups: group)
        let other = model.pairs.delta(j, from: h, to: g, ignoring: i, groups: group)
        delta.hard &+= other.hard
        delta.soft += other.soft
        let cells = cells.swapDelta(model.cells, i, j, g, h)
        delta.hard &+= cells.hard
        delta.soft += cells.soft
        delta.soft += numbers.swapDelta(model.numbers, i, j, g, h)
        if purityActive { delta.soft += model.purity.swapDelta(i, j, g, h, purity, size: size) }
        if meetingActive {
            let meeting = model.meeting.swapDelta(i, j, g, h, meeting, size: size)
            delta.hard &+= meeting.hard
            delta.soft += meeting.soft
        }
        return delta
    }

    /// Moves leader `i` to group `h`, updating every table; `delta` is what ``moveDelta(_:to:)`` returned.
    /// - Complexity: O(columns) (plus O(days)).
    public mutating func move(_ i: Int, to h: Int, delta: Score) {
        makeTablesUnique()
        relocate(i, to: h)
        hard += delta.hard
        soft += delta.soft
    }

    /// Exchanges the groups of `i` and `j`; `delta` is what ``swapDelta(_:_:)`` returned. O(columns).
    public mutating func swap(_ i: Int, _ j: Int, delta: Score) {
        let g = Int(group[i]), h = Int(group[j])
        makeTablesUnique()
        relocate(i, to: h)
        relocate(j, to: g)
        hard += delta.hard
        soft += delta.soft
    }

    /// Gives every table storage no copy shares (one uniqueness check per table), so that ``relocate(_:to:)``
    /// can write through the tables' base pointers. O(1) unless a copy shares a table.
    @inline(__always)
    private mutating func makeTablesUnique() {
        group.makeUnique()
        size.makeUnique()
        cells.makeUnique()
        numbers.makeUnique()
        if purityActive { purity.makeUnique() }
        if meetingActive { meeting.makeUnique() }
    }

    /// Moves `i` to `h` in every table. Precondition: ``makeTablesUnique()`` since the state was last copied.
    @inline(__always)
    private mutating func relocate(_ i: Int, to h: Int) {
        let g = Int(group[i])
        cells.move(model.cells, i, from: g, to: h)
        numbers.move(model.numbers, i, from: g, to: h)
        if purityActive { model.purity.move(i, from: g, to: h, purity) }
        if meetingActive { model.meeting.move(i, from: g, to: h, meeting) }
        let sizes = size.base, bounds = model.sizes
        let outside = bounds.outside(g, sizes[g]) &+ bounds.outside(h, sizes[h])
        sizes[g] &-= 1
        sizes[h] &+= 1
        groupsOutOfBounds &+= bounds.outside(g, sizes[g]) &+ bounds.outside(h, sizes[h]) &- outside
        group.base[i] = Int32(truncatingIfNeeded: h)
    }

    /// Every rule's own change for a move, in ``ScoreModel/rules`` order (for tests: the fused
    /// ``moveDelta(_:to:)`` must equal their sum). O(pairs).
    public func ruleMoveDeltas(_ i: Int, to h: Int) -> [Score] { model.rules.map { $0.moveDelta(i, to: h, in: self) } }

    /// Every rule's own change for a swap, in ``ScoreModel/rules`` order. O(pairs).
    public func ruleSwapDeltas(_ i: Int, _ j: Int) -> [Score] { model.rules.map { $0.swapDelta(i, j, in: self) } }

    /// Recomputes the score from scratch and reports drift beyond rounding ("score corruption"). O(score).
    public func corruption() -> String? {
        let truth = model.score(groups)
        if truth.hard != hard || abs(truth.soft - soft) > 1e-6 * max(1, abs(truth.soft)) {
            return "score corruption: incremental \(score), from scratch \(truth)"
        }
        return nil
    }

    /// Re-synchronises the running score with the from-scratch value (clears floating-point drift).
    public mutating func resynchronise() {
        let truth = model.score(groups)
        hard = truth.hard
        soft = truth.soft
    }

    /// The soft change of a swap without the pure-groups rule and/or the pair rules, for the annealer's
    /// temperature calibration. O(columns + pair rules).
    func calibrationGain(_ i: Int, _ j: Int, leavingOutPurity: Bool, leavingOutPairs: Bool) -> Double {
        let g = Int(group[i]), h = Int(group[j])
        var gain = searchSwapDelta(i, j).soft
        if leavingOutPurity && purityActive { gain -= model.purity.swapDelta(i, j, g, h, purity, size: size) }
        if leavingOutPairs {
            gain -= model.pairs.delta(i, from: g, to: h, ignoring: j, groups: group).soft + model.pairs.delta(j, from: h, to: g, ignoring: i, groups: group).soft
        }
        return gain
    }
}
