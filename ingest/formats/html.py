"""The text of an HTML document as it prints (see :mod:`ingest.formats`).

- ``<head>``, ``<script>``, ``<style>``, ``<template>`` and form controls print nothing;
- a block (``<div>``, ``<p>``, ``<h1>``, ``<li>``, ``<tr>``...) begins and ends a line;
  ``<br>`` ends one, except inside a table cell, where it is `` / `` (a row is a line);
- table cells of a row, and two elements that touch with no blank between them
  (``<span class="label">Start Time</span><span class="value">09:00 AM</span>``), are set
  apart by a tab, as a browser copies them;
- a page break a style asks for (``page-break-before``/``-after``, ``break-before: page``)
  is a form feed on a line of its own; ``<hr>`` an empty line;
- runs of blanks are one space, except inside ``<pre>``; ``&nbsp;`` is a space.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from ingest.formats.text import tidy

_SKIP = frozenset({"head", "script", "style", "template", "noscript", "select", "button"})
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)
_BLOCK = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "caption", "center", "dd",
        "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure",
        "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "html", "legend", "li",
        "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody",
        "tfoot", "thead", "tr", "ul",
    }
)  # fmt: skip
_CELL = frozenset({"td", "th"})
_PAGE_BREAK = re.compile(
    r"page-break-(?:before|after)\s*:\s*always|break-(?:before|after)\s*:\s*page", re.I
)
_BLANKS = re.compile(r"[ \t\r\n\f\u00a0]+")


class _Renderer(HTMLParser):
    def __init__(self, page_break_classes: frozenset[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skip = 0  # depth inside elements that print nothing
        self.pre = 0
        self.cell = 0  # depth inside table cells
        self.cells_in_row = 0
        self.touching = False  # the last thing seen was an end tag right after text
        self.page_break_classes = page_break_classes

    # -- output helpers
    def _last(self) -> str:
        for piece in reversed(self.out):
            if piece:
                return piece[-1]
        return "\n"

    def _newline(self) -> None:
        if self._last() != "\n":
            self.out.append("\n")

    def _page_break(self, attrs: list[tuple[str, str | None]]) -> bool:
        style = next((v or "" for k, v in attrs if k == "style"), "")
        classes = set(next((v or "" for k, v in attrs if k == "class"), "").split())
        return bool(_PAGE_BREAK.search(style)) or bool(classes & self.page_break_classes)

    # -- parser callbacks
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            if tag not in _VOID:
                self.skip += 1
            return
        if self.skip:
            return
        if tag in _VOID and tag not in ("br", "hr"):
            return  # an image, a form field, a meta tag: nothing printed
        if self._page_break(attrs):
            self._newline()
            self.out.append("\f\n")
        if tag == "br":
            if self.cell:
                self.out.append(" / ")
            else:
                self.out.append("\n")
            self.touching = False
            return
        if tag == "hr":
            self._newline()
            self.out.append("\n")
            return
        if tag == "tr":
            self._newline()
            self.cells_in_row = 0
        elif tag in _CELL:
            if self.cells_in_row:
                self.out.append("\t")
            self.cells_in_row += 1
            self.cell += 1
        elif tag in _BLOCK:
            self._newline()
            if tag == "pre":
                self.pre += 1
        elif self.touching and self._last() not in " \t\n":
            self.out.append("\t")  # "<span>Label</span><span>value</span>"
        self.touching = False

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if self.skip:
            return
        if tag in _CELL:
            self.cell = max(0, self.cell - 1)
            self.touching = False
            return
        if tag in _BLOCK:
            if tag == "pre":
                self.pre = max(0, self.pre - 1)
            self._newline()
            self.touching = False
            return
        self.touching = self._last() not in " \t\n"

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_data(self, data: str) -> None:
        if self.skip or not data:
            return
        if self.pre:
            self.out.append(data.replace("\u00a0", " "))
            self.touching = False
            return
        text = _BLANKS.sub(" ", data)
        if text == " ":
            if self._last() not in " \t\n":
                self.out.append(" ")
            self.touching = False
            return
        if text.startswith(" ") and self._last() in " \t\n":
            text = text[1:]
        self.out.append(text)
        self.touching = False


_STYLE_BLOCK = re.compile(r"<style[^>]*>(.*?)</style>", re.I | re.S)
_RULE = re.compile(r"\.([A-Za-z_][\w-]*)\s*\{([^}]*)\}")


def _page_break_classes(html: str) -> frozenset[str]:
    """Classes the document's own style sheet gives a page break (``.pb { page-break-before:
    always }``)."""
    found: set[str] = set()
    for block in _STYLE_BLOCK.finditer(html):
        for rule in _RULE.finditer(block.group(1)):
            if _PAGE_BREAK.search(rule.group(2)):
                found.add(rule.group(1))
    return frozenset(found)


def render_html(html: str) -> str:
    """The printed text of ``html`` (module docstring)."""
    renderer = _Renderer(_page_break_classes(html))
    renderer.feed(html)
    renderer.close()
    lines = [line.strip(" ") for line in "".join(renderer.out).split("\n")]
    return tidy("\n".join(line.strip("\t") if not line.strip() else line for line in lines))
