import SparringIO
import SparringModel
@testable import SparringSolver

/// A generated roster, loaded as the command line would load it.
func generatedRoster(_ leaders: Int, seed: UInt64, danish: Bool = false) throws -> Roster {
    let text = RosterGenerator(leaders: leaders, seed: seed, danish: danish, semicolon: danish).render()
    return try RosterLoader.load(table: CSVReader.parse(bytes: Array(text.utf8), file: "generated.csv")).roster
}

/// The compiled model of `roster` under `typology` with the preferred number of groups.
func model(_ roster: Roster, _ typology: Typology, sizing: GroupSizing = GroupSizing()) throws -> ScoreModel {
    let settings = RuleSettings(typology: typology, sizing: sizing)
    return try ScoreModel(roster: roster, settings: settings, groups: sizing.preferredGroupCount(leaders: roster.count)!)
}

/// Every leader in exactly one group, every group within its bounds.
func sizesWithinBounds(_ model: ScoreModel, _ groups: [Int32]) -> Bool {
    var sizes = [Int32](repeating: 0, count: model.groupCount)
    for g in groups {
        guard g >= 0 && Int(g) < model.groupCount else { return false }
        sizes[Int(g)] += 1
    }
    return groups.count == model.leaderCount && sizes.indices.allSatisfy { sizes[$0] >= model.minSizes[$0] && sizes[$0] <= model.maxSizes[$0] }
}
