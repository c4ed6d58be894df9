"""Run a batch: check the arguments, review every chart of the shard in worker processes,
show progress, and write the summary (also when stopped).

Output folder (created readable only by its owner; it holds chart quotes)::

    OUT/records/<chart>.json     one sealed audit record per reviewed chart
    OUT/state/<chart>.json       what --resume compares (inputs, settings, summary row)
    OUT/history/<chart>.<sha>.json  a record replaced by a later review of the same chart
                                 (<chart>.unverified-<sha>.json: one that did not verify)
    OUT/summary.csv, summary.json   one row per chart (summary.shard-I-of-N.* for a shard)

Ctrl-C (or SIGTERM) stops the batch: charts not started are left, the charts being
reviewed finish (a second Ctrl-C stops them too, without writing their records), and the
summary lists what finished; this holds at any moment of the run, also while worker
processes are being started. Every record is written atomically, so a record on disk is
always whole; ``--resume`` continues where the batch stopped.
"""

from __future__ import annotations

import datetime as dt
import logging
import multiprocessing
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any, TextIO

from audit.record import load_private_key
from batch.charts import AUTO, ChartSpec, read_source, select_shard
from batch.summary import SummaryRow, write_summary
from batch.worker import (
    CHART_LABEL,
    HISTORY,
    RECORDS,
    STATE,
    Outcome,
    WorkerSettings,
    init_worker,
    review_one,
)
from core.errors import ChartReviewError, UsageError
from ingest.loader import MAX_TEXT_ENV, max_text_chars
from pipeline.review import EXTRACTORS, make_extractor, tool_version
from rules.pack import available_packs

IN_FLIGHT_PER_WORKER = 2
_TEMP_GLOB = ".chartreview-*.tmp"


@dataclass(frozen=True)
class BatchOptions:
    source: Path
    out: Path
    policy: str | None = None
    extractor: str = "deterministic"
    workers: int = 1
    resume: bool = False
    shard: tuple[int, int] | None = None
    sign_key: Path | None = None
    verbose: bool = False
    quiet: bool = False


@dataclass
class BatchResult:
    rows: list[SummaryRow]
    selected: int
    interrupted: bool
    seconds: float
    summary_csv: Path
    summary_json: Path
    loose_files: int = 0
    reviewed_now: int = 0
    peak_rss_kib: dict[int, int] = field(default_factory=dict)  # by worker number

    @property
    def failed(self) -> int:
        return sum(r.status == "failed" for r in self.rows)


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


# --------------------------------------------------------------------------- progress


