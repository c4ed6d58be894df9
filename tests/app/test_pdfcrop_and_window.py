"""The evidence panel's helpers: the readable part of a PDF page around its highlight,
the lines around a quote (its row marked), and quotes shown without Markdown markup."""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image

from workspace.pdfcrop import LINE_PX, PANEL_PX, crop_html, highlight_crop, readable_scale
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


# a quote's box 24 px high: shown 18 CSS px high, so 0.75 CSS px a pixel; the column's
# 330 CSS px are 440 pixels of the page
QUOTE = Box(400, 386, 500, 410)


def test_the_crop_is_a_column_wide_around_the_quote_and_cuts_no_line() -> None:
    crop = highlight_crop(page((QUOTE,)))
    assert crop is not None
    with Image.open(io.BytesIO(crop.png)) as img:
        # across: 440 px centred on the quote (400..500), not the page's 840 px of print;
        # down: two lines either side (58 px), out to the gaps between lines (317, 474)
        assert img.size == (440, 158)
        assert blank_row(crop.png, 0) and blank_row(crop.png, img.height - 1)
        assert not blank_row(crop.png, 2)  # the line above the gap is whole, not cut
    assert (crop.css_width, crop.css_height) == (PANEL_PX, 118)
    # the quote in the crop, in CSS px: 18 px high, where it is in the page
    assert crop.quote == (128, 52, 202, 70)
    assert crop.quote[3] - crop.quote[1] == LINE_PX


def test_the_crop_holds_the_whole_of_the_quotes_line() -> None:
    line = Box(76, 386, 924, 410)  # the quote's row: across the page's print
    crop = highlight_crop(page((QUOTE,), (line,)))
    assert crop is not None
    with Image.open(io.BytesIO(crop.png)) as img:
        assert img.size == (862, 158)  # the print 80..920, a margin of 11 px
    assert (crop.css_width, crop.css_height, crop.quote) == (646, 118, (248, 52, 323, 70))
    # a quote at the left end of a row wider than two columns: the row is never cut more
    # than a column beyond the quote (the right end of a wide row stays in the crop)
    left = Box(80, 386, 160, 410)
    crop = highlight_crop(page((left,), (line,)))
    assert crop is not None
    with Image.open(io.BytesIO(crop.png)) as img:
        assert img.size == (862, 158)  # was 80 + 440 + 11: cut after "a column beyond"
    # a row wider than the page stops at the page's print
    crop = highlight_crop(page((QUOTE,), (Box(0, 386, 2000, 410),)))
    assert crop is not None
    with Image.open(io.BytesIO(crop.png)) as img:
        assert img.width == 862


def test_the_crop_stops_at_the_page_edges() -> None:
    crop = highlight_crop(page((Box(80, 0, 200, 24),)))
    assert crop is not None
    with Image.open(io.BytesIO(crop.png)) as img:
        # from the page's top; across from the print's left edge less the margin
        assert img.size == (440, 91)  # rows 0..90, the gap under the second line below
    assert crop.quote[:2] == (8, 0)


def test_no_crop_when_the_quote_was_not_located() -> None:
    assert highlight_crop(page((), located=False)) is None


def test_the_crop_is_rendered_sharp_for_a_high_density_screen() -> None:
    # 24 px at scale 2 is 12 pt: 36 px (18 CSS px, twice) need scale 3
    assert readable_scale(page((QUOTE,))) == 3.0
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
    # at its readable size at most, narrower to fit the column (never cut at its edge);
    # the marker over the quote in shares of the crop, so it stays on the quote
    assert head == (
        '<div class="cr-pdf"><div class="cr-pdf-crop" '
        'style="width:100%;max-width:330px;aspect-ratio:330/118"><img '
    )
    assert data.split('"', 1)[1] == (
        ' alt="The quote highlighted on page 1 &lt;of 2&gt;" style="width:100%;height:auto">'
        '<span id="evidence-span" style="left:38.788%;top:44.068%;width:22.424%;'
        'height:15.254%"></span></div></div>'
    )


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
