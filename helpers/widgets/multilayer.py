"""The explorer of 06_multilayer: a network learning a decision boundary, with your own
points."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np

from helpers.activations import ACTIVATION_NAMES
from helpers.controls import dropdown, log_slider, slider
from helpers.datasets import add_point, two_moons, xor
from helpers.explorer import Explorer, Frame, RunCache
from helpers.network import Network
from helpers.optim import train
from helpers.plots import colors
from helpers.plots.basics import clip_for_log, corner_note, draw_marker
from helpers.plots.multilayer import (
    LOSS_RANGE,
    boundary_grid,
    draw_boundary,
    draw_loss_curve,
    draw_points,
    style_boundary_axes,
)

__all__ = ["make_network_explorer"]

EPOCHS = 500  # one training run: ~40–80 ms with helpers.train on this machine
RUNS_KEPT = 16  # recent training runs kept per explorer, so going back is instant
INIT_SEED = 3  # an RNG seed with which the default 2-2-1 sigmoid net learns XOR in 500 epochs


def _data(dataset: str):
    return xor() if dataset == "xor" else two_moons(100, 0.1, 0)


def make_network_explorer(dataset: str = "xor", hidden: int = 2, activation: str = "sigmoid",
                          lr: float = 5.0, epoch: int = EPOCHS) -> Explorer:
    """Train a net on XOR or two moons and scrub through its training with an epoch slider.

    Introduced in 06_multilayer. XOR uses [2, hidden, 1], moons [2, hidden, hidden, 1]; the
    hidden layers use ``activation``, the output a sigmoid (class 1 when a ≥ 0.5). Clicking
    on the left plot adds a point of the chosen class and retrains.
    """
    grid = boundary_grid(80)
    state = SimpleNamespace(points={"xor": [np.empty((0, 2)), np.empty((0, 1))],
                                    "moons": [np.empty((0, 2)), np.empty((0, 1))]},
                            version=0)

    def setup(fig):
        ax_data, ax_loss = fig.subplots(1, 2, gridspec_kw={"wspace": 0.3})
        fig.subplots_adjust(left=0.1, right=0.97, bottom=0.14, top=0.9)
        style_boundary_axes(ax_data, "output a (click to add a point)")
        image = draw_boundary(ax_data, np.full(len(grid), 0.5))
        X, T = _data(dataset)
        points = draw_points(ax_data, X, T)
        mine = draw_points(ax_data, np.zeros((1, 2)), np.zeros(1), size=70, marker="*",
                           edgecolor=colors.YELLOW)
        mine.set_offsets(np.empty((0, 2)))
        loss_line = draw_loss_curve(ax_loss, np.full(EPOCHS + 1, 0.1), xmax=EPOCHS)
        marker = draw_marker(ax_loss, 0, 0.1)
        note = corner_note(ax_loss)
        # `trained_for` remembers which settings this view's figure was trained for.
        return SimpleNamespace(ax_data=ax_data, image=image, points=points, mine=mine,
                               loss_line=loss_line, marker=marker, note=note, state=state,
                               trained_for=None, runs=RunCache(keep=RUNS_KEPT))

    def train_for(values):
        name = values["dataset"]
        X, T = _data(name)
        mine_X, mine_T = state.points[name]
        X, T = np.concatenate([X, mine_X]), np.concatenate([T, mine_T])
        h = values["hidden"]
        sizes = [2, h, 1] if name == "xor" else [2, h, h, 1]
        net = Network(sizes, activation=values["activation"], seed=INIT_SEED,
                      output_activation="sigmoid")
        history = train(net, X, T, lr=values["lr"], epochs=EPOCHS, record_params=True)
        return X, T, net, history

    def retrain(view, values, key) -> bool:
        """Show the run for these settings; return whether the layout (the note) changed."""
        # Settings seen before (Reset, or back to a value) reuse their run: no retraining.
        X, T, net, history = view.runs.get(key, lambda: train_for(values))
        mine_X, mine_T = state.points[values["dataset"]]
        view.X, view.T, view.net, view.history = X, T, net, history
        view.points.set_offsets(X[: len(X) - len(mine_X)])
        view.points.set_array(T[: len(T) - len(mine_T)].ravel())
        view.mine.set_offsets(mine_X)
        view.mine.set_array(mine_T.ravel())
        view.loss_line.set_data(np.arange(len(history.loss)),
                                clip_for_log(history.loss, *LOSS_RANGE))
        note = f"diverged at epoch {history.diverged_at}" if history.diverged else ""
        # A fixed text in the background: redrawn (with the whole figure) only when it
        # changes, never on an epoch scrub.
        changed = note != view.note.get_text()
        view.note.set_text(note)
        return changed

    def update(view, values):
        key = (values["dataset"], values["hidden"], values["activation"], values["lr"],
               state.version)
        layout_changed = False
        if key != view.trained_for:  # only a change of data or settings retrains
            layout_changed = retrain(view, values, key)
            view.trained_for = key
        history = view.history
        k = min(values["epoch"], len(history.params) - 1)
        view.net.set_params(*history.params[k])
        with np.errstate(all="ignore"):
            outputs = np.nan_to_num(view.net.forward(grid), nan=0.5)
            y = np.nan_to_num(view.net.forward(view.X), nan=0.5)
        view.image.set_data(np.clip(outputs.reshape(80, 80), 0.0, 1.0))
        loss = history.loss[k]
        view.marker.set_data([k], clip_for_log([loss], *LOSS_RANGE))
        correct = int(np.sum((y >= 0.5) == (view.T >= 0.5)))
        sizes = "-".join(str(n) for n in view.net.sizes)
        text = (f"{values['dataset']}: net {sizes}, {values['activation']}, "
                f"lr = {values['lr']:.3g}\nepoch {k}: loss = {loss:.4f}, "
                f"right side of 0.5: {correct}/{len(y)}")
        if values["dataset"] == "xor" and len(y) == 4:
            text += "\noutputs a: " + "  ".join(f"{v:.2f}" for v in y.ravel())
        if history.diverged:
            text += f"\ndiverged at epoch {history.diverged_at}: try a smaller lr"
        return Frame(text, layout_changed)

    def clear_points(view, values):
        state.points[values["dataset"]] = [np.empty((0, 2)), np.empty((0, 1))]
        state.version += 1

    explorer = Explorer(
        title="A network learns a decision boundary",
        hint="Scrub the epoch slider to watch the boundary form; click the left plot to add "
             "your own points.",
        controls={
            "dataset": dropdown("data set", ["xor", "moons"], dataset),
            # A change of these retrains (~50 ms), so they update on release only.
            "hidden": slider("hidden units per layer", hidden, 1, 8, 1, integer=True,
                             continuous_update=False),
            "activation": dropdown("hidden activation", ACTIVATION_NAMES, activation),
            "lr": log_slider("lr (learning rate)", lr, -1, 1.3, 0.05,
                             continuous_update=False),
            # Scrubbing only re-evaluates the recorded net on the grid (< 1 ms): live.
            "epoch": slider("epoch", epoch, 0, EPOCHS, 10, integer=True),
            "label": dropdown("class to add", [("0 (blue)", 0), ("1 (red)", 1)], 1),
        },
        setup=setup, update=update, actions={"Clear my points": clear_points},
        # The points are drawn over the picture, so they are redrawn with it.
        animated=lambda view: [view.image, view.points, view.mine, view.loss_line,
                               view.marker],
        figsize=(8.0, 3.6),
    )

    def on_click(event):
        """Add a point of the chosen class where the learner clicked, then retrain."""
        if event.inaxes is not explorer.view.ax_data or event.xdata is None:
            return
        name = explorer.controls["dataset"].value
        X, T = state.points[name]
        state.points[name] = list(add_point(X.reshape(-1, 2), T.reshape(-1, 1), event.xdata,
                                            event.ydata, explorer.controls["label"].value))
        state.version += 1
        explorer.refresh()

    explorer.view.on_click = on_click
    explorer.figure.canvas.mpl_connect("button_press_event", on_click)
    return explorer
