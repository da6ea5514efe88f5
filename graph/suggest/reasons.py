"""Why a pair is suggested, in plain language, with the evidence.

:func:`reasons` looks at what the two actors have around them in the
collaboration graph and returns :class:`Reason` objects: shared partners
(with the activities behind each link), a chain of three steps, shared
topics, working groups and linked cities, whether the pair crosses a border,
whether an actor is new to the network, and the learned probability. Each
reason carries a ``kind`` and ``params`` (so a user interface can translate
it), an English ``text``, the evidence it rests on and the sources behind
that evidence. :func:`reasons_for` gives the reasons for one actor and many
others at once (a ranking), working out what depends on that actor only once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from graph.suggest.activity_features import field_counts
from graph.suggest.collab import CollabGraph

#: English templates by reason kind; ``params`` fill them in.
TEMPLATES = {
    "shared_partners": "{n} shared partner(s): {names}",
    "three_steps": "Connected in three steps: {chain}",
    "shared_topics": "Both work on {names}",
    "shared_groups": "Both belong to {names}",
    "shared_fields": "Both are active in {names}",
    "cross_border": "Crosses a border: {a} and {b}",
    "same_country": "Same country ({a})",
    "new_actor": "{name} has no recorded cooperation yet",
    "recent": "Their shared partners were last active together in {year}",
    "probability": "Estimated chance of working together within a year: {percent}",
}

#: At most this many partners, topics or groups are named in one reason.
MAX_NAMED = 5


@dataclass(frozen=True)
class Evidence:
    """One fact behind a reason: a label, the nodes it involves and its sources."""

    label: str
    nodes: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Reason:
    kind: str
    params: dict = field(default_factory=dict)
    evidence: tuple[Evidence, ...] = ()

    @property
    def text(self) -> str:
        return TEMPLATES[self.kind].format(**self.params)

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(sorted({s for e in self.evidence for s in e.sources}))


def _year(t: float) -> str:
    return str(int(np.floor(t))) if np.isfinite(t) else "undated"


def _recent_first(cg: CollabGraph) -> np.ndarray:
    """Sort key per activity, most recent first (undated ones last); made
    once per graph, since reasons sort activities thousands of times."""
    return cg.cached("reasons:recent_first", lambda: -np.nan_to_num(cg.activity_time, nan=-1e9))


def _shared_activities(cg: CollabGraph, x: int, y: int) -> list[int]:
    inc = cg.incidence
    # rows of a canonical CSR matrix are sets: no need for np.unique's sorting
    both = np.intersect1d(
        inc.indices[inc.indptr[x] : inc.indptr[x + 1]],
        inc.indices[inc.indptr[y] : inc.indptr[y + 1]],
        assume_unique=inc.has_canonical_format,
    )
    order = np.argsort(_recent_first(cg)[both], kind="stable")
    return both[order].tolist()


def _link(cg: CollabGraph, x: int, y: int) -> Evidence:
    """How x and y are tied: their shared activities (most recent first)."""
    acts = _shared_activities(cg, x, y)
    label = "; ".join(f"{cg.activity_names[j]} ({_year(cg.activity_time[j])})" for j in acts[:3])
    if len(acts) > 3:
        label += f"; +{len(acts) - 3} more"
    sources = sorted({s for j in acts for s in (*cg.sources.get((x, j), ()), *cg.sources.get((y, j), ()))})
    return Evidence(
        label=f"{cg.names[x]} – {cg.names[y]}: {label}",
        nodes=(cg.actors[x], cg.actors[y], *(cg.activity_ids[j] for j in acts[:3])),
        sources=tuple(sources),
    )


def _latest(cg: CollabGraph, activities: np.ndarray) -> float:
    """The latest date among ``activities`` (nan when none is dated)."""
    times = cg.activity_time[activities]
    times = times[np.isfinite(times)]
    return float(times.max()) if len(times) else float("nan")


def _activities_of(cg: CollabGraph, x: int) -> np.ndarray:
    """Mask over all activities: those ``x`` took part in."""
    inc = cg.incidence
    mine = np.zeros(inc.shape[1], dtype=bool)
    mine[inc.indices[inc.indptr[x] : inc.indptr[x + 1]]] = True
    return mine


def _neighbours(cg: CollabGraph, x: int) -> np.ndarray:
    """The partners of ``x``, each once (rows of a sparse product hold no
    duplicates, though not necessarily in order)."""
    a = cg.adjacency
    return a.indices[a.indptr[x] : a.indptr[x + 1]]


class _Around:
    """The reasons for pairs with one actor ``u``.

    What depends on ``u`` alone (its partners, its activities, how it is
    tied to each partner) is worked out once and reused for every other
    actor: one actor's top suggestions mostly share the same few specific
    partners, so most links in their evidence are the same.
    """

    def __init__(self, cg: CollabGraph, u: int):
        self.cg, self.u = cg, u
        self.partners = _neighbours(cg, u)
        self.is_partner = np.zeros(cg.n, dtype=bool)
        self.is_partner[self.partners] = True
        self.activities = _activities_of(cg, u)
        self._links: dict[tuple[int, int], Evidence] = {}

    def link(self, x: int, y: int) -> Evidence:
        key = (int(x), int(y))
        if key not in self._links:
            self._links[key] = _link(self.cg, x, y)
        return self._links[key]

    def reasons(self, v: int, probability: float | None = None) -> list[Reason]:
        cg, u = self.cg, self.u
        out: list[Reason] = []
        nu, nv = self.partners, _neighbours(cg, v)
        common = np.sort(nv[self.is_partner[nv]])
        if len(common):
            deg = cg.degree
            order = common[np.argsort(deg[common], kind="stable")]  # the most specific partners first
            shown = order[:MAX_NAMED]
            evidence = tuple(e for w in shown for e in (self.link(u, w), self.link(w, v)))
            out.append(Reason("shared_partners", {"n": len(common), "names": ", ".join(cg.names[shown])}, evidence))
            # the latest activity of a shared partner with u, or with v
            inc = cg.incidence
            theirs = np.concatenate([inc.indices[inc.indptr[o] : inc.indptr[o + 1]] for o in common])
            with_u = _latest(cg, theirs[self.activities[theirs]])
            with_v = _latest(cg, theirs[_activities_of(cg, v)[theirs]])
            last = float(np.fmax(with_u, with_v))
            if np.isfinite(last):
                out.append(Reason("recent", {"year": _year(last)}))
        elif len(nu) and len(nv):
            second = np.zeros(cg.n, dtype=bool)
            second[nv] = True
            second[u] = False
            chain = None
            for x in nu[np.argsort(cg.degree[nu], kind="stable")]:
                nx_ = _neighbours(cg, x)
                hits = nx_[second[nx_]]
                if len(hits):
                    chain = (x, hits[np.argmin(cg.degree[hits])])  # the first of the least connected
                    break
            if chain is not None:
                x, y = chain
                names = " – ".join(str(cg.names[i]) for i in (u, x, y, v))
                out.append(Reason("three_steps", {"chain": names}, (self.link(u, x), self.link(x, y), self.link(y, v))))
        for kind, matrix, ids, labels in (
            ("shared_topics", cg.topics, cg.topic_ids, cg.topic_names),
            ("shared_groups", cg.groups, cg.group_ids, cg.group_names),
        ):
            if matrix.shape[1]:
                both = np.intersect1d(matrix[u].indices, matrix[v].indices)
                if kind == "shared_groups" and not cg.crosses_border(np.array([u]), np.array([v]))[0]:
                    # a pair of linked cities says nothing about two actors of the same country
                    both = np.array([g for g in both if not str(ids[g]).startswith("places:")], dtype=np.int64)
                if len(both):
                    names = ", ".join(str(labels[k]) for k in both[:MAX_NAMED])
                    out.append(
                        Reason(
                            kind,
                            {"names": names},
                            tuple(Evidence(str(labels[k]), (str(ids[k]),)) for k in both[:MAX_NAMED]),
                        )
                    )
        fields = shared_fields(cg, u, v)
        if len(fields):
            named = [field_label(cg.field_ids[k]) for k in fields[:MAX_NAMED]]
            out.append(Reason("shared_fields", {"names": ", ".join(named)}, tuple(Evidence(x) for x in named)))
        cu, cv = cg.country[u], cg.country[v]
        if cu and cv:
            out.append(Reason("cross_border" if cu != cv else "same_country", {"a": cu, "b": cv}))
        for x in (u, v):
            if cg.degree[x] == 0:
                out.append(Reason("new_actor", {"name": cg.names[x]}))
        if probability is not None and np.isfinite(probability):
            percent = f"{probability:.0%}" if probability >= 0.01 else "under 1%"
            out.append(Reason("probability", {"percent": percent, "value": float(probability)}))
        return out


def shared_fields(cg: CollabGraph, u: int, v: int) -> np.ndarray:
    """The fields (columns of ``cg.fields``) both actors have activities in,
    the most shared first (by the smaller of the two counts), leaving out
    fields that are topics (named by the shared-topics reason already)."""
    if not cg.fields.shape[1]:
        return np.zeros(0, dtype=np.int64)
    counts = field_counts(cg)
    both = np.intersect1d(counts[u].indices, counts[v].indices)
    both = both[~np.isin(cg.field_ids[both], cg.topic_ids)]
    if not len(both):
        return both
    least = np.minimum(counts[u, both].toarray().ravel(), counts[v, both].toarray().ravel())
    return both[np.argsort(-least, kind="stable")]


def field_label(field_id: str) -> str:
    """``"programme_part:SC1"`` -> ``"SC1"``."""
    return str(field_id).split(":", 1)[-1]


def reasons(cg: CollabGraph, u: int, v: int, *, probability: float | None = None) -> list[Reason]:
    """The reasons to suggest that actors ``u`` and ``v`` (indices) meet, most telling first."""
    return _Around(cg, u).reasons(v, probability)


def reasons_for(cg: CollabGraph, u: int, others, *, probabilities=None) -> list[list[Reason]]:
    """:func:`reasons` for actor ``u`` and each of ``others`` (with their
    ``probabilities``, if any), sharing the work that depends on ``u`` alone."""
    around = _Around(cg, u)
    probabilities = [None] * len(others) if probabilities is None else probabilities
    return [around.reasons(v, p) for v, p in zip(others, probabilities, strict=True)]


__all__ = ["MAX_NAMED", "TEMPLATES", "Evidence", "Reason", "reasons", "reasons_for"]
