import SparringModel
import SparringSolver

/// The `--report` file: one self-contained HTML page (inline CSS and SVG, no scripts, fonts, images or links
/// to anything else) that a consultant can put in front of a director and print on A4.
///
/// Order: summary and key figures, the rules against a random grouping, broken rules, how each attribute is
/// spread over the groups, one card per group, an index of leaders, and the settings that reproduce it.
/// Every name and value from the roster is HTML-escaped and display-safe (control and bidi characters shown
/// as `<U+XXXX>`, see ``escapeHTML(_:)``).
public enum HTMLReport {
    /// Where the grouping came from, for the header and the reproduce section.
    public struct Source: Sendable {
        /// The roster file as the user named it.
        public var roster: String
        /// "Proposed groups" for `solve`, "Checked grouping" for `score`.
        public var title: String
        /// The command that reproduces this output.
        public var command: String
        /// Run statistics of a solve; nil for `score`.
        public var run: ResultJSON.Run?

        public init(roster: String, title: String, command: String, run: ResultJSON.Run?) {
            self.roster = roster
            self.title = title
            self.command = command
            self.run = run
        }
    }

    /// Attributes with more values than this get no chart (their spread is in the cards).
    static let maxChartLevels = 12
    /// Above this many groups the charts would be unreadable and are left out.
    static let maxChartGroups = 170

