"""01_chain_rule's exercise checks: pass on the reference answers, fail with a precise message
on wrong answers, stubs, wrong shapes and crashes. Expected values are plain math."""

import math

import numpy as np

from helpers.checks import check_dF_dx, check_mul_local_grads
from helpers.checks.chain_rule import EXAMPLE_GRAPH_NODES
from helpers.solutions import dF_dx, mul_local_grads, show_solution


def stub(*_args):
    raise NotImplementedError("replace this line with your code")


def crashes(*_args):
    return undefined_name  # noqa: F821 — the learner's typo


# --- dF_dx for F(x) = sin(x²) -----------------------------------------------------------

def test_reference_dF_dx_is_the_hand_chain_rule():
    for x in (-1.2, 0.0, 0.4, 2.0):
        assert dF_dx(x) == math.cos(x * x) * 2 * x


def test_check_dF_dx_passes_on_reference_and_on_an_equivalent_answer():
    assert check_dF_dx(dF_dx).passed
    assert check_dF_dx(lambda x: 2 * x * math.cos(x**2)).passed


def test_check_dF_dx_names_the_missing_inner_factor():
    result = check_dF_dx(lambda x: math.cos(x**2))
    assert not result.passed
    assert "dF_dx(-2.0)" in result.message
    assert "inner factor" in result.hint


def test_check_dF_dx_names_outer_derivative_at_the_wrong_point():
    result = check_dF_dx(lambda x: 2 * x * math.cos(x))
    assert not result.passed and "cos(x²)" in result.hint


def test_check_dF_dx_fails_on_an_unrecognised_wrong_answer():
    result = check_dF_dx(lambda x: 3 * x)
    assert not result.passed
    assert "expected" in result.message and "Chain rule" in result.hint


def test_check_dF_dx_on_stub_wrong_shape_and_crash():
    result = check_dF_dx(stub)
    assert not result.passed and "untouched stub" in result.message
    result = check_dF_dx(lambda x: np.array([x, x]))
    assert not result.passed and "shape (2,)" in result.message
    result = check_dF_dx(crashes)
    assert not result.passed and "NameError" in result.message
    result = check_dF_dx(lambda x: None)
    assert not result.passed and "returned None" in result.message


# --- local derivatives of x·y -----------------------------------------------------------

def test_check_mul_local_grads_passes_on_reference():
    assert mul_local_grads(3.0, -2.0) == (-2.0, 3.0)
    assert check_mul_local_grads(mul_local_grads).passed
    assert check_mul_local_grads(lambda x, y: [y, x]).passed


def test_check_mul_local_grads_spots_swapped_derivatives():
    result = check_mul_local_grads(lambda x, y: (x, y))
    assert not result.passed
    assert "swapped" in result.message and "df/dx = y" in result.hint


def test_check_mul_local_grads_fails_on_other_wrong_answers():
    result = check_mul_local_grads(lambda x, y: (1.0, 1.0))  # the local grads of x + y
    assert not result.passed and "mul_local_grads(3, -2)" in result.message
    result = check_mul_local_grads(lambda x, y: x * y)  # one number, not a pair
    assert not result.passed and "shape ()" in result.message


def test_check_mul_local_grads_on_stub_and_crash():
    assert "untouched stub" in check_mul_local_grads(stub).message
    assert "NameError" in check_mul_local_grads(crashes).message
    assert not check_mul_local_grads("not a function").passed


def test_show_solution_prints_the_reference(capsys):
    show_solution("dF_dx")
    assert "def dF_dx" in capsys.readouterr().out


def test_backward_comparison_shows_numbers_only_when_all_nine_are_right():
    import re

    from helpers import example_neuron_graph
    from helpers.checks import compare_with_backward
    from helpers.solutions import example_gradients

    root = example_neuron_graph()
    root.backward()
    a = 1 / (1 + math.exp(-1.0))
    delta = -(1 - a) * a * (1 - a)  # by hand: dL/dz
    no_digits = re.compile(r"\d\.\d|\de-")  # any printed number (node names have no dot)

    def stub():
        raise NotImplementedError("replace this line with your code")

    def half_done():
        return {"t-a": 1 - a, "a": -(1 - a), "z": ...}

    def all_zeros():
        return dict.fromkeys(EXAMPLE_GRAPH_NODES, 0.0)

    def all_wrong():
        return {name: 1.5 for name in EXAMPLE_GRAPH_NODES}

    for unfinished in (stub, "not a function", lambda: dict.fromkeys(EXAMPLE_GRAPH_NODES, ...)):
        text = compare_with_backward(unfinished, root)
        assert "Exercise 2 first" in text and not no_digits.search(text)
    text = compare_with_backward(half_done, root)
    assert text.count("✓") == 2 and text.count("not a number yet") == 7
    assert not no_digits.search(text)
    for wrong in (all_zeros, all_wrong):
        text = compare_with_backward(wrong, root)
        assert text.count("✗") == 9 and "✓" not in text and not no_digits.search(text)
    text = compare_with_backward(example_gradients, root)
    assert text.count("✓") == 9 and "✗" not in text
    # Independent numbers (by hand: dL/dw3 = 3δ) appear beside "yours".
    assert f"{3 * delta:+.8f}" in text

    def x1_like_w1():  # the classic slip: dL/dx1 = δ·x1 instead of δ·w1; 8 of 9 right
        grads = dict(example_gradients())
        grads["x1"] = grads["w1"]
        return grads
    text = compare_with_backward(x1_like_w1, root)
    assert "dL/d(x1   )  ✗" in text and text.count("✗") == 1 and text.count("✓") == 8
    assert not no_digits.search(text)
