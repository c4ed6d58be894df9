"""Timeline arithmetic (RULES.md "Shared definitions"), with exact dates."""

from __future__ import annotations

import datetime as dt

import pytest
from rulefacts import (
    CERT,
    DISCHARGE,
    INTAKE,
    LOG,
    admission,
    certification,
    day,
    discharge,
    doc_date,
    plan,
    session,
)

from core.facts import Attendance, ChartFacts, ServiceKind
from rules.timeline import (
    build_timeline,
    day_blocks,
    episode_end,
    interval_days,
    merge_services,
    program_weeks,
    service_hours,
    week_number,
    weekly_summary,
)

COUNTED = frozenset(
    {
        ServiceKind.GROUP_PSYCHOTHERAPY,
        ServiceKind.INDIVIDUAL_PSYCHOTHERAPY,
        ServiceKind.PATIENT_EDUCATION,
    }
)
MONDAY = day("2025-03-03")


@pytest.mark.parametrize(
    ("earlier", "later", "days"),
    [
        ("2025-03-03", "2025-03-03", 0),
        ("2025-03-03", "2025-05-02", 60),
        ("2025-03-03", "2025-05-03", 61),
        ("2024-02-28", "2024-03-01", 2),  # leap year
        ("2025-12-31", "2026-01-01", 1),
    ],
)
def test_interval_days_is_later_minus_earlier(earlier: str, later: str, days: int) -> None:
    assert interval_days(day(earlier), day(later)) == days


@pytest.mark.parametrize(
    ("iso", "week"),
    [
        ("2025-03-02", None),  # before admission: no week
        ("2025-03-03", 1),
        ("2025-03-09", 1),
        ("2025-03-10", 2),
        ("2025-03-16", 2),
        ("2025-03-17", 3),
    ],
)
def test_week_number(iso: str, week: int | None) -> None:
    assert week_number(MONDAY, day(iso)) == week


@pytest.mark.parametrize(
    ("end", "expected"),
    [
        # (week, start, end, complete)
        ("2025-03-03", [(1, "2025-03-03", "2025-03-09", False)]),
        ("2025-03-08", [(1, "2025-03-03", "2025-03-09", False)]),
        ("2025-03-09", [(1, "2025-03-03", "2025-03-09", True)]),
        (
            "2025-03-10",
            [(1, "2025-03-03", "2025-03-09", True), (2, "2025-03-10", "2025-03-16", False)],
        ),
        (
            "2025-03-26",
            [
                (1, "2025-03-03", "2025-03-09", True),
                (2, "2025-03-10", "2025-03-16", True),
                (3, "2025-03-17", "2025-03-23", True),
                (4, "2025-03-24", "2025-03-30", False),
            ],
        ),
        ("2025-03-02", []),  # episode end before admission
    ],
)
def test_program_weeks(end: str, expected: list[tuple[int, str, str, bool]]) -> None:
    weeks = program_weeks(MONDAY, day(end))
    assert [(w.number, w.start.isoformat(), w.end.isoformat(), w.complete) for w in weeks] == (
        expected
    )


@pytest.mark.parametrize(
    ("kwargs", "hours"),
    [
        ({"start": "09:00", "end": "10:30"}, 1.5),
        # member late arrival / early departure: the member's own times
        ({"start": "09:00", "end": "10:30", "member_start": "09:20"}, 70 / 60),
        ({"start": "10:45", "end": "12:00", "member_end": "11:30"}, 0.75),
        ({"start": "09:00", "end": "10:30", "member_start": "09:15", "member_end": "10:00"}, 0.75),
        # session times win over a stated duration; a stated duration alone counts
        ({"start": "09:00", "end": "10:00", "minutes": 90}, 1.0),
        ({"start": None, "end": None, "minutes": 45}, 0.75),
        ({"start": "09:00", "end": None, "minutes": 50}, 50 / 60),
        # end before start is no length: fall back to the stated duration, else unknown
        ({"start": "10:00", "end": "09:00", "minutes": 30}, 0.5),
        ({"start": "10:00", "end": "09:00"}, None),
        ({"start": None, "end": None}, None),
    ],
)
def test_service_hours(kwargs: dict[str, object], hours: float | None) -> None:
    assert service_hours(session("2025-03-03", **kwargs)) == hours  # type: ignore[arg-type]


def test_stated_admission_date_wins_over_first_service() -> None:
    facts = ChartFacts(
        episode_dates=(admission("2025-03-04"),),
        sessions=(session("2025-03-03"), session("2025-03-05")),
    )
    tl = build_timeline(facts, COUNTED)
    assert tl.admission.date == day("2025-03-04")
    assert tl.admission.basis == "stated admission date"
    # the 03-03 session is before admission: it belongs to no week
    assert [(w.start, w.counted_services) for w in tl.summary] == [(day("2025-03-04"), 1)]


