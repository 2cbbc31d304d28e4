"""Reference answers to the exercises of 10_deeper_networks (peek with show_solution)."""

import numpy as np

__all__ = ["diagnosis", "he_init"]


def he_init(n_in, n_out, rng):
    """He initialisation: normal weights with variance 2 / n_in, shape (n_out, n_in).

    Introduced in 10_deeper_networks.
    """
    return rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_out, n_in))


def diagnosis():
    """The four networks of the diagnosis exercise. Introduced in 10_deeper_networks."""
    # A: spread level layer after layer; B: tanh values piled at ±1 (f′ ≈ 0); C: spread
    # × about 0.65 per layer; D: spread × about 1.6 per layer
    return {"A": "healthy", "B": "saturated", "C": "vanishing", "D": "exploding"}
