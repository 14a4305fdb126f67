#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Foundation
import Synchronization

/// A small HTTP/1.1 server on the loopback address only, for the workbench page.
///
/// Every request passes the ``AccessGuard`` (loopback `Host`, per-start token) before the handler sees it.
/// Bounded: at most ``maxConnections`` at once (more are answered 503 and closed), ``RequestLimits`` per request,
/// ``requestsPerConnection`` per keep-alive connection, and a client that sends nothing for ``idleSeconds``
/// (a slow or stalled client) is dropped. Malformed requests get a 4xx answer and the connection is closed;
/// the server keeps serving.
public final class LoopbackServer: Sendable {
    public typealias Handler = @Sendable (HTTPRequest) -> HTTPResponse

    public let port: Int
    public let accessGuard: AccessGuard
    public let limits: RequestLimits
    public let maxConnections: Int
    public let requestsPerConnection: Int
    public let idleSeconds: Int
    private let listener: Int32
    private let handler: Handler
    private let open = Atomic<Int>(0)
    private let stopped = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)

    public struct StartFailure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Binds 127.0.0.1:`port` (0: any free port; see ``port``) and starts accepting on a thread of its own.
    public init(port: Int = 0, token: String? = nil, limits: RequestLimits = RequestLimits(), maxConnections: Int = 32,
                requestsPerConnection: Int = 1000, idleSeconds: Int = 10, handler: @escaping Handler) throws {
        #if canImport(Glibc)
        let socketType = Int32(SOCK_STREAM.rawValue)
        #else
        let socketType = SOCK_STREAM
        #endif
        let listener = socket(AF_INET, socketType, 0)
        guard listener >= 0 else { throw StartFailure(description: "cannot open a socket (errno \(errno))") }
        var yes: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = in_addr_t(UInt32(0x7F00_0001).bigEndian)  // 127.0.0.1, never 0.0.0.0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(listener, 64) == 0 else {
            let code = errno
            close(listener)
            throw StartFailure(description: code == EADDRINUSE ? "port \(port) is in use; pick another with --port" : "cannot listen on 127.0.0.1:\(port) (errno \(code))")
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        self.port = Int(UInt16(bigEndian: actual.sin_port))
        self.accessGuard = AccessGuard(port: self.port, token: token)
        self.listener = listener
        self.limits = limits
        self.maxConnections = maxConnections
        self.requestsPerConnection = requestsPerConnection
        self.idleSeconds = idleSeconds
        self.handler = handler
        // Sockets block (accept, recv): threads of their own, so that a busy Dispatch pool (a solve running on
        // every core) never keeps the server from answering, and the server never starves the pool.
        Thread { [self] in acceptLoop() }.start()
    }

    /// The address to open, with the token.
    public var url: String { "http://127.0.0.1:\(port)/?token=\(accessGuard.token)" }

    /// Stops accepting and waits until the accept loop has ended; connections in flight finish their request.
    public func stop() {
        guard !stopped.exchange(true, ordering: .relaxed) else { return }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
        finished.wait()
    }

    private func acceptLoop() {
        defer { finished.signal() }
        while !stopped.load(ordering: .relaxed) {
            let client = accept(listener, nil, nil)
            if client < 0 {
                if stopped.load(ordering: .relaxed) { return }
                if errno == EINTR || errno == ECONNABORTED { continue }
                return
            }
            var timeout = timeval(tv_sec: idleSeconds, tv_usec: 0)
            setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            setsockopt(client, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            #if canImport(Darwin)
            var noSignal: Int32 = 1
            setsockopt(client, SOL_SOCKET, SO_NOSIGPIPE, &noSignal, socklen_t(MemoryLayout<Int32>.size))
            #endif
            if open.add(1, ordering: .relaxed).newValue > maxConnections {
                send(client, HTTPResponse(status: 503, text: "too many connections").serialized(closing: true))
                close(client)
                open.subtract(1, ordering: .relaxed)
                continue
            }
            Thread { [self] in
                serve(client)
                close(client)
                open.subtract(1, ordering: .relaxed)
            }.start()
        }
    }

    /// One connection: requests in turn until it closes, misbehaves, idles or reaches its request bound.
    private func serve(_ client: Int32) {
        var parser = RequestParser(limits: limits)
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        var served = 0
        while served < requestsPerConnection && !stopped.load(ordering: .relaxed) {
            // A pipelined request may already be buffered; otherwise read until one is complete.
            var outcome = parser.feed([])
            while outcome == .incomplete {
                let count = chunk.withUnsafeMutableBytes { recv(client, $0.baseAddress, $0.count, 0) }
                guard count > 0 else { return }  // closed, reset or idle too long
                outcome = parser.feed(chunk[0..<count])
            }
            switch outcome {
            case .incomplete:
                return
            case .failure(let status, let reason):
                send(client, HTTPResponse(status: status, text: reason).serialized(closing: true))
                lingeringClose(client)
                return
            case .request(let request):
                served += 1
                let response = accessGuard.refusal(for: request) ?? handler(request)
                // Answers the page expects to act on (not found, conflict, unprocessable) keep the connection.
                let refused = response.status >= 400 && ![404, 409, 422].contains(response.status)
                let closing = request.closesConnection || served == requestsPerConnection || refused
                guard send(client, response.serialized(closing: closing)), !closing else { return }
            }
        }
    }

    /// After an error answer, stops sending and reads (and drops) what the client still sends, briefly, so that
    /// closing with unread bytes does not reset the connection before the client has read the answer
    /// (RFC 9112 §9.6). At most 64 KB or 0.2 s of silence.
    private func lingeringClose(_ client: Int32) {
        shutdown(client, Int32(SHUT_WR))
        var timeout = timeval(tv_sec: 0, tv_usec: 200_000)
        setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        var drained = 0
        while drained < 64 * 1024 {
            let count = chunk.withUnsafeMutableBytes { recv(client, $0.baseAddress, $0.count, 0) }
            if count <= 0 { return }
            drained += count
        }
    }

    /// Writes all bytes; false when the peer is gone. Never raises SIGPIPE.
    @discardableResult
    private func send(_ client: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { raw -> Int in
                #if canImport(Glibc)
                Glibc.send(client, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                #else
                Darwin.send(client, raw.baseAddress! + offset, raw.count - offset, 0)
                #endif
            }
            if written <= 0 { return false }
            offset += written
        }
        return true
    }
}
