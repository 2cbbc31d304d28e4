"""A fully connected network in matrix form, with batch forward and backward passes.

Introduced in 06_multilayer. The matrix forward and backward passes (and their formulas) are
in helpers.passes; a Network holds the layers' weights, biases and activations and checks
everything that comes in.

The loss is the course's squared error: ½ Σ over outputs, then mean (or sum) over samples.

Added in 09_softmax_cross_entropy and 10_deeper_networks (all optional; the defaults are the
network of 06): an output layer and loss of its own (helpers.outputs), one activation per
layer (ReLU included) and initialisation schemes (helpers.init).
"""

from __future__ import annotations

import numpy as np

from helpers._validate import as_float_array, check_choice, check_int
from helpers.activations import _KERNELS
from helpers.init import _check_init, initial_params
from helpers.outputs import (
    _OUTPUT_KERNELS,
    _accuracy,
    _check_targets,
    _layer_setup,
    log_softmax,
    output_delta,
    softmax,
)
from helpers.passes import ForwardPass, Gradients, backprop, forward_pass

__all__ = ["ForwardPass", "Gradients", "Network", "log_softmax", "network_from_params", "softmax"]

_REDUCTIONS = ("mean", "sum")


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

    Initialisation uses ``np.random.default_rng(seed)``: by default weights are normal with
    standard deviation 1/√n_in and biases 0; with ``init_scale`` a number, both are uniform in
    [−init_scale, init_scale] (Rumelhart et al. 1986 used 0.3). See ``helpers.init``.

    Options added in 09_softmax_cross_entropy and 10_deeper_networks:

    - ``activation`` may be a list: one name per hidden layer (then ``output`` names the
      output layer, or the last hidden one is reused), or one per layer, output included.
    - ``output``: ``None`` (the hidden activation, as in 06), ``"sigmoid"``, ``"softmax"``
      (a probability distribution over the outputs) or ``"identity"`` (a = z).
    - ``loss``: ``"squared_error"`` (½ Σ (a − t)², as in 06) or ``"cross_entropy"``:
      −Σ t·log a with softmax outputs (each row of T sums to 1, e.g. one-hot), or
      −Σ [t·log a + (1 − t)·log(1 − a)] with sigmoid outputs (targets in [0, 1]).
      Either way the output error term is δ = a − t.
    - ``init``: ``"uniform"`` (±init_scale, 0.3 if not given), ``"xavier"`` or ``"he"``
      (normal; ``init_scale`` multiplies the standard deviation): see ``helpers.init``.
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
        self._layer_activations, self._activation, self._loss_kind = _layer_setup(
            activation, output, output_activation, loss, len(self.sizes) - 1)
        self._output_activation = output = self._layer_activations[-1]
        seed, init_scale, init = _check_init(seed, init_scale, init)
        self.seed, self.init_scale, self.init = seed, init_scale, init
        # (f, f' from a) per layer, looked up once: the training loop runs these thousands of times
        self._kernels = tuple(
            _OUTPUT_KERNELS[name] if name in _OUTPUT_KERNELS else _KERNELS[name][::2]
            for name in self._layer_activations
        )
        # 06's networks (an elementwise output and the squared error) keep 06's exact code path
        self._classic = loss == "squared_error" and output != "softmax"
        self.weights, self.biases = initial_params(self.sizes, init, init_scale, seed)

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
        return _check_targets(T, self._loss_kind, self._output_activation)

    # --- computation (the underscore versions skip validation; optim.train uses them) ---

    def _forward(self, X: np.ndarray) -> ForwardPass:
        return forward_pass(self.weights, self.biases, self._kernels, X)

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
        return backprop(self.weights, self._kernels, fp.a, delta, out, slope_from_a)

    def _output_delta(self, fp: ForwardPass, T: np.ndarray) -> tuple[float, np.ndarray]:
        """The loss summed over samples and δ_L = dL/dz_L for that sum (see output_delta)."""
        return output_delta(fp.a[-1], fp.z[-1], T, self._loss_kind, self._output_activation,
                            self._kernels[-1][1])

    def _gradients(self, X: np.ndarray, T: np.ndarray, reduction: str,
                   slope_from_a=None, fp: ForwardPass | None = None) -> Gradients:
        fp = self._forward(X) if fp is None else fp  # fp: X's forward pass, if already done
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
