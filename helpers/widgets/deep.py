"""Explorers of 10_deeper_networks: activations and gradients through depth for each
initialisation and activation, and overfitting a small training set (with weight decay)."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np

from helpers._threads import single_threaded
from helpers.controls import dropdown, log_slider, slider
from helpers.datasets import load_digits
from helpers.diagnostics import deep_net, layer_stats
from helpers.digits import train_digits
from helpers.explorer import Explorer, Frame
from helpers.plots.deep import (
    ACTIVATION_RANGES,
    N_BINS,
    draw_layer_histograms,
    draw_layer_spread,
    histogram_fractions,
)
from helpers.plots.digits import draw_curves

__all__ = ["make_histogram_explorer", "make_overfitting_explorer"]

MAX_DEPTH = 8  # hidden layers
WIDTH = 64  # units per hidden layer
PROBE_SAMPLES = 256  # digits pushed through the net for the histograms
HIST_TOP = 0.6  # fraction axis: a ReLU layer's spike at 0 may go past it (readout has it)
OVERFIT_EPOCHS = 100
RUNS_KEPT = 16


def make_histogram_explorer(activation: str = "tanh", init: str = "xavier", gain: float = 1.0,
                            depth: int = 6) -> Explorer:
    """Histograms of every hidden layer's activations and the spread of activations and
    gradients through depth, for 256 digits through a freshly initialised net.

    Introduced in 10_deeper_networks.
    """
    X_train, T_train, _, _ = load_digits()
    X, T = X_train[:PROBE_SAMPLES], T_train[:PROBE_SAMPLES]

    def setup(fig):
        ax_hist, ax_spread = fig.subplots(1, 2, gridspec_kw={"wspace": 0.3})
        fig.subplots_adjust(left=0.08, right=0.98, bottom=0.15, top=0.9)
        lines = draw_layer_histograms(ax_hist, MAX_DEPTH, ACTIVATION_RANGES[activation])
        ax_hist.set_ylim(0.0, HIST_TOP)
        ax_hist.legend(fontsize=10, frameon=False, loc="upper right", ncol=2)
        spread = draw_layer_spread(ax_spread, MAX_DEPTH)
        return SimpleNamespace(fig=fig, ax_hist=ax_hist, lines=lines, spread=spread,
                               activation=activation)

    def update(view, values):
        name, depth_now = values["activation"], values["depth"]
        net = deep_net(depth_now, name, values["init"], values["gain"], WIDTH)
        with np.errstate(all="ignore"):
            stats = layer_stats(net, X, T)
        value_range = ACTIVATION_RANGES[name]
        edges = np.linspace(*value_range, N_BINS + 1)
        for layer, line in enumerate(view.lines):
            if layer < depth_now:
                fractions = histogram_fractions(stats.activations[layer], value_range)
                line.set_data(edges, np.append(fractions, fractions[-1]))
            else:
                line.set_data([], [])
        layers = np.arange(1, depth_now + 1)
        a_std = np.array([a.std() for a in stats.activations])
        g_std = np.array([g.std() for g in stats.weight_gradients])
        view.spread[0].set_data(layers, np.clip(np.nan_to_num(a_std, nan=1e3), 1e-7, 1e3))
        view.spread[1].set_data(layers, np.clip(np.nan_to_num(g_std, nan=1e3), 1e-7, 1e3))
        if name != view.activation:  # a new x range: the axes change, so draw everything
            view.activation = name
            view.ax_hist.set_xlim(*value_range)
            view.ax_hist.set_xlabel(f"activation a = {name}(z)")
            layout_changed = True
        else:
            layout_changed = False
        ratio = g_std[0] / g_std[-1] if g_std[-1] > 0 else float("inf")
        zeros = float(np.mean(stats.activations[-1] == 0.0))
        readout = (f"{depth_now} hidden layers of {WIDTH} {name} units, init {values['init']} "
                   f"× gain {values['gain']:.2f};  last layer: {zeros:.0%} of a exactly 0\n"
                   f"spread of a: layer 1 {a_std[0]:.2g} → layer {depth_now} {a_std[-1]:.2g};  "
                   f"∂L/∂W: layer 1 {g_std[0]:.2g} → layer {depth_now} {g_std[-1]:.2g} "
                   f"(first/last = {ratio:.2g})")
        # A new x range changes the axes: a whole-figure draw the first time, then (the
        # layout kept under the activation's name) a blit.
        return Frame(readout, layout_changed, layout_key=name)

    return Explorer(
        title="Signals through depth, at initialisation",
        hint="Start with tanh + xavier, then raise the gain to 3 (saturation) or lower it to "
             "0.3. Switch to relu: he keeps the spread level, xavier lets it shrink.",
        controls={
            "activation": dropdown("activation f", ["tanh", "sigmoid", "relu"], activation),
            "init": dropdown("initialisation", ["uniform", "xavier", "he"], init),
            "gain": log_slider("gain (× init scale)", gain, -0.7, 0.7, 0.05),
            "depth": slider("hidden layers", depth, 1, MAX_DEPTH, 1, integer=True),
        },
        setup=setup, update=single_threaded(update),
        animated=lambda view: [*view.lines, *view.spread],
        figsize=(9.0, 3.6),
        # Each activation's axes drawn once now: switching the dropdown is then a blit.
        prerender=[{"activation": name} for name in ACTIVATION_RANGES],
    )


def make_overfitting_explorer(n_train: int = 100, weight_decay: float = 0.0,
                              hidden: int = 64) -> Explorer:
    """Train on a small part of the digits for 100 epochs: the training loss keeps falling
    while the test loss turns back up. Weight decay and more data close the gap.

    Introduced in 10_deeper_networks. Retrains when a control is released.
    """
    X_train, T_train, X_test, T_test = load_digits()

    def setup(fig):
        ax_loss, ax_acc = fig.subplots(1, 2, gridspec_kw={"wspace": 0.3})
        fig.subplots_adjust(left=0.08, right=0.98, bottom=0.15, top=0.9)
        loss_lines = draw_curves(ax_loss, OVERFIT_EPOCHS, ylabel="cross-entropy L",
                                 ylim=(1e-4, 10.0), log=True, title="loss")
        acc_lines = draw_curves(ax_acc, OVERFIT_EPOCHS, ylabel="accuracy", ylim=(0.0, 1.0),
                                title="accuracy")
        for line in (loss_lines[2], acc_lines[2]):
            line.set_visible(False)  # no epoch marker here: the whole run is the point
        return SimpleNamespace(loss_lines=loss_lines, acc_lines=acc_lines, runs={})

    def update(view, values):
        key = (values["n_train"], values["weight_decay"])
        if key in view.runs:
            history = view.runs.pop(key)
        else:
            n = values["n_train"]
            subset = (X_train[:n], T_train[:n], X_test, T_test)
            _, history = train_digits(hidden, 0.1, 16, "relu", epochs=OVERFIT_EPOCHS,
                                      record_params=False, data=subset,
                                      weight_decay=values["weight_decay"])
        view.runs[key] = history
        while len(view.runs) > RUNS_KEPT:
            del view.runs[next(iter(view.runs))]
        epochs = np.arange(len(history.loss))
        clip = (1e-4, 10.0)
        view.loss_lines[0].set_data(epochs, np.clip(np.nan_to_num(history.loss, nan=10), *clip))
        view.loss_lines[1].set_data(epochs, np.clip(np.nan_to_num(history.test_loss, nan=10),
                                                    *clip))
        view.acc_lines[0].set_data(epochs, history.accuracy)
        view.acc_lines[1].set_data(epochs, history.test_accuracy)
        best = int(np.argmin(history.test_loss))
        weights = history.network.weights
        size = sum(float(np.sum(W * W)) for W in weights)
        return (f"{values['n_train']} training digits, weight decay λ = "
                f"{values['weight_decay']:g}, 64-{hidden}-10 relu net, {OVERFIT_EPOCHS} epochs\n"
                f"final accuracy: training {history.accuracy[-1]:.1%}, test "
                f"{history.test_accuracy[-1]:.1%};  Σw² = {size:.0f}\n"
                f"test loss: lowest {history.test_loss[best]:.3f} at epoch {best}, "
                f"final {history.test_loss[-1]:.3f}")

    return Explorer(
        title="Overfitting a small training set",
        hint="With 100 digits the training loss dives while the test loss turns up. Raise "
             "λ or the number of training digits and watch the gap close.",
        controls={
            "n_train": slider("training digits", n_train, 50, 400, 50, integer=True,
                              continuous_update=False),
            "weight_decay": dropdown("weight decay λ", [0.0, 1e-3, 1e-2, 3e-2, 1e-1],
                                     weight_decay),
        },
        setup=setup, update=single_threaded(update),
        animated=lambda view: [*view.loss_lines[:2], *view.acc_lines[:2]],
        figsize=(9.0, 3.4),
    )
