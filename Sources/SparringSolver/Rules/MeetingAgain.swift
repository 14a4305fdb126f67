import SparringModel

/// Meeting again (`--history`): pairs who shared a group in earlier rounds lose points when they meet again,
/// weighted by recency (1 for the latest round, ½ for the one before…). Scaled like an attribute: a random
/// grouping scores about 0, one where nobody meets again `weight · 100`. With `--no-repeat`, meeting a
/// latest-round group-mate again is a hard rule.
package struct MeetingAgain: PairRule {
    package let id = "meeting-again"
    package let rounds: RoundRules
    /// Points per unit of recency weight for a pair meeting again.
    package let coefficient: Double
    package let entries: [PairEntry]
    package let constant: Score

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

    package var isActive: Bool { rounds.historyRounds > 0 }

    package func report(_ placement: Placement, in model: ScoreModel, naming: Naming) -> RuleReport {
        var report = RuleReport(id: id)
        guard rounds.historyRounds > 0 else { return report }
        let repeats = rounds.metBefore.filter { placement.together($0.pair) }
        let lastRound = Set(rounds.lastRound)
        let fromLast = rounds.lastRound.filter { placement.together($0) }
        let points = score(placement, in: model).soft
        let words = naming.words
        let measure = rounds.historyIsPlan ? words("rule.meetingAgain.measure.plan", .int(repeats.count), .int(fromLast.count))
            : coefficient > 0
            ? words("rule.meetingAgain.measureVsRandom", .int(repeats.count), .int(fromLast.count),
                    .number((rounds.historyWeight * 100 / coefficient * 10).rounded() / 10))
            : words("rule.meetingAgain.measure", .int(repeats.count), .int(fromLast.count))
        report.lines.append(.init(title: words(rounds.historyIsPlan ? "rule.meetingAgain.title.plan" : "rule.meetingAgain.title",
                                               .text(words.signed(rounds.historyWeight)), .int(rounds.historyRounds)),
                                  measure: measure, points: points))
        if rounds.noRepeat {
            for pair in fromLast {
                report.problems.append(.init(Int(placement.groups[Int(pair.first)]),
                                             words("rule.meetingAgain.repeat", .text(naming.person(Int(pair.first))), .text(naming.person(Int(pair.second))))))
            }
            report.broken = fromLast.count
        }
        for met in repeats where !(rounds.noRepeat && lastRound.contains(met.pair)) {
            report.notes.append(.init(Int(placement.groups[Int(met.pair.first)]),
                                      words(rounds.historyIsPlan ? "rule.meetingAgain.metInPlan"
                                                : lastRound.contains(met.pair) ? "rule.meetingAgain.metLastRound" : "rule.meetingAgain.metEarlier",
                                            .text(naming.name(Int(met.pair.first))), .text(naming.name(Int(met.pair.second))))))
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

extension MeetingAgain {
    /// Whether anyone meets a colleague of an earlier round again.
    package func directorFindings(_ report: RuleReport, in model: ScoreModel, naming: Naming) -> [DirectorFinding] {
        guard model.rounds.historyRounds > 0 else { return [] }
        let pairs = report.figure("pairsMeetingAgain")?.list.count ?? 0
        return [pairs == 0 ? DirectorFinding(tone: .good, text: naming.words("director.repeats.none"))
            : DirectorFinding(tone: report.broken > 0 ? .bad : .partial, text: naming.words("director.repeats.some", .int(pairs)))]
    }
}

extension MeetingAgain: RuleDescriptor {
    package static let options = [RuleOption("history-weight", value: "W", help: "How strongly meeting again is avoided, 0…5 (default 5).")]

    package static func readRounds(_ given: OptionValues, into rounds: inout RoundRules) throws(OptionError) {
        if let weight = try given.number("history-weight", range: 0...5) { rounds.historyWeight = weight }
    }

    package static func roundWords(_ rounds: RoundRules) -> [String] {
        rounds.historyWeight == RoundRules().historyWeight ? [] : ["--history-weight", formatNumber(rounds.historyWeight)]
    }

    package static let controlKinds = ["history"]

    /// The weight of meeting again, with history; shown as hard under `--no-repeat`, which leaves no weight to set.
    package static func controls(_ settings: RuleSettings, rounds: RoundRules, roster: Roster, words: Words) -> [RuleControl] {
        guard rounds.historyRounds > 0 else { return [] }
        return [RuleControl(key: "history", label: words("workbench.control.history"), kind: "history",
                            value: rounds.noRepeat ? nil : rounds.historyWeight, range: 0...5)]
    }

    package static func apply(control key: String, value: Double?, to settings: inout RuleSettings, rounds: inout RoundRules, roster: Roster) -> Bool {
        guard let value, !rounds.noRepeat else { return false }
        rounds.historyWeight = value
        return true
    }
}
