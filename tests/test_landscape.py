"""helpers.landscape: the linear neuron's loss, its gradient, and whole descent runs at once.

Expected values are computed here by hand (plain python loops and formulas), never by the
code under test."""

import math
import warnings

import numpy as np
import pytest

from helpers.landscape import (
    DIVERGENCE_FACTOR,
    T_DATA,
    X_DATA,
    descent_path,
    final_loss_sweep,
    linear_gradient,
    linear_loss,
    loss_grid,
    quadratic_of,
)

XS = [0.5, 1.0, 1.5, 2.0, 2.5, 3.0]
TS = [2 * x - 1 for x in XS]


def loss_by_hand(w, b):
    return 0.5 * sum((t - (w * x + b)) ** 2 for x, t in zip(XS, TS, strict=True)) / len(XS)


def grad_by_hand(w, b):
    n = len(XS)
    dw = sum(-(t - (w * x + b)) * x for x, t in zip(XS, TS, strict=True)) / n
    db = sum(-(t - (w * x + b)) for x, t in zip(XS, TS, strict=True)) / n
    return dw, db


def run_by_hand(w, b, lr, epochs, momentum=0.0):
    path, vw, vb = [(w, b)], 0.0, 0.0
    for _ in range(epochs):
        dw, db = grad_by_hand(w, b)
        vw, vb = momentum * vw - lr * dw, momentum * vb - lr * db
        w, b = w + vw, b + vb
        path.append((w, b))
    return np.array(path)


def test_data_is_the_documented_line():
    assert np.allclose(X_DATA, XS) and np.allclose(T_DATA, TS)


def test_loss_at_the_default_start_is_19_over_12():
    # residuals t − 3 = [−3, −2, −1, 0, 1, 2]: ½·(9 + 4 + 1 + 0 + 1 + 4)/6
    assert linear_loss(0.0, 3.0) == pytest.approx(19 / 12)


def test_loss_and_gradient_broadcast_and_match_hand_computation():
    w = np.array([[0.0, 1.0], [2.5, -1.0]])
    b = np.array([3.0, -2.0])
    L = linear_loss(w, b)
    dw, db = linear_gradient(w, b)
    for i in range(2):
        for j in range(2):
            assert L[i, j] == pytest.approx(loss_by_hand(w[i, j], b[j]))
            assert (dw[i, j], db[i, j]) == pytest.approx(grad_by_hand(w[i, j], b[j]))


def test_quadratic_minimum_and_curvatures():
    q = quadratic_of()
    assert q.minimum == pytest.approx([2.0, -1.0])
    assert q.loss_min == pytest.approx(0.0, abs=1e-20)
    mx, mxx = sum(XS) / 6, sum(x * x for x in XS) / 6
    trace, det = mxx + 1, mxx - mx * mx
    root = math.sqrt(trace * trace - 4 * det)
    assert q.curvatures == pytest.approx([(trace - root) / 2, (trace + root) / 2])


def test_loss_grid_values():
    W, B, L = loss_grid((-1, 5), (-7, 5), 7)
    assert W.shape == B.shape == L.shape == (7, 7)
    assert L[3, 2] == pytest.approx(loss_by_hand(W[3, 2], B[3, 2]))


@pytest.mark.parametrize("lr,momentum", [(0.1, 0.0), (0.4, 0.0), (0.05, 0.8), (0.3, 0.5)])
def test_descent_path_matches_a_plain_loop(lr, momentum):
    run = descent_path((0.0, 3.0), lr, 60, momentum)
    expected = run_by_hand(0.0, 3.0, lr, 60, momentum)
    assert run.diverged_at is None and run.epochs == 60
    assert run.path == pytest.approx(expected, rel=1e-9, abs=1e-9)
    assert run.loss == pytest.approx([loss_by_hand(w, b) for w, b in expected],
                                     rel=1e-7, abs=1e-12)


def test_regimes_slow_good_zigzag_divergent():
    lam_max = quadratic_of().curvatures[1]
    slow = descent_path((0.0, 3.0), 0.001, 200)
    good = descent_path((0.0, 3.0), 0.3, 200)
    zigzag = descent_path((0.0, 3.0), 1.9 / lam_max, 50)
    diverged = descent_path((0.0, 3.0), 2.1 / lam_max, 500)
    assert slow.loss[-1] > 0.5 * slow.loss[0]
    assert good.loss[-1] < 1e-6
    mx, mxx = sum(XS) / 6, sum(x * x for x in XS) / 6
    steep = np.linalg.eigh(np.array([[mxx, mx], [mx, 1.0]]))[1][:, 1]
    across = (zigzag.path - [2.0, -1.0]) @ steep  # position across the valley
    assert np.sum(across[1:] * across[:-1] < 0) > 40  # it jumps to the other side each step
    assert zigzag.diverged_at is None
    assert diverged.diverged_at is not None


def test_divergence_is_cut_finite_and_reported_without_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        run = descent_path((0.0, 3.0), 100.0, 500)
    limit = DIVERGENCE_FACTOR * (19 / 12)
    assert run.diverged_at is not None and run.diverged_at >= 1
    assert len(run.loss) == run.diverged_at == len(run.path)
    assert np.all(np.isfinite(run.path)) and np.all(run.loss <= limit)
    # the first point past the limit, by hand
    hand = run_by_hand(0.0, 3.0, 100.0, run.diverged_at)
    assert loss_by_hand(*hand[-1]) > limit


def test_sweep_matches_single_runs():
    lrs = np.array([0.001, 0.1, 0.4, 1.0])
    final = final_loss_sweep(lrs, epochs=80)
    for lr, value in zip(lrs[:3], final[:3], strict=True):
        w, b = run_by_hand(0.0, 3.0, lr, 80)[-1]
        assert value == pytest.approx(loss_by_hand(w, b), rel=1e-6, abs=1e-14)
    assert final[3] == np.inf


@pytest.mark.parametrize("kwargs,error,word", [
    ({"lr": 0.0}, ValueError, "lr"),
    ({"momentum": 1.0}, ValueError, "momentum"),
    ({"start": (1.0, 2.0, 3.0)}, ValueError, "start"),
    ({"epochs": 10.5}, TypeError, "epochs"),
    ({"epochs": 10**6}, ValueError, "epochs"),
])
def test_bad_inputs_name_the_argument(kwargs, error, word):
    with pytest.raises(error, match=word):
        descent_path(**kwargs)


def test_theta_gradient_is_the_hand_gradient_as_one_array():
    from helpers.landscape import theta_gradient
    g = theta_gradient(np.array([0.5, 1.5]))
    assert g.shape == (2,) and g == pytest.approx(grad_by_hand(0.5, 1.5))
    with pytest.raises(ValueError, match="theta"):
        theta_gradient([1.0, 2.0, 3.0])
