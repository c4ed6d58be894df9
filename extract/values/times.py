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
  "1 hour and 30 minutes", "1h30m", "3-hour", "90-minute", "three hours", "an hour";
  in words: "ninety-minute", "forty-five minutes", "an hour and a half", "one and a half
  hours", "an hour and fifteen minutes", "half an hour";
- clock times in words: "a quarter to three", "half past nine", "ten past four", "one in
  the afternoon", "nine o'clock", "from a quarter to three to a quarter past four" (a
  whole hour in words only with "o'clock", a part of the day, or am/pm: "one" alone is a
  number).

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

import dataclasses
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
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_UNITS = "one|two|three|four|five|six|seven|eight|nine"
# a number in words up to 99 ("forty-five", "ninety")
_WORDS = (
    rf"(?:(?:{'|'.join(_TENS)})(?:[- ](?:{_UNITS}))?"
    r"|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|ten|"
    rf"{_UNITS})"
)


def word_number(s: str) -> int | None:
    """A number written in words up to 99 ("forty-five", "ninety", "seven"), or ``None``."""
    s = s.lower().replace(" ", "-")
    if s in WORD_NUMBERS:
        return WORD_NUMBERS[s]
    tens, _, unit = s.partition("-")
    if tens not in _TENS:
        return None
    return _TENS[tens] + (WORD_NUMBERS.get(unit, 0) if unit else 0)


Form = Literal["colon", "meridiem", "noon", "military", "bare"]

# "p.m." keeps its last dot; "pm." at the end of a sentence does not
_MER = r"(?:[AaPp]\.[ \t]?[Mm]\.?|[AaPp][ \t]?[Mm])(?![A-Za-z])"


def _clock(g: str) -> str:
    """One clock time; group names prefixed with ``g`` so two can share a regex."""
    return (
        rf"(?P<{g}noon>(?<![A-Za-z])(?:12(?::00)?[ \t]*)?(?:[Nn]oon|[Mm]idnight)(?![A-Za-z]))"
        # hours and minutes run together before am/pm: "1030am", "130pm", "930a"
        rf"|(?P<{g}cmp>(?:1[0-2]|0?[1-9])[0-5]\d)[ \t]?(?P<{g}cmer>{_MER}|[AaPp](?![A-Za-z]))"
        # a range's first side run together without am/pm when its last side has one:
        # "930-11a", "1115-12p" (the last side's meridiem reads the first)
        + (
            rf"|(?P<{g}cnm>(?:1[0-2]|0?[1-9])[0-5]\d)(?={_SEP}\d{{1,4}}[ \t]?[AaPp])"
            if g == "a"
            else ""
        )
        + rf"|(?P<{g}mil>(?:[01]\d|2[0-3])[0-5]\d(?![:\d])(?:[ \t]*h(?:rs?)?(?![A-Za-z]))?)"
        # an ISO date-time's time with its offset: "T09:00:00-06:00", "T15:00:00Z"
        rf"|(?P<{g}iso>(?<=T)(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d+)?)?+"
        rf"(?:Z|[+-][01]\d:?[0-5]\d)?+)"
        rf"|(?<!\dT)(?<!PT)(?P<{g}h>[01]?\d|2[0-3])(?:(?::|(?<=\d)[hH](?=[0-5]\d)"
        # a range's sides may be dotted ("09.00-10.30"); a single "2.30" is a number
         + (r"|\.(?=[0-5]\d(?!\d))" if g else "") + rf")(?P<{g}m>[0-5]\d)"
        rf"(?P<{g}s>:[0-5]\d(?:\.\d+)?)?"
        # an hour written "9h" as one side of a range ("9h-10h30", "9h30-11h")
         + (rf"|[hH](?={_SEP}\d)" if g == "a" else r"|(?<=\d)[hH](?![A-Za-z0-9])") + rf")?"
        rf"(?:(?:[ \t]*|[ \t]*\n[ \t]*(?=[AaPp]\.[Mm]\.))(?P<{g}mer>{_MER})"
        rf"|(?P<{g}ap>[AaPp])(?![A-Za-z]))?"
    )


