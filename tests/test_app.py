"""Every page of the Streamlit app, driven with AppTest on a temporary embedded store.

The store is seeded by the app itself from a tiny seed folder written here
(the network of tests/test_views.py plus an organisation known as "IRT").
"""

from __future__ import annotations

import html
import json
import re
import tomllib

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from graph.draw.page import ASSET_FILES, asset_text
from graph.draw.remote import remote_references
from graph.facts import name_in
from tests.support.app import (
    IRT,
    N_NODES,
    N_TIES,
    ROOT,
    SOURCE,
    drawn_ids,
    graph_page,
    graph_spec,
    map_drawing,
    pictures,
    plain,
    start,
    static_tables,
    table,
    texts,
)
from tests.support.graphs import S, tiny


def query(at: AppTest) -> dict[str, list[str]]:
    """The page's query parameters as it wrote them, each as a list."""
    return {k: v if isinstance(v, list) else [v] for k, v in at.query_params.items()}


def test_explorer_draws_the_seeded_network(app_env):
    at = start()
    assert texts(at.title) == ["Network explorer"]
    assert "The whole network" in texts(at.subheader)
    assert f"{N_NODES} nodes and {N_TIES} ties shown" in texts(at.caption)
    assert len(drawn_ids(at)) == N_NODES
    spec = graph_spec(at)
    assert "http" not in json.dumps(spec)  # nothing is fetched: ECharts ships with Streamlit
    assert len(spec["series"][0]["links"]) == N_TIES
    # every widget has a key
    widgets = [
        w
        for kind in ("text_input", "selectbox", "slider", "radio", "multiselect", "button_group")
        for w in getattr(at, kind)
    ]
    assert sorted(w.key for w in widgets) == sorted(
        [
            "lang",
            "search",
            "focus",
            "depth",
            "color_by",
            "view",
            "f_types",
            "f_countries",
            "f_places",
            "f_topics",
            "f_time",
        ]
    )
    assert query(at) == {"lang": ["en"]}  # the whole network in English: only the language in the URL


def test_the_app_config_serves_static_files():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["enableStaticServing"] is True
    for name in ASSET_FILES:  # what the drawings load from /app/static/pyvis/
        assert (ROOT / "static" / "pyvis" / name).read_bytes() == asset_text(name).encode("utf-8")


def test_the_metrics_drawing_loads_vis_network_from_the_app(app_env, static_serving):
    static_serving(True)
    at = start("ui/pages/metrics.py")
    page = graph_page(at)
    assert remote_references(page) == []
    assert '<script src="/app/static/pyvis/vis-9.1.2/vis-network.min.js"></script>' in page
    assert asset_text("vis-9.1.2/vis-network.min.js") not in page


def test_without_static_files_the_metrics_drawing_is_self_contained(app_env, static_serving):
    static_serving(False)
    at = start("ui/pages/metrics.py")
    page = graph_page(at)
    assert remote_references(page) == [] and not re.search(r"<script[^>]*\bsrc=", page)
    assert asset_text("vis-9.1.2/vis-network.min.js") in page


