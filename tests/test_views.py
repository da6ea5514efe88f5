"""Known answers for graph.facts and graph.explore on a tiny network worked out by hand.

Saarland (region, DE) <-PART_OF- Saarbrücken (city, DE)      Metz (city, FR)
                                    ^ LOCATED_IN                ^ LOCATED_IN   ^ LOCATED_IN
Anna -MEMBER_OF(2012..2016)-> Büro (no own country) -PARTICIPATED_IN-> Conference (2015) -ADDRESSES-> Migration
                                |                                               Netz (FR)
                                +-COOPERATES_WITH(2020..)-> Netz -PARTY_TO-> Accord (2019) -ADDRESSES-> Labour
                                                       Chamber (LU) -PARTY_TO-^   Chamber -ADDRESSES-> Labour
Bob (no ties)
"""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from graph.errors import NotFound
from graph.explore import GraphFilter, apply_filter, explore, facets, node_detail
from graph.facts import node_countries, node_places, node_span, node_topics, overlaps, tie_span
from graph.model import Event, NodeType, Place, Source, Tie, TieType
from graph.store.base import Subgraph
from tests.support.graphs import S, tiny


def by_key(result: dict[str, frozenset[str]], ids: dict[str, str]) -> dict[str, set[str]]:
    back = {v: k for k, v in ids.items()}
    return {back[nid]: {back.get(v, v) for v in vals} for nid, vals in result.items()}


def kept(sub: Subgraph, ids: dict[str, str]) -> set[str]:
    back = {v: k for k, v in ids.items()}
    return {back[n.id] for n in sub.nodes}


def test_countries():
    sub, ids = tiny()
    assert by_key(node_countries(sub), ids) == {
        "saarland": {"DE"},
        "sb": {"DE"},
        "metz": {"FR"},
        "buero": {"DE"},  # via LOCATED_IN Saarbrücken
        "netz": {"FR"},  # own
        "chamber": {"LU"},
        "anna": {"DE"},  # via MEMBER_OF Büro
        "bob": set(),
        "conf": {"FR"},  # via LOCATED_IN Metz
        "accord": set(),
        "migration": set(),
        "labour": set(),
    }


def test_own_country_wins_over_place():
    sub, ids = tiny()
    lu = Place(name="Luxembourg", kind="city", country="LU", sources=S)
    extra = Tie(type=TieType.LOCATED_IN, source=ids["netz"], target=lu.id, sources=S)
    bigger = Subgraph(nodes=[*sub.nodes, lu], ties=[*sub.ties, extra])
    assert node_countries(bigger)[ids["netz"]] == {"FR"}


def test_a_unit_without_country_or_place_is_where_it_is_part_of():
    """A network's working group is where the network is (several countries
    for a network in several), through a unit of a unit too; a unit with a
    country of its own keeps it, and a person in the unit follows it."""
    from graph.model import Organisation, Person

    metz = Place(name="Metz", kind="city", country="FR", sources=S)
    lux = Place(name="Luxembourg", kind="city", country="LU", sources=S)
    net = Organisation(name="Netz", kind="network", sources=S)
    group = Organisation(name="AG", kind="working_group", sources=S)
    sub_group = Organisation(name="UAG", kind="working_group", sources=S)
    own = Organisation(name="AG LU", kind="working_group", country="LU", sources=S)
    lone = Organisation(name="AG ohne", kind="working_group", sources=S)
    person = Person(name="P", legal_basis="consent", sources=S)

    def tie(kind, a, b):
        return Tie(type=kind, source=a.id, target=b.id, sources=S)

    sub = Subgraph(
        nodes=[metz, lux, net, group, sub_group, own, lone, person],
        ties=[
            tie(TieType.LOCATED_IN, net, metz),
            tie(TieType.LOCATED_IN, net, lux),
            tie(TieType.PART_OF, group, net),
            tie(TieType.PART_OF, sub_group, group),
            tie(TieType.PART_OF, own, net),
            tie(TieType.MEMBER_OF, person, sub_group),
        ],
    )
    got = node_countries(sub)
    assert got[net.id] == got[group.id] == got[sub_group.id] == got[person.id] == {"FR", "LU"}
    assert got[own.id] == {"LU"} and got[lone.id] == set()
    # places stay places (the rule was once copied into node_places, which then held "FR" and "LU")
    places = node_places(sub)
    assert set().union(*places.values()) <= {metz.id, lux.id} and places[group.id] == set()


def test_places_include_ancestors():
    sub, ids = tiny()
    got = by_key(node_places(sub), ids)
    assert got["buero"] == {"sb", "saarland"}
    assert got["anna"] == {"sb", "saarland"}
    assert got["sb"] == {"sb", "saarland"}
    assert got["saarland"] == {"saarland"}
    assert got["conf"] == {"metz"}
    assert got["chamber"] == set()
    assert got["migration"] == set()


