"""The symmetry experiment of Rumelhart, Hinton & Williams (1986): data, runs, weight analysis.

Introduced in 08_rumelhart_1986. Six binary inputs, two sigmoid hidden units, one sigmoid
output that should be 1 exactly when the input reads the same backwards (a palindrome).
All 64 patterns form the training set; weights change once per sweep through all of them
(full batch), with ε = 0.1 (``lr``), α = 0.9 (``momentum``), initial weights uniform in
[−0.3, 0.3] and the summed error E = ½ Σ_patterns (y − t)² (``reduction="sum"``).
numpy only; every function is pure (nothing is changed in place).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from helpers._validate import as_float_array, check_int
from helpers.network import Network, network_from_params
from helpers.optim import TrainHistory, train

__all__ = [
    "PAPER_INIT_SCALE", "PAPER_LR", "PAPER_MOMENTUM", "PAPER_SWEEPS", "Replay", "SeedStudy",
    "WeightStructure", "outputs_over_training", "paper_network", "replay_training", "run_seeds",
    "run_seed_study", "symmetry_data", "train_symmetry", "weight_structure",
]

PAPER_SWEEPS = 1425  # sweeps through all 64 patterns the paper reports for this task
PAPER_LR = 0.1  # ε
PAPER_MOMENTUM = 0.9  # α
PAPER_INIT_SCALE = 0.3  # initial weights uniform in [−0.3, 0.3]
N_INPUTS = 6


def symmetry_data() -> tuple[np.ndarray, np.ndarray]:
    """All 64 six-bit patterns X (64, 6) in counting order and targets T (64, 1).

    Introduced in 08_rumelhart_1986.
    ``T[k] = 1`` when row k of X is symmetric about its centre (x_i = x_{7−i}), else 0.
    """
    codes = np.arange(2**N_INPUTS)
    X = ((codes[:, None] >> np.arange(N_INPUTS - 1, -1, -1)) & 1).astype(float)
    T = np.all(X == X[:, ::-1], axis=1).astype(float)[:, None]
    return X, T


def paper_network(seed: int = 0) -> Network:
    """A fresh 6-2-1 sigmoid network with the paper's initialisation (uniform ±0.3).

    Introduced in 08_rumelhart_1986.
    """
    return Network([N_INPUTS, 2, 1], activation="sigmoid", seed=check_int(seed, "seed"),
                   init_scale=PAPER_INIT_SCALE)


def train_symmetry(seed: int = 0, *, lr: float = PAPER_LR, momentum: float = PAPER_MOMENTUM,
                   epochs: int = 6000, tols: Sequence[float] = (0.5,),
                   record_params: bool = False) -> tuple[TrainHistory, dict[float, int | None]]:
    """Train the paper's network on the symmetry task; note when each tolerance is reached.

    Introduced in 08_rumelhart_1986.
    A tolerance ``tol`` is reached at the first sweep where every output is within ``tol``
    of its target, |y − t| < tol (``tol = 0.5``: every output on the right side of 0.5).
    Training stops at the smallest tolerance in ``tols`` (or after ``epochs`` sweeps);
    ``tols=()`` always runs all ``epochs`` sweeps. Returns ``(history, reached)`` where
    ``reached[tol]`` is that sweep, or None if it was not reached.
    """
    tols = sorted((float(t) for t in tols), reverse=True)
    if any(not 0 < t <= 1 for t in tols):
        raise ValueError(f"tols must be numbers in (0, 1], e.g. (0.5, 0.1); got {tols}")
    X, T = symmetry_data()
    reached: dict[float, int | None] = dict.fromkeys(tols)

    def note_and_stop(epoch: int, _loss: float, Y: np.ndarray) -> bool:
        worst = float(np.max(np.abs(Y - T)))
        for tol in tols:
            if reached[tol] is None and worst < tol:
                reached[tol] = epoch
        return bool(tols) and reached[tols[-1]] is not None

    if len(tols) == 1:  # one criterion: train's own tol test is the same and faster
        history = train(paper_network(seed), X, T, lr=lr, epochs=epochs, momentum=momentum,
                        reduction="sum", tol=tols[0], record_params=record_params)
        return history, {tols[0]: history.epochs_run if history.converged else None}
    history = train(paper_network(seed), X, T, lr=lr, epochs=epochs, momentum=momentum,
                    reduction="sum", stop_when=note_and_stop if tols else None,
                    record_params=record_params)
    return history, reached


@dataclass(frozen=True)
class SeedStudy:
    """Sweeps to learn for many seeds; ``sweeps[k]`` is None when seed k was not solved.

    Introduced in 08_rumelhart_1986.
    """

    seeds: tuple[int, ...]
    sweeps: tuple[int | None, ...]
    epochs: int
    tol: float

    @property
    def solved(self) -> np.ndarray:
        """The sweeps of the solved runs, as an int array."""
        return np.array([s for s in self.sweeps if s is not None], dtype=int)

    @property
    def stuck_seeds(self) -> list[int]:
        """Seeds still unsolved after ``epochs`` sweeps."""
        return [seed for seed, s in zip(self.seeds, self.sweeps, strict=True) if s is None]


def run_seeds(seeds: Sequence[int] = tuple(range(20)), *, epochs: int = 6000, tol: float = 0.5,
              lr: float = PAPER_LR, momentum: float = PAPER_MOMENTUM,
              on_run: Callable[[int, int, int | None], None] | None = None) -> SeedStudy:
    """Train one network per seed (paper's settings); record the sweeps until ``tol``.

    Introduced in 08_rumelhart_1986.
    ``on_run(done, seed, sweeps)`` is called after each run (e.g. to show progress).
    """
    seeds = tuple(check_int(s, "seeds[i]") for s in seeds)
    if not seeds:
        raise ValueError("seeds must name at least one seed, e.g. range(20)")
    sweeps = []
    for done, seed in enumerate(seeds, start=1):
        _, reached = train_symmetry(seed, lr=lr, momentum=momentum, epochs=epochs, tols=(tol,))
        sweeps.append(reached[float(tol)])
        if on_run is not None:
            on_run(done, seed, sweeps[-1])
    return SeedStudy(seeds, tuple(sweeps), epochs, float(tol))


@dataclass(frozen=True)
class WeightStructure:
    """How close input→hidden weights W (2, 6) are to the paper's solution. In 08_rumelhart_1986.

    - ``pair_magnitudes[j, k]``: mean of |w_k| and |w_{7−k}| for hidden unit j and the
      mirror pair k = (1,6), (2,5), (3,4);
    - ``ratios[j]``: those three magnitudes sorted and divided by the smallest (paper: 1, 2, 4);
    - ``antisymmetry[j]``: max_k |w_k + w_{7−k}| / max_k |w_k| (0 = exactly opposite mirrors);
    - ``opposite_signs[j, k]``: w_k and w_{7−k} have opposite signs.
    """

    pair_magnitudes: np.ndarray
    ratios: np.ndarray
    antisymmetry: np.ndarray
    opposite_signs: np.ndarray


def weight_structure(W) -> WeightStructure:
    """Mirror antisymmetry and 1:2:4 magnitude ratios of input→hidden weights W (2, 6).

    Introduced in 08_rumelhart_1986.
    """
    W = as_float_array(W, "W", ndim=2)
    if W.shape[1] != N_INPUTS:
        raise ValueError(f"W has shape {W.shape}, expected (n_hidden, 6): the input→hidden "
                         "weights, e.g. net.weights[0]")
    left, mirror = W[:, :3], W[:, ::-1][:, :3]  # w1 w2 w3 and their mirrors w6 w5 w4
    magnitudes = 0.5 * (np.abs(left) + np.abs(mirror))
    ordered = np.sort(magnitudes, axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratios = ordered / ordered[:, :1]
        antisymmetry = np.max(np.abs(left + mirror), axis=1) / np.max(np.abs(W), axis=1)
    return WeightStructure(magnitudes, ratios, antisymmetry, np.sign(left) * np.sign(mirror) < 0)


def outputs_over_training(params, X) -> np.ndarray:
    """Outputs y (n_snapshots, n_samples) of a one-output sigmoid net, one row per snapshot.

    Introduced in 08_rumelhart_1986. ``params`` is ``history.params`` from
    ``train(..., record_params=True)``: a list of ``(weights, biases)``.
    """
    if not params:
        raise ValueError("params is empty: train with record_params=True and pass history.params")
    net = network_from_params(*params[0])
    X = net._check_X(X)
    rows = []
    with np.errstate(over="ignore", under="ignore"):
        for weights, biases in params:
            net.weights, net.biases = weights, biases  # the recorded arrays, read only
            rows.append(net._forward(X).a[-1][:, 0])
    return np.array(rows)


@dataclass(frozen=True)
class Replay:
    """A recorded symmetry run, ready to scrub through. Introduced in 08_rumelhart_1986.

    ``loss[k]``, ``W1[k]`` (input→hidden weights, 2×6) and ``correct[k]`` (outputs on the
    right side of 0.5) after k sweeps; ``solved_at``: the first sweep with every output
    within ``tol`` of its target (None if never); ``diverged_at`` as in ``TrainHistory``.
    """

    loss: np.ndarray
    W1: np.ndarray
    correct: np.ndarray
    solved_at: int | None
    diverged_at: int | None


def replay_training(seed: int = 10, *, lr: float = PAPER_LR, momentum: float = PAPER_MOMENTUM,
                    epochs: int = 3000, tol: float = 0.5) -> Replay:
    """Train the paper's network for ``epochs`` sweeps, every sweep recorded, and replay it.

    Introduced in 08_rumelhart_1986 (behind the explorer's sweep slider).
    """
    X, T = symmetry_data()
    history, _ = train_symmetry(seed, lr=lr, momentum=momentum, epochs=epochs, tols=(),
                                record_params=True)
    Y = outputs_over_training(history.params, X)
    within = np.max(np.abs(Y - T[:, 0]), axis=1) < tol
    return Replay(loss=history.loss.copy(), W1=np.stack([p[0][0] for p in history.params]),
                  correct=np.sum((Y >= 0.5) == (T[:, 0] >= 0.5), axis=1),
                  solved_at=int(np.argmax(within)) if within.any() else None,
                  diverged_at=history.diverged_at)


def run_seed_study(seeds=tuple(range(20)), *, epochs: int = 6000, tol: float = 0.5) -> SeedStudy:
    """``run_seeds`` with a one-line progress report (the study takes a few seconds).

    Introduced in 08_rumelhart_1986.
    """
    seeds = tuple(seeds)
    print(f"training {len(seeds)} networks (up to {epochs:,} sweeps each):", end=" ", flush=True)

    def report(done, _seed, _sweeps):
        if done % 5 == 0 or done == len(seeds):
            print(f"{done}/{len(seeds)}", end=" ", flush=True)

    study = run_seeds(seeds, epochs=epochs, tol=tol, on_run=report)
    print("done.")
    return study
