import SparringModel

/// People named in relation cells who are not in the roster on purpose — typically the director at the top of
/// the reporting line, who is not grouped.
///
/// Said in either of two ways:
/// - `--outside "Lars Bak"` (repeatable; a comma list is read as its names, and as a whole): references equal to
///   one of these names or ids, ignoring case and spaces, are accepted without a word;
/// - in the cell itself, the person followed by a marker in brackets: `Lars Bak (udenfor)`, `L99 (outside)`, or
///   the marker alone (`udenfor`, `outside`, `ekstern`, `external`).
///
/// A reference that names a leader of the roster is that leader, whatever the list says.
struct OutsidePeople: Sendable {
    /// The markers, Danish and English; the first is shown in hints.
    static let markers = ["udenfor", "outside", "ekstern", "external"]

    private let names: Set<String>

    init(_ given: [String]) {
        var names = Set<String>()
        for value in given {
            let whole = normalizedHeader(value)
            if !whole.isEmpty { names.insert(whole) }
            for piece in value.split(separator: ",") {
                let key = normalizedHeader(String(piece))
                if !key.isEmpty { names.insert(key) }
            }
        }
        self.names = names
    }

    /// Whether `text` is one of the people given (`--outside`).
    func contains(_ text: String) -> Bool { names.contains(normalizedHeader(text)) }

    /// Whether the cell itself says the person is outside the roster: a marker alone, or after the person in brackets.
    func isMarked(_ text: String) -> Bool {
        let key = normalizedHeader(text)
        if Self.markers.contains(key) { return true }
        guard key.hasSuffix(")"), let open = key.lastIndex(of: "(") else { return false }
        let inside = key[key.index(after: open)..<key.index(before: key.endIndex)].trimmingSpaces()
        return Self.markers.contains(inside)
    }
}
