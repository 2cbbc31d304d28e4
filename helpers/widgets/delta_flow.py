"""The δ stepper of 06_multilayer: watch the error terms flow backwards, one layer per step.

Introduced in 06_multilayer, in the spirit of 01's backward stepper. For one chosen sample
the forward pass is drawn first (every unit's a); each step then computes δ = ∂L/∂z of one
more layer, from the output back to the first hidden layer, highlights the weights that carry
it, and writes the sum it just did with its numbers.
"""

from __future__ import annotations

from types import SimpleNamespace

from matplotlib.patches import Ellipse

from helpers.controls import dropdown, slider
from helpers.datasets import xor
from helpers.explorer import Explorer
from helpers.layer_backprop import delta_trace
from helpers.network import Network
from helpers.optim import train
from helpers.plots import colors
from helpers.plots.fast_text import cached_text

__all__ = ["make_delta_flow_explorer"]

# The course's colours: the sign of a number (blue +, vermillion −), orange = what moves now.
ACTIVE, MUTED = colors.HIGHLIGHT, "0.6"
_sign_colour = colors.sign_color


def _positions(sizes):
    """(x, y) of every unit, layer by layer; layers left to right, units centred."""
    return [[(layer, (n - 1) / 2 - j) for j in range(n)] for layer, n in enumerate(sizes)]


