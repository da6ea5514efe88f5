"""Metrics: ranked tables with plain-word explanations, charts, communities and
brokers in the graph, and every citable export as a download.

Collects the options, asks :func:`graph.analysis.pipeline.analyse_snapshot`
for the analysis (cached per graph snapshot and options, with a progress bar
while it runs) and renders what it returns. Rankings list organisations by
default (persons and role stand-ins apart) and weigh shared events by
Newman's 1/(n-1) by default, so one large workshop does not fill the top of
every ranking; the plain count is one click away, and the exports' metadata
says which was used.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from graph import explore
from graph.analysis import views
from graph.analysis.export import GRAPH_FORMATS, snapshot_hash
from graph.analysis.pipeline import ViewSpec, analyse_snapshot, write_analysis
from graph.analysis.suite import METRIC_COLUMNS, MetricParams
from graph.cache import Memo
from graph.draw.metrics import metrics_html
from graph.facts import memo, name_in
from graph.model import NodeType
from graph.privacy import STAND_IN_PREFIX, redact, redact_sources
from graph.store.base import CacheKey
from ui import urlstate
from ui.context import get_settings, get_store, is_editor, language, md, vis_assets, whole_graph
from ui.i18n import label, listed, number, stand_in_words, t, vega_locale
from ui.tables import static_table
from ui.timeline import time_control

TOP_BROKERS = 10
#: The largest seed the page takes (random steps take any whole number from 0).
MAX_SEED = 2**31 - 1
TOP_RANKED = 20
MIME = {
    ".csv": "text/csv",
    ".json": "application/json",
    ".parquet": "application/vnd.apache.parquet",
    ".gexf": "application/xml",
    ".graphml": "application/xml",
}
#: Whom a ranking lists: actors by type; role stand-ins are private persons shown by their roles.
ACTOR_GROUPS = ("organisations", "persons", "stand_ins", "all")


@st.cache_resource(show_spinner=False)
def _memo() -> Memo:
    """Analyses and snapshot hashes shared by all sessions, per graph version (the last 8)."""
    return Memo(8)


def _exports(key: CacheKey, request: tuple, analysis, names: dict[str, str], lang: str) -> dict[str, bytes]:
    """The downloads of ``analysis`` with the nodes named in ``lang``, once per graph version, request and language."""

    def make() -> dict[str, bytes]:
        with tempfile.TemporaryDirectory() as tmp:
            files = write_analysis(analysis, tmp, graph_formats=GRAPH_FORMATS, names=names)
            return {f.name: Path(f).read_bytes() for f in files}

    return _memo().get_or_make(key, "exports", *request, lang, make=make)


def _analysis(key: CacheKey, view: str, sub, sources, spec: ViewSpec, params: MetricParams, lang: str):
    """The analysis of ``spec`` and ``params``, computed once per graph version and view
    (with a progress bar while it runs)."""
    memo_ = _memo()
    request = ("analysis", view, spec.model_dump_json(), params.model_dump_json())
    hit = memo_.get(key, *request)
    if hit is not None:
        return hit
    # hashing every fact takes seconds at CORDIS size; the graph only changes with the version
    digest = memo_.get_or_make(key, "snapshot_hash", view, make=lambda: snapshot_hash(sub))
    bar = st.progress(0.0, text=t("metrics.progress", lang, step="…"))

    def tick(step: str, done: int, total: int) -> None:
        bar.progress(done / total, text=t("metrics.progress", lang, step=label("metrics.steps", step, lang)))

    analysis = analyse_snapshot(
        sub,
        sources,
        spec,
        params,
        on_progress=tick,
        input={"kind": "store", "backend": get_settings().backend},
        snapshot_sha256=digest,
    )
    bar.empty()
    return memo_.put(key, *request, value=analysis)


def actor_group(node_id: str, types: dict[str, NodeType]) -> str:
    if node_id.startswith(STAND_IN_PREFIX):
        return "stand_ins"
    kind = types.get(node_id)
    return "persons" if kind is NodeType.PERSON else "organisations" if kind is NodeType.ORGANISATION else "other"


def group_label(value) -> str:
    """A group's value (a country code, a node type, a sector, a city's stored name) in words: a city
    by its name in the reader's language ("Luxemburg" on the German page)."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "–"
    if group == "city":
        return city_names.get(value, str(value))
    return label({"country": "country", "type": "type", "sector": "kind"}.get(group, "city"), value, lang)


