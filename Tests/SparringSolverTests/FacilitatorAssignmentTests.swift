import Testing
import SparringModel
@testable import SparringSolver

/// Facilitators placed after the grouping (``FacilitatorAssignment``): optimal against brute force on small cases,
/// capacities and separations never broken, a member's unit only where no one else can.
struct FacilitatorAssignmentTests {
    /// Twelve leaders with a unit (U1–U3) and a field (F1–F2).
    static func roster(_ rng: inout SeededGenerator) -> Roster {
        let n = 12
        let units = Attribute(header: "unit", key: "unit", role: .unit, kind: .categorical, levels: ["U1", "U2", "U3"],
                              codes: (0..<n).map { _ in Int32(rng.below(3)) })
        let fields = Attribute(header: "field", key: "field", role: .field, kind: .categorical, levels: ["F1", "F2"],
                               codes: (0..<n).map { _ in Int32(rng.below(2)) })
        return Roster(ids: (1...n).map(String.init), names: (1...n).map { "P\($0)" }, attributes: [units, fields],
                      managers: [Int32](repeating: -1, count: n), conflicts: [], wishes: [])
    }

    /// The best assignment by trying every one: per group any set of at most `perGroup` allowed facilitators, within
    /// the capacities; the most facilitator places filled, then the least cost.
    /// With `forced`, that group's facilitators must include that one (a choice by hand).
    static func bruteForce(_ facilitators: [Facilitator], roster: Roster, members: [[Int]], perGroup: Int,
                           forced: (group: Int, facilitator: Int)? = nil) -> (units: Int, cost: Int) {
        let f = facilitators.count
        let costs = members.map { group in facilitators.map { FacilitatorAssignment.cost($0, members: group, roster: roster) } }
        var best = (units: -1, cost: Int.max)
        var used = [Int](repeating: 0, count: f)
        func visit(_ g: Int, units: Int, cost: Int) {
            if g == members.count {
                if units > best.units || (units == best.units && cost < best.cost) { best = (units, cost) }
                return
            }
            for mask in 0..<(1 << f) where mask.nonzeroBitCount <= perGroup {
                let chosen = (0..<f).filter { mask & (1 << $0) != 0 }
                guard chosen.allSatisfy({ costs[g][$0] != nil && used[$0] < facilitators[$0].capacity }) else { continue }
                if let forced, forced.group == g, !chosen.contains(forced.facilitator) { continue }
                for k in chosen { used[k] += 1 }
                visit(g + 1, units: units + chosen.count, cost: cost + chosen.reduce(0) { $0 + costs[g][$1]! })
                for k in chosen { used[k] -= 1 }
            }
        }
        visit(0, units: 0, cost: 0)
        return best
    }

    /// A small random case: 12 leaders in 2–4 groups, 1 or 2 facilitators a group, 2–4 facilitators with
    /// capacities 1–2, units, field preferences, people kept apart and (with `leaders`) some of them leaders.
    static func randomCase(_ rng: inout SeededGenerator, leaders: Bool)
        -> (roster: Roster, groups: [Int32], groupCount: Int, perGroup: Int, facilitators: [Facilitator]) {
        let roster = Self.roster(&rng)
        let m = 2 + rng.below(3), perGroup = 1 + rng.below(2)
        let groups: [Int32] = (0..<12).map { Int32($0 % m) }
        var facilitators: [Facilitator] = []
        for k in 0..<(2 + rng.below(3)) {
            var facilitator = Facilitator(name: "F\(k)", leader: leaders && rng.below(4) == 0 ? rng.below(12) : nil, capacity: 1 + rng.below(2),
                                          unit: rng.below(2) == 0 ? ["U1", "U2", "U3"][rng.below(3)] : nil)
            if rng.below(2) == 0 { facilitator.fields = [["F1", "F2"][rng.below(2)]] }
            facilitator.keptApart = (0..<rng.below(3)).map { _ in rng.below(12) }
            facilitators.append(facilitator)
        }
        return (roster, groups, m, perGroup, facilitators)
    }

