"""The collaboration graph that suggestions are computed on.

Pontes' typed graph is two-mode: actors (organisations, persons) take part in
*activities* (events, agreements, stated cooperations). The suggestion engine
works on :class:`CollabGraph`, a sparse-matrix view of it:

- ``incidence`` (actors x activities): who took part in what, each activity
  dated (decimal years, ``nan`` when undated);
- the collaboration graph ``adjacency`` (actors x actors, 0/1): two actors
  are tied when they share an activity (its one-mode projection);
- per-actor ``attributes`` (``country``, ``type``, ``kind`` ... as strings,
  ``""`` when unknown), ``topics`` (actors x topics) and ``groups`` (actors x
  working groups, networks and cross-border city pairs they belong to);
- optionally, what a participation table says about the activities beyond
  who and when: each activity's ``fields`` (activities x field values, e.g.
  the programme a project belongs to), which participations ``lead`` the
  activity (e.g. coordinators) and an ``amount`` per participation (e.g. an
  EU contribution). These are per activity, so :meth:`CollabGraph.before`
  keeps only what was known at the time.

Two builders: :func:`collab_from_participations` (a participation table,
e.g. CORDIS) and :func:`collab_from_subgraph` (the typed graph of a store).
:meth:`CollabGraph.before` gives the graph as it was at an earlier time,
which is what evaluation and the learned model's training use.

The graph and its two builders (from a participation table, from a store's
subgraph) must agree on every matrix, so they stay in one file.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property

import networkx as nx
import numpy as np
import scipy.sparse as sp

_EMPTY = np.array([], dtype=object)


def _csr(rows, cols, shape, data=None) -> sp.csr_matrix:
    rows = np.asarray(rows, dtype=np.int64)
    cols = np.asarray(cols, dtype=np.int64)
    vals = np.ones(len(rows)) if data is None else np.asarray(data, dtype=float)
    m = sp.csr_matrix((vals, (rows, cols)), shape=shape)
    m.sum_duplicates()
    return m


def binary(m: sp.spmatrix) -> sp.csr_matrix:
    m = sp.csr_matrix(m, copy=True)
    m.eliminate_zeros()
    m.data[:] = 1.0
    return m


def rowdot(m: sp.csr_matrix, u: np.ndarray, v: np.ndarray) -> np.ndarray:
    """sum over k of m[u, k] * m[v, k] per pair; one sparse product when all
    pairs share their first actor (one actor's ranking)."""
    if len(u) == 0 or m.shape[1] == 0 or m.nnz == 0:
        return np.zeros(len(u))
    if (u == u[0]).all():
        return np.asarray((m[v] @ m[int(u[0])].T).todense()).ravel()
    return np.asarray(m[u].multiply(m[v]).sum(axis=1)).ravel()


def offdiag(m: sp.spmatrix) -> sp.csr_matrix:
    m = sp.csr_matrix(m, copy=True)
    m.setdiag(0)
    m.eliminate_zeros()
    return m


@dataclass(eq=False)
class CollabGraph:
    """Sparse view of who took part in what, with actor attributes.

    Attributes
    ----------
    actors : actor ids, the row order of every matrix
    incidence : actors x activities, 1 where the actor took part
    activity_ids, activity_time, activity_kind : per activity (time in decimal years, nan = undated)
    attributes : per attribute name, one string per actor ("" = unknown)
    topics, topic_ids : actors x topics (1 where the actor addresses the topic, directly or through an activity)
    groups, group_ids : actors x groups (working groups, networks, cross-border city pairs)
    names : display name per actor
    now : the reference time (activities at or after it are not in the graph)
    country_attribute : which attribute holds the country (for "crosses a border")
    sources : per (actor index, activity index), the sources that state the participation
    fields, field_ids : activities x field values (1 where the activity belongs to the field; "column:value" ids)
    lead : actors x activities, 1 where the actor led the activity (e.g. coordinated a project)
    amount : actors x activities, the participation's amount (0 when unknown)
    country_keys : per actor, all its countries joined with "," ("" when unknown); two actors
        cross a border when both are known and these differ (the ``country`` attribute shows
        one country, or "several")
    parents : actors x actors, 1 where the row actor is a unit of the column actor
        (:func:`graph.suggest.structure.unit_parents`)
    series, series_ids, series_names : actors x event series they took part in
        (:func:`graph.suggest.structure.series_members`)
    group_links : per group, for a pair of linked places the (place a, place b, body) ids
        and names as a tuple of three ``(id, name)`` pairs, None for other groups
    group_kinds : per group, the organisation kind of a group body ("network", "working_group" ...)
        or "places" for a pair of linked places
    """

    actors: np.ndarray
    incidence: sp.csr_matrix
    activity_ids: np.ndarray
    activity_time: np.ndarray
    activity_kind: np.ndarray = None  # type: ignore[assignment]  # filled in by __post_init__
    attributes: dict[str, np.ndarray] = field(default_factory=dict)
    topics: sp.csr_matrix = None  # filled in by __post_init__
    topic_ids: np.ndarray = field(default_factory=lambda: _EMPTY)
    groups: sp.csr_matrix = None  # filled in by __post_init__
    group_ids: np.ndarray = field(default_factory=lambda: _EMPTY)
    names: np.ndarray = None  # type: ignore[assignment]  # filled in by __post_init__
    now: float = float("inf")
    country_attribute: str | None = "country"
    sources: Mapping[tuple[int, int], tuple[str, ...]] = field(default_factory=dict)
    activity_names: np.ndarray = None  # type: ignore[assignment]  # filled in by __post_init__
    topic_names: np.ndarray = None  # type: ignore[assignment]  # filled in by __post_init__
    group_names: np.ndarray = None  # type: ignore[assignment]  # filled in by __post_init__
    fields: sp.csr_matrix = None  # filled in by __post_init__
    field_ids: np.ndarray = field(default_factory=lambda: _EMPTY)
    lead: sp.csr_matrix = None  # filled in by __post_init__
    amount: sp.csr_matrix = None  # filled in by __post_init__
    country_keys: np.ndarray = None  # type: ignore[assignment]  # filled in by __post_init__
    parents: sp.csr_matrix = None  # filled in by __post_init__
    series: sp.csr_matrix = None  # filled in by __post_init__
    series_ids: np.ndarray = field(default_factory=lambda: _EMPTY)
    series_names: np.ndarray = None  # type: ignore[assignment]  # filled in by __post_init__
    group_links: np.ndarray = None  # type: ignore[assignment]  # filled in by __post_init__
    group_kinds: np.ndarray = None  # type: ignore[assignment]  # filled in by __post_init__

    def __post_init__(self) -> None:
        n = len(self.actors)
        self.incidence = sp.csr_matrix(self.incidence)
        if self.country_keys is None:
            self.country_keys = np.array(self.country, dtype=object)
        if self.parents is None:
            self.parents = sp.csr_matrix((n, n))
        if self.series is None:
            self.series = sp.csr_matrix((n, len(self.series_ids)))
        if self.series_names is None:
            self.series_names = np.asarray(self.series_ids, dtype=object)
        if self.group_links is None:
            self.group_links = np.full(len(self.group_ids), None, dtype=object)
        if self.group_kinds is None:
            self.group_kinds = np.full(len(self.group_ids), "", dtype=object)
        if self.fields is None:
            self.fields = sp.csr_matrix((len(self.activity_ids), 0))
        if self.lead is None:
            self.lead = sp.csr_matrix(self.incidence.shape)
        if self.amount is None:
            self.amount = sp.csr_matrix(self.incidence.shape)
        if self.topics is None:
            self.topics = sp.csr_matrix((n, 0))
        if self.groups is None:
            self.groups = sp.csr_matrix((n, 0))
        if self.names is None:
            self.names = np.asarray(self.actors, dtype=object)
        if self.activity_kind is None:
            self.activity_kind = np.full(len(self.activity_ids), "event", dtype=object)
        if self.activity_names is None:
            self.activity_names = np.asarray(self.activity_ids, dtype=object)
        if self.topic_names is None:
            self.topic_names = np.asarray(self.topic_ids, dtype=object)
        if self.group_names is None:
            self.group_names = np.asarray(self.group_ids, dtype=object)

    # -- basics ---------------------------------------------------------------
    def cached(self, key: str, make):
        """``make()``, computed once per graph and ``key`` (derived matrices
        and per-actor figures of the features, candidates, reasons and forum).
        A graph cut with :meth:`before` or :meth:`activities` starts empty."""
        cache = self.__dict__.setdefault("_derived", {})
        if key not in cache:
            cache[key] = make()
        return cache[key]

    @property
    def n(self) -> int:
        return len(self.actors)

    @cached_property
    def index(self) -> dict[str, int]:
        return {a: i for i, a in enumerate(self.actors)}

    def ids(self, actors: Iterable[str]) -> np.ndarray:
        """Row indices of actor ids (KeyError for an unknown one)."""
        return np.array([self.index[a] for a in actors], dtype=np.int64)

    @cached_property
    def activity_size(self) -> np.ndarray:
        """Number of actors per activity."""
        return np.asarray(self.incidence.sum(axis=0)).ravel()

    @cached_property
    def shared(self) -> sp.csr_matrix:
        """actors x actors: number of activities two actors share (zero diagonal)."""
        b = binary(self.incidence)
        return offdiag(b @ b.T)

    @cached_property
    def adjacency(self) -> sp.csr_matrix:
        """The collaboration graph: 1 where two actors share at least one activity."""
        return binary(self.shared)

    @cached_property
    def degree(self) -> np.ndarray:
        """Number of distinct partners per actor."""
        return np.asarray(self.adjacency.sum(axis=1)).ravel()

    @cached_property
    def activity_count(self) -> np.ndarray:
        """Number of activities per actor (including ones without partners)."""
        return np.asarray(binary(self.incidence).sum(axis=1)).ravel()

    def attribute(self, name: str) -> np.ndarray:
        """The values of attribute ``name`` per actor (all "" when the graph has no such attribute)."""
        found = self.attributes.get(name)
        return found if found is not None else self._unknown

    @cached_property
    def _unknown(self) -> np.ndarray:
        return np.full(self.n, "", dtype=object)

    @cached_property
    def country(self) -> np.ndarray:
        """Country per actor ("" when unknown)."""
        return self.attribute(self.country_attribute) if self.country_attribute else np.full(self.n, "", dtype=object)

    def crosses_border(self, u: np.ndarray, v: np.ndarray) -> np.ndarray:
        """True where both actors' countries are known and have none in common
        (:func:`graph.facts.crosses_border`: an actor in several countries
        crosses a border only with actors of other countries)."""
        cu, cv = self.country_keys[u], self.country_keys[v]
        out = (cu != "") & (cv != "") & (cu != cv)
        several = self.cached("several_countries", lambda: np.array(["," in str(k) for k in self.country_keys], bool))
        for i in np.flatnonzero(out & (several[u] | several[v])):
            out[i] = set(str(cu[i]).split(",")).isdisjoint(str(cv[i]).split(","))
        return out

    def in_country(self, code: str) -> np.ndarray:
        """Mask of the actors in country ``code`` (among others, for an actor in several)."""
        code = code.upper()
        return np.array([code in str(k).split(",") for k in self.country_keys], dtype=bool)

    @cached_property
    def ancestors(self) -> sp.csr_matrix:
        """actors x actors: 1 where the column actor is a parent of the row
        actor, at any depth (a working group of a network's board ...)."""
        p = binary(self.parents)
        reach = p.copy()
        for _ in range(self.n):
            step = binary(reach @ p + reach)
            if step.nnz == reach.nnz:
                break
            reach = step
        return offdiag(reach)

    def tied(self, u: np.ndarray, v: np.ndarray) -> np.ndarray:
        """True where u and v already share an activity."""
        if len(u) == 0:
            return np.zeros(0, dtype=bool)
        return np.asarray(self.adjacency[np.asarray(u), np.asarray(v)]).ravel() > 0

    def to_networkx(self) -> nx.Graph:
        """The collaboration graph as a networkx graph on actor ids (for checks against networkx)."""
        g = nx.Graph()
        g.add_nodes_from(self.actors)
        coo = sp.triu(self.adjacency, k=1).tocoo()
        g.add_edges_from(zip(self.actors[coo.row], self.actors[coo.col]))
        return g

    # -- time ------------------------------------------------------------------
    def before(self, time: float) -> CollabGraph:
        """The graph as it was just before ``time``: activities dated at or
        after it are dropped (undated ones are kept). Actors stay (with no
        activity they are isolated)."""
        graph = self.activities(np.flatnonzero(~(self.activity_time >= time)))
        graph.now = min(self.now, time)
        return graph

    def activities(self, cols: np.ndarray, *, keep_sources: bool = True) -> CollabGraph:
        """The graph with only the activities ``cols`` (indices, in order):
        every per-activity array and matrix is cut alike."""
        cols = np.asarray(cols, dtype=np.int64)
        sources: Mapping[tuple[int, int], tuple[str, ...]] = {}
        if keep_sources and self.sources:
            remap = -np.ones(len(self.activity_ids), dtype=np.int64)
            remap[cols] = np.arange(len(cols))
            sources = {(a, int(remap[e])): s for (a, e), s in self.sources.items() if remap[e] >= 0}
        return replace(
            self,
            incidence=self.incidence[:, cols],
            activity_ids=self.activity_ids[cols],
            activity_time=self.activity_time[cols],
            activity_kind=self.activity_kind[cols],
            activity_names=self.activity_names[cols],
            fields=self.fields[cols],
            lead=self.lead[:, cols],
            amount=self.amount[:, cols],
            sources=sources,
        )

    def dated_since(self, time: float) -> np.ndarray:
        """Mask of activities dated at or after ``time``."""
        return self.activity_time >= time


def collab_from_participations(
    table,
    *,
    before: float | None = None,
    actors: Iterable[str] | None = None,
    country_attribute: str | None = None,
) -> CollabGraph:
    """The collaboration graph of a :class:`loaders.participations.ParticipationTable`.

    Parameters
    ----------
    table : the participations
    before : keep only events strictly before this time (``now`` becomes it)
    actors : the actor universe (default: every actor of the table, so that
        actors first seen later are present, isolated, with their attributes)
    country_attribute : the attribute column holding countries, if any
    """
    universe = np.array(sorted(set(table.actor) if actors is None else set(actors)), dtype=object)
    index = {a: i for i, a in enumerate(universe)}
    keep = np.array([a in index for a in table.actor], dtype=bool)
    if before is not None:
        keep &= table.time < before
    act = table.actor[keep]
    ev = table.event[keep]
    tm = table.time[keep]
    events, inverse = np.unique(ev.astype(str), return_inverse=True)
    ev_time = np.full(len(events), np.inf)
    np.fmin.at(ev_time, inverse, tm)  # fmin: undated rows (nan) do not hide dated ones
    ev_time[np.isinf(ev_time)] = np.nan
    rows = np.fromiter((index[a] for a in act), dtype=np.int64, count=len(act))
    inc = _csr(rows, inverse, (len(universe), len(events)))
    attrs = {
        name: np.array([values.get(a, "") for a in universe], dtype=object) for name, values in table.attributes.items()
    }
    field_ids, fields = _event_fields(table, events)
    lead = None if table.lead is None else binary(_csr(rows, inverse, inc.shape, table.lead[keep].astype(float)))
    amount = None if table.amount is None else _csr(rows, inverse, inc.shape, np.nan_to_num(table.amount[keep]))
    if amount is not None:
        amount.eliminate_zeros()
    return CollabGraph(
        actors=universe,
        incidence=binary(inc),
        activity_ids=events.astype(object),
        activity_time=ev_time,
        attributes=attrs,
        fields=fields,
        field_ids=field_ids,
        lead=lead,
        amount=amount,
        now=float(before) if before is not None else (float(np.floor(tm.max())) + 1 if len(tm) else float("inf")),
        country_attribute=country_attribute,
    )


def _event_fields(table, events: np.ndarray) -> tuple[np.ndarray, sp.csr_matrix]:
    """Field ids ("column:value") and the events x fields matrix of a table's event attributes."""
    ids = sorted(
        {
            f"{column}:{value}"
            for column, per_event in table.event_attributes.items()
            for values in per_event.values()
            for value in values
        }
    )
    index = {f: i for i, f in enumerate(ids)}
    rows, cols = [], []
    for column, per_event in table.event_attributes.items():
        for j, ev in enumerate(events):
            for value in per_event.get(ev, ()):
                rows.append(j)
                cols.append(index[f"{column}:{value}"])
    return np.array(ids, dtype=object), binary(_csr(rows, cols, (len(events), len(ids))))


#: Organisation kinds whose members count as sharing a group (not as tied to each other).
GROUP_KINDS = frozenset({"working_group", "network", "council", "association"})


def collab_from_subgraph(sub, *, before: float | None = None) -> CollabGraph:
    """The collaboration graph of the typed graph (a :class:`~graph.store.base.Subgraph`).

    Actors are organisations and persons; the activities are those of the
    partnership projection (:data:`graph.projections.PARTNERSHIP`: shared
    events and agreements, and ``COOPERATES_WITH``, ``MEMBER_OF`` and
    ``PART_OF`` ties between two actors), each dated
    (:func:`graph.projections.activities`).

    Attributes: ``type`` (Organisation, Person), ``kind`` (organisation
    kind) and ``country``: :func:`graph.facts.node_country`, the one
    country an actor is shown in everywhere ("several" for a network in
    several countries); ``country_keys`` keeps all of them for "crosses a
    border". Topics follow :func:`graph.facts.node_topics`; every topic of
    the graph is a column, also one no actor works on yet. Groups:
    organisations of a kind in :data:`GROUP_KINDS` (their members and
    parts), and every pair of linked places
    (:func:`graph.suggest.structure.linked_places`): actors located there
    share the pair. Units, their parents and event series come from
    :mod:`graph.suggest.structure`.

    An event's or agreement's fields are the topics it ``ADDRESSES``; an
    actor that ``PARTICIPATED_IN`` an event as organiser or host leads it.
    """
    from graph.facts import node_countries, node_country, node_places, node_topics
    from graph.model import NodeType, TieType
    from graph.projections import PARTNERSHIP, activities
    from graph.suggest.structure import linked_places, series_members, unit_parents

    nodes = {n.id: n for n in sub.nodes}
    acts = activities(sub, PARTNERSHIP)
    actors = np.array(acts.actors, dtype=object)
    index = {a: i for i, a in enumerate(actors)}
    act_ids, act_time, act_kind, act_names = acts.ids, acts.times, acts.kinds, acts.names
    members, sources, leads = acts.members, acts.sources, acts.leads

    rows = [i for j, m in enumerate(members) for i in m]
    cols = [j for j, m in enumerate(members) for _ in m]
    incidence = _csr(rows, cols, (len(actors), len(act_ids)))
    lead = _csr([i for i, _ in sorted(leads)], [j for _, j in sorted(leads)], incidence.shape)
    addressed = [
        (j, t)
        for j, key in enumerate(act_ids)
        if key in nodes
        for t in sorted(node_topics(sub).get(key, ()))
        if t in nodes and t != key
    ]
    field_ids = np.array(sorted({t for _, t in addressed}), dtype=object)
    f_index = {t: k for k, t in enumerate(field_ids)}
    fields = binary(_csr([j for j, _ in addressed], [f_index[t] for _, t in addressed], (len(act_ids), len(field_ids))))

    countries, country = node_countries(sub), node_country(sub)
    attrs = {
        "type": np.array([str(nodes[a].type) for a in actors], dtype=object),
        "kind": np.array([str(getattr(nodes[a], "kind", "") or "") for a in actors], dtype=object),
        "country": np.array([country.get(a, "") for a in actors], dtype=object),
    }
    country_keys = np.array([",".join(sorted(countries.get(a, ()))) for a in actors], dtype=object)
    topics_of = node_topics(sub)
    topic_ids = np.array(sorted(n.id for n in sub.nodes if n.type is NodeType.TOPIC), dtype=object)
    t_index = {t: k for k, t in enumerate(topic_ids)}
    t_pairs = [(index[a], t_index[t]) for a in actors for t in topics_of.get(a, ()) if t in t_index]
    topics = binary(_csr([i for i, _ in t_pairs], [k for _, k in t_pairs], (len(actors), len(topic_ids))))

    # groups: working groups and networks, and pairs of linked places
    group_members: dict[str, set[int]] = {}
    for tie in sub.ties:
        if tie.type in (TieType.MEMBER_OF, TieType.PART_OF) and tie.source in index and tie.target in nodes:
            target = nodes[tie.target]
            if target.type is NodeType.ORGANISATION and str(getattr(target, "kind", "")) in GROUP_KINDS:
                group_members.setdefault(target.id, set()).add(index[tie.source])
    places_of = node_places(sub)
    links = {}
    for link in linked_places(sub):
        inside = {index[a] for a in actors if places_of.get(a) and (link.a in places_of[a] or link.b in places_of[a])}
        inside.discard(index.get(link.via, -1))  # the body that links the places is the link, not a member
        if len(inside) > 1:
            key = f"places:{link.a}|{link.b}"
            group_members[key] = inside
            links[key] = tuple((x, nodes[x].name) for x in (link.a, link.b, link.via))
    group_ids = np.array(sorted(group_members), dtype=object)
    group_names = np.array(
        [nodes[g].name if g in nodes else f"{links[g][0][1]} – {links[g][1][1]}" for g in group_ids], dtype=object
    )
    group_links = np.empty(len(group_ids), dtype=object)  # one tuple per cell, not a 2-d array
    group_links[:] = [links.get(g) for g in group_ids]
    group_kinds = np.array([str(nodes[g].kind) if g in nodes else "places" for g in group_ids], dtype=object)
    g_rows = [i for g in group_ids for i in sorted(group_members[g])]
    g_cols = [k for k, g in enumerate(group_ids) for _ in group_members[g]]
    groups = binary(_csr(g_rows, g_cols, (len(actors), len(group_ids))))

    parent_of = unit_parents(sub)
    p_pairs = [(index[u], index[p]) for u in sorted(parent_of) if u in index for p in parent_of[u] if p in index]
    parents = binary(_csr([u for u, _ in p_pairs], [p for _, p in p_pairs], (len(actors), len(actors))))
    in_series = series_members(sub, set(index))
    series_ids = np.array(sorted(e for e, m in in_series.items() if len(m) > 1), dtype=object)
    s_pairs = [(index[a], k) for k, e in enumerate(series_ids) for a in sorted(in_series[e])]
    series = binary(_csr([i for i, _ in s_pairs], [k for _, k in s_pairs], (len(actors), len(series_ids))))

    cg = CollabGraph(
        actors=actors,
        incidence=binary(incidence),
        activity_ids=np.array(act_ids, dtype=object),
        activity_time=np.array(act_time, dtype=float),
        activity_kind=np.array(act_kind, dtype=object),
        attributes=attrs,
        topics=topics,
        topic_ids=topic_ids,
        groups=groups,
        group_ids=group_ids,
        group_names=group_names,
        group_links=group_links,
        group_kinds=group_kinds,
        topic_names=np.array([nodes[t].name for t in topic_ids], dtype=object),
        names=np.array([nodes[a].name for a in actors], dtype=object),
        country_attribute="country",
        country_keys=country_keys,
        sources=sources,
        activity_names=np.array(act_names, dtype=object),
        fields=fields,
        field_ids=field_ids,
        lead=lead,
        parents=parents,
        series=series,
        series_ids=series_ids,
        series_names=np.array([nodes[e].name for e in series_ids], dtype=object),
    )
    if before is not None:
        return cg.before(before)
    times = cg.activity_time[np.isfinite(cg.activity_time)]
    cg.now = float(np.floor(times.max()) + 1) if len(times) else float("inf")
    return cg
