"""Forms flattened to text: a block of labels, then their values in the same order; rows of
check boxes; a date that is the value of a label ending the line above."""

from __future__ import annotations

import pytest

from core.data import DocumentKind
from extract.deterministic.extractor import DeterministicExtractor
from extract.layout import layout_of
from extract.values.boxes import ticked_options
from tests.chartdocs import chart_doc

FORM = """Behavioral Health Service Note
Client:
Date of service:
Service:
Iverson, Casey
06/02/2025
Interpersonal Process Group
Time in:
Time out:
5:30pm
7:00pm
Attendance:
Modality:
[ ] Present  [*] No-show  [ ] Cancelled
[ ] In person  [*] Video  [ ] Phone
Narrative:
Client did not attend.
"""


def _fields(text: str) -> list[tuple[str, str, int]]:
    layout = layout_of(chart_doc(text).document)
    return [(f.label, layout.text[f.start : f.end], f.line) for f in layout.fields]


def test_labels_listed_before_their_values_are_paired_in_order() -> None:
    assert _fields(FORM) == [
        ("Client", "Iverson, Casey", 4),
        ("Date of service", "06/02/2025", 5),
        ("Service", "Interpersonal Process Group", 6),
        ("Time in", "5:30pm", 9),
        ("Time out", "7:00pm", 10),
        ("Attendance", "[ ] Present  [*] No-show  [ ] Cancelled", 13),
        ("Modality", "[ ] In person  [*] Video  [ ] Phone", 14),
        ("Narrative", "", 15),  # one label alone: its value is the text below, as always
    ]


@pytest.mark.parametrize(
    "text",
    [
        # a date-led log under two labels: no value has its label's shape
        "IOP Attendance Record\nAttendance:\nDates:\n06/02/2025 Present\n06/04/2025 Present\n\n",
        # a value missing: "Next group" would take the service's name, "Service" a date
        "Service:\nDate of service:\nNext group:\n06/04/2025\n06/11/2025 5:30pm\nProcess Group\n\n",
        # a time label over a status
        "Time in:\nTime out:\nAttendance:\n5:30pm\nAbsent\nClient called to cancel.\n\n",
        # a signature block is not a form's fields
        "Clinician signature:\nDate:\nJane Roe, LCSW\nReviewed 06/20/2025\n\n",
    ],
)
def test_a_block_pairs_only_when_every_value_has_its_labels_shape(text: str) -> None:
    assert all(value == "" for _, value, _ in _fields(text))


@pytest.mark.parametrize(
    "text",
    [
        # more values than labels: not a block of this form (the values run on)
        "Client:\nService:\nIverson, Casey\nProcess Group\nextra line\n",
        # fewer values than labels
        "Client:\nService:\nDate:\nIverson, Casey\n\n",
    ],
)
def test_a_block_pairs_only_when_the_counts_agree(text: str) -> None:
    assert all(value == "" for _, value, _ in _fields(text))


def test_a_flattened_note_is_read_with_its_ticked_status_and_modality() -> None:
    doc = chart_doc(FORM, kind=DocumentKind.PROGRESS_NOTE).document
    sessions = DeterministicExtractor().extract([doc]).facts.sessions
    assert [(str(s.date), str(s.attendance), str(s.modality)) for s in sessions] == [
        ("2025-06-02", "no_show", "video")
    ]


@pytest.mark.parametrize(
    ("text", "ticked"),
    [
        ("[x] Present  [ ] Absent", ["Present"]),
        ("[ ] Present  [*] No-show  [ ] Cancelled", ["No-show"]),
        ("Yes [x] No [ ]", ["Yes"]),
        ("Yes [ ] No [x]", ["No"]),
        ("\u2612 In person \u2610 Video", ["In person"]),
        ("In person \u2610 Video \u2612", ["Video"]),
        ("[ ] Present  [ ] Absent", []),
        ("[x] Present  [x] Absent", ["Present", "Absent"]),
        ("Present", None),
        # words before the first box: the boxes still come before their options
        ("(check one) [ ] Yes [x] No", ["No"]),
        ("Client was [ ] Present [x] Absent", ["Absent"]),
        # an option without a box: the tick goes with the phrase just before it
        ("No / Yes [x]", ["Yes"]),
    ],
)
def test_ticked_options(text: str, ticked: list[str] | None) -> None:
    spans = ticked_options(text)
    assert (None if spans is None else [text[s:e] for s, e in spans]) == ticked


def test_a_date_after_a_label_that_ends_the_line_above_is_that_labels() -> None:
    """ "Next group:" wrapped before its date: the date is the next group's, not the date of
    the note's service."""
    note = (
        "Service Note\nDate of service: 06/04/2025\nService: Process Group\n"
        "Time in: 5:30pm\nTime out: 7:00pm\nAttendance: Present\n"
        "Narrative: Client participated actively. Next group:\n06/05/2025 5:30pm.\n"
    )
    doc = chart_doc(note, kind=DocumentKind.PROGRESS_NOTE).document
    sessions = DeterministicExtractor().extract([doc]).facts.sessions
    assert [str(s.date) for s in sessions] == ["2025-06-04"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a dated entry under a heading ending in ":" is still an entry
        (
            "Attendance log:\nScheduled:\n06/02/2025 Group 9:00-10:30 Present\n"
            "06/04/2025 Group 9:00-10:30 Present\n",
            ["2025-06-02", "2025-06-04"],
        ),
    ],
)
def test_a_dated_entry_after_a_label_is_not_the_labels_value(
    text: str, expected: list[str]
) -> None:
    doc = chart_doc(text, kind=DocumentKind.ATTENDANCE).document
    sessions = DeterministicExtractor().extract([doc]).facts.sessions
    assert sorted(str(s.date) for s in sessions) == expected


@pytest.mark.parametrize(
    ("value", "modality"),
    [
        ("Modality: Seen via [ ] In person [x] Telehealth video", "video"),
        ("Modality: In person [ ] Video [x]", "video"),
    ],
)
def test_modality_is_what_is_ticked(value: str, modality: str) -> None:
    note = f"Group Note\nDate of service: 06/02/2025\nTime: 9:00-10:30 AM\n{value}\n"
    doc = chart_doc(note, kind=DocumentKind.PROGRESS_NOTE).document
    sessions = DeterministicExtractor().extract([doc]).facts.sessions
    assert [str(s.modality) for s in sessions] == [modality]
