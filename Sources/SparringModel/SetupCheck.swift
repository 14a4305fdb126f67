/// Finds set-ups that no grouping can satisfy before any search starts, and says what to relax.
///
/// Errors are hard rules that cannot all hold: a leader kept apart from so many others that no group of the
/// smallest size can hold them, or whose separated colleagues do not fit in the other groups (a boss with too
/// many reports for the group count), a conflict clique larger than the number of groups, pins that overfill a
/// group, pin a conflict pair together or leave too few colleagues to fill the group, keep-together sets that
/// cannot fit. Warnings are soft rules that cannot be met in full (a value held by one leader only, so a lone
/// member is unavoidable). Manager circles are refused when the roster is read.
public enum SetupCheck {
    /// - Complexity: O(n + separations + Σ set sizes² + k · d²) with k ≤ 200 clique seeds of degree d.
    /// - Parameter labels: how messages name group indices (default 1…N; `--previous` labels where given).
    public static func diagnose(roster: Roster, settings: RuleSettings, rounds: RoundRules, groups: Int, labels: [String] = []) -> [Diagnostic] {
        func label(_ g: Int) -> String { g < labels.count ? labels[g] : String(g + 1) }
        var found: [Diagnostic] = []
        func person(_ i: Int) -> String { "\(roster.names[i]) (\(roster.ids[i]))" }
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
            found.append(.error(nil, "\(clique.count) leaders must all be kept apart from one another, but there are only \(groups) groups: \(clique.map(person).joined(separator: ", "))",
                                hint: "allow at least \(clique.count) groups (--groups or a smaller --max-size), or drop one of the conflicts among them."))
        }

        if !rounds.pins.isEmpty {
            var pinned = [[Int]](repeating: [], count: groups)
            for (i, g) in rounds.pins.enumerated() where g >= 0 && Int(g) < groups { pinned[Int(g)].append(i) }
            for (g, members) in pinned.enumerated() {
                if members.count > settings.sizing.maxSize {
                    found.append(.error(nil, "\(members.count) leaders are pinned to group \(label(g)), more than the largest group size \(settings.sizing.maxSize)",
                                        hint: "pin fewer leaders there, or raise --max-size."))
                }
                let pairs = separatedPairs(members)
                for (i, j) in pairs {
                    found.append(.error(nil, "\(person(i)) and \(person(j)) are pinned to the same group (\(label(g))) but must be kept apart",
                                        hint: "unpin one of them, or remove the conflict if it no longer holds."))
                }
                // Who else may join the pinned leaders without breaking a hard rule?
                guard pairs.isEmpty, !members.isEmpty, members.count < settings.sizing.minSize else { continue }
                let candidates = roster.ids.indices.filter { i in
                    rounds.pins[i] < 0 && !members.contains { apart[$0].contains(i) }
                }.count
                if members.count + candidates < settings.sizing.minSize {
                    found.append(.error(nil, "group \(label(g)) has \(members.count) pinned leader\(members.count == 1 ? "" : "s") (\(members.map(person).joined(separator: ", "))) and only \(candidates) unpinned colleague\(candidates == 1 ? "" : "s") who may sit with them, fewer than the smallest group size \(settings.sizing.minSize)",
                                        hint: "unpin them, pin colleagues they may sit with to the same group, or lower --min-size."))
                }
            }
        }

        for (k, set) in rounds.togetherSets.enumerated() {
            let name = quoted(rounds.togetherNames[k])
            if rounds.togetherWeight == nil && set.count > settings.sizing.maxSize {
                found.append(.error(nil, "keep-together set \(name) has \(set.count) leaders, more than the largest group size \(settings.sizing.maxSize)",
                                    hint: "split the set, raise --max-size, or make keep-together soft with --together-weight."))
            }
            for (i, j) in separatedPairs(set) {
                found.append(.error(nil, "keep-together set \(name) holds \(person(i)) and \(person(j)), who must be kept apart",
                                    hint: "take one of them out of the set, or remove the conflict if it no longer holds."))
            }
            if rounds.togetherWeight == nil, !rounds.pins.isEmpty {
                let pinnedGroups = Set(set.compactMap { rounds.pins[$0] >= 0 ? rounds.pins[$0] : nil })
                if pinnedGroups.count > 1 {
                    found.append(.error(nil, "keep-together set \(name) has members pinned to different groups",
                                        hint: "pin them to the same group, or take one out of the set."))
                }
            }
        }

        if rounds.noRepeat {
            var lastGroups: [Int: Int] = [:]
            for pair in rounds.lastRound { lastGroups[Int(pair.first), default: 0] += 1; lastGroups[Int(pair.second), default: 0] += 1 }
            // A leader with more last-round mates than groups minus one cannot avoid them all.
            if let leader = lastGroups.keys.sorted().first(where: { lastGroups[$0]! >= groups }), let mates = lastGroups[leader] {
                found.append(.warning(nil, 0, 0, "\(person(leader)) had \(mates) group-mates last round but there are only \(groups) groups: some will meet again",
                                      hint: "use more groups, or accept the repeats (they are reported)."))
            }
        }

        if let rules = try? settings.attributeRules(for: roster) {
            for rule in rules where rule.loneWeight != 0 {
                let attribute = roster.attributes[rule.attribute]
                guard attribute.kind != .numeric else { continue }
                // One warning per attribute: the first three values held by a single leader, then a count.
                let lone = attribute.levelCounts.indices.filter { attribute.levelCounts[$0] == 1 }
                guard let first = lone.first else { continue }
                let hint = "accept it, or drop the rule with --lone \(attribute.key)=0."
                if lone.count == 1 {
                    let holder = attribute.codes.firstIndex(of: Int32(first))!
                    found.append(.warning(nil, 0, 0, "only one leader has \(attribute.key) \(quoted(attribute.levels[first])) (\(person(holder))): their group will have a lone member whatever the grouping",
                                          hint: hint))
                } else {
                    let shown = lone.prefix(3).map { quoted(attribute.levels[$0]) }.joined(separator: ", ")
                    found.append(.warning(nil, 0, 0, "\(lone.count) values of \(attribute.key) are held by one leader each (\(shown)\(lone.count > 3 ? " and \(lone.count - 3) more" : "")): their groups will have a lone member whatever the grouping",
                                          hint: hint))
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
            var why: [String] = []
            if hasManager[i] { why.append("their manager") }
            if reports[i] > 0 { why.append("\(reports[i]) direct report\(reports[i] == 1 ? "" : "s")") }
            if conflicts[i] > 0 { why.append("\(conflicts[i]) loyalty conflict\(conflicts[i] == 1 ? "" : "s")") }
            let person = "\(roster.names[i]) (\(roster.ids[i]))"
            let mates = n - 1 - apart
            if mates < sizing.minSize - 1 {
                found.append(.error(nil, "\(person) must be kept apart from \(apart) of the other \(n - 1) leaders (\(why.joined(separator: ", "))), so only \(mates) may share their group, too few for a group of \(sizing.minSize)",
                                    hint: "take \(reports[i] > 0 ? "their reports" : "them") out of this roster and form those networks separately, or drop conflicts that no longer hold\(mates >= 1 ? ", or lower --min-size to \(mates + 1)" : "")."))
            } else if apart > (groups - 1) * sizing.maxSize {
                found.append(.error(nil, "\(person) must be kept apart from \(apart) leaders (\(why.joined(separator: ", "))), but \(groups == 2 ? "the other group holds" : "the other \(groups - 1) groups hold") at most \((groups - 1) * sizing.maxSize)",
                                    hint: "allow more groups (--groups) or larger ones (--max-size), or form this leader's network separately."))
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
