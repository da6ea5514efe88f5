"""A real app in a real browser: ``streamlit run app.py`` on a free port and
Debian's headless Chromium (fixtures ``app_url`` and ``browser``; registered
in conftest.py). Browsers are never downloaded: ``make test`` installs
Debian's ``chromium`` and ``chromium-driver``.
"""

from __future__ import annotations

import shutil
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from pontes.appserver import CHROMEDRIVER, CHROMIUM, app_server, headless_chromium
from pontes.settings import REPO_ROOT

SEEDS = REPO_ROOT / "seeds"


@contextmanager
def streamlit_server(tmp_path: Path, **env_overrides: str):
    """``streamlit run app.py`` on a free port with the app's environment
    variables replaced by ``env_overrides``; yields the URL, stops it after."""
    with app_server(env_overrides, tmp_path / "streamlit.log") as url:
        yield url


@pytest.fixture
def app_url(tmp_path):
    with streamlit_server(
        tmp_path,
        PONTES_STORE="embedded",
        PONTES_DB_PATH=str(tmp_path / "browser.sqlite"),
        PONTES_SEEDS=str(SEEDS),
        PONTES_LANGUAGE="en",
    ) as url:
        yield url


@pytest.fixture
def browser(tmp_path):
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        # never skipped: `make test` installs Debian's chromium and chromium-driver
        pytest.fail(f"browser tests need {CHROMIUM} and {CHROMEDRIVER} (scripts/install.sh test installs them)")
    driver = headless_chromium(tmp_path / "chromium-profile")
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(tmp_path / "chromium-profile", ignore_errors=True)


def poll(fn, timeout: float = 90, interval: float = 0.5):
    """``fn()`` until it returns something other than None (TimeoutError after ``timeout`` s)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = fn()
        if value is not None:
            return value
        time.sleep(interval)
    raise TimeoutError("condition not met in time")


def drawn_picture(browser) -> str | None:
    """The explorer picture's accessible name ("<the view's heading>: N nodes, M ties") once it is
    drawn (an ECharts instance with shapes in its SVG, or its canvas), else None."""
    return browser.execute_script(
        "var el = document.querySelector('[_echarts_instance_]');"
        "if (!el || !el.querySelector('svg path, canvas')) return null;"
        "return el.getAttribute('aria-label');"
    )


#: Where to click a node of the picture, whichever renderer drew it: the most important named node
#: (not the focus: arguments[0], else the URL's) whose symbol is what a click at its centre hits (no other
#: node or name drawn over it): [id, name, x, y] in the picture's box, from its top left, or null.
#: ECharts' own API places the node (convertToPixel) and zrender says what a point hits (findHover).
_NODE_TO_CLICK = r"""
var focus = arguments[0] || new URLSearchParams(location.search).get('focus');
var box = document.querySelector('[_echarts_instance_]');
var chart = box && window.echarts && echarts.getInstanceByDom(box);
if (!chart) return null;
var data = chart.getModel().getSeriesByIndex(0).getData(), items = chart.getOption().series[0].data;
var order = items.map(function (d, i) { return i; })
  .filter(function (i) { return items[i].id !== focus && items[i].label && items[i].label.fontWeight === 'bold'; })
  .sort(function (a, b) { return items[b].symbolSize - items[a].symbolSize; });
var handler = chart.getZr().handler;
for (var k = 0; k < order.length; k++) {
  var i = order[k], p = chart.convertToPixel({seriesIndex: 0}, [items[i].x, items[i].y]);
  if (!p || p[0] < 8 || p[1] < 8 || p[0] > box.clientWidth - 8 || p[1] > box.clientHeight - 8) continue;
  var hit = handler.findHover(p[0], p[1]).target, mine = data.getItemGraphicEl(i);
  for (var el = hit; el; el = el.parent) if (el === mine) return [items[i].id, items[i].name, p[0], p[1]];
}
return null;
"""


def node_to_click(browser, focus: str | None = None) -> tuple[str, str, float, float]:
    """A node of the drawn picture that a click at its centre hits (see :data:`_NODE_TO_CLICK`):
    its id, its name and the point in the picture's box."""
    found = browser.execute_script(_NODE_TO_CLICK, focus)
    if not found:
        raise AssertionError("no named node of the picture can be clicked")
    return found[0], found[1], float(found[2]), float(found[3])


