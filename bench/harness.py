"""What the benchmarks share: the app, Chromium, their processes' CPU time, waiting for a drawing, peak memory.

Used by bench/bench_scale.py, bench/bench_metrics.py, bench/bench_suggest_page.py
and bench/bench_explorer.py. Nothing here is timed by itself and nothing is
asserted: benchmarks print figures, tests check behaviour.

- :func:`streamlit`: ``streamlit run app.py`` (of this tree, or of another
  checkout with ``app_dir``: the code before a change) on a free port;
- :func:`chromium`: Debian's headless Chromium (never downloaded), with a
  download folder when asked;
- :class:`Procs`: the CPU seconds of the app's process and of the browser's
  processes, and keeping Chromium at this process's niceness;
- :func:`wait_drawn` (a vis-network drawing in a frame: the Suggestions and
  Metrics pages, and the explorer before it drew with ECharts) and
  :func:`wait_picture` (the explorer's ECharts picture, by its accessible
  name, which gives the counts drawn);
- :func:`watch_paints`, :func:`forget_inputs`, :func:`paint_after_input`: the
  same wait measured inside the page, from the input event to the first
  frame painted with the new picture;
- :func:`embedded_untimed`, :func:`by_degree`: CORDIS in a temporary store,
  organisations best-connected first;
- :func:`reset_peak`, :func:`peak_mb`: this process's peak resident memory.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

DATA = Path(os.environ.get("PONTES_CORDIS", REPO.parent / "shared" / "data" / "cordis_h2020" / "h2020.csv.gz"))
TABLE = {"actor": "pic", "event": "rcn", "time": "start_year", "attributes": ["country", "type"]}


def streamlit(env: dict[str, str], log: Path, *, app_dir: Path = REPO):
    """``streamlit run app.py`` of ``app_dir`` with ``env`` (the app's variables replaced); yields its URL
    once it answers its health check, stops it after (:func:`pontes.appserver.app_server`)."""
    from pontes.appserver import app_server

    return app_server(env, log, app_dir=app_dir)


def chromium(profile: Path, *, downloads: Path | None = None):
    """Debian's headless Chromium with a profile of its own (and a download folder):
    :func:`pontes.appserver.headless_chromium`."""
    from pontes.appserver import headless_chromium

    return headless_chromium(profile, downloads=downloads)


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


#: The explorer's picture: its accessible name ("<the view's heading>: N nodes, M ties") once ECharts has drawn it.
_PICTURE = """
var el = document.querySelector('[_echarts_instance_]');
if (!el || !el.querySelector('svg path, canvas')) return null;
return el.getAttribute('aria-label');
"""


def picture(browser) -> str | None:
    """The accessible name of the explorer's drawn picture (``None`` while there is none)."""
    return browser.execute_script(_PICTURE)


def wait_picture(browser, unlike: str | None = None, *, timeout: float = 240, keep=None) -> str:
    """Poll (every 50 ms) until the explorer shows a drawn picture whose name is not ``unlike``.

    ``keep`` is called at every poll (e.g. :meth:`Procs.keep_nice`). Returns the name.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if keep is not None:
            keep()
        name = picture(browser)
        if name and name != unlike:
            return name
        time.sleep(0.05)
    raise TimeoutError(f"no new picture (last: {unlike!r})")


def wait_map(browser, *, timeout: float = 240, keep=None, what: str = "map") -> None:
    """Poll until the explorer's map is drawn: by the picture's chart (``data-drawn="map"``, set once
    ECharts has drawn it), or, in code before that, by a Vega chart into its canvas or SVG.
    ``what="graph"``: until the chart draws the network again (in code before, any ECharts picture)."""
    if what == "graph":
        found = (
            "return !!document.querySelector('[_echarts_instance_][data-drawn=\"graph\"] :is(svg path, canvas)')"
            " || (!document.querySelector('[data-drawn]') && !!document.querySelector('[_echarts_instance_] svg path'));"
        )
    else:
        found = (
            'return !!document.querySelector(\'[_echarts_instance_][data-drawn="map"] :is(svg path, canvas),'
            " .vega-embed canvas, .vega-embed svg .mark-shape');"
        )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if keep is not None:
            keep()
        if browser.execute_script(found):
            return
        time.sleep(0.05)
    raise TimeoutError(f"no {what} drawn")


#: Installed before any page script (:func:`watch_paints`): the time of the reader's first input
#: (a pointer pressed, a key) since :func:`paint_after_input` last read it, and every change of the
#: explorer's drawn picture (its accessible name, or ``data-drawn``: graph or map) with the time
#: of the first frame painted after it (a timeout queued from the next animation frame runs once
#: that frame is out). All in the page's ``performance.now()`` milliseconds, from its navigation.
_PAINT_WATCH = r"""
(() => {
  const w = (window.__pontesPaint = { input: null, changes: [] });
  const pressed = () => { if (w.input === null) w.input = performance.now(); };
  addEventListener("pointerdown", pressed, true);
  addEventListener("keydown", pressed, true);
  let last = null;
  const look = () => {
    const el = document.querySelector("[_echarts_instance_]");
    if (!el || !el.querySelector("svg path, canvas")) return;
    const now = (el.getAttribute("aria-label") || "") + "|" + (el.dataset.drawn || "");
    if (now === last) return;
    last = now;
    const change = { label: el.getAttribute("aria-label"), drawn: el.dataset.drawn || null, painted: null };
    w.changes.push(change);
    requestAnimationFrame(() => setTimeout(() => { change.painted = performance.now(); }, 0));
  };
  // attributes only: records of the chart's own SVG nodes would cost the page time of its own
  new MutationObserver(look).observe(document, { subtree: true, attributes: true, attributeFilter: ["aria-label", "data-drawn"] });
})();
"""


def watch_paints(browser) -> None:
    """From the next page loaded on: note inputs and the picture's paints in the page (:func:`paint_after_input`)."""
    browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": _PAINT_WATCH})


def forget_inputs(browser) -> None:
    """Start a step: forget the inputs and picture changes noted so far (untimed inputs before it)."""
    browser.execute_script("var w = window.__pontesPaint; if (w) { w.input = null; w.changes = []; }")


def paint_after_input(browser, *, label: str | None = None, drawn: str | None = None) -> float | None:
    """Seconds, in the page, from the first input since :func:`forget_inputs` (or from the page's
    navigation, when there was none) to the first frame painted after the picture showed ``label``
    (or became ``drawn``: ``"map"``); ``None`` where the page shows no picture of the explorer's
    component (the code before it) or no such change was seen within a second.

    This leaves out what a benchmark adds from outside: WebDriver's round trips before the click
    lands and the 50 ms between two polls."""
    deadline = time.monotonic() + 1.0
    while time.monotonic() < deadline:
        found = browser.execute_script(
            "var w = window.__pontesPaint; if (!w) return null;"
            "for (var i = 0; i < w.changes.length; i++) { var c = w.changes[i];"
            "  if ((arguments[0] === null || c.label === arguments[0]) && (arguments[1] === null || c.drawn === arguments[1]))"
            "    return c.painted === null ? -1 : c.painted - (w.input === null ? 0 : w.input); }"
            "return null;",
            label,
            drawn,
        )
        if found is None:
            return None
        if found >= 0:
            return found / 1000
        time.sleep(0.02)
    return None


def fmt_time(seconds: float) -> str:
    if seconds < 0.01:
        return f"{seconds * 1000:.1f} ms"
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.1f} s"


