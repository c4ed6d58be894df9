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
