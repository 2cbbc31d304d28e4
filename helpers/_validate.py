"""Shared input validation for the math core.

Every public function checks its arguments here, at the boundary, so a learner who passes the
wrong thing gets a message that names the argument, says what was wrong and what would be right
(``w has shape (2,), expected (3,) to match x``). The checks are cheap (a few microseconds):
they run on every slider move, but never inside the training loop.

Conventions:
- numbers are python/numpy ints and floats; they become float64.
- ``str``, ``None``, ``bool`` (and boolean arrays), complex numbers and objects are a TypeError:
  a boolean is almost always a mistake here (write 0.0/1.0 if you mean it).
- NaN is always a ValueError; ``inf`` is a ValueError unless the caller allows it.
- empty arrays are a ValueError unless the caller allows them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

_NUMERIC_KINDS = "iuf"  # signed int, unsigned int, float


def _describe(value: object) -> str:
    """Short description of a bad value for an error message."""
    text = repr(value)
    if len(text) > 40:
        text = text[:37] + "..."
    return f"{type(value).__name__} {text}"


def as_float_array(
    value: object,
    name: str,
    *,
    ndim: int | tuple[int, ...] | None = None,
    shape: tuple[int | None, ...] | None = None,
    match: str = "",
    allow_empty: bool = False,
    allow_inf: bool = False,
) -> np.ndarray:
    """Return ``value`` as a float64 ndarray, or raise TypeError/ValueError naming ``name``.

    ``ndim`` is the allowed number of dimensions (an int or a tuple of ints); ``shape`` the
    expected shape (``None`` entries match any length); ``match`` is appended to a shape
    error, e.g. ``"to match x"``. The result may share memory with ``value``: copy before
    writing to it.
    """
    if isinstance(value, str | bytes) or value is None:
        raise TypeError(f"{name} must be a number or an array of numbers, got {_describe(value)}")
    if isinstance(value, bool | np.bool_):
        raise TypeError(f"{name} must be a number, got the boolean {value!r}; use 0.0 or 1.0")
    try:
        arr = np.asarray(value)
    except ValueError as exc:  # ragged nested lists
        raise ValueError(f"{name} must be a rectangular array of numbers: {exc}") from None
    kind = arr.dtype.kind
    if kind not in _NUMERIC_KINDS:
        if kind == "b":
            raise TypeError(f"{name} must hold numbers, got a boolean array; use 0.0 and 1.0")
        raise TypeError(
            f"{name} must be a number or an array of numbers, got dtype {arr.dtype} "
            f"from {_describe(value)}"
        )
    arr = arr.astype(np.float64, copy=False)
    if ndim is not None:
        allowed = (ndim,) if isinstance(ndim, int) else tuple(ndim)
        if arr.ndim not in allowed:
            dims = " or ".join(f"{d}-D" for d in allowed)
            raise ValueError(f"{name} must be {dims}, got {arr.ndim}-D with shape {arr.shape}")
    if shape is not None:
        ok = arr.ndim == len(shape) and all(
            want is None or want == got for want, got in zip(shape, arr.shape, strict=False)
        )
        if not ok:
            want = "(" + ", ".join("n" if s is None else str(s) for s in shape)
            want += ",)" if len(shape) == 1 else ")"
            suffix = f" {match}" if match else ""
            raise ValueError(f"{name} has shape {arr.shape}, expected {want}{suffix}")
    if arr.size == 0 and not allow_empty:
        raise ValueError(f"{name} is empty (shape {arr.shape}); expected at least one number")
    if kind == "f":  # integer arrays cannot hold NaN or inf
        bad = np.isnan(arr) if allow_inf else ~np.isfinite(arr)
        if bad.any():
            where = tuple(int(i) for i in np.argwhere(bad)[0])
            what = "NaN" if allow_inf else "NaN or inf"
            at = f" at index {where}" if arr.ndim else ""
            raise ValueError(f"{name} contains {what}{at}; expected finite numbers")
    return arr


def as_float(value: object, name: str, *, allow_inf: bool = False) -> float:
    """Return ``value`` as a python float, or raise TypeError/ValueError naming ``name``."""
    if type(value) is float or type(value) is int:  # fast path for the common case
        result = float(value)
    else:
        arr = as_float_array(value, name, allow_inf=allow_inf)
        if arr.ndim != 0:
            raise ValueError(f"{name} must be a single number, got an array of shape {arr.shape}")
        return float(arr)
    if math.isnan(result) or (math.isinf(result) and not allow_inf):
        raise ValueError(f"{name} must be a finite number, got {result!r}")
    return result


def positive_float(value: object, name: str) -> float:
    """Return ``value`` as a finite float > 0, or raise naming ``name``."""
    result = as_float(value, name)
    if result <= 0:
        raise ValueError(f"{name} must be > 0, got {result!r}")
    return result


def check_lr(lr: object) -> float:
    """Validate a learning rate: a finite float > 0 (e.g. lr=0.1)."""
    result = as_float(lr, "lr")
    if result <= 0:
        raise ValueError(f"lr (learning rate) must be > 0, got {result!r}; try e.g. lr=0.1")
    return result


def check_int(value: object, name: str, *, minimum: int = 0) -> int:
    """Return ``value`` as an int >= ``minimum`` (bools and floats are rejected)."""
    if isinstance(value, bool | np.bool_) or not isinstance(value, int | np.integer):
        raise TypeError(f"{name} must be an int, got {_describe(value)}")
    if value < minimum:
        raise ValueError(f"{name} must be >= {minimum}, got {int(value)}")
    return int(value)


def check_choice(value: object, name: str, choices: Sequence[str]) -> str:
    """Return ``value`` if it is one of ``choices``; TypeError if not a str, else ValueError."""
    options = ", ".join(repr(c) for c in sorted(choices))
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, one of {options}; got {_describe(value)}")
    if value not in choices:
        raise ValueError(f"{name} must be one of {options}; got {value!r}")
    return value


def check_momentum(momentum: object) -> float:
    """Validate a momentum coefficient: a float in [0, 1) (e.g. momentum=0.9)."""
    result = as_float(momentum, "momentum")
    if not 0.0 <= result < 1.0:
        raise ValueError(f"momentum must be in [0, 1), got {result!r}; 0.9 is a common choice")
    return result
