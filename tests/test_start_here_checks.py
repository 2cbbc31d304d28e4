"""00_start_here's warm-up check: predict(x, w, b) = w·x + b. Expected values are plain math."""

import numpy as np

from helpers.checks import check_predict
from helpers.solutions import predict


def test_reference_predict():
    assert predict(2.0, 1.5, 0.5) == 3.5
    np.testing.assert_allclose(predict(np.array([0.0, 1.0]), 2.0, -1.0), [-1.0, 1.0])


def test_check_predict_passes_on_reference():
    result = check_predict(predict)
    assert result.passed
    assert "Correct" in repr(result)


def test_check_predict_fails_on_wrong_formula():
    result = check_predict(lambda x, w, b: w * x - b)
    assert not result.passed
    assert "predict(2, 1.5, 0.5) is 2.5, expected 3.5" in result.message
    assert "multiply x by w" in result.hint


def test_check_predict_fails_on_stub_crash_and_wrong_shape():
    def stub(x, w, b):
        raise NotImplementedError("replace this line with your code")

    assert "untouched stub" in check_predict(stub).message
    assert "ZeroDivisionError" in check_predict(lambda x, w, b: 1 / 0).message
    result = check_predict(lambda x, w, b: np.array([w * x + b, 0.0]))
    assert not result.passed and "shape (2,)" in result.message
    result = check_predict(lambda x, w, b: float(np.sum(w * np.asarray(x) + b)))
    assert not result.passed and "shape ()" in result.message  # array x needs an array back
