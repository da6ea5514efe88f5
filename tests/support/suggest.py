"""Factories shared by the suggestion tests: tiny participation tables and graphs."""

from __future__ import annotations

import numpy as np

from graph.suggest.collab import CollabGraph, collab_from_participations
from loaders.participations import ParticipationTable


def table(
    events: dict[str, tuple[float, list[str]]], attributes: dict[str, dict[str, str]] | None = None
) -> ParticipationTable:
    """A participation table from {event: (time, [actors])}."""
    rows = [(a, e, t) for e, (t, actors) in events.items() for a in actors]
    return ParticipationTable(
        path="(test)",
        actor=np.array([r[0] for r in rows], dtype=object),
        event=np.array([r[1] for r in rows], dtype=object),
        time=np.array([r[2] for r in rows], dtype=float),
        attributes=attributes or {},
        columns={"actor": "actor", "event": "event", "time": "time"},
    )


def graph(events: dict[str, tuple[float, list[str]]], *, before: float | None = None, **kw) -> CollabGraph:
    return collab_from_participations(table(events, kw.pop("attributes", None)), before=before, **kw)


#: The known-answer graph of the scorer tests: a-b-c triangle (a and b also
#: share E4), c-d, d-e.
SMALL = {
    "E1": (2018.0, ["a", "b", "c"]),
    "E2": (2019.0, ["c", "d"]),
    "E3": (2019.0, ["d", "e"]),
    "E4": (2016.0, ["a", "b"]),
}


def random_events(
    seed: int, actors: int = 40, events: int = 60, max_size: int = 6
) -> dict[str, tuple[float, list[str]]]:
    rng = np.random.default_rng(seed)
    out = {}
    for k in range(events):
        size = int(rng.integers(1, max_size + 1))
        members = sorted({f"x{int(i):03d}" for i in rng.integers(0, actors, size)})
        out[f"E{k}"] = (float(2010 + rng.integers(0, 8)), members)
    return out
