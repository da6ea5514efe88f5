"""Explorer: the network drawn with pyvis, search, ego network, filters, details.

Collects the sidebar inputs, asks :func:`graph.explore.explore` for the graph
(at most :data:`graph.explore.DEFAULT_LIMIT` nodes; the page says what the cap
left out) and :func:`graph.draw.page.render_html` for the drawing, and shows
:func:`graph.explore.node_detail` for the chosen actor. The whole graph (for
facets and derived facts) is read once per graph version; the view, its
drawing, the search results and the detail are kept per graph version and
inputs (:mod:`ui.cached`), so a rerun that changes none of them is cheap.
"""

from __future__ import annotations

import streamlit as st

from graph import explore as explorer
from ui import cached
from ui.context import get_store, is_editor, language, md, vis_assets, whole_graph
from ui.detail import show_detail
from ui.i18n import label, t

lang = language()
store = get_store()
editor = is_editor()
key = store.cache_key()  # before the graph: an entry is never older than its key
whole = whole_graph(store)  # read once per graph version
available = explorer.facets(whole)

st.title(t("explorer.title", lang))

# -- sidebar: search, ego network, colours, filters ------------------------------
with st.sidebar:
    query = st.text_input(
        t("explorer.search", lang),
        key="search",
        placeholder=t("explorer.search_placeholder", lang),
        help=t("explorer.search_help", lang),
    ).strip()
    matches = {n.id: n for n in cached.find(store, query, key=key, editor=editor)} if query else {}
    if query and not matches:
        st.caption(t("explorer.no_results", lang, query=md(query)))
    focus = st.selectbox(
        t("explorer.pick", lang),
        list(matches),
        index=None,
        key="focus",
        placeholder=t("explorer.pick_placeholder", lang),
        format_func=lambda nid: f"{matches[nid].name} · {label('type', matches[nid].type, lang)}",
        disabled=not matches,
    )
    focus = focus if focus in matches else None  # a choice from an earlier search
    depth = st.slider(t("explorer.depth", lang), 1, 3, 1, key="depth", disabled=focus is None)
    color_by = st.radio(
        t("explorer.color_by", lang),
        ["type", "country"],
        key="color_by",
        horizontal=True,
        format_func=lambda v: t(f"explorer.color_{v}", lang),
    )

    st.subheader(t("explorer.filters", lang))
    choose = t("explorer.choose", lang)
    types = st.multiselect(
        t("explorer.types", lang),
        available.types,
        key="f_types",
        placeholder=choose,
        format_func=lambda v: label("type", v, lang),
    )
    countries = st.multiselect(
        t("explorer.countries", lang),
        available.countries,
        key="f_countries",
        placeholder=choose,
        format_func=lambda v: label("country", v, lang),
    )
    place_names = dict(available.places)
    places = st.multiselect(
        t("explorer.places", lang),
        list(place_names),
        key="f_places",
        placeholder=choose,
        format_func=place_names.__getitem__,
    )
    topic_names = dict(available.topics)
    topics = st.multiselect(
        t("explorer.topics", lang),
        list(topic_names),
        key="f_topics",
        placeholder=choose,
        format_func=topic_names.__getitem__,
    )
    years = None
    if available.years and available.years[0] < available.years[1]:
        lo, hi = available.years
        chosen = st.slider(t("explorer.years", lang), lo, hi, (lo, hi), key="f_years")
        st.caption(t("explorer.years_note", lang))
        years = None if tuple(chosen) == (lo, hi) else tuple(chosen)

flt = explorer.GraphFilter.model_validate(
    dict(types=types, countries=countries, places=places, topics=topics, years=years)
)

# -- the drawing -----------------------------------------------------------------
shown = cached.drawing(
    store,
    whole,
    flt,
    key=key,
    focus=focus,
    depth=depth,
    color_by=color_by,
    lang=lang,
    editor=editor,
    assets=vis_assets(),  # served once by the app: the page carries only the graph
)
if focus:
    st.subheader(t("explorer.ego", lang, name=md(matches[focus].name), depth=depth))
else:
    st.subheader(t("explorer.whole", lang))
st.caption(t("explorer.shown", lang, nodes=shown.nodes, ties=shown.ties))
if shown.capped:
    kind = "capped_whole" if not focus else "capped_ego" if shown.exact else "capped_ego_more"
    st.info(t(f"explorer.{kind}", lang, shown=shown.nodes, total=shown.total_nodes, left=shown.left_out))

if not whole.nodes:
    st.info(t("explorer.no_data", lang))
elif shown.page is not None:
    st.iframe(shown.page, height=cached.DRAWING_HEIGHT + 20, alt=t("explorer.title", lang))
else:
    st.info(t("explorer.empty", lang))

# -- details of the chosen actor ---------------------------------------------------
if focus:
    show_detail(cached.detail(store, focus, key=key, editor=editor), lang)
