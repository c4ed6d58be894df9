"""Lists of several clients' services (a clinician's day sheet): only the member's rows
are the member's; other clients' rows say nothing of the member; a row whose client
cannot be told is unread, never read as the member's (:mod:`extract.records.clients`).

Also: a key of service codes set out in columns ("Svc: 90853 group psychotherapy
H2027 psychoeducation, group") defines its codes; a headerless table's sparse remarks
column takes no role a fuller column holds; a remark "in 9:20a" beside a tardy status is
the member's arrival; a long cell with a date ("*LATE ENTRY for DOS 04/07/25*") is no
status; the member's row in a block too short to make a table is read as a row.
"""

from __future__ import annotations

import datetime as dt

import pytest

from core.data import DocumentKind
from core.facts import Attendance, ServiceKind, Session, UnreadRecord
from core.grounding import evidence_problem, iter_evidence
from extract.deterministic.extractor import DeterministicExtractor
from extract.layout import layout_of, reading_chart
from extract.records.clients import MEMBER, OTHER, ClientRows, client_rows, name_says
from extract.records.clients import _who as member_identity
from tests.chartdocs import chart_doc, span

GP = ServiceKind.GROUP_PSYCHOTHERAPY
GE = ServiceKind.GROUP_EDUCATION
IND = ServiceKind.INDIVIDUAL_PSYCHOTHERAPY
P = Attendance.ATTENDED
NS = Attendance.NO_SHOW
D = dt.date(2025, 4, 21)
UNREAD_ROW = "a service's record that could not be read into a session"

INTAKE = "INTAKE SUMMARY\nClient: Jane Doe   MRN: A1234567\n"

# the member named by a banner with the record number: rows by "LAST, F." and MRN
DAY_SHEET = (
    "Copies of day sheets filed for Quinn Castillo  (MRN H44578325)\n"
    "CLINICIAN DAY SHEET\n"
    "Clinician: E. Beaumont, LMHC    Date: Mon 4/21/25\n"
    " Time          Client                 MRN        Svc     Un  St\n"
    " 9a-10a        ASHBY, N.              H80466231  90853    0  NS\n"
    " 9a-10a        CASTILLO, Q.           H44578325  90853    4  P\n"
    " 9a-10a        CASTILLO, P.           Q45751011  90853    4  P\n"
    " 1p-1:50p      CROWE, C.              K94948114  90834    3  P\n"
)
# initials under a "Client" column
INITIALS = (
    "DAY SHEET  04/21/2025\n"
    "Time          Client   Service              Status\n"
    "09:00-10:00   JD       Group psychotherapy  Present\n"
    "09:00-10:00   RR       Group psychotherapy  No-show\n"
    "10:15-11:15   KL       Individual therapy   Present\n"
)
# record numbers only, under "MRN"
MRNS = (
    "DAY SHEET  04/21/2025\n"
    "Time          MRN        Service              Status\n"
    "09:00-10:00   A7654321   Group psychotherapy  No-show\n"
    "10:15-11:15   A1234567   Individual therapy   Present\n"
    "11:30-12:30   A5555555   Individual therapy   Present\n"
)
# the member is not on the sheet
NOT_THE_MEMBER = (
    "DAY SHEET  04/21/2025\n"
    "Time          Client       Service              Status\n"
    "09:00-10:00   Roe, Rick    Group psychotherapy  No-show\n"
    "10:15-11:15   Poe, Edgar   Individual therapy   Present\n"
)
# a row whose client cell is blank
BLANK_CLIENT = (
    "DAY SHEET  04/21/2025\n"
    "Time          Client       Service              Status\n"
    "09:00-10:00   Doe, Jane    Group psychotherapy  Present\n"
    "10:15-11:15   Roe, Rick    Group psychotherapy  Present\n"
    "11:30-12:30                Individual therapy   Present\n"
)
# the member's last name and initial with another client's record number
NAMESAKE = (
    "DAY SHEET  04/21/2025\n"
    "Time          Client       MRN        Service              Status\n"
    "09:00-10:00   DOE, J.      A1234567   Group psychotherapy  Present\n"
    "10:15-11:15   DOE, J.      A9999999   Individual therapy   Present\n"
    "11:30-12:30   ROE, R.      A5555555   Individual therapy   Present\n"
)

