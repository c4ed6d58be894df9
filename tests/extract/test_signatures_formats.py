"""Signature lines in the formats EHR exports and scanned forms use (extract/deterministic/
people.py), and the signer a plan or certification takes from them (plans.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from core.data import DocumentKind
from core.grounding import evidence_problem, iter_evidence
from extract.deterministic.plans import extract_certification, extract_treatment_plan
from extract.values.people import find_blank_signatures, find_signatures, is_client_signature
from tests.chartdocs import chart_doc


@pytest.mark.parametrize(
    ("text", "name", "creds", "date", "quote"),
    [
        pytest.param(
            "Helen Marsh, PMHNP-BC, nurse practitioner  Signed 09/08/2025",
            "Helen Marsh",
            ("PMHNP",),
            dt.date(2025, 9, 8),
            "Helen Marsh, PMHNP-BC, nurse practitioner  Signed 09/08/2025",
            id="role-in-words-then-signed",
        ),
        pytest.param(
            "Omar Said, MD          Date: 01/13/2025",
            "Omar Said",
            ("MD",),
            dt.date(2025, 1, 13),
            "Omar Said, MD          Date: 01/13/2025",
            id="signer-and-date-separated-by-blanks",
        ),
        pytest.param(
            "Omar Said, MD — electronically signed",
            "Omar Said",
            ("MD",),
            None,
            "Omar Said, MD — electronically signed",
            id="dash-electronically-signed-undated",
        ),
        pytest.param(
            "Omar Said, MD     e-signed 07/08/2025",
            "Omar Said",
            ("MD",),
            dt.date(2025, 7, 8),
            "Omar Said, MD     e-signed 07/08/2025",
            id="blanks-e-signed",
        ),
        pytest.param(
            "Omar Said, MD\nSignature/date: electronically signed 09/09/2025 16:31",
            "Omar Said",
            ("MD",),
            dt.date(2025, 9, 9),
            "Omar Said, MD\nSignature/date: electronically signed 09/09/2025",
            id="signer-on-the-line-above-signature-date",
        ),
        pytest.param(
            "Physician: Omar Said, MD  Signed: 04/07/2025",
            "Omar Said",
            ("MD",),
            dt.date(2025, 4, 7),
            "Omar Said, MD  Signed: 04/07/2025",
            id="labeled-signer-before-signed",
        ),
        pytest.param(
            "Clinician: Kim Lo, LCSW\nElectronically signed 2025-01-06",
            "Kim Lo",
            ("LCSW",),
            dt.date(2025, 1, 6),
            "Kim Lo, LCSW\nElectronically signed 2025-01-06",
            id="iso-date-signer-above",
        ),
        pytest.param(
            "Signature: [illegible]   Date: 03/03/2025",
            "[illegible]",
            (),
            dt.date(2025, 3, 3),
            "Signature: [illegible]   Date: 03/03/2025",
            id="illegible-signer-is-not-missing",
        ),
        pytest.param(
            "Signature: [illegible], MD  Date: 03/03/2025",
            "[illegible]",
            ("MD",),
            dt.date(2025, 3, 3),
            "Signature: [illegible], MD  Date: 03/03/2025",
            id="illegible-name-legible-credential",
        ),
        pytest.param(
            "Electronically signed by: [illegible]",
            "[illegible]",
            (),
            None,
            "Electronically signed by: [illegible]",
            id="illegible-after-signed-by-colon",
        ),
        pytest.param(
            "Signed by: Kim Lo, LCSW on 03/03/2025",
            "Kim Lo",
            ("LCSW",),
            dt.date(2025, 3, 3),
            "Signed by: Kim Lo, LCSW on 03/03/2025",
            id="signed-by-colon",
        ),
        pytest.param(
            "Signature:\nKim Lo, LCSW\n",
            "Kim Lo",
            ("LCSW",),
            None,
            "Kim Lo, LCSW",
            id="signer-on-the-line-below-a-signature-heading",
        ),
        pytest.param(
            "In my medical opinion the patient requires IOP services.\n\n"
            "______________________________\nNathan Pemberton, M.D.\nBoard Certified, Psychiatry",
            "Nathan Pemberton",
            ("MD",),
            None,
            "Nathan Pemberton, M.D.",
            id="typed-name-under-the-line-to-sign-on",
        ),
        pytest.param(
            "Counselor signature: Gloria Thibodeaux, L.P.C.   10/13/2025",
            "Gloria Thibodeaux",
            ("LPC",),
            dt.date(2025, 10, 13),
            "Counselor signature: Gloria Thibodeaux, L.P.C.   10/13/2025",
            id="any-role-signature-label",
        ),
        pytest.param(
            "| Role | Name / credentials | Signature | Date |\n|---|---|---|---|\n"
            "| Primary therapist | Rachel Lindqvist, LCPC | signed electronically | 12/09/2025 |\n"
            "| Psychiatrist | Isaac Mancuso, DO | (pending) | |\n",
            "Rachel Lindqvist",
            ("LCPC",),
            dt.date(2025, 12, 9),
            "Rachel Lindqvist, LCPC",
            id="a-table-of-signatures-pending-row-unsigned",
        ),
    ],
)
def test_signature_formats(
    text: str, name: str, creds: tuple[str, ...], date: dt.date | None, quote: str
) -> None:
    [sig] = find_signatures(text)
    assert (sig.person.name, sig.person.credentials, sig.date) == (name, creds, date)
    assert text[sig.start : sig.end] == quote


def test_signatures_heading_lists_the_signers_below_it() -> None:
    text = "Signatures:\nOmar Said, MD — 04/04/2025\nKim Lo, LCSW — 04/05/2025\n\nPage 2"
    sigs = find_signatures(text)
    assert [(s.person.name, s.date, text[s.start : s.end]) for s in sigs] == [
        ("Omar Said", dt.date(2025, 4, 4), "Omar Said, MD — 04/04/2025"),
        ("Kim Lo", dt.date(2025, 4, 5), "Kim Lo, LCSW — 04/05/2025"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Physician: Omar Said, MD\nSignature: ________________   Date: 03/03/2025",
        "Physician: Omar Said, MD\nSignature:   Date: 03/03/2025",
        "Omar Said, MD — signature pending",
        "Signatures:\nOmar Said, MD — pending\n",
        "Referring physician: Ann Park, MD\nSigned: 03/03/2025",
        "Plan reviewed with patient  Signed 06/03/2025",
    ],
)
def test_blank_or_pending_signature_lines_name_no_signer(text: str) -> None:
    assert find_signatures(text) == ()


PLAN_HEAD = "INDIVIDUALIZED TREATMENT PLAN\nPlan Date: 06/03/2025\n\nGoals:\n1. Attend groups.\n\n"


@pytest.mark.parametrize(
    ("tail", "signer"),
    [
        pytest.param(
            "Client signature: Jane Doe  Date: 06/03/2025\n"
            "Physician: Omar Said, MD  Signed: 06/04/2025\n",
            ("Omar Said", ("MD",), "Omar Said, MD"),
            id="physician-over-client",
        ),
        pytest.param(
            "Client signature: Jane Doe  Date: 06/03/2025\nPhysician: Omar Said, MD\n",
            ("Omar Said", ("MD",), "Omar Said, MD"),
            id="physician-line-without-keyword",
        ),
        pytest.param(
            "Guardian signature: Jane Doe  Date: 06/03/2025\n"
            "Kim Lo, LCSW     e-signed 06/03/2025\n",
            ("Kim Lo", ("LCSW",), "Kim Lo, LCSW"),
            id="clinician-over-guardian",
        ),
        pytest.param("Patient signature: Jane Doe  Date: 06/03/2025\n", None, id="client-only"),
    ],
)
def test_plan_signer_is_a_clinician(
    tail: str, signer: tuple[str, tuple[str, ...], str] | None
) -> None:
    doc = chart_doc(PLAN_HEAD + tail, kind=DocumentKind.TREATMENT_PLAN)
    [plan] = extract_treatment_plan(doc)
    docs = {doc.document.document_id: doc.document}
    for ev in iter_evidence(plan):
        assert evidence_problem(ev, docs) is None
    got = plan.signed_by
    if signer is None:
        assert got is None
    else:
        assert got is not None
        assert (got.name, got.credentials, got.evidence[0].quote) == signer


def test_an_illegible_plan_signer_is_uncertain_not_missing() -> None:
    doc = chart_doc(
        PLAN_HEAD + "Signature: [illegible]   Date: 06/03/2025\n", kind=DocumentKind.TREATMENT_PLAN
    )
    [plan] = extract_treatment_plan(doc)
    assert plan.signed_by is not None
    assert (plan.signed_by.name, plan.signed_by.credentials) == ("[illegible]", ())
    assert plan.signed_by.evidence[0].quote == "[illegible]"


# --------------------------------------------------------------------------- every signer

SIGNATURES_LINE = (
    "Signatures: Maria Chen, MD 04/04/2025; Ann Lee, LCSW 04/04/2025; Jane Doe (member) 04/05/2025"
)


def test_a_signatures_line_lists_each_signer_with_their_own_date() -> None:
    text = SIGNATURES_LINE
    sigs = find_signatures(text)
    assert [(s.person.name, s.person.credentials, s.date, text[s.start : s.end]) for s in sigs] == [
        ("Maria Chen", ("MD",), dt.date(2025, 4, 4), "Signatures: Maria Chen, MD 04/04/2025"),
        ("Ann Lee", ("LCSW",), dt.date(2025, 4, 4), "Ann Lee, LCSW 04/04/2025"),
        ("Jane Doe", (), dt.date(2025, 4, 5), "Jane Doe (member) 04/05/2025"),
    ]
    assert [is_client_signature(text, s) for s in sigs] == [False, False, True]


@pytest.mark.parametrize(
    ("text", "quote", "role"),
    [
        ("Physician: ______________   Date: ________", "Physician: ______________", "Physician"),
        ("Physician signature: (pending)", "Physician signature: (pending)", "Physician signature"),
        (
            "**Medical Director co-signature:** ________ (not signed)",
            "Medical Director co-signature:** ________",
            "Medical Director co-signature",
        ),
    ],
)
def test_a_required_signature_line_left_blank(text: str, quote: str, role: str) -> None:
    [blank] = find_blank_signatures(text)
    assert (text[blank.start : blank.end], blank.role) == (quote, role)
    assert find_signatures(text) == ()


@pytest.mark.parametrize(
    "text",
    [
        "Physician: ______ Omar Said, MD   Date: 4/4/2025",  # signed on the blank
        "Client signature: ______________",  # not a clinician's line
        "Physician: Omar Said, MD",
    ],
)
def test_lines_that_are_not_blank_clinician_signatures(text: str) -> None:
    # the client's blank line is the member's (issue 12), never a clinician's
    assert [b for b in find_blank_signatures(text) if not b.member] == []


def test_a_plan_keeps_every_signer_and_its_blank_lines() -> None:
    text = PLAN_HEAD + SIGNATURES_LINE + "\nPhysician co-signature: ____________\n"
    doc = chart_doc(text, kind=DocumentKind.TREATMENT_PLAN)
    [plan] = extract_treatment_plan(doc)
    docs = {doc.document.document_id: doc.document}
    for ev in iter_evidence(plan):
        assert evidence_problem(ev, docs) is None
    assert [(s.name, s.credentials, s.date, s.signed, s.role, s.member) for s in plan.signers] == [
        ("Maria Chen", ("MD",), dt.date(2025, 4, 4), True, None, False),
        ("Ann Lee", ("LCSW",), dt.date(2025, 4, 4), True, None, False),
        ("Jane Doe", (), dt.date(2025, 4, 5), True, None, True),  # the member's own
        (None, (), None, False, "Physician co-signature", False),
    ]
    assert [s.evidence[0].quote for s in plan.signers] == [
        "Maria Chen, MD 04/04/2025",
        "Ann Lee, LCSW 04/04/2025",
        "Jane Doe (member) 04/05/2025",
        "Physician co-signature: ____________",
    ]
    assert plan.signed_by is not None and plan.signed_by.name == "Maria Chen"


def test_the_same_signer_twice_is_one_signer() -> None:
    text = (
        PLAN_HEAD + "Signed: Maria Chen, MD 04/04/2025\nElectronically signed by Maria Chen, MD\n"
    )
    [plan] = extract_treatment_plan(chart_doc(text, kind=DocumentKind.TREATMENT_PLAN))
    assert [(s.name, s.credentials) for s in plan.signers] == [("Maria Chen", ("MD",))]


CERT_AND_PLAN = """PHYSICIAN CERTIFICATION AND PLAN OF CARE
Patient: Jane Doe

