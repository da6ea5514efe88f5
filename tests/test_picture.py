"""The explorer's pictures: facts for time, place and language; composition; the organisations-only view.

Known answers on the tiny graph of tests/support/graphs.py::

    Saarbrücken -PART_OF-> Saarland        Integrationsbüro -LOCATED_IN-> Saarbrücken
    Réseau Migration (FR, founded 2010) -LOCATED_IN-> Metz     Border Conference (2015-04) -LOCATED_IN-> Metz
    Anna -MEMBER_OF (2012-2016)-> Integrationsbüro   Integrationsbüro -PARTICIPATED_IN-> Border Conference
    Integrationsbüro -COOPERATES_WITH (2020-)-> Réseau Migration
    Réseau Migration, Chambre (LU) -PARTY_TO-> Accord (2019-05-02)
"""

from __future__ import annotations

import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph.explore import GraphFilter, explore
from graph.explore.layout import importance, label_set, layout
from graph.explore.picture import SHARED, compose
from graph.facts import activity_spans, activity_spans_of, as_of, hull, name_in, node_locations, within_years
from graph.model import Event, NodeType, Organisation, Place, Tie, TieType, Topic
from graph.projections import shared_items
from graph.store.base import Subgraph
from tests.support.graphs import S, tiny


def test_hull_keeps_open_ends_and_ignores_undated():
    assert hull([(2015, 2015), (2012, 2013), None]) == (2012, 2015)
    assert hull([(2015, None), (2012, 2013)]) == (2012, None)
    assert hull([None, None]) is None
    assert hull([(None, 2012), (2010, 2011)]) == (None, 2012)
    assert hull(iter([(2014, 2016), (2011, None)])) == (2011, None)  # any iterable, read once


_year = st.one_of(st.none(), st.integers(1990, 2030))


@given(st.lists(st.one_of(st.none(), st.tuples(_year, _year)), max_size=8))
def test_hull_holds_every_span_and_no_more(spans):
    got = [s for s in spans if s is not None]
    expected = None
    if got:  # open at an end when any span is; else the outermost years
        los, his = [s[0] for s in got], [s[1] for s in got]
        expected = (
            None if None in los else min(los),  # type: ignore[type-var]
            None if None in his else max(his),  # type: ignore[type-var]
        )
    assert hull(spans) == expected


def test_activity_spans_follow_dated_ends():
    sub, ids = tiny()
    nodes, ties = activity_spans(sub)
    by_pair = {(t.source, t.target): ties[t.id] for t in sub.ties}
    # an undated participation takes the event's year; an org founded 2010 meets the accord in 2019
    assert by_pair[(ids["buero"], ids["conf"])] == (2015, 2015)
    assert by_pair[(ids["netz"], ids["accord"])] == (2019, 2019)
    # stated years win; undated ties between undated ends stay always-active
    assert by_pair[(ids["anna"], ids["buero"])] == (2012, 2016)
    assert by_pair[(ids["buero"], ids["sb"])] is None
    # an undated node spans its ties: the bureau from its membership (2012) on (cooperation open since 2020)
    assert nodes[ids["buero"]] == (2012, None)
    assert nodes[ids["chamber"]] == (2019, 2019)  # party to the accord only
    assert nodes[ids["bob"]] is None and nodes[ids["saarland"]] is None
    assert nodes[ids["netz"]] == (2010, None)  # its own founding year


def test_activity_spans_of_some_nodes_agree_with_the_whole_graphs():
    sub, ids = tiny()
    nodes, ties = activity_spans(sub)
    some = [ids["buero"], ids["chamber"], ids["bob"], ids["metz"]]
    got_nodes, got_ties = activity_spans_of(sub, some)
    assert got_nodes == {x: nodes[x] for x in some}
    touching = {t.id for t in sub.ties if t.source in some or t.target in some}
    assert got_ties == {t: ties[t] for t in touching}
    fresh, _ = tiny()  # the same from scratch, without the whole graph's spans computed first
    assert activity_spans_of(fresh, some)[0] == got_nodes
    # only some of the ties (a picture's own), with and without the whole graph's spans computed first
    among = [t for t in sub.ties if t.id in touching][:2]
    far = [t for t in sub.ties if t.id not in touching]
    assert len(among) == 2 and len(touching) > 2 and far
    for graph in (sub, tiny()[0]):
        part_nodes, part_ties = activity_spans_of(graph, some, ties=among + far)
        assert part_nodes == got_nodes
        assert part_ties == {t.id: ties[t.id] for t in among}  # a tie touching none of them is not answered


