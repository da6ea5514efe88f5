"""What the explorer computes, kept per graph version: a rerun that changes nothing is cheap.

A Streamlit page runs again on every interaction: typing in the search box,
opening the actor list, a reload. The view and its picture, the picture's
ECharts option and map per year, the search results and the actor's detail
depend only on the graph and on the page's inputs, so they are kept here and
computed again only when either changes (on the 2-core machine a CORDIS-size
picture costs 0.2–0.5 s of the app's time, and an interaction waits for the
run before it; docs/scale.md, docs/explorer.md).

Every entry is keyed on the store's :class:`~graph.store.base.CacheKey`
(:meth:`~graph.store.base.GraphStore.cache_key`: the store object, so two
stores in one process never share entries, and its version, so nothing
erased is shown from a cache), then the inputs.
Library calls only (:mod:`graph.explore`, :mod:`graph.draw`); no logic of
its own beyond choosing what to keep.
"""

from __future__ import annotations

import json

import streamlit as st

from graph import explore as explorer
from graph.draw.map import map_option, map_spec
from graph.draw.picture import echarts_spec
from graph.draw.shown import Shown, shown_view
from graph.explore.mapview import map_view
from graph.explore.picture import Picture
from graph.model import Node
from graph.store.base import CacheKey, GraphStore, Subgraph
from ui.i18n import label, map_texts, picture_texts, stand_in_words, t

#: Height of the picture and of the map in pixels.
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


# A resource, not data: a picture of a large view holds thousands of small
# objects, shared read-only (frozen), never copied on a hit.
@st.cache_resource(max_entries=32, show_spinner=False)
def _shown(
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
    limit: int,
) -> Shown:
    return shown_view(
        _store,
        _whole,
        _flt,
        focus=focus,
        depth=depth,
        color_by=color_by,
        lang=lang,
        show_private=editor,
        limit=limit,
        words=stand_in_words(),
    )


def shown(
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
) -> Shown:
    """:func:`graph.explore.explore` and :func:`graph.explore.picture.compose` of a view, once per graph version.

    ``whole`` is the whole graph of ``key``'s version (context, facets, palette).
    """
    return _shown(store, whole, flt, key, filter_key(flt), focus, depth, color_by, lang, editor, LIMIT)


@st.cache_data(max_entries=64, show_spinner=False)
def _graph_spec(_picture: Picture, key: CacheKey, view: str, lang: str, year: int | None) -> dict:
    picture = _picture.as_of(year)
    return echarts_spec(picture, picture_texts(picture, lang))


def graph_spec(shown: Shown, *, key: CacheKey, view: str, lang: str, year: int | None) -> dict:
    """The ECharts option of the shown picture as of ``year`` (``None``: all years); ``view``
    identifies the picture (:func:`filter_key` and the other inputs of :func:`shown`)."""
    return _graph_spec(shown.picture, key, view, lang, year)


@st.cache_data(max_entries=32, show_spinner=False)
def _map_spec(
    _picture: Picture, _whole: Subgraph, key: CacheKey, view: str, lang: str, year: int | None, echarts: bool
):
    mapped = map_view(_picture.as_of(year), _whole)
    texts = map_texts(lang)
    drawing = map_option(mapped, texts) if echarts else map_spec(mapped, texts, height=DRAWING_HEIGHT)
    unplaced = [
        {
            t("column.name", lang): n.name,
            t("column.type", lang): label("type", n.type, lang),
        }
        for n in mapped.unplaced
    ]
    return drawing, unplaced, len(mapped.points), len(mapped.arcs)


def map_of(shown: Shown, whole: Subgraph, *, key: CacheKey, view: str, lang: str, year: int | None, echarts: bool):
    """The map of the shown picture as of ``year``: its drawing (the ECharts option and the outlines
    it names, :func:`graph.draw.map.map_option`; or, without ``echarts``, the Vega-Lite
    specification), the rows of what could not be placed (name, type), and the numbers of places
    and arcs drawn."""
    return _map_spec(shown.picture, whole, key, view, lang, year, echarts)


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
    return explorer.node_detail(_store, node_id, show_private=editor, words=stand_in_words())


def detail(store: GraphStore, node_id: str, *, key: CacheKey, editor: bool) -> explorer.NodeDetail:
    """:func:`graph.explore.node_detail`, once per graph version (raises NotFound like it)."""
    return _detail(store, key, node_id, editor)
