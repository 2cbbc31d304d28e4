"""A fully connected network in matrix form, with batch forward and backward passes.

Introduced in 06_multilayer. Layer l computes, for a batch X of shape (n_samples, n_in):

    Z_l = A_{l-1} · W_lᵀ + b_l,   A_l = f(Z_l),   A_0 = X

with W_l of shape (n_out, n_in). Backprop uses one error term δ_l = dL/dZ_l per layer:

    δ_L = dL/dA_L ⊙ f'(Z_L),   δ_{l-1} = (δ_l · W_l) ⊙ f'(Z_{l-1})
    dL/dW_l = δ_lᵀ · A_{l-1},   dL/db_l = Σ_samples δ_l

The loss is the course's squared error: ½ Σ over outputs, then mean (or sum) over samples.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from helpers._validate import as_float_array, check_choice, check_int, positive_float
from helpers.activations import _KERNELS, get_activation

__all__ = ["ForwardPass", "Gradients", "Network", "network_from_params"]

_REDUCTIONS = ("mean", "sum")


class ForwardPass(NamedTuple):
    """Every layer's z and a for a batch. ``a[0]`` is the input X. Used in 06_multilayer."""

    z: list[np.ndarray]  # z[l] has shape (n_samples, sizes[l + 1])
    a: list[np.ndarray]  # a[0] = X, a[l + 1] = f(z[l])


class Gradients(NamedTuple):
    """Loss and its gradients for every layer: ``(loss, dL_dW, dL_db)``. In 06_multilayer."""

    loss: float
    dL_dW: list[np.ndarray]  # same shapes as Network.weights
    dL_db: list[np.ndarray]  # same shapes as Network.biases


def _check_sizes(sizes) -> tuple[int, ...]:
    if isinstance(sizes, str) or not hasattr(sizes, "__len__"):
        raise TypeError(f"sizes must be a list of ints like [2, 2, 1], got {sizes!r}")
    if len(sizes) < 2:
        raise ValueError(f"sizes needs at least 2 layer sizes (inputs, outputs), got {sizes!r}")
    return tuple(check_int(n, f"sizes[{i}]", minimum=1) for i, n in enumerate(sizes))


