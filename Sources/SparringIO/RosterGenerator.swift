import SparringModel

/// Writes realistic synthetic municipal rosters: fields with their own gender shares, a four-level
/// reporting hierarchy, seniority and age that grow with rank, units, districts, loyalty conflicts and wishes.
///
/// The same options and seed give the same file. Feeds the demo, the tests and the benchmarks.
public struct RosterGenerator: Sendable {
    public var leaders: Int
    public var seed: UInt64
    /// Danish headers and labels (nr, navn, fagområde, …) instead of English ones.
    public var danish: Bool
    /// `;` with decimal comma, BOM and CRLF, as Danish Excel saves; otherwise `,` and LF.
    public var semicolon: Bool

    public init(leaders: Int, seed: UInt64, danish: Bool = false, semicolon: Bool = false) {
        self.leaders = leaders
        self.seed = seed
        self.danish = danish
        self.semicolon = semicolon
    }

    struct Field { let english: String, danish: String, share: Double, women: Double }

    static let fields: [Field] = [
        Field(english: "Daycare", danish: "Dagtilbud", share: 0.22, women: 0.88),
        Field(english: "Schools", danish: "Skole", share: 0.18, women: 0.55),
        Field(english: "Elder care", danish: "Ældreområdet", share: 0.18, women: 0.85),
        Field(english: "Social services", danish: "Social og handicap", share: 0.12, women: 0.75),
        Field(english: "Health", danish: "Sundhed", share: 0.08, women: 0.80),
        Field(english: "Technical services", danish: "Teknik og miljø", share: 0.10, women: 0.25),
        Field(english: "Culture and leisure", danish: "Kultur og fritid", share: 0.05, women: 0.55),
        Field(english: "Administration", danish: "Administration", share: 0.07, women: 0.60),
    ]
    static let ranksEnglish = ["team leader", "institution leader", "head of department", "director"]
    static let ranksDanish = ["teamleder", "institutionsleder", "chef", "direktør"]
    static let towns = ["Nord", "Syd", "Øst", "Vest", "Centrum", "Åby", "Kærby", "Søholm", "Vejle", "Ølsted", "Brønde", "Hjørring",
                        "Tårnby", "Næstved", "Ærø", "Fåborg", "Sønderby", "Hørsholm", "Køge", "Græsted"]
    static let womenNames = ["Anne", "Mette", "Hanne", "Lærke", "Søs", "Birgitte", "Åse", "Signe", "Karen", "Louise", "Maja", "Pernille",
                             "Tove", "Inger", "Camilla", "Dorte", "Helle", "Rikke", "Sofie", "Bente"]
    static let menNames = ["Søren", "Bjørn", "Jens", "Lars", "Mads", "Peter", "Bo", "Rasmus", "Henrik", "Ole", "Jørgen", "Niels",
                           "Anders", "Thomas", "Kåre", "Morten", "Poul", "Frederik", "Mikkel", "Claus"]
    static let surnames = ["Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen", "Rasmussen",
                           "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen", "Thomsen", "Møller", "Kjær", "Mølgaard", "Holm", "Lund",
                           "Bækgaard", "Østergaard", "Dahl", "Skovgård", "Friis"]

    struct Person {
        var id = "", name = "", field = 0, rank = 0, woman = false
        var seniority = 0.0, age = 0, unit = "", manager = -1, town = 0
        var conflicts: [Int] = [], wishes: [Int] = []
    }

    /// The roster as CSV text. O(leaders).
    public func render() -> String {
        let people = makePeople()
        let header = danish
            ? ["nr", "navn", "fagområde", "lederniveau", "køn", "anciennitet", "alder", "enhed", "nærmeste leder", "distrikt", "konflikter", "ønsker"]
            : ["id", "name", "field", "rank", "gender", "seniority", "age", "unit", "manager", "location", "conflicts", "wishes"]
        let rows: [[String]] = people.map { p in
            let seniority = semicolon ? formatNumber(p.seniority).replacingDots() : formatNumber(p.seniority)
            return [
                p.id, p.name,
                danish ? Self.fields[p.field].danish : Self.fields[p.field].english,
                danish ? Self.ranksDanish[p.rank] : Self.ranksEnglish[p.rank],
                danish ? (p.woman ? "kvinde" : "mand") : (p.woman ? "woman" : "man"),
                seniority, String(p.age), p.unit,
                p.manager >= 0 ? people[p.manager].id : "",
                townName(p.town),
                p.conflicts.map { people[$0].id }.joined(separator: "|"),
                p.wishes.map { people[$0].id }.joined(separator: "|"),
            ]
        }
        let writer = semicolon ? CSVWriter.excel : CSVWriter()
        return writer.render(header: header, rows: rows)
    }

