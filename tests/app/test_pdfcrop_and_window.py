"""The evidence panel's helpers: the readable part of a PDF page around its highlight,
the lines around a quote (its row marked), and quotes shown without Markdown markup."""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image

from workspace.pdfcrop import (
    LINE_PX,
    MIN_LINE_PX,
    PANEL_PX,
    crop_html,
    highlight_crop,
    page_crop,
    readable_scale,
)
from workspace.pdfpage import MAX_SCALE, Box, PageImage
from workspace.view import block_window, line_span, page_html, page_window, plain_quote, tabular


def page(
    boxes: tuple[Box, ...], line_boxes: tuple[Box, ...] = (), located: bool = True
) -> PageImage:
    """A 1000x800 page at scale 2 with a line of print 12 px high every 24 px (rows
    24k+6 .. 24k+17) across 80..920."""
    out = io.BytesIO()
    img = Image.new("RGB", (1000, 800), "white")
    for y in range(0, 800, 24):
        img.paste((0, 0, 0), (80, y + 6, 920, y + 18))
    img.save(out, format="PNG")
    return PageImage(
        png=out.getvalue(),
        width=1000,
        height=800,
        page=1,
        page_count=1,
        scale=2.0,
        boxes=boxes,
        located=located,
        match="exact" if located else "none",
        message="",
        line_boxes=line_boxes,
    )


def blank_row(png: bytes, y: int) -> bool:
    with Image.open(io.BytesIO(png)) as img:
        row = img.convert("L").crop((0, y, img.width, y + 1))
        return row.getextrema()[0] == 255


# a quote's box 24 px high: shown 20 CSS px high, so 5/6 CSS px a pixel; the margin of
# 8 CSS px is 9.6 pixels of the page
QUOTE = Box(400, 386, 500, 410)


def blank_column(png: bytes, x: int) -> bool:
    with Image.open(io.BytesIO(png)) as img:
        column = img.convert("L").crop((x, 0, x + 1, img.height))
        return column.getextrema()[0] == 255


def test_the_crop_holds_whole_lines_around_the_quote_and_cuts_none() -> None:
    crop = highlight_crop(page((QUOTE,)))
    assert crop is not None
    with Image.open(io.BytesIO(crop.png)) as img:
        # down: two lines either side (58 px), out to the gaps between lines (317, 474) and
        # a few blank rows more (312..479); across: the whole of those lines, 80..920 of
        # the page, and a margin (70..930), not a column's width around the quote
        assert img.size == (860, 168)
        assert blank_row(crop.png, 0) and blank_row(crop.png, img.height - 1)
        assert not blank_row(crop.png, 6)  # the line above the gap is whole, not cut
        assert blank_column(crop.png, 0) and blank_column(crop.png, img.width - 1)
        assert not blank_column(crop.png, 10)  # every line from its first mark ...
        assert not blank_column(crop.png, img.width - 11)  # ... to its last
    assert (crop.css_width, crop.css_height) == (717, 140)
    # the quote in the crop, in CSS px: 20 px high, where it is in the page
    assert crop.quote == (275, 62, 358, 82)
    assert crop.quote[3] - crop.quote[1] == LINE_PX
    # never shown smaller than a line MIN_LINE_PX high: wider than the column, it scrolls
    assert crop.min_css_width == round(717 * MIN_LINE_PX / LINE_PX) > PANEL_PX


def test_a_short_line_is_not_widened_to_the_column() -> None:
    # a page whose lines are 200 px long: the crop is their width, shown at its size
    out = io.BytesIO()
    img = Image.new("RGB", (1000, 800), "white")
    for y in range(0, 800, 24):
        img.paste((0, 0, 0), (80, y + 6, 280, y + 18))
    img.save(out, format="PNG")
    short = PageImage(
        png=out.getvalue(),
        width=1000,
        height=800,
        page=1,
        page_count=1,
        scale=2.0,
        boxes=(Box(100, 386, 200, 410),),
        located=True,
        match="exact",
        message="",
    )
    crop = highlight_crop(short)
    assert crop is not None
    with Image.open(io.BytesIO(crop.png)) as shown:
        assert shown.width == 220  # 70..290: the print and its margin
    assert crop.css_width == 183 < PANEL_PX


