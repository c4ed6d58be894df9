"""One chart of a batch, in a worker process (or in the batch's own process).

:func:`init_worker` runs once per process: it builds the extractor (the deterministic
reader's vocabularies and context pipeline load on its first chart and are reused for
every later one) and loads the signing key. :func:`review_one` then reviews one chart:
it fingerprints the inputs, skips the chart on ``--resume`` when nothing changed
(:mod:`batch.state`), chooses the pack for ``--policy auto`` (:mod:`batch.choose`),
reviews it with :func:`pipeline.review.review_chart`, writes its state and its sealed
record (each atomically) and returns its summary row. A chart that fails returns a row
with the reason; the batch goes on.

A record that an earlier run left for a chart reviewed again is not lost: it is moved to
``history/`` before the new record is written, whatever it is (AUDIT.md: records of one
chart form a chain), and the new record chains to it (``previous_record_sha256``) when it
verifies and they share a document. ``history/<chart>.<sha>.json`` is named by the first
16 hex digits of its ``record_sha256``, or ``history/<chart>.unverified-<sha>.json`` by
those of its bytes' SHA-256 when it does not verify.

On ``--resume`` a chart is reviewed again when anything its review depends on changed
(:mod:`batch.state`), and also when its last review could not read a document's narrative
because the LLM failed on it (``narrative_unread_documents``): the endpoint may work now.
"""

from __future__ import annotations

import hashlib
import logging
import os
import resource
import signal
import sys
import time
import traceback
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from audit.record import (
    AuditRecord,
    key_id,
    load_private_key,
    load_record,
    seal,
    sign,
    write_record,
)
from batch.charts import AUTO, ChartSpec, fingerprint
from batch.choose import CHOOSER_VERSION, choose_pack
from batch.state import (
    ChartState,
    FileEntry,
    Settings,
    entries,
    read_state,
    record_matches,
    write_state,
)
from batch.summary import SummaryRow, reviewed_row
from core.errors import ChartReviewError
from extract.base import Extractor
from ingest.loader import MAX_TEXT_ENV, load_chart, max_text_chars
from pipeline.review import make_extractor, review_chart, tool_version
from rules.pack import load_pack

RECORDS = "records"
STATE = "state"
HISTORY = "history"


@dataclass(frozen=True)
class WorkerSettings:
    """What every chart of a batch shares (sent once to each worker process)."""

    out: Path
    policy: str | None
    extractor: str
    resume: bool
    sign_key: Path | None = None
    verbose: bool = False
    # the per-document text budget the batch checked before it started (None: read it
    # here, from CHARTREVIEW_MAX_DOCUMENT_CHARS, as the loader does)
    max_document_chars: int | None = None


@dataclass(frozen=True)
class Outcome:
    """A chart's summary row and the resources of the process that reviewed it."""

    row: SummaryRow
    worker_pid: int
    peak_rss_kib: int
    reviewed_now: bool


class _Worker:
    def __init__(self, settings: WorkerSettings) -> None:
        self.settings = settings
        self.extractor: Extractor = make_extractor(settings.extractor)
        self.key = load_private_key(settings.sign_key) if settings.sign_key else None


_WORKER: _Worker | None = None
_CHART_LABEL = "-"


class _ChartLabel(logging.Filter):
    """Names the chart being reviewed in every log line, by its number only."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "chart_labelled", False):
            record.msg = f"{_CHART_LABEL}: {record.msg}"
            record.chart_labelled = True
        return True


CHART_LABEL = _ChartLabel()


def init_worker(settings: WorkerSettings, *, pool: bool = True) -> None:
    """Build this process's extractor (once). In a pool worker, Ctrl-C is left to the
    batch's main process, which decides what happens to the charts in flight."""
    global _WORKER
    if pool:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        logging.basicConfig(
            level=logging.INFO if settings.verbose else logging.WARNING,
            format="%(levelname)s %(name)s: %(message)s",
            stream=sys.stderr,
        )
        for handler in logging.getLogger().handlers:
            handler.addFilter(CHART_LABEL)
        if settings.max_document_chars is not None:
            # the budget the batch checked and fingerprints, whatever environment the
            # process this one forked from was started with
            os.environ[MAX_TEXT_ENV] = str(settings.max_document_chars)
    _WORKER = _Worker(settings)


def _peak_rss_kib() -> int:
    # ru_maxrss is KiB on Linux (bytes on macOS)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak


