"""The evidence score that ranks on small networks: known answers by hand, and
over many generated networks monotone (more shared partners never rank
lower) and stable (a tie far from an actor and its candidates never changes
its top five)."""

from __future__ import annotations

import numpy as np
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.model import Event, SeedDocument, Tie, TieType
from graph.store.base import Subgraph
from graph.suggest.candidates import candidates
from graph.suggest.collab import collab_from_subgraph
from graph.suggest.engine import SuggestionEngine
from graph.suggest.evidence import WEIGHTS, bands, components, evidence_score
from tests.support.graphs import DOC
from tests.support.suggest import far_away, typed_network


@pytest.fixture
def doc():
    d = SeedDocument.model_validate(yaml.safe_load(DOC))
    return Subgraph(nodes=list(d.nodes), ties=list(d.ties))


def test_known_answers_on_the_small_document(doc):
    """Stadt Trier - Ville de Metz: Caritas is a shared partner, Trier and Metz
    are linked through QuattroPole, the pair crosses a border, Metz's meeting
    addresses no topic: 1 + 0.25 + 0.5. Stadt Trier - ASBL Lux: no partner,
    Trier and Luxembourg linked, both on Migration, a border: 0.25 + 0.25 + 0.5."""
    cg = collab_from_subgraph(doc)
    s, metz, lux = cg.ids(["org:stadt-trier", "org:ville-de-metz", "org:asbl-lux"])
    parts = components(cg, np.array([s, s]), np.array([metz, lux]))
    assert {k: v.tolist() for k, v in parts.items()} == {
        "partners": [1, 0],
        "events": [0, 0],
        "groups": [0, 0],
        "places": [1, 1],
        "topics": [0, 1],
        "border": [1, 1],
    }
    assert evidence_score(cg, np.array([s, s]), np.array([metz, lux])).tolist() == [1.75, 1.0]
    assert bands(parts).tolist() == ["medium", "weak"]
    assert min(WEIGHTS.values()) > 0 and max(WEIGHTS, key=WEIGHTS.__getitem__) == "partners"


@st.composite
def networks(draw):
    return typed_network(draw)


def organisations(sub: Subgraph) -> list[str]:
    return sorted(n.id for n in sub.nodes if n.id.startswith("org:"))


@given(networks())
@settings(max_examples=60, deadline=None)
def test_more_shared_partners_never_rank_lower_all_else_equal(sub):
    """For every organisation of a generated network, two suggestions whose
    evidence differs only in shared partners are ranked by them (the default
    ranks by the evidence on such small networks)."""
    engine = SuggestionEngine.from_subgraph(sub)
    assert not engine.probabilistic
    cg = engine.cg
    for actor in organisations(sub):
        found = [f for f in engine.suggest(actor, k=1000) if not any(r.kind == "units" for r in f.reasons)]
        if len(found) < 2:
            continue
        s = cg.index[actor]
        parts = components(cg, np.full(len(found), s), cg.ids(f.other for f in found))
        others = [k for k in parts if k != "partners"]
        for a in range(len(found)):
            for b in range(len(found)):
                if all(parts[k][a] == parts[k][b] for k in others) and parts["partners"][a] > parts["partners"][b]:
                    assert found[a].rank < found[b].rank


@given(networks(), st.data())
@settings(max_examples=60, deadline=None)
def test_one_more_shared_partner_never_lowers_a_rank(sub, data):
    """Adding a tie between a suggested organisation and one of the actor's
    partners (a new shared partner, nothing else changed) never moves it down
    among the suggestions it had."""
    engine = SuggestionEngine.from_subgraph(sub)
    cg = engine.cg
    actor = data.draw(st.sampled_from(organisations(sub)))
    before = [f.other for f in engine.suggest(actor, k=1000)]
    partners = [
        str(cg.actors[w])
        for w in cg.adjacency[cg.index[actor]].indices
        if str(cg.actors[w]).startswith("org:")  # persons are not drawn to new events here
    ]
    if not before or not partners:
        return
    c = data.draw(st.sampled_from(before))
    w = data.draw(st.sampled_from(partners))
    event = Event(name="One more meeting", start="2010", sources=["s"])
    ties = [Tie(type=TieType.PARTICIPATED_IN, source=x, target=event.id, sources=["s"]) for x in (c, w)]
    grown = Subgraph(nodes=[*sub.nodes, event], ties=[*sub.ties, *ties])
    after = [f.other for f in SuggestionEngine.from_subgraph(grown).suggest(actor, k=1000)]
    if c in after:
        assert [x for x in after if x in before].index(c) <= before.index(c)


def _touched(cg, actor: str) -> set[str]:
    """The actor, its partners, its candidates and their partners."""
    s = cg.index[actor]
    near = {s, *cg.adjacency[s].indices.tolist()}
    for c in candidates(cg, s).targets:
        near |= {int(c), *cg.adjacency[int(c)].indices.tolist()}
    return {str(cg.actors[i]) for i in near}


@given(networks(), st.data())
@settings(max_examples=60, deadline=None)
def test_a_tie_far_from_an_actor_never_changes_its_top_five(sub, data):
    """Two new organisations with an event between them, or a new event
    between two organisations outside an actor's partners, candidates and
    their partners: every organisation's top five stays the same."""
    top = {a: [f.other for f in SuggestionEngine.from_subgraph(sub).suggest(a, k=5)] for a in organisations(sub)}
    nodes, ties = far_away()
    grown = SuggestionEngine.from_subgraph(Subgraph(nodes=[*sub.nodes, *nodes], ties=[*sub.ties, *ties]))
    for actor, five in top.items():
        assert [f.other for f in grown.suggest(actor, k=5)] == five

    engine = SuggestionEngine.from_subgraph(sub)
    actor = data.draw(st.sampled_from(organisations(sub)))
    far = sorted(set(organisations(sub)) - _touched(engine.cg, actor))
    if len(far) < 2:
        return
    x, y = data.draw(st.lists(st.sampled_from(far), min_size=2, max_size=2, unique=True))
    event = Event(name="Far meeting", start=data.draw(st.sampled_from(["2011", "2017"])), sources=["s"])
    ties = [Tie(type=TieType.PARTICIPATED_IN, source=z, target=event.id, sources=["s"]) for z in (x, y)]
    grown = SuggestionEngine.from_subgraph(Subgraph(nodes=[*sub.nodes, event], ties=[*sub.ties, *ties]))
    assert [f.other for f in grown.suggest(actor, k=5)] == top[actor]
