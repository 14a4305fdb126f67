#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Synchronization

/// Who may talk to the workbench, and how.
///
/// - Every request must be addressed to the loopback host (`Host: 127.0.0.1:PORT`, `localhost:PORT` or
///   `[::1]:PORT`: a foreign page whose name resolves to 127.0.0.1 still sends its own name, DNS rebinding).
/// - `OPTIONS` is refused: no preflight ever succeeds, and no answer carries a CORS header.
/// - The pages (``pagePaths``, by `GET`) may be opened with the token as the `token` query parameter or the
///   HttpOnly cookie the page sets, or with a launch code (`/?launch=CODE`, single use, ``LaunchCodes/lifetime``),
///   which is exchanged for the cookie and a redirect to `/`, so that no token appears in a command line (a used
///   code opened again by the browser that holds the cookie just leads to the page).
/// - Everything else (the JSON API, the exports) needs the token in a header, `X-Sparring-Token: TOKEN` or
///   `Authorization: Bearer TOKEN`: a page of another origin (another loopback port is the same *site*, so it
///   gets the cookie sent) can set neither without a preflight, which is refused. The cookie alone is not enough.
/// - A request that changes something (any method but `GET` and `HEAD`) must also come from the page itself
///   (an `Origin` other than `http://127.0.0.1:PORT`, `http://localhost:PORT` or `http://[::1]:PORT` is refused;
///   no `Origin` is allowed, as a script sends none) and say `Content-Type: application/json` (no form, no
///   `text/plain`). A `Sec-Fetch-Site` other than `same-origin` or `none` is refused on every such request.
///
/// Refusals are in the session's language (``RefusalTexts``): JSON `{"error", "hint"}` for the API, a short
/// HTML page for anything else.
public struct AccessGuard: Sendable {
    public let token: String
    public let port: Int
    /// Paths a browser opens by navigation or by a `<script>`/`<link>` (`GET` only): the cookie or the query
    /// token suffices for them.
    public let pagePaths: Set<String>
    public let texts: RefusalTexts
    public let launchCodes: LaunchCodes
    public static let cookieName = "sparring_token"
    /// The header the page sends the token in.
    public static let tokenHeader = "x-sparring-token"

    /// - Parameter token: by default ``newToken()``.
    public init(port: Int, token: String? = nil, pagePaths: Set<String> = ["/"], texts: RefusalTexts = .english,
                launchCodes: LaunchCodes = LaunchCodes()) {
        self.port = port
        self.token = token ?? Self.newToken()
        self.pagePaths = pagePaths
        self.texts = texts
        self.launchCodes = launchCodes
        allowedHosts = ["127.0.0.1:\(port)", "localhost:\(port)", "[::1]:\(port)"]
        allowedOrigins = Set(allowedHosts.map { "http://" + $0 })
    }

    /// 32 random bytes from the system generator, as 64 hex digits.
    public static func newToken() -> String { randomHex(words: 4) }

    static func randomHex(words: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<words).map { _ in
            let hex = String(generator.next() as UInt64, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }.joined()
    }

