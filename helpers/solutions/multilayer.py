"""Reference solution for 06_multilayer: backprop in matrix form."""

__all__ = ["matrix_backprop"]


def matrix_backprop(weights, a, T):
    """dL_dW for every layer of a sigmoid net, with L = ½·mean Σ(a_L − T)².

    Introduced in 06_multilayer.
    """
    n_samples = len(a[0])
    # δ at the output: dL/da_L ⊙ σ'(z_L), and σ'(z) = a(1 − a)
    delta = (a[-1] - T) / n_samples * a[-1] * (1 - a[-1])
    dL_dW = [None] * len(weights)
    for layer in range(len(weights) - 1, -1, -1):
        dL_dW[layer] = delta.T @ a[layer]  # δᵀ · a_prev, shape (n_out, n_in) like W
        if layer > 0:  # send the error back one layer
            delta = (delta @ weights[layer]) * a[layer] * (1 - a[layer])
    return dL_dW
