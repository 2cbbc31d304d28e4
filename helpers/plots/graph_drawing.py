"""Draw a computational graph of ``Value`` nodes: one box per node (op/label, value, gradient)
and an arrow per edge. Introduced in 01_chain_rule.

The layout is computed once from the graph's shape (deterministic: the same expression always
gives the same picture). Columns follow the data flow left → right (inputs on the left, the
output on the right); rows come from the order in which inputs appear. Boxes have a fixed size,
so an explorer only changes texts and colours when the numbers move.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch
from matplotlib.transforms import ScaledTranslation

from helpers.graph import Value, topological_order
from helpers.plots import colors
from helpers.plots.fast_text import cached_text

__all__ = ["NODE_COLORS", "GraphArtists", "GraphLayout", "draw_graph", "format_number",
           "layout_graph", "node_name", "node_numbers", "paint_graph"]

MAX_NODES = 40  # a bigger graph is unreadable as boxes
BOX_WIDTH, BOX_HEIGHT = 0.80, 0.78  # in data units (one column / one row = 1.0)

NODE_COLORS = colors.GRAPH_NODE_COLORS
EDGE_COLOR, EDGE_ACTIVE = colors.GRAPH_EDGE, colors.GRAPH_EDGE_ACTIVE


@dataclass(frozen=True)
class GraphLayout:
    """Where each node of a graph sits: ``nodes`` in topological order (leaves first, root
    last), ``xy`` an (n, 2) array of box centres, ``edges`` (child index, parent index, bend)."""

    nodes: tuple[Value, ...]
    xy: np.ndarray
    edges: tuple[tuple[int, int, float], ...]


@dataclass
class GraphArtists:
    """The artists ``draw_graph`` made. Static (drawn once): ``boxes``, ``names``, ``edges``.
    Moving (``moving()``): ``numbers`` (value and gradient per node) and the highlight
    ``marks`` (tinted boxes) and ``active_edges`` used while stepping."""

    layout: GraphLayout
    boxes: list
    names: list
    edges: list
    numbers: list
    marks: list
    active_edges: list

    def moving(self) -> list:
        """The artists ``paint_graph`` changes (to blit in an explorer)."""
        return [*self.marks, *self.active_edges, *self.numbers]


def layout_graph(root: Value) -> GraphLayout:
    """Box positions for ``root``'s graph. Introduced in 01_chain_rule.

    Column of an operation = 1 + the largest column of its parents; a leaf sits one column
    left of its first consumer, so it is drawn next to where it is used. Rows: leaves are
    numbered in the order a walk from the root meets them (top to bottom); an operation sits
    at the mean row of its parents.
    """
    if not isinstance(root, Value):
        raise TypeError(f"root must be a Value, got {type(root).__name__}")
    nodes = topological_order(root)
    if len(nodes) > MAX_NODES:
        raise ValueError(f"root's graph has {len(nodes)} nodes; draw_graph shows at most "
                         f"{MAX_NODES} (draw a smaller expression)")
    index = {id(n): i for i, n in enumerate(nodes)}
    column = np.zeros(len(nodes))
    for i, node in enumerate(nodes):  # parents come before children in topological order
        if node.parents:
            column[i] = 1 + max(column[index[id(p)]] for p in node.parents)
    for i in reversed(range(len(nodes))):  # leaves: one column left of their nearest consumer
        if not nodes[i].parents:
            consumers = [column[j] for j, n in enumerate(nodes)
                         if any(p is nodes[i] for p in n.parents)]
            column[i] = min(consumers) - 1 if consumers else 0.0

    row = {}
    next_leaf = [0.0]

    def place(node: Value) -> float:
        key = id(node)
        if key not in row:
            if node.parents:
                distinct = list({id(p): p for p in node.parents}.values())
                row[key] = float(np.mean([place(p) for p in distinct]))
            else:
                row[key] = next_leaf[0]
                next_leaf[0] += 1.0
        return row[key]

    place(root)
    xy = np.array([[column[i], -row[id(n)]] for i, n in enumerate(nodes)])
    edges = []
    for i, node in enumerate(nodes):
        seen: dict[int, int] = {}
        for parent in node.parents:
            k = seen.get(id(parent), 0)
            seen[id(parent)] = k + 1
            repeats = sum(p is parent for p in node.parents)
            bend = 0.0 if repeats == 1 else 1.6 * (k - (repeats - 1) / 2) / (repeats - 1)
            edges.append((i, index[id(parent)], bend))
    return GraphLayout(tuple(nodes), xy, tuple(edges))


def format_number(value: float) -> str:
    """A number in at most ~7 characters: 3 decimals, or 3 significant digits if tiny."""
    if value != 0 and abs(value) < 1e-3:
        return f"{value:+.2e}"
    return f"{value:+.3f}"


def node_name(node: Value) -> str:
    """A node's title line: ``label (op)`` for an operation, its label (or "const") for a leaf."""
    if node.parents:
        op = {"sigmoid": "σ"}.get(node.op, node.op)  # σ as in the notation card
        return f"{node.label} ({op})" if node.label else f"({op})"
    return node.label or "const"


