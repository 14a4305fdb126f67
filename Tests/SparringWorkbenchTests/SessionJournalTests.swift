import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
import SparringIO
import SparringModel
import SparringTestSupport
@testable import SparringWorkbench

/// The workbench's saved session: every change is written before it is made, and read back to the same work
/// (arrangement, undo and redo, scenarios), whatever happened to the process; a torn or damaged end, a second
/// workbench on the same roster, a file grown long and a roster changed between sessions.
@Suite struct SessionJournalTests {
    /// A session file in a folder of the test's own, for `bench`.
    static func journalled(_ bench: Bench, folder: String, rewriteFloor: Int = 1 << 20, arguments: [String] = []) throws -> (SessionJournal, String) {
        let path = folder + "/" + SessionJournal.fileName(roster: "small-danish.csv", sheet: nil)
        let (journal, saved) = try SessionJournal.claim(path: path, rewriteFloor: rewriteFloor)
        #expect(saved == nil)
        try bench.workbench.keep(in: journal, header: header(bench.roster, arguments: arguments))
        return (journal, path)
    }

    /// A bench on two groups whose work is journalled in a folder of its own; `cleanUp()` removes the folder.
    struct SavedBench {
        let folder = Fixtures.temporaryDirectory()
        let bench: Bench
        let journal: SessionJournal
        let path: String

        init(rewriteFloor: Int = 1 << 20) throws {
            bench = try Bench(start: twoGroups)
            (journal, path) = try SessionJournalTests.journalled(bench, folder: folder, rewriteFloor: rewriteFloor)
        }

        func cleanUp() { try? FileManager.default.removeItem(atPath: folder) }
    }

    static func header(_ roster: Roster, arguments: [String] = []) -> SessionJournal.Header {
        SessionJournal.Header(roster: "small-danish.csv", digest: "0", language: .da, arguments: arguments, ids: roster.ids)
    }

    /// The work saved at `path`, resumed on `roster` as `serve` resumes it.
    static func resumed(_ path: String, setup: Workbench.Setup, roster: Roster? = nil) throws -> Workbench {
        let (journal, saved) = try SessionJournal.claim(path: path)
        defer { journal.release() }
        let found = try #require(saved)
        let roster = roster ?? setup.problem.roster
        var setup = setup
        setup.problem.roster = roster
        let base = Rules(settings: setup.problem.settings, rounds: setup.problem.rounds)
        let work = try #require(ResumedWork.resume(found, file: path, roster: roster, base: base, digest: "0"))
        return try Workbench(setup: setup, resuming: work)
    }

