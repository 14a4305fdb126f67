/// Finds set-ups that no grouping can satisfy before any search starts, and says what to relax.
///
/// Errors are hard rules that cannot all hold: a leader kept apart from so many others that no group of the
/// smallest size can hold them, or whose separated colleagues do not fit in the other groups (a boss with too
/// many reports for the group count), a conflict clique larger than the number of groups, pins that overfill a
/// group, pin a conflict pair together or leave too few colleagues to fill the group, keep-together sets that
/// cannot fit, and what ``ApartProof`` proves exactly (an odd ring of separations with two groups, a small
/// cluster of separations that no split into the groups keeps apart). Warnings are soft rules that cannot be met in full (a value held by one leader only, so a lone
/// member is unavoidable). Manager circles are refused when the roster is read.
public enum SetupCheck {
    /// - Complexity: O(n + separations + Σ set sizes² + k · d²) with k ≤ 200 clique seeds of degree d.
    /// - Parameter labels: how messages name group indices (default 1…N; `--previous` labels where given).
    public static func diagnose(roster: Roster, settings: RuleSettings, rounds: RoundRules, groups: Int, labels: [String] = []) -> [Diagnostic] {
        func label(_ g: Int) -> Message.Argument { .text(g < labels.count ? labels[g] : String(g + 1)) }
        var found: [Diagnostic] = []
        func person(_ i: Int) -> String { "\(roster.names[i]) (\(roster.ids[i]))" }
        func people(_ members: [Int]) -> Message.Argument { .text(members.map(person).joined(separator: ", ")) }
        let separations = roster.separations
        var apart = [Set<Int>](repeating: [], count: roster.count)
        for separation in separations {
            apart[Int(separation.pair.first)].insert(Int(separation.pair.second))
            apart[Int(separation.pair.second)].insert(Int(separation.pair.first))
        }
        /// Pairs among `members` that a hard rule keeps apart, each once.
        func separatedPairs(_ members: [Int]) -> [(Int, Int)] {
            let inside = Set(members)
            return members.flatMap { i in apart[i].filter { $0 > i && inside.contains($0) }.sorted().map { (i, $0) } }
        }

        found += isolatedLeaders(roster: roster, separations: separations, sizing: settings.sizing, groups: groups)

        let clique = largestConflictClique(apart)
        if clique.count > groups {
            found.append(.error(nil, Message("setup.clique", .int(clique.count), .int(groups), people(clique)),
                                hint: Message("setup.clique.hint", .int(clique.count))))
        }

        // Exact proofs beyond the counts and the clique, when those found nothing (they name the cause more
        // plainly): an odd ring with two groups, a small cluster tried every way.
        let separationsProvenWrong = found.contains { $0.severity == .error }
        for finding in separationsProvenWrong ? [] : ApartProof.findings(leaders: roster.count, separations: separations, groups: groups,
                                                                          maxSize: settings.sizing.maxSize) {
            switch finding {
            case .oddRing(let ring):
                found.append(.error(nil, Message("setup.oddRing", .int(ring.count), .text((ring + [ring[0]]).map(person).joined(separator: " → "))),
                                    hint: Message("setup.oddRing.hint")))
            case .cluster(let members):
                found.append(.error(nil, Message("setup.apartCluster", .int(members.count), .int(groups), .int(settings.sizing.maxSize), people(members)),
                                    hint: Message("setup.apartCluster.hint")))
            }
        }

        if !rounds.pins.isEmpty {
            var pinned = [[Int]](repeating: [], count: groups)
            for (i, g) in rounds.pins.enumerated() where g >= 0 && Int(g) < groups { pinned[Int(g)].append(i) }
            for (g, members) in pinned.enumerated() {
                if members.count > settings.sizing.maxSize {
                    found.append(.error(nil, Message("setup.pinnedTooMany", .int(members.count), label(g), .int(settings.sizing.maxSize)),
                                        hint: Message("setup.pinnedTooMany.hint")))
                }
                let pairs = separatedPairs(members)
                for (i, j) in pairs {
                    found.append(.error(nil, Message("setup.pinnedApart", .text(person(i)), .text(person(j)), label(g)),
                                        hint: Message("setup.pinnedApart.hint")))
                }
                // Who else may join the pinned leaders without breaking a hard rule?
                guard pairs.isEmpty, !members.isEmpty, members.count < settings.sizing.minSize else { continue }
                let candidates = roster.ids.indices.filter { i in
                    rounds.pins[i] < 0 && !members.contains { apart[$0].contains(i) }
                }.count
                if members.count + candidates < settings.sizing.minSize {
                    found.append(.error(nil, Message("setup.pinnedTooFew", label(g), .int(members.count), people(members), .int(candidates),
                                                     .int(settings.sizing.minSize)),
                                        hint: Message("setup.pinnedTooFew.hint")))
                }
            }
        }

        for (k, set) in rounds.togetherSets.enumerated() {
            let name = Message.Argument.quoted(rounds.togetherNames[k])
            if rounds.togetherWeight == nil && set.count > settings.sizing.maxSize {
                found.append(.error(nil, Message("setup.togetherTooMany", name, .int(set.count), .int(settings.sizing.maxSize)),
                                    hint: Message("setup.togetherTooMany.hint")))
            }
            for (i, j) in separatedPairs(set) {
                found.append(.error(nil, Message("setup.togetherApart", name, .text(person(i)), .text(person(j))),
                                    hint: Message("setup.togetherApart.hint")))
            }
            if rounds.togetherWeight == nil, !rounds.pins.isEmpty {
                let pinnedGroups = Set(set.compactMap { rounds.pins[$0] >= 0 ? rounds.pins[$0] : nil })
                if pinnedGroups.count > 1 {
                    found.append(.error(nil, Message("setup.togetherPinnedApart", name), hint: Message("setup.togetherPinnedApart.hint")))
                }
            }
        }

        if rounds.noRepeat {
            var lastGroups: [Int: Int] = [:]
            for pair in rounds.lastRound { lastGroups[Int(pair.first), default: 0] += 1; lastGroups[Int(pair.second), default: 0] += 1 }
            // A leader with more last-round mates than groups minus one cannot avoid them all.
            if let leader = lastGroups.keys.sorted().first(where: { lastGroups[$0]! >= groups }), let mates = lastGroups[leader] {
                found.append(.warning(nil, 0, 0, Message("setup.repeatsUnavoidable", .text(person(leader)), .int(mates), .int(groups)),
                                      hint: Message("setup.repeatsUnavoidable.hint")))
            }
        }

        if let rules = try? settings.attributeRules(for: roster) {
            for rule in rules where rule.loneWeight != 0 {
                let attribute = roster.attributes[rule.attribute]
                guard attribute.kind != .numeric else { continue }
                // One warning per attribute: the first three values held by a single leader, then a count.
                let lone = attribute.levelCounts.indices.filter { attribute.levelCounts[$0] == 1 }
                guard let first = lone.first else { continue }
                let hint = Message("setup.lone.hint", .text(attribute.key))
                if lone.count == 1 {
                    let holder = attribute.codes.firstIndex(of: Int32(first))!
                    found.append(.warning(nil, 0, 0, Message("setup.loneOne", attribute.messageName, .quoted(attribute.levels[first]), .text(person(holder))),
                                          hint: hint))
                } else {
                    let shown = Message.Argument.commaSeparated(lone.prefix(3).map { .quoted(attribute.levels[$0]) })
                    let more: Message.Argument = lone.count > 3 ? .message(Message("setup.andMore", .int(lone.count - 3))) : .text("")
                    found.append(.warning(nil, 0, 0, Message("setup.loneMany", .int(lone.count), attribute.messageName, shown, more), hint: hint))
                }
            }
        }
        return found
    }

