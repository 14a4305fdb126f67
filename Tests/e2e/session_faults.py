"""Fault injection for the workbench's saved session: `sparring serve` is killed (SIGKILL or SIGINT) at random
points of a scripted session of moves, swaps, pins, settings, typologies, scenarios kept, loaded and deleted,
undo and redo, then started again with the same command; the resumed state must be the state after the last
change the server acknowledged, every time.

A kill between two requests must resume exactly the acknowledged state. A SIGKILL while a change is in flight
may land before or after the change reached the disk: the resumed state is either the acknowledged one, or that
state with the one change in flight made (checked by undoing it).

Then, on the same saved work: a second `serve` on the roster is refused while the first runs, other settings
are refused with what to do (in Danish: the roster is Danish), and `--fresh` starts anew keeping the old work
as `.previous`.

    python3 Tests/e2e/session_faults.py --binary .build/debug/sparring [--kills 60] [--seed 1]

Exits 0 when every check holds; prints what it did.
"""

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve_process import Served  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SEARCH = ("--time", "0.3", "--threads", "1")


def canonical(state, with_history=True):
    """What a resumed session must give back: groups, pins, settings, scenarios, undo and redo depth, score."""
    kept = {
        "groups": [(group["label"], sorted(group["members"])) for group in state["groups"]],
        "pins": sorted(state["pins"]),
        "typology": state["settings"]["typology"],
        "controls": [(control["key"], control["value"]) for control in state["settings"]["controls"]],
        "score": (state["score"]["hard"], round(state["score"]["soft"], 6)),
        "scenarios": [(s["index"], s["name"], s["typology"], s["groups"], s["hard"]) for s in state["scenarios"]],
    }
    if with_history:
        kept["undo"] = state["history"]["undoSteps"]
        kept["redo"] = state["history"]["redoSteps"]
    return kept


def current_part(kept):
    return {key: kept[key] for key in ("groups", "pins", "typology", "controls", "score")}


