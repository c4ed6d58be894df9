"""Clock times, time ranges and durations in chart text, with exact offsets.

Conventions handled:

- ranges: "9:00 AM-12:00 PM", "9:00a-10:30a", "1:00p - 2:30p", "9:00 am – 12:00 pm" (en/em
  dash), "9-12pm", "9:00-10:30",
  "0900-1200", "09:00 - 10:30", "1300–1430", "9:00 AM to 12:00 PM", "10 am until noon";
- "09h00-10h30", "9h00" (hours, "h", minutes), seconds "09:00:00", and an ISO date-time's
  time "2025-10-14T09:00:00-06:00" (09:00 local: the offset is not a range's end);
- single times: "9:00 AM", "9:30", "10 a.m.", "noon", "1300" / "9" (the last two only in
  *loose* mode, i.e. inside a field labeled as a time);
- durations: "180 min", "90 minutes", "3 hrs", "1.5 hours", "1 hr 30 min",
  "1 hour and 30 minutes", "1h30m", "3-hour", "90-minute", "three hours", "an hour".

Strict mode (free text) accepts a range only if one side has minutes ("9:00"), a meridiem
("pm") or is "noon", or both sides are four-digit 24-hour times ("0900-1200"): "ages 13-17"
or "goals 1-2" are not times. Loose mode (a value labeled "Time:", a log's time column)
also accepts bare hours ("9-12") and single four-digit times.

Meridiem inference (a time written without am/pm, e.g. "1:00-3:00"):

1. A time written in 24-hour form is taken literally: four digits ("0900", "1300"), a
   leading zero ("09:00"), an hour of 13-23 or 0. "noon"/"midnight" and times with am/pm are
   explicit too.
2. In a range with one explicit side, the other side takes the reading (am or pm) that
   makes the range positive and shortest: "9-12pm" is 09:00-12:00, "1-3pm" 13:00-15:00,
   "11-1pm" 11:00-13:00, "9am-12" 09:00-12:00.
3. Otherwise the outpatient-day rule applies to the start: hours 7-11 are morning, 12 is
   noon, 1-6 are afternoon/evening (an IOP day runs from about 7 AM to 9 PM); the end then
   takes the reading that gives the shortest positive range: "1:00-3:00" is 13:00-15:00,
   "9:00-10:30" 09:00-10:30, "6-9" 18:00-21:00, "11:00-1:00" 11:00-13:00.
4. A member's own time ("arrived late at 9:30") takes the reading that falls inside the
   session's time range when one is known (:func:`resolve_within`), else the day rule.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

WORD_NUMBERS: dict[str, int] = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
}

Form = Literal["colon", "meridiem", "noon", "military", "bare"]

# "p.m." keeps its last dot; "pm." at the end of a sentence does not
_MER = r"(?:[AaPp]\.[ \t]?[Mm]\.?|[AaPp][ \t]?[Mm])(?![A-Za-z])"


def _clock(g: str) -> str:
    """One clock time; group names prefixed with ``g`` so two can share a regex."""
    return (
        rf"(?P<{g}noon>(?<![A-Za-z])(?:12(?::00)?[ \t]*)?(?:[Nn]oon|[Mm]idnight)(?![A-Za-z]))"
        rf"|(?P<{g}mil>(?:[01]\d|2[0-3])[0-5]\d(?![:\d])(?:[ \t]*hrs?(?![A-Za-z]))?)"
        # an ISO date-time's time with its offset: "T09:00:00-06:00", "T15:00:00Z"
        rf"|(?P<{g}iso>(?<=T)(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d+)?)?+"
        rf"(?:Z|[+-][01]\d:?[0-5]\d)?+)"
        rf"|(?<!\dT)(?P<{g}h>[01]?\d|2[0-3])(?:(?::|(?<=\d)[hH](?=[0-5]\d))(?P<{g}m>[0-5]\d)"
        rf"(?P<{g}s>:[0-5]\d(?:\.\d+)?)?)?"
        rf"(?:[ \t]*(?P<{g}mer>{_MER})|(?P<{g}ap>[AaPp])(?![A-Za-z]))?"
    )


# not inside a date ("2025-10-14T09:00": neither "10" nor "14" is a time)
_BEFORE = r"(?<![\d:/.])(?<!\d-)"
_AFTER = r"(?![\d:/]|[-./]\d|T\d)"
_SEP = r"(?:[ \t]*(?:--?|–|—)[ \t]*|[ \t]+(?:to|until|till|through|thru)[ \t]+)"
_CLOCK_RE = re.compile(rf"{_BEFORE}(?:{_clock('')}){_AFTER}")
_RANGE_RE = re.compile(rf"{_BEFORE}(?:{_clock('a')}){_SEP}(?:{_clock('b')}){_AFTER}")

_NUMBER = r"\d+(?:\.\d+)?|an|" + "|".join(WORD_NUMBERS)
# "h" is hours unless minutes follow it as a clock's do ("09h00" is a time, "1h30m" a length)
_HOURS = (
    r"(?:hours?|hrs?|h(?!\d{1,2}(?!\d)(?![ \t]*-?[ \t]*(?:minutes?|mins?|m)(?![A-Za-z]))))"
    r"(?![A-Za-z])"
)
_MINUTES = r"(?:minutes?|mins?|m)(?![A-Za-z])"
_DURATION_RE = re.compile(
    rf"(?<![\w.:/])(?:(?P<h>{_NUMBER})[ \t]*-?[ \t]*{_HOURS}"
    rf"(?:[ \t]*(?:,|and)?[ \t]*(?P<hm>\d{{1,2}})[ \t]*-?[ \t]*{_MINUTES})?"
    rf"|(?P<m>{_NUMBER})[ \t]*-?[ \t]*{_MINUTES})",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class ClockTime:
    """A clock time as written: ``text[start:end]``; ``hour`` is as written (1-12 for a
    12-hour time). ``value`` resolves it alone (day rule); ranges use :func:`resolve_range`."""

    start: int
    end: int
    hour: int
    minute: int
    meridiem: Literal["am", "pm"] | None
    form: Form
    twenty_four_hour: bool

    def candidates(self) -> tuple[int, ...]:
        """Minutes after midnight this time may mean (one if explicit, else am and pm)."""
        if self.twenty_four_hour:
            return (self.hour * 60 + self.minute,)
        base = (self.hour % 12) * 60 + self.minute
        if self.meridiem == "am":
            return (base,)
        if self.meridiem == "pm":
            return (base + 12 * 60,)
        return (base, base + 12 * 60)

    @property
    def value(self) -> dt.time:
        """The time alone: explicit as written, else by the outpatient-day rule."""
        return _to_time(_day_rule(self))


@dataclass(frozen=True, slots=True)
class TimeRange:
    """A time range ``text[start:end]`` ("9:00 AM-12:00 PM") and its resolved ends."""

    start: int
    end: int
    first: ClockTime
    last: ClockTime
    begins: dt.time
    ends: dt.time


@dataclass(frozen=True, slots=True)
class Duration:
    """A duration ``text[start:end]`` ("1 hr 30 min") in minutes."""

    start: int
    end: int
    minutes: float


def _to_time(minutes: int) -> dt.time:
    """Minutes after midnight as a time of day."""
    return dt.time(minutes // 60 % 24, minutes % 60)


def _day_rule(c: ClockTime) -> int:
    """Rule 3: hours 7-11 are morning, 12 and 1-6 afternoon/evening."""
    cands = c.candidates()
    if len(cands) == 1:
        return cands[0]
    return cands[1] if 1 <= c.hour <= 6 or c.hour == 12 else cands[0]


def _clock_from(m: re.Match[str], g: str) -> ClockTime | None:
    """The clock time matched by the groups prefixed ``g``."""
    start, end = m.span(f"{g}noon")
    if start >= 0:
        noon = "oon" in m.group(f"{g}noon").lower()
        return ClockTime(start, end, 12 if noon else 0, 0, None, "noon", True)
    start, end = m.span(f"{g}iso")
    if start >= 0:
        iso = m.group(f"{g}iso")
        return ClockTime(start, end, int(iso[:2]), int(iso[3:5]), None, "colon", True)
    start, end = m.span(f"{g}mil")
    if start >= 0:
        digits = m.group(f"{g}mil")
        return ClockTime(start, end, int(digits[:2]), int(digits[2:4]), None, "military", True)
    start, end = m.span(f"{g}h")
    if start < 0:
        return None
    h_text = m.group(f"{g}h")
    hour = int(h_text)
    minute = int(m.group(f"{g}m") or 0)
    mer_text = m.group(f"{g}mer")
    mer_group = f"{g}mer"
    if mer_text is None and m.group(f"{g}ap") is not None:  # "9:00a", "1:30p"
        mer_text, mer_group = m.group(f"{g}ap"), f"{g}ap"
    if mer_text is not None:
        end = m.end(mer_group)
        if not 1 <= hour <= 12:  # "13:00 pm": the hour already says it
            return ClockTime(start, end, hour, minute, None, "meridiem", True)
        mer: Literal["am", "pm"] = "am" if mer_text[0] in "Aa" else "pm"
        # "9a" alone may be a room or an item ("Room 4a"): free text takes it only in a
        # range whose both ends say am/pm ("1p-3p")
        loose_ap = mer_group == f"{g}ap" and m.group(f"{g}m") is None
        return ClockTime(start, end, hour, minute, mer, "bare" if loose_ap else "meridiem", False)
    if m.group(f"{g}m") is not None:
        end = m.end(f"{g}m")
        if m.group(f"{g}s") is not None:
            end = m.end(f"{g}s")  # the seconds of "09:00:00"
        form: Form = "colon"
    else:
        form = "bare"
    twenty_four = hour == 0 or hour > 12 or (len(h_text) == 2 and h_text[0] == "0")
    return ClockTime(start, end, hour, minute, None, form, twenty_four)


def _strict_ok(*clocks: ClockTime) -> bool:
    """Whether a range is a time range in free text (see the module docstring)."""
    if any(c.form in ("colon", "meridiem", "noon") for c in clocks):
        return True
    if all(c.meridiem is not None for c in clocks):
        return True
    return all(c.form == "military" for c in clocks)


def resolve_range(first: ClockTime, last: ClockTime) -> tuple[dt.time, dt.time]:
    """Resolve the am/pm of a range's two ends (rules 1-3 of the module docstring)."""
    a_cands, b_cands = first.candidates(), last.candidates()
    if len(a_cands) > 1 and len(b_cands) == 1:
        b = b_cands[0]
        before = [x for x in a_cands if x < b]
        a = max(before) if before else _day_rule(first)
        return _to_time(a), _to_time(b)
    a = a_cands[0] if len(a_cands) == 1 else _day_rule(first)
    after = [x for x in b_cands if x > a]
    b = min(after) if after else _day_rule(last)
    return _to_time(a), _to_time(b)


