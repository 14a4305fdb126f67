import SparringModel

/// Gentle renewal (`--previous FILE --renew N-M`): every continuing group exchanges between N and M of its
/// members, and everyone else stays. A group's exchanges are its previous members who are no longer with its core
/// (the most of them together in one group now), leavers of the roster included; joiners and leaders from other
/// groups fill the places. Hard by default; `--renew-weight W` makes it soft.
///
/// With `s` previous members, a group keeps a core of at least `s − M` and at most `s − N` of them. Both bounds are
/// sums over (group, previous group) cells, so the rule joins the search as a curve (``CellCurveRule``) on a column
/// of each leader's previous group that the rule derives from `--previous`: a cell holding more than `s − N` breaks
/// the upper bound once per member too many; a cell holding at least `s − M` is the group's core and pays back the
/// one broken rule every continuing group starts with. The core is unique because `M` stays below half of `s`
/// (the set-up check refuses more: renewing half of a group or more leaves no core to continue), so the count is
/// exact and never negative.
package struct Renewal: CellCurveRule {
    /// The rule's settings (``RuleValues``, key ``ruleID``).
    package struct Setting: RuleValue, Equatable {
        /// Exchanges per continuing group, fewest and most.
        package var fewest: Int
        package var most: Int
        /// Nil: hard; else the soft weight 0…5.
        package var weight: Double?
        /// Per previous group, its members, leavers included (from `--previous`, not an option).
        package var previousSizes: [Int] = []

        package init(fewest: Int, most: Int, weight: Double? = nil) {
            self.fewest = fewest
            self.most = most
            self.weight = weight
        }
    }

    package static let ruleID = "renewal"
    /// The key of the derived column of previous groups.
    package static let columnKey = "previous-group"
    package let id = Renewal.ruleID
    package let setting: Setting
    /// The derived column of each leader's previous group.
    package let attribute: Int
    package var attributes: [Int] { [attribute] }
    /// Per previous group: its members (leavers included), the fewest and most of them its core may keep.
    package let size: [Int]
    let smallestCore: [Int]
    let largestCore: [Int]
    /// Previous groups that must continue (a core of at least one).
    let continuing: Int
    /// Points per exchange out of bounds when soft.
    let points: Double

    /// - Throws: ``DiagnosticError`` when there is no previous grouping to renew.
    /// - Complexity: O(n + previous groups).
    init(roster: Roster, setting: Setting, groups: Int) throws(DiagnosticError) {
        guard let a = roster.attributes.firstIndex(where: { $0.key == Self.columnKey }) else {
            throw DiagnosticError([.error(nil, Message("rule.renewal.needsPrevious"), hint: Message("rule.renewal.needsPrevious.hint"))])
        }
        attribute = a
        self.setting = setting
        let levels = roster.attributes[a].levels.count
        var present = [Int](repeating: 0, count: levels)
        for code in roster.attributes[a].codes where code >= 0 { present[Int(code)] += 1 }
        let size = (0..<levels).map { max(present[$0], $0 < setting.previousSizes.count ? setting.previousSizes[$0] : 0) }
        self.size = size
        // The core's bounds; a smallest core at or below half the members present (a set-up the check refuses) is
        // raised above it, so that no two cells can both be a core.
        smallestCore = (0..<levels).map { p in max(size[p] - setting.most, present[p] / 2 + 1) }
        largestCore = (0..<levels).map { p in max(0, size[p] - setting.fewest) }
        continuing = (0..<levels).filter { present[$0] > 0 }.count
        points = (setting.weight ?? 0) * 100 / Double(max(1, continuing))
    }

    /// Exchanges out of bounds a cell adds: members beyond the largest core, and −1 when it is the core.
    @inline(__always) func excess(level p: Int, count: Int) -> Int {
        guard count > 0 else { return 0 }
        return max(0, count - largestCore[p]) - (count >= smallestCore[p] ? 1 : 0)
    }

    package func cellValue(term: Int, level: Int, count: Int) -> Score {
        let excess = self.excess(level: level, count: count)
        return setting.weight == nil ? Score(hard: excess, soft: 0) : Score(hard: 0, soft: -points * Double(excess))
    }

    /// Every continuing group starts without a core (one broken rule), which its core pays back.
    var constant: Score { setting.weight == nil ? Score(hard: continuing, soft: 0) : Score(hard: 0, soft: -points * Double(continuing)) }

    package func score(_ placement: Placement, in model: ScoreModel) -> Score {
        var total = constant
        for groups in cellCounts(placement, in: model) {
            for counts in groups {
                for (level, count) in counts.sorted(by: { $0.key < $1.key }) { total += cellValue(term: 0, level: level, count: count) }
            }
        }
        return total
    }

    /// One previous group as the grouping continues it.
    struct Continuation {
        /// The previous group.
        let previous: Int
        /// The group holding its core (most of its members), or nil when none of them is in the roster.
        let group: Int?
        /// Its members who stay in the core, who went to other groups, and how many left the roster.
        let stay: [Int]
        let moved: [Int]
        let leftRoster: Int
        /// Members of the core's group who were not in this previous group.
        let joined: [Int]
        var exchanges: Int { moved.count + leftRoster }
    }

    /// How each previous group continues in `placement`. O(n + previous groups · groups).
    func continuations(_ placement: Placement, in model: ScoreModel) -> [Continuation] {
        let codes = model.roster.attributes[attribute].codes
        return size.indices.map { p in
            let members = codes.indices.filter { codes[$0] == Int32(p) }
            var perGroup: [Int: Int] = [:]
            for i in members { perGroup[Int(placement.groups[i]), default: 0] += 1 }
            let core = perGroup.max { ($0.value, -$0.key) < ($1.value, -$1.key) }?.key
            let stay = core.map { g in members.filter { Int(placement.groups[$0]) == g } } ?? []
            let joined = core.map { g in placement.members[g].filter { codes[$0] != Int32(p) } } ?? []
            return Continuation(previous: p, group: core, stay: stay, moved: members.filter { i in !stay.contains(i) },
                                leftRoster: size[p] - members.count, joined: joined)
        }
    }

    /// Why newcomer `j` joined the continuing group `c`: where they come from (new on the roster, or another
    /// previous group), what they bring that the staying members lack (values of the columns the rules in force
    /// read, at most three), and what the best other choice would have cost: the best swap of `j` with a leader
    /// outside the group who is no member of its previous group either (the search state is built on first need).
    /// - Complexity: O(attributes · group size), plus O(n · (terms + pairs)) for the other choices.
    func newcomerReason(_ j: Int, joining c: Continuation, placement: Placement, state: inout SearchState?, model: ScoreModel,
                        naming: Naming) -> String {
        let words = naming.words, roster = model.roster, codes = roster.attributes[attribute].codes, g = c.group!
        var parts: [String] = []
        let from = Int(codes[j])
        parts.append(from < 0 ? words("rule.renewal.why.new")
            : words("rule.renewal.why.from", .text(displaySafe(roster.attributes[attribute].levels[from]))))
        var brings: [String] = []
        for a in model.attributesInUse.sorted() where a != attribute && brings.count < 3 {
            let column = roster.attributes[a]
            // Values of categories only (a number such as seniority has no codes).
            guard column.key != Convenor.columnKey, naming.shows(column.key), column.codes.count == roster.count, column.codes[j] >= 0 else { continue }
            let value = column.displayValue(of: j)
            if !c.stay.contains(where: { column.codes[$0] == column.codes[j] }) {
                brings.append(words("rule.renewal.why.value", .text(displaySafe(column.header)), .text(displaySafe(value))))
            }
        }
        if !brings.isEmpty { parts.append(words("rule.renewal.why.brings", .text(words.list(brings)))) }
        // A newcomer pinned there had no alternative.
        guard model.fixedGroup[j] < 0 else { return words("rule.renewal.why", .text(naming.name(j)), .text(parts.joined(separator: "; "))) }
        if state == nil { state = SearchState(model: model, groups: placement.groups) }
        var best: (other: Int, change: Score)?
        for k in 0..<roster.count where Int(placement.groups[k]) != g && model.fixedGroup[k] < 0 && Int(codes[k]) != c.previous {
            let change = state!.swapDelta(j, k)
            guard change.hard <= 0 else { continue }
            if best == nil || change.soft > best!.change.soft { best = (k, change) }
        }
        if let best {
            let other = Message.Argument.text(naming.name(best.other))
            parts.append(abs(best.change.soft) < 0.005 ? words("rule.renewal.why.tie", other)
                : best.change.soft < 0 ? words("rule.renewal.why.next", other, .score(-best.change.soft))
                : words("rule.renewal.why.nextBetter", other, .score(best.change.soft)))
        }
        return words("rule.renewal.why", .text(naming.name(j)), .text(parts.joined(separator: "; ")))
    }

    package func report(_ placement: Placement, in model: ScoreModel, naming: Naming) -> RuleReport {
        var report = RuleReport(id: id)
        let words = naming.words, labels = model.roster.attributes[attribute].levels
        let continuations = self.continuations(placement, in: model).filter { $0.group != nil }
        var state: SearchState? = nil
        let range = setting.fewest == setting.most ? "\(setting.fewest)" : "\(setting.fewest)–\(setting.most)"
        let within = continuations.filter { (setting.fewest...setting.most).contains($0.exchanges) }.count
        let score = self.score(placement, in: model)
        report.lines.append(.init(title: words(setting.weight == nil ? "rule.renewal.title.hard" : "rule.renewal.title", .text(range),
                                               .text(words.number(setting.weight ?? 0))),
                                  measure: words("rule.renewal.measure", .int(within), .int(continuations.count), .text(range)), points: score.soft))
        for c in continuations {
            let g = c.group!
            let previous = Message.Argument.text(displaySafe(labels[c.previous]))
            if !(setting.fewest...setting.most).contains(c.exchanges) && setting.weight == nil {
                report.problems.append(.init(g, words("rule.renewal.outside", previous, .int(c.exchanges), .text(range))))
            }
            var parts = [words("rule.renewal.stay", .int(c.stay.count))]
            if !c.moved.isEmpty { parts.append(words("rule.renewal.moved", .text(c.moved.map { naming.name($0) }.joined(separator: ", ")))) }
            if c.leftRoster > 0 { parts.append(words("rule.renewal.left", .int(c.leftRoster))) }
            if !c.joined.isEmpty { parts.append(words("rule.renewal.joined", .text(c.joined.map { naming.name($0) }.joined(separator: ", ")))) }
            report.notes.append(.init(g, words("rule.renewal.note", previous, .text(parts.joined(separator: "; ")))))
            for j in c.joined {
                report.notes.append(.init(g, newcomerReason(j, joining: c, placement: placement, state: &state, model: model, naming: naming)))
            }
        }
        report.broken = setting.weight == nil ? score.hard : 0
        report.figures = [
            .init("exchanges", .list([.int(setting.fewest), .int(setting.most)])), .init("weight", setting.weight.map { .number($0) } ?? .text("hard")),
            .init("continuingGroups", .int(continuations.count)), .init("groupsWithin", .int(within)),
            .init("groups", .list(continuations.map { c in
                .object([.init("previous", .text(labels[c.previous])), .init("group", .group(c.group!)), .init("exchanges", .int(c.exchanges)),
                         .init("stay", .list(c.stay.map { .leader($0) })), .init("moved", .list(c.moved.map { .leader($0) })),
                         .init("leftRoster", .int(c.leftRoster)), .init("joined", .list(c.joined.map { .leader($0) }))])
            })),
            .init("points", .number(score.soft)),
        ]
        return report
    }

    package func settingRow(words: Words, header: (String) -> String) -> (label: String, value: String)? {
        let range = setting.fewest == setting.most ? "\(setting.fewest)" : "\(setting.fewest)–\(setting.most)"
        return (words("report.setting.renewal"), setting.weight.map { words("report.setting.renewal.soft", .text(range), .text(words.number($0))) }
                    ?? words("report.setting.renewal.hard", .text(range)))
    }

    package func settingFields(in model: ScoreModel) -> [Figure.Field] {
        [.init("renew", .object([.init("fewest", .int(setting.fewest)), .init("most", .int(setting.most)),
                                 .init("weight", setting.weight.map { .number($0) } ?? .text("hard"))]))]
    }

    /// Whether every continuing group was renewed within the bounds.
    package func directorFindings(_ report: RuleReport, in model: ScoreModel, naming: Naming) -> [DirectorFinding] {
        guard let total = report.figure("continuingGroups")?.int, let within = report.figure("groupsWithin")?.int else { return [] }
        let range = setting.fewest == setting.most ? "\(setting.fewest)" : "\(setting.fewest)–\(setting.most)"
        return [within == total ? DirectorFinding(tone: .good, text: naming.words("director.renewal.all", .int(total), .text(range)))
            : DirectorFinding(tone: setting.weight == nil ? .bad : .partial, text: naming.words("director.renewal.some", .int(within), .int(total), .text(range)))]
    }
}

