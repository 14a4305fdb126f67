// TRANSITION ONLY — deleted when every text has a catalogue key.
extension Diagnostic {
    @available(*, deprecated, message: "use a catalogue Message")
    public init(_ severity: Severity, file: String?, line: Int = 0, column: Int = 0, _ message: String, hint: String = "") {
        self.init(severity, file: file, line: line, column: column, Message("text.verbatim", .text(message)), hint: hint.isEmpty ? nil : Message("text.verbatim", .text(hint)))
    }
    @available(*, deprecated, message: "use a catalogue Message")
    public static func error(_ file: String?, _ line: Int, _ column: Int, _ message: String, hint: String = "") -> Diagnostic {
        Diagnostic(.error, file: file, line: line, column: column, message, hint: hint)
    }
    @available(*, deprecated, message: "use a catalogue Message")
    public static func error(_ file: String?, _ message: String, hint: String = "") -> Diagnostic {
        Diagnostic(.error, file: file, message, hint: hint)
    }
    @available(*, deprecated, message: "use a catalogue Message")
    public static func warning(_ file: String?, _ line: Int, _ column: Int, _ message: String, hint: String = "") -> Diagnostic {
        Diagnostic(.warning, file: file, line: line, column: column, message, hint: hint)
    }
}
