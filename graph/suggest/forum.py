"""The forum composer: whom to invite to a meeting on a topic.

Given a topic, a size ``k`` and optionally actors already invited (or only
invitees, no topic), :func:`compose_forum` proposes an invitation list that

- is relevant: organisations that work on the topic (directly, or through
  events and agreements on it) first, then those whose partners work on it;
  when fewer work on it than there are seats, every one of them is invited
  (after one actor of each missing country);
  with invitees but no topic, those that work on the invitees' topics; with
  neither, the most active ones;
- covers the countries and sectors (organisation kinds, or a table's actor
  types) of the region: every single country and sector (but ``other``)
  among the network's organisations, or the ones the planner picks (while
  a country is missing, only its actors compete); what is still missing is
  reported;
- brings in brokers: actors with high betweenness in the collaboration
  graph, who link otherwise separate parts of it (Freeman 1977);
- prefers pairs who have not met yet: an invitee gains for each other
  invitee it has no tie with;
- avoids redundant invitees: an actor whose partners largely overlap with
  an invitee's, or who repeats an invitee's country and sector, gains less.

It is a greedy selection (each step adds the actor with the largest gain),
the standard approach for such coverage objectives (Nemhauser, Wolsey and
Fisher 1978). Every invitee comes with the reasons it was picked, at least
one of them beyond "has not yet met"; an actor with none (no topic, no
coverage, no activity) is not invited, and the plan says when fewer than
``k`` fit. A unit (a working group, a board; :mod:`graph.suggest.structure`)
is invited only where it is more relevant than its parents, or where its
sector is one the planner asked for. Countries and sectors asked for that
no actor of the network has are named in a note. Persons are invited only by name (``invited``), role stand-ins of
private persons never. A topic no actor works on yet can be composed too:
the plan says so and invites for coverage and activity.

Countries are shown as everywhere else (:func:`graph.facts.node_country`);
an actor in several countries covers none of them by itself.

References
----------
.. [1] L. C. Freeman, "A set of measures of centrality based on
   betweenness", Sociometry 40, 1977.
.. [2] G. L. Nemhauser, L. A. Wolsey and M. L. Fisher, "An analysis of
   approximations for maximizing submodular set functions", Math.
   Programming 14, 1978.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from graph.analysis.centrality import betweenness
from graph.analysis.network import Network
from graph.errors import NotFound, Problem, ValidationFailed
from graph.model import OrgKind
from graph.privacy import STAND_IN_PREFIX
from graph.suggest.collab import CollabGraph
from graph.suggest.forum_plan import ForumPlan, Invitee, forum_csv, forum_json


class ForumWeights(BaseModel):
    """How much each goal counts in an invitee's gain."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    relevance: float = Field(default=1.0, ge=0)
    country: float = Field(default=1.5, ge=0)
    sector: float = Field(default=1.0, ge=0)
    broker: float = Field(default=0.5, ge=0)
    unmet: float = Field(default=0.5, ge=0)
    redundancy: float = Field(default=0.75, ge=0)


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


def relevance(cg: CollabGraph, topic: str | None, invited: Sequence[int] = ()) -> np.ndarray:
    """How relevant each actor is to the forum, in [0, 1].

    With a topic: 1 for actors working on it, one half of the share of
    partners working on it for the others. Without a topic but with
    invitees: the cosine of the actor's topics with the invitees' topics
    together. With neither: activity relative to the most active actor.
    """
    k = _topic_index(cg, topic)
    if k is None and len(invited) and cg.topics.shape[1]:
        wanted = np.asarray(cg.topics[list(invited)].sum(axis=0)).ravel()
        t = cg.topics
        norms = np.sqrt(np.asarray(t.multiply(t).sum(axis=1)).ravel()) * np.sqrt(wanted @ wanted)
        dots = np.asarray(t @ wanted).ravel()
        return np.where(norms > 0, dots / np.maximum(norms, 1e-300), 0.0)
    if k is None:
        act = cg.activity_count.astype(float)
        return act / act.max() if act.max() > 0 else act
    direct = np.asarray(cg.topics[:, k].todense()).ravel() > 0
    deg = cg.degree.astype(float)
    partners_on = np.asarray(cg.adjacency @ direct.astype(float)).ravel()
    via = np.where(deg > 0, partners_on / np.maximum(deg, 1), 0.0)
    return np.where(direct, 1.0, 0.5 * via)


