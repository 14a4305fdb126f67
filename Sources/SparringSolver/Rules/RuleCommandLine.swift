import SparringModel

/// A rule's options on the command line, owned by the rule: their spellings, value syntax and help; how the words
/// given become settings; and the words that give the settings again (a scenario file stores a workbench's
/// settings so). The command line's option table and parser and the scenario file loop over
/// ``RuleCommandLines/all``, so a rule's spelling is written once, in its own file.
public protocol RuleCommandLine {
    /// The options, in the order `--help` lists them.
    static var options: [RuleOption] { get }
    /// Reads the options given into `settings`; syntax only (attribute names are checked against the roster when
    /// the score is compiled).
    /// - Throws: ``OptionError`` naming the option, the value and what to write instead.
    static func read(_ given: OptionValues, into settings: inout RuleSettings) throws(OptionError)
    /// The options that give `settings` again: none where the rule is off. O(rules).
    static func words(_ settings: RuleSettings) -> [String]
}

/// The rules that own their command-line options, in the order `--help` lists them.
public enum RuleCommandLines {
    public static let all: [any RuleCommandLine.Type] = [SameValuePairs.self, LoneMember.self, AtLeast.self, AtMost.self, MeetingDays.self, Balance.self]

    /// Every rule's options, in order.
    public static var options: [RuleOption] { all.flatMap { $0.options } }
}

/// One command-line option of a rule.
public struct RuleOption: Sendable, Equatable {
    /// The spelling without dashes.
    public let name: String
    /// The value's syntax for `--help`, e.g. `ATTR=N`.
    public let value: String
    public let help: String
    /// Whether the option may be given more than once.
    public let repeatable: Bool

    public init(_ name: String, value: String, help: String, repeatable: Bool = false) {
        self.name = name
        self.value = value
        self.help = help
        self.repeatable = repeatable
    }
}

/// A refusal of an option's value, in catalogue words (the command line shows it as a usage error).
public struct OptionError: Error, Sendable {
    public let message: Message
    public let hint: Message?

    public init(_ message: Message, hint: Message? = nil) {
        self.message = message
        self.hint = hint
    }
}

/// The options given, by name (each value as given, in order), with the readers every rule shares.
public struct OptionValues: Sendable {
    public let values: [String: [String]]

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

/// A rule's own set-up check, run before any search (``ScoreModel/setupProblems(roster:settings:groups:naming:)``):
/// what no grouping can satisfy (an error where the rule is hard, a warning where it is soft), each with what to
/// relax.
public protocol RuleSetupCheck {
    /// - Parameter naming: how messages name people and which values they may show (`--hide`).
    static func setupProblems(roster: Roster, settings: RuleSettings, groups: Int, naming: Naming) -> [Diagnostic]
}

/// The rules with a set-up check of their own, in the order their findings are listed.
public enum RuleSetupChecks {
    public static let all: [any RuleSetupCheck.Type] = [AtMost.self, AtLeast.self, MeetingDays.self]
}
