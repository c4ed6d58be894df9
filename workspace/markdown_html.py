"""Markdown evidence shown as Markdown: safe HTML with the quoted span highlighted.

API (for ``app.py``)::

    from workspace.markdown_html import markdown_html

    shown = markdown_html(page_text, evidence.start, evidence.end)
    st.html(shown.html)      # or st.markdown(shown.html, unsafe_allow_html=True)
    if not shown.highlighted:
        ...                  # the span could not be marked (see below): show the text view

``page_text`` is the document's text as the review read it (a Markdown file is one page:
its raw text, so evidence offsets point into the Markdown source). The result's ``html``
is the rendered document; the quote's text is wrapped in ``<mark>`` elements (the first
one ``id="evidence-span"``, all ``class="evidence"``) that only ever wrap text, so a span
crossing emphasis, cells or paragraphs still gives well-nested HTML. With ``line=True``
the rest of the quote's source line (a table row's other cells, the words before a date)
is marked lightly: ``<mark class="evidence-line">``.

Safe by construction: chart text is untrusted. Raw HTML in the Markdown is escaped, not
passed through (``<script>`` shows as text); links, autolinks and images are not rendered
(their text stays, no URL is ever followed or fetched); everything else is CommonMark plus
tables and strikethrough from markdown-it-py, which escapes every text and attribute.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from markdown_it import MarkdownIt

from workspace.view import line_span

# private-use characters that mark the span's ends while the Markdown is rendered; any
# already in the text are replaced (one character for one: offsets stay valid)
_OPEN, _CLOSE = "\ue000", "\ue001"
# the same for the quote's line, marked lightly around it
_LINE_OPEN, _LINE_CLOSE = "\ue002", "\ue003"
_MARKERS = (_OPEN, _CLOSE, _LINE_OPEN, _LINE_CLOSE)
_TAG = re.compile(r"(<[^>]*>)")
_SPLIT = re.compile(f"([{''.join(_MARKERS)}])")
# Markdown syntax at the start of a quote that must stay at the start of its line to keep
# its meaning (heading, quote, list item, table pipe): the mark starts after it
_LEADING = re.compile(
    r"(?:[ \t]*(?:#{1,6}(?=[ \t]|$)|>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t])|\|))*[ \t]*"
)
# ... and at its end (a table's pipe; emphasis and code delimiters, which a marker right
# after would stop closing: "**Goal:**" + marker renders its asterisks)
_TRAILING = re.compile(r"[ \t|*_~`]+$")


@dataclass(frozen=True)
class MarkdownHtml:
    """Rendered Markdown: ``html`` (safe to insert), and whether the span was marked."""

    html: str
    highlighted: bool


@cache
def _renderer() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.disable(["link", "image", "autolink", "html_inline", "html_block"])
    return md


def _span(text: str, start: int, end: int) -> tuple[int, int]:
    """The span with the Markdown syntax at its edges left outside the mark."""
    line_start = text.rfind("\n", 0, start) + 1
    if not text[line_start:start].strip():
        lead = _LEADING.match(text, start, end)
        if lead is not None and lead.end() < end:
            start = lead.end()
    trail = _TRAILING.search(text, start, end)
    if trail is not None and trail.start() > start:
        end = trail.start()
    return start, end


def _merged(spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for lo, hi in sorted(spans):
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def markdown_html(
    text: str,
    start: int | None = None,
    end: int | None = None,
    *,
    line: bool = False,
    more: Sequence[tuple[int, int]] = (),
) -> MarkdownHtml:
    """``text`` rendered as Markdown to safe HTML, ``text[start:end]`` highlighted (and,
    with ``line``, the rest of its source line lightly); ``more`` spans (a session's
    other lines) are highlighted the same way, the first mark being ``start``'s.

    Offsets outside the text raise ``ValueError``; without offsets nothing is marked.
    """
    clean = text
    for marker in _MARKERS:
        clean = clean.replace(marker, "\ufffd")
    if start is not None or end is not None:
        if start is None or end is None:
            raise ValueError(f"span {start}:{end} is outside a text of {len(text)} characters")
        quotes: list[tuple[int, int]] = []
        rows: list[tuple[int, int]] = []
        for a, b in [(start, end), *more]:
            if not 0 <= a < b <= len(text):
                raise ValueError(f"span {a}:{b} is outside a text of {len(text)} characters")
            lo, hi = _span(clean, a, b)
            quotes.append((lo, hi))
            if line:
                row_lo, row_hi = _span(clean, *line_span(clean, a, b))
                rows.append((min(row_lo, lo), max(row_hi, hi)))
        inserts: list[tuple[int, str]] = []
        for lo, hi in _merged(quotes):
            inserts += [(lo, _OPEN), (hi, _CLOSE)]
        for lo, hi in _merged(rows):
            inserts += [(lo, _LINE_OPEN), (hi, _LINE_CLOSE)]
        # from the end, so the offsets still to insert at stay valid (two markers at one
        # offset have no text between them: their order does not matter)
        for at, marker in sorted(inserts, reverse=True):
            clean = clean[:at] + marker + clean[at:]
    rendered = _renderer().render(clean)
    return _marked(rendered)


def _marked(rendered: str) -> MarkdownHtml:
    """Replace the markers by ``<mark>`` elements around each text run between them
    (markers inside a tag's attributes are dropped)."""
    out: list[str] = []
    quote = row = False
    marks = 0

    def state(marker: str) -> None:
        nonlocal quote, row
        if marker in (_OPEN, _CLOSE):
            quote = marker == _OPEN
        else:
            row = marker == _LINE_OPEN

    for piece in _TAG.split(rendered):
        if not piece:
            continue
        if piece.startswith("<"):
            for ch in piece:
                if ch in _MARKERS:
                    state(ch)
            for marker in _MARKERS:
                piece = piece.replace(marker, "")
            out.append(piece)
            continue
        for part in _SPLIT.split(piece):
            if part in _MARKERS:
                state(part)
            elif part and quote and part.strip():
                anchor = ' id="evidence-span"' if marks == 0 else ""
                out.append(f'<mark{anchor} class="evidence">{part}</mark>')
                marks += 1
            elif part and row and part.strip():
                out.append(f'<mark class="evidence-line">{part}</mark>')
            elif part:
                out.append(part)
    return MarkdownHtml("".join(out), marks > 0)
