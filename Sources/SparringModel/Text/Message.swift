/// A text a person reads, kept as a catalogue key and its values until it is shown, so that it can be shown
/// in the language chosen after it was made (an error found while reading a roster's first line is shown in
/// the roster's language, judged from that line).
///
///     Message("roster.notNumber", .text("anciennitet"), .quoted("ti år"))
///     // en: seniority "ti år" is not a number      da: anciennitet "ti år" er ikke et tal
public struct Message: Sendable, Hashable, CustomStringConvertible {
    /// The key in every language's catalogue, e.g. `report.title`.
    public let key: String
    public let arguments: [Argument]

    public init(_ key: String, _ arguments: Argument...) {
        self.key = key
        self.arguments = arguments
    }

    public init(_ key: String, arguments: [Argument]) {
        self.key = key
        self.arguments = arguments
    }

    /// The message in English (what tests and logs read).
    public var description: String { Words(.en).render(self) }

    /// A value in a message; how it is written depends on the language (decimal comma, "and"/"og", …).
    public indirect enum Argument: Sendable, Hashable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
        /// Text as it is: a name, a label, an option (display-safe where it came from a file).
        case text(String)
        /// A count, with the language's thousands separator ("1,234" / "1.234"); also chooses plural forms.
        case int(Int)
        /// A number with up to two decimals and the language's decimal mark ("22.5" / "22,5").
        case number(Double)
        /// Points with exactly two decimals ("-673.52" / "-673,52").
        case score(Double)
        /// A value from a file in quotes, cut to a readable length; an empty one reads "an empty cell".
        case quoted(String)
        /// "A", "A and B", "A, B and C" (og in Danish).
        case list([Argument])
        /// "A, B, C": items joined by commas only, the same in every language.
        case commaSeparated([Argument])
        /// "A", "A or B", "A, B or C" (eller in Danish).
        case alternatives([Argument])
        /// Another message, shown in the same language.
        case message(Message)

        public init(stringLiteral value: String) { self = .text(value) }
        public init(integerLiteral value: Int) { self = .int(value) }
    }
}
