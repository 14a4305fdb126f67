import Testing
import SparringIO
import SparringModel
import SparringTestSupport
@testable import SparringSolver

/// Two scorers, one truth: after long random move and swap sequences the incremental score and every
/// predicted delta agree with the from-scratch scorer.
struct SearchStateTests {
    static let cases: [(Typology, UInt64)] = [(.local, 1), (.cross, 2), (.sector, 3), (.broad, 4)]

    @Test(arguments: cases)
    func incrementalAgreesWithFromScratch(typology: Typology, seed: UInt64) throws {
        let roster = try generatedRoster(120, seed: seed)
        let model = try model(roster, typology)
        var rng = SeededGenerator(seed: seed)
        var state = SearchState(model: model, groups: Construction.build(model, rng: &rng))
        var checked = 0
        for step in 0..<3000 {
            let i = rng.below(model.leaderCount)
            if rng.below(2) == 0 {
                let h = rng.below(model.groupCount)
                guard state.canMove(i, to: h) else { continue }
                let delta = state.moveDelta(i, to: h)
                state.move(i, to: h, delta: delta)
            } else {
                let j = rng.below(model.leaderCount)
                guard state.groupOf(i) != state.groupOf(j) else { continue }
                let delta = state.swapDelta(i, j)
                state.swap(i, j, delta: delta)
            }
            let after = model.score(state.groups)
            #expect(state.hard == after.hard, "hard drift at step \(step)")
            let tolerance = 1e-6 * max(1, abs(after.soft))
            let drift = abs(state.soft - after.soft)
            #expect(drift < tolerance, "soft drift at step \(step)")
            checked += 1
        }
        #expect(checked > 1000)
        #expect(state.corruption() == nil)
        #expect(sizesWithinBounds(model, state.groups))
    }

    /// With the unit column kept wide (compact per-group sections, not a dense row, as at national scale) the
    /// counts must agree with the from-scratch score through moves, swaps, and groups grown past the sections'
    /// capacity (moves the search would not make, which make the sections grow).
    @Test func wideColumnsAgreeWithFromScratch() throws {
        let roster = try generatedRoster(6_000, seed: 12)
        let model = try model(roster, .broad)
        var rng = SeededGenerator(seed: 12)
        var state = SearchState(model: model, groups: Construction.build(model, rng: &rng), wideColumnBytes: 1 << 10)
        #expect(state.cells.sparseStride > 0, "the unit column should be wide at this size")
        let capacity = state.cells.capacity
        for step in 0..<4000 {
            let i = rng.below(model.leaderCount)
            if step % 3 == 0 {
                // Into group 0 regardless of its bound: it outgrows the sections' capacity.
                let h = step < 600 ? 0 : rng.below(model.groupCount)
                guard state.groupOf(i) != h else { continue }
                state.move(i, to: h, delta: state.moveDelta(i, to: h))
            } else {
                let j = rng.below(model.leaderCount)
                guard state.groupOf(i) != state.groupOf(j) else { continue }
                let predicted = state.swapDelta(i, j), sum = state.ruleSwapDeltas(i, j).reduce(Score.zero, +)
                #expect(sum.hard == predicted.hard && abs(sum.soft - predicted.soft) < 1e-6)
                state.swap(i, j, delta: predicted)
            }
            if step % 500 == 0 { #expect(state.corruption() == nil, "step \(step)") }
        }
        #expect(state.cells.capacity > capacity, "group 0 grew past the capacity")
        #expect(state.corruption() == nil)
        let placement = Placement(groups: state.groups, groupCount: model.groupCount)
        for g in [0, 1, model.groupCount - 1] {
            for slot in 0..<model.cells.slotCount {
                let c = model.cells.column(ofSlot: slot)
                let truth = placement.members[g].filter { model.cells.slot($0, column: c) == slot }.count
                #expect(state.cells.count(g, slot) == truth)
            }
        }
    }

    @Test func handlesEmptyCellsAndExtraAttributes() throws {
        let table = try CSVReader.parse(bytes: Array("""
            id,field,gender,seniority,score,conflicts,wishes
            1,A,w,3,7,,2
            2,A,,,1,3,
            3,B,m,10,,,1
            4,,w,2,4,,
            5,B,m,,9,,
            6,C,w,8,2,,5
            7,C,,1,3,,
            8,A,m,5,5,,
            9,B,w,,6,,
            10,C,m,7,8,,
            """.utf8), file: "t.csv")
        let roster = try RosterLoader.load(table: table).roster
        let settings = RuleSettings(typology: .local, sizing: GroupSizing(minSize: 2, maxSize: 4), weights: ["score": 3])
        let model = try ScoreModel(roster: roster, settings: settings, groups: 3)
        var rng = SeededGenerator(seed: 9)
        var state = SearchState(model: model, groups: Construction.build(model, rng: &rng))
        for _ in 0..<2000 {
            let i = rng.below(10), j = rng.below(10)
            if state.groupOf(i) != state.groupOf(j) { state.swap(i, j, delta: state.swapDelta(i, j)) }
            let h = rng.below(3)
            if state.canMove(i, to: h) { state.move(i, to: h, delta: state.moveDelta(i, to: h)) }
            #expect(state.corruption() == nil)
        }
    }
}
