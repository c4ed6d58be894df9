"""A time range that leads a line and ends at a colon ("17.30-19.00: Group therapy ...",
"17:30-19:00: ...") is read: a colon followed by a blank or the line's end ends a list's
lead, it is no clock's seconds ("09:00:30")."""

from __future__ import annotations

import datetime as dt

import pytest

from core.data import DocumentKind
from core.facts import Attendance, ServiceKind
from extract.deterministic.sessions import read_document
from extract.values import times
from tests.chartdocs import chart_doc

T = dt.time


@pytest.mark.parametrize(
    ("text", "ranges"),
    [
        ("17.30-19.00: Group therapy", [(0, 11)]),
        ("17:30-19:00: Group therapy", [(0, 11)]),
        ("9.00-10.30:\n", [(0, 10)]),
        ("Time: 17.30-19.00", [(6, 17)]),
        # clocks with their seconds: the whole of each
        ("12:30:45-13:00:00", [(0, 17)]),
        ("17:30-19:00:30 ", [(0, 14)]),
    ],
)
def test_a_range_before_a_colon(text: str, ranges: list[tuple[int, int]]) -> None:
    assert [(r.start, r.end) for r in times.find_time_ranges(text, 0, len(text))] == ranges


NOTE = (
    "IOP DAILY NOTE\nClient: DOE, JANE\nDate: 10/14/2025\n"
    "{a}: Group therapy (process group). Client attended and shared.\n"
    "{b}: Psychoeducation group. Client attended.\n"
)


@pytest.mark.parametrize(
    ("a", "b"), [("17.30-19.00", "19.10-20.40"), ("17:30-19:00", "19:10-20:40")]
)
def test_lines_led_by_a_range_and_a_colon_are_each_a_session(a: str, b: str) -> None:
    text = NOTE.format(a=a, b=b)
    found, _ = read_document(chart_doc(text, kind=DocumentKind.PROGRESS_NOTE))
    assert [(s.service_kind, s.attendance, s.start, s.end) for s in found] == [
        (ServiceKind.GROUP_PSYCHOTHERAPY, Attendance.ATTENDED, T(17, 30), T(19)),
        (ServiceKind.GROUP_EDUCATION, Attendance.ATTENDED, T(19, 10), T(20, 40)),
    ]
    for s, said in zip(found, (a, b), strict=True):
        at = text.index(said)
        assert [(e.start, e.end) for x in s.slots if x.slot == "start" for e in x.evidence] == [
            (at, at + len(said))
        ]
