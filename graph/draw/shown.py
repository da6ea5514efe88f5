"""A view as the explorer shows it: its picture, its size and what the cap left out.

:func:`shown_view` is the one way from the explorer's inputs to what it
draws: :func:`graph.explore.explore` and
:func:`graph.explore.picture.compose`. The app keeps its results per graph
version (``ui/cached.py``); the first page kept on disk for a new process
(``ui/frontpage.py``) is one of them, made by the app or right after a load.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from graph.draw.picture import palette
from graph.explore.filters import GraphFilter, facets
from graph.explore.picture import ColorBy, Picture, compose
from graph.explore.view import explore
from graph.privacy import StandInWords
from graph.store.base import GraphStore, Subgraph

__all__ = ["Shown", "shown_view"]


@dataclass(frozen=True)
class Shown:
    """A view as the explorer shows it: its picture, its size and what the cap left out.

    The counts are those of :class:`graph.explore.Exploration`; ``shared``
    the number of ties through hidden events and agreements.
    """

    picture: Picture
    nodes: int
    ties: int
    total_nodes: int
    left_out: int
    exact: bool
    capped: bool
    shared: int


def shown_view(
    store: GraphStore,
    whole: Subgraph,
    flt: GraphFilter,
    *,
    focus: str | None,
    depth: int,
    color_by: str,
    lang: str,
    show_private: bool,
    limit: int | None,
    words: Mapping[str, StandInWords] | None = None,
) -> Shown:
    """The view of ``flt``, ``focus`` and ``depth`` (:func:`graph.explore.explore`, at most
    ``limit`` nodes), composed as a picture in ``lang`` coloured by ``color_by`` ("type" or
    "country"; the palette follows the whole graph's countries). ``whole`` is the whole
    graph at the store's version (context, facets, palette)."""
    view = explore(
        store,
        flt,
        focus=focus,
        depth=depth,
        context=whole,
        limit=limit,
        show_private=show_private,
        words=words,
    )
    mode: ColorBy = "country" if color_by == "country" else "type"
    picture = compose(
        view,
        shared=view.shared,
        context=whole,
        focus=focus,
        lang=lang,
        color_by=mode,
        palette=palette(mode, facets(whole).countries),
    )
    return Shown(
        picture,
        len(view.nodes),
        len(view.ties),
        view.total_nodes,
        view.left_out,
        view.exact,
        view.capped,
        len(view.shared),
    )
