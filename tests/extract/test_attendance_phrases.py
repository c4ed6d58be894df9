"""Sentences that say the member took part ("took part in", "joined the session", "was
present for") are attendance phrases of the vocabulary (extract/vocab/services.yaml
``attendance.narrative``): the session's attendance rests on those words, and a miss told
later in the same sentence about another service ("no-show for the 11:00 group") is not
this session's."""

from __future__ import annotations

import datetime as dt

import pytest

from core.data import DocumentKind
from core.facts import Attendance
from extract.deterministic.sessions import read_document
from tests.chartdocs import chart_doc

NOTE = (
    "GROUP NOTE\n"
    "Date of Service: 10/14/2025   Time: 9:00 AM - 10:30 AM\n"
    "Group: Process Group\n"
    "{sentence}\n"
)


@pytest.mark.parametrize(
    ("sentence", "phrase", "attendance"),
    [
        ("Client took part in the process group and shared a relapse plan.", "took part in",
         Attendance.ATTENDED),
        ("Pt took part in group; no-show for the 11:00 education group.", "took part in",
         Attendance.ATTENDED),
        ("Member joined the session by video from home.", "joined the session",
         Attendance.ATTENDED),
        ("Client was present for the whole group.", "was present", Attendance.ATTENDED),
        ("Client participated in the discussion of triggers.", "participated in",
         Attendance.ATTENDED),
    ],
)  # fmt: skip
def test_a_sentence_that_says_the_member_took_part(
    sentence: str, phrase: str, attendance: Attendance
) -> None:
    text = NOTE.format(sentence=sentence)
    found, _ = read_document(chart_doc(text, kind=DocumentKind.PROGRESS_NOTE))
    assert [(s.date, s.attendance) for s in found] == [(dt.date(2025, 10, 14), attendance)]
    at = text.index(phrase)
    assert [
        (e.start, e.end) for x in found[0].slots if x.slot == "attendance" for e in x.evidence
    ] == [(at, at + len(phrase))]


@pytest.mark.parametrize(
    "sentence",
    [
        # not taking part is not said to be a miss: the member may have been there
        "Client did not take part in the group.",
        "Client was present but did not participate.",
    ],
)
def test_not_taking_part_is_no_attended_phrase(sentence: str) -> None:
    text = NOTE.format(sentence=sentence)
    found, _ = read_document(chart_doc(text, kind=DocumentKind.PROGRESS_NOTE))
    assert [s.attendance for s in found] != [Attendance.ABSENT]
    spans = [
        text[e.start : e.end] for x in found[0].slots if x.slot == "attendance" for e in x.evidence
    ]
    assert "take part" not in " ".join(spans)
