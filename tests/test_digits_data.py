"""09's data: scikit-learn's bundled handwritten digits, split and scaled by helpers."""

import numpy as np
import pytest
from sklearn.datasets import load_digits as sklearn_digits

from helpers.datasets import DIGITS_SOURCE, load_digits, one_hot


def test_digits_shapes_ranges_and_one_hot_targets():
    X_train, T_train, X_test, T_test = load_digits()
    assert X_train.shape == (1347, 64) and X_test.shape == (450, 64)
    assert T_train.shape == (1347, 10) and T_test.shape == (450, 10)
    for X in (X_train, X_test):
        assert X.dtype == np.float64 and X.min() == 0.0 and X.max() == 1.0
        assert np.all(np.isin(X * 16, np.arange(17)))  # the original 0..16 counts, /16
    for T in (T_train, T_test):
        assert np.all(np.isin(T, [0.0, 1.0])) and np.all(T.sum(axis=1) == 1.0)


def test_split_is_a_stratified_partition_of_scikit_learns_digits():
    original = sklearn_digits()
    X_train, T_train, X_test, T_test = load_digits(test_fraction=0.25, seed=0)
    # every image (with its label) appears exactly once across the two sets
    rows = np.concatenate([np.hstack([X_train * 16, T_train.argmax(1)[:, None]]),
                           np.hstack([X_test * 16, T_test.argmax(1)[:, None]])])
    expected = np.hstack([original.data, original.target[:, None]])
    assert sorted(map(tuple, rows)) == sorted(map(tuple, expected))
    per_digit = np.bincount(original.target, minlength=10)
    np.testing.assert_array_equal(T_test.sum(axis=0), np.round(0.25 * per_digit))


def test_split_depends_on_seed_and_fraction_only():
    a, b, c = load_digits(seed=0), load_digits(seed=0), load_digits(seed=1)
    assert all(np.array_equal(x, y) for x, y in zip(a, b, strict=True))
    assert not np.array_equal(a[2], c[2])
    assert load_digits(test_fraction=0.5)[2].shape[0] in range(890, 910)


def test_source_names_origin_and_licence():
    for needle in ("scikit-learn", "UCI", "Alpaydin", "CC BY 4.0", "no download"):
        assert needle in DIGITS_SOURCE


def test_one_hot():
    np.testing.assert_array_equal(one_hot([2, 0], 3), [[0, 0, 1], [1, 0, 0]])
    with pytest.raises(ValueError, match="labels must lie in 0..2"):
        one_hot([3], 3)
    with pytest.raises(TypeError, match="labels"):
        one_hot([0.5], 3)


@pytest.mark.parametrize("fraction", [0.0, 1.0, -0.1, 2])
def test_bad_test_fraction_is_named(fraction):
    with pytest.raises(ValueError, match="test_fraction must be between 0 and 1"):
        load_digits(test_fraction=fraction)
