"""Content tests of the drawing functions, outside nbval: each one, given data, makes the
artists it promises, with the data (computed here independently), the labels and the
colours of helpers.plots.colors."""

import math

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_hex, to_rgba  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from helpers import Network, descent_path, loss_grid, quadratic_of, xor  # noqa: E402
from helpers.bugs import GalleryEntry  # noqa: E402
from helpers.plots import (  # noqa: E402
    clip_for_log,
    colors,
    draw_bug_curves,
    draw_gradient_check,
    draw_landscape,
    draw_line_fit,
    draw_loss_curve,
    draw_lr_sweep,
    draw_network_boundary,
    draw_run,
    draw_sigmoid_slope,
    plot_activation_family,
    plot_loss_curves,
    plot_sweeps_histogram,
    plot_weight_diagram,
)
from helpers.plots.basics import corner_note  # noqa: E402

OKABE_ITO = {"#000000", "#e69f00", "#56b4e9", "#009e73", "#f0e442", "#0072b2", "#d55e00",
             "#cc79a7"}


def axes(n=1):
    fig = Figure(figsize=(4 * n, 3))
    return fig.subplots(1, n) if n > 1 else fig.subplots()


def hexes(lines):
    return [to_hex(line.get_color()) for line in lines]


def plain_sigmoid(z):
    return 1 / (1 + np.exp(-z))


# --- the colour module ----------------------------------------------------------------------
def test_palette_is_okabe_ito_and_each_meaning_has_one_colour():
    assert {to_hex(c) for c in colors.SERIES} <= OKABE_ITO
    assert to_hex(colors.POSITIVE) != to_hex(colors.NEGATIVE)
    assert colors.sign_color(0.3) == colors.POSITIVE and colors.sign_color(-2) == colors.NEGATIVE
    assert tuple(colors.CLASS_COLORS) == (colors.BLUE, colors.VERMILLION)
    # the class map runs from class 0's colour through white to class 1's
    assert to_hex(colors.CLASS_CMAP(0.0)) == colors.CLASS_COLORS[0].lower()
    assert to_hex(colors.CLASS_CMAP(1.0)) == colors.CLASS_COLORS[1].lower()
    assert np.allclose(colors.CLASS_CMAP(0.5), (1, 1, 1, 1), atol=0.01)  # white at 0.5


def test_series_differ_in_line_style_as_well_as_colour():
    styles = [colors.series_style(i) for i in range(4)]
    assert len({s["color"] for s in styles}) == 4 and len({s["ls"] for s in styles}) == 4


def test_clip_for_log_puts_nan_on_top_and_zeros_in_their_zone():
    values = np.array([np.nan, np.inf, -np.inf, 0.0, 1e-30, 0.5, 1e9])
    np.testing.assert_array_equal(clip_for_log(values, 1e-5, 1e6),
                                  [1e6, 1e6, 1e-5, 1e-5, 1e-5, 0.5, 1e6])
    np.testing.assert_array_equal(clip_for_log(values, 1e-5, 1e6, zero=1e-7)[3], 1e-7)


def test_corner_note_sits_in_the_corner():
    ax = axes()
    note = corner_note(ax, "diverged", row=1, visible=False)
    assert note.get_text() == "diverged" and not note.get_visible()
    assert note.get_position() == pytest.approx((0.97, 0.87))
    assert note.get_transform() == ax.transAxes


# --- 00, 02, 04 ---------------------------------------------------------------------------------
def test_draw_line_fit_draws_points_an_empty_line_and_a_loss_curve():
    ax_fit, ax_loss = axes(2)
    x, t = np.array([0.0, 1.0]), np.array([1.0, 3.0])
    view = draw_line_fit(ax_fit, ax_loss, x, t, np.linspace(-1, 4, 5))
    points = ax_fit.get_lines()[0]
    np.testing.assert_array_equal(points.get_xydata(), [[0, 1], [1, 3]])
    assert list(view.x_ends) == [-2.0, 2.5] and ax_loss.get_xlim() == (-1.0, 4.0)
    assert [t.get_text() for t in ax_fit.get_legend().get_texts()] == ["targets t", "your line"]


