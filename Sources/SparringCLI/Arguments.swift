import Foundation
import SparringModel
import SparringReport

/// A mistake in how the command was called: printed with a pointer to `--help`, exit code 64.
///
/// Made from catalogue messages (``init(_:hint:)-(Message,Message?)``) it is shown in the consultant's language
/// (`--language`, else the roster's); made from plain text it is English.
public struct UsageError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The problem and the fix, in English.
    public var message: String
    public var hint: String
    private struct Catalogued: Equatable, Sendable {
        let message: Message
        let hint: Message?
    }

    /// The same as catalogue messages, when it was made from them.
    private var catalogued: Catalogued?

    /// Whether it was made from catalogue messages (and so is shown in the consultant's language).
    public var isCatalogued: Bool { catalogued != nil }

    /// The problem as a message to put inside another: the catalogue's, or the English text as it is.
    var messageText: Message { catalogued?.message ?? Message("text.verbatim", .text(message)) }

    public init(_ message: String, hint: String = "") {
        self.message = message
        self.hint = hint
    }

    /// A usage error shown in the language chosen when it is printed.
    public init(_ message: Message, hint: Message? = nil) {
        self.message = message.description
        self.hint = hint?.description ?? ""
        self.catalogued = Catalogued(message: message, hint: hint)
    }

    public var description: String { hint.isEmpty ? "error: \(message)" : "error: \(message)\nMaybe \(hint)" }

    /// The error as printed in `words`' language: `fejl: …` and `Tip: …` in Danish. Plain-text errors stay English.
    public func rendered(in words: Words) -> String {
        guard let catalogued, words.language != .en else { return description }
        let head = words("diagnostic.error") + ": " + words.render(catalogued.message)
        return catalogued.hint.map { head + "\n" + words("diagnostic.maybe", .text(words.render($0))) } ?? head
    }
}

/// What a subcommand accepts; used to parse, and to generate the usage line and `--help`.
///
/// The usage and help are generated from `positionalNames` and the option table, so they cannot drift from
/// what the parser accepts.
package struct CommandSpec: Sendable {
    package struct Option: Sendable {
        package let name: String
        package let value: String?   // nil for a flag
        package let help: String
        package var repeatable = false

        package init(name: String, value: String?, help: String, repeatable: Bool = false) {
            self.name = name
            self.value = value
            self.help = help
            self.repeatable = repeatable
        }
    }

    package let name: String
    /// Placeholders for the file arguments, in order, e.g. `["ROSTER.csv", "ASSIGNMENTS.csv"]`. One for each
    /// position up to `positionals.upperBound`; those from `positionals.lowerBound` on are optional, shown in brackets.
    package let positionalNames: [String]
    /// Names of options the command cannot run without; shown without brackets.
    package var requiredOptions: [String] = []
    package let summary: String
    package let positionals: ClosedRange<Int>
    package let options: [Option]

    package init(name: String, positionalNames: [String], requiredOptions: [String] = [], summary: String, positionals: ClosedRange<Int>, options: [Option]) {
        self.name = name
        self.positionalNames = positionalNames
        self.requiredOptions = requiredOptions
        self.summary = summary
        self.positionals = positionals
        self.options = options
    }

    /// The positional placeholders as shown in the usage, optional ones in brackets.
    var positionalWords: [String] {
        positionalNames.enumerated().map { index, name in index < positionals.lowerBound ? name : "[\(name)]" }
    }

    /// One option as shown in the usage: `[--name VALUE]`, `[--flag]`, `--name VALUE` when required,
    /// `...` after a repeatable one.
    func usageWord(_ option: Option) -> String {
        let word = "--\(option.name)" + (option.value.map { " \($0)" } ?? "")
        return (requiredOptions.contains(option.name) ? word : "[\(word)]") + (option.repeatable ? "..." : "")
    }

    /// The full usage on one line: `sparring NAME`, the positional placeholders, then every option in table order.
    var usage: String { (["sparring", name] + positionalWords + options.map(usageWord)).joined(separator: " ") }

    /// The short usage for error hints: placeholders and required options, then `[options]` for the rest.
    var compactUsage: String {
        let required = options.filter { requiredOptions.contains($0.name) }.map(usageWord)
        let optional = options.contains { !requiredOptions.contains($0.name) } ? ["[options]"] : []
        return (["sparring", name] + positionalWords + required + optional).joined(separator: " ")
    }

    /// `USAGE: ` and the full usage, wrapped to `width` columns; continuation lines are indented under the
    /// first word after the command name. A word longer than a line gets a line of its own.
    func usageLines(width: Int = 100) -> [String] {
        let lead = "USAGE: sparring \(name)"
        let indent = String(repeating: " ", count: lead.count + 1)
        var lines: [String] = []
        var line = lead
        for word in positionalWords + options.map(usageWord) {
            if line.count + 1 + word.count > width && line != lead {
                lines.append(line)
                line = indent + word
            } else {
                line += " " + word
            }
        }
        return lines + [line]
    }

    var help: String {
        var lines = usageLines() + ["", summary, "", "OPTIONS:"]
        let rows = options.map { option in ("--\(option.name)" + (option.value.map { " \($0)" } ?? ""), option.help) }
            + [("-h, --help", "Show this help.")]
        let width = rows.map { $0.0.count }.max() ?? 0
        for (left, right) in rows {
            lines.append("  " + left + String(repeating: " ", count: width - left.count + 2) + right)
        }
        return lines.joined(separator: "\n")
    }
}

