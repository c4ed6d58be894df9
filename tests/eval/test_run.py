"""A full deterministic eval of the shipped set: every chart scored, every pack reported,
reports that round-trip and render."""

from __future__ import annotations

import pytest

from core.errors import UsageError
from eval.gold import chart_ids
from eval.run import EvalReport, render_markdown, render_table, run_eval


@pytest.fixture(scope="module")
def report() -> EvalReport:
    return run_eval("deterministic")


def test_every_chart_is_scored_and_every_pack_reported(report: EvalReport) -> None:
    assert [c.chart for c in report.charts] == chart_ids()
    assert set(report.packs) == {"medicare-iop", "medicare-otp-iop", "optum-idaho-iop"}
    assert sum(p.charts for p in report.packs.values()) == report.summary.charts
    assert sum(p.verdicts.total for p in report.packs.values()) == report.summary.verdicts.total
    assert sum(p.false_met for p in report.packs.values()) == report.summary.false_met
    # one verdict per rule of each chart's pack, none missing
    assert all(v.predicted != "missing" for c in report.charts for v in c.verdicts)
    assert report.summary.grounding.accuracy == 1.0
    assert report.llm_source == "none" and report.summary.llm_calls_per_chart == 0


def test_the_report_round_trips_and_renders(report: EvalReport) -> None:
    again = EvalReport.model_validate_json(report.model_dump_json())
    assert again.summary == report.summary
    table = render_table([report])
    assert "verdict accuracy" in table and "session_minutes" in table
    markdown = render_markdown([report, report])
    for heading in (
        "## Headline",
        "## Per pack: deterministic",
        "## Verdict accuracy per rule",
        "## Confusion matrix: deterministic",
        "## Verdicts that differ from the gold",
    ):
        assert heading in markdown
    assert "| metric | deterministic | deterministic |" in markdown  # side by side


def test_one_pack_only() -> None:
    report = run_eval("deterministic", policy="medicare-otp-iop")
    assert {c.policy for c in report.charts} == {"medicare-otp-iop"}
    assert set(report.packs) == {"medicare-otp-iop"}


def test_unknown_charts_and_packs_are_usage_errors() -> None:
    with pytest.raises(UsageError, match="no gold file"):
        run_eval("deterministic", charts=["mi-99-nope"])
    with pytest.raises(UsageError, match="no eval chart uses policy pack"):
        run_eval("deterministic", policy="medicaid-php")


def test_the_holdout_set_is_scored_on_its_own() -> None:
    report = run_eval("deterministic", gold_set="holdout")
    assert report.gold_set == "holdout"
    assert report.charts and all(c.chart.split("-")[1].startswith("9") for c in report.charts)
    assert report.summary.grounding.accuracy == 1.0
