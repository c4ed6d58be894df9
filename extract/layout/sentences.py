"""Sentences of prose with exact offsets.

A sentence ends at ``.``, ``!`` or ``?`` followed by a blank and a capital, digit or
opening quote (not after a common abbreviation or a single initial: "Dr.", "a.m.", "J."),
at ``;`` (not inside parentheses), and at a paragraph's end. Lines that a PDF soft-wrapped
inside a paragraph are joined; a bullet, a field label, a heading or a table row begins a
new one.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

_END = re.compile(r"[.!?]+(?=\s+[\"'(\[]?[A-Z0-9])|;(?=\s)")
_ABBREVIATION = re.compile(
    r"(?:\b(?:Dr|Mr|Mrs|Ms|Mx|St|vs|etc|approx|a\.m|p\.m|e\.g|i\.e|No|pt|Pt|min|hr|hrs)"
    r"|(?<![A-Za-z])[A-Za-z])$"
)
_TRIM = " \t\r\n\f*_-•·"


def split_sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Sentences of ``text[start:end]`` (one paragraph): trimmed, non-empty spans."""
    bounds = [start]
    for m in _END.finditer(text, start, end):
        if text[m.start()] == "." and _ABBREVIATION.search(
            text, max(bounds[-1], m.start() - 8), m.start()
        ):
            continue
        if text[m.start()] == ";" and open_parenthesis(text, bounds[-1], m.start()):
            continue  # "(arrived 20 minutes late; the group ran 9:30 to 11:00 a.m.)"
        bounds.append(m.end())
    bounds.append(end)
    for a, b in itertools.pairwise(bounds):
        while a < b and text[a] in _TRIM:
            a += 1
        while b > a and text[b - 1] in _TRIM:
            b -= 1
        if a < b:
            yield a, b


def open_parenthesis(text: str, start: int, end: int) -> bool:
    """Whether a parenthesis opened in ``text[start:end]`` is still open at ``end``."""
    depth = 0
    for ch in text[start:end]:
        if ch == "(":
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
    return depth > 0
