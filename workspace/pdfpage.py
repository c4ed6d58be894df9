"""PDF evidence on the page itself: the page rendered to PNG, the quote's boxes highlighted.

API (for ``app.py``)::

    from workspace.pdfpage import PdfPageError, locate_quote, render_evidence, render_page

    # evidence from a record, the PDF's bytes (or path), and the page's text as the review
    # read it (optional: without it the page is read again with pypdf, as ingest does)
    image = render_evidence(pdf_bytes, evidence, page_text=text)
    st.image(image.png, width=image.width)
    if not image.located:
        st.warning(image.message)          # never a highlight in the wrong place

    # the same without an Evidence object (a quote and/or its offsets in the page text)
    image = render_page(pdf_bytes, page=2, quote="...", start=120, end=160)

    # where the quote is, without drawing (QuoteLocation: located, match, message,
    # char_range, rects in PDF points)
    where = locate_quote(pdf_bytes, page=2, quote="...", start=120, end=160)

Render once per evidence choice and cache it (``st.cache_data`` on the document id, page and
offsets): a Letter page takes about 60 ms here and its PNG about 220 KB.

:class:`PageImage` holds ``png`` (bytes), ``width``/``height`` (pixels), ``scale`` (pixels
per PDF point), ``boxes`` (the highlighted rectangles, in pixels of ``png``), ``line_boxes``
(the rest of the quote's line, highlighted lightly: the row a date is in), ``located``,
``match`` (``"exact"``, ``"normalized"``, ``"fuzzy"`` or ``"none"``) and ``message`` (for
the reviewer: why nothing is highlighted, or that a fuzzy highlight is approximate; empty
otherwise). Every failure the user can meet is a
:class:`PdfPageError` (``core.errors`` tree) whose message says what to do: a PDF that is
encrypted, damaged, not the evidence's document, too large, or without that page.

How the quote is found. Evidence offsets point into pypdf's text of the page; the boxes
come from pdfium's text page, whose text differs in whitespace (runs of spaces collapsed,
``\\r\\n`` line ends) and sometimes in hyphens and ligatures. Both texts are reduced to
their non-space characters (NFKC, case folded, dashes and soft hyphens left out, curly
quotes straightened) and the quote is looked up in pdfium's. A quote found more than once
is told apart by its surroundings (the characters on one side of the occurrence the
offsets point at must be the same); among occurrences with the same surroundings, the
k-th in pypdf's text is taken as the k-th in pdfium's when both hold it equally often.
Otherwise the two pages' words are aligned (difflib) and the quote's words mapped through
the alignment; at least three quarters of them must map, close together, and the
alignment must hold beyond the quote (a word either side) unless it has six words or more.
Anything else is "not located": the page is shown without a highlight and ``message`` says
so.

Bounds: a PDF of at most :data:`MAX_PDF_BYTES`; the scale is clamped to
:data:`MAX_SCALE` and lowered until the image holds at most :data:`MAX_PIXELS` pixels.
pdfium is not thread-safe and Streamlit runs sessions in threads: one lock serialises
every call into it. Rendering time itself is not bounded (a hostile PDF may draw slowly);
pages are drawn only when a reviewer opens their evidence. Nothing is logged (file names
and chart text stay out of logs).
"""

from __future__ import annotations

import bisect
import ctypes
import difflib
import hashlib
import io
import math
import re
import threading
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image, ImageDraw
from pypdf import PasswordType, PdfReader

from core.data import Evidence
from core.errors import ChartReviewError

