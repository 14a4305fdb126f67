/// Who may talk to the workbench: requests addressed to the loopback host (against DNS rebinding: a foreign
/// page whose name resolves to 127.0.0.1 still sends its own name as `Host`) that carry the token printed at
/// start, as the `token` query parameter, an `Authorization: Bearer` header or the cookie the page sets.
public struct AccessGuard: Sendable {
    public let token: String
    public let port: Int
    public static let cookieName = "sparring_token"

    /// - Parameter token: by default 32 random bytes from the system generator, as hex.
    public init(port: Int, token: String? = nil) {
        self.port = port
        if let token {
            self.token = token
        } else {
            var generator = SystemRandomNumberGenerator()
            self.token = (0..<4).map { _ in
                let word = generator.next() as UInt64
                let hex = String(word, radix: 16)
                return String(repeating: "0", count: 16 - hex.count) + hex
            }.joined()
        }
    }

    /// The refusal for a request that may not pass, or nil. O(header length).
    public func refusal(for request: HTTPRequest) -> HTTPResponse? {
        guard let host = request.header("host"), allowedHosts.contains(host.lowercased()) else {
            return HTTPResponse(status: 403, text: "forbidden: this server answers only requests addressed to 127.0.0.1:\(port) or localhost:\(port)")
        }
        guard let offered = offeredToken(request), Self.equalInConstantTime(offered, token) else {
            return HTTPResponse(status: 403, text: "forbidden: open the address with ?token=… that `sparring serve` printed")
        }
        return nil
    }

    /// The header that lets the page's later requests carry the token without showing it in addresses.
    public var cookieHeader: String { Self.cookieHeader(token: token) }

    /// The cookie header for `token` (HttpOnly: no script reads it; SameSite=Strict: no other site sends it).
    public static func cookieHeader(token: String) -> String {
        "Set-Cookie: \(cookieName)=\(token); Path=/; HttpOnly; SameSite=Strict"
    }

    private var allowedHosts: Set<String> { ["127.0.0.1:\(port)", "localhost:\(port)", "[::1]:\(port)"] }

    private func offeredToken(_ request: HTTPRequest) -> String? {
        if let token = request.query["token"] { return token }
        if let authorization = request.header("authorization"), authorization.lowercased().hasPrefix("bearer ") {
            return String(authorization.dropFirst(7)).trimmingCharacters(in: " ")
        }
        for header in request.headers where header.name == "cookie" {
            for pair in header.value.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).trimmingCharacters(in: " ") }
                if parts.count == 2 && parts[0] == Self.cookieName { return parts[1] }
            }
        }
        return nil
    }

    /// Compares without stopping at the first difference, so timing says nothing about the token. O(length).
    static func equalInConstantTime(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for i in x.indices { difference |= x[i] ^ y[i] }
        return difference == 0
    }
}

private extension String {
    func trimmingCharacters(in set: Character) -> String {
        var text = self[...]
        while text.first == set { text = text.dropFirst() }
        while text.last == set { text = text.dropLast() }
        return String(text)
    }
}
