import Foundation
import SparringEngine
import SparringIO
import SparringModel
import SparringReport
import SparringServer
import SparringWorkbench
import SparringCLI

/// `sparring serve ROSTER`: the workbench, a page in the consultant's own browser served from this process on
/// 127.0.0.1 only, where she tunes the rules, moves and pins people, searches again, keeps scenarios and
/// exports (see `Documentation/Workbench.md`). Serves until Ctrl-C.
enum ServeCommand {
    static let spec = CommandSpec(
        name: "serve",
        positionalNames: ["ROSTER.csv"],
        summary: "Open the workbench in the browser: tune, move people by hand, pin, compare scenarios, export.",
        positionals: 1...1,
        options: ruleOptions + [sheetOption] + rosterColumnOptions + roundOptions + [
            .init(name: "grouping", value: "FILE", help: "Open on this grouping (assignments CSV or .xlsx, e.g. an earlier --out) instead of searching first."),
            scenarioOption,
            .init(name: "rounds", value: "K", help: "Plan K rounds (years) together, as 'sparring plan' does: a tab per round; moves within a round show how often pairs meet again."),
            .init(name: "port", value: "N", help: "Listen on 127.0.0.1 at this port (default: a free one)."),
            .init(name: "no-open", value: nil, help: "Do not open the browser; only print the address."),
            .init(name: "time", value: "SECONDS", help: "Wall-clock limit of each search (default 3 s up to 1,000 leaders, 10 s up to 10,000, else 60 s)."),
            .init(name: "seed", value: "N", help: "Random seed of the searches (default 1)."),
            .init(name: "threads", value: "N", help: "Independent runs in parallel in each search (default: all cores)."),
            .init(name: "hide", value: "ATTR,...", help: "Leave these roster columns (e.g. gender,age or name) out of the page and every export.", repeatable: true),
            .init(name: "fresh", value: nil, help: "Start anew instead of resuming the work saved on this roster (the saved work is kept as FILE.previous)."),
            .init(name: "session-folder", value: "FOLDER", help: "Keep the work in this folder (default: the roster's folder), in ROSTER.sparring-session."),
            languageOption,
        ] + facilitatorOptions)

    /// Options that are not the session's settings: the search's, the server's and the language may change from one
    /// start to the next; `--grouping`, `--scenario` and `--pin` open on something else than the saved work (and
    /// are refused while there is saved work, without `--fresh`).
    static let sessionFreeOptions: Set<String> = ["port", "no-open", "time", "seed", "threads", "language", "fresh", "session-folder",
                                                  "grouping", "scenario", "pin"]

    /// The settings and inputs of `arguments` as command-line words, in the option table's order: what a saved
    /// session was started with, compared when it is resumed. O(options).
    static func sessionArguments(_ arguments: ParsedArguments) -> [String] {
        var words: [String] = []
        for option in spec.options where !sessionFreeOptions.contains(option.name) {
            if arguments.flags.contains(option.name) { words.append("--" + option.name) }
            for value in arguments.values[option.name] ?? [] { words += ["--" + option.name, value] }
        }
        return words
    }

