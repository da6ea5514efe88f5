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


# -- typed networks for property tests ------------------------------------------------------
def typed_network(draw, *, max_orgs: int = 12, max_events: int = 14):
    """A small typed network drawn with hypothesis (``draw`` of ``st.composite``):
    organisations in DE, FR or LU, some of them networks with members, some
    units of others, dated events (some parts of a project), topics
    addressed by organisations and events, persons and a private person."""
    from hypothesis import strategies as st

    from graph.model import Event, Organisation, Person, Tie, TieType, Topic
    from graph.store.base import Subgraph

    src = ["s"]
    n = draw(st.integers(4, max_orgs))
    countries = draw(st.lists(st.sampled_from(["DE", "FR", "LU"]), min_size=n, max_size=n))
    kinds = draw(st.lists(st.sampled_from(["ngo", "local_government", "chamber", "network"]), min_size=n, max_size=n))
    orgs = [Organisation(name=f"Org {i}", country=countries[i], kind=kinds[i], sources=src) for i in range(n)]
    topics = [Topic(name=f"Topic {t}", sources=src) for t in range(4)]
    events_drawn = draw(
        st.lists(
            st.tuples(st.integers(2010, 2017), st.sets(st.integers(0, n - 1), min_size=1, max_size=4)),
            min_size=1,
            max_size=max_events,
        )
    )
    events = [Event(name=f"Event {k}", start=str(year), sources=src) for k, (year, _) in enumerate(events_drawn)]
    project = Event(name="Project", start="2012", sources=src)
    ties = [
        Tie(type=TieType.PARTICIPATED_IN, source=orgs[i].id, target=events[k].id, sources=src)
        for k, (_, members) in enumerate(events_drawn)
        for i in sorted(members)
    ]
    parts = draw(st.sets(st.integers(0, len(events) - 1), max_size=3))
    ties += [Tie(type=TieType.PART_OF, source=events[k].id, target=project.id, sources=src) for k in sorted(parts)]
    for i in range(n):
        for t in sorted(draw(st.sets(st.integers(0, 3), max_size=2))):
            ties.append(Tie(type=TieType.ADDRESSES, source=orgs[i].id, target=topics[t].id, sources=src))
    for i in range(n):  # memberships of networks
        if kinds[i] == "network":
            for j in sorted(draw(st.sets(st.integers(0, n - 1), max_size=3)) - {i}):
                ties.append(Tie(type=TieType.MEMBER_OF, source=orgs[j].id, target=orgs[i].id, sources=src))
    for u, p in draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=3)):
        if u > p and kinds[p] != "network":  # units of a lower-numbered parent: no cycles
            ties.append(Tie(type=TieType.PART_OF, source=orgs[u].id, target=orgs[p].id, sources=src))
    people = [
        Person(name="Pia Public", visibility="public", legal_basis="public_task", sources=src),
        Person(name="Paul Private", legal_basis="consent", sources=src),
    ]
    for person in people:
        for i in sorted(draw(st.sets(st.integers(0, n - 1), min_size=1, max_size=2))):
            ties.append(Tie(type=TieType.MEMBER_OF, source=person.id, target=orgs[i].id, role="member", sources=src))
    nodes = [*orgs, *topics, *events, project, *people]
    return Subgraph(nodes=nodes, ties=list({t.id: t for t in ties}.values()))


def far_away(src: str = "s"):
    """Two new organisations and one event between them, touching nothing stored (issue 17)."""
    from graph.model import Event, Organisation, Tie, TieType

    a = Organisation(name="Faraway Alpha", country="DE", kind="ngo", sources=[src])
    b = Organisation(name="Faraway Beta", country="FR", kind="ngo", sources=[src])
    e = Event(name="Faraway Meeting", start="2017", sources=[src])
    ties = [Tie(type=TieType.PARTICIPATED_IN, source=x.id, target=e.id, sources=[src]) for x in (a, b)]
    return [a, b, e], ties
