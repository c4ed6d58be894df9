"""Every signer of a document in more EHR signature styles (issue 12, item 1): e-signature
stamps, sign-offs labeled by what the signer did, attestations, a letter's closing, and
blank required lines of the member and of clinicians (extract/values/people.py), each with
its exact offsets; and the signers a plan keeps from them (plans.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from core.data import DocumentKind
from extract.deterministic.plans import extract_treatment_plan
from extract.values.people import find_blank_signatures, find_signatures
from tests.chartdocs import chart_doc

Found = tuple[str, str | None, tuple[str, ...], dt.date | None]


def signatures(text: str) -> list[Found]:
    """(quote, name, credentials, date) of each signature found in ``text``."""
    return [
        (text[s.start : s.end], s.person.name, s.person.credentials, s.date)
        for s in find_signatures(text)
    ]


D1, D2 = dt.date(2025, 3, 4), dt.date(2025, 3, 5)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "[E-SIGNATURE] Patrick Zamora, L.P.C. | 03/04/2025 12:52 PM",
            [("[E-SIGNATURE] Patrick Zamora, L.P.C. | 03/04/2025", "Patrick Zamora", ("LPC",), D1)],
            id="bracketed-e-signature-stamp",
        ),
        pytest.param(
            "[Electronically Signed] Ann Lee, LCSW 03/04/2025 14:02",
            [("[Electronically Signed] Ann Lee, LCSW 03/04/2025", "Ann Lee", ("LCSW",), D1)],
            id="bracketed-electronically-signed",
        ),
        pytest.param(
            "Esig: Ann Lee, LCSW 03/04/2025",
            [("Esig: Ann Lee, LCSW 03/04/2025", "Ann Lee", ("LCSW",), D1)],
            id="esig-label",
        ),
        pytest.param(
            "Attending physician: Trevor Quintero, MD   electronically attested 03/05/2025",
            [
                (
                    "Trevor Quintero, MD   electronically attested 03/05/2025",
                    "Trevor Quintero",
                    ("MD",),
                    D2,
                )
            ],
            id="electronically-attested-after-the-name",
        ),
        pytest.param(
            "Reviewed/approved by: Hannah Valdivia, L.C.S.W. on 03/05/2025",
            [("Hannah Valdivia, L.C.S.W. on 03/05/2025", "Hannah Valdivia", ("LCSW",), D2)],
            id="two-verbs-by-then-on-date",
        ),
        pytest.param(
            "Performed by: Ann Lee, LCSW 03/04/2025",
            [("Ann Lee, LCSW 03/04/2025", "Ann Lee", ("LCSW",), D1)],
            id="performed-by",
        ),
        pytest.param(
            "Assessed by Ann Lee, LCSW on 03/04/2025 at 1:53 PM",
            [("Ann Lee, LCSW on 03/04/2025", "Ann Lee", ("LCSW",), D1)],
            id="assessed-by-with-time",
        ),
        pytest.param(
            "Provider: Ann Lee, LCSW\nSignature: Electronically signed 03/04/2025 14:22",
            [
                (
                    "Ann Lee, LCSW\nSignature: Electronically signed 03/04/2025",
                    "Ann Lee",
                    ("LCSW",),
                    D1,
                )
            ],
            id="signed-word-after-the-label-signer-above",
        ),
        pytest.param(
            "Completed by: Yolanda Mancuso, LMFT   03/04/2025\n"
            "Attending physician: Trevor Quintero, MD   electronically attested 03/05/2025\n"
            "Member/guardian acknowledgement (optional): Gloria Abernathy 03/05/2025",
            [
                ("Yolanda Mancuso, LMFT   03/04/2025", "Yolanda Mancuso", ("LMFT",), D1),
                (
                    "Trevor Quintero, MD   electronically attested 03/05/2025",
                    "Trevor Quintero",
                    ("MD",),
                    D2,
                ),
                ("Gloria Abernathy 03/05/2025", "Gloria Abernathy", (), D2),
            ],
            id="signature-block-of-three",
        ),
        pytest.param(
            "We ask that the authorization be extended.\n\nSincerely,\n\n"
            "Imani Rinaldi, NP\nPsychiatric Nurse Practitioner\n",
            [("Imani Rinaldi, NP", "Imani Rinaldi", ("NP",), None)],
            id="letter-closing",
        ),
        pytest.param(
            "Respectfully submitted,\nElijah Petrakis, N.P.",
            [("Elijah Petrakis, N.P.", "Elijah Petrakis", ("NP",), None)],
            id="closing-then-the-name",
        ),
    ],
)
def test_signers_in_more_styles(text: str, expected: list[Found]) -> None:
    assert sorted(signatures(text), key=lambda f: text.index(f[0])) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Guardian signature: N/A",  # not applicable: nobody is named
        "Regards,\nThe IOP Team",  # a closing with no person under it
        "Sincerely,\nPending signature: Imani Rinaldi, NP",  # says it is not signed
        "History: she signed a release for her prior therapist in 2019.",
    ],
)
def test_no_signer_in_these(text: str) -> None:
    assert find_signatures(text) == ()


# blank required lines, the member's marked (quote, role, member)
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Client signature: ________________  (client not present; to sign at next visit)",
            [("Client signature: ________________", "Client signature", True)],
            id="client-signature-blank",
        ),
        pytest.param(
            "Patient Signature: ______________________ Date: __________",
            [("Patient Signature: ______________________", "Patient Signature", True)],
            id="patient-signature-and-date-blank",
        ),
        pytest.param(
            "Client: ______________ (refused to sign)",
            [("Client: ______________", "Client", True)],
            id="client-refused-to-sign",
        ),
        pytest.param(
            "Parent/Guardian signature: ______________",
            [("Parent/Guardian signature: ______________", "Parent/Guardian signature", True)],
            id="parent-guardian",
        ),
        pytest.param(
            "Patient                                   Not signed - left before plan review",
            [("Patient                                   Not signed", "Patient", True)],
            id="table-row-not-signed",
        ),
        pytest.param(
            "Clinical supervisor review: pending",
            [("Clinical supervisor review: pending", "Clinical supervisor review", False)],
            id="supervisor-review-pending",
        ),
        pytest.param(
            "Physician                                 Signature pending",
            [("Physician                                 Signature pending", "Physician", False)],
            id="physician-row-signature-pending",
        ),
    ],
)
def test_blank_required_lines(text: str, expected: list[tuple[str, str, bool]]) -> None:
    got = [(text[b.start : b.end], b.role, b.member) for b in find_blank_signatures(text)]
    assert got == expected


@pytest.mark.parametrize(
    "text",
    [
        "Client: ____________  DOB: __________",  # a name field left blank
        "Client signature: ____________  Date: 03/04/2025",  # dated: signed on paper
        "Client signature: ____________  (signature on file)",
        "Client signature: ____________ Jane Doe",  # named on the line
    ],
)
def test_member_lines_that_are_not_blank(text: str) -> None:
    assert [b for b in find_blank_signatures(text) if b.member] == []


def test_a_plan_keeps_every_signer_and_the_members_blank_line() -> None:
    text = (
        "TREATMENT PLAN\nPlan Date: 03/04/2025\n\nGoal 1: Attend 3 groups weekly.\n\n"
        "[E-SIGNATURE] Patrick Zamora, L.P.C. | 03/04/2025 12:52 PM\n"
        "Reviewed and co-signed by Omar Said, MD on 03/05/2025\n"
        "Client signature: ________________  (to sign at next visit)\n"
    )
    [plan] = extract_treatment_plan(chart_doc(text, kind=DocumentKind.TREATMENT_PLAN))
    got = [
        (s.evidence[0].quote, s.name, s.credentials, s.date, s.signed, s.member)
        for s in plan.signers
    ]
    assert got == [
        ("Patrick Zamora, L.P.C. | 03/04/2025", "Patrick Zamora", ("LPC",), D1, True, False),
        ("Omar Said, MD on 03/05/2025", "Omar Said", ("MD",), D2, True, False),
        ("Client signature: ________________", None, (), None, False, True),
    ]
    assert plan.signed_by is not None and plan.signed_by.name == "Omar Said"
