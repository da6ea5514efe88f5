"""The real app in a real browser: ``streamlit run app.py`` on a temporary
embedded store seeded from ``seeds/``, driven with Debian's headless Chromium.

No internet is available (and Chromium's background networking is off), so
a drawn picture also proves that nothing it needs comes from elsewhere: the
explorer's graph and map are drawn by ECharts served by the app itself
(``static/echarts/``), with outlines shipped in Pontes, and the Metrics page's drawing loads
vis-network from the app itself (``static/pyvis/``, at ``/app/static/pyvis/``).

One walk through the explorer as a coordinator would take it: click a node
and see the focus move, open the map, step the year, download the picture
as PNG, SVG and a standalone page, reopen the view's link in a new session,
then stop the server and open the downloaded page.
"""

from __future__ import annotations

import urllib.request
from pathlib import Path

import pytest

from graph.draw.page import ASSET_FILES, asset_text
from graph.explore import facets
from graph.facts import name_in
from graph.store.base import Subgraph
from tests.support.browser import SEEDS, drawn_picture, poll, streamlit_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]

#: The first name written bold in the picture (a labelled node), whole (not cut) and not covered by anything.
_WRITTEN_NAME = r"""
var ts = document.querySelectorAll('[_echarts_instance_] svg text');
for (var i = 0; i < ts.length; i++) {
  var s = ts[i].getAttribute('style') || '', text = ts[i].textContent;
  if (s.indexOf('font-weight: bold') < 0 || s.indexOf('font-size: 13px') < 0 || /\.\.\.$|…$/.test(text)) continue;
  var r = ts[i].getBoundingClientRect();
  if (document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) === ts[i]) return ts[i];
}
return null;
"""

#: The map, once the picture's chart has drawn it.
_MAP_DRAWN = "[_echarts_instance_][data-drawn='map'] svg path"

#: The first place named on the map (not the legend's texts, whose box is at the top left) that nothing covers.
_PLACE_NAME = r"""
var host = document.querySelector("[_echarts_instance_][data-drawn='map']");
if (!host) return null;
var frame = host.getBoundingClientRect();
var ts = host.querySelectorAll('svg text');
for (var i = 0; i < ts.length; i++) {
  var r = ts[i].getBoundingClientRect();
  if (r.top < frame.top + 70 && r.left < frame.left + 160) continue;
  if (document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) === ts[i]) return ts[i];
}
return null;
"""

#: The bold names of the picture that cover each other or run past its edge (pairs, and single names).
_CLASHING_NAMES = r"""
var host = document.querySelector('[_echarts_instance_]'), frame = host.getBoundingClientRect();
var boxes = Array.from(host.querySelectorAll('svg text'))
  .filter(t => (t.getAttribute('style') || '').indexOf('font-weight: bold') >= 0)
  .map(t => [t.textContent, t.getBoundingClientRect()]);
var out = [];
for (var i = 0; i < boxes.length; i++) {
  var a = boxes[i][1];
  if (a.left < frame.left || a.right > frame.right) out.push([boxes[i][0]]);
  for (var j = i + 1; j < boxes.length; j++) {
    var b = boxes[j][1];
    if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) out.push([boxes[i][0], boxes[j][0]]);
  }
}
return [boxes.length, out];
"""


def _text(browser) -> str:
    from selenium.webdriver.common.by import By

    return browser.find_element(By.TAG_NAME, "body").text


def _click_text(browser, xpath: str) -> None:
    from selenium.webdriver.common.by import By

    element = poll(lambda: next(iter(browser.find_elements(By.XPATH, xpath)), None), timeout=60)
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
    element.click()


def _downloaded(folder: Path, suffix: str) -> Path | None:
    done = [p for p in folder.glob(f"*{suffix}") if p.stat().st_size > 0]
    return done[0] if done else None


