"""The LLM and hybrid extractors (both implement :class:`extract.base.Extractor`).

The model proposes every fact type (:mod:`extract.llm.schema`): service records field by
field, the documents' structure (signers, certifications, plans, dates, diagnoses, risk
assessments, authorizations, exams, assessments, schedules) and the narrative judgments.

* :class:`LLMExtractor` (``kind="llm"``): the model reads the chart alone; the
  deterministic extractor is not run. A document whose LLM extraction failed has no facts
  (its rules are undecided, never decided by the other reader).
* :class:`HybridExtractor` (``kind="hybrid"``): both read; sessions are joined field by
  field, narrative facts that disagree are both kept (the rules see the conflict), and the
  model's structure facts fill what the offline reader did not read.

How the join works is in :mod:`extract.llm.convert`. One request per chunk of page text;
requests run concurrently (at most ``settings.max_concurrency``); validated answers are
cached on disk, so re-reviewing an unchanged chart makes no request. A document with a
chunk whose extraction failed (after retries and re-asks) gets no LLM facts at all, and an
``ungrounded`` entry with ``kind="llm_extraction"`` and ``why="llm extraction failed: ..."``
(no chart text) records it; the review goes on.
"""

from __future__ import annotations

import logging
import threading
import time
import traceback
from collections import defaultdict
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from core.data import Document, Usage
from core.facts import ChartFacts, UngroundedFact
from extract.base import ExtractionResult, Extractor, ExtractorKind, ProgressCallback
from extract.deterministic.extractor import DeterministicExtractor
from extract.llm.cache import AnswerCache, cache_key
from extract.llm.chunks import Chunk, chunk_document
from extract.llm.client import HttpClient, Meter, Sleep, StructuredClient
from extract.llm.convert import DocumentFindings, Mode, dedupe, ground_answer, merge
from extract.llm.errors import LLMExtractionError
from extract.llm.prompt import DEFAULT_PROMPT, PROMPTS_DIR, Prompt, load_prompt
from extract.llm.schema import NarrativeFacts
from extract.llm.sessions import read_by_model, unread_by_model
from extract.llm.settings import LLMSettings

log = logging.getLogger("chartreview.extract.llm")

FAILURE_KIND = "llm_extraction"


@dataclass
class LLMRun:
    """The outcome of the LLM part of one extraction."""

    findings: dict[str, DocumentFindings]
    failures: dict[str, str]  # document id -> why (no chart text)
    usage: Usage


@dataclass
class _Counter:
    cached: int = 0
    #: a cached answer was given without a temperature (the model refused one)
    cached_without_temperature: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)

    def hit(self, temperature_omitted: bool = False) -> None:
        with self.lock:
            self.cached += 1
            self.cached_without_temperature |= temperature_omitted


