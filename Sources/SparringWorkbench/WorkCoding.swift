import Foundation
import SparringIO
import SparringModel
import SparringSolver

/// How the journal writes a ``WorkState`` and its steps as JSON, and reads them back. Arrangements are written
/// as the difference from a reference arrangement (the current one): a hand move is a few numbers, whatever the
/// roster's size. Weights are written as Swift's shortest round-trip text of the `Double`, so a value reads
/// back bit for bit.
enum WorkCoding {
    // MARK: - Rules

    /// Every part of `rules` the workbench can change (the typology and every weight); the rest (sizes, the
    /// rules named on the command line) comes from the session's start. O(weights).
    static func rules(_ rules: Rules) -> JSONValue {
        let settings = rules.settings
        func table(_ values: [String: Double]) -> JSONValue { .object(values.keys.sorted().map { ($0, number(values[$0]!)) }) }
        return .object([
            ("typology", .string(settings.typology.rawValue)),
            ("weights", table(settings.weights)), ("lone", table(settings.loneWeights)),
            ("wishes", number(settings.wishWeight)), ("pure", number(settings.purityWeight)),
            ("atLeast", number(settings.atLeastWeight)), ("atMost", optional(settings.atMostWeight)),
            ("meet", optional(settings.meetWeight)),
            ("balance", .array(settings.balance.map { .array([.string($0.attribute), number($0.weight)]) })),
            ("history", number(rules.historyWeight)), ("stability", number(rules.stabilityWeight)),
            ("together", optional(rules.togetherWeight)),
            ("own", .array(ownWords(settings).map { .string($0) })),
        ])
    }

    /// The settings the registered rules keep by rule id (``RuleValues``), as their own command-line words. O(rules).
    static func ownWords(_ settings: RuleSettings) -> [String] {
        var own = RuleSettings()
        own.byRule = settings.byRule
        let plain = RuleSettings()
        // Only the words the kept settings add: a rule built into the typed fields writes the same for both.
        return RuleDescriptors.all.flatMap { $0.words(own) == $0.words(plain) ? [] : $0.words(own) }
    }

    /// The settings kept by rule id that `words` (from ``ownWords(_:)``) give; nil for words no rule reads.
    static func ownSettings(_ words: [String]) -> RuleValues? {
        guard words.count % 2 == 0 else { return nil }
        var values: [String: [String]] = [:]
        for k in stride(from: 0, to: words.count, by: 2) {
            guard words[k].hasPrefix("--") else { return nil }
            values[String(words[k].dropFirst(2)), default: []].append(words[k + 1])
        }
        var settings = RuleSettings()
        do {
            for descriptor in RuleDescriptors.all { try descriptor.read(OptionValues(values), into: &settings) }
        } catch {
            return nil
        }
        return settings.byRule
    }

    /// `base` with the parts ``rules(_:)`` wrote; nil when `json` is not such an object.
    static func rules(_ json: Any?, base: Rules) -> Rules? {
        guard let object = json as? [String: Any], let typology = (object["typology"] as? String).flatMap(Typology.init(rawValue:)),
              let weights = table(object["weights"]), let lone = table(object["lone"]),
              let wishes = number(object["wishes"]), let pure = number(object["pure"]), let atLeast = number(object["atLeast"]),
              let atMost = optional(object["atMost"]), let meet = optional(object["meet"]),
              let balance = object["balance"] as? [[Any]],
              let history = number(object["history"]), let stability = number(object["stability"]),
              let together = optional(object["together"]) else { return nil }
        var rules = base
        rules.settings.typology = typology
        rules.settings.weights = weights
        rules.settings.loneWeights = lone
        rules.settings.wishWeight = wishes
        rules.settings.purityWeight = pure
        rules.settings.atLeastWeight = atLeast
        rules.settings.atMostWeight = atMost
        rules.settings.meetWeight = meet
        for pair in balance {
            guard pair.count == 2, let name = pair[0] as? String, let weight = number(pair[1]) else { return nil }
            for k in rules.settings.balance.indices where rules.settings.balance[k].attribute == name { rules.settings.balance[k].weight = weight }
        }
        rules.historyWeight = history
        rules.stabilityWeight = stability
        rules.togetherWeight = together
        // Older journals have no `own`: the session's start keeps them.
        if let own = object["own"] {
            guard let words = own as? [String], let values = ownSettings(words) else { return nil }
            rules.settings.byRule = values
        }
        return rules
    }

    // MARK: - Arrangements

