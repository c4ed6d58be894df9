"""Participant tables of virtual rooms (extract/records/sheets.py, extract/values/zones.py):
a table whose rows name people ("Display name  Role  Joined  Admitted  Left") lists who was
in the room, not services; only the member's row (or rows, after a drop) is the member's,
and its UTC date-times are the member's times only as the local time of the zone the
document states. A UTC stamp dates no service here (one under a session's start or time label
does: tests/extract/test_utc_stamps.py); a record that names the member
outside the table ("Host attendance mark for Jane Doe: CANCELLED") is the member's."""

from __future__ import annotations

import datetime as dt

import pytest

from core.data import DocumentKind
from core.facts import Attendance, EpisodeDateKind, ServiceKind
from extract.deterministic.documents import extract_episode_dates
from extract.layout import layout_of
from extract.records.dates import DateRole, date_hits
from extract.records.sheets import roster_table
from extract.values.zones import local_zone, says_utc, stated_offset, to_local, utc_stamp
from tests.chartdocs import chart_doc
from tests.chartdocs import grounded_sessions as _sessions
from tests.chartdocs import slot_spans as _slot
from tests.chartdocs import span as _at

T = dt.time
D = dt.date

HEAD = (
    "Virtual Visits - Session Participation Report\n"
    "Participant filter: Okafor, Delphine  (MRN Z11223344)\n"
    "All timestamps in participant tables are UTC. Program local time zone: America/Chicago.\n"
    "\n"
)


def _row(name: str, role: str, joined: str, admitted: str, left: str, dur: str) -> str:
    return f"  {name[:28]:<28} {role:<8} {joined:<20} {admitted:<20} {left:<20} {dur}\n"


HEADER = _row("Display name", "Role", "Joined", "Admitted", "Left", "In room")
# an evening group: 18:00-19:30 CDT is 23:00-00:30 UTC; the member came at 18:10 CDT
EVENING = (
    "-" * 60 + "\n"
    "Meeting ID 5512   Room: Process Group - Group Psychotherapy  [90853]\n"
    "Scheduled (local): Tue 6/3/2025 18:00-19:30 CDT (UTC-05:00)\n"
    "Host: Tomas Reyes, LCSW\n"
    "Room opened 2025-06-03 22:52:10 UTC   closed 2025-06-04 00:33:40 UTC\n"
    "Participants (timestamps UTC):\n"
    + HEADER
    + _row("Tomas Reyes", "Host", "2025-06-03 22:52:10", "--", "2025-06-04 00:33:40", "01:41:30")
    + _row(
        "Bryn K.",
        "Client",
        "2025-06-03 22:55:02",
        "2025-06-03 23:00:11",
        "2025-06-04 00:30:40",
        "01:30:29",
    )
    + _row(
        "Delphine Okafor",
        "Client",
        "2025-06-03 23:07:45",
        "2025-06-03 23:10:21",
        "2025-06-04 00:30:12",
        "01:19:51",
    )
    + _row(
        "Hal W.",
        "Client",
        "2025-06-03 22:58:30",
        "2025-06-03 23:00:05",
        "2025-06-04 00:30:33",
        "01:30:28",
    )
    + "Host attendance mark for Delphine Okafor: PRESENT - late, admitted 18:10 CDT\n"
    "\n"
)
# the member dropped and came back: in from the first row, out from the last
DROPPED = (
    "-" * 60 + "\n"
    "Meeting ID 5530   Room: Wellness Education Group - Group Psychoeducation\n"
    "Scheduled (local): Wed 6/4/2025 09:00-10:30 CDT (UTC-05:00)\n"
    "Host: Tomas Reyes, LCSW\n"
    "Participants (timestamps UTC):\n"
    + HEADER
    + _row("Tomas Reyes", "Host", "2025-06-04 13:52:00", "--", "2025-06-04 15:33:00", "01:41:00")
    + _row(
        "Delphine Okafor",
        "Client",
        "2025-06-04 13:58:00",
        "2025-06-04 14:00:12",
        "2025-06-04 14:20:05",
        "00:19:53",
    )
    + _row(
        "Bryn K.",
        "Client",
        "2025-06-04 13:59:00",
        "2025-06-04 14:00:30",
        "2025-06-04 15:30:40",
        "01:30:10",
    )
    + _row(
        "Delphine Okafor (reconnected)",
        "Client",
        "2025-06-04 14:20:40",
        "2025-06-04 14:20:40",
        "2025-06-04 15:30:19",
        "01:09:39",
    )
    + "Host attendance mark for Delphine Okafor: PRESENT\n"
    "\n"
)
# a missed meeting: the member is not in the table; the record says what the member did
MISSED = (
    "-" * 60 + "\n"
    "Meeting ID 5547   Room: Individual Psychotherapy  [90837]\n"
    "Scheduled (local): Thu 6/5/2025 19:00-20:00 CDT (UTC-05:00)\n"
    "Host: Tomas Reyes, LCSW\n"
    "Participants (timestamps UTC):\n"
    + HEADER
    + _row("Tomas Reyes", "Host", "2025-06-06 00:00:00", "--", "2025-06-06 01:00:00", "01:00:00")
    + "Invited, did not join: Delphine Okafor\n"
    "Host attendance mark for Delphine Okafor: CANCELLED (client) - car trouble\n"
    "\n"
)
REPORT = HEAD + EVENING + DROPPED + MISSED