CERTIFICATION
I certify that the patient needs at least 9 hours of services per week.
Certified by: Ann Lee, LCSW  Date: 04/04/2025

INDIVIDUALIZED PLAN OF CARE          Effective 04/04/2025
Goal 1: PHQ-9 below 10 by 05/30/2025.
Plan signed: Maria Chen, MD 04/04/2025
"""


def test_a_certification_is_signed_by_those_above_its_plan_of_care() -> None:
    """A physician who signed only the plan of care below did not sign the certification."""
    doc = chart_doc(CERT_AND_PLAN, kind=DocumentKind.CERTIFICATION)
    [cert] = extract_certification(doc)
    assert [(s.name, s.credentials, s.date) for s in cert.signers] == [
        ("Ann Lee", ("LCSW",), dt.date(2025, 4, 4))
    ]


def test_the_members_own_signature_in_a_list_is_the_members() -> None:
    """Named as the member the plan is about, with no credential: the member signed (kept,
    marked as the member's: no clinician's signature)."""
    text = (
        "INDIVIDUALIZED TREATMENT PLAN\nClient: DOE, JANE T\nPlan Date: 06/03/2025\n\n"
        "Goals:\n1. Attend groups.\n\n"
        "Signatures: Ann Lee, LCSW 06/03/2025; Jane Doe 06/03/2025; Lee Park 06/04/2025\n"
    )
    [plan] = extract_treatment_plan(chart_doc(text, kind=DocumentKind.TREATMENT_PLAN))
    assert [(s.name, s.credentials, s.member) for s in plan.signers] == [
        ("Ann Lee", ("LCSW",), False),
        ("Jane Doe", (), True),
        ("Lee Park", (), False),  # someone else, credential not written: kept (uncertain)
    ]


@pytest.mark.parametrize(
    ("text", "name", "date", "quote"),
    [
        pytest.param(
            "Certifying physician: Samuel K. Adeyemi, DO  \nElectronically signed 2025-01-06\n",
            "Samuel K. Adeyemi",
            dt.date(2025, 1, 6),
            "Certifying physician: Samuel K. Adeyemi, DO  \nElectronically signed 2025-01-06",
            id="signer-named-above-the-signing-line",
        ),
        pytest.param(
            "Physician signature: [illegible]\nPrinted name / credentials: [illegible]\n"
            "Date: 07/07/2025\n",
            "[illegible]",
            dt.date(2025, 7, 7),
            "Physician signature: [illegible]\nPrinted name / credentials: [illegible]\n"
            "Date: 07/07/2025",
            id="date-line-of-the-signature-block",
        ),
    ],
)
def test_a_signature_dated_on_a_line_of_its_block(
    text: str, name: str, date: dt.date, quote: str
) -> None:
    [sig] = find_signatures(text)
    assert (sig.person.name, sig.date, text[sig.start : sig.end]) == (name, date, quote)


def test_a_date_after_a_blank_line_does_not_date_a_signature() -> None:
    text = "Signed: Omar Said, MD\n\nDate: 07/07/2025\n"
    [sig] = find_signatures(text)
    assert sig.date is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Staff signature: ____________________  Ana Ruiz, LCSW   03/03/2025",
            [("Ana Ruiz", ("LCSW",), dt.date(2025, 3, 3))],
            id="signed-on-the-blank-then-a-date",
        ),
        pytest.param(
            "Clinician Signature: ________ Ana Ruiz, LCSW Date: 3/3/2025",
            [("Ana Ruiz", ("LCSW",), dt.date(2025, 3, 3))],
            id="signed-on-the-blank-then-a-date-label",
        ),
        pytest.param(
            # a form's header: the member's name and the form's date, signed by no one
            "Client Name: Jane Q. Sample     Date: 03/03/2025",
            [],
            id="member-name-and-date-header",
        ),
        pytest.param(
            "Client signature: Jane Q. Sample     Date: 03/03/2025",
            [("Jane Q. Sample", (), dt.date(2025, 3, 3))],
            id="member-signature-and-date",
        ),
    ],
)
def test_a_rule_then_a_signer_and_a_name_then_a_date(
    text: str, expected: list[tuple[str, tuple[str, ...], dt.date]]
) -> None:
    found = find_signatures(text)
    assert [(s.person.name, s.person.credentials, s.date) for s in found] == expected
    assert [(s.start, s.end) for s in found] == [(0, len(text))] * len(expected)
    assert [b for b in find_blank_signatures(text) if not b.member] == []
