"""A note whose own attendance field holds a mark no key explains ("Attendance: X") is of
unknown attendance, even when it documents the member's response: the mark was written to
say the status, and which status it says is not known (an "X" is present in some grids,
absent in others). Words in the field, a read status, or a key of codes do not count."""

from __future__ import annotations

import pytest

from core.facts import Attendance
from extract.deterministic.sessions import read_document
from tests.chartdocs import chart_doc

HEAD = "GROUP NOTE\nClient: Jane Doe   Date: 03/04/2025\nGroup: Process group   Time: 9:00-10:30\n"


@pytest.mark.parametrize(
    ("field", "attendance"),
    [
        pytest.param("Attendance: X\n", Attendance.UNKNOWN, id="a-mark-no-key-explains"),
        pytest.param("Attendance: --\n", Attendance.UNKNOWN, id="a-dash"),
        pytest.param("Attendance: Present\n", Attendance.ATTENDED, id="a-status-read"),
        pytest.param("Participation: Active\n", Attendance.ATTENDED, id="words-of-taking-part"),
        pytest.param(
            "Attendance: X\nKEY: X=present  A=absent\n", Attendance.ATTENDED, id="a-keyed-mark"
        ),
        pytest.param("", Attendance.ATTENDED, id="no-field-the-response-says-attended"),
    ],
)
def test_an_unread_mark_in_the_notes_attendance_field(field: str, attendance: Attendance) -> None:
    text = HEAD + field + "Response: Client engaged and shared.\n"
    (session,) = read_document(chart_doc(text))[0]
    assert session.attendance is attendance
