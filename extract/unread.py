"""What could not be read (RULES.md "Unknown kind, unread records").

After the sessions of a document are read, every line that *looks like* the record of a
service — a date with a time range or a duration, or a service's name with a time range —
and that no session was read from, is listed as unread; so is, inside a note a session was
read from, a time range on a line that names a service (or in a time field or a heading)
that overlaps no session read from the document ("AFTERNOON BLOCK 13:00-14:30" in a note read
as a 9:00-10:30 group): the note holds another service. Neither is listed when it is
explained: it is in a
table read as a schedule, in a document that does not record services (a plan, an
evaluation, a certification: their times are planned frequencies and schedules), about
another day or a plan ("next group 9-10:30", "3x/week"), history, a code legend, or a
signature. Its date is given when one of its dates can be a date of service.

A record lists the unread lines by document, page and offsets only (no text: the record
holds chart quotes only as evidence). The rules whose verdict an unread record could
change say so and name it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from core.data import Evidence
from core.facts import Session, UnreadRecord
from core.grounding import iter_evidence
from extract.layout import Layout
from extract.records import Records, ServiceRecord
from extract.records.clients import client_rows
from extract.records.dates import (
    ANCHOR_ROLES,
    UTC_SESSION,
    DateRole,
    date_hits,
    signature_line,
)
from extract.records.events import stamp_end
from extract.records.roster import other_client_breaks
from extract.records.tables import is_calendar, people_grid
from extract.values import times
from extract.values.dates import find_dates, find_partial_dates
from extract.values.vocab import vocab

_DAY = (
    r"(?:M|Mo|Mon|Monday|T|Tu|Tue|Tues|Tuesday|W|We|Wed|Wednesday|Th|Thu|Thur|Thurs|Thursday"
    r"|F|Fr|Fri|Friday|Sa|Sat|Saturday|Su|Sun|Sunday)"
)
_RECURRING = re.compile(rf"\b{_DAY}\.?[ \t]*[-–/,&][ \t]*{_DAY}\b\.?")
# words that explain a line with a time: history, plans, frequencies
_HISTORY = ("history", "previous", "previously", "prior", "ago", "in the past", "last year")


def _unread_at(place: Evidence, *, why: str, date: dt.date | None = None) -> UnreadRecord:
    """The unread record at ``place`` (its document, page and offsets; no quote)."""
    return UnreadRecord(
        document_id=place.document_id,
        page=place.page,
        start=place.start,
        end=place.end,
        date=date,
        why=why,
    )


def unread_records(
    records: Records, read: Iterable[ServiceRecord], sessions: Iterable[Session]
) -> list[UnreadRecord]:
    """The service-like lines of a document outside the records (``read``) that sessions
    were read from and outside those sessions' evidence."""
    layout = records.layout
    read_lines: set[int] = set()
    own_lines: set[int] = set()  # the lines of the records read themselves
    for rec in read:
        top = rec.parent or rec
        read_lines.update(range(top.first, top.last + 1))
        read_lines.update(rec.lines())
        own_lines.update(rec.lines())
    # a row of a list of several clients whose client is not known: unread unless it is
    # a record read itself (the note it sits in is the day's, not the row's)
    unknown = client_rows(layout).unknown
    sessions = list(sessions)
    read_lines |= _evidenced_lines(layout, sessions)
    evidenced = _timed_lines(layout, sessions)
    # a document of session notes or logs from which no session at all was read: every
    # line naming a service is a record the reader could not read (its times or dates may
    # be written in a form it does not know)
    read_nothing = not sessions
    doc_date = next((h.date for h in records.hits if h.role in ANCHOR_ROLES), None)
    out: list[UnreadRecord] = []
    v = vocab()
    text = layout.text
    hits_by_line: dict[int, list[DateRole]] = {}
    dates_by_line: dict[int, list[tuple[DateRole, dt.date]]] = {}
    # a session's start or end in UTC whose local day is not known (records/dates.py)
    utc_unknown = {h.line for h in records.hits if h.why == UTC_SESSION}
    for h in records.hits:
        hits_by_line.setdefault(h.line, []).append(h.role)
        stamp = stamp_end(layout, h.line)
        if stamp is not None and h.start < stamp:
            continue  # when a log line was logged, not the service's day
        dates_by_line.setdefault(h.line, []).append((h.role, h.date))
    slots = _session_slots(sessions)
    # a report sorted by client: the other clients' lines are about them
    others = other_client_breaks(layout)
    whole = _unread_tables(layout, read_lines | others, records)
    out.extend(whole)
    for i, line in enumerate(layout.lines):
        if not line.is_text or i in records.schedule_lines or i in others:
            continue
        if i in records.unreadable:
            # a record the segmenter found and could not read (a timeline's start or end
            # event of a service whose date could not be read, the member's row of a
            # sign-in sheet in no record)
            done = i in own_lines if i in unknown else i in read_lines
            place = None if done else layout.evidence(line.cstart, line.cend)
            if place is not None and not any(_covers(u, place) for u in whole):
                out.append(
                    _unread_at(
                        place,
                        why="a service's record that could not be read into a session",
                    )
                )
            continue
        if i in read_lines:
            # inside a record a session was read from: a time slot on a line no session
            # quotes, overlapping no session read here, is another service it holds
            if i not in evidenced:
                found = _other_slot(layout, i, slots)
                if found is not None and not _explained(layout, i):
                    out.append(found)
            continue
        s, e = line.cstart, line.cend
        if e - s > 2000:
            continue  # a wall of text is prose, not a record
        when = next(times.find_time_ranges(text, s, e), None)
        length = None if when is not None else next(times.find_durations(text, s, e), None)
        roles = hits_by_line.get(i, [])
        dated = any(r in ANCHOR_ROLES or r is DateRole.CELL or r is DateRole.PROSE for r in roles)
        named = v.kinds.earliest(text, s, e) or v.codes.earliest(text, s, e)
        if read_nothing and when is not None and roles:
            dated = True  # "Date: 10/08/2025  Time: 1400-1430" in a note nothing was read from
        if i in utc_unknown:
            # its start and end on adjacent lines are one record
            j = i
            while j + 1 in utc_unknown and j + 1 not in read_lines:
                j += 1
            utc_unknown -= set(range(i, j + 1))
            place = layout.evidence(s, layout.lines[j].cend)
            if place is not None and not _explained(layout, i):
                out.append(_unread_at(place, why=UTC_SESSION))
            continue
        if not (
            (dated and (when is not None or length is not None))
            or (named and when)
            or (
                length is not None
                and (named or _COUNTED.search(text, s, e) is not None)
                and _any_date(layout, i, roles)
            )
            or (named and read_nothing and _starts_with_service(layout, i))
        ):
            continue
        if _explained(layout, i):
            continue
        date = next((d for r, d in dates_by_line.get(i, []) if r is not DateRole.OTHER), None)
        if date is None and read_nothing:
            date = doc_date  # the note's date of service: the record is of that day
        place = layout.evidence(s, e)
        if place is None:
            continue
        why = (
            "a date with a time that no session was read from"
            if dated and (when is not None or length is not None)
            else "a service with a time that no session was read from"
            if when is not None or length is not None
            else "a service named in a document no session was read from"
        )
        out.append(
            _unread_at(
                place,
                date=date,
                why=why,
            )
        )
    return out


