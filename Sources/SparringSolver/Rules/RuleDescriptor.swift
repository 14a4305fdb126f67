import SparringModel

/// What a rule says about itself beyond its score, in its own file: its command-line options (spellings, value
/// syntax, help; words → settings → words), its set-up check, its workbench controls and, for a rule that joins
/// the search through a table kind, its compiled form. Everything has a default (nothing), so a rule declares only
/// what it has. The option table and parser, `--help`, `check`, `solve`, scenario files, the workbench's controls
/// and saved sessions, and the score's compilation loop over ``RuleDescriptors/all``: a new rule is its file, its
/// test, one line there and its texts.
public protocol RuleDescriptor: SendableMetatype {
    /// The options, in the order `--help` lists them.
    static var options: [RuleOption] { get }
    /// Reads the options given into `settings`; syntax only (attribute names are checked against the roster when
    /// the score is compiled).
    /// - Throws: ``OptionError`` naming the option, the value and what to write instead.
    static func read(_ given: OptionValues, into settings: inout RuleSettings) throws(OptionError)
    /// The options that give `settings` again: none where the rule is off. O(rules).
    static func words(_ settings: RuleSettings) -> [String]
    /// Reads the options given into the round rules' weights (rules over rounds: meeting again, stability,
    /// keep-together; their inputs, the earlier groupings, are files the command line reads).
    /// - Throws: ``OptionError`` naming the option, the value and what to write instead.
    static func readRounds(_ given: OptionValues, into rounds: inout RoundRules) throws(OptionError)
    /// The options that give the round rules' weights in `rounds` again: none at their defaults. O(1).
    static func roundWords(_ rounds: RoundRules) -> [String]
    /// What no grouping can satisfy, run before any search (an error where the rule is hard, a warning where it
    /// is soft), each with what to relax.
    /// - Parameter naming: how messages name people and which values they may show (`--hide`).
    static func setupProblems(roster: Roster, settings: RuleSettings, groups: Int, naming: Naming) -> [Diagnostic]
    /// Adds what the rule derives from the round rules to the roster the score is compiled on (a column of its
    /// own, such as each leader's previous group) and to its settings, before the set-up check and the score.
    /// Outputs keep showing the roster as read.
    static func derive(roster: inout Roster, settings: inout RuleSettings, rounds: RoundRules)
    /// The rule compiled for the cell table when it joins through a curve of values by member count; nil when
    /// it is off (or is built into the table).
    /// - Throws: ``DiagnosticError`` for settings that do not fit the roster.
    static func cellCurveRule(roster: Roster, settings: RuleSettings, groups: Int) throws(DiagnosticError) -> (any CellCurveRule)?
    /// The workbench's sliders for the rule's weights: those in force, and those a consultant may want to raise.
    /// - Parameter rounds: the round rules in force (with the weights of ``settings``' session).
    static func controls(_ settings: RuleSettings, rounds: RoundRules, roster: Roster, words: Words) -> [RuleControl]
    /// The page sections its controls appear in (each with `page.kind.<kind>` and `page.kind.<kind>.hint` texts).
    static var controlKinds: [String] { get }
    /// Sets the control `key`, one of ``controls(_:rounds:roster:words:)``'s, its value already checked against its
    /// range (nil only where it may be hard).
    /// - Returns: false when the rule takes no value now (meeting again made hard by `--no-repeat`).
    static func apply(control key: String, value: Double?, to settings: inout RuleSettings, rounds: inout RoundRules, roster: Roster) -> Bool
}

