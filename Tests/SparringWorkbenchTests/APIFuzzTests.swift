import Foundation
import Testing
import SparringModel
import SparringServer
import SparringTestSupport
import SparringWorkbench

/// A workbench served in process by a real ``LoopbackServer`` (guard, poll loop, workers) and called over a
/// keep-alive socket with the token in its header, as the page calls it.
final class SocketBench {
    let bench: Bench
    let server: LoopbackServer
    let token: String
    private var connection: RawConnection?

    init(_ bench: Bench) throws {
        self.bench = bench
        token = AccessGuard.newToken()
        let api = WorkbenchAPI(bench.workbench, token: token)
        server = try LoopbackServer(token: token, pagePaths: WorkbenchAPI.pagePaths, refusals: api.refusalTexts, handler: api.handler)
    }

    deinit { server.stop() }

    /// One request with the token, `Origin` of the page and a JSON body; nil when no answer came.
    func call(_ method: String, _ path: String, body: String? = nil) -> RawAnswer? {
        let bytes = Array((body ?? "").utf8)
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(server.port)\r\nX-Sparring-Token: \(token)\r\n"
        if method != "GET" {
            head += "Origin: http://127.0.0.1:\(server.port)\r\nContent-Type: application/json\r\nContent-Length: \(bytes.count)\r\n"
        }
        let raw = Array((head + "\r\n").utf8) + bytes
        for attempt in 0..<2 {
            let reused = connection != nil
            if connection == nil { connection = RawConnection(address: UInt32(0x7F00_0001).bigEndian, port: server.port) }
            guard let open = connection else { return nil }
            open.write(raw)
            if let answer = open.readAnswer() {
                if answer.header("Connection")?.lowercased() == "close" { connection = nil }
                return answer
            }
            connection = nil
            // A kept-alive connection the server had closed: once more on a new one.
            if !reused || attempt == 1 { return nil }
        }
        return nil
    }

    func json(_ answer: RawAnswer?) -> [String: Any] {
        guard let answer else { return [:] }
        return (try? JSONSerialization.jsonObject(with: Data(answer.body))) as? [String: Any] ?? [:]
    }
}

/// The fuzz run of issue 23: thousands of requests with random JSON of every type and magnitude for every field
/// of every endpoint. The server never dies and never answers 5xx; every refusal is a 4xx with an `error` in the
/// session's language; and the state stays consistent — every leader in exactly one group, and `hard` equal to
/// what `sparring score` (the same engine) gives for the exported CSV under the exported settings.
@Suite(.serialized)
struct APIFuzzTests {
    /// A bench with every kind of control the small Danish roster can have.
    static func richBench() throws -> Bench {
        var settings = RuleSettings(typology: .broad)
        settings.atLeast = [AtLeastSetting(attribute: "køn", condition: .equals("kvinde"), count: 1)]
        settings.atMost = [AtMostSetting(attribute: "fagområde", count: 4)]
        settings.atMostWeight = 3
        settings.meet = "distrikt"
        settings.meetWeight = 1
        settings.balance = [BalanceSetting(attribute: "anciennitet")]
        return try Bench("small-danish.csv", settings: settings)
    }

    static let numbers = ["0", "-0", "1", "-1", "0.5", "2", "5", "-5", "5.0000001", "-5.0000001", "6", "3.7", "-2.5", "1e19", "-1e19",
                          "9.3e18", "-9.3e18", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
                          "123456789012345678901234567890", "1e308", "-1e308", "1.7976931348623157e308", "1e-308", "4.9e-324",
                          "1e15", "1e16", "-1e15", "0.1", "0.09", "3600", "3600.5", "1E2", "2.5e-3", "-0.0", "1e400", "0.30000000000000004"]
    static let strings = ["", "x", "1", "-1", "1e19", "Ærø ✓", "<script>alert(1)</script>", "null", "true", "local", "lokal", "broad",
                          "weight:køn", "\\u0000", "\\ud800", String(repeating: "å", count: 2000), "../../etc/passwd", "=HYPERLINK(\\\"x\\\")"]

    struct Fuzzer {
        var random: SeededGenerator
        let ids: [String]
        var labels: [String]
        var controls: [String]

