"""Unread service records and sessions of unknown kind (RULES.md "Unknown kind, unread
records"): a verdict they could change is insufficient_evidence and names them; one they
cannot change stands. Table-driven over the rules whose packs declare
``if_records_unread``, plus the weekly checks that weigh doubts week by week."""

from __future__ import annotations

from typing import Any

import pytest
from rulefacts import (
    NOTES,
    chart,
    day,
    ev,
    finding,
    person,
    session,
    standard_sessions,
)

from core.facts import (
    Attendance,
    ChartInput,
    Modality,
    ServiceKind,
    Session,
    UnreadRecord,
)
from core.findings import Citation, Finding, Status
from rules import evaluate
from rules.context import ChartContext
from rules.engine import _with_doubts
from rules.pack import load_pack
from rules.timeline import Doubt

MET = Status.MET
NOT_MET = Status.NOT_MET
INSUFFICIENT = Status.INSUFFICIENT_EVIDENCE


def unread(iso: str | None, start: int = 100, end: int = 160) -> UnreadRecord:
    return UnreadRecord(
        document_id=NOTES,
        page=2,
        start=start,
        end=end,
        date=day(iso) if iso else None,
        why="a date with a time that no session was read from",
    )


def with_unread(*records: UnreadRecord, **facts: Any) -> ChartInput:
    """The good chart (with ``facts`` replaced) and ``records`` unread."""
    return chart(**facts).model_copy(update={"unread": records})


def without_day(iso: str) -> tuple[Session, ...]:
    """The standard sessions without those of ``iso`` (week 2 short: 6.75 hours)."""
    return tuple(s for s in standard_sessions() if s.date != day(iso))


SHORT = without_day("2025-03-12")  # Wednesday of week 2: 9.25 - 2.5 = 6.75 hours


@pytest.mark.parametrize(
    ("input_chart", "status", "fragments"),
    [
        pytest.param(chart(sessions=SHORT), NOT_MET, ["Week 2"], id="short-week-read-fully"),
        pytest.param(
            with_unread(unread("2025-03-12"), sessions=SHORT),
            INSUFFICIENT,
            ["1 unread service record (notes.txt page 2, offsets 100-160)"],
            id="unread-record-in-the-short-week",
        ),
        pytest.param(
            with_unread(unread(None), sessions=SHORT),
            INSUFFICIENT,
            ["unread service record"],
            id="undated-unread-record-could-be-any-week",
        ),
        pytest.param(
            with_unread(unread("2025-03-19"), sessions=SHORT),
            NOT_MET,
            ["Week 2"],
            id="unread-record-in-another-week-changes-nothing",
        ),
        pytest.param(
            with_unread(unread("2025-03-05")),
            MET,
            [],
            id="met-weeks-stay-met",
        ),
        pytest.param(
            chart(
                sessions=(
                    *SHORT,
                    session("2025-03-12", "09:00", "12:00", ServiceKind.UNKNOWN),
                )
            ),
            INSUFFICIENT,
            ["session of unknown kind"],
            id="unknown-kind-in-the-short-week",
        ),
        pytest.param(
            chart(
                sessions=(
                    *SHORT,
                    session(
                        "2025-03-12",
                        "09:00",
                        "12:00",
                        ServiceKind.UNKNOWN,
                        attendance=Attendance.NO_SHOW,
                    ),
                )
            ),
            NOT_MET,
            ["Week 2"],
            id="unknown-kind-missed-counts-for-nothing",
        ),
        pytest.param(
            chart(sessions=(*SHORT, session("2025-03-12", attendance=Attendance.UNKNOWN))),
            INSUFFICIENT,
            ["a session whose attendance is not documented (2025-03-12 09:00"],
            id="group-of-undocumented-attendance-in-the-short-week",
        ),
        pytest.param(
            chart(
                sessions=(
                    *SHORT,
                    session(
                        "2025-03-12",
                        "12:30",
                        "13:00",
                        ServiceKind.CASE_MANAGEMENT,
                        attendance=Attendance.UNKNOWN,
                    ),
                )
            ),
            NOT_MET,
            ["Week 2"],
            id="uncounted-kind-of-undocumented-attendance-changes-nothing",
        ),
    ],
)
def test_weekly_hours_weighs_unread_records_of_its_week(
    input_chart: ChartInput, status: Status, fragments: list[str]
) -> None:
    result = finding("weekly-hours", input_chart)
    assert result.status is status, result.reason
    for fragment in fragments:
        assert fragment in result.reason, (fragment, result.reason)


def test_active_treatment_is_undecidable_with_unread_records() -> None:
    """A share of what was delivered: an unread record could change it either way."""
    read = finding("active-treatment", chart())
    assert read.status is MET
    result = finding("active-treatment", with_unread(unread("2025-03-05")))
    assert result.status is INSUFFICIENT
    assert result.values["status_before_unread_records"] == "met"
    assert result.values["unread_records"] == [
        {
            "document": "notes.txt",
            "page": 2,
            "start": 100,
            "end": 160,
            "date": "2025-03-05",
            "why": "a date with a time that no session was read from",
        }
    ]