def test_conflicting_admission_dates_are_reported() -> None:
    facts = ChartFacts(
        episode_dates=(admission("2025-03-03"), admission("2025-03-05"), admission("2025-03-03"))
    )
    tl = build_timeline(facts, COUNTED)
    assert tl.admission.date is None
    assert tl.admission.conflict == (
        "the chart states different admission dates: 2025-03-03 and 2025-03-05"
    )
    assert len(tl.admission.evidence) == 3
    assert tl.weeks == ()


def test_admission_falls_back_to_first_attended_service() -> None:
    facts = ChartFacts(
        sessions=(
            session("2025-03-02", attendance=Attendance.NO_SHOW),
            session("2025-03-05"),
            session("2025-03-04", kind=ServiceKind.MEDICATION_MANAGEMENT),
        )
    )
    tl = build_timeline(facts, COUNTED)
    assert tl.admission.date == day("2025-03-04")  # any attended service, counted or not
    assert tl.admission.basis == "first attended service"


def test_admission_is_uncertain_when_an_earlier_session_conflicts() -> None:
    facts = ChartFacts(
        sessions=(
            session("2025-03-02", "09:00", "10:30"),
            session("2025-03-02", "09:00", "10:30", attendance=Attendance.NO_SHOW, log=True),
            session("2025-03-04"),
        )
    )
    tl = build_timeline(facts, COUNTED)
    assert tl.admission.date is None
    assert tl.admission.conflict is not None
    assert "documented as both attended and no show" in tl.admission.conflict


def test_admission_is_uncertain_when_an_earlier_session_has_no_documented_attendance() -> None:
    facts = ChartFacts(
        sessions=(session("2025-03-02", attendance=Attendance.UNKNOWN), session("2025-03-04"))
    )
    tl = build_timeline(facts, COUNTED)
    assert tl.admission.date is None
    assert tl.admission.conflict is not None
    assert "of undocumented attendance" in tl.admission.conflict


def test_no_admission_without_statement_or_attended_service() -> None:
    facts = ChartFacts(sessions=(session("2025-03-04", attendance=Attendance.CANCELLED),))
    assert build_timeline(facts, COUNTED).admission.date is None


@pytest.mark.parametrize(
    ("facts", "end", "basis"),
    [
        (
            ChartFacts(
                episode_dates=(discharge("2025-03-26"),),
                document_dates=(doc_date("2025-04-02", DISCHARGE),),
            ),
            "2025-03-26",
            "discharge date",
        ),
        (
            ChartFacts(
                document_dates=(doc_date("2025-03-20", INTAKE),),
                sessions=(session("2025-03-24"),),
                certifications=(certification("2025-03-25"),),
                treatment_plans=(plan("2025-03-21"),),
            ),
            "2025-03-25",
            "latest document date",
        ),
        (ChartFacts(), None, "no discharge date and no dated document"),
    ],
)
def test_episode_end(facts: ChartFacts, end: str | None, basis: str) -> None:
    resolved = episode_end(facts)
    assert resolved.date == (day(end) if end else None)
    assert resolved.basis == basis


def test_conflicting_discharge_dates_are_reported() -> None:
    resolved = episode_end(
        ChartFacts(episode_dates=(discharge("2025-03-26"), discharge("2025-03-28")))
    )
    assert resolved.date is None
    assert resolved.conflict == (
        "the chart states different discharge dates: 2025-03-26 and 2025-03-28"
    )


def test_records_of_one_session_merge() -> None:
    note = session("2025-03-10", "09:00", "10:30", member_start="09:20")
    log_line = session("2025-03-10", "09:00", "10:30", log=True, doc=LOG)
    other = session("2025-03-10", "10:45", "12:00", ServiceKind.PATIENT_EDUCATION)
    services = merge_services([log_line, note, other])
    assert len(services) == 2
    merged = services[0]
    assert merged.records == (log_line, note)
    assert merged.minutes == 70  # the record with the member's own times wins
    assert merged.conflict is None
    assert merged.evidence == log_line.evidence + note.evidence


@pytest.mark.parametrize(
    ("first", "second", "conflict"),
    [
        (
            {"attendance": Attendance.ATTENDED},
            {"attendance": Attendance.ABSENT},
            "documented as both attended and absent",
        ),
        (
            {"kind": ServiceKind.GROUP_PSYCHOTHERAPY},
            {"kind": ServiceKind.RECREATIONAL},
            "documented as both group psychotherapy and recreational",
        ),
        ({"attendance": Attendance.ATTENDED}, {"attendance": Attendance.UNKNOWN}, None),
        ({"kind": ServiceKind.GROUP_PSYCHOTHERAPY}, {"kind": ServiceKind.UNKNOWN}, None),
    ],
)
def test_contradictory_records_conflict(
    first: dict[str, object], second: dict[str, object], conflict: str | None
) -> None:
    (service,) = merge_services(
        [session("2025-03-10", **first), session("2025-03-10", log=True, **second)]  # type: ignore[arg-type]
    )
    assert service.conflict == conflict
    assert service.attended is (conflict is None)


