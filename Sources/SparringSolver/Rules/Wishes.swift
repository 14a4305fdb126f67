import SparringModel

/// Wishes (soft): a leader who wished for a colleague and shares their group; each granted wish is worth
/// `weight · 100 / wishes`, so granting all is worth `weight · 100`.
package struct Wishes: PairRule {
    package let id = "wishes"
    package let wishes: [LeaderPair]
    package let weight: Double
    /// Points per granted wish.
    package let pointsPerWish: Double
    package let entries: [PairEntry]
    package let constant = Score.zero

    init(roster: Roster, weight: Double) {
        wishes = roster.wishes
        self.weight = weight
        let unit = wishes.isEmpty ? 0 : weight * 100 / Double(wishes.count)
        pointsPerWish = unit
        entries = unit == 0 ? [] : wishes.map { PairEntry(pair: $0.sorted, hard: 0, soft: unit) }
    }

    package func report(_ placement: Placement, in model: ScoreModel, naming: Naming) -> RuleReport {
        var report = RuleReport(id: id)
        guard !wishes.isEmpty else { return report }
        let granted = wishes.filter { placement.together($0) }.count
        let points = Double(granted) * pointsPerWish
        let words = naming.words
        report.lines.append(.init(title: words("rule.wishes.title", .text(words.signed(weight))),
                                  measure: words("rule.wishes.measure", .int(granted), .int(wishes.count)), points: points))
        for wish in wishes {
            let g = Int(placement.groups[Int(wish.first)]), other = Int(placement.groups[Int(wish.second)])
            let who = Message.Argument.text(naming.name(Int(wish.first))), whom = Message.Argument.text(naming.name(Int(wish.second)))
            report.notes.append(.init(g, g == other ? words("rule.wishes.granted", who, whom)
                                                    : words("rule.wishes.notGranted", who, whom, .text(naming.group(other)))))
        }
        report.figures = [.init("granted", .int(granted)), .init("total", .int(wishes.count)), .init("weight", .number(weight)), .init("points", .number(points))]
        return report
    }
}

extension Wishes {
    package func settingRow(words: Words, header: (String) -> String) -> (label: String, value: String)? {
        (words("report.setting.wishWeight"), words.number(weight))
    }
}

extension Wishes {
    /// How many wishes are granted.
    package func directorFindings(_ report: RuleReport, in model: ScoreModel, naming: Naming) -> [DirectorFinding] {
        guard let total = report.figure("total")?.int, total > 0 else { return [] }
        let granted = report.figure("granted")?.int ?? 0
        return [DirectorFinding(tone: granted == total ? .good : .partial, text: naming.words("director.wishes", .int(granted), .int(total)))]
    }
}

extension Wishes: RuleDescriptor {
    package static let controlKinds = ["wishes"]

    /// The wishes' weight, when the roster has wishes (its option is `--weight wishes=W`, read with the attribute weights).
    package static func controls(_ settings: RuleSettings, rounds: RoundRules, roster: Roster, words: Words) -> [RuleControl] {
        roster.wishes.isEmpty ? [] : [RuleControl(key: "wishes", label: words("workbench.control.wishes"), kind: "wishes", value: settings.wishWeight, range: 0...5)]
    }

    package static func apply(control key: String, value: Double?, to settings: inout RuleSettings, rounds: inout RoundRules, roster: Roster) -> Bool {
        guard let value else { return false }
        settings.wishWeight = value
        return true
    }
}