class ProgressLine:
    """``batch: 37/200 charts (2 failed, 10 from an earlier run) · 3.2 charts/s · ETA 0:51``
    on stderr: redrawn in place in a terminal, a line every 10 s in a log. Counts only:
    no chart id, no file name."""

    def __init__(self, total: int, stream: TextIO, *, enabled: bool) -> None:
        self.total = total
        self.stream = stream
        self.enabled = enabled
        self.tty = stream.isatty()
        self.start = time.monotonic()
        self.last = self.start
        self.final_shown = False
        self.done = self.failed = self.earlier = 0

    def add(self, row: SummaryRow) -> None:
        self.done += 1
        self.failed += row.status == "failed"
        self.earlier += row.from_earlier_run
        self.show()

    def line(self) -> str:
        elapsed = time.monotonic() - self.start
        reviewed = self.done - self.earlier
        rate = reviewed / elapsed if elapsed > 0 else 0.0
        left = self.total - self.done
        eta = _clock(left / rate) if rate > 0 else "--"
        extra = [f"{self.failed} failed"] if self.failed else []
        if self.earlier:
            extra.append(f"{self.earlier} from an earlier run")
        told = f" ({', '.join(extra)})" if extra else ""
        return (
            f"batch: {self.done}/{self.total} charts{told} · {rate * 60:.0f} charts/min · ETA {eta}"
        )

    def show(self, *, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        final = self.done == self.total
        if self.final_shown or (
            not force and not final and now - self.last < (0.2 if self.tty else 10.0)
        ):
            return
        self.last = now
        self.final_shown = final
        if self.tty:
            self.stream.write("\r\x1b[2K" + self.line() + ("\n" if final else ""))
        else:
            self.stream.write(self.line() + "\n")
        self.stream.flush()

    def say(self, message: str) -> None:
        if self.tty and self.enabled:
            self.stream.write("\r\x1b[2K")
        self.stream.write(message + "\n")
        self.stream.flush()


def _clock(seconds: float) -> str:
    seconds = int(seconds + 0.5)
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


# --------------------------------------------------------------------------- checks


@dataclass(frozen=True)
class Prepared:
    """What :func:`prepare` found: the charts of this run (its shard), how many files in
    the root belong to no chart, and the per-document text budget."""

    charts: tuple[ChartSpec, ...]
    loose_files: int
    max_document_chars: int


def _text_budget() -> int:
    """``CHARTREVIEW_MAX_DOCUMENT_CHARS``, read once before any chart: a value the loader
    cannot use is one usage error, not every chart failing with it."""
    try:
        return max_text_chars()
    except (ChartReviewError, ValueError) as e:
        message = str(e) if isinstance(e, ChartReviewError) else f"{MAX_TEXT_ENV}: {e}"
        raise UsageError(f"{message}; no chart was reviewed") from e


def prepare(options: BatchOptions) -> Prepared:
    """The charts of this run (its shard), after every check that needs no review
    (raises :class:`UsageError`)."""
    if options.workers < 1:
        raise UsageError("--workers must be 1 or more")
    if options.extractor not in EXTRACTORS:
        raise UsageError(f"unknown extractor {options.extractor!r}: choose one of {EXTRACTORS}")
    budget = _text_budget()
    source = read_source(options.source)
    out = options.out.resolve()
    in_root = options.source.is_dir() and out.is_relative_to(options.source.resolve())
    if in_root or any(out.is_relative_to(p.resolve()) for c in source.charts for p in c.paths):
        raise UsageError(
            "--out is inside the charts: the records would be read as chart documents (or "
            "as a chart); give an output folder outside them"
        )
    charts = select_shard(source.charts, options.shard)
    packs = set(available_packs())
    choices = f"choose one of {', '.join(sorted(packs))} or {AUTO}"
    if options.policy is not None and options.policy not in packs | {AUTO}:
        raise UsageError(f"unknown policy pack {options.policy!r}: {choices}")
    for chart in source.charts:
        asked = chart.policy or options.policy
        if asked is None:
            raise UsageError(
                f"{chart.label} has no policy pack: give --policy PACK (or {AUTO}), or fill "
                "the manifest's policy column"
            )
        if asked not in packs | {AUTO}:
            raise UsageError(f"{chart.label} asks for an unknown policy pack: {choices}")
    if options.sign_key is not None:
        load_private_key(options.sign_key)  # a bad key stops the batch before it starts
    make_extractor(options.extractor)  # an LLM extractor without an endpoint stops it too
    if not options.resume:
        state = options.out / STATE
        done = [c for c in charts if (state / f"{c.file_stem}.json").exists()]
        if done:
            raise UsageError(
                f"the output folder already holds the results of {len(done)} of these charts: "
                "add --resume to continue that batch, or give a new --out"
            )
    return Prepared(charts, source.loose_files, budget)


def _make_folders(out: Path) -> None:
    for folder in (out, out / RECORDS, out / STATE):
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    # temporary files of writes a killed run left behind hold chart quotes
    for folder in (out, out / RECORDS, out / STATE, out / HISTORY):
        if folder.is_dir():
            for tmp in folder.glob(_TEMP_GLOB):
                tmp.unlink(missing_ok=True)


# --------------------------------------------------------------------------- running


@contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """SIGTERM (a scheduler stopping the job) stops the batch like Ctrl-C."""

    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextmanager
def _deferred_interrupts() -> Iterator[None]:
    """Ctrl-C and SIGTERM wait until the block ends, then reach their usual handlers
    (which stop the batch). For starting worker processes: one that is half started when
    the batch stops would fail later with a traceback, its queues gone."""
    caught: list[int] = []

    def later(signum: int, frame: FrameType | None) -> None:
        caught.append(signum)

    previous: dict[int, Any] = {}
    try:
        for deferred in (signal.SIGINT, signal.SIGTERM):
            previous[deferred] = signal.signal(deferred, later)
    except ValueError:  # not the main thread: leave signals alone
        pass
    try:
        yield
    finally:
        for restored, handler in previous.items():
            signal.signal(restored, handler)
        for arrived in dict.fromkeys(caught):
            signal.raise_signal(arrived)


class _Collector:
    def __init__(self, progress: ProgressLine) -> None:
        self.rows: list[SummaryRow] = []
        self.progress = progress
        self.workers: dict[int, int] = {}  # pid -> worker number
        self.peak: dict[int, int] = {}  # worker number -> peak RSS (KiB)
        self.reviewed_now = 0

    def __call__(self, outcome: Outcome) -> None:
        self.rows.append(outcome.row)
        number = self.workers.setdefault(outcome.worker_pid, len(self.workers) + 1)
        self.peak[number] = max(self.peak.get(number, 0), outcome.peak_rss_kib)
        self.reviewed_now += outcome.reviewed_now
        self.progress.add(outcome.row)

    def lost(self, spec: ChartSpec, policy: str | None, reason: str) -> None:
        self.rows.append(
            SummaryRow(
                index=spec.index,
                chart=spec.chart_id,
                status="failed",
                policy_asked=spec.policy or policy or "",
                error=reason,
            )
        )
        self.progress.add(self.rows[-1])


def _run_inline(charts: Sequence[ChartSpec], settings: WorkerSettings, collect: _Collector) -> bool:
    """Review in this process; True when interrupted."""
    init_worker(settings, pool=False)
    handlers = logging.getLogger().handlers
    for handler in handlers:
        handler.addFilter(CHART_LABEL)  # log lines name the chart by its number
    try:
        for spec in charts:
            collect(review_one(spec))
    except KeyboardInterrupt:
        collect.progress.say("batch: interrupted; the chart being reviewed was not finished")
        return True
    finally:
        for handler in handlers:
            handler.removeFilter(CHART_LABEL)
    return False


_WORKER_DIED = (
    "the worker process reviewing it stopped (killed, or out of memory) while this chart or "
    "another one in flight was being reviewed; run the batch again with --resume"
)


def _context() -> multiprocessing.context.BaseContext:
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        # the workers fork from a server that has imported the review code once
        context.set_forkserver_preload(["batch.worker"])
        _start_forkserver_deaf_to_ctrl_c()
        return context
    return multiprocessing.get_context("spawn")


def _start_forkserver_deaf_to_ctrl_c() -> None:
    """Start the fork server ignoring Ctrl-C, so that neither it (importing the review
    code) nor a worker it forks (before :func:`init_worker` ignores Ctrl-C) is stopped by
    it with a traceback: a terminal's Ctrl-C reaches every process of the batch, and what
    happens to the charts in flight is this process's decision.

    The server is a new interpreter: an ignored SIGINT stays ignored across ``exec`` and
    Python then installs no KeyboardInterrupt handler, in it or in its children. Meanwhile
    this thread blocks SIGINT, so that (on Linux) a Ctrl-C in that moment waits and stops
    the batch right after, as anywhere else."""
    from multiprocessing import forkserver, resource_tracker

    if not hasattr(signal, "pthread_sigmask"):
        forkserver.ensure_running()
        return
    # started first: starting it unblocks SIGINT, which would then be lost here
    resource_tracker.ensure_running()
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        handler = signal.signal(signal.SIGINT, signal.SIG_IGN)
    except ValueError:  # not the main thread: leave signals alone
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        forkserver.ensure_running()
        return
    try:
        forkserver.ensure_running()
    finally:
        signal.signal(signal.SIGINT, handler)
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)  # a Ctrl-C waiting arrives now


