"""Burt's constraint and effective size: hand-worked values and networkx."""

from __future__ import annotations

import math

import networkx as nx
import pytest

from graph.analysis.structural_holes import constraint, effective_size, structural_holes
from tests.support.analysis import CLASSIC, random_graph
from tests.support.graphs import assert_agree


def test_star_and_triangle_by_hand():
    star = nx.star_graph(4)  # centre 0 with 4 unconnected contacts
    # p = 1/4 to each contact, no indirect paths: 4 * (1/4)^2
    assert constraint(star)[0] == pytest.approx(0.25)
    assert effective_size(star)[0] == pytest.approx(4.0)
    # a leaf invests everything in the centre
    assert constraint(star)[1] == pytest.approx(1.0)
    tri = nx.complete_graph(3)
    # p = 1/2 direct + 1/2 * 1/2 indirect = 3/4 per contact, two contacts
    assert constraint(tri)[0] == pytest.approx(2 * 0.75**2)
    # d - 2t/d = 2 - 2*1/2
    assert effective_size(tri)[0] == pytest.approx(1.0)


def test_weighted_by_hand():
    # 0 ties to 1 (weight 3) and 2 (weight 1); 1-2 tied (weight 1)
    g = nx.Graph([(0, 1, {"weight": 3}), (0, 2, {"weight": 1}), (1, 2, {"weight": 1})])
    # p(0,1)=3/4, p(0,2)=1/4; p(1,2)=1/4 (1's strength 4), p(2,1)=1/2 (2's strength 2)
    c0 = (3 / 4 + 1 / 4 * 1 / 2) ** 2 + (1 / 4 + 3 / 4 * 1 / 4) ** 2
    assert constraint(g, weight="weight")[0] == pytest.approx(c0)
    # redundancy of 1 for 0: p(0,2) m(1,2) = 1/4 * 1/3; of 2: p(0,1) m(2,1) = 3/4 * 1
    assert effective_size(g, weight="weight")[0] == pytest.approx((1 - 1 / 12) + (1 - 3 / 4))


def test_isolates_are_nan():
    g = nx.Graph([(0, 1)])
    g.add_node(2)
    c, e = structural_holes(g)
    assert math.isnan(c[2]) and math.isnan(e[2])


@pytest.mark.parametrize("make", [*CLASSIC.values(), lambda: random_graph(3), lambda: random_graph(9, n=60, p=0.2)])
def test_agrees_with_networkx(make):
    g = make()
    assert_agree(constraint(g), nx.constraint(g))
    assert_agree(constraint(g, weight="weight"), nx.constraint(g, weight="weight"))
    assert_agree(effective_size(g), nx.effective_size(g))
    # networkx's all-nodes shortcut for weighted effective size normalises by the
    # wrong end of each tie; its per-node path follows Burt's definition.
    assert_agree(effective_size(g, weight="weight"), nx.effective_size(g, nodes=list(g), weight="weight"))