def test_as_of_grows_with_the_years():
    sub, ids = tiny()
    y2011 = as_of(sub, 2011).node_ids
    assert ids["netz"] in y2011 and ids["buero"] not in y2011 and ids["conf"] not in y2011
    y2015 = as_of(sub, 2015)
    assert {ids["buero"], ids["conf"], ids["anna"]} <= y2015.node_ids
    assert ids["accord"] not in y2015.node_ids and ids["chamber"] not in y2015.node_ids
    assert {(t.source, t.target) for t in y2015.ties} >= {(ids["buero"], ids["conf"]), (ids["anna"], ids["buero"])}
    y2019 = as_of(sub, 2019)
    assert ids["anna"] not in y2019.node_ids  # her only tie ended in 2016
    assert {ids["accord"], ids["chamber"]} <= y2019.node_ids
    # unlike within_years, which keeps every undated organisation in every year
    assert ids["chamber"] in within_years(sub, (2011, 2011)).node_ids


def test_name_in_a_language():
    topic = Topic(name="Arbeitsmarkt", names={"fr": "Marché du travail", "en": "Labour market"}, sources=S)
    assert name_in(topic, "fr") == "Marché du travail"
    assert name_in(topic, "de") == "Arbeitsmarkt"  # no German name: the stored one
    assert name_in(topic, None) == "Arbeitsmarkt"


def test_node_locations_inherit_through_part_of():
    sub, ids = tiny()
    trier = Place(name="Trier", kind="city", country="DE", lat=49.75, lon=6.64, sources=S)
    nord = Place(name="Trier-Nord", kind="quarter", country="DE", sources=S)  # no coordinates
    group = Organisation(name="AG Wohnen", sources=S)
    net = Organisation(name="Netzwerk", sources=S)
    talk = Event(name="Fachgespräch", start="2016", sources=S)
    extra = Subgraph(
        nodes=[*sub.nodes, trier, nord, group, net, talk],
        ties=[
            *sub.ties,
            Tie(type=TieType.PART_OF, source=nord.id, target=trier.id, sources=S),
            Tie(type=TieType.LOCATED_IN, source=net.id, target=nord.id, sources=S),
            Tie(type=TieType.PART_OF, source=group.id, target=net.id, sources=S),
            Tie(type=TieType.LOCATED_IN, source=talk.id, target=trier.id, sources=S),
        ],
    )
    where = node_locations(extra)
    assert where[nord.id] == trier.id  # a quarter without coordinates lies in its city
    assert where[net.id] == trier.id  # located in the quarter
    assert where[group.id] == trier.id  # a working group where its network is
    assert where[talk.id] == trier.id
    # the tiny graph's places have no coordinates: nothing there is placed
    assert ids["buero"] not in where and ids["anna"] not in where


def test_shared_items_are_the_collaboration_projection():
    sub, ids = tiny()
    pairs = shared_items(sub, [ids["netz"], ids["chamber"], ids["buero"]])
    assert pairs == {tuple(sorted((ids["netz"], ids["chamber"]))): (ids["accord"],)}


def test_importance_agrees_with_networkx():
    links = [("a", "b"), ("b", "c"), ("c", "d"), ("b", "d"), ("d", "e")]
    got = importance(list("abcdef"), links)
    g = nx.Graph(links)
    g.add_node("f")
    between = nx.betweenness_centrality(g)
    for x in "abcdef":
        degree, b, score = got[x]
        assert degree == g.degree(x)
        assert b == pytest.approx(between[x])
    # b and d have degree 3 (the most); d has the most betweenness (it alone reaches e)
    assert got["d"][2] == 1.0 and got["b"][2] == 1.0 and got["f"][2] == 0.0
    assert got["a"][2] == pytest.approx(1 / 3)


