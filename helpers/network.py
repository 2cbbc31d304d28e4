"""A fully connected network in matrix form, with batch forward and backward passes.

Introduced in 06_multilayer. Layer l computes, for a batch X of shape (n_samples, n_in):

    Z_l = A_{l-1} · W_lᵀ + b_l,   A_l = f(Z_l),   A_0 = X

with W_l of shape (n_out, n_in). Backprop uses one error term δ_l = dL/dZ_l per layer:

    δ_L = dL/dA_L ⊙ f'(Z_L),   δ_{l-1} = (δ_l · W_l) ⊙ f'(Z_{l-1})
    dL/dW_l = δ_lᵀ · A_{l-1},   dL/db_l = Σ_samples δ_l

The loss is the course's squared error: ½ Σ over outputs, then mean (or sum) over samples.

Added in 09_softmax_cross_entropy and 10_deeper_networks (all optional; the defaults are the
network of 06): an output layer of its own (``output="softmax" | "sigmoid" | "identity"``),
the cross-entropy loss (``loss="cross_entropy"``), one activation per layer (ReLU included)
and initialisation schemes (``init="uniform" | "xavier" | "he"``). With softmax (or sigmoid)
outputs and cross-entropy the output error term is simply

    δ_L = a − t   (per sample; divided by N for the mean),

because the softmax's slope and the logarithm's 1/a cancel. Softmax and its logarithm are
computed from z − max(z), so they never overflow for any finite logits.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from helpers._validate import as_float_array, check_choice, check_int, positive_float
from helpers.activations import _KERNELS, get_activation

__all__ = ["ForwardPass", "Gradients", "Network", "log_softmax", "network_from_params", "softmax"]

_REDUCTIONS = ("mean", "sum")
OUTPUTS = ("sigmoid", "softmax", "identity")  # the output layers offered by ``output=``
LOSSES = ("squared_error", "cross_entropy")
INITS = ("uniform", "xavier", "he")
DEFAULT_UNIFORM_SCALE = 0.3  # init="uniform" without init_scale: Rumelhart et al.'s 0.3


# --- the output layers of 09_softmax_cross_entropy (raw kernels: no validation) ---


def _softmax(z: np.ndarray) -> np.ndarray:
    # Subtracting each row's max changes nothing mathematically (it cancels in the ratio) and
    # makes every exponent <= 0: no overflow for any finite z, and the largest term is exactly 1.
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def _log_softmax(z: np.ndarray) -> np.ndarray:
    # log softmax(z) = (z − m) − log Σ e^(z − m): finite for finite z even where softmax
    # underflows to 0 (which would make log(softmax) = −inf).
    shifted = z - z.max(axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))


def _softplus(z: np.ndarray) -> np.ndarray:
    # log(1 + e^z) without overflow: max(z, 0) + log(1 + e^(−|z|)).
    return np.maximum(z, 0.0) + np.log1p(np.exp(-np.abs(z)))


def _identity(z: np.ndarray) -> np.ndarray:
    return z


def _ones_from_a(a: np.ndarray) -> np.ndarray:
    return np.ones_like(a)


# name -> (f, f' from a) for the output layers that are not hidden activations. Softmax has no
# elementwise slope: its output error term is worked out whole in Network._output_delta.
_OUTPUT_KERNELS = {"identity": (_identity, _ones_from_a), "softmax": (_softmax, None)}


def _accuracy(Y: np.ndarray, T: np.ndarray) -> float:
    """Fraction of samples classified right: argmax(y) == argmax(t) for several outputs,
    (y >= 0.5) == (t >= 0.5) for one output (0/1 targets)."""
    if Y.shape[1] == 1:
        return float(np.count_nonzero((Y >= 0.5) == (T >= 0.5))) / len(Y)
    return float(np.count_nonzero(Y.argmax(axis=1) == T.argmax(axis=1))) / len(Y)


def softmax(z):
    """Softmax along the last axis, e^z_k / Σ_j e^z_j, stable for any finite z.

    Introduced in 09_softmax_cross_entropy. Each row of the result is a probability
    distribution (non-negative, sums to 1).
    """
    z = as_float_array(z, "z", ndim=(1, 2))
    return _softmax(z)


def log_softmax(z):
    """log softmax(z) along the last axis, z_k − log Σ_j e^z_j, finite for any finite z.

    Introduced in 09_softmax_cross_entropy (the cross-entropy is −Σ t · log_softmax(z)).
    """
    z = as_float_array(z, "z", ndim=(1, 2))
    return _log_softmax(z)


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
    Every layer, including the output layer, uses ``activation`` unless ``output`` (or its
    older name ``output_activation``) is given (sigmoid outputs in (0, 1) suit 0/1 targets
    such as XOR).

    Initialisation uses ``np.random.default_rng(seed)``. With ``init_scale=None`` weights are
    normal with standard deviation 1/√n_in and biases start at 0. With a number, weights and
    biases are uniform in [−init_scale, init_scale] (Rumelhart et al. 1986 used 0.3).

    Options added in 09_softmax_cross_entropy and 10_deeper_networks:

    - ``activation`` may be a list: one name per hidden layer (then ``output`` names the
      output layer, or the last hidden one is reused), or one per layer, output included.
    - ``output``: ``None`` (the hidden activation, as in 06), ``"sigmoid"``, ``"softmax"``
      (a probability distribution over the outputs) or ``"identity"`` (a = z).
    - ``loss``: ``"squared_error"`` (½ Σ (a − t)², as in 06) or ``"cross_entropy"``:
      −Σ t·log a with softmax outputs (each row of T sums to 1, e.g. one-hot), or
      −Σ [t·log a + (1 − t)·log(1 − a)] with sigmoid outputs (targets in [0, 1]).
      Either way the output error term is δ = a − t.
    - ``init``: ``"uniform"`` (weights and biases uniform in ±init_scale, 0.3 if not given),
      ``"xavier"`` (Glorot: normal, std √(2/(n_in + n_out))) or ``"he"`` (normal, std
      √(2/n_in), made for ReLU); for these two, biases start at 0 and ``init_scale`` (default
      1) multiplies the standard deviation — the knob that shows vanishing and exploding
      signals in 10_deeper_networks. ``init=None`` is 06's default described above.
    """

    def __init__(
        self,
        sizes,
        activation="sigmoid",
        seed: int | None = 0,
        init_scale: float | None = None,
        output_activation: str | None = None,
        *,
        output: str | None = None,
        loss: str = "squared_error",
        init: str | None = None,
    ):
        self.sizes = _check_sizes(sizes)
        n_layers = len(self.sizes) - 1
        if output is not None and output_activation is not None:
            raise ValueError("give output (the newer name) or output_activation, not both")
        if output is not None:
            check_choice(output, "output", OUTPUTS)
        else:
            output = output_activation
        hidden, default_output = self._check_activations(activation, n_layers)
        if output is None:  # 06's networks: the output layer uses the hidden activation
            output = default_output
        elif output not in OUTPUTS:
            output = get_activation(output).name  # 06's output_activation="tanh" and co.
        self._layer_activations = (*hidden, output)
        # one name when the hidden layers agree (or there are none), as in 06; else None
        if not hidden:  # a single layer: the name given, as in 06
            self._activation = default_output
        else:
            self._activation = hidden[0] if len(set(hidden)) == 1 else None
        self._output_activation = output
        self._loss_kind = check_choice(loss, "loss", LOSSES)
        if loss == "cross_entropy" and output not in ("sigmoid", "softmax"):
            raise ValueError(
                f"loss='cross_entropy' needs probabilities at the output: use "
                f"output='softmax' (one class per output) or output='sigmoid', not {output!r}")
        if seed is not None:
            seed = check_int(seed, "seed")
        if init is not None:
            check_choice(init, "init", INITS)
        if init_scale is not None:
            init_scale = positive_float(init_scale, "init_scale")
        self.seed, self.init_scale, self.init = seed, init_scale, init
        # (f, f' from a) per layer, looked up once: the training loop runs these thousands of times
        self._kernels = tuple(
            _OUTPUT_KERNELS[name] if name in _OUTPUT_KERNELS else _KERNELS[name][::2]
            for name in self._layer_activations
        )
        # 06's networks (an elementwise output and the squared error) keep 06's exact code path
        self._classic = loss == "squared_error" and output != "softmax"
        rng = np.random.default_rng(seed)
        self.weights: list[np.ndarray] = []
        self.biases: list[np.ndarray] = []
        for n_in, n_out in zip(self.sizes[:-1], self.sizes[1:], strict=True):
            if init is None and init_scale is None:
                self.weights.append(rng.normal(0.0, 1.0 / np.sqrt(n_in), size=(n_out, n_in)))
                self.biases.append(np.zeros(n_out))
            elif init in (None, "uniform"):
                scale = DEFAULT_UNIFORM_SCALE if init_scale is None else init_scale
                self.weights.append(rng.uniform(-scale, scale, size=(n_out, n_in)))
                self.biases.append(rng.uniform(-scale, scale, size=n_out))
            else:
                gain = 1.0 if init_scale is None else init_scale
                var = 2.0 / (n_in + n_out) if init == "xavier" else 2.0 / n_in
                self.weights.append(rng.normal(0.0, gain * np.sqrt(var), size=(n_out, n_in)))
                self.biases.append(np.zeros(n_out))

    @staticmethod
    def _check_activations(activation, n_layers: int) -> tuple[tuple[str, ...], str]:
        """(hidden layers' activation names, the output's default) from ``activation``."""
        if isinstance(activation, str):
            name = get_activation(activation).name
            return (name,) * (n_layers - 1), name
        if not isinstance(activation, list | tuple) or not activation:
            raise TypeError(f"activation must be a name like 'relu' or a list of names (one "
                            f"per layer), got {activation!r}")
        names = tuple(get_activation(name).name for name in activation)
        if len(names) == n_layers:  # one per layer, output included
            return names[:-1], names[-1]
        if len(names) == n_layers - 1:  # one per hidden layer; the output reuses the last
            return names, names[-1]
        raise ValueError(
            f"activation has {len(names)} names, expected {n_layers - 1} (one per hidden "
            f"layer) or {n_layers} (one per layer, output included) for a network with "
            f"{n_layers} layers of weights")

    @property
    def activation(self) -> str | None:
        """Name of the hidden layers' activation (None if they differ; see ``activations``)."""
        return self._activation

    @property
    def activations(self) -> tuple[str, ...]:
        """Every layer's activation name, output layer last (fixed when the net is built)."""
        return self._layer_activations

    @property
    def output_activation(self) -> str:
        """Name of the output layer's activation (fixed when the network is built)."""
        return self._output_activation

    @property
    def loss_name(self) -> str:
        """The loss the network is trained with: 'squared_error' or 'cross_entropy'."""
        return self._loss_kind

    def __repr__(self) -> str:
        hidden = self._layer_activations[:-1]
        if len(hidden) > 1 and len(set(hidden)) > 1:
            act = f"activation={list(hidden)!r}"
        else:
            act = f"activation={self.activation!r}"
        out = (
            ""
            if self.output_activation == self.activation and len(set(hidden)) <= 1
            else (f", output_activation={self.output_activation!r}")
        )
        if self._loss_kind != "squared_error":
            out += f", loss={self._loss_kind!r}"
        return f"Network({list(self.sizes)}, {act}{out})"

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
        T = as_float_array(T, "T", shape=shape, match="(one row of targets per row of X)")
        if self._loss_kind == "cross_entropy":
            if T.min() < 0.0 or T.max() > 1.0:
                raise ValueError(
                    f"T must hold probabilities in [0, 1] for loss='cross_entropy', got values "
                    f"from {T.min():g} to {T.max():g}; use one-hot rows such as [0, 0, 1]")
            if self._output_activation == "softmax":
                sums = T.sum(axis=1)
                bad = np.flatnonzero(np.abs(sums - 1.0) > 1e-6)
                if bad.size:
                    raise ValueError(
                        f"each row of T must sum to 1 for softmax outputs with cross-entropy "
                        f"(one-hot rows such as [0, 0, 1]); row {bad[0]} sums to "
                        f"{sums[bad[0]]:g}")
        return T

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
        # δ_L = dL/dz_L; f'(z) in its textbook form from a, e.g. a(1 − a) for sigmoid
        slope = self._kernels[-1][1] if slope_from_a is None else slope_from_a
        return self._backward_from_delta(fp, dL_da * slope(fp.a[-1]), out, slope_from_a)

    def _backward_from_delta(self, fp: ForwardPass, delta: np.ndarray, out=None,
                             slope_from_a=None):
        """Backprop the output layer's error term ``delta`` = dL/dz_L; ``(dL_dW, dL_db)``.

        ``slope_from_a``, if given, replaces the hidden layers' f′ (see ``_backward``)."""
        As = fp.a
        n_layers = len(self.weights)
        dL_dW, dL_db = out if out is not None else ([None] * n_layers, [None] * n_layers)
        for layer in range(n_layers - 1, -1, -1):
            if out is None:
                dL_dW[layer] = delta.T @ As[layer]
                dL_db[layer] = delta.sum(axis=0)  # db: sum of δ over samples
            else:  # same, written into the caller's buffers
                np.matmul(delta.T, As[layer], out=dL_dW[layer])
                np.add.reduce(delta, axis=0, out=dL_db[layer])
            if layer:  # pass the error back: δ_{l−1} = (δ_l · W_l) ⊙ f'(z_{l−1})
                dL_da = delta @ self.weights[layer]
                slope = self._kernels[layer - 1][1] if slope_from_a is None else slope_from_a
                delta = dL_da * slope(As[layer])
        return dL_dW, dL_db

    def _output_delta(self, fp: ForwardPass, T: np.ndarray) -> tuple[float, np.ndarray]:
        """The loss summed over samples and δ_L = dL/dz_L for that sum (09's outputs)."""
        a, z = fp.a[-1], fp.z[-1]
        if self._loss_kind == "cross_entropy":
            if self._output_activation == "softmax":
                loss = -float(np.vdot(T, _log_softmax(z)))  # −Σ t·log a, from z: never log 0
            else:  # −[t·log σ(z) + (1 − t)·log(1 − σ(z))] = t·softplus(−z) + (1 − t)·softplus(z)
                loss = float(np.sum(T * _softplus(-z) + (1.0 - T) * _softplus(z)))
            return loss, a - T  # the slope of the output and of the log cancel: δ = a − t
        error = a - T
        loss = 0.5 * float(np.vdot(error, error))
        if self._output_activation == "softmax":
            # softmax's Jacobian is diag(a) − a·aᵀ, so δ = a ⊙ (g − Σ_k g_k a_k) with g = dL/da
            return loss, a * (error - np.sum(error * a, axis=1, keepdims=True))
        return loss, error * self._kernels[-1][1](a)

    def _gradients(self, X: np.ndarray, T: np.ndarray, reduction: str,
                   slope_from_a=None) -> Gradients:
        fp = self._forward(X)
        scale = 1.0 / X.shape[0] if reduction == "mean" else 1.0
        if not self._classic:
            loss, delta = self._output_delta(fp, T)
            dL_dW, dL_db = self._backward_from_delta(fp, scale * delta, slope_from_a=slope_from_a)
            return Gradients(scale * loss, dL_dW, dL_db)
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

    def predict_class(self, X) -> np.ndarray:
        """One class label per sample, shape (n_samples,): the output with the largest a
        (or a >= 0.5 for a single output). Introduced in 09_softmax_cross_entropy."""
        Y = self.forward(X)
        return (Y[:, 0] >= 0.5).astype(int) if Y.shape[1] == 1 else Y.argmax(axis=1)

    def accuracy(self, X, T) -> float:
        """Fraction of samples whose predicted class is the target's (argmax, or 0.5 for one
        output). Introduced in 09_softmax_cross_entropy."""
        X = self._check_X(X)
        T = self._check_T(T, X)
        with np.errstate(over="ignore", under="ignore"):
            return _accuracy(self._forward(X).a[-1], T)

    def loss(self, X, T, reduction: str = "mean") -> float:
        """The network's loss, mean or sum over samples. In 06_multilayer (squared error
        ½ Σ_outputs (y − t)²); cross-entropy in 09_softmax_cross_entropy."""
        X = self._check_X(X)
        T = self._check_T(T, X)
        check_choice(reduction, "reduction", _REDUCTIONS)
        scale = 1.0 / X.shape[0] if reduction == "mean" else 1.0
        with np.errstate(over="ignore", under="ignore"):
            fp = self._forward(X)
            if not self._classic:
                return scale * self._output_delta(fp, T)[0]
            error = fp.a[-1] - T
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
