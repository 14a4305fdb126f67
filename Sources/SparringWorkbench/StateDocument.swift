import SparringEngine
import SparringIO
import SparringModel
import SparringReport
import SparringSolver

/// The JSON documents of the API: the roster (once per page) and the state (after every change). Every text
/// comes from the engine's explanation in the session's language; names are shown as the report shows them
/// (`--hide` applies).
enum StateDocument {
    /// `POST /api/preview`: what a hand change would do — the change of the hard count and the points, each rule's
    /// (by id), and the hard rules it would break, in the session's words; `null` for a leader dropped on their
    /// own group. O(rules).
    static func preview(_ preview: Pipeline.Preview?) -> String {
        guard let preview else { return JSONValue.null.compact() }
        let document: JSONValue = .object([
            ("hard", .int(preview.change.hard)), ("points", .number(preview.change.soft)),
            ("rules", .array(preview.rules.map { .object([("rule", .string($0.id)), ("hard", .int($0.change.hard)), ("points", .number($0.change.soft))]) })),
            ("breaks", .array(preview.newlyBroken.map { .string($0) })),
        ])
        return document.compact()
    }

    /// `GET /api/roster`: the file, a summary, the visible attributes, every leader with their visible values,
    /// the typologies and the page's texts. O(n · attributes + texts).
    static func roster(_ workbench: Workbench) -> String {
        let setup = workbench.setup, roster = setup.problem.roster, words = setup.problem.words
        let visibility = setup.problem.visibility
        let shown = visibility.visibleAttributes(roster)
        let sizing = setup.problem.settings.sizing
        let summary = RosterSummary.brief(roster, sizing: sizing, shown: shown, words: words)
        let document: JSONValue = .object([
            ("language", .string(words.language.rawValue)),
            ("file", .string(HTMLReport.fileName(setup.rosterPath))),
            ("summary", .array(summary.map { .string($0) })),
            ("attributes", .array(shown.map { .object([("key", .string(roster.attributes[$0].key)), ("header", .string(displaySafe(roster.attributes[$0].header)))]) })),
            ("leaders", .array(roster.ids.indices.map { i in
                // The page shows the id beside the name, so a namesake told apart only by the id is not told twice.
                .object([("id", .string(roster.ids[i])),
                         ("name", .string(i < visibility.qualifiers.count && visibility.qualifiers[i] == roster.ids[i] && !visibility.hidesNames
                                            ? displaySafe(roster.names[i]) : visibility.displayName(roster, i))),
                         ("values", .array(shown.map { .string(value(roster.attributes[$0], i, words)) }))])
            })),
            // The facilitators a group can be given by hand (name and how many groups they can take).
            ("facilitators", .array(setup.problem.facilitators.map { .object([("name", .string($0.name)), ("capacity", .int($0.capacity))]) })),
            ("typologies", .array(Typology.allCases.map {
                .object([("value", .string($0.rawValue)), ("label", .string($0.name(words))), ("rule", .string($0.explanation(words)))])
            })),
            ("texts", .object(Words.keys(of: words.language, prefix: "page.").map { ($0, .string(Words.template($0, in: words.language) ?? "")) })),
            ("resumed", workbench.resumed.map { (resumed: ResumedWork) -> JSONValue in
                .object([("saved", .string(resumed.savedText(words))), ("undo", .int(resumed.undoSteps)), ("scenarios", .int(resumed.scenarios)),
                         ("notes", .array(resumed.notes.map { .string(words.render($0)) }))])
            } ?? .null),
        ])
        return document.compact()
    }

