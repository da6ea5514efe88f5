"""Driving the app with Streamlit's AppTest on a temporary embedded store.

The store is seeded by the app itself from a tiny seed folder (fixture
``seeds``: the network of :func:`tests.support.graphs.tiny` plus an
organisation known as "IRT"); ``app_env`` points the app at it.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
import yaml
from streamlit.testing.v1 import AppTest

from graph.model import Organisation, Source, Tie, TieType
from pontes.settings import REPO_ROOT
from tests.support.graphs import S, tiny

ROOT = REPO_ROOT
PASSWORD = "correct horse battery staple"


IRT = Organisation(
    name="Institut Régional du Travail",
    names={"de": "Regionales Arbeitsinstitut"},
    aliases=["IRT"],
    country="FR",
    kind="research",
    description="Studies the cross-border labour market.",
    descriptions={
        "de": "Erforscht den grenzüberschreitenden Arbeitsmarkt.",
        "fr": "Étudie le marché du travail transfrontalier.",
    },
    sources=S,
)


SOURCE = Source(
    id="s1",
    title="Annual report 2019",
    publisher="Interregional Council",
    date="2019-12-01",
    description="The council's report on its year.",
    descriptions={"de": "Der Bericht des Rates über sein Jahr.", "fr": "Le rapport du conseil sur son année."},
)


def seed_document() -> dict:
    sub, ids = tiny()
    ties = [
        *sub.ties,
        Tie(
            type=TieType.COOPERATES_WITH,
            source=IRT.id,
            target=ids["buero"],
            role="adviser",
            start="2018",
            description="Advises the office on hiring.",
            descriptions={"de": "Berät das Büro bei Einstellungen.", "fr": "Conseille le bureau pour les embauches."},
            sources=S,
        ),
    ]
    return {
        "pontes": 1,
        "sources": [SOURCE.model_dump(mode="json", exclude_none=True)],
        "nodes": [n.model_dump(mode="json", exclude_none=True) for n in [*sub.nodes, IRT]],
        "ties": [t.model_dump(mode="json", exclude_none=True) for t in ties],
    }


N_NODES = len(tiny()[0].nodes) + 1


N_TIES = len(tiny()[0].ties) + 1


@pytest.fixture
def seeds(tmp_path) -> Path:
    folder = tmp_path / "seeds"
    folder.mkdir()
    (folder / "tiny.yaml").write_text(yaml.safe_dump(seed_document(), allow_unicode=True), encoding="utf-8")
    return folder


@pytest.fixture
def app_env(tmp_path, monkeypatch, seeds):
    """Point the app at a fresh embedded store and the tiny seeds (after the
    autouse fixture has cleared the environment), with empty caches."""
    monkeypatch.setenv("PONTES_STORE", "embedded")
    monkeypatch.setenv("PONTES_DB_PATH", str(tmp_path / "app.sqlite"))
    monkeypatch.setenv("PONTES_SEEDS", str(seeds))
    st.cache_resource.clear()
    yield tmp_path
    st.cache_resource.clear()  # closes the cached store (on_release)


def start(page: str | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    if page is not None:
        at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def graph_page(at: AppTest) -> str:
    """The HTML of the one drawing in an iframe (the Suggestions and Metrics pages)."""
    frames = at.get("iframe")
    assert len(frames) == 1
    return frames[0].proto.srcdoc


def pictures(at: AppTest) -> list[dict]:
    """The ECharts options of the explorer's pictures: Pontes' own component (ui/picture.py) where the
    app serves ECharts, Streamlit's built-in chart where it does not."""
    return [json.loads(c.proto.json)["option"] for c in at.get("bidi_component")] + [
        json.loads(c.proto.spec) for c in at.get("echarts_chart")
    ]


def graph_spec(at: AppTest) -> dict:
    """The ECharts option of the explorer's one picture."""
    (option,) = pictures(at)
    return option


def drawn_ids(at: AppTest) -> set[str]:
    """The ids of the nodes the explorer's picture draws."""
    return {d["id"] for d in graph_spec(at)["series"][0]["data"]}


def map_drawing(at: AppTest) -> tuple[dict, dict[str, dict]]:
    """The explorer's map as its picture component draws it: the ECharts option and the outlines
    (GeoJSON by name) it registers."""
    (component,) = at.get("bidi_component")
    data = json.loads(component.proto.json)
    return data["option"], data["maps"]


def plain(markdown: str) -> str:
    """Markdown text without the backslash escapes ui.context.md adds."""
    return re.sub(r"\\(.)", r"\1", markdown)


class _TableParser(HTMLParser):
    """The header and body cells of the tables in one block of HTML (ui.tables.table_html's)."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("th", "td"):
            self._cell = []
        elif tag == "br" and self._cell is not None:
            self._cell.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("th", "td") and self._cell is not None:
            self.tables[-1][-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def tables_in_html(body: str) -> list[pd.DataFrame]:
    """The tables in a block of HTML, each as a DataFrame of its cells' text."""
    parser = _TableParser()
    parser.feed(body)
    return [pd.DataFrame(rows[1:], columns=rows[0]) for rows in parser.tables]


def static_tables(at: AppTest) -> list[pd.DataFrame]:
    """The static tables on the page (ui.tables.static_table: HTML), each as a DataFrame of its text."""
    return [frame for block in at.get("html") for frame in tables_in_html(block.proto.body)]


def table(at: AppTest, *columns: str):
    """The one table (as a DataFrame; an interactive grid or a static table) that has all these columns."""
    found = [d for d in [*(x.value for x in at.dataframe), *static_tables(at)] if set(columns) <= set(d.columns)]
    assert len(found) == 1, f"{len(found)} tables with columns {columns}"
    return found[0]


def texts(elements) -> list[str]:
    return [plain(e.value) for e in elements]


@pytest.fixture
def static_serving():
    """``server.enableStaticServing`` on (as .streamlit/config.toml sets it), restored after."""
    from streamlit import config

    def set_to(value: bool) -> None:
        config.set_option("server.enableStaticServing", value)

    before = st.get_option("server.enableStaticServing")
    yield set_to
    set_to(before)


def unlock(at: AppTest, password: str) -> AppTest:
    at.text_input(key="editor_password").set_value(password)
    at.button(key="editor_unlock").click().run()
    if not at.error:
        at.run()  # the unlock reruns the script; AppTest needs one more run to see the new pages
    assert not at.exception, at.exception
    return at
