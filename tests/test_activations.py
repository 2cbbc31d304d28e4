"""Activations: exact values, no overflow warnings, derivatives vs finite differences."""

import math
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.activations import (
    _KERNELS,
    ACTIVATIONS,
    Activation,
    get_activation,
    relu,
    relu_derivative,
    sigmoid,
    sigmoid_derivative,
    tanh,
    tanh_derivative,
)

# What the network's batch code uses: f and f′ written in terms of a = f(z), per name.
batch_sigmoid, _, sigmoid_derivative_from_a = _KERNELS["sigmoid"]
_, _, tanh_derivative_from_a = _KERNELS["tanh"]
_, _, relu_derivative_from_a = _KERNELS["relu"]

FAST = settings(max_examples=40, deadline=None)
ALL_FUNCTIONS = [
    sigmoid,
    sigmoid_derivative,
    tanh,
    tanh_derivative,
    relu,
    relu_derivative,
]


def ref_sigmoid(z: float) -> float:
    """Reference sigmoid with math.exp, in the form that is exact for each sign."""
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def centred(f, z, h=1e-6):
    return (f(z + h) - f(z - h)) / (2 * h)


@FAST
@given(st.floats(-700, 700))
def test_sigmoid_matches_math_reference_to_an_ulp(z):
    expected = ref_sigmoid(z)
    assert abs(sigmoid(z) - expected) <= 2 * np.spacing(expected)


def test_sigmoid_known_values_and_limits():
    assert sigmoid(0.0) == 0.5
    assert sigmoid(1.0) == 0.7310585786300049
    assert sigmoid(1e4) == 1.0 and sigmoid(1e308) == 1.0 and sigmoid(math.inf) == 1.0
    assert sigmoid(-1e4) == 0.0 and sigmoid(-1e308) == 0.0 and sigmoid(-math.inf) == 0.0
    # far in the negative tail σ(z) ≈ e^z: the stable form keeps full relative precision
    assert sigmoid(-700.0) == pytest.approx(math.exp(-700.0), rel=1e-14)
    assert sigmoid(-30.0) == pytest.approx(math.exp(-30.0) / (1 + math.exp(-30.0)), rel=1e-15)


def test_no_warnings_for_extreme_inputs():
    extremes = np.array(
        [-math.inf, -1e308, -1e4, -745.0, -1.0, 0.0, 1.0, 745.0, 1e4, 1e308, math.inf]
    )
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        for f in ALL_FUNCTIONS:
            out = f(extremes)
            assert not np.isnan(out).any(), f.__name__
            for z in extremes:
                f(float(z))
    assert np.array_equal(sigmoid(extremes)[[0, 1, 2, -3, -2, -1]], [0, 0, 0, 1, 1, 1])


def test_scalar_in_scalar_out_array_in_array_out():
    for f in ALL_FUNCTIONS:
        out = f(0.5)
        assert isinstance(out, float) and isinstance(out, np.float64), f.__name__
        assert isinstance(f(2), float)
        arr = f(np.zeros((2, 3)))
        assert isinstance(arr, np.ndarray) and arr.shape == (2, 3) and arr.dtype == np.float64
        assert f([1, 2]).dtype == np.float64
        assert f(np.array([], dtype=float)).shape == (0,)  # empty arrays are fine elementwise


@FAST
@given(st.floats(-30, 30))
def test_sigmoid_derivative_closed_form_and_finite_difference(z):
    # σ(1 − σ) = σ(z)σ(−z); the second form has no cancellation, so it is a tight reference.
    assert sigmoid_derivative(z) == pytest.approx(ref_sigmoid(z) * ref_sigmoid(-z), rel=1e-13)
    # finite differences of a function near 1 carry ~1e-16/h absolute noise
    assert sigmoid_derivative(z) == pytest.approx(centred(ref_sigmoid, z), rel=1e-6, abs=1e-8)


