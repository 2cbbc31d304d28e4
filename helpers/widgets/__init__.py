"""Interaction: one builder per explorer, each returning an :class:`~helpers.explorer.Explorer`
(an ipywidgets container) ready to display. Every argument has a default (the notebook's
example), so ``make_<thing>_explorer()`` always works. One module per notebook topic."""

from helpers.widgets.activations import make_activation_explorer, make_depth_explorer
from helpers.widgets.backward_pass import (
    make_gradient_check_explorer,
    make_training_step_explorer,
)
from helpers.widgets.bugs import make_bug_explorer
from helpers.widgets.chain_rule import make_backward_step_explorer, make_graph_explorer
from helpers.widgets.deep import make_histogram_explorer, make_overfitting_explorer
from helpers.widgets.delta_flow import make_delta_flow_explorer
from helpers.widgets.forward_pass import make_forward_pass_explorer
from helpers.widgets.gradient_descent import make_descent_explorer, make_landscape_explorer
from helpers.widgets.multilayer import make_network_explorer
from helpers.widgets.nudge import make_nudge_explorer
from helpers.widgets.rumelhart import make_rumelhart_explorer
from helpers.widgets.self_check import make_self_check
from helpers.widgets.softmax import make_digits_explorer, make_softmax_explorer
from helpers.widgets.start_here import make_fit_a_line_explorer

__all__ = [
    # every notebook's end
    "make_self_check",
    # 00
    "make_fit_a_line_explorer",
    # 01
    "make_graph_explorer", "make_backward_step_explorer",
    # 02
    "make_activation_explorer", "make_depth_explorer",
    # 03
    "make_forward_pass_explorer",
    # 04
    "make_nudge_explorer", "make_gradient_check_explorer", "make_training_step_explorer",
    # 05
    "make_descent_explorer", "make_landscape_explorer",
    # 06
    "make_network_explorer", "make_delta_flow_explorer",
    # 07
    "make_bug_explorer",
    # 08
    "make_rumelhart_explorer",
    # 09
    "make_softmax_explorer", "make_digits_explorer",
    # 10
    "make_histogram_explorer", "make_overfitting_explorer",
]
