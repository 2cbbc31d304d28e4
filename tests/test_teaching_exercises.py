"""The exercises added for issue 15 (notebooks 00–04): every check passes on its reference
solution and names the exact mistake for typical wrong answers. Expected numbers come from
plain math written here, never from the checks' own helpers."""

import math

import numpy as np
import pytest

from helpers.checks import (
    check_batch_forward,
    check_batch_loss,
    check_bowl_minimum,
    check_example_gradients,
    check_mul_backward,
    check_run_backward,
    check_sigmoid_backward,
    check_sigmoid_chain_factors,
    check_tanh_neuron_gradient,
    check_update_step,
)
from helpers.checks.chain_rule import EXAMPLE_GRAPH_NODES
from helpers.checks.hints import hint_tiers, self_check_questions
from helpers.datasets import line_points
from helpers.solutions import (
    batch_forward,
    batch_loss,
    bowl_minimum,
    example_gradients,
    mul_backward,
    run_backward,
    show_solution,
    sigmoid_backward,
    sigmoid_chain_factors,
    tanh_neuron_gradient,
    update_step,
)


def stub(*_args):
    raise NotImplementedError("replace this line with your code")


# --- 00: the bowl's lowest w ---------------------------------------------------------------

def test_bowl_minimum_is_where_a_fine_grid_of_the_explorer_loss_is_lowest():
    X_POINTS, T_POINTS = line_points()
    w_grid = np.linspace(0, 3, 30001)
    for b, answer in ((0.0, 1.6), (1.0, 1.4)):
        loss = 0.5 * np.mean((T_POINTS - (w_grid[:, None] * X_POINTS + b)) ** 2, axis=1)
        assert abs(w_grid[np.argmin(loss)] - answer) < 0.01
    assert check_bowl_minimum(bowl_minimum).passed
    assert check_bowl_minimum(lambda: (1.55, 1.45)).passed


@pytest.mark.parametrize(("answer", "words"), [
    ((...,), "two numbers"),
    ((1.4, 1.6), "swapped"),
    ((1.5, 1.5), "same w"),
    ((1.5, 1.4), "best line overall"),
    ((1.6, 1.0), "b = 1"),
])
def test_bowl_minimum_names_the_mistake(answer, words):
    result = check_bowl_minimum(lambda: answer if len(answer) == 2 else answer[0])
    assert not result.passed
    assert words in result.message + result.hint


# --- 01: every gradient of the example graph by hand ------------------------------------------

def hand_grads():
    a = 1 / (1 + math.exp(-1.0))
    delta = -(1 - a) * a * (1 - a)
    return {"t-a": 1 - a, "a": -(1 - a), "z": delta, "w1*x1": delta, "b": delta,
            "w1": delta, "w2": 2 * delta, "w3": 3 * delta, "x1": 0.2 * delta}


def test_example_gradients_solution_matches_plain_math_and_passes():
    want = hand_grads()
    got = example_gradients()
    assert set(got) == set(EXAMPLE_GRAPH_NODES)
    for node in want:
        assert math.isclose(got[node], want[node], rel_tol=1e-12)
    assert check_example_gradients(example_gradients).passed
    # rounded to four digits, as a learner working from the printed a would
    assert check_example_gradients(lambda: {k: round(v, 4) for k, v in want.items()}).passed
    assert "untouched stub" in check_example_gradients(stub).message


def _significant(value: float, figures: int) -> float:
    return float(f"{value:.{figures}g}")


def test_example_gradients_asks_for_more_digits_when_rounded_too_early():
    want = hand_grads()
    # Four significant figures, the precision the exercise asks for, always pass.
    assert check_example_gradients(
        lambda: {k: _significant(v, 4) for k, v in want.items()}).passed
    # 0.27 for dL/d(t − a) and −0.053 for dL/dz: right method, too few digits.
    for node, figures in (("t-a", 2), ("z", 2), ("w2", 3)):
        grads = dict(want)
        grads[node] = _significant(want[node], figures)
        result = check_example_gradients(lambda grads=grads: grads)
        assert not result.passed and f"dL/d({node})" in result.message
        assert "close" in result.message and "4 significant figures" in result.message
    # Far off is not "close": the slip explanation still comes.
    grads = dict(want)
    grads["z"] = want["a"]
    assert "close" not in check_example_gradients(lambda: grads).message


