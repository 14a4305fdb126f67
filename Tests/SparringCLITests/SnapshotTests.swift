import Foundation
import Testing
import SparringTestSupport

/// What `solve` writes, byte for byte, against files kept in `Fixtures/snapshots/`: the assignments for every
/// typology, and for one the terminal summary, the JSON and the report. A change that alters an output shows here
/// first; when the change is meant, `SPARRING_UPDATE_SNAPSHOTS=1 swift test --filter SnapshotTests` writes the new
/// files, and the diff is reviewed with the change.
///
/// Only what differs between two identical runs is normalised: the temporary folder and the fixture folder in paths,
/// the seconds the search took, and the report's date.
struct SnapshotTests {
    static let typologies = ["lokal", "tværgående", "sektor", "bred"]

    @Test(arguments: typologies)
    func solveWritesWhatItWroteBefore(_ typology: String) throws {
        let folder = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let outputs = typology == "lokal" ? ["--json", folder + "/grupper.json", "--report", folder + "/rapport.html"] : []
        let result = run(["solve", Fixtures.path("kolding-daycare.csv"), "--typology", typology, "--moves", "20000", "--threads", "1", "--seed", "1",
                          "--out", folder + "/grupper.csv"] + outputs)
        #expect(result.code == 0, "\(result.err)")
        func normalised(_ text: String) -> String {
            text.replacingOccurrences(of: folder, with: "OUT").replacingOccurrences(of: Fixtures.root, with: "FIXTURES")
                .replacing(#/"seconds": [0-9.]+/#, with: "\"seconds\": 0")
                .replacing(#/\nseconds: [0-9.,]+/#, with: "\nseconds: 0")
                .replacing(#/\d{1,2}\. (januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december) \d{4}/#, with: "DATO")
        }
        var files = [("grupper.csv", "\(typology).csv")]
        if typology == "lokal" { files += [("grupper.json", "lokal.json"), ("rapport.html", "lokal.html")] }
        var compared = files.map { (normalised(try! String(contentsOfFile: folder + "/" + $0.0, encoding: .utf8)), $0.1) }
        if typology == "lokal" { compared.append((normalised(result.out), "lokal.txt")) }
        for (text, name) in compared {
            let path = Fixtures.path("snapshots/" + name)
            if ProcessInfo.processInfo.environment["SPARRING_UPDATE_SNAPSHOTS"] == "1" {
                try text.write(toFile: path, atomically: true, encoding: .utf8)
                continue
            }
            let kept = try String(contentsOfFile: path, encoding: .utf8)
            #expect(text == kept, "\(name) differs from Fixtures/snapshots/\(name); if the change is meant, rerun with SPARRING_UPDATE_SNAPSHOTS=1")
        }
    }
}
