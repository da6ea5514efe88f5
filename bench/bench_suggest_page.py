"""Benchmark: the Suggestions page in headless Chromium with CORDIS Horizon 2020 loaded.

Run from the repository root (nice: the machine is shared)::

    nice python bench/bench_suggest_page.py --runs 3 --json /tmp/bench_suggest_page.json

Data: ../shared/data/cordis_h2020/h2020.csv.gz with the projects' programme
parts (``programme_parts.csv.gz`` beside it, the topics the forum composer
offers) and coordinators, read and loaded as ``pontes load --participations``
does, untimed, into a temporary embedded store (and, unless
``--skip-neo4j``, a throwaway Neo4j server, as bench/bench_scale.py does).

Each run starts a new app (``streamlit run app.py``) on the loaded store:
the learned model trains in the background once per graph version and app
process, and the page ranks by resource allocation until it is ready, so
only a new process shows that fallback again. Every run picks other
organisations (the best-connected, then the next ones) and other forum
topics, so no step is a cache hit unless its name says so. Steps, each from
the interaction (a click, typed keys) to the moment its result is in the
page (DOM elements of the new script run, not stale; no sleeps):

1. open ``/suggest`` in a new app process (the whole graph is read once per
   version) until the actor box and its prompt show, and until the page is
   done (its forum tab composes the default forum); a reload of the page in
   the same process, the same two ways;
2. pick an organisation: until its ranked suggestions with their reasons
   show (ranked by resource allocation, "still learning" shown), and until
   their drawing is laid out; a second organisation while the model still
   trains; after training (waited for untimed, until the app's process is
   idle), another organisation with the learned ranking;
3. the filters: "Only across a border" until every listed suggestion
   crosses a border, then a country until every one is from it;
4. the forum composer: a topic (size 8), then size 12, then another topic,
   until the invitation list and its summary show; and the first topic
   again (the page keeps each composed forum: a cache hit, by design).

Besides the wall-clock time, each step records the CPU seconds the app's
process and the browser (every Chromium process) spent in it: on this
2-core machine, shared with other jobs, the two compete for the cores, and
the CPU figures show which side the time went to. Chromium, run as root,
raises its own priority above ``nice``; by default the benchmark puts its
threads back to its own niceness while it polls (:meth:`Procs.keep_nice`),
so that the browser and the app run at the same niceness;
``--browser-own-priority`` leaves Chromium's.

Nothing here is asserted: benchmarks print figures, tests check behaviour.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from contextlib import ExitStack, contextmanager
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_scale import neo4j_untimed
from harness import (  # the browser harness the benchmarks share
    DATA,
    REPO,
    TABLE,
    Procs,
    by_degree,
    chromium,
    click,
    embedded_untimed,
    fmt_time,
    streamlit,
    streamlit_pid,
    wait_drawn,
    wait_idle,
)

PARTS = DATA.parent / "programme_parts.csv.gz"
#: The table as the README's evaluation reads it: programme parts become topics.
EXTRAS = {"event_attributes": ["programme_part"], "events": PARTS, "lead": ("role", "coordinator")}
#: Forum topics, two per run (first, second), a different pair in each run.
TOPICS = ["SC1", "LEIT", "MSCA", "SC5", "ERC", "SC3", "SC6", "FET", "SC2", "RI", "SC4", "SWAFS"]
#: Each wait gives up after this long (seconds): the steps take seconds; a
#: busy machine may stretch them, but not to this.
TIMEOUT = 600


# -- reading the page -------------------------------------------------------------------------------

#: What the page shows, from the DOM: the app's running state, and per tab
#: (both tabs' elements are in the document, the hidden one too) the
#: elements of the current script run (``data-stale="false"``). Cards are
#: the suggestions' bordered containers: heading ("N. name · country ·
#: value[ · crosses a border]") and the number of reasons (list items).
_STATE = r"""
var panels = document.querySelectorAll('[data-testid="stTabPanel"]');
function fresh(el) {
  var c = el.closest('[data-testid="stElementContainer"]');
  return !!c && c.getAttribute('data-stale') === 'false';
}
function texts(root, sel) {
  var out = [];
  if (!root) return out;
  root.querySelectorAll(sel).forEach(function (el) { if (fresh(el)) out.push(el.textContent.trim()); });
  return out;
}
var pairs = panels[0], forum = panels[1];
var cards = [];
if (pairs) pairs.querySelectorAll('[data-testid="stMarkdownContainer"] p > strong:first-child').forEach(function (s) {
  var p = s.parentElement;
  if (!/^\d+\. /.test(s.textContent)) return;
  var card = p.closest('[data-testid="stVerticalBlock"]');
  cards.push({head: p.textContent.trim(), fresh: fresh(p), reasons: card ? card.querySelectorAll('li').length : 0});
});
var df = forum ? forum.querySelector('[data-testid="stDataFrame"]') : null;
return {
  rerun: window.__benchStale || 0,
  forum_stale: forum ? forum.querySelectorAll('[data-testid="stElementContainer"][data-stale="true"]').length : 0,
  running: !!document.querySelector('[data-testid="stStatusWidget"]'),
  actor_box: !!document.querySelector("input[aria-label='Actor']"),
  alerts: texts(pairs, '[data-testid="stAlert"]'),
  captions: texts(pairs, '[data-testid="stCaptionContainer"]'),
  cards: cards,
  forum_text: texts(forum, '[data-testid="stMarkdownContainer"], [data-testid="stCaptionContainer"]'),
  forum_table: !!df && fresh(df)
};
"""

#: From now on, count the elements the app marks stale (``window.__benchStale``):
#: a new script run marks every element of the last one stale until it sends it
#: again. An element of the current run is one that is no longer stale after
#: that, even if it shows what it showed before (a filter that changes nothing
#: in the list, a forum the page kept).
_ARM = """
window.__benchStale = 0;
if (!window.__benchObserver) {
  window.__benchObserver = new MutationObserver(function (records) {
    records.forEach(function (r) {
      if (r.target.getAttribute('data-stale') === 'true') window.__benchStale++;
    });
  });
  window.__benchObserver.observe(document.body, {attributes: true, attributeFilter: ['data-stale'], subtree: true});
}
"""

PICK_FIRST = "Choose an actor to see whom it could meet."
STILL_LEARNING = "still learning"
EDITOR_ONLY = "Unlock editor mode"


def arm(browser) -> None:
    """Before an interaction: elements count as new only once marked stale after this."""
    browser.execute_script(_ARM)


def state(browser) -> dict:
    return browser.execute_script(_STATE)


#: The browser's processes while a run lasts (for :meth:`Procs.keep_nice` in the polls).
PROCS: list[Procs] = []


def wait_for(browser, ok, what: str, timeout: float = TIMEOUT) -> dict:
    """Poll the page (every 50 ms, as bench_scale.wait_drawn) until ``ok(state)``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for procs in PROCS:
            procs.keep_nice()
        s = state(browser)
        if ok(s):
            return s
        time.sleep(0.05)
    last = state(browser)
    head = {k: last[k] for k in ("rerun", "running", "forum_stale", "forum_table")}
    raise TimeoutError(f"timed out waiting for {what}: {head} {json.dumps(last)[:2000]}")


