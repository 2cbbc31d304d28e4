"""Checks for the exercises of 04_backward_pass: one update step of w and b, the
gradient with respect to the inputs by the chain rule, and the gradient of a tanh neuron.
Expected values are our example neuron's numbers, computed here with plain math (not with
helpers.neuron), plus a second example so a hard-coded answer cannot pass."""

from __future__ import annotations

import math

import numpy as np

from helpers.checks._core import call_safely, compare_numbers, correct, exercise_check, not_yet
from helpers.checks.hints import Question, register_hints, register_self_check

__all__ = ["check_input_gradient", "check_tanh_neuron_gradient", "check_update_step"]

# (x, w, b, t): our example neuron first, then one with a negative input and target 0.
_CASES = (
    ((1.0, 2.0, 3.0), (0.2, 0.5, -0.1), 0.1, 1.0),
    ((0.5, -1.0, 2.0), (1.5, 0.3, -0.4), -0.2, 0.0),
)


def _factors(x, w, b, t):
    """dL/da, da/dz and a for one sigmoid neuron, by hand."""
    z = sum(wi * xi for wi, xi in zip(w, x, strict=True)) + b
    a = 1.0 / (1.0 + math.exp(-z))
    return -(t - a), a * (1.0 - a), a


def _numbers(value):
    """value as a float array, or None if it is not numbers (the compare reports that)."""
    try:
        return np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return None


def _call_for_two(function, args, name, what):
    """Call the learner's function safely; return (its two results, None) or (None, failure)."""
    got, failure = call_safely(function, *args, name=name)
    if failure is not None:
        return None, failure
    if isinstance(got, tuple | list) and len(got) == 2:
        return got, None
    return None, not_yet(
        f"{name} should return two things, {what}; got {type(got).__name__}"
        + (f" of length {len(got)}" if isinstance(got, tuple | list) else "") + ".",
        f"End with `return {what.strip('()')}`.")


def _diagnose_input_gradient(got, delta, dL_da, a, x, w):
    """Name the slip if ``got`` is a classic wrong ∂L/∂x; otherwise a general pointer."""
    x, w = np.asarray(x), np.asarray(w)
    got = _numbers(got)
    if got is None or got.shape != x.shape:
        return ("dL_dx has one entry per input, like x: δ times the array of ∂z/∂xᵢ "
                "(all three at once).")
    slips = (
        (delta * x, "that is ∂L/∂w, the weights' gradient: for an input, ∂z/∂xᵢ is the "
                    "factor it is multiplied by in z, its weight wᵢ — not xᵢ."),
        (delta * w * x, "∂z/∂xᵢ is wᵢ alone: xᵢ is the thing that moves, not a factor."),
        (dL_da * w, "the sigmoid's slope ∂a/∂z = σ′(z) = a·(1 − a) is missing."),
        (dL_da * a * w, "∂a/∂z is σ′(z) = a·(1 − a), not σ(z) = a."),
        (-delta * w, "the sign is flipped: ∂L/∂a = −(t − a) = a − t."),
    )
    for wrong, why in slips:
        if np.allclose(got, wrong, rtol=1e-6, atol=1e-12):
            return why
    return "follow the path xᵢ → z → a → L: δ = ∂L/∂z as before, times ∂z/∂xᵢ."


@exercise_check
def check_input_gradient(input_gradient) -> object:
    """Check ``input_gradient(x, w, b, t) -> dL_dx`` for the sigmoid neuron, L = ½(t − a)².

    Introduced in 04_backward_pass: the gradient the neuron passes back to its inputs (06).
    """
    for x, w, b, t in _CASES:
        dL_da, da_dz, a = _factors(x, w, b, t)
        delta = dL_da * da_dz
        got, failure = call_safely(input_gradient, np.array(x), np.array(w), b, t,
                                   name="input_gradient")
        if failure is not None:
            return failure
        call = f"input_gradient(x={list(x)}, w={list(w)}, b={b}, t={t})"
        hint = _diagnose_input_gradient(got, delta, dL_da, a, x, w)
        mismatch = compare_numbers(got, [delta * wi for wi in w], what=f"dL_dx from {call}",
                                   hint=hint)
        if mismatch is not None:
            return mismatch
    return correct("∂L/∂x = δ·w: for our example neuron [−0.01057542, −0.02643855, "
                   "+0.00528771], the −0.0106 you found for x₁ on 01's graph. In 06 this is "
                   "the gradient a layer passes back to the layer before it.")