def test_example_gradients_reports_progress_node_by_node():
    partial = dict.fromkeys(EXAMPLE_GRAPH_NODES, ...)
    assert "untouched" in check_example_gradients(lambda: partial).message
    partial.update({k: hand_grads()[k] for k in ("t-a", "a")})
    result = check_example_gradients(lambda: partial)
    assert not result.passed and "2 of 9 right" in result.message and "dL/d(z)" in result.message


@pytest.mark.parametrize(("node", "wrong", "words"), [
    ("a", lambda g: -g["a"], "minus is missing"),
    ("z", lambda g: g["a"], "σ′(z) = a·(1 − a) is missing"),
    ("w2", lambda g: g["z"] * 0.5, "other factor, x2"),
    ("b", lambda g: g["z"] * 0.1, "∂z/∂b = 1"),
    ("x1", lambda g: g["z"] * 1.0, "other factor, w1"),
])
def test_example_gradients_names_the_slip(node, wrong, words):
    grads = hand_grads()
    grads[node] = wrong(hand_grads())
    result = check_example_gradients(lambda: grads)
    assert not result.passed and f"dL/d({node})" in result.message
    assert words in result.hint


def test_example_gradients_bad_input_is_a_clear_message():
    assert "dict" in check_example_gradients(lambda: [1, 2]).message
    assert "not nodes" in check_example_gradients(lambda: {"zz": 1}).message


# --- 01: a mini Value: mul_backward, sigmoid_backward, run_backward ---------------------------

class Node:
    """A tiny micrograd-style node for the tests (plain math, not the checks' referee)."""

    def __init__(self, data, parents=()):
        self.data, self.grad, self.parents = float(data), 0.0, parents
        self._backward = lambda: None

    def __add__(self, other):
        other = other if isinstance(other, Node) else Node(other)
        out = Node(self.data + other.data, (self, other))

        def _backward():
            self.grad += out.grad
            other.grad += out.grad
        out._backward = _backward
        return out

    def __mul__(self, other):
        other = other if isinstance(other, Node) else Node(other)
        out = Node(self.data * other.data, (self, other))
        out._backward = lambda: mul_backward(self, other, out)
        return out

    def sigmoid(self):
        out = Node(1 / (1 + math.exp(-self.data)), (self,))
        out._backward = lambda: sigmoid_backward(self, out)
        return out


def test_mini_value_solutions_backpropagate_the_example_neuron_like_plain_math():
    w = [Node(0.2), Node(0.5), Node(-0.1)]
    z = w[0] * 1.0 + w[1] * 2.0 + w[2] * 3.0 + 0.1
    error = z.sigmoid() * -1.0 + 1.0
    run_backward(error * error * 0.5)
    want = hand_grads()
    assert [round(v.grad, 12) for v in w] == [round(want[k], 12) for k in ("w1", "w2", "w3")]
    assert check_mul_backward(mul_backward).passed
    assert check_sigmoid_backward(sigmoid_backward).passed
    assert check_run_backward(run_backward).passed


def mul_swapped(x, y, out):
    x.grad += x.data * out.grad
    y.grad += y.data * out.grad


def mul_assigns(x, y, out):
    x.grad = y.data * out.grad
    y.grad = x.data * out.grad


def mul_no_upstream(x, y, out):
    x.grad += y.data
    y.grad += x.data


def sigmoid_not_slope(z, out):
    z.grad += out.data * out.grad


def sigmoid_no_upstream(z, out):
    z.grad += out.data * (1 - out.data)


def _order(root, seen=None, order=None):
    seen, order = (set(), []) if seen is None else (seen, order)
    if id(root) not in seen:
        seen.add(id(root))
        for p in root.parents:
            _order(p, seen, order)
        order.append(root)
    return order


def backward_forward_order(root):
    root.grad = 1.0
    for node in _order(root):
        node._backward()


def backward_no_seed(root):
    for node in reversed(_order(root)):
        node._backward()


