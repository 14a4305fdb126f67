#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
@testable import SparringServer

struct RequestParserTests {
    func parse(_ text: String, limits: RequestLimits = RequestLimits()) -> RequestParser.Outcome {
        var parser = RequestParser(limits: limits)
        return parser.feed(Array(text.utf8))
    }

    @Test func aRequestWithQueryHeadersAndBody() throws {
        let outcome = parse("POST /api/move?token=a%20b&x=1+2&x=3 HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nContent-Length: 5\r\nX-Thing:  v \r\n\r\nhello")
        guard case .request(let request) = outcome else { Issue.record("got \(outcome)"); return }
        #expect(request.method == "POST")
        #expect(request.path == "/api/move")
        #expect(request.query == ["token": "a b", "x": "1 2"])
        #expect(request.header("HOST") == "127.0.0.1:8080")
        #expect(request.header("x-thing") == "v")
        #expect(request.body == Array("hello".utf8))
        #expect(!request.closesConnection)
    }

    @Test func bytesArrivingOneAtATimeGiveTheSameRequest() {
        let text = Array("GET /api/state HTTP/1.1\r\nHost: localhost:9\r\nContent-Length: 3\r\n\r\nabc".utf8)
        var parser = RequestParser()
        var outcomes: [RequestParser.Outcome] = []
        for byte in text { outcomes.append(parser.feed([byte])) }
        #expect(outcomes.dropLast().allSatisfy { $0 == .incomplete })
        #expect(outcomes.last == .request(HTTPRequest(method: "GET", path: "/api/state", headers: [("host", "localhost:9"), ("content-length", "3")],
                                                     body: Array("abc".utf8))))
    }

    @Test func pipelinedRequestsComeOneByOne() {
        var parser = RequestParser()
        let two = "GET /a HTTP/1.1\r\nHost: h\r\n\r\nGET /b HTTP/1.0\r\n\r\n"
        guard case .request(let first) = parser.feed(Array(two.utf8)), case .request(let second) = parser.feed([]) else {
            Issue.record("two requests expected"); return
        }
        #expect(first.path == "/a" && !first.closesConnection)
        #expect(second.path == "/b" && second.closesConnection)
        #expect(parser.feed([]) == .incomplete)
        #expect(parser.buffered == 0)
    }

    @Test func bareLineFeedsAndLeadingEmptyLinesAreAccepted() {
        guard case .request(let request) = parse("\r\n\nGET / HTTP/1.1\nHost: h\nConnection: keep-alive, close\n\n") else {
            Issue.record("request expected"); return
        }
        #expect(request.path == "/" && request.closesConnection)
    }

    @Test(arguments: [
        ("GARBAGE\r\n\r\n", 400),
        ("GET /\r\n\r\n", 400),
        ("GET  / HTTP/1.1\r\nHost: h\r\n\r\n", 400),
        ("G(T / HTTP/1.1\r\nHost: h\r\n\r\n", 400),
        ("GET http://evil/ HTTP/1.1\r\nHost: h\r\n\r\n", 400),
        ("GET * HTTP/1.1\r\nHost: h\r\n\r\n", 400),
        ("GET / HTTP/2.0\r\nHost: h\r\n\r\n", 505),
        ("GET / HTTX/1.1\r\nHost: h\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost : h\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost: h\r\n folded\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost: h\r\nNoColon\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost: h\rX: y\r\n\r\n", 400),
        ("GET /%zz HTTP/1.1\r\nHost: h\r\n\r\n", 400),
        ("GET /%00 HTTP/1.1\r\nHost: h\r\n\r\n", 400),
        ("GET /%ff HTTP/1.1\r\nHost: h\r\n\r\n", 400),
        ("GET /?a=%4 HTTP/1.1\r\nHost: h\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: -1\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 1x\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd", 400),
        ("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 99999999999999999999\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 2000000\r\n\r\n", 413),
        ("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 501),
    ])
    func malformedRequestsAreRefusedWithAStatus(text: String, status: Int) {
        guard case .failure(let got, let reason) = parse(text) else { Issue.record("\(text.debugDescription): not refused"); return }
        #expect(got == status, "\(text.debugDescription): \(reason)")
        #expect(!reason.isEmpty)
    }

    @Test func oversizedHeadersAreRefusedBeforeTheyAreBuffered() {
        var limits = RequestLimits()
        limits.headerBytes = 1024
        var parser = RequestParser(limits: limits)
        #expect(parser.feed(Array("GET / HTTP/1.1\r\nHost: h\r\n".utf8)) == .incomplete)
        let outcome = parser.feed([UInt8](repeating: UInt8(ascii: "a"), count: 2000))
        guard case .failure(let status, _) = outcome else { Issue.record("not refused"); return }
        #expect(status == 431)
        let many = "GET / HTTP/1.1\r\nHost: h\r\n" + (0..<100).map { "X-\($0): y\r\n" }.joined() + "\r\n"
        guard case .failure(let count, _) = self.parse(many) else { Issue.record("not refused"); return }
        #expect(count == 431)
    }

    @Test func randomBytesNeverCrashTheParser() {
        var seed: UInt64 = 0x1234_5678
        func next() -> UInt64 { seed = seed &* 6364136223846793005 &+ 1442695040888963407; return seed >> 33 }
        let alphabet = Array("GET POST / HTTP/1.1\r\n:Host%0a?=&+ \t\0\u{7f}é".utf8)
        for _ in 0..<3000 {
            var parser = RequestParser()
            let bytes = (0..<Int(next() % 200)).map { _ in next() % 4 == 0 ? UInt8(truncatingIfNeeded: next()) : alphabet[Int(next() % UInt64(alphabet.count))] }
            _ = parser.feed(bytes)
            _ = parser.feed([13, 10, 13, 10])
        }
    }
}

