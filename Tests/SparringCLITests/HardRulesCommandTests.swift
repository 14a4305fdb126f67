import Foundation
import Testing
import SparringCLI
import SparringTestSupport

/// "Hard rules: all kept" must be true: impossible set-ups are refused before the search, and `solve` never
/// exits 0 while a hard rule is broken.
struct HardRulesCommandTests {
    func write(_ text: String, _ name: String = "roster.csv") throws -> String {
        let path = Fixtures.temporaryDirectory() + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// One boss managing ten of eleven leaders: no group of five can hold the boss.
    static let bossOfAlmostEveryone = "nr;navn;nærmeste leder\n1;Bo Chef;\n" + (2...11).map { "\($0);Leder \($0);Bo Chef\n" }.joined()

    @Test func checkRefusesAReportingStructureNoGroupingCanKeep() throws {
        let path = try write(Self.bossOfAlmostEveryone)
        let result = run("check", "--language", "en", path)
        #expect(result.code == 1)
        #expect(result.out.contains("relations: 10 reporting lines, 0 loyalty conflicts, 0 wishes"))
        #expect(result.out.hasSuffix("usable: no"))
        #expect(result.err == """
            error: Bo Chef (1) must be kept apart from 10 of the other 10 leaders (10 direct reports), so only 0 may share their group, too few for a group of 5
            Maybe take their reports out of this roster and form those networks separately, or drop conflicts that no longer hold.
            1 error found.
            """)
    }

    @Test func solveRefusesItBeforeSearchingAndWritesNothing() throws {
        let path = try write(Self.bossOfAlmostEveryone)
        let out = (path as NSString).deletingLastPathComponent + "/out.csv"
        let result = run("solve", "--language", "en", path, "--moves", "1000", "--out", out)
        #expect(result.code == 1)
        #expect(result.err.hasPrefix("error: Bo Chef (1) must be kept apart from 10 of the other 10 leaders"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func checkRefusesReportingLinesInACircle() throws {
        let path = try write("id,name,manager\n1,Ann,2\n2,Bo,1\n" + (3...12).map { "\($0),P\($0),\n" }.joined())
        let result = run("check", "--language", "en", path)
        #expect(result.code == 1)
        #expect(result.err.hasPrefix("\(path):2:7: error: the reporting lines go round in a circle: Ann (1) → Bo (2) → Ann (1), each the manager of the next"))
    }

    /// Five leaders in a ring of conflicts need three groups: with two, the set-up is proven impossible (a ring
    /// of an odd number cannot be split in two) and refused before any search, naming the ring.
    @Test func anOddRingOfConflictsWithTwoGroupsIsRefusedAsProvenImpossible() throws {
        let ring = [1: "2", 2: "3", 3: "4", 4: "5", 5: "1"]
        let path = try write("id;navn;konflikter\n" + (1...12).map { "\($0);P\($0);\(ring[$0] ?? "")\n" }.joined())
        let out = (path as NSString).deletingLastPathComponent + "/out.csv"
        let result = run("solve", "--language", "en", path, "--moves", "20000", "--threads", "1", "--out", out)
        #expect(result.code == 1)
        #expect(result.err.hasPrefix("""
            error: with 2 groups these 5 leaders cannot all be kept apart from the next in the ring, as their reporting lines and \
            conflicts demand (a ring of an odd number of leaders cannot be split in two): P
            """))
        #expect(result.err.contains("Maybe allow 3 groups or more"))
        #expect(!FileManager.default.fileExists(atPath: out))
        // Three groups can keep the ring apart.
        #expect(run("check", "--language", "en", path, "--groups", "3", "--min-size", "4").code == 0)
    }

    /// A keep-together pair a search of one move leaves split is unsolved, not proven impossible: `solve` says
    /// so, exits with its own code and still writes the outputs.
    @Test func solveExitsWithItsOwnCodeWhileAHardRuleIsBrokenAndStillWritesTheOutputs() throws {
        let rows = (1...12).map { "\($0);P\($0);\($0 == 1 || $0 == 2 ? "A" : "")\n" }.joined()
        let path = try write("id;navn;hold sammen\n" + rows)
        let out = (path as NSString).deletingLastPathComponent + "/out.csv"
        // A seed whose construction splits the pair; one move cannot mend it.
        let split = try #require((1...20).lazy.map { seed in
            (seed, run("solve", "--language", "en", path, "--moves", "1", "--threads", "1", "--seed", "\(seed)", "--out", out))
        }.first { $0.1.code != 0 })
        let result = split.1
        #expect(result.code == Sparring.hardRuleBroken)
        #expect(Sparring.hardRuleBroken == 3)
        #expect(result.out.contains("hard rules broken: 1"))
        #expect(result.out.contains("\nhard: 1\n"))
        #expect(result.err == """
            error: 1 hard rule is still broken (listed above under 'hard rules broken'); this grouping must not be used as it is. \
            The outputs were written anyway so that you can see the grouping: \(out).
            Maybe the set-up check found nothing that makes these rules impossible together (what it can prove impossible is refused \
            before any search), so they are unsolved, not proven impossible: the search found no grouping that keeps them. Try another \
            --seed, --threads 2 or more time (--time); if they stay broken, relax one of the rules named above or allow more groups or \
            other sizes.
            """)
        #expect(FileManager.default.fileExists(atPath: out))
        // The same set-up is solved with a search.
        #expect(run("solve", "--language", "en", path, "--moves", "20000", "--threads", "1", "--seed", "\(split.0)", "--out", out).code == 0)
    }

    @Test func rankOrderOptionOrdersUnknownTitles() throws {
        let path = try write("id;lederniveau\n" + (1...12).map { "\($0);\(["Direktør", "Leder", "Teamleder"][$0 % 3])\n" }.joined())
        let warned = run("check", "--language", "en", path)
        #expect(warned.code == 0)
        #expect(warned.out.contains("warning: Sparring does not know the rank title \"Leder\", so it is placed below \"Teamleder\", the lowest known rank"))
        let ordered = run("check", "--language", "en", path, "--rank-order", "Direktør>Leder>Teamleder")
        #expect(ordered.code == 0)
        #expect(!ordered.out.contains("warning"))
        #expect(ordered.out.contains("ordinal     3 values: Teamleder 4, Leder 4, Direktør 4"))
    }
}
