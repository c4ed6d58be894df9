"""A label set that repeats (extract/records/dates.py ``record_labels``): a label that opens
two or more blocks with a date and a time as its value, each block with an attendance status
field, dates each block's record ("Appt: 03/03/2025 9:00 AM (180 min)  Type: ...  Status:
Arrived"); a time range right after that date is the record's hours ("When: 03/03/2025
9-12", extract/readers/when.py). A label that opens one block, or blocks without a status
field (a note's closing appointment line), dates nothing."""

from __future__ import annotations

import datetime as dt

from core.facts import Attendance, ServiceKind
from extract.deterministic.sessions import read_document
from tests.chartdocs import chart_doc
from tests.chartdocs import grounded_sessions as _sessions
from tests.chartdocs import slot_spans as _slot
from tests.chartdocs import span as _at

D = dt.date
T = dt.time
HEAD = "Sunrise Behavioral Health - IOP\nClient: Jane Q. Sample   DOB: 01/02/1980\n\n"


def _appt(day: int, status: str) -> str:
    return (
        f"Appt: 03/0{day}/2025 9:00 AM (180 min)   Type: IOP Group Therapy   Status: {status}\n"
        "Provider: Ana Ruiz, LCSW\n"
    )


def test_a_repeated_appointment_label_dates_each_block() -> None:
    text = HEAD + _appt(3, "Arrived") + "\n" + _appt(4, "Arrived") + "\n" + _appt(5, "No Show")
    found = _sessions(text)
    assert [(s.date, s.service_kind, s.minutes, s.attendance) for s in found] == [
        (D(2025, 3, 3), ServiceKind.GROUP_PSYCHOTHERAPY, 180.0, Attendance.ATTENDED),
        (D(2025, 3, 4), ServiceKind.GROUP_PSYCHOTHERAPY, 180.0, Attendance.ATTENDED),
        (D(2025, 3, 5), ServiceKind.GROUP_PSYCHOTHERAPY, 180.0, Attendance.NO_SHOW),
    ]
    third = text.index("Appt: 03/05")
    assert _slot(found[2], "date") == [_at(text, "03/05/2025")]
    assert _slot(found[2], "minutes") == [_at(text, "180 min", "Appt: 03/05")]
    # the status field's value, not a name: "Therapy   Status:" is no person's label
    assert _slot(found[2], "attendance")[0][0] == text.index("No Show", third)


def test_a_time_range_right_after_the_date_of_a_repeated_label() -> None:
    note = (
        "IOP GROUP PROGRESS NOTE\nWhen: 03/0{d}/2025 9-12\nAttendance: Present\n"
        "Facilitator: Ana Ruiz, LCSW\nClient practiced grounding skills.\n\n"
    )
    text = HEAD + note.format(d=3) + note.format(d=4)
    found = _sessions(text)
    assert [(s.date, s.start, s.end, s.minutes) for s in found] == [
        (D(2025, 3, 3), T(9, 0), T(12, 0), 180.0),
        (D(2025, 3, 4), T(9, 0), T(12, 0), 180.0),
    ]
    assert _slot(found[1], "start") == [_at(text, "9-12", "03/04/2025")]


def test_one_block_alone_is_unread_not_read() -> None:
    text = HEAD + _appt(3, "Arrived")
    found, unread = read_document(chart_doc(text))
    assert found == []
    assert [u.date for u in unread] == [D(2025, 3, 3)]


def test_closing_appointment_lines_without_a_status_date_nothing() -> None:
    note = (
        "GROUP THERAPY NOTE\nDate of service: 03/0{d}/2025   Time: 9:00 AM - 12:00 PM\n"
        "Attendance: Present\nClient practiced grounding skills.\n\n"
        "Appointment: 03/0{n}/2025 9:00 AM\nSigned: Ana Ruiz, LCSW\n\n"
    )
    text = HEAD + note.format(d=3, n=5) + note.format(d=5, n=7)
    assert [s.date for s in _sessions(text)] == [D(2025, 3, 3), D(2025, 3, 5)]


def test_a_weekly_summary_line_is_listed_as_unread() -> None:
    # a service's name, a length and dates of a week: a record of services not read into
    # sessions, so the week cannot be judged from the notes alone
    line = (
        "Week of 03/03/2025: attended 3 group sessions (Mon 3/3, Wed 3/5, Fri 3/7), "
        "3 hours each, 9.0 hours total."
    )
    text = HEAD + "Weekly attendance summary\n" + line + "\n"
    found, unread = read_document(chart_doc(text))
    assert found == []
    assert [(u.start, u.end) for u in unread] == [_at(text, line)]


def test_a_narrative_line_with_a_length_and_a_date_is_no_record() -> None:
    # the member's words: a length of sleep, a day of no use, a church group
    line = 'S: "I went to the church group Sunday." Denies heroin since 09/09. Slept 5 hours.'
    text = HEAD + "Progress note\nDate: 09/16/2025  Time: 10:00-10:50  Individual therapy\n"
    text += "Attendance: Present\n" + line + "\n"
    found, unread = read_document(chart_doc(text))
    assert [s.date for s in found] == [D(2025, 9, 16)]
    assert unread == []
