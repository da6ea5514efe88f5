"""What the explorer computes, kept per graph version: a rerun that changes nothing is cheap.

A Streamlit page runs again on every interaction: typing in the search box,
opening the actor list, a reload. The view, its drawing, the search results
and the actor's detail depend only on the graph and on the page's inputs,
so they are kept here and computed again only when either changes (on the
2-core machine a CORDIS-size drawing costs 0.2–1 s of the app's time, and an
interaction waits for the run before it; docs/scale.md).

Every entry is keyed on the store's :class:`~graph.store.base.CacheKey`
(:meth:`~graph.store.base.GraphStore.cache_key`: the store object, so two
stores in one process never share entries, and its version, so nothing
erased is shown from a cache), then the inputs.
Library calls only (:mod:`graph.explore`, :mod:`graph.draw`); no logic of
its own beyond choosing what to keep.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import streamlit as st

from graph import explore as explorer
from graph.draw.page import render_html
from graph.model import Node, NodeType, TieType
from graph.store.base import CacheKey, GraphStore, Subgraph
from ui.i18n import labels, t

#: Height of the drawing in pixels (the frame around it is 20 px taller).
DRAWING_HEIGHT = 640
#: Nodes a drawing holds at most (:data:`graph.explore.DEFAULT_LIMIT`; read at
#: each call and part of the cache key).
LIMIT = explorer.DEFAULT_LIMIT


def filter_key(flt: explorer.GraphFilter) -> str:
    """``flt`` as a canonical string (sets sorted), for cache keys."""
    return json.dumps(
        [
            sorted(x.value for x in flt.types),
            sorted(flt.countries),
            sorted(flt.places),
            sorted(flt.topics),
            list(flt.years) if flt.years else None,
        ]
    )


@dataclass(frozen=True)
class Drawing:
    """A view as the explorer shows it: its size, what the cap left out, and its page.

    The counts are those of :class:`graph.explore.Exploration`; ``page`` is
    the HTML of :func:`graph.draw.page.render_html`, ``None`` when the view is
    empty.
    """

    nodes: int
    ties: int
    total_nodes: int
    left_out: int
    exact: bool
    capped: bool
    page: str | None


@st.cache_data(max_entries=32, show_spinner=False)
def _drawing(
    _store: GraphStore,
    _whole: Subgraph,
    _flt: explorer.GraphFilter,
    key: CacheKey,
    flt: str,
    focus: str | None,
    depth: int,
    color_by: str,
    lang: str,
    editor: bool,
    assets: str | None,
    limit: int,
) -> Drawing:
    shown = explorer.explore(_store, _flt, focus=focus, depth=depth, context=_whole, limit=limit, show_private=editor)
    page = None
    if shown.nodes:
        countries = explorer.facets(_whole).countries
        country_labels = labels("country", countries, lang)
        country_labels.update({"": t("country.none", lang), "*": t("country.several", lang)})
        page = render_html(
            shown,
            color_by="country" if color_by == "country" else "type",
            context=_whole,
            focus=focus,
            type_labels=labels("type", NodeType, lang),
            tie_labels=labels("tie", TieType, lang),
            country_labels=country_labels,
            legend_title=t(f"explorer.legend_{color_by}", lang),
            height=DRAWING_HEIGHT,
            assets=assets,
        )
    return Drawing(
        len(shown.nodes), len(shown.ties), shown.total_nodes, shown.left_out, shown.exact, shown.capped, page
    )


def drawing(
    store: GraphStore,
    whole: Subgraph,
    flt: explorer.GraphFilter,
    *,
    key: CacheKey,
    focus: str | None,
    depth: int,
    color_by: str,
    lang: str,
    editor: bool,
    assets: str | None,
) -> Drawing:
    """:func:`graph.explore.explore` and :func:`graph.draw.page.render_html` of a view, once per graph version.

    ``whole`` is the whole graph of ``key``'s version (context and facets).
    """
    return _drawing(store, whole, flt, key, filter_key(flt), focus, depth, color_by, lang, editor, assets, LIMIT)


@st.cache_data(max_entries=64, show_spinner=False)
def _found(_store: GraphStore, key: CacheKey, text: str, editor: bool) -> list[Node]:
    return explorer.find(_store, text, limit=25, show_private=editor)


def find(store: GraphStore, text: str, *, key: CacheKey, editor: bool) -> list[Node]:
    """:func:`graph.explore.find` (25 results), once per graph version and text."""
    return _found(store, key, text, editor)


# A resource, not data: the detail of a large hub holds thousands of models,
# and copying them on every rerun (st.cache_data) costs what keeping them saves.
# It is shared read-only: nothing modifies a NodeDetail.
@st.cache_resource(max_entries=16, show_spinner=False)
def _detail(_store: GraphStore, key: CacheKey, node_id: str, editor: bool) -> explorer.NodeDetail:
    return explorer.node_detail(_store, node_id, show_private=editor)


def detail(store: GraphStore, node_id: str, *, key: CacheKey, editor: bool) -> explorer.NodeDetail:
    """:func:`graph.explore.node_detail`, once per graph version (raises NotFound like it)."""
    return _detail(store, key, node_id, editor)
