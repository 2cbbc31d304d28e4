"""Explorers of 09_softmax_cross_entropy: softmax from logit sliders, and a digits classifier
trained live (retrained when a control is released, then replayed epoch by epoch)."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np

from helpers._threads import single_threaded
from helpers.controls import dropdown, log_slider, slider
from helpers.datasets import load_digits
from helpers.digits import DIGITS_EPOCHS, confusion_matrix, misclassified, train_digits
from helpers.explorer import Explorer
from helpers.network import _softmax
from helpers.plots.digits import (
    INK_CMAP,
    OKABE_ITO,
    TEXT_PT,
    WEIGHT_CMAP,
    cached_text,
    confusion_colours,
    draw_confusion,
    draw_curves,
    draw_probability_bars,
    draw_tiles,
    rgba_bytes,
    tile_images,
    update_bars,
)

__all__ = ["make_digits_explorer", "make_softmax_explorer"]

RUNS_KEPT = 16  # recent runs kept, so Reset or going back to a setting is instant
WRONG_SHOWN = 10  # misclassified test digits shown (2 rows of 5)
ROW_GAP = 4  # blank pixel rows under each row of digits, for its captions
BATCH_SIZES = [8, 16, 32, 64, 128, 1347]  # 1347: the whole training set (full batch)


def make_softmax_explorer(z1: float = 2.0, z2: float = 1.0, z3: float = 0.1, z4: float = -1.0,
                          target: int = 1) -> Explorer:
    """Four logits z → softmax probabilities a, the cross-entropy −log a_t and δ = a − t.

    Introduced in 09_softmax_cross_entropy. ``target`` is the right class (1–4).
    """
    if target not in (1, 2, 3, 4):
        raise ValueError(f"target must be one of the classes 1, 2, 3, 4; got {target!r}")

    def setup(fig):
        ax_a, ax_delta = fig.subplots(1, 2, gridspec_kw={"wspace": 0.35})
        fig.subplots_adjust(left=0.1, right=0.97, bottom=0.14, top=0.88)
        probabilities = draw_probability_bars(ax_a, 4, ylabel="a = softmax(z)",
                                              title="probabilities (target in orange)")
        deltas = draw_probability_bars(ax_delta, 4, ylim=(-1.0, 1.0), ylabel="δ = a − t",
                                       title="δ = ∂L/∂z: how each logit is pushed",
                                       colour=OKABE_ITO["sky_blue"])
        return SimpleNamespace(probabilities=probabilities, deltas=deltas)

    def update(view, values):
        z = np.array([values["z1"], values["z2"], values["z3"], values["z4"]])
        k = values["target"] - 1
        a = _softmax(z)
        t = np.eye(4)[k]
        update_bars(view.probabilities, a, highlight=k)
        update_bars(view.deltas, a - t, highlight=k, colour=OKABE_ITO["sky_blue"])
        loss = -np.log(a[k]) if a[k] > 0 else float("inf")
        return ("a = [" + ", ".join(f"{v:.3f}" for v in a) + f"]   (sum {a.sum():.3f})\n"
                f"cross-entropy L = −log a_{k + 1} = {loss:.3f}\n"
                "δ = a − t = [" + ", ".join(f"{v:+.3f}" for v in a - t) + "]")

    controls = {f"z{i}": slider(f"z{i} (logit {i})", v, -6.0, 6.0, 0.1)
                for i, v in enumerate((z1, z2, z3, z4), start=1)}
    controls["target"] = dropdown("target class t", [1, 2, 3, 4], target)
    return Explorer(
        title="Softmax turns logits into probabilities",
        hint="Raise one logit: its probability grows and all the others shrink. Then make "
             "the target's logit the smallest and watch δ and the loss.",
        controls=controls, setup=setup, update=single_threaded(update),
        animated=lambda view: [*view.probabilities, *view.deltas],
        figsize=(7.6, 3.2),
    )


def make_digits_explorer(hidden: int = 32, lr: float = 0.1, batch_size: int = 16,
                         activation: str = "relu", epoch: int = DIGITS_EPOCHS) -> Explorer:
    """Train a digits classifier when a control is released; scrub its training by epoch.

    Introduced in 09_softmax_cross_entropy. Shows train/test loss and accuracy per epoch, the
    test set's confusion matrix, misclassified test digits and the first layer's weights as
    8×8 pictures, all for the epoch chosen.
    """
    data = load_digits()
    X_test, T_test = data[2], data[3]
    test_labels = T_test.argmax(axis=1)
    per_class = np.bincount(test_labels, minlength=10)

    def setup(fig):
        grid = fig.add_gridspec(2, 3, height_ratios=[1, 1.05], hspace=0.55, wspace=0.42,
                                left=0.07, right=0.98, bottom=0.03, top=0.93)
        ax_loss, ax_acc, ax_conf = (fig.add_subplot(grid[0, k]) for k in range(3))
        ax_weights = fig.add_subplot(grid[1, 0])
        ax_wrong = fig.add_subplot(grid[1, 1:])
        loss_lines = draw_curves(ax_loss, DIGITS_EPOCHS, ylabel="cross-entropy L",
                                 ylim=(0.01, 5.0), log=True, title="loss")
        acc_lines = draw_curves(ax_acc, DIGITS_EPOCHS, ylabel="accuracy",
                                ylim=(0.0, 1.0), title="accuracy")
        ax_acc.axhline(0.95, color="0.6", lw=0.8)
        confusion = draw_confusion(ax_conf)
        weights = draw_tiles(ax_weights, 8, 8, title="first-layer weights, 8×8 per unit")
        wrong = draw_tiles(ax_wrong, 2, WRONG_SHOWN // 2, row_gap=ROW_GAP,
                           title="misclassified test digits (true → predicted)")
        captions = [cached_text(ax_wrong, c * 9 + 3.5, r * (8 + ROW_GAP) + 8.0, "",
                                ha="center", va="top", fontsize=TEXT_PT,
                                color=OKABE_ITO["vermillion"])
                    for r in range(2) for c in range(WRONG_SHOWN // 2)]
        ax_wrong.set_ylim(16 + 2 * ROW_GAP, -0.5)  # room under the lower row for captions
        return SimpleNamespace(loss_lines=loss_lines, acc_lines=acc_lines,
                               confusion=confusion, weights=weights, wrong=wrong,
                               captions=captions, trained_for=None, runs={})

    def retrain(view, key):
        hidden_units, rate, batch, act = key
        run = view.runs.pop(key) if key in view.runs else train_digits(
            hidden_units, rate, batch, act, data=data)
        view.runs[key] = run  # most recent last
        while len(view.runs) > RUNS_KEPT:
            del view.runs[next(iter(view.runs))]
        view.net, view.history = run
        h = view.history
        epochs = np.arange(len(h.loss))
        floor = 0.011  # keep a perfect fit visible on the log axis
        view.loss_lines[0].set_data(epochs, np.clip(np.nan_to_num(h.loss, nan=5.0), floor, 5))
        view.loss_lines[1].set_data(epochs, np.clip(np.nan_to_num(h.test_loss, nan=5.0),
                                                    floor, 5))
        view.acc_lines[0].set_data(epochs, h.accuracy)
        view.acc_lines[1].set_data(epochs, h.test_accuracy)

    def update(view, values):
        key = (values["hidden"], values["lr"], values["batch_size"], values["activation"])
        if key != view.trained_for:  # only a change of settings retrains
            retrain(view, key)
            view.trained_for = key
        h = view.history
        k = min(values["epoch"], len(h.params) - 1)
        view.net.set_params(*h.params[k])
        with np.errstate(all="ignore"):
            predicted = view.net.forward(X_test).argmax(axis=1)
        counts = confusion_matrix(test_labels, predicted)
        view.confusion.set_data(confusion_colours(counts, per_class))
        W = view.net.weights[0]
        scale = np.abs(W).max() or 1.0
        view.weights.set_data(rgba_bytes(tile_images((W / scale).reshape(-1, 8, 8), 8, 8),
                                         WEIGHT_CMAP, -1.0, 1.0))
        wrong = misclassified(test_labels, predicted)[:WRONG_SHOWN]
        view.wrong.set_data(rgba_bytes(tile_images(X_test[wrong].reshape(-1, 8, 8), 2,
                                                   WRONG_SHOWN // 2, row_gap=ROW_GAP),
                                       INK_CMAP, 0.0, 1.0))
        for caption, index in zip(view.captions, [*wrong, *[None] * WRONG_SHOWN], strict=False):
            caption.set_text("" if index is None
                             else f"{test_labels[index]} → {predicted[index]}")
        for line in (view.loss_lines[2], view.acc_lines[2]):
            line.set_xdata([k, k])
        n_wrong = int(len(test_labels) - np.trace(counts))
        batch = values["batch_size"]
        batch = f"{batch} (full batch)" if batch >= len(data[0]) else batch
        text = (f"64-{values['hidden']}-10 net, {values['activation']}, lr = {values['lr']:.3g}, "
                f"batch size {batch}: {h.updates} updates in {h.epochs_run} epochs\n"
                f"epoch {k}: training accuracy {h.accuracy[k]:.1%}, test accuracy "
                f"{h.test_accuracy[k]:.1%} ({n_wrong} of {len(test_labels)} test digits wrong)")
        if h.diverged:
            text += f"\ndiverged at epoch {h.diverged_at}: try a smaller lr"
        return text

    def animated(view):
        return [*view.loss_lines, *view.acc_lines, view.confusion, view.weights, view.wrong,
                *view.captions]

    return Explorer(
        title="A digits classifier, trained live",
        hint="Drag the epoch slider to replay training. Change lr, batch size or hidden units "
             "and let go: the net retrains in a blink.",
        controls={
            # These retrain (tens of ms), so they act on release only.
            "hidden": slider("hidden units", hidden, 4, 64, 4, integer=True,
                             continuous_update=False),
            "lr": log_slider("lr (learning rate)", lr, -2, 0.6, 0.1, continuous_update=False),
            "batch_size": dropdown("batch size", BATCH_SIZES, batch_size),
            "activation": dropdown("hidden activation f", ["relu", "tanh", "sigmoid"],
                                   activation),
            # Replaying a recorded epoch is one forward pass of the test set: live.
            "epoch": slider("epoch", epoch, 0, DIGITS_EPOCHS, 1, integer=True),
        },
        setup=setup, update=single_threaded(update), animated=animated, figsize=(9.0, 5.6),
    )
