/// Every text in one language: looks up catalogue keys and fills in their values.
///
/// A catalogue text holds placeholders for the message's arguments, counted from 0:
/// - `{0}` the argument as its kind writes it (see ``Message/Argument``);
/// - `{0|one|other}` the first form when argument 0 is the count 1, else the second ("{0} {0|leader|leaders}");
///   either form may itself hold `{0}`.
///
/// The English catalogue (`English.swift`) is the reference: every other language has exactly its keys
/// with the same placeholders (checked by `CatalogueTests`). A third language is one new file and one case
/// in ``Language``.
public struct Words: Sendable {
    public let language: Language
    private let table: [String: String]

    public init(_ language: Language) {
        self.language = language
        self.table = language.table
    }

    /// The text of `key` with `arguments` filled in.
    public func callAsFunction(_ key: String, _ arguments: Message.Argument...) -> String {
        render(Message(key, arguments: arguments))
    }

    /// `message` in this language. A key missing from the catalogue stops a debug build; a release build
    /// shows the English text, or the key itself.
    /// - Complexity: O(length of the text and its arguments).
    public func render(_ message: Message) -> String {
        guard let template = table[message.key] ?? Language.en.table[message.key] else {
            assertionFailure("no text for the key \(message.key)")
            return message.key
        }
        assert(table[message.key] != nil, "no \(language.rawValue) text for the key \(message.key)")
        return fill(template, message.arguments)
    }

    /// A value as an argument writes it.
    public func render(_ argument: Message.Argument) -> String {
        switch argument {
        case .text(let text): text
        case .int(let value): integer(value)
        case .number(let value): number(value)
        case .score(let value): score(value)
        case .quoted(let value): value.isEmpty ? self("value.empty") : "\"\(readable(value))\""
        case .list(let items): join(items.map(render), last: self("list.and"))
        case .alternatives(let items): join(items.map(render), last: self("list.or"))
        case .commaSeparated(let items): items.map(render).joined(separator: ", ")
        case .message(let message): render(message)
        }
    }

    /// "A", "A and B", "A, B and C".
    public func list(_ items: [String]) -> String { join(items, last: self("list.and")) }

    private func join(_ items: [String], last: String) -> String {
        items.count <= 1 ? items.joined() : items.dropLast().joined(separator: ", ") + " \(last) " + items.last!
    }

    // MARK: Numbers

    /// The decimal mark: "." in English, "," in Danish.
    public var decimalMark: Character { language == .da ? "," : "." }
    /// The thousands separator: "," in English, "." in Danish.
    public var thousandsSeparator: Character { language == .da ? "." : "," }

    /// A count with thousands separators from 10,000 up ("1234", "12,345" / "12.345").
    public func integer(_ value: Int) -> String {
        let digits = String(value.magnitude)
        guard digits.count > 4 else { return value < 0 ? "-" + digits : digits }
        var out = ""
        for (k, digit) in digits.enumerated() {
            if k > 0 && (digits.count - k) % 3 == 0 { out.append(thousandsSeparator) }
            out.append(digit)
        }
        return (value < 0 ? "-" : "") + out
    }

    /// A number without trailing zeros and with at most two decimals: "3", "22.5" / "22,5", "-2".
    /// A value too large for cents in an `Int` (any value from the page or a file may be) is written in
    /// exponent form ("1e+19"), never trapped on.
    public func number(_ value: Double) -> String {
        guard value.isFinite, abs(value) < 1e15 else { return huge(value) }
        let cents = Int((abs(value) * 100).rounded())
        let whole = integer(cents / 100), fraction = cents % 100
        let sign = value < 0 && cents != 0 ? "-" : ""
        if fraction == 0 { return sign + whole }
        let decimals = fraction % 10 == 0 ? String(fraction / 10) : (fraction < 10 ? "0" : "") + String(fraction)
        return sign + whole + String(decimalMark) + decimals
    }

