import SparringModel

/// At most N members of a group share a value of an attribute (`--at-most unit=2`: at most two from the same
/// unit). Hard by default: each member beyond N is one broken rule. With `--at-most-weight W` it is soft:
/// each member beyond N costs `W · 100 / groups` points.
package struct AtMost: ScoreRule {
    package struct Term: Sendable {
        package let setting: AtMostSetting
        package let column: Int
        package let name: String
    }

    /// The rule's id (reports, JSON) and its option's spelling.
    package static let ruleID = "at-most"
    package let id = AtMost.ruleID
    package let terms: [Term]
    /// Per slot, the largest number of members that may share it (0: no limit).
    let cap: UncheckedArray<Int32>
    /// nil: hard; otherwise the soft weight.
    package let weight: Double?
    /// Soft points lost per member beyond the limit (0 when hard).
    let pointsPerMember: Double

    /// Resolves each setting's attribute to a cell column, adding columns as needed.
    /// - Throws: ``DiagnosticError`` for unknown or numeric attributes.
    static func columns(settings: RuleSettings, roster: Roster, column: (Int) -> Int) throws(DiagnosticError) -> [(AtMostSetting, Int)] {
        var found: [(AtMostSetting, Int)] = [], problems: [Diagnostic] = []
        for setting in settings.atMost {
            guard let a = roster.attributeIndex(named: setting.attribute) else {
                problems.append(unknownAttribute(option: AtMost.ruleID, text: setting.text, name: setting.attribute, roster: roster))
                continue
            }
            guard roster.attributes[a].kind != .numeric else {
                problems.append(.error(nil, Message("rule.atMost.numeric", .text(displaySafe(setting.text)), attributeName(roster.attributes[a])),
                                       hint: Message("rule.atMost.numeric.hint")))
                continue
            }
            found.append((setting, column(a)))
        }
        if !problems.isEmpty { throw DiagnosticError(problems) }
        return found
    }

    init(settings: RuleSettings, roster: Roster, columns: [(AtMostSetting, Int)], cells: [CellTable.Column], slotCount: Int, groups: Int) {
        var cap = [Int32](repeating: 0, count: slotCount)
        for (setting, c) in columns {
            for s in cells[c].slots { cap[s] = cap[s] == 0 ? Int32(setting.count) : min(cap[s], Int32(setting.count)) }
        }
        self.cap = UncheckedArray(cap)
        terms = columns.map { Term(setting: $0.0, column: $0.1, name: roster.attributes[roster.attributeIndex(named: $0.0.attribute)!].key) }
        weight = settings.atMostWeight
        pointsPerMember = (settings.atMostWeight ?? 0) * 100 / Double(groups)
    }

    package var isActive: Bool { !terms.isEmpty }

    @inline(__always) private static func excess(_ c: Int, _ cap: Int) -> Int { max(0, c &- cap) }

    /// Change in members beyond the limit `cap` when one holder of the value leaves a cell of `from` members
    /// for one of `to`. O(1).
    @inline(__always)
    static func excessChange(cap: Int, from cg: Int, to ch: Int) -> Int {
        excess(cg &- 1, cap) &- excess(cg, cap) &+ excess(ch &+ 1, cap) &- excess(ch, cap)
    }

    /// Change when one holder of `slot` leaves a cell of `from` members for one of `to`:
    /// ``excessChange(cap:from:to:)`` broken rules, or as soft points. O(1).
    func moveChange(slot: Int, from cg: Int, to ch: Int) -> Score {
        let change = Self.excessChange(cap: Int(cap[slot]), from: cg, to: ch)
        return weight == nil ? Score(hard: change, soft: 0) : Score(hard: 0, soft: -pointsPerMember * Double(change))
    }

    /// Every (group, slot) over its limit with its members, from scratch. O(n · columns).
    func overfull(_ placement: Placement, table: CellTable) -> [(group: Int, slot: Int, members: [Int])] {
        var found: [(group: Int, slot: Int, members: [Int])] = []
        let columns = Set(terms.map(\.column)).sorted()
        for (g, members) in placement.members.enumerated() {
            for c in columns {
                var holders: [Int: [Int]] = [:]
                for i in members where table.slot(i, column: c) >= 0 { holders[table.slot(i, column: c), default: []].append(i) }
                for slot in holders.keys.sorted() where holders[slot]!.count > Int(cap[slot]) { found.append((g, slot, holders[slot]!)) }
            }
        }
        return found
    }

    package func score(_ placement: Placement, in model: ScoreModel) -> Score {
        let beyond = overfull(placement, table: model.cells).reduce(0) { $0 + $1.members.count - Int(cap[$1.slot]) }
        return weight == nil ? Score(hard: beyond, soft: 0) : Score(hard: 0, soft: -pointsPerMember * Double(beyond))
    }

    package func moveDelta(_ i: Int, to h: Int, in state: SearchState) -> Score {
        state.model.cells.ruleMoveDelta(i, to: h, in: state, columns: terms.map(\.column)) { cap[$0] == 0 ? .zero : moveChange(slot: $0, from: $1, to: $2) }
    }

    package func swapDelta(_ i: Int, _ j: Int, in state: SearchState) -> Score {
        state.model.cells.ruleSwapDelta(i, j, in: state, columns: terms.map(\.column)) { cap[$0] == 0 ? .zero : moveChange(slot: $0, from: $1, to: $2) }
    }

    package func report(_ placement: Placement, in model: ScoreModel, naming: Naming) -> RuleReport {
        var report = RuleReport(id: id)
        let table = model.cells, words = naming.words
        let over = overfull(placement, table: table)
        let beyond = over.reduce(0) { $0 + $1.members.count - Int(cap[$1.slot]) }
        let points = weight == nil ? 0 : -pointsPerMember * Double(beyond)
        let limits = terms.map { term in
            Message.Argument.message(Message("rule.atMost.limit", attributeName(model.roster.attributes[table.columns[term.column].attribute]), .int(term.setting.count)))
        }
        let groups = Set(over.map(\.group)).count
        report.lines.append(.init(title: words("rule.atMost.title", .commaSeparated(limits), .text(words.weighting(weight))),
                                  measure: groups == 0 ? words("rule.atMost.kept") : words("rule.atMost.over", .int(groups), .int(beyond)),
                                  points: points))
        if weight == nil { report.broken = beyond }
        for cell in over {
            let c = table.column(ofSlot: cell.slot), attribute = model.roster.attributes[table.columns[c].attribute]
            // A hidden attribute appears in aggregate only: who shares which value is not said.
            let text = naming.shows(attribute.key)
                ? words("rule.atMost.shared", .int(cell.members.count), attributeName(attribute),
                        .text(displaySafe(table.columns[c].levels[cell.slot - table.columns[c].firstSlot])),
                        .list(cell.members.map { .text(naming.person($0)) }), .int(Int(cap[cell.slot])))
                : words("rule.atMost.sharedHidden", .int(cell.members.count), attributeName(attribute), .int(Int(cap[cell.slot])))
            if weight == nil { report.problems.append(.init(cell.group, text)) } else { report.notes.append(.init(cell.group, text)) }
        }
        report.figures = [
            .init("limits", .list(terms.map { .object([.init("attribute", .text($0.name)), .init("atMost", .int($0.setting.count))]) })),
            .init("hard", .int(weight == nil ? 1 : 0)), .init("weight", weight.map { .number($0) } ?? .text("hard")),
            .init("membersOverLimit", .int(beyond)),
            .init("groupsOverLimit", .list(Set(over.map(\.group)).sorted().map { .group($0) })),
            .init("points", .number(points)),
        ]
        return report
    }

    /// Limits no grouping can keep: a value held by more leaders than `groups × N` (hard), each with what
    /// to relax. O(n).
    package static func setupProblems(roster: Roster, settings: RuleSettings, groups: Int, naming: Naming) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for setting in settings.atMost {
            guard let a = roster.attributeIndex(named: setting.attribute), roster.attributes[a].kind != .numeric else { continue }
            let attribute = roster.attributes[a]
            for (v, holders) in attribute.levelCounts.enumerated() where holders > groups * setting.count {
                let value = naming.shows(attribute.key)
                    ? Message("rule.atMost.value", attributeName(attribute), .quoted(displaySafe(attribute.levels[v])))
                    : Message("rule.atMost.valueHidden", attributeName(attribute))
                let message = Message("rule.atMost.tooMany", .text(displaySafe(setting.text)), .int(holders), .message(value), .int(groups),
                                      .int(groups * setting.count))
                let hint = Message("rule.atMost.tooMany.hint", .text(displaySafe(setting.attribute)), .int((holders + groups - 1) / groups))
                found.append(settings.atMostWeight == nil ? .error(nil, message, hint: hint) : .warning(nil, 0, 0, message, hint: hint))
            }
        }
        return found
    }
}

