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
/// One thread reads every connection with `poll()`: a connection costs a socket and the bytes of the request
/// it is sending, never a thread, so slow or idle clients cannot use the server up. Each request must arrive
/// whole within ``requestSeconds`` of the connection starting to wait for it (a total deadline, not one per
/// read: a client dribbling a byte a second is dropped at it). Its head passes the ``AccessGuard`` as soon as it
/// is complete (a request without the token is refused before its body is read), so only requests with the
/// token reach the handler, which runs on a small pool of ``workers`` threads; answers are written by the
/// polling thread, each within ``writeSeconds``.
///
/// Bounded: at most ``maxConnections`` at once — when full, a new connection takes the place of the oldest one
/// that has not completed a request (a flood of incomplete connections cannot keep out a token holder, whose
/// request completes at once); ``RequestLimits`` per request; ``requestsPerConnection`` per keep-alive
/// connection. Malformed requests get a 4xx answer and the connection is closed; the server keeps serving.
public final class LoopbackServer: Sendable {
    public typealias Handler = @Sendable (HTTPRequest) -> HTTPResponse

    public let port: Int
    public let accessGuard: AccessGuard
    public let limits: RequestLimits
    public let maxConnections: Int
    public let requestsPerConnection: Int
    /// The total time a request may take to arrive, from when the connection starts waiting for it.
    public let requestSeconds: Double
    /// The total time an answer may take to be read by the client.
    public let writeSeconds: Double
    public let workers: Int
    private let listener: Int32
    private let wake: (read: Int32, write: Int32)
    private let clock: ServerClock
    private let handler: Handler
    private let stopping = Atomic<Bool>(false)
    private let stopped = Mutex<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)
    private let jobs = Mutex<[Job]>([])
    private let jobReady = DispatchSemaphore(value: 0)
    private let done = Mutex<[Answer]>([])
    private let open = Atomic<Int>(0)
    private let working = DispatchGroup()
    private let pipeClosed = Atomic<Bool>(false)

    public struct StartFailure: Error, CustomStringConvertible {
        public let description: String
    }

    struct Job: Sendable {
        let socket: Int32
        let serial: UInt64
        let request: HTTPRequest
        /// The connection's last request (``requestsPerConnection``).
        let last: Bool
    }

    struct Answer: Sendable {
        let socket: Int32
        let serial: UInt64
        let bytes: [UInt8]
        let closing: Bool
    }

    /// Binds 127.0.0.1:`port` (0: any free port; see ``port``) and starts serving on threads of its own.
    /// - Parameters:
    ///   - token: the access token (default: a new random one).
    ///   - pagePaths: paths the browser opens with the cookie (see ``AccessGuard``).
    ///   - refusals: the words of the guard's refusals.
    ///   - maxConnections: at most this many connections (fewer when the process may open fewer files).
    ///   - clock: where deadlines read the time (tests move a ``ManualTime`` by hand and call ``wakeUp()``).
    public init(port: Int = 0, token: String? = nil, pagePaths: Set<String> = ["/"], refusals: RefusalTexts = .english,
                limits: RequestLimits = RequestLimits(), maxConnections: Int = 512, requestsPerConnection: Int = 1000,
                requestSeconds: Double = 10, writeSeconds: Double = 30, workers: Int = 4, clock: ServerClock = .system,
                handler: @escaping Handler) throws {
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
        guard bound == 0, listen(listener, 512) == 0 else {
            let code = errno
            close(listener)
            throw StartFailure(description: code == EADDRINUSE ? "port \(port) is in use; pick another with --port" : "cannot listen on 127.0.0.1:\(port) (errno \(code))")
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else {
            close(listener)
            throw StartFailure(description: "cannot open a pipe (errno \(errno))")
        }
        for fd in [listener] + pipeEnds { Self.setNonBlocking(fd) }
        self.port = Int(UInt16(bigEndian: actual.sin_port))
        self.clock = clock
        self.accessGuard = AccessGuard(port: self.port, token: token, pagePaths: pagePaths, texts: refusals, launchCodes: LaunchCodes(clock: clock))
        self.listener = listener
        self.wake = (pipeEnds[0], pipeEnds[1])
        self.limits = limits
        // Room for the files the rest of the process opens.
        var files = rlimit()
        #if canImport(Glibc)
        getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &files)
        #else
        getrlimit(RLIMIT_NOFILE, &files)
        #endif
        let room = files.rlim_cur >= rlim_t(Int32.max) ? Int.max : Int(files.rlim_cur) - 64
        self.maxConnections = max(1, min(maxConnections, room))
        self.requestsPerConnection = requestsPerConnection
        self.requestSeconds = requestSeconds
        self.writeSeconds = writeSeconds
        self.workers = max(1, workers)
        self.handler = handler
        // Threads of their own, so that a busy Dispatch pool (a solve running on every core) never keeps the
        // server from answering, and the server never starves the pool.
        for _ in 0..<self.workers {
            working.enter()
            Thread { [self] in
                work()
                working.leave()
            }.start()
        }
        Thread { [self] in pollLoop() }.start()
    }

    /// The address to open, with the token (print it only where only the consultant reads it).
    public var url: String { "http://127.0.0.1:\(port)/?token=\(accessGuard.token)" }

    /// An address that opens the page once, within ``LaunchCodes/lifetime``, without holding the token: for a
    /// browser's command line, which other local users can read.
    public func launchURL() -> String { "http://127.0.0.1:\(port)/?launch=\(accessGuard.launchCodes.issue())" }

    /// Connections open now (for tests).
    public var openConnections: Int { open.load(ordering: .relaxed) }

    /// Stops accepting and waits until the server has ended; requests in flight are answered first (for at
    /// most about two seconds).
    public func stop() {
        let first = stopped.withLock { stopped in
            defer { stopped = true }
            return !stopped
        }
        guard first else { return }
        stopping.store(true, ordering: .relaxed)
        poke()
        finished.wait()
    }

    /// Makes the polling thread look at its deadlines now (after a test moved a manual clock).
    public func wakeUp() { poke() }

    private func poke() {
        guard !pipeClosed.load(ordering: .relaxed) else { return }
        var byte: UInt8 = 1
        _ = write(wake.write, &byte, 1)
    }

    // MARK: - Workers

    private func work() {
        while true {
            jobReady.wait()
            guard let job = jobs.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) else { return }  // stopping
            let response = handler(job.request)
            // Answers the page expects to act on (not found, conflict, unprocessable) keep the connection.
            let refused = response.status >= 400 && ![404, 409, 422].contains(response.status)
            let closing = job.request.closesConnection || job.last || refused
            done.withLock { $0.append(Answer(socket: job.socket, serial: job.serial, bytes: response.serialized(closing: closing), closing: closing)) }
            poke()
        }
    }

    // MARK: - The polling thread

    enum Phase {
        /// Waiting for (the rest of) a request.
        case reading
        /// A request with the token is with a worker.
        case handling
        /// Writing an answer; then reading again, or draining and closing.
        case writing
        /// After a final answer: reading (and dropping) what the client still sends, briefly, so that closing
        /// with unread bytes does not reset the connection before the client has read the answer (RFC 9112 §9.6).
        case draining
    }

    struct Connection {
        let serial: UInt64
        var parser: RequestParser
        var phase = Phase.reading
        var deadline: UInt64
        var served = 0
        /// The head of the incomplete request has passed the guard.
        var screened = false
        var output: [UInt8] = []
        var written = 0
        var closeAfter = false
        var drained = 0
    }

    /// The time on ``clock``, in nanoseconds.
    private func now() -> UInt64 { clock.now() }
    private static func nanoseconds(_ seconds: Double) -> UInt64 { UInt64(max(0, seconds) * 1e9) }

    private func pollLoop() {
        var connections: [Int32: Connection] = [:]
        var serial: UInt64 = 0
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        var listening = true
        var stopDeadline: UInt64?

        func closeConnection(_ fd: Int32) {
            guard connections.removeValue(forKey: fd) != nil else { return }
            close(fd)
            open.subtract(1, ordering: .relaxed)
        }

        /// Starts writing `bytes`; `closing`: then drain and close.
        func answer(_ fd: Int32, _ bytes: [UInt8], closing: Bool) {
            guard var connection = connections[fd] else { return }
            connection.phase = .writing
            connection.output = bytes
            connection.written = 0
            connection.closeAfter = closing
            connection.deadline = now() + Self.nanoseconds(writeSeconds)
            connections[fd] = connection
            flush(fd)
        }

        /// Writes what the socket takes now; when all is written, reads the next request or drains.
        func flush(_ fd: Int32) {
            guard var connection = connections[fd], connection.phase == .writing else { return }
            while connection.written < connection.output.count {
                let count = connection.output.withUnsafeBytes { raw in
                    Self.sendBytes(fd, raw.baseAddress! + connection.written, raw.count - connection.written)
                }
                if count > 0 {
                    connection.written += count
                } else if count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) {
                    connections[fd] = connection
                    return
                } else {
                    closeConnection(fd)
                    return
                }
            }
            connection.output = []
            if connection.closeAfter || connection.served >= requestsPerConnection || stopping.load(ordering: .relaxed) {
                shutdown(fd, Int32(SHUT_WR))
                connection.phase = .draining
                connection.deadline = now() + 200_000_000
                connections[fd] = connection
                return
            }
            connection.phase = .reading
            connection.screened = false
            connection.deadline = now() + Self.nanoseconds(requestSeconds)
            connections[fd] = connection
            // A pipelined request may already be buffered.
            advance(fd, [])
        }

        /// Feeds bytes to the connection's parser and acts on what it finds.
        func advance(_ fd: Int32, _ bytes: ArraySlice<UInt8>) {
            // Taken out of the table while it is worked on (every path puts it back): a copy left in the table
            // would make each read copy the whole buffered request.
            guard var connection = connections.removeValue(forKey: fd) else { return }
            let outcome = connection.parser.feed(bytes)
            switch outcome {
            case .incomplete:
                if !connection.screened, let head = connection.parser.pendingHead {
                    connection.screened = true
                    if let refusal = accessGuard.refusal(for: head) {
                        connections[fd] = connection
                        answer(fd, refusal.serialized(closing: true), closing: true)
                        return
                    }
                }
                connections[fd] = connection
            case .failure(let status, let reason):
                connections[fd] = connection
                answer(fd, HTTPResponse(status: status, text: reason).serialized(closing: true), closing: true)
            case .request(let request):
                connection.served += 1
                if let refusal = accessGuard.refusal(for: request) {
                    // A redirect (a launch code exchanged) keeps the connection; a refusal closes it.
                    let closing = refusal.status >= 400 || request.closesConnection
                    connections[fd] = connection
                    answer(fd, refusal.serialized(closing: closing), closing: closing)
                    return
                }
                connection.phase = .handling
                connections[fd] = connection
                jobs.withLock { $0.append(Job(socket: fd, serial: connection.serial, request: request, last: connection.served >= requestsPerConnection)) }
                jobReady.signal()
            }
        }

        /// Makes room for one more connection: the oldest that has completed no request (or is closing) goes.
        func evictOne() -> Bool {
            var victim: (fd: Int32, serial: UInt64, rank: Int)?
            for (fd, connection) in connections {
                let rank: Int
                switch connection.phase {
                case .draining: rank = 0
                case .reading where connection.served == 0: rank = 1
                case .reading: rank = 2  // an idle keep-alive connection of a token holder: only as a last resort
                default: continue
                }
                if victim == nil || rank < victim!.rank || (rank == victim!.rank && connection.serial < victim!.serial) {
                    victim = (fd, connection.serial, rank)
                }
            }
            guard let victim else { return false }
            closeConnection(victim.fd)
            return true
        }

        func acceptAll() {
            for _ in 0..<256 {
                let client = accept(listener, nil, nil)
                if client < 0 {
                    // Out of files: make room (else the listener stays readable and the loop would spin).
                    if errno == EMFILE || errno == ENFILE { _ = evictOne() }
                    return
                }
                Self.setNonBlocking(client)
                #if canImport(Darwin)
                var noSignal: Int32 = 1
                setsockopt(client, SOL_SOCKET, SO_NOSIGPIPE, &noSignal, socklen_t(MemoryLayout<Int32>.size))
                #endif
                if connections.count >= maxConnections && !evictOne() {
                    let busy = accessGuard.texts.response(status: 503, reason: .busy, json: true).serialized(closing: true)
                    _ = busy.withUnsafeBytes { Self.sendBytes(client, $0.baseAddress!, $0.count) }
                    close(client)
                    continue
                }
                serial += 1
                connections[client] = Connection(serial: serial, parser: RequestParser(limits: limits),
                                                 deadline: now() + Self.nanoseconds(requestSeconds))
                open.add(1, ordering: .relaxed)
            }
        }

        var fds: [pollfd] = []
        while true {
            if stopping.load(ordering: .relaxed) && listening {
                listening = false
                shutdown(listener, Int32(SHUT_RDWR))
                close(listener)
                stopDeadline = now() + 2_000_000_000
                for (fd, connection) in connections where connection.phase == .reading || connection.phase == .draining { closeConnection(fd) }
            }
            if let stopDeadline {
                let busy = connections.values.contains { $0.phase == .handling || $0.phase == .writing }
                if !busy || now() >= stopDeadline { break }
            }

            fds.removeAll(keepingCapacity: true)
            fds.append(pollfd(fd: wake.read, events: Int16(POLLIN), revents: 0))
            if listening { fds.append(pollfd(fd: listener, events: Int16(POLLIN), revents: 0)) }
            var nearest = now() + 1_000_000_000
            for (fd, connection) in connections {
                switch connection.phase {
                case .reading, .draining: fds.append(pollfd(fd: fd, events: Int16(POLLIN), revents: 0))
                case .writing: fds.append(pollfd(fd: fd, events: Int16(POLLOUT), revents: 0))
                case .handling: continue
                }
                nearest = min(nearest, connection.deadline)
            }
            let current = now()
            let wait = nearest > current ? Int32(min(1000, (nearest - current) / 1_000_000 + 1)) : 0
            let ready = poll(&fds, nfds_t(fds.count), wait)
            if ready < 0 && errno != EINTR { break }

            for entry in fds where entry.revents != 0 {
                if entry.fd == wake.read {
                    var sink = [UInt8](repeating: 0, count: 256)
                    while read(wake.read, &sink, sink.count) > 0 {}
                    let answers = done.withLock { answers in
                        defer { answers.removeAll() }
                        return answers
                    }
                    for item in answers {
                        guard let connection = connections[item.socket], connection.serial == item.serial, connection.phase == .handling else { continue }
                        answer(item.socket, item.bytes, closing: item.closing)
                    }
                    continue
                }
                if entry.fd == listener && listening {
                    acceptAll()
                    continue
                }
                guard let connection = connections[entry.fd] else { continue }
                switch connection.phase {
                case .writing:
                    if entry.revents & Int16(POLLERR | POLLHUP | POLLNVAL) != 0 && entry.revents & Int16(POLLOUT) == 0 {
                        closeConnection(entry.fd)
                    } else {
                        flush(entry.fd)
                    }
                case .reading:
                    // At most 64 KB per turn, so that one fast sender does not hold up the others.
                    var taken = 0
                    while taken < 64 * 1024, let current = connections[entry.fd], current.phase == .reading {
                        let count = chunk.withUnsafeMutableBytes { recv(entry.fd, $0.baseAddress, $0.count, 0) }
                        if count > 0 {
                            taken += count
                            advance(entry.fd, chunk[0..<count])
                        } else if count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) {
                            break
                        } else {
                            closeConnection(entry.fd)  // closed or reset by the client
                            break
                        }
                    }
                case .draining:
                    let count = chunk.withUnsafeMutableBytes { recv(entry.fd, $0.baseAddress, $0.count, 0) }
                    if count > 0, var current = connections[entry.fd] {
                        current.drained += count
                        connections[entry.fd] = current
                        if current.drained > 64 * 1024 { closeConnection(entry.fd) }
                    } else if !(count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) {
                        closeConnection(entry.fd)
                    }
                case .handling:
                    continue
                }
            }

            // Deadlines: a request that has not arrived whole, an answer not read, a drain that is over.
            let later = now()
            for (fd, connection) in connections where connection.phase != .handling && connection.deadline <= later {
                if connection.phase == .reading && connection.parser.buffered > 0 {
                    // Part of a request came: say why the connection ends (best effort, never waiting).
                    let late = accessGuard.texts.response(status: 408, reason: .timeout, json: true).serialized(closing: true)
                    _ = late.withUnsafeBytes { Self.sendBytes(fd, $0.baseAddress!, $0.count) }
                }
                closeConnection(fd)
            }
        }

        // Stopped: close everything, let the workers end, and say so.
        if listening {
            shutdown(listener, Int32(SHUT_RDWR))
            close(listener)
        }
        for fd in Array(connections.keys) { closeConnection(fd) }
        jobs.withLock { $0.removeAll() }
        for _ in 0..<workers { jobReady.signal() }
        // The workers write to the pipe: it stays open until the last has ended (a request in flight finishes).
        working.wait()
        pipeClosed.store(true, ordering: .relaxed)
        close(wake.read)
        close(wake.write)
        finished.signal()
    }

    // MARK: - Sockets

    private static func setNonBlocking(_ fd: Int32) {
        let flags = fcntl(fd, F_GETFL, 0)
        _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
    }

    /// One non-blocking send; never raises SIGPIPE.
    private static func sendBytes(_ fd: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.send(fd, pointer, count, Int32(MSG_NOSIGNAL))
        #else
        Darwin.send(fd, pointer, count, 0)
        #endif
    }
}
