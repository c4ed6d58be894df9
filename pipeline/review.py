"""One review: ingest -> extract -> ground -> rules -> sealed audit record."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from audit.record import (
    AuditRecord,
    DocumentEntry,
    ExtractorInfo,
    PolicyInfo,
    ToolInfo,
    new_review_id,
    seal,
    utc_now,
)
from core.data import Document
from core.errors import UsageError
from core.facts import ChartInput, DocumentRef
from core.findings import overall_status
from core.grounding import ground
from core.textcache import clear_text_caches
from extract.base import Extractor
from extract.deterministic.extractor import DeterministicExtractor
from extract.pages import missing_pages
from ingest.loader import DEFAULT_MAX_BYTES, load_chart
from retrieval.related import attach_related
from rules.engine import evaluate
from rules.pack import available_packs, load_pack

log = logging.getLogger("chartreview.pipeline")

TOOL_NAME = "chartreview"
EXTRACTORS = ("deterministic", "llm", "hybrid")


def tool_version() -> str:
    try:
        return version(TOOL_NAME)
    except PackageNotFoundError:
        return "0+unknown"


@dataclass(frozen=True)
class Progress:
    """Progress of a review: ``stage`` is "ingest" or "extract"."""

    stage: str
    done: int
    total: int


ProgressFn = Callable[[Progress], None]


def make_extractor(kind: str) -> Extractor:
    """The extractor ``kind``; the LLM ones only when an endpoint is configured (the
    import is lazy, so a deterministic review never loads the LLM libraries)."""
    if kind == "deterministic":
        return DeterministicExtractor()
    if kind in ("llm", "hybrid"):
        from extract.llm import HybridExtractor, LLMExtractor, is_configured, not_configured_message

        if not is_configured():
            raise UsageError(not_configured_message())
        return HybridExtractor() if kind == "hybrid" else LLMExtractor()
    raise UsageError(f"unknown extractor {kind!r}: choose one of {', '.join(EXTRACTORS)}")


def review_paths(
    paths: Sequence[Path],
    *,
    policy: str = "medicare-iop",
    extractor: str = "deterministic",
    previous: AuditRecord | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: ProgressFn | None = None,
) -> AuditRecord:
    """Review the chart documents at ``paths`` (files or folders) against pack ``policy``.

    Unreadable files are listed in ``input_errors`` and the rest is reviewed. Raises
    :class:`UsageError` for arguments that cannot work (no such path, unknown pack or
    extractor) before reading anything.
    """
    return review_chart(
        paths,
        policy=policy,
        extractor=extractor,
        previous=previous,
        max_bytes=max_bytes,
        progress=progress,
    ).record


@dataclass(frozen=True)
class Review:
    """A sealed record and the documents it was made from (their page text is what the
    record's evidence offsets point into)."""

    record: AuditRecord
    documents: tuple[Document, ...]


def _check_arguments(paths: Sequence[Path], policy: str) -> None:
    """Check the arguments that need no extractor first (raises :class:`UsageError`)."""
    missing = [str(p) for p in paths if not Path(p).exists()]
    if missing:
        raise UsageError(f"no such file or folder: {', '.join(missing)}")
    if not paths:
        raise UsageError("give at least one chart file or folder to review")
    if policy not in available_packs():
        raise UsageError(
            f"unknown policy pack {policy!r}: choose one of {', '.join(available_packs())}"
        )


def review_chart(
    paths: Sequence[Path],
    *,
    policy: str = "medicare-iop",
    extractor: str | Extractor = "deterministic",
    previous: AuditRecord | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: ProgressFn | None = None,
) -> Review:
    """:func:`review_paths`, also returning the ingested documents; ``extractor`` may be
    an extractor instance (the eval reuses one across charts)."""
    _check_arguments(paths, policy)
    pack = load_pack(policy)
    engine = make_extractor(extractor) if isinstance(extractor, str) else extractor

    def ingest_progress(done: int, total: int) -> None:
        if progress is not None:
            progress(Progress("ingest", done, total))

    def extract_progress(done: int, total: int) -> None:
        if progress is not None:
            progress(Progress("extract", done, total))

    chart = load_chart([Path(p) for p in paths], max_bytes=max_bytes, progress=ingest_progress)
    result = engine.extract(chart.documents, progress=extract_progress)
    facts, rejected = ground(result.facts, chart.documents)
    clear_text_caches()  # what readers derived from the chart's text serves nothing now
    if rejected:
        log.warning("%d proposed facts could not be grounded in the text", len(rejected))
    refs = tuple(
        DocumentRef(
            document_id=d.document_id,
            filename=d.filename,
            kind=d.kind,
            narrative_unread=d.document_id in result.unread_documents,
            missing_pages=missing_pages(d),
        )
        for d in chart.documents
    )
    evaluation = evaluate(pack, ChartInput(documents=refs, facts=facts, unread=result.unread))
    # precomputed when the policy index was built: no model is loaded here
    findings = attach_related(evaluation.findings, pack)
    record = AuditRecord(
        review_id=new_review_id(),
        created_at=utc_now(),
        tool=ToolInfo(name=TOOL_NAME, version=tool_version()),
        policy=PolicyInfo(id=pack.id, version=pack.version, sha256=pack.sha256),
        extractor=ExtractorInfo(
            kind=engine.kind,
            model=engine.model,
            prompt_version=engine.prompt_version,
            prompt_sha256=engine.prompt_sha256,
        ),
        documents=[
            DocumentEntry(
                document_id=d.document_id,
                filename=d.filename,
                media_type=d.media_type,
                pages=len(d.pages),
                kind=d.kind,
                pages_without_text=d.pages_without_text,
            )
            for d in chart.documents
        ],
        input_errors=list(chart.errors),
        facts=facts,
        ungrounded=[*result.ungrounded, *rejected],
        unread=list(result.unread),
        usage=result.usage,
        weekly_summary=list(evaluation.weekly_summary),
        findings=findings,
        # a file that could not be read may hold what would change a verdict (RULES.md)
        overall=overall_status(evaluation.findings, unreadable_files=chart.unread_files),
        previous_record_sha256=previous.record_sha256 if previous is not None else None,
    )
    log.info(
        "reviewed %d documents (%d unreadable): overall %s",
        len(chart.documents),
        len(chart.errors),
        record.overall,
    )
    return Review(record=seal(record), documents=chart.documents)
