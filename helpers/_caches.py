"""What explorers keep between moves: recent training runs (:class:`RunCache`), and
blitting backgrounds per layout (:class:`LayoutBackgrounds`), so switching back to a layout
drawn before is a blit instead of a whole-figure redraw. Used by :mod:`helpers.explorer`.

Introduced in 02_activations (its activation dropdown).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ["LayoutBackgrounds", "RunCache"]


class RunCache:
    """The last ``keep`` results of a costly computation (training runs), by key.

    Introduced in 06_multilayer. Going back to settings seen before (Reset, or a slider
    moved back) reuses the run instead of recomputing it.
    """

    def __init__(self, keep: int = 16):
        self.keep = keep
        self._runs: dict[Any, Any] = {}

    def get(self, key, compute: Callable[[], Any]):
        """The result for ``key``: cached, or ``compute()`` (then kept as the most recent)."""
        run = self._runs.pop(key) if key in self._runs else compute()
        self.put(key, run)
        return run

    def put(self, key, run) -> None:
        """Keep ``run`` for ``key`` as the most recent (08 stores runs trained together)."""
        self._runs.pop(key, None)
        self._runs[key] = run  # most recent last
        while len(self._runs) > self.keep:
            del self._runs[next(iter(self._runs))]

    def __contains__(self, key) -> bool:
        return key in self._runs

    def __len__(self) -> int:
        return len(self._runs)


class LayoutBackgrounds:
    """Backgrounds by layout key (``Frame.layout_key``), all taken at one canvas size.

    A background is the figure without its animated artists. A key must fix everything
    outside them; a change of canvas size (resize, dpi) makes every kept one stale.
    """

    def __init__(self):
        self._by_key: dict[Any, Any] = {}
        self._size = None

    def remember(self, key, background, size) -> None:
        """Keep ``background`` for ``key`` (None: keep nothing), drawn at canvas ``size``."""
        if size != self._size:
            self._by_key.clear()
            self._size = size
        if key is not None:
            self._by_key[key] = background

    def recall(self, key, size):
        """The background kept for ``key`` at this canvas size, or None."""
        if key is None or size != self._size:
            return None
        return self._by_key.get(key)

    def forget(self) -> None:
        self._by_key.clear()

    def __len__(self) -> int:
        return len(self._by_key)