@exercise_check
def check_update_step(update_step) -> object:
    """Check ``update_step(w, b, dL_dw, dL_db, lr) -> (new_w, new_b)``.

    Introduced in 04_backward_pass.
    """
    example_w, example_b, lr = (0.2, 0.5, -0.1), 0.1, 0.01
    dL_da, da_dz, _ = _factors((1.0, 2.0, 3.0), example_w, example_b, 1.0)
    example_g = [dL_da * da_dz * xi for xi in (1.0, 2.0, 3.0)]
    cases = (
        (example_w, example_b, example_g, dL_da * da_dz, lr),
        ((1.0, -2.0, 0.5), -0.3, (0.4, -0.2, 1.0), 0.25, 0.5),
    )
    for w, b, g_w, g_b, rate in cases:
        args = (np.array(w), b, np.array(g_w), g_b, rate)
        got, failure = _call_for_two(update_step, args, "update_step", "(new_w, new_b)")
        if not np.array_equal(args[0], np.array(w)):
            return not_yet("update_step changed the caller's w in place (w -= ... or "
                           "w[...] = ...): the array passed in is no longer the old w.",
                           "Build a new array, new_w = w − lr·dL_dw, and leave w as it was "
                           "(the old values may still be needed, e.g. to compare losses).")
        if failure is not None:
            return failure
        got_w, got_b = got
        expected_w = [wi - rate * gi for wi, gi in zip(w, g_w, strict=True)]
        uphill = [wi + rate * gi for wi, gi in zip(w, g_w, strict=True)]
        got_w_numbers, got_b_numbers = _numbers(got_w), _numbers(got_b)
        hint = ("you stepped uphill: subtract lr × gradient (w − lr·dL_dw)."
                if got_w_numbers is not None and got_w_numbers.shape == (3,)
                and np.allclose(got_w_numbers, uphill)
                else "new_w = w − lr · dL_dw, entry by entry.")
        what = f"new_w for w={list(w)}, lr={rate}"
        mismatch = compare_numbers(got_w, expected_w, what=what, hint=hint)
        if mismatch is not None:
            return mismatch
        hint_b = "new_b = b − lr · dL_db (one number)."
        if got_b_numbers is not None and got_b_numbers.size == 1 and np.isclose(
                float(got_b_numbers.reshape(())), b):
            hint_b = "the bias did not move: b is a parameter and learns too (b − lr·dL_db)."
        mismatch = compare_numbers(got_b, b - rate * g_b, what=f"new_b for b={b}, lr={rate}",
                                   hint=hint_b)
        if mismatch is not None:
            return mismatch
    return correct("one step takes our example neuron to w = [0.20052877, 0.50105754, −0.09841369] "
                   "and b = 0.10052877.")


def _tanh_factors(x, w, b, t):
    z = sum(wi * xi for wi, xi in zip(w, x, strict=True)) + b
    a = math.tanh(z)
    return z, a, -(t - a)


