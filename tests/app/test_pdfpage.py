"""PDF evidence on the rendered page (workspace/pdfpage.py), on real PDFs.

The example charts' PDFs are rendered by ``examples/render_pdfs.py`` (fpdf2); pypdf's page
text (what evidence offsets point into) and pdfium's differ in whitespace and hyphens, and
every line of every example PDF page must still be found, with boxes that cover exactly
the quote's characters (checked against pdfium's own character boxes).
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from fpdf import FPDF
from pdfs import encrypt_pdf, pdf_bytes
from PIL import Image, ImageChops
from pypdf import PdfReader

from core.data import Evidence
from core.errors import ChartReviewError
from examples.render_pdfs import render_text
from pipeline.review import review_chart
from workspace.pdfcrop import LINE_PX, MIN_LINE_PX, PAD_PX, highlight_crop, readable_scale
from workspace.pdfpage import (
    MAX_PIXELS,
    MAX_SCALE,
    PageImage,
    PdfPageError,
    _locate,
    locate_quote,
    render_evidence,
    render_page,
)

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
EXAMPLE_PDFS = sorted(EXAMPLES.glob("*/*.pdf"))
ARTIFACTS = ROOT / "artifacts" / "browser"


def page_texts(data: bytes) -> list[str]:
    return [p.extract_text() for p in PdfReader(io.BytesIO(data)).pages]


def char_centers(data: bytes, page: int, first: int, last: int) -> list[tuple[int, float, float]]:
    """pdfium's tight box centre (in PDF points) of each non-space character first..last."""
    doc = pdfium.PdfDocument(data)
    try:
        tp = doc[page - 1].get_textpage()
        out = []
        for i in range(first, last + 1):
            ch = tp.get_text_range(i, 1)
            if not ch or ch.isspace() or ch == "\ufffe":
                continue
            left, bottom, right, top = tp.get_charbox(i)
            if right > left and top > bottom:
                out.append((i, (left + right) / 2, (bottom + top) / 2))
        return out
    finally:
        doc.close()


def page_height(data: bytes, page: int) -> float:
    doc = pdfium.PdfDocument(data)
    try:
        return float(doc[page - 1].get_height())
    finally:
        doc.close()


def covered(image: PageImage, height_pt: float, x: float, y: float) -> bool:
    px, py = x * image.scale, (height_pt - y) * image.scale
    return any(b.contains(px, py) for b in image.boxes)


def test_the_example_charts_have_pdfs() -> None:
    assert [p.relative_to(EXAMPLES).as_posix() for p in EXAMPLE_PDFS] == [
        "medicare-iop-complete/02_physician_certification.pdf",
        "medicare-iop-gaps/04_group_services_record_2025-01.pdf",
        "medicare-iop-insufficient/03_treatment_plan.pdf",
    ]


@pytest.mark.parametrize("path", EXAMPLE_PDFS, ids=lambda p: p.name)
def test_every_line_of_every_example_pdf_page_is_located(path: Path) -> None:
    """Each non-blank line of pypdf's text, given by its offsets, is found in pdfium's text
    (exact or normalized: the texts differ in runs of spaces and line ends), and the
    characters found are the line's, non-space for non-space."""
    data = path.read_bytes()
    for page, text in enumerate(page_texts(data), start=1):
        lines = [(i, line) for i, line in enumerate_lines(text) if line.strip()]
        assert lines
        for start, line in lines:
            where = locate_quote(
                data, page, quote=line, start=start, end=start + len(line), page_text=text
            )
            assert where.located, (path.name, page, start)
            assert where.match in ("exact", "normalized")
            assert where.char_range is not None
            first, last = where.char_range
            doc = pdfium.PdfDocument(data)
            try:
                found = doc[page - 1].get_textpage().get_text_range(first, last - first + 1)
            finally:
                doc.close()
            assert "".join(found.split()) == "".join(line.split())


def test_every_line_of_every_eval_pdf_is_located() -> None:
    """The eval charts' 37 PDFs (fpdf2 renderings of many layouts: grids, rosters, rule
    lines, forms): each non-blank line of each page found by its offsets."""
    pdfs = sorted((ROOT / "eval").glob("**/*.pdf"))
    assert len(pdfs) == 37
    lines = located = 0
    for path in pdfs:
        data = path.read_bytes()
        for page, text in enumerate(page_texts(data), start=1):
            for start, line in enumerate_lines(text):
                if line.strip():
                    lines += 1
                    where = locate_quote(
                        data, page, quote=line, start=start, end=start + len(line), page_text=text
                    )
                    located += where.located and where.match in ("exact", "normalized")
    assert (lines, located) == (1559, 1559)


