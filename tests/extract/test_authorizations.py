"""Authorization periods and continuing-service requests
(extract/deterministic/authorizations.py), with exact spans."""

from __future__ import annotations

import datetime as dt

import pytest

from core.data import DocumentKind
from core.facts import AuthorizationPeriod, ContinuingServiceRequest
from extract.deterministic.authorizations import extract_authorizations
from extract.deterministic.common import DocInput
from tests.chartdocs import chart_doc

D = dt.date


def make_doc(text: str) -> DocInput:
    return chart_doc(text, kind=DocumentKind.OTHER, date=D(2025, 3, 18))


def spans(fact: AuthorizationPeriod | ContinuingServiceRequest) -> list[tuple[int, int, str]]:
    return [(e.start, e.end, e.quote) for e in fact.evidence]


@pytest.mark.parametrize(
    ("text", "start", "end", "quote"),
    [
        (
            "Authorization period: 03/03/2025 to 04/01/2025\n",
            D(2025, 3, 3),
            D(2025, 4, 1),
            "Authorization period: 03/03/2025 to 04/01/2025",
        ),
        (
            "Optum Idaho authorized 3/3/25 - 4/1/25 (12 sessions).\n",
            D(2025, 3, 3),
            D(2025, 4, 1),
            "authorized 3/3/25 - 4/1/25",
        ),
        (
            "| Auth dates | March 3, 2025 through April 1, 2025 |\n",
            D(2025, 3, 3),
            D(2025, 4, 1),
            "Auth dates | March 3, 2025 through April 1, 2025",
        ),
    ],
)
def test_authorization_period(text: str, start: dt.date, end: dt.date, quote: str) -> None:
    [period] = extract_authorizations(make_doc(text))
    assert isinstance(period, AuthorizationPeriod)
    assert (period.start, period.end) == (start, end)
    assert period.source == "deterministic:authorizations.period"
    at = text.index(quote)
    assert spans(period) == [(at, at + len(quote), quote)]


def test_a_single_date_or_reversed_dates_is_no_period() -> None:
    assert extract_authorizations(make_doc("Authorization approved 03/03/2025.\n")) == []
    assert extract_authorizations(make_doc("Authorized 04/01/2025 to 03/03/2025\n")) == []


REQUEST = """CONTINUING SERVICE REQUEST
Member: J. Doe
Date submitted: 03/18/2025
Current authorization expires: 04/01/2025
Engagement confirmed: attended 8 of 9 scheduled sessions.
"""


def test_request_with_stated_expiry() -> None:
    [request] = extract_authorizations(make_doc(REQUEST))
    assert isinstance(request, ContinuingServiceRequest)
    assert (request.submitted, request.current_authorization_end) == (
        D(2025, 3, 18),
        D(2025, 4, 1),
    )
    assert request.source == "deterministic:authorizations.request"
    submitted = "Date submitted: 03/18/2025"
    expiry = "Current authorization expires: 04/01/2025"
    a, b = REQUEST.index(submitted), REQUEST.index(expiry)
    assert spans(request) == [
        (a, a + len(submitted), submitted),
        (b, b + len(expiry), expiry),
    ]


def test_request_in_a_note_line() -> None:
    text = "Care coordination: Continuing service request submitted 3/20/2025 to Optum.\n"
    [request] = extract_authorizations(make_doc(text))
    assert isinstance(request, ContinuingServiceRequest)
    assert (request.submitted, request.current_authorization_end) == (D(2025, 3, 20), None)
    quote = "Care coordination: Continuing service request submitted 3/20/2025"
    assert spans(request) == [(0, len(quote), quote)]


@pytest.mark.parametrize(
    "text",
    [
        "Continuing service request will submit by 03/18/2025.\n",
        "CSR not yet submitted; due by 03/18/2025.\n",
        "Submitted 03/18/2025: release of information to PCP.\n",
    ],
)
def test_no_request(text: str) -> None:
    assert extract_authorizations(make_doc(text)) == []


@pytest.mark.parametrize(
    ("text", "start", "end", "quotes"),
    [
        pytest.param(
            "PAYER AUTHORIZATION DETAIL\n"
            " Auth # ............... 2025-IOP-21196\n"
            " Begin ................ 10/13/2025\n"
            " Thru ................. 11/30/2025\n",
            D(2025, 10, 13),
            D(2025, 11, 30),
            ["Begin ................ 10/13/2025", "Thru ................. 11/30/2025"],
            id="dotted-leader-fields",
        ),
        pytest.param(
            "CONCURRENT REVIEW DETERMINATION\nAuth #: UM-1\n"
            "Effective: 01/12/2026        Expires: 02/01/2026\n",
            D(2026, 1, 12),
            D(2026, 2, 1),
            ["Effective: 01/12/2026", "Expires: 02/01/2026"],
            id="start-and-end-fields-on-one-line",
        ),
        pytest.param(
            "NOTICE OF AUTHORIZATION\n"
            "| Service | Code | Start Date | End Date |\n|---|---|---|---|\n"
            "| MH IOP per diem | S9480 | 12/01/2025 | 12/21/2025 |\n",
            D(2025, 12, 1),
            D(2025, 12, 21),
            ["12/01/2025", "12/21/2025"],
            id="start-and-end-columns",
        ),
        pytest.param(
            "CONCURRENT REVIEW DETERMINATION\nDETERMINATION: APPROVED\n"
            "Requested dates: 12/22/2025 - 01/11/2026\n"
            "Approved dates:  12/22/2025 - 01/04/2026\n",
            D(2025, 12, 22),
            D(2026, 1, 4),
            ["Approved dates:  12/22/2025 - 01/04/2026"],
            id="approved-not-requested-in-a-determination",
        ),
        pytest.param(
            "NOTICE OF AUTHORIZATION\nApproved units: 15. The authorization expires on "
            "January 11, 2026; services after that date need a new request.\n",
            None,
            D(2026, 1, 11),
            ["Approved units: 15. The authorization expires on January 11, 2026"],
            id="only-the-last-day",
        ),
    ],
)
def test_authorization_period_in_fields_tables_and_decisions(
    text: str, start: dt.date | None, end: dt.date, quotes: list[str]
) -> None:
    [period] = [
        f for f in extract_authorizations(make_doc(text)) if isinstance(f, AuthorizationPeriod)
    ]
    assert (period.start, period.end) == (start, end)
    assert [e.quote for e in period.evidence] == quotes


def test_a_plan_period_is_not_an_authorization() -> None:
    text = "TREATMENT PLAN\nPlan effective 05/01/2025 to 08/01/2025\nStart date: 05/01/2025\nEnd date: 08/01/2025\n"
    assert extract_authorizations(make_doc(text)) == []
