"""Reference answer to the exercise of 03_forward_pass (peek with show_solution)."""

import numpy as np

from helpers.activations import sigmoid


def forward(x, w, b):
    """One neuron's forward pass: z = w·x + b, then a = σ(z). Returns (z, a).

    Introduced in 03_forward_pass.
    """
    z = np.dot(w, x) + b
    a = sigmoid(z)
    return z, a
