import Foundation
import SparringIO
import SparringModel
import SparringReport
import SparringServer

/// The workbench's HTTP routes: the page and its two files, the JSON API over a ``Workbench`` and the exports
/// (documented in `Documentation/Workbench.md`). Requests reach it only after the ``AccessGuard``.
///
/// Every answer to a change is the state document; every refusal is `{"error", "hint"}` in the session's
/// language with a 4xx status. Nothing the browser sends is ever used as a file path.
public struct WorkbenchAPI: Sendable {
    public let workbench: Workbench
    /// The access token, written into the page (`<meta name="sparring-token">`) that only token holders get,
    /// for its script to send as `X-Sparring-Token` (see ``AccessGuard``); nil: none.
    public let token: String?

    public init(_ workbench: Workbench, token: String? = nil) {
        self.workbench = workbench
        self.token = token
    }

    /// The paths a browser opens with the cookie: the page and its files (everything else needs the token in a header).
    public static let pagePaths: Set<String> = ["/", "/index.html", "/app.js", "/app.css", "/favicon.ico"]

    /// The server's refusals in the session's language.
    public var refusalTexts: RefusalTexts { Self.refusalTexts(workbench.setup.problem.words) }

    /// The server's refusals (`server.*` texts) in `words`' language.
    public static func refusalTexts(_ words: Words) -> RefusalTexts {
        let texts: [RefusalTexts.Reason: RefusalTexts.Text] = [
            .foreignHost: .init(words("server.foreignHost"), words("server.foreignHost.hint")),
            .noToken: .init(words("server.noToken"), words("server.noToken.hint")),
            .launchUsed: .init(words("server.launchUsed"), words("server.launchUsed.hint")),
            .headerNeeded: .init(words("server.headerNeeded"), words("server.headerNeeded.hint")),
            .foreignOrigin: .init(words("server.foreignOrigin"), words("server.foreignOrigin.hint")),
            .contentType: .init(words("server.contentType"), words("server.contentType.hint")),
            .preflight: .init(words("server.preflight"), words("server.preflight.hint")),
            .busy: .init(words("server.busy"), words("server.busy.hint")),
            .timeout: .init(words("server.timeout"), words("server.timeout.hint")),
        ]
        return RefusalTexts(language: words.language.rawValue, title: words("server.title"), texts: texts)
    }

    /// The handler for ``LoopbackServer``. Never throws, never crashes on any request.
    public var handler: LoopbackServer.Handler { { request in self.respond(to: request) } }

