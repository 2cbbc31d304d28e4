"""Checks for the exercises of 01_chain_rule: the chain rule for F(x) = sin(x²), every gradient
of our example neuron's graph by hand, a mini micrograd-style ``Value``, and (kept for reuse)
the local derivatives of a multiplication node. Expected numbers use plain math, never the
course's own ``Value``."""

from __future__ import annotations

import math

import numpy as np

from helpers.checks._core import (
    CheckResult,
    call_safely,
    check_cases,
    compare_numbers,
    correct,
    exercise_check,
    not_yet,
)
from helpers.checks.hints import Question, register_hints, register_self_check
from helpers.gradcheck import numerical_gradient

__all__ = ["EXAMPLE_GRAPH_NODES", "check_dF_dx", "check_example_gradients",
           "check_mul_local_grads", "compare_with_backward"]

_XS = (-2.0, -0.7, 0.0, 0.5, 1.3, 2.2)

_DF_DX_HINT = ("Chain rule: dF/dx = dg/dh · dh/dx with h = x² and g(h) = sin(h). Work out "
               "each factor on its own; dg/dh is evaluated at the inner value h = x².")

# Common slips, recognised so the hint can say exactly which factor is off.
_SLIPS = (
    (lambda x: np.cos(x**2), "you have dg/dh = cos(x²) but not the inner factor dh/dx = 2x."),
    (lambda x: 2 * x * np.cos(x), "the outer derivative must be evaluated at h = x², "
                                   "i.e. cos(x²), not cos(x)."),
    (lambda x: -2 * x * np.cos(x**2), "the sign is off: the derivative of sin is +cos."),
    (lambda x: 2 * x * np.sin(x**2), "the derivative of sin(h) is cos(h), not sin(h)."),
)


@exercise_check
def check_dF_dx(dF_dx) -> CheckResult:
    """Check ``dF_dx(x)`` for F(x) = sin(x²) against a centred finite difference of F at
    several x. Introduced in 01_chain_rule."""
    for x in _XS:
        got, failure = call_safely(dF_dx, x, name="dF_dx", hint=_DF_DX_HINT)
        if failure is not None:
            return failure
        expected = numerical_gradient(lambda u: np.sin(u**2), x)
        mismatch = compare_numbers(got, expected, what=f"dF_dx({x})", hint=_DF_DX_HINT,
                                   rtol=1e-5, atol=1e-7)
        if mismatch is not None:
            return _explain_slip(dF_dx, mismatch)
    return correct("dF_dx matches the finite difference of F(x) = sin(x²) at "
                   f"{len(_XS)} points: cos(x²) · 2x.")


def _explain_slip(dF_dx, mismatch: CheckResult) -> CheckResult:
    for slip, explanation in _SLIPS:
        matches = True
        for x in _XS:
            got, failure = call_safely(dF_dx, x)
            if failure is not None or compare_numbers(got, slip(x), what="") is not None:
                matches = False
                break
        if matches:
            return not_yet(mismatch.message, f"Close: {explanation}")
    return mismatch


_MUL_HINT = ("For f = x·y, to get df/dx treat y as a constant: the derivative of "
             "(constant)·x is that constant. Return the pair (df/dx, df/dy).")


@exercise_check
def check_mul_local_grads(mul_local_grads) -> CheckResult:
    """Check ``mul_local_grads(x, y)`` returns (df/dx, df/dy) = (y, x) for f = x·y.
    Introduced in 01_chain_rule."""
    got, failure = call_safely(mul_local_grads, 3.0, -2.0, name="mul_local_grads",
                               hint=_MUL_HINT)
    if failure is not None:
        return failure
    if compare_numbers(got, (3.0, -2.0), what="") is None:
        return not_yet("mul_local_grads(3.0, -2.0) returned (3.0, -2.0) = (x, y): the two "
                       "derivatives are swapped.",
                       "df/dx is the *other* factor: for f = x·y, df/dx = y and df/dy = x.")
    return check_cases(
        mul_local_grads,
        [((3.0, -2.0), (-2.0, 3.0)), ((0.5, 4.0), (4.0, 0.5)), ((-1.5, 0.0), (0.0, -1.5))],
        name="mul_local_grads", hint=_MUL_HINT,
        success="for f = x·y, df/dx = y and df/dy = x: each input's local derivative is the "
                "other input's value.")


# --- Exercise: every gradient of our example neuron's graph, by hand -------------------------

EXAMPLE_GRAPH_NODES = ("t-a", "a", "z", "w1*x1", "b", "w1", "w2", "w3", "x1")
# Exercise 2's precision: 4 significant figures are always within rel_tol (at most 5e-4 off);
# abs_tol lets numbers worked out from a rounded to four decimals pass too.
_SIGNIFICANT_FIGURES = 4
_CLOSE = 0.06  # within 6 %: right to 1–2 significant figures, so "carry more digits"


def _matches(value: float, expected: float) -> bool:
    return math.isclose(value, expected, rel_tol=2e-3, abs_tol=6e-5)


