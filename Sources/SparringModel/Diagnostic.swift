/// A problem found in an input, located precisely enough for a consultant to fix it in Excel.
///
/// Rendered in the compiler style that editors and people both understand:
///
///     roster.csv:5:12: error: seniority "ti år" is not a number
///     Maybe write the years as digits, e.g. 10 or 3,5.
public struct Diagnostic: Error, Equatable, Hashable, Sendable, CustomStringConvertible {
    /// Errors make an input unusable; warnings are listed but the input is still used.
    public enum Severity: String, Sendable, Comparable {
        case error, warning
        public static func < (a: Severity, b: Severity) -> Bool { a == .error && b == .warning }
    }

    public var severity: Severity
    /// The file as the user named it (not made absolute), or `nil` for problems with the settings.
    public var file: String?
    /// 1-based physical line, or 0 when the problem concerns the whole file. In a workbook: the row.
    public var line: Int
    /// 1-based character column, or 0 when the problem concerns a whole line or file. In a workbook: the column
    /// (1 for `A`).
    public var column: Int
    /// The sheet when the file is a workbook: the location is then written as Excel writes it,
    /// `roster.xlsx:Ark1!C17` (a cell) or `roster.xlsx:Ark1!17:17` (a row), instead of `file:line:column`.
    public var sheet: String?
    /// What is wrong, as a catalogue message (shown in the language chosen when it is printed).
    public var message: Message
    /// The likely fix, printed on a second line starting "Maybe …"; nil for none.
    public var hint: Message?

    public init(_ severity: Severity, file: String?, line: Int = 0, column: Int = 0, _ message: Message, hint: Message? = nil) {
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.hint = hint
    }

    public static func error(_ file: String?, _ line: Int, _ column: Int, _ message: Message, hint: Message? = nil) -> Diagnostic {
        Diagnostic(.error, file: file, line: line, column: column, message, hint: hint)
    }

    /// An error about a whole file (or, with `file == nil`, about the settings).
    public static func error(_ file: String?, _ message: Message, hint: Message? = nil) -> Diagnostic {
        Diagnostic(.error, file: file, message, hint: hint)
    }

    public static func warning(_ file: String?, _ line: Int, _ column: Int, _ message: Message, hint: Message? = nil) -> Diagnostic {
        Diagnostic(.warning, file: file, line: line, column: column, message, hint: hint)
    }

    /// This diagnostic placed in `sheet` when it is about a row or cell of `file` and has no sheet yet: then it
    /// reads `file:Sheet!C17` (see ``sheet``).
    public func inSheet(_ sheet: String, of file: String) -> Diagnostic {
        guard self.file == file, line > 0, self.sheet == nil else { return self }
        var located = self
        located.sheet = sheet
        return located
    }

    /// Messages and hints are cut to this many characters (values inside them are already cut by ``quoted(_:)``).
    public static let longestMessage = 1_000

    /// In English: `file:line:column: error: message`, then `Maybe …` on its own line when there is a hint.
    public var description: String { rendered(in: Words(.en)) }

    /// In `words`' language: `roster.csv:5:12: fejl: …` and `Måske …` in Danish. The location stays as it
    /// is in every language (editors read it); in a workbook it names the sheet and cell (see ``sheet``).
    public func rendered(in words: Words) -> String {
        var location = ""
        if let file {
            location = file
            if let sheet, line > 0 {
                location += ":" + CellAddress.text(sheet: sheet, row: line, column: column)
            } else {
                if line > 0 { location += ":\(line)" }
                if line > 0 && column > 0 { location += ":\(column)" }
            }
            location += ": "
        }
        let head = "\(location)\(words(severity == .error ? "diagnostic.error" : "diagnostic.warning")): \(readable(words.render(message), length: Self.longestMessage))"
        guard let hint else { return head }
        return head + "\n" + words("diagnostic.maybe", .text(readable(words.render(hint), length: Self.longestMessage)))
    }
}

/// One or more problems that together make an input unusable; carries every problem found, not just the first.
public struct DiagnosticError: Error, Equatable, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic], language: Language? = nil) {
        self.diagnostics = diagnostics
        self.language = language
    }
    public init(_ diagnostic: Diagnostic) { self.diagnostics = [diagnostic] }

    /// The language of the input the problems are about, when it was known when they were found (the roster's
    /// headers had been read); the command line shows them in it unless `--language` says otherwise.
    public var language: Language?

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// Quotes a value from a file for an English text: `"ti år"`, or `an empty cell` (in a ``Message`` use
/// ``Message/Argument/quoted(_:)``, which follows the language). A value longer than
/// ``readableLength`` characters is cut with "…", and line breaks show as "⏎", so that one huge or
/// multi-line cell gives one readable line.
public func quoted(_ value: some StringProtocol) -> String {
    value.isEmpty ? "an empty cell" : "\"\(readable(value))\""
}

/// The most characters of one value that a message repeats.
public let readableLength = 60

/// `value` cut to ``readableLength`` characters with "…", line breaks shown as "⏎". O(readableLength).
public func readable(_ value: some StringProtocol, length: Int = readableLength) -> String {
    var out = ""
    var count = 0
    for character in value {
        if count == length { return out + "…" }
        out.append(character.isNewline ? "⏎" : character)
        count += 1
    }
    return out
}
