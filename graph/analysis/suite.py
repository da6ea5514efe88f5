"""The whole metric suite in one call, as the CLI, the app and the benchmark run it.

:func:`compute_metrics` converts the graph once, computes every node metric,
the communities, the cross-border metrics and the graph summary, and
returns them with the exact parameters used (including the resolved
betweenness sample size and its error bound) and the time of each step.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

import networkx as nx
import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict, Field

from graph.analysis import border, centrality, communities, structural_holes, summary
from graph.analysis.network import as_network
from graph.errors import AnalysisError

__all__ = ["MetricParams", "MetricsResult", "METRIC_COLUMNS", "STEPS", "compute_metrics"]

#: Node metric columns in table order.
METRIC_COLUMNS = (
    "degree",
    "weighted_degree",
    "betweenness",
    "closeness",
    "eigenvector",
    "pagerank",
    "clustering",
    "core_number",
    "constraint",
    "effective_size",
    "community",
    "ei_index",
    "cross_border_share",
    *(f"brokerage_{r}" for r in border.ROLES),
    "bridge_pairs",
)

#: The steps of the suite, in order (progress reports name them).
STEPS = (
    "degree",
    "betweenness",
    "closeness",
    "eigenvector",
    "pagerank",
    "clustering",
    "core_number",
    "structural_holes",
    "communities",
    "border",
    "brokerage",
    "bridges",
    "summary",
)


class MetricParams(BaseModel):
    """Every option of the suite; exported verbatim with the results."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    group_attr: str = Field(default="country", description="Node attribute whose values are the groups (borders)")
    seed: int = Field(default=42, description="Seed of every random step (pivots, communities)")
    weighted: bool = Field(
        default=True,
        description="Use tie weights for weighted degree, PageRank, eigenvector, constraint, effective size and communities",
    )
    exact_max_nodes: int = Field(
        default=5000, ge=2, description="Betweenness and closeness are exact up to this many nodes, sampled above"
    )
    pivots: int | None = Field(
        default=None, ge=2, description="Pivots for sampled betweenness/closeness (default: from epsilon, delta)"
    )
    epsilon: float = Field(default=0.1, gt=0, lt=1, description="Error bound of sampled betweenness (normalised)")
    delta: float = Field(default=0.1, gt=0, lt=1, description="Probability that the error bound fails")
    community_method: Literal["leiden", "louvain"] = "leiden"
    resolution: float = Field(default=1.0, gt=0)
    pagerank_alpha: float = Field(default=0.85, gt=0, lt=1)
    diameter: bool = Field(default=True, description="Compute the diameter of the largest component")


@dataclass
class MetricsResult:
    """What :func:`compute_metrics` returns.

    ``table`` has one row per node: ``id``, the :data:`METRIC_COLUMNS`,
    then ``name`` (when known) and the group attribute. ``groups`` is the
    E-I index per group, ``mixing`` the tie counts between groups (each tie
    counted in both directions), ``bridges`` the actors and ties that alone
    connect a pair of groups. ``parameters`` are the options as run, with
    the resolved sampling; ``timings`` the seconds of each step.
    """

    table: pd.DataFrame
    summary: dict
    groups: pd.DataFrame
    mixing: pd.DataFrame
    bridges: pd.DataFrame
    parameters: dict
    timings: dict[str, float] = field(default_factory=dict)


Progress = Callable[[str, int, int], None]


