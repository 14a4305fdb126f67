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
        func pair(_ a: Int32, _ b: Int32) -> JSONValue { .array([.string(roster.ids[Int(a)]), .string(roster.ids[Int(b)])]) }

        let settingsJSON: JSONValue = .object([
            ("typology", .string(settings.typology.rawValue)),
            ("minSize", .int(settings.sizing.minSize)),
            ("maxSize", .int(settings.sizing.maxSize)),
            ("groups", .int(groupCount)),
            ("hidden", .array(visibility.hiddenColumns.sorted().map { .string(roster.columns[$0]) })),
            ("weights", .object(breakdown.attributes.map { ($0.name, .number($0.weight)) })),
            ("noLoneMember", .object(breakdown.attributes.filter { $0.loneWeight != 0 }.map { ($0.name, .number($0.loneWeight)) })),
            ("wishWeight", .number(settings.wishWeight)),
        ])
        let rules: [JSONValue] = breakdown.attributes.map { line in
            var fields: [(String, JSONValue)] = [
                ("attribute", .string(line.name)), ("kind", .string(line.kind.rawValue)), ("weight", .number(line.weight)),
                (line.kind == .numeric ? "spread" : "sameValuePairs", .number(line.actual)),
                ("randomExpectation", .number(line.expected)), ("points", .number(line.points)),
            ]
            if line.loneWeight != 0 && visibility.hides(attributeKey: line.name, in: roster) {
                fields.append(("groupsWithLoneMember", .int(line.loneMembers.count)))
                fields.append(("lonePoints", .number(line.lonePoints)))
            } else if line.loneWeight != 0 {
                fields.append(("loneMembers", .array(line.loneMembers.map {
                    .object([("group", label($0.group)), ("id", .string(roster.ids[$0.leader])), ("value", .string($0.value))])
                })))
                fields.append(("lonePoints", .number(line.lonePoints)))
            }
            return .object(fields)
        }
        var document: [(String, JSONValue)] = [
            ("settings", settingsJSON),
            ("score", .object([("hard", .int(breakdown.score.hard)), ("soft", .number(breakdown.score.soft))])),
            ("hardRules", .object([
                ("separatedPairsTogether", .array(breakdown.separationsTogether.map {
                    .object([("pair", pair($0.pair.first, $0.pair.second)), ("reason", .string($0.reason.rawValue))])
                })),
                ("groupsOutOfSizeBounds", .array(breakdown.sizeViolations.map { .object([("group", label($0.group)), ("size", .int($0.size))]) })),
                ("pinsBroken", .array(breakdown.pinsBroken.map { .string(roster.ids[$0]) })),
            ])),
            ("softRules", .array(rules)),
            ("pureGroups", .object([("attributes", .array(breakdown.purityAttributes.map { .string($0) })), ("weight", .number(breakdown.purityWeight)),
                                    ("leadersInPureGroups", .int(breakdown.pureMembers)), ("points", .number(breakdown.purityPoints))])),
            ("wishes", .object([("granted", .int(breakdown.wishesGranted.count)), ("total", .int(breakdown.wishesTotal)),
                                ("points", .number(breakdown.wishPoints))])),
            ("rounds", .object([
                ("historyRounds", .int(context.model.rounds.historyRounds)),
                ("pairsMeetingAgain", .array(breakdown.repeatPairs.map { pair($0.first, $0.second) })),
                ("pairsMeetingAgainFromLastRound", .int(breakdown.lastRoundRepeats.count)),
                ("historyPoints", .number(breakdown.historyPoints)),
                ("previousPairsKept", .int(breakdown.previousPairsKept)), ("previousPairsTotal", .int(breakdown.previousPairsTotal)),
                ("stabilityPoints", .number(breakdown.stabilityPoints)),
                ("keepTogetherSetsSplit", .array(breakdown.togetherSplit.map { .string(context.model.rounds.togetherNames[$0]) })),
            ])),
            ("groups", .array(explanation.groups.map { group in
                .object([
                    ("group", label(group.group)), ("size", .int(group.members.count)), ("members", .array(group.members.map(leader))),
                    ("composition", .object(group.composition.map { ($0.attribute, .string($0.text)) })),
                    ("brokenHardRules", .array(group.problems.map { .string($0) })),
                    ("notes", .array(group.notes.map { .string($0) })),
                ])
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
