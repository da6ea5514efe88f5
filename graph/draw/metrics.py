"""Draw an analysed network with its communities and brokers (self-contained HTML).

The drawing is the offline vis-network page of :mod:`graph.draw.page`:
nodes are coloured by community (or by group), the top brokers are drawn
as large stars, and tooltips show each node's key figures.
Display strings come from the caller, so this module knows no language.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np
import pandas as pd

from graph.analysis.network import Network
from graph.draw.page import COUNTRY_PALETTE, NO_COUNTRY, LegendEntry, finish_page, tooltip

__all__ = ["COMMUNITY_PALETTE", "brokers", "metrics_html"]

#: Colours of communities and groups, largest first: the palette of countries, then twelve more
#: (light and dark variants), so that every community of a regional network has a colour of its own.
COMMUNITY_PALETTE = COUNTRY_PALETTE + (
    "#A6CEE3",
    "#FB9A99",
    "#B2DF8A",
    "#FDBF6F",
    "#CAB2D6",
    "#FFFF99",
    "#1F78B4",
    "#E31A1C",
    "#33A02C",
    "#FF7F00",
    "#6A3D9A",
    "#B15928",
)


#: Symbol and name size of the top brokers (vis-network units, before the zoom).
BROKER_SIZE, BROKER_FONT = 40, 48
#: Grey legend entries listed one by one before the rest are summed up (thousands of communities at CORDIS size).
LEGEND_GREY = 36


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
    number_format: Callable[[float, int], str] | None = None,
    assets: str | None = None,
) -> str:
    """The HTML page drawing ``net`` with the metrics of ``table``.

    Parameters
    ----------
    net : Network
    table : DataFrame
        The suite's node table (``id``, metrics, ``name``, group column).
    color_by : str
        ``"community"`` or the name of the group column (e.g. ``"country"``).
        Values get the colours of :data:`COMMUNITY_PALETTE`, largest first;
        when there are more, the smallest share grey. The legend lists every
        value, with the number of nodes drawn in it.
    top_brokers : int
        How many of the top :func:`brokers` to highlight.
    max_nodes : int
        Only the nodes with the highest degree are drawn (with the ties among them).
    tooltip_labels : mapping, optional
        Display names of ``name``, ``community``, ``betweenness``, ``brokerage``.
    legend_labels : mapping, optional
        Display text per colour key (community number as string, group value); ``""`` = other.
    number_format : callable, optional
        ``(value, decimals) -> text`` for the tooltips' figures (the reader's language).
    assets : str, optional
        Where the page loads vis-network from (see :func:`graph.draw.page.render_html`).
    """
    fmt = number_format or (lambda x, digits: f"{x:.{digits}f}")
    labels = dict(tooltip_labels or {})
    t = table.set_index("id")
    keep = t.sort_values(["degree", "betweenness"], ascending=False).index[:max_nodes]
    keep_set = set(keep)
    hubs = set(brokers(table, top_brokers))
    values = t[color_by].astype("object").where(t[color_by].notna(), None)
    counts = values.value_counts()
    coloured = list(counts.index[: len(COMMUNITY_PALETTE)])
    colour = {v: COMMUNITY_PALETTE[i] for i, v in enumerate(coloured)}
    role_cols = [c for c in t.columns if c.startswith("brokerage_")]
    from pyvis.network import Network as PyvisNetwork

    page = PyvisNetwork(height=f"{height}px", width="100%", directed=False, cdn_resources="in_line")
    for node in keep:
        row = t.loc[node]
        name = str(row.get("name", node)) if "name" in t.columns and row.get("name") is not None else str(node)
        broker_total = float(np.nansum(row[role_cols].to_numpy(dtype=float)))
        lines = [
            name,
            f"{labels.get('community', 'community')}: {int(row['community']) + 1}",
            f"{labels.get('betweenness', 'betweenness')}: {fmt(float(row['betweenness']), 4)}",
            f"{labels.get('brokerage', 'brokerage')}: {fmt(broker_total, 0)}",
        ]
        value = values.get(node)
        is_broker = node in hubs
        page.add_node(
            str(node),
            label=name,
            title=tooltip(lines),
            shape="star" if is_broker else "dot",
            color=colour.get(value, NO_COUNTRY),
            size=BROKER_SIZE if is_broker else 12,
            borderWidth=2 if is_broker else 1,
            # vis-network scales names with the zoom and leaves out those under 5 px: fitted to its
            # frame, a network of a hundred nodes is drawn at about a third, so the brokers' names are
            # written large enough to stay, the others appear as the reader zooms in
            font={"size": BROKER_FONT if is_broker else 12, "bold": is_broker},
        )
    u, v, w = net.edges()
    for a, b, weight in zip(u.tolist(), v.tolist(), w.tolist()):
        x, y = net.nodes[a], net.nodes[b]
        if x in keep_set and y in keep_set:
            page.add_edge(str(x), str(y), value=weight, color="#AAAAAA")
    page.barnes_hut(gravity=-2000, spring_length=60)  # compact: fitted to the frame, names stay legible
    legend_text = dict(legend_labels or {})
    legend = [LegendEntry(str(k), legend_text.get(str(k), str(k)), colour[k]) for k in coloured]
    rest = list(counts.index[len(coloured) :])
    legend += [LegendEntry(str(k), legend_text.get(str(k), str(k)), NO_COUNTRY) for k in rest[:LEGEND_GREY]]
    if len(rest) > LEGEND_GREY:
        legend.append(LegendEntry("", f"{legend_text.get('', '…')} (+{len(rest) - LEGEND_GREY})", NO_COUNTRY))
    return finish_page(page, legend, legend_title, assets=assets)