def backward_naive_recursion(root, top=True):
    if top:
        root.grad = 1.0
    root._backward()
    for p in root.parents:
        backward_naive_recursion(p, top=False)


@pytest.mark.parametrize(("check", "answer", "words"), [
    (check_mul_backward, stub, "untouched stub"),
    (check_mul_backward, mul_swapped, "Swapped"),
    (check_mul_backward, mul_assigns, "Use +="),
    (check_mul_backward, mul_no_upstream, "left out the upstream"),
    (check_sigmoid_backward, stub, "untouched stub"),
    (check_sigmoid_backward, sigmoid_not_slope, "σ itself"),
    (check_sigmoid_backward, sigmoid_no_upstream, "left out the upstream"),
    (check_run_backward, stub, "untouched stub"),
    (check_run_backward, backward_forward_order, "Nothing reached the weights"),
    (check_run_backward, backward_no_seed, "root.grad = 1.0"),
    (check_run_backward, backward_naive_recursion, "topological order once"),
])
def test_mini_value_checks_name_the_mistake(check, answer, words):
    result = check(answer)
    assert not result.passed
    assert words in result.message + result.hint


# --- 02: σ′ by the chain rule -------------------------------------------------------------

def test_sigmoid_chain_factors_multiply_to_the_sigmoid_slope():
    for z in (-2.0, 0.0, 1.5):
        dh_dz, dg_dh = sigmoid_chain_factors(z)
        s = 1 / (1 + math.exp(-z))
        assert math.isclose(dh_dz * dg_dh, s * (1 - s), rel_tol=1e-12)
    assert check_sigmoid_chain_factors(sigmoid_chain_factors).passed


@pytest.mark.parametrize(("answer", "words"), [
    (stub, "untouched stub"),
    (lambda z: (math.exp(-z), -1 / (1 + math.exp(-z)) ** 2), "minus is missing"),
    (lambda z: (-math.exp(-z), 1 / (1 + math.exp(-z)) ** 2), "minus is missing"),
    (lambda z: (-math.exp(-z), -1 / (1 + math.exp(-z))), "lowers the exponent"),
    (lambda z: (-math.exp(-z), -1 / z**2 if z else -1 / 4), "inner value"),
    (lambda z: -math.exp(-z), "two numbers"),
])
def test_sigmoid_chain_factors_names_the_mistake(answer, words):
    result = check_sigmoid_chain_factors(answer)
    assert not result.passed
    assert words in result.message + result.hint


# --- 03: batch forward pass and batch loss ---------------------------------------------------

def test_batch_solutions_pass_and_first_row_is_the_example_neuron():
    X = np.array([[1.0, 2.0, 3.0], [0.0, 1.0, 0.0]])
    Z, A = batch_forward(X, np.array([0.2, 0.5, -0.1]), 0.1)
    assert math.isclose(Z[0], 1.0) and math.isclose(A[0], 1 / (1 + math.exp(-1)))
    assert math.isclose(batch_loss(A[:1], np.array([1.0])), 0.5 * (1 - A[0]) ** 2)
    assert check_batch_forward(batch_forward).passed
    assert check_batch_loss(batch_loss).passed


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


@pytest.mark.parametrize(("answer", "words"), [
    (stub, "untouched stub"),
    (lambda X, w, b: (w @ X + b, 0), "inner sizes"),
    (lambda X, w, b: (X @ w, sigmoid(X @ w)), "without the bias"),
    (lambda X, w, b: (X @ w + b, X @ w + b), "apply the sigmoid"),
    (lambda X, w, b: (np.sum(X @ w + b), 0), "one entry per sample"),
    (lambda X, w, b: (X @ w + b,), "two arrays"),
])
def test_batch_forward_names_the_mistake(answer, words):
    result = check_batch_forward(answer)
    assert not result.passed
    assert words in result.message + result.hint


