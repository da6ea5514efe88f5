"""The Metrics page, driven with AppTest on the tiny seeded store of tests/test_app.py."""

from __future__ import annotations

from graph.draw.remote import remote_references
from tests.support.app import start, static_tables, texts

PAGE = "ui/pages/metrics.py"


def ranking(at):
    """The ranking table (the one with a name and a type per row)."""
    (found,) = [tb for tb in static_tables(at) if {"Name", "Type"} <= set(tb.columns)]
    return found


def test_metrics_page_shows_tables_charts_graph_and_downloads(app_env):
    at = start(PAGE)
    assert texts(at.title) == ["Network metrics"]
    assert "Ranking" in texts(at.subheader) and "Downloads" in texts(at.subheader)
    table = ranking(at)
    # organisations by default, ranked by tie strength under Newman's weighting
    assert set(table["Type"]) == {"Organisation"} and len(table) == 4
    strength = [float(x) for x in table["Tie strength"]]
    assert strength == sorted(strength, reverse=True)
    assert any("Newman" in c for c in texts(at.caption))
    frames = at.get("iframe")
    assert len(frames) == 1 and remote_references(frames[0].proto.srcdoc) == []
    buttons = at.get("download_button")
    names = {b.proto.label for b in buttons}
    assert {
        "Node metrics (CSV)",
        "Node metrics (PARQUET)",
        "Overview (JSON)",
        "Provenance (JSON)",
        "Network with metrics (GEXF)",
        "Network with metrics (GRAPHML)",
    } <= names
    widgets = [
        w for kind in ("selectbox", "radio", "slider", "number_input", "button_group") for w in getattr(at, kind)
    ]
    assert all(w.key for w in widgets)
    assert {"m_view", "m_weighting", "m_group", "m_method", "m_seed", "m_rank", "m_whom", "m_time"} <= {
        w.key for w in widgets
    }


def test_newman_weighting_is_the_default_and_the_plain_count_one_click_away(app_env):
    import json

    at = start(PAGE)
    assert at.radio(key="m_weighting").value == "newman"
    meta = next(b for b in at.get("download_button") if b.proto.label == "Provenance (JSON)")
    assert meta  # the file's content is checked in the pipeline's tests; here the page offers it
    at.radio(key="m_weighting").set_value("count").run()
    assert not at.exception
    assert any("number of shared events" in c for c in texts(at.caption))

    from graph.analysis.pipeline import WEIGHTING_MEANING, ViewSpec, analyse_snapshot
    from tests.support.graphs import collaboration_tiny

    sub, _ = collaboration_tiny()
    analysis = analyse_snapshot(sub, [], ViewSpec(weighting="newman"))
    assert analysis.metadata["view"]["weighting"] == "newman"
    assert analysis.metadata["view"]["weighting_meaning"] == WEIGHTING_MEANING["newman"]
    assert json.dumps(analysis.metadata["view"])


def test_metrics_page_reranks_regroups_and_lists_persons_apart(app_env):
    at = start(PAGE)
    at.selectbox(key="m_rank").select("betweenness").run()
    assert not at.exception
    assert any("shortest paths" in m for m in texts(at.markdown))
    at.button_group(key="m_whom").set_value("persons").run()
    assert not at.exception
    assert set(ranking(at)["Type"]) == {"Person"}
    persons = len(ranking(at))  # fewer than the twenty a ranking shows: all of them, said so
    assert persons < 20 and any(c.startswith(f"All {persons}. Role stand-ins") for c in texts(at.caption))
    # no column of zeros: a metric 0 for every person shown is named below the table instead
    (silent,) = [c for c in texts(at.caption) if c.startswith("Left out, 0 for every actor shown: ")]
    left_out = silent.removeprefix("Left out, 0 for every actor shown: ").rstrip(".").replace(" and ", ", ").split(", ")
    assert left_out and not set(left_out) & set(ranking(at).columns)
    at.selectbox(key="m_group").select("type").run()
    at.radio(key="m_method").set_value("louvain").run()
    assert not at.exception
    at.radio(key="m_view").set_value("full").run()
    assert not at.exception
    assert texts(at.title) == ["Network metrics"]
    assert any("full graph" in c for c in texts(at.caption))  # the time chart says what it shows


def test_metrics_time_window_uses_the_time_control(app_env):
    at = start(PAGE)
    at.radio(key="m_time").set_value("asof").run()
    assert not at.exception and at.slider(key="m_year").value == 2020
    at.button(key="m_back").click().run()
    assert at.slider(key="m_year").value == 2019 and not at.exception


def test_metrics_page_in_german(app_env):
    at = start(PAGE)
    at.selectbox(key="lang").select("de").run()
    assert not at.exception
    assert texts(at.title) == ["Netzwerk-Kennzahlen"]
    assert "Beziehungsstärke" in ranking_de(at).columns


def ranking_de(at):
    (found,) = [tb for tb in static_tables(at) if "Partner" in tb.columns]
    return found


