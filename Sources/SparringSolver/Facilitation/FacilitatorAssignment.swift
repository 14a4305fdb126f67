import SparringModel

/// Who facilitates which group: per group its facilitators, and what the assignment had to give way on.
public struct Facilitation: Sendable, Equatable {
    /// Per group, its facilitators (indices into the facilitators given), in their order there.
    public let byGroup: [[Int]]
    /// Per group, whether one of its facilitators comes from a member's unit (only where no one else could).
    public let fromMembersUnit: [Bool]
    /// Facilitators each group should have.
    public let perGroup: Int
    /// The assignment's cost (``FacilitatorAssignment/cost(_:members:roster:)`` summed); the least possible.
    public let cost: Int

    /// Whether every group has its facilitators.
    public var isComplete: Bool { byGroup.allSatisfy { $0.count == perGroup } }
}

/// Places facilitators after the grouping, exactly: a minimum-cost flow from the facilitators (each up to their
/// capacity) to the groups (each exactly `perGroup` different facilitators), over the pairs that are allowed.
///
/// Never allowed: a facilitator in a group holding themselves (a leader of the roster), their boss, their staff or
/// a loyalty conflict. The cost of an allowed pair orders what is left, first to last: a facilitator from a
/// member's unit (``unitCost``, so that it happens only where no one else can), then each listed preference (fields,
/// districts, languages, days) by the share of members it misses, up to ``preferenceCost`` a preference. The flow is
/// of the most groups that can be covered, and among those of the least cost: the assignment is optimal.
public enum FacilitatorAssignment {
    /// The cost of a facilitator from a member's unit: above every preference of every arc together (4 preferences
    /// of at most ``preferenceCost`` each, for up to 2³⁰ arcs), and small enough that a whole assignment's cost fits.
    public static let unitCost = 1 << 42
    /// The cost of a preference missed by every member.
    public static let preferenceCost = 1_000

    /// - Parameters:
    ///   - groups: 0-based group per leader; `groupCount` groups.
    ///   - perGroup: facilitators per group (1, or 2 for co-facilitation).
    ///   - chosen: per group, a facilitator the consultant chose by hand, or −1 (empty: none). A choice is kept when
    ///     it is allowed for the group's members and within the facilitator's capacity (in group order); the flow
    ///     places the rest, optimally around the choices.
    /// - Complexity: O(F · m · group size) for the costs, then the flow's O(m · perGroup · V · E) with V = F + m + 2
    ///   and E ≤ F · m + F + m.
    public static func assign(_ facilitators: [Facilitator], roster: Roster, groups: [Int32], groupCount m: Int, perGroup: Int,
                              chosen: [Int] = []) -> Facilitation {
        var members = [[Int]](repeating: [], count: m)
        for (i, g) in groups.enumerated() where g >= 0 && Int(g) < m { members[Int(g)].append(i) }
        let f = facilitators.count
        var capacity = facilitators.map { max(0, $0.capacity) }
        var byGroup = [[Int]](repeating: [], count: m), fromUnit = [Bool](repeating: false, count: m), total = 0
        for (g, k) in chosen.enumerated() where g < m && (0..<f).contains(k) && capacity[k] > 0 && perGroup > 0 {
            guard let price = cost(facilitators[k], members: members[g], roster: roster) else { continue }
            byGroup[g].append(k)
            capacity[k] -= 1
            total += price
            if price >= unitCost { fromUnit[g] = true }
        }
        let source = f + m, sink = f + m + 1
        var flow = MinCostFlow(nodes: f + m + 2)
        for k in 0..<f { flow.addEdge(from: source, to: k, capacity: capacity[k], cost: 0) }
        var arcs: [(facilitator: Int, group: Int, edge: Int, cost: Int)] = []
        for k in 0..<f {
            for g in 0..<m where !byGroup[g].contains(k) {
                guard let price = cost(facilitators[k], members: members[g], roster: roster) else { continue }
                arcs.append((k, g, flow.addEdge(from: k, to: f + g, capacity: 1, cost: price), price))
            }
        }
        for g in 0..<m { flow.addEdge(from: f + g, to: sink, capacity: perGroup - byGroup[g].count, cost: 0) }
        total += flow.run(from: source, to: sink).cost
        for arc in arcs where flow.flow(on: arc.edge) > 0 {
            byGroup[arc.group].append(arc.facilitator)
            if arc.cost >= unitCost { fromUnit[arc.group] = true }
        }
        return Facilitation(byGroup: byGroup, fromMembersUnit: fromUnit, perGroup: perGroup, cost: total)
    }

    /// Why facilitator `facilitator` may not lead a group of `members`: the member who is themselves, or one who
    /// is their boss, their staff or in a loyalty conflict with them; nil when allowed. O(group size).
    public static func refusal(_ facilitator: Facilitator, members: [Int]) -> (member: Int, isThemselves: Bool)? {
        if let leader = facilitator.leader, members.contains(leader) { return (leader, true) }
        return members.first(where: facilitator.keptApart.contains).map { ($0, false) }
    }

    /// What facilitator `facilitator` leading a group of `members` costs, or nil when it is not allowed.
    /// O(group size · preferences).
    public static func cost(_ facilitator: Facilitator, members: [Int], roster: Roster) -> Int? {
        if let leader = facilitator.leader, members.contains(leader) { return nil }
        if members.contains(where: facilitator.keptApart.contains) { return nil }
        var cost = 0
        if let unit = facilitator.unit.map(normalizedHeader), !unit.isEmpty,
           let a = roster.attributes.firstIndex(where: { $0.role == .unit }),
           members.contains(where: { normalizedHeader(roster.attributes[a].displayValue(of: $0)) == unit }) {
            cost += unitCost
        }
        for (wanted, attribute) in preferences(facilitator, roster: roster) where !wanted.isEmpty {
            guard let a = attribute, !members.isEmpty else { cost += preferenceCost; continue }
            let matched = members.filter { i in values(roster.attributes[a].displayValue(of: i)).contains(where: wanted.contains) }.count
            cost += preferenceCost * (members.count - matched) / members.count
        }
        return cost
    }

    /// Each listed preference (normalised values) with the roster attribute it is matched against (nil: the roster
    /// has no such column, so it cannot be met). O(attributes).
    static func preferences(_ facilitator: Facilitator, roster: Roster) -> [(Set<String>, Int?)] {
        func attribute(_ role: ColumnRole?, named names: [String]) -> Int? {
            if let role, let a = roster.attributes.firstIndex(where: { $0.role == role }) { return a }
            return names.lazy.compactMap { roster.attributeIndex(named: $0) }.first
        }
        return [
            (Set(facilitator.fields.map(normalizedHeader)), attribute(.field, named: [])),
            (Set(facilitator.districts.map(normalizedHeader)), attribute(.location, named: [])),
            (Set(facilitator.languages.map(normalizedHeader)), attribute(nil, named: ["sprog", "language", "languages"])),
            (Set(facilitator.days.map(normalizedHeader)), attribute(nil, named: ["dage", "days", "mødedage", "meeting days"])),
        ]
    }

    /// A cell's values: one, or a list separated by `|`, `,` or `;`, normalised.
    static func values(_ cell: String) -> [String] {
        cell.split(whereSeparator: { $0 == "|" || $0 == "," || $0 == ";" }).map { normalizedHeader(String($0)) }.filter { !$0.isEmpty }
    }
}
