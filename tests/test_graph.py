"""Scalar autograd: every op's gradient vs finite differences, reuse, ordering, stepping."""

import math

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from helpers.graph import (
    BackwardStep,
    Value,
    backward_buggy_assign,
    backward_steps,
    topological_order,
    zero_grad,
)
from helpers.network import Network

FAST = settings(max_examples=40, deadline=None)
H = 1e-6


def fd(f, *args, i):
    """Centred difference of a plain-float function f with respect to argument i."""
    plus, minus = list(args), list(args)
    plus[i] += H
    minus[i] -= H
    return (f(*plus) - f(*minus)) / (2 * H)


def grads_of(f, *args):
    """Build f on Values, backprop, and return (output value, list of grads)."""
    leaves = [Value(v) for v in args]
    out = f(*leaves)
    out.backward()
    return out.data, [leaf.grad for leaf in leaves]


def ref_sigmoid(z):
    return 1 / (1 + math.exp(-z)) if z >= 0 else math.exp(z) / (1 + math.exp(z))


# (Value-built function, the same function in plain math)
BINARY = {
    "+": (lambda x, y: x + y, lambda x, y: x + y),
    "-": (lambda x, y: x - y, lambda x, y: x - y),
    "*": (lambda x, y: x * y, lambda x, y: x * y),
    "/": (lambda x, y: x / y, lambda x, y: x / y),
}
UNARY = {
    "neg": (lambda x: -x, lambda x: -x),
    "**2": (lambda x: x**2, lambda x: x**2),
    "**3": (lambda x: x**3, lambda x: x**3),
    "**-1": (lambda x: x**-1, lambda x: 1 / x),
    "exp": (lambda x: x.exp(), math.exp),
    "tanh": (lambda x: x.tanh(), math.tanh),
    "sigmoid": (lambda x: x.sigmoid(), ref_sigmoid),
    "relu": (lambda x: x.relu(), lambda x: max(x, 0.0)),
}

values = st.floats(-3, 3).filter(lambda v: abs(v) > 1e-2)  # away from 0: 1/x and relu's kink


@FAST
@given(st.sampled_from(sorted(BINARY)), values, values)
def test_binary_ops_match_finite_differences(op, x, y):
    build, plain = BINARY[op]
    out, (gx, gy) = grads_of(build, x, y)
    assert out == pytest.approx(plain(x, y), rel=1e-15)
    assert gx == pytest.approx(fd(plain, x, y, i=0), rel=1e-6, abs=1e-7)
    assert gy == pytest.approx(fd(plain, x, y, i=1), rel=1e-6, abs=1e-7)
    built = build(Value(x), Value(y))
    assert built.op == op and len(built.local_grads) == 2


@FAST
@given(st.sampled_from(sorted(UNARY)), values)
def test_unary_ops_match_finite_differences(op, x):
    build, plain = UNARY[op]
    out, (gx,) = grads_of(build, x)
    assert out == pytest.approx(plain(x), rel=1e-14, abs=1e-300)
    assert gx == pytest.approx(fd(plain, x, i=0), rel=1e-6, abs=1e-7)
    assert build(Value(x)).op == op


@FAST
@given(values, values)
def test_reflected_ops_with_python_numbers(x, c):
    v = Value(x)
    assert (c + v).data == pytest.approx(c + x)
    assert (c - v).data == pytest.approx(c - x)
    assert (c * v).data == pytest.approx(c * x)
    assert (c / v).data == pytest.approx(c / x)
    out = c / v
    out.backward()
    assert v.grad == pytest.approx(-c / x**2)


def composite_plain(x, y):
    return x * y + x**2 + math.tanh(x / y) + ref_sigmoid(x) * math.exp(y) + max(x - y, 0.0) - x


def composite_value(x, y):
    return x * y + x**2 + (x / y).tanh() + x.sigmoid() * y.exp() + (x - y).relu() - x


@FAST
@given(values, values)
def test_composite_expression_with_reused_values(x, y):
    assume(abs(x - y) > 1e-3)
    out, (gx, gy) = grads_of(composite_value, x, y)
    assert out == pytest.approx(composite_plain(x, y), rel=1e-12)
    assert gx == pytest.approx(fd(composite_plain, x, y, i=0), rel=1e-5, abs=1e-6)
    assert gy == pytest.approx(fd(composite_plain, x, y, i=1), rel=1e-5, abs=1e-6)


def test_local_grads_and_structure():
    a, b = Value(2.0, label="a"), Value(-3.0, label="b")
    c = a * b
    assert c.parents == (a, b) and c.op == "*" and c.local_grads == (-3.0, 2.0)
    assert a.op == "" and a.parents == () and a.local_grads == () and a.grad == 0.0
    assert repr(a) == "Value(data=2.0, grad=0.0, label='a')"
    assert repr(Value(1.0)) == "Value(data=1.0, grad=0.0)"
    assert repr(Value(1 / 3)) == "Value(data=0.333333, grad=0.0)"