def listed(s: dict, *, scorer: str, check=None) -> bool:
    """A complete ranked list of a script run started after :func:`arm`, with reasons.

    Complete: the caption after the list ("Unlock editor mode …") is of this
    run too; every card is, and ranks run 1, 2, … with at least one reason each.
    """
    cards = s["cards"]
    if not s["rerun"] or not cards or not all(c["fresh"] for c in cards):
        return False
    if not any(EDITOR_ONLY in c for c in s["captions"]):
        return False
    if not any(f"Ranked by: {scorer}" in c for c in s["captions"]):
        return False
    if [int(c["head"].split(".", 1)[0]) for c in cards] != list(range(1, len(cards) + 1)):
        return False
    if not all(c["reasons"] > 0 for c in cards):
        return False
    return check is None or all(check(c["head"]) for c in cards)


def forum_shown(s: dict, size: int) -> bool:
    """The forum of a script run started after :func:`arm`: its table, and its summary for ``size`` invitees."""
    pairs = size * (size - 1) // 2
    text = tuple(s["forum_text"])
    return (
        s["rerun"]
        and s["forum_table"]
        and not s["forum_stale"]
        and any(t.endswith(f"of {pairs} pairs of invitees have not met yet.") for t in text)
        and any(t.startswith("Countries covered") for t in text)
    )


def country_of(head: str) -> str:
    """The country label of a card's heading ("N. name · country · value …")."""
    return head.split(" · ")[1]


# -- driving the widgets ----------------------------------------------------------------------------


