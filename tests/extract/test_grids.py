"""Grids and boxed reports (issue 11): a month's grid whose two header lines (weekday
letters over day numbers one blank apart) stand above a rule; a list under it dated by
month and day only; a boxed report whose rows wrap inside their rules and whose days are
lines across the table."""

from __future__ import annotations

import datetime as dt

from core.data import DocumentKind
from core.facts import Attendance, ServiceKind, Session
from core.grounding import evidence_problem, iter_evidence
from extract.deterministic.sessions import read_document
from extract.layout import layout_of
from tests.chartdocs import chart_doc

D = dt.date

MONTH = (
    "MONTHLY IOP ATTENDANCE GRID                                 APRIL 2025\n"
    "Client: DOE, JANE   MRN Q16533588\n"
    "Admitted 04/07/2025\n"
    "\n"
    "                                T  W  T  F  S  S  M  T  W  T  F\n"
    "SERVICE / TIME                  1  2  3  4  5  6  7  8  9 10 11\n"
    "--------------------------------------------------------------\n"
    "Grp Psychotherapy 1730-1900     .  .  .  .  .  .  P  P  A  .  P\n"
    "Grp Psychoeducation 1910-2040   .  .  .  .  .  .  P  P  .  .  P\n"
    "Indiv Therapy (see list)        .  .  .  .  .  .  .  .  .  .  .\n"
    "--------------------------------------------------------------\n"
    "Legend: P present  A absent (excused)  . no service\n"
    "\n"
    "Individual, family and other services:\n"
    "  04/08 Individual Therapy       2055-2140  P  Grace Pham, PsyD\n"
)


def _sessions(text: str, kind: DocumentKind = DocumentKind.ATTENDANCE) -> list[Session]:
    doc = chart_doc(text, kind=kind)
    found, _ = read_document(doc)
    docs = {doc.document.document_id: doc.document}
    for s in found:
        for ev in iter_evidence(s):
            assert evidence_problem(ev, docs) is None
    return found


def _spans(s: Session, name: str) -> list[tuple[int, int]]:
    return [(ev.start, ev.end) for x in s.slots if x.slot == name for ev in x.evidence]


def test_a_months_grid_under_a_two_line_header_and_a_rule() -> None:
    layout = layout_of(chart_doc(MONTH).document)
    (grid,) = [t for t in layout.tables if t.header is not None]
    assert grid.header_line == 5
    assert [grid.header_text(MONTH, j) for j in range(grid.width)][:3] == [
        "SERVICE / TIME",
        "T 1",
        "W 2",
    ]
    found = sorted(_sessions(MONTH), key=lambda s: (s.date, s.start or dt.time()))
    assert [(s.date, s.service_kind, s.attendance) for s in found] == [
        (D(2025, 4, 7), ServiceKind.GROUP_PSYCHOTHERAPY, Attendance.ATTENDED),
        (D(2025, 4, 7), ServiceKind.GROUP_EDUCATION, Attendance.ATTENDED),
        (D(2025, 4, 8), ServiceKind.GROUP_PSYCHOTHERAPY, Attendance.ATTENDED),
        (D(2025, 4, 8), ServiceKind.GROUP_EDUCATION, Attendance.ATTENDED),
        (D(2025, 4, 8), ServiceKind.INDIVIDUAL_PSYCHOTHERAPY, Attendance.ATTENDED),
        (D(2025, 4, 9), ServiceKind.GROUP_PSYCHOTHERAPY, Attendance.ABSENT),
        (D(2025, 4, 11), ServiceKind.GROUP_PSYCHOTHERAPY, Attendance.ATTENDED),
        (D(2025, 4, 11), ServiceKind.GROUP_EDUCATION, Attendance.ATTENDED),
    ]
    seventh = MONTH.index(" 7", MONTH.index("SERVICE")) + 1
    month = MONTH.index("APRIL 2025")
    assert _spans(found[0], "date") == [(seventh, seventh + 1), (month, month + 10)]
    listed = MONTH.index("04/08")
    assert _spans(found[4], "date") == [(listed, listed + 5)]
    assert (found[4].start, found[4].end) == (dt.time(20, 55), dt.time(21, 40))


