"""The member's own row of a group note's participation table, when the text layer has
collapsed the table to single spaces and the member is named only in the running header
beside an identifier ("Brennan, Colin   MRN B82342109"); a missed service's status written
in the service's field; words before a mid-line label are a sentence of their own."""

from __future__ import annotations

import datetime as dt

import pytest

from core.facts import Attendance, Session
from core.grounding import evidence_problem, iter_evidence
from extract.deterministic.sessions import read_document
from extract.layout import build_layout, layout_of
from extract.records.roster import roster_lines
from extract.values.legend import member_names
from tests.chartdocs import chart_doc

T = dt.time

BANNER = "Bluestem Wellness Partners   |   Brennan, Colin   MRN B82342109\n"


def _note(row: str, after: str = "") -> str:
    return (
        BANNER + "GROUP PROGRESS NOTE - Relapse Prevention Group\n"
        "Service: Group Psychotherapy (CPT 90853)     Date of Group: Tue 3/4/2025\n"
        "Group Time: 5:30 PM - 7:00 PM     Location: Group Room B\n"
        "Facilitator(s): Wesley Lindqvist, LICSW\n"
        "Group summary: Client engaged with urges and completed the worksheet.\n"
        "Member Status Time In Time Out Participation Affect\n"
        "G.J. (...0115) P 5:30 PM 7:00 PM Minimal Constricted\n"
        f"{row}\n"
        "N.E. (...9049) T 5:40 PM 7:00 PM Active Euthymic\n"
        f"{after}"
        "Electronically signed: Wesley Lindqvist, LICSW\n"
    )


def _sessions(text: str) -> list[Session]:
    doc = chart_doc(text)
    sessions, _ = read_document(doc)
    for s in sessions:
        for ev in iter_evidence(s):
            assert evidence_problem(ev, {doc.document.document_id: doc.document}) is None
    return sessions


@pytest.mark.parametrize(
    ("text", "names"),
    [
        pytest.param(BANNER, {"brennan, colin", "colin brennan"}, id="last-first-then-mrn"),
        pytest.param(
            "Ada Quist  DOB 01/02/1990  Acct 7731\n",
            {"ada quist", "quist, ada"},
            id="first-last-dob",
        ),
        pytest.param(
            "Census\nDoe, Jane   MRN 1\nRoe, Rick   MRN 2\n", set(), id="a-census-names-no-one"
        ),
        pytest.param("Patient ID 4471 MRN 99\n", set(), id="a-label-is-no-name"),
    ],
)
def test_the_member_is_named_by_an_identifier_after_the_name(text: str, names: set[str]) -> None:
    assert member_names(build_layout(chart_doc(text).document)) == names


def test_the_members_row_with_a_code_the_vocabulary_does_not_know_is_still_the_members() -> None:
    text = _note("Marchetti, Quinn T 5:40 PM 7:00 PM Minimal Tearful").replace(
        "Brennan, Colin", "Marchetti, Quinn"
    )
    layout = build_layout(chart_doc(text).document)
    rows = roster_lines(layout)
    (own,) = [r for r in rows.values() if r.member]
    line = layout.lines[own.line]
    assert layout.text[line.cstart : own.name_end] == "Marchetti, Quinn"  # "T" is no initial
    assert layout.text[own.rest : own.rest + 1] == "T"


@pytest.mark.parametrize(
    ("row", "after", "attendance", "quote", "member"),
    [
        pytest.param(
            "Brennan, Colin A -- -- Not applicable --",
            "Brennan, Colin: Absent - transportation fell through.\n",
            Attendance.ABSENT,
            "A",
            (None, None),
            id="absent-by-the-members-row",
        ),
        pytest.param(
            "Brennan, Colin T 5:55 PM 7:00 PM Minimal Tearful",
            "",
            Attendance.ATTENDED,
            None,
            (T(17, 55), T(19, 0)),
            id="an-unknown-code-with-the-members-times",
        ),
    ],
)
def test_the_members_row_of_a_collapsed_participation_table(
    row: str,
    after: str,
    attendance: Attendance,
    quote: str | None,
    member: tuple[dt.time | None, dt.time | None],
) -> None:
    text = _note(row, after)
    (s,) = _sessions(text)
    assert s.attendance is attendance
    assert (s.member_start, s.member_end) == member
    slot = next((x for x in s.slots if x.slot == "attendance"), None)
    if quote is None:
        assert slot is None  # attended: the member's own times, no status read
    else:
        assert slot is not None
        ev = slot.evidence[0]
        assert ev.quote == quote and text[ev.start : ev.end] == quote
        assert ev.start == text.index(row) + len("Brennan, Colin ")


def test_a_missed_services_status_in_its_field() -> None:
    text = (
        "ABSENCE NOTE                            Date: 7.1.25\n"
        "Pt: Rosenthal, Avery   DOB 10.20.64   Acct 72356\n"
        "Svc: Indiv therapy (90837) 445PM-545PM - absent\n"
        "Pt left the program early that day. Outreach call placed 6PM, no answer.\n"
    )
    (s,) = _sessions(text)
    assert s.attendance is Attendance.ABSENT
    slot = next(x for x in s.slots if x.slot == "attendance")
    at = text.index("- absent") + 2
    assert (slot.evidence[0].start, slot.evidence[0].end) == (at, at + len("absent"))
    assert slot.source.endswith("status.service-field")


def test_words_before_a_mid_line_label_are_a_sentence() -> None:
    text = "O: Attentive; completed the worksheet.\nPt left 345PM for appt. Topic: urges.\n"
    layout = layout_of(chart_doc(text).document)
    said = [layout.text[a:b] for a, b in layout.sentences()]
    assert "Pt left 345PM for appt." in said
