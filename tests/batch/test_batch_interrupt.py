"""A batch stopped midway keeps every finished record whole, and ``--resume`` finishes it
with records identical to an uninterrupted run.

The batch runs as a real ``chartreview batch`` process with two worker processes; it is
stopped as soon as its first record appears: by SIGKILL of its whole process group (a
power cut: nothing runs after it), or by SIGINT (Ctrl-C: the charts in flight finish, the
summary lists what finished).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from audit.record import load_record
from batch.run import BatchOptions, run_batch
from cli.main import EXIT_OK, main
from tests.batch.batchcharts import stable, write_root

CHARTS = 40


def _start(root: Path, out: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "cli.main", "batch", str(root), "--policy", "auto"]
    command += ["--out", str(out), "--workers", "2", "--quiet"]
    return subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
    )


def _records(out: Path) -> list[Path]:
    folder = out / "records"
    return sorted(folder.glob("*.json")) if folder.is_dir() else []


def _wait_for_first_record(process: subprocess.Popen[bytes], out: Path) -> None:
    deadline = time.monotonic() + 60
    while not _records(out):
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"the batch wrote no record (exit {process.returncode})")
        time.sleep(0.005)


@pytest.fixture(scope="module")
def charts(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The chart root and the records of an uninterrupted run (in this process)."""
    base = tmp_path_factory.mktemp("batch-interrupt")
    root = base / "charts"
    write_root(root, CHARTS)
    whole = base / "uninterrupted"
    result = run_batch(BatchOptions(root, whole, policy="auto", quiet=True))
    assert result.reviewed_now == CHARTS and not result.failed
    return root, whole


def _same_as_uninterrupted(out: Path, whole: Path) -> None:
    finished = _records(out)
    assert [p.name for p in finished] == [p.name for p in _records(whole)]
    for path in finished:
        load_record(path)  # verifies: hash and schema
        assert stable(path) == stable(whole / "records" / path.name), path.name
    leftovers = [p for p in out.rglob("*") if p.name.startswith(".chartreview-")]
    assert leftovers == []  # no temporary file (with chart quotes) is left behind


def test_a_killed_batch_resumes_to_the_records_of_an_uninterrupted_run(
    tmp_path: Path, charts: tuple[Path, Path]
) -> None:
    root, whole = charts
    out = tmp_path / "out"
    process = _start(root, out)
    _wait_for_first_record(process, out)
    os.killpg(process.pid, signal.SIGKILL)  # the batch and its workers, at once
    process.wait(timeout=30)
    killed_at = len(_records(out))
    assert 0 < killed_at < CHARTS, "the batch was not stopped midway"
    for path in _records(out):
        load_record(path)  # every record on disk is whole

    resumed = run_batch(BatchOptions(root, out, policy="auto", resume=True, quiet=True))
    assert not resumed.failed and len(resumed.rows) == CHARTS
    assert resumed.reviewed_now <= CHARTS - killed_at + 2  # only the unfinished (and in flight)
    summary = json.loads((out / "summary.json").read_text("utf-8"))
    assert summary["complete"] is True
    assert summary["totals"]["reviewed"] == CHARTS
    _same_as_uninterrupted(out, whole)


def test_ctrl_c_keeps_finished_records_and_their_summary_then_resume_finishes(
    tmp_path: Path, charts: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root, whole = charts
    out = tmp_path / "out"
    process = _start(root, out)
    _wait_for_first_record(process, out)
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr.decode()
    assert b"--resume" in stdout
    assert b"interrupted; finishing the" in stderr

    summary = json.loads((out / "summary.json").read_text("utf-8"))
    assert summary["complete"] is False
    rows = summary["charts"]
    assert 0 < len(rows) < CHARTS
    assert summary["totals"]["not_finished"] == CHARTS - len(rows)
    # the summary lists exactly the records written, and each verifies
    assert sorted(Path(r["record"]).name for r in rows) == [p.name for p in _records(out)]
    for row in rows:
        assert load_record(out / row["record"]).record_sha256 == row["record_sha256"]

    capsys.readouterr()
    assert main(["batch", str(root), "--policy", "auto", "--out", str(out), "--resume"]) == EXIT_OK
    assert f"{CHARTS} of {CHARTS} charts finished" in capsys.readouterr().out
    _same_as_uninterrupted(out, whole)