def test_the_crop_holds_the_whole_of_the_quotes_line_even_past_the_print() -> None:
    line = Box(76, 386, 924, 410)  # the quote's row: across the page's print
    crop = highlight_crop(page((QUOTE,), (line,)))
    assert crop is not None
    with Image.open(io.BytesIO(crop.png)) as img:
        assert img.size == (868, 168)  # the row's box 76..924 and the margin
    # a row wider than the page stops at the page's edges
    crop = highlight_crop(page((QUOTE,), (Box(0, 386, 2000, 410),)))
    assert crop is not None
    with Image.open(io.BytesIO(crop.png)) as img:
        assert img.width == 1000


def test_the_crop_stops_at_the_page_edges() -> None:
    crop = highlight_crop(page((Box(80, 0, 200, 24),)))
    assert crop is not None
    with Image.open(io.BytesIO(crop.png)) as img:
        # from the page's top; across the whole of the lines
        assert img.size == (860, 96)  # rows 0..95: the gap under the second line below
    assert crop.quote[:2] == (8, 0)


def test_no_crop_when_the_quote_was_not_located() -> None:
    assert highlight_crop(page((), located=False)) is None


def test_the_crop_is_rendered_sharp_for_a_high_density_screen() -> None:
    # 24 px at scale 2 is 12 pt: 40 px (20 CSS px, twice) need scale 3.33
    assert readable_scale(page((QUOTE,))) == pytest.approx(10 / 3)
    tiny = page((Box(400, 390, 420, 396),))  # 3 pt: as sharp as pdfpage allows
    assert readable_scale(tiny) == MAX_SCALE
    huge = page((Box(400, 300, 420, 400),))  # already sharp: the page's own scale
    assert readable_scale(huge) == 2.0
    assert readable_scale(page((), located=False)) == 2.0


def test_the_crop_as_html_has_a_marker_over_the_quote() -> None:
    crop = highlight_crop(page((QUOTE,)))
    assert crop is not None
    out = crop_html(crop, "The quote highlighted on page 1 <of 2>")
    head, data = out.split('src="data:image/png;base64,', 1)
    # at its readable size at most, narrower to fit the column down to the smallest
    # readable size (then its box scrolls sideways: never cut, never tiny); the marker
    # over the quote in shares of the crop, so it stays on the quote
    assert head == (
        '<div class="cr-pdf"><div class="cr-pdf-crop" '
        'style="width:100%;max-width:717px;min-width:609px;aspect-ratio:717/140"><img '
    )
    assert data.split('"', 1)[1] == (
        ' alt="The quote highlighted on page 1 &lt;of 2&gt;" style="width:100%;height:auto">'
        '<span id="evidence-span" class="cr-pdf-mark" style="left:38.354%;top:44.286%;'
        'width:11.576%;height:14.286%"></span></div></div>'
    )


def test_the_whole_page_for_the_dialog_fits_its_box_and_marks_the_quote() -> None:
    image = page((QUOTE,), (Box(76, 386, 924, 410),))
    whole = page_crop(image)
    assert (whole.png, whole.css_width, whole.css_height) == (image.png, 1000, 800)
    assert whole.quote == (76, 386, 924, 410)  # the quote's row
    out = crop_html(whole, "page 1", marker="page-span", fit=True)
    assert out.startswith(
        '<div class="cr-pdf cr-pdf-page"><div class="cr-pdf-crop" '
        'style="width:100%;aspect-ratio:1000/800"><img '
    )
    assert '<span id="page-span" class="cr-pdf-mark" style="left:7.600%;top:48.250%;' in out
    # nothing located: the page's top is where the dialog opens
    assert page_crop(page((), located=False)).quote == (0, 0, 1000, 1)


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


def test_a_markdown_window_holds_whole_blocks() -> None:
    text = "intro\n\n| Date | Hours |\n|---|---|\n| 03/03 | 3 |\n| 03/04 | 2 |\n\nend\n"
    start = text.index("03/04")
    # the lines around the quote start inside the table, below its header
    assert text[slice(*page_window(text, start, start + 5, lines=1))] == "| 03/04 | 2 |"
    lo, hi = block_window(text, start, start + 5, lines=1)
    assert text[lo:hi] == "| Date | Hours |\n|---|---|\n| 03/03 | 3 |\n| 03/04 | 2 |"


