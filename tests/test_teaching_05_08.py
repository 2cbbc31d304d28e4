"""What notebooks 05–08 claim, and their new exercises: each check passes its reference and
fails at least two typical wrong answers; hints and self-checks exist and give nothing away.

Expected values are computed here independently (plain numpy, closed forms, or finite
differences), never by re-running the code under test.
"""

import numpy as np
import pytest

from helpers import Network
from helpers.checks import check_descent_check, check_gradient_check
from helpers.checks.hints import hint_tiers, self_check_questions
from helpers.datasets import two_moons, xor
from helpers.layer_backprop import dead_units, delta_trace, numerical_deltas
from helpers.momentum import critical_momentum, momentum_sweep, slowest_rate
from helpers.replication import censored_median, fraction_solved, median_run
from helpers.sanity import (
    GRADIENT_CHECK_PASS,
    expected_initial_loss,
    gradient_check_verdict,
    layer_statistics,
    live_training,
    update_ratios,
)
from helpers.solutions import descent_check, gradient_check


# --- 05: momentum and critical damping ----------------------------------------------------
def test_critical_momentum_is_the_double_root_of_the_step():
    lr, lam = 0.1, 0.15734
    beta = critical_momentum(lr, lam)
    # r² − (1 + β − lr·λ) r + β = 0 has a double root where its discriminant vanishes
    assert (1 + beta - lr * lam) ** 2 - 4 * beta == pytest.approx(0.0, abs=1e-12)
    assert slowest_rate(lr, beta, lam) == pytest.approx(1 - np.sqrt(lr * lam), rel=1e-6)
    assert slowest_rate(lr, 0.0, lam) == pytest.approx(1 - lr * lam)
    with pytest.raises(ValueError, match="lr·curvature"):
        critical_momentum(1.0, 4.6)


def test_momentum_sweep_is_best_near_critical_damping_and_worse_than_none_near_one():
    lam_min = np.linalg.eigvalsh(np.array([[np.mean(np.arange(1, 7) ** 2 / 4),
                                            np.mean(np.arange(1, 7) / 2)],
                                           [np.mean(np.arange(1, 7) / 2), 1.0]]))[0]
    betas = np.linspace(0, 0.98, 99)
    final = momentum_sweep(betas, start=(4.0, 3.0), lr=0.1, epochs=100)
    assert abs(betas[np.argmin(final)] - critical_momentum(0.1, lam_min)) < 0.02
    assert final[-1] > final[0]  # far too much momentum ends worse than none


def test_largest_stable_lr_check_passes_2_over_lambda_max_and_names_the_usual_slips():
    from helpers.checks import check_largest_stable_lr
    from helpers.solutions import largest_stable_lr

    assert check_largest_stable_lr(largest_stable_lr)
    # the bowl 2·θ1² + 12.5·θ2² has curvatures 4 and 25: the limit is 2/25 = 0.08, checked
    # here by running plain descent on the steep coordinate just below and just above it
    for lr, grows in ((0.0792, False), (0.0808, True)):
        d = 1.0
        for _ in range(300):
            d -= lr * 25 * d
        assert (abs(d) > 1) == grows
    assert largest_stable_lr(2.0, 12.5) == pytest.approx(0.08)
    slips = {"1/λ_max": lambda a1, a2: 1 / (2 * max(a1, a2)),
             "2/λ_min": lambda a1, a2: 2 / (2 * min(a1, a2)),
             "coefficient": lambda a1, a2: 2 / max(a1, a2),
             "always a2": lambda a1, a2: 1 / a2}
    words = {"1/λ_max": "zig-zag", "2/λ_min": "shallow", "coefficient": "second derivative",
             "always a2": "shallow"}
    for name, slip in slips.items():
        result = check_largest_stable_lr(slip)
        assert not result and words[name] in repr(result), name
    # a conservative answer below the limit is stable, just not the largest; one above diverges
    cautious = check_largest_stable_lr(lambda a1, a2: 0.99 / max(a1, a2))
    assert not cautious and "too small" in cautious.message and "diverges" not in cautious.message
    bold = check_largest_stable_lr(lambda a1, a2: 1.5 / max(a1, a2))
    assert not bold and "too large" in bold.message and "diverges" in bold.message


