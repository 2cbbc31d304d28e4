"""The seed's single neuron: worked example, chain-rule factors vs finite differences."""

import math

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from helpers.neuron import (
    EXAMPLE_B,
    EXAMPLE_LR,
    EXAMPLE_T,
    EXAMPLE_W,
    EXAMPLE_X,
    NeuronGradients,
    forgotten_slope_gradient,
    mse_loss,
    neuron_backward,
    neuron_forward,
    sgd_update,
)

FAST = settings(max_examples=40, deadline=None)

# Independent scalar activations (math module only) and their derivatives.
REF = {
    "sigmoid": lambda z: 1 / (1 + math.exp(-z)) if z >= 0 else math.exp(z) / (1 + math.exp(z)),
    "tanh": math.tanh,
    "relu": lambda z: max(z, 0.0),
}


def ref_loss(x, w, b, t, activation):
    z = sum(wi * xi for wi, xi in zip(w, x, strict=True)) + b
    return 0.5 * (t - REF[activation](z)) ** 2


def test_seed_constants():
    assert EXAMPLE_X.tolist() == [1.0, 2.0, 3.0]
    assert EXAMPLE_W.tolist() == [0.2, 0.5, -0.1]
    assert (EXAMPLE_B, EXAMPLE_T, EXAMPLE_LR) == (0.1, 1.0, 0.01)
    assert EXAMPLE_W.dtype == np.float64
    with pytest.raises(ValueError):  # read-only: notebooks copy before changing
        EXAMPLE_W[0] = 1.0


def test_seed_worked_example_from_plain_math():
    x, w, b, t, lr = [1.0, 2.0, 3.0], [0.2, 0.5, -0.1], 0.1, 1.0, 0.01
    z = x[0] * w[0] + x[1] * w[1] + x[2] * w[2] + b
    a = 1 / (1 + math.exp(-z))
    loss = 0.5 * (t - a) ** 2
    dL_da = -(t - a)
    da_dz = a * (1 - a)
    dL_dw = [dL_da * da_dz * xi for xi in x]
    new_w = [wi - lr * gi for wi, gi in zip(w, dL_dw, strict=True)]

    g = neuron_backward(EXAMPLE_X, EXAMPLE_W, EXAMPLE_B, EXAMPLE_T)
    assert isinstance(g, NeuronGradients)
    assert g.z == pytest.approx(z, abs=1e-15)
    assert g.a == pytest.approx(a, abs=1e-15)
    assert g.loss == pytest.approx(loss, abs=1e-15)
    assert g.dL_da == pytest.approx(dL_da, abs=1e-15)
    assert g.da_dz == pytest.approx(da_dz, abs=1e-15)
    assert g.dL_db == pytest.approx(dL_da * da_dz, abs=1e-15)
    assert g.dz_dw.tolist() == x
    np.testing.assert_allclose(g.dL_dw, dL_dw, rtol=0, atol=1e-15)
    np.testing.assert_allclose(sgd_update(EXAMPLE_W, g.dL_dw, EXAMPLE_LR), new_w, rtol=0,
                               atol=1e-15)

    # ... and the literal decimals quoted in the course.
    # (In float64 the seed's z is 0.9999999999999999, one ulp below 1.0.)
    assert g.z == pytest.approx(1.0, abs=1e-15)
    assert g.a == 0.7310585786300049
    assert g.loss == pytest.approx(0.036164744064256626, abs=1e-15)
    np.testing.assert_allclose(g.dL_dw, [-0.05287709, -0.10575419, -0.15863128], atol=1e-8)
    np.testing.assert_allclose(
        sgd_update(EXAMPLE_W, g.dL_dw, EXAMPLE_LR), [0.20052877, 0.50105754, -0.09841369], atol=1e-8
    )


def test_seed_forward_matches_backward():
    z, a = neuron_forward(EXAMPLE_X, EXAMPLE_W, EXAMPLE_B)
    g = neuron_backward(EXAMPLE_X, EXAMPLE_W, EXAMPLE_B, EXAMPLE_T)
    assert (z, a) == (g.z, g.a)
    assert isinstance(z, float) and isinstance(a, float)


vectors = st.lists(st.floats(-2, 2), min_size=1, max_size=5)


@FAST
@given(
    st.data(),
    vectors,
    st.floats(-1, 1),
    st.floats(-1, 1),
    st.sampled_from(["sigmoid", "tanh", "relu"]),
)
def test_backward_factors_match_finite_differences(data, x, b, t, activation):
    w = data.draw(st.lists(st.floats(-2, 2), min_size=len(x), max_size=len(x)))
    z = sum(wi * xi for wi, xi in zip(w, x, strict=True)) + b
    assume(activation != "relu" or abs(z) > 1e-3)  # no finite differences across the kink
    g = neuron_backward(x, w, b, t, activation)
    h = 1e-6
    for i in range(len(w)):
        w_plus, w_minus = list(w), list(w)
        w_plus[i] += h
        w_minus[i] -= h
        fd = ref_loss(x, w_plus, b, t, activation) - ref_loss(x, w_minus, b, t, activation)
        assert g.dL_dw[i] == pytest.approx(fd / (2 * h), rel=1e-5, abs=1e-8)
    fd_b = (ref_loss(x, w, b + h, t, activation) - ref_loss(x, w, b - h, t, activation)) / (2 * h)
    assert g.dL_db == pytest.approx(fd_b, rel=1e-5, abs=1e-8)
    # each factor is what its name says
    a = REF[activation](z)
    assert g.a == pytest.approx(a, abs=1e-14)
    assert g.dL_da == pytest.approx(-(t - a), abs=1e-14)
    fd_a = (REF[activation](z + h) - REF[activation](z - h)) / (2 * h)
    assert g.da_dz == pytest.approx(fd_a, rel=1e-5, abs=1e-8)
    np.testing.assert_array_equal(g.dz_dw, x)
    np.testing.assert_allclose(g.dL_dw, g.dL_da * g.da_dz * np.array(x), rtol=1e-15, atol=0)


