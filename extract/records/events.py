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

A *timeline* (a flowsheet that charts the day one event per line) is read otherwise: each
line is led by the time of its event (a clock, maybe to the second, after a date or not:
"13:00:00  SESSION START  Process Group", "2025-09-15 14:30:00 | SESSION END | ...") and
the event's label, its first words after the time. A label that begins or ends with a start
word and a later one with an end word and the same other words ("SESSION START" ...
"SESSION END"; ``events.yaml``) are one service: it ran from the first event's time to the
second's, and the lines between them are its own (observations, the member's late arrival
or early departure: events between the two naming an arrival or a departure). Its service,
staff, attendance and group size are the cells after the labels of its start and end (a
labeled cell by its label: "attendance: present", "participants: 4"); the other events
between them are its comments. Its date is the date stamped on both its lines, or, when its
lines give none, the date of service written last above the timeline's run of lines (its
day's header); none, or two on that line, and the service is not read. A start with no end
is a service of unknown length (its line alone); an end with no start is not read.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field

from core.data import Frozen
from core.errors import ExtractionError
from core.yamlio import load_model
from extract.layout import Layout
from extract.records.dates import ANCHOR_ROLES, DateHit, DateRole
from extract.records.model import Anchor, RecordForm, ServiceRecord
from extract.values import times
from extract.values.vocab import vocab
from extract.vocab.lexicon import credential_pattern

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
    """The records of the document's event log, if it has one, and of its timelines
    (module docstring), and every line they hold (every log line that carries an id, with
    a record or not; every line of a timeline's run): no other record may take them."""
    records, logged, _ = read_events(layout, hits)
    return records, logged


def read_events(
    layout: Layout, hits: Sequence[DateHit]
) -> tuple[list[ServiceRecord], frozenset[int], frozenset[int]]:
    """:func:`event_records`, and the lines of timeline events not read
    (:func:`timeline_records`)."""
    by_id, logged = _id_records(layout, hits)
    timed, lines, unread = timeline_records(layout, hits, logged)
    return [*by_id, *timed], logged | lines, unread


def _id_records(
    layout: Layout, hits: Sequence[DateHit]
) -> tuple[list[ServiceRecord], frozenset[int]]:
    """The records of an event log whose lines share an appointment's id."""
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


# --------------------------------------------------------------------------- timelines

VOCABULARY_PATH = Path(__file__).with_name("events.yaml")
_NonEmpty = Annotated[list[str], Field(min_length=1)]


class EventWords(Frozen):
    start_words: _NonEmpty
    end_words: _NonEmpty
    arrival_events: _NonEmpty
    departure_events: _NonEmpty


@cache
def event_words(path: Path = VOCABULARY_PATH) -> EventWords:
    return load_model(path, EventWords, "event vocabulary", ExtractionError)


_DAY = (
    rf"(?:\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}/(?:\d{{4}}|\d{{2}})|{_MONTH}"
    r"(?:,?[ \t]+\d{4})?)"
)
_EVENT_TIME = re.compile(
    rf"[ \t]*\[?(?:(?P<day>{_DAY})(?:T|[ \t]+))?"
    r"(?P<clock>\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:[ \t]*[AaPp]\.?[Mm]\.?)?)"
    r"(?:[ \t]*(?:Z|UTC|GMT|[+-]\d{2}:?\d{2}|[ECMP][SD]T)\b)?\]?"
)
# the event's label: up to four words after the time and a separator, ending where its
# cell ends (wide blanks, a bar, a colon, a dash between blanks, the line's end)
_LABEL = re.compile(
    r"(?:[ \t]*[|:\-–—])?[ \t]*"
    r"(?P<label>[A-Za-z][A-Za-z'/&-]*(?:[ _][A-Za-z][A-Za-z'/&-]*){0,3})"
    r"(?=[ \t]*(?:$|[|│:]|[-–—][ \t])|[ \t]{2,}|\t)"
)
_CELL_SEP = re.compile(r"[ \t]*[|│][ \t]*|\t+|[ \t]{2,}")
_LABELED = re.compile(r"(?P<key>[A-Za-z][A-Za-z #/_-]{0,30}?)[ \t]*[:=][ \t]*(?=\S)")
_WORD_SEP = re.compile(r"[ _\-]+")
Edge = Literal["start", "end", "arrival", "departure"]


@dataclass(frozen=True)
class Event:
    """A timeline's line: its event's clock (``text[clock[0]:clock[1]]``), the date
    stamped before it (``day``, offsets), its label's offsets and what the label says
    (``edge``: a service's start or end, the member's arrival or departure, else None;
    ``subject``: the label's other words, normalized), and the offset its detail starts."""

    line: int
    clock: tuple[int, int]
    day: tuple[int, int] | None
    label: tuple[int, int]
    edge: Edge | None
    subject: str
    detail: int


