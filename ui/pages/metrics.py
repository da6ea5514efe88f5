"""Metrics: ranked tables with plain-word explanations, charts, communities and
brokers in the graph, and every citable export as a download.

Collects the options, asks :func:`graph.analysis.pipeline.analyse_snapshot`
for the analysis (cached per graph snapshot and options, with a progress bar
while it runs) and renders what it returns.
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
from graph.privacy import redact, redact_sources
from graph.store.base import CacheKey
from ui.context import get_settings, get_store, is_editor, language, md, whole_graph
from ui.i18n import label, t

TOP_BROKERS = 10
MIME = {
    ".csv": "text/csv",
    ".json": "application/json",
    ".parquet": "application/vnd.apache.parquet",
    ".gexf": "application/xml",
    ".graphml": "application/xml",
}


@st.cache_resource(show_spinner=False)
def _memo() -> Memo:
    """Analyses and snapshot hashes shared by all sessions, per graph version (the last 8)."""
    return Memo(8)


def _exports(analysis) -> dict[str, bytes]:
    with tempfile.TemporaryDirectory() as tmp:
        files = write_analysis(analysis, tmp, graph_formats=GRAPH_FORMATS)
        return {f.name: Path(f).read_bytes() for f in files}


def _analysis(key: CacheKey, view: str, sub, sources, spec: ViewSpec, params: MetricParams, lang: str):
    """The analysis of ``spec`` and ``params`` with its exports, computed once per graph
    version and view (with a progress bar while it runs)."""
    memo = _memo()
    request = ("analysis", view, spec.model_dump_json(), params.model_dump_json())
    hit = memo.get(key, *request)
    if hit is not None:
        return hit
    # hashing every fact takes seconds at CORDIS size; the graph only changes with the version
    digest = memo.get_or_make(key, "snapshot_hash", view, make=lambda: snapshot_hash(sub))
    bar = st.progress(0.0, text=t("metrics.progress", lang, step="…"))

    def tick(step: str, done: int, total: int) -> None:
        bar.progress(done / total, text=t("metrics.progress", lang, step=step.replace("_", " ")))

    analysis = analyse_snapshot(
        sub,
        sources,
        spec,
        params,
        on_progress=tick,
        input={"kind": "store", "backend": get_settings().backend},
        snapshot_sha256=digest,
    )
    entry = (analysis, _exports(analysis))
    bar.empty()
    return memo.put(key, *request, value=entry)


lang = language()
store = get_store()
editor = is_editor()
key = store.cache_key()  # before the graph: an entry is never older than its key
whole = redact(whole_graph(store), show_private=editor)  # read once per graph version
st.title(t("metrics.title", lang))
st.caption(t("metrics.intro", lang))

# -- options -----------------------------------------------------------------------
with st.sidebar:
    view = st.selectbox(
        t("metrics.view", lang),
        ["collaboration", "events", "agreements", "full"],
        key="m_view",
        format_func=lambda v: t(f"metrics.view_{v}", lang),
    )
    weighting = st.radio(
        t("metrics.weighting", lang),
        ["count", "newman"],
        key="m_weighting",
        horizontal=True,
        format_func=lambda v: t(f"metrics.weighting_{v}", lang),
        disabled=view == "full",
    )
    group = st.selectbox(
        t("metrics.group", lang),
        list(views.GROUP_ATTRIBUTES),
        key="m_group",
        format_func=lambda v: t(f"metrics.group_{v}", lang),
    )
    span = explore.facets(whole).years
    start = end = None
    if span and span[0] < span[1]:
        chosen = st.slider(t("metrics.years", lang), span[0], span[1], span, key="m_years")
        if tuple(chosen) != tuple(span):
            start, end = chosen
    method = st.radio(
        t("metrics.method", lang), ["leiden", "louvain"], key="m_method", horizontal=True, format_func=str.capitalize
    )
    seed = st.number_input(t("metrics.seed", lang), min_value=0, max_value=2**31 - 1, value=42, step=1, key="m_seed")

spec = ViewSpec.model_validate(dict(view=view, weighting=weighting, start=start, end=end))
params = MetricParams.model_validate(dict(group_attr=group, seed=int(seed), community_method=method))
if not whole.nodes:
    st.info(t("metrics.no_data", lang))
    st.stop()
sources = redact_sources(store.get_sources(), whole_graph(store), show_private=editor)
analysis, files = _analysis(key, "editor" if editor else "public", whole, sources, spec, params, lang)
result = analysis.result
table = result.table
s = result.summary

# -- overview ------------------------------------------------------------------------
st.subheader(t("metrics.summary", lang))
cols = st.columns(7)
figures = [
    ("nodes", s["nodes"]),
    ("ties", s["ties"]),
    ("cross_border", s.get("cross_border_ties", 0)),
    ("ei", f"{s['ei_index']:.2f}" if pd.notna(s.get("ei_index")) else "–"),
    ("communities", s["communities"]),
    ("modularity", f"{s['modularity']:.2f}" if pd.notna(s["modularity"]) else "–"),
    ("diameter", s["diameter"]),
]
for col, (figure, value) in zip(cols, figures):
    col.metric(t(f"metrics.{figure}", lang), value)
if result.parameters["pivots_used"]:
    st.caption(
        t(
            "metrics.sampled",
            lang,
            pivots=result.parameters["pivots_used"],
            bound=f"{result.parameters['betweenness_error_bound']:.3f}",
        )
    )

# -- ranking ---------------------------------------------------------------------------
st.subheader(t("metrics.ranking", lang))
ranked = [c for c in METRIC_COLUMNS if c != "community"]
rank_by = st.selectbox(t("metrics.rank_by", lang), ranked, key="m_rank", format_func=lambda c: c.replace("_", " "))
st.markdown(md(t(f"metrics.explain.{rank_by}", lang)))
shown = table.sort_values(rank_by, ascending=rank_by == "constraint", na_position="last").head(20)
front = [c for c in ("name", group) if c in table.columns]
st.dataframe(shown[[*front, rank_by, *[c for c in ranked if c != rank_by]]], hide_index=True, key="m_table")
with st.expander(t("metrics.definitions", lang)):
    st.dataframe(
        pd.DataFrame({"metric": list(METRIC_COLUMNS), "": [t(f"metrics.explain.{c}", lang) for c in METRIC_COLUMNS]}),
        hide_index=True,
        key="m_definitions",
    )

# -- charts -----------------------------------------------------------------------------
left, mid, right = st.columns(3)
with left:
    st.caption(t("metrics.degree_chart", lang))
    dist = table["degree"].value_counts().sort_index()
    st.bar_chart(
        pd.DataFrame(
            {t("metrics.count_axis", lang): dist.values},
            index=pd.Index(dist.index, name=t("metrics.degree_axis", lang)),
        )
    )
with mid:
    st.caption(t("metrics.time_chart", lang))
    if view != "full":
        kinds: dict[str, views.Kind] = {"collaboration": "both", "events": "events", "agreements": "agreements"}
        kind = kinds[view]
        over_time = views.ties_over_time(views.window(whole, start=start, end=end), kind=kind)
    else:
        over_time = pd.DataFrame()
    if len(over_time):
        st.line_chart(over_time.assign(year=over_time["year"].astype(str)).set_index("year")[["ties", "new_ties"]])
    else:
        st.caption(t("metrics.time_empty", lang))
with right:
    st.caption(t("metrics.ei_chart", lang))
    ei = result.groups.set_index("group")["ei_index"].dropna()
    if group == "country":
        ei.index = [label("country", c, lang) for c in ei.index]
    st.bar_chart(ei)
    st.caption(t("metrics.ei_note", lang))

# -- the graph -------------------------------------------------------------------------
st.subheader(t("metrics.graph", lang))
st.caption(t("metrics.graph_note", lang, n=TOP_BROKERS))
communities = sorted(table["community"].unique())
page = metrics_html(
    analysis.network,
    table,
    top_brokers=TOP_BROKERS,
    tooltip_labels={"community": t("metrics.community", lang), "betweenness": "betweenness", "brokerage": "brokerage"},
    legend_labels={
        **{str(c): f"{t('metrics.community', lang)} {c + 1}" for c in communities},
        "": t("metrics.other", lang),
    },
    legend_title=t("metrics.communities", lang),
    height=560,
)
st.iframe(page, height=580, alt=t("metrics.graph", lang))

st.caption(t("metrics.bridges", lang))
if len(result.bridges):
    st.dataframe(result.bridges, hide_index=True, key="m_bridges")
else:
    st.caption(t("metrics.no_bridges", lang))

# -- downloads ---------------------------------------------------------------------------
st.subheader(t("metrics.downloads", lang))
grid = st.columns(3)
for i, (name, data) in enumerate(files.items()):
    grid[i % 3].download_button(
        t("metrics.download", lang, file=name),
        data,
        file_name=name,
        mime=MIME.get(Path(name).suffix, "application/octet-stream"),
        key=f"m_dl_{name}",
    )
