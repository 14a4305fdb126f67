import SparringModel

/// At least N members of every group hold a value or reach a threshold (`--at-least seniority>=10`: one
/// experienced leader in every group; `--at-least gender=woman:2`). Soft: each missing member in a group
/// costs `W · 2000 / groups` points (`--at-least-weight W`, default 5), so one missing in every group costs
/// `20 · W · 100`: twice the pure-groups rule and above any attribute rule, because a consultant who asks for
/// "one in every group" means it wherever the holders suffice, even where a pure group must give way
/// (lower the weight to let the typology win).
package struct AtLeast: ScoreRule {
    package struct Term: Sendable {
        package let setting: AtLeastSetting
        /// The derived yes/no column (one slot).
        package let column: Int
        /// In words, e.g. "seniority ≥ 10" or "gender woman".
        package let label: Message
        /// Leaders who qualify.
        package let holders: Int
    }

    /// The rule's id (reports, JSON) and its option's spelling.
    package static let ruleID = "at-least"
    package let id = AtLeast.ruleID
    package let terms: [Term]
    /// Per slot, the members every group should have (0: no rule).
    let need: UncheckedArray<Int32>
    /// Per slot, the points lost per missing member.
    let pointsPerMissing: UncheckedArray<Double>
    package let weight: Double

    /// Who qualifies under `setting`: the attribute, one flag per leader, and the condition in words.
    /// The label names the attribute in the text's language (``attributeName(_:)``) and shows the value display-safe.
    /// - Throws: ``DiagnosticError`` for unknown attributes or values, thresholds on labels, or nobody qualifying.
    static func holders(_ setting: AtLeastSetting, roster: Roster) throws(DiagnosticError) -> (rule: AtLeastSetting, attribute: Int, holders: [Bool], label: Message) {
        guard let a = roster.attributeIndex(named: setting.attribute) else {
            throw DiagnosticError(unknownAttribute(option: AtLeast.ruleID, text: setting.text, name: setting.attribute, roster: roster))
        }
        let attribute = roster.attributes[a], option = Message.Argument.text(displaySafe(setting.text))
        let holders: [Bool], label: Message
        switch (setting.condition, attribute.kind) {
        case (.atLeast(let x), .numeric), (.atLeast(let x), .ordinal):
            holders = attribute.values.map { !$0.isNaN && $0 >= x }
            label = Message("rule.atLeast.threshold", attributeName(attribute), .number(x))
        case (.atLeast, .categorical):
            let example: Message.Argument = attribute.levels.first.map { .text(displaySafe($0)) } ?? .message(Message("rule.atLeast.someValue"))
            throw DiagnosticError(.error(nil, Message("rule.atLeast.labels", option, attributeName(attribute)),
                                         hint: Message("rule.atLeast.labels.hint", .text(displaySafe(setting.attribute)), example)))
        case (.equals(let text), .numeric):
            guard let x = parseLooseNumber(text) else {
                throw DiagnosticError(.error(nil, Message("rule.atLeast.notNumber", option, attributeName(attribute), .quoted(displaySafe(text))),
                                             hint: Message("rule.atLeast.notNumber.hint", .text(displaySafe(setting.attribute)))))
            }
            holders = attribute.values.map { $0 == x }
            label = Message("rule.atLeast.number", attributeName(attribute), .number(x))
        case (.equals(let text), _):
            guard let v = attribute.levels.firstIndex(where: { normalizedHeader($0) == normalizedHeader(text) }) else {
                let shown = attribute.levels.prefix(8).map { Message.Argument.quoted(displaySafe($0)) } + (attribute.levels.count > 8 ? [.text("…")] : [])
                throw DiagnosticError(.error(nil, Message("rule.atLeast.noValue", option, attributeName(attribute), .quoted(displaySafe(text))),
                                             hint: Message("rule.atLeast.noValue.hint", .commaSeparated(shown))))
            }
            holders = attribute.codes.map { $0 == Int32(v) }
            label = Message("rule.atLeast.value", attributeName(attribute), .text(displaySafe(attribute.levels[v])))
        }
        if !holders.contains(true) {
            throw DiagnosticError(.error(nil, Message("rule.atLeast.nobody", option, .message(label)), hint: Message("rule.atLeast.nobody.hint")))
        }
        return (setting, a, holders, label)
    }

    init(settings: [AtLeastSetting], columns: [Int], cells: [CellTable.Column], labels: [Message], holders: [Int], slotCount: Int,
         groups: Int, weight: Double) {
        var need = [Int32](repeating: 0, count: slotCount), points = [Double](repeating: 0, count: slotCount)
        var terms: [Term] = []
        for (k, setting) in settings.enumerated() {
            let slot = cells[columns[k]].firstSlot
            need[slot] = Int32(setting.count)
            points[slot] = weight * 2000 / Double(groups)
            terms.append(Term(setting: setting, column: columns[k], label: labels[k], holders: holders[k]))
        }
        self.terms = weight == 0 ? [] : terms
        self.need = UncheckedArray(weight == 0 ? need.map { _ in 0 } : need)
        pointsPerMissing = UncheckedArray(points)
        self.weight = weight
    }

    package var isActive: Bool { !terms.isEmpty }

    @inline(__always) private static func missing(_ c: Int, _ need: Int) -> Int { max(0, need &- c) }

    /// Change when one holder leaves a cell of `from` members for one of `to` members, `need` wanted per
    /// group at `points` per missing member. O(1).
    @inline(__always)
    static func moveChange(need: Int, points: Double, from cg: Int, to ch: Int) -> Double {
        let change = missing(cg &- 1, need) - missing(cg, need) + missing(ch &+ 1, need) - missing(ch, need)
        return -points * Double(change)
    }

    @inline(__always)
    func moveChange(slot: Int, from cg: Int, to ch: Int) -> Double {
        Self.moveChange(need: Int(need[slot]), points: pointsPerMissing[slot], from: cg, to: ch)
    }

    /// Per term, per group, the qualifying members, from scratch. O(n · terms).
    func holdersByGroup(_ placement: Placement, table: CellTable) -> [[[Int]]] {
        terms.map { term in placement.members.map { $0.filter { table.slot($0, column: term.column) >= 0 } } }
    }

    package func score(_ placement: Placement, in model: ScoreModel) -> Score {
        var soft = 0.0
        for (term, groups) in zip(terms, holdersByGroup(placement, table: model.cells)) {
            let slot = model.cells.columns[term.column].firstSlot
            for holders in groups { soft -= pointsPerMissing[slot] * Double(max(0, term.setting.count - holders.count)) }
        }
        return Score(hard: 0, soft: soft)
    }

    package func moveDelta(_ i: Int, to h: Int, in state: SearchState) -> Score {
        state.model.cells.ruleMoveDelta(i, to: h, in: state, columns: terms.map(\.column)) { Score(hard: 0, soft: moveChange(slot: $0, from: $1, to: $2)) }
    }

    package func swapDelta(_ i: Int, _ j: Int, in state: SearchState) -> Score {
        state.model.cells.ruleSwapDelta(i, j, in: state, columns: terms.map(\.column)) { Score(hard: 0, soft: moveChange(slot: $0, from: $1, to: $2)) }
    }

    package func report(_ placement: Placement, in model: ScoreModel, naming: Naming) -> RuleReport {
        var report = RuleReport(id: id)
        let words = naming.words
        var figures: [Figure] = []
        for (term, groups) in zip(terms, holdersByGroup(placement, table: model.cells)) {
            let slot = model.cells.columns[term.column].firstSlot
            let short = groups.indices.filter { groups[$0].count < term.setting.count }
            let missing = short.reduce(0) { $0 + term.setting.count - groups[$1].count }
            let points = -pointsPerMissing[slot] * Double(missing)
            let label = Message.Argument.message(term.label)
            let possible = term.holders / term.setting.count
            let measure = short.isEmpty ? words("rule.atLeast.metEverywhere", .int(groups.count))
                : possible < groups.count ? words("rule.atLeast.metTooFew", .int(groups.count - short.count), .int(groups.count), .int(term.holders), .int(possible))
                : words("rule.atLeast.met", .int(groups.count - short.count), .int(groups.count))
            report.lines.append(.init(title: words("rule.atLeast.title", .int(term.setting.count), label, .text(words.signed(weight))),
                                      measure: measure, points: points))
            let shown = naming.shows(model.roster.attributes[model.cells.columns[term.column].attribute].key)
            // A hidden attribute appears in aggregate only: the rules line, no per-group notes.
            for (g, holders) in groups.enumerated() where shown {
                if holders.count < term.setting.count {
                    report.notes.append(.init(g, holders.isEmpty ? words("rule.atLeast.nobodyInGroup", label)
                                              : words("rule.atLeast.tooFewInGroup", .int(holders.count), label, .int(term.setting.count))))
                } else {
                    report.notes.append(.init(g, words("rule.atLeast.holders", label, .list(holders.map { .text(naming.name($0)) }))))
                }
            }
            var fields: [Figure.Field] = [.init("rule", .text(term.setting.text)), .init("holders", .int(term.holders))]
            if shown { fields.append(.init("groupsShort", .list(short.map { .group($0) }))) }
            fields += [.init("groupsShortCount", .int(short.count)), .init("membersMissing", .int(missing)), .init("points", .number(points))]
            figures.append(.object(fields))
        }
        report.figures = [.init("weight", .number(weight)), .init("rules", .list(figures))]
        return report
    }

    /// A count no group can hold (an error), and too few holders to meet the rule everywhere (a warning:
    /// fewer than `N × groups`). O(n · terms).
    package static func setupProblems(roster: Roster, settings: RuleSettings, groups: Int, naming: Naming) -> [Diagnostic] {
        guard settings.atLeastWeight != 0 else { return [] }
        return settings.atLeast.compactMap { setting in
            guard let found = try? holders(setting, roster: roster) else { return nil }
            let option = Message.Argument.text(displaySafe(setting.text))
            if setting.count > settings.sizing.maxSize {
                return .error(nil, Message("rule.atLeast.tooManyPerGroup", option, .int(setting.count), .int(settings.sizing.maxSize)),
                              hint: Message("rule.atLeast.tooManyPerGroup.hint", .int(settings.sizing.maxSize)))
            }
            let count = found.holders.filter { $0 }.count
            guard count < setting.count * groups else { return nil }
            let enough = count / setting.count
            return .warning(nil, 0, 0, Message("rule.atLeast.tooFew", option, .int(count), .message(found.label), .int(enough), .int(groups), .int(setting.count)),
                            hint: Message("rule.atLeast.tooFew.hint"))
        }
    }
}

