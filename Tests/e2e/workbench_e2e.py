#!/usr/bin/env python3
"""End-to-end test of the workbench (`sparring serve`, issue #16) in a real browser.

Playwright for Python drives the machine's headless Chromium (Debian's `chromium`; no browser download) at
1366×768 against the real binary:

1. English roster (Fixtures/small-english.csv): the page shows English texts.
2. Danish roster (Fixtures/koege-300.csv): Danish texts; solve; drag a leader onto the group holding their
   boss (the card shows the broken rule naming both; the CSV export re-read by `sparring score` gives the
   page's hard count); undo (clean again); a leader dragged over the next-page button to a group of another
   page; a move into a full group is refused in #message and changes
   nothing; pin two leaders and solve again (they stay in their groups); keep two scenarios (typology and
   a weight changed, solved between) and compare them; load the first again; export CSV (re-read by
   `sparring score`), workbook, report and scenario.
3. 5,000 generated leaders: the page loads with paged cards, #find finds a leader, a move answers (its time
   is printed, not asserted: performance is measured in the benchmarks).

Throughout: no console error, no uncaught exception, no Content-Security-Policy violation; `sparring serve`
ends with exit code 0 on SIGINT.

Usage: workbench_e2e.py [--binary PATH]   (default: $SPARRING_BINARY, else <package>/.build/debug/sparring)
Screenshots go to $SPARRING_E2E_SHOTS when it is set (viewport and full page), nowhere otherwise.
Exit code 0 when everything holds, 1 otherwise (the failing step is printed).
"""

import argparse
import csv
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
import zipfile
from contextlib import contextmanager

from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import sync_playwright

from serve_process import Served

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
FIXTURES = os.path.join(ROOT, "Fixtures")
VIEWPORT = {"width": 1366, "height": 768}
# Every search behind the page: short, one thread, a fixed seed.
SEARCH = ["--time", "1", "--threads", "1", "--seed", "7"]
WAIT_MS = 30_000
SHOTS = os.environ.get("SPARRING_E2E_SHOTS") or None
STARTED = time.monotonic()


class Failure(AssertionError):
    pass


# Failures recorded by `expect`: the run goes on to the next checks and ends with exit code 1.
FAILURES = []


def check(condition, message):
    """A failure after which the steps that follow make no sense: the run stops here."""
    if not condition:
        raise Failure(message)


def expect(condition, message):
    """A failure that leaves the steps that follow meaningful: recorded, printed, and the run goes on."""
    if not condition and message not in FAILURES:
        FAILURES.append(message)
        log(f"FAILED: {message}")
    return bool(condition)


def log(text):
    print(f"[{time.monotonic() - STARTED:6.1f} s] {text}", flush=True)


# MARK: - The page

class PageWatch:
    """Console errors, uncaught exceptions and CSP violations of one page, from its first script on."""

    CSP_LISTENER = """
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation',
            (event) => window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`));
    """

    def __init__(self, page):
        self.page = page
        self.errors = []
        self.warnings = []
        self.allowed = None          # a regex: console errors matching it are expected (a refusal's 409)
        self.expected_seen = []
        page.add_init_script(self.CSP_LISTENER)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(f"uncaught exception: {error}"))

    def _console(self, message):
        text = f"console.{message.type}: {message.text} ({message.location.get('url', '')})"
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            self.errors.append("CSP: " + text)
        elif message.type == "error":
            if self.allowed and re.search(self.allowed, message.text):
                self.expected_seen.append(text)
            else:
                self.errors.append(text)
        elif message.type == "warning":
            self.warnings.append(text)

    @contextmanager
    def allowing(self, pattern):
        self.allowed = pattern
        try:
            yield
        finally:
            self.allowed = None

    def verify(self, where):
        violations = self.page.evaluate("window.__cspViolations || []")
        expect(not violations, f"{where}: Content-Security-Policy violations: {violations}")
        expect(not self.errors, f"{where}: console errors or uncaught exceptions:\n  " + "\n  ".join(self.errors))
        for warning in self.warnings:
            log(f"note: {where}: {warning}")


def shoot(page, name):
    if not SHOTS:
        return
    os.makedirs(SHOTS, exist_ok=True)
    page.screenshot(path=os.path.join(SHOTS, f"{name}.png"))
    # From the top: a full-page shot taken while scrolled shows the sticky header and side panel midway.
    scrolled = page.evaluate("scrollY")
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=os.path.join(SHOTS, f"{name}-full.png"), full_page=True)
    page.evaluate("(y) => window.scrollTo(0, y)", scrolled)


def version(page):
    return int(page.locator("#app").get_attribute("data-version"))


def wait_for_render_after(page, before):
    """Until the page shows a state newer than version `before`, with no search running."""
    page.wait_for_function(
        """(before) => {
            const app = document.getElementById('app');
            return app.dataset.version !== String(before) && !app.classList.contains('running');
        }""", arg=before, timeout=WAIT_MS)


