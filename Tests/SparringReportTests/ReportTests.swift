import Testing
import SparringModel
import SparringReport
import SparringSolver

/// Six leaders in two groups: Bo reports to Hanne and both are in group 1; Eva is group 2's only man;
/// Ida wishes for Bo (not granted) and Cai for Hanne (granted).
func sampleContext(names: [String] = ["Hanne Holm", "Bo Lund", "Cai Mo", "Dea Ny", "Eva Ry", "Ida Sø"],
                   genderLevels: [String] = ["woman", "man"], labels: [String] = ["1", "2"],
                   visibility: Visibility = Visibility()) throws -> GroupingContext {
    let gender = Attribute(header: "Gender", key: "gender", role: .gender, kind: .categorical, levels: genderLevels,
                           codes: [0, 1, 1, 0, 1, 0])
    let seniority = Attribute(header: "Seniority", key: "seniority", role: .seniority, kind: .numeric, values: [10, 2, 5, 7, 1, 20])
    let roster = Roster(ids: ["L1", "L2", "L3", "L4", "L5", "L6"], names: names, attributes: [gender, seniority],
                        managers: [-1, 0, -1, -1, -1, -1], conflicts: [], wishes: [LeaderPair(2, 0), LeaderPair(5, 1)],
                        columns: ["id", "name", "Gender", "Seniority"],
                        rows: (0..<6).map { ["L\($0 + 1)", names[$0], gender.displayValue(of: $0), seniority.displayValue(of: $0)] })
    let settings = RuleSettings(sizing: GroupSizing(minSize: 3, maxSize: 3))
    let groups: [Int32] = [0, 0, 0, 1, 1, 1]
    let model = try ScoreModel(roster: roster, settings: settings, groups: 2)
    return GroupingContext(roster: roster, model: model, groups: groups, labels: labels, settings: settings, visibility: visibility)
}

struct ExplanationTests {
    @Test func namesBothLeadersOfABrokenSeparation() throws {
        let explanation = Explanation(try sampleContext())
        #expect(explanation.hardProblems == ["group 1: Hanne Holm (L1) and Bo Lund (L2): a manager and their direct report"])
        #expect(explanation.groups[0].problems == ["Hanne Holm (L1) and Bo Lund (L2): a manager and their direct report"])
        #expect(explanation.groups[1].problems.isEmpty)
    }

    @Test func groupNotesCoverLoneMembersAndWishes() throws {
        let explanation = Explanation(try sampleContext())
        #expect(explanation.groups[0].notes == ["Hanne Holm is the only one with gender woman"])
        #expect(explanation.groups[1].notes == ["Eva Ry is the only one with gender man"])
        // Wishes name a leader's own preference: the consultant's, kept apart from the director's notes.
        #expect(explanation.groups[0].personalNotes == ["wish granted: Cai Mo is with Hanne Holm"])
        #expect(explanation.groups[1].personalNotes == ["wish not granted: Ida Sø wished for Bo Lund (group 1)"])
        #expect(explanation.groups[1].composition.map(\.text) == ["woman 2, man 1", "1–20, mean 9.3"])
    }

    @Test func leaderStoriesSayWhereAndWhy() throws {
        let explanation = Explanation(try sampleContext())
        #expect(explanation.leaders[1].text == "Bo Lund is in group 1 with Hanne Holm and Cai Mo. Together with Hanne Holm despite a reporting line. Wished for by: Ida Sø (not granted; group 2).")
        #expect(explanation.leaders[2].text == "Cai Mo is in group 1 with Hanne Holm and Bo Lund. Wished for: Hanne Holm (granted).")
    }

