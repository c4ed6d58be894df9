"""Headed sections of a document ("GOALS", "## Treatment Goals", "Diagnoses:") with offsets."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from core.data import Document
from core.textcache import text_cache
from extract.layout import known_labels, layout_of, page_lines
from extract.layout.fields import line_fields
from extract.layout.lines import split_lines
from extract.layout.sentences import split_sentences
from extract.layout.structure import HeadingKind, find_headings


@dataclass(frozen=True, slots=True)
class Section:
    """A heading and its body: ``text[body_start:body_end]`` up to the next heading."""

    heading: str
    heading_start: int
    body_start: int
    body_end: int


# The layout's headings that head sections here: not a Title-Case line (a goal or an item
# written in title case would cut its list short).
_SECTION_KINDS = frozenset(HeadingKind) - {HeadingKind.TITLE}


def headings(text: str) -> tuple[tuple[int, int, str], ...]:
    """:func:`_headings`, kept with the page while its chart is read, else cached."""
    hit = page_lines(text)
    if hit is None:
        return _parsed_headings(text)
    found = hit.memo.get("headings")
    if found is None:
        found = hit.memo["headings"] = _headings(text)
    return found  # type: ignore[return-value]


@text_cache(maxsize=64)
def _parsed_headings(text: str) -> tuple[tuple[int, int, str], ...]:
    return _headings(text)


def _headings(text: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, heading text) of each heading line, as the layout layer reads headings
    (:mod:`extract.layout.structure`: Markdown, rule-decorated, numbered, underlined, caps,
    bold, and a label without a value)."""
    hit = page_lines(text)
    if hit is not None:  # its document's layout: the page is not parsed again
        lay, base = hit.layout, hit.base
        found = [
            (
                lay.lines[h.line].start - base,
                lay.lines[h.line].end - base,
                h.start - base,
                h.end - base,
            )
            for h in lay.headings[hit.first : hit.last + 1]
            if h is not None and h.kind in _SECTION_KINDS
        ]
    else:
        lines = split_lines(text)
        known = known_labels()
        fields = [line_fields(text, line, known) for line in lines]
        found = [
            (lines[h.line].start, lines[h.line].end, h.start, h.end)
            for h in find_headings(text, lines, fields)
            if h is not None and h.kind in _SECTION_KINDS
        ]
    out = []
    for start, end, ts, te in found:
        if start < 0 or end > len(text):
            continue
        title = text[ts:te].strip(" \t*_#").rstrip(":").strip()
        if title:
            out.append((start, end, title))
    return tuple(out)


def sections(text: str) -> Iterator[Section]:
    hs = headings(text)
    for i, (start, end, title) in enumerate(hs):
        body_end = hs[i + 1][0] if i + 1 < len(hs) else len(text)
        yield Section(title, start, min(end + 1, body_end), body_end)


def find_sections(text: str, pattern: re.Pattern[str]) -> list[Section]:
    """Sections whose heading matches ``pattern`` (searched, case as the pattern says)."""
    return [s for s in sections(text) if pattern.search(s.heading)]


def sentences(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """Sentences of ``text[start:end]``, each line on its own, split as the layout layer
    splits sentences (:func:`extract.layout.sentences.split_sentences`)."""
    stop = len(text) if end is None else end
    pos = start
    while pos <= stop:
        nl = text.find("\n", pos, stop)
        line_end = stop if nl == -1 else nl
        yield from split_sentences(text, pos, line_end)
        if nl == -1:
            break
        pos = nl + 1


# blanks between two columns of a line (a question and its answer in a report): lines laid
# out in columns are rows, never one sentence wrapped over them
_COLUMN_GAP = re.compile(r"\S[ \t]{4,}\S|\S\t\S")


def page_sentences(document: Document, number: int) -> list[tuple[int, int]]:
    """Sentences of page ``number`` of ``document`` (page offsets, in order): each line's
    own (:func:`sentences`: labels, table rows and headings included), and the layout
    layer's sentences that run over several lines (a phrase wrapped across a line break,
    "she still" / "spends several hours a day worrying"; not lines laid out in columns),
    each after the line sentence it starts in."""
    page = document.page(number)
    text = page.text
    out = list(sentences(text))
    lay = layout_of(document)
    try:
        base = lay.doc.bases[lay.doc.numbers.index(number)]
    except ValueError:
        return out
    if not text.strip():
        return out
    first, last = lay.lines_of(base, base + len(text))
    for s, e in lay.sentences(first, last):
        s, e = s - base, e - base
        if 0 <= s < e <= len(text) and "\n" in text[s:e] and not _COLUMN_GAP.search(text, s, e):
            out.append((s, e))
    return sorted(set(out), key=lambda span: (span[0], span[1]))
