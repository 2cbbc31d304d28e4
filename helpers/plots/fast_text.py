"""Text that redraws in microseconds, for the numbers explorers change on every move.

matplotlib (3.11) lays out and rasterises every glyph of a ``Text`` each time it is drawn:
about 3–7 ms for a two-line label here, so an explorer showing a dozen live numbers spends
most of a slider move drawing text. A :class:`CachedText` rasterises each character once
(per font, size, dpi) with matplotlib's own renderer, then draws a string by placing those
bitmaps side by side and painting the result as one image — the same pixels, without
kerning, at a small fraction of the cost.

Use :func:`cached_text` where an explorer's ``update`` calls ``set_text`` on every move;
keep ordinary ``ax.text`` for labels that never change. Introduced in 01_chain_rule.
"""

from __future__ import annotations

from functools import lru_cache

import matplotlib.colors as mcolors
import numpy as np
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.font_manager import FontProperties, findfont, get_font
from matplotlib.transforms import Bbox

from helpers._private_api import GLYPH_CACHE

__all__ = ["CachedText", "cached_text"]

_PAD = 2  # pixels around each glyph, so antialiased edges and overhangs are kept


@lru_cache(maxsize=64)
def _font_metrics(family: str, weight: str, size: float, dpi: float):
    """Ascent and descent in pixels of a font at a size and dpi."""
    font = get_font(findfont(FontProperties(family=family, weight=weight)))
    pixels = size * dpi / 72.0
    ascent = int(np.ceil(font.ascender / font.units_per_EM * pixels))
    descent = int(np.ceil(-font.descender / font.units_per_EM * pixels))
    return ascent, descent, font


@lru_cache(maxsize=4096)
def _glyph(char: str, family: str, weight: str, size: float, dpi: float):
    """(coverage mask, advance in pixels) of one character, rendered once by Agg."""
    ascent, descent, font = _font_metrics(family, weight, size, dpi)
    font.set_size(size, dpi)
    advance = font.load_char(ord(char)).horiAdvance / 64.0  # hinted, as Agg lays out
    height = ascent + descent + 2 * _PAD
    width = int(np.ceil(advance)) + 4 * _PAD
    renderer = RendererAgg(width, height, dpi)
    gc = renderer.new_gc()
    gc.set_foreground("black")
    prop = FontProperties(family=family, weight=weight, size=size)
    renderer.draw_text(gc, 2 * _PAD, _PAD + ascent, char, prop, 0)  # y: baseline, from top
    gc.restore()
    mask = np.asarray(renderer.buffer_rgba())[:, _PAD:, 3].copy()
    return mask, advance


def _line_mask(text: str, family: str, weight: str, size: float, dpi: float):
    """(coverage mask, advance width) of one line; the pen starts at column _PAD."""
    glyphs = [_glyph(char, family, weight, size, dpi) for char in text]
    if not glyphs:
        ascent, descent, _ = _font_metrics(family, weight, size, dpi)
        return np.zeros((ascent + descent + 2 * _PAD, 1), dtype=np.uint8), 0.0
    ends = np.cumsum([advance for _, advance in glyphs])
    pens = np.rint(ends - [advance for _, advance in glyphs]).astype(int).tolist()
    line = np.zeros((glyphs[0][0].shape[0], int(np.ceil(ends[-1])) + 3 * _PAD + 1),
                    dtype=np.uint8)
    for (mask, _), x in zip(glyphs, pens, strict=True):
        view = line[:, x:x + mask.shape[1]]
        np.maximum(view, mask, out=view)  # neighbouring glyphs' edges may overlap
    return line, float(ends[-1])