def test_search_alias_select_and_change_depth(app_env):
    at = start()
    at.text_input(key="search").set_value("irt").run()
    focus = at.selectbox(key="focus")
    assert focus.options == [f"{IRT.name} · Organisation"]
    focus.select(IRT.id).run()
    assert not at.exception
    assert f"Network around {IRT.name} (depth 1)" in texts(at.subheader)
    sub, ids = tiny()
    assert drawn_ids(at) == {IRT.id, ids["buero"]}
    assert query(at)["focus"] == [IRT.id]  # the view is in the URL

    # the detail panel: header, properties, ties with their sources, the node's sources
    assert texts(at.header) == [IRT.name]
    props = table(at, "Property", "Value")
    assert dict(zip(props["Property"], props["Value"])) == {"Kind": "research", "Country": "France"}
    ties = table(at, "Tie", "Other end")
    assert list(ties["Tie"]) == ["cooperates with"]
    assert list(ties["Other end"]) == ["Integrationsbüro"]
    assert list(ties["Role"]) == ["adviser"] and list(ties["From"]) == ["2018"]
    assert list(ties["Basis"]) == ["stated"]
    assert list(ties["Sources"]) == ["Annual report 2019 (Interregional Council, Dec 1, 2019)"]
    sources = table(at, "Publisher")
    assert list(sources["Publisher"]) == ["Interregional Council"] and list(sources["Date"]) == ["Dec 1, 2019"]
    assert "Link" not in sources and "Document" not in sources  # no url: no column of blanks; never a file name
    assert list(table(at, "Language", "Name")["Name"]) == ["Regionales Arbeitsinstitut"]

    at.slider(key="depth").set_value(2).run()
    assert not at.exception
    assert drawn_ids(at) == {IRT.id, ids["buero"], ids["sb"], ids["anna"], ids["conf"], ids["netz"]}
    assert f"Network around {IRT.name} (depth 2)" in texts(at.subheader)
    assert query(at)["depth"] == ["2"]


def test_a_search_with_one_hit_focuses_it_once(app_env):
    """Typing a name that fits one actor opens its network, as pressing Enter on it would; the
    reader who then clears the focus keeps the whole network while the search stays as it is."""
    at = start()
    at.text_input(key="search").set_value("irt").run()
    assert not at.exception
    assert at.selectbox(key="focus").value == IRT.id
    assert f"Network around {IRT.name} (depth 1)" in texts(at.subheader)
    at.button(key="unfocus").click().run()
    at.run()
    assert at.selectbox(key="focus").value is None and "The whole network" in texts(at.subheader)
    at.text_input(key="search").set_value("saar").run()  # several hits: the reader chooses
    assert at.selectbox(key="focus").value is None


def test_a_new_search_keeps_the_focus_until_another_is_chosen(app_env):
    at = start()
    at.text_input(key="search").set_value("IRT").run()
    at.selectbox(key="focus").select(IRT.id).run()
    at.text_input(key="search").set_value("saar").run()
    assert not at.exception
    assert set(at.selectbox(key="focus").options) == {
        f"{IRT.name} · Organisation",
        "Saarbrücken · Place",
        "Saarland · Place",
    }
    assert f"Network around {IRT.name} (depth 1)" in texts(at.subheader)
    at.button(key="unfocus").click().run()  # back to the whole network
    assert "The whole network" in texts(at.subheader)
    assert len(at.header) == 0  # no detail panel
    assert "focus" not in query(at)


def test_a_click_on_a_node_focuses_it():
    from ui.events import clicked_node

    ids = ["a", "b", "person:private-1"]
    state = {"selection": {"selected": [{"data_type": "node", "data_indices": [1]}], "areas": []}}
    assert clicked_node(state, ids) == "b"
    assert clicked_node({"selection": {"selected": [{"data_type": "edge", "data_indices": [0]}]}}, ids) is None
    assert clicked_node({"selection": {"selected": []}}, ids) is None and clicked_node(None, ids) is None
    stand_in = {"selection": {"selected": [{"data_type": "node", "data_indices": [2, 7]}]}}
    assert clicked_node(stand_in, ids, allowed=lambda x: not x.startswith("person:private-")) is None


def test_a_click_on_the_picture_component_names_its_node():
    from ui.events import node_clicked

    assert node_clicked({"node": "org:a"}) == "org:a"
    assert node_clicked({"node": None}) is None and node_clicked(None) is None and node_clicked({}) is None
    assert node_clicked({"node": 3}) is None  # not a node id
    refuse = lambda x: not x.startswith("person:private-")  # noqa: E731
    assert node_clicked({"node": "person:private-1"}, allowed=refuse) is None


