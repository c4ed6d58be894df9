"""Labeled fields ("DOS: 03/04/2025", "**Facilitator:** J. Roe (LPC)") with exact offsets,
for the document-fact extractors that look fields up by label group.

The fields are the layout layer's (:mod:`extract.layout.fields`: several per line, cells,
bold labels, inner labels), so every extractor reads one field grammar; this module only
looks them up by label, in any case.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from core.textcache import text_cache
from extract.layout import known_labels, page_lines
from extract.layout.fields import Field as LayoutField
from extract.layout.fields import label_key, line_fields
from extract.layout.lines import Line, Span, Splitter, split_lines
from extract.vocab.lexicon import lexicon


@dataclass(frozen=True, slots=True)
class Field:
    """A labeled value: ``text[start:end] == value``; ``label_start`` begins the label."""

    label: str
    label_start: int
    start: int
    end: int
    value: str


# "Session Date - 2025-03-04": a known label, then " - " and the value
_DASH_LABEL = re.compile(
    r"(?:[-*•][ \t]+)?(?:\*\*)?(?P<label>[A-Za-z][A-Za-z /#()'.]{0,40}?)(?:\*\*)?[ \t]+[-–—][ \t]+"
)


@cache
def _keys(labels: tuple[str, ...]) -> frozenset[str]:
    """The labels' normalized keys (case, blanks and emphasis do not matter)."""
    return frozenset(label_key(x) for x in labels)


def _lines_and_fields(
    text: str, known: frozenset[str]
) -> Iterator[tuple[str, int, Line, Sequence[LayoutField]]]:
    """The lines of ``text`` (a page) and their fields: from its document's layout when it
    was laid out (one parse; offsets there are ``base`` more than the page's), else parsed
    here (``base`` 0). Yields (the text the offsets are in, base, line, fields)."""
    hit = page_lines(text)
    if hit is None:
        for line in split_lines(text):
            yield text, 0, line, line_fields(text, line, known)
        return
    lay, base = hit.layout, hit.base
    full = lay.text
    for i in range(hit.first, hit.last + 1):
        line = lay.lines[i]
        if line.start < base or line.end > base + len(text):
            continue
        if lay.in_table(i) and line.splitter is not Splitter.NONE:
            fields: Sequence[LayoutField] = line_fields(full, line, known)  # cells there
        else:
            fields = lay.fields_by_line[i]
        yield full, base, line, fields


Index = tuple[tuple[Field, ...], tuple[Field, ...]]


def _index(text: str) -> Index:
    """:func:`_build_index`, kept with the page while its chart is read, else cached."""
    hit = page_lines(text)
    if hit is None:
        return _parsed_index(text)
    found = hit.memo.get("fields")
    if found is None:
        found = hit.memo["fields"] = _build_index(text)
    return found  # type: ignore[return-value]


@text_cache(maxsize=64)
def _parsed_index(text: str) -> Index:
    return _build_index(text)


def _build_index(text: str) -> Index:
    """Every field of ``text`` as the layout layer reads it (one grammar for the whole
    extractor: :mod:`extract.layout.fields`), split into two-cell table rows ("| Plan date
    | 03/05/2025 |", any first cell) and "Label: value" fields; empty values are left out."""
    known = known_labels()
    rows: list[Field] = []
    labeled: list[Field] = []
    for full, base, line, line_found in _lines_and_fields(text, known):
        found = [f for f in line_found if not f.empty]
        if len(line.cells) == 2 and line.splitter is Splitter.PIPE:
            first, second = line.cells
            label = full[first.start : first.end].strip("*_ \t")
            if label and second.end > second.start and ":" not in label:
                s, e = second.start - base, second.end - base
                rows.append(Field(label, first.start - base, s, e, text[s:e]))
        starts = {f.label_start for f in line_found}
        for cell in line.cells or (Span(line.cstart, line.cend),):
            if any(cell.start <= x < cell.end for x in starts):
                continue
            # "Session Date - 2025-03-04": a known label, " - ", the value (a cell of its own)
            dash = _DASH_LABEL.match(full, cell.start, cell.end)
            if dash is not None and label_key(dash.group("label")) in known:
                s, e = dash.end(), cell.end
                while e > s and full[e - 1] in " \t*_|":
                    e -= 1
                if e > s:
                    s, e = s - base, e - base
                    labeled.append(Field(dash.group("label"), cell.start - base, s, e, text[s:e]))
        for f in found:
            s, e = f.start - base, f.end - base
            labeled.append(Field(f.label, f.label_start - base, s, e, text[s:e]))
    labeled.sort(key=lambda f: f.label_start)  # text order
    return tuple(rows), tuple(labeled)


def find_fields(text: str, labels: Sequence[str]) -> Iterator[Field]:
    """Every occurrence of a field with one of ``labels`` (in any case) in ``text``, as a
    two-cell table row "| Label | value |" and then as
    "Label: value", each in text order (a data export's key path by its last key:
    "enrollment.admitted_on: 2025-03-24" is an "admitted on" field). Empty values are
    skipped."""
    wanted = _keys(tuple(labels))
    rows, labeled = _index(text)
    for f in rows:
        if label_key(f.label) in wanted:
            yield f
    for f in labeled:
        if label_key(f.label) in wanted or label_key(_last_key(f.label)) in wanted:
            yield f


def _last_key(label: str) -> str:
    """The last key of a data export's key path ("enrollment.admitted_on": "admitted_on"),
    which names the value as a label would; a label without a dot is itself."""
    return label.rsplit(".", 1)[-1] if "." in label.strip(". ") else label


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