def make_delta_flow_explorer(sizes=(2, 3, 2, 1), seed: int = 1, epochs: int = 2000,
                             lr: float = 5.0) -> Explorer:
    """Step δ backwards through a small sigmoid net on XOR, for a chosen sample.

    ``weights`` picks the net at the start or after ``epochs`` steps of training (lr ``lr``).
    Introduced in 06_multilayer.
    """
    X, T = xor()
    start = Network(list(sizes), seed=seed)
    trained = train(start, X, T, lr=lr, epochs=epochs).network
    nets = {"at the start": start, "after training": trained}
    n_layers = len(sizes) - 1
    pos = _positions(sizes)

    def setup(fig):
        ax = fig.add_axes([0.01, 0.02, 0.98, 0.96])
        ax.set_xlim(-0.5, n_layers + 0.5)
        top = (max(sizes) - 1) / 2 + 0.75
        ax.set_ylim(-top, top)
        ax.axis("off")
        width, height = fig.get_size_inches()
        x_inch = 0.98 * width / (n_layers + 1.0)  # inches per data unit, each axis
        y_inch = 0.96 * height / (2 * top)
        edges, labels = [], []
        for layer in range(n_layers):  # edges into layer + 1
            row_e, row_l = [], []
            for x1, y1 in pos[layer + 1]:
                e_row, l_row = [], []
                for x0, y0 in pos[layer]:
                    (line,) = ax.plot([x0, x1], [y0, y1], color=MUTED, lw=1.0, zorder=1)
                    t = 0.62  # labels nearer the unit that receives δ
                    label = cached_text(ax, x0 + t * (x1 - x0), y0 + t * (y1 - y0), "",
                                        fontsize=10, ha="center", va="center", zorder=4,
                                        background="white")
                    e_row.append(line)
                    l_row.append(label)
                row_e.append(e_row)
                row_l.append(l_row)
            edges.append(row_e)
            labels.append(row_l)
        circles, values, deltas = [], [], []
        for units in pos:
            c_row, v_row, d_row = [], [], []
            for x, y in units:
                # an ellipse in data units that looks round on the page (0.6 in across)
                circle = Ellipse((x, y), 0.6 / x_inch, 0.6 / y_inch, fc="white", ec="0.2",
                                 lw=1.2, zorder=2)
                ax.add_patch(circle)
                c_row.append(circle)
                v_row.append(cached_text(ax, x, y, "", ha="center", va="center", fontsize=10,
                                         zorder=3))
                d_row.append(cached_text(ax, x, y - 0.34 / y_inch, "", ha="center", va="top",
                                         fontsize=10, weight="bold", zorder=3))
            circles.append(c_row)
            values.append(v_row)
            deltas.append(d_row)
        for layer in range(n_layers + 1):
            name = "inputs x" if layer == 0 else ("output" if layer == n_layers
                                                   else f"hidden layer {layer}")
            ax.text(layer, top - 0.1, name, ha="center", va="top", fontsize=10, color="0.3")
        target = cached_text(ax, n_layers + 0.35 / x_inch + 0.05, 0, "", ha="left",
                             va="center", fontsize=10)
        return SimpleNamespace(edges=edges, labels=labels, circles=circles, values=values,
                               deltas=deltas, target=target)

    def update(view, values):
        net = nets[values["weights"]]
        k = values["sample"]
        trace = delta_trace(net, X[k], T[k])
        step = values["step"]  # 0: forward only; s: δ known for the last s layers
        known = range(n_layers - step, n_layers)  # trace indices with δ shown
        for i, x in enumerate(trace.inputs):
            view.values[0][i].set_text(f"{x:g}")
        for layer in range(n_layers):
            for j, a in enumerate(trace.a[layer]):
                view.values[layer + 1][j].set_text(f"a={a:.2f}")
                shown = layer in known
                d = trace.delta[layer][j]
                view.deltas[layer + 1][j].set_text(f"δ={d:+.4f}" if shown else "")
                view.deltas[layer + 1][j].set_color(_sign_colour(d))
                view.circles[layer + 1][j].set_edgecolor(_sign_colour(d) if shown else "0.2")
                view.circles[layer + 1][j].set_linewidth(3.0 if shown else 1.2)
        # step s ≥ 2 computes δ of trace layer n_layers − s from the δ one layer up, which
        # reaches it over the weights *leaving* that layer: weights[n_layers − s + 1]
        carrying_layer = n_layers - step + 1 if step >= 2 else None
        for layer in range(n_layers):
            W = net.weights[layer]
            carrying = layer == carrying_layer
            for j in range(W.shape[0]):
                for i in range(W.shape[1]):
                    line, label = view.edges[layer][j][i], view.labels[layer][j][i]
                    line.set_color(ACTIVE if carrying else MUTED)
                    line.set_linewidth(3.0 if carrying else 1.0)
                    label.set_text(f"{W[j, i]:+.2f}" if carrying else "")
        view.target.set_text(f"t = {T[k, 0]:g}")
        lines = [f"sample x = ({X[k, 0]:g}, {X[k, 1]:g}), t = {T[k, 0]:g}: "
                 f"output a = {trace.a[-1][0]:.4f}, loss L = ½(a − t)² = {trace.loss:.4f}"]
        if step == 0:
            lines.append("forward pass done; press 'Next step' to start the backward pass")
        elif step == 1:
            d, a, fp = trace.delta[-1][0], trace.a[-1][0], trace.f_prime[-1][0]
            lines.append(f"output: δ = (a − t)·f′(z) = ({a:.4f} − {T[k, 0]:g})·{fp:.4f} "
                         f"= {d:+.4f}")
        else:
            layer = n_layers - step  # trace index of the layer whose δ was just computed
            W_next, d_next = net.weights[layer + 1], trace.delta[layer + 1]
            for j, d in enumerate(trace.delta[layer]):
                terms = " + ".join(f"({W_next[m, j]:+.2f})·({d_next[m]:+.4f})"
                                   for m in range(len(d_next)))
                lines.append(f"hidden {layer + 1}, unit {j + 1}: δ = [{terms}]·f′(z) "
                             f"= {W_next[:, j] @ d_next:+.5f}·{trace.f_prime[layer][j]:.4f} "
                             f"= {d:+.5f}")
        if step == n_layers:
            lines.append("every δ known: ∂L/∂w = δ(receiving unit)·a(sending unit), ∂L/∂b = δ")
        return "\n".join(lines)

    def next_step(view, values):
        return {"step": min(values["step"] + 1, n_layers)}

    def first_step(view, values):
        return {"step": 0}

    return Explorer(
        title="δ flows backwards, one layer per step",
        hint="Pick a sample and press 'Next step': each hidden δ is the weighted sum of the "
             "δ one layer closer to the output (orange weights) times its own slope f′(z).",
        controls={
            "sample": dropdown("sample x", [(f"({x[0]:g}, {x[1]:g}), t = {t[0]:g}", k)
                                            for k, (x, t) in enumerate(zip(X, T, strict=True))],
                               1),
            "weights": dropdown("weights", list(nets), "at the start"),
            "step": slider("backward step", 0, 0, n_layers, 1, integer=True),
        },
        setup=setup, update=update,
        actions={"Next step": next_step, "Back to the forward pass": first_step},
        # Everything but the layer names changes with a step: blitted, texts from cached glyphs.
        animated=lambda view: [artist for group in (view.edges, view.labels, view.circles,
                                                    view.values, view.deltas)
                               for row in group for item in row
                               for artist in (item if isinstance(item, list) else [item])]
        + [view.target],
        figsize=(8.0, 3.6),
    )
