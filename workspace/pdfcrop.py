"""The lines of a rendered PDF page around a highlighted quote, at a readable size.

A whole page drawn in the workspace's narrow evidence column is too small to read (its
text a few pixels high); the band of the page around the highlight's boxes, as wide as
what is printed in it, reads at the column's width. Pure image work on the PNG that
:mod:`workspace.pdfpage` rendered: nothing is re-rendered, nothing is read from the PDF.
"""

from __future__ import annotations

import io

from PIL import Image, ImageChops

from workspace.pdfpage import PageImage

#: How much of the page above and below the highlight the band keeps, in pixels of the
#: rendered image (a few lines of context at the renderer's scale).
MARGIN = 160
#: Blank kept either side of the printed part of the band.
_PAD = 12


def highlight_crop(image: PageImage, margin: int = MARGIN) -> bytes | None:
    """A PNG of the page from ``margin`` pixels above the first highlight box to ``margin``
    below the last, as wide as what is printed there; ``None`` when nothing was located
    (show the page)."""
    if not image.located or not image.boxes:
        return None
    top = max(0, min(b.top for b in image.boxes) - margin)
    bottom = min(image.height, max(b.bottom for b in image.boxes) + margin)
    if bottom <= top:
        return None
    with Image.open(io.BytesIO(image.png)) as page:
        band = page.convert("RGB").crop((0, top, page.width, bottom))
        # and only as wide as what is printed in it (a page's margins are blank)
        blank = Image.new("RGB", band.size, "white")
        ink = ImageChops.difference(band, blank).getbbox()
        if ink is not None:
            band = band.crop(
                (max(0, ink[0] - _PAD), 0, min(band.width, ink[2] + _PAD), band.height)
            )
        out = io.BytesIO()
        band.save(out, format="PNG")
    return out.getvalue()
