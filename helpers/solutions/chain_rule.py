"""Reference answers to the exercises of 01_chain_rule."""

import numpy as np

__all__ = ["dF_dx", "mul_local_grads"]


def dF_dx(x):
    """dF/dx for F(x) = sin(x²): the chain rule with h(x) = x², g(h) = sin(h).

    Introduced in 01_chain_rule.
    """
    h = x**2
    dg_dh = np.cos(h)  # the outer derivative, evaluated at the inner value h
    dh_dx = 2 * x  # the inner derivative
    return dg_dh * dh_dx


def mul_local_grads(x, y):
    """Local derivatives of f = x·y: (df/dx, df/dy) = (y, x).

    Introduced in 01_chain_rule.
    """
    return (y, x)
