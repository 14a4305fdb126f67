"use strict";
// The workbench page (`sparring serve`): shows the server's state and sends the consultant's actions.
// It holds no rule logic: every check, score, explanation and text comes from the JSON API
// (Documentation/Workbench.md). Roster values are user data: they only ever reach the page as textContent.

const CARDS_PER_PAGE = 24;
/** How long a dragged leader is held over a pager button before the page turns (and turns again). */
const PAGE_TURN_MS = 600;
const POLL_MS = 200;
const SETTINGS_DELAY_MS = 250;
const FIND_DELAY_MS = 120;
const LISTED_PROBLEMS = 40;

/** Texts shown before the roster's texts arrive (or when they cannot). */
const FALLBACK = {
  "page.title": "Sparring workbench",
  "page.loading": "Loading…",
  "page.loadFailed": "The workbench could not load: {0}",
  "page.loadFailed.hint": "Open the address that sparring serve printed in the terminal, with its token.",
  "page.network": "The workbench does not answer.",
  "page.network.hint": "Check that sparring serve still runs in the terminal.",
  "page.close": "Close",
};

const view = {
  texts: FALLBACK,
  language: "en",
  roster: null,
  leaders: new Map(),        // id → {id, name, values, order}
  state: null,
  groups: new Map(),         // label → group
  groupOf: new Map(),        // leader id → label
  pins: new Set(),
  page: 0,
  onlyBroken: false,
  // The index (into the roster's visible attributes) of the column shown on every leader, or -1.
  chipColumn: -1,
  shownLabels: [],           // the labels of the cards on screen, in order
  cardOf: new Map(),         // label → card element on screen
  explained: new Map(),      // label → whether the consultant opened (true) or closed (false) its explanation
  selected: null,            // leader id chosen for a move by hand
  find: { query: "", matches: [], at: -1 },
  controlsShape: "",         // the keys and kinds the sliders were built for
  pendingControls: {},       // key → value not yet sent
  settingsTimer: 0,
  pollTimer: 0,
  dragged: null,             // the leader id being dragged
  solveStart: null,          // performance.now() when the running search started, as this page saw it
  solveRequested: false,     // this page has just asked for a search (so it starts now, whatever seconds say)
  queue: Promise.resolve(),  // changes are sent one at a time, in order
  sessionProblem: null,      // the save problem last shown, so it is shown once
};

// MARK: - Small helpers

const $ = (id) => document.getElementById(id);

/** The text of `key` with `{0}`, `{1}`, … filled in. */
function t(key, ...args) {
  const template = view.texts[key] ?? FALLBACK[key] ?? key;
  return template.replace(/\{(\d+)\}/g, (whole, k) => (k < args.length ? String(args[k]) : whole));
}

/** The text of `key`, or `fallback` when the catalogue has none (a control kind this page does not know). */
function tOr(key, fallback) {
  return view.texts[key] !== undefined ? t(key) : fallback;
}

/** An element with attributes and children; strings become text nodes (never HTML). */
function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "className") node.className = value;
    else if (name === "text") node.textContent = value;
    else if (name === "dataset") Object.assign(node.dataset, value);
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// Numbers as the engine writes them (Words.swift): "-673,52" in Danish, "6,485.37" from 10,000 up in English.
const decimalMark = () => (view.language === "da" ? "," : ".");
const thousands = () => (view.language === "da" ? "." : ",");

function formatInteger(value) {
  const digits = String(Math.abs(Math.trunc(value)));
  const grouped = digits.length > 4 ? digits.replace(/\B(?=(\d{3})+(?!\d))/g, thousands()) : digits;
  return (value < 0 ? "-" : "") + grouped;
}

function formatScore(value) {
  if (!Number.isFinite(value)) return String(value);
  const cents = Math.round(Math.abs(value) * 100);
  const sign = value < 0 && cents !== 0 ? "-" : "";
  return sign + formatInteger(Math.floor(cents / 100)) + decimalMark() + String(cents % 100).padStart(2, "0");
}

function formatNumber(value) {
  if (!Number.isFinite(value)) return String(value);
  const cents = Math.round(Math.abs(value) * 100);
  const sign = value < 0 && cents !== 0 ? "-" : "";
  const fraction = cents % 100;
  const whole = formatInteger(Math.floor(cents / 100));
  if (fraction === 0) return sign + whole;
  const decimals = fraction % 10 === 0 ? String(fraction / 10) : String(fraction).padStart(2, "0");
  return sign + whole + decimalMark() + decimals;
}

const formatSigned = (value) => (value > 0 ? "+" + formatNumber(value) : formatNumber(value));

function formatPercent(share) {
  const exact = share * 100;
  let value = Math.round(exact);
  if (value === 100 && exact < 100) value = 99;
  if (value === 0 && exact > 0) value = 1;
  return view.language === "da" ? `${value} %` : `${value}%`;
}

// MARK: - Talking to the server

/** The access token the server wrote into this page; every API request sends it as a header (the cookie
 *  alone opens only the page: another page on this machine gets the cookie sent, but cannot set a header). */
const TOKEN = document.querySelector('meta[name="sparring-token"]')?.content ?? "";

/** Fetches `path` with the token; a change is always JSON (the server refuses anything else). */
async function send(method, path, body, accept) {
  const init = { method, credentials: "same-origin", headers: { Accept: accept, "X-Sparring-Token": TOKEN } };
  if (method !== "GET") {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body ?? {});
  }
  try {
    return await fetch(path, init);
  } catch {
    throw { error: t("page.network"), hint: t("page.network.hint") };
  }
}

/** Sends a request; resolves with the JSON answer, rejects with `{error, hint}`. */
async function api(method, path, body) {
  const response = await send(method, path, body, "application/json");
  let data = null;
  try { data = await response.json(); } catch { data = null; }
  if (!response.ok) {
    throw { status: response.status, error: data?.error ?? `${response.status} ${response.statusText}`, hint: data?.hint ?? "" };
  }
  return data;
}

/** Sends a change (after any change before it) and shows the state it answers with; a refusal shows its message. */
function change(path, body) {
  const run = async () => {
    try {
      const state = await api("POST", path, body);
      clearMessage();
      applyState(state);
      if (state?.solve?.running) startPolling();
      return true;
    } catch (failure) {
      showMessage(failure.error, failure.hint);
      return false;
    }
  };
  const result = view.queue.then(run, run);
  view.queue = result.catch(() => false);
  return result;
}

/** Downloads an export: fetched with the token (an export is never served on the cookie alone), saved under
 *  the name the server gives it. */
async function download(link) {
  try {
    const response = await send("GET", link.getAttribute("href"), undefined, "*/*");
    if (!response.ok) {
      let data = null;
      try { data = await response.json(); } catch { data = null; }
      throw { error: data?.error ?? `${response.status} ${response.statusText}`, hint: data?.hint ?? "" };
    }
    const blob = await response.blob();
    const disposition = response.headers.get("Content-Disposition") ?? "";
    const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
    const plain = /filename="([^"]*)"/i.exec(disposition);
    const name = utf8 ? decodeURIComponent(utf8[1]) : (plain ? plain[1] : "sparring");
    const url = URL.createObjectURL(blob);
    const save = el("a", { href: url, download: name, hidden: true });
    document.body.append(save);
    save.click();
    save.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  } catch (failure) {
    showMessage(failure.error, failure.hint);
  }
}

