"""The store contract: every test runs on the embedded store and on Neo4j.

The graph of :func:`tiny` (worked out by hand; ``-`` is a tie, either direction)::

    A (IPR) - P (person) - E (event) - T (Trier / Trèves)
                            |    \\
                            C  -  X (topic)
                            |
                            B (ZIB) - S (Saarbrücken)

    P-A MEMBER_OF, P-E PARTICIPATED_IN, C-E PARTICIPATED_IN, E-T LOCATED_IN,
    E-X ADDRESSES, C-X ADDRESSES, B-C COOPERATES_WITH, B-S LOCATED_IN
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from datetime import UTC

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.errors import NotFound, StoreError
from graph.model import (
    Agreement,
    Event,
    EventKind,
    Lang,
    LegalBasis,
    NodeType,
    Organisation,
    OrgKind,
    Person,
    Place,
    PlaceKind,
    Source,
    Tie,
    TieType,
    Topic,
    Visibility,
)
from graph.store.base import Counts, EgoStep, GraphStore, Reached, Subgraph
from tests.support.model_strategies import NODE_MODELS, TIES, models

ORG, P, E, L, T = NodeType.ORGANISATION, NodeType.PERSON, NodeType.EVENT, NodeType.PLACE, NodeType.TOPIC


@dataclass
class Graph:
    sources: list[Source]
    nodes: dict[str, object]  # short key -> node model
    ties: dict[str, Tie] = field(default_factory=dict)  # "P-A" -> tie

    def rows(self) -> dict:
        return {"sources": self.sources, "nodes": list(self.nodes.values()), "ties": list(self.ties.values())}

    def ids(self, keys: str) -> set[str]:
        """``ids("A P")`` -> the node ids of A and P."""
        return {self.nodes[k].id for k in keys.split()}

    def tie_ids(self, keys: str) -> list[str]:
        return sorted(self.ties[k].id for k in keys.split())


@pytest.fixture
def tiny():
    """A factory: ``tiny()`` builds a fresh copy of the hand-made graph."""

    def build() -> Graph:
        sources = [
            Source(id="src-a", title="Annual report 2019", publisher="IPR", language=Lang.DE),
            Source(id="src-b", title="Press release", publisher="Task Force Grenzgänger"),
        ]
        nodes = {
            "A": Organisation(
                name="Interregionaler Parlamentarierrat",
                names={Lang.FR: "Conseil parlementaire interrégional"},
                aliases=["IPR"],
                kind=OrgKind.COUNCIL,
                sources=["src-a"],
            ),
            "B": Organisation(
                name="Saarbrücken Zuwanderungs- und Integrationsbüro",
                aliases=["ZIB"],
                kind=OrgKind.LOCAL_GOVERNMENT,
                country="DE",
                sources=["src-b"],
            ),
            "C": Organisation(name="Task Force Grenzgänger", aliases=["TFG"], founded="2011", sources=["src-b"]),
            "P": Person(legal_basis="legitimate_interests", name="Anna Beispiel", title="Dr.", sources=["src-a"]),
            "E": Event(name="Forum Grenzregion", kind=EventKind.CONFERENCE, start="2019-05-14", sources=["src-a"]),
            "T": Place(
                name="Trier",
                names={Lang.FR: "Trèves"},
                kind=PlaceKind.CITY,
                country="DE",
                lat=49.75,
                lon=6.64,
                sources=["src-a"],
            ),
            "S": Place(name="Saarbrücken", kind=PlaceKind.CITY, country="DE", sources=["src-b"]),
            "X": Topic(name="Labour mobility", names={Lang.DE: "Arbeitsmobilität"}, sources=["src-b"]),
        }
        g = Graph(sources, nodes)
        for key, tie_type, role in [
            ("P-A", TieType.MEMBER_OF, "chair"),
            ("P-E", TieType.PARTICIPATED_IN, "speaker"),
            ("C-E", TieType.PARTICIPATED_IN, "organiser"),
            ("E-T", TieType.LOCATED_IN, None),
            ("E-X", TieType.ADDRESSES, None),
            ("C-X", TieType.ADDRESSES, None),
            ("B-C", TieType.COOPERATES_WITH, None),
            ("B-S", TieType.LOCATED_IN, None),
        ]:
            a, b = key.split("-")
            g.ties[key] = Tie(
                type=tie_type, source=nodes[a].id, target=nodes[b].id, role=role, start="2019", sources=["src-a"]
            )
        return g

    return build


@pytest.fixture
def loaded(store, tiny):
    g = tiny()
    store.upsert(**g.rows())
    return g


EXPECTED_COUNTS = Counts(
    nodes={ORG: 3, P: 1, E: 1, L: 2, T: 1},
    ties={
        TieType.MEMBER_OF: 1,
        TieType.PARTICIPATED_IN: 2,
        TieType.LOCATED_IN: 2,
        TieType.ADDRESSES: 2,
        TieType.COOPERATES_WITH: 1,
    },
    sources=2,
)


def names(nodes) -> list[str]:
    return [n.name for n in nodes]


# -- writes ----------------------------------------------------------------------
def test_counts_per_type(store, loaded):
    assert store.counts() == EXPECTED_COUNTS
    assert store.counts().total_nodes == 8
    assert store.counts().total_ties == 8


def test_empty_store_counts_nothing(store):
    assert store.counts() == Counts(nodes={}, ties={}, sources=0)
    assert store.snapshot() == Subgraph()


def test_upsert_twice_changes_nothing(store, loaded, tiny):
    before = store.snapshot()
    store.upsert(**tiny().rows())
    assert store.counts() == EXPECTED_COUNTS
    assert store.snapshot() == before


def test_upsert_replaces_changed_models(store, loaded):
    trier = loaded.nodes["T"].model_copy(
        update={"description": "City on the Moselle", "aliases": ["Augusta Treverorum"]}
    )
    tie = loaded.ties["B-C"].model_copy(update={"description": "Joint advice desk"})
    source = loaded.sources[1].model_copy(update={"title": "Press release (corrected)"})
    store.upsert(sources=[source], nodes=[trier], ties=[tie])
    assert store.counts() == EXPECTED_COUNTS
    assert store.get_node(trier.id) == trier
    assert [t for t in store.ties_of(loaded.nodes["B"].id) if t.id == tie.id] == [tie]
    assert store.get_sources(["src-b"]) == [source]
    assert [n.id for n in store.search("augusta")] == [trier.id]  # search keys follow the new aliases


def test_upsert_in_parts_ties_to_stored_nodes(store, tiny):
    g = tiny()
    store.upsert(sources=g.sources, nodes=list(g.nodes.values()))
    store.upsert(ties=list(g.ties.values()))
    assert store.counts() == EXPECTED_COUNTS


def test_dangling_tie_fails_and_writes_nothing(store, loaded):
    new = Topic(name="Housing", sources=["src-a"])
    dangling = Tie(type=TieType.ADDRESSES, source=loaded.nodes["A"].id, target="topic:no-such-topic", sources=["src-a"])
    with pytest.raises(StoreError):
        store.upsert(nodes=[new], ties=[dangling])
    assert store.counts() == EXPECTED_COUNTS
    assert store.get_node(new.id) is None


def test_clear(store, loaded):
    store.clear()
    assert store.counts() == Counts(nodes={}, ties={}, sources=0)
    assert store.snapshot() == Subgraph()
    assert store.search("trier") == []
    assert store.get_sources() == []
    store.upsert(**loaded.rows())  # usable again
    assert store.counts() == EXPECTED_COUNTS


# -- plain reads -------------------------------------------------------------------
def test_get_nodes_round_trips_exact_models(store, loaded):
    stored = store.get_nodes([n.id for n in loaded.nodes.values()])
    assert sorted(stored, key=lambda n: n.id) == sorted(loaded.nodes.values(), key=lambda n: n.id)
    assert {type(n) for n in stored} == {Organisation, Person, Event, Place, Topic}


def test_get_nodes_skips_unknown_and_repeated_ids(store, loaded):
    trier = loaded.nodes["T"]
    assert store.get_nodes([trier.id, "place:atlantis", trier.id]) == [trier]
    assert store.get_nodes([]) == []
    assert store.get_node("place:atlantis") is None
    assert store.get_node(trier.id) == trier


def test_snapshot_is_the_whole_graph_in_id_order(store, loaded):
    assert store.snapshot() == Subgraph(
        nodes=sorted(loaded.nodes.values(), key=lambda n: n.id),
        ties=sorted(loaded.ties.values(), key=lambda t: t.id),
    )


def test_get_sources(store, loaded):
    a, b = loaded.sources
    assert store.get_sources() == [a, b]
    assert store.get_sources(["src-b"]) == [b]
    assert store.get_sources(["src-b", "src-a", "src-b", "src-none"]) == [a, b]
    assert store.get_sources([]) == []


# -- search ----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("treves", "T"),  # names.fr 'Trèves', accent-insensitive
        ("TRÈVES", "T"),
        ("ipr", "A"),  # alias, case-insensitive
        ("conseil parlementaire", "A"),  # other-language name, prefix
        ("arbeitsmobilitat", "X"),  # names.de 'Arbeitsmobilität' without the umlaut
        ("Arbeitsmobilität", "X"),
        ("arbeitsmobilitaet", "X"),  # transliterated
        ("grenzganger", "C"),
        ("  tfg  ", "C"),
    ],
)
def test_search_is_case_and_accent_insensitive(store, loaded, text, key):
    assert [n.id for n in store.search(text)] == [loaded.nodes[key].id]


def test_search_transliterated_umlaut_ranks_exact_before_prefix(store, loaded):
    # 'saarbruecken' equals Saarbrücken (exact) and begins the ZIB's name (prefix).
    expected = [loaded.nodes["S"].id, loaded.nodes["B"].id]
    assert [n.id for n in store.search("saarbruecken")] == expected
    assert [n.id for n in store.search("Saarbrücken")] == expected
    assert [n.id for n in store.search("SAARBRUCKEN")] == expected


def test_search_ranks_exact_then_prefix_then_substring_each_by_name(store, tiny):
    topics = [
        Topic(name="Labour mobility", sources=["src-a"]),  # substring
        Topic(name="Mobility Pact", sources=["src-a"]),  # prefix
        Topic(name="Mobility", sources=["src-a"]),  # exact name
        Topic(name="Mobility Agenda", sources=["src-a"]),  # prefix
        Topic(name="Freizügigkeit", aliases=["mobility"], sources=["src-a"]),  # exact alias
        Topic(name="Housing", sources=["src-a"]),  # no match
    ]
    store.upsert(sources=tiny().sources, nodes=topics)
    assert names(store.search("mobility")) == [
        "Freizügigkeit",
        "Mobility",
        "Mobility Agenda",
        "Mobility Pact",
        "Labour mobility",
    ]
    assert names(store.search("Mobility", limit=2)) == ["Freizügigkeit", "Mobility"]
    assert names(store.search("mobility", limit=0)) == []


def test_search_finds_each_word_in_any_order_after_the_phrase(store, tiny):
    orgs = [
        Organisation(name="Caritasverband Trier", sources=["src-a"]),  # both words, apart
        Organisation(name="Trier Caritas", sources=["src-a"]),  # both words, other order
        Organisation(name="Caritas Trier-Saarburg", sources=["src-a"]),  # the phrase
        Organisation(name="Caritas Metz", aliases=["Trier office"], sources=["src-a"]),  # across name and alias
        Organisation(name="Caritas", sources=["src-a"]),  # one word only
    ]
    store.upsert(sources=tiny().sources, nodes=orgs)
    assert names(store.search("Caritas  Trier")) == [
        "Caritas Trier-Saarburg",
        "Caritas Metz",
        "Caritasverband Trier",
        "Trier Caritas",
    ]
    # each word must start a word: "org g" finds none of "Org A", "Org B" (their g is inside "org")
    assert store.search("caritas rier") == [] and store.search("tas rier") == []
    assert names(store.search("itas trier")) == ["Caritas Trier-Saarburg"]  # the phrase, inside a name
    assert names(store.search("trier-saarburg caritas")) == ["Caritas Trier-Saarburg"]
    # a repeated word counts once; no phrase match: every one by name
    assert names(store.search("trier caritas trier")) == [
        "Caritas Metz",
        "Caritas Trier-Saarburg",
        "Caritasverband Trier",
        "Trier Caritas",
    ]
    assert store.search("caritas atlantis") == []


def test_search_type_filter(store, loaded):
    assert names(store.search("saarbruecken", types=[NodeType.PLACE])) == ["Saarbrücken"]
    assert names(store.search("saarbruecken", types={NodeType.ORGANISATION, NodeType.TOPIC})) == [
        "Saarbrücken Zuwanderungs- und Integrationsbüro"
    ]
    assert store.search("trier", types=[NodeType.PERSON]) == []


def test_search_without_match_or_text(store, loaded):
    assert store.search("atlantis") == []
    assert store.search("") == []
    assert store.search("   ") == []


def test_search_returns_full_models(store, loaded):
    assert store.search("trier") == [loaded.nodes["T"]]


# -- ties and neighbourhoods ---------------------------------------------------------
def test_ties_touching(store, loaded):
    c = loaded.nodes["C"].id
    assert [t.id for t in store.ties_touching([c])] == loaded.tie_ids("C-E C-X B-C")
    assert [t.id for t in store.ties_touching([c], types=[TieType.ADDRESSES])] == loaded.tie_ids("C-X")
    assert [t.id for t in store.ties_touching([c], types={TieType.PART_OF})] == []
    # A tie between two of the given nodes comes once.
    assert [t.id for t in store.ties_touching(loaded.ids("C E"))] == loaded.tie_ids("C-E C-X B-C P-E E-T E-X")
    assert store.ties_touching([]) == []
    assert store.ties_touching(["org:nobody"]) == []


def test_ties_of_returns_full_models(store, loaded):
    assert store.ties_of(loaded.nodes["P"].id) == sorted([loaded.ties["P-A"], loaded.ties["P-E"]], key=lambda t: t.id)


@pytest.mark.parametrize(
    ("start", "depth", "nodes", "ties"),
    [
        ("A", 1, "A P", "P-A"),
        ("A", 2, "A P E", "P-A P-E"),
        ("A", 3, "A P E C T X", "P-A P-E C-E E-T E-X C-X"),
        ("A", 4, "A P E C T X B", "P-A P-E C-E E-T E-X C-X B-C"),
        ("S", 1, "S B", "B-S"),
        ("S", 2, "S B C", "B-S B-C"),
        ("S", 3, "S B C E X", "B-S B-C C-E C-X E-X"),
        ("T", 2, "T E P C X", "E-T P-E C-E E-X C-X"),
    ],
)
def test_neighbourhood_known_answers(store, loaded, start, depth, nodes, ties):
    sub = store.neighbourhood(loaded.nodes[start].id, depth)
    assert sub.node_ids == loaded.ids(nodes)
    assert [t.id for t in sub.ties] == loaded.tie_ids(ties)
    assert sub.nodes == sorted((loaded.nodes[k] for k in nodes.split()), key=lambda n: n.id)


def test_neighbourhood_tie_type_filter(store, loaded):
    sub = store.neighbourhood(loaded.nodes["A"].id, 3, tie_types=[TieType.MEMBER_OF])
    assert sub.node_ids == loaded.ids("A P")
    sub = store.neighbourhood(loaded.nodes["E"].id, 2, tie_types={TieType.ADDRESSES, TieType.PARTICIPATED_IN})
    assert sub.node_ids == loaded.ids("E P C X")
    assert [t.id for t in sub.ties] == loaded.tie_ids("P-E C-E E-X C-X")


def test_neighbourhood_errors(store, loaded):
    with pytest.raises(NotFound) as err:
        store.neighbourhood("org:no-such-org", 1)
    assert err.value.node_id == "org:no-such-org"
    with pytest.raises(ValueError):
        store.neighbourhood(loaded.nodes["A"].id, 0)


def test_a_node_whose_type_changes_is_replaced(store, tiny):
    g = tiny()
    store.upsert(sources=g.sources, nodes=[Organisation(id="org:kim", name="Kim Muster", sources=["src-a"])])
    kim = Person(legal_basis="legitimate_interests", id="org:kim", name="Kim Muster", sources=["src-a"])
    store.upsert(nodes=[kim])
    assert store.get_node("org:kim") == kim
    assert store.counts().nodes == {P: 1}
    assert store.search("kim", types=[ORG]) == []
    assert store.search("kim", types=[P]) == [kim]


# -- version, erasure, audit log ------------------------------------------------


def _record(tombstones=(), ties_removed=0):
    from datetime import datetime

    from graph.model import AuditRecord

    return AuditRecord(
        id="0" * 31 + "1",
        action="erase_person",
        at=datetime(2026, 11, 21, 9, 0, tzinfo=UTC),
        reason="ticket 42",
        nodes_removed=1,
        ties_removed=ties_removed,
        tombstones=list(tombstones),
    )


def test_version_grows_with_every_write_and_only_then(store, tiny):
    v0 = store.version()
    g = tiny()
    store.upsert(**g.rows())
    v1 = store.version()
    assert v1 > v0
    store.snapshot(), store.counts(), store.search("trier")
    assert store.version() == v1
    store.upsert(nodes=[g.nodes["X"]])
    assert store.version() > v1
    v2 = store.version()
    store.clear()
    assert store.version() > v2


def test_failed_write_does_not_move_the_version(store, loaded):
    before = store.version()
    with pytest.raises(StoreError):
        store.upsert(ties=[Tie(type=TieType.LOCATED_IN, source="org:nowhere", target="place:trier", sources=["src-a"])])
    assert store.version() == before


def test_erase_removes_node_and_its_ties_and_keeps_an_audit_record(store, loaded):
    from graph.ids import tombstone

    person = loaded.nodes["P"]
    record = _record([tombstone(person.id, store.tombstone_key)], ties_removed=2)
    assert store.erase([person.id], record) == 2
    assert store.get_node(person.id) is None
    assert store.ties_of(person.id) == []
    assert P not in store.counts().nodes
    assert store.counts().total_ties == 8 - 2
    assert store.audit_log() == [record]
    assert store.tombstones() == {tombstone(person.id, store.tombstone_key)}
    assert store.erased({person.id, "org:other"}) == {person.id}


def test_tombstones_are_keyed_and_older_unkeyed_ones_still_count(store, loaded):
    import hashlib

    from graph.ids import legacy_tombstone

    person = loaded.nodes["P"]
    store.erase([person.id], _record([store.tombstone(person.id)]))
    (stone,) = store.tombstones()
    assert stone != hashlib.sha256(person.id.encode()).hexdigest()  # no name can be tested against it
    assert len(store.tombstone_key) == 32
    store.erase([], _record([legacy_tombstone("person:from-an-old-store")]).model_copy(update={"id": "2" * 32}))
    assert store.erased({"person:from-an-old-store", person.id, "person:someone-else"}) == {
        "person:from-an-old-store",
        person.id,
    }


def test_erase_writes_the_redacted_sources_in_the_same_transaction(store, loaded):
    old = store.get_sources(["src-a"])[0]
    redacted = old.model_copy(update={"title": "‹a document naming an erased person›", "url": None})
    store.erase([loaded.nodes["P"].id], _record(), sources=[redacted])
    assert store.get_sources(["src-a"]) == [redacted]
    assert {n.id for n in store.snapshot().nodes if "src-a" in n.sources}  # facts citing it keep citing it


def test_replace_swaps_the_whole_graph_and_keeps_the_audit_log(store, loaded, tiny):
    from graph.model import Organisation as Org
    from graph.model import Source as Src

    record = _record(["b" * 64])
    store.erase([loaded.nodes["P"].id], record)
    before = store.version()
    new_source = Src(id="src-new", title="New", publisher="P")
    org = Org(name="Only One", sources=["src-new"])
    store.replace_graph(sources=[new_source], nodes=[org], ties=[])
    assert store.version() > before
    whole = store.snapshot()
    assert [n.id for n in whole.nodes] == [org.id] and whole.ties == []
    assert store.get_sources() == [new_source]
    assert store.audit_log() == [record] and store.tombstones() == {"b" * 64}


def test_a_failed_replace_keeps_the_old_graph(store, loaded):
    before = (store.version(), store.counts(), sorted(n.id for n in store.snapshot().nodes))
    dangling = Tie(type=TieType.LOCATED_IN, source="org:nowhere", target="place:nowhere", sources=["src-a"])
    with pytest.raises(StoreError):
        store.replace_graph(ties=[dangling])
    assert (store.version(), store.counts(), sorted(n.id for n in store.snapshot().nodes)) == before


def test_clear_keeps_the_audit_log(store, loaded):
    record = _record(["a" * 64])
    store.erase([loaded.nodes["P"].id], record)
    store.clear()
    assert store.audit_log() == [record]
    assert store.tombstones() == {"a" * 64}


def test_snapshot_sees_one_state_while_a_writer_commits(store, tiny):
    """Readers in threads never see a half-written load: the graph before or after."""
    import threading

    from graph.model import Organisation as Org

    g = tiny()
    store.upsert(**g.rows())
    old = len(store.snapshot().nodes)
    extra = [Org(name=f"Partner {i:03d}", sources=["src-a"]) for i in range(300)]
    extra_ties = [
        Tie(type=TieType.COOPERATES_WITH, source=o.id, target=g.nodes["A"].id, sources=["src-a"]) for o in extra
    ]
    seen: set[tuple[int, int]] = set()
    errors: list[BaseException] = []
    stop = threading.Event()

    def read():
        try:
            while not stop.is_set():
                snap = store.snapshot()
                ids = snap.node_ids
                assert all(t.source in ids and t.target in ids for t in snap.ties)
                seen.add((len(snap.nodes), len(snap.ties)))
        except BaseException as e:  # pragma: no cover - reported below
            errors.append(e)

    readers = [threading.Thread(target=read) for _ in range(3)]
    for r in readers:
        r.start()
    store.upsert(nodes=extra, ties=extra_ties)
    stop.set()
    for r in readers:
        r.join()
    assert not errors
    assert seen <= {(old, 8), (old + 300, 8 + 300)}


# -- reads at scale ---------------------------------------------------------------
def test_cached_snapshot_is_the_snapshot_read_once_per_version(store, loaded, tiny):
    first = store.cached_snapshot()
    assert first == store.snapshot()
    assert store.cached_snapshot() is first  # no write: the same object, not read again
    store.upsert(nodes=[Topic(name="Housing", sources=["src-a"])])
    second = store.cached_snapshot()
    assert second is not first and second == store.snapshot()
    assert "topic:housing" in second.node_ids and "topic:housing" not in first.node_ids


def test_links_are_ties_touching_without_details(store, loaded):
    c = loaded.nodes["C"].id
    links = store.links([c])
    assert sorted(link.id for link in links) == loaded.tie_ids("C-E C-X B-C")
    assert {(link.type, link.source, link.target) for link in links} == {
        (t.type, t.source, t.target) for t in store.ties_touching([c])
    }
    assert sorted(link.id for link in store.links(loaded.ids("C E"))) == loaded.tie_ids("C-E C-X B-C P-E E-T E-X")
    assert [link.id for link in store.links([c], types=[TieType.ADDRESSES])] == loaded.tie_ids("C-X")
    assert store.links([]) == [] and store.links(["org:nobody"]) == []


def test_ties_among_keeps_ties_with_both_ends_given(store, loaded):
    assert [t.id for t in store.ties_among(loaded.ids("C E X"))] == loaded.tie_ids("C-E E-X C-X")
    assert [t.id for t in store.ties_among(loaded.ids("C E X"), types=[TieType.ADDRESSES])] == loaded.tie_ids("E-X C-X")
    assert store.ties_among(loaded.ids("A")) == [] and store.ties_among([]) == []
    assert store.ties_among(loaded.ids("P A")) == [loaded.ties["P-A"]]


# The Neo4j store finds the ties among nodes from the side with fewer ties:
# "P A" has more outgoing ties (P-A, P-E) than incoming (P-A), "E T X" fewer
# (E-T, E-X against P-E, C-E, E-T, E-X, C-X); both must give the same ties.
@pytest.mark.parametrize("keys", ["P A", "E T X", "C E X", "A B C E P S T X", "B S", "A"])
def test_ties_among_agrees_with_the_ties_of_the_snapshot(store, loaded, keys):
    ids = loaded.ids(keys)
    whole = store.snapshot().ties
    assert store.ties_among(ids) == [t for t in whole if t.source in ids and t.target in ids]
    facts = [TieType.PARTICIPATED_IN, TieType.LOCATED_IN]
    assert store.ties_among(ids, types=facts) == [
        t for t in whole if t.source in ids and t.target in ids and t.type in facts
    ]


def test_subgraph_is_the_nodes_in_id_order_and_the_ties_among_them(store, loaded):
    ids = loaded.ids("C E X")
    view = store.subgraph([*ids, "org:nobody", loaded.nodes["C"].id])
    assert view == Subgraph(
        nodes=sorted((loaded.nodes[k] for k in "CEX"), key=lambda n: n.id),
        ties=sorted((loaded.ties[k] for k in ("C-E", "E-X", "C-X")), key=lambda t: t.id),
    )
    assert store.subgraph(ids, types=[TieType.ADDRESSES]).ties == store.ties_among(ids, types=[TieType.ADDRESSES])
    assert store.subgraph(loaded.ids("P A")) == Subgraph(
        nodes=sorted((loaded.nodes[k] for k in "PA"), key=lambda n: n.id), ties=[loaded.ties["P-A"]]
    )
    assert store.subgraph(["org:nobody"]) == Subgraph() and store.subgraph([]) == Subgraph()


def test_degrees_count_ties_in_either_direction(store, loaded):
    ids = {k: loaded.nodes[k].id for k in "ABCEPX"}
    assert store.degrees([*ids.values(), "org:nobody"]) == {
        ids["A"]: 1,
        ids["B"]: 2,
        ids["C"]: 3,
        ids["E"]: 4,
        ids["P"]: 2,
        ids["X"]: 2,
        "org:nobody": 0,
    }
    assert store.degrees([]) == {}


def _reached(loaded, *rows: tuple[str, int, int]) -> list[Reached]:
    """Expected nodes of an ego step, ``(key, strength, degree)`` in the expected order."""
    return [Reached(loaded.nodes[k].id, strength, degree) for k, strength, degree in rows]


def _by_rank(rows: list[tuple[str, int, int]], loaded) -> list[tuple[str, int, int]]:
    """``rows`` in the ranking order: strength, then degree (both descending), then id."""
    return sorted(rows, key=lambda r: (-r[1], -r[2], loaded.nodes[r[0]].id))


def test_ego_step_ranks_what_one_step_reaches(store, loaded):
    ids = loaded.ids
    # From E: P, C, T and X, one tie each; degrees C 3, P 2, X 2, T 1.
    step = store.ego_step(ids("E"))
    assert step == EgoStep(4, _reached(loaded, *_by_rank([("C", 1, 3), ("P", 1, 2), ("X", 1, 2), ("T", 1, 1)], loaded)))
    assert step.nodes[0].id == loaded.nodes["C"].id and step.nodes[-1].id == loaded.nodes["T"].id
    # From C and E: X by two ties (C-X, E-X) first; the tie C-E joins two frontier nodes and reaches nothing.
    step = store.ego_step(ids("C E"))
    assert step == EgoStep(4, _reached(loaded, *_by_rank([("X", 2, 2), ("B", 1, 2), ("P", 1, 2), ("T", 1, 1)], loaded)))
    assert step.nodes[0] == Reached(loaded.nodes["X"].id, 2, 2)


def test_ego_step_leaves_out_the_seen_and_caps_but_counts_all(store, loaded):
    ids, key = loaded.ids, lambda k: loaded.nodes[k].id
    assert store.ego_step(ids("E"), ids("P C")) == EgoStep(
        2, _reached(loaded, *_by_rank([("X", 1, 2), ("T", 1, 1)], loaded))
    )
    assert store.ego_step(ids("E"), limit=1) == EgoStep(4, [Reached(key("C"), 1, 3)])
    assert store.ego_step(ids("E"), limit=0) == EgoStep(4, [])
    assert store.ego_step(ids("E"), types=[TieType.ADDRESSES]) == EgoStep(1, [Reached(key("X"), 1, 2)])
    assert store.ego_step(ids("E"), types=[TieType.PART_OF]) == EgoStep(0, [])
    assert store.ego_step(ids("A"), ids("P")) == EgoStep(0, [])
    assert store.ego_step([]) == EgoStep(0, []) and store.ego_step(["org:nobody"]) == EgoStep(0, [])


@pytest.mark.parametrize(
    "frontier, seen, limit, types",
    [
        ("E", "", None, None),
        ("C E", "P", None, None),
        ("P B", "", 2, None),
        ("E", "", 3, [TieType.ADDRESSES]),
        ("A B C E P S T X", "", None, None),
        ("T S", "E B", 1, None),
    ],
)
def test_ego_step_agrees_with_the_step_built_on_links_and_degrees(store, loaded, frontier, seen, limit, types):
    ids = loaded.ids
    seen_ids = ids(seen) if seen else set()
    expected = GraphStore.ego_step(store, ids(frontier), seen_ids, limit=limit, types=types)
    assert store.ego_step(ids(frontier), seen_ids, limit=limit, types=types) == expected


def test_reloading_unchanged_rows_keeps_the_graph_and_still_counts_as_a_write(store, loaded, tiny):
    before, version = store.snapshot(), store.version()
    store.upsert(**tiny().rows())
    assert store.snapshot() == before
    assert store.version() > version


# -- exact read-back ------------------------------------------------------------------------
def _every_field() -> tuple[list[Source], list, list[Tie]]:
    """Models with every field set, and with every optional one left out (worked out by hand)."""
    sources = [
        Source(
            id="src-full",
            title="Neue Perspektiven für Migranten der Großregion",
            publisher="Stadt Trier",
            date=dt.date(2008, 5, 13),
            document="004_affa9a9b017a2daf.txt",
            url="https://example.org/a?b=c&d='e'",
            language=Lang.DE,
        ),
        Source(id="src-bare", title="T", publisher="P"),
    ]
    cited = ["src-full", "src-bare"]
    nodes = [
        Organisation(
            name="Zuwanderungs- und Integrationsbüro Saarbrücken",
            names={Lang.DE: "ZIB", Lang.EN: "Immigration Office", Lang.FR: "Bureau de l'immigration", Lang.LB: "Büro"},
            aliases=["ZIB", 'Büro "Z"', "🏛 Rathaus"],
            description="Line one\nline two, with a tab\tand a backslash \\",
            kind=OrgKind.PUBLIC_AUTHORITY,
            country="DE",
            founded="2003",
            dissolved="2016-09",
            sources=cited,
        ),
        Organisation(name="Bare", sources=["src-bare"]),
        Person(
            legal_basis=LegalBasis.CONSENT,
            name="Maria de Jesus Duran Kremer",
            title="Dr.",
            visibility=Visibility.PUBLIC,
            names={Lang.FR: "Maria Duran"},
            aliases=["Duran Kremer"],
            description="Chair",
            sources=["src-full"],
        ),
        Event(
            name="Auftaktworkshop",
            kind=EventKind.WORKSHOP,
            start="2015-11-19",
            end="2016",
            attendance=0,
            sources=cited,
        ),
        Agreement(name="Integrationskonzept", signed="2011-12-13", sources=["src-full"]),
        Agreement(name="Undated", sources=["src-full"]),
        Place(
            name="Lëtzebuerg",
            kind=PlaceKind.CITY,
            country="LU",
            lat=49.611621123456789,
            lon=-0.1,
            sources=["src-full"],
        ),
        Place(name="Nowhere", kind=PlaceKind.REGION, country="FR", lat=-90.0, sources=["src-full"]),
        Topic(name="Labour mobility", names={Lang.DE: "Arbeitsmobilität"}, sources=["src-bare", "src-full"]),
    ]
    org, _, person, event, signed, _, lux, _, topic = nodes
    ties = [
        Tie(
            type=TieType.MEMBER_OF,
            source=person.id,
            target=org.id,
            role="chair",
            start="2008-05-13",
            end="2016-10",
            description="Both names",
            sources=["src-full", "src-bare"],
        ),
        Tie(type=TieType.PARTICIPATED_IN, source=org.id, target=event.id, role="host", start="2015", sources=cited),
        Tie(type=TieType.PARTY_TO, source=org.id, target=signed.id, sources=["src-bare"]),
        Tie(type=TieType.LOCATED_IN, source=event.id, target=lux.id, sources=["src-full"]),
        Tie(type=TieType.ADDRESSES, source=event.id, target=topic.id, sources=["src-full"]),
        Tie(type=TieType.FEEDBACK, source=person.id, target=org.id, role="acted_on", sources=["src-full"]),
    ]
    return sources, nodes, ties


def _dumps(models) -> list[dict]:
    return sorted((m.model_dump() for m in models), key=lambda d: d["id"])


def test_reading_back_gives_every_model_field_for_field(store):
    sources, nodes, ties = _every_field()
    store.upsert(sources=sources, nodes=nodes, ties=ties)
    ids = [n.id for n in nodes]
    assert _dumps(store.get_sources()) == _dumps(sources)
    assert _dumps(store.get_nodes(ids)) == _dumps(nodes)
    assert _dumps(store.ties_touching(ids)) == _dumps(ties)
    snap = store.snapshot()
    assert (_dumps(snap.nodes), _dumps(snap.ties)) == (_dumps(nodes), _dumps(ties))
    view = store.subgraph(ids)
    assert (_dumps(view.nodes), _dumps(view.ties)) == (_dumps(nodes), _dumps(ties))
    assert _dumps(store.search("letzebuerg")) == _dumps([nodes[6]])
    assert sorted(store.get_nodes(ids), key=lambda n: n.id) == sorted(nodes, key=lambda n: n.id)  # same classes too


def test_fields_that_became_empty_are_empty_when_read_back(store):
    sources, nodes, ties = _every_field()
    store.upsert(sources=sources, nodes=nodes, ties=ties)
    org, tie, source = nodes[0], ties[0], sources[0]
    emptied = org.model_copy(update={"names": {}, "aliases": [], "description": None, "country": None, "founded": None})
    bare_tie = tie.model_copy(update={"end": None, "description": None})
    bare_source = source.model_copy(update={"date": None, "url": None, "language": None})
    store.upsert(sources=[bare_source], nodes=[emptied], ties=[bare_tie])
    assert store.get_node(org.id).model_dump() == emptied.model_dump()
    assert [t.model_dump() for t in store.ties_touching([org.id]) if t.id == tie.id] == [bare_tie.model_dump()]
    assert store.get_sources([source.id])[0].model_dump() == bare_source.model_dump()


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.filter_too_much, HealthCheck.too_slow],
)
@given(
    sources=st.lists(models(Source), max_size=3, unique_by=lambda s: s.id),
    nodes=st.lists(NODE_MODELS, min_size=1, max_size=5, unique_by=lambda n: n.id),
    ties=st.lists(TIES, max_size=4, unique_by=lambda t: t.id),
)
def test_generated_models_read_back_exactly(store, sources, nodes, ties):
    """Any valid models (drawn from the fields' annotations) come back ``model_dump()`` equal."""
    store.clear()
    known = {n.id for n in nodes}
    ends = [
        Topic(id=end, name="End", sources=["end"])
        for end in dict.fromkeys(e for t in ties for e in (t.source, t.target))
        if end not in known
    ]
    store.upsert(sources=sources, nodes=[*nodes, *ends], ties=ties)
    assert _dumps(store.get_sources()) == _dumps(sources)
    assert _dumps(store.get_nodes(known)) == _dumps(nodes)
    snap = store.snapshot()
    assert _dumps(snap.ties) == _dumps(ties)
    assert _dumps(n for n in snap.nodes if n.id in known) == _dumps(nodes)