def example_graph_numbers() -> dict:
    """Values and gradients of our example neuron's graph, with plain math (not helpers.graph).

    z = w1·x1 + w2·x2 + w3·x3 + b, a = σ(z), L = ½(t − a)²; for each node: (local derivative
    towards it, the upstream node) so a check can say which factor went wrong."""
    x, w, b, t = (1.0, 2.0, 3.0), (0.2, 0.5, -0.1), 0.1, 1.0
    z = sum(wi * xi for wi, xi in zip(w, x, strict=True)) + b
    a = 1.0 / (1.0 + math.exp(-z))
    error = t - a
    slope = a * (1.0 - a)
    delta = -error * slope  # dL/dz
    grads = {"L": 1.0, "t-a": error, "a": -error, "z": delta, "w1*x1": delta, "b": delta,
             "w1": delta * x[0], "w2": delta * x[1], "w3": delta * x[2], "x1": delta * w[0]}
    return {"x": x, "w": w, "b": b, "t": t, "z": z, "a": a, "slope": slope, "grads": grads}


def _node_slip(node: str, got: float, n: dict) -> str:
    """The exact mistake behind a wrong dL/d(node), when it is a known one."""
    g, a, x, w = n["grads"], n["a"], n["x"], n["w"]
    error = n["t"] - a
    slips = {
        "t-a": [(-error, "the sign: d(½·u²)/du = +u, and here u = t − a is positive."),
                (2 * error, "the ½ in L = ½(t − a)² cancels the 2 of the square."),
                (0.5 * error**2, "that is L itself; you want how fast L changes with u = t − a."),
                (1.0, "the local derivative of ½u² is u = t − a, not 1.")],
        "a": [(error, "the node t − a has local derivative −1 with respect to a: the minus is "
                      "missing."),
              (-1.0, "−1 is only the local derivative; multiply it by the upstream dL/d(t − a).")],
        "z": [(g["a"], "the sigmoid node's local derivative σ′(z) = a·(1 − a) is missing."),
              (g["a"] * a, "the local derivative is σ′(z) = a·(1 − a), not σ(z) = a."),
              (-g["z"], "the sign: dL/da is negative here, and σ′(z) > 0.")],
        "w1*x1": [(g["z"] * x[0], "a + node passes its upstream on unchanged: local derivative 1."),
                  (g["z"] * w[0],
                   "a + node passes its upstream on unchanged: local derivative 1.")],
        "b": [(g["z"] * n["b"], "z = … + b, so ∂z/∂b = 1: the bias gets dL/dz unchanged.")],
        "x1": [(g["z"] * x[0], "for w1·x1 the local derivative with respect to x1 is the other "
                               "factor, w1.")],
    }
    for i in (1, 2, 3):
        slips[f"w{i}"] = [
            (g["z"] * w[i - 1], f"for w{i}·x{i} the local derivative with respect to w{i} is the "
                                f"other factor, x{i}, not w{i}."),
            (g["z"], f"dL/d(w{i}·x{i}) = dL/dz is the upstream; multiply it by the local "
                     f"derivative x{i}."),
        ]
    for wrong, why in slips.get(node, []):
        if math.isclose(got, wrong, rel_tol=2e-3, abs_tol=1e-6):
            return why
    return ("multiply the local derivative of this node's consumer by that consumer's "
            "upstream gradient (look at the arrow leaving this box).")


@exercise_check
def check_example_gradients(example_gradients) -> CheckResult:
    """Check, node by node, the learner's hand-computed dL/d(node) for our example neuron's
    graph: ``example_gradients()`` returns a dict from node name to number (``...`` for not
    yet done). Introduced in 01_chain_rule."""
    grads, failure = call_safely(example_gradients, name="example_gradients")
    if failure is not None:
        return failure
    if not isinstance(grads, dict):
        return not_yet(f"example_gradients() should return the dict grads, got "
                       f"{type(grads).__name__}.", "Keep the dict of the exercise cell, "
                       "replace each ... with a number, and end with `return grads`.")
    unknown = sorted(set(grads) - set(EXAMPLE_GRAPH_NODES))
    if unknown:
        return not_yet(f"grads has names that are not nodes of the exercise: {unknown}.",
                       f"Use exactly these names: {list(EXAMPLE_GRAPH_NODES)}.")
    numbers = example_graph_numbers()
    right = []
    for node in EXAMPLE_GRAPH_NODES:
        got = grads.get(node, ...)
        if got is ...:
            if not right:
                return not_yet("grads is still the untouched stub (every entry is ...).",
                               'Start at the output and work right to left: dL/d(t-a) first. '
                               'For a first nudge run hint("example_gradients").')
            return not_yet(f"{len(right)} of {len(EXAMPLE_GRAPH_NODES)} right so far "
                           f"({', '.join(right)}); next: dL/d({node}).",
                           "Each gradient is local derivative × the upstream gradient you "
                           "already have.")
        try:
            value = float(got)
        except (TypeError, ValueError):
            return not_yet(f"grads[{node!r}] should be a number, got {type(got).__name__}.")
        expected = numbers["grads"][node]
        if not _matches(value, expected):
            if math.isclose(value, expected, rel_tol=_CLOSE):
                return not_yet(f"dL/d({node}) = {value:.6g} is close — carry more digits "
                               f"({_SIGNIFICANT_FIGURES} significant figures).",
                               "Rounding early loses digits: keep four significant figures "
                               "at every step, or write the Python arithmetic with a.")
            return not_yet(f"dL/d({node}) = {value:.6g} is not right "
                           f"({len(right)} nodes before it are).",
                           _node_slip(node, value, numbers))
        right.append(node)
    return correct("every gradient of the graph, by hand. Notice dL/dz = dL/db = dL/d(w1·x1): "
                   "a + node copies its upstream, and every weight gets dL/dz × its input.")