def test_untimed_sessions_are_not_merged() -> None:
    services = merge_services(
        [session("2025-03-10", None, None, minutes=60), session("2025-03-10", None, None)]
    )
    assert len(services) == 2


def test_weekly_summary_counts_known_lengths_only() -> None:
    sessions = [
        session("2025-03-03", "09:00", "10:30"),
        session("2025-03-03", "10:45", "12:00", ServiceKind.PATIENT_EDUCATION),
        session("2025-03-04", None, None, ServiceKind.INDIVIDUAL_PSYCHOTHERAPY),  # unknown
        session("2025-03-05", "09:00", "10:30", attendance=Attendance.NO_SHOW),
        session("2025-03-06", "09:00", "09:30", ServiceKind.MEDICATION_MANAGEMENT),
        session("2025-03-10", "09:00", "12:00"),
        session("2025-03-02", "09:00", "12:00"),  # before admission
    ]
    summary = weekly_summary(
        program_weeks(MONDAY, day("2025-03-12")), merge_services(sessions), COUNTED
    )
    assert [s.model_dump() for s in summary] == [
        {
            "week": 1,
            "start": day("2025-03-03"),
            "end": day("2025-03-09"),
            "complete": True,
            "counted_hours": 2.75,
            "counted_services": 3,
            "unknown_length_services": 1,
            "service_days": 2,
        },
        {
            "week": 2,
            "start": day("2025-03-10"),
            "end": day("2025-03-16"),
            "complete": False,
            "counted_hours": 3.0,
            "counted_services": 1,
            "unknown_length_services": 0,
            "service_days": 1,
        },
    ]


def blocks_of(*sessions_: object) -> list[list[float]]:
    """Block lengths in minutes, per day."""
    days = day_blocks(merge_services(sessions_), COUNTED, 15)  # type: ignore[arg-type]
    return [[b.minutes for b in d.blocks] for d in days]


@pytest.mark.parametrize(
    ("sessions_", "expected"),
    [
        # a 15-minute gap joins, a 16-minute gap splits
        (
            [session("2025-03-03", "09:00", "10:30"), session("2025-03-03", "10:45", "12:00")],
            [[165]],
        ),
        (
            [session("2025-03-03", "09:00", "10:30"), session("2025-03-03", "10:46", "12:00")],
            [[90, 74]],
        ),
        # a non-counted session neither adds nor bridges
        (
            [
                session("2025-03-03", "09:00", "10:00"),
                session("2025-03-03", "10:00", "10:30", ServiceKind.MEAL),
                session("2025-03-03", "10:30", "11:30"),
            ],
            [[60, 60]],
        ),
        # the member's late arrival shortens the block; absences are not in it
        (
            [
                session("2025-03-03", "09:00", "10:30", member_start="09:30"),
                session("2025-03-03", "10:40", "12:00"),
                session("2025-03-03", "12:00", "13:00", attendance=Attendance.ABSENT),
            ],
            [[60 + 80]],
        ),
        # a stated duration with a start time places the session
        (
            [
                session("2025-03-03", "09:00", None, minutes=90),
                session("2025-03-03", "10:40", "12:00"),
            ],
            [[90 + 80]],
        ),
        # separate days, order of input irrelevant
        (
            [session("2025-03-04", "13:00", "14:00"), session("2025-03-03", "09:00", "12:00")],
            [[180], [60]],
        ),
    ],
)
def test_day_blocks(sessions_: list[object], expected: list[list[float]]) -> None:
    assert blocks_of(*sessions_) == expected


def test_day_blocks_keep_unplaced_services_apart() -> None:
    (only,) = day_blocks(
        merge_services(
            [session("2025-03-03", "09:00", "10:00"), session("2025-03-03", None, None, minutes=60)]
        ),
        COUNTED,
        15,
    )
    assert [b.hours for b in only.blocks] == [1.0]
    assert len(only.unplaced) == 1
    assert only.longest_hours == 1.0
    assert only.blocks[0].start == dt.time(9, 0)
    assert only.blocks[0].end == dt.time(10, 0)


def test_timeline_of_certification_dated_by_document() -> None:
    """Certification dates count as document dates for the episode end."""
    facts = ChartFacts(
        certifications=(certification(None),), document_dates=(doc_date("2025-03-04", CERT),)
    )
    assert episode_end(facts).date == day("2025-03-04")