def test_label_set_focus_neighbours_and_top_nodes():
    links = [("hub", x) for x in "abcdefgh"] + [("a", "b"), ("x", "y")]
    scores = importance(["hub", *"abcdefgh", "x", "y", "z"], links)
    assert label_set(scores, links, top=1) == {"hub"}  # the top by degree is also the top by betweenness
    chosen = label_set(scores, links, focus="x", top=1, neighbours=5)
    assert chosen == {"x", "y", "hub"}
    assert "z" not in label_set(scores, links, top=20)  # a node without ties is never a top node


def test_layout_is_stable_and_keeps_parts_apart():
    links = [("a", "b"), ("b", "c"), ("c", "a"), ("d", "e"), ("e", "f"), ("f", "d")]
    ids = list("abcdefg")
    first = layout(ids, links)
    assert first == layout(list(reversed(ids)), list(reversed(links)))  # order does not matter
    assert first == layout(ids, links)

    def box(keys):
        xs, ys = [first[k][0] for k in keys], [first[k][1] for k in keys]
        return min(xs), min(ys), max(xs), max(ys)

    (ax0, ay0, ax1, ay1), (bx0, by0, bx1, by1) = box("abc"), box("def")
    assert ax1 < bx0 or bx1 < ax0 or ay1 < by0 or by1 < ay0  # the two triangles do not overlap
    assert first["g"][1] > max(ay1, by1)  # the single node lines up below


def test_single_nodes_stand_in_rows_with_room_for_a_name():
    """Nodes without ties line up below the rest, SINGLE_STEP spacings apart in a row (a name
    written beside one does not run under the next), rows SINGLE_ROW spacings apart."""
    from graph.explore.layout import SINGLE_ROW, SINGLE_STEP

    singles = [f"s{i:02d}" for i in range(12)]
    at = layout(["a", "b", "c", *singles], [("a", "b"), ("b", "c")], spacing=60.0, aspect=None)
    rows: dict[float, list[float]] = {}
    for k in singles:
        rows.setdefault(at[k][1], []).append(at[k][0])
    assert len(rows) > 1 and min(rows) > max(at[k][1] for k in "abc")
    for xs in rows.values():
        assert sorted(xs) == [SINGLE_STEP * 60.0 * i for i in range(len(xs))]
    assert sorted(rows) == [min(rows) + SINGLE_ROW * 60.0 * i for i in range(len(rows))]


def test_compose_sizes_labels_legend_and_time():
    sub, ids = tiny()
    pic = compose(sub, focus=ids["netz"], lang="de", palette={"Organisation": "#0072B2"})
    node = {n.id: n for n in pic.nodes}
    assert pic.focus == ids["netz"] and node[ids["netz"]].labelled and node[ids["netz"]].score == 1.0
    assert node[ids["netz"]].size == max(n.size for n in pic.nodes)
    assert node[ids["bob"]].size == min(n.size for n in pic.nodes)  # no ties at all
    assert pic.legend == ("Organisation", "Person", "Event", "Agreement", "Place", "Topic")
    assert len(pic.ties) == len(sub.ties)  # no two ties join the same pair here
    cross = {(t.source, t.target): t.cross_border for t in pic.ties}
    assert cross[(ids["buero"], ids["netz"])] is True  # Saarbrücken (DE) and France
    assert cross[(ids["netz"], ids["accord"])] is False  # the accord has no country
    # as of 2011 only the network and what is always there; positions do not move
    early = pic.as_of(2011)
    assert {n.id for n in early.nodes} == as_of(sub, 2011).node_ids
    assert {(n.id, n.x, n.y) for n in early.nodes} <= {(n.id, n.x, n.y) for n in pic.nodes}
    assert "Event" not in early.legend and early.year == 2011
    assert pic.years == (2010, 2020)
    conference = compose(sub, focus=ids["conf"]).as_of(2011)  # the focus stays, though not yet there
    assert ids["conf"] in {n.id for n in conference.nodes}
    assert not [t for t in conference.ties if ids["conf"] in (t.source, t.target)]  # its ties wait for 2015