def _close(pool: ProcessPoolExecutor) -> None:
    """Shut ``pool`` down and wait for its processes to end: a worker still starting when
    this process exits would fail with a traceback (its queues gone). Ctrl-C meanwhile
    stops them at once."""
    try:
        pool.shutdown(wait=True, cancel_futures=True)
    except KeyboardInterrupt:
        _terminate(pool)
        raise


def _terminate(pool: ProcessPoolExecutor) -> None:
    # ProcessPoolExecutor has no public way to stop running calls before Python 3.14
    processes: dict[int, Any] = getattr(pool, "_processes", None) or {}
    for process in list(processes.values()):
        process.terminate()


def _run_pool(
    charts: Sequence[ChartSpec],
    settings: WorkerSettings,
    workers: int,
    collect: _Collector,
) -> bool:
    """Review in ``workers`` processes; True when interrupted."""
    pending = deque(charts)
    context = _context()
    fruitless_pools = 0
    while pending:
        pool: ProcessPoolExecutor | None = None
        in_flight: dict[Future[Outcome], ChartSpec] = {}
        finished_here = 0
        try:
            # a pool is created and its processes started (by submit) whole: a Ctrl-C
            # meanwhile stops the batch right after, here, like one at any other moment
            with _deferred_interrupts():
                pool = ProcessPoolExecutor(
                    max_workers=min(workers, len(pending)),
                    mp_context=context,
                    initializer=init_worker,
                    initargs=(settings,),
                )
            while pending or in_flight:
                with _deferred_interrupts():
                    while pending and len(in_flight) < IN_FLIGHT_PER_WORKER * workers:
                        spec = pending.popleft()
                        in_flight[pool.submit(review_one, spec)] = spec
                done, _ = wait(in_flight, timeout=1.0, return_when=FIRST_COMPLETED)
                collect.progress.show()
                broken = False
                for future in done:
                    spec = in_flight.pop(future)
                    try:
                        outcome = future.result()
                    except BrokenProcessPool:
                        broken = True
                        collect.lost(spec, settings.policy, _WORKER_DIED)
                    else:
                        finished_here += 1
                        collect(outcome)
                if broken:
                    for future, spec in in_flight.items():
                        if future.done() and future.exception() is None:
                            collect(future.result())
                        else:
                            collect.lost(spec, settings.policy, _WORKER_DIED)
                    in_flight.clear()
                    break
        except KeyboardInterrupt:
            if pool is not None:
                _stop(pool, in_flight, collect)
            return True
        finally:
            if pool is not None:
                _close(pool)
        fruitless_pools = 0 if finished_here else fruitless_pools + 1
        if fruitless_pools >= 2:
            reason = "worker processes keep stopping: " + _WORKER_DIED
            for spec in pending:
                collect.lost(spec, settings.policy, reason)
            pending.clear()
    return False


