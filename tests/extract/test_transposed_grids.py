"""Grids turned on their side and roster matrices (issue 11, item 2): dates run across as
column headers and services run down; a cell holding minutes, a code or a mark under a
day is that row's service on that day. Totals, legends and planned schedules are no
sessions; notes under a grid complete its marks; a roster's member row states the
admission date."""

from __future__ import annotations

import datetime as dt

import pytest

from core.data import DocumentKind
from core.facts import Attendance, EpisodeDateKind, Modality, ServiceKind, Session
from core.grounding import evidence_problem, iter_evidence
from extract.deterministic.documents import extract_episode_dates
from extract.deterministic.sessions import read_document
from extract.layout import layout_of
from tests.chartdocs import chart_doc

D = dt.date
T = dt.time
GP, GE = ServiceKind.GROUP_PSYCHOTHERAPY, ServiceKind.GROUP_EDUCATION
IND, FAM = ServiceKind.INDIVIDUAL_PSYCHOTHERAPY, ServiceKind.FAMILY_COUNSELING
ATT, NS = Attendance.ATTENDED, Attendance.NO_SHOW


def _sessions(text: str) -> list[Session]:
    doc = chart_doc(text, kind=DocumentKind.ATTENDANCE)
    found, _ = read_document(doc)
    docs = {doc.document.document_id: doc.document}
    for s in found:
        for ev in iter_evidence(s):
            assert evidence_problem(ev, docs) is None
    return sorted(found, key=lambda s: (s.date, s.start or T(0), s.service_kind.value))


def _spans(s: Session, name: str) -> list[tuple[int, int]]:
    return [(ev.start, ev.end) for x in s.slots if x.slot == name for ev in x.evidence]


WEEKLY_CSV = (
    "Attendance by Service - Weekly View\n"
    'Client,"Galloway, Marcus",MRN,H23087899\n'
    "\n"
    "Week of 11/17/2025\n"
    "Service,Group Time,Mon 11/17,Tue 11/18,Wed 11/19,Thu 11/20,Fri 11/21,Total (min)\n"
    "Grp Psychotherapy,09:00-10:30,NS,90,,90*,90,270\n"
    "Indiv Therapy,as scheduled,,,45,,,45\n"
    '"Daily total, billable (min)",,,90,45,90,90,315\n'
    "\n"
    "Legend: number = minutes attended by the client; * = attended by telehealth (video); "
    "A = absent; NS = no-show; CX = cancelled by client\n"
)


def test_a_csv_week_whose_dates_head_the_columns() -> None:
    layout = layout_of(chart_doc(WEEKLY_CSV).document)
    (grid,) = layout.tables
    assert grid.header_line == 4
    assert [grid.header_text(WEEKLY_CSV, j) for j in range(grid.width)] == [
        "Service",
        "Group Time",
        "Mon 11/17",
        "Tue 11/18",
        "Wed 11/19",
        "Thu 11/20",
        "Fri 11/21",
        "Total (min)",
    ]
    found = _sessions(WEEKLY_CSV)
    # the daily total row and the total column are sums, the legend defines codes: no
    # session from any of them
    assert [(s.date, s.service_kind, s.attendance, s.minutes, s.modality) for s in found] == [
        (D(2025, 11, 17), GP, NS, 90.0, Modality.UNKNOWN),
        (D(2025, 11, 18), GP, ATT, 90.0, Modality.UNKNOWN),
        (D(2025, 11, 19), IND, ATT, 45.0, Modality.UNKNOWN),
        (D(2025, 11, 20), GP, ATT, 90.0, Modality.VIDEO),
        (D(2025, 11, 21), GP, ATT, 90.0, Modality.UNKNOWN),
    ]
    thu = WEEKLY_CSV.index("Thu 11/20")
    assert _spans(found[3], "date")[0] == (thu, thu + len("Thu 11/20"))
    key = WEEKLY_CSV.index("= attended by telehealth (video)")
    assert _spans(found[3], "modality") == [(key, key + len("= attended by telehealth (video)"))]
    individual = WEEKLY_CSV.index(",45,") + 1
    assert _spans(found[2], "minutes") == [(individual, individual + 2)]


