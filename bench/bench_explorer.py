"""Benchmark: the explorer in headless Chromium, on the seed network and with CORDIS loaded.

Run from the repository root (nice: the machine is shared)::

    nice python bench/bench_explorer.py --runs 3 --json /tmp/bench_explorer.json
    nice python bench/bench_explorer.py --runs 3 --app-dir /tmp/pontes-before   # the code before, same steps
    nice python bench/bench_explorer.py --runs 5 --before /tmp/pontes-before    # both, their runs alternating

Each run starts a new app process (``streamlit run app.py``) on a store that
is ready (the seed network, or CORDIS as ``pontes load --participations``
loads it, written untimed into a temporary embedded store) and times, from
the interaction to the drawn picture (the explorer's ECharts graph carries
its counts in its accessible name; polled every 50 ms), with the CPU
seconds the app's process and the browser's processes spent meanwhile:

seed network
  the first drawn page once the app answers its health check; then search
  and pick an actor, depth 1 → 2, a click on a node of the picture, a type
  filter, the year control (as of a year, one year back), the map and back,
  a reload;
CORDIS
  a new app process to the first drawn page (from starting the process);
  then pick an organisation, depth 1 → 2, a country filter, a click on a
  node, the year control (as of the last year, one year back); and on the Suggestions page, typing in the actor
  search until its picker lists the matches (what the browser pays for a
  picker).

Every run picks other organisations (the best-connected, then the next
ones), so no pick is a cache hit. ``--app-dir`` runs the same steps against
another checkout (the code before a change): steps that code does not have
(a click, the year control, the map) are left out; its explorer drew with
vis-network in a frame, which :func:`harness.wait_drawn` recognises.
Chromium, run as root, raises its own priority above ``nice``; its threads
are put back to this process's niceness while polling (:meth:`harness.Procs.keep_nice`).

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
from contextlib import ExitStack
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

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
    forget_inputs,
    keep_first_page,
    paint_after_input,
    streamlit,
    streamlit_pid,
    wait_drawn,
    wait_map,
    wait_picture,
    watch_paints,
)

SEEDS = REPO / "seeds"
TIMEOUT = 300


def fmt_page(seconds: float | None) -> str:
    return "–" if seconds is None else fmt_time(seconds)


class Steps:
    """Timed steps: label -> list of {s, app_cpu_s, browser_cpu_s, load, note, page_s}."""

    def __init__(self):
        self.rows: dict[str, list[dict]] = {}
        self.procs: Procs | None = None

    def start(self, *, app_cpu: float | None = None):
        assert self.procs is not None
        self.procs.keep_nice()
        return time.perf_counter(), self.procs.app_cpu() if app_cpu is None else app_cpu, self.procs.browser_cpu()

    def stop(self, label: str, started, note: str = "", *, t0: float | None = None, in_page=None) -> float:
        """End a step: its seconds from outside, CPU and load now; then ``in_page()``, the same step
        measured in the page (seconds, or ``None``)."""
        assert self.procs is not None
        begin, a0, b0 = started
        seconds = time.perf_counter() - (begin if t0 is None else t0)
        row = {
            "s": seconds,
            "app_cpu_s": self.procs.app_cpu() - a0,
            "browser_cpu_s": self.procs.browser_cpu() - b0,
            "load": os.getloadavg()[0],
            "note": note,
        }
        row["page_s"] = in_page() if in_page is not None else None
        self.rows.setdefault(label, []).append(row)
        print(
            f"    {label:58} {fmt_time(seconds):>8}  in the page {fmt_page(row['page_s']):>8}  app CPU {row['app_cpu_s']:4.1f} s  browser CPU "
            f"{row['browser_cpu_s']:4.1f} s  load {row['load']:.2f}  {note}",
            flush=True,
        )
        return seconds


class Page:
    """The explorer as the browser shows it; the new code's ECharts picture or the old code's vis frame."""

    def __init__(self, browser, steps: Steps, *, old: bool):
        self.browser, self.steps, self.old = browser, steps, old
        self.last: str | None = None

    def keep(self) -> None:
        if self.steps.procs is not None:
            self.steps.procs.keep_nice()

    def drawn(self) -> str:
        """Wait for a picture other than the last one; returns what it shows."""
        if self.old:
            size = wait_drawn(self.browser, timeout=TIMEOUT)
            self.last = f"frame of {size} bytes"
        else:
            self.last = wait_picture(self.browser, self.last, timeout=TIMEOUT, keep=self.keep)
        return self.last

    def find(self, xpath: str):
        from selenium.webdriver.common.by import By

        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            found = self.browser.find_elements(By.XPATH, xpath)
            if found:
                return found[0]
            time.sleep(0.05)
        raise TimeoutError(xpath)

    def option(self, label: str, text: str):
        """Type ``text`` into the box ``label`` (untimed) and return the first option that starts with it."""
        from selenium.webdriver.common.by import By

        box = self.find(f"//input[@aria-label='{label}']")
        self.browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", box)
        deadline = time.monotonic() + TIMEOUT
        while box.get_attribute("disabled") is not None and time.monotonic() < deadline:
            time.sleep(0.05)
        click(self.browser, box)
        box.send_keys(text)
        while time.monotonic() < deadline:
            for option in self.browser.find_elements(By.CSS_SELECTOR, "[role='option']"):
                if option.text.strip().startswith(text):
                    return option
            time.sleep(0.05)
        raise TimeoutError(f"no option {text!r} in {label!r}")

    def search(self, text: str):
        """Search for ``text`` and return the first match in the actor box (untimed)."""
        from selenium.webdriver.common.by import By
        from selenium.webdriver.common.keys import Keys

        box = self.find("//input[@aria-label='Search by name or alias']")
        box.clear()
        box.send_keys(text + Keys.ENTER)
        actor = self.find("//input[@aria-label='Actor']")
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            if actor.get_attribute("disabled") is None:
                click(self.browser, actor)
                options = self.browser.find_elements(By.CSS_SELECTOR, "[role='option']")
                wanted = [o for o in options if text.casefold() in o.text.casefold()]
                if wanted:
                    return wanted[0]
            time.sleep(0.1)
        raise TimeoutError(f"no match for {text!r}")


def settle(browser, timeout: float = TIMEOUT) -> None:
    """Wait until the page has finished its last run (no "running" indicator): an interaction made
    while a run is under way may be lost, or timed with the run before it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not browser.execute_script("return !!document.querySelector('[data-testid=\"stStatusWidget\"]');"):
            return
        time.sleep(0.05)


