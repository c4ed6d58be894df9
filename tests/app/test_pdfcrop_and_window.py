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


def test_deciding_spans_on_one_line_read_as_one_row() -> None:
    from core.data import Evidence
    from workspace.deciding import by_line

    text = (
        "Week of 02/10\n02/10/2025 Group 09:00-10:30 Present\n02/11/2025 Group 1045-1215 Absent\n"
    )
    doc = "a" * 64

    def ev(quote: str, nth: int = 0) -> Evidence:
        start = -1
        for _ in range(nth + 1):
            start = text.index(quote, start + 1)
        return Evidence(document_id=doc, page=1, start=start, end=start + len(quote), quote=quote)

    spans = [ev("02/10/2025"), ev("09:00-10:30"), ev("02/11/2025"), ev("1045-1215")]
    rows = by_line(spans, {doc: [text]})
    assert [(r.first, r.line, len(r.evidence)) for r in rows] == [
        (1, "02/10/2025 Group 09:00-10:30 Present", 2),
        (3, "02/11/2025 Group 1045-1215 Absent", 2),
    ]
    # without the page text, each span is its own row
    assert [r.line for r in by_line(spans, {})] == [None, None, None, None]
