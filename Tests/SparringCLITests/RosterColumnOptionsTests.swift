import Foundation
import Testing
import SparringCLI
import SparringIO
import SparringTestSupport

/// The roster column options on every command that reads a roster, `check`'s verdict when a relation cannot be
/// read, and Ctrl-C while reading.
struct RosterColumnOptionsTests {
    static func roster(_ text: String) throws -> String {
        let path = Fixtures.temporaryDirectory() + "/ledere.csv"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Six leaders; Bo's manager is misspelt, and the director Lars Bak is outside the roster.
    static let misspelt = """
        nr;navn;køn;Overordnet
        1;Mette Hansen;kvinde;Lars Bak
        2;Bo Dahl;mand;Mete Hansen
        3;Ib Lund;mand;Mette Hansen
        4;Åse Berg;kvinde;Eva Holm
        5;Eva Holm;kvinde;
        6;Kim Møller;mand;Eva Holm

        """

    @Test func checkIsNotUsableWhileARelationNamesNobody() throws {
        let path = try Self.roster(Self.misspelt)
        let refused = run("check", path, "--min-size", "2", "--max-size", "3")
        #expect(refused.code == 1)
        #expect(refused.out == "kan bruges: nej")
        #expect(refused.err == """
            \(path):2:23: fejl: nærmeste leder "Lars Bak" for leder "1" er ikke på lederlisten
            Tip: ret id'et eller navnet, eller tilføj personen til lederlisten; er personen med vilje ikke med (en direktør, en leder, der er stoppet), så sig det: --outside 'Lars Bak'.
            \(path):3:16: fejl: nærmeste leder "Mete Hansen" for leder "2" er ikke på lederlisten; mente du "Mette Hansen"?
            Tip: ret navnet; eller, hvis "Mete Hansen" med vilje ikke er på lederlisten, så sig det: --outside 'Mete Hansen'.
            2 fejl fundet.
            """)
        let accepted = run("check", path, "--min-size", "2", "--max-size", "3", "--outside", "Lars Bak,Mete Hansen")
        #expect(accepted.code == 0)
        #expect(accepted.out.contains("relationer: 3 til nærmeste leder,"))
        #expect(accepted.out.hasSuffix("kan bruges: ja"))
        // Who was accepted as outside the roster is said once, so that none is accepted unseen.
        #expect(accepted.out.contains("\nuden for lederlisten med vilje (2): \"Lars Bak\" og \"Mete Hansen\"\n"))
    }

    @Test func aPeopleColumnIsNamedWithTheOptions() throws {
        let path = try Self.roster(Self.misspelt.replacingOccurrences(of: "Overordnet", with: "Refererer til chef").replacingOccurrences(of: "Mete", with: "Mette"))
        let refused = run("check", path, "--min-size", "2", "--max-size", "3", "--outside", "Lars Bak")
        #expect(refused.code == 1)
        #expect(refused.err.contains("Tip: sig hvilken kolonne der er nærmeste leder: --manager-column 'Refererer til chef'; er det kun en oplysning, så sig det: --attribute-column 'Refererer til chef'."))
        let named = run("check", path, "--min-size", "2", "--max-size", "3", "--outside", "Lars Bak", "--manager-column", "Refererer til chef")
        #expect(named.code == 0)
        #expect(named.out.contains("relationer: 4 til nærmeste leder,"))
        let plain = run("check", path, "--min-size", "2", "--max-size", "3", "--attribute-column", "refererer til chef")
        #expect(plain.code == 0)
    }

    @Test(arguments: ["check", "solve", "score", "serve"])
    func everyCommandThatReadsARosterHasTheOptions(_ command: String) {
        let help = run(command, "--help").out
        for option in ["--manager-column COLUMN", "--conflicts-column COLUMN", "--wishes-column COLUMN", "--attribute-column COLUMN", "--outside NAMES"] {
            #expect(help.contains(option), "\(command) \(option)")
        }
    }

    /// Ctrl-C while a large roster is read: exit 130 at once, nothing on stdout, no output file.
    @Test func ctrlCWhileReadingExitsAtOnceWithoutOutput() throws {
        let folder = Fixtures.temporaryDirectory()
        let path = folder + "/big.csv", out = folder + "/out.csv"
        try RosterGenerator(leaders: 150_000, seed: 2, danish: true, semicolon: true).render().write(toFile: path, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try RunSafetyTests.binary())
        process.arguments = ["solve", path, "--out", out, "--time", "60"]
        let stdout = Pipe()
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: 1.0)
        let sent = Date()
        kill(process.processIdentifier, SIGINT)
        let data = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        #expect(Date().timeIntervalSince(sent) < 5, "stopped slowly")
        #expect(data.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}
