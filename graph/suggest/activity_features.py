"""Pair features from what a participation table says about the activities
themselves, beyond who took part when (see :mod:`graph.suggest.collab`):

- *field*: each actor's profile over the activities' fields (CORDIS: the
  Horizon 2020 programme part of each project it joined). Two busy
  organisations that share many partners but work in different fields
  rarely meet; the cosine and the overlap of their profiles say so.
  ``field_cos`` is the cosine of the count profiles, ``field_overlap`` the
  histogram intersection of the share profiles (sum of the smaller share
  per field; 1 = the same mix).
- *lead*: the share of an actor's activities it led (CORDIS: coordinated)
  and how many it led: coordinators assemble consortia and so form ties.
- *amount*: the mean amount per participation (CORDIS: the EU contribution,
  unknown counting as 0), a proxy for the weight an actor carries.

Every column is computed from the graph it is given, so for a graph cut at
an earlier time (:meth:`CollabGraph.before`) only what was known then counts.
A column is ``nan`` where the graph has no such data (no fields, no lead or
no amount known; both actors without activities), which the learned model
reads as "unknown". The ``_min`` / ``_max`` columns take the smaller and
larger of the values known (one actor's, when the other has no activity).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import scipy.sparse as sp

from graph.suggest.collab import CollabGraph, binary, rowdot

#: The columns :func:`activity_columns` adds, in order.
NAMES = (
    "field_cos",
    "field_overlap",
    "lead_share_min",
    "lead_share_max",
    "leads_min",
    "leads_max",
    "amount_min",
    "amount_max",
)


def _profiles(cg: CollabGraph) -> dict[str, Any]:
    """Per-actor field profiles, lead and amount figures, made once per graph."""

    def make() -> dict[str, Any]:
        b = binary(cg.incidence)
        counts = sp.csr_matrix(b @ cg.fields)
        norms = np.sqrt(np.asarray(counts.multiply(counts).sum(axis=1)).ravel())
        totals = np.asarray(counts.sum(axis=1)).ravel()
        shares = sp.csr_matrix(sp.diags(np.where(totals > 0, 1 / np.maximum(totals, 1), 0.0)) @ counts)
        n_act = cg.activity_count.astype(float)
        active = n_act > 0
        unknown = np.full(cg.n, np.nan)
        if cg.lead.nnz:
            leads = np.asarray(binary(cg.lead).sum(axis=1)).ravel()
            lead_share = np.where(active, leads / np.maximum(n_act, 1), np.nan)
            lead_count = np.where(active, np.log1p(leads), np.nan)
        else:
            lead_share = lead_count = unknown
        if cg.amount.nnz:
            total = np.asarray(cg.amount.sum(axis=1)).ravel()
            amount = np.where(active, np.log1p(np.maximum(total, 0) / np.maximum(n_act, 1)), np.nan)
        else:
            amount = unknown
        return {
            "counts": counts,
            "norms": norms,
            "shares": shares,
            "lead_share": lead_share,
            "leads": lead_count,
            "amount": amount,
        }

    return cg.cached("activity_profiles", make)


def field_counts(cg: CollabGraph) -> sp.csr_matrix:
    """actors x fields: how many of each actor's activities are in each field."""
    return _profiles(cg)["counts"]


def activity_columns(cg: CollabGraph, u: np.ndarray, v: np.ndarray) -> dict[str, np.ndarray]:
    """The columns of :data:`NAMES` for the pairs (u[i], v[i])."""
    p = _profiles(cg)
    u = np.asarray(u, dtype=np.int64)
    v = np.asarray(v, dtype=np.int64)
    cols: dict[str, np.ndarray] = {}
    den = p["norms"][u] * p["norms"][v]
    if len(u) and cg.fields.shape[1]:
        overlap = np.asarray(p["shares"][u].minimum(p["shares"][v]).sum(axis=1)).ravel()
        cols["field_cos"] = np.where(den > 0, rowdot(p["counts"], u, v) / np.maximum(den, 1e-300), np.nan)
        cols["field_overlap"] = np.where(den > 0, overlap, np.nan)
    else:
        cols["field_cos"] = cols["field_overlap"] = np.full(len(u), np.nan)
    for name, key in (("lead_share", "lead_share"), ("leads", "leads"), ("amount", "amount")):
        a, b = p[key][u], p[key][v]
        cols[f"{name}_min"], cols[f"{name}_max"] = np.fmin(a, b), np.fmax(a, b)
    assert tuple(cols) == NAMES
    return cols


__all__ = ["NAMES", "activity_columns", "field_counts"]
