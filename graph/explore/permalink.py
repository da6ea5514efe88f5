"""An explorer view as URL query parameters, and back: the permalink.

:class:`ViewParams` is everything that decides what the explorer shows
(focus, depth, colours, graph or map, the filter, the year or the years);
:meth:`ViewParams.to_query` writes it as query parameters, leaving out
what is at its default, and :meth:`ViewParams.from_query` reads it back,
ignoring what it does not understand (a link edited by hand, or from an
older version, still opens). The app keeps the URL in step with the view,
so the browser's back and forward buttons and a shared link reproduce it.

Query parameters::

    focus=org:initiative-region-trier  depth=2  color=country  view=map
    type=Organisation&type=Event  country=DE  place=place:trier  topic=topic:migration
    year=2016                (the network as of that year)
    from=2015&to=2017        (between these years)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from graph.explore.filters import GraphFilter
from graph.model import NodeType

__all__ = ["MAX_DEPTH", "ViewParams"]

#: The deepest ego network the explorer offers.
MAX_DEPTH = 3


def _first(values: Sequence[str] | str | None) -> str | None:
    if values is None:
        return None
    if isinstance(values, str):
        return values
    return values[0] if values else None


def _all(values: Sequence[str] | str | None) -> list[str]:
    if values is None:
        return []
    return [values] if isinstance(values, str) else [v for v in values if v]


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


class ViewParams(BaseModel):
    """What the explorer shows. Defaults: the whole network, coloured by type, all years, as a graph."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    focus: str | None = None
    depth: int = Field(default=1, ge=1, le=MAX_DEPTH)
    color: Literal["type", "country"] = "type"
    view: Literal["graph", "map"] = "graph"
    types: tuple[NodeType, ...] = ()
    countries: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    year: int | None = None
    years: tuple[int, int] | None = None

    @property
    def time(self) -> Literal["all", "asof", "range"]:
        """``asof`` (one year), ``range`` (from–to) or ``all``."""
        return "asof" if self.year is not None else "range" if self.years is not None else "all"

    def graph_filter(self) -> GraphFilter:
        """The filter of the view (the year range only; a single year is applied to the picture)."""
        return GraphFilter(
            types=frozenset(self.types),
            countries=frozenset(self.countries),
            places=frozenset(self.places),
            topics=frozenset(self.topics),
            years=self.years,
        )

    def to_query(self) -> dict[str, str | list[str]]:
        """Query parameters of this view; values at their default are left out."""
        q: dict[str, str | list[str]] = {}
        if self.focus:
            q["focus"] = self.focus
            if self.depth != 1:
                q["depth"] = str(self.depth)
        if self.color != "type":
            q["color"] = self.color
        if self.view != "graph":
            q["view"] = self.view
        for name, values in (
            ("type", [t.value for t in self.types]),
            ("country", list(self.countries)),
            ("place", list(self.places)),
            ("topic", list(self.topics)),
        ):
            if values:
                q[name] = values
        if self.year is not None:
            q["year"] = str(self.year)
        elif self.years is not None:
            q["from"], q["to"] = str(self.years[0]), str(self.years[1])
        return q

    @classmethod
    def from_query(cls, query: Mapping[str, Sequence[str] | str]) -> ViewParams:
        """The view of ``query`` (values as lists or single strings); unknown or invalid values are ignored."""
        depth = _int(_first(query.get("depth")))
        color = _first(query.get("color"))
        view = _first(query.get("view"))
        types = []
        for value in _all(query.get("type")):
            try:
                types.append(NodeType(value))
            except ValueError:
                continue
        year = _int(_first(query.get("year")))
        lo, hi = _int(_first(query.get("from"))), _int(_first(query.get("to")))
        return cls(
            focus=_first(query.get("focus")) or None,
            depth=depth if depth is not None and 1 <= depth <= MAX_DEPTH else 1,
            color="country" if color == "country" else "type",
            view="map" if view == "map" else "graph",
            types=tuple(dict.fromkeys(types)),
            countries=tuple(dict.fromkeys(c for c in _all(query.get("country")) if len(c) == 2 and c.isupper())),
            places=tuple(dict.fromkeys(_all(query.get("place")))),
            topics=tuple(dict.fromkeys(_all(query.get("topic")))),
            year=year,
            years=(lo, hi) if year is None and lo is not None and hi is not None and lo <= hi else None,
        )
