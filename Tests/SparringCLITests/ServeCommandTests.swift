import Foundation
import Testing
@testable import SparringCLI
@testable import SparringServeCommand
import SparringServer

/// `serve` opens the browser without the token in any command line (issue 23: `xdg-open http://…?token=…` was
/// readable by every local user through `ps`).
@Suite struct ServeCommandTests {
    @Test func theBrowsersCommandLineHoldsALaunchCodeNeverTheToken() throws {
        let server = try LoopbackServer(handler: { _ in HTTPResponse(status: 200, text: "ok") })
        defer { server.stop() }
        let token = server.accessGuard.token
        let launch = server.launchURL()
        let command = try #require(ServeCommand.browserCommand(launch, opener: "/usr/bin/xdg-open"))
        #expect(command.program == "/usr/bin/xdg-open")
        #expect(command.arguments == [launch])
        for word in [command.program] + command.arguments {
            #expect(!word.contains(token), "the token in the browser's command line: \(word)")
            #expect(!word.contains("token="), "\(word)")
        }
        #expect(launch.hasPrefix("http://127.0.0.1:\(server.port)/?launch="))
        // The stdout line (private to the consultant) keeps the token, for scripts and for opening by hand.
        #expect(server.url.hasSuffix("?token=\(token)"))

        // The code is good once: exchanged for the cookie and a redirect to the page.
        let code = String(launch.split(separator: "=").last!)
        let host = ("host", "127.0.0.1:\(server.port)")
        let first = server.accessGuard.refusal(for: HTTPRequest(method: "GET", path: "/", query: ["launch": code], headers: [host]))
        #expect(first?.status == 303)
        #expect(first?.headers.contains { $0.hasPrefix("Set-Cookie: sparring_token=\(token);") } == true)
        let again = server.accessGuard.refusal(for: HTTPRequest(method: "GET", path: "/", query: ["launch": code], headers: [host]))
        #expect(again?.status == 403)
    }
}
