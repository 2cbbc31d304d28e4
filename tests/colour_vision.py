"""Colour-vision deficiency simulation and key-colour distances, numpy only.

A picture keeps its meaning for a reader with a colour-vision deficiency if the colours that
tell its parts apart stay distinguishable. Proxy used by tests/test_accessibility.py:

1. *key colours*: the chromatic colours (CIELAB chroma > ``MIN_CHROMA``) that cover at least
   ``MIN_SHARE`` of the picture's chromatic pixels, merged when closer than ``MERGE_DE``
   (anti-aliased edges and a gradient's neighbouring steps are one colour), and skipped
   when they lie between a key colour and a frequent colour (an edge blending into white,
   a tinted background or another key colour);
2. *key pairs*: two key colours at least ``DISTINCT_DE`` apart in normal vision (meant to be
   told apart);
3. each key pair, simulated for protanopia, deuteranopia and tritanopia at full severity
   (Machado, Oliveira & Fernandes 2009, matrices applied in linear sRGB), must stay at least
   ``REQUIRED_DE`` apart (CIE76 ΔE).
"""

from __future__ import annotations

import io

import numpy as np

# Machado, Oliveira & Fernandes (2009), "A physiologically-based model for simulation of
# color vision deficiency", severity 1.0; linear RGB in, linear RGB out.
MACHADO_2009 = {
    "protanopia": np.array([[0.152286, 1.052583, -0.204868],
                            [0.114503, 0.786281, 0.099216],
                            [-0.003882, -0.048116, 1.051998]]),
    "deuteranopia": np.array([[0.367322, 0.860646, -0.227968],
                              [0.280085, 0.672501, 0.047413],
                              [-0.011820, 0.042940, 0.968881]]),
    "tritanopia": np.array([[1.255528, -0.076749, -0.178779],
                            [-0.078411, 0.930809, 0.147602],
                            [0.004733, 0.691367, 0.303900]]),
}

MIN_CHROMA = 15.0  # below this a pixel is grey: text, axes, grid, background
MIN_SHARE = 0.02  # of the chromatic pixels, for a colour to be a key colour
MERGE_DE = 12.0
DISTINCT_DE = 20.0
REQUIRED_DE = 10.0
MAX_KEY_COLOURS = 10

_SRGB_TO_XYZ = np.array([[0.4124564, 0.3575761, 0.1804375],
                         [0.2126729, 0.7151522, 0.0721750],
                         [0.0193339, 0.1191920, 0.9503041]])
_WHITE = _SRGB_TO_XYZ.sum(axis=1)  # D65


def to_linear(srgb: np.ndarray) -> np.ndarray:
    srgb = np.asarray(srgb, dtype=float)
    return np.where(srgb <= 0.04045, srgb / 12.92, ((srgb + 0.055) / 1.055) ** 2.4)


def to_srgb(linear: np.ndarray) -> np.ndarray:
    linear = np.clip(linear, 0.0, 1.0)
    return np.where(linear <= 0.0031308, 12.92 * linear, 1.055 * linear ** (1 / 2.4) - 0.055)


def lab(srgb: np.ndarray) -> np.ndarray:
    """CIELAB (D65) of sRGB colours in [0, 1], shape (..., 3)."""
    xyz = to_linear(srgb) @ _SRGB_TO_XYZ.T / _WHITE
    f = np.where(xyz > (6 / 29) ** 3, np.cbrt(xyz), xyz / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.stack([116 * f[..., 1] - 16, 500 * (f[..., 0] - f[..., 1]),
                     200 * (f[..., 1] - f[..., 2])], axis=-1)


def simulate(srgb: np.ndarray, deficiency: str) -> np.ndarray:
    """How sRGB colours look with a deficiency (Machado 2009, severity 1)."""
    return to_srgb(to_linear(srgb) @ MACHADO_2009[deficiency].T)


def delta_e(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """CIE76 ΔE between two sets of sRGB colours."""
    return np.linalg.norm(lab(a) - lab(b), axis=-1)


def read_png(png: bytes) -> np.ndarray:
    """(h, w, 3) sRGB floats of a PNG, transparent parts shown on white."""
    import matplotlib.image

    image = matplotlib.image.imread(io.BytesIO(png), format="png").astype(float)
    if image.shape[-1] == 4:
        alpha = image[..., 3:4]
        image = image[..., :3] * alpha + (1 - alpha)
    return image[..., :3]


def _is_blend(colour: np.ndarray, ends: list[np.ndarray], keys: list[np.ndarray]) -> bool:
    """Whether ``colour`` lies between a key colour and another frequent colour (white, a
    tinted background, another key): an anti-aliased edge, not a colour of its own."""
    for key in keys:
        for other in ends:
            span = other - key
            length = float(span @ span)
            if length < 1e-6:
                continue
            alpha = float(np.clip((colour - key) @ span / length, 0.0, 1.0))
            if 0.05 < alpha < 0.95 and np.linalg.norm(key + alpha * span - colour) < BLEND_TOL:
                return True
    return False


BLEND_TOL = 0.05  # sRGB units: how near the line between two colours a blend lies
ANCHOR_SHARE = 0.01  # of all pixels: a frequent colour that edges blend into (backgrounds)


def key_colours(image: np.ndarray) -> np.ndarray:
    """The picture's key colours (see the module docstring), most frequent first."""
    pixels = image.reshape(-1, 3)
    every, every_counts = np.unique(np.round(pixels * 31).astype(int), axis=0,
                                    return_counts=True)
    anchors = [c / 31.0 for c in every[every_counts >= ANCHOR_SHARE * len(pixels)]]
    anchors += [np.ones(3), np.zeros(3)]
    chroma = np.hypot(*lab(pixels)[:, 1:].T)
    chromatic = pixels[chroma > MIN_CHROMA]
    if len(chromatic) == 0:
        return np.empty((0, 3))
    bins, counts = np.unique(np.round(chromatic * 31).astype(int), axis=0, return_counts=True)
    order = np.argsort(-counts)
    colours, shares = bins[order] / 31.0, counts[order] / len(chromatic)
    keys: list[np.ndarray] = []
    for colour, share in zip(colours, shares, strict=True):
        if share < MIN_SHARE or len(keys) >= MAX_KEY_COLOURS:
            break
        if keys and delta_e(np.array(keys), colour).min() < MERGE_DE:
            continue
        if keys and _is_blend(colour, anchors + keys, keys):
            continue
        keys.append(colour)
    return np.array(keys)


def worst_pairs(png: bytes) -> dict[str, tuple[float, tuple, tuple]]:
    """For each deficiency, the smallest simulated ΔE among the key pairs, with the pair."""
    keys = key_colours(read_png(png))
    result = {}
    pairs = [(i, j) for i in range(len(keys)) for j in range(i + 1, len(keys))
             if delta_e(keys[i], keys[j]) >= DISTINCT_DE]
    for deficiency in MACHADO_2009:
        worst = (np.inf, (), ())
        for i, j in pairs:
            d = float(delta_e(simulate(keys[i], deficiency), simulate(keys[j], deficiency)))
            if d < worst[0]:
                worst = (d, _hex(keys[i]), _hex(keys[j]))
        result[deficiency] = worst
    return result


def _hex(colour) -> str:
    return "#" + "".join(f"{int(round(c * 255)):02x}" for c in colour)