def choose(browser, label: str, text: str, *, exact: bool = True) -> object:
    """Type ``text`` into the select box ``label`` and return the option to click (untimed)."""
    from selenium.webdriver.common.by import By

    box = browser.find_element(By.CSS_SELECTOR, f"input[aria-label='{label}']")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", box)
    deadline = time.monotonic() + TIMEOUT
    while box.get_attribute("disabled") is not None and time.monotonic() < deadline:
        time.sleep(0.1)
    box.click()
    box.send_keys(text)
    while time.monotonic() < deadline:
        for option in browser.find_elements(By.CSS_SELECTOR, "[role='option']"):
            t = option.text.strip()
            if (t == text) if exact else t.startswith(text):
                return option
        time.sleep(0.1)
    raise TimeoutError(f"no option {text!r} in {label!r}")


def name_of(org: str) -> str:
    return f"PIC {org.removeprefix('org:')} "


class Steps:
    """The timed steps of all runs: label -> list of {s, app_cpu_s, browser_cpu_s, load, note}."""

    def __init__(self, procs: Procs):
        self.procs = procs
        self.rows: dict[str, list[dict]] = {}

    def start(self):
        self.procs.keep_nice()
        return time.perf_counter(), self.procs.app_cpu(), self.procs.browser_cpu()

    def stop(self, label: str, started, note: str = "") -> float:
        t0, a0, b0 = started
        seconds = time.perf_counter() - t0
        row = {
            "s": seconds,
            "app_cpu_s": self.procs.app_cpu() - a0,
            "browser_cpu_s": self.procs.browser_cpu() - b0,
            "load": os.getloadavg()[0],
            "note": note,
        }
        self.rows.setdefault(label, []).append(row)
        print(
            f"    {label:72} {fmt_time(seconds):>8}  app CPU {row['app_cpu_s']:5.1f} s  browser CPU "
            f"{row['browser_cpu_s']:5.1f} s  load {row['load']:.2f}  {note}",
            flush=True,
        )
        return seconds


# -- one run ----------------------------------------------------------------------------------------


def open_steps(browser, steps: Steps, page: str) -> None:
    """Open the page in the new process, then reload it."""
    for label in ("new app process", "reload, same process"):
        t = steps.start()
        browser.get(page)
        wait_for(browser, lambda s: s["actor_box"] and PICK_FIRST in s["alerts"], "the actor prompt")
        steps.stop(f"open ({label}): actor box and prompt", t)
        wait_for(browser, lambda s: not s["running"] and s["forum_table"], "the page to finish")
        steps.stop(f"open ({label}): page done, default forum composed", t)


def pick(browser, steps: Steps, org: str, ties: int, label: str, scorer: str) -> dict:
    """Pick ``org`` in the actor box: until its list, then until its drawing."""
    option = choose(browser, "Actor", name_of(org), exact=False)
    arm(browser)
    t = steps.start()
    option.click()
    s = wait_for(browser, lambda s: listed(s, scorer=scorer), f"the list for {org}")
    training = any(STILL_LEARNING in x for x in s["alerts"])
    note = f"{ties} ties" + (", while training" if training else "")
    steps.stop(f"{label}: ranked list with reasons", t, note)
    wait_drawn(browser, timeout=TIMEOUT)
    steps.stop(f"{label}: drawing laid out", t)
    return s


def pick_steps(browser, steps: Steps, procs: Procs, orgs: list[tuple[str, int]]) -> dict:
    """Two picks ranked by resource allocation while the model trains, then one learned."""
    (a, a_ties), (a2, a2_ties), (b, b_ties) = orgs
    t0 = time.monotonic()
    pick(browser, steps, a, a_ties, "pick, resource allocation, first in the process", "Resource allocation")
    pick(browser, steps, a2, a2_ties, "pick, resource allocation, another", "Resource allocation")
    waited = wait_idle(procs)
    training = time.monotonic() - t0
    steps.rows.setdefault("(background training: from the first pick until the app is idle)", []).append(
        {"s": training, "app_cpu_s": None, "browser_cpu_s": None, "load": os.getloadavg()[0], "note": ""}
    )
    print(
        f"    background training: the app was idle {training:.0f} s after the first pick "
        f"(waited {waited:.0f} s for it)",
        flush=True,
    )
    return pick(browser, steps, b, b_ties, "pick, learned (after training)", "Learned")


