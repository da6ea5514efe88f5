"""Access: the app reads only, unless an editor unlocks editing with the configured password.

Runs the real app on the real seed network (three of its ten persons are private).
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from loaders import read_paths
from loaders.uploads import load_uploads
from pontes.settings import REPO_ROOT, load_settings
from tests.support.app import PASSWORD, drawn_ids, graph_spec, plain, unlock
from tests.support.browser import click_text, poll, streamlit_server, unlock_editor_mode
from tests.support.graphs import GOOD
from ui.i18n import problem_text

PRIVATE = ("Naima Hassani", "Ingrid Schmitt", "Maria Ohlig")


@pytest.fixture
def seeded_app(tmp_path, monkeypatch):
    monkeypatch.setenv("PONTES_STORE", "embedded")
    monkeypatch.setenv("PONTES_DB_PATH", str(tmp_path / "app.sqlite"))
    monkeypatch.setenv("PONTES_SEEDS", str(REPO_ROOT / "seeds"))
    st.cache_resource.clear()
    yield monkeypatch
    st.cache_resource.clear()


def run(page: str | None = None) -> AppTest:
    at = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=60)
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def test_without_a_password_the_app_is_read_only(seeded_app):
    at = run()
    assert "Editing is switched off" in " ".join(plain(c.value) for c in at.caption)
    assert not [w for w in at.text_input if w.key == "editor_password"]
    page = json.dumps(graph_spec(at), ensure_ascii=False)
    for name in PRIVATE:
        assert name not in page
    assert sum(1 for i in drawn_ids(at) if i.startswith("person:private-")) == 3
    at.text_input(key="search").set_value("Naima").run()
    assert at.selectbox(key="focus").options == []


def test_wrong_password_is_refused(seeded_app):
    seeded_app.setenv("PONTES_EDITOR_PASSWORD", PASSWORD)
    at = unlock(run(), "not the password")
    assert [plain(e.value) for e in at.error] == ["Wrong password. The next attempt is possible in 1 s."]
    assert "Naima Hassani" not in json.dumps(graph_spec(at), ensure_ascii=False)


def test_guessing_is_slowed_down_and_logged_without_the_value(seeded_app, caplog):
    """A second attempt right after a failure is not even checked, the right
    password included; the log says a session failed, never what it typed."""
    seeded_app.setenv("PONTES_EDITOR_PASSWORD", PASSWORD)
    with caplog.at_level("WARNING", logger="pontes.editor"):
        at = unlock(run(), "guess-one")
        at = unlock(at, PASSWORD)
    assert [plain(e.value) for e in at.error] == ["Please wait 1 s before the next attempt."]
    assert "Naima Hassani" not in json.dumps(graph_spec(at), ensure_ascii=False)  # still locked
    ours = [r for r in caplog.records if r.name == "pontes.editor"]
    assert len(ours) == 1 and "attempt 1" in ours[0].getMessage()
    assert "guess-one" not in caplog.text and PASSWORD not in caplog.text


def test_each_failure_doubles_the_wait_up_to_a_cap():
    from ui.guard import MAX_WAIT, Throttle

    throttle = Throttle()
    assert throttle.wait(now=0.0) == 0.0
    waits = [throttle.failed("s", now=1000.0 * i) for i in range(12)]
    assert waits[:5] == [1.0, 2.0, 4.0, 8.0, 16.0] and waits[-1] == MAX_WAIT
    assert throttle.wait(now=11_000.0 + 10) == MAX_WAIT - 10
    throttle.succeeded()
    assert throttle.wait(now=11_000.0) == 0.0 and throttle.failures == 0


def test_editor_sees_private_persons_and_can_upload(seeded_app):
    seeded_app.setenv("PONTES_EDITOR_PASSWORD", PASSWORD)
    at = unlock(run(), PASSWORD)
    page = json.dumps(graph_spec(at), ensure_ascii=False)
    for name in PRIVATE:
        assert name in page
    at.text_input(key="search").set_value("Naima").run()
    assert at.selectbox(key="focus").options == ["Naima Hassani · Person"]
    at.switch_page("ui/pages/upload.py").run()
    assert not at.exception
    assert [plain(t.value) for t in at.title] == ["Upload data"]
    at.button(key="editor_lock").click().run()
    assert "Naima Hassani" not in plain(" ".join(m.value for m in at.markdown))


def test_upload_page_is_not_offered_to_non_editors(seeded_app):
    seeded_app.setenv("PONTES_EDITOR_PASSWORD", PASSWORD)
    at = run()
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("ui/pages/upload.py")


def test_uploads_use_the_loader_validation_and_write_atomically(tmp_path):
    from graph.store.embedded import EmbeddedStore

    with EmbeddedStore(tmp_path / "u.sqlite") as store:
        store.ensure_schema()
        bad = GOOD.replace("country: DE, sources", "country: Deutschland, sources")
        outcome = load_uploads(store, [("../../etc/ok.yaml", GOOD.encode()), ("bad.yaml", bad.encode())])
        assert not outcome.ok
        assert [(p.file, p.entry, p.field) for p in outcome.problems] == [
            ("bad.yaml", "nodes[1] (Initiative Region Trier)", "country")
        ]
        # the problem keeps its code, so the Upload page says it in the reader's language
        assert [p.code for p in outcome.problems] == ["country_code"]
        assert problem_text(outcome.problems[0], "de").startswith("sollte ein Ländercode aus zwei Großbuchstaben sein")
        assert store.counts().total_nodes == 0
        outcome = load_uploads(store, [("a.yaml", GOOD.encode()), ("notes.txt", b"x")])
        assert [(p.file, p.field) for p in outcome.problems] == [("notes.txt", "(format)")]
        outcome = load_uploads(store, [("../../etc/ok.yaml", GOOD.encode())])
        assert outcome.ok and [str(f) for f in outcome.plan.files] == ["../../etc/ok.yaml"]
        assert store.counts().total_nodes == 3


def test_editor_password_is_compared_safely(monkeypatch):
    monkeypatch.setenv("PONTES_EDITOR_PASSWORD", PASSWORD)
    settings = load_settings()
    assert settings.editor_password_matches(PASSWORD)
    assert not settings.editor_password_matches("")
    assert not settings.editor_password_matches(PASSWORD + " ")
    assert PASSWORD not in repr(settings) and PASSWORD not in str(settings.model_dump())
    monkeypatch.delenv("PONTES_EDITOR_PASSWORD")
    assert not load_settings().editor_password_matches(PASSWORD)


def _upload_as_editor(browser, url: str, path: Path) -> str:
    """Unlock editor mode, upload ``path`` on the Upload page, press Check and load; the page's text after."""
    from selenium.webdriver.common.by import By

    browser.get(url)

    def click(text):
        click_text(browser, text)

    unlock_editor_mode(browser, PASSWORD)
    poll(lambda: (browser.find_elements(By.CSS_SELECTOR, "a[href$='/upload']") or [None])[0], timeout=60).click()
    poll(lambda: (browser.find_elements(By.CSS_SELECTOR, "input[type='file']") or [None])[0], timeout=60).send_keys(
        str(path)
    )
    poll(lambda: path.name in browser.page_source or None, timeout=60)
    click("Check and load")

    def finished() -> str | None:
        # the page's text once the run is over: its messages arrive one by one (the load's, then the
        # replaced sources', then the look-alikes'), so the first of them is not yet the whole page
        if browser.find_elements(By.CSS_SELECTOR, "[data-testid='stStatusWidget']"):
            return None
        text = browser.find_element(By.TAG_NAME, "body").text
        return text if ("Nothing was written" in text or "Loaded" in text) else None

    poll(finished, timeout=60)
    time.sleep(0.5)
    return poll(finished, timeout=60)