def test_the_picture_is_pontes_component_where_the_app_serves_echarts_else_the_built_in_chart(app_env, monkeypatch):
    import hashlib

    from ui import picture

    at = start()
    (component,) = at.get("bidi_component")
    data = json.loads(component.proto.json)
    assert component.proto.component_name.endswith("pontes_picture")
    assert data["lib"] == "/app/static/echarts/echarts.min.js"  # the app's own copy, nothing from elsewhere
    assert data["alt"] == f"The whole network: {N_NODES} nodes, {N_TIES} ties"
    assert at.get("echarts_chart") == []
    option = data["option"]
    # the copy is the one its notice names (npm package echarts 6.1.0)
    notice = (picture.ECHARTS_FILE.parent / "NOTICE.md").read_text(encoding="utf-8")
    assert hashlib.sha256(picture.ECHARTS_FILE.read_bytes()).hexdigest() in notice

    monkeypatch.setattr(picture, "static_url", lambda path: None)  # e.g. started without the config file
    at = start()
    assert at.get("bidi_component") == []
    (chart,) = at.get("echarts_chart")
    assert json.loads(chart.proto.spec) == option  # the same picture, drawn by Streamlit's chart


def test_the_view_is_there_again_after_a_visit_to_another_page(app_env):
    at = start()
    at.text_input(key="search").set_value("IRT").run()
    at.selectbox(key="focus").select(IRT.id).run()
    at.slider(key="depth").set_value(2).run()
    at.switch_page("ui/pages/about.py").run()
    # Streamlit's navigation leaves only the language in the URL (as the browser shows it)
    for name in [k for k in at.query_params if k != "lang"]:
        del at.query_params[name]
    at.switch_page("ui/pages/explorer.py").run()
    assert not at.exception
    assert f"Network around {IRT.name} (depth 2)" in texts(at.subheader)
    assert at.selectbox(key="focus").value == IRT.id and at.slider(key="depth").value == 2
    assert query(at)["focus"] == [IRT.id] and query(at)["depth"] == ["2"]  # the URL names the view again
    # a link that names a view wins over the remembered one
    at.switch_page("ui/pages/about.py").run()
    at.query_params.update({"focus": tiny()[1]["buero"]})
    at.switch_page("ui/pages/explorer.py").run()
    assert at.selectbox(key="focus").value == tiny()[1]["buero"]


def test_a_permalink_reproduces_the_view_in_its_language(app_env):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params.update({"focus": IRT.id, "depth": "2", "lang": "de", "color": "country", "type": ["Organisation"]})
    at.run()
    assert not at.exception
    assert texts(at.title) == ["Netzwerk-Explorer"]
    assert at.slider(key="depth").value == 2 and at.radio(key="color_by").value == "country"
    assert at.multiselect(key="f_types").value == ["Organisation"]
    german = IRT.names["de"]  # names in the reader's language, the stored one beside it
    assert f"Netzwerk um {german} (Tiefe 2)" in texts(at.subheader)
    assert texts(at.header) == [german] and any(f"gespeicherter Name: {IRT.name}" in c for c in texts(at.caption))
    _, ids = tiny()
    # organisations only; two steps through shared items or stated cooperation reach the chamber
    assert drawn_ids(at) == {IRT.id, ids["buero"], ids["netz"], ids["chamber"]}
    assert query(at)["lang"] == ["de"] and query(at)["focus"] == [IRT.id]


