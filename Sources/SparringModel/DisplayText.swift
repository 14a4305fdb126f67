/// Roster text made safe to show to a person: characters that would act on the terminal or the page instead
/// of being read are written out as `<U+XXXX>` (four or more upper-case hex digits, the notation of `less`).
///
/// Rosters hold text typed by people. A broken or malicious cell can hold an escape sequence that recolours
/// or clears the terminal (`ESC [2J`), a bell, a carriage return or backspace that overwrites what was
/// printed, or Unicode bidirectional controls that make a name read differently from what it is
/// ("Trojan source": `"Bo\u{202E}gnp.exe"` shows as `Boexe.png`). Replaced:
///
/// - C0 controls U+0000–U+001F (line feed and tab too, unless `keepingNewlinesAndTabs`) and DEL U+007F;
/// - C1 controls U+0080–U+009F;
/// - bidi marks U+061C, U+200E, U+200F; embeddings and overrides U+202A–U+202E; isolates U+2066–U+2069;
/// - line and paragraph separators U+2028, U+2029.
///
/// So `"Ann\u{1B}[2JE"` becomes `"Ann<U+001B>[2JE"` and `"Bo\u{202E}gnp.exe"` becomes `"Bo<U+202E>gnp.exe"`.
/// Everything else, æøå and emoji included, is kept. The result contains none of the characters above, so
/// applying the function twice changes nothing.
///
/// Use it for what a person reads (explanations, terminal lines, the HTML report); data files (assignments,
/// groups, the JSON's name, id and value fields) keep the roster's text exactly.
///
/// - Parameters:
///   - text: text from a roster or another input file.
///   - keepingNewlinesAndTabs: keep line feed and tab as they are (for multi-line console output). A single
///     value (a name, a label) is one line, so by default they are shown as `<U+000A>` and `<U+0009>` too.
/// - Returns: `text` itself, without copying, when it holds nothing to replace (the usual case: it is
///   called for every name).
/// - Complexity: O(length).
public func displaySafe(_ text: String, keepingNewlinesAndTabs: Bool = false) -> String {
    // Fast path on the UTF-8 bytes: every replaced character is below 0x20, is 0x7F, or starts with
    // 0xC2 (U+0080–U+00BF), 0xD8 (U+0600–U+063F) or 0xE2 (U+2000–U+2FFF).
    let mayNeedWork = text.utf8.contains { byte in
        byte < 0x20 ? !(keepingNewlinesAndTabs && (byte == 0x0A || byte == 0x09)) : (byte == 0x7F || byte == 0xC2 || byte == 0xD8 || byte == 0xE2)
    }
    guard mayNeedWork, text.unicodeScalars.contains(where: { isReplaced($0, keepingNewlinesAndTabs) }) else { return text }
    var result = ""
    result.reserveCapacity(text.utf8.count + 16)
    for scalar in text.unicodeScalars {
        if isReplaced(scalar, keepingNewlinesAndTabs) {
            let hex = String(scalar.value, radix: 16, uppercase: true)
            result += "<U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + ">"
        } else {
            result.unicodeScalars.append(scalar)
        }
    }
    return result
}

/// Whether ``displaySafe(_:keepingNewlinesAndTabs:)`` writes `scalar` out as `<U+XXXX>`.
private func isReplaced(_ scalar: Unicode.Scalar, _ keepingNewlinesAndTabs: Bool) -> Bool {
    switch scalar.value {
    case 0x0A, 0x09: !keepingNewlinesAndTabs
    case 0x00...0x1F, 0x7F...0x9F: true
    case 0x061C, 0x200E, 0x200F, 0x2028...0x202E, 0x2066...0x2069: true
    default: false
    }
}
