/// What a consultant's workbench session holds that must outlive the process: the current arrangement, the
/// undo and redo steps and the scenarios kept. Every change is one ``WorkStep``; the session applies it in
/// memory and the ``SessionJournal`` writes it to disk first, and replays the same steps on resume, so the two
/// cannot drift apart. Scores are not part of it: they follow from the arrangement.
struct WorkState: Sendable, Equatable {
    var current: Arrangement
    var undo: [Arrangement] = []
    var redo: [Arrangement] = []
    var scenarios: [Scenario] = []
    /// The number the last kept scenario got; the next one gets one more (never reused in a session).
    var nextScenario = 0

    /// The most undo steps kept (memory and the journal stay bounded in a long session).
    static let undoLimit = 200
    /// The most scenarios kept.
    static let scenarioLimit = 20

    /// Applies `step`. Undo (redo) with nothing to undo (redo), or deleting a scenario that is not kept, changes
    /// nothing. O(n) for an install (the undo bound may drop the oldest step), O(scenarios) otherwise.
    mutating func apply(_ step: WorkStep) {
        switch step {
        case .install(let next):
            undo.append(current)
            if undo.count > Self.undoLimit { undo.removeFirst(undo.count - Self.undoLimit) }
            redo = []
            current = next
        case .undo:
            guard let target = undo.popLast() else { return }
            redo.append(current)
            current = target
        case .redo:
            guard let target = redo.popLast() else { return }
            undo.append(current)
            current = target
        case .keep(let scenario):
            scenarios.append(scenario)
            nextScenario = max(nextScenario, scenario.number)
        case .delete(let number):
            scenarios.removeAll { $0.number == number }
        }
    }
}

/// One change of a ``WorkState``, as the workbench makes it and the journal keeps it.
enum WorkStep: Sendable, Equatable {
    /// A new current arrangement (a move, swap, pin, settings change, loaded scenario or search result): the
    /// old one becomes an undo step and the redo steps are dropped.
    case install(Arrangement)
    case undo
    case redo
    /// A scenario kept (of the current arrangement, with its figures as scored then).
    case keep(Scenario)
    /// The scenario with this number forgotten.
    case delete(Int)
}
