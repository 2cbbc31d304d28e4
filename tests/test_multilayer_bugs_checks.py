"""The exercise checks of 06_multilayer (matrix backprop) and 07_backprop_bugs (find the
bug): they pass the reference, and say "not yet" to wrong answers without crashing."""

import numpy as np
import pytest

from helpers.checks.bugs import check_find_the_bug
from helpers.checks.multilayer import check_matrix_backprop
from helpers.solutions import gradients_2_2_1, matrix_backprop


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def stub(*args):
    raise NotImplementedError("replace this line with your code")


def crashes(*args):
    return args[0] @ np.zeros((7, 7))


# --- 06: matrix backprop ----------------------------------------------------------------
def test_matrix_backprop_reference_passes():
    result = check_matrix_backprop(matrix_backprop)
    assert result.passed, result


def forgets_sigma_prime_at_the_output(weights, a, T):
    delta = (a[-1] - T) / len(a[0])
    grads, biases = [None] * len(weights), [None] * len(weights)
    for layer in range(len(weights) - 1, -1, -1):
        grads[layer] = delta.T @ a[layer]
        biases[layer] = delta.sum(axis=0)
        delta = (delta @ weights[layer]) * a[layer] * (1 - a[layer])
    return grads, biases


def transposed(weights, a, T):
    dL_dW, dL_db = matrix_backprop(weights, a, T)
    return [g.T for g in dL_dW], dL_db


def only_last_layer(weights, a, T):
    dL_dW, dL_db = matrix_backprop(weights, a, T)
    return dL_dW[-1:], dL_db[-1:]


def bias_as_mean(weights, a, T):
    """A typical slip: averaging δ over the samples, though the 1/N is already in δ."""
    dL_dW, dL_db = matrix_backprop(weights, a, T)
    return dL_dW, [g / len(a[0]) for g in dL_db]


def only_dW(weights, a, T):
    """The old exercise's answer: the weight gradients only."""
    return matrix_backprop(weights, a, T)[0]


def forgets_the_mean(weights, a, T):
    dL_dW, dL_db = matrix_backprop(weights, a, T)
    n = len(a[0])
    return [n * g for g in dL_dW], [n * g for g in dL_db]


def forgets_the_hidden_slope(weights, a, T):
    delta = (a[-1] - T) / len(a[0]) * a[-1] * (1 - a[-1])
    grads, biases = [None] * len(weights), [None] * len(weights)
    for layer in range(len(weights) - 1, -1, -1):
        grads[layer] = delta.T @ a[layer]
        biases[layer] = delta.sum(axis=0)
        delta = delta @ weights[layer]  # no ⊙ f′ on the way back
    return grads, biases


def target_minus_output(weights, a, T):
    dL_dW, dL_db = matrix_backprop(weights, a, T)
    return [-g for g in dL_dW], [-g for g in dL_db]


@pytest.mark.parametrize("answer, words", [
    (forgets_sigma_prime_at_the_output, "output layer is missing the output's slope"),
    (forgets_the_hidden_slope, "hidden layer is missing its own slope"),
    (target_minus_output, "wrong sign"),
    (transposed, "shape"),
    (only_last_layer, "list of 2 arrays"),
    (bias_as_mean, "dL_db["),
    (only_dW, "two lists"),
    (forgets_the_mean, "N = 4 times too large"),
    (stub, "untouched stub"),
    (crashes, "raised"),
    (lambda weights, a, T: None, "two lists"),
    ("not a function", "should be a function"),
])
def test_matrix_backprop_wrong_answers_fail(answer, words):
    result = check_matrix_backprop(answer)
    assert not result.passed
    assert words in result.message
    assert "Not yet" in repr(result)


# --- 07: find the bug ---------------------------------------------------------------------
def the_notebooks_buggy_version(W1, b1, W2, b2, X, T):
    n = len(X)
    a1 = sigmoid(X @ W1.T + b1)
    a2 = sigmoid(a1 @ W2.T + b2)
    delta2 = (a2 - T) / n * a2 * (1 - a2)
    delta1 = (delta2 @ W2) * a1 * (1 - a1)
    return delta1.T @ a1, delta1.sum(axis=0), delta2.T @ a1, delta2.sum(axis=0)


def test_find_the_bug_reference_passes():
    result = check_find_the_bug(gradients_2_2_1)
    assert result.passed, result


def test_find_the_bug_untouched_buggy_cell_fails_without_naming_the_array_or_the_fix():
    result = check_find_the_bug(the_notebooks_buggy_version)
    assert not result.passed
    assert "relative error" in result.message
    # the stored output must not diagnose it: no array named (finding it is the exercise)
    assert not any(name in result.message for name in ("dL_dW1", "dL_db1", "dL_dW2", "dL_db2"))
    # the stored output must not name the fix (X instead of a1); the hint tiers do, last
    assert 'hint("gradients_2_2_1")' in result.hint and "a1" not in result.hint


def wrong_bias_shape(*args):
    dW1, db1, dW2, db2 = gradients_2_2_1(*args)
    return dW1, db1.reshape(1, 2), dW2, db2


def sum_instead_of_mean(W1, b1, W2, b2, X, T):
    return tuple(len(X) * g for g in gradients_2_2_1(W1, b1, W2, b2, X, T))


@pytest.mark.parametrize("answer, words", [
    (wrong_bias_shape, "dL_db1 has shape (1, 2)"),
    (sum_instead_of_mean, "the gradient check fails"),
    (lambda *args: gradients_2_2_1(*args)[:3], "4 arrays"),
    (stub, "untouched stub"),
    (crashes, "raised"),
])
def test_find_the_bug_wrong_answers_fail(answer, words):
    result = check_find_the_bug(answer)
    assert not result.passed
    assert words in result.message
