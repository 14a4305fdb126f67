#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Testing
@testable import SparringServer

/// Real sockets against a real server on an ephemeral loopback port.
@Suite(.serialized)
struct LoopbackServerTests {
    static func echo(_ request: HTTPRequest) -> HTTPResponse {
        HTTPResponse(status: 200, text: "\(request.method) \(request.path) \(request.body.count)")
    }

    /// A raw client connection.
    final class Client {
        let socket: Int32
        /// Bytes received after the last response read (a pipelined answer may arrive with the one before).
        var received: [UInt8] = []
        init?(port: Int) {
            #if canImport(Glibc)
            let socketType = Int32(SOCK_STREAM.rawValue)
            #else
            let socketType = SOCK_STREAM
            #endif
            socket = Glibc.socket(AF_INET, socketType, 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = in_addr_t(UInt32(0x7F00_0001).bigEndian)
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            var timeout = timeval(tv_sec: 5, tv_usec: 0)
            setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            if connected != 0 { close(socket); return nil }
        }
        deinit { close(socket) }

        func write(_ text: String) { _ = Array(text.utf8).withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) } }
        func write(_ bytes: [UInt8]) { _ = bytes.withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) } }

        /// Reads one response (by its Content-Length), or nil when the server closed without one.
        func readResponse() -> (status: Int, body: String, closing: Bool)? {
            var bytes = received
            var chunk = [UInt8](repeating: 0, count: 4096)
            while true {
                if let end = bytes.indices.dropLast(3).first(where: { bytes[$0] == 13 && bytes[$0 + 1] == 10 && bytes[$0 + 2] == 13 && bytes[$0 + 3] == 10 }) {
                    let head = String(decoding: bytes[0..<end], as: UTF8.self)
                    let length = head.split(separator: "\r\n").first { $0.hasPrefix("Content-Length: ") }.flatMap { Int($0.dropFirst(16)) } ?? 0
                    if bytes.count >= end + 4 + length {
                        received = Array(bytes[(end + 4 + length)...])
                        let status = Int(head.split(separator: " ")[1]) ?? 0
                        return (status, String(decoding: bytes[(end + 4)..<(end + 4 + length)], as: UTF8.self), head.contains("Connection: close"))
                    }
                }
                let count = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
                if count <= 0 { return nil }
                bytes += chunk[0..<count]
            }
        }

        /// Whether bytes (or the end of the connection) arrive within `seconds`, without reading them.
        func hasData(withinSeconds seconds: Double) -> Bool {
            var entry = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            return poll(&entry, 1, Int32(seconds * 1000)) > 0
        }

        /// Whether the server has closed the connection (a read returns end of file).
        func isClosedByServer() -> Bool {
            var byte: UInt8 = 0
            return recv(socket, &byte, 1, 0) == 0
        }
    }

    func get(_ server: LoopbackServer, _ path: String, host: String? = nil, token: String? = "t") -> (status: Int, body: String, closing: Bool)? {
        guard let client = Client(port: server.port) else { return nil }
        client.write("GET \(path) HTTP/1.1\r\nHost: \(host ?? "127.0.0.1:\(server.port)")\r\n" + (token.map { "X-Sparring-Token: \($0)\r\n" } ?? "") + "\r\n")
        return client.readResponse()
    }

    @Test func answersOnlyWithTheTokenAndTheLoopbackHost() throws {
        let server = try LoopbackServer(token: "t0k3n", handler: Self.echo)
        defer { server.stop() }
        #expect(server.url == "http://127.0.0.1:\(server.port)/?token=t0k3n")
        #expect(get(server, "/api/state", token: nil)?.status == 403)
        #expect(get(server, "/api/state", token: "wrong")?.status == 403)
        #expect(get(server, "/api/state", host: "attacker.example:\(server.port)", token: "t0k3n")?.status == 403)
        let good = get(server, "/api/state", token: "t0k3n")
        #expect(good?.status == 200 && good?.body == "GET /api/state 0\n")
        #expect(get(server, "/api/state", host: "localhost:\(server.port)", token: "t0k3n")?.status == 200)
        // The query token opens the page, not the API.
        #expect(get(server, "/?token=t0k3n", token: nil)?.status == 200)
        #expect(get(server, "/api/state?token=t0k3n", token: nil)?.status == 403)
    }

    @Test func malformedAndOversizedRequestsGet4xxAndTheServerKeepsServing() throws {
        var limits = RequestLimits()
        limits.headerBytes = 2048
        limits.bodyBytes = 100
        let server = try LoopbackServer(token: "t", limits: limits, handler: Self.echo)
        defer { server.stop() }
        let cases: [(String, Int)] = [
            ("NOT HTTP AT ALL\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\nHost: 127.0.0.1:\(server.port)\r\nX: " + String(repeating: "a", count: 5000) + "\r\n\r\n", 431),
            ("POST /x HTTP/1.1\r\nHost: 127.0.0.1:\(server.port)\r\nX-Sparring-Token: t\r\nContent-Length: 101\r\n\r\n", 413),
            ("GET / HTTP/1.1\r\nHost: 127.0.0.1:\(server.port)\r\nTransfer-Encoding: chunked\r\n\r\n", 501),
            ("GET / HTTP/3.0\r\nHost: 127.0.0.1:\(server.port)\r\n\r\n", 505),
        ]
        for (text, status) in cases {
            let client = try #require(Client(port: server.port))
            client.write(text)
            let response = client.readResponse()
            #expect(response?.status == status, "\(text.prefix(40).debugDescription)")
            #expect(response?.closing == true)
            #expect(client.isClosedByServer())
        }
        let client = try #require(Client(port: server.port))
        client.write([0, 255, 13, 10, 13, 10])
        #expect(client.readResponse()?.status == 400)
        #expect(get(server, "/ok")?.status == 200)
    }

    @Test func aRequestWithoutTheTokenIsRefusedBeforeItsBodyIsRead() throws {
        let server = try LoopbackServer(token: "t", handler: Self.echo)
        defer { server.stop() }
        let client = try #require(Client(port: server.port))
        // Only the head of a 1 MB body: the refusal comes at once, not after a deadline.
        client.write("POST /api/move HTTP/1.1\r\nHost: 127.0.0.1:\(server.port)\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n{")
        let started = DispatchTime.now()
        #expect(client.readResponse()?.status == 403)
        #expect(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds < 1_000_000_000)
    }

    @Test func keepAliveServesSeveralRequestsOnOneConnection() throws {
        let server = try LoopbackServer(token: "t", handler: Self.echo)
        defer { server.stop() }
        let client = try #require(Client(port: server.port))
        let host = "Host: 127.0.0.1:\(server.port)\r\nX-Sparring-Token: t\r\n"
        client.write("GET /a HTTP/1.1\r\n\(host)\r\nPOST /b HTTP/1.1\r\n\(host)Content-Type: application/json\r\nContent-Length: 4\r\n\r\nabcd")
        #expect(client.readResponse()?.body == "GET /a 0\n")
        #expect(client.readResponse()?.body == "POST /b 4\n")
        client.write("GET /c HTTP/1.1\r\n\(host)Connection: close\r\n\r\n")
        let last = client.readResponse()
        #expect(last?.body == "GET /c 0\n" && last?.closing == true)
        #expect(client.isClosedByServer())
    }

    @Test func aSlowClientIsDroppedWhileOthersAreServed() throws {
        let time = ManualTime()
        let server = try LoopbackServer(token: "t", requestSeconds: 1, clock: .manual(time), handler: Self.echo)
        defer { server.stop() }
        let slow = try #require(Client(port: server.port))
        #expect(Self.waitUntil { server.openConnections == 1 })
        slow.write("GET / HTTP/1.1\r\nHo")
        #expect(get(server, "/")?.status == 200)
        // At the deadline on the server's clock, not the client's 5 s timeout: 408, then closed.
        time.advance(seconds: 1)
        server.wakeUp()
        #expect(slow.readResponse()?.status == 408)
        #expect(slow.isClosedByServer())
    }

    /// The deadline is for the whole request, not for each read: a client that keeps dribbling is closed at it.
    /// The server's clock is moved by hand, a quarter second per byte, so nothing waits for real seconds.
    @Test func aDribblingClientIsClosedAtItsTotalDeadline() throws {
        let time = ManualTime()
        let server = try LoopbackServer(token: "t", requestSeconds: 2, clock: .manual(time), handler: Self.echo)
        defer { server.stop() }
        let slow = try #require(Client(port: server.port))
        // Accepted (its deadline counts from now) before the clock moves.
        #expect(Self.waitUntil { server.openConnections == 1 })
        var elapsed = 0.0
        var closedAfter: Double?
        let head = Array("GET /a HTTP/1.1\r\nHost: 127.0.0.1:\(server.port)\r\nX-Filler: ".utf8) + [UInt8](repeating: 97, count: 1000)
        // Sixteen bytes: four seconds on the server's clock, twice the deadline.
        for byte in head.prefix(16) {
            slow.write([byte])
            time.advance(seconds: 0.25)
            elapsed += 0.25
            server.wakeUp()
            // The server answers a late request with 408 and closes; until then nothing arrives.
            if slow.hasData(withinSeconds: 0.05) {
                closedAfter = elapsed
                break
            }
        }
        let after = try #require(closedAfter, "a dribbling client was never closed")
        #expect(after >= 2 && after <= 2.75, "closed after \(after) s on the server's clock; the deadline is 2 s")
        #expect(slow.readResponse()?.status == 408)
    }

    /// Waits (up to 5 s) until `condition` holds, looking every millisecond; whether it came to hold.
    static func waitUntil(_ condition: () -> Bool) -> Bool {
        let limit = DispatchTime.now().uptimeNanoseconds + 5_000_000_000
        while !condition() {
            if DispatchTime.now().uptimeNanoseconds > limit { return false }
            var none = pollfd()
            _ = poll(&none, 0, 1)
        }
        return true
    }

    @Test func whenFullTheOldestIncompleteConnectionMakesRoom() throws {
        let server = try LoopbackServer(token: "t", maxConnections: 3, requestSeconds: 30, handler: Self.echo)
        defer { server.stop() }
        let idle = (0..<3).compactMap { _ in Client(port: server.port) }
        #expect(idle.count == 3)
        #expect(Self.waitUntil { server.openConnections == 3 })
        // A fourth connection takes the place of the oldest that has not completed a request.
        #expect(get(server, "/")?.status == 200)
        #expect(idle[0].isClosedByServer())
        #expect(server.openConnections <= 3)
    }

    /// Issue 23: about 32 connections dribbling a byte every 5 s locked everyone out (503). Now 200 connections
    /// dribbling a byte a second (more than the server holds here) do not keep a token holder waiting. The
    /// seconds pass on the server's clock, moved by hand.
    @Test func twoHundredSlowDripConnectionsDoNotStopATokenHolder() throws {
        for capacity in [512, 100] {
            let time = ManualTime()
            let server = try LoopbackServer(token: "t", maxConnections: capacity, requestSeconds: 10, clock: .manual(time), handler: Self.echo)
            defer { server.stop() }
            var drips = (0..<200).compactMap { _ in Client(port: server.port) }
            #expect(drips.count == 200)
            let head = Array("GET / HTTP/1.1\r\nHost: 127.0.0.1:\(server.port)\r\nX-Filler: ".utf8)
            var slowest = 0.0
            for second in 0..<4 {
                for (k, drip) in drips.enumerated() { drip.write([head[(second + k) % head.count]]) }
                // Some reconnect, as a flood would.
                for k in 0..<20 { drips[(second * 20 + k) % drips.count] = Client(port: server.port) ?? drips[k] }
                for _ in 0..<3 {
                    let started = DispatchTime.now()
                    let answer = get(server, "/api/state")
                    let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
                    slowest = max(slowest, seconds)
                    #expect(answer?.status == 200, "capacity \(capacity), second \(second): \(String(describing: answer))")
                }
                time.advance(seconds: 1)
                server.wakeUp()
            }
            #expect(slowest < 0.5, "capacity \(capacity): the token holder waited \(slowest) s")
            #expect(server.openConnections <= capacity)
        }
    }

    @Test func stopClosesTheListener() throws {
        let server = try LoopbackServer(token: "t", handler: Self.echo)
        let port = server.port
        #expect(get(server, "/?token=t")?.status == 200)
        server.stop()
        #expect(Client(port: port) == nil)
    }

    @Test func aPortInUseIsAClearError() throws {
        let first = try LoopbackServer(token: "t", handler: Self.echo)
        defer { first.stop() }
        #expect(throws: LoopbackServer.StartFailure.self) { try LoopbackServer(port: first.port, handler: Self.echo) }
    }
}