def _words_key(words: str) -> str:
    return " ".join(w for w in _WORD_SEP.split(words.casefold()) if w)


@cache
def _event_keys() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """The vocabulary's words, as labels are compared: start, end, arrival, departure."""
    ew = event_words()
    return (
        frozenset(_words_key(w) for w in ew.start_words),
        frozenset(_words_key(w) for w in ew.end_words),
        frozenset(_words_key(w) for w in ew.arrival_events),
        frozenset(_words_key(w) for w in ew.departure_events),
    )


def _edge(label: str) -> tuple[Edge | None, str]:
    starts, ends, arrivals, departures = _event_keys()
    key = _words_key(label)
    if key in arrivals:
        return "arrival", ""
    if key in departures:
        return "departure", ""
    words = key.split()
    sides: tuple[tuple[Edge, frozenset[str]], ...] = (("start", starts), ("end", ends))
    found: list[tuple[Edge, str]] = []
    for edge, vocabulary in sides:
        if words[-1] in vocabulary:
            found.append((edge, " ".join(words[:-1])))
        elif words[0] in vocabulary:
            found.append((edge, " ".join(words[1:])))
    if len(found) != 1 or any(w in starts or w in ends for w in found[0][1].split()):
        return None, ""  # "START / END", or two edge words: not one event's
    return found[0]


def _event(layout: Layout, i: int) -> Event | None:
    line = layout.lines[i]
    if not line.is_text:
        return None
    text = layout.text
    m = _EVENT_TIME.match(text, line.start, line.cend)
    if m is None or m.end() <= line.cstart:
        return None
    lab = _LABEL.match(text, m.end(), line.cend)
    if lab is None:
        return None
    edge, subject = _edge(lab.group("label"))
    return Event(
        i,
        m.span("clock"),
        m.span("day") if m.group("day") else None,
        lab.span("label"),
        edge,
        subject,
        lab.end(),
    )


def _runs(layout: Layout, hits: Sequence[DateHit], taken: frozenset[int]) -> list[list[Event]]:
    """The document's runs of event lines: consecutive but for blank lines and indented
    continuation lines without dates (a detail wrapped); any other line ends a run."""
    dated = {h.line for h in hits}
    runs: list[list[Event]] = []
    current: list[Event] = []
    for i, line in enumerate(layout.lines):
        ev = None if i in taken else _event(layout, i)
        if ev is not None:
            current.append(ev)
            continue
        if not line.is_text or (current and line.indent > 0 and i not in dated):
            continue
        if current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def _day_of_run(layout: Layout, hits: Sequence[DateHit], first: int, above: int) -> DateHit | None:
    """The date of service written last between line ``above`` (the previous run's last)
    and the run's first line: its day's header (a closed day's header may come before
    it); none, or two different dates on that line, is no date."""
    found = [h for h in hits if above < h.line < first and h.role in ANCHOR_ROLES]
    if not found:
        return None
    last = [h for h in found if h.line == found[-1].line]
    return last[-1] if len({h.date for h in last}) == 1 else None


def _stamped(hits_by_line: dict[int, list[DateHit]], ev: Event) -> DateHit | None:
    if ev.day is None:
        return None
    return next(
        (
            h
            for h in hits_by_line.get(ev.line, ())
            if ev.day[0] <= h.start < ev.day[1] and h.role is not DateRole.OTHER
        ),
        None,
    )


Cells = dict[str, list[tuple[int, int, str]]]


def _detail_cells(layout: Layout, ev: Event, roles: Cells, *, first: bool) -> None:
    """The cells of an event's detail, added to ``roles``: a labeled cell under its
    label's role; on the start's line, a person with a credential as ``staff`` and the
    first other cell as the ``service`` (the rest as ``comments``)."""
    text = layout.text
    end = layout.lines[ev.line].cend
    v = vocab()
    creds = credential_pattern()
    label = text[ev.label[0] : ev.label[1]]
    pos = ev.detail
    pieces: list[tuple[int, int]] = []
    for sep in _CELL_SEP.finditer(text, pos, end):
        pieces.append((pos, sep.start()))
        pos = sep.end()
    pieces.append((pos, end))
    for s, e in pieces:
        s += len(text[s:e]) - len(text[s:e].lstrip(" \t:-–—"))
        e -= len(text[s:e]) - len(text[s:e].rstrip())
        if s >= e:
            continue
        m = _LABELED.match(text, s, e)
        role = v.role_of(m.group("key").strip()) if m is not None else None
        if m is not None and role is not None:
            if role not in roles:
                roles[role] = [(m.end(), e, m.group("key").strip())]
        elif first and creds.search(text, s, e) is not None and "service" in roles:
            roles.setdefault("staff", []).append((s, e, label))
        elif first and "service" not in roles:
            roles["service"] = [(s, e, label)]
        elif first:
            roles.setdefault("comments", []).append((s, e, label))


