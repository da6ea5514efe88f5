"""The forum composer: whom to invite to a meeting on a topic.

Given a topic, a size ``k`` and optionally actors already invited,
:func:`compose_forum` proposes an invitation list that

- is relevant: actors who work on the topic (directly, or through events and
  agreements on it) first, then actors whose partners work on it;
- covers every country found among the relevant actors (while one is
  missing, only its actors are considered) and as many sectors
  (organisation kind, or the ``type`` attribute) as it can;
- brings in brokers: actors with high betweenness in the collaboration
  graph, who link otherwise separate parts of it (Freeman 1977);
- prefers pairs who have not met yet: an invitee gains for each other
  invitee it has no tie with;
- avoids redundant invitees: an actor whose partners largely overlap with
  an invitee's, or who repeats an invitee's country and sector, gains less.

It is a greedy selection (each step adds the actor with the largest gain),
the standard approach for such coverage objectives (Nemhauser, Wolsey and
Fisher 1978). Every invitee comes with the reasons it was picked.

References
----------
.. [1] L. C. Freeman, "A set of measures of centrality based on
   betweenness", Sociometry 40, 1977.
.. [2] G. L. Nemhauser, L. A. Wolsey and M. L. Fisher, "An analysis of
   approximations for maximizing submodular set functions", Math.
   Programming 14, 1978.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import ClassVar

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from graph.analysis.centrality import betweenness
from graph.analysis.network import Network
from graph.errors import NotFound
from graph.formats import csv_text
from graph.suggest.collab import CollabGraph


class ForumWeights(BaseModel):
    """How much each goal counts in an invitee's gain."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    relevance: float = Field(default=1.0, ge=0)
    country: float = Field(default=1.5, ge=0)
    sector: float = Field(default=1.0, ge=0)
    broker: float = Field(default=0.5, ge=0)
    unmet: float = Field(default=0.5, ge=0)
    redundancy: float = Field(default=0.75, ge=0)


@dataclass(frozen=True)
class Invitee:
    actor: str
    name: str
    country: str
    sector: str
    gain: float
    invited: bool
    reasons: tuple[str, ...]
    params: tuple[tuple[str, dict], ...] = ()


@dataclass(frozen=True)
class ForumPlan:
    topic: str | None
    invitees: list[Invitee]
    countries: list[str]
    countries_missing: list[str]
    sectors: list[str]
    sectors_missing: list[str]
    new_pairs: int
    pairs: int
    notes: list[str] = field(default_factory=list)

    #: The columns of :meth:`rows`, in order (CSV exports).
    CSV_COLUMNS: ClassVar[tuple[str, ...]] = (
        "rank",
        "actor",
        "name",
        "country",
        "sector",
        "invited",
        "gain",
        "reasons",
    )

    def to_dict(self) -> dict:
        """The plan as plain JSON data (the CLI's ``--format json``, the app's download)."""
        return {
            "topic": self.topic,
            "countries": self.countries,
            "countries_missing": self.countries_missing,
            "sectors": self.sectors,
            "sectors_missing": self.sectors_missing,
            "new_pairs": self.new_pairs,
            "pairs": self.pairs,
            "notes": self.notes,
            "invitees": [
                {
                    "actor": i.actor,
                    "name": i.name,
                    "country": i.country,
                    "sector": i.sector,
                    "invited": i.invited,
                    "gain": i.gain,
                    "reasons": list(i.reasons),
                }
                for i in self.invitees
            ],
        }

    def rows(self) -> list[dict[str, object]]:
        """One CSV row per invitee (:data:`CSV_COLUMNS`), reasons joined with `` | ``."""
        return [
            {
                "rank": n,
                "actor": i.actor,
                "name": i.name,
                "country": i.country,
                "sector": i.sector,
                "invited": i.invited,
                "gain": f"{i.gain:.6g}",
                "reasons": " | ".join(i.reasons),
            }
            for n, i in enumerate(self.invitees, start=1)
        ]


def forum_json(plan: ForumPlan) -> str:
    """A forum plan as JSON (:meth:`ForumPlan.to_dict`)."""
    return json.dumps(plan.to_dict(), indent=2, ensure_ascii=False)


def forum_csv(plan: ForumPlan) -> str:
    """A forum plan's invitees as CSV (:meth:`ForumPlan.rows`)."""
    return csv_text(ForumPlan.CSV_COLUMNS, plan.rows())


def _topic_index(cg: CollabGraph, topic: str | None) -> int | None:
    if topic is None:
        return None
    wanted = topic.casefold()
    for k, (tid, name) in enumerate(zip(cg.topic_ids, cg.topic_names)):
        if wanted in (str(tid).casefold(), str(name).casefold()):
            return k
    raise NotFound(topic)