def test_plot_activation_family_draws_each_function_and_its_slope():
    ax_f, ax_df = axes(2)
    z = np.linspace(-3, 3, 61)
    lines = plot_activation_family(ax_f, ax_df, z)
    assert set(lines) == {"sigmoid", "tanh", "relu"}
    f, df = lines["sigmoid"]
    np.testing.assert_allclose(f.get_ydata(), plain_sigmoid(z), rtol=1e-14)
    np.testing.assert_allclose(df.get_ydata(), plain_sigmoid(z) * (1 - plain_sigmoid(z)),
                               rtol=1e-12)
    np.testing.assert_allclose(lines["tanh"][1].get_ydata(), 1 - np.tanh(z) ** 2, atol=1e-15)
    relu_df = lines["relu"][1].get_ydata()
    assert np.ma.is_masked(relu_df)  # a gap at the jump, not a steep line
    # one colour and one line style per activation, the same in every notebook
    assert len({to_hex(f.get_color()) for f, _ in lines.values()}) == 3
    assert len({f.get_linestyle() for f, _ in lines.values()}) == 3
    assert ax_f.get_xlabel() == "z" and ax_df.get_ylabel() == "f′(z)"


def test_draw_sigmoid_slope_tangent_has_the_slope_of_sigma_at_z():
    ax = axes()
    curve, tangent, point = draw_sigmoid_slope(ax, z=1.0)
    (x0, x1), (y0, y1) = tangent.get_data()
    s = plain_sigmoid(1.0)
    assert (y1 - y0) / (x1 - x0) == pytest.approx(s * (1 - s), rel=1e-12)
    assert point.get_ydata()[0] == pytest.approx(s)
    assert "0.1966" in tangent.get_label()


def test_draw_gradient_check_draws_one_curve_per_gradient_and_guides():
    ax = axes()
    eps = np.logspace(-10, -1, 10)
    curves, marker = draw_gradient_check(ax, eps, [eps**2, np.ones(10)], ["right", "wrong"])
    assert [c.get_label() for c in curves] == ["right", "wrong"]
    np.testing.assert_allclose(curves[0].get_ydata(), np.maximum(eps**2, 1e-16))
    assert curves[0].get_linestyle() != curves[1].get_linestyle()
    assert len(marker.get_xdata()) == 0  # empty until an explorer moves it
    assert ax.get_xscale() == ax.get_yscale() == "log"


def test_draw_gradient_check_bands_sit_at_the_verdict_levels():
    """The shaded 'right' and 'wrong' bands start where describe_relative_error's verdict
    changes (04's halved scale), not at cs231n's 1e-7 / 1e-2."""
    from helpers.gradcheck import describe_relative_error

    ax = axes()
    eps = np.logspace(-10, -1, 10)
    draw_gradient_check(ax, eps, [eps**2], ["right"])
    ys = [p.get_path().transformed(p.get_patch_transform()).vertices[:, 1] for p in ax.patches]
    spans = sorted((float(y.min()), float(y.max())) for y in ys)
    (_, right_top), (wrong_bottom, _) = spans
    assert "excellent" in describe_relative_error(right_top * 0.99)
    assert "excellent" not in describe_relative_error(right_top * 1.01)
    assert "wrong" in describe_relative_error(wrong_bottom)
    assert "wrong" not in describe_relative_error(wrong_bottom * 0.99)
    texts = " ".join(t.get_text() for t in ax.texts)
    assert "1e-7" not in texts and "1e-2" not in texts


# --- 05 ---------------------------------------------------------------------------------------
def test_draw_landscape_and_run():
    ax = axes()
    W, B, L = loss_grid(n=31)
    q = quadratic_of()
    artists = draw_landscape(ax, W, B, L, minimum=q.minimum)
    star = artists[-1]
    assert star.get_xydata().tolist() == [[pytest.approx(2.0), pytest.approx(-1.0)]]
    run = descent_path(lr=0.1, epochs=20)
    path, start, end = draw_run(ax, run, label="lr 0.1")
    np.testing.assert_array_equal(path.get_xydata(), run.path)
    assert start.get_xydata().tolist() == [[0.0, 3.0]]
    assert path.get_label() == "lr 0.1" and ax.get_xlabel() == "w (weight)"


def test_draw_lr_sweep_marks_one_and_two_over_lambda_max():
    ax = axes()
    lrs = np.logspace(-3, 1, 50)
    final = np.where(lrs < 0.5, 1e-3, np.inf)
    curve, zig, div = draw_lr_sweep(ax, lrs, final, np.array([0.1, 4.0]), epochs=100)
    assert zig.get_xdata()[0] == pytest.approx(0.25) and div.get_xdata()[0] == pytest.approx(0.5)
    assert len(curve.get_xdata()) == np.sum(np.isfinite(final))  # diverged runs are left out
    assert ax.get_ylabel() == "loss after 100 epochs"


