import Foundation
import SparringModel
import SparringReport

/// Work saved by an earlier workbench session, brought onto the roster as it is now: what `serve` resumes.
public struct ResumedWork: Sendable {
    let state: WorkState
    /// What could not be resumed as it was (leaders gone or new, settings that no longer apply), for the
    /// terminal and the page.
    public let notes: [Message]
    /// When the last change was saved.
    public let saved: Date
    /// The session file.
    public let file: String

    /// When the last change was saved, as the consultant reads it: "5. december 2026 kl. 09.12".
    public func savedText(_ words: Words) -> String {
        let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone.current, from: saved)
        let date = HTMLReport.date(saved, words)
        func two(_ value: Int?) -> String { let text = String(value ?? 0); return text.count < 2 ? "0" + text : text }
        return words("session.savedAt", .text(date), .text(two(parts.hour)), .text(two(parts.minute)))
    }

    /// Steps that can be undone, and scenarios kept.
    public var undoSteps: Int { state.undo.count }
    public var scenarios: Int { state.scenarios.count }

    init(state: WorkState, notes: [Message], saved: Date, file: String) {
        self.state = state
        self.notes = notes
        self.saved = saved
        self.file = file
    }

    /// The work in `saved` on `roster`, under the start settings `base` (what the workbench cannot change).
    /// Leaders are matched by id: a leader no longer in the roster is taken out of every arrangement (and their
    /// pin with them); a new leader joins the smallest group of each arrangement (the first such, in label
    /// order), unpinned. Each such change is a note.
    /// - Returns: nil when the saved work cannot be read (its first snapshot is damaged).
    /// - Complexity: O(n · kept arrangements).
    public static func resume(_ saved: SessionJournal.Saved, file: String, roster: Roster, base: Rules, digest: String) -> ResumedWork? {
        guard let (state, lost) = saved.state(base: base) else { return nil }
        var notes: [Message] = []
        if lost > 0 { notes.append(Message("serve.session.damaged", .int(lost))) }
        let header = saved.header
        guard header.ids != roster.ids else {
            if header.digest != digest { notes.append(Message("serve.session.rosterEdited", .text(header.roster))) }
            return ResumedWork(state: state, notes: notes, saved: saved.saved, file: file)
        }
        let index = roster.indexByID()
        let target = header.ids.map { index[$0] }
        let known = Set(header.ids)
        let gone = header.ids.indices.filter { target[$0] == nil }.map { header.ids[$0] }
        let joined = roster.ids.indices.filter { !known.contains(roster.ids[$0]) }
        func moved(_ arrangement: Arrangement) -> Arrangement {
            var groups = [Int32](repeating: -1, count: roster.count), pinned = [Bool](repeating: false, count: roster.count)
            var sizes = [Int](repeating: 0, count: arrangement.labels.count)
            for (i, j) in target.enumerated() {
                guard let j else { continue }
                groups[j] = arrangement.groups[i]
                pinned[j] = arrangement.pinned[i]
                sizes[Int(arrangement.groups[i])] += 1
            }
            for j in joined {
                let smallest = sizes.indices.min { sizes[$0] < sizes[$1] } ?? 0
                groups[j] = Int32(smallest)
                sizes[smallest] += 1
            }
            return Arrangement(rules: arrangement.rules, groups: groups, labels: arrangement.labels, pinned: pinned)
        }
        var mapped = WorkState(current: moved(state.current), undo: state.undo.map(moved), redo: state.redo.map(moved),
                               scenarios: state.scenarios, nextScenario: state.nextScenario)
        for k in mapped.scenarios.indices { mapped.scenarios[k].arrangement = moved(state.scenarios[k].arrangement) }
        if !gone.isEmpty {
            notes.append(Message("serve.session.gone", .int(gone.count), .text(header.roster), .list(gone.prefix(10).map { .text(displaySafe($0)) })))
        }
        if !joined.isEmpty {
            let current = mapped.current
            notes.append(Message("serve.session.joined", .int(joined.count),
                                 .list(joined.prefix(10).map { .text(displaySafe(roster.names[$0]) + " → " + current.labels[Int(current.groups[$0])]) })))
        }
        if !mapped.scenarios.isEmpty && (!gone.isEmpty || !joined.isEmpty) { notes.append(Message("serve.session.scenariosBefore")) }
        return ResumedWork(state: mapped, notes: notes, saved: saved.saved, file: file)
    }
}
