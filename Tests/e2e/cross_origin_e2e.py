#!/usr/bin/env python3
"""A page on another loopback port cannot change the workbench (issue 23), in a real Chromium.

The consultant opens the workbench (so its HttpOnly cookie exists: another port of 127.0.0.1 is the same
*site*, so the browser sends that cookie with the attacker's requests too). Then, in the same browser, a page
served by Python's http.server on another 127.0.0.1 port tries to change the grouping and to read it:

- `fetch` with `mode: "no-cors"` (a `text/plain` body, the only kind no-cors may send), with and without
  `credentials: "include"`;
- `fetch` in CORS mode with `Content-Type: application/json` and with a guessed `X-Sparring-Token` (both need
  a preflight, which the server refuses);
- a form posted to the API (`enctype="text/plain"` shaped as JSON, and a url-encoded one) and a form GET of an
  export, into a hidden frame;
- reading `/api/state` and `/api/export/csv` with `fetch` (credentials included).

Afterwards the state's version and grouping are what they were, nothing was read, and the workbench page
itself still works (a swap from the page is accepted).

Usage: cross_origin_e2e.py [--binary PATH]   Exit code 0 when everything holds, 1 otherwise.
"""

import argparse
import http.server
import json
import os
import shutil
import sys
import tempfile
import threading
import time
import traceback

from playwright.sync_api import sync_playwright

from serve_process import Served

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
WAIT_MS = 30_000

ATTACK = """<!doctype html>
<html><head><meta charset="utf-8"><title>attacker</title></head><body>
<iframe name="sink" style="display:none"></iframe>
<form id="plain" method="POST" target="sink" enctype="text/plain" action="VICTIM/api/swap">
  <input name='{"a":"A_ID","b":"B_ID","pad":"' value='"}'>
</form>
<form id="encoded" method="POST" target="sink" action="VICTIM/api/settings">
  <input name="typology" value="local">
</form>
<form id="settings-plain" method="POST" target="sink" enctype="text/plain" action="VICTIM/api/settings">
  <input name='{"typology":"local","pad":"' value='"}'>
</form>
<form id="export" method="GET" target="sink" action="VICTIM/api/export/csv"></form>
<script>
const victim = "VICTIM";
const swap = JSON.stringify({a: "A_ID", b: "B_ID"});
const settings = JSON.stringify({typology: "local"});
window.results = [];
async function attempt(name, run) {
  try {
    const response = await run();
    let text = "";
    try { text = await response.text(); } catch (e) { text = "(unreadable)"; }
    window.results.push({name, type: response.type, status: response.status, text: text.slice(0, 200)});
  } catch (error) {
    window.results.push({name, error: String(error)});
  }
}
async function main() {
  for (const [path, body] of [["/api/swap", swap], ["/api/settings", settings], ["/api/undo", "{}"]]) {
    await attempt("no-cors text/plain " + path, () => fetch(victim + path, {method: "POST", mode: "no-cors", credentials: "include",
      headers: {"Content-Type": "text/plain"}, body}));
    await attempt("no-cors no credentials " + path, () => fetch(victim + path, {method: "POST", mode: "no-cors", body}));
    await attempt("no-cors json-ish " + path, () => fetch(victim + path, {method: "POST", mode: "no-cors", credentials: "include", body: new Blob([body], {type: "application/json"})}));
    await attempt("cors json " + path, () => fetch(victim + path, {method: "POST", credentials: "include",
      headers: {"Content-Type": "application/json"}, body}));
    await attempt("cors guessed header " + path, () => fetch(victim + path, {method: "POST", credentials: "include",
      headers: {"Content-Type": "application/json", "X-Sparring-Token": "0000"}, body}));
  }
  await attempt("read state", () => fetch(victim + "/api/state", {credentials: "include"}));
  await attempt("read export", () => fetch(victim + "/api/export/csv", {credentials: "include"}));
  await attempt("no-cors export", () => fetch(victim + "/api/export/csv", {mode: "no-cors", credentials: "include"}));
  for (const id of ["plain", "encoded", "settings-plain", "export"]) {
    document.getElementById(id).submit();
    await new Promise((done) => setTimeout(done, 400));
  }
  document.title = "done";
}
main();
</script></body></html>
"""


