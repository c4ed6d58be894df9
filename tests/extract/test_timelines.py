"""Timelines (extract/records/events.py): a flowsheet that charts the day one timed event
per line; a start event and the end event with the same other words are one service, the
lines between them its own, the day's header (or the date stamped on both lines) its date."""

from __future__ import annotations

import datetime as dt

import pytest

from core.facts import Attendance, ServiceKind, Session
from extract.deterministic.sessions import read_document
from extract.layout import layout_of
from extract.records.dates import date_hits
from extract.records.events import event_records, timeline_records
from tests.chartdocs import chart_doc
from tests.chartdocs import grounded_sessions as _sessions
from tests.chartdocs import slot_spans as _slot
from tests.chartdocs import span as _at

T = dt.time
D = dt.date
# date, kind, attendance, start, end, the member's arrival and departure
Row = tuple[D, ServiceKind, Attendance, T | None, T | None, T | None, T | None]

HEADERS = (
    "IOP DAILY FLOWSHEET\n"
    "Client: Doe, Jane    DOB: 04/08/1964\n"
    "\n"
    "=====================================\n"
    "DATE: Tue 8/5/2025\n"
    "=====================================\n"
    "TIME      EVENT          DETAIL\n"
    "17:05:19  ENVIRONMENT    Group room safety sweep completed by staff.\n"
    "17:25:14  CHECK-IN       Client checked in at front desk.\n"
    "17:30:00  SESSION START  Process Group - Group Psychotherapy (90853) | C. Lee, LICSW"
    " | attendance: present\n"
    "17:41:00  ARRIVAL        Client arrived late; joined Process Group in progress.\n"
    "18:15:13  OBSERVATION    Client quiet, attentive.\n"
    "19:00:00  SESSION END    Process Group | participants: 4\n"
    "19:00:00  MEAL START     Dinner in dining room; client present.\n"
    "19:10:00  MEAL END       Dinner\n"
    "19:10:00  SESSION START  Individual Psychotherapy (90834) | M. Iverson, LMHC"
    " | attendance: present\n"
    "19:40:12  DEPARTURE      Client left Individual Therapy early (ride arrived).\n"
    "20:00:00  SESSION END    Individual Therapy\n"
    "\n"
    "=====================================\n"
    "DATE: Wed 8/6/2025\n"
    "=====================================\n"
    "16:40:44  PHONE          Client called to cancel today.\n"
    "17:30:00  SESSION START  Process Group - Group Psychotherapy (90853) | C. Lee, LICSW"
    " | attendance: CANCELLED - medical appointment\n"
    "19:00:00  SESSION END    Process Group\n"
)
STAMPED = (
    "IOP DAILY FLOWSHEET\n"
    "2025-09-15 09:24:25 | CHECK-IN | Client checked in at front desk.\n"
    "2025-09-15 09:30:00 | SESSION START | CBT Group - Group Psychotherapy (90853)"
    " | C. Brennan, LMHC | attendance: present\n"
    "2025-09-15 10:15:35 | OBSERVATION | Client participating.\n"
    "2025-09-15 11:00:00 | SESSION END | CBT Group | participants: 3\n"
    "\n"
    "2025-09-16 09:30:00 | SESSION START | Psychoeducation Group - Group Psychoeducation"
    " | C. Brennan, LMHC | attendance: NO SHOW\n"
    "2025-09-16 10:45:00 | SESSION END | Psychoeducation Group\n"
)


