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


NOTICE = "PACIFIC CREST HEALTH PARTNERS\nBehavioral Health Utilization Management\n\n"
DECISION = "Pacific Crest Health Partners - Behavioral Health UM\nCONTINUED STAY DECISION\n\n"


@pytest.mark.parametrize(
    ("text", "periods"),
    [
        pytest.param(
            NOTICE + "We have approved 14 visits of intensive outpatient care to be used between "
            "1/12/2026 and\n2/8/2026.\n",
            [
                (
                    D(2026, 1, 12),
                    D(2026, 2, 8),
                    [
                        "approved 14 visits of intensive outpatient care to be used between "
                        "1/12/2026 and\n2/8/2026"
                    ],
                )
            ],
            id="between-one-day-and-another",
        ),
        pytest.param(
            NOTICE + "This approval covers services rendered from 12 January 2026 through "
            "8 February 2026, up to 14 days of treatment.\n",
            [
                (
                    D(2026, 1, 12),
                    D(2026, 2, 8),
                    [
                        "approval covers services rendered from 12 January 2026 through "
                        "8 February 2026"
                    ],
                )
            ],
            id="day-first-long-dates",
        ),
        pytest.param(
            NOTICE
            + "| Line | Service | Eff. | Exp. | Units | Decision |\n|---|---|---|---|---|---|\n"
            "| 1 | MH IOP | 2026-01-19 | 2026-02-15 | 13 | Approved |\n",
            [(D(2026, 1, 19), D(2026, 2, 15), ["2026-01-19", "2026-02-15"])],
            id="eff-and-exp-columns",
        ),
        pytest.param(
            NOTICE + "Decision ............ APPROVED\nEffective Date ...... 01/12/2026\n"
            "Expiration Date ..... 02/08/2026\nUnits ............... 22\n",
            [
                (
                    D(2026, 1, 12),
                    D(2026, 2, 8),
                    ["Effective Date ...... 01/12/2026", "Expiration Date ..... 02/08/2026"],
                )
            ],
            id="a-dotted-form-of-a-utilization-management-notice",
        ),
        pytest.param(
            DECISION + "Days requested for: 02/09/2026 - 03/08/2026\n"
            "Decision period:    02/09/2026 - 02/22/2026  (partially approved)\n",
            [(D(2026, 2, 9), D(2026, 2, 22), ["02/09/2026 - 02/22/2026  (partially approved"])],
            id="a-partial-approval-beside-the-requested-period",
        ),
        pytest.param(
            DECISION + "The plan authorizes continued IOP from January 26, 2026 until February 8, "
            "2026. Your\nprevious authorization ran 12/29/2025 through 01/25/2026.\n",
            [
                (
                    D(2026, 1, 26),
                    D(2026, 2, 8),
                    ["authorizes continued IOP from January 26, 2026 until February 8, 2026"],
                )
            ],
            id="the-earlier-period-named-in-passing-is-not-this-decisions",
        ),
        pytest.param(
            DECISION + "auth_line,svc,eff_dt,term_dt,status\n"
            "01,IOP-MH,2026-02-16,2026-03-01,APPROVED\n02,IOP-MH,2026-03-02,2026-03-15,DENIED\n",
            [(D(2026, 2, 16), D(2026, 3, 1), ["2026-02-16", "2026-03-01"])],
            id="an-export-line-denied-approves-nothing",
        ),
    ],
)
def test_authorization_periods_of_notices_and_decisions(
    text: str, periods: list[tuple[dt.date, dt.date, list[str]]]
) -> None:
    got = [
        (f.start, f.end, spans(f))
        for f in extract_authorizations(make_doc(text))
        if isinstance(f, AuthorizationPeriod)
    ]
    want = []
    for start, end, quotes in periods:
        at = [text.index(q) for q in quotes]
        want.append((start, end, [(a, a + len(q), q) for a, q in zip(at, quotes, strict=True)]))
    assert got == want


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            NOTICE + "Decision ............ DENIED\nEffective Date ...... 01/12/2026\n"
            "Expiration Date ..... 02/08/2026\n",
            id="a-denied-decision-form",
        ),
        pytest.param(
            NOTICE + "| Line | Eff. | Exp. | Decision |\n|---|---|---|---|\n"
            "| 1 | 2026-01-19 | 2026-02-15 | Not approved |\n",
            id="a-row-not-approved",
        ),
        pytest.param(NOTICE + "Approval requested for 02/09/2026 - 03/08/2026.\n", id="requested"),
        pytest.param(NOTICE + "Authorization denied for 02/09/2026 - 03/08/2026.\n", id="denied"),
        pytest.param(
            DECISION + "Your previous authorization ran 12/29/2025 through 01/25/2026.\n",
            id="only-the-previous-period",
        ),
        pytest.param(
            DECISION + "Extension requested: 02/09/2026 - 03/08/2026 (approved)\n",
            id="a-requested-line-however-it-ends",
        ),
        pytest.param(
            # "and" joins two days only after "between"
            NOTICE + "Approved on 01/12/2026 and 02/08/2026 by the reviewer.\n",
            id="two-dates-joined-by-and",
        ),
        pytest.param(
            # a note's period said approved is no payer's decision
            "GROUP NOTE\nPlan of the week 01/12/2026 - 01/16/2026 (approved)\n",
            id="not-about-an-authorization",
        ),
    ],
)
def test_periods_not_granted(text: str) -> None:
    assert [
        f for f in extract_authorizations(make_doc(text)) if isinstance(f, AuthorizationPeriod)
    ] == []


