"""Dates in chart text with exact offsets, parsed by python-dateutil.

The regexes only find candidate spans; dateutil does the parsing, so "March 4, 2025",
"Mar. 4 2025", "03/04/2025", "3/4/25", "3-4-25", "2025-03-04", "2025/03/04" and
"04-Mar-2025" all give 2025-03-04 (a two-digit year is read within 50 years of today, per
dateutil). A candidate dateutil rejects (e.g. "13/45/2025") is not a date.

Numeric dates ("04/03/2025", "04.03.25") are read month first (US) unless the document
shows it writes the day first: it says so ("dd/mm/yyyy", "day/month/year"), or one of its
numeric dates can only be day first ("25/09/2025") and none can only be month first
("09/25/2025"). A document that shows neither takes the order the rest of the chart shows
(:func:`date_order`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from dateutil import parser as date_parser

from core.textcache import text_cache
from extract.layout import chart_layouts, chart_memo, page_lines

# as written, or in capitals ("11-NOV-2025", "NOVEMBER 11, 2025")
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?|"
    r"JAN(?:UARY)?|FEB(?:RUARY)?|MAR(?:CH)?|APR(?:IL)?|MAY|JUNE?|JULY?|AUG(?:UST)?|"
    r"SEP(?:T(?:EMBER)?)?|OCT(?:OBER)?|NOV(?:EMBER)?|DEC(?:EMBER)?)"
)
_DATE = re.compile(
    r"(?<![\d/.-])(?:"
    r"\d{4}-\d{1,2}-\d{1,2}"  # 2025-03-04
    r"|\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})"  # 03/04/2025, 3/4/25
    r"|\d{1,2}-\d{1,2}-(?:\d{4}|\d{2})"  # 03-04-2025, 3-4-25
    r"|(?<![A-Za-z])\d{1,2}\.\d{1,2}\.(?:\d{4}|\d{2})(?!\.\d)"  # 03.04.2025, 3.4.25 (not v2.1.15)
    r"|\d{4}/\d{1,2}/\d{1,2}"  # 2025/03/04
    rf"|\d{{1,2}}-{_MONTH}-(?:\d{{4}}|\d{{2}})"  # 04-Mar-2025, 4-Mar-25
    rf"|(?<![A-Za-z])\d{{1,2}}{_MONTH}\d{{4}}"  # 19JAN2026 (a database's DATE9 form)
    rf"|{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"  # March 4, 2025
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}\.?,?\s+\d{{4}}"  # 4 March 2025
    r")(?![\d/])"
)
_PARSE_DEFAULT = dt.datetime(2000, 1, 1)


@dataclass(frozen=True, slots=True)
class DateSpan:
    start: int
    end: int
    date: dt.date


# a numeric date with the day or month first: its first two numbers and its year
_NUMERIC = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})")
# a numeric date: one separator twice, a year of 19xx/20xx or two digits
_ORDER_CANDIDATE = re.compile(
    r"(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2(?:19\d\d|20\d\d|\d{2})(?![\d/]|[.-]\d)"
)
# a number that looks like a date but is an id ("Auth #: 24-03-5521", "Ref 12.03.25")
_ID_BEFORE = re.compile(r"(?i)(?:#|\bref|\bid|\bauth\w*|\bno\.?|\bnumber|\bacct|\bmrn)[ \t:.]*$")
_SAYS_DAY_FIRST = re.compile(r"(?i)\b(?:dd[/.-]mm[/.-]yy(?:yy)?|day[/.-]month[/.-]year)\b")
_SAYS_MONTH_FIRST = re.compile(r"(?i)\b(?:mm[/.-]dd[/.-]yy(?:yy)?|month[/.-]day[/.-]year)\b")


@lru_cache(maxsize=4096)
def parse_date(s: str, day_first: bool = False) -> dt.date | None:
    """Parse one date string (a numeric one month first unless ``day_first``), or
    ``None``."""
    m = _NUMERIC.fullmatch(s)
    if m is not None:
        a, b, year = int(m.group(1)), int(m.group(2)), m.group(3)
        month, day = (b, a) if day_first else (a, b)
        s = f"{year}-{month:02d}-{day:02d}" if len(year) == 4 else f"{month}/{day}/{year}"
    try:
        value = date_parser.parse(s, dayfirst=False, default=_PARSE_DEFAULT)
    except (ValueError, OverflowError):
        return None
    if not 1900 <= value.year <= 2100:
        return None
    return value.date()


def _shown_order(text: str) -> bool | None:
    """Whether ``text`` writes numeric dates day first (``True``), month first
    (``False``), or shows neither (``None``; also when it shows both)."""
    said_day, said_month = _SAYS_DAY_FIRST.search(text), _SAYS_MONTH_FIRST.search(text)
    if said_day is not None and said_month is None:
        return True
    if said_month is not None and said_day is None:
        return False
    day_first: set[str] = set()
    month_first = False
    for m in _ORDER_CANDIDATE.finditer(text):
        if _ID_BEFORE.search(text, max(0, m.start() - 12), m.start()) is not None:
            continue
        a, b = int(m.group(1)), int(m.group(3))
        if 12 < a <= 31 and 1 <= b <= 12:
            day_first.add(m.group(0))
        elif 12 < b <= 31 and 1 <= a <= 12:
            month_first = True
        if day_first and month_first:
            return None
    # two different dates that can only be day first, not one number that looks like one
    return True if len(day_first) >= 2 else False if month_first else None


@text_cache(maxsize=8)
def _shown_order_cached(text: str) -> bool | None:
    """:func:`_shown_order` outside a chart read (a reader may ask for every date)."""
    return _shown_order(text)


def date_order(text: str) -> bool:
    """Whether numeric dates in ``text`` (a page or a document of the chart being read, or
    any text outside one) are written day first: as its document shows, else as the
    chart's other documents agree, else month first."""
    return bool(shown_date_order(text))