@FAST
@given(st.floats(-15, 15))
def test_tanh_and_derivative(z):
    assert tanh(z) == pytest.approx(math.tanh(z), rel=1e-15, abs=1e-300)
    assert tanh_derivative(z) == pytest.approx(1 / math.cosh(z) ** 2, rel=1e-13)
    assert tanh_derivative(z) == pytest.approx(centred(math.tanh, z), rel=1e-6, abs=1e-8)


@FAST
@given(st.floats(-50, 50).filter(lambda z: abs(z) > 1e-3))
def test_relu_and_derivative_away_from_the_kink(z):
    assert relu(z) == (z if z > 0 else 0.0)
    expected = centred(lambda u: max(u, 0.0), z)
    assert relu_derivative(z) == pytest.approx(expected, abs=1e-8)


def test_relu_derivative_convention_at_zero_is_zero():
    assert relu_derivative(0.0) == 0.0
    assert relu_derivative(-0.0) == 0.0
    assert list(relu_derivative([-1.0, 0.0, 2.0])) == [0.0, 0.0, 1.0]


def test_derivatives_stay_accurate_in_the_tails():
    # σ'(40) = e^-40/(1+e^-40)^2; the naive σ(1−σ) would give 0 here.
    assert sigmoid_derivative(40.0) == pytest.approx(
        math.exp(-40) / (1 + math.exp(-40)) ** 2, rel=1e-12
    )
    assert sigmoid_derivative(-40.0) == sigmoid_derivative(40.0)
    assert tanh_derivative(20.0) == pytest.approx(1 / math.cosh(20.0) ** 2, rel=1e-12)


@FAST
@given(st.floats(-20, 20))
def test_from_a_forms_agree_with_derivatives(z):
    s, t = ref_sigmoid(z), math.tanh(z)
    assert sigmoid_derivative_from_a(s) == pytest.approx(s * (1 - s), rel=1e-15)
    assert tanh_derivative_from_a(t) == pytest.approx(1 - t * t, rel=1e-15, abs=1e-300)
    assert sigmoid_derivative_from_a(s) == pytest.approx(sigmoid_derivative(z), abs=1e-15)
    assert tanh_derivative_from_a(t) == pytest.approx(tanh_derivative(z), abs=1e-15)
    assert relu_derivative_from_a(np.float64(max(z, 0.0))) == (1.0 if z > 0 else 0.0)


@FAST
@given(st.floats(-700, 700))
def test_batch_sigmoid_used_in_training_agrees_with_the_scalar_one(z):
    # The training loop uses the one-line form 1/(1 + e^−z) for speed; it must agree with the
    # validated, overflow-free sigmoid (and the math.exp reference) to a few ulps.
    batch = float(batch_sigmoid(np.array([z]))[0])
    assert batch == pytest.approx(float(sigmoid(z)), rel=1e-14, abs=1e-300)
    assert batch == pytest.approx(ref_sigmoid(z), rel=1e-14, abs=1e-300)


def test_registry_and_lookup():
    assert sorted(ACTIVATIONS) == ["relu", "sigmoid", "tanh"]
    for name, act in ACTIVATIONS.items():
        assert isinstance(act, Activation) and act.name == name
        assert get_activation(name) is act
    assert get_activation("sigmoid").f is sigmoid
    assert get_activation("relu").df is relu_derivative
    name, f, df = get_activation("tanh")
    assert (name, f, df) == ("tanh", tanh, tanh_derivative)


def test_unknown_activation_messages():
    with pytest.raises(ValueError) as info:
        get_activation("foo")
    assert str(info.value) == "activation must be one of 'relu', 'sigmoid', 'tanh'; got 'foo'"
    with pytest.raises(TypeError, match="activation"):
        get_activation(None)
    with pytest.raises(TypeError, match="activation"):
        get_activation(sigmoid)


def test_bad_inputs_are_rejected_with_the_argument_name():
    with pytest.raises(TypeError, match="z"):
        sigmoid("1.0")
    with pytest.raises(TypeError, match="z"):
        relu(None)
    with pytest.raises(TypeError, match="z"):
        tanh(np.array([True, False]))
    with pytest.raises(ValueError, match="z contains NaN"):
        sigmoid(np.array([0.0, math.nan]))