def compare_with_backward(example_gradients, root) -> str:
    """Your hand-computed gradients of 01's Exercise 2 against ``root.backward()``'s: a ✓ or ✗
    per node, and backward()'s numbers only once all nine of yours match them, so the numbers
    never give the exercise away.

    Introduced in 01_chain_rule. ``root`` is the graph's loss after ``backward()``. Never
    raises: an unfinished or broken answer gets a sentence saying what to do first.
    """
    wait = ("Exercise 2 first: once example_gradients() returns your numbers, this cell marks "
            "each ✓ or ✗ against backward(), and shows backward()'s numbers when all nine "
            "are right.")
    grads, failure = call_safely(example_gradients, name="example_gradients")
    if failure is not None or not isinstance(grads, dict):
        return wait
    labels = {node.label: node for node in root.topological_order() if node.label}
    marks, numbers = [], []
    for name in EXAMPLE_GRAPH_NODES:
        theirs = labels[name.replace("-", "−").replace("*", "·")].grad
        try:
            mine = float(grads.get(name, ...))
        except (TypeError, ValueError):
            marks.append(f"dL/d({name:5})  not a number yet")
            continue
        same = _matches(mine, theirs)
        marks.append(f"dL/d({name:5})  {'✓' if same else '✗ differs'}")
        numbers.append(f"dL/d({name:5}) yours {mine:+.6f}   backward() {theirs:+.8f}   ✓")
    if not numbers:
        return wait
    if len(numbers) == len(EXAMPLE_GRAPH_NODES) and all(m.endswith("✓") for m in marks):
        return "\n".join(numbers)
    return "\n".join([*marks, "backward()'s numbers appear here once all nine of yours are "
                       "right; check_example_gradients says what is off."])


register_hints(
    "dF_dx",
    "Name the inner and the outer function, and differentiate each on its own.",
    "h(x) = x² has slope 2x. g(h) = sin(h) has slope cos(h) — at which point?",
    "The outer slope is evaluated at the inner value: cos(h) with h = x². Multiply by 2x.",
)
register_hints(
    "example_gradients",
    "Start at L and walk right to left. Every box asks the same question: what is my local "
    "derivative, and what is the gradient arriving from the box I feed?",
    "L = ½u² with u = t − a, so dL/du = u. The node t − a changes by −1 when a grows by 1. "
    "The sigmoid node's local derivative is σ′(z) = a·(1 − a).",
    "A + node passes its upstream on unchanged (local derivative 1), so z, b and each wᵢ·xᵢ "
    "share one gradient. A * node multiplies it by the *other* factor: dL/dwᵢ uses xᵢ.",
)
register_hints(
    "mul_local_grads",
    "To see how f = x·y reacts to x, hold y fixed.",
    "The derivative of (a constant)·x is that constant.",
)
register_self_check(
    "chain_rule",
    Question("F(x) = g(h(x)). At which point is dg/dh evaluated in dF/dx = dg/dh · dh/dx?",
             ("at x", "at the inner value h(x)", "at 0"),
             1, ("g never sees x directly: it is fed h(x).",
                 "Right: e.g. for sin(x²) the outer slope is cos(x²), not cos(x).",
                 "The slope is taken where the function is being used.")),
    Question("In our example neuron's graph, z = w₁x₁ + w₂x₂ + w₃x₃ + b. How do dL/dz and "
             "dL/db compare?",
             ("dL/db = dL/dz · b", "they are equal", "dL/db = 0"),
             1, ("The local derivative of a sum with respect to b is 1, not b.",
                 "Right: a + node passes its upstream gradient on unchanged (to every term).",
                 "b moves z one-for-one, so it gets all of dL/dz.")),
    Question("A backward pass writes parent.grad = local × upstream (= instead of +=). On "
             "f = x·x at x = 3 it reports df/dx = 3. Why?",
             ("x is used twice; = keeps only the last use's share", "the order is wrong",
              "df/dx really is 3"),
             0, ("Right: each use adds local × upstream = 3; += sums them to 6 = 2x.",
                 "The order is fine here; the second contribution overwrote the first.",
                 "d(x²)/dx = 2x = 6 at x = 3.")),
)