def shown_date_order(text: str) -> bool | None:
    """:func:`date_order`, ``None`` where neither the document nor the chart shows one."""
    memo = chart_memo()
    if memo is None:
        return _shown_order_cached(text)
    cached = memo.get("date_order")
    orders: dict[str | None, bool | None]
    if isinstance(cached, dict):
        orders = cached
    else:
        shown_by = {layout.text: _shown_order(layout.text) for layout in chart_layouts()}
        shown = [o for o in shown_by.values() if o is not None]
        # the chart's order, for documents that show none: two documents show day first and
        # none shows month first; month first when some show it; unknown when none shows
        chart: bool | None = None
        if shown and all(shown):
            chart = True if len(shown) >= 2 else None
        elif shown:
            chart = False
        orders = {key: chart if own is None else own for key, own in shown_by.items()}
        orders[None] = chart
        memo["date_order"] = orders
    if text in orders:
        return orders[text]
    lines = page_lines(text)
    if lines is not None and lines.layout.text in orders:
        return orders[lines.layout.text]
    return orders[None]


_COMPACT = re.compile(r"[ \t]*(\d{6}|\d{8})[ \t]*")


def compact_date(text: str, start: int, end: int, order: str | None = None) -> DateSpan | None:
    """A date written as digits alone in a cell that holds a date ("101025", "10102025",
    "20251010"): month first (or day first as the document shows), year last, or a year
    first when eight digits begin with one. Only for a date column's cells. ``order``
    ("ymd", "mdy" or "dmy", from :func:`compact_order`) is the column's order, when its
    cells show one."""
    m = _COMPACT.fullmatch(text, start, end)
    if m is None:
        return None
    digits = m.group(1)
    if order is not None:
        value = _compact_value(digits, order)
        return None if value is None else DateSpan(m.start(1), m.end(1), value)
    if len(digits) == 8 and digits[:2] in ("19", "20"):
        y, a, b = int(digits[:4]), int(digits[4:6]), int(digits[6:])
        month, day = a, b
    else:
        a, b = int(digits[:2]), int(digits[2:4])
        y = int(digits[4:]) if len(digits) == 8 else 2000 + int(digits[4:])
        month, day = (b, a) if date_order(text) else (a, b)
    try:
        value = dt.date(y, month, day)
    except ValueError:
        return None
    if not 1900 <= value.year <= 2100:
        return None
    return DateSpan(m.start(1), m.end(1), value)