    static func run(_ given: ParsedArguments, _ console: Console) throws -> Int32 {
        let path = given.positionals[0]
        let sessionPath = URL(fileURLWithPath: given.value("session-folder") ?? URL(fileURLWithPath: path).deletingLastPathComponent().path)
            .appendingPathComponent(SessionJournal.fileName(roster: path, sheet: given.value("sheet"))).path
        let fresh = given.flags.contains("fresh")
        if let folder = given.value("session-folder"), !FileManager.default.fileExists(atPath: folder) {
            // A folder named for the work is made (readable by its owner only), as an output folder is not.
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        // The session file is taken first (its problems are shown in the roster's language, read on that path).
        // Starting afresh takes it whatever it holds, without reading it.
        let (journal, found): (SessionJournal, SessionJournal.Saved?)
        do { (journal, found) = try SessionJournal.claim(path: sessionPath, reading: !fresh) } catch { throw sessionError(error, language: nil) }
        defer {
            journal.abandonIfEmpty()
            journal.release()
        }
        // Work saved on this roster is resumed with the settings it was started with, unless others are given, and
        // in its own language, unless another is asked for.
        var adopted = given
        if let header = found?.header {
            // (`--sheet` names the roster, as its file does: it is part of the session file's name, not a setting.)
            if sessionArguments(given).filter({ $0 != "--sheet" && $0 != given.value("sheet") }).isEmpty && !header.arguments.isEmpty {
                // (Read with the roster named, as the command line names it: the saved words are options only.)
                let saved = try ParsedArguments(given.positionals + header.arguments, spec: spec)
                adopted.values.merge(saved.values) { own, _ in own }
                adopted.flags.formUnion(saved.flags)
            }
            if given.value("language") == nil { adopted.values["language"] = [header.language.rawValue] }
        }
        let (merged, scenario) = try ScenarioInput.merge(adopted, spec: spec)
        // A workbook Sparring wrote (--grouping) carries the rules it was made with: they apply unless given here.
        let (arguments, savedRules) = merged.value("grouping").map { SavedSettings.adopt(merged, fromWorkbook: $0, spec: spec) } ?? (merged, [])
        if arguments.value("grouping") != nil && scenario != nil {
            throw UsageError(Message("usage.serve.groupingAndScenario"), hint: Message("usage.serve.groupingAndScenario.hint"))
        }
        if arguments.value("pin") != nil && scenario != nil {
            throw UsageError(Message("usage.serve.pinAndScenario"), hint: Message("usage.serve.pinAndScenario.hint"))
        }
        let settings = try ruleSettings(arguments)
        let rounds = try arguments.integer("rounds", range: 1...52) ?? 1
        if rounds > 1, let other = ["grouping", "scenario", "previous"].first(where: { arguments.value($0) != nil }) ?? (arguments.flags.contains("no-repeat") ? "no-repeat" : nil) {
            // A plan starts its own rounds: one grouping, a previous round or a hard no-repeat have no place in it.
            throw UsageError(Message("usage.serve.roundsAnd", .text("--" + other)), hint: Message("usage.serve.roundsAnd.hint"))
        }
        let port = try arguments.integer("port", range: 0...65_535) ?? 0
        let search = try SearchArguments(arguments)

        let loaded = try loadRoster(path: path, arguments: arguments)
        let roster = loaded.roster
        let words = arguments.words(for: roster)
        try refuseOpeningOnOther(found, path: sessionPath, arguments: arguments, words: words)
        let saved = found
        // Starting afresh keeps the file aside first (nothing is ever deleted).
        var previous: String?
        if fresh {
            do { previous = try journal.keepPrevious() } catch { throw sessionError(error, language: words.language) }
        }
        // The command that goes on with this work: the roster, and where the session is when not beside it.
        let resume = shellCommand(["sparring", "serve", path] + (arguments.value("sheet").map { ["--sheet", $0] } ?? [])
                                  + (given.value("session-folder").map { ["--session-folder", $0] } ?? []))
        let setup = try withLanguage(words) { try RoundSetup(arguments, roster: roster) }
        let choices = try withLanguage(words) { try OutputChoices(arguments, roster: roster, dialect: outputDialect(loaded)) }
        Sparring.report(loaded.warnings + setup.warnings, words: words, to: console)
        if !savedRules.isEmpty, let grouping = arguments.value("grouping") {
            console.err(words("score.savedSettings", .text(displaySafe(grouping)), .text(shellCommand(savedRules))))
        }

        var problem = Problem(roster: roster, settings: settings, rounds: setup.rules, pinLabels: setup.pinLabels, pinSource: setup.pinSource,
                              visibility: choices.visibility, words: words)
        (problem.facilitators, problem.facilitatorsPerGroup) = try withLanguage(words) { try readFacilitators(arguments, roster: roster) }
        let rules = Rules(settings: settings, rounds: setup.rules)
        var start: Arrangement?
        var resumed: ResumedWork?
        if let saved {
            let known = Set(roster.ids), ids = saved.header.ids
            let kept = ids.reduce(0) { $0 + (known.contains($1) ? 1 : 0) }
            if !ids.isEmpty && 2 * kept < ids.count {
                throw DiagnosticError([.error(sessionPath, Message("serve.session.otherRoster", .int(kept), .int(ids.count), .text(HTMLReport.fileName(path))),
                                              hint: Message("serve.session.otherRoster.hint"))], language: words.language)
            }
            let digest = SessionJournal.digest(of: (FileManager.default.contents(atPath: path) ?? Data()))
            guard let work = ResumedWork.resume(saved, file: sessionPath, roster: roster, base: rules, digest: digest) else {
                throw DiagnosticError([.error(sessionPath, Message("serve.session.unreadable", .message(Message("session.reason.damaged"))),
                                              hint: Message("serve.session.unreadable.hint"))], language: words.language)
            }
            resumed = work
        } else if let grouping = arguments.value("grouping") {
            let loadedGrouping = try withLanguage(words) { try GroupingLoader.load(path: grouping, roster: roster) }
            Sparring.report(loadedGrouping.warnings, words: words, to: console)
            try requireEveryLeader(loadedGrouping, path: grouping, roster: roster, words: words)
            let labels = loadedGrouping.labels, groups = loadedGrouping.groupOf
            start = Arrangement(rules: rules, groups: groups, labels: labels, pinned: try pinsOnGrouping(setup, roster: roster, labels: labels, groups: groups, words: words))
        } else if let scenario {
            let grouping = try withLanguage(words) { try scenario.file.grouping(on: roster, path: scenario.path) }
            start = Arrangement(rules: rules, groups: grouping.groups, labels: grouping.labels, pinned: grouping.pinned)
        }
        if start != nil { problem.pinLabels = [] }

        var inputArguments: [String] = []
        for option in scenarioInputOptions {
            if arguments.flags.contains(option) { inputArguments.append("--" + option) }
            for value in arguments.values[option] ?? [] { inputArguments += ["--" + option, value] }
        }
        // Ctrl-C during the first search ends it (the best grouping so far is kept) and closes without serving.
        let interrupts = Interrupts.watch()
        var workbenchSetup = Workbench.Setup(problem: problem, rosterPath: path, csv: choices.csv, inputArguments: inputArguments,
                                             seed: search.seed, threads: search.threads, seconds: search.seconds,
                                             firstSearchCancellation: interrupts?.cancellation)
        workbenchSetup.rounds = rounds
        workbenchSetup.history = setup.history
        if start == nil && resumed == nil {
            console.err(words("serve.searching", .text(words("cli.budget.time", .number(workbenchSetup.planSeconds), .int(roster.count)))))
        }
        let workbench = try withLanguage(words) {
            if let resumed { try Workbench(setup: workbenchSetup, resuming: resumed) } else { try Workbench(setup: workbenchSetup, start: start) }
        }
        interrupts?.finish()
        // Work that could not be resumed exactly (leaders gone or new, settings that no longer apply, damage) is
        // copied aside before the file is written anew from what was resumed.
        if let notes = workbench.resumed?.notes, !notes.isEmpty {
            do { previous = try journal.keepPrevious() } catch { throw sessionError(error, language: words.language) }
        }
        // From here on every change is on the disk before the page hears of it.
        let header = SessionJournal.Header(roster: HTMLReport.fileName(path),
                                           digest: SessionJournal.digest(of: FileManager.default.contents(atPath: path) ?? Data()),
                                           language: words.language, arguments: sessionArguments(arguments), ids: roster.ids)
        do {
            try workbench.keep(in: journal, header: header)
        } catch {
            throw sessionError(error, language: words.language)
        }
        if let previous { console.err(words("serve.session.previous", .text(displaySafe(previous)))) }
        if let resumed {
            console.err(words("serve.session.resumed", .text(displaySafe(sessionPath)), .text(resumed.savedText(words)),
                              .int(resumed.undoSteps), .int(resumed.scenarios)))
            for note in workbench.resumed?.notes ?? [] { console.err("  " + words.render(note)) }
        } else {
            console.err(words("serve.session.new", .text(displaySafe(sessionPath)), .text(displaySafe(resume))))
        }
        if Interrupts.wasInterrupted {
            workbench.close()
            console.err(words("serve.stoppedSaved", .text(displaySafe(sessionPath)), .text(displaySafe(resume))))
            return 0
        }
        let token = AccessGuard.newToken()
        let api = WorkbenchAPI(workbench, token: token)
        let server: LoopbackServer
        do {
            server = try LoopbackServer(port: port, token: token, pagePaths: WorkbenchAPI.pagePaths, refusals: api.refusalTexts, handler: api.handler)
        } catch let failure as LoopbackServer.StartFailure {
            throw DiagnosticError([.error(nil, Message("serve.cannotListen", .text(failure.description)), hint: Message("serve.cannotListen.hint"))],
                                  language: words.language)
        }
        console.out("url: \(server.url)")
        console.err(words("serve.running"))
        // The browser gets a single-use launch code, never the token: its command line is visible to every local user.
        if !arguments.flags.contains("no-open") { openBrowser(server.launchURL(), console: console, words: words) }

        // Serve until Ctrl-C (or SIGTERM): then end a running search, stop accepting and return.
        while !Interrupts.wasInterrupted { Thread.sleep(forTimeInterval: 0.1) }
        // Closing first: a request still in flight cannot start a search the shutdown would wait for.
        workbench.close()
        server.stop()
        workbench.waitForSearch()
        journal.release()
        console.err(words("serve.stoppedSaved", .text(displaySafe(sessionPath)), .text(displaySafe(resume))))
        return 0
    }

    /// Refuses to go on when work is saved (`saved`) and the command line asks for something else: a grouping,
    /// scenario or pins to open on, or other settings than the saved work was started with.
    /// - Throws: ``DiagnosticError`` in the roster's language, with the two ways on (the roster alone, `--fresh`).
    static func refuseOpeningOnOther(_ saved: SessionJournal.Saved?, path: String, arguments: ParsedArguments, words: Words) throws {
        guard let saved else { return }
        let opening = ["grouping", "scenario", "pin"].filter { arguments.value($0) != nil }.map { "--" + $0 }
        if !opening.isEmpty {
            throw DiagnosticError([.error(path, Message("serve.session.openingOnSaved", .list(opening.map { .text($0) })),
                                          hint: Message("serve.session.fresh.hint", .list(opening.map { .text($0) }), .text(displaySafe(path + ".previous"))))],
                                  language: words.language)
        }
        if sessionArguments(arguments) != saved.header.arguments {
            let startedWith = saved.header.arguments.isEmpty ? words("serve.session.noSettings") : shellCommand(saved.header.arguments)
            throw DiagnosticError([.error(path, Message("serve.session.otherSettings", .text(displaySafe(startedWith))),
                                          hint: Message("serve.session.otherSettings.hint", .text(displaySafe(path + ".previous"))))], language: words.language)
        }
    }

    /// A session file that cannot be used, as an error in the roster's language with what to do.
    /// - Parameter language: the roster's, when known (else it is judged from the roster's header when shown).
    static func sessionError(_ failure: SessionJournal.Failure, language: Language?) -> DiagnosticError {
        let path = failure.path
        let diagnostic: Diagnostic
        switch failure {
        case .locked:
            diagnostic = .error(path, Message("serve.session.locked"), hint: Message("serve.session.locked.hint"))
        case .cannotWrite:
            diagnostic = .error(path, Message("serve.session.cannotWrite", .message(failure.reason)), hint: Message("serve.session.cannotWrite.hint"))
        case .unreadable:
            diagnostic = .error(path, Message("serve.session.unreadable", .message(failure.reason)), hint: Message("serve.session.unreadable.hint"))
        }
        return DiagnosticError([diagnostic], language: language)
    }

    /// Pins (`--pin`) on a grouping given with `--grouping`: each must name the group the grouping places the
    /// leader in, by its label. - Throws: ``DiagnosticError`` for every pin that names another group or none
    /// (a pin that cannot be applied is an error, never dropped). O(n · groups).
    static func pinsOnGrouping(_ setup: RoundSetup, roster: Roster, labels: [String], groups: [Int32], words: Words) throws(DiagnosticError) -> [Bool] {
        var pinned = [Bool](repeating: false, count: roster.count), problems: [Diagnostic] = []
        for (i, label) in setup.pinLabels.enumerated() {
            guard let label else { continue }
            let who = displaySafe("\(roster.names[i]) (\(roster.ids[i]))"), line = setup.pinSource.map { i < $0.lines.count ? $0.lines[i] : 0 } ?? 0
            let placed = labels[Int(groups[i])]
            if label == placed {
                pinned[i] = true
            } else if labels.contains(label) {
                problems.append(.error(setup.pinSource?.file, line, 0, Message("serve.pinElsewhere", .text(who), .quoted(label), .quoted(placed)),
                                       hint: Message("serve.pin.hint")))
            } else {
                problems.append(.error(setup.pinSource?.file, line, 0, Message("serve.pinNoGroup", .text(who), .quoted(label)), hint: Message("serve.pin.hint")))
            }
        }
        if !problems.isEmpty { throw DiagnosticError(problems, language: words.language) }
        return pinned
    }

    /// The program and arguments that open `url` in the default browser (`xdg-open`, or `open` on macOS), or
    /// nil when there is none. `url` is a launch address (``LoopbackServer/launchURL()``): this command line is
    /// readable by every local user, so it must never hold the token.
    static func browserCommand(_ url: String, opener: String? = defaultOpener) -> (program: String, arguments: [String])? {
        opener.map { ($0, [url]) }
    }

    /// `$BROWSER` when it names an executable by its full path, else `open` on macOS, else the first `xdg-open` found.
    static var defaultOpener: String? {
        if let browser = ProcessInfo.processInfo.environment["BROWSER"], browser.hasPrefix("/"), FileManager.default.isExecutableFile(atPath: browser) {
            return browser
        }
        #if os(macOS)
        return "/usr/bin/open"
        #else
        return ["/usr/bin/xdg-open", "/usr/local/bin/xdg-open", "/bin/xdg-open"].first { FileManager.default.isExecutableFile(atPath: $0) }
        #endif
    }

    /// Opens `url` in the default browser; when that fails, says to open it by hand.
    static func openBrowser(_ url: String, console: Console, words: Words) {
        guard let (opener, arguments) = browserCommand(url) else {
            console.err(words("serve.openByHand"))
            return
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: opener)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { console.err(words("serve.openByHand")) }
    }
}
