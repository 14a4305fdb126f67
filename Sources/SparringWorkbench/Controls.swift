import SparringModel
import SparringSolver

/// Every weight of the score as a control the page shows as a slider: its key, label, value in force and range,
/// each listed and set by its rule (``RuleDescriptor/controls(_:rounds:roster:words:)``). The keys are those of
/// the API (`weight:ATTR`, `lone:ATTR`, `wishes`, `pure`, `atLeast`, `atMost`, `meet`, `balance:ATTR`, `history`,
/// `stability`, `together`, `spread:ATTR`, …); a nil value means the rule is hard.
public typealias Control = RuleControl

enum Controls {
    /// The controls for `rules` on `roster`, in registry order (the page's sections follow it). O(attributes + rules).
    static func list(_ rules: Rules, roster: Roster, model: ScoreModel, words: Words) -> [Control] {
        let rounds = rules.applied(to: model.rounds)
        return RuleDescriptors.all.flatMap { $0.controls(rules.settings, rounds: rounds, roster: roster, words: words) }
    }

    /// Sets the controls named in `values` (a nil value makes a rule that may be hard, hard again), each through the
    /// rule that lists it.
    /// - Throws: 400 for a key that is not among ``list(_:roster:model:words:)``'s, a value outside its range, or a
    ///   value the rule takes no longer (meeting again under `--no-repeat`).
    /// - Parameter words: the session's language, for the controls' names in a refusal.
    static func apply(_ values: [String: Double?], to rules: inout Rules, roster: Roster, model: ScoreModel, words: Words) throws(Refusal) {
        for key in values.keys.sorted() {
            var rounds = rules.applied(to: model.rounds)
            let settings = rules.settings
            var owner: (descriptor: any RuleDescriptor.Type, control: Control)?
            for descriptor in RuleDescriptors.all where owner == nil {
                owner = descriptor.controls(settings, rounds: rounds, roster: roster, words: words).first { $0.key == key }.map { (descriptor, $0) }
            }
            guard let (descriptor, control) = owner else {
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
            guard descriptor.apply(control: key, value: value, to: &rules.settings, rounds: &rounds, roster: roster) else {
                throw Refusal(400, Message("workbench.badControl", .quoted(key)), hint: Message("workbench.badControl.hint"))
            }
            rules.historyWeight = rounds.historyWeight
            rules.stabilityWeight = rounds.stabilityWeight
            rules.togetherWeight = rounds.togetherWeight
        }
    }
}