def timed(page: Page, label: str, act, *, note: str = "", wait=None, drawn: str | None = None) -> None:
    """Time ``act`` until ``wait`` (the next picture) from outside, and in the page from the input
    to the first paint of the picture it waited for (``drawn="map"``: of the map)."""
    settle(page.browser)
    forget_inputs(page.browser)
    t = page.steps.start()
    act()
    (wait or page.drawn)()
    page.steps.stop(
        label,
        t,
        note,
        in_page=None
        if page.old
        else lambda: paint_after_input(page.browser, label=None if drawn else page.last, drawn=drawn),
    )


def depth_step(page: Page) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    slider = page.browser.find_element(By.CSS_SELECTOR, "input[type='range'][aria-label='Steps from the actor']")
    page.browser.execute_script("arguments[0].focus();", slider)
    timed(page, "depth 1 → 2", lambda: ActionChains(page.browser).send_keys(Keys.ARROW_RIGHT).perform())


def click_node(page: Page, label: str = "click a node of the picture (focus moves)") -> None:
    """Click a named node other than the focus, where nothing covers it (on an SVG or a canvas picture)."""
    from tests.support.browser import click_in_picture, node_to_click

    _id, name, x, y = node_to_click(page.browser)
    timed(page, label, lambda: click_in_picture(page.browser, x, y), note=name[:40])


def year_steps(page: Page) -> None:
    mode = page.find("//label[.//p[normalize-space()='As of a year']]")
    timed(page, "year control: as of the last year", lambda: click(page.browser, mode))
    back = page.find("//button[.//p[starts-with(normalize-space(), '◀ ')]]")
    timed(page, "year control: one year back", lambda: click(page.browser, back))


def map_steps(page: Page) -> None:
    xpath = "//div[@data-testid='stButtonGroup']//button[normalize-space()='Map']"

    def drawn() -> None:
        # a click that lands while the segmented control is drawn again is lost: click once more after 10 s
        try:
            wait_map(page.browser, timeout=10)
        except TimeoutError:
            print("      (the click on Map was lost: clicked again, timed from the first)", flush=True)
            click(page.browser, page.find(xpath))
            wait_map(page.browser, timeout=TIMEOUT)

    timed(page, "the map drawn", lambda: click(page.browser, page.find(xpath)), wait=drawn, drawn="map")
    to_graph = page.find("//div[@data-testid='stButtonGroup']//button[normalize-space()='Network']")
    # the picture's name may still be the one before the map: wait for the chart to draw the network
    timed(
        page,
        "back to the picture",
        lambda: click(page.browser, to_graph),
        wait=lambda: wait_map(page.browser, timeout=TIMEOUT, keep=page.keep, what="graph"),
        drawn="graph",
    )


def type_filter(page: Page, value: str = "Organisation") -> None:
    option = page.option("Node types", value)
    timed(page, f"filter: type {value}", option.click)


