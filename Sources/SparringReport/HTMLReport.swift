import Foundation
import SparringModel
import SparringSolver

/// The `--report` file: one self-contained HTML page (inline CSS and SVG, no scripts, fonts, images or links
/// to anything else), written for the director who approves the networks and prints on A4.
///
/// Order: title, date and author; what was asked (the typology in plain words); what was achieved, as
/// sentences with counts (``DirectorSummary``); where the typology could not be met and why; changes since
/// the previous round; the groups; who is where; what happens now. Points, pairs against random, charts,
/// the soft score and the command that reproduces the run are in the appendix "For the consultant".
/// Every text follows the context's language (`lang` attribute too). Every name and value from the roster is
/// HTML-escaped and display-safe (control and bidi characters shown as `<U+XXXX>`, see ``escapeHTML(_:)``).
public enum HTMLReport {
    /// Where the grouping came from and what the consultant put on the cover.
    public struct Source: Sendable {
        /// The roster file as the user named it.
        public var roster: String
        /// Whether the grouping is a proposal (`solve`) or a grouping that was checked (`score`).
        public var isProposal: Bool
        /// The command that reproduces this output.
        public var command: String
        /// Run statistics of a solve; nil for `score`.
        public var run: ResultJSON.Run?
        /// `--title`, `--author` (name and contact), the date shown (`--date`, else today).
        public var title: String?
        public var author: String?
        public var date: String?
        /// `--next-steps FILE`: replaces the fixed "what happens now" section; paragraphs separated by blank
        /// lines, lines starting with "- " or "* " are bullets.
        public var nextSteps: String?

        public init(roster: String, isProposal: Bool, command: String, run: ResultJSON.Run?, title: String? = nil, author: String? = nil,
                    date: String? = nil, nextSteps: String? = nil) {
            self.roster = roster
            self.isProposal = isProposal
            self.command = command
            self.run = run
            self.title = title
            self.author = author
            self.date = date
            self.nextSteps = nextSteps
        }
    }

    /// Attributes with more values than this get no chart (their spread is in the cards).
    static let maxChartLevels = 12
    /// Above this many groups the charts would be unreadable and are left out.
    static let maxChartGroups = 170