#: A PDF larger than this is not rendered (the same limit as ingest's).
MAX_PDF_BYTES = 50 * 1024 * 1024
#: The default resolution: 2 pixels per PDF point (144 dpi; a Letter page is 1224x1584).
DEFAULT_SCALE = 2.0
#: No page is rendered sharper than this, whatever the caller asks.
MAX_SCALE = 4.0
#: No image holds more pixels than this (the scale is lowered for a large page).
MAX_PIXELS = 8_000_000
#: The quote's words that must map through the word alignment for a fuzzy match.
MIN_FUZZY_COVERAGE = 0.75
#: A quote of fewer words must be aligned together with a word beyond it.
MIN_UNANCHORED_WORDS = 6
#: Word alignment is skipped for pages with more words than this (it is quadratic).
MAX_ALIGN_WORDS = 20_000
#: Characters either side of a repeated quote compared to tell its occurrences apart
#: (compared characters: no spaces or dashes), and the fewest that may decide.
CONTEXT, MIN_CONTEXT = 24, 8

Match = Literal["exact", "normalized", "fuzzy", "none"]

_LOCK = threading.Lock()

# left out of the compared characters: dashes, soft hyphens and the markers pdfium puts
# for a hyphen that ends a line (\\x02, \\ufffe)
_SKIPPED = frozenset("-\u00ad\u2010\u2011\u2012\u2013\u2014\u2015\u2212\x02\ufffe")
_FOLD = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "`": "'"})
_WORD = re.compile(r"\w+")

HIGHLIGHT_FILL = (255, 221, 0, 96)
HIGHLIGHT_OUTLINE = (214, 92, 0, 255)
#: The rest of the quote's line (a table row, the words before a date), lightly.
LINE_FILL = (255, 221, 0, 64)


class PdfPageError(ChartReviewError):
    """The PDF page cannot be shown (encrypted, damaged, too large, no such page, not the
    evidence's document). The message is for the reviewer and names no file."""


@dataclass(frozen=True)
class Box:
    """A rectangle in pixels of the rendered image (``left < right``, ``top < bottom``)."""

    left: int
    top: int
    right: int
    bottom: int

    def contains(self, x: float, y: float) -> bool:
        return self.left <= x <= self.right and self.top <= y <= self.bottom


@dataclass(frozen=True)
class PageImage:
    """A rendered page and where the quote is on it (see the module docstring)."""

    png: bytes
    width: int
    height: int
    page: int
    page_count: int
    scale: float
    boxes: tuple[Box, ...]
    located: bool
    match: Match
    message: str
    # pdfium's character indices of the located quote (first, last inclusive), if located
    char_range: tuple[int, int] | None = None
    # the rest of the quote's line(s), highlighted lightly (empty: the quote is its line)
    line_boxes: tuple[Box, ...] = ()


@dataclass(frozen=True)
class _Keyed:
    """A text reduced to its compared characters, each with the index it came from."""

    key: str
    index: tuple[int, ...]


def _fold(char: str, *, dashes: bool = False) -> str:
    """``char`` (or a string) as compared: NFKC, case folded, straight quotes; no spaces,
    control or format characters, and no dashes unless ``dashes``."""
    out = []
    for ch in unicodedata.normalize("NFKC", char).casefold().translate(_FOLD):
        if ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf", "Zs"):
            continue
        if ch in _SKIPPED and not (dashes and ch.isprintable()):
            continue
        out.append(ch)
    return "".join(out)


def _keyed(chars: Sequence[str], *, dashes: bool = False) -> _Keyed:
    key: list[str] = []
    index: list[int] = []
    for i, char in enumerate(chars):
        folded = _fold(char, dashes=dashes)
        key.append(folded)
        index.extend([i] * len(folded))
    return _Keyed("".join(key), tuple(index))


def _occurrences(haystack: str, needle: str, limit: int = 10_000) -> list[int]:
    found: list[int] = []
    at = haystack.find(needle)
    while at != -1 and len(found) < limit:
        found.append(at)
        at = haystack.find(needle, at + 1)
    return found


def _words(chars: Sequence[str]) -> list[tuple[str, int, int]]:
    """Words of ``chars`` (folded), with the index of their first and last character."""
    text = "".join(c if len(c) == 1 else "\ufffd" for c in chars)
    words = []
    for m in _WORD.finditer(text):
        folded = _fold(m.group(0))
        if folded:
            words.append((folded, m.start(), m.end() - 1))
    return words


