import SparringModel

/// Attribute pairs: how alike (weight > 0) or different (weight < 0) groups are in a categorical attribute,
/// counted as pairs of group-mates sharing a value.
///
/// Points: `weight · 100 · (1 − pairs / expected)` negated for "alike", i.e. `coefficient · pairs − weight · 100`
/// with `coefficient = weight · 100 / expected`, where `expected` is the number of same-value pairs under a
/// random grouping of the same sizes. A random grouping scores about 0; one with no shared values scores
/// `−weight · 100`.
package struct SameValuePairs: ScoreRule {
    /// One attribute's part.
    package struct Term: Sendable {
        package let column: Int
        package let attribute: Int
        package let name: String
        package let kind: AttributeKind
        package let weight: Double
        /// Same-value pairs expected under a random grouping.
        package let expected: Double
        let coefficient: Double
    }

    package let id = "attribute-pairs"
    package let terms: [Term]
    /// Per slot, the points per same-value pair.
    let coefficient: UncheckedArray<Double>

    /// - Complexity: O(slots + attributes).
    init(roster: Roster, rules: [(rule: RuleSettings.AttributeRule, column: Int)], columns: [CellTable.Column], slotCount: Int, sizes: [Int]) {
        let n = Double(roster.count)
        let pairsPerGrouping = sizes.reduce(0.0) { $0 + Double($1 * ($1 - 1) / 2) }
        let allPairs = n * (n - 1)
        var coefficient = [Double](repeating: 0, count: slotCount)
        var terms: [Term] = []
        for (rule, c) in rules where rule.weight != 0 {
            let attribute = roster.attributes[rule.attribute]
            let samePairs = attribute.levelCounts.reduce(0.0) { $0 + Double($1) * Double($1 - 1) }
            let expected = allPairs > 0 ? pairsPerGrouping * samePairs / allPairs : 0
            guard expected > 0 else { continue }
            let k = rule.weight * 100 / expected
            for s in columns[c].slots { coefficient[s] = k }
            terms.append(Term(column: c, attribute: rule.attribute, name: attribute.key, kind: attribute.kind, weight: rule.weight,
                              expected: expected, coefficient: k))
        }
        self.terms = terms
        self.coefficient = UncheckedArray(coefficient)
    }

    package var isActive: Bool { !terms.isEmpty }

    /// Change when one holder of `slot` leaves a cell of `from` members for one of `to` members: the mover
    /// leaves `from − 1` pairs and joins `to`. O(1).
    @inline(__always)
    static func moveChange(coefficient: Double, from cg: Int, to ch: Int) -> Double { coefficient * Double(ch &- cg &+ 1) }

    @inline(__always)
    func moveChange(slot: Int, from cg: Int, to ch: Int) -> Double { Self.moveChange(coefficient: coefficient[slot], from: cg, to: ch) }

    /// Same-value pairs per term, counted from scratch. O(n · columns).
    func samePairs(_ placement: Placement, table: CellTable) -> [Int] {
        terms.map { term in
            placement.members.reduce(0) { total, members in
                var counts: [Int: Int] = [:]
                for i in members where table.slot(i, column: term.column) >= 0 { counts[table.slot(i, column: term.column), default: 0] += 1 }
                return total + counts.values.reduce(0) { $0 + $1 * ($1 - 1) / 2 }
            }
        }
    }

    package func score(_ placement: Placement, in model: ScoreModel) -> Score {
        let pairs = samePairs(placement, table: model.cells)
        return Score(hard: 0, soft: zip(terms, pairs).reduce(0) { $0 + $1.0.coefficient * Double($1.1) - $1.0.weight * 100 })
    }

    package func moveDelta(_ i: Int, to h: Int, in state: SearchState) -> Score {
        state.model.cells.ruleMoveDelta(i, to: h, in: state, columns: terms.map(\.column)) { Score(hard: 0, soft: moveChange(slot: $0, from: $1, to: $2)) }
    }

    package func swapDelta(_ i: Int, _ j: Int, in state: SearchState) -> Score {
        state.model.cells.ruleSwapDelta(i, j, in: state, columns: terms.map(\.column)) { Score(hard: 0, soft: moveChange(slot: $0, from: $1, to: $2)) }
    }

    package func report(_ placement: Placement, in model: ScoreModel, naming: Naming) -> RuleReport {
        var report = RuleReport(id: id)
        let words = naming.words
        for (term, pairs) in zip(terms, samePairs(placement, table: model.cells)) {
            let points = term.coefficient * Double(pairs) - term.weight * 100
            let name = attributeName(model.roster.attributes[term.attribute])
            report.lines.append(.init(title: words(term.weight > 0 ? "rule.common.titleAlike" : "rule.common.titleDifferent", name, .text(words.signed(term.weight))),
                                      measure: words("rule.attributePairs.measure", .int(pairs), .number((term.expected * 10).rounded() / 10)),
                                      points: points))
            report.figures.append(.init(term.name, .object([
                .init("weight", .number(term.weight)), .init("sameValuePairs", .int(pairs)),
                .init("randomExpectation", .number(term.expected)), .init("points", .number(points)),
            ])))
        }
        return report
    }
}

