"""Activation functions a = f(z) and their derivatives, plus a registry by name.

Introduced in 02_activations. Every function is elementwise: a python number gives a numpy
float64 (which is also a python ``float``), an array gives a float64 ndarray of the same shape.
Derivatives are with respect to z: ``sigmoid_derivative(z) = σ(z)(1 − σ(z))``. (The network's
batch code uses the textbook form written in terms of a = f(z), e.g. a(1 − a): the forward
pass has already computed a.)

Numerical care: ``sigmoid`` never overflows (no warnings for any float64, including ±inf) and is
correct to float64 precision; the derivatives are computed from e^(−|z|) so they stay accurate
(not rounded to 0) far into the tails.

Convention: ``relu_derivative(0) = 0``. ReLU has no derivative at 0; any value in [0, 1] is a
valid subgradient, and 0 is what most libraries use.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import numpy as np

from helpers._validate import as_float, as_float_array, check_choice, check_int

__all__ = [
    "ACTIVATIONS",
    "ACTIVATION_NAMES",
    "SATURATION_SLOPE",
    "Activation",
    "depth_products",
    "flat_state",
    "flat_zones",
    "get_activation",
    "relu",
    "relu_derivative",
    "sigmoid",
    "sigmoid_derivative",
    "tanh",
    "tanh_derivative",
]


# --- raw kernels: float64 ndarray in, ndarray out, no validation (used in training loops) ---


def _sigmoid(z: np.ndarray) -> np.ndarray:
    # Two branches that each only ever exponentiate a non-positive number, so nothing overflows:
    # z >= 0: 1 / (1 + e^-z);  z < 0: e^z / (1 + e^z). Both are exact to float64 precision.
    e = np.exp(-np.abs(z))
    d = 1.0 + e
    return np.where(z >= 0, 1.0 / d, e / d)


def _sigmoid_batch(z: np.ndarray) -> np.ndarray:
    # The one-line form, about twice as fast as `_sigmoid` for the training loop. Call it under
    # np.errstate(over="ignore"): e^-z overflows to inf for z < -709 and 1/(1 + inf) = 0 is the
    # right limit. It agrees with `_sigmoid` to within an ulp or two.
    return 1.0 / (1.0 + np.exp(-z))


def _sigmoid_derivative(z: np.ndarray) -> np.ndarray:
    # σ(z)(1 − σ(z)) = σ(z)σ(−z) = e/(1 + e)^2 with e = e^(−|z|): no cancellation in 1 − σ.
    e = np.exp(-np.abs(z))
    return e / ((1.0 + e) * (1.0 + e))


def _tanh_derivative(z: np.ndarray) -> np.ndarray:
    # 1 − tanh(z)^2 = sech(z)^2 = 4e/(1 + e)^2 with e = e^(−2|z|): accurate in the tails too.
    e = np.exp(-2.0 * np.abs(z))
    return 4.0 * e / ((1.0 + e) * (1.0 + e))


def _relu(z: np.ndarray) -> np.ndarray:
    return np.maximum(z, 0.0)


def _relu_derivative(z: np.ndarray) -> np.ndarray:
    return (z > 0).astype(np.float64)  # 0 at z == 0 by convention


def _sigmoid_from_a(a: np.ndarray) -> np.ndarray:
    return a * (1.0 - a)


def _tanh_from_a(a: np.ndarray) -> np.ndarray:
    return 1.0 - a * a


def _relu_from_a(a: np.ndarray) -> np.ndarray:
    return (a > 0).astype(np.float64)


# name -> (f, df/dz, df written in terms of a) for the network's batch code (no validation;
# run under np.errstate(over="ignore")).
_KERNELS = {
    "sigmoid": (_sigmoid_batch, _sigmoid_derivative, _sigmoid_from_a),
    "tanh": (np.tanh, _tanh_derivative, _tanh_from_a),
    "relu": (_relu, _relu_derivative, _relu_from_a),
}


def _apply(kernel: Callable[[np.ndarray], np.ndarray], value: object, name: str):
    """Validate ``value``, apply ``kernel`` without warnings, and return float64 or ndarray."""
    arr = as_float_array(value, name, allow_empty=True, allow_inf=True)
    with np.errstate(under="ignore", over="ignore"):  # underflow to 0 is the right answer
        out = kernel(arr)
    return out[()] if out.ndim == 0 else out  # 0-d -> numpy float64 scalar


# --- public functions (validated) ---


def sigmoid(z):
    """Sigmoid σ(z) = 1/(1+e^−z), elementwise, never overflowing. Introduced in 02_activations."""
    return _apply(_sigmoid, z, "z")


def sigmoid_derivative(z):
    """Derivative dσ/dz = σ(z)(1 − σ(z)), elementwise. Introduced in 02_activations."""
    return _apply(_sigmoid_derivative, z, "z")



def tanh(z):
    """Hyperbolic tangent tanh(z) = (e^z − e^−z)/(e^z + e^−z), elementwise. In 02_activations."""
    return _apply(np.tanh, z, "z")


def tanh_derivative(z):
    """Derivative d tanh/dz = 1 − tanh(z)², elementwise. Introduced in 02_activations."""
    return _apply(_tanh_derivative, z, "z")



def relu(z):
    """Rectified linear unit relu(z) = max(0, z), elementwise. Introduced in 02_activations."""
    return _apply(_relu, z, "z")


def relu_derivative(z):
    """ReLU derivative: 1 where z > 0, else 0 (0 at z = 0 by convention). In 02_activations."""
    return _apply(_relu_derivative, z, "z")



class Activation(NamedTuple):
    """An activation by name: ``f(z)`` and its derivative ``df(z)``. Used from 02_activations."""

    name: str
    f: Callable
    df: Callable


ACTIVATIONS: dict[str, Activation] = {
    "sigmoid": Activation("sigmoid", sigmoid, sigmoid_derivative),
    "tanh": Activation("tanh", tanh, tanh_derivative),
    "relu": Activation("relu", relu, relu_derivative),
}


def get_activation(name: str) -> Activation:
    """Look up an activation ('relu', 'sigmoid', 'tanh') by name. Introduced in 02_activations."""
    return ACTIVATIONS[check_choice(name, "activation", ACTIVATIONS)]


ACTIVATION_NAMES = tuple(ACTIVATIONS)  # ("sigmoid", "tanh", "relu"): every menu of the course

# Below this slope a unit counts as saturated: a gradient through it shrinks 20-fold or more.
SATURATION_SLOPE = 0.05


def flat_zones(name: str, z_range=(-5.0, 5.0), threshold: float = SATURATION_SLOPE):
    """The z-intervals of ``z_range`` where activation ``name`` is flat. In 02_activations.

    Returns a list of ``(z0, z1, label)``: for ReLU the dead side z ≤ 0 ("dead: slope 0");
    otherwise every interval where f′(z) < ``threshold`` ("saturated"), found on a fine grid.
    """
    get_activation(name)
    z_range = as_float_array(z_range, "z_range", shape=(2,), match="(z min, z max)")
    threshold = as_float(threshold, "threshold")
    if name == "relu":
        return [(float(z_range[0]), 0.0, "dead: slope 0")]
    z = np.linspace(z_range[0], z_range[1], 2001)
    flat = get_activation(name).df(z) < threshold
    edges = np.flatnonzero(np.diff(np.r_[0, flat.astype(int), 0]))
    return [(float(z[a]), float(z[b - 1]), "saturated")
            for a, b in zip(edges[::2], edges[1::2], strict=True)]


def flat_state(name: str, z: float) -> str:
    """'dead' (ReLU at z ≤ 0), 'saturated' (f′(z) < 0.05) or '' for ``name`` at z.

    Introduced in 02_activations.
    """
    act, z = get_activation(name), as_float(z, "z")
    if act.name == "relu" and z <= 0:
        return "dead"
    return "saturated" if float(act.df(z)) < SATURATION_SLOPE else ""


def depth_products(slope: float, n_max: int = 30) -> np.ndarray:
    """slope**k for k = 1 … n_max: what f′(z) leaves of a gradient after k layers.

    Introduced in 02_activations. Underflow to exactly 0 is the right answer, not a warning.
    """
    n_max = check_int(n_max, "n_max", minimum=1)
    with np.errstate(under="ignore"):
        return as_float(slope, "slope") ** np.arange(1, n_max + 1)