def test_each_meeting_is_one_session_of_the_member_in_local_time() -> None:
    found = _sessions(REPORT)
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
        )
        for s in found
    ] == [
        # 23:10 UTC on 06/03 is 18:10 CDT; 00:30 UTC on 06/04 is 19:30 CDT on 06/03
        (
            D(2025, 6, 3),
            ServiceKind.GROUP_PSYCHOTHERAPY,
            Attendance.ATTENDED,
            T(18),
            T(19, 30),
            T(18, 10),
            T(19, 30),
            80.0,
        ),
        (
            D(2025, 6, 4),
            ServiceKind.GROUP_EDUCATION,
            Attendance.ATTENDED,
            T(9),
            T(10, 30),
            T(9),
            T(10, 30),
            90.0,
        ),
        (
            D(2025, 6, 5),
            ServiceKind.INDIVIDUAL_PSYCHOTHERAPY,
            Attendance.CANCELLED,
            T(19),
            T(20),
            None,
            None,
            60.0,
        ),
    ]
    evening, dropped, missed = found
    text = REPORT
    assert _slot(evening, "date") == [_at(text, "6/3/2025")]
    assert _slot(evening, "member_start") == [_at(text, "2025-06-03 23:10:21")]
    assert _slot(evening, "member_end") == [_at(text, "2025-06-04 00:30:12")]
    # the member's first row's admission, the reconnected row's leaving
    assert _slot(dropped, "member_start") == [_at(text, "2025-06-04 14:00:12")]
    assert _slot(dropped, "member_end") == [_at(text, "2025-06-04 15:30:19")]
    assert _slot(missed, "attendance") == [_at(text, "CANCELLED", after="Meeting ID 5547")]


def test_without_a_stated_zone_utc_times_are_not_the_members() -> None:
    # the same report without its time zone: the member's UTC times are not read as local
    # times; where the member's stay (80 minutes from 23:10 to 00:30 UTC) is not the
    # scheduled length, the member's length is in doubt, naming both readings
    text = REPORT.replace(" Program local time zone: America/Chicago.", "").replace(
        " (UTC-05:00)", ""
    )
    found = _sessions(text)
    assert [(s.date, s.member_start, s.member_end, s.minutes) for s in found] == [
        (D(2025, 6, 3), None, None, 90.0),
        (D(2025, 6, 4), None, None, 90.0),
        (D(2025, 6, 5), None, None, 60.0),
    ]
    doubts = [(x.values, [(e.start, e.end) for e in x.evidence]) for x in found[0].uncertain]
    assert doubts == [
        (
            ("90", "80"),
            [_at(text, "2025-06-03 23:10:21"), _at(text, "2025-06-04 00:30:12")],
        )
    ]
    assert [s.uncertain for s in found[1:]] == [(), ()]  # the stay is the scheduled length