def test_self_check_critical_momentum_number_is_the_formula_rounded():
    question = self_check_questions("gradient_descent")[2]
    value = (1 - np.sqrt(0.1 * 0.16)) ** 2  # 0.763…
    assert f"≈ {value:.2f}" in question.options[question.answer]


# 05's neuron, computed here from scratch: six points on t = 2x − 1, L = ½·mean((t − a)²)
X_05 = np.arange(1, 7) / 2
T_05 = 2 * X_05 - 1
H_05 = np.array([[np.mean(X_05**2), np.mean(X_05)], [np.mean(X_05), 1.0]])


def _plain_descent_05(lrs, start=(4.0, 3.0), epochs=100):
    """(final loss per lr, start loss): 100 plain steps for every lr at once, by hand."""
    lrs = np.asarray(lrs, dtype=float)
    w, b = np.full_like(lrs, start[0]), np.full_like(lrs, start[1])
    with np.errstate(all="ignore"):
        for _ in range(epochs):
            error = w[:, None] * X_05 + b[:, None] - T_05  # a − t, one row per lr
            w, b = w - lrs * np.mean(error * X_05, axis=1), b - lrs * np.mean(error, axis=1)
        loss = 0.5 * np.mean((w[:, None] * X_05 + b[:, None] - T_05) ** 2, axis=1)
    return loss, 0.5 * np.mean((start[0] * X_05 + start[1] - T_05) ** 2)


def test_the_learners_loop_with_theta_gradient_agrees_with_descent_path():
    from helpers import descent_path, theta_gradient
    from helpers.solutions import gradient_descent

    path = gradient_descent(theta_gradient, np.array([4.0, 3.0]), 0.1, 100)
    expected = descent_path((4.0, 3.0), 0.1, 100).path[-1]
    assert np.allclose(path[-1], expected)
    assert np.max(np.abs(path[-1] - expected)) < 1e-13  # "about 1e-15": round-off only
    w, b = 4.0, 3.0
    for _ in range(100):  # the same loop by hand
        error = w * X_05 + b - T_05
        w, b = w - 0.1 * np.mean(error * X_05), b - 0.1 * np.mean(error)
    np.testing.assert_allclose(path[-1], [w, b], atol=1e-13)


def test_the_lr_sweep_counts_as_notebook_05_says():
    from helpers import final_loss_sweep

    lrs = np.logspace(-3, 1, 400)
    final, start_loss = _plain_descent_05(lrs)
    lam_min, lam_max = np.linalg.eigvalsh(H_05)
    cut = ~np.isfinite(final) | (final > 1e4 * start_loss)  # the cutoff the text states
    past = lrs > 2 / lam_max
    assert (cut.sum(), past.sum()) == (136, 137)
    assert np.array_equal(~np.isfinite(final_loss_sweep(lrs, start=(4.0, 3.0))), cut)
    (slow,) = np.flatnonzero(past & ~cut)  # the one run past the limit, under the cutoff
    assert f"{lrs[slow]:.3f}" == "0.433" and f"{abs(1 - lrs[slow] * lam_max):.3f}" == "1.007"
    assert 3.5 < final[slow] / start_loss < 4.5  # "merely quadrupled"
    assert final[slow] > 1e2  # above the plot's ylim: drawn at the top edge
    assert f"{lrs[np.nanargmin(np.where(cut, np.nan, final))]:.3f}" == "0.404"


def test_two_over_the_curvature_sum_is_the_best_worst_case_lr_not_the_best_for_our_start():
    lam_min, lam_max = np.linalg.eigvalsh(H_05)
    grid = np.linspace(0.3, 0.43, 13001)
    worst = np.maximum(np.abs(1 - grid * lam_min), np.abs(1 - grid * lam_max))
    assert grid[np.argmin(worst)] == pytest.approx(2 / (lam_min + lam_max), abs=1e-5)
    (at_sweep, at_formula), _ = _plain_descent_05([0.40412553329506, 2 / (lam_min + lam_max)])
    assert (f"{at_sweep:.1e}", f"{at_formula:.1e}") == ("1.2e-06", "3.7e-05")

# --- 06: δ for one sample, dead units -----------------------------------------------------
@pytest.mark.parametrize("sizes, activation", [((2, 2, 1), "sigmoid"), ((2, 3, 2, 1), "tanh"),
                                               ((2, 4, 3, 1), "relu")])
