"""graph.explore.permalink: a view as query parameters and back."""

from __future__ import annotations

import pytest

from graph.explore import GraphFilter
from graph.explore.permalink import ViewParams
from graph.model import NodeType


def test_the_default_view_has_no_parameters():
    assert ViewParams().to_query() == {}
    assert ViewParams.from_query({}) == ViewParams()
    assert ViewParams().time == "all"


def test_a_view_round_trips_through_its_query():
    view = ViewParams(
        focus="org:initiative-region-trier",
        depth=2,
        color="country",
        view="map",
        types=(NodeType.ORGANISATION, NodeType.EVENT),
        countries=("DE", "LU"),
        places=("place:trier",),
        topics=("topic:migration",),
        year=2016,
    )
    query = view.to_query()
    assert query == {
        "focus": "org:initiative-region-trier",
        "depth": "2",
        "color": "country",
        "view": "map",
        "type": ["Organisation", "Event"],
        "country": ["DE", "LU"],
        "place": ["place:trier"],
        "topic": ["topic:migration"],
        "year": "2016",
    }
    assert ViewParams.from_query(query) == view
    assert view.time == "asof"
    assert view.graph_filter() == GraphFilter(
        types={NodeType.ORGANISATION, NodeType.EVENT},
        countries={"DE", "LU"},
        places={"place:trier"},
        topics={"topic:migration"},
    )  # the year is applied to the picture, not the filter


def test_a_range_of_years_is_a_filter():
    view = ViewParams.from_query({"from": ["2015"], "to": ["2017"]})
    assert view.years == (2015, 2017) and view.time == "range"
    assert view.graph_filter().years == (2015, 2017)
    assert view.to_query() == {"from": "2015", "to": "2017"}


@pytest.mark.parametrize(
    "query, expected",
    [
        ({"depth": ["7"], "focus": ["org:x"]}, ViewParams(focus="org:x")),  # out of range: the default
        ({"depth": ["two"]}, ViewParams()),
        ({"color": ["purple"], "view": ["globe"]}, ViewParams()),
        ({"type": ["Organisation", "Spaceship", "Organisation"]}, ViewParams(types=(NodeType.ORGANISATION,))),
        ({"country": ["de", "DEU", "FR"]}, ViewParams(countries=("FR",))),
        ({"from": ["2017"], "to": ["2015"]}, ViewParams()),  # an empty range
        ({"year": ["2016"], "from": ["2015"], "to": ["2017"]}, ViewParams(year=2016)),  # one year wins
        ({"focus": [""]}, ViewParams()),
    ],
)
def test_what_a_link_gets_wrong_is_ignored(query, expected):
    assert ViewParams.from_query(query) == expected
