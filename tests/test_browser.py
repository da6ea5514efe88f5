"""The real app in a real browser: ``streamlit run app.py`` on a temporary
embedded store seeded from ``seeds/``, driven with Debian's headless Chromium.

No internet is available (and Chromium's background networking is off), so
a drawn graph also proves that nothing it needs comes from elsewhere: the
drawing's page carries the graph, and vis-network's files come from the app
itself (``static/pyvis/``, served at ``/app/static/pyvis/``).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

from graph.draw.page import ASSET_FILES, asset_text
from pontes.settings import ENV_VARS, REPO_ROOT

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = os.environ.get("PONTES_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("PONTES_CHROMEDRIVER", "/usr/bin/chromedriver")
SEEDS = REPO_ROOT / "seeds"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_healthy(url: str, proc: subprocess.Popen, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.read().strip() == b"ok":
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise TimeoutError(f"streamlit did not become healthy at {url}")


@contextmanager
def streamlit_server(tmp_path: Path, **env_overrides: str):
    """``streamlit run app.py`` on a free port with the app's environment
    variables replaced by ``env_overrides``; yields the URL, stops it after."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in ENV_VARS}
    env.update(env_overrides)
    log = open(tmp_path / "streamlit.log", "wb")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(REPO_ROOT / "app.py"),
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
        cwd=REPO_ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, proc)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


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
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1400,1000",
        f"--user-data-dir={tmp_path / 'chromium-profile'}",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(tmp_path / "chromium-profile", ignore_errors=True)


def _poll(fn, timeout: float = 90, interval: float = 0.5):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = fn()
        if value is not None:
            return value
        time.sleep(interval)
    raise TimeoutError("condition not met in time")


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

    frame = _poll(graph_frame)
    browser.switch_to.frame(frame)
    drawn = _poll(
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