    /// `arrangement` as its difference from `reference` (all of it when nil): `r` the rules, `l` the labels,
    /// `g` every group or `m` the `[leader, group]` pairs that differ, `p` the pinned leaders; in a plan `k` the
    /// round shown, `o` the other rounds' groups and `q` their pinned leaders; `h` the facilitators chosen by hand,
    /// per group (when they differ). O(K · n).
    static func arrangement(_ arrangement: Arrangement, against reference: Arrangement?) -> JSONValue {
        var fields: [(String, JSONValue)] = []
        if reference?.rules != arrangement.rules { fields.append(("r", rules(arrangement.rules))) }
        if reference?.labels != arrangement.labels { fields.append(("l", .array(arrangement.labels.map { .string($0) }))) }
        if let reference, reference.labels.count == arrangement.labels.count, reference.groups.count == arrangement.groups.count {
            let moved = arrangement.groups.indices.filter { arrangement.groups[$0] != reference.groups[$0] }
            if moved.count * 3 < arrangement.groups.count {
                if !moved.isEmpty { fields.append(("m", .array(moved.map { .array([.int($0), .int(Int(arrangement.groups[$0]))]) }))) }
            } else {
                fields.append(("g", .array(arrangement.groups.map { .int(Int($0)) })))
            }
        } else {
            fields.append(("g", .array(arrangement.groups.map { .int(Int($0)) })))
        }
        if reference?.pinned != arrangement.pinned {
            fields.append(("p", .array(arrangement.pinned.indices.filter { arrangement.pinned[$0] }.map { .int($0) })))
        }
        if (reference?.round ?? 0) != arrangement.round { fields.append(("k", .int(arrangement.round))) }
        if (reference?.otherRounds ?? []) != arrangement.otherRounds {
            fields.append(("o", .array(arrangement.otherRounds.map { .array($0.map { .int(Int($0)) }) })))
        }
        if (reference?.otherPinned ?? []) != arrangement.otherPinned {
            fields.append(("q", .array(arrangement.otherPinned.map { pins in .array(pins.indices.filter { pins[$0] }.map { .int($0) }) })))
        }
        if (reference?.facilitatorChoices ?? []) != arrangement.facilitatorChoices {
            fields.append(("h", .array(arrangement.facilitatorChoices.map { .int(Int($0)) })))
        }
        return .object(fields)
    }

    /// The arrangement ``arrangement(_:against:)`` wrote, on `count` leaders; nil when `json` is not one (a
    /// leader or group out of range, a field missing where there is no reference). O(n).
    static func arrangement(_ json: Any?, against reference: Arrangement?, count: Int, base: Rules) -> Arrangement? {
        guard let object = json as? [String: Any] else { return nil }
        var rules = reference?.rules ?? base
        if let given = object["r"] {
            guard let read = Self.rules(given, base: base) else { return nil }
            rules = read
        } else if reference == nil {
            return nil
        }
        var labels = reference?.labels ?? []
        if let given = object["l"] {
            guard let read = given as? [String], !read.isEmpty else { return nil }
            labels = read
        } else if reference == nil {
            return nil
        }
        var groups = reference?.groups ?? []
        if let given = object["g"] {
            guard let read = given as? [Int], read.count == count else { return nil }
            groups = read.map { Int32(clamping: $0) }
        } else if let moves = object["m"] {
            guard let moves = moves as? [[Int]] else { return nil }
            for move in moves {
                guard move.count == 2, groups.indices.contains(move[0]) else { return nil }
                groups[move[0]] = Int32(clamping: move[1])
            }
        }
        guard groups.count == count, groups.allSatisfy({ $0 >= 0 && Int($0) < labels.count }) else { return nil }
        var pinned = reference?.pinned ?? [Bool](repeating: false, count: count)
        if let given = object["p"] {
            guard let read = given as? [Int], read.allSatisfy({ (0..<count).contains($0) }) else { return nil }
            pinned = [Bool](repeating: false, count: count)
            for i in read { pinned[i] = true }
        }
        guard pinned.count == count else { return nil }
        var arrangement = Arrangement(rules: rules, groups: groups, labels: labels, pinned: pinned)
        arrangement.round = reference?.round ?? 0
        arrangement.otherRounds = reference?.otherRounds ?? []
        arrangement.otherPinned = reference?.otherPinned ?? []
        if let given = object["k"] {
            guard let read = given as? Int else { return nil }
            arrangement.round = read
        }
        if let given = object["o"] {
            guard let read = given as? [[Int]], read.allSatisfy({ $0.count == count && $0.allSatisfy { (0..<labels.count).contains($0) } }) else { return nil }
            arrangement.otherRounds = read.map { $0.map { Int32($0) } }
        }
        if let given = object["q"] {
            guard let read = given as? [[Int]], read.allSatisfy({ $0.allSatisfy { (0..<count).contains($0) } }) else { return nil }
            arrangement.otherPinned = read.map { pins in
                var flags = [Bool](repeating: false, count: count)
                for i in pins { flags[i] = true }
                return flags
            }
        }
        arrangement.facilitatorChoices = reference?.facilitatorChoices ?? []
        if let given = object["h"] {
            guard let read = given as? [Int], read.isEmpty || read.count == labels.count, read.allSatisfy({ $0 >= -1 }) else { return nil }
            arrangement.facilitatorChoices = read.map { Int32(clamping: $0) }
        }
        // The other rounds: one pin list each, labels of this arrangement; the round shown among them.
        guard arrangement.otherPinned.count == arrangement.otherRounds.count, (0..<arrangement.roundCount).contains(arrangement.round),
              arrangement.otherRounds.allSatisfy({ $0.count == count && $0.allSatisfy { $0 >= 0 && Int($0) < labels.count } }) else { return nil }
        return arrangement
    }

