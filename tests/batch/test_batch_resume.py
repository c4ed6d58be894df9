"""``--resume`` reviews again what needs it, and an earlier record is never lost.

- A chart reviewed while the LLM endpoint was failing (its narrative unread) is reviewed
  again; once read, it is skipped.
- The LLM endpoint and how it is asked (base URL, chunk size and overlap, temperature) and
  the per-document text budget (``CHARTREVIEW_MAX_DOCUMENT_CHARS``) are settings.
- The record a chart had is moved to ``history/`` before its new one is written, also when
  they share no document or it does not verify.
- A text budget the loader cannot use stops the batch before any chart, once.

The LLM runs are the real LLM extractor against a fake endpoint (no network), in this
process (one worker).
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

import batch.run
import batch.worker
from audit.record import load_record
from batch.run import BatchOptions, run_batch
from cli.main import EXIT_OK, EXIT_USAGE, main
from extract.base import Extractor
from extract.llm import LLMExtractor
from extract.llm.settings import LLMSettings
from tests.batch.batchcharts import write_root
from tests.llm.fakellm import FakeLLM, NoSleep, timeout

FAILED = "llm extraction failed"


class Endpoint:
    """A fake OpenAI-compatible endpoint that is down (every request times out) or up,
    and the LLM settings the batch's extractor is made with."""

    def __init__(self, tmp_path: Path) -> None:
        self.down = False
        self.fake = FakeLLM(when=lambda text: timeout() if self.down else None)
        self.settings = LLMSettings(
            model="fake-model",
            base_url="http://batch-user:s3cret-pass@127.0.0.1:9/v1",
            data_dir=tmp_path / "llm-data",
            retries=0,
            reasks=0,
            cache=False,
        )

    def make(self, kind: str) -> Extractor:
        assert kind == "llm"
        return LLMExtractor(self.settings, http_client=self.fake.client(), sleep=NoSleep())


