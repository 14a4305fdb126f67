import SparringIO
import SparringModel
import SparringSolver

/// The `--json` document: settings, groups, score breakdown by rule, and run statistics.
public enum ResultJSON {
    public struct Run: Sendable {
        public var seed: UInt64
        public var threads: Int
        public var moves: Int
        public var seconds: Double
        public var timeLimit: Double?
        public var moveBudget: Int?

        public init(seed: UInt64, threads: Int, moves: Int, seconds: Double, timeLimit: Double?, moveBudget: Int?) {
            self.seed = seed
            self.threads = threads
            self.moves = moves
            self.seconds = seconds
            self.timeLimit = timeLimit
            self.moveBudget = moveBudget
        }
    }

    /// - Complexity: O(n · attributes + pairs).
    public static func render(_ context: GroupingContext, explanation: Explanation, run: Run?) -> String {
        let roster = context.roster, settings = context.settings, breakdown = context.breakdown, visibility = context.visibility
        let groupCount = context.groupCount
        func label(_ g: Int) -> JSONValue { Int(context.labels[g]).map { .int($0) } ?? .string(context.labels[g]) }
        func leader(_ i: Int) -> JSONValue {
            visibility.hidesNames ? .object([("id", .string(roster.ids[i]))])
                : .object([("id", .string(roster.ids[i])), ("name", .string(roster.names[i]))])
        }

        let model = context.model
        func figure(_ value: Figure) -> JSONValue {
            switch value {
            case .leader(let i): .string(roster.ids[i])
            case .group(let g): label(g)
            case .int(let n): .int(n)
            case .number(let x): .number(x)
            case .text(let text): .string(text)
            case .list(let items): .array(items.map(figure))
            case .object(let fields): .object(fields.map { ($0.key, figure($0.value)) })
            }
        }
        // Rules that keep their own settings write them (``ScoreRule/settingFields(in:)``).
        let ruleSettings: [(String, JSONValue)] = model.rules.filter(\.isActive).flatMap { $0.settingFields(in: model) }.map { ($0.key, figure($0.value)) }
        let builtIn: [(String, JSONValue)] = [
            ("typology", .string(settings.typology.rawValue)),
            ("minSize", .int(settings.sizing.minSize)),
            ("maxSize", .int(settings.sizing.maxSize)),
            ("groups", .int(groupCount)),
            ("hidden", .array(visibility.hiddenColumns.sorted().map { .string(roster.columns[$0]) })),
            ("weights", .object(model.cells.sameValue.terms.map { ($0.name, .number($0.weight)) } + model.numbers.spread.terms.map { ($0.name, .number($0.weight)) })),
            ("noLoneMember", .object(model.cells.lone.terms.map { ($0.name, .number($0.weight)) })),
            ("wishWeight", .number(settings.wishWeight)),
            ("atLeast", .array(settings.atLeast.map { .string($0.text) })), ("atLeastWeight", .number(settings.atLeastWeight)),
            ("atMost", .array(settings.atMost.map { .string($0.text) })), ("atMostWeight", settings.atMostWeight.map { .number($0) } ?? .string("hard")),
            ("meet", settings.meet.map { .string($0) } ?? .null), ("meetWeight", settings.meetWeight.map { .number($0) } ?? .string("hard")),
            ("balance", .array(settings.balance.map { .object([("attribute", .string($0.attribute)), ("weight", .number($0.weight))]) })),
        ]
        let settingsJSON: JSONValue = .object(builtIn + ruleSettings)
        // Each rule: its id, its lines (title, measure, points), its hard rules broken, and its own figures (`details`).
        // Hidden attributes keep their figures in aggregate (the rules leave out members' values).
        let rules: [JSONValue] = breakdown.rules.map { report in
            .object([
                ("rule", .string(report.id)),
                ("points", .number(report.points)),
                ("hardRulesBroken", .int(report.broken)),
                ("lines", .array(report.lines.map { .object([("title", .string($0.title)), ("measure", .string($0.measure)), ("points", .number($0.points))]) })),
                ("details", .object(report.figures.map { ($0.key, figure($0.value)) })),
            ])
        }
        var document: [(String, JSONValue)] = [
            ("settings", settingsJSON),
            ("score", .object([("hard", .int(breakdown.score.hard)), ("soft", .number(breakdown.score.soft))])),
            ("rules", .array(rules)),
            ("groups", .array(explanation.groups.map { group in
                .object([
                    ("group", label(group.group)), ("size", .int(group.members.count)), ("members", .array(group.members.map(leader))),
                    ("composition", .object(group.composition.map { ($0.attribute, .string($0.text)) })),
                    ("brokenHardRules", .array(group.problems.map { .string($0) })),
                    ("notes", .array((group.notes + group.personalNotes).map { .string($0) })),
                ] + (context.convenors.map { convenors in
                    [("convenor", convenors[group.group].map { .string(roster.ids[$0]) } ?? .null)]
                } ?? []) + (context.facilitators.map { facilitators in
                    [("facilitators", .array(facilitators.names[group.group].map { .string($0) })),
                     ("facilitatorFromMembersUnit", .bool(facilitators.fromMembersUnit[group.group]))]
                } ?? []))
            })),
            ("leaders", .array(explanation.leaders.map { story in
                var fields: [(String, JSONValue)] = [("id", .string(roster.ids[story.leader])), ("group", label(story.group))]
                if !context.model.rounds.previousGroup.isEmpty {
                    fields.append(("previousGroup", story.previousLabel.map { Int($0).map(JSONValue.int) ?? .string($0) } ?? .null))
                    fields.append(("moved", .bool(context.moved(story.leader))))
                    if let reason = story.moveReason { fields.append(("whyMoved", .string(reason))) }
                }
                fields.append(("explanation", .string(story.text)))
                return .object(fields)
            })),
        ]
        if let run {
            document.append(("run", .object([
                ("seed", .string(String(run.seed))), ("threads", .int(run.threads)), ("moves", .int(run.moves)),
                ("seconds", .number(run.seconds, decimals: 3)),
                ("timeLimit", run.timeLimit.map { .number($0) } ?? .null), ("moveBudget", run.moveBudget.map { .int($0) } ?? .null),
            ])))
        }
        return JSONValue.object(document).rendered()
    }
}
