"""Explorers of 01_chain_rule: a single neuron as a computational graph of ``Value`` nodes.

Introduced in 01_chain_rule. ``make_graph_explorer`` shows every node's value and gradient
and updates both live as the inputs and parameters move; ``make_backward_step_explorer`` walks the
backward pass one node at a time (local derivative × upstream gradient = contribution).
The graph is rebuilt on every move (15 tiny ``Value`` objects, microseconds); its shape never
changes, so the boxes are laid out once and only their texts and colours are updated.
"""

from __future__ import annotations

from types import SimpleNamespace

from helpers.activations import ACTIVATION_NAMES
from helpers.controls import dropdown, slider
from helpers.explorer import Explorer
from helpers.graph import Value, backward_steps, neuron_graph, topological_order
from helpers.plots.fast_text import cached_text
from helpers.plots.graph_drawing import (
    GraphArtists,
    draw_graph,
    format_number,
    layout_graph,
    node_name,
    paint_graph,
)

__all__ = ["make_backward_step_explorer", "make_graph_explorer"]

def _setup_graph(fig, root: Value, *, with_caption: bool) -> SimpleNamespace:
    bottom = 0.17 if with_caption else 0.01
    fig.subplots_adjust(left=0.01, right=0.99, bottom=bottom, top=0.99)
    ax = fig.add_subplot()
    graph: GraphArtists = draw_graph(ax, root, layout_graph(root), show_grads=False)
    caption = cached_text(fig, 0.01, 0.015, "", family="DejaVu Sans Mono", fontsize=8.5,
                          va="bottom")
    return SimpleNamespace(ax=ax, graph=graph, caption=caption)


def make_graph_explorer(x1: float = 1.0, w1: float = 0.2, x2: float = 2.0, w2: float = 0.5,
                        b: float = 0.1, t: float = 1.0, activation: str = "sigmoid") -> Explorer:
    """Sliders for x1, w1, x2, w2, b and t; every box of the neuron's graph shows its value and
    its gradient dL/d(node), recomputed by ``L.backward()`` on each move.
    Introduced in 01_chain_rule."""

    def setup(fig):
        return _setup_graph(fig, neuron_graph(x1, w1, x2, w2, b, t, activation),
                            with_caption=False)

    def update(view, values):
        loss = neuron_graph(**values)
        loss.backward()
        nodes = topological_order(loss)
        paint_graph(view.graph, nodes, grads=[n.grad for n in nodes])
        by_label = {n.label: n for n in nodes}
        grads = "   ".join(f"dL/d{name} = {format_number(by_label[name].grad)}"
                           for name in ("w1", "w2", "b"))
        return f"L = {loss.data:.4f}\n{grads}"

    def controls():
        return {"x1": slider("x1 (input 1)", x1, -3.0, 3.0, 0.1),
                "w1": slider("w1 (weight 1)", w1, -3.0, 3.0, 0.1),
                "x2": slider("x2 (input 2)", x2, -3.0, 3.0, 0.1),
                "w2": slider("w2 (weight 2)", w2, -3.0, 3.0, 0.1),
                "b": slider("b (bias)", b, -3.0, 3.0, 0.1),
                "t": slider("t (target)", t, -1.0, 1.0, 0.1),
                "activation": dropdown("activation f", ACTIVATION_NAMES, activation)}

    return Explorer(
        title="A neuron as a computational graph",
        hint="Drag w1 and watch which gradients change; make z large and see every gradient "
             "left of a shrink towards 0.",
        controls=controls(), setup=setup, update=update,
        animated=lambda view: view.graph.numbers,
        figsize=(9.0, 4.2),
    )


def _walkthrough(root: Value):
    """Nodes, and one record per node that has parents: (index, upstream, contributions,
    grads after the step). Leaves are skipped: they have nobody to pass a gradient to."""
    nodes = topological_order(root)
    index = {id(n): i for i, n in enumerate(nodes)}
    steps = []
    for step in backward_steps(root):
        if step.contributions:
            steps.append((index[id(step.node)], step.upstream, step.contributions,
                          [n.grad for n in nodes]))
    return nodes, index, steps


def _name(node: Value) -> str:
    return node.label or (f"({node.op})" if node.op else f"{node.data:g}")


def _step_caption(nodes, index, steps, k: int) -> tuple[str, list, int | None, list[int]]:
    """Text, grads to show (None = not known yet), highlighted node, receiving nodes."""
    root = nodes[-1]
    if k == 0:
        grads = [None] * len(nodes)
        grads[-1] = 1.0
        text = (f"Start: the forward pass filled every 'data'. The backward pass starts with\n"
                f"d{_name(root)}/d{_name(root)} = 1 at the output. "
                "Press 'Step backward' (or drag 'step').")
        return text, grads, None, []
    i, upstream, contributions, grads_after = steps[k - 1]
    node = nodes[i]
    touched = {len(nodes) - 1}
    for j, _u, contribs, _g in steps[:k]:
        touched.update(index[id(c.parent)] for c in contribs)
        touched.add(j)
    grads = [g if j in touched else None for j, g in enumerate(grads_after)]
    lines = [f"Step {k}/{len(steps)}: node {node_name(node)} is complete, "
             f"upstream dL/d{_name(node)} = {format_number(upstream)}. It passes it on:"]
    for c in contributions:
        lines.append(f"  to {_name(c.parent):>6}: local {format_number(c.local_grad)} × "
                     f"upstream {format_number(upstream)} = {format_number(c.added)}   "
                     f"→ its grad is now {format_number(grads_after[index[id(c.parent)]])}")
    receiving = [index[id(c.parent)] for c in contributions]
    return "\n".join(lines), grads, i, receiving


def make_backward_step_explorer(x1: float = 1.0, w1: float = 0.2, x2: float = 2.0, w2: float = 0.5,
                          b: float = 0.1, t: float = 1.0, activation: str = "sigmoid",
                          step: int = 0) -> Explorer:
    """Walk the backward pass of the neuron's graph one node at a time, in reverse
    topological order: the node passing its gradient on is orange, the parents receiving
    "local derivative × upstream gradient" are green. Introduced in 01_chain_rule."""
    root = neuron_graph(x1, w1, x2, w2, b, t, activation)
    nodes, index, steps = _walkthrough(root)
    if not 0 <= step <= len(steps):
        raise ValueError(f"step must be between 0 and {len(steps)}, got {step}")

    def setup(fig):
        return _setup_graph(fig, root, with_caption=True)

    def update(view, values):
        k = values["step"]
        text, grads, highlight, receiving = _step_caption(nodes, index, steps, k)
        paint_graph(view.graph, nodes, grads=grads, highlight=highlight, receiving=receiving)
        view.caption.set_text(text)
        done = "backward pass complete" if k == len(steps) else "gradients so far"
        return f"step {k} of {len(steps)}: {done}"

    def step_backward(_view, values):
        return {"step": min(values["step"] + 1, len(steps))}

    def start_over(_view, _values):
        return {"step": 0}

    return Explorer(
        title="The backward pass, one node at a time",
        hint="Step until the end. Notice that a node only passes its gradient on after every "
             "node that uses it has reported.",
        controls={"step": slider("step", step, 0, len(steps), 1, integer=True)},
        setup=setup, update=update,
        actions={"Step backward": step_backward, "Start over": start_over},
        animated=lambda view: [*view.graph.moving(), view.caption],
        figsize=(9.0, 4.8),
    )
