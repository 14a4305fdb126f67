import Foundation
import Testing
import SparringIO
import SparringTestSupport

/// The director's part of the report (everything before the consultant's appendix) shows what the decision needs:
/// names, unit, field and rank, and the columns the rules in force use; no e-mail address, age or other column
/// unless asked with --show, and no named wish. The appendix is marked confidential.
struct ReportPrivacyTests {
    /// The Kolding roster with an e-mail column added.
    static func roster(_ folder: String) throws -> String {
        let text = try String(contentsOfFile: Fixtures.path("kolding-daycare.csv"), encoding: .isoLatin1)
        var lines = text.split(whereSeparator: \.isNewline).map(String.init)
        lines[0] += ";e-mail"
        for k in 1..<lines.count { lines[k] += ";leder\(k)@kommune.dk" }
        let path = folder + "/ledere.csv"
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The part before the appendix.
    static func directorsPart(_ html: String) -> String {
        String(html[..<(html.range(of: "<section class=\"appendix\">")?.lowerBound ?? html.endIndex)])
    }

    @Test func theDirectorsPartHoldsOnlyTheAllowedColumns() throws {
        let folder = Fixtures.temporaryDirectory()
        let roster = try Self.roster(folder), report = folder + "/rapport.html"
        // No weight on district or gender and no lone-gender rule: neither is a rule's column here.
        let result = run("solve", roster, "--moves", "20000", "--weight", "køn=0", "--weight", "distrikt=0", "--lone", "køn=0", "--report", report)
        #expect(result.code == 0, "\(result.err)")
        let html = try String(contentsOfFile: report, encoding: .utf8)
        let part = Self.directorsPart(html)
        #expect(!part.contains("@kommune.dk"), "an e-mail address in the director's part")
        #expect(!part.contains("<th>e-mail</th>") && !part.contains("<th>distrikt</th>") && !part.contains("<th>køn</th>"))
        for allowed in ["<th>område</th>", "<th>lederniveau</th>", "<th>enhed</th>"] { #expect(part.contains(allowed), "\(allowed)") }
        // Named wishes only in the appendix, which says it is confidential.
        #expect(!part.contains("ønskede at komme i gruppe med") && !part.contains("ønske opfyldt:"))
        #expect(html.contains("Til konsulenten (fortroligt)"))
        #expect(part.contains("Grupperne på én side"))
        // Asked for, a column is shown.
        let shown = run("solve", roster, "--moves", "20000", "--report", report, "--show", "e-mail")
        #expect(shown.code == 0, "\(shown.err)")
        #expect(Self.directorsPart(try String(contentsOfFile: report, encoding: .utf8)).contains("@kommune.dk"))
        // A column that does not exist is refused, not ignored.
        let typo = run("solve", roster, "--moves", "1000", "--report", report, "--show", "email-adresse")
        #expect(typo.code != 0)
        #expect(typo.err.contains("--show \"email-adresse\" er ikke en kolonne i lederlisten"), "\(typo.err)")
    }

    /// `--letters`: one row per leader to tell them their group (Danish headers for a Danish roster): name, e-mail,
    /// group, the other members with their units, the facilitator; `--hide e-mail` leaves the address out.
    @Test func lettersTellEachLeaderTheirGroup() throws {
        let folder = Fixtures.temporaryDirectory()
        let roster = try Self.roster(folder), letters = folder + "/breve.csv", facilitators = folder + "/konsulenter.csv"
        try "navn;kapacitet\nMette Konsulent;4\nBo Facilitator;4\n".write(toFile: facilitators, atomically: true, encoding: .utf8)
        let result = run("solve", roster, "--moves", "20000", "--facilitators", facilitators, "--letters", letters)
        #expect(result.code == 0, "\(result.err)")
        let table = try TableReader.read(path: letters)
        #expect(table.header.map(\.text) == ["navn", "e-mail", "gruppe", "gruppens andre medlemmer", "gruppens netværkskonsulent"])
        #expect(table.rows.count == 42)
        let first = try #require(table.rows.first).map(\.text)
        #expect(first[0] == "Rikke Jensen" && first[1] == "leder1@kommune.dk")
        #expect(!first[3].contains("Rikke Jensen") && first[3].contains(" (Dagtilbud "), "\(first[3])")
        #expect(["Mette Konsulent", "Bo Facilitator"].contains(first[4]))
        #expect(run("solve", roster, "--moves", "20000", "--letters", letters, "--hide", "e-mail").code == 0)
        #expect(try TableReader.read(path: letters).header.map(\.text) == ["navn", "gruppe", "gruppens andre medlemmer"])
    }
}
