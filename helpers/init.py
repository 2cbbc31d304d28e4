"""Initial weights and biases of a network: 06's default and the schemes of 10_deeper_networks.

Introduced in 06_multilayer (normal weights with standard deviation 1/√n_in, zero biases; or
uniform in ±init_scale as Rumelhart et al. 1986). Added in 10_deeper_networks: ``"xavier"``
(Glorot: normal, std √(2/(n_in + n_out))) and ``"he"`` (normal, std √(2/n_in), made for
ReLU), whose ``init_scale`` multiplies the standard deviation.
"""

from __future__ import annotations

import numpy as np

from helpers._validate import check_choice, check_int, positive_float

__all__ = ["DEFAULT_UNIFORM_SCALE", "INITS", "initial_params"]

INITS = ("uniform", "xavier", "he")
DEFAULT_UNIFORM_SCALE = 0.3  # init="uniform" without init_scale: Rumelhart et al.'s 0.3


def initial_params(sizes, init: str | None, init_scale: float | None, seed: int | None
                   ) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Initial ``(weights, biases)`` for layer sizes ``sizes``, drawn from ``default_rng(seed)``.

    Introduced in 06_multilayer (``init=None``), schemes added in 10_deeper_networks; see
    ``Network`` for what ``init`` and ``init_scale`` mean. The arguments are taken as
    validated. Layer by layer, weights are drawn before biases: the same seed always gives
    the same numbers.
    """
    rng = np.random.default_rng(seed)
    weights: list[np.ndarray] = []
    biases: list[np.ndarray] = []
    for n_in, n_out in zip(sizes[:-1], sizes[1:], strict=True):
        if init is None and init_scale is None:
            weights.append(rng.normal(0.0, 1.0 / np.sqrt(n_in), size=(n_out, n_in)))
            biases.append(np.zeros(n_out))
        elif init in (None, "uniform"):
            scale = DEFAULT_UNIFORM_SCALE if init_scale is None else init_scale
            weights.append(rng.uniform(-scale, scale, size=(n_out, n_in)))
            biases.append(rng.uniform(-scale, scale, size=n_out))
        else:
            gain = 1.0 if init_scale is None else init_scale
            var = 2.0 / (n_in + n_out) if init == "xavier" else 2.0 / n_in
            weights.append(rng.normal(0.0, gain * np.sqrt(var), size=(n_out, n_in)))
            biases.append(np.zeros(n_out))
    return weights, biases


def _check_init(seed, init_scale, init) -> tuple[int | None, float | None, str | None]:
    """``(seed, init_scale, init)`` checked (a clear error naming a bad one), numbers made plain."""
    if seed is not None:
        seed = check_int(seed, "seed")
    if init is not None:
        check_choice(init, "init", INITS)
    if init_scale is not None:
        init_scale = positive_float(init_scale, "init_scale")
    return seed, init_scale, init
