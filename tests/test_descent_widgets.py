"""05_gradient_descent's explorers: every control moves the figure, divergence is shown and
never crashes, the epoch slider scrubs the run. Expected numbers come from hand loops."""


import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402
from explorer_testing import (  # noqa: E402
    non_finite_artists,
)

from helpers.widgets.gradient_descent import (  # noqa: E402
    make_descent_explorer,
    make_landscape_explorer,
)

XS = [0.5, 1.0, 1.5, 2.0, 2.5, 3.0]
TS = [2 * x - 1 for x in XS]


def run_by_hand(w, b, lr, epochs, momentum=0.0):
    vw = vb = 0.0
    for _ in range(epochs):
        dw = sum(-(t - (w * x + b)) * x for x, t in zip(XS, TS, strict=True)) / 6
        db = sum(-(t - (w * x + b)) for x, t in zip(XS, TS, strict=True)) / 6
        vw, vb = momentum * vw - lr * dw, momentum * vb - lr * db
        w, b = w + vw, b + vb
    return w, b, 0.5 * sum((t - (w * x + b)) ** 2 for x, t in zip(XS, TS, strict=True)) / 6


BUILDERS = [make_descent_explorer, make_landscape_explorer]


def test_descent_explorer_first_state_matches_a_hand_loop():
    explorer = make_descent_explorer()
    w, b, loss = run_by_hand(0.0, 3.0, 0.1, 100)
    text = repr(explorer)
    assert f"w = {w:+.4f}" in text and f"b = {b:+.4f}" in text and f"{loss:.3e}" in text
    line = explorer.view.line
    assert len(line.get_xdata()) == 101


@pytest.mark.parametrize("lr", [0.45, 1.0, 10.0])
def test_descent_explorer_reports_divergence_and_keeps_data_finite(lr):
    explorer = make_descent_explorer()
    explorer.set(lr=lr, epochs=500)
    text = explorer.readout.value
    assert "diverged at epoch" in text
    assert explorer.view.status.get_visible()
    assert "diverged" in explorer.view.status.get_text()
    assert len(explorer.view.blowup.get_xdata()) == 1
    assert non_finite_artists(explorer.figure) == []
    assert explorer.errors == []


def test_descent_explorer_names_the_regimes():
    explorer = make_descent_explorer()
    explorer.set(lr=0.001, epochs=200)
    assert "too slow" in explorer.readout.value
    explorer.set(lr=0.3)
    assert "converged well" in explorer.readout.value
    explorer.set(lr=0.4)
    assert "zig-zag" in explorer.readout.value


def test_landscape_epoch_slider_scrubs_both_runs():
    explorer = make_landscape_explorer()
    explorer.set(epoch=10)
    for name, momentum in (("plain", 0.0), ("momentum", 0.8)):
        w, b, loss = run_by_hand(0.0, 3.0, 0.1, 10, momentum)
        _, current = explorer.view.paths[name]
        assert current.get_xydata()[0] == pytest.approx([w, b])
        path, _ = explorer.view.paths[name]
        assert len(path.get_xdata()) == 11
        _, marker, _ = explorer.view.curves[name]
        assert marker.get_xydata()[0] == pytest.approx([10, loss])


def test_landscape_plain_diverges_while_momentum_survives():
    explorer = make_landscape_explorer()
    explorer.set(lr=0.5, momentum=0.5, epoch=150)
    plain, momentum = explorer.readout.value.splitlines()[1:3]
    assert "diverged at epoch" in plain and "diverged" not in momentum
    assert explorer.view.status["plain"].get_visible()
    assert "plain GD: diverged" in explorer.view.status["plain"].get_text()
    assert not explorer.view.status["momentum"].get_visible()
    assert non_finite_artists(explorer.figure) == []
    # the plain run's current point stops at the last point before the blow-up
    path, current = explorer.view.paths["plain"]
    assert current.get_xydata()[0] == pytest.approx(path.get_xydata()[-1])


def test_landscape_first_readout_is_deterministic():
    assert repr(make_landscape_explorer()) == repr(make_landscape_explorer())
