"""Reference solution for 07_backprop_bugs: the "find the bug" exercise, fixed."""

from helpers.activations import sigmoid

__all__ = ["descent_check", "gradient_check", "gradients_2_2_1"]


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


def gradient_check(loss_fn, params, grads, eps=1e-6):
    """Largest relative error between ``grads`` and centred differences of ``loss_fn``.

    Introduced in 07_backprop_bugs.
    """
    import numpy as np

    worst = 0.0
    for k, p in enumerate(params):
        for i in np.ndindex(p.shape):
            nudged = [q.copy() for q in params]
            nudged[k][i] = p[i] + eps
            loss_up = loss_fn(nudged)
            nudged[k][i] = p[i] - eps
            loss_down = loss_fn(nudged)
            numerical = (loss_up - loss_down) / (2 * eps)
            analytic = grads[k][i]
            error = abs(analytic - numerical) / max(abs(analytic) + abs(numerical), 1e-8)
            worst = max(worst, error)
    return float(worst)


def descent_check(loss_fn, params, grads, update):
    """Does one tiny step of ``update`` lower the loss?

    Introduced in 07_backprop_bugs.
    """
    return bool(loss_fn(update(params, grads, 1e-3)) < loss_fn(params))
