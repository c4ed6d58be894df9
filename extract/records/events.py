"""Event logs: one service told by several log lines that share an id.

An audit trail or an interface log writes a line per event, each led by the time it was
logged (``ts=2025-09-02T14:00:41Z``, ``[2025-09-02 14:00:41 UTC]``, ``Sep  2 14:00:41``):
an appointment booked (its date of service, its times, the service, the staff), the
client's check-in and check-out (each with a clock), a status change (no-show,
cancelled). The lines of one appointment are tied by its id (``appt=AP-50213``,
``APPT#50213``, ``id=50213``), not by place: other appointments' events come between them,
and the logging time is not the service's (server time in UTC, a booking logged days
ahead, a check-out entered the next morning).

- A *log line* is a text line led by a stamp: a date (or a month and day) with a clock to
  the second, maybe bracketed or written as ``key=`` (a service's own date and time,
  "10/07/2025 09:00", is written to the minute).
- A log line's *id* is its first token, after the stamp, with three or more digits that is
  no date, year or clock, that two to :data:`MAX_EVENTS` log lines carry and exactly one
  *booking* (a line with a date and a time range or two clocks after its stamp): a host
  name, a process id or the member's record number stands on many lines, or on several
  bookings or none, and is no appointment's id.
- The log lines that carry one id are one record (its lines, in any order, and only
  those), when one of them at least gives no date outside its stamp (a check-in's clock
  needs the booking's date): lines that each give their own date are each a record of
  their own (rows of a claim sharing its number).
- A record's date of service is the date its lines give outside their stamps (the
  booking's ``svc_date=2025-04-28``, "CREATED for ...: 04/28/2025"). When they give none,
  or two different ones, the record is not made; with two, its lines are no one's
  (:mod:`extract.unread` lists a line with a date and a time no session was read from).
  A stamp's own date and clock are never a slot of the record.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from extract.layout import Layout
from extract.records.dates import DateHit, DateRole
from extract.records.model import Anchor, RecordForm, ServiceRecord
from extract.values import times

#: At most this many lines carry one appointment's id (booked, reminded, checked in and
#: out, a status change and its correction); a token on more lines is no appointment's.
MAX_EVENTS = 8
_MIN_LOG_LINES = 3
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?[ \t]+\d{1,2}"
_STAMP = re.compile(
    r"[ \t]*(?:\[|[A-Za-z_]{1,16}=)?"
    rf"(?:\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}/(?:\d{{4}}|\d{{2}})|{_MONTH})"
    r"(?:T|[ \t]+)\d{1,2}:\d{2}:\d{2}(?:[.,]\d+)?"
    r"(?:[ \t]*(?:Z|UTC|GMT|[+-]\d{2}:?\d{2}|[A-Z]{3,4}\b))?\]?"
)
_TOKEN = re.compile(r"[A-Za-z0-9#_-]*\d[A-Za-z0-9#_-]*")
_NOT_ID = re.compile(
    r"\d{4}-\d{2}-\d{2}|(?:19|20)\d{2}|(?:[01]\d|2[0-3])[0-5]\d"
    r"|\d{3,4}-\d{3,4}"  # a range of clocks ("0930-1100")
)


def stamp_end(layout: Layout, i: int) -> int | None:
    """Where the stamp leading line ``i`` ends, if a stamp leads it."""
    line = layout.lines[i]
    m = _STAMP.match(layout.text, line.start, line.cend)
    return m.end() if m is not None and m.end() > line.cstart else None


def _ids(text: str, start: int, end: int) -> list[str]:
    out: list[str] = []
    for m in _TOKEN.finditer(text, start, end):
        token = m.group()
        if sum(c.isdigit() for c in token) >= 3 and _NOT_ID.fullmatch(token) is None:
            out.append(token)
    return out


def _timed(text: str, start: int, end: int) -> bool:
    """A time range, or two clocks ("start=09:30 end=11:00"), in ``text[start:end]``."""
    if next(times.find_time_ranges(text, start, end), None) is not None:
        return True
    clocks = times.find_clock_times(text, start, end)
    return next(clocks, None) is not None and next(clocks, None) is not None


def event_records(
    layout: Layout, hits: Sequence[DateHit]
) -> tuple[list[ServiceRecord], frozenset[int]]:
    """The records of the document's event log, if it has one (module docstring), and every
    log line that carries an id (with a record or not): no other record may take them."""
    stamps: dict[int, int] = {}
    for i, line in enumerate(layout.lines):
        if line.is_text:
            end = stamp_end(layout, i)
            if end is not None:
                stamps[i] = end
    if len(stamps) < _MIN_LOG_LINES:
        return [], frozenset()
    text = layout.text
    by_line: dict[int, list[DateHit]] = defaultdict(list)
    for h in hits:
        if h.line in stamps and h.start >= stamps[h.line] and h.role is not DateRole.OTHER:
            by_line[h.line].append(h)
    tokens = {i: _ids(text, end, layout.lines[i].cend) for i, end in stamps.items()}
    carried: dict[str, int] = defaultdict(int)
    books: dict[str, int] = defaultdict(int)
    for i, found in tokens.items():
        booking = i in by_line and _timed(text, stamps[i], layout.lines[i].cend)
        for token in set(found):
            carried[token] += 1
            books[token] += booking
    groups: dict[str, list[int]] = defaultdict(list)
    for i, found in tokens.items():
        key = next((t for t in found if 2 <= carried[t] <= MAX_EVENTS and books[t] == 1), None)
        if key is not None:
            groups[key].append(i)
    out: list[ServiceRecord] = []
    for lines in groups.values():
        if all(i in by_line for i in lines):
            continue  # every line dated on its own: records of their own sharing a number
        dated = [h for i in lines for h in by_line.get(i, ())]
        if not dated or len({h.date for h in dated}) != 1:
            continue  # no date of service, or two: not read (an unread record)
        hit = min(dated, key=lambda h: (h.role is not DateRole.SERVICE, h.start))
        out.append(
            ServiceRecord(
                layout,
                RecordForm.ENTRY,
                lines[0],
                lines[-1],
                Anchor.of(hit, "event-id"),
                "entry.event-id",
                joined=tuple(lines),
            )
        )
    return out, frozenset(
        i
        for lines in groups.values()
        if any(i in by_line for i in lines) and not all(i in by_line for i in lines)
        for i in lines
    )


__all__ = ["MAX_EVENTS", "event_records", "stamp_end"]