extension AtLeast: RuleDescriptor {
    package static let options = [
        RuleOption("at-least", value: "ATTR=VALUE[:N]", help: "Every group should have at least N (default 1) such members; or ATTR>=X[:N] for numbers, e.g. anciennitet>=10 (soft).", repeatable: true),
        RuleOption("at-least-weight", value: "W", help: "Points per missing member for --at-least, 0…5 (default 5)."),
    ]

    package static func read(_ given: OptionValues, into settings: inout RuleSettings) throws(OptionError) {
        settings.atLeast += try given.each("at-least", AtLeastSetting.parse) { text in
            OptionError(Message("usage.atLeast", .text(text), .text("\(AtLeastSetting.maximumCount)")), hint: Message("usage.atLeast.hint"))
        }
        settings.atLeastWeight = try given.number("at-least-weight", range: 0...5) ?? settings.atLeastWeight
        try given.requires("at-least-weight", "at-least", given: !settings.atLeast.isEmpty, example: "--at-least anciennitet>=10 --at-least-weight 3")
    }

    package static func words(_ settings: RuleSettings) -> [String] {
        guard !settings.atLeast.isEmpty else { return [] }
        return settings.atLeast.flatMap { ["--at-least", $0.text] } + ["--at-least-weight", formatNumber(settings.atLeastWeight)]
    }

