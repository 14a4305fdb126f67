import SparringModel

/// Numeric spread: how alike (weight > 0) or mixed (weight < 0) groups are in a number such as seniority,
/// measured as Σ over groups of Σ over member pairs (xᵢ − xⱼ)², which is `k·Σx² − (Σx)²` per group.
///
/// Points: `weight · 100 · (1 − spread / expected)`, where `expected` is the spread of a random grouping of
/// the same sizes; a random grouping scores about 0.
package struct NumericSpread: ScoreRule {
    package struct Term: Sendable {
        package let column: Int
        package let attribute: Int
        package let name: String
        package let weight: Double
        package let expected: Double
    }

    package let id = "numeric-spread"
    package let terms: [Term]
    /// Per column, the points per unit of spread (0 where the rule does not apply).
    let coefficient: UncheckedArray<Double>

    init(roster: Roster, rules: [(RuleSettings.AttributeRule, Int)], columnCount: Int, groups: Int) {
        let n = roster.count
        let sizes = GroupSizing.balancedSizes(leaders: n, groups: groups)
        let pairsPerGrouping = sizes.reduce(0.0) { $0 + Double($1 * ($1 - 1) / 2) }
        let allPairs = Double(n) * Double(n - 1)
        var coefficient = [Double](repeating: 0, count: columnCount)
        var terms: [Term] = []
        for (rule, c) in rules {
            let present = roster.attributes[rule.attribute].values.filter { !$0.isNaN }
            let mean = present.reduce(0, +) / Double(present.count)
            let variance = present.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(present.count - 1)
            let bothPresent = Double(present.count) * Double(present.count - 1) / allPairs
            let expected = pairsPerGrouping * bothPresent * 2 * variance
            guard expected > 0 else { continue }
            coefficient[c] = -rule.weight * 100 / expected
            terms.append(Term(column: c, attribute: rule.attribute, name: roster.attributes[rule.attribute].key, weight: rule.weight, expected: expected))
        }
        self.terms = terms
        self.coefficient = UncheckedArray(coefficient)
    }

    package var isActive: Bool { !terms.isEmpty }

    /// Change of a group's spread `k·Σx² − (Σx)²` when count, Σx and Σx² change by the given amounts. O(1).
    @inline(__always)
    static func spreadChange(_ s: (k: Double, s1: Double, s2: Double), _ dk: Double, _ d1: Double, _ d2: Double) -> Double {
        (s.k + dk) * (s.s2 + d2) - (s.s1 + d1) * (s.s1 + d1) - (s.k * s.s2 - s.s1 * s.s1)
    }

    /// Per term, the spread of a grouping, counted pair by pair. O(Σ group size²).
    func spreads(_ placement: Placement, table: NumberTable) -> [Double] {
        terms.map { term in
            placement.members.reduce(0.0) { total, members in
                let values = members.filter { table.isPresent($0, term.column) }.map { table.value($0, term.column) }
                var sum = 0.0
                for a in values.indices { for b in values.indices where b > a { sum += (values[a] - values[b]) * (values[a] - values[b]) } }
                return total + sum
            }
        }
    }

    package func score(_ placement: Placement, in model: ScoreModel) -> Score {
        let spread = spreads(placement, table: model.numbers)
        return Score(hard: 0, soft: zip(terms, spread).reduce(0) { $0 + $1.0.weight * 100 + coefficient[$1.0.column] * $1.1 })
    }

    package func moveDelta(_ i: Int, to h: Int, in state: SearchState) -> Score {
        let table = state.model.numbers, g = state.groupOf(i)
        return Score(hard: 0, soft: terms.reduce(0) { total, term in
            guard table.isPresent(i, term.column) else { return total }
            let x = table.value(i, term.column)
            return total + coefficient[term.column] * (Self.spreadChange(state.numbers.at(g, term.column), -1, -x, -x * x)
                                                       + Self.spreadChange(state.numbers.at(h, term.column), 1, x, x * x))
        })
    }

    package func swapDelta(_ i: Int, _ j: Int, in state: SearchState) -> Score {
        let table = state.model.numbers, g = state.groupOf(i), h = state.groupOf(j)
        return Score(hard: 0, soft: terms.reduce(0) { total, term in
            let c = term.column
            let pi = table.isPresent(i, c) ? 1.0 : 0, pj = table.isPresent(j, c) ? 1.0 : 0
            let xi = table.value(i, c), xj = table.value(j, c)
            return total + coefficient[c] * (Self.spreadChange(state.numbers.at(g, c), pj - pi, xj - xi, xj * xj - xi * xi)
                                             + Self.spreadChange(state.numbers.at(h, c), pi - pj, xi - xj, xi * xi - xj * xj))
        })
    }

    package func report(_ placement: Placement, in model: ScoreModel, naming: Naming) -> RuleReport {
        var report = RuleReport(id: id)
        let words = naming.words
        for (term, spread) in zip(terms, spreads(placement, table: model.numbers)) {
            let points = term.weight * 100 + coefficient[term.column] * spread
            let share = term.expected > 0 ? 100 * spread / term.expected : 0
            let name = attributeName(model.roster.attributes[term.attribute])
            report.lines.append(.init(title: words(term.weight > 0 ? "rule.common.titleAlike" : "rule.common.titleDifferent", name, .text(words.signed(term.weight))),
                                      measure: share.isFinite && abs(share) < 1e15 ? words("rule.numericSpread.measure", .int(Int(share.rounded())))
                                          : words("rule.numericSpread.unknown"),
                                      points: points))
            report.figures.append(.init(term.name, .object([
                .init("weight", .number(term.weight)), .init("spread", .number(spread)),
                .init("randomExpectation", .number(term.expected)), .init("points", .number(points)),
            ])))
        }
        return report
    }
}