    /// - Complexity: O(n · attributes + groups · levels).
    public static func render(_ context: GroupingContext, explanation: Explanation, source: Source) -> String {
        var page = HTMLBuilder()
        let roster = context.roster, words = context.words
        let title = source.title ?? words(source.isProposal ? "report.title.proposal" : "report.title.checked")
        page.raw("<!DOCTYPE html>\n<html lang=\"\(words.language.rawValue)\">\n<head>\n<meta charset=\"utf-8\">\n")
        page.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        page.raw("<title>"); page.text(title); page.raw("</title>\n")
        page.raw("<style>\n\(stylesheet)</style>\n</head>\n<body>\n")

        // Cover: title, date, author.
        page.raw("<header>\n<h1>"); page.text(title); page.raw("</h1>\n")
        let meta = [source.date, source.author].compactMap { $0 }.filter { !$0.isEmpty }
        if !meta.isEmpty { page.raw("<p class=\"meta\">"); page.text(meta.joined(separator: " · ")); page.raw("</p>\n") }
        page.raw("</header>\n")

        // What was asked.
        let settings = context.settings
        page.raw("<section>\n<h2>"); page.text(words("report.asked")); page.raw("</h2>\n<p>")
        page.text(words("report.asked.typology", .text(settings.typology.name(words)), .text(settings.typology.explanation(words))) + " " + settings.typology.purpose(words))
        page.raw("</p>\n<p>")
        page.text(words("report.asked.sizes", .int(roster.count), .int(context.groupCount), .int(settings.sizing.minSize), .int(settings.sizing.maxSize),
                        .text(describeSizes(context.members.map(\.count), words))))
        page.raw("</p>\n</section>\n")

        // What was achieved.
        let summary = DirectorSummary(context)
        page.raw("<section>\n<h2>"); page.text(words("report.achieved")); page.raw("</h2>\n<ul class=\"findings\">\n")
        for finding in summary.achieved {
            page.raw("<li class=\"\(finding.tone.rawValue)\">"); page.text(finding.text); page.raw("</li>\n")
        }
        page.raw("</ul>\n")
        if !explanation.hardProblems.isEmpty {
            page.raw("<div class=\"broken\">\n<h3>"); page.text(words("report.brokenRules")); page.raw("</h3>\n")
            page.list(explanation.hardProblems)
            page.raw("<p>"); page.text(words("report.brokenAdvice")); page.raw("</p>\n</div>\n")
        }
        page.raw("</section>\n")

        // Every group and its members on one page (A4 landscape when printed).
        page.raw("<section class=\"overview\">\n<h2>"); page.text(words("report.overview")); page.raw("</h2>\n<table class=\"overview\">\n<thead><tr><th>")
        page.text(words("report.overview.group")); page.raw("</th><th>"); page.text(words("report.overview.members")); page.raw("</th>")
        if context.facilitators != nil { page.raw("<th>"); page.text(words("report.overview.facilitator")); page.raw("</th>") }
        page.raw("</tr></thead>\n<tbody>\n")
        for group in explanation.groups {
            var cells = [words("report.group", .text(group.label)), group.members.map { context.visibility.name(roster, $0) }.joined(separator: ", ")]
            if let facilitators = context.facilitators { cells.append(facilitators.cell(group.group, words: words)) }
            page.row(cells)
        }
        page.raw("</tbody>\n</table>\n</section>\n")

        // Where the typology could not be met.
        if let intro = summary.shortfallIntro {
            page.raw("<section>\n<h2>"); page.text(words("report.shortfalls")); page.raw("</h2>\n<p>"); page.text(intro); page.raw("</p>\n")
            page.list(summary.shortfalls)
            page.raw("</section>\n")
        }

        // Changes since the previous grouping.
        if !context.model.rounds.previousGroup.isEmpty {
            let movers = explanation.leaders.filter { context.moved($0.leader) }
            let joiners = explanation.leaders.filter { $0.previousLabel == nil }
            page.raw("<section>\n<h2>"); page.text(words("report.changes")); page.raw("</h2>\n<p>")
            page.text(words("report.changes.count", .int(movers.count), .int(joiners.count)))
            page.raw("</p>\n")
            if !movers.isEmpty || !joiners.isEmpty {
                page.raw("<table>\n<thead><tr>")
                for key in ["report.leader", "report.before", "report.now", "report.why"] { page.raw("<th>"); page.text(words(key)); page.raw("</th>") }
                page.raw("</tr></thead>\n<tbody>\n")
                for story in movers + joiners {
                    page.row([context.visibility.name(roster, story.leader), story.previousLabel ?? words("report.joined"), context.labels[story.group],
                              story.moveReason ?? (story.previousLabel == nil ? words("report.placedBest") : "")])
                }
                page.raw("</tbody>\n</table>\n")
            }
            page.raw("</section>\n")
        }

        // Group cards: two side by side while a member table fits half the page.
        let shown = context.directorAttributes
        page.raw("<section>\n<h2>"); page.text(words("report.groups")); page.raw("</h2>\n")
        page.raw("<div class=\"cards\(cardsNeedFullWidth(context, shown: shown) ? " wide" : "")\">\n")
        for group in explanation.groups { card(&page, group, context, shown: shown) }
        page.raw("</div>\n</section>\n")

        // Leader index.
        page.raw("<section class=\"index\">\n<h2>"); page.text(words("report.whoIsWhere")); page.raw("</h2>\n<ul class=\"columns\">\n")
        let order = roster.ids.indices.sorted { (context.visibility.name(roster, $0), $0) < (context.visibility.name(roster, $1), $1) }
        for i in order {
            var place = context.labels[Int(context.groups[i])]
            if !context.model.rounds.previousGroup.isEmpty {
                place = (context.previousLabel(i).map { $0 == place ? place : "\($0) → \(place)" }) ?? words("report.newIn", .text(place))
            }
            page.raw("<li>"); page.text(context.visibility.name(roster, i)); page.raw(" <span class=\"muted\">"); page.text(words("report.groupLabel", .text(place))); page.raw("</span></li>\n")
        }
        page.raw("</ul>\n</section>\n")

        // What happens now.
        page.raw("<section class=\"next\">\n<h2>"); page.text(words("report.next")); page.raw("</h2>\n")
        paragraphs(&page, source.nextSteps ?? words("report.next.default"))
        page.raw("</section>\n")

        appendix(&page, context, explanation: explanation, source: source)
        page.raw("</body>\n</html>\n")
        return page.html
    }

