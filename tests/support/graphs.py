"""Small graphs and documents several test modules use, worked out by hand."""

from __future__ import annotations

import math
import textwrap

import networkx as nx

from graph.model import Agreement, Event, Organisation, Person, Place, Source, Tie, TieType, Topic
from graph.store.base import Subgraph

S = ["s1"]


def tiny() -> tuple[Subgraph, dict[str, str]]:
    nodes = {
        "saarland": Place(name="Saarland", kind="region", country="DE", sources=S),
        "sb": Place(name="Saarbrücken", kind="city", country="DE", sources=S),
        "metz": Place(name="Metz", kind="city", country="FR", sources=S),
        "buero": Organisation(name="Integrationsbüro", aliases=["IB"], sources=S),
        "netz": Organisation(name="Réseau Migration", country="FR", founded="2010", sources=S),
        "chamber": Organisation(name="Chambre", country="LU", sources=S),
        "anna": Person(legal_basis="legitimate_interests", visibility="public", name="Anna Muster", sources=S),
        "bob": Person(legal_basis="legitimate_interests", visibility="public", name="Bob", sources=S),
        "conf": Event(name="Border Conference", start="2015-04", sources=S),
        "accord": Agreement(name="Accord", signed="2019-05-02", sources=S),
        "migration": Topic(name="Migration", sources=S),
        "labour": Topic(name="Labour", sources=S),
    }
    ids = {k: n.id for k, n in nodes.items()}

    def tie(kind, a, b, **kw):
        return Tie(type=kind, source=ids[a], target=ids[b], sources=S, **kw)

    ties = [
        tie(TieType.PART_OF, "sb", "saarland"),
        tie(TieType.LOCATED_IN, "buero", "sb"),
        tie(TieType.LOCATED_IN, "netz", "metz"),
        tie(TieType.LOCATED_IN, "conf", "metz"),
        tie(TieType.MEMBER_OF, "anna", "buero", start="2012", end="2016"),
        tie(TieType.PARTICIPATED_IN, "buero", "conf", role="speaker"),
        tie(TieType.ADDRESSES, "conf", "migration"),
        tie(TieType.COOPERATES_WITH, "buero", "netz", start="2020"),
        tie(TieType.PARTY_TO, "netz", "accord"),
        tie(TieType.PARTY_TO, "chamber", "accord"),
        tie(TieType.ADDRESSES, "accord", "labour"),
        tie(TieType.ADDRESSES, "chamber", "labour"),
    ]
    return Subgraph(nodes=list(nodes.values()), ties=ties), ids


def collaboration_tiny() -> tuple[Subgraph, dict[str, str]]:
    """A, D in DE, B in FR, C in LU; person P works for A.
    Event E1 (2015): A, B, C. Event E2 (2018): A, B. Agreement G (2019): A, D. C cooperates with D."""
    nodes = {
        "A": Organisation(name="Alpha", country="DE", kind="association", sources=S),
        "B": Organisation(name="Beta", country="FR", sources=S),
        "C": Organisation(name="Gamma", country="LU", sources=S),
        "D": Organisation(name="Delta", country="DE", sources=S),
        "P": Person(legal_basis="legitimate_interests", name="Pia", sources=S),
        "E1": Event(name="Forum", start="2015-03", sources=S),
        "E2": Event(name="Workshop", start="2018", sources=S),
        "G": Agreement(name="Accord", signed="2019-01-01", sources=S),
    }
    ids = {k: n.id for k, n in nodes.items()}

    def tie(kind, a, b):
        return Tie(type=kind, source=ids[a], target=ids[b], sources=S)

    ties = [tie(TieType.PARTICIPATED_IN, a, "E1") for a in "ABC"]
    ties += [tie(TieType.PARTICIPATED_IN, a, "E2") for a in "AB"]
    ties += [tie(TieType.PARTY_TO, a, "G") for a in "AD"]
    ties += [tie(TieType.COOPERATES_WITH, "C", "D"), tie(TieType.MEMBER_OF, "P", "A")]
    return Subgraph(nodes=list(nodes.values()), ties=ties), ids


#: Tolerance of agreement with networkx.
TOL = 1e-9


def assert_agree(ours: dict, theirs: dict, tol: float = TOL) -> None:
    assert ours.keys() == theirs.keys()
    for k in theirs:
        a, b = ours[k], theirs[k]
        assert (math.isnan(a) and math.isnan(b)) or abs(a - b) <= tol, (k, a, b)


def five() -> nx.Graph:
    """a, b in DE; c, d in FR; e in LU. Ties a-b, a-c, b-c, c-d, d-e."""
    g = nx.Graph([("a", "b"), ("a", "c"), ("b", "c"), ("c", "d"), ("d", "e")])
    nx.set_node_attributes(g, {"a": "DE", "b": "DE", "c": "FR", "d": "FR", "e": "LU"}, "country")
    return g


#: Projects of the capped-view tests: organisation -> its events.
MEMBERS = {"F": "E1 E2 E3", "A": "E1 E2 E3", "B": "E1", "C": "E3 E4", "D": "E4"}

PROJECTS_SOURCE = Source(id="s", title="Projects", publisher="Tests")