@pytest.mark.browser
@pytest.mark.slow
def test_rejected_upload_shows_its_problems_in_a_table(tmp_path, browser):
    """In a real browser: unlock editor mode, upload a file with one bad field,
    and read the problem (file, entry, field) from the table; nothing is written."""
    from selenium.webdriver.common.by import By

    from graph.store.embedded import EmbeddedStore

    bad = tmp_path / "bad.yaml"
    bad.write_text(GOOD.replace("country: DE, sources", "country: Deutschland, sources"), encoding="utf-8")
    db = tmp_path / "up.sqlite"
    with streamlit_server(
        tmp_path,
        PONTES_STORE="embedded",
        PONTES_DB_PATH=str(db),
        PONTES_SEEDS=str(REPO_ROOT / "seeds"),
        PONTES_EDITOR_PASSWORD=PASSWORD,
    ) as url:
        assert "Nothing was written" in _upload_as_editor(browser, url, bad)
        cells = poll(lambda: [c.text for c in browser.find_elements(By.CSS_SELECTOR, "table td")] or None, timeout=60)
        assert "bad.yaml" in cells and "nodes[1] (Initiative Region Trier)" in cells and "Country" in cells
    with EmbeddedStore(db) as store:
        # the seed network as loaded, untouched by the rejected file (which says kind: network)
        assert store.get_node("org:initiative-region-trier").kind == "association"
        assert store.counts().total_nodes == len(read_paths([REPO_ROOT / "seeds"]).nodes)


