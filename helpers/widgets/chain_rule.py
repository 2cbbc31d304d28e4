"""Explorers of 01_chain_rule: a single neuron as a computational graph of ``Value`` nodes.

Introduced in 01_chain_rule. ``make_graph_explorer`` shows every node's value and gradient
and updates both live as the inputs and parameters move; ``make_backward_step_explorer`` walks the
backward pass one node at a time (local derivative × upstream gradient = contribution).
The graph is rebuilt on every move (15 tiny ``Value`` objects, microseconds); its shape never
changes, so the boxes are laid out once and only their texts and colours are updated.
"""

from __future__ import annotations

from types import SimpleNamespace

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

ACTIVATION_NAMES = ("sigmoid", "tanh")  # the activations a Value graph offers here
GRAPH_FIGSIZE = (10.0, 6.2)  # wide enough for nine columns of boxes at 10 pt
_KEY = "each box: its name (operation), its value, its gradient dL/d(box)"


def _setup_graph(fig, root: Value, *, with_caption: bool) -> SimpleNamespace:
    bottom = 0.2 if with_caption else 0.045
    fig.subplots_adjust(left=0.005, right=0.995, bottom=bottom, top=0.995)
    ax = fig.add_subplot()
    graph: GraphArtists = draw_graph(ax, root, layout_graph(root), show_grads=False,
                                     row_labels=False)
    fig.text(0.005, 0.005 if not with_caption else bottom - 0.035, _KEY, fontsize=10,
             color="0.25", va="bottom")
    caption = cached_text(fig, 0.005, 0.01, "", family="DejaVu Sans Mono", fontsize=10,
                          va="bottom")
    return SimpleNamespace(ax=ax, graph=graph, caption=caption)


def make_graph_explorer(x1: float = 1.0, w1: float = 0.2, x2: float = 2.0, w2: float = 0.5,
                        x3: float = 3.0, w3: float = -0.1, b: float = 0.1, t: float = 1.0,
                        activation: str = "sigmoid") -> Explorer:
    """Sliders for the inputs, weights, bias and target of our example neuron; every box of
    its graph shows its value and its gradient dL/d(node), recomputed by ``L.backward()`` on
    each move. Introduced in 01_chain_rule."""
    first = {"x1": x1, "w1": w1, "x2": x2, "w2": w2, "x3": x3, "w3": w3, "b": b, "t": t,
             "activation": activation}

    def setup(fig):
        return _setup_graph(fig, neuron_graph(**first), with_caption=False)

    def update(view, values):
        loss = neuron_graph(**values)
        loss.backward()
        nodes = topological_order(loss)
        paint_graph(view.graph, nodes, grads=[n.grad for n in nodes])
        by_label = {n.label: n for n in nodes}
        grads = "   ".join(f"dL/d{name} = {format_number(by_label[name].grad)}"
                           for name in ("w1", "w2", "w3", "b"))
        return f"L = {loss.data:.4f}   dL/dz = {format_number(by_label['z'].grad)}\n{grads}"

    def controls():
        made = {}
        for i in (1, 2, 3):
            made[f"x{i}"] = slider(f"x{i} (input {i})", first[f"x{i}"], -3.0, 3.0, 0.1)
            made[f"w{i}"] = slider(f"w{i} (weight {i})", first[f"w{i}"], -3.0, 3.0, 0.1)
        made["b"] = slider("b (bias)", b, -3.0, 3.0, 0.1)
        made["t"] = slider("t (target)", t, -1.0, 1.0, 0.1)
        made["activation"] = dropdown("activation f", ACTIVATION_NAMES, activation)
        return made

    return Explorer(
        title="Our example neuron as a computational graph",
        hint="Press Reset before each new experiment, so you start from our example neuron.",
        controls=controls(), setup=setup, update=update,
        animated=lambda view: view.graph.numbers,
        figsize=GRAPH_FIGSIZE,
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


def _wrapped(node: Value) -> str:
    """A node's name for ∂L/∂(…): brackets around anything longer than one symbol."""
    name = _name(node)
    return name if name.isalnum() and len(name) <= 2 else f"({name})"


def _step_caption(nodes, index, steps, k: int) -> tuple[str, list, int | None, list[int]]:
    """Text, grads to show (None = not known yet), highlighted node, receiving nodes."""
    root = nodes[-1]
    if k == 0:
        grads = [None] * len(nodes)
        grads[-1] = 1.0
        text = (f"Start: the forward pass filled every value. The backward pass starts with\n"
                f"∂{_name(root)}/∂{_name(root)} = 1 at the output. "
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
             f"upstream ∂L/∂{_wrapped(node)} = {format_number(upstream)}. It passes it on:"]
    for c in contributions:
        lines.append(f"  to {_name(c.parent):>6}: local {format_number(c.local_grad)} × "
                     f"upstream {format_number(upstream)} = {format_number(c.added)}   "
                     f"→ its grad is now {format_number(grads_after[index[id(c.parent)]])}")
    receiving = [index[id(c.parent)] for c in contributions]
    return "\n".join(lines), grads, i, receiving


def make_backward_step_explorer(x1: float = 1.0, w1: float = 0.2, x2: float = 2.0,
                                w2: float = 0.5, x3: float = 3.0, w3: float = -0.1,
                                b: float = 0.1, t: float = 1.0, activation: str = "sigmoid",
                                step: int = 0) -> Explorer:
    """Walk the backward pass of our example neuron's graph one node at a time, in reverse
    topological order: the node passing its gradient on is orange, the parents receiving
    "local derivative × upstream gradient" are green. Introduced in 01_chain_rule."""
    root = neuron_graph(x1, w1, x2, w2, x3, w3, b, t, activation)
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
        figsize=(GRAPH_FIGSIZE[0], GRAPH_FIGSIZE[1] + 1.4),
    )
