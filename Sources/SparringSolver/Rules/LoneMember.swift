import SparringModel

/// No lone member: a group in which exactly one member holds a value of an attribute (the only man, the only
/// one from a field) loses `weight · 100 / groups` points per such cell, so that a lone member in every group
/// costs `weight · 100`.
package struct LoneMember: ScoreRule {
    package struct Term: Sendable {
        package let column: Int
        package let attribute: Int
        package let name: String
        package let weight: Double
        let penalty: Double
    }

    package let id = "lone-member"
    package let terms: [Term]
    /// Per slot, the penalty of a cell with exactly one member (0 where the rule does not apply).
    let penalty: UncheckedArray<Double>

    /// - Complexity: O(slots + attributes).
    init(roster: Roster, rules: [(rule: RuleSettings.AttributeRule, column: Int)], columns: [CellTable.Column], slotCount: Int, groups: Int) {
        var penalty = [Double](repeating: 0, count: slotCount)
        var terms: [Term] = []
        for (rule, c) in rules where rule.loneWeight != 0 {
            let p = rule.loneWeight * 100 / Double(groups)
            for s in columns[c].slots { penalty[s] = p }
            terms.append(Term(column: c, attribute: rule.attribute, name: roster.attributes[rule.attribute].key, weight: rule.loneWeight, penalty: p))
        }
        self.terms = terms
        self.penalty = UncheckedArray(penalty)
    }

    package var isActive: Bool { !terms.isEmpty }

    @inline(__always) static func isLone(_ c: Int) -> Double { c == 1 ? 1 : 0 }

    /// Change when one holder of `slot` leaves a cell of `from` members for one of `to` members. O(1).
    @inline(__always)
    static func moveChange(penalty: Double, from cg: Int, to ch: Int) -> Double {
        // isLone(cg − 1) − isLone(cg) + isLone(ch + 1) − isLone(ch), in integers (no branches).
        let change = (cg == 2 ? 1 : 0) &- (cg == 1 ? 1 : 0) &+ (ch == 0 ? 1 : 0) &- (ch == 1 ? 1 : 0)
        return -penalty * Double(change)
    }

    @inline(__always)
    func moveChange(slot: Int, from cg: Int, to ch: Int) -> Double { Self.moveChange(penalty: penalty[slot], from: cg, to: ch) }

    /// Per term, the (group, leader, slot) of every lone member, from scratch. O(n · columns).
    func loneMembers(_ placement: Placement, table: CellTable) -> [[(group: Int, leader: Int, slot: Int)]] {
        terms.map { term in
            var found: [(group: Int, leader: Int, slot: Int)] = []
            for (g, members) in placement.members.enumerated() {
                var holders: [Int: [Int]] = [:]
                for i in members where table.slot(i, column: term.column) >= 0 { holders[table.slot(i, column: term.column), default: []].append(i) }
                for slot in holders.keys.sorted() where holders[slot]!.count == 1 { found.append((g, holders[slot]![0], slot)) }
            }
            return found
        }
    }

    package func score(_ placement: Placement, in model: ScoreModel) -> Score {
        let lone = loneMembers(placement, table: model.cells)
        return Score(hard: 0, soft: zip(terms, lone).reduce(0) { $0 - $1.0.penalty * Double($1.1.count) })
    }

    package func moveDelta(_ i: Int, to h: Int, in state: SearchState) -> Score {
        state.model.cells.ruleMoveDelta(i, to: h, in: state, columns: terms.map(\.column)) { Score(hard: 0, soft: moveChange(slot: $0, from: $1, to: $2)) }
    }

    package func swapDelta(_ i: Int, _ j: Int, in state: SearchState) -> Score {
        state.model.cells.ruleSwapDelta(i, j, in: state, columns: terms.map(\.column)) { Score(hard: 0, soft: moveChange(slot: $0, from: $1, to: $2)) }
    }

    package func report(_ placement: Placement, in model: ScoreModel, naming: Naming) -> RuleReport {
        var report = RuleReport(id: id)
        let table = model.cells, words = naming.words
        for (term, lone) in zip(terms, loneMembers(placement, table: table)) {
            let groups = Set(lone.map(\.group)).count
            let measure = groups == 0 ? words("rule.loneMember.none") : words("rule.loneMember.groups", .int(groups))
            let points = -term.penalty * Double(lone.count)
            let name = attributeName(model.roster.attributes[term.attribute])
            report.lines.append(.init(title: words("rule.loneMember.title", name, .text(words.signed(term.weight))), measure: measure, points: points))
            let levels = table.columns[term.column].levels, first = table.columns[term.column].firstSlot
            var fields: [Figure.Field] = [.init("weight", .number(term.weight)), .init("groupsWithLoneMember", .int(groups)), .init("points", .number(points))]
            if naming.shows(term.name) {
                for member in lone {
                    report.notes.append(.init(member.group, words("rule.loneMember.note", .text(naming.name(member.leader)), name,
                                                                 .text(displaySafe(levels[member.slot - first])))))
                }
                fields.append(.init("loneMembers", .list(lone.map {
                    .object([.init("group", .group($0.group)), .init("leader", .leader($0.leader)), .init("value", .text(levels[$0.slot - first]))])
                })))
            }
            report.figures.append(.init(term.name, .object(fields)))
        }
        return report
    }
}