def open_page(browser, served):
    context = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
    page = context.new_page()
    watch = PageWatch(page)
    started = time.monotonic()
    page.goto(served.url)
    page.wait_for_selector("#app[data-ready='true']", timeout=WAIT_MS)
    check(page.locator("#app").get_attribute("data-version") is not None, "#app has no data-version after the first render")
    seconds = time.monotonic() - started
    # The token leaves the address bar; an HttpOnly, SameSite=Strict cookie carries it from now on.
    expect("token" not in page.url, f"the token stays in the address bar: {page.url}")
    cookies = [cookie for cookie in context.cookies() if cookie["name"] == "sparring_token"]
    expect(len(cookies) == 1 and cookies[0]["httpOnly"] and cookies[0]["sameSite"] == "Strict",
          f"the page's cookie is not HttpOnly/SameSite=Strict: {cookies}")
    return context, page, watch, seconds


def solve_on_page(page, served):
    before = version(page)
    page.click("#solve")
    wait_for_render_after(page, before)
    state = served.get("/api/state")
    check(not state["solve"]["running"], "the search still runs after the page showed it ended")
    check(version(page) == state["version"], f"the page shows version {version(page)}, the server has {state['version']}")
    check(int(page.locator("#score-hard").inner_text()) == state["score"]["hard"],
          f"#score-hard {page.locator('#score-hard').inner_text()!r} ≠ the state's {state['score']['hard']}")
    return state


def text_problems(page):
    """Catalogue keys shown raw, or templates with unfilled {0}, anywhere in text, titles, placeholders or labels."""
    return page.evaluate(r"""() => {
        const raw = (text) => /^page\.[A-Za-z0-9.]+$/.test(text.trim()) || /\{\d+\}/.test(text);
        const found = [];
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) if (raw(node.textContent)) found.push(node.textContent.trim());
        for (const element of document.querySelectorAll('[title], [placeholder], [aria-label]')) {
            for (const name of ['title', 'placeholder', 'aria-label']) {
                const value = element.getAttribute(name);
                if (value && raw(value)) found.push(`${name}=${value}`);
            }
        }
        for (const element of document.querySelectorAll('[data-text]')) {
            if (element.textContent.trim() === '') found.push(`empty [data-text=${element.dataset.text}]`);
        }
        return found;
    }""")


def shown_texts(page):
    """The text of every element the page fills from the catalogue, by key."""
    return page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('[data-text]')]
        .map((element) => [element.dataset.text, element.textContent.trim()]))""")


def drag_span(page, leader, label):
    """The top and bottom (page coordinates) of a leader's chip and the heading of the card it is dropped on."""
    return tuple(page.evaluate("""([leader, label]) => {
        const chip = document.querySelector(`.leader[data-leader="${leader}"]`).getBoundingClientRect();
        const head = document.querySelector(`.card[data-group="${label}"] .card-head h3`).getBoundingClientRect();
        return [Math.min(chip.top, head.top) + scrollY, Math.max(chip.bottom, head.bottom) + scrollY];
    }""", [leader, label]))


def drag_to_another_page(page, served, low, high):
    """Drags a leader of the first card on the first page over #page-next, holds it until the page turns, drops it
    on a card of the page shown then, checks it landed there, and undoes the move."""
    group_of, groups = group_index(served.get("/api/state"))
    page.evaluate("() => window.scrollTo(0, 0)")
    first_page = card_labels(page)
    sources = [label for label in first_page[:3] if groups[label]["size"] > low and not groups[label]["problems"]]
    check(sources, "no group of the first page's first row that a leader can leave")
    who = groups[sources[0]]["members"][0]
    chip_box = page.locator(f'.leader[data-leader="{who}"]').bounding_box()
    next_box = page.locator("#page-next").bounding_box()
    before = version(page)
    page.mouse.move(chip_box["x"] + chip_box["width"] / 2, chip_box["y"] + chip_box["height"] / 2)
    page.mouse.down()
    page.mouse.move(next_box["x"] + next_box["width"] / 2, next_box["y"] + next_box["height"] / 2, steps=8)
    deadline = time.monotonic() + 5
    while card_labels(page) == first_page and time.monotonic() < deadline:
        page.mouse.move(next_box["x"] + next_box["width"] / 2 + 1, next_box["y"] + next_box["height"] / 2)
        page.wait_for_timeout(100)
    turned = card_labels(page)
    expect(turned != first_page, "holding a dragged leader over the next-page button did not turn the page")
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, "da-drag-page-turned.png"))
    targets = [label for label in turned if label not in first_page and groups[label]["size"] < high and not groups[label]["problems"]]
    check(targets, f"no group on the page turned to ({turned[:3]}…) that can take one more")
    target = targets[0]
    page.locator(f'.card[data-group="{target}"]').scroll_into_view_if_needed()
    for _ in range(3):
        head_box = page.locator(f'.card[data-group="{target}"] .card-head h3').bounding_box()
        page.mouse.move(head_box["x"] + head_box["width"] / 2, head_box["y"] + head_box["height"] / 2, steps=4)
    page.mouse.up()
    wait_for_render_after(page, before)
    landed = group_index(served.get("/api/state"))[0]
    expect(landed[who] == target, f"dragged over the next page, {who} landed in group {landed[who]}, not {target}")
    expect(who in members_shown(page, target), f"after the drop {who} is not shown on the card of group {target}")
    expect(not page.locator("#cards.dragging-on").count(), "the cards still look dragged over after the drop")
    log(f"dragged {who} from group {sources[0]} (page 1) over the next-page button to group {target}")
    before = version(page)
    page.click("#undo")
    wait_for_render_after(page, before)
    check(group_index(served.get("/api/state"))[0][who] == sources[0], f"after undo {who} is not back in group {sources[0]}")


