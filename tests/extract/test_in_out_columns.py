"""A log of the member's services whose columns give the member's own time in and out
("Sign In / Sign Out", "Check-in / Check-out", "Arrived / Departed", "In / Out", "Joined /
Left"; services.yaml ``sheet_in_columns`` and ``sheet_out_columns``) and no start or end
column of its own (extract/records/tables.py ``_member_in_out_columns``): each row is a
service the member came to, from the time in to the time out. Before, these columns had
no role and every row was read without a length, or not at all. A log that lists several
clients keeps only the member's rows (extract/records/clients.py), and a table whose
rows' times in fall on several days is a log, not one session's sign-in sheet."""

from __future__ import annotations

import datetime as dt

import pytest

from core.facts import Attendance
from tests.chartdocs import grounded_sessions as _sessions
from tests.chartdocs import slot_spans as _slot
from tests.chartdocs import span as _at

T = dt.time
D = dt.date
HEAD = "# Attendance log - Riverside IOP\n\nClient: Jane Q. Sample    DOB: 01/02/1980\n\n"


def _table(header: str, *rows: str) -> str:
    cells = header.count("|") - 1
    return header + "\n" + "|---" * cells + "|\n" + "".join(r + "\n" for r in rows)


@pytest.mark.parametrize(
    ("table", "in_quote", "out_quote"),
    [
        (
            _table(
                "| Patient | Date | Sign In | Sign Out |",
                "| Jane Q. Sample | 03/03/2025 | 09:05 AM | 12:00 PM |",
                "| Jane Q. Sample | 03/05/2025 | 09:00 AM | 11:30 AM |",
            ),
            "09:05 AM",
            "12:00 PM",
        ),
        (
            _table(
                "| Client | DOS | In | Out |",
                "| Jane Q. Sample | 03/03/2025 | 9:05a | 12:00p |",
                "| Jane Q. Sample | 03/05/2025 | 9:00a | 11:30a |",
            ),
            "9:05a",
            "12:00p",
        ),
        (
            _table(
                "| Name | Date | Arrived | Departed |",
                "| Jane Q. Sample | 03/03/2025 | 09:05 | 12:00 |",
                "| Jane Q. Sample | 03/05/2025 | 09:00 | 11:30 |",
            ),
            "09:05",
            "12:00",
        ),
        (
            _table(
                "| Client | Check-in | Check-out | Status |",
                "| Jane Q. Sample | 03/03/2025 09:05 AM | 03/03/2025 12:00 PM | Attended |",
                "| Jane Q. Sample | 03/05/2025 09:00 AM | 03/05/2025 11:30 AM | Attended |",
            ),
            "09:05 AM",
            "12:00 PM",
        ),
    ],
    ids=["sign-in-out", "in-out", "arrived-departed", "check-in-out-date-times"],
)
def test_the_members_own_time_in_and_out_columns(table: str, in_quote: str, out_quote: str) -> None:
    text = HEAD + table
    found = _sessions(text)
    assert [(s.date, s.attendance, s.minutes) for s in found] == [
        (D(2025, 3, 3), Attendance.ATTENDED, 175.0),
        (D(2025, 3, 5), Attendance.ATTENDED, 150.0),
    ]
    row = table.splitlines()[2]
    assert _slot(found[0], "member_start") == [_at(text, in_quote, row)]
    assert _slot(found[0], "member_end") == [_at(text, out_quote, row)]


def test_another_clients_rows_of_a_log_say_nothing_of_the_member() -> None:
    text = HEAD + _table(
        "| Client | Check-in | Check-out |",
        "| Jane Q. Sample | 03/03/2025 09:00 AM | 03/03/2025 12:00 PM |",
        "| Bob T. Other | 03/03/2025 09:00 AM | 03/03/2025 11:00 AM |",
        "| Jane Q. Sample | 03/05/2025 09:00 AM | 03/05/2025 12:00 PM |",
    )
    found = _sessions(text)
    assert [(s.date, s.minutes) for s in found] == [(D(2025, 3, 3), 180.0), (D(2025, 3, 5), 180.0)]
    assert all(text.index("Bob") not in range(*_slot(s, "date")[0]) for s in found)


def test_a_sign_in_sheet_under_a_bare_name_column() -> None:
    # one session's sheet: "Name" beside times in and out names people; the member's row
    # gives the member's own times (was: not a sheet, the session's 180 minutes, status
    # unknown)
    text = (
        HEAD
        + "Date: 03/03/2025   Group: Process group 9:00-12:00\n\n"
        + _table(
            "| Name | Sign In | Sign Out |",
            "| Jane Q. Sample | 09:05 | 12:00 |",
            "| Bob T. Other | 09:00 | 11:00 |",
        )
    )
    (s,) = _sessions(text)
    assert (s.date, s.attendance, s.member_start, s.member_end, s.minutes) == (
        D(2025, 3, 3),
        Attendance.ATTENDED,
        T(9, 5),
        T(12, 0),
        175.0,
    )
    assert _slot(s, "member_start") == [_at(text, "09:05")]