def test_value_used_twice_accumulates_and_buggy_assign_does_not():
    x = Value(3.0)
    y = x * x  # dy/dx = 2x = 6
    y.backward()
    assert x.grad == 6.0
    backward_buggy_assign(y)
    assert x.grad == 3.0  # only one of the two contributions survives
    # a value feeding two branches
    x = Value(0.5)
    out = x.tanh() + x.sigmoid()
    out.backward()
    expected = (1 - math.tanh(0.5) ** 2) + ref_sigmoid(0.5) * (1 - ref_sigmoid(0.5))
    assert x.grad == pytest.approx(expected, rel=1e-14)
    backward_buggy_assign(out)
    assert x.grad != pytest.approx(expected)


def test_backward_twice_is_idempotent_and_zero_grad():
    x, y = Value(1.5), Value(-0.5)
    out = x * y + x.exp()
    out.backward()
    first = (x.grad, y.grad, out.grad)
    out.backward()
    assert (x.grad, y.grad, out.grad) == first
    zero_grad(out)
    assert all(node.grad == 0.0 for node in topological_order(out))


def test_topological_order():
    x, y = Value(1.0, "x"), Value(2.0, "y")
    s = x + y
    out = s * x + y
    order = out.topological_order()
    assert order == topological_order(out)
    assert order[-1] is out
    assert len(order) == len({id(n) for n in order}) == 5  # x, y, s, s*x, out
    position = {id(n): i for i, n in enumerate(order)}
    for node in order:
        for parent in node.parents:
            assert position[id(parent)] < position[id(node)]
    assert order[0].parents == ()  # leaves first


def test_backward_steps_records_the_chain_rule():
    x, w = Value(2.0, "x"), Value(-1.0, "w")
    z = x * w
    a = z.tanh()
    steps = list(backward_steps(a))
    assert all(isinstance(s, BackwardStep) for s in steps)
    assert [s.node for s in steps][0] is a
    assert steps[0].upstream == 1.0
    assert len(steps) == 4  # a, z, and the two leaves
    for step in steps:
        for c in step.contributions:
            assert c.added == c.local_grad * step.upstream
    # after stepping through, grads equal a normal backward
    got = (x.grad, w.grad)
    a.backward()
    assert (x.grad, w.grad) == got
    assert w.grad == pytest.approx((1 - math.tanh(-2.0) ** 2) * 2.0)


def test_long_chain_has_no_recursion_limit():
    x = Value(1.0)
    out = x
    for _ in range(5000):
        out = out + 1.0
    out.backward()
    assert x.grad == 1.0 and out.data == 5001.0


def test_value_matches_network_gradients_on_2_2_1():
    net = Network([2, 2, 1], activation="sigmoid", seed=3, init_scale=0.8)
    X = np.array([[0.0, 1.0], [1.0, 0.5], [-0.3, 0.2]])
    T = np.array([[1.0], [0.0], [0.5]])
    (W1, W2), (b1, b2) = net.weights, net.biases
    w1 = [[Value(W1[j, i]) for i in range(2)] for j in range(2)]
    c1 = [Value(b1[j]) for j in range(2)]
    w2 = [Value(W2[0, j]) for j in range(2)]
    c2 = Value(b2[0])
    total = Value(0.0)
    for x, t in zip(X, T, strict=True):
        hidden = [(w1[j][0] * x[0] + w1[j][1] * x[1] + c1[j]).sigmoid() for j in range(2)]
        y = (w2[0] * hidden[0] + w2[1] * hidden[1] + c2).sigmoid()
        total = total + 0.5 * (y - t[0]) ** 2
    loss = total / len(X)  # reduction="mean"
    loss.backward()

    got_loss, dW, db = net.gradients(X, T)
    assert got_loss == pytest.approx(loss.data, rel=1e-13)
    np.testing.assert_allclose(dW[0], [[v.grad for v in row] for row in w1], rtol=1e-11)
    np.testing.assert_allclose(db[0], [v.grad for v in c1], rtol=1e-11)
    np.testing.assert_allclose(dW[1], [[v.grad for v in w2]], rtol=1e-11)
    np.testing.assert_allclose(db[1], [c2.grad], rtol=1e-11)


@pytest.mark.parametrize(
    ("call", "error", "needle"),
    [
        (lambda: Value("1.0"), TypeError, "data"),
        (lambda: Value(None), TypeError, "data"),
        (lambda: Value(math.nan), ValueError, "data"),
        (lambda: Value([1.0, 2.0]), ValueError, "data"),
        (lambda: Value(1.0) ** Value(2.0), TypeError, "exponent"),
        (lambda: Value(-2.0) ** 0.5, ValueError, "integer exponent"),
        (lambda: Value(0.0) ** -1, ValueError, "exponent"),
        (lambda: Value(1.0) / 0.0, ZeroDivisionError, "0.0"),
        (lambda: Value(1000.0).exp(), OverflowError, "exp"),
        (lambda: Value(1.0) + "a", TypeError, "data"),
        (lambda: topological_order(3.0), TypeError, "root"),
    ],
)
def test_graph_validation(call, error, needle):
    with pytest.raises(error) as info:
        call()
    assert needle in str(info.value)
