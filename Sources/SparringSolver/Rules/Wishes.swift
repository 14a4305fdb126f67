import SparringModel

/// Wishes (soft): a leader who wished for a colleague and shares their group; each granted wish is worth
/// `weight · 100 / wishes`, so granting all is worth `weight · 100`.
public struct Wishes: PairRule {
    public let id = "wishes"
    public let wishes: [LeaderPair]
    public let weight: Double
    /// Points per granted wish.
    public let pointsPerWish: Double
    public let entries: [PairEntry]
    public let constant = Score.zero

    init(roster: Roster, weight: Double) {
        wishes = roster.wishes
        self.weight = weight
        let unit = wishes.isEmpty ? 0 : weight * 100 / Double(wishes.count)
        pointsPerWish = unit
        entries = unit == 0 ? [] : wishes.map { PairEntry(pair: $0.sorted, hard: 0, soft: unit) }
    }

    public func report(_ placement: Placement, in model: ScoreModel, naming: Naming) -> RuleReport {
        var report = RuleReport(id: id)
        guard !wishes.isEmpty else { return report }
        let granted = wishes.filter { placement.together($0) }.count
        let points = Double(granted) * pointsPerWish
        report.lines.append(.init(title: "wishes (weight \(signedWeight(weight)))", measure: "\(granted) of \(wishes.count) granted", points: points))
        for wish in wishes {
            let g = Int(placement.groups[Int(wish.first)]), other = Int(placement.groups[Int(wish.second)])
            report.notes.append(.init(g, g == other
                ? "wish granted: \(naming.name(Int(wish.first))) is with \(naming.name(Int(wish.second)))"
                : "wish not granted: \(naming.name(Int(wish.first))) wished for \(naming.name(Int(wish.second))) (group \(naming.group(other)))"))
        }
        report.figures = [.init("granted", .int(granted)), .init("total", .int(wishes.count)), .init("weight", .number(weight)), .init("points", .number(points))]
        return report
    }
}