@dataclass(frozen=True)
class _Found:
    first: int
    last: int
    match: Match


def _ends(
    pdf_chars: Sequence[str], quote: str, first: int, last: int, match: Match, dashes: bool
) -> _Found:
    """The match; widened over the quote's leading and trailing dashes when dashes were
    left out of the comparison."""
    if dashes:
        return _Found(first, last, match)
    return _edges(pdf_chars, quote, first, last, match)


def _edges(pdf_chars: Sequence[str], quote: str, first: int, last: int, match: Match) -> _Found:
    """Widen a match over the dashes the quote starts or ends with (left out of the
    comparison): "| - | -" ends with a dash that must be highlighted too."""
    core = "".join(quote.split())
    lead = len(core) - len(core.lstrip("".join(_SKIPPED)))
    trail = len(core) - len(core.rstrip("".join(_SKIPPED)))
    for _ in range(lead):
        i = first - 1
        while i >= 0 and pdf_chars[i].isspace():
            i -= 1
        if i < 0 or pdf_chars[i] not in _SKIPPED:
            break
        first = i
    for _ in range(trail):
        i = last + 1
        while i < len(pdf_chars) and pdf_chars[i].isspace():
            i += 1
        if i >= len(pdf_chars) or pdf_chars[i] not in _SKIPPED:
            break
        last = i
    return _Found(first, last, match)


def _locate(
    pdf_chars: Sequence[str],
    quote: str,
    page_text: str | None,
    start: int | None,
    end: int | None,
) -> _Found | str:
    """pdfium character range of the quote, or why it was not located."""
    # dashes are left out of the comparison (hyphenation), unless the quote is only dashes
    # and other marks (a rule line "-----")
    dashes = not _fold(quote)
    pdf = _keyed(pdf_chars, dashes=dashes)
    wanted = _fold(quote, dashes=dashes)
    if not pdf.key:
        return "This page has no text layer (a scan?), so the quote cannot be shown on it."
    if not wanted:
        return "The quote holds nothing but spaces, so there is nothing to show on the page."
    hits = _occurrences(pdf.key, wanted)
    exact = quote in "".join(pdf_chars)
    if page_text is None or start is None or end is None:
        if len(hits) == 1:
            first, last = pdf.index[hits[0]], pdf.index[hits[0] + len(wanted) - 1]
            return _ends(pdf_chars, quote, first, last, _kind(exact), dashes)
        if not hits:
            return _NOT_FOUND
        return (
            f"The quote appears {len(hits)} times on this page and nothing says which one "
            "is meant, so none is highlighted."
        )
    ref = _keyed(page_text, dashes=dashes)
    ref_hits = _occurrences(ref.key, wanted)
    at_ref = bisect.bisect_left(ref.index, start)
    same = _same_occurrence(pdf.key, hits, ref.key, ref_hits, at_ref, len(wanted))
    if same is not None:
        first, last = pdf.index[same], pdf.index[same + len(wanted) - 1]
        return _ends(pdf_chars, quote, first, last, _kind(exact), dashes)
    return _align(pdf_chars, page_text, start, end)


def _confirmed(key: str, at: int, size: int, ref: str, ref_at: int) -> bool:
    """Whether an occurrence in pdfium's text has the surroundings of pypdf's: on one side
    at least, the :data:`CONTEXT` characters next to it (all there are, if at least
    :data:`MIN_CONTEXT`) are the same."""
    before = min(CONTEXT, ref_at)
    if (
        before >= MIN_CONTEXT
        and at >= before
        and key[at - before : at] == ref[ref_at - before : ref_at]
    ):
        return True
    after = min(CONTEXT, len(ref) - ref_at - size)
    return (
        after >= MIN_CONTEXT
        and key[at + size : at + size + after] == ref[ref_at + size : ref_at + size + after]
    )


