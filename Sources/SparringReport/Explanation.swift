import SparringIO
import SparringModel
import SparringSolver

/// A grouping with everything needed to explain it: the roster, who is where, under which labels, the
/// score taken apart, and what may be shown.
public struct GroupingContext: Sendable {
    public let roster: Roster
    /// 0-based group per leader.
    public let groups: [Int32]
    /// Display label per group ("1", "2", … for our groupings; the file's own labels for `score`).
    public let labels: [String]
    public let breakdown: ScoreBreakdown
    /// The compiled rules the grouping was scored with.
    public let model: ScoreModel
    public let settings: RuleSettings
    public let visibility: Visibility
    /// The language of every text made from the context.
    public let words: Words
    /// Per group, its members in roster order.
    public let members: [[Int]]
    /// Who facilitates each group (`--facilitators`), when facilitators are placed.
    public var facilitators: GroupFacilitators?
    /// Each group's convenor (`--convenor`): its willing member with the most seniority, or nil; nil without the rule.
    public let convenors: [Int?]?

    /// Scores `groups` under `model`, rule by rule, and gathers the members of each group. O(n · terms + pairs).
    public init(roster: Roster, model: ScoreModel, groups: [Int32], labels: [String], settings: RuleSettings,
                visibility: Visibility = Visibility(), words: Words = Words(.en)) {
        self.roster = roster
        self.words = words
        self.groups = groups
        self.labels = labels
        self.model = model
        self.settings = settings
        self.visibility = visibility
        let placement = Placement(groups: groups, groupCount: labels.count)
        self.members = placement.members
        convenors = (model.rules.first { $0.isActive && $0.id == Convenor.ruleID } as? Convenor)?.convenors(placement, in: model)
        self.breakdown = ScoreBreakdown(model: model, placement: placement, naming: Self.naming(roster: roster, labels: labels, visibility: visibility, words: words))
    }

    /// How the rules' texts name people, groups and values under `visibility`.
    public static func naming(roster: Roster, labels: [String], visibility: Visibility, words: Words = Words(.en)) -> Naming {
        let shown = labels.map { displaySafe($0) }
        return Naming(name: { visibility.displayName(roster, $0) }, person: { visibility.person(roster, $0) }, group: { shown[$0] },
                      shows: { !visibility.hides(attributeKey: $0, in: roster) }, words: words)
    }

    public var groupCount: Int { labels.count }

    /// The attributes the director's part of the report shows (group cards): unit, field and rank, those a rule in
    /// force reads, and those the consultant asked for (`--show`); never a hidden one, in roster order. Age, gender,
    /// contact details and other columns stay out unless a rule uses them or they are asked for. O(attributes).
    public var directorAttributes: [Int] {
        let roles: Set<ColumnRole> = [.unit, .field, .rank]
        let used = model.attributesInUse.union(visibility.shownInReport)
        return visibility.visibleAttributes(roster).filter { a in roster.attributes[a].role.map(roles.contains) == true || used.contains(a) }
    }

    /// The columns the outputs add per group: the facilitator (`netværkskonsulent`) when facilitators are placed.
    public var groupColumns: [GroupColumn] {
        var columns: [GroupColumn] = []
        if let facilitators {
            columns.append(GroupColumn(header: words("csv.column.facilitator"), values: labels.indices.map { facilitators.cell($0, words: words) }))
        }
        if let convenors {
            columns.append(GroupColumn(header: words("csv.column.convenor"), values: convenors.map { $0.map { visibility.name(roster, $0) } ?? "" }))
        }
        return columns
    }

    /// Numbered labels 1…m, for groupings the solver made.
    public static func numberedLabels(_ count: Int) -> [String] { (0..<count).map { String($0 + 1) } }

    /// Per leader, the label of their previous group, or nil (a joiner, or no `--previous`).
    public func previousLabel(_ i: Int) -> String? {
        let previous = model.rounds.previousGroup
        guard i < previous.count, previous[i] >= 0 else { return nil }
        return model.rounds.previousLabels[Int(previous[i])]
    }

    /// The roster's own header of the attribute `key` (what the consultant calls it), or `key` itself.
    public func header(of key: String) -> String { roster.attributes.first { $0.key == key }?.header ?? key }