def compute_metrics(
    G,
    params: MetricParams | None = None,
    *,
    directed: nx.DiGraph | None = None,
    on_progress: Progress | None = None,
) -> MetricsResult:
    """Run the metric suite on ``G`` (networkx graph or :class:`Network`).

    Betweenness and closeness are exact when ``G`` has at most
    ``params.exact_max_nodes`` nodes; above, they are estimated from
    ``params.pivots`` pivots, or from as many as :func:`~graph.analysis.centrality.pivots_for`
    needs for ``epsilon`` and ``delta``. The brokerage roles follow the
    directions of ``directed`` (default: ``G`` itself when it is a directed
    networkx graph); everything else reads ties as undirected.

    Raises
    ------
    AnalysisError
        When no node has the group attribute.
    """
    p = params or MetricParams()
    if directed is None and isinstance(G, nx.Graph) and G.is_directed():
        directed = G
    net = as_network(G)
    attr = p.group_attr
    values = net.node_attrs.get(attr)
    if net.n and (values is None or all(v is None or v == "" for v in values)):
        known = ", ".join(sorted(net.node_attrs)) or "none"
        raise AnalysisError(f"no node has the attribute {attr!r} (node attributes: {known})", parameter="group_attr")
    w = "weight" if p.weighted else None
    timings: dict[str, float] = {}
    cols: dict[str, np.ndarray] = {}
    n = net.n
    sampled = n > p.exact_max_nodes
    k = (p.pivots or centrality.pivots_for(n, p.epsilon, p.delta)) if sampled else None
    if k is not None and k >= n:
        k = None
    resolved = {
        **p.model_dump(),
        "betweenness_method": "exact" if k is None else "sampled pivots (Brandes-Pich), nx-compatible",
        "pivots_used": k,
        "betweenness_error_bound": 0.0 if k is None else centrality.pivot_error(n, k, p.delta),
        "closeness_method": "exact" if k is None else "sampled pivots (Eppstein-Wang) per large component",
        "tie_weights_used_by": [
            "weighted_degree",
            "pagerank",
            "eigenvector",
            "constraint",
            "effective_size",
            "community",
        ]
        if p.weighted
        else ["weighted_degree"],
        "directed_input": directed is not None,
    }

    def step(name: str, fn: Callable[[], None]) -> None:
        if on_progress is not None:
            on_progress(name, STEPS.index(name), len(STEPS))
        t0 = time.perf_counter()
        fn()
        timings[name] = time.perf_counter() - t0

    def vec(d: dict) -> np.ndarray:
        return np.array([d[x] for x in net.nodes], dtype=float)

    def do_degree():
        cols["degree"] = net.degree.astype(float)
        cols["weighted_degree"] = net.strength.copy()

    def do_betweenness():
        cols["betweenness"] = vec(centrality.betweenness(net, k=k, seed=p.seed))

    def do_closeness():
        cols["closeness"] = vec(centrality.closeness(net, k=k, seed=p.seed))

    def do_eigenvector():
        cols["eigenvector"] = vec(centrality.eigenvector(net, weight=w)) if net.m else np.zeros(n)

    def do_pagerank():
        cols["pagerank"] = vec(centrality.pagerank(net, alpha=p.pagerank_alpha, weight=w))

    def do_clustering():
        cols["clustering"] = vec(centrality.clustering(net))

    def do_core():
        cols["core_number"] = vec(centrality.core_number(net))

    def do_holes():
        c, e = structural_holes.structural_holes(net, weight=w)
        cols["constraint"], cols["effective_size"] = vec(c), vec(e)

    comm: dict = {}

    def do_communities():
        labels = communities.community_labels(
            net, method=p.community_method, weight=w, resolution=p.resolution, seed=p.seed
        )
        comm["labels"] = labels
        cols["community"] = vec(labels)

    extra: dict = {}

    def do_border():
        cols["ei_index"] = vec(border.ei_index(net, attr))
        cols["cross_border_share"] = vec(border.cross_border_share(net, attr))
        extra["groups"] = border.group_ei(net, attr)
        m, labels = border.mixing_matrix(net, attr, normalized=False)
        extra["mixing"] = pd.DataFrame(m, index=labels, columns=labels)

    def do_brokerage():
        roles = border.brokerage(directed if directed is not None else net, attr)
        for r in border.ROLES:
            cols[f"brokerage_{r}"] = np.array([roles[x][r] for x in net.nodes], dtype=float)

    def do_bridges():
        rows = border.border_bridges(net, attr)
        extra["bridges"] = pd.DataFrame(
            [(b.kind, b.u, b.v, b.group_a, b.group_b) for b in rows],
            columns=["kind", "u", "v", "group_a", "group_b"],
        )
        per_actor = pd.Series([b.u for b in rows if b.kind == "actor"], dtype=object).value_counts()
        cols["bridge_pairs"] = np.array([per_actor.get(x, 0) for x in net.nodes], dtype=float)

    def do_summary():
        s = summary.summary(net, attr, clustering=cols["clustering"], with_diameter=p.diameter)
        labels = comm["labels"]
        s["communities"] = len(set(labels.values()))
        s["modularity"] = (
            communities.modularity(net, labels, weight=w, resolution=p.resolution) if net.m else float("nan")
        )
        s["border_bridge_actors"] = int((cols["bridge_pairs"] > 0).sum())
        s["border_bridge_ties"] = int((extra["bridges"]["kind"] == "tie").sum()) if len(extra["bridges"]) else 0
        extra["summary"] = s

    for name, fn in zip(
        STEPS,
        (
            do_degree,
            do_betweenness,
            do_closeness,
            do_eigenvector,
            do_pagerank,
            do_clustering,
            do_core,
            do_holes,
            do_communities,
            do_border,
            do_brokerage,
            do_bridges,
            do_summary,
        ),
    ):
        step(name, fn)
    if on_progress is not None:
        on_progress("done", len(STEPS), len(STEPS))

    table = pd.DataFrame({"id": list(net.nodes)})
    counts = ("degree", "core_number", "community", "bridge_pairs")
    for c in METRIC_COLUMNS:
        # + 0.0: a zero computed as -0.0 (the eigen solver's sign, a negated zero) is written 0.0, not -0.0
        table[c] = np.asarray(cols[c], dtype="int64") if c in counts else np.asarray(cols[c], dtype=float) + 0.0
    if "name" in net.node_attrs:
        table["name"] = net.node_attrs["name"]
    table[attr if attr not in table.columns else f"group_{attr}"] = net.node_attrs.get(attr, [None] * n)
    groups = pd.DataFrame.from_dict(extra["groups"], orient="index").rename_axis("group").reset_index()
    return MetricsResult(
        table=table,
        summary=extra["summary"],
        groups=groups,
        mixing=extra["mixing"],
        bridges=extra["bridges"],
        parameters=resolved,
        timings=timings,
    )