def test_day_numbers_whose_weekday_letters_are_not_that_months_are_no_dates() -> None:
    # April 1, 2025 is a Tuesday: "M 1" is no day of April 2025
    wrong = MONTH.replace("T  W  T  F  S  S  M", "M  T  W  T  F  S  S")
    assert [s for s in _sessions(wrong) if s.service_kind is ServiceKind.GROUP_EDUCATION] == []


BOXED = (
    "CEDAR RIDGE RECOVERY CENTER\n"
    "IOP DAILY SERVICE LOG\n"
    "Client: WHITFIELD, NIA    MRN Z94879940    DOB 09/20/1995\n"
    "Admission 01/06/2025    Discharge 02/03/2025\n"
    "\n"
    "╔═════════════════╦════════════════════════════╦══════════════════════════╦═════╦══════════╦══════════════════════════╗\n"
    "║ Time            ║ Service                    ║ Facilitator(s)           ║ n   ║ Where    ║ Attendance               ║\n"
    "╠═════════════════╩════════════════════════════╩══════════════════════════╩═════╩══════════╩══════════════════════════╣\n"
    "║ MON 06-JAN-2025                                                                                                     ║\n"
    "╠═════════════════╦════════════════════════════╦══════════════════════════╦═════╦══════════╦══════════════════════════╣\n"
    "║ 9:00-10:00      ║ Process Group - 90853      ║ Grace Galloway LPC       ║ 3   ║ Clinic   ║ Present - late, in 9:15  ║\n"
    "╠═════════════════╬════════════════════════════╬══════════════════════════╬═════╬══════════╬══════════════════════════╣\n"
    "║ 10:10-11:10     ║ Wellness Education Group   ║ Dmitri Ferreira LMFT     ║ 10  ║ Clinic   ║ Present                  ║\n"
    "╠═════════════════╬════════════════════════════╬══════════════════════════╬═════╬══════════╬══════════════════════════╣\n"
    "║ 11:20-12:20     ║ Trauma Processing Group -  ║ Priya Ferreira LCSW,     ║ 5   ║ Clinic   ║ Present                  ║\n"
    "║                 ║ 90853                      ║ Harold Pham BA           ║     ║          ║                          ║\n"
    "╠═════════════════╬════════════════════════════╬══════════════════════════╬═════╬══════════╬══════════════════════════╣\n"
    "║ 12:50-13:50     ║ Individual Therapy - 90837 ║ Grace Galloway LPC       ║     ║ Clinic   ║ Present                  ║\n"
    "╠═════════════════╩════════════════════════════╩══════════════════════════╩═════╩══════════╩══════════════════════════╣\n"
    "║ WED 08-JAN-2025                                                                                                     ║\n"
    "╠═════════════════╦════════════════════════════╦══════════════════════════╦═════╦══════════╦══════════════════════════╣\n"
    "║ 9:00-10:00      ║ Process Group - 90853      ║ Priya Ferreira LCSW      ║ 10  ║ Clinic   ║ Present                  ║\n"
    "╠═════════════════╬════════════════════════════╬══════════════════════════╬═════╬══════════╬══════════════════════════╣\n"
    "║ 10:10-11:10     ║ Psychoeducation Group      ║ Grace Galloway LPC       ║ 4   ║ Clinic   ║ Present                  ║\n"
    "╠═════════════════╬════════════════════════════╬══════════════════════════╬═════╬══════════╬══════════════════════════╣\n"
    "║ 11:20-12:20     ║ CBT Group - 90853          ║ Dmitri Ferreira LMFT     ║ 6   ║ Clinic   ║ Present                  ║\n"
    "╠═════════════════╩════════════════════════════╩══════════════════════════╩═════╩══════════╩══════════════════════════╣\n"
    "║ THU 09-JAN-2025                                                                                                     ║\n"
    "╠═════════════════╦════════════════════════════╦══════════════════════════╦═════╦══════════╦══════════════════════════╣\n"
    "║ 9:00-10:00      ║ Group Psychotherapy -      ║ Grace Galloway LPC       ║ 4   ║ Clinic   ║ Present                  ║\n"
    "║                 ║ 90853                      ║                          ║     ║          ║                          ║\n"
    "╠═════════════════╬════════════════════════════╬══════════════════════════╬═════╬══════════╬══════════════════════════╣\n"
    "║ 10:10-11:10     ║ Psychoeducation Group      ║ Dmitri Ferreira LMFT     ║ 5   ║ Clinic   ║ Present                  ║\n"
    "╠═════════════════╬════════════════════════════╬══════════════════════════╬═════╬══════════╬══════════════════════════╣\n"
    "║ 11:20-12:20     ║ Relapse Prevention Group - ║ Priya Ferreira LCSW      ║ 8   ║ Clinic   ║ Present                  ║\n"
    "║                 ║ 90853                      ║                          ║     ║          ║                          ║\n"
    "╠═════════════════╩════════════════════════════╩══════════════════════════╩═════╩══════════╩══════════════════════════╣\n"
    "║ Subtotal week of 01/06: 9.8 hours attended                                                                          ║\n"
    "╠═════════════════════════════════════════════════════════════════════════════════════════════════════════════════════╣\n"
    "║ MON 13-JAN-2025                                                                                                     ║\n"
    "╠═════════════════╦════════════════════════════╦══════════════════════════╦═════╦══════════╦══════════════════════════╣\n"
    "║ 9:00-10:00      ║ Relapse Prevention Group - ║ Dmitri Ferreira LMFT     ║     ║ Clinic   ║ Absent: family emergency ║\n"
    "║                 ║ 90853                      ║                          ║     ║          ║                          ║\n"
    "╚═════════════════╩════════════════════════════╩══════════════════════════╩═════╩══════════╩══════════════════════════╝\n"
)


