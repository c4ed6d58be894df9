"""A flattened form's note with numbered service headings ("GROUP 1", "GROUP 2"), each over
a block with its own time, documents one service per heading even though the headings name
no kind; each block's marked choice of services ("Group Psychotherapy X Psychoeducation")
names its kind, and a row of status choices ("Present Absent No-show X Cancelled") is no
roster line of a person called "Present Absent". Exact offsets."""

from __future__ import annotations

import datetime as dt

from core.data import DocumentKind
from core.facts import Attendance, ServiceKind
from extract.deterministic.sessions import read_document
from extract.layout import layout_of
from extract.records.roster import roster_lines
from tests.chartdocs import chart_doc

T = dt.time

BLOCK = (
    "GROUP {n}\n"
    "Group {n} scheduled\n"
    "{time}\n"
    "Group title\n"
    "{title}\n"
    "{kinds}\n"
    "{status}\n"
    "Facilitator(s)\n"
    "Avery Iverson, LCSW\n"
    "Note\n"
    "Topic: coping skills. Engaged throughout and accepted feedback.\n"
)
NOTE = (
    "INTENSIVE OUTPATIENT PROGRAM - DAILY GROUP NOTE\n"
    "Client Name\nCastillo, Quinn\nDate of Service\n10/13/2025\n"
    + BLOCK.format(
        n=1,
        time="9:00 AM - 10:30 AM",
        title="Interpersonal Process Group",
        kinds="X Group Psychotherapy Psychoeducation",
        status="X Present Absent No-show Cancelled",
    )
    + "\f"
    + BLOCK.format(
        n=2,
        time="10:45 AM - 12:15 PM",
        title="Medication Education Group",
        kinds="Group Psychotherapy X Psychoeducation",
        status="Present Absent No-show X Cancelled",
    )
)


def test_numbered_headings_each_with_a_time_are_one_service_each() -> None:
    found, _ = read_document(chart_doc(NOTE, kind=DocumentKind.PROGRESS_NOTE))
    assert [(s.service_kind, s.attendance, s.start, s.end) for s in found] == [
        (ServiceKind.GROUP_PSYCHOTHERAPY, Attendance.ATTENDED, T(9), T(10, 30)),
        (ServiceKind.GROUP_EDUCATION, Attendance.CANCELLED, T(10, 45), T(12, 15)),
    ]
    first = NOTE.index("X Group Psychotherapy") + 2
    second = NOTE.index("X Psychoeducation") + 2
    cancelled = NOTE.index("X Cancelled") + 2
    assert [
        [(e.start, e.end, x.source) for x in s.slots if x.slot == "kind" for e in x.evidence]
        for s in found
    ] == [
        [(first, first + len("Group Psychotherapy"), "deterministic:kind.marked-choice")],
        [(second, second + len("Psychoeducation"), "deterministic:kind.marked-choice")],
    ]
    assert [
        (e.start, e.end) for x in found[1].slots if x.slot == "attendance" for e in x.evidence
    ] == [(cancelled, cancelled + len("Cancelled"))]


def test_a_row_of_status_choices_is_no_roster_line() -> None:
    text = "Roster\nLee, Ann  P\nRoe, Kim  A\nPresent Absent No-show X Cancelled\n"
    layout = layout_of(chart_doc(text).document)
    assert sorted(roster_lines(layout)) == [1, 2]
