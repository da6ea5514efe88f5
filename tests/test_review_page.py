"""The review page (editor mode): proposals in their sentences, accepted, rejected or merged; and in a real browser."""

from __future__ import annotations

import time

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from graph.intake import extract_documents, read_document
from graph.intake.review import batches, enqueue
from graph.store.embedded import EmbeddedStore
from loaders import load_paths
from pontes.settings import REPO_ROOT
from tests.support.app import PASSWORD, plain, unlock
from tests.support.browser import click_text, poll, streamlit_server, unlock_editor_mode
from tests.support.documents import PRESS_RELEASE_DE

SEEDS = REPO_ROOT / "seeds"


@pytest.fixture
def queued(tmp_path, monkeypatch):
    db = tmp_path / "app.sqlite"
    with EmbeddedStore(db) as store:
        store.ensure_schema()
        load_paths(store, [SEEDS])
        snapshot = store.snapshot()
        draft = extract_documents(  # as the page's upload does: stored ties are matched too
            [read_document("pm.txt", PRESS_RELEASE_DE.encode())],
            snapshot.nodes,
            stored_ties=(t.id for t in snapshot.ties),
        )
        enqueue(store, draft, name="pm.txt", by="test")
    monkeypatch.setenv("PONTES_STORE", "embedded")
    monkeypatch.setenv("PONTES_DB_PATH", str(db))
    monkeypatch.setenv("PONTES_SEEDS", str(SEEDS))
    monkeypatch.setenv("PONTES_EDITOR_PASSWORD", PASSWORD)
    st.cache_resource.clear()
    yield db
    st.cache_resource.clear()


def test_review_page_accepts_and_rejects(queued):
    at = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=60)
    at.run()
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("ui/pages/review.py")  # not offered before editor mode
    at = unlock(at, PASSWORD)
    at.switch_page("ui/pages/review.py").run()
    assert not at.exception, at.exception
    assert [plain(t.value) for t in at.title] == ["Review documents"]
    quotes = " ".join(m.value for m in at.markdown)
    assert "**Verbandsgemeinde Konz**" in quotes  # highlighted in its sentence
    boxes = [c for c in at.checkbox if c.key.startswith("review_sel_")]
    boxes[1].check()
    boxes[2].check()
    at.run()
    at.button(key="review_accept").click().run()
    assert not at.exception, at.exception
    assert any("Written: 2 nodes" in plain(s.value) for s in at.success)
    assert any(
        plain(c.value).startswith("0 pending, 2 accepted") or ", 2 accepted" in plain(c.value) for c in at.caption
    )
    [c for c in at.checkbox if c.key.startswith("review_sel_")][0].check()
    at.run()
    at.button(key="review_reject").click().run()
    with EmbeddedStore(queued) as store:
        counts = batches(store)[0].counts()
        assert (counts["accepted"], counts["rejected"]) == (2, 1)
        assert store.get_node("org:verein-miteinander-e-v") is not None


@pytest.mark.browser
@pytest.mark.slow
def test_in_a_browser_upload_accept_two_reject_one_and_find_them_in_the_explorer(tmp_path, browser):
    from selenium.webdriver.common.by import By

    doc = tmp_path / "pressemitteilung.txt"
    doc.write_text(PRESS_RELEASE_DE, encoding="utf-8")
    db = tmp_path / "b.sqlite"
    with streamlit_server(
        tmp_path,
        PONTES_STORE="embedded",
        PONTES_DB_PATH=str(db),
        PONTES_SEEDS=str(SEEDS),
        PONTES_EDITOR_PASSWORD=PASSWORD,
    ) as url:
        browser.get(url)

        def click(text):
            click_text(browser, text, enabled=True)

        unlock_editor_mode(browser, PASSWORD)
        poll(lambda: (browser.find_elements(By.CSS_SELECTOR, "a[href$='/review']") or [None])[0], timeout=60).click()
        poll(lambda: (browser.find_elements(By.CSS_SELECTOR, "input[type='file']") or [None])[0], timeout=60).send_keys(
            str(doc)
        )
        poll(lambda: "pressemitteilung.txt" in browser.page_source or None, timeout=60)
        click("Read and propose")
        poll(lambda: "wait for review" in browser.page_source or None, timeout=90)

        def select(n):
            boxes = poll(
                lambda: browser.find_elements(By.XPATH, "//label[.//*[normalize-space(text())='Select']]") or None,
                timeout=60,
            )
            browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", boxes[n])
            time.sleep(0.5)
            boxes[n].click()
            time.sleep(1.5)

        select(1)  # Verbandsgemeinde Konz
        select(2)  # Verein Miteinander e.V.
        click("Accept selected (2)")
        poll(lambda: "Written: 2 nodes" in browser.page_source or None, timeout=60)
        select(0)  # the place Konz
        click("Reject selected (1)")
        time.sleep(3)
        browser.get(url)  # the explorer
        search = poll(
            lambda: (browser.find_elements(By.CSS_SELECTOR, "input[aria-label='Search by name or alias']") or [None])[
                0
            ],
            timeout=60,
        )
        search.send_keys("Miteinander\n")
        time.sleep(2)
        poll(
            lambda: (browser.find_elements(By.CSS_SELECTOR, "input[aria-label='Actor']") or [None])[0], timeout=60
        ).click()
        poll(
            lambda: (
                browser.find_elements(By.XPATH, "//*[@role='option'][contains(., 'Verein Miteinander e.V.')]") or [None]
            )[0],
            timeout=60,
        ).click()
        # the detail panel: the node, and the document among its sources
        poll(lambda: "Neues Netzwerk für Zugewanderte in Konz" in browser.page_source or None, timeout=60)
    with EmbeddedStore(db) as store:
        batch = batches(store)[0]
        assert (batch.counts()["accepted"], batch.counts()["rejected"]) == (2, 1)
        source = batch.sources[0]
        assert source.title == "Neues Netzwerk für Zugewanderte in Konz"
        for node_id in ("org:verbandsgemeinde-konz", "org:verein-miteinander-e-v"):
            assert store.get_node(node_id).sources == [source.id]
        assert store.get_node("place:konz") is None