class Network:
    """Fully connected network with layer sizes ``sizes``, e.g. [2, 2, 1]. In 06_multilayer.

    ``weights[l]`` has shape (sizes[l+1], sizes[l]) and ``biases[l]`` shape (sizes[l+1],).
    Every layer, including the output layer, uses ``activation`` unless ``output_activation``
    is given (sigmoid outputs in (0, 1) suit 0/1 targets such as XOR).

    Initialisation uses ``np.random.default_rng(seed)``. With ``init_scale=None`` weights are
    normal with standard deviation 1/√n_in and biases start at 0. With a number, weights and
    biases are uniform in [−init_scale, init_scale] (Rumelhart et al. 1986 used 0.3).
    """

    def __init__(
        self,
        sizes,
        activation: str = "sigmoid",
        seed: int | None = 0,
        init_scale: float | None = None,
        output_activation: str | None = None,
    ):
        self.sizes = _check_sizes(sizes)
        self._activation = get_activation(activation).name
        self._output_activation = (
            self._activation
            if output_activation is None
            else get_activation(output_activation).name
        )
        if seed is not None:
            seed = check_int(seed, "seed")
        if init_scale is not None:
            init_scale = positive_float(init_scale, "init_scale")
        self.seed, self.init_scale = seed, init_scale
        # (f, f' from a) per layer, looked up once: the training loop runs these thousands of times
        n_layers = len(self.sizes) - 1
        self._kernels = tuple(
            _KERNELS[self.output_activation if i == n_layers - 1 else self.activation][::2]
            for i in range(n_layers)
        )
        rng = np.random.default_rng(seed)
        self.weights: list[np.ndarray] = []
        self.biases: list[np.ndarray] = []
        for n_in, n_out in zip(self.sizes[:-1], self.sizes[1:], strict=True):
            if init_scale is None:
                self.weights.append(rng.normal(0.0, 1.0 / np.sqrt(n_in), size=(n_out, n_in)))
                self.biases.append(np.zeros(n_out))
            else:
                self.weights.append(rng.uniform(-init_scale, init_scale, size=(n_out, n_in)))
                self.biases.append(rng.uniform(-init_scale, init_scale, size=n_out))

    @property
    def activation(self) -> str:
        """Name of the hidden layers' activation (fixed when the network is built)."""
        return self._activation

    @property
    def output_activation(self) -> str:
        """Name of the output layer's activation (fixed when the network is built)."""
        return self._output_activation

    def __repr__(self) -> str:
        out = (
            ""
            if self.output_activation == self.activation
            else (f", output_activation={self.output_activation!r}")
        )
        return f"Network({list(self.sizes)}, activation={self.activation!r}{out})"

    @property
    def n_params(self) -> int:
        """Total number of weights and biases."""
        return sum(W.size + b.size for W, b in zip(self.weights, self.biases, strict=True))

    # --- parameters ---

    def copy(self) -> Network:
        """An independent copy (same architecture, copied weights and biases)."""
        new = object.__new__(Network)
        new.__dict__.update(self.__dict__)
        new.weights = [W.copy() for W in self.weights]
        new.biases = [b.copy() for b in self.biases]
        return new

    def get_params(self) -> tuple[list[np.ndarray], list[np.ndarray]]:
        """Copies of ``(weights, biases)``: changing them does not change the network."""
        return [W.copy() for W in self.weights], [b.copy() for b in self.biases]

    def set_params(self, weights, biases) -> None:
        """Replace weights and biases with copies of the given lists (shapes must match)."""
        for name, new, old in (("weights", weights, self.weights), ("biases", biases, self.biases)):
            if isinstance(new, np.ndarray) or len(new) != len(old):
                raise ValueError(f"{name} must be a list of {len(old)} arrays, one per layer")
        self.weights = [
            as_float_array(W, f"weights[{i}]", shape=old.shape, match="for this layer").copy()
            for i, (W, old) in enumerate(zip(weights, self.weights, strict=True))
        ]
        self.biases = [
            as_float_array(b, f"biases[{i}]", shape=old.shape, match="for this layer").copy()
            for i, (b, old) in enumerate(zip(biases, self.biases, strict=True))
        ]

    # --- validation at the boundary ---

    def _check_X(self, X) -> np.ndarray:
        X = as_float_array(X, "X", ndim=2)
        if X.shape[1] != self.sizes[0]:
            raise ValueError(
                f"X has shape {X.shape}, expected (n_samples, {self.sizes[0]}): "
                f"this network has {self.sizes[0]} inputs"
            )
        return X

    def _check_T(self, T, X: np.ndarray) -> np.ndarray:
        shape = (X.shape[0], self.sizes[-1])
        return as_float_array(T, "T", shape=shape, match="(one row of targets per row of X)")

    # --- computation (the underscore versions skip validation; optim.train uses them) ---

    def _forward(self, X: np.ndarray) -> ForwardPass:
        zs, As = [], [X]
        for W, b, (f, _) in zip(self.weights, self.biases, self._kernels, strict=True):
            z = As[-1] @ W.T
            z += b
            zs.append(z)
            As.append(f(z))
        return ForwardPass(zs, As)

    def _backward(self, fp: ForwardPass, dL_da: np.ndarray, out=None, slope_from_a=None):
        """Backprop ``dL_da`` (dL/d output) through the layers; returns ``(dL_dW, dL_db)``.

        ``out`` may be a pair of lists of arrays to write the gradients into (the training
        loop reuses one buffer instead of allocating new arrays every epoch).
        ``slope_from_a``, if given, replaces every layer's f′ written in terms of a.
        """
        As = fp.a
        n_layers = len(self.weights)
        dL_dW, dL_db = out if out is not None else ([None] * n_layers, [None] * n_layers)
        for layer in range(n_layers - 1, -1, -1):
            # δ_l = dL/dz_l; f'(z) in its textbook form from a, e.g. a(1 − a) for sigmoid
            slope = self._kernels[layer][1] if slope_from_a is None else slope_from_a
            delta = dL_da * slope(As[layer + 1])
            if out is None:
                dL_dW[layer] = delta.T @ As[layer]
                dL_db[layer] = delta.sum(axis=0)  # db: sum of δ over samples
            else:  # same, written into the caller's buffers
                np.matmul(delta.T, As[layer], out=dL_dW[layer])
                np.add.reduce(delta, axis=0, out=dL_db[layer])
            if layer:  # pass the error back to the previous layer's outputs
                dL_da = delta @ self.weights[layer]
        return dL_dW, dL_db

    def _gradients(self, X: np.ndarray, T: np.ndarray, reduction: str,
                   slope_from_a=None) -> Gradients:
        fp = self._forward(X)
        scale = 1.0 / X.shape[0] if reduction == "mean" else 1.0
        error = fp.a[-1] - T
        loss = 0.5 * scale * float(np.sum(error * error))
        # L = ½·scale·Σ (a − t)²  ⇒  dL/da = scale·(a − t)
        dL_dW, dL_db = self._backward(fp, scale * error, slope_from_a=slope_from_a)
        return Gradients(loss, dL_dW, dL_db)

    def forward(self, X) -> np.ndarray:
        """Outputs for a batch X of shape (n_samples, n_in): shape (n_samples, n_out).

        Introduced in 06_multilayer. For one sample use ``X.reshape(1, -1)``.
        """
        X = self._check_X(X)
        with np.errstate(over="ignore", under="ignore"):
            return self._forward(X).a[-1]

    def forward_all(self, X) -> ForwardPass:
        """Every layer's ``z`` and ``a`` for a batch X (``a[0]`` is X). In 06_multilayer."""
        X = self._check_X(X)
        with np.errstate(over="ignore", under="ignore"):
            return self._forward(X)

    def predict(self, X, threshold: float = 0.5) -> np.ndarray:
        """Class labels 0/1: output >= ``threshold`` (use 0.0 for tanh). In 06_multilayer."""
        return (self.forward(X) >= float(threshold)).astype(int)

    def loss(self, X, T, reduction: str = "mean") -> float:
        """Squared error ½ Σ_outputs (y − t)², mean or sum over samples. In 06_multilayer."""
        X = self._check_X(X)
        T = self._check_T(T, X)
        check_choice(reduction, "reduction", _REDUCTIONS)
        with np.errstate(over="ignore", under="ignore"):
            error = self._forward(X).a[-1] - T
        scale = 1.0 / X.shape[0] if reduction == "mean" else 1.0
        return 0.5 * scale * float(np.sum(error * error))

    def gradients(self, X, T, reduction: str = "mean", *, slope_from_a=None) -> Gradients:
        """Loss and dL/dW, dL/db for every layer by matrix backprop. Introduced in 06_multilayer.

        Returns ``Gradients(loss, dL_dW, dL_db)``, which unpacks as a 3-tuple. ``reduction``
        "sum" gives the summed loss ½ Σ (y − t)² (08_rumelhart_1986). ``slope_from_a(a)``, if
        given, is used as f′ in every layer instead of the activation's own, written in terms
        of a = f(z) (07_backprop_bugs swaps in a broken one this way).
        """
        X = self._check_X(X)
        T = self._check_T(T, X)
        check_choice(reduction, "reduction", _REDUCTIONS)
        if slope_from_a is not None and not callable(slope_from_a):
            raise TypeError(f"slope_from_a must be a function of a, got {slope_from_a!r}")
        with np.errstate(over="ignore", under="ignore"):
            return self._gradients(X, T, reduction, slope_from_a)


def network_from_params(weights, biases, activation: str = "sigmoid") -> Network:
    """A Network holding copies of ``weights`` and ``biases``; its sizes are read from them.

    Introduced in 06_multilayer (the exercise checks build the learner's net this way).
    """
    if isinstance(weights, np.ndarray) or not hasattr(weights, "__len__") or not weights:
        raise TypeError("weights must be a non-empty list of arrays, one per layer")
    shapes = [np.shape(W) for W in weights]
    if any(len(shape) != 2 for shape in shapes):
        raise ValueError(f"weights must be 2-D arrays (n_out, n_in), got shapes {shapes}")
    net = Network([shapes[0][1]] + [shape[0] for shape in shapes], activation, seed=None)
    net.set_params(weights, biases)
    return net