// MARK: - Messages

function showMessage(error, hint) {
  const box = $("message");
  box.replaceChildren(
    el("div", { className: "message-text" }, el("strong", { text: error ?? "" }), hint ? el("span", { text: hint }) : null),
    el("button", { type: "button", className: "message-close", "aria-label": t("page.close"), title: t("page.close"), text: "×" }),
  );
  box.hidden = false;
}

function clearMessage() {
  const box = $("message");
  if (box.hidden) return;
  box.hidden = true;
  box.replaceChildren();
}

// MARK: - Start

async function start() {
  const url = new URL(window.location.href);
  if (url.searchParams.has("token")) history.replaceState(null, "", "/");
  $("loading").textContent = t("page.loading");
  wireEvents();
  try {
    const roster = await api("GET", "/api/roster");
    applyRoster(roster);
    const state = await api("GET", "/api/state");
    applyState(state, true);
    $("app").dataset.ready = "true";
    if (state.solve?.running) startPolling();
  } catch (failure) {
    $("loading").textContent = t("page.loadFailed", failure.error ?? "");
    showMessage(t("page.loadFailed", failure.error ?? ""), failure.hint || t("page.loadFailed.hint"));
  }
}

function applyRoster(roster) {
  view.roster = roster;
  view.language = roster.language || "en";
  view.texts = Object.assign({}, FALLBACK, roster.texts || {});
  document.documentElement.lang = view.language;
  document.title = `${t("page.title")} · ${roster.file ?? ""}`;
  roster.leaders.forEach((leader, order) => view.leaders.set(leader.id, { ...leader, order }));

  for (const node of document.querySelectorAll("[data-text]")) node.textContent = t(node.dataset.text);
  for (const node of document.querySelectorAll("[data-title]")) node.title = t(node.dataset.title);
  for (const node of document.querySelectorAll("[data-placeholder]")) node.placeholder = t(node.dataset.placeholder);
  for (const node of document.querySelectorAll("[data-aria]")) {
    node.setAttribute("aria-label", t(node.dataset.aria));
    node.title = t(node.dataset.aria);
  }

  $("roster-file").textContent = roster.file ?? "";
  $("roster-file").title = t("page.roster.file", roster.file ?? "");
  $("score").setAttribute("aria-label", t("page.score"));
  $("summary").replaceChildren(...(roster.summary ?? []).map((line) => el("li", { text: line })));
  $("typology").replaceChildren(...(roster.typologies ?? []).map((typology) =>
    el("option", { value: typology.value, title: typology.rule, text: typology.label })));
  // What each leader's chip may show beside the name: nothing, or one of the visible columns.
  view.chipColumn = -1;
  $("chip-column").replaceChildren(el("option", { value: "-1", text: t("page.chipColumn.none") }),
    ...(roster.attributes ?? []).map((attribute, k) => el("option", { value: String(k), text: attribute.header })));
  renderResumed(roster.resumed);
}

// MARK: - The saved session

/** Says that the work was resumed from an earlier session (what could not be resumed too), and offers to start afresh. */
function renderResumed(resumed) {
  $("resumed").hidden = !resumed;
  if (!resumed) return;
  $("resumed-text").textContent = t("page.resumed", resumed.saved, formatInteger(resumed.undo), formatInteger(resumed.scenarios));
  $("resumed-notes").replaceChildren(...(resumed.notes ?? []).map((note) => el("li", { text: note })));
}

/** Where the work is kept as it is made, and a search result that could not be kept. */
function renderSession() {
  const session = view.state.session ?? {};
  const note = $("session-note");
  note.textContent = (session.file ? t("page.session.file", session.file) : t("page.session.memory"))
    + (session.previous ? " " + t("page.session.previous", session.previous) : "");
  note.classList.toggle("bad", !session.file);
  if (session.problem && session.problem !== view.sessionProblem) showMessage(session.problem, "");
  view.sessionProblem = session.problem ?? null;
}

/** Starts afresh after asking: the server keeps the work so far in a file of its own (the note below the exports says where). */
function startAfresh() {
  if (!window.confirm(t("page.afresh.confirm"))) return;
  $("resumed").hidden = true;
  view.solveRequested = true;
  change("/api/fresh", {});
}

// MARK: - The state

/** Shows `state`: only the cards whose groups `changed` names are rebuilt, unless `full`. */
function applyState(state, full = false) {
  const previous = view.state;
  view.state = state;
  view.groups = new Map(state.groups.map((group) => [group.label, group]));
  view.groupOf = new Map();
  for (const group of state.groups) for (const id of group.members) view.groupOf.set(id, group.label);
  view.pins = new Set(state.pins ?? []);

  const sameLabels = previous && previous.groups.length === state.groups.length
    && previous.groups.every((group, k) => group.label === state.groups[k].label);
  const consecutive = previous && state.version === previous.version + 1;
  const unchanged = previous && state.version === previous.version;
  if (!sameLabels) {
    full = true;
    renderGroupChoices();
  }
  const changed = full || !(consecutive || unchanged) ? null : new Set(unchanged ? [] : state.changed ?? []);

  renderPlan();
  renderScore();
  renderSolve(Boolean(previous?.solve?.running) || view.solveRequested);
  view.solveRequested = false;
  renderSettings();
  if (!unchanged || full) {
    renderCards(changed);
    renderRules();
    renderScenarios();
  }
  renderMoveName();
  renderSession();
  const app = $("app");
  app.dataset.version = String(state.version);
  app.classList.toggle("running", Boolean(state.solve?.running));
}

/** A plan of several rounds: a tab per round (the one shown selected) and how often pairs meet again across them. */
function renderPlan() {
  const plan = view.state.plan;
  $("plan").hidden = !plan;
  if (!plan) return;
  const running = Boolean(view.state.solve?.running);
  const tabs = [];
  for (let r = 0; r < plan.rounds; r++) {
    const selected = r === plan.round;
    const tab = el("button", { type: "button", role: "tab", className: "round-tab", "aria-selected": selected ? "true" : "false",
      dataset: { round: String(r + 1) }, text: t("page.plan.round", r + 1) });
    tab.disabled = running && !selected;
    if (!selected) tab.addEventListener("click", () => change("/api/round", { round: r + 1 }));
    tabs.push(tab);
  }
  $("round-tabs").replaceChildren(...tabs);
  const figures = $("plan-figures");
  figures.textContent = plan.repeats === 0 ? t("page.plan.noRepeats", plan.rounds)
    : t("page.plan.repeats", formatInteger(plan.repeats), plan.maxMeetings, plan.rounds);
  figures.title = t("page.plan.title");
  figures.classList.toggle("good", plan.repeats === 0);
}

