import SparringModel

/// Spread a value's holders evenly (`--spread ATTR[=W]`): the leaders who share a value of ATTR (a unit, a
/// district, a field) are spread over the groups as evenly as their numbers allow. A value held by `k` leaders
/// has a fair share of ⌈k / groups⌉ per group; every member beyond it loses `weight · 100 / groups` points (one
/// member too many in every group costs `weight · 100`). With fewer holders than groups the fair share is one:
/// no two members of a group share the value.
///
/// Unlike a weight on ATTR (same-value pairs against chance, growing with the square of a cell), the spread is
/// zero once every value is as evenly spread as possible, and it asks nothing more; unlike `--at-most ATTR=N`
/// it needs no N, which differs between a unit of 3 leaders and one of 40.
///
/// It joins the search as a curve of values by member count (``CellCurveRule``): no code of the search knows it.
package struct Spread: CellCurveRule {
    /// The rule's settings (``RuleValues``, key ``ruleID``): a weight per attribute, by the name given.
    package struct Setting: RuleValue, Equatable {
        package var weights: [String: Double] = [:]
        package init(weights: [String: Double] = [:]) { self.weights = weights }
    }

    /// One attribute spread.
    package struct Term: Sendable {
        package let attribute: Int
        /// The attribute's key (`unit`), as reports name settings.
        package let name: String
        package let weight: Double
        /// Points lost per member beyond a fair share.
        let points: Double
        /// Per value, its fair share of members per group.
        let share: [Int]
    }

    package static let ruleID = "spread"
    package let id = Spread.ruleID
    package let terms: [Term]
    package var attributes: [Int] { terms.map(\.attribute) }

    /// - Throws: ``DiagnosticError`` for an attribute the roster lacks or one that holds numbers.
    /// - Complexity: O(n · terms).
    init(roster: Roster, setting: Setting, groups: Int) throws(DiagnosticError) {
        var weight: [Int: Double] = [:]
        var problems: [Diagnostic] = []
        for name in setting.weights.keys.sorted() {
            guard let a = roster.attributeIndex(named: name) else {
                let known = roster.attributes.map { displaySafe($0.header) }.joined(separator: ", ")
                problems.append(.error(nil, Message("settings.unknownAttribute", .text("spread"), .text(displaySafe(name))),
                                       hint: known.isEmpty ? Message("settings.noAttributes") : Message("settings.useOneOf", .text(known))))
                continue
            }
            guard roster.attributes[a].kind != .numeric else {
                problems.append(.error(nil, Message("rule.spread.numeric", .text(displaySafe(name))), hint: Message("rule.spread.numeric.hint", .text(displaySafe(name)))))
                continue
            }
            weight[a] = setting.weights[name]!
        }
        if !problems.isEmpty { throw DiagnosticError(problems) }
        let m = max(1, groups)
        terms = weight.keys.sorted().filter { weight[$0]! > 0 }.map { a in
            var holders = [Int](repeating: 0, count: roster.attributes[a].levels.count)
            for code in roster.attributes[a].codes where code >= 0 { holders[Int(code)] += 1 }
            return Term(attribute: a, name: roster.attributes[a].key, weight: weight[a]!, points: weight[a]! * 100 / Double(m), share: holders.map { ($0 + m - 1) / m })
        }
    }

    /// Members beyond the fair share in a cell of `count` holders of a value whose share is `share`. O(1).
    @inline(__always) static func extra(count: Int, share: Int) -> Int { max(0, count - share) }

    package func cellValue(term: Int, level: Int, count: Int) -> Score {
        let t = terms[term]
        return Score(hard: 0, soft: -t.points * Double(Self.extra(count: count, share: t.share[level])))
    }

    package func report(_ placement: Placement, in model: ScoreModel, naming: Naming) -> RuleReport {
        var report = RuleReport(id: id)
        let words = naming.words
        for (term, groups) in zip(terms, cellCounts(placement, in: model)) {
            let attribute = model.roster.attributes[term.attribute], name = attributeName(attribute)
            var over: [(group: Int, level: Int, count: Int)] = []
            for (g, counts) in groups.enumerated() {
                for (level, count) in counts.sorted(by: { $0.key < $1.key }) where count > term.share[level] { over.append((g, level, count)) }
            }
            let extra = over.reduce(0) { $0 + Self.extra(count: $1.count, share: term.share[$1.level]) }
            let groupsOver = Set(over.map(\.group)).count
            let points = -term.points * Double(extra)
            let measure = extra == 0 ? words("rule.spread.even") : words("rule.spread.over", .int(extra), .int(groupsOver))
            report.lines.append(.init(title: words("rule.spread.title", name, .text(words.number(term.weight))), measure: measure, points: points))
            var fields: [Figure.Field] = [.init("weight", .number(term.weight)), .init("membersBeyondShare", .int(extra)),
                                          .init("groupsBeyondShare", .int(groupsOver)), .init("points", .number(points))]
            if naming.shows(attribute.key) {
                for cell in over {
                    report.notes.append(.init(cell.group, words("rule.spread.note", .int(cell.count), name, .text(displaySafe(attribute.levels[cell.level])),
                                                                .int(term.share[cell.level]))))
                }
                fields.append(.init("cells", .list(over.map {
                    .object([.init("group", .group($0.group)), .init("value", .text(attribute.levels[$0.level])), .init("members", .int($0.count)),
                             .init("fairShare", .int(term.share[$0.level]))])
                })))
            }
            report.figures.append(.init(attribute.key, .object(fields)))
        }
        return report
    }

    package func settingRow(words: Words, header: (String) -> String) -> (label: String, value: String)? {
        (words("report.setting.spread"), terms.map { "\(header($0.name)) \(words.number($0.weight))" }.joined(separator: ", "))
    }

    package func settingFields(in model: ScoreModel) -> [Figure.Field] {
        [.init("spread", .list(terms.map {
            .object([.init("attribute", .text($0.name)), .init("weight", .number($0.weight))])
        }))]
    }

    /// Per attribute the director may see: every value spread evenly, or in how many groups it is not.
    package func directorFindings(_ report: RuleReport, in model: ScoreModel, naming: Naming) -> [DirectorFinding] {
        let words = naming.words
        return terms.compactMap { term in
            let attribute = model.roster.attributes[term.attribute]
            guard naming.shows(attribute.key), let groups = report.figure(attribute.key)?.field("groupsBeyondShare")?.int else { return nil }
            let header = attributeName(attribute)
            return groups == 0 ? DirectorFinding(tone: .good, text: words("director.spread.even", header))
                : DirectorFinding(tone: .partial, text: words("director.spread.some", header, .int(groups), .int(model.groupCount)))
        }
    }
}