# a calendar's events: several attendees in a cell, each with role and status; a head count;
# an address alone
ATTENDEES = (
    "Date\tStart\tEnd\tSummary\tAttendee\n"
    "2025-03-03\t09:00\t10:30\tCBT Group\tJane Roe (REQ-PARTICIPANT, ACCEPTED) / Ann Lee\n"
    "2025-03-04\t09:00\t10:30\tCBT Group\tJohn Poe (REQ-PARTICIPANT, ACCEPTED)\n"
    "2025-03-05\t09:00\t10:30\tCBT Group\t6\n"
    "2025-03-06\t09:00\t10:30\tCBT Group\tjroe@example.org\n"
)
MOST = (
    "Date\tStart\tEnd\tSummary\tAttendees\n"
    "2025-03-03\t09:00\t10:30\tCBT Group\tJane Roe / Ann Lee, LCSW\n"
    "2025-03-04\t09:00\t10:30\tCBT Group\tJohn Poe\n"
    "2025-03-05\t09:00\t10:30\tCBT Group\tJane Roe (ACCEPTED)\n"
)


def _read(*docs: str) -> tuple[list[Session], list[UnreadRecord]]:
    inputs = [chart_doc(d, kind=DocumentKind.ATTENDANCE).document for d in docs]
    result = DeterministicExtractor().extract(inputs)
    by_id = {d.document_id: d for d in inputs}
    for s in result.facts.sessions:
        for ev in iter_evidence(s):
            assert evidence_problem(ev, by_id) is None
    return list(result.facts.sessions), list(result.unread)


def _starts(sessions: list[Session]) -> list[tuple[dt.date, ServiceKind, Attendance, int, int]]:
    return sorted(
        (s.date, s.service_kind, s.attendance, ev.start, ev.end)
        for s in sessions
        for x in s.slots
        if x.slot == "start"
        for ev in x.evidence[:1]
    )


@pytest.mark.parametrize(
    ("docs", "sheet", "want", "unread"),
    [
        pytest.param(
            (DAY_SHEET,),
            DAY_SHEET,
            [(D, GP, P, *span(DAY_SHEET, "9a-10a", "ASHBY, N."))],
            [],
            id="the-members-row-among-others",
        ),
        pytest.param(
            (INTAKE, INITIALS),
            INITIALS,
            [(D, GP, P, *span(INITIALS, "09:00-10:00"))],
            [],
            id="initials-under-a-client-column",
        ),
        pytest.param(
            (INTAKE, MRNS),
            MRNS,
            [(D, IND, P, *span(MRNS, "10:15-11:15"))],
            [],
            id="record-numbers-only",
        ),
        pytest.param(
            (INTAKE, NOT_THE_MEMBER), NOT_THE_MEMBER, [], [], id="the-member-is-not-on-the-sheet"
        ),
        pytest.param(
            (INTAKE, BLANK_CLIENT),
            BLANK_CLIENT,
            [(D, GP, P, *span(BLANK_CLIENT, "09:00-10:00"))],
            [(*span(BLANK_CLIENT, "11:30-12:30                Individual therapy   Present"),)],
            id="a-blank-client-cell-is-unread",
        ),
        pytest.param(
            (INTAKE, NAMESAKE),
            NAMESAKE,
            [(D, GP, P, *span(NAMESAKE, "09:00-10:00"))],
            [
                (
                    *span(
                        NAMESAKE,
                        "10:15-11:15   DOE, J.      A9999999   Individual therapy   Present",
                    ),
                )
            ],
            id="name-and-record-number-disagree-unread",
        ),
    ],
)
def test_only_the_members_rows_of_a_list_of_clients_are_read(
    docs: tuple[str, ...],
    sheet: str,
    want: list[tuple[dt.date, ServiceKind, Attendance, int, int]],
    unread: list[tuple[int, int]],
) -> None:
    sessions, unread_records = _read(*docs)
    assert _starts(sessions) == want
    assert [(u.start, u.end) for u in unread_records] == unread
    assert all(u.why == UNREAD_ROW for u in unread_records)