def _any_date(layout: Layout, i: int, roles: list[DateRole]) -> bool:
    """Line ``i`` holds a date of any role, or a weekday with a month and day ("Week of
    03/03/2025: attended 3 group sessions (Mon 3/3, Wed 3/5, Fri 3/7), 3 hours each")."""
    line = layout.lines[i]
    return bool(roles) or _DAY_MONTH_DAY.search(layout.text, line.cstart, line.cend) is not None


# a weekday and a month and day ("Mon 3/3", "Wed, 3/5")
_DAY_MONTH_DAY = re.compile(rf"\b{_DAY}\.?,?[ \t]+\d{{1,2}}/\d{{1,2}}(?![\d/])")
# a count of services ("3 group sessions", "two groups", "4 IOP visits")
_COUNTED = re.compile(
    r"(?i)\b(?:\d{1,2}|one|two|three|four|five|six|seven)[ \t]+(?:[A-Za-z\-]+[ \t]+){0,2}"
    r"(?:sessions|groups|visits|services|appointments)\b"
)


_ON_DATE = re.compile(r"\b(?:on|dated)[ \t]+(?=\d{1,2}/\d{1,2})", re.IGNORECASE)


def told_services(layout: Layout) -> list[tuple[dt.date, str, UnreadRecord]]:
    """In a document that records no services itself (a discharge summary, an
    evaluation), sentences that say a service took place on a date ("attended individual
    therapy with B. Holloway, LICSW on 7/15", "no-showed for individual therapy on 7/29"):
    the date, the service kind, and the sentence as an unread record. They are unread when
    no session of that kind was read on that date (:func:`untold_by_sessions`)."""
    v = vocab()
    text = layout.text
    dates = sorted(layout_dates(layout))
    out: list[tuple[dt.date, str, UnreadRecord]] = []
    if not dates:
        return out
    near = dates[len(dates) // 2]  # the year of most of its dates (not a birth date's)
    for m in _ON_DATE.finditer(text):
        # the clause: back to the previous ";", "." or ":" (a PDF's line breaks join it)
        s = m.start()
        while s > 0 and m.start() - s < 160 and text[s - 1] not in ";.:\n" + "\f":
            s -= 1
        if s > 0 and text[s - 1] == "\n" and m.start() - s < 160:
            # a wrapped line: the clause goes on from the line above
            s -= 1
            while s > 0 and m.start() - s < 160 and text[s - 1] not in ";.:\f":
                s -= 1
        e = m.end()
        if v.not_current.earliest(text, s, e) is not None:
            continue
        status = v.attendance_narrative.earliest(text, s, e)
        kind = v.kinds.earliest(text, s, e)
        if status is None or kind is None:
            continue
        d = next(find_dates(text, m.end(), min(len(text), m.end() + 12)), None)
        if d is None or d.start != m.end():
            d = next(find_partial_dates(text, m.end(), min(len(text), m.end() + 8), near), None)
        if d is None or d.start != m.end():
            continue
        place = layout.evidence(max(s, status[0] if status[0] < kind[0] else kind[0]), d.end)
        if place is not None:
            out.append(
                (
                    d.date,
                    kind[2].value,
                    _unread_at(
                        place,
                        date=d.date,
                        why="a service a summary says took place that no session was read for",
                    ),
                )
            )
    out.extend(_ledger_clauses(layout, near))
    return out


# where a clause of a ledger ends: ";", a blank line, a sentence's "." (not a decimal point)
_CLAUSE_END = re.compile(r";|\n[ \t]*\n|\f|(?<!\d)\.(?!\d)|\.(?=\s)")
# what may open a clause before its date: the start, ";", ":" or a blank line
_CLAUSE_OPEN = ";:\f"


def _ledger_clauses(layout: Layout, near: dt.date) -> list[tuple[dt.date, str, UnreadRecord]]:
    """In a summary, the clauses of a ledger of services: a clause that begins with a
    date (after ";", ":" or a blank line) and holds a length or an attendance word ("Week
    1 (04/29/2025 - 05/05/2025): 4/29 GRP 1.5 h, PSYED 1.5 h, FAM 53 min; 4/30 GRP 1.5 h",
    "5/13 missed GRP, PSYED and IND"): the services of that date, of kinds not known here
    (``""``: any session of that date accounts for them)."""
    v = vocab()
    text = layout.text
    found = [*find_dates(text), *find_partial_dates(text, 0, len(text), near)]
    out: list[tuple[dt.date, str, UnreadRecord]] = []
    seen: set[int] = set()
    for d in sorted(found, key=lambda d: d.start):
        if d.start in seen:
            continue
        seen.add(d.start)
        k = d.start
        while k > 0 and text[k - 1] in " \t\n":
            k -= 1
        opened = k == 0 or text[k - 1] in _CLAUSE_OPEN or text.count("\n", k, d.start) > 1
        if not opened:
            continue
        stop = _CLAUSE_END.search(text, d.end)
        e = stop.start() if stop is not None else len(text)
        if e - d.end > 300:
            continue  # prose, not a ledger's clause
        if v.not_current.earliest(text, d.start, e) is not None:
            continue
        if any(o.start != d.start and d.start <= o.start < e for o in found):
            continue  # "07/01/2025  Discharge date: 07/31/2025": fields, not a day's services
        if (
            next(times.find_durations(text, d.end, e), None) is None
            and v.attendance_narrative.earliest(text, d.end, e) is None
        ):
            continue
        place = layout.evidence(d.start, e)
        if place is not None:
            out.append(
                (
                    d.date,
                    "",
                    _unread_at(
                        place,
                        date=d.date,
                        why="a service a summary says took place that no session was read for",
                    ),
                )
            )
    return out


def layout_dates(layout: Layout) -> Iterable[dt.date]:
    """The full dates of ``layout``, in text order (the year of dates written without one)."""
    return (d.date for d in find_dates(layout.text))


def untold_by_sessions(
    told: Iterable[tuple[dt.date, str, UnreadRecord]], sessions: Iterable[Session]
) -> list[UnreadRecord]:
    """The told services no session of the same date and kind accounts for."""
    read = {(s.date, s.service_kind.value) for s in sessions}
    days = {d for d, _ in read}
    return [u for d, kind, u in told if (d, kind) not in read and not (kind == "" and d in days)]


_LOG_ROLES = frozenset({"date", "time", "start", "attendance", "member_start", "units"})


def _covers(record: UnreadRecord, place: Evidence) -> bool:
    """Whether ``record`` (a whole table listed as unread) holds ``place``."""
    return (
        record.document_id == place.document_id
        and record.page == place.page
        and record.start <= place.start
        and place.end <= record.end
    )


def _unread_tables(layout: Layout, read_lines: set[int], records: Records) -> list[UnreadRecord]:
    """A table of services (its columns name dates, times or attendance) none of whose
    rows a session was read from: one unread record for the whole table (its rows may be
    several people's, or in a form the reader does not know)."""
    out: list[UnreadRecord] = []
    for table in layout.tables:
        rows = [ln for row in table.rows for ln in row.lines]
        if not rows or any(i in read_lines for i in rows):
            continue
        calendar = is_calendar(layout, table)  # marks by day, even under a "calendar" title
        roster = not calendar and people_grid(layout, table)  # no row names the member
        if rows[0] in records.schedule_lines and not calendar:
            continue
        roles = {vocab().role_of(table.header_text(layout.text, j)) for j in range(table.width)}
        if not (calendar or roster) and (
            len(roles & _LOG_ROLES) < 2 or len(table.rows) < 2 or "charge" in roles
        ):
            continue  # (claim lines record billing, not services: RULES.md)
        first, last = layout.lines[rows[0]], layout.lines[rows[-1]]
        place = layout.evidence(first.cstart, last.cend)
        if place is None:
            continue  # the table spans pages: its first row alone
        out.append(
            _unread_at(
                place,
                why=(
                    "a calendar whose days could not be read"
                    if calendar
                    else "a roster none of whose rows names the member"
                    if roster
                    else "a table of services none of whose rows could be read"
                ),
            )
        )
    return out


def _starts_with_service(layout: Layout, i: int) -> bool:
    """The line begins (after a bullet, a number or a time) with a service's name and
    carries a number (a time, a date, a count in some form): an entry of a list of services
    ("- 09h00-10h30 Process group"), not a sentence that mentions one."""
    v = vocab()
    text = layout.text
    line = layout.lines[i]
    named = v.kinds.earliest(text, line.cstart, line.cend)
    words = text[line.cstart : line.cend]
    if named is None or len(words.split()) > 12 or not any(c.isdigit() for c in words):
        # a sentence or a report that mentions a service, or a task ("- OT to add a
        # meal-planning task"), not an entry: an entry carries a time, a date or a count
        return False
    before = text[line.cstart : named[0]]
    return len(before.strip(" \t-*•·>#|0123456789:.hH–—/()apmAPM")) == 0


_MEMBER_TIME = re.compile(
    r"\b(?:arrived|arrival|came[ \t]+in|checked[ \t]+in|left|departed|departure"
    r"|checked[ \t]+out|signed[ \t]+out)\b",
    re.IGNORECASE,
)


def untold_member_times(layout: Layout, sessions: Iterable[Session]) -> bool:
    """Whether the document states a member's arrival or departure time ("arrived 09:20",
    "left at 11:40") on a line no session was read from: the member's own times of some
    session are documented but not read, so a partial status ("arrived late") may not be
    counted as the whole session (RULES.md "Service hours": the member's own times when
    documented)."""
    text = layout.text
    if _MEMBER_TIME.search(text) is None:
        return False
    evidenced = _evidenced_lines(layout, sessions)
    for line in layout.lines:
        if not line.is_text or line.index in evidenced:
            continue
        for m in _MEMBER_TIME.finditer(text, line.cstart, line.cend):
            clock = next(times.find_clock_times(text, m.end(), min(line.cend, m.end() + 30)), None)
            if clock is not None:
                return True
    return False


# captions of the member's own times ("Time In     Time Out", "Client In   Client Out")
_MEMBER_TIME_CAPTION = re.compile(
    r"\b(?:(?:time|client|member|patient|pt)[ \t]+(?:in|out)|check-?[ \t]?(?:in|out)"
    r"|arrival[ \t]+time|departure[ \t]+time)\b",
    re.IGNORECASE,
)


# digits shaped like a clock, however spaced ("09:30", "| 0 9 : 3 0 |")
_TIME_SHAPE = re.compile(r"\d[ \t]*[:.h][ \t]*\d")


def unread_member_times(layout: Layout, sessions: Iterable[Session]) -> bool:
    """Whether the document has captions of the member's own times ("Time In  Time Out")
    over a line with digits that no clock can be read from ("| 0 9 : 3 0 |", a comb
    field): the member's times are written but could not be read, so no
    session of this document may be counted at its scheduled length."""
    text = layout.text
    if _MEMBER_TIME_CAPTION.search(text) is None:
        return False
    lines = layout.lines
    for line in lines:
        if not line.is_text or _MEMBER_TIME_CAPTION.search(text, line.cstart, line.cend) is None:
            continue
        if next(times.find_clock_times(text, line.cstart, line.cend, loose=True), None):
            continue  # the times are on the caption's line
        nxt = line.index + 1
        if nxt >= len(lines) or not lines[nxt].is_text:
            continue
        below = lines[nxt]
        if _TIME_SHAPE.search(text, below.cstart, below.cend) is None or next(
            find_dates(text, below.cstart, below.cend), None
        ):
            continue  # no clock written there ("Client: ..., DOB 06/13/1981" under a title)
        digits = sum(ch.isdigit() for ch in text[below.cstart : below.cend])
        read = next(
            (
                c
                for c in times.find_clock_times(text, below.cstart, below.cend, loose=True)
                if c.form != "bare"  # "0" and "9" of "| 0 9 : 3 0 |" are no clock
            ),
            None,
        )
        if digits >= 2 and read is None:
            return True
    return False


def _evidenced_lines(layout: Layout, sessions: Iterable[Session]) -> set[int]:
    doc_id = layout.document.document_id
    out: set[int] = set()
    for session in sessions:
        for ev in iter_evidence(session):
            if ev.document_id == doc_id:
                out.update(_lines_of(layout, ev.page, ev.start, ev.end))
    return out


# the slots that say which service a session is and when it ran: a line quoting only its
# staff, group size, modality or focus may hold another service of the note
_WHICH_AND_WHEN = frozenset(
    {"date", "kind", "start", "end", "minutes", "member_start", "member_end", "attendance"}
)


def _timed_lines(layout: Layout, sessions: Iterable[Session]) -> set[int]:
    """The lines that give a session read here its date, kind, times, length or status."""
    doc_id = layout.document.document_id
    out: set[int] = set()
    for session in sessions:
        for slot in session.slots:
            if slot.slot not in _WHICH_AND_WHEN:
                continue
            for ev in slot.evidence:
                if ev.document_id == doc_id:
                    out.update(_lines_of(layout, ev.page, ev.start, ev.end))
    return out


def _session_slots(sessions: Iterable[Session]) -> list[tuple[dt.time, dt.time]]:
    """The time intervals of the sessions read (the session's and the member's)."""
    out = []
    for s in sessions:
        for a, b in ((s.start, s.end), (s.member_start, s.member_end)):
            if a is not None and b is not None:
                out.append((a, b))
    return out


def _other_slot(
    layout: Layout, i: int, slots: list[tuple[dt.time, dt.time]]
) -> UnreadRecord | None:
    """A time range on line ``i`` that overlaps none of the sessions read (a second group
    of the day that a note holds but no session was read from), as an unread record: on a
    line that names a service, in a time field, or in a heading."""
    text = layout.text
    line = layout.lines[i]
    first = next(times.find_time_ranges(text, line.cstart, line.cend), None)
    if first is None:
        return _other_timed_service(layout, i, slots)
    v = vocab()
    # a service's name, a time field or a heading with the time: not a time in prose
    # ("sleeps 4-5 AM")
    named = v.kinds.earliest(text, line.cstart, line.cend) or v.codes.earliest(
        text, line.cstart, line.cend
    )
    timed = any(v.role_of(f.label) in ("time", "start", "end") for f in layout.fields_by_line[i])
    if not (named or timed or layout.headings[i] is not None):
        return None
    for r in times.find_time_ranges(text, line.cstart, line.cend):
        a, b = r.begins, r.ends
        if a >= b:
            continue
        if any(a < y and x < b for x, y in slots):
            continue  # within or across a session read (a break, the member's own times)
        place = layout.evidence(line.cstart, line.cend)
        if place is None:
            return None
        return _unread_at(
            place,
            why="a time that no session was read from, in a note a session was read from",
        )
    return None


_NOT_HELD = re.compile(
    r"(?i)\b(?:cancel+ed|not[ \t]+held|did[ \t]+not[ \t]+(?:attend|occur|take[ \t]+place)|"
    r"no[- ]show|absent|rescheduled|postponed)\b"
)


def _other_timed_service(
    layout: Layout, i: int, slots: list[tuple[dt.time, dt.time]]
) -> UnreadRecord | None:
    """A line naming a service with a clock time outside every session read, or with a
    length, in a note a session was read from ("... Medication Education Group, from 10:10
    AM for 60 minutes"): a service it holds that was not read."""
    text = layout.text
    line = layout.lines[i]
    v = vocab()
    kind = v.kinds.earliest(text, line.cstart, line.cend)
    if kind is None:
        return None
    if _NOT_HELD.search(text, line.cstart, line.cend):
        return None  # a service not held or not attended adds no hours to doubt
    # the service's own time: right after its name, in the same clause ("Group, from 10:10
    # AM ...", not "COWS 6 at 06:45 ... methadone")
    after = text[kind[1] : min(line.cend, kind[1] + 60)]
    stop = re.search(r"[.;]\s", after)
    window_end = kind[1] + (stop.start() if stop else len(after))
    clocks = [c.value for c in times.find_clock_times(text, kind[1], window_end)]
    outside = [c for c in clocks if not any(x <= c < y for x, y in slots)]
    length = next(times.find_durations(text, kind[1], window_end), None)
    # a start and a length ("from 10:10 AM for 60 minutes"), or a clock outside every
    # session; a length alone may be part of a session read ("spent 20 minutes practicing")
    if not outside and not (clocks and length is not None):
        return None
    if outside and not clocks:
        return None
    place = layout.evidence(line.cstart, line.cend)
    if place is None:
        return None
    return _unread_at(
        place,
        why="a service with a time that no session was read from, in a note a session was "
        "read from",
    )


def _explained(layout: Layout, i: int) -> bool:
    """About another day or a plan, history, a legend or a signature; or under a heading,
    a label or a lead-in ending with a colon that says it is a schedule ("Daily
    structure:", "Program schedule", "Each program day is scheduled as:")."""
    v = vocab()
    text = layout.text
    line = layout.lines[i]
    s, e = line.cstart, line.cend
    if v.not_current.earliest(text, s, e) is not None or v.schedule_words.earliest(text, s, e):
        return True
    j = i - 1
    while j >= 0 and i - j <= 8 and layout.lines[j].is_text:
        head = layout.lines[j]
        lead_in = text[head.cend - 1] == ":"
        if layout.headings[j] is not None or layout.fields_by_line[j] or lead_in:
            if v.schedule_words.earliest(text, head.cstart, head.cend) is not None:
                return True
            if layout.headings[j] is not None:
                break
        j -= 1
    lowered = text[s:e].lower()
    if any(w in lowered for w in _HISTORY):
        return True
    if _RECURRING.search(text, s, e):
        return True  # "M-F 0900-1200", "Mon/Wed/Thu": a recurring schedule, not a service
    if text.count("=", s, e) >= 2:
        return True  # a code legend
    return signature_line(v, layout, i)


def _lines_of(layout: Layout, page: int, start: int, end: int) -> range:
    """The layout lines a page span covers."""
    doc = layout.doc
    try:
        k = doc.numbers.index(page)
    except ValueError:
        return range(0)
    base = doc.bases[k]
    return range(layout.line_at(base + start), layout.line_at(base + max(start, end - 1)) + 1)


_BLOCK_LINES = 4
_NARRATIVE_WORDS = 8  # a sentence of this many words or more is narrative


def _service_clue(layout: Layout, first: int, last: int, day: dt.date) -> bool:
    """Whether lines ``first``..``last`` (dated ``day``) hold a service's clue: a time
    range, a length, a service's name or billing code. A narrative sentence tells a story
    more than it records: a length alone in it is no clue ("sleeping 7 hours"), nor is a
    clue in a sentence about another day ("on 10/15 he was unable to participate in
    group", in a team's note of 10/16); two kinds of clue together are ("attended the
    90-minute group")."""
    v = vocab()
    text = layout.text
    s, e = layout.lines[first].cstart, layout.lines[last].cend
    hits: list[tuple[int, str]] = [(r.start, "time") for r in times.find_time_ranges(text, s, e)]
    hits += [(d.start, "length") for d in times.find_durations(text, s, e)]
    hits += [(m[0], "kind") for m in v.kinds.matches(text, s, e)]
    hits += [(m[0], "code") for m in v.codes.matches(text, s, e)]
    if not hits:
        return False
    narrative = [
        (a, b)
        for a, b in layout.sentences(first, last)
        if len(text[a:b].split()) >= _NARRATIVE_WORDS
    ]
    for pos, what in hits:
        inside = next(((a, b) for a, b in narrative if a <= pos < b), None)
        if inside is None:
            return True  # a clue in a field, a heading, a cell or a short line
        a, b = inside
        if len({w for p, w in hits if a <= p < b}) >= 2:
            return True
        told = [*find_dates(text, a, b), *find_partial_dates(text, a, b, day)]
        if what != "length" and all(d.date == day for d in told):
            return True
    return False


def _runs(lines: list[int]) -> list[tuple[int, int]]:
    """``lines`` (ascending) as runs of consecutive lines: (first, last) of each."""
    out: list[tuple[int, int]] = []
    for j in lines:
        if out and out[-1][1] == j - 1:
            out[-1] = (out[-1][0], j)
        else:
            out.append((j, j))
    return out


def silent_document(layout: Layout) -> UnreadRecord | None:
    """A document that records services but that no fact was read from: its first dated
    line that, with the few lines under it, holds a service's clue (a time range, a
    length, a service's name or billing code), as an unread record. A rule that is `met`
    on the absence of something (no duplicate service, no excluded item) cannot take the
    silence of such a document for absence (RULES.md "Unknown kind, unread records")."""
    hits = date_hits(layout)
    dated = {h.line: h for h in hits if h.role is not DateRole.OTHER}
    order = sorted(dated)
    # other clients' lines (a day sheet on which the member does not appear) say nothing
    # of the member's services
    others = other_client_breaks(layout)
    for k, i in enumerate(order):
        # the dated line and the lines under it, up to the next dated line
        stop = min(order[k + 1] if k + 1 < len(order) else len(layout.lines), i + _BLOCK_LINES)
        block = [j for j in range(i, stop) if layout.lines[j].is_text]
        if not block or _explained(layout, i) or i in others:
            continue
        s, e = layout.lines[block[0]].cstart, layout.lines[block[-1]].cend
        if e - s > 2000:
            continue
        runs = _runs([j for j in block if j not in others])
        if not any(_service_clue(layout, a, b, dated[i].date) for a, b in runs):
            continue
        place = layout.evidence(s, e)
        if place is None:
            continue
        return _unread_at(
            place,
            date=dated[i].date,
            why="a document that records services, from which nothing was read",
        )
    return None