extension RuleDescriptor {
    /// Default: no options.
    public static var options: [RuleOption] { [] }
    /// Default: reads nothing.
    public static func read(_ given: OptionValues, into settings: inout RuleSettings) throws(OptionError) {}
    /// Default: no words.
    public static func words(_ settings: RuleSettings) -> [String] { [] }
    /// Default: reads nothing.
    public static func readRounds(_ given: OptionValues, into rounds: inout RoundRules) throws(OptionError) {}
    /// Default: no words.
    public static func roundWords(_ rounds: RoundRules) -> [String] { [] }
    /// Default: no set-up check.
    public static func setupProblems(roster: Roster, settings: RuleSettings, groups: Int, naming: Naming) -> [Diagnostic] { [] }
    /// Default: derives nothing.
    public static func derive(roster: inout Roster, settings: inout RuleSettings, rounds: RoundRules) {}
    /// Default: not a curve rule.
    public static func cellCurveRule(roster: Roster, settings: RuleSettings, groups: Int) throws(DiagnosticError) -> (any CellCurveRule)? { nil }
    /// Default: no controls of its own.
    public static func controls(_ settings: RuleSettings, rounds: RoundRules, roster: Roster, words: Words) -> [RuleControl] { [] }
    /// Default: no sections.
    public static var controlKinds: [String] { [] }
    /// Default: nothing to set.
    public static func apply(control key: String, value: Double?, to settings: inout RuleSettings, rounds: inout RoundRules, roster: Roster) -> Bool { false }
}

/// The registered rules, in the order `--help` lists their options and the set-up check their findings.
public enum RuleDescriptors {
    /// Every registered rule; a new rule adds one line here.
    public static let all: [any RuleDescriptor.Type] = [
        PureGroups.self, GroupSizes.self, SameValuePairs.self, LoneMember.self, Wishes.self, AtLeast.self, AtMost.self, MeetingDays.self,
        Balance.self, MeetingAgain.self, Stability.self, KeepTogether.self, Spread.self, Renewal.self, Convenor.self,
    ]

    /// The roster and settings the score is compiled on: `roster` and `settings` with what every rule derives from
    /// `rounds` (``RuleDescriptor/derive(roster:settings:rounds:)``). O(rules + n).
    public static func derived(roster: Roster, settings: RuleSettings, rounds: RoundRules) -> (roster: Roster, settings: RuleSettings) {
        var (roster, settings) = (roster, settings)
        for rule in all { rule.derive(roster: &roster, settings: &settings, rounds: rounds) }
        return (roster, settings)
    }

    /// Every rule's options, in order.
    public static var options: [RuleOption] { all.flatMap { $0.options } }
}

/// A workbench slider a rule owns: its key in the API (`<rule id>` or `<rule id>:<attribute>`), its label in the
/// session's language, its section on the page (`page.kind.<kind>` texts), its value (nil: the rule is hard) and
/// its range.
public struct RuleControl: Sendable, Equatable {
    /// The API key, e.g. `spread:unit`.
    public let key: String
    /// The slider's label, in the session's language.
    public let label: String
    /// The page's section (`page.kind.<kind>` texts).
    public let kind: String
    /// The weight in force; nil: the rule is hard.
    public let value: Double?
    /// The values the slider accepts.
    public let range: ClosedRange<Double>
    /// Whether a nil value (hard) is accepted.
    public let mayBeHard: Bool

    /// A control; `mayBeHard` says whether nil (hard) is accepted.
    public init(key: String, label: String, kind: String, value: Double?, range: ClosedRange<Double>, mayBeHard: Bool = false) {
        self.key = key
        self.label = label
        self.kind = kind
        self.value = value
        self.range = range
        self.mayBeHard = mayBeHard
    }
}

/// One command-line option of a rule.
public struct RuleOption: Sendable, Equatable {
    /// The spelling without dashes.
    public let name: String
    /// The value's syntax for `--help`, e.g. `ATTR=N`.
    public let value: String
    /// One line for `--help`.
    public let help: String
    /// Whether the option may be given more than once.
    public let repeatable: Bool
    /// Whether its values are `KEY=…` where a later value replaces an earlier one for the same key (a weight per
    /// attribute): a scenario file's values are then kept and the command line's read after them.
    public let keyed: Bool

    /// An option spelled `--name`; see the properties.
    public init(_ name: String, value: String, help: String, repeatable: Bool = false, keyed: Bool = false) {
        self.name = name
        self.value = value
        self.help = help
        self.repeatable = repeatable
        self.keyed = keyed
    }
}

/// A refusal of an option's value, in catalogue words (the command line shows it as a usage error).
public struct OptionError: Error, Sendable {
    /// What is wrong, with the value given.
    public let message: Message
    /// What to write instead.
    public let hint: Message?

    /// A refusal with an optional hint.
    public init(_ message: Message, hint: Message? = nil) {
        self.message = message
        self.hint = hint
    }
}

