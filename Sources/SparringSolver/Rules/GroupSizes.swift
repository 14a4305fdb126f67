import SparringModel

/// Group sizes within bounds (hard): each group outside its bounds is one broken rule.
package struct GroupSizes: ScoreRule {
    package let id = "group-sizes"
    package let minSizes: UncheckedArray<Int32>
    package let maxSizes: UncheckedArray<Int32>

    init(sizing: GroupSizing, groups: Int) {
        minSizes = UncheckedArray(repeating: Int32(sizing.minSize), count: groups)
        maxSizes = UncheckedArray(repeating: Int32(sizing.maxSize), count: groups)
    }

    package var isActive: Bool { true }

    /// Whether group `g`, holding `size` members, may take one more without leaving its bounds. O(1).
    package func mayGrow(_ g: Int, from size: Int) -> Bool { size + 1 <= Int(maxSizes[g]) }

    /// Whether group `g`, holding `size` members, may lose one without leaving its bounds. O(1).
    package func mayShrink(_ g: Int, from size: Int) -> Bool { size - 1 >= Int(minSizes[g]) }

    @inline(__always) func outside(_ g: Int, _ size: Int32) -> Int { size < minSizes[g] || size > maxSizes[g] ? 1 : 0 }

    /// Change if a leader left `g` for `h` (sizes before the move). O(1).
    @inline(__always)
    func moveDelta(from g: Int, to h: Int, size: UncheckedArray<Int32>) -> Int {
        outside(g, size[g] - 1) - outside(g, size[g]) + outside(h, size[h] + 1) - outside(h, size[h])
    }

    package func score(_ placement: Placement, in model: ScoreModel) -> Score {
        Score(hard: placement.members.indices.reduce(0) { $0 + outside($1, Int32(placement.members[$1].count)) }, soft: 0)
    }

    package func moveDelta(_ i: Int, to h: Int, in state: SearchState) -> Score {
        Score(hard: moveDelta(from: state.groupOf(i), to: h, size: state.sizes), soft: 0)
    }

    /// Swaps keep every size.
    package func swapDelta(_ i: Int, _ j: Int, in state: SearchState) -> Score { .zero }

    package func report(_ placement: Placement, in model: ScoreModel, naming: Naming) -> RuleReport {
        var report = RuleReport(id: id)
        var outside: [Figure] = []
        for (g, members) in placement.members.enumerated() where self.outside(g, Int32(members.count)) != 0 {
            report.problems.append(.init(g, naming.words("rule.groupSizes.outside", .int(members.count), .int(Int(minSizes[g])), .int(Int(maxSizes[g])))))
            outside.append(.object([.init("group", .group(g)), .init("size", .int(members.count))]))
        }
        report.broken = outside.count
        report.figures = [.init("groupsOutOfSizeBounds", .list(outside))]
        return report
    }
}

