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
from functools import cache

from extract.deterministic.lexicon import lexicon

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


@cache
def _label_regex(labels: tuple[str, ...]) -> re.Pattern[str]:
    alts = "|".join(re.escape(x) for x in sorted(labels, key=len, reverse=True))
    # label at line start, or after 2+ blanks, a tab or a pipe (so "Admit Date:" is not
    # the label "Date"); optional bold; a colon (or " - ") after it.
    return re.compile(
        rf"(?m)(?:^[ \t]*|(?<=[ \t]{{2}})|(?<=\t)|(?<=[|;(])|(?<=[|;]\s))"
        rf"(?:[-*•]\s+)?(?P<b1>\*\*)?(?P<label>{alts})(?:\*\*)?"
        rf"\s*(?::|\s-\s)(?:\*\*)?[ \t]*"
    )


@cache
def _table_regex(labels: tuple[str, ...]) -> re.Pattern[str]:
    alts = "|".join(re.escape(x) for x in sorted(labels, key=len, reverse=True))
    # a Markdown / pipe table row "| Plan date | 03/05/2025 |"
    return re.compile(rf"(?m)^[ \t]*\|[ \t]*(?:\*\*)?(?P<label>{alts})(?:\*\*)?[ \t]*\|[ \t]*")


@cache
def _variants(labels: tuple[str, ...]) -> tuple[str, ...]:
    """Each label as written, in upper case and in sentence case."""
    forms = [
        *labels,
        *(x.upper() for x in labels),
        *(x[:1].upper() + x[1:].lower() for x in labels),
    ]
    return tuple(dict.fromkeys(forms))


def find_fields(text: str, labels: Sequence[str]) -> Iterator[Field]:
    """Every occurrence of a field with one of ``labels`` (case-sensitive as written, and
    also upper-case) in ``text``, as "Label: value" or as a two-cell table row
    "| Label | value |". Empty values are skipped."""
    variants = _variants(tuple(labels))
    for m in _table_regex(variants).finditer(text):
        start = m.end()
        cell_end = text.find("|", start)
        line_end = text.find("\n", start)
        line_end = len(text) if line_end == -1 else line_end
        end = cell_end if -1 < cell_end < line_end else line_end
        while end > start and text[end - 1] in " \t*":
            end -= 1
        if end > start:
            yield Field(m.group("label"), m.start("label"), start, end, text[start:end])
    for m in _label_regex(variants).finditer(text):
        start = m.end()
        line_end = text.find("\n", start)
        if line_end == -1:
            line_end = len(text)
        nxt = _NEXT_LABEL.search(text, start, line_end)
        end = nxt.start() if nxt else line_end
        while end > start and text[end - 1] in " \t*":
            end -= 1
        if end > start:
            yield Field(m.group("label"), m.start(), start, end, text[start:end])


def field(text: str, name: str) -> Iterator[Field]:
    """Fields for a lexicon label group, e.g. ``field(text, "date_of_service")``."""
    return find_fields(text, getattr(lexicon().labels, name))


def first_field(text: str, name: str) -> Field | None:
    return next(field(text, name), None)


def line_bounds(text: str, pos: int) -> tuple[int, int]:
    """Start and end (exclusive, before the newline) of the line containing ``pos``."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end == -1 else end


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``start:end`` to exclude surrounding whitespace and Markdown emphasis."""
    while start < end and text[start] in " \t\r\n*_":
        start += 1
    while end > start and text[end - 1] in " \t\r\n*_":
        end -= 1
    return start, end
