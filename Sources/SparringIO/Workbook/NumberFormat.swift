import Foundation
import SparringModel

/// How a cell's number format shows its value, reduced to what a roster needs: the text a consultant sees in
/// Excel (and what Excel's own "Save As CSV" writes), with no thousands separators so that a number stays a
/// number when Sparring reads it.
///
/// - `General` and the other plain formats: integers without ".0" (`5001`, never `5001.0` or `5.001E+03`),
///   other numbers to Excel's 15 significant digits; fixed decimals (`0.00` shows 3.5 as `3.50`), minimum
///   digits (`00000` shows 501 as `00501`), percentages (`0%` shows 0.35 as `35%`).
/// - Dates and times by the format's own pattern (`dd-mm-yyyy`, `d. mmmm yyyy`, `hh:mm`…); Excel's built-in
///   short date (format 14, which follows the computer's locale) as `01-03-2024` in Danish and `2024-03-01` in
///   English.
/// - Text (`@`): the cell's text as it is.
///
/// Decimal commas in Danish (`3,5`), points in English: the language of the sheet's header row.
enum NumberFormat: Equatable, Sendable {
    case general
    /// Fixed decimals, minimum integer digits, and whether the value shows ×100 with a `%`.
    case fixed(decimals: Int, minimumDigits: Int, percent: Bool)
    /// A date and/or time, as tokens.
    case date([DateToken])
    /// `@`: numbers show as in `General`, text as it is.
    case text

    /// One piece of a date or time pattern.
    enum DateToken: Equatable, Sendable {
        case year4, year2, month, month2, monthShort, monthLong, monthLetter, day, day2, weekdayShort, weekdayLong
        case hour, hour2, minute, minute2, second, second2, elapsedHours, amPm(String, String)
        case literal(String)
    }

    /// The format of a built-in number format id (ECMA-376 §18.8.30); ids that follow the computer's locale are
    /// given Danish or English patterns by `language`.
    static func builtIn(_ id: Int, language: Language) -> NumberFormat {
        switch id {
        case 1: .fixed(decimals: 0, minimumDigits: 1, percent: false)
        case 2: .fixed(decimals: 2, minimumDigits: 1, percent: false)
        case 3, 37, 38: .fixed(decimals: 0, minimumDigits: 1, percent: false)
        case 4, 39, 40: .fixed(decimals: 2, minimumDigits: 1, percent: false)
        case 5, 6: .fixed(decimals: 0, minimumDigits: 1, percent: false)
        case 7, 8: .fixed(decimals: 2, minimumDigits: 1, percent: false)
        case 9: .fixed(decimals: 0, minimumDigits: 1, percent: true)
        case 10: .fixed(decimals: 2, minimumDigits: 1, percent: true)
        case 14, 27...31, 34...36, 50...58: parse(language == .da ? "dd-mm-yyyy" : "yyyy-mm-dd", language: language)
        case 15: parse("d-mmm-yy", language: language)
        case 16: parse("d-mmm", language: language)
        case 17: parse("mmm-yy", language: language)
        case 18: parse("h:mm AM/PM", language: language)
        case 19: parse("h:mm:ss AM/PM", language: language)
        case 20, 32: parse("hh:mm", language: language)
        case 21, 33: parse("hh:mm:ss", language: language)
        case 22: parse(language == .da ? "dd-mm-yyyy hh:mm" : "yyyy-mm-dd hh:mm", language: language)
        case 45: parse("mm:ss", language: language)
        case 46: parse("[h]:mm:ss", language: language)
        case 47: parse("mm:ss", language: language)
        case 49: .text
        default: .general
        }
    }