extension LoneMember: RuleDescriptor {
    package static let options = [
        RuleOption("lone", value: "ATTR=W", help: "Penalise a group with exactly one holder of a value of ATTR, weight 0…5 (default gender=5).", repeatable: true, keyed: true),
    ]

    package static func read(_ given: OptionValues, into settings: inout RuleSettings) throws(OptionError) {
        for (name, weight) in try given.weights("lone", range: 0...5, example: "gender=5") { settings.loneWeights[name] = weight }
    }

    package static func words(_ settings: RuleSettings) -> [String] {
        settings.loneWeights.keys.sorted().flatMap { ["--lone", "\($0)=\(formatNumber(settings.loneWeights[$0]!))"] }
    }

    package static let controlKinds = ["lone"]

    /// The lone-member rules in force, the gender one always, and any set (also to 0, so that it can be raised again).
    package static func controls(_ settings: RuleSettings, rounds: RoundRules, roster: Roster, words: Words) -> [RuleControl] {
        var lone = [Double](repeating: 0, count: roster.attributes.count)
        for rule in (try? settings.attributeRules(for: roster)) ?? [] { lone[rule.attribute] = rule.loneWeight }
        let set = Set(settings.loneWeights.keys.compactMap { roster.attributeIndex(named: $0) })
        return roster.attributes.enumerated().compactMap { i, attribute in
            guard attribute.kind != .numeric && (lone[i] != 0 || attribute.role == .gender || set.contains(i)) else { return nil }
            return RuleControl(key: "lone:" + attribute.key, label: words("workbench.control.lone", .text(displaySafe(attribute.header))), kind: "lone",
                               value: lone[i], range: 0...5)
        }
    }

    package static func apply(control key: String, value: Double?, to settings: inout RuleSettings, rounds: inout RoundRules, roster: Roster) -> Bool {
        guard let value else { return false }
        settings.loneWeights.setWeight(RuleControl.attribute(of: key), value, roster: roster)
        return true
    }
}

extension LoneMember {
    /// Per protected attribute the director may see: nobody alone with their value, or in how many groups someone is.
    /// A hidden column stays out of the director's part (the appendix has its rule in aggregate).
    package func directorFindings(_ report: RuleReport, in model: ScoreModel, naming: Naming) -> [DirectorFinding] {
        let words = naming.words, m = model.groupCount
        return terms.compactMap { term in
            let attribute = model.roster.attributes[term.attribute]
            guard naming.shows(attribute.key), let groups = report.figure(term.name)?.field("groupsWithLoneMember")?.int else { return nil }
            let isGender = attribute.role == .gender
            if groups == 0 {
                return DirectorFinding(tone: .good, text: isGender ? words("director.lone.gender.none") : words("director.lone.none", .text(displaySafe(attribute.header))))
            }
            return DirectorFinding(tone: .partial, text: isGender ? words("director.lone.gender.some", .int(groups), .int(m))
                : words("director.lone.some", .int(groups), .int(m), .text(displaySafe(attribute.header))))
        }
    }
}
