import SparringEngine
import SparringIO
import SparringModel
import SparringSolver

/// A generated roster with hard rules planted around a known grouping, so that a grouping keeping every hard
/// rule is known to exist: the witness is the proof (an exact check, whatever the search finds).
///
/// The witness is a broad-networks grouping that keeps every reporting line and loyalty conflict apart, found
/// with the product's own solver and checked from scratch; each rule is then drawn so that the witness keeps it:
/// - **together**: three pairs sharing a witness group and lying across the typology's strata (local: one
///   field, two ranks; sector: two fields; cross: two ranks), which the pure structure alone would split;
/// - **pins**: two leaders of one witness group pinned to it, and one leader each of two more groups;
/// - **at most**: `unit=N`, N the most leaders of one unit in any witness group (at least 1);
/// - **meet**: a `days` column in which every witness group shares one day (each leader can meet on that day
///   and one more; one in ten has an empty cell, meaning any day).
///
/// Used by the solver tests (hard 0 in every run) and the benchmark (how often a hard rule stays broken).
public struct PlantedRules: Sendable {
    public enum Rule: String, CaseIterable, Sendable { case together, pins, atMost = "at-most", meet }

    public let roster: Roster
    public let settings: RuleSettings
    public let rounds: RoundRules
    /// A grouping (group index per leader) that keeps every hard rule; `settings.groups` groups.
    public let witness: [Int32]

    /// - Complexity: a broad solve of `witnessMoves` moves (up to three), plus O(n · attributes) to load the roster twice.
    /// - Throws: ``NoWitness`` when three broad solves find no grouping keeping the roster's own separations.
    public init(leaders: Int, seed: UInt64, typology: Typology, rules: Set<Rule>, witnessMoves: Int = 100_000) throws {
        var rng = SeededGenerator(seed: seed &* 0x2545_F491_4F6C_DD1D &+ 17)
        let text = RosterGenerator(leaders: leaders, seed: seed, danish: false, semicolon: false).render()
        let table = try CSVReader.parse(bytes: Array(text.utf8), file: "planted.csv")
        let plain = try RosterLoader.load(table: table).roster
        var settings = RuleSettings(typology: typology)
        let groups = Pipeline.groupCount(leaders: plain.count, settings: settings, previousLabels: [], roster: plain)
        settings.groups = groups

        // The witness: broad networks with the roster's separations only, kept from scratch.
        var broad = RuleSettings(typology: .broad)
        broad.groups = groups
        let prepared = try Pipeline.prepare(Problem(roster: plain, settings: broad))
        let attempts = (0..<3).lazy.map { k in
            Solver.solve(prepared.model, options: SolverOptions(seed: seed &+ UInt64(k), threads: 1, termination: Termination(moves: witnessMoves))).groups
        }
        guard let witness = attempts.first(where: { prepared.model.score($0).hard == 0 }) else { throw NoWitness() }
        var members = [[Int]](repeating: [], count: groups)
        for (i, g) in witness.enumerated() { members[Int(g)].append(i) }

        // Meeting days: a `days` column planted on the witness.
        var roster = plain
        if rules.contains(.meet) {
            let days = ["monday", "tuesday", "wednesday", "thursday", "friday"]
            let shared = (0..<groups).map { _ in rng.below(days.count) }
            var cells = [String](repeating: "", count: plain.count)
            for i in 0..<plain.count where rng.below(10) != 0 {
                let own = shared[Int(witness[i])]
                var other = rng.below(days.count - 1)
                if other >= own { other += 1 }
                cells[i] = [own, other].sorted().map { days[$0] }.joined(separator: "|")
            }
            var withDays = table
            withDays.header.append(CSVField("days", line: 1, column: table.header.count + 1))
            for r in withDays.rows.indices { withDays.rows[r].append(CSVField(cells[r], line: r + 2, column: table.header.count + 1)) }
            roster = try RosterLoader.load(table: withDays).roster
            settings.meet = "days"
        }

        var rounds = RoundRules()
        let field = plain.attributes.first { $0.role == .field }!, rank = plain.attributes.first { $0.role == .rank }!
        if rules.contains(.together) {
            func across(_ a: Int, _ b: Int) -> Bool {
                let sameField = field.codes[a] == field.codes[b], sameRank = rank.codes[a] == rank.codes[b]
                switch typology {
                case .local: return sameField && !sameRank
                case .sector: return !sameField
                case .cross: return !sameRank
                case .broad: return true
                }
            }
            var used = Set<Int>()
            for g in (0..<groups).plantShuffled(&rng) where rounds.togetherSets.count < 3 {
                let list = members[g]
                search: for a in list where !used.contains(a) {
                    for b in list where b != a && !used.contains(b) && across(a, b) {
                        rounds.togetherSets.append([a, b])
                        used.formUnion([a, b])
                        break search
                    }
                }
            }
            rounds.togetherNames = rounds.togetherSets.indices.map { "set \($0 + 1)" }
        }
        if rules.contains(.pins) {
            var pins = [Int32](repeating: -1, count: plain.count)
            let chosen = Array((0..<groups).plantShuffled(&rng).prefix(3))
            for (k, g) in chosen.enumerated() {
                for i in members[g].plantShuffled(&rng).prefix(k == 0 ? 2 : 1) { pins[i] = Int32(g) }
            }
            rounds.pins = pins
        }
        if rules.contains(.atMost), let unit = plain.attributes.first(where: { $0.role == .unit }) {
            var most = 1
            for list in members {
                var counts: [Int32: Int] = [:]
                for i in list where unit.codes[i] >= 0 { counts[unit.codes[i], default: 0] += 1 }
                most = max(most, counts.values.max() ?? 1)
            }
            settings.atMost = [AtMostSetting(attribute: unit.key, count: most)]
        }
        self.roster = roster
        self.settings = settings
        self.rounds = rounds
        self.witness = witness
    }

    /// No grouping keeping the generated roster's own reporting lines and conflicts was found to plant on.
    public struct NoWitness: Error {}

    /// The problem to solve: the planted roster, settings and rounds.
    public var problem: Problem { Problem(roster: roster, settings: settings, rounds: rounds) }
}

/// A Fisher–Yates shuffle of its own, so that a planting stays the same whatever the standard library does.
extension Sequence {
    func plantShuffled(_ rng: inout SeededGenerator) -> [Element] {
        var list = Array(self)
        for k in stride(from: list.count - 1, to: 0, by: -1) { list.swapAt(k, rng.below(k + 1)) }
        return list
    }
}