    /// Whether a continuing leader is now in a group under another label than before.
    public func moved(_ i: Int) -> Bool { previousLabel(i).map { $0 != labels[Int(groups[i])] } ?? false }
}

/// Who facilitates each group: per group the facilitators' names (as their file gives them), whether one comes
/// from a member's unit (only where no one else could), and how many each group should have.
public struct GroupFacilitators: Sendable, Equatable {
    public var names: [[String]]
    public var fromMembersUnit: [Bool]
    public var perGroup: Int
    /// Per group, the facilitator chosen by hand (the workbench) that leads it, or nil (placed by the assignment).
    public var chosen: [String?] = []

    public init(names: [[String]], fromMembersUnit: [Bool], perGroup: Int) {
        self.names = names
        self.fromMembersUnit = fromMembersUnit
        self.perGroup = perGroup
    }

    /// Groups without all their facilitators (0-based).
    public var uncovered: [Int] { names.indices.filter { names[$0].count < perGroup } }

    /// Group `g`'s facilitators as one cell: "Mette Larsen" or "Mette Larsen og Bo Holm" / "… and …".
    public func cell(_ g: Int, words: Words) -> String {
        let shown = names[g].map { displaySafe($0) }
        return shown.count <= 1 ? shown.first ?? "" : words("facilitators.joined", .text(shown.dropLast().joined(separator: ", ")), .text(shown.last!))
    }
}

/// Plain-language explanations of a grouping, from its score: per group, per rule and per leader.
///
/// Wording is stable and order deterministic (groups by label order, leaders in roster order, pairs by roster
/// position), so that two runs can be compared line by line.
///
/// Every text (problems, notes, composition, rules, leader stories, move reasons) shows the roster's names,
/// values and labels through ``displaySafe(_:keepingNewlinesAndTabs:)``: control and bidi characters appear
/// as `<U+XXXX>`, and no text holds a line break. Keys and labels kept as fields stay as in the roster.
public struct Explanation: Sendable {
    /// One attribute of one group, e.g. field: "Skole 3, Dagtilbud 2, Ældre 1".
    public struct Composition: Sendable {
        /// The attribute's key, as in the roster (a key, not display text).
        public let attribute: String
        public let text: String
    }

    public struct Group: Sendable {
        public let group: Int
        /// The label as given (a data field); the texts show it display-safe.
        public let label: String
        public let members: [Int]
        /// Visible attributes only.
        public let composition: [Composition]
        /// Hard rules this group breaks, each naming the leaders involved.
        public let problems: [String]
        /// Soft rules: lone members, purity, renewal and more (not wishes: see ``personalNotes``).
        public let notes: [String]
        /// Notes that name a leader's own preferences (wishes granted and not): for the consultant, not the
        /// director's cards.
        public var personalNotes: [String] = []
    }

    public struct Leader: Sendable {
        public let leader: Int
        public let group: Int
        public let text: String
        /// With `--previous`: the previous group's label (nil for joiners), and why a continuing leader moved.
        public var previousLabel: String? = nil
        public var moveReason: String? = nil
    }

    /// One rule across all groups.
    public struct Rule: Sendable {
        /// E.g. "gender (weight −2, different)" or "wishes (weight +2)".
        public let title: String
        /// How this grouping does against a random one, e.g. "12 same-value pairs vs 30.1 at random".
        public let measure: String
        public let points: Double
    }

    public let groups: [Group]
    /// Rules whose notes name a leader's own preferences (``Group/personalNotes``).
    static let personalRules: Set<String> = ["wishes"]
    /// Every broken hard rule, naming the leaders; empty when all are kept.
    public let hardProblems: [String]
    public let rules: [Rule]
    public let leaders: [Leader]
    /// The language the texts are in.
    public let words: Words

