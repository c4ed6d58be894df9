"""Records printed over a page break (extract/records/continued.py): a note ended by a
continuation mark goes on under the next page's title marked as continued, when that title
has the same date and no record of its own begins under it; and a duration field counted
in billing units ("Duration: 4 units (15 min/unit)") is units times their size."""

from __future__ import annotations

import datetime as dt

import pytest

from core.facts import Attendance, ServiceKind, Session
from core.grounding import evidence_problem, iter_evidence
from extract.deterministic.sessions import read_document
from tests.chartdocs import chart_doc

T = dt.time
D = dt.date

RUNNING = "North Valley Counseling - Health Information Management\nPatient: DOE, JANE\n"
PAGE_1 = (
    RUNNING + "PROGRESS NOTES - Date of Service: 01/28/2025\n"
    "GROUP PSYCHOTHERAPY NOTE - Process Group (90853)\n"
    "Start: 0930 hrs    Duration: 6 units (15 min/unit)\n"
    "Attendance: present    Setting: in person\n"
    "Facilitator(s): Wesley Castillo, LPC\n"
    "Electronically signed 01/28/2025\n"
    "INDIVIDUAL PSYCHOTHERAPY NOTE (90834)\n"
    "Start: 1300 hrs    Duration: 50 min\n"
    "-- continued on next page --\n"
    "Page 1 of 2    Released for utilization review\n"
)
SPLIT = (
    RUNNING + "PROGRESS NOTES - Date of Service: 01/28/2025 (continued)\n"
    "Attendance: absent - left the program early\n"
    "Clinician: Maren Lindqvist, LCSW\n"
    "Electronically signed 01/29/2025 (late entry)\n"
    "Page 2 of 2    Released for utilization review\n"
)
NEW_NOTE = (
    RUNNING + "PROGRESS NOTES - Date of Service: 01/28/2025 (continued)\n"
    "FAMILY PSYCHOTHERAPY NOTE (90847)\n"
    "Start: 1400 hrs    Duration: 60 min\n"
    "Attendance: present    Setting: in person\n"
    "Clinician: Maren Lindqvist, LCSW\n"
    "Electronically signed 01/28/2025\n"
    "Page 2 of 2    Released for utilization review\n"
)
OTHER_DAY = SPLIT.replace("01/28/2025 (continued)", "01/29/2025 (continued)")

Row = tuple[D, ServiceKind, T | None, float | None, bool]  # ..., read from page 2's words


def _sessions(*pages: str) -> list[Session]:
    doc = chart_doc(*pages)
    found, _ = read_document(doc)
    docs = {doc.document.document_id: doc.document}
    for s in found:
        for ev in iter_evidence(s):
            assert evidence_problem(ev, docs) is None
    return found


def _rows(found: list[Session]) -> list[Row]:
    return [
        (s.date, s.service_kind, s.start, s.minutes, any(ev.page == 2 for ev in s.evidence))
        for s in found
    ]


GROUP: Row = (D(2025, 1, 28), ServiceKind.GROUP_PSYCHOTHERAPY, T(9, 30), 90.0, False)
INDIVIDUAL = (D(2025, 1, 28), ServiceKind.INDIVIDUAL_PSYCHOTHERAPY, T(13), 50.0)


@pytest.mark.parametrize(
    ("second", "expected", "status"),
    [
        (SPLIT, [GROUP, (*INDIVIDUAL, True)], Attendance.ABSENT),
        (
            # the break fell between two notes: each is its own
            NEW_NOTE,
            [
                GROUP,
                (*INDIVIDUAL, False),
                (D(2025, 1, 28), ServiceKind.FAMILY_COUNSELING, T(14), 60.0, True),
            ],
            None,
        ),
        # a page of another day is no continuation
        (OTHER_DAY, [GROUP, (*INDIVIDUAL, False)], None),
    ],
    ids=["split-note", "new-note", "other-day"],
)
def test_a_note_continued_over_a_page_break_is_one_record(
    second: str, expected: list[Row], status: Attendance | None
) -> None:
    found = _sessions(PAGE_1, second)
    assert _rows(found) == expected
    if status is not None:
        assert found[1].attendance is status
    else:
        assert found[1].attendance is not Attendance.ABSENT


def test_the_continued_pieces_words_are_the_records_evidence() -> None:
    _, individual = _sessions(PAGE_1, SPLIT)
    at = SPLIT.index("absent - left the program early")  # offsets into page 2
    assert [
        (ev.start, ev.end) for x in individual.slots if x.slot == "attendance" for ev in x.evidence
    ] == [(at, at + len("absent - left the program early"))]


def test_units_in_a_duration_field_are_units_times_their_size() -> None:
    (group, *_) = _sessions(PAGE_1, SPLIT)
    at = PAGE_1.index("6 units")
    assert group.stated_minutes == 90.0
    assert [
        (ev.start, ev.end) for x in group.slots if x.slot == "minutes" for ev in x.evidence
    ] == [(at, at + 1)]


RESPONSE = PAGE_1.replace(
    "Duration: 50 min\n", "Duration: 50 min\nResponse: client engaged in the exercise.\n"
)


@pytest.mark.parametrize(
    ("pages", "individual"),
    [
        # the piece says it goes on, and nothing goes on: what it lacks is not known
        ((PAGE_1,), Attendance.UNKNOWN),
        ((RESPONSE,), Attendance.UNKNOWN),
        ((PAGE_1, OTHER_DAY), Attendance.UNKNOWN),
        ((PAGE_1, NEW_NOTE), Attendance.UNKNOWN),
        # continued: the continuation says it
        ((PAGE_1, SPLIT), Attendance.ABSENT),
        ((RESPONSE, SPLIT), Attendance.ABSENT),
        # no continuation mark: the note's own words say the member took part
        ((RESPONSE.replace("-- continued on next page --\n", ""),), Attendance.ATTENDED),
    ],
    ids=["alone", "response", "other-day", "new-note", "split", "response-split", "whole"],
)
def test_a_piece_continued_nowhere_leaves_its_missing_slots_unknown(
    pages: tuple[str, ...], individual: Attendance
) -> None:
    found = _sessions(*pages)
    assert [(s.service_kind, s.attendance) for s in found][:2] == [
        (ServiceKind.GROUP_PSYCHOTHERAPY, Attendance.ATTENDED),
        (ServiceKind.INDIVIDUAL_PSYCHOTHERAPY, individual),
    ]
    at = pages[0].index("Start: 1300") + len("Start: ")
    assert [
        (ev.start, ev.end) for x in found[1].slots if x.slot == "start" for ev in x.evidence
    ] == [(at, at + len("1300 hrs"))]
    spans = [
        (ev.start, ev.end) for x in found[1].slots if x.slot == "attendance" for ev in x.evidence
    ]
    if individual is Attendance.UNKNOWN:
        assert spans == []
