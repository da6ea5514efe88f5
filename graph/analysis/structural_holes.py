"""Burt's structural holes: constraint and effective size.

An actor whose contacts are not tied to each other spans "structural
holes" and can broker between them. Both measures sum over the triangles
around a node, so they are computed from one listing of all triangles
(:mod:`graph.analysis._triangles`) and agree with
:func:`networkx.constraint` and :func:`networkx.effective_size`.

Let ``p(u, v) = w(u, v) / sum_x w(u, x)`` be the share of ``u``'s tie
strength invested in ``v`` and ``m(u, v) = w(u, v) / max_x w(u, x)`` the
strength of ``u``'s tie to ``v`` relative to ``u``'s strongest tie
(all weights 1 when ``weight`` is ``None``).

References
----------
.. [1] R. S. Burt, *Structural Holes: The Social Structure of Competition*,
   Harvard University Press, 1992.
.. [2] R. S. Burt, "Structural holes and good ideas", American Journal of
   Sociology 110 (2004) 349-399.
.. [3] S. P. Borgatti, "Structural holes: unpacking Burt's redundancy
   measures", Connections 20 (1997) 35-38.
"""

from __future__ import annotations

import numpy as np

from graph.analysis._triangles import chunks
from graph.analysis.network import Network, as_network

__all__ = ["constraint", "effective_size", "structural_holes"]


def structural_holes(G, *, weight: str | None = None) -> tuple[dict, dict]:
    """``(constraint, effective_size)`` in one pass over the triangles."""
    net = as_network(G, weight=weight or "weight")
    c, e = _arrays(net, weighted=weight is not None)
    return dict(zip(net.nodes, c.tolist())), dict(zip(net.nodes, e.tolist()))


def constraint(G, *, weight: str | None = None) -> dict:
    """Burt's constraint: how much a node's ties lead into one closed circle.

    ``c(u) = sum over neighbours v of (p(u, v) + sum_q p(u, q) p(q, v))^2``
    [1]_. High constraint means few structural holes; isolates get NaN.

    Parameters
    ----------
    G : graph
    weight : str, optional
        Edge attribute of tie strength.

    References
    ----------
    .. [1] R. S. Burt, *Structural Holes*, 1992, p. 54-55.
    """
    return structural_holes(G, weight=weight)[0]


def effective_size(G, *, weight: str | None = None) -> dict:
    """Burt's effective size: the number of a node's contacts minus their redundancy.

    ``e(u) = sum over neighbours v of (1 - sum_q p(u, q) m(v, q))`` [1]_;
    unweighted this is ``d - 2t/d`` with ``t`` the ties among the ``d``
    neighbours [2]_. Isolates get NaN.

    References
    ----------
    .. [1] R. S. Burt, *Structural Holes*, 1992, p. 52.
    .. [2] S. P. Borgatti, "Structural holes: unpacking Burt's redundancy
       measures", Connections 20 (1997) 35-38.
    """
    return structural_holes(G, weight=weight)[1]


def _arrays(net: Network, *, weighted: bool) -> tuple[np.ndarray, np.ndarray]:
    n, e = net.n, len(net.indices)
    w = net.weights if weighted else np.ones(e)
    rows = net.rows
    strength = np.bincount(rows, weights=w, minlength=n)
    wmax = np.zeros(n)
    np.maximum.at(wmax, rows, w)
    p = w / strength[rows]
    # Both sums run over the common neighbours q of a and b and factor into
    # a symmetric part per tie: sum_q p(a,q) p(q,b) = X(a,b) / s(a) with
    # X(a,b) = sum_q w(a,q) w(q,b) / s(q), and sum_q p(a,q) m(b,q) =
    # Y(a,b) / (s(a) max(b)) with Y(a,b) = sum_q w(a,q) w(q,b). Each
    # triangle adds to X and Y of its three ties.
    x = np.zeros(e)
    y = np.zeros(e)
    for uv, vw, uw in chunks(net):
        s_u, s_v, s_w = strength[rows[uv]], strength[net.indices[uv]], strength[net.indices[vw]]
        ties = np.concatenate([uv, uw, vw])
        two_path = np.concatenate([w[uw] * w[vw], w[uv] * w[vw], w[uv] * w[uw]])  # via w, via v, via u
        x += np.bincount(ties, weights=two_path / np.concatenate([s_w, s_v, s_u]), minlength=e)
        y += np.bincount(ties, weights=two_path, minlength=e)
    rev = net.reverse
    x += x[rev]
    y += y[rev]
    indirect = x / strength[rows]
    redundancy = y / (strength[rows] * wmax[net.indices])
    deg = net.degree
    with np.errstate(invalid="ignore"):
        con = np.bincount(rows, weights=(p + indirect) ** 2, minlength=n).astype(float)
        eff = np.bincount(rows, weights=1.0 - redundancy, minlength=n).astype(float)
    con[deg == 0] = np.nan
    eff[deg == 0] = np.nan
    return con, eff
