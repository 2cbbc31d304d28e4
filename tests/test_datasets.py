"""The 2-D data sets of 06_multilayer: XOR, two moons, and adding a learner's point."""

import numpy as np
import pytest

from helpers.datasets import add_point, two_moons, xor


def test_xor_is_the_truth_table():
    X, T = xor()
    assert X.shape == (4, 2) and T.shape == (4, 1)
    for (x1, x2), (t,) in zip(X, T, strict=True):
        assert t == float(int(x1) != int(x2))


def test_two_moons_shapes_balance_and_determinism():
    X, T = two_moons(101, 0.1, seed=5)
    assert X.shape == (101, 2) and T.shape == (101, 1)
    assert set(np.unique(T)) == {0.0, 1.0}
    assert int(T.sum()) == 51  # class 0 first (50 points), then class 1
    X2, T2 = two_moons(101, 0.1, seed=5)
    assert np.array_equal(X, X2) and np.array_equal(T, T2)
    assert not np.array_equal(X, two_moons(101, 0.1, seed=6)[0])


def test_noiseless_moons_lie_on_their_arcs_inside_the_box():
    X, T = two_moons(200, 0.0, seed=0)
    original = (X - 0.5) / 0.6 + np.array([0.5, 0.25])  # undo the documented shift and scale
    upper, lower = original[T.ravel() == 0], original[T.ravel() == 1]
    assert np.allclose(np.hypot(upper[:, 0], upper[:, 1]), 1.0)
    assert np.all(upper[:, 1] >= -1e-12)  # upper half circle
    assert np.allclose(np.hypot(lower[:, 0] - 1.0, lower[:, 1] - 0.5), 1.0)
    assert np.all(lower[:, 1] <= 0.5 + 1e-12)
    assert X.min() > -0.5 and X.max() < 1.5


def test_add_point_appends_without_changing_the_inputs():
    X, T = xor()
    X2, T2 = add_point(X, T, 0.25, 0.75, 1)
    assert X2.shape == (5, 2) and T2.shape == (5, 1)
    assert X2[-1].tolist() == [0.25, 0.75] and T2[-1, 0] == 1.0
    assert X.shape == (4, 2)  # the original is untouched
    X3, T3 = add_point(np.empty((0, 2)), np.empty((0, 1)), 1.0, 0.0, 0)
    assert X3.tolist() == [[1.0, 0.0]] and T3.tolist() == [[0.0]]


@pytest.mark.parametrize("kwargs, error", [
    ({"label": 2}, ValueError), ({"x": "a"}, TypeError), ({"x": float("nan")}, ValueError)])
def test_add_point_validates(kwargs, error):
    X, T = xor()
    args = {"x": 0.0, "y": 0.0, "label": 0} | kwargs
    with pytest.raises(error):
        add_point(X, T, **args)


def test_two_moons_validates():
    with pytest.raises(ValueError, match="noise"):
        two_moons(10, -0.1)
    with pytest.raises(TypeError, match="n"):
        two_moons(10.5)