@pytest.fixture
def endpoint(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Endpoint:
    found = Endpoint(tmp_path)
    monkeypatch.setattr(batch.worker, "make_extractor", found.make)
    monkeypatch.setattr(batch.run, "make_extractor", found.make)
    return found


def _llm_batch(root: Path, out: Path, *, resume: bool = True) -> batch.run.BatchResult:
    return run_batch(
        BatchOptions(root, out, policy="medicare-iop", extractor="llm", resume=resume, quiet=True)
    )


def test_resume_reviews_again_a_chart_whose_narrative_the_llm_could_not_read(
    tmp_path: Path, endpoint: Endpoint
) -> None:
    root, out = tmp_path / "charts", tmp_path / "out"
    write_root(root, 1)
    endpoint.down = True
    first = _llm_batch(root, out, resume=False).rows[0]
    assert first.status == "reviewed"
    assert first.narrative_unread_documents == first.documents > 0
    record = out / str(first.record)
    assert any(u.why.startswith(FAILED) for u in load_record(record).ungrounded)

    still_down = _llm_batch(root, out).rows[0]
    assert still_down.from_earlier_run is False  # tried again, not skipped

    endpoint.down = False
    read = _llm_batch(root, out).rows[0]
    assert read.from_earlier_run is False
    assert read.narrative_unread_documents == 0
    now = load_record(record)
    assert not any(u.why.startswith(FAILED) for u in now.ungrounded)
    assert now.previous_record_sha256 == still_down.record_sha256
    assert len(list((out / "history").iterdir())) == 2  # both earlier records kept

    calls = endpoint.fake.calls
    skipped = _llm_batch(root, out).rows[0]
    assert skipped.from_earlier_run is True  # read and unchanged: nothing to redo
    assert endpoint.fake.calls == calls


@pytest.mark.parametrize(
    "change",
    [
        {"base_url": "http://127.0.0.1:10/v1"},
        {"chunk_chars": 6000},
        {"chunk_overlap": 500},
        {"temperature": 0.2},
    ],
)
def test_llm_endpoint_chunking_and_temperature_are_resume_settings(
    tmp_path: Path, endpoint: Endpoint, change: dict[str, object]
) -> None:
    root, out = tmp_path / "charts", tmp_path / "out"
    write_root(root, 1)
    _llm_batch(root, out, resume=False)
    assert _llm_batch(root, out).rows[0].from_earlier_run is True
    state = next((out / "state").iterdir()).read_text("utf-8")
    assert "127.0.0.1:9/v1" in state
    assert "s3cret" not in state and "batch-user" not in state  # no credentials kept

    endpoint.settings = replace(endpoint.settings, **change)  # type: ignore[arg-type]
    assert _llm_batch(root, out).rows[0].from_earlier_run is False
    assert _llm_batch(root, out).rows[0].from_earlier_run is True


def test_the_document_text_budget_is_a_resume_setting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, out = tmp_path / "charts", tmp_path / "out"
    write_root(root, 1)
    options = BatchOptions(root, out, policy="medicare-iop", quiet=True)
    run_batch(options)
    resume = replace(options, resume=True)
    assert run_batch(resume).rows[0].from_earlier_run is True
    # raised because a document was over the budget: that document is read now
    monkeypatch.setenv("CHARTREVIEW_MAX_DOCUMENT_CHARS", "40000000")
    assert run_batch(resume).rows[0].from_earlier_run is False
    assert run_batch(resume).rows[0].from_earlier_run is True


@pytest.mark.parametrize("value", ["lots", "-5"])
def test_an_unusable_text_budget_is_one_usage_error_before_any_chart(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    value: str,
) -> None:
    root, out = tmp_path / "charts", tmp_path / "out"
    write_root(root, 3)
    monkeypatch.setenv("CHARTREVIEW_MAX_DOCUMENT_CHARS", value)
    code = main(["batch", str(root), "--policy", "medicare-iop", "--out", str(out), "--quiet"])
    err = capsys.readouterr().err
    assert code == EXIT_USAGE
    assert err.count("chartreview: error:") == 1
    assert "CHARTREVIEW_MAX_DOCUMENT_CHARS" in err
    assert not out.exists()  # no chart was started, no summary of failures written


def _history(out: Path) -> list[Path]:
    folder = out / "history"
    return sorted(folder.iterdir()) if folder.is_dir() else []


def test_an_earlier_record_sharing_no_document_is_kept_in_history(tmp_path: Path) -> None:
    root, out = tmp_path / "charts", tmp_path / "out"
    write_root(root, 1)
    options = BatchOptions(root, out, policy="medicare-iop", quiet=True)
    first = run_batch(options).rows[0]
    for file in (root / "chart-01").iterdir():  # every document changes: none shared
        file.write_text(file.read_text("utf-8") + "\n", "utf-8")
    second = run_batch(replace(options, resume=True)).rows[0]
    assert second.from_earlier_run is False
    assert load_record(out / str(second.record)).previous_record_sha256 is None  # no chain
    (kept,) = _history(out)
    assert kept.name.endswith(f".{str(first.record_sha256)[:16]}.json")
    assert load_record(kept).record_sha256 == first.record_sha256


def test_an_earlier_record_that_does_not_verify_is_kept_in_history(tmp_path: Path) -> None:
    root, out = tmp_path / "charts", tmp_path / "out"
    write_root(root, 1)
    options = BatchOptions(root, out, policy="medicare-iop", quiet=True)
    row = run_batch(options).rows[0]
    record = out / str(row.record)
    data = json.loads(record.read_text("utf-8"))
    data["overall"] = "not_met"  # edited: it no longer verifies
    edited = json.dumps(data)
    record.write_text(edited, "utf-8")

    again = run_batch(replace(options, resume=True)).rows[0]
    assert again.from_earlier_run is False
    assert main(["verify", str(record)]) == EXIT_OK
    assert load_record(record).previous_record_sha256 is None  # nothing verified to chain to
    (kept,) = _history(out)
    assert ".unverified-" in kept.name
    assert kept.read_text("utf-8") == edited  # the very bytes, for whoever looks into it
    assert kept.stat().st_mode & 0o077 == 0


def test_worker_processes_read_with_the_text_budget_the_batch_fingerprints(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, out = tmp_path / "charts", tmp_path / "out"
    write_root(root, 2)
    options = BatchOptions(root, out, policy="medicare-iop", workers=2, quiet=True)
    first = run_batch(options)  # the fork server the workers come from starts (or ran)
    assert [r.input_errors for r in first.rows] == [0, 0]
    # a budget set after the server started: the workers read with it all the same
    monkeypatch.setenv("CHARTREVIEW_MAX_DOCUMENT_CHARS", "200")
    small = run_batch(replace(options, resume=True))
    assert [r.from_earlier_run for r in small.rows] == [False, False]
    assert all(r.input_errors > 0 for r in small.rows)  # documents over 200 characters
