"""One BLAS thread for the small matrix products behind a slider move.

numpy's OpenBLAS splits even a 256×64 product over every core. On a busy machine (a
classroom server, or this 2-core one running tests) its threads wait for each other: the
histogram explorer of 10_deeper_networks took ~700 ms per move with two threads under load
and ~10 ms with one. Explorers of 09/10 run their updates through :func:`single_threaded`.
threadpoolctl (public API, installed with scikit-learn) sets the limit for the duration of
the call only; without it, nothing changes.
"""

from __future__ import annotations

import contextlib
import functools

__all__ = ["one_blas_thread", "single_threaded"]

_controller = None


def one_blas_thread():
    """A context manager limiting BLAS to one thread inside it (a no-op without threadpoolctl)."""
    global _controller
    if _controller is None:
        try:
            from threadpoolctl import ThreadpoolController
        except ImportError:  # pragma: no cover - threadpoolctl comes with scikit-learn
            return contextlib.nullcontext()
        _controller = ThreadpoolController()  # scans the loaded libraries once (~ms)
    return _controller.limit(limits=1, user_api="blas")


def single_threaded(function):
    """``function`` run under :func:`one_blas_thread` (for an explorer's update)."""
    @functools.wraps(function)
    def run(*args, **kwargs):
        with one_blas_thread():
            return function(*args, **kwargs)
    return run