def test_delta_trace_matches_the_definition_and_the_batch_gradients(sizes, activation):
    net = Network(list(sizes), activation=activation, output_activation="sigmoid", seed=3)
    x, t = np.array([0.3, -0.7]), np.array([1.0])
    trace = delta_trace(net, x, t)
    for got, numeric in zip(trace.delta, numerical_deltas(net, x, t), strict=True):
        np.testing.assert_allclose(got, numeric, rtol=1e-6, atol=1e-9)
    _, dL_dW, dL_db = net.gradients(x[None, :], t[None, :])  # a batch of one sample
    for a, b in zip(trace.dL_dW + trace.dL_db, dL_dW + dL_db, strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-12, atol=1e-15)


def test_the_hidden_delta_of_notebook_06_by_hand():
    net = Network([2, 2, 1], seed=3)
    X, T = xor()
    trace = delta_trace(net, X[1], T[1])
    W1, b1, W2, b2 = net.weights[0], net.biases[0], net.weights[1], net.biases[1]
    a1 = 1 / (1 + np.exp(-(W1 @ X[1] + b1)))
    a2 = 1 / (1 + np.exp(-(W2 @ a1 + b2)))
    delta2 = (a2 - T[1]) * a2 * (1 - a2)
    np.testing.assert_allclose(trace.delta[1], delta2)
    np.testing.assert_allclose(trace.delta[0], delta2[0] * W2[0] * a1 * (1 - a1))


def test_dead_units_are_exactly_the_units_silent_on_every_input():
    net = Network([2, 3, 1], activation="relu", output_activation="sigmoid", seed=0)
    W, b = net.get_params()
    W[0][1] = [0.0, 0.0]
    b[0][1] = -1.0  # unit 2: z = −1 for every input
    net.set_params(W, b)
    X, _ = two_moons(50, 0.1, 0)
    dead = dead_units(net, X)
    assert dead[0][1] and len(dead) == 1
    assert not dead[0][[0, 2]].all() or np.all(net.forward_all(X).a[1][:, [0, 2]] == 0)


def _relu_forward(weights, biases, X):
    """Every layer's a of a ReLU net with a sigmoid output, in plain numpy."""
    layers = [X]
    for index, (W, b) in enumerate(zip(weights, biases, strict=True)):
        z = layers[-1] @ W.T + b
        layers.append(1 / (1 + np.exp(-z)) if index == len(weights) - 1 else np.maximum(z, 0))
    return layers


def test_a_too_large_learning_rate_kills_relu_units_as_notebook_06_says():
    from helpers import train

    X, T = two_moons(100, 0.1, 0)
    net = Network([2, 8, 8, 1], activation="relu", output_activation="sigmoid", seed=3)
    for steps in (5, 500):  # "after five steps 9 of the 16 … 500 steps later stuck there still"
        trained = train(net, X, T, lr=50.0, epochs=steps).network
        a = _relu_forward(trained.weights, trained.biases, X)
        dead = sum(int(np.sum(np.all(layer == 0, axis=0))) for layer in a[1:-1])
        assert dead == 9
        assert a[-1].max() < 1e-30  # "the output is below 10⁻³⁰ for every point"


def test_relu_separates_the_moons_in_notebook_06_s_explorer():
    from helpers.widgets import make_network_explorer

    explorer = make_network_explorer()
    explorer.set(dataset="moons", hidden=8, activation="relu")  # "switch to moons, 8 …, relu"
    trained = explorer.view.history.network
    X, T = two_moons(100, 0.1, 0)
    outputs = _relu_forward(trained.weights, trained.biases, X)[-1]
    assert explorer.values()["lr"] == 5.0 and explorer.errors == []
    assert np.all((outputs >= 0.5) == (T >= 0.5))  # every one of the 100 points right


# --- 07: the one scale, the learner's checks, the sanity checks ----------------------------
def test_one_gradient_check_scale():
    assert gradient_check_verdict(GRADIENT_CHECK_PASS / 2) == "pass"
    assert gradient_check_verdict(2.9e-7) == "pass"  # bug 3's old reading is now a pass
    assert gradient_check_verdict(1.5e-3) == "look closer"
    assert gradient_check_verdict(0.3) == "wrong"
    assert gradient_check_verdict(float("nan")).startswith("wrong")