function renderScore() {
  const { score, history } = view.state;
  const hard = score.hard;
  const hardBox = $("score-hard-box");
  $("score-hard").textContent = String(hard);
  $("score-hard").dataset.value = String(hard);
  $("score-hard-label").textContent = hard === 0 ? t("page.score.hard.kept") : hard === 1 ? t("page.score.hard.brokenOne") : t("page.score.hard.broken");
  hardBox.classList.toggle("kept", hard === 0);
  hardBox.classList.toggle("broken", hard !== 0);
  hardBox.title = t("page.score.hard.title");
  $("score-soft").textContent = formatScore(score.soft);
  $("score-soft").dataset.value = String(score.soft);
  $("score-soft").parentElement.title = t("page.score.soft.title");
  const running = Boolean(view.state.solve?.running);
  $("undo").disabled = running || !history?.canUndo;
  $("redo").disabled = running || !history?.canRedo;
}

// MARK: - Solving

function renderSolve(previousRunning = false) {
  const solve = view.state.solve ?? { running: false, seconds: 0, limit: 0 };
  const running = Boolean(solve.running);
  $("solve").disabled = running;
  $("stop").disabled = !running;
  const seconds = $("solve-seconds");
  seconds.disabled = running;
  if (seconds.value === "" && solve.limit) seconds.value = String(Math.round(solve.limit));
  const progress = $("progress");
  if (running) {
    // The server reports the search's seconds now and then; the page's own clock moves the bar in between.
    if (view.solveStart === null) view.solveStart = performance.now() - (previousRunning ? 0 : Math.max(0, solve.seconds) * 1000);
    const elapsed = Math.min(solve.limit, (performance.now() - view.solveStart) / 1000);
    progress.value = solve.limit > 0 ? Math.min(1, elapsed / solve.limit) : 0;
    // Until the search's first report there is no best score yet.
    const best = solve.hard === null || solve.hard === undefined ? t("page.solve.starting") : t("page.solve.best", formatInteger(solve.hard), formatScore(solve.soft));
    $("solve-status").textContent = `${t("page.solve.running", formatNumber(Math.floor(elapsed * 10) / 10), formatNumber(solve.limit))} ${best}`;
  } else {
    view.solveStart = null;
    progress.value = solve.stopped ? Math.min(1, solve.limit > 0 ? solve.seconds / solve.limit : 0) : solve.seconds > 0 ? 1 : 0;
    $("solve-status").textContent = solve.improved === false ? t("page.solve.kept") : solve.stopped ? t("page.solve.stopped") : "";
  }
  $("solve-pins").textContent = view.pins.size > 0 ? t("page.solve.pins", formatInteger(view.pins.size)) : "";
  for (const id of ["typology", "scenario-save", "move-go", "swap-go"]) $(id).disabled = running;
  for (const input of document.querySelectorAll("#controls input[type=range]")) input.disabled = running;
  for (const button of document.querySelectorAll(".scenario-load, .scenario-delete")) button.disabled = running;
}

function startPolling() {
  if (view.pollTimer) return;
  const poll = async () => {
    try {
      const state = await api("GET", "/api/state");
      applyState(state);
      if (!state.solve?.running) { view.pollTimer = 0; return; }
    } catch (failure) {
      showMessage(failure.error, failure.hint);
    }
    view.pollTimer = setTimeout(poll, POLL_MS);
  };
  view.pollTimer = setTimeout(poll, POLL_MS);
}

function solve() {
  const seconds = Number($("solve-seconds").value);
  const body = Number.isFinite(seconds) && seconds > 0 ? { seconds } : {};
  view.solveRequested = true;
  change("/api/solve", body);
}

// MARK: - Settings

function renderSettings() {
  const settings = view.state.settings;
  const typology = $("typology");
  typology.value = settings.typology;
  const chosen = (view.roster.typologies ?? []).find((entry) => entry.value === settings.typology);
  $("typology-rule").textContent = chosen?.rule ?? "";
  $("sizes").textContent = t("page.sizes", formatInteger(settings.groups), settings.minSize, settings.maxSize);

  const controls = settings.controls ?? [];
  const shape = controls.map((control) => `${control.key}|${control.kind}|${control.value === null}|${control.min}|${control.max}`).join("\n");
  if (shape !== view.controlsShape) {
    view.controlsShape = shape;
    buildControls(controls);
  }
  for (const control of controls) {
    if (control.value === null || control.key in view.pendingControls) continue;
    const input = document.querySelector(`#controls input[type=range][data-control="${CSS.escape(control.key)}"]`);
    if (!input) continue;
    input.value = String(control.value);
    showControlValue(input, control);
  }
}

/** One section per kind of control, in the order the server lists them; hard controls show a note. */
function buildControls(controls) {
  const sections = new Map();
  controls.forEach((control, k) => {
    if (!sections.has(control.kind)) {
      const hint = tOr(`page.kind.${control.kind}.hint`, "");
      sections.set(control.kind, el("fieldset", { className: "control-kind" },
        el("legend", { text: tOr(`page.kind.${control.kind}`, control.kind) }),
        hint ? el("p", { className: "muted small", text: hint }) : null));
    }
    const section = sections.get(control.kind);
    const id = `control-${k}`;
    if (control.value === null) {
      section.append(el("div", { className: "control hard" },
        el("span", { className: "control-label", text: control.label }),
        el("span", { className: "hard-note", title: t("page.control.hard.title"), dataset: { control: control.key }, text: t("page.control.hard") })));
      return;
    }
    const output = el("output", { for: id, className: "control-value" });
    const input = el("input", {
      type: "range", id, min: control.min, max: control.max, step: 1, value: control.value,
      dataset: { control: control.key, kind: control.kind },
    });
    section.append(el("div", { className: "control" },
      el("label", { for: id, className: "control-label", text: control.label }), output, input));
    showControlValue(input, control);
  });
  // A kind whose rules are all hard has no scale to explain.
  for (const section of sections.values()) if (!section.querySelector("input")) section.querySelector(":scope > p")?.remove();
  $("controls").replaceChildren(...sections.values());
}

function showControlValue(input, control) {
  const value = Number(input.value);
  const text = control.kind === "weight" ? formatSigned(value) : formatNumber(value);
  const output = input.previousElementSibling;
  if (output) output.textContent = text;
  input.setAttribute("aria-valuetext", text);
  input.title = t("page.control.value", control.label, text);
}

function controlChanged(input) {
  const control = (view.state.settings.controls ?? []).find((entry) => entry.key === input.dataset.control);
  if (!control) return;
  showControlValue(input, control);
  view.pendingControls[control.key] = Number(input.value);
  clearTimeout(view.settingsTimer);
  view.settingsTimer = setTimeout(sendControls, SETTINGS_DELAY_MS);
}

async function sendControls() {
  view.settingsTimer = 0;
  const controls = view.pendingControls;
  if (Object.keys(controls).length === 0) return;
  view.pendingControls = {};
  const done = await change("/api/settings", { controls });
  if (!done) {
    view.controlsShape = "";
    renderSettings();
  }
}

