"""Lists: each line's list item and how items nest.

A *list item* is a text line that begins with a bullet ("-", "*", "+", "•", "◦", "▪",
"‣") or a number or a small letter and a full stop or parenthesis ("1.", "2)", "a.") and then a
blank. Its *depth* follows its indent (columns; a tab counts as four): an item is nested
under the nearest item above it that is indented less, and a text line that is no item
and is indented past an item's mark continues that item (its text wrapped). Blank lines
keep a list going; any other line (a heading, a paragraph at the margin) ends it.

An item's ``last`` line is the last line of its own text and of every item nested under
it: a day's bullet holds its services, and a service's bullet holds its properties
("- CBT Group" over "  - time: 13:00-14:30", "  - status: present").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.layout import Layout
from extract.layout.memo import PerLayout

_ITEM = re.compile(r"(?P<mark>[-*+•◦▪‣]|\d{1,3}[.)]|[a-z][.)])[ \t]+(?=\S)")
_TAB = 4


@dataclass(frozen=True)
class ListItem:
    """The item of line ``line``: its mark's column (``indent``) and offsets
    (``mark_start``..``mark_end``), where its words begin (``body``), the line of the item
    it is nested under (``parent``; ``None`` at the top), its depth (0 at the top) and its
    ``last`` line (its nested items' and wrapped lines included)."""

    line: int
    indent: int
    mark_start: int
    mark_end: int
    body: int
    parent: int | None
    depth: int
    last: int


def _columns(text: str, start: int, end: int) -> int:
    return sum(_TAB if c == "\t" else 1 for c in text[start:end])


def _find_items(layout: Layout) -> tuple[ListItem | None, ...]:
    text = layout.text
    items: list[ListItem | None] = [None] * len(layout.lines)
    lasts: dict[int, int] = {}
    stack: list[tuple[int, int, int]] = []  # (mark column, body column, line) of open items
    for i, line in enumerate(layout.lines):
        if not line.is_text:
            continue
        indent = _columns(text, line.start, line.cstart)
        m = _ITEM.match(text, line.cstart, line.cend)
        if m is None:
            if stack and indent > stack[-1][0]:
                for *_, j in stack:  # a wrapped line continues the items it is under
                    lasts[j] = i
            else:
                stack.clear()
            continue
        while stack and stack[-1][0] >= indent:
            stack.pop()
        parent = stack[-1][2] if stack else None
        for *_, j in stack:
            lasts[j] = i
        lasts[i] = i
        items[i] = ListItem(
            i, indent, m.start("mark"), m.end("mark"), m.end(), parent, len(stack), i
        )
        stack.append((indent, indent + _columns(text, line.cstart, m.end()), i))
    return tuple(
        None
        if item is None
        else ListItem(
            item.line,
            item.indent,
            item.mark_start,
            item.mark_end,
            item.body,
            item.parent,
            item.depth,
            lasts[item.line],
        )
        for item in items
    )


#: each line's list item (``None`` for a line that is none), found once per layout
list_items = PerLayout(_find_items)


def item_end(layout: Layout, line: int) -> int | None:
    """The last line of the list item on ``line`` with the items nested under it, or
    ``None`` when ``line`` is no list item."""
    item = list_items(layout)[line]
    return None if item is None else item.last


def nested(layout: Layout, line: int) -> bool:
    """Whether the item on ``line`` has items nested under it."""
    items = list_items(layout)
    item = items[line]
    return item is not None and any(
        (x := items[j]) is not None and x.parent == line for j in range(line + 1, item.last + 1)
    )


__all__ = ["ListItem", "item_end", "list_items", "nested"]