extension Renewal: RuleDescriptor {
    package static let options = [
        RuleOption("renew", value: "N[-M]", help: "With --previous: every continuing group exchanges between N and M of its members (leavers count; joiners fill); everyone else stays. A hard rule."),
        RuleOption("renew-weight", value: "W", help: "Make --renew a soft rule of weight 0…5 instead of a hard one."),
    ]

    package static func read(_ given: OptionValues, into settings: inout RuleSettings) throws(OptionError) {
        guard let text = given.all("renew").last else {
            if given.all("renew-weight").last != nil { throw OptionError(Message("rule.renewal.weightAlone"), hint: Message("usage.example", .text("--renew 1-2 --renew-weight 3"))) }
            return
        }
        let ends = text.split(separator: "-", omittingEmptySubsequences: false).map { Int($0.trimmingSpaces()) }
        guard (1...2).contains(ends.count), let fewest = ends[0], let most = ends.last!, fewest >= 0, most >= fewest, most <= 50 else {
            throw OptionError(Message("rule.renewal.badRange", .quoted(text)), hint: Message("usage.example", .text("--renew 1-2")))
        }
        var setting = Setting(fewest: fewest, most: most)
        if let weight = try given.number("renew-weight", range: 0...5) { setting.weight = weight }
        settings.byRule[ruleID, as: Setting.self] = setting
    }

