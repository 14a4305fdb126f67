import SparringModel

/// One pair of leaders in a pair rule, and what their sharing a group adds.
package struct PairEntry: Sendable {
    package let pair: LeaderPair
    package let hard: Int32
    package let soft: Double
}

/// A rule over pairs of leaders: each pair it names adds hard and soft value while the two share a group,
/// on top of a constant (the rule's value when no such pair shares a group). The search reads all pair rules
/// through one merged adjacency list (``PairTable``); the rule itself keeps its pairs for its from-scratch
/// value and its report.
package protocol PairRule: ScoreRule {
    /// The rule's pairs and what each adds while together.
    var entries: [PairEntry] { get }
    /// The rule's value when no pair of it shares a group.
    var constant: Score { get }
}

extension PairRule {
    package var isActive: Bool { !entries.isEmpty }

    package func score(_ placement: Placement, in model: ScoreModel) -> Score {
        entries.reduce(constant) { total, entry in
            placement.together(entry.pair) ? total + Score(hard: Int(entry.hard), soft: entry.soft) : total
        }
    }

    /// O(pairs of the rule); for tests and explanations, not for the search.
    package func moveDelta(_ i: Int, to h: Int, in state: SearchState) -> Score {
        change(i, from: state.groupOf(i), to: h, ignoring: -1, state: state)
    }

    package func swapDelta(_ i: Int, _ j: Int, in state: SearchState) -> Score {
        let g = state.groupOf(i), h = state.groupOf(j)
        return change(i, from: g, to: h, ignoring: j, state: state) + change(j, from: h, to: g, ignoring: i, state: state)
    }

    private func change(_ i: Int, from g: Int, to h: Int, ignoring: Int, state: SearchState) -> Score {
        var delta = Score.zero
        for entry in entries where Int(entry.pair.first) == i || Int(entry.pair.second) == i {
            let other = Int(entry.pair.first) == i ? Int(entry.pair.second) : Int(entry.pair.first)
            if other == ignoring { continue }
            let value = Score(hard: Int(entry.hard), soft: entry.soft)
            if state.groupOf(other) == h { delta += value } else if state.groupOf(other) == g { delta = delta - value }
        }
        return delta
    }
}

/// Every pair rule merged into one adjacency list (CSR): `start[i] ..< start[i + 1]` index `other`, `hard`
/// and `soft` of leader i's pairs, values summed over rules. A move's pair change costs O(pairs of the mover).
package struct PairTable: Sendable {
    let start: UncheckedArray<Int32>
    let other: UncheckedArray<Int32>
    let hard: UncheckedArray<Int32>
    let soft: UncheckedArray<Double>
    /// The same three values side by side per pair, for the search: a leader's pairs are one cache line.
    let links: UncheckedArray<PairLink>

    package let separations: Separations
    package let wishes: Wishes
    package let meetingAgain: MeetingAgain
    package let stability: Stability
    package let keepTogether: KeepTogether

    /// - Complexity: O(n + pairs · log pairs).
    init(roster: Roster, settings: RuleSettings, rounds: RoundRules, groups: Int) {
        let n = roster.count
        let sizes = GroupSizing.balancedSizes(leaders: n, groups: groups)
        let pairsPerGrouping = sizes.reduce(0.0) { $0 + Double($1 * ($1 - 1) / 2) }
        let allPairs = Double(n) * Double(n - 1)
        // The chance that two given leaders share a group in a random grouping.
        let chanceTogether = n > 1 ? 2 * pairsPerGrouping / allPairs : 0
        separations = Separations(roster: roster)
        wishes = Wishes(roster: roster, weight: settings.wishWeight)
        meetingAgain = MeetingAgain(rounds: rounds, chanceTogether: chanceTogether)
        stability = Stability(rounds: rounds, chanceTogether: chanceTogether)
        keepTogether = KeepTogether(rounds: rounds, chanceTogether: chanceTogether)

        var merged: [LeaderPair: (hard: Int32, soft: Double)] = [:]
        for entry in separations.entries + wishes.entries + meetingAgain.entries + stability.entries + keepTogether.entries {
            merged[entry.pair.sorted, default: (0, 0)].hard += entry.hard
            merged[entry.pair.sorted, default: (0, 0)].soft += entry.soft
        }
        var adjacency = [[(other: Int32, hard: Int32, soft: Double)]](repeating: [], count: n)
        for (pair, value) in merged.sorted(by: { $0.key < $1.key }) where value.hard != 0 || value.soft != 0 {
            adjacency[Int(pair.first)].append((pair.second, value.hard, value.soft))
            adjacency[Int(pair.second)].append((pair.first, value.hard, value.soft))
        }
        var start: [Int32] = [0], other: [Int32] = [], hard: [Int32] = [], soft: [Double] = []
        for list in adjacency {
            for entry in list { other.append(entry.other); hard.append(entry.hard); soft.append(entry.soft) }
            start.append(Int32(other.count))
        }
        self.start = UncheckedArray(start)
        self.other = UncheckedArray(other)
        self.hard = UncheckedArray(hard)
        self.soft = UncheckedArray(soft)
        links = UncheckedArray(other.indices.map { PairLink(other: other[$0], hard: hard[$0], soft: soft[$0]) })
    }

    /// Leader `i`'s pairs, as a range into ``other``, ``hard`` and ``soft``.
    @inline(__always) func pairs(of i: Int) -> Range<Int> { Int(start[i]) ..< Int(start[i &+ 1]) }

    /// Pair change when leader `i` leaves `g` for `h`, leaving out its pair with `ignoring`.
    /// - Complexity: O(pairs of `i`).
    @inline(__always)
    func delta(_ i: Int, from g: Int, to h: Int, ignoring: Int, groups: UncheckedArray<Int32>) -> Score {
        var delta = Score.zero
        for k in pairs(of: i) {
            let link = links[k], o = Int(link.other)
            if o == ignoring { continue }
            let other = Int(groups[o])
            if other == h { delta.hard &+= Int(link.hard); delta.soft += link.soft }
            else if other == g { delta.hard &-= Int(link.hard); delta.soft -= link.soft }
        }
        return delta
    }

}

/// One of a leader's pairs in ``PairTable``: the other leader and what their sharing a group adds (16 bytes).
struct PairLink {
    let other: Int32
    let hard: Int32
    let soft: Double
}
