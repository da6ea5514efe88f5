"""About / data: what the store holds, which store is in use, every source."""

from __future__ import annotations

import streamlit as st

from graph.facts import title_in
from graph.ids import sort_key
from graph.model import ANNOTATION_TIES, NodeType, TieType
from graph.privacy import redact_sources
from pontes.stores import display_uri
from ui import urlstate
from ui.context import get_settings, get_store, is_editor, language, md, whole_graph
from ui.detail import show_sources
from ui.i18n import label, number, t

lang = language()
settings = get_settings()
store = get_store()
counts = store.counts()

st.title(t("about.title", lang))
st.markdown(t("about.intro", lang))

st.subheader(t("about.contents", lang))
st.markdown(
    t(
        "about.totals",
        lang,
        nodes=number(counts.total_nodes, lang),
        ties=number(counts.total_ties, lang),
        sources=number(counts.sources, lang),
    )
)
left, right = st.columns(2)
with left:
    st.caption(t("about.nodes_per_type", lang))
    st.dataframe(
        [
            {t("column.type", lang): label("type", nt, lang), t("column.count", lang): counts.nodes.get(nt, 0)}
            for nt in NodeType
        ],
        hide_index=True,
        key="about_nodes",
    )
with right:
    st.caption(t("about.ties_per_type", lang))
    st.dataframe(
        [
            {t("column.tie", lang): label("tie", tt, lang), t("column.count", lang): counts.ties.get(tt, 0)}
            for tt in TieType
            if tt not in ANNOTATION_TIES  # planners' decisions, not ties of the network
        ],
        hide_index=True,
        key="about_ties",
    )

st.subheader(t("about.store", lang))
if not is_editor():  # where the data lives on the server is the editors' business
    st.markdown(t("about.store_neo4j_plain" if settings.backend == "neo4j" else "about.store_embedded_plain", lang))
elif settings.backend == "neo4j":
    uri, database = display_uri(settings.neo4j_uri), settings.neo4j_database
    st.markdown(t("about.store_neo4j", lang, uri=md(uri), database=md(database)))
else:
    st.markdown(t("about.store_embedded", lang, path=md(settings.embedded_path)))

st.subheader(t("about.sources", lang))
sources = sorted(
    redact_sources(store.get_sources(), whole_graph(store), show_private=is_editor()),
    key=lambda s: (sort_key(s.publisher or ""), sort_key(title_in(s, lang))),
)
if sources:
    show_sources(sources, lang, key="about_sources")
else:
    st.caption(t("about.no_sources", lang))

urlstate.merge({"lang": lang})
