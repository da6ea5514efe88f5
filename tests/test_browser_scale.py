"""The app on a CORDIS-size store, in headless Chromium.

The embedded store is built once, in a temporary folder, from the real CORDIS
Horizon 2020 table (``../shared/data/cordis_h2020/h2020.csv.gz``: 35,871
organisations, 31,445 dated projects, 144,719 participations) through the
participation loader. The explorer must draw a capped view and say what it
left out, for the whole network and for the ego network of the best-connected
organisation, as the explorer's ECharts picture (its accessible name gives
the counts drawn), on a canvas, where a click on a node focuses it. Timings
are for bench/bench_explorer.py; this test checks behaviour.
"""

from __future__ import annotations

import time

import pytest

from graph.explore import DEFAULT_LIMIT
from tests.support.browser import DIMMED_NODES, click_in_picture, drawn_picture, node_to_click, poll, streamlit_server
from tests.support.shared import CORDIS, need

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def cordis_store(tmp_path_factory):
    """(path of the embedded store, best-connected organisation id, node count)."""
    need(CORDIS, "the CORDIS table (or set PONTES_CORDIS)")
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


def _picture(browser, unlike: str | None = None) -> str | None:
    """The explorer picture's accessible name ("<heading>: N nodes, M ties") once drawn, if not ``unlike``."""
    name = drawn_picture(browser)
    return name if name and name != unlike else None


def _counts(name: str) -> tuple[int, int]:
    nodes, ties = name.rsplit(": ", 1)[1].split(", ")
    return int(nodes.split()[0].replace(",", "")), int(ties.split()[0].replace(",", ""))


def _page_text(browser) -> str:
    from selenium.webdriver.common.by import By

    return browser.find_element(By.TAG_NAME, "body").text


def test_the_explorer_draws_a_capped_view_of_cordis_and_says_so(cordis_app, cordis_store, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    _path, hub, n_nodes = cordis_store
    browser.get(cordis_app)
    whole = poll(lambda: _picture(browser), timeout=240)
    nodes, ties = _counts(whole)
    assert nodes == DEFAULT_LIMIT and ties > 0
    notice = (
        f"Showing the {DEFAULT_LIMIT} best-connected of {n_nodes:,} nodes: {n_nodes - DEFAULT_LIMIT:,} are left out."
    )
    poll(lambda: notice in _page_text(browser) or None, timeout=30)

    # the ego network of the best-connected organisation: search, pick, redraw
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
    ego = poll(lambda: _picture(browser, unlike=whole), timeout=120)
    nodes, ties = _counts(ego)
    assert nodes == DEFAULT_LIMIT and ties >= DEFAULT_LIMIT - 1
    text = poll(lambda: (t := _page_text(browser)) and "strongest ties first" in t and t or None, timeout=30)
    assert f"Showing {DEFAULT_LIMIT} of " in text and "are left out" in text
    assert "Network around PIC " in text
    print(f"ego network drawn {time.monotonic() - started:.1f} s after the pick")

    # a picture this large is drawn on a canvas; a click on a node of it focuses that node, and the
    # small picture of the node clicked is drawn as SVG again, by a chart of its own
    renderer = (
        "return echarts.getInstanceByDom(document.querySelector('[_echarts_instance_]')).getZr().painter.getType()"
    )
    assert browser.execute_script(renderer) == "canvas"
    assert browser.execute_script("return document.querySelectorAll('[_echarts_instance_] svg text').length") == 0
    node, name, x, y = node_to_click(browser, hub)
    click_in_picture(browser, x, y)
    near = poll(lambda: _picture(browser, unlike=ego), timeout=120)
    assert near.startswith(f"Network around {name} (depth 1)")
    assert poll(lambda: browser.execute_script(renderer) == "svg" or None, timeout=30)
    assert node.split(":", 1)[1] in browser.current_url

    # a hover dims all but the node's neighbours; the next view (depth 2, the pointer left where it
    # was) starts undimmed (ECharts kept the dimming across views on a canvas)
    browser.back()
    poll(lambda: _picture(browser) == ego or None, timeout=120)
    node, name, x, y = node_to_click(browser, hub)
    click_in_picture(browser, x, y, click=False)
    assert poll(lambda: browser.execute_script(DIMMED_NODES) or None, timeout=10) > 0
    slider = browser.find_element(By.CSS_SELECTOR, "input[type='range'][aria-label='Steps from the actor']")
    browser.execute_script("arguments[0].focus();", slider)
    slider.send_keys(Keys.ARROW_RIGHT)
    deeper = poll(lambda: _picture(browser, unlike=ego), timeout=120)
    assert "(depth 2)" in deeper
    time.sleep(1)  # a frame or two for a hover carried over to show
    assert browser.execute_script(DIMMED_NODES) == 0