    /// The appendix for the consultant, marked confidential: leaders' own wishes by group, the score rule by rule
    /// against a random grouping, the charts, the settings and the command that reproduces the run.
    static func appendix(_ page: inout HTMLBuilder, _ context: GroupingContext, explanation: Explanation, source: Source) {
        let roster = context.roster, breakdown = context.breakdown, words = context.words
        page.raw("<section class=\"appendix\">\n<h2>"); page.text(words("report.appendix")); page.raw("</h2>\n<p class=\"confidential\"><strong>")
        page.text(words("report.confidential")); page.raw("</strong> "); page.text(words("report.confidential.why")); page.raw("</p>\n<p class=\"muted\">")
        page.text(words("report.appendix.intro"))
        page.raw("</p>\n")
        // Leaders' own preferences (wishes granted and not), named: for the consultant only.
        let personal = explanation.groups.filter { !$0.personalNotes.isEmpty }
        if !personal.isEmpty {
            page.raw("<h3>"); page.text(words("report.personal")); page.raw("</h3>\n")
            for group in personal {
                page.raw("<h4>"); page.text(words("report.group", .text(group.label))); page.raw("</h4>\n")
                page.list(group.personalNotes, className: "notes")
            }
        }
        page.raw("<h3>"); page.text(words("report.rules")); page.raw("</h3>\n")
        if explanation.rules.isEmpty {
            page.raw("<p>"); page.text(words("report.noSoftRules")); page.raw("</p>\n")
        } else {
            page.raw("<table class=\"rules\">\n<thead><tr><th>"); page.text(words("report.rule")); page.raw("</th><th>")
            page.text(words("report.measure")); page.raw("</th><th class=\"num\">"); page.text(words("report.points")); page.raw("</th></tr></thead>\n<tbody>\n")
            for rule in explanation.rules { page.row([rule.title, rule.measure, words.score(rule.points)], lastIsNumber: true) }
            page.raw("</tbody>\n<tfoot><tr><td colspan=\"2\">"); page.text(words("report.softScore")); page.raw("</td><td class=\"num\">")
            page.text(words.score(breakdown.score.soft)); page.raw("</td></tr></tfoot>\n</table>\n<p class=\"muted\">")
            page.text(words("report.softScore.explained")); page.raw("</p>\n")
        }

        // Charts.
        let shown = context.visibility.visibleAttributes(roster)
        if !shown.isEmpty {
            page.raw("<h3>"); page.text(words("report.charts")); page.raw("</h3>\n")
            if context.groupCount > maxChartGroups {
                page.raw("<p>"); page.text(words("report.charts.tooMany", .int(context.groupCount))); page.raw("</p>\n")
            } else {
                for a in shown { chart(&page, roster.attributes[a], context) }
            }
        }

        // Settings.
        page.raw("<h3>"); page.text(words("report.settings")); page.raw("</h3>\n<dl>\n")
        for setting in RunSettings.rows(context, source: source) {
            page.raw("<dt>"); page.text(setting.label); page.raw("</dt><dd>"); page.text(setting.value); page.raw("</dd>\n")
        }
        page.raw("<dt>"); page.text(words("report.setting.command")); page.raw("</dt><dd><code class=\"command\">"); page.text(source.command); page.raw("</code></dd>\n")
        page.raw("</dl>\n<p class=\"muted\">")
        page.text(RunSettings.reproducibility(source, words: words))
        page.raw("</p>\n</section>\n")
    }

