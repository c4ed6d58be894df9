"""The layout layer: lines, cells, fields, tables, headings, sentences, evidence across
pages, with exact offsets (table-driven)."""

from __future__ import annotations

import pytest

from extract.layout import HeadingKind, LineKind, Splitter, build_layout
from tests.chartdocs import chart_doc


def layout(*pages: str):  # type: ignore[no-untyped-def]
    return build_layout(chart_doc(*pages).document)


def cell_texts(text: str, line) -> list[str]:  # type: ignore[no-untyped-def]
    return [text[c.start : c.end] for c in line.cells]


@pytest.mark.parametrize(
    ("line", "kind", "splitter", "cells"),
    [
        ("", LineKind.BLANK, Splitter.NONE, []),
        ("------------", LineKind.RULE, Splitter.NONE, []),
        ("====  ====", LineKind.RULE, Splitter.NONE, []),
        ("|---|:---:|", LineKind.RULE, Splitter.NONE, []),
        (
            "| 10/07/2025 | 9:00-10:30 | Process |",
            LineKind.TEXT,
            Splitter.PIPE,
            ["10/07/2025", "9:00-10:30", "Process"],
        ),
        (
            "| 10/07/2025 |  | Present |",
            LineKind.TEXT,
            Splitter.PIPE,
            ["10/07/2025", "", "Present"],
        ),
        (
            "10/07/2025\t0900-1030\tGroup",
            LineKind.TEXT,
            Splitter.TAB,
            ["10/07/2025", "0900-1030", "Group"],
        ),
        (
            "10/07/25  Tue  0900-1030   Process Group",
            LineKind.TEXT,
            Splitter.SPACE,
            ["10/07/25", "Tue", "0900-1030", "Process Group"],
        ),
        (
            "- 13h00–14h30 · CBT Group · H. Pham (LMFT) · attended",
            LineKind.TEXT,
            Splitter.MARK,
            ["- 13h00–14h30", "CBT Group", "H. Pham (LMFT)", "attended"],
        ),
        ("• Group notes", LineKind.TEXT, Splitter.NONE, ["• Group notes"]),  # a bullet
        # a line framed by a box's borders: what the frame holds, laid out like any line
        (
            "| Activity : Recovery Process Group [GRP-RPG]        |",
            LineKind.TEXT,
            Splitter.NONE,
            ["Activity : Recovery Process Group [GRP-RPG]"],
        ),
        (
            "| Staff    : H. Castellanos, LICDC-CS        Census : 8   |",
            LineKind.TEXT,
            Splitter.SPACE,
            ["Staff    : H. Castellanos, LICDC-CS", "Census : 8"],
        ),
        ("|                                    |", LineKind.BLANK, Splitter.NONE, []),
        # blanks that align a form's colons do not separate cells
        (
            "Sched    : 0900-1030      Client in/out : 0900 / 1030",
            LineKind.TEXT,
            Splitter.SPACE,
            ["Sched    : 0900-1030", "Client in/out : 0900 / 1030"],
        ),
        (
            "Client attended group at 9 AM.",
            LineKind.TEXT,
            Splitter.NONE,
            ["Client attended group at 9 AM."],
        ),
    ],
)
def test_lines_and_cells(line: str, kind: LineKind, splitter: Splitter, cells: list[str]) -> None:
    lay = layout(f"{line}\n")
    first = lay.lines[0]
    assert (first.kind, first.splitter) == (kind, splitter)
    assert cell_texts(lay.text, first) == cells


