"""Reference answers to the exercises of 02_activations (peek with show_solution)."""

import numpy as np

from helpers.activations import sigmoid


def sigmoid_chain_factors(z):
    """σ(z) = g(h(z)) with h(z) = 1 + e^−z and g(h) = 1/h: the two chain-rule factors.
    Introduced in 02_activations."""
    h = 1 + np.exp(-z)
    dh_dz = -np.exp(-z)  # e^u with u = −z: slope e^u · du/dz = e^−z · (−1)
    dg_dh = -1 / h**2  # power rule on h^−1, evaluated at the inner value h
    return dh_dz, dg_dh


def sigmoid_derivative(z):
    """dσ/dz = σ(z)·(1 − σ(z)): compute σ(z) once, then reuse it.

    Introduced in 02_activations.
    """
    s = sigmoid(z)
    return s * (1 - s)


def tanh_derivative(z):
    """d tanh/dz = 1 − tanh(z)², derived from tanh(z) = 2σ(2z) − 1.

    Introduced in 02_activations.
    """
    # chain rule: d/dz [2σ(2z) − 1] = 2 · σ′(2z) · 2 = 4·σ(2z)·(1 − σ(2z)); with
    # σ(2z) = (1 + a)/2 and 1 − σ(2z) = (1 − a)/2 that is (1 + a)(1 − a) = 1 − a²
    a = np.tanh(z)
    return 1 - a**2
