import SparringModel
import SparringSolver

/// What a director reads first: what was achieved, as plain sentences with counts, and where the typology
/// could not be met and why. Every count is read from the score's own breakdown (the rules' figures), so the
/// report shows no figure the scorer does not produce; the bound on pure membership comes from the roster
/// (``PureStrata``).
public struct DirectorSummary: Sendable {
    /// One finding: a sentence and whether it is good news, a shortfall, or a broken rule.
    public typealias Finding = DirectorFinding

    /// What the grouping achieved, most important first.
    public let achieved: [Finding]
    /// Why some leaders sit in mixed groups although the typology wants pure ones; empty when all are pure
    /// or the typology has no pure dimension.
    public let shortfalls: [String]
    /// The sentence that opens the shortfalls ("52 of 60 leaders sit in a pure group; the roster allows at most 55.").
    public let shortfallIntro: String?

    /// - Complexity: O(n · pure attributes + rules' figures).
    public init(_ context: GroupingContext) {
        let words = context.words, roster = context.roster, breakdown = context.breakdown, model = context.model
        let n = roster.count
        var achieved: [Finding] = []

        // The typology's pure groups.
        let pureAttributes = context.settings.pureAttributes(for: roster)
        let dimensions = words.list(pureAttributes.map { Self.dimensionName(roster.attributes[$0], words) })
        // Sector and cross networks' pure groups also mix a dimension (``PureGroups/mixed``): say so.
        let mixed = model.purity.mixed, mixedName = mixed.map { Self.dimensionName(roster.attributes[$0], words) }
        var pure = 0
        if model.purity.isActive, let figure = breakdown.rule("pure-groups")?.figure("leadersInPureGroups")?.int {
            pure = figure
            let text = mixedName.map { words("director.pure.mixed", .int(pure), .int(n), .text(dimensions), .text($0)) }
                ?? words("director.pure", .int(pure), .int(n), .text(dimensions))
            achieved.append(Finding(tone: pure == n ? .good : .partial, text: text))
        }

        let naming = GroupingContext.naming(roster: roster, labels: context.labels, visibility: context.visibility, words: words)

        // Every other rule in force writes its own sentences (``ScoreRule/directorFindings(_:in:naming:)``), in the
        // order reports list the rules: hard rules first.
        for rule in model.rules where rule.isActive {
            if let report = breakdown.rule(rule.id) { achieved += rule.directorFindings(report, in: model, naming: naming) }
        }

        // Facilitators placed after the grouping: every group has its own, and how many come from a member's unit.
        if let facilitators = context.facilitators {
            let covered = facilitators.names.count - facilitators.uncovered.count
            let fromUnit = facilitators.fromMembersUnit.filter { $0 }.count
            achieved.append(Finding(tone: covered < facilitators.names.count ? .bad : fromUnit > 0 ? .partial : .good,
                                    text: words(fromUnit > 0 ? "director.facilitators.unit" : "director.facilitators", .int(covered), .int(facilitators.names.count),
                                                .int(fromUnit))))
        }

        self.achieved = achieved

        // Where the typology could not be met, and why.
        let sizing = context.settings.sizing
        var shortfalls: [String] = []
        var intro: String?
        if model.purity.isActive && pure < n {
            let strata = PureStrata(roster: roster, attributes: pureAttributes, mixed: mixed, sizing: sizing)
            let bound = strata.boundWithMixedGroups(roster)
            intro = mixedName.map { words("director.short.introMixed", .int(pure), .int(n), .int(bound), .text(dimensions), .text($0)) }
                ?? words("director.short.intro", .int(pure), .int(n), .int(bound), .text(dimensions))
            func values(_ stratum: PureStrata.Stratum) -> String { stratum.values.map { displaySafe($0) }.joined(separator: " · ") }
            let small = strata.strata.filter { $0.capacity == 0 && !$0.limitedByHardPairs && !$0.limitedByMixing }
            let uneven = strata.strata.filter { $0.capacity > 0 && $0.leftOver > 0 && !$0.limitedByHardPairs && !$0.limitedByMixing }
            let unmixed = strata.strata.filter { $0.limitedByMixing && !$0.limitedByHardPairs }
            for stratum in strata.strata where stratum.limitedByHardPairs {
                shortfalls.append(words("director.short.hardPairs", .text(values(stratum)), .int(stratum.members.count), .int(stratum.capacity)))
            }
            let shown = 6
            // Strata that cannot mix enough (a field whose leaders are all of one rank, in a sector network).
            let byRank = mixed.map { roster.attributes[$0].role == .rank } ?? true
            for stratum in unmixed.prefix(shown) {
                let size = Message.Argument.int(stratum.members.count)
                if let common = stratum.commonMixedValue {
                    shortfalls.append(stratum.outsideCommonValue == 0
                        ? words(byRank ? "director.short.oneRank" : "director.short.oneField", .text(values(stratum)), size, .text(displaySafe(common)))
                        : words(byRank ? "director.short.fewRanks" : "director.short.fewFields", .text(values(stratum)), size,
                                .int(stratum.outsideCommonValue), .text(displaySafe(common)), .int(stratum.capacity)))
                } else {
                    shortfalls.append(words(byRank ? "director.short.noRank" : "director.short.noField", .text(values(stratum)), size))
                }
            }
            if unmixed.count > shown {
                let rest = unmixed.dropFirst(shown)
                shortfalls.append(words("director.short.moreUneven", .int(rest.count), .int(rest.reduce(0) { $0 + $1.leftOver })))
            }
            for stratum in uneven.prefix(shown) {
                shortfalls.append(words("director.short.uneven", .text(values(stratum)), .int(stratum.members.count), .int(sizing.minSize), .int(sizing.maxSize), .int(stratum.leftOver)))
            }
            if uneven.count > shown {
                let rest = uneven.dropFirst(shown)
                shortfalls.append(words("director.short.moreUneven", .int(rest.count), .int(rest.reduce(0) { $0 + $1.leftOver })))
            }
            for stratum in small.prefix(shown) {
                shortfalls.append(words("director.short.small", .text(values(stratum)), .int(stratum.members.count), .int(sizing.minSize)))
            }
            if small.count > shown {
                let rest = small.dropFirst(shown)
                shortfalls.append(words("director.short.moreSmall", .int(rest.count), .int(rest.reduce(0) { $0 + $1.members.count }), .int(sizing.minSize)))
            }
            if !strata.withoutValue.isEmpty {
                shortfalls.append(words("director.short.empty", .int(strata.withoutValue.count), .alternatives(pureAttributes.map { .text(Self.dimensionName(roster.attributes[$0], words)) })))
            }
            if bound < strata.bound { shortfalls.append(words("director.short.mixedGroups", .int(strata.bound - bound))) }
            let gap = bound - pure
            if gap > 0 { shortfalls.append(words("director.short.tradeOff", .int(gap))) }
        }
        self.shortfalls = shortfalls
        self.shortfallIntro = intro
    }

    /// How a director calls a dimension: "fagområde" / "field" for the known roles, else the roster's header.
    static func dimensionName(_ attribute: Attribute, _ words: Words) -> String {
        switch attribute.role {
        case .field?: words("role.field")
        case .rank?: words("role.rank")
        default: displaySafe(attribute.header)
        }
    }
}
