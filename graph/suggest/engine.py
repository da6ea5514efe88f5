"""Ranked suggestions for one actor, with reasons and filters.

:class:`SuggestionEngine` bundles what suggestions need: the collaboration
graph, a fitted scorer and the pairs planners excluded. Build it once per
state of the store (the app caches it) and ask it for suggestions::

    engine = SuggestionEngine.from_subgraph(store.snapshot())
    for s in engine.suggest("org:stadt-trier", k=10, filters=SuggestionFilter(cross_border=True)):
        print(s.rank, s.name, [r.text for r in s.reasons])
"""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import ClassVar

import numpy as np
from pydantic import BaseModel, ConfigDict

from graph.errors import NotFound, Problem, ValidationFailed
from graph.formats import csv_text
from graph.privacy import STAND_IN_PREFIX
from graph.suggest.candidates import candidates, fold_units, prune
from graph.suggest.collab import CollabGraph, collab_from_subgraph
from graph.suggest.evidence import bands, components
from graph.suggest.reasons import Reason, reasons_for, topic_reason, units_reason
from graph.suggest.scorers import Scorer, get_scorer
from graph.suggest.text import Header, Label, Rename, Text, percent, raw_label, render, yes_no


class SuggestionFilter(BaseModel):
    """Which suggestions to show: only cross-border ones, only a type of actor
    (``Organisation``, ``Person`` or an organisation kind such as ``ngo``),
    only a country (ISO code), only actors working on a topic (id or name).

    By default (no ``actor_type``) only organisations are suggested: persons
    only when asked for (``actor_type="Person"``). The role stand-ins of
    private persons (:mod:`graph.privacy`) are never suggested.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    cross_border: bool = False
    actor_type: str | None = None
    country: str | None = None
    topic: str | None = None

    def problems(self, cg: CollabGraph) -> list[Problem]:
        """What in the filter names nothing in ``cg``'s network (a type, kind or country none of its
        actors has), with what it holds instead: a filter that can only keep nothing is a mistake."""
        out = []
        types, kinds = cg.cached("filter:kind-sets", lambda: tuple(set(a) for a in _kinds(cg)[1:]))
        if self.actor_type and self.actor_type.casefold() not in types | kinds:
            have = sorted({str(x) for x in kinds if x and x != "none"})
            out.append(
                Problem(
                    "(filters)",
                    "suggestions",
                    "actor_type",
                    f"{self.actor_type!r} is no type or kind of actor in this network; "
                    f"types: Organisation, Person; kinds: {', '.join(have) or 'none'}",
                )
            )
        if self.country and not cg.in_country(self.country).any():
            have = sorted({c for k in cg.country_keys for c in str(k).split(",") if c and c != "None"})
            out.append(
                Problem(
                    "(filters)",
                    "suggestions",
                    "country",
                    f"no actor of this network is in {self.country!r}; its countries: {', '.join(have) or 'none'}",
                )
            )
        return out

    def mask(self, cg: CollabGraph, source: int, targets: np.ndarray) -> np.ndarray:
        stand_in, type_, kind = _kinds(cg)
        keep = ~stand_in[targets]
        if self.cross_border:
            keep &= cg.crosses_border(np.full(len(targets), source), targets)
        if self.actor_type:
            wanted = self.actor_type.casefold()
            keep &= (type_[targets] == wanted) | (kind[targets] == wanted)
        else:
            keep &= type_[targets] != "person"
        if self.country:
            keep &= cg.in_country(self.country)[targets]
        if self.topic:
            hits = self.topic_columns(cg)
            if not hits:
                return np.zeros(len(targets), dtype=bool)
            keep &= np.asarray(cg.topics[targets][:, hits].sum(axis=1)).ravel() > 0
        return keep

    def topic_columns(self, cg: CollabGraph) -> list[int]:
        """The columns of ``cg.topics`` the topic filter names (by id or name; none without one)."""
        wanted = (self.topic or "").casefold()
        return [
            k
            for k, (tid, name) in enumerate(zip(cg.topic_ids, cg.topic_names))
            if wanted and wanted in (str(tid).casefold(), str(name).casefold())
        ]


def _kinds(cg: CollabGraph) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per actor: whether it stands in for a private person, its type and its
    kind in lower case; made once per graph (a large graph's every request
    would otherwise convert every candidate's strings)."""

    def make():
        ids = cg.actors.astype(str)
        stand_in = np.char.startswith(ids, STAND_IN_PREFIX) if cg.n else np.zeros(0, dtype=bool)
        lower = [np.char.lower(cg.attribute(name).astype(str)) for name in ("type", "kind")]
        return stand_in, lower[0], lower[1]

    return cg.cached("filter:kinds", make)