# not inside a date ("2025-10-14T09:00": neither "10" nor "14" is a time)
_BEFORE = r"(?<![\d:/.$€£¥])(?<!\d-)"
# nor a clock's part of a longer one ("09:00:30"); a colon that ends a label or a list's
# lead ("17:30-19:00: Group therapy") may follow
_AFTER = r"(?![\d/]|:(?![ \t\r\n]|\Z)|[-./]\d|T\d)"
# a range's word may stand at a wrapped line's end or start ("from 1300" / "to 1430 hrs"):
# one line break beside the word, never beside a dash (a list item's "- " begins a line)
_SEP = (
    r"(?:[ \t]*(?:--?|–|—)[ \t]*"
    r"|(?:[ \t]+|[ \t]*\n[ \t]*)(?:to|until|till|through|thru)(?:[ \t]+|[ \t]*\n[ \t]*))"
)
_CLOCK_RE = re.compile(rf"{_BEFORE}(?:{_clock('')}){_AFTER}")
_DOTTED_CLOCK = re.compile(
    # a sentence's period may end it ("arrived late, at 17.45."), a date's dot may not
    rf"{_BEFORE}(?P<h>[01]?\d|2[0-3])\.(?P<m>[0-5]\d)(?![\d/]|:(?![ \t\r\n]|\Z)|\.\d)"
    rf"(?:[ \t]*(?P<mer>{_MER}))?"
)


def _dotted(m: re.Match[str]) -> ClockTime:
    h, mi, mer = int(m.group("h")), int(m.group("m")), m.group("mer")
    if mer is not None and 1 <= h <= 12:
        meridiem: Literal["am", "pm"] = "am" if mer[0] in "Aa" else "pm"
        return ClockTime(m.start(), m.end(), h, mi, meridiem, "meridiem", False)
    twenty_four = h == 0 or h > 12 or m.group("h").startswith("0")
    return ClockTime(m.start(), m.end("m"), h, mi, None, "colon", twenty_four)


_RANGE_RE = re.compile(rf"{_BEFORE}(?:{_clock('a')}){_SEP}(?:{_clock('b')}){_AFTER}")

_NUMBER = rf"\d+(?:\.\d+)?|an|{_WORDS}"
# "h" is hours when nothing follows it but a length's minutes ("1h30m"); not a clock's
# ("09h00") nor a code's letter ("H0015")
_HOURS = (
    r"(?:hours?|hrs?|h(?=\d{1,2}[ \t]*-?[ \t]*(?:minutes?|mins?|m)(?![A-Za-z])|(?![\d])))"
    r"(?![A-Za-z])"
)
_MINUTES = r"(?:minutes?|mins?|m)(?![A-Za-z])"
# between the words of a length: blanks, or a line break where the text wrapped ("an hour
# and a\n  half" is ninety minutes, not sixty)
_W = r"(?:[ \t]*\n[ \t]*|[ \t]+)"
_HALF = rf"(?:{_W}and{_W}a{_W}(?:half|(?P<q{{n}}>quarter)))"
# between a number and its unit: blanks, a hyphen, or a line break where a PDF wrapped
# (a line break only before a unit written in lower case that is no label: "ninety\nminutes",
# not "Group size: 8\nHours attended: 3")
_TO_UNIT = r"(?:[ \t]*\n(?=[ \t]*(?-i:minutes?|hours?|mins?|hrs?)\b(?![ \t]*:)))?[ \t]*-?[ \t]*"
_DURATION_RE = re.compile(
    rf"(?<![\w.:/])(?:(?P<half_hour>half{_W}an{_W}hour|a{_W}half[ -]hour)(?![A-Za-z])"
    rf"|(?P<quarters>(?:a|one|three){_W}quarters?{_W}of{_W}an{_W}hour"
    rf"|a{_W}quarter[ -]hour)(?![A-Za-z])"
    rf"|(?P<h>{_NUMBER})(?P<half1>{_HALF.format(n=1)})?{_TO_UNIT}{_HOURS}"
    rf"(?:(?P<half2>{_HALF.format(n=2)})(?![ \t]*-?[ \t]*{_HOURS})"
    rf"|[ \t]*(?:,|and)?[ \t]*(?P<hm>\d{{1,2}}|{_WORDS}){_TO_UNIT}{_MINUTES})?"
    rf"|(?P<m>{_NUMBER}){_TO_UNIT}{_MINUTES})",
    re.IGNORECASE,
)