def _same_occurrence(
    key: str, hits: list[int], ref: str, ref_hits: list[int], at_ref: int, size: int
) -> int | None:
    """The occurrence in pdfium's text that is the one the offsets point at in pypdf's:
    the only one in both texts; else the only one with the same surroundings; among
    several with the same surroundings, the k-th when both texts hold the quote equally
    often (they may order blocks differently: the k-th alone is not trusted); else
    ``None``."""
    if not hits or at_ref not in ref_hits:
        return None
    if len(hits) == 1 and len(ref_hits) == 1:
        return hits[0]
    alike = [h for h in hits if _confirmed(key, h, size, ref, at_ref)]
    if len(alike) == 1:
        return alike[0]
    if len(alike) > 1 and len(hits) == len(ref_hits):
        kth = hits[ref_hits.index(at_ref)]
        if kth in alike:
            return kth
    return None


_NOT_FOUND = (
    "The quoted words could not be found on this page's image, so nothing is highlighted: "
    "read the quote in the text view."
)


_APPROXIMATE = (
    "Highlighted by matching the quote's words: this page's text differs a little from the "
    "text the review read, so check the highlight against the quote."
)


def _kind(exact: bool) -> Match:
    return "exact" if exact else "normalized"


def _align(pdf_chars: Sequence[str], page_text: str, start: int, end: int) -> _Found | str:
    """Map the quote's words through an alignment of the two texts' words."""
    pdf_words = _words(pdf_chars)
    ref_words = _words(page_text)
    if not pdf_words or max(len(pdf_words), len(ref_words)) > MAX_ALIGN_WORDS:
        return _NOT_FOUND
    quote_at = [i for i, (_, s, e) in enumerate(ref_words) if s < end and e >= start]
    if not quote_at:
        return _NOT_FOUND
    matcher = difflib.SequenceMatcher(
        None, [w for w, _, _ in ref_words], [w for w, _, _ in pdf_words], autojunk=False
    )
    mapping: dict[int, int] = {}
    blocks = matcher.get_matching_blocks()
    for a, b, size in blocks:
        for k in range(size):
            mapping[a + k] = b + k
    mapped = [mapping[i] for i in quote_at if i in mapping]
    if len(mapped) < MIN_FUZZY_COVERAGE * len(quote_at):
        return _NOT_FOUND
    lo, hi = min(mapped), max(mapped)
    if hi - lo + 1 > len(quote_at) + max(2, len(quote_at) // 4):
        return _NOT_FOUND  # the words map far apart: not one place on the page
    first, last = quote_at[0], quote_at[-1]
    # a matching block that holds a word of the quote and a word beyond it
    anchored = any(
        size and a <= last and a + size - 1 >= first and (a < first or a + size - 1 > last)
        for a, _, size in blocks
    )
    if not anchored and len(quote_at) < MIN_UNANCHORED_WORDS:
        return _NOT_FOUND  # a few words matched alone: they may be anywhere on the page
    return _Found(pdf_words[lo][1], pdf_words[hi][2], "fuzzy")


# --------------------------------------------------------------------------- pdfium


def _read(pdf: bytes | Path) -> bytes:
    """The PDF's bytes, at most :data:`MAX_PDF_BYTES` of them."""
    if isinstance(pdf, Path):
        try:
            size = pdf.stat().st_size
            if size > MAX_PDF_BYTES:
                raise PdfPageError(_too_large(size))
            data = pdf.read_bytes()
        except OSError as e:
            raise PdfPageError(
                "The PDF could not be opened (it was moved, deleted or is not readable): "
                "upload the chart again."
            ) from e
    else:
        data = bytes(pdf)
    if len(data) > MAX_PDF_BYTES:
        raise PdfPageError(_too_large(len(data)))
    return data


def _open(data: bytes) -> Any:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        if getattr(e, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD:
            raise PdfPageError(
                "The PDF is encrypted and needs a password to open, so its page cannot be "
                "shown: ask the sender for a copy without a password."
            ) from e
        raise PdfPageError(
            "The PDF is damaged or not really a PDF, so its page cannot be shown: ask the "
            "sender for a new export of the document."
        ) from e


def _too_large(size: int) -> str:
    return (
        f"The PDF is {size / 2**20:.1f} MiB, more than the {MAX_PDF_BYTES // 2**20} MiB a page "
        "is shown from: split the document into smaller files."
    )


def _char(textpage: Any, index: int) -> str:
    code = int(pdfium_c.FPDFText_GetUnicode(textpage.raw, index))
    if code <= 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return "\ufffd"
    return chr(code)


def _line_boxes(textpage: Any, first: int, last: int) -> list[tuple[float, float, float, float]]:
    """The loose boxes of the non-space characters first..last, merged along each line
    (PDF points: left, bottom, right, top)."""
    lines: list[list[float]] = []
    for i in range(first, last + 1):
        if _char(textpage, i).isspace():
            continue
        try:
            left, bottom, right, top = textpage.get_charbox(i, loose=True)
        except pdfium.PdfiumError:
            continue
        if right <= left or top <= bottom:
            continue
        if lines:
            cur = lines[-1]
            middle = (bottom + top) / 2
            height = max(top - bottom, cur[3] - cur[1])
            same_line = cur[1] <= middle <= cur[3]
            if same_line and cur[0] - 0.5 * height <= left <= cur[2] + 3 * height:
                cur[0], cur[1] = min(cur[0], left), min(cur[1], bottom)
                cur[2], cur[3] = max(cur[2], right), max(cur[3], top)
                continue
        lines.append([left, bottom, right, top])
    return [(a, b, c, d) for a, b, c, d in lines]


def _to_device(page: Any, width: int, height: int, x: float, y: float) -> tuple[int, int]:
    dx, dy = ctypes.c_int(), ctypes.c_int()
    ok = pdfium_c.FPDF_PageToDevice(
        page.raw, 0, 0, width, height, 0, x, y, ctypes.byref(dx), ctypes.byref(dy)
    )
    if not ok:
        raise PdfPageError("The PDF page could not be laid out: ask for a new export.")
    return dx.value, dy.value


def _scale_for(width_pt: float, height_pt: float, wanted: float) -> float:
    if not (math.isfinite(width_pt) and math.isfinite(height_pt)) or width_pt <= 0:
        raise PdfPageError("The PDF page has no size, so it cannot be shown: ask for a new export.")
    if height_pt <= 0:
        raise PdfPageError("The PDF page has no size, so it cannot be shown: ask for a new export.")
    scale = min(max(wanted, 0.1), MAX_SCALE)
    if width_pt * height_pt * scale * scale > MAX_PIXELS:
        scale = math.sqrt(MAX_PIXELS / (width_pt * height_pt)) * 0.999
    return scale


def _pypdf_text(data: bytes, page: int) -> str | None:
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
            return None
        return reader.pages[page - 1].extract_text()
    except Exception:  # pypdf raises many types on damaged files; pdfium may still draw it
        return None


@dataclass(frozen=True)
class QuoteLocation:
    """Where a quote is on a page, without rendering it: pdfium's character range and the
    merged line rectangles in PDF points (left, bottom, right, top)."""

    page: int
    page_count: int
    located: bool
    match: Match
    message: str
    char_range: tuple[int, int] | None
    rects: tuple[tuple[float, float, float, float], ...]
    # the line(s) the quote is on, when they hold more than the quote (same units)
    line_rects: tuple[tuple[float, float, float, float], ...] = ()


def locate_quote(
    pdf: bytes | Path,
    page: int,
    *,
    quote: str | None = None,
    start: int | None = None,
    end: int | None = None,
    page_text: str | None = None,
) -> QuoteLocation:
    """Find ``quote`` on page ``page`` as :func:`render_page` does, without drawing it."""
    data = _read(pdf)
    with _LOCK:
        document = _open(data)
        try:
            return _locate_on(data, document, page, quote, start, end, page_text)[0]
        finally:
            document.close()


def render_page(
    pdf: bytes | Path,
    page: int,
    *,
    quote: str | None = None,
    start: int | None = None,
    end: int | None = None,
    page_text: str | None = None,
    scale: float = DEFAULT_SCALE,
) -> PageImage:
    """Page ``page`` (1-based) of ``pdf`` as PNG, with ``quote`` highlighted where found.

    ``start``/``end`` are the quote's offsets in pypdf's text of the page (``page_text``,
    read here when not given); they pick the occurrence meant when the quote appears more
    than once. With only offsets, the quote is ``page_text[start:end]``. Raises
    :class:`PdfPageError`.
    """
    data = _read(pdf)
    with _LOCK:
        document = _open(data)
        try:
            where, pdf_page = _locate_on(data, document, page, quote, start, end, page_text)
            return _draw(pdf_page, where, scale)
        finally:
            document.close()


def render_evidence(
    pdf: bytes | Path,
    evidence: Evidence,
    *,
    page_text: str | None = None,
    scale: float = DEFAULT_SCALE,
) -> PageImage:
    """:func:`render_page` for an evidence span of a record; the PDF must be the evidence's
    document (its SHA-256 is the ``document_id``), else :class:`PdfPageError`."""
    data = _read(pdf)
    if hashlib.sha256(data).hexdigest() != evidence.document_id:
        raise PdfPageError(
            "This PDF is not the document the evidence quotes (its content differs): open "
            "the case's own copy of the document."
        )
    return render_page(
        data,
        evidence.page,
        quote=evidence.quote,
        start=evidence.start,
        end=evidence.end,
        page_text=page_text,
        scale=scale,
    )


def render_spans(
    pdf: bytes | Path,
    spans: Sequence[Evidence],
    *,
    page_text: str | None = None,
    scale: float = DEFAULT_SCALE,
) -> PageImage:
    """:func:`render_evidence` for several spans of one page (a session's date line and
    its time line): every span located is highlighted, with the rest of its line(s). The
    message is that of the first span that could not be located, if any."""
    if not spans:
        raise PdfPageError("No quote was given, so nothing is shown.")
    first = spans[0]
    if len(spans) == 1:
        return render_evidence(pdf, first, page_text=page_text, scale=scale)
    data = _read(pdf)
    if hashlib.sha256(data).hexdigest() != first.document_id or any(
        (ev.document_id, ev.page) != (first.document_id, first.page) for ev in spans
    ):
        raise PdfPageError(
            "This PDF is not the document the evidence quotes (its content differs): open "
            "the case's own copy of the document."
        )
    with _LOCK:
        document = _open(data)
        try:
            found = []
            pdf_page = None
            for ev in spans:
                where, pdf_page = _locate_on(
                    data, document, ev.page, ev.quote, ev.start, ev.end, page_text
                )
                found.append(where)
            assert pdf_page is not None
            located = [w for w in found if w.located]
            missing = next((w for w in found if not w.located), None)
            merged = QuoteLocation(
                first.page,
                found[0].page_count,
                bool(located),
                located[0].match if located else "none",
                missing.message if missing is not None else located[0].message,
                located[0].char_range if located else None,
                tuple(r for w in located for r in w.rects),
                tuple(r for w in located for r in (w.line_rects or w.rects)),
            )
            return _draw(pdf_page, merged, scale)
        finally:
            document.close()


_DAMAGED_PAGE = "The PDF page is damaged and could not be drawn: ask the sender for a new export."


def _locate_on(
    data: bytes,
    document: Any,
    page_number: int,
    quote: str | None,
    start: int | None,
    end: int | None,
    page_text: str | None,
) -> tuple[QuoteLocation, Any]:
    page_count = len(document)
    if not 1 <= page_number <= page_count:
        raise PdfPageError(
            f"The PDF has {page_count} page(s), not a page {page_number}: the evidence "
            "belongs to another version of this document."
        )
    try:
        page = document[page_number - 1]
        textpage = page.get_textpage()
        chars = [_char(textpage, i) for i in range(textpage.count_chars())]
    except pdfium.PdfiumError as e:
        raise PdfPageError(_DAMAGED_PAGE) from e
    if (start is not None or end is not None) and page_text is None:
        page_text = _pypdf_text(data, page_number)
    offsets_fit = (
        page_text is not None
        and start is not None
        and end is not None
        and 0 <= start < end <= len(page_text)
        and (quote is None or page_text[start:end] == quote)
    )
    if quote is None and offsets_fit:
        assert page_text is not None and start is not None and end is not None
        quote = page_text[start:end]
    found: _Found | str
    if quote is None:
        found = "No quote was given, so nothing is highlighted."
    else:
        found = _locate(
            chars,
            quote,
            page_text if offsets_fit else None,
            start if offsets_fit else None,
            end if offsets_fit else None,
        )
    rects: tuple[tuple[float, float, float, float], ...] = ()
    if isinstance(found, _Found):
        rects = tuple(_line_boxes(textpage, found.first, found.last))
        if not rects:
            found = _NOT_FOUND
    if isinstance(found, _Found):
        note = _APPROXIMATE if found.match == "fuzzy" else ""
        first, last = _whole_lines(chars, found.first, found.last)
        longer = any(
            not c.isspace() for c in chars[first : found.first] + chars[found.last + 1 : last + 1]
        )
        line_rects = tuple(_line_boxes(textpage, first, last)) if longer else ()
        where = QuoteLocation(
            page_number,
            page_count,
            True,
            found.match,
            note,
            (found.first, found.last),
            rects,
            line_rects,
        )
    else:
        where = QuoteLocation(page_number, page_count, False, "none", found, None, ())
    return where, page


def _whole_lines(chars: Sequence[str], first: int, last: int) -> tuple[int, int]:
    """pdfium's character range first..last widened to the whole line(s) it is on (pdfium
    ends each line of its text with a line break)."""
    while first > 0 and chars[first - 1] not in "\r\n":
        first -= 1
    while last + 1 < len(chars) and chars[last + 1] not in "\r\n":
        last += 1
    return first, last


def _draw(page: Any, where: QuoteLocation, wanted_scale: float) -> PageImage:
    try:
        width_pt, height_pt = page.get_size()
        scale = _scale_for(width_pt, height_pt, wanted_scale)
        image = page.render(scale=scale, draw_annots=True).to_pil().convert("RGBA")
    except pdfium.PdfiumError as e:
        raise PdfPageError(_DAMAGED_PAGE) from e
    pad = max(1, round(scale))

    def device(rects: tuple[tuple[float, float, float, float], ...]) -> tuple[Box, ...]:
        boxes = []
        for left, bottom, right, top in rects:
            x1, y1 = _to_device(page, image.width, image.height, left, top)
            x2, y2 = _to_device(page, image.width, image.height, right, bottom)
            boxes.append(
                Box(min(x1, x2) - pad, min(y1, y2) - pad, max(x1, x2) + pad, max(y1, y2) + pad)
            )
        return tuple(boxes)

    boxes, line_boxes = device(where.rects), device(where.line_rects)
    if boxes:
        overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
        draw = ImageDraw.Draw(overlay)
        for b in line_boxes:
            draw.rectangle((b.left, b.top, b.right, b.bottom), fill=LINE_FILL)
        for b in boxes:
            draw.rectangle(
                (b.left, b.top, b.right, b.bottom),
                fill=HIGHLIGHT_FILL,
                outline=HIGHLIGHT_OUTLINE,
                width=max(2, round(scale)),
            )
        image = Image.alpha_composite(image, overlay)
    out = io.BytesIO()
    image.convert("RGB").save(out, format="PNG")
    return PageImage(
        png=out.getvalue(),
        width=image.width,
        height=image.height,
        page=where.page,
        page_count=where.page_count,
        scale=scale,
        boxes=boxes,
        located=where.located,
        match=where.match,
        message=where.message,
        char_range=where.char_range,
        line_boxes=line_boxes,
    )
