"""Event logs (extract/records/events.py): a service told by several log lines that share
an appointment's id, with other appointments' events between them and logging stamps that
are not the service's date or times."""

from __future__ import annotations

import datetime as dt

import pytest

from core.facts import Attendance, ServiceKind
from extract.deterministic.sessions import read_document
from extract.layout import layout_of
from extract.records.dates import date_hits
from extract.records.events import event_records
from tests.chartdocs import chart_doc
from tests.chartdocs import grounded_sessions as _sessions
from tests.chartdocs import slot_spans as _slot
from tests.chartdocs import span as _at

T = dt.time
D = dt.date
# date, kind, attendance, start, end, the member's arrival and departure
Row = tuple[D, ServiceKind, Attendance, T, T, T | None, T | None]

LOGFMT = (
    "# scheduling audit export (timestamps UTC)\n"
    "ts=2025-04-25T21:05:47Z evt=appt.create appt=AP-53730 svc_date=2025-04-28 start=09:30"
    ' end=11:00 svc="Group Psychotherapy" cpt=90853 provider="Maren Lindqvist, LCSW"\n'
    "ts=2025-04-25T21:07:48Z evt=appt.create appt=AP-53732 svc_date=2025-04-28 start=11:30"
    ' end=12:45 svc="Individual Therapy" cpt=90837 provider="Jordan Achebe, LICSW"\n'
    "ts=2025-04-28T15:30:48Z evt=appt.checkin appt=AP-53730 local_time=09:40 status=arrived\n"
    "ts=2025-04-28T17:01:11Z evt=appt.checkout appt=AP-53730 local_time=11:00"
    " status=completed\n"
    "ts=2025-04-28T17:55:00Z evt=appt.status appt=AP-53732 from=scheduled to=no_show"
    ' reason="no call"\n'
)
BRACKETED = (
    "[2025-04-25 19:06:22 UTC] [SCHED    ] APPT#52176 CREATED for DOE, JANE: 05/05/2025"
    ' 13:00-14:30 CDT "Group Psychotherapy" (90853)\n'
    "[2025-04-25 19:08:01 UTC] [SCHED    ] APPT#52178 CREATED for DOE, JANE: 05/05/2025"
    ' 14:45-16:15 CDT "Psychoeducation Group"\n'
    "[2025-05-05 18:00:41 UTC] [FRONTDESK] APPT#52176 ARRIVED 13:00 CDT\n"
    "[2025-05-05 19:25:00 UTC] [SCHED    ] APPT#52178 STATUS Scheduled -> ABSENT"
    ' ("called in sick")\n'
    "[2025-05-06 13:10:00 UTC] [CLINICAL ] APPT#52176 COMPLETED - departed 14:10 CDT"
    " (LATE ENTRY for 05/05/2025)\n"
)
SYSLOG = (
    "Feb  7 23:07:27 ehr-app02 sched[2231]: APPT_BOOK id=52671 pt=Q675 dos=02/10/2025"
    ' sched=0930-1100 svc=GRP-PSY desc="CBT Group" cpt=90853\n'
    "Feb  7 23:09:02 ehr-app02 sched[2231]: APPT_BOOK id=52673 pt=Q675 dos=02/10/2025"
    ' sched=1130-1245 svc=GRP-EDU desc="Education Group"\n'
    'Feb 10 16:25:00 ehr-app02 sched[2231]: APPT_STATUS id=52673 new=NO_SHOW note="no call"\n'
    "Feb 10 15:30:03 ehr-fd01 frontdesk[877]: APPT_ARRIVE id=52671 clinic_local=0930\n"
    "Feb 11 14:02:10 ehr-fd01 frontdesk[877]: APPT_DEPART id=52671 clinic_local=1100"
    " backdated=1 dos=02/10/2025\n"
)


@pytest.mark.parametrize(
    ("text", "joined"),
    [
        (LOGFMT, [(1, 3, 4), (2, 5)]),
        (BRACKETED, [(0, 2, 4), (1, 3)]),
        (SYSLOG, [(0, 3, 4), (1, 2)]),
    ],
    ids=["logfmt", "bracketed", "syslog"],
)
def test_the_lines_that_share_an_appointments_id_are_one_record(
    text: str, joined: list[tuple[int, ...]]
) -> None:
    layout = layout_of(chart_doc(text).document)
    records, logged = event_records(layout, date_hits(layout))
    assert [r.joined for r in records] == joined
    assert logged == frozenset(i for lines in joined for i in lines)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            LOGFMT,
            [
                (
                    D(2025, 4, 28),
                    ServiceKind.GROUP_PSYCHOTHERAPY,
                    Attendance.ATTENDED,
                    T(9, 30),
                    T(11),
                    T(9, 40),
                    T(11),
                ),
                (
                    D(2025, 4, 28),
                    ServiceKind.INDIVIDUAL_PSYCHOTHERAPY,
                    Attendance.NO_SHOW,
                    T(11, 30),
                    T(12, 45),
                    None,
                    None,
                ),
            ],
        ),
        (
            BRACKETED,
            [
                (
                    D(2025, 5, 5),
                    ServiceKind.GROUP_PSYCHOTHERAPY,
                    Attendance.ATTENDED,
                    T(13),
                    T(14, 30),
                    T(13),
                    T(14, 10),
                ),
                (
                    D(2025, 5, 5),
                    ServiceKind.GROUP_EDUCATION,
                    Attendance.ABSENT,
                    T(14, 45),
                    T(16, 15),
                    None,
                    None,
                ),
            ],
        ),
        (
            SYSLOG,
            [
                (
                    D(2025, 2, 10),
                    ServiceKind.GROUP_PSYCHOTHERAPY,
                    Attendance.ATTENDED,
                    T(9, 30),
                    T(11),
                    T(9, 30),
                    T(11),
                ),
                (
                    D(2025, 2, 10),
                    ServiceKind.GROUP_EDUCATION,
                    Attendance.NO_SHOW,
                    T(11, 30),
                    T(12, 45),
                    None,
                    None,
                ),
            ],
        ),
    ],
    ids=["logfmt", "bracketed", "syslog"],
)
def test_an_appointments_events_give_one_session(text: str, expected: list[Row]) -> None:
    found = _sessions(text)
    assert [
        (s.date, s.service_kind, s.attendance, s.start, s.end, s.member_start, s.member_end)
        for s in found
    ] == expected
    assert {s.source for s in found} == {"deterministic:records.entry.event-id"}


