"""Models as Neo4j properties and back (:mod:`graph.store.properties`), without a server.

The round trip is checked on models generated from the fields' own
annotations, so a field added to a model is covered without touching this file.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Literal

import pytest
from hypothesis import HealthCheck, given, settings
from neo4j.spatial import WGS84Point
from pydantic import BaseModel

from graph.model import (
    NODE_CLASSES,
    Agreement,
    Event,
    Lang,
    Organisation,
    PartialDate,
    Place,
    PlaceKind,
    Source,
    Strict,
    Tie,
    TieType,
    Topic,
)
from graph.store.properties import BOOKKEEPING, describe, from_properties, node_from_properties, to_properties
from tests.support.model_strategies import NODE_MODELS, TIES, models

TIE_STRUCTURE = {"type", "source", "target"}


def _storable(value: Any) -> bool:
    """Whether Neo4j can hold ``value`` as a property (no null, no empty or mixed list, no map)."""
    if isinstance(value, (str, bool, int, float, dt.date, WGS84Point)):
        return True
    if isinstance(value, list):
        return bool(value) and len({type(v) for v in value}) == 1 and all(_storable(v) for v in value)
    return False


# -- round trips ------------------------------------------------------------------------
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])


@FAST
@given(NODE_MODELS)
def test_nodes_round_trip(node):
    props = to_properties(node)
    assert all(_storable(v) for v in props.values()), props
    back = node_from_properties(props)
    assert back == node
    assert back.model_dump() == node.model_dump()


@FAST
@given(TIES)
def test_ties_round_trip_with_their_type_and_ends_given_back(tie):
    props = to_properties(tie, skip=TIE_STRUCTURE)
    assert TIE_STRUCTURE.isdisjoint(props)
    assert all(_storable(v) for v in props.values()), props
    back = from_properties(Tie, {**props, "type": tie.type.value, "source": tie.source, "target": tie.target})
    assert back.model_dump() == tie.model_dump()


@FAST
@given(models(Source))
def test_sources_round_trip(source):
    props = to_properties(source)
    assert all(_storable(v) for v in props.values()), props
    assert from_properties(Source, props).model_dump() == source.model_dump()


# -- the rules, on known answers --------------------------------------------------------------
def test_other_language_names_are_one_property_each():
    place = Place(
        name="Trier",
        names={Lang.FR: "Trèves", Lang.LB: "Tréier"},
        aliases=["Augusta Treverorum"],
        kind=PlaceKind.CITY,
        country="DE",
        sources=["s"],
    )
    props = to_properties(place)
    assert (props["name"], props["name_fr"], props["name_lb"]) == ("Trier", "Trèves", "Tréier")
    assert "name_de" not in props and "names" not in props
    assert props["aliases"] == ["Augusta Treverorum"]
    assert props["kind"] == "city" and type(props["kind"]) is str  # an enum as its plain value


@pytest.mark.parametrize(
    ("start", "year", "day"),
    [
        ("2016", 2016, None),
        ("2016-09", 2016, None),
        ("2016-10-06", 2016, dt.date(2016, 10, 6)),
    ],
)
def test_dates_are_kept_as_written_plus_a_year_and_a_complete_day(start, year, day):
    event = Event(name="Forum", start=start, sources=["s"])
    props = to_properties(event)
    assert (props["start"], props["start_year"], props.get("start_date")) == (start, year, day)
    assert "end" not in props and "end_year" not in props
    assert node_from_properties(props) == event


def test_a_source_date_is_a_date_field_too():
    props = to_properties(Source(id="s", title="T", publisher="P", date=dt.date(2008, 5, 13)))
    assert (props["date"], props["date_year"], props["date_date"]) == ("2008-05-13", 2008, dt.date(2008, 5, 13))


def test_coordinates_become_a_point_and_stay_exact():
    place = Place(name="Metz", kind=PlaceKind.CITY, country="FR", lat=49.1193, lon=6.1757, sources=["s"])
    props = to_properties(place)
    assert (props["lat"], props["lon"]) == (49.1193, 6.1757)
    assert props["location"] == WGS84Point((6.1757, 49.1193))  # x = longitude, y = latitude
    assert "location" not in to_properties(place.model_copy(update={"lon": None}))


def test_empty_fields_have_no_property_and_come_back_empty():
    topic = Topic(name="Housing", sources=["s"])
    assert to_properties(topic) == {"id": "topic:housing", "name": "Housing", "sources": ["s"], "type": "Topic"}
    assert node_from_properties(to_properties(topic)) == topic


def test_derived_and_bookkeeping_properties_are_not_read_back():
    agreement = Agreement(name="Accord", signed="2016-10-06", sources=["s"])
    props = {**to_properties(agreement), "hash": "abc", "search": "accord", "signed_year": 1999}
    assert node_from_properties(props) == agreement


# -- fields added later flow through ------------------------------------------------------------
class TieWithConfirmation(Tie):
    confirmed: bool = False


class EventWithFormat(Event):
    format: Literal["online", "in person"] | None = None
    tags: list[str] = ["x"]  # a default that is not empty


def test_a_new_optional_field_flows_through_both_ways():
    tie = TieWithConfirmation(
        type=TieType.COOPERATES_WITH, source="org:a", target="org:b", sources=["s"], confirmed=True
    )
    props = to_properties(tie, skip=TIE_STRUCTURE)
    assert props["confirmed"] is True
    back = from_properties(
        TieWithConfirmation, {**props, "type": "COOPERATES_WITH", "source": "org:a", "target": "org:b"}
    )
    assert back == tie
    plain = tie.model_copy(update={"confirmed": False})
    assert to_properties(plain, skip=TIE_STRUCTURE)["confirmed"] is False  # False is a value, not an empty one

    event = EventWithFormat(name="Forum", format="online", tags=[], sources=["s"])
    props = to_properties(event)
    assert props["format"] == "online" and "tags" not in props
    assert from_properties(EventWithFormat, props).model_dump() == event.model_dump()  # tags [] again, not ["x"]
    assert {"format", "tags"} <= {p.name for p in describe(EventWithFormat)}


def test_a_field_that_would_clash_with_another_property_is_refused():
    class Clashing(Strict):
        start: PartialDate | None = None
        start_year: int | None = None

    class Bookkeeping(Strict):
        hash: str

    with pytest.raises(TypeError, match="start_year"):
        to_properties(Clashing())
    with pytest.raises(TypeError, match="hash"):
        to_properties(Bookkeeping(hash="x"))


def test_a_list_that_may_be_none_keeps_none_and_empty_apart():
    class Optional(Strict):
        tags: list[str] | None = None
        by_lang: dict[Lang, str] | None = None

    for tags in (None, [], ["a"]):
        for by_lang in (None, {}, {Lang.DE: "x"}):
            model = Optional(tags=tags, by_lang=by_lang)
            props = to_properties(model)
            assert ("tags" in props) is (tags is not None)
            assert from_properties(Optional, props).model_dump() == model.model_dump()


def test_other_field_types_are_kept_as_json():
    class Nested(BaseModel):
        a: int

    class WithNested(Strict):
        inner: Nested | None = None
        by_name: dict[str, int] = {}

    model = WithNested(inner=Nested(a=1), by_name={"x": 2})
    props = to_properties(model)
    assert (props["inner"], props["by_name"]) == ('{"a":1}', '{"x":2}')
    assert from_properties(WithNested, props) == model


def test_describe_lists_every_property_with_its_neo4j_type():
    described = {p.name: p.neo4j_type for p in describe(Place)}
    assert described["name_lb"] == "STRING"
    assert described["aliases"] == "LIST<STRING>"
    assert (described["lat"], described["location"]) == ("FLOAT", "POINT")
    starts = {p.name: (p.neo4j_type, p.derived) for p in describe(Event)}
    assert starts["start"] == ("STRING", False)
    assert starts["start_year"] == ("INTEGER", True)
    assert starts["start_date"] == ("DATE", True)
    assert starts["attendance"] == ("INTEGER", False)
    for cls in (*NODE_CLASSES.values(), Tie, Source):
        names = [p.name for p in describe(cls)]
        assert len(names) == len(set(names)) and BOOKKEEPING.isdisjoint(names)
        assert all(re.fullmatch(r"[a-z][a-z_]*", n) for n in names)


def test_organisation_country_is_a_plain_property():
    """The issue's first try: ``MATCH (o:Organisation {country: 'LU'})``."""
    org = Organisation(name="Ville de Luxembourg", country="LU", sources=["s"])
    assert to_properties(org)["country"] == "LU"
