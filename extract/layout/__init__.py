"""The layout layer: each document parsed once into lines, cells, fields, tables,
headings, repeated lines and sentences, in one coordinate space (:class:`DocText`).

Every deterministic reader works on a :class:`Layout`; none re-splits the text on its own.
Build one with :func:`layout_of`, which keeps the last few (a document is read by many
extractors). Linear in the document's size: each line is classified once, and nothing
re-scans a line for each of its positions.
"""

from __future__ import annotations

import bisect
import re
import threading
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from threading import Lock

from core.data import Document, Evidence
from core.textcache import on_clear
from extract.layout.columns import Column, Region, reading_order
from extract.layout.fields import Field, line_fields
from extract.layout.lines import Line, LineKind, Span, Splitter, split_lines
from extract.layout.sentences import split_sentences
from extract.layout.stacked import caption_pairs, column_fields, spaced_captions, stacked_fields
from extract.layout.structure import Heading, HeadingKind, find_headings, repeated_lines
from extract.layout.tables import Row, Table, find_tables
from extract.layout.text import DocText
from extract.vocab.lexicon import label_groups

__all__ = [
    "Column",
    "DocText",
    "Field",
    "Heading",
    "HeadingKind",
    "Layout",
    "Line",
    "LineKind",
    "PageLines",
    "Row",
    "Span",
    "Splitter",
    "Table",
    "layout_of",
    "page_lines",
]


@cache
def known_labels() -> frozenset[str]:
    """Every label spelling of the lexicon, normalized: labels the layout splits fields at
    and recognizes as column names."""
    return frozenset(label_groups())


@dataclass(frozen=True)
class Layout:
    doc: DocText
    lines: tuple[Line, ...]
    fields_by_line: tuple[tuple[Field, ...], ...]
    tables: tuple[Table, ...]
    headings: tuple[Heading | None, ...]
    repeats: tuple[int, ...]
    table_of: tuple[int | None, ...]  # the table index each line belongs to
    _starts: list[int] = field(repr=False, compare=False)
    # text printed in columns side by side (:mod:`extract.layout.columns`): each column's
    # lines, which are slices of the printed lines, in reading order (left column first)
    columns: tuple[Column, ...] = ()
    # with columns, lines are not in the order of their offsets: ``_starts`` is sorted and
    # ``_order[k]`` is the line starting at ``_starts[k]``
    _order: tuple[int, ...] | None = field(default=None, repr=False, compare=False)

    @property
    def text(self) -> str:
        return self.doc.text

    @property
    def document(self) -> Document:
        return self.doc.document

    @property
    def fields(self) -> Iterator[Field]:
        return (f for fs in self.fields_by_line for f in fs)

    def line_at(self, pos: int) -> int:
        """Index of the line holding offset ``pos`` (in columns: the column's segment)."""
        k = max(0, bisect.bisect_right(self._starts, pos) - 1)
        return k if self._order is None else self._order[k]

    def lines_of(self, start: int, end: int) -> tuple[int, int]:
        """The first and last index of the lines holding ``text[start:end]`` (``end >
        start``; a page's text; a page never cuts a column region). Ending in columns: the
        last segment of the region's last column."""
        first, last = self.line_at(start), self.line_at(end - 1)
        columns = self.columns
        k = bisect.bisect_right(columns, last, key=lambda c: c.first) - 1
        if k >= 0 and last <= columns[k].last:
            # the columns of one region follow one another (regions have lines between)
            while k + 1 < len(columns) and columns[k + 1].first == columns[k].last + 1:
                k += 1
            last = columns[k].last
        return first, last

    def evidence(self, start: int, end: int, *, trim: bool = True) -> Evidence | None:
        return self.doc.evidence(start, end, trim=trim)

    def in_table(self, line: int) -> bool:
        return self.table_of[line] is not None

    def paragraphs(self, first: int = 0, last: int | None = None) -> Iterator[tuple[int, int]]:
        """Runs of prose lines (text lines outside tables) between breaks, as (first, last)
        line indexes, within lines ``first``..``last``."""
        stop = len(self.lines) - 1 if last is None else last
        i = first
        while i <= stop:
            if not self._prose(i):
                i += 1
                continue
            j = i
            while (
                j + 1 <= stop
                and self._prose(j + 1)
                and not self._starts_unit(j + 1)
                and self.headings[j] is None  # a heading stands alone
                and self._adjacent(j)
            ):
                j += 1
            yield i, j
            i = j + 1

    def _adjacent(self, j: int) -> bool:
        """Whether line ``j + 1`` follows line ``j`` in the text with nothing but blanks
        between: always, but for lines of columns (the other column's words lie between
        two lines of one column, so a paragraph's span would hold them)."""
        if self._order is None:
            return True
        a, b = self.lines[j], self.lines[j + 1]
        return a.cend <= b.cstart and not self.text[a.cend : b.cstart].strip()

    def _prose(self, i: int) -> bool:
        return self.lines[i].is_text and self.table_of[i] is None

    def _starts_unit(self, i: int) -> bool:
        """A line that begins its own sentence: a field, a heading, a bullet, or a line
        that does not continue the field value above it in lower case or a parenthesis
        (unless the line above stops mid-clause)."""
        line = self.lines[i]
        fields = self.fields_by_line[i]
        if self.headings[i] is not None or (
            # a field that begins the line; a label after words that go on from the line
            # above ("past seven until twenty to nine, 4 in group. Topic: shame") does not
            fields
            and not (self.text[line.cstart].islower() and fields[0].label_start > line.cstart)
        ):
            return True
        if (
            self.text[line.cstart] in "-*•·"
            or (
                self.text[line.cstart : line.cstart + 3].rstrip(".)").isdigit()
                # a four-digit number goes on with the line above ("... from" / "1300 to 1430
                # hrs"): a list's number has at most three
                and not self.text[line.cstart + 3 : line.cstart + 4].isdigit()
            )
        ):
            return True
        if i > 0 and self._runs_on(i - 1):
            return False  # the line above stops mid-clause ("... and missed CBT Group from")
        above = self.fields_by_line[i - 1] if i > 0 else ()
        first = self.text[line.cstart]
        if above and first.isdigit() and self._wrapped_value(above[-1]):
            return False  # "Missed: Process Group (group therapy)" / "9:30 AM-11:00 AM; ..."
        # a value goes on in lower case or with an aside ("(arrived 15 minutes late; ...")
        return bool(above) and not above[-1].empty and not (first.islower() or first == "(")

    def _wrapped_value(self, f: Field) -> bool:
        """A field's value of prose that a soft wrap cut mid-sentence: long, at its line's
        end, and not ending a sentence or a clause."""
        line = self.lines[f.line]
        return (
            f.end - f.start >= _WRAPPED_WIDTH
            and f.end >= line.cend
            and self.text[f.end - 1] not in ".;:!?"
        )

    def _runs_on(self, i: int) -> bool:
        """Line ``i`` is a soft-wrapped line of prose that stops mid-clause: long, and
        ending with a word that needs what follows ("from", "and", "with"); a short
        caption ("Referred to") over its value is no such line."""
        line = self.lines[i]
        return line.cend - line.cstart >= _WRAPPED_WIDTH and (
            _RUNS_ON.search(self.text, line.cstart, line.cend) is not None
        )

    def sentences(self, first: int = 0, last: int | None = None) -> Iterator[tuple[int, int]]:
        """Sentences of the prose in lines ``first``..``last`` (fields' values included:
        "Response: Client was engaged. She shared ..." gives two)."""
        for a, b in self.paragraphs(first, last):
            start = self.lines[a].cstart
            fields = self.fields_by_line[a]
            if fields and not fields[0].empty:
                f = fields[0]
                at = self.text.find(f.label, f.label_start, f.start)
                if (at if at >= 0 else f.label_start) <= start + 4:
                    start = f.start  # the value, not its label; but not words before the
                    # label ("Pt left 345PM for appt. Topic: urges."): a sentence of their own
            yield from split_sentences(self.text, start, self.lines[b].cend)

    def line_text(self, i: int) -> str:
        line = self.lines[i]
        return self.text[line.cstart : line.cend]


