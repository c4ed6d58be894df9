"""A note titled as missed ("Missed Session Note") says how the service was missed in a
later sentence ("Client did not attend (no-show)"): that is its status, with its own
words. Two different ways, or another appointment's, leave the title's generic miss."""

from __future__ import annotations

import pytest

from core.data import DocumentKind
from core.facts import Attendance
from extract.deterministic.sessions import read_document
from tests.chartdocs import chart_doc

BASE = (
    "Note type: Missed Session Note\n"
    "Date of Service: 03/03/2025\n"
    "Service: Process Group (group psychotherapy)\n"
    "Time: 9:00 AM - 10:00 AM\n"
    "Data: Group was held as scheduled. {}\n"
)


@pytest.mark.parametrize(
    ("tail", "attendance", "quote"),
    [
        ("Client did not attend (no-show); did not call.", Attendance.NO_SHOW, "no-show"),
        ("The client cancelled ahead of time.", Attendance.CANCELLED, "client cancelled"),
        # two ways: not for sure which; the title's miss
        (
            "Client did not attend (no-show). Client cancelled ahead of time.",
            Attendance.ABSENT,
            "Missed Session",
        ),
        # another appointment's status
        ("Client cancelled her PCP appointment to come.", Attendance.ABSENT, "Missed Session"),
        ("Outreach call placed.", Attendance.ABSENT, "Missed Session"),
    ],
)
def test_how_a_session_was_missed_is_read_from_a_later_sentence(
    tail: str, attendance: Attendance, quote: str
) -> None:
    text = BASE.format(tail)
    (session,), unread = read_document(chart_doc(text, kind=DocumentKind.PROGRESS_NOTE))
    assert session.attendance is attendance
    at = text.index(quote)
    assert [(e.start, e.end) for e in session.slot_evidence("attendance")] == [
        (at, at + len(quote))
    ]
    assert unread == []