# --- 06, 07 -------------------------------------------------------------------------------------
def test_draw_network_boundary_shows_the_outputs_and_the_classes():
    ax = axes()
    X, T = xor()
    net = Network([2, 2, 1], seed=3)
    image, points = draw_network_boundary(ax, net, X, T, n=20)
    grid_x = np.linspace(-0.5, 1.5, 20)
    corner = plain_sigmoid(plain_sigmoid(np.array([grid_x[0], grid_x[0]]) @ net.weights[0].T
                                         + net.biases[0]) @ net.weights[1].T + net.biases[1])
    assert image.get_array()[0, 0] == pytest.approx(corner[0], rel=1e-12)
    np.testing.assert_array_equal(points.get_offsets(), X)
    np.testing.assert_array_equal(points.get_array(), T.ravel())
    assert to_rgba(points.cmap(1.0)) == to_rgba(colors.CLASS_COLORS[1])
    assert ax.get_xlabel() == "x₁" and ax.get_ylabel() == "x₂"


def test_draw_loss_curve_clips_for_the_log_axis():
    ax = axes()
    line = draw_loss_curve(ax, [0.5, 0.1, np.nan, 0.0])
    np.testing.assert_array_equal(line.get_ydata(), [0.5, 0.1, 1e6, 1e-5])
    assert ax.get_yscale() == "log" and ax.get_xlabel() == "epoch"


def test_draw_bug_curves_broken_solid_and_fixed_dashed():
    ax = axes()
    entry = GalleryEntry(np.array([0.3, 0.4]), np.array([0.3, 0.1]), 0.9, 1e-9, False, 0.2)
    broken, fixed = draw_bug_curves(ax, entry, "a bug")
    np.testing.assert_array_equal(broken.get_ydata(), [0.3, 0.4])
    assert to_hex(broken.get_color()) == colors.BAD.lower() and broken.get_linestyle() == "-"
    assert to_hex(fixed.get_color()) == colors.GOOD.lower() and fixed.get_linestyle() == "--"
    note = ax.texts[-1].get_text()
    # 07's one gradient-check scale: pass below 1e-6, wrong from 1e-2
    assert "broken 9.0e-01 (wrong)" in note and "fixed < 1e-06 (pass)" in note
    assert ax.get_title() == "a bug"


# --- 08 -----------------------------------------------------------------------------------------
def test_plot_weight_diagram_colours_every_edge_by_sign():
    ax = axes()
    W1 = np.array([[1.0, -2.0, 4.0, -4.0, 2.0, -1.0], [-1.0, 2.0, -4.0, 4.0, -2.0, 1.0]])
    drawn = plot_weight_diagram(ax, W1, np.array([0.5, -0.5]), np.array([[3.0, -3.0]]),
                                np.array([1.0]))
    weights = list(W1[0]) + [3.0] + list(W1[1]) + [-3.0]  # unit 1's edges, then unit 2's
    assert len(drawn.edges) == 14
    for edge, w in zip(drawn.edges, weights, strict=True):
        assert edge.get_color() == colors.sign_color(w)
        assert edge.get_linewidth() == pytest.approx(0.5 + 4.5 * abs(w) / 4.0)
    assert "+4.0" in [t.get_text() for t in drawn.labels]


def test_plot_sweeps_histogram_counts_solved_and_stuck_runs():
    ax = axes()
    drawn = plot_sweeps_histogram(ax, [100, 600, 700, None], epochs=1000, bin_width=500)
    heights = [p.get_height() for p in drawn.patches]
    assert heights == [1, 2]
    assert drawn.stuck.patches[0].get_height() == 1
    labels = [line.get_label() for line in drawn.lines]
    assert labels == ["paper: 1,425", "median here: 600"]


def test_plot_loss_curves_one_styled_line_per_run():
    ax = axes()
    lines = plot_loss_curves(ax, {"a": [8.0, 4.0, 0.0], "b": [8.0, 2.0]})
    assert [line.get_label() for line in lines] == ["a", "b"]
    np.testing.assert_array_equal(lines[0].get_ydata(), [8.0, 4.0, 1e-3])
    assert lines[0].get_linestyle() != lines[1].get_linestyle()
    assert any("E = 4" in t.get_text() for t in ax.get_legend().get_texts())
    assert math.isclose(ax.get_xlim()[1], 3)