def enumerate_lines(text: str) -> list[tuple[int, str]]:
    out, at = [], 0
    for line in text.split("\n"):
        out.append((at, line))
        at += len(line) + 1
    return out


@pytest.fixture(scope="module")
def gaps_review() -> tuple[bytes, list[Evidence], list[str]]:
    """The medicare-iop-gaps chart reviewed: its PDF, and every evidence span of the
    record in that PDF (findings' and facts')."""
    from workspace.view import evidence_items

    review = review_chart([EXAMPLES / "medicare-iop-gaps"], policy="medicare-iop")
    pdf = EXAMPLES / "medicare-iop-gaps" / "04_group_services_record_2025-01.pdf"
    data = pdf.read_bytes()
    doc_id = hashlib.sha256(data).hexdigest()
    spans = list(
        dict.fromkeys(
            ev for i in evidence_items(review.record) for ev in i.shown if ev.document_id == doc_id
        )
    )
    [document] = [d for d in review.documents if d.document_id == doc_id]
    return data, spans, [p.text for p in document.pages]


def test_every_evidence_span_of_a_real_review_is_highlighted_over_its_characters(
    gaps_review: tuple[bytes, list[Evidence], list[str]],
) -> None:
    """Every span the review quotes from the PDF: located, every character of the quote
    inside a highlight box, the non-space characters just before and after it outside."""
    data, spans, texts = gaps_review
    assert len(spans) == 113
    for ev in spans[:12] + spans[-4:]:
        image = render_evidence(data, ev, page_text=texts[ev.page - 1])
        assert image.located and image.char_range is not None, ev
        first, last = image.char_range
        height = page_height(data, ev.page)
        inside = char_centers(data, ev.page, first, last)
        assert len(inside) == len("".join(ev.quote.split())), ev
        assert all(covered(image, height, x, y) for _, x, y in inside), ev
        for _, x, y in char_centers(data, ev.page, max(0, first - 1), first - 1) + char_centers(
            data, ev.page, last + 1, last + 1
        ):
            assert not covered(image, height, x, y), ev
    for ev in spans:  # all of them located (without drawing: quicker)
        where = locate_quote(
            data,
            ev.page,
            quote=ev.quote,
            start=ev.start,
            end=ev.end,
            page_text=texts[ev.page - 1],
        )
        assert where.located, ev


def test_a_repeated_quote_is_highlighted_at_the_occurrence_the_offsets_name(
    gaps_review: tuple[bytes, list[Evidence], list[str]],
) -> None:
    data, _, texts = gaps_review
    text = texts[0]
    starts = [i for i in range(len(text)) if text.startswith("Present", i)]
    assert len(starts) == 17
    seen = []
    for start in starts:
        where = locate_quote(data, 1, quote="Present", start=start, end=start + 7, page_text=text)
        assert where.located and where.char_range is not None
        seen.append(where.char_range)
    assert len(set(seen)) == 17  # each occurrence its own place
    assert seen == sorted(seen)  # in page order
    # without offsets, which one is meant is unknown: none is highlighted
    where = locate_quote(data, 1, quote="Present")
    assert (where.located, where.char_range, where.rects) == (False, None, ())
    assert where.message == (
        "The quote appears 17 times on this page and nothing says which one is meant, "
        "so none is highlighted."
    )


