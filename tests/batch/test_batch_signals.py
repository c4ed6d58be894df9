"""Ctrl-C at any moment of a batch stops it cleanly: exit 130, the summary of the charts
that finished, no traceback; also while a worker pool, or a worker process, is starting.

The pool here is a stand-in (it reviews in this process and reports the others' worker
as gone, so that the batch starts a second pool, and Ctrl-C arrives then): the moment is
exact, not a matter of timing.
"""

from __future__ import annotations

import json
import os
import signal
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

import pytest

import batch.run
from batch.run import _context, _deferred_interrupts
from batch.worker import Outcome, WorkerSettings, init_worker
from cli.main import main
from tests.batch.batchcharts import write_root

EXIT_INTERRUPTED = 130


class FirstPoolThenCtrlC:
    """The first pool reviews its first chart and then loses its worker; creating the
    next one is interrupted by Ctrl-C."""

    created = 0

    def __init__(
        self, *, max_workers: int, mp_context: Any, initializer: Any, initargs: tuple[Any, ...]
    ) -> None:
        type(self).created += 1
        if type(self).created > 1:
            raise KeyboardInterrupt
        settings: WorkerSettings = initargs[0]
        init_worker(settings, pool=False)
        self.submitted = 0

    def submit(self, fn: Any, spec: Any) -> Future[Outcome]:
        future: Future[Outcome] = Future()
        self.submitted += 1
        if self.submitted == 1:
            future.set_result(fn(spec))
        else:
            future.set_exception(BrokenProcessPool("the worker was killed"))
        return future

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        pass


def test_ctrl_c_while_a_new_worker_pool_is_created_exits_130_with_the_summary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root, out = tmp_path / "charts", tmp_path / "out"
    write_root(root, 6)
    monkeypatch.setattr(FirstPoolThenCtrlC, "created", 0)
    monkeypatch.setattr(batch.run, "ProcessPoolExecutor", FirstPoolThenCtrlC)
    args = ["--policy", "medicare-iop", "--out", str(out), "--workers", "2", "--quiet"]
    code = main(["batch", str(root), *args])  # a KeyboardInterrupt here would fail the test
    assert code == EXIT_INTERRUPTED
    assert FirstPoolThenCtrlC.created == 2
    printed = capsys.readouterr()
    assert "Traceback" not in printed.err
    assert "--resume" in printed.out

    summary = json.loads((out / "summary.json").read_text("utf-8"))
    assert summary["complete"] is False
    assert summary["run"]["interrupted"] is True
    statuses = [(c["chart"], c["status"]) for c in summary["charts"]]
    # the first pool's chart reviewed; the 3 in flight when its worker died listed as failed
    assert statuses == [("chart-01", "reviewed")] + [(f"chart-0{n}", "failed") for n in (2, 3, 4)]
    assert summary["totals"]["not_finished"] == 2
    assert len(list((out / "records").iterdir())) == 1


def test_ctrl_c_while_worker_processes_start_waits_until_they_have_started() -> None:
    with pytest.raises(KeyboardInterrupt), _deferred_interrupts():
        os.kill(os.getpid(), signal.SIGINT)  # a worker being started here is not cut off
        arrived_inside = True
    assert arrived_inside


def test_worker_processes_ignore_ctrl_c_from_their_first_instruction() -> None:
    # a terminal's Ctrl-C reaches every process: a worker still starting (before it sets
    # its own handlers) must not die of it with a traceback, nor its fork server
    context = _context()
    if context.get_start_method() != "forkserver":
        pytest.skip("worker processes are spawned, not forked from a server, here")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        assert pool.submit(signal.getsignal, signal.SIGINT).result() == signal.SIG_IGN


def test_ctrl_c_while_the_batch_command_starts_exits_130_without_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt  # as while the review code is imported or checked

    monkeypatch.setattr(batch.run, "run_batch", interrupted)
    args = ["--policy", "medicare-iop", "--out", str(tmp_path / "out")]
    assert main(["batch", str(tmp_path), *args]) == EXIT_INTERRUPTED
    assert "--resume" in capsys.readouterr().err
