"""A document's readable text in one coordinate space, and evidence back on its pages.

The pages with a text layer are joined into one string, each page after the first
preceded by :data:`PAGE_BREAK` (a line holding only a form feed), so a record, a table or a
sentence may continue on the next page while every offset still maps to exactly one page.
Evidence is always built on the page: a span that crosses a page break is cut at it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from core.data import Document, Evidence

PAGE_BREAK = "\n\f\n"
# a quoted line of a message ("> From: ...", "> > Mon 3/3: ...", a lone ">"): the marks
# before its content
_QUOTE_MARKS = re.compile(r"^[ \t]*>(?:[ \t]?>)*(?=[ \t\r]|$)", re.MULTILINE)
_MIN_QUOTED = 3  # lines in a row: one line beginning with ">" is no quotation
_TRIM = " \t\r\n\f*_\u00a0"
_EVIDENCE_CACHE = 20_000  # evidence objects kept per document (memory on huge ones)


@dataclass(frozen=True)
class DocText:
    """``text``: the joined pages; ``bases[i]`` is where page ``numbers[i]`` begins."""

    document: Document
    text: str
    numbers: tuple[int, ...]
    bases: tuple[int, ...]
    lengths: tuple[int, ...]
    # evidence already built, by (start, end, trim): readers quote the same words often
    _evidence: dict[tuple[int, int, bool], Evidence | None] = field(
        default_factory=dict, repr=False, compare=False
    )

    @classmethod
    def of(cls, document: Document) -> DocText:
        pages = [p for p in document.pages if p.has_text_layer]
        bases: list[int] = []
        pos = 0
        for i, p in enumerate(pages):
            if i:
                pos += len(PAGE_BREAK)
            bases.append(pos)
            pos += len(p.text)
        return cls(
            document=document,
            text=unquoted(PAGE_BREAK.join(p.text for p in pages)),
            numbers=tuple(p.number for p in pages),
            bases=tuple(bases),
            lengths=tuple(len(p.text) for p in pages),
        )

    def page_index(self, pos: int) -> int:
        """Index (into ``numbers``) of the page holding ``pos`` (a break: the page after)."""
        return max(0, bisect.bisect_right(self.bases, pos) - 1)

    def offset(self, page: int, pos: int) -> int | None:
        """Offset ``pos`` of page ``page`` in the joined text (``None``: no such page with a
        text layer) - the inverse of :meth:`evidence`."""
        try:
            return self.bases[self.numbers.index(page)] + pos
        except ValueError:
            return None

    def page_of(self, pos: int) -> int:
        """The 1-based page number holding offset ``pos``."""
        return self.numbers[self.page_index(pos)] if self.numbers else 1

    def trim(self, start: int, end: int) -> tuple[int, int]:
        """``start:end`` without surrounding blanks and Markdown emphasis."""
        text = self.text
        while start < end and text[start] in _TRIM:
            start += 1
        while end > start and text[end - 1] in _TRIM:
            end -= 1
        return start, end

    def evidence(self, start: int, end: int, *, trim: bool = True) -> Evidence | None:
        """Evidence for ``text[start:end]`` (see :meth:`_build_evidence`), built once."""
        key = (start, end, trim)
        try:
            return self._evidence[key]
        except KeyError:
            pass
        found = self._build_evidence(start, end, trim=trim)
        if len(self._evidence) < _EVIDENCE_CACHE:
            self._evidence[key] = found
        return found

    def _build_evidence(self, start: int, end: int, *, trim: bool) -> Evidence | None:
        """Evidence for ``text[start:end]`` on its page (cut at a page break; trimmed);
        ``None`` when nothing but blanks is left."""
        if not self.numbers:
            return None
        if trim:
            start, end = self.trim(start, end)
        if start >= end:
            return None
        i = self.page_index(start)
        base = self.bases[i]
        s = start - base
        e = min(end - base, self.lengths[i])
        if s < 0 or s >= e:
            return None
        page = self.document.page(self.numbers[i])
        if trim:
            while e > s and page.text[e - 1] in _TRIM:
                e -= 1
        if s >= e:
            return None
        return self.document.evidence(page.number, s, e)


def unquoted(text: str) -> str:
    """``text`` with the quotation marks of quoted messages blanked (``"> "`` before each
    line of a reply's quoted message, ``"> > "`` for a quotation within it): a quoted
    line reads as its content, and a sentence wrapped over quoted lines as one sentence.
    Only runs of :data:`_MIN_QUOTED` or more marked lines are a quotation; every offset
    stays where it was (the marks become blanks; evidence quotes the page as written)."""
    if ">" not in text:
        return text
    marks = [m.span() for m in _QUOTE_MARKS.finditer(text) if m.end() > m.start()]
    if len(marks) < _MIN_QUOTED:
        return text
    blank: list[tuple[int, int]] = []
    run: list[tuple[int, int]] = []
    for span in [*marks, None]:
        if span is not None and run and _next_line(text, run[-1][0]) == _line_start(text, span[0]):
            run.append(span)
            continue
        if len(run) >= _MIN_QUOTED:
            blank.extend(run)
        run = [span] if span is not None else []
    if not blank:
        return text
    out: list[str] = []
    pos = 0
    for s, e in blank:
        out.append(text[pos:s])
        out.append(text[s:e].replace(">", " "))
        pos = e
    out.append(text[pos:])
    return "".join(out)


def _line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def _next_line(text: str, pos: int) -> int:
    nl = text.find("\n", pos)
    return -1 if nl == -1 else nl + 1
