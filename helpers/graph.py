"""A scalar computational graph: values, operations, and backward in topological order.

Introduced in 01_chain_rule. Every ``Value`` remembers the values it was computed from
(``parents``), the operation (``op``) and its *local derivatives* with respect to each parent
(``local_grads``), computed during the forward pass. Backpropagation is then the chain rule,
one node at a time, from the output back to the inputs:

    parent.grad += local derivative × upstream gradient (node.grad)

The ``+=`` matters: a value used twice receives a contribution from each use.
``backward_buggy_assign`` shows what goes wrong with ``=`` (07_backprop_bugs).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import NamedTuple

from helpers._validate import as_float, check_choice

__all__ = [
    "BackwardStep",
    "Contribution",
    "Value",
    "backward_buggy_assign",
    "backward_steps",
    "example_neuron_graph",
    "neuron_graph",
    "topological_order",
    "zero_grad",
]


class Value:
    """A number in a computational graph that can backpropagate. Introduced in 01_chain_rule.

    ``Value(2.0, label="x")``. Combine values with ``+ - * / **`` (power by a constant), python
    numbers on either side, ``-v``, ``.exp()``, ``.tanh()``, ``.sigmoid()`` and ``.relu()``.
    """

    def __init__(self, data, label: str = "", *, _parents=(), _op: str = "", _local_grads=()):
        self.data = as_float(data, "data")
        self.grad = 0.0
        self.label = str(label)
        self.op = _op  # '' for a leaf (an input or a constant)
        self.parents: tuple[Value, ...] = tuple(_parents)
        # d(self)/d(parent) for each parent, in the same order as `parents`.
        self.local_grads: tuple[float, ...] = tuple(float(g) for g in _local_grads)

    def __repr__(self) -> str:
        # Six significant digits keep the repr short and stable across platforms.
        data, grad = float(f"{self.data:.6g}"), float(f"{self.grad:.6g}")
        label = f", label={self.label!r}" if self.label else ""
        return f"Value(data={data!r}, grad={grad!r}{label})"

    # --- building the graph ---

    def _child(self, data: float, op: str, parents, local_grads) -> Value:
        if not math.isfinite(data):
            raise OverflowError(f"{op} of {[p.data for p in parents]} gives {data}, not finite")
        return Value(data, _parents=parents, _op=op, _local_grads=local_grads)

    @staticmethod
    def _wrap(other) -> Value:
        return other if isinstance(other, Value) else Value(other)

    def __add__(self, other) -> Value:
        other = self._wrap(other)
        return self._child(self.data + other.data, "+", (self, other), (1.0, 1.0))

    def __radd__(self, other) -> Value:
        return self._wrap(other) + self

    def __sub__(self, other) -> Value:
        other = self._wrap(other)
        return self._child(self.data - other.data, "-", (self, other), (1.0, -1.0))

    def __rsub__(self, other) -> Value:
        return self._wrap(other) - self

    def __mul__(self, other) -> Value:
        other = self._wrap(other)
        # d(xy)/dx = y and d(xy)/dy = x
        return self._child(self.data * other.data, "*", (self, other), (other.data, self.data))

    def __rmul__(self, other) -> Value:
        return self._wrap(other) * self

    def __truediv__(self, other) -> Value:
        other = self._wrap(other)
        if other.data == 0.0:
            raise ZeroDivisionError(f"division by a Value with data 0.0 ({other!r})")
        y = other.data
        # d(x/y)/dx = 1/y and d(x/y)/dy = −x/y²
        return self._child(self.data / y, "/", (self, other), (1.0 / y, -self.data / (y * y)))

    def __rtruediv__(self, other) -> Value:
        return self._wrap(other) / self

    def __neg__(self) -> Value:
        return self._child(-self.data, "neg", (self,), (-1.0,))

    def __pow__(self, exponent) -> Value:
        if isinstance(exponent, Value):
            raise TypeError("exponent must be a python number (x ** 2), not a Value")
        k = as_float(exponent, "exponent")
        x = self.data
        if x == 0.0 and k < 1.0:
            raise ValueError(f"0.0 ** {k:g} has no finite derivative; use an exponent >= 1")
        if x < 0.0 and not k.is_integer():
            raise ValueError(f"{x} ** {k:g} is not a real number; use an integer exponent")
        op = f"**{int(k)}" if k.is_integer() else f"**{k:g}"
        # d(x^k)/dx = k·x^(k−1)
        return self._child(x**k, op, (self,), (k * x ** (k - 1.0),))

    def exp(self) -> Value:
        """e^x; its local derivative is e^x itself."""
        try:
            out = math.exp(self.data)
        except OverflowError:
            raise OverflowError(f"exp({self.data}) is too large for float64") from None
        return self._child(out, "exp", (self,), (out,))

    def tanh(self) -> Value:
        """tanh(x); local derivative 1 − tanh(x)²."""
        a = math.tanh(self.data)
        return self._child(a, "tanh", (self,), (1.0 - a * a,))

    def sigmoid(self) -> Value:
        """σ(x) = 1/(1+e^−x), computed without overflow; local derivative σ(x)(1 − σ(x))."""
        x = self.data
        if x >= 0:
            a = 1.0 / (1.0 + math.exp(-x))
        else:
            e = math.exp(x)
            a = e / (1.0 + e)
        return self._child(a, "sigmoid", (self,), (a * (1.0 - a),))

    def relu(self) -> Value:
        """max(0, x); local derivative 1 if x > 0 else 0 (0 at x = 0, as in activations)."""
        x = self.data
        return self._child(max(x, 0.0), "relu", (self,), (1.0 if x > 0 else 0.0,))

    # --- backpropagation ---

    def topological_order(self) -> list[Value]:
        """All nodes this value depends on, leaves first and ``self`` last. In 01_chain_rule."""
        return topological_order(self)

    def backward(self) -> None:
        """Fill ``.grad`` of every node with d(self)/d(node). Introduced in 01_chain_rule.

        Resets every grad in the graph to 0 first, so calling it twice gives the same result.
        """
        for _ in backward_steps(self):
            pass


def topological_order(root: Value) -> list[Value]:
    """Nodes of ``root``'s graph, each after all its parents (leaves first, root last).

    Introduced in 01_chain_rule. Uses an explicit stack rather than recursion so long chains
    (thousands of nodes) work.
    """
    if not isinstance(root, Value):
        raise TypeError(f"root must be a Value, got {type(root).__name__}")
    order: list[Value] = []
    visited: set[int] = set()
    stack: list[tuple[Value, bool]] = [(root, False)]
    while stack:
        node, parents_done = stack.pop()
        if parents_done:
            order.append(node)  # every parent is already in `order`
            continue
        if id(node) in visited:
            continue
        visited.add(id(node))
        stack.append((node, True))
        for parent in reversed(node.parents):  # reversed so the first parent is visited first
            if id(parent) not in visited:
                stack.append((parent, False))
    return order


def zero_grad(root: Value) -> None:
    """Set ``.grad`` to 0.0 on every node of ``root``'s graph. Introduced in 01_chain_rule."""
    for node in topological_order(root):
        node.grad = 0.0