        mutating func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }
        mutating func chance(_ p: Double) -> Bool { Double(random.next() % 1_000_000) / 1_000_000 < p }

        mutating func number() -> String {
            if chance(0.7) { return pick(APIFuzzTests.numbers) }
            let magnitude = pow(10, Double(Int(random.next() % 40)) - 10)
            let value = (Double(random.next() % 2_000_001) / 1_000_000 - 1) * magnitude
            return "\(value)"
        }

        mutating func string() -> String { "\"" + (chance(0.5) ? pick(APIFuzzTests.strings) : pick(ids + labels + controls)) + "\"" }

        /// Any JSON value, nested up to `depth`.
        mutating func value(depth: Int = 2) -> String {
            switch random.next() % 10 {
            case 0: return "null"
            case 1: return chance(0.5) ? "true" : "false"
            case 2, 3, 4: return number()
            case 5, 6: return string()
            case 7 where depth > 0: return "[" + (0..<Int(random.next() % 4)).map { _ in value(depth: depth - 1) }.joined(separator: ",") + "]"
            case 8 where depth > 0:
                return "{" + (0..<Int(random.next() % 4)).map { _ in "\"\(pick(["a", "leader", "group", "x", "seconds"]))\":\(value(depth: depth - 1))" }.joined(separator: ",") + "}"
            default: return "\"\(pick(ids))\""
            }
        }

        /// A value for `field`: often a plausible one, else anything.
        mutating func field(_ field: String) -> String {
            guard chance(0.45) else { return value() }
            switch field {
            case "leader", "a", "b": return chance(0.8) ? "\"\(pick(ids))\"" : pick(ids)
            case "group": return chance(0.8) ? "\"\(pick(labels))\"" : pick(labels)
            case "pinned": return chance(0.5) ? "true" : "false"
            case "typology": return "\"\(pick(["local", "cross", "sector", "broad", "lokal", "brede", "none"]))\""
            case "seconds": return pick(["0.1", "0.2", "0.15", "0.05", "3601"])
            case "index": return String(random.next() % 6)
            case "name": return string()
            case "controls":
                var members: [String] = []
                for _ in 0..<Int(1 + random.next() % 3) {
                    let key = chance(0.85) ? pick(controls) : pick(["weight:nope", "", "wishes ", "lone:anciennitet", "history", "stability", "together"])
                    let value = chance(0.5) ? pick(["-5", "-2", "0", "1.5", "3", "5", "null"]) : self.value()
                    members.append("\"\(key)\":\(value)")
                }
                return "{" + members.joined(separator: ",") + "}"
            default: return value()
            }
        }