@pytest.mark.parametrize(
    ("docs", "rows"),
    [
        pytest.param(
            (DAY_SHEET,),
            ClientRows(frozenset({5}), frozenset({4, 6, 7}), frozenset()),
            id="day-sheet",
        ),
        pytest.param(
            (INTAKE, NOT_THE_MEMBER),
            ClientRows(frozenset(), frozenset({2, 3}), frozenset()),
            id="not-on-the-sheet",
        ),
        pytest.param(
            (INTAKE, BLANK_CLIENT),
            ClientRows(frozenset({2}), frozenset({3}), frozenset({4})),
            id="blank-client",
        ),
        pytest.param(
            (INTAKE, NAMESAKE),
            ClientRows(frozenset({2}), frozenset({4}), frozenset({3})),
            id="namesake",
        ),
        pytest.param(
            (NOT_THE_MEMBER,),
            ClientRows(frozenset(), frozenset(), frozenset({2, 3})),
            id="the-member-not-known-every-row-unknown",
        ),
        pytest.param(
            (
                "Client: Jane Doe\n"
                "Date        Time          Service              Facilitator\n"
                "04/21/2025  09:00-10:00   Group psychotherapy  Smith, Anna\n"
                "04/22/2025  09:00-10:00   Group psychotherapy  Brown, Lee\n"
                "04/23/2025  09:00-10:00   Group psychotherapy  Smith, Anna\n",
            ),
            ClientRows(frozenset(), frozenset(), frozenset()),
            id="the-members-own-log-with-staff-names-is-no-list-of-clients",
        ),
        pytest.param(
            (
                "Client: Jane Doe\n"
                "DAY SHEET 04/21/2025\n"
                " 09:00-10:00   DOE, J.    A1234567   Group psychotherapy  Present\n"
                " 09:00-10:00   ROE, R.    A7654321   Group psychotherapy  Present\n"
                " 09:00-10:00   POE, E.    A5555555   Group psychotherapy  Present\n"
                "\n"
                "SERVICE LOG\n"
                "Date        Time          Service              Facilitator\n"
                "04/22/2025  09:00-10:00   Group psychotherapy  Smith, Anna\n"
                "04/23/2025  09:00-10:00   Group psychotherapy  Brown, Lee\n"
                "04/24/2025  09:00-10:00   Group psychotherapy  Smith, Anna\n",
            ),
            ClientRows(frozenset({2}), frozenset({3, 4}), frozenset()),
            id="a-log-naming-people-otherwise-beside-a-list-of-clients-is-the-members",
        ),
        pytest.param(
            ("Client: Jane Roe\n" + ATTENDEES,),
            ClientRows(frozenset({2}), frozenset({3}), frozenset({4, 5})),
            id="attendees-several-a-cell-qualified-head-count-address",
        ),
        pytest.param(
            (ATTENDEES.replace(" / Ann Lee", ""),),
            ClientRows(frozenset(), frozenset(), frozenset({1, 2, 3, 4})),
            id="attendees-no-member-and-no-one-in-most-rows",
        ),
        pytest.param(
            (MOST,),
            ClientRows(frozenset({1, 3}), frozenset({2}), frozenset()),
            id="attendees-the-one-person-in-most-rows-when-the-chart-names-no-one",
        ),
    ],
)
def test_whose_rows_a_list_of_clients_holds(docs: tuple[str, ...], rows: ClientRows) -> None:
    inputs = [chart_doc(d).document for d in docs]
    with reading_chart():
        layouts = [layout_of(d) for d in inputs]
        assert client_rows(layouts[-1]) == rows


QUINN = "Client: Quinn Castillo\n"


