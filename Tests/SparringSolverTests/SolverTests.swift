import Foundation
import Testing
import SparringModel
@testable import SparringSolver

struct ConstructionTests {
    @Test(arguments: [Typology.local, .broad])
    func startsWithinSizesAndMostlyConflictFree(typology: Typology) throws {
        let roster = try generatedRoster(500, seed: 12)
        let model = try model(roster, typology)
        var rng = SeededGenerator(seed: 1)
        let random = Construction.build(model, rng: &rng)
        #expect(sizesWithinBounds(model, random))
        #expect(model.score(random).hard <= 2)
        if typology == .local {
            let stratified = try #require(Construction.stratified(model, rng: &rng))
            #expect(sizesWithinBounds(model, stratified))
            let field = roster.attributeIndex(named: "field")!, rank = roster.attributeIndex(named: "rank")!
            let pure = CompositionMetrics.pureMembership(roster: roster, groups: stratified, groupCount: model.groupCount, attributes: [field, rank])
            let bound = CompositionMetrics.achievablePureMembership(roster: roster, attributes: [field, rank], sizing: GroupSizing())
            #expect(Double(pure) >= 0.95 * Double(bound))
        } else {
            #expect(Construction.stratified(model, rng: &rng) == nil)
        }
    }
}

struct SolverTests {
    @Test func sameSeedMovesAndThreadsGiveTheSameGroups() throws {
        let roster = try generatedRoster(200, seed: 5)
        let model = try model(roster, .broad)
        let options = SolverOptions(seed: 42, threads: 2, termination: Termination(moves: 200_000))
        let a = Solver.solve(model, options: options), b = Solver.solve(model, options: options)
        #expect(a.groups == b.groups)
        #expect(a.score == b.score)
        #expect(a.moves == b.moves)
        let c = Solver.solve(model, options: SolverOptions(seed: 43, threads: 2, termination: Termination(moves: 200_000)))
        #expect(c.groups != a.groups)
    }

    @Test(arguments: Typology.allCases)
    func keepsEveryHardRuleAndBeatsRandom(typology: Typology) throws {
        let roster = try generatedRoster(300, seed: 77, danish: true)
        let model = try model(roster, typology)
        let result = Solver.solve(model, options: SolverOptions(seed: 1, threads: 2, termination: Termination(moves: 400_000)))
        #expect(result.score.hard == 0)
        #expect(sizesWithinBounds(model, result.groups))
        #expect(!roster.separations.contains { result.groups[Int($0.pair.first)] == result.groups[Int($0.pair.second)] })
        var rng = SeededGenerator(seed: 3)
        #expect(result.score.soft > model.score(Construction.build(model, rng: &rng)).soft + 100)
    }

    @Test func verifiedRunReportsNoCorruption() throws {
        let roster = try generatedRoster(80, seed: 8)
        let model = try model(roster, .local)
        let result = Solver.solve(model, options: SolverOptions(seed: 2, threads: 1, termination: Termination(moves: 20_000), verifyScore: true))
        #expect(result.score == model.score(result.groups))
    }

    @Test func canonicalGroupsNumberByFirstMember() {
        #expect(canonicalGroups([2, 0, 2, 1, 0], groupCount: 3) == [0, 1, 0, 2, 1])
    }
}

struct CompositionMetricsTests {
    @Test func pureMembershipAndBounds() throws {
        let roster = try generatedRoster(300, seed: 4)
        let field = roster.attributeIndex(named: "field")!
        let m = 50
        // Sorting by field and filling groups in order gives mostly field-pure groups.
        let order = roster.attributes[field].codes.enumerated().sorted { ($0.element, $0.offset) < ($1.element, $1.offset) }.map(\.offset)
        var groups = [Int32](repeating: 0, count: roster.count)
        for (k, i) in order.enumerated() { groups[i] = Int32(k / 6) }
        let pure = CompositionMetrics.pureMembership(roster: roster, groups: groups, groupCount: m, attributes: [field])
        #expect(pure >= roster.count - 6 * 8)
        #expect(pure <= CompositionMetrics.achievablePureMembership(roster: roster, attributes: [field], sizing: GroupSizing()))
        let bound = CompositionMetrics.sameValuePairsLowerBound(roster: roster, attribute: field, groupCount: m)
        #expect(CompositionMetrics.sameValuePairs(roster: roster, groups: groups, groupCount: m, attribute: field) > bound)
    }
}

/// Cancellation (a Stop button, Ctrl-C) ends every run early and keeps the best grouping found so far.
struct CancellationTests {
    @Test func aCancelledSearchStopsAndKeepsAValidGrouping() throws {
        let roster = try generatedRoster(200, seed: 4)
        let model = try model(roster, .local)
        let cancellation = Cancellation()
        // A thread of its own: the solver's runs may occupy every worker of the dispatch pool.
        let canceller = Thread { Thread.sleep(forTimeInterval: 0.2); cancellation.cancel() }
        canceller.start()
        let budget = 5_000_000_000
        let result = Solver.solve(model, options: SolverOptions(seed: 1, threads: 2, termination: Termination(moves: budget), cancellation: cancellation))
        #expect(result.cancelled)
        #expect(result.moves < budget)
        #expect(sizesWithinBounds(model, result.groups))
        #expect(result.score == model.score(result.groups))
    }
}
