"""Benchmark: Pontes at the size of CORDIS Horizon 2020, end to end, in both stores and in the app.

Run from the repository root (nice: the machine is shared)::

    nice python bench/bench_scale.py --runs 3 --json bench/scale_results.json

Data: ../shared/data/cordis_h2020/h2020.csv.gz (35,871 organisations,
31,451 projects, 144,726 participations; 7 without a start year are left out).
Neo4j: a throwaway server in a temporary folder (jars from .neo4j/lib, the
same configuration as ``python -m pontes.neo4j_server start``: 1 GB heap,
512 MB page cache, 512 MB transaction memory), or the server in
NEO4J_URI with ``--use-env-neo4j`` (its database is emptied!).

Steps (each timed ``--runs`` times; the table shows the median, and the
process's peak resident memory (VmHWM) during the step):

- reading and validating the table (``pontes load --participations``'s first half);
- loading it into each store (first load into an empty store; loading it again:
  unchanged rows are found by their content hash and not written);
- Neo4j only: the naive way, one ``MERGE`` per row in its own transaction,
  timed on a sample of the same rows in the same run (the baseline), and the
  rows per write statement and transaction (a sweep on a part of the table);
- the analysis snapshot: the whole graph read from the store (in batches),
  cached per graph version, and the collaboration network built from it;
- ego network (depth 1 and 2, of the best-connected organisation and of a
  typical one), search and a node's detail: what one explorer interaction
  asks of the store (indexed queries only); each after ``WARMUP`` untimed
  calls (the first call's time is in the note: right after the load, Neo4j
  still plans the queries and the JVM compiles its code);
- the explorer's whole-network view (the cap keeps 500 nodes) and its drawing;
- the app in headless Chromium (``--skip-browser`` leaves it out): from the
  interaction to the drawn graph (vis-network holds the nodes and has laid
  them out), for the first page load (the graph is read once per version),
  a reload, picking an organisation and a second step; the note gives the
  size of the drawing's page (the iframe's ``srcdoc``). The app keeps views
  per graph version, so each run picks another organisation (the
  best-connected, then the next ones): no pick or step is a cache hit. The
  frames' pages are compared inside the browser, not fetched at each poll.
  ``--browser-only`` times only these: the table is read and loaded into
  the stores once, untimed.

Nothing here is asserted: benchmarks print figures, tests check behaviour.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import ExitStack, contextmanager
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

DATA = Path(os.environ.get("PONTES_CORDIS", REPO.parent / "shared" / "data" / "cordis_h2020" / "h2020.csv.gz"))
TABLE = {"actor": "pic", "event": "rcn", "time": "start_year", "attributes": ["country", "type"]}
NAIVE_ROWS = 2000
SWEEP = (1000, 2000, 5000, 10000, 20000)
#: Untimed calls before each interactive read is timed (see Table.time).
WARMUP = 5


# -- measuring ------------------------------------------------------------------------


def reset_peak() -> None:
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")
    except OSError:
        pass


def peak_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


class Table:
    """The result rows: step, store, median seconds, rows (for a rate), peak MB, baseline."""

    def __init__(self):
        self.rows: list[dict] = []

    def time(
        self,
        step: str,
        store: str,
        fn,
        *,
        runs: int,
        rows: int | None = None,
        setup=None,
        note: str = "",
        warmup: int = 0,
    ):
        """Run ``fn`` ``runs`` times (``setup()`` before each, untimed); record the median.

        ``warmup`` runs come first, timed apart (``warmup_s`` in the JSON, the
        first of them in the note): a server that has just been loaded plans
        its queries and compiles its code on first use.
        """
        warm = []
        for _ in range(warmup):
            t0 = time.perf_counter()
            fn()
            warm.append(time.perf_counter() - t0)
        if warm:
            note = f"{note}, " if note else ""
            note += f"first call {fmt_time(warm[0])}"
        times, peaks, out = [], [], None
        full = FullCollections()
        for _ in range(runs):
            if setup is not None:
                setup()
            reset_peak()
            with full:
                t0 = time.perf_counter()
                out = fn()
                times.append(time.perf_counter() - t0)
            peaks.append(peak_mb())
        self.add(step, store, times, rows=rows, peak=max(peaks), note=note)
        self.rows[-1]["full_gc"] = full.count
        self.rows[-1]["full_gc_s"] = full.seconds
        if warm:
            self.rows[-1]["warmup_s"] = warm
        return out

    def add(self, step, store, times, *, rows=None, peak=None, note="", baseline=None):
        median = statistics.median(times)
        row = {
            "step": step,
            "store": store,
            "median_s": median,
            "runs": len(times),
            "all_s": times,
            "rows": rows,
            "rate": rows / median if rows else None,
            "peak_mb": peak,
            "note": note,
            "baseline": baseline,
        }
        self.rows.append(row)
        print(f"  {store:8} {step:44} {fmt_time(median):>9} {fmt_rate(row['rate']):>14} {note}", flush=True)
        return row

    def markdown(self) -> str:
        out = ["| step | store | median | rate | peak memory | naive baseline |", "|---|---|---:|---:|---:|---|"]
        for r in self.rows:
            peak = f"{r['peak_mb']:.0f} MB" if r["peak_mb"] else "–"
            note = f" ({r['note']})" if r["note"] else ""
            out.append(
                f"| {r['step']}{note} | {r['store']} | {fmt_time(r['median_s'])} | {fmt_rate(r['rate'])} "
                f"| {peak} | {r['baseline'] or '–'} |"
            )
        return "\n".join(out)


def fmt_time(seconds: float) -> str:
    if seconds < 0.01:
        return f"{seconds * 1000:.1f} ms"
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.1f} s"


def fmt_rate(rate: float | None) -> str:
    return "–" if rate is None else f"{rate:,.0f} rows/s"


# -- the steps ------------------------------------------------------------------------


def hubs(store, plan):
    """The best-connected organisation and one at the 90th percentile of degree
    (the median organisation of CORDIS took part in one project)."""
    ranked, degree = by_degree(store, plan)
    return ranked[0], ranked[len(ranked) // 10], degree


def by_degree(store, plan):
    """The organisations, best-connected first, and the degree of each."""
    orgs = [n.id for n in plan.nodes if n.id.startswith("org:")]
    degree = store.degrees(orgs)
    return sorted(orgs, key=lambda x: (-degree[x], x)), degree


class FullCollections:
    """Counts the garbage collector's full (generation 2) collections, and
    their time, while inside the ``with`` block: each walks every object
    the process holds (about a million per whole CORDIS graph)."""

    def __init__(self):
        self.count, self.seconds, self._t0, self._on = 0, 0.0, 0.0, False

    def _callback(self, phase, info):
        if info.get("generation") != 2 or not self._on:
            return
        if phase == "start":
            self._t0 = time.perf_counter()
        else:
            self.count += 1
            self.seconds += time.perf_counter() - self._t0

    def __enter__(self):
        self._on = True
        if self._callback not in gc.callbacks:
            gc.callbacks.append(self._callback)
        return self

    def __exit__(self, *exc):
        self._on = False
        if self._callback in gc.callbacks:
            gc.callbacks.remove(self._callback)


def reads(table: Table, store, name: str, plan, runs: int, fresh) -> None:
    """Analysis snapshot, ego networks, search, detail and the whole view on a loaded store."""
    from graph import explore as views
    from graph.analysis.views import collaboration_network
    from graph.draw.page import render_html

    def analysis_cold():
        s = fresh()  # a new store object: nothing cached yet
        try:
            return collaboration_network(s.cached_snapshot())
        finally:
            s.close()

    net = table.time("analysis snapshot + collaboration network (cold)", name, analysis_cold, runs=runs)
    print(f"           collaboration network: {net.n} organisations, {net.m} ties")
    table.time("analysis snapshot (read from the store)", name, lambda: fresh_snapshot(fresh), runs=runs)
    store.cached_snapshot()
    hub, typical, degree = hubs(store, plan)
    # Baseline for the freeze below: the same call while the collector still
    # walks everything this process holds (both stores' graphs, the table).
    table.time(
        "ego network, depth 2, best-connected organisation, collector not frozen (baseline)",
        name,
        lambda: views.explore(store, focus=hub, depth=2),
        runs=max(runs, 5),
        note=f"{degree[hub]} ties",
        warmup=WARMUP,
    )
    # As the app does with the whole graph it has read (ui/context.whole_graph):
    # keep what is held from now on out of the collector's walks, so that the
    # interactive reads below are not timed with full collections of this
    # process's million objects in them (their count is in the JSON).
    gc.collect()
    gc.freeze()
    table.time("analysis snapshot (cached, same version)", name, store.cached_snapshot, runs=runs)
    for label, focus, depth in (
        ("best-connected", hub, 1),
        ("best-connected", hub, 2),
        ("90th-percentile", typical, 1),
        ("90th-percentile", typical, 2),
    ):
        table.time(
            f"ego network, depth {depth}, {label} organisation",
            name,
            lambda f=focus, d=depth: views.explore(store, focus=f, depth=d),
            runs=max(runs, 5),
            note=f"{degree[focus]} ties",
            warmup=WARMUP,
        )
    table.time("search (`999`, 25 results)", name, lambda: views.find(store, "999"), runs=max(runs, 5), warmup=WARMUP)
    table.time(
        "search (one PIC)",
        name,
        lambda: views.find(store, typical.removeprefix("org:")),
        runs=max(runs, 5),
        warmup=WARMUP,
    )
    table.time(
        "node detail, best-connected organisation",
        name,
        lambda: views.node_detail(store, hub),
        runs=max(runs, 5),
        note=f"{degree[hub]} ties",
        warmup=WARMUP,
    )
    whole = store.cached_snapshot()
    shown = table.time(
        "explorer: whole network, capped to 500", name, lambda: views.explore(store, context=whole), runs=max(runs, 5)
    )
    page = table.time(
        "explorer: drawing the capped view (HTML)",
        name,
        lambda: render_html(shown, context=whole),
        runs=max(runs, 5),
        note=f"{len(shown.nodes)} nodes, {len(shown.ties)} ties",
    )
    table.rows[-1]["note"] += f", self-contained page {len(page) / 1e6:.2f} MB"
    page = table.time(
        "explorer: drawing the capped view (HTML, vis-network from the app)",
        name,
        lambda: render_html(shown, context=whole, assets="/app/static/pyvis/"),
        runs=max(runs, 5),
    )
    table.rows[-1]["note"] = f"page {len(page) / 1e6:.2f} MB"
    gc.unfreeze()


def fresh_snapshot(fresh):
    s = fresh()
    try:
        return s.cached_snapshot()
    finally:
        s.close()


def embedded(table: Table, plan, tmp: Path, runs: int) -> Path:
    from graph.store.embedded import EmbeddedStore
    from loaders import write_plan

    path = tmp / "cordis.sqlite"

    def fresh():
        s = EmbeddedStore(path)
        s.ensure_schema()
        return s

    def empty():
        for f in tmp.glob("cordis.sqlite*"):
            f.unlink()

    def load():
        with fresh() as s:
            write_plan(s, plan)

    table.time("load, first (one transaction)", "embedded", load, runs=runs, rows=plan.size, setup=empty)
    table.time("load again, unchanged", "embedded", load, runs=runs, rows=plan.size)
    with fresh() as store:
        reads(table, store, "embedded", plan, runs, fresh)
    return path


def embedded_untimed(plan, tmp: Path) -> Path:
    """The table loaded into a temporary embedded store (``--browser-only``)."""
    from graph.store.embedded import EmbeddedStore
    from loaders import write_plan

    path = tmp / "cordis.sqlite"
    with EmbeddedStore(path) as s:
        s.ensure_schema()
        write_plan(s, plan)
    return path


def naive_rows(plan):
    """A sample of the load: the first NAIVE_ROWS/2 participations and their ends,
    as the parameters of the naive statements (the same properties the store writes)."""
    from graph.store.neo4j_store import node_properties, tie_properties

    ties = plan.ties[: NAIVE_ROWS // 2]
    ends = {e for t in ties for e in (t.source, t.target)}
    nodes = [n for n in plan.nodes if n.id in ends]
    node_rows = [{"id": n.id, "type": n.type.value, "props": node_properties(n)} for n in nodes]
    tie_rows = [{"id": t.id, "source": t.source, "target": t.target, "props": tie_properties(t)} for t in ties]
    return node_rows, tie_rows, nodes, ties


class Shared:
    """The benchmark's driver, handed to a store: the store closes its driver
    when it is closed, and the benchmark's must stay open."""

    def __init__(self, driver):
        self._d = driver

    def close(self):
        pass

    def __getattr__(self, name):
        return getattr(self._d, name)


