"""Entries of a log: the date a line opens an entry with, and the entry a position of a
document is in. Shared by every extractor that dates a statement by the note or log entry
it is written in (risk assessments, participation)."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass

from extract.deterministic.common import DocInput
from extract.deterministic.fields import field
from extract.values.dates import first_date

_ENTRY_MARKUP = " \t|#*_-•>[]=~"
_DIGIT = re.compile(r"\d")
# what may come before the date opening an entry ("Week 2 (10/13/2025)", "Session 3 -",
# "Wk 2 (week of 01/19/2026)", "Addendum 02/03/2026")
_ENTRY_PREFIX = re.compile(
    r"(?:week|wk|session|entry|screen(?:ing)?|assessment|check-?in|day|addendum|update)"
    r"(?:[ \t]*(?:#?[ \t]*\d{1,2}|of))?[ \t]*[:(,–—-]?"
    r"(?:[ \t]*(?:week|wk)[ \t]+(?:of|beginning|starting|ending))?",
    re.IGNORECASE,
)


def entry_date(text: str) -> dt.date | None:
    """The date a line opens an entry of a log with: a date field ("Date: 10/06/2025",
    "Date of service: 10/06/2025",
    "Member: J. Reyes    Date of Assessment: 10/06/2025") or a date leading the line
    ("10/06/2025 - C-SSRS ...", "### 10/06/2025", "Week 2 (10/13/2025): ...") or in a row
    of a table ("| C-SSRS | 10/06/2025 | negative |")."""
    d = first_date(text)
    if d is None:
        return None  # no date on the line: no entry opens here (the cheap test first)
    before = text[: d.start].strip(_ENTRY_MARKUP)
    if not before or _ENTRY_PREFIX.fullmatch(before) or text.lstrip().startswith("|"):
        return d.date  # leading the line, after "Week 2:", or in a row of a table
    if ":" not in text:
        return None
    for name in ("document_date", "date_of_service"):
        for f in field(text, name):
            fd = first_date(text, f.start, f.end)
            if fd is not None:
                return fd.date
    return None


@dataclass(frozen=True, slots=True)
class Entries:
    """Where the entries of a document open, in document order: ``keys`` are (page
    number, offset of the opening line), ``dates`` their dates."""

    keys: tuple[tuple[int, int], ...]
    dates: tuple[dt.date, ...]

    def date_at(self, page: int, pos: int) -> dt.date | None:
        """The date of the entry ``pos`` on ``page`` is in, if one opened above it."""
        i = bisect.bisect_right(self.keys, (page, pos)) - 1
        return self.dates[i] if i >= 0 else None


def entries(doc: DocInput) -> Entries:
    """The entries of ``doc``: every line that opens one with a date."""
    keys: list[tuple[int, int]] = []
    dates: list[dt.date] = []
    for page in doc.pages():
        pos = 0
        for raw in page.text.split("\n"):
            d = entry_date(raw) if _DIGIT.search(raw) else None
            if d is not None:
                keys.append((page.number, pos))
                dates.append(d)
            pos += len(raw) + 1
    return Entries(tuple(keys), tuple(dates))
