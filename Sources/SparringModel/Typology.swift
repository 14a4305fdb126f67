/// The kind of network to build, from the practice reports' two dimensions: field and rank.
///
/// A typology is a preset of weights, not a wall: "same" and "different" are tunable.
public enum Typology: String, CaseIterable, Sendable, Codable {
    /// Lokale netværk: same field, same rank — professional depth, quick common ground.
    case local
    /// Tværgående netværk: different fields, same rank — leadership across professions.
    case cross
    /// Sektornetværk: same field, different ranks — one area seen from several levels.
    case sector
    /// Brede netværk: different fields, different ranks — leadership as a profession.
    case broad

    /// Weight of the field attribute: +5 as alike as possible, −3 as different as possible.
    public var fieldWeight: Double { self == .local || self == .sector ? 5 : -3 }
    /// Weight of the rank attribute.
    public var rankWeight: Double { self == .local || self == .cross ? 5 : -3 }

    /// The attributes a group should be pure in (every member sharing the value): the typology's "same" dimensions.
    public var pureRoles: [ColumnRole] {
        switch self {
        case .local: [.field, .rank]
        case .cross: [.rank]
        case .sector: [.field]
        case .broad: []
        }
    }

    /// The "different" dimension a pure group must mix: a sector network's group shares the field and holds at
    /// least two ranks, a cross network's shares the rank and holds at least two fields. Nil for local networks
    /// (nothing to mix) and broad ones (no purity rule).
    public var mixedRole: ColumnRole? {
        switch self {
        case .cross: .field
        case .sector: .rank
        case .local, .broad: nil
        }
    }

    /// The typology named `name` in English or Danish, singular or plural, any case: `local`, `lokal`,
    /// `lokale`, `lokalt`, `lokale netværk`; `cross`, `tværgående` (also `tvaergaaende`); `sector`, `sektor`,
    /// `sektornetværk`; `broad`, `bred`, `brede`, `bredt`. Nil for anything else.
    /// - Complexity: O(length of `name`).
    public init?(name: String) {
        var key = normalizedHeader(name)
        for suffix in [" netværk", " networks", " network", "netværk", " netværksgrupper", " netvaerk", "netvaerk"] where key.hasSuffix(suffix) {
            key = String(key.dropLast(suffix.count))
            break
        }
        key = key.replacingOccurrences(of: "aa", with: "å").replacingOccurrences(of: "ae", with: "æ").replacingOccurrences(of: "oe", with: "ø")
        switch key {
        case "local", "lokal", "lokale", "lokalt": self = .local
        case "cross", "tværgående", "tvær", "tværgåend": self = .cross
        case "sector", "sektor", "sektorer", "sektoren": self = .sector
        case "broad", "bred", "brede", "bredt": self = .broad
        default: return nil
        }
    }

    /// The typology's name for a reader: "lokale netværk" / "local networks".
    public func name(_ words: Words) -> String { words("typology.\(rawValue).name") }

    /// One line for help texts and summaries: "same field, same rank" / "samme fagområde, samme ledelsesniveau".
    public func explanation(_ words: Words) -> String { words("typology.\(rawValue).rule") }

    /// What kind of network it is and why one would choose it, in a plain paragraph for a director.
    public func purpose(_ words: Words) -> String { words("typology.\(rawValue).purpose") }
}

/// Every setting that shapes the score, so that a run can be described and repeated exactly.
public struct RuleSettings: Sendable, Equatable {
    public var typology: Typology
    public var sizing: GroupSizing
    /// A fixed number of groups, or `nil` to derive it from the sizes (preferring groups of 6).
    public var groups: Int?
    /// Attribute weights from −5 (as different as possible) to +5 (as alike as possible), by attribute name;
    /// they override the typology and the defaults.
    public var weights: [String: Double]
    /// "No lone member" weights (0…5) by attribute name: a group with exactly one holder of a value is penalised.
    public var loneWeights: [String: Double]
    /// Weight of granted wishes, 0…5.
    public var wishWeight: Double
    /// Weight (0…5) of the "pure groups" rule: leaders in groups whose members all share the typology's
    /// "same" attributes (field and rank for local, rank for cross, field for sector) and, for cross and sector,
    /// holding at least two values of the "different" one (``Typology/mixedRole``). Pair counts alone cannot see
    /// purity: an outsider added to a group removes no same-value pair.
    public var purityWeight: Double
    /// Every group should have at least N holders (soft, ``atLeastWeight`` points per missing member and group).
    public var atLeast: [AtLeastSetting] = []
    public var atLeastWeight: Double = 5
    /// At most N members of a group share a value (hard unless ``atMostWeight`` is given).
    public var atMost: [AtMostSetting] = []
    public var atMostWeight: Double?
    /// The attribute holding the days or places each leader can meet; every group shares at least one
    /// (hard unless ``meetWeight`` is given).
    public var meet: String?
    public var meetWeight: Double?
    /// Numeric attributes whose group means should be close to the overall mean.
    public var balance: [BalanceSetting] = []
    /// The settings of the rules that keep their own, by rule id (each rule's file says what its value is).
    public var byRule = RuleValues()

