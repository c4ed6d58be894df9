"""The policy index: every passage of every policy file in a persistent chroma collection.

The collection lives in ``<data dir>/policy-index`` (:mod:`retrieval.config`). Each record
is one sentence of one passage (:attr:`retrieval.corpus.PolicyFile.chunks`): id =
``<passage id>@<sentence number>``, document = the sentence (verbatim), embedding = that of
the sentence in its passage's context, metadata = passage_id, source, section, heading,
start and end (the sentence's offsets in the policy file) and passage_start, passage_end.
A dense query ranks passages by their best sentence.

The collection's own metadata stores, per policy file, a fingerprint of the file's bytes
and of its passage layout. Opening the index compares them with the files on disk and
re-embeds only the files that changed (and drops files that are gone), so a second open
embeds nothing and does not even load the model.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import chromadb
from chromadb.api import ClientAPI
from chromadb.api.models.Collection import Collection
from chromadb.config import Settings
from chromadb.errors import ChromaError

from core.errors import UsageError
from retrieval.config import DENSE_RECORDS, MODEL_NAME, index_dir
from retrieval.corpus import PolicyFile, policy_files
from retrieval.embedding import (
    EMBEDDING_FUNCTION_NAME,
    MiniLMEmbeddingFunction,
    embed,
    embed_query,
)
from retrieval.text import heading

log = logging.getLogger("chartreview.retrieval")

COLLECTION_NAME = "policy_passages"
# Bump when what is stored per passage changes (index_text, metadata): forces a rebuild.
INDEX_FORMAT = 2
_FINGERPRINT = "fingerprint:"

BuildNotice = Callable[[Sequence[str]], None]


@dataclass(frozen=True)
class SyncReport:
    """What opening the index did: which files were (re-)embedded or dropped."""

    directory: Path
    rebuilt: tuple[str, ...]
    removed: tuple[str, ...]
    records: int


def _settings() -> Settings:
    return Settings(anonymized_telemetry=False, allow_reset=False)


class PolicyIndex:
    """An open policy index. Use :meth:`open`; it is brought up to date on opening."""

    def __init__(
        self,
        directory: Path,
        client: ClientAPI,
        collection: Collection,
        files: tuple[PolicyFile, ...],
        report: SyncReport,
    ) -> None:
        self.directory = directory
        self._client = client
        self.collection = collection
        self.files = files
        self.report = report

    # ------------------------------------------------------------------ opening
    @classmethod
    def open(
        cls,
        directory: Path | None = None,
        files: Sequence[PolicyFile] | None = None,
        *,
        rebuild: bool = False,
        on_build: BuildNotice | None = None,
    ) -> PolicyIndex:
        """Open (creating or updating as needed) the index in ``directory``.

        ``files`` are the policy files to index (default: every file in ``policies/``);
        the index then holds exactly those. ``rebuild`` drops and re-embeds everything.
        ``on_build`` is told which files are about to be embedded (slow: it loads the
        model), before it happens.
        """
        where = directory if directory is not None else index_dir()
        chosen = tuple(files) if files is not None else policy_files()
        try:
            where.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise UsageError(
                f"cannot create the policy index folder {where}: {e.strerror}; set "
                "CHARTREVIEW_DATA_DIR to a writable folder"
            ) from e
        with _build_lock(where):
            return cls._open_locked(where, chosen, rebuild, on_build)

    @classmethod
    def _open_locked(
        cls,
        where: Path,
        chosen: tuple[PolicyFile, ...],
        rebuild: bool,
        on_build: BuildNotice | None,
    ) -> PolicyIndex:
        try:
            client = chromadb.PersistentClient(path=str(where), settings=_settings())
            if rebuild:
                _drop(client)
            collection = _open_collection(client)
            if not _compatible(collection.metadata):
                log.info("the policy index in %s has an older format: rebuilding it", where)
                _drop(client)
                collection = _open_collection(client)
            report = _sync(where, collection, chosen, on_build)
        except (ChromaError, sqlite3.Error, ValueError) as e:  # a damaged or foreign store
            raise UsageError(
                f"cannot open the policy index in {where} ({type(e).__name__}: {e}); it "
                f"holds nothing that cannot be rebuilt: delete that folder and try again"
            ) from e
        return cls(where, client, collection, chosen, report)

    # ------------------------------------------------------------------ querying
    def count(self) -> int:
        """How many records (passage sentences) the collection holds."""
        return self.collection.count()

    def similarities(self, query: str, sources: frozenset[str] | None = None) -> dict[str, float]:
        """Passage id -> cosine similarity between ``query`` and the passage's best
        sentence, best first, for the passages of ``sources`` (default: all) among the
        :data:`~retrieval.config.DENSE_RECORDS` nearest records (all of them in a policy
        index of today's size)."""
        n = min(self.count(), DENSE_RECORDS)
        if n <= 0:
            return {}
        where: Any = None
        if sources is not None:
            where = {"source": {"$in": sorted(sources)}}
        result = self.collection.query(
            query_embeddings=embed_query(query),
            n_results=n,
            where=where,
            include=["distances"],  # the record id names its passage; metadata costs ~5x
        )
        distances = result["distances"] or [[]]
        best: dict[str, float] = {}
        for record_id, distance in zip(result["ids"][0], distances[0], strict=True):
            best.setdefault(passage_of(record_id), 1.0 - float(distance))
        return best

    def dense(self, query: str, limit: int, sources: frozenset[str] | None = None) -> list[str]:
        """Ids of the ``limit`` passages whose best sentence is nearest to ``query`` (cosine
        distance), best first."""
        if limit <= 0:
            return []
        return list(self.similarities(query, sources))[:limit]


#: How long a second process waits for another one to finish building the index.
LOCK_WAIT_SECONDS = 600.0


@contextmanager
def _build_lock(where: Path, wait: float | None = None) -> Iterator[None]:
    """Hold the index folder's lock file while the index is opened and brought up to date:
    a second process waits for the first to finish building (no two builders writing one
    store), and after ``wait`` seconds says so instead of giving wrong advice."""
    limit = LOCK_WAIT_SECONDS if wait is None else wait
    try:
        import fcntl
    except ImportError:  # not POSIX: chroma's own SQLite locking is all there is
        yield
        return
    path = where / ".build.lock"
    try:
        handle = path.open("a+b")
    except OSError:
        # a read-only folder holding a prebuilt index: nothing can be built into it, so
        # there is nothing to wait for (a build that is needed fails on its own, saying why)
        log.debug("the policy index folder is not writable: opening it without a lock")
        yield
        return
    with handle:
        deadline = time.monotonic() + limit
        told = False
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if not told:
                    log.info("another process is building the policy index in %s: waiting", where)
                    told = True
                if time.monotonic() >= deadline:
                    raise UsageError(
                        f"another process is building the policy index in {where} and did "
                        f"not finish within {limit:.0f} s: try again when it has finished"
                    ) from None
                time.sleep(0.2)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def passage_of(record_id: str) -> str:
    """The passage id of a record id ``<passage id>@<sentence number>[#item]``."""
    return record_id.rpartition("@")[0]


def _open_collection(client: ClientAPI) -> Collection:
    # The embedding function is passed on every open: without it chroma would use its
    # default one, which downloads a model.
    return client.get_or_create_collection(
        name=COLLECTION_NAME,
        embedding_function=MiniLMEmbeddingFunction(),  # type: ignore[arg-type]
        configuration={"hnsw": {"space": "cosine"}},
        metadata={"index_format": INDEX_FORMAT, "model": MODEL_NAME},
    )


def _drop(client: ClientAPI) -> None:
    if any(c.name == COLLECTION_NAME for c in client.list_collections()):
        client.delete_collection(COLLECTION_NAME)


def _compatible(metadata: dict[str, Any] | None) -> bool:
    meta = metadata or {}
    return meta.get("index_format") == INDEX_FORMAT and meta.get("model") == MODEL_NAME


def _sync(
    where: Path,
    collection: Collection,
    files: tuple[PolicyFile, ...],
    on_build: BuildNotice | None,
) -> SyncReport:
    meta: dict[str, Any] = dict(collection.metadata or {})
    have = {k.removeprefix(_FINGERPRINT): v for k, v in meta.items() if k.startswith(_FINGERPRINT)}
    stale = [f for f in files if have.get(f.source) != f.fingerprint]
    wanted = {f.source for f in files}
    removed = sorted(s for s in have if s not in wanted)
    if stale and on_build is not None:
        on_build([f.source for f in stale])
    for source in [*removed, *(f.source for f in stale)]:
        collection.delete(where={"source": source})
        meta.pop(f"{_FINGERPRINT}{source}", None)
    for f in stale:
        log.info(
            "embedding %d sentences of %d passages of %s", len(f.chunks), len(f.passages), f.source
        )
        collection.add(
            ids=[c.chunk_id for c in f.chunks],
            embeddings=embed([c.embed_text for c in f.chunks]),
            documents=[c.text for c in f.chunks],
            metadatas=[
                {
                    "passage_id": c.passage.passage_id,
                    "source": c.passage.source,
                    "section": c.passage.section,
                    "heading": heading(c.passage),
                    "start": c.start,
                    "end": c.end,
                    "passage_start": c.passage.start,
                    "passage_end": c.passage.end,
                }
                for c in f.chunks
            ],
        )
        # recorded per file as soon as it is in: an interrupted build resumes from here
        meta[f"{_FINGERPRINT}{f.source}"] = f.fingerprint
        collection.modify(metadata=meta)
    if removed and not stale:
        collection.modify(metadata=meta)
    return SyncReport(
        directory=where,
        rebuilt=tuple(f.source for f in stale),
        removed=tuple(removed),
        records=collection.count(),
    )


__all__ = ["EMBEDDING_FUNCTION_NAME", "PolicyIndex", "SyncReport", "passage_of"]