class Session:
    def __init__(self, binary, roster, folder, rng):
        self.binary, self.roster, self.folder, self.rng = binary, roster, folder, rng
        self.served = None

    def start(self, *extra):
        self.served = Served(self.binary, self.roster, *SEARCH, *extra, session_folder=self.folder)
        return self.served

    def state(self):
        return self.served.get("/api/state")

    def random_change(self, state, install_only=False):
        """(method, path, body) of a change chosen from `state`."""
        ids = [member for group in state["groups"] for member in group["members"]]
        labels = [group["label"] for group in state["groups"]]
        rng = self.rng
        kinds = ["swap", "swap", "swap", "move", "pin", "pure", "typology"]
        if not install_only:
            kinds += ["keep", "scenario", "undo", "redo"]
        kind = rng.choice(kinds)
        a, b = rng.choice(ids), rng.choice(ids)
        if kind == "swap":
            return "POST", "/api/swap", {"a": a, "b": b}
        if kind == "move":
            return "POST", "/api/move", {"leader": a, "group": rng.choice(labels)}
        if kind == "pin":
            return "POST", "/api/pin", {"leader": a, "pinned": a not in state["pins"]}
        if kind == "pure":
            return "POST", "/api/settings", {"controls": {"pure": rng.randint(0, 50) / 10}}
        if kind == "typology":
            return "POST", "/api/settings", {"typology": rng.choice(["local", "cross", "sector", "broad"])}
        if kind == "keep":
            return "POST", "/api/scenarios", {"name": f"S{rng.randint(0, 999)}"}
        if kind == "scenario" and state["scenarios"]:
            number = rng.choice(state["scenarios"])["index"]
            return "POST", rng.choice(["/api/scenarios/load", "/api/scenarios/delete"]), {"index": number}
        if kind == "redo":
            return "POST", "/api/redo", {}
        return "POST", "/api/undo", {}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--kills", type=int, default=60)
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args()
    rng = random.Random(options.seed)

    work = tempfile.mkdtemp(prefix="sparring-faults-")
    session = None
    try:
        roster = os.path.join(work, "ledere.csv")
        shutil.copyfile(os.path.join(ROOT, "Fixtures", "small-danish.csv"), roster)
        folder = os.path.join(work, "arbejde")
        session = Session(options.binary, roster, folder, rng)
        session.start()
        acked = canonical(session.state())
        kills = {"SIGKILL between": 0, "SIGINT between": 0, "SIGKILL in flight": 0, "SIGKILL during a search": 0}
        landed = 0
        changes = 0
        for round_number in range(options.kills):
            # A few acknowledged changes (refusals change nothing and are acknowledged as such).
            for _ in range(rng.randint(0, 4)):
                state = session.state()
                method, path, body = session.random_change(state)
                status, answer, _ = session.served.request(method, path, body)
                if status == 200:
                    acked = canonical(answer)
                    changes += 1
                elif status >= 500:
                    raise SystemExit(f"{path} {body} answered {status}: {answer!r}")
            if rng.random() < 0.15:
                # A search to its end: its result is a change like any other.
                status, answer, _ = session.served.request("POST", "/api/solve", {"seconds": 0.2})
                # Pins that break a hard rule are refused before any search (and change nothing).
                expect(status in (202, 422), f"solve answered {status}: {answer!r}")
                if status == 422:
                    answer = session.state()
                deadline = time.monotonic() + 30
                while answer["solve"]["running"] and time.monotonic() < deadline:
                    time.sleep(0.05)
                    answer = session.state()
                acked = canonical(answer)
            mode = rng.choice(["SIGKILL between", "SIGINT between", "SIGKILL in flight", "SIGKILL in flight", "SIGKILL during a search"])
            kills[mode] += 1
            in_flight = None
            if mode == "SIGINT between":
                code = session.served.interrupt()
                if code != 0:
                    raise SystemExit(f"serve ended with {code} on SIGINT: {session.served.stderr()}")
            elif mode == "SIGKILL during a search":
                # Nothing of a search is saved before it ends: the work resumes as it was when it started.
                status, answer, _ = session.served.request("POST", "/api/solve", {"seconds": 5})
                expect(status in (202, 422), f"solve answered {status}: {answer!r}")
                time.sleep(rng.random() * 0.3)
                session.served.process.send_signal(signal.SIGKILL)
                session.served.process.wait(timeout=10)
            elif mode == "SIGKILL between":
                session.served.process.send_signal(signal.SIGKILL)
                session.served.process.wait(timeout=10)
            else:
                state = session.state()
                in_flight = session.random_change(state, install_only=True)
                sender = threading.Thread(target=lambda: _quietly(session.served.request, *in_flight), daemon=True)
                sender.start()
                time.sleep(rng.random() * 0.03)
                session.served.process.send_signal(signal.SIGKILL)
                session.served.process.wait(timeout=10)
                sender.join(timeout=10)
            session.served.kill()

            session.start()
            resumed_state = session.state()
            resumed = canonical(resumed_state)
            if resumed == acked:
                continue
            if in_flight is None:
                raise SystemExit(f"round {round_number} ({mode}): the resumed state differs from the acknowledged one\n"
                                 f"acknowledged: {acked}\nresumed:      {resumed}\n{session.served.stderr()}")
            # The change in flight reached the disk: undoing it must give the acknowledged arrangement back.
            status, undone, _ = session.served.request("POST", "/api/undo", {})
            if status != 200 or current_part(canonical(undone)) != current_part(acked) \
                    or resumed["undo"] != min(acked["undo"] + 1, 200) or resumed["scenarios"] != acked["scenarios"]:
                raise SystemExit(f"round {round_number}: resumed {resumed} is neither the acknowledged state {acked} "
                                 f"nor it with {in_flight} made")
            status, redone, _ = session.served.request("POST", "/api/redo", {})
            acked = canonical(redone)
            landed += 1
        print(f"kills: {sum(kills.values())} ({', '.join(f'{k}: {v}' for k, v in kills.items())}); "
              f"changes acknowledged: {changes}; changes in flight that reached the disk before the kill: {landed}")

        # A second workbench on the same roster is refused while the first runs.
        second = subprocess.run([options.binary, "serve", roster, "--no-open", "--session-folder", folder, *SEARCH],
                                capture_output=True, text=True, timeout=60)
        expect(second.returncode == 1 and "et andet arbejdsbord er åbent på denne lederliste" in second.stderr,
               f"a second serve: {second.returncode} {second.stderr!r}")
        session.served.interrupt()

        # Other settings are refused, in the roster's language, with what to do.
        other = subprocess.run([options.binary, "serve", roster, "--no-open", "--session-folder", folder, "--typology", "lokal", *SEARCH],
                               capture_output=True, text=True, timeout=60)
        expect(other.returncode == 1 and "blev startet med andre indstillinger" in other.stderr and "--fresh" in other.stderr,
               f"other settings: {other.returncode} {other.stderr!r}")

        # --fresh starts anew and keeps the old work.
        fresh = session.start("--fresh")
        state = canonical(session.state())
        expect(state["undo"] == 0 and state["scenarios"] == [], f"--fresh kept work: {state}")
        previous = os.path.join(folder, "ledere.csv.sparring-session.previous")
        expect(os.path.exists(previous), "no .previous after --fresh")
        expect(oct(os.stat(previous).st_mode & 0o777) == oct(0o600), f"mode of .previous: {oct(os.stat(previous).st_mode)}")
        fresh.interrupt()
        expect("Dit arbejde er gemt i" in fresh.stderr(), f"the stop line: {fresh.stderr()!r}")
        leftovers = [name for name in os.listdir(folder) if name.endswith(".partial")]
        expect(not leftovers, f"temporary files left: {leftovers}")

        # A session file of another roster under the same name (a shared --session-folder) is not taken over.
        other_roster = os.path.join(work, "andre", "ledere.csv")
        os.makedirs(os.path.dirname(other_roster))
        with open(other_roster, "w", encoding="utf-8") as file:
            file.write("nr;navn;fagområde;lederniveau\n" + "".join(f"{900 + k};Person {k};Skole;teamleder\n" for k in range(12)))
        foreign = subprocess.run([options.binary, "serve", other_roster, "--no-open", "--session-folder", folder, *SEARCH],
                                 capture_output=True, text=True, timeout=60)
        expect(foreign.returncode == 1 and "hører til en anden lederliste" in foreign.stderr,
               f"another roster's session: {foreign.returncode} {foreign.stderr!r}")

        # A file no Sparring can read does not block --fresh, which keeps it, and copies are never overwritten.
        with open(os.path.join(folder, "ledere.csv.sparring-session"), "wb") as file:
            file.write(b"\x00not a session\n")
        unreadable = subprocess.run([options.binary, "serve", roster, "--no-open", "--session-folder", folder, *SEARCH],
                                    capture_output=True, text=True, timeout=60)
        expect(unreadable.returncode == 1 and "--fresh" in unreadable.stderr, f"an unreadable session: {unreadable.stderr!r}")
        afresh = session.start("--fresh")
        afresh.interrupt()
        second_copy = previous + "-2"
        expect(os.path.exists(second_copy) and open(second_copy, "rb").read() == b"\x00not a session\n",
               "--fresh did not keep the unreadable file as .previous-2")
        # A session started in English goes on in English, though the roster is Danish.
        english = session.start("--fresh", "--language", "en")
        english.interrupt()
        again = session.start()
        again.interrupt()
        expect("Resuming the work saved in" in again.stderr(), f"the session's language is not kept: {again.stderr()!r}")
        print("second workbench refused, other settings refused, --fresh keeps .previous, another roster's session "
              "refused, an unreadable file kept by --fresh: ok")
    finally:
        if session and session.served:
            session.served.kill()
        shutil.rmtree(work, ignore_errors=True)


def _quietly(function, *arguments):
    try:
        function(*arguments)
    except Exception:  # the server was killed under it
        pass


def expect(condition, message):
    if not condition:
        raise SystemExit(message)


if __name__ == "__main__":
    main()
