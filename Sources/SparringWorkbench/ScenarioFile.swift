import SparringIO
import SparringModel
import SparringSolver

/// What the workbench adds to a scenario file (``ScenarioFile``, read and written in `SparringIO`): a workbench
/// state's settings as the command-line words that give them again.
extension ScenarioFile {
    /// The scenario of `arrangement` on `roster`. O(n + options).
    init(name: String, rosterPath: String, arrangement: Arrangement, roster: Roster, inputArguments: [String]) {
        let rosterName = rosterPath.split(separator: "/").last.map(String.init) ?? rosterPath
        let options = Self.ruleArguments(arrangement.rules, groups: arrangement.labels.count) + inputArguments
        var members = [[String]](repeating: [], count: arrangement.labels.count)
        for (i, g) in arrangement.groups.enumerated() { members[Int(g)].append(roster.ids[i]) }
        self.init(name: name, roster: rosterName, options: options, groups: arrangement.labels.indices.map { (arrangement.labels[$0], members[$0]) },
                  pins: roster.ids.indices.filter { arrangement.pinned[$0] }.map { roster.ids[$0] })
    }

    /// The command-line options that give `rules` with `groups` groups (none: no group count, for `score`, which
    /// counts the groups of its file): the typology, sizes, wish and purity weights always, and every weight, rule
    /// and round weight set beyond the typology's defaults, each written by its rule (``RuleDescriptor``). O(rules).
    public static func ruleArguments(_ rules: Rules, groups: Int?) -> [String] {
        var settings = rules.settings
        settings.groups = groups
        let rounds = rules.applied(to: RoundRules())
        return RuleDescriptors.all.flatMap { $0.words(settings) } + RuleDescriptors.all.flatMap { $0.roundWords(rounds) }
    }
}