async function typologyChanged() {
  const done = await change("/api/settings", { typology: $("typology").value });
  if (!done) renderSettings();
}

// MARK: - The cards

/** The labels the pager runs over: every group, or only those with problems. */
function listedLabels() {
  const groups = view.state.groups;
  return (view.onlyBroken ? groups.filter((group) => group.problems.length > 0) : groups).map((group) => group.label);
}

/** Rebuilds the cards on screen whose labels are in `changed`, or every card on the page when `changed` is null. */
function renderCards(changed) {
  const labels = listedLabels();
  const pages = Math.max(1, Math.ceil(labels.length / CARDS_PER_PAGE));
  view.page = Math.min(Math.max(0, view.page), pages - 1);
  const first = view.page * CARDS_PER_PAGE;
  const pageLabels = labels.slice(first, first + CARDS_PER_PAGE);

  const samePage = changed && pageLabels.length === view.shownLabels.length
    && pageLabels.every((label, k) => label === view.shownLabels[k]);
  if (samePage) {
    for (const label of pageLabels) {
      if (!changed.has(label)) continue;
      const card = buildCard(view.groups.get(label));
      view.cardOf.get(label).replaceWith(card);
      view.cardOf.set(label, card);
    }
  } else {
    view.cardOf = new Map();
    const cards = pageLabels.map((label) => {
      const card = buildCard(view.groups.get(label));
      view.cardOf.set(label, card);
      return card;
    });
    $("cards").replaceChildren(...cards);
    if (cards.length === 0) $("cards").append(el("p", { className: "muted empty", text: t("page.pager.none") }));
    view.shownLabels = pageLabels;
  }

  $("page-info").textContent = labels.length === 0 ? t("page.pager.none")
    : t("page.pager.info", formatInteger(first + 1), formatInteger(first + pageLabels.length), formatInteger(labels.length));
  $("page-prev").disabled = view.page === 0;
  $("page-next").disabled = view.page >= pages - 1;
  const bottom = $("pager-bottom");
  bottom.hidden = pages <= 1;
  bottom.querySelector(".page-info-bottom").textContent = $("page-info").textContent;
  bottom.querySelector(".page-prev-bottom").disabled = $("page-prev").disabled;
  bottom.querySelector(".page-next-bottom").disabled = $("page-next").disabled;
  markSelection();
}

function buildCard(group) {
  const broken = group.problems.length > 0;
  const card = el("article", { className: broken ? "card broken" : "card", dataset: { group: group.label } },
    el("header", { className: "card-head" },
      el("h3", { text: t("page.group", group.label) }),
      el("span", { className: "size muted", text: t(group.size === 1 ? "page.group.sizeOne" : "page.group.size", group.size) }),
      el("button", { type: "button", className: "move-here", dataset: { group: group.label }, text: t("page.group.moveHere") })));
  if (broken) {
    card.append(el("div", { className: "problems-box", role: "group", "aria-label": t("page.group.problems") },
      el("ul", { className: "problems" }, group.problems.map((problem) => el("li", { text: problem })))));
  }
  card.append(el("ul", { className: "members" }, group.members.map((id) => buildChip(id, group.label))));
  // Who facilitates and who convenes the group, when the session places them (placed anew after every change);
  // the facilitator can be chosen by hand.
  const roles = [];
  if (group.facilitator !== undefined) roles.push([t("page.group.facilitator"), facilitatorChoice(group)]);
  if (group.convenor !== undefined) roles.push([t("page.group.convenor"), group.convenor || t("page.group.nobody")]);
  if (roles.length) {
    card.append(el("dl", { className: "roles small" }, roles.map(([term, who]) =>
      [el("dt", { text: term }), typeof who === "string" ? el("dd", { text: who }) : el("dd", { className: "wide" }, who)])));
  }
  const composition = group.composition ?? [], notes = group.notes ?? [];
  if (composition.length || notes.length) {
    const details = el("details", { className: "explain", open: explanationOpen(group.label), dataset: { group: group.label } },
      el("summary", { className: "small", text: notes.length ? t("page.group.details.notes", notes.length) : t("page.group.details") }),
      composition.length ? el("dl", { className: "composition", "aria-label": t("page.group.composition") },
        composition.map((line) => [el("dt", { text: attributeHeader(line.attribute) }), el("dd", { text: line.text })])) : null,
      notes.length ? el("ul", { className: "notes", "aria-label": t("page.group.notes") }, notes.map((note) => el("li", { text: note }))) : null);
    details.addEventListener("toggle", () => view.explained.set(group.label, details.open));
    card.append(details);
  }
  return card;
}

/** The card's facilitator: a choice of every facilitator, or "automatic" showing whom the assignment placed;
 *  a choice is sent at once (the server refuses one the group's members or the facilitator's capacity forbid). */
function facilitatorChoice(group) {
  const facilitators = view.roster.facilitators ?? [];
  if (facilitators.length === 0) return group.facilitator || t("page.group.nobody");
  const placed = group.facilitator || t("page.group.nobody");
  const chosen = group.facilitatorChosen ?? null;
  const select = el("select", { className: "facilitator-choice", title: t("page.group.facilitator.choose"),
    "aria-label": `${t("page.group.facilitator")} · ${t("page.group", group.label)}`, dataset: { group: group.label } },
    el("option", { value: "", text: chosen === null ? `${t("page.group.facilitator.auto")}: ${placed}` : t("page.group.facilitator.auto") }),
    facilitators.map((facilitator) => el("option", { value: facilitator.name,
      text: facilitator.name === chosen ? `${facilitator.name} (${t("page.group.facilitator.chosen")})` : facilitator.name })));
  select.value = chosen ?? "";
  select.addEventListener("change", () => {
    if (isRunning()) { showMessage(t("page.solve.busy"), ""); select.value = chosen ?? ""; return; }
    change("/api/facilitator", { group: group.label, facilitator: select.value === "" ? null : select.value })
      .then((done) => { if (!done) select.value = chosen ?? ""; });
  });
  return select;
}

/** Whether a card shows its composition and notes: as the consultant left it, else open when every card fits one page. */
function explanationOpen(label) {
  return view.explained.get(label) ?? view.state.groups.length <= CARDS_PER_PAGE;
}

/** The roster's own header for an attribute named by its key (or the name as it came). */
function attributeHeader(name) {
  return (view.roster.attributes ?? []).find((attribute) => attribute.key === name)?.header ?? name;
}

const PADLOCK_PATH = "M5 7V5a3 3 0 0 1 6 0v2h.5A1.5 1.5 0 0 1 13 8.5v5a1.5 1.5 0 0 1-1.5 1.5h-7A1.5 1.5 0 0 1 3 13.5v-5A1.5 1.5 0 0 1 4.5 7H5zm1.5 0h3V5a1.5 1.5 0 0 0-3 0v2z";
const OPEN_PADLOCK_PATH = "M6.5 7h5A1.5 1.5 0 0 1 13 8.5v5a1.5 1.5 0 0 1-1.5 1.5h-7A1.5 1.5 0 0 1 3 13.5v-5A1.5 1.5 0 0 1 4.5 7H5V5a3 3 0 0 1 5.8-1.1l-1.4.55A1.5 1.5 0 0 0 6.5 5v2z";