CITE = (Citation(passage_id="p#1", source="s.txt", section="s", quote="q"),)


def _finding(status: Status) -> Finding:
    return Finding(
        rule_id="x", status=status, reason="Reason.", evidence=(ev("read"),), citations=CITE
    )


def _doubt(iso: str | None) -> Doubt:
    record = unread(iso)
    return Doubt("an unread service record", record.date, (), record, None, "unread")


@pytest.mark.parametrize(
    ("policy", "status", "expected"),
    [
        ("no_effect", MET, MET),
        ("no_effect", NOT_MET, NOT_MET),
        ("met_is_final", MET, MET),
        ("met_is_final", NOT_MET, INSUFFICIENT),
        ("read_not_met_is_final", NOT_MET, NOT_MET),
        ("read_not_met_is_final", MET, INSUFFICIENT),
        ("undecidable", MET, INSUFFICIENT),
        ("undecidable", NOT_MET, INSUFFICIENT),
        ("undecidable", Status.NOT_APPLICABLE, Status.NOT_APPLICABLE),
    ],
)
def test_if_records_unread_policy_table(policy: str, status: Status, expected: Status) -> None:
    ctx = ChartContext.build(chart(), load_pack("medicare-iop").timeline)
    out = _with_doubts(_finding(status), policy, [_doubt("2025-03-05")], ctx)  # type: ignore[arg-type]
    assert out.status is expected
    if expected is not status:
        assert "1 unread service record (notes.txt page 2, offsets 100-160)" in out.reason
        assert out.values["status_before_unread_records"] == status.value


def test_no_doubts_change_nothing() -> None:
    ctx = ChartContext.build(chart(), load_pack("medicare-iop").timeline)
    original = _finding(MET)
    assert _with_doubts(original, "undecidable", [], ctx) is original


def test_doubts_are_limited_to_the_dates_asked() -> None:
    ctx = ChartContext.build(
        with_unread(unread("2025-03-05"), unread(None, 200, 260), unread("2025-03-19")),
        load_pack("medicare-iop").timeline,
    )
    week_1 = ctx.timeline.doubts(day("2025-03-03"), day("2025-03-09"))
    assert [d.date for d in week_1] == [day("2025-03-05"), None]
    assert len(ctx.timeline.doubts()) == 3


def test_no_telehealth_met_rests_on_an_absence_so_unread_records_undo_it() -> None:
    """OTP no-telehealth: "no telehealth session found" is an absence; a record that was
    not read could be one. A telehealth session that was read stays not_met."""
    pack = load_pack("medicare-otp-iop")
    rule = next(r for r in pack.rules if r.id == "medicare-otp-iop.no-telehealth")
    assert rule.if_records_unread == "read_not_met_is_final"

    def otp(chart_input: ChartInput) -> Finding:
        out = evaluate(pack, chart_input).findings
        return next(f for f in out if f.rule_id == rule.id)

    assert otp(with_unread()).status is MET, otp(with_unread()).reason
    assert otp(with_unread(unread("2025-03-05"))).status is INSUFFICIENT
    remote = session("2025-03-05").model_copy(update={"modality": Modality.VIDEO})
    told = otp(with_unread(unread("2025-03-05"), sessions=(*standard_sessions(), remote)))
    assert told.status is NOT_MET, told.reason


# --------------------------------------------------------------- group rules (optum-idaho-iop)


def _idaho(rule: str, sessions: tuple[Session, ...]) -> Finding:
    pack = load_pack("optum-idaho-iop")
    out = evaluate(pack, chart(sessions=sessions)).findings
    return next(f for f in out if f.rule_id == f"optum-idaho-iop.{rule}")


def _group(iso: str, size: int | None, attendance: Attendance = Attendance.ATTENDED) -> Session:
    lcsw = person("Ana Kowalczyk", "LCSW", doc=NOTES)
    return session(iso, attendance=attendance).model_copy(
        update={"group_size": size, "facilitators": (lcsw,)}
    )


@pytest.mark.parametrize(
    ("maybe", "status", "fragment"),
    [
        pytest.param(None, MET, "All 2 attended group sessions have 3-9 participants", id="none"),
        pytest.param(6, MET, "All 2 attended", id="would-pass-if-attended"),
        pytest.param(
            12,
            INSUFFICIENT,
            "whose attendance is not documented or contradictory: has 12 participants, "
            "outside 3-9 if the member attended",
            id="would-fail-if-attended",
        ),
        pytest.param(
            -1,  # a group of undocumented attendance and size
            INSUFFICIENT,
            "the number of participants is not documented",
            id="size-unknown-if-attended",
        ),
    ],
)
def test_group_size_weighs_groups_of_undocumented_attendance(
    maybe: int | None, status: Status, fragment: str
) -> None:
    sessions = [_group("2025-03-03", 6), _group("2025-03-05", 7)]
    if maybe is not None:
        size = None if maybe < 0 else maybe
        sessions.append(_group("2025-03-06", size, Attendance.UNKNOWN))
    result = _idaho("group-size", tuple(sessions))
    assert result.status is status, result.reason
    assert fragment in result.reason
    assert "status_before_unread_records" not in result.values  # weighed by the check


