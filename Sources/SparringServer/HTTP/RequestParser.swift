/// Bounds on what one request may hold; anything larger is refused before it is buffered.
public struct RequestLimits: Sendable {
    /// Request line and header fields together, in bytes.
    public var headerBytes = 16 * 1024
    public var headerCount = 64
    public var bodyBytes = 1 << 20

    public init() {}
}

/// An incremental HTTP/1.1 request parser (RFC 9112, the subset a loopback page needs).
///
/// Feed it bytes as they arrive; it answers `.incomplete` until a whole request is buffered, then the request,
/// keeping any bytes after it for the next one (pipelining). Every malformed or oversized request becomes a 4xx
/// or 5xx status with a reason, never a crash: bare CR, obsolete line folding, whitespace before a colon,
/// conflicting lengths, chunked bodies and targets other than a path are refused, as the RFC advises for a
/// server that must not be confused about where a request ends.
public struct RequestParser: Sendable {
    public enum Outcome: Sendable, Equatable {
        case incomplete
        case request(HTTPRequest)
        /// Answer with this status and close the connection.
        case failure(status: Int, reason: String)
    }

    public let limits: RequestLimits
    private var buffer: [UInt8] = []

    public init(limits: RequestLimits = RequestLimits()) { self.limits = limits }

    /// Bytes received but not yet part of a returned request.
    public var buffered: Int { buffer.count }

    /// The head of a request whose body has not all arrived yet (so that it can be judged, and refused,
    /// before the body is read); nil otherwise.
    public private(set) var pendingHead: HTTPRequest?

    /// Adds bytes and returns the next request when one is complete. Call again with no bytes to take a
    /// pipelined request already buffered. O(bytes buffered).
    public mutating func feed<Bytes: Collection>(_ bytes: Bytes) -> Outcome where Bytes.Element == UInt8 {
        buffer.append(contentsOf: bytes)
        pendingHead = nil
        // Empty lines before a request are ignored (RFC 9112 §2.2).
        var start = 0
        while start < buffer.count, buffer[start] == 13 || buffer[start] == 10 { start += 1 }
        if start > 0 { buffer.removeFirst(start) }
        guard let end = headerEnd() else {
            return buffer.count > limits.headerBytes ? .failure(status: 431, reason: "request header fields too large") : .incomplete
        }
        guard end.bodyStart <= limits.headerBytes + 4 else { return .failure(status: 431, reason: "request header fields too large") }
        var head: Head
        switch parseHead(buffer[0..<end.headEnd]) {
        case .success(let parsed): head = parsed
        case .failure(let failure): return .failure(status: failure.status, reason: failure.reason)
        }
        guard buffer.count - end.bodyStart >= head.length else {
            pendingHead = head.request
            return .incomplete
        }
        pendingHead = nil
        head.request.body = Array(buffer[end.bodyStart..<(end.bodyStart + head.length)])
        buffer.removeFirst(end.bodyStart + head.length)
        return .request(head.request)
    }

    /// Where the header section ends: the first empty line (CRLF CRLF, or bare LFs). O(buffer).
    private func headerEnd() -> (headEnd: Int, bodyStart: Int)? {
        var i = 0
        let limit = min(buffer.count, limits.headerBytes + 4)
        while i < limit {
            if buffer[i] == 10 {
                if i + 1 < buffer.count, buffer[i + 1] == 10 { return (i, i + 2) }
                if i + 2 < buffer.count, buffer[i + 1] == 13, buffer[i + 2] == 10 { return (i, i + 3) }
            }
            i += 1
        }
        return nil
    }

    private struct Head {
        var request: HTTPRequest
        var length: Int
    }

    private struct Failure: Error {
        let status: Int
        let reason: String
    }