def _present_around(run: Sequence[Event], start: Event, end: Event) -> Event | None:
    """The member's arrival logged before a service started, when the member's departure
    is logged after it ended, with no other service's start or end between them ("08:58
    Checked in", "09:00 Group started", "12:00 Group ended", "12:02 Checked out"): the
    member was there for all of it. ``None`` otherwise."""
    before = [e for e in run if e.line < start.line]
    after = [e for e in run if e.line > end.line]
    arrival = next((e for e in reversed(before) if e.edge is not None), None)
    departure = next((e for e in after if e.edge is not None), None)
    if arrival is None or departure is None:
        return None
    if arrival.edge != "arrival" or departure.edge != "departure":
        return None
    return arrival


def _timeline_record(
    layout: Layout,
    start: Event,
    end: Event | None,
    inside: Sequence[Event],
    anchor: DateHit,
    around: Event | None = None,
) -> ServiceRecord:
    roles: Cells = {"start": [(*start.clock, "start")]}
    if end is not None:
        roles["end"] = [(*end.clock, "end")]
    _detail_cells(layout, start, roles, first=True)
    if end is not None:
        _detail_cells(layout, end, roles, first=False)
    arrival = next((e for e in inside if e.edge == "arrival"), None)
    departure = next((e for e in reversed(inside) if e.edge == "departure"), None)
    if arrival is not None:
        roles["member_start"] = [(*arrival.clock, "arrival")]
    if departure is not None:
        roles["member_end"] = [(*departure.clock, "departure")]
    if "attendance" not in roles and around is not None and arrival is None:
        # checked in before it started and out after it ended: the arrival's words say
        # the member attended ("Checked in")
        roles["attendance"] = [(*around.label, "arrival")]
    if "attendance" not in roles:
        # the other events while it ran may say the member was not there
        for e in inside:
            if e.edge is None:
                roles.setdefault("comments", []).append(
                    (e.detail, layout.lines[e.line].cend, "event")
                )
    lines = (start.line, *(e.line for e in inside), *(() if end is None else (end.line,)))
    how = "timeline-stamp" if anchor.line == start.line else "timeline-day"
    return ServiceRecord(
        layout,
        RecordForm.ENTRY,
        lines[0],
        lines[-1],
        Anchor.of(anchor, how),
        "entry.timeline",
        roles=roles,
        joined=tuple(sorted(lines)),
    )


def timeline_records(
    layout: Layout, hits: Sequence[DateHit], taken: frozenset[int] = frozenset()
) -> tuple[list[ServiceRecord], frozenset[int], frozenset[int]]:
    """The services of the document's timelines (module docstring); every line of a run
    that holds one (with its wrapped lines): no other record may take them; and the start
    and end events of a service not read (no date of service, or two; an end with no
    start): :mod:`extract.unread` lists them."""
    hits_by_line: dict[int, list[DateHit]] = defaultdict(list)
    for h in hits:
        hits_by_line[h.line].append(h)
    out: list[ServiceRecord] = []
    logged: set[int] = set()
    unread: set[int] = set()
    above = -1
    for run in _runs(layout, hits, taken):
        run_day = _day_of_run(layout, hits, run[0].line, above)
        above = run[-1].line
        spans: list[tuple[Event, Event | None]] = []
        open_: dict[str, Event] = {}
        orphans: list[int] = []
        for ev in run:
            if ev.edge == "start":
                if ev.subject in open_:
                    spans.append((open_[ev.subject], None))  # started again: no end
                open_[ev.subject] = ev
            elif ev.edge == "end" and ev.subject in open_:
                spans.append((open_.pop(ev.subject), ev))
            elif ev.edge == "end":
                orphans.append(ev.line)  # an end with no start
        if not any(e is not None for _, e in spans):
            continue  # no service starts and ends here: no timeline
        unread.update(orphans)
        spans.extend((ev, None) for ev in open_.values())
        logged.update(range(run[0].line, run[-1].line + 1))
        edges = {ev.line for pair in spans for ev in pair if ev is not None}
        for start, end in spans:
            day = _stamped(hits_by_line, start)
            if start.day is not None:
                end_day = None if end is None else _stamped(hits_by_line, end)
                if day is None or (
                    end is not None and (end_day is None or end_day.date != day.date)
                ):
                    day = None  # no date of service, or two: not read
            elif end is None or end.day is None:
                day = run_day
            if day is None:
                unread.update(ev.line for ev in (start, end) if ev is not None)
                continue
            inside = (
                []
                if end is None
                else [e for e in run if start.line < e.line < end.line and e.line not in edges]
            )
            around = None if end is None else _present_around(run, start, end)
            out.append(_timeline_record(layout, start, end, inside, day, around))
    return out, frozenset(logged), frozenset(unread)


__all__ = [
    "MAX_EVENTS",
    "EventWords",
    "event_records",
    "event_words",
    "read_events",
    "stamp_end",
    "timeline_records",
]
