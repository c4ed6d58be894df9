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
