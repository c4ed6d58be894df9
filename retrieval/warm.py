"""Warm policy search up before the first question, in the background.

The first question to a cold process pays for everything at once: importing torch and
chroma, loading the embedding model, building the index if the data folder has none
(embedding every passage sentence), opening chroma's vector segment and the first run of
the model's graph. In the workspace that was 37.7 s behind a spinner. :func:`warm` pays
all of it up front by opening the index and asking one question through every path
(:meth:`PolicySearch.ask`: query embedding, chroma, BM25, fusion); :class:`WarmSearch`
does that on a background thread, so an app can start it when it starts and a search only
waits for whatever is left of it. :func:`shared` is the process's one :class:`WarmSearch`
over the data folder's index: the workspace's launcher (``chartreview workspace``) starts
it before the server accepts a connection, and the app asks it for the search::

    shared()  # at server start: returns at once; warming runs in its own thread
    search = shared().get()  # a PolicySearch, waiting if warming is not done

Importing this module is cheap: it imports nothing heavy until the thread runs.
"""

from __future__ import annotations

import importlib
import logging
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from core.errors import UsageError

if TYPE_CHECKING:
    from retrieval.corpus import PolicyFile
    from retrieval.search import PolicySearch

log = logging.getLogger("chartreview.retrieval")

#: Libraries that loading the model imports and that a UI thread also imports lazily
#: (Streamlit, for tables and charts). Importing one in two threads at once can hand one
#: of them a partially initialised module (Python resolves the cross-thread import
#: deadlock that way: "partially initialized module 'pandas' has no attribute
#: 'Timestamp'"), so :meth:`WarmSearch.start` imports them in the calling thread first
#: (about a second) and the background thread imports only what no UI imports.
SHARED_IMPORTS = (
    "numpy",
    "pandas",
    "pyarrow",
    "PIL.Image",
    "jinja2",
    "dateutil",
    "narwhals",
    "jsonschema",
)

#: The question asked to warm up (its answer is thrown away).
WARM_QUESTION = "How many hours of services per week does an intensive outpatient program need?"


def warm(directory: Path | None = None, files: Sequence[PolicyFile] | None = None) -> PolicySearch:
    """Open the policy index in ``directory`` (default: the data folder's), building it if
    needed, and ask :data:`WARM_QUESTION` so that every lazy part is loaded; the search is
    then as fast for its first question as for later ones."""
    from retrieval.search import PolicySearch

    search = PolicySearch.open(directory, files)
    search.ask(WARM_QUESTION, 1)
    return search


class WarmSearch:
    """A :class:`PolicySearch` warmed by :func:`warm` on a daemon thread started at
    construction (or by :meth:`start` when ``start=False``)."""

    def __init__(
        self,
        directory: Path | None = None,
        files: Sequence[PolicyFile] | None = None,
        *,
        start: bool = True,
    ) -> None:
        self._directory = directory
        self._files = tuple(files) if files is not None else None
        self._done = threading.Event()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._search: PolicySearch | None = None
        self._error: BaseException | None = None
        self.seconds: float | None = None
        if start:
            self.start()

    def start(self) -> None:
        """Start warming (once; later calls do nothing), after importing
        :data:`SHARED_IMPORTS` in the calling thread."""
        with self._lock:
            if self._thread is not None:
                return
            for name in SHARED_IMPORTS:
                try:
                    importlib.import_module(name)
                except ImportError:  # not installed: then nobody imports it
                    log.debug("%s is not installed", name)
            self._thread = threading.Thread(
                target=self._run, name="chartreview-policy-warm-up", daemon=True
            )
            self._thread.start()

    def _run(self) -> None:
        began = time.perf_counter()
        try:
            self._search = warm(self._directory, self._files)
        except BaseException as e:  # handed to whoever calls get(), in their thread
            self._error = e
        finally:
            self.seconds = time.perf_counter() - began
            self._done.set()
        if self._error is None:
            log.info("policy search warmed up in %.1f s", self.seconds)
        else:  # policy files and the data folder only: never a chart
            log.warning("policy search could not warm up: %s", self._error)

    def ready(self) -> bool:
        """Whether warming has finished (successfully or not)."""
        return self._done.is_set()

    def get(self, timeout: float | None = None) -> PolicySearch:
        """The warmed search, waiting up to ``timeout`` seconds (default: as long as it
        takes) for warming to finish; starts it if it was not started. Raises what warming
        raised (a :class:`UsageError` says what to do), or :class:`TimeoutError`. After a
        failure the next call warms up again (the cause may have been fixed meanwhile)."""
        self.start()
        if not self._done.wait(timeout):
            raise TimeoutError(f"the policy search is still warming up after {timeout} s")
        error = self._error
        if error is not None:
            with self._lock:  # forget the failed attempt: the next get() starts another
                if self._error is error:  # not already forgotten by another caller
                    self._thread, self._error = None, None
                    self._done.clear()
            if isinstance(error, UsageError):
                raise error
            raise UsageError(
                f"the policy search could not start ({type(error).__name__}: {error})"
            ) from error
        if self._search is None:  # pragma: no cover - _run sets one of the two
            raise UsageError("the policy search did not start")
        return self._search


_shared: WarmSearch | None = None
_shared_lock = threading.Lock()


def shared() -> WarmSearch:
    """The process's :class:`WarmSearch` over the data folder's index, created (and its
    warming started) by the first call; later calls return the same one at once."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = WarmSearch()
        return _shared
