"""Reference solutions to the exercises (the tests run every check against them).

Peek only after trying: ``show_solution("name")`` prints one. One module per notebook topic;
all re-exported here."""

import inspect
import sys

from helpers.solutions.activations import (
    sigmoid_chain_factors,
    sigmoid_derivative,
    tanh_derivative,
)
from helpers.solutions.backward_pass import input_gradient, tanh_neuron_gradient, update_step
from helpers.solutions.bugs import descent_check, gradient_check, gradients_2_2_1
from helpers.solutions.chain_rule import (
    dF_dx,
    example_gradients,
    mul_backward,
    mul_local_grads,  # noqa: F401 — kept importable; no longer an exercise of 01
    run_backward,
    sigmoid_backward,
)
from helpers.solutions.deep import diagnosis, he_init
from helpers.solutions.forward_pass import batch_forward, batch_loss, forward
from helpers.solutions.gradient_descent import (
    gradient_descent,
    largest_stable_lr,
    momentum_descent,
)
from helpers.solutions.multilayer import matrix_backprop
from helpers.solutions.rumelhart import hand_set_weights
from helpers.solutions.softmax import minibatch_step, softmax_gradients, stable_softmax
from helpers.solutions.start_here import bowl_minimum, predict


def show_solution(name: str) -> None:
    """Print the source of the reference solution called ``name``.

    In a graded copy (after ``helpers.checks.grading_mode()``) it prints a note instead.
    Introduced in 00_start_here.
    """
    from helpers.checks import in_grading_mode  # only here: keeps this import light

    if in_grading_mode():
        print("Solutions are switched off in this graded copy of the notebook: the checks "
              "tell you what is off, and your teacher has the reference answers.")
        return
    module = sys.modules[__name__]
    solution = getattr(module, name, None)
    if solution is None or not callable(solution):
        available = sorted(n for n in __all__ if n != "show_solution")
        raise ValueError(f"name must be one of {available}; got {name!r}")
    print(inspect.getsource(solution))


__all__ = [
    "show_solution",
    # 00
    "predict", "bowl_minimum",
    # 01
    "dF_dx", "example_gradients", "mul_backward", "sigmoid_backward", "run_backward",
    # 02
    "sigmoid_chain_factors", "sigmoid_derivative", "tanh_derivative",
    # 03
    "forward", "batch_forward", "batch_loss",
    # 04
    "input_gradient", "tanh_neuron_gradient", "update_step",
    # 05
    "gradient_descent", "largest_stable_lr", "momentum_descent",
    # 06
    "matrix_backprop",
    # 07
    "gradients_2_2_1", "gradient_check", "descent_check",
    # 08
    "hand_set_weights",
    # 09
    "stable_softmax", "softmax_gradients", "minibatch_step",
    # 10
    "he_init", "diagnosis",
]