def test_compose_by_country_lists_only_what_is_shown():
    sub, ids = tiny()
    de_only = Subgraph(
        nodes=[n for n in sub.nodes if n.id in {ids["sb"], ids["saarland"]}],
        ties=[t for t in sub.ties if t.type is TieType.PART_OF],
    )
    pic = compose(de_only, context=sub, color_by="country")
    assert pic.legend == ("DE",)


def test_parallel_ties_become_one_wider_line():
    a = Organisation(name="A", country="DE", sources=S)
    b = Organisation(name="B", country="FR", sources=S)
    ties = [
        Tie(type=TieType.COOPERATES_WITH, source=a.id, target=b.id, role=r, start="2015", sources=S)
        for r in ("adviser", "partner")
    ] + [Tie(type=TieType.SUCCESSOR_OF, source=b.id, target=a.id, sources=S)]
    pic = compose(Subgraph(nodes=[a, b], ties=ties))
    (line,) = pic.ties
    assert line.weight == 3 and line.kinds == ("COOPERATES_WITH", "SUCCESSOR_OF") and line.cross_border
    assert line.span is None  # one of its ties is undated: the line is always there


def test_organisations_only_are_tied_through_shared_events(embedded_store):
    sub, ids = tiny()
    embedded_store.upsert(nodes=sub.nodes, ties=sub.ties)
    view = explore(embedded_store, GraphFilter(types={NodeType.ORGANISATION}), context=sub)
    assert {n.type for n in view.nodes} == {NodeType.ORGANISATION}
    assert [(s.source, s.target, [i.id for i in s.items]) for s in view.shared] == [
        (ids["chamber"], ids["netz"], [ids["accord"]])
    ]
    pic = compose(view, shared=view.shared, context=sub)
    shared = [t for t in pic.ties if SHARED in t.kinds]
    assert len(shared) == 1 and shared[0].span == (2019, 2019)
    # with events shown, nothing is tied through them; agreements still are
    both = explore(embedded_store, GraphFilter(types={NodeType.ORGANISATION, NodeType.EVENT}), context=sub)
    assert [s.items[0].id for s in both.shared] == [ids["accord"]]
    # an ego network steps through the hidden items: depth 1 reaches who shared one with the focus
    ego = explore(embedded_store, GraphFilter(types={NodeType.ORGANISATION}), focus=ids["chamber"], context=sub)
    assert ego.node_ids == {ids["chamber"], ids["netz"]}
    assert len(ego.shared) == 1


def test_the_views_tables_say_yes_and_no_in_the_readers_words():
    """The explorer's CSV downloads write whether a node is labelled and a tie crosses a border
    in the reader's words (the page passes them); without, as True and False for programs."""
    import csv
    import io

    from graph.formats import picture_tables

    sub, ids = tiny()
    pic = compose(sub, focus=ids["netz"], lang="de")
    plain_nodes, plain_ties = picture_tables(pic)
    nodes, ties = picture_tables(pic, yes_no=("ja", "nein"))
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(nodes))}
    plain = {r["id"]: r for r in csv.DictReader(io.StringIO(plain_nodes))}
    assert rows[ids["netz"]]["labelled"] == "ja" and plain[ids["netz"]]["labelled"] == "True"
    assert {r["labelled"] for r in rows.values()} == {"ja", "nein"}
    crossing = {(r["source"], r["target"]): r["cross_border"] for r in csv.DictReader(io.StringIO(ties))}
    assert crossing[(ids["buero"], ids["netz"])] == "ja" and crossing[(ids["netz"], ids["accord"])] == "nein"
    assert "True" in plain_ties and "True" not in ties and "False" not in ties