def test_screenshot_of_a_highlighted_quote(
    gaps_review: tuple[bytes, list[Evidence], list[str]],
) -> None:
    """Saved for a person to look at: artifacts/browser/pdf-evidence-highlight.png, the
    crop the evidence panel shows, at the size it is shown."""
    data, spans, texts = gaps_review
    ev = next(e for e in spans if e.page == 2 and e.quote == "10:45 AM-12:15 PM")
    image = render_evidence(data, ev, page_text=texts[1])
    assert image.located and image.match == "exact"
    assert len(image.boxes) == 1
    png = Image.open(io.BytesIO(image.png))
    assert png.size == (image.width, image.height) == (1224, 1584)
    box = image.boxes[0]
    # the rest of the quote's row is highlighted lightly: one box, the same height
    [row] = image.line_boxes
    assert (row.top, row.bottom) == (box.top, box.bottom)
    assert row.left < box.left and row.right > box.right
    # the highlight is drawn inside its boxes and nothing else changed: the same page
    # rendered without a quote differs from it only within the row
    plain = render_page(data, 2, scale=image.scale)
    assert (plain.located, plain.message, plain.line_boxes) == (
        False,
        "No quote was given, so nothing is highlighted.",
        (),
    )
    changed = ImageChops.difference(
        png.convert("RGB"), Image.open(io.BytesIO(plain.png)).convert("RGB")
    )
    assert changed.getbbox() == (row.left, row.top, row.right + 1, row.bottom + 1)
    # outside the quote's box the row is only tinted: no outline, the print still dark
    outside = png.convert("L").crop((row.left, row.top, box.left - 1, row.bottom + 1))
    assert outside.getextrema()[1] >= 240
    # the crop the panel shows: the quote's line 20 CSS px high, sharp at twice that, its
    # lines whole from end to end (blank at both edges, print just inside them), never
    # shown smaller than lines MIN_LINE_PX high
    sharp = render_evidence(data, ev, page_text=texts[1], scale=readable_scale(image))
    crop = highlight_crop(sharp)
    assert crop is not None
    assert abs(crop.quote[3] - crop.quote[1] - LINE_PX) <= 1  # rounded to CSS px
    gray = Image.open(io.BytesIO(crop.png)).convert("L")
    margin = round(2 * PAD_PX)  # image pixels: twice the CSS px

    def blank(x: int) -> bool:
        return gray.crop((x, 0, x + 1, gray.height)).getextrema()[0] >= 160

    assert blank(0) and blank(gray.width - 1)
    assert not all(blank(x) for x in range(2 * margin))
    assert not all(blank(x) for x in range(gray.width - 2 * margin, gray.width))
    assert crop.min_css_width == round(crop.css_width * MIN_LINE_PX / LINE_PX)
    shown = Image.open(io.BytesIO(crop.png)).resize((crop.css_width, crop.css_height))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shown.save(ARTIFACTS / "pdf-evidence-highlight.png")


def hyphenated_pdf() -> bytes:
    return render_text(
        "The member attended treat-\nment sessions with co-\noperation   and  interest\n"
        "  Time In: 09:00    Time Out: 10:30\n",
        "hyphens",
    )


@pytest.mark.parametrize(
    ("quote", "match", "chars"),
    [
        # a word broken at a line end: pdfium joins it with a marker, pypdf keeps "-\n"
        (
            "treat-\nment sessions with co-\noperation",
            "normalized",
            "treatmentsessionswithcooperation",
        ),
        # runs of spaces: pypdf keeps them, pdfium collapses them
        ("operation   and  interest", "normalized", "operationandinterest"),
        ("Time In: 09:00    Time Out: 10:30", "normalized", "TimeIn:09:00TimeOut:10:30"),
        ("The member attended", "exact", "Thememberattended"),
    ],
)
def test_whitespace_and_hyphenation_differences(quote: str, match: str, chars: str) -> None:
    data = hyphenated_pdf()
    [text, *_] = page_texts(data)
    start = text.index(quote)
    image = render_page(data, 1, quote=quote, start=start, end=start + len(quote), page_text=text)
    assert (image.located, image.match) == (True, match)
    assert image.char_range is not None
    first, last = image.char_range
    inside = char_centers(data, 1, first, last)
    doc = pdfium.PdfDocument(data)
    try:
        tp = doc[0].get_textpage()
        assert "".join(tp.get_text_range(i, 1) for i, _, _ in inside).replace("-", "") == chars
    finally:
        doc.close()
    height = page_height(data, 1)
    assert all(covered(image, height, x, y) for _, x, y in inside)
    assert len(image.boxes) == quote.count("\n") + 1  # one box per line


@pytest.mark.parametrize(
    ("pdf_text", "page_text", "quote", "expected"),
    [
        # ligature and curly quotes in pdfium's text
        ("the ﬁrst “goal” met", 'the first "goal" met', 'first "goal"', (4, 14)),
        # a word pypdf split with a space inside, pdfium did not
        ("Group psychotherapy 90 min", "Group psycho therapy 90 min", "psycho therapy 90", (6, 21)),
        # one word read differently (a glyph pdfium maps to another letter): fuzzy, by words
        (
            "Patient attended the process group on Monday",
            "Patient attended the pr0cess group on Monday",
            "attended the pr0cess group on",
            (8, 36),
        ),
        # pdfium orders two lines the other way round: the occurrence with the same
        # surroundings (Monday's), not the first
        (
            "Tuesday group Present\r\nMonday group Present\r\n",
            "Monday group Present\nTuesday group Present\n",
            "Present",
            (36, 42),
        ),
        # a fuzzy match of a few words must hold beyond them: with the word before
        ("aa one two three four dd", "aa one two three fourx bb", "one two three fourx", (3, 15)),
        # ... and without it, they could be anywhere: not located
        ("cc one two three four dd", "aa one two three fourx bb", "one two three fourx", None),
        # the quote's words are far apart in pdfium's text: not one place, not located
        (
            "alpha beta gamma " + "x " * 40 + "delta",
            "alpha beta gamma delta",
            "beta gamma delta",
            None,
        ),
        # a rule line: dashes are compared when the quote has nothing else
        (
            "Date | Service | Time\r\n----------\r\n03/03/2025 | Group | 09:00",
            "Date | Service | Time\n----------\n03/03/2025 | Group | 09:00\n",
            "----------",
            (23, 32),
        ),
        # nothing like it on the page
        ("Patient attended group", "Patient attended group", "discharged home", None),
    ],
)
def test_locate_tolerates_text_differences_and_refuses_guesses(
    pdf_text: str, page_text: str, quote: str, expected: tuple[int, int] | None
) -> None:
    start = page_text.find(quote)
    if start == -1:  # not in the page text either: a quote without offsets
        found = _locate(list(pdf_text), quote, None, None, None)
    else:
        found = _locate(list(pdf_text), quote, page_text, start, start + len(quote))
    if expected is None:
        assert isinstance(found, str)
        assert found.startswith("The quoted words could not be found on this page's image")
    else:
        assert not isinstance(found, str)
        assert (found.first, found.last) == expected