def review_one(spec: ChartSpec) -> Outcome:
    """Review chart ``spec`` (see the module docstring); never raises for a chart's own
    problems, only for Ctrl-C."""
    global _CHART_LABEL
    if _WORKER is None:
        raise RuntimeError("init_worker() must run before review_one()")
    _CHART_LABEL = spec.label
    start = time.perf_counter()
    reviewed_now = True
    try:
        row, reviewed_now = _review(_WORKER, spec)
    except ChartReviewError as e:
        row = _failed(_WORKER, spec, str(e))
    except Exception as e:  # a bug must not stop the other charts
        row = _failed(_WORKER, spec, _unexpected(e))
    finally:
        _CHART_LABEL = "-"
    if reviewed_now:
        row = row.model_copy(update={"seconds": round(time.perf_counter() - start, 3)})
    return Outcome(row, os.getpid(), _peak_rss_kib(), reviewed_now)


def _unexpected(e: Exception) -> str:
    """Where an unexpected error happened, by type and place only: its message may quote
    chart text (a validation error does)."""
    frames = traceback.extract_tb(e.__traceback__)
    ours = [f for f in frames if "site-packages" not in f.filename] or frames
    place = f" in {Path(ours[-1].filename).name}:{ours[-1].lineno}" if ours else ""
    return (
        f"unexpected error ({type(e).__name__}{place}); the other charts were reviewed. "
        "Review this chart alone with `chartreview review` to see more, and report it"
    )


def _paths(settings: WorkerSettings, spec: ChartSpec) -> tuple[Path, Path, str]:
    record_rel = f"{RECORDS}/{spec.file_stem}.json"
    return settings.out / record_rel, settings.out / STATE / f"{spec.file_stem}.json", record_rel


def _without_credentials(url: str | None) -> str | None:
    """``url`` without the user name and password it may carry (a state file is no place
    for them; they do not change what the model answers)."""
    if url is None:
        return None
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))


@dataclass(frozen=True)
class _LLMFingerprint:
    """What an LLM extractor's outcome depends on besides model and prompt (all None for
    the deterministic one)."""

    base_url: str | None = None
    chunk_chars: int | None = None
    chunk_overlap: int | None = None
    temperature: float | None = None


def _llm_fingerprint(engine: Extractor) -> _LLMFingerprint:
    if engine.kind == "deterministic":
        return _LLMFingerprint()
    from extract.llm.settings import LLMSettings  # loaded already with the extractor

    llm = getattr(engine, "settings", None)
    if not isinstance(llm, LLMSettings):
        raise ChartReviewError(f"the {engine.kind} extractor has no LLM settings")
    return _LLMFingerprint(
        base_url=_without_credentials(llm.base_url),
        chunk_chars=llm.chunk_chars,
        chunk_overlap=llm.chunk_overlap,
        temperature=llm.temperature,
    )


def _settings(worker: _Worker, asked: str) -> Settings:
    engine = worker.extractor
    budget = worker.settings.max_document_chars
    llm = _llm_fingerprint(engine)
    return Settings(
        policy_asked=asked,
        extractor=engine.kind,
        model=engine.model,
        prompt_sha256=engine.prompt_sha256,
        tool_version=tool_version(),
        chooser_version=CHOOSER_VERSION if asked == AUTO else None,
        signing_key_id=key_id(worker.key.public_key()) if worker.key else None,
        max_document_chars=max_text_chars() if budget is None else budget,
        llm_base_url=llm.base_url,
        llm_chunk_chars=llm.chunk_chars,
        llm_chunk_overlap=llm.chunk_overlap,
        llm_temperature=llm.temperature,
    )


def _asked(worker: _Worker, spec: ChartSpec) -> str:
    asked = spec.policy or worker.settings.policy
    if asked is None:  # the batch checks this before it starts
        raise ChartReviewError("no policy pack for this chart: give --policy")
    return asked


def _failed(worker: _Worker, spec: ChartSpec, reason: str) -> SummaryRow:
    """The row of a chart that could not be reviewed; its state says so, so that
    ``--resume`` tries it again."""
    asked = spec.policy or worker.settings.policy or ""
    row = SummaryRow(
        index=spec.index, chart=spec.chart_id, status="failed", policy_asked=asked, error=reason
    )
    _, state_path, _ = _paths(worker.settings, spec)
    try:
        state = ChartState(
            chart_id=spec.chart_id,
            inputs=[],
            settings=_settings(worker, asked),
            pack=None,
            pack_sha256=None,
            row=row,
        )
        write_state(state_path, state)
    except (OSError, ChartReviewError):
        logging.getLogger("chartreview.batch").warning("the state of a failed chart not written")
    return row