def test_back_and_forward_restore_the_view(app_env, monkeypatch):
    import ui.urlstate

    at = start()
    at.text_input(key="search").set_value("IRT").run()
    at.selectbox(key="focus").select(IRT.id).run()
    at.slider(key="depth").set_value(2).run()
    assert query(at)["depth"] == ["2"]
    # a run with a stale query (a click before the browser took the last URL) is no arrival
    at.query_params.clear()
    at.query_params.update({"focus": IRT.id, "lang": "en"})
    at.run()
    assert at.slider(key="depth").value == 2 and query(at)["depth"] == ["2"]  # and the URL is written again
    # the browser goes back: Streamlit reruns the page with the earlier query, as a history navigation
    monkeypatch.setattr(ui.urlstate, "history_navigation", lambda: True)
    at.query_params.clear()
    at.query_params.update({"focus": IRT.id, "lang": "en"})
    at.run()
    assert at.slider(key="depth").value == 1 and f"Network around {IRT.name} (depth 1)" in texts(at.subheader)
    at.query_params.clear()
    at.query_params.update({"lang": "en"})
    at.run()
    assert "The whole network" in texts(at.subheader)


def test_language_switch_to_french(app_env):
    at = start()
    at.selectbox(key="lang").select("fr").run()
    assert not at.exception
    assert texts(at.title) == ["Explorateur du réseau"]
    assert at.text_input(key="search").label == "Rechercher par nom ou sigle"
    assert "Personne" in at.multiselect(key="f_types").options
    assert "Allemagne" in at.multiselect(key="f_countries").options
    assert f"{N_NODES} nœuds et {N_TIES} liens affichés" in texts(at.caption)
    spec = graph_spec(at)
    assert spec["title"]["text"] == "Types de nœuds"  # legend title
    assert "Personne" in [d["name"] for d in spec["legend"][0]["data"]]
    tips = " ".join(link["tooltip"]["formatter"] for link in spec["series"][0]["links"])
    assert "a participé à" in html.unescape(tips)  # tie labels
    assert query(at)["lang"] == ["fr"]


def test_default_language_comes_from_settings(app_env, monkeypatch):
    monkeypatch.setenv("PONTES_LANGUAGE", "de")
    at = start()
    assert texts(at.title) == ["Netzwerk-Explorer"]


def test_filter_by_country_and_type(app_env):
    at = start()
    sub, ids = tiny()
    at.multiselect(key="f_countries").select("DE").run()
    assert not at.exception
    assert drawn_ids(at) == {ids["saarland"], ids["sb"], ids["buero"], ids["anna"]}
    legend = graph_spec(at)["legend"][0]["data"]
    assert [d["name"] for d in legend] == ["Organisation", "Person", "Place"]  # only what is shown
    assert [d["icon"] for d in legend] == ["circle", "diamond", "pin"]  # each by its shape in the picture
    at.multiselect(key="f_types").select("Person").run()
    assert drawn_ids(at) == {ids["anna"]}
    assert "1 node and 0 ties shown" in texts(at.caption)
    assert query(at)["country"] == ["DE"] and query(at)["type"] == ["Person"]


def test_organisations_only_are_tied_through_shared_items(app_env):
    at = start()
    at.multiselect(key="f_types").select("Organisation").run()
    assert not at.exception
    _, ids = tiny()
    spec = graph_spec(at)
    data = [d["id"] for d in spec["series"][0]["data"]]
    pairs = {frozenset((data[link["source"]], data[link["target"]])) for link in spec["series"][0]["links"]}
    assert frozenset((ids["netz"], ids["chamber"])) in pairs  # both signed the accord, which is hidden
    assert any("Blue lines" in c for c in texts(at.caption))


def test_filter_by_years_and_empty_result(app_env):
    at = start()
    at.radio(key="f_time").set_value("range").run()
    assert at.slider(key="f_years").value == (2010, 2020)
    at.slider(key="f_years").set_value((2015, 2015)).run()
    ids = drawn_ids(at)
    assert tiny()[1]["conf"] in ids and tiny()[1]["accord"] not in ids
    assert (query(at)["from"], query(at)["to"]) == (["2015"], ["2015"])
    at.multiselect(key="f_topics").select(tiny()[1]["labour"]).run()
    at.multiselect(key="f_types").select("Event").run()
    assert not at.exception
    assert pictures(at) == []
    assert "Nothing matches these filters." in texts(at.info)


