/// The workbench server's own refusals (`sparring serve`: the access guard and the connection limits), in
/// English. The page's script shows `error` and `hint`; a browser opening a refused address shows a page.
let englishServerTexts: [String: String] = [
    "server.title": "Sparring workbench",
    "server.foreignHost": "Forbidden: this workbench answers only requests addressed to 127.0.0.1 or localhost.",
    "server.foreignHost.hint": "Open the address that sparring serve printed in the terminal.",
    "server.noToken": "This address does not open the workbench that is running now.",
    "server.noToken.hint": "If sparring serve was started again, it printed a new address (url: …) in the terminal: open that one. An address from an earlier start no longer works.",
    "server.launchUsed": "This link to the workbench has been used already or is more than two minutes old.",
    "server.launchUsed.hint": "Open the address that sparring serve printed in the terminal (url: …).",
    "server.headerNeeded": "Forbidden: only the workbench page itself may do this.",
    "server.headerNeeded.hint": "Reload the workbench page; another page cannot use the workbench.",
    "server.foreignOrigin": "Forbidden: the request came from another page.",
    "server.foreignOrigin.hint": "Use the workbench page itself; other pages cannot change the workbench.",
    "server.contentType": "A change must be sent as JSON (Content-Type: application/json).",
    "server.contentType.hint": "Use the workbench page itself, or send JSON from a script.",
    "server.preflight": "Requests from other pages are not allowed.",
    "server.preflight.hint": "Use the workbench page itself.",
    "server.busy": "The workbench has too many connections open.",
    "server.busy.hint": "Try again in a moment.",
    "server.timeout": "The request did not arrive in time.",
    "server.timeout.hint": "Try again.",
]