def resolve_within(c: ClockTime, lo: dt.time | None, hi: dt.time | None) -> dt.time:
    """A member's own time: the reading inside ``lo``-``hi`` if there is one (rule 4)."""
    if lo is not None and hi is not None:
        lo_m, hi_m = lo.hour * 60 + lo.minute, hi.hour * 60 + hi.minute
        inside = [x for x in c.candidates() if lo_m <= x <= hi_m]
        if inside:
            return _to_time(inside[0])
    return c.value


def find_time_ranges(
    text: str, start: int = 0, end: int | None = None, *, loose: bool = False
) -> Iterator[TimeRange]:
    """Every time range in ``text[start:end]`` (offsets into ``text``)."""
    for m in _RANGE_RE.finditer(text, start, len(text) if end is None else end):
        a, b = _clock_from(m, "a"), _clock_from(m, "b")
        if a is None or b is None or not (loose or _strict_ok(a, b)):
            continue
        begins, ends = resolve_range(a, b)
        yield TimeRange(a.start, b.end, a, b, begins, ends)


def find_clock_times(
    text: str, start: int = 0, end: int | None = None, *, loose: bool = False
) -> Iterator[ClockTime]:
    """Every single clock time in ``text[start:end]``; bare hours and four-digit times
    only in ``loose`` mode."""
    for m in _CLOCK_RE.finditer(text, start, len(text) if end is None else end):
        c = _clock_from(m, "")
        if c is not None and (loose or c.form in ("colon", "meridiem", "noon")):
            yield c


def _number(s: str) -> float:
    """A number written in digits or words ("1.5", "three", "an")."""
    s = s.lower()
    if s == "an":
        return 1.0
    return float(WORD_NUMBERS[s]) if s in WORD_NUMBERS else float(s)


def find_durations(text: str, start: int = 0, end: int | None = None) -> Iterator[Duration]:
    """Every duration in ``text[start:end]`` (offsets into ``text``)."""
    for m in _DURATION_RE.finditer(text, start, len(text) if end is None else end):
        if m.group("h") is not None:
            minutes = _number(m.group("h")) * 60 + float(m.group("hm") or 0)
        else:
            minutes = _number(m.group("m"))
        if minutes > 0:
            yield Duration(m.start(), m.end(), minutes)