def card_labels(page):
    return page.locator("#cards .card").evaluate_all("(cards) => cards.map((card) => card.dataset.group)")


def members_shown(page, label):
    return page.locator(f'.card[data-group="{label}"] .leader').evaluate_all(
        "(chips) => chips.map((chip) => chip.dataset.leader)")


def download(page, anchor, folder):
    with page.expect_download(timeout=WAIT_MS) as info:
        page.click(anchor)
    file = info.value
    check(file.failure() is None, f"{anchor}: the download failed: {file.failure()}")
    path = os.path.join(folder, file.suggested_filename)
    file.save_as(path)
    return path


def score_hard(binary, roster, assignments):
    """`sparring score ROSTER ASSIGNMENTS`: its exit code must be 0; returns the `hard:` count."""
    run = subprocess.run([binary, "score", roster, assignments], capture_output=True, timeout=120)
    output = run.stdout.decode("utf-8", "replace")
    check(run.returncode == 0, f"sparring score {assignments} exited {run.returncode}: {run.stderr.decode('utf-8', 'replace')}")
    match = re.search(r"^hard: (\d+)$", output, re.MULTILINE)
    check(match is not None, f"sparring score printed no hard: line:\n{output}")
    return int(match.group(1))


def stop(served, where):
    code = served.interrupt()
    check(code == 0, f"{where}: sparring serve exited {code} after SIGINT; stderr:\n{served.stderr()}")


# MARK: - The roster's own data (who reports to whom, names as written)

def read_roster(path, id_column, name_column, manager_column):
    with open(path, encoding="utf-8-sig", newline="") as handle:
        sample = handle.readline()
        handle.seek(0)
        rows = csv.DictReader(handle, delimiter=";" if sample.count(";") > sample.count(",") else ",")
        names, bosses = {}, {}
        for row in rows:
            names[row[id_column]] = row[name_column]
            if row.get(manager_column):
                bosses[row[id_column]] = row[manager_column]
    return names, bosses


def group_index(state):
    group_of = {leader: group["label"] for group in state["groups"] for leader in group["members"]}
    groups = {group["label"]: group for group in state["groups"]}
    return group_of, groups


# MARK: - 1. English

def english_roster(browser, binary, results):
    roster = os.path.join(FIXTURES, "small-english.csv")
    with Served(binary, roster, *SEARCH) as served:
        context, page, watch, seconds = open_page(browser, served)
        log(f"English page ready in {seconds:.2f} s")
        texts = served.get("/api/roster")["texts"]
        expect(served.get("/api/roster")["language"] == "en", "small-english.csv is not read as English")
        expect(page.evaluate("document.documentElement.lang") == "en", "html lang is not en")
        solve_text = page.locator("#solve").inner_text().strip()
        expect(solve_text == texts["page.solve"], f"#solve shows {solve_text!r}, the English catalogue {texts['page.solve']!r}")
        bad = text_problems(page)
        expect(not bad, f"English page: raw keys or unfilled templates: {bad}")
        results["english"] = {"solve": solve_text, "shown": shown_texts(page)}
        shoot(page, "en-page")
        watch.verify("English page")
        context.close()
        stop(served, "English roster")


# MARK: - 2. Danish: solve, drag, undo, refused move, pins, scenarios, exports

