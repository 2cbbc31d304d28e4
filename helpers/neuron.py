"""Our example neuron: forward pass, loss, backward pass (chain rule) and update.

Introduced in 03_forward_pass (forward, loss) and 04_backward_pass (backward, update). Every line
should be recognisable from the notebooks:

    z = Σ wᵢ·xᵢ + b,   a = f(z),   L = ½(t − a)²
    dL/dw = dL/da · da/dz · dz/dw = −(t − a) · f'(z) · x
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from helpers._validate import as_float, as_float_array, check_choice, check_lr
from helpers.activations import get_activation

__all__ = [
    "EXAMPLE_B",
    "EXAMPLE_LR",
    "EXAMPLE_T",
    "EXAMPLE_W",
    "EXAMPLE_X",
    "NeuronGradients",
    "forgotten_slope_gradient",
    "loss_along_parameter",
    "loss_of_params",
    "mse_loss",
    "neuron_backward",
    "neuron_forward",
    "nudge_effect",
    "parameter_gradient",
    "parameter_names",
    "sgd_update",
]


def _read_only(values: list[float]) -> np.ndarray:
    arr = np.array(values, dtype=np.float64)
    arr.flags.writeable = False  # shared constants: `w = EXAMPLE_W.copy()` before changing w
    return arr


# Our example neuron (x, w, b, t and the learning rate), one source for every notebook.
# The arrays are read-only so a notebook cannot change them by accident; copy them first.
EXAMPLE_X = _read_only([1.0, 2.0, 3.0])
EXAMPLE_W = _read_only([0.2, 0.5, -0.1])
EXAMPLE_B = 0.1
EXAMPLE_T = 1.0
EXAMPLE_LR = 0.01


class NeuronGradients(NamedTuple):
    """Every chain-rule factor of one neuron's backward pass. Introduced in 04_backward_pass."""

    z: float  # pre-activation Σ wᵢxᵢ + b
    a: float  # activation f(z)
    loss: float  # ½(t − a)²
    dL_da: float  # −(t − a)
    da_dz: float  # f'(z)
    dz_dw: np.ndarray  # x (a copy)
    dL_dw: np.ndarray  # dL_da · da_dz · dz_dw
    dL_db: float  # dL_da · da_dz   (dz/db = 1)


def _check_neuron(x, w, b):
    x = as_float_array(x, "x", ndim=(0, 1))
    w = as_float_array(w, "w", shape=x.shape, match="to match x")
    return x, w, as_float(b, "b")


def neuron_forward(x, w, b, activation: str = "sigmoid") -> tuple[float, float]:
    """Forward pass of one neuron: z = Σ wᵢxᵢ + b and a = f(z). Introduced in 03_forward_pass.

    ``x`` and ``w`` are 1-D arrays of the same length (or two numbers); returns ``(z, a)`` as
    python floats.
    """
    x, w = _check_neuron(x, w, b)[:2]
    act = get_activation(activation)
    z = float(np.dot(w, x) + b)
    return z, float(act.f(z))


def mse_loss(t, a, reduction: str = "mean") -> float:
    """Squared-error loss L = ½ Σ (t − a)², summed over outputs. Introduced in 03_forward_pass.

    For a number or a 1-D array (one sample) this is ½ Σ (t − a)². For a 2-D batch of shape
    (n_samples, n_outputs) it is summed over outputs and then averaged over samples
    (``reduction="mean"``, the default) or summed over samples (``reduction="sum"``).
    ``t`` and ``a`` must have the same shape.
    """
    t = as_float_array(t, "t", ndim=(0, 1, 2))
    a = as_float_array(a, "a", shape=t.shape, match="to match t")
    check_choice(reduction, "reduction", ("mean", "sum"))
    total = 0.5 * float(np.sum((t - a) ** 2))
    if t.ndim == 2 and reduction == "mean":
        total /= t.shape[0]
    return total


def neuron_backward(x, w, b, t, activation: str = "sigmoid") -> NeuronGradients:
    """Backward pass of one neuron by the chain rule, factor by factor. In 04_backward_pass.

    Returns a ``NeuronGradients`` holding z, a, the loss ½(t − a)² and each factor:
    dL_da = −(t − a), da_dz = f'(z), dz_dw = x, dL_dw = dL_da·da_dz·dz_dw, dL_db = dL_da·da_dz.
    """
    x, w, b = _check_neuron(x, w, b)
    t = as_float(t, "t")
    act = get_activation(activation)
    z = float(np.dot(w, x) + b)
    a = float(act.f(z))
    loss = 0.5 * (t - a) ** 2
    dL_da = -(t - a)
    da_dz = float(act.df(z))
    dz_dw = x.copy()
    dL_dw = dL_da * da_dz * dz_dw  # same order as notebook 04: (dL/da · da/dz) · dz/dw
    dL_db = dL_da * da_dz  # dz/db = 1
    return NeuronGradients(z, a, loss, dL_da, da_dz, dz_dw, dL_dw, dL_db)