    public func respond(to request: HTTPRequest) -> HTTPResponse {
        let route = (request.method, request.path)
        do throws(Refusal) {
            switch route {
            case ("GET", "/"), ("GET", "/index.html"):
                // The token came in the address (the guard checked it): a cookie carries it from now on.
                let cookie = request.query["token"].map { [AccessGuard.cookieHeader(token: $0)] } ?? []
                return HTTPResponse(status: 200, contentType: "text/html; charset=utf-8", body: page, headers: cookie)
            case ("GET", "/app.js"): return HTTPResponse(status: 200, contentType: "text/javascript; charset=utf-8", body: PageAssets.script)
            case ("GET", "/app.css"): return HTTPResponse(status: 200, contentType: "text/css; charset=utf-8", body: PageAssets.style)
            case ("GET", "/favicon.ico"): return HTTPResponse(status: 204)
            case ("GET", "/api/roster"): return json(StateDocument.roster(workbench))
            case ("GET", "/api/state"): return state()
            case ("POST", "/api/move"):
                let body = try object(request)
                try workbench.move(leader: try text(body, "leader"), to: try text(body, "group"))
                return state()
            case ("POST", "/api/preview"):
                // What a move (leader, group) or a swap (a, b) would do, before it is made; nothing changes.
                let body = try object(request)
                let preview = body["a"] != nil ? try workbench.preview(swap: try text(body, "a"), try text(body, "b"))
                    : try workbench.preview(leader: try text(body, "leader"), to: try text(body, "group"))
                return json(StateDocument.preview(preview))
            case ("POST", "/api/swap"):
                let body = try object(request)
                try workbench.swap(try text(body, "a"), try text(body, "b"))
                return state()
            case ("POST", "/api/facilitator"):
                // A facilitator chosen by hand for a group; null or "" gives the group back to the assignment.
                let body = try object(request)
                let name: String?
                if case .null? = body["facilitator"] { name = nil } else { name = try text(body, "facilitator") }
                try workbench.chooseFacilitator(name, for: try text(body, "group"))
                return state()
            case ("POST", "/api/pin"):
                let body = try object(request)
                guard case .bool(let pinned)? = body["pinned"] else { throw bad("pinned") }
                try workbench.pin(try text(body, "leader"), pinned)
                return state()
            case ("POST", "/api/settings"):
                let body = try object(request)
                var typology: Typology?
                if let name = body["typology"] {
                    guard case .text(let name) = name, let chosen = Typology(name: name) else { throw bad("typology") }
                    typology = chosen
                }
                var controls: [String: Double?] = [:]
                if let given = body["controls"] {
                    guard case .object(let given) = given else { throw bad("controls") }
                    for (key, value) in given {
                        switch value {
                        case .null: controls[key] = .some(nil)
                        case .number(let number): controls[key] = number
                        default: throw bad(key)
                        }
                    }
                }
                try workbench.tune(typology: typology, controls: controls)
                return state()
            case ("POST", "/api/solve"), ("POST", "/api/fresh"):
                let body = try object(request, optional: true)
                var seconds: Double?
                if let value = body["seconds"] {
                    guard case .number(let number) = value, (0.1...3600).contains(number) else { throw bad("seconds") }
                    seconds = number
                }
                if route.1 == "/api/fresh" { try workbench.startAfresh(seconds: seconds) } else { try workbench.solve(seconds: seconds) }
                var answer = state()
                answer.status = 202
                return answer
            case ("POST", "/api/round"):
                // The plan's round to show, 1-based.
                let body = try object(request)
                guard case .number(let number)? = body["round"], number == number.rounded(), abs(number) < 1e6 else { throw bad("round") }
                try workbench.show(round: Int(number) - 1)
                return state()
            case ("POST", "/api/stop"):
                workbench.stop()
                return state()
            case ("POST", "/api/undo"):
                try workbench.undo()
                return state()
            case ("POST", "/api/redo"):
                try workbench.redo()
                return state()
            case ("POST", "/api/scenarios"):
                let body = try object(request, optional: true)
                guard case .text(let name)? = body["name"] ?? .text("") else { throw bad("name") }
                try workbench.keepScenario(named: name)
                return state()
            case ("POST", "/api/scenarios/load"):
                try workbench.loadScenario(try index(try object(request)))
                return state()
            case ("POST", "/api/scenarios/delete"):
                try workbench.deleteScenario(try index(try object(request)))
                return state()
            case ("GET", let path) where path.hasPrefix("/api/export/"):
                return try export(String(path.dropFirst("/api/export/".count)))
            default:
                let known = ["/", "/index.html", "/app.js", "/app.css", "/favicon.ico", "/api/roster", "/api/state"]
                let posts = ["/api/move", "/api/swap", "/api/round", "/api/facilitator", "/api/pin", "/api/settings", "/api/solve", "/api/fresh", "/api/stop", "/api/undo", "/api/redo",
                             "/api/scenarios", "/api/scenarios/load", "/api/scenarios/delete"]
                if known.contains(route.1) || route.1.hasPrefix("/api/export/") {
                    throw Refusal(405, Message("workbench.method", .text(route.0)), hint: Message("workbench.method.hint", .text("GET")))
                }
                if posts.contains(route.1) {
                    throw Refusal(405, Message("workbench.method", .text(route.0)), hint: Message("workbench.method.hint", .text("POST")))
                }
                throw Refusal(404, Message("workbench.notFound"), hint: Message("workbench.notFound.hint"))
            }
        } catch let refused {
            return refusal(refused)
        }
    }

    // MARK: - Answers