#: The sector that is no sector: not a coverage target unless the planner names it.
OTHER_SECTOR = "other"


def eligible(cg: CollabGraph) -> np.ndarray:
    """Mask of the actors a forum may invite unasked: organisations (not
    persons, never a private person's stand-in)."""
    ids = cg.actors.astype(str)
    person = np.char.lower(cg.attribute("type").astype(str)) == "person"
    return ~person & ~np.char.startswith(ids, STAND_IN_PREFIX) if cg.n else np.zeros(0, dtype=bool)


def single_countries(cg: CollabGraph) -> np.ndarray:
    """Per actor its country where it has exactly one, else "" (coverage counts these only)."""
    keys = cg.country_keys.astype(str)
    return np.where(np.char.find(keys, ",") >= 0, "", keys).astype(object)


def _check_wanted(countries: list[str], sectors: list[str]) -> None:
    """Wanted countries and sectors must be what the model calls one (a two-letter country code, a
    kind of organisation): anything else is a mistake (a typo, a name for a code), not a gap to
    report. A real one that no actor has is a gap: the plan names it as missing."""
    problems = []
    bad = [c for c in countries if not re.fullmatch(r"[A-Z]{2}", c)]
    if bad:
        problems.append(Problem("(forum)", "coverage", "countries", f"not a two-letter country code: {', '.join(bad)}"))
    kinds = [k.value for k in OrgKind]
    unknown = [x for x in sectors if x not in kinds]
    if unknown:
        problems.append(
            Problem(
                "(forum)",
                "coverage",
                "sectors",
                f"not a kind of organisation: {', '.join(unknown)}; kinds: {', '.join(kinds)}",
            )
        )
    if problems:
        raise ValidationFailed(problems)


