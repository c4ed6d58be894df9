"""Sign-in sheets (extract/records/sheets.py): a table of the people who came to one
service is no list of services; the member's row gives the member's time in and out or
status to the sheet's record, and a sheet that does not list the member is not the
member's."""

from __future__ import annotations

import datetime as dt

import pytest

from core.facts import Attendance, ServiceKind
from extract.deterministic.sessions import read_document
from extract.layout import layout_of
from extract.records.sheets import roster_table
from tests.chartdocs import chart_doc
from tests.chartdocs import grounded_sessions as _sessions
from tests.chartdocs import slot_spans as _slot
from tests.chartdocs import span as _at

T = dt.time
D = dt.date

HEAD = "Client: Holloway, Imani    MRN: K39517344\n\n"
SHEET_1 = (
    "GROUP SIGN-IN SHEET    Lakeshore Mental Health\n"
    "Group: Process Group (Group Psychotherapy, 90853)    Date: Tue 12/2/2025\n"
    "Scheduled: 13:00 to 14:30    Room 4\n"
    "Facilitator(s): Imani Ferreira, LMHC\n"
    "#  Participant                       Time In   Time Out  Staff\n"
    "1  [REDACTED]                        13:00     14:30     IF\n"
    "2  HOLLOWAY, IMANI                   13:20     14:30     IF\n"
    "3  [REDACTED]                        13:00     14:30     IF\n"
    "Members present: 3    Sheet verified by IF\n"
)
SHEET_2 = (
    "GROUP SIGN-IN SHEET    Lakeshore Mental Health\n"
    "Group: Recovery Education Group (Group Psychoeducation)    Date: Tue 12/2/2025\n"
    "Scheduled: 14:45 to 16:15    Room 2\n"
    "Facilitator(s): Keisha Castillo, PsyD\n"
    "#  Participant                       Time In   Time Out  Staff\n"
    "1  (redacted - 42 CFR Part 2)        14:45     16:15     KC\n"
    "2  HOLLOWAY, IMANI                   -- NO SHOW (no call) -- KC\n"
    "3  (redacted - 42 CFR Part 2)        14:45     16:15     KC\n"
    "Members present: 2    Sheet verified by KC\n"
)
VIRTUAL = (
    "VIRTUAL GROUP ATTENDANCE LOG (Zoom)    Lakeshore Mental Health\n"
    "Group: Process Group (Group Psychotherapy, 90853)    Date: Wed 12/3/2025\n"
    "Scheduled: 1300 to 1430    Platform: Zoom (video)\n"
    "Facilitator(s): Imani Ferreira, LMHC\n"
    "#  Participant                       Joined    Left      Staff\n"
    "1  XXXXXXXX XXXXX                    1300      1430      IF\n"
    "2  HOLLOWAY, IMANI                   1300      1400      IF\n"
    "Members present: 2    Sheet verified by IF\n"
)
NOT_ON_IT = (
    "GROUP SIGN-IN SHEET    Lakeshore Mental Health\n"
    "Group: Process Group (Group Psychotherapy, 90853)    Date: Thu 12/4/2025\n"
    "Scheduled: 13:00 to 14:30    Room 4\n"
    "Facilitator(s): Imani Ferreira, LMHC\n"
    "#  Participant                       Time In   Time Out  Staff\n"
    "1  [REDACTED]                        13:00     14:30     IF\n"
    "2  [REDACTED]                        13:00     14:30     IF\n"
    "Members present: 2    Sheet verified by IF\n"
)
SHEETS = HEAD + SHEET_1 + SHEET_2 + VIRTUAL + NOT_ON_IT