def test_duplicates_page_merges_and_undoes(queued):
    with EmbeddedStore(queued) as store:
        from graph.model import Organisation

        store.upsert(nodes=[Organisation(name="Ville de Trèves", sources=["irt-2016-atem"])])
    at = unlock(AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=60).run(), PASSWORD)
    at.switch_page("ui/pages/duplicates.py").run()
    assert not at.exception, at.exception
    assert [plain(t.value) for t in at.title] == ["Likely duplicates"]
    at.button(key="dup_merge_0").click().run()
    assert not at.exception, at.exception
    with EmbeddedStore(queued) as store:
        assert store.get_node("org:ville-de-treves") is None and store.redirects() == {
            "org:ville-de-treves": "org:stadt-trier"
        }
    undo_button = next(b for b in at.button if b.key.startswith("dup_undo_"))
    undo_button.click().run()
    with EmbeddedStore(queued) as store:
        assert store.get_node("org:ville-de-treves") is not None and store.redirects() == {}


def test_a_proposal_already_stored_is_said_so_without_its_id(queued):
    """A proposed tie that is stored already reads "already stored" (its id is a hash that says nothing);
    a node that matches a stored one is named; no id appears in the page's text."""
    import re

    at = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=60)
    at.run()
    at = unlock(at, PASSWORD)
    at.switch_page("ui/pages/review.py").run()
    assert not at.exception, at.exception
    heads = [plain(m.value) for m in at.markdown if re.match(r"^\*\*\d+\. ", m.value)]
    assert any("located in: Agentur für Arbeit Trier → Trier" in h and "already stored" in h for h in heads), heads
    assert not [h for h in heads if re.search(r"\b[0-9a-f]{20}\b", h)]
    assert any("matches Trier" in h for h in heads)


def test_a_proposal_is_merged_into_a_stored_node_found_by_name(queued):
    """Merging asks for no id: the editor searches the stored nodes by name, among those of the
    proposal's type, and picks one."""
    at = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=60)
    at.run()
    at = unlock(at, PASSWORD)
    at.switch_page("ui/pages/review.py").run()

    def widget(kind, prefix: str, number: int):
        return next(w for w in getattr(at, kind) if w.key.startswith(prefix) and w.key.endswith(f"_{number}"))

    widget("text_input", "review_find_", 7).input("Caritas").run()  # 7: the person Andrea Klein
    assert widget("selectbox", "review_into_", 7).options == []  # an organisation is no match for a person
    widget("text_input", "review_find_", 7).input("Silke").run()
    assert widget("selectbox", "review_into_", 7).options == ["Silke Meyer"]  # editor mode: named
    widget("text_input", "review_find_", 3).input("Caritas").run()  # 3: the organisation Verein Miteinander e.V.
    picker = widget("selectbox", "review_into_", 3)
    assert picker.options and picker.options[0] == "Caritas"
    picker.select_index(0).run()
    widget("button", "review_merge_", 3).click().run()
    assert not at.exception, at.exception
    with EmbeddedStore(queued) as store:
        caritas = store.get_node("org:caritas")
        assert "Verein Miteinander e.V." in caritas.aliases
        assert store.get_node("org:verein-miteinander-e-v") is None


def test_reading_without_a_document_says_so_in_the_language(queued):
    """ "Read and propose" with no file chosen says what is missing (it used to do nothing)."""
    from ui.i18n import t

    at = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=60)
    at.query_params.update({"lang": "fr"})
    at.run()
    at = unlock(at, PASSWORD)
    at.switch_page("ui/pages/review.py").run()
    (read,) = [b for b in at.button if b.label == t("review.read", "fr")]
    read.click().run()
    assert not at.exception, at.exception
    assert [w.value for w in at.warning] == [t("review.no_document", "fr")]
