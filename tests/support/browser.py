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
    drawn (an ECharts instance with shapes in its SVG), else None."""
    return browser.execute_script(
        "var el = document.querySelector('[_echarts_instance_]');"
        "if (!el || !el.querySelector('svg path')) return null;"
        "return el.getAttribute('aria-label');"
    )


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


def unlock_editor_mode(browser, password: str, *, words: tuple[str, str] = ("Editor mode", "Unlock")) -> None:
    """Open the sidebar's editor mode, type ``password`` and unlock (``words``: the expander's and
    the button's labels in the page's language)."""
    click_text(browser, words[0])
    type_into(browser, "input[type='password']", password + "\n")
    time.sleep(2)  # let the app take the typed value before the click
    click_text(browser, words[1], enabled=True)