@pytest.mark.parametrize(
    ("line", "fields"),
    [
        (
            "DOS: 10/07/25 Time: 0900-1030 Staff: Jane Roe, LCSW Attendance: Present",
            [
                ("DOS", "10/07/25"),
                ("Time", "0900-1030"),
                ("Staff", "Jane Roe, LCSW"),
                ("Attendance", "Present"),
            ],
        ),
        ("Time In: 9:00a  Time Out: 10:30a", [("Time In", "9:00a"), ("Time Out", "10:30a")]),
        ("**Facilitator:** J. Roe (LPC)", [("Facilitator", "J. Roe (LPC)")]),
        ("- Service Type: Group psychotherapy", [("Service Type", "Group psychotherapy")]),
        ("Goals:", [("Goals", "")]),
        ("| Service Date | 10/07/2025 |", [("Service Date", "10/07/2025")]),
        ("Service Date        10/07/2025", [("Service Date", "10/07/2025")]),
        ("Client stated: I feel better at 9:30", [("Client stated", "I feel better at 9:30")]),
        ("DOB:               10/30/1958", [("DOB", "10/30/1958")]),  # the value's own cell
        (
            "Name:      Jane Doe        DOB:    01/02/1990",
            [("Name", "Jane Doe"), ("DOB", "01/02/1990")],
        ),
        ("DOS: 03/04/2025 | Staff: J. Roe", [("DOS", "03/04/2025"), ("Staff", "J. Roe")]),
        # a known label qualified by leading words: the known label
        ("Group members present: 6", [("members present", "6")]),
        (
            "Facilitator: K. Adebayo, LPC · Group members present: 6",
            [("Facilitator", "K. Adebayo, LPC"), ("members present", "6")],
        ),
        # "toward" links the label's words: the whole label, not the known "Discharge"
        ("Goals toward discharge: PHQ-9 below 10", [("Goals toward discharge", "PHQ-9 below 10")]),
        # a known label that is the object of the leading words is not the field's label
        ("Treatment goals toward discharge: PHQ-9 below 10", []),
        # a lowercase known label right after the value's first word ends a phrase that
        # leads the value ("Final group"), not a field; a capitalized one is a field
        (
            "**D:** Final group: relapse-prevention plan and goodbyes.",
            [("D", "Final group: relapse-prevention plan and goodbyes.")],
        ),
        ("Date: 03/04/2025 Time: 9:00 AM", [("Date", "03/04/2025"), ("Time", "9:00 AM")]),
        # a database column name is a label ("SVC_DATE" reads as "svc date")
        ("SVC_DATE      : 2025-08-26 00:00:00.000", [("SVC_DATE", "2025-08-26 00:00:00.000")]),
        # a range's word between tabs joins its times into one value
        ("Session time: 9:30am\tto\t11:00am", [("Session time", "9:30am\tto\t11:00am")]),
        # a leader of dots between label and value
        (" Begin ................ 10/13/2025", [("Begin", "10/13/2025")]),
        (
            "Units Approved ....... 24     Units Used ... 2",
            [("Units Approved", "24"), ("Units Used", "2")],
        ),
        ("Auth # . . . . . 2025-IOP-21196", [("Auth #", "2025-IOP-21196")]),
        # not fields: a clock time, prose whose words before the colon are a sentence
        ("Start 13:00 Stop 14:30", []),
        ("and then he left....", []),
        ("The group discussed Coping Skills: the client shared", []),
        ("Session began at 9:30; ended 10:45", []),
    ],
)
def test_fields(line: str, fields: list[tuple[str, str]]) -> None:
    lay = layout(f"{line}\n")
    got = [(f.label, lay.text[f.start : f.end]) for f in lay.fields]
    assert got == fields


def test_a_snake_case_label_has_a_spaced_key() -> None:
    (f,) = layout("CREATED_DTTM  : 2025-08-29 11:49\n").fields
    assert f.key == "created dttm"


def test_field_offsets_are_exact() -> None:
    text = "Name: Jo  DOS: 3/4/25\n"
    lay = layout(text)
    dos = next(f for f in lay.fields if f.key == "dos")
    assert (dos.label_start, dos.start, dos.end) == (10, 15, 21)
    assert text[dos.start : dos.end] == "3/4/25"


FIXED = """SERVICE LOG
DATE      TIME       SERVICE                 STAFF
--------  ---------  ----------------------  ---------------
09/08/25  1530-1700  DBT-A Skills Group      K. Moreau, LCPC
09/10/25  1530-1700  Process Group           J. Whitaker,
                                             LMFT
09/11/25  1700-1830  Process Group
"""


def test_fixed_width_table_with_underlined_header_and_wrapped_cell() -> None:
    lay = layout(FIXED)
    (table,) = lay.tables
    assert [table.header_text(lay.text, j) for j in range(table.width)] == [
        "DATE",
        "TIME",
        "SERVICE",
        "STAFF",
    ]
    rows = [
        [" ".join(lay.text[s.start : s.end] for s in cell) for cell in r.cells] for r in table.rows
    ]
    assert rows == [
        ["09/08/25", "1530-1700", "DBT-A Skills Group", "K. Moreau, LCPC"],
        ["09/10/25", "1530-1700", "Process Group", "J. Whitaker, LMFT"],
        ["09/11/25", "1700-1830", "Process Group", ""],
    ]
    assert table.rows[1].lines == (4, 5)


