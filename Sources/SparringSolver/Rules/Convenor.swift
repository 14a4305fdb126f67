import SparringModel

/// A convenor in every group (`--convenor COLUMN`, e.g. `tovholder` with ja/nej): every group holds at least one
/// leader willing to convene it (a hard rule), and the outputs name each group's convenor: a member the consultant
/// chose (`valgt` in the column), else its willing member with the most seniority (ties: roster order).
///
/// It joins the search as a curve on the column (``CellCurveRule``): a cell of willing members (one or more) pays
/// back the one broken rule every group starts with, so the count is exact: the groups without a willing member.
package struct Convenor: CellCurveRule {
    /// The rule's settings (``RuleValues``, key ``ruleID``): the column, as named.
    package struct Setting: RuleValue, Equatable {
        package var column: String
        package init(column: String) { self.column = column }
    }

    package static let ruleID = "convenor"
    /// The key of the derived column: 0 for a willing leader, −1 for the others (one level, so one cell a group).
    package static let columnKey = "convenor-willing"
    package let id = Convenor.ruleID
    package let setting: Setting
    /// The derived column of willing leaders.
    package let attribute: Int
    /// The roster's own column, as the consultant named it.
    package let column: Int
    package var attributes: [Int] { [attribute] }

    /// Cells that say a leader is willing, and that say not (normalised); any other value is refused.
    static let yes: Set<String> = Set(["ja", "yes", "y", "j", "x", "1", "true", "sand", "villig", "willing", "tovholder", "convenor"]).union(chosen)
    /// Cells that say the consultant has chosen this leader as their group's convenor (willing, and named first).
    static let chosen: Set<String> = ["valgt", "chosen", "udpeget", "appointed"]
    static let no: Set<String> = ["nej", "no", "n", "0", "false", "falsk", "-"]

    /// The roster's column the setting names, and its values that say neither yes nor no.
    static func column(_ setting: Setting, in roster: Roster) -> (index: Int, unclear: [String])? {
        guard let a = roster.attributeIndex(named: setting.column), roster.attributes[a].kind != .numeric else { return nil }
        let levels = roster.attributes[a].levels
        return (a, levels.filter { !yes.contains(normalizedHeader($0)) && !no.contains(normalizedHeader($0)) })
    }

    /// - Throws: ``DiagnosticError`` for a column the roster lacks, or one holding values that say neither yes nor no.
    /// - Complexity: O(n).
    init(roster: Roster, setting: Setting) throws(DiagnosticError) {
        guard let (a, unclear) = Self.column(setting, in: roster) else {
            let known = roster.attributes.filter { $0.key != Self.columnKey }.map { displaySafe($0.header) }.joined(separator: ", ")
            throw DiagnosticError([.error(nil, Message("settings.unknownAttribute", .text("convenor"), .text(displaySafe(setting.column))),
                                          hint: known.isEmpty ? Message("settings.noAttributes") : Message("settings.useOneOf", .text(known)))])
        }
        guard unclear.isEmpty, let derived = roster.attributes.firstIndex(where: { $0.key == Self.columnKey }) else {
            throw DiagnosticError([.error(nil, Message("rule.convenor.unclear", .text(displaySafe(roster.attributes[a].header)),
                                                      .text(unclear.map { "\"\(displaySafe($0))\"" }.joined(separator: ", "))),
                                          hint: Message("rule.convenor.unclear.hint"))])
        }
        column = a
        attribute = derived
        self.setting = setting
    }

    package func cellValue(term: Int, level: Int, count: Int) -> Score { Score(hard: count > 0 ? -1 : 0, soft: 0) }

    /// The groups without a willing member: every group starts with one broken rule, its willing members' cell pays it back.
    package func score(_ placement: Placement, in model: ScoreModel) -> Score { Score(hard: uncovered(placement, in: model).count, soft: 0) }

    /// Groups without a willing member. O(n).
    func uncovered(_ placement: Placement, in model: ScoreModel) -> [Int] {
        let codes = model.roster.attributes[attribute].codes
        return placement.members.indices.filter { g in !placement.members[g].contains { codes[$0] >= 0 } }
    }

    /// Each group's convenor: a member the consultant chose (`valgt`), else its willing member with the most
    /// seniority (ties: roster order), or nil. O(n).
    package func convenors(_ placement: Placement, in model: ScoreModel) -> [Int?] {
        placement.members.map { convenor(among: $0, in: model) }
    }

    /// The convenor among `members` (the model's leaders): a chosen one first, then one who has convened fewest
    /// earlier rounds (`served`, by model leader; none by default), then the most seniority, then roster order.
    /// O(group size).
    func convenor(among members: [Int], in model: ScoreModel, served: (Int) -> Int = { _ in 0 }) -> Int? {
        let codes = model.roster.attributes[attribute].codes, own = model.roster.attributes[column]
        let seniority = model.roster.attributes.first { $0.role == .seniority }
        func key(_ l: Int) -> (Int, Int, Double, Int) {
            (Self.chosen.contains(normalizedHeader(own.displayValue(of: l))) ? 1 : 0, -served(l), seniority.map { Self.years($0, l) } ?? 0, -l)
        }
        return members.filter { codes[$0] >= 0 }.max { key($0) < key($1) }
    }

    /// Each group's convenor round by round, rotating: a member the consultant chose (`valgt`) first, then one who has
    /// convened fewer earlier rounds, then the most seniority (ties: roster order), so that the role passes on where
    /// a group keeps its members.
    /// - Parameters:
    ///   - rounds: per round, its model (over the leaders there, each with this rule) and the roster index of each of
    ///     its leaders; `groupings` by roster index (−1: not there).
    /// - Returns: per round and group, the convenor's roster index, or nil.
    /// - Complexity: O(K · n).
    package static func rotated(_ rounds: [(model: ScoreModel, attending: [Int32])], groupings: [[Int32]], leaderCount: Int) -> [[Int?]] {
        var served = [Int](repeating: 0, count: leaderCount)
        return rounds.enumerated().map { r, round in
            guard let rule = round.model.rules.first(where: { $0.isActive && $0.id == ruleID }) as? Convenor else { return [] }
            var members = [[Int]](repeating: [], count: round.model.groupCount)
            for (l, i) in round.attending.enumerated() where groupings[r][Int(i)] >= 0 { members[Int(groupings[r][Int(i)])].append(l) }
            let chosen = members.map { group in
                rule.convenor(among: group, in: round.model, served: { served[Int(round.attending[$0])] }).map { Int(round.attending[$0]) }
            }
            for i in chosen.compactMap({ $0 }) { served[i] += 1 }
            return chosen
        }
    }

    /// A leader's seniority as a number (0 when empty).
    static func years(_ attribute: Attribute, _ i: Int) -> Double {
        if !attribute.values.isEmpty { return attribute.values[i].isNaN ? 0 : attribute.values[i] }
        return parseLooseNumber(attribute.displayValue(of: i)) ?? 0
    }

    package func report(_ placement: Placement, in model: ScoreModel, naming: Naming) -> RuleReport {
        var report = RuleReport(id: id)
        let words = naming.words, header = attributeName(model.roster.attributes[column])
        let missing = uncovered(placement, in: model)
        report.lines.append(.init(title: words("rule.convenor.title", header),
                                  measure: words("rule.convenor.measure", .int(placement.groupCount - missing.count), .int(placement.groupCount)), points: 0))
        for g in missing { report.problems.append(.init(g, words("rule.convenor.missing", header))) }
        report.broken = missing.count
        let convenors = self.convenors(placement, in: model)
        report.figures = [.init("groupsWithConvenor", .int(placement.groupCount - missing.count)),
                          .init("convenors", .list(convenors.map { $0.map { .leader($0) } ?? .text("") }))]
        return report
    }

    package func settingRow(words: Words, header: (String) -> String) -> (label: String, value: String)? {
        (words("report.setting.convenor"), header(setting.column))
    }

    package func directorFindings(_ report: RuleReport, in model: ScoreModel, naming: Naming) -> [DirectorFinding] {
        guard let with = report.figure("groupsWithConvenor")?.int else { return [] }
        return [with == model.groupCount ? DirectorFinding(tone: .good, text: naming.words("director.convenor.all"))
            : DirectorFinding(tone: .bad, text: naming.words("director.convenor.some", .int(model.groupCount - with)))]
    }
}

