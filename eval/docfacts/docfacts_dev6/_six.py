"""Helpers of the ``docfacts_dev6`` families: side-by-side columns whose cells wrap, and
the file-name form of a date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from eval.docfacts.docfacts_dev._kit import wrap


def wrapped_columns(
    header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[int], gap: int = 2
) -> list[str]:
    """A report table laid out in fixed columns separated by spaces, no rules between
    cells: each cell wraps inside its own column, so a row takes as many lines as its
    longest cell and the words of neighbouring cells share a line (as a report writer
    prints them and a PDF's text layer reads them)."""
    pad = " " * gap

    def block(cells: Sequence[str]) -> list[str]:
        parts = [wrap(c, w) if c else [""] for c, w in zip(cells, widths, strict=True)]
        height = max(len(p) for p in parts)
        out = []
        for i in range(height):
            line = pad.join(
                f"{(p[i] if i < len(p) else ''):<{w}}" for p, w in zip(parts, widths, strict=True)
            )
            out.append(line.rstrip())
        return out

    lines = block(header)
    lines.append(pad.join("-" * w for w in widths))
    for r in rows:
        lines += block(r)
        lines.append("")
    return lines


def first_line(text: str, width: int) -> str:
    """The first line of ``text`` wrapped to ``width``: the words a reader sees together
    when the cell wraps."""
    return wrap(text, width)[0].strip()


def stamp(day: dt.date) -> str:
    """``20260105``: a date as file names carry it."""
    return f"{day:%Y%m%d}"