@dataclass(frozen=True)
class Suggestion:
    """One suggested pair: ``actor`` should meet ``other``.

    ``probability`` is set only where it is calibrated (a learned model
    trained on enough history); ``band`` (strong, medium, weak;
    :func:`graph.suggest.evidence.bands`) always. ``country`` is the other
    actor's one country (:func:`graph.facts.node_country`: a code,
    "several" or "").
    """

    actor: str
    other: str
    name: str
    rank: int
    score: float
    probability: float | None
    steps: int
    crosses_border: bool
    country: str
    type: str
    kind: str
    reasons: tuple[Reason, ...]
    band: str = "weak"

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(sorted({s for r in self.reasons for s in r.sources}))

    def strength(self, text: Text | None = None) -> str:
        """The shown figure: the probability where there is one, else the band."""
        if self.probability is not None:
            return percent(self.probability, text)
        return render(f"band.{self.band}", {}, text)

    #: The columns of :meth:`to_row`, in order (CSV exports).
    CSV_COLUMNS: ClassVar[tuple[str, ...]] = (
        "rank",
        "actor",
        "other",
        "name",
        "score",
        "probability",
        "band",
        "crosses_border",
        "country",
        "reasons",
        "sources",
    )

    def to_dict(self, text: Text | None = None, label: Label | None = None, rename: Rename | None = None) -> dict:
        """Everything about the suggestion, reasons with their kind, params,
        text (``text`` and ``label`` render it; English by default) and
        evidence, as plain JSON data. Keys, ids, codes and params stay as
        stored; ``rename`` writes the name and the names in the texts in the
        reader's language."""
        return {
            "rank": self.rank,
            "actor": self.actor,
            "other": self.other,
            "name": rename(self.name) if rename else self.name,
            "score": self.score,
            "probability": self.probability,
            "band": self.band,
            "steps": self.steps,
            "crosses_border": self.crosses_border,
            "country": self.country,
            "type": self.type,
            "kind": self.kind,
            "reasons": [
                {
                    "kind": r.kind,
                    "text": r.render(text, label, rename),
                    "params": r.params,
                    "sources": list(r.sources),
                    "evidence": [
                        {"label": e.label, "nodes": list(e.nodes), "sources": list(e.sources)} for e in r.evidence
                    ],
                }
                for r in self.reasons
            ],
            "sources": list(self.sources),
        }

    def to_row(
        self,
        text: Text | None = None,
        label: Label | None = None,
        rename: Rename | None = None,
        *,
        words: bool = False,
    ) -> dict[str, object]:
        """One CSV row (:data:`CSV_COLUMNS`): reasons joined with `` | ``, sources with spaces
        (names written by ``rename`` as in :meth:`to_dict`). The band, the border and
        the country are codes, or with ``words`` the reader's words (``text``, ``label``)."""
        row: dict[str, object] = {
            "rank": self.rank,
            "actor": self.actor,
            "other": self.other,
            "name": rename(self.name) if rename else self.name,
            "score": f"{self.score:.6g}",
            "probability": "" if self.probability is None else f"{self.probability:.4f}",
            "band": self.band,
            "crosses_border": self.crosses_border,
            "country": self.country,
            "reasons": " | ".join(r.render(text, label, rename) for r in self.reasons),
            "sources": " ".join(self.sources),
        }
        if words:
            row["band"] = render(f"band.{self.band}", {}, text)
            row["crosses_border"] = yes_no(self.crosses_border, text)
            row["country"] = (label or raw_label)("country", self.country) if self.country else ""
        return row


