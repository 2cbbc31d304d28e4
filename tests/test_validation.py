"""Shared validation: types, NaN/inf, shapes, emptiness, and messages that name the argument."""

import math

import numpy as np
import pytest

from helpers._validate import (
    as_float,
    as_float_array,
    check_choice,
    check_int,
    check_lr,
    check_momentum,
    positive_float,
)


def test_accepts_numbers_and_arrays_as_float64():
    assert as_float_array(3, "x").dtype == np.float64
    assert as_float_array([1, 2], "x").tolist() == [1.0, 2.0]
    assert as_float_array(np.arange(3, dtype=np.int32), "x").dtype == np.float64
    assert as_float(np.float32(0.5), "x") == 0.5 and as_float(2, "x") == 2.0
    assert as_float_array([math.inf], "x", allow_inf=True)[0] == math.inf
    assert as_float_array([], "x", allow_empty=True).shape == (0,)
    assert as_float_array(np.zeros((2, 3)), "X", ndim=2, shape=(None, 3)).shape == (2, 3)


@pytest.mark.parametrize(
    ("value", "error", "needle"),
    [
        ("1.0", TypeError, "x must be a number"),
        (b"1", TypeError, "x must be a number"),
        (None, TypeError, "x must be a number"),
        (True, TypeError, "boolean"),
        (np.array([True, False]), TypeError, "boolean array"),
        (1 + 2j, TypeError, "complex"),
        ([1.0, "a"], TypeError, "x"),
        (object(), TypeError, "x"),
        ([[1.0, 2.0], [3.0]], ValueError, "x must be a rectangular array"),
        ([1.0, math.nan], ValueError, "x contains NaN or inf at index (1,)"),
        ([1.0, -math.inf], ValueError, "x contains NaN or inf"),
        ([], ValueError, "x is empty"),
        (np.zeros((0, 2)), ValueError, "x is empty (shape (0, 2))"),
    ],
)
def test_as_float_array_rejects(value, error, needle):
    with pytest.raises(error) as info:
        as_float_array(value, "x")
    assert needle in str(info.value)


def test_shape_and_ndim_messages():
    with pytest.raises(ValueError) as info:
        as_float_array([1.0, 2.0], "weights", shape=(3,), match="to match inputs")
    assert str(info.value) == "weights has shape (2,), expected (3,) to match inputs"
    with pytest.raises(ValueError, match=r"X must be 2-D, got 1-D with shape \(3,\)"):
        as_float_array([1, 2, 3], "X", ndim=2)
    with pytest.raises(ValueError, match=r"expected \(n, 3\)"):
        as_float_array(np.zeros((2, 2)), "X", shape=(None, 3))


def test_momentum_must_be_in_zero_one():
    assert check_momentum(0) == 0.0 and check_momentum(0.9) == 0.9
    for bad in (1.0, -0.1, 2):
        with pytest.raises(ValueError, match=r"momentum must be in \[0, 1\)"):
            check_momentum(bad)


def test_scalar_checks():
    with pytest.raises(ValueError, match="lr"):
        as_float([1.0, 2.0], "lr")
    with pytest.raises(ValueError, match="lr must be a finite number"):
        as_float(math.inf, "lr")
    assert as_float(math.inf, "z", allow_inf=True) == math.inf
    with pytest.raises(ValueError, match="eps must be > 0"):
        positive_float(0, "eps")
    with pytest.raises(ValueError, match=r"lr \(learning rate\) must be > 0"):
        check_lr(-0.1)
    assert check_lr(0.1) == 0.1


def test_int_and_choice_checks():
    assert check_int(np.int64(3), "epochs") == 3
    with pytest.raises(TypeError, match="epochs must be an int"):
        check_int(3.0, "epochs")
    with pytest.raises(TypeError, match="epochs"):
        check_int(True, "epochs")
    with pytest.raises(ValueError, match="epochs must be >= 1"):
        check_int(0, "epochs", minimum=1)
    assert check_choice("sum", "reduction", ("mean", "sum")) == "sum"
    with pytest.raises(ValueError) as info:
        check_choice("avg", "reduction", ("sum", "mean"))
    assert str(info.value) == "reduction must be one of 'mean', 'sum'; got 'avg'"
    with pytest.raises(TypeError, match="reduction must be a str"):
        check_choice(1, "reduction", ("mean", "sum"))
