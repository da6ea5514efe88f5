"""The explorer's library: what the explorer page draws, filters, finds and details.

- :mod:`~graph.explore.filters`: the sidebar's filter and the values it offers (facets)
- :mod:`~graph.explore.view`: the whole network or an ego network, capped (:func:`explore`)
- :mod:`~graph.explore.detail`: search and the detail panel of one node

Derived facts (countries, places, topics, years) come from :mod:`graph.facts`,
shared with the analysis and the suggestions.
"""

from graph.explore.detail import NodeDetail, TieDetail, find, node_detail
from graph.explore.filters import Facets, GraphFilter, apply_filter, facets
from graph.explore.view import (
    DEFAULT_LIMIT,
    FILTER_REACH,
    Exploration,
    SharedTie,
    degree_ranking,
    ego_ranking,
    explore,
    hidden_items,
)

__all__ = [
    "DEFAULT_LIMIT",
    "FILTER_REACH",
    "Exploration",
    "Facets",
    "GraphFilter",
    "NodeDetail",
    "SharedTie",
    "TieDetail",
    "apply_filter",
    "degree_ranking",
    "ego_ranking",
    "explore",
    "facets",
    "find",
    "hidden_items",
    "node_detail",
]
