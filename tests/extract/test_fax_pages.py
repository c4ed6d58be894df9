"""Faxed and scanned pages (OCR text): labels as OCR misreads them, a fax banner stamped on
every page, a sign-in sheet whose rows are numbered, a status key that defines codes."""

from __future__ import annotations

import datetime as dt

import pytest

from core.facts import Attendance, ServiceKind
from core.grounding import evidence_problem, iter_evidence
from extract.deterministic.sessions import extract_sessions
from extract.values import times
from extract.values.vocab import vocab
from tests.chartdocs import chart_doc

BANNER = (
    "Sep 30 2025 01:18PM  FROM: N0RTH VALLEY COUN5ELING (716) 918-8633  T0: UM REVlEW  P.0{n}/09"
)

SHEET = """\f{banner}
DAILY GR0UP SIGN-IN 5HEET
Client: Yara Oyelaran
Dafc: 09/15/2025     Group: {group}     Tirne: {time}
Facilitafor(s): M. Ferreira, LPC

 #  CLIENT NAME             lN       OUT      STATU5  MODE
 1  [REDACTED]              9:00     10:30    NS      IP
 {row}

STATUS: P=present  A=absent (excused)  NS=no show  CX=cancelled  | MODE: IP=in person
"""


def fax(*sheets: tuple[str, str, str]) -> str:
    return "".join(
        SHEET.format(banner=BANNER.format(n=k + 2), group=g, time=t, row=r)
        for k, (g, t, r) in enumerate(sheets)
    )


@pytest.mark.parametrize(
    ("label", "role"),
    [("Datc", "date"), ("Dafc", "date"), ("Tirne", "time"), ("Tlme", "time"), ("STATU5", "attendance"),
     ("Sfart", "start"), ("Facilitafor(s)", "staff"), ("Stop", "end"), ("Client", None)],
)  # fmt: skip
def test_a_label_as_ocr_misreads_it_names_its_role(label: str, role: str | None) -> None:
    assert vocab().role_of(label) == role


def test_a_digit_inside_a_word_is_no_clock() -> None:
    text = "FROM: N0RTH VALLEY  T0tal present"
    assert list(times.find_clock_times(text, 0, len(text), loose=True)) == []


def test_each_sheet_of_a_faxed_packet_is_one_session_the_banner_dates_none() -> None:
    text = fax(
        ("CBT Group", "9:00 - 10:30 AM", "6  OYELARAN, YARA          9:00     10:30    P       IP"),
        (
            "Medication Education Group",
            "10:45 - 12:15 PM",
            "2  [REDACTED]    10:45    12:15    P    IP",
        ),
    )
    doc = chart_doc(text)
    found = extract_sessions(doc)
    docs = {doc.document.document_id: doc.document}
    assert [(s.date, s.service_kind, s.start, s.end, s.attendance) for s in found] == [
        (dt.date(2025, 9, 15), ServiceKind.GROUP_PSYCHOTHERAPY, dt.time(9), dt.time(10, 30),
         Attendance.ATTENDED),
        # the member's row is not on the second sheet: the status key ("NS=no show") and
        # the other client's "NS" say nothing about the member
        (dt.date(2025, 9, 15), ServiceKind.GROUP_EDUCATION, dt.time(10, 45), dt.time(12, 15),
         Attendance.UNKNOWN),
    ]  # fmt: skip
    (status,) = [x for x in found[0].slots if x.slot == "attendance"]
    row = text.index("6  OYELARAN, YARA")
    assert status.source == "deterministic:status.roster"
    assert [(e.start, e.quote) for e in status.evidence] == [(text.index(" P ", row) + 1, "P")]
    for s in found:
        for ev in iter_evidence(s):
            assert evidence_problem(ev, docs) is None


KEYED_NOTE = (
    "GROUP NOTE\nClient: OYELARAN, YARA\n"
    "Date: {date}     Group: Relapse Prevention Group     Time: 9:00 - 10:30 AM\n"
    "STATUS: P=present  A=absent (excused)  NS=no show  CX=cancelled\n"
    "Attendance: {status}\nFacilitator: M. Ferreira, LPC\n\n"
)


@pytest.mark.parametrize(
    ("status", "attendance"),
    [("NS", Attendance.NO_SHOW), ("CX", Attendance.CANCELLED), ("A", Attendance.ABSENT),
     ("P", Attendance.ATTENDED)],
)  # fmt: skip
def test_a_status_key_printed_again_in_a_later_note_states_no_status(
    status: str, attendance: Attendance
) -> None:
    # every note prints the key ("STATUS: P=present ... NS=no show"); the second note's
    # key defines codes as the first one's does and says nothing of the session: its
    # attendance field does
    first = KEYED_NOTE.format(date="09/15/2025", status="P")
    text = first + KEYED_NOTE.format(date="09/16/2025", status=status)
    found = extract_sessions(chart_doc(text))
    assert [(s.date, s.attendance) for s in found] == [
        (dt.date(2025, 9, 15), Attendance.ATTENDED),
        (dt.date(2025, 9, 16), attendance),
    ]
    spans = [
        [(e.start, e.end) for x in s.slots if x.slot == "attendance" for e in x.evidence]
        for s in found
    ]
    at = [first.index("Attendance: P") + 12, text.index("Attendance: ", len(first)) + 12]
    assert spans == [[(at[0], at[0] + 1)], [(at[1], at[1] + len(status))]]