def test_dz_dw_is_a_copy():
    x = np.array([1.0, 2.0])
    g = neuron_backward(x, [0.1, 0.2], 0.0, 1.0)
    x[0] = 99.0
    assert g.dz_dw[0] == 1.0


def test_scalar_neuron():
    z, a = neuron_forward(2.0, 0.5, 0.0, activation="relu")
    assert (z, a) == (1.0, 1.0)
    g = neuron_backward(2.0, 0.5, 0.0, 3.0, activation="relu")
    assert g.dL_dw == pytest.approx(-(3.0 - 1.0) * 1.0 * 2.0)


def test_mse_loss_conventions():
    assert mse_loss(1.0, 0.5) == 0.125
    assert mse_loss([1.0, 0.0], [0.5, 0.5]) == 0.25  # ½(0.25 + 0.25), summed over outputs
    T = np.array([[1.0, 0.0], [0.0, 0.0], [1.0, 1.0]])
    A = np.array([[0.5, 0.5], [0.0, 1.0], [1.0, 1.0]])
    total = 0.5 * (0.25 + 0.25 + 1.0)
    assert mse_loss(T, A) == pytest.approx(total / 3)  # 2-D: averaged over samples
    assert mse_loss(T, A, reduction="sum") == pytest.approx(total)


def test_sgd_update_is_pure():
    w = np.array([1.0, 2.0])
    g = np.array([0.5, -1.0])
    new = sgd_update(w, g, 0.1)
    assert w.tolist() == [1.0, 2.0]
    np.testing.assert_allclose(new, [0.95, 2.1])
    assert isinstance(sgd_update(1.0, 2.0, 0.25), float)
    assert sgd_update(1.0, 2.0, 0.25) == 0.5


@pytest.mark.parametrize(
    ("call", "error", "needle"),
    [
        (lambda: neuron_forward([1, 2, 3], [1, 2], 0.0), ValueError, "w has shape (2,), expected"),
        (lambda: neuron_forward([1, 2], [1, 2], "0"), TypeError, "b"),
        (lambda: neuron_forward([1, 2], [1, 2], 0.0, "step"), ValueError, "activation"),
        (lambda: neuron_backward([1, 2], [1, 2], 0.0, math.nan), ValueError, "t"),
        (lambda: neuron_backward([1, 2], [1, 2], 0.0, [1, 2]), ValueError, "t"),
        (lambda: neuron_forward([[1, 2]], [[1, 2]], 0.0), ValueError, "x must be"),
        (lambda: neuron_forward([], [], 0.0), ValueError, "x is empty"),
        (lambda: mse_loss([1, 2], [1, 2, 3]), ValueError, "a has shape"),
        (lambda: mse_loss([1, 2], [1, 2], reduction="avg"), ValueError, "reduction"),
        (lambda: sgd_update([1.0], [1.0], 0.0), ValueError, "lr"),
        (lambda: sgd_update([1.0], [1.0], -1.0), ValueError, "lr"),
        (lambda: sgd_update([1.0], [1.0], math.inf), ValueError, "lr"),
        (lambda: sgd_update([1.0], [1.0, 2.0], 0.1), ValueError, "grad has shape"),
        (lambda: sgd_update([1.0], [math.nan], 0.1), ValueError, "grad"),
    ],
)
def test_neuron_validation(call, error, needle):
    with pytest.raises(error) as info:
        call()
    assert needle in str(info.value)


def test_loss_of_params_is_the_seed_loss_as_a_function_of_w_and_b():
    from helpers.neuron import loss_of_params

    theta = np.array([0.2, 0.5, -0.1, 0.1])  # the seed's w and b
    a = 1.0 / (1.0 + math.exp(-(1 * 0.2 + 2 * 0.5 + 3 * -0.1 + 0.1)))
    assert loss_of_params()(theta) == pytest.approx(0.5 * (1.0 - a) ** 2, rel=1e-15)
    with pytest.raises(ValueError, match="activation"):
        loss_of_params(activation="softplus")


def test_forgotten_slope_gradient_is_the_gradient_without_sigma_prime():
    z = 0.2 * 1 + 0.5 * 2 - 0.1 * 3 + 0.1
    a = 1 / (1 + math.exp(-z))
    dL_dw, dL_db = forgotten_slope_gradient([1.0, 2.0, 3.0], [0.2, 0.5, -0.1], 0.1, 1.0)
    np.testing.assert_allclose(dL_dw, [-(1 - a) * xi for xi in (1, 2, 3)], rtol=1e-12)
    assert dL_db == pytest.approx(-(1 - a), rel=1e-12)


def test_parameter_names_are_the_ones_every_parameter_function_accepts():
    from helpers.neuron import (
        loss_along_parameter,
        nudge_effect,
        parameter_gradient,
        parameter_names,
    )

    assert parameter_names(3) == ("w1", "w2", "w3", "b")
    assert parameter_names(1) == ("w1", "b")
    for name in parameter_names(3):  # each accepted, with our example neuron's three inputs
        parameter_gradient(name)
        nudge_effect(name, 0.1)
        loss_along_parameter([0.0], name)
    with pytest.raises(ValueError, match="w4"):  # the error lists the names it accepts
        parameter_gradient("w4")