    private func parseHead(_ bytes: ArraySlice<UInt8>) -> Result<Head, Failure> {
        var lines: [ArraySlice<UInt8>] = []
        var lineStart = bytes.startIndex
        for i in bytes.indices where bytes[i] == 10 {
            lines.append(Self.trimCR(bytes[lineStart..<i]))
            lineStart = i + 1
        }
        lines.append(Self.trimCR(bytes[lineStart..<bytes.endIndex]))
        for line in lines where line.contains(13) { return .failure(Failure(status: 400, reason: "bare CR in the header section")) }
        guard let requestLine = lines.first else { return .failure(Failure(status: 400, reason: "empty request")) }

        let parts = requestLine.split(separator: 32, omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, parts[0].allSatisfy(Self.isTokenCharacter) else {
            return .failure(Failure(status: 400, reason: "malformed request line"))
        }
        let method = String(decoding: parts[0], as: UTF8.self)
        let version = String(decoding: parts[2], as: UTF8.self)
        guard version.hasPrefix("HTTP/"), version.count == 8 else { return .failure(Failure(status: 400, reason: "malformed HTTP version")) }
        guard version == "HTTP/1.1" || version == "HTTP/1.0" else { return .failure(Failure(status: 505, reason: "HTTP version not supported")) }
        let target = parts[1]
        guard target.first == UInt8(ascii: "/"), target.allSatisfy({ $0 > 32 && $0 < 127 }) else {
            return .failure(Failure(status: 400, reason: "the request target must be a path"))
        }
        let question = target.firstIndex(of: UInt8(ascii: "?"))
        guard let path = Self.percentDecoded(target[target.startIndex..<(question ?? target.endIndex)], plusIsSpace: false),
              !path.contains("\0") else { return .failure(Failure(status: 400, reason: "malformed path")) }
        var query: [String: String] = [:]
        if let question {
            for pair in target[(question + 1)...].split(separator: UInt8(ascii: "&")) {
                let equals = pair.firstIndex(of: UInt8(ascii: "="))
                guard let name = Self.percentDecoded(pair[pair.startIndex..<(equals ?? pair.endIndex)], plusIsSpace: true),
                      let value = Self.percentDecoded(equals.map { pair[($0 + 1)...] } ?? [][...], plusIsSpace: true) else {
                    return .failure(Failure(status: 400, reason: "malformed query"))
                }
                if query[name] == nil { query[name] = value }
            }
        }

        var headers: [(name: String, value: String)] = []
        for line in lines.dropFirst() {
            if line.isEmpty { continue }
            guard headers.count < limits.headerCount else { return .failure(Failure(status: 431, reason: "too many header fields")) }
            guard line.first != 32 && line.first != 9 else { return .failure(Failure(status: 400, reason: "obsolete line folding")) }
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex,
                  line[line.startIndex..<colon].allSatisfy(Self.isTokenCharacter) else {
                return .failure(Failure(status: 400, reason: "malformed header field"))
            }
            var value = line[(colon + 1)...]
            while let first = value.first, first == 32 || first == 9 { value = value.dropFirst() }
            while let last = value.last, last == 32 || last == 9 { value = value.dropLast() }
            guard !value.contains(0) else { return .failure(Failure(status: 400, reason: "NUL in a header field")) }
            headers.append((String(decoding: line[line.startIndex..<colon], as: UTF8.self).lowercased(), String(decoding: value, as: UTF8.self)))
        }

        let request = HTTPRequest(method: method, path: path, query: query, headers: headers)
        if version == "HTTP/1.1" {
            let hosts = headers.filter { $0.name == "host" }
            guard hosts.count == 1 else { return .failure(Failure(status: 400, reason: "an HTTP/1.1 request needs exactly one Host header")) }
        }
        if headers.contains(where: { $0.name == "transfer-encoding" }) {
            return .failure(Failure(status: 501, reason: "transfer codings are not supported; send a Content-Length"))
        }
        var length = 0
        let lengths = Set(headers.filter { $0.name == "content-length" }.flatMap { $0.value.split(separator: ",").map { $0.trimmingSpaces } })
        if lengths.count > 1 { return .failure(Failure(status: 400, reason: "conflicting Content-Length")) }
        if let text = lengths.first {
            guard !text.isEmpty, text.count <= 12, text.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(text) else {
                return .failure(Failure(status: 400, reason: "malformed Content-Length"))
            }
            guard value <= limits.bodyBytes else { return .failure(Failure(status: 413, reason: "request body too large")) }
            length = value
        }
        let connection = request.header("connection")?.lowercased().split(separator: ",").map { $0.trimmingSpaces } ?? []
        var closing = request
        closing.closesConnection = version == "HTTP/1.0" ? !connection.contains("keep-alive") : connection.contains("close")
        return .success(Head(request: closing, length: length))
    }

    private static func trimCR(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> { line.last == 13 ? line.dropLast() : line }

    /// RFC 9110 tchar: the characters of a method or a header name.
    private static func isTokenCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): return true
        default: return "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }

    /// `%XX` decoded (and `+` as a space in a query); nil for a bad escape or invalid UTF-8. O(bytes).
    static func percentDecoded(_ bytes: ArraySlice<UInt8>, plusIsSpace: Bool) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let byte = bytes[i]
            if byte == UInt8(ascii: "%") {
                guard i + 2 < bytes.endIndex, let high = hexValue(bytes[i + 1]), let low = hexValue(bytes[i + 2]) else { return nil }
                out.append(high << 4 | low)
                i += 3
            } else {
                out.append(plusIsSpace && byte == UInt8(ascii: "+") ? 32 : byte)
                i += 1
            }
        }
        return String(validating: out, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}

private extension Substring {
    var trimmingSpaces: String {
        var text = self[...]
        while text.first == " " || text.first == "\t" { text = text.dropFirst() }
        while text.last == " " || text.last == "\t" { text = text.dropLast() }
        return String(text)
    }
}