    @Test(arguments: 0..<60)
    func optimalAgainstBruteForce(seed: Int) {
        var rng = SeededGenerator(seed: UInt64(seed) &* 7919 &+ 3)
        let (roster, groups, m, perGroup, facilitators) = Self.randomCase(&rng, leaders: true)
        let found = FacilitatorAssignment.assign(facilitators, roster: roster, groups: groups, groupCount: m, perGroup: perGroup)
        var members = [[Int]](repeating: [], count: m)
        for (i, g) in groups.enumerated() { members[Int(g)].append(i) }
        let best = Self.bruteForce(facilitators, roster: roster, members: members, perGroup: perGroup)
        #expect(found.byGroup.reduce(0) { $0 + $1.count } == best.units, "seed \(seed)")
        #expect(found.cost == best.cost, "seed \(seed)")
        // What it found is allowed and within the capacities, and costs what it says.
        var load = [Int](repeating: 0, count: facilitators.count), cost = 0
        for (g, chosen) in found.byGroup.enumerated() {
            #expect(chosen.count <= perGroup && Set(chosen).count == chosen.count)
            for k in chosen {
                load[k] += 1
                let price = FacilitatorAssignment.cost(facilitators[k], members: members[g], roster: roster)
                #expect(price != nil, "seed \(seed): \(facilitators[k].name) may not lead group \(g + 1)")
                cost += price ?? 0
                if let leader = facilitators[k].leader { #expect(!members[g].contains(leader)) }
                #expect(!members[g].contains(where: facilitators[k].keptApart.contains))
            }
        }
        #expect(zip(load, facilitators).allSatisfy { $0 <= $1.capacity })
        #expect(cost == found.cost)
    }

    /// A facilitator chosen by hand for the first group (allowed there) is kept, and the rest is placed optimally
    /// around the choice: against every assignment that holds it.
    @Test(arguments: 0..<30)
    func aChoiceByHandIsKeptAndTheRestIsOptimal(seed: Int) throws {
        var rng = SeededGenerator(seed: UInt64(seed) &* 104_729 &+ 11)
        let (roster, groups, m, perGroup, facilitators) = Self.randomCase(&rng, leaders: false)
        var members = [[Int]](repeating: [], count: m)
        for (i, g) in groups.enumerated() { members[Int(g)].append(i) }
        let allowed = facilitators.indices.filter { FacilitatorAssignment.cost(facilitators[$0], members: members[0], roster: roster) != nil }
        guard let choice = allowed.last else { return }
        let found = FacilitatorAssignment.assign(facilitators, roster: roster, groups: groups, groupCount: m, perGroup: perGroup,
                                                 chosen: [choice] + [Int](repeating: -1, count: m - 1))
        #expect(found.byGroup[0].first == choice, "seed \(seed)")
        let best = Self.bruteForce(facilitators, roster: roster, members: members, perGroup: perGroup, forced: (0, choice))
        #expect(found.byGroup.reduce(0) { $0 + $1.count } == best.units, "seed \(seed)")
        #expect(found.cost == best.cost, "seed \(seed)")
        var load = [Int](repeating: 0, count: facilitators.count)
        for chosen in found.byGroup { for k in chosen { load[k] += 1 } }
        #expect(zip(load, facilitators).allSatisfy { $0 <= $1.capacity })
        // A choice the members forbid is not kept.
        if let forbidden = facilitators.indices.first(where: { !allowed.contains($0) }) {
            let refused = FacilitatorAssignment.assign(facilitators, roster: roster, groups: groups, groupCount: m, perGroup: perGroup,
                                                       chosen: [forbidden] + [Int](repeating: -1, count: m - 1))
            #expect(!refused.byGroup[0].contains(forbidden))
        }
    }

    /// A facilitator from a member's unit only where no one else can: two groups, the first holding a leader of U1;
    /// the U1 facilitator takes the other group, and when it is the only one left for the first, it takes that.
    @Test func aMembersUnitOnlyWhereNoOneElseCan() {
        var rng = SeededGenerator(seed: 1)
        var roster = Self.roster(&rng)
        roster.attributes[0] = Attribute(header: "unit", key: "unit", role: .unit, kind: .categorical, levels: ["U1", "U2", "U3"],
                                         codes: (0..<12).map { $0 < 6 ? ($0 == 0 ? 0 : 1) : 2 })
        let groups: [Int32] = (0..<12).map { $0 < 6 ? 0 : 1 }
        let u1 = Facilitator(name: "A", capacity: 1, unit: "U1"), other = Facilitator(name: "B", capacity: 1, unit: "U9")
        let both = FacilitatorAssignment.assign([u1, other], roster: roster, groups: groups, groupCount: 2, perGroup: 1)
        #expect(both.byGroup == [[1], [0]])
        #expect(both.fromMembersUnit == [false, false])
        var busy = other
        busy.keptApart = [0]
        let forced = FacilitatorAssignment.assign([u1, busy], roster: roster, groups: groups, groupCount: 2, perGroup: 1)
        #expect(forced.byGroup == [[0], [1]])
        #expect(forced.fromMembersUnit == [true, false])
        // Too little capacity: one group is left without, and the facilitation says it is not complete.
        let short = FacilitatorAssignment.assign([u1], roster: roster, groups: groups, groupCount: 2, perGroup: 1)
        #expect(!short.isComplete)
    }
}