def test_a_records_stated_utc_offset_gives_the_local_time_without_a_named_zone() -> None:
    # no zone named, but each record states its offset beside its local time
    text = REPORT.replace(" Program local time zone: America/Chicago.", "")
    found = _sessions(text)
    assert [(s.date, s.member_start, s.member_end, s.minutes) for s in found] == [
        (D(2025, 6, 3), T(18, 10), T(19, 30), 80.0),
        (D(2025, 6, 4), T(9), T(10, 30), 90.0),
        (D(2025, 6, 5), None, None, 60.0),
    ]


@pytest.mark.parametrize(
    ("lines", "offset"),
    [
        ("Scheduled: 18:00 CDT (UTC-05:00)\n", -300),
        ("Start 09:00 GMT+1\n", 60),
        ("At 09:00 (UTC+05:30)\n", 330),
        ("Scheduled: 18:00 CDT (UTC-05:00)\nRoom: 09:00 (UTC-06:00)\n", None),  # two
        ("Scheduled: 18:00 CDT\n", None),
    ],
)
def test_the_one_utc_offset_a_record_states(lines: str, offset: int | None) -> None:
    layout = layout_of(chart_doc(lines).document)
    found = stated_offset(layout, 0, len(layout.lines) - 1)
    assert (None if found is None else found.utcoffset(None)) == (
        None if offset is None else dt.timedelta(minutes=offset)
    )


@pytest.mark.parametrize(
    ("block", "member_line"),
    [
        (EVENING, 13),
        (MISSED, None),  # only the host: a table of people, none the member
    ],
    ids=["with-member", "host-only"],
)
def test_a_display_name_column_makes_a_table_of_people(block: str, member_line: int | None) -> None:
    layout = layout_of(chart_doc(HEAD + block).document)
    found = roster_table(layout, layout.tables[0])
    assert found is not None
    assert found.member is None if member_line is None else found.member is not None
    if found.member is not None:
        assert found.member.lines[0] == member_line


@pytest.mark.parametrize(
    ("line", "role", "why"),
    [
        ("Room opened 2025-06-03 22:52:10 UTC   closed later\n", DateRole.OTHER, "utc stamp"),
        ("Generated 2025-05-24T13:21:49Z by records\n", DateRole.OTHER, "utc stamp"),
        ("Scheduled (local): Tue 6/3/2025 18:00-19:30 CDT\n", DateRole.SERVICE, ""),
        ("Session Time: 6/3/2025 6:00 PM - 7:30 PM\n", DateRole.SERVICE, ""),
        # a schedule's next appointment: no session time label
        ("Next scheduled: 6/10/2025 18:00-19:30\n", DateRole.OTHER, "label"),
        # a time label over a date without a time range
        ("Scheduled: 6/10/2025\n", DateRole.OTHER, "label"),
    ],
    ids=["utc-words", "utc-iso-z", "time-label", "session-time", "next", "no-range"],
)
def test_what_a_date_stamped_utc_or_under_a_time_label_is(
    line: str, role: DateRole, why: str
) -> None:
    layout = layout_of(chart_doc(line).document)
    hit = date_hits(layout)[0]
    assert (hit.role, hit.why) == (role, why)


@pytest.mark.parametrize(
    ("text", "stamp"),
    [
        ("2025-06-03 22:52:10 UTC", (22, 52, 23)),
        ("2025-05-24T13:21:49Z by", (13, 21, 20)),
        ("2025-05-24 13:21 GMT", (13, 21, 20)),
        ("2025-05-24 13:21:00+00:00", (13, 21, 25)),
        ("2025-05-24 13:21:00 CDT", None),  # a local zone: no UTC stamp
        ("2025-05-24 13:21:00 UTCX", None),
        ("2025-05-24 UTC", None),  # no clock
    ],
)
def test_a_utc_stamp_is_a_clock_with_a_utc_marker(
    text: str, stamp: tuple[int, int, int] | None
) -> None:
    assert utc_stamp(text, 10, len(text)) == stamp


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("Participants (timestamps UTC):", True),
        ("Joined (GMT)", True),
        ("Scheduled 18:00 CDT (UTC-05:00)", False),  # an offset from UTC
        ("UTC+1", False),
        ("Computer", False),
    ],
)
def test_says_utc(text: str, says: bool) -> None:
    assert says_utc(text, 0, len(text)) is says