def _stop(
    pool: ProcessPoolExecutor, in_flight: dict[Future[Outcome], ChartSpec], collect: _Collector
) -> None:
    """First Ctrl-C: let the charts being reviewed finish; a second one stops them."""
    for future in in_flight:
        future.cancel()
    running = [f for f in in_flight if not f.cancelled()]
    collect.progress.say(
        f"batch: interrupted; finishing the {len(running)} charts being reviewed "
        "(Ctrl-C again stops them without their records)"
    )
    try:
        for future in running:
            with suppress(BrokenProcessPool):
                collect(future.result())
    except KeyboardInterrupt:
        _terminate(pool)
        collect.progress.say("batch: stopped; the charts in flight have no record")


def run_batch(options: BatchOptions, *, stream: TextIO | None = None) -> BatchResult:
    """Review every chart of ``options.source`` (this shard) into ``options.out``."""
    err = stream or sys.stderr
    prepared = prepare(options)
    charts, loose = prepared.charts, prepared.loose_files
    out = options.out
    _make_folders(out)
    if loose:
        err.write(f"batch: {loose} files directly in the root folder belong to no chart\n")
    settings = WorkerSettings(
        out=out,
        policy=options.policy,
        extractor=options.extractor,
        resume=options.resume,
        sign_key=options.sign_key,
        verbose=options.verbose,
        max_document_chars=prepared.max_document_chars,
    )
    progress = ProgressLine(len(charts), err, enabled=not options.quiet)
    collect = _Collector(progress)
    started = dt.datetime.now(dt.UTC).replace(microsecond=0)
    start = time.perf_counter()
    workers = min(options.workers, len(charts))
    interrupted = True
    try:
        with _sigterm_as_interrupt():
            if workers <= 1:
                interrupted = _run_inline(charts, settings, collect)
            else:
                interrupted = _run_pool(charts, settings, workers, collect)
    except KeyboardInterrupt:  # between charts or pools: what finished is kept and listed
        interrupted = True
        progress.say("batch: interrupted")
    finally:
        seconds = time.perf_counter() - start
        progress.show(force=True)
        stem = (
            "summary" if options.shard is None else "summary.shard-{}-of-{}".format(*options.shard)
        )
        csv_path, json_path = write_summary(
            out,
            stem,
            collect.rows,
            selected=len(charts),
            complete=not interrupted and len(collect.rows) == len(charts),
            settings={
                "policy": options.policy,
                "extractor": options.extractor,
                "workers": workers,
                "resume": options.resume,
                "shard": "{}/{}".format(*options.shard) if options.shard else None,
                "tool_version": tool_version(),
            },
            run=_run_facts(started, seconds, collect, interrupted),
        )
    return BatchResult(
        rows=sorted(collect.rows, key=lambda r: r.index),
        selected=len(charts),
        interrupted=interrupted,
        seconds=seconds,
        summary_csv=csv_path,
        summary_json=json_path,
        loose_files=loose,
        reviewed_now=collect.reviewed_now,
        peak_rss_kib=dict(collect.peak),
    )


def _run_facts(
    started: dt.datetime, seconds: float, collect: _Collector, interrupted: bool
) -> dict[str, Any]:
    return {
        "started_at": started.isoformat(),
        "seconds": round(seconds, 3),
        "interrupted": interrupted,
        "reviewed_now": collect.reviewed_now,
        "charts_per_minute": round(collect.reviewed_now / seconds * 60, 1) if seconds else None,
        "worker_peak_rss_mib": {
            str(n): round(kib / 1024, 1) for n, kib in sorted(collect.peak.items())
        },
    }
