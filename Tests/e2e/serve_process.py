"""A `sparring serve` subprocess for the end-to-end tests: started on a free loopback port, its `url:` line
read from stdout, its JSON API reachable with the token as `Authorization: Bearer`, stopped with SIGINT.

Used by `workbench_e2e.py`; nothing here drives a browser.
"""

import json
import os
import queue
import re
import signal
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.request


class ServeFailure(Exception):
    """`sparring serve` did not start, or did not stop as it should."""


class Served:
    """One `sparring serve ROSTER` process. Use as a context manager: the process is always ended on exit."""

    def __init__(self, binary, roster, *options, start_timeout=90, browser=None, session_folder=None):
        """`browser`: a program `serve` opens the page with (as `$BROWSER`); None: `--no-open`. `session_folder`: where
        the work is kept (never beside the fixtures): a new folder of the test's own unless given."""
        self.session_folder = session_folder or tempfile.mkdtemp(prefix="sparring-session-")
        self.arguments = [binary, "serve", roster, *([] if browser else ["--no-open"]), "--port", "0",
                          "--session-folder", self.session_folder, *options]
        environment = dict(os.environ, BROWSER=browser) if browser else None
        self.process = subprocess.Popen(self.arguments, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                        stdin=subprocess.DEVNULL, env=environment)
        self.stdout_lines = queue.Queue()
        self.stderr_text = []
        self._readers = [
            threading.Thread(target=self._read, args=(self.process.stdout, self.stdout_lines.put), daemon=True),
            threading.Thread(target=self._read, args=(self.process.stderr, self.stderr_text.append), daemon=True),
        ]
        for reader in self._readers:
            reader.start()
        self.url = self._wait_for_url(start_timeout)
        match = re.fullmatch(r"http://127\.0\.0\.1:(\d+)/\?token=([0-9a-f]+)", self.url)
        if not match:
            self.kill()
            raise ServeFailure(f"unexpected url line: {self.url!r}")
        self.port = int(match.group(1))
        self.token = match.group(2)
        self.base = f"http://127.0.0.1:{self.port}"

    @staticmethod
    def _read(stream, sink):
        for raw in iter(stream.readline, b""):
            sink(raw.decode("utf-8", "replace"))
        stream.close()

    def _wait_for_url(self, timeout):
        deadline = time.monotonic() + timeout
        seen = []
        while time.monotonic() < deadline:
            try:
                line = self.stdout_lines.get(timeout=0.1)
            except queue.Empty:
                if self.process.poll() is not None and self.stdout_lines.empty():
                    break
                continue
            seen.append(line)
            if line.startswith("url: "):
                return line[len("url: "):].strip()
        self.kill()
        raise ServeFailure(f"no url: line from {' '.join(self.arguments)} within {timeout} s "
                           f"(exit {self.process.poll()}); stdout {''.join(seen)!r}; stderr {self.stderr()!r}")

    def stderr(self):
        return "".join(self.stderr_text)

    # The JSON API, with the token as a bearer header (as a script would call it).

    def request(self, method, path, body=None):
        """Returns (status, parsed JSON or raw bytes, headers)."""
        data = None if body is None else json.dumps(body).encode("utf-8")
        request = urllib.request.Request(self.base + path, method=method, data=data, headers={
            "Authorization": f"Bearer {self.token}", "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                status, raw, headers = response.status, response.read(), response.headers
        except urllib.error.HTTPError as failure:
            status, raw, headers = failure.code, failure.read(), failure.headers
        if (headers.get("Content-Type") or "").startswith("application/json"):
            return status, json.loads(raw.decode("utf-8")), headers
        return status, raw, headers

    def get(self, path):
        status, answer, _ = self.request("GET", path)
        if status != 200:
            raise ServeFailure(f"GET {path}: {status} {answer!r}")
        return answer

    # Ending

    def interrupt(self, timeout=15):
        """Ctrl-C: returns the exit code; the process is killed if it does not end within `timeout`."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        try:
            code = self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            raise ServeFailure(f"sparring serve did not end within {timeout} s of SIGINT")
        for reader in self._readers:
            reader.join(timeout=5)
        return code

    def kill(self):
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)

    def __enter__(self):
        return self

    def __exit__(self, *failure):
        self.kill()
        return False