def mean_not_max(loss_fn, params, grads, eps=1e-6):
    """A typical slip: averaging the relative error, which hides one wrong entry."""
    errors = []
    for k, p in enumerate(params):
        for i in np.ndindex(p.shape):
            up = [q.copy() for q in params]
            down = [q.copy() for q in params]
            up[k][i] += eps
            down[k][i] -= eps
            n = (loss_fn(up) - loss_fn(down)) / (2 * eps)
            errors.append(abs(grads[k][i] - n) / max(abs(grads[k][i]) + abs(n), 1e-8))
    return float(np.mean(errors))


def one_sided_big_eps(loss_fn, params, grads):
    """Another: a one-sided difference with a large ε, too inaccurate to pass right grads."""
    worst = 0.0
    for k, p in enumerate(params):
        for i in np.ndindex(p.shape):
            up = [q.copy() for q in params]
            up[k][i] += 1e-2
            n = (loss_fn(up) - loss_fn(params)) / 1e-2
            worst = max(worst, abs(grads[k][i] - n) / max(abs(grads[k][i]) + abs(n), 1e-8))
    return worst


def stub(*args):
    raise NotImplementedError("replace this line with your code")


def test_gradient_check_exercise():
    assert check_gradient_check(gradient_check).passed
    for wrong, words in [(mean_not_max, "misses a real bug"),
                         (one_sided_big_eps, "not accurate enough"),
                         (lambda *a: "small", "returned str"),
                         (stub, "untouched stub")]:
        result = check_gradient_check(wrong)
        assert not result.passed and words in result.message, result


def steps_by_itself(loss_fn, params, grads, update):
    """A typical slip: ignoring the update rule it was given (so it cannot catch its bug)."""
    return loss_fn([p - 1e-3 * g for p, g in zip(params, grads, strict=True)]) < loss_fn(params)


def test_descent_check_exercise():
    assert check_descent_check(descent_check).passed
    for wrong, words in [(steps_by_itself, "wrong sign"),
                         (lambda f, p, g, u: f(u(p, g, 1e-3)) > f(p), "expected True"),
                         (lambda f, p, g, u: 1, "returned int"),
                         (stub, "untouched stub")]:
        result = check_descent_check(wrong)
        assert not result.passed and words in result.message, result


def _backward(net, X, T):
    fp = net.forward_all(X)
    dL_da = (fp.a[-1] - T) / len(X)
    dW, db = [], []
    for layer in reversed(range(len(net.weights))):
        a = fp.a[layer + 1]
        delta = dL_da * a * (1 - a)
        dW.insert(0, delta.T @ fp.a[layer])
        db.insert(0, delta.sum(axis=0))
        dL_da = delta @ net.weights[layer]
    return dW, db


def _descend(params, grads, lr):
    return [p - lr * g for p, g in zip(params, grads, strict=True)]


def _ascend(params, grads, lr):
    return [p + lr * g for p, g in zip(params, grads, strict=True)]


def test_live_training_runs_the_learners_checks_and_they_catch_injected_bugs():
    X, T = two_moons(64, 0.1, 0)
    net = Network([2, 4, 1], seed=0)
    checks = {"gradient_check": gradient_check, "descent_check": descent_check}
    ok = live_training(_backward, _descend, net, X, T, epochs=50, **checks)
    assert ok.gradient_error < GRADIENT_CHECK_PASS and ok.descends
    assert ok.loss[-1] < ok.loss[0] and "→ pass" in ok.report

    def summed(net, X, T):  # bug 5: no / n
        dW, db = _backward(net, X, T)
        return [len(X) * g for g in dW], [len(X) * g for g in db]

    assert live_training(summed, _descend, net, X, T, epochs=1, **checks).gradient_error > 0.9
    wrong_sign = live_training(_backward, _ascend, net, X, T, epochs=1, **checks)
    assert wrong_sign.gradient_error < GRADIENT_CHECK_PASS and wrong_sign.descends is False
    not_written = live_training(_backward, _descend, net, X, T, epochs=1, gradient_check=stub,
                                descent_check=stub)
    assert "not written yet" in not_written.report


def test_sanity_checks():
    X, T = two_moons(64, 0.1, 0)
    assert expected_initial_loss(T) == pytest.approx(0.125)
    assert expected_initial_loss(np.ones((5, 1))) == pytest.approx(0.125)
    net = Network([2, 4, 1], seed=0)
    big = Network([2, 4, 1], seed=0)
    big.set_params([20 * W for W in big.weights], [20 * b for b in big.biases])
    assert min(update_ratios(big, X, T, 20.0)) < 1e-6 < min(update_ratios(net, X, T, 20.0))
    stats = layer_statistics(net, X, T)
    _, dL_dW, _ = net.gradients(X, T)
    fp = net.forward_all(X)
    for delta, a_prev, g in zip(stats.deltas, fp.a[:-1], dL_dW, strict=True):
        np.testing.assert_allclose(delta.T @ a_prev, g, rtol=1e-10, atol=1e-15)