def country_filter(page: Page, value: str) -> None:
    option = page.option("Countries", value)
    timed(page, f"filter: country {value}", option.click)


# -- the runs ----------------------------------------------------------------------------------------


def seed_run(steps: Steps, tmp: Path, run: int, *, app_dir: Path, old: bool, renice: bool) -> None:
    from graph.store.embedded import EmbeddedStore
    from loaders import load_paths

    db = tmp / f"seed-{run}.sqlite"
    with EmbeddedStore(db) as store:  # the store is ready, as after the first start
        store.ensure_schema()
        load_paths(store, [SEEDS])
    env = {"PONTES_STORE": "embedded", "PONTES_DB_PATH": str(db), "PONTES_SEEDS": str(SEEDS), "PONTES_LANGUAGE": "en"}
    with streamlit(env, tmp / f"streamlit-seed-{run}.log", app_dir=app_dir) as url:
        browser = chromium(tmp / f"profile-seed-{run}")
        watch_paints(browser)
        try:
            steps.procs = Procs(streamlit_pid(), browser.service.process.pid, renice=renice)
            page = Page(browser, steps, old=old)
            timed(page, "first drawn page, once the app is up", lambda: browser.get(url))
            option = page.search("IRT")
            timed(page, "search, pick an actor", option.click, note="IRT")
            depth_step(page)
            if not old:
                click_node(page)
            type_filter(page)
            if not old:
                year_steps(page)
                map_steps(page)
            timed(page, "reload (same process)", lambda: browser.get(url))
        finally:
            browser.quit()


def cordis_run(
    steps: Steps,
    tmp: Path,
    run: int,
    db: Path,
    orgs: list[str],
    *,
    app_dir: Path,
    old: bool,
    renice: bool,
    pick: int | None = None,
) -> None:
    empty = tmp / "no-seeds"
    empty.mkdir(exist_ok=True)
    env = {"PONTES_STORE": "embedded", "PONTES_DB_PATH": str(db), "PONTES_SEEDS": str(empty), "PONTES_LANGUAGE": "en"}
    started = time.perf_counter()
    with streamlit(env, tmp / f"streamlit-cordis-{run}.log", app_dir=app_dir) as url:
        up = time.perf_counter() - started
        browser = chromium(tmp / f"profile-cordis-{run}")
        watch_paints(browser)
        try:
            steps.procs = Procs(streamlit_pid(), browser.service.process.pid, renice=renice)
            page = Page(browser, steps, old=old)
            t = steps.start(app_cpu=0.0)  # the new process's CPU from its start
            browser.get(url)
            page.drawn()
            steps.stop("new app process to the first drawn page", t, f"app up after {up:.1f} s", t0=started)
            pick = run if pick is None else pick  # the same organisations for the code before
            org = orgs[pick % len(orgs)]
            option = page.search(org.removeprefix("org:"))
            timed(page, "pick an organisation (search first)", option.click, note=org)
            depth_step(page)
            country_filter(page, "Germany")
            if not old:
                click_node(page)
                year_steps(page)
            suggest_picker(page, url, orgs[(pick + 1) % len(orgs)])
        finally:
            browser.quit()


