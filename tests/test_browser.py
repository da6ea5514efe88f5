"""The real app in a real browser: ``streamlit run app.py`` on a temporary
embedded store seeded from ``seeds/``, driven with Debian's headless Chromium.

No internet is available (and Chromium's background networking is off), so
a drawn graph also proves that nothing it needs comes from elsewhere: the
drawing's page carries the graph, and vis-network's files come from the app
itself (``static/pyvis/``, served at ``/app/static/pyvis/``).
"""

from __future__ import annotations

import urllib.request

import pytest

from graph.draw.page import ASSET_FILES, asset_text
from tests.support.browser import SEEDS, poll

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_explorer_draws_the_seed_network(app_url, browser):
    from selenium.webdriver.common.by import By

    from loaders import read_paths

    plan = read_paths([SEEDS])
    assert plan.nodes, "the seed network is empty"

    browser.get(app_url)

    def graph_frame():
        for frame in browser.find_elements(By.CSS_SELECTOR, "iframe"):
            if frame.get_attribute("srcdoc") and "vis.Network" in frame.get_attribute("srcdoc"):
                return frame
        return None

    frame = poll(graph_frame)
    browser.switch_to.frame(frame)
    drawn = poll(
        lambda: browser.execute_script(
            "return (typeof network === 'object' && network && network.body)"
            " ? [network.body.data.nodes.length, network.body.data.edges.length,"
            "    Object.keys(network.body.nodes).length] : null;"
        )
    )
    nodes, edges, on_canvas = drawn
    assert nodes == len(plan.nodes)
    assert edges == len(plan.ties)
    assert on_canvas >= nodes  # vis created a body node for each (edge label helpers may add more)
    # tooltips reach vis-network as DOM elements whose text is the node's name (not markup)
    label, is_element, text = browser.execute_script(
        "var n = network.body.data.nodes.get()[0];"
        "return [n.label, n.title instanceof HTMLElement, n.title.textContent];"
    )
    assert is_element and text.startswith(label)
    # vis-network came from the app (and nothing from elsewhere): the page holds only the graph
    expected = sorted(f"{app_url}/app/static/pyvis/{name}" for name in ASSET_FILES)
    assert (
        sorted(
            browser.execute_script(
                "return Array.from(document.querySelectorAll('script[src], link[href]')).map(e => e.src || e.href);"
            )
        )
        == expected
    )
    fetched = browser.execute_script(
        "return performance.getEntriesByType('resource').map(e => [e.name, e.responseStatus || 200]);"
    )
    assert sorted(name for name, status in fetched if status == 200) == expected
    legend = browser.find_element(By.ID, "pontes-legend").text
    assert "Organisation" in legend
    browser.switch_to.default_content()
    doc = frame.get_attribute("srcdoc")  # the graph, without vis-network's code
    assert "vis.js is dual licensed" not in doc and len(doc) < len(asset_text("vis-9.1.2/vis-network.min.js")) / 2
    for name in ASSET_FILES:  # the app serves pyvis' own files, as what they are
        with urllib.request.urlopen(f"{app_url}/app/static/pyvis/{name}", timeout=10) as r:
            kind = r.headers.get_content_type()
            assert r.read() == asset_text(name).encode("utf-8")
        assert kind == "text/css" if name.endswith(".css") else kind in ("text/javascript", "application/javascript")