def filter_steps(browser, steps: Steps, scorer: str) -> dict:
    """Only across a border, then a country as well, on the list ``s`` shows."""
    from selenium.webdriver.common.by import By

    expander = browser.find_element(By.XPATH, "//div[@data-testid='stExpander']//summary[.//p[text()='Filters']]")
    click(browser, expander)
    box = browser.find_element(By.XPATH, "//label[.//p[text()='Only across a border']]")
    ticked = box.find_element(By.CSS_SELECTOR, "input[type='checkbox']")
    for _ in range(3):  # a click on the opening expander can miss the box: timed from the click that ticks it
        arm(browser)
        t = steps.start()
        click(browser, box)
        if ticked.is_selected():
            break
        time.sleep(0.5)
        if ticked.is_selected():
            break
    else:
        raise RuntimeError("could not tick 'Only across a border'")
    s = wait_for(
        browser,
        lambda s: listed(s, scorer=scorer, check=lambda h: h.endswith("crosses a border")),
        "the cross-border list",
    )
    steps.stop("filter: only across a border: list updated", t, f"{len(s['cards'])} suggestions")
    country = country_of(s["cards"][-1]["head"])
    option = choose(browser, "Country", country)
    arm(browser)
    t = steps.start()
    option.click()
    s = wait_for(
        browser, lambda s: listed(s, scorer=scorer, check=lambda h: country_of(h) == country), f"the list for {country}"
    )
    steps.stop("filter: and a country: list updated", t)
    return s


