"""A Network rebuilt from scalar ``Value`` nodes: the bridge between 01's graph and 06's
matrix form. Introduced in 06_multilayer; 07_backprop_bugs breaks its backward pass.
"""

from __future__ import annotations

from typing import NamedTuple

from helpers.graph import Value
from helpers.network import Network

__all__ = ["ValueNetwork", "network_value_graph"]


class ValueNetwork(NamedTuple):
    """A Network rebuilt from scalar ``Value`` nodes: the loss node and every weight/bias node.

    Introduced in 06_multilayer. ``W[l][j][i]`` is ``weights[l][j, i]``; ``b[l][j]`` is
    ``biases[l][j]``.
    """

    loss: Value
    W: list[list[list[Value]]]
    b: list[list[Value]]


def network_value_graph(net: Network, X, T) -> ValueNetwork:
    """The mean squared-error loss of a sigmoid ``net`` on (X, T) as one scalar Value graph.

    Introduced in 06_multilayer. Every weight is a single node reused by every sample (and
    every input feeds several neurons), so the graph needs ``+=`` in backward.
    """
    if not isinstance(net, Network) or {net.activation, net.output_activation} != {"sigmoid"}:
        raise TypeError("net must be a helpers Network with sigmoid activations")
    if net.loss_name != "squared_error":  # 09's cross-entropy nets: this graph is 06's loss
        raise TypeError("net must use the squared-error loss (the graph builds 06's loss)")
    X = net._check_X(X)
    T = net._check_T(T, X)
    W = [[[Value(w, f"W{k + 1}[{j},{i}]") for i, w in enumerate(row)]
          for j, row in enumerate(Wk)] for k, Wk in enumerate(net.weights)]
    b = [[Value(v, f"b{k + 1}[{j}]") for j, v in enumerate(bk)]
         for k, bk in enumerate(net.biases)]
    total = Value(0.0)
    for x, t in zip(X, T, strict=True):
        a = [Value(v) for v in x]
        for Wl, bl in zip(W, b, strict=True):
            a = [sum((w * ai for w, ai in zip(row, a, strict=True)), bj).sigmoid()
                 for row, bj in zip(Wl, bl, strict=True)]
        for aj, tj in zip(a, t, strict=True):
            total = total + 0.5 * (aj - float(tj)) ** 2
    return ValueNetwork(total / float(len(X)), W, b)
