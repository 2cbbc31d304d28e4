"""Reference answers to the exercises of 04_backward_pass (peek with show_solution)."""

import numpy as np

__all__ = ["input_gradient", "tanh_neuron_gradient", "update_step"]


def input_gradient(x, w, b, t):
    """Exercise of 04_backward_pass: ∂L/∂x of the sigmoid neuron, L = ½(t − a)².

    Introduced in 04_backward_pass.
    """
    z = np.dot(w, x) + b  # forward pass
    a = 1.0 / (1.0 + np.exp(-z))
    delta = -(t - a) * a * (1.0 - a)  # δ = ∂L/∂a · ∂a/∂z, the same as for the weights
    dz_dx = w  # z = w·x + b: input xᵢ is multiplied by wᵢ
    return delta * dz_dx


def update_step(w, b, dL_dw, dL_db, lr):
    """Exercise of 04_backward_pass: one gradient-descent step for w *and* b.

    Introduced in 04_backward_pass.
    """
    new_w = w - lr * dL_dw  # a new array: the caller's w is not changed
    new_b = b - lr * dL_db
    return new_w, new_b


def tanh_neuron_gradient(x, w, b, t):
    """Introduced in 04_backward_pass: the same neuron with a = tanh(z); only the slope
    changes."""
    z = np.dot(w, x) + b
    a = np.tanh(z)
    delta = -(t - a) * (1.0 - a**2)  # δ = ∂L/∂a · tanh′(z), with tanh′(z) = 1 − a²
    return delta * x, delta
