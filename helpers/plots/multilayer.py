"""Decision boundaries and loss curves of small networks on 2-D data. In 06_multilayer.

Every function draws on a given Axes and returns the artists, so an explorer can move them
(``image.set_data``, ``scatter.set_offsets``/``set_array``, ``line.set_data``).
"""

from __future__ import annotations

import numpy as np
from matplotlib.image import AxesImage
from matplotlib.transforms import Bbox

from helpers._private_api import BOUNDARY_IMAGE
from helpers.plots import colors
from helpers.plots.basics import clip_for_log, style_axes

__all__ = ["BOX", "LOSS_RANGE", "boundary_grid", "draw_boundary", "draw_loss_curve",
           "draw_network_boundary", "draw_points", "style_boundary_axes"]

BOX = (-0.5, 1.5, -0.5, 1.5)  # (x min, x max, y min, y max): both data sets fit in it
LOSS_RANGE = (1e-5, 1e6)  # losses are drawn on a log axis in this range (NaN/inf at the top)


def boundary_grid(n: int = 80, box=BOX) -> np.ndarray:
    """The (n·n, 2) grid of input points whose outputs make the background picture.

    Introduced in 06_multilayer.
    """
    xs = np.linspace(box[0], box[1], n)
    ys = np.linspace(box[2], box[3], n)
    gx, gy = np.meshgrid(xs, ys)
    return np.stack([gx.ravel(), gy.ravel()], axis=1)


def _bilinear_taps(n_in: int, n_out: int, start: float, stop: float, first: float):
    """For output pixel j (its centre at ``first + j + 0.5``): the index of the cell centre
    below it (of n_in centres spread evenly over [start, stop]) and its weight for the next."""
    u = (first + np.arange(n_out) + 0.5 - start) / (stop - start) * n_in - 0.5
    u = np.clip(u, 0.0, n_in - 1.0)
    low = np.minimum(np.floor(u).astype(np.intp), n_in - 2)
    return low, u - low


class BoundaryImage(AxesImage):
    """An AxesImage of values in [0, 1] that draws itself with a few numpy gathers.

    matplotlib's general resampler (norm, colour map, alpha, any transform) took 10–20 ms
    per draw of an 80×80 picture on a ~300×270 px Axes — most of a slider move. For this
    case (a linear, axis-aligned image with a fixed colour map and a scalar alpha) the
    bilinear upsampling is two gathers and sums, and the colouring one table look-up: same
    picture, well under a millisecond. Anything else falls back to matplotlib.
    """

    def make_image(self, renderer, magnification=1.0, unsampled=False):
        A = self.get_array()
        alpha = self.get_alpha()
        if (not BOUNDARY_IMAGE or unsampled or A is None or not np.isscalar(alpha or 1.0)
                or A.ndim != 2 or A.shape[0] < 2 or A.shape[1] < 2
                or np.ma.is_masked(A) or self.origin != "lower"
                or self.get_interpolation() != "bilinear"
                or not self.get_transform().is_affine):
            return super().make_image(renderer, magnification, unsampled)
        x1, x2, y1, y2 = self.get_extent()
        (ex0, ey0), (ex1, ey1) = self.get_transform().transform([[x1, y1], [x2, y2]])
        clip = ((self.get_clip_box() or self.axes.bbox) if self.get_clip_on()
                else self.get_figure(root=True).bbox)
        clipped = Bbox.intersection(Bbox([[ex0, ey0], [ex1, ey1]]), clip)
        if clipped is None or ex1 <= ex0 or ey1 <= ey0:
            return None, 0, 0, None
        m = magnification
        # The same rounding to whole pixels as matplotlib's own resampler.
        px0 = np.floor(clipped.x0 * m + 0.5)
        py0 = np.ceil(clipped.y0 * m - 0.5 - 1e-8)
        px1 = np.floor(clipped.x1 * m + 0.5 + 1e-8)
        py1 = np.ceil(clipped.y1 * m - 0.5)
        width, height = int(px1 - px0), int(py1 - py0)
        if width <= 0 or height <= 0:
            return None, 0, 0, None
        key = (A.shape, width, height, px0, py0, ex0 * m, ex1 * m, ey0 * m, ey1 * m)
        if getattr(self, "_taps_key", None) != key:
            self._taps = (_bilinear_taps(A.shape[0], height, ey0 * m, ey1 * m, py0),
                          _bilinear_taps(A.shape[1], width, ex0 * m, ex1 * m, px0))
            self._taps_key = key
        (y_low, y_frac), (x_low, x_frac) = self._taps
        # Gathers and elementwise sums (not matrix products: BLAS threads fight on a busy
        # machine). Rows first, then columns; bottom row first, as the renderer expects.
        A = np.asarray(A, dtype=float)
        rows = A[y_low] + y_frac[:, None] * (A[y_low + 1] - A[y_low])
        values = rows[:, x_low] + x_frac * (rows[:, x_low + 1] - rows[:, x_low])
        alpha = 1.0 if alpha is None else float(alpha)
        lut_key = (self.cmap, self.cmap.N, self.norm.vmin, self.norm.vmax, alpha)
        if getattr(self, "_lut_key", None) != lut_key:
            lut = np.ascontiguousarray(
                self.cmap(np.linspace(0.0, 1.0, self.cmap.N), bytes=True))
            lut[:, 3] = np.uint8(round(255 * alpha))
            self._lut, self._lut_key = lut, lut_key
        vmin, vmax = self.norm.vmin, self.norm.vmax
        scaled = (values - vmin) * (self.cmap.N / (vmax - vmin))
        index = np.clip(scaled, 0, self.cmap.N - 1).astype(np.intp)
        # One uint32 per RGBA colour: a gather of words, then seen as (height, width, 4) bytes.
        output = self._lut.view(np.uint32).ravel().take(index).view(np.uint8)
        return output.reshape(height, width, 4), px0 / m, py0 / m, None


