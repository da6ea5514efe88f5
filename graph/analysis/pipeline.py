"""From a stored snapshot or a user's graph file to metrics with provenance.

The CLI (``pontes metrics``) and the app's Metrics page call these two
functions and nothing else; both return an :class:`Analysis` that
:func:`write_analysis` writes out.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from graph.analysis import views
from graph.analysis.export import file_hash, metadata, network_hash, read_graph, snapshot_hash, write_metrics
from graph.analysis.network import Network, as_network
from graph.analysis.suite import MetricParams, MetricsResult, Progress, compute_metrics
from graph.errors import AnalysisError
from graph.model import Source
from graph.store.base import Subgraph

__all__ = [
    "WEIGHTING_MEANING",
    "ViewSpec",
    "Analysis",
    "analyse_snapshot",
    "analyse_file",
    "network_of_snapshot",
    "write_analysis",
]

#: What a tie's weight means under each weighting, as the exports' metadata says it.
WEIGHTING_MEANING = {
    "count": "each shared event or agreement adds 1 to the tie between two of its participants",
    "newman": (
        "each shared event or agreement with n participants adds 1/(n-1) to the tie between two of them "
        "(Newman 2001, Phys. Rev. E 64, 016132): a participant's ties from one item add up to 1, "
        "so a large workshop weighs no more per participant than a small meeting"
    ),
    "full": "the full typed graph: parallel ties between two nodes add up",
}


class ViewSpec(BaseModel):
    """Which view of the stored graph to analyse.

    ``view``: ``collaboration`` (actor-actor ties from shared events and
    agreements), ``events`` or ``agreements`` (from one kind only), or
    ``full`` (the whole typed graph, undirected). ``start``/``end`` bound
    the time window (years, inclusive; ``end`` alone = as of that year).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    view: Literal["collaboration", "events", "agreements", "full"] = "collaboration"
    weighting: Literal["count", "newman"] = "count"
    half_life: float | None = Field(default=None, gt=0, description="Recency decay of items, in years")
    cooperation: bool = Field(default=False, description="Add stated COOPERATES_WITH ties to the projection")
    start: int | None = None
    end: int | None = None

    @model_validator(mode="after")
    def _window_ordered(self):
        if self.start is not None and self.end is not None and self.start > self.end:
            raise ValueError(f"the time window {self.start}..{self.end} is empty")
        return self


@dataclass(frozen=True)
class Analysis:
    """The analysed network, the metrics and the provenance to export with them."""

    network: Network
    result: MetricsResult
    metadata: dict


def network_of_snapshot(sub: Subgraph, spec: ViewSpec) -> Network:
    """The network that ``spec`` selects from the snapshot ``sub``."""
    part = views.window(sub, start=spec.start, end=spec.end)
    if spec.view == "full":
        return views.full_network(part)
    kinds: dict[str, views.Kind] = {"collaboration": "both", "events": "events", "agreements": "agreements"}
    kind = kinds[spec.view]
    return views.collaboration_network(
        part,
        kind=kind,
        weighting=spec.weighting,
        half_life=spec.half_life,
        reference_year=spec.end,
        cooperation=spec.cooperation,
    )


def analyse_snapshot(
    sub: Subgraph,
    sources: Sequence[Source],
    spec: ViewSpec | None = None,
    params: MetricParams | None = None,
    *,
    input: dict | None = None,
    on_progress: Progress | None = None,
    snapshot_sha256: str | None = None,
) -> Analysis:
    """Metrics of a view of the stored graph, with provenance.

    The metadata cites the sources of the nodes and ties inside the time
    window and the snapshot's hash (:func:`~graph.analysis.export.snapshot_hash`
    of ``sub``; pass ``snapshot_sha256`` when it is known already: hashing
    every fact takes seconds at CORDIS size). Raises :class:`AnalysisError`
    for an empty view.
    """
    spec = spec or ViewSpec()
    params = params or MetricParams()
    net = network_of_snapshot(sub, spec)
    if net.n == 0:
        raise AnalysisError("the selected view has no nodes (is the store empty?)", parameter="view")
    result = compute_metrics(net, params, on_progress=on_progress)
    part = views.window(sub, start=spec.start, end=spec.end)
    cited = {s for n in part.nodes for s in n.sources} | {s for t in part.ties for s in t.sources}
    meta = metadata(
        result,
        input=input or {"kind": "store"},
        snapshot_sha256=snapshot_sha256 or snapshot_hash(sub),
        network_sha256=network_hash(net, params.group_attr),
        sources=[s for s in sorted(sources, key=lambda s: s.id) if s.id in cited],
        window={"start": spec.start, "end": spec.end},
        view={
            **spec.model_dump(),
            "weighting_meaning": WEIGHTING_MEANING["full" if spec.view == "full" else spec.weighting],
        },
    )
    return Analysis(net, result, meta)


def _check_weights(g, weight_attr: str | None, path: Path) -> None:
    """Refuse tie strengths no metric can use: nan, infinite or negative (a text counts as 1, see
    :func:`graph.analysis.network.as_network`); nan made the eigenvector centrality fail deep inside."""
    if weight_attr is None:
        return
    for a, b, data in g.edges(data=True):
        value = data.get(weight_attr)
        if isinstance(value, bool) or value is None:
            continue
        try:
            number = float(value)
        except (TypeError, ValueError):
            continue
        if not math.isfinite(number) or number < 0:
            raise AnalysisError(
                f"{path}: the tie {a} - {b} has {weight_attr} {value!r}; a tie strength is a finite number of 0 or more",
                parameter="weight_attr",
            )


def analyse_file(
    path: str | Path,
    params: MetricParams | None = None,
    *,
    weight_attr: str | None = "weight",
    on_progress: Progress | None = None,
) -> Analysis:
    """Metrics of a graph file a researcher brings (GraphML, GEXF, node-link JSON).

    ``params.group_attr`` names the node attribute whose values are the
    groups. A directed graph keeps its direction for the brokerage roles.
    """
    params = params or MetricParams()
    path = Path(path)
    g = read_graph(path)
    if g.number_of_nodes() == 0:
        raise AnalysisError(f"{path} holds no nodes", parameter="input")
    _check_weights(g, weight_attr, path)
    net = as_network(g, weight=weight_attr)
    result = compute_metrics(net, params, directed=g if g.is_directed() else None, on_progress=on_progress)
    meta = metadata(
        result,
        input={
            "kind": "file",
            "path": str(path),
            "format": path.suffix.lower().lstrip("."),
            "directed": g.is_directed(),
            "weight_attr": weight_attr,
        },
        snapshot_sha256=file_hash(path),
        network_sha256=network_hash(net, params.group_attr),
        sources=[{"id": path.name, "title": f"User-supplied graph file {path.name}", "sha256": file_hash(path)}],
        view={"view": "file"},
    )
    return Analysis(net, result, meta)


def write_analysis(
    analysis: Analysis,
    out: str | Path,
    *,
    graph_formats: Sequence[str] = (),
    names: Mapping[str, str] | None = None,
) -> list[Path]:
    """Write every export of ``analysis`` into the folder ``out`` (see :mod:`graph.analysis.export`;
    ``names``, node id -> name, as in :func:`graph.analysis.export.write_metrics`)."""
    return write_metrics(
        analysis.result,
        out,
        meta=analysis.metadata,
        network=analysis.network,
        graph_formats=graph_formats,
        names=names,
    )
