"""Forms whose text layer lost its layout: a box's caption on one line and its value on
the next, check boxes flattened to a lone tick before the chosen option, a row of check
boxes, a sign-off table, a form's actual Time In beside the scheduled time."""

from __future__ import annotations

import datetime as dt

import pytest

from core.facts import Attendance, Modality, ServiceKind
from core.grounding import evidence_problem, iter_evidence
from extract.deterministic.sessions import extract_sessions
from extract.layout import build_layout
from extract.values.boxes import marked_choice
from tests.chartdocs import chart_doc

CAPTIONS = """SERVICE RECORD EXPORT
Client
Lucia Galloway
Record Type
Service Attendance
Date of Service
09/17/2025
Service Provided
Recovery Education Group
Scheduled
9:00 am - 10:00 am
Actual Time In
9:20 am
Attendance
Attended
Delivery
In person
Staff
Avery Oyelaran, LMHC
"""


def test_captions_over_values_are_fields() -> None:
    lay = build_layout(chart_doc(CAPTIONS).document)
    got = [(f.label, lay.text[f.start : f.end]) for f in lay.fields]
    assert got == [
        ("Client", "Lucia Galloway"),
        ("Record Type", "Service Attendance"),
        ("Date of Service", "09/17/2025"),
        ("Service Provided", "Recovery Education Group"),
        ("Scheduled", "9:00 am - 10:00 am"),
        ("Actual Time In", "9:20 am"),
        # "Attended" reads like a caption, but stands between two captions: a value
        ("Attendance", "Attended"),
        ("Delivery", "In person"),
        ("Staff", "Avery Oyelaran, LMHC"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        # prose and headings alternate with nothing that is a known caption
        "Weekly Summary\nThe member attended all groups.\nNext Steps\nContinue the plan.\n",
        # a known caption whose next line has not its shape (a date label over words)
        "Date of Service\nto be scheduled\nProgram\nNorth Valley\n",
    ],
)
def test_lines_that_are_no_captions_over_values(text: str) -> None:
    assert list(build_layout(chart_doc(text).document).fields) == []


def test_the_actual_time_in_beside_the_scheduled_time_is_the_members_arrival() -> None:
    doc = chart_doc(CAPTIONS)
    (s,) = extract_sessions(doc)
    assert (s.date, s.service_kind, s.attendance, s.modality) == (
        dt.date(2025, 9, 17),
        ServiceKind.GROUP_EDUCATION,
        Attendance.ATTENDED,
        Modality.IN_PERSON,
    )
    assert (s.start, s.end, s.member_start, s.minutes) == (
        dt.time(9),
        dt.time(10),
        dt.time(9, 20),
        40,
    )
    (arrival,) = [x for x in s.slots if x.slot == "member_start"]
    assert [(e.start, e.quote) for e in arrival.evidence] == [
        (CAPTIONS.index("9:20 am"), "9:20 am")
    ]
    docs = {doc.document.document_id: doc.document}
    for ev in iter_evidence(s):
        assert evidence_problem(ev, docs) is None


FLATTENED = """DAILY GROUP NOTE
Date of Service
10/14/2025
Group 1 scheduled
9:00 AM - 10:30 AM
Service: {kinds}
{statuses}
{modes}
"""


@pytest.mark.parametrize(
    ("kinds", "statuses", "modes", "expected"),
    [
        pytest.param(
            "Group Psychotherapy X Psychoeducation",
            "X Present Absent No-show Cancelled",
            "X In person Telehealth (video) Telephone",
            (ServiceKind.GROUP_EDUCATION, Attendance.ATTENDED, Modality.IN_PERSON),
            id="a-lone-X-before-the-chosen-option",
        ),
        pytest.param(
            "X Group Psychotherapy Psychoeducation",
            "Present Absent No-show Cancelled",
            "In person Telehealth (video) Telephone",
            (ServiceKind.GROUP_PSYCHOTHERAPY, Attendance.UNKNOWN, Modality.UNKNOWN),
            id="options-without-a-mark-state-nothing",
        ),
        pytest.param(
            "☒ Group Psychotherapy   ☐ Psychoeducation",
            "☐ Present   ☐ Absent   ☒ No-show   ☐ Cancelled",
            "☐ In person   ☒ Telehealth (video)   ☐ Telephone",
            (ServiceKind.GROUP_PSYCHOTHERAPY, Attendance.NO_SHOW, Modality.VIDEO),
            id="a-row-of-check-boxes",
        ),
    ],
)
def test_a_forms_choices_say_only_what_is_marked(
    kinds: str, statuses: str, modes: str, expected: tuple[object, ...]
) -> None:
    text = FLATTENED.format(kinds=kinds, statuses=statuses, modes=modes)
    (s,) = extract_sessions(chart_doc(text))
    assert (s.service_kind, s.attendance, s.modality) == expected


def test_a_name_of_two_vocabulary_phrases_is_no_list_of_choices() -> None:
    text = "Nursing psychoeducation group"
    options = [(0, 7, "nursing"), (8, 29, "education")]
    assert marked_choice(text, options, ticked_only=True) == (False, None)
    # statuses side by side with nothing between are a list, whose unmarked options say nothing
    assert marked_choice("Present Absent", [(0, 7, "p"), (8, 14, "a")]) == (True, None)


def test_a_sign_off_table_is_no_service() -> None:
    text = """INDIVIDUAL SESSION NOTE
Date of Service: 09/10/2025
Time: 12:30 PM - 1:30 PM
Session note: reviewed coping skills.

Staff signature                       Date
Victor Achebe, LMHC                   09/11/2025
"""
    found = extract_sessions(chart_doc(text))
    assert [s.date for s in found] == [dt.date(2025, 9, 10)]
