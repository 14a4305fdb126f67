import SparringModel

/// The score of a grouping problem: every rule compiled from a roster and its settings, ready for the hot loop.
///
/// Built once; immutable and `Sendable`, so every solver thread shares it. Each rule lives in its own file
/// under `Rules/`; this type only gathers them. The score is the sum of the rules' values: hard rules broken
/// (must be 0) and soft points (higher is better; about 0 for a random grouping on the attribute rules).
public struct ScoreModel: Sendable {
    /// The roster the model was compiled for.
    public let roster: Roster
    /// The settings it was compiled with.
    public private(set) var settings: RuleSettings
    /// History, previous grouping, pins and keep-together sets the model was built with.
    public let rounds: RoundRules
    /// Leaders (n).
    public let leaderCount: Int
    /// Groups (m).
    public let groupCount: Int

    package let sizes: GroupSizes
    package let pins: Pins
    /// Per group, inclusive size bounds; per leader the pinned group or -1 (plain copies of the rules' tables).
    public let minSizes: [Int32]
    /// Per group, its largest size.
    public let maxSizes: [Int32]
    /// Per leader, the pinned group or −1.
    public let fixedGroup: [Int32]
    /// Same-value pairs, lone member, at most, at least.
    package let cells: CellTable
    /// Numeric spread and balance.
    package let numbers: NumberTable
    package private(set) var purity: PureGroups
    package let meeting: MeetingDays
    /// Separations, wishes, meeting again, stability, keep-together.
    package let pairs: PairTable

    /// A hard rule broken costs this much in the search's single objective (soft − hardPenalty · hard), more
    /// than any soft gain a move can bring.
    public private(set) var hardPenalty: Double

    /// Compiles `roster` under `settings` into `groups` groups.
    /// - Parameter rounds: history, previous grouping, pins and keep-together sets (default: none).
    /// - Throws: ``DiagnosticError`` for settings that do not fit the roster (every problem at once).
    /// - Complexity: O(n · attributes + pairs · log pairs).
    public init(roster: Roster, settings: RuleSettings, groups: Int, rounds: RoundRules = RoundRules()) throws(DiagnosticError) {
        self.roster = roster
        self.settings = settings
        self.rounds = rounds
        leaderCount = roster.count
        groupCount = groups
        sizes = GroupSizes(sizing: settings.sizing, groups: groups)
        pins = Pins(rounds: rounds, leaders: roster.count)
        minSizes = sizes.minSizes.array
        maxSizes = sizes.maxSizes.array
        fixedGroup = pins.fixedGroup.array
        var problems: [Diagnostic] = []
        var cells: CellTable?, numbers: NumberTable?, meeting: MeetingDays?
        do { cells = try CellTable(roster: roster, settings: settings, groups: groups) } catch { problems += error.diagnostics }
        do { numbers = try NumberTable(roster: roster, settings: settings, groups: groups) } catch { problems += error.diagnostics }
        do { meeting = try MeetingDays(roster: roster, settings: settings, groups: groups) } catch { problems += error.diagnostics }
        guard let cells, let numbers, let meeting, problems.isEmpty else {
            // The attribute-weight errors come from two tables; say each once.
            var seen = Set<Message>()
            throw DiagnosticError(problems.filter { seen.insert($0.message).inserted })
        }
        self.cells = cells
        self.numbers = numbers
        self.meeting = meeting
        purity = PureGroups(roster: roster, settings: settings)
        pairs = PairTable(roster: roster, settings: settings, rounds: rounds, groups: groups)

        hardPenalty = Self.hardPenalty(cells: cells, numbers: numbers, meeting: meeting, purity: purity, pairs: pairs,
                                       maxSize: Double(settings.sizing.maxSize))
    }

    /// More than any soft gain one move can bring: 100 times the largest step a rule's points can take. O(terms).
    private static func hardPenalty(cells: CellTable, numbers: NumberTable, meeting: MeetingDays, purity: PureGroups, pairs: PairTable,
                                    maxSize: Double) -> Double {
        var step = 1000.0 / 100
        for s in 0..<cells.slotCount {
            step = max(step, abs(cells.sameValue.coefficient[s]) * maxSize, cells.lone.penalty[s], cells.atLeast.pointsPerMissing[s] * maxSize)
        }
        step = max(step, cells.atMost.pointsPerMember * maxSize, meeting.pointsPerGroup * 2, purity.coefficient * 2 * maxSize, cells.curves.largestStep * 2)
        for c in 0..<numbers.stride { step = max(step, abs(numbers.spread.coefficient[c]) * maxSize) }
        for term in numbers.balance.terms { step = max(step, term.setting.weight * 100) }
        for k in 0..<pairs.soft.count { step = max(step, abs(pairs.soft[k])) }
        return 100 * step
    }