def test_an_unread_record_still_undoes_a_group_size_met() -> None:
    sessions = (_group("2025-03-03", 6), _group("2025-03-05", 7))
    pack = load_pack("optum-idaho-iop")
    out = evaluate(pack, with_unread(unread("2025-03-05"), sessions=sessions)).findings
    result = next(f for f in out if f.rule_id == "optum-idaho-iop.group-size")
    assert result.status is INSUFFICIENT
    assert result.values["status_before_unread_records"] == "met"


# ------------------------------------------------ absence-based rules and undocumented attendance


def _rule(pack: str, rule: str, chart_input: ChartInput) -> Finding:
    out = evaluate(load_pack(pack), chart_input).findings
    return next(f for f in out if f.rule_id == f"{pack}.{rule}")


@pytest.mark.parametrize(
    ("pack", "rule"),
    [
        ("medicare-iop", "excluded-services"),
        ("medicare-otp-iop", "excluded-items"),
        ("optum-idaho-iop", "no-duplicate-services"),
    ],
)
def test_a_met_resting_on_an_absence_is_undone_by_unread_records_and_unknown_kinds(
    pack: str, rule: str
) -> None:
    assert _rule(pack, rule, chart()).status is MET
    assert _rule(pack, rule, with_unread(unread("2025-03-05"))).status is INSUFFICIENT
    odd = session("2025-03-05", "12:00", "12:30", ServiceKind.UNKNOWN)
    assert _rule(pack, rule, chart(sessions=(*standard_sessions(), odd))).status is INSUFFICIENT


def test_excluded_services_with_only_unread_records_is_not_not_applicable() -> None:
    result = finding("excluded-services", with_unread(unread("2025-03-05"), sessions=()))
    assert result.status is INSUFFICIENT
    assert "1 unread service record (notes.txt page 2" in result.reason
    assert finding("excluded-services", chart(sessions=())).status is Status.NOT_APPLICABLE


def test_a_session_of_undocumented_attendance_cannot_undo_an_excluded_services_met() -> None:
    maybe = session("2025-03-05", "12:30", "13:00", attendance=Attendance.UNKNOWN)
    assert finding("excluded-services", chart(sessions=(*standard_sessions(), maybe))).status is MET


def test_active_treatment_met_stands_with_a_counted_session_of_undocumented_attendance() -> None:
    maybe = session("2025-03-24", "15:00", "16:00", attendance=Attendance.UNKNOWN)
    result = finding("active-treatment", chart(sessions=(*standard_sessions(), maybe)))
    assert result.status is MET, result.reason


def test_idaho_weekly_maximum_weighs_a_group_of_undocumented_attendance() -> None:
    """17.25 counted hours and a 3-hour group of undocumented attendance could be 20.25:
    above the 19 allowed."""
    week = [s for s in standard_sessions() if s.date <= day("2025-03-09")]
    extra = [
        session(d, "13:00", "15:00")
        for d in ("2025-03-03", "2025-03-05", "2025-03-06", "2025-03-07")
    ]
    maybe = session("2025-03-08", "09:00", "12:00", attendance=Attendance.UNKNOWN)
    rest = [s for s in standard_sessions() if s.date > day("2025-03-09")]
    base = (*week, *extra, *rest)
    assert _idaho("weekly-hours", base).status is MET, _idaho("weekly-hours", base).reason
    result = _idaho("weekly-hours", (*base, maybe))
    assert result.status is INSUFFICIENT, result.reason
    assert "above the maximum" in result.reason


def test_idaho_attendance_ignores_doubts_after_its_weeks() -> None:
    missed = session(
        "2025-03-04",
        "13:00",
        "14:00",
        ServiceKind.INDIVIDUAL_PSYCHOTHERAPY,
        attendance=Attendance.NO_SHOW,
    )
    sessions = (*(s for s in standard_sessions() if s.date != day("2025-03-04")), missed)
    assert _idaho("attendance", sessions).status is MET
    late = session("2025-03-25", "09:00", "10:30", attendance=Attendance.UNKNOWN)
    assert _idaho("attendance", (*sessions, late)).status is MET  # week 4: outside weeks 1-3
    early = session("2025-03-12", "14:00", "15:00", ServiceKind.UNKNOWN)
    assert _idaho("attendance", (*sessions, early)).status is INSUFFICIENT


def test_a_group_whose_records_disagree_on_attendance_is_weighed_by_group_size() -> None:
    here = _group("2025-03-06", 12)
    gone = _group("2025-03-06", 12, Attendance.ABSENT)
    result = _idaho("group-size", (_group("2025-03-03", 6), here, gone))
    assert result.status is INSUFFICIENT, result.reason
    assert "has 12 participants" in result.reason


def test_groups_of_undocumented_attendance_that_would_pass_are_not_applicable() -> None:
    maybe = _group("2025-03-03", 6, Attendance.UNKNOWN)
    assert _idaho("group-size", (maybe,)).status is Status.NOT_APPLICABLE
