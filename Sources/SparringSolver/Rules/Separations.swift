import SparringModel

/// Loyalty conflicts (hard): a manager and their direct report, or two leaders named as a conflict, never
/// share a group; each such pair together is one broken rule.
package struct Separations: PairRule {
    package let id = "separations"
    package let separations: [Separation]
    package let entries: [PairEntry]
    package let constant = Score.zero

    init(roster: Roster) {
        separations = roster.separations
        entries = separations.map { PairEntry(pair: $0.pair, hard: 1, soft: 0) }
    }

    package func report(_ placement: Placement, in model: ScoreModel, naming: Naming) -> RuleReport {
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

extension Separations {
    /// Reporting lines and loyalty conflicts told apart: each kept, or broken, naming up to five pairs.
    package func directorFindings(_ report: RuleReport, in model: ScoreModel, naming: Naming) -> [DirectorFinding] {
        let words = naming.words
        let together = report.figure("separatedPairsTogether")?.list ?? []
        func isReporting(_ figure: Figure) -> Bool { figure.field("reason")?.text == SeparationReason.reportingLine.rawValue }
        func pairNames(_ figures: [Figure]) -> String {
            words.list(figures.prefix(5).compactMap { figure -> String? in
                guard let pair = figure.field("pair")?.list, pair.count == 2, let a = pair[0].leader, let b = pair[1].leader else { return nil }
                return words("director.pair", .text(naming.person(a)), .text(naming.person(b)))
            } + (figures.count > 5 ? [words("director.more", .int(figures.count - 5))] : []))
        }
        var findings: [DirectorFinding] = []
        if separations.contains(where: { $0.reason == .reportingLine }) {
            let broken = together.filter(isReporting)
            findings.append(broken.isEmpty ? DirectorFinding(tone: .good, text: words("director.reporting.kept"))
                : DirectorFinding(tone: .bad, text: words("director.reporting.broken", .int(broken.count), .text(pairNames(broken)))))
        }
        if separations.contains(where: { $0.reason != .reportingLine }) {
            let broken = together.filter { !isReporting($0) }
            findings.append(broken.isEmpty ? DirectorFinding(tone: .good, text: words("director.conflicts.kept"))
                : DirectorFinding(tone: .bad, text: words("director.conflicts.broken", .int(broken.count), .text(pairNames(broken)))))
        }
        return findings
    }
}
