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
crossing emphasis, cells or paragraphs still gives well-nested HTML.

Safe by construction: chart text is untrusted. Raw HTML in the Markdown is escaped, not
passed through (``<script>`` shows as text); links, autolinks and images are not rendered
(their text stays, no URL is ever followed or fetched); everything else is CommonMark plus
tables and strikethrough from markdown-it-py, which escapes every text and attribute.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from markdown_it import MarkdownIt

# private-use characters that mark the span's ends while the Markdown is rendered; any
# already in the text are replaced (one character for one: offsets stay valid)
_OPEN, _CLOSE = "\ue000", "\ue001"
_TAG = re.compile(r"(<[^>]*>)")
# Markdown syntax at the start of a quote that must stay at the start of its line to keep
# its meaning (heading, quote, list item, table pipe): the mark starts after it
_LEADING = re.compile(
    r"(?:[ \t]*(?:#{1,6}(?=[ \t]|$)|>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t])|\|))*[ \t]*"
)
_TRAILING = re.compile(r"[ \t|]+$")


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


def markdown_html(text: str, start: int | None = None, end: int | None = None) -> MarkdownHtml:
    """``text`` rendered as Markdown to safe HTML, ``text[start:end]`` highlighted.

    Offsets outside the text raise ``ValueError``; without offsets nothing is marked.
    """
    clean = text.replace(_OPEN, "\ufffd").replace(_CLOSE, "\ufffd")
    if start is not None or end is not None:
        if start is None or end is None or not 0 <= start < end <= len(text):
            raise ValueError(f"span {start}:{end} is outside a text of {len(text)} characters")
        lo, hi = _span(clean, start, end)
        clean = clean[:lo] + _OPEN + clean[lo:hi] + _CLOSE + clean[hi:]
    rendered = _renderer().render(clean)
    return _marked(rendered)


def _marked(rendered: str) -> MarkdownHtml:
    """Replace the two markers by ``<mark>`` elements around each text run between them
    (markers inside a tag's attributes are dropped)."""
    out: list[str] = []
    inside = False
    marks = 0
    for piece in _TAG.split(rendered):
        if not piece:
            continue
        if piece.startswith("<"):
            for ch in piece:
                if ch == _OPEN:
                    inside = True
                elif ch == _CLOSE:
                    inside = False
            out.append(piece.replace(_OPEN, "").replace(_CLOSE, ""))
            continue
        for part in re.split(f"([{_OPEN}{_CLOSE}])", piece):
            if part == _OPEN:
                inside = True
            elif part == _CLOSE:
                inside = False
            elif part:
                if inside and part.strip():
                    anchor = ' id="evidence-span"' if marks == 0 else ""
                    out.append(f'<mark{anchor} class="evidence">{part}</mark>')
                    marks += 1
                else:
                    out.append(part)
    return MarkdownHtml("".join(out), marks > 0)