/// The error for a rule option naming an attribute the roster does not have.
/// The hint names the roster's columns by their headers, as the consultant typed them.
func unknownAttribute(option: String, text: String, name: String, roster: Roster) -> Diagnostic {
    let known = roster.attributes.map { Message.Argument.text(displaySafe($0.header)) }
    return .error(nil, Message("rule.common.noColumn", .text(option), .text(displaySafe(text)), .quoted(displaySafe(name))),
                  hint: known.isEmpty ? Message("rule.common.noColumns") : Message("rule.common.useOneOf", .commaSeparated(known)))
}

extension AtMost: RuleDescriptor {
    package static let options = [
        RuleOption("at-most", value: "ATTR=N", help: "At most N members of a group share a value of ATTR, e.g. enhed=2 (hard unless --at-most-weight).", repeatable: true),
        RuleOption("at-most-weight", value: "W", help: "Make --at-most soft with this weight 0…5 (default: hard)."),
    ]

    package static func read(_ given: OptionValues, into settings: inout RuleSettings) throws(OptionError) {
        settings.atMost += try given.each("at-most", AtMostSetting.parse) { text in
            OptionError(Message("usage.atMost", .text(text), .text("\(AtLeastSetting.maximumCount)")), hint: Message("usage.example", .text("--at-most enhed=2")))
        }
        settings.atMostWeight = try given.number("at-most-weight", range: 0...5)
        try given.requires("at-most-weight", "at-most", given: !settings.atMost.isEmpty, example: "--at-most enhed=2 --at-most-weight 3")
    }

