import Testing
import SparringModel

struct DiagnosticTests {
    @Test func rendersCompilerStyle() {
        #expect(Diagnostic.error("r.csv", 5, 12, "seniority \"x\" is not a number", hint: "write digits.").description
            == "r.csv:5:12: error: seniority \"x\" is not a number\nMaybe write digits.")
        #expect(Diagnostic.warning("r.csv", 3, 0, "odd").description == "r.csv:3: warning: odd")
        #expect(Diagnostic.error(nil, "bad sizes").description == "error: bad sizes")
    }
}

struct ColumnRoleTests {
    @Test(arguments: [
        ("ID", ColumnRole.id), ("Medarbejdernr", .id), ("Navn", .name), ("Fagområde", .field), ("  Område ", .field),
        ("Lederniveau", .rank), ("Charge", .rank), ("KØN", .gender), ("Anciennitet", .seniority), ("Nærmeste  leder", .manager),
        ("Afdeling", .unit), ("Geografi", .location), ("Konflikter", .conflicts), ("Ønsker", .wishes), ("\u{FEFF}nr", .id),
    ])
    func recognisesAliases(header: String, role: ColumnRole) {
        #expect(ColumnRole.role(forHeader: header) == role)
    }

    @Test func unknownHeadersAreExtraAttributes() {
        #expect(ColumnRole.role(forHeader: "Mentor") == nil)
    }
}

struct RankOrderTests {
    @Test func ordersKnownTitlesNumbersAndUnknownLabels() {
        #expect(RankOrder.order(["direktør", "teamleder", "chef", "institutionsleder"]).ordered == ["teamleder", "institutionsleder", "chef", "direktør"])
        #expect(RankOrder.order(["3", "1", "2"]).ordered == ["1", "2", "3"])
        #expect(RankOrder.order(["Niveau 2", "Niveau 1"]).ordered == ["Niveau 1", "Niveau 2"])
        #expect(RankOrder.order(["b-leder", "a-leder"]).known == false)
    }
}

struct SeededGeneratorTests {
    @Test func reproducibleAndInRange() {
        var a = SeededGenerator(seed: 42), b = SeededGenerator(seed: 42)
        let xs = (0..<100).map { _ in a.below(7) }
        #expect(xs == (0..<100).map { _ in b.below(7) })
        #expect(xs.allSatisfy { (0..<7).contains($0) })
        #expect(Set(xs).count == 7)
        var c = SeededGenerator(seed: 1)
        #expect((0..<1000).map { _ in c.unit() }.allSatisfy { $0 >= 0 && $0 < 1 })
    }
}
