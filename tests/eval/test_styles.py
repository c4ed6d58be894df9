"""The generality harness (eval/generality, issue 11): session matching, the gold
verdict, generation that is the same bytes every run, the dev/held-out split, and the
scorer catching a planted mismatch. Held-out families are only listed here (their names
must not collide with the dev families), never rendered or read."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cli.main import EXIT_USAGE, main
from core.facts import Attendance, ServiceKind, Session
from core.findings import Status
from eval.generality.families import families, generate, groups
from eval.generality.gold import GenGold
from eval.generality.score import gold_verdict, score_generated
from eval.gold import GoldWeek
from eval.sessions import GoldRow, match_sessions
from eval.thresholds import load_thresholds
from pipeline.review import make_extractor
from tests.rules.rulefacts import ev

DOC = "a" * 64
OTHER = "b" * 64
FILES = {DOC: "notes.txt", OTHER: "log.csv"}
DAY = dt.date(2025, 3, 4)
GROUP = ServiceKind.GROUP_PSYCHOTHERAPY


def predicted(
    minutes_end: str = "10:30",
    *,
    kind: ServiceKind = GROUP,
    attendance: Attendance = Attendance.ATTENDED,
    doc: str = DOC,
    day: dt.date = DAY,
) -> Session:
    h, m = (int(x) for x in minutes_end.split(":"))
    return Session(
        evidence=(ev("quote", doc),),
        source="test",
        date=day,
        service_kind=kind,
        attendance=attendance,
        start=dt.time(9, 0),
        end=dt.time(h, m),
    )


def row(minutes: float | None = 90, files: tuple[str, ...] = ("notes.txt",)) -> GoldRow:
    return GoldRow(DAY, GROUP, Attendance.ATTENDED, minutes, frozenset(files))


@pytest.mark.parametrize(
    ("gold", "got", "matched", "extras"),
    [
        pytest.param([row()], [predicted()], 1, 0, id="exact"),
        pytest.param([row()], [predicted("10:45")], 0, 1, id="wrong-length"),
        pytest.param([row()], [predicted(kind=ServiceKind.PATIENT_EDUCATION)], 0, 1, id="kind"),
        pytest.param(
            [row()], [predicted(attendance=Attendance.UNKNOWN)], 0, 1, id="attendance-unknown"
        ),
        pytest.param([row()], [predicted(doc=OTHER)], 0, 1, id="a-file-that-does-not-hold-it"),
        pytest.param(
            [row(files=("notes.txt", "log.csv"))],
            [predicted(), predicted(doc=OTHER)],
            1,
            1,
            id="one-session-read-twice-is-one-match-and-one-extra",
        ),
        pytest.param(
            [GoldRow(DAY, GROUP, Attendance.PROGRAM_CLOSED, None, frozenset({"notes.txt"}))],
            [predicted(attendance=Attendance.PROGRAM_CLOSED)],
            0,
            0,
            id="closed-days-are-left-out-on-both-sides",
        ),
    ],
)
def test_match_sessions(gold: list[GoldRow], got: list[Session], matched: int, extras: int) -> None:
    result = match_sessions(gold, got, FILES)
    assert result.score.matched == matched
    assert len(result.extras) == extras
    assert len(result.misses) == result.score.gold - matched


def _week(number: int, hours: float, *, complete: bool = True, unknown: int = 0) -> GoldWeek:
    start = dt.date(2025, 3, 3) + dt.timedelta(days=7 * (number - 1))
    return GoldWeek(
        week=number,
        start=start,
        end=start + dt.timedelta(days=6),
        complete=complete,
        counted_hours=hours,
        counted_services=4,
        unknown_length_services=unknown,
        service_days=4,
    )


def _gold(*weeks: GoldWeek) -> GenGold:
    return GenGold(
        chart="c",
        family="f",
        split="dev",
        seed=1,
        admission_date=dt.date(2025, 3, 3),
        episode_end=dt.date(2025, 3, 30),
        sessions=(),
        weeks=weeks,
    )


@pytest.mark.parametrize(
    ("weeks", "expected"),
    [
        pytest.param((_week(1, 9.25), _week(2, 9.0)), Status.MET, id="every-week-9"),
        pytest.param((_week(1, 9.25), _week(2, 8.99)), Status.NOT_MET, id="one-short-week"),
        pytest.param(
            (_week(1, 9.25), _week(2, 6.0, unknown=1)),
            Status.INSUFFICIENT_EVIDENCE,
            id="short-only-by-unknown-length",
        ),
        pytest.param((_week(1, 3.0, complete=False),), Status.NOT_APPLICABLE, id="no-full-week"),
    ],
)
def test_gold_verdict(weeks: tuple[GoldWeek, ...], expected: Status) -> None:
    assert gold_verdict(_gold(*weeks)) is expected


def test_splits_are_registered_and_disjoint() -> None:
    dev = {f.name for f in families("dev")}
    held = {f.name for f in families("heldout")}
    assert len(dev) >= 8
    assert len(held) >= 6
    assert not dev & held
    assert all(f.split == "dev" for f in families("dev"))


def test_every_development_group_is_gated_by_its_own_thresholds() -> None:
    dev_groups = groups("dev")
    assert set(dev_groups) == {
        "styles_dev",
        "styles_dev2",
        "styles_dev3",
        "styles_dev4",
        "styles_dev5",
        "styles_dev6",
        "styles_dev7",
        "styles_dev8",
        "styles_dev9",
        "styles_dev10",
        "styles_dev11",
    }
    assert all(dev_groups.values())  # no empty group
    loaded = load_thresholds()
    for group in dev_groups:
        assert getattr(loaded, group) is not None, group
    # a family belongs to one group only
    names = [f.name for fams in dev_groups.values() for f in fams]
    assert len(names) == len(set(names)) == len(families("dev"))


def test_generation_is_the_same_bytes_every_run() -> None:
    family = groups("dev")["styles_dev"][0]
    first, second = generate(family, 2), generate(family, 2)
    assert [c.chart_id for c in first] == [f"{family.name}-01", f"{family.name}-02"]
    assert [[f.data for f in c.files] for c in first] == [[f.data for f in c.files] for c in second]
    assert [c.gold for c in first] == [c.gold for c in second]
    assert first[0].files != first[1].files  # the seed varies the chart


def test_scorer_finds_a_planted_mismatch(tmp_path: Path) -> None:
    chart = generate(groups("dev")["styles_dev"][0], 1)[0]
    extractor = make_extractor("deterministic")
    clean = score_generated(chart, extractor, tmp_path / "clean")
    assert clean.gold_sessions == len(
        [s for s in chart.gold.sessions if s.attendance is not Attendance.PROGRAM_CLOSED]
    )
    # Plant one wrong gold session: a session moved a day later no longer matches.
    first = chart.gold.sessions[0]
    moved = first.model_copy(update={"date": first.date + dt.timedelta(days=1)})
    tampered = chart.gold.model_copy(update={"sessions": (moved, *chart.gold.sessions[1:])})
    planted = type(chart)(chart.chart_id, chart.family, chart.files, tampered)
    result = score_generated(planted, extractor, tmp_path / "planted")
    assert result.matched == clean.matched - 1
    assert len(result.misses) == len(clean.misses) + 1
    assert len(result.extras) == len(clean.extras) + 1


def test_held_out_styles_are_never_a_check_target(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["eval", "--set", "styles-heldout", "--check"])
    assert code == EXIT_USAGE
    assert "held-out styles are scored, never a target" in capsys.readouterr().err
