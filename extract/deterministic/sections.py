"""Headed sections of a document ("GOALS", "## Treatment Goals", "Diagnoses:") with offsets."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# A heading line: Markdown heading, an ALL-CAPS line, or a short "Label:" line with no value.
_HEADING = re.compile(
    r"(?m)^[ \t]*(?:#{1,6}[ \t]+(?P<md>[^\n]+?)[ \t]*:?[ \t]*"
    r"|\*\*(?P<bold>[^\n*]{2,80})\*\*[ \t]*:?[ \t]*"
    r"|(?P<caps>[A-Z][A-Z0-9 &/()',\-]{2,80}):?[ \t]*"
    r"|(?P<label>[A-Z][A-Za-z0-9 &/()',\-]{2,60}):[ \t]*)$"
)


@dataclass(frozen=True, slots=True)
class Section:
    """A heading and its body: ``text[body_start:body_end]`` up to the next heading."""

    heading: str
    heading_start: int
    body_start: int
    body_end: int


def headings(text: str) -> list[tuple[int, int, str]]:
    """(start, end, heading text) of each heading line."""
    out = []
    for m in _HEADING.finditer(text):
        title = next(
            g for g in (m.group("md"), m.group("bold"), m.group("caps"), m.group("label")) if g
        )
        out.append((m.start(), m.end(), title.strip().rstrip(":")))
    return out


def sections(text: str) -> Iterator[Section]:
    hs = headings(text)
    for i, (start, end, title) in enumerate(hs):
        body_end = hs[i + 1][0] if i + 1 < len(hs) else len(text)
        yield Section(title, start, min(end + 1, body_end), body_end)


def find_sections(text: str, pattern: re.Pattern[str]) -> list[Section]:
    """Sections whose heading matches ``pattern`` (searched, case as the pattern says)."""
    return [s for s in sections(text) if pattern.search(s.heading)]


def sentences(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """Sentence-ish spans (split at ". ", "; ", newlines) of ``text[start:end]``."""
    stop = len(text) if end is None else end
    pos = start
    for m in re.finditer(r"(?<=[.!?;])\s+|\n", text[start:stop]):
        s, e = pos, start + m.start()
        if text[s:e].strip():
            yield s, e
        pos = start + m.end()
    if text[pos:stop].strip():
        yield pos, stop