def _rows(found: list[Session]) -> list[Row]:
    return [
        (s.date, s.service_kind, s.attendance, s.start, s.end, s.member_start, s.member_end)
        for s in found
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            HEADERS,
            [
                (
                    D(2025, 8, 5),
                    ServiceKind.GROUP_PSYCHOTHERAPY,
                    Attendance.ATTENDED,
                    T(17, 30),
                    T(19),
                    T(17, 41),
                    None,
                ),
                (
                    D(2025, 8, 5),
                    ServiceKind.MEAL,
                    Attendance.ATTENDED,
                    T(19),
                    T(19, 10),
                    None,
                    None,
                ),
                (
                    D(2025, 8, 5),
                    ServiceKind.INDIVIDUAL_PSYCHOTHERAPY,
                    Attendance.ATTENDED,
                    T(19, 10),
                    T(20),
                    None,
                    T(19, 40),
                ),
                (
                    D(2025, 8, 6),
                    ServiceKind.GROUP_PSYCHOTHERAPY,
                    Attendance.CANCELLED,
                    T(17, 30),
                    T(19),
                    None,
                    None,
                ),
            ],
        ),
        (
            STAMPED,
            [
                (
                    D(2025, 9, 15),
                    ServiceKind.GROUP_PSYCHOTHERAPY,
                    Attendance.ATTENDED,
                    T(9, 30),
                    T(11),
                    None,
                    None,
                ),
                (
                    D(2025, 9, 16),
                    ServiceKind.GROUP_EDUCATION,
                    Attendance.NO_SHOW,
                    T(9, 30),
                    T(10, 45),
                    None,
                    None,
                ),
            ],
        ),
    ],
    ids=["day-headers", "iso-stamps"],
)
def test_a_start_and_its_end_event_are_one_session(text: str, expected: list[Row]) -> None:
    found = _sessions(text)
    assert _rows(found) == expected
    assert {s.source for s in found} == {"deterministic:records.entry.timeline"}


def test_each_slot_quotes_its_own_events_words() -> None:
    text = HEADERS
    group, _meal, individual, cancelled = _sessions(text)
    assert _slot(group, "date") == [_at(text, "8/5/2025")]
    assert _slot(group, "start") == [_at(text, "17:30:00")]
    assert _slot(group, "end") == [_at(text, "19:00:00")]
    assert _slot(group, "member_start") == [_at(text, "17:41:00")]
    assert _slot(group, "kind") == [
        _at(text, "Process Group - Group Psychotherapy (90853)"),
    ]
    assert _slot(group, "group_size") == [_at(text, "4", after="participants")]
    assert [(p.name, p.credentials) for p in group.facilitators] == [("C. Lee", ("LCSW",))]
    assert _slot(individual, "member_end") == [_at(text, "19:40:12")]
    assert _slot(cancelled, "date") == [_at(text, "8/6/2025")]
    assert _slot(cancelled, "attendance") == [
        _at(text, "CANCELLED - medical appointment"),
    ]
    stamped = _sessions(STAMPED)
    start_line = STAMPED.index("2025-09-15 09:30:00")
    assert _slot(stamped[0], "date") == [(start_line, start_line + len("2025-09-15"))]
    assert _slot(stamped[0], "start") == [_at(STAMPED, "09:30:00")]
    assert _slot(stamped[0], "end") == [_at(STAMPED, "11:00:00")]


def test_a_timelines_lines_are_its_own_and_between_events_are_the_sessions() -> None:
    layout = layout_of(chart_doc(HEADERS).document)
    records, logged, unread = timeline_records(layout, date_hits(layout))
    assert [r.joined for r in records] == [(9, 10, 11, 12), (13, 14), (15, 16, 17), (23, 24)]
    assert unread == frozenset()
    # every line of the two runs, the events that are no session's among them
    assert logged == frozenset([*range(7, 18), 22, 23, 24])


@pytest.mark.parametrize(
    "text",
    [
        # timed events with no start and end of a service: no timeline
        "DATE: 10/07/2025\n"
        "09:00:10  CHECK-IN     Client checked in.\n"
        "09:30:00  OBSERVATION  Client engaged.\n"
        "10:00:00  CHECK-OUT    Client left.\n",
        # a schedule's times are no events
        "Program schedule\n"
        "9:00 AM - 10:30 AM  Process group\n"
        "10:45 AM - 12:15 PM  Psychoeducation\n",
        # one label naming both ends is no event's
        "DATE: 10/07/2025\n"
        "09:00:00  START/END  Process group\n"
        "10:30:00  START/END  Process group\n",
    ],
    ids=["no-pair", "schedule", "both-ends"],
)
def test_lines_without_a_start_and_end_pair_are_no_timeline(text: str) -> None:
    layout = layout_of(chart_doc(text).document)
    assert timeline_records(layout, date_hits(layout)) == ([], frozenset(), frozenset())