# periods in a payer's letters and tables in more wordings (issue 12, item 3): (text, start,
# end, quotes of the evidence)
@pytest.mark.parametrize(
    ("text", "start", "end", "quotes"),
    [
        pytest.param(
            "APPROVAL OF SERVICES\nReference: TMA-8545300\n"
            "Coverage window: Oct 27, 2025 to Nov 23, 2025        Units approved: 19\n",
            D(2025, 10, 27),
            D(2025, 11, 23),
            ["Coverage window: Oct 27, 2025 to Nov 23, 2025"],
            id="coverage-window-in-an-approval-of-services",
        ),
        pytest.param(
            "APPROVAL OF SERVICES\nThis approval covers 12 units of S9480 for services on "
            "February 9, 2026 and after, through\nand including February 27, 2026.\n",
            D(2026, 2, 9),
            D(2026, 2, 27),
            [
                "approval covers 12 units of S9480 for services on February 9, 2026 and after,"
                " through\nand including February 27, 2026"
            ],
            id="on-and-after-through-and-including",
        ),
        pytest.param(
            "Authorization Detail\n\n"
            "Ln  Service       Req From    Req To      Decision  Appr From   Appr To     Appr\n"
            "1   MH IOP S9480  10/27/2025  11/30/2025  APPROVED  10/27/2025  11/23/2025  19\n"
            "2   Testing 96130 10/27/2025  11/30/2025  DENIED    --          --          0\n",
            D(2025, 10, 27),
            D(2025, 11, 23),
            ["10/27/2025", "11/23/2025"],
            id="approved-columns-not-the-requested",
        ),
        pytest.param(
            "Notice of approval\nIOP is approved 02/09/2026 through and including 02/27/2026.\n",
            D(2026, 2, 9),
            D(2026, 2, 27),
            ["approved 02/09/2026 through and including 02/27/2026"],
            id="through-and-including",
        ),
    ],
)
def test_authorization_periods_in_more_wordings(
    text: str, start: dt.date, end: dt.date, quotes: list[str]
) -> None:
    [period] = [
        a for a in extract_authorizations(make_doc(text)) if isinstance(a, AuthorizationPeriod)
    ]
    assert (period.start, period.end) == (start, end)
    assert [q for _, _, q in spans(period)] == quotes
    for s, e, q in spans(period):
        assert text[s:e] == q


@pytest.mark.parametrize(
    "text",
    [
        # a condition or a proposal, not a grant
        "Authorization\nIf approved, the authorization would run 03/03/2025 to 04/01/2025.\n",
        "Utilization review\nThe proposed authorization period is 03/03/2025 - 04/01/2025.\n",
    ],
)
def test_periods_that_would_be_granted_are_not_granted(text: str) -> None:
    assert [
        a for a in extract_authorizations(make_doc(text)) if isinstance(a, AuthorizationPeriod)
    ] == []