def sector_attribute(cg: CollabGraph) -> str:
    """``kind`` when actors have organisation kinds, else ``type``."""
    kinds = cg.attribute("kind")
    return "kind" if np.any(kinds != "") else "type"


def broker_scores(cg: CollabGraph, *, samples: int = 200, seed: int = 0) -> np.ndarray:
    """Betweenness centrality in the collaboration graph, scaled to [0, 1]
    (estimated from ``samples`` sources on large graphs), once per graph.

    :func:`graph.analysis.centrality.betweenness` runs Brandes' algorithm in
    igraph's C core from the pivots networkx would draw, so the values equal
    ``networkx.betweenness_centrality(cg.to_networkx(), k=..., seed=seed)``;
    at CORDIS size (31,665 organisations, 797,000 ties) it takes seconds
    where networkx took 90.
    """

    def make():
        net = Network.from_matrix(list(cg.actors), cg.adjacency)
        k = None if cg.n <= samples else samples
        bc = betweenness(net, k=k, seed=seed, normalized=True)
        b = np.array([bc[a] for a in cg.actors], dtype=float)
        return b / b.max() if len(b) and b.max() > 0 else b

    return cg.cached(f"brokers:{samples}:{seed}", make)


def relevance(cg: CollabGraph, topic: str | None) -> np.ndarray:
    """1 for actors working on the topic, the share of partners working on
    it (times one half) for the others; with no topic, activity relative to
    the most active actor."""
    k = _topic_index(cg, topic)
    if k is None:
        act = cg.activity_count.astype(float)
        return act / act.max() if act.max() > 0 else act
    direct = np.asarray(cg.topics[:, k].todense()).ravel() > 0
    deg = cg.degree.astype(float)
    partners_on = np.asarray(cg.adjacency @ direct.astype(float)).ravel()
    via = np.where(deg > 0, partners_on / np.maximum(deg, 1), 0.0)
    return np.where(direct, 1.0, 0.5 * via)


