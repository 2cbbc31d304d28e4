"""Checks for 01_chain_rule's micrograd-style exercise: the learner writes the ``_backward`` of
``*`` (``mul_backward``) and of sigmoid (``sigmoid_backward``) and the whole backward pass
(``run_backward``: topological order, then each node's ``_backward`` in reverse). Each is
checked on tiny nodes built here, and ``run_backward`` on our example neuron; the expected
numbers are plain math. Introduced in 01_chain_rule."""

from __future__ import annotations

import math

from helpers.checks._core import CheckResult, call_safely, correct, exercise_check, not_yet
from helpers.checks.chain_rule import example_graph_numbers
from helpers.checks.hints import register_hints

__all__ = ["check_mul_backward", "check_run_backward", "check_sigmoid_backward"]


class _Node:
    """A minimal micrograd-style node with correct ``_backward``s (the referee's own)."""

    def __init__(self, data, parents=()):
        self.data, self.grad, self.parents = float(data), 0.0, parents
        self._backward = lambda: None

    def __add__(self, other):
        other = other if isinstance(other, _Node) else _Node(other)
        out = _Node(self.data + other.data, (self, other))

        def _backward():
            self.grad += out.grad
            other.grad += out.grad
        out._backward = _backward
        return out

    def __mul__(self, other):
        other = other if isinstance(other, _Node) else _Node(other)
        out = _Node(self.data * other.data, (self, other))

        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out._backward = _backward
        return out

    def sigmoid(self):
        s = 1.0 / (1.0 + math.exp(-self.data))
        out = _Node(s, (self,))

        def _backward():
            self.grad += s * (1.0 - s) * out.grad
        out._backward = _backward
        return out


def _close(got, want) -> bool:
    try:
        return math.isclose(float(got), want, rel_tol=1e-9, abs_tol=1e-12)
    except (TypeError, ValueError):
        return False


@exercise_check
def check_mul_backward(mul_backward) -> CheckResult:
    """Check ``mul_backward(x, y, out)``: adds y·out.grad to x.grad and x·out.grad to y.grad
    (and adds, so a node used twice gets both shares). Introduced in 01_chain_rule."""
    x, y = _Node(3.0), _Node(-2.0)
    out = _Node(-6.0, (x, y))
    out.grad = 2.0
    _, failure = call_safely(mul_backward, x, y, out, name="mul_backward")
    if failure is not None:
        return failure
    where = (f"For out = x·y with x = 3, y = −2 and out.grad = 2, mul_backward gave x.grad = "
             f"{x.grad}, y.grad = {y.grad} (expected −4 and 6).")
    if not (_close(x.grad, -4.0) and _close(y.grad, 6.0)):
        if _close(x.grad, -2.0) and _close(y.grad, 3.0):
            return not_yet(where, "You left out the upstream gradient: multiply the local "
                                  "derivative by out.grad.")
        if _close(x.grad, 6.0) and _close(y.grad, -4.0):
            return not_yet(where, "Swapped: the local derivative with respect to x is the "
                                  "*other* factor, y.data.")
        return not_yet(where, "x.grad += y.data × out.grad, and the same the other way round.")
    z = _Node(3.0)
    square = _Node(9.0, (z, z))
    square.grad = 1.0
    mul_backward(z, z, square)
    if not _close(z.grad, 6.0):
        return not_yet(f"For out = x·x at x = 3, mul_backward gave x.grad = {z.grad}, "
                       "expected d(x²)/dx = 6.",
                       "Use += (not =): here x is both factors, and each use adds its share.")
    return correct("the * node sends each factor 'the other factor × upstream', and += lets a "
                   "value used twice collect both shares.")