    /// The answer for a request that may not reach the handler — a refusal, or the redirect that exchanges a
    /// launch code for the cookie — or nil when it may. Needs only the request's head (the body is not
    /// looked at), so that a request can be refused before its body is read. O(header length).
    public func refusal(for request: HTTPRequest) -> HTTPResponse? {
        guard let host = request.header("host"), allowedHosts.contains(host.lowercased()) else {
            return refuse(request, 403, .foreignHost)
        }
        if request.method == "OPTIONS" { return refuse(request, 405, .preflight, headers: ["Allow: GET, POST"]) }
        let isPage = pagePaths.contains(request.path) && (request.method == "GET" || request.method == "HEAD")
        if isPage, request.path == "/", let code = request.query["launch"], request.query["token"] == nil {
            if launchCodes.redeem(code) { return HTTPResponse(status: 303, headers: ["Location: /", Self.cookieHeader(token: token)]) }
            // Used already — by this browser (it holds the cookie: to the page), or by no one it knows.
            if let cookie = cookieToken(request), Self.equalInConstantTime(cookie, token) { return HTTPResponse(status: 303, headers: ["Location: /"]) }
            return refuse(request, 403, .launchUsed)
        }
        let inHeader = headerToken(request)
        let offered = inHeader ?? (isPage ? request.query["token"] ?? cookieToken(request) : nil)
        guard let offered else {
            // Without a header: a page's script that lost it, or a page of another origin using the cookie.
            return refuse(request, 403, cookieToken(request) == nil ? .noToken : .headerNeeded)
        }
        guard Self.equalInConstantTime(offered, token) else { return refuse(request, 403, .noToken) }
        if isPage { return nil }
        if let site = request.header("sec-fetch-site")?.lowercased(), site != "same-origin" && site != "none" {
            return refuse(request, 403, .foreignOrigin)
        }
        if let origin = request.header("origin")?.lowercased(), !allowedOrigins.contains(origin) {
            return refuse(request, 403, .foreignOrigin)
        }
        if request.method != "GET" && request.method != "HEAD" {
            let type = request.header("content-type")?.split(separator: ";").first.map { String($0).lowercased().trimmingCharacters(in: " ") }
            guard type == "application/json" else { return refuse(request, 415, .contentType) }
        }
        return nil
    }

    /// The header that lets the page's later requests carry the token without showing it in addresses.
    public var cookieHeader: String { Self.cookieHeader(token: token) }

    /// The cookie header for `token` (HttpOnly: no script reads it; SameSite=Strict: no other site sends it).
    public static func cookieHeader(token: String) -> String {
        "Set-Cookie: \(cookieName)=\(token); Path=/; HttpOnly; SameSite=Strict"
    }

    /// The `Host` values of this server, and the page's origins (made once: every request is checked).
    private let allowedHosts: Set<String>
    private let allowedOrigins: Set<String>

    private func headerToken(_ request: HTTPRequest) -> String? {
        if let token = request.header(Self.tokenHeader) { return token.trimmingCharacters(in: " ") }
        if let authorization = request.header("authorization"), authorization.lowercased().hasPrefix("bearer ") {
            return String(authorization.dropFirst(7)).trimmingCharacters(in: " ")
        }
        return nil
    }