_DIGIT = re.compile(r"\d")
_TIMESTAMP_CLOCK = re.compile(
    r"(?<![\d/.-])(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"
    r"(?P<h>[01]\d|2[0-3])(?P<m>[0-5]\d)(?:[0-5]\d(?:\.\d+)?)?(?:[+-][01]\d[0-5]\d)?(?![\d/])"
)
# an ISO 8601 duration: "PT1H30M", "PT90M", "PT1.5H"
_ISO_DURATION = re.compile(
    r"(?<![A-Za-z0-9])PT(?=\d)(?:(?P<h>\d+(?:\.\d+)?)H)?(?:(?P<m>\d+)M)?(?![A-Za-z0-9])"
)
# no length of one service is longer than a day: "0900h" is a clock, not 900 hours
_LONGEST_MINUTES = 24 * 60
# a duration has digits, or a unit word ("an hour and a half", "ninety-minute")
_DURATION_HINT = re.compile(r"\d|hour|minute|half", re.IGNORECASE)


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
    start, end = m.span(f"{g}cmp")
    if start >= 0:
        digits = m.group(f"{g}cmp")
        mer_c: Literal["am", "pm"] = "am" if m.group(f"{g}cmer")[0] in "Aa" else "pm"
        hour_c, minute_c = int(digits[:-2]), int(digits[-2:])
        # "1030a" alone may be a room ("Suite 200A"): only in a range, as "9a" (rule above)
        form_c: Form = "bare" if len(m.group(f"{g}cmer")) == 1 else "meridiem"
        return ClockTime(start, m.end(f"{g}cmer"), hour_c, minute_c, mer_c, form_c, False)
    if f"{g}cnm" in m.re.groupindex:
        start, end = m.span(f"{g}cnm")
        if start >= 0:
            digits = m.group(f"{g}cnm")
            return ClockTime(start, end, int(digits[:-2]), int(digits[-2:]), None, "bare", False)
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
        if end < len(m.string) and m.string[end] in "hH" and end < m.end():
            end += 1  # the hour's "h" ("11h" in "9h30-11h")
    twenty_four = hour == 0 or hour > 12 or (len(h_text) == 2 and h_text[0] == "0")
    return ClockTime(start, end, hour, minute, None, form, twenty_four)


def _strict_ok(*clocks: ClockTime) -> bool:
    """Whether a range is a time range in free text (see the module docstring)."""
    if any(c.form in ("colon", "meridiem", "noon") for c in clocks):
        return True
    if all(c.meridiem is not None for c in clocks):
        return True
    if len(clocks) == 2 and clocks[1].meridiem is not None and not clocks[0].twenty_four_hour:
        return True  # "10-1050a", "930-11a": the last side's am/pm covers the range
    if len(clocks) == 2 and _years(*clocks):
        return False  # "outpatient therapy 2021 to 2023": a span of years
    return all(c.form == "military" for c in clocks)


def _years(a: ClockTime, b: ClockTime) -> bool:
    """Two four-digit clocks that read as years a few apart ("2021 to 2023", "1998-2003"
    cannot be a clock): 19xx/20xx, the second no more than 15 later as a number. A span
    of years that short as clock times would be minutes long, no service's length."""
    if a.form != "military" or b.form != "military" or a.meridiem or b.meridiem:
        return False
    first, last = a.hour * 100 + a.minute, b.hour * 100 + b.minute
    return 1900 <= first <= 2099 and 0 < last - first <= 15


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