def test_as_of_a_year_and_stepping_through_the_years(app_env):
    at = start()
    sub, ids = tiny()
    at.radio(key="f_time").set_value("asof").run()
    assert at.slider(key="f_year").value == 2020
    at.slider(key="f_year").set_value(2011).run()
    assert not at.exception
    early = drawn_ids(at)
    assert ids["netz"] in early and ids["conf"] not in early and ids["accord"] not in early
    assert any("as of 2011" in h for h in texts(at.subheader)) and query(at)["year"] == ["2011"]
    for _ in range(4):
        at.button(key="f_forward").click().run()
    assert at.slider(key="f_year").value == 2015
    assert ids["conf"] in drawn_ids(at) and ids["accord"] not in drawn_ids(at)
    at.button(key="f_back").click().run()
    assert at.slider(key="f_year").value == 2014
    at.button(key="f_play").click().run()  # playing: the button pauses, the URL waits for the end
    assert not at.exception and at.button(key="f_play").label == "Pause"
    at.button(key="f_play").click().run()
    assert at.button(key="f_play").label == "Play"


def test_playing_steps_a_year_also_in_a_run_the_reader_starts(app_env):
    """While the years play, a run the reader starts (a filter, colours, the map) draws the
    player after the year slider: its step waits for the next run instead of changing the drawn
    slider (StreamlitWidgetAlreadyInstantiatedError where the picture was, found in the browser)."""
    at = start()
    at.radio(key="f_time").set_value("asof").run()
    at.slider(key="f_year").set_value(2011).run()
    at.button(key="f_play").click().run()
    assert at.button(key="f_play").label == "Pause"
    at.session_state["f_tick"] = 0.0  # a step is due
    at.radio(key="color_by").set_value("country").run()
    assert not at.exception
    assert at.slider(key="f_year").value == 2012 and any("as of 2012" in h for h in texts(at.subheader))
    at.session_state["f_tick"] = 0.0
    at.segmented_control(key="view").set_value("map").run()
    assert not at.exception and at.slider(key="f_year").value == 2013


def test_a_range_of_years_is_named_in_the_heading(app_env):
    at = start()
    at.radio(key="f_time").set_value("range").run()
    at.slider(key="f_years").set_value((2011, 2015)).run()
    assert not at.exception
    assert any(h.endswith("· between 2011 and 2015") for h in texts(at.subheader))
    assert query(at)["from"] == ["2011"] and query(at)["to"] == ["2015"]


def test_the_map_places_what_the_view_holds(app_env):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params.update({"view": "map", "lang": "en"})
    at.run()
    assert not at.exception
    # the tiny graph's places have no coordinates: no map, a note that says why, everything listed apart
    assert not at.get("bidi_component")
    assert [i.value for i in at.info] == [
        "No node of this view has a known place (6 nodes without one): the map has nothing to show. "
        "An organisation is placed where it is located, an event where it is held."
    ]
    unplaced = table(at, "Name", "Type")
    assert IRT.name in list(unplaced["Name"]) and len(unplaced) == 6

    # Metz gets its coordinates: what is located or held there is placed, over the region's outlines
    from graph.store.embedded import EmbeddedStore
    from pontes.settings import load_settings

    sub, ids = tiny()
    metz = next(n for n in sub.nodes if n.id == ids["metz"])
    with EmbeddedStore(load_settings().embedded_path) as store:
        store.upsert(nodes=[metz.model_copy(update={"lat": 49.12, "lon": 6.18})])
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params.update({"view": "map", "lang": "en"})
    at.run()
    assert not at.exception and not at.info
    option, outlines = map_drawing(at)
    assert {f["properties"]["name"] for f in outlines[option["geo"]["map"]]["features"]} >= {"Germany", "France"}
    (points,) = [s for s in option["series"] if s["type"] == "scatter"]
    assert [p["id"] for p in points["data"]] == [ids["metz"]]
    assert "Click a place to focus on it; zoom in with the mouse wheel, drag to move the map." in texts(at.caption)


