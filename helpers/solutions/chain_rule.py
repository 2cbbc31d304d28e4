"""Reference answers to the exercises of 01_chain_rule."""

import math

import numpy as np

__all__ = ["MiniValue", "dF_dx", "example_gradients", "mul_local_grads"]


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
    local derivative × upstream gradient (returns the dict the exercise asks for)."""
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


class MiniValue:
    """A micrograd-style scalar: data, grad, and a _backward that applies the chain rule."""

    def __init__(self, data, parents=()):
        self.data = float(data)
        self.grad = 0.0
        self.parents = parents
        self._backward = lambda: None  # a leaf has nobody to pass a gradient to

    def __add__(self, other):
        other = other if isinstance(other, MiniValue) else MiniValue(other)
        out = MiniValue(self.data + other.data, (self, other))

        def _backward():
            self.grad += 1.0 * out.grad
            other.grad += 1.0 * out.grad
        out._backward = _backward
        return out

    def __mul__(self, other):
        other = other if isinstance(other, MiniValue) else MiniValue(other)
        out = MiniValue(self.data * other.data, (self, other))

        def _backward():
            self.grad += other.data * out.grad  # local derivative: the other factor
            other.grad += self.data * out.grad
        out._backward = _backward
        return out

    def sigmoid(self):
        s = 1.0 / (1.0 + math.exp(-self.data))
        out = MiniValue(s, (self,))

        def _backward():
            self.grad += s * (1.0 - s) * out.grad  # σ′(z) = σ(z)(1 − σ(z))
        out._backward = _backward
        return out

    def backward(self):
        order, seen = [], set()

        def visit(node):  # depth first: a node joins the order after all its parents
            if id(node) not in seen:
                seen.add(id(node))
                for parent in node.parents:
                    visit(parent)
                order.append(node)
        visit(self)
        self.grad = 1.0  # dL/dL = 1
        for node in reversed(order):  # every node is complete before it passes its grad on
            node._backward()