function padlock(pinned) {
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("viewBox", "0 0 16 16");
  svg.setAttribute("width", "14");
  svg.setAttribute("height", "14");
  svg.setAttribute("aria-hidden", "true");
  const path = document.createElementNS("http://www.w3.org/2000/svg", "path");
  path.setAttribute("d", pinned ? PADLOCK_PATH : OPEN_PADLOCK_PATH);
  path.setAttribute("fill", "currentColor");
  svg.append(path);
  return svg;
}

function leaderTitle(leader, label) {
  const lines = [t("page.leader.title", leader.name, leader.id)];
  const attributes = view.roster.attributes ?? [];
  attributes.forEach((attribute, k) => {
    const value = leader.values?.[k];
    if (value !== undefined && value !== "") lines.push(t("page.leader.value", attribute.header, value));
  });
  if (view.pins.has(leader.id)) lines.push(t("page.leader.pinned", label));
  return lines.join("\n");
}

function buildChip(id, label) {
  const leader = view.leaders.get(id) ?? { id, name: id, values: [] };
  const pinned = view.pins.has(id);
  const name = leader.name || id;
  return el("li", {
    className: pinned ? "leader pinned" : "leader", draggable: "true", tabindex: 0,
    dataset: { leader: id }, title: leaderTitle(leader, label),
  },
  el("span", { className: "name", text: name },
    // The column the consultant chose to see on every leader (title, field …), under the name.
    view.chipColumn >= 0 && leader.values?.[view.chipColumn] ? el("span", { className: "extra", text: leader.values[view.chipColumn] }) : null),
  name !== id ? el("span", { className: "id", text: id }) : null,
  el("button", {
    type: "button", className: "pin", dataset: { leader: id }, "aria-pressed": pinned ? "true" : "false",
    "aria-label": t("page.pin", name), title: pinned ? t("page.unpin", name) : t("page.pin", name),
  }, padlock(pinned)));
}

function goToPage(page) {
  view.page = page;
  renderCards(null);
  if ($("groups-panel").getBoundingClientRect().top < 0) $("groups-panel").scrollIntoView({ block: "start" });
}

// MARK: - Choosing a leader, finding one, moving by hand

/** The leader whose id is `text`, or else whose name is `text` (ignoring case). */
function leaderNamed(text) {
  const query = text.trim();
  if (query === "") return null;
  if (view.leaders.has(query)) return query;
  const lower = query.toLocaleLowerCase();
  for (const leader of view.leaders.values()) if (leader.id.toLocaleLowerCase() === lower) return leader.id;
  for (const leader of view.leaders.values()) if ((leader.name ?? "").toLocaleLowerCase() === lower) return leader.id;
  return null;
}

function select(id) {
  view.selected = id;
  $("move-leader").value = id ?? "";
  renderMoveName();
  markSelection();
}

function renderMoveName() {
  const id = view.selected;
  const leader = id ? view.leaders.get(id) : null;
  const label = id ? view.groupOf.get(id) : null;
  $("move-leader-name").textContent = leader ? `${leader.name !== id ? leader.name + " · " : ""}${t("page.group", label ?? "–")}` : "";
  if (label && $("move-group").value === label) {
    const other = view.state.groups.find((group) => group.label !== label);
    if (other) $("move-group").value = other.label;
  }
}

/** Marks the chosen and the found chips and the card holding the chosen one (cheap: one page of cards). */
function markSelection() {
  for (const node of document.querySelectorAll("#cards .leader.selected, #cards .leader.found")) node.classList.remove("selected", "found");
  for (const node of document.querySelectorAll("#cards .card.holds-selected")) node.classList.remove("holds-selected");
  const found = view.find.matches[view.find.at];
  if (found) document.querySelector(`#cards .leader[data-leader="${CSS.escape(found)}"]`)?.classList.add("found");
  $("cards").classList.toggle("has-selection", Boolean(view.selected));
  if (!view.selected) return;
  const chip = document.querySelector(`#cards .leader[data-leader="${CSS.escape(view.selected)}"]`);
  chip?.classList.add("selected");
  chip?.closest(".card")?.classList.add("holds-selected");
  const name = view.leaders.get(view.selected)?.name ?? view.selected;
  for (const button of document.querySelectorAll("#cards .move-here")) button.title = t("page.group.moveHere.title", name, button.dataset.group);
}

function renderGroupChoices() {
  const choice = $("move-group");
  const kept = choice.value;
  choice.replaceChildren(...view.state.groups.map((group) => el("option", { value: group.label, text: group.label })));
  if (view.groups.has(kept)) choice.value = kept;
}

function runFind() {
  const query = $("find").value.trim().toLocaleLowerCase();
  view.find = { query, matches: [], at: -1 };
  if (query !== "") {
    const ranked = [];
    for (const leader of view.leaders.values()) {
      const id = leader.id.toLocaleLowerCase(), name = (leader.name ?? "").toLocaleLowerCase();
      let rank = -1;
      if (id === query) rank = 0;
      else if (name === query) rank = 1;
      else if (name.startsWith(query) || id.startsWith(query)) rank = 2;
      else if (name.includes(query)) rank = 3;
      if (rank >= 0) ranked.push([rank, leader.order, leader.id]);
    }
    ranked.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    view.find.matches = ranked.map((entry) => entry[2]);
  }
  showFound(0);
}

/** Jumps to the page of match `at`, highlights and chooses that leader. */
function showFound(at) {
  const { matches, query } = view.find;
  if (matches.length === 0) {
    view.find.at = -1;
    $("find-info").textContent = query === "" ? "" : t("page.find.none");
    markSelection();
    return;
  }
  view.find.at = ((at % matches.length) + matches.length) % matches.length;
  const id = matches[view.find.at];
  $("find-info").textContent = t("page.find.count", formatInteger(view.find.at + 1), formatInteger(matches.length));
  const label = view.groupOf.get(id);
  let index = listedLabels().indexOf(label);
  if (index < 0 && view.onlyBroken) {
    view.onlyBroken = false;
    $("only-broken").checked = false;
    index = listedLabels().indexOf(label);
  }
  const page = Math.floor(Math.max(0, index) / CARDS_PER_PAGE);
  view.selected = id;
  $("move-leader").value = id;
  renderMoveName();
  if (page !== view.page || view.shownLabels.length === 0) { view.page = page; renderCards(null); } else markSelection();
  const chip = document.querySelector(`#cards .leader[data-leader="${CSS.escape(id)}"]`);
  if (chip) {
    chip.scrollIntoView({ block: "nearest", behavior: "smooth" });
    chip.classList.remove("flash");
    void chip.offsetWidth;
    chip.classList.add("flash");
  }
}