    private func townCount() -> Int { max(5, min(leaders / 60, 400)) }

    private func townName(_ town: Int) -> String {
        let base = Self.towns[town % Self.towns.count]
        return town < Self.towns.count ? base : "\(base) \(town / Self.towns.count + 1)"
    }

    func makePeople() -> [Person] {
        var rng = SeededGenerator(seed: seed)
        let n = leaders
        let directors = max(1, min(8, n / 100))
        var people: [Person] = []
        people.reserveCapacity(n)
        let towns = townCount()
        // Directors oversee the administration.
        for _ in 0..<min(directors, n) {
            people.append(Person(field: Self.fields.count - 1, rank: 3, manager: -1, town: rng.below(towns)))
        }
        // Split the rest over fields by share, then into heads, institution leaders and team leaders.
        let rest = n - people.count
        // Municipalities differ: each field's share varies by ±40 % with the seed.
        let shares = Self.fields.map { $0.share * (0.6 + 0.8 * rng.unit()) }
        let shareTotal = shares.reduce(0, +)
        var fieldCounts = shares.map { Int(Double(rest) * $0 / shareTotal) }
        var k = 0
        while fieldCounts.reduce(0, +) < rest { fieldCounts[k % fieldCounts.count] += 1; k += 1 }
        for (f, count) in fieldCounts.enumerated() where count > 0 {
            let heads = max(1, Int((Double(count) * 0.06).rounded()))
            let institutions = max(0, Int(Double(count - heads) * 0.55))
            var headIndices: [Int] = [], institutionIndices: [Int] = []
            for h in 0..<min(heads, count) {
                headIndices.append(people.count)
                people.append(Person(field: f, rank: 2, manager: h % directors, town: rng.below(towns)))
            }
            for _ in 0..<institutions where people.count < n {
                institutionIndices.append(people.count)
                people.append(Person(field: f, rank: 1, manager: headIndices[rng.below(headIndices.count)], town: rng.below(towns)))
            }
            for _ in 0..<(count - headIndices.count - institutionIndices.count) {
                let boss = institutionIndices.isEmpty ? headIndices[rng.below(headIndices.count)] : institutionIndices[rng.below(institutionIndices.count)]
                people.append(Person(field: f, rank: 0, manager: boss, town: people[boss].town))
            }
        }
        let pad = String(n).count
        for i in people.indices {
            let number = String(i + 1)
            people[i].id = danish ? String(1000 + i + 1) : "L" + String(repeating: "0", count: max(0, pad - number.count)) + number
            let field = Self.fields[people[i].field]
            people[i].woman = rng.unit() < field.women
            let first = people[i].woman ? Self.womenNames[rng.below(Self.womenNames.count)] : Self.menNames[rng.below(Self.menNames.count)]
            people[i].name = first + " " + Self.surnames[rng.below(Self.surnames.count)]
            let rank = people[i].rank
            let years = Double(2 + rank * 5) + Double(rng.below(10 + rank * 4)) + (rng.unit() < 0.2 ? 0.5 : 0)
            people[i].seniority = max(0, years - 2)
            people[i].age = min(67, 28 + Int(people[i].seniority) + rng.below(15))
            let fieldName = danish ? field.danish : field.english
            people[i].unit = rank >= 2 ? fieldName : "\(fieldName) \(townName(people[i].town))"
        }
        // Loyalty conflicts (former boss or employee, close relations): mostly within a field.
        let conflictCount = max(1, n / 30)
        for _ in 0..<conflictCount {
            let a = rng.below(n)
            let b = sameFieldPartner(of: a, people: people, rng: &rng)
            if a != b && !people[a].conflicts.contains(b) && !people[b].conflicts.contains(a) { people[a].conflicts.append(b) }
        }
        // Wishes: a quarter of the leaders name one or two colleagues, mostly in their own field.
        for a in 0..<n where rng.unit() < 0.25 {
            for _ in 0..<(1 + rng.below(2)) {
                let b = rng.unit() < 0.7 ? sameFieldPartner(of: a, people: people, rng: &rng) : rng.below(n)
                if a != b && !people[a].wishes.contains(b) && !people[a].conflicts.contains(b) && !people[b].conflicts.contains(a) {
                    people[a].wishes.append(b)
                }
            }
        }
        return people
    }

    private func sameFieldPartner(of a: Int, people: [Person], rng: inout SeededGenerator) -> Int {
        for _ in 0..<20 {
            let b = rng.below(people.count)
            if b != a && people[b].field == people[a].field { return b }
        }
        return rng.below(people.count)
    }
}

extension String {
    fileprivate func replacingDots() -> String { String(map { $0 == "." ? "," : $0 }) }
}
