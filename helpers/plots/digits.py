"""Drawing for 09_softmax_cross_entropy and 10_deeper_networks: probabilities as bars,
training curves on train and test sets, a confusion matrix, digits and weights as pictures.

Every function draws on given Axes with fixed limits and returns the artists, so an explorer
can move them without re-laying-out. Colours are Okabe–Ito (safe for colour-blind readers);
no text is smaller than 10 pt.
"""

from __future__ import annotations

import numpy as np
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.image import AxesImage
from matplotlib.transforms import Bbox

from helpers.plots.basics import style_axes
from helpers.plots.colors import OKABE_ITO
from helpers.plots.fast_text import cached_text

__all__ = [
    "PixelImage", "cached_text", "confusion_colours", "confusion_rgb",
    "draw_confusion", "draw_curves", "draw_probability_bars", "draw_tiles", "plot_digits",
    "plot_output_delta", "plot_training_curves", "rgba_bytes", "tile_images", "update_bars",
]

# One meaning each here: training set blue, test set vermillion.
TRAIN_COLOUR, TEST_COLOUR = OKABE_ITO["blue"], OKABE_ITO["vermillion"]
TEXT_PT = 10  # the smallest text on any figure
# Weights: negative vermillion, 0 white, positive blue (the two ends are told apart by
# every common colour-vision deficiency).
WEIGHT_CMAP = LinearSegmentedColormap.from_list(
    "weights", [OKABE_ITO["vermillion"], "#FFFFFF", OKABE_ITO["blue"]]).with_extremes(
    bad="#FFFFFF")
INK_CMAP = LinearSegmentedColormap.from_list("ink", ["#FFFFFF", "#000000"]).with_extremes(
    bad="#FFFFFF")


class PixelImage(AxesImage):
    """An image of ready-made colours (an (h, w, 4) uint8 RGBA array) drawn with big square
    pixels, in a fraction of a millisecond.

    matplotlib's general resampler took 2–4 ms per small picture here, most of an epoch
    scrub of the digits explorer; nearest-neighbour upsampling of RGBA bytes is two index
    gathers. Anything unusual (a non-affine transform, another interpolation, data that
    are not RGBA bytes) falls back to matplotlib.
    """

    def make_image(self, renderer, magnification=1.0, unsampled=False):
        A = self.get_array()
        if (unsampled or A is None or A.ndim != 3 or A.shape[2] != 4 or A.dtype != np.uint8
                or self.get_interpolation() != "nearest" or self.origin != "upper"
                or not self.get_transform().is_affine):
            return super().make_image(renderer, magnification, unsampled)
        x1, x2, y1, y2 = self.get_extent()
        (ex0, ey0), (ex1, ey1) = self.get_transform().transform([[x1, y1], [x2, y2]])
        ex0, ex1 = sorted((ex0, ex1))
        ey0, ey1 = sorted((ey0, ey1))
        clip = self.get_clip_box() or self.axes.bbox
        clipped = Bbox.intersection(Bbox([[ex0, ey0], [ex1, ey1]]), clip)
        if clipped is None:
            return None, 0, 0, None
        m = magnification
        px0, py0 = np.floor(clipped.x0 * m + 0.5), np.floor(clipped.y0 * m + 0.5)
        width = int(np.floor(clipped.x1 * m + 0.5) - px0)
        height = int(np.floor(clipped.y1 * m + 0.5) - py0)
        if width <= 0 or height <= 0:
            return None, 0, 0, None
        rows, cols = A.shape[:2]
        # the data cell under each output pixel's centre (row 0 of the data and of the
        # output picture at the top)
        x = (px0 + np.arange(width) + 0.5 - ex0 * m) / ((ex1 - ex0) * m) * cols
        y = (ey1 * m - (py0 + np.arange(height) + 0.5)) / ((ey1 - ey0) * m) * rows
        col_index = np.clip(x.astype(np.intp), 0, cols - 1)
        row_index = np.clip(y.astype(np.intp), 0, rows - 1)
        picture = A[row_index][:, col_index]
        return np.ascontiguousarray(picture), px0 / m, py0 / m, None


def rgba_bytes(values: np.ndarray, cmap, vmin: float, vmax: float) -> np.ndarray:
    """Colour ``values`` (NaN: the colour map's 'bad' colour) as (h, w, 4) uint8 RGBA."""
    with np.errstate(invalid="ignore"):
        scaled = (np.asarray(values, dtype=float) - vmin) / (vmax - vmin)
    return cmap(np.ma.masked_invalid(scaled), bytes=True)


def _small_ticks(ax) -> None:
    ax.tick_params(labelsize=TEXT_PT)