def test_topics():
    sub, ids = tiny()
    got = by_key(node_topics(sub), ids)
    assert got["conf"] == {"migration"}
    assert got["buero"] == {"migration"}  # via the conference it took part in
    assert got["netz"] == {"labour"}  # via the accord
    assert got["chamber"] == {"labour"}  # direct and via the accord
    assert got["accord"] == {"labour"}
    assert got["migration"] == {"migration"}
    assert got["anna"] == set()
    assert got["metz"] == set()


def test_spans():
    sub, ids = tiny()
    nodes = {n.id: n for n in sub.nodes}
    assert node_span(nodes[ids["conf"]]) == (2015, 2015)
    assert node_span(nodes[ids["accord"]]) == (2019, 2019)
    assert node_span(nodes[ids["netz"]]) == (2010, None)
    assert node_span(nodes[ids["bob"]]) is None
    assert node_span(Event(name="E", end="2001", sources=S)) == (2001, 2001)
    spans = {t.type: tie_span(t) for t in sub.ties if t.start}
    assert spans[TieType.MEMBER_OF] == (2012, 2016)
    assert spans[TieType.COOPERATES_WITH] == (2020, None)
    assert tie_span(sub.ties[0]) is None


@pytest.mark.parametrize(
    "span, years, expected",
    [
        (None, (2000, 2001), True),
        ((2015, 2015), (2015, 2015), True),
        ((2015, 2015), (2016, 2020), False),
        ((2020, None), (2010, 2019), False),
        ((2020, None), (2030, 2031), True),
        ((None, 2010), (2005, 2006), True),
        ((2012, 2016), (2016, 2018), True),
    ],
)
def test_overlaps(span, years, expected):
    assert overlaps(span, years) is expected


def test_empty_filter_keeps_everything():
    sub, ids = tiny()
    out = apply_filter(sub, GraphFilter())
    assert kept(out, ids) == set(ids)
    assert len(out.ties) == len(sub.ties)


def test_filter_by_type():
    sub, ids = tiny()
    out = apply_filter(sub, GraphFilter(types={NodeType.ORGANISATION}))
    assert kept(out, ids) == {"buero", "netz", "chamber"}
    assert [t.type for t in out.ties] == [TieType.COOPERATES_WITH]


def test_filter_by_country_keeps_countryless_neighbours_as_context():
    sub, ids = tiny()
    out = apply_filter(sub, GraphFilter(countries={"DE"}))
    # DE: the two places, the Büro and Anna; Migration, the accord, Bob have no
    # country but none of them is tied to a DE node, so they go.
    assert kept(out, ids) == {"saarland", "sb", "buero", "anna"}
    out = apply_filter(sub, GraphFilter(countries={"FR"}))
    # FR: Metz, Netz, the conference; Migration (via the conference) and the
    # accord (via Netz) come along as context; Labour does not (only tied to the accord).
    assert kept(out, ids) == {"metz", "netz", "conf", "migration", "accord"}


def test_filter_by_place_includes_sub_places():
    sub, ids = tiny()
    out = apply_filter(sub, GraphFilter(places={ids["saarland"]}))
    assert kept(out, ids) == {"saarland", "sb", "buero", "anna"}


def test_filter_by_topic():
    sub, ids = tiny()
    out = apply_filter(sub, GraphFilter(topics={ids["labour"]}))
    # Anna, Bob and the places have no topic: Metz is tied to Netz (labour), so it stays as context.
    assert kept(out, ids) == {"labour", "accord", "netz", "chamber", "metz"}


def test_filter_by_years_keeps_undated_nodes_and_drops_ties_outside():
    sub, ids = tiny()
    out = apply_filter(sub, GraphFilter(years=(2017, 2018)))
    assert kept(out, ids) == set(ids) - {"conf", "accord"}
    types = sorted(t.type for t in out.ties)
    assert TieType.MEMBER_OF not in types  # 2012..2016
    assert TieType.COOPERATES_WITH not in types  # from 2020
    assert TieType.PART_OF in types  # undated


def test_filters_combine_and_keep_focus():
    sub, ids = tiny()
    flt = GraphFilter(types={NodeType.ORGANISATION, NodeType.PLACE}, countries={"FR"})
    assert kept(apply_filter(sub, flt), ids) == {"metz", "netz"}
    assert kept(apply_filter(sub, flt, keep=[ids["bob"], "org:unknown"]), ids) == {"metz", "netz", "bob"}