function chosenLeader(input) {
  const text = input.value;
  if (text.trim() === "") { showMessage(t("page.move.noLeader"), t("page.move.noLeader.hint")); return null; }
  const id = leaderNamed(text);
  if (!id) { showMessage(t("page.move.unknown", text.trim()), t("page.move.unknown.hint")); return null; }
  return id;
}

function moveLeader(id, label) {
  const leader = view.leaders.get(id);
  if (view.groupOf.get(id) === label) {
    showMessage(t("page.move.sameGroup", leader?.name ?? id, label), t("page.move.sameGroup.hint"));
    return;
  }
  change("/api/move", { leader: id, group: label });
}

function moveByHand() {
  const id = chosenLeader($("move-leader"));
  if (!id) return;
  select(id);
  moveLeader(id, $("move-group").value);
}

function swapByHand() {
  const a = chosenLeader($("move-leader"));
  if (!a) return;
  const b = chosenLeader($("swap-leader"));
  if (!b) return;
  select(a);
  change("/api/swap", { a, b });
}

// MARK: - Rules and scenarios

function renderRules() {
  const { rules, hardProblems, score } = view.state;
  const box = $("hard-problems");
  if (hardProblems.length === 0) {
    box.replaceChildren(el("p", { className: "kept-note", text: t("page.hardProblems.none") }));
  } else {
    const broken = view.state.groups.filter((group) => group.problems.length > 0);
    box.replaceChildren(el("div", { className: "problems-box" },
      el("h3", { text: t("page.hardProblems") }),
      el("ul", { className: "hard-list" },
        hardProblems.slice(0, LISTED_PROBLEMS).map((problem) => el("li", { text: problem })),
        hardProblems.length > LISTED_PROBLEMS ? el("li", { className: "muted", text: t("page.hardProblems.more", formatInteger(hardProblems.length - LISTED_PROBLEMS)) }) : null),
      broken.length ? el("p", { className: "jump small" }, t("page.hardProblems.groups"), " ",
        broken.slice(0, LISTED_PROBLEMS).map((group) => el("button", { type: "button", className: "link jump-group", dataset: { group: group.label }, text: group.label })),
        broken.length > LISTED_PROBLEMS ? ` ${t("page.hardProblems.more", formatInteger(broken.length - LISTED_PROBLEMS))}` : null) : null));
  }
  const table = $("rules");
  if (rules.length === 0) {
    table.replaceChildren(el("caption", { className: "muted", text: t("page.rules.none") }));
    return;
  }
  table.replaceChildren(
    el("thead", {}, el("tr", {}, el("th", { scope: "col", text: t("page.rules.rule") }), el("th", { scope: "col", text: t("page.rules.measure") }),
      el("th", { scope: "col", className: "num", text: t("page.rules.points") }))),
    el("tbody", {}, rules.map((rule) => el("tr", {},
      el("td", { text: rule.title }), el("td", { className: "measure", text: rule.measure }),
      el("td", { className: rule.points < 0 ? "num negative" : "num", text: formatScore(rule.points) })))),
    el("tfoot", {}, el("tr", {}, el("td", { colspan: 2, text: t("page.rules.total") }), el("td", { className: "num", text: formatScore(score.soft) }))));
}

/** The comparison's figures that mean the same whatever the typology and weights: leaders in groups of the asked
 *  typology, wishes granted, groups with a lone member, pairs meeting again; a row only where a scenario has it. */
function plainRows(scenarios, row, best) {
  const rows = [];
  const add = (key, label, title, better, text) => {
    const values = scenarios.map((scenario) => scenario.plain?.[key]);
    if (values.every((value) => value === undefined)) return;
    const top = best(values.filter((value) => value !== undefined), better);
    rows.push(row(t(label), scenarios.map((scenario, k) => el("td", {
      className: top !== null && values[k] === top ? "num best" : "num",
      text: values[k] === undefined ? "–" : text(scenario.plain),
    })), "plain-row", t(title)));
  };
  add("pure", "page.scenario.pure", "page.scenario.pure.title", (a, b) => a > b,
    (plain) => t("page.scenario.ofAll", formatInteger(plain.pure), formatInteger(plain.leaders)));
  add("wishesGranted", "page.scenario.wishes", "page.scenario.wishes.title", (a, b) => a > b,
    (plain) => t("page.scenario.ofAll", formatInteger(plain.wishesGranted), formatInteger(plain.wishes)));
  add("loneGroups", "page.scenario.lone", "page.scenario.lone.title", (a, b) => a < b, (plain) => formatInteger(plain.loneGroups));
  add("meetAgain", "page.scenario.again", "page.scenario.again.title", (a, b) => a < b, (plain) => formatInteger(plain.meetAgain));
  return rows;
}