/// The options given, by name (each value as given, in order), with the readers every rule shares.
public struct OptionValues: Sendable {
    /// Each option's values as given, in order, by name without dashes.
    public let values: [String: [String]]

    /// The values given, by option name.
    public init(_ values: [String: [String]]) { self.values = values }

    /// Every value of `name`, in order.
    public func all(_ name: String) -> [String] { values[name] ?? [] }

    /// The last value of `name`, or nil.
    public func last(_ name: String) -> String? { values[name]?.last }

    /// The last value of `name` as a number in `range` (decimal comma accepted), or nil when not given.
    /// - Throws: ``OptionError`` for text that is no number or lies outside `range`.
    public func number(_ name: String, range: ClosedRange<Double>) throws(OptionError) -> Double? {
        guard let text = last(name) else { return nil }
        guard let number = parseLooseNumber(text), range.contains(number) else {
            throw OptionError(Message("usage.number", .text(name), .text(formatNumber(range.lowerBound)), .text(formatNumber(range.upperBound)), .text(text)))
        }
        return number
    }

    /// The last value of `name` as a whole number in `range`, or nil when not given.
    /// - Throws: ``OptionError`` for text that is no whole number or lies outside `range`.
    public func integer(_ name: String, range: ClosedRange<Int>) throws(OptionError) -> Int? {
        guard let text = last(name) else { return nil }
        guard let number = Int(text), range.contains(number) else {
            throw OptionError(Message("usage.wholeNumber", .text(name), .text("\(range.lowerBound)"), .text("\(range.upperBound)"), .text(text)))
        }
        return number
    }

    /// Every value of `name` as `ATTR=W` with W in `range`, in order.
    /// - Parameter example: a value for the hint, e.g. `gender=-2`.
    /// - Throws: ``OptionError`` for a value without a name, or whose weight is no number or lies outside `range`.
    public func weights(_ name: String, range: ClosedRange<Double>, example: String) throws(OptionError) -> [(name: String, weight: Double)] {
        var result: [(name: String, weight: Double)] = []
        for text in all(name) {
            let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].trimmingSpaces().isEmpty, let weight = parseLooseNumber(parts[1]), range.contains(weight) else {
                throw OptionError(Message("usage.weightPair", .text(name), .text(text), .text(formatNumber(range.lowerBound)), .text(formatNumber(range.upperBound))),
                                  hint: Message("usage.example", .text("--\(name) \(example)")))
            }
            result.append((parts[0].trimmingSpaces(), weight))
        }
        return result
    }

    /// Every value of `name` read by `parse`, in order.
    /// - Parameter refusal: the error for a value `parse` cannot read.
    /// - Throws: that refusal, for the first such value.
    public func each<T>(_ name: String, _ parse: (String) -> T?, refusal: (String) -> OptionError) throws(OptionError) -> [T] {
        var result: [T] = []
        for text in all(name) {
            guard let value = parse(text) else { throw refusal(text) }
            result.append(value)
        }
        return result
    }

    /// Refuses `option` given without `needed` (a weight for a rule that is not switched on).
    /// - Parameter example: a command line that uses both, for the hint.
    public func requires(_ option: String, _ needed: String, given: Bool, example: String) throws(OptionError) {
        if last(option) != nil && !given {
            throw OptionError(Message("usage.needs", .text(option), .text(needed)), hint: Message("usage.example", .text(example)))
        }
    }
}

extension [String: Double] {
    /// Sets the weight of attribute `name`, first dropping every other spelling of the same attribute (the command
    /// line may have named it by its header, `køn`, where a control uses its key, `gender`). O(entries).
    package mutating func setWeight(_ name: String, _ value: Double, roster: Roster) {
        let attribute = roster.attributeIndex(named: name)
        for other in keys where other != name && roster.attributeIndex(named: other) == attribute { self[other] = nil }
        self[name] = value
    }
}

extension RuleControl {
    /// The attribute a control keyed `kind:ATTR` is for (empty for a key without one).
    package static func attribute(of key: String) -> String { key.split(separator: ":", maxSplits: 1).dropFirst().first.map(String.init) ?? "" }
}