def test_a_line_pdfium_does_not_have_is_not_located_at_its_twin() -> None:
    """pypdf's text has the quote twice, pdfium's once (the other line's): not a guess."""
    page_text = "Monday group Present\nTuesday group Present\n"
    start = page_text.rindex("Present")
    found = _locate(list("Monday group Present\r\n"), "Present", page_text, start, start + 7)
    assert isinstance(found, str) and found.startswith("The quoted words could not be found")


def test_a_fuzzy_highlight_says_it_is_approximate() -> None:
    data = render_text("Patient attended the process group on Monday\n", "fuzzy")
    page_text = "Patient attended the pr0cess group on Monday\nfuzzy - Page 1 of 1"
    quote = "attended the pr0cess group on"
    start = page_text.index(quote)
    image = render_page(
        data, 1, quote=quote, start=start, end=start + len(quote), page_text=page_text
    )
    assert (image.located, image.match, len(image.boxes)) == (True, "fuzzy", 1)
    assert image.message == (
        "Highlighted by matching the quote's words: this page's text differs a little from "
        "the text the review read, so check the highlight against the quote."
    )


def test_a_quote_not_on_the_page_gives_the_page_without_a_highlight() -> None:
    data = (EXAMPLES / "medicare-iop-complete" / "02_physician_certification.pdf").read_bytes()
    image = render_page(data, 1, quote="Patient discharged against medical advice")
    assert (image.located, image.match, image.boxes, image.char_range) == (False, "none", (), None)
    assert image.message == (
        "The quoted words could not be found on this page's image, so nothing is "
        "highlighted: read the quote in the text view."
    )
    assert Image.open(io.BytesIO(image.png)).size == (1224, 1584)


def test_a_page_without_a_text_layer_says_so() -> None:
    from pdfs import image_pdf_bytes

    image = render_page(image_pdf_bytes(), 1, quote="anything")
    assert (image.located, image.boxes) == (False, ())
    assert image.message == (
        "This page has no text layer (a scan?), so the quote cannot be shown on it."
    )


def test_offsets_alone_name_the_quote() -> None:
    data = (EXAMPLES / "medicare-iop-complete" / "02_physician_certification.pdf").read_bytes()
    [text] = page_texts(data)
    start = text.index("Admission Date: 03/03/2025")
    image = render_page(data, 1, start=start, end=start + 26)  # page text read with pypdf
    assert (image.located, image.match, len(image.boxes)) == (True, "exact", 1)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda: encrypt_pdf(pdf_bytes(["secret"]), user_password="pw", owner_password="own"),
            "The PDF is encrypted and needs a password to open, so its page cannot be shown: "
            "ask the sender for a copy without a password.",
        ),
        (
            lambda: b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog",
            "The PDF is damaged or not really a PDF, so its page cannot be shown: ask the "
            "sender for a new export of the document.",
        ),
        (
            lambda: b"",
            "The PDF is damaged or not really a PDF, so its page cannot be shown: "
            "ask the sender for a new export of the document.",
        ),
        (
            lambda: pdf_bytes(["one page"]),
            "The PDF has 1 page(s), not a page 3: the evidence belongs to another version of "
            "this document.",
        ),
    ],
    ids=["encrypted", "damaged", "empty", "no-such-page"],
)
def test_unusable_pdfs_give_a_typed_error_for_the_user(make: object, message: str) -> None:
    assert callable(make)
    with pytest.raises(PdfPageError) as caught:
        render_page(make(), 3 if "page 3" in message else 1, quote="x")
    assert str(caught.value) == message
    assert isinstance(caught.value, ChartReviewError)


