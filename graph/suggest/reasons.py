"""Why a pair is suggested, in plain language, with the evidence.

:func:`reasons` looks at what the two actors have around them in the
collaboration graph and returns :class:`Reason` objects: shared partners
(with the activities behind each link), a chain of three steps, event
series both took part in, shared topics, networks and working groups,
linked places across the border (and what links them), whether the pair
crosses a border, whether an actor is new to the network. Each reason is
data: a ``kind`` and ``params`` (names, counts, country codes), the
evidence it rests on and the sources behind that evidence;
:func:`graph.suggest.text.render` makes the sentence in English (the CLI,
the exports) or, with the app's catalogue, in German or French.
:func:`reasons_for` gives the reasons for one actor and many others at once
(a ranking), working out what depends on that actor only once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from graph.suggest.activity_features import field_counts
from graph.suggest.collab import CollabGraph
from graph.suggest.text import Label, Rename, Text, render

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
    """One reason: ``kind`` names its template (``reason.<kind>`` in
    :data:`graph.suggest.text.ENGLISH` and the catalogues), ``params`` fill it."""

    kind: str
    params: dict = field(default_factory=dict)
    evidence: tuple[Evidence, ...] = ()

    def render(self, text: Text | None = None, label: Label | None = None, rename: Rename | None = None) -> str:
        """The sentence, in English unless ``text`` and ``label`` come from a catalogue
        (and nodes by their names in the reader's language with ``rename``)."""
        return render(f"reason.{self.kind}", self.params, text, label, rename)

    @property
    def text(self) -> str:
        """The sentence in English, codes as they are (:meth:`render` with defaults)."""
        return self.render()

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(sorted({s for e in self.evidence for s in e.sources}))


def _named(cg_names: np.ndarray, ids: np.ndarray, idx: np.ndarray) -> dict:
    """``names`` (the first :data:`MAX_NAMED`), ``ids`` and ``n`` of a list of indices."""
    shown = idx[:MAX_NAMED]
    return {"n": len(idx), "names": [str(x) for x in cg_names[shown]], "ids": [str(x) for x in ids[shown]]}


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

    def reasons(self, v: int) -> list[Reason]:
        cg, u = self.cg, self.u
        out: list[Reason] = []
        nu, nv = self.partners, _neighbours(cg, v)
        common = np.sort(nv[self.is_partner[nv]])
        if len(common):
            deg = cg.degree
            order = common[np.lexsort((cg.actors[common], deg[common]))]  # the most specific partners first
            shown = order[:MAX_NAMED]
            evidence = tuple(e for w in shown for e in (self.link(u, w), self.link(w, v)))
            out.append(Reason("shared_partners", _named(cg.names, cg.actors, order), evidence))
            # the latest activity of a shared partner with u, or with v
            inc = cg.incidence
            theirs = np.concatenate([inc.indices[inc.indptr[o] : inc.indptr[o + 1]] for o in common])
            with_u = _latest(cg, theirs[self.activities[theirs]])
            with_v = _latest(cg, theirs[_activities_of(cg, v)[theirs]])
            last = float(np.fmax(with_u, with_v))
            if np.isfinite(last):
                out.append(Reason("recent", {"year": _year(last), "n": len(common)}))
        elif len(nu) and len(nv):
            second = np.zeros(cg.n, dtype=bool)
            second[nv] = True
            second[u] = False
            chain = None
            for x in nu[np.lexsort((cg.actors[nu], cg.degree[nu]))]:
                nx_ = _neighbours(cg, x)
                hits = nx_[second[nx_]]
                if len(hits):
                    hits = hits[np.lexsort((cg.actors[hits], cg.degree[hits]))]
                    chain = (x, hits[0])  # the first of the least connected
                    break
            if chain is not None:
                x, y = chain
                path = (u, x, y, v)
                out.append(
                    Reason(
                        "three_steps",
                        {"chain": [str(cg.names[i]) for i in path], "ids": [str(cg.actors[i]) for i in path]},
                        (self.link(u, x), self.link(x, y), self.link(y, v)),
                    )
                )
        crosses = bool(cg.crosses_border(np.array([u]), np.array([v]))[0])
        if cg.series.shape[1]:
            both = np.intersect1d(cg.series[u].indices, cg.series[v].indices)
            if len(both):
                out.append(
                    Reason(
                        "shared_events",
                        _named(cg.series_names, cg.series_ids, both),
                        tuple(Evidence(str(cg.series_names[k]), (str(cg.series_ids[k]),)) for k in both[:MAX_NAMED]),
                    )
                )
        if cg.topics.shape[1]:
            both = np.intersect1d(cg.topics[u].indices, cg.topics[v].indices)
            if len(both):
                out.append(
                    Reason(
                        "shared_topics",
                        _named(cg.topic_names, cg.topic_ids, both),
                        tuple(Evidence(str(cg.topic_names[k]), (str(cg.topic_ids[k]),)) for k in both[:MAX_NAMED]),
                    )
                )
        if cg.groups.shape[1]:
            both = np.intersect1d(cg.groups[u].indices, cg.groups[v].indices)
            bodies = np.array([g for g in both if cg.group_links[g] is None], dtype=np.int64)
            if len(bodies):
                out.append(
                    Reason(
                        "shared_groups",
                        _named(cg.group_names, cg.group_ids, bodies),
                        tuple(Evidence(str(cg.group_names[k]), (str(cg.group_ids[k]),)) for k in bodies[:MAX_NAMED]),
                    )
                )
            # a pair of linked places says nothing about two actors of the same country
            for g in [g for g in both if cg.group_links[g] is not None][:MAX_NAMED] if crosses else []:
                (a_id, a_name), (b_id, b_name), (via_id, via_name) = cg.group_links[g]
                network = via_id in cg.index and cg.attribute("kind")[cg.index[via_id]] == "network"
                out.append(
                    Reason(
                        "linked_places_network" if network else "linked_places",
                        {"a_place": a_name, "b_place": b_name, "via": via_name, "ids": [a_id, b_id, via_id]},
                        (Evidence(f"{a_name} – {b_name}: {via_name}", (a_id, b_id, via_id)),),
                    )
                )
        fields = shared_fields(cg, u, v)
        if len(fields):
            named = [field_label(cg.field_ids[k]) for k in fields[:MAX_NAMED]]
            out.append(Reason("shared_fields", {"n": len(fields), "names": named}, tuple(Evidence(x) for x in named)))
        cu, cv = cg.country[u], cg.country[v]
        if cu and cv:
            if crosses:
                out.append(Reason("cross_border", {"a": cu, "b": cv}))
            elif cg.country_keys[u] == cg.country_keys[v] and "," not in str(cg.country_keys[u]):
                out.append(Reason("same_country", {"a": cu}))
        for x in (u, v):
            if cg.degree[x] == 0:
                out.append(Reason("new_actor", {"name": str(cg.names[x]), "id": str(cg.actors[x])}))
        return out


def shared_fields(cg: CollabGraph, u: int, v: int) -> np.ndarray:
    """The fields (columns of ``cg.fields``) both actors have activities in,
    the most shared first (by the smaller of the two counts), leaving out
    fields that are topics (named by the shared-topics reason already)."""
    if not cg.fields.shape[1]:
        return np.zeros(0, dtype=np.int64)
    counts, named = _field_rows(cg)
    fu, cu = (
        counts.indices[counts.indptr[u] : counts.indptr[u + 1]],
        counts.data[counts.indptr[u] : counts.indptr[u + 1]],
    )
    fv, cv = (
        counts.indices[counts.indptr[v] : counts.indptr[v + 1]],
        counts.data[counts.indptr[v] : counts.indptr[v + 1]],
    )
    both, iu, iv = np.intersect1d(fu, fv, assume_unique=True, return_indices=True)
    keep = ~named[both]
    both, least = both[keep], np.minimum(cu[iu], cv[iv])[keep]
    return both[np.argsort(-least, kind="stable")]


def _field_rows(cg: CollabGraph) -> tuple:
    """The actors x fields counts in canonical CSR form (rows read by slicing,
    not by sparse indexing: a ranking reads twenty of them) and which fields
    are topics; made once per graph."""

    def make():
        counts = field_counts(cg).tocsr()
        counts.sum_duplicates()
        counts.sort_indices()
        return counts, np.isin(cg.field_ids, cg.topic_ids)

    return cg.cached("reasons:field_rows", make)


def field_label(field_id: str) -> str:
    """``"programme_part:SC1"`` -> ``"SC1"``."""
    return str(field_id).split(":", 1)[-1]


def reasons(cg: CollabGraph, u: int, v: int) -> list[Reason]:
    """The reasons to suggest that actors ``u`` and ``v`` (indices) meet, most telling first."""
    return _Around(cg, u).reasons(v)


def reasons_for(cg: CollabGraph, u: int, others) -> list[list[Reason]]:
    """:func:`reasons` for actor ``u`` and each of ``others``, sharing the work that depends on ``u`` alone."""
    around = _Around(cg, u)
    return [around.reasons(v) for v in others]


def units_reason(cg: CollabGraph, units: list[int]) -> Reason:
    """The reason that names the units folded into their parent's suggestion
    (:func:`graph.suggest.candidates.fold_units`)."""
    idx = np.asarray(units, dtype=np.int64)
    return Reason(
        "units",
        _named(cg.names, cg.actors, idx),
        tuple(Evidence(str(cg.names[i]), (str(cg.actors[i]),)) for i in idx[:MAX_NAMED]),
    )


def topic_reason(cg: CollabGraph, actor: int, columns: list[int]) -> Reason:
    """The reason that says which of the topics asked for (``columns`` of
    ``cg.topics``, a filter's) the suggested ``actor`` works on, directly or
    through its events and agreements (:func:`graph.facts.node_topics`)."""
    on = np.array([k for k in columns if cg.topics[actor, k]], dtype=np.int64)
    return Reason(
        "works_on",
        _named(cg.topic_names, cg.topic_ids, on),
        tuple(Evidence(str(cg.topic_names[k]), (str(cg.topic_ids[k]),)) for k in on[:MAX_NAMED]),
    )


__all__ = ["MAX_NAMED", "Evidence", "Reason", "reasons", "reasons_for", "topic_reason", "units_reason"]
