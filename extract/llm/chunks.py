"""Split page text into overlapping chunks that keep their offsets.

A chunk never spans two pages (evidence offsets are per page). Chunk boundaries prefer a
blank line, then a line break, in the second half of the window, so a note's paragraph is
rarely cut; consecutive chunks overlap by about ``overlap`` characters so a statement cut by
one boundary is whole in the next chunk. Facts found twice in an overlap are de-duplicated
after alignment (:mod:`extract.llm.convert`).

Every chunk but a document's first carries the document's header (the first lines of its
first page: its title, the member, the date of service) as context, so a note cut by a
boundary still has its date: the model may quote a service's date from it (the only
field that may come from outside the chunk).
"""

from __future__ import annotations

from dataclasses import dataclass

from core.data import Document, DocumentKind


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


def split_spans(text: str, size: int, overlap: int) -> list[tuple[int, int]]:
    """``(start, end)`` windows covering ``text``: each at most ``size`` characters, each
    after the first starting about ``overlap`` characters before the previous one ended."""
    if size <= 0 or overlap < 0 or overlap * 2 >= size:
        raise ValueError("need size > 0 and 0 <= overlap < size / 2")
    n = len(text)
    if n <= size:
        return [(0, n)] if text.strip() else []
    spans: list[tuple[int, int]] = []
    start = 0
    while True:
        end = min(start + size, n)
        if end < n:
            floor = start + size // 2
            cut = text.rfind("\n\n", floor, end)
            if cut < 0:
                cut = text.rfind("\n", floor, end)
            if cut >= 0:
                end = cut + 1
        spans.append((start, end))
        if end >= n:
            return spans
        next_start = end - overlap
        line = text.find("\n", next_start, next_start + overlap // 2)
        start = line + 1 if line >= 0 else next_start


def chunk_document(document: Document, size: int, overlap: int) -> list[Chunk]:
    """The chunks of every page of ``document`` that has a text layer and some text."""
    chunks: list[Chunk] = []
    header = document_header(document)
    for page in document.pages:
        if not page.has_text_layer or not page.text.strip():
            continue
        for start, end in split_spans(page.text, size, overlap):
            if page.text[start:end].strip():
                holds_header = page.number == document.pages[0].number and start == 0
                chunks.append(
                    Chunk(
                        document.document_id,
                        document.kind,
                        page.number,
                        start,
                        page.text[start:end],
                        "" if holds_header or not header.strip() else header,
                    )
                )
    return chunks