function renderScenarios() {
  const scenarios = view.state.scenarios ?? [];
  const table = $("scenarios");
  if (scenarios.length === 0) {
    table.replaceChildren(el("caption", { className: "muted small", text: t("page.scenario.none") }));
    return;
  }
  const typologyName = (scenario) => scenario.typologyLabel
    ?? (view.roster.typologies ?? []).find((entry) => entry.value === scenario.typology)?.label ?? scenario.typology;
  const titles = [];
  // Rows by the rule's key ("rule id:name"), which stays when only its weight changes; the row shows the name.
  const keyOf = (rule) => rule.key ?? rule.title;
  const rowTitle = new Map();
  for (const scenario of scenarios) {
    for (const rule of scenario.rules ?? []) {
      const key = keyOf(rule);
      if (titles.includes(key)) continue;
      titles.push(key);
      rowTitle.set(key, rule.key ? rule.key.slice(rule.key.indexOf(":") + 1) : rule.title);
    }
  }

  // The best figure of a row is marked: fewest hard rules broken, most points.
  const best = (values, better) => {
    const present = values.filter((value) => value !== null && value !== undefined);
    if (present.length < 2) return null;
    const top = present.reduce((a, b) => (better(b, a) ? b : a));
    return present.every((value) => value === top) ? null : top;
  };
  const row = (label, cells, className = "", explained = null) =>
    el("tr", { className }, el("td", { className: "rowhead", text: label, title: explained }), cells);
  // Points are compared only where every scenario scores them the same way (the same typology, rules and
  // weights): points under other rules measure other things, so they are not shown side by side (the hover says
  // what they were).
  const figures = (values, format, better, comparable = true) => {
    const top = comparable ? best(values, better) : null;
    return values.map((value) => {
      const missing = value === null || value === undefined;
      if (!comparable && !missing && values.length > 1) {
        return el("td", { className: "num muted", text: "–", title: t("page.scenario.notComparable", format(value)) });
      }
      return el("td", { className: top !== null && value === top ? "num best" : "num", text: missing ? "–" : format(value) });
    });
  };
  const titlesOf = (scenario) => (scenario.rules ?? []).map((rule) => rule.title).join("\n");
  const sameScoring = scenarios.every((scenario) => scenario.typology === scenarios[0].typology && titlesOf(scenario) === titlesOf(scenarios[0]));
  const sameRule = (key) => {
    const found = scenarios.map((scenario) => (scenario.rules ?? []).find((rule) => keyOf(rule) === key));
    return found.every((rule) => rule && rule.title === found[0].title);
  };
  const running = Boolean(view.state.solve?.running);
  table.replaceChildren(
    el("caption", { className: "visually-hidden", text: t("page.scenario.compare") }),
    el("thead", {}, el("tr", {}, el("td", { className: "corner" }),
      scenarios.map((scenario) => el("th", { scope: "col", dataset: { index: scenario.index }, text: scenario.name })))),
    el("tbody", {},
      row(t("page.scenario.typology"), scenarios.map((scenario) => el("td", { text: typologyName(scenario) }))),
      row(t("page.scenario.groups"), scenarios.map((scenario) => el("td", { className: "num", text: formatInteger(scenario.groups) }))),
      row(t("page.scenario.hard"), figures(scenarios.map((scenario) => scenario.hard), formatInteger, (a, b) => a < b), "hard-row", t("page.scenario.hard.title")),
      plainRows(scenarios, row, best),
      row(t("page.scenario.soft"), figures(scenarios.map((scenario) => scenario.soft), formatScore, (a, b) => a > b, sameScoring), "soft-row",
        sameScoring ? t("page.scenario.soft.title") : t("page.scenario.soft.otherRules")),
      titles.length ? el("tr", { className: "section" }, el("td", { className: "rowhead", colspan: scenarios.length + 1, text: t("page.scenario.rules") })) : null,
      titles.map((key) => row(rowTitle.get(key), figures(scenarios.map((scenario) => (scenario.rules ?? []).find((rule) => keyOf(rule) === key)?.points ?? null), formatScore, (a, b) => a > b, sameRule(key)), "rule-row")),
      row(t("page.scenario.shared"), scenarios.map((scenario) => el("td", { className: "num", text: formatPercent(scenario.sharedPairs) })), "", t("page.scenario.shared.title")),
      el("tr", { className: "actions" }, el("td", { className: "rowhead" }), scenarios.map((scenario) => el("td", {},
        el("button", { type: "button", className: "scenario-load", dataset: { index: scenario.index }, disabled: running, title: t("page.scenario.load.title", scenario.name), text: t("page.scenario.load") }),
        " ",
        el("button", { type: "button", className: "scenario-delete link-danger", dataset: { index: scenario.index }, disabled: running, title: t("page.scenario.delete.title", scenario.name), text: t("page.scenario.delete") }))))));
}

function saveScenario() {
  const input = $("scenario-name");
  const name = input.value.trim() || t("page.scenario.default", (view.state.scenarios?.length ?? 0) + 1);
  change("/api/scenarios", { name }).then((done) => { if (done) input.value = ""; });
}

// MARK: - Events

const isRunning = () => Boolean(view.state?.solve?.running);

function wireEvents() {
  for (const link of document.querySelectorAll(".exports a")) {
    link.addEventListener("click", (event) => { event.preventDefault(); download(link); });
  }
  $("solve").addEventListener("click", solve);
  $("start-afresh").addEventListener("click", startAfresh);
  $("export-panel").addEventListener("click", (event) => {
    if (event.target.closest("a") && view.state?.session) view.state.session.unexported = false;
  });
  // Every change is on the disk already, but an export not made yet is easily forgotten: ask before the tab closes.
  window.addEventListener("beforeunload", (event) => {
    if (!view.state?.session?.unexported) return;
    event.preventDefault();
    event.returnValue = t("page.leave");
  });
  $("stop").addEventListener("click", () => change("/api/stop"));
  $("undo").addEventListener("click", () => change("/api/undo"));
  $("redo").addEventListener("click", () => change("/api/redo"));
  $("typology").addEventListener("change", typologyChanged);
  $("controls").addEventListener("input", (event) => {
    if (event.target.matches("input[type=range]")) controlChanged(event.target);
  });
  $("page-prev").addEventListener("click", () => goToPage(view.page - 1));
  $("page-next").addEventListener("click", () => goToPage(view.page + 1));
  $("pager-bottom").addEventListener("click", (event) => {
    if (event.target.closest(".page-prev-bottom")) goToPage(view.page - 1);
    else if (event.target.closest(".page-next-bottom")) goToPage(view.page + 1);
  });
  $("only-broken").addEventListener("change", (event) => { view.onlyBroken = event.target.checked; view.page = 0; renderCards(null); });
  $("chip-column").addEventListener("change", (event) => { view.chipColumn = Number(event.target.value); renderCards(null); });

  let findTimer = 0;
  $("find").addEventListener("input", () => { clearTimeout(findTimer); findTimer = setTimeout(runFind, FIND_DELAY_MS); });
  $("find").addEventListener("keydown", (event) => {
    if (event.key !== "Enter") return;
    event.preventDefault();
    clearTimeout(findTimer);
    const query = $("find").value.trim().toLocaleLowerCase();
    if (query !== view.find.query) runFind();
    else showFound(view.find.at + (event.shiftKey ? -1 : 1));
  });

  $("move-leader").addEventListener("input", () => {
    const id = leaderNamed($("move-leader").value);
    view.selected = id;
    renderMoveName();
    markSelection();
  });
  $("move-leader").addEventListener("keydown", (event) => { if (event.key === "Enter") { event.preventDefault(); moveByHand(); } });
  $("swap-leader").addEventListener("keydown", (event) => { if (event.key === "Enter") { event.preventDefault(); swapByHand(); } });
  $("move-go").addEventListener("click", moveByHand);
  $("swap-go").addEventListener("click", swapByHand);

  $("scenario-save").addEventListener("click", saveScenario);
  $("scenario-name").addEventListener("keydown", (event) => { if (event.key === "Enter") { event.preventDefault(); saveScenario(); } });
  $("scenarios").addEventListener("click", (event) => {
    const button = event.target.closest("button");
    if (!button || button.disabled) return;
    const index = Number(button.dataset.index);
    if (button.classList.contains("scenario-load")) change("/api/scenarios/load", { index });
    else if (button.classList.contains("scenario-delete")) change("/api/scenarios/delete", { index });
  });
  $("hard-problems").addEventListener("click", (event) => {
    const button = event.target.closest(".jump-group");
    if (!button) return;
    const index = listedLabels().indexOf(button.dataset.group);
    if (index < 0) return;
    goToPage(Math.floor(index / CARDS_PER_PAGE));
    view.cardOf.get(button.dataset.group)?.scrollIntoView({ block: "nearest", behavior: "smooth" });
  });
  $("message").addEventListener("click", (event) => { if (event.target.closest(".message-close")) clearMessage(); });

  wireCards();

  document.addEventListener("keydown", (event) => {
    if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
    if (event.target.closest?.("input, select, textarea")) return;
    const key = event.key.toLowerCase();
    if (key === "z" && !event.shiftKey && !$("undo").disabled) { event.preventDefault(); change("/api/undo"); }
    else if ((key === "y" || (key === "z" && event.shiftKey)) && !$("redo").disabled) { event.preventDefault(); change("/api/redo"); }
  });
}