def compose_forum(
    cg: CollabGraph,
    topic: str | None,
    k: int,
    *,
    invited: Sequence[str] = (),
    weights: ForumWeights | None = None,
    seed: int = 0,
    max_pool: int = 2000,
) -> ForumPlan:
    """Propose ``k`` invitees for a forum on ``topic`` (see the module docstring).

    ``invited`` actors are kept and count towards ``k``. On large graphs
    only the ``max_pool`` most relevant actors (plus the best of every
    country and sector) are considered. Raises
    :class:`~graph.errors.NotFound` for an unknown topic or actor.
    """
    w = weights or ForumWeights()
    rel = relevance(cg, topic)
    k_topic = _topic_index(cg, topic)
    topic_name = str(cg.topic_names[k_topic]) if k_topic is not None else None
    pre = []
    for actor in invited:
        if actor not in cg.index:
            raise NotFound(actor)
        pre.append(cg.index[actor])
    sector_attr = sector_attribute(cg)
    sectors = cg.attribute(sector_attr)
    countries = cg.country
    pool = np.flatnonzero(rel > 0)
    notes: list[str] = []
    if len(pool) < k:
        notes.append(f"only {len(pool)} actors relate to the topic; the rest are the most active others")
        others = np.setdiff1d(np.argsort(-cg.activity_count.astype(float), kind="stable"), pool, assume_unique=False)
        pool = np.r_[pool, others[: max(0, k - len(pool))]]
    if len(pool) > max_pool:
        # keep the most relevant, then most active, actors (but every country and sector's best)
        order = np.lexsort((-cg.activity_count[pool], -rel[pool]))
        ranked = pool[order]
        firsts: dict[tuple[str, str], int] = {}
        for i in ranked:
            firsts.setdefault((countries[i], sectors[i]), i)
        pool = np.unique(np.r_[ranked[:max_pool], list(firsts.values())]).astype(np.int64)
    target_countries = sorted({c for c in countries[pool] if c})
    target_sectors = sorted({s for s in sectors[pool] if s})
    broker = broker_scores(cg, seed=seed)
    a = cg.adjacency.tocsr()

    chosen: list[int] = list(dict.fromkeys(pre))
    gains: dict[int, float] = dict.fromkeys(chosen, 0.0)
    why: dict[int, list[tuple[str, dict]]] = {i: [("already_invited", {})] for i in chosen}
    covered_c = {countries[i] for i in chosen if countries[i]}
    covered_s = {sectors[i] for i in chosen if sectors[i]}
    # The candidates, with what each gain needs from the invitees so far, kept
    # up to date as invitees are added (one sparse product per invitee instead
    # of set operations per candidate and invitee): how many invitees a
    # candidate has not met, and its largest redundancy with one of them
    # (Jaccard overlap of their partners, plus one half for the same country
    # and sector). The same arithmetic as gain-by-gain, so the same choices.
    cand = np.array([int(i) for i in pool if int(i) not in gains], dtype=np.int64)
    alive = np.ones(len(cand), dtype=bool)
    pattern = a  # already 0/1 (CollabGraph.adjacency)
    n_partners = cg.degree.astype(float)
    rows = pattern[cand]
    cand_countries, cand_sectors = countries[cand], sectors[cand]
    n_unmet = np.zeros(len(cand))
    overlap = np.full(len(cand), -np.inf)

    def meet(s: int) -> None:
        shared = np.asarray((rows @ pattern[s].T).todense()).ravel()
        union = n_partners[cand] + n_partners[s] - shared
        jaccard = np.where(union > 0, shared / np.maximum(union, 1.0), 0.0)
        same = (cand_countries == countries[s]) & (cand_sectors == sectors[s])
        np.maximum(overlap, jaccard + np.where(same, 0.5, 0.0), out=overlap)
        n_unmet[:] += np.asarray(rows[:, [s]].todense()).ravel() == 0

    for s in chosen:
        meet(s)
    while len(chosen) < k and alive.any():
        # Every country first: while one is missing, only its actors compete.
        missing = {c for c in target_countries if c not in covered_c}
        new_c = np.array([bool(c) and c not in covered_c for c in cand_countries])
        new_s = np.array([bool(x) and x not in covered_s for x in cand_sectors])
        bring = alive & np.isin(cand_countries, list(missing))
        competing = bring if bring.any() else alive
        g = w.relevance * rel[cand]
        g = g + np.where(new_c, w.country, 0.0)
        g = g + np.where(new_s, w.sector, 0.0)
        g = g + w.broker * broker[cand]
        if chosen:
            g = g + w.unmet * n_unmet / len(chosen)
            g = g - w.redundancy * overlap
        top = np.max(g[competing])
        j = min(np.flatnonzero(competing & (g == top)), key=lambda x: cg.actors[cand[x]])  # ties: first id
        best = int(cand[j])
        parts: list[tuple[str, dict]] = []
        if new_c[j]:
            parts.append(("new_country", {"country": countries[best]}))
        if new_s[j]:
            parts.append(("new_sector", {"sector": sectors[best]}))
        chosen.append(best)
        gains[best] = float(top)
        why[best] = parts
        covered_c.add(countries[best])
        covered_s.add(sectors[best])
        alive[j] = False
        meet(best)
    neighbours = {i: set(a.indices[a.indptr[i] : a.indptr[i + 1]].tolist()) for i in chosen}

    invitees = []
    top_broker = np.quantile(broker[pool], 0.9) if len(pool) else 1.0
    for i in chosen:
        parts = list(why[i])
        at = 1 if i in pre else 0
        if rel[i] >= 1.0 and topic_name is not None:
            parts.insert(at, ("works_on_topic", {"topic": topic_name}))
        elif rel[i] > 0 and topic_name is not None:
            parts.insert(at, ("partners_on_topic", {"topic": topic_name}))
        if broker[i] > 0 and broker[i] >= top_broker:
            parts.append(("broker", {}))
        unmet = sum(1 for s in chosen if s != i and s not in neighbours[i])
        if unmet:
            parts.append(("unmet", {"n": unmet}))
        invitees.append(
            Invitee(
                actor=str(cg.actors[i]),
                name=str(cg.names[i]),
                country=str(countries[i]),
                sector=str(sectors[i]),
                gain=gains[i],
                invited=i in pre,
                reasons=tuple(FORUM_TEMPLATES[kind].format(**p) for kind, p in parts),
                params=tuple(parts),
            )
        )
    pairs = len(chosen) * (len(chosen) - 1) // 2
    new_pairs = sum(
        1 for x in range(len(chosen)) for y in range(x + 1, len(chosen)) if chosen[y] not in neighbours[chosen[x]]
    )
    return ForumPlan(
        topic=topic_name,
        invitees=invitees,
        countries=sorted(c for c in covered_c if c),
        countries_missing=[c for c in target_countries if c not in covered_c],
        sectors=sorted(s for s in covered_s if s),
        sectors_missing=[s for s in target_sectors if s not in covered_s],
        new_pairs=new_pairs,
        pairs=pairs,
        notes=notes,
    )


#: English texts of the reasons an invitee was picked.
FORUM_TEMPLATES = {
    "already_invited": "Already invited",
    "works_on_topic": "Works on {topic}",
    "partners_on_topic": "Partners work on {topic}",
    "new_country": "Brings in {country}",
    "new_sector": "Brings in the sector {sector}",
    "broker": "A broker: links otherwise separate parts of the network",
    "unmet": "Has not yet met {n} of the other invitees",
}


__all__ = [
    "FORUM_TEMPLATES",
    "ForumPlan",
    "ForumWeights",
    "Invitee",
    "broker_scores",
    "compose_forum",
    "forum_csv",
    "forum_json",
    "relevance",
]
