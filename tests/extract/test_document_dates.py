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


# A known label, a blank and a date as a cell of its own (set apart by the line's gaps or
# bars), or a header field naming a screening, a report's run or a plan's update: the
# document's date. A target, a next update or an admission beside it is not.
@pytest.mark.parametrize(
    ("text", "kind", "found"),
    [
        pytest.param(
            "INDIVIDUAL THERAPY NOTE    Ann Lee    DOS 01/16/2026    50 min\n\n"
            "Plan: if thoughts return before 02/01/2026 she will call 988.\n",
            DocumentKind.PROGRESS_NOTE,
            ("01/16/2026", "service", "service_cell"),
            id="dos-cell-without-colon",
        ),
        pytest.param(
            "GROUP/INDIVIDUAL PROGRESS NOTE    Ann Lee    Service date 01/25/2026\n\n"
            "Clinician: Fatima Thibodeaux, LCSW\n",
            DocumentKind.PROGRESS_NOTE,
            ("01/25/2026", "service", "service_cell"),
            id="service-date-cell-without-colon",
        ),
        pytest.param(
            "C-SSRS SCREENER (SINCE LAST CONTACT)\nPatient: Ann Lee    Screen date: 01/21/2026\n",
            DocumentKind.RISK_ASSESSMENT,
            ("01/21/2026", "written", "header_field"),
            id="screen-date",
        ),
        pytest.param(
            "MEASUREMENT-BASED CARE REPORT\n"
            "Client: Ann Lee    MRN: 7279288    Run date: 03/05/2026\n"
            "Episode start: 02/09/2026\n",
            DocumentKind.OTHER,
            ("03/05/2026", "written", "header_field"),
            id="report-run-date",
        ),
        pytest.param(
            "TREATMENT PLAN UPDATE\n"
            "Client: Ann Lee    Next update: 03/26/2026    Update date: 02/24/2026\n",
            DocumentKind.TREATMENT_PLAN,
            ("02/24/2026", "written", "header_field"),
            id="update-date-not-the-next-update",
        ),
        pytest.param(
            "TREATMENT PLAN    Ann Lee    Target date 04/15/2026\n",
            DocumentKind.TREATMENT_PLAN,
            None,
            id="a-target-date-cell-is-no-document-date",
        ),
        pytest.param(
            "INTAKE    Ann Lee    Admitted 02/16/2026\n",
            DocumentKind.OTHER,
            None,
            id="an-admission-cell-is-no-document-date",
        ),
        pytest.param(
            "Seen for the DOS 01/16/2026 follow-up.\n",
            DocumentKind.PROGRESS_NOTE,
            None,
            id="a-label-and-date-inside-a-sentence-is-no-field",
        ),
    ],
)
def test_document_date_cells_and_labels(
    text: str, kind: DocumentKind, found: tuple[str, str, str] | None
) -> None:
    got = find_document_date(chart_doc(text, kind=kind))
    if found is None:
        assert got is None
        return
    quote, basis, pattern = found
    assert got is not None
    [ev] = got.evidence
    start = text.index(quote)
    assert (got.date, got.basis, (ev.start, ev.end, ev.quote)) == (
        dt.datetime.strptime(quote, "%m/%d/%Y").date(),
        basis,
        (start, start + len(quote), quote),
    )
    assert got.source.endswith(f"document_date.{pattern}")


# A sign-off among a page's last lines, when nothing else dates the document: a
# credentialed person after a staff role's label (or none), then a date and nothing else.
@pytest.mark.parametrize(
    ("tail", "quote"),
    [
        pytest.param(
            "Discharging clinician: Victor Kettering, LMFT    03/10/2026\n",
            "03/10/2026",
            id="staff-role-then-credentialed-name-and-date",
        ),
        pytest.param(
            "Fatima Thibodeaux, L.C.S.W.  01/16/2026\n", "01/16/2026", id="name-and-date-alone"
        ),
        pytest.param(
            "Next appointment: Ann Lee, MD 04/02/2026\n", None, id="an-appointment-is-no-sign-off"
        ),
        pytest.param(
            "Follow-up with Ann Lee, MD 04/02/2026\n", None, id="a-follow-up-is-no-sign-off"
        ),
        pytest.param(
            "Clinician: Victor Kettering 03/10/2026\n", None, id="a-name-without-credential"
        ),
        pytest.param(
            "Clinician: Victor Kettering, LMFT 03/10/2026 (late entry for 03/08/2026)\n",
            None,
            id="more-after-the-date",
        ),
    ],
)
def test_a_sign_off_dates_a_document_nothing_else_dates(tail: str, quote: str | None) -> None:
    text = (
        "DISCHARGE SUMMARY\n\nCourse: attended most program days; PHQ-9 fell from 19 to 12.\n"
        "Aftercare: weekly outpatient therapy.\n\n" + tail
    )
    got = find_document_date(chart_doc(text, kind=DocumentKind.DISCHARGE_SUMMARY))
    if quote is None:
        assert got is None
        return
    assert got is not None
    [ev] = got.evidence
    start = text.index(quote)
    assert (got.date, got.basis, (ev.start, ev.end, ev.quote)) == (
        dt.datetime.strptime(quote, "%m/%d/%Y").date(),
        "signed",
        (start, start + len(quote), quote),
    )
    assert got.source.endswith("document_date.sign_off")
