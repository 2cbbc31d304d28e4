"""The checks of 09_softmax_cross_entropy: pass the reference solutions, name typical mistakes,
never crash on a stub."""

import re

import numpy as np

from helpers.checks import check_minibatch_step, check_softmax_gradients, check_stable_softmax
from helpers.solutions import minibatch_step, softmax_gradients, stable_softmax


def stub(*args):
    raise NotImplementedError


def test_reference_solutions_pass():
    assert check_stable_softmax(stable_softmax)
    assert check_softmax_gradients(softmax_gradients)
    assert check_minibatch_step(minibatch_step)


def test_stubs_fail_politely():
    for check in (check_stable_softmax, check_softmax_gradients, check_minibatch_step):
        result = check(stub)
        assert not result and "stub" in result.message and result.hint


def test_textbook_softmax_fails_on_overflow_and_the_hint_does_not_give_the_answer():
    result = check_stable_softmax(lambda z: np.exp(z) / np.exp(z).sum())
    assert not result and "overflow" in result.message
    assert not re.search(r"\bmax\b", result.hint)  # a nudge ("subtract what?"), not the answer


def test_softmax_that_does_not_normalise_is_caught():
    result = check_stable_softmax(lambda z: np.exp(z - np.max(z)))
    assert not result and "add up to" in result.message


def test_gradient_of_the_sum_is_named():
    def summed(W, b, X, T):
        dW, db = softmax_gradients(W, b, X, T)
        return dW * len(X), db * len(X)

    result = check_softmax_gradients(summed)
    assert not result and "sum" in result.message


def test_gradient_with_the_wrong_sign_fails():
    def flipped(W, b, X, T):
        dW, db = softmax_gradients(W, b, X, T)
        return -dW, -db

    assert not check_softmax_gradients(flipped)


def softmax_rows(Z):
    E = np.exp(Z - Z.max(axis=1, keepdims=True))
    return E / E.sum(axis=1, keepdims=True)


def test_bias_gradient_without_the_mean_is_named():
    """A learner's slip: the 1/N in dL_dW but not in dL_db (the bias sums δ over samples)."""
    def bias_summed(W, b, X, T):
        delta = softmax_rows(X @ W.T + b) - T
        return delta.T @ X / len(X), delta.sum(axis=0)

    result = check_softmax_gradients(bias_summed)
    assert not result and "dL_db is N times too large" in result.message


def test_t_minus_a_is_named_as_the_wrong_sign():
    """A learner's slip: δ = t − a instead of a − t, in both gradients."""
    def t_minus_a(W, b, X, T):
        delta = (T - softmax_rows(X @ W.T + b)) / len(X)
        return delta.T @ X, delta.sum(axis=0)

    result = check_softmax_gradients(t_minus_a)
    assert not result and "wrong sign" in result.message and "a − t" in result.message
    assert "dL_dW" in result.message


def test_step_on_all_rows_and_in_place_step_are_named():
    def everything(net, X, T, rows, lr):
        return minibatch_step(net, X, T, np.arange(len(X)), lr)

    result = check_minibatch_step(everything)
    assert not result and "whole data set" in result.message

    def in_place(net, X, T, rows, lr):
        loss, dW, db = net.gradients(X[rows], T[rows])
        for W, g in zip(net.weights, dW, strict=True):
            W -= lr * g
        return net.weights, net.biases

    result = check_minibatch_step(in_place)
    assert not result and "changed the network" in result.message


def test_step_with_the_wrong_lr_fails():
    def half(net, X, T, rows, lr):
        return minibatch_step(net, X, T, rows, lr / 2)

    assert not check_minibatch_step(half)


def test_self_check_delta_options_are_the_right_value_and_computed_slips():
    """09's first question: the options are δ = a − t and two typical slips, computed here."""
    from helpers.checks.hints import self_check_questions

    a, t = 0.01, 1.0
    question = self_check_questions("softmax_cross_entropy")[0]
    right, squared_error_slip, sign_slip = a - t, (a - t) * a * (1 - a), t - a
    assert question.options[question.answer] == f"about {right:.2f}".replace("-", "−")
    assert f"about {squared_error_slip:.4f}".replace("-", "−") in question.options
    assert f"about +{sign_slip:.2f}" in question.options


def test_subtracting_the_mean_or_a_fixed_number_is_named_and_the_max_passes():
    def minus_mean(z):
        e = np.exp(z - np.mean(z))
        return e / e.sum()

    def minus_700(z):
        e = np.exp(z - 700.0)
        return e / e.sum()

    def minus_max(z):
        e = np.exp(z - np.max(z))
        return e / e.sum()

    with np.errstate(all="ignore"):
        by_mean, by_fixed = check_stable_softmax(minus_mean), check_stable_softmax(minus_700)
    assert not by_mean and "mean" in by_mean.message and "[-1500, 0]" in by_mean.message
    assert not by_fixed
    assert "fixed number" in by_fixed.message and "[-800, -790]" in by_fixed.message
    assert check_stable_softmax(minus_max)
