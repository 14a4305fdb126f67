import SparringModel
@testable import SparringSolver
import Testing

/// Large rosters are searched one window of groups at a time (``SearchWindow``), and the construction places
/// leaders without trying every group for each (``Construction/OpenGroups``).
struct SearchWindowTests {
    /// A sweep puts every group in exactly one window and every free leader in the window of their group, and the
    /// member lists stay exact while the windows before are searched (candidates stay inside their window).
    @Test func aSweepSortsEveryFreeLeaderIntoTheWindowOfTheirGroupOnce() throws {
        let roster = try generatedRoster(600, seed: 5)
        let model = try model(roster, .broad)
        var state = SearchState(model: model, groups: (0..<600).map { Int32($0 % model.groupCount) })
        // Every tenth leader is pinned: pinned leaders are in no window.
        let free = (0..<600).filter { $0 % 10 != 3 }.map(Int32.init)
        var window = SearchWindow(groupCount: model.groupCount, groupsPerWindow: 7)
        var rng = SeededGenerator(seed: 9)
        for _ in 0..<2 {
            var groupsSeen: [Int32] = [], membersSeen: [Int32] = []
            for _ in 0..<window.windows {
                window.advance(state, free: UncheckedArray(free), kin: nil, rng: &rng)
                let inWindow = Set(window.groups)
                let expected = free.filter { inWindow.contains(Int32(state.groupOf(Int($0)))) }
                #expect(window.members.sorted() == expected.sorted())
                groupsSeen += window.groups
                membersSeen += window.members
                // Search the window a little: swaps between its members only.
                for _ in 0..<20 {
                    let i = Int(window.members[rng.below(window.members.count)]), j = Int(window.members[rng.below(window.members.count)])
                    if state.groupOf(i) != state.groupOf(j) { state.swap(i, j, delta: state.swapDelta(i, j)) }
                }
            }
            #expect(groupsSeen.sorted() == (0..<model.groupCount).map(Int32.init))
            #expect(membersSeen.sorted() == free)
        }
    }

    /// Kin swaps in a window pair kin of that window only.
    @Test func aWindowsKinAreItsOwnMembersOfOneStratum() throws {
        let roster = try generatedRoster(600, seed: 6)
        let model = try model(roster, .sector)
        var rng = SeededGenerator(seed: 3)
        let start = try #require(Construction.stratified(model, rng: &rng))
        let free = (0..<600).map(Int32.init)
        var annealer = Annealer()
        annealer.keepStructure(of: start, model: model, free: free)
        let kin = try #require(annealer.kin)
        var window = SearchWindow(groupCount: model.groupCount, groupsPerWindow: 10)
        window.advance(SearchState(model: model, groups: start), free: UncheckedArray(free), kin: kin, rng: &rng)
        let windowKin = try #require(window.kin)
        let members = Set(window.members)
        for i in window.members {
            let k = Int(kin.of[Int(i)])
            let listed = windowKin.members[Int(windowKin.start[k])..<Int(windowKin.start[k + 1])]
            #expect(Set(listed) == Set(members.filter { kin.of[Int($0)] == k }))
        }
    }

    /// A run in windows keeps its incremental score exact (checked after every accepted change), keeps the sizes,
    /// and improves nearly as much per move as a run over the whole roster, though its windows here are tiny (ten
    /// groups of sixty: a window that never moved on would gain about a sixth).
    @Test(arguments: [Typology.broad, .sector])
    func aRunInWindowsKeepsItsScoreAndImproves(typology: Typology) throws {
        let roster = try generatedRoster(360, seed: 8)
        let model = try model(roster, typology)
        var rng = SeededGenerator(seed: 2)
        let start = Construction.build(model, rng: &rng)
        let free = (0..<360).map(Int32.init)
        func run(windows: Bool) -> RunResult {
            var annealer = Annealer(verifyScore: true)
            if windows { (annealer.windowFrom, annealer.windowElements) = (0, 60) }
            var rng = SeededGenerator(seed: 4)
            return annealer.run(SearchState(model: model, groups: start), free: free, rng: &rng,
                                clock: RunClock(seconds: nil, moves: 40_000), stagnation: nil, report: nil)
        }
        let whole = run(windows: false), windowed = run(windows: true)
        let before = SearchState(model: model, groups: start).objective
        #expect(sizesWithinBounds(model, windowed.groups))
        #expect(abs(windowed.objective - SearchState(model: model, groups: windowed.groups).objective) < 1e-6)
        #expect(windowed.objective - before >= 0.8 * (whole.objective - before))
    }

    /// The construction's placement with open groups bucketed by fill equals the rule it implements, tried on every
    /// group: the group with room and the fewest hard partners, then the emptiest, then the lowest number.
    @Test(arguments: [UInt64(1), 2, 3])
    func placingByOpenGroupsEqualsTryingEveryGroup(seed: UInt64) throws {
        let roster = try generatedRoster(240, seed: seed)
        let model = try model(roster, .local)
        var rng = SeededGenerator(seed: seed)
        // A block of members (most hard pairs first, as the construction orders them) into some groups with
        // uneven sizes; the rest of the roster is already placed elsewhere.
        let members = (0..<240).filter { _ in rng.below(3) > 0 }
            .sorted { (model.pairs.pairs(of: $0).count, -$0) > (model.pairs.pairs(of: $1).count, -$1) }
        var sizes: [Int] = [], room = members.count
        while room > 0 {
            let size = min(room, 5 + rng.below(3))
            sizes.append(size)
            room -= size
        }
        let firstGroup = 3
        var start = [Int32](repeating: 0, count: 240)
        for i in 0..<240 { start[i] = Int32(rng.below(firstGroup + sizes.count)) }
        var fast = start
        Construction.placeAvoidingHardPairs(members, sizes: sizes, firstGroup: firstGroup, model, units: TogetherUnits(model), group: &fast)
        var slow = start, filled = [Int](repeating: 0, count: sizes.count)
        for i in members {
            var best = -1, bestKey = (Int.max, Int.max)
            for g in sizes.indices where filled[g] < sizes[g] {
                var partners = 0
                for k in model.pairs.pairs(of: i) where model.pairs.hard[k] > 0 && slow[Int(model.pairs.other[k])] == Int32(firstGroup + g) { partners += 1 }
                if (partners, filled[g]) < bestKey { bestKey = (partners, filled[g]); best = g }
            }
            slow[i] = Int32(firstGroup + best)
            filled[best] += 1
        }
        #expect(fast == slow)
    }
}
