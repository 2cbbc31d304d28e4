"""09's explorers: every control changes the figure; numbers on screen are the core's."""

import numpy as np
import pytest
from explorer_testing import assert_every_control_changes_the_figure

from helpers import softmax, train_digits
from helpers.plots.digits import PixelImage, tile_images
from helpers.widgets import make_digits_explorer, make_softmax_explorer


def pixels(explorer):
    explorer.draw_now()
    return np.asarray(explorer.canvas.buffer_rgba()).tobytes()


def test_softmax_explorer_shows_softmax_and_delta():
    # logits 0 and log 3 (and two far behind): probabilities ≈ 1/4 and 3/4
    explorer = make_softmax_explorer(z1=0.0, z2=1.1, z3=-6.0, z4=-6.0, target=2)
    heights = [bar.get_height() for bar in explorer.view.probabilities]
    np.testing.assert_allclose(heights, softmax([0.0, 1.1, -6.0, -6.0]), rtol=1e-12)
    e = np.exp([0.0, 1.1, -6.0, -6.0])
    np.testing.assert_allclose(heights, e / e.sum(), rtol=1e-12)
    deltas = [bar.get_height() for bar in explorer.view.deltas]
    np.testing.assert_allclose(deltas, heights - np.eye(4)[1], rtol=1e-12)
    assert f"L = −log a_2 = {-np.log(e[1] / e.sum()):.3f}" in explorer.readout.value


def test_softmax_explorer_controls_change_the_figure():
    assert_every_control_changes_the_figure(make_softmax_explorer(), pixels)


def test_softmax_explorer_rejects_a_bad_target():
    with pytest.raises(ValueError, match="target"):
        make_softmax_explorer(target=5)


@pytest.fixture(scope="module")
def digits_explorer():
    return make_digits_explorer()


def test_digits_explorer_shows_the_trained_run(digits_explorer):
    _, history = train_digits()
    assert history.test_accuracy[-1] >= 0.95
    readout = digits_explorer.readout.value
    assert f"test accuracy {history.test_accuracy[-1]:.1%}" in readout
    train_line, test_line, _ = digits_explorer.view.acc_lines
    np.testing.assert_array_equal(test_line.get_ydata(), history.test_accuracy)
    np.testing.assert_array_equal(train_line.get_ydata(), history.accuracy)


def test_digits_explorer_epoch_scrub_does_not_retrain(digits_explorer):
    runs_before = dict(digits_explorer.view.runs)
    before = pixels(digits_explorer)
    digits_explorer.set(epoch=2)
    assert pixels(digits_explorer) != before
    assert digits_explorer.view.runs.keys() == runs_before.keys()
    assert "epoch 2:" in digits_explorer.readout.value
    digits_explorer.reset()


def test_digits_explorer_every_control_changes_the_figure(digits_explorer):
    assert_every_control_changes_the_figure(digits_explorer, pixels)


def test_pixel_image_draws_what_imshow_draws():
    """The fast image gives the same picture as matplotlib's own nearest-neighbour imshow."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from helpers.plots.digits import INK_CMAP, rgba_bytes

    rng = np.random.default_rng(0)
    mosaic = tile_images(rng.uniform(size=(6, 8, 8)), 2, 3)
    rgba = rgba_bytes(mosaic, INK_CMAP, 0.0, 1.0)
    pictures = []
    for fast in (True, False):
        fig = Figure(figsize=(3, 2), dpi=100)
        FigureCanvasAgg(fig)
        ax = fig.add_axes((0, 0, 1, 1))
        extent = (-0.5, mosaic.shape[1] - 0.5, mosaic.shape[0] - 0.5, -0.5)
        if fast:
            image = PixelImage(ax, interpolation="nearest", origin="upper", extent=extent)
            image.set_data(rgba)
            ax.add_image(image)
        else:
            ax.imshow(rgba, interpolation="nearest", origin="upper", extent=extent)
        ax.set_xlim(extent[:2])
        ax.set_ylim(extent[2:])
        ax.set_axis_off()
        fig.canvas.draw()
        pictures.append(np.asarray(fig.canvas.buffer_rgba()).astype(int))
    differs = np.any(pictures[0] != pictures[1], axis=2)
    assert differs.mean() < 0.15
    # Only where a data cell meets the next may a pixel round the other way.
    rows, cols = np.nonzero(differs)
    row_edges = np.arange(mosaic.shape[0] + 1) * differs.shape[0] / mosaic.shape[0]
    col_edges = np.arange(mosaic.shape[1] + 1) * differs.shape[1] / mosaic.shape[1]
    near_row_edge = np.min(np.abs(row_edges[:, None] - (rows + 0.5)), axis=0) <= 1.5
    near_col_edge = np.min(np.abs(col_edges[:, None] - (cols + 0.5)), axis=0) <= 1.5
    assert np.all(near_row_edge | near_col_edge)
