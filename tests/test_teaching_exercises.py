"""The exercises added for issue 15 (notebooks 00–04): every check passes on its reference
solution and names the exact mistake for typical wrong answers. Expected numbers come from
plain math written here, never from the checks' own helpers."""

import inspect
import math

import numpy as np
import pytest

from helpers.checks import (
    check_batch_forward,
    check_batch_loss,
    check_bowl_minimum,
    check_example_gradients,
    check_mini_value,
    check_sigmoid_chain_factors,
    check_tanh_neuron_gradient,
    check_update_step,
)
from helpers.checks.chain_rule import EXAMPLE_GRAPH_NODES
from helpers.checks.hints import hint_tiers, self_check_questions
from helpers.solutions import (
    MiniValue,
    batch_forward,
    batch_loss,
    example_gradients,
    sigmoid_chain_factors,
    show_solution,
    tanh_neuron_gradient,
    update_step,
)
from helpers.widgets.start_here import T_POINTS, X_POINTS


def stub(*_args):
    raise NotImplementedError("replace this line with your code")


# --- 00: the bowl's lowest w ---------------------------------------------------------------

def test_bowl_minimum_is_where_a_fine_grid_of_the_explorer_loss_is_lowest():
    w_grid = np.linspace(0, 3, 30001)
    for b, answer in ((0.0, 1.6), (1.0, 1.4)):
        loss = 0.5 * np.mean((T_POINTS - (w_grid[:, None] * X_POINTS + b)) ** 2, axis=1)
        assert abs(w_grid[np.argmin(loss)] - answer) < 0.01
    assert check_bowl_minimum(1.6, 1.4).passed
    assert check_bowl_minimum(1.55, 1.45).passed


@pytest.mark.parametrize(("answer", "words"), [
    ((..., ...), "untouched"),
    ((1.4, 1.6), "swapped"),
    ((1.5, 1.5), "same w"),
    ((1.5, 1.4), "best line overall"),
    ((1.6, 1.0), "b = 1"),
])
def test_bowl_minimum_names_the_mistake(answer, words):
    result = check_bowl_minimum(*answer)
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
    assert check_example_gradients(got).passed
    # rounded to four digits, as a learner working from the printed a would
    assert check_example_gradients({k: round(v, 4) for k, v in want.items()}).passed


def test_example_gradients_reports_progress_node_by_node():
    partial = dict.fromkeys(EXAMPLE_GRAPH_NODES, ...)
    assert "untouched" in check_example_gradients(partial).message
    partial.update({k: hand_grads()[k] for k in ("t-a", "a")})
    result = check_example_gradients(partial)
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
    result = check_example_gradients(grads)
    assert not result.passed and f"dL/d({node})" in result.message
    assert words in result.hint


def test_example_gradients_bad_input_is_a_clear_message():
    assert "dict" in check_example_gradients([1, 2]).message
    assert "not nodes" in check_example_gradients({"zz": 1}).message


# --- 01: a mini Value ----------------------------------------------------------------------

def test_mini_value_solution_passes_and_matches_plain_math():
    assert check_mini_value(MiniValue).passed
    w = [MiniValue(v) for v in (0.2, 0.5, -0.1)]
    x = [MiniValue(v) for v in (1.0, 2.0, 3.0)]
    b = MiniValue(0.1)
    a = (w[0] * x[0] + w[1] * x[1] + w[2] * x[2] + b).sigmoid()
    e = a * -1.0 + 1.0
    (e * e * 0.5).backward()
    want = hand_grads()
    assert [round(v.grad, 12) for v in w] == [round(want[k], 12) for k in ("w1", "w2", "w3")]


def variant(*edits):
    """The reference MiniValue with one typical slip edited into its source."""
    source = inspect.getsource(MiniValue)
    for old, new in edits:
        assert old in source, old
        source = source.replace(old, new)
    namespace = {"math": math}
    exec(source, namespace)  # noqa: S102 — our own source, edited in the test
    return namespace["MiniValue"]


MulSwapped = variant(("self.grad += other.data * out.grad", "self.grad += self.data * out.grad"),
                     ("other.grad += self.data * out.grad",
                      "other.grad += other.data * out.grad"))
MulAssigns = variant(("self.grad += other.data * out.grad", "self.grad = other.data * out.grad"),
                     ("other.grad += self.data * out.grad", "other.grad = self.data * out.grad"))
SigmoidNotSlope = variant(("self.grad += s * (1.0 - s) * out.grad", "self.grad += s * out.grad"))
NoUpstreamSigmoid = variant(("self.grad += s * (1.0 - s) * out.grad",
                             "self.grad += s * (1.0 - s)"))
ForwardOrder = variant(("for node in reversed(order):", "for node in order:"))
NoSeedGrad = variant(("self.grad = 1.0  # dL/dL = 1", "pass"))
NaiveRecursion = variant(("        order, seen = [], set()\n", "        order, seen = [], []\n"),
                         ("if id(node) not in seen:\n                seen.add(id(node))",
                          "if True:\n                seen.append(node)"))
StubValue = variant(("self.grad += s * (1.0 - s) * out.grad",
                     'raise NotImplementedError("TODO")'))


@pytest.mark.parametrize(("cls", "words"), [
    (MulSwapped, "Swapped"),
    (MulAssigns, "Use +="),
    (SigmoidNotSlope, "σ itself"),
    (NoUpstreamSigmoid, "left out the upstream"),
    (ForwardOrder, "Nothing reached the weights"),
    (NoSeedGrad, "self.grad = 1.0"),
    (NaiveRecursion, "topological order once"),
    (StubValue, "untouched stub"),
])
def test_mini_value_names_the_mistake(cls, words):
    result = check_mini_value(cls)
    assert not result.passed
    assert words in result.message + result.hint


def test_mini_value_wants_the_class():
    assert "class itself" in check_mini_value(MiniValue(1.0)).message + \
        check_mini_value(MiniValue(1.0)).hint


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

NEW_EXERCISES = ("predict", "bowl_minimum", "dF_dx", "example_gradients", "MiniValue",
                 "sigmoid_chain_factors", "sigmoid_derivative", "tanh_derivative", "forward",
                 "batch_forward", "batch_loss", "neuron_gradient", "tanh_neuron_gradient",
                 "update_step")


@pytest.mark.parametrize("name", NEW_EXERCISES)
def test_every_exercise_has_tiered_hints_and_a_solution(name, capsys):
    tiers = hint_tiers(name)
    assert len(tiers) >= 2
    if name not in ("bowl_minimum",):
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