    package static func words(_ settings: RuleSettings) -> [String] {
        settings.atMost.flatMap { ["--at-most", $0.text] } + (settings.atMostWeight.map { ["--at-most-weight", formatNumber($0)] } ?? [])
    }

    package static let controlKinds = ["atMost"]

    /// One weight for every rule of at most N, when any is set; none: hard.
    package static func controls(_ settings: RuleSettings, rounds: RoundRules, roster: Roster, words: Words) -> [RuleControl] {
        guard !settings.atMost.isEmpty else { return [] }
        return [RuleControl(key: "atMost", label: words("workbench.control.atMost", .text(displaySafe(settings.atMost.map(\.text).joined(separator: ", ")))),
                            kind: "atMost", value: settings.atMostWeight, range: 0...5, mayBeHard: true)]
    }

    package static func apply(control key: String, value: Double?, to settings: inout RuleSettings, rounds: inout RoundRules, roster: Roster) -> Bool {
        settings.atMostWeight = value
        return true
    }
}


extension AtMost {
    package func settingRow(words: Words, header: (String) -> String) -> (label: String, value: String)? {
        (words("report.setting.atMost"), terms.map { $0.setting.text }.joined(separator: ", ") + " "
            + (weight.map { words("report.weight", .number($0)) } ?? words("report.hard")))
    }
}

extension AtMost {
    /// Per rule, whether every group keeps it, or how many do not.
    package func directorFindings(_ report: RuleReport, in model: ScoreModel, naming: Naming) -> [DirectorFinding] {
        let words = naming.words, over = report.figure("groupsOverLimit")?.list.count ?? 0
        return terms.map { term in
            let header = displaySafe(model.roster.attributes[model.cells.columns[term.column].attribute].header)
            return DirectorFinding(tone: over == 0 ? .good : (report.broken > 0 ? .bad : .partial),
                                   text: over == 0 ? words("director.atMost.kept", .int(term.setting.count), .text(header))
                                                   : words("director.atMost.broken", .int(over), .int(term.setting.count), .text(header)))
        }
    }
}
