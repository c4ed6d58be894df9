"""medicare-iop: weekly-hours, progress-notes, active-treatment, excluded-services."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from rulefacts import (
    LOG,
    NOTES,
    admission,
    assert_finding,
    chart,
    day,
    discharge,
    finding,
    medicare_pack,
    session,
    standard_sessions,
)

from core.data import Evidence
from core.facts import Attendance, ChartInput, Element, NoteElement, ServiceKind, Session
from core.findings import Status
from rules import evaluate, load_pack

MET = Status.MET
NOT_MET = Status.NOT_MET
INSUFFICIENT = Status.INSUFFICIENT_EVIDENCE
NA = Status.NOT_APPLICABLE

GROUP = ServiceKind.GROUP_PSYCHOTHERAPY
EDUCATION = ServiceKind.PATIENT_EDUCATION
INDIVIDUAL = ServiceKind.INDIVIDUAL_PSYCHOTHERAPY


def in_week(start: str, s: Session) -> bool:
    first = day(start)
    return first <= s.date <= first + dt.timedelta(days=6)


def replace_week(start: str, sessions: list[Session]) -> tuple[Session, ...]:
    """The standard sessions with the week starting ``start`` replaced by ``sessions``."""
    return tuple(s for s in standard_sessions() if not in_week(start, s)) + tuple(sessions)


def short_week(monday: str) -> list[Session]:
    """7.5 counted hours: 90 + 75 + 90 + 75 + 90 + 30 minutes."""
    first = day(monday)

    def on(offset: int) -> str:
        return (first + dt.timedelta(days=offset)).isoformat()

    return [
        session(on(0), "09:00", "10:30"),
        session(on(0), "10:45", "12:00", EDUCATION),
        session(on(2), "09:00", "10:30"),
        session(on(2), "10:45", "12:00", EDUCATION),
        session(on(3), "09:00", "10:30"),
        session(on(1), "13:00", "13:30", INDIVIDUAL),
    ]


SHORT_WEEK_2 = short_week("2025-03-10")
WEEK_2 = "Week 2 (2025-03-10 to 2025-03-16)"


@pytest.mark.parametrize(
    ("input_chart", "status", "fragments"),
    [
        pytest.param(
            chart(),
            MET,
            [
                "All 3 complete program weeks have at least 9 counted hours (lowest: week 1, "
                "9.25 hours); week 4 is partial and not judged."
            ],
            id="met-partial-last-week-not-judged",
        ),
        pytest.param(
            chart(
                sessions=replace_week(
                    "2025-03-10",
                    [*SHORT_WEEK_2[:-1], session("2025-03-11", "13:00", "15:00", INDIVIDUAL)],
                )
            ),
            MET,
            ["lowest: week 2, 9 hours"],
            id="exactly-9-hours",
        ),
        pytest.param(
            chart(sessions=(*standard_sessions(), session("2025-03-14", None, None, INDIVIDUAL))),
            MET,
            [],
            id="unknown-length-in-a-full-week",
        ),
        pytest.param(
            chart(sessions=replace_week("2025-03-10", SHORT_WEEK_2)),
            NOT_MET,
            [f"{WEEK_2} has 7.5 counted hours, below the 9 required."],
            id="week-2-short",
        ),
        pytest.param(
            chart(
                sessions=tuple(
                    s
                    for s in standard_sessions()
                    if not in_week("2025-03-03", s) and not in_week("2025-03-17", s)
                )
                + tuple(short_week("2025-03-03"))
                + tuple(short_week("2025-03-17"))
            ),
            NOT_MET,
            [
                "Week 1 (2025-03-03 to 2025-03-09) has 7.5 counted hours and week 3 "
                "(2025-03-17 to 2025-03-23) has 7.5 counted hours, below the 9 required."
            ],
            id="two-weeks-short",
        ),
        pytest.param(
            chart(
                sessions=replace_week(
                    "2025-03-10",
                    [
                        *SHORT_WEEK_2,
                        session("2025-03-14", "09:00", "11:00", ServiceKind.MEDICATION_MANAGEMENT),
                        session("2025-03-14", "11:00", "12:00", ServiceKind.RECREATIONAL),
                        session("2025-03-14", "13:00", "15:00", GROUP, Attendance.NO_SHOW),
                    ],
                )
            ),
            NOT_MET,
            [f"{WEEK_2} has 7.5 counted hours"],
            id="not-counted-kinds-and-no-shows-do-not-count",
        ),
        pytest.param(
            chart(
                sessions=replace_week(
                    "2025-03-10",
                    [
                        *SHORT_WEEK_2,
                        *(
                            session(s.date.isoformat(), "09:00", "10:30", log=True, doc=LOG)
                            for s in SHORT_WEEK_2[:1]
                        ),
                        session("2025-03-12", "09:00", "10:30", log=True, doc=LOG),
                    ],
                )
            ),
            NOT_MET,
            [f"{WEEK_2} has 7.5 counted hours"],
            id="service-log-copies-not-double-counted",
        ),
        pytest.param(
            chart(
                episode_dates=(admission("2025-03-10"), discharge("2025-03-26")),
                sessions=(*standard_sessions(1), *SHORT_WEEK_2),
            ),
            NOT_MET,
            ["Week 1 (2025-03-10 to 2025-03-16) has 7.5 counted hours"],
            id="sessions-before-admission-belong-to-no-week",
        ),
        pytest.param(
            chart(
                sessions=replace_week(
                    "2025-03-10", [*SHORT_WEEK_2, session("2025-03-14", None, None, INDIVIDUAL)]
                )
            ),
            INSUFFICIENT,
            [
                f"{WEEK_2} has 7.5 counted hours of known length and 1 counted session(s) of "
                "unknown length, so whether each reaches the 9 required cannot be established."
            ],
            id="short-only-because-of-unknown-length",
        ),
        pytest.param(
            chart(
                sessions=replace_week(
                    "2025-03-10",
                    [
                        *SHORT_WEEK_2,
                        session("2025-03-14", "09:00", "10:30"),
                        session(
                            "2025-03-14", "09:00", "10:30", attendance=Attendance.NO_SHOW, log=True
                        ),
                    ],
                )
            ),
            INSUFFICIENT,
            [
                "a session (2025-03-14 09:00 group psychotherapy) documented as both attended "
                "and no show"
            ],
            id="attended-and-no-show-conflict",
        ),
        pytest.param(
            chart(
                sessions=replace_week(
                    "2025-03-10",
                    [
                        *SHORT_WEEK_2[:-1],
                        session("2025-03-14", "09:00", "10:00"),
                        session(
                            "2025-03-14", "09:00", "10:00", attendance=Attendance.ABSENT, log=True
                        ),
                    ],
                )
            ),
            NOT_MET,
            [f"{WEEK_2} has 7 counted hours"],
            id="conflict-cannot-close-the-gap",
        ),
        pytest.param(
            chart(episode_dates=(admission("2025-03-03"), discharge("2025-03-08"))),
            NA,
            ["No program week is complete: the episode runs from 2025-03-03 to 2025-03-08."],
            id="no-complete-week",
        ),
        pytest.param(
            # no discharge date stated: the episode ends at the latest document read, so
            # a stay shorter than a week may only be what was read
            chart(
                episode_dates=(admission("2025-03-03"),),
                sessions=[session("2025-03-03", "09:00", "12:00")],
                document_dates=(),
            ),
            INSUFFICIENT,
            ["No program week is complete as read", "the chart states no episode end"],
            id="no-complete-week-as-read",
        ),
        pytest.param(
            chart(
                episode_dates=(
                    admission("2025-03-03"),
                    admission("2025-03-04"),
                    discharge("2025-03-26"),
                )
            ),
            INSUFFICIENT,
            ["different admission dates: 2025-03-03 and 2025-03-04"],
            id="conflicting-admission-dates",
        ),
        pytest.param(
            chart(
                episode_dates=(discharge("2025-03-26"),),
                sessions=(session("2025-03-04", attendance=Attendance.NO_SHOW),),
            ),
            INSUFFICIENT,
            ["no admission date stated and no attended service"],
            id="no-admission-date",
        ),
        pytest.param(
            chart(episode_dates=(admission("2025-03-03"), discharge("2025-03-01"))),
            INSUFFICIENT,
            ["The episode end (2025-03-01) is before the admission date (2025-03-03)"],
            id="episode-end-before-admission",
        ),
    ],
)
def test_weekly_hours(input_chart: ChartInput, status: Status, fragments: list[str]) -> None:
    assert_finding("weekly-hours", input_chart, status, fragments)


def test_weekly_hours_values_table() -> None:
    result = finding("weekly-hours", chart(sessions=replace_week("2025-03-10", SHORT_WEEK_2)))
    weeks = result.values["weeks"]
    assert isinstance(weeks, list)
    assert [(w["week"], w["counted_hours"], w["status"]) for w in weeks] == [  # type: ignore[index, call-overload]
        (1, 9.25, "met"),
        (2, 7.5, "below"),
        (3, 9.25, "met"),
        (4, 6.5, "partial"),
    ]
    week_2 = {ev for s in SHORT_WEEK_2 for ev in s.evidence}
    assert week_2 <= set(result.evidence)


def test_weekly_hours_threshold_is_the_pack_parameter(tmp_path: Path) -> None:
    text = medicare_pack().path.read_text(encoding="utf-8")
    assert "\n  min_weekly_hours: 9\n" in text
    lowered = tmp_path / "medicare-iop.yaml"
    lowered.write_text(text.replace("\n  min_weekly_hours: 9\n", "\n  min_weekly_hours: 7\n"))
    short = chart(sessions=replace_week("2025-03-10", SHORT_WEEK_2))
    findings = {f.rule_id: f for f in evaluate(load_pack(lowered), short).findings}
    weekly = findings["medicare-iop.weekly-hours"]
    assert weekly.status is MET
    assert "at least 7 counted hours" in weekly.reason
    assert finding("weekly-hours", short).status is NOT_MET


# --------------------------------------------------------------------------- progress notes


def with_note(note: Session) -> tuple[Session, ...]:
    """The standard sessions with the 2025-03-04 individual note replaced by ``note``."""
    return (*(s for s in standard_sessions() if s.date != day("2025-03-04")), note)


@pytest.mark.parametrize(
    ("input_chart", "status", "fragments"),
    [
        pytest.param(
            chart(),
            MET,
            [
                "All 26 progress notes describe the nature of the service, the member's response "
                "and the relation to treatment-plan goals."
            ],
            id="met",
        ),
        pytest.param(
            chart(
                sessions=(
                    *standard_sessions(),
                    session("2025-03-04", "09:00", "10:00", log=True, elements=(), doc=LOG),
                    session(
                        "2025-03-05",
                        "13:00",
                        "13:15",
                        ServiceKind.MEDICATION_MANAGEMENT,
                        elements=(),
                    ),
                    session(
                        "2025-03-06", "13:00", "14:00", INDIVIDUAL, Attendance.ABSENT, elements=()
                    ),
                )
            ),
            MET,
            ["All 26 progress notes"],
            id="logs-med-management-and-absences-are-not-progress-notes",
        ),
        pytest.param(chart(sessions=()), NA, ["no progress notes"], id="no-sessions"),
        pytest.param(
            chart(
                sessions=(
                    session("2025-03-04", log=True, elements=(), doc=LOG),
                    session("2025-03-05", kind=ServiceKind.MEDICATION_MANAGEMENT, elements=()),
                )
            ),
            NA,
            [],
            id="only-logs-and-med-management",
        ),
        pytest.param(
            chart(
                sessions=with_note(
                    session(
                        "2025-03-04",
                        "13:00",
                        "14:00",
                        INDIVIDUAL,
                        elements=(NoteElement.NATURE_OF_SERVICE, NoteElement.GOAL_RELATION),
                    )
                )
            ),
            NOT_MET,
            [
                "1 of 26 progress notes lack required content: the note of 2025-03-04 13:00 "
                "individual psychotherapy lacks the member's response."
            ],
            id="no-response",
        ),
        pytest.param(
            chart(
                sessions=with_note(
                    session(
                        "2025-03-04", "13:00", "14:00", INDIVIDUAL, elements=(NoteElement.RESPONSE,)
                    )
                )
            ),
            NOT_MET,
            ["lacks the nature of the service and the relation to treatment-plan goals"],
            id="two-elements-missing",
        ),
        pytest.param(
            chart(
                sessions=with_note(
                    session(
                        "2025-03-04",
                        "13:00",
                        "14:00",
                        INDIVIDUAL,
                        Attendance.UNKNOWN,
                        elements=(NoteElement.NATURE_OF_SERVICE, NoteElement.RESPONSE),
                    )
                )
            ),
            INSUFFICIENT,
            ["Attendance is not documented", "lacks the relation to treatment-plan goals"],
            id="attendance-unknown",
        ),
    ],
)
def test_progress_notes(input_chart: ChartInput, status: Status, fragments: list[str]) -> None:
    assert_finding("progress-notes", input_chart, status, fragments)


def test_a_note_element_written_but_illegible_leaves_progress_notes_undecided() -> None:
    note = session("2025-03-04", "13:00", "14:00", INDIVIDUAL)
    illegible = Element(
        evidence=(Evidence(document_id=NOTES, page=1, start=5, end=16, quote="[illegible]"),),
        source="test",
        name=NoteElement.RESPONSE,
    )
    kept = tuple(e for e in note.elements if e.name != NoteElement.RESPONSE)
    scanned = note.model_copy(update={"elements": (*kept, illegible)})
    assert_finding(
        "progress-notes",
        chart(sessions=with_note(scanned)),
        INSUFFICIENT,
        [
            "written but could not be read",
            "the note of 2025-03-04 13:00 individual psychotherapy: the member's response "
            "could not be read",
        ],
    )


# --------------------------------------------------------------------------- active treatment

RECREATION = ServiceKind.RECREATIONAL


@pytest.mark.parametrize(
    ("sessions", "status", "fragments"),
    [
        pytest.param(
            standard_sessions(),
            MET,
            ["0 of 34.25 attended service hours (0%)", "below the 50% limit"],
            id="met",
        ),
        pytest.param(
            [
                session("2025-03-03", "09:00", "10:01"),
                session("2025-03-03", "10:01", "11:01", RECREATION),
            ],
            MET,
            ["1 of 2.02 attended service hours (49.59%)"],
            id="just-under-half",
        ),
        pytest.param(
            [
                session("2025-03-03", "09:00", "10:00"),
                session("2025-03-03", "10:00", "11:00", RECREATION),
            ],
            NOT_MET,
            [
                "1 of 2 attended service hours (50%) are medication management, recreational "
                "activity or social activity, at or above the 50% limit."
            ],
            id="exactly-half",
        ),
        pytest.param(
            [
                session("2025-03-03", "09:00", "10:00"),
                session("2025-03-03", "13:00", "14:30", ServiceKind.MEDICATION_MANAGEMENT),
            ],
            NOT_MET,
            ["1.5 of 2.5 attended service hours (60%)"],
            id="medication-management-counts",
        ),
        pytest.param(
            [
                session("2025-03-03", "09:00", "10:00"),
                session("2025-03-03", "10:00", "11:00", RECREATION),
                session("2025-03-04", None, None),
            ],
            INSUFFICIENT,
            ["1 attended session(s) of unknown length (2025-03-04 group psychotherapy)"],
            id="over-half-unless-unknown-session-is-long",
        ),
        pytest.param(
            [
                session("2025-03-03", "09:00", "12:00"),
                session("2025-03-04", None, None, RECREATION),
            ],
            INSUFFICIENT,
            ["could change whether that is under 50%"],
            id="under-half-unless-unknown-recreation-is-long",
        ),
        pytest.param(
            [session("2025-03-03", "09:00", "12:00"), session("2025-03-04", None, None)],
            MET,
            [],
            id="unknown-active-session-cannot-raise-the-share",
        ),
        pytest.param(
            [session("2025-03-03", None, None), session("2025-03-04", None, None, RECREATION)],
            INSUFFICIENT,
            ["None of the 2 attended sessions has a known length"],
            id="all-unknown-lengths",
        ),
        pytest.param(
            [
                session("2025-03-03", "09:00", "12:00"),
                session("2025-03-04", "13:00", "17:00", RECREATION, attendance=Attendance.UNKNOWN),
            ],
            INSUFFICIENT,
            ["1 session(s) whose attendance is not documented (2025-03-04 13:00 recreational)"],
            id="under-half-unless-an-outing-of-unknown-attendance-was-attended",
        ),
        pytest.param(
            [
                session("2025-03-03", "09:00", "10:00"),
                session("2025-03-03", "10:00", "11:00", RECREATION),
                session("2025-03-04", "13:00", "17:00", attendance=Attendance.UNKNOWN),
            ],
            INSUFFICIENT,
            [
                "1 session(s) whose attendance is not documented (2025-03-04 13:00 group psychotherapy)"
            ],
            id="half-or-more-unless-a-group-of-unknown-attendance-was-attended",
        ),
        pytest.param(
            [
                session("2025-03-03", "09:00", "12:00"),
                session("2025-03-04", "13:00", "17:00", attendance=Attendance.UNKNOWN),
            ],
            MET,
            [],
            id="an-active-session-of-unknown-attendance-cannot-raise-the-share",
        ),
        pytest.param(
            [session("2025-03-03", attendance=Attendance.NO_SHOW)],
            NA,
            ["no attended services"],
            id="no-attended-service",
        ),
        pytest.param(
            [
                session("2025-03-03", "09:00", "10:00"),
                session("2025-03-03", "09:00", "10:00", RECREATION, log=True),
            ],
            INSUFFICIENT,
            ["No session is documented as attended without contradiction"],
            id="only-contradictory-records",
        ),
    ],
)
def test_active_treatment(sessions: list[Session], status: Status, fragments: list[str]) -> None:
    assert_finding("active-treatment", chart(sessions=tuple(sessions)), status, fragments)


# --------------------------------------------------------------------------- excluded


@pytest.mark.parametrize(
    ("sessions", "status", "fragments"),
    [
        pytest.param(
            standard_sessions(),
            MET,
            [
                "No meal, self-administered medication, transportation or vocational training "
                "appears among the 26 documented program services."
            ],
            id="met",
        ),
        pytest.param(
            [
                *standard_sessions(),
                session("2025-03-05", "12:00", "12:30", ServiceKind.MEAL),
                session(
                    "2025-03-06", "08:15", "08:45", ServiceKind.TRANSPORTATION, Attendance.NO_SHOW
                ),
                session("2025-03-07", "13:00", "15:00", ServiceKind.VOCATIONAL),
                session("2025-03-07", None, None, ServiceKind.SELF_ADMINISTERED_MEDICATION),
            ],
            NOT_MET,
            [
                "Services excluded from IOP appear as program services: 2025-03-05 12:00 meal, "
                "2025-03-06 08:15 transportation, 2025-03-07 13:00 vocational training and "
                "2025-03-07 self-administered medication."
            ],
            id="excluded-kinds-named",
        ),
    ],
)
def test_excluded_services(sessions: list[Session], status: Status, fragments: list[str]) -> None:
    result = assert_finding("excluded-services", chart(sessions=tuple(sessions)), status, fragments)
    excluded = [s for s in sessions if s.service_kind not in {GROUP, EDUCATION, INDIVIDUAL}]
    if status is MET:  # a met resting on an absence cites the records it examined
        assert set(result.evidence) == {ev for s in sessions for ev in s.evidence}
    else:
        assert result.evidence == tuple(ev for s in excluded for ev in s.evidence)