# clock times in words: "a quarter to three", "half past nine in the morning", "one in the
# afternoon", "nine o'clock"
_HOUR_WORD = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|noon)"
# the minutes after an hour in words, before a part of the day ("eleven twenty in the
# morning", "five forty-five in the evening", "seven oh five p.m.")
_MINUTE_WORDS = (
    r"(?:(?:twenty|thirty|forty|fifty)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?"
    r"|fifteen|ten|eleven|twelve|thirteen|fourteen|sixteen|seventeen|eighteen|nineteen"
    r"|oh[- ](?:one|two|three|four|five|six|seven|eight|nine))"
)
# blanks between words, or a line break where a PDF's text wrapped ("a quarter to\ntwelve")
_SP = r"(?:[ \t]*\n[ \t]*|[ \t]+)"


def _period(g: str) -> str:
    """A part of the day or am/pm after a clock in words (groups prefixed ``g``)."""
    return (
        rf"(?:{_SP}in{_SP}the{_SP}(?P<{g}period>morning|afternoon|evening)"
        rf"|{_SP}(?P<{g}night>at{_SP}night|tonight)"
        rf"|[ \t]*(?P<{g}mer>{_MER}))"
    )


def _word_clock_re(g: str) -> str:
    """One clock time in words; group names prefixed with ``g``."""
    return (
        rf"(?:(?:(?P<{g}q>(?:a{_SP})?quarter)|(?P<{g}half>half)|(?P<{g}mins>{_WORDS}|\d{{1,2}})"
        rf"(?:{_SP}minutes?)?){_SP}(?P<{g}rel>past|after|to|of|before){_SP}"
        rf"(?P<{g}rh>{_HOUR_WORD})(?:{_SP}o'?clock)?{_period(g + 'r')}?"
        rf"|(?P<{g}wh>{_HOUR_WORD})(?:{_SP}(?P<{g}wm>{_MINUTE_WORDS}))?"
        rf"{_period(g + 'w')}"
        rf"|(?P<{g}oh>{_HOUR_WORD}){_SP}o'?clock(?![A-Za-z]){_period(g + 'o')}?"
        # an hour and its minutes joined by a hyphen, as dictation is transcribed
        # ("ten-thirty", "eleven-twenty in the morning"): a clock even without the part
        # of the day (a count is never written so)
        rf"|(?P<{g}hh>{_HOUR_WORD})-(?P<{g}hm>{_MINUTE_WORDS}){_period(g + 'h')}?)"
    )


_WORD_CLOCK_RE = re.compile(rf"(?<![A-Za-z-])(?:{_word_clock_re('')})(?![A-Za-z])", re.IGNORECASE)
# one side of a range of clocks in words may be written in digits ("from half past twelve
# to 1:23 in the afternoon")
_DIGIT_SIDE = r"\d{1,2}:[0-5]\d(?![\d:])"
_WORD_RANGE_RE = re.compile(
    rf"(?<![A-Za-z-])(?:(?P<a>{_word_clock_re('a_')})"
    # a first clock of an hour and its minutes without its part of the day, which the
    # second gives ("from eight fifty-five until nine fifty-five in the evening")
    rf"|(?<=from[ \t])(?P<a_bare>{_HOUR_WORD})(?:{_SP}(?P<a_bare_m>{_MINUTE_WORDS}))?"
    rf"|(?<![\d/:.,-])(?P<a_digits>{_DIGIT_SIDE})(?:{_period('ad_')}(?={_SP}(?:to|until|till)))?"
    rf"|(?:(?<=from[ \t])|(?<=,[ \t])|(?<=^)|(?<=\n))(?P<a_hour>\d{{1,2}}(?![\d:.]))"
    rf"(?={_SP}(?:to|until|till){_SP}\d))"
    rf"(?:[ \t]*(?:--?|–|—)|{_SP}(?:to|until|till)){_SP}"
    rf"(?:(?P<b>{_word_clock_re('b_')})|(?P<b_bare>{_HOUR_WORD})"
    rf"|(?P<b_digits>{_DIGIT_SIDE}){_period('bd_')}?"
    # bare hours in digits only with the part of the day: "from 9 to 10 in the morning"
    rf"|(?P<b_hour>\d{{1,2}})(?![\d:.]){_SP}in{_SP}the{_SP}(?P<bh_period>morning|afternoon|evening))"
    rf"(?![A-Za-z])",
    re.IGNORECASE,
)


