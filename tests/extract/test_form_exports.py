"""A fillable form's data exported as one line of field names over one line of values
(Acrobat's tab-delimited "Export Data", issue 11): the fields numbered by row
(``Row1_Date``, ``Row1_P``, ``Row2_Date``, ...) are the rows of the form's table, headed by
the names without prefix and number; check boxes exported "Yes"/"Off" are ticked or not.
A row with two statuses ticked says none for sure; names numbered with different fields
per row are left as they are."""

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
FIELDS = ("Date", "Service", "Time", "P", "A", "NS", "Staff")
ROWS = (
    ("03/03/25", "Group Psychotherapy", "0900-1030", "Yes", "Off", "Off", "J. Poe, LCSW"),
    ("03/03/25", "Psychoeducation Group", "1045-1200", "Off", "Off", "Yes", "S. Lee, LPC"),
    ("03/04/25", "Individual Therapy", "1300-1350", "Off", "Yes", "Off", "J. Poe, LCSW"),
    ("03/05/25", "Family Therapy", "1400-1450", "Yes", "Yes", "Off", "J. Poe, LCSW"),
    ("", "", "", "Off", "Off", "Off", ""),  # an empty row of the form
)
NAMES = ["ClientName", "WeekOf"] + [f"Row{n}_{f}" for n in range(1, 6) for f in FIELDS]
VALUES = ["Roe, Dana", "03/03/2025"] + [v for row in ROWS for v in row]
TEXT = "\t".join(NAMES) + "\r\n" + "\t".join(VALUES) + "\r\n"


def _cell(row: int, column: int) -> tuple[int, int]:
    """Offsets of the value of row ``row``'s field ``column`` on the values line."""
    at = TEXT.index("\r\n") + 2
    for k in range(2 + row * len(FIELDS) + column):
        at += len(VALUES[k]) + 1
    return at, at + len(VALUES[2 + row * len(FIELDS) + column])


def _read() -> list[Session]:
    doc = chart_doc(TEXT, kind=DocumentKind.OTHER)
    sessions, unread = read_document(doc)
    docs = {doc.document.document_id: doc.document}
    for s in sessions:
        for ev in iter_evidence(s):
            assert evidence_problem(ev, docs) is None
    assert unread == []
    return sessions


def _slot(s: Session, name: str) -> list[tuple[int, int]]:
    return [(ev.start, ev.end) for x in s.slots if x.slot == name for ev in x.evidence]


# (row, date, kind, attendance, start, end, column of the ticked box or None)
EXPECTED = [
    (
        0,
        dt.date(2025, 3, 3),
        ServiceKind.GROUP_PSYCHOTHERAPY,
        Attendance.ATTENDED,
        T(9),
        T(10, 30),
        3,
    ),
    (1, dt.date(2025, 3, 3), ServiceKind.GROUP_EDUCATION, Attendance.NO_SHOW, T(10, 45), T(12), 5),
    (
        2,
        dt.date(2025, 3, 4),
        ServiceKind.INDIVIDUAL_PSYCHOTHERAPY,
        Attendance.ABSENT,
        T(13),
        T(13, 50),
        4,
    ),
    # present and absent both ticked: no status for sure
    (
        3,
        dt.date(2025, 3, 5),
        ServiceKind.FAMILY_COUNSELING,
        Attendance.UNKNOWN,
        T(14),
        T(14, 50),
        None,
    ),
]


@pytest.mark.parametrize("expected", EXPECTED)
def test_each_numbered_row_of_the_export_is_a_service_record(
    expected: tuple[int, dt.date, ServiceKind, Attendance, dt.time, dt.time, int | None],
) -> None:
    row, date, kind, attendance, start, end, ticked = expected
    sessions = _read()
    assert len(sessions) == len(EXPECTED)  # not the empty row, not the header fields
    s = sessions[row]
    assert (s.date, s.service_kind, s.attendance, s.start, s.end) == (
        date,
        kind,
        attendance,
        start,
        end,
    )
    assert _slot(s, "date") == [_cell(row, 0)]
    assert _slot(s, "kind") == [_cell(row, 1)]
    assert _slot(s, "start") == [_cell(row, 2)]
    assert _slot(s, "attendance") == ([] if ticked is None else [_cell(row, ticked)])


def test_the_table_is_headed_by_the_field_names_without_row_numbers() -> None:
    layout = layout_of(chart_doc(TEXT).document)
    (table,) = layout.tables
    assert table.header is not None
    assert [TEXT[h.start : h.end] for h in table.header if h is not None] == list(FIELDS)
    first = TEXT.index("Row1_Date") + len("Row1_")
    assert (table.header[0].start, table.header[0].end) == (first, first + 4)  # type: ignore[union-attr]
    assert len(table.rows) == 4


@pytest.mark.parametrize(
    "names",
    [
        # the rows do not have the same fields
        ["Row1_Date", "Row1_Time", "Row2_Date", "Row2_Staff"],
        # one numbered row only
        ["Row1_Date", "Row1_Time", "Client", "Week"],
        # two prefixes
        ["Row1_Date", "Row1_Time", "Line2_Date", "Line2_Time"],
    ],
)
def test_names_not_numbered_row_by_row_are_left_as_they_are(names: list[str]) -> None:
    text = "\t".join(names) + "\n" + "\t".join(["03/03/25", "0900-1030", "03/04/25", "x"]) + "\n"
    layout = layout_of(chart_doc(text).document)
    (table,) = layout.tables
    assert table.header is not None
    assert [text[h.start : h.end] for h in table.header if h is not None] == names
    assert len(table.rows) == 1
