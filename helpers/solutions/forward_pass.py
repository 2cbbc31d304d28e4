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


def batch_forward(X, w, b):
    """The same neuron for every row (sample) of X at once: Z = X·w + b, A = σ(Z).
    Introduced in 03_forward_pass."""
    Z = X @ w + b  # (n, d) @ (d,) -> (n,); b is added to every entry
    A = sigmoid(Z)
    return Z, A


def batch_loss(A, T):
    """The mean over the samples of ½(t − a)²: one number for the whole batch.
    Introduced in 03_forward_pass."""
    return np.mean(0.5 * (T - A) ** 2)