def test_an_owner_password_only_pdf_renders() -> None:
    data = encrypt_pdf(
        pdf_bytes(["Group psychotherapy 09:00-10:30"]), user_password="", owner_password="own"
    )
    image = render_page(data, 1, quote="09:00-10:30")
    assert (image.located, len(image.boxes)) == (True, 1)


def test_evidence_of_another_document_is_refused() -> None:
    data = pdf_bytes(["Group psychotherapy"])
    ev = Evidence(document_id="0" * 64, page=1, start=0, end=5, quote="Group")
    with pytest.raises(PdfPageError, match=r"^This PDF is not the document the evidence quotes"):
        render_evidence(data, ev)


def test_a_missing_file_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(PdfPageError, match=r"^The PDF could not be opened"):
        render_page(tmp_path / "gone.pdf", 1)


@pytest.mark.parametrize(
    ("size_mm", "scale", "max_scale"),
    [
        ((215.9, 279.4), 100.0, MAX_SCALE),  # a Letter page: the scale is capped
        ((4000.0, 4000.0), 2.0, None),  # a huge page: the pixel count is capped
    ],
)
def test_rendering_is_bounded(
    size_mm: tuple[float, float], scale: float, max_scale: float | None
) -> None:
    pdf = FPDF(format=size_mm)
    pdf.set_font("Helvetica", size=11)
    pdf.add_page()
    pdf.cell(0, 10, "Group psychotherapy")
    image = render_page(bytes(pdf.output()), 1, quote="psychotherapy", scale=scale)
    assert image.width * image.height <= MAX_PIXELS
    if max_scale is not None:
        assert image.scale == max_scale
    assert image.located


@pytest.mark.parametrize("rotation", [90, 180, 270])
def test_a_rotated_page_is_highlighted_in_the_same_place(rotation: int) -> None:
    """The same page stored with /Rotate: its highlight is the upright one's, turned."""
    from pypdf import PdfWriter

    upright = render_text("Date | Service | Time\n03/03/2025 | Process group | 09:00-10:30\n", "r")
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(upright)))
    writer.pages[0].rotate(rotation)
    out = io.BytesIO()
    writer.write(out)
    rotated = out.getvalue()
    quote = "09:00-10:30"
    a = render_page(upright, 1, quote=quote)
    b = render_page(rotated, 1, quote=quote)
    assert a.located and b.located and len(a.boxes) == len(b.boxes) == 1
    w, h = a.width, a.height
    box = a.boxes[0]
    turned = {
        90: (h - box.bottom, box.left, h - box.top, box.right),
        180: (w - box.right, h - box.bottom, w - box.left, h - box.top),
        270: (box.top, w - box.right, box.bottom, w - box.left),
    }[rotation]
    got = b.boxes[0]
    assert (b.width, b.height) == ((h, w) if rotation in (90, 270) else (w, h))
    assert all(
        abs(x - y) <= 2
        for x, y in zip((got.left, got.top, got.right, got.bottom), turned, strict=True)
    ), (got, turned)


@pytest.mark.parametrize(
    ("quote", "whole_line"),
    [
        ("10:30", True),  # a time: the rest of its line lightly
        ("sessions with co-\noperation", True),  # over two lines: both
        ("Time In: 09:00    Time Out: 10:30", False),  # the quote is its line: nothing more
    ],
)
def test_the_rest_of_the_quotes_line_is_boxed_lightly(quote: str, whole_line: bool) -> None:
    data = hyphenated_pdf()
    [text, *_] = page_texts(data)
    start = text.index(quote)
    image = render_page(data, 1, quote=quote, start=start, end=start + len(quote), page_text=text)
    assert image.located and image.char_range is not None
    if not whole_line:
        assert image.line_boxes == ()
        return
    # every character of the quote's line(s) lies in a light box
    doc = pdfium.PdfDocument(data)
    try:
        chars = doc[0].get_textpage().get_text_range()
    finally:
        doc.close()
    first, last = image.char_range
    lo = max(chars.rfind("\n", 0, first), chars.rfind("\r", 0, first)) + 1
    hi = min(i for i in (chars.find("\r", last), chars.find("\n", last), len(chars)) if i >= 0)
    height = page_height(data, 1)
    centres = char_centers(data, 1, lo, hi - 1)
    assert len(centres) > len("".join(quote.split())) - 2
    for _, x, y in centres:
        px, py = x * image.scale, (height - y) * image.scale
        assert any(b.contains(px, py) for b in image.line_boxes), (x, y)
