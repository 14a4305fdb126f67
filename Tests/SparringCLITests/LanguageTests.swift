import Foundation
import Testing
import SparringTestSupport

/// Every word a person reads follows the language: Danish for a Danish roster, English for an English one,
/// `--language` to choose; the report is written for a director, with the engineering in an appendix.
struct LanguageTests {
    /// Words a director should not meet before the appendix "For the consultant".
    static let engineerTerms = ["point", "score", "random", "tilfældig", "weight", "vægt", "soft", "hard", "--", "pairs", " par med samme", "seed"]

    /// The page's text before the appendix, without markup (style sheet dropped).
    static func directorText(_ html: String) -> String {
        var text = html
        if let appendix = text.range(of: "<section class=\"appendix\">") { text = String(text[..<appendix.lowerBound]) }
        if let style = text.range(of: "<style>"), let end = text.range(of: "</style>") { text.removeSubrange(style.lowerBound..<end.upperBound) }
        return text.replacingOccurrences(of: "<[^>]+>", with: " ", options: .regularExpression)
    }

    @Test func danishRosterGivesADanishReportForTheDirector() throws {
        let folder = Fixtures.temporaryDirectory()
        let report = folder + "/rapport.html", out = folder + "/grupper.csv"
        let result = run("solve", Fixtures.path("koege-300.csv"), "--typology", "lokal", "--moves", "300000", "--threads", "1",
                         "--report", report, "--out", out, "--title", "Ledernetværk 2027", "--author", "Mette Holm, HR", "--date", "1. december 2026")
        #expect(result.code == 0, "\(result.err)")
        let html = try String(contentsOfFile: report, encoding: .utf8)
        #expect(html.contains("<html lang=\"da\">"))
        let text = Self.directorText(html)
        for phrase in ["Ledernetværk 2027", "1. december 2026 · Mette Holm, HR", "Opgaven", "Lokale netværk samler ledere", "Resultatet",
                       "af 300 ledere sidder i en gruppe, hvor alle har samme fagområde og ledelsesniveau.",
                       "Ingen sidder i gruppe med sin nærmeste leder eller sine egne medarbejdere.",
                       "ønsker om at komme i gruppe med en bestemt kollega er opfyldt.",
                       "Hvor typologien ikke kunne opfyldes – og hvorfor", "for få til en gruppe på mindst 5", "Grupperne", "Næste skridt"] {
            #expect(text.contains(phrase), "missing: \(phrase)")
        }
        for term in Self.engineerTerms { #expect(!text.lowercased().contains(term), "engineer term before the appendix: \(term)") }
        #expect(html.contains("<h2>Til konsulenten (fortroligt)</h2>"))
        // The roster's decimal comma stays a comma; the added column is Danish.
        #expect(html.contains("<td>6,5</td>") && !html.contains("<td>6.5</td>"))
        let csv = try String(contentsOfFile: out, encoding: .utf8)
        #expect(csv.split(whereSeparator: \.isNewline).first?.hasSuffix(";gruppe") == true)
        // The terminal summary is Danish; the machine-readable lines are not.
        #expect(result.out.contains("ledere: 300") && result.out.contains("typologi: lokale netværk (samme fagområde, samme ledelsesniveau)"))
        #expect(result.out.contains("\nhard: 0\nsoft: ") && result.out.contains("\nmoves: 300000\n"))
    }

    @Test func englishRosterGivesAnEnglishReport() throws {
        let folder = Fixtures.temporaryDirectory()
        let report = folder + "/report.html"
        let result = run("solve", Fixtures.path("roster-300.csv"), "--typology", "sector", "--moves", "300000", "--threads", "1", "--report", report)
        #expect(result.code == 0, "\(result.err)")
        let html = try String(contentsOfFile: report, encoding: .utf8)
        #expect(html.contains("<html lang=\"en\">"))
        let text = Self.directorText(html)
        for phrase in ["Proposed leader network groups", "What was asked", "Sector networks bring together", "What was achieved",
                       "of 300 leaders sit in a group where everyone has the same field but not everyone the same rank.", "Nobody sits in a group with their own manager or their own staff.",
                       "What happens now"] {
            #expect(text.contains(phrase), "missing: \(phrase)")
        }
        for term in Self.engineerTerms { #expect(!text.lowercased().contains(term), "engineer term before the appendix: \(term)") }
        for danish in ["ledere", "gruppe ", "Opgaven", "ønsker"] { #expect(!text.contains(danish)) }
        #expect(html.contains("<h2>For the consultant (confidential)</h2>"))
    }

    @Test func languageOptionOverridesTheRoster() throws {
        let danishInEnglish = run("solve", Fixtures.path("small-danish.csv"), "--min-size", "3", "--max-size", "4", "--moves", "20000", "--language", "en")
        #expect(danishInEnglish.out.contains("leaders: 12") && danishInEnglish.out.contains("typology: broad (different fields, different ranks)"))
        let englishInDanish = run("solve", Fixtures.path("small-english.csv"), "--min-size", "3", "--max-size", "4", "--moves", "20000", "--language", "dansk")
        #expect(englishInDanish.out.contains("ledere: 12") && englishInDanish.out.contains("typologi: brede netværk"))
        let unknown = run("solve", Fixtures.path("small-english.csv"), "--language", "tysk")
        #expect(unknown.code == 64 && unknown.err.contains("unknown language 'tysk'"))
    }

    @Test func errorsFollowTheRosterLanguage() {
        let danish = run("solve", Fixtures.path("koege-300.csv"), "--weight", "kon=-2")
        #expect(danish.code == 1)
        #expect(danish.err.contains("fejl: --weight kon=…: lederlisten har ingen kolonne \"kon\"\nTip: brug en af: fagområde, lederniveau, køn"))
        let english = run("solve", Fixtures.path("koege-300.csv"), "--weight", "kon=-2", "--language", "en")
        #expect(english.err.contains("error: --weight kon=…: the roster has no attribute \"kon\"\nMaybe use one of: fagområde, lederniveau, køn"))
    }

    @Test func danishTypologyNamesAreAccepted() {
        for name in ["lokal", "tværgående", "sektor", "bred", "lokale", "brede netværk"] {
            let result = run("solve", Fixtures.path("small-danish.csv"), "--min-size", "3", "--max-size", "4", "--moves", "5000", "--typology", name)
            #expect(result.code == 0, "\(name): \(result.err)")
        }
    }

    /// Two leaders of the same name are told apart in every output: by unit where their units differ, else by id.
    @Test func namesakesAreToldApartEverywhere() throws {
        let folder = Fixtures.temporaryDirectory()
        var lines = ["nr;navn;fagområde;lederniveau;køn;enhed"]
        let fields = ["Skole", "Dagtilbud", "Ældre"]
        for k in 1...18 {
            let name = k == 4 || k == 11 ? "Mette Andersen" : (k == 6 || k == 15 ? "Bo Lund" : "Leder \(k)")
            let unit = k == 6 || k == 15 ? "Fælles" : "Enhed \(k)"
            lines.append("\(k);\(name);\(fields[k % 3]);chef;\(k % 2 == 0 ? "kvinde" : "mand");\(unit)")
        }
        let roster = folder + "/navne.csv"
        try lines.joined(separator: "\n").write(toFile: roster, atomically: true, encoding: .utf8)
        let report = folder + "/r.html", groups = folder + "/g.csv", json = folder + "/r.json"
        let result = run("solve", roster, "--moves", "20000", "--report", report, "--groups-out", groups, "--json", json, "--min-size", "3", "--max-size", "4")
        #expect(result.code == 0, "\(result.err)")
        let outputs = [try String(contentsOfFile: report, encoding: .utf8), try String(contentsOfFile: groups, encoding: .utf8)]
        for text in outputs {
            #expect(text.contains("Mette Andersen (Enhed 4)") && text.contains("Mette Andersen (Enhed 11)"))
            #expect(text.contains("Bo Lund (6)") && text.contains("Bo Lund (15)"))
        }
        let explained = try String(contentsOfFile: json, encoding: .utf8)
        #expect(explained.contains("Mette Andersen (Enhed 4) er i gruppe") && explained.contains("Mette Andersen (Enhed 11) er i gruppe"))
    }
}
