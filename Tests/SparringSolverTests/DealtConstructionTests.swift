import Testing
import SparringIO
import SparringModel
@testable import SparringSolver

/// The dealt start for "different" attributes: sizes within bounds, pins kept, field × rank blocks spread.
struct DealtConstructionTests {
    @Test(arguments: [(300, UInt64(1)), (300, 2), (1_000, 3), (2_000, 4)])
    func dealsEveryBlockAcrossGroups(leaders: Int, seed: UInt64) throws {
        let roster = try generatedRoster(leaders, seed: seed)
        let model = try model(roster, .broad)
        var rng = SeededGenerator(seed: seed)
        let groups = try #require(Construction.dealt(model, rng: &rng))
        #expect(sizesWithinBounds(model, groups))
        // A field × rank block no larger than the group count never puts two of its leaders in one group.
        let field = try #require(roster.attributeIndex(named: "field")), rank = try #require(roster.attributeIndex(named: "rank"))
        let fields = roster.attributes[field].codes, ranks = roster.attributes[rank].codes
        var blockSize: [Int: Int] = [:], inGroup: [Int: Int] = [:]
        func block(_ i: Int) -> Int { Int(fields[i]) * 1_000 + Int(ranks[i]) }
        for i in 0..<roster.count { blockSize[block(i), default: 0] += 1 }
        for i in 0..<roster.count where blockSize[block(i)]! <= model.groupCount { inGroup[block(i) * 1_000_000 + Int(groups[i]), default: 0] += 1 }
        let doubled = inGroup.values.filter { $0 > 1 }.count
        #expect(doubled == 0, "\(doubled) groups hold two leaders of one small field × rank block")
        // Every field spread evenly: per group within one of the even share, or two where a leader dealt out of
        // turn (away from a hard partner) shifted the deal.
        for f in roster.attributes[field].levels.indices {
            var perGroup = [Int](repeating: 0, count: model.groupCount)
            for i in 0..<roster.count where fields[i] == Int32(f) { perGroup[Int(groups[i])] += 1 }
            #expect(perGroup.max()! - perGroup.min()! <= 2, "field \(f): \(perGroup.min()!)…\(perGroup.max()!) per group")
        }
    }

    @Test(arguments: [UInt64(5), 6, 7])
    func keepsPinsAndSizes(seed: UInt64) throws {
        let roster = try generatedRoster(200, seed: seed)
        let settings = RuleSettings(typology: .broad)
        let groupCount = settings.sizing.preferredGroupCount(leaders: roster.count)!
        var rng = SeededGenerator(seed: seed)
        var rounds = RoundRules()
        var pins = [Int32](repeating: -1, count: roster.count)
        // Five leaders pinned to group 0 and a few spread elsewhere.
        for i in 0..<5 { pins[i * 7] = 0 }
        for i in 0..<10 { pins[100 + i] = Int32(rng.below(groupCount)) }
        rounds.pins = pins
        let model = try ScoreModel(roster: roster, settings: settings, groups: groupCount, rounds: rounds)
        let groups = try #require(Construction.dealt(model, rng: &rng))
        #expect(sizesWithinBounds(model, groups))
        for i in 0..<roster.count where pins[i] >= 0 { #expect(groups[i] == pins[i]) }
    }

    @Test func avoidsHardPairsWhereCheap() throws {
        let roster = try generatedRoster(600, seed: 8)
        let model = try model(roster, .broad)
        var rng = SeededGenerator(seed: 8)
        let groups = try #require(Construction.dealt(model, rng: &rng))
        #expect(model.pairs.separations.score(Placement(groups: groups, groupCount: model.groupCount), in: model).hard == 0)
    }

    @Test func sameSeedSameDeal() throws {
        let model = try model(try generatedRoster(300, seed: 9), .broad)
        var a = SeededGenerator(seed: 3), b = SeededGenerator(seed: 3)
        #expect(Construction.dealt(model, rng: &a) == Construction.dealt(model, rng: &b))
    }

    @Test(arguments: [Typology.local, .cross, .sector])
    func leavesPureTypologiesAlone(typology: Typology) throws {
        let model = try model(try generatedRoster(300, seed: 10), typology)
        var rng = SeededGenerator(seed: 1)
        #expect(Construction.dealt(model, rng: &rng) == nil)
    }

    @Test func needsAnAttributeToDiffer() throws {
        let roster = try generatedRoster(120, seed: 11)
        let alike = Dictionary(uniqueKeysWithValues: roster.attributes.map { ($0.key, 0.0) })
        let settings = RuleSettings(typology: .broad, weights: alike)
        let model = try ScoreModel(roster: roster, settings: settings, groups: 20)
        var rng = SeededGenerator(seed: 1)
        #expect(Construction.dealt(model, rng: &rng) == nil)
    }
}