        /// A body for an endpoint with `fields`: each field present or missing, sometimes an unknown one, and
        /// now and then no object at all.
        mutating func body(_ fields: [String]) -> String {
            switch random.next() % 40 {
            case 0: return pick(["", "{", "[1,2]", "42", "\"text\"", "null", "{\"a\":}", "{}}", "\u{FF}\u{FE}", "{\"leader\": \"1\", \"leader\": 2}",
                                 "{\"controls\":" + String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000) + "}",
                                 String(repeating: "{\"a\":", count: 3000) + "1" + String(repeating: "}", count: 3000), "NaN", "{\"seconds\": NaN}",
                                 "{\"seconds\": Infinity}", "{\"index\": -}", "{\"index\": 1e}"])
            case 1: return "[" + value() + "]"
            default: break
            }
            var members: [String] = []
            for name in fields where chance(0.85) { members.append("\"\(name)\":\(field(name))") }
            if chance(0.1) { members.append("\"\(pick(["extra", "token", "__proto__", "constructor"]))\":\(value())") }
            return "{" + members.joined(separator: ",") + "}"
        }
    }

    static let endpoints: [(path: String, fields: [String], weight: Int)] = [
        ("/api/move", ["leader", "group"], 6), ("/api/swap", ["a", "b"], 5), ("/api/pin", ["leader", "pinned"], 3),
        ("/api/settings", ["typology", "controls"], 6), ("/api/solve", ["seconds"], 1), ("/api/stop", [], 1),
        ("/api/undo", [], 2), ("/api/redo", [], 2), ("/api/scenarios", ["name"], 1), ("/api/scenarios/load", ["index"], 2),
        ("/api/scenarios/delete", ["index"], 1),
    ]

    @Test func thousandsOfRandomRequestsNeverCrashTheServerAndKeepTheStateConsistent() throws {
        let served = try SocketBench(try Self.richBench())
        let roster = served.bench.roster
        let initial = served.json(served.call("GET", "/api/state"))
        let controls = ((initial["settings"] as? [String: Any])?["controls"] as? [[String: Any]] ?? []).compactMap { $0["key"] as? String }
        #expect(Set(["wishes", "pure", "atLeast", "atMost", "meet"]).isSubset(of: controls), "\(controls)")
        #expect(controls.contains { $0.hasPrefix("balance:") } && controls.contains { $0.hasPrefix("lone:") }, "\(controls)")
        var fuzzer = Fuzzer(random: SeededGenerator(seed: 23), ids: roster.ids, labels: Bench.groups(initial).map { $0["label"] as! String }, controls: controls)
        let weighted = Self.endpoints.flatMap { endpoint in [(String, [String])](repeating: (endpoint.path, endpoint.fields), count: endpoint.weight) }
        let exports = ["/api/state", "/api/roster", "/api/export/csv", "/api/export/scenario", "/api/export/xlsx", "/api/export/report", "/api/export/nothing"]

        let requests = 5000
        var statuses: [Int: Int] = [:]
        for k in 1...requests {
            let answer: RawAnswer?
            let described: String
            if fuzzer.chance(0.08) {
                let path = fuzzer.pick(exports)
                answer = served.call("GET", path)
                described = "GET \(path)"
            } else {
                let (path, fields) = fuzzer.pick(weighted)
                let body = fuzzer.body(fields)
                answer = served.call("POST", path, body: body)
                described = "POST \(path) \(body.prefix(300))"
                if answer?.status == 202 && fuzzer.chance(0.8) { _ = served.call("POST", "/api/stop", body: "{}") }
            }
            guard let answer else {
                Issue.record("no answer to #\(k) \(described)")
                break
            }
            statuses[answer.status, default: 0] += 1
            #expect([200, 202].contains(answer.status) || (400..<500).contains(answer.status), "\(answer.status) to \(described): \(answer.text.prefix(300))")
            if answer.status >= 400 && !described.contains("/api/export/xlsx") {
                let error = served.json(answer)["error"] as? String
                #expect(error?.isEmpty == false, "\(answer.status) without an error to \(described): \(answer.text.prefix(300))")
                #expect(error.map { !$0.contains("workbench.") && !$0.contains("server.") } ?? true, "an untranslated text: \(error ?? "")")
            }
            if answer.status == 200, described.hasPrefix("POST") {
                // Labels may change (a search renumbers): keep the fuzzer's up to date.
                let labels = Bench.groups(served.json(answer)).compactMap { $0["label"] as? String }
                if !labels.isEmpty { fuzzer.labels = labels }
            }
            if k % 1000 == 0 || k == requests { try Self.expectConsistent(served, step: k) }
        }
        print("API fuzz: \(requests) requests, answers by status: \(statuses.sorted { $0.key < $1.key })")
        // Many kinds of answer were given, changes among them.
        #expect((statuses[200] ?? 0) > requests / 10, "\(statuses)")
        #expect((statuses[400] ?? 0) > requests / 10, "\(statuses)")
        #expect(statuses.keys.allSatisfy { $0 < 500 }, "\(statuses)")
    }

    /// Every leader in exactly one group, and the page's `hard` equal to `sparring score`'s for the exported
    /// CSV under the exported scenario's rules.
    static func expectConsistent(_ served: SocketBench, step: Int) throws {
        served.bench.workbench.stop()
        served.bench.workbench.waitForSearch()
        let state = served.json(served.call("GET", "/api/state"))
        let members = Bench.groups(state).flatMap { $0["members"] as! [String] }
        #expect(members.sorted() == served.bench.roster.ids.sorted(), "after \(step) requests: a leader is missing or twice")
        let hard = Bench.hard(state)

        let folder = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let csv = try #require(served.call("GET", "/api/export/csv"))
        let scenario = try #require(served.call("GET", "/api/export/scenario"))
        #expect(csv.status == 200 && scenario.status == 200)
        try Data(csv.body).write(to: URL(fileURLWithPath: folder + "/grouping.csv"))
        var options = (served.json(scenario)["options"] as? [String]) ?? []
        if let at = options.firstIndex(of: "--groups") { options.removeSubrange(at...(at + 1)) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try SparringBinary.path())
        process.arguments = ["score", Fixtures.path("small-danish.csv"), folder + "/grouping.csv"] + options
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let scored = text.split(separator: "\n").first { $0.hasPrefix("hard: ") }.flatMap { Int($0.dropFirst(6)) }
        #expect(scored == hard, "after \(step) requests: the page says hard \(hard), sparring score \(options) says \(scored.map(String.init) ?? "nothing"):\n\(text.prefix(500))")
    }

    /// Issue 23's crash: each numeric field with a value the command line refuses answers 400 with a message,
    /// and the server keeps serving.
    @Test func hugeAndOutOfRangeNumbersInEveryNumericFieldAnswer400() throws {
        let served = try SocketBench(try Self.richBench())
        let state = served.json(served.call("GET", "/api/state"))
        let version = state["version"] as! Int
        let controls = ((state["settings"] as! [String: Any])["controls"] as! [[String: Any]]).map { $0["key"] as! String }
        let bad = ["1e19", "9.3e18", "-9.3e18", "1e308", "-1e308", "9223372036854775808", "123456789012345678901234567890", "5.5", "-5.5"]
        let leader = served.bench.roster.ids[0], label = Bench.groups(state)[1]["label"] as! String
        var cases: [(String, String)] = []
        for value in bad {
            for key in controls { cases.append(("/api/settings", "{\"controls\":{\"\(key)\":\(value)}}")) }
            if !["5.5", "-5.5"].contains(value) { cases.append(("/api/solve", "{\"seconds\":\(value)}")) }
            cases.append(("/api/scenarios/load", "{\"index\":\(value)}"))
            cases.append(("/api/scenarios/delete", "{\"index\":\(value)}"))
            cases.append(("/api/move", "{\"leader\":\(value),\"group\":\"\(label)\"}"))
            cases.append(("/api/move", "{\"leader\":\"\(leader)\",\"group\":\(value)}"))
            cases.append(("/api/swap", "{\"a\":\(value),\"b\":\"\(leader)\"}"))
            cases.append(("/api/pin", "{\"leader\":\(value),\"pinned\":true}"))
        }
        cases += ["0.05", "0", "-1", "3600.5"].map { ("/api/solve", "{\"seconds\":\($0)}") }
        for (path, body) in cases {
            let answer = try #require(served.call("POST", path, body: body), "no answer to \(path) \(body)")
            // An id or label given as a number names nobody (404) unless it is refused as a number (400).
            let allowed = path == "/api/move" || path == "/api/swap" || path == "/api/pin" ? [400, 404] : [400]
            #expect(allowed.contains(answer.status), "\(answer.status) to \(path) \(body): \(answer.text)")
            let error = served.json(answer)["error"] as? String ?? ""
            #expect(!error.isEmpty, "\(path) \(body)")
        }
        // The Danish roster's words, and the value named.
        let answer = try #require(served.call("POST", "/api/settings", body: "{\"controls\":{\"wishes\":1e19}}"))
        #expect(answer.status == 400)
        #expect((served.json(answer)["error"] as? String)?.contains("skal være et tal fra 0 til 5") == true, "\(answer.text)")
        let after = served.json(served.call("GET", "/api/state"))
        #expect(after["version"] as? Int == version, "a refused value changed the state")
    }
}

/// The server's refusals come in the session's language, every reason with its own words.
@Suite struct RefusalTextTests {
    @Test func everyRefusalHasDanishAndEnglishWords() {
        let danish = WorkbenchAPI.refusalTexts(Words(.da)), english = WorkbenchAPI.refusalTexts(Words(.en))
        #expect(danish.language == "da" && english.language == "en")
        for reason in RefusalTexts.Reason.allCases {
            let da = danish.text(reason), en = english.text(reason)
            #expect(!da.message.isEmpty && !da.hint.isEmpty && da.message != en.message, "\(reason)")
        }
    }
}
