"""The Metrics page, driven with AppTest on the tiny seeded store of tests/test_app.py."""

from __future__ import annotations

from graph.draw.page import remote_references
from tests.support.app import start, texts

PAGE = "ui/pages/metrics.py"


def test_metrics_page_shows_tables_charts_graph_and_downloads(app_env):
    at = start(PAGE)
    assert texts(at.title) == ["Network metrics"]
    assert "Ranking" in texts(at.subheader) and "Downloads" in texts(at.subheader)
    ranking = [d.value for d in at.dataframe if "degree" in d.value.columns and "betweenness" in d.value.columns]
    assert len(ranking) == 1 and len(ranking[0]) > 0
    assert list(ranking[0]["degree"]) == sorted(ranking[0]["degree"], reverse=True)
    frames = at.get("iframe")
    assert len(frames) == 1 and remote_references(frames[0].proto.srcdoc) == []
    buttons = at.get("download_button")
    names = {b.proto.label for b in buttons}
    assert {
        "Download node_metrics.csv",
        "Download node_metrics.parquet",
        "Download summary.json",
        "Download metrics.gexf",
        "Download metrics.graphml",
    } <= names
    widgets = [w for kind in ("selectbox", "radio", "slider", "number_input") for w in getattr(at, kind)]
    assert all(w.key for w in widgets)
    assert {"m_view", "m_weighting", "m_group", "m_method", "m_seed", "m_rank"} <= {w.key for w in widgets}


def test_metrics_page_reranks_and_regroups(app_env):
    at = start(PAGE)
    at.selectbox(key="m_rank").select("betweenness").run()
    assert not at.exception
    assert any("shortest paths" in m for m in texts(at.markdown))
    at.selectbox(key="m_group").select("type").run()
    at.radio(key="m_method").set_value("louvain").run()
    assert not at.exception
    at.selectbox(key="m_view").select("full").run()
    assert not at.exception
    assert texts(at.title) == ["Network metrics"]


def test_metrics_page_in_german(app_env):
    at = start(PAGE)
    at.selectbox(key="lang").select("de").run()
    assert not at.exception
    assert texts(at.title) == ["Netzwerk-Kennzahlen"]


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
