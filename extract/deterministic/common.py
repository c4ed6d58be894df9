"""Helpers every deterministic extraction module shares: evidence from page offsets."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from core.data import Document, Evidence, Page
from extract.deterministic.fields import trim
from extract.values.people import SignatureSpan

SOURCE_PREFIX = "deterministic:"


@dataclass(frozen=True, slots=True)
class DocInput:
    """One document as the extraction modules see it. ``date`` is the document date
    (service / written / signed date), found before the modules run, or ``None``;
    ``date_evidence`` the words it was read from."""

    document: Document
    date: dt.date | None
    date_evidence: tuple[Evidence, ...] = ()

    def pages(self) -> Iterator[Page]:
        """Pages that have a text layer (nothing is read from the others)."""
        return (p for p in self.document.pages if p.has_text_layer)

    def evidence(self, page: Page, start: int, end: int) -> Evidence:
        """Evidence for ``page.text[start:end]``, trimmed of surrounding blanks/emphasis."""
        s, e = trim(page.text, start, end)
        if s >= e:
            s, e = start, end
        return self.document.evidence(page.number, s, e)

    def signature_evidence(self, page: Page, sig: SignatureSpan) -> tuple[Evidence, ...]:
        """Evidence of a signature: its signer (and the date beside the name), and a date
        shared with other signers where it is written."""
        spans = [self.evidence(page, sig.person.start, sig.end)]
        if sig.date_at is not None:
            spans.append(self.evidence(page, *sig.date_at))
        return tuple(spans)


def source(pattern_id: str) -> str:
    """The ``source`` string of a fact: which deterministic pattern produced it."""
    return SOURCE_PREFIX + pattern_id
