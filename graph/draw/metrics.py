"""Draw an analysed network with its communities and brokers (self-contained HTML).

The drawing is the offline vis-network page of :mod:`graph.draw.page`:
nodes are coloured by community (or by group), the top brokers are drawn
as large stars, and tooltips show each node's key figures.
Display strings come from the caller, so this module knows no language.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
from pyvis.network import Network as PyvisNetwork

from graph.analysis.network import Network
from graph.draw.page import COUNTRY_PALETTE, NO_COUNTRY, LegendEntry, finish_page, tooltip

__all__ = ["brokers", "metrics_html"]


def brokers(table: pd.DataFrame, k: int = 10) -> list:
    """Ids of the ``k`` nodes with the most brokerage (all five roles), ties broken by betweenness."""
    roles = [c for c in table.columns if c.startswith("brokerage_")]
    total = table[roles].fillna(0).sum(axis=1)
    ranked = table.assign(_total=total).sort_values(["_total", "betweenness"], ascending=False)
    return ranked.loc[ranked["_total"] > 0, "id"].head(k).tolist()


def metrics_html(
    net: Network,
    table: pd.DataFrame,
    *,
    color_by: str = "community",
    top_brokers: int = 10,
    max_nodes: int = 300,
    tooltip_labels: Mapping[str, str] | None = None,
    legend_labels: Mapping[str, str] | None = None,
    legend_title: str | None = None,
    height: int = 600,
) -> str:
    """The HTML page drawing ``net`` with the metrics of ``table``.

    Parameters
    ----------
    net : Network
    table : DataFrame
        The suite's node table (``id``, metrics, ``name``, group column).
    color_by : str
        ``"community"`` or the name of the group column (e.g. ``"country"``).
        The twelve largest values get colours, the rest grey.
    top_brokers : int
        How many of the top :func:`brokers` to highlight.
    max_nodes : int
        Only the nodes with the highest degree are drawn (with the ties among them).
    tooltip_labels : mapping, optional
        Display names of ``name``, ``community``, ``betweenness``, ``brokerage``.
    legend_labels : mapping, optional
        Display text per colour key (community number as string, group value); ``""`` = other.
    """
    labels = dict(tooltip_labels or {})
    t = table.set_index("id")
    keep = t.sort_values(["degree", "betweenness"], ascending=False).index[:max_nodes]
    keep_set = set(keep)
    hubs = set(brokers(table, top_brokers))
    values = t[color_by].astype("object").where(t[color_by].notna(), None)
    counts = values.value_counts()
    coloured = list(counts.index[: len(COUNTRY_PALETTE)])
    colour = {v: COUNTRY_PALETTE[i] for i, v in enumerate(coloured)}
    role_cols = [c for c in t.columns if c.startswith("brokerage_")]
    page = PyvisNetwork(height=f"{height}px", width="100%", directed=False, cdn_resources="in_line")
    for node in keep:
        row = t.loc[node]
        name = str(row.get("name", node)) if "name" in t.columns and row.get("name") is not None else str(node)
        broker_total = float(np.nansum(row[role_cols].to_numpy(dtype=float)))
        lines = [
            name,
            f"{labels.get('community', 'community')}: {int(row['community'])}",
            f"{labels.get('betweenness', 'betweenness')}: {row['betweenness']:.4f}",
            f"{labels.get('brokerage', 'brokerage')}: {broker_total:.0f}",
        ]
        value = values.get(node)
        is_broker = node in hubs
        page.add_node(
            str(node),
            label=name,
            title=tooltip(lines),
            shape="star" if is_broker else "dot",
            color=colour.get(value, NO_COUNTRY),
            size=28 if is_broker else 12,
            borderWidth=2 if is_broker else 1,
            font={"size": 16 if is_broker else 12, "bold": is_broker},
        )
    u, v, w = net.edges()
    for a, b, weight in zip(u.tolist(), v.tolist(), w.tolist()):
        x, y = net.nodes[a], net.nodes[b]
        if x in keep_set and y in keep_set:
            page.add_edge(str(x), str(y), value=weight, color="#AAAAAA")
    page.barnes_hut(gravity=-5000, spring_length=120)
    legend_text = dict(legend_labels or {})
    legend = [LegendEntry(str(k), legend_text.get(str(k), str(k)), colour[k]) for k in coloured]
    if len(counts) > len(coloured):
        legend.append(LegendEntry("", legend_text.get("", "…"), NO_COUNTRY))
    return finish_page(page, legend, legend_title)
