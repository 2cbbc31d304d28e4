"""Reference solution for 07_backprop_bugs: the "find the bug" exercise, fixed."""

from helpers.activations import sigmoid

__all__ = ["gradients_2_2_1"]


def gradients_2_2_1(W1, b1, W2, b2, X, T):
    """Gradients of L = ½·mean Σ(a2 − T)² for a 2-2-1 sigmoid net, by matrix backprop.

    Introduced in 07_backprop_bugs.
    """
    n = len(X)
    a1 = sigmoid(X @ W1.T + b1)  # hidden layer, shape (n, 2)
    a2 = sigmoid(a1 @ W2.T + b2)  # output, shape (n, 1)
    delta2 = (a2 - T) / n * a2 * (1 - a2)
    delta1 = (delta2 @ W2) * a1 * (1 - a1)
    dL_dW2 = delta2.T @ a1
    dL_dW1 = delta1.T @ X  # the fix: the input to layer 1 is X, not a1
    return dL_dW1, delta1.sum(axis=0), dL_dW2, delta2.sum(axis=0)
