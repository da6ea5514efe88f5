"""The evidence score: what a planner can check, counted and weighted.

On a small network with little dated history no model can learn how ties
form (the seed network has 34 new ties in its last two years), so the
default ranks by the evidence itself. For a pair of actors it counts

=============  ======  ============================================================
component      weight  what is counted
=============  ======  ============================================================
``partners``   1       shared partners (actors both already share an activity with)
``events``     0.5     event series both took part in without meeting (the round
                       tables of one project; :mod:`graph.suggest.structure`)
``groups``     0.5     networks and working groups both belong to
``places``     0.25    pairs of linked places across the border both lie in
                       (Luxembourg and Metz, linked through QuattroPole)
``topics``     0.25    shared topics, at most :data:`MAX_TOPICS` of them
``border``     0.5     1 when the pair crosses a border
=============  ======  ============================================================

and scores their weighted sum (:data:`WEIGHTS`). A shared partner counts
most, more than any single piece of context (a topic, a pair of places, the
border), and every weight is positive, so the score is *monotone*: a pair
with more shared partners, all else equal, never scores lower. Every component is a count over the two
actors and their own neighbourhoods, with no normalisation over the whole
network, so the score of a pair changes only when something near the pair
changes: a tie far from an actor and its candidates never changes its
ranking (``tests/test_suggest_evidence.py`` checks both on generated graphs).

The *strength band* (:func:`bands`) says in one word how much evidence
there is, from the same counts: **strong** with three shared partners or
more, or two and a shared series or group; **medium** with one shared
partner, a shared series or a shared group; **weak** otherwise (topics,
places and the border only).
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from graph.suggest.collab import CollabGraph, rowdot
from graph.suggest.scorers import Scorer, register

#: The weight of each component (see the module docstring).
WEIGHTS = {"partners": 1.0, "events": 0.5, "groups": 0.5, "places": 0.25, "topics": 0.25, "border": 0.5}
#: At most this many shared topics count.
MAX_TOPICS = 3
#: The strength bands, strongest first.
BANDS = ("strong", "medium", "weak")


def _group_masks(cg: CollabGraph) -> tuple[sp.csr_matrix, sp.csr_matrix]:
    """The groups matrix split into bodies (networks, working groups ...) and pairs of linked places."""

    def make():
        places = np.array([k == "places" for k in cg.group_kinds], dtype=bool)
        g = sp.csr_matrix(cg.groups)
        return (g @ sp.diags((~places).astype(float))).tocsr(), (g @ sp.diags(places.astype(float))).tocsr()

    return cg.cached("evidence:groups", make)


def components(cg: CollabGraph, u: np.ndarray, v: np.ndarray) -> dict[str, np.ndarray]:
    """The counts of the evidence score for the pairs ``(u[i], v[i])`` (see the module docstring)."""
    u = np.asarray(u, dtype=np.int64)
    v = np.asarray(v, dtype=np.int64)
    bodies, places = _group_masks(cg)
    border = cg.crosses_border(u, v).astype(float)
    return {
        "partners": rowdot(cg.adjacency, u, v),
        "events": rowdot(cg.series, u, v),
        "groups": rowdot(bodies, u, v),
        "places": rowdot(places, u, v) * border,  # linked places say nothing within one country
        "topics": np.minimum(rowdot(cg.topics, u, v), MAX_TOPICS),
        "border": border,
    }


def evidence_score(cg: CollabGraph, u: np.ndarray, v: np.ndarray) -> np.ndarray:
    """The weighted sum of :func:`components` with :data:`WEIGHTS`."""
    parts = components(cg, u, v)
    return sum((WEIGHTS[name] * values for name, values in parts.items()), start=np.zeros(len(u)))


def bands(parts: dict[str, np.ndarray]) -> np.ndarray:
    """The strength band of each pair from its :func:`components` (see the module docstring)."""
    partners, context = parts["partners"], (parts["events"] > 0) | (parts["groups"] > 0)
    strong = (partners >= 3) | ((partners >= 2) & context)
    medium = (partners >= 1) | context
    return np.where(strong, "strong", np.where(medium, "medium", "weak")).astype(object)


@register
class EvidenceScorer(Scorer):
    """The evidence score (see the module docstring): shared partners, shared
    event series, groups, linked places, topics and the border, weighted."""

    name = "evidence"
    description = "Shared partners first, then shared event series, groups, topics and the border."

    def score(self, cg, u, v):
        return evidence_score(cg, u, v)


__all__ = ["BANDS", "MAX_TOPICS", "WEIGHTS", "EvidenceScorer", "bands", "components", "evidence_score"]