    /// - Parameter leaderStories: make ``leaders`` (one sentence per leader, with why a continuing leader
    ///   moved); without them (the workbench, which answers a move at once) ``leaders`` is empty.
    /// - Complexity: O(n · attributes + separations + wishes), plus the rules' reports (made with the context).
    public init(_ context: GroupingContext, leaderStories: Bool = true) {
        let roster = context.roster, visibility = context.visibility, breakdown = context.breakdown, words = context.words
        self.words = words
        // Display forms for the texts; the `label` fields keep the raw ones.
        let labels = context.labels.map { displaySafe($0) }

        // Every rule's problems and notes, in rule order, gathered per group.
        var problems = [[String]](repeating: [], count: context.groupCount)
        var notes = [[String]](repeating: [], count: context.groupCount)
        var personal = [[String]](repeating: [], count: context.groupCount)
        var hard: [String] = []
        for report in breakdown.rules {
            for problem in report.problems {
                problems[problem.group].append(problem.text)
                hard.append(words("explain.groupProblem", .text(labels[problem.group]), .text(problem.text)))
            }
            for note in report.notes {
                if Self.personalRules.contains(report.id) { personal[note.group].append(note.text) } else { notes[note.group].append(note.text) }
            }
        }

        let shown = visibility.visibleAttributes(roster)
        groups = context.members.enumerated().map { g, members in
            Group(group: g, label: context.labels[g], members: members,
                  composition: shown.map { Composition(attribute: roster.attributes[$0].key, text: Self.describe(roster.attributes[$0], members, words)) },
                  problems: problems[g], notes: notes[g], personalNotes: personal[g])
        }
        hardProblems = hard
        rules = breakdown.rules.flatMap { $0.lines.map { Rule(title: $0.title, measure: $0.measure, points: $0.points) } }

        guard leaderStories else {
            leaders = []
            return
        }
        let names = roster.ids.indices.map { visibility.displayName(roster, $0) }
        func name(_ i: Int) -> String { names[i] }
        var partners = [[(other: Int32, reason: SeparationReason)]](repeating: [], count: roster.count)
        for separation in context.model.pairs.separations.separations where context.groups[Int(separation.pair.first)] == context.groups[Int(separation.pair.second)] {
            partners[Int(separation.pair.first)].append((separation.pair.second, separation.reason))
            partners[Int(separation.pair.second)].append((separation.pair.first, separation.reason))
        }
        var wishedBy = [[Int32]](repeating: [], count: roster.count)
        var wishesOf = [[Int32]](repeating: [], count: roster.count)
        for wish in roster.wishes {
            wishesOf[Int(wish.first)].append(wish.second)
            wishedBy[Int(wish.second)].append(wish.first)
        }
        let rounds = context.model.rounds
        let moveReasons = Self.moveReasons(context)
        leaders = roster.ids.indices.map { i in
            let g = Int(context.groups[i])
            let mates = context.members[g].filter { $0 != i }.map(name)
            var text = mates.isEmpty ? words("explain.leader.alone", .text(name(i)), .text(labels[g]))
                : words("explain.leader.with", .text(name(i)), .text(labels[g]), .text(words.list(mates)))
            for partner in partners[i] {
                text += " " + words(partner.reason == .reportingLine ? "explain.leader.despiteReporting" : "explain.leader.despiteConflict", .text(name(Int(partner.other))))
            }
            func wishText(_ other: Int32) -> String {
                let h = Int(context.groups[Int(other)])
                return h == g ? words("explain.wish.granted", .text(name(Int(other)))) : words("explain.wish.notGranted", .text(name(Int(other))), .text(labels[h]))
            }
            if !wishesOf[i].isEmpty { text += " " + words("explain.leader.wished", .text(wishesOf[i].map(wishText).joined(separator: ", "))) }
            if !wishedBy[i].isEmpty { text += " " + words("explain.leader.wishedBy", .text(wishedBy[i].map(wishText).joined(separator: ", "))) }
            if !rounds.previousGroup.isEmpty {
                if let raw = context.previousLabel(i) {
                    let before = displaySafe(raw)
                    text += " " + (raw == context.labels[g] ? words("explain.leader.stayed", .text(before))
                        : moveReasons[i].map { words("explain.leader.movedBecause", .text(before), .text($0)) } ?? words("explain.leader.moved", .text(before)))
                } else {
                    text += " " + words("explain.leader.joined")
                }
            }
            return Leader(leader: i, group: g, text: text, previousLabel: context.previousLabel(i), moveReason: moveReasons[i])
        }
    }