def metric_text(column: str, value, lang: str) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "–"
    if column in ("degree", "core_number", "community", "bridge_pairs") or column.startswith("brokerage_"):
        return number(int(value), lang)
    if column in ("weighted_degree", "effective_size"):
        return number(float(value), lang, 2)
    return number(float(value), lang, 3)


lang = language()
store = get_store()
editor = is_editor()
key = store.cache_key()  # before the graph: an entry is never older than its key
whole = redact(whole_graph(store), show_private=editor, words=stand_in_words())  # read once per graph version
city_names = memo(
    whole, f"city_names_{lang}", lambda: {n.name: name_in(n, lang) for n in whole.nodes if n.type is NodeType.PLACE}
)
by_id = memo(whole, "nodes_by_id", lambda: {n.id: n for n in whole.nodes})
st.title(t("metrics.title", lang))
st.caption(t("metrics.intro", lang))

# -- options -----------------------------------------------------------------------
with st.sidebar:
    view = st.radio(  # a radio wraps its long choices; the sidebar's select box cut them
        t("metrics.view", lang),
        ["collaboration", "events", "agreements", "full"],
        key="m_view",
        format_func=lambda v: t(f"metrics.view_{v}", lang),
    )
    if "m_weighting" not in st.session_state:
        st.session_state["m_weighting"] = "newman"
    weighting = st.radio(
        t("metrics.weighting", lang),
        ["newman", "count"],
        key="m_weighting",
        format_func=lambda v: t(f"metrics.weighting_{v}", lang),
        disabled=view == "full",
        help=t("metrics.weighting_help", lang),
    )
    group = st.selectbox(
        t("metrics.group", lang),
        list(views.GROUP_ATTRIBUTES),
        key="m_group",
        format_func=lambda v: t(f"metrics.group_{v}", lang),
        placeholder=t("app.choose", lang),
    )
    st.subheader(t("time.title", lang))
    when = time_control(explore.facets(whole).years, prefix="m", lang=lang, narrow=True)  # in the sidebar
    start, end = (when.year, when.year) if when.year is not None else when.years or (None, None)
    method = st.radio(
        t("metrics.method", lang), ["leiden", "louvain"], key="m_method", horizontal=True, format_func=str.capitalize
    )
    # no bounds on the field (Streamlit says a value out of them in English): the page says it
    seed = int(st.number_input(t("metrics.seed", lang), value=42, step=1, key="m_seed"))
    if not 0 <= seed <= MAX_SEED:
        used = min(max(seed, 0), MAX_SEED)
        st.warning(t("metrics.seed_range", lang, top=number(MAX_SEED, lang), used=number(used, lang)))
        seed = used

spec = ViewSpec.model_validate(dict(view=view, weighting=weighting, start=start, end=end))
params = MetricParams.model_validate(dict(group_attr=group, seed=int(seed), community_method=method))
if not whole.nodes:
    st.info(t("metrics.no_data", lang))
    st.stop()
sources = redact_sources(store.get_sources(), whole_graph(store), show_private=editor)
request = ("editor" if editor else "public", spec.model_dump_json(), params.model_dump_json())
analysis = _analysis(key, request[0], whole, sources, spec, params, lang)
result = analysis.result
table = result.table
s = result.summary
types = {n.id: n.type for n in whole.nodes}
names = {nid: name_in(node, lang) for nid, node in by_id.items()}
files = _exports(key, request, analysis, names, lang)

# -- overview ------------------------------------------------------------------------
st.subheader(t("metrics.summary", lang))
figures = [
    ("nodes", number(s["nodes"], lang)),
    ("ties", number(s["ties"], lang)),
    ("cross_border", number(s.get("cross_border_ties", 0), lang)),
    ("ei", number(s["ei_index"], lang, 2) if pd.notna(s.get("ei_index")) else "–"),
    ("communities", number(s["communities"], lang)),
    ("modularity", number(s["modularity"], lang, 2) if pd.notna(s["modularity"]) else "–"),
    ("diameter", number(s["diameter"], lang) if pd.notna(s["diameter"]) else "–"),
]
# two rows: seven in one cut the longer names ("Grenzüberschreit…", "Liens transfrontal…")
cols = [*st.columns(4), *st.columns(4)]
for col, (figure, value) in zip(cols, figures):
    col.metric(t(f"metrics.{figure}", lang), value)
