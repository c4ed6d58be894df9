"""The lines of a rendered PDF page around a highlighted quote, at a readable size.

A whole page drawn in the workspace's narrow evidence column is too small to read (its
text a few pixels high). The crop is the part of the page around the highlight's boxes,
shown so that a line of the quote is :data:`LINE_PX` CSS pixels high (its text about 13
px): the whole of the quote's line(s), lightly highlighted, and a margin (at least the
column's width) and :data:`CONTEXT_LINES` lines above and below, widened to the gaps
between lines so no line of print is cut in half. Where that is wider than the column it
is shown narrower, to fit: a wide row is never cut at the column's edge (the
``#evidence-span`` marker over the quote lets the page scroll it into view).

Pure image work on the PNG that :mod:`workspace.pdfpage` rendered: nothing is read from
the PDF. :func:`readable_scale` says at which scale to render the page for the crop to be
sharp (:data:`DENSITY` image pixels per CSS pixel).
"""

from __future__ import annotations

import base64
import html
import io
import statistics
from dataclasses import dataclass

from PIL import Image, ImageChops

from workspace.pdfpage import MAX_SCALE, Box, PageImage

#: CSS pixels a line of the quote is shown at (its loose box: ascent to descent).
LINE_PX = 18
#: The evidence column's width on a 1,440 px screen, in CSS pixels.
PANEL_PX = 330
#: Lines of the page kept above and below the quote's.
CONTEXT_LINES = 2
#: Image pixels per CSS pixel a crop should have to be sharp on a high-density screen.
DENSITY = 2.0
#: Blank kept around the quote's line, in CSS pixels.
PAD_PX = 8
#: A grey darker than this (0-255) is print: a row of pixels without any is a gap between lines.
DARK = 160


@dataclass(frozen=True)
class Crop:
    """A part of a rendered page: ``png`` and the size it is shown at (CSS pixels), with
    the quote's box in it in the same units (left, top, right, bottom)."""

    png: bytes
    css_width: int
    css_height: int
    quote: tuple[int, int, int, int]


def line_height(image: PageImage) -> float:
    """The height of a line of the quote in pixels of ``image`` (its boxes' median)."""
    return float(statistics.median(b.bottom - b.top for b in image.boxes))


def readable_scale(image: PageImage, line_px: int = LINE_PX, density: float = DENSITY) -> float:
    """The scale to render ``image``'s page at for a sharp crop: a line of the quote
    ``line_px * density`` pixels high (at most :data:`pdfpage.MAX_SCALE`; never below the
    scale ``image`` has)."""
    if not image.boxes:
        return image.scale
    points = line_height(image) / image.scale
    return max(image.scale, min(MAX_SCALE, line_px * density / points))


def _span(boxes: tuple[Box, ...]) -> tuple[int, int, int, int]:
    return (
        min(b.left for b in boxes),
        min(b.top for b in boxes),
        max(b.right for b in boxes),
        max(b.bottom for b in boxes),
    )


def _blank(gray: Image.Image, left: int, right: int, y: int) -> bool:
    lightest_dark = gray.crop((left, y, right, y + 1)).getextrema()[0]
    return isinstance(lightest_dark, int | float) and lightest_dark >= DARK


def _gap(gray: Image.Image, left: int, right: int, y: int, step: int, reach: int, stop: int) -> int:
    """The row nearest ``y`` with no print between ``left`` and ``right``: looked for away
    from the quote first (``step``: -1 up, 1 down; ``reach`` rows at most), then back
    towards it (not past ``stop``); ``y`` itself when every row holds print."""
    for dy in range(reach + 1):
        row = y + step * dy
        if not 0 <= row < gray.height:
            return max(0, min(gray.height, row))  # the page's edge cuts nothing
        if _blank(gray, left, right, row):
            return row
    row = y - step
    while (row < stop if step < 0 else row > stop) and 0 <= row < gray.height:
        if _blank(gray, left, right, row):
            return row
        row -= step
    return y


