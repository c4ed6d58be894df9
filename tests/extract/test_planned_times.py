"""A service's planned start and length (extract/readers/when.py): labels and columns that
say the time was scheduled ("Scheduled Start:", "Scheduled (min):", a column
"Header.ScheduledDuration" of ISO lengths) give a missed session the length it was planned
for, only for the slots the record states no other way; an attended session's planned
length is not its length. Exact offsets; negatives."""

from __future__ import annotations

import datetime as dt

import pytest

from core.data import DocumentKind
from core.facts import Attendance, ServiceKind, Session
from extract.deterministic.sessions import read_document
from tests.chartdocs import chart_doc

T = dt.time

MISSED_NOTE = (
    "Missed Session Note\n"
    "Client: Quinn Iverson\tDOB: 01/24/1978\tMRN: K66072626\n"
    "Date of Service: 01/27/2025\tScheduled Start: 9:00 AM\tScheduled (min): 90\n"
    "Service: 90853 – Process Group (Group Psychotherapy)\tAttendance: No show - no call\n"
    "Session Content\n"
    "Client did not attend (no-show). Outreach call placed.\n"
)

EXPORT = (
    "noteId\tHeader.NoteType\tHeader.ServiceName\tHeader.DateOfService\tHeader.StartTime"
    "\tHeader.ScheduledDuration\tHeader.AttendanceStatus\tHeader.Duration\tBody.Section\n"
    "N1\tMissed Session Note\tProcess Group (Group Psychotherapy)\t2025-11-03\t09:00:00"
    "\tPT1H\tNo-show\t\tAddress attendance at next contact.\n"
    "N2\tGroup Therapy Progress Note\tProcess Group (Group Psychotherapy)\t2025-11-05\t09:20:00"
    "\t\tPresent\tPT40M\tWill review the handout at home.\n"
)


def _read(text: str) -> list[Session]:
    sessions, _ = read_document(chart_doc(text, kind=DocumentKind.PROGRESS_NOTE))
    return sessions


def _slot(s: Session, name: str) -> list[tuple[int, int]]:
    return [(ev.start, ev.end) for x in s.slots if x.slot == name for ev in x.evidence]


def test_an_attended_sessions_planned_length_is_not_the_length_attended() -> None:
    text = MISSED_NOTE.replace("No show - no call", "Present").replace(
        "Client did not attend (no-show). Outreach call placed.", "Client engaged throughout."
    )
    sessions = _read(text)
    assert [(s.attendance, s.start, s.end, s.stated_minutes) for s in sessions] == [
        (Attendance.ATTENDED, None, None, None)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a missed session's planned start and length
        (MISSED_NOTE, (T(9), T(10, 30), 90.0)),
        # times of its own outrank the planned ones
        (
            MISSED_NOTE.replace("\tScheduled (min): 90", "\tTime In: 9:20 AM\tTime Out: 10:30 AM"),
            (T(9, 20), T(10, 30), None),
        ),
        # a label that only begins like a plan ("Scheduled by"): no time
        (
            MISSED_NOTE.replace(
                "Scheduled Start: 9:00 AM\tScheduled (min): 90", "Scheduled by: Front desk"
            ),
            (None, None, None),
        ),
    ],
)
def test_a_missed_sessions_planned_start_and_length_are_its_own(
    text: str, expected: tuple[dt.time | None, dt.time | None, float | None]
) -> None:
    sessions = _read(text)
    assert [(s.service_kind, s.attendance, s.start, s.end, s.stated_minutes) for s in sessions] == [
        (ServiceKind.GROUP_PSYCHOTHERAPY, Attendance.NO_SHOW, *expected)
    ]
    if expected[2] is not None:
        at = text.index("(min): 90") + len("(min): ")
        assert _slot(sessions[0], "minutes") == [(at, at + 2)]
        assert _slot(sessions[0], "start") == [(text.index("9:00 AM"), text.index("9:00 AM") + 7)]


def test_a_planned_length_column_gives_a_missed_row_its_length_not_an_attended_one() -> None:
    sessions = _read(EXPORT)
    assert [(s.date, s.attendance, s.start, s.end, s.stated_minutes) for s in sessions] == [
        (dt.date(2025, 11, 3), Attendance.NO_SHOW, T(9), T(10), 60.0),
        (dt.date(2025, 11, 5), Attendance.ATTENDED, T(9, 20), T(10), 40.0),
    ]
    at = EXPORT.index("PT1H")
    assert _slot(sessions[0], "minutes") == [(at, at + 4)]
    assert [x.source for x in sessions[0].slots if x.slot == "minutes"] == [
        "deterministic:when.scheduled-length"
    ]