if result.parameters["pivots_used"]:
    st.caption(
        t(
            "metrics.sampled",
            lang,
            pivots=number(result.parameters["pivots_used"], lang),
            bound=number(result.parameters["betweenness_error_bound"], lang, 3),
        )
    )
st.caption(t(f"metrics.weighting_used_{weighting if view != 'full' else 'full'}", lang))

# -- ranking ---------------------------------------------------------------------------
st.subheader(t("metrics.ranking", lang))
ranked = [c for c in METRIC_COLUMNS if c != "community"]
if "m_rank" not in st.session_state:
    st.session_state["m_rank"] = "weighted_degree"
if "m_whom" not in st.session_state:  # a default in the session, not the widget: a language switch sets it again
    st.session_state["m_whom"] = "organisations"
left, right = st.columns([2, 3])  # room for the four choices of whom in French ("Tou…" was cut)
rank_by = left.selectbox(
    t("metrics.rank_by", lang),
    ranked,
    key="m_rank",
    format_func=lambda c: label("metric", c, lang),
    placeholder=t("app.choose", lang),
)
whom = right.segmented_control(
    t("metrics.whom", lang),
    list(ACTOR_GROUPS),
    key="m_whom",
    required=True,
    format_func=lambda g: t(f"metrics.whom_{g}", lang),
)
st.markdown(md(t(f"metrics.explain.{rank_by}", lang)))
groups = table["id"].map(lambda x: actor_group(x, types))
chosen = table if whom == "all" else table[groups == whom]
top = chosen.sort_values(rank_by, ascending=rank_by == "constraint", na_position="last").head(TOP_RANKED)
# a metric that is 0 for every actor shown says nothing about them: left out (and named below the table)
silent = [c for c in ranked if c != rank_by and not (top[c].fillna(0) != 0).any()]
shown_cols = [rank_by, *[c for c in ranked if c != rank_by and c not in silent]]
rows = [
    {
        t("column.name", lang): names.get(row["id"], str(row.get("name") or row["id"])),
        t("column.type", lang): t(f"metrics.whom_{actor_group(row['id'], types)}_one", lang)
        if actor_group(row["id"], types) != "other"
        else label("type", types.get(row["id"], ""), lang),
        label("metrics.group_column", group, lang): group_label(row[group]) if group in row else "",
        **{label("metric", c, lang): metric_text(c, row[c], lang) for c in shown_cols},
    }
    for _, row in top.iterrows()
]
if rows:
    static_table(rows)
    note = "metrics.ranking_note" if len(rows) < len(chosen) else "metrics.ranking_note_all"
    st.caption(t(note, lang, shown=number(len(rows), lang), total=number(len(chosen), lang)))
    if silent:
        st.caption(t("metrics.zero_columns", lang, metrics=listed((label("metric", c, lang) for c in silent), lang)))
else:
    st.info(t("metrics.ranking_empty", lang))
with st.expander(t("metrics.definitions", lang)):
    static_table(
        [
            {
                t("metrics.metric", lang): label("metric", c, lang),
                t("metrics.meaning", lang): t(f"metrics.explain.{c}", lang),
            }
            for c in METRIC_COLUMNS
        ]
    )

# -- charts -----------------------------------------------------------------------------


def _spec(mark: str | dict, encoding: dict) -> dict:
    """A Vega-Lite chart of the page: numbers on its axes written as in the reader's language."""
    return {"mark": mark, "encoding": encoding, "config": {"locale": vega_locale(lang)}}


left, mid, right = st.columns(3)
with left:
    st.caption(t("metrics.degree_chart", lang))
    dist = table["degree"].value_counts().sort_index()
    x, y = t("metrics.degree_axis", lang), t("metrics.count_axis", lang)
    st.vega_lite_chart(
        pd.DataFrame({x: dist.index, y: dist.values}),
        _spec("bar", {"x": {"field": x, "type": "ordinal"}, "y": {"field": y, "type": "quantitative"}}),
        key="m_degree_chart",
    )
