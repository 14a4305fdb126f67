import Foundation
import SparringModel

/// The names in a roster closest to a reference that matches nobody, for "did you mean …?". Ids are not
/// suggested: one id is usually one keystroke from many others, so a near id says nothing.
///
/// Names are compared folded: lower case, Danish letters written out (æ → ae, ø → oe, å → aa; so "Moller" is one
/// step from "Møller"), other accents left out ("Rene" finds "René"). The distance is the number of letters
/// inserted, deleted, replaced or swapped with a neighbour (Damerau–Levenshtein, optimal string alignment); a
/// name is suggested when it is at the smallest distance found and that distance is at most a quarter of the
/// reference's length (at least 1, at most 3). At most three names are suggested.
///
/// - Complexity: O(roster × length × allowed distance) per reference (the computation is cut to a band).
struct NameSuggestions {
    private let candidates: [(shown: String, folded: [Character])]

    init(_ roster: Roster) {
        var seen = Set<String>()
        var candidates: [(String, [Character])] = []
        for i in roster.ids.indices where roster.names[i] != roster.ids[i] {
            let folded = Self.fold(roster.names[i])
            if seen.insert(String(folded)).inserted { candidates.append((roster.names[i], folded)) }
        }
        self.candidates = candidates
    }

    /// The closest names to `text`, best first (roster order among equals); empty when none is close.
    func closest(to text: String) -> [String] {
        let target = Self.fold(text)
        guard !target.isEmpty else { return [] }
        let allowed = min(3, max(1, target.count / 4))
        var best = allowed + 1
        var found: [String] = []
        for candidate in candidates where abs(candidate.folded.count - target.count) <= allowed {
            let d = Self.distance(target, candidate.folded, limit: min(best, allowed))
            if d < best {
                best = d
                found = [candidate.shown]
            } else if d == best && d <= allowed {
                found.append(candidate.shown)
            }
        }
        return best <= allowed ? Array(found.prefix(3)) : []
    }

    static func fold(_ text: String) -> [Character] {
        var out = ""
        for character in normalizedHeader(text) {
            switch character {
            case "æ": out += "ae"
            case "ø": out += "oe"
            case "å": out += "aa"
            case "ä": out += "ae"
            case "ö": out += "oe"
            case "ü": out += "ue"
            default: out.append(character)
            }
        }
        return Array(out.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil))
    }

    /// The optimal-string-alignment distance, or `limit + 1` once it must exceed `limit`.
    static func distance(_ a: [Character], _ b: [Character], limit: Int) -> Int {
        if abs(a.count - b.count) > limit { return limit + 1 }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        let big = limit + 1
        var before = [Int](repeating: big, count: b.count + 1)
        var previous = Array(0...b.count).map { min($0, big) }
        var current = [Int](repeating: big, count: b.count + 1)
        for i in 1...a.count {
            current[0] = min(i, big)
            var rowBest = current[0]
            let low = max(1, i - limit), high = min(b.count, i + limit)
            if low > 1 { current[low - 1] = big }
            for j in low...max(low, high) where j <= b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j - 1] + cost, previous[j] + 1, current[j - 1] + 1)
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] { value = min(value, before[j - 2] + 1) }
                current[j] = min(value, big)
                rowBest = min(rowBest, current[j])
            }
            if high < b.count { current[high + 1] = big }
            if rowBest > limit { return big }
            (before, previous, current) = (previous, current, before)
        }
        return min(previous[b.count], big)
    }
}
