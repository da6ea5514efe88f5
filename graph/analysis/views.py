"""Views of the stored graph for analysis.

- the **full typed graph** (:func:`full_network`): every node and tie, read
  as an undirected weighted graph (parallel ties add up);
- the **two-mode graphs** actor-event and actor-agreement
  (:func:`two_mode`): who ``PARTICIPATED_IN`` which event, who is
  ``PARTY_TO`` which agreement;
- their **one-mode projections** to actor-actor collaboration ties
  (:func:`project`, :func:`collaboration_network`), weighted by the number
  of shared events/agreements or by Newman's collaboration weighting, with
  optional recency decay;
- **time windows** (:func:`window`): the network as of a year, or between
  two years.

Projections are sparse matrix products (``B W B^T`` for the actor x item
incidence matrix ``B`` and a diagonal of item weights ``W``), so a network of
tens of thousands of actors projects in well under a second.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from typing import Literal

import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp

from graph.analysis.network import Network
from graph.convert import to_networkx
from graph.facts import facts_only, node_countries, node_places, within_years
from graph.model import ACTOR_TYPES, NodeType, PlaceKind, TieType
from graph.projections import collaboration, item_memberships
from graph.store.base import Subgraph

__all__ = [
    "Kind",
    "Weighting",
    "GROUP_ATTRIBUTES",
    "window",
    "facts_only",
    "typed_graph",
    "full_network",
    "node_attributes",
    "memberships",
    "two_mode",
    "project",
    "project_incidence",
    "collaboration_network",
    "ties_over_time",
]

Kind = Literal["events", "agreements", "both"]
Weighting = Literal["count", "newman"]

#: Groupings derived from the typed graph (any other node field works too).
GROUP_ATTRIBUTES = ("country", "city", "sector", "type")

_ITEM_TIES = {
    "events": (TieType.PARTICIPATED_IN,),
    "agreements": (TieType.PARTY_TO,),
    "both": (TieType.PARTICIPATED_IN, TieType.PARTY_TO),
}


# -- time windows ----------------------------------------------------------------


def window(sub: Subgraph, *, start: int | None = None, end: int | None = None) -> Subgraph:
    """The graph between the years ``start`` and ``end`` (both included; either may be open).

    ``window(sub, end=Y)`` is the network as of year ``Y``. Dated nodes
    (events, agreements, organisations) and dated ties are kept when their
    years meet the range; undated ones are always kept; ties need both
    ends kept (:func:`graph.facts.within_years`, the explorer's rule too).
    """
    if start is None and end is None:
        return sub
    lo = start if start is not None else -10_000
    hi = end if end is not None else 10_000
    if lo > hi:
        from graph.errors import AnalysisError

        raise AnalysisError(f"the time window {start}..{end} is empty", parameter="window")
    return within_years(sub, (lo, hi))


# -- the full typed graph --------------------------------------------------------


def typed_graph(sub: Subgraph) -> nx.MultiDiGraph:
    """The typed multigraph of the facts (see :func:`graph.convert.to_networkx`)."""
    return to_networkx(facts_only(sub))


def node_attributes(sub: Subgraph) -> dict[str, dict[str, Hashable | None]]:
    """Per node: ``name``, ``type`` and the groupings ``country``, ``city``, ``sector``.

    ``country`` is the node's one country (own, or derived from where it is
    located or, for persons, from their organisations; :func:`graph.facts.node_countries`);
    ``None`` when it has none or several. ``city`` likewise is the name of
    the one city or town it lies in. ``sector`` is an organisation's
    ``kind``; persons take it from their organisations when these agree.
    """
    countries = node_countries(sub)
    places = node_places(sub)
    by_id = {n.id: n for n in sub.nodes}
    cities = {
        pid for pid, n in by_id.items() if n.type is NodeType.PLACE and n.kind in (PlaceKind.CITY, PlaceKind.TOWN)
    }
    sector: dict[str, str | None] = {n.id: str(n.kind) for n in sub.nodes if n.type is NodeType.ORGANISATION}
    for t in sub.ties:
        if t.type is TieType.MEMBER_OF and by_id.get(t.source) is not None and by_id[t.source].type is NodeType.PERSON:
            s = sector.get(t.target)
            prev = sector.get(t.source, s)
            sector[t.source] = s if prev == s else None
    out: dict[str, dict] = {}
    for nid, node in by_id.items():
        c = countries.get(nid, frozenset())
        city = sorted(places.get(nid, frozenset()) & cities)
        out[nid] = {
            "name": node.name,
            "type": str(node.type),
            "country": next(iter(c)) if len(c) == 1 else None,
            "city": by_id[city[0]].name if len(city) == 1 else None,
            "sector": sector.get(nid),
        }
    return out


def full_network(sub: Subgraph) -> Network:
    """Every node and fact tie of ``sub`` as an undirected network; parallel ties add up to the weight."""
    sub = facts_only(sub)
    nodes = sorted(n.id for n in sub.nodes)
    index = {x: i for i, x in enumerate(nodes)}
    pairs = [(index[t.source], index[t.target]) for t in sub.ties if t.source in index and t.target in index]
    u = np.array([p[0] for p in pairs], dtype=np.int64)
    v = np.array([p[1] for p in pairs], dtype=np.int64)
    attrs = node_attributes(sub)
    return Network.from_edges(nodes, u, v, node_attrs=_columns(nodes, attrs), graph_attrs={"view": "full"})


def _columns(nodes: Sequence[str], attrs: Mapping[str, Mapping]) -> dict[str, list]:
    names = ("name", "type", "country", "city", "sector")
    return {a: [attrs.get(x, {}).get(a) for x in nodes] for a in names}


# -- two-mode graphs and projections --------------------------------------------


def memberships(sub: Subgraph, kind: Kind = "both") -> pd.DataFrame:
    """One row per actor-item tie: ``actor``, ``item``, ``year`` (the item's year, else the tie's).

    Items are events (``PARTICIPATED_IN``) and/or agreements (``PARTY_TO``)
    of the collaboration projection (:func:`graph.projections.item_memberships`).
    """
    if kind not in _ITEM_TIES:
        raise ValueError(f"kind must be one of {sorted(_ITEM_TIES)}")
    return item_memberships(sub, _ITEM_TIES[kind])


def two_mode(sub: Subgraph, kind: Kind = "both") -> nx.Graph:
    """The bipartite actor-item graph: actors have ``bipartite=0``, items ``bipartite=1``.

    Nodes carry ``name`` and ``type`` (and ``year`` for items); every actor
    of ``sub`` is included, also those without items.
    """
    df = memberships(sub, kind)
    by_id = {n.id: n for n in sub.nodes}
    g = nx.Graph()
    for n in sorted(sub.nodes, key=lambda x: x.id):
        if n.type in ACTOR_TYPES:
            g.add_node(n.id, bipartite=0, name=n.name, type=str(n.type))
    years = dict(zip(df["item"], df["year"]))
    for item in sorted(set(df["item"])):
        y = years[item]
        g.add_node(
            item,
            bipartite=1,
            name=by_id[item].name,
            type=str(by_id[item].type),
            **({"year": int(y)} if not pd.isna(y) else {}),
        )
    g.add_edges_from(zip(df["actor"], df["item"]))
    return g


def project_incidence(
    actors: Sequence[Hashable],
    actor_index: np.ndarray,
    item_index: np.ndarray,
    *,
    item_years: np.ndarray | None = None,
    weighting: Weighting = "count",
    half_life: float | None = None,
    reference_year: int | None = None,
    node_attrs: Mapping[str, list] | None = None,
) -> Network:
    """Project actor-item memberships given as index arrays onto actor-actor ties.

    Parameters
    ----------
    actors : sequence
        Actor keys; ``actor_index`` refers to positions in it.
    actor_index, item_index : array of int
        One entry per membership (repeats are counted once).
    item_years : array, optional
        Year of each item (indexed by item position; NaN when unknown);
        needed for ``half_life``.
    weighting : {"count", "newman"}
        ``count``: the weight of a tie is the number of shared items.
        ``newman``: each shared item with ``n_p`` members adds
        ``1 / (n_p - 1)`` [1]_, so a large consortium makes weaker ties than
        a small one.
    half_life : float, optional
        Recency decay: an item ``a`` years before ``reference_year`` counts
        ``0.5 ** (a / half_life)`` (items in or after that year count 1;
        undated items count 1).
    reference_year : int, optional
        Default: the latest item year.

    Returns
    -------
    Network
        Tie ``weight`` as chosen, plus ``count`` (shared items, undecayed) as
        an edge attribute.

    References
    ----------
    .. [1] M. E. J. Newman, "Scientific collaboration networks. II. Shortest
       paths, weighted networks, and centrality", Physical Review E 64
       (2001) 016132.
    """
    if weighting not in ("count", "newman"):
        raise ValueError("weighting must be 'count' or 'newman'")
    n = len(actors)
    actor_index = np.asarray(actor_index, dtype=np.int64)
    item_index = np.asarray(item_index, dtype=np.int64)
    items = int(item_index.max()) + 1 if len(item_index) else 0
    if item_years is not None:
        items = max(items, len(item_years))
    b = sp.csr_array((np.ones(len(actor_index)), (actor_index, item_index)), shape=(n, items))
    b.data[:] = 1.0  # a repeated membership counts once
    size = np.asarray(b.sum(axis=0)).ravel()
    w = np.ones(items)
    if weighting == "newman":
        w = np.divide(1.0, size - 1, out=np.zeros(items), where=size > 1)
    if half_life is not None:
        if half_life <= 0:
            raise ValueError("half_life must be positive")
        if item_years is None:
            raise ValueError("half_life needs item_years")
        years = np.asarray(item_years, dtype=float)
        if reference_year is None:
            reference_year = int(np.nanmax(years)) if np.isfinite(years).any() else 0
        age = np.where(np.isfinite(years), np.maximum(reference_year - years, 0), 0)
        w = w * 0.5 ** (age / half_life)
    # No item that ties two actors may weigh exactly 0, so that the weights
    # keep the pattern of the shared-item counts.
    w = np.where(size > 1, np.maximum(w, np.finfo(float).tiny), 0.0)
    weighted = b @ sp.dia_array((w, 0), shape=(items, items)) @ b.T
    counts = b @ b.T
    return Network.from_matrix(
        actors,
        weighted,
        node_attrs=node_attrs,
        edge_attrs={"count": counts},
        graph_attrs={
            "view": "projection",
            "weighting": weighting,
            "half_life": half_life,
            "reference_year": reference_year,
        },
    )


def project(
    B: nx.Graph,
    *,
    weighting: Weighting = "count",
    half_life: float | None = None,
    reference_year: int | None = None,
) -> Network:
    """Project a bipartite graph onto its ``bipartite=0`` side (see :func:`project_incidence`).

    Agrees with :func:`networkx.bipartite.weighted_projected_graph`
    (``count``) and :func:`networkx.bipartite.collaboration_weighted_projected_graph`
    (``newman``). Items may carry a ``year`` attribute for recency decay.
    """
    actors = [x for x, d in B.nodes(data=True) if d.get("bipartite") == 0]
    items = [x for x, d in B.nodes(data=True) if d.get("bipartite") != 0]
    ai = {x: i for i, x in enumerate(actors)}
    ii = {x: i for i, x in enumerate(items)}
    pairs = [(ai[a], ii[b]) if a in ai else (ai[b], ii[a]) for a, b in B.edges() if (a in ai) != (b in ai)]
    years = np.array([float(B.nodes[x].get("year", np.nan)) for x in items])
    attrs = {k: [B.nodes[x].get(k) for x in actors] for k in ("name", "type")}
    return project_incidence(
        actors,
        np.array([p[0] for p in pairs], dtype=np.int64),
        np.array([p[1] for p in pairs], dtype=np.int64),
        item_years=years,
        weighting=weighting,
        half_life=half_life,
        reference_year=reference_year,
        node_attrs=attrs,
    )


def collaboration_network(
    sub: Subgraph,
    *,
    kind: Kind = "both",
    weighting: Weighting = "count",
    half_life: float | None = None,
    reference_year: int | None = None,
    cooperation: bool = False,
) -> Network:
    """Actor-actor collaboration ties of the stored graph, with groupings as node attributes.

    Every actor (organisation or person) of ``sub`` is a node, also those
    without shared items. Ties are the collaboration projection
    (:data:`graph.projections.COLLABORATION`) of the actor-item graph of
    ``kind`` (see :func:`project_incidence`). With ``cooperation``, each
    stated ``COOPERATES_WITH`` tie adds 1 to the weight (and count) of its pair.
    Node attributes: ``name``, ``type``, ``country``, ``city``, ``sector``
    (see :func:`node_attributes`).
    """
    if kind not in _ITEM_TIES:
        raise ValueError(f"kind must be one of {sorted(_ITEM_TIES)}")
    rule = collaboration(cooperation=cooperation, item_ties=_ITEM_TIES[kind])
    actors = sorted(n.id for n in sub.nodes if n.type in ACTOR_TYPES)
    ai = {x: i for i, x in enumerate(actors)}
    df = item_memberships(sub, rule.item_ties)
    items = sorted(set(df["item"]))
    ii = {x: i for i, x in enumerate(items)}
    years = np.full(len(items), np.nan)
    for it, y in zip(df["item"], df["year"]):
        if not pd.isna(y):
            years[ii[it]] = float(y)
    attrs = _columns(actors, node_attributes(sub))
    a_idx = df["actor"].map(ai).to_numpy(dtype=np.int64)
    i_idx = df["item"].map(ii).to_numpy(dtype=np.int64)
    net = project_incidence(
        actors,
        a_idx,
        i_idx,
        item_years=years,
        weighting=weighting,
        half_life=half_life,
        reference_year=reference_year,
        node_attrs=attrs,
    )
    if rule.pair_ties:
        coop = [
            (ai[t.source], ai[t.target])
            for t in sub.ties
            if t.type in rule.pair_ties and t.source in ai and t.target in ai
        ]
        if coop:
            extra = sp.coo_array((np.ones(len(coop)), tuple(np.array(coop).T)), shape=(len(actors),) * 2)
            extra = extra + extra.T
            w = net.matrix() + extra
            c = sp.csr_array((net.edge_attrs["count"], net.indices, net.indptr), shape=w.shape) + extra
            net = Network.from_matrix(actors, w, node_attrs=attrs, edge_attrs={"count": c}, graph_attrs=net.graph_attrs)
    net.graph_attrs.update({"view": "collaboration", "kind": kind, "cooperation": cooperation})
    return net


def ties_over_time(sub: Subgraph, *, kind: Kind = "both") -> pd.DataFrame:
    """Collaboration ties by the year they first appear.

    Columns: ``year``, ``items`` (events/agreements of that year),
    ``new_ties`` (actor pairs sharing an item for the first time) and
    ``ties`` (cumulative). Undated items are left out.
    """
    df = memberships(sub, kind).dropna(subset=["year"])
    if df.empty:
        return pd.DataFrame({"year": [], "items": [], "new_ties": [], "ties": []}, dtype="int64")
    actors = sorted(set(df["actor"]))
    ai = {x: i for i, x in enumerate(actors)}
    items = sorted(set(df["item"]))
    ii = {x: i for i, x in enumerate(items)}
    n = len(actors)
    seen = sp.csr_array((n, n))
    rows = []
    for year, part in df.groupby(df["year"].astype(int), sort=True):
        b = sp.csr_array((np.ones(len(part)), (part["actor"].map(ai), part["item"].map(ii))), shape=(n, len(items)))
        pairs = b @ b.T
        pairs.setdiag(0)
        pairs.eliminate_zeros()
        before = seen.nnz
        seen = ((seen + pairs) > 0).astype(float)
        rows.append((int(year), part["item"].nunique(), (seen.nnz - before) // 2, seen.nnz // 2))
    return pd.DataFrame(rows, columns=["year", "items", "new_ties", "ties"])
