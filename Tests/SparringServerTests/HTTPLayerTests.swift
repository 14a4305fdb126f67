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

    func request(host: String?, query: [String: String] = [:], headers: [(String, String)] = []) -> HTTPRequest {
        HTTPRequest(method: "GET", path: "/api/state", query: query,
                    headers: (host.map { [("host", $0)] } ?? []) + headers.map { ($0.0.lowercased(), $0.1) })
    }

    @Test func theTokenMayComeAsQueryBearerOrCookie() {
        #expect(guardian.refusal(for: request(host: "127.0.0.1:8123", query: ["token": "secret-token"])) == nil)
        #expect(guardian.refusal(for: request(host: "localhost:8123", headers: [("Authorization", "Bearer secret-token")])) == nil)
        #expect(guardian.refusal(for: request(host: "[::1]:8123", headers: [("Cookie", "a=b; sparring_token=secret-token")])) == nil)
    }

    @Test func noOrWrongTokenIsForbidden() {
        #expect(guardian.refusal(for: request(host: "127.0.0.1:8123"))?.status == 403)
        #expect(guardian.refusal(for: request(host: "127.0.0.1:8123", query: ["token": "secret-tokeN"]))?.status == 403)
        #expect(guardian.refusal(for: request(host: "127.0.0.1:8123", headers: [("Authorization", "Basic secret-token")]))?.status == 403)
        #expect(guardian.refusal(for: request(host: "127.0.0.1:8123", headers: [("Cookie", "sparring_token=")]))?.status == 403)
    }

    @Test func aForeignHostIsRefusedEvenWithTheToken() {
        for host in ["evil.example:8123", "127.0.0.1:80", "127.0.0.1", "localhost.evil.example:8123", "127.0.0.2:8123"] {
            #expect(guardian.refusal(for: request(host: host, query: ["token": "secret-token"]))?.status == 403, "\(host)")
        }
        #expect(guardian.refusal(for: request(host: nil, query: ["token": "secret-token"]))?.status == 403)
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