def projects():
    orgs = {
        k: Organisation(name=f"Org {k}", country="DE" if k in "FAB" else "FR", sources=[PROJECTS_SOURCE.id])
        for k in MEMBERS
    }
    events = {
        e: Event(name=f"Project {e}", start="2019", sources=[PROJECTS_SOURCE.id]) for e in ("E1", "E2", "E3", "E4")
    }
    ties = [
        Tie(type=TieType.PARTICIPATED_IN, source=orgs[o].id, target=events[e].id, sources=[PROJECTS_SOURCE.id])
        for o, es in MEMBERS.items()
        for e in es.split()
    ]
    ids = {**{k: v.id for k, v in orgs.items()}, **{k: v.id for k, v in events.items()}}
    return [*orgs.values(), *events.values()], ties, ids


GOOD = textwrap.dedent(
    """\
    pontes: 1
    sources:
      - {id: doc-a, title: Report, publisher: City of Trier, date: 2016-12-01}
    nodes:
      - {type: Place, name: Trier, names: {fr: Trèves}, kind: city, country: DE, lat: 49.75, lon: 6.64, sources: [doc-a]}
      - {type: Organisation, name: Initiative Region Trier, aliases: [IRT], kind: network, country: DE, sources: [doc-a]}
      - {type: Event, name: Runder Tisch Integration, start: 2015-04, kind: round_table, sources: [doc-a]}
    ties:
      - {type: LOCATED_IN, source: "org:initiative-region-trier", target: "place:trier", sources: [doc-a]}
      - {type: PARTICIPATED_IN, source: "org:initiative-region-trier", target: "event:runder-tisch-integration-2015-04", role: organiser, sources: [doc-a]}
    """
)


DOC = """
pontes: 1
sources:
  - {id: doc-a, title: A, publisher: P}
  - {id: doc-b, title: B, publisher: P}
nodes:
  - {type: Place, name: Trier, kind: city, country: DE, sources: [doc-a]}
  - {type: Place, name: Metz, kind: city, country: FR, sources: [doc-a]}
  - {type: Place, name: Luxembourg, kind: city, country: LU, sources: [doc-a]}
  - {type: Topic, name: Migration, sources: [doc-a]}
  - {type: Organisation, name: QuattroPole, kind: network, sources: [doc-a]}
  - {type: Organisation, name: Stadt Trier, kind: local_government, sources: [doc-a]}
  - {type: Organisation, name: Caritas Trier, kind: ngo, sources: [doc-a]}
  - {type: Organisation, name: IHK Trier, kind: chamber, sources: [doc-a]}
  - {type: Organisation, name: Ville de Metz, kind: local_government, sources: [doc-b]}
  - {type: Organisation, name: ASBL Lux, kind: ngo, sources: [doc-b]}
  - {type: Event, name: Workshop, start: "2016", sources: [doc-a]}
  - {type: Event, name: Meeting, start: "2017-03", sources: [doc-b]}
ties:
  - {type: LOCATED_IN, source: "org:quattropole", target: "place:trier", sources: [doc-a]}
  - {type: LOCATED_IN, source: "org:quattropole", target: "place:metz", sources: [doc-a]}
  - {type: LOCATED_IN, source: "org:quattropole", target: "place:luxembourg", sources: [doc-a]}
  - {type: LOCATED_IN, source: "org:stadt-trier", target: "place:trier", sources: [doc-a]}
  - {type: LOCATED_IN, source: "org:caritas-trier", target: "place:trier", sources: [doc-a]}
  - {type: LOCATED_IN, source: "org:ihk-trier", target: "place:trier", sources: [doc-a]}
  - {type: LOCATED_IN, source: "org:ville-de-metz", target: "place:metz", sources: [doc-b]}
  - {type: LOCATED_IN, source: "org:asbl-lux", target: "place:luxembourg", sources: [doc-b]}
  - {type: ADDRESSES, source: "event:workshop-2016", target: "topic:migration", sources: [doc-a]}
  - {type: ADDRESSES, source: "org:asbl-lux", target: "topic:migration", sources: [doc-b]}
  - {type: PARTICIPATED_IN, source: "org:stadt-trier", target: "event:workshop-2016", role: organiser, sources: [doc-a]}
  - {type: PARTICIPATED_IN, source: "org:caritas-trier", target: "event:workshop-2016", sources: [doc-a]}
  - {type: PARTICIPATED_IN, source: "org:ihk-trier", target: "event:workshop-2016", sources: [doc-a]}
  - {type: PARTICIPATED_IN, source: "org:caritas-trier", target: "event:meeting-2017-03", sources: [doc-b]}
  - {type: PARTICIPATED_IN, source: "org:ville-de-metz", target: "event:meeting-2017-03", sources: [doc-b]}
"""


# History (before 2019): A-B-C triangle, C-D, E-F.
# From 2019: A-D and D-E are new ties among known actors, B-C repeats a tie,
# A-G brings in G, an actor never seen before (a cold pair).
TINY = {
    "P1": (2018.0, ["A", "B", "C"]),
    "P2": (2018.0, ["C", "D"]),
    "P3": (2017.0, ["E", "F"]),
    "P4": (2019.0, ["A", "D"]),
    "P5": (2019.0, ["B", "C"]),
    "P6": (2020.0, ["A", "G"]),
    "P7": (2019.0, ["E", "D"]),
}