def draw_probability_bars(ax, n: int, *, ylim=(0.0, 1.0), title: str = "", ylabel: str = "",
                          colour: str = OKABE_ITO["blue"], labels=None):
    """n bars at heights 0 with fixed y limits; returns the BarContainer. In 09."""
    style_axes(ax, ylabel=ylabel, title=title, ylim=ylim, xlim=(-0.6, n - 0.4))
    bars = ax.bar(np.arange(n), np.zeros(n), color=colour, width=0.7)
    ax.set_xticks(np.arange(n), labels if labels is not None else [str(k + 1) for k in range(n)])
    ax.axhline(0.0, color="0.3", lw=0.8)
    _small_ticks(ax)
    return bars


def update_bars(bars, heights, highlight: int | None = None,
                colour: str = OKABE_ITO["blue"], highlight_colour: str = OKABE_ITO["orange"]):
    """Set each bar's height (and colour the ``highlight`` bar). In 09."""
    for k, (bar, h) in enumerate(zip(bars, heights, strict=True)):
        bar.set_height(float(h))
        bar.set_color(highlight_colour if k == highlight else colour)


def draw_curves(ax, n_epochs: int, *, ylabel: str, ylim, log: bool = False, title: str = ""):
    """Empty train (solid blue) and test (dashed vermillion) lines and an epoch marker line.

    Returns ``(train_line, test_line, epoch_line)``; fill them with ``set_data``. In 09.
    """
    if log:
        ax.set_yscale("log")
    style_axes(ax, xlabel="epoch", ylabel=ylabel, title=title, xlim=(0, n_epochs), ylim=ylim)
    (train_line,) = ax.plot([], [], color=TRAIN_COLOUR, lw=2, label="training set")
    (test_line,) = ax.plot([], [], color=TEST_COLOUR, lw=2, ls="--", label="test set")
    epoch_line = ax.axvline(0, color="0.4", lw=1, ls=":")
    ax.legend(loc="best", fontsize=TEXT_PT, frameon=False)
    _small_ticks(ax)
    ax.xaxis.label.set_size(TEXT_PT)
    ax.yaxis.label.set_size(TEXT_PT)
    return train_line, test_line, epoch_line


def confusion_colours(counts: np.ndarray, per_class: np.ndarray) -> np.ndarray:
    """(n, n, 4) RGBA bytes of a confusion matrix, see ``confusion_rgb``."""
    rgb = confusion_rgb(counts, per_class)
    rgba = np.empty((*rgb.shape[:2], 4), dtype=np.uint8)
    rgba[..., :3] = np.round(rgb * 255)
    rgba[..., 3] = 255
    return rgba


def confusion_rgb(counts: np.ndarray, per_class: np.ndarray) -> np.ndarray:
    """RGB picture of a confusion matrix: right answers blue (by the share of the class),
    mistakes vermillion (full colour at 5 or more), so a single mistake is visible."""
    n = counts.shape[0]
    share = counts / np.maximum(per_class[:, None], 1)
    mistakes = np.clip(counts / 5.0, 0.0, 1.0)
    blue = np.array([0x00, 0x72, 0xB2]) / 255.0
    vermillion = np.array([0xD5, 0x5E, 0x00]) / 255.0
    strength = np.where(np.eye(n, dtype=bool), share, mistakes)[..., None]
    colour = np.where(np.eye(n, dtype=bool)[..., None], blue, vermillion)
    return 1.0 - strength * (1.0 - colour)  # white → colour


def draw_confusion(ax, n_classes: int = 10):
    """An empty confusion-matrix picture (true digit down, predicted across). In 09."""
    image = PixelImage(ax, interpolation="nearest", origin="upper",
                       extent=(-0.5, n_classes - 0.5, n_classes - 0.5, -0.5))
    image.set_data(np.full((n_classes, n_classes, 4), 255, dtype=np.uint8))
    ax.add_image(image)
    ax.set_xlim(-0.5, n_classes - 0.5)
    ax.set_ylim(n_classes - 0.5, -0.5)
    ax.set_xticks(range(n_classes))
    ax.set_yticks(range(n_classes))
    ax.set_xlabel("predicted digit", fontsize=TEXT_PT)
    ax.set_ylabel("true digit", fontsize=TEXT_PT)
    ax.set_title("test set: right / wrong", fontsize=TEXT_PT)
    _small_ticks(ax)
    return image


def tile_images(images: np.ndarray, n_rows: int, n_cols: int, gap: int = 1,
                row_gap: int | None = None) -> np.ndarray:
    """One picture of up to n_rows·n_cols small images (n, h, w), NaN between and after them
    (``gap`` pixels between columns, ``row_gap`` between rows, default ``gap``).

    Drawing one image is far cheaper than drawing many (one artist to move). In 09.
    """
    images = np.asarray(images, dtype=float)
    count, h, w = images.shape if images.size else (0, 8, 8)
    row_gap = gap if row_gap is None else row_gap
    mosaic = np.full((n_rows * (h + row_gap) - row_gap, n_cols * (w + gap) - gap), np.nan)
    for k in range(min(count, n_rows * n_cols)):
        r, c = divmod(k, n_cols)
        top, left = r * (h + row_gap), c * (w + gap)
        mosaic[top:top + h, left:left + w] = images[k]
    return mosaic