/// Parsed command-line words: positionals, option values (in order given) and flags.
package struct ParsedArguments: Sendable {
    package var positionals: [String] = []
    package var values: [String: [String]] = [:]
    package var flags: Set<String> = []
    package var wantsHelp = false
    /// The command line as given, after the subcommand (for "how to reproduce" notes).
    package let words: [String]

    /// Parses `words` against `spec`, rejecting unknown options and missing values before any work starts.
    package init(_ words: [String], spec: CommandSpec) throws(UsageError) {
        self.words = words
        var i = 0
        let helpHint = Message("usage.seeHelp", .text(spec.name))
        while i < words.count {
            let word = words[i]
            i += 1
            if word == "-h" || word == "--help" { wantsHelp = true; continue }
            guard word.hasPrefix("--"), word.count > 2 else {
                if word.hasPrefix("-") && word.count > 1 && Double(word) == nil {
                    throw UsageError(Message("usage.unknownOption", .text(word)), hint: helpHint)
                }
                positionals.append(word)
                continue
            }
            var name = String(word.dropFirst(2))
            var inlineValue: String?
            if let equals = name.firstIndex(of: "=") {
                inlineValue = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            guard let option = spec.options.first(where: { $0.name == name }) else {
                let near = spec.options.map(\.name).filter { $0.hasPrefix(String(name.prefix(3))) }
                throw UsageError(Message("usage.unknownOption", .text("--" + name)),
                                 hint: near.isEmpty ? helpHint : Message("usage.youMeant", .text(near[0]), .text(spec.name)))
            }
            if let valueName = option.value {
                let value: String
                if let inlineValue { value = inlineValue } else {
                    guard i < words.count else { throw UsageError(Message("usage.needsValue", .text(name), .text(valueName)), hint: helpHint) }
                    value = words[i]
                    i += 1
                }
                if values[name] != nil && !option.repeatable {
                    throw UsageError(Message("usage.givenTwice", .text(name)), hint: Message("usage.givenTwice.hint"))
                }
                values[name, default: []].append(value)
            } else {
                if inlineValue != nil { throw UsageError(Message("usage.takesNoValue", .text(name)), hint: helpHint) }
                flags.insert(name)
            }
        }
        if !wantsHelp && !spec.positionals.contains(positionals.count) {
            let expected = spec.positionals.lowerBound == spec.positionals.upperBound
                ? Message("text.verbatim", .text("\(spec.positionals.lowerBound)"))
                : Message("usage.range", .text("\(spec.positionals.lowerBound)"), .text("\(spec.positionals.upperBound)"))
            throw UsageError(Message(spec.positionals.upperBound == 1 ? "usage.fileArguments.one" : "usage.fileArguments.many",
                                     .message(expected), .text("\(positionals.count)")),
                             hint: Message("usage.usage", .text(spec.compactUsage)))
        }
    }

    /// The words read as far as they can be, for choosing the language of a usage error: unknown options and
    /// missing values are skipped, nothing is refused.
    init(lenient words: [String], spec: CommandSpec) {
        self.words = words
        var i = 0
        while i < words.count {
            let word = words[i]
            i += 1
            guard word.hasPrefix("--"), word.count > 2 else {
                if !word.hasPrefix("-") || Double(word) != nil { positionals.append(word) }
                continue
            }
            let name = String(word.dropFirst(2).prefix { $0 != "=" })
            guard let option = spec.options.first(where: { $0.name == name }) else { continue }
            if option.value == nil { flags.insert(name); continue }
            if let equals = word.firstIndex(of: "=") {
                values[name, default: []].append(String(word[word.index(after: equals)...]))
            } else if i < words.count {
                values[name, default: []].append(words[i])
                i += 1
            }
        }
    }

    package func value(_ name: String) -> String? { values[name]?.last }

    /// `sparring NAME` and the words as given, each quoted for a POSIX shell where needed.
    func commandLine(_ name: String) -> String { shellCommand(["sparring", name] + words) }

    package func integer(_ name: String, range: ClosedRange<Int>) throws(UsageError) -> Int? {
        guard let text = value(name) else { return nil }
        guard let number = Int(text), range.contains(number) else {
            throw UsageError(Message("usage.wholeNumber", .text(name), .text("\(range.lowerBound)"), .text("\(range.upperBound)"), .text(text)))
        }
        return number
    }

    package func number(_ name: String, range: ClosedRange<Double>) throws(UsageError) -> Double? {
        guard let text = value(name) else { return nil }
        guard let number = parseLooseNumber(text), range.contains(number) else {
            throw UsageError(Message("usage.number", .text(name), .text(formatNumber(range.lowerBound)), .text(formatNumber(range.upperBound)), .text(text)))
        }
        return number
    }

    func seed() throws(UsageError) -> UInt64? {
        guard let text = value("seed") else { return nil }
        guard let seed = UInt64(text) else { throw UsageError(Message("usage.seed", .text(text))) }
        return seed
    }
}
