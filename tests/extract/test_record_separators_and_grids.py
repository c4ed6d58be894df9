"""Structure, not template (issue 11): a log whose records are set off by rules of "=", a
delimited export whose first line names its columns in lower case, and an attendance grid
whose rows each give their own week. Each was read wrong or not at all: the rules made
the records above them underlined titles, and the record under the last title took the
title's status ("ABSENT" read as "PRESENT": confident wrong); "dos,cpt,units,mins,status"
was no header, so the minutes went unread; a "Week of" column dated nothing, so a grid of
marks gave no session and no unread record (silent)."""

from __future__ import annotations

import datetime as dt

from core.facts import Attendance, ServiceKind
from extract.layout import layout_of
from extract.layout.structure import HeadingKind
from tests.chartdocs import chart_doc
from tests.chartdocs import grounded_sessions as _sessions
from tests.chartdocs import slot_spans as _slot
from tests.chartdocs import span as _at

D = dt.date
RULE = "=" * 42 + "\n"
LOG = (
    "SERVICE LOG - Member: Jane Q. Sample\n"
    + RULE
    + "03/03/2025   0900-1200   IOP GROUP PSYCHOTHERAPY   PRESENT\n"
    + RULE
    + "03/05/2025   0900-1200   IOP GROUP PSYCHOTHERAPY   PRESENT\n"
    + RULE
    + "03/07/2025   0900-1200   IOP GROUP PSYCHOTHERAPY   ABSENT\n"
)


def test_records_between_rules_are_no_underlined_titles() -> None:
    layout = layout_of(chart_doc(LOG).document)
    kinds = [h.kind if h is not None else None for h in layout.headings]
    assert HeadingKind.UNDERLINED not in kinds[2:]
    found = _sessions(LOG)
    assert [(s.date, s.attendance, s.minutes) for s in found] == [
        (D(2025, 3, 3), Attendance.ATTENDED, 180.0),
        (D(2025, 3, 5), Attendance.ATTENDED, 180.0),
        (D(2025, 3, 7), Attendance.ABSENT, 180.0),
    ]
    assert _slot(found[2], "attendance") == [_at(LOG, "ABSENT")]


def test_a_short_title_over_a_rule_is_still_a_title() -> None:
    text = "Group Progress Note\n" + RULE + "Date: 03/03/2025\n"
    layout = layout_of(chart_doc(text).document)
    heading = layout.headings[0]
    assert heading is not None and heading.kind is HeadingKind.UNDERLINED


CSV = (
    "dos,cpt,units,mins,status\n"
    "2025-03-03,90853,1,180,kept\n"
    "2025-03-05,90853,1,165,kept\n"
    "2025-03-07,90853,1,180,no show\n"
)


def test_a_delimited_files_first_line_of_names_is_its_header() -> None:
    layout = layout_of(chart_doc(CSV).document)
    (table,) = layout.tables
    assert table.header is not None
    assert [table.header_text(CSV, j) for j in range(table.width)] == [
        "dos",
        "cpt",
        "units",
        "mins",
        "status",
    ]
    found = _sessions(CSV)
    assert [(s.date, s.minutes, s.attendance) for s in found] == [
        (D(2025, 3, 3), 180.0, Attendance.ATTENDED),
        (D(2025, 3, 5), 165.0, Attendance.ATTENDED),
        (D(2025, 3, 7), 180.0, Attendance.NO_SHOW),
    ]
    assert _slot(found[1], "minutes") == [_at(CSV, "165")]


GRID = (
    "IOP Attendance Grid\n"
    "Member: Jane Q. Sample\n"
    "\n"
    "| Week of    | Mon | Tue | Wed | Thu | Fri |\n"
    "|------------|-----|-----|-----|-----|-----|\n"
    "| 03/03/2025 | P   |     | P   |     | P   |\n"
    "| 03/10/2025 | P   |     | A   |     | P   |\n"
)


def test_a_grid_row_dated_by_its_own_week() -> None:
    found = _sessions(GRID)
    assert [(s.date, s.attendance) for s in found] == [
        (D(2025, 3, 3), Attendance.ATTENDED),
        (D(2025, 3, 5), Attendance.ATTENDED),
        (D(2025, 3, 7), Attendance.ATTENDED),
        (D(2025, 3, 10), Attendance.ATTENDED),
        (D(2025, 3, 12), Attendance.ABSENT),
        (D(2025, 3, 14), Attendance.ATTENDED),
    ]
    # the day of each mark: its weekday's header and its row's week
    assert _slot(found[4], "date") == [_at(GRID, "Wed"), _at(GRID, "03/10/2025")]
    # nothing says what service the marks are: not guessed
    assert {s.service_kind for s in found} == {ServiceKind.UNKNOWN}


EVENTS = (
    "Event log - Member: Jane Q. Sample\n"
    "03/03/2025 08:58  Checked in\n"
    "03/03/2025 09:00  Group psychotherapy started\n"
    "03/03/2025 12:00  Group psychotherapy ended\n"
    "03/03/2025 12:02  Checked out\n"
    "03/05/2025 09:00  Group psychotherapy started\n"
    "03/05/2025 12:00  Group psychotherapy ended\n"
    "03/05/2025 12:04  Checked out\n"
)


def test_checked_in_before_and_out_after_a_service_attended_it() -> None:
    found = _sessions(EVENTS)
    # 03/05: checked out, but no check-in logged: whether the member came is not said
    assert [(s.date, s.attendance, s.minutes) for s in found] == [
        (D(2025, 3, 3), Attendance.ATTENDED, 180.0),
        (D(2025, 3, 5), Attendance.UNKNOWN, 180.0),
    ]
    assert _slot(found[0], "attendance") == [_at(EVENTS, "Checked in")]


def test_a_grid_row_dated_by_the_end_of_its_week() -> None:
    # "Week ending" Friday 03/07: Mon is 03/03, not 03/10
    text = GRID.replace("| Week of    |", "| Week ending|").replace("03/03/2025", "03/07/2025")
    text = text.replace("03/10/2025", "03/14/2025")
    found = _sessions(text)
    assert [s.date for s in found][:3] == [D(2025, 3, 3), D(2025, 3, 5), D(2025, 3, 7)]
    assert [s.date for s in found][3:] == [D(2025, 3, 10), D(2025, 3, 12), D(2025, 3, 14)]
