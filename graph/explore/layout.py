"""Where a picture's nodes go and which of them are named: importance, labels, positions.

Read by :func:`graph.explore.picture.compose`, which says how a picture is
made as a whole:

- **importance** (:func:`importance`): a node's degree and its betweenness
  in the picture, each relative to the largest; the larger of the two sets
  the node's size;
- **labels** (:func:`label_set`): the focus, its most important neighbours
  and the most important nodes by degree and by betweenness are written at
  every zoom;
- **positions** (:func:`layout`): Kamada–Kawai per connected part, the
  parts packed side by side, largest first; no randomness beyond ``seed``.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable, Mapping, Sequence

import numpy as np

__all__ = ["SINGLE_ROW", "SINGLE_STEP", "importance", "label_set", "layout"]


# -- importance and labels ---------------------------------------------------------


def _pairs(ids: Sequence[str], links: Iterable[tuple[str, str]]) -> list[tuple[int, int]]:
    index = {x: i for i, x in enumerate(ids)}
    return sorted(
        {(min(index[a], index[b]), max(index[a], index[b])) for a, b in links if a in index and b in index and a != b}
    )


def importance(ids: Sequence[str], links: Iterable[tuple[str, str]]) -> dict[str, tuple[int, float, float]]:
    """Degree, betweenness and importance of every node of a picture.

    Parameters
    ----------
    ids : sequence of str
        The nodes.
    links : iterable of (str, str)
        The lines between them (undirected; repeated pairs count once).

    Returns
    -------
    dict
        Per node id: the number of neighbours, the betweenness centrality
        [1]_ (normalised to 0..1 over pairs of other nodes, as networkx's
        ``betweenness_centrality`` does), and the importance: the larger
        of the degree relative to the largest degree and the betweenness
        relative to the largest betweenness, so that hubs and brokers
        both stand out.

    References
    ----------
    .. [1] L. C. Freeman, "A set of measures of centrality based on
       betweenness", Sociometry 40 (1977) 35–41.
    """
    import igraph as ig

    ids = list(ids)
    if not ids:
        return {}
    edges = _pairs(ids, links)
    g = ig.Graph(n=len(ids), edges=edges, directed=False)
    degree = g.degree()
    n = len(ids)
    scale = 2.0 / ((n - 1) * (n - 2)) if n > 2 else 1.0
    between = [b * scale for b in g.betweenness(directed=False)] if edges else [0.0] * n
    top_d = max(degree) or 1
    top_b = max(between) or 1.0
    return {
        x: (int(d), float(b), max(d / top_d, b / top_b if max(between) > 0 else 0.0))
        for x, d, b in zip(ids, degree, between)
    }


def label_set(
    scores: Mapping[str, tuple[int, float, float]],
    links: Iterable[tuple[str, str]],
    *,
    focus: str | None = None,
    top: int | None = None,
    neighbours: int = 12,
) -> set[str]:
    """The nodes whose names are written at every zoom.

    The focus; its ``neighbours`` most important neighbours; and the ``top``
    nodes by degree and the ``top`` nodes by betweenness (default: an
    eighth of the picture, at least 5 and at most 15 each). Nodes without
    any tie count only as the focus. Ties in order of importance, then id.
    """
    n = len(scores)
    k = top if top is not None else min(15, max(5, n // 8))
    chosen: set[str] = set()
    if focus is not None and focus in scores:
        chosen.add(focus)
        near = {b if a == focus else a for a, b in links if focus in (a, b)} - {focus}
        near_ranked = sorted((x for x in near if x in scores), key=lambda x: (-scores[x][2], x))
        chosen.update(near_ranked[:neighbours])
    tied = [x for x, (d, _, _) in scores.items() if d > 0]
    chosen.update(sorted(tied, key=lambda x: (-scores[x][0], -scores[x][2], x))[:k])
    by_between = [x for x in tied if scores[x][1] > 0]
    chosen.update(sorted(by_between, key=lambda x: (-scores[x][1], -scores[x][2], x))[:k])
    return chosen


# -- positions -----------------------------------------------------------------------


#: Nodes without ties stand in rows this many ``spacing`` apart (room for a name), rows closer.
SINGLE_STEP, SINGLE_ROW = 3.0, 0.5


def layout(
    ids: Sequence[str],
    links: Iterable[tuple[str, str]],
    *,
    seed: int = 0,
    spacing: float = 60.0,
    aspect: float | None = 1.6,
) -> dict[str, tuple[float, float]]:
    """Positions of the nodes: clusters apart, parts side by side, the same every time.

    Clusters are the communities of greedy modularity optimisation [1]_
    (igraph's ``community_fastgreedy``, which draws no random numbers).
    Each connected part of more than two nodes is laid out by Kamada–Kawai
    [2]_ with ties between clusters three times as long as ties within one,
    starting from a circle of its nodes ordered by cluster (the order within
    a cluster depends only on ``seed`` and the ids); so clusters sit apart.
    Parts are then placed on shelves, largest first, and single nodes line
    up below them (:data:`SINGLE_STEP`). The same nodes, ties and seed
    always give the same positions. ``spacing`` is the typical distance
    between tied nodes.
    A drawing narrower than ``aspect`` (width / height; screens are wide) is
    stretched sideways towards it, by at most half again.

    .. [1] A. Clauset, M. E. J. Newman and C. Moore, "Finding community
       structure in very large networks", Phys. Rev. E 70, 066111 (2004).
    .. [2] T. Kamada and S. Kawai, "An algorithm for drawing general
       undirected graphs", Information Processing Letters 31 (1989) 7–15.
    """
    import igraph as ig

    order = sorted(ids)
    if not order:
        return {}
    edges = _pairs(order, links)
    g = ig.Graph(n=len(order), edges=edges, directed=False)
    cluster = g.community_fastgreedy().as_clustering().membership if edges else [0] * len(order)
    parts = sorted(g.connected_components(), key=lambda c: (-len(c), min(c)))
    boxes: list[tuple[list[int], np.ndarray]] = []
    singles: list[int] = []
    for members in parts:
        if len(members) == 1:
            singles.append(members[0])
            continue
        if len(members) == 2:
            xy = np.array([[0.0, 0.0], [spacing, 0.0]])
        else:
            sub = g.subgraph(members)
            shuffled = list(members)
            random.Random(f"{seed}:{order[members[0]]}").shuffle(shuffled)
            rank = {m: k for k, m in enumerate(shuffled)}
            around = sorted(range(len(members)), key=lambda i: (cluster[members[i]], rank[members[i]]))
            angle = np.zeros(len(members))
            angle[around] = np.linspace(0, 2 * np.pi, len(members), endpoint=False)
            start = np.column_stack([np.cos(angle), np.sin(angle)]) * math.sqrt(len(members))
            tied = sub.get_edgelist()
            lengths = [1.0 if cluster[members[a]] == cluster[members[b]] else 3.0 for a, b in tied]
            xy = np.asarray(
                sub.layout_kamada_kawai(seed=start.tolist(), maxiter=10 * len(members), weights=lengths).coords,
                dtype=float,
            )
            # scale so that tied nodes are about ``spacing`` apart
            ends = np.asarray(tied, dtype=int).reshape(-1, 2)
            drawn = np.hypot(*(xy[ends[:, 0]] - xy[ends[:, 1]]).T)
            typical = float(np.median(drawn)) if len(drawn) else 1.0
            xy *= spacing / (typical or 1.0)
        xy -= xy.min(axis=0)
        boxes.append((members, xy))
    positions: dict[str, tuple[float, float]] = {}
    area = sum((xy[:, 0].max() + spacing) * (xy[:, 1].max() + spacing) for _, xy in boxes)
    area += len(singles) * SINGLE_STEP * SINGLE_ROW * spacing * spacing
    width = max(math.sqrt(area) * 1.6, spacing * 4)
    x = y = shelf = 0.0
    for members, xy in boxes:
        w, h = xy[:, 0].max() + spacing, xy[:, 1].max() + spacing
        if x > 0 and x + w > width:
            x, y, shelf = 0.0, y + shelf, 0.0
        for i, (a, b) in zip(members, xy):
            positions[order[i]] = (x + float(a), y + float(b))
        x, shelf = x + w, max(shelf, h)
    if singles:
        y, step = y + shelf, SINGLE_STEP * spacing  # room for a name beside each
        per_row = max(int(max(width, x) // step), 1)
        for k, i in enumerate(sorted(singles, key=lambda i: order[i])):
            positions[order[i]] = ((k % per_row) * step, y + (k // per_row) * SINGLE_ROW * spacing)
    if aspect and len(positions) > 2:
        xs = [p[0] for p in positions.values()]
        ys = [p[1] for p in positions.values()]
        wide, high = max(xs) - min(xs), max(ys) - min(ys)
        if wide > 0 and high > 0 and wide / high < aspect:
            factor = min(aspect * high / wide, 1.5)
            positions = {k: (x * factor, y) for k, (x, y) in positions.items()}
    return {k: (round(v[0], 1), round(v[1], 1)) for k, v in positions.items()}
