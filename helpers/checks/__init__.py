"""Exercise checks: each ``check_<exercise>(answer)`` returns a :class:`CheckResult` that
says *correct* or precisely what is off, with a hint. A check never crashes, even on the
untouched stub. One module per notebook topic; all re-exported here.

After ``grading_mode()`` the same checks work as an autograder's test cells: a miss raises
``AssertionError`` with the same message, a pass shows nothing."""

from helpers.checks._core import CheckResult, grading_mode, in_grading_mode
from helpers.checks.activations import (
    check_sigmoid_chain_factors,
    check_sigmoid_derivative,
    check_tanh_derivative,
)
from helpers.checks.backward_pass import (
    check_input_gradient,
    check_tanh_neuron_gradient,
    check_update_step,
)
from helpers.checks.bugs import check_descent_check, check_find_the_bug, check_gradient_check
from helpers.checks.chain_rule import (
    check_dF_dx,
    check_example_gradients,
    check_mul_local_grads,  # noqa: F401 — kept importable; no longer an exercise of 01
    compare_with_backward,
)
from helpers.checks.deep import DIAGNOSES, check_diagnosis, check_he_init
from helpers.checks.forward_pass import check_batch_forward, check_batch_loss, check_forward
from helpers.checks.gradient_descent import (
    check_gradient_descent,
    check_largest_stable_lr,
    check_momentum_descent,
)
from helpers.checks.hints import hint
from helpers.checks.mini_value import check_mul_backward, check_run_backward, check_sigmoid_backward
from helpers.checks.multilayer import check_matrix_backprop
from helpers.checks.rumelhart import check_hand_set_weights
from helpers.checks.softmax import (
    check_minibatch_step,
    check_softmax_gradients,
    check_stable_softmax,
)
from helpers.checks.start_here import check_bowl_minimum, check_predict

__all__ = [
    "CheckResult",
    "hint",
    # graded use (nbgrader, otter-grader): a failing check raises AssertionError
    "grading_mode", "in_grading_mode",
    # 00
    "check_predict", "check_bowl_minimum",
    # 01
    "check_dF_dx", "check_example_gradients", "check_mul_backward", "check_sigmoid_backward",
    "compare_with_backward",
    "check_run_backward",
    # 02
    "check_sigmoid_chain_factors", "check_sigmoid_derivative", "check_tanh_derivative",
    # 03
    "check_forward", "check_batch_forward", "check_batch_loss",
    # 04
    "check_input_gradient", "check_tanh_neuron_gradient", "check_update_step",
    # 05
    "check_gradient_descent", "check_largest_stable_lr", "check_momentum_descent",
    # 06
    "check_matrix_backprop",
    # 07
    "check_find_the_bug", "check_gradient_check", "check_descent_check",
    # 08
    "check_hand_set_weights",
    # 09
    "check_stable_softmax", "check_softmax_gradients", "check_minibatch_step",
    # 10
    "check_he_init", "check_diagnosis", "DIAGNOSES",
]
