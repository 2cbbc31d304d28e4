"""Reference answers to the exercises of 01_chain_rule."""

import numpy as np

__all__ = ["dF_dx", "example_gradients", "mul_backward", "mul_local_grads", "run_backward",
           "sigmoid_backward"]


def dF_dx(x):
    """dF/dx for F(x) = sin(x²): the chain rule with h(x) = x², g(h) = sin(h).

    Introduced in 01_chain_rule.
    """
    h = x**2
    dg_dh = np.cos(h)  # the outer derivative, evaluated at the inner value h
    dh_dx = 2 * x  # the inner derivative
    return dg_dh * dh_dx


def mul_local_grads(x, y):
    """Local derivatives of f = x·y: (df/dx, df/dy) = (y, x).

    Introduced in 01_chain_rule.
    """
    return (y, x)


def example_gradients():
    """Every dL/d(node) of our example neuron's graph, right to left, each one
    local derivative × upstream gradient (returns the dict the exercise asks for).
    Introduced in 01_chain_rule."""
    a = 0.7310585786300049  # a = σ(z) from the forward pass, z = 1
    t, x1, x2, x3, w1 = 1.0, 1.0, 2.0, 3.0, 0.2
    grads = {}
    grads["t-a"] = (t - a) * 1.0  # L = ½u², dL/du = u; upstream dL/dL = 1
    grads["a"] = -1.0 * grads["t-a"]  # d(t − a)/da = −1
    grads["z"] = a * (1 - a) * grads["a"]  # σ′(z) = a(1 − a)
    grads["w1*x1"] = 1.0 * grads["z"]  # a + node passes its upstream on unchanged
    grads["b"] = 1.0 * grads["z"]
    grads["w1"] = x1 * grads["w1*x1"]  # a * node: the other factor
    grads["w2"] = x2 * grads["z"]
    grads["w3"] = x3 * grads["z"]
    grads["x1"] = w1 * grads["w1*x1"]
    return grads


def mul_backward(x, y, out):
    """Introduced in 01_chain_rule: the _backward of out = x·y (local derivative: the other
    factor), with += so a value used twice collects both shares."""
    x.grad += y.data * out.grad
    y.grad += x.data * out.grad


def sigmoid_backward(z, out):
    """Introduced in 01_chain_rule: the _backward of out = σ(z); σ′ = s(1 − s), s = out.data."""
    s = out.data
    z.grad += s * (1 - s) * out.grad


def run_backward(root):
    """Introduced in 01_chain_rule: the backward pass. Topological order (each node after its
    parents), dL/dL = 1, then every node's _backward from the output back."""
    order, seen = [], set()

    def visit(node):
        if id(node) not in seen:
            seen.add(id(node))
            for parent in node.parents:
                visit(parent)
            order.append(node)  # after all its parents
    visit(root)
    root.grad = 1.0
    for node in reversed(order):  # each node is complete before it passes its grad on
        node._backward()