def build_layout(document: Document) -> Layout:
    """Parse ``document`` once (see the module docstring)."""
    doc = DocText.of(document)
    text = doc.text
    known = known_labels()
    lines, columns = _in_columns(text, split_lines(text), known)
    fields_by_line = tuple(tuple(line_fields(text, line, known)) for line in lines)
    repeats = repeated_lines(text, lines)
    repeated = frozenset(i for i, n in enumerate(repeats) if n >= 2)
    tables = find_tables(text, lines, known, repeated)
    # captions over their values ("Client In   Client Out" / "1730   1900"): fields
    fields_by_line, tables = stacked_fields(text, lines, fields_by_line, tables, known)
    # a block of labels, one per line, then their values in the same order (flattened forms)
    fields_by_line = column_fields(text, lines, fields_by_line)
    # a box's caption on a line, its value on the next, box after box
    fields_by_line = caption_pairs(text, lines, fields_by_line, known)
    # a row of captions over a row of values, each written with single blanks
    fields_by_line = spaced_captions(text, lines, fields_by_line, tables, known)
    table_of: list[int | None] = [None] * len(lines)
    for t_index, table in enumerate(tables):
        for i in range(table.first_line, table.last_line + 1):
            table_of[i] = t_index
    # a line inside a table holds cells, not fields (the header names the columns)
    fields_by_line = tuple(
        () if table_of[i] is not None and lines[i].splitter is not Splitter.NONE else fs
        for i, fs in enumerate(fields_by_line)
    )
    headings = find_headings(text, lines, fields_by_line)
    headings = tuple(None if table_of[i] is not None else h for i, h in enumerate(headings))
    starts, order = _offset_order(lines, columns)
    return Layout(
        doc=doc,
        lines=lines,
        fields_by_line=fields_by_line,
        tables=tables,
        headings=headings,
        repeats=repeats,
        table_of=tuple(table_of),
        columns=columns,
        _starts=starts,
        _order=order,
    )