def test_share_downloads_are_offered(app_env):
    at = start()
    keys = {b.proto.label for b in at.get("download_button")}
    assert keys == {
        "Picture (PNG)",
        "Picture for print (SVG)",
        "Page that opens without the app (HTML)",
        "Nodes (CSV)",
        "Ties (CSV)",
        "Network for Gephi (GEXF)",
    }
    # the permalink is a link to the view in its language
    links = [m.value for m in at.markdown if m.value.endswith(")") and "](?" in m.value]
    assert len(links) == 1 and "lang=en" in links[0]


def test_colour_by_country(app_env):
    at = start()
    at.radio(key="color_by").set_value("country").run()
    assert not at.exception
    spec = graph_spec(at)
    assert spec["title"]["text"] == "Countries"
    assert {"Germany", "no country"} <= {d["name"] for d in spec["legend"][0]["data"]}


def test_about_page(app_env):
    at = start("ui/pages/about.py")
    assert texts(at.title) == ["About the data"]
    nodes = table(at, "Type", "Count")
    assert dict(zip(nodes["Type"], nodes["Count"])) == {
        "Organisation": 4,
        "Person": 2,
        "Event": 1,
        "Agreement": 1,
        "Place": 3,
        "Topic": 2,
    }
    ties = table(at, "Tie", "Count")
    assert int(ties["Count"].sum()) == N_TIES
    # readers learn the kind of store, not where it lies on the server
    assert "Embedded store (SQLite)" in texts(at.markdown)
    assert not any("app.sqlite" in m for m in texts(at.markdown))
    assert list(table(at, "Title")["Title"]) == ["Annual report 2019"]


def test_about_page_in_german(app_env):
    at = start()
    at.selectbox(key="lang").select("de").run()
    at.switch_page("ui/pages/about.py").run()
    assert not at.exception
    assert texts(at.title) == ["Über die Daten"]
    assert "Veranstaltung" in list(table(at, "Typ", "Anzahl")["Typ"])


def test_config_error_becomes_one_message(app_env, monkeypatch):
    monkeypatch.setenv("PONTES_STORE", "neo4j")  # without NEO4J_URI
    at = start()
    assert len(at.error) == 1
    assert at.error[0].value.startswith("The settings are incomplete or wrong:")


def test_invalid_seeds_become_one_message(app_env, seeds):
    (seeds / "broken.yaml").write_text("pontes: 1\nnodes:\n  - type: Person\n    name: X\n", encoding="utf-8")
    at = start()
    assert len(at.error) == 1
    assert at.error[0].value.startswith("The seed network is invalid:")
    at.switch_page("ui/pages/about.py").run()
    assert not at.exception and len(at.error) == 1


def test_real_seeds_find_irt_by_alias(tmp_path, monkeypatch):
    """The shipped seed network (default PONTES_SEEDS): 'IRT' finds the organisation."""
    from loaders import read_paths
    from pontes.settings import REPO_ROOT

    plan = read_paths([REPO_ROOT / "seeds"])
    irt = [n for n in plan.nodes if "IRT" in n.aliases and n.type == "Organisation"]
    assert len(irt) == 1
    irt = irt[0]
    monkeypatch.setenv("PONTES_DB_PATH", str(tmp_path / "real.sqlite"))
    st.cache_resource.clear()
    try:
        at = start()
        assert f"{len(plan.nodes)} nodes and {len(plan.ties)} ties shown" in texts(at.caption)
        english = name_in(irt, "en")
        at.text_input(key="search").set_value("IRT").run()
        assert f"{english} · Organisation" in at.selectbox(key="focus").options
        at.selectbox(key="focus").select(irt.id).run()
        assert not at.exception
        assert texts(at.header) == [english]
        assert irt.id in drawn_ids(at)
        assert len(table(at, "Publisher")) == len(irt.sources)
        at.slider(key="depth").set_value(3).run()
        assert not at.exception and irt.id in drawn_ids(at)
    finally:
        st.cache_resource.clear()


