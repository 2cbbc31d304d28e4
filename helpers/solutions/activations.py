"""Reference answers to the exercises of 02_activations (peek with show_solution)."""

import numpy as np

from helpers.activations import sigmoid


def sigmoid_derivative(z):
    """dσ/dz = σ(z)·(1 − σ(z)): compute σ(z) once, then reuse it.

    Introduced in 02_activations.
    """
    s = sigmoid(z)
    return s * (1 - s)


def tanh_derivative(z):
    """d tanh/dz = 1 − tanh(z)².

    Introduced in 02_activations.
    """
    a = np.tanh(z)
    return 1 - a**2