    @Test func hiddenAttributesAndNamesStayOut() throws {
        let plain = try sampleContext()
        let visibility = try Visibility(hiding: ["køn", "name"], roster: plain.roster)
        let context = try sampleContext(visibility: visibility)
        let explanation = Explanation(context)
        let everything = (explanation.groups.flatMap { $0.notes + $0.personalNotes + $0.problems + $0.composition.map(\.text) } + explanation.leaders.map(\.text))
            .joined(separator: "\n")
        // (As whole words: "manager" in "a manager and their direct report" is no gender.)
        for secret in ["woman", "man", "Hanne", "Bo Lund"] { #expect(everything.range(of: "\\b\(secret)\\b", options: .regularExpression) == nil, "\(secret)") }
        #expect(explanation.rules.contains { $0.title.hasPrefix("gender no lone member") && $0.measure == "2 groups have a lone member" })
        let html = HTMLReport.render(context, explanation: explanation, source: .init(roster: "r.csv", isProposal: true, command: "c", run: nil))
        for secret in ["woman", ">man", "Hanne", "Gender"] { #expect(!html.contains(secret)) }
    }

    @Test func unknownHiddenColumnIsAnError() throws {
        let context = try sampleContext()
        #expect(throws: DiagnosticError.self) { try Visibility(hiding: ["gendr"], roster: context.roster) }
    }
}

/// The director's summary for sector networks: a pure group shares the field and mixes ranks, and where a field
/// cannot mix ranks the summary says so — all of one rank, or too few outside the most common one.
struct DirectorSummaryTests {
    /// Skole: six team leaders (one rank: no pure group); Ældre: five team leaders and a head (one pure group of
    /// six); Dagtilbud: thirteen team leaders and a head (one group can mix: at most seven). Groups by field, so
    /// 6 + 7 leaders sit in pure groups, as many as the roster allows.
    func sectorContext(_ words: Words) throws -> GroupingContext {
        let fields = [String](repeating: "Skole", count: 6) + [String](repeating: "Ældre", count: 6) + [String](repeating: "Dagtilbud", count: 14)
        let heads: Set<Int> = [11, 25]
        let field = Attribute(header: "Field", key: "field", role: .field, kind: .categorical, levels: ["Skole", "Ældre", "Dagtilbud"],
                              codes: fields.map { ["Skole", "Ældre", "Dagtilbud"].firstIndex(of: $0).map(Int32.init)! })
        let rank = Attribute(header: "Rank", key: "rank", role: .rank, kind: .categorical, levels: ["team", "head"],
                             codes: (0..<26).map { heads.contains($0) ? 1 : 0 })
        let ids = (1...26).map { "L\($0)" }, names = (1...26).map { "Leader \($0)" }
        let roster = Roster(ids: ids, names: names, attributes: [field, rank], managers: [Int32](repeating: -1, count: 26), conflicts: [], wishes: [],
                            columns: ["id", "name", "Field", "Rank"],
                            rows: (0..<26).map { [ids[$0], names[$0], field.displayValue(of: $0), rank.displayValue(of: $0)] })
        let settings = RuleSettings(typology: .sector)
        let groups: [Int32] = [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1] + [Int32](repeating: 2, count: 6) + [Int32](repeating: 3, count: 7) + [2]
        let model = try ScoreModel(roster: roster, settings: settings, groups: 4)
        return GroupingContext(roster: roster, model: model, groups: groups, labels: ["1", "2", "3", "4"], settings: settings, words: words)
    }

    @Test func sectorShortfallsNameFieldsThatCannotMixRanks() throws {
        let english = DirectorSummary(try sectorContext(Words(.en)))
        #expect(english.achieved.first?.text == "13 of 26 leaders sit in a group where everyone has the same field but not everyone the same rank.")
        #expect(english.shortfallIntro == "13 of 26 leaders sit in a group where everyone has the same field but not everyone the same rank. The roster allows at most 13, for these reasons:")
        #expect(english.shortfalls == [
            "Dagtilbud: only 1 of its 14 leaders has another rank than team, and every group of a sector network needs one, so at most 7 can sit in pure groups.",
            "Skole: all 6 leaders have the same rank (team), and a sector network brings several ranks together.",
        ])
        let danish = DirectorSummary(try sectorContext(Words(.da)))
        #expect(danish.achieved.first?.text == "13 af 26 ledere sidder i en gruppe, hvor alle har samme fagområde, men ikke alle har samme ledelsesniveau.")
        #expect(danish.shortfalls == [
            "Dagtilbud: kun 1 af de 14 ledere har et andet ledelsesniveau end team, og hver gruppe i et sektornetværk skal have mindst to ledelsesniveauer, så højst 7 kan sidde i rene grupper.",
            "Skole: alle 6 ledere har samme ledelsesniveau (team), og et sektornetværk samler flere ledelsesniveauer.",
        ])
    }
}

struct HTMLReportTests {
    @Test func markupInNamesIsText() throws {
        let context = try sampleContext(names: ["<b>Hanne</b>", "Bo & \"Co\"", "<script>alert(1)</script>", "Dea", "Eva's", "Ida"])
        let html = HTMLReport.render(context, explanation: Explanation(context), source: .init(roster: "<x>.csv", isProposal: true, command: "sparring score '<x>.csv'", run: nil))
        #expect(html.contains("&lt;b&gt;Hanne&lt;/b&gt;"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("Bo &amp; &quot;Co&quot;"))
        #expect(!html.contains("<b>") && !html.contains("<script"))
    }

    @Test func selfContainedWithCardsChartsAndBrokenRules() throws {
        let context = try sampleContext()
        let html = HTMLReport.render(context, explanation: Explanation(context), source: .init(roster: "/secret/folder/r.csv", isProposal: true, command: "c", run: nil))
        for external in ["http:", "https:", "src=", "<link", "url(", "@import", "<script", "href="] { #expect(!html.contains(external)) }
        #expect(html.components(separatedBy: "<article class=\"card").count - 1 == 2)
        #expect(html.contains("<article class=\"card broken\">"))
        #expect(html.contains("<h3>Rules that are broken</h3>"))
        #expect(html.components(separatedBy: "<svg ").count - 1 == 2)
        #expect(html.contains("@page { size: A4"))
        #expect(!html.contains("/secret/folder"))
    }
}

/// Text typed into a roster must not act on the reader's terminal or page: escape sequences, bells, carriage
/// returns and bidi overrides are shown as `<U+XXXX>` in every text a person reads.
struct DisplaySafetyTests {
    static let names = ["Ann\u{1B}[2JE", "Bo\u{202E}gnp.exe", "Cai Mo", "Dea Ny", "Eva Ry", "Ida Sø"]

