"""The per-document text budget: a document whose text is too long to review in bounded
time is an input error with a reason a user can act on; the rest of the chart is
reviewed, and the overall names the unread file (RULES.md). Scaled down here (a budget of
a few thousand characters); benchmarks/bench_scale.py measures the real sizes."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from core.errors import UsageError
from ingest.loader import MAX_TEXT_ENV, load_chart
from pipeline.review import review_paths

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))
from pdfs import make_pdf  # noqa: E402

GAPS = ROOT / "examples" / "medicare-iop-complete"  # its overall is met


def test_a_document_over_the_text_budget_is_refused_and_the_rest_reviewed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chart = tmp_path / "chart"
    shutil.copytree(GAPS, chart)
    largest = max(sum(len(p.text) for p in d.pages) for d in load_chart([chart]).documents)
    monkeypatch.setenv(MAX_TEXT_ENV, str(largest))
    (chart / "99_export.txt").write_text("Member attended group.\n" * (largest // 10), "utf-8")
    make_pdf(chart / "98_export.pdf", ["Member attended group. " * 60] * (largest // 1000 + 2))

    record = review_paths([chart], policy="medicare-iop")

    errors = {e.filename: e.reason for e in record.input_errors}
    assert set(errors) == {"98_export.pdf", "99_export.txt"}
    for reason in errors.values():
        assert "characters, more than the" in reason
        assert "split the export into smaller files" in reason
        assert MAX_TEXT_ENV in reason
    assert len(record.documents) == len(list(GAPS.iterdir()))
    assert str(record.overall) == "insufficient_evidence"


def test_the_budget_must_be_a_positive_number(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.txt").write_text("Progress note\n", "utf-8")
    for bad in ("0", "-5", "lots", "1e6", "\u00b2", "_", "1__000", "1_", "1" * 5000):
        monkeypatch.setenv(MAX_TEXT_ENV, bad)
        with pytest.raises(UsageError, match=MAX_TEXT_ENV):
            load_chart([tmp_path])
    monkeypatch.setenv(MAX_TEXT_ENV, "1_000")
    assert len(load_chart([tmp_path]).documents) == 1


def test_a_second_copy_is_reported_but_does_not_make_the_chart_unread(tmp_path: Path) -> None:
    """A duplicate file's content is reviewed under its first name: the overall stays as
    the findings make it; editor lock and swap files are skipped, not reported."""
    chart = tmp_path / "chart"
    shutil.copytree(GAPS, chart)
    first = sorted(chart.iterdir())[0]
    shutil.copy(first, chart / ("copy of " + first.name))
    for junk in (".gitkeep", ".~lock.plan.docx#", "~$plan.docx", ".plan.txt.swp"):
        (chart / junk).write_bytes(b"\x00junk")

    record = review_paths([chart], policy="medicare-iop")

    assert [e.filename for e in record.input_errors] == ["copy of " + first.name]
    assert str(record.overall) == "met"