# -- processes and their CPU time -------------------------------------------------------------------


def _children(pid: int) -> list[int]:
    out = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            out += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            pass
    return out


def _tree(pid: int) -> list[int]:
    """``pid`` and all its descendants."""
    todo, seen = [pid], []
    while todo:
        p = todo.pop()
        seen.append(p)
        todo += _children(p)
    return seen


def _cpu_seconds(pids) -> float:
    """User and system CPU seconds of ``pids`` (and of their children that have exited and been waited for)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for p in pids:
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += sum(int(x) for x in fields[11:15])  # utime, stime, cutime, cstime
    return total / tick


class Procs:
    """The app's process and the browser's processes: their CPU time, and the browser's niceness.

    Chromium, run as root, gives its processes and threads a higher priority
    than the ``nice`` it was started with (niceness 0, 5 and -8 where this
    process has 10). With ``renice`` on, :meth:`keep_nice` puts every thread
    of the browser back to this process's niceness, so that the app and the
    browser compete for the cores on equal terms.
    """

    def __init__(self, app: int, driver: int, *, renice: bool = True):
        self.app, self.driver, self.renice = app, driver, renice
        self.nice = os.getpriority(os.PRIO_PROCESS, 0)

    def keep_nice(self) -> None:
        if not self.renice:
            return
        for pid in _tree(self.driver):
            for task in Path(f"/proc/{pid}/task").glob("*"):
                try:
                    tid = int(task.name)
                    if os.getpriority(os.PRIO_PROCESS, tid) < self.nice:
                        os.setpriority(os.PRIO_PROCESS, tid, self.nice)
                except (OSError, ValueError):
                    pass  # gone meanwhile

    def app_cpu(self) -> float:
        return _cpu_seconds([self.app])

    def browser_cpu(self) -> float:
        # chromedriver and every Chromium process under it; renderers come and go
        # with pages, so this is read at both ends of a step from the live tree
        return _cpu_seconds(_tree(self.driver))


def streamlit_pid() -> int:
    """The ``streamlit run`` process this process started last (bench_scale.streamlit's)."""
    me = os.getpid()
    found = [p for p in _children(me) if "streamlit" in Path(f"/proc/{p}/cmdline").read_text(errors="replace")]
    if not found:
        raise RuntimeError("no streamlit process found")
    return max(found)


def wait_idle(procs: Procs, *, window: float = 5.0, share: float = 0.05, timeout: float = 1800) -> float:
    """Wait until the app's process used less than ``share`` of one core over
    ``window`` seconds (the background training is then over); returns the wait."""
    t0 = time.monotonic()
    samples = [(t0, procs.app_cpu())]
    while time.monotonic() - t0 < timeout:
        time.sleep(1.0)
        now = (time.monotonic(), procs.app_cpu())
        samples.append(now)
        old = [x for x in samples if now[0] - x[0] >= window]
        if old and (now[1] - old[-1][1]) < share * (now[0] - old[-1][0]):
            return now[0] - t0
    raise TimeoutError("the app did not become idle")


def click(browser, element) -> None:
    """Click ``element`` as a user would, once it can be (an expander may still be opening)."""
    from selenium.common.exceptions import ElementNotInteractableException

    browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
    deadline = time.monotonic() + 10
    while True:
        try:
            element.click()
            return
        except ElementNotInteractableException:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


# -- CORDIS ------------------------------------------------------------------------


def by_degree(store, plan):
    """The organisations, best-connected first, and the degree of each."""
    orgs = [n.id for n in plan.nodes if n.id.startswith("org:")]
    degree = store.degrees(orgs)
    return sorted(orgs, key=lambda x: (-degree[x], x)), degree


def embedded_untimed(plan, tmp: Path) -> Path:
    """The table loaded into a temporary embedded store (``--browser-only``)."""
    from graph.store.embedded import EmbeddedStore
    from loaders import write_plan

    path = tmp / "cordis.sqlite"
    with EmbeddedStore(path) as s:
        s.ensure_schema()
        write_plan(s, plan)
    return path


def keep_first_page(db: Path) -> float:
    """What ``pontes load`` does after a load of a large graph: keep the explorer's first page of
    the embedded store ``db`` in every language (:func:`ui.frontpage.prepare`); seconds taken."""
    from graph.store.embedded import EmbeddedStore
    from pontes.settings import load_settings
    from ui import frontpage
    from ui.i18n import LANGUAGES, stand_in_words

    settings = load_settings(store="embedded", db_path=db)
    started = time.perf_counter()
    with EmbeddedStore(db) as store:
        frontpage.prepare(settings, store, LANGUAGES, words=stand_in_words())
    return time.perf_counter() - started


# -- memory -------------------------------------------------------------------------


def reset_peak() -> None:
    """Reset the process's peak resident set size (Linux: VmHWM)."""
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")
    except OSError:
        pass


def peak_mb() -> float:
    """The process's peak resident set size since start or :func:`reset_peak`, in MB."""
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")