    /// Leaders whose hard separations leave no possible group: fewer than `minSize − 1` colleagues they may sit
    /// with, or more separated colleagues than the other groups can hold.
    /// - Complexity: O(n + separations).
    static func isolatedLeaders(roster: Roster, separations: [Separation], sizing: GroupSizing, groups: Int) -> [Diagnostic] {
        let n = roster.count
        var reports = [Int](repeating: 0, count: n), conflicts = [Int](repeating: 0, count: n), hasManager = [Bool](repeating: false, count: n)
        for separation in separations {
            let (a, b) = (Int(separation.pair.first), Int(separation.pair.second))
            if separation.reason == .conflict {
                conflicts[a] += 1
                conflicts[b] += 1
            } else {
                let (boss, report) = Int(roster.managers[a]) == b ? (b, a) : (a, b)
                reports[boss] += 1
                hasManager[report] = true
            }
        }
        var found: [Diagnostic] = []
        for i in 0..<n {
            let apart = reports[i] + conflicts[i] + (hasManager[i] ? 1 : 0)
            guard apart > 0 else { continue }
            var why: [Message.Argument] = []
            if hasManager[i] { why.append(.message(Message("setup.why.manager"))) }
            if reports[i] > 0 { why.append(.message(Message("setup.why.reports", .int(reports[i])))) }
            if conflicts[i] > 0 { why.append(.message(Message("setup.why.conflicts", .int(conflicts[i])))) }
            let person = Message.Argument.text("\(roster.names[i]) (\(roster.ids[i]))")
            let reasons = Message.Argument.commaSeparated(why)
            let mates = n - 1 - apart
            if mates < sizing.minSize - 1 {
                let whom = Message(reports[i] > 0 ? "setup.isolated.hint.reports" : "setup.isolated.hint.them")
                let lower: Message.Argument = mates >= 1 ? .message(Message("setup.isolated.hint.lower", .text("\(mates + 1)"))) : .text("")
                found.append(.error(nil, Message("setup.isolated", person, .int(apart), .int(n - 1), reasons, .int(mates), .int(sizing.minSize)),
                                    hint: Message("setup.isolated.hint", .message(whom), lower)))
            } else if apart > (groups - 1) * sizing.maxSize {
                let others = groups == 2 ? Message("setup.otherGroup") : Message("setup.otherGroups", .int(groups - 1))
                found.append(.error(nil, Message("setup.tooManyApart", person, .int(apart), reasons, .message(others), .int((groups - 1) * sizing.maxSize)),
                                    hint: Message("setup.tooManyApart.hint")))
            }
        }
        return found
    }

    /// A large set of leaders who must all be apart from one another, found greedily from the 200 leaders with
    /// the most separations (finding the largest is NP-hard; greedy finds the cliques that matter in practice).
    /// - Complexity: O(k · d²) for k seeds of degree d.
    static func largestConflictClique(_ apart: [Set<Int>]) -> [Int] {
        let seeds = apart.indices.filter { !apart[$0].isEmpty }.sorted { (apart[$1].count, $0) < (apart[$0].count, $1) }.prefix(200)
        var best: [Int] = []
        for seed in seeds where apart[seed].count + 1 > best.count {
            var clique = [seed]
            for candidate in apart[seed].sorted(by: { (apart[$1].count, $0) < (apart[$0].count, $1) })
            where clique.allSatisfy({ apart[candidate].contains($0) }) {
                clique.append(candidate)
            }
            if clique.count > best.count { best = clique.sorted() }
        }
        return best
    }
}