def test_every_broken_run_of_the_gallery_ends_above_the_fixed_baseline():
    from helpers import bug_gallery

    entries = bug_gallery()
    fixed = entries["2 no gradient reset"].fixed_loss[-1]
    assert all(e.broken_loss[-1] > fixed for n, e in entries.items() if not n.startswith("1"))
    verdicts = {n: gradient_check_verdict(e.broken_error) for n, e in entries.items()}
    assert verdicts["3 wrong sign"] == "pass" and verdicts["6 saturated init"] == "look closer"
    assert all(verdicts[n] == "wrong" for n in entries if n[0] in "1245")
    assert all(e.fixed_error < GRADIENT_CHECK_PASS for e in entries.values())


# 07, section 2 and bugs 1, 2, 6, recomputed by hand (numpy forward and backward passes)
def _sigmoid(z):
    return 0.5 * (1 + np.tanh(z / 2))  # = 1/(1 + e^(−z)), without overflow


def _by_hand(Ws, bs, X, T):
    """Activations, pre-activations, δ and dL/dW of ½·mean((a − t)²), by plain numpy."""
    a, zs = [X], []
    for W, b in zip(Ws, bs, strict=True):
        zs.append(a[-1] @ W.T + b)
        a.append(_sigmoid(zs[-1]))
    deltas, dW = [None] * len(Ws), [None] * len(Ws)
    dL_da = (a[-1] - T) / len(X)
    for k in reversed(range(len(Ws))):
        deltas[k] = dL_da * a[k + 1] * (1 - a[k + 1])
        dW[k] = deltas[k].T @ a[k]
        dL_da = deltas[k] @ Ws[k]
    return a[1:], zs, deltas, dW


def test_the_x20_nets_hidden_layer_is_on_the_slope_and_its_output_is_flat():
    X, T = two_moons(64, 0.1, 0)
    net = Network([2, 4, 1], seed=0)
    a, z, deltas, _ = _by_hand([20 * W for W in net.weights], [20 * b for b in net.biases], X, T)
    on_slope = (a[0] > 0.05) & (a[0] < 0.95)
    assert on_slope.sum() == 111 and a[0].size == 256
    assert on_slope[:, 0].all()  # hidden unit 1: all 64 samples on the slope
    assert f"{np.mean(a[0] * (1 - a[0])):.1e}" == "7.8e-02"
    assert (f"{z[1].min():.1f}", f"{z[1].max():.1f}") == ("-19.4", "-7.7")
    assert a[1].max() < 5e-4 and f"{np.mean(a[1] * (1 - a[1])):.0e}" == "3e-05"
    assert all(np.abs(d).max() < 1e-8 for d in deltas)  # every δ, hidden ones included
    stuck = layer_statistics(_x20(net), X, T)  # what the notebook plots and prints
    for mine, theirs in zip(a, stuck.activations, strict=True):
        np.testing.assert_allclose(mine, theirs, rtol=1e-8)


def _x20(net):
    big = net.copy()
    big.set_params([20 * W for W in net.weights], [20 * b for b in net.biases])
    return big


def test_the_update_ratios_of_notebook_07_are_lr_and_the_output_gradient():
    X, T = two_moons(64, 0.1, 0)
    net = Network([2, 4, 1], seed=0)
    _, _, _, dW = _by_hand(net.weights, net.biases, X, T)
    g = [np.linalg.norm(d) for d in dW]
    w = [np.linalg.norm(W) for W in net.weights]
    assert f"{g[1] / g[0]:.1f}" == "4.5" and f"{w[0] / w[1]:.1f}" == "1.7"
    ratios = [20 * gi / wi for gi, wi in zip(g, w, strict=True)]
    assert [f"{r:.0e}" for r in ratios] == ["1e-01", "1e+00"]
    np.testing.assert_allclose(update_ratios(net, X, T, lr=20.0), ratios, rtol=1e-10)


