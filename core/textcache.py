"""Caches keyed by chart text, emptied when a chart has been read.

Readers cache what they derive from a page's text (its sentences, headings, signatures)
because many readers ask about the same page. Those caches hold chart text (PHI) and, for
a very large document, much memory; once a chart's extraction is done they serve nothing.
:func:`text_cache` is ``functools.lru_cache`` that also registers the cache, and
:func:`clear_text_caches` empties every registered one (the extractor calls it when it
has read a chart).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])

_CACHES: list[Any] = []
_CLEARERS: list[Callable[[], None]] = []


def text_cache(maxsize: int) -> Callable[[F], F]:
    """``lru_cache(maxsize)``, emptied by :func:`clear_text_caches`."""

    def wrap(fn: F) -> F:
        cached = lru_cache(maxsize=maxsize)(fn)
        _CACHES.append(cached)
        return cached  # type: ignore[return-value]

    return wrap


def on_clear(clear: Callable[[], None]) -> None:
    """Also call ``clear`` (another cache of chart text) in :func:`clear_text_caches`."""
    _CLEARERS.append(clear)


def clear_text_caches() -> None:
    for cached in _CACHES:
        cached.cache_clear()
    for clear in _CLEARERS:
        clear()