STAMPED_TWO_DAYS = (
    "2025-09-15 23:30:00 | SESSION START | Process Group - Group Psychotherapy\n"
    "2025-09-16 01:00:00 | SESSION END | Process Group\n"
)
NO_DATE = (
    "FLOWSHEET\n"
    "09:30:00  SESSION START  Process Group - Group Psychotherapy\n"
    "11:00:00  SESSION END    Process Group\n"
)
TWO_HEADER_DATES = (
    "DATE: 10/07/2025 - 10/08/2025 FLOWSHEET 10/08/2025\n"
    "09:30:00  SESSION START  Process Group - Group Psychotherapy\n"
    "11:00:00  SESSION END    Process Group\n"
)
ORPHAN_END = (
    "DATE: 10/07/2025\n"
    "09:00:00  SESSION START  Process Group - Group Psychotherapy\n"
    "10:30:00  SESSION END    Process Group\n"
    "12:00:00  GROUP END      Psychoeducation Group\n"
)


def _line(text: str, k: int) -> tuple[int, int]:
    lines = text.split("\n")
    start = sum(len(x) + 1 for x in lines[:k])
    return start, start + len(lines[k])


@pytest.mark.parametrize(
    ("text", "sessions", "unread"),
    [
        # stamped with two different dates: the service's date is not known
        (STAMPED_TWO_DAYS, 0, [_line(STAMPED_TWO_DAYS, 0), _line(STAMPED_TWO_DAYS, 1)]),
        # no day's header above the run
        (NO_DATE, 0, [_line(NO_DATE, 1), _line(NO_DATE, 2)]),
        # two dates on the header line above the run: which day is not known
        (TWO_HEADER_DATES, 0, [_line(TWO_HEADER_DATES, 1), _line(TWO_HEADER_DATES, 2)]),
        # an end with no start: listed, the pair before it read
        (ORPHAN_END, 1, [_line(ORPHAN_END, 3)]),
    ],
    ids=["two-stamped-dates", "no-date", "two-header-dates", "end-without-start"],
)
def test_a_timelines_service_without_one_date_is_listed_unread_not_guessed(
    text: str, sessions: int, unread: list[tuple[int, int]]
) -> None:
    layout = layout_of(chart_doc(text).document)
    records, logged = event_records(layout, date_hits(layout))
    assert len(records) == sessions
    assert logged  # its lines are the timeline's: no other record reads them
    found, listed = read_document(chart_doc(text))
    assert len(found) == sessions
    assert [(u.start, u.end) for u in listed] == unread


def test_a_start_without_its_end_is_a_session_of_unknown_length() -> None:
    text = (
        "DATE: Tue 8/5/2025\n"
        "17:30:00  SESSION START  Process Group - Group Psychotherapy | attendance: present\n"
        "18:15:13  OBSERVATION    Client quiet.\n"
        "19:00:00  SESSION START  Individual Psychotherapy | attendance: present\n"
        "19:50:00  SESSION END    Individual Psychotherapy\n"
    )
    rows = _rows(_sessions(text))
    assert rows == [
        (
            D(2025, 8, 5),
            ServiceKind.GROUP_PSYCHOTHERAPY,
            Attendance.ATTENDED,
            T(17, 30),
            None,
            None,
            None,
        ),
        (
            D(2025, 8, 5),
            ServiceKind.INDIVIDUAL_PSYCHOTHERAPY,
            Attendance.ATTENDED,
            T(19),
            T(19, 50),
            None,
            None,
        ),
    ]