    /// - Complexity: O(n · attributes + groups · levels).
    public static func render(_ context: GroupingContext, explanation: Explanation, source: Source) -> String {
        var page = HTMLBuilder()
        let roster = context.roster, settings = context.settings, breakdown = context.breakdown
        page.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        page.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        page.raw("<title>"); page.text("\(source.title) — \(fileName(source.roster))"); page.raw("</title>\n")
        page.raw("<style>\n\(stylesheet)</style>\n</head>\n<body>\n")

        // Summary.
        page.raw("<header>\n<h1>"); page.text(source.title); page.raw("</h1>\n<p class=\"lead\">")
        page.text("\(roster.count) leaders from \(fileName(source.roster)) in \(context.groupCount) groups (sizes \(RosterSummary.describeSizes(context.members.map(\.count)))). ")
        page.text("Typology: \(settings.typology.rawValue) — \(settings.typology.explanation).")
        page.raw("</p>\n</header>\n")

        page.raw("<section class=\"tiles\">\n")
        let hard = breakdown.score.hard
        tile(&page, label: "Hard rules", value: hard == 0 ? "all kept" : "\(hard) broken",
             detail: hard == 0 ? "no loyalty conflict or reporting line inside a group; every size within \(settings.sizing.minSize)–\(settings.sizing.maxSize)" : "see the list below",
             tone: hard == 0 ? "good" : "bad")
        let placement = Placement(groups: context.groups, groupCount: context.groupCount)
        let purity = context.model.purity, wishes = context.model.pairs.wishes
        if purity.isActive {
            let pure = purity.pureMembers(placement)
            let share = roster.count > 0 ? Double(pure) / Double(roster.count) : 0
            tile(&page, label: "Pure groups", value: "\(Int((share * 100).rounded()))%",
                 detail: "\(pure) of \(roster.count) leaders share \(purity.names.joined(separator: " and ")) with their whole group", tone: "neutral")
        }
        if !wishes.wishes.isEmpty {
            let granted = wishes.wishes.filter { placement.together($0) }.count
            tile(&page, label: "Wishes", value: "\(granted) of \(wishes.wishes.count)", detail: "granted", tone: "neutral")
        }
        tile(&page, label: "Soft score", value: formatScore(breakdown.score.soft), detail: "higher is better; 0 is what a random grouping scores on the weighted attributes", tone: "neutral")
        page.raw("</section>\n")

        // Rules.
        page.raw("<section>\n<h2>How well the rules are met</h2>\n")
        if explanation.rules.isEmpty {
            page.raw("<p>No soft rules are set.</p>\n")
        } else {
            page.raw("<table class=\"rules\">\n<thead><tr><th>Rule</th><th>This grouping (vs a random grouping)</th><th class=\"num\">Points</th></tr></thead>\n<tbody>\n")
            for rule in explanation.rules { page.row([rule.title, rule.measure, formatScore(rule.points)], lastIsNumber: true) }
            page.raw("</tbody>\n</table>\n")
        }
        page.raw("</section>\n")

        if !explanation.hardProblems.isEmpty {
            page.raw("<section class=\"broken\">\n<h2>Broken hard rules</h2>\n")
            page.list(explanation.hardProblems)
            page.raw("</section>\n")
        }

        // Changes since the previous grouping.
        if !context.model.rounds.previousGroup.isEmpty {
            let movers = explanation.leaders.filter { context.moved($0.leader) }
            let joiners = explanation.leaders.filter { $0.previousLabel == nil }
            page.raw("<section>\n<h2>Changes since the previous grouping</h2>\n<p>")
            page.text("\(movers.count) continuing leader\(movers.count == 1 ? "" : "s") moved; \(joiners.count) joined.")
            page.raw("</p>\n")
            if !movers.isEmpty || !joiners.isEmpty {
                page.raw("<table>\n<thead><tr><th>Leader</th><th>Before</th><th>Now</th><th>Why</th></tr></thead>\n<tbody>\n")
                for story in movers + joiners {
                    page.row([context.visibility.name(roster, story.leader), story.previousLabel ?? "joined", context.labels[story.group],
                              story.moveReason ?? (story.previousLabel == nil ? "placed where the rules fit best" : "")])
                }
                page.raw("</tbody>\n</table>\n")
            }
            page.raw("</section>\n")
        }

        // Charts.
        let shown = context.visibility.visibleAttributes(roster)
        if !shown.isEmpty {
            page.raw("<section>\n<h2>How each attribute is spread across the groups</h2>\n")
            if context.groupCount > maxChartGroups {
                page.text("With \(context.groupCount) groups the charts would be unreadable; each group's card shows its spread.")
            } else {
                for a in shown { chart(&page, roster.attributes[a], context) }
            }
            page.raw("</section>\n")
        }

        // Group cards.
        // Two cards side by side while a member table fits half a page; one per row beyond four attributes.
        page.raw("<section>\n<h2>The groups</h2>\n<div class=\"cards\(shown.count > 4 ? " wide" : "")\">\n")
        for group in explanation.groups { card(&page, group, context, shown: shown) }
        page.raw("</div>\n</section>\n")

        // Leader index.
        page.raw("<section class=\"index\">\n<h2>Who is where</h2>\n<ul class=\"columns\">\n")
        let order = roster.ids.indices.sorted { (context.visibility.name(roster, $0), $0) < (context.visibility.name(roster, $1), $1) }
        for i in order {
            var place = context.labels[Int(context.groups[i])]
            if !context.model.rounds.previousGroup.isEmpty { place = (context.previousLabel(i).map { $0 == place ? place : "\($0) → \(place)" }) ?? "new → \(place)" }
            page.raw("<li>"); page.text(context.visibility.name(roster, i)); page.raw(" <span class=\"muted\">"); page.text(place); page.raw("</span></li>\n")
        }
        page.raw("</ul>\n</section>\n")

        // Settings.
        page.raw("<section class=\"settings\">\n<h2>Settings and how to reproduce</h2>\n<dl>\n")
        func setting(_ name: String, _ value: String) { page.raw("<dt>"); page.text(name); page.raw("</dt><dd>"); page.text(value); page.raw("</dd>\n") }
        setting("Roster", fileName(source.roster))
        setting("Typology", settings.typology.rawValue)
        setting("Group sizes", "\(settings.sizing.minSize) to \(settings.sizing.maxSize), \(context.groupCount) groups")
        let model = context.model
        let weights = model.cells.sameValue.terms.map { ($0.name, $0.weight) } + model.numbers.spread.terms.map { ($0.name, $0.weight) }
        setting("Attribute weights", weights.isEmpty ? "none" : weights.map { "\($0.0) \(signedWeight($0.1))" }.joined(separator: ", "))
        let lone = model.cells.lone.terms.map { "\($0.name) \(signedWeight($0.weight))" }
        setting("No lone member", lone.isEmpty ? "none" : lone.joined(separator: ", "))
        if !model.pairs.wishes.wishes.isEmpty { setting("Wish weight", formatNumber(settings.wishWeight)) }
        if model.purity.isActive { setting("Pure-groups weight", formatNumber(model.purity.weight)) }
        if model.cells.atLeast.isActive {
            setting("At least per group", model.cells.atLeast.terms.map { $0.setting.text }.joined(separator: ", ") + " (weight \(formatNumber(model.cells.atLeast.weight)))")
        }
        if model.cells.atMost.isActive {
            setting("At most per group", model.cells.atMost.terms.map { $0.setting.text }.joined(separator: ", ") + (model.cells.atMost.weight.map { " (weight \(formatNumber($0)))" } ?? " (hard)"))
        }
        if model.meeting.isActive { setting("Shared meeting day", model.meeting.column + (model.meeting.weight.map { " (weight \(formatNumber($0)))" } ?? " (hard)")) }
        if model.numbers.balance.isActive {
            setting("Balanced means", model.numbers.balance.terms.map { "\($0.name) \(formatNumber($0.setting.weight))" }.joined(separator: ", "))
        }
        if let run = source.run {
            setting("Seed", String(run.seed))
            setting("Search", "\(run.threads) thread\(run.threads == 1 ? "" : "s"), \(run.moves) moves evaluated" + (run.timeLimit.map { " within a \(formatNumber($0)) s limit" } ?? ""))
        }
        setting("Command", source.command)
        page.raw("</dl>\n<p class=\"muted\">")
        page.text(source.run?.moveBudget != nil || source.run == nil
            ? "Running the command again gives the same result."
            : "This run stopped at its time limit, so a rerun may differ slightly; with --moves instead of --time the same seed always gives the same groups.")
        page.raw("</p>\n</section>\n</body>\n</html>\n")
        return page.html
    }