    /// For each continuing leader who moved, why: what moving back to the previous group's label would break
    /// or cost, read from the search state's move delta (the same fused code the search uses).
    /// - Complexity: O(n · terms + pairs) to build the state, then O(terms + pairs of the mover) per mover.
    static func moveReasons(_ context: GroupingContext) -> [String?] {
        var reasons = [String?](repeating: nil, count: context.roster.count)
        guard !context.model.rounds.previousGroup.isEmpty else { return reasons }
        let labels = context.labels.map { displaySafe($0) }, words = context.words
        var index: [String: Int] = [:]
        for (g, label) in context.labels.enumerated() { index[label] = g }
        let movers = context.roster.ids.indices.filter(context.moved)
        let state = movers.isEmpty ? nil : SearchState(model: context.model, groups: context.groups)
        var apart = [[(other: Int, reason: SeparationReason)]](repeating: [], count: context.roster.count)
        if !movers.isEmpty {
            for separation in context.roster.separations {
                let (a, b) = (Int(separation.pair.first), Int(separation.pair.second))
                apart[a].append((b, separation.reason))
                apart[b].append((a, separation.reason))
            }
        }
        for i in movers {
            let raw = context.previousLabel(i)!, before = displaySafe(raw)
            guard let back = index[raw] else {
                reasons[i] = words("explain.move.gone", .text(before))
                continue
            }
            if context.model.fixedGroup[i] >= 0 {
                reasons[i] = words("explain.move.pinned", .text(labels[Int(context.model.fixedGroup[i])]))
                continue
            }
            let change = state!.moveDelta(i, to: back)
            var why: [String] = []
            let size = context.members[back].count + 1
            if size > Int(context.model.maxSizes[back]) { why.append(words("explain.move.full", .text(before), .int(size - 1), .int(Int(context.model.maxSizes[back])))) }
            if context.members[Int(context.groups[i])].count - 1 < Int(context.model.minSizes[Int(context.groups[i])]) {
                why.append(words("explain.move.needed", .text(labels[Int(context.groups[i])]), .int(Int(context.model.minSizes[Int(context.groups[i])]))))
            }
            let backMembers = Set(context.members[back])
            for (other, reason) in apart[i] where backMembers.contains(other) {
                why.append(words(reason == .reportingLine ? "explain.move.reportingThere" : "explain.move.conflictThere", .text(context.visibility.displayName(context.roster, other))))
            }
            if why.isEmpty && change.hard > 0 { why.append(words("explain.move.wouldBreak")) }
            if why.isEmpty {
                let cost = -change.soft
                why.append(cost >= 0 ? words("explain.move.wouldCost", .score(cost)) : words("explain.move.wouldGain", .score(-cost)))
            }
            reasons[i] = why.joined(separator: "; ")
        }
        return reasons
    }

    /// One attribute of a group in words: values by count ("Skole 3, Dagtilbud 2"), or a numeric range.
    /// Values are display-safe.
    /// - Complexity: O(members · log members).
    static func describe(_ attribute: Attribute, _ members: [Int], _ words: Words = Words(.en)) -> String {
        switch attribute.kind {
        case .categorical, .ordinal:
            var counts: [Int32: Int] = [:]
            for i in members { counts[attribute.codes[i], default: 0] += 1 }
            let order = counts.keys.sorted { (counts[$1]!, $0) < (counts[$0]!, $1) }
            return order.map { code in "\(code < 0 ? words("explain.emptyValue") : displaySafe(attribute.levels[Int(code)])) \(counts[code]!)" }.joined(separator: ", ")
        case .numeric:
            let values = members.map { attribute.values[$0] }.filter { !$0.isNaN }
            guard let low = values.min(), let high = values.max() else { return words("explain.emptyValue") }
            let mean = values.reduce(0, +) / Double(values.count)
            let empty = values.count < members.count ? words("explain.someEmpty", .int(members.count - values.count)) : ""
            return (low == high ? words("explain.all", .number(low)) : words("explain.range", .number(low), .number(high), .number((mean * 10).rounded() / 10))) + empty
        }
    }
}
