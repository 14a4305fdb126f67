/// The settings of one rule that keeps its own (a rule added after the typed fields of ``RuleSettings``): any
/// value the rule defines in its own file, compared by value so that ``RuleSettings`` stays `Equatable`.
public protocol RuleValue: Sendable {
    /// Whether `other` is a value of the same type, equal to this one.
    func isEqual(to other: any RuleValue) -> Bool
}

extension RuleValue where Self: Equatable {
    public func isEqual(to other: any RuleValue) -> Bool { (other as? Self) == self }
}

/// Rule settings keyed by rule id (as a constraint solver keys weight overrides by constraint): each rule reads
/// and writes its own entry, and nothing else needs to know its type. An absent entry is the rule's default
/// (usually off). Order-free: nothing iterates it (the rules are listed by their registry).
public struct RuleValues: Sendable, Equatable {
    private var values: [String: any RuleValue] = [:]

    public init() {}

    /// The value of rule `id`, if it is set and of type `T`. O(1).
    public subscript<T: RuleValue>(_ id: String, as type: T.Type) -> T? {
        get { values[id] as? T }
        set { values[id] = newValue }
    }

    public static func == (a: RuleValues, b: RuleValues) -> Bool {
        a.values.count == b.values.count && a.values.allSatisfy { id, value in b.values[id].map { value.isEqual(to: $0) } ?? false }
    }
}
