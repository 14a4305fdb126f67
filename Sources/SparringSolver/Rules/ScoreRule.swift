import SparringModel

/// One rule of the score, in one file: how it compiles from roster and settings, its from-scratch value, its
/// change when a leader moves or two swap, and its lines of the breakdown and the explanation.
///
/// The search never calls a rule through this protocol: ``SearchState`` holds every rule's storage as
/// concrete fields and sums their deltas in one fused pass (no existential per move). The protocol is what
/// the explanation, the breakdown and the shared rule test see: for every rule, the sum of its move deltas
/// along any sequence of moves equals its from-scratch value, and its report's points add up to that value.
///
/// Rules whose change depends only on one (group, value) cell share the cell table (``CellTable``: same-value
/// pairs, lone member, at most, at least); rules over pairs of leaders share one adjacency list
/// (``PairTable``: separations, wishes, meeting again, stability, keep-together); the numeric rules share
/// per-group sums (``NumberTable``: spread, balance). Each such rule still owns its formula and its report.
public protocol ScoreRule: Sendable {
    /// A stable identifier for JSON and tests, e.g. `pure-groups`.
    var id: String { get }
    /// Whether the rule takes part in the score (weight 0, or nothing in the roster to act on, leaves it out).
    var isActive: Bool { get }
    /// The rule's value for a grouping, computed from scratch by plain counting.
    func score(_ placement: Placement, in model: ScoreModel) -> Score
    /// The rule's change if leader `i` moved to group `h`, read from the search's tables.
    func moveDelta(_ i: Int, to h: Int, in state: SearchState) -> Score
    /// The rule's change if leaders `i` and `j` (in different groups) exchanged groups.
    func swapDelta(_ i: Int, _ j: Int, in state: SearchState) -> Score
    /// The rule's lines in the breakdown and the explanation; their points add up to ``score(_:in:)``'s soft part
    /// and their broken count to its hard part.
    func report(_ placement: Placement, in model: ScoreModel, naming: Naming) -> RuleReport
    /// The rule's row in the report's settings and the workbook's settings sheet, in the reader's words; nil when
    /// it adds none (the default: attribute weights are listed together, and hard rules without settings need none).
    /// - Parameter header: an attribute's name as the reader knows it (its roster header, or its key when hidden).
    func settingRow(words: Words, header: (String) -> String) -> (label: String, value: String)?
    /// The rule's sentences in the director's summary (what was achieved), from its own report; none by default.
    /// - Parameter report: this rule's report on the grouping (``report(_:in:naming:)``).
    func directorFindings(_ report: RuleReport, in model: ScoreModel, naming: Naming) -> [DirectorFinding]
    /// The rule's settings in the JSON's `settings` object, as figures; none by default (the built-in rules' settings
    /// are written there by the JSON).
    func settingFields(in model: ScoreModel) -> [Figure.Field]
}

extension ScoreRule {
    /// Default: no row of its own.
    public func settingRow(words: Words, header: (String) -> String) -> (label: String, value: String)? { nil }
    /// Default: no sentences.
    public func directorFindings(_ report: RuleReport, in model: ScoreModel, naming: Naming) -> [DirectorFinding] { [] }
    /// Default: no settings of its own in the JSON.
    public func settingFields(in model: ScoreModel) -> [Figure.Field] { [] }
}

/// One sentence of the director's summary: what a rule achieved, and whether it is good news, a shortfall, or a
/// broken rule.
public struct DirectorFinding: Sendable, Equatable {
    /// Good news, a shortfall, or a broken rule.
    public enum Tone: String, Sendable { case good, partial, bad }
    /// How the sentence reads.
    public let tone: Tone
    /// The sentence.
    public let text: String

    /// A sentence with its tone.
    public init(tone: Tone, text: String) {
        self.tone = tone
        self.text = text
    }
}

/// A grouping seen from scratch: who is in which group, members per group, sizes. Built once per report.
public struct Placement: Sendable {
    /// 0-based group per leader.
    public let groups: [Int32]
    /// Number of groups (some may be empty).
    public let groupCount: Int
    /// Per group, its members in roster order.
    public let members: [[Int]]

    /// - Complexity: O(n + m).
    public init(groups: [Int32], groupCount: Int) {
        self.groups = groups
        self.groupCount = groupCount
        var members = [[Int]](repeating: [], count: groupCount)
        for (i, g) in groups.enumerated() { members[Int(g)].append(i) }
        self.members = members
    }

    /// Whether leaders `a` and `b` share a group. O(1).
    public func together(_ a: Int32, _ b: Int32) -> Bool { groups[Int(a)] == groups[Int(b)] }
    /// Whether the pair shares a group. O(1).
    public func together(_ pair: LeaderPair) -> Bool { together(pair.first, pair.second) }
}

/// How texts name people, groups and values; given by the report layer (which knows what may be shown).
public struct Naming {
    /// A leader in running text (name, or id when names are hidden), display-safe.
    public var name: (Int) -> String
    /// A leader where two must be told apart, e.g. "Bo Lund (L2)", display-safe.
    public var person: (Int) -> String
    /// A group's label, display-safe.
    public var group: (Int) -> String
    /// Whether an attribute's values may be shown (hidden attributes appear in aggregate only).
    public var shows: (_ attributeKey: String) -> Bool
    /// The language of the texts (see ``Words``).
    public var words: Words