def test_context_supplies_facts_outside_the_subgraph():
    sub, ids = tiny()
    part = Subgraph(
        nodes=[n for n in sub.nodes if n.id in {ids["anna"], ids["buero"]}],
        ties=[t for t in sub.ties if t.type is TieType.MEMBER_OF],
    )
    flt = GraphFilter(countries={"DE"})
    assert kept(apply_filter(part, flt), ids) == set()
    assert kept(apply_filter(part, flt, context=sub), ids) == {"anna", "buero"}


def test_filter_rejects_empty_year_range():
    with pytest.raises(ValidationError):
        GraphFilter(years=(2020, 2010))


def test_facets():
    sub, ids = tiny()
    f = facets(sub)
    assert f.types == [
        NodeType.ORGANISATION,
        NodeType.PERSON,
        NodeType.EVENT,
        NodeType.AGREEMENT,
        NodeType.PLACE,
        NodeType.TOPIC,
    ]
    assert f.countries == ["DE", "FR", "LU"]
    assert [name for _, name in f.places] == ["Metz", "Saarbrücken", "Saarland"]
    assert f.topics == [(ids["labour"], "Labour"), (ids["migration"], "Migration")]
    assert f.years == (2010, 2020)
    assert facets(Subgraph()).years is None


# -- against a store -------------------------------------------------------------

SOURCE = Source(id="s1", title="Report", publisher="Council", date="2019-12-01")


@pytest.fixture
def filled(embedded_store):
    sub, ids = tiny()
    embedded_store.upsert(sources=[SOURCE], nodes=sub.nodes, ties=sub.ties)
    return embedded_store, ids


def test_explore_whole_ego_and_filtered(filled):
    store, ids = filled
    assert kept(explore(store), ids) == set(ids)
    ego = explore(store, focus=ids["buero"], depth=1)
    assert kept(ego, ids) == {"buero", "sb", "anna", "conf", "netz"}
    # countries come from the whole network: Saarbrücken's tie to the Saarland
    # is outside the ego network but Saarbrücken is still DE
    de = explore(store, GraphFilter(countries={"DE"}), focus=ids["buero"], depth=1)
    assert kept(de, ids) == {"buero", "sb", "anna"}
    # the focus stays even when the filter drops it
    fr = explore(store, GraphFilter(countries={"FR"}), focus=ids["anna"], depth=1)
    assert kept(fr, ids) == {"anna"}


def test_explore_unknown_focus(filled):
    store, _ = filled
    with pytest.raises(NotFound):
        explore(store, focus="org:nobody")


def test_node_detail(filled):
    store, ids = filled
    d = node_detail(store, ids["buero"])
    assert d.node.id == ids["buero"]
    assert d.sources == [SOURCE]
    assert d.properties == {"kind": "other"}
    seen = {(t.tie.type, t.outgoing, t.other.id) for t in d.ties}
    assert seen == {
        (TieType.LOCATED_IN, True, ids["sb"]),
        (TieType.MEMBER_OF, False, ids["anna"]),
        (TieType.PARTICIPATED_IN, True, ids["conf"]),
        (TieType.COOPERATES_WITH, True, ids["netz"]),
    }
    assert all(t.sources == [SOURCE] for t in d.ties)
    with pytest.raises(NotFound):
        node_detail(store, "org:nobody")


def test_feedback_dated_today_does_not_stretch_the_years():
    """A planner's decision is dated when it was given: the explorer's and the
    Metrics page's year controls, and when its actors were active, ignore it."""
    from graph.facts import activity_spans

    sub, ids = tiny()
    orgs = [n.id for n in sub.nodes if n.type is NodeType.ORGANISATION]
    feedback = Tie(
        type=TieType.FEEDBACK, source=orgs[0], target=orgs[1], role="not_relevant", start="2026-12-06", sources=S
    )
    with_feedback = Subgraph(nodes=sub.nodes, ties=[*sub.ties, feedback])
    assert facets(with_feedback).years == facets(sub).years == (2010, 2020)
    assert activity_spans(with_feedback)[0] == activity_spans(sub)[0]


def test_named_in_writes_each_node_in_the_readers_language():
    from graph.facts import named_in

    trier = Place(name="Trier", names={"fr": "Trèves"}, kind="city", country="DE", sources=S)
    metz = Place(name="Metz", kind="city", country="FR", sources=S)
    sub = Subgraph(nodes=[trier, metz], ties=[])
    assert [n.name for n in named_in(sub, "fr").nodes] == ["Trèves", "Metz"]
    assert [n.id for n in named_in(sub, "fr").nodes] == [trier.id, metz.id]  # ids stay
    assert named_in(sub, "de") is sub  # nothing to rename
