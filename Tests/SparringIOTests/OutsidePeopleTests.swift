import Testing
import SparringIO
import SparringModel
import SparringTestSupport

/// A person named in a relation cell who is not in the roster is an error with the closest names, unless the
/// consultant says the person is outside the roster on purpose.
struct OutsidePeopleTests {
    static let misspelt = "id,name,manager\n1,Mette Hansen,\n2,Bo Dahl,Mete Hansen\n3,Ib Lund,Mette Hansen\n"

    @Test func aMisspeltManagerIsAnErrorThatSuggestsTheClosestName() throws {
        #expect(thrown { _ = try loadRoster(Self.misspelt) } == """
            in.csv:3:11: error: the manager "Mete Hansen" of leader "2" is not in the roster; did you mean "Mette Hansen"?
            Maybe correct the name; or, if "Mete Hansen" is not in the roster on purpose, say so: --outside 'Mete Hansen'.
            """)
        let accepted = try loadRoster(Self.misspelt, RosterOptions(outside: ["mete hansen"]))
        #expect(accepted.roster.managers == [-1, -1, 0])
        #expect(accepted.warnings.isEmpty)
        // Someone in the roster named as outside it: the roster wins, and a warning says so.
        let both = try loadRoster(Self.misspelt, RosterOptions(outside: ["mete hansen", "Mette Hansen"]))
        #expect(both.roster.managers == [-1, -1, 0])
        #expect(both.warnings.map(\.description) == [
            "warning: --outside names \"Mette Hansen\", who is in the roster: a cell naming \"Mette Hansen\" means that leader\nMaybe leave them out of --outside, or correct the name.",
        ])
    }

    @Test func suggestionsIgnoreCaseAndDanishLetters() {
        let text = "nr;navn;ønsker\n1;Søren Møller;\n2;Åse Ærø;soren moller\n3;Bo;ASE AERO|Bo\n"
        #expect(danishProblems(text) == """
            in.csv:3:11: fejl: ønske "soren moller" for leder "2" er ikke på lederlisten; mente du "Søren Møller"?
            Tip: ret navnet; eller, hvis "soren moller" med vilje ikke er på lederlisten, så sig det: --outside 'soren moller'.
            in.csv:4:6: fejl: ønske "ASE AERO" for leder "3" er ikke på lederlisten; mente du "Åse Ærø"?
            Tip: ret navnet; eller, hvis "ASE AERO" med vilje ikke er på lederlisten, så sig det: --outside 'ASE AERO'.
            """)
    }

    /// The director at the top, named by several leaders: one error, with the ways to say so.
    @Test func aDirectorNamedBySeveralIsOneErrorWithTheWayToSaySo() throws {
        var text = "nr;navn;nærmeste leder\n"
        for i in 1...9 { text += "\(i);Leder \(i);\(i <= 3 ? "Lars Bak" : "Leder \((i - 1) / 3)")\n" }
        #expect(danishProblems(text) == """
            in.csv:2:11: fejl: nærmeste leder "Lars Bak" for 3 ledere (linje 2, 3, 4) er ikke på lederlisten
            Tip: er "Lars Bak" øverst i ledelseslinjen og skal ikke i en gruppe (en direktør), så sig det: --outside 'Lars Bak', eller skriv "Lars Bak (udenfor)" i cellerne; ellers skal personen tilføjes til lederlisten.
            """)
        #expect(try loadRoster(text, RosterOptions(outside: ["Lars Bak"])).roster.managers.prefix(4) == [-1, -1, -1, 0])
        let marked = text.replacingOccurrences(of: ";Lars Bak\n", with: ";Lars Bak (udenfor)\n")
        #expect(try loadRoster(marked).roster.managers.prefix(4) == [-1, -1, -1, 0])
        #expect(try loadRoster(marked).warnings.isEmpty)
    }

    @Test func manyUnknownPeopleAreListedThenCounted() {
        var text = "id,name,wishes\n"
        for i in 1...40 { text += "\(i),Leader \(i),\(i <= 15 ? "Stranger \(i)" : "Leader \(i % 40 + 1)")\n" }
        var errors: [String] = []
        do { _ = try loadRoster(text) } catch { errors = error.diagnostics.map(\.description) }
        #expect(errors.count == 13)
        #expect(errors.last == """
            in.csv:14:14: error: … and 3 more wishes in column "wishes" are not in the roster: "Stranger 13" (line 14), "Stranger 14" (line 15), "Stranger 15" (line 16)
            Maybe correct the id or name, or add the person to the roster; if they are not in it on purpose (a director, a leader who has left), say so: --outside '…'.
            """)
    }
}
