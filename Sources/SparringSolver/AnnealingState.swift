import Foundation
/// What the annealer needs from a grouping with incremental scoring: candidate moves and swaps with their
/// objective change, and applying them. Implemented by ``SearchState`` (rosters) and ``MatrixState``
/// (distance-matrix problems such as MDGPLIB).
protocol AnnealingState {
    /// Whatever a delta computation returns that applying the change needs again.
    associatedtype Delta
    /// The grouping, 0-based group per element. O(n).
    var groups: [Int32] { get }
    func groupOf(_ i: Int) -> Int
    var groupCount: Int { get }
    /// The single objective the search maximises.
    var objective: Double { get }
    /// Hard rules broken (0 for problems without hard rules). O(1).
    var hard: Int { get }
    /// The hottest temperature of a repair (``Annealer/repairPatience``): one more hard rule broken is taken
    /// once in a thousand. O(1).
    var repairTemperature: Double { get }
    /// Whether any move can ever be allowed (false when every group's size is fixed: only swaps then). O(1).
    var allowsMoves: Bool { get }
    /// Whether element `i` may move to group `h` (size bounds, pins). O(1).
    func canMove(_ i: Int, to h: Int) -> Bool
    /// The change of a move that ``canMove(_:to:)`` allows.
    func searchMoveDelta(_ i: Int, to h: Int) -> Delta
    /// The change of a swap of two elements that are not pinned.
    func searchSwapDelta(_ i: Int, _ j: Int) -> Delta
    /// The objective change of a delta.
    func gain(_ delta: Delta) -> Double
    /// The objective change of a swap, as the temperature calibration should see it.
    func calibrationGain(_ i: Int, _ j: Int, leavingOutPurity: Bool, leavingOutPairs: Bool) -> Double
    mutating func move(_ i: Int, to h: Int, delta: Delta)
    mutating func swap(_ i: Int, _ j: Int, delta: Delta)
    /// A description of drift between the incremental and the from-scratch score, or `nil`.
    func corruption() -> String?
}

extension SearchState: AnnealingState {
    var groupCount: Int { model.groupCount }
    var allowsMoves: Bool { true }
    /// A hard rule costs ``ScoreModel/hardPenalty`` in the objective: taken with probability e^(−penalty/T).
    var repairTemperature: Double { model.hardPenalty / log(1000) }

    @inline(__always)
    func gain(_ delta: Score) -> Double { delta.soft - model.hardPenalty * Double(delta.hard) }
}
