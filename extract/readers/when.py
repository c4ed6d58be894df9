"""When a service ran: its start and end, a duration its own documentation states, billing
units, and the member's own arrival and departure.

Where the times are read, nearest first: a row's time cell (a range; or start and end
cells, a clock each, also after a date: "10/07/2025 09:00"), a "Date/Time" cell; a record's
time fields ("Time: 0900-1030", "Time In: 9:00a  Time Out: 10:30a", "Start Time" / "End
Time"); a start word and an end word with a clock each ("Start 13:00 Stop 14:30"); a range
on the record's header lines; a range in a sentence about this session. A duration: a
duration cell or field (a bare number under a header naming its unit: "Minutes", "Hrs";
"Duration: 1:30" as hours and minutes), units times a stated unit size ("Units (15 min)",
"Units: 4 (15-minute units)", "1 unit = 15 minutes" in the document), a duration on the
header lines, or "for 45 minutes" / "the 3-hour group" in a sentence about this session.
A scheduled or planned length elsewhere never counts (RULES.md "Service hours").
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from core.facts import Attendance
from extract.layout import Line
from extract.readers.scope import CONTEXT, OWN, PARENT, Scope, Slot, own_cells, unassigned_cells
from extract.records.events import stamp_end
from extract.values import times
from extract.values.dates import WEEKDAY_RUN, find_dates
from extract.values.zones import (
    local_zone,
    stamp_local,
    stated_offset,
    to_local,
    utc_clock,
    utc_stamp,
)
from extract.vocab.phrases import norm

_NOT_SESSION_LENGTH = re.compile(
    r"[ \t]*(?:late|early|before|after|ago|prior|per|each|a[ \t]+(?:week|day)|/"
    r"|x[ \t]*(?:per|/|a)|break|walk|nap|drive|wait|delay|call)",
    re.IGNORECASE,
)
_WORDS_AFTER = re.compile(r"[^,.;:()\n]{0,40}")
_SESSION_NOUN = re.compile(
    r"[ \t]+(?:(?:in-person|individual|family|group|therapy|counseling|telehealth|video)[ \t]+)?"
    r"(?:session|appointment|visit|meeting|contact)s?\b(?![ \t]+with\b)",
    re.IGNORECASE,
)
_FOR = re.compile(  # the blanks may hold a line break where the text wrapped
    r"\b(?:for|lasted|ran)\s+(?:for\s+)?"
    r"(?:about\s+|approximately\s+|approx\.?\s+)?$",
    re.IGNORECASE,
)
_HMM = re.compile(r"[ \t]*(\d{1,2}):([0-5]\d)(?![\d:])")
# minutes written with a prime, alone in a length's cell or value: "70'", "45′"
_PRIME_MINUTES = re.compile(r"[ \t]*(?P<q>(?P<n>\d{1,3})[ \t]*['′])[ \t]*$")
# a bare number; a decimal comma in exports of European locales ("1,50" hours)
_BARE_NUMBER = re.compile(r"[ \t]*(\d+(?:[.,]\d+)?)[ \t]*$")
_LEADING_NUMBER = re.compile(r"[ \t]*(\d{1,2})(?![\d.:/])")
_UNIT_COUNT = re.compile(r"[ \t]*\d{1,2}[ \t]*units?\b", re.IGNORECASE)
_UNIT_SIZE = re.compile(
    r"(?:(?P<a>\d{1,2})[ \t-]*(?:min(?:ute)?s?)\b[^\n]{0,12}?\bunits?\b"
    r"|\bunits?\b[^\n]{0,6}?(?:=|of|:|\(|-)[ \t]*(?P<b>\d{1,2})[ \t-]*min(?:ute)?s?\b)",
    re.IGNORECASE,
)
_ARRIVAL = re.compile(
    r"\b(?:arrived|arriving|arrival|came[ \t]+in|joined|checked[ \t]+in|arr\.?(?=[ \t]*\d))",
    re.IGNORECASE,
)
_DEPARTURE = re.compile(
    r"\b(?:left|leaving|departed|departure|signed[ \t]+out|checked[ \t]+out"
    r"|dep\.?(?=[ \t]*\d))",
    re.IGNORECASE,
)
# between the verb and the clock: "early", "late", "at", "approximately", "@", "(", ":"
_BRIDGE = re.compile(
    r"(?:[ \t]*(?:(?:early|late|at|approximately|approx|about|around)\b\.?|[@(:\-]))*[ \t]*",
    re.IGNORECASE,
)
# (the clock may be on the next line: "left early at" / "12:05pm, 6 clients in group")
_AT = re.compile(
    r"[^.;\n]{0,30}?(?:(?:\bat|@)(?:[ \t]+(?:approximately|approx\.?|about|around))?"
    r"(?:[ \t]*\n[ \t]*|[ \t]+)"
    r"|[ \t]\([ \t]*(?:at[ \t]+)?|[ \t]*:[ \t]*)",
    re.IGNORECASE,
)
_LATE = re.compile(r"[ \t]+late\b", re.IGNORECASE)
_EARLY = re.compile(r"[ \t]+early\b", re.IGNORECASE)
_IN_OUT = re.compile(r"\b(in|out)\b[ \t:@]*", re.IGNORECASE)


@dataclass
class When:
    """What a record states about when the service ran (each with its spans and reader)."""

    start: Slot[dt.time] | None = None
    end: Slot[dt.time] | None = None
    minutes: Slot[float] | None = None  # a duration stated in the record's own documentation
    member_start: Slot[dt.time] | None = None
    member_end: Slot[dt.time] | None = None
    # the member's length read two ways that differ (a roster's one clock under "In Out")
    length_readings: Slot[tuple[float, float]] | None = None
    labeled: bool = False  # the times or duration come from a labeled field or cell
    notes: list[str] = field(default_factory=list)

    @property
    def has_time(self) -> bool:
        return self.start is not None or self.end is not None or self.minutes is not None

    def set_range(self, r: times.TimeRange, how: str) -> None:
        """A range gives both ends; each quotes the whole range ("9:00-10:30")."""
        self.start = Slot(r.begins, ((r.start, r.end),), how)
        self.end = Slot(r.ends, ((r.start, r.end),), how)


def _clock_after_date(text: str, s: int, e: int) -> times.ClockTime | None:
    """The clock of a cell or value: after a date when one comes first ("10/07/2025 09:00")."""
    d = next(find_dates(text, s, e), None)
    if d is None:
        return next(times.find_clock_times(text, s, e, loose=True), None)
    # from the cell's start, so that a timestamp's own time ("20251013090000") is seen
    clocks = times.find_clock_times(text, s, e, loose=True)
    return next((c for c in clocks if c.start >= d.end), None)


# a clock written a digit per box of a form ("| 0 9 : 3 0 |"): 24-hour, as the boxes hold
_BOXED_CLOCK = re.compile(r"[ \t|]*(\d)[ \t](\d)[ \t]*:[ \t]*([0-5])[ \t](\d)[ \t|]*")


def _field_clock(text: str, s: int, e: int) -> times.ClockTime | None:
    """The clock of a start or end field's value: a clock written a digit per box when the
    value is that alone ("0 9 : 3 0" is 09:30); a bare number only when it is the whole
    value ("Start: 9"), never a box's digit."""
    boxed = _BOXED_CLOCK.fullmatch(text, s, e)
    if boxed is not None:
        hour = int(boxed.group(1) + boxed.group(2))
        if hour < 24:
            minute = int(boxed.group(3) + boxed.group(4))
            return times.ClockTime(
                boxed.start(1), boxed.end(4), hour, minute, None, "military", True
            )
    c = _clock_after_date(text, s, e)
    if c is not None and c.form == "bare" and text[s:e].strip() != text[c.start : c.end]:
        return None
    return c