def click_in_picture(browser, x: float, y: float, *, click: bool = True) -> None:
    """A real click at ``(x, y)`` of the picture's box (from its top left), scrolled into sight
    first; ``click=False``: the pointer only moves there (a hover)."""
    from selenium.webdriver.common.action_chains import ActionChains

    where = browser.execute_script(
        "var box = document.querySelector('[_echarts_instance_]');"
        "box.scrollIntoView({block: 'center'});"
        "var r = box.getBoundingClientRect(), x = r.left + arguments[0], y = r.top + arguments[1];"
        "var hit = document.elementFromPoint(x, y);"
        "return hit && box.contains(hit) ? [x, y] : null;",
        x,
        y,
    )
    if where is None:
        raise AssertionError(f"the point ({x:.0f}, {y:.0f}) of the picture is out of sight or covered")
    actions = ActionChains(browser)
    actions.w3c_actions.pointer_action.move_to_location(int(round(where[0])), int(round(where[1])))
    if click:
        actions.w3c_actions.pointer_action.click()
    actions.perform()


#: How many of the picture's nodes are dimmed (ECharts' blur state, e.g. by a hover on another node).
DIMMED_NODES = """
var chart = echarts.getInstanceByDom(document.querySelector('[_echarts_instance_]'));
var data = chart.getModel().getSeriesByIndex(0).getData(), n = 0;
for (var i = 0; i < data.count(); i++) {
  var el = data.getItemGraphicEl(i), shape = el && el.childAt ? el.childAt(0) : el;
  if (shape && (shape.currentStates || []).indexOf('blur') >= 0) n++;
}
return n;
"""


def click_text(browser, text: str, *, enabled: bool = False, timeout: float = 60) -> None:
    """Click the button or expander summary whose text (or a child's) is ``text``; with ``enabled``,
    wait until the button can be clicked."""
    from selenium.webdriver.common.by import By

    def find():
        hits = browser.find_elements(
            By.XPATH,
            f"//*[self::button or self::summary][.//*[normalize-space(text())='{text}'] or normalize-space(text())='{text}']",
        )
        return hits[0] if hits and (not enabled or hits[0].is_enabled()) else None

    poll(find, timeout=timeout).click()


def type_into(browser, css: str, text: str, *, timeout: float = 60) -> None:
    """Type ``text`` into the first element matching ``css`` once it takes typing: shown, enabled
    and interactable (an expander that is still opening shows its field before it takes keys)."""
    from selenium.common.exceptions import ElementNotInteractableException, StaleElementReferenceException
    from selenium.webdriver.common.by import By

    def typed():
        hits = [e for e in browser.find_elements(By.CSS_SELECTOR, css) if e.is_displayed() and e.is_enabled()]
        if not hits:
            return None
        try:
            hits[0].send_keys(text)
        except (ElementNotInteractableException, StaleElementReferenceException):
            return None
        return True

    poll(typed, timeout=timeout)


def unlock_editor_mode(
    browser, password: str, *, words: tuple[str, str] = ("Editor mode", "Leave editor mode")
) -> None:
    """Open the sidebar's editor mode, type ``password`` and press Enter, as people do, and wait until
    the box offers to leave editor mode (``words``: the expander's and that button's labels in the
    page's language): Enter alone unlocks, without a click on Unlock."""
    from selenium.webdriver.common.by import By

    click_text(browser, words[0])
    type_into(browser, "input[type='password']", password + "\n")
    xpath = f"//button[.//*[normalize-space(text())='{words[1]}']]"
    poll(lambda: browser.find_elements(By.XPATH, xpath) or None, timeout=60)
