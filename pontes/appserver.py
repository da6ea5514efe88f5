"""Running the app: the ``streamlit run app.py`` command line, a throwaway
server of it, and Debian's headless Chromium to look at it (the browser
tests and the benchmarks; Selenium comes with the test extras).

The options beside ``.streamlit/config.toml``'s are given on the command line
so that they hold from any folder (``pontes app``) and for another checkout
of the app (benchmarks of the code before a change).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

from pontes.neo4j_server import free_port
from pontes.settings import ENV_VARS, REPO_ROOT


def streamlit_command(app_dir: Path, *, address: str, port: int, extra: Sequence[str] = ()) -> list[str]:
    """``streamlit run`` of ``app_dir``'s app.py: no usage statistics, no developer menu, static files
    served (vis-network's, ``static/pyvis/``); ``extra`` Streamlit options come last and win."""
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(app_dir / "app.py"),
        f"--server.address={address}",
        f"--server.port={port}",
        "--server.enableStaticServing=true",
        "--browser.gatherUsageStats=false",
        "--client.toolbarMode=minimal",  # no English-only menu (see .streamlit/config.toml)
        *extra,
    ]


def wait_healthy(url: str, proc: subprocess.Popen, timeout: float = 90) -> None:
    """Until the app at ``url`` answers its health check (RuntimeError if it ends first)."""
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
        time.sleep(0.3)
    raise TimeoutError(f"streamlit did not become healthy at {url}")


@contextmanager
def app_server(env: Mapping[str, str], log: Path, *, app_dir: Path = REPO_ROOT) -> Iterator[str]:
    """The app on a free local port, headless, its output in ``log``; the app's
    environment variables (:data:`~pontes.settings.ENV_VARS`) are those of
    ``env`` only. Yields the URL once the app answers; stops it after."""
    port = free_port()
    full = {k: v for k, v in os.environ.items() if k not in ENV_VARS}
    full.update(env)
    cmd = streamlit_command(
        app_dir,
        address="127.0.0.1",
        port=port,
        extra=["--server.headless=true", "--server.fileWatcherType=none"],
    )
    with open(log, "wb") as out:
        proc = subprocess.Popen(cmd, cwd=app_dir, env=full, stdout=out, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        try:
            wait_healthy(url, proc)
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


#: Debian's Chromium and its driver (never a downloaded browser).
CHROMIUM = os.environ.get("PONTES_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("PONTES_CHROMEDRIVER", "/usr/bin/chromedriver")


def headless_chromium(profile: Path, *, downloads: Path | None = None):
    """A Selenium driver of Debian's headless Chromium with a profile folder of its own, nothing
    fetched in the background, 1400 x 1000; downloads go to ``downloads`` when given. Quit it after."""
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
        f"--user-data-dir={profile}",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    if downloads is not None:
        driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    return driver


__all__ = ["CHROMEDRIVER", "CHROMIUM", "app_server", "headless_chromium", "streamlit_command", "wait_healthy"]