extension Spread: RuleDescriptor {
    package static let options = [
        RuleOption("spread", value: "ATTR[=W]",
                   help: "Spread the leaders who share a value of ATTR (unit, district) evenly over the groups, weight 0…5 (default 2).", repeatable: true,
                   keyed: true),
    ]

    package static func read(_ given: OptionValues, into settings: inout RuleSettings) throws(OptionError) {
        let values = given.all("spread")
        guard !values.isEmpty else { return }
        var setting = settings.byRule[ruleID, as: Setting.self] ?? Setting()
        for text in values {
            let parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map { String($0).trimmingSpaces() }
            let weight = parts.count == 2 ? parseLooseNumber(parts[1]) : 2
            guard !parts[0].isEmpty, let weight, (0...5).contains(weight) else {
                throw OptionError(Message("usage.weightPair", .text("spread"), .text(text), .text("0"), .text("5")),
                                  hint: Message("usage.example", .text("--spread unit=3")))
            }
            setting.weights[parts[0]] = weight
        }
        settings.byRule[ruleID, as: Setting.self] = setting
    }

    package static func words(_ settings: RuleSettings) -> [String] {
        guard let weights = settings.byRule[ruleID, as: Setting.self]?.weights else { return [] }
        return weights.keys.sorted().flatMap { ["--spread", "\($0)=\(formatNumber(weights[$0]!))"] }
    }

    package static func cellCurveRule(roster: Roster, settings: RuleSettings, groups: Int) throws(DiagnosticError) -> (any CellCurveRule)? {
        guard let setting = settings.byRule[ruleID, as: Setting.self] else { return nil }
        let rule = try Spread(roster: roster, setting: setting, groups: groups)
        return rule.terms.isEmpty ? nil : rule
    }
    package static let controlKinds = ["spread"]

    /// One weight per attribute spread (also at 0, so that it can be raised again).
    package static func controls(_ settings: RuleSettings, rounds: RoundRules, roster: Roster, words: Words) -> [RuleControl] {
        guard let weights = settings.byRule[ruleID, as: Setting.self]?.weights else { return [] }
        return weights.keys.sorted().map { name in
            let header = roster.attributeIndex(named: name).map { roster.attributes[$0].header } ?? name
            return RuleControl(key: "\(ruleID):\(name)", label: words("workbench.control.spread", .text(displaySafe(header))), kind: ruleID,
                               value: weights[name], range: 0...5)
        }
    }

    package static func apply(control key: String, value: Double?, to settings: inout RuleSettings, rounds: inout RoundRules, roster: Roster) -> Bool {
        guard let value else { return false }
        var setting = settings.byRule[ruleID, as: Setting.self] ?? Setting()
        setting.weights[RuleControl.attribute(of: key)] = value
        settings.byRule[ruleID, as: Setting.self] = setting
        return true
    }
}