def suggestions_json(
    found: Sequence[Suggestion], text: Text | None = None, label: Label | None = None, rename: Rename | None = None
) -> str:
    """Suggestions as a JSON list of :meth:`Suggestion.to_dict` (the CLI's ``--format json``, the app's download)."""
    return json.dumps([s.to_dict(text, label, rename) for s in found], indent=2, ensure_ascii=False)


def suggestions_csv(
    found: Sequence[Suggestion],
    text: Text | None = None,
    label: Label | None = None,
    rename: Rename | None = None,
    header: Header | None = None,
) -> str:
    """Suggestions as CSV rows of :meth:`Suggestion.to_row` (the CLI's ``--format csv``, the app's download).
    ``header`` writes the file for a reader (the app): column headers, band, border and country in the
    reader's words. Default: column and value codes, for programs (the CLI)."""
    words = header is not None
    return csv_text(Suggestion.CSV_COLUMNS, (s.to_row(text, label, rename, words=words) for s in found), header=header)


class SuggestionEngine:
    """Suggestions on one collaboration graph with one fitted scorer."""

    def __init__(self, cg: CollabGraph, scorer: Scorer, *, exclude: Collection[frozenset[str]] = ()):
        self.cg = cg
        self.scorer = scorer
        self.exclude = set(exclude)

    @classmethod
    def from_subgraph(
        cls, sub, *, scorer: str | Scorer = "learned", collab: CollabGraph | None = None, **options
    ) -> SuggestionEngine:
        """Build the collaboration graph of ``sub``, fit the scorer, and exclude
        the pairs with planner feedback (``FEEDBACK`` ties of ``sub``).

        ``collab`` is ``collab_from_subgraph(sub)`` when the caller has it
        already (the app keeps one per graph version: CORDIS takes seconds
        to build); it is used as it is.
        """
        from graph.suggest.feedback import excluded_pairs

        cg = collab_from_subgraph(sub) if collab is None else collab
        s = get_scorer(scorer, **options) if isinstance(scorer, str) else scorer
        s.fit(cg)
        return cls(cg, s, exclude=excluded_pairs(sub.ties))

    @property
    def probabilistic(self) -> bool:
        """Whether scores are calibrated probabilities (a learned model trained on enough history)."""
        return bool(getattr(self.scorer, "calibrated", False))

    def confidence_note(self) -> tuple[str, dict]:
        """One line on what the shown figures mean, as (key, params) of
        :data:`graph.suggest.text.ENGLISH`: the history behind the
        probabilities, or why there is no percentage."""
        state = getattr(self.scorer, "state", None)
        if self.probabilistic and state:
            return "status_trained", {"new_ties": state["new_ties"]}
        if state and state.get("kind") == "evidence":
            return "no_percentage", {"new_ties": state["new_ties"], "needed": state["needed"]}
        return "no_percentage_heuristic", {}

    def _index(self, actor: str) -> int:
        try:
            return self.cg.index[actor]
        except KeyError:
            raise NotFound(actor) from None

    def excluded_for(self, source: int) -> list[int]:
        me = self.cg.actors[source]
        return [self.cg.index[x] for pair in self.exclude if me in pair for x in pair if x != me and x in self.cg.index]

    def suggest(
        self,
        actor: str,
        *,
        k: int = 20,
        filters: SuggestionFilter | None = None,
        max_steps: int = 3,
        max_candidates: int = 1000,
    ) -> list[Suggestion]:
        """The ``k`` best suggestions for ``actor`` (an id), best first, with reasons.

        A learned scorer rates at most ``max_candidates`` candidates, pruned
        by a cheap path score (:func:`graph.suggest.candidates.prune`);
        heuristics rate them all.
        """
        cg = self.cg
        s = self._index(actor)
        if filters is not None and (problems := filters.problems(cg)):
            raise ValidationFailed(problems)
        cand = candidates(cg, s, max_steps=max_steps, exclude=self.excluded_for(s))
        keep = (filters or SuggestionFilter()).mask(cg, s, cand.targets)
        cand = type(cand)(cand.source, cand.targets[keep], cand.steps[keep], cand.context[keep])
        if self.scorer.learned:
            cand = prune(cg, cand, max_candidates)
        targets, steps = cand.targets, cand.steps
        if len(targets) == 0:
            return []
        raw = self.scorer.score(cg, np.full(len(targets), s, dtype=np.int64), targets)
        scores, folded = fold_units(cg, targets, raw)
        order = np.lexsort((targets, -scores))[: min(k, int(np.isfinite(scores).sum()))]
        chosen = targets[order]
        parts = components(cg, np.full(len(chosen), s, dtype=np.int64), chosen)
        band = bands(parts)
        for rank, i in enumerate(order):  # a parent is at least as strong as the units it names
            for q in folded.get(int(i), ()):
                unit = bands(components(cg, np.array([s]), targets[[q]]))[0]
                if BAND_ORDER[unit] < BAND_ORDER[band[rank]]:
                    band[rank] = unit
        why = reasons_for(cg, s, [int(t) for t in chosen])
        asked = filters.topic_columns(cg) if filters is not None else []
        out = []
        for rank, (i, because) in enumerate(zip(order, why), start=1):
            t = int(targets[i])
            if int(i) in folded:
                because = [units_reason(cg, [int(targets[q]) for q in folded[int(i)]]), *because]
            if asked:  # why it passed the topic filter, first
                because = [topic_reason(cg, t, asked), *because]
            out.append(
                Suggestion(
                    actor=actor,
                    other=str(cg.actors[t]),
                    name=str(cg.names[t]),
                    rank=rank,
                    score=float(scores[i]),
                    probability=float(scores[i]) if self.probabilistic else None,
                    steps=int(steps[i]),
                    crosses_border=bool(cg.crosses_border(np.array([s]), np.array([t]))[0]),
                    country=str(cg.country[t]),
                    type=str(cg.attribute("type")[t]),
                    kind=str(cg.attribute("kind")[t]),
                    reasons=tuple(because),
                    band=str(band[rank - 1]),
                )
            )
        return out