def node_numbers(node: Value, grad: float | None) -> str:
    """The two numbers of a node's box: value, then gradient (``?`` when not known yet)."""
    return f"{format_number(node.data)}\n{'?' if grad is None else format_number(grad)}"


def _kind(node: Value, is_root: bool) -> str:
    if is_root:
        return "output"
    if node.parents:
        return "op"
    return "input" if node.label else "constant"


def draw_graph(ax, root: Value, layout: GraphLayout | None = None, *, fontsize: float = 10,
               show_grads: bool = True, row_labels: bool = True) -> GraphArtists:
    """Draw ``root``'s graph on ``ax`` and return the artists. Introduced in 01_chain_rule.

    Every node is a box showing its label and op, its value (``data``) and its gradient
    (``grad`` = d root / d node; run ``root.backward()`` first, or pass ``show_grads=False``
    to show "?"). Sets the axis limits and hides the axes frame. Pass a precomputed
    ``layout`` to reuse positions. ``row_labels=False`` leaves out the words "data" and
    "grad" inside the boxes (for wide graphs; say in a caption which line is which) and
    centres the numbers, so they stay clear of every label at a legible size.
    """
    layout = layout_graph(root) if layout is None else layout
    nodes, xy = layout.nodes, layout.xy
    ax.set_xlim(xy[:, 0].min() - 0.55, xy[:, 0].max() + 0.55)
    ax.set_ylim(xy[:, 1].min() - 0.55, xy[:, 1].max() + 0.55)
    ax.set_axis_off()
    edges = [_arrow(ax, layout, edge, EDGE_COLOR, 1.0) for edge in layout.edges]
    boxes, names, numbers = [], [], []
    # Text offsets are in points from the box centre, so the three lines never collide,
    # whatever the figure size.
    font = {"family": "DejaVu Sans Mono", "fontsize": fontsize, "linespacing": 1.3,
            "zorder": 4, "va": "center"}
    line = 1.3 * fontsize

    def shifted(dx, dy):
        return ax.transData + ScaledTranslation(dx / 72, dy / 72, ax.figure.dpi_scale_trans)

    last = len(nodes) - 1
    for i, node in enumerate(nodes):
        cx, cy = xy[i]
        boxes.append(_box(ax, cx, cy, NODE_COLORS[_kind(node, i == last)], zorder=2))
        names.append(ax.text(cx, cy, node_name(node), ha="center", transform=shifted(0, line),
                             **font))
        if row_labels:
            ax.text(cx - BOX_WIDTH / 2, cy, "data\ngrad", ha="left", color="0.3",
                    transform=shifted(4, -line / 2), **font)
            # The numbers change on every move: cached glyphs draw them ~5x faster than Text.
            numbers.append(cached_text(ax, cx + BOX_WIDTH / 2, cy, "", ha="right",
                                       transform=shifted(-4, -line / 2), **font))
        else:
            numbers.append(cached_text(ax, cx, cy, "", ha="center",
                                       transform=shifted(0, -line / 2), **font))
    most_parents = max(len(n.parents) for n in nodes)
    marks = [_box(ax, 0, 0, NODE_COLORS["current"], zorder=3, alpha=0.45, lw=2.0)
             for _ in range(1 + most_parents)]
    active_edges = [_arrow(ax, layout, layout.edges[0] if layout.edges else (0, 0, 0.0),
                           EDGE_ACTIVE, 2.2) for _ in range(most_parents)]
    for artist in [*marks, *active_edges]:
        artist.set_visible(False)
    artists = GraphArtists(layout, boxes, names, edges, numbers, marks, active_edges)
    paint_graph(artists, list(nodes), grads=[n.grad for n in nodes] if show_grads else None)
    return artists