def neo4j_steps(table: Table, plan, driver, database: str, runs: int) -> None:
    from bench.neo4j_upsert import NAIVE_UPSERT_NODE, NAIVE_UPSERT_PARTICIPATION
    from graph.store.neo4j_store import Neo4jStore
    from loaders import write_plan

    def fresh(batch_size: int = 5000):
        return Neo4jStore(Shared(driver), database=database, batch_size=batch_size)

    store = fresh()
    store.ensure_schema()

    def empty():
        """An empty graph but for the sources (every written node cites one)."""
        store.clear()
        store.upsert(sources=plan.sources)

    # the naive way: one MERGE per row, each in its own transaction
    node_rows, tie_rows, sample_nodes, sample_ties = naive_rows(plan)

    def naive():
        with driver.session(database=database) as session:
            for row in node_rows:
                session.execute_write(lambda tx, r=row: tx.run(NAIVE_UPSERT_NODE, r).consume())
            for row in tie_rows:
                session.execute_write(lambda tx, r=row: tx.run(NAIVE_UPSERT_PARTICIPATION, r).consume())

    n_naive = len(node_rows) + len(tie_rows)
    table.time(
        "naive: one MERGE per row and transaction (sample)",
        "neo4j",
        naive,
        runs=runs,
        rows=n_naive,
        setup=empty,
        note=f"{n_naive} rows",
    )
    naive_rate = table.rows[-1]["rate"]

    # the same sample through the store (for the ratio on equal rows)
    table.time(
        "batched: the same sample through the store",
        "neo4j",
        lambda: store.upsert(nodes=sample_nodes, ties=sample_ties),
        runs=runs,
        rows=n_naive,
        setup=empty,
    )
    table.rows[-1]["baseline"] = f"{table.rows[-1]['rate'] / naive_rate:.0f}× naive"

    # rows per statement and transaction, on a part of the table
    part_ties = plan.ties[:40_000]
    ends = {e for t in part_ties for e in (t.source, t.target)}
    part = type(plan)(sources=plan.sources, nodes=[n for n in plan.nodes if n.id in ends], ties=part_ties)
    write_plan(fresh(), part, atomic=False)  # warm-up: the server compiles the statements once
    for size in SWEEP:
        s = fresh(size)
        table.time(
            f"sweep: {size} rows per statement and transaction",
            "neo4j",
            lambda s=s, b=size: write_plan(s, part, atomic=False, batch_size=b),
            runs=runs,
            rows=part.size,
            setup=store.clear,
            note=f"{part.size} rows",
        )
    sweep = [r for r in table.rows if r["step"].startswith("sweep:")]
    best = max(sweep, key=lambda r: r["rate"])
    best_size = int(best["step"].split()[1])
    print(f"           best: {best_size} rows per statement and transaction")

    # the whole table
    loader = fresh(best_size)
    table.time(
        f"load, first (batched, {best_size} rows per transaction)",
        "neo4j",
        lambda: write_plan(loader, plan, atomic=False, batch_size=best_size),
        runs=runs,
        rows=plan.size,
        setup=store.clear,
    )
    table.rows[-1]["baseline"] = f"{table.rows[-1]['rate'] / naive_rate:.0f}× naive ({naive_rate:,.0f} rows/s)"
    table.time(
        "load again, unchanged (batched)",
        "neo4j",
        lambda: write_plan(loader, plan, atomic=False, batch_size=best_size),
        runs=runs,
        rows=plan.size,
    )
    table.rows[-1]["baseline"] = f"{table.rows[-1]['rate'] / naive_rate:.0f}× naive"
    table.time(
        "load again, unchanged (one transaction)", "neo4j", lambda: write_plan(loader, plan), runs=runs, rows=plan.size
    )
    reads(table, fresh(), "neo4j", plan, runs, fresh)


