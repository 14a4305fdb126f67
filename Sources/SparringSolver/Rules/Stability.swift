import SparringModel

/// Stability (`--previous`, a mid-year refresh): continuing leaders kept with their previous group-mates.
/// Each previous pair still together is worth `weight · 100 / expected`, where `expected` is how many would
/// stay together by chance; a random grouping scores about 0.
package struct Stability: PairRule {
    package let id = "stability"
    package let rounds: RoundRules
    package let previousPairs: [LeaderPair]
    package let coefficient: Double
    package let entries: [PairEntry]
    package let constant: Score

    init(rounds: RoundRules, chanceTogether: Double) {
        self.rounds = rounds
        previousPairs = rounds.previousPairs
        let expected = Double(previousPairs.count) * chanceTogether
        let k = expected > 0 ? rounds.stabilityWeight * 100 / expected : 0
        coefficient = k
        entries = k == 0 ? [] : previousPairs.map { PairEntry(pair: $0, hard: 0, soft: k) }
        constant = Score(hard: 0, soft: k == 0 ? 0 : -rounds.stabilityWeight * 100)
    }

    package var isActive: Bool { !rounds.previousGroup.isEmpty }

    package func report(_ placement: Placement, in model: ScoreModel, naming: Naming) -> RuleReport {
        var report = RuleReport(id: id)
        guard isActive else { return report }
        let kept = previousPairs.filter { placement.together($0) }.count
        let points = score(placement, in: model).soft
        let words = naming.words
        report.lines.append(.init(title: words("rule.stability.title", .text(words.signed(rounds.stabilityWeight))),
                                  measure: words("rule.stability.measure", .int(kept), .int(previousPairs.count)), points: points))
        report.figures = [.init("previousPairsKept", .int(kept)), .init("previousPairsTotal", .int(previousPairs.count)),
                          .init("weight", .number(rounds.stabilityWeight)), .init("points", .number(points))]
        return report
    }
}

extension Stability: RuleDescriptor {
    package static let options = [RuleOption("stability", value: "W", help: "How strongly --previous group-mates are kept together, 0…5 (default 5).")]

    package static func readRounds(_ given: OptionValues, into rounds: inout RoundRules) throws(OptionError) {
        if let weight = try given.number("stability", range: 0...5) { rounds.stabilityWeight = weight }
    }

    package static func roundWords(_ rounds: RoundRules) -> [String] {
        rounds.stabilityWeight == RoundRules().stabilityWeight ? [] : ["--stability", formatNumber(rounds.stabilityWeight)]
    }

    package static let controlKinds = ["stability"]

    /// The weight of keeping previous group-mates together, with a previous grouping.
    package static func controls(_ settings: RuleSettings, rounds: RoundRules, roster: Roster, words: Words) -> [RuleControl] {
        rounds.previousGroup.isEmpty ? []
            : [RuleControl(key: "stability", label: words("workbench.control.stability"), kind: "stability", value: rounds.stabilityWeight, range: 0...5)]
    }

    package static func apply(control key: String, value: Double?, to settings: inout RuleSettings, rounds: inout RoundRules, roster: Roster) -> Bool {
        guard let value else { return false }
        rounds.stabilityWeight = value
        return true
    }
}
