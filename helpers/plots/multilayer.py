"""Decision boundaries and loss curves of small networks on 2-D data. In 06_multilayer.

Every function draws on a given Axes and returns the artists, so an explorer can move them
(``image.set_data``, ``scatter.set_offsets``/``set_array``, ``line.set_data``).
"""

from __future__ import annotations

import numpy as np

from helpers.plots.basics import style_axes

__all__ = ["BOX", "boundary_grid", "draw_boundary", "draw_loss_curve", "draw_points",
           "draw_network_boundary", "loss_for_display", "style_boundary_axes"]

BOX = (-0.5, 1.5, -0.5, 1.5)  # (x min, x max, y min, y max): both data sets fit in it
CLASS_COLORS = ("tab:blue", "tab:red")  # class 0, class 1 (ends of the 'RdBu_r' colour map)
LOSS_FLOOR = 1e-5  # losses are drawn on a log axis from here up


def boundary_grid(n: int = 80, box=BOX) -> np.ndarray:
    """The (n·n, 2) grid of input points whose outputs make the background picture."""
    xs = np.linspace(box[0], box[1], n)
    ys = np.linspace(box[2], box[3], n)
    gx, gy = np.meshgrid(xs, ys)
    return np.stack([gx.ravel(), gy.ravel()], axis=1)


def draw_boundary(ax, outputs, box=BOX):
    """Show the net's outputs on ``boundary_grid`` as a picture: blue ≈ 0, white 0.5, red ≈ 1.

    ``outputs`` has n·n entries (any shape); returns the AxesImage (move it with set_data).
    """
    outputs = np.asarray(outputs, float)
    n = int(round(np.sqrt(outputs.size)))
    return ax.imshow(np.clip(outputs.reshape(n, n), 0.0, 1.0), origin="lower", extent=box,
                     cmap="RdBu_r", vmin=0.0, vmax=1.0, alpha=0.55, interpolation="bilinear",
                     aspect="auto")


def draw_points(ax, X, T, *, size: float = 36, marker: str = "o", edgecolor: str = "k"):
    """Scatter the data coloured by class (0 blue, 1 red); returns the PathCollection."""
    X = np.asarray(X, float).reshape(-1, 2)
    T = np.asarray(T, float).ravel()
    return ax.scatter(X[:, 0], X[:, 1], c=T, cmap="RdBu_r", vmin=0.0, vmax=1.0, s=size,
                      marker=marker, edgecolors=edgecolor, linewidths=0.8, zorder=3)


def style_boundary_axes(ax, title: str = "network output a(x₁, x₂)", box=BOX):
    """Fixed limits and labels for a decision-boundary plot."""
    return style_axes(ax, xlabel="x₁", ylabel="x₂", title=title, xlim=box[:2], ylim=box[2:],
                      grid=False)


def loss_for_display(loss) -> np.ndarray:
    """Loss values safe to draw on a log axis: non-finite → 1e6, then clipped to [1e-5, 1e6]."""
    loss = np.asarray(loss, float)
    return np.clip(np.where(np.isfinite(loss), loss, 1e6), LOSS_FLOOR, 1e6)


def draw_loss_curve(ax, loss, *, label: str = "loss", color: str = "tab:purple",
                    ylim=(LOSS_FLOOR, 1.0), xmax: int | None = None):
    """Loss per epoch on a log y axis with fixed limits; returns the Line2D."""
    loss = loss_for_display(loss)
    ax.set_yscale("log")
    style_axes(ax, xlabel="epoch", ylabel="loss L", title="loss while training",
               xlim=(0, xmax if xmax is not None else max(len(loss) - 1, 1)), ylim=ylim)
    (line,) = ax.plot(np.arange(len(loss)), loss, color=color, lw=1.8, label=label)
    return line


def draw_network_boundary(ax, net, X, T, *, title: str = "network output a(x₁, x₂)", n=80):
    """Style ``ax``, then draw ``net``'s output on the grid and the data; returns both artists."""
    style_boundary_axes(ax, title)
    with np.errstate(all="ignore"):
        outputs = np.nan_to_num(net.forward(boundary_grid(n)), nan=0.5)
    return draw_boundary(ax, outputs), draw_points(ax, X, T)