    static func tile(_ page: inout HTMLBuilder, label: String, value: String, detail: String, tone: String) {
        page.raw("<div class=\"tile \(tone)\"><div class=\"label\">"); page.text(label)
        page.raw("</div><div class=\"value\">"); page.text(value)
        page.raw("</div><div class=\"detail\">"); page.text(detail); page.raw("</div></div>\n")
    }

    static func card(_ page: inout HTMLBuilder, _ group: Explanation.Group, _ context: GroupingContext, shown: [Int]) {
        let roster = context.roster
        page.raw(group.problems.isEmpty ? "<article class=\"card\">\n" : "<article class=\"card broken\">\n")
        page.raw("<h3>Group "); page.text(group.label); page.raw(" <span class=\"muted\">"); page.text("\(group.members.count) leaders"); page.raw("</span></h3>\n")
        page.raw("<table class=\"members\">\n<thead><tr><th>Name</th>")
        for a in shown { page.raw("<th>"); page.text(roster.attributes[a].header); page.raw("</th>") }
        page.raw("</tr></thead>\n<tbody>\n")
        for i in group.members {
            page.row([context.visibility.name(roster, i)] + shown.map { roster.attributes[$0].displayValue(of: i) })
        }
        page.raw("</tbody>\n</table>\n")
        if !group.problems.isEmpty { page.list(group.problems, className: "problems") }
        if !group.notes.isEmpty { page.list(group.notes, className: "notes") }
        page.raw("</article>\n")
    }