@pytest.mark.parametrize(
    ("chart", "last", "first", "said"),
    [
        (QUINN, "CASTILLO", "Q.", MEMBER),
        (QUINN, "Castillo", "Quinn", MEMBER),
        (QUINN, "Ashby", "Paul", OTHER),  # another last name and another first name
        (QUINN, "ASHBY", "P.", OTHER),
        (QUINN, "Crowe", "Charles", OTHER),
        # may be the member written otherwise: not told (unread unless an id tells)
        (QUINN, "CASTILLO", "P.", None),  # the member's last name, another initial
        (QUINN, "Castillo", "Paul", None),  # (a nickname, a relative)
        (QUINN, "Castillo", "Quin", None),  # a first name misspelled
        (QUINN, "ASHBY", "Q.", None),  # the member's initial, another last name
        (QUINN, "Ashby", "Quinn", None),  # (a maiden or married name)
        (QUINN, "Castilo", "Quinn", None),  # a last name misspelled
        (QUINN, "Castillo-Ruiz", "Quinn", None),  # a double last name
        # the member's other names as the chart states them
        ("Client: Quinn Castillo (née Ashby)\n", "ASHBY", "Q.", MEMBER),
        ("Client: Quinn Castillo (née Ashby)\n", "Ashby", "Quinn", MEMBER),
        ("Client: Quinn Castillo, formerly Quinn Barnes\n", "Barnes", "Quinn", MEMBER),
        ("Client: Quinn Castillo\nAKA: Q. Castillo-Ruiz\n", "Castillo-Ruiz", "Q.", None),
        ("Client: Quinn Castillo\nPreferred name: Jay\n", "Castillo", "Jay", MEMBER),
        ("Client: Quinn Castillo\nPreferred name: Jay\n", "Crowe", "Jay", None),
        ("Client: Zoë Nguyễn\n", "NGUYEN", "Zoe", MEMBER),  # accents aside
        ("Client: Zoe Nguyen\n", "Nguyễn", "Zoë", MEMBER),
    ],
)
def test_a_name_is_the_members_clearly_anothers_or_not_told(
    chart: str, last: str, first: str, said: str | None
) -> None:
    doc = chart_doc(chart).document
    with reading_chart():
        who = member_identity(layout_of(doc))
        assert name_says(last, first, who) == said


# the member written otherwise in a list of several clients, and the chart's other name
OTHERWISE = (
    "DAY SHEET  04/21/2025\n"
    "Time          Client         Service              Status\n"
    "09:00-10:00   Smith, Jane    Group psychotherapy  Present\n"
    "10:15-11:15   Doe, Janie     Individual therapy   Present\n"
    "11:30-12:30   Roe, Rick      Individual therapy   Present\n"
    "13:00-14:00   Dow, Jane      Individual therapy   Present\n"
)
MAIDEN = "09:00-10:00   Smith, Jane    Group psychotherapy  Present"
NICKNAME = "10:15-11:15   Doe, Janie     Individual therapy   Present"
SAME_FIRST = "13:00-14:00   Dow, Jane      Individual therapy   Present"


@pytest.mark.parametrize(
    ("intake", "want", "unread"),
    [
        pytest.param(
            "INTAKE SUMMARY\nClient: Jane Doe\n",
            [],
            [span(OTHERWISE, MAIDEN), span(OTHERWISE, NICKNAME), span(OTHERWISE, SAME_FIRST)],
            id="written-otherwise-unread-another-client-dropped",
        ),
        pytest.param(
            "INTAKE SUMMARY\nClient: Jane Doe (née Smith)\n",
            [(D, GP, P, *span(OTHERWISE, "09:00-10:00"))],
            [span(OTHERWISE, NICKNAME), span(OTHERWISE, SAME_FIRST)],
            id="the-maiden-name-the-chart-states-is-the-members",
        ),
        pytest.param(
            "INTAKE SUMMARY\nClient: Jane Doe\nPreferred name: Janie\n",
            [(D, IND, P, *span(OTHERWISE, "10:15-11:15"))],
            [span(OTHERWISE, MAIDEN), span(OTHERWISE, SAME_FIRST)],
            id="the-name-the-member-goes-by-is-the-members",
        ),
    ],
)
def test_the_member_written_otherwise_in_a_list_of_clients_is_unread(
    intake: str,
    want: list[tuple[dt.date, ServiceKind, Attendance, int, int]],
    unread: list[tuple[int, int]],
) -> None:
    sessions, unread_records = _read(intake, OTHERWISE)
    assert _starts(sessions) == want
    assert [(u.start, u.end) for u in unread_records] == unread
    assert all(u.why == UNREAD_ROW for u in unread_records)


def _line(text: str, head: str) -> tuple[int, int]:
    """The offsets of the line of ``text`` that begins with ``head``."""
    start = text.index(head)
    return start, text.index("\n", start)


