"""Dictated notes (issue 11): clocks in words joined by a hyphen ("ten-ten", "eleven-twenty
in the morning") and an hour with its minutes after "from" ("from eight fifty-five to nine
forty-eight in the evening"); a paragraph per service, named or not, timed or not ("from
seven-ten to [inaudible]": of unknown length), each its own session. Exact offsets."""

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
    ("text", "found"),
    [
        ("from ten-ten to eleven-ten in the morning", [(5, 41, T(10, 10), T(11, 10))]),
        ("from nine to ten-thirty", [(5, 23, T(9), T(10, 30))]),
        (
            "from eleven-twenty in the morning to twelve-twenty in the afternoon",
            [(5, 67, T(11, 20), T(12, 20))],
        ),
        (
            "from eight fifty-five to nine forty-eight in the evening",
            [(5, 56, T(20, 55), T(21, 48))],
        ),
        ("from ten-ten to\neleven-ten in the morning", [(5, 41, T(10, 10), T(11, 10))]),
        # counts, not clocks
        ("ten-twelve members attended", []),
        ("from two to three times a week", []),
    ],
)
def test_ranges_of_clocks_in_words(
    text: str, found: list[tuple[int, int, dt.time, dt.time]]
) -> None:
    got = times.find_time_ranges(text, 0, len(text))
    assert [(r.start, r.end, r.begins, r.ends) for r in got] == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("arrived at twelve-fifty", [(11, 23)]),
        ("until eleven-fifteen", [(6, 20)]),
        ("ten-twelve members", []),
        ("a ten-fifteen minute break", []),
    ],
)
def test_a_hyphenated_clock_alone_needs_a_word_that_makes_it_one(
    text: str, found: list[tuple[int, int]]
) -> None:
    assert [(c.start, c.end) for c in times.find_clock_times(text, 0, len(text))] == found


NOTE = (
    "DOS: 01/14/2025\n"
    "This is the author dictating the intensive outpatient daily note, date of\n"
    "service January 14, 2025.\n\n"
    "The patient attended the first group of the day, from five-thirty to seven in\n"
    "the evening, in person, led by Quinn Marchetti, LPC. There were six members\n"
    "present. The patient participated and shared once.\n\n"
    "The patient attended Medication Education Group, psychoeducation group, from\n"
    "seven-ten to [inaudible], in person, led by Quinn Okafor, LPC. There were\n"
    "three members present. Topic: side effects. Client summarized two points.\n\n"
    "The patient had individual psychotherapy with me from eight fifty-five to nine\n"
    "forty-eight in the evening, by video. Reviewed progress on plan goals.\n"
)


def test_each_dictated_paragraph_is_its_own_service() -> None:
    found, _ = read_document(chart_doc(NOTE, kind=DocumentKind.PROGRESS_NOTE))
    assert [(s.service_kind, s.attendance, s.start, s.end) for s in found] == [
        (ServiceKind.UNKNOWN, Attendance.ATTENDED, T(17, 30), T(19)),
        (ServiceKind.GROUP_EDUCATION, Attendance.ATTENDED, None, None),
        (ServiceKind.INDIVIDUAL_PSYCHOTHERAPY, Attendance.ATTENDED, T(20, 55), T(21, 48)),
    ]
    first = NOTE.index("five-thirty")
    last = NOTE.index("eight fifty-five")
    assert [
        [(e.start, e.end) for x in s.slots if x.slot == "start" for e in x.evidence] for s in found
    ] == [
        # the range's words up to its end ("five-thirty to seven"): its part of the day,
        # wrapped onto the next line, is read by the day's plausible hours
        [(first, NOTE.index(" in\nthe evening"))],
        [],
        [(last, NOTE.index("evening, by") + len("evening"))],
    ]


REPLY = (
    "Sent: Wednesday, March 5, 2025 8:03 PM\n"
    "Subject: RE: notes - week of 2/25\n\n"
    "> Tue 2/25: Nia attended Process Group (group therapy) from half past five until seven\n"
    "> in the evening; attended Medication Education Group (psychoeducation group) from\n"
    "> ten past seven until twenty to nine in the evening; attended family session\n"
    "> from eight fifty-five until nine forty-eight in the evening. Didactic on side effects.\n"
)


def test_a_reply_quote_mark_is_no_list_item() -> None:
    """Every line of a quoted reply begins with ">": a line led by a time after it is the
    sentence's continuation, not a service's own item (was: "Didactic" after the family
    session's time made a fourth session)."""
    found, _ = read_document(chart_doc(REPLY, kind=DocumentKind.PROGRESS_NOTE))
    assert [(s.service_kind, s.start, s.end) for s in found] == [
        (ServiceKind.GROUP_PSYCHOTHERAPY, T(17, 30), T(19)),
        (ServiceKind.GROUP_EDUCATION, T(19, 10), T(20, 40)),
        (ServiceKind.FAMILY_COUNSELING, T(20, 55), T(21, 48)),
    ]
