"""Dates in chart text with exact offsets, parsed by python-dateutil.

The regexes only find candidate spans (US conventions: month before day); dateutil does
the parsing, so "March 4, 2025", "Mar. 4 2025", "03/04/2025", "3/4/25", "3-4-25",
"2025-03-04", "2025/03/04" and "04-Mar-2025" all give 2025-03-04 (a two-digit year is read
within 50 years of today, per dateutil). A candidate dateutil rejects (e.g. "13/45/2025")
is not a date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from dateutil import parser as date_parser

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_DATE = re.compile(
    r"(?<![\d/.-])(?:"
    r"\d{4}-\d{1,2}-\d{1,2}"  # 2025-03-04
    r"|\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})"  # 03/04/2025, 3/4/25
    r"|\d{1,2}-\d{1,2}-(?:\d{4}|\d{2})"  # 03-04-2025, 3-4-25
    r"|\d{1,2}\.\d{1,2}\.\d{4}"  # 03.04.2025
    r"|\d{4}/\d{1,2}/\d{1,2}"  # 2025/03/04
    rf"|\d{{1,2}}-{_MONTH}-(?:\d{{4}}|\d{{2}})"  # 04-Mar-2025, 4-Mar-25
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


@lru_cache(maxsize=4096)
def parse_date(s: str) -> dt.date | None:
    """Parse one date string (US month-first), or ``None``."""
    try:
        value = date_parser.parse(s, dayfirst=False, default=_PARSE_DEFAULT)
    except (ValueError, OverflowError):
        return None
    if not 1900 <= value.year <= 2100:
        return None
    return value.date()


def find_dates(text: str, start: int = 0, end: int | None = None) -> Iterator[DateSpan]:
    """Every date in ``text[start:end]``, with offsets into ``text``."""
    for m in _DATE.finditer(text, start, len(text) if end is None else end):
        d = parse_date(m.group(0))
        if d is not None:
            yield DateSpan(m.start(), m.end(), d)


def may_start_date(text: str, pos: int, end: int) -> bool:
    """Whether a date written as :func:`find_dates` reads them may begin at ``pos`` (before
    ``end``); when not, no date of ``find_dates(text, start, end)`` begins there."""
    return _DATE.match(text, pos, end) is not None


def first_date(text: str, start: int = 0, end: int | None = None) -> DateSpan | None:
    return next(find_dates(text, start, end), None)


_PARTIAL = re.compile(
    rf"(?<![\d/.-])(?:(?P<m>\d{{1,2}})/(?P<d>\d{{1,2}})|(?P<mon>{_MONTH})\.?\s+(?P<md>\d{{1,2}})"
    rf"(?:st|nd|rd|th)?)(?![\d/]|,?\s+\d{{4}})"
)
_MONTHS = {
    m: i
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}


def find_partial_dates(text: str, start: int, end: int, near: dt.date) -> Iterator[DateSpan]:
    """Dates written without a year ("10/7", "Oct 7") in ``text[start:end]``, in the year
    that puts them nearest to ``near`` (a full date of the same document). Only for places
    that hold a date (a date column, a weekday-led cell): "4/5" is a fraction in prose."""
    for m in _PARTIAL.finditer(text, start, end):
        if m.group("m") is not None:
            month, day = int(m.group("m")), int(m.group("d"))
        else:
            month, day = _MONTHS[m.group("mon")[:3].lower()], int(m.group("md"))
        best: dt.date | None = None
        for year in (near.year - 1, near.year, near.year + 1):
            try:
                d = dt.date(year, month, day)
            except ValueError:
                continue
            if best is None or abs((d - near).days) < abs((best - near).days):
                best = d
        if best is not None:
            yield DateSpan(m.start(), m.end(), best)