class _LLMExtractorBase:
    """Shared machinery; subclasses fix :attr:`kind` (and with it the join mode)."""

    kind: ClassVar[ExtractorKind]
    _mode: ClassVar[Mode]

    def __init__(
        self,
        settings: LLMSettings | None = None,
        *,
        http_client: HttpClient | None = None,
        sleep: Sleep = time.sleep,
        prompt: Prompt | None = None,
        deterministic: Extractor | None = None,
    ) -> None:
        """``settings`` default to :meth:`LLMSettings.from_env` (which raises
        :class:`core.errors.UsageError` when no model is configured). ``http_client``
        (an ``httpx.Client``) and ``sleep`` are for tests and proxies."""
        self.settings = settings if settings is not None else LLMSettings.from_env()
        self.prompt = prompt if prompt is not None else load_prompt(DEFAULT_PROMPT, PROMPTS_DIR)
        self._client = StructuredClient(self.settings, http_client=http_client, sleep=sleep)
        self._cache = AnswerCache(self.settings.cache_dir()) if self.settings.cache else None
        self._deterministic = (
            deterministic if deterministic is not None else DeterministicExtractor()
        )

    @property
    def model(self) -> str | None:
        return self.settings.model

    @property
    def prompt_version(self) -> str | None:
        return self.prompt.version

    @property
    def prompt_sha256(self) -> str | None:
        return self.prompt.sha256

    def extract(
        self, documents: Sequence[Document], progress: ProgressCallback | None = None
    ) -> ExtractionResult:
        """Deterministic structure, LLM narrative judgments, joined (see the module doc).
        Never raises for a model failure: it is recorded in ``ungrounded``."""
        # llm: the model reads the chart alone (no deterministic fact, nor its unread
        # records: service-like lines the model read nothing from are its own unread)
        base = (
            ExtractionResult(facts=ChartFacts())
            if self._mode == "llm"
            else self._deterministic.extract(documents)
        )
        run = self.run_llm(documents, progress)
        failed = frozenset(run.failures)
        facts, unattached = merge(base.facts, run.findings, self._mode, failed)
        rejected = [
            u for doc_id, f in run.findings.items() if doc_id not in failed for u in f.ungrounded
        ]
        fallback = (
            "; its narrative is unread, so the rules that depend on it are undecided"
            if self._mode == "llm"
            else ""
        )
        failures = [
            UngroundedFact(
                kind=FAILURE_KIND,
                proposed_value="",
                proposed_quote="",
                document_id=doc_id,
                why=f"llm extraction failed: {why}; no LLM facts from this document{fallback}",
            )
            for doc_id, why in run.failures.items()
        ]
        if failures:
            log.warning(
                "LLM extraction failed for %d of %d documents", len(failures), len(documents)
            )
        log.info(
            "LLM extraction: %d requests, %d cached answers, %d proposals not grounded",
            run.usage.llm_calls,
            run.usage.cached_calls,
            len(rejected) + len(unattached),
        )
        if self._mode == "llm":
            by_doc = {doc_id: f.sessions for doc_id, f in run.findings.items()}
            unread = tuple(unread_by_model(documents, by_doc, failed))
        else:
            unread = read_by_model(base.unread, facts.sessions)
        return ExtractionResult(
            facts=facts,
            ungrounded=(*base.ungrounded, *failures, *rejected, *unattached),
            usage=run.usage,
            unread_documents=failed,
            unread=unread,
        )

    # ------------------------------------------------------------------ the model part

    def run_llm(
        self, documents: Sequence[Document], progress: ProgressCallback | None = None
    ) -> LLMRun:
        """Ask the model about every chunk of every document (concurrently, cached) and
        align the answers. ``progress(done, total)`` is called per finished document."""
        by_id = {d.document_id: d for d in documents}
        chunks = {
            d.document_id: chunk_document(d, self.settings.chunk_chars, self.settings.chunk_overlap)
            for d in documents
        }
        remaining = {doc_id: len(c) for doc_id, c in chunks.items()}
        answers: dict[str, list[tuple[Chunk, NarrativeFacts]]] = defaultdict(list)
        failures: dict[str, str] = {}
        meter = Meter()
        counter = _Counter()
        total = len(documents)
        done = 0

        def finish_document() -> None:
            nonlocal done
            done += 1
            if progress is not None:
                progress(done, total)

        for _ in range(sum(1 for n in remaining.values() if n == 0)):
            finish_document()
        with ThreadPoolExecutor(
            max_workers=self.settings.max_concurrency, thread_name_prefix="chartreview-llm"
        ) as pool:
            deadline = time.monotonic() + self.settings.deadline
            futures: dict[Future[NarrativeFacts], Chunk] = {
                pool.submit(self._answer, chunk, meter, counter, deadline): chunk
                for doc_chunks in chunks.values()
                for chunk in doc_chunks
            }
            for future in as_completed(futures):
                chunk = futures[future]
                try:
                    answers[chunk.document_id].append((chunk, future.result()))
                except LLMExtractionError as e:
                    failures.setdefault(chunk.document_id, str(e))
                except Exception as e:  # a bug or an unexpected library error
                    failures.setdefault(chunk.document_id, f"unexpected error ({type(e).__name__})")
                    # never the exception's message or traceback text: a validation
                    # error's message quotes the model's answer, that is, chart text
                    log.error(
                        "unexpected error in LLM extraction (%s at %s)",
                        type(e).__name__,
                        _where(e),
                    )
                remaining[chunk.document_id] -= 1
                if remaining[chunk.document_id] == 0:
                    finish_document()
        findings: dict[str, DocumentFindings] = {}
        for document in documents:  # in chart order, whatever order the answers came in
            doc_id = document.document_id
            pairs = answers.get(doc_id, [])
            if doc_id in failures or not pairs:
                continue
            pairs.sort(key=lambda pair: (pair[0].page, pair[0].offset))
            findings[doc_id] = dedupe(
                ground_answer(answer, chunk, by_id[doc_id], self.prompt.version)
                for chunk, answer in pairs
            )
        usage = Usage(
            llm_calls=meter.calls,
            cached_calls=counter.cached,
            prompt_tokens=meter.prompt_tokens,
            completion_tokens=meter.completion_tokens,
            cost=self.settings.cost(meter.prompt_tokens, meter.completion_tokens),
            temperature_omitted=self._client.temperature_omitted
            or counter.cached_without_temperature,
        )
        ordered = {
            d.document_id: failures[d.document_id] for d in documents if d.document_id in failures
        }
        return LLMRun(findings=findings, failures=ordered, usage=usage)

    def _answer(
        self, chunk: Chunk, meter: Meter, counter: _Counter, deadline: float | None = None
    ) -> NarrativeFacts:
        key = cache_key(
            chunk.context + "\0" + chunk.text if chunk.context else chunk.text,
            chunk.document_kind.value,
            self.prompt.sha256,
            self.settings.model,
        )
        if self._cache is not None:
            cached = self._cache.get_entry(key)
            if cached is not None:
                counter.hit(temperature_omitted=cached[1])
                return cached[0]
        messages = self.prompt.messages(chunk.document_kind.value, chunk.text, chunk.context)
        answer = self._client.ask(messages, meter, deadline)
        if self._cache is not None:
            self._cache.put(key, answer, temperature_omitted=self._client.temperature_omitted)
        return answer


class LLMExtractor(_LLMExtractorBase):
    """The model reads every fact (sessions, the documents' structure, the narrative);
    the deterministic extractor is not run."""

    kind: ClassVar[ExtractorKind] = "llm"
    _mode: ClassVar[Mode] = "llm"


class HybridExtractor(_LLMExtractorBase):
    """Both read: sessions, certifications and plans joined field by field (a field read
    two ways is uncertain), narrative facts side by side (conflicts reach the rules)."""

    kind: ClassVar[ExtractorKind] = "hybrid"
    _mode: ClassVar[Mode] = "hybrid"


def _where(e: BaseException) -> str:
    """Where an exception was raised, as ``file.py:line`` (no message, no chart text)."""
    frames = traceback.extract_tb(e.__traceback__)
    if not frames:
        return "unknown place"
    last = frames[-1]
    return f"{Path(last.filename).name}:{last.lineno}"
