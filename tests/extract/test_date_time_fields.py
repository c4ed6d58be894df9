"""A service's date written as a date-time under a label (extract/records/dates.py,
extract/readers/when.py ``_field_times``): the date dates the record and, with an end
field, its clock is the start; "Date/Time of Service:" is the service's date-time label.
"Appt:" alone is not (a note's next appointment is written so too): such a line in a note
makes no session, and alone it is listed as unread (a label that opens several blocks, each
with a status field, does date them: tests/extract/test_record_labels.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from core.facts import ServiceKind
from tests.chartdocs import grounded_sessions as _sessions
from tests.chartdocs import slot_spans as _slot
from tests.chartdocs import span as _at

T = dt.time
D = dt.date
HEAD = "Progress note\nMember: Jane Q. Sample\n\n"
TAIL = "\nMember engaged in group and practiced coping skills.\nSigned: A. Poe, LCSW\n"


@pytest.mark.parametrize(
    ("body", "date_quote", "start_quote", "end_quote", "times", "minutes"),
    [
        (
            "Encounter Date: 03/03/2025 09:00\nEncounter End: 03/03/2025 12:00\n"
            "Visit Type: IOP Group\nStatus: Completed\n",
            "03/03/2025",
            "09:00",
            "12:00",
            (T(9, 0), T(12, 0)),
            180.0,
        ),
        (
            "Start: 2025-03-03 09:15\nEnd: 2025-03-03 12:00\nService: Group psychotherapy\n"
            "Attendance: present\n",
            "2025-03-03",
            "09:15",
            "12:00",
            (T(9, 15), T(12, 0)),
            165.0,
        ),
        (
            "Date/Time of Service: 03/03/2025 09:00\nEnd: 12:00\nService: Group therapy\n",
            "03/03/2025",
            "09:00",
            "12:00",
            (T(9, 0), T(12, 0)),
            180.0,
        ),
    ],
    ids=["encounter-date-time", "start-date-time", "date-time-of-service"],
)
def test_a_date_time_under_a_label(
    body: str,
    date_quote: str,
    start_quote: str | None,
    end_quote: str | None,
    times: tuple[T, T] | None,
    minutes: float,
) -> None:
    text = HEAD + body + TAIL
    (s,) = _sessions(text)
    assert (s.date, s.minutes) == (D(2025, 3, 3), minutes)
    assert _slot(s, "date") == [_at(text, date_quote)]
    if times is not None:
        assert (s.start, s.end) == times
        assert start_quote is not None and end_quote is not None
        assert _slot(s, "start")[0] == _at(text, start_quote, body[:12])
        assert _slot(s, "end")[0] == _at(text, end_quote, body[:12])


@pytest.mark.parametrize(
    "line",
    [
        "Next appt: 3/10/2025 9:00 AM (180 min) Group Therapy",
        "Appt: 03/10/2025 10:00 AM - 11:00 AM (med management)",
    ],
)
def test_an_appointment_in_a_note_dates_no_service(line: str) -> None:
    note = "Date of service: 03/03/2025   Time: 9:00-12:00   Service: Group psychotherapy\n"
    text = HEAD + note + "Attendance: Present\n" + line + "\n" + TAIL
    assert [s.date for s in _sessions(text)] == [D(2025, 3, 3)]


@pytest.mark.parametrize(
    ("line", "kind_quote"),
    [
        ("Group psychotherapy 09:00-12:00, present", "Group psychotherapy"),
        ("Process group, 9:00-12:00. Present.", "Process group"),
    ],
)
def test_the_sentence_that_gives_the_time_names_the_service(line: str, kind_quote: str) -> None:
    text = HEAD + "Date: 03/03/2025\n" + line + "\n" + TAIL
    (s,) = _sessions(text)
    assert (s.service_kind, s.minutes) == (ServiceKind.GROUP_PSYCHOTHERAPY, 180.0)
    assert _slot(s, "kind") == [_at(text, kind_quote)]  # the service's words on that line


def test_a_time_range_beside_a_stated_length_gives_the_times() -> None:
    # the session's times in the length's field: a late arrival is counted from them
    note = (
        "Date of Service: 3/5/2025 9:00 AM   Status: Signed\n\nIOP Group Psychotherapy Note\n"
        "Session length: 3 hours (9:00-12:00)\n"
        "Patient arrived 20 minutes late (9:20) and participated.\n"
    )
    text = HEAD + note + TAIL
    (s,) = _sessions(text)
    assert (s.start, s.end, s.member_start, s.minutes) == (T(9, 0), T(12, 0), T(9, 20), 160.0)
    assert _slot(s, "start") == [_at(text, "9:00-12:00")]
