import SparringModel

/// A shared meeting day: `--meet ATTR` names a column holding the days or places each leader can meet
/// ("mandag|onsdag"); every group should share at least one. Hard by default (a group with no shared day is
/// one broken rule); with `--meet-weight W` soft, `W · 100 / groups` points per such group. A leader with an
/// empty cell can meet any day.
package struct MeetingDays: ScoreRule {
    package let id = "meeting-days"
    /// The column's header, the days in order of first appearance (as first written), and per leader the
    /// days they can meet as a bit set (all bits for an empty cell).
    package let column: String
    package let days: [String]
    let mask: UncheckedArray<UInt64>
    /// nil: hard; otherwise the soft weight.
    package let weight: Double?
    let pointsPerGroup: Double
    /// Leaders with an empty cell.
    package let flexible: [Int]

    /// - Throws: ``DiagnosticError`` for an unknown column, a column without days, or more than 64 days.
    init(roster: Roster, settings: RuleSettings, groups: Int) throws(DiagnosticError) {
        weight = settings.meetWeight
        pointsPerGroup = (settings.meetWeight ?? 0) * 100 / Double(groups)
        guard let name = settings.meet else {
            column = ""; days = []; mask = UncheckedArray([]); flexible = []
            return
        }
        let wanted = normalizedHeader(name)
        let index = roster.columns.firstIndex { normalizedHeader($0) == wanted }
            ?? roster.attributeIndex(named: name).flatMap { a in roster.columns.firstIndex(of: roster.attributes[a].header) }
        guard let index else {
            let known = roster.columns.map { Message.Argument.quoted(displaySafe($0)) }
            throw DiagnosticError(.error(nil, Message("rule.common.noColumn", .text("meet"), .text(displaySafe(name)), .quoted(displaySafe(name))),
                                         hint: Message("rule.meetingDays.useColumn", .commaSeparated(known))))
        }
        var days: [String] = [], keys: [String: Int] = [:], masks: [UInt64] = [], flexible: [Int] = []
        for (i, row) in roster.rows.enumerated() {
            let cell = index < row.count ? row[index] : ""
            var m: UInt64 = 0
            for shown in meetingDays(cell) {
                let key = normalizedHeader(shown)
                if keys[key] == nil {
                    guard days.count < 64 else {
                        throw DiagnosticError(.error(nil, Message("rule.meetingDays.tooMany", .text(displaySafe(name)), .quoted(displaySafe(roster.columns[index]))),
                                                     hint: Message("rule.meetingDays.tooMany.hint")))
                    }
                    keys[key] = days.count
                    days.append(shown)
                }
                m |= 1 << UInt64(keys[key]!)
            }
            if m == 0 { flexible.append(i) }
            masks.append(m)
        }
        guard !days.isEmpty else {
            throw DiagnosticError(.error(nil, Message("rule.meetingDays.empty", .text(displaySafe(name)), .quoted(displaySafe(roster.columns[index]))),
                                         hint: Message("rule.meetingDays.empty.hint")))
        }
        let all: UInt64 = days.count == 64 ? ~0 : (1 << UInt64(days.count)) - 1
        column = roster.columns[index]
        self.days = days
        mask = UncheckedArray(masks.map { $0 == 0 ? all : $0 })
        self.flexible = flexible
    }

    package var isActive: Bool { !days.isEmpty }

    /// Days every member of a group can meet, as a bit set. O(members).
    func sharedDays(_ members: [Int]) -> UInt64 { members.reduce(~UInt64(0)) { $0 & mask[$1] } }

    /// Groups without a shared day, from scratch. O(n).
    func groupsWithoutDay(_ placement: Placement) -> [Int] {
        placement.members.indices.filter { !placement.members[$0].isEmpty && sharedDays(placement.members[$0]) & allDays == 0 }
    }

    private var allDays: UInt64 { days.count == 64 ? ~0 : (1 << UInt64(days.count)) - 1 }

    private func value(_ missing: Int) -> Score {
        weight == nil ? Score(hard: missing, soft: 0) : Score(hard: 0, soft: -pointsPerGroup * Double(missing))
    }

    package func score(_ placement: Placement, in model: ScoreModel) -> Score { isActive ? value(groupsWithoutDay(placement).count) : .zero }

    /// Per (group, day) the members who can meet that day.
    struct Tables {
        var counts: UncheckedArray<Int32>

        /// Gives the table storage no copy shares, for ``MeetingDays/move(_:from:to:_:)``. O(1) unless shared.
        @inline(__always) mutating func makeUnique() { counts.makeUnique() }
    }

    func makeTables(groups: UncheckedArray<Int32>, groupCount: Int) -> Tables {
        let d = days.count
        var counts = [Int32](repeating: 0, count: groupCount * d)
        if isActive {
            for i in 0..<groups.count {
                for day in 0..<d where mask[i] & (1 << UInt64(day)) != 0 { counts[Int(groups[i]) * d + day] += 1 }
            }
        }
        return Tables(counts: UncheckedArray(counts))
    }

    /// Whether group `g`, after losing the days `out` and gaining `in` with `size` members, still shares a day. O(days).
    @inline(__always)
    private func shares(_ g: Int, _ t: Tables, losing out: UInt64, gaining gain: UInt64, size: Int32) -> Bool {
        if size == 0 { return true }
        let d = days.count
        for day in 0..<d {
            let bit: UInt64 = 1 << UInt64(day)
            let count = t.counts[g * d + day] - (out & bit != 0 ? 1 : 0) + (gain & bit != 0 ? 1 : 0)
            if count == size { return true }
        }
        return false
    }

    /// Change if leader `i` moved from `g` to `h` (sizes before the move). O(days).
    @inline(__always)
    func moveDelta(_ i: Int, from g: Int, to h: Int, _ t: Tables, size: UncheckedArray<Int32>) -> Score {
        let before = (shares(g, t, losing: 0, gaining: 0, size: size[g]) ? 0 : 1) + (shares(h, t, losing: 0, gaining: 0, size: size[h]) ? 0 : 1)
        let after = (shares(g, t, losing: mask[i], gaining: 0, size: size[g] - 1) ? 0 : 1) + (shares(h, t, losing: 0, gaining: mask[i], size: size[h] + 1) ? 0 : 1)
        return value(after - before)
    }

    /// Change if `i` (in `g`) and `j` (in `h`) exchanged groups. O(days).
    @inline(__always)
    func swapDelta(_ i: Int, _ j: Int, _ g: Int, _ h: Int, _ t: Tables, size: UncheckedArray<Int32>) -> Score {
        if mask[i] == mask[j] { return .zero }
        let before = (shares(g, t, losing: 0, gaining: 0, size: size[g]) ? 0 : 1) + (shares(h, t, losing: 0, gaining: 0, size: size[h]) ? 0 : 1)
        let after = (shares(g, t, losing: mask[i], gaining: mask[j], size: size[g]) ? 0 : 1) + (shares(h, t, losing: mask[j], gaining: mask[i], size: size[h]) ? 0 : 1)
        return value(after - before)
    }

    /// Moves leader `i`'s days from `g` to `h`, writing through the table's storage: call
    /// ``Tables/makeUnique()`` first. O(days).
    @inline(__always)
    func move(_ i: Int, from g: Int, to h: Int, _ t: Tables) {
        let d = days.count, counts = t.counts.base, days = mask[i]
        for day in 0..<d where days & (1 << UInt64(day)) != 0 {
            counts[g &* d &+ day] &-= 1
            counts[h &* d &+ day] &+= 1
        }
    }

    package func moveDelta(_ i: Int, to h: Int, in state: SearchState) -> Score {
        isActive ? moveDelta(i, from: state.groupOf(i), to: h, state.meeting, size: state.sizes) : .zero
    }

    package func swapDelta(_ i: Int, _ j: Int, in state: SearchState) -> Score {
        isActive ? swapDelta(i, j, state.groupOf(i), state.groupOf(j), state.meeting, size: state.sizes) : .zero
    }

    private func names(_ set: UInt64) -> [String] { days.indices.filter { set & (1 << UInt64($0)) != 0 }.map { displaySafe(days[$0]) } }

    package func report(_ placement: Placement, in model: ScoreModel, naming: Naming) -> RuleReport {
        var report = RuleReport(id: id)
        guard isActive else { return report }
        let without = groupsWithoutDay(placement)
        let score = value(without.count)
        report.broken = score.hard
        let words = naming.words
        report.lines.append(.init(title: words("rule.meetingDays.title", .text(displaySafe(column)), .text(words.weighting(weight))),
                                  measure: without.isEmpty ? words("rule.meetingDays.allShare") : words("rule.meetingDays.noneShared", .int(without.count)),
                                  points: score.soft))
        var shared: [Figure] = []
        // A hidden column appears in aggregate only: no days and no names in the notes.
        let shown = naming.shows(Self.attributeKey(of: column, in: model.roster))
        for (g, members) in placement.members.enumerated() where !members.isEmpty {
            let common = sharedDays(members) & allDays
            if shown { shared.append(.object([.init("group", .group(g)), .init("days", .list(names(common).map { .text($0) }))])) }
            if common != 0 {
                if shown { report.notes.append(.init(g, words("rule.meetingDays.canAllMeet", .list(names(common).map { .text($0) })))) }
                continue
            }
            // The day most members can meet, and who cannot.
            let best = days.indices.max { a, b in
                members.filter { mask[$0] & (1 << UInt64(a)) != 0 }.count < members.filter { mask[$0] & (1 << UInt64(b)) != 0 }.count
            }!
            let missing = members.filter { mask[$0] & (1 << UInt64(best)) == 0 }
            let text = shown
                ? words("rule.meetingDays.bestDay", .text(displaySafe(days[best])), .int(members.count - missing.count), .int(members.count),
                        .list(missing.map { .text(naming.person($0)) }))
                : words("rule.meetingDays.bestDayHidden", .int(members.count - missing.count), .int(members.count))
            if weight == nil { report.problems.append(.init(g, text)) } else { report.notes.append(.init(g, text)) }
        }
        report.figures = [
            .init("column", .text(column)), .init("weight", weight.map { .number($0) } ?? .text("hard")),
            .init("groupsWithoutSharedDay", .list(without.map { .group($0) })), .init("sharedDays", .list(shared)), .init("points", .number(score.soft)),
        ]
        return report
    }

    /// The key `--hide` knows the column by: its attribute's key (the English role name for a known column).
    static func attributeKey(of column: String, in roster: Roster) -> String {
        roster.attributes.first { $0.header == column }?.key ?? normalizedHeader(column)
    }

    /// Set-ups no grouping can satisfy: a leader whose days too few others share to fill a group of the
    /// smallest size (hard), and a note on leaders with an empty cell. O(n · days).
    package static func setupProblems(roster: Roster, settings: RuleSettings, groups: Int, naming: Naming) -> [Diagnostic] {
        guard settings.meet != nil, let rule = try? MeetingDays(roster: roster, settings: settings, groups: groups) else { return [] }
        var found: [Diagnostic] = []
        let holders = rule.days.indices.map { day in (0..<roster.count).filter { rule.mask[$0] & (1 << UInt64(day)) != 0 }.count }
        var stranded: [Int] = []
        for i in 0..<roster.count {
            let best = rule.days.indices.filter { rule.mask[i] & (1 << UInt64($0)) != 0 }.map { holders[$0] }.max() ?? 0
            if best < settings.sizing.minSize { stranded.append(i) }
        }
        if !stranded.isEmpty {
            let showsDays = naming.shows(attributeKey(of: rule.column, in: roster))
            let shown = stranded.prefix(5).map { i in naming.person(i) + (showsDays ? " (\(rule.names(rule.mask[i]).joined(separator: "|")))" : "") }.joined(separator: ", ")
            let message = stranded.count > 5
                ? Message("rule.meetingDays.strandedMore", .int(stranded.count), .int(settings.sizing.minSize - 1), .int(settings.sizing.minSize), .text(shown),
                          .int(stranded.count - 5))
                : Message("rule.meetingDays.stranded", .int(stranded.count), .int(settings.sizing.minSize - 1), .int(settings.sizing.minSize), .text(shown))
            let hint = Message("rule.meetingDays.stranded.hint", .quoted(displaySafe(rule.column)))
            found.append(settings.meetWeight == nil ? .error(nil, message, hint: hint) : .warning(nil, 0, 0, message, hint: hint))
        }
        if !rule.flexible.isEmpty {
            found.append(.warning(nil, 0, 0, Message("rule.meetingDays.flexible", .int(rule.flexible.count), .quoted(displaySafe(rule.column))),
                                  hint: Message("rule.meetingDays.flexible.hint")))
        }
        return found
    }
}

