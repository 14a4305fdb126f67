import Foundation
import SparringEngine
import SparringIO
import SparringModel
import SparringReport
import SparringServer
import SparringWorkbench

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
            .init(name: "port", value: "N", help: "Listen on 127.0.0.1 at this port (default: a free one)."),
            .init(name: "no-open", value: nil, help: "Do not open the browser; only print the address."),
            .init(name: "time", value: "SECONDS", help: "Wall-clock limit of each search (default 3 s up to 1,000 leaders, 10 s up to 10,000, else 60 s)."),
            .init(name: "seed", value: "N", help: "Random seed of the searches (default 1)."),
            .init(name: "threads", value: "N", help: "Independent runs in parallel in each search (default: all cores)."),
            .init(name: "hide", value: "ATTR,...", help: "Leave these roster columns (e.g. gender,age or name) out of the page and every export.", repeatable: true),
            languageOption,
        ])

    /// Options that name inputs beside the roster; a scenario file repeats them.
    static let inputOptions = ["conflicts", "wishes", "rank-order", "sheet", "history", "previous", "together", "no-repeat", "hide",
                                      "manager-column", "conflicts-column", "wishes-column", "attribute-column", "outside"]

    static func run(_ given: ParsedArguments, _ console: Console) throws -> Int32 {
        let (arguments, scenario) = try ScenarioInput.merge(given, spec: spec)
        if arguments.value("grouping") != nil && scenario != nil {
            throw UsageError("--grouping and --scenario both give the grouping to open on", hint: "give one of them.")
        }
        if arguments.value("pin") != nil && scenario != nil {
            throw UsageError("--pin and --scenario both give pins", hint: "give one of them; the scenario file holds its own pins.")
        }
        let settings = try ruleSettings(arguments)
        let port = try arguments.integer("port", range: 0...65_535) ?? 0
        let search = try SearchArguments(arguments)
        let path = arguments.positionals[0]

        let loaded = try loadRoster(path: path, arguments: arguments)
        let roster = loaded.roster
        let words = arguments.words(for: roster)
        let setup = try withLanguage(words) { try RoundSetup(arguments, roster: roster) }
        let choices = try withLanguage(words) { try OutputChoices(arguments, roster: roster, dialect: outputDialect(loaded)) }
        Sparring.report(loaded.warnings + setup.warnings, words: words, to: console)

        var problem = Problem(roster: roster, settings: settings, rounds: setup.rules, pinLabels: setup.pinLabels, pinSource: setup.pinSource,
                              visibility: choices.visibility, words: words)
        let rules = Rules(settings: settings, rounds: setup.rules)
        var start: Arrangement?
        if let grouping = arguments.value("grouping") {
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
        for option in inputOptions {
            if arguments.flags.contains(option) { inputArguments.append("--" + option) }
            for value in arguments.values[option] ?? [] { inputArguments += ["--" + option, value] }
        }
        // Ctrl-C during the first search ends it (the best grouping so far is kept) and closes without serving.
        let interrupts = Interrupts.watch()
        let workbenchSetup = Workbench.Setup(problem: problem, rosterPath: path, csv: choices.csv, inputArguments: inputArguments,
                                             seed: search.seed, threads: search.threads, seconds: search.seconds,
                                             firstSearchCancellation: interrupts?.cancellation)
        if start == nil {
            console.err(words("cli.searching", .text(words("cli.budget.time", .number(workbenchSetup.searchSeconds), .int(roster.count)))))
        }
        let workbench = try withLanguage(words) { try Workbench(setup: workbenchSetup, start: start) }
        interrupts?.finish()
        if Interrupts.wasInterrupted {
            console.err(words("serve.stopped"))
            return 0
        }
        let api = WorkbenchAPI(workbench)
        let server: LoopbackServer
        do {
            server = try LoopbackServer(port: port, handler: api.handler)
        } catch let failure as LoopbackServer.StartFailure {
            throw DiagnosticError([.error(nil, Message("serve.cannotListen", .text(failure.description)), hint: Message("serve.cannotListen.hint"))],
                                  language: words.language)
        }
        console.out("url: \(server.url)")
        console.err(words("serve.running"))
        if !arguments.flags.contains("no-open") { openBrowser(server.url, console: console, words: words) }

        // Serve until Ctrl-C (or SIGTERM): then end a running search, stop accepting and return.
        while !Interrupts.wasInterrupted { Thread.sleep(forTimeInterval: 0.1) }
        // Closing first: a request still in flight cannot start a search the shutdown would wait for.
        workbench.close()
        server.stop()
        workbench.waitForSearch()
        console.err(words("serve.stopped"))
        return 0
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

    /// Opens `url` in the default browser (`xdg-open`, or `open` on macOS); when that fails, says to open it by hand.
    static func openBrowser(_ url: String, console: Console, words: Words) {
        #if os(macOS)
        let opener = "/usr/bin/open"
        #else
        let opener = ["/usr/bin/xdg-open", "/usr/local/bin/xdg-open", "/bin/xdg-open"].first { FileManager.default.isExecutableFile(atPath: $0) }
        #endif
        guard let opener else {
            console.err(words("serve.openByHand"))
            return
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: opener)
        process.arguments = [url]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { console.err(words("serve.openByHand")) }
    }
}