extension SameValuePairs: RuleDescriptor {
    /// `--weight` sets this rule's weight per attribute, and by two reserved names the weights of the wishes rule
    /// (`wishes`, `ønsker`) and of the pure-groups rule (`pure`), 0…5.
    package static let options = [
        RuleOption("weight", value: "ATTR=W", help: "How alike (+1…+5) or different (−1…−5) groups should be in ATTR; 0 ignores it. 'wishes=W' weighs wishes and 'pure=W' the typology's pure groups (0…5).", repeatable: true, keyed: true),
    ]

    package static func read(_ given: OptionValues, into settings: inout RuleSettings) throws(OptionError) {
        for (name, weight) in try given.weights("weight", range: -5...5, example: "gender=-2") {
            switch normalizedHeader(name) {
            case "wishes", "ønsker":
                guard weight >= 0 else { throw OptionError(Message("usage.wishWeight", .text(formatNumber(weight)))) }
                settings.wishWeight = weight
            case "pure":
                guard weight >= 0 else { throw OptionError(Message("usage.pureWeight", .text(formatNumber(weight)))) }
                settings.purityWeight = weight
            default:
                settings.weights[name] = weight
            }
        }
    }

    /// Every attribute weight set, then the wishes and purity weights (always, so that a scenario keeps them).
    package static func words(_ settings: RuleSettings) -> [String] {
        settings.weights.keys.sorted().flatMap { ["--weight", "\($0)=\(formatNumber(settings.weights[$0]!))"] }
            + ["--weight", "wishes=\(formatNumber(settings.wishWeight))", "--weight", "pure=\(formatNumber(settings.purityWeight))"]
    }

    package static let controlKinds = ["weight"]

    /// One slider per attribute, −5…+5: the weight in force (the typology's default unless set).
    package static func controls(_ settings: RuleSettings, rounds: RoundRules, roster: Roster, words: Words) -> [RuleControl] {
        var weight = [Double](repeating: 0, count: roster.attributes.count)
        for rule in (try? settings.attributeRules(for: roster)) ?? [] { weight[rule.attribute] = rule.weight }
        return roster.attributes.enumerated().map { i, attribute in
            RuleControl(key: "weight:" + attribute.key, label: displaySafe(attribute.header), kind: "weight", value: weight[i], range: -5...5)
        }
    }

    package static func apply(control key: String, value: Double?, to settings: inout RuleSettings, rounds: inout RoundRules, roster: Roster) -> Bool {
        guard let value else { return false }
        settings.weights.setWeight(RuleControl.attribute(of: key), value, roster: roster)
        return true
    }
}
