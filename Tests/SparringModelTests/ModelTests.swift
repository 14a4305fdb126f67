import Testing
import SparringModel

struct DiagnosticTests {
    @Test func rendersCompilerStyle() {
        let notNumber = Message("roster.notNumber", Attribute.messageName(key: "seniority", header: "Anciennitet"), .quoted("x"))
        #expect(Diagnostic.error("r.csv", 5, 12, notNumber, hint: Message("roster.negative.hint")).description
            == "r.csv:5:12: error: seniority \"x\" is not a number\nMaybe write the number of years, 0 or more.")
        #expect(Diagnostic.error("r.csv", 5, 12, notNumber, hint: Message("roster.negative.hint")).rendered(in: Words(.da))
            == "r.csv:5:12: fejl: anciennitet \"x\" er ikke et tal\nTip: skriv antal år, 0 eller flere.")
        #expect(Diagnostic.warning("r.csv", 3, 0, Message("pairs.self")).description == "r.csv:3: warning: a leader is paired with themself; that is ignored")
        #expect(Diagnostic.error(nil, Message("sizes.tooSmall", "1")).description == "error: the smallest group size must be at least 2, not 1")
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
        #expect(RankOrder.order(["b-leder", "a-leder"]) == (["a-leder", "b-leder"], ["a-leder", "b-leder"]))
    }

    @Test func unknownTitlesGoBelowKnownOnesWhichKeepTheirOrder() {
        let (ordered, unknown) = RankOrder.order(["Direktør", "Leder", "Chef", "Teamleder", "Institutionsleder", "Kaptajn"])
        #expect(ordered == ["Kaptajn", "Leder", "Teamleder", "Institutionsleder", "Chef", "Direktør"])
        #expect(unknown == ["Kaptajn", "Leder"])
    }

    @Test func givenOrderIsHighestFirstAndReportsWhatItMisses() {
        let given = RankOrder.parseGiven(" Direktør > chef>>Leder ")
        #expect(given == ["Direktør", "chef", "Leder"])
        #expect(RankOrder.order(["Leder", "Chef", "Direktør", "Kaptajn"], given: given) == (["Leder", "Chef", "Direktør"], ["Kaptajn"]))
    }
}

struct PersonLookupTests {
    static let roster = Roster(ids: ["005001", "17", "A-3", "9"], names: ["Mette Andersen", "Bo Lund", "Mette  andersen", "Lund, Bo"],
                               attributes: [], managers: [-1, -1, -1, -1], conflicts: [], wishes: [])

    @Test func resolvesIdsLeadingZerosAndNamesInThatOrder() {
        let lookup = PersonLookup(Self.roster)
        #expect(lookup.resolve("17") == .leader(1, .id))
        #expect(lookup.resolve(" 'A-3 ") == .leader(2, .id))
        #expect(lookup.resolve("5001") == .leader(0, .idWithoutLeadingZeros))
        #expect(lookup.resolve("0017") == .leader(1, .idWithoutLeadingZeros))
        #expect(lookup.resolve("BO   lund") == .leader(1, .name))
        #expect(lookup.resolve("mette andersen") == .ambiguous([0, 2]))
        #expect(lookup.resolve("Ole") == .unknown)
        #expect(lookup.resolve("") == .unknown)
    }

    @Test func namesMatchWhateverTheUnicodeNormalisation() {
        let roster = Roster(ids: ["1"], names: ["Ren\u{E9} S\u{F8}rensen"], attributes: [], managers: [-1], conflicts: [], wishes: [])
        #expect(PersonLookup(roster).resolve("RENE\u{301} S\u{F8}RENSEN") == .leader(0, .name))
    }

    @Test func listsSplitAtBarsSemicolonsLineBreaksAndUnambiguousCommas() {
        let lookup = PersonLookup(Self.roster)
        #expect(lookup.splitList("17|A-3") == ["17", "A-3"])
        #expect(lookup.splitList("17; Bo Lund\n9") == ["17", "Bo Lund", "9"])
        #expect(lookup.splitList("Lund, Bo") == ["Lund, Bo"])
        #expect(lookup.splitList("Bo Lund, 9, ") == ["Bo Lund", "9"])
        #expect(lookup.splitList("  ") == [])
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
