"""The two named projections (graph/projections.py): where they differ, and that the
metrics' network and the suggestion engine's graph are exactly these projections.

The hand-drawn graph::

    Ana (person) --MEMBER_OF--> Verein --PART_OF--> Netzwerk (network)
    Verein, Stadt --PARTICIPATED_IN--> Workshop 2019
    Stadt, Ville --PARTY_TO--> Accord 2020
    Ville --COOPERATES_WITH--> Asso
    Stadt --FEEDBACK--> Asso          (a planner's decision: no tie at all)
"""

from __future__ import annotations

import pytest

from graph.analysis.views import collaboration_network
from graph.model import Agreement, Event, Organisation, Person, Tie, TieType
from graph.projections import COLLABORATION, PARTNERSHIP, activities, collaboration, tied_pairs
from graph.store.base import Subgraph
from graph.suggest.collab import collab_from_subgraph

S = ["s1"]


def graph() -> tuple[Subgraph, dict[str, str]]:
    nodes = {
        "ana": Person(name="Ana", legal_basis="consent", sources=S),
        "verein": Organisation(name="Verein", kind="association", sources=S),
        "netz": Organisation(name="Netzwerk", kind="network", sources=S),
        "stadt": Organisation(name="Stadt", kind="local_government", sources=S),
        "ville": Organisation(name="Ville", kind="local_government", sources=S),
        "asso": Organisation(name="Asso", kind="ngo", sources=S),
        "ws": Event(name="Workshop", start="2019-05", sources=S),
        "accord": Agreement(name="Accord", signed="2020", sources=S),
    }
    ids = {k: n.id for k, n in nodes.items()}

    def tie(kind, a, b, **kw):
        return Tie(type=kind, source=ids[a], target=ids[b], sources=S, **kw)

    ties = [
        tie(TieType.MEMBER_OF, "ana", "verein", role="member"),
        tie(TieType.PART_OF, "verein", "netz"),
        tie(TieType.PARTICIPATED_IN, "verein", "ws"),
        tie(TieType.PARTICIPATED_IN, "stadt", "ws"),
        tie(TieType.PARTY_TO, "stadt", "accord"),
        tie(TieType.PARTY_TO, "ville", "accord"),
        tie(TieType.COOPERATES_WITH, "ville", "asso"),
        tie(TieType.FEEDBACK, "stadt", "asso", role="not_relevant"),
    ]
    return Subgraph(nodes=list(nodes.values()), ties=ties), ids


def pairs(ids: dict[str, str], *names: tuple[str, str]) -> set[tuple[str, str]]:
    return {tuple(sorted((ids[a], ids[b]))) for a, b in names}


def test_collaboration_counts_shared_events_and_agreements_only():
    sub, ids = graph()
    assert tied_pairs(sub, COLLABORATION) == pairs(ids, ("verein", "stadt"), ("stadt", "ville"))


def test_cooperation_is_added_to_collaboration_on_request():
    sub, ids = graph()
    assert tied_pairs(sub, collaboration(cooperation=True)) == pairs(
        ids, ("verein", "stadt"), ("stadt", "ville"), ("ville", "asso")
    )


def test_partnership_adds_memberships_parts_and_cooperation_but_never_feedback():
    sub, ids = graph()
    assert tied_pairs(sub, PARTNERSHIP) == pairs(
        ids, ("verein", "stadt"), ("stadt", "ville"), ("ville", "asso"), ("ana", "verein"), ("verein", "netz")
    )
    # where they differ, exactly: the memberships and the stated cooperation
    assert tied_pairs(sub, PARTNERSHIP) - tied_pairs(sub, COLLABORATION) == pairs(
        ids, ("ville", "asso"), ("ana", "verein"), ("verein", "netz")
    )


@pytest.mark.parametrize("cooperation", [False, True])
def test_the_metrics_network_is_the_collaboration_projection(cooperation):
    sub, _ids = graph()
    net = collaboration_network(sub, cooperation=cooperation)
    u, v, _w = net.edges()
    drawn = {tuple(sorted((net.nodes[a], net.nodes[b]))) for a, b in zip(u.tolist(), v.tolist())}
    assert drawn == tied_pairs(sub, collaboration(cooperation=cooperation))


def test_the_suggestion_graph_is_the_partnership_projection():
    sub, _ids = graph()
    cg = collab_from_subgraph(sub)
    assert {tuple(sorted(p)) for p in cg.to_networkx().edges()} == tied_pairs(sub, PARTNERSHIP)


def test_activities_are_dated_and_pair_ties_are_activities_of_their_two_ends():
    sub, ids = graph()
    acts = activities(sub, PARTNERSHIP)
    by_id = dict(zip(acts.ids, zip(acts.kinds, acts.times)))
    assert by_id[ids["ws"]] == ("event", pytest.approx(2019 + 4 * 30.4375 / 365.25))
    assert by_id[ids["accord"]] == ("agreement", 2020.0)
    pair_acts = [k for k in acts.ids if k.startswith("tie:")]
    assert sorted(acts.kinds[acts.ids.index(k)] for k in pair_acts) == ["cooperation", "membership", "membership"]
    assert all(len(acts.members[acts.ids.index(k)]) == 2 for k in pair_acts)