struct AccessGuardTests {
    let guardian = AccessGuard(port: 8123, token: "secret-token")

    func request(host: String?, method: String = "GET", path: String = "/api/state", query: [String: String] = [:], headers: [(String, String)] = []) -> HTTPRequest {
        HTTPRequest(method: method, path: path, query: query,
                    headers: (host.map { [("host", $0)] } ?? []) + headers.map { ($0.0.lowercased(), $0.1) })
    }

    @Test func theAPINeedsTheTokenInAHeaderAndThePageMayUseTheQueryOrTheCookie() {
        #expect(guardian.refusal(for: request(host: "localhost:8123", headers: [("Authorization", "Bearer secret-token")])) == nil)
        #expect(guardian.refusal(for: request(host: "127.0.0.1:8123", headers: [("X-Sparring-Token", "secret-token")])) == nil)
        // The cookie or the query token alone opens the page, not the API (another loopback port gets the cookie sent).
        #expect(guardian.refusal(for: request(host: "[::1]:8123", headers: [("Cookie", "a=b; sparring_token=secret-token")]))?.status == 403)
        #expect(guardian.refusal(for: request(host: "127.0.0.1:8123", query: ["token": "secret-token"]))?.status == 403)
        #expect(guardian.refusal(for: request(host: "[::1]:8123", path: "/", headers: [("Cookie", "a=b; sparring_token=secret-token")])) == nil)
        #expect(guardian.refusal(for: request(host: "127.0.0.1:8123", path: "/", query: ["token": "secret-token"])) == nil)
    }

    @Test func aChangeMustComeFromThePageItselfAsJSON() {
        let token = ("X-Sparring-Token", "secret-token"), json = ("Content-Type", "application/json; charset=utf-8")
        func post(_ headers: [(String, String)]) -> Int? {
            guardian.refusal(for: request(host: "127.0.0.1:8123", method: "POST", path: "/api/move", headers: headers))?.status
        }
        #expect(post([token, json]) == nil)  // a script: no Origin
        #expect(post([token, json, ("Origin", "http://127.0.0.1:8123"), ("Sec-Fetch-Site", "same-origin")]) == nil)
        #expect(post([token, json, ("Origin", "http://localhost:8123")]) == nil)
        #expect(post([token, json, ("Origin", "http://127.0.0.1:8081")]) == 403)
        #expect(post([token, json, ("Origin", "null")]) == 403)
        #expect(post([token, json, ("Sec-Fetch-Site", "same-site")]) == 403)
        #expect(post([token, ("Content-Type", "text/plain")]) == 415)
        #expect(post([token, ("Content-Type", "application/x-www-form-urlencoded")]) == 415)
        #expect(post([token]) == 415)
        #expect(post([json, ("Cookie", "sparring_token=secret-token"), ("Origin", "http://127.0.0.1:8123")]) == 403)
        #expect(guardian.refusal(for: request(host: "127.0.0.1:8123", method: "OPTIONS", path: "/api/move", headers: [token]))?.status == 405)
    }

