"""Checks for the exercises of 10_deeper_networks: He initialisation, and diagnosing a network
from its activation histograms."""

from __future__ import annotations

import numpy as np

from helpers.checks._core import CheckResult, call_safely, correct, exercise_check, not_yet
from helpers.checks.hints import Question, register_hints, register_self_check

__all__ = ["DIAGNOSES", "check_diagnosis", "check_he_init"]

HE_HINT = ("He et al. chose the spread so that a ReLU layer keeps the size of its input: "
           "think about how many inputs each unit adds up, and that ReLU zeroes half of them.")
DIAGNOSES = ("healthy", "saturated", "vanishing", "exploding")
# The four networks of helpers.mystery_networks, drawn in 10_deeper_networks (A–D).
_ANSWERS = {"A": "healthy", "B": "saturated", "C": "vanishing", "D": "exploding"}
_NUDGES = {
    "saturated": "Look at where the values pile up: in the middle, or at the ends of the range?",
    "vanishing": "Follow the spread from layer 1 to the last: does it stay, grow or shrink?",
    "exploding": "Follow the spread from layer 1 to the last: does it stay, grow or shrink?",
    "healthy": "Compare the first and the last layer's histograms: similar, or not?",
}


@exercise_check
def check_he_init(he_init) -> CheckResult:
    """``he_init(n_in, n_out, rng)`` → weights of shape (n_out, n_in), normal with standard
    deviation √(2 / n_in); checked on its shape and its spread, and by sending a signal
    through 20 ReLU layers.

    Introduced in 10_deeper_networks.
    """
    rng = np.random.default_rng(0)
    W, failure = call_safely(he_init, 300, 200, rng, name="he_init", hint=HE_HINT)
    if failure is not None:
        return failure
    W = np.asarray(W, dtype=float) if W is not None else None
    if W is None or W.shape != (200, 300):
        shape = None if W is None else W.shape
        return not_yet(f"he_init(300, 200, rng) should have shape (200, 300) (n_out rows, "
                       f"n_in columns, like every W of the course), got {shape}.", HE_HINT)
    expected = np.sqrt(2.0 / 300)
    spread = float(W.std())
    if abs(float(W.mean())) > 0.1 * expected:
        return not_yet(f"the weights' mean is {float(W.mean()):.3g}; it should be about 0.",
                       HE_HINT)
    if abs(spread / np.sqrt(2.0 / 200) - 1) < 0.03:
        return not_yet(f"the spread is {spread:.4f}, which is √(2/200): you used n_out where "
                       "He uses n_in (the number of inputs each unit adds up).", HE_HINT)
    if abs(spread / np.sqrt(1.0 / 300) - 1) < 0.03:
        return not_yet(f"the spread is {spread:.4f} = √(1/n_in): Var(w) = 1/n_in is a common "
                       "choice for tanh, but ReLU zeroes half its inputs, so He doubles the "
                       "variance.", HE_HINT)
    if abs(spread / (2.0 / 300) - 1) < 0.03:
        return not_yet(f"the spread is {spread:.4f} = 2/n_in: that is the variance, used as the "
                       "standard deviation. rng.normal takes the standard deviation: the square "
                       "root of the variance.", HE_HINT)
    if abs(spread / np.sqrt(2.0 / (300 + 200)) - 1) < 0.03:
        return not_yet(f"the spread is {spread:.4f} = √(2/(n_in + n_out)): that is Xavier's, "
                       "for tanh; He uses n_in only.", HE_HINT)
    if abs(spread / expected - 1) > 0.03:
        return not_yet(f"the weights' standard deviation is {spread:.4f}, expected about "
                       f"{expected:.4f} for n_in = 300.", HE_HINT)
    # the point of it: a signal keeps its size through many ReLU layers
    a = rng.normal(size=(500, 100))
    size = float(np.sqrt(np.mean(a * a)))
    for _ in range(20):
        W, failure = call_safely(he_init, 100, 100, rng, name="he_init", hint=HE_HINT)
        if failure is not None:
            return failure
        a = np.maximum(a @ np.asarray(W, dtype=float).T, 0.0)
    ratio = float(np.sqrt(np.mean(a * a))) / size
    if not 0.2 < ratio < 5:
        return not_yet(f"after 20 ReLU layers the signal's size changed {ratio:.3g}-fold.",
                       HE_HINT)
    return correct(f"spread √(2/n_in), and after 20 ReLU layers the signal keeps its size "
                   f"({ratio:.1f}× the input's).")


