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
import threading
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
        # /_stcore/script-health-check runs the app once in a session of its own:
        # warm_up() asks for it as soon as the server answers (see warm_up).
        "--server.scriptHealthCheckEnabled=true",
        # No full garbage collection after every run of the page: it held the
        # process for 0.06 s of each interaction (two thirds of the app's CPU per
        # run on the seed network) and cannot free what the page keeps anyway;
        # Python's own collector still runs as objects are made.
        "--runner.postScriptGC=false",
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


def warm_up(url: str, timeout: float = 600) -> bool:
    """Run the app once, in a session of its own, through Streamlit's script health check.

    A new process imports the library, opens the store and reads the graph on
    the first page anyone opens; after this run that is done, and the first
    visitor's page only draws (the seed network: 2.9 s to 2.3 s in headless
    Chromium, docs/explorer.md, *Speed*). Returns whether the run ended without
    an error; an error is the page's to show, so it is not raised here.
    """
    try:
        with urllib.request.urlopen(f"{url}/_stcore/script-health-check", timeout=timeout) as r:
            return r.read().strip() == b"ok"
    except OSError:
        return False


def streamlit_option(args: Sequence[str], name: str) -> str | None:
    """The last value of Streamlit option ``name`` in ``args`` (``--name=v`` or ``--name v``)."""
    value = None
    for i, arg in enumerate(args):
        if arg.startswith(f"--{name}="):
            value = arg.split("=", 1)[1]
        elif arg == f"--{name}" and i + 1 < len(args):
            value = args[i + 1]
    return value


def run_app(cmd: Sequence[str], *, port: int) -> int:
    """Run ``cmd`` (:func:`streamlit_command`) until it ends, warming the app up
    (:func:`warm_up`) in the background as soon as it answers; its exit code.

    Streamlit opens the browser when the server starts, so the browser loads
    the page's scripts while the app's first run imports and reads. Ctrl+C
    stops the app as Streamlit does (it receives the same signal).
    """
    port = int(streamlit_option(cmd, "server.port") or port)
    host = streamlit_option(cmd, "server.address") or "127.0.0.1"
    if host in ("0.0.0.0", "::"):  # every interface: this machine's is one of them
        host = "127.0.0.1"
    host = f"[{host}]" if ":" in host else host
    base = (streamlit_option(cmd, "server.baseUrlPath") or "").strip("/")
    url = f"http://{host}:{port}" + (f"/{base}" if base else "")
    proc = subprocess.Popen(list(cmd))

    def warm() -> None:
        try:
            wait_healthy(url, proc)
        except (RuntimeError, TimeoutError):
            return  # it ended or never answered: Streamlit has said why
        warm_up(url)

    threading.Thread(target=warm, daemon=True).start()
    try:
        return proc.wait()
    except KeyboardInterrupt:
        try:
            return proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            return proc.wait()


@contextmanager
def app_server(env: Mapping[str, str], log: Path, *, app_dir: Path = REPO_ROOT) -> Iterator[str]:
    """The app on a free local port, headless, its output in ``log``; the app's
    environment variables (:data:`~pontes.settings.ENV_VARS`) are those of
    ``env`` only. Yields the URL once the app answers and has run once
    (:func:`warm_up`, as ``pontes app`` does); stops it after."""
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
            warm_up(url)
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


__all__ = [
    "CHROMEDRIVER",
    "CHROMIUM",
    "app_server",
    "headless_chromium",
    "run_app",
    "streamlit_command",
    "streamlit_option",
    "wait_healthy",
    "warm_up",
]