def _hour_word(w: str) -> int:
    w = w.lower()
    return 12 if w == "noon" else WORD_NUMBERS[w]


def _word_clock(
    m: re.Match[str], g: str, start: int, end: int, *, in_range: bool = False
) -> ClockTime | None:
    """The clock time in words matched by the groups prefixed ``g`` (``in_range``: a side
    of a range of clocks in words, where "twenty to nine" is a clock, not a count)."""

    def grp(name: str) -> str | None:
        value: str | None = m.group(g + name)
        return value

    rel = grp("rel")
    if rel is not None:
        hour = _hour_word(grp("rh") or "")
        if grp("q") is not None:
            minutes = 15
        elif grp("half") is not None:
            minutes = 30
        else:
            raw = grp("mins") or ""
            n = int(raw) if raw.isdigit() else word_number(raw)
            if n is None or not 0 < n < 60:
                return None
            minutes = n
        if rel.lower() in ("to", "of", "before"):
            if grp("half") is not None:
                return None  # "half to" is no clock
            said = grp("rperiod") or grp("rmer") or grp("rnight")
            if (
                grp("mins") is not None
                and not (said or in_range)
                and "minute" not in m.group(0)[:80].lower()
            ):
                return None  # "ten to twelve members", "two of five groups": counts
            hour, minutes = (hour - 1) or 12, 60 - minutes
    else:
        if (
            grp("hh") is not None
            and not in_range
            and grp("hperiod") is None
            and grp("hmer") is None
            and grp("hnight") is None
            and _AT_CLOCK.search(m.string, max(0, start - 12), start) is None
        ):
            return None  # "ten-twelve members": a count; "at ten-thirty" is a clock
        hour = _hour_word(grp("wh") or grp("oh") or grp("hh") or "")
        minutes = _said_minutes(grp("wm") or grp("hm") or "")
    suffix = (
        "r"
        if rel is not None
        else "w"
        if grp("wh") is not None
        else "h"
        if grp("hh") is not None
        else "o"
    )
    period, mer = (grp(suffix + "period") or "").lower(), grp(suffix + "mer")
    meridiem: Literal["am", "pm"] | None = None
    if mer is not None:
        meridiem = "am" if mer[0] in "Aa" else "pm"
    elif period == "morning":
        meridiem = "am"
    elif period in ("afternoon", "evening") or grp(suffix + "night") is not None:
        meridiem = "pm"
    if (grp("wh") or grp("oh") or grp("rh") or grp("hh") or "").lower() == "noon":
        if rel is None:
            return ClockTime(start, end, 12, 0, None, "noon", True)
        meridiem = "pm" if hour == 12 else "am"  # "a quarter past noon", "a quarter to noon"
    return ClockTime(
        start, end, hour, minutes, meridiem, "meridiem" if meridiem else "colon", False
    )


def _said_minutes(words: str) -> int:
    """The minutes of a clock's minute words ("forty-five", "oh five"; none: 0)."""
    said = words.lower().replace("oh ", "").replace("oh-", "")
    return (word_number(said) or 0) if said else 0


