import SparringModel

/// Balance: every group's mean of a number (e.g. seniority) close to the overall mean, so that no group is
/// all newcomers or all veterans on average.
///
/// Measured as the between-group sum of squares Σ_g k_g·(mean_g − mean)², which is `Σ_g (Σx)²/k − (Σx_all)²/K`
/// over the leaders with a value; the second part is the same for every grouping. Points:
/// `weight · 100 · (1 − between / expected)` with `expected = s² · (groups − 1)`, the value under a random
/// grouping (s² the sample variance); perfect balance scores `weight · 100`.
package struct Balance: ScoreRule {
    package struct Term: Sendable {
        package let setting: BalanceSetting
        package let column: Int
        package let attribute: Int
        package let name: String
        package let mean: Double
        package let expected: Double
    }

    package let id = "balance"
    package let terms: [Term]
    /// Per column, −weight · 100 / expected (0 where the rule does not apply).
    let coefficient: UncheckedArray<Double>

    /// The numeric attribute of each setting.
    /// - Throws: ``DiagnosticError`` for unknown attributes, labels, or numbers that never vary.
    static func resolve(settings: RuleSettings, roster: Roster) throws(DiagnosticError) -> [(setting: BalanceSetting, attribute: Int)] {
        var found: [(setting: BalanceSetting, attribute: Int)] = [], problems: [Diagnostic] = []
        for setting in settings.balance where setting.weight != 0 {
            // The option as typed on the command line: digits with a point in every language.
            let text = "\(setting.attribute)=\(formatNumber(setting.weight))"
            let option = Message.Argument.text(displaySafe(text))
            guard let a = roster.attributeIndex(named: setting.attribute) else {
                problems.append(unknownAttribute(option: "balance", text: text, name: setting.attribute, roster: roster))
                continue
            }
            let attribute = roster.attributes[a]
            guard attribute.kind == .numeric else {
                problems.append(.error(nil, Message("rule.balance.labels", option, attributeName(attribute)),
                                       hint: Message("rule.balance.labels.hint", attributeName(attribute))))
                continue
            }
            let present = attribute.values.filter { !$0.isNaN }
            guard present.count > 1, Set(present).count > 1 else {
                problems.append(.error(nil, Message(present.count < 2 ? "rule.balance.fewValues" : "rule.balance.oneValue", option, attributeName(attribute)),
                                       hint: Message("rule.balance.nothing.hint", .text(displaySafe(setting.attribute)))))
                continue
            }
            found.append((setting, a))
        }
        if !problems.isEmpty { throw DiagnosticError(problems) }
        return found
    }

    init(roster: Roster, rules: [(BalanceSetting, Int)], columnCount: Int, groups: Int) {
        var coefficient = [Double](repeating: 0, count: columnCount)
        var terms: [Term] = []
        for (setting, c) in rules {
            let a = roster.attributeIndex(named: setting.attribute)!
            let present = roster.attributes[a].values.filter { !$0.isNaN }
            let sum = present.reduce(0, +), count = Double(present.count)
            let mean = sum / count
            let variance = present.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (count - 1)
            let expected = variance * Double(max(1, groups - 1))
            coefficient[c] += -setting.weight * 100 / expected
            terms.append(Term(setting: setting, column: c, attribute: a, name: roster.attributes[a].key, mean: mean, expected: expected))
        }
        self.terms = terms
        self.coefficient = UncheckedArray(coefficient)
    }

    package var isActive: Bool { !terms.isEmpty }

    /// Change of a group's (Σx)²/k when its count and Σx change by `dk` and `d1` (an empty group counts 0). O(1).
    @inline(__always)
    static func squareChange(_ s: (k: Double, s1: Double, s2: Double), _ dk: Double, _ d1: Double) -> Double {
        let after = s.k + dk > 0 ? (s.s1 + d1) * (s.s1 + d1) / (s.k + dk) : 0
        let before = s.k > 0 ? s.s1 * s.s1 / s.k : 0
        return after - before
    }

    /// Per term, the between-group sum of squares Σ_g k_g·(mean_g − mean)², from scratch. O(n).
    func between(_ placement: Placement, table: NumberTable) -> [Double] {
        terms.map { term in
            table.sums(placement, column: term.column).reduce(0.0) { total, s in
                s.k > 0 ? total + s.k * (s.s1 / s.k - term.mean) * (s.s1 / s.k - term.mean) : total
            }
        }
    }

    private func points(_ term: Term, between: Double) -> Double { term.setting.weight * 100 * (1 - between / term.expected) }

    package func score(_ placement: Placement, in model: ScoreModel) -> Score {
        Score(hard: 0, soft: zip(terms, between(placement, table: model.numbers)).reduce(0) { $0 + points($1.0, between: $1.1) })
    }

    package func moveDelta(_ i: Int, to h: Int, in state: SearchState) -> Score {
        let table = state.model.numbers, g = state.groupOf(i)
        return Score(hard: 0, soft: terms.reduce(0) { total, term in
            guard table.isPresent(i, term.column) else { return total }
            let x = table.value(i, term.column)
            let k = -term.setting.weight * 100 / term.expected
            return total + k * (Self.squareChange(state.numbers.at(g, term.column), -1, -x) + Self.squareChange(state.numbers.at(h, term.column), 1, x))
        })
    }

    package func swapDelta(_ i: Int, _ j: Int, in state: SearchState) -> Score {
        let table = state.model.numbers, g = state.groupOf(i), h = state.groupOf(j)
        return Score(hard: 0, soft: terms.reduce(0) { total, term in
            let c = term.column
            let pi = table.isPresent(i, c) ? 1.0 : 0, pj = table.isPresent(j, c) ? 1.0 : 0
            let xi = table.value(i, c), xj = table.value(j, c)
            let k = -term.setting.weight * 100 / term.expected
            return total + k * (Self.squareChange(state.numbers.at(g, c), pj - pi, xj - xi) + Self.squareChange(state.numbers.at(h, c), pi - pj, xi - xj))
        })
    }

    package func report(_ placement: Placement, in model: ScoreModel, naming: Naming) -> RuleReport {
        var report = RuleReport(id: id)
        let words = naming.words
        var terms: [Figure] = []
        for (term, between) in zip(self.terms, between(placement, table: model.numbers)) {
            let sums = model.numbers.sums(placement, column: term.column)
            let means = sums.map { $0.k > 0 ? $0.s1 / $0.k : Double.nan }
            let present = means.filter { !$0.isNaN }
            let low = present.min() ?? term.mean, high = present.max() ?? term.mean
            let points = points(term, between: between)
            let name = attributeName(model.roster.attributes[term.attribute])
            report.lines.append(.init(title: words("rule.balance.title", name, .text(words.signed(term.setting.weight))),
                                      measure: words("rule.balance.measure", .number(low), .number(high), .number(term.mean)),
                                      points: points))
            if naming.shows(term.name) {
                for (g, mean) in means.enumerated() where !mean.isNaN {
                    report.notes.append(.init(g, words("rule.balance.note", name, .number(mean), .number(term.mean))))
                }
            }
            terms.append(.object([
                .init("attribute", .text(term.name)), .init("weight", .number(term.setting.weight)), .init("overallMean", .number(term.mean)),
                .init("lowestGroupMean", .number(low)), .init("highestGroupMean", .number(high)),
                .init("betweenGroupSquares", .number(between)), .init("randomExpectation", .number(term.expected)), .init("points", .number(points)),
            ]))
        }
        report.figures = [.init("terms", .list(terms))]
        return report
    }
}