BOX = """ATTENDANCE & SERVICE DETAIL REPORT
┌────────────┬─────────────┬──────────────────────┬───────────────────────┐
│ Date       │ Scheduled   │ Service              │ Staff                 │
├────────────┼─────────────┼──────────────────────┼───────────────────────┤
│ 07/14/2025 │ 10:10-11:10 │ Recovery Education   │ Casey Okafor, LPC /   │
│            │             │ Group                │ Riley Rosenthal, CADC │
├────────────┼─────────────┼──────────────────────┼───────────────────────┤
│ 07/14/2025 │ 11:20-12:20 │ Process Group        │ Victor Delacroix, PsyD│
│            │ 12:30-13:00 │ Individual Therapy   │ Victor Delacroix, PsyD│
└────────────┴─────────────┴──────────────────────┴───────────────────────┘
"""


def test_a_box_drawing_table_with_wrapped_cells() -> None:
    """Box-drawing lines separate cells like pipes and rule like dashes; a line that only
    continues cells of the row above is part of that row, a line with its own time is a
    row of its own."""
    lay = layout(BOX)
    assert lay.lines[1].kind is LineKind.RULE and lay.lines[3].kind is LineKind.RULE
    assert lay.lines[4].splitter is Splitter.PIPE
    (table,) = lay.tables
    assert [table.header_text(lay.text, j) for j in range(table.width)] == [
        "Date",
        "Scheduled",
        "Service",
        "Staff",
    ]
    rows = [
        [" ".join(lay.text[s.start : s.end] for s in cell) for cell in r.cells] for r in table.rows
    ]
    assert rows == [
        [
            "07/14/2025",
            "10:10-11:10",
            "Recovery Education Group",
            "Casey Okafor, LPC / Riley Rosenthal, CADC",
        ],
        ["07/14/2025", "11:20-12:20", "Process Group", "Victor Delacroix, PsyD"],
        ["", "12:30-13:00", "Individual Therapy", "Victor Delacroix, PsyD"],
    ]
    assert [r.lines for r in table.rows] == [(4, 5), (7,), (8,)]


PIPE_PAGES = (
    "Attendance Log\n| Date | Time | Group |\n|---|---|---|\n| 06/02/2025 | 9-12 | Process |\n",
    "Attendance Log\n| Date | Time | Group |\n|---|---|---|\n| 06/03/2025 | 9-12 | Process |\n"
    "| 06/04/2025 | 9-12 | CBT |\n",
)


def test_pipe_table_across_a_page_break_skips_the_repeated_header() -> None:
    lay = layout(*PIPE_PAGES)
    assert len(lay.tables) == 1
    (table,) = lay.tables
    dates = [lay.text[r.cells[0][0].start : r.cells[0][0].end] for r in table.rows]
    assert dates == ["06/02/2025", "06/03/2025", "06/04/2025"]
    # evidence of a cell on page 2 is on page 2, at page offsets
    cell = table.rows[1].cells[0][0]
    ev = lay.evidence(cell.start, cell.end)
    assert ev is not None and ev.page == 2
    assert PIPE_PAGES[1][ev.start : ev.end] == "06/03/2025"


def test_csv_table() -> None:
    lay = layout('Date,Service,Minutes\n10/7/25,Group therapy,90\n10/8/25,"Lunch, break",30\n')
    (table,) = lay.tables
    assert table.splitter == "comma"
    assert [lay.text[r.cells[1][0].start : r.cells[1][0].end] for r in table.rows] == [
        "Group therapy",
        "Lunch, break",
    ]


def test_signature_lines_are_not_a_table() -> None:
    lay = layout("Anita Okafor, LCSW  03/03/2025 12:40\nMarcus Bell, LPC  03/03/2025 12:55\n")
    assert lay.tables == ()


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("## Treatment Goals", HeadingKind.MARKDOWN),
        ("=== Note 3 of 12 ===", HeadingKind.DECORATED),
        ("SESSION #4", HeadingKind.NUMBERED),
        ("Note 3 of 12 - Group", HeadingKind.NUMBERED),
        ("**GROUP NOTE**", HeadingKind.BOLD),
        ("EDUCATION GROUP", HeadingKind.CAPS),
        ("Goals:", HeadingKind.LABEL),
        ("Individual Therapy Progress Note", HeadingKind.TITLE),
    ],
)
def test_headings(line: str, kind: HeadingKind) -> None:
    lay = layout(f"{line}\nMember attended.\n")
    heading = lay.headings[0]
    assert heading is not None and heading.kind is kind


