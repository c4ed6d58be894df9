"""Helpers of the ``docfacts_dev5`` families: pipe grids whose cells never wrap, and the
file-name forms of dates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence


def grid(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """A table with ``|`` between cells, padded to the widest cell of each column; cells
    never wrap (a long cell widens its column)."""
    widths = [max(len(r[i]) for r in (header, *rows)) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        return " | ".join(f"{c:<{w}}" for c, w in zip(cells, widths, strict=True)).rstrip()

    return [line(header), "-+-".join("-" * w for w in widths), *(line(r) for r in rows)]


def stamp(day: dt.date) -> str:
    """``20260105``: a date as file names carry it."""
    return f"{day:%Y%m%d}"