def test_with_assign_only_the_first_rows_share_survives():
    from helpers import graph_gradients_broken

    X, T = xor()
    assert X[0].tolist() == [0.0, 0.0]
    net = Network([2, 2, 1], seed=3)
    dW_broken, _ = graph_gradients_broken(net, X, T)
    _, _, _, dW_first = _by_hand(net.weights, net.biases, X[:1], T[:1])  # row 0 alone
    for broken, first in zip(dW_broken, dW_first, strict=True):
        np.testing.assert_allclose(broken, first / len(X), rtol=1e-9, atol=1e-15)
    assert not np.any(dW_broken[0])


def test_bug_2_looks_fine_for_a_while_as_the_explorer_text_says():
    from helpers import bug_gallery

    X, T = two_moons(64, 0.1, 0)
    curves = {}
    for reset in (True, False):  # 1000 steps of lr 20 by hand, with and without the reset
        net = Network([2, 4, 1], seed=0)
        Ws, bs, used, losses = list(net.weights), list(net.biases), None, []
        for _ in range(1001):
            a, _, deltas, dW = _by_hand(Ws, bs, X, T)
            losses.append(0.5 * np.mean((a[-1] - T) ** 2))
            grads = dW + [d.sum(axis=0) for d in deltas]
            used = grads if reset or used is None else [u + g for u, g in zip(used, grads,
                                                                                strict=True)]
            Ws = [W - 20 * g for W, g in zip(Ws, used[:2], strict=True)]
            bs = [b - 20 * g for b, g in zip(bs, used[2:], strict=True)]
        curves[reset] = np.array(losses)
    fixed, broken = curves[True], curves[False]
    entry = bug_gallery()["2 no gradient reset"]
    # the same runs as the gallery's (1000 steps of lr 20 amplify round-off: compare to 601)
    np.testing.assert_allclose(entry.fixed_loss[:601], fixed[:601], rtol=1e-6)
    np.testing.assert_allclose(entry.broken_loss[:601], broken[:601], rtol=1e-6)
    assert np.sum(broken[1:21] < fixed[1:21]) == 16  # 16 of the first 20 steps below
    ratio = broken / fixed
    assert ratio[:601].max() <= 1.5 < ratio[601:].max()  # within 1.5× up to step 600


def test_the_pass_line_holds_every_fixed_run_and_bug_6s_right_gradient_sits_above_it():
    from helpers import bug_gallery

    entries = bug_gallery()
    assert f"{max(e.fixed_error for e in entries.values()):.0e}" == "6e-07"
    assert f"{entries['6 saturated init'].broken_error:.0e}" == "2e-03"

# --- 08: censored summaries ----------------------------------------------------------------
def test_censored_median_counts_unsolved_runs():
    sweeps = [100, None, 300, 200]
    assert censored_median(sweeps, 1000).value == pytest.approx(250.0)  # 200, 300 in the middle
    assert censored_median([100, None, None, 200], 1000).text == "> 1,000"
    np.testing.assert_allclose(fraction_solved(sweeps, [0, 150, 250, 5000]),
                               [0.0, 0.25, 0.5, 0.75])
    assert median_run([4, 5, 6, 7], [30, None, 10, 20]) == 7


def test_the_papers_runs_summarised_honestly():
    from helpers.rumelhart import run_seeds

    study = run_seeds(range(20), epochs=6000)
    solved = sorted(s for s in study.sweeps if s is not None)
    ordered = solved + [np.inf] * (20 - len(solved))
    assert censored_median(study.sweeps, 6000).value == pytest.approx(np.mean(ordered[9:11]))
    assert censored_median(study.sweeps, 6000).value > np.median(solved)


# --- hints and self-checks -----------------------------------------------------------------
EXERCISES = {
    "gradient_descent": "θ − lr",
    "largest_stable_lr": "max(a1, a2)",
    "momentum_descent": "momentum·v",
    "matrix_backprop": "δᵀ",
    "gradients_2_2_1": "X, not",
    "gradient_check": "np.ndindex",
    "descent_check": "1e-3",
    "hand_set_weights": "−10",
}


@pytest.mark.parametrize("name, answer_words", EXERCISES.items())
def test_hints_are_tiered_and_the_first_never_gives_the_answer(name, answer_words):
    tiers = hint_tiers(name)
    assert len(tiers) >= 2
    assert answer_words not in tiers[0]
    assert answer_words in " ".join(tiers[1:])


