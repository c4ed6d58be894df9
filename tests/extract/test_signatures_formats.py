"""Signature lines in the formats EHR exports and scanned forms use (extract/deterministic/
people.py), and the signer a plan or certification takes from them (plans.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from core.data import DocumentKind
from core.grounding import evidence_problem, iter_evidence
from extract.deterministic.plans import extract_treatment_plan
from extract.values.people import find_signatures
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
