"""Split page text into overlapping chunks that keep their offsets, along the layout.

A chunk never spans two pages (evidence offsets are per page). Where a chunk ends is read
from the document's layout (:func:`extract.layout.layout_of`, the parse every reader
uses): in the second half of the window, the latest place where a service record, a note
or a section begins; else where a table row begins (never inside a row that wraps onto
several lines); else a blank line; else a line break. So a service record or a table row
is cut only when it alone is longer than the window. Consecutive chunks overlap by about
``overlap`` characters so a statement cut by one boundary is whole in the next chunk.
Facts found twice in an overlap are de-duplicated after alignment
(:mod:`extract.llm.convert`).

Every chunk but a document's first carries the document's header (the first lines of its
first page: its title, the member, the date of service) as context, so a note cut by a
boundary still has its date: the model may quote a service's date from it (the only
field that may come from outside the chunk). A chunk that begins inside a table also
carries the table's column names (``columns``), so its rows are read by their columns.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from core.data import Document, DocumentKind
from extract.layout import Layout, layout_of
from extract.records import service_records

#: How good a place to end a chunk is (higher is better; a line break is 0).
NOTE_START = 3
RECORD_START = 2
BLANK_LINE = 1


@dataclass(frozen=True)
class Chunk:
    """``text == page_text[offset:offset + len(text)]`` of page ``page`` of the document."""

    document_id: str
    document_kind: DocumentKind
    page: int
    offset: int
    text: str
    #: the document's header (page 1 from offset 0) when this chunk does not hold it
    header: str = ""
    #: the column names of the table this chunk begins inside (context, not quotable)
    columns: str = ""

    @property
    def context(self) -> str:
        """What the model is shown above the chunk: the header, the table's columns."""
        if not self.columns:
            return self.header
        shown = f"Column names of the table the excerpt continues: {self.columns}"
        return f"{self.header.rstrip(chr(10))}\n{shown}" if self.header.strip() else shown


#: A header is the first lines of a document's first page, at most this many of each.
HEADER_LINES = 8
HEADER_CHARS = 600


def document_header(document: Document) -> str:
    """The first lines of ``document``'s first page (its title, member, date)."""
    if not document.pages:
        return ""
    text = document.pages[0].text[:HEADER_CHARS]
    end = 0
    for _ in range(HEADER_LINES):
        nl = text.find("\n", end)
        if nl < 0:
            return text
        end = nl + 1
    return text[:end]


def split_spans(
    text: str, size: int, overlap: int, cuts: Mapping[int, int] | None = None
) -> list[tuple[int, int]]:
    """``(start, end)`` windows covering ``text``: each at most ``size`` characters, each
    after the first starting about ``overlap`` characters before the previous one ended.
    ``cuts``: offsets of line starts and how good a place to end a chunk each is (see the
    module doc); a blank line and a line break are places too, and a place ``cuts`` ranks
    below 0 is none (inside a table row)."""
    if size <= 0 or overlap < 0 or overlap * 2 >= size:
        raise ValueError("need size > 0 and 0 <= overlap < size / 2")
    n = len(text)
    if n <= size:
        return [(0, n)] if text.strip() else []
    ranked = dict(cuts or {})
    spans: list[tuple[int, int]] = []
    start = 0
    while True:
        end = min(start + size, n)
        if end < n:
            end = _best_cut(text, start + size // 2, end, ranked)
        spans.append((start, end))
        if end >= n:
            return spans
        next_start = end - overlap
        line = text.find("\n", next_start, next_start + overlap // 2)
        start = line + 1 if line >= 0 else next_start


def _best_cut(text: str, floor: int, end: int, ranked: Mapping[int, int]) -> int:
    """The latest of the best places to end a chunk in ``text[floor:end]`` (a line start),
    else ``end``."""
    best: tuple[int, int] | None = None
    pos = text.find("\n", floor - 1 if floor > 0 else 0, end)
    while 0 <= pos < end - 1:
        at = pos + 1
        rank = ranked.get(at)
        if rank is None:
            rank = BLANK_LINE if text[at] == "\n" or (pos > 0 and text[pos - 1] == "\n") else 0
        if rank >= 0 and (best is None or rank >= best[0]):
            best = (rank, at)
        pos = text.find("\n", at, end)
    return end if best is None else best[1]


def _cuts(layout: Layout) -> dict[int, dict[int, int]]:
    """For each page, the page offsets of the line starts where a note, section, record or
    table row begins (ranked), and of the lines inside a row that wraps (never a place to
    end): read once for the whole document."""
    doc = layout.doc
    out: dict[int, dict[int, int]] = {}

    def mark(line: int, rank: int) -> None:
        pos = layout.lines[line].start
        page = doc.page_of(pos)
        base = doc.offset(page, 0)
        if base is None:
            return
        marks = out.setdefault(page, {})
        at = pos - base
        marks[at] = max(marks.get(at, -1), rank) if rank >= 0 else rank

    for table in layout.tables:
        for row in table.rows:
            mark(row.lines[0], RECORD_START)
            for inside in row.lines[1:]:
                mark(inside, -1)
    for i, heading in enumerate(layout.headings):
        if heading is not None:
            mark(i, NOTE_START)
    for record in service_records(layout).records:
        top = record.parent or record
        mark(
            top.first,
            NOTE_START if record.parent is not None or record.row is None else RECORD_START,
        )
        if record.parent is not None:
            mark(record.first, RECORD_START)
    return out


def _columns(layout: Layout, page: int, offset: int) -> str:
    """The column names of the table whose rows the page's text at ``offset`` is in, when
    the table's header line is above it."""
    at = layout.doc.offset(page, offset)
    if at is None:
        return ""
    i = layout.line_at(at)
    t = layout.table_of[i]
    if t is None:
        return ""
    table = layout.tables[t]
    if table.header_line is None or table.header_line >= i:
        return ""
    return layout.line_text(table.header_line)


def chunk_document(document: Document, size: int, overlap: int) -> list[Chunk]:
    """The chunks of every page of ``document`` that has a text layer and some text."""
    chunks: list[Chunk] = []
    header = document_header(document)
    layout: Layout | None = None
    cuts_by_page: dict[int, dict[int, int]] = {}
    for page in document.pages:
        if not page.has_text_layer or not page.text.strip():
            continue
        cuts: dict[int, int] = {}
        if len(page.text) > size:
            if layout is None:  # only a document with a page longer than a chunk
                layout = layout_of(document)
                cuts_by_page = _cuts(layout)
            cuts = cuts_by_page.get(page.number, {})
        for start, end in split_spans(page.text, size, overlap, cuts):
            if page.text[start:end].strip():
                holds_header = page.number == document.pages[0].number and start == 0
                columns = _columns(layout, page.number, start) if layout and start else ""
                chunks.append(
                    Chunk(
                        document.document_id,
                        document.kind,
                        page.number,
                        start,
                        page.text[start:end],
                        "" if holds_header or not header.strip() else header,
                        columns,
                    )
                )
    return chunks