    // MARK: - Scenarios, states and steps

    static func scenario(_ scenario: Scenario, against reference: Arrangement) -> JSONValue {
        .object([
            ("n", .int(scenario.number)), ("name", .string(scenario.name)), ("hard", .int(scenario.hard)), ("soft", number(scenario.soft)),
            ("rules", .array(scenario.rules.map { .array([.string($0.key), .string($0.title), number($0.points)]) })),
            ("f", .object(scenario.plain.keys.sorted().map { ($0, .int(scenario.plain[$0]!)) })),
            ("a", arrangement(scenario.arrangement, against: reference)),
        ])
    }

    static func scenario(_ json: Any?, against reference: Arrangement, count: Int, base: Rules) -> Scenario? {
        guard let object = json as? [String: Any], let number = object["n"] as? Int, let name = object["name"] as? String,
              let hard = object["hard"] as? Int, let soft = Self.number(object["soft"]), let lines = object["rules"] as? [[Any]],
              let arrangement = arrangement(object["a"], against: reference, count: count, base: base) else { return nil }
        var figures: [Scenario.RuleFigure] = []
        for line in lines {
            guard line.count == 3, let key = line[0] as? String, let title = line[1] as? String, let points = Self.number(line[2]) else { return nil }
            figures.append(Scenario.RuleFigure(key: key, title: title, points: points))
        }
        // Plain figures (`f`): absent in sessions kept before they existed.
        var plain: [String: Int] = [:]
        if let given = object["f"] {
            guard let read = given as? [String: Int] else { return nil }
            plain = read
        }
        return Scenario(number: number, name: name, arrangement: arrangement, hard: hard, soft: soft, rules: figures, plain: plain)
    }

    /// The whole state: the current arrangement in full, everything else against it. O(n · kept arrangements).
    static func state(_ state: WorkState) -> [(String, JSONValue)] {
        let current = state.current
        return [
            ("current", arrangement(current, against: nil)),
            ("undo", .array(state.undo.map { arrangement($0, against: current) })),
            ("redo", .array(state.redo.map { arrangement($0, against: current) })),
            ("scenarios", .array(state.scenarios.map { scenario($0, against: current) })),
            ("next", .int(state.nextScenario)),
        ]
    }

    static func state(_ object: [String: Any], count: Int, base: Rules) -> WorkState? {
        guard let current = arrangement(object["current"], against: nil, count: count, base: base),
              let undo = object["undo"] as? [Any], let redo = object["redo"] as? [Any], let scenarios = object["scenarios"] as? [Any],
              let next = object["next"] as? Int else { return nil }
        var state = WorkState(current: current, nextScenario: next)
        for item in undo {
            guard let step = arrangement(item, against: current, count: count, base: base) else { return nil }
            state.undo.append(step)
        }
        for item in redo {
            guard let step = arrangement(item, against: current, count: count, base: base) else { return nil }
            state.redo.append(step)
        }
        for item in scenarios {
            guard let scenario = scenario(item, against: current, count: count, base: base) else { return nil }
            state.scenarios.append(scenario)
        }
        return state
    }

    /// `step` as applied to `state` (arrangements against its current one).
    static func step(_ step: WorkStep, on state: WorkState) -> [(String, JSONValue)] {
        switch step {
        case .install(let next): [("t", .string("install")), ("a", arrangement(next, against: state.current))]
        case .undo: [("t", .string("undo"))]
        case .redo: [("t", .string("redo"))]
        case .keep(let scenario): [("t", .string("keep")), ("s", Self.scenario(scenario, against: state.current))]
        case .delete(let number): [("t", .string("delete")), ("n", .int(number))]
        }
    }

    static func step(_ object: [String: Any], on state: WorkState, count: Int, base: Rules) -> WorkStep? {
        switch object["t"] as? String {
        case "install": arrangement(object["a"], against: state.current, count: count, base: base).map(WorkStep.install)
        case "undo": .undo
        case "redo": .redo
        case "keep": scenario(object["s"], against: state.current, count: count, base: base).map(WorkStep.keep)
        case "delete": (object["n"] as? Int).map(WorkStep.delete)
        default: nil
        }
    }

    // MARK: - Numbers

    private static func number(_ value: Double) -> JSONValue { .string(String(value)) }
    private static func optional(_ value: Double?) -> JSONValue { value.map(number) ?? .null }
    private static func number(_ json: Any?) -> Double? { (json as? String).flatMap(Double.init).flatMap { $0.isFinite ? $0 : nil } }
    /// `.some(nil)` for JSON null, nil for anything that is not a number's text.
    private static func optional(_ json: Any?) -> Double?? {
        if json is NSNull { return .some(nil) }
        return number(json).map { .some($0) }
    }
    private static func table(_ json: Any?) -> [String: Double]? {
        guard let object = json as? [String: Any] else { return nil }
        var table: [String: Double] = [:]
        for (key, value) in object {
            guard let number = number(value) else { return nil }
            table[key] = number
        }
        return table
    }
}
