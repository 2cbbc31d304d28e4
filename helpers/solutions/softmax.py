"""Reference answers to the exercises of 09_softmax_cross_entropy (peek with show_solution)."""

import numpy as np

__all__ = ["minibatch_step", "softmax_gradients", "stable_softmax"]


def stable_softmax(z):
    """Softmax of a 1-D array z that never overflows."""
    shifted = z - np.max(z)  # the same ratios, and every exponent is now <= 0
    e = np.exp(shifted)
    return e / e.sum()


def softmax_gradients(W, b, X, T):
    """dL/dW and dL/db of L = mean over samples of −Σ t·log softmax(X·Wᵀ + b)."""
    Z = X @ W.T + b
    A = np.exp(Z - Z.max(axis=1, keepdims=True))
    A /= A.sum(axis=1, keepdims=True)
    delta = (A - T) / len(X)  # δ = a − t, and the mean's 1/N
    return delta.T @ X, delta.sum(axis=0)


def minibatch_step(net, X, T, rows, lr):
    """One gradient-descent step on the batch X[rows], T[rows]; returns new (weights, biases)."""
    loss, dL_dW, dL_db = net.gradients(X[rows], T[rows])  # mean over the batch
    weights = [W - lr * g for W, g in zip(net.weights, dL_dW, strict=True)]
    biases = [b - lr * g for b, g in zip(net.biases, dL_db, strict=True)]
    return weights, biases
