import Foundation
import Testing
import SparringTestSupport

/// The saved session against a real process killed at random points: `Tests/e2e/session_faults.py` runs
/// `sparring serve` through a scripted session of every kind of change (searches too), kills it 60 times
/// (SIGKILL between changes, while a change is in flight and during a search; SIGINT) and starts it again each
/// time: the resumed state is always the state after the last acknowledged change (or, for a change in
/// flight, that state with the change made). Then a second workbench on the roster, other settings and
/// `--fresh`. About 10 s.
@Suite(.serialized)
struct SessionFaultTests {
    @Test func noAcknowledgedChangeIsLostWhenTheWorkbenchIsKilled() throws {
        let run = try PythonScript.run(PythonScript.path("session_faults.py"),
                                       ["--binary", try SparringBinary.path(), "--kills", "60", "--seed", "11"], limit: 300)
        print(run.output)
        #expect(!run.hung, "session_faults.py did not finish within 300 s:\n\(run.output)")
        #expect(run.status == 0, "session_faults.py failed:\n\(run.output)")
        #expect(run.output.contains("kills: 60"))
    }
}
