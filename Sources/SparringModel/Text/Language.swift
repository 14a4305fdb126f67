/// The language of every word a person reads: terminal summaries, explanations, warnings and errors, the
/// HTML report and the words the CSV outputs add. Machine-readable lines (`hard:`, `soft:`, …), JSON keys and
/// `--help` do not change with it.
public enum Language: String, CaseIterable, Sendable, Codable {
    case en, da

    /// The catalogue of this language: every text by key (see ``Words``). One file per language for the
    /// engine's texts, one for reading rosters (`Input*.swift`), one for the workbench's answers (`workbench.*`,
    /// `Workbench*.swift`), one for the workbench page's (`page.*`, `Page*.swift`), one for the workbench server's
    /// refusals (`server.*`, `Server*.swift`), one for the saved workbench session (`Journal*.swift`) and one for
    /// the command line's words about output files (`Output*.swift`). Built once.
    var table: [String: String] {
        switch self {
        case .en: Self.english
        case .da: Self.danish
        }
    }

    private static let english = englishTexts.merging(englishInputTexts) { engine, _ in engine }.merging(englishWorkbenchTexts) { engine, _ in engine }
        .merging(englishPageTexts) { engine, _ in engine }
        .merging(englishJournalTexts) { engine, _ in engine }
        .merging(englishServerTexts) { engine, _ in engine }
        .merging(englishOutputTexts) { engine, _ in engine }
    private static let danish = danishTexts.merging(danishInputTexts) { engine, _ in engine }.merging(danishWorkbenchTexts) { engine, _ in engine }
        .merging(danishPageTexts) { engine, _ in engine }
        .merging(danishJournalTexts) { engine, _ in engine }
        .merging(danishServerTexts) { engine, _ in engine }
        .merging(danishOutputTexts) { engine, _ in engine }

    /// `da`, `dansk`, `danish`, `en`, `engelsk`, `english` (any case).
    public init?(name: String) {
        switch name.lowercased() {
        case "da", "dansk", "danish", "dk": self = .da
        case "en", "engelsk", "english": self = .en
        default: return nil
        }
    }

    /// The language a roster is written in, judged by its headers: Danish when more of its recognised headers
    /// are Danish words (`navn`, `køn`, `fagområde`, `nærmeste leder`, …) or hold æ, ø or å than are English
    /// words (`name`, `gender`, `field`, `manager`, …); English otherwise, and for a roster of unknown headers.
    /// - Complexity: O(headers).
    public static func of(headers: [String]) -> Language {
        var danish = 0, english = 0
        for header in headers {
            let key = normalizedHeader(header)
            let alias = ColumnRole.match(header: header)?.alias
            if englishHeaders.contains(key) || alias.map(englishHeaders.contains) == true {
                english += 1
            } else if alias != nil || key.contains(where: { "æøå".contains($0) }) {
                danish += 1
            }
        }
        return danish > english ? .da : .en
    }

    /// The English spellings among ``ColumnRole/aliases``; every other alias is Danish (`charge`, `nr` included).
    static let englishHeaders: Set<String> = [
        "id", "leader id", "name", "full name", "first name", "firstname", "last name", "lastname", "surname",
        "field", "sector", "area", "rank", "level", "gender", "sex", "seniority", "years as leader", "age", "unit",
        "department", "manager", "boss", "reports to", "location", "district", "town", "conflicts", "conflict",
        "wishes", "wish", "keep together", "together", "group", "network", "team",
        "employee id", "employee number", "leader name", "given name", "family name", "line manager",
        "direct manager", "immediate manager", "supervisor", "superior", "reporting to", "reports to manager", "manager name",
        "avoid", "not with", "keep apart", "wants", "would like", "prefers", "wish list",
    ]
}