def forum_steps(browser, steps: Steps, topics: tuple[str, str]) -> None:
    """The forum composer: a topic, a size, another topic, the first again."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    tab = browser.find_element(By.XPATH, "//*[@role='tab'][.//p[text()='Forum composer']]")
    click(browser, tab)
    first, second = topics
    for label, topic, size in (
        ("a topic, size 8", first, 8),
        ("size 8 → 12", None, 12),
        ("another topic", second, 12),
        ("the first topic again, size 12 (kept: a cache hit)", first, 12),
    ):
        if topic is not None:
            option = choose(browser, "Topic of the forum", topic)
            arm(browser)
            t = steps.start()
            option.click()
        else:
            box = browser.find_element(By.CSS_SELECTOR, "input[aria-label='Number of invitees']")
            box.send_keys(Keys.CONTROL, "a")
            box.send_keys(str(size))
            arm(browser)
            t = steps.start()
            box.send_keys(Keys.ENTER)
        wait_for(browser, lambda s, size=size: forum_shown(s, size), f"the forum ({label})")
        steps.stop(f"forum: {label}: invitation list shown", t)


@contextmanager
def app_and_browser(
    name: str, env: dict[str, str], tmp: Path, run: int, steps_by_store: dict[str, Steps], *, renice: bool
):
    """A new app process on the store and a browser; yields (browser, steps, procs, page URL)."""
    with streamlit(env, tmp / f"streamlit-{name}-{run}.log") as url:
        app = streamlit_pid()
        browser = chromium(tmp / f"profile-{name}-{run}")
        try:
            procs = Procs(app, browser.service.process.pid, renice=renice)
            PROCS[:] = [procs]
            procs.keep_nice()
            steps = steps_by_store.setdefault(name, Steps(procs))
            steps.procs = procs
            yield browser, steps, procs, f"{url}/suggest"
        finally:
            PROCS.clear()
            browser.quit()


def one_run(
    name: str,
    env: dict[str, str],
    tmp: Path,
    run: int,
    orgs: list[tuple[str, int]],
    topics: tuple[str, str],
    steps_by_store: dict[str, Steps],
    *,
    renice: bool,
) -> None:
    """One new app process; ``orgs``: three (id, ties) to pick, ``topics``: two forum topics."""
    with app_and_browser(name, env, tmp, run, steps_by_store, renice=renice) as (browser, steps, procs, page):
        open_steps(browser, steps, page)
        pick_steps(browser, steps, procs, orgs)
        filter_steps(browser, steps, "Learned")
        forum_steps(browser, steps, topics)


# -- main ---------------------------------------------------------------------------------------------


def markdown(steps: dict[str, Steps], runs: int) -> str:
    out = [
        "| step | store | median | min–max | app CPU (median) | browser CPU (median) | load average (1 min) |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for store, st in steps.items():
        for label, rows in st.rows.items():
            secs = [r["s"] for r in rows]
            app = [r["app_cpu_s"] for r in rows if r["app_cpu_s"] is not None]
            br = [r["browser_cpu_s"] for r in rows if r["browser_cpu_s"] is not None]
            loads = [r["load"] for r in rows]
            notes = "; ".join(dict.fromkeys(r["note"] for r in rows if r["note"]))
            out.append(
                f"| {label}{f' ({notes})' if notes else ''} | {store} | {fmt_time(statistics.median(secs))} "
                f"| {fmt_time(min(secs))}–{fmt_time(max(secs))} "
                f"| {f'{statistics.median(app):.1f} s' if app else '–'} "
                f"| {f'{statistics.median(br):.1f} s' if br else '–'} "
                f"| {min(loads):.2f}–{max(loads):.2f} |"
            )
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", type=Path, default=None, help="also write the results here")
    parser.add_argument("--skip-neo4j", action="store_true")
    parser.add_argument("--skip-embedded", action="store_true")
    parser.add_argument(
        "--browser-own-priority",
        action="store_true",
        help="let Chromium raise its own priority (as root it does, above nice)",
    )
    args = parser.parse_args()
    if args.runs * 2 > len(TOPICS):
        parser.error(f"at most {len(TOPICS) // 2} runs (two forum topics each)")

    from loaders.tables import read_participation_plan

    stamp0 = datetime.now(UTC).isoformat(timespec="seconds")
    load0 = os.getloadavg()
    print(f"{stamp0}, load average {load0[0]:.2f} {load0[1]:.2f} {load0[2]:.2f}")
    print(f"CORDIS table: {DATA} with {PARTS.name}")
    plan = read_participation_plan(DATA, **TABLE, **EXTRAS)
    print(f"  {len(plan.nodes)} nodes, {len(plan.ties)} ties")
    steps: dict[str, Steps] = {}
    with ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="pontes-bench-suggest-")))
        browser_priority = "its own" if args.browser_own_priority else "reniced to this process's"
        db = embedded_untimed(plan, tmp)
        from graph.store.embedded import EmbeddedStore

        with EmbeddedStore(db) as s:
            ranked, degree = by_degree(s, plan)
        orgs = [(x, degree[x]) for x in ranked[: 3 * args.runs]]
        empty = tmp / "no-seeds"
        empty.mkdir()
        common = {"PONTES_SEEDS": str(empty), "PONTES_LANGUAGE": "en"}
        stores = []
        if not args.skip_embedded:
            stores.append(("embedded", {**common, "PONTES_STORE": "embedded", "PONTES_DB_PATH": str(db)}))
        if not args.skip_neo4j:
            import neo4j

            from pontes import neo4j_server as ns

            home = ns.Home(tmp / "neo4j", lib_dir=REPO / ".neo4j" / "lib")
            ns.fetch(home.lib, REPO / "neo4j" / "pom.xml")
            creds = ns.start(home, die_with_parent=True)
            stack.callback(ns.stop, home)
            driver = stack.enter_context(neo4j.GraphDatabase.driver(creds.uri, auth=(creds.username, creds.password)))
            neo4j_untimed(plan, driver, "neo4j")
            stores.append(
                (
                    "neo4j",
                    {
                        **common,
                        "PONTES_STORE": "neo4j",
                        "NEO4J_URI": creds.uri,
                        "NEO4J_USERNAME": creds.username,
                        "NEO4J_PASSWORD": creds.password,
                        "NEO4J_DATABASE": "neo4j",
                    },
                )
            )
        for name, env in stores:
            for run in range(args.runs):
                picks = orgs[3 * run : 3 * run + 3]
                topics = (TOPICS[2 * run], TOPICS[2 * run + 1])
                print(
                    f"  {name}, run {run + 1}: organisations {', '.join(x for x, _ in picks)}, "
                    f"topics {' and '.join(topics)}",
                    flush=True,
                )
                one_run(name, env, tmp, run, picks, topics, steps, renice=not args.browser_own_priority)

    stamp = datetime.now(UTC).isoformat(timespec="seconds")
    load = os.getloadavg()
    machine = {"cpus": os.cpu_count(), "platform": platform.platform(), "python": platform.python_version()}
    print()
    print(
        f"The Suggestions page with CORDIS loaded, {stamp0} to {stamp}, {machine['cpus']} cores, "
        f"{machine['platform']}, Python {machine['python']}; {args.runs} runs, a new app process each; "
        f"load average at the start {load0[0]:.2f} {load0[1]:.2f} {load0[2]:.2f}, "
        f"at the end {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; Chromium's priority: {browser_priority}"
    )
    print()
    print(markdown(steps, args.runs))
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "start": stamp0,
                    "end": stamp,
                    "load_start": load0,
                    "load_end": load,
                    "machine": machine,
                    "runs": args.runs,
                    "nodes": len(plan.nodes),
                    "ties": len(plan.ties),
                    "chromium_priority": browser_priority,
                    "steps": {store: st.rows for store, st in steps.items()},
                },
                indent=2,
            )
            + "\n"
        )
        print(f"wrote {args.json}")


if __name__ == "__main__":
    main()