_COMPACT_ORDERS = ("mdy", "dmy", "ymd")
_COMPACT_NEAR_DAYS = 3 * 366  # how far a compact column's dates may lie from the written ones


def _compact_value(digits: str, order: str) -> dt.date | None:
    """``digits`` (six or eight) read in ``order``; a two-digit year is 20YY."""
    long = len(digits) == 8
    if order == "ymd":
        y, a, b = (
            (digits[:4], digits[4:6], digits[6:]) if long else (digits[:2], digits[2:4], digits[4:])
        )
        month, day = int(a), int(b)
    else:
        a, b, y = digits[:2], digits[2:4], digits[4:]
        month, day = (int(a), int(b)) if order == "mdy" else (int(b), int(a))
    year = int(y) if len(y) == 4 else 2000 + int(y)
    try:
        value = dt.date(year, month, day)
    except ValueError:
        return None
    return value if 1900 <= value.year <= 2100 else None


def compact_order(
    text: str, cells: Sequence[tuple[int, int]], around: Sequence[dt.date]
) -> str | None:
    """The order a column's compact dates are written in ("251014": year, month, day):
    the one order that reads every cell as a date; when several do ("251014" is also 25
    October 2014 day first), the one whose dates lie nearest the dates the document writes
    out (``around``: a report's run date and period), else the document's own order
    (:func:`date_order`) when it is among them. A reading more than three years from the
    written-out dates does not count. ``None`` when no cell is compact, no order reads them
    all, or nothing tells the readings apart."""
    digits = [m.group(1) for s, e in cells if (m := _COMPACT.fullmatch(text, s, e)) is not None]
    if not digits:
        return None
    fits = {
        o: vals
        for o in _COMPACT_ORDERS
        if None not in (vals := [_compact_value(d, o) for d in digits])
    }
    if around:
        ordinals = sorted(d.toordinal() for d in around)
        mid = ordinals[len(ordinals) // 2]

        def spread(o: str) -> int:
            return max(abs(v.toordinal() - mid) for v in fits[o] if v is not None)

        # a reading years away from every date the document writes out is no date of
        # it (a column of six-digit identifiers that happen to read as dates)
        fits = {o: vals for o, vals in fits.items() if spread(o) <= _COMPACT_NEAR_DAYS}
        ranked = sorted(fits, key=spread)
        if len(ranked) >= 2 and spread(ranked[0]) * 4 < spread(ranked[1]):
            return ranked[0]
    if len(fits) <= 1:
        return next(iter(fits), None)
    own = "dmy" if date_order(text) else "mdy"
    return own if own in fits else None


def find_dates(text: str, start: int = 0, end: int | None = None) -> Iterator[DateSpan]:
    """Every date in ``text[start:end]``, with offsets into ``text``."""
    stop = len(text) if end is None else end
    day_first: bool | None = None
    ordered = False
    found: Iterator[re.Match[str]] = _DATE.finditer(text, start, stop)
    extra: list[re.Match[str]] = []
    if _EIGHT_DIGITS.search(text, start, stop) is not None:
        extra += _TIMESTAMP.finditer(text, start, stop)
    if _OF_MONTH.search(text, start, stop) is not None:
        extra += _WORDS_DATE.finditer(text, start, stop)
    if _ORDINAL_AFTER_MONTH.search(text, start, stop) is not None:
        extra += _MONTH_ORDINAL.finditer(text, start, stop)
    if extra:
        found = iter(sorted([*found, *extra], key=lambda m: m.start()))
    for m in found:
        if m.re is _WORDS_DATE or m.re is _MONTH_ORDINAL:
            d = _words_date(m)
            if d is not None:
                yield DateSpan(m.start(), m.end(), d)
            continue
        if m.re is _TIMESTAMP:
            if _ID_BEFORE.search(text, max(0, m.start() - 12), m.start()) is not None:
                continue  # "Auth # 20250917", "Claim no. 20251013": a number, not a date
            d = parse_date(m.group("date"))
            if d is not None:
                yield DateSpan(m.start("date"), m.end("date"), d)
            continue
        s = m.group(0)
        if not ordered and _NUMERIC.fullmatch(s) is not None:
            day_first, ordered = shown_date_order(text), True
        # where no order is shown: a dotted date is day first ("02.09.25", the European
        # form), a slashed or dashed one month first
        order = day_first if day_first is not None else ("." in s and "/" not in s)
        d = parse_date(s, order)
        if d is not None:
            yield DateSpan(m.start(), m.end(), d)


_EIGHT_DIGITS = re.compile(r"\d{8}")
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
}  # fmt: skip
# a day as an ordinal word ("eighth", "twenty-first"), and with digits ("8th")
_ORDINAL_WORD = (
    r"(?:(?:twenty|thirty)[- ](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)"
    r"|" + "|".join(sorted(_ORDINALS, key=len, reverse=True)) + r")"
)
_ORDINAL = rf"(?:{_ORDINAL_WORD}|\d{{1,2}}(?:st|nd|rd|th))"
_YEAR_WORDS = (
    r"(?:two[- ]thousand(?:[- ]and)?[- ](?:[a-z]+(?:[- ][a-z]+)?)|twenty[- ][a-z]+(?:[- ][a-z]+)?)"
)
_OF_MONTH = re.compile(rf"\bof\s+{_MONTH}\b", re.IGNORECASE)
_ORDINAL_AFTER_MONTH = re.compile(
    r"(?i)(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh"
    r"|twelfth|teenth|tieth)\b"
)  # a cheap test before the month-first form below
# the month first, the day as an ordinal word: "April eighth, 2025", "March the third, 2025"
# (a day in digits, "April 8th, 2025", is read by the numeric forms)
_MONTH_ORDINAL = re.compile(
    rf"(?<![A-Za-z])(?P<month>{_MONTH})\.?\s+(?:the\s+)?(?P<day>{_ORDINAL_WORD}),?"
    rf"\s+(?:in\s+the\s+year\s+)?(?P<year>\d{{4}}|{_YEAR_WORDS})(?![A-Za-z0-9])",
    re.IGNORECASE,
)
# a date in words: "the twentieth of February, 2025", "twenty-fourth of June, two thousand
# twenty-five" (a weekday before it is left to the reader of the line)
_WORDS_DATE = re.compile(
    rf"(?<![A-Za-z])(?:the\s+)?(?P<day>{_ORDINAL})\s+(?:day\s+)?of\s+(?P<month>{_MONTH})\.?,?"
    rf"\s+(?:in\s+the\s+year\s+)?(?P<year>\d{{4}}|{_YEAR_WORDS})(?![A-Za-z0-9])",
    re.IGNORECASE,
)