    /// The format of a custom format code such as `0.00`, `dd-mm-yyyy`, `[$-406]d. mmmm yyyy;@` or `@`. Only the
    /// first section (positive numbers) is read; colours, conditions, locales, quoted and escaped text, padding
    /// (`_x`) and fill (`*x`) are understood and left out of numbers. O(code).
    static func parse(_ code: String, language: Language) -> NumberFormat {
        let characters = Array(code)
        var plain: [Character] = []      // the first section, lowercased, without quoted text, escapes and brackets
        var tokens: [DateToken] = []
        var literal = ""
        var i = 0
        func flushLiteral() {
            if !literal.isEmpty { tokens.append(.literal(literal)); literal = "" }
        }
        func run(of letter: Character) -> Int {
            var n = 0
            while i + n < characters.count, characters[i + n].lowercased() == String(letter) { n += 1 }
            return n
        }
        sectionLoop: while i < characters.count {
            let c = characters[i]
            switch c {
            case ";":
                break sectionLoop
            case "\"":
                var j = i + 1
                while j < characters.count && characters[j] != "\"" { j += 1 }
                literal += String(characters[min(i + 1, characters.count)..<min(j, characters.count)])
                i = j + 1
            case "\\":
                if i + 1 < characters.count { literal.append(characters[i + 1]) }
                i += 2
            case "_":
                literal.append(" ")
                i += 2
            case "*":
                i += 2
            case "[":
                var j = i + 1
                while j < characters.count && characters[j] != "]" { j += 1 }
                let inside = String(characters[min(i + 1, characters.count)..<min(j, characters.count)]).lowercased()
                if !inside.isEmpty && inside.allSatisfy({ $0 == "h" }) {
                    flushLiteral()
                    tokens.append(.elapsedHours)
                } else if !inside.isEmpty && (inside.allSatisfy({ $0 == "m" }) || inside.allSatisfy({ $0 == "s" })) {
                    flushLiteral()
                    tokens.append(inside.first == "m" ? .minute2 : .second2)
                }
                i = j + 1
            default:
                let lower = Character(c.lowercased())
                if code.count - i >= 5, String(characters[i..<i + 5]).uppercased() == "AM/PM" {
                    flushLiteral()
                    tokens.append(.amPm("AM", "PM"))
                    i += 5
                } else if code.count - i >= 3, String(characters[i..<i + 3]).uppercased() == "A/P" {
                    flushLiteral()
                    tokens.append(.amPm("A", "P"))
                    i += 3
                } else if "ymdhs".contains(lower) {
                    flushLiteral()
                    let n = run(of: lower)
                    switch lower {
                    case "y": tokens.append(n <= 2 ? .year2 : .year4)
                    case "d": tokens.append([.day, .day2, .weekdayShort, .weekdayLong][min(n, 4) - 1])
                    case "h": tokens.append(n == 1 ? .hour : .hour2)
                    case "s": tokens.append(n == 1 ? .second : .second2)
                    default: tokens.append([.month, .month2, .monthShort, .monthLong, .monthLetter][min(n, 5) - 1])
                    }
                    i += n
                } else {
                    plain.append(lower)
                    literal.append(c)
                    i += 1
                }
            }
        }
        flushLiteral()
        let isDate = tokens.contains { if case .literal = $0 { false } else { true } }
        if isDate { return .date(minutesInContext(tokens)) }
        if plain.contains("@") && !plain.contains(where: { "0#?".contains($0) }) { return .text }
        guard plain.contains(where: { "0#?".contains($0) }) else { return .general }
        if plain.contains("e") && plain.contains("+") || plain.contains("/") { return .general }
        // Digits: after the decimal point the places shown; before it the zeros that set a minimum width.
        let point = plain.firstIndex(of: ".")
        let integerPart = point.map { plain[..<$0] } ?? plain[...]
        let fractionPart = point.map { plain[plain.index(after: $0)...] } ?? []
        let decimals = fractionPart.filter { "0#?".contains($0) }.count
        let minimumDigits = max(1, integerPart.filter { $0 == "0" }.count)
        return .fixed(decimals: decimals, minimumDigits: minimumDigits, percent: plain.contains("%"))
    }

    /// `m` and `mm` mean minutes right after an hour or right before a second (Excel's rule), months elsewhere.
    private static func minutesInContext(_ tokens: [DateToken]) -> [DateToken] {
        var result = tokens
        func isTime(_ token: DateToken, hour: Bool) -> Bool {
            hour ? (token == .hour || token == .hour2 || token == .elapsedHours) : (token == .second || token == .second2)
        }
        for (k, token) in tokens.enumerated() where token == .month || token == .month2 {
            let before = tokens[..<k].last { if case .literal = $0 { false } else { true } }
            let after = tokens[(k + 1)...].first { if case .literal = $0 { false } else { true } }
            if before.map({ isTime($0, hour: true) }) == true || after.map({ isTime($0, hour: false) }) == true {
                result[k] = token == .month ? .minute : .minute2
            }
        }
        return result
    }

    /// Whether values in this format are dates or times.
    var isDate: Bool { if case .date = self { true } else { false } }

    // MARK: Showing a value

    /// The text Excel shows for the number `value` in this format, with `language`'s decimal mark and month names.
    /// - Parameter date1904: the workbook counts days from 1904-01-01 (old Mac Excel) instead of 1900.
    /// - Complexity: O(1).
    func render(_ value: Double, language: Language, date1904: Bool) -> String {
        guard value.isFinite else { return Self.general(value, language: language) }
        switch self {
        case .general, .text:
            return Self.general(value, language: language)
        case let .fixed(decimals, minimumDigits, percent):
            return Self.fixed(percent ? value * 100 : value, decimals: decimals, minimumDigits: minimumDigits, language: language)
                + (percent ? "%" : "")
        case let .date(tokens):
            guard let moment = ExcelDate(serial: value, date1904: date1904) else { return Self.general(value, language: language) }
            return moment.render(tokens, language: language)
        }
    }

    /// A number as `General` shows it in a wide column: integers in full up to 15 digits, other values to Excel's
    /// 15 significant digits without trailing zeros, very large or small ones in E notation (`1.5E+20`).
    static func general(_ value: Double, language: Language) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        let text = String(format: "%.15G", value)
        return language == .da ? String(text.map { $0 == "." ? "," : $0 }) : text
    }

    /// `value` with exactly `decimals` decimals and at least `minimumDigits` integer digits.
    static func fixed(_ value: Double, decimals: Int, minimumDigits: Int, language: Language) -> String {
        let decimals = min(decimals, 15)
        guard abs(value) < 1e15 else { return general(value, language: language) }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        guard scaled < 9e15 else { return general(value, language: language) }
        let whole = Int64(scaled)
        let divisor = Int64(scale)
        var integerDigits = String(whole / divisor)
        if integerDigits.count < minimumDigits { integerDigits = String(repeating: "0", count: minimumDigits - integerDigits.count) + integerDigits }
        var text = (value < 0 && whole != 0 ? "-" : "") + integerDigits
        if decimals > 0 {
            let fraction = String(whole % divisor)
            text += (language == .da ? "," : ".") + String(repeating: "0", count: decimals - fraction.count) + fraction
        }
        return text
    }
}