    @Test func aLaunchCodeOpensThePageOnceAndExpires() {
        let code = guardian.launchCodes.issue()
        #expect(!code.contains("secret-token"))
        let first = guardian.refusal(for: request(host: "127.0.0.1:8123", path: "/", query: ["launch": code]))
        #expect(first?.status == 303)
        #expect(first?.headers.contains("Location: /") == true)
        #expect(first?.headers.contains(AccessGuard.cookieHeader(token: "secret-token")) == true)
        #expect(guardian.refusal(for: request(host: "127.0.0.1:8123", path: "/", query: ["launch": code]))?.status == 403)
        #expect(guardian.refusal(for: request(host: "127.0.0.1:8123", path: "/", query: ["launch": "made-up"]))?.status == 403)
        // Opened again by the browser that used it (it holds the cookie): to the page, without a new cookie.
        let back = guardian.refusal(for: request(host: "127.0.0.1:8123", path: "/", query: ["launch": code], headers: [("Cookie", "sparring_token=secret-token")]))
        #expect(back?.status == 303 && back?.headers == ["Location: /"])
        #expect(guardian.refusal(for: request(host: "127.0.0.1:8123", path: "/", query: ["launch": code], headers: [("Cookie", "sparring_token=old")]))?.status == 403)
        let time = ManualTime()
        let brief = AccessGuard(port: 8123, token: "secret-token", launchCodes: LaunchCodes(lifetime: 0.2, clock: .manual(time)))
        let late = brief.launchCodes.issue()
        time.advance(seconds: 0.3)
        #expect(brief.refusal(for: request(host: "127.0.0.1:8123", path: "/", query: ["launch": late]))?.status == 403)
    }

    @Test func refusalsAreInTheGivenLanguage() {
        let danish = RefusalTexts(language: "da", title: "Sparring-arbejdsbord", texts: [.noToken: .init("Denne adresse åbner ikke <arbejdsbordet>", "Åbn den nye adresse")])
        let guardian = AccessGuard(port: 8123, token: "secret-token", texts: danish)
        let page = guardian.refusal(for: request(host: "127.0.0.1:8123", path: "/", headers: [("Cookie", "sparring_token=old")]))
        #expect(page?.status == 403)
        let html = String(decoding: page?.body ?? [], as: UTF8.self)
        #expect(html.contains("lang=\"da\"") && html.contains("&lt;arbejdsbordet&gt;") && html.contains("Åbn den nye adresse"), "\(html)")
        let api = guardian.refusal(for: request(host: "127.0.0.1:8123", headers: [("X-Sparring-Token", "old")]))
        #expect(api?.contentType.hasPrefix("application/json") == true)
        let json = String(decoding: api?.body ?? [], as: UTF8.self)
        #expect(json.contains("\"error\":\"Denne adresse"), "\(json)")
    }

    @Test func aForeignHostIsRefusedEvenWithTheToken() {
        for host in ["evil.example:8123", "127.0.0.1:80", "127.0.0.1", "localhost.evil.example:8123", "127.0.0.2:8123"] {
            #expect(guardian.refusal(for: request(host: host, headers: [("X-Sparring-Token", "secret-token")]))?.status == 403, "\(host)")
        }
        #expect(guardian.refusal(for: request(host: nil, headers: [("X-Sparring-Token", "secret-token")]))?.status == 403)
    }

    @Test func tokensAreRandomPerStart() {
        let a = AccessGuard(port: 1), b = AccessGuard(port: 1)
        #expect(a.token.count == 64 && a.token != b.token)
        #expect(a.token.allSatisfy { $0.isHexDigit })
    }

    @Test func responsesCarryNoCORSAndForbidCaching() {
        let bytes = HTTPResponse(status: 200, text: "ok").serialized(closing: true)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(text.contains("Content-Length: 3\r\n") && text.contains("Cache-Control: no-store\r\n") && text.contains("Connection: close\r\n"))
        #expect(!text.lowercased().contains("access-control-"))
    }
}
