"""Many recorded runs of the symmetry net, trained at once as one batched array program.

Introduced in 08_rumelhart_1986 (behind the explorer's lr, momentum and seed sliders).
``replay_training`` trains one network at a time, and numpy spends most of each sweep on
the overhead of small array operations, not on arithmetic. Stacking B networks along a
first axis makes every operation work on all of them at once, so B runs cost little more
than one: a track of 20 runs takes about twice as long as a single run (`make bench`).
numpy only.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from helpers._validate import as_float, check_int, check_lr, check_momentum
from helpers.activations import _sigmoid_batch as sigmoid
from helpers.history import DIVERGENCE_LIMIT
from helpers.rumelhart import Replay, paper_network, symmetry_data

__all__ = ["replay_many"]


def replay_many(seeds: Sequence[int], lrs: Sequence[float], momenta: Sequence[float], *,
                epochs: int = 3000, tol: float = 0.5) -> list[Replay]:
    """One ``Replay`` per setting ``(seeds[k], lrs[k], momenta[k])``, all trained together.

    Introduced in 08_rumelhart_1986. Each run is what ``replay_training(seed, lr=...,
    momentum=..., epochs=epochs, tol=tol)`` records: the paper's initialisation for its seed,
    full-batch sweeps of the summed squared error, v ← α·v − ε·dE/dw, w ← w + v. The
    arithmetic is the same; only the summation order inside matrix products may differ, by
    an ulp or so, which matters only where training itself is chaotic.
    """
    for name, values in (("seeds", seeds), ("lrs", lrs), ("momenta", momenta)):
        if isinstance(values, str) or not hasattr(values, "__len__"):
            raise TypeError(f"{name} must be a list with one value per run, e.g. {name}=[...], "
                            f"got {type(values).__name__}")
    seeds = [check_int(seed, "seeds[k]") for seed in seeds]
    lrs = [check_lr(lr) for lr in lrs]
    momenta = [check_momentum(momentum) for momentum in momenta]
    if not seeds or not len(seeds) == len(lrs) == len(momenta):
        raise ValueError(f"give one seed, lr and momentum per run (got {len(seeds)} seeds, "
                         f"{len(lrs)} lrs, {len(momenta)} momenta), e.g. replay_many([0, 1], "
                         "[0.1, 0.1], [0.9, 0.9])")
    epochs = check_int(epochs, "epochs")
    tol = as_float(tol, "tol")
    if not 0 < tol <= 1:
        raise ValueError(f"tol must be a number in (0, 1], e.g. 0.5; got {tol!r}")
    X, T = symmetry_data()
    nets = [paper_network(seed) for seed in seeds]
    # All B nets side by side, one column per pattern: W1 (B, 2, 6), b1 (B, 2, 1), W2 (B, 1, 2),
    # b2 (B, 1, 1); activations (B, units, 64). Reductions then run along contiguous memory.
    W1, W2 = (np.stack([net.weights[i] for net in nets]) for i in (0, 1))
    b1, b2 = (np.stack([net.biases[i] for net in nets])[:, :, None] for i in (0, 1))
    params, velocity = (W1, b1, W2, b2), [np.zeros_like(p) for p in (W1, b1, W2, b2)]
    step = np.array(lrs)[:, None, None]
    momentum = np.array(momenta)[:, None, None]
    n_runs = len(seeds)
    loss = np.empty((epochs + 1, n_runs))
    weights = np.empty((epochs + 1, n_runs, *W1.shape[1:]))
    correct = np.empty((epochs + 1, n_runs), dtype=int)
    worst = np.empty((epochs + 1, n_runs))
    inputs, targets = np.ascontiguousarray(X.T), T.T  # (6, 64), (1, 64)
    positive = targets >= 0.5
    with np.errstate(all="ignore"):  # a run that blows up is cut where it did, not warned
        for epoch in range(epochs + 1):
            hidden = sigmoid(W1 @ inputs + b1)  # (B, 2, 64)
            Y = sigmoid(W2 @ hidden + b2)  # (B, 1, 64)
            error = Y - targets
            loss[epoch] = 0.5 * np.einsum("bij,bij->b", error, error)
            weights[epoch] = W1
            correct[epoch] = np.sum((Y >= 0.5) == positive, axis=(1, 2))
            worst[epoch] = np.max(np.abs(error), axis=(1, 2))
            if epoch == epochs:
                break
            delta2 = error * (Y * (1.0 - Y))  # dE/dz at the output, (B, 1, 64)
            delta1 = (W2.transpose(0, 2, 1) @ delta2) * (hidden * (1.0 - hidden))  # (B, 2, 64)
            grads = (delta1 @ X, delta1.sum(axis=2, keepdims=True),
                     delta2 @ hidden.transpose(0, 2, 1), delta2.sum(axis=2, keepdims=True))
            for p, v, g in zip(params, velocity, grads, strict=True):
                v *= momentum
                v -= step * g
                p += v
    return [_replay(loss[:, k], weights[:, k], correct[:, k], worst[:, k], tol)
            for k in range(n_runs)]


def _replay(loss, weights, correct, worst, tol) -> Replay:
    """One run's record, cut after the sweep where it diverged (as ``train`` stops there)."""
    blown = np.flatnonzero(~(loss <= DIVERGENCE_LIMIT))
    diverged_at = int(blown[0]) if blown.size else None
    end = len(loss) if diverged_at is None else diverged_at + 1
    within = worst[:end] < tol
    return Replay(loss=loss[:end].copy(), W1=weights[:end].copy(), correct=correct[:end].copy(),
                  solved_at=int(np.argmax(within)) if within.any() else None,
                  diverged_at=diverged_at)