def _pair(w: When, a: times.ClockTime | None, b: times.ClockTime | None, how: str) -> None:
    if a is not None and b is not None:
        begins, ends = times.resolve_range(a, b)
        w.start = Slot(begins, ((a.start, a.end),), how)
        w.end = Slot(ends, ((b.start, b.end),), how)
    elif a is not None:
        w.start = Slot(a.value, ((a.start, a.end),), how)
    elif b is not None:
        w.end = Slot(b.value, ((b.start, b.end),), how)


def duration_value(sc: Scope, s: int, e: int, label: str) -> tuple[float, int, int] | None:
    """A duration in a value or a cell: "90 min", "1.5 hrs", "1:30" (hours:minutes), minutes
    with a prime ("70'"), or a bare number when ``label`` names its unit ("Minutes: 90", a
    column "Hrs")."""
    text = sc.text
    d = next(times.find_durations(text, s, e), None)
    if d is not None:
        return d.minutes, d.start, d.end
    m = _HMM.match(text, s, e)
    if m is not None and text[m.end() : e].strip() == "":
        return int(m.group(1)) * 60 + int(m.group(2)), m.start(1), m.end(2)
    m = _PRIME_MINUTES.match(text, s, e)
    if m is not None:
        return float(m.group("n")), m.start("q"), m.end("q")
    m = _BARE_NUMBER.match(text, s, e)
    if m is None:
        return None
    unit = norm(label)
    number = float(m.group(1).replace(",", "."))
    if sc.v.hours_words.earliest(unit, 0, len(unit)) is not None:
        return number * 60, m.start(1), m.end(1)
    if "min" in unit:
        return number, m.start(1), m.end(1)
    return None


def unit_minutes(sc: Scope, label: str) -> tuple[float, tuple[int, int] | None] | None:
    """The size of one billing unit: stated in the column header or label ("Units (15
    min)"), else anywhere in the document ("1 unit = 15 minutes"); the span of a document
    statement comes back so it can be cited."""
    m = _UNIT_SIZE.search(label)
    if m is not None:
        return float(m.group("a") or m.group("b")), None
    text = sc.text
    m = _UNIT_SIZE.search(text)
    if m is not None:
        return float(m.group("a") or m.group("b")), (m.start(), m.end())
    return None


def _code_unit(sc: Scope) -> tuple[float, tuple[int, int] | None] | None:
    """The size of one unit of the billing code the record names, as the document defines
    that code ("H2027  Psychoeducational service, per 15 minutes", "T1016 Case management,
    each 15 min" in a form's menu of codes): the record's code cell, code or service
    field, else its own lines, name the code; one size, or none."""
    rec, text = sc.rec, sc.text
    places = [(s, e) for role in ("code", "service") for s, e, _ in rec.cells(role)]
    places += [(f.start, f.end) for role in ("code", "service") for f in sc.fields(role)]
    if not places:
        places = [sc.line_span(i) for i in sc.own if i not in sc.others]
    codes = {m.group(0) for s, e in places for m in _BILLING_CODE.finditer(text, s, e)}
    sizes = {d for code in codes if (d := _per_unit(sc, code)) is not None}
    if len({minutes for minutes, _ in sizes}) != 1:
        return None  # no code defined per time unit, or codes of two unit sizes
    minutes, span = sizes.pop()
    return minutes, span


_BILLING_CODE = re.compile(r"(?<![\w-])(?:\d{5}|\d{4}[A-Z]|[A-Z]\d{4})(?![\w-])")
_PER_UNIT = re.compile(
    r"[^\n]{0,60}?\b(?:per|each|every)[ \t]+(\d{1,2})[ \t-]*min(?:ute)?s?\b", re.IGNORECASE
)


def _per_unit(sc: Scope, code: str) -> tuple[float, tuple[int, int]] | None:
    """Where the document defines ``code`` as billed per some minutes ("H2027
    Psychoeducational service, per 15 minutes"): the minutes, and the definition's span."""
    text = sc.text
    for m in re.finditer(rf"(?<![\w-]){re.escape(code)}(?![\w-])", text):
        d = _PER_UNIT.match(text, m.end())
        if d is not None and not _BILLING_CODE.search(text, m.end(), d.start(1)):
            return float(d.group(1)), (m.start(), d.end())
    return None


def _units(sc: Scope, w: When, s: int, e: int, label: str, how: str) -> bool:
    m = _LEADING_NUMBER.match(sc.text, s, e)
    if m is None or int(m.group(1)) == 0:
        return False  # "0 - not billed": no length (a missed session is not billed)
    # "Units: 4 (15-minute units)": the size may be in the value itself
    size = unit_minutes(sc, label + " " + sc.text[m.end() : e]) or _code_unit(sc)
    if size is None:
        return False
    minutes, where = size
    spans = [(m.start(1), m.end(1))]
    if where is not None:
        spans.append(where)
    w.minutes = Slot(int(m.group(1)) * minutes, tuple(spans), how)
    w.labeled = True
    return True


def _start_stop_words(sc: Scope, w: When, s: int, e: int) -> bool:
    """ "Start 13:00 Stop 14:30", "In 0900 / Out 1030": a start word right before one clock
    time and an end word right before a later one."""
    text = sc.text
    first: times.ClockTime | None = None
    last: times.ClockTime | None = None
    for c in times.find_clock_times(text, s, e, loose=True):
        before = text[max(s, c.start - 16) : c.start].strip(" \t:=-@").lower().split()
        if not before:
            continue
        tails = (before[-1], " ".join(before[-2:]))
        if first is None and any(sc.v.start_words.exact(t) is not None for t in tails):
            first = c
        elif first is not None and any(sc.v.end_words.exact(t) is not None for t in tails):
            last = c
            break
    if first is not None and last is not None:
        _pair(w, first, last, "when.start-stop-words")
        return True
    return False