def _ordinal(word: str) -> int | None:
    w = word.lower().replace(" ", "-")
    if w[:1].isdigit():
        return int(re.sub(r"\D", "", w))
    if w in _ORDINALS:
        return _ORDINALS[w]
    tens, _, unit = w.partition("-")
    base = {"twenty": 20, "thirty": 30}.get(tens)
    return base + _ORDINALS[unit] if base is not None and unit in _ORDINALS else None


_SMALL = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS_WORDS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50}


def _number_words(words: list[str]) -> int | None:
    """1-59 in words ("twenty-five", "nine")."""
    if len(words) == 1:
        return _SMALL.get(words[0], _TENS_WORDS.get(words[0]))
    if len(words) == 2 and words[0] in _TENS_WORDS and words[1] in _SMALL and _SMALL[words[1]] < 10:
        return _TENS_WORDS[words[0]] + _SMALL[words[1]]
    return None


def _year(words: str) -> int | None:
    """ "2025", "two thousand twenty-five", "twenty twenty-five"."""
    if words.isdigit():
        return int(words)
    parts = [p for p in re.split(r"[- ]+", words.lower()) if p and p != "and"]
    if parts[:2] == ["two", "thousand"]:
        rest = _number_words(parts[2:])
        return 2000 + rest if rest is not None else None
    if parts[:1] == ["twenty"] and len(parts) > 1:
        rest = _number_words(parts[1:])
        return 2000 + rest if rest is not None and rest >= 10 else None
    return None


