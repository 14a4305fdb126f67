import Testing
import SparringIO
import SparringModel
import SparringTestSupport

/// A column of people that no header names as a relation is an error with both ways out, never an attribute
/// in silence.
struct PeopleColumnTests {
    static let roster = "nr;navn;Refererer;Mentor\n1;Mette Hansen;;\n2;Bo Dahl;Mette Hansen;Mette Hansen\n3;Ib Lund;Mette Hansen;\n4;Åse Berg;Bo Dahl;ja\n"

    @Test func aColumnOfLeadersNamesBothWaysOut() {
        let error = danishProblems(Self.roster)
        #expect(error == """
            in.csv:1:9: fejl: kolonnen "Refererer" ser ud til at rumme personer (3 af 3 udfyldte celler nævner ledere fra lederlisten, fx "Mette Hansen" på linje 3), men den læses som en almindelig egenskab, så der ville ikke komme nogen relation ud af den
            Tip: rummer den hver leders nærmeste leder, konflikter eller ønsker, så sig hvilken: --manager-column 'Refererer', --conflicts-column 'Refererer' eller --wishes-column 'Refererer'; er det kun en oplysning (en mentor, en tovholder), så sig det: --attribute-column 'Refererer'.
            in.csv:1:19: fejl: kolonnen "Mentor" ser ud til at rumme personer (overskriften lyder som en relation, og 1 celle nævner en leder fra lederlisten, fx "Mette Hansen"), men den læses som en almindelig egenskab, så der ville ikke komme nogen relation ud af den
            Tip: rummer den hver leders nærmeste leder, konflikter eller ønsker, så sig hvilken: --manager-column 'Mentor', --conflicts-column 'Mentor' eller --wishes-column 'Mentor'; er det kun en oplysning (en mentor, en tovholder), så sig det: --attribute-column 'Mentor'.
            """)
    }

    @Test func theOptionsSayWhatTheColumnsAre() throws {
        let loaded = try loadRoster(Self.roster, RosterOptions(relationColumns: [.manager: "refererer"], attributeColumns: ["MENTOR"]))
        #expect(loaded.roster.managers == [-1, 0, 0, 1])
        #expect(loaded.roster.attribute(named: "mentor")?.levels == ["Mette Hansen", "ja"])
        #expect(loaded.warnings.isEmpty)
    }

    @Test func aHeaderThatReadsLikeAManagerSuggestsTheManagerColumn() {
        let text = "id,name,Former boss\nA,Ann,\nB,Bo,Ann\nC,Cai,Vera\n"
        #expect(thrown { _ = try loadRoster(text) } == """
            in.csv:1:9: error: column "Former boss" looks like it holds people (its header reads like a relation, and 1 cell names a leader of the roster, e.g. "Ann"), but it is read as a plain attribute, so no relation would come of it
            Maybe say which column holds the manager: --manager-column 'Former boss'; if it is only information, say so: --attribute-column 'Former boss'.
            """)
    }

    @Test func aColumnTheOptionsNameMustExist() {
        #expect(thrown { _ = try loadRoster("id,name\nA,Ann\n", RosterOptions(relationColumns: [.wishes: "Ønsker"])) } == """
            in.csv:1: error: --wishes-column names the column "Ønsker", but the roster has no such column; its columns are "id", "name"
            Maybe write the header as it is in the first row (case and spaces do not matter).
            """)
    }

    /// Numeric ids under a header that reads like a person of the leader's ("Tilknyttet", "Chefens ansættelse"):
    /// people, not a number column, however plainly they read as numbers.
    @Test func numericIdsUnderAPersonHeaderArePeople() {
        for header in ["Tilknyttet", "Chefens kontor", "Ansvarlig"] {
            let text = "nr;navn;\(header)\n101;Ann;\n102;Bo;101\n103;Cai;101\n104;Dan;102\n"
            #expect(danishProblems(text).contains("fejl: kolonnen \"\(header)\" ser ud til at rumme personer"), "\(header): \(danishProblems(text))")
        }
    }

    /// Two options naming one column is an error: which one was meant cannot be guessed, and a relation asked
    /// for must never be dropped in silence.
    @Test func twoOptionsNamingOneColumnAreAnError() {
        for options in [RosterOptions(relationColumns: [.manager: "Refererer", .wishes: "refererer"]),
                        RosterOptions(relationColumns: [.manager: "Refererer"], attributeColumns: ["Refererer", "Mentor"])] {
            let problems = danishProblems(Self.roster, options)
            #expect(problems.hasPrefix("in.csv:1:9: fejl: --manager-column og --"), "\(problems)")
            #expect(problems.contains("nævner begge kolonnen \"Refererer\""), "\(problems)")
        }
    }

    /// Columns that hold numbers, plain values or the row's own name are not people.
    @Test func numbersValuesAndOwnNamesAreNotPeople() throws {
        let loaded = try loadRoster("nr;navn;budget;kaldenavn;postnr\n1;Ann;2;Ann;3\n2;Bo;3;Bo;1\n3;Cai;1;Cai;2\n")
        #expect(loaded.roster.attributes.map(\.key) == ["budget", "kaldenavn", "postnr"])
        // The generated rosters (numeric ids, ranks, numbers) load without a word.
        for seed in [UInt64(1), 2] {
            let text = RosterGenerator(leaders: 200, seed: seed, danish: seed == 1, semicolon: true).render()
            #expect(try loadRoster(text).warnings.isEmpty)
        }
    }
}