    /// Colours that stay apart for colour-blind readers (Okabe–Ito, then Tol's muted set); grey is "empty".
    static let palette = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#332288",
                          "#44AA99", "#882255", "#999933", "#AA4499"]
    static let emptyColour = "#C8CDD3"

    /// A stacked column per group (categorical and ordinal) or a min–max bar with the mean (numeric).
    static func chart(_ page: inout HTMLBuilder, _ attribute: Attribute, _ context: GroupingContext) {
        let m = context.groupCount
        let (width, plotHeight, top, bottom, left) = (680.0, 110.0, 8.0, 22.0, 28.0)
        let step = (width - left) / Double(max(m, 1))
        let barWidth = min(36, max(1, step * 0.78))
        let labelEvery = m <= 30 ? 1 : m <= 60 ? 2 : m <= 120 ? 5 : 10
        page.raw("<figure class=\"chart\">\n<figcaption>"); page.text(attribute.header)
        if attribute.kind != .numeric && attribute.levels.count > maxChartLevels {
            page.raw("</figcaption>\n<p class=\"muted\">")
            page.text("\(attribute.levels.count) different values: too many for a chart; each group's card lists them.")
            page.raw("</p>\n</figure>\n")
            return
        }
        page.raw("</figcaption>\n")
        page.raw("<svg viewBox=\"0 0 \(Int(width)) \(Int(top + plotHeight + bottom))\" width=\"100%\" role=\"img\" aria-label=\"")
        page.text("\(attribute.header) by group"); page.raw("\">\n")
        func x(_ g: Int) -> Double { left + Double(g) * step + (step - barWidth) / 2 }
        func f(_ v: Double) -> String { String(format: "%.1f", v) }
        page.raw("<line x1=\"\(f(left))\" y1=\"\(f(top + plotHeight))\" x2=\"\(f(width))\" y2=\"\(f(top + plotHeight))\" class=\"axis\"/>\n")
        switch attribute.kind {
        case .categorical, .ordinal:
            let biggest = max(1, context.members.map(\.count).max() ?? 1)
            let unit = plotHeight / Double(biggest)
            page.raw("<text x=\"\(f(left - 4))\" y=\"\(f(top + 8))\" class=\"tick\" text-anchor=\"end\">\(biggest)</text>\n")
            for (g, members) in context.members.enumerated() {
                var counts = [Int](repeating: 0, count: attribute.levels.count + 1)
                for i in members { counts[Int(attribute.codes[i]) + 1] += 1 }
                var y = top + plotHeight
                for level in [Int](1..<counts.count) + [0] where counts[level] > 0 {
                    let h = Double(counts[level]) * unit
                    y -= h
                    let colour = level == 0 ? emptyColour : palette[(level - 1) % palette.count]
                    page.raw("<rect x=\"\(f(x(g)))\" y=\"\(f(y))\" width=\"\(f(barWidth))\" height=\"\(f(h))\" fill=\"\(colour)\"><title>")
                    page.text("group \(context.labels[g]): \(level == 0 ? "(empty)" : attribute.levels[level - 1]) \(counts[level])")
                    page.raw("</title></rect>\n")
                }
            }
        case .numeric:
            let present = attribute.values.filter { !$0.isNaN }
            guard let low = present.min(), let high = present.max() else { break }
            let span = high > low ? high - low : 1
            func y(_ v: Double) -> Double { top + plotHeight - (v - low) / span * plotHeight }
            page.raw("<text x=\"\(f(left - 4))\" y=\"\(f(top + 8))\" class=\"tick\" text-anchor=\"end\">"); page.text(formatNumber(high)); page.raw("</text>\n")
            page.raw("<text x=\"\(f(left - 4))\" y=\"\(f(top + plotHeight))\" class=\"tick\" text-anchor=\"end\">"); page.text(formatNumber(low)); page.raw("</text>\n")
            for (g, members) in context.members.enumerated() {
                let values = members.map { attribute.values[$0] }.filter { !$0.isNaN }
                guard let a = values.min(), let b = values.max() else { continue }
                let mean = values.reduce(0, +) / Double(values.count)
                let centre = x(g) + barWidth / 2
                page.raw("<g><title>"); page.text("group \(context.labels[g]): \(formatNumber(a))–\(formatNumber(b)), mean \(formatNumber((mean * 10).rounded() / 10))"); page.raw("</title>")
                page.raw("<rect x=\"\(f(x(g)))\" y=\"\(f(y(b)))\" width=\"\(f(barWidth))\" height=\"\(f(max(1, y(a) - y(b))))\" fill=\"\(palette[4])\" opacity=\"0.55\"/>")
                page.raw("<circle cx=\"\(f(centre))\" cy=\"\(f(y(mean)))\" r=\"\(f(min(3, max(1.2, barWidth / 3))))\" fill=\"\(palette[0])\"/></g>\n")
            }
        }
        for g in 0..<m where g % labelEvery == 0 {
            page.raw("<text x=\"\(f(x(g) + barWidth / 2))\" y=\"\(f(top + plotHeight + 14))\" class=\"tick\" text-anchor=\"middle\">")
            page.text(context.labels[g]); page.raw("</text>\n")
        }
        page.raw("</svg>\n")
        if attribute.kind != .numeric {
            page.raw("<p class=\"legend\">")
            let counts = attribute.levelCounts
            for (level, name) in attribute.levels.enumerated() {
                page.raw("<span><i style=\"background:\(palette[level % palette.count])\"></i>"); page.text("\(name) (\(counts[level]))"); page.raw("</span> ")
            }
            if attribute.codes.contains(-1) { page.raw("<span><i style=\"background:\(emptyColour)\"></i>(empty)</span>") }
            page.raw("</p>\n")
        } else {
            page.raw("<p class=\"legend\">Bar: lowest to highest value in the group; dot: the group's mean.</p>\n")
        }
        page.raw("</figure>\n")
    }

    /// The last path component, so the report does not reveal the consultant's folders.
    static func fileName(_ path: String) -> String { path.split(separator: "/").last.map(String.init) ?? path }

    static let stylesheet = """
    :root { --ink: #1d2733; --muted: #5f6b78; --line: #d5dbe1; --accent: #0b4f71; --bad: #a4262c; --good: #1e6b3a; }
    * { box-sizing: border-box; }
    body { font: 10.5pt/1.45 "Segoe UI", "Helvetica Neue", Arial, sans-serif; color: var(--ink); max-width: 190mm; margin: 0 auto; padding: 10mm 6mm; }
    h1 { font-size: 20pt; margin: 0 0 2mm; color: var(--accent); font-weight: 600; }
    h2 { font-size: 13pt; margin: 8mm 0 3mm; color: var(--accent); border-bottom: 1px solid var(--line); padding-bottom: 1mm; font-weight: 600; }
    h3 { font-size: 11pt; margin: 0 0 2mm; }
    .lead { color: var(--muted); margin: 0; }
    .muted { color: var(--muted); font-weight: normal; }
    .tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(40mm, 1fr)); gap: 3mm; margin-top: 6mm; }
    .tile { border: 1px solid var(--line); border-left: 4px solid var(--accent); padding: 2mm 3mm; break-inside: avoid; }
    .tile.good { border-left-color: var(--good); } .tile.bad { border-left-color: var(--bad); }
    .tile .label { font-size: 8.5pt; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
    .tile .value { font-size: 16pt; font-weight: 600; }
    .tile .detail { font-size: 8.5pt; color: var(--muted); }
    table { border-collapse: collapse; width: 100%; }
    th, td { text-align: left; padding: 1mm 2mm; border-bottom: 1px solid var(--line); vertical-align: top; }
    th { font-weight: 600; font-size: 9pt; color: var(--muted); }
    .num { text-align: right; font-variant-numeric: tabular-nums; }
    .broken ul, ul.problems { color: var(--bad); }
    .cards { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 4mm; }
    .cards.wide { grid-template-columns: minmax(0, 1fr); }
    .card { border: 1px solid var(--line); border-radius: 2px; padding: 3mm; break-inside: avoid; page-break-inside: avoid; }
    .card.broken { border-color: var(--bad); border-left-width: 4px; }
    .card table { font-size: 8.5pt; }
    .card td { overflow-wrap: anywhere; }
    .card ul { margin: 2mm 0 0; padding-left: 4mm; font-size: 8.5pt; }
    .chart { margin: 0 0 5mm; break-inside: avoid; }
    .chart figcaption { font-weight: 600; }
    .chart .axis { stroke: #8a96a3; stroke-width: 1; }
    .chart .tick { font-size: 9px; fill: var(--muted); }
    .legend { font-size: 8.5pt; margin: 1mm 0 0; }
    .legend span { margin-right: 3mm; white-space: nowrap; }
    .legend i { display: inline-block; width: 8px; height: 8px; margin-right: 1mm; }
    .columns { columns: 4 40mm; padding: 0; list-style: none; font-size: 8.5pt; margin: 0; }
    .columns li { break-inside: avoid; }
    dl { display: grid; grid-template-columns: 40mm 1fr; gap: 1mm 3mm; }
    dt { color: var(--muted); } dd { margin: 0; overflow-wrap: anywhere; }
    @page { size: A4; margin: 12mm; }
    @media print { body { padding: 0; max-width: none; } h2 { break-after: avoid; } }

    """
}