def read_column(roster, header):
    """Every value of one column of a semicolon roster (UTF-8, BOM allowed)."""
    with open(roster, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    k = rows[0].index(header)
    return [row[k] for row in rows[1:] if len(row) > k]


def danish_roster(browser, binary, results, folder):
    roster = os.path.join(FIXTURES, "koege-300.csv")
    names, bosses = read_roster(roster, "nr", "navn", "nærmeste leder")
    with Served(binary, roster, *SEARCH) as served:
        context, page, watch, seconds = open_page(browser, served)
        log(f"Danish page (300 leaders) ready in {seconds:.2f} s")

        # Danish texts, not the English ones.
        about = served.get("/api/roster")
        expect(about["language"] == "da", "koege-300.csv is not read as Danish")
        expect(page.evaluate("document.documentElement.lang") == "da", "html lang is not da")
        solve_text = page.locator("#solve").inner_text().strip()
        english = results["english"]
        expect(solve_text == about["texts"]["page.solve"] and solve_text != english["solve"],
              f"#solve shows {solve_text!r} on a Danish roster (English: {english['solve']!r})")
        bad = text_problems(page)
        expect(not bad, f"Danish page: raw keys or unfilled templates: {bad}")
        same = sorted(key for key, text in shown_texts(page).items() if english["shown"].get(key) == text and text)
        if same:
            log(f"note: shown in the same words in Danish and English: {', '.join(same)}")
        shoot(page, "da-page")

        # A column shown on every leader: choose lederniveau, and each chip shows its leader's rank under the name.
        page.select_option("#chip-column", label="lederniveau")
        page.wait_for_timeout(200)
        extras = page.locator(".leader .extra")
        expect(extras.count() > 0, "choosing a column to show puts nothing on the leaders")
        ranks = set(read_column(roster, "lederniveau"))
        shown = set(extras.all_inner_texts())
        expect(shown and shown <= ranks, f"the leaders show {sorted(shown)[:3]}, not their rank")
        page.select_option("#chip-column", value="-1")

        # Solve.
        state = solve_on_page(page, served)
        log(f"solved: hard {state['score']['hard']}, soft {state['score']['soft']}")
        settings = state["settings"]
        low, high = settings["minSize"], settings["maxSize"]

        # Drag a leader onto the card of the group holding their boss (both cards on the first page of cards).
        group_of, groups = group_index(state)
        on_page = card_labels(page)
        check(on_page, "no cards on the page")
        pairs = [(leader, boss) for leader, boss in bosses.items()
                 if boss in group_of and group_of[leader] != group_of[boss]
                 and group_of[leader] in on_page and group_of[boss] in on_page
                 and groups[group_of[leader]]["size"] > low and groups[group_of[boss]]["size"] < high
                 and not groups[group_of[leader]]["problems"] and not groups[group_of[boss]]["problems"]]
        check(pairs, "no leader and boss in groups on the first page that a move between them fits")
        # The chip and the card it is dropped on both on screen, so that nothing scrolls during the drag (a scroll
        # between the press and the first move makes Chromium start the drag on whatever is under the pointer then).
        spans = [(drag_span(page, leader, group_of[boss]), leader, boss) for leader, boss in pairs]
        span, leader, boss = min(spans, key=lambda entry: entry[0][1] - entry[0][0])
        check(span[1] - span[0] < VIEWPORT["height"] - 120, f"no leader and boss close enough to drag on one screen (closest {span})")
        page.evaluate("(top) => window.scrollTo(0, top)", max(0, span[0] - 90))
        source, target = group_of[leader], group_of[boss]
        hard_before = int(page.locator("#score-hard").inner_text())
        log(f"drag {names[leader]} ({leader}) from group {source} onto group {target}, which holds their boss {names[boss]} ({boss})")
        before = version(page)
        # Held over the card, the drop is previewed: the points and the reporting line it would break, naming both.
        chip_box = page.locator(f'.leader[data-leader="{leader}"]').bounding_box()
        head_box = page.locator(f'.card[data-group="{target}"] .card-head h3').bounding_box()
        page.mouse.move(chip_box["x"] + chip_box["width"] / 2, chip_box["y"] + chip_box["height"] / 2)
        page.mouse.down()
        page.mouse.move(head_box["x"] + head_box["width"] / 2, head_box["y"] + head_box["height"] / 2, steps=8)
        # Chromium may scroll a little while a drag passes near the edge: find the heading again and settle on it.
        for _ in range(3):
            head_box = page.locator(f'.card[data-group="{target}"] .card-head h3').bounding_box()
            page.mouse.move(head_box["x"] + head_box["width"] / 2, head_box["y"] + head_box["height"] / 2, steps=2)
        preview = page.locator(f'.card[data-group="{target}"] .preview')
        preview.wait_for(timeout=5000)
        preview_text = preview.inner_text()
        expect(names[leader] in preview_text and names[boss] in preview_text and "fast regel" in preview_text,
               f"the preview over group {target} does not say which rule the drop breaks: {preview_text!r}")
        expect(version(page) == before, "holding a leader over a group changed the grouping")
        log(f"preview over group {target}: {preview_text}")
        if SHOTS:
            # Not `shoot`: a full-page shot scrolls, which would move the held chip.
            os.makedirs(SHOTS, exist_ok=True)
            page.screenshot(path=os.path.join(SHOTS, "da-drag-preview.png"))
        page.mouse.up()
        wait_for_render_after(page, before)
        landed = group_index(served.get("/api/state"))[0]
        check(leader in members_shown(page, target),
              f"after the drag {leader} is not on the card of group {target}; the server has {leader} in group {landed[leader]}"
              f" and {boss} in group {landed[boss]}")
        card = page.locator(f'.card[data-group="{target}"]')
        expect("broken" in (card.get_attribute("class") or "").split(), f"the card of group {target} is not marked broken")
        problems = card.locator(".problems li").all_inner_texts()
        naming = [problem for problem in problems if names[leader] in problem and names[boss] in problem]
        expect(naming, f"no problem on card {target} names both {names[leader]} and {names[boss]}: {problems}")
        hard_broken = int(page.locator("#score-hard").inner_text())
        expect(hard_broken > hard_before, f"#score-hard stays {hard_broken} after breaking a rule (was {hard_before})")
        expect(page.locator("#undo").is_enabled(), "#undo is disabled after a move")
        log(f"card {target} shows: {naming[0]}")
        card.scroll_into_view_if_needed()
        shoot(page, "da-broken-card")

        # The export of the broken grouping, re-read by `sparring score`: the same hard count as the page.
        exported = download(page, "#export-csv", folder)
        expect(exported.endswith(".csv"), f"the CSV export is named {os.path.basename(exported)}")
        hard_scored = score_hard(binary, roster, exported)
        expect(hard_scored == hard_broken, f"sparring score says hard: {hard_scored}, the page {hard_broken}")
        log(f"CSV export of the broken grouping: sparring score says hard: {hard_scored} = the page")

        # Undo: clean again.
        before = version(page)
        page.click("#undo")
        wait_for_render_after(page, before)
        check(leader in members_shown(page, source) and leader not in members_shown(page, target),
              f"after undo {leader} is not back in group {source}")
        expect("broken" not in (card.get_attribute("class") or "").split(), f"after undo the card of group {target} is still broken")
        expect(card.locator(".problems li").count() == 0, f"after undo card {target} still lists {card.locator('.problems li').all_inner_texts()}")
        expect(int(page.locator("#score-hard").inner_text()) == hard_before, "after undo #score-hard is not back to its value before the drag")
        # Redo brings the broken rule back; a second undo cleans it again.
        before = version(page)
        page.click("#redo")
        wait_for_render_after(page, before)
        expect(leader in members_shown(page, target) and "broken" in (card.get_attribute("class") or "").split(),
               f"after redo {leader} is not back on the broken card of group {target}")
        before = version(page)
        page.click("#undo")
        wait_for_render_after(page, before)
        check(leader in members_shown(page, source), f"after the second undo {leader} is not back in group {source}")

        # A leader dragged to a group on another page: held over the pager's next button the page turns, and the
        # leader is dropped on a card there; undo takes it back.
        drag_to_another_page(page, served, low, high)

        # A move into a full group (by hand: leader id, group, Move) is refused in #message and changes nothing.
        refused_move(page, served, watch, low, high)

        # Pin two leaders and search again: they stay in their groups.
        state = served.get("/api/state")
        group_of, groups = group_index(state)
        on_page = card_labels(page)
        pinned = [groups[label]["members"][0] for label in on_page[:2]]
        for who in pinned:
            before = version(page)
            page.click(f'button.pin[data-leader="{who}"]')
            wait_for_render_after(page, before)
            expect(page.locator(f'button.pin[data-leader="{who}"]').get_attribute("aria-pressed") == "true",
                  f"the padlock of {who} is not pressed after pinning")
        check(sorted(served.get("/api/state")["pins"]) == sorted(pinned), "the server's pins are not the two pinned leaders")
        state = solve_on_page(page, served)
        after_of, _ = group_index(state)
        for who in pinned:
            expect(after_of[who] == group_of[who], f"pinned {who} moved from group {group_of[who]} to {after_of[who]} in the search")
            expect(who in members_shown(page, group_of[who]), f"pinned {who} is not shown on the card of group {group_of[who]}")
            expect(page.locator(f'button.pin[data-leader="{who}"]').get_attribute("aria-pressed") == "true",
                  f"the padlock of {who} is not pressed after the search")
        log(f"pinned {', '.join(pinned)}; after the search they are still in groups {', '.join(after_of[who] for who in pinned)}")

        # A long search stopped at once: the best grouping so far is kept, and the pins with it.
        page.fill("#solve-seconds", "60")
        before = version(page)
        page.click("#solve")
        page.wait_for_selector("#app.running", timeout=WAIT_MS)
        expect(page.locator("#stop").is_enabled() and page.locator("#solve").is_disabled(), "during a search #stop is not enabled or #solve not disabled")
        page.click("#stop")
        wait_for_render_after(page, before)
        state = served.get("/api/state")
        expect(state["solve"]["stopped"] and state["solve"]["seconds"] < 60, f"Stop did not end the search: {state['solve']}")
        expect(all(group_index(state)[0][who] == group_of[who] for who in pinned), "a stopped search moved a pinned leader")
        log(f"search of 60 s stopped after {state['solve']['seconds']:.1f} s: {page.locator('#solve-status').inner_text()!r}")
        page.fill("#solve-seconds", "1")

        # Scenarios: keep one, change the typology and a weight, solve, keep another, compare.
        compare_scenarios(page, served, state)

        # Exports of the current grouping (the first scenario, loaded again: default settings).
        exported = download(page, "#export-csv", folder)
        hard_scored = score_hard(binary, roster, exported)
        hard_page = int(page.locator("#score-hard").inner_text())
        expect(hard_scored == hard_page, f"sparring score says hard: {hard_scored}, the page {hard_page}")
        log(f"CSV export after loading the first scenario: sparring score says hard: {hard_scored} = the page")
        workbook = download(page, "#export-xlsx", folder)
        expect(workbook.endswith(".xlsx") and zipfile.is_zipfile(workbook), f"the workbook export {workbook} is not an .xlsx zip")
        report = download(page, "#export-report", folder)
        with open(report, encoding="utf-8") as handle:
            expect("<html" in handle.read(4096).lower(), "the report export is not HTML")
        scenario = download(page, "#export-scenario", folder)
        with open(scenario, encoding="utf-8") as handle:
            expect(isinstance(json.load(handle), dict), "the scenario export is not a JSON object")

        watch.verify("Danish page")
        if watch.expected_seen:
            log(f"note: the refused move's expected console line: {watch.expected_seen[0]}")
        context.close()
        stop(served, "Danish roster")


def refused_move(page, served, watch, low, high):
    state = served.get("/api/state")
    group_of, groups = group_index(state)
    full = next((label for label, group in groups.items() if group["size"] == high), None)
    if full is None:
        # No group is full after this search: fill one by hand first (legal moves from groups above the minimum).
        full = state["groups"][0]["label"]
        while groups[full]["size"] < high:
            donor = next(label for label, group in groups.items() if label != full and group["size"] > low)
            move_by_hand(page, groups[donor]["members"][-1], full)
            state = served.get("/api/state")
            group_of, groups = group_index(state)
    mover = next(leader for label, group in groups.items() if label != full and group["size"] > low for leader in group["members"])
    home = group_of[mover]
    before = version(page)
    shown_full = members_shown(page, full)
    # As a consultant does: empty the leader field, type an id, choose the group, click Move.
    page.fill("#move-leader", "")
    page.press("#move-leader", "Tab")
    with watch.allowing(r"status of 409"):
        page.fill("#move-leader", mover)
        page.select_option("#move-group", full)
        answer = click_move_go(page, f"moving {mover} into group {full}")
        check(answer.status == 409, f"a move into full group {full} answered {answer.status}, not 409")
        page.wait_for_selector("#message:not([hidden])", timeout=WAIT_MS)
    message = page.locator("#message").inner_text().strip()
    expect(full in message, f"#message does not name group {full}: {message!r}")
    check(version(page) == before, f"the page's version moved from {before} to {version(page)} after a refused move")
    after = served.get("/api/state")
    check(after["version"] == state["version"], "the server's state changed after a refused move")
    check(group_index(after)[0][mover] == home, f"{mover} left group {home} in a refused move")
    check(members_shown(page, full) == shown_full, f"the card of group {full} changed after a refused move")
    log(f"move of {mover} into full group {full} refused: {message.splitlines()[0]!r}")


def move_by_hand(page, leader, label):
    before = version(page)
    page.fill("#move-leader", leader)
    page.select_option("#move-group", label)
    answer = click_move_go(page, f"moving {leader} into group {label}")
    check(answer.status == 200, f"moving {leader} into group {label} by hand answered {answer.status}")
    wait_for_render_after(page, before)


def click_move_go(page, what):
    """Clicks #move-go as a person does right after typing a leader's id, and returns the answer to the move."""
    moves = lambda response: response.url.endswith("/api/move")
    try:
        with page.expect_response(moves, timeout=5_000) as answer:
            page.click("#move-go")
        return answer.value
    except PlaywrightTimeout:
        expect(False, f"{what}: a click on #move-go right after typing the leader's id into #move-leader sends no move "
                      "(the leader's name appears beside the field as it loses focus and shifts the button from under the pointer)")
    with page.expect_response(moves, timeout=WAIT_MS) as answer:
        page.click("#move-go")
    return answer.value


def compare_scenarios(page, served, state):
    first_typology = state["settings"]["typology"]
    keep_scenario(page, "Standard")
    other, other_label = next((typology["value"], typology["label"]) for typology in served.get("/api/roster")["typologies"]
                              if typology["value"] != first_typology)
    before = version(page)
    page.select_option("#typology", other)
    wait_for_render_after(page, before)
    check(served.get("/api/state")["settings"]["typology"] == other, f"the typology is not {other} after choosing it")
    slider = page.locator("#controls input[type=range][data-control]").first
    key = slider.get_attribute("data-control")
    slider_label = page.locator(f'#controls label[for="{slider.get_attribute("id")}"]').inner_text().strip()
    value = int(slider.get_attribute("min")) if int(slider.input_value()) != int(slider.get_attribute("min")) else int(slider.get_attribute("max"))
    before = version(page)
    slider.fill(str(value))
    wait_for_render_after(page, before)
    control = next(entry for entry in served.get("/api/state")["settings"]["controls"] if entry["key"] == key)
    check(control["value"] == value, f"the slider {key} set to {value}, the server has {control['value']}")
    solve_on_page(page, served)
    second = f"{other_label}, {slider_label} {value:+d}"
    keep_scenario(page, second)

    table = page.locator("#scenarios")
    headers = table.locator("thead th").all_inner_texts()
    expect(headers == ["Standard", second], f"the comparison's columns are {headers}")
    cells = table.locator("tr.hard-row td.num").all_inner_texts()
    expect(len(cells) == 2 and all(re.search(r"\d", cell) for cell in cells), f"the comparison's hard-row shows {cells}")
    kept = served.get("/api/state")["scenarios"]
    hard = table.locator("tr.hard-row td.num").all_inner_texts()
    expect(hard == [str(scenario["hard"]) for scenario in kept], f"the comparison's hard figures {hard} are not the scenarios' {[s['hard'] for s in kept]}")
    # The two scenarios weigh a rule differently: their points measure different things and are not shown side by
    # side; each cell's hover says what it was, written the Danish way.
    soft = table.locator("tr.soft-row td.num").all_inner_texts()
    expect(soft == ["–", "–"], f"points under different rules are shown side by side: {soft}")
    hovers = table.locator("tr.soft-row td.num").evaluate_all("(cells) => cells.map((cell) => cell.title)")
    expect(all(re.match(r"-?\d{1,3}(\.\d{3})*,\d\d point|-?\d{1,4},\d\d point", hover) for hover in hovers),
           f"the hidden points' hover is not written the Danish way (1.234,56 point): {hovers}")
    # Figures that mean the same under any weights stand beside each other: leaders in groups of the typology, wishes.
    plain = table.locator("tr.plain-row")
    expect(plain.count() >= 2, f"the comparison shows {plain.count()} typology-free rows")
    first = plain.first.locator("td.num").all_inner_texts()
    expect(len(first) == 2 and all(re.fullmatch(r"\d+ af \d+", cell) for cell in first), f"the first typology-free row shows {first}")
    rules = table.locator("tr.rule-row").count()
    expect(rules > 0, "the comparison shows no rule rows")
    # A rule one scenario lacks shows "–"; it is never the row's best figure.
    marked = table.locator("td.best").evaluate_all(
        "(cells) => cells.filter((cell) => !/\\d/.test(cell.textContent)).map((cell) => cell.closest('tr').cells[0].textContent.trim())")
    expect(not marked, f"the comparison marks a missing figure (–) as the best of its row: {marked}")
    log(f"comparison: columns {headers}; hard {table.locator('tr.hard-row td.num').all_inner_texts()}; "
        f"soft {table.locator('tr.soft-row td.num').all_inner_texts()}; {rules} rule rows")
    page.locator("#scenarios-panel").scroll_into_view_if_needed()
    shoot(page, "da-scenarios")

    # Load the first again (undoable), then forget the second. Scenarios are named by their number in the
    # session (stable while the page lives), which the state gives as "index".
    first, second = kept[0]["index"], kept[1]["index"]
    before = version(page)
    page.click(f'.scenario-load[data-index="{first}"]')
    wait_for_render_after(page, before)
    expect(page.locator("#typology").input_value() == first_typology, "loading the first scenario did not bring its typology back")
    before = version(page)
    page.click(f'.scenario-delete[data-index="{second}"]')
    wait_for_render_after(page, before)
    expect(table.locator("thead th").count() == 1, "deleting a scenario left the comparison with other than one column")


def keep_scenario(page, name):
    before = version(page)
    count = page.locator("#scenarios thead th").count()
    page.fill("#scenario-name", name)
    page.click("#scenario-save")
    wait_for_render_after(page, before)
    check(page.locator("#scenarios thead th").count() == count + 1, f"keeping scenario {name!r} added no column")


# MARK: - 3. 5,000 leaders

def large_roster(browser, binary, folder):
    roster = os.path.join(folder, "roster-5000.csv")
    made = subprocess.run([binary, "generate", "--leaders", "5000", "--danish", "--out", roster], capture_output=True, timeout=120)
    check(made.returncode == 0, f"sparring generate failed: {made.stderr.decode('utf-8', 'replace')}")
    started = time.monotonic()
    with Served(binary, roster, *SEARCH) as served:
        log(f"5,000 leaders: serve printed its address after {time.monotonic() - started:.2f} s")
        context, page, watch, seconds = open_page(browser, served)
        log(f"5,000-leader page ready in {seconds:.2f} s")
        state = served.get("/api/state")
        group_of, groups = group_index(state)
        cards = page.locator(".card").count()
        expect(0 < cards < len(groups) and cards <= 100, f"{cards} .card elements for {len(groups)} groups: not paged")
        info = page.locator("#page-info").inner_text()
        expect(info.strip(), "#page-info is empty")
        first = card_labels(page)
        page.click("#page-next")
        page.wait_for_function("(info) => document.getElementById('page-info').textContent !== info", arg=info, timeout=WAIT_MS)
        expect(card_labels(page) != first, "#page-next did not show other cards")
        log(f"{cards} cards in the DOM for {len(groups)} groups; pager: {info!r} → {page.locator('#page-info').inner_text()!r}")

        # Find a leader far down the roster, then move them by hand.
        low, high = state["settings"]["minSize"], state["settings"]["maxSize"]
        leaders = served.get("/api/roster")["leaders"]
        wanted = next(leader for leader in reversed(leaders[: len(leaders) * 4 // 5]) if groups[group_of[leader["id"]]]["size"] > low)
        target = next(label for label, group in groups.items() if group["size"] < high and label != group_of[wanted["id"]])
        page.fill("#find", wanted["id"])
        page.press("#find", "Enter")
        chip = page.locator(f'#cards .leader[data-leader="{wanted["id"]}"]')
        chip.wait_for(state="visible", timeout=WAIT_MS)
        expect("found" in (chip.get_attribute("class") or "").split(), f"the found chip of {wanted['id']} is not marked found")
        expect(page.locator(f'.card[data-group="{group_of[wanted["id"]]}"] .leader[data-leader="{wanted["id"]}"]').count() == 1,
              "the found leader is not on their group's card")
        expect(page.locator("#move-leader").input_value() == wanted["id"], "#find did not choose the found leader for a move")
        log(f"#find {wanted['id']} ({wanted['name']}): {page.locator('#find-info').inner_text()!r}, on the card of group {group_of[wanted['id']]}")
        shoot(page, "large-5000")

        page.evaluate("performance.clearResourceTimings()")
        before = version(page)
        page.select_option("#move-group", target)
        clicked = time.monotonic()
        with page.expect_response(lambda response: response.url.endswith("/api/move")) as answer:
            page.click("#move-go")
        check(answer.value.status == 200, f"the move answered {answer.value.status}")
        wait_for_render_after(page, before)
        shown = time.monotonic() - clicked
        timing = page.evaluate("""() => performance.getEntriesByType('resource')
            .filter((entry) => entry.name.endsWith('/api/move'))
            .map((entry) => ({total: entry.duration, waiting: entry.responseStart - entry.requestStart,
                              reading: entry.responseEnd - entry.responseStart, bytes: entry.transferSize}))""")
        check(group_index(served.get("/api/state"))[0][wanted["id"]] == target, f"{wanted['id']} is not in group {target} after the move")
        if timing:
            entry = timing[0]
            log(f"move at 5,000 leaders: POST /api/move took {entry['total']:.0f} ms in the page "
                f"(server {entry['waiting']:.0f} ms, reading {entry['reading']:.0f} ms, {entry['bytes'] / 1024:.0f} KB); "
                f"click to rendered {shown * 1000:.0f} ms (reported, not asserted)")
        else:
            log(f"move at 5,000 leaders: click to rendered {shown * 1000:.0f} ms (no resource timing entry)")
        watch.verify("5,000-leader page")
        context.close()
        stop(served, "5,000 leaders")


# MARK: - 4. The saved session: killed, resumed, started afresh

def resumed_session(browser, binary, folder):
    roster = os.path.join(FIXTURES, "small-danish.csv")
    session_folder = os.path.join(folder, "saved-session")
    with Served(binary, roster, *SEARCH, session_folder=session_folder) as served:
        context, page, watch, _ = open_page(browser, served)
        expect(page.locator("#resumed").is_hidden(), "a new session shows the resumed note")
        note = page.locator("#session-note").inner_text()
        expect("small-danish.csv.sparring-session" in note, f"the page does not say where the work is saved: {note!r}")
        group_of, groups = group_index(served.get("/api/state"))
        first, second = list(groups)[:2]
        a, b = groups[first]["members"][0], groups[second]["members"][0]
        before = version(page)
        status, _, _ = served.request("POST", "/api/swap", {"a": a, "b": b})
        expect(status == 200, f"swap {a} ↔ {b}: {status}")
        page.reload()
        page.wait_for_selector("#app[data-ready='true']", timeout=WAIT_MS)
        keep_scenario(page, "Før nedbrud")
        saved = served.get("/api/state")
        # Closing the tab with changes not exported asks first (the page was clicked, so Chromium lets it ask).
        dialogs = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
        page.close(run_before_unload=True)
        for _ in range(50):
            if dialogs:
                break
            page.wait_for_timeout(100)  # Playwright's own wait: events reach their handlers only inside its calls
        expect(dialogs == ["beforeunload"], f"closing the tab with changes not exported did not ask: {dialogs}")
        watch.verify("saved session")
        context.close()
        served.process.send_signal(signal.SIGKILL)
        served.process.wait(timeout=10)
        log(f"swapped {a} ↔ {b}, kept a scenario, closing asked first; then kill -9")

    with Served(binary, roster, *SEARCH, session_folder=session_folder) as served:
        context, page, watch, _ = open_page(browser, served)
        state = served.get("/api/state")
        expect(group_index(state)[0] == group_index(saved)[0], "the resumed grouping is not the one before kill -9")
        expect([s["name"] for s in state["scenarios"]] == ["Før nedbrud"], f"scenarios after kill -9: {state['scenarios']}")
        expect(page.locator("#resumed").is_visible(), "the page does not say the work was resumed")
        text = page.locator("#resumed-text").inner_text()
        expect("Dit arbejde fra sidste gang er hentet frem" in text and "scenarier: 1" in text, f"the resumed note reads {text!r}")
        shoot(page, "da-resumed")
        # Start afresh: asked first; the search runs with the start's settings; undo steps and scenarios go.
        before = version(page)
        page.once("dialog", lambda dialog: dialog.accept())
        page.click("#start-afresh")
        wait_for_render_after(page, before)
        state = served.get("/api/state")
        expect(state["history"]["undoSteps"] == 0 and state["scenarios"] == [], f"after Start afresh: {state['history']}, {state['scenarios']}")
        expect(page.locator("#resumed").is_hidden(), "the resumed note stays after Start afresh")
        previous = os.path.join(session_folder, "small-danish.csv.sparring-session.previous")
        expect(os.path.exists(previous), "Start afresh did not keep the earlier work")
        log(f"resumed after kill -9 with the swap and the scenario; Start afresh kept the earlier work in {os.path.basename(previous)}")
        watch.verify("resumed session")
        context.close()
        stop(served, "resumed session")


# MARK: - Main

def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", default=os.environ.get("SPARRING_BINARY") or os.path.join(ROOT, ".build", "debug", "sparring"))
    arguments = parser.parse_args()
    binary = os.path.abspath(arguments.binary)
    if not os.access(binary, os.X_OK):
        print(f"no sparring executable at {binary}: build it first (swift build)", file=sys.stderr)
        return 1
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("no chromium on PATH", file=sys.stderr)
        return 1
    results = {}
    steps = [("English roster", english_roster), ("Danish roster", danish_roster), ("5,000 leaders", large_roster),
             ("saved session", resumed_session)]
    with tempfile.TemporaryDirectory(prefix="sparring-e2e-") as folder, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium)
        log(f"browser: {chromium} {browser.version}; binary: {binary}; screenshots: {SHOTS or 'none'}")
        try:
            for name, step in steps:
                log(f"— {name}")
                if step is english_roster:
                    step(browser, binary, results)
                elif step is danish_roster or step is resumed_session:
                    step(browser, binary, results, folder) if step is danish_roster else step(browser, binary, folder)
                else:
                    step(browser, binary, folder)
        except Exception:
            log(f"FAILED in: {name}")
            traceback.print_exc(file=sys.stdout)
            for context in browser.contexts:
                for page in context.pages:
                    if SHOTS:
                        try:
                            page.screenshot(path=os.path.join(SHOTS, "failure.png"), full_page=True)
                            log(f"screenshot of the failure: {os.path.join(SHOTS, 'failure.png')}")
                        except Exception:
                            pass
            browser.close()
            return 1
        browser.close()
    if FAILURES:
        log(f"{len(FAILURES)} check(s) failed:")
        for message in FAILURES:
            print(f"  - {message}", flush=True)
        return 1
    log("all workbench end-to-end checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