    /// A scripted session of every kind of change, chosen by `seed`: moves (some refused), swaps, pins, settings,
    /// typologies, scenarios kept, loaded and deleted, undo and redo.
    static func play(_ bench: Bench, steps: Int, seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        let ids = bench.roster.ids
        for _ in 0..<steps {
            let state = bench.state
            let labels = Bench.groups(state).map { $0["label"] as! String }
            let a = ids.randomElement(using: &random)!, b = ids.randomElement(using: &random)!
            switch Int.random(in: 0..<12, using: &random) {
            case 0...3: _ = bench.call("POST", "/api/swap", #"{"a": "\#(a)", "b": "\#(b)"}"#)
            case 4: _ = bench.call("POST", "/api/move", #"{"leader": "\#(a)", "group": "\#(labels.randomElement(using: &random)!)"}"#)
            case 5: _ = bench.call("POST", "/api/pin", #"{"leader": "\#(a)", "pinned": \#(Bool.random(using: &random))}"#)
            case 6: _ = bench.call("POST", "/api/settings", #"{"controls": {"pure": \#(Double(Int.random(in: 0...50, using: &random)) / 10)}}"#)
            case 7: _ = bench.call("POST", "/api/settings", #"{"typology": "\#(["local", "cross", "sector", "broad"].randomElement(using: &random)!)"}"#)
            case 8: _ = bench.call("POST", "/api/scenarios", #"{"name": "S\#(Int.random(in: 0...99, using: &random))"}"#)
            case 9:
                let scenarios = (state["scenarios"] as! [[String: Any]]).map { $0["index"] as! Int }
                if let number = scenarios.randomElement(using: &random) {
                    _ = bench.call("POST", Bool.random(using: &random) ? "/api/scenarios/load" : "/api/scenarios/delete", #"{"index": \#(number)}"#)
                }
            case 10: _ = bench.call("POST", "/api/undo")
            default: _ = bench.call("POST", "/api/redo")
            }
        }
    }

    static func work(_ workbench: Workbench) -> WorkState { workbench.read { $0.work } }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func aResumedSessionHoldsExactlyTheWorkAsItWas(seed: UInt64) throws {
        let session = try SavedBench()
        defer { session.cleanUp() }
        let (bench, journal, path) = (session.bench, session.journal, session.path)
        Self.play(bench, steps: 60, seed: seed)
        let before = Self.work(bench.workbench)
        #expect(!before.undo.isEmpty)
        journal.release()  // as the process ending lets go of it (Ctrl-C, kill -9: the kernel closes the file)

        let resumed = try Self.resumed(path, setup: bench.workbench.setup)
        #expect(Self.work(resumed) == before)
        #expect(resumed.outcome.score == bench.workbench.outcome.score)
        #expect(resumed.resumed?.notes == [])
        // The file holds personal data: its owner only.
        let mode = try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
        #expect(mode & 0o077 == 0)
    }

    @Test func aTornLastLineWasNeverAcknowledgedAndIsDropped() throws {
        let session = try SavedBench()
        defer { session.cleanUp() }
        let (bench, journal, path) = (session.bench, session.journal, session.path)
        Self.play(bench, steps: 20, seed: 7)
        let before = Self.work(bench.workbench)
        journal.release()
        // The process died in the middle of writing a step.
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data(#"{"t":"install","a":{"m":[[0,1"#.utf8))
        handle.closeFile()
        let resumed = try Self.resumed(path, setup: bench.workbench.setup)
        #expect(Self.work(resumed) == before)
        #expect(resumed.resumed?.notes == [])
    }

    @Test func aDamagedLineEndsTheReadingAndIsSaid() throws {
        let session = try SavedBench()
        defer { session.cleanUp() }
        let (bench, journal, path) = (session.bench, session.journal, session.path)
        let id = bench.roster.ids
        #expect(bench.call("POST", "/api/swap", #"{"a": "\#(id[0])", "b": "\#(id[11])"}"#).status == 200)
        let afterFirst = Self.work(bench.workbench)
        #expect(bench.call("POST", "/api/swap", #"{"a": "\#(id[1])", "b": "\#(id[10])"}"#).status == 200)
        #expect(bench.call("POST", "/api/swap", #"{"a": "\#(id[2])", "b": "\#(id[9])"}"#).status == 200)
        journal.release()
        // Flip one byte inside the second swap's line (the fourth line): it and the line after it are lost.
        var bytes = try #require(FileManager.default.contents(atPath: path))
        let newlines = bytes.indices.filter { bytes[$0] == UInt8(ascii: "\n") }
        bytes[newlines[2] + 5] ^= 0x01
        try bytes.write(to: URL(fileURLWithPath: path))
        let resumed = try Self.resumed(path, setup: bench.workbench.setup)
        #expect(Self.work(resumed) == afterFirst)
        #expect(resumed.resumed?.notes == [Message("serve.session.damaged", .int(2))])
    }

    @Test func aLongSessionIsRewrittenAndStaysBounded() throws {
        let session = try SavedBench(rewriteFloor: 4096)
        defer { session.cleanUp() }
        let (bench, journal, path, folder) = (session.bench, session.journal, session.path, session.folder)
        var largest = 0
        let id = bench.roster.ids
        for k in 0..<400 {
            _ = bench.call("POST", "/api/swap", #"{"a": "\#(id[k % 6])", "b": "\#(id[6 + (k * 5) % 6])"}"#)
            largest = max(largest, (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0)
        }
        let before = Self.work(bench.workbench)
        #expect(before.undo.count == WorkState.undoLimit)
        journal.release()
        // Bounded by the snapshot (the current arrangement, 200 undo steps) four times over, not by the 400 changes.
        let snapshot = SessionJournalTests.snapshotSize(before)
        #expect(largest <= 4 * snapshot + 4096 + 512, "largest \(largest), snapshot \(snapshot)")
        #expect(Self.work(try Self.resumed(path, setup: bench.workbench.setup)) == before)
        // No temporary file is left beside it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == [URL(fileURLWithPath: path).lastPathComponent])
    }

    static func snapshotSize(_ state: WorkState) -> Int {
        JSONValue.object([("t", .string("snapshot"))] + WorkCoding.state(state)).compact().utf8.count + 18
    }

    @Test func aChangeTheDiskCannotTakeIsRefusedAndNotMade() throws {
        let session = try SavedBench()
        defer { session.cleanUp() }
        let (bench, journal, path) = (session.bench, session.journal, session.path)
        let id = bench.roster.ids
        #expect(bench.call("POST", "/api/swap", #"{"a": "\#(id[0])", "b": "\#(id[11])"}"#).status == 200)
        let before = bench.state, work = Self.work(bench.workbench)
        // The disk is full: every write to the session file fails, and it cannot be cut back either.
        let full = open("/dev/full", O_WRONLY)
        try #require(full >= 0)
        defer { close(full) }
        dup2(full, journal.descriptor)
        let refused = bench.call("POST", "/api/swap", #"{"a": "\#(id[1])", "b": "\#(id[10])"}"#)
        #expect(refused.status == 507)
        #expect(refused.json["error"] as? String == "ændringen kunne ikke gemmes: disken er fuld")
        #expect((refused.json["hint"] as? String)?.hasPrefix("intet er ændret") == true)
        #expect(bench.state["version"] as? Int == before["version"] as? Int)
        #expect(Self.work(bench.workbench) == work)
        // The next change first writes the whole file anew (the folder has room): the refused change is in
        // neither the file nor the workbench, and the session reads back as it is.
        #expect(bench.call("POST", "/api/scenarios", #"{"name": "A"}"#).status == 200)
        let after = Self.work(bench.workbench)
        #expect(after.current == work.current && after.scenarios.map(\.name) == ["A"])
        journal.release()
        #expect(Self.work(try Self.resumed(path, setup: bench.workbench.setup)) == after)
    }

    @Test func startingAfreshKeepsTheWorkSoFarAndScenarioNumbers() throws {
        let session = try SavedBench()
        defer { session.cleanUp() }
        let (bench, journal, path) = (session.bench, session.journal, session.path)
        let id = bench.roster.ids
        #expect(bench.call("POST", "/api/swap", #"{"a": "\#(id[0])", "b": "\#(id[11])"}"#).status == 200)
        #expect(bench.call("POST", "/api/scenarios", #"{"name": "A"}"#).status == 200)
        let answer = bench.call("POST", "/api/fresh", "{}")
        #expect(answer.status == 202)
        bench.workbench.waitForSearch()
        let work = Self.work(bench.workbench)
        #expect(work.undo.isEmpty && work.scenarios.isEmpty)
        #expect(bench.workbench.resumed == nil)
        // The work before is kept beside the session, whole.
        let previous = path + ".previous"
        #expect(((bench.state["session"] as? [String: Any])?["previous"] as? String) == previous)
        let (copy, saved) = try SessionJournal.claim(path: previous)
        copy.release()
        #expect(try #require(saved).state(base: work.current.rules)?.0.scenarios.map(\.name) == ["A"])
        // A new scenario does not take an old one's number.
        #expect(bench.call("POST", "/api/scenarios", #"{"name": "B"}"#).status == 200)
        #expect(Self.work(bench.workbench).scenarios.map(\.number) == [2])
        journal.release()
        #expect(Self.work(try Self.resumed(path, setup: bench.workbench.setup)) == Self.work(bench.workbench))
    }

    @Test func aSecondWorkbenchOnTheSameRosterIsRefused() throws {
        let session = try SavedBench()
        defer { session.cleanUp() }
        let (journal, path) = (session.journal, session.path)
        #expect(throws: SessionJournal.Failure.locked(path: path)) { _ = try SessionJournal.claim(path: path) }
        journal.release()
        let (again, saved) = try SessionJournal.claim(path: path)
        #expect(saved != nil)
        again.release()
    }

    @Test func aRosterChangedBetweenSessionsResumesWhatStillApplies() throws {
        let session = try SavedBench()
        defer { session.cleanUp() }
        let (bench, journal, path, folder) = (session.bench, session.journal, session.path, session.folder)
        let id = bench.roster.ids
        #expect(bench.call("POST", "/api/pin", #"{"leader": "\#(id[7])", "pinned": true}"#).status == 200)
        #expect(bench.call("POST", "/api/swap", #"{"a": "\#(id[0])", "b": "\#(id[6])"}"#).status == 200)
        #expect(bench.call("POST", "/api/scenarios", #"{"name": "A"}"#).status == 200)
        let before = Self.work(bench.workbench)
        journal.release()

        // Leader 8 (nobody's manager, in no conflict or wish) has left; a leader 13 has joined.
        let text = try String(contentsOfFile: Fixtures.path("small-danish.csv"), encoding: .utf8)
        #expect(text.contains("8;Lars Olsen;"))
        let edited = folder + "/small-danish.csv"
        try text.replacingOccurrences(of: "8;Lars Olsen;", with: "13;Ny Olsen;").write(toFile: edited, atomically: true, encoding: .utf8)
        let roster = try RosterLoader.load(path: edited).roster
        #expect(roster.ids.contains("13") && !roster.ids.contains("8"))

        let resumed = try Self.resumed(path, setup: bench.workbench.setup, roster: roster)
        let work = Self.work(resumed)
        // Everyone in exactly one group, in every arrangement kept; the others where they were.
        for arrangement in [work.current] + work.undo + work.scenarios.map(\.arrangement) {
            #expect(arrangement.groups.count == roster.count && arrangement.groups.allSatisfy { $0 >= 0 && Int($0) < arrangement.labels.count })
        }
        for (i, leader) in roster.ids.enumerated() where leader != "13" {
            let old = try #require(id.firstIndex(of: leader))
            #expect(work.current.groups[i] == before.current.groups[old])
        }
        #expect(!work.current.pinned.contains(true))  // the pinned leader left
        #expect(work.undo.count == before.undo.count && work.scenarios.map(\.name) == ["A"])
        let notes = resumed.resumed?.notes.map { Words(.en).render($0) } ?? []
        #expect(notes.contains { $0.hasPrefix("1 leader is no longer in small-danish.csv") && $0.hasSuffix(": 8") }, "\(notes)")
        #expect(notes.contains { $0.hasPrefix("1 new leader was placed in the smallest groups:") }, "\(notes)")
    }

    @Test func everyArrangementAndStepReadsBackBitForBit() throws {
        let bench = try Bench(start: twoGroups)
        var rules = bench.workbench.current.rules
        rules.settings.purityWeight = 0.1 + 0.2
        rules.settings.weights["køn"] = -1.0 / 3
        rules.togetherWeight = nil
        let base = bench.workbench.current
        var next = base
        next.rules = rules
        next.groups.swapAt(0, 11)
        next.pinned[3] = true
        let count = bench.roster.count
        for reference in [nil, base] as [Arrangement?] {
            let json = try JSONSerialization.jsonObject(with: Data(WorkCoding.arrangement(next, against: reference).compact().utf8))
            #expect(WorkCoding.arrangement(json, against: reference, count: count, base: base.rules) == next)
        }
        // A group out of range, or a leader beyond the roster, is not read as an arrangement.
        for bad in [#"{"m": [[0, 7]]}"#, #"{"m": [[99, 0]]}"#, #"{"p": [12]}"#, #"{"g": [0, 1]}"#] {
            let json = try JSONSerialization.jsonObject(with: Data(bad.utf8))
            #expect(WorkCoding.arrangement(json, against: base, count: count, base: base.rules) == nil, "\(bad)")
        }
    }
}