def test_each_sheet_is_one_session_read_from_the_members_row() -> None:
    found = _sessions(SHEETS)
    assert [
        (
            s.date,
            s.service_kind,
            s.attendance,
            s.start,
            s.end,
            s.member_start,
            s.member_end,
            s.minutes,
            s.group_size,
        )
        for s in found
    ] == [
        (
            D(2025, 12, 2),
            ServiceKind.GROUP_PSYCHOTHERAPY,
            Attendance.ATTENDED,
            T(13),
            T(14, 30),
            T(13, 20),
            T(14, 30),
            70.0,
            3,
        ),
        (
            D(2025, 12, 2),
            ServiceKind.GROUP_EDUCATION,
            Attendance.NO_SHOW,
            T(14, 45),
            T(16, 15),
            None,
            None,
            90.0,
            2,
        ),
        (
            D(2025, 12, 3),
            ServiceKind.GROUP_PSYCHOTHERAPY,
            Attendance.ATTENDED,
            T(13),
            T(14, 30),
            T(13),
            T(14),
            60.0,
            2,
        ),
    ]
    late, missed, virtual = found
    text = SHEETS
    assert _slot(late, "member_start") == [_at(text, "13:20")]
    assert _slot(late, "member_end") == [_at(text, "14:30", after="13:20")]
    assert _slot(late, "group_size") == [_at(text, "3", after="Members present: ")]
    assert _slot(missed, "attendance") == [_at(text, "-- NO SHOW")]
    assert _slot(virtual, "member_end") == [_at(text, "1400")]
    assert [(p.name, p.credentials) for p in late.facilitators] == [("Imani Ferreira", ("LMHC",))]


@pytest.mark.parametrize(
    ("text", "roster", "member_line"),
    [
        (SHEETS, True, 8),
        # one person's rows (a log of the member's own services): no roster
        (
            "Participant      Time In   Time Out\n"
            "DOE, JANE        09:00     10:30\n"
            "DOE, JANE        10:45     12:15\n",
            False,
            None,
        ),
        # rows of people, each with a date and a service of its own: a log, not a sheet
        (
            "Client       Date        Service          Time In  Time Out\n"
            "DOE, JANE    10/07/2025  Process group    09:00    10:30\n"
            "ROE, JOHN    10/07/2025  Process group    09:00    10:30\n",
            False,
            None,
        ),
    ],
    ids=["sheet", "one-person", "log-of-people"],
)
def test_a_roster_table_lists_people_not_services(
    text: str, roster: bool, member_line: int | None
) -> None:
    layout = layout_of(chart_doc(text).document)
    found = roster_table(layout, layout.tables[0])
    assert (found is not None) == roster
    if found is not None:
        assert found.member is not None
        assert found.member.lines[0] == member_line


def test_a_sheet_without_the_members_row_is_not_the_members() -> None:
    assert _sessions(HEAD + NOT_ON_IT) == []


@pytest.mark.parametrize(
    ("line", "heading"),
    [
        ("GROUP SIGN-IN SHEET    Lakeshore Mental Health", "GROUP SIGN-IN SHEET"),
        # a number, time or date in it: a row or a header of its own, no title
        ("GROUP 1   9:00 AM - 10:00 AM   Relapse Prevention Group", None),
        ("DOSING WINDOW RECORD  -  DOE, JANE  (CP-118830)", None),
        ("Group sign-in sheet    Lakeshore Mental Health", None),
    ],
    ids=["title", "timed-row", "numbered", "not-capitals"],
)
def test_a_title_in_capitals_before_wide_blanks_heads_what_follows(
    line: str, heading: str | None
) -> None:
    text = f"{line}\nGroup: Process Group    Date: 12/2/2025\n"
    layout = layout_of(chart_doc(text).document)
    h = layout.headings[0]
    assert (None if h is None else text[h.start : h.end]) == heading


def test_the_members_row_of_a_sheet_in_no_record_is_listed_unread() -> None:
    # no dated record holds the table: its rows are people, the member's row is unread
    text = (
        "Client: Holloway, Imani\n"
        "\n"
        "#  Participant                       Time In   Time Out  Staff\n"
        "1  [REDACTED]                        13:00     14:30     IF\n"
        "2  HOLLOWAY, IMANI                   13:20     14:30     IF\n"
    )
    found, unread = read_document(chart_doc(text))
    assert found == []
    row = text.index("2  HOLLOWAY")
    assert [(u.start, u.end) for u in unread] == [(row, text.index("IF\n", row) + 2)]
