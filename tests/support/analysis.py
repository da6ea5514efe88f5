"""Shared graphs for the analysis tests: networkx's classic real networks and
small random graphs, each with a group attribute ``group``."""

from __future__ import annotations

import random

import networkx as nx


def karate() -> nx.Graph:
    """Zachary's karate club; groups: the two clubs after the split; tie weights as networkx ships them."""
    g = nx.karate_club_graph()
    for _v, d in g.nodes(data=True):
        d["group"] = d["club"]
    return g


def florentine() -> nx.Graph:
    """Padgett's Florentine families (marriage ties); groups: Medici party or oligarchs (Padgett and Ansell 1993)."""
    g = nx.florentine_families_graph()
    medici = {"Medici", "Tornabuoni", "Albizzi", "Ridolfi", "Acciaiuoli", "Barbadori", "Salviati", "Pazzi", "Ginori"}
    for v in g:
        g.nodes[v]["group"] = "medici" if v in medici else "oligarch"
    return g


def davis() -> nx.Graph:
    """Davis' Southern Women projected onto the women (weight = events shared); groups: Davis' two cliques."""
    b = nx.davis_southern_women_graph()
    women = [v for v, d in b.nodes(data=True) if d["bipartite"] == 0]
    g = nx.bipartite.weighted_projected_graph(b, women)
    for i, v in enumerate(women):
        g.nodes[v]["group"] = "first" if i < 9 else "second"
    return g


def random_graph(seed: int, n: int = 40, p: float = 0.12, groups: str = "ABCD", missing: float = 0.0) -> nx.Graph:
    """A G(n, p) graph with integer weights 1..4 and random groups (some missing)."""
    rng = random.Random(seed)
    g = nx.gnp_random_graph(n, p, seed=seed)
    for u, v in g.edges():
        g[u][v]["weight"] = rng.randint(1, 4)
    for v in g:
        g.nodes[v]["group"] = None if rng.random() < missing else rng.choice(groups)
    return g


CLASSIC = {"karate": karate, "florentine": florentine, "davis": davis}
