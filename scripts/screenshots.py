"""Take the README's screenshots: the explorer, its map and the Suggestions page on the seed network.

Run from the repository root (Debian's chromium and chromium-driver; nothing is downloaded)::

    python scripts/screenshots.py                       # docs/img/{explorer,map,suggestions}.png, in English
    python scripts/screenshots.py --lang de --out /tmp/shots   # the same pages in German, to look at

Starts ``streamlit run app.py`` on a temporary embedded store that the app
seeds from ``seeds/``, opens each page in headless Chromium at a fixed
window size, waits until its picture, map or suggestions are drawn and the
page has finished, and saves a screenshot of the window.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from harness import chromium, streamlit, wait_map, wait_picture  # noqa: E402 - after the path

#: The actor the explorer's and the Suggestions page's screenshots centre on.
ACTOR = "org:initiative-region-trier"


def settle(browser, seconds: float = 60) -> None:
    """Until the page's run is over (no "running" indicator), then a moment for the last paint."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not browser.execute_script("return !!document.querySelector('[data-testid=\"stStatusWidget\"]');"):
            break
        time.sleep(0.1)
    time.sleep(1.5)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "img")
    parser.add_argument("--lang", default="en", choices=["de", "en", "fr"])
    parser.add_argument("--size", default="1400,1250", help="window width,height in pixels")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="pontes-shots-") as tmp:
        tmp_path = Path(tmp)
        env = {
            "PONTES_STORE": "embedded",
            "PONTES_DB_PATH": str(tmp_path / "seed.sqlite"),
            "PONTES_SEEDS": str(REPO / "seeds"),
            "PONTES_LANGUAGE": args.lang,
            "PONTES_DATA_DIR": str(tmp_path / "data"),
        }
        with streamlit(env, tmp_path / "streamlit.log") as url:
            browser = chromium(tmp_path / "profile")
            try:
                width, height = (int(x) for x in args.size.split(","))
                browser.set_window_size(width, height)
                lang = f"lang={args.lang}"
                browser.get(f"{url}/?{lang}")
                wait_picture(browser)
                settle(browser)
                browser.save_screenshot(str(args.out / "explorer.png"))
                browser.get(f"{url}/?view=map&{lang}")
                wait_map(browser)
                settle(browser)
                browser.save_screenshot(str(args.out / "map.png"))
                suggestions(browser, url, args.lang)
                browser.save_screenshot(str(args.out / "suggestions.png"))
            finally:
                browser.quit()
    for name in ("explorer", "map", "suggestions"):
        print(args.out / f"{name}.png")


def suggestions(browser, url: str, lang: str) -> None:
    """The Suggestions page with the actor's ranked suggestions and their drawing."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    from ui.i18n import t

    browser.get(f"{url}/suggest?lang={lang}")
    box = poll_element(browser, f"input[aria-label='{t('suggest.search', lang)}']")
    box.send_keys("IRT" + Keys.ENTER)
    actor = poll_element(browser, f"input[aria-label='{t('suggest.actor', lang)}']")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if actor.get_attribute("disabled") is None:
            actor.click()
            options = browser.find_elements(By.CSS_SELECTOR, "[role='option']")
            if options:
                options[0].click()
                break
        time.sleep(0.2)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not browser.find_elements(By.CSS_SELECTOR, "iframe"):
        time.sleep(0.2)
    settle(browser)


def poll_element(browser, css: str, seconds: float = 60):
    from selenium.webdriver.common.by import By

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = browser.find_elements(By.CSS_SELECTOR, css)
        if found:
            return found[0]
        time.sleep(0.1)
    raise TimeoutError(css)


if __name__ == "__main__":
    main()