class CachedText(Artist):
    """A single- or multi-line string drawn from cached glyph bitmaps (see module doc).

    Supports what explorers need: position in any transform, ``ha`` left/center/right,
    ``va`` top/center/baseline/bottom, colour, font family/size/weight, line spacing and an
    optional solid background colour.
    """

    def __init__(self, x, y, text="", *, transform, fontsize=10.0, color="black",
                 ha="left", va="baseline", family="DejaVu Sans", weight="normal",
                 linespacing=1.2, background=None, zorder=3):
        super().__init__()
        self._xy = (x, y)
        self._text = str(text)
        self.set_transform(transform)
        self.fontsize, self.family, self.weight = float(fontsize), family, weight
        self.ha, self.va, self.linespacing = ha, va, float(linespacing)
        self._color = mcolors.to_rgba(color)
        self._background = None if background is None else mcolors.to_rgba(background)
        self.set_zorder(zorder)
        self._cached_key = None
        self._cached_image = None
        self._advance = 0.0

    def set_text(self, text) -> None:
        self._text = str(text)
        self.stale = True

    def get_text(self) -> str:
        return self._text

    def set_color(self, color) -> None:
        self._color = mcolors.to_rgba(color)
        self.stale = True

    def get_color(self):
        return self._color

    def set_position(self, xy) -> None:
        self._xy = tuple(xy)
        self.stale = True

    def _image(self, dpi: float) -> np.ndarray:
        key = (self._text, self._color, self._background, dpi)
        if key == self._cached_key:
            return self._cached_image
        lines = [_line_mask(line, self.family, self.weight, self.fontsize, dpi)
                 for line in self._text.split("\n")]
        ascent, descent, _ = _font_metrics(self.family, self.weight, self.fontsize, dpi)
        step = int(round(self.linespacing * self.fontsize * dpi / 72.0))
        glyph_height = ascent + descent + 2 * _PAD
        height = step * (len(lines) - 1) + glyph_height
        self._advance = max(advance for _, advance in lines)  # the block's logical width
        share = {"left": 0.0, "center": 0.5, "right": 1.0}[self.ha]
        offsets = [int(round(share * (self._advance - advance))) for _, advance in lines]
        width = max(mask.shape[1] + offset for (mask, _), offset in zip(lines, offsets,
                                                                         strict=True))
        coverage = np.zeros((height, width), dtype=np.uint8)
        for index, ((mask, _), left) in enumerate(zip(lines, offsets, strict=True)):
            top = index * step
            region = coverage[top:top + glyph_height, left:left + mask.shape[1]]
            np.maximum(region, mask, out=region)
        alpha = coverage.astype(np.float32) / 255.0 * self._color[3]
        image = np.empty((height, width, 4), dtype=np.float32)
        image[..., :3] = self._color[:3]
        image[..., 3] = alpha
        if self._background is not None:
            back = np.array(self._background, dtype=np.float32)
            image[..., :3] = (image[..., :3] * alpha[..., None]
                              + back[:3] * back[3] * (1 - alpha[..., None]))
            image[..., 3] = alpha + back[3] * (1 - alpha)
            image[..., :3] /= np.maximum(image[..., 3:], 1e-6)
        self._cached_key = key
        self._cached_image = (image * 255).round().astype(np.uint8)
        return self._cached_image

    def _lower_left(self, image: np.ndarray, dpi: float) -> tuple[int, int]:
        x, y = self.get_transform().transform(self._xy)
        height, width = image.shape[:2]
        ascent, _, _ = _font_metrics(self.family, self.weight, self.fontsize, dpi)
        share = {"left": 0.0, "center": 0.5, "right": 1.0}[self.ha]
        left = x - _PAD - share * self._advance  # column _PAD is where the pen started
        last_baseline = _PAD + ascent + (height - 2 * _PAD - ascent
                                         - _font_metrics(self.family, self.weight,
                                                         self.fontsize, dpi)[1])
        # Like matplotlib, 'baseline' is the baseline of the last line.
        top = {"top": y + _PAD, "center": y + height / 2, "bottom": y + height - _PAD,
               "baseline": y + last_baseline}[self.va]
        return int(round(left)), int(round(top - height))

    def get_window_extent(self, renderer=None) -> Bbox:
        dpi = self.figure.dpi if self.figure is not None else 100.0
        image = self._image(dpi)
        left, bottom = self._lower_left(image, dpi)
        return Bbox.from_bounds(left, bottom, image.shape[1], image.shape[0])

    def draw(self, renderer) -> None:
        if not self.get_visible() or not self._text:
            return
        image = self._image(renderer.dpi)
        left, bottom = self._lower_left(image, renderer.dpi)
        gc = renderer.new_gc()
        gc.set_clip_rectangle(None)
        renderer.draw_image(gc, left, bottom, image[::-1] if renderer.flipy() else image)
        gc.restore()
        self.stale = False


def cached_text(parent, x, y, text="", *, transform=None, **style) -> CachedText:
    """Add a :class:`CachedText` to an Axes (at data coordinates) or a Figure (at figure
    coordinates) unless ``transform`` says otherwise; return it. In 01_chain_rule."""
    if transform is None:
        transform = parent.transData if hasattr(parent, "transData") else parent.transFigure
    if not GLYPH_CACHE:  # matplotlib's glyph internals are gone: an ordinary Text
        return _plain_text(parent, x, y, text, transform=transform, **style)
    artist = CachedText(x, y, text, transform=transform, **style)
    parent.add_artist(artist)
    return artist


def _plain_text(parent, x, y, text="", *, transform, fontsize=10.0, color="black", ha="left",
                va="baseline", family="DejaVu Sans", weight="normal", linespacing=1.2,
                background=None, zorder=3):
    """The stock fallback of :func:`cached_text`: ``ax.text`` with the same style."""
    bbox = None if background is None else {"facecolor": background, "edgecolor": "none",
                                             "pad": 1}
    return parent.text(x, y, text, transform=transform, fontsize=fontsize, color=color,
                       ha=ha, va=va, family=family, weight=weight, linespacing=linespacing,
                       bbox=bbox, zorder=zorder)