def test_the_graph_is_hashed_once_per_version_not_per_run(app_env, monkeypatch):
    import graph.analysis.export as export

    calls = []
    real = export.snapshot_hash
    monkeypatch.setattr(export, "snapshot_hash", lambda sub: calls.append(1) or real(sub))
    at = start(PAGE)
    first = len(calls)
    at.number_input(key="m_seed").set_value(7).run()
    at.selectbox(key="m_rank").select("betweenness").run()
    assert not at.exception
    assert first == 1 and len(calls) == 1  # reruns with other options reuse the hash


def test_a_seed_out_of_range_is_said_in_the_language_and_the_nearest_is_used(app_env):
    """The seed field has no bounds (Streamlit would say a value out of them in English): the page
    says it in the reader's language and uses the nearest seed it takes."""
    from streamlit.testing.v1 import AppTest

    from pontes.settings import REPO_ROOT
    from ui.i18n import number, t

    at = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=60)
    at.query_params.update({"lang": "fr"})
    at.run()
    at.switch_page(PAGE).run()
    at.number_input(key="m_seed").set_value(-5).run()
    assert not at.exception
    assert [w.value for w in at.warning] == [t("metrics.seed_range", "fr", top=number(2**31 - 1, "fr"), used="0")]
    at.number_input(key="m_seed").set_value(7).run()
    assert not at.warning


def test_on_the_seed_network_cities_are_named_in_the_language_and_brokers_legibly(tmp_path, monkeypatch):
    """Grouped by city, the E-I chart names each city as the reader's language does: Luxemburg on
    the German page (the seed network stores the city as Luxembourg, with its German name)."""
    import pyarrow as pa
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from pontes.settings import REPO_ROOT

    monkeypatch.setenv("PONTES_STORE", "embedded")
    monkeypatch.setenv("PONTES_DB_PATH", str(tmp_path / "seed.sqlite"))
    monkeypatch.setenv("PONTES_SEEDS", str(REPO_ROOT / "seeds"))
    st.cache_resource.clear()
    at = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=120)
    at.query_params.update({"lang": "de"})
    at.run()
    at.switch_page(PAGE).run()
    at.selectbox(key="m_group").select("city").run()
    assert not at.exception, at.exception

    def elements(node):
        children = getattr(node, "children", None)
        for child in children.values() if isinstance(children, dict) else ():
            yield child
            yield from elements(child)

    frames = [
        pa.ipc.open_stream(e.proto.data.data).read_all().to_pandas()
        for e in elements(at._tree)
        if getattr(e, "type", "") == "vega_lite_chart"
    ]
    cities = next(f for f in frames if "Stadt" in f.columns)["Stadt"].tolist()
    assert "Luxemburg" in cities and "Luxembourg" not in cities
    # the brokers drawn as stars with names large enough to stay when vis-network fits the network
    import json
    import re

    from graph.draw.metrics import BROKER_FONT

    found = re.search(
        r"nodes = new vis\.DataSet\(pontesTooltips\((\[.*?\])\)\);", at.get("iframe")[0].proto.srcdoc, re.S
    )
    nodes = json.loads(found[1])
    stars = [n for n in nodes if n["shape"] == "star"]
    assert stars and all(n["font"]["size"] == BROKER_FONT for n in stars)
    assert all(n["font"]["size"] < BROKER_FONT for n in nodes if n["shape"] != "star")
    st.cache_resource.clear()


def test_downloads_name_nodes_and_role_stand_ins_in_the_language(tmp_path, monkeypatch):
    """The node table downloaded from the German page names each node as the page does: role
    stand-ins of private persons in German words, organisations by their German names."""
    import io

    import pandas as pd
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    import graph.analysis.pipeline as pipeline
    from graph.facts import name_in
    from graph.privacy import STAND_IN_PREFIX, redact
    from pontes.settings import REPO_ROOT
    from ui.i18n import stand_in_words

    written: dict[str, pd.DataFrame] = {}
    real = pipeline.write_analysis

    def keep(analysis, out, **options):
        files = real(analysis, out, **options)
        table = next(f for f in files if f.name == "node_metrics.csv")
        written[f"{len(written)}"] = pd.read_csv(io.StringIO(table.read_text(encoding="utf-8")), dtype=str)
        return files

    monkeypatch.setattr(pipeline, "write_analysis", keep)
    monkeypatch.setenv("PONTES_STORE", "embedded")
    monkeypatch.setenv("PONTES_DB_PATH", str(tmp_path / "seed.sqlite"))
    monkeypatch.setenv("PONTES_SEEDS", str(REPO_ROOT / "seeds"))
    st.cache_resource.clear()
    try:
        at = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=120)
        at.query_params.update({"lang": "de"})
        at.run()
        at.switch_page(PAGE).run()
        assert not at.exception, at.exception
        from ui.context import get_store, whole_graph

        whole = redact(whole_graph(get_store()), show_private=False, words=stand_in_words())
    finally:
        st.cache_resource.clear()
    (table,) = written.values()
    by_id = {n.id: n for n in whole.nodes}
    assert table["name"].tolist() == [name_in(by_id[i], "de") for i in table["id"]]
    stand_ins = table[table["id"].str.startswith(STAND_IN_PREFIX)]
    assert len(stand_ins) and all(by_id[i].name != n for i, n in zip(stand_ins["id"], stand_ins["name"]))
