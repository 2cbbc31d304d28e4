"""The canvas every explorer draws on: ipympl's widget canvas, imported without side effects
and sending each frame fast and self-contained. Used by :mod:`helpers.explorer`.

Introduced in 00_start_here (behind every live figure of the course).
"""

from __future__ import annotations

import struct
import zlib

import numpy as np

from helpers._private_api import FULL_FRAMES, import_ipympl_canvas

__all__ = ["ExplorerCanvas", "FigureManager", "encode_png"]


_IpymplCanvas, FigureManager = import_ipympl_canvas()


def encode_png(rgba: np.ndarray) -> bytes:
    """A PNG of an (h, w, 4) uint8 array: no row filters, zlib's fastest level.

    Plots are mostly flat colour, which unfiltered fast deflate squeezes about as well as
    Pillow's default, in a third of the time (~4 ms for a 1000×440 figure here).
    """
    height, width, _ = rgba.shape
    rows = np.empty((height, width * 4 + 1), dtype=np.uint8)
    rows[:, 0] = 0  # filter type "None" for every row
    rows[:, 1:] = rgba.reshape(height, -1)

    def chunk(tag: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + tag + data
                + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(rows, 1)) + chunk(b"IEND", b""))


class ExplorerCanvas(_IpymplCanvas):
    """ipympl's canvas, sending a whole frame after every move.

    ipympl normally sends only the changed pixels and a separate "image mode" flag, and
    expects a browser request between frames. Blitting sends frames on every move without
    waiting; two quick frames can then meet in the browser out of step (a diff painted
    as if it were a full frame, or a full frame replaced before it loaded), leaving a
    blank or ghosted figure — the browser test caught it. A whole frame each time is
    always right on its own, and with a fast PNG it costs only a few ms more.

    Each frame is sent inside the message that caused it, before the kernel reports idle.
    Sending it just after idle (so the next slider value is on its way meanwhile) was tried
    for issue 19: the kernel then sent 10–45 % more frames, but the browser painted up to a
    third fewer, because ipympl drops an image still decoding when the next one arrives
    (benchmarks/README.md, "Dragging a slider in the browser").
    """

    def get_diff_image(self):
        if not FULL_FRAMES:  # the internals below are gone: ipympl's own frames (no blitting)
            return super().get_diff_image()
        if not self._png_is_old:
            return None
        self.set_image_mode("full")  # sends the mode only when it changes (once)
        self._force_full = False
        self._png_is_old = False
        return encode_png(np.asarray(self.get_renderer().buffer_rgba()))
