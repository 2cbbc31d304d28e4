"""helpers — the small library behind the "Backprop, hands on" notebooks.

``import helpers`` gives the numpy-only math core (nothing here imports matplotlib or
ipywidgets). Figures live in :mod:`helpers.plots`, interactive explorers in
:mod:`helpers.widgets`, exercise checks in :mod:`helpers.checks` and reference answers in
:mod:`helpers.solutions`; import those where they are needed.
"""

from helpers.activations import (
    ACTIVATIONS,
    get_activation,
    relu,
    relu_derivative,
    sigmoid,
    sigmoid_derivative,
    tanh,
    tanh_derivative,
)
from helpers.gradcheck import (
    describe_agreement,
    describe_relative_error,
    format_relative_error,
    numerical_gradient,
    relative_error,
)
from helpers.graph import Value
from helpers.layer_backprop import dead_units, delta_trace, numerical_deltas
from helpers.momentum import critical_momentum, momentum_sweep, slowest_rate
from helpers.network import Network
from helpers.neuron import (
    SEED_B,
    SEED_LR,
    SEED_T,
    SEED_W,
    SEED_X,
    mse_loss,
    neuron_backward,
    neuron_forward,
    sgd_update,
)
from helpers.optim import train
from helpers.replication import censored_median, fraction_solved, median_run, pattern_errors
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

__all__ = [
    # 05 momentum, 06 δ per layer, 07 sanity checks, 08 honest run summaries
    "critical_momentum", "momentum_sweep", "slowest_rate",
    "dead_units", "delta_trace", "numerical_deltas",
    "GRADIENT_CHECK_PASS", "expected_initial_loss", "format_check_error",
    "gradient_check_verdict", "layer_statistics", "live_training", "overfit_tiny_batch",
    "update_ratios",
    "censored_median", "fraction_solved", "median_run", "pattern_errors",
    "ACTIVATIONS",
    "SEED_B",
    "SEED_LR",
    "SEED_T",
    "SEED_W",
    "SEED_X",
    "Network",
    "Value",
    "describe_agreement",
    "describe_relative_error",
    "format_relative_error",
    "get_activation",
    "mse_loss",
    "neuron_backward",
    "neuron_forward",
    "numerical_gradient",
    "relative_error",
    "relu",
    "relu_derivative",
    "sgd_update",
    "sigmoid",
    "sigmoid_derivative",
    "tanh",
    "tanh_derivative",
    "train",
]