def _unchanged(
    worker: _Worker, spec: ChartSpec, settings: Settings, inputs: list[FileEntry]
) -> SummaryRow | None:
    """The earlier row of a chart ``--resume`` can skip, else None."""
    record_path, state_path, _ = _paths(worker.settings, spec)
    state = read_state(state_path)
    if (
        state is None
        or state.row.status != "reviewed"
        or state.row.narrative_unread_documents > 0  # the LLM failed on a document
        or state.chart_id != spec.chart_id
        or state.settings != settings
        or state.inputs != inputs
        or state.pack is None
        or state.row.record_sha256 is None
    ):
        return None
    try:
        if load_pack(state.pack).sha256 != state.pack_sha256:
            return None
    except ChartReviewError:
        return None
    if not record_matches(record_path, state.row.record_sha256):
        return None
    return state.row.model_copy(update={"from_earlier_run": True, "index": spec.index})


def _earlier_record(path: Path) -> AuditRecord | None:
    if not path.exists():
        return None
    try:
        return load_record(path)
    except ChartReviewError:
        return None  # not a record that verifies: nothing to chain to (it is kept aside)


def _history_name(path: Path, earlier: AuditRecord | None) -> str:
    """The name an earlier record at ``path`` keeps under ``history/``."""
    if earlier is not None:
        tag = earlier.record_sha256[:16]
    else:
        digest = hashlib.sha256()
        try:
            with path.open("rb") as f:
                while chunk := f.read(1024 * 1024):
                    digest.update(chunk)
            tag = f"unverified-{digest.hexdigest()[:16]}"
        except OSError:
            tag = "unverified-unreadable"
    return f"{path.name.removesuffix('.json')}.{tag}.json"


def _keep_earlier(out: Path, record_path: Path, earlier: AuditRecord | None) -> None:
    """Move the record at ``record_path`` (if any) to ``history/``, never over another."""
    if not record_path.exists():
        return
    history = out / HISTORY
    history.mkdir(mode=0o700, parents=True, exist_ok=True)
    name = _history_name(record_path, earlier)
    target = history / name
    n = 1
    while target.exists():
        n += 1
        target = history / f"{name.removesuffix('.json')}.{n}.json"
    record_path.replace(target)


def _review(worker: _Worker, spec: ChartSpec) -> tuple[SummaryRow, bool]:
    settings_ = worker.settings
    asked = _asked(worker, spec)
    settings = _settings(worker, asked)
    inputs = entries(fingerprint(spec.paths))
    if not inputs and all(p.is_dir() for p in spec.paths):
        raise ChartReviewError("the chart's folder holds no files: nothing to review")
    if settings_.resume:
        skipped = _unchanged(worker, spec, settings, inputs)
        if skipped is not None:
            return skipped, False
    pack, reason = asked, None
    if asked == AUTO:
        # the documents are read twice for `auto`: once to choose, once in the review
        choice = choose_pack(load_chart(list(spec.paths)).documents)
        if choice.pack is None:
            raise ChartReviewError(f"no pack chosen (--policy auto): {choice.reason}")
        pack, reason = choice.pack, choice.reason
    record_path, state_path, record_rel = _paths(settings_, spec)
    earlier = _earlier_record(record_path)
    review = review_chart(
        list(spec.paths), policy=pack, extractor=worker.extractor, previous=earlier
    )
    record = review.record
    if earlier is not None and not (
        {d.document_id for d in earlier.documents} & {d.document_id for d in record.documents}
    ):  # not the same chart any more: no chain (the earlier record is kept all the same)
        record = seal(record.model_copy(update={"previous_record_sha256": None}))
    if worker.key is not None:
        record = sign(record, worker.key)
    row = reviewed_row(
        index=spec.index,
        chart=spec.chart_id,
        policy_asked=asked,
        pack_reason=reason,
        record=record,
        record_path=record_rel,
        seconds=0.0,
    )
    state = ChartState(
        chart_id=spec.chart_id,
        inputs=inputs,
        settings=settings,
        pack=record.policy.id,
        pack_sha256=record.policy.sha256,
        row=row,
    )
    write_state(state_path, state)  # first: a state without its record means "redo"
    _keep_earlier(settings_.out, record_path, earlier)
    write_record(record_path, record)
    return row, True
