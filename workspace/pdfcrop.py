"""The lines of a rendered PDF page around a highlighted quote, at a readable size.

A whole page drawn in the workspace's evidence column is too small to read (its text a
few pixels high). The crop is the part of the page around the highlight's boxes: the
quote's line(s), lightly highlighted, and :data:`CONTEXT_LINES` lines above and below,
out to the gaps between lines so that no line of print is cut in half, and across the
whole width of the print on those lines, so that no neighbouring line is cut at its ends
either. It is shown so that a line of the quote is :data:`LINE_PX` CSS pixels high (its
text about 15 px, the size of the text around it), narrower to fit the column down to
:data:`MIN_LINE_PX`, and never smaller: a crop wider than that scrolls sideways in its
box (the ``#evidence-span`` marker over the quote lets the page scroll it into view).
:func:`page_html` shows the whole page the same way, for a dialog as wide as the screen.

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

#: CSS pixels a line of the quote is shown at (its loose box: ascent to descent), at most.
LINE_PX = 20
#: ... and at least: a crop that would be smaller to fit the column scrolls sideways.
MIN_LINE_PX = 17
#: The evidence column's width on a 1,440 px screen, in CSS pixels (what fits without
#: scrolling is at most this wide).
PANEL_PX = 480
#: Lines of the page kept above and below the quote's.
CONTEXT_LINES = 2
#: Image pixels per CSS pixel a crop should have to be sharp on a high-density screen.
DENSITY = 2.0
#: Blank kept around the print, in CSS pixels.
PAD_PX = 8
#: A grey darker than this (0-255) is print: a row of pixels without any is a gap between lines.
DARK = 160


@dataclass(frozen=True)
class Crop:
    """A part of a rendered page: ``png`` and the size it is shown at (CSS pixels, a line
    of the quote :data:`LINE_PX` high), with the quote's box in it in the same units
    (left, top, right, bottom), and the narrowest it may be shown (``min_css_width``: a
    line :data:`MIN_LINE_PX` high)."""

    png: bytes
    css_width: int
    css_height: int
    quote: tuple[int, int, int, int]
    min_css_width: int = 0


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


def _margin(gray: Image.Image, left: int, right: int, y: int, step: int, most: int) -> int:
    """From the blank row ``y``, up to ``most`` more blank rows away from the quote
    (``step``: -1 up, 1 down), stopping before print and at the page's edge."""
    for _ in range(most):
        row = y + step
        if not 0 <= row < gray.height or not _blank(gray, left, right, row):
            break
        y = row
    return y


def _ink(rgb: Image.Image) -> tuple[int, int, int, int] | None:
    """The box of everything drawn on ``rgb`` (not white), or ``None`` for a blank one."""
    found = ImageChops.difference(rgb, Image.new("RGB", rgb.size, "white")).getbbox()
    return None if found is None else (found[0], found[1], found[2], found[3])


def highlight_crop(
    image: PageImage,
    *,
    line_px: int = LINE_PX,
    min_line_px: int = MIN_LINE_PX,
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
    pad = PAD_PX / zoom
    qx0, qy0, qx1, qy1 = _span(image.boxes)
    rx0, ry0, rx1, ry1 = _span(image.boxes + image.line_boxes)
    with Image.open(io.BytesIO(image.png)) as page:
        rgb = page.convert("RGB")
    ink = _ink(rgb)
    # down: the quote's lines and a few either side, to the gaps between lines (rows with
    # no print anywhere across the page)
    across = (ink[0], ink[2]) if ink else (0, rgb.width)
    spacing = round(height * 1.2 * context_lines)
    gray = rgb.convert("L")
    reach = round(height)
    top = _gap(gray, *across, max(0, min(qy0, ry0) - spacing), -1, reach, qy0)
    bottom = _gap(gray, *across, min(rgb.height - 1, max(qy1, ry1) + spacing), 1, reach, qy1)
    # a little of the blank between lines too, so that the print does not touch the edge
    top = _margin(gray, *across, top, -1, round(pad / 2))
    bottom = min(rgb.height, _margin(gray, *across, bottom, 1, round(pad / 2)) + 1)
    if bottom <= top:
        return None
    # across: the whole of every line kept (its print from end to end), and a margin;
    # down, no more blank than that margin (past the page's last line)
    rows = _ink(rgb.crop((0, top, rgb.width, bottom)))
    lo, hi = (rows[0], rows[2]) if rows else (rx0, rx1)
    if rows:
        keep = round(pad / 2) + 1  # the blank rows _margin keeps, and the gap row
        top, bottom = (
            min(qy0, max(top, top + rows[1] - keep)),
            max(qy1, min(bottom, top + rows[3] + keep)),
        )
    left = max(0, int(min(lo, rx0, qx0) - pad))
    right = min(rgb.width, round(max(hi, rx1, qx1) + pad))
    if right <= left:
        return None
    out = io.BytesIO()
    rgb.crop((left, top, right, bottom)).save(out, format="PNG")

    def css(x: float) -> int:
        return round(x * zoom)

    width = css(right - left)
    return Crop(
        png=out.getvalue(),
        css_width=width,
        css_height=css(bottom - top),
        quote=(css(qx0 - left), css(qy0 - top), css(qx1 - left), css(qy1 - top)),
        min_css_width=min(width, round(width * min_line_px / line_px)),
    )


def page_crop(image: PageImage) -> Crop:
    """The whole of ``image`` as a :class:`Crop` (shown as wide as its box allows), with
    the quote's box (the page's top edge when nothing was located): for the enlarged page."""
    boxes = image.boxes + image.line_boxes
    quote = _span(boxes) if image.located and boxes else (0, 0, image.width, 1)
    return Crop(png=image.png, css_width=image.width, css_height=image.height, quote=quote)


def crop_html(crop: Crop, alt: str, *, marker: str = "evidence-span", fit: bool = False) -> str:
    """The crop as HTML: the image at its readable size, or narrower to fit its column
    down to ``min_css_width`` (beyond that its box scrolls sideways: the whole of its lines
    is always there, never cut at the column's edge), and an empty element with id
    ``marker`` over the quote (the highlight is drawn in the image) for the page to scroll
    into view. ``fit``: as wide as the column, whatever the size (the enlarged page)."""
    left, top, right, bottom = crop.quote
    data = base64.b64encode(crop.png).decode("ascii")
    w, h = max(1, crop.css_width), max(1, crop.css_height)

    def pct(x: float, whole: int) -> str:
        return f"{100 * x / whole:.3f}%"

    if fit:
        box = f"width:100%;aspect-ratio:{w}/{h}"
    else:
        box = f"width:100%;max-width:{w}px;min-width:{crop.min_css_width or w}px;"
        box += f"aspect-ratio:{w}/{h}"
    return (
        f'<div class="cr-pdf{" cr-pdf-page" if fit else ""}"><div class="cr-pdf-crop" '
        f'style="{box}"><img src="data:image/png;base64,{data}" alt="{html.escape(alt)}" '
        f'style="width:100%;height:auto">'
        f'<span id="{html.escape(marker)}" class="cr-pdf-mark" style="left:{pct(left, w)};'
        f"top:{pct(top, h)};width:{pct(right - left, w)};height:{pct(bottom - top, h)}"
        '"></span></div></div>'
    )
