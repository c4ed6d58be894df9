"""Labels misread by OCR (extract/layout/fields.py): a digit inside a word read where its
letter was (0 for o, 5 for s, 1 for l or i) spells the known label when exactly one
reading is known; else the letters OCR confuses folded as the vocabulary folds a column
header ("Sfart", "5tarf", "Datc"); the field's offsets stay on the words as written.
Never guessed: a label that reads as no known label, or as two, stays as it is."""

from __future__ import annotations

import datetime as dt

import pytest

from core.data import DocumentKind
from extract.deterministic.sessions import read_document
from extract.layout import known_labels, layout_of
from extract.layout.fields import ocr_label_key
from tests.chartdocs import chart_doc


@pytest.mark.parametrize(
    ("label", "key"),
    [
        ("5top", "stop"),
        ("St0p", "stop"),
        ("Gr0up", "group"),
        ("C1inician", "clinician"),
        ("DO5", "dos"),
        ("D0S", "dos"),
        ("Facilitat0r(s)", "facilitator(s)"),
        ("Time 1n", "time in"),
        # letters OCR confuses (f for t, c for e, rn for m), with or without a digit
        ("5tarf", "start"),
        ("Sfop", "stop"),
        ("Datc", "date"),
        ("Tirne", "time"),
        # known as written, a number of its own, or no known reading: none
        ("Stop", None),
        ("Group 1", None),
        ("Dale", None),
        ("Site", None),
        ("Fax", None),
        ("10", None),
    ],
)
def test_a_label_misread_by_ocr_spells_its_known_label(label: str, key: str | None) -> None:
    assert ocr_label_key(label, known_labels()) == key


LINE = "DO5: 09/22/2025    Start: 12:45 PM    5top: 1:35 PM    C1inician: M. Ferreira, LPC\n"


def test_fields_with_misread_labels_keep_the_offsets_as_written() -> None:
    layout = layout_of(chart_doc(LINE).document)
    fields = [(f.key, f.label_start, f.start, f.end) for f in layout.fields_by_line[0]]
    assert fields == [
        ("dos", 0, 5, 15),
        ("start", 19, 26, 34),
        ("stop", 38, 44, 51),
        ("clinician", 55, 66, 82),
    ]
    assert LINE[44:51] == "1:35 PM" and LINE[55:64] == "C1inician"


def test_a_session_ends_at_its_misread_stop_label() -> None:
    text = "INDIVIDUAL PSYCHOTHERAPY PROGRESS NOTE\n" + LINE + "Focus: goals.\n"
    doc = chart_doc(text, kind=DocumentKind.PROGRESS_NOTE)
    sessions, unread = read_document(doc)
    assert [(s.date, s.start, s.end) for s in sessions] == [
        (dt.date(2025, 9, 22), dt.time(12, 45), dt.time(13, 35))
    ]
    end = text.index("1:35 PM")
    assert [
        (ev.start, ev.end) for x in sessions[0].slots if x.slot == "end" for ev in x.evidence
    ] == [(end, end + len("1:35 PM"))]
    assert unread == []


@pytest.mark.parametrize(
    ("line", "start", "end"),
    [
        (
            "DOS: 02/10/2025    5tarf: 1:15 PM    Stop: 2:08 PM    Code: 90837\n",
            "1:15 PM",
            "2:08 PM",
        ),
        (
            "DOS: 02/10/2025    Start: 1:15 PM    Sfop: 2:08 PM    Code: 90837\n",
            "1:15 PM",
            "2:08 PM",
        ),
        (
            "DOS: 02/10/2025    Sfart: 1:15 PM    5top: 2:08 PM    Code: 90837\n",
            "1:15 PM",
            "2:08 PM",
        ),
    ],
)
def test_a_session_starts_and_ends_at_its_misread_labels(line: str, start: str, end: str) -> None:
    text = "INDIVIDUAL PSYCHOTHERAPY PROGRESS NOTE\n" + line + "Focus: goals.\n"
    sessions, _ = read_document(chart_doc(text, kind=DocumentKind.PROGRESS_NOTE))
    assert [(s.date, s.start, s.end) for s in sessions] == [
        (dt.date(2025, 2, 10), dt.time(13, 15), dt.time(14, 8))
    ]
    spans = {
        x.slot: [(ev.start, ev.end) for ev in x.evidence]
        for x in sessions[0].slots
        if x.slot in ("start", "end")
    }
    a, b = text.index(start), text.index(end)
    assert spans == {"start": [(a, a + len(start))], "end": [(b, b + len(end))]}
