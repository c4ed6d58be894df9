"""Labeled fields ("DOS: 03/04/2025", "**Facilitator:** J. Roe (LPC)") with exact offsets.

EHR exports put several fields on one line ("DOS: 3/4/25   Time: 0900-1200   Staff: ...")
or one per line, with or without Markdown bold. A field's value runs to the end of the line
or to the next label on the same line (two or more spaces, a tab, or " | " before a
``Word:``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from extract.vocab.lexicon import lexicon

# Where a value ends: a tab, 2+ spaces, or " | " / " ; " followed by something label-like.
_NEXT_LABEL = re.compile(
    r"(?:\t|\s{2,}|\s[|;]\s*)(?=(?:\*\*)?[A-Z#][A-Za-z0-9/#().'&\- ]{0,40}(?:\*\*)?\s*:)"
)


@dataclass(frozen=True, slots=True)
class Field:
    """A labeled value: ``text[start:end] == value``; ``label_start`` begins the label."""

    label: str
    label_start: int
    start: int
    end: int
    value: str


# Any label: at line start, or after 2+ blanks, a tab or a pipe (so "Admit Date:" is the
# label "Admit Date", never "Date"); optional bullet and bold; single spaces inside (so a
# name followed by "   Date:" is not one long label); then a colon or " - ".
_ANY_LABEL = re.compile(
    r"(?m)(?:^[ \t]*|(?<=[\t|;(])|(?<=[ \t]{2}|[|;]\s))"
    r"(?:[-*•]\s+)?(?:\*\*)?"
    r"(?P<label>[A-Za-z#](?:[A-Za-z0-9/#().'&,\-]| (?! )){0,60}?)"
    r"(?:\*\*)?[ \t]*(?::|[ \t]-[ \t])(?:\*\*)?[ \t]*"
)
# A two-cell table row "| Plan date | 03/05/2025 |".
_TABLE_ROW = re.compile(r"(?m)^[ \t]*\|[ \t]*(?:\*\*)?(?P<label>[^|\n*]+?)(?:\*\*)?[ \t]*\|[ \t]*")


@cache
def _variants(labels: tuple[str, ...]) -> frozenset[str]:
    """Each label as written, in upper case and in sentence case."""
    forms = [
        *labels,
        *(x.upper() for x in labels),
        *(x[:1].upper() + x[1:].lower() for x in labels),
    ]
    return frozenset(forms)


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in " \t*":
        end -= 1
    return end


@lru_cache(maxsize=64)
def _index(text: str) -> tuple[tuple[Field, ...], tuple[Field, ...]]:
    """Every table-row field and every "Label: value" field of ``text``, found in one pass
    each (the extractor asks a page for many label groups)."""
    rows: list[Field] = []
    for m in _TABLE_ROW.finditer(text):
        start = m.end()
        cell_end = text.find("|", start)
        line_end = text.find("\n", start)
        line_end = len(text) if line_end == -1 else line_end
        end = _trim_end(text, start, cell_end if -1 < cell_end < line_end else line_end)
        if end > start:
            rows.append(Field(m.group("label"), m.start("label"), start, end, text[start:end]))
    labeled: list[Field] = []
    for m in _ANY_LABEL.finditer(text):
        start = m.end()
        line_end = text.find("\n", start)
        if line_end == -1:
            line_end = len(text)
        nxt = _NEXT_LABEL.search(text, start, line_end)
        end = _trim_end(text, start, nxt.start() if nxt else line_end)
        if end > start:
            labeled.append(Field(m.group("label"), m.start(), start, end, text[start:end]))
    return tuple(rows), tuple(labeled)


def find_fields(text: str, labels: Sequence[str]) -> Iterator[Field]:
    """Every occurrence of a field with one of ``labels`` (as written, in upper case or in
    sentence case) in ``text``, as a two-cell table row "| Label | value |" and then as
    "Label: value", each in text order. Empty values are skipped."""
    wanted = _variants(tuple(labels))
    rows, labeled = _index(text)
    for f in rows:
        if f.label in wanted:
            yield f
    for f in labeled:
        if f.label in wanted:
            yield f


def field(text: str, name: str) -> Iterator[Field]:
    """Fields for a lexicon label group, e.g. ``field(text, "date_of_service")``."""
    return find_fields(text, getattr(lexicon().labels, name))


def first_field(text: str, name: str) -> Field | None:
    return next(field(text, name), None)


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``start:end`` to exclude surrounding whitespace and Markdown emphasis."""
    while start < end and text[start] in " \t\r\n*_":
        start += 1
    while end > start and text[end - 1] in " \t\r\n*_":
        end -= 1
    return start, end