@exercise_check
def check_diagnosis(diagnosis) -> CheckResult:
    """``diagnosis``: a dict {"A": …, "B": …, "C": …, "D": …} of words from DIAGNOSES.

    Introduced in 10_deeper_networks.
    """
    if not isinstance(diagnosis, dict):
        return not_yet(f"diagnosis should be a dict like {{'A': 'healthy', ...}}, got "
                       f"{type(diagnosis).__name__}.")
    missing = sorted(set(_ANSWERS) - set(diagnosis))
    if missing:
        return not_yet(f"give a diagnosis for every network: {', '.join(missing)} missing.")
    if all(diagnosis[name] == "?" for name in _ANSWERS):
        return not_yet(f"replace each '?' with one of {', '.join(DIAGNOSES)}.",
                       _NUDGES["vanishing"])
    for name in sorted(_ANSWERS):
        word = diagnosis[name]
        if word not in DIAGNOSES:
            return not_yet(f"{name}: {word!r} is not one of {', '.join(DIAGNOSES)}.")
    wrong = [name for name in sorted(_ANSWERS) if diagnosis[name] != _ANSWERS[name]]
    if wrong:
        first = wrong[0]
        return not_yet(f"{len(wrong)} of 4 not right yet, starting with network {first}.",
                       _NUDGES[_ANSWERS[first]])
    return correct("A is healthy (ReLU with He's variance), B saturates (tanh, Xavier × 2.5: "
                   "pinned at ±1, where f′ ≈ 0), C vanishes (ReLU, He × 0.6: the spread "
                   "× about 0.65 per layer), D explodes (ReLU, He × 1.5: × about 1.6 per layer).")


# --- tiered hints (tier 1 never gives the answer) and the notebook's self-check ---

register_hints(
    "he_init",
    "Each layer multiplies the mean square of the signal (the mean of a²) by n_in·Var(w), "
    "and ReLU then halves it. Which Var(w) makes the product exactly 1?",
    "rng.normal(mean, std, size=...) takes the standard deviation — the square root of the "
    "variance — and the shape is (n_out, n_in), one row per unit.",
)
register_hints(
    "diagnosis",
    "Two questions per network: does the spread stay roughly level from layer 1 to layer 6 "
    "(within a factor of 2 over six layers), or does it grow or shrink by about the same "
    "factor every layer? And where do the values sit: spread over the range, or pushed "
    "against its ends?",
    "A tanh unit outputs at most ±1: many values at the very ends mean f′ ≈ 0 there (its "
    "weight gradients need not be small: ∂L/∂W multiplies δ by the inputs a, and a = ±1 is "
    "as large as tanh gets). A ReLU spread that shrinks by about the same factor every layer "
    "is on its way to 0; one that grows by about the same factor, to infinity.",
)
register_self_check(
    "deeper_networks",
    Question("A ReLU layer has 100 inputs. What standard deviation does He give its weights?",
             ("√(2/100) ≈ 0.14", "1/100 = 0.01", "√(1/100) = 0.1"), 0,
             ("Right: Var(w) = 2/n_in, so that n_in·Var(w)·½ = 1 through the ReLU.",
              "That is a variance-sized number used as a standard deviation, and too small: "
              "about fourteen times smaller than He's 0.14, so the signal would shrink about "
              "fourteenfold per layer.",
              "That is Var(w) = 1/n_in, a common choice for tanh (and almost Xavier's); ReLU "
              "zeroes half its inputs, so He doubles the variance.")),
    Question("Why do a dead ReLU unit's own weights stop moving?",
             ("Its f′(z) is 0 for every input, so every gradient reaching its weights is 0",
              "Weight decay keeps pulling its weights to 0",
              "Its bias is exactly 0"), 0,
             ("Right: no gradient, no update — its own weights stop moving. In the first "
              "hidden layer nothing can bring it back; a deeper unit revives only if the "
              "layers below change what it receives.",
              "Weight decay shrinks weights but gives no push in any direction that would "
              "revive the unit; the missing gradient is the reason.",
              "A zero bias is harmless; the unit is dead because z < 0 for all inputs.")),
    Question("Going from mini-batches of 16 to batches of 64, the gradient's noise …",
             ("falls by about half", "falls to a quarter", "does not change"), 0,
             ("Right: it falls like 1/√B, and √(64/16) = 2 — for four times the work per "
              "step.",
              "A quarter would be 1/B; averaging B samples only reduces the spread by √B.",
              "A bigger batch averages more samples, so its estimate is less noisy.")),
)