def neo4j_untimed(plan, driver, database: str) -> None:
    """The table loaded into Neo4j, batched (``--browser-only``)."""
    from graph.store.neo4j_store import Neo4jStore
    from loaders import write_plan

    store = Neo4jStore(Shared(driver), database=database, batch_size=5000)
    store.ensure_schema()
    store.clear()
    write_plan(store, plan, atomic=False, batch_size=5000)


# -- the app in headless Chromium -------------------------------------------------------------


@contextmanager
def streamlit(env: dict[str, str], log: Path):
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    from pontes.settings import ENV_VARS

    full = {k: v for k, v in os.environ.items() if k not in ENV_VARS}
    full.update(env)
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                str(REPO / "app.py"),
                "--server.headless",
                "true",
                "--server.port",
                str(port),
                "--server.address",
                "127.0.0.1",
                "--server.fileWatcherType",
                "none",
                "--browser.gatherUsageStats",
                "false",
            ],
            cwd=REPO,
            env=full,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 90
            while time.monotonic() < deadline:
                try:
                    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                        if r.read().strip() == b"ok":
                            break
                except OSError:
                    time.sleep(0.3)
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def chromium(profile: Path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("PONTES_CHROMIUM", "/usr/bin/chromium")
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--no-first-run",
        "--window-size=1400,1000",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(flag)
    return webdriver.Chrome(
        service=Service(os.environ.get("PONTES_CHROMEDRIVER", "/usr/bin/chromedriver")), options=options
    )


def mb(sizes: list[int]) -> str:
    """The median size of the drawing's pages (bytes), for a note."""
    return f"page {statistics.median(sizes) / 1e6:.2f} MB"


#: The first graph frame whose page is not the one drawn last in this document
#: (``window.__pontesDrawn``, unset after a page load), or null. Pages are compared
#: inside the browser: fetching each frame's srcdoc (up to 0.55 MB) through
#: WebDriver at every poll cost the machine more than the comparison.
_NEW_FRAME = """
var frames = document.querySelectorAll('iframe');
for (var i = 0; i < frames.length; i++) {
  var doc = frames[i].srcdoc || '';
  if (doc.indexOf('vis.Network') >= 0 && doc !== window.__pontesDrawn) return frames[i];
}
return null;
"""
#: Remember the frame's page as drawn; its size in bytes.
_MARK_DRAWN = "window.__pontesDrawn = arguments[0].srcdoc; return new TextEncoder().encode(arguments[0].srcdoc).length;"


def wait_drawn(browser, timeout: float = 240) -> int:
    """Poll (every 50 ms) until a graph frame other than the last one drawn holds a laid-out network.

    Returns the size of its page (the frame's ``srcdoc``) in bytes.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        frame = browser.execute_script(_NEW_FRAME)
        if frame is not None:
            browser.switch_to.frame(frame)
            try:
                drawn = browser.execute_script(
                    "var b = document.getElementById('loadingBar');"
                    "return typeof network === 'object' && network && network.body"
                    " && network.body.data.nodes.length > 0 && (!b || b.style.display === 'none'"
                    " || b.style.opacity === '0' || network.physics.options.enabled === false);"
                )
            finally:
                browser.switch_to.default_content()
            if drawn:
                return browser.execute_script(_MARK_DRAWN, frame)
        time.sleep(0.05)
    raise TimeoutError("no graph drawn")


def browser_steps(
    table: Table, name: str, env: dict[str, str], picks: list[tuple[str, int]], tmp: Path, runs: int
) -> None:
    """The app's rows; run ``i`` picks the organisation ``picks[i]`` (id, ties).

    The app keeps views, drawings and details per graph version (ui/cached.py):
    picking the same organisation again would time a cache hit, so every run
    picks another one (the best-connected, then the next ones). Reloads show
    the same whole network each time, as they do for a user.
    """
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    with streamlit(env, tmp / f"streamlit-{name}.log") as url:
        browser = chromium(tmp / f"profile-{name}")
        try:
            t0 = time.perf_counter()
            browser.get(url)
            size = wait_drawn(browser)
            table.add(
                "app: first page load to drawn graph (reads the graph once)",
                name,
                [time.perf_counter() - t0],
                note=f"whole network, 500 nodes, {mb([size])}",
            )
            reloads, chosen, steps = [], [], []
            pages: dict[str, list[int]] = {"reload": [], "pick": [], "step": []}
            for run in range(runs):
                hub = picks[run % len(picks)][0]
                t0 = time.perf_counter()
                browser.get(url)
                pages["reload"].append(wait_drawn(browser))
                reloads.append(time.perf_counter() - t0)
                box = browser.find_element(By.CSS_SELECTOR, "input[aria-label='Search by name or alias']")
                box.send_keys(hub.removeprefix("org:") + Keys.ENTER)
                actor = browser.find_element(By.CSS_SELECTOR, "input[aria-label='Actor']")
                option = None
                for _ in range(100):
                    if actor.get_attribute("disabled") is None:
                        actor.click()
                        option = next(iter(browser.find_elements(By.CSS_SELECTOR, "[role='option']")), None)
                        if option is not None:
                            break
                    time.sleep(0.1)
                t0 = time.perf_counter()
                option.click()
                pages["pick"].append(wait_drawn(browser))
                chosen.append(time.perf_counter() - t0)
                slider = browser.find_element(By.CSS_SELECTOR, "input[type='range'][aria-label='Steps from the actor']")
                browser.execute_script("arguments[0].focus();", slider)
                t0 = time.perf_counter()
                ActionChains(browser).send_keys(Keys.ARROW_RIGHT).perform()
                pages["step"].append(wait_drawn(browser))
                steps.append(time.perf_counter() - t0)
            table.add("app: reload to drawn graph (graph cached)", name, reloads, note=mb(pages["reload"]))
            ties = "/".join(str(n) for _, n in picks[:runs])
            table.add(
                "app: pick a best-connected organisation to drawn ego network",
                name,
                chosen,
                note=f"depth 1, capped to 500, with its detail table, one per run ({ties} ties), {mb(pages['pick'])}",
            )
            table.add(
                "app: depth 1 → 2 to drawn ego network",
                name,
                steps,
                note=f"capped to 500, the organisation of the run, {mb(pages['step'])}",
            )
        finally:
            browser.quit()


# -- main ----------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", type=Path, default=None, help="also write the results here")
    parser.add_argument("--skip-neo4j", action="store_true")
    parser.add_argument("--skip-browser", action="store_true")
    parser.add_argument(
        "--browser-only",
        action="store_true",
        help="time only the app in the browser (the stores are loaded once, untimed)",
    )
    parser.add_argument(
        "--use-env-neo4j",
        action="store_true",
        help="use the server in NEO4J_URI (its database is emptied) instead of a throwaway one",
    )
    args = parser.parse_args()
    if args.browser_only and args.skip_browser:
        parser.error("--browser-only and --skip-browser exclude each other")

    from loaders.tables import read_participation_plan

    table = Table()
    print(f"CORDIS table: {DATA}")
    if args.browser_only:
        plan = read_participation_plan(DATA, **TABLE)
    else:
        plan = table.time(
            "read and validate the table", "–", lambda: read_participation_plan(DATA, **TABLE), runs=args.runs
        )
        table.rows[-1]["rows"] = plan.size
        table.rows[-1]["rate"] = plan.size / table.rows[-1]["median_s"]
    print(f"  {len(plan.nodes)} nodes, {len(plan.ties)} ties")
    with ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="pontes-bench-")))
        db = embedded_untimed(plan, tmp) if args.browser_only else embedded(table, plan, tmp, args.runs)
        from graph.store.embedded import EmbeddedStore

        with EmbeddedStore(db) as s:
            ranked, degree = by_degree(s, plan)
            picks = [(x, degree[x]) for x in ranked[: max(args.runs, 1)]]
        neo_env = None
        if not args.skip_neo4j:
            import neo4j

            from pontes import neo4j_server as ns

            if args.use_env_neo4j:
                from pontes.settings import load_settings

                settings = load_settings()
                uri, auth = settings.neo4j_uri, (settings.neo4j_username, settings.neo4j_password.get_secret_value())
                database = settings.neo4j_database
            else:
                home = ns.Home(tmp / "neo4j", lib_dir=REPO / ".neo4j" / "lib")
                ns.fetch(home.lib, REPO / "neo4j" / "pom.xml")
                creds = ns.start(home, die_with_parent=True)
                stack.callback(ns.stop, home)
                uri, auth, database = creds.uri, (creds.username, creds.password), "neo4j"
            driver = stack.enter_context(neo4j.GraphDatabase.driver(uri, auth=auth))
            if args.browser_only:
                neo4j_untimed(plan, driver, database)
            else:
                neo4j_steps(table, plan, driver, database, args.runs)
            neo_env = {
                "PONTES_STORE": "neo4j",
                "NEO4J_URI": uri,
                "NEO4J_USERNAME": auth[0],
                "NEO4J_PASSWORD": auth[1],
                "NEO4J_DATABASE": database,
            }
        if not args.skip_browser:
            empty = tmp / "no-seeds"
            empty.mkdir()
            common = {"PONTES_SEEDS": str(empty), "PONTES_LANGUAGE": "en"}
            browser_steps(
                table,
                "embedded",
                {**common, "PONTES_STORE": "embedded", "PONTES_DB_PATH": str(db)},
                picks,
                tmp,
                args.runs,
            )
            if neo_env:
                browser_steps(table, "neo4j", {**common, **neo_env}, picks, tmp, args.runs)

    machine = {"cpus": os.cpu_count(), "platform": platform.platform(), "python": platform.python_version()}
    stamp = datetime.now(UTC).isoformat(timespec="seconds")
    print()
    print(
        f"Pontes at CORDIS size, {stamp}, {machine['cpus']} cores, {machine['platform']}, "
        f"Python {machine['python']}; median of {args.runs} runs"
    )
    print()
    print(table.markdown())
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "date": stamp,
                    "machine": machine,
                    "runs": args.runs,
                    "nodes": len(plan.nodes),
                    "ties": len(plan.ties),
                    "rows": table.rows,
                },
                indent=2,
            )
            + "\n"
        )


if __name__ == "__main__":
    main()
