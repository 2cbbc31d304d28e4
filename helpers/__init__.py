"""helpers — the small library behind the "Backprop, hands on" notebooks.

``import helpers`` gives the numpy-only math core: every number a notebook shows is computed
here (nothing here imports matplotlib or ipywidgets). Figures live in :mod:`helpers.plots`,
interactive explorers in :mod:`helpers.widgets`, exercise checks in :mod:`helpers.checks`
and reference answers in :mod:`helpers.solutions`. Notebooks import from these five only.
"""

from helpers.activations import (
    ACTIVATION_NAMES,
    ACTIVATIONS,
    depth_products,
    flat_state,
    flat_zones,
    get_activation,
    relu,
    relu_derivative,
    sigmoid,
    sigmoid_derivative,
    tanh,
    tanh_derivative,
)
from helpers.bugs import (
    BUGS,
    bug_gallery,
    gradient_error,
    graph_gradients_broken,
    graph_gradients_fixed,
    run_bug,
    run_training,
)
from helpers.datasets import DIGITS_SOURCE, add_point, load_digits, one_hot, two_moons, xor
from helpers.diagnostics import (
    dead_fraction,
    deep_net,
    gradient_noise,
    layer_stats,
    mystery_networks,
    time_gradients,
)
from helpers.digits import confusion_matrix, train_digits
from helpers.gradcheck import (
    check_gradient,
    describe_agreement,
    describe_relative_error,
    epsilon_sweep,
    format_relative_error,
    numerical_gradient,
    numerical_gradients,
    relative_error,
)
from helpers.graph import (
    Value,
    backward_buggy_assign,
    backward_steps,
    example_neuron_graph,
    neuron_graph,
    topological_order,
)
from helpers.landscape import (
    T_DATA,
    X_DATA,
    descent_path,
    describe_regime,
    final_loss_sweep,
    linear_gradient,
    linear_loss,
    loss_grid,
    quadratic_of,
    theta_gradient,
)
from helpers.layer_backprop import dead_units, delta_trace, multiplications, numerical_deltas
from helpers.momentum import critical_momentum, momentum_sweep, slowest_rate
from helpers.network import Network, log_softmax, network_from_params, softmax
from helpers.neuron import (
    EXAMPLE_B,
    EXAMPLE_LR,
    EXAMPLE_T,
    EXAMPLE_W,
    EXAMPLE_X,
    forgotten_slope_gradient,
    loss_along_parameter,
    loss_of_params,
    mse_loss,
    neuron_backward,
    neuron_forward,
    nudge_effect,
    parameter_gradient,
    sgd_update,
)
from helpers.optim import train
from helpers.presentation import presentation
from helpers.replay_batch import replay_many
from helpers.replication import censored_median, fraction_solved, median_run, pattern_errors
from helpers.rumelhart import (
    PAPER_SWEEPS,
    paper_network,
    replay_training,
    run_seed_study,
    run_seeds,
    symmetry_data,
    train_symmetry,
    weight_structure,
)
from helpers.sanity import (
    GRADIENT_CHECK_PASS,
    expected_initial_loss,
    format_check_error,
    gradient_check_verdict,
    layer_statistics,
    live_training,
    overfit_tiny_batch,
    update_ratios,
)
from helpers.value_network import network_value_graph

__all__ = [
    # 01_chain_rule
    "Value", "backward_steps", "topological_order", "neuron_graph", "example_neuron_graph",
    "numerical_gradient",
    "relative_error", "describe_relative_error", "format_relative_error", "describe_agreement",
    "check_gradient",
    # 02_activations
    "ACTIVATIONS", "ACTIVATION_NAMES", "get_activation", "sigmoid", "sigmoid_derivative",
    "tanh", "tanh_derivative", "relu", "relu_derivative", "flat_zones", "flat_state",
    "depth_products",
    # 03_forward_pass
    "EXAMPLE_X", "EXAMPLE_W", "EXAMPLE_B", "EXAMPLE_T", "EXAMPLE_LR", "neuron_forward",
    "mse_loss", "loss_along_parameter",
    # 04_backward_pass
    "neuron_backward", "sgd_update", "loss_of_params", "forgotten_slope_gradient",
    "epsilon_sweep", "parameter_gradient", "nudge_effect",
    # 05_gradient_descent
    "X_DATA", "T_DATA", "linear_loss", "linear_gradient", "theta_gradient", "loss_grid",
    "quadratic_of", "descent_path", "final_loss_sweep", "describe_regime",
    "critical_momentum", "momentum_sweep", "slowest_rate",
    # 06_multilayer
    "Network", "network_from_params", "train", "xor", "two_moons", "add_point",
    "network_value_graph",
    "numerical_gradients", "dead_units", "delta_trace", "multiplications", "numerical_deltas",
    # 07_backprop_bugs
    "backward_buggy_assign", "BUGS", "bug_gallery", "run_bug", "run_training",
    "gradient_error", "graph_gradients_broken", "graph_gradients_fixed",
    "GRADIENT_CHECK_PASS", "expected_initial_loss", "format_check_error",
    "gradient_check_verdict", "layer_statistics", "live_training", "overfit_tiny_batch",
    "update_ratios",
    # 08_rumelhart_1986
    "PAPER_SWEEPS", "symmetry_data", "paper_network", "train_symmetry", "run_seeds",
    "run_seed_study", "replay_training", "replay_many", "weight_structure",
    "censored_median", "fraction_solved", "median_run", "pattern_errors",
    # 09_softmax_cross_entropy
    "softmax", "log_softmax", "load_digits", "one_hot", "DIGITS_SOURCE", "train_digits",
    "confusion_matrix",
    # 10_deeper_networks
    "deep_net", "layer_stats", "mystery_networks", "dead_fraction", "gradient_noise",
    "time_gradients",
    # projector mode, for teaching (README)
    "presentation",
]