WEEKLY_FIXED = (
    "IOP MINUTES-ATTENDED WORKSHEET (client minutes per service and day)\n"
    "Client Rowan McAllister  ID M41293717\n"
    "\n"
    "=== Week of 11/24/2025 ==========================================\n"
    "SERVICE / SLOT                            MON        TUE        WED        THU   TOTAL\n"
    "                                        11/24      11/25      11/26      11/27\n"
    "Group Education 10:10a-11:10a              60                   n/s     CLOSED      60\n"
    "   clients in group                         9                     -\n"
    "Family Session (min)                                             50                50\n"
    "-------------------------------------------------------------------------------------\n"
    "DAILY TOTAL (counted min)                  60                   50                110\n"
    "\n"
    "Cells: minutes the client attended; 'v' = by video (telehealth), otherwise on site; "
    "abs = absent, n/s = no-show, cxl = cancelled, CLOSED = holiday closure.\n"
)


def test_a_fixed_width_week_of_right_aligned_minutes() -> None:
    layout = layout_of(chart_doc(WEEKLY_FIXED).document)
    (grid,) = layout.tables
    # the row after the census row is in the grid (its cells end under the header's)
    assert (grid.header_line, [r.lines for r in grid.rows]) == (4, [(5,), (6,), (7,), (8,)])
    closed = WEEKLY_FIXED.index("CLOSED")
    # "CLOSED" starts left of "THU" but ends where it ends: the THU column's
    assert [(c.start, c.end) for c in grid.rows[1].cells[4]] == [(closed, closed + 6)]
    found = _sessions(WEEKLY_FIXED)
    assert [(s.date, s.service_kind, s.attendance, s.minutes) for s in found] == [
        (D(2025, 11, 24), GE, ATT, 60.0),
        (D(2025, 11, 26), FAM, ATT, 50.0),
        (D(2025, 11, 26), GE, NS, 60.0),  # "n/s", a code the line under the grid defines
        (D(2025, 11, 27), GE, Attendance.PROGRAM_CLOSED, 60.0),
    ]
    code = WEEKLY_FIXED.index("n/s")
    assert _spans(found[2], "attendance")[0] == (code, code + 3)


MONTH = (
    "MONTHLY IOP ATTENDANCE GRID                                 APRIL 2025\n"
    "Client: BRENNAN, SAMIR   MRN Q16533588\n"
    "\n"
    "                                M  T  W  T  F\n"
    "SERVICE / TIME                 21 22 23 24 25\n"
    "---------------------------------------------\n"
    "Grp Psychotherapy 1730-1900     P  P  L  .  .\n"
    "Grp Psychoeducation 1910-2040   .  P  .  .  .\n"
    "Indiv Therapy (see list)        P  .  .  .  P\n"
    "---------------------------------------------\n"
    "Legend: P present in person  L present, partial (see below)  . no service\n"
    "\n"
    "Partial attendance:\n"
    "  04/23 Grp Psychotherapy 1730-1900: arrived 1750 (70 min), in person\n"
    "\n"
    "Individual, family and other services:\n"
    "  04/21 Individual Therapy       2055-2140  P  Grace Pham, PsyD\n"
)


def test_notes_under_a_month_grid_complete_its_marks() -> None:
    found = _sessions(MONTH)
    assert [(s.date, s.service_kind, s.start, s.end, s.member_start, s.minutes) for s in found] == [
        (D(2025, 4, 21), GP, T(17, 30), T(19, 0), None, 90.0),
        # the row sends to the list: the list's line is the session, not the mark too
        (D(2025, 4, 21), IND, T(20, 55), T(21, 40), None, 45.0),
        (D(2025, 4, 22), GP, T(17, 30), T(19, 0), None, 90.0),
        (D(2025, 4, 22), GE, T(19, 10), T(20, 40), None, 90.0),
        # the note on the partial mark: the member's arrival
        (D(2025, 4, 23), GP, T(17, 30), T(19, 0), T(17, 50), 70.0),
        # no line of the list on that day: the mark stands (its length unknown)
        (D(2025, 4, 25), IND, None, None, None, None),
    ]
    arrived = MONTH.index("1750 (70 min)")
    assert _spans(found[4], "member_start") == [(arrived, arrived + 4)]