# the word before a clock that says it is one ("at ten-thirty", "until eleven-fifteen")
_AT_CLOCK = re.compile(
    r"\b(?:at|from|until|till|by|around|about|since|after|before|to)[ \t]+$", re.IGNORECASE
)
_PERIOD_BEFORE = re.compile(r"\bin\s+the\s+(morning|afternoon|evening)\b[^.;]*$", re.IGNORECASE)


def _side(m: re.Match[str], g: str, text: str) -> ClockTime | None:
    """One side of a range of clocks in words: in words, a bare hour, or digits."""
    if m.group(g) is not None:
        return _word_clock(m, g + "_", m.start(g), m.end(g), in_range=True)
    if m.group(g + "_bare") is not None:
        clock = _bare_hour(m.group(g + "_bare"), m.start(g + "_bare"))
        minutes = m.groupdict().get(g + "_bare_m")
        if minutes is None or clock.form == "noon":
            return clock
        return dataclasses.replace(clock, minute=_said_minutes(minutes), end=m.end(g + "_bare_m"))
    hour_digits = m.groupdict().get(g + "_hour")
    if hour_digits is not None:
        hour = int(hour_digits)
        at = m.start(g + "_hour")
        if not 1 <= hour <= 12:
            return None
        period = (m.groupdict().get("bh_period") or "").lower() if g == "b" else ""
        if not period:  # the start: its part of the day follows from the end's
            return ClockTime(at, at + len(hour_digits), hour, 0, None, "colon", False)
        if not _PLAUSIBLE[period](hour):
            return None  # "2 to 3 in the evening" is no clock range
        # "9 to 12 in the morning" ends at noon
        part_of_day: Literal["am", "pm"] = "pm" if hour == 12 or period != "morning" else "am"
        return ClockTime(at, m.end(), hour, 0, part_of_day, "meridiem", False)
    digits = m.group(g + "_digits")
    start = m.start(g + "_digits")
    hour, minute = (int(x) for x in digits.split(":"))
    said = "bd_" if g == "b" else "ad_"
    period = (m.groupdict().get(said + "period") or "").lower()
    mer_text = m.groupdict().get(said + "mer")
    meridiem: Literal["am", "pm"] | None = None
    if mer_text:
        meridiem = "am" if mer_text[0] in "Aa" else "pm"
    elif period:
        meridiem = "am" if period == "morning" else "pm"
    if meridiem is not None and g == "b":
        end = m.end()
    elif meridiem is not None and m.groupdict().get("ad_period"):
        end = m.end("ad_period")
    else:
        end = start + len(digits)
    if hour == 0 or hour > 12:
        return ClockTime(start, start + len(digits), hour, minute, None, "colon", True)
    return ClockTime(start, end, hour, minute, meridiem, "meridiem" if meridiem else "colon", False)


# the hours a part of the day holds, for an hour written as a bare number before it
_PLAUSIBLE = {
    "morning": lambda h: 5 <= h <= 12,
    "afternoon": lambda h: h == 12 or 1 <= h <= 6,
    "evening": lambda h: 4 <= h <= 11,
}


def _bare_hour(word: str, start: int) -> ClockTime:
    hour = _hour_word(word)
    if word.lower() == "noon":
        return ClockTime(start, start + len(word), 12, 0, None, "noon", True)
    return ClockTime(start, start + len(word), hour, 0, None, "colon", False)


def _word_clocks(text: str, start: int, end: int) -> Iterator[ClockTime]:
    if not _may_hold_words(text, start, end):
        return
    for m in _WORD_CLOCK_RE.finditer(text, start, end):
        c = _word_clock(m, "", m.start(), m.end())
        if c is not None:
            yield c


