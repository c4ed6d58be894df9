"""The gold loader and checker: deliberately broken gold files are caught, each for its
own reason; the shipped set is consistent and covers every rule x status pair."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from tinychart import good_gold, write

from core.errors import EvalError
from eval.check_gold import check_chart, coverage_gaps, derive_weeks, main
from eval.gold import CHARTS_DIR, SETS, chart_ids, gold_path, load_gold


def test_a_consistent_gold_file_passes(tmp_path: Path) -> None:
    root = write(tmp_path, good_gold())
    assert check_chart("mi-90-tiny", root) == []
    gold = load_gold(gold_path("mi-90-tiny", root))
    assert [w.counted_hours for w in derive_weeks(gold)] == [3.0, 0.0]


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def edit(gold: dict[str, Any]) -> None:
        *parents, last = path.split("/")
        node: Any = gold
        for p in parents:
            node = node[int(p)] if p.isdigit() else node[p]
        node[int(last) if last.isdigit() else last] = value

    return edit


BROKEN = [
    ("hours slip", _set("weeks/0/counted_hours", 3.5), "week 1: counted_hours is 3.5"),
    ("services slip", _set("weeks/0/counted_services", 2), "week 1: counted_services is 2"),
    ("complete slip", _set("weeks/1/complete", True), "week 2: complete is True"),
    ("missing week", _set("episode_end", "2025-03-20"), "the session table gives 3"),
    ("quote not verbatim", _set("facts/0/at/0/quote", "F33.10"), "quote 'F33.10' is not in"),
    ("no such document", _set("sessions/0/at/0/document", "02.txt"), "no document '02.txt'"),
    (
        "counted absence",
        _set("sessions/0/attendance", "no_show"),
        "counted but attendance is no_show",
    ),
    ("counted meal", _set("sessions/0/kind", "meal"), "counted but meal is not a counted kind"),
    ("uncounted group", _set("sessions/0/counted", False), "is a counted service"),
    ("overall slip", _set("overall", "met"), "overall is met but the rule statuses give not_met"),
    (
        "status RULES.md forbids",
        _set("rules/medicare-iop.diagnosis/status", "not_applicable"),
        "medicare-iop.diagnosis cannot be not_applicable",
    ),
]


@pytest.mark.parametrize(
    ("edit", "expected"), [(e, x) for _, e, x in BROKEN], ids=[n for n, _, _ in BROKEN]
)
def test_each_broken_gold_is_caught_for_its_reason(
    tmp_path: Path, edit: Callable[[dict[str, Any]], None], expected: str
) -> None:
    gold = good_gold()
    edit(gold)
    problems = check_chart("mi-90-tiny", write(tmp_path, gold))
    assert any(expected in p for p in problems), problems


def test_a_missing_rule_is_reported(tmp_path: Path) -> None:
    gold = good_gold()
    del gold["rules"]["medicare-iop.safety"]
    assert check_chart("mi-90-tiny", write(tmp_path, gold)) == [
        "rules: medicare-iop.safety has no gold status"
    ]


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (_set("surprise", 1), "Extra inputs are not permitted"),
        (_set("sessions/0/kind", "yoga"), "sessions.0.kind"),
        (_set("chart", "otp-90-tiny"), "must start with 'mi-'"),
        (_set("facts/0/field", "favourite_colour"), "facts.0.field"),
        (_set("sessions/0/modality", "unknown"), "leave modality out"),
    ],
)
def test_the_loader_is_strict(
    tmp_path: Path, edit: Callable[[dict[str, Any]], None], message: str
) -> None:
    gold = good_gold()
    edit(gold)
    chart = gold["chart"]
    write(tmp_path, gold)
    with pytest.raises(EvalError, match=message):
        load_gold(gold_path(chart, tmp_path))


def test_a_repeated_key_is_rejected(tmp_path: Path) -> None:
    root = write(tmp_path, good_gold())
    path = gold_path("mi-90-tiny", root)
    path.write_text(path.read_text() + "overall: met\n", encoding="utf-8")
    with pytest.raises(EvalError, match="duplicate key"):
        load_gold(path)


def test_coverage_gaps_name_the_missing_pairs(tmp_path: Path) -> None:
    gaps = coverage_gaps([load_gold(gold_path("mi-90-tiny", write(tmp_path, good_gold())))])
    assert "medicare-iop.weekly-hours is never not_applicable in the set" in gaps
    assert "medicare-iop.weekly-hours is never not_met in the set" not in gaps


# --------------------------------------------------------------------------- the shipped set


def test_the_shipped_gold_set_is_consistent_and_covers_every_status(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main([]) == 0, capsys.readouterr().out
    assert "status coverage: complete" in capsys.readouterr().out


def test_the_shipped_set_has_thirty_charts_across_the_packs_with_pdfs() -> None:
    ids = chart_ids()
    assert len(ids) >= 30
    golds = [load_gold(gold_path(c)) for c in ids]
    packs = {g.policy for g in golds}
    assert packs == {"medicare-iop", "medicare-otp-iop", "optum-idaho-iop"}
    with_pdf = [c for c in ids if any((CHARTS_DIR / c).glob("*.pdf"))]
    assert len(with_pdf) >= 6
    for gold in golds:  # every chart's documents are all readable
        assert any((CHARTS_DIR / gold.chart).iterdir())


def test_the_holdout_set_is_consistent(capsys: pytest.CaptureFixture[str]) -> None:
    """The blind holdout (eval/holdout) passes the same checks, without the coverage ask."""
    assert main(["--set", "holdout"]) == 0, capsys.readouterr().out
    out = capsys.readouterr().out
    assert "status coverage: not asked of this set" in out
    ids = chart_ids(SETS["holdout"])
    assert len(ids) >= 6
    assert {load_gold(gold_path(c, SETS["holdout"])).policy for c in ids} == {
        "medicare-iop",
        "medicare-otp-iop",
        "optum-idaho-iop",
    }
