import Testing
import SparringIO
import SparringModel

/// Relation columns under the headers HR exports use: each must become the relation, never a plain attribute.
struct ColumnRoleHeaderTests {
    struct Header: CustomTestStringConvertible, Sendable {
        let header: String
        let role: ColumnRole
        var testDescription: String { header }
    }

    static let headers: [Header] = [
        "Manager ID", "manager_id", "Leder-ID", "Leder ID", "Nærmeste chef", "Overordnet", "Line manager", "Chef", "Nærmeste leder-ID",
        "Reports to ID", "Supervisor", "ManagerID", "Direct manager", "NAERMESTE_LEDER", "Nærmeste leder (nr.)", "Manager name",
        "Nærmeste leders nr.", "Leders nr", "Chefens nr", "Lederens id", "Manager's ID", "Boss's name", "Nærmeste chefs navn",
    ].map { Header(header: $0, role: .manager) } + [
        "Undgå", "Ikke med", "Avoid", "Konflikter (id)", "Not with", "Ikke sammen med", "konflikt_ids",
    ].map { Header(header: $0, role: .conflicts) } + [
        "Gerne med", "Ønsker (navne)", "Ønsker", "Gerne sammen med", "wishes_ids", "Wish list",
    ].map { Header(header: $0, role: .wishes) }

    /// Headers that must keep their own meaning (not taken for a relation).
    static let others: [(String, ColumnRole?)] = [
        ("lederniveau", .rank), ("Leder navn", .name), ("Ledernavn", .name), ("Leader ID", .id), ("nr.", .id), ("Køn (M/K)", .gender),
        ("Leder siden", nil), ("Mentor", nil), ("Chefniveau", nil), ("Medarbejder-ID", .id), ("Leders", nil), ("Chefens", nil),
        ("Lederens anciennitet", nil),
    ]

    @Test(arguments: headers)
    func relationHeaderIsRecognised(_ example: Header) throws {
        #expect(ColumnRole.role(forHeader: example.header) == example.role)
        // And the roster loads it as that relation.
        let text = "nr;navn;\(example.header)\n1;Ann Holm;\n2;Bo Dahl;Ann Holm\n3;Cai Berg;1\n"
        let roster = try RosterLoader.load(table: CSVReader.parse(bytes: Array(text.utf8), file: "in.csv")).roster
        switch example.role {
        case .manager: #expect(roster.managers == [-1, 0, 0])
        case .conflicts: #expect(roster.conflicts == [LeaderPair(0, 1), LeaderPair(0, 2)])
        default: #expect(roster.wishes == [LeaderPair(1, 0), LeaderPair(2, 0)])
        }
        #expect(roster.attributes.isEmpty)
    }

    @Test func otherHeadersKeepTheirMeaning() {
        for (header, role) in Self.others { #expect(ColumnRole.role(forHeader: header) == role, "\(header)") }
    }

    @Test func languageOfEnglishRelationHeadersIsEnglish() {
        #expect(Language.of(headers: ["Employee ID", "Name", "Line manager", "Avoid"]) == .en)
        #expect(Language.of(headers: ["Nr", "Navn", "Overordnet", "Undgå"]) == .da)
    }
}
