"""Weekly team summaries in prose (issue 11): several services told in one sentence, clause
by clause (", and attended ... from ... , facilitated by ..., with N members present"),
ranges wrapped over a line break ("from 0900" / "to 1030 hrs"), a member's own times with
the session's in parentheses, missed services coordinated under one status, and a span
of years in the team's history read as no time. Every slot carries its own words; an
aside that disagrees with the range before it leaves the member's length uncertain."""

from __future__ import annotations

import datetime as dt

import pytest

from core.data import DocumentKind
from core.facts import Attendance, ServiceKind, Session
from core.grounding import evidence_problem, iter_evidence
from extract.deterministic.sessions import read_document
from extract.layout import layout_of
from tests.chartdocs import chart_doc

T = dt.time
D = dt.date(2025, 3, 3)
D2 = dt.date(2025, 3, 4)

TEAM = (
    "WEEKLY TEAM REVIEW\n"
    "Client: Dana Roe    Review period: week 2, March 3, 2025 through March 9, 2025\n"
    "Attendance and services\n"
    "Mon 3/3: The client attended Anger Management Group (group psychotherapy) from 0900\n"
    "to 1030 hrs, facilitated by Jane Poe, LCSW, with seven members present, and attended Healthy\n"
    "Habits Group (group psychoeducation) from 1045 to 1145 hrs (left 15 minutes early; the group\n"
    "ran 1045 to 1200 hrs), facilitated by Sam Lee, LPC, with five members present.\n"
    "Tue 3/4: The client was absent (car trouble) and missed Anger Management Group (group\n"
    "psychotherapy) from 0900 to 1030 hrs and Healthy Habits Group (group psychoeducation) from\n"
    "1045 to 1200 hrs.\n"
    "Clinical progress\n"
    "History: two prior admissions; outpatient therapy 2021 to 2023.\n"
    "Next team review: Monday, March 10th.\n"
)


def _read(text: str) -> list[Session]:
    doc = chart_doc(text, kind=DocumentKind.OTHER)
    sessions, unread = read_document(doc)
    docs = {doc.document.document_id: doc.document}
    for s in sessions:
        for ev in iter_evidence(s):
            assert evidence_problem(ev, docs) is None
    assert unread == []
    return sessions


def _slot(s: Session, name: str) -> list[tuple[int, int]]:
    return [(ev.start, ev.end) for x in s.slots if x.slot == name for ev in x.evidence]


def _at(quote: str, after: str = "") -> tuple[int, int]:
    at = TEAM.index(quote, TEAM.index(after) if after else 0)
    return at, at + len(quote)


# (date, kind, attendance, start, end, member_end, minutes, {slot: [(quote, after)]})
ROWS = [
    (
        D,
        ServiceKind.GROUP_PSYCHOTHERAPY,
        Attendance.ATTENDED,
        T(9),
        T(10, 30),
        None,
        90.0,
        {
            "date": [("3/3", "Mon ")],
            "kind": [("Anger Management Group", "")],
            "start": [("0900\nto 1030 hrs", "")],
            "attendance": [("attended", "Mon 3/3")],
            "group_size": [("seven members present", "")],
            "facilitators": [("Jane Poe, LCSW", "")],
        },
    ),
    (
        D,
        ServiceKind.GROUP_EDUCATION,
        Attendance.ATTENDED,
        T(10, 45),
        T(12),
        T(11, 45),
        60.0,
        {
            "date": [("3/3", "Mon ")],
            "kind": [("psychoeducation", "Habits Group")],
            "start": [("1045 to 1200 hrs", "")],
            "member_end": [("1045 to 1145 hrs", ""), ("15 minutes", "")],
            "attendance": [("attended", "members present, and")],
            "group_size": [("five members present", "")],
            "facilitators": [("Sam Lee, LPC", "")],
        },
    ),
    (
        D2,
        ServiceKind.GROUP_PSYCHOTHERAPY,
        Attendance.ABSENT,
        T(9),
        T(10, 30),
        None,
        90.0,
        {
            "date": [("3/4", "Tue ")],
            "kind": [("Anger Management Group", "Tue 3/4")],
            "start": [("0900 to 1030 hrs", "Tue 3/4")],
            "attendance": [("was absent", "")],
            "group_size": [],
        },
    ),
    (
        D2,
        ServiceKind.GROUP_EDUCATION,
        Attendance.ABSENT,
        T(10, 45),
        T(12),
        None,
        75.0,
        {
            "date": [("3/4", "Tue ")],
            "kind": [("psychoeducation", "Tue 3/4")],
            "start": [("1045 to 1200 hrs", "Tue 3/4")],
            "attendance": [("was absent", "")],
            "group_size": [],
        },
    ),
]


@pytest.mark.parametrize("index", range(len(ROWS)))
def test_each_service_of_a_sentence_is_read_with_its_own_words(index: int) -> None:
    sessions = _read(TEAM)
    assert len(sessions) == len(ROWS)  # no session from "2021 to 2023"
    date, kind, attendance, start, end, member_end, minutes, slots = ROWS[index]
    s = sessions[index]
    assert (s.date, s.service_kind, s.attendance, s.start, s.end) == (
        date,
        kind,
        attendance,
        start,
        end,
    )
    assert (s.member_end, s.minutes, s.uncertain) == (member_end, minutes, ())
    for name, quotes in slots.items():
        assert _slot(s, name)[: len(quotes) or None] == [_at(q, a) for q, a in quotes], name
        if not quotes:
            assert _slot(s, name) == []


def test_an_aside_that_disagrees_leaves_the_members_length_uncertain() -> None:
    text = TEAM.replace("(left 15 minutes early", "(left 10 minutes early")
    second = _read(text)[1]
    u = second.uncertain_slot("minutes")
    assert u is not None
    assert u.values == ("60", "50")
    at = text.index("1045 to 1145 hrs")
    assert [(e.start, e.end) for e in u.evidence] == [
        (at, at + len("1045 to 1145 hrs")),
        (text.index("1045 to 1200 hrs"), text.index("1045 to 1200 hrs") + 16),
        (text.index("10 minutes"), text.index("10 minutes") + 10),
    ]


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        # a semicolon inside parentheses ends no sentence
        (
            "Attended group (arrived late; the group ran 9 to 10). Left at noon.",
            ["Attended group (arrived late; the group ran 9 to 10).", "Left at noon."],
        ),
        ("Mood fair; sleep poor.", ["Mood fair;", "sleep poor."]),
        # a wrapped line that stops mid-clause goes on, even with a number
        (
            "Mon 3/3: The client missed the Anger Management Group that ran from\n"
            "1300 to 1430 hrs.\n",
            ["The client missed the Anger Management Group that ran from\n1300 to 1430 hrs."],
        ),
        # a short caption over its value is no wrapped line; a list's number begins an item
        ("Referred to\nOutpatient therapy\n", ["Referred to", "Outpatient therapy"]),
        (
            "Goals reviewed with the client and\n12. Sleep hygiene\n",
            ["Goals reviewed with the client and", "12.", "Sleep hygiene"],
        ),
    ],
)
def test_sentences_follow_parentheses_and_wrapped_lines(text: str, sentences: list[str]) -> None:
    layout = layout_of(chart_doc(text).document)
    assert [layout.text[s:e] for s, e in layout.sentences()] == sentences