def read_when(sc: Scope) -> When:
    w = When()
    text = sc.text
    rec = sc.rec
    if rec.roles:
        _row_times(sc, w)
    if not w.has_time:
        _field_times(sc, w)
    if (
        w.start is None
        and w.end is None
        and not (w.minutes is not None and w.minutes.how == "when.grid-cell-minutes")
    ):
        for i in sc.head or sc.own[:1]:
            s, e = sc.line_span(i)
            r = next(times.find_time_ranges(text, s, e), None)
            if r is not None and not _not_current(sc, s, e):
                w.set_range(r, "when.range-on-header-line")
                break
            if _start_stop_words(sc, w, s, e):
                break
    if w.start is None and w.end is None and rec.form.value in ("note", "part", "entry"):
        for s, e in sc.current:
            if (
                _about_session(sc, s, e) or rec.form.value in ("part", "entry")
            ) and not _not_current(sc, s, e):
                r = next(times.find_time_ranges(text, s, e), None)
                if r is not None:
                    w.set_range(r, "when.range-in-sentence")
                    break
    if w.start is None and w.end is None and rec.form.value in ("note", "part", "entry"):
        _began_at(sc, w)
    if w.start is None and w.end is None and rec.form.value in ("part", "entry"):
        _start_for_length(sc, w)
    if w.minutes is None:
        _stated_duration(sc, w)
    if w.minutes is None and (w.start is None or w.end is None) and _told_missed(sc):
        _scheduled_times(sc, w)
    if w.start is not None and w.end is None and w.minutes is not None:
        # "This ninety-minute group began at one in the afternoon": it ended 90 minutes on
        begun = w.start.value.hour * 60 + w.start.value.minute
        ends = begun + int(w.minutes.value)
        if w.minutes.value == int(w.minutes.value) and ends < 24 * 60:
            w.end = Slot(
                dt.time(ends // 60, ends % 60),
                (*w.start.spans, *w.minutes.spans),
                "when.start-plus-duration",
            )
    _actual_times(sc, w)
    _in_out_after_range(sc, w)
    _event_times(sc, w)
    _session_aside(sc, w)
    _member_times(sc, w)
    if w.member_start is None and w.member_end is None:
        _member_length(sc, w)
    if w.member_start is None and w.member_end is None and w.length_readings is None:
        _utc_stay(sc, w)
    _utc_clocks(sc, w)
    return w


def _utc_clock_of(sc: Scope, slot: Slot[dt.time], last: bool) -> dt.datetime | None:
    """The UTC date-time a start (``last`` false) or end slot was read from, when its
    clock is written in UTC ("15:00Z", "2025-03-03 18:00 GMT"): the date before the clock
    in the same span, else the record's date; ``None`` when the clock is not UTC."""
    text = sc.text
    for a, b in slot.spans if not last else reversed(slot.spans):
        clocks = [
            c
            for c in times.find_clock_times(text, a, b, loose=True)
            if (c.hour, c.minute) == (slot.value.hour, slot.value.minute)
        ]
        clock = (clocks[-1] if last else clocks[0]) if clocks else None
        if clock is None:
            continue
        line_end = sc.layout.lines[sc.layout.line_at(clock.start)].cend
        if not utc_clock(text, clock.end, line_end):
            return None
        dates = [d for d in find_dates(text, a, clock.start)]
        day = dates[-1].date if dates else sc.rec.anchor.date
        return dt.datetime(day.year, day.month, day.day, clock.hour, clock.minute)
    return None


def _utc_clocks(sc: Scope, w: When) -> None:
    """A session's start and end written in UTC are no local clocks. In the zone the
    document or the record states they are converted (:func:`stamp_local`); without one,
    which local times they are is not known: the times are not read, but the length
    between two UTC stamps is exact, and is the session's length."""
    # an end read as the start plus a duration ("DTSTART:...T150000Z" with "PT1H30M") is
    # the start's: it follows the start converted
    derived = w.end is not None and w.end.how == "when.start-plus-duration"
    found = [
        (name, slot, _utc_clock_of(sc, slot, name == "end"))
        for name, slot in (("start", w.start), ("end", None if derived else w.end))
        if slot is not None
    ]
    utc = [(name, slot, at) for name, slot, at in found if at is not None]
    if not utc:
        return
    if derived and w.end is not None and w.minutes is not None:
        spans = w.end.spans
        w.end = None
        start = next((at for name, _, at in utc if name == "start"), None)
        local = (
            None
            if start is None
            else stamp_local(
                sc.layout, sc.rec.first, sc.rec.last, start.date(), start.hour, start.minute
            )
        )
        if local is not None and local[1] is not None:
            until = local[1].hour * 60 + local[1].minute + int(w.minutes.value)
            if until < 24 * 60:
                w.end = Slot(
                    dt.time(until // 60, until % 60), spans, "when.start-plus-duration-utc"
                )
    first, last = sc.rec.first, sc.rec.last
    for name, slot, at in utc:
        local = stamp_local(sc.layout, first, last, at.date(), at.hour, at.minute)
        clock = local[1] if local is not None else None
        converted = None if clock is None else Slot(clock, slot.spans, slot.how + "-utc")
        if name == "start":
            w.start = converted
        else:
            w.end = converted
    if w.start is None and w.end is None and len(utc) == 2 and w.minutes is None:
        (_, a, begins), (_, b, ends) = utc
        if ends < begins:
            ends += dt.timedelta(days=1)  # "23:30Z - 00:45Z": past midnight UTC
        minutes = (ends - begins).total_seconds() / 60
        if 0 < minutes <= 24 * 60:
            spans = tuple(dict.fromkeys((*a.spans, *b.spans)))
            w.minutes = Slot(minutes, spans, "when.utc-range-length")
            w.notes.append("times in UTC and no local zone stated: the length only")


# the member's own length, not the session's: "you took part for an hour", "she attended
# for 45 minutes", "was present for about an hour"
_MEMBER_FOR = re.compile(
    r"\b(?:took\s+part|participated|attended|was\s+present|stayed|remained)"
    r"(?:\s+in\s+(?:the\s+)?(?:group|session))?\s+for\s+(?:about\s+|approximately\s+)?$",
    re.IGNORECASE,
)


def _member_length(sc: Scope, w: When) -> None:
    """A sentence of the record stating how long the member took part ("You left fifteen
    minutes before the end, so you took part for an hour"): that is the service's length
    for the member; the session's own times, when they give another length, are not."""
    text = sc.text
    for s, e in sc.current:
        for d in times.find_durations(text, s, e):
            if _MEMBER_FOR.search(text, max(s, d.start - 40), d.start) is None:
                continue
            planned = _span_minutes(w)
            w.minutes = Slot(d.minutes, ((d.start, d.end),), "when.member-length")
            if planned is not None and planned != d.minutes:
                w.start = w.end = None
            return


def _actual_times(sc: Scope, w: When) -> None:
    """Start and end fields beside the session's own time ("Group 1 scheduled 9:00 AM -
    10:30 AM" with "Time In | 0 9 : 3 0 |", "Actual Time Out"): when they give other
    clocks inside the session's, they are the member's own arrival and departure. When the
    session's own times are start and end fields themselves ("Sched. start" / "Sched. end"
    over "Time in" / "Time out"), the further start and end fields are the ones read."""
    if w.start is None or w.end is None:
        return
    text = sc.text
    lo, hi = w.start.value, w.end.value
    used = {*w.start.spans, *w.end.spans} if w.start.how == "when.start-end-fields" else set()
    for role, arrival in (("start", True), ("end", False)):
        c = next(
            (
                c
                for f in sc.fields(role)
                if (c := _field_clock(text, f.start, f.end)) and (c.start, c.end) not in used
            ),
            None,
        )
        if c is None or c.form == "bare":
            continue  # a clock as written ("9:30", "0930"), not a lone number
        value = times.resolve_within(c, lo, hi)
        if value != (lo if arrival else hi) and lo <= value <= hi:
            slot = Slot(value, ((c.start, c.end),), "when.actual-" + ("in" if arrival else "out"))
            if arrival:
                w.member_start = slot
            else:
                w.member_end = slot


_BLANKS = re.compile(r"[ \t]+")


def _in_out_after_range(sc: Scope, w: When) -> None:
    """A service's line under column names ("Code Scheduled In Out Status ...") where the
    blanks between the columns are single, as a PDF's text prints them: the scheduled
    range, then the member's time in and time out ("90853 9:30a-11:00a 9:45a 11:00a
    Kept"). Read only when a line above names an in and an out column, in that order,
    and the two clocks follow the range with nothing else between and lie inside it."""
    if w.start is None or w.end is None or w.start.how != "when.range-on-header-line":
        return
    text = sc.text
    rs, re_ = w.start.spans[0]
    at = sc.layout.line_at(rs)
    line_end = sc.line_span(at)[1]
    clocks: list[times.ClockTime] = []
    pos = re_
    for c in times.find_clock_times(text, re_, line_end, loose=True):
        if len(clocks) == 2 or not _BLANKS.fullmatch(text, pos, c.start):
            break
        clocks.append(c)
        pos = c.end
    if len(clocks) != 2 or not _in_out_columns(sc, at):
        return
    lo, hi = w.start.value, w.end.value
    t_in, t_out = (times.resolve_within(c, lo, hi) for c in clocks)
    if not lo <= t_in < t_out <= hi:
        return  # not the member's stay inside the session's times
    if t_in != lo:
        w.member_start = Slot(t_in, ((clocks[0].start, clocks[0].end),), "when.in-column")
    if t_out != hi:
        w.member_end = Slot(t_out, ((clocks[1].start, clocks[1].end),), "when.out-column")


def _in_out_columns(sc: Scope, line: int) -> bool:
    """Whether a line of the record's note above ``line`` names columns with an in
    column then an out column among its words ("Code Scheduled In Out Status POS")."""
    v, text, lay = sc.v, sc.text, sc.layout
    note = sc.rec.parent or sc.rec
    for i in range(note.first, line):
        if not lay.lines[i].is_text or lay.in_table(i):
            continue
        s, e = sc.line_span(i)
        words = [norm(x) for x in text[s:e].split()]
        ins = [k for k, x in enumerate(words) if x in v.sheet_in_columns]
        outs = [k for k, x in enumerate(words) if x in v.sheet_out_columns]
        if ins and outs and ins[0] < outs[-1] and len(words) >= 4:
            return True
    return False


_EVENT_IN = re.compile(r"(?<![A-Za-z])(?:check[-_. ]?in|arriv(?:e|ed|al))(?![A-Za-z])", re.I)
_EVENT_OUT = re.compile(
    r"(?<![A-Za-z])(?:check[-_. ]?out|depart(?:s|ed|ure)?)(?![A-Za-z])", re.IGNORECASE
)


def _event_times(sc: Scope, w: When) -> None:
    """The check-in and check-out events of an event log's record
    (:mod:`extract.records.events`): a line that names the member's arrival (or departure),
    not both, with one clock after its stamp gives the member's arrival (departure). The
    stamp's clock is when the event was logged, never the member's; the line that gives
    the record's date (the booking) gives the session's own times."""
    rec = sc.rec
    if not rec.joined:
        return
    lay, text = sc.layout, sc.text
    lo = w.start.value if w.start else None
    hi = w.end.value if w.end else None
    for i in rec.joined:
        after = stamp_end(lay, i)
        if i == rec.anchor_line or after is None:
            continue
        end = lay.lines[i].cend
        arrival = _EVENT_IN.search(text, after, end) is not None
        if arrival == (_EVENT_OUT.search(text, after, end) is not None):
            continue
        clocks = [
            c for c in times.find_clock_times(text, after, end, loose=True) if c.form != "bare"
        ]
        if len(clocks) != 1 or (w.member_start if arrival else w.member_end) is not None:
            continue
        (c,) = clocks
        slot = Slot(
            times.resolve_within(c, lo, hi),
            ((c.start, c.end),),
            "when.event-" + ("arrival" if arrival else "departure"),
        )
        if arrival:
            w.member_start = slot
        else:
            w.member_end = slot


_BEGAN = re.compile(
    r"\b(?:began|begins|beginning|started|starting|starts|commenced|commencing|convened)"
    r"(?:[ \t]+(?:promptly|at|@|around|about|approximately))*[ \t]+",
    re.IGNORECASE,
)


def _began_at(sc: Scope, w: When) -> None:
    """A sentence about this session that says when it began ("This ninety-minute group
    began at one in the afternoon", "starting at 1:00 p.m."): its start."""
    text = sc.text
    for s, e in sc.current:
        if not (_about_session(sc, s, e) or sc.rec.form.value in ("part", "entry")):
            continue
        for m in _BEGAN.finditer(text, s, e):
            c = next(times.find_clock_times(text, m.end(), min(e, m.end() + 60)), None)
            if c is not None and c.start == m.end():
                w.start = Slot(c.value, ((c.start, c.end),), "when.began-at")
                return


_FOR_LENGTH = re.compile(r"[ \t]+for[ \t]+(?:about[ \t]+|approximately[ \t]+)?")


def _start_for_length(sc: Scope, w: When) -> None:
    """A part's or an entry's own clock followed by "for" and a length ("Medication
    Education Group, from 10:10 AM for 60 minutes", "from 19.10 for 90 minutes"): its start
    and its length (its end follows from both)."""
    text = sc.text
    for s, e in sc.current:
        if _not_current(sc, s, e):
            continue
        for c in times.find_clock_times(text, s, e, loose=True):
            m = _FOR_LENGTH.match(text, c.end, e)
            if c.form == "bare" or m is None:
                continue
            d = next(times.find_durations(text, m.end(), e), None)
            if d is not None and d.start == m.end():
                w.start = Slot(c.value, ((c.start, c.end),), "when.start-for-length")
                w.minutes = Slot(d.minutes, ((d.start, d.end),), "when.start-for-length")
                return


def _not_current(sc: Scope, s: int, e: int) -> bool:
    """Not about this session: another day's, or a recurring schedule ("groups meet
    Mon/Wed/Fri, 5.30-8.40 pm")."""
    return (
        sc.v.not_current.earliest(sc.text, s, e) is not None
        or WEEKDAY_RUN.search(sc.text, s, e) is not None
    )


# a sentence whose subject is the service itself ("Session held 12:50 to 13:43.", "The
# visit ran from 9 to 10.")
_SESSION_SUBJECT = re.compile(
    r"[ \t*_\-]*(?:(?:the|this|today'?s)[ \t]+)?(?:session|visit|appointment|encounter)"
    r"[ \t]+(?:was[ \t]+)?(?:held|ran|lasted|took[ \t]+place|began|started|occurred)\b",
    re.IGNORECASE,
)


def _about_session(sc: Scope, s: int, e: int) -> bool:
    v, text = sc.v, sc.text
    return (
        v.attendance_narrative.earliest(text, s, e) is not None
        or v.kinds.earliest(text, s, e) is not None
        or v.fallback_kinds.earliest(text, s, e) is not None
        or _SESSION_SUBJECT.match(text, s, e) is not None
    )


def _row_times(sc: Scope, w: When) -> None:
    rec, text = sc.rec, sc.text
    ranges = [
        r
        for s, e, _ in rec.cells("time")
        if (r := next(times.find_time_ranges(text, s, e, loose=True), None)) is not None
    ]
    if ranges:
        w.set_range(ranges[0], "when.time-cell")
        w.labeled = True
        _actual_within(w, ranges)
    if w.start is None:
        for s, e, _ in rec.cells("date"):
            if s <= rec.anchor.start < e:  # a "Date/Time" cell: "10/6/25 1530-1700"
                r = next(times.find_time_ranges(text, rec.anchor.end, e, loose=True), None)
                if r is not None:
                    w.set_range(r, "when.date-time-cell")
                    w.labeled = True
    if w.start is None:
        a = next(
            (c for s, e, _ in rec.cells("start") if (c := _clock_after_date(text, s, e))), None
        )
        b = next((c for s, e, _ in rec.cells("end") if (c := _clock_after_date(text, s, e))), None)
        if a is not None and b is None:
            # one start cell holding both ends ("0900  1030")
            s, e, _ = rec.cells("start")[0]
            clocks = list(times.find_clock_times(text, a.end, e, loose=True))
            if len(clocks) == 1:
                b = clocks[0]
        if a is not None or b is not None:
            _pair(w, a, b, "when.start-end-cells")
            w.labeled = True
    if w.start is None:
        for role in ("service", "mark", "comments"):
            for s, e, _ in rec.cells(role):
                r = next(times.find_time_ranges(text, s, e), None)
                if r is not None:
                    w.set_range(r, f"when.range-in-{role}-cell")
                    break
            if w.start is not None:
                break
    for s, e, header in rec.cells("duration"):
        found = duration_value(sc, s, e, header)
        if found is not None:
            w.minutes = Slot(found[0], ((found[1], found[2]),), "when.duration-cell")
            w.labeled = True
            break
    if w.minutes is None:
        for s, e, header in rec.cells("units"):
            if _units(sc, w, s, e, header, "when.units-cell"):
                break
    if w.minutes is None and rec.grid_mark is not None and w.start is None:
        s, e = rec.grid_mark
        # a bare number in a grid of hours or of minutes ("Individual Therapy (min) ... 53")
        unit = "hours" if _grid_in_hours(sc) else "minutes" if _grid_in_minutes(sc) else ""
        found = duration_value(sc, s, e, unit)
        if found is not None:
            w.minutes = Slot(found[0], ((found[1], found[2]),), "when.grid-cell-length")
    elif w.minutes is None and rec.grid_mark is not None and _grid_in_minutes(sc):
        # "Group Therapy 1:00p-2:30p ... 75" in a grid of the client's minutes: the member
        # attended 75 of the slot's 90 minutes; the minutes written are the member's own
        s, e = rec.grid_mark
        found = duration_value(sc, s, e, "minutes")
        if found is not None and found[0] > 0:
            w.minutes = Slot(found[0], ((found[1], found[2]),), "when.grid-cell-minutes")
            planned = _span_minutes(w)
            if planned is not None and planned != found[0]:
                w.start = w.end = None  # the slot's times are not the member's length
    for s, e, _ in rec.cells("member_times"):
        _member_in_out(sc, w, s, e)
    for role, arrival in (("member_start", True), ("member_end", False)):
        for s, e, _ in rec.cells(role):
            c = _clock_after_date(text, s, e)
            if c is None:
                continue
            lo = w.start.value if w.start else None
            hi = w.end.value if w.end else None
            slot = Slot(times.resolve_within(c, lo, hi), ((c.start, c.end),), f"when.{role}-cell")
            d = next(find_dates(text, s, e), None)
            stamp = utc_stamp(text, d.end, e) if d is not None else None
            if d is not None and stamp is not None:
                # "2025-03-07T15:10Z": the local clock in the zone stated, else not known
                local = stamp_local(sc.layout, rec.first, rec.last, d.date, stamp[0], stamp[1])
                if local is not None and local[1] is not None:
                    slot = Slot(local[1], ((d.start, stamp[2]),), f"when.{role}-cell-utc")
            if arrival:
                w.member_start = slot
            else:
                w.member_end = slot
            break
    _utc_member_cells(sc, w)


def _utc_member_cells(sc: Scope, w: When) -> None:
    """The member's time in and out from a table of UTC date-times, as the local time of
    the zone the document states (:mod:`extract.values.zones`): "2025-04-17 00:45:38" UTC
    is 17:45 in Los Angeles on 04/16; else of the one UTC offset the record states beside
    its local time ("18:00 CDT (UTC-05:00)"). Without either (or without a 24-hour clock
    after a date) the member's times are not read."""
    rec = sc.rec
    zone: dt.tzinfo | None = local_zone(sc.layout)
    if zone is None and (rec.cells("member_start_utc") or rec.cells("member_end_utc")):
        zone = stated_offset(sc.layout, rec.first, rec.last)
    text = sc.text
    if zone is None:
        return  # the member's stay only (:func:`_utc_stay`), once the session's times are read
    for role, arrival in (("member_start_utc", True), ("member_end_utc", False)):
        if zone is None or (w.member_start if arrival else w.member_end) is not None:
            continue
        for s, e, _ in sc.rec.cells(role):
            d = next(find_dates(text, s, e), None)
            c = _clock_after_date(text, s, e)
            if d is None or c is None or not c.twenty_four_hour:
                continue
            local = to_local(zone, d.date, c.hour, c.minute)
            slot = Slot(dt.time(local.hour, local.minute), ((d.start, c.end),), f"when.{role}-cell")
            if arrival:
                w.member_start = slot
            else:
                w.member_end = slot
            break


def _actual_within(w: When, ranges: list[times.TimeRange]) -> None:
    """A row's second time cell inside its first ("SCHEDULED 1445-1615  ACTUAL
    1445-1545"): the service's times, then the member's own; where the member's differ
    (a later start, an earlier end), they are the member's arrival or departure."""
    if len(ranges) != 2:
        return
    planned, own = ranges
    if planned.ends <= planned.begins:
        return  # over midnight: no order to read
    if not planned.begins <= own.begins < own.ends <= planned.ends:
        return
    span = ((own.start, own.end),)
    if own.begins != planned.begins:
        w.member_start = Slot(own.begins, span, "when.actual-time-cell")
    if own.ends != planned.ends:
        w.member_end = Slot(own.ends, span, "when.actual-time-cell")


def _utc_stay(sc: Scope, w: When) -> None:
    """The member's UTC time in and out when the document states no local zone: which
    part of the session they cover is not known, but the member's stay is their
    difference. When it is not the session's scheduled length, the member's length is in
    doubt (the scheduled length, or the stay), not the scheduled length for sure."""
    text = sc.text
    stamps: list[tuple[dt.datetime, int, int]] = []
    for role in ("member_start_utc", "member_end_utc"):
        for s, e, _ in sc.rec.cells(role)[:1]:
            d = next(find_dates(text, s, e), None)
            c = _clock_after_date(text, s, e)
            if d is not None and c is not None and c.twenty_four_hour:
                at = dt.datetime(d.date.year, d.date.month, d.date.day, c.hour, c.minute)
                stamps.append((at, d.start, c.end))
    full = _span_minutes(w)
    if len(stamps) != 2 or full is None or w.minutes is not None:
        return
    stay = (stamps[1][0] - stamps[0][0]).total_seconds() / 60
    if stay >= 0 and stay != full:
        spans = tuple((a, b) for _, a, b in stamps)
        w.length_readings = Slot((full, stay), spans, "when.utc-stay")


def _span_minutes(w: When) -> float | None:
    if w.start is None or w.end is None:
        return None
    a, b = w.start.value, w.end.value
    return float((b.hour * 60 + b.minute) - (a.hour * 60 + a.minute))


_MINUTES_WORD = re.compile(r"\bmin(?:ute)?s?\b", re.IGNORECASE)


def _grid_heading(sc: Scope) -> tuple[int, int] | None:
    """The span of a grid's title and header: up to three lines above it, to its header."""
    table = sc.rec.table
    if table is None:
        return None
    lay = sc.layout
    lo = lay.lines[max(0, table.first_line - 3)].start
    hi = lay.lines[table.header_line].end if table.header_line is not None else lo
    return lo, hi


def _grid_in_minutes(sc: Scope) -> bool:
    """A grid whose cells hold the member's minutes: the row's label ("Individual Therapy
    (min)"), the grid's title or header, or the document's title says minutes."""
    heading = _grid_heading(sc)
    if heading is None:
        return False
    lay, text = sc.layout, sc.text
    if any(_MINUTES_WORD.search(text, s, e) for s, e, _ in sc.rec.cells("service")):
        return True
    if _MINUTES_WORD.search(text, *heading) is not None:
        return True
    titles = [i for i in range(min(len(lay.lines), 6)) if lay.headings[i] is not None]
    return any(_MINUTES_WORD.search(text, *sc.line_span(i)) for i in titles)


def _grid_in_hours(sc: Scope) -> bool:
    """A grid whose cells hold hours: its title or header says so."""
    heading = _grid_heading(sc)
    return heading is not None and sc.v.hours_words.earliest(sc.text, *heading) is not None


def _field_times(sc: Scope, w: When) -> None:
    text = sc.text
    first_single: times.ClockTime | None = None
    for f in sc.fields("time"):
        r = next(times.find_time_ranges(text, f.start, f.end, loose=True), None)
        if r is not None:
            w.set_range(r, "when.time-field")
            w.labeled = True
            return
        if first_single is None:
            first_single = _clock_after_date(text, f.start, f.end)
    if first_single is None and (r := _range_after_anchor(sc)) is not None:
        w.set_range(r, "when.date-time-field")  # "When: 03/03/2025 9-12"
        w.labeled = True
        return
    a = first_single or next(
        (c for f in sc.fields("start") if (c := _field_clock(text, f.start, f.end))), None
    )
    b = next((c for f in sc.fields("end") if (c := _field_clock(text, f.start, f.end))), None)
    if a is None and b is not None:
        # "Encounter Date: 03/03/2025 09:00" over "Encounter End: 03/03/2025 12:00": the
        # clock of the date-time of service is the start the end goes with
        a = next(
            (
                c
                for f in sc.fields("date")
                if next(find_dates(text, f.start, f.end), None) is not None
                and (c := _clock_after_date(text, f.start, f.end)) is not None
                and c.form != "bare"
            ),
            None,
        )
    if a is not None or b is not None:
        _pair(w, a, b, "when.start-end-fields")
        w.labeled = True
    if w.start is None and w.end is None:
        for f in sc.fields("duration"):
            # "Session length: 3 hours (9:00-12:00)": the length's times beside it
            r = next(times.find_time_ranges(text, f.start, f.end), None)
            if r is not None:
                w.set_range(r, "when.range-in-duration-field")
                break
    for f in sc.fields("duration"):
        if _UNIT_COUNT.match(text, f.start, f.end) and _units(
            sc, w, f.start, f.end, f.label, "when.units-field"
        ):
            return  # "Duration: 4 units (15 min/unit)": units times their size
        found = duration_value(sc, f.start, f.end, f.label)
        if found is not None:
            w.minutes = Slot(found[0], ((found[1], found[2]),), "when.duration-field")
            w.labeled = True
            return
    for f in sc.fields("units"):
        if _units(sc, w, f.start, f.end, f.label, "when.units-field"):
            return


def _range_after_anchor(sc: Scope) -> times.TimeRange | None:
    """A time range right after the record's date in the field that holds it, read as a
    time field's value is ("When: 03/03/2025 9-12", "Appt: 3/3/25 0900-1200"): the date of
    service and its hours are one value."""
    rec, text = sc.rec, sc.text
    if rec.form.value not in ("note", "entry"):
        return None
    a = rec.anchor
    for f in sc.layout.fields_by_line[rec.anchor_line] if rec.anchor_line >= 0 else ():
        if f.start <= a.start < f.end:
            r = next(times.find_time_ranges(text, a.end, f.end, loose=True), None)
            if r is not None and not text[a.end : r.start].strip(" \t,@"):
                return r
    return None


# a qualifier before a time label that makes it the planned time ("Scheduled Start:",
# "Sched. end:", "Planned (min):", a column "ScheduledDuration"), and a label that is only
# a length's unit ("(min)")
_PLANNED = re.compile(r"(?:sched(?:uled|\.)?|planned|appt\.?)[ \t]*", re.IGNORECASE)
_UNIT_ONLY = re.compile(r"\(?(?:min|mins|minutes|hrs?|hours?)\)?", re.IGNORECASE)
_CAMEL_CASE = re.compile(r"(?<=[a-z])(?=[A-Z])")


def _planned_role(sc: Scope, label: str) -> str | None:
    """The time role a label names as planned ("Scheduled Start" is a planned start,
    "Header.ScheduledDuration" a planned length), or ``None``."""
    name = label.rsplit(".", 1)[-1].replace("_", " ")
    name = _CAMEL_CASE.sub(" ", name).strip(" \t*:")
    m = _PLANNED.match(name)
    if m is None or m.end() == 0 or not name[m.end() - 1].isspace():
        return None  # "Scheduler", "Scheduledby": not a qualifier
    rest = name[m.end() :].strip()
    role = "duration" if _UNIT_ONLY.fullmatch(rest) else sc.v.role_of(rest)
    return role if role in ("start", "end", "duration") else None


def _told_missed(sc: Scope) -> bool:
    """The record's own lines say the service was missed (absent, no-show, cancelled ...)
    and never that it was attended: only then is its planned time the one it has (an
    attended session's planned length is not the length attended)."""
    text, v = sc.text, sc.v
    said: set[Attendance] = set()
    for i in sc.own:
        if i in sc.others or not sc.layout.lines[i].is_text:
            continue
        s, e = sc.line_span(i)
        said.update(m[2] for m in v.attendance_values.matches(text, s, e))
        said.update(m[2] for m in v.attendance_narrative.matches(text, s, e))
    return bool(said) and Attendance.ATTENDED not in said


def _scheduled_times(sc: Scope, w: When) -> None:
    """A missed service's planned start, end or length ("Scheduled Start: 9:00 AM
    Scheduled (min): 90", a column "ScheduledDuration" of PT1H), for the slots the record
    states no other way: a missed session's length is the one it was planned for."""
    text = sc.text
    found: dict[str, tuple[int, int, str]] = {}
    for f in sc.all_fields():
        if f.empty or sc.v.role_of(f.label) is not None:
            continue
        if sc.rec.span is not None and not sc.rec.span[0] <= f.start < sc.rec.span[1]:
            continue
        role = _planned_role(sc, f.label)
        if role is not None:
            found.setdefault(role, (f.start, f.end, f.label))
    table, row = sc.rec.table, sc.rec.row
    if table is not None and row is not None:
        for j, spans in enumerate(row.cells):
            role = _planned_role(sc, table.header_text(text, j)) if spans else None
            if role is not None:
                found.setdefault(role, (spans[0].start, spans[-1].end, table.header_text(text, j)))
    a = _field_clock(text, *found["start"][:2]) if "start" in found else None
    b = _field_clock(text, *found["end"][:2]) if "end" in found else None
    if w.start is None and a is not None:
        w.start = Slot(a.value, ((a.start, a.end),), "when.scheduled-start")
        w.labeled = True
    if w.end is None and b is not None:
        w.end = Slot(b.value, ((b.start, b.end),), "when.scheduled-end")
        w.labeled = True
    if "duration" in found and (w.start is None or w.end is None):
        length = duration_value(sc, *found["duration"])
        if length is not None:
            w.minutes = Slot(length[0], ((length[1], length[2]),), "when.scheduled-length")
            w.labeled = True


def _stated_duration(sc: Scope, w: When) -> None:
    text = sc.text
    lines = sc.own
    if lines:
        first, last = sc.layout.lines[lines[0]], sc.layout.lines[lines[-1]]
        head = sc.head or lines[:1]
        lo = min(first.cstart, *(sc.layout.lines[i].cstart for i in head))
        if next(times.find_durations(text, lo, last.cend), None) is None:
            return  # no duration anywhere in the record
    for i in sc.head or sc.own[:1]:
        s, e = sc.line_span(i)
        if _not_current(sc, s, e):
            continue
        for d in times.find_durations(text, s, e):
            if not _NOT_SESSION_LENGTH.match(text, d.end, e):
                w.minutes = Slot(d.minutes, ((d.start, d.end),), "when.duration-on-header-line")
                return
    for s, e in sc.current:
        if _another_time(sc, w, s, e):
            continue  # "She then attended ... from 10:45 AM for 60 minutes": another service
        for d in times.find_durations(text, s, e):
            if _session_length(sc, d, s, e):
                w.minutes = Slot(d.minutes, ((d.start, d.end),), "when.duration-in-sentence")
                return


def _another_time(sc: Scope, w: When, s: int, e: int) -> bool:
    """The sentence names a clock time outside the session's own times."""
    if w.start is None or w.end is None:
        return False
    lo, hi = w.start.value, w.end.value
    return any(not (lo <= c.value <= hi) for c in times.find_clock_times(sc.text, s, e))


def _session_length(sc: Scope, d: times.Duration, start: int, end: int) -> bool:
    """ "the 3-hour DBT group", "attended group for 45 minutes" (not "naps of 30 minutes")."""
    text = sc.text
    if _NOT_SESSION_LENGTH.match(text, d.end, end):
        return False
    after = _WORDS_AFTER.match(text, d.end, end)
    if after is not None:
        for matcher in (sc.v.kinds, sc.v.fallback_kinds):
            if matcher.earliest(text, d.end, after.end()) is not None:
                return True
        # "A forty-five-minute session beginning at ...": the record's own session
        if _SESSION_NOUN.match(text, d.end, after.end()) is not None:
            return True
    return _FOR.search(text, max(start, d.start - 22), d.start) is not None and (
        _about_session(sc, start, end) or sc.rec.form.value == "part"
    )  # in a part, "It lasted an hour and a half." is about the part's own service


# a parenthesis right after a range (its a.m./p.m. may have wrapped to the next line)
_ASIDE = re.compile(r"(?:\s*[AaPp]\.?[Mm]\.?)?\s*\(([^()]*)\)")


def _session_aside(sc: Scope, w: When) -> None:
    """The member's own times with the session's in parentheses after them ("from 9:50 to
    11:00 a.m. (arrived 20 minutes late; the group ran 9:30 to 11:00 a.m.)", "from 1:00
    to 2:05 (left 25 minutes early; the group ran 1:00 to 2:30)"): when the aside's range
    and its count of minutes late or early give exactly the range before it, the aside's
    range is the session's and the range before it the member's own. When they disagree,
    the member's length is read two ways (an uncertain slot: the rules treat it as
    unknown)."""
    if w.start is None or w.end is None or w.member_start or w.member_end:
        return
    if w.start.spans != w.end.spans or len(w.start.spans) != 1:
        return  # not one range as written
    text = sc.text
    rs, re_ = w.start.spans[0]
    m = _ASIDE.match(text, re_, sc.rec.end)
    if m is None:
        return
    a, b = m.span(1)
    r = next(times.find_time_ranges(text, a, b), None)
    if r is None:
        return
    own = (
        w.start.value.hour * 60 + w.start.value.minute,
        w.end.value.hour * 60 + w.end.value.minute,
    )
    ran = (r.begins.hour * 60 + r.begins.minute, r.ends.hour * 60 + r.ends.minute)
    for pattern, late_or_early, arrival in ((_ARRIVAL, _LATE, True), (_DEPARTURE, _EARLY, False)):
        verb = pattern.search(text, a, b)
        if verb is None:
            continue
        d = next(times.find_durations(text, verb.end(), min(b, verb.end() + 30)), None)
        if d is None or not late_or_early.match(text, d.end, b):
            continue
        fits = (
            ran[0] + d.minutes == own[0] and ran[1] == own[1]
            if arrival
            else ran[1] - d.minutes == own[1] and ran[0] == own[0]
        )
        if not fits:
            # the aside and the range before it disagree: the member's length is the range
            # before it, or that less the minutes late or early; which, the words do not say
            length = own[1] - own[0]
            w.length_readings = Slot(
                (float(length), float(length - d.minutes)),
                ((rs, re_), (r.start, r.end), (d.start, d.end)),
                "when.aside-disagrees",
            )
            return
        mine = Slot(
            w.start.value if arrival else w.end.value,
            ((rs, re_), (d.start, d.end)),
            "when.member-own-range",
        )
        w.set_range(r, "when.session-range-aside")
        if arrival:
            w.member_start = mine
        else:
            w.member_end = mine
        return


def _member_times(sc: Scope, w: When) -> None:
    """The member's own arrival / departure: "arrived late at 9:25", "left early (11:40)",
    "arrived 30 minutes late", in an attendance value or cell, a comment, a sentence."""
    spans: list[tuple[int, int]] = []
    for role in ("attendance", "comments", "mark"):
        spans += [(s, e) for s, e, _ in sc.rec.cells(role)]
    spans += [(f.start, f.end) for f in sc.fields("attendance")]
    # a field whose label is the arrival or departure ("Client arrived: 9:30am (late)",
    # "Time left: 11:40"): its label and value
    spans += [
        (f.label_start, f.end)
        for f in sc.all_fields()
        if not f.empty and (_ARRIVAL.search(f.label) or _DEPARTURE.search(f.label))
    ]
    spans += [(c.start, c.end) for c in own_cells(sc)]
    spans += sc.current
    # a row's cells of no named column ("P   dep 12:05p video" under no header)
    spans += unassigned_cells(sc)
    for s, e in spans:
        _member_in(sc, w, s, e)
    if w.member_start is None and w.member_end is None:
        # "present - in 10.05 (late), out 10.30" in an attendance value or cell
        for s, e in [(s, e) for s, e, _ in sc.rec.cells("attendance")] + [
            (f.start, f.end) for f in sc.fields("attendance")
        ]:
            _member_in_out(sc, w, s, e, written=True)
    if w.member_start is None and w.member_end is None:
        # a row's remark of no named column that begins "in" or "out" and a clock ("in
        # 9:20a" beside "T" for tardy): the member's arrival or departure
        text = sc.text
        for s, e in unassigned_cells(sc):
            if _IN_OUT.match(text, s, e) is not None:
                _member_in_out(sc, w, s, e, written=True)
    if w.member_start is None and w.member_end is None:
        for s, e, _ in sc.rec.cells("attendance"):
            _wrapped_in_out(sc, w, sc.rec.segments(s, e))
    if w.member_start is None and w.member_end is None:
        _roster_times(sc, w)


_IN_OUT_LAST = re.compile(r"\b(in|out)[ \t:@]*$", re.IGNORECASE)


def _wrapped_in_out(sc: Scope, w: When, pieces: Sequence[tuple[int, int]]) -> None:
    """An attendance cell wrapped between "in" and its clock ("Present - late, in" /
    "09:20" on the row's next line): the member's arrival (or departure, "out")."""
    text = sc.text
    lo = w.start.value if w.start else None
    hi = w.end.value if w.end else None
    for (a0, a1), (b0, b1) in itertools.pairwise(pieces):
        m = _IN_OUT_LAST.search(text, a0, a1)
        clock = next(times.find_clock_times(text, b0, b1, loose=True), None)
        if m is None or clock is None or clock.start != b0 or clock.form == "bare":
            continue
        value = times.resolve_within(clock, lo, hi)
        slot = Slot(
            value, ((m.start(), m.end()), (clock.start, clock.end)), "when.member-in-out-cell"
        )
        if m.group(1).casefold() == "in":
            w.member_start = slot
        else:
            w.member_end = slot


def _roster_times(sc: Scope, w: When) -> None:
    """The member's own roster line's clock times under a header naming the member's
    times ("Client Status Mode In Out" over "Castillo, Avery Present In person 9:30 AM"):
    two clocks are the arrival and the departure; one clock under a header that names
    only one of them is that one; under both, it is the arrival or the departure, and
    when the two readings give different lengths the length is uncertain."""
    own = sc.member_roster_line
    if own is None or w.start is None or w.end is None:
        return
    text, lay = sc.text, sc.layout
    clocks = list(times.find_clock_times(text, own.rest, lay.lines[own.line].cend))
    if not clocks or len(clocks) > 2:
        return
    header = _roster_header(sc, own.line)
    if header is None:
        return
    has_in, has_out = header
    lo, hi = w.start.value, w.end.value
    values = [times.resolve_within(c, lo, hi) for c in clocks]
    if len(clocks) == 2:
        w.member_start = Slot(values[0], ((clocks[0].start, clocks[0].end),), "when.roster-in")
        w.member_end = Slot(values[1], ((clocks[1].start, clocks[1].end),), "when.roster-out")
        return
    (c,), (value,) = clocks, values
    span = ((c.start, c.end),)
    if has_in and not has_out:
        w.member_start = Slot(value, span, "when.roster-in")
    elif has_out and not has_in:
        w.member_end = Slot(value, span, "when.roster-out")
    elif lo <= value <= hi:

        def mins(t: dt.time) -> int:
            return t.hour * 60 + t.minute

        as_in, as_out = mins(hi) - mins(value), mins(value) - mins(lo)
        if as_in == as_out:  # either reading gives the same length
            w.member_start = Slot(value, span, "when.roster-in-or-out")
        else:
            w.length_readings = Slot((float(as_out), float(as_in)), span, "when.roster-in-or-out")


_ROSTER_ROWS = 60  # a roster's rows above the member's, at most
_EMPTY_CELL = re.compile(r"(?<!\S)--(?!\S)")


def _roster_row(text: str, line: Line) -> bool:
    """A row of a roster: clock times, or empty cells written "--" (a no-show's row)."""
    if _EMPTY_CELL.search(text, line.cstart, line.cend) is not None:
        return True
    return next(times.find_clock_times(text, line.cstart, line.cend), None) is not None


def _roster_header(sc: Scope, line: int) -> tuple[bool, bool] | None:
    """Whether the header line above the roster line ``line`` (the nearest line above
    that is not a roster line, nor another row of the roster: a line with clock times or
    empty "--" cells, "G.J. (...0115) P 5:30 PM 7:00 PM") names the member's arrival and
    departure."""
    lay, text, v = sc.layout, sc.text, sc.v
    i = line - 1
    others = sc.others
    while (
        i >= 0
        and line - i <= _ROSTER_ROWS
        and (i in others or not lay.lines[i].is_text or _roster_row(text, lay.lines[i]))
    ):
        i -= 1
    if i < 0:
        return None
    ln = lay.lines[i]
    words = [w.lower() for w in re.findall(r"[A-Za-z][A-Za-z-]*", text[ln.cstart : ln.cend])]
    pairs = words + [f"{a} {b}" for a, b in itertools.pairwise(words)]
    has_in = any(v.start_words.exact(w) is not None for w in pairs if w not in ("from",))
    has_out = any(v.end_words.exact(w) is not None for w in pairs if w not in ("to", "until"))
    return (has_in, has_out) if has_in or has_out else None


def _member_in(sc: Scope, w: When, start: int, end: int) -> None:
    text = sc.text
    lo = w.start.value if w.start else None
    hi = w.end.value if w.end else None
    for pattern, late_or_early, arrival in ((_ARRIVAL, _LATE, True), (_DEPARTURE, _EARLY, False)):
        if (w.member_start if arrival else w.member_end) is not None:
            continue
        verb = pattern.search(text, start, end)
        if verb is None:
            continue
        at = _AT.match(text, verb.end(), end)
        other = _DEPARTURE if arrival else _ARRIVAL
        if at is not None and (
            other.search(text, verb.end(), at.end()) or "on time" in text[verb.end() : at.end()]
        ):
            at = None  # "arrived on time but left the group at 10:30": not the arrival's
        clock = next(times.find_clock_times(text, at.end(), end, loose=True), None) if at else None
        if at is None or clock is None or clock.start != at.end():
            bridge = _BRIDGE.match(text, verb.end(), end)
            after = bridge.end() if bridge is not None else verb.end()
            clock = next(times.find_clock_times(text, after, end, loose=True), None)
            # a clock as written ("9:25", "3:45p", "0925", "115P"), not a count ("20
            # minutes late")
            if (
                clock is not None
                and clock.start == after
                and (clock.form != "bare" or clock.meridiem is not None)
            ):
                at = bridge
            else:
                clock = None
        if at is not None and clock is not None and clock.start == at.end():
            value = times.resolve_within(clock, lo, hi)
            span = (clock.start, clock.end)
        else:
            d = next(times.find_durations(text, verb.end(), min(end, verb.end() + 30)), None)
            anchor = lo if arrival else hi
            if d is None or anchor is None or not late_or_early.match(text, d.end, end):
                continue
            minutes = anchor.hour * 60 + anchor.minute + (d.minutes if arrival else -d.minutes)
            if not 0 <= minutes < 24 * 60:
                continue
            value = dt.time(int(minutes) // 60, int(minutes) % 60)
            span = (d.start, d.end)
        slot = Slot(value, (span,), "when.member-" + ("arrival" if arrival else "departure"))
        if arrival:
            w.member_start = slot
        else:
            w.member_end = slot


def _member_in_out(sc: Scope, w: When, start: int, end: int, *, written: bool = False) -> None:
    """A log's in/out cell: "in 0915", "out 1130"; with ``written`` (words of a status,
    not a cell of times), only a clock as written ("in 10.05", not "in 10")."""
    text = sc.text
    lo = w.start.value if w.start else None
    hi = w.end.value if w.end else None
    for m in _IN_OUT.finditer(text, start, end):
        clock = next(times.find_clock_times(text, m.end(), end, loose=True), None)
        if clock is None or clock.start != m.end() or (written and clock.form == "bare"):
            continue
        value = times.resolve_within(clock, lo, hi)
        slot = Slot(value, ((m.start(), clock.end),), "when.member-in-out-cell")
        if m.group(1).casefold() == "in":
            w.member_start = slot
        else:
            w.member_end = slot


__all__ = ["CONTEXT", "OWN", "PARENT", "When", "read_when"]