/// Pins (hard): a leader pinned to a group must be in it; each leader elsewhere is one broken rule. The search
/// never moves a pinned leader, so the rule only breaks in groupings given to `score`.
package struct Pins: ScoreRule {
    package let id = "pins"
    /// Per leader, the group they are pinned to, or -1.
    package let fixedGroup: UncheckedArray<Int32>
    package let isActive: Bool

    init(rounds: RoundRules, leaders: Int) {
        fixedGroup = UncheckedArray(rounds.pins.isEmpty ? [Int32](repeating: -1, count: leaders) : rounds.pins)
        isActive = rounds.pins.contains { $0 >= 0 }
    }

    @inline(__always)
    func moveDelta(_ i: Int, from g: Int, to h: Int) -> Int {
        let pin = Int(fixedGroup[i])
        return pin < 0 ? 0 : (h != pin ? 1 : 0) - (g != pin ? 1 : 0)
    }

    package func score(_ placement: Placement, in model: ScoreModel) -> Score {
        Score(hard: (0..<fixedGroup.count).filter { fixedGroup[$0] >= 0 && fixedGroup[$0] != placement.groups[$0] }.count, soft: 0)
    }

    package func moveDelta(_ i: Int, to h: Int, in state: SearchState) -> Score {
        Score(hard: moveDelta(i, from: state.groupOf(i), to: h), soft: 0)
    }

    package func swapDelta(_ i: Int, _ j: Int, in state: SearchState) -> Score {
        let g = state.groupOf(i), h = state.groupOf(j)
        return Score(hard: moveDelta(i, from: g, to: h) + moveDelta(j, from: h, to: g), soft: 0)
    }

    package func report(_ placement: Placement, in model: ScoreModel, naming: Naming) -> RuleReport {
        var report = RuleReport(id: id)
        let broken = (0..<fixedGroup.count).filter { fixedGroup[$0] >= 0 && fixedGroup[$0] != placement.groups[$0] }
        for i in broken {
            report.problems.append(.init(Int(placement.groups[i]), naming.words("rule.pins.elsewhere", .text(naming.person(i)), .text(naming.group(Int(fixedGroup[i]))))))
        }
        report.broken = broken.count
        report.figures = [.init("pinsBroken", .list(broken.map { .leader($0) }))]
        return report
    }
}

extension GroupSizes {
    /// Every group within its sizes, or how many are not.
    package func directorFindings(_ report: RuleReport, in model: ScoreModel, naming: Naming) -> [DirectorFinding] {
        let words = naming.words, sizing = model.settings.sizing
        let outside = report.figure("groupsOutOfSizeBounds")?.list.count ?? 0
        return [outside == 0 ? DirectorFinding(tone: .good, text: words("director.sizes.kept", .int(model.groupCount), .int(sizing.minSize), .int(sizing.maxSize)))
            : DirectorFinding(tone: .bad, text: words("director.sizes.broken", .int(outside), .int(sizing.minSize), .int(sizing.maxSize)))]
    }
}

extension Pins {
    /// Pins not kept (none said when all are).
    package func directorFindings(_ report: RuleReport, in model: ScoreModel, naming: Naming) -> [DirectorFinding] {
        guard let pins = report.figure("pinsBroken")?.list, !pins.isEmpty else { return [] }
        return [DirectorFinding(tone: .bad, text: naming.words("director.pins.broken", .int(pins.count)))]
    }
}

extension GroupSizes: RuleDescriptor {
    package static let options = [
        RuleOption("min-size", value: "N", help: "Smallest group size (default 5)."),
        RuleOption("max-size", value: "N", help: "Largest group size (default 7)."),
        RuleOption("groups", value: "N", help: "Number of groups (default: from the sizes, preferring groups of 6)."),
    ]

    /// Sizes not given keep those of `settings` (5 and 7 by default); a smallest size above the largest raises it.
    package static func read(_ given: OptionValues, into settings: inout RuleSettings) throws(OptionError) {
        let minSize = try given.integer("min-size", range: 1...1000) ?? settings.sizing.minSize
        let maxSize = try given.integer("max-size", range: 1...1000) ?? max(settings.sizing.maxSize, minSize)
        guard maxSize >= minSize else {
            throw OptionError(Message("usage.sizes", .text("\(maxSize)"), .text("\(minSize)")), hint: Message("usage.sizes.hint"))
        }
        if minSize != settings.sizing.minSize || maxSize != settings.sizing.maxSize { settings.sizing = GroupSizing(minSize: minSize, maxSize: maxSize) }
        if let groups = try given.integer("groups", range: 1...1_000_000) { settings.groups = groups }
    }

    /// The sizes always; the group count when fixed.
    package static func words(_ settings: RuleSettings) -> [String] {
        ["--min-size", String(settings.sizing.minSize), "--max-size", String(settings.sizing.maxSize)]
            + (settings.groups.map { ["--groups", String($0)] } ?? [])
    }
}
