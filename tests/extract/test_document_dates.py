"""A document's own date (extract/deterministic/documents.py), with exact spans."""

from __future__ import annotations

import datetime as dt

import pytest

from core.data import DocumentKind
from extract.deterministic.documents import find_document_date
from tests.chartdocs import chart_doc

LETTER = (
    "CASCADE HEALTH PLAN\n"
    "1900 Pine Street, Suite 600 | Portland, OR 97205\n"
    "November 30, 2025\n"
    "Mesa Verde Psychiatric Services\n"
    "NOTICE OF AUTHORIZATION\n"
    "Dear Provider: the request received on Nov 28, 2025 has been approved.\n"
)
DETERMINATION = (
    "CONCURRENT REVIEW DETERMINATION\n"
    "Date of determination: 12/16/2025\n"
    "Approved dates:  12/22/2025 - 01/11/2026\n"
)
LEADERS = (
    " PAYER AUTHORIZATION DETAIL\n"
    " Status ............... APPROVED\n"
    " Determination date ... 10/14/2025\n"
    " Begin ................ 10/13/2025\n"
)
REQUEST = (
    "CONTINUING SERVICE REQUEST - INTENSIVE OUTPATIENT (IOP)\n"
    "  Member name: Priya Sorensen     DOB: 12/16/1999\n"
    "  Current auth end date: 11/30/2025     Date of request: 11/15/2025\n"
)
PLAN_TABLE = (
    "# Individualized Treatment Plan\n"
    "| Client | DOB | Plan date | Next review |\n"
    "|---|---|---|---|\n"
    "| Yolanda Vanderpool | 05/07/1956 | 12/09/2025 | 01/08/2026 |\n"
    "**Admission:** 12/08/2025\n"
)


@pytest.mark.parametrize(
    ("text", "date", "quote", "basis", "pattern"),
    [
        # a letter's date line (a header line that is only a date)
        (LETTER, dt.date(2025, 11, 30), "November 30, 2025", "written", "dateline"),
        # a payer's determination, with or without dot leaders
        (DETERMINATION, dt.date(2025, 12, 16), "12/16/2025", "written", "header_field"),
        (LEADERS, dt.date(2025, 10, 14), "10/14/2025", "written", "header_field"),
        # "Current auth end date" is not a "Date" field: the request's date is
        (REQUEST, dt.date(2025, 11, 15), "11/15/2025", "written", "header_field"),
        # the document-date column of the header's one-row table
        (PLAN_TABLE, dt.date(2025, 12, 9), "12/09/2025", "written", "header_table"),
    ],
)
def test_document_date(text: str, date: dt.date, quote: str, basis: str, pattern: str) -> None:
    found = find_document_date(chart_doc(text, kind=DocumentKind.OTHER))
    assert found is not None
    [ev] = found.evidence
    start = text.index(quote)
    assert (found.date, found.basis, (ev.start, ev.end, ev.quote)) == (
        date,
        basis,
        (start, start + len(quote), quote),
    )
    assert found.source.endswith(f"document_date.{pattern}")


def test_a_date_in_a_sentence_is_no_date_line() -> None:
    text = "PROGRESS SUMMARY\nSeen on 11/30/2025 for follow-up.\n"
    assert find_document_date(chart_doc(text, kind=DocumentKind.OTHER)) is None
