import SparringIO
import SparringModel

/// The file for telling the leaders (`--letters FILE`, for Word or Outlook mail merge): one row per leader with
/// their name, their e-mail address when the roster has one, their group, their group-mates with their units, and the
/// group's facilitator and convenor when those are placed. Headers in the roster's language; hidden columns stay out.
public enum LettersTable {
    /// Headers of an e-mail column (normalised).
    static let emailHeaders: Set<String> = ["e-mail", "email", "mail", "e-mailadresse", "emailadresse", "e-mail-adresse", "mailadresse", "e-post"]

    /// The header and rows. O(n · group size).
    public static func table(_ context: GroupingContext) -> (header: [String], rows: [[String]]) {
        let roster = context.roster, words = context.words, visibility = context.visibility
        let email = roster.columns.indices.first { emailHeaders.contains(normalizedHeader(roster.columns[$0])) && !visibility.hiddenColumns.contains($0) }
        let unit = roster.attributes.indices.first { roster.attributes[$0].role == .unit && !visibility.hiddenAttributes.contains($0) }
        var header = [words("letters.name")] + (email.map { _ in [words("letters.email")] } ?? []) + [words("letters.group"), words("letters.mates")]
        let columns = context.groupColumns
        header += columns.map(\.header)
        func mate(_ i: Int) -> String {
            let value = unit.map { roster.attributes[$0].displayValue(of: i) } ?? ""
            return visibility.name(roster, i) + (value.isEmpty ? "" : " (\(value))")
        }
        let rows = roster.ids.indices.map { i -> [String] in
            let g = Int(context.groups[i])
            var row = [visibility.name(roster, i)]
            if let email { row.append(i < roster.rows.count && email < roster.rows[i].count ? roster.rows[i][email] : "") }
            row += [context.labels[g], context.members[g].filter { $0 != i }.map(mate).joined(separator: "; ")]
            row += columns.map { $0.values[g] }
            return row
        }
        return (header, rows)
    }
}