def _in_columns(
    text: str, lines: tuple[Line, ...], known: frozenset[str]
) -> tuple[tuple[Line, ...], tuple[Column, ...]]:
    """``lines`` in reading order with their text columns (:mod:`extract.layout.columns`);
    a region that crosses a table with a header row is the table's (the tables of the
    printed lines are found only when some region is)."""
    raw: list[tuple[Table, ...]] = []

    def keep(region: Region) -> bool:
        if not raw:
            repeats = repeated_lines(text, lines)
            repeated = frozenset(i for i, n in enumerate(repeats) if n >= 2)
            raw.append(find_tables(text, lines, known, repeated))
        return not any(
            t.header is not None and t.first_line <= region.last and region.first <= t.last_line
            for t in raw[0]
        )

    return reading_order(text, lines, keep)


def _offset_order(
    lines: Sequence[Line], columns: Sequence[Column]
) -> tuple[list[int], tuple[int, ...] | None]:
    """``_starts`` and ``_order`` for :meth:`Layout.line_at` (``None``: the lines are in
    offset order). In columns they are but for each region's runs of segments, so the sort
    merges a few sorted runs (linear)."""
    if not columns:
        return [line.start for line in lines], None
    order = sorted(range(len(lines)), key=lambda i: (lines[i].start, i))
    return [lines[i].start for i in order], tuple(order)


_CACHE: OrderedDict[tuple[str, int], Layout] = OrderedDict()
_CACHE_SIZE = 8
# a wrapped prose line: at least this many characters, ending with a word that needs more
_WRAPPED_WIDTH = 40
_RUNS_ON = re.compile(
    r"(?<![\w-])(?:from|to|until|and|or|with|by|of|for|at|in|on|the|a|an|between)[ \t]*$",
    re.IGNORECASE,
)
_LOCK = Lock()


def _forget_layouts() -> None:
    with _LOCK:
        _CACHE.clear()


on_clear(_forget_layouts)


def layout_of(document: Document) -> Layout:
    """The layout of ``document`` (the last few are kept: many readers ask for it). While
    a chart is being read (:func:`reading_chart`), its pages are registered for
    :func:`page_lines`."""
    key = (document.document_id, len(document.pages))
    registered = _registered(document)
    if registered is not None:
        return registered
    with _LOCK:
        found = _CACHE.get(key)
        if found is not None and found.document is document:
            _CACHE.move_to_end(key)
            _register(found)
            return found
    built = build_layout(document)
    with _LOCK:
        _CACHE[key] = built
        _CACHE.move_to_end(key)
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    _register(built)
    return built


@dataclass
class PageLines:
    """Where a page's text lies in its document's layout: offset ``base`` and lines
    ``first``..``last``. Readers that are given a page's text use the layout parsed once
    for the document instead of parsing the page again; ``memo`` keeps what they derive
    from it for the rest of the chart."""

    layout: Layout
    base: int
    first: int
    last: int
    memo: dict[str, object] = field(default_factory=dict)


_READING = threading.local()  # this thread's chart: page text -> PageLines


def _registered(document: Document) -> Layout | None:
    pages: dict[str, PageLines] | None = getattr(_READING, "pages", None)
    if not pages:
        return None
    first = next((p.text for p in document.pages if p.has_text_layer and p.text), None)
    hit = pages.get(first) if first is not None else None
    return hit.layout if hit is not None and hit.layout.document is document else None


def chart_layouts() -> tuple[Layout, ...]:
    """The layouts of the documents laid out so far while this thread reads a chart."""
    pages: dict[str, PageLines] | None = getattr(_READING, "pages", None)
    if not pages:
        return ()
    return tuple({id(h.layout): h.layout for h in pages.values()}.values())


def chart_memo() -> dict[str, object] | None:
    """What readers derive from the whole chart being read in this thread (``None`` when
    no chart is being read): kept until the chart is read."""
    memo: dict[str, object] | None = getattr(_READING, "memo", None)
    return memo


def _register(layout: Layout) -> None:
    pages: dict[str, PageLines] | None = getattr(_READING, "pages", None)
    if pages is None:
        return
    document = layout.document
    for i, number in enumerate(layout.doc.numbers):
        text = document.page(number).text
        if not text or text in pages:
            continue
        base = layout.doc.bases[i]
        pages[text] = PageLines(layout, base, *layout.lines_of(base, base + len(text)))


@contextmanager
def reading_chart() -> Iterator[None]:
    """While a chart is read in this thread: the pages of the documents laid out are
    registered for :func:`page_lines`, and forgotten afterwards (no chart text outlives
    the extraction; another thread's chart is never seen)."""
    previous = getattr(_READING, "pages", None), getattr(_READING, "memo", None)
    _READING.pages, _READING.memo = {}, {}
    try:
        yield
    finally:
        _READING.pages, _READING.memo = previous


def page_lines(text: str) -> PageLines | None:
    """The layout lines of a page whose text is ``text``, if its document was laid out
    while this thread reads a chart."""
    pages: dict[str, PageLines] | None = getattr(_READING, "pages", None)
    return None if pages is None else pages.get(text)


def lines_between(lines: Sequence[Line], first: int, last: int) -> Sequence[Line]:
    return lines[first : last + 1]