extension Balance: RuleDescriptor {
    package static let options = [
        RuleOption("balance", value: "ATTR[=W]", help: "Groups' means of the number ATTR close to the overall mean, e.g. anciennitet (soft, weight 0…5, default 3).", repeatable: true),
    ]

    package static func read(_ given: OptionValues, into settings: inout RuleSettings) throws(OptionError) {
        settings.balance += try given.each("balance", BalanceSetting.parse) { text in
            OptionError(Message("usage.balance", .text(text)), hint: Message("usage.example", .text("--balance anciennitet=3")))
        }
    }

    package static func words(_ settings: RuleSettings) -> [String] {
        settings.balance.flatMap { ["--balance", "\($0.attribute)=\(formatNumber($0.weight))"] }
    }

    package static let controlKinds = ["balance"]

    /// One weight per balanced attribute.
    package static func controls(_ settings: RuleSettings, rounds: RoundRules, roster: Roster, words: Words) -> [RuleControl] {
        settings.balance.map { rule in
            RuleControl(key: "balance:" + rule.attribute, label: words("workbench.control.balance", .text(displaySafe(rule.attribute))), kind: "balance",
                        value: rule.weight, range: 0...5)
        }
    }

    package static func apply(control key: String, value: Double?, to settings: inout RuleSettings, rounds: inout RoundRules, roster: Roster) -> Bool {
        guard let value else { return false }
        let name = RuleControl.attribute(of: key)
        for k in settings.balance.indices where settings.balance[k].attribute == name { settings.balance[k].weight = value }
        return true
    }
}

extension Balance {
    package func settingRow(words: Words, header: (String) -> String) -> (label: String, value: String)? {
        (words("report.setting.balance"), terms.map { "\(header($0.name)) \(words.number($0.setting.weight))" }.joined(separator: ", "))
    }
}
