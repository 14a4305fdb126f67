import SparringModel
import SparringSolver

/// Every weight of the score as a control the page shows as a slider: its key, label, value in force and
/// range. The keys are those of the API (`weight:ATTR`, `lone:ATTR`, `wishes`, `pure`, `atLeast`, `atMost`,
/// `meet`, `balance:ATTR`, `history`, `stability`, `together`, and a registered rule's own, such as `spread:ATTR`);
/// a nil value means the rule is hard.
public struct Control: Sendable, Equatable {
    public let key: String
    public let label: String
    public let kind: ControlKind
    public let value: Double?
    public let range: ClosedRange<Double>
    /// The page's section for it (`page.kind.<section>` texts): the kind's raw value, or the owning rule's.
    public let section: String
    /// Whether a nil value (the rule is hard) is accepted.
    public let mayBeHard: Bool

    init(key: String, label: String, kind: ControlKind, value: Double?, range: ClosedRange<Double>) {
        self.key = key
        self.label = label
        self.kind = kind
        self.value = value
        self.range = range
        section = kind.rawValue
        mayBeHard = kind.mayBeHard
    }

    /// A control a registered rule owns (``RuleDescriptor/controls(_:roster:words:)``).
    init(_ owned: RuleControl) {
        key = owned.key
        label = owned.label
        kind = .rule
        value = owned.value
        range = owned.range
        section = owned.kind
        mayBeHard = owned.mayBeHard
    }
}

/// What a control sets: one kind per weight of the built-in rules, and `rule` for a control a registered rule
/// owns (it lists and applies its own). The raw value is the API's and the page's name for the built-in ones
/// (their section and texts, `page.kind.<raw value>`).
public enum ControlKind: String, Sendable, CaseIterable {
    case weight, lone, wishes, pure, atLeast, atMost, meet, balance, history, stability, together, rule

    /// Whether the rule may be hard: a nil value makes it hard again (an owned control says so itself).
    var mayBeHard: Bool {
        switch self {
        case .atMost, .meet, .together: true
        case .weight, .lone, .wishes, .pure, .atLeast, .balance, .history, .stability, .rule: false
        }
    }
}

enum Controls {
    /// The controls for `rules` on `roster`: one weight per attribute (−5…+5, the typology's default unless
    /// set), the lone-member rules in force (and always the gender one), wishes when the roster has any,
    /// pure groups, and the composition and round rules the command line switched on.
    /// - Complexity: O(attributes + rules).
    static func list(_ rules: Rules, roster: Roster, model: ScoreModel, words: Words) -> [Control] {
        let settings = rules.settings
        var weight = [Double](repeating: 0, count: roster.attributes.count), lone = weight
        for rule in (try? settings.attributeRules(for: roster)) ?? [] {
            weight[rule.attribute] = rule.weight
            lone[rule.attribute] = rule.loneWeight
        }
        var controls: [Control] = []
        for (i, attribute) in roster.attributes.enumerated() {
            controls.append(Control(key: "weight:" + attribute.key, label: displaySafe(attribute.header), kind: .weight, value: weight[i], range: -5...5))
        }
        // Lone-member rules in force, the gender one, and any set on the command line or here (also when set to 0,
        // so that it can be raised again).
        let loneSet = Set(settings.loneWeights.keys.compactMap { roster.attributeIndex(named: $0) })
        for (i, attribute) in roster.attributes.enumerated() where attribute.kind != .numeric && (lone[i] != 0 || attribute.role == .gender || loneSet.contains(i)) {
            controls.append(Control(key: "lone:" + attribute.key, label: words("workbench.control.lone", .text(displaySafe(attribute.header))), kind: .lone, value: lone[i], range: 0...5))
        }
        if !roster.wishes.isEmpty {
            controls.append(Control(key: "wishes", label: words("workbench.control.wishes"), kind: .wishes, value: settings.wishWeight, range: 0...5))
        }
        controls.append(Control(key: "pure", label: words("workbench.control.pure"), kind: .pure, value: settings.purityWeight, range: 0...5))
        if !settings.atLeast.isEmpty {
            controls.append(Control(key: "atLeast", label: words("workbench.control.atLeast", .text(displaySafe(settings.atLeast.map(\.text).joined(separator: ", ")))),
                                    kind: .atLeast, value: settings.atLeastWeight, range: 0...5))
        }
        if !settings.atMost.isEmpty {
            controls.append(Control(key: "atMost", label: words("workbench.control.atMost", .text(displaySafe(settings.atMost.map(\.text).joined(separator: ", ")))),
                                    kind: .atMost, value: settings.atMostWeight, range: 0...5))
        }
        if let meet = settings.meet {
            controls.append(Control(key: "meet", label: words("workbench.control.meet", .text(displaySafe(meet))), kind: .meet, value: settings.meetWeight, range: 0...5))
        }
        for rule in settings.balance {
            controls.append(Control(key: "balance:" + rule.attribute, label: words("workbench.control.balance", .text(displaySafe(rule.attribute))),
                                    kind: .balance, value: rule.weight, range: 0...5))
        }
        let rounds = model.rounds
        if rounds.historyRounds > 0 {
            controls.append(Control(key: "history", label: words("workbench.control.history"), kind: .history,
                                    value: rounds.noRepeat ? nil : rules.historyWeight, range: 0...5))
        }
        if !rounds.previousGroup.isEmpty {
            controls.append(Control(key: "stability", label: words("workbench.control.stability"), kind: .stability, value: rules.stabilityWeight, range: 0...5))
        }
        if !rounds.togetherSets.isEmpty {
            controls.append(Control(key: "together", label: words("workbench.control.together"), kind: .together, value: rules.togetherWeight, range: 0...5))
        }
        // The registered rules' own controls, in registry order.
        controls += RuleDescriptors.all.flatMap { $0.controls(settings, roster: roster, words: words) }.map(Control.init)
        return controls
    }