    package static func words(_ settings: RuleSettings) -> [String] {
        guard let setting = settings.byRule[ruleID, as: Setting.self] else { return [] }
        let range = setting.fewest == setting.most ? "\(setting.fewest)" : "\(setting.fewest)-\(setting.most)"
        return ["--renew", range] + (setting.weight.map { ["--renew-weight", formatNumber($0)] } ?? [])
    }

    /// Each leader's previous group as a column of its own, and each previous group's members (leavers included).
    package static func derive(roster: inout Roster, settings: inout RuleSettings, rounds: RoundRules) {
        guard var setting = settings.byRule[ruleID, as: Setting.self], !rounds.previousGroup.isEmpty,
              !roster.attributes.contains(where: { $0.key == columnKey }) else { return }
        roster.attributes.append(Attribute(header: columnKey, key: columnKey, role: nil, kind: .categorical, levels: rounds.previousLabels,
                                           codes: rounds.previousGroup))
        setting.previousSizes = rounds.previousSizes
        settings.byRule[ruleID, as: Setting.self] = setting
    }

    package static func cellCurveRule(roster: Roster, settings: RuleSettings, groups: Int) throws(DiagnosticError) -> (any CellCurveRule)? {
        guard let setting = settings.byRule[ruleID, as: Setting.self] else { return nil }
        return try Renewal(roster: roster, setting: setting, groups: groups)
    }