def compose_forum(
    cg: CollabGraph,
    topic: str | None,
    k: int,
    *,
    invited: Sequence[str] = (),
    countries: Sequence[str] | None = None,
    sectors: Sequence[str] | None = None,
    weights: ForumWeights | None = None,
    seed: int = 0,
    max_pool: int = 2000,
) -> ForumPlan:
    """Propose ``k`` invitees for a forum on ``topic`` (see the module docstring).

    ``invited`` actors are kept and count towards ``k``. ``countries`` and
    ``sectors`` are the coverage the planner wants (default: every single
    country and every sector among the organisations of the network). On
    large graphs only the ``max_pool`` most relevant actors (plus the best
    of every country and sector) are considered. Raises
    :class:`~graph.errors.NotFound` for an unknown topic or actor.
    """
    w = weights or ForumWeights()
    pre = []
    for actor in invited:
        if actor not in cg.index:
            raise NotFound(actor)
        pre.append(cg.index[actor])
    pre = list(dict.fromkeys(pre))
    k_topic = _topic_index(cg, topic)
    topic_name = str(cg.topic_names[k_topic]) if k_topic is not None else None
    rel = relevance(cg, topic, pre)
    sector_attr = sector_attribute(cg)
    sector_of = cg.attribute(sector_attr)
    country_of = single_countries(cg)
    ok = eligible(cg)
    target_countries = sorted({str(c).upper() for c in countries} if countries else {c for c in country_of[ok] if c})
    target_sectors = sorted(set(sectors) if sectors else {x for x in sector_of[ok] if x and x != OTHER_SECTOR})
    _check_wanted(target_countries, target_sectors)
    notes: list[tuple[str, dict]] = []
    # what the planner asks for and no actor of the network has: said, not only "missing"
    absent_c = [c for c in target_countries if c not in set(country_of[ok])]
    absent_s = [x for x in target_sectors if x not in set(sector_of[ok])]
    if absent_c:
        notes.append(("absent_countries", {"countries": absent_c, "n": len(absent_c)}))
    if absent_s:
        notes.append(("absent_sectors", {"sectors": absent_s, "n": len(absent_s)}))
    # a unit only where it is more relevant than every parent that could come instead, or of a
    # sector the planner asked for (one who asks for working groups wants them, not their networks)
    up = cg.ancestors
    for u in np.flatnonzero(np.diff(up.indptr) > 0):
        if sectors and sector_of[u] in target_sectors:
            continue
        parents = up.indices[up.indptr[u] : up.indptr[u + 1]]
        if np.any(ok[parents] & (rel[parents] >= rel[u])):
            ok[u] = False
    if not sectors:  # the region's sectors among those the forum can invite: not a unit's behind its parent
        target_sectors = sorted({x for x in sector_of[ok] if x and x != OTHER_SECTOR})
    direct = int(np.sum(rel[ok] >= 1.0)) if k_topic is not None else 0
    if k_topic is not None and direct == 0:
        notes.append(("no_actors", {"topic": topic_name}))
    elif k_topic is not None and direct < k - len(pre):
        notes.append(("few_actors", {"topic": topic_name, "n": direct}))

    # The pool: relevant actors, the best of every target country and sector, then the most active.
    act = cg.activity_count.astype(float)
    rank = np.lexsort((cg.actors, -act, -rel))  # most relevant, then most active, then by id
    rank = rank[ok[rank] & ~np.isin(rank, pre)]
    pool = rank[rel[rank] > 0][:max_pool]
    firsts: dict[tuple[str, str], int] = {}
    for i in rank:
        if country_of[i] in target_countries or sector_of[i] in target_sectors:
            firsts.setdefault((country_of[i], sector_of[i]), int(i))
    fill = rank[act[rank] > 0][: max(0, k - len(pre))]
    pool = np.unique(np.r_[pool, list(firsts.values()), fill]).astype(np.int64)

    broker = broker_scores(cg, seed=seed)
    top_broker = np.quantile(broker[pool], 0.9) if len(pool) else 1.0
    is_broker = (broker > 0) & (broker >= top_broker)
    a = cg.adjacency.tocsr()

    chosen: list[int] = list(pre)
    gains: dict[int, float] = dict.fromkeys(chosen, 0.0)
    why: dict[int, list[tuple[str, dict]]] = {i: [("already_invited", {})] for i in chosen}
    covered_c = {country_of[i] for i in chosen if country_of[i]}
    covered_s = {sector_of[i] for i in chosen if sector_of[i]}
    # The candidates, with what each gain needs from the invitees so far, kept
    # up to date as invitees are added (one sparse product per invitee instead
    # of set operations per candidate and invitee): how many invitees a
    # candidate has not met, and its largest redundancy with one of them
    # (Jaccard overlap of their partners, plus one half for the same country
    # and sector). The same arithmetic as gain-by-gain, so the same choices.
    cand = pool
    alive = np.ones(len(cand), dtype=bool)
    n_partners = cg.degree.astype(float)
    rows = a[cand]
    cand_countries, cand_sectors = country_of[cand], sector_of[cand]
    n_unmet = np.zeros(len(cand))
    overlap = np.full(len(cand), -np.inf)

    def meet(s: int) -> None:
        shared = np.asarray((rows @ a[s].T).todense()).ravel()
        union = n_partners[cand] + n_partners[s] - shared
        jaccard = np.where(union > 0, shared / np.maximum(union, 1.0), 0.0)
        same = (cand_countries == country_of[s]) & (cand_sectors == sector_of[s])
        np.maximum(overlap, jaccard + np.where(same, 0.5, 0.0), out=overlap)
        n_unmet[:] += np.asarray(rows[:, [s]].todense()).ravel() == 0

    for s in chosen:
        meet(s)
    topical = rel[cand] >= 1.0
    few = any(kind == "few_actors" for kind, _ in notes)
    while len(chosen) < k:
        new_c = np.array([bool(c) and c in target_countries and c not in covered_c for c in cand_countries])
        new_s = np.array([bool(x) and x in target_sectors and x not in covered_s for x in cand_sectors])
        # every candidate needs a reason of its own beyond "has not met the others"
        alive &= (rel[cand] > 0) | new_c | new_s | is_broker[cand] | (act[cand] > 0)
        if not alive.any():
            break
        # Every country first: while one is missing, only its actors compete.
        bring = alive & new_c
        competing = bring if bring.any() else alive
        # Then, when fewer actors work on the topic than there are seats, all of
        # them: the plan says the others are chosen for coverage and activity.
        if few and not bring.any() and (alive & topical).any():
            competing = alive & topical
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
            parts.append(("new_country", {"country": country_of[best]}))
        if new_s[j]:
            parts.append(("new_sector", {"sector": sector_of[best]}))
        chosen.append(best)
        gains[best] = float(top)
        why[best] = parts
        covered_c.add(country_of[best])
        covered_s.add(sector_of[best])
        alive[j] = False
        meet(best)
    if len(chosen) < k:
        notes.append(("short", {"n": len(chosen)}))
    neighbours = {i: a.indices[a.indptr[i] : a.indptr[i + 1]] for i in chosen}

    on_topic = np.asarray(cg.topics[:, k_topic].todense()).ravel() > 0 if k_topic is not None else None
    invitees = []
    for i in chosen:
        parts = list(why[i])
        at = 1 if i in pre else 0
        if on_topic is not None and on_topic[i]:
            parts.insert(at, ("works_on_topic", {"topic": topic_name}))
        elif on_topic is not None and rel[i] > 0:
            via = neighbours[i][on_topic[neighbours[i]]]
            via = via[np.lexsort((cg.actors[via], -act[via]))]
            parts.insert(
                at,
                (
                    "partners_on_topic",
                    {"topic": topic_name, "n": len(via), "names": [str(x) for x in cg.names[via[:5]]]},
                ),
            )
        elif k_topic is None and pre and i not in pre and rel[i] > 0:
            mine = cg.topics[i].indices
            theirs = np.unique(np.concatenate([cg.topics[p].indices for p in pre]))
            both = np.intersect1d(mine, theirs)
            parts.insert(at, ("invitees_topics", {"n": len(both), "names": [str(x) for x in cg.topic_names[both[:5]]]}))
        if is_broker[i]:
            parts.append(("broker", {}))
        if i not in pre and not parts and act[i] > 0:
            parts.append(("active", {"n": int(act[i])}))
        unmet = sum(1 for s in chosen if s != i and s not in neighbours[i])
        if unmet:
            parts.append(("unmet", {"n": unmet}))
        invitees.append(
            Invitee(
                actor=str(cg.actors[i]),
                name=str(cg.names[i]),
                country=str(cg.country[i]),
                sector=str(sector_of[i]),
                gain=gains[i],
                invited=i in pre,
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
        countries=sorted(c for c in covered_c if c in target_countries),
        countries_missing=[c for c in target_countries if c not in covered_c],
        sectors=sorted(x for x in covered_s if x in target_sectors),
        sectors_missing=[x for x in target_sectors if x not in covered_s],
        new_pairs=new_pairs,
        pairs=pairs,
        notes=notes,
    )


__all__ = [
    "ForumPlan",
    "ForumWeights",
    "Invitee",
    "broker_scores",
    "compose_forum",
    "eligible",
    "forum_csv",
    "forum_json",
    "relevance",
    "single_countries",
]
