"""Drawing for 10_deeper_networks: per-layer histograms and spreads of activations and
gradients, and curves of a small-data run. Okabe–Ito colours, no text under 10 pt."""

from __future__ import annotations

import matplotlib
import numpy as np

from helpers.plots.basics import style_axes
from helpers.plots.colors import OKABE_ITO
from helpers.plots.digits import TEXT_PT

__all__ = ["ACTIVATION_RANGES", "draw_layer_histograms", "draw_layer_spread",
           "histogram_fractions", "layer_colours", "plot_gradient_noise",
           "plot_histogram_panel"]


def layer_colours(n_layers: int) -> list[str]:
    """One colour per layer, first to last, dark to light along cividis (a ramp made for
    colour-blind readers). Neighbour layers often overlap, and the blend of two hues (sky blue
    over green, green over blue) reads as one of them for tritanopes; a lightness ramp stays
    ordered. Introduced in 10_deeper_networks."""
    ramp = matplotlib.colormaps["cividis"]
    return [matplotlib.colors.to_hex(ramp(x)) for x in np.linspace(0.0, 0.9, max(n_layers, 1))]


ACTIVATION_RANGES = {"tanh": (-1.0, 1.0), "sigmoid": (0.0, 1.0), "relu": (0.0, 2.0)}
N_BINS = 30


def histogram_fractions(values, value_range) -> np.ndarray:
    """Fraction of ``values`` in each of N_BINS equal bins over ``value_range``; values
    outside go to the end bins, so nothing is lost from the picture."""
    low, high = value_range
    clipped = np.clip(values, low, high)
    counts, _ = np.histogram(clipped, bins=N_BINS, range=(low, high))
    return counts / max(len(values), 1)


def draw_layer_histograms(ax, n_layers: int, value_range):
    """Empty step lines, one per layer, for ``histogram_fractions``; returns the lines."""
    edges = np.linspace(*value_range, N_BINS + 1)
    style_axes(ax, xlabel="activation a", ylabel="fraction of values",
               title="activations, layer by layer", xlim=value_range, ylim=(0.0, 1.0))
    lines = []
    for layer, colour in enumerate(layer_colours(n_layers)):
        (line,) = ax.step(edges, np.zeros(N_BINS + 1), where="post", lw=1.8, color=colour,
                          label=f"layer {layer + 1}")
        lines.append(line)
    ax.tick_params(labelsize=TEXT_PT)
    return lines


def draw_layer_spread(ax, n_layers: int):
    """Empty lines for the spread (standard deviation) of activations and of weight
    gradients per layer on a log axis; returns ``(activation_line, gradient_line)``."""
    ax.set_yscale("log")
    style_axes(ax, xlabel="hidden layer", ylabel="standard deviation",
               title="spread through depth", xlim=(0.7, n_layers + 0.3), ylim=(1e-7, 1e3))
    ax.set_xticks(range(1, n_layers + 1))
    (act,) = ax.plot([], [], "o-", color=OKABE_ITO["blue"], lw=2, label="activations a")
    (grad,) = ax.plot([], [], "s--", color=OKABE_ITO["vermillion"], lw=2,
                      label="gradients ∂L/∂W")
    ax.legend(loc="lower left", fontsize=TEXT_PT, frameon=False)
    ax.tick_params(labelsize=TEXT_PT)
    return act, grad


def plot_histogram_panel(ax, stats, activation: str, title: str):
    """A static histogram of every hidden layer's activations (for the diagnosis exercise).

    Introduced in 10_deeper_networks.
    """
    value_range = ACTIVATION_RANGES[activation]
    lines = draw_layer_histograms(ax, len(stats.activations), value_range)
    edges = np.linspace(*value_range, N_BINS + 1)
    for line, values in zip(lines, stats.activations, strict=True):
        fractions = histogram_fractions(values, value_range)
        line.set_data(edges, np.append(fractions, fractions[-1]))
    ax.set_title(title, fontsize=TEXT_PT)
    ax.legend(fontsize=TEXT_PT, frameon=False, loc="upper center", ncol=2)
    return lines


def plot_gradient_noise(ax, batch_sizes, noise):
    """Measured mini-batch gradient noise against batch size on log–log axes, with the
    1/√B line through the first point. In 10_deeper_networks."""
    batch_sizes = np.asarray(batch_sizes, dtype=float)
    noise = np.asarray(noise, dtype=float)
    ax.set_xscale("log")
    ax.set_yscale("log")
    style_axes(ax, xlabel="batch size B", ylabel="‖g_batch − g_full‖ / ‖g_full‖",
               title="how noisy a mini-batch gradient is")
    guide = noise[0] * np.sqrt(batch_sizes[0] / batch_sizes)
    ax.plot(batch_sizes, guide, color="0.5", lw=1.5, ls=":", label="∝ 1/√B")
    ax.plot(batch_sizes, noise, "o-", color=OKABE_ITO["blue"], lw=2, label="measured")
    ax.legend(fontsize=TEXT_PT, frameon=False)
    ax.tick_params(labelsize=TEXT_PT)
    return ax
