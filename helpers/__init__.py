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
from helpers.graph import Value, backward_buggy_assign, example_neuron_graph
from helpers.network import Network
from helpers.neuron import (
    EXAMPLE_B,
    EXAMPLE_LR,
    EXAMPLE_T,
    EXAMPLE_W,
    EXAMPLE_X,
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

__all__ = [
    "ACTIVATIONS",
    "EXAMPLE_B",
    "EXAMPLE_LR",
    "EXAMPLE_T",
    "EXAMPLE_W",
    "EXAMPLE_X",
    "SEED_B",
    "SEED_LR",
    "SEED_T",
    "SEED_W",
    "SEED_X",
    "Network",
    "Value",
    "backward_buggy_assign",
    "example_neuron_graph",
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