@pytest.mark.parametrize(
    "text",
    [
        "Client attended and participated actively.\n",
        "Group reviewed the chain analysis\nworksheet.\n",  # a wrapped sentence
        "Individual Therapy Progress Note\ncontinued from the last page\n",
    ],
)
def test_prose_is_no_heading(text: str) -> None:
    assert layout(text).headings[0] is None


def test_sentences_join_wrapped_lines_and_split_at_fields() -> None:
    text = "Response: Client was engaged. She shared a\ntrigger with Dr. Lee.\nPlan: continue.\n"
    lay = layout(text)
    got = [text[s:e] for s, e in lay.sentences()]
    assert got == ["Client was engaged.", "She shared a\ntrigger with Dr. Lee.", "continue."]


def test_repeated_lines() -> None:
    lay = layout("PROGRESS NOTE\nDate: 1/2/25\n\nPROGRESS NOTE\nDate: 1/3/25\n")
    assert lay.repeats[0] == 2 and lay.repeats[3] == 2
    assert lay.repeats[1] == 2  # digits aside


def test_one_long_line_is_linear() -> None:
    line = "word " * 400_000
    lay = layout(line + "\n")
    assert len(lay.lines) == 2 and lay.lines[0].splitter is Splitter.NONE


def test_a_stacked_header_is_one_header_of_its_columns() -> None:
    """Lines right above a fixed-width header whose cells stand over its columns are more
    rows of that header; in a delimited table, a first row holding only some cells over a
    second row naming every column is a two-row header."""
    lay = layout(
        "                 Mon      Wed\n"
        "                 04/28    04/30\n"
        "                 09:00-   10:10-\n"
        "NAME    ID       IPG      RPG\n"
        "------------------------------\n"
        "Roe, J  A1       P        A\n"
        "Doe, K  A2       A        P\n"
        "Poe, L  A3       P        P\n"
    )
    (table,) = lay.tables
    assert [table.header_text(lay.text, j) for j in range(table.width)] == [
        "NAME",
        "ID",
        "Mon 04/28 09:00- IPG",
        "Wed 04/30 10:10- RPG",
    ]
    csv = layout(
        ",,,Tue 02/11/2025,Wed 02/12/2025\n"
        "Name,ID,Admit Date,GS-26125,GS-26131\n"
        '"Roe, Jan",A1,02/04/2025,X,C\n'
        '"Doe, Kim",A2,01/05/2025,A,X\n'
    )
    (table,) = csv.tables
    assert [table.header_text(csv.text, j) for j in range(table.width)] == [
        "Name",
        "ID",
        "Admit Date",
        "Tue 02/11/2025 GS-26125",
        "Wed 02/12/2025 GS-26131",
    ]
    assert len(table.rows) == 2


STACKED = """DAILY IOP ATTENDANCE VERIFICATION

Client                          Record No.        Date of Service
Quinn Lindqvist                 A49202915         11/24/2025

Service                              Code     Scheduled
Relapse Prevention Group             90853    1730-1900
Client In     Client Out     Minutes Attended
1745          1900           75
"""


def test_captions_over_their_values_are_fields() -> None:
    """A run of caption lines each over one line of values (a PDF form's boxes): each
    caption labels the value under it, at the value's exact offsets."""
    lay = layout(STACKED)
    assert lay.tables == ()
    got = [(f.label, lay.text[f.start : f.end]) for f in lay.fields]
    assert got == [
        ("Client", "Quinn Lindqvist"),
        ("Record No.", "A49202915"),
        ("Date of Service", "11/24/2025"),
        ("Service", "Relapse Prevention Group"),
        ("Code", "90853"),
        ("Scheduled", "1730-1900"),
        ("Client In", "1745"),
        ("Client Out", "1900"),
        ("Minutes Attended", "75"),
    ]
    dos = next(f for f in lay.fields if f.label == "Date of Service")
    assert lay.text[dos.label_start : dos.label_start + 15] == "Date of Service"


@pytest.mark.parametrize(
    "text",
    [
        # a header over one row, repeated with the same captions: a table each week
        "Mon     Tue     Wed\n90      90      60\n\nMon     Tue     Wed\n90      75      90\n",
        # "Label: value" cells are fields of their own line, not captions
        "Age: 16          Gender: male\nAdmission to IOP: 10/06/2025   Assessment date: 10/06/2025\n",
    ],
)
def test_lines_that_are_not_captions_over_values(text: str) -> None:
    lay = layout(text)
    # no field takes its label from the line above
    assert all(lay.line_at(f.label_start) == f.line for f in lay.fields)


