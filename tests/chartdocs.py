"""Build in-memory chart documents for extractor tests."""

from __future__ import annotations

import datetime as dt
import hashlib

from core.data import Document, DocumentKind, Page
from extract.deterministic.common import DocInput


def chart_doc(
    *pages: str, kind: DocumentKind = DocumentKind.OTHER, date: dt.date | None = None
) -> DocInput:
    """A document of ``pages`` (document_id = sha256 of the text bytes) with document date
    ``date``, as the extraction modules receive it."""
    text = "".join(pages)
    document = Document(
        document_id=hashlib.sha256(text.encode()).hexdigest(),
        filename="chart.txt",
        media_type="text/plain",
        pages=tuple(Page(number=i, text=t) for i, t in enumerate(pages, start=1)),
        kind=kind,
    )
    return DocInput(document, date)