    /// Defaults for every typology: gender diverse, seniority mixed, units mixed (but see ``defaultWeight(_:)``).
    public static let defaultWeights: [ColumnRole: Double] = [.gender: -2, .seniority: -1, .unit: -2]

    /// The default weight of a known column under this typology. Units are mixed, except in local networks:
    /// leaders of one field and one rank often share their unit by the organisation's design (a field's chefs
    /// all sit in its department), so mixing units there would pull leaders out of their pure group — the very
    /// thing a local network is for. `--weight unit=W` sets it for any typology.
    public func defaultWeight(_ role: ColumnRole) -> Double {
        if role == .unit && typology == .local { return 0 }
        return Self.defaultWeights[role] ?? 0
    }
    /// Default "no lone member" rules: nobody should be the only man or the only woman in a group.
    public static let defaultLoneWeights: [ColumnRole: Double] = [.gender: 5]

    public init(typology: Typology = .broad, sizing: GroupSizing = GroupSizing(), groups: Int? = nil,
                weights: [String: Double] = [:], loneWeights: [String: Double] = [:], wishWeight: Double = 2, purityWeight: Double = 5) {
        self.typology = typology
        self.sizing = sizing
        self.groups = groups
        self.weights = weights
        self.loneWeights = loneWeights
        self.wishWeight = wishWeight
        self.purityWeight = purityWeight
    }

    /// Indices of the roster attributes the typology wants groups pure in (those the roster has).
    public func pureAttributes(for roster: Roster) -> [Int] {
        guard purityWeight != 0 else { return [] }
        return typology.pureRoles.compactMap { role in roster.attributes.firstIndex { $0.role == role } }
    }

    /// Index of the roster attribute a pure group must hold at least two values of (``Typology/mixedRole``):
    /// nil when the typology mixes nothing, the roster has no such column, or there is no purity rule.
    /// - Complexity: O(attributes).
    public func mixedAttribute(for roster: Roster) -> Int? {
        guard let role = typology.mixedRole, !pureAttributes(for: roster).isEmpty else { return nil }
        return roster.attributes.firstIndex { $0.role == role }
    }

    /// One attribute's part in the score.
    public struct AttributeRule: Sendable, Equatable {
        /// Index into the roster's attributes.
        public var attribute: Int
        public var weight: Double
        public var loneWeight: Double
    }

    /// The weight of every attribute of `roster` after typology, defaults and overrides; zero-weight
    /// attributes without a lone rule are left out.
    /// - Throws: ``DiagnosticError`` naming overrides for attributes the roster does not have.
    public func attributeRules(for roster: Roster) throws(DiagnosticError) -> [AttributeRule] {
        var weight = [Double](repeating: 0, count: roster.attributes.count)
        var lone = [Double](repeating: 0, count: roster.attributes.count)
        for (i, attribute) in roster.attributes.enumerated() {
            switch attribute.role {
            case .field?: weight[i] = typology.fieldWeight
            case .rank?: weight[i] = typology.rankWeight
            case let role?:
                weight[i] = defaultWeight(role)
                lone[i] = Self.defaultLoneWeights[role] ?? 0
            case nil: break
            }
        }
        var problems: [Diagnostic] = []
        func apply(_ overrides: [String: Double], to table: inout [Double], option: String) {
            for name in overrides.keys.sorted() {
                guard let i = roster.attributeIndex(named: name) else {
                    // Suggest the roster's own words: its headers, as the consultant typed them.
                    let known = roster.attributes.map { displaySafe($0.header) }.joined(separator: ", ")
                    problems.append(.error(nil, Message("settings.unknownAttribute", .text(option), .text(displaySafe(name))),
                                           hint: known.isEmpty ? Message("settings.noAttributes") : Message("settings.useOneOf", .text(known))))
                    continue
                }
                table[i] = overrides[name]!
            }
        }
        apply(weights, to: &weight, option: "weight")
        apply(loneWeights, to: &lone, option: "lone")
        if !problems.isEmpty { throw DiagnosticError(problems) }
        return roster.attributes.indices.compactMap { i in
            weight[i] == 0 && lone[i] == 0 ? nil : AttributeRule(attribute: i, weight: weight[i], loneWeight: lone[i])
        }
    }
}