ROSTER = (
    "GROUP ATTENDANCE MATRIX - INTENSIVE OUTPATIENT   WEEK 08/04/2025 - 08/10/2025\n"
    "Client: Kowalczyk, Nia\n"
    "\n"
    "                                                         Mon      Mon      Wed\n"
    "                                                         08/04    08/04    08/06\n"
    "                                                         09:00-   10:45-   09:00-\n"
    "                                                         10:30    12:15    10:30\n"
    "CLIENT                    ID         ADMIT     D/C       IPG      WELL     PRCS\n"
    "------------------------------------------------------------------------------\n"
    "Drummond, Esme            G10248257  07/03/25            X        A        L\n"
    "Kowalczyk, Nia            A31164988  08/04/25            N        N        L\n"
    "------------------------------------------------------------------------------\n"
    "LEGEND\n"
    "  X = present   L = present, arrived late   N = no-show (no call)\n"
    "LATE ARRIVAL / EARLY DEPARTURE\n"
    "  Drummond, Esme - Wed 08/06 09:00-10:30: arrived 09:15\n"
    "  Kowalczyk, Nia - Wed 08/06 09:00-10:30: arrived 09:20\n"
)


def test_a_roster_states_the_members_admission_and_its_notes_her_arrival() -> None:
    doc = chart_doc(ROSTER, kind=DocumentKind.ATTENDANCE)
    episode = extract_episode_dates(doc)
    own = ROSTER.index("08/04/25")
    # the member's row only: another client's admission is not hers
    assert [(e.kind, e.date, e.evidence[0].start, e.evidence[0].end) for e in episode] == [
        (EpisodeDateKind.ADMISSION, D(2025, 8, 4), own, own + 8)
    ]
    found = _sessions(ROSTER)
    assert [(s.date, s.attendance, s.member_start, s.minutes) for s in found] == [
        (D(2025, 8, 4), NS, None, 90.0),
        (D(2025, 8, 4), NS, None, 90.0),
        (D(2025, 8, 6), ATT, T(9, 20), 70.0),  # her note, not the other client's
    ]
    arrived = ROSTER.index("09:20", ROSTER.index("Kowalczyk, Nia -"))
    assert _spans(found[2], "member_start") == [(arrived, arrived + 5)]


BOXED_IN_OUT = (
    "CLIENT ATTENDANCE - TIME IN / TIME OUT\n"
    "Client: CASTILLO, OWEN    MRN A42319574\n"
    "\n"
    "│ Date     │ Service     │ Sched       │ In    │ Out   │ Hrs  │ Status              │\n"
    "├──────────┼─────────────┼─────────────┼───────┼───────┼──────┼─────────────────────┤\n"
    "│ 08/25/25 │ CBT Group   │ 09:00-10:00 │ 09:20 │ 10:00 │ 0.67 │ Attended            │\n"
    "├──────────┼─────────────┼─────────────┼───────┼───────┼──────┼─────────────────────┤\n"
    "│ 08/26/25 │ CBT Group   │ 09:00-10:00 │       │       │      │ Present - late, in  │\n"
    "│          │             │             │       │       │      │ 09:15               │\n"
    "├──────────┼─────────────┼─────────────┼───────┼───────┼──────┼─────────────────────┤\n"
    "│ 08/27/25 │ CBT Group   │ 09:00-10:00 │ 09:00 │ 10:00 │ 1.00 │ Attended            │\n"
)