def forgotten_slope_gradient(x, w, b, t, activation: str = "sigmoid"):
    """The classic slip: (dL/dw, dL/db) with the factor ∂a/∂z = f′(z) left out, that is
    −(t − a)·x and −(t − a). Introduced in 04_backward_pass (what a gradient check catches)."""
    g = neuron_backward(x, w, b, t, activation)
    return g.dL_da * g.dz_dw, g.dL_da


def sgd_update(param, grad, lr: float):
    """One gradient-descent step: param − lr·grad, as a new value. In 04_backward_pass.

    Never changes the caller's array. ``param`` and ``grad`` must have the same shape; a
    number gives a python float back.
    """
    p = as_float_array(param, "param")
    g = as_float_array(grad, "grad", shape=p.shape, match="to match param")
    lr = check_lr(lr)
    new = p - lr * g  # a new array: the caller's param is untouched
    return float(new) if new.ndim == 0 else new


def loss_of_params(x=EXAMPLE_X, t=EXAMPLE_T, activation: str = "sigmoid"):
    """The neuron's loss as a function of θ = (w1, …, wn, b), for gradient checks.

    Returns ``L(θ) = ½(t − f(w·x + b))²`` with ``w = θ[:-1]``, ``b = θ[-1]``: the function a
    finite difference differentiates to check ``neuron_backward``. In 04_backward_pass.
    """
    x = as_float_array(x, "x", ndim=1)
    t = as_float(t, "t")
    get_activation(activation)

    def loss(theta):
        _, a = neuron_forward(x, theta[:-1], theta[-1], activation)
        return 0.5 * (t - a) ** 2

    return loss


def parameter_names(n_inputs: int = 3) -> tuple[str, ...]:
    """The names of a neuron's parameters: ("w1", …, "wn", "b") for n inputs.

    Introduced in 03_forward_pass (our example neuron has three: w1, w2, w3 and b).
    """
    return (*(f"w{i + 1}" for i in range(n_inputs)), "b")


def loss_along_parameter(values, parameter: str, x=EXAMPLE_X, w=EXAMPLE_W, b=EXAMPLE_B,
                         t=EXAMPLE_T, activation: str = "sigmoid") -> np.ndarray:
    """The loss ½(t − f(z))² as one parameter takes each of ``values``, the others fixed.

    Introduced in 03_forward_pass. ``parameter`` is "w1" … "wn" or "b"; the result has the
    shape of ``values`` (a cut through the loss along that parameter's axis).
    """
    x, w, b = _check_neuron(x, w, b)
    x, w = np.atleast_1d(x), np.atleast_1d(w)
    t = as_float(t, "t")
    values = as_float_array(values, "values", allow_empty=True)
    check_choice(parameter, "parameter", parameter_names(x.size))
    z = np.full(values.shape, float(np.dot(w, x)) + b)
    if parameter == "b":
        z += values - b
    else:
        i = int(parameter[1:]) - 1
        z += (values - w[i]) * x[i]  # z moves by (new wᵢ − wᵢ)·xᵢ
    return 0.5 * (t - get_activation(activation).f(z)) ** 2


def parameter_gradient(parameter: str, x=EXAMPLE_X, w=EXAMPLE_W, b=EXAMPLE_B,
                       t=EXAMPLE_T, activation: str = "sigmoid") -> float:
    """∂L/∂(parameter) of the neuron: δ·xᵢ for "wi", δ for "b". In 04_backward_pass."""
    record = neuron_backward(x, w, b, t, activation)
    check_choice(parameter, "parameter", parameter_names(np.size(record.dL_dw)))
    return float(record.dL_db if parameter == "b" else record.dL_dw[int(parameter[1:]) - 1])


def nudge_effect(parameter: str, delta: float, x=EXAMPLE_X, w=EXAMPLE_W, b=EXAMPLE_B,
                 t=EXAMPLE_T, activation: str = "sigmoid") -> tuple[float, float]:
    """(real ΔL, predicted ∂L/∂p·Δ) when ``parameter`` p is nudged by ``delta``, the others
    fixed: the gradient as a slope. Introduced in 04_backward_pass."""
    delta = as_float(delta, "delta")
    w = np.atleast_1d(as_float_array(w, "w"))
    check_choice(parameter, "parameter", parameter_names(w.size))
    p_now = float(b) if parameter == "b" else float(w[int(parameter[1:]) - 1])
    before, after = loss_along_parameter([p_now, p_now + delta], parameter, x, w, b, t,
                                         activation)
    return float(after - before), parameter_gradient(parameter, x, w, b, t, activation) * delta