# each row's client's date of birth beside the name
BIRTHS = (
    "DAY SHEET  04/21/2025\n"
    "Time          Client         DOB          Service              Status\n"
    "09:00-10:00   Doe, Janie     01/02/1990   Group psychotherapy  Present\n"
    "10:15-11:15   Doe, Jake      03/04/1985   Individual therapy   Present\n"
    "11:30-12:30   Doe, Jane      03/04/1985   Individual therapy   Present\n"
    "13:00-14:00   Roe, Rick      01/02/1990   Individual therapy   Present\n"
)


@pytest.mark.parametrize(
    ("intake", "want", "unread"),
    [
        pytest.param(
            "INTAKE SUMMARY\nClient: Jane Doe   DOB: 01/02/1990\n",
            [(D, GP, P, *span(BIRTHS, "09:00-10:00"))],
            [
                _line(BIRTHS, "11:30-12:30   Doe, Jane"),
                _line(BIRTHS, "13:00-14:00   Roe, Rick"),
            ],
            id="the-members-date-of-birth-tells-a-name-written-otherwise-or-disagrees",
        ),
        pytest.param(
            "INTAKE SUMMARY\nClient: Jane Doe\n",
            [(D, IND, P, *span(BIRTHS, "11:30-12:30"))],
            [
                _line(BIRTHS, "09:00-10:00   Doe, Janie"),
                _line(BIRTHS, "10:15-11:15   Doe, Jake"),
            ],
            id="no-date-of-birth-stated-names-alone",
        ),
    ],
)
def test_a_date_of_birth_column_tells_whose_row_it_is(
    intake: str,
    want: list[tuple[dt.date, ServiceKind, Attendance, int, int]],
    unread: list[tuple[int, int]],
) -> None:
    sessions, unread_records = _read(intake, BIRTHS)
    assert _starts(sessions) == want
    assert [(u.start, u.end) for u in unread_records] == unread


KEYED = (
    "Copies of day sheets filed for Quinn Castillo  (MRN H44578325)\n"
    "CLINICIAN DAY SHEET\n"
    "Clinician: E. Beaumont, LMHC    Date: Mon 4/21/25\n"
    "AM BLOCK\n"
    " 9a-10a        ASHBY, N.              H80466231  H2027    0  NS\n"
    " 9a-10a        CASTILLO, Q.           H44578325  H2027    3  T   in 9:20a\n"
    " 9a-10a        CROWE, C.              K94948114  H2027    4  P\n"
    " 9a-10a        DRAKE, C.              K94948115  H2027    4  P\n"
    "PM BLOCK\n"
    " 1p-1:50p      CASTILLO, Q.           H44578325  90834    3  P\n"
    " 2p-2:50p      CROWE, C.              K94948114  90834    3  P\n"
    "ENTRIES FOR PRIOR DAYS\n"
    " *LATE ENTRY for DOS 04/18/25*  1p-2p  CASTILLO, Q.  H44578325  90837    0  NS\n"
    "\f\n"
    "STATUS KEY\n"
    "St:  P = present    T = tardy, arrived late (see 'in')    NS = no show\n"
    "Svc: 90853 group psychotherapy    H2027 psychoeducation, group\n"
    "     90834 / 90837 individual psychotherapy    90847 family psychotherapy\n"
)


def test_a_day_sheets_codes_remarks_and_short_blocks() -> None:
    sessions, unread = _read(KEYED)
    got = sorted(
        (s.date, s.service_kind, s.attendance, s.minutes, s.member_start) for s in sessions
    )
    assert got == [
        (dt.date(2025, 4, 18), IND, NS, 60.0, None),
        (D, GE, P, 40.0, dt.time(9, 20)),
        (D, IND, P, 50.0, None),
    ]
    assert unread == []
    tardy = next(s for s in sessions if s.member_start is not None)
    kind = tardy.slot_evidence("kind")[0]
    assert (kind.start, kind.end) == span(KEYED, "H2027", "CASTILLO, Q.")
    arrival = tardy.slot_evidence("member_start")[0]
    assert (arrival.start, arrival.end, arrival.quote) == (
        *span(KEYED, "in 9:20a"),
        "in 9:20a",
    )
