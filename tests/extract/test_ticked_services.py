"""A line of check boxes of services names the service that is ticked, whatever the box
("☒"/"☐", "[X]"/"[ ]", "(x)"/"( )") and on whichever side of the option it stands; not
the first option listed. Two different services ticked, or none: the line names none."""

from __future__ import annotations

import datetime as dt

import pytest

from core.data import DocumentKind
from core.facts import ServiceKind
from extract.deterministic.sessions import read_document
from tests.chartdocs import chart_doc

NOTE = (
    "IOP PROGRESS NOTE\n"
    "Client: DOE, JANE\n"
    "Date of Service: 10/14/2025     Time: 9:00 AM - 10:00 AM\n"
    "{boxes}\n"
    "Response: client engaged and identified one coping step.\n"
)


@pytest.mark.parametrize(
    ("boxes", "ticked", "kind"),
    [
        ("☐ Group Therapy   ☒ Individual Therapy   ☐ Family Therapy", "Individual Therapy",
         ServiceKind.INDIVIDUAL_PSYCHOTHERAPY),
        ("[ ] Group Therapy   [X] Individual Therapy   [ ] Family Therapy", "Individual Therapy",
         ServiceKind.INDIVIDUAL_PSYCHOTHERAPY),
        ("[ ] Group Therapy   [x] Family Therapy", "Family Therapy",
         ServiceKind.FAMILY_COUNSELING),
        ("( ) Group Therapy   (x) Individual Therapy", "Individual Therapy",
         ServiceKind.INDIVIDUAL_PSYCHOTHERAPY),
        ("Service: [ ] Group Therapy  [X] Case Management", "Case Management",
         ServiceKind.CASE_MANAGEMENT),
        # the box after its option
        ("Group Therapy [ ]   Individual Therapy [X]   Family Therapy [ ]", "Individual Therapy",
         ServiceKind.INDIVIDUAL_PSYCHOTHERAPY),
        # the first option ticked
        ("[X] Group Therapy   [ ] Individual Therapy", "Group Therapy",
         ServiceKind.GROUP_PSYCHOTHERAPY),
    ],
)  # fmt: skip
def test_a_line_of_service_boxes_names_the_ticked_service(
    boxes: str, ticked: str, kind: ServiceKind
) -> None:
    text = NOTE.format(boxes=boxes)
    found, _ = read_document(chart_doc(text, kind=DocumentKind.PROGRESS_NOTE))
    assert [(s.date, s.service_kind) for s in found] == [(dt.date(2025, 10, 14), kind)]
    (slot,) = [x for x in found[0].slots if x.slot == "kind"]
    at = text.index(ticked)
    assert [(e.start, e.end) for e in slot.evidence] == [(at, at + len(ticked))]


@pytest.mark.parametrize(
    "boxes",
    [
        "[ ] Group Therapy   [ ] Individual Therapy   [ ] Family Therapy",
        "[X] Group Therapy   [X] Individual Therapy",
    ],
    ids=["none-ticked", "two-ticked"],
)
def test_a_line_of_service_boxes_ticked_none_or_twice_names_none(boxes: str) -> None:
    text = NOTE.format(boxes=boxes)
    found, _ = read_document(chart_doc(text, kind=DocumentKind.PROGRESS_NOTE))
    assert [(s.date, s.service_kind) for s in found] == [
        (dt.date(2025, 10, 14), ServiceKind.UNKNOWN)
    ]