def test_a_coordinator_walks_through_the_explorer(tmp_path, browser):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    from loaders import read_paths

    plan = read_paths([SEEDS])
    names = {n.id: name_in(n, "en") for n in plan.nodes}
    last = facets(Subgraph(nodes=plan.nodes, ties=plan.ties)).years[1]
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    browser.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})

    with streamlit_server(
        tmp_path,
        PONTES_STORE="embedded",
        PONTES_DB_PATH=str(tmp_path / "browser.sqlite"),
        PONTES_SEEDS=str(SEEDS),
        PONTES_LANGUAGE="en",
    ) as url:
        browser.get(url)
        drawn = poll(lambda: drawn_picture(browser), timeout=120)
        assert drawn == f"The whole network: {len(plan.nodes)} nodes, {len(plan.ties)} ties"
        assert "The whole network" in _text(browser)
        count, clashes = browser.execute_script(_CLASHING_NAMES)  # the important names, legible: apart, inside
        assert count >= 8 and clashes == []

        # a click on a node's name in the picture focuses the explorer on it
        target = poll(lambda: browser.execute_script(_WRITTEN_NAME), timeout=60)
        label = target.text
        focus = next(nid for nid, name in names.items() if name == label)
        target.click()
        poll(lambda: f"Network around {label} (depth 1)" in _text(browser) or None, timeout=60)
        poll(lambda: f"focus={focus.replace(':', '%3A')}" in browser.current_url or None, timeout=30)
        ego = poll(lambda: (d := drawn_picture(browser)) != drawn and d or None, timeout=60)
        assert ego.startswith(f"Network around {label} (depth 1): ")
        assert browser.execute_script(_CLASHING_NAMES)[1] == []
        assert poll(lambda: browser.find_elements(By.XPATH, f"//h2[normalize-space()='{label}']") or None)  # detail

        # back returns to the whole network, forward to the focus
        browser.back()
        poll(lambda: "The whole network" in _text(browser) or None, timeout=60)
        browser.forward()
        poll(lambda: f"Network around {label} (depth 1)" in _text(browser) or None, timeout=60)

        # the map of the same view, drawn by the picture's chart (outlines, points, arcs) from the app alone
        _click_text(browser, "//div[@data-testid='stButtonGroup']//button[normalize-space()='Map']")
        poll(lambda: browser.find_elements(By.CSS_SELECTOR, _MAP_DRAWN) or None, timeout=60)
        assert drawn_picture(browser).startswith(f"Network around {label} (depth 1): map of ")
        poll(lambda: "view=map" in browser.current_url or None, timeout=30)
        # a place says what lies there when hovered; a click focuses it, and the map stays
        place = poll(lambda: browser.execute_script(_PLACE_NAME), timeout=30)
        name = place.text
        ActionChains(browser).move_to_element(place).perform()
        tip = f"Place: {name}"
        poll(lambda: tip in browser.find_element(By.CSS_SELECTOR, "[_echarts_instance_]").text or None, timeout=30)
        place.click()
        poll(lambda: f"Network around {name} (depth 1)" in _text(browser) or None, timeout=60)
        poll(lambda: browser.find_elements(By.CSS_SELECTOR, _MAP_DRAWN) or None, timeout=60)
        browser.back()  # to the actor's map
        poll(lambda: f"Network around {label} (depth 1)" in _text(browser) or None, timeout=60)
        _click_text(browser, "//div[@data-testid='stButtonGroup']//button[normalize-space()='Network']")
        poll(lambda: drawn_picture(browser), timeout=60)

        # as of a year, one year back: the picture shrinks to what was there then
        _click_text(browser, "//label[.//p[normalize-space()='As of a year']]")
        poll(lambda: f"as of {last}" in _text(browser) or None, timeout=60)
        before = poll(lambda: drawn_picture(browser), timeout=60)
        _click_text(browser, f"//button[.//p[normalize-space()='◀ {last - 1}']]")
        poll(lambda: f"as of {last - 1}" in _text(browser) or None, timeout=60)
        poll(lambda: f"year={last - 1}" in browser.current_url or None, timeout=30)
        after = poll(lambda: (d := drawn_picture(browser)) != before and d or None, timeout=60)
        assert after.startswith(f"Network around {label} (depth 1) · as of {last - 1}: ")

        # share: PNG, SVG and a page that opens without the app, made when clicked
        _click_text(browser, "//summary[.//p[normalize-space()='Share and print']]")
        for label_text, suffix in (
            ("Picture (PNG)", ".png"),
            ("Picture for print (SVG)", ".svg"),
            ("Page that opens without the app (HTML)", ".html"),
        ):
            _click_text(browser, f"//button[.//p[normalize-space()='{label_text}']]")
            poll(lambda suffix=suffix: _downloaded(downloads, suffix), timeout=60)
        png, svg, page = (_downloaded(downloads, s) for s in (".png", ".svg", ".html"))
        assert png.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
        assert svg.read_text(encoding="utf-8").startswith("<svg") and f">{label}</text>" in svg.read_text("utf-8")
        assert "vis.Network" in page.read_text(encoding="utf-8")

        # the link reproduces the view in a new session
        link = browser.current_url
        assert all(part in link for part in ("focus=", f"year={last - 1}", "lang=en"))
        shown = drawn_picture(browser)
        browser.delete_all_cookies()
        browser.get("about:blank")
        browser.get(link)
        poll(lambda: f"Network around {label} (depth 1) · as of {last - 1}" in _text(browser) or None, timeout=120)
        assert poll(lambda: drawn_picture(browser), timeout=60) == shown

        # vis-network for the Metrics page's drawing comes from the app, as JavaScript and CSS
        for name in ASSET_FILES:
            with urllib.request.urlopen(f"{url}/app/static/pyvis/{name}", timeout=10) as r:
                kind = r.headers.get_content_type()
                assert r.read() == asset_text(name).encode("utf-8")
            assert (
                kind == "text/css" if name.endswith(".css") else kind in ("text/javascript", "application/javascript")
            )

    # the server is stopped: the downloaded page still opens and draws the picture
    with pytest.raises(OSError):
        urllib.request.urlopen(url, timeout=5)
    browser.get(page.as_uri())
    nodes = poll(
        lambda: browser.execute_script(
            "return (typeof network === 'object' && network && network.body) ? network.body.data.nodes.length : null;"
        ),
        timeout=60,
    )
    assert nodes == int(after.rsplit(": ", 1)[1].split(" ")[0])
    failed = browser.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name).filter(n => !n.startsWith('file:'));"
    )
    assert failed == []  # nothing fetched from anywhere


def test_a_picture_that_cannot_load_echarts_says_so_and_draws_once_it_can(app_url, browser):
    """The picture's component loads ECharts from the app: if the browser cannot fetch it, the page
    says so in the reader's language, and the next run draws (the message gone) once it can."""
    from selenium.webdriver.common.by import By

    from ui.i18n import t

    browser.execute_cdp_cmd("Network.enable", {})
    browser.execute_cdp_cmd("Network.setBlockedURLs", {"urls": ["*echarts.min.js"]})
    browser.get(app_url + "/?lang=de")
    failed = t("explorer.picture_failed", "de")
    poll(lambda: failed in (_picture_text(browser) or "") or None, timeout=90)
    browser.execute_cdp_cmd("Network.setBlockedURLs", {"urls": []})
    _click_text(browser, "//div[@data-testid='stButtonGroup']//button[normalize-space()='Karte']")
    poll(lambda: browser.find_elements(By.CSS_SELECTOR, _MAP_DRAWN) or None, timeout=60)
    assert failed not in _picture_text(browser)


def _picture_text(browser) -> str | None:
    return browser.execute_script("var b = document.querySelector('div.pontes-picture'); return b && b.textContent;")