class Contribution(NamedTuple):
    """What one node adds to one parent's grad: local derivative × upstream gradient."""

    parent: Value
    local_grad: float
    added: float


class BackwardStep(NamedTuple):
    """One node's step of the backward pass, for stepping through it. In 01_chain_rule."""

    node: Value
    upstream: float  # d(root)/d(node), complete when this node is processed
    contributions: tuple[Contribution, ...]


def backward_steps(root: Value) -> Iterator[BackwardStep]:
    """Run the backward pass one node at a time, yielding a ``BackwardStep`` per node.

    Introduced in 01_chain_rule. Nodes come in reverse topological order (root first). The
    generator does the work as it goes: when it starts it zeroes every grad and sets
    ``root.grad = 1``; each step adds ``local_grad × upstream`` to each parent's grad before it is
    yielded. Once exhausted, the grads equal those of ``root.backward()``.
    """
    order = topological_order(root)
    for node in order:
        node.grad = 0.0
    root.grad = 1.0  # d(root)/d(root)
    for node in reversed(order):
        upstream = node.grad
        contributions = []
        for parent, local in zip(node.parents, node.local_grads, strict=True):
            added = local * upstream  # the chain rule, one edge
            parent.grad += added  # += : a value used twice gets both contributions
            contributions.append(Contribution(parent, local, added))
        yield BackwardStep(node, upstream, tuple(contributions))


def backward_buggy_assign(root: Value) -> None:
    """A deliberately wrong backward pass that uses ``=`` instead of ``+=``. In 07_backprop_bugs.

    When a value is used more than once (``x * x``, or ``x`` feeding two neurons) only the last
    contribution survives, so its gradient is wrong. Compare with ``root.backward()``.
    """
    order = topological_order(root)
    for node in order:
        node.grad = 0.0
    root.grad = 1.0
    for node in reversed(order):
        for parent, local in zip(node.parents, node.local_grads, strict=True):
            parent.grad = local * node.grad  # BUG (on purpose): overwrites earlier contributions


# --- our example neuron as a graph (01_chain_rule) -----------------------------------------
def example_neuron_graph(x=(1.0, 2.0, 3.0), w=(0.2, 0.5, -0.1), b: float = 0.1, t: float = 1.0,
                         activation: str = "sigmoid") -> Value:
    """The loss of our example neuron as a ``Value`` graph, every node labelled:
    z = w1·x1 + w2·x2 + w3·x3 + b, a = f(z), L = ½(t − a)². Returns L (not yet
    backpropagated). Defaults are our example neuron (03, 04). Introduced in 01_chain_rule."""
    check_choice(activation, "activation", ("sigmoid", "tanh"))
    if len(x) != len(w) or not 1 <= len(x) <= 3:
        raise ValueError(f"x and w must hold the same number (1 to 3) of values; got {len(x)} "
                         f"and {len(w)}")
    z = None
    for i, (xi, wi) in enumerate(zip(x, w, strict=True), start=1):
        product = Value(wi, f"w{i}") * Value(xi, f"x{i}")
        product.label = f"w{i}·x{i}"
        z = product if z is None else z + product
    z = z + Value(b, "b")
    z.label = "z"
    a = getattr(z, activation)()
    a.label = "a"
    error = Value(t, "t") - a
    error.label = "t−a"
    loss = error**2 * 0.5
    loss.label = "L"
    return loss


def neuron_graph(x1: float = 1.0, w1: float = 0.2, x2: float = 2.0, w2: float = 0.5,
                 x3: float = 3.0, w3: float = -0.1, b: float = 0.1, t: float = 1.0,
                 activation: str = "sigmoid") -> Value:
    """Our example neuron's loss graph (``example_neuron_graph``), one keyword per slider of
    01's explorers. Introduced in 01_chain_rule."""
    return example_neuron_graph((x1, x2, x3), (w1, w2, w3), b, t, activation)
