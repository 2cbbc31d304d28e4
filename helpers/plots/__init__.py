"""Drawing: functions that take a matplotlib Axes (and data), draw, and return the artists
they made so an explorer can move them later. No widgets, no state. Colours come from
:mod:`helpers.plots.colors` (also re-exported here as ``colors``)."""

from helpers.plots import colors
from helpers.plots.activations import plot_activation_family
from helpers.plots.backward import draw_gradient_check, draw_sigmoid_slope
from helpers.plots.basics import clip_for_log, style_axes
from helpers.plots.bugs import draw_bug_curves
from helpers.plots.colors import OKABE_ITO
from helpers.plots.deep import plot_gradient_noise, plot_histogram_panel
from helpers.plots.descent import draw_landscape, draw_lr_sweep, draw_run
from helpers.plots.digits import (
    draw_curves,
    plot_digits,
    plot_output_delta,
    plot_training_curves,
)
from helpers.plots.graph_drawing import draw_graph
from helpers.plots.line_fit import draw_line_fit
from helpers.plots.multilayer import (
    draw_boundary,
    draw_loss_curve,
    draw_network_boundary,
    draw_points,
)
from helpers.plots.neuron_diagram import draw_neuron_diagram
from helpers.plots.rumelhart import plot_loss_curves, plot_sweeps_histogram, plot_weight_diagram

__all__ = [
    # shared
    "colors", "style_axes", "clip_for_log",
    # 00
    "draw_line_fit",
    # 01
    "draw_graph",
    # 02
    "plot_activation_family",
    # 03
    "draw_neuron_diagram",
    # 04
    "draw_sigmoid_slope", "draw_gradient_check",
    # 05
    "draw_landscape", "draw_lr_sweep", "draw_run",
    # 06
    "draw_boundary", "draw_points", "draw_loss_curve", "draw_network_boundary",
    # 07
    "draw_bug_curves",
    # 08
    "plot_weight_diagram", "plot_sweeps_histogram", "plot_loss_curves",
    # 09
    "OKABE_ITO", "draw_curves", "plot_digits", "plot_output_delta", "plot_training_curves",
    # 10
    "plot_gradient_noise", "plot_histogram_panel",
]