def draw_boundary(ax, outputs, box=BOX):
    """Show the net's outputs on ``boundary_grid`` as a picture: class 0 colour ≈ 0, white 0.5,
    class 1 colour ≈ 1. Introduced in 06_multilayer.

    ``outputs`` has n·n entries (any shape); returns the image (move it with set_data): a
    :class:`BoundaryImage`, which draws the same picture as ``imshow`` far faster.
    """
    outputs = np.asarray(outputs, float)
    n = int(round(np.sqrt(outputs.size)))
    image = BoundaryImage(ax, cmap=colors.CLASS_CMAP, origin="lower",
                          extent=box, alpha=0.55, interpolation="bilinear")
    image.set_clim(0.0, 1.0)
    image.set_data(np.clip(outputs.reshape(n, n), 0.0, 1.0))
    ax.add_image(image)
    ax.set_aspect("auto")
    return image


def draw_points(ax, X, T, *, size: float = 36, marker: str = "o", edgecolor: str = "k"):
    """Scatter the data coloured by class (``colors.CLASS_COLORS``); returns the collection.

    Introduced in 06_multilayer.
    """
    X = np.asarray(X, float).reshape(-1, 2)
    T = np.asarray(T, float).ravel()
    return ax.scatter(X[:, 0], X[:, 1], c=T, cmap=colors.CLASS_CMAP, vmin=0.0, vmax=1.0, s=size,
                      marker=marker, edgecolors=edgecolor, linewidths=0.8, zorder=3)


def style_boundary_axes(ax, title: str = "network output a(x₁, x₂)", box=BOX):
    """Fixed limits and labels for a decision-boundary plot. Introduced in 06_multilayer."""
    return style_axes(ax, xlabel="x₁", ylabel="x₂", title=title, xlim=box[:2], ylim=box[2:],
                      grid=False)


def draw_loss_curve(ax, loss, *, label: str = "loss", style=None,
                    ylim=(LOSS_RANGE[0], 1.0), xmax: int | None = None):
    """Draw a loss per epoch on a log y axis with fixed limits; returns the Line2D.

    Introduced in 06_multilayer. ``style``: colour and line style (``colors.series_style``).
    """
    loss = clip_for_log(loss, *LOSS_RANGE)
    style = {"color": colors.REDDISH_PURPLE} if style is None else style
    ax.set_yscale("log")
    style_axes(ax, xlabel="epoch", ylabel="loss L", title="loss while training",
               xlim=(0, xmax if xmax is not None else max(len(loss) - 1, 1)), ylim=ylim)
    (line,) = ax.plot(np.arange(len(loss)), loss, lw=1.8, label=label, **style)
    return line


def draw_network_boundary(ax, net, X, T, *, title: str = "network output a(x₁, x₂)", n=80):
    """Style ``ax``, then draw ``net``'s output on the grid and the data; returns both artists.

    Introduced in 06_multilayer.
    """
    style_boundary_axes(ax, title)
    with np.errstate(all="ignore"):
        outputs = np.nan_to_num(net.forward(boundary_grid(n)), nan=0.5)
    return draw_boundary(ax, outputs), draw_points(ax, X, T)
