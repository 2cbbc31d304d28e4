"""Finite-difference gradients and relative error, to check analytic gradients.

Introduced in 01_chain_rule, used again in 04_backward_pass and 07_backprop_bugs. The centred
difference (f(x + ε) − f(x − ε)) / 2ε has error O(ε²), far better than the one-sided
(f(x + ε) − f(x)) / ε, which is O(ε).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import numpy as np

from helpers._validate import as_float, as_float_array, positive_float

__all__ = [
    "EpsilonSweep",
    "GradientCheck",
    "check_gradient",
    "describe_agreement",
    "describe_relative_error",
    "epsilon_sweep",
    "format_relative_error",
    "numerical_gradient",
    "numerical_gradients",
    "relative_error",
]


def _scalar_output(f: Callable, x) -> float:
    value = f(x)
    try:
        return as_float(value, "f(x)", allow_inf=False)
    except (TypeError, ValueError) as exc:
        raise type(exc)(f"f must return one finite number: {exc}") from None


def numerical_gradient(f: Callable, x, eps: float = 1e-6):
    """Centred-difference gradient of a scalar function f at x. Introduced in 01_chain_rule.

    ``x`` is a number or an array; the result has the same shape (a float for a number).
    ``f`` is called with a perturbed copy of ``x`` (same shape), so ``x`` itself never changes.
    """
    if not callable(f):
        raise TypeError(f"f must be a function of x returning a number, got {f!r}")
    x = as_float_array(x, "x")
    eps = positive_float(eps, "eps")
    if x.ndim == 0:
        x0 = float(x)
        return (_scalar_output(f, x0 + eps) - _scalar_output(f, x0 - eps)) / (2.0 * eps)
    grad = np.empty_like(x)
    for i in np.ndindex(x.shape):
        x_plus, x_minus = x.copy(), x.copy()
        x_plus[i] += eps
        x_minus[i] -= eps
        grad[i] = (_scalar_output(f, x_plus) - _scalar_output(f, x_minus)) / (2.0 * eps)
    return grad


def numerical_gradients(loss: Callable, params, eps: float = 1e-6) -> list[np.ndarray]:
    """Centred differences of ``loss(params)`` for each array of a list ``params`` (a
    network's W and b). Introduced in 06_multilayer; the exercise checks use it.

    ``loss`` receives a list shaped like ``params`` with one array perturbed; ``params``
    itself never changes.
    """
    if isinstance(params, np.ndarray) or not isinstance(params, list | tuple):
        raise TypeError("params must be a list of arrays (e.g. [W1, b1, W2, b2])")
    params = [as_float_array(p, f"params[{k}]") for k, p in enumerate(params)]

    def loss_with(k):
        return lambda value: loss([value if j == k else p for j, p in enumerate(params)])

    return [numerical_gradient(loss_with(k), p, eps) for k, p in enumerate(params)]


def relative_error(a, b, floor: float = 1e-8) -> float:
    """Largest elementwise |a − b| / max(|a| + |b|, floor). In 01_chain_rule.

    0.0 when a and b are equal (including both 0). ``floor`` stops tiny gradients that
    are both almost 0 from looking wildly different. cs231n divides by max(|a|, |b|)
    instead; for b = a·(1 − r) ours is r / (2 − r), about half of theirs, which is why the
    verdicts below use cs231n's thresholds halved.
    """
    a = as_float_array(a, "a")
    b = as_float_array(b, "b", shape=a.shape, match="to match a")
    floor = positive_float(floor, "floor")
    return float(np.max(np.abs(a - b) / np.maximum(np.abs(a) + np.abs(b), floor)))


# cs231n's rule of thumb (1e-7 right, 1e-4 only near kinks, 1e-2 wrong) is written for
# |a − b| / max(|a|, |b|). Our |a| + |b| denominator gives r / (2 − r) where theirs gives r,
# so the same thresholds in our formula are halved: 5e-8, 5e-5, 5e-3.
# Below the first, a relative error is round-off and finite-difference noise: its digits differ
# from CPU to CPU (numpy picks SIMD code paths at run time), so it is printed as a bound.
ROUND_OFF_LEVEL = 5e-8
KINK_LEVEL = 5e-5  # up to here only near kinks (relu at 0)
WRONG_LEVEL = 5e-3  # from here on the gradients almost certainly disagree

_VERDICTS = (
    (ROUND_OFF_LEVEL, "excellent: the analytic gradient is right"),
    (KINK_LEVEL, f"acceptable (< {KINK_LEVEL:.0e}) only near kinks such as relu at 0; for "
                 f"smooth functions expect < {ROUND_OFF_LEVEL:.0e}"),
    (WRONG_LEVEL, f"suspicious ({KINK_LEVEL:.0e} to {WRONG_LEVEL:.0e}): look at each "
                  "chain-rule factor (and at ε)"),
)


def format_relative_error(err: float) -> str:
    """A relative error as text that every CPU prints alike. In 01_chain_rule.

    "< 5e-08" below ROUND_OFF_LEVEL (the exact digits there are noise); otherwise two
    significant figures, e.g. "3.1e-01".
    """
    err = as_float(err, "err", allow_inf=True)
    if err < 0:
        raise ValueError(f"err must be >= 0 (a relative error), got {err!r}")
    return f"< {ROUND_OFF_LEVEL:.0e}" if err < ROUND_OFF_LEVEL else f"{err:.1e}"


def describe_relative_error(err: float) -> str:
    """A short verdict on a gradient-check relative error: cs231n's scale, halved for our
    |a| + |b| denominator (see ROUND_OFF_LEVEL). In 01_chain_rule."""
    text = format_relative_error(err)
    for limit, verdict in _VERDICTS:
        if err < limit:
            return f"{text}: {verdict}"
    return f"{text}: almost certainly wrong ({WRONG_LEVEL:.0e} or more): the gradients disagree"


def describe_agreement(a, b, tol: float = 1e-12) -> str:
    """Whether two arrays agree to round-off (max |a − b| < tol), as text. In 06_multilayer.

    Used to compare two ways of computing the same numbers (e.g. matrix and scalar-graph
    gradients): below ``tol`` the difference is round-off, whose digits vary between CPUs.
    """
    a = as_float_array(a, "a")
    b = as_float_array(b, "b", shape=a.shape, match="to match a")
    tol = positive_float(tol, "tol")
    gap = float(np.max(np.abs(a - b))) if a.size else 0.0
    if gap < tol:
        return f"agree to round-off (max |difference| < {tol:.0e})"
    return f"differ: max |difference| = {gap:.1e} (round-off would be < {tol:.0e})"


class GradientCheck(NamedTuple):
    """Result of ``check_gradient``. Introduced in 01_chain_rule."""

    analytic: np.ndarray | float
    numerical: np.ndarray | float
    relative_error: float
    verdict: str


def check_gradient(f: Callable, analytic, x, eps: float = 1e-6) -> GradientCheck:
    """Compare an analytic gradient at x with the centred difference of f. In 01_chain_rule.

    ``analytic`` is the gradient you computed (same shape as ``x``). Returns both gradients,
    their relative error and a verdict from ``describe_relative_error``.
    """
    x_arr = as_float_array(x, "x")
    analytic = as_float_array(analytic, "analytic", shape=x_arr.shape, match="to match x")
    numerical = numerical_gradient(f, x, eps)
    err = relative_error(analytic, numerical)
    if analytic.ndim == 0:
        analytic = float(analytic)
    return GradientCheck(analytic, numerical, err, describe_relative_error(err))


class EpsilonSweep(NamedTuple):
    """Centred differences of f at x for many step sizes ε, and each analytic gradient's
    relative error against them. Introduced in 04_backward_pass."""

    eps: np.ndarray  # (k,) step sizes
    numerical: np.ndarray  # (k, *x.shape): the centred difference at each ε
    errors: np.ndarray  # (n_analytic, k): relative_error(analytic[j], numerical[i])

    @property
    def best_eps(self) -> float:
        """The ε where the first analytic gradient agrees best (truncation meets round-off)."""
        return float(self.eps[np.argmin(self.errors[0])])

    @property
    def truncation_scale(self) -> float:
        """c in 'truncation error ≈ c·ε²', fitted through the largest ε (a guide line)."""
        return float(self.errors[0][-1] / self.eps[-1] ** 2)

    def numerical_at(self, f: Callable, x, eps: float):
        """The centred difference at ``eps``: looked up if it is one of the sweep's ε."""
        i = int(np.argmin(np.abs(np.log10(self.eps) - np.log10(eps))))
        if np.isclose(self.eps[i], eps, rtol=1e-9, atol=0):
            return self.numerical[i]
        return numerical_gradient(f, x, eps)


def epsilon_sweep(f: Callable, x, analytics, eps) -> EpsilonSweep:
    """The centred difference of f at x for every step size in ``eps``, and the relative error
    of each gradient in ``analytics`` against it. Introduced in 04_backward_pass.

    Shows the two errors of a finite difference: truncation (∝ ε²) for large ε, round-off
    (∝ 1e-16/ε) for small ε.
    """
    eps = as_float_array(eps, "eps", ndim=1)
    if np.any(eps <= 0):
        raise ValueError("eps must all be > 0 (finite-difference step sizes)")
    x = as_float_array(x, "x")
    analytics = [as_float_array(g, f"analytics[{j}]", shape=x.shape, match="to match x")
                 for j, g in enumerate(analytics)]
    numerical = np.array([numerical_gradient(f, x, e) for e in eps])
    errors = np.array([[relative_error(g, n) for n in numerical] for g in analytics])
    return EpsilonSweep(eps, numerical, errors)