@exercise_check
def check_tanh_neuron_gradient(tanh_neuron_gradient) -> object:
    """Check ``tanh_neuron_gradient(x, w, b, t) -> (dL_dw, dL_db)`` for a = tanh(z),
    L = ½(t − a)². Introduced in 04_backward_pass."""
    cases = (((1.0, 2.0, 3.0), (0.2, 0.5, -0.1), 0.1, 1.0),
             ((0.5, -1.0, 2.0), (1.5, 0.3, -0.4), -0.2, -0.5))
    for x, w, b, t in cases:
        z, a, dL_da = _tanh_factors(x, w, b, t)
        delta = dL_da * (1.0 - a * a)
        got, failure = _call_for_two(tanh_neuron_gradient, (np.array(x), np.array(w), b, t),
                                     "tanh_neuron_gradient", "(dL_dw, dL_db)")
        if failure is not None:
            return failure
        got_w, got_b = got
        call = f"tanh_neuron_gradient(x={list(x)}, w={list(w)}, b={b}, t={t})"
        s = 1.0 / (1.0 + math.exp(-z))
        slips = (
            (-(t - s) * s * (1 - s), "that is the sigmoid neuron's gradient: here a = tanh(z)."),
            (dL_da * s * (1 - s), "a = tanh(z) is right, but the slope is tanh′(z) = 1 − a², "
                                  "not the sigmoid's σ(z)(1 − σ(z))."),
            (dL_da * a * (1 - a), "a·(1 − a) is the sigmoid's pattern; tanh′(z) = 1 − a²."),
            (dL_da * (1 - a), "the slope is 1 − a² (a squared), not 1 − a."),
            (dL_da * a, "tanh′(z) = 1 − a², not tanh(z) = a."),
            (-delta, "the sign is flipped: ∂L/∂a = −(t − a) = a − t."),
            (dL_da, "the slope of the activation, tanh′(z) = 1 − a², is missing."),
        )
        values = _numbers(got_w)
        hint = "δ = ∂L/∂a · tanh′(z) with tanh′(z) = 1 − a²; then ∂L/∂w = δ·x and ∂L/∂b = δ."
        if values is not None and values.shape == (3,):
            for wrong_delta, why in slips:
                if np.allclose(values, wrong_delta * np.array(x), rtol=1e-6, atol=1e-12):
                    hint = why
                    break
        mismatch = compare_numbers(got_w, [delta * xi for xi in x], what=f"dL_dw from {call}",
                                   hint=hint)
        if mismatch is not None:
            return mismatch
        mismatch = compare_numbers(got_b, delta, what=f"dL_db from {call}",
                                   hint="∂z/∂b = 1, so ∂L/∂b = δ itself (no x).")
        if mismatch is not None:
            return mismatch
    return correct("only the activation's slope changed: δ = −(t − a)·(1 − a²), then "
                   "∂L/∂w = δ·x and ∂L/∂b = δ, exactly as for the sigmoid.")


register_hints(
    "input_gradient",
    "Follow the path xᵢ → z → a → L and write one local slope per arrow. Which of them is "
    "different from the path wᵢ → z → a → L?",
    "The first two factors make δ = ∂L/∂z, exactly as for the weights. The last one asks: "
    "by how much does z = w₁x₁ + w₂x₂ + w₃x₃ + b change when xᵢ (not wᵢ) moves by 1?",
    "δ = −(t − a)·a·(1 − a) with a = sigmoid(w·x + b); ∂z/∂xᵢ = wᵢ, so dL_dx = δ * w.",
)
register_hints(
    "tanh_neuron_gradient",
    "Only one link of the chain w → z → a → L changed when σ became tanh. Which one?",
    "The activation's slope: the tanh′(z) you derived in 02 (Exercise 3), written with "
    "a = tanh(z).",
)
register_hints(
    "update_step",
    "Each parameter moves a small step *against* its own gradient; the bias is a parameter.",
    "new = old − lr × gradient, once for the array w and once for the number b. Build new "
    "values rather than changing w in place.",
)
register_self_check(
    "backward_pass",
    Question("For our example neuron ∂L/∂w₃ = −0.159. You raise w₃ by a tiny Δ = 0.001. "
             "About how does L change?",
             ("it rises by 0.000159", "it falls by about 0.000159", "it falls by 0.159"),
             1, ("The gradient is negative: raising w₃ lowers L.",
                 "Right: ΔL ≈ ∂L/∂w₃ · Δ = −0.159 × 0.001 (try it with the nudge control).",
                 "That forgets to multiply by the size of the nudge.")),
    Question("What is δ = ∂L/∂z good for?",
             ("nothing: only ∂L/∂w matters", "every parameter's gradient is δ times ∂z/∂(that "
              "parameter): δ·xᵢ for wᵢ, δ for b", "it is the learning rate"),
             1, ("∂L/∂w is built *from* δ; computing δ once saves work for every weight.",
                 "Right: and in 06 the same δ is what flows back to earlier layers.",
                 "lr is chosen by us; δ is computed by the chain rule.")),
    Question("A gradient check gives relative error 1e−4 at ε = 1e−12 but 1e−10 at ε = 1e−6. "
             "What do you conclude?",
             ("the gradient has a bug", "ε = 1e−12 is too small: round-off spoils the "
              "difference; the gradient is right", "use ε = 1e−12, it is more precise"),
             1, ("A buggy formula is wrong at every ε; this one agrees at a good ε.",
                 "Right: judge the gradient at a sensible ε (about 1e−6 here).",
                 "Smaller is not better: dividing round-off by a tiny 2ε blows it up.")),
)
