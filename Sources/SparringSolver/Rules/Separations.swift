import SparringModel

/// Loyalty conflicts (hard): a manager and their direct report, or two leaders named as a conflict, never
/// share a group; each such pair together is one broken rule.
public struct Separations: PairRule {
    public let id = "separations"
    public let separations: [Separation]
    public let entries: [PairEntry]
    public let constant = Score.zero

    init(roster: Roster) {
        separations = roster.separations
        entries = separations.map { PairEntry(pair: $0.pair, hard: 1, soft: 0) }
    }

    public func report(_ placement: Placement, in model: ScoreModel, naming: Naming) -> RuleReport {
        var report = RuleReport(id: id)
        let together = separations.filter { placement.together($0.pair) }
        for separation in together {
            report.problems.append(.init(Int(placement.groups[Int(separation.pair.first)]),
                                         naming.words(separation.reason == .reportingLine ? "rule.separations.reportingLine" : "rule.separations.named",
                                                      .text(naming.person(Int(separation.pair.first))), .text(naming.person(Int(separation.pair.second))))))
        }
        report.broken = together.count
        report.figures = [.init("separatedPairsTogether", .list(together.map {
            .object([.init("pair", .list([.leader(Int($0.pair.first)), .leader(Int($0.pair.second))])), .init("reason", .text($0.reason.rawValue))])
        }))]
        return report
    }
}
