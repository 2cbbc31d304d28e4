"""Reference answers for 08_rumelhart_1986."""

import numpy as np

__all__ = ["hand_set_weights"]


def hand_set_weights():
    """Weights (W1, b1, W2, b2) of a 6-2-1 sigmoid net that detects palindromes by hand.

    Introduced in 08_rumelhart_1986.
    """
    s = 5.0  # the smallest pair weight; larger s makes the sigmoids sharper
    unit_1 = s * np.array([1.0, 2.0, 4.0, -4.0, -2.0, -1.0])  # mirrors opposite, 1 : 2 : 4
    W1 = np.array([unit_1, -unit_1])  # unit 2 watches the opposite imbalance
    b1 = np.array([-s / 2, -s / 2])  # z = b < 0 for palindromes; any imbalance is ≥ s away
    W2 = np.array([[-2 * s, -2 * s]])  # either hidden unit firing turns the output off
    b2 = np.array([s])  # both silent: output on
    return W1, b1, W2, b2