def test_in_and_out_beside_a_schedule_are_the_members_own_times() -> None:
    found = _sessions(BOXED_IN_OUT)
    assert [(s.date, s.start, s.member_start, s.member_end, s.minutes) for s in found] == [
        (D(2025, 8, 25), T(9, 0), T(9, 20), T(10, 0), 40.0),
        (D(2025, 8, 26), T(9, 0), T(9, 15), None, 45.0),  # "in" / "09:15" wrapped
        (D(2025, 8, 27), T(9, 0), T(9, 0), T(10, 0), 60.0),
    ]
    word = BOXED_IN_OUT.index("in  │")
    clock = BOXED_IN_OUT.index("09:15")
    assert _spans(found[1], "member_start") == [(word, word + 2), (clock, clock + 5)]


PLANNED = (
    "Program Schedule\n"
    "Service,Group Time,Mon 11/17,Tue 11/18,Wed 11/19,Thu 11/20\n"
    "Grp Psychotherapy,09:00-10:30,X,X,,X\n"
    "Grp Psychoeducation,10:45-12:15,X,X,,X\n"
)
NOT_DAYS = (
    "Dates seen\n"
    "Service,Visit,11/17/2025,11/18/2025,11/19/2025\n"
    "Grp Psychotherapy,first,11/17/2025,11/18/2025,11/19/2025\n"
    "Grp Psychoeducation,second,11/17/2025,11/18/2025,11/19/2025\n"
)


@pytest.mark.parametrize(
    ("text", "header_line"),
    [
        (PLANNED, 1),  # a planned schedule: the grid is read as one, but no session
        (NOT_DAYS, None),  # dates under dates: a row of data, not a header over a grid
    ],
)
def test_no_session_from_a_schedule_or_a_row_of_dates(text: str, header_line: int | None) -> None:
    (table,) = layout_of(chart_doc(text).document).tables
    assert table.header_line == header_line
    assert [s for s in _sessions(text) if s.source.endswith("grid.day-columns")] == []


ROSTER_IDS = (
    "Group Attendance Roster,Week of 02/17/2025\n"
    ",,,Tue 02/18/2025,Tue 02/18/2025,Wed 02/19/2025\n"
    "Client Name,Client ID,Admit Date,GS-26143,GS-26146,GS-26149\n"
    '"Abernathy, Maren",A80681013,02/04/2025,L,X,L\n'
    '"Ibsen, Rosalind",P49536574,01/27/2025,X,L,X\n'
    "\n"
    "LEGEND\n"
    "X = present   L = present, arrived late   A = absent (excused)\n"
    "Late arrival / early departure\n"
    '"Ibsen, Rosalind - Tue 02/18 11:30-12:45: arrived 11:55"\n'
    '"Abernathy, Maren - Tue 02/18 09:30-11:00: arrived 09:45"\n'
    '"Abernathy, Maren - Wed 02/19 09:30-11:00: arrived 09:40"\n'
)


@pytest.mark.parametrize(
    ("day", "note"),
    [
        # her only late mark that day: her note of that day is about it
        (D(2025, 2, 18), ": arrived 09:45"),
        (D(2025, 2, 19), ": arrived 09:40"),
    ],
)
def test_a_late_mark_of_a_session_named_by_id_takes_the_members_note(
    day: dt.date, note: str
) -> None:
    from extract.records.tables import row_records

    doc = chart_doc(ROSTER_IDS.replace("Group Attendance", "Client: Abernathy, Maren\nGroup"))
    layout = layout_of(doc.document)
    text = layout.text
    (grid,) = layout.tables
    records = [r for r in row_records(layout, grid, None) if r.anchor.date == day]
    late = [r for r in records if r.grid_mark and text[r.grid_mark[0] : r.grid_mark[1]] == "L"]
    at = text.index(note)
    assert [r.cells("comments") for r in late] == [[(at, at + len(note), "note")]]
    # the present mark of that day takes no note (another client's note neither)
    assert [r.cells("comments") for r in records if r not in late] == [[]] * (len(records) - 1)
