"""Time stamps in UTC and the local time zone a document states.

A platform's export may write its time stamps in UTC ("2025-04-16 00:23:15 UTC",
"2025-05-24T13:21:49Z") and state the program's local time zone once ("Program local time
zone: America/Chicago"). A UTC stamp's date and clock are not the local date and clock of
the service (an evening session at 19:10 in Chicago is stamped 01:10 UTC the next day), so
no reader takes them as written:

- :func:`utc_stamp` tells a date that is followed by a clock and a UTC marker (``Z``,
  ``UTC``, ``GMT``, ``+00:00``);
- :func:`local_zone` is the time zone a document states as an IANA name
  ("America/Los_Angeles"), when it states exactly one and this system knows it; otherwise
  ``None``: the local time of a UTC stamp is not known, and a reader must not guess it;
- :func:`stated_offset` is the one UTC offset a record states beside its local time
  ("18:00 CDT (UTC-05:00)"), for a document that names no zone;
- :func:`to_local` converts a UTC date and clock to that zone's local date and clock
  (daylight saving time included).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from extract.layout import Layout
from extract.layout.memo import PerLayout
from extract.values.vocab import vocab

# a clock after a date (maybe with seconds), then a UTC marker
_UTC_AFTER = re.compile(
    r"(?:T|[ \t]+)(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2})(?:[.,]\d+)?)?"
    r"[ \t]*(?:Z|UTC|GMT|\+00:?00)(?![A-Za-z0-9])"
)
# a UTC marker right after a clock (maybe with its seconds): "15:00Z", "15:00:00 UTC"
_UTC_CLOCK_END = re.compile(
    r"(?::\d{2}(?:[.,]\d+)?)?[ \t]*(?:Z|UTC|GMT|\+00:?00)(?![A-Za-z0-9]|[ \t]*[+\-−]\d)"
)
# "UTC" or "GMT" as a word (a table's caption: "Participants (timestamps UTC)")
_UTC_WORD = re.compile(r"(?<![A-Za-z])(?:UTC|GMT)(?![A-Za-z+\-−]|[ \t]*[+\-−]\d)")
# an IANA zone name: Area/Location ("America/Los_Angeles", "America/Indiana/Indianapolis")
_IANA = re.compile(r"\b(?:Africa|America|Asia|Atlantic|Australia|Europe|Pacific)/[A-Za-z_/\-]+")


def utc_stamp(text: str, date_end: int, line_end: int) -> tuple[int, int, int] | None:
    """The clock (hour, minute, end offset) of the UTC stamp whose date ends at
    ``date_end`` ("2025-04-16 00:23:15 UTC": 0, 23 and the end of "UTC"), else ``None``."""
    m = _UTC_AFTER.match(text, date_end, line_end)
    if m is None or int(m["h"]) > 23 or int(m["m"]) > 59:
        return None
    return int(m["h"]), int(m["m"]), m.end()


def utc_clock(text: str, clock_end: int, line_end: int) -> bool:
    """Whether the clock ending at ``clock_end`` is written in UTC ("15:00Z", "15:00 GMT",
    "15:00:00+00:00")."""
    back = clock_end
    while back > 0 and not text[back - 1].isdigit() and clock_end - back < 8:
        back -= 1  # the clock's own span may end with its marker ("15:00:00Z")
    return _UTC_CLOCK_END.match(text, back, line_end) is not None


def stamp_local(
    layout: Layout, first: int, last: int, day: dt.date, hour: int, minute: int
) -> tuple[dt.date, dt.time | None] | None:
    """The local date of a UTC stamp (``day`` ``hour``:``minute`` UTC) in a record on
    lines ``first``..``last``, with its local time when the zone is known: the zone the
    document states (:func:`local_zone`), else the one offset the record states
    (:func:`stated_offset`). With neither, the date only, when it is the same at every
    offset a program may have (``services.yaml`` ``local_time``); else ``None``: the local
    date is not known, and a reader must not guess it."""
    zone: dt.tzinfo | None = local_zone(layout) or stated_offset(layout, first, last)
    if zone is not None:
        local = to_local(zone, day, hour, minute)
        return local.date(), local.time().replace(second=0, microsecond=0)
    at = dt.datetime(day.year, day.month, day.day, hour, minute)
    dates = {(at + dt.timedelta(hours=h)).date() for h in vocab().utc_offsets_hours}
    return (dates.pop(), None) if len(dates) == 1 else None


def says_utc(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` says its times are UTC ("(timestamps UTC)", "Joined
    (UTC)"); not an offset from UTC ("UTC-07:00", "UTC+1")."""
    return _UTC_WORD.search(text, start, end) is not None


@cache
def _known() -> frozenset[str]:
    try:
        return frozenset(available_timezones())
    except (OSError, ValueError):  # pragma: no cover - no zone database on this system
        return frozenset()


def _zone(layout: Layout) -> ZoneInfo | None:
    text = layout.text
    names = {m.group(0).rstrip("/-") for m in _IANA.finditer(text)}
    names &= _known()
    if len(names) != 1:
        return None  # none stated, or several (which one is the program's is not known)
    try:
        return ZoneInfo(names.pop())
    except (ZoneInfoNotFoundError, ValueError):
        return None


#: the time zone ``layout`` states (module docstring), found once per layout
local_zone = PerLayout(_zone)


# a UTC offset stated beside a local time ("18:00 CDT (UTC-05:00)", "GMT+1")
_OFFSET = re.compile(
    r"(?<![A-Za-z])(?:UTC|GMT)[ \t]*(?P<sign>[+\-−])(?P<h>\d{1,2})(?::?(?P<m>[0-5]\d))?(?!\d)"
)


def stated_offset(layout: Layout, first: int, last: int) -> dt.timezone | None:
    """The one UTC offset lines ``first``..``last`` state (a record's "Scheduled: 18:00 CDT
    (UTC-05:00)"): the record's local time is that far from UTC. ``None`` when they state
    none, or several different ones."""
    text = layout.text
    found: set[int] = set()
    for i in range(first, last + 1):
        line = layout.lines[i]
        for m in _OFFSET.finditer(text, line.cstart, line.cend):
            minutes = int(m["h"]) * 60 + int(m["m"] or 0)
            if minutes <= 14 * 60:
                found.add(-minutes if m["sign"] != "+" else minutes)
    if len(found) != 1:
        return None
    return dt.timezone(dt.timedelta(minutes=found.pop()))


def to_local(zone: dt.tzinfo, day: dt.date, hour: int, minute: int) -> dt.datetime:
    """The local date and time in ``zone`` of ``day`` ``hour``:``minute`` UTC."""
    at = dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=dt.UTC)
    return at.astimezone(zone)


__all__ = [
    "local_zone",
    "says_utc",
    "stamp_local",
    "stated_offset",
    "to_local",
    "utc_clock",
    "utc_stamp",
]