def draw_tiles(ax, n_rows: int, n_cols: int, *, title: str = "", size: int = 8,
               gap: int = 1, row_gap: int | None = None):
    """An empty mosaic for ``tile_images`` pictures coloured by ``rgba_bytes``, no ticks.

    Returns the :class:`PixelImage` (move it with ``set_data``). In 09.
    """
    row_gap = gap if row_gap is None else row_gap
    height, width = n_rows * (size + row_gap) - row_gap, n_cols * (size + gap) - gap
    image = PixelImage(ax, interpolation="nearest", origin="upper",
                       extent=(-0.5, width - 0.5, height - 0.5, -0.5))
    image.set_data(np.full((height, width, 4), 255, dtype=np.uint8))
    ax.add_image(image)
    ax.set_xlim(-0.5, width - 0.5)
    ax.set_ylim(height - 0.5, -0.5)
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_visible(False)
    if title:
        ax.set_title(title, fontsize=TEXT_PT)
    return image


def plot_output_delta(ax, z_range=(-8.0, 4.0)):
    """δ = ∂L/∂z of one sigmoid output with target t = 1, for the squared error and for the
    cross-entropy, against z. In 09: squared error's δ dies when the output is confidently
    wrong (z very negative); cross-entropy's stays near −1. Returns the two lines."""
    z = np.linspace(*z_range, 400)
    a = 1.0 / (1.0 + np.exp(-z))
    squared = (a - 1.0) * a * (1.0 - a)  # (a − t)·σ′(z)
    cross = a - 1.0  # a − t
    style_axes(ax, xlabel="z (output's pre-activation), target t = 1",
               ylabel="δ = ∂L/∂z", xlim=z_range, ylim=(-1.05, 0.1),
               title="how hard the output is pushed")
    (se,) = ax.plot(z, squared, color=OKABE_ITO["orange"], lw=2.5,
                    label="squared error: (a − t)·a(1 − a)")
    (ce,) = ax.plot(z, cross, color=OKABE_ITO["blue"], lw=2.5, ls="--",
                    label="cross-entropy: a − t")
    ax.axvspan(z_range[0], -3.0, color="0.9", zorder=0)
    ax.text(z_range[0] + 0.2, -0.45, "confidently\nwrong", fontsize=TEXT_PT, color="0.3")
    ax.legend(loc="lower right", fontsize=TEXT_PT, frameon=False)
    _small_ticks(ax)
    return se, ce


def plot_digits(axes, X, labels, *, title_prefix: str = "t = "):
    """Each row of X (64 pixels) as an 8×8 picture on its own Axes, its label above. In 09."""
    for ax, x, label in zip(np.ravel(axes), X, labels, strict=False):
        ax.imshow(np.asarray(x, dtype=float).reshape(8, 8), cmap=INK_CMAP, vmin=0.0, vmax=1.0,
                  interpolation="nearest")
        ax.set_xticks([])
        ax.set_yticks([])
        ax.set_title(f"{title_prefix}{label}", fontsize=TEXT_PT)
    return axes


def plot_training_curves(ax_loss, ax_accuracy, histories: dict, *, epochs: int):
    """Test loss (log scale) and test accuracy per epoch of several runs, one Okabe–Ito colour
    and line style each (``histories``: label → TrainHistory). In 09 and 10."""
    colours = [OKABE_ITO[c] for c in ("orange", "blue", "green", "purple", "sky_blue")]
    styles = ["-", "--", "-.", ":", "-"]
    ax_loss.set_yscale("log")
    style_axes(ax_loss, xlabel="epoch", ylabel="test loss", xlim=(0, epochs))
    style_axes(ax_accuracy, xlabel="epoch", ylabel="test accuracy", xlim=(0, epochs),
               ylim=(0.0, 1.0))
    for (label, history), colour, style in zip(histories.items(), colours, styles,
                                               strict=False):
        x = np.arange(len(history.test_loss))
        ax_loss.plot(x, history.test_loss, color=colour, ls=style, lw=2, label=label)
        ax_accuracy.plot(x, history.test_accuracy, color=colour, ls=style, lw=2, label=label)
    for ax in (ax_loss, ax_accuracy):
        ax.legend(fontsize=TEXT_PT, frameon=False)
        _small_ticks(ax)
    return ax_loss, ax_accuracy
