"""The evidence panel's helpers: the readable band of a PDF page around its highlight,
the lines around a quote, and quotes shown without Markdown markup."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from workspace.pdfcrop import highlight_crop
from workspace.pdfpage import Box, PageImage
from workspace.view import page_window, plain_quote


def page(boxes: tuple[Box, ...], located: bool = True) -> PageImage:
    out = io.BytesIO()
    img = Image.new("RGB", (600, 800), "white")
    for y in range(0, 800, 20):  # a line of print across 80..520 every 20 px
        img.paste((0, 0, 0), (80, y, 520, y + 2))
    img.save(out, format="PNG")
    return PageImage(
        png=out.getvalue(),
        width=600,
        height=800,
        page=1,
        page_count=1,
        scale=1.0,
        boxes=boxes,
        located=located,
        match="exact" if located else "none",
        message="",
    )


def test_the_band_spans_the_page_width_around_the_highlight() -> None:
    crop = highlight_crop(page((Box(100, 400, 300, 420), Box(50, 430, 200, 450))), margin=100)
    assert crop is not None
    with Image.open(io.BytesIO(crop)) as band:
        assert band.size == (464, 250)  # 400-100 .. 450+100; the print 80..520, 12 px either side


def test_the_band_stops_at_the_page_edges() -> None:
    crop = highlight_crop(page((Box(0, 10, 50, 30),)), margin=100)
    assert crop is not None
    with Image.open(io.BytesIO(crop)) as band:
        assert band.size == (464, 130)


def test_no_band_when_the_quote_was_not_located() -> None:
    assert highlight_crop(page((), located=False)) is None


TEXT = "".join(f"line {i:02d}\n" for i in range(40))


@pytest.mark.parametrize(
    ("quote", "lines", "first", "last"),
    [("line 20", 3, "line 17", "line 23"), ("line 01", 3, "line 00", "line 04")],
)
def test_the_window_is_the_lines_around_the_quote(
    quote: str, lines: int, first: str, last: str
) -> None:
    start = TEXT.index(quote)
    lo, hi = page_window(TEXT, start, start + len(quote), lines=lines)
    shown = TEXT[lo:hi].splitlines()
    assert (shown[0], shown[-1]) == (first, last)


@pytest.mark.parametrize(
    ("quote", "plain"),
    [
        ("**Admit Date:** 01/06/2025", "Admit Date: 01/06/2025"),
        ("# Individualized Treatment Plan", "Individualized Treatment Plan"),
        ("Goal 1:** No `cannabis` use", "Goal 1: No cannabis use"),
        ("Dose #2 given", "Dose #2 given"),
    ],
)
def test_quotes_are_shown_without_markup(quote: str, plain: str) -> None:
    assert plain_quote(quote) == plain
