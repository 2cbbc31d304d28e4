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
from helpers.datasets import DIGITS_SOURCE, load_digits, one_hot
from helpers.diagnostics import (
    dead_units,
    deep_net,
    gradient_noise,
    layer_stats,
    time_gradients,
)
from helpers.digits import confusion_matrix, train_digits
from helpers.gradcheck import (
    describe_agreement,
    describe_relative_error,
    format_relative_error,
    numerical_gradient,
    relative_error,
)
from helpers.graph import Value
from helpers.network import Network, log_softmax, softmax
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

__all__ = [
    "ACTIVATIONS",
    "DIGITS_SOURCE",
    "SEED_B",
    "SEED_LR",
    "SEED_T",
    "SEED_W",
    "SEED_X",
    "Network",
    "Value",
    "confusion_matrix",
    "dead_units",
    "deep_net",
    "describe_agreement",
    "describe_relative_error",
    "format_relative_error",
    "get_activation",
    "gradient_noise",
    "layer_stats",
    "load_digits",
    "log_softmax",
    "mse_loss",
    "neuron_backward",
    "neuron_forward",
    "numerical_gradient",
    "one_hot",
    "relative_error",
    "relu",
    "relu_derivative",
    "sgd_update",
    "sigmoid",
    "sigmoid_derivative",
    "softmax",
    "tanh",
    "tanh_derivative",
    "time_gradients",
    "train",
    "train_digits",
]
