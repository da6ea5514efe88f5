"""The suggestion service: which engine answers a request, and the learned model's training.

An app serves many requests on one graph version. :class:`SuggestionService`
keeps, per :class:`~graph.store.base.CacheKey` and view (with or without
private persons), the collaboration graph, the fitted engines and the
composed forums, so that a request that asks the same again computes
nothing.

Training the learned default takes about a minute at CORDIS size. On a
network of ``background_actors`` actors or more the service trains it in a
background thread, started once per graph version and view, and ranks by
resource allocation until it is ready (:attr:`Ranking.training` says so).
A training that failed raises :class:`SuggestionUnavailable` (a
:class:`~graph.errors.PontesError`) from the original error on the next
request, so that it reaches the user through the caller's one error
boundary like any other Pontes error.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass

from graph.cache import Memo
from graph.errors import PontesError
from graph.model import ACTOR_TYPES
from graph.store.base import CacheKey, Subgraph
from graph.suggest.collab import CollabGraph, collab_from_subgraph
from graph.suggest.engine import Suggestion, SuggestionEngine, SuggestionFilter
from graph.suggest.forum import ForumPlan, compose_forum

__all__ = ["FALLBACK_SCORER", "Ranking", "SuggestionService", "SuggestionUnavailable"]

#: What ranks while the learned model trains in the background.
FALLBACK_SCORER = "resource_allocation"


class SuggestionUnavailable(PontesError):
    """The learned model could not be trained for this graph (the cause is chained)."""


@dataclass(frozen=True)
class Ranking:
    """Suggestions for one actor, the scorer that ranked them, and whether the
    learned model is still training (then ``scorer`` is :data:`FALLBACK_SCORER`).

    ``note`` is the one line on what the shown figures mean, as a key of
    :data:`graph.suggest.text.ENGLISH` and its params
    (:meth:`~graph.suggest.engine.SuggestionEngine.confidence_note`).
    """

    suggestions: list[Suggestion]
    scorer: str
    status: str
    training: bool = False
    note: tuple[str, dict] = ("no_percentage_heuristic", {})


class _Training:
    """The learned engine of one graph version and view, trained in a thread."""

    def __init__(self, whole: Subgraph, cg: CollabGraph) -> None:
        self.engine: SuggestionEngine | None = None
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, args=(whole, cg), name="pontes-learned", daemon=True)
        self.thread.start()

    def _run(self, whole: Subgraph, cg: CollabGraph) -> None:
        try:
            self.engine = SuggestionEngine.from_subgraph(whole, scorer="learned", collab=cg)
        except Exception as e:  # kept, and raised as a PontesError on the next request
            self.error = e


class SuggestionService:
    """Suggestion engines and forums of one or more stores, per graph version and view.

    Parameters
    ----------
    background_actors : int
        From this many actors on, the learned model trains in the background.
    max_entries : int
        Graph versions (and views) kept at once.
    """

    def __init__(self, *, background_actors: int = 5000, max_entries: int = 4):
        self.background_actors = background_actors
        self._collabs = Memo(max_entries)
        self._engines = Memo(max_entries * 4)
        self._training = Memo(max_entries)
        self._forums = Memo(max_entries * 8)
        self._lock = threading.Lock()

    def collab(self, key: CacheKey, view: str, whole: Subgraph) -> CollabGraph:
        """The collaboration graph of ``whole`` (the graph of ``key`` as ``view`` shows it), built once."""
        return self._collabs.get_or_make(key, view, make=lambda: collab_from_subgraph(whole))

    def engine(self, key: CacheKey, view: str, whole: Subgraph, scorer: str) -> SuggestionEngine:
        """The engine of ``scorer`` on ``whole``, fitted once (in the caller's thread)."""
        return self._engines.get_or_make(
            key,
            view,
            scorer,
            make=lambda: SuggestionEngine.from_subgraph(whole, scorer=scorer, collab=self.collab(key, view, whole)),
        )

    def _background(self, key: CacheKey, view: str, whole: Subgraph) -> _Training:
        with self._lock:  # one training per graph version and view, however many sessions ask
            return self._training.get_or_make(key, view, make=lambda: _Training(whole, self.collab(key, view, whole)))

    def ranking_engine(self, key: CacheKey, view: str, whole: Subgraph, scorer: str) -> tuple[SuggestionEngine, str]:
        """The engine that ranks now for ``scorer``, and the scorer it uses.

        The learned default on a large network comes from the background
        training; until it is done, :data:`FALLBACK_SCORER` ranks.
        """
        n_actors = sum(1 for n in whole.nodes if n.type in ACTOR_TYPES)
        if scorer == "learned" and n_actors >= self.background_actors:
            job = self._background(key, view, whole)
            if job.error is not None:
                raise SuggestionUnavailable(f"the learned model could not be trained: {job.error}") from job.error
            if job.engine is not None:
                return job.engine, scorer
            return self.engine(key, view, whole, FALLBACK_SCORER), FALLBACK_SCORER
        return self.engine(key, view, whole, scorer), scorer

    def suggest(
        self,
        key: CacheKey,
        view: str,
        whole: Subgraph,
        actor: str,
        *,
        scorer: str = "learned",
        k: int = 10,
        filters: SuggestionFilter | None = None,
    ) -> Ranking:
        """The ``k`` best suggestions for ``actor`` (an id) with ``scorer``, or the fallback while it trains."""
        engine, used = self.ranking_engine(key, view, whole, scorer)
        found = engine.suggest(actor, k=k, filters=filters)
        return Ranking(
            suggestions=found,
            scorer=used,
            status=str(getattr(engine.scorer, "status", "") or ""),
            training=used != scorer,
            note=engine.confidence_note(),
        )

    def forum(
        self,
        key: CacheKey,
        view: str,
        whole: Subgraph,
        topic: str | None,
        size: int,
        invited: Sequence[str] = (),
        countries: Sequence[str] = (),
        sectors: Sequence[str] = (),
    ) -> ForumPlan:
        """A composed forum (:func:`graph.suggest.forum.compose_forum`), once per request and graph version.
        Empty ``countries`` and ``sectors`` mean the network's own."""
        request = (topic, int(size), tuple(invited), tuple(countries), tuple(sectors))
        return self._forums.get_or_make(
            key,
            view,
            request,
            make=lambda: compose_forum(
                self.collab(key, view, whole),
                topic,
                int(size),
                invited=list(invited),
                countries=list(countries) or None,
                sectors=list(sectors) or None,
            ),
        )
