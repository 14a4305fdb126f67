import Testing
@testable import SparringSolver
import SparringEngine
import SparringIO
import SparringModel

/// The typology's pure structure: small strata packed exactly around their hard pairs, the bound on pure
/// membership, and a search that reaches it on a roster it was not tuned on.
struct PureStructureTests {
    @Test func smallStrataArePackedAroundHardPairs() throws {
        let sizing = GroupSizing(minSize: 5, maxSize: 7)
        // Nine leaders, no hard pair: seven fit one group.
        #expect(try #require(StratumPacking.pack(count: 9, conflicts: [], sizing: sizing)).map(\.count) == [7])
        // A chef (0) over two institution leaders (1, 2), each over three team leaders: the chef and the six
        // team leaders share no reporting line, so seven still fit — and the two left out may sit together.
        let tree = [(0, 1), (0, 2), (1, 3), (1, 4), (1, 5), (2, 6), (2, 7), (2, 8)]
        let packed = try #require(StratumPacking.pack(count: 9, conflicts: tree, sizing: sizing))
        #expect(packed.map(\.count) == [7])
        #expect(Set(packed[0]) == [0, 3, 4, 5, 6, 7, 8])
        // A chef over eight: the eight fit two groups? No — 8 cannot split into groups of 5–7; seven of them fit one.
        let star = (1...8).map { (0, $0) }
        #expect(try #require(StratumPacking.pack(count: 9, conflicts: star, sizing: sizing)).map(\.count) == [7])
        // Twelve in two cliques of six: no group of five without a hard pair.
        var cliques: [(Int, Int)] = []
        for a in 0..<6 { for b in (a + 1)..<6 { cliques.append((a, b)); cliques.append((a + 6, b + 6)) } }
        #expect(try #require(StratumPacking.pack(count: 12, conflicts: cliques, sizing: sizing)).isEmpty)
        // Too large to pack exactly.
        #expect(StratumPacking.pack(count: 15, conflicts: [], sizing: sizing) == nil)
    }

    @Test func capacityBySizes() {
        let sizing = GroupSizing(minSize: 5, maxSize: 7)
        let expected = [0: 0, 4: 0, 5: 5, 7: 7, 8: 7, 9: 7, 10: 10, 14: 14, 15: 15, 81: 81]
        for (s, k) in expected { #expect(PureStrata.capacity(of: s, sizing: sizing) == k, "\(s)") }
    }

    /// On generated rosters the solver was not tuned on, local networks fill at least 99% of what the bound
    /// allows, with every hard rule kept (a move budget, so the test is deterministic).
    @Test(arguments: [UInt64(21), 22])
    func localNetworksReachTheBound(seed: UInt64) throws {
        let text = RosterGenerator(leaders: 200, seed: seed, danish: true, semicolon: true).render()
        let roster = try RosterLoader.load(table: CSVReader.parse(bytes: Array(text.utf8), file: "g.csv")).roster
        let prepared = try Pipeline.prepare(Problem(roster: roster, settings: RuleSettings(typology: .local)))
        let outcome = Pipeline.solve(prepared, options: SolverOptions(seed: 1, threads: 1, termination: Termination(moves: 300_000)))
        #expect(outcome.score.hard == 0)
        let attributes = prepared.settings.pureAttributes(for: roster)
        let got = CompositionMetrics.pureMembership(roster: roster, groups: outcome.context.groups, groupCount: prepared.groupCount, attributes: attributes)
        let bound = CompositionMetrics.achievablePureMembership(roster: roster, attributes: attributes, sizing: prepared.settings.sizing)
        #expect(Double(got) >= 0.99 * Double(bound), "pure \(got) of \(bound)")
    }
}