    /// Plain text as paragraphs (separated by blank lines) and bullet lists (lines starting "- ", "* " or "• ").
    static func paragraphs(_ page: inout HTMLBuilder, _ text: String) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        var paragraph: [String] = [], bullets: [String] = []
        func flush() {
            if !paragraph.isEmpty { page.raw("<p>"); page.text(paragraph.joined(separator: " ")); page.raw("</p>\n"); paragraph = [] }
            if !bullets.isEmpty { page.list(bullets); bullets = [] }
        }
        for line in lines {
            if line.isEmpty { flush(); continue }
            if let marker = ["- ", "* ", "• "].first(where: { line.hasPrefix($0) }) {
                if !paragraph.isEmpty { flush() }
                bullets.append(String(line.dropFirst(marker.count)))
            } else {
                if !bullets.isEmpty { flush() }
                paragraph.append(line)
            }
        }
        flush()
    }

    /// "4 × 6 and 6 × 5" style list of sizes, largest first.
    static func describeSizes(_ sizes: [Int], _ words: Words) -> String {
        words.list(RosterSummary.sizeCounts(sizes).map { words("report.sizeCount", .int($0.count), .int($0.size)) })
    }

    /// Whether the member tables need the full width: a name column and the widest value of each shown
    /// attribute (in characters) would not fit half an A4 page without breaking words.
    static func cardsNeedFullWidth(_ context: GroupingContext, shown: [Int]) -> Bool {
        let roster = context.roster
        let name = roster.ids.indices.map { context.visibility.name(roster, $0).count }.max() ?? 0
        var width = name + 2
        for a in shown {
            let attribute = roster.attributes[a]
            let longest = attribute.kind == .numeric ? 6 : (attribute.levels.map(\.count).max() ?? 0)
            width += max(longest, attribute.header.count) + 2
        }
        return width > 54 || shown.count > 4
    }

    static func card(_ page: inout HTMLBuilder, _ group: Explanation.Group, _ context: GroupingContext, shown: [Int]) {
        let roster = context.roster, words = context.words
        page.raw(group.problems.isEmpty ? "<article class=\"card\">\n" : "<article class=\"card broken\">\n")
        page.raw("<h3>"); page.text(words("report.group", .text(group.label))); page.raw(" <span class=\"muted\">")
        page.text(words("report.leaders", .int(group.members.count))); page.raw("</span></h3>\n")
        page.raw("<table class=\"members\">\n<thead><tr><th>"); page.text(words("report.name")); page.raw("</th>")
        for a in shown { page.raw("<th>"); page.text(roster.attributes[a].header); page.raw("</th>") }
        page.raw("</tr></thead>\n<tbody>\n")
        for i in group.members {
            page.raw("<tr><td>"); page.text(context.visibility.name(roster, i))
            if !context.visibility.hidesNames { page.raw(" <span class=\"id\">"); page.text(roster.ids[i]); page.raw("</span>") }
            page.raw("</td>")
            for a in shown { page.raw("<td>"); page.text(value(roster.attributes[a], i, words)); page.raw("</td>") }
            page.raw("</tr>\n")
        }
        page.raw("</tbody>\n</table>\n")
        if let facilitators = context.facilitators, group.group < facilitators.names.count {
            page.raw("<p class=\"facilitator\"><strong>"); page.text(words("report.facilitator")); page.raw("</strong> ")
            page.text(facilitators.names[group.group].isEmpty ? words("report.facilitator.none") : facilitators.cell(group.group, words: words))
            page.raw("</p>\n")
        }
        if let convenors = context.convenors, group.group < convenors.count {
            page.raw("<p class=\"convenor\"><strong>"); page.text(words("report.convenor")); page.raw("</strong> ")
            page.text(convenors[group.group].map { context.visibility.name(roster, $0) } ?? words("report.facilitator.none"))
            page.raw("</p>\n")
        }
        if !group.problems.isEmpty { page.list(group.problems, className: "problems") }
        if !group.notes.isEmpty { page.list(group.notes, className: "notes") }
        page.raw("</article>\n")
    }

    /// A leader's value as the reader writes it: labels as in the roster, numbers with the language's decimal mark.
    static func value(_ attribute: Attribute, _ i: Int, _ words: Words) -> String {
        guard attribute.kind == .numeric else { return attribute.displayValue(of: i) }
        let value = attribute.values[i]
        return value.isNaN ? "" : words.number(value)
    }

    /// Colours that stay apart for colour-blind readers (Okabe–Ito, then Tol's muted set); grey is "empty".
    static let palette = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#332288",
                          "#44AA99", "#882255", "#999933", "#AA4499"]
    static let emptyColour = "#C8CDD3"

    /// A stacked column per group (categorical and ordinal) or a min–max bar with the mean (numeric).
    static func chart(_ page: inout HTMLBuilder, _ attribute: Attribute, _ context: GroupingContext) {
        let m = context.groupCount, words = context.words
        let (width, plotHeight, top, bottom, left) = (680.0, 110.0, 8.0, 22.0, 28.0)
        let step = (width - left) / Double(max(m, 1))
        let barWidth = min(36, max(1, step * 0.78))
        let labelEvery = m <= 30 ? 1 : m <= 60 ? 2 : m <= 120 ? 5 : 10
        page.raw("<figure class=\"chart\">\n<figcaption>"); page.text(attribute.header)
        if attribute.kind != .numeric && attribute.levels.count > maxChartLevels {
            page.raw("</figcaption>\n<p class=\"muted\">")
            page.text(words("report.chart.tooManyValues", .int(attribute.levels.count)))
            page.raw("</p>\n</figure>\n")
            return
        }
        page.raw("</figcaption>\n")
        page.raw("<svg viewBox=\"0 0 \(Int(width)) \(Int(top + plotHeight + bottom))\" width=\"100%\" role=\"img\" aria-label=\"")
        page.text(words("report.chart.label", .text(attribute.header))); page.raw("\">\n")
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
                    page.text(words("report.chart.cell", .text(context.labels[g]), .text(level == 0 ? words("explain.emptyValue") : attribute.levels[level - 1]), .int(counts[level])))
                    page.raw("</title></rect>\n")
                }
            }
        case .numeric:
            let present = attribute.values.filter { !$0.isNaN }
            guard let low = present.min(), let high = present.max() else { break }
            let span = high > low ? high - low : 1
            func y(_ v: Double) -> Double { top + plotHeight - (v - low) / span * plotHeight }
            page.raw("<text x=\"\(f(left - 4))\" y=\"\(f(top + 8))\" class=\"tick\" text-anchor=\"end\">"); page.text(words.number(high)); page.raw("</text>\n")
            page.raw("<text x=\"\(f(left - 4))\" y=\"\(f(top + plotHeight))\" class=\"tick\" text-anchor=\"end\">"); page.text(words.number(low)); page.raw("</text>\n")
            for (g, members) in context.members.enumerated() {
                let values = members.map { attribute.values[$0] }.filter { !$0.isNaN }
                guard let a = values.min(), let b = values.max() else { continue }
                let mean = values.reduce(0, +) / Double(values.count)
                let centre = x(g) + barWidth / 2
                page.raw("<g><title>"); page.text(words("report.chart.cell", .text(context.labels[g]), .text(words("explain.range", .number(a), .number(b), .number((mean * 10).rounded() / 10))), .text(""))); page.raw("</title>")
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
            if attribute.codes.contains(-1) { page.raw("<span><i style=\"background:\(emptyColour)\"></i>"); page.text(words("explain.emptyValue")); page.raw("</span>") }
            page.raw("</p>\n")
        } else {
            page.raw("<p class=\"legend\">"); page.text(words("report.chart.numericLegend")); page.raw("</p>\n")
        }
        page.raw("</figure>\n")
    }

    /// Today's date as the reader writes it: "25. november 2026" / "25 November 2026".
    public static func today(_ words: Words) -> String { date(Date(), words) }

    /// `date` as the reader writes it, in this computer's time zone: "25. november 2026" / "25 November 2026".
    public static func date(_ date: Date, _ words: Words) -> String {
        let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone.current, from: date)
        let month = words("date.month.\(parts.month ?? 1)")
        return words("date.format", .text(String(parts.day ?? 1)), .text(month), .text(String(parts.year ?? 2000)))
    }

    /// The last path component, so the report does not reveal the consultant's folders.
    public static func fileName(_ path: String) -> String { path.split(separator: "/").last.map(String.init) ?? path }

    static let stylesheet = """
    :root { --ink: #1d2733; --muted: #5f6b78; --line: #d5dbe1; --accent: #0b4f71; --bad: #a4262c; --good: #1e6b3a; --partial: #8a5a00; }
    * { box-sizing: border-box; }
    body { font: 10.5pt/1.5 "Segoe UI", "Helvetica Neue", Arial, sans-serif; color: var(--ink); max-width: 190mm; margin: 0 auto; padding: 10mm 6mm;
           overflow-wrap: break-word; hyphens: manual; }
    h1 { font-size: 21pt; margin: 0 0 1mm; color: var(--accent); font-weight: 600; }
    h2 { font-size: 13pt; margin: 8mm 0 3mm; color: var(--accent); border-bottom: 1px solid var(--line); padding-bottom: 1mm; font-weight: 600; }
    h3 { font-size: 11pt; margin: 0 0 2mm; }
    header { border-bottom: 3px solid var(--accent); padding-bottom: 3mm; }
    .meta { color: var(--muted); margin: 0; }
    .muted { color: var(--muted); font-weight: normal; }
    .findings { list-style: none; padding: 0; margin: 0; }
    .findings li { padding: 1mm 0 1mm 7mm; position: relative; }
    .findings li::before { position: absolute; left: 0; font-weight: 700; }
    .findings li.good::before { content: "✓"; color: var(--good); }
    .findings li.partial::before { content: "!"; color: var(--partial); }
    .findings li.bad::before { content: "✗"; color: var(--bad); }
    .findings li.bad { color: var(--bad); }
    .broken { color: var(--bad); border-left: 4px solid var(--bad); padding: 1mm 0 1mm 4mm; margin-top: 3mm; }
    .broken h3 { color: var(--bad); }
    table { border-collapse: collapse; width: 100%; }
    th, td { text-align: left; padding: 1mm 2mm; border-bottom: 1px solid var(--line); vertical-align: top; overflow-wrap: normal; word-break: normal; }
    th { font-weight: 600; font-size: 9pt; color: var(--muted); }
    tfoot td { font-weight: 600; border-bottom: none; }
    .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    ul.problems { color: var(--bad); }
    .cards { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 4mm; }
    .cards.wide { display: block; }
    .cards.wide .card { margin-bottom: 4mm; }
    .card { border: 1px solid var(--line); border-radius: 2px; padding: 3mm; break-inside: avoid; page-break-inside: avoid; overflow-x: auto; }
    .card.broken { border-color: var(--bad); border-left-width: 4px; color: var(--ink); margin: 0; }
    .card table { font-size: 8.5pt; }
    .card .id { color: var(--muted); font-size: 7.5pt; white-space: nowrap; }
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
    .appendix { margin-top: 12mm; border-top: 3px solid var(--line); }
    .appendix h3 { margin-top: 5mm; }
    dl { display: grid; grid-template-columns: 42mm minmax(0, 1fr); gap: 1mm 3mm; }
    dt { color: var(--muted); } dd { margin: 0; }
    code.command { font: 8.5pt/1.4 "DejaVu Sans Mono", Consolas, monospace; white-space: pre-wrap; word-break: normal; overflow-wrap: break-word; }
    table.overview td:first-child { white-space: nowrap; font-weight: 600; }
    table.overview { font-size: 9.5pt; }
    .confidential { border-left: 4px solid var(--partial); padding: 1mm 0 1mm 3mm; }
    .appendix h4 { font-size: 10pt; margin: 3mm 0 1mm; }
    @page { size: A4; margin: 12mm; }
    @page overview { size: A4 landscape; margin: 10mm; }
    @media print { body { padding: 0; max-width: none; } h2, h3 { break-after: avoid; } .appendix { break-before: page; border-top: none; margin-top: 0; }
                   section.overview { page: overview; break-before: page; break-after: page; } .card { overflow: visible; } }

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
