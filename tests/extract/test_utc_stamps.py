"""Sessions whose start and end are written as UTC stamps ("2025-03-03 15:00 UTC",
"2025-03-03T15:00:00Z") in fields, log lines and table cells (extract/values/zones.py
``stamp_local``, extract/readers/when.py ``_utc_clocks``).

A UTC stamp is no local clock. In the zone the document states (an IANA name) or the
offset its record states, it is converted: date and times. Without either, its local date
is known only when it is the same at every offset a program may have (services.yaml
``local_time``: -10 to -4 hours), and its local times are never known; the length between
two UTC stamps is exact, so the session has a length and no times. A stamp whose local
date is not known dates nothing: the record is listed as unread, never placed on a guessed
day and never silently dropped."""

from __future__ import annotations

import datetime as dt

import pytest

from core.data import DocumentKind
from extract.deterministic.sessions import read_document
from extract.layout import layout_of
from extract.values.zones import stamp_local, utc_clock
from tests.chartdocs import chart_doc
from tests.chartdocs import grounded_sessions as _sessions
from tests.chartdocs import slot_spans as _slot
from tests.chartdocs import span as _at

T = dt.time
D = dt.date

FIELDS = (
    "Client: Jane Q. Sample\n"
    "\n"
    "Session 1\n"
    "Start: 2025-03-03 15:00 UTC\n"
    "End: 2025-03-03 18:00 UTC\n"
    "Service: IOP group psychotherapy\n"
    "Attendance: present\n"
)
TABLE = (
    "| Member | Service | Start | End | Status |\n"
    "|---|---|---|---|---|\n"
    "| Jane Q. Sample | IOP group psychotherapy | 2025-03-03T15:00:00Z | 2025-03-03T18:00:00Z"
    " | attended |\n"
)
CHICAGO = "Program time zone: America/Chicago\n" + FIELDS
OFFSET = FIELDS.replace("Attendance: present\n", "Attendance: present\nLocal: UTC-06:00\n")
LOCAL = FIELDS.replace(" UTC", "")


@pytest.mark.parametrize(
    ("text", "day", "times", "minutes", "date_quote", "time_quotes"),
    [
        # no zone stated: 15:00 UTC is 03/03 from Hawaii to New York; the length only
        (FIELDS, D(2025, 3, 3), None, 180.0, "2025-03-03", ["15:00", "18:00"]),
        (TABLE, D(2025, 3, 3), None, 180.0, "2025-03-03T15:00:00Z", ["15:00:00Z", "18:00:00Z"]),
        # a zone stated by name: Chicago in March 2025 before daylight time (UTC-6)
        (CHICAGO, D(2025, 3, 3), (T(9, 0), T(12, 0)), 180.0, "2025-03-03", ["15:00", "18:00"]),
        # an offset the record states
        (OFFSET, D(2025, 3, 3), (T(9, 0), T(12, 0)), 180.0, "2025-03-03", ["15:00", "18:00"]),
        # the same record in local time: a session's start as a full date-time is its date
        (LOCAL, D(2025, 3, 3), (T(15, 0), T(18, 0)), 180.0, "2025-03-03", ["15:00", "18:00"]),
    ],
    ids=["fields-no-zone", "table-no-zone", "iana-zone", "stated-offset", "local-date-time"],
)
def test_a_session_written_in_utc_stamps(
    text: str,
    day: D,
    times: tuple[T, T] | None,
    minutes: float,
    date_quote: str,
    time_quotes: list[str],
) -> None:
    (s,) = _sessions(text)
    assert (s.date, s.minutes) == (day, minutes)
    assert (s.start, s.end) == (times or (None, None))
    assert _slot(s, "date") == [_at(text, date_quote)]
    where = [_at(text, q) for q in time_quotes]
    if times is None:
        assert _slot(s, "minutes") == where
        assert _slot(s, "start") == [] and _slot(s, "end") == []
    else:
        assert _slot(s, "start") == where[:1] and _slot(s, "end") == where[1:]


def test_an_evening_stamp_is_converted_to_its_local_day() -> None:
    # 19:00-20:30 in Chicago on 06/03 (daylight time, UTC-5) is stamped 00:00-01:30 on 06/04
    text = CHICAGO.replace("2025-03-03 15:00", "2025-06-04 00:00").replace(
        "2025-03-03 18:00", "2025-06-04 01:30"
    )
    (s,) = _sessions(text)
    assert (s.date, s.start, s.end, s.minutes) == (
        D(2025, 6, 3),
        T(19, 0),
        T(20, 30),
        90.0,
    )


def test_a_stamp_whose_local_day_is_not_known_dates_nothing_and_is_listed() -> None:
    # 06:00 UTC may be 03/03 (20:00 in Hawaii) or 03/04 (01:00 in New York): not guessed,
    # listed as unread
    text = FIELDS.replace("2025-03-03 15:00", "2025-03-04 06:00").replace(
        "2025-03-03 18:00", "2025-03-04 07:30"
    )
    found, unread = read_document(chart_doc(text, kind=DocumentKind.OTHER))
    assert found == []
    assert [(u.start, u.date) for u in unread] == [(text.index("Start:"), None)]


@pytest.mark.parametrize(
    ("hour", "expected"),
    [
        (9, None),  # 23:00 in Hawaii the day before, 05:00 in New York
        (10, D(2025, 3, 3)),  # 00:00 in Hawaii, 06:00 in New York
        (23, D(2025, 3, 3)),  # 13:00 in Hawaii, 19:00 in New York
        (3, D(2025, 3, 2)),  # 17:00 in Hawaii, 23:00 in New York: the day before
    ],
)
def test_the_local_date_of_a_stamp_without_a_zone(hour: int, expected: D | None) -> None:
    layout = layout_of(chart_doc("Log\n", kind=DocumentKind.OTHER).document)
    got = stamp_local(layout, 0, 0, D(2025, 3, 3), hour, 0)
    assert (got[0] if got is not None else None) == expected
    assert got is None or got[1] is None  # no local time without a zone


@pytest.mark.parametrize(
    ("text", "clock_end", "utc"),
    [
        ("15:00Z,", 6, True),  # the clock's span ends with its marker
        ("15:00Z,", 5, True),
        ("15:00:00 UTC", 5, True),
        ("15:00 GMT", 5, True),
        ("15:00+00:00", 5, True),
        ("15:00 UTC-05:00", 5, False),  # an offset from UTC: a local time
        ("15:00 CST", 5, False),
        ("15:00, Zoom", 5, False),
    ],
)
def test_a_clock_written_in_utc(text: str, clock_end: int, utc: bool) -> None:
    assert utc_clock(text, clock_end, len(text)) is utc