def _word_ranges(text: str, start: int, end: int) -> Iterator[TimeRange]:
    if not _may_hold_words(text, start, end):
        return
    for m in _WORD_RANGE_RE.finditer(text, start, end):
        if m.end() == end and _CLOCK_GOES_ON.match(text, end) is not None:
            # the span ends inside the range's second clock ("from ten past ten until ten"
            # at a line's end, "past eleven in the morning" on the next): the range read
            # whole (never "until ten")
            nl = text.find("\n", end + 1)
            whole = _WORD_RANGE_RE.match(text, m.start(), len(text) if nl == -1 else nl)
            if whole is not None and whole.end() > end:
                m = whole
        # a bare hour in words ("from one to half past two") or a clock in digits only
        # beside a clock in words
        hours = m.group("a_hour") is not None and m.group("b_hour") is not None
        periods = m.group("ad_period") is not None and m.group("b_digits") is not None
        if m.group("a") is None and m.group("b") is None and not (hours or periods):
            continue
        if (m.group("a_hour") is None) != (m.group("b_hour") is None):
            continue  # digits for an hour only on both sides, with the part of the day
        a = _side(m, "a", text)
        b = _side(m, "b", text)
        if a is None or b is None:
            continue
        if a.meridiem is None and b.meridiem is None:
            # "held in the evening, from ten past seven to twenty to nine"
            said = _PERIOD_BEFORE.search(text, max(start, m.start() - 40), m.start())
            if said is not None:
                mer: Literal["am", "pm"] = "am" if said.group(1).lower() == "morning" else "pm"
                a = dataclasses.replace(a, meridiem=mer, form="meridiem")
                b = dataclasses.replace(b, meridiem=mer, form="meridiem")
        begins, ends = resolve_range(a, b)
        yield TimeRange(a.start, b.end, a, b, begins, ends)


# what goes on after a clock's first words at a line's end: its relation to the hour, the
# minutes, "o'clock" or its part of the day
_CLOCK_GOES_ON = re.compile(
    rf"{_SP}(?:past|after|to|of|before|o'?clock|minutes?|in{_SP}the|{_MINUTE_WORDS})(?![A-Za-z])",
    re.IGNORECASE,
)
_HOURS_IN_WORDS = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|noon"
# a cheap test for a clock in words: an hour word next to a word of clocks
_CLOCK_WORD_HINT = re.compile(
    rf"(?i)quarter|half\s+past|o'?clock"
    rf"|\b(?:{_HOURS_IN_WORDS})\s+(?:in\s+the|to|until|till|at\s+night|[ap]\.?m)\b"
    rf"|\b(?:past|after|to|of|before|from)\s+(?:{_HOURS_IN_WORDS})\b"
    # an hour and its minutes joined by a hyphen ("ten-thirty", "one-oh-five")
    rf"|\b(?:{_HOURS_IN_WORDS})-{_MINUTE_WORDS}\b"
    rf"|\b\d{{1,2}}(?::\d\d)?\s+(?:in\s+the\s+\w+\s+)?(?:to|until|till)\s+\d{{1,2}}(?::\d\d)?\s+in\s+the\b"
)


def _may_hold_words(text: str, start: int, end: int) -> bool:
    """A cheap test before the word-clock regexes: most text holds none of their words."""
    return _CLOCK_WORD_HINT.search(text, start, end) is not None


def _merged(*found: Iterator[TimeRange]) -> Iterator[TimeRange]:
    """Ranges of several finders in text order, none overlapping an earlier one."""
    out = sorted((r for f in found for r in f), key=lambda r: (r.start, -r.end))
    last_end = -1
    for r in out:
        if r.start >= last_end:
            yield r
            last_end = r.end


def find_time_ranges(
    text: str, start: int = 0, end: int | None = None, *, loose: bool = False
) -> Iterator[TimeRange]:
    """Every time range in ``text[start:end]`` (offsets into ``text``)."""
    stop = len(text) if end is None else end

    def digits() -> Iterator[TimeRange]:
        if _DIGIT.search(text, start, stop) is None:
            return  # no clock in digits without a digit
        for m in _RANGE_RE.finditer(text, start, stop):
            a, b = _clock_from(m, "a"), _clock_from(m, "b")
            if a is None or b is None or not (loose or _strict_ok(a, b)):
                continue
            begins, ends = resolve_range(a, b)
            yield TimeRange(a.start, b.end, a, b, begins, ends)

    if not _may_hold_words(text, start, stop):
        yield from digits()
        return
    yield from _merged(digits(), _word_ranges(text, start, stop))