@pytest.mark.parametrize(
    ("zone_line", "day", "hour", "minute", "local"),
    [
        # daylight saving time: UTC-5 in Chicago in June; the next UTC date is the day before
        ("America/Chicago", D(2025, 6, 4), 0, 30, dt.datetime(2025, 6, 3, 19, 30)),
        # standard time: UTC-6 in January
        ("America/Chicago", D(2025, 1, 15), 15, 0, dt.datetime(2025, 1, 15, 9, 0)),
        ("America/Los_Angeles", D(2025, 3, 10), 1, 10, dt.datetime(2025, 3, 9, 18, 10)),
    ],
)
def test_a_utc_time_in_the_stated_zone(
    zone_line: str, day: dt.date, hour: int, minute: int, local: dt.datetime
) -> None:
    layout = layout_of(chart_doc(f"Program time zone: {zone_line}\n").document)
    zone = local_zone(layout)
    assert zone is not None
    assert to_local(zone, day, hour, minute).replace(tzinfo=None) == local


@pytest.mark.parametrize(
    "text",
    [
        "No zone stated here.\n",
        # two zones: which one is the program's is not known
        "Site A: America/Chicago\nSite B: America/Denver\n",
        "Zone: America/Nowhere_Town\n",  # unknown to the zone database
    ],
    ids=["none", "two", "unknown"],
)
def test_no_local_zone_unless_exactly_one_is_stated(text: str) -> None:
    assert local_zone(layout_of(chart_doc(text).document)) is None


@pytest.mark.parametrize(
    ("who", "mark", "attendance", "quote"),
    [
        ("Jane Doe", "ABSENT - ill", Attendance.ABSENT, "ABSENT"),
        ("Doe, Jane", "CANCELLED (client) - car trouble", Attendance.CANCELLED, "CANCELLED"),
        ("Jane Doe", "PRESENT", Attendance.ATTENDED, "PRESENT"),
        # another person's mark says nothing of the member (not even a "no show" read as a
        # sentence about the member)
        ("John Roe", "ABSENT - ill", None, None),
        ("John Roe", "NO SHOW - no answer", None, None),
        ("Roe, John", "CANCELLED (client)", None, None),
    ],
    ids=[
        "member-absent",
        "member-last-first-cancelled",
        "member-present",
        "another-person",
        "another-no-show",
        "another-last-first",
    ],
)
def test_a_label_naming_the_member_over_a_status_is_the_members_status(
    who: str, mark: str, attendance: Attendance | None, quote: str | None
) -> None:
    text = (
        "Client: Doe, Jane   MRN 5511\n\n"
        "GROUP NOTE\n"
        "Date of Service: 06/03/2025   Time: 9:00-10:30\n"
        "Service: Process Group\n"
        f"Attendance mark for {who}: {mark}\n"
    )
    (s,) = _sessions(text)
    slot = [x for x in s.slots if x.slot == "attendance"]
    if attendance is None:
        assert s.attendance is Attendance.UNKNOWN and slot == []
        return
    assert s.attendance is attendance
    assert _slot(s, "attendance") == [_at(text, quote or "", after="Attendance mark")]


@pytest.mark.parametrize(
    ("line", "quote"),
    [
        ("Enrolled: Virtual IOP track, 06/02/2025\n", "06/02/2025"),
        ("Enrolled in IOP: 06/02/2025\n", "06/02/2025"),
    ],
)
def test_an_enrolment_date_is_the_admission(line: str, quote: str) -> None:
    text = HEAD + line
    episode = extract_episode_dates(chart_doc(text, kind=DocumentKind.OTHER))
    # the field, from its label to the date
    at = text.index(quote)
    assert [(e.kind, e.date, e.evidence[0].start, e.evidence[0].end) for e in episode] == [
        (EpisodeDateKind.ADMISSION, D(2025, 6, 2), len(HEAD), at + len(quote))
    ]