    /// What no grouping can renew within N–M: no previous grouping; a group that lost more than M members from the
    /// roster; renewing half of a group or more (no core left to continue); fewer groups than continuing ones.
    package static func setupProblems(roster: Roster, settings: RuleSettings, groups: Int, naming: Naming) -> [Diagnostic] {
        guard let setting = settings.byRule[ruleID, as: Setting.self] else { return [] }
        let rule: Renewal
        do { rule = try Renewal(roster: roster, setting: setting, groups: groups) } catch { return error.diagnostics }
        let severity: Diagnostic.Severity = setting.weight == nil ? .error : .warning
        let labels = roster.attributes[rule.attribute].levels, codes = roster.attributes[rule.attribute].codes
        var present = [Int](repeating: 0, count: labels.count)
        for code in codes where code >= 0 { present[Int(code)] += 1 }
        var problems: [Diagnostic] = []
        for p in labels.indices where present[p] > 0 {
            let label = Message.Argument.text(displaySafe(labels[p]))
            let left = rule.size[p] - present[p]
            if left > setting.most {
                problems.append(Diagnostic(severity, file: nil, Message("rule.renewal.tooManyLeft", label, .int(left), .int(setting.most)),
                                           hint: Message("rule.renewal.tooManyLeft.hint", .int(left))))
            } else if 2 * setting.most >= rule.size[p] {
                // An error even when soft: without a unique core the count would not be what the report says.
                problems.append(Diagnostic(.error, file: nil, Message("rule.renewal.noCore", label, .int(rule.size[p]), .int(setting.most)),
                                           hint: Message("rule.renewal.noCore.hint", .int((rule.size[p] - 1) / 2))))
            }
        }
        if rule.continuing > groups {
            problems.append(Diagnostic(severity, file: nil, Message("rule.renewal.tooFewGroups", .int(rule.continuing), .int(groups)),
                                       hint: Message("rule.renewal.tooFewGroups.hint", .int(rule.continuing))))
        }
        return problems
    }
}