/// Accumulates HTML; ``text(_:)`` escapes, ``raw(_:)`` is for the page's own markup only.
struct HTMLBuilder {
    private(set) var html = ""

    mutating func raw(_ markup: String) { html += markup }

    /// Appends `value` display-safe, with `&`, `<`, `>`, `"` and `'` escaped (``escapeHTML(_:)``). O(length).
    mutating func text(_ value: String) { html += escapeHTML(value) }

    /// A table row of escaped cells; the last right-aligned as a number when asked.
    mutating func row(_ cells: [String], lastIsNumber: Bool = false) {
        raw("<tr>")
        for (k, cell) in cells.enumerated() {
            raw(lastIsNumber && k == cells.count - 1 ? "<td class=\"num\">" : "<td>")
            text(cell)
            raw("</td>")
        }
        raw("</tr>\n")
    }

    /// A bulleted list of escaped items.
    mutating func list(_ items: [String], className: String? = nil) {
        raw(className.map { "<ul class=\"\($0)\">\n" } ?? "<ul>\n")
        for item in items { raw("<li>"); text(item); raw("</li>\n") }
        raw("</ul>\n")
    }
}

/// `value` safe inside HTML text and attribute values: `&`, `<`, `>`, `"` and `'` escaped, and control and
/// bidi characters first written out as `<U+XXXX>` by ``displaySafe(_:keepingNewlinesAndTabs:)`` (so
/// `"Ann\u{1B}[2JE"` becomes `Ann&lt;U+001B&gt;[2JE`, which reads `Ann<U+001B>[2JE`). O(length).
public func escapeHTML(_ value: String) -> String {
    let value = displaySafe(value)
    var result = ""
    result.reserveCapacity(value.utf8.count)
    for character in value.unicodeScalars {
        switch character {
        case "&": result += "&amp;"
        case "<": result += "&lt;"
        case ">": result += "&gt;"
        case "\"": result += "&quot;"
        case "'": result += "&#39;"
        default: result.unicodeScalars.append(character)
        }
    }
    return result
}