    /// The page, with the token in its `sparring-token` meta element.
    private var page: [UInt8] {
        guard let token else { return PageAssets.html }
        let html = String(decoding: PageAssets.html, as: UTF8.self)
        let safe = String(token.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_") })
        return Array(html.replacingOccurrences(of: "<meta name=\"sparring-token\" content=\"\">", with: "<meta name=\"sparring-token\" content=\"\(safe)\">").utf8)
    }

    private var words: Words { workbench.setup.problem.words }

    private func json(_ text: String, status: Int = 200) -> HTTPResponse {
        HTTPResponse(status: status, contentType: "application/json; charset=utf-8", body: Array(text.utf8))
    }

    private func state() -> HTTPResponse { json(StateDocument.state(workbench)) }

    private func refusal(_ refusal: Refusal) -> HTTPResponse {
        let messages = refusal.diagnostics.isEmpty ? [words.render(refusal.message)] : refusal.diagnostics.map { words.render($0.message) }
        var fields: [(String, JSONValue)] = [("error", .string(messages.joined(separator: "\n")))]
        fields.append(("hint", refusal.hint.map { .string(words.render($0)) } ?? .null))
        return json(JSONValue.object(fields).compact(), status: refusal.status)
    }

    // MARK: - Reading requests

    private func bad(_ field: String) -> Refusal {
        Refusal(400, Message("workbench.badRequest", .quoted(field)), hint: Message("workbench.badRequest.hint"))
    }

    /// The body as a JSON object; an empty body is an empty object when `optional`.
    private func object(_ request: HTTPRequest, optional: Bool = false) throws(Refusal) -> [String: JSONInput] {
        if request.body.isEmpty && optional { return [:] }
        guard let object = JSONInput.object(request.body) else { throw bad("JSON") }
        return object
    }

    private func text(_ body: [String: JSONInput], _ key: String) throws(Refusal) -> String {
        switch body[key] {
        case .text(let text)?: return text
        // Ids and labels may come as whole numbers from a script.
        case .number(let number)? where number == number.rounded() && abs(number) < 1e15: return String(Int64(number))
        default: throw bad(key)
        }
    }

    private func index(_ body: [String: JSONInput]) throws(Refusal) -> Int {
        guard case .number(let number)? = body["index"], number == number.rounded(), abs(number) < 1e9 else { throw bad("index") }
        return Int(number)
    }

    // MARK: - Exports

    /// The current grouping as a download: `csv`, `xlsx`, `report` or `scenario`.
    private func export(_ kind: String) throws(Refusal) -> HTTPResponse {
        let setup = workbench.setup
        let (outcome, arrangement, version) = workbench.read { ($0.scored.outcome, $0.current, $0.version) }
        let context = outcome.context, words = self.words
        let base = HTMLReport.fileName(setup.rosterPath).split(separator: ".").dropLast().joined(separator: ".")
        let stem = (base.isEmpty ? "sparring" : base) + "-"
        // The command that scores the exported grouping again (`score` takes its group count from the file).
        let ruleWords = ScenarioFile.ruleArguments(arrangement.rules, groups: nil)
        let assignments = stem + words("workbench.file.assignments") + ".csv"
        let source = HTMLReport.Source(roster: setup.rosterPath, isProposal: false,
                                       command: shellCommand(["sparring", "score", HTMLReport.fileName(setup.rosterPath), assignments] + ruleWords + setup.inputArguments),
                                       run: nil, date: HTMLReport.today(words))
        // Every export answers in full or not at all, so an export asked for is an export made.
        defer { if ["csv", "xlsx", "report", "scenario"].contains(kind) { workbench.markExported(version: version) } }
        switch kind {
        case "csv" where arrangement.roundCount > 1:
            // A plan: the roster's columns and one per round.
            let text = AssignmentWriter.renderPlan(roster: context.roster, groupings: arrangement.plan, labels: arrangement.labels, writer: setup.csv,
                                                   hiddenColumns: context.visibility.hiddenColumns, words: words)
            return download(Array(text.utf8), type: "text/csv; charset=utf-8", name: stem + words("workbench.file.plan") + ".csv")
        case "xlsx" where arrangement.roundCount > 1:
            let sheets = AssignmentWriter.planSheets(roster: context.roster, groupings: arrangement.plan, labels: arrangement.labels,
                                                     hiddenColumns: context.visibility.hiddenColumns, words: words)
            return download(Array(XLSXWriter.render(Workbook(sheets: sheets))),
                            type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name: stem + words("workbench.file.plan") + ".xlsx")
        case "csv":
            let text = AssignmentWriter.render(roster: context.roster, groups: context.groups, labels: context.labels, writer: setup.csv,
                                               hiddenColumns: context.visibility.hiddenColumns, words: words)
            return download(Array(text.utf8), type: "text/csv; charset=utf-8", name: assignments)
        case "xlsx":
            return download(Array(ResultWorkbook.render(context, source: source, first: .leaders)),
                            type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name: stem + words("workbench.file.assignments") + ".xlsx")
        case "report":
            // The report tells each leader's story (and who moved since --previous): explained in full here.
            let explanation = Explanation(context)
            return download(Array(HTMLReport.render(context, explanation: explanation, source: source).utf8),
                            type: "text/html; charset=utf-8", name: stem + words("workbench.file.report") + ".html")
        case "scenario":
            let file = ScenarioFile(name: stem.dropLast() + "", rosterPath: setup.rosterPath, arrangement: arrangement,
                                    roster: context.roster, inputArguments: setup.inputArguments)
            return download(Array(file.rendered().utf8), type: "application/json; charset=utf-8", name: stem + words("workbench.file.scenario") + ".json")
        default:
            throw Refusal(404, Message("workbench.notFound"), hint: Message("workbench.notFound.hint"))
        }
    }

    /// An attachment named `name`: an ASCII fallback name and the UTF-8 one (RFC 6266), so æ, ø and å survive.
    private func download(_ body: [UInt8], type: String, name: String) -> HTTPResponse {
        let ascii = String(name.unicodeScalars.map { $0.isASCII && $0 != "\"" && $0 != "\\" && $0.value >= 0x20 ? Character($0) : "_" })
        let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? ascii
        return HTTPResponse(status: 200, contentType: type, body: body,
                            headers: ["Content-Disposition: attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"])
    }
}