def suggest_picker(page: Page, url: str, org: str) -> None:
    """The Suggestions page's actor picker: from typing in the search until the matches are listed."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    page.browser.get(f"{url}/suggest")
    code = org.removeprefix("org:")
    if page.old:  # before: one select box listing every actor; the browser filters it
        box = page.find("//input[@aria-label='Actor']")
        t = page.steps.start()
        click(page.browser, box)
        box.send_keys(code)
    else:
        box = page.find("//input[@aria-label='Search for an actor']")
        t = page.steps.start()
        box.send_keys(code + Keys.ENTER)
        actor = page.find("//input[@aria-label='Actor']")
        deadline = time.monotonic() + TIMEOUT
        while actor.get_attribute("disabled") is not None and time.monotonic() < deadline:
            time.sleep(0.05)
        click(page.browser, actor)
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        page.keep()
        if any(code in o.text for o in page.browser.find_elements(By.CSS_SELECTOR, "[role='option']")):
            break
        time.sleep(0.05)
    page.steps.stop("suggestions: type in the actor picker until it lists the match", t, org)


# -- main ----------------------------------------------------------------------------------------------


def markdown(results: dict[str, Steps]) -> str:
    out = [
        "| part | step | median | min–max | in the page: median (min–max) | app CPU (median) "
        "| browser CPU (median) | load average (1 min) |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for part, steps in results.items():
        for label, rows in steps.rows.items():
            secs = [r["s"] for r in rows]
            loads = [r["load"] for r in rows]
            inside = [r["page_s"] for r in rows if r.get("page_s") is not None]
            page = (
                f"{fmt_time(statistics.median(inside))} ({fmt_time(min(inside))}–{fmt_time(max(inside))})"
                if inside
                else "–"
            )
            out.append(
                f"| {part} | {label} | {fmt_time(statistics.median(secs))} "
                f"| {fmt_time(min(secs))}–{fmt_time(max(secs))} | {page} "
                f"| {statistics.median(r['app_cpu_s'] for r in rows):.2f} s "
                f"| {statistics.median(r['browser_cpu_s'] for r in rows):.2f} s "
                f"| {min(loads):.2f}–{max(loads):.2f} |"
            )
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", type=Path, default=None, help="also write every run's figures here")
    parser.add_argument("--skip-seed", action="store_true")
    parser.add_argument("--skip-cordis", action="store_true")
    parser.add_argument(
        "--app-dir", type=Path, default=REPO, help="the checkout whose app.py to run (the code before a change)"
    )
    parser.add_argument(
        "--before",
        type=Path,
        default=None,
        help="also run this checkout (the code before a change), each of its runs right after one of --app-dir's",
    )
    parser.add_argument("--browser-own-priority", action="store_true", help="let Chromium keep its own priority")
    args = parser.parse_args()
    app_dir = args.app_dir.resolve()
    # (name suffix, checkout, the code before the ECharts explorer); runs alternate between them
    apps = [("", app_dir, not (app_dir / "ui" / "pickers.py").exists())]
    if args.before is not None:
        before = args.before.resolve()
        apps.append((", before", before, not (before / "ui" / "pickers.py").exists()))
    renice = not args.browser_own_priority
    stamp0, load0 = datetime.now(UTC).isoformat(timespec="seconds"), os.getloadavg()
    print(
        f"{stamp0}, load average {load0[0]:.2f} {load0[1]:.2f} {load0[2]:.2f}; app from {app_dir}"
        + (f", before from {apps[1][1]}" if len(apps) > 1 else "")
    )
    results: dict[str, Steps] = {}
    with ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="pontes-bench-explorer-")))
        if not args.skip_seed:
            for run in range(args.runs):
                for i, (suffix, checkout, old) in enumerate(apps):
                    print(f"  seed network{suffix}, run {run + 1}", flush=True)
                    steps = results.setdefault(f"seed network{suffix}", Steps())
                    seed_run(steps, tmp, run * len(apps) + i, app_dir=checkout, old=old, renice=renice)
        if not args.skip_cordis:
            from graph.store.embedded import EmbeddedStore
            from loaders.tables import read_participation_plan

            print(f"CORDIS table: {DATA} (read and loaded untimed)", flush=True)
            plan = read_participation_plan(DATA, **TABLE)
            db = embedded_untimed(plan, tmp)
            kept = keep_first_page(db)  # as `pontes load` does
            print(
                f"  the explorer's first page kept in every language after the load, as `pontes load` does: {kept:.1f} s"
            )
            with EmbeddedStore(db) as store:
                ranked, _degree = by_degree(store, plan)
            del plan
            for run in range(args.runs):
                for i, (suffix, checkout, old) in enumerate(apps):
                    print(f"  CORDIS{suffix}, run {run + 1}", flush=True)
                    steps = results.setdefault(f"CORDIS{suffix}", Steps())
                    orgs = ranked[: 2 * args.runs]
                    cordis_run(
                        steps, tmp, run * len(apps) + i, db, orgs, app_dir=checkout, old=old, renice=renice, pick=run
                    )
    stamp, load = datetime.now(UTC).isoformat(timespec="seconds"), os.getloadavg()
    machine = {"cpus": os.cpu_count(), "platform": platform.platform(), "python": platform.python_version()}
    print()
    print(
        f"The explorer in headless Chromium, {stamp0} to {stamp}, {machine['cpus']} cores, {machine['platform']}, "
        f"Python {machine['python']}; {args.runs} runs, a new app process each; app from {app_dir}"
        f"{f', before from {apps[1][1]}, runs alternating' if len(apps) > 1 else ''}; load average "
        f"at the start {load0[0]:.2f} {load0[1]:.2f} {load0[2]:.2f}, at the end {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"
    )
    print()
    print(markdown(results))
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "start": stamp0,
                    "end": stamp,
                    "load_start": load0,
                    "load_end": load,
                    "machine": machine,
                    "app_dir": str(app_dir),
                    "before": str(apps[1][1]) if len(apps) > 1 else None,
                    "runs": args.runs,
                    "steps": {part: steps.rows for part, steps in results.items()},
                },
                indent=2,
            )
            + "\n"
        )
        print(f"wrote {args.json}")


if __name__ == "__main__":
    main()
