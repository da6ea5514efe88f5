"""The app on a CORDIS-size store, in headless Chromium.

The embedded store is built once, in a temporary folder, from the real CORDIS
Horizon 2020 table (``../shared/data/cordis_h2020/h2020.csv.gz``: 35,871
organisations, 31,445 dated projects, 144,719 participations) through the
participation loader. The explorer must draw a capped view and say what it
left out, for the whole network and for the ego network of the best-connected
organisation; the drawing's page carries the graph and loads vis-network from
the app. Timings are for bench/bench_scale.py; this test checks behaviour.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from graph.explore import DEFAULT_LIMIT
from pontes.settings import REPO_ROOT
from tests.support.browser import poll, streamlit_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CORDIS = Path(os.environ.get("PONTES_CORDIS", REPO_ROOT.parent / "shared" / "data" / "cordis_h2020" / "h2020.csv.gz"))


@pytest.fixture(scope="module")
def cordis_store(tmp_path_factory):
    """(path of the embedded store, best-connected organisation id, node count)."""
    if not CORDIS.exists():
        pytest.fail(f"the CORDIS table is missing at {CORDIS} (shared/data/cordis_h2020, or set PONTES_CORDIS)")
    from graph.store.embedded import EmbeddedStore
    from loaders import write_plan
    from loaders.tables import read_participation_plan

    path = tmp_path_factory.mktemp("cordis") / "cordis.sqlite"
    plan = read_participation_plan(CORDIS, actor="pic", event="rcn", time="start_year", attributes=["country", "type"])
    with EmbeddedStore(path) as store:
        store.ensure_schema()
        write_plan(store, plan)
        n_nodes = store.counts().total_nodes
        orgs = [n.id for n in plan.nodes if n.id.startswith("org:")]
        degree = store.degrees(orgs)
    hub = max(orgs, key=lambda x: (degree[x], x))
    return path, hub, n_nodes


@pytest.fixture
def cordis_app(tmp_path, cordis_store):
    path, _hub, _n = cordis_store
    empty = tmp_path / "no-seeds"
    empty.mkdir()
    with streamlit_server(
        tmp_path, PONTES_STORE="embedded", PONTES_DB_PATH=str(path), PONTES_SEEDS=str(empty), PONTES_LANGUAGE="en"
    ) as url:
        yield url


def _graph_frame(browser, unlike: str | None = None):
    from selenium.webdriver.common.by import By

    for frame in browser.find_elements(By.CSS_SELECTOR, "iframe"):
        doc = frame.get_attribute("srcdoc") or ""
        if "vis.Network" in doc and doc != unlike:
            return frame
    return None


def _drawn(browser, frame) -> tuple[int, int, bool]:
    """Nodes and ties vis-network holds, and whether physics is off (a laid-out drawing)."""
    browser.switch_to.frame(frame)
    try:
        return poll(
            lambda: browser.execute_script(
                "return (typeof network === 'object' && network && network.body)"
                " ? [network.body.data.nodes.length, network.body.data.edges.length,"
                "    network.physics.options.enabled === false] : null;"
            ),
            timeout=60,
        )
    finally:
        browser.switch_to.default_content()


def _page_text(browser) -> str:
    from selenium.webdriver.common.by import By

    return browser.find_element(By.TAG_NAME, "body").text


def test_the_explorer_draws_a_capped_view_of_cordis_and_says_so(cordis_app, cordis_store, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    _path, hub, n_nodes = cordis_store
    browser.get(cordis_app)
    frame = poll(lambda: _graph_frame(browser), timeout=240)
    nodes, ties, laid_out = _drawn(browser, frame)
    assert nodes == DEFAULT_LIMIT and ties > 0 and laid_out
    doc = frame.get_attribute("srcdoc")  # the graph only; vis-network (0.7 MB) is served once by the app
    assert '<script src="/app/static/pyvis/vis-9.1.2/vis-network.min.js"></script>' in doc
    assert "vis.js is dual licensed" not in doc
    notice = f"Showing the {DEFAULT_LIMIT} best-connected of {n_nodes} nodes: {n_nodes - DEFAULT_LIMIT} are left out."
    poll(lambda: notice in _page_text(browser) or None, timeout=30)

    # the ego network of the best-connected organisation: search, pick, redraw
    before = frame.get_attribute("srcdoc")
    box = browser.find_element(By.CSS_SELECTOR, "input[aria-label='Search by name or alias']")
    box.send_keys(hub.removeprefix("org:") + Keys.ENTER)
    actor = browser.find_element(By.CSS_SELECTOR, "input[aria-label='Actor']")
    poll(lambda: actor.get_attribute("disabled") is None or None, timeout=60)
    option = None
    for _ in range(5):  # the list opens once the search has rerun the page
        actor.click()
        option = next(iter(browser.find_elements(By.CSS_SELECTOR, "[role='option']")), None)
        if option is not None:
            break
        time.sleep(1)
    assert option is not None and option.text.startswith(f"PIC {hub.removeprefix('org:')}")
    started = time.monotonic()
    option.click()
    frame = poll(lambda: _graph_frame(browser, unlike=before), timeout=120)
    nodes, ties, laid_out = _drawn(browser, frame)
    assert nodes == DEFAULT_LIMIT and ties >= DEFAULT_LIMIT - 1 and laid_out
    text = poll(lambda: (t := _page_text(browser)) and "strongest ties first" in t and t or None, timeout=30)
    assert f"Showing {DEFAULT_LIMIT} of " in text and "are left out" in text
    assert "Network around PIC " in text
    print(f"ego network drawn {time.monotonic() - started:.1f} s after the pick")