    func hostileContext() throws -> GroupingContext {
        try sampleContext(names: Self.names, genderLevels: ["woman\u{1B}[31m", "man\u{7}"], labels: ["1\u{202E}", "2"])
    }

    @Test func explanationTextsShowControlCharacters() throws {
        let context = try hostileContext()
        let explanation = Explanation(context)
        #expect(explanation.hardProblems == ["group 1<U+202E>: Ann<U+001B>[2JE (L1) and Bo<U+202E>gnp.exe (L2): a manager and their direct report"])
        #expect(explanation.groups[0].notes == ["Ann<U+001B>[2JE is the only one with gender woman<U+001B>[31m"])
        #expect(explanation.groups[0].personalNotes == ["wish granted: Cai Mo is with Ann<U+001B>[2JE"])
        #expect(explanation.groups[1].notes == ["Eva Ry is the only one with gender man<U+0007>"])
        #expect(explanation.groups[1].personalNotes == ["wish not granted: Ida Sø wished for Bo<U+202E>gnp.exe (group 1<U+202E>)"])
        #expect(explanation.groups[1].composition.map(\.text) == ["woman<U+001B>[31m 2, man<U+0007> 1", "1–20, mean 9.3"])
        #expect(explanation.leaders[1].text == "Bo<U+202E>gnp.exe is in group 1<U+202E> with Ann<U+001B>[2JE and Cai Mo. Together with Ann<U+001B>[2JE despite a reporting line. Wished for by: Ida Sø (not granted; group 2).")
        // Labels kept as fields stay as given.
        #expect(explanation.groups[0].label == "1\u{202E}")
        let texts = explanation.hardProblems + explanation.leaders.map(\.text) + explanation.rules.flatMap { [$0.title, $0.measure] }
            + explanation.groups.flatMap { $0.problems + $0.notes + $0.composition.map(\.text) }
        for text in texts { #expect(!text.unicodeScalars.contains { $0.value < 0x20 || $0 == "\u{202E}" }, "\(text)") }
    }

    @Test func terminalSummaryShowsControlCharacters() throws {
        let context = try hostileContext()
        let text = ScoreSummary.renderGroups(Explanation(context), context: context)
        #expect(text.hasPrefix("group 1<U+202E> (3): Ann<U+001B>[2JE; Bo<U+202E>gnp.exe; Cai Mo\n  BROKEN: Ann<U+001B>[2JE (L1) and Bo<U+202E>gnp.exe (L2)"))
        #expect(!text.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{7}" || $0 == "\u{202E}" })
    }

    @Test func reportShowsControlCharacters() throws {
        let context = try hostileContext()
        let html = HTMLReport.render(context, explanation: Explanation(context),
                                     source: .init(roster: "r\u{1B}.csv", isProposal: true, command: "sparring solve 'r\u{1B}.csv'", run: nil))
        #expect(html.contains("<td>Ann&lt;U+001B&gt;[2JE <span class=\"id\">"))
        #expect(html.contains("<td>Bo&lt;U+202E&gt;gnp.exe <span class=\"id\">"))
        #expect(html.contains("<li>Ann&lt;U+001B&gt;[2JE (L1) and Bo&lt;U+202E&gt;gnp.exe (L2): a manager and their direct report</li>"))
        #expect(html.contains("<h3>Group 1&lt;U+202E&gt; "))
        #expect(html.contains("woman&lt;U+001B&gt;[31m (3)"))
        #expect(html.contains("r&lt;U+001B&gt;.csv"))
        let forbidden: Set<UInt32> = [0x1B, 0x07, 0x202E]
        #expect(!html.unicodeScalars.contains { forbidden.contains($0.value) })
        // The page's own line breaks stay; no other C0 control is left.
        #expect(!html.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    }

    @Test func escapeHTMLIsDisplaySafe() {
        #expect(escapeHTML("<Ann\u{1B}[2JE & Bo\u{202E}gnp.exe>") == "&lt;Ann&lt;U+001B&gt;[2JE &amp; Bo&lt;U+202E&gt;gnp.exe&gt;")
        #expect(escapeHTML("Søren") == "Søren")
    }

    @Test func visibilityNameStaysRawForDataFiles() throws {
        let context = try hostileContext()
        #expect(context.visibility.name(context.roster, 0) == "Ann\u{1B}[2JE")
        #expect(context.visibility.displayName(context.roster, 0) == "Ann<U+001B>[2JE")
        #expect(context.visibility.person(context.roster, 1) == "Bo<U+202E>gnp.exe (L2)")
    }
}