def test_a_boxed_reports_rows_wrap_inside_their_rules_and_its_day_lines_date_them() -> None:
    layout = layout_of(chart_doc(BOXED).document)
    assert [(t.header_line, [r.lines for r in t.rows]) for t in layout.tables[:3]] == [
        (6, [(10,), (12,), (14, 15), (17,)]),
        (6, [(21,), (23,), (25,)]),
        (6, [(29, 30), (32,), (34, 35)]),
    ]
    found = _sessions(BOXED)
    days = [(BOXED.index(d), BOXED.index(d) + 11) for d in ("06-JAN-2025", "08-JAN-2025")]
    assert [(s.date, s.service_kind, s.start, _spans(s, "date")) for s in found[:5]] == [
        (D(2025, 1, 6), ServiceKind.GROUP_PSYCHOTHERAPY, dt.time(9), [days[0]]),
        (D(2025, 1, 6), ServiceKind.GROUP_EDUCATION, dt.time(10, 10), [days[0]]),
        (D(2025, 1, 6), ServiceKind.GROUP_PSYCHOTHERAPY, dt.time(11, 20), [days[0]]),
        (D(2025, 1, 6), ServiceKind.INDIVIDUAL_PSYCHOTHERAPY, dt.time(12, 50), [days[0]]),
        (D(2025, 1, 8), ServiceKind.GROUP_PSYCHOTHERAPY, dt.time(9), [days[1]]),
    ]
    assert len(found) == 11
    assert {s.attendance for s in found[:10]} == {Attendance.ATTENDED}
    assert (found[10].date, found[10].attendance) == (D(2025, 1, 13), Attendance.ABSENT)
    # the wrapped row's service is both its lines
    first = BOXED.index("Trauma Processing Group -")
    code = BOXED.index("90853", first)
    assert _spans(found[2], "kind") == [(first, first + 25), (code, code + 5)]