def find_clock_times(
    text: str, start: int = 0, end: int | None = None, *, loose: bool = False
) -> Iterator[ClockTime]:
    """Every single clock time in ``text[start:end]``; bare hours and four-digit times
    only in ``loose`` mode."""
    stop = len(text) if end is None else end

    def digits() -> Iterator[ClockTime]:
        for m in _CLOCK_RE.finditer(text, start, stop):
            c = _clock_from(m, "")
            if c is not None and (loose or c.form in ("colon", "meridiem", "noon")):
                if c.form in ("bare", "military") and text[c.start - 1 : c.start].isalpha():
                    continue  # a digit inside a word ("N0RTH", "T0tal" as OCR reads them)
                yield c
        if loose:
            # a labeled or expected clock may be dotted ("in 10.05"); in free text a
            # single "2.30" is a number
            for m in _DOTTED_CLOCK.finditer(text, start, stop):
                yield _dotted(m)
        for m in _TIMESTAMP_CLOCK.finditer(text, start, stop):
            # the time of an HL7 / ISO basic timestamp ("20251013090000-0600")
            h, mi = int(m.group("h")), int(m.group("m"))
            yield ClockTime(m.start("h"), m.end("m"), h, mi, None, "colon", True)

    if not _may_hold_words(text, start, stop):
        yield from digits()
        return
    found = sorted([*digits(), *_word_clocks(text, start, stop)], key=lambda c: (c.start, -c.end))
    last_end = -1
    for c in found:
        if c.start >= last_end:
            yield c
            last_end = c.end


def _number(s: str) -> float | None:
    """A number written in digits or words ("1.5", "three", "forty-five", "an")."""
    s = s.lower()
    if s in ("an", "a"):
        return 1.0
    if s[0].isdigit():
        return float(s)
    n = word_number(s)
    return None if n is None else float(n)


def find_durations(text: str, start: int = 0, end: int | None = None) -> Iterator[Duration]:
    """Every duration in ``text[start:end]`` (offsets into ``text``)."""
    stop = len(text) if end is None else end
    if _DURATION_HINT.search(text, start, stop) is None:
        return  # no number and no unit word: no duration
    for m in _ISO_DURATION.finditer(text, start, stop):
        iso = float(m.group("h") or 0) * 60 + float(m.group("m") or 0)
        if iso and iso <= _LONGEST_MINUTES:
            yield Duration(m.start(), m.end(), iso)
    ranges: list[TimeRange] | None = None
    for m in _DURATION_RE.finditer(text, start, stop):
        if m.group("h") is not None and text[m.end() - 1] in "hH":
            # "9h" in "9h-10h30" is a side of a time range, not a length
            if ranges is None:
                ranges = list(find_time_ranges(text, start, stop, loose=True))
            if any(r.start < m.end() and m.start() < r.end for r in ranges):
                continue
        if m.group("half_hour") is not None:
            minutes: float | None = 30.0
        elif m.group("quarters") is not None:
            minutes = 45.0 if m.group("quarters").lower().startswith("three") else 15.0
        elif m.group("h") is not None:
            hours = _number(m.group("h"))
            extra = _number(m.group("hm")) if m.group("hm") else 0.0
            if hours is None or extra is None:
                continue
            half = 0
            if m.group("half1") or m.group("half2"):
                half = 15 if m.group("q1") or m.group("q2") else 30
            minutes = hours * 60 + half + extra
        else:
            minutes = _number(m.group("m"))
        if minutes and minutes <= _LONGEST_MINUTES:
            yield Duration(m.start(), m.end(), minutes)