@pytest.mark.parametrize(
    ("text", "quote", "line"),
    [
        ("a\n  02/11/2025 Group 1045-1215  Absent - left  \nb", "02/11/2025", (4, 45)),
        ("Signature: Maria Chen Date: 3/3/2025\r\nTitle", "3/3/2025", (0, 36)),
        ("one\ntwo three\nfour", "two three", (4, 13)),  # the quote is its line
        ("one\ntwo\nthree\n", "o\nthr", (4, 13)),  # across lines: both, whole
        ("x\n\ny", "\n\n", (0, 3)),  # never narrower than the quote
    ],
)
def test_the_line_of_a_quote(text: str, quote: str, line: tuple[int, int]) -> None:
    start = text.index(quote)
    assert line_span(text, start, start + len(quote)) == line


@pytest.mark.parametrize(
    ("text", "columns"),
    [
        ("03/10/2025 | Group | 09:00-10:30\n03/12/2025 | Group | 09:00-10:30\n", True),
        (
            "DATE       SERVICE        TIME\n02/03/2025 SUD Group (group)   0900-1030   Present\n",
            True,
        ),
        ("a\tb\nc\td\n", True),
        ("Clinical need: acute  episode.  Next.\nsecond line of prose\n", False),
        ("only one | row | here\nand prose\n", False),
    ],
)
def test_rows_in_columns_are_told_from_prose(text: str, columns: bool) -> None:
    assert tabular(text) is columns


def test_the_page_html_marks_the_quote_and_its_row_lightly() -> None:
    text = "Week of 02/10\n02/11/2025 Group <b> 1045-1215 Absent & left\n\nend"
    start = text.index("02/11/2025")
    out = page_html(text, start, start + 10)
    assert out == (
        '<div class="ln">Week of 02/10</div>'
        '<div class="ln"><mark id="evidence-span" class="evidence">02/11/2025</mark>'
        '<mark class="evidence-line"> Group &lt;b&gt; 1045-1215 Absent &amp; left</mark></div>'
        '<div class="ln"></div><div class="ln">end</div>'
    )


def test_a_quote_over_two_lines_is_marked_on_each_and_cut_windows_say_so() -> None:
    text = "zero\none\nDate: 02/11 and\nmore words here\nafter\nlast"
    start, end = text.index("02/11"), text.index(" words")
    lo, hi = text.index("one"), text.index("\nlast")
    out = page_html(text, start, end, lo, hi)
    assert out == (
        '<div class="ln cr-more">…</div><div class="ln">one</div>'
        '<div class="ln"><mark class="evidence-line">Date: </mark>'
        '<mark id="evidence-span" class="evidence">02/11 and</mark></div>'
        '<div class="ln"><mark class="evidence">more</mark>'
        '<mark class="evidence-line"> words here</mark></div>'
        '<div class="ln">after</div><div class="ln cr-more">…</div>'
    )
    # the strong marks hold exactly the quote
    marked = re.findall(r'<mark[^>]*class="evidence">([^<]*)</mark>', out)
    assert "\n".join(marked) == text[start:end]
    with pytest.raises(ValueError, match="outside the window"):
        page_html(text, start, end, start + 1, hi)


@pytest.mark.parametrize(
    ("quote", "plain"),
    [
        ("**Admit Date:** 01/06/2025", "Admit Date: 01/06/2025"),
        ("# Individualized Treatment Plan", "Individualized Treatment Plan"),
        ("Goal 1:** No `cannabis` use", "Goal 1: No cannabis use"),
        ("Dose #2 given", "Dose #2 given"),
        # a table row as its cells: a label and its value, or cells joined
        ("| Plan date | 03/05/2025 |", "Plan date: 03/05/2025"),
        ("| 2025-10-14 | Process group | Y |", "2025-10-14 · Process group · Y"),
        ("Admission | 03/03/2025", "Admission: 03/03/2025"),
        ("|---|---|", ""),
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


def test_the_same_line_quoted_twice_is_one_row() -> None:
    from core.data import Evidence
    from workspace.deciding import by_line, distinct_lines

    doc = "a" * 64
    text = "Symptoms that continue: anhedonia\nPlan: continue IOP\n"

    def ev(quote: str) -> Evidence:
        start = text.index(quote)
        return Evidence(document_id=doc, page=1, start=start, end=start + len(quote), quote=quote)

    spans = [ev("Symptoms that continue"), ev("Plan: continue IOP"), ev("anhedonia")]
    rows = distinct_lines(by_line(spans, {doc: [text]}))
    assert [(r.first, r.line, len(r.evidence)) for r in rows] == [
        (1, "Symptoms that continue: anhedonia", 2),
        (2, "Plan: continue IOP", 1),
    ]
