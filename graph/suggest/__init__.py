"""Suggested missing connections, with reasons; a forum composer; an honest evaluation.

Layout
------
collab      the sparse collaboration graph the engine works on (:class:`CollabGraph`)
candidates  who could be suggested to whom (paths of two or three steps, shared context across borders)
scorers     the registry of small scoring strategies (:data:`SCORERS`)
features    pair features for the learned scorer
learned     the learned default (:class:`LearnedScorer`)
reasons     plain-language reasons with their evidence
feedback    planners' decisions on suggestions, stored as ties
forum       the forum composer
evaluate    the temporal evaluation protocol
"""

from graph.suggest import learned as _learned  # noqa: F401 - registers the learned scorer
from graph.suggest.collab import CollabGraph, collab_from_participations
from graph.suggest.scorers import SCORERS, Scorer, get_scorer, heuristic_names, register

__all__ = [
    "SCORERS",
    "CollabGraph",
    "Scorer",
    "collab_from_participations",
    "get_scorer",
    "heuristic_names",
    "register",
]