def _words_date(m: re.Match[str]) -> dt.date | None:
    day, year = _ordinal(m.group("day")), _year(m.group("year"))
    month = parse_date(f"{m.group('month')} 1 2000")
    if day is None or year is None or month is None:
        return None
    try:
        return dt.date(year, month.month, day)
    except ValueError:
        return None


# an HL7 / ISO 8601 basic timestamp: "20251013", "20251013090000-0600", "202510130900"
_TIMESTAMP = re.compile(
    r"(?<![\d/.-])(?P<date>(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))"
    r"(?:(?:[01]\d|2[0-3])[0-5]\d(?:[0-5]\d(?:\.\d+)?)?)?(?:[+-][01]\d[0-5]\d)?(?![\d/])"
)


def may_start_date(text: str, pos: int, end: int) -> bool:
    """Whether a date written as :func:`find_dates` reads them may begin at ``pos`` (before
    ``end``); when not, no date of ``find_dates(text, start, end)`` begins there."""
    return _DATE.match(text, pos, end) is not None


# two or more weekdays in a row ("Mon/Wed/Fri", "Mondays, Wednesdays and Fridays"): a
# recurring schedule ("groups meet Mon/Wed/Fri, 5.30-8.40 pm"), not a day's service
_DAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday|rsday)?s?\.?"
WEEKDAY_RUN = re.compile(
    rf"(?i)(?<![A-Za-z]){_DAY}(?:[ \t]*[/,&+][ \t]*|[ \t]+(?:and|&)[ \t]+|-){_DAY}(?![A-Za-z])"
)


def first_date(text: str, start: int = 0, end: int | None = None) -> DateSpan | None:
    return next(find_dates(text, start, end), None)


_PARTIAL = re.compile(
    rf"(?<![\d/.-])(?:(?P<m>\d{{1,2}})/(?P<d>\d{{1,2}})|(?P<mon>{_MONTH})\.?\s+(?P<md>\d{{1,2}})"
    rf"(?:st|nd|rd|th)?|(?P<dm>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon2>{_MONTH})\b\.?)"
    rf"(?![\d/]|,?\s+\d{{4}})"
)
_MONTHS = {
    m: i
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}


def find_partial_dates(
    text: str, start: int, end: int, near: dt.date, weekday: int | None = None
) -> Iterator[DateSpan]:
    """Dates written without a year ("10/7", "Oct 7", "7th October") in
    ``text[start:end]``, in the year that puts them nearest to ``near`` (a full date of the
    same document). Only for places that hold a date (a date column, a weekday-led cell):
    "4/5" is a fraction in prose. With ``weekday`` (Monday 0), only a year in which the date
    falls on that weekday (a "Wed 17th September" that is no Wednesday near ``near`` is no
    date)."""
    day_first: bool | None = None
    for m in _PARTIAL.finditer(text, start, end):
        if m.group("m") is not None:
            if day_first is None:
                day_first = date_order(text)
            a, b = int(m.group("m")), int(m.group("d"))
            month, day = (b, a) if day_first else (a, b)
        elif m.group("mon") is not None:
            month, day = _MONTHS[m.group("mon")[:3].lower()], int(m.group("md"))
        else:
            month, day = _MONTHS[m.group("mon2")[:3].lower()], int(m.group("dm"))
        best: dt.date | None = None
        for year in (near.year - 1, near.year, near.year + 1):
            try:
                d = dt.date(year, month, day)
            except ValueError:
                continue
            if weekday is not None and d.weekday() != weekday:
                continue
            if best is None or abs((d - near).days) < abs((best - near).days):
                best = d
        if best is not None:
            yield DateSpan(m.start(), m.end(), best)
