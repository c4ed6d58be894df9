"""Headings, repeated lines and the sections of a document.

A line is a heading when it is a Markdown heading (``## Goals``), a bold-only line
(``**GROUP NOTE**``), a line decorated with rules (``=== Note 3 ===``), a title underlined
by a rule on the next line, an ALL-CAPS line, a numbered record heading (``Note 3 of 12``,
``SESSION #4``, ``Entry 2``), or a label with no value (``Goals:``). A short capitalized line
with no closing punctuation that stands alone above its content is a *title* (a weaker
heading: ``Individual Therapy Progress Note``).

A line is *repeated* when the same words (digits aside) occur on two or more lines: page
headers and footers, a title every note of a print-out repeats, a table header on every
page. Readers use that to find furniture and record starts.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum

from extract.layout.fields import Field
from extract.layout.lines import Line, LineKind, Splitter

_MD = re.compile(r"(#{1,6})[ \t]+(?P<t>.+?)[ \t#]*$")
_BOLD = re.compile(r"(?:\*\*|__)(?P<t>[^*_\n]{2,100})(?:\*\*|__)[ \t]*:?[ \t]*$")
_DECORATED = re.compile(
    r"(?:[-=_*~#+<>\[\]][ \t]*){2,}(?P<t>[A-Za-z0-9][^\n]*?)(?:[ \t]*[-=_*~#+<>\[\]]){2,}[ \t]*$"
)
_NUMBERED = re.compile(
    r"(?:[A-Za-z][A-Za-z/\- ]{1,30}[ \t]+)?(?:note|session|entry|encounter|visit|group|"
    r"service|record|day|contact)[ \t]*(?:#|no\.?|number)?[ \t]*\d{1,4}(?![:.]\d)"
    r"(?:[ \t]*(?:of|/)[ \t]*\d{1,4})?\b",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+")
_SENTENCE_END = ".!?,;"


class HeadingKind(IntEnum):
    """Stronger headings have lower values."""

    MARKDOWN = 1
    DECORATED = 2
    NUMBERED = 3
    UNDERLINED = 4
    CAPS = 5
    BOLD = 6
    LABEL = 7
    TITLE = 8


@dataclass(frozen=True, slots=True)
class Heading:
    line: int
    kind: HeadingKind
    start: int  # the heading's words: text[start:end]
    end: int
    level: int  # Markdown level, else 1 for rule-decorated / numbered, 2 caps/bold, 3 label/title


def _caps(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    return len(letters) >= 3 and sum(1 for c in letters if c.isupper()) >= 0.8 * len(letters)


def _heading(text: str, lines: Sequence[Line], i: int, fields: Sequence[Field]) -> Heading | None:
    line = lines[i]
    if not line.is_text:
        return None
    s, e = line.cstart, line.cend
    if e - s > 120:
        return None
    if m := _MD.match(text, s, e):
        return Heading(i, HeadingKind.MARKDOWN, m.start("t"), m.end("t"), len(m.group(1)))
    if m := _BOLD.fullmatch(text, s, e):
        return Heading(i, HeadingKind.BOLD, m.start("t"), m.end("t"), 2)
    if m := _DECORATED.fullmatch(text, s, e):
        return Heading(i, HeadingKind.DECORATED, m.start("t"), m.end("t"), 1)
    if line.splitter in (Splitter.PIPE, Splitter.TAB):
        return None
    if m := _NUMBERED.fullmatch(text, s, e):
        return Heading(i, HeadingKind.NUMBERED, s, e, 1)
    if m := _NUMBERED.match(text, s, e):
        rest = text[m.end() : e].lstrip(" \t")
        if (not rest or rest[0] in ":-–—|(") and not (fields and fields[0].key.startswith("time")):
            return Heading(i, HeadingKind.NUMBERED, s, e, 1)  # "SESSION 2 - Psychoeducation: ..."
    if fields:
        f = fields[0]
        if len(fields) == 1 and f.empty and f.label_start <= s + 4:
            return Heading(i, HeadingKind.LABEL, f.label_start, f.end or e, 3)
        if line.cells and f.label_start > line.cells[0].end:
            # "TRAUMA PROCESS GROUP  3:30-5:00 PM   Facilitator: ...": a capitalized
            # first cell before the line's fields heads what follows
            c = line.cells[0]
            if _caps(text[c.start : c.end]) and len(text[c.start : c.end].split()) <= 12:
                return Heading(i, HeadingKind.CAPS, c.start, c.end, 2)
        return None
    words = text[s:e]
    aside = _ASIDE.search(words)
    if aside is not None and aside.start() > 0:
        # "... CASE MANAGEMENT NOTE (billed separately, T1017)": the title before its aside
        words = words[: aside.start()]
    nxt = lines[i + 1] if i + 1 < len(lines) else None
    short = len(words.split()) <= 12 and words[-1] not in _SENTENCE_END
    # a line of three or more wide-spaced cells over a rule is a record between separators
    # ("03/05/2025   0900-1200   IOP GROUP   ABSENT" / "======"), not an underlined title
    cells = line.splitter is Splitter.SPACE and len(line.cells) >= 3
    if nxt is not None and nxt.kind is LineKind.RULE and short and not cells:
        return Heading(i, HeadingKind.UNDERLINED, s, e, 1)
    if m := _BOLD.match(text, s, e):
        return Heading(i, HeadingKind.BOLD, m.start("t"), m.end("t"), 2)
    if short and _caps(words) and line.splitter is Splitter.NONE:
        return Heading(i, HeadingKind.CAPS, s, e, 2)
    if (
        line.splitter is Splitter.SPACE
        and len(line.cells) >= 2
        and not any(ch.isdigit() for ch in text[s:e])
    ):
        # "GROUP SIGN-IN SHEET    Lakeshore Mental Health": a capitalized first cell heads
        # what follows, as before a line's fields (a title: no number, time or date in it)
        c = line.cells[0]
        if _caps(text[c.start : c.end]) and len(text[c.start : c.end].split()) <= 12:
            return Heading(i, HeadingKind.CAPS, c.start, c.end, 2)
    if (
        short
        and len(words.split()) <= 8
        and (words[0].isupper() or words[0].isdigit())
        and line.splitter is Splitter.NONE
        and _title_case(words)
        and not (nxt is not None and nxt.is_text and text[nxt.cstart].islower())
    ):
        return Heading(i, HeadingKind.TITLE, s, e, 3)
    return None


_ASIDE = re.compile(r"[ \t]*\([^()]*\)[ \t]*$")
_SMALL_WORDS = frozenset(
    {"a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with", "-"}
)


def _title_case(words: str) -> bool:
    """Most words capitalized ("Individual Therapy Progress Note"), not a sentence that a
    PDF wrapped ("Group reviewed the chain analysis")."""
    ws = [w for w in words.split() if w.lower() not in _SMALL_WORDS]
    if not ws:
        return False
    capital = sum(1 for w in ws if w[0].isupper() or w[0].isdigit() or not w[0].isalpha())
    return capital * 3 >= len(ws) * 2


def find_headings(
    text: str, lines: Sequence[Line], fields_by_line: Sequence[Sequence[Field]]
) -> tuple[Heading | None, ...]:
    """The heading of each line (``None`` for a line that is none)."""
    return tuple(_heading(text, lines, i, fields_by_line[i]) for i in range(len(lines)))


def repeated_lines(text: str, lines: Sequence[Line]) -> tuple[int, ...]:
    """How many lines have the same words as each line (digits aside; 1: unique)."""
    keys: list[str | None] = []
    for line in lines:
        if not line.is_text or line.cend - line.cstart > 160:
            keys.append(None)
            continue
        keys.append(_DIGITS.sub("#", " ".join(text[line.cstart : line.cend].lower().split())))
    counts = Counter(k for k in keys if k is not None)
    return tuple(counts[k] if k is not None else 0 for k in keys)
