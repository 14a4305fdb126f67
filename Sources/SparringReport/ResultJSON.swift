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

    /// - Complexity: O(n + pairs).
    public static func render(roster: Roster, settings: RuleSettings, breakdown: ScoreBreakdown, groups: [Int32],
                              groupCount: Int, run: Run?) -> String {
        var members = [[Int]](repeating: [], count: groupCount)
        for (i, g) in groups.enumerated() { members[Int(g)].append(i) }
        func leader(_ i: Int) -> JSONValue { .object([("id", .string(roster.ids[i])), ("name", .string(roster.names[i]))]) }
        func pair(_ a: Int32, _ b: Int32) -> JSONValue { .array([.string(roster.ids[Int(a)]), .string(roster.ids[Int(b)])]) }

        let settingsJSON: JSONValue = .object([
            ("typology", .string(settings.typology.rawValue)),
            ("minSize", .int(settings.sizing.minSize)),
            ("maxSize", .int(settings.sizing.maxSize)),
            ("groups", .int(groupCount)),
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
            if line.loneWeight != 0 {
                fields.append(("loneMembers", .array(line.loneMembers.map {
                    .object([("group", .int($0.group + 1)), ("id", .string(roster.ids[$0.leader])), ("value", .string($0.value))])
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
                ("groupsOutOfSizeBounds", .array(breakdown.sizeViolations.map { .object([("group", .int($0.group + 1)), ("size", .int($0.size))]) })),
                ("pinsBroken", .array(breakdown.pinsBroken.map { .string(roster.ids[$0]) })),
            ])),
            ("softRules", .array(rules)),
            ("pureGroups", .object([("attributes", .array(breakdown.purityAttributes.map { .string($0) })), ("weight", .number(breakdown.purityWeight)),
                                    ("leadersInPureGroups", .int(breakdown.pureMembers)), ("points", .number(breakdown.purityPoints))])),
            ("wishes", .object([("granted", .int(breakdown.wishesGranted.count)), ("total", .int(breakdown.wishesTotal)),
                                ("points", .number(breakdown.wishPoints))])),
            ("groups", .array(members.enumerated().map { g, list in
                .object([("group", .int(g + 1)), ("size", .int(list.count)), ("members", .array(list.map(leader)))])
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