@exercise_check
def check_sigmoid_backward(sigmoid_backward) -> CheckResult:
    """Check ``sigmoid_backward(z, out)``: adds σ′(z)·out.grad = s(1 − s)·out.grad to z.grad,
    with s = out.data. Introduced in 01_chain_rule."""
    s = 1.0 / (1.0 + math.exp(-0.5))
    z = _Node(0.5)
    out = _Node(s, (z,))
    out.grad = 2.0
    _, failure = call_safely(sigmoid_backward, z, out, name="sigmoid_backward")
    if failure is not None:
        return failure
    want = 2.0 * s * (1.0 - s)
    if _close(z.grad, want):
        return correct("σ′(z) = s·(1 − s), written with the value s the forward pass already "
                       "computed, times the upstream gradient.")
    where = (f"For out = σ(z) at z = 0.5 with out.grad = 2, sigmoid_backward gave z.grad = "
             f"{z.grad} (expected {want:.6f}).")
    if _close(z.grad, 2.0 * s):
        return not_yet(where, "That is σ itself times the upstream; the local derivative is "
                              "the slope σ(z)·(1 − σ(z)).")
    if _close(z.grad, s * (1.0 - s)):
        return not_yet(where, "You left out the upstream gradient: multiply by out.grad.")
    return not_yet(where, "local derivative s·(1 − s) with s = out.data, times out.grad.")


def _example_neuron():
    n = example_graph_numbers()
    xs, ws, b = [_Node(v) for v in n["x"]], [_Node(v) for v in n["w"]], _Node(n["b"])
    z = ws[0] * xs[0] + ws[1] * xs[1] + ws[2] * xs[2] + b
    error = z.sigmoid() * -1.0 + n["t"]  # t − a, written with + and * only
    return error * error * 0.5, xs, ws, b, n  # error used twice: += and the order matter


@exercise_check
def check_run_backward(run_backward) -> CheckResult:
    """Check ``run_backward(root)`` on our example neuron: every weight's, the bias's and x1's
    gradient must come out right. Introduced in 01_chain_rule."""
    loss, xs, ws, b, n = _example_neuron()
    _, failure = call_safely(run_backward, loss, name="run_backward")
    if failure is not None:
        return failure
    g = n["grads"]
    want_w = [g["w1"], g["w2"], g["w3"]]
    got_w = [w.grad for w in ws]
    if all(_close(a, e) for a, e in zip(got_w, want_w, strict=True)) and \
            _close(b.grad, g["b"]) and _close(xs[0].grad, g["x1"]):
        return correct("your backward pass gives our example neuron's dL/dw = "
                       f"[{want_w[0]:.8f}, {want_w[1]:.8f}, {want_w[2]:.8f}] and dL/db = "
                       f"{g['b']:.8f}: the same numbers as Value.backward().")
    where = (f"On our example neuron run_backward gave dL/dw = "
             f"[{', '.join(f'{v:.6g}' for v in got_w)}] (expected "
             f"[{', '.join(f'{v:.6g}' for v in want_w)}]).")
    if not _close(loss.grad, 1.0):
        return not_yet(where, f"The output's own grad is {loss.grad}: start with "
                              "root.grad = 1.0 (dL/dL = 1) before going backward.")
    if all(_close(v, 0.0) for v in got_w):
        return not_yet(where, "Nothing reached the weights: call _backward on every node, "
                              "from the output back (reverse topological order).")
    return not_yet(where, "Some node passed its gradient on before it was complete (or more "
                          "than once): build the topological order once, each node after its "
                          "parents, then call _backward once per node in reverse.")


register_hints(
    "mul_backward",
    "Look at the _backward inside MyValue.__add__: each parent's grad gets (local derivative × "
    "out.grad) added. Do the same for a product.",
    "For out = x·y the local derivative with respect to x is y.data, and with respect to y "
    "it is x.data. Use += so a value used twice collects both shares.",
)
register_hints(
    "sigmoid_backward",
    "The local derivative of the sigmoid node is its slope, σ′(z).",
    "σ′(z) = s·(1 − s), where s = out.data is already computed; multiply by out.grad and add "
    "it to z.grad.",
)
register_hints(
    "run_backward",
    "A node may pass its gradient on only when it is complete: after every node that uses it. "
    "Which order of the nodes guarantees that?",
    "Visit the graph depth-first from root, appending a node to a list only after all its "
    "parents (skip nodes already seen): that is the topological order.",
    "Then set root.grad = 1.0 and call node._backward() for node in reversed(order).",
)
