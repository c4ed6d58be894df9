"""What a reader derives from one whole layout, found once and kept while the layout is
in use: every record of a document asks for it, so computing it per record would make
reading quadratic in the document's size."""

from __future__ import annotations

from collections.abc import Callable
from threading import Lock
from typing import TYPE_CHECKING, Generic, TypeVar

from core.textcache import on_clear

if TYPE_CHECKING:
    from extract.layout import Layout

_T = TypeVar("_T")


class PerLayout(Generic[_T]):
    """``compute(layout)``, found once per layout (by identity: a layout is not hashed;
    the layout is kept with its value so that a reused id never answers for another).
    At most ``limit`` layouts are kept; all are forgotten when text caches are cleared."""

    def __init__(self, compute: Callable[[Layout], _T], limit: int = 32) -> None:
        self._compute = compute
        self._limit = limit
        self._kept: dict[int, tuple[Layout, _T]] = {}
        self._lock = Lock()
        on_clear(self._kept.clear)

    def __call__(self, layout: Layout) -> _T:
        with self._lock:
            hit = self._kept.get(id(layout))
            if hit is not None and hit[0] is layout:
                return hit[1]
        found = self._compute(layout)
        with self._lock:
            if len(self._kept) > self._limit:
                self._kept.clear()
            self._kept[id(layout)] = (layout, found)
        return found