def test_real_seeds_show_inferred_ties_qualified_attendance_and_source_notes(tmp_path, monkeypatch):
    """The detail panel tells a stated tie from our reading, keeps "über 150" and says what a source leaves open."""
    from loaders import read_paths
    from pontes.settings import REPO_ROOT

    monkeypatch.setenv("PONTES_DB_PATH", str(tmp_path / "real.sqlite"))
    st.cache_resource.clear()
    try:
        at = start()
        at.text_input(key="search").set_value("Perspektiven für Flüchtlinge").run()
        at.selectbox(key="focus").select("event:perspektiven-fuer-fluechtlinge-in-der-region-trier-2015").run()
        assert not at.exception
        props = table(at, "Property", "Value")
        shown = dict(zip(props["Property"], props["Value"]))
        assert shown["Attendance"] == "more than 150" and "Attendance figure" not in shown  # as the source says
        notes = table(at, "Publisher", "About the source")
        assert all(notes["About the source"])  # every cited source says what it is

        at.text_input(key="search").set_value("Beutelweg").run()
        at.selectbox(key="focus").select("org:wohnungsgenossenschaft-am-beutelweg").run()
        assert not at.exception
        ties = table(at, "Tie", "Other end")
        basis = dict(zip(ties["Other end"], ties["Basis"]))
        by_id = {n.id: n for n in read_paths([REPO_ROOT / "seeds"]).nodes}
        assert basis[name_in(by_id["event:quattropole-workshop-in-trier-2008"], "en")] == "inferred (our reading)"
        assert basis[name_in(by_id["place:trier-nord"], "en")] == "stated"
    finally:
        st.cache_resource.clear()


def test_unreachable_neo4j_becomes_one_message(app_env, monkeypatch):
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setenv("PONTES_STORE", "neo4j")
    monkeypatch.setenv("NEO4J_URI", f"bolt://127.0.0.1:{port}")
    monkeypatch.setenv("NEO4J_PASSWORD", "not-a-secret")
    at = start()
    assert len(at.error) == 1
    assert at.error[0].value.startswith("The database cannot be reached:")
    assert "not-a-secret" not in at.error[0].value


def test_empty_store_says_so(app_env, monkeypatch, tmp_path):
    empty = tmp_path / "no-seeds"
    empty.mkdir()
    monkeypatch.setenv("PONTES_SEEDS", str(empty))
    at = start()
    assert len(at.info) == 1 and "pontes load" in at.info[0].value
    assert len(at.get("iframe")) == 0
    at.switch_page("ui/pages/about.py").run()
    assert not at.exception
    assert "0 nodes, 0 ties, 0 sources" in texts(at.markdown)


@pytest.mark.parametrize(
    "uri, shown",
    [
        ("neo4j://user:secret@db.example.org:7687", "neo4j://db.example.org:7687"),
        ("bolt://localhost", "bolt://localhost"),
        (None, ""),
    ],
)
def test_neo4j_address_is_shown_without_credentials(uri, shown):
    from pontes.stores import display_uri

    assert display_uri(uri) == shown


def test_markdown_escaping_shows_data_as_typed():
    from ui.context import md

    assert plain(md("*a* [x](javascript:alert(1)) :red[b] <i>")) == "*a* [x](javascript:alert(1)) :red[b] <i>"
    assert "*" not in md("*a*").replace("\\*", "")