    /// How texts name leaders, groups and values, in `words`' language.
    public init(name: @escaping (Int) -> String, person: @escaping (Int) -> String, group: @escaping (Int) -> String,
                shows: @escaping (String) -> Bool, words: Words = Words(.en)) {
        self.name = name
        self.person = person
        self.group = group
        self.shows = shows
        self.words = words
    }

    /// Plain names and numbered groups, for tests and tools.
    public static func plain(_ roster: Roster, words: Words = Words(.en)) -> Naming {
        Naming(name: { roster.names[$0] }, person: { "\(roster.names[$0]) (\(roster.ids[$0]))" }, group: { String($0 + 1) }, shows: { _ in true },
               words: words)
    }
}

/// A machine-readable figure of a rule's report, written as is by the JSON; leaders and groups are given by
/// index so that the JSON names them as it names everyone (ids, the groups' own labels).
public indirect enum Figure: Sendable, Equatable {
    case leader(Int)
    case group(Int)
    case int(Int)
    case number(Double)
    case text(String)
    case list([Figure])
    case object([Field])

    /// A named figure of an object.
    public struct Field: Sendable, Equatable {
        /// The JSON key.
        public let key: String
        /// The figure.
        public let value: Figure
        /// A named figure.
        public init(_ key: String, _ value: Figure) {
            self.key = key
            self.value = value
        }
    }
}

/// What one rule says about a grouping: summary lines with points, broken hard rules and notes per group,
/// and figures for the JSON.
public struct RuleReport: Sendable {
    /// One line of the rules table, e.g. title "gender (weight −2, different)", measure "12 same-value pairs vs
    /// 30.1 at random".
    public struct Line: Sendable {
        /// What the line is about, e.g. "gender (weight −2, different)".
        public let title: String
        /// What was found, e.g. "12 same-value pairs vs 30.1 at random".
        public let measure: String
        /// The line's soft points.
        public let points: Double
        /// A line of the rules table.
        public init(title: String, measure: String, points: Double) {
            self.title = title
            self.measure = measure
            self.points = points
        }
    }

    /// A text about one group.
    public struct GroupText: Sendable {
        /// The group (0-based).
        public let group: Int
        /// The text.
        public let text: String
        /// A text about one group.
        public init(_ group: Int, _ text: String) {
            self.group = group
            self.text = text
        }
    }

    /// The rule's id (``ScoreRule/id``).
    public let id: String
    /// Summary lines with points; their points add up to the rule's soft value.
    public var lines: [Line] = []
    /// Hard rules broken (the rule's part of the hard score).
    public var broken = 0
    /// Broken hard rules, each naming the leaders involved.
    public var problems: [GroupText] = []
    /// Soft observations: lone members, purity, wishes, shared meeting days…
    public var notes: [GroupText] = []
    /// Machine-readable figures (ids, counts, points) for the JSON.
    public var figures: [Figure.Field] = []

    /// An empty report of rule `id`.
    public init(id: String) { self.id = id }

    /// The rule's soft points: the sum of its lines.
    public var points: Double { lines.reduce(0) { $0 + $1.points } }

    /// The figure called `key`, if the rule reported one.
    public func figure(_ key: String) -> Figure? { figures.first { $0.key == key }?.value }
}

extension Figure {
    /// The value of an `.int`, `.text` or `.leader` figure; nil for any other kind.
    public var int: Int? { if case .int(let n) = self { n } else { nil } }
    /// The text of a `.text` figure; nil for any other kind.
    public var text: String? { if case .text(let t) = self { t } else { nil } }
    /// The leader of a `.leader` figure; nil for any other kind.
    public var leader: Int? { if case .leader(let i) = self { i } else { nil } }
    /// The items of a `.list` figure; empty for any other kind.
    public var list: [Figure] { if case .list(let items) = self { items } else { [] } }
    /// The field `key` of an `.object` figure.
    public func field(_ key: String) -> Figure? { if case .object(let fields) = self { fields.first { $0.key == key }?.value } else { nil } }
}

extension Score {
    /// Nothing broken, no points.
    public static let zero = Score(hard: 0, soft: 0)

    @inline(__always)
    /// Component-wise sum.
    public static func + (a: Score, b: Score) -> Score { Score(hard: a.hard + b.hard, soft: a.soft + b.soft) }
    @inline(__always)
    /// Component-wise difference.
    public static func - (a: Score, b: Score) -> Score { Score(hard: a.hard - b.hard, soft: a.soft - b.soft) }
    @inline(__always)
    /// Adds `b` component-wise.
    public static func += (a: inout Score, b: Score) { a.hard += b.hard; a.soft += b.soft }
}

/// How a text names an attribute: the English role name (``Attribute/key``: `gender`, `seniority`) in English,
/// the roster's own header in Danish (`køn`, `anciennitet`), both display-safe. A header written with one
/// capital ("Køn", "Fagområde") is lower-cased in running text; one with more capitals ("MED-udvalg") stays
/// as it is.
func attributeName(_ attribute: Attribute) -> Message.Argument {
    let header = displaySafe(attribute.header)
    let rest = header.dropFirst()
    let running = rest.contains(where: \.isUppercase) ? header : header.prefix(1).lowercased() + rest
    return .message(Message("rule.common.attribute", .text(displaySafe(attribute.key)), .text(running.isEmpty ? displaySafe(attribute.key) : running)))
}

extension Words {
    /// A rule's weight in a title: "weight +2" / "vægt +2"; for a hard rule (`nil`) "hard" / "hård regel".
    func weighting(_ weight: Double?) -> String {
        weight.map { self("rule.common.weight", .text(signed($0))) } ?? self("rule.common.hard")
    }
}