# A worksheet of the member's minutes per service (rows) and day (columns): the weekday
# names and the dates are right-aligned over the numbers, so their columns start at
# different places but end at the same ones.
MINUTES_GRID = """IOP MINUTES-ATTENDED WORKSHEET (client minutes per service and day)
=== Week of 11/24/2025 ===
SERVICE / SLOT                            MON        TUE        WED        THU        FRI   TOTAL
                                        11/24      11/25      11/26      11/27      11/28
Group Therapy 9:00a-10:00a                 60                    60     CLOSED                120
   clients in group                         5                     4
Individual Therapy (min)                   45                                                  45
"""


def test_right_aligned_columns_are_one_table() -> None:
    lay = layout(MINUTES_GRID)
    (table,) = lay.tables
    assert (table.first_line, table.last_line, table.header_line) == (2, 6, 2)


def test_a_bare_number_in_a_grid_of_minutes_is_the_services_length() -> None:
    from extract.deterministic.extractor import DeterministicExtractor

    doc = chart_doc(MINUTES_GRID).document
    found = DeterministicExtractor().extract([doc]).facts.sessions
    individual = [s for s in found if s.service_kind.value == "individual_psychotherapy"]
    assert [(str(s.date), s.minutes) for s in individual] == [("2025-11-24", 45.0)]
    [ev] = [e for e in individual[0].slot_evidence("minutes")]
    start = MINUTES_GRID.index("45", MINUTES_GRID.index("Individual"))
    assert (ev.start, ev.end, ev.quote) == (start, start + 2, "45")


# A fixed-width log whose rows are interrupted by a day's line across the whole width: the
# rows after it are the same table's, in its columns.
INTERRUPTED = """| Time        | Service              | Status   |
|-------------|----------------------|----------|
| 9:00-10:00  | Process Group        | Present  |
| 10:10-11:10 | Skills Group         | Present  |
| MON 01/13/2025 - PROGRAM CLOSED (holiday)        |
| 9:00-10:00  | Process Group        | Absent   |
| 10:10-11:10 | Skills Group         | Present  |
"""


def test_rows_after_an_interruption_keep_the_tables_header() -> None:
    lay = layout(INTERRUPTED)
    headed = [t for t in lay.tables if t.header is not None]
    assert [t.header_line for t in headed] == [0] * len(headed)
    assert any(t.first_line >= 5 for t in headed)  # the rows below the day's line
    last = max(lay.tables, key=lambda t: t.first_line)
    assert [last.header_text(lay.text, j) for j in range(last.width)] == [
        "Time",
        "Service",
        "Status",
    ]


# A grid printed with its bars lined up: a row whose first columns are empty starts with a
# bar at its first filled column ("          | 1a. Attend ..."), which is no border; a
# Markdown row with fewer cells whose bars stand elsewhere keeps its cells in order.
ALIGNED_GRID = (
    "Goal              | Objective        | Target\n"
    "------------------+------------------+-----------\n"
    "1. Sleep better   |                  | in 30 days\n"
    "                  | 1a. Keep a diary | 04/10/2026\n"
    "                  |                  | ongoing\n"
    "2. Drink less     | 2a. Log drinks   |\n"
)


@pytest.mark.parametrize(
    ("text", "rows"),
    [
        pytest.param(
            ALIGNED_GRID,
            [
                ["1. Sleep better", "", "in 30 days"],
                ["", "1a. Keep a diary", "04/10/2026"],
                ["", "", "ongoing"],
                ["2. Drink less", "2a. Log drinks", ""],
            ],
            id="bars-lined-up-place-a-row-with-empty-first-columns",
        ),
        pytest.param(
            "| Goal | Objective | Target |\n|---|---|---|\n| Sleep | Keep a diary | 30 days |\n"
            "| Drink less | Log drinks |\n",
            [["Sleep", "Keep a diary", "30 days"], ["Drink less", "Log drinks", ""]],
            id="markdown-row-with-fewer-cells-keeps-its-order",
        ),
    ],
)
def test_pipe_rows_in_their_columns(text: str, rows: list[list[str]]) -> None:
    lay = layout(text)
    (table,) = lay.tables
    assert [
        [" ".join(lay.text[s.start : s.end] for s in cell) for cell in r.cells] for r in table.rows
    ] == rows


def test_an_aligned_grids_cells_have_exact_offsets() -> None:
    lay = layout(ALIGNED_GRID)
    (table,) = lay.tables
    objective = table.rows[1].cells[1][0]
    start = ALIGNED_GRID.index("1a. Keep a diary")
    assert (objective.start, objective.end) == (start, start + len("1a. Keep a diary"))