#: The strength bands by rank, strongest first.
BAND_ORDER = {"strong": 0, "medium": 1, "weak": 2}


def top_k_all(
    cg: CollabGraph, scorer: Scorer, *, k: int = 20, block: int = 256, actors: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Top-``k`` suggestions for every actor (or ``actors``) at once, without reasons.

    Uses :meth:`Scorer.score_rows` block by block (candidates are then the
    actors with a non-zero score: two or three steps away); current partners
    and the actor itself are left out. Returns (targets, scores), each
    ``len(actors) x k``, padded with -1 / nan.
    """
    rows_all = np.arange(cg.n) if actors is None else np.asarray(actors, dtype=np.int64)
    targets = np.full((len(rows_all), k), -1, dtype=np.int64)
    scores = np.full((len(rows_all), k), np.nan)
    a = cg.adjacency
    for start in range(0, len(rows_all), block):
        rows = rows_all[start : start + block]
        m = scorer.score_rows(cg, rows)
        if m is None:
            raise ValueError(f"scorer {scorer.name!r} has no matrix form; use SuggestionEngine.suggest per actor")
        m = m.tocsr()
        # drop existing partners and self: subtract their entries
        mask = (a[rows] + _eye_rows(rows, cg.n)).tocsr()
        m = m - m.multiply(mask)
        m.eliminate_zeros()
        for i in range(len(rows)):
            lo, hi = m.indptr[i], m.indptr[i + 1]
            if lo == hi:
                continue
            cols, vals = m.indices[lo:hi], m.data[lo:hi]
            take = min(k, len(vals))
            part = np.argpartition(-vals, take - 1)[:take]
            part = part[np.lexsort((cols[part], -vals[part]))]
            targets[start + i, :take] = cols[part]
            scores[start + i, :take] = vals[part]
    return targets, scores


def _eye_rows(rows: np.ndarray, n: int):
    import scipy.sparse as sp

    return sp.csr_matrix((np.ones(len(rows)), (np.arange(len(rows)), rows)), shape=(len(rows), n))


__all__ = ["Suggestion", "SuggestionEngine", "SuggestionFilter", "suggestions_csv", "suggestions_json", "top_k_all"]