def _box(ax, cx, cy, color, *, zorder, alpha=1.0, lw=0.8):
    box = FancyBboxPatch((cx - BOX_WIDTH / 2, cy - BOX_HEIGHT / 2), BOX_WIDTH, BOX_HEIGHT,
                         boxstyle="round,pad=0,rounding_size=0.08", lw=lw, edgecolor="0.35",
                         facecolor=color, alpha=alpha, zorder=zorder)
    ax.add_patch(box)
    return box


def _edge_ends(layout: GraphLayout, edge) -> tuple[tuple, tuple]:
    child, parent, _bend = edge
    start = layout.xy[parent] + [BOX_WIDTH / 2, 0.0]
    end = layout.xy[child] - [BOX_WIDTH / 2, 0.0]
    return tuple(start), tuple(end)


def _arrow(ax, layout: GraphLayout, edge, color, lw) -> FancyArrowPatch:
    start, end = _edge_ends(layout, edge)
    arrow = FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=9, color=color, lw=lw,
                            connectionstyle=f"arc3,rad={edge[2]}", shrinkA=0, shrinkB=0,
                            zorder=1)
    ax.add_patch(arrow)
    return arrow


def paint_graph(artists: GraphArtists, nodes, grads=None, highlight: int | None = None,
                receiving=()) -> None:
    """Refresh the numbers for ``nodes`` (same shape as the drawn graph, topological order)
    and the highlights. ``grads``: one gradient per node, ``None`` entries (or
    ``grads=None``) show "?". ``highlight``: index of the node passing its gradient on
    (tinted orange, its edges to its parents drawn bold); ``receiving``: indices of the
    parents receiving a contribution (tinted green). Only moves the artists in ``moving()``."""
    nodes = list(nodes)
    if len(nodes) != len(artists.numbers):
        raise ValueError(f"nodes has {len(nodes)} entries, expected {len(artists.numbers)} "
                         "(the graph drawn must have the same shape)")
    if grads is None:
        grads = [None] * len(nodes)
    for node, grad, text in zip(nodes, grads, artists.numbers, strict=True):
        text.set_text(node_numbers(node, grad))
    xy = artists.layout.xy
    marked = ([] if highlight is None else [(highlight, "current")]) + [
        (j, "receiving") for j in dict.fromkeys(receiving)]
    if len(marked) > len(artists.marks):
        raise ValueError(f"receiving has {len(marked) - 1} nodes, at most "
                         f"{len(artists.marks) - 1} can be marked")
    for mark, (j, kind) in zip(artists.marks, marked, strict=False):
        mark.set_x(xy[j][0] - BOX_WIDTH / 2)
        mark.set_y(xy[j][1] - BOX_HEIGHT / 2)
        mark.set_facecolor(NODE_COLORS[kind])
    for k, mark in enumerate(artists.marks):
        mark.set_visible(k < len(marked))
    active = [e for e in artists.layout.edges if e[0] == highlight]
    for k, arrow in enumerate(artists.active_edges):
        arrow.set_visible(k < len(active))
        if k < len(active):
            arrow.set_positions(*_edge_ends(artists.layout, active[k]))
            arrow.set_connectionstyle(f"arc3,rad={active[k][2]}")