@pytest.mark.parametrize(("answer", "words"), [
    (stub, "untouched stub"),
    (lambda A, T: np.sum(0.5 * (T - A) ** 2), "sum over samples"),
    (lambda A, T: np.mean((T - A) ** 2), "½ is missing"),
    (lambda A, T: np.mean(0.5 * (T - A)), "not squared"),
    (lambda A, T: 0.5 * (T - A) ** 2, "One number per sample"),
])
def test_batch_loss_names_the_mistake(answer, words):
    result = check_batch_loss(answer)
    assert not result.passed
    assert words in result.message + result.hint


# --- 04: a tanh neuron, and the update without touching w -------------------------------------

def test_tanh_neuron_gradient_matches_a_finite_difference_and_passes():
    x, w, b, t = np.array([1.0, 2.0, 3.0]), np.array([0.2, 0.5, -0.1]), 0.1, 1.0

    def loss(params):
        return 0.5 * (t - math.tanh(float(np.dot(params[:3], x)) + params[3])) ** 2
    theta, eps = np.append(w, b), 1e-6
    numeric = [(loss(theta + eps * e) - loss(theta - eps * e)) / (2 * eps) for e in np.eye(4)]
    dL_dw, dL_db = tanh_neuron_gradient(x, w, b, t)
    assert np.allclose(np.append(dL_dw, dL_db), numeric, rtol=1e-6)
    assert check_tanh_neuron_gradient(tanh_neuron_gradient).passed


def _tanh_wrong(slope, sign=1.0):
    def gradient(x, w, b, t):
        a = np.tanh(np.dot(w, x) + b)
        delta = sign * -(t - a) * slope(a)
        return delta * x, delta
    return gradient


@pytest.mark.parametrize(("answer", "words"), [
    (stub, "untouched stub"),
    (_tanh_wrong(lambda a: a * (1 - a)), "sigmoid's pattern"),
    (_tanh_wrong(lambda a: 1 - a), "not 1 − a"),
    (_tanh_wrong(lambda a: 1 - a * a, sign=-1.0), "sign is flipped"),
    (_tanh_wrong(lambda a: 1.0), "is missing"),
])
def test_tanh_neuron_gradient_names_the_mistake(answer, words):
    result = check_tanh_neuron_gradient(answer)
    assert not result.passed
    assert words in result.message + result.hint


def test_update_step_catches_an_in_place_update_and_a_frozen_bias():
    assert check_update_step(update_step).passed

    def in_place(w, b, dL_dw, dL_db, lr):
        w -= lr * dL_dw
        return w, b - lr * dL_db
    assert "in place" in check_update_step(in_place).message

    def frozen_bias(w, b, dL_dw, dL_db, lr):
        return w - lr * dL_dw, b
    assert "bias did not move" in check_update_step(frozen_bias).hint


# --- hints and self-checks of 00–04 ----------------------------------------------------------

NEW_EXERCISES = ("predict", "bowl_minimum", "dF_dx", "example_gradients", "mul_backward",
                 "sigmoid_backward", "run_backward",
                 "sigmoid_chain_factors", "sigmoid_derivative", "tanh_derivative", "forward",
                 "batch_forward", "batch_loss", "input_gradient", "tanh_neuron_gradient",
                 "update_step")


@pytest.mark.parametrize("name", NEW_EXERCISES)
def test_every_exercise_has_tiered_hints_and_a_solution(name, capsys):
    tiers = hint_tiers(name)
    assert len(tiers) >= 2
    show_solution(name)
    assert capsys.readouterr().out.strip()


def test_untouched_stubs_point_at_hint_and_never_print_an_answer():
    from helpers.checks import check_forward, check_sigmoid_derivative
    for check, name, answer in ((check_forward, "forward", "np.dot"),
                                (check_sigmoid_derivative, "sigmoid_derivative", "s * (1 - s)")):
        result = check(stub)
        assert f'hint("{name}")' in result.hint and answer not in result.hint


@pytest.mark.parametrize("topic", ["start_here", "chain_rule", "activations", "forward_pass",
                                   "backward_pass"])
def test_every_notebook_has_a_three_question_self_check(topic):
    questions = self_check_questions(topic)
    assert len(questions) == 3
    for q in questions:
        assert q.why[q.answer].startswith("Right")
        assert all(not why.startswith("Right") for i, why in enumerate(q.why) if i != q.answer)