    /// The same model with pure groups weighed `purityWeight` (``RuleSettings/purityWeight``): only the pure-groups
    /// rule and the hard penalty are compiled anew. O(n · pure attributes + terms).
    package func weighingPureGroups(_ purityWeight: Double) -> ScoreModel {
        var model = self
        model.settings.purityWeight = purityWeight
        model.purity = PureGroups(roster: roster, settings: model.settings)
        model.hardPenalty = Self.hardPenalty(cells: cells, numbers: numbers, meeting: meeting, purity: model.purity, pairs: pairs,
                                             maxSize: Double(settings.sizing.maxSize))
        return model
    }

    /// The roster attributes a rule in force reads (cell rules, numeric rules, pure groups, meeting days): what a
    /// report shows by default beside names, unit, field and rank. O(columns).
    package var attributesInUse: Set<Int> {
        var used = Set(cells.columns.map(\.attribute)).union(numbers.attributes)
        if purity.isActive { used.formUnion(purity.attributes) }
        if meeting.isActive, let a = roster.attributeIndex(named: meeting.column) { used.insert(a) }
        return used
    }

    /// Every rule, in the order reports list them: hard rules first, then the soft ones.
    /// Rules that join through a table kind (``CellCurveRule``) follow the built-in ones, in registry order.
    public var rules: [any ScoreRule] {
        [pairs.separations, sizes, pins, pairs.meetingAgain, pairs.keepTogether, cells.atMost, meeting,
         cells.sameValue, numbers.spread, cells.lone, cells.atLeast, numbers.balance, purity, pairs.wishes, pairs.stability]
            + cells.curves.rules.map { $0 as any ScoreRule }
    }

    /// The score of `groups` (0-based group per leader), from scratch: the sum of every rule's value.
    /// - Complexity: O(n · terms + Σ group size² for numeric spread + pairs).
    public func score(_ groups: [Int32]) -> Score { score(Placement(groups: groups, groupCount: groupCount)) }

    /// The score of a placement, from scratch (see ``score(_:)-groups``).
    public func score(_ placement: Placement) -> Score {
        rules.reduce(Score.zero) { $1.isActive ? $0 + $1.score(placement, in: self) : $0 }
    }

    /// Every active rule's report on `placement`.
    public func reports(_ placement: Placement, naming: Naming) -> [RuleReport] {
        rules.filter(\.isActive).map { $0.report(placement, in: self, naming: naming) }
    }


    /// Set-ups the rules can never satisfy, or only in part (each registered rule's own check, ``RuleDescriptors``):
    /// errors for hard rules, warnings for soft ones, each with what to relax. O(n · rules).
    /// - Parameter naming: how messages name people and which values they may show (`--hide`).
    public static func setupProblems(roster: Roster, settings: RuleSettings, groups: Int, naming: Naming) -> [Diagnostic] {
        RuleDescriptors.all.flatMap { $0.setupProblems(roster: roster, settings: settings, groups: groups, naming: naming) }
    }
}

/// A grouping's score taken apart by rule: every active rule's report, whose points add up to the soft score
/// and whose broken counts add up to the hard score.
public struct ScoreBreakdown: Sendable {
    /// The grouping's score.
    public let score: Score
    /// Every active rule's report, in the order reports list the rules.
    public let rules: [RuleReport]

    /// - Complexity: that of every rule's report, O(n · terms + pairs) in all.
    public init(model: ScoreModel, placement: Placement, naming: Naming) {
        score = model.score(placement)
        rules = model.reports(placement, naming: naming)
    }

    /// The report of the rule with this id, if active.
    public func rule(_ id: String) -> RuleReport? { rules.first { $0.id == id } }
}

/// Group numbering people can read: groups renumbered in order of their first member in the roster,
/// so the same grouping always gets the same labels. Only valid where groups are interchangeable
/// (same bounds, no pins). O(n + m).
public func canonicalGroups(_ groups: [Int32], groupCount: Int) -> [Int32] {
    var label = [Int32](repeating: -1, count: groupCount)
    var next: Int32 = 0
    return groups.map { g in
        if label[Int(g)] < 0 { label[Int(g)] = next; next += 1 }
        return label[Int(g)]
    }
}
