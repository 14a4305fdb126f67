import Testing
@testable import SparringIO
@testable import SparringModel

/// A roster's problems read in Danish as a Danish consultant writes, and a Danish roster's errors carry its
/// language so that the command line can show them in it.
struct DanishDiagnosticsTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let roster: String
        /// Every diagnostic (errors, or warnings when the roster loads), rendered in Danish.
        let danish: [String]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "not a number", roster: "nr;navn;anciennitet\n1;Åse;ti år\n", danish: [
            "in.csv:2:7: fejl: anciennitet \"ti år\" er ikke et tal\nTip: skriv antal år som tal, fx 12 eller 3,5, eller lad cellen stå tom.",
        ]),
        Case(name: "a column named as the roster names it", roster: "Nr;Navn;År som leder\n1;Åse;ti\n", danish: [
            "in.csv:2:7: fejl: år som leder \"ti\" er ikke et tal\nTip: skriv antal år som tal, fx 12 eller 3,5, eller lad cellen stå tom.",
        ]),
        Case(name: "implausible number", roster: "nr;alder\n1;130,5\n", danish: [
            "in.csv:2:3: fejl: alder \"130,5\" er ikke et realistisk antal år (højst 120)\nTip: tjek cellen; der kan stå en dato, et id eller en tastefejl.",
        ]),
        Case(name: "duplicate and empty ids", roster: "nr;navn\n1;Åse\n1;Bo\n;Eva\n", danish: [
            "in.csv:3:1: fejl: id'et \"1\" er brugt to gange; det står også på linje 2\nTip: giv hver leder sit eget id; er det den samme person, så slet den ene række.",
            "in.csv:4:1: fejl: lederen har intet id\nTip: giv hver leder sit eget id, eller slet rækken, hvis den ikke er en leder.",
        ]),
        Case(name: "short row", roster: "nr;navn;køn\n1;Åse\n", danish: [
            "in.csv:2:1: fejl: rækken har 2 celler, men overskriftsrækken har 3\nTip: der mangler en celle, eller to celler er slået sammen; sammenlign rækken med overskriftsrækken (sidste celle, der blev læst: \"Åse\").",
        ]),
        Case(name: "no id column, one header empty", roster: "navn;;køn\nÅse;;K\n", danish: [
            "in.csv:1:1: fejl: der er ingen id-kolonne; kolonnerne hedder \"navn\", en tom celle, \"køn\"\nTip: tilføj en kolonne \"id\" (eller \"nr\", \"medarbejdernr\") med et entydigt id for hver leder.",
        ]),
        Case(name: "own manager", roster: "nr;navn;nærmeste leder\n1;Åse;1\n2;Bo;\n", danish: [
            "in.csv:2:7: fejl: leder \"1\" står som sin egen nærmeste leder\nTip: lad cellen stå tom, hvis lederens nærmeste leder ikke er på lederlisten, eller skriv den nærmeste leders id.",
        ]),
        Case(name: "a manager not in the roster (an error, with the way to say it is on purpose)", roster: "nr;navn;nærmeste leder\n1;Åse;99\n2;Bo;1\n", danish: [
            "in.csv:2:7: fejl: nærmeste leder \"99\" for leder \"1\" er ikke på lederlisten\nTip: ret id'et eller navnet, eller tilføj personen til lederlisten; er personen med vilje ikke med (en direktør, en leder, der er stoppet), så sig det: --outside '99'.",
        ]),
        Case(name: "a misspelt manager", roster: "nr;navn;nærmeste leder\n1;Mette Hansen;\n2;Bo;Mete Hansen\n", danish: [
            "in.csv:3:6: fejl: nærmeste leder \"Mete Hansen\" for leder \"2\" er ikke på lederlisten; mente du \"Mette Hansen\"?\nTip: ret navnet; eller, hvis \"Mete Hansen\" med vilje ikke er på lederlisten, så sig det: --outside 'Mete Hansen'.",
        ]),
        Case(name: "a column of leaders under a header Sparring does not know", roster: "nr;navn;chefen hedder\n1;Mette Hansen;\n2;Bo;Mette Hansen\n3;Ib;Mette Hansen\n", danish: [
            "in.csv:1:9: fejl: kolonnen \"chefen hedder\" ser ud til at rumme personer (2 af 2 udfyldte celler nævner ledere fra lederlisten, fx \"Mette Hansen\" på linje 3), men den læses som en almindelig egenskab, så der ville ikke komme nogen relation ud af den\nTip: sig hvilken kolonne der er nærmeste leder: --manager-column 'chefen hedder'; er det kun en oplysning, så sig det: --attribute-column 'chefen hedder'.",
        ]),
    ]

    /// The diagnostics of loading `text`: its errors, or the warnings of the roster it loads.
    static func diagnostics(_ text: String) throws -> (diagnostics: [Diagnostic], language: Language?) {
        let table = try CSVReader.parse(bytes: Array(text.utf8), file: "in.csv")
        do {
            let loaded = try RosterLoader.load(table: table)
            return (loaded.warnings, loaded.language)
        } catch {
            return (error.diagnostics, error.language)
        }
    }

    @Test(arguments: cases)
    func rendersInDanish(_ example: Case) throws {
        let (diagnostics, language) = try Self.diagnostics(example.roster)
        #expect(diagnostics.map { $0.rendered(in: Words(.da)) } == example.danish)
        #expect(language == .da)
    }

    @Test func errorsCarryTheRosterLanguage() throws {
        let danish = try #require(throws: DiagnosticError.self) {
            try RosterLoader.load(table: CSVReader.parse(bytes: Array("nr;navn;køn;anciennitet\n1;Åse;K;mange\n".utf8), file: "in.csv"))
        }
        #expect(danish.language == .da)
        let english = try #require(throws: DiagnosticError.self) {
            try RosterLoader.load(table: CSVReader.parse(bytes: Array("id,name,gender,seniority\n1,Ann,F,many\n".utf8), file: "in.csv"))
        }
        #expect(english.language == .en)
        #expect(english.description.hasSuffix("seniority \"many\" is not a number\nMaybe write the number of years as digits, e.g. 12 or 3,5, or leave the cell empty."))
        // A quote never closed below a Danish header row: the header was read, so its language is known.
        let unclosed = try #require(throws: DiagnosticError.self) {
            try CSVReader.parse(bytes: Array("nr;navn;køn\n1;\"Åse;K\n".utf8), file: "in.csv")
        }
        #expect(unclosed.language == .da)
        #expect(unclosed.diagnostics[0].rendered(in: Words(.da))
            == "in.csv:2:3: fejl: en celle i anførselstegn bliver aldrig lukket: anførselstegnet her har intet afsluttende anførselstegn\nTip: tilføj det manglende \" i slutningen af cellen, eller fjern anførselstegnet her.")
    }

    @Test func aLoadedRosterKnowsItsLanguage() throws {
        let danish = try RosterLoader.load(table: CSVReader.parse(bytes: Array("nr;navn;fagområde\n1;Åse;Skole\n2;Bo;Dagtilbud\n".utf8), file: "in.csv"))
        #expect(danish.language == .da)
        let english = try RosterLoader.load(table: CSVReader.parse(bytes: Array("id,name,field\n1,Ann,Schools\n2,Bo,Daycare\n".utf8), file: "in.csv"))
        #expect(english.language == .en)
    }

    /// The keys built from a value (a role, a file's content, a kind of reference) exist in every language.
    @Test func everyKeyBuiltFromAValueExists() {
        var keys: [String] = []
        for role in ColumnRole.allCases {
            if case .message(let message) = Attribute.roleName(role) { keys.append(message.key) }
        }
        #expect(keys.count == ColumnRole.allCases.count)
        keys += ["grouping", "history", "previous grouping", "pins", "keep-together"].map { GroupingLoader.fileName($0).key }
        let nouns: [ReferenceCheck.Noun] = [.manager, .conflictCell, .wishCell, .groupingRow, .pairFile(.conflict), .pairFile(.wish)]
        keys += nouns.flatMap { [$0.one.key, $0.many.key, $0.consequenceOne.key, $0.consequenceMany.key] }
        keys += ["elements", "groups", "lowerBound", "upperBound", "index", "distance"].map { "mdgp.what." + $0 }
        for key in keys {
            for language in Language.allCases { #expect(Words.template(key, in: language) != nil, "\(language.rawValue) \(key)") }
        }
        #expect(GroupingLoader.fileName("pins").description == "this pins file")
        #expect(Words(.da).render(GroupingLoader.fileName("pins")) == "denne fil med låste placeringer")
    }
}