    private func cookieToken(_ request: HTTPRequest) -> String? {
        for header in request.headers where header.name == "cookie" {
            for pair in header.value.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).trimmingCharacters(in: " ") }
                if parts.count == 2 && parts[0] == Self.cookieName { return parts[1] }
            }
        }
        return nil
    }

    /// A refusal in the session's language: JSON for the API (the page shows `error` and `hint`), else a page.
    func refuse(_ request: HTTPRequest, _ status: Int, _ reason: RefusalTexts.Reason, headers: [String] = []) -> HTTPResponse {
        texts.response(status: status, reason: reason, json: !pagePaths.contains(request.path), headers: headers)
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

/// Short-lived, single-use codes that open the workbench in a browser without the token in its command line
/// (which every local user can read through `ps`): `/?launch=CODE` is answered once, within ``lifetime``, with
/// the cookie and a redirect to `/`. Thread-safe; at most ``limit`` codes are outstanding.
public final class LaunchCodes: Sendable {
    public let lifetime: Double
    public static let limit = 16
    private let codes = Mutex<[(code: String, expires: UInt64)]>([])
    private let clock: ServerClock

    /// - Parameters:
    ///   - lifetime: seconds a code stays valid (default 2 minutes).
    ///   - clock: where expiry reads the time.
    public init(lifetime: Double = 120, clock: ServerClock = .system) {
        self.lifetime = lifetime
        self.clock = clock
    }

    /// A new code, valid once within ``lifetime``.
    public func issue() -> String {
        let code = AccessGuard.randomHex(words: 2)
        let expires = clock.now() + UInt64(lifetime * 1e9)
        codes.withLock { codes in
            codes.append((code, expires))
            if codes.count > Self.limit { codes.removeFirst() }
        }
        return code
    }

    /// Whether `code` was issued, is unexpired and unused; it is used up either way.
    public func redeem(_ code: String) -> Bool {
        let now = clock.now()
        return codes.withLock { codes in
            codes.removeAll { $0.expires <= now }
            guard let at = codes.firstIndex(where: { AccessGuard.equalInConstantTime($0.code, code) }) else { return false }
            codes.remove(at: at)
            return true
        }
    }
}

/// The words of the server's own refusals, in the session's language. SparringServer has no catalogue: the
/// workbench passes these in (from `server.*` texts); ``english`` serves a server started without them.
public struct RefusalTexts: Sendable {
    public enum Reason: String, Sendable, CaseIterable {
        /// Not addressed to 127.0.0.1 or localhost at this port.
        case foreignHost
        /// No token, or not this start's (an address or cookie of an earlier `sparring serve`).
        case noToken
        /// A launch code used already or too old.
        case launchUsed
        /// The cookie alone, where the token must come in a header.
        case headerNeeded
        /// From a page of another origin.
        case foreignOrigin
        /// A change not sent as JSON.
        case contentType
        /// A CORS preflight.
        case preflight
        /// More connections than the server holds.
        case busy
        /// A request not complete within its deadline.
        case timeout
    }

    public struct Text: Sendable {
        public var message: String
        public var hint: String
        public init(_ message: String, _ hint: String) {
            self.message = message
            self.hint = hint
        }
    }

    /// The page language (`lang`), e.g. "da".
    public var language: String
    /// The title of a refusal page.
    public var title: String
    public var texts: [Reason: Text]

    public init(language: String, title: String, texts: [Reason: Text]) {
        self.language = language
        self.title = title
        self.texts = texts
    }

    public static let english = RefusalTexts(language: "en", title: "Sparring workbench", texts: [
        .foreignHost: Text("Forbidden: this server answers only requests addressed to 127.0.0.1 or localhost.", "Open the address that sparring serve printed."),
        .noToken: Text("Forbidden: this address does not hold the workbench's current key.", "Open the address that sparring serve printed in the terminal (url: …); after a restart it is a new one."),
        .launchUsed: Text("This opening link has been used already or is too old.", "Open the address that sparring serve printed in the terminal (url: …)."),
        .headerNeeded: Text("Forbidden: the workbench's key must come from the workbench page itself.", "Reload the workbench page."),
        .foreignOrigin: Text("Forbidden: a request from another page.", "Use the workbench page itself."),
        .contentType: Text("A change must be sent as JSON (Content-Type: application/json).", "Use the workbench page itself."),
        .preflight: Text("Requests from other pages are not allowed.", "Use the workbench page itself."),
        .busy: Text("The workbench has too many connections open.", "Try again in a moment."),
        .timeout: Text("The request did not arrive in time.", "Try again."),
    ])

    public func text(_ reason: Reason) -> Text { texts[reason] ?? Self.english.texts[reason]! }

    /// The refusal as JSON `{"error", "hint"}`, or as a small HTML page.
    public func response(status: Int, reason: Reason, json: Bool, headers: [String] = []) -> HTTPResponse {
        let text = text(reason)
        if json {
            let body = "{\"error\":\(Self.jsonString(text.message)),\"hint\":\(Self.jsonString(text.hint))}"
            return HTTPResponse(status: status, contentType: "application/json; charset=utf-8", body: Array(body.utf8), headers: headers)
        }
        let page = "<!doctype html>\n<html lang=\"\(Self.html(language))\"><head><meta charset=\"utf-8\"><title>\(Self.html(title))</title></head>"
            + "<body style=\"font-family: system-ui, sans-serif; max-width: 40em; margin: 3em auto\"><h1>\(Self.html(title))</h1>"
            + "<p><strong>\(Self.html(text.message))</strong></p><p>\(Self.html(text.hint))</p></body></html>\n"
        return HTTPResponse(status: status, contentType: "text/html; charset=utf-8", body: Array(page.utf8), headers: headers)
    }

    static func html(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar == "<" || scalar == ">" || scalar == "&":
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
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