extension Convenor: RuleDescriptor {
    package static let options = [
        RuleOption("convenor", value: "COLUMN", help: "Every group gets a convenor: at least one member who says ja/yes in COLUMN (e.g. tovholder); the outputs name the one marked valgt (chosen), else the willing member with the most seniority. A hard rule."),
    ]

    package static func read(_ given: OptionValues, into settings: inout RuleSettings) throws(OptionError) {
        guard let column = given.all("convenor").last else { return }
        settings.byRule[ruleID, as: Setting.self] = Setting(column: column.trimmingSpaces())
    }

    package static func words(_ settings: RuleSettings) -> [String] {
        settings.byRule[ruleID, as: Setting.self].map { ["--convenor", $0.column] } ?? []
    }

    /// The willing leaders as a column of one value.
    package static func derive(roster: inout Roster, settings: inout RuleSettings, rounds: RoundRules) {
        guard let setting = settings.byRule[ruleID, as: Setting.self], let (a, unclear) = column(setting, in: roster), unclear.isEmpty,
              !roster.attributes.contains(where: { $0.key == columnKey }) else { return }
        let source = roster.attributes[a]
        let willing = source.levels.map { yes.contains(normalizedHeader($0)) }
        roster.attributes.append(Attribute(header: columnKey, key: columnKey, role: nil, kind: .categorical, levels: ["willing"],
                                           codes: source.codes.map { $0 >= 0 && willing[Int($0)] ? 0 : -1 }))
    }

    package static func cellCurveRule(roster: Roster, settings: RuleSettings, groups: Int) throws(DiagnosticError) -> (any CellCurveRule)? {
        guard let setting = settings.byRule[ruleID, as: Setting.self] else { return nil }
        return try Convenor(roster: roster, setting: setting)
    }

    /// Fewer willing leaders than groups: no grouping gives every group one.
    package static func setupProblems(roster: Roster, settings: RuleSettings, groups: Int, naming: Naming) -> [Diagnostic] {
        guard let setting = settings.byRule[ruleID, as: Setting.self] else { return [] }
        let rule: Convenor
        do { rule = try Convenor(roster: roster, setting: setting) } catch { return error.diagnostics }
        let willing = roster.attributes[rule.attribute].codes.filter { $0 >= 0 }.count
        guard willing < groups else { return [] }
        return [.error(nil, Message("rule.convenor.tooFew", .int(willing), .int(groups)), hint: Message("rule.convenor.tooFew.hint", .int(groups - willing)))]
    }
}