    /// `GET /api/state` and the answer to every change. O(n + groups · attributes + rules + scenarios · n).
    static func state(_ workbench: Workbench) -> String {
        workbench.read { session in
            let scored = session.scored, context = scored.context, explanation = scored.explanation
            let roster = context.roster, current = session.current, words = context.words
            let settings = current.rules.settings
            let facilitators = context.facilitators, convenors = context.convenors
            let groups: [JSONValue] = explanation.groups.map { group in
                var roles: [(String, JSONValue)] = []
                if let facilitators {
                    roles.append(("facilitator", .string(facilitators.cell(group.group, words: words))))
                    let chosen = group.group < facilitators.chosen.count ? facilitators.chosen[group.group] : nil
                    roles.append(("facilitatorChosen", chosen.map { .string($0) } ?? .null))
                }
                if let convenors { roles.append(("convenor", .string(convenors[group.group].map { context.visibility.name(roster, $0) } ?? ""))) }
                return .object([
                    ("label", .string(group.label)),
                    ("members", .array(group.members.map { .string(roster.ids[$0]) })),
                    ("size", .int(group.members.count)),
                    ("problems", .array(group.problems.map { .string($0) })),
                    ("notes", .array((group.notes + group.personalNotes).map { .string($0) })),
                    ("composition", .array(group.composition.map { .object([("attribute", .string($0.attribute)), ("text", .string($0.text))]) })),
                ] + roles)
            }
            let controls = Controls.list(current.rules, roster: roster, model: scored.prepared.model, words: words)
            let search = session.search
            let searchJSON: JSONValue = .object([
                ("running", .bool(search != nil)),
                ("seconds", .number(search?.seconds ?? session.lastSearch?.seconds ?? 0, decimals: 2)),
                ("limit", .number(search?.limit ?? session.lastSearch?.limit ?? workbench.setup.searchSeconds, decimals: 2)),
                ("hard", search == nil ? .int(context.breakdown.score.hard) : search?.best.map { .int($0.hard) } ?? .null),
                ("soft", search == nil ? .number(context.breakdown.score.soft) : search?.best.map { .number($0.soft) } ?? .null),
                ("stopped", .bool(search?.stopped ?? session.lastSearch?.stopped ?? false)),
                ("improved", .bool(search == nil ? session.lastSearch?.improved ?? true : true)),
            ])
            let scenarios: [JSONValue] = session.scenarios.map { scenario in
                .object([
                    ("index", .int(scenario.number)), ("name", .string(scenario.name)),
                    ("typology", .string(scenario.arrangement.rules.settings.typology.rawValue)),
                    ("typologyLabel", .string(scenario.arrangement.rules.settings.typology.name(words))),
                    ("groups", .int(scenario.arrangement.labels.count)),
                    ("hard", .int(scenario.hard)), ("soft", .number(scenario.soft)),
                    ("rules", .array(scenario.rules.map { .object([("key", .string($0.key)), ("title", .string($0.title)), ("points", .number($0.points))]) })),
                    ("sharedPairs", .number(sharedPairs(scenario.arrangement.groups, current.groups), decimals: 4)),
                    ("plain", .object(scenario.plain.keys.sorted().map { ($0, .int(scenario.plain[$0]!)) })),
                ])
            }
            // A plan's rounds, the one shown, and how often pairs meet across them (earlier rounds included).
            let planJSON: JSONValue
            if current.roundCount > 1 {
                let met = PlanMeetings.count(workbench.setup.history + current.plan)
                planJSON = .object([("rounds", .int(current.roundCount)), ("round", .int(current.round)),
                                    ("repeats", .int(met.repeats)), ("maxMeetings", .int(met.maxMeetings))])
            } else {
                planJSON = .null
            }
            let document: JSONValue = .object([
                ("version", .int(session.version)),
                ("plan", planJSON),
                ("groups", .array(groups)),
                ("score", .object([("hard", .int(context.breakdown.score.hard)), ("soft", .number(context.breakdown.score.soft))])),
                ("hardProblems", .array(explanation.hardProblems.map { .string($0) })),
                ("rules", .array(ruleLines(context).map { .object([("key", .string($0.key)), ("title", .string($0.title)), ("measure", .string($0.measure)), ("points", .number($0.points))]) })),
                ("pins", .array(roster.ids.indices.filter { current.pinned[$0] }.map { .string(roster.ids[$0]) })),
                ("settings", .object([
                    ("typology", .string(settings.typology.rawValue)),
                    ("minSize", .int(settings.sizing.minSize)), ("maxSize", .int(settings.sizing.maxSize)),
                    ("groups", .int(current.labels.count)),
                    ("controls", .array(controls.map { control in
                        .object([("key", .string(control.key)), ("label", .string(control.label)), ("kind", .string(control.kind)),
                                 ("value", control.value.map { .number($0) } ?? .null),
                                 ("min", .number(control.range.lowerBound)), ("max", .number(control.range.upperBound))])
                    })),
                ])),
                ("history", .object([("canUndo", .bool(!session.undo.isEmpty)), ("canRedo", .bool(!session.redo.isEmpty)),
                                     ("undoSteps", .int(session.undo.count)), ("redoSteps", .int(session.redo.count))])),
                ("solve", searchJSON),
                ("scenarios", .array(scenarios)),
                ("changed", .array((session.changed ?? Array(current.labels.indices)).map { .string(current.labels[$0]) })),
                // Where the work is kept (null: in memory only), whether it changed since the last export, and why
                // a search's result could not be kept.
                ("session", .object([
                    ("file", session.journal.map { .string($0.path) } ?? .null),
                    ("unexported", .bool(session.unexported)),
                    ("problem", session.saveProblem.map { .string(words.render($0)) } ?? .null),
                    ("previous", session.previous.map { .string($0) } ?? .null),
                ])),
            ])
            return document.compact()
        }
    }

    /// A leader's value as the reader writes numbers ("3,5" in Danish), display-safe.
    static func value(_ attribute: Attribute, _ i: Int, _ words: Words) -> String {
        attribute.kind == .numeric && !attribute.values[i].isNaN ? words.number(attribute.values[i]) : displaySafe(attribute.displayValue(of: i))
    }

    /// Every line of the score's breakdown with a key that stays the same when only its weight changes (the
    /// rule's id and the title before its weight in brackets), so that scenarios line up rule by rule.
    /// O(rules).
    static func ruleLines(_ context: GroupingContext) -> [(key: String, title: String, measure: String, points: Double)] {
        context.breakdown.rules.flatMap { report in
            report.lines.map { line in
                let name = line.title.range(of: " (").map { String(line.title[..<$0.lowerBound]) } ?? line.title
                return (report.id + ":" + name, line.title, line.measure, line.points)
            }
        }
    }
}
