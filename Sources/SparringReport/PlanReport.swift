import SparringModel
import SparringSolver

/// The report of a plan of several rounds (`sparring plan --report FILE`): what was planned, the groups round by
/// round, and per leader whom they meet in which round. Names only (and group labels): the plan's decision needs
/// no other column. Every text is escaped.
public enum PlanReport {
    /// - Parameters:
    ///   - groupCounts: per round, its groups (labelled 1…).
    ///   - date: the date line under the title.
    /// - Complexity: O(K · n · group size).
    ///   - strata: the meetings again pure groups cannot avoid (``StrataRepeats``), said beside the plan's own.
    ///   - convenors: per round and group, its convenor (roster index), when `--convenor` names them.
    public static func render(roster: Roster, plan: PlanResult, groupCounts: [Int], noRepeat: Bool, earlierRounds: Int, strata: StrataRepeats? = nil,
                              convenors: [[Int?]] = [], words: Words, date: String) -> String {
        let labels = (0..<(groupCounts.max() ?? 0)).map { String($0 + 1) }
        var page = HTMLBuilder()
        let k = plan.groupings.count, n = roster.count
        let title = words("plan.report.title")
        page.raw("<!DOCTYPE html>\n<html lang=\"\(words.language.rawValue)\">\n<head>\n<meta charset=\"utf-8\">\n")
        page.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>"); page.text(title); page.raw("</title>\n")
        page.raw("<style>\n\(HTMLReport.stylesheet)</style>\n</head>\n<body>\n<header>\n<h1>"); page.text(title); page.raw("</h1>\n")
        page.raw("<p class=\"meta\">"); page.text(date); page.raw("</p>\n</header>\n")

        // What was planned and how it went.
        page.raw("<section>\n<h2>"); page.text(words("plan.report.summary")); page.raw("</h2>\n")
        var facts = [words("plan.report.planned", .int(k), .int(groupCounts.first ?? 0), .int(n))]
        let attending = plan.groupings.map { $0.filter { $0 >= 0 }.count }
        if attending.contains(where: { $0 < n }) {
            let rounds = attending.indices.map { words("plan.report.attendanceRound", .int($0 + 1), .int(attending[$0]), .int(groupCounts[$0])) }
            facts.append(words("plan.report.attendance", .text(rounds.joined(separator: "; "))))
        }
        if earlierRounds > 0 { facts.append(words("plan.report.earlier", .int(earlierRounds))) }
        let broken = plan.roundScores.reduce(0) { $0 + $1.hard }
        facts.append(broken == 0 ? words("plan.report.hardKept") : words("plan.report.hardBroken", .int(broken)))
        facts.append(plan.repeats == 0 ? words("plan.report.noRepeats") : words("plan.report.repeats", .int(plan.repeats), .int(plan.maxMeetings)))
        if let strata, strata.total > 0 { facts.append(strataSentence(strata, repeats: plan.repeats, words: words)) }
        if noRepeat { facts.append(words("plan.report.noRepeatRule")) }
        page.list(facts)
        page.raw("</section>\n")

        // The groups, round by round.
        var members = [[[Int]]](repeating: [[Int]](repeating: [], count: labels.count), count: k)
        for (r, grouping) in plan.groupings.enumerated() {
            for (i, g) in grouping.enumerated() where g >= 0 && Int(g) < labels.count { members[r][Int(g)].append(i) }
        }
        // Namesakes are told apart by their id (the report shows no other column).
        let visibility = Visibility(namesOnly: roster)
        let name = { (i: Int) in visibility.displayName(roster, i) }
        for r in 0..<k {
            page.raw("<section>\n<h2>"); page.text(words("plan.report.round", .int(r + 1))); page.raw("</h2>\n<table>\n<tbody>\n")
            for (g, group) in members[r].enumerated() where g < groupCounts[r] {
                page.raw("<tr><th scope=\"row\" style=\"white-space: nowrap\">"); page.text(words("plan.report.group", .text(displaySafe(labels[g]))))
                page.raw("</th><td>"); page.text(group.map(name).joined(separator: ", "))
                if r < convenors.count, g < convenors[r].count, let convenor = convenors[r][g] {
                    page.raw(" <span class=\"muted\">("); page.text(words("plan.convenor", .text(name(convenor)))); page.raw(")</span>")
                }
                page.raw("</td></tr>\n")
            }
            page.raw("</tbody>\n</table>\n</section>\n")
        }

        // Per leader: whom they meet in which round.
        page.raw("<section>\n<h2>"); page.text(words("plan.report.perLeader")); page.raw("</h2>\n<table>\n<thead><tr><th>")
        page.text(words("plan.report.leader")); page.raw("</th>")
        for r in 0..<k { page.raw("<th>"); page.text(words("plan.report.round", .int(r + 1))); page.raw("</th>") }
        page.raw("</tr></thead>\n<tbody>\n")
        for i in roster.names.indices.sorted(by: { (roster.names[$0], $0) < (roster.names[$1], $1) }) {
            page.raw("<tr><th scope=\"row\" style=\"white-space: nowrap\">"); page.text(name(i)); page.raw("</th>")
            for r in 0..<k {
                let g = Int(plan.groupings[r][i])
                page.raw(g < 0 ? "<td class=\"absent\">" : "<td>")
                page.text(g < 0 ? words("plan.absent") : members[r][g].filter { $0 != i }.map(name).joined(separator: ", "))
                page.raw("</td>")
            }
            page.raw("</tr>\n")
        }
        page.raw("</tbody>\n</table>\n</section>\n</body>\n</html>\n")
        return page.html
    }

    /// What the strata allow, in two sentences: the meetings again pure groups cannot avoid (the largest share
    /// named), and how the plan's `repeats` compare.
    public static func strataSentence(_ strata: StrataRepeats, repeats: Int, words: Words) -> String {
        let largest = strata.strata[0]
        let first = words("plan.strata.unavoidable", .int(strata.total), .int(strata.rounds), .text(displaySafe(largest.values.joined(separator: " · "))),
                          .int(largest.leaders), .int(largest.unavoidable))
        let second = repeats == strata.total ? words("plan.strata.fewest")
            : repeats > strata.total ? words("plan.strata.more", .int(repeats), .int(strata.total))
            : words("plan.strata.fewer", .int(repeats))
        return first + " " + second
    }
}