    /// Points with two decimals: "-673.52" / "-673,52", "0.00".
    public func score(_ value: Double) -> String {
        guard value.isFinite, abs(value) < 1e15 else { return huge(value) }
        let cents = Int((abs(value) * 100).rounded())
        let fraction = cents % 100
        let sign = value < 0 && cents != 0 ? "-" : ""
        return sign + integer(cents / 100) + String(decimalMark) + (fraction < 10 ? "0" : "") + String(fraction)
    }

    /// A non-finite or huge value as Swift writes it, with this language's decimal mark ("1,5e+20").
    private func huge(_ value: Double) -> String {
        String(String(value).map { $0 == "." ? decimalMark : $0 })
    }

    /// A weight with its sign: "+5", "-2", "+0.5" / "+0,5".
    public func signed(_ value: Double) -> String { value > 0 ? "+" + number(value) : number(value) }

    /// A percentage: "91%" / "91 %".
    /// Rounded, except that a share just short of all never shows as 100 and one just above none never as 0.
    public func percent(_ share: Double) -> String {
        let exact = share * 100
        guard exact.isFinite, abs(exact) < 1e15 else { return huge(exact) + (language == .da ? " %" : "%") }
        var value = Int(exact.rounded())
        if value == 100 && exact < 100 { value = 99 }
        if value == 0 && exact > 0 { value = 1 }
        return language == .da ? "\(value) %" : "\(value)%"
    }

    // MARK: Templates

    /// Fills `{k}` and `{k|one|other}` in `template`. O(length).
    func fill(_ template: String, _ arguments: [Message.Argument]) -> String {
        var out = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            guard let close = Self.closingBrace(in: rest, from: open) else { out += rest[open...]; return out }
            let inside = rest[rest.index(after: open)..<close]
            let parts = Self.splitForms(inside)
            if let k = Int(parts[0]), k < arguments.count {
                if parts.count == 3 {
                    let one: Bool = if case .int(let n) = arguments[k] { n == 1 } else { false }
                    out += fill(String(one ? parts[1] : parts[2]), arguments)
                } else {
                    out += render(arguments[k])
                }
            } else {
                out += rest[open...close]
            }
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }

    /// The `}` that closes the `{` at `open`, allowing one level of `{k}` inside plural forms.
    static func closingBrace(in text: Substring, from open: Substring.Index) -> Substring.Index? {
        var depth = 0
        var index = open
        while index < text.endIndex {
            if text[index] == "{" { depth += 1 } else if text[index] == "}" {
                depth -= 1
                if depth == 0 { return index }
            }
            index = text.index(after: index)
        }
        return nil
    }

    /// Splits `0|one|other` at the `|` outside nested braces.
    static func splitForms(_ text: Substring) -> [Substring] {
        var parts: [Substring] = []
        var depth = 0
        var start = text.startIndex
        var index = text.startIndex
        while index < text.endIndex {
            switch text[index] {
            case "{": depth += 1
            case "}": depth -= 1
            case "|" where depth == 0:
                parts.append(text[start..<index])
                start = text.index(after: index)
            default: break
            }
            index = text.index(after: index)
        }
        parts.append(text[start...])
        return parts
    }

    /// The placeholders a catalogue text uses (`{0}`, `{1|…|…}` → 0, 1), for the completeness test.
    public static func placeholders(in template: String) -> Set<Int> {
        var found: Set<Int> = []
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            guard let close = closingBrace(in: rest, from: open) else { break }
            let parts = splitForms(rest[rest.index(after: open)..<close])
            if let k = Int(parts[0]) { found.insert(k) }
            for form in parts.dropFirst() { found.formUnion(placeholders(in: String(form))) }
            rest = rest[rest.index(after: close)...]
        }
        return found
    }

    /// Every key of `language`'s catalogue.
    public static func keys(of language: Language) -> Set<String> { Set(language.table.keys) }
    /// The raw catalogue text of `key` in `language`, placeholders unfilled (for tests, and for the workbench
    /// page, which fills in its simple `{0}` placeholders itself).
    public static func template(_ key: String, in language: Language) -> String? { language.table[key] }

    /// Every key of the catalogue that starts with `prefix`, sorted. O(keys).
    public static func keys(of language: Language, prefix: String) -> [String] { language.table.keys.filter { $0.hasPrefix(prefix) }.sorted() }
}