@pytest.mark.parametrize("topic", ["gradient_descent", "multilayer", "bugs", "rumelhart"])
def test_every_notebook_has_a_three_question_self_check_with_feedback(topic):
    questions = self_check_questions(topic)
    assert len(questions) == 3
    assert all(len(set(q.why)) == len(q.options) for q in questions)


# --- the δ explorer ------------------------------------------------------------------------
def test_delta_flow_explorer_steps_back_one_layer_per_step():
    from helpers.widgets import make_delta_flow_explorer

    explorer = make_delta_flow_explorer()
    seen = set()
    for step in range(4):
        explorer.controls["step"].value = step
        seen.add(explorer.readout.value)
    assert len(seen) == 4 and not explorer.errors
    explorer.controls["step"].value = 1
    X, T = xor()
    net = Network([2, 3, 2, 1], seed=1)
    trace = delta_trace(net, X[1], T[1])
    assert f"{trace.delta[-1][0]:+.4f}" in explorer.readout.value
    for control, value in [("sample", 3), ("weights", "after training")]:
        before = explorer.readout.value
        explorer.controls[control].value = value
        assert explorer.readout.value != before


# --- 08's figures ----------------------------------------------------------------------------
def test_replication_figures_draw_what_they_say():
    from matplotlib.figure import Figure

    from helpers.plots.replication import (
        plot_fraction_solved,
        plot_loss_runs,
        plot_weight_squares,
    )
    from helpers.solutions import hand_set_weights

    ax = Figure().subplots()
    (line,) = plot_fraction_solved(ax, {"runs": [10, None, 30, 20]}, epochs=40, paper_sweeps=25)
    assert line.get_ydata()[-1] == pytest.approx(0.75) and "75% by 40" in line.get_label()
    ax = Figure().subplots()
    squares = plot_weight_squares(ax, *hand_set_weights())
    assert len(squares) == 2 * 7 + 3  # 2 hidden rows (6 weights + bias), output (2 + bias)
    W1 = hand_set_weights()[0]
    sides = [s.get_width() for s in squares[:6]]
    np.testing.assert_allclose(np.square(sides) / np.square(sides).max(),
                               np.abs(W1[0]) / np.abs(W1[0]).max())  # area ∝ |w|
    assert squares[0].get_facecolor() != squares[3].get_facecolor()  # +w and −w differ
    ax = Figure().subplots()
    lines = plot_loss_runs(ax, {"a": [4.0, 1.0, 0.01], "b": [4.0, 4.0, 3.0]})
    assert lines[0].get_linestyle() != lines[1].get_linestyle()


def test_bugs_self_check_premise_is_a_loss_the_course_can_show():
    """07's self-check asks about a start at loss 0.25: that is where the ×20 net starts, and
    no sigmoid output with 0/1 targets can go above ½ (the old premise, 0.9, could not occur)."""
    X, T = two_moons(64, 0.1, 0)
    saturated = Network([2, 4, 1], seed=0)
    saturated.set_params([20 * W for W in saturated.weights], [20 * b for b in saturated.biases])
    a = saturated.forward(X)
    loss = 0.5 * np.mean((a - T) ** 2)
    assert abs(loss - 0.25) < 0.01 and np.all((a > 0) & (a < 1))  # ½·(a − t)² < ½ always
    question = self_check_questions("bugs")[1]
    assert "0.25" in question.prompt and "0.9" not in question.prompt


def test_multiplication_count_of_forward_and_backward_passes():
    """06 and 10 say backward ≤ 2× forward: counted by hand for a 2-3-1 net on 4 samples.
    Forward: X(4×2)·W1ᵀ(2×3) = 24, A1(4×3)·W2ᵀ(3×1) = 12. Backward: δ1ᵀ·X = 24, δ2ᵀ·A1 = 12,
    δ2(4×1)·W2(1×3) = 12 to send δ back to the hidden layer (none to the inputs)."""
    from helpers import multiplications

    cost = multiplications([2, 3, 1], 4)
    assert (cost.forward, cost.backward) == (36, 48)
    for sizes in ([2, 2, 1], [2, 8, 8, 1], [64, 32, 10], [5, 7, 7, 7, 3]):
        cost = multiplications(sizes, 10)
        assert cost.forward < cost.backward <= 2 * cost.forward
    with pytest.raises(ValueError, match="sizes"):
        multiplications([3], 4)
