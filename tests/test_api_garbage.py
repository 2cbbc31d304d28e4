"""Throw random garbage at the public API: only the documented errors may come out.

Every public function validates its inputs at the boundary, so whatever a learner passes —
None, strings, NaN, infinities, wrong shapes, empty arrays, negative sizes — it either
works or raises ValueError/TypeError naming the argument. Never an IndexError from deep
inside numpy, never a silent NaN warning.
"""

import warnings

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import helpers
from helpers import datasets, landscape, rumelhart
from helpers.gradcheck import relative_error

DOCUMENTED = (ValueError, TypeError)

garbage = st.one_of(
    st.none(),
    st.booleans(),
    st.text(max_size=5),
    st.integers(-10**6, 10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.complex_numbers(max_magnitude=10),
    st.lists(st.floats(allow_nan=True, allow_infinity=True, width=32), max_size=4),
    st.lists(st.lists(st.integers(-3, 3), max_size=3), max_size=3),
    st.dictionaries(st.text(max_size=2), st.integers(), max_size=2),
    st.builds(lambda shape, fill: np.full(shape, fill),
              st.lists(st.integers(0, 3), max_size=3).map(tuple),
              st.sampled_from([0.0, 1.5, -2.0, np.nan, np.inf])),
)


def sometimes(valid):
    """Mostly garbage, sometimes the valid value, so deeper checks get reached too."""
    return st.one_of(st.just(valid), garbage)


NET = helpers.Network([2, 2, 1], seed=0)
X_XOR, T_XOR = datasets.xor()

# name → (function, strategies for its positional arguments)
API = {
    "sigmoid": (helpers.sigmoid, [garbage]),
    "sigmoid_derivative": (helpers.sigmoid_derivative, [garbage]),
    "tanh": (helpers.tanh, [garbage]),
    "tanh_derivative": (helpers.tanh_derivative, [garbage]),
    "relu": (helpers.relu, [garbage]),
    "relu_derivative": (helpers.relu_derivative, [garbage]),
    "get_activation": (helpers.get_activation, [garbage]),
    "neuron_forward": (helpers.neuron_forward,
                       [sometimes(helpers.SEED_X), sometimes(helpers.SEED_W),
                        sometimes(helpers.SEED_B), sometimes("sigmoid")]),
    "neuron_backward": (helpers.neuron_backward,
                        [sometimes(helpers.SEED_X), sometimes(helpers.SEED_W),
                         sometimes(helpers.SEED_B), sometimes(helpers.SEED_T),
                         sometimes("tanh")]),
    "mse_loss": (helpers.mse_loss, [sometimes(1.0), garbage]),
    "sgd_update": (helpers.sgd_update,
                   [sometimes(helpers.SEED_W), sometimes(helpers.SEED_W), sometimes(0.01)]),
    "numerical_gradient": (helpers.numerical_gradient,
                           [sometimes(np.sum), sometimes(np.ones(3)), garbage]),
    "relative_error": (relative_error, [garbage, sometimes(np.ones(3))]),
    "format_relative_error": (helpers.format_relative_error, [garbage]),
    "describe_relative_error": (helpers.describe_relative_error, [garbage]),
    "describe_agreement": (helpers.describe_agreement,
                           [garbage, sometimes(np.ones(3)), sometimes(1e-12)]),
    "Value": (helpers.Value, [garbage]),
    "example_neuron_graph": (helpers.example_neuron_graph,
                             [sometimes((1.0, 2.0)), sometimes((0.5, -1.0)), garbage, garbage,
                              sometimes("tanh")]),
    "backward_buggy_assign": (helpers.backward_buggy_assign, [garbage]),
    "Network": (helpers.Network, [sometimes([2, 3, 1]), sometimes("relu"), sometimes(0),
                                  garbage]),
    "Network.forward": (NET.forward, [garbage]),
    "Network.loss": (NET.loss, [sometimes(X_XOR), garbage, sometimes("sum")]),
    "Network.gradients": (NET.gradients, [sometimes(X_XOR), sometimes(T_XOR), garbage]),
    "train": (helpers.train, [sometimes(NET), sometimes(X_XOR), sometimes(T_XOR),
                              garbage, st.one_of(st.integers(-5, 30), garbage)]),
    "two_moons": (datasets.two_moons, [st.one_of(st.integers(-5, 50), garbage), garbage,
                                       sometimes(0)]),
    "descent_path": (landscape.descent_path, [sometimes((0.0, 3.0)), garbage,
                                              st.one_of(st.integers(-5, 50), garbage)]),
    "weight_structure": (rumelhart.weight_structure, [garbage]),
}


def _call_with_garbage(function, strategies):
    @settings(max_examples=60, deadline=None, derandomize=True,
              suppress_health_check=[HealthCheck.too_slow])
    @given(st.tuples(*strategies))
    def run(args):
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # a numpy RuntimeWarning is not a documented error
            try:
                function(*args)
            except DOCUMENTED as error:
                assert str(error), "errors must say what is wrong"

    run()


def _make_test(name):
    function, strategies = API[name]

    def test():
        _call_with_garbage(function, strategies)

    test.__name__ = f"test_{name.replace('.', '_')}_raises_only_documented_errors"
    return test


for _name in API:
    _test = _make_test(_name)
    globals()[_test.__name__] = _test


def test_every_public_function_of_the_math_core_is_fuzzed():
    public = {name for name in helpers.__all__ if callable(getattr(helpers, name))}
    fuzzed = {name.split(".")[0] for name in API}
    assert not public - fuzzed, f"not fuzzed yet: {sorted(public - fuzzed)}"


def test_error_messages_name_the_argument():
    for call, argument in [
        (lambda: helpers.neuron_forward([1, 2], [1, 2, 3], 0.0), "w"),
        (lambda: helpers.sgd_update([1.0], [1.0], -1.0), "lr"),
        (lambda: helpers.Network([2, 0, 1]), "sizes"),
        (lambda: helpers.get_activation("softmax"), "activation"),
        (lambda: helpers.train(NET, X_XOR, T_XOR, epochs=-1), "epochs"),
        (lambda: datasets.two_moons(n=-3), "n"),
    ]:
        try:
            call()
        except DOCUMENTED as error:
            assert argument in str(error), (argument, str(error))
        else:
            raise AssertionError(f"no error for bad {argument}")