def serve_attacker(html):
    """Serves `html` at / on a free 127.0.0.1 port (another origin, the same site); returns (server, port)."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            body = html.encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *arguments):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, server.server_address[1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=os.environ.get("SPARRING_BINARY") or os.path.join(ROOT, ".build", "debug", "sparring"))
    binary = parser.parse_args().binary
    failures = []

    def expect(condition, message):
        print(("ok   " if condition else "FAIL ") + message, flush=True)
        if not condition:
            failures.append(message)

    roster = os.path.join(ROOT, "Fixtures", "small-english.csv")
    folder = tempfile.mkdtemp(prefix="sparring-cross-origin-")
    # `serve` opens "the browser" with its launch address: this one only notes its arguments.
    opener, noted = os.path.join(folder, "browser"), os.path.join(folder, "arguments")
    with open(opener, "w") as handle:
        handle.write(f"#!/bin/sh\nprintf '%s\\n' \"$@\" > {noted}.part && mv {noted}.part {noted}\n")
    os.chmod(opener, 0o700)
    with Served(binary, roster, "--time", "0.5", "--threads", "1", "--seed", "3", browser=opener) as served, sync_playwright() as playwright:
        deadline = time.monotonic() + 20
        while not os.path.exists(noted) and time.monotonic() < deadline:
            time.sleep(0.05)
        with open(noted) as handle:
            arguments = handle.read().split()
        expect(len(arguments) == 1 and served.token not in arguments[0] and "/?launch=" in arguments[0],
               f"the browser's command line holds a launch code, not the token: {arguments}")
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium") or shutil.which("chromium-browser"))
        context = browser.new_context(accept_downloads=True)
        victim = context.new_page()
        # The consultant's browser opens the launch address: the cookie is set and the page opens, token-free.
        victim.goto(arguments[0])
        victim.wait_for_selector("#app[data-ready='true']", timeout=WAIT_MS)
        expect(victim.url == served.base + "/", f"the launch address leaves a clean address bar: {victim.url}")
        expect(any(cookie["name"] == "sparring_token" for cookie in context.cookies()), "the workbench's cookie is set in the browser")
        # The code is spent: opened again in this browser (which holds the cookie) it leads to the page; in
        # another (no cookie), it says so and the page is not served.
        again = context.new_page()
        response = again.goto(arguments[0])
        expect(response.status == 200 and again.url == served.base + "/", f"the used code leads this browser to the page ({response.status} {again.url})")
        again.close()
        stranger = browser.new_context()
        other = stranger.new_page()
        response = other.goto(arguments[0])
        expect(response.status == 403 and "used already" in other.content(), f"a launch code works once ({response.status})")
        stranger.close()

        before = served.get("/api/state")
        groups = before["groups"]
        a, b = groups[0]["members"][0], groups[1]["members"][0]
        html = ATTACK.replace("VICTIM", served.base).replace("A_ID", a).replace("B_ID", b)
        attacker_server, port = serve_attacker(html)
        try:
            attacker = context.new_page()
            attacker.goto(f"http://127.0.0.1:{port}/")
            attacker.wait_for_function("document.title === 'done'", timeout=WAIT_MS)
            attacker.wait_for_timeout(500)
            results = attacker.evaluate("window.results")
        finally:
            attacker_server.shutdown()
        for result in results:
            print("     " + json.dumps(result, ensure_ascii=False), flush=True)
        after = served.get("/api/state")
        expect(after["version"] == before["version"], f"the version is unchanged ({before['version']} → {after['version']})")
        expect([g["members"] for g in after["groups"]] == [g["members"] for g in groups], "the grouping is unchanged")
        expect(after["settings"]["typology"] == before["settings"]["typology"], "the typology is unchanged")
        readable = [r for r in results if r.get("type") == "basic" or a in r.get("text", "") or "version" in r.get("text", "")]
        expect(not readable, f"nothing of the workbench was readable by the other page: {readable}")

        # The workbench page itself still changes things: a swap from its own script is accepted.
        answer = victim.evaluate("""async ([a, b]) => {
            const token = document.querySelector('meta[name="sparring-token"]').content;
            const response = await fetch('/api/swap', {method: 'POST', headers: {'Content-Type': 'application/json', 'X-Sparring-Token': token},
                                                       body: JSON.stringify({a, b})});
            return response.status;
        }""", [a, b])
        expect(answer == 200, f"the workbench page's own swap is accepted ({answer})")
        expect(served.get("/api/state")["version"] == before["version"] + 1, "the page's own swap changed the state")
        browser.close()
        code = served.interrupt()
        expect(code == 0, f"sparring serve ends with exit code 0 on SIGINT ({code})")

    if failures:
        print(f"{len(failures)} failure(s)", flush=True)
        return 1
    print("cross-origin: all checks hold", flush=True)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Exception:
        traceback.print_exc()
        sys.exit(1)