function wireCards() {
  const cards = $("cards");
  cards.addEventListener("click", (event) => {
    const pin = event.target.closest("button.pin");
    if (pin) {
      if (isRunning()) return;
      const id = pin.dataset.leader;
      change("/api/pin", { leader: id, pinned: !view.pins.has(id) });
      return;
    }
    const here = event.target.closest("button.move-here");
    if (here) {
      if (view.selected && !isRunning()) moveLeader(view.selected, here.dataset.group);
      return;
    }
    const chip = event.target.closest(".leader");
    if (chip) select(view.selected === chip.dataset.leader ? null : chip.dataset.leader);
  });
  cards.addEventListener("keydown", (event) => {
    const chip = event.target.closest?.(".leader");
    if (!chip || event.target !== chip) return;
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      select(view.selected === chip.dataset.leader ? null : chip.dataset.leader);
    } else if (event.key === "Escape") {
      select(null);
    }
  });

  // Drag and drop: a chip onto another group's card moves; onto a chip of another group swaps.
  const clearTargets = () => {
    for (const node of cards.querySelectorAll(".drop-target, .swap-target")) node.classList.remove("drop-target", "swap-target");
    for (const node of cards.querySelectorAll(".preview")) node.remove();
    view.previewKey = null;
  };
  // While a chip is held over a group (or a chip of it), the engine says what the drop would do: the points and
  // any hard rule it would break. One question per target, after a short pause; a late answer for a target
  // left already is dropped.
  const showPreview = (target) => {
    const body = target.chip ? { a: view.dragged, b: target.chip.dataset.leader } : { leader: view.dragged, group: target.card.dataset.group };
    const key = JSON.stringify(body);
    if (view.previewKey === key) return;
    view.previewKey = key;
    clearTimeout(view.previewTimer);
    view.previewTimer = setTimeout(async () => {
      let line;
      try {
        const preview = await api("POST", "/api/preview", body);
        if (!preview) return;
        const points = (preview.points > 0 ? "+" : "") + formatScore(preview.points);
        line = preview.hard > 0 ? t("page.preview.breaks", points, preview.breaks.join("; ") || String(preview.hard))
          : preview.hard < 0 ? t("page.preview.mends", points) : t("page.preview.points", points);
        line = { text: line, className: preview.hard > 0 ? "preview bad" : preview.points < 0 ? "preview worse" : "preview better" };
      } catch (failure) {
        line = { text: failure.error, className: "preview bad" };
      }
      if (view.previewKey !== key || !view.dragged) return;
      for (const node of cards.querySelectorAll(".preview")) node.remove();
      target.card.append(el("p", { className: line.className, role: "status", text: line.text }));
    }, 120);
  };
  const targetOf = (event) => {
    const card = event.target.closest?.(".card");
    if (!card || !view.dragged) return null;
    const from = view.groupOf.get(view.dragged);
    if (card.dataset.group === from) return null;
    const chip = event.target.closest(".leader");
    return { card, chip: chip && chip.dataset.leader !== view.dragged ? chip : null };
  };
  cards.addEventListener("dragstart", (event) => {
    const chip = event.target.closest?.(".leader");
    if (!chip || isRunning()) {
      event.preventDefault();
      if (chip) showMessage(t("page.solve.busy"), "");
      return;
    }
    view.dragged = chip.dataset.leader;
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", chip.dataset.leader);
    chip.classList.add("dragging");
    cards.classList.add("dragging-on");
  });
  cards.addEventListener("dragend", (event) => {
    event.target.closest?.(".leader")?.classList.remove("dragging");
    cards.classList.remove("dragging-on");
    view.dragged = null;
    clearTargets();
  });
  cards.addEventListener("dragover", (event) => {
    const target = targetOf(event);
    if (!target) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    for (const node of cards.querySelectorAll(".drop-target, .swap-target")) node.classList.remove("drop-target", "swap-target");
    target.card.classList.add("drop-target");
    target.chip?.classList.add("swap-target");
    showPreview(target);
  });
  cards.addEventListener("dragleave", (event) => {
    if (!event.relatedTarget || !cards.contains(event.relatedTarget)) clearTargets();
  });
  cards.addEventListener("drop", (event) => {
    if (!view.dragged) view.dragged = event.dataTransfer.getData("text/plain") || null;
    const target = targetOf(event);
    clearTargets();
    // After a page turn the dragged chip is no longer in the page, so its dragend never reaches the cards.
    cards.classList.remove("dragging-on");
    if (!target) return;
    event.preventDefault();
    const id = view.dragged;
    view.dragged = null;
    if (target.chip) change("/api/swap", { a: id, b: target.chip.dataset.leader });
    else change("/api/move", { leader: id, group: target.card.dataset.group });
  });
  wirePageTurnsWhileDragging(cards, clearTargets);
}

/** A leader dragged and held over a pager button turns the page (after PAGE_TURN_MS, and again while held), so
 *  that it can be dropped on a group of another page; dropped on the button, the page turns at once. */
function wirePageTurnsWhileDragging(cards, clearTargets) {
  let timer = null;
  const turn = (step) => {
    const pages = Math.max(1, Math.ceil(listedLabels().length / CARDS_PER_PAGE));
    const next = Math.min(pages - 1, Math.max(0, view.page + step));
    if (next !== view.page) { view.page = next; renderCards(null); }
  };
  const stop = (button) => { clearInterval(timer); timer = null; button?.classList.remove("turn-target"); };
  const buttons = [[$("page-prev"), -1], [$("page-next"), 1],
    [document.querySelector(".page-prev-bottom"), -1], [document.querySelector(".page-next-bottom"), 1]];
  for (const [button, step] of buttons) {
    if (!button) continue;
    button.title = t(step < 0 ? "page.pager.dragPrev" : "page.pager.dragNext");
    button.addEventListener("dragenter", (event) => {
      if (!view.dragged) return;
      event.preventDefault();
      stop(null);
      button.classList.add("turn-target");
      timer = setInterval(() => turn(step), PAGE_TURN_MS);
    });
    button.addEventListener("dragover", (event) => {
      if (!view.dragged) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = "move";
    });
    button.addEventListener("dragleave", () => stop(button));
    button.addEventListener("drop", (event) => {
      if (!view.dragged) return;
      event.preventDefault();
      stop(button);
      turn(step);
    });
  }
  // The chip dragged gets its dragend even when a page turn took it out of the page (a listener on the cards would not).
  cards.addEventListener("dragstart", (event) => {
    event.target.closest?.(".leader")?.addEventListener("dragend", () => {
      view.dragged = null;
      stop(null);
      for (const button of document.querySelectorAll(".turn-target")) button.classList.remove("turn-target");
      cards.classList.remove("dragging-on");
      clearTargets();
    }, { once: true });
  });
}

start();
