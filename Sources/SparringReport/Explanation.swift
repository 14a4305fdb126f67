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
    /// Per group, its members in roster order.
    public let members: [[Int]]

    /// Scores `groups` under `model` and gathers the members of each group. O(n · terms + pairs).
    public init(roster: Roster, model: ScoreModel, groups: [Int32], labels: [String], settings: RuleSettings,
                visibility: Visibility = Visibility()) {
        self.roster = roster
        self.groups = groups
        self.labels = labels
        self.model = model
        self.breakdown = ScoreBreakdown(model: model, roster: roster, groups: groups)
        self.settings = settings
        self.visibility = visibility
        var members = [[Int]](repeating: [], count: labels.count)
        for (i, g) in groups.enumerated() { members[Int(g)].append(i) }
        self.members = members
    }

    public var groupCount: Int { labels.count }

    /// Numbered labels 1…m, for groupings the solver made.
    public static func numberedLabels(_ count: Int) -> [String] { (0..<count).map { String($0 + 1) } }

    /// Per leader, the label of their previous group, or nil (a joiner, or no `--previous`).
    public func previousLabel(_ i: Int) -> String? {
        let previous = model.rounds.previousGroup
        guard i < previous.count, previous[i] >= 0 else { return nil }
        return model.rounds.previousLabels[Int(previous[i])]
    }

    /// Whether a continuing leader is now in a group under another label than before.
    public func moved(_ i: Int) -> Bool { previousLabel(i).map { $0 != labels[Int(groups[i])] } ?? false }
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
        /// Soft rules: lone members, purity, wishes granted and not.
        public let notes: [String]
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
    /// Every broken hard rule, naming the leaders; empty when all are kept.
    public let hardProblems: [String]
    public let rules: [Rule]
    public let leaders: [Leader]

    /// - Complexity: O(n · attributes + separations + wishes).
    public init(_ context: GroupingContext) {
        let roster = context.roster, visibility = context.visibility, breakdown = context.breakdown
        // Display forms for the texts; the `label` fields keep the raw ones.
        let labels = context.labels.map { displaySafe($0) }
        let names = roster.ids.indices.map { visibility.displayName(roster, $0) }
        func name(_ i: Int) -> String { names[i] }
        func person(_ i: Int32) -> String { visibility.person(roster, Int(i)) }

        var problems = [[String]](repeating: [], count: context.groupCount)
        var hard: [String] = []
        for separation in breakdown.separationsTogether {
            let g = Int(context.groups[Int(separation.pair.first)])
            let why = separation.reason == .reportingLine ? "loyalty conflict (reporting line)" : "loyalty conflict (named in the roster)"
            let line = "\(person(separation.pair.first)) and \(person(separation.pair.second)): \(why)"
            problems[g].append(line)
            hard.append("group \(labels[g]): \(line)")
        }
        let sizing = context.settings.sizing
        for violation in breakdown.sizeViolations {
            let line = "\(violation.size) members; sizes must be \(sizing.minSize) to \(sizing.maxSize)"
            problems[violation.group].append(line)
            hard.append("group \(labels[violation.group]): \(line)")
        }
        for leader in breakdown.pinsBroken {
            let g = Int(context.groups[leader])
            let line = "\(person(Int32(leader))) is pinned to another group"
            problems[g].append(line)
            hard.append("group \(labels[g]): \(line)")
        }

        let rounds = context.model.rounds
        if rounds.noRepeat {
            for pair in breakdown.lastRoundRepeats {
                let g = Int(context.groups[Int(pair.first)])
                let line = "\(person(pair.first)) and \(person(pair.second)): were in the same group last round (no repeats)"
                problems[g].append(line)
                hard.append("group \(labels[g]): \(line)")
            }
        }
        for k in breakdown.togetherSplit {
            let set = rounds.togetherSets[k]
            var byGroup: [Int32: [Int]] = [:]
            for i in set { byGroup[context.groups[i], default: []].append(i) }
            let parts = byGroup.keys.sorted().map { g in Self.list(byGroup[g]!.map(name)) + " in group \(labels[Int(g)])" }
            let line = "keep-together set \(quoted(displaySafe(rounds.togetherNames[k]))) is split: \(parts.joined(separator: "; "))"
            if rounds.togetherWeight == nil {
                problems[Int(context.groups[set[0]])].append(line)
                hard.append(line)
            }
        }

        var notes = [[String]](repeating: [], count: context.groupCount)
        let lastRound = Set(rounds.lastRound)
        if !rounds.noRepeat || rounds.historyRounds > 1 {
            for pair in breakdown.repeatPairs where !(rounds.noRepeat && lastRound.contains(pair)) {
                let when = lastRound.contains(pair) ? "in the last round" : "in an earlier round"
                notes[Int(context.groups[Int(pair.first)])].append("\(name(Int(pair.first))) and \(name(Int(pair.second))) met before (\(when))")
            }
        }
        if rounds.togetherWeight != nil {
            for k in breakdown.togetherSplit {
                notes[Int(context.groups[rounds.togetherSets[k][0]])].append("keep-together set \(quoted(displaySafe(rounds.togetherNames[k]))) is split")
            }
        }
        for line in breakdown.attributes where line.loneWeight != 0 && !visibility.hides(attributeKey: line.name, in: roster) {
            for lone in line.loneMembers {
                notes[lone.group].append("\(name(lone.leader)) is the only one with \(displaySafe(line.name)) \(displaySafe(lone.value))")
            }
        }
        let pureAttributes = breakdown.purityAttributes.compactMap { roster.attributeIndex(named: $0) }
        if !pureAttributes.isEmpty {
            for (g, members) in context.members.enumerated() where !members.isEmpty {
                let values = pureAttributes.map { a in Set(members.map { roster.attributes[a].codes[$0] }) }
                let keys = displaySafe(pureAttributes.map { roster.attributes[$0].key }.joined(separator: " and "))
                if values.allSatisfy({ $0.count == 1 }) {
                    let shared = pureAttributes.map { a in
                        visibility.hiddenAttributes.contains(a) ? roster.attributes[a].key : roster.attributes[a].displayValue(of: members[0])
                    }
                    notes[g].append("pure: everyone shares \(keys) (\(displaySafe(shared.joined(separator: ", "))))")
                } else {
                    notes[g].append("not pure in \(keys)")
                }
            }
        }
        var wishedBy = [[Int32]](repeating: [], count: roster.count)
        var wishesOf = [[Int32]](repeating: [], count: roster.count)
        for wish in roster.wishes {
            wishesOf[Int(wish.first)].append(wish.second)
            wishedBy[Int(wish.second)].append(wish.first)
            let g = Int(context.groups[Int(wish.first)]), other = Int(context.groups[Int(wish.second)])
            notes[g].append(g == other
                ? "wish granted: \(name(Int(wish.first))) is with \(name(Int(wish.second)))"
                : "wish not granted: \(name(Int(wish.first))) wished for \(name(Int(wish.second))) (group \(labels[other]))")
        }

        let shown = visibility.visibleAttributes(roster)
        groups = context.members.enumerated().map { g, members in
            Group(group: g, label: context.labels[g], members: members,
                  composition: shown.map { Composition(attribute: roster.attributes[$0].key, text: Self.describe(roster.attributes[$0], members)) },
                  problems: problems[g], notes: notes[g])
        }
        hardProblems = hard
        rules = Self.rules(breakdown, model: context.model, roster: roster, visibility: visibility)

        var partners = [[(other: Int32, reason: SeparationReason)]](repeating: [], count: roster.count)
        for separation in breakdown.separationsTogether {
            partners[Int(separation.pair.first)].append((separation.pair.second, separation.reason))
            partners[Int(separation.pair.second)].append((separation.pair.first, separation.reason))
        }
        let moveReasons = Self.moveReasons(context)
        leaders = roster.ids.indices.map { i in
            let g = Int(context.groups[i])
            let mates = context.members[g].filter { $0 != i }.map(name)
            var text = "\(name(i)) is in group \(labels[g])" + (mates.isEmpty ? ", alone." : " with \(Self.list(mates)).")
            for partner in partners[i] {
                text += " Together with \(name(Int(partner.other))) despite a \(partner.reason == .reportingLine ? "reporting line" : "loyalty conflict")."
            }
            func wishText(_ other: Int32) -> String {
                let h = Int(context.groups[Int(other)])
                return h == g ? "\(name(Int(other))) (granted)" : "\(name(Int(other))) (not granted; group \(labels[h]))"
            }
            if !wishesOf[i].isEmpty { text += " Wished for: " + wishesOf[i].map(wishText).joined(separator: ", ") + "." }
            if !wishedBy[i].isEmpty { text += " Wished for by: " + wishedBy[i].map(wishText).joined(separator: ", ") + "." }
            if !rounds.previousGroup.isEmpty {
                if let raw = context.previousLabel(i) {
                    let before = displaySafe(raw)
                    text += raw == context.labels[g] ? " Stayed in group \(before)." : " Moved from group \(before)" + (moveReasons[i].map { ": \($0)." } ?? ".")
                } else {
                    text += " Joined this round."
                }
            }
            return Leader(leader: i, group: g, text: text, previousLabel: context.previousLabel(i), moveReason: moveReasons[i])
        }
    }

    /// The soft rules across all groups. Hidden attributes appear in aggregate only.
    static func rules(_ breakdown: ScoreBreakdown, model: ScoreModel, roster: Roster, visibility: Visibility) -> [Rule] {
        var rules: [Rule] = []
        for line in breakdown.attributes {
            if line.weight != 0 {
                let aim = line.weight > 0 ? "alike" : "different"
                let measure = line.kind == .numeric
                    ? "spread \(percent(line.actual, of: line.expected)) of a random grouping's"
                    : "\(Int(line.actual)) same-value pairs vs \(formatNumber((line.expected * 10).rounded() / 10)) at random"
                rules.append(Rule(title: "\(displaySafe(line.name)) (weight \(signed(line.weight)), \(aim))", measure: measure, points: line.points))
            }
            if line.loneWeight != 0 {
                let count = line.loneMembers.count
                let groups = count == 0 ? "no group has" : count == 1 ? "1 group has" : "\(count) groups have"
                rules.append(Rule(title: "\(displaySafe(line.name)) no lone member (weight \(signed(line.loneWeight)))",
                                  measure: "\(groups) a lone member", points: line.lonePoints))
            }
        }
        if !breakdown.purityAttributes.isEmpty {
            rules.append(Rule(title: "pure groups (same \(displaySafe(breakdown.purityAttributes.joined(separator: " and "))), weight \(signed(breakdown.purityWeight)))",
                              measure: "\(breakdown.pureMembers) of \(roster.count) leaders in pure groups", points: breakdown.purityPoints))
        }
        if breakdown.wishesTotal > 0 {
            rules.append(Rule(title: "wishes", measure: "\(breakdown.wishesGranted.count) of \(breakdown.wishesTotal) granted", points: breakdown.wishPoints))
        }
        let rounds = model.rounds
        if rounds.historyRounds > 0 {
            let expected = model.historyCoefficient > 0
                ? " vs about \(formatNumber((rounds.historyWeight * 100 / model.historyCoefficient * 10).rounded() / 10)) at random" : ""
            let count = breakdown.repeatPairs.count
            rules.append(Rule(title: "meeting again (weight \(signed(rounds.historyWeight)), \(rounds.historyRounds) earlier round\(rounds.historyRounds == 1 ? "" : "s"))",
                              measure: "\(count) pair\(count == 1 ? "" : "s") meet again (\(breakdown.lastRoundRepeats.count) from the last round)\(expected)",
                              points: breakdown.historyPoints))
        }
        if !rounds.previousGroup.isEmpty {
            rules.append(Rule(title: "stability (weight \(signed(rounds.stabilityWeight)))",
                              measure: "\(breakdown.previousPairsKept) of \(breakdown.previousPairsTotal) previous group-mate pairs still together",
                              points: breakdown.stabilityPoints))
        }
        if !rounds.togetherSets.isEmpty {
            let kept = rounds.togetherSets.count - breakdown.togetherSplit.count
            rules.append(Rule(title: "keep together (\(rounds.togetherWeight.map { "weight \(signed($0))" } ?? "hard"))",
                              measure: "\(kept) of \(rounds.togetherSets.count) sets together", points: breakdown.togetherPoints))
        }
        return rules
    }

    /// For each continuing leader who moved, why: what moving back to the previous group's label would break
    /// or cost. Leaders beyond the first 500 movers get no reason (each costs a full re-score).
    /// - Complexity: O(movers · (n · terms + pairs)), movers ≤ 500.
    static func moveReasons(_ context: GroupingContext) -> [String?] {
        var reasons = [String?](repeating: nil, count: context.roster.count)
        guard !context.model.rounds.previousGroup.isEmpty else { return reasons }
        let current = context.breakdown.score
        let labels = context.labels.map { displaySafe($0) }
        var index: [String: Int] = [:]
        for (g, label) in context.labels.enumerated() { index[label] = g }
        let movers = context.roster.ids.indices.filter(context.moved).prefix(500)
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
                reasons[i] = "group \(before) no longer exists"
                continue
            }
            if context.model.fixedGroup[i] >= 0 {
                reasons[i] = "pinned to group \(labels[Int(context.model.fixedGroup[i])])"
                continue
            }
            var trial = context.groups
            trial[i] = Int32(back)
            let parts = Scorer.parts(context.model, groups: trial)
            let score = Scorer.score(context.model, parts: parts)
            var why: [String] = []
            let size = context.members[back].count + 1
            if size > Int(context.model.maxSizes[back]) { why.append("group \(before) is full (\(size - 1) members, at most \(context.model.maxSizes[back]))") }
            if context.members[Int(context.groups[i])].count - 1 < Int(context.model.minSizes[Int(context.groups[i])]) {
                why.append("group \(labels[Int(context.groups[i])]) needs them to reach \(context.model.minSizes[Int(context.groups[i])]) members")
            }
            let backMembers = Set(context.members[back])
            for (other, reason) in apart[i] where backMembers.contains(other) {
                why.append("\(context.visibility.displayName(context.roster, other)) is there (\(reason.rawValue))")
            }
            if why.isEmpty && score.hard > current.hard { why.append("going back would break a hard rule") }
            if why.isEmpty {
                let cost = current.soft - score.soft
                why.append(cost >= 0 ? "going back would cost \(formatScore(cost)) points on the other rules"
                                     : "going back would gain \(formatScore(-cost)) points; the search left it here")
            }
            reasons[i] = why.joined(separator: "; ")
        }
        return reasons
    }

    /// One attribute of a group in words: values by count ("Skole 3, Dagtilbud 2"), or a numeric range.
    /// Values are display-safe.
    /// - Complexity: O(members · log members).
    static func describe(_ attribute: Attribute, _ members: [Int]) -> String {
        switch attribute.kind {
        case .categorical, .ordinal:
            var counts: [Int32: Int] = [:]
            for i in members { counts[attribute.codes[i], default: 0] += 1 }
            let order = counts.keys.sorted { (counts[$1]!, $0) < (counts[$0]!, $1) }
            return order.map { code in "\(code < 0 ? "(empty)" : displaySafe(attribute.levels[Int(code)])) \(counts[code]!)" }.joined(separator: ", ")
        case .numeric:
            let values = members.map { attribute.values[$0] }.filter { !$0.isNaN }
            guard let low = values.min(), let high = values.max() else { return "(empty)" }
            let mean = values.reduce(0, +) / Double(values.count)
            let empty = values.count < members.count ? ", \(members.count - values.count) empty" : ""
            return low == high ? "all \(formatNumber(low))\(empty)" : "\(formatNumber(low))–\(formatNumber(high)), mean \(formatNumber((mean * 10).rounded() / 10))\(empty)"
        }
    }

    /// "A", "A and B", "A, B and C".
    static func list(_ items: [String]) -> String {
        items.count <= 1 ? items.joined() : items.dropLast().joined(separator: ", ") + " and " + items.last!
    }

    static func percent(_ value: Double, of total: Double) -> String {
        let share = 100 * value / total
        // Inputs are bounded when read, but a percentage must never trap: anything not finite reads "n/a".
        return total > 0 && share.isFinite && abs(share) < 1e15 ? "\(Int(share.rounded()))%" : "n/a"
    }

    static func signed(_ weight: Double) -> String { weight > 0 ? "+" + formatNumber(weight) : formatNumber(weight) }
}
