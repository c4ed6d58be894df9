"""Visit-history exports and billing journals (session 18, styles_dev11).

- A CSV row whose quoted comment holds line breaks is one row (extract/layout/tables.py
  ``_quoted_on``): the rows after it keep the table's header (before, the table ended at
  the comment and the later rows were read with no column roles).
- A length with a prime ("70'") in a duration column is minutes (extract/readers/when.py).
- A key that defines hyphenated codes ("IOP-PSYED = IOP psychoeducation group") names their
  kinds (extract/values/legend.py ``_ITEM``); "CC = cancelled by clinic" is a closure, not a
  missed session (services.yaml ``program_closed``).
- The key's "Status: P = present; ..." line is no visit's status field: a booking after
  discharge ("SCH = scheduled (future)") was read as attended from it
  (extract/readers/status.py ``_a_key``).
- A journal of charge lines with no header row of its own, each line naming one of several
  patients ("BAUTISTA, NOLAN  959454  20250623 ..."), is a list of several clients: with
  the member unknown, every line is unread, none the member's session
  (extract/records/clients.py ``_names_clients``).
"""

from __future__ import annotations

import datetime as dt

import pytest

from core.facts import Attendance, ServiceKind
from extract.layout import layout_of, reading_chart
from extract.records.clients import client_rows
from tests.chartdocs import chart_doc
from tests.chartdocs import grounded_sessions as _sessions
from tests.chartdocs import slot_spans as _slot
from tests.chartdocs import span as _at

D = dt.date
HEAD = (
    '"Visit History - Doe, Jane (MRN B41752426)"\n'
    "Duration,Status,Provider,Visit Type,Visit Date,Start,Visit ID,Comments\n"
)
KEY = (
    "\n"
    "Visit types: IOP-GRP = IOP group psychotherapy; IOP-PSYED = IOP psychoeducation group; "
    "IND = individual psychotherapy\n"
    "Status: P = present; NS = no show; CC = cancelled by clinic; SCH = scheduled (future)\n"
)
SCH = ',SCH,"A. Roe, LMFT",OP-THER,23-Sep-2025,2:00 PM,V9,Step-down: weekly therapy.\n'
PSYED = '90\',P,"A. Roe, LMFT",IOP-PSYED,11-Sep-2025,7:10 PM,V8,"Telehealth (video).\nDidactic."\n'
GRP = '70\',P,"J. Poe, PsyD",IOP-GRP,10-Sep-2025,5:30 PM,V7,Client shared.\n'
CLOSED = ",CC,,IOP-GRP,01-Sep-2025,5:30 PM,V6,Program closed (holiday).\n"


@pytest.mark.parametrize(
    ("rows", "expected", "minutes_quote"),
    [
        (
            (PSYED, GRP),
            [
                (D(2025, 9, 10), ServiceKind.GROUP_PSYCHOTHERAPY, Attendance.ATTENDED, 70.0),
                (D(2025, 9, 11), ServiceKind.GROUP_EDUCATION, Attendance.ATTENDED, 90.0),
            ],
            "70'",
        ),
        (
            (SCH, GRP),
            [
                (D(2025, 9, 10), ServiceKind.GROUP_PSYCHOTHERAPY, Attendance.ATTENDED, 70.0),
                (D(2025, 9, 23), ServiceKind.UNKNOWN, Attendance.UNKNOWN, None),
            ],
            "70'",
        ),
        (
            (GRP, CLOSED),
            [
                (D(2025, 9, 1), ServiceKind.GROUP_PSYCHOTHERAPY, Attendance.PROGRAM_CLOSED, None),
                (D(2025, 9, 10), ServiceKind.GROUP_PSYCHOTHERAPY, Attendance.ATTENDED, 70.0),
            ],
            "70'",
        ),
    ],
    ids=["quoted-line-break-keeps-the-header", "booking-after-discharge", "clinic-cancelled"],
)
def test_a_visit_history_export(
    rows: tuple[str, ...], expected: list[tuple[object, ...]], minutes_quote: str
) -> None:
    text = HEAD + "".join(rows) + KEY
    found = sorted(_sessions(text), key=lambda s: s.date)
    assert [(s.date, s.service_kind, s.attendance, s.minutes) for s in found] == expected
    grp = next(s for s in found if s.date == D(2025, 9, 10))
    assert _slot(grp, "minutes") == [_at(text, minutes_quote)]
    assert _slot(grp, "date") == [_at(text, "10-Sep-2025")]
    unknown = [s for s in found if s.attendance is Attendance.UNKNOWN]
    for s in unknown:  # the key's "P = present" is no status of the booking
        assert _slot(s, "attendance") == []


def test_the_psychoeducation_row_after_a_quoted_line_break_is_quoted_whole() -> None:
    text = HEAD + PSYED + GRP + KEY
    psyed = next(s for s in _sessions(text) if s.date == D(2025, 9, 11))
    assert _slot(psyed, "minutes") == [_at(text, "90'")]
    assert _at(text, "IOP-PSYED", HEAD) in _slot(psyed, "kind")


JOURNAL = (
    "RIVERBEND IOP   CHARGE POSTING JOURNAL   RUN 20250804   PAGE   1 OF   1\n"
    "PATIENT                ACCT    DOS       TIME IN-OUT      PROC  MOD DESCRIPTION"
    "      UN  ST  RND    CHARGE\n"
    "-----------------------------------------------------------------------------------\n"
    "\n"
    "BATCH 0625-001  POSTED 20250625  OPERATOR APS\n"
    "BAUTISTA, NOLAN        959454  20250623  0815hrs-0915hrs  90837     PSYTX 53M+"
    "        1  PD  DA     156.00\n"
    "LARKIN, KENDRA         737493  20250623  0930hrs-1100hrs  90853     GRP PSYTX"
    "         1  PD  BL      62.00\n"
    "LARKIN, KENDRA         737493  20250623                   S9480     IOP PER DIEM"
    "      1  PD  BL     310.00\n"
    "PHAM, OWEN             671515  20250623  0930hrs-1100hrs  90853     GRP PSYTX"
    "         0  NS  GK       0.00\n"
    "                               BATCH 001 TOTAL    4 LINES"
    "                                    528.00\n"
)


def test_a_journal_of_several_patients_lines_with_no_header_row_is_unread() -> None:
    assert _sessions(JOURNAL) == []
    doc = chart_doc(JOURNAL).document
    with reading_chart():
        rows = client_rows(layout_of(doc))
    # every charge line (lines 5-8) may be the member's: unknown, none the member's
    assert rows.member == frozenset()
    assert rows.unknown == frozenset({5, 6, 7, 8})


SYSLOG = (
    "Feb  7 23:14:40 ehr-app02 sched[2231]: APPT_BOOK id=52690 pt=H86231638 dos=02/13/2025 "
    'sched=0930-1100 svc=GRP-PSY prov1="Beaumont, Victor LCSW"\n'
    "Feb  7 23:16:29 ehr-app02 sched[2231]: APPT_BOOK id=52692 pt=H86231638 dos=02/13/2025 "
    'sched=1130-1245 svc=GRP-EDU prov1="Rosenthal, Riley PsyD"\n'
    "Feb  8 19:12:00 ehr-app02 sched[2231]: CAL_CLOSE date=02/17/2025 reason=holiday\n"
)


def test_a_log_naming_staff_with_credentials_is_no_list_of_clients() -> None:
    doc = chart_doc(SYSLOG).document
    with reading_chart():
        rows = client_rows(layout_of(doc))
    assert (rows.member, rows.others, rows.unknown) == (frozenset(), frozenset(), frozenset())