@pytest.mark.browser
@pytest.mark.slow
def test_an_upload_names_a_source_it_replaces_and_a_node_like_a_stored_one(tmp_path, browser):
    """A valid file that reuses a stored source's id with another title and adds a node like a stored
    one: written, and the page names both."""
    good = tmp_path / "good.yaml"
    good.write_text(
        "pontes: 1\nsources:\n  - {id: irt-2016-atem, title: Ein anderer Titel, publisher: IHK Trier, date: 2016-12-01}\n"
        "nodes:\n  - {type: Organisation, name: Initiative Region Trier e.V., kind: association, country: DE,"
        " sources: [irt-2016-atem]}\n",
        encoding="utf-8",
    )
    with streamlit_server(
        tmp_path,
        PONTES_STORE="embedded",
        PONTES_DB_PATH=str(tmp_path / "up.sqlite"),
        PONTES_SEEDS=str(REPO_ROOT / "seeds"),
        PONTES_EDITOR_PASSWORD=PASSWORD,
    ) as url:
        text = _upload_as_editor(browser, url, good)
    assert "Loaded 1 source, 1 node and 0 ties from 1 file." in text
    assert "Source irt-2016-atem was stored with other details" in text and "title: “Integration braucht" in text
    assert "” → “Ein anderer Titel”" in text and "language changed" in text
    assert "New: Initiative Region Trier e.V. looks like the stored Initiative Region Trier" in text
    assert "Duplicates page" in text


def test_an_upload_names_the_sources_it_replaces_and_nodes_that_look_like_stored_ones(tmp_path):
    from graph.intake.upload import upload
    from graph.store.embedded import EmbeddedStore

    with EmbeddedStore(tmp_path / "u.sqlite") as store:
        store.ensure_schema()
        assert upload(store, [("a.yaml", GOOD.encode())]).replaced == []
        again = GOOD.replace("title: Report", "title: Jahresbericht").replace(
            "name: Initiative Region Trier, aliases: [IRT]", "name: Initiative Region Trier e.V., aliases: [IRT e.V.]"
        )
        outcome = upload(store, [("b.yaml", again.encode())])
        assert outcome.ok
        ((stored, new),) = outcome.replaced
        assert (stored.title, new.title) == ("Report", "Jahresbericht")
        assert [(p.a, p.b) for p in outcome.found] == [
            ("org:initiative-region-trier-e-v", "org:initiative-region-trier")
        ]
