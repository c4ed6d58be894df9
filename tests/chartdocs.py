"""Build in-memory chart documents for extractor tests."""

from __future__ import annotations

import datetime as dt
import hashlib

from core.data import Document, DocumentKind, Page
from core.facts import Session
from core.grounding import evidence_problem, iter_evidence
from extract.deterministic.common import DocInput
from extract.deterministic.sessions import read_document


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


def grounded_sessions(text: str, kind: DocumentKind = DocumentKind.OTHER) -> list[Session]:
    """The sessions read from a one-page document of ``text``, each of its evidence checked
    verbatim at its offsets."""
    doc = chart_doc(text, kind=kind)
    found, _ = read_document(doc)
    docs = {doc.document.document_id: doc.document}
    for s in found:
        for ev in iter_evidence(s):
            assert evidence_problem(ev, docs) is None
    return found


def span(text: str, quote: str, after: str = "") -> tuple[int, int]:
    """The offsets of ``quote`` in ``text`` (the first after ``after``, if given)."""
    start = text.index(quote, text.index(after) if after else 0)
    return start, start + len(quote)


def slot_spans(s: Session, name: str) -> list[tuple[int, int]]:
    """The evidence offsets of slot ``name`` of ``s``."""
    return [(ev.start, ev.end) for x in s.slots if x.slot == name for ev in x.evidence]
