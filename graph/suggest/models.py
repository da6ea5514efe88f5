"""The learned default's fitted models and how they predict: one calibrated
model (gradient-boosted trees or a logistic regression, with its Platt
scaling), a bag of them, and the one-thread rule for small predictions
(:mod:`graph.suggest.learned` trains them)."""

from __future__ import annotations

import contextlib
import functools
from dataclasses import dataclass
from typing import Any

import numpy as np


def logit(p: np.ndarray) -> np.ndarray:
    """The log-odds of probabilities ``p`` (kept a billionth away from 0 and 1)."""
    p = np.clip(p, 1e-9, 1 - 1e-9)
    return np.log(p) - np.log1p(-p)


def sigmoid(x: np.ndarray) -> np.ndarray:
    """The probabilities of log-odds ``x``."""
    return 1.0 / (1.0 + np.exp(-x))


#: Tree predictions for at most this many rows run on one OpenMP thread.
ONE_THREAD_ROWS = 10_000


@functools.cache
def threadpools():
    """The native thread pools loaded in this process (threadpoolctl), found
    once: looking them up costs milliseconds, limiting them microseconds."""
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


def threads_for(rows: int):
    """One OpenMP thread for small predictions, the default for large ones.

    scikit-learn's tree ensembles predict one tree at a time, each tree
    opening an OpenMP parallel region; for one actor's candidates (at most a
    few thousand rows, 300 trees) handing work to the other threads costs
    more than the work, and on a busy machine a thread that waits for a core
    stalls every tree (measured on CORDIS, 1,000 rows with both cores busy:
    about 75 ms with two threads, 15-25 ms with one). The limit sets the
    calling thread's OpenMP setting only and is undone on exit; the values
    are the same with any number of threads (rows are predicted apart).
    """
    if rows > ONE_THREAD_ROWS:
        return contextlib.nullcontext()
    return threadpools().limit(limits=1, user_api="openmp")


@dataclass
class CalibratedModel:
    """A fitted classifier and the Platt scaling of its log-odds (``a``, ``b``)."""

    estimator: Any  # a fitted scikit-learn classifier with predict_proba
    kind: str  # "trees" or "linear"
    a: float = 1.0
    b: float = 0.0
    positives: int = 0
    #: the feature columns the trees were trained on (None: all)
    columns: np.ndarray | None = None

    def log_odds(self, x: np.ndarray) -> np.ndarray:
        """The calibrated log-odds of ``x``'s rows."""
        if len(x) == 0:
            return np.zeros(0)
        if self.kind == "trees":
            if self.columns is not None:
                x = x[:, self.columns]
            with threads_for(len(x)):
                raw = self.estimator.predict_proba(x)[:, 1]
        else:
            raw = self.estimator.predict_proba(np.nan_to_num(x, nan=0.0))[:, 1]
        return self.a * logit(raw) + self.b

    def proba(self, x: np.ndarray) -> np.ndarray:
        return sigmoid(self.log_odds(x))


@dataclass
class Bag:
    """Models of one segment trained on the same positives, each with its own
    share of the negatives and calibrated on its own; the probability is their
    mean log-odds (see :data:`graph.suggest.learned.BAG`)."""

    members: list[CalibratedModel]

    @property
    def kind(self) -> str:
        return self.members[0].kind

    @property
    def positives(self) -> int:
        return self.members[0].positives

    def proba(self, x: np.ndarray) -> np.ndarray:
        return sigmoid(np.mean([m.log_odds(x) for m in self.members], axis=0))


__all__ = ["ONE_THREAD_ROWS", "Bag", "CalibratedModel", "logit", "sigmoid", "threadpools", "threads_for"]
