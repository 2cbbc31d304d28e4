"""Honest summaries of many training runs, some of which never finish (08_rumelhart_1986).

Introduced in 08_rumelhart_1986. A run stopped at the sweep limit before it learned is
*censored*: we know only that it needs more than ``epochs`` sweeps. Leaving such runs out
makes a method look faster than it is, so the summaries here keep them:

- ``censored_median``: the median of all runs, an unsolved run counting as "more than
  ``epochs``" (the median itself is then "> epochs" if half the runs or more are unsolved);
- ``fraction_solved``: the share of all runs solved within k sweeps, for every k (with one
  common limit this is the Kaplan–Meier curve of the runs);
- ``pattern_errors``: which of the 64 patterns a hand-set 6-2-1 net gets wrong.
numpy only.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from helpers._validate import as_float_array, check_int

__all__ = ["CensoredMedian", "censored_median", "fraction_solved", "median_run",
           "pattern_errors"]


def _as_sweeps(sweeps) -> np.ndarray:
    """Sweeps as floats, an unsolved run (None) as +inf."""
    values = np.array([np.inf if s is None else float(s) for s in sweeps])
    if values.size == 0:
        raise ValueError("sweeps is empty: pass one entry per run (None for unsolved)")
    if np.any(values < 0):
        raise ValueError("sweeps must be >= 0 (or None for an unsolved run)")
    return values


class CensoredMedian(NamedTuple):
    """The median of all runs: ``value`` (None if it lies beyond the limit) and its text."""

    value: float | None
    text: str
    n_runs: int
    n_unsolved: int


def censored_median(sweeps, epochs: int) -> CensoredMedian:
    """Median sweeps over *all* runs; a None (unsolved after ``epochs``) counts as > epochs.

    Introduced in 08_rumelhart_1986. For an even number of runs the median is the mean of the
    two middle runs, which needs both to be solved.
    """
    epochs = check_int(epochs, "epochs", minimum=1)
    values = np.sort(_as_sweeps(sweeps))
    n, unsolved = len(values), int(np.sum(~np.isfinite(values)))
    middle = values[[(n - 1) // 2, n // 2]]
    if np.all(np.isfinite(middle)):
        value = float(np.mean(middle))
        return CensoredMedian(value, f"{value:,.0f}", n, unsolved)
    return CensoredMedian(None, f"> {epochs:,}", n, unsolved)


def fraction_solved(sweeps, grid) -> np.ndarray:
    """For each k in ``grid``: the fraction of *all* runs solved within k sweeps.

    Introduced in 08_rumelhart_1986. Unsolved runs (None) never count as solved.
    """
    values = _as_sweeps(sweeps)
    grid = as_float_array(grid, "grid", ndim=1)
    return np.mean(values[None, :] <= grid[:, None], axis=1)


def median_run(seeds, sweeps) -> int:
    """The seed whose solved run is the median of the solved runs (the lower middle one).

    Introduced in 08_rumelhart_1986, to show a typical run rather than a fast one.
    """
    pairs = sorted((s, seed) for seed, s in zip(seeds, sweeps, strict=True) if s is not None)
    if not pairs:
        raise ValueError("no run was solved: there is no median run")
    return pairs[(len(pairs) - 1) // 2][1]


def pattern_errors(W1, b1, W2, b2) -> np.ndarray:
    """The 64 six-bit patterns a 6-2-1 sigmoid net with these weights gets wrong.

    Introduced in 08_rumelhart_1986 (the hand-set weights exercise). Returns the wrong
    patterns as rows (0/1); empty (shape (0, 6)) when all 64 are on the right side of 0.5.
    """
    from helpers.rumelhart import symmetry_data  # here: rumelhart imports this module's users

    W1 = as_float_array(W1, "W1", shape=(2, 6), match="(2 hidden units × 6 inputs)")
    b1 = as_float_array(b1, "b1", shape=(2,), match="(one bias per hidden unit)")
    W2 = as_float_array(W2, "W2", shape=(1, 2), match="(1 output × 2 hidden units)")
    b2 = as_float_array(b2, "b2", shape=(1,), match="(one bias for the output)")
    X, T = symmetry_data()
    with np.errstate(over="ignore"):
        a1 = 1.0 / (1.0 + np.exp(-(X @ W1.T + b1)))
        y = 1.0 / (1.0 + np.exp(-(a1 @ W2.T + b2)))
    wrong = (y[:, 0] >= 0.5) != (T[:, 0] == 1)
    return X[wrong].astype(int)
