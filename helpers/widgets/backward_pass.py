"""Explorers of 04_backward_pass: the gradient check against ε, and one training step of
our example neuron at a time (sliders for w and b, a "Take one step" button, the loss so far)."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np

from helpers.controls import dropdown, log_slider, slider
from helpers.explorer import Explorer
from helpers.gradcheck import describe_relative_error, epsilon_sweep, relative_error
from helpers.neuron import (
    EXAMPLE_B,
    EXAMPLE_LR,
    EXAMPLE_T,
    EXAMPLE_W,
    EXAMPLE_X,
    forgotten_slope_gradient,
    loss_of_params,
    neuron_backward,
    sgd_update,
)
from helpers.plots.backward import (
    draw_gradient_bars,
    draw_gradient_check,
    draw_step_history,
)
from helpers.plots.basics import clip_for_log

__all__ = ["make_gradient_check_explorer", "make_training_step_explorer"]

ANALYTIC = {"correct (chain rule)": "correct", "buggy (σ' left out)": "buggy"}
EPS_EXPONENTS = (-12, -1, 0.05)  # the ε slider: 10^-12 … 10^-1 in steps of 0.05 in the exponent


def _analytic(x, w, b, t, kind):
    if kind == "buggy":  # the classic slip: the factor ∂a/∂z = σ'(z) forgotten
        return np.append(*forgotten_slope_gradient(x, w, b, t))
    rec = neuron_backward(x, w, b, t)
    return np.append(rec.dL_dw, rec.dL_db)


def make_gradient_check_explorer(eps: float = 1e-6, x=EXAMPLE_X, w=EXAMPLE_W, b=EXAMPLE_B,
                                 t=EXAMPLE_T) -> Explorer:
    """An ε slider (log, 1e-12 … 1e-1) moves a marker along the relative error between the
    analytic gradient and the centred difference, precomputed once for every ε of the slider.
    In 04_backward_pass."""
    theta = np.append(np.asarray(w, dtype=float), float(b))
    loss = loss_of_params(x, t)
    analytic = {kind: _analytic(x, w, b, t, kind) for kind in ANALYTIC.values()}

    def setup(fig):
        ax = fig.subplots()
        fig.subplots_adjust(left=0.12, right=0.97, bottom=0.15, top=0.9)
        low, high, step = EPS_EXPONENTS
        # The numerical gradient for every ε of the slider, once: a move only looks it up.
        sweep = epsilon_sweep(loss, theta, list(analytic.values()),
                              10.0 ** np.arange(low, high + step / 2, step))
        _, marker = draw_gradient_check(ax, sweep.eps, sweep.errors, list(ANALYTIC),
                                        truncation_scale=sweep.truncation_scale)
        return SimpleNamespace(marker=marker, best=sweep.best_eps, ylim=ax.get_ylim(),
                               sweep=sweep)

    def update(view, values):
        e, kind = values["eps"], ANALYTIC[values["analytic"]]
        numerical = view.sweep.numerical_at(loss, theta, e)
        err = relative_error(analytic[kind], numerical)
        view.marker.set_data([e], clip_for_log([err], *view.ylim))
        if kind == "buggy":
            why = "a wrong formula is wrong at every ε: no step size rescues it"
        elif e > 30 * view.best:
            why = "ε too large: truncation error (∝ ε²) dominates"
        elif e < view.best / 30:
            why = "ε too small: round-off (∝ 1e-16/ε) dominates"
        else:
            why = f"near the sweet spot (smallest error here at ε ≈ {view.best:.0e})"
        fmt = {"float_kind": lambda v: f"{v:+.8f}"}
        return (f"ε = {e:.1e}   ({why})\n"
                f"analytic  = {np.array2string(analytic[kind], formatter=fmt)}\n"
                f"numerical = {np.array2string(numerical, formatter=fmt)}\n"
                f"relative error {describe_relative_error(err)}")

    return Explorer(
        title="Gradient check: analytic gradient vs centred difference",
        hint="Slide ε from 1e-1 down to 1e-12: the error falls, bottoms out near 1e-6, rises. "
             "Reset brings back ε = 1e-6 and the correct gradient.",
        controls={"eps": log_slider("ε (step size)", eps, EPS_EXPONENTS[0], EPS_EXPONENTS[1],
                                    EPS_EXPONENTS[2], readout_format=".0e"),
                  "analytic": dropdown("analytic gradient", list(ANALYTIC))},
        setup=setup, update=update, animated=lambda v: [v.marker], figsize=(6.4, 3.6),
    )


def make_training_step_explorer(w=EXAMPLE_W, b: float = EXAMPLE_B, lr: float = EXAMPLE_LR,
                                x=EXAMPLE_X, t=EXAMPLE_T, max_steps: int = 30) -> Explorer:
    """Sliders for w1, w2, w3, b, the target t and lr; "Take one step" applies
    w ← w − lr·∂L/∂w (and the same for b) and moves the sliders there; the plot keeps the loss
    of every step taken, and marks losses below its axis. In 04_backward_pass."""
    x = np.asarray(x, dtype=float)
    names = [f"w{i + 1}" for i in range(len(x))] + ["b"]
    limit, floor = 3.0, 1e-4

    def params(values):
        return np.array([values[n] for n in names])

    def setup(fig):
        ax_bars, ax_hist = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1, 1.3]})
        fig.subplots_adjust(left=0.1, right=0.97, bottom=0.16, top=0.88, wspace=0.35)
        labels = [f"∂L/∂{n}" for n in names]
        bars = draw_gradient_bars(ax_bars, labels)
        line, current, clipped = draw_step_history(ax_hist, max_steps, ylim=(floor, 1.0))
        return SimpleNamespace(bars=bars, line=line, current=current, clipped=clipped,
                               history=[], target=None)

    def update(view, values):
        theta, target = params(values), values["t"]
        rec = neuron_backward(x, theta[:-1], theta[-1], target)
        if (not view.history or target != view.target
                or not np.allclose(view.history[-1][0], theta, rtol=0, atol=1e-12)):
            view.history = [(theta, rec.loss)]  # a slider was dragged (or Reset): start again
            view.target = target
        for bar, g in zip(view.bars, np.append(rec.dL_dw, rec.dL_db), strict=True):
            bar.set_height(g)
        losses = np.array([loss for _, loss in view.history[: max_steps + 1]])
        steps = np.arange(len(losses))
        view.line.set_data(steps, clip_for_log(losses, floor, 1.0))
        view.current.set_data(steps[-1:], clip_for_log(losses[-1:], floor, 1.0))
        below = losses < floor
        view.clipped.set_data(steps[below], np.full(int(below.sum()), floor))
        new_w = sgd_update(theta[:-1], rec.dL_dw, values["lr"])
        new_b = sgd_update(theta[-1], rec.dL_db, values["lr"])
        fmt = {"float_kind": lambda v: f"{v:+.8f}"}
        notes = []
        if len(view.history) > max_steps + 1:
            notes.append("the plot shows the first steps only")
        if len(losses) > 1 and losses[-1] > losses[-2]:
            notes.append("the last step made the loss go UP: lr too large, it overshot (see 05)")
        if below.any():
            notes.append(f"▽ = loss below {floor:.0e}, drawn on the bottom edge")
        note = "".join(f"\n{n}" for n in notes)
        return (f"steps taken: {len(view.history) - 1}   target t = {target:g}\n"
                f"z = {rec.z:.6f}   a = {rec.a:.10f}   loss = {rec.loss:.10f}\n"
                f"∂L/∂w = {np.array2string(rec.dL_dw, formatter=fmt)}"
                f"   ∂L/∂b = {rec.dL_db:+.8f}\n"
                f"next step (lr = {values['lr']:.3g}): w → "
                f"{np.array2string(new_w, formatter=fmt)}   b → {new_b:+.8f}{note}")

    def take_step(view, values):
        theta, target = params(values), values["t"]
        rec = neuron_backward(x, theta[:-1], theta[-1], target)
        new = sgd_update(theta, np.append(rec.dL_dw, rec.dL_db), values["lr"])
        new = np.clip(new, -limit, limit)  # stay on the sliders
        view.history.append((new, neuron_backward(x, new[:-1], new[-1], target).loss))
        return {n: float(v) for n, v in zip(names, new, strict=True)}

    controls = {n: slider(f"{n} ({'weight' if n != 'b' else 'bias'})", float(v), -limit,
                          limit, 1e-4, readout_format=".4f")
                for n, v in zip(names, np.append(np.asarray(w, float), b), strict=True)}
    controls["t"] = slider("t (target)", float(t), 0.0, 1.0, 0.05)
    controls["lr"] = log_slider("lr (learning rate)", lr, -3, 1, 0.05)
    return Explorer(
        title="One training step at a time",
        hint="Press Reset before each experiment. Take a few steps at lr = 0.01, then at lr = 1; "
             "then set t = 0.5 and lr = 10.",
        controls=controls, setup=setup, update=update, actions={"Take one step": take_step},
        animated=lambda v: [*v.bars, v.line, v.current, v.clipped], figsize=(8.0, 3.6),
    )