def test_vis_assets_follow_the_server_options(static_serving, monkeypatch):
    import sys
    import types

    from streamlit import config

    from ui import context
    from ui.context import vis_assets

    static_serving(False)
    assert vis_assets() is None  # not served: the drawings inline vis-network
    static_serving(True)
    assert vis_assets() == "/app/static/pyvis/"
    base = st.get_option("server.baseUrlPath")
    config.set_option("server.baseUrlPath", "/pontes/")
    try:
        assert vis_assets() == "/pontes/app/static/pyvis/"
    finally:
        config.set_option("server.baseUrlPath", base)
    # a Streamlit that sends static scripts as text/plain (its allow-list of image types)
    old = types.ModuleType("streamlit.web.server.app_static_file_handler")
    old.SAFE_APP_STATIC_FILE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".gif", ".webp")
    monkeypatch.setitem(sys.modules, "streamlit.web.server.app_static_file_handler", old)
    context._static_scripts_run.cache_clear()  # asked once per process: this process has "changed" Streamlit
    try:
        assert vis_assets() is None
    finally:
        monkeypatch.delitem(sys.modules, "streamlit.web.server.app_static_file_handler")
        context._static_scripts_run.cache_clear()
    assert vis_assets() == "/app/static/pyvis/"


def test_whole_graph_is_the_cached_snapshot_and_leaves_the_collector_on(embedded_store):
    import gc

    from ui.context import _GC_PAUSE, whole_graph

    sub, _ = tiny()
    embedded_store.upsert(sources=[SOURCE], nodes=sub.nodes, ties=sub.ties)
    assert gc.isenabled()
    whole = whole_graph(embedded_store)
    assert whole is embedded_store.cached_snapshot() and whole is whole_graph(embedded_store)
    assert whole.node_ids == sub.node_ids and gc.isenabled()
    with _GC_PAUSE:
        with _GC_PAUSE:
            assert not gc.isenabled()
        assert not gc.isenabled()  # overlapping pauses: on again only after the last
    assert gc.isenabled()


def test_a_large_whole_graph_is_frozen_out_of_the_collectors_reach_and_still_freed(embedded_store, monkeypatch):
    import gc
    import weakref

    import ui.context
    from graph.model import Topic
    from ui.context import whole_graph

    sub, _ = tiny()
    embedded_store.upsert(sources=[SOURCE], nodes=sub.nodes, ties=sub.ties)
    gc.unfreeze()
    monkeypatch.setattr(ui.context, "FREEZE_NODES", len(sub.nodes) + 1)  # one more than the graph has
    try:
        whole_graph(embedded_store)
        assert gc.get_freeze_count() == 0  # small graphs: nothing frozen
        embedded_store.upsert(nodes=[Topic(name="Housing", sources=S)])
        whole = whole_graph(embedded_store)  # now large enough
        assert gc.get_freeze_count() > 0 and gc.isenabled()
        old = weakref.ref(whole)
        del whole
        embedded_store.upsert(nodes=[Topic(name="Transport", sources=S)])
        newer = whole_graph(embedded_store)
        assert "topic:transport" in newer.node_ids and gc.get_freeze_count() > 0
        assert old() is None  # the frozen graph was freed once the store's cache let it go
    finally:
        gc.unfreeze()


def test_small_detail_tables_are_static_and_large_ones_interactive(app_env, monkeypatch):
    import ui.tables

    at = start()
    at.text_input(key="search").set_value("IRT").run()
    at.selectbox(key="focus").select(IRT.id).run()
    assert any({"Property", "Value"} <= set(tb.columns) for tb in static_tables(at)) and not at.dataframe
    monkeypatch.setattr(ui.tables, "SMALL_TABLE", 0)
    at.run()
    assert not static_tables(at) and len(at.dataframe) >= 3


def test_about_page_names_the_store_file_to_editors(app_env, monkeypatch):
    from tests.support.app import PASSWORD, unlock

    monkeypatch.setenv("PONTES_EDITOR_PASSWORD", PASSWORD)
    at = unlock(start(), PASSWORD)
    at.switch_page("ui/pages/about.py").run()
    assert not at.exception
    assert any("app.sqlite" in m for m in texts(at.markdown))