with mid:
    kinds: dict[str, views.Kind] = {
        "collaboration": "both",
        "events": "events",
        "agreements": "agreements",
        "full": "both",
    }
    st.caption(t("metrics.time_chart_full" if view == "full" else "metrics.time_chart", lang))
    over_time = views.ties_over_time(views.window(whole, start=start, end=end), kind=kinds[view])
    if len(over_time):
        year, series, count = t("time.year", lang), t("metrics.series", lang), t("metrics.ties_axis", lang)
        chart = over_time.rename(
            columns={"year": year, "ties": t("metrics.ties_cumulative", lang), "new_ties": t("metrics.ties_new", lang)}
        ).melt(id_vars=[year], value_vars=[t("metrics.ties_cumulative", lang), t("metrics.ties_new", lang)])
        chart.columns = [year, series, count]
        encoding = {
            # years on a scale of years: 2008, 2011 and 2015 stand as far apart as they were
            "x": {"field": year, "type": "quantitative", "axis": {"format": "d"}, "scale": {"zero": False}},
            "y": {"field": count, "type": "quantitative"},
            "color": {
                "field": series,
                "type": "nominal",
                # the two lines' names say what they are: no title ("What") above them
                "legend": {"orient": "bottom", "direction": "vertical", "labelLimit": 400, "title": None},
            },
        }
        st.vega_lite_chart(chart, _spec({"type": "line", "point": True}, encoding), key="m_time_chart")
    else:
        st.caption(t("metrics.time_empty", lang))
with right:
    st.caption(t("metrics.ei_chart", lang))
    ei = result.groups.set_index("group")["ei_index"].dropna()
    ei.index = [group_label(c) for c in ei.index]
    ei.name = t("metrics.ei", lang)
    ei.index.name = label("metrics.group_column", group, lang)
    if len(ei):
        frame = ei.reset_index()
        frame.columns = [ei.index.name, ei.name]
        encoding = {
            # the groups' names whole (Vega-Lite cuts axis labels at 180 px: "Nichtregierungso…")
            "x": {"field": ei.index.name, "type": "nominal", "sort": None, "axis": {"labelLimit": 400}},
            "y": {"field": ei.name, "type": "quantitative"},
        }
        st.vega_lite_chart(frame, _spec("bar", encoding), key="m_ei_chart")
        st.caption(t("metrics.ei_note", lang))
    else:
        st.caption(t("metrics.ei_empty", lang))

# -- the graph -------------------------------------------------------------------------
st.subheader(t("metrics.graph", lang))
st.caption(t("metrics.graph_note", lang, n=TOP_BROKERS))
sizes = table["community"].value_counts()
page = metrics_html(
    analysis.network,
    table.assign(name=table["id"].map(lambda x: names.get(x, x))),
    top_brokers=TOP_BROKERS,
    tooltip_labels={
        "community": t("metrics.community", lang),
        "betweenness": label("metric", "betweenness", lang),
        "brokerage": t("metrics.brokerage", lang),
    },
    legend_labels={
        **{
            str(c): t("metrics.community_n", lang, n=number(int(c) + 1, lang), size=number(int(sizes[c]), lang))
            for c in sizes.index
        },
        "": t("metrics.other", lang),
    },
    legend_title=t("metrics.communities", lang),
    height=560,
    number_format=lambda x, digits: number(x, lang, digits),
    assets=vis_assets(),
)
st.iframe(page, height=580, alt=t("metrics.graph", lang))

st.caption(t("metrics.bridges", lang))
if len(result.bridges):
    static_table(
        [
            {
                t("metrics.bridge_kind", lang): t(f"metrics.bridge_{b.kind}", lang),
                t("metrics.bridge_between", lang): " – ".join(
                    names.get(x, x) for x in (b.u, b.v) if isinstance(x, str) and x
                ),
                t("metrics.bridge_groups", lang): f"{group_label(b.group_a)} – {group_label(b.group_b)}",
            }
            for b in result.bridges.itertuples()
        ]
    )
else:
    st.caption(t("metrics.no_bridges", lang))

# -- downloads ---------------------------------------------------------------------------
st.subheader(t("metrics.downloads", lang))
st.caption(t("metrics.downloads_note", lang))
grid = st.columns(3)
for i, (name, data) in enumerate(files.items()):
    stem, ext = name.rsplit(".", 1)
    grid[i % 3].download_button(  # the heading says "download": the button names the file (a longer label was cut)
        f"{label('metrics.files', stem, lang)} ({ext.upper()})",
        data,
        icon=":material/download:",
        file_name=name,
        mime=MIME.get(Path(name).suffix, "application/octet-stream"),
        key=f"m_dl_{name}",
        on_click="ignore",
    )

urlstate.merge({"lang": lang})