def test_each_slot_quotes_its_own_events_words_never_the_logging_stamp() -> None:
    group, individual = _sessions(BRACKETED)
    text = BRACKETED
    assert _slot(group, "date") == [_at(text, "05/05/2025")]
    assert _slot(group, "start") == [_at(text, "13:00-14:30")]
    assert _slot(group, "member_start") == [_at(text, "13:00", after="ARRIVED")]
    assert _slot(group, "member_end") == [_at(text, "14:10")]
    assert _slot(individual, "attendance") == [_at(text, "ABSENT")]
    logfmt = _sessions(LOGFMT)
    assert _slot(logfmt[1], "attendance") == [_at(LOGFMT, "no_show")]
    assert _slot(logfmt[0], "member_start") == [_at(LOGFMT, "09:40")]


@pytest.mark.parametrize(
    "text",
    [
        # a running list led by a date and a time to the minute: entries, not a log
        "10/06/2025 09:00 Group Psychotherapy (90853) Present\n"
        "10/07/2025 09:00 Group Psychotherapy (90853) Present\n"
        "10/08/2025 09:00 Group Psychotherapy (90853) Absent\n",
        # claim lines stamped to the second that share a claim number but each give their
        # own date of service: rows of their own
        "2025-10-10 08:00:01 CLM-77120 DOS 10/06/2025 90853 1 unit\n"
        "2025-10-10 08:00:02 CLM-77120 DOS 10/07/2025 90853 1 unit\n"
        "2025-10-10 08:00:03 CLM-77121 DOS 10/08/2025 90853 1 unit\n",
        # a host name and a process id on every line are no appointment's id
        "Feb  7 23:07:27 ehr-app02 sched[2231]: job started\n"
        "Feb  7 23:08:27 ehr-app02 sched[2231]: job running\n"
        "Feb  7 23:09:27 ehr-app02 sched[2231]: job done\n",
    ],
    ids=["entries", "claims", "host"],
)
def test_lines_that_are_no_appointments_events_are_no_event_record(text: str) -> None:
    layout = layout_of(chart_doc(text).document)
    assert event_records(layout, date_hits(layout)) == ([], frozenset())


def test_an_appointment_whose_events_give_two_dates_is_unread_not_guessed() -> None:
    text = (
        "[2025-04-25 19:06:22 UTC] [SCHED] APPT#52176 BOOKED 05/05/2025 13:00-14:30"
        ' "Group Psychotherapy"\n'
        "[2025-05-05 18:00:41 UTC] [FRONTDESK] APPT#52176 ARRIVED 13:00\n"
        "[2025-05-07 09:00:00 UTC] [CLINICAL] APPT#52176 departed 14:30 (LATE ENTRY for"
        " 05/06/2025)\n"
    )
    doc = chart_doc(text)
    found, unread = read_document(doc)
    assert found == []
    assert [(u.start, u.end, u.date) for u in unread] == [(0, 96, D(2025, 5, 5))]
    assert text[96] == "\n"  # the booking line, dated by its own date, not the stamp's


@pytest.mark.parametrize(
    ("change", "status", "quote"),
    [
        ("Status changed from scheduled to no-show by front desk.", Attendance.NO_SHOW, "no-show"),
        ("STATUS Scheduled -> CANCELLED (client called)", Attendance.CANCELLED, "CANCELLED"),
        ("appt.status from=booked to=no_show", Attendance.NO_SHOW, "no_show"),
        ("APPT_STATUS new=ABSENT", Attendance.ABSENT, "ABSENT"),
    ],
)
def test_a_status_changed_to_is_the_status_after_the_change(
    change: str, status: Attendance, quote: str
) -> None:
    note = f"GROUP NOTE\nDate: 10/07/2025\nTime: 0900-1030\nService: Process group\n{change}\n"
    (found,) = _sessions(note)
    assert found.attendance is status
    assert _slot(found, "attendance") == [_at(note, quote, after=change[:6])]
