import SparringModel

/// Keep-together sets (`--together`, or a keep-together column): leaders sharing a set share a group.
/// Hard by default: each pair of a set split apart is one broken rule (the pair's hard value is −1 while
/// together, on a constant of one per pair). With `--together-weight W` soft, scaled like an attribute.
package struct KeepTogether: PairRule {
    package let id = "keep-together"
    package let rounds: RoundRules
    package let pairs: [LeaderPair]
    package let coefficient: Double
    package let entries: [PairEntry]
    package let constant: Score

    init(rounds: RoundRules, chanceTogether: Double) {
        self.rounds = rounds
        pairs = rounds.togetherPairs
        if let weight = rounds.togetherWeight {
            let expected = Double(pairs.count) * chanceTogether
            let k = expected > 0 ? weight * 100 / expected : 0
            coefficient = k
            entries = k == 0 ? [] : pairs.map { PairEntry(pair: $0, hard: 0, soft: k) }
            constant = Score(hard: 0, soft: k == 0 ? 0 : -weight * 100)
        } else {
            coefficient = 0
            entries = pairs.map { PairEntry(pair: $0, hard: -1, soft: 0) }
            constant = Score(hard: pairs.count, soft: 0)
        }
    }

    package var isActive: Bool { !rounds.togetherSets.isEmpty }

    package func report(_ placement: Placement, in model: ScoreModel, naming: Naming) -> RuleReport {
        var report = RuleReport(id: id)
        guard isActive else { return report }
        let words = naming.words
        let sets = rounds.togetherSets
        let split = sets.indices.filter { k in Set(sets[k].map { placement.groups[$0] }).count > 1 }
        let score = score(placement, in: model)
        report.lines.append(.init(title: words("rule.keepTogether.title", .text(words.weighting(rounds.togetherWeight))),
                                  measure: words("rule.keepTogether.measure", .int(sets.count - split.count), .int(sets.count)), points: score.soft))
        report.broken = score.hard
        for k in split {
            let name = Message.Argument.quoted(displaySafe(rounds.togetherNames[k]))
            let g = Int(placement.groups[sets[k][0]])
            if rounds.togetherWeight == nil {
                var byGroup: [Int32: [Int]] = [:]
                for i in sets[k] { byGroup[placement.groups[i], default: []].append(i) }
                let parts = byGroup.keys.sorted().map {
                    words("rule.keepTogether.part", .list(byGroup[$0]!.map { .text(naming.name($0)) }), .text(naming.group(Int($0))))
                }
                report.problems.append(.init(g, words("rule.keepTogether.splitWhere", name, .text(parts.joined(separator: "; ")))))
            } else {
                report.notes.append(.init(g, words("rule.keepTogether.split", name)))
            }
        }
        report.figures = [.init("keepTogetherSetsSplit", .list(split.map { .text(rounds.togetherNames[$0]) })),
                          .init("sets", .int(sets.count)), .init("points", .number(score.soft))]
        return report
    }
}

extension KeepTogether {
    /// Every keep-together set kept, or how many are split.
    package func directorFindings(_ report: RuleReport, in model: ScoreModel, naming: Naming) -> [DirectorFinding] {
        guard let sets = report.figure("sets")?.int, sets > 0 else { return [] }
        let split = report.figure("keepTogetherSetsSplit")?.list.count ?? 0
        return [split == 0 ? DirectorFinding(tone: .good, text: naming.words("director.together.kept", .int(sets)))
            : DirectorFinding(tone: report.broken > 0 ? .bad : .partial, text: naming.words("director.together.split", .int(split), .int(sets)))]
    }
}

extension KeepTogether: RuleDescriptor {
    package static let options = [RuleOption("together-weight", value: "W", help: "Make keep-together soft with this weight 0…5 (default: hard).")]

    package static func readRounds(_ given: OptionValues, into rounds: inout RoundRules) throws(OptionError) {
        if let weight = try given.number("together-weight", range: 0...5) { rounds.togetherWeight = weight }
    }

    package static func roundWords(_ rounds: RoundRules) -> [String] { rounds.togetherWeight.map { ["--together-weight", formatNumber($0)] } ?? [] }

    package static let controlKinds = ["together"]

    /// The keep-together weight, with keep-together sets; none: hard.
    package static func controls(_ settings: RuleSettings, rounds: RoundRules, roster: Roster, words: Words) -> [RuleControl] {
        rounds.togetherSets.isEmpty ? []
            : [RuleControl(key: "together", label: words("workbench.control.together"), kind: "together", value: rounds.togetherWeight, range: 0...5,
                           mayBeHard: true)]
    }

    package static func apply(control key: String, value: Double?, to settings: inout RuleSettings, rounds: inout RoundRules, roster: Roster) -> Bool {
        rounds.togetherWeight = value
        return true
    }
}
