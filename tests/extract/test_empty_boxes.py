"""A form's row of boxes left empty right under a row of filled ones (a missed session's
"Client In   Client Out   Minutes Attended" over nothing) is a row of captions with empty
values (extract/layout/stacked.py): the filled row above is fields, not a one-row table,
so each service block of a daily form is a part of its own. A table's header over a blank
line and its rows stays a table. Exact offsets."""

from __future__ import annotations

import datetime as dt

from core.data import DocumentKind
from core.facts import Attendance, ServiceKind
from extract.deterministic.sessions import read_document
from extract.layout import layout_of
from tests.chartdocs import chart_doc

T = dt.time

BLOCK = (
    "Service                              Code     Setting            Scheduled\n"
    "{service:<37}{code:<9}Clinic             {time}\n"
    "Client In     Client Out     Minutes Attended     Clients Present\n"
    "\n"
    "Facilitator                               Co-Facilitator\n"
    "Taylor Nakamura, LMHC\n"
    "Attendance              Comment\n"
    "No-show                 did not answer outreach calls\n"
    "\n"
    "--------------------------------------------------------------------------------------\n"
)
FORM = (
    "DAILY IOP ATTENDANCE VERIFICATION\n"
    "\n"
    "Client                          Record No.        Date of Service      Weekday\n"
    "Quinn Lindqvist                 A49202915         12/01/2025           Monday\n"
    "\n"
    + BLOCK.format(service="Relapse Prevention Group", code="90853", time="1730-1900")
    + BLOCK.format(service="Recovery Education Group", code="G0177", time="1910-2040")
)


def test_boxes_left_empty_under_filled_ones_are_captions_without_values() -> None:
    layout = layout_of(chart_doc(FORM).document)
    empty = FORM.index("Client In")
    line = layout.line_at(empty)
    assert [(f.key, f.label_start, f.start, f.end) for f in layout.fields_by_line[line]] == [
        ("client in", empty, empty + 9, empty + 9),
        ("client out", empty + 14, empty + 24, empty + 24),
        ("minutes attended", empty + 29, empty + 45, empty + 45),
        ("clients present", empty + 50, empty + 65, empty + 65),
    ]
    filled = layout.line_at(FORM.index("Relapse Prevention Group"))
    assert [f.key for f in layout.fields_by_line[filled]] == [
        "service",
        "code",
        "setting",
        "scheduled",
    ]
    assert not layout.in_table(filled)


def test_each_service_block_of_a_daily_form_is_its_own_session() -> None:
    sessions, _ = read_document(chart_doc(FORM, kind=DocumentKind.ATTENDANCE))
    assert [(s.service_kind, s.attendance, s.start, s.end) for s in sessions] == [
        (ServiceKind.GROUP_PSYCHOTHERAPY, Attendance.NO_SHOW, T(17, 30), T(19)),
        (ServiceKind.GROUP_EDUCATION, Attendance.NO_SHOW, T(19, 10), T(20, 40)),
    ]


TABLE = (
    "Date         Service                   Time\n"
    "\n"
    "12/01/2025   Relapse Prevention Group  1730-1900\n"
    "12/03/2025   CBT Group                 1730-1900\n"
)


def test_a_header_over_a_blank_line_and_rows_stays_a_table() -> None:
    layout = layout_of(chart_doc(TABLE).document)
    assert [(t.first_line, t.last_line, len(t.rows)) for t in layout.tables] == [(0, 3, 2)]
    assert layout.fields_by_line[0] == ()