    /// Sets the controls named in `values` (a nil value makes a rule that may be hard, hard again).
    /// - Throws: 400 for a key that is not among ``list(_:roster:model:words:)``'s, or a value outside its range.
    /// - Parameter words: the session's language, for the controls' names in a refusal.
    static func apply(_ values: [String: Double?], to rules: inout Rules, roster: Roster, model: ScoreModel, words: Words) throws(Refusal) {
        let known = list(rules, roster: roster, model: model, words: words)
        for key in values.keys.sorted() {
            guard let control = known.first(where: { $0.key == key }) else {
                throw Refusal(400, Message("workbench.badControl", .quoted(key)), hint: Message("workbench.badControl.hint"))
            }
            let value = values[key]!
            if let value, !control.range.contains(value) || !value.isFinite {
                throw Refusal(400, Message("workbench.badValue", .text(control.label), .number(control.range.lowerBound), .number(control.range.upperBound), .number(value)),
                              hint: Message("workbench.badValue.hint"))
            }
            guard value != nil || control.mayBeHard else {
                throw Refusal(400, Message("workbench.badValue", .text(control.label), .number(control.range.lowerBound), .number(control.range.upperBound), .text("null")),
                              hint: Message("workbench.badValue.hint"))
            }
            let name = key.split(separator: ":", maxSplits: 1).dropFirst().first.map(String.init) ?? ""
            /// Sets `name` in `table`, first dropping every other spelling of the same attribute (the command line
            /// may have named it by its header, `køn`, where the control uses its key, `gender`).
            func set(_ table: inout [String: Double], _ value: Double) {
                let attribute = roster.attributeIndex(named: name)
                for other in table.keys where other != name && roster.attributeIndex(named: other) == attribute { table[other] = nil }
                table[name] = value
            }
            switch control.kind {
            case .weight: set(&rules.settings.weights, value!)
            case .lone: set(&rules.settings.loneWeights, value!)
            case .wishes: rules.settings.wishWeight = value!
            case .pure: rules.settings.purityWeight = value!
            case .atLeast: rules.settings.atLeastWeight = value!
            case .atMost: rules.settings.atMostWeight = value
            case .meet: rules.settings.meetWeight = value
            case .balance:
                for k in rules.settings.balance.indices where rules.settings.balance[k].attribute == name { rules.settings.balance[k].weight = value! }
            case .history:
                // `--no-repeat` makes meeting again a hard rule: there is no weight to set.
                guard !model.rounds.noRepeat else {
                    throw Refusal(400, Message("workbench.badControl", .quoted(key)), hint: Message("workbench.badControl.hint"))
                }
                rules.historyWeight = value!
            case .stability: rules.stabilityWeight = value!
            case .together: rules.togetherWeight = value
            case .rule:
                for descriptor in RuleDescriptors.all where descriptor.controls(rules.settings, roster: roster, words: words).contains(where: { $0.key == key }) {
                    descriptor.apply(control: key, value: value, to: &rules.settings)
                }
            }
        }
    }
}
