import SparringModel

/// Meeting again (`--history`): pairs who shared a group in earlier rounds lose points when they meet again,
/// weighted by recency (1 for the latest round, ½ for the one before…). Scaled like an attribute: a random
/// grouping scores about 0, one where nobody meets again `weight · 100`. With `--no-repeat`, meeting a
/// latest-round group-mate again is a hard rule.
public struct MeetingAgain: PairRule {
    public let id = "meeting-again"
    public let rounds: RoundRules
    /// Points per unit of recency weight for a pair meeting again.
    public let coefficient: Double
    public let entries: [PairEntry]
    public let constant: Score

    init(rounds: RoundRules, chanceTogether: Double) {
        self.rounds = rounds
        let total = rounds.metBefore.reduce(0) { $0 + $1.weight }
        let expected = total * chanceTogether
        let k = expected > 0 ? rounds.historyWeight * 100 / expected : 0
        coefficient = k
        var entries: [PairEntry] = []
        if k != 0 { entries += rounds.metBefore.map { PairEntry(pair: $0.pair, hard: 0, soft: -k * $0.weight) } }
        if rounds.noRepeat { entries += rounds.lastRound.map { PairEntry(pair: $0, hard: 1, soft: 0) } }
        self.entries = entries
        constant = Score(hard: 0, soft: k != 0 ? rounds.historyWeight * 100 : 0)
    }

    public var isActive: Bool { rounds.historyRounds > 0 }

    public func report(_ placement: Placement, in model: ScoreModel, naming: Naming) -> RuleReport {
        var report = RuleReport(id: id)
        guard rounds.historyRounds > 0 else { return report }
        let repeats = rounds.metBefore.filter { placement.together($0.pair) }
        let lastRound = Set(rounds.lastRound)
        let fromLast = rounds.lastRound.filter { placement.together($0) }
        let points = score(placement, in: model).soft
        let expected = coefficient > 0 ? " vs about \(formatNumber((rounds.historyWeight * 100 / coefficient * 10).rounded() / 10)) at random" : ""
        report.lines.append(.init(title: "meeting again (weight \(signedWeight(rounds.historyWeight)), \(rounds.historyRounds) earlier round\(rounds.historyRounds == 1 ? "" : "s"))",
                                  measure: "\(repeats.count) pair\(repeats.count == 1 ? "" : "s") meet again (\(fromLast.count) from the last round)\(expected)",
                                  points: points))
        if rounds.noRepeat {
            for pair in fromLast {
                report.problems.append(.init(Int(placement.groups[Int(pair.first)]),
                                             "\(naming.person(Int(pair.first))) and \(naming.person(Int(pair.second))): were in the same group last round (no repeats)"))
            }
            report.broken = fromLast.count
        }
        for met in repeats where !(rounds.noRepeat && lastRound.contains(met.pair)) {
            let when = lastRound.contains(met.pair) ? "in the last round" : "in an earlier round"
            report.notes.append(.init(Int(placement.groups[Int(met.pair.first)]),
                                      "\(naming.name(Int(met.pair.first))) and \(naming.name(Int(met.pair.second))) met before (\(when))"))
        }
        report.figures = [
            .init("historyRounds", .int(rounds.historyRounds)), .init("weight", .number(rounds.historyWeight)),
            .init("pairsMeetingAgain", .list(repeats.map { .list([.leader(Int($0.pair.first)), .leader(Int($0.pair.second))]) })),
            .init("pairsMeetingAgainFromLastRound", .int(fromLast.count)), .init("noRepeat", .int(rounds.noRepeat ? 1 : 0)),
            .init("points", .number(points)),
        ]
        return report
    }
}