extension MeetingDays: RuleDescriptor {
    package static let options = [
        RuleOption("meet", value: "ATTR", help: "ATTR holds the days or places each leader can meet (mandag|onsdag); every group shares one (hard unless --meet-weight)."),
        RuleOption("meet-weight", value: "W", help: "Make --meet soft with this weight 0…5 (default: hard)."),
    ]

    package static func read(_ given: OptionValues, into settings: inout RuleSettings) throws(OptionError) {
        settings.meet = given.last("meet")
        settings.meetWeight = try given.number("meet-weight", range: 0...5)
        try given.requires("meet-weight", "meet", given: settings.meet != nil, example: "--meet mødedage --meet-weight 3")
    }

    package static func words(_ settings: RuleSettings) -> [String] {
        (settings.meet.map { ["--meet", $0] } ?? []) + (settings.meetWeight.map { ["--meet-weight", formatNumber($0)] } ?? [])
    }

    package static let controlKinds = ["meet"]

    /// The shared meeting day's weight, when the rule is on; none: hard.
    package static func controls(_ settings: RuleSettings, rounds: RoundRules, roster: Roster, words: Words) -> [RuleControl] {
        guard let meet = settings.meet else { return [] }
        return [RuleControl(key: "meet", label: words("workbench.control.meet", .text(displaySafe(meet))), kind: "meet", value: settings.meetWeight,
                            range: 0...5, mayBeHard: true)]
    }

    package static func apply(control key: String, value: Double?, to settings: inout RuleSettings, rounds: inout RoundRules, roster: Roster) -> Bool {
        settings.meetWeight = value
        return true
    }
}


extension MeetingDays {
    package func settingRow(words: Words, header: (String) -> String) -> (label: String, value: String)? {
        (words("report.setting.meet"), displaySafe(column) + " " + (weight.map { words("report.weight", .number($0)) } ?? words("report.hard")))
    }
}

extension MeetingDays {
    /// Whether every group shares a day, or how many do not.
    package func directorFindings(_ report: RuleReport, in model: ScoreModel, naming: Naming) -> [DirectorFinding] {
        let words = naming.words, without = report.figure("groupsWithoutSharedDay")?.list.count ?? 0
        return [without == 0 ? DirectorFinding(tone: .good, text: words("director.meeting.kept"))
            : DirectorFinding(tone: report.broken > 0 ? .bad : .partial, text: words("director.meeting.some", .int(without), .int(model.groupCount)))]
    }
}