def highlight_crop(
    image: PageImage,
    *,
    line_px: int = LINE_PX,
    panel_px: int = PANEL_PX,
    context_lines: int = CONTEXT_LINES,
) -> Crop | None:
    """The part of ``image`` around the highlighted quote, to show at a readable size (see
    the module docstring); ``None`` when nothing was located (show the page)."""
    if not image.located or not image.boxes:
        return None
    height = line_height(image)
    if height <= 0:
        return None
    zoom = line_px / height  # CSS pixels per pixel of the image
    panel, pad = panel_px / zoom, PAD_PX / zoom
    qx0, qy0, qx1, qy1 = _span(image.boxes)
    rx0, ry0, rx1, ry1 = _span(image.boxes + image.line_boxes)
    with Image.open(io.BytesIO(image.png)) as page:
        rgb = page.convert("RGB")
    ink = ImageChops.difference(rgb, Image.new("RGB", rgb.size, "white")).getbbox()
    ink_lo, ink_hi = (ink[0] - pad, ink[2] + pad) if ink else (0.0, float(rgb.width))
    ink_lo, ink_hi = max(0.0, min(ink_lo, qx0 - pad)), min(float(rgb.width), max(ink_hi, qx1 + pad))
    # across: the whole of the marked line(s) and a margin, never cut...
    lo, hi = rx0 - pad, rx1 + pad
    if hi - lo < panel:  # ... and at least the column's width, on the page's print
        middle = (lo + hi) / 2
        lo, hi = middle - panel / 2, middle + panel / 2
        shift = max(0.0, ink_lo - lo) - max(0.0, hi - ink_hi)
        lo, hi = lo + shift, hi + shift
    left, right = max(0, int(max(lo, ink_lo))), min(rgb.width, round(min(hi, ink_hi)))
    # down: the quote's lines and a few either side, to the gaps between lines
    spacing = round(height * 1.2 * context_lines)
    gray = rgb.convert("L")
    reach = round(height)
    top = _gap(gray, left, right, max(0, min(qy0, ry0) - spacing), -1, reach, qy0)
    bottom = _gap(gray, left, right, min(rgb.height - 1, max(qy1, ry1) + spacing), 1, reach, qy1)
    bottom = min(rgb.height, bottom + 1)
    if right <= left or bottom <= top:
        return None
    out = io.BytesIO()
    rgb.crop((left, top, right, bottom)).save(out, format="PNG")

    def css(x: float) -> int:
        return round(x * zoom)

    return Crop(
        png=out.getvalue(),
        css_width=css(right - left),
        css_height=css(bottom - top),
        quote=(css(qx0 - left), css(qy0 - top), css(qx1 - left), css(qy1 - top)),
    )


def crop_html(crop: Crop, alt: str) -> str:
    """The crop as HTML for the evidence column: the image at its readable size, or
    narrower to fit the column when it is wider (the whole of the marked lines is always
    in view, never cut at the column's edge), and an empty ``#evidence-span`` over the
    quote (the highlight is drawn in the image) for the page to scroll into view."""
    left, top, right, bottom = crop.quote
    data = base64.b64encode(crop.png).decode("ascii")
    w, h = max(1, crop.css_width), max(1, crop.css_height)

    def pct(x: float, whole: int) -> str:
        return f"{100 * x / whole:.3f}%"

    box = f"width:100%;max-width:{w}px;aspect-ratio:{w}/{h}"
    return (
        f'<div class="cr-pdf"><div class="cr-pdf-crop" style="{box}">'
        f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt)}" '
        f'style="width:100%;height:auto">'
        f'<span id="evidence-span" style="left:{pct(left, w)};top:{pct(top, h)};'
        f'width:{pct(right - left, w)};height:{pct(bottom - top, h)}"></span></div></div>'
    )
