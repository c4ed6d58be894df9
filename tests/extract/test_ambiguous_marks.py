"""A lone mark that means different things in different charts ("X": present in one grid,
absent in another) says the member's attendance only by the document's own legend
("X = absent"); without one it is not read: the session's attendance is unknown (the rules
then say what they cannot decide), never a guessed "attended"."""

from __future__ import annotations

import datetime as dt

import pytest

from core.data import DocumentKind
from core.facts import Attendance, Session
from extract.deterministic.sessions import read_document
from tests.chartdocs import chart_doc

D = dt.date

LOG = (
    "IOP SERVICE LOG\n"
    "Client: DOE, JANE\n"
    "\n"
    "Date        Service              Time          Status\n"
    "10/06/2025  Group Psychotherapy  09:00-10:30   P\n"
    "10/07/2025  Group Psychotherapy  09:00-10:30   {mark}\n"
    "{legend}"
)

GRID = (
    "WEEKLY ATTENDANCE GRID   Week of 10/06/2025\n"
    "Client: DOE, JANE\n"
    "\n"
    "Service                         Mon   Tue   Wed\n"
    "Group Psychotherapy 0900-1030   P     {mark}     P\n"
    "{legend}"
)


def _sessions(text: str) -> list[Session]:
    found, _ = read_document(chart_doc(text, kind=DocumentKind.ATTENDANCE))
    return sorted(found, key=lambda s: s.date)


def _spans(s: Session, name: str) -> list[tuple[int, int]]:
    return [(ev.start, ev.end) for x in s.slots if x.slot == name for ev in x.evidence]


@pytest.mark.parametrize("form", [LOG, GRID])
@pytest.mark.parametrize(
    ("mark", "legend", "attendance"),
    [
        # no legend: an "X" is a mark whose meaning is not known
        ("X", "", Attendance.UNKNOWN),
        ("x", "", Attendance.UNKNOWN),
        # the document's legend says what it means
        ("X", "Legend: P = present   X = absent (excused)\n", Attendance.ABSENT),
        ("X", "Legend: X = present   A = absent\n", Attendance.ATTENDED),
        ("X", "Key: P=present  X=no show  C=cancelled\n", Attendance.NO_SHOW),
        # a code the vocabulary lists means the same everywhere
        ("NS", "", Attendance.NO_SHOW),
    ],
)
def test_a_lone_x_is_read_by_the_legend_else_not_at_all(
    form: str, mark: str, legend: str, attendance: Attendance
) -> None:
    text = form.format(mark=mark, legend=legend)
    found = _sessions(text)
    wed = [(D(2025, 10, 8), Attendance.ATTENDED)] if form is GRID else []
    assert [(s.date, s.attendance) for s in found] == [
        (D(2025, 10, 6), Attendance.ATTENDED),
        (D(2025, 10, 7), attendance),
        *wed,
    ]
    at = (
        text.index(
            f" {mark} " if form is GRID else f" {mark}\n",
            text.index("10:30" if form is LOG else "Mon"),
        )
        + 1
    )
    spans = _spans(found[1], "attendance")
    if attendance is Attendance.UNKNOWN:
        assert spans == []
    else:
        assert spans[0] == (at, at + len(mark))