    package static let controlKinds = ["atLeast"]

    /// One weight for every rule of at least N, when any is set.
    package static func controls(_ settings: RuleSettings, rounds: RoundRules, roster: Roster, words: Words) -> [RuleControl] {
        guard !settings.atLeast.isEmpty else { return [] }
        return [RuleControl(key: "atLeast", label: words("workbench.control.atLeast", .text(displaySafe(settings.atLeast.map(\.text).joined(separator: ", ")))),
                            kind: "atLeast", value: settings.atLeastWeight, range: 0...5)]
    }

    package static func apply(control key: String, value: Double?, to settings: inout RuleSettings, rounds: inout RoundRules, roster: Roster) -> Bool {
        guard let value else { return false }
        settings.atLeastWeight = value
        return true
    }
}


extension AtLeast {
    package func settingRow(words: Words, header: (String) -> String) -> (label: String, value: String)? {
        (words("report.setting.atLeast"), terms.map { $0.setting.text }.joined(separator: ", ") + " " + words("report.weight", .number(weight)))
    }
}

extension AtLeast {
    /// Per rule, in how many groups it is met.
    package func directorFindings(_ report: RuleReport, in model: ScoreModel, naming: Naming) -> [DirectorFinding] {
        let words = naming.words, m = model.groupCount
        return zip(terms, report.figure("rules")?.list ?? []).map { term, figure in
            let short = figure.field("groupsShortCount")?.int ?? 0
            return DirectorFinding(tone: short == 0 ? .good : .partial, text: words("director.atLeast", .int(term.setting.count), .message(term.label), .int(m - short), .int(m)))
        }
    }
}
