"""Every signer of a signature block (extract/values/people.py, issue 12 item 1): lists of
several signers on one line, role-labeled block lines, form rows with a status row under
them, names written LAST,FIRST CRED, co-signatures and dictated sign-offs; blank or
pending required lines as explicitly unsigned, never as signed."""

from __future__ import annotations

import datetime as dt

import pytest

from core.data import DocumentKind
from core.facts import RiskAssessment
from extract.deterministic.plans import extract_treatment_plan
from extract.deterministic.risk import extract_risk
from extract.values.people import (
    find_blank_signatures,
    find_signatures,
    is_client_signature,
    parse_person,
)
from tests.chartdocs import chart_doc

D = dt.date


def _read(text: str) -> list[tuple[str | None, tuple[str, ...], dt.date | None, str]]:
    return [
        (s.person.name, s.person.credentials, s.date, text[s.start : s.end])
        for s in find_signatures(text)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Signatures:  Client: Imani Oyelaran 10/16/2025   Counselor: Gloria Thibodeaux, "
            "L.P.C. 10/16/2025   Medical Director: Caleb Brannigan, D.O. 10/16/2025\n",
            [
                (
                    "Imani Oyelaran",
                    (),
                    D(2025, 10, 16),
                    "Signatures:  Client: Imani Oyelaran 10/16/2025",
                ),
                (
                    "Gloria Thibodeaux",
                    ("LPC",),
                    D(2025, 10, 16),
                    "Gloria Thibodeaux, L.P.C. 10/16/2025",
                ),
                ("Caleb Brannigan", ("DO",), D(2025, 10, 16), "Caleb Brannigan, D.O. 10/16/2025"),
            ],
            id="signatures-line-with-role-labels",
        ),
        pytest.param(
            "Signatures: Brandon Mancuso (client) · Tamara Valdivia (guardian) · Lauren Ingram, "
            "L.C.S.W. · Dr. Wakefield — 12/18/2025\n",
            [
                ("Brandon Mancuso", (), None, "Signatures: Brandon Mancuso"),
                ("Tamara Valdivia", (), None, "Tamara Valdivia"),
                ("Lauren Ingram", ("LCSW",), None, "Lauren Ingram, L.C.S.W."),
                ("Dr. Wakefield", (), D(2025, 12, 18), "Dr. Wakefield — 12/18/2025"),
            ],
            id="middle-dots-between-signers",
        ),
        pytest.param(
            "Plan signatures: Ann Lee, DO (03/05/2025); Bo Kim, LCSW (03/05/2025); member "
            "Jo Doe (03/06/2025)\n",
            [
                ("Ann Lee", ("DO",), D(2025, 3, 5), "signatures: Ann Lee, DO (03/05/2025"),
                ("Bo Kim", ("LCSW",), D(2025, 3, 5), "Bo Kim, LCSW (03/05/2025"),
                ("Jo Doe", (), D(2025, 3, 6), "Jo Doe (03/06/2025"),
            ],
            id="dates-in-parentheses-and-a-member-word",
        ),
        pytest.param(
            "Client: Kevin Trujillo  10/30/2025\nCounselor: Franco Yarborough, L.P.C.  "
            "10/30/2025\nPhysician: _____________________________\n",
            [
                ("Kevin Trujillo", (), D(2025, 10, 30), "Kevin Trujillo  10/30/2025"),
                (
                    "Franco Yarborough",
                    ("LPC",),
                    D(2025, 10, 30),
                    "Franco Yarborough, L.P.C.  10/30/2025",
                ),
            ],
            id="dated-role-lines-next-to-a-blank-required-line",
        ),
        pytest.param(
            "Assessed by: Yolanda Petrakis, L.C.S.W.    10/20/2025\n"
            "Supervisor review: Hector Cordova, Ph.D.    10/20/2025\n",
            [
                (
                    "Yolanda Petrakis",
                    ("LCSW",),
                    D(2025, 10, 20),
                    "Yolanda Petrakis, L.C.S.W.    10/20/2025",
                ),
                (
                    "Hector Cordova",
                    ("PhD",),
                    D(2025, 10, 20),
                    "Hector Cordova, Ph.D.    10/20/2025",
                ),
            ],
            id="assessed-by-and-a-supervisor-review",
        ),
        pytest.param(
            "   Treatment Team:      Colin Okonkwo, RN; Franco Delacroix, MD - signed "
            "02/28/2026 10:19 AM\n",
            [
                ("Colin Okonkwo", ("RN",), D(2026, 2, 28), "Colin Okonkwo, RN"),
                ("Franco Delacroix", ("MD",), D(2026, 2, 28), "Franco Delacroix, MD"),
            ],
            id="a-team-signing-together",
        ),
        pytest.param(
            "Primary counselor: Carmen Trujillo, LPC (signature on file)      Date: 02/27/2026\n",
            [
                (
                    "Carmen Trujillo",
                    ("LPC",),
                    D(2026, 2, 27),
                    "Carmen Trujillo, LPC (signature on file)      Date: 02/27/2026",
                )
            ],
            id="signature-on-file",
        ),
        pytest.param(
            "  Cosigner: Imani Delacroix, MD - Cosigned 12/02/2025 3:13 PM\n",
            [
                (
                    "Imani Delacroix",
                    ("MD",),
                    D(2025, 12, 2),
                    "Imani Delacroix, MD - Cosigned 12/02/2025",
                )
            ],
            id="cosigned",
        ),
        pytest.param(
            "Clinician completing form: Imani Lindqvist, L.C.S.W.  /s/  1/21/26\n",
            [
                (
                    "Imani Lindqvist",
                    ("LCSW",),
                    D(2026, 1, 21),
                    "Imani Lindqvist, L.C.S.W.  /s/  1/21/26",
                )
            ],
            id="slash-s-after-the-signer",
        ),
        pytest.param(
            "Completed by: Derek Trujillo, PMHNP-BC   Signature: /s/ Derek Trujillo   "
            "Date: 11/10/25\n",
            [
                (
                    "Derek Trujillo",
                    ("PMHNP",),
                    D(2025, 11, 10),
                    "Derek Trujillo, PMHNP-BC   Signature: /s/ Derek Trujillo   Date: 11/10/25",
                )
            ],
            id="credential-of-the-same-name-on-the-line",
        ),
        pytest.param(
            "Dr. Thibodeaux / dictated 02/13/2026\n",
            [("Dr. Thibodeaux", (), D(2026, 2, 13), "Dr. Thibodeaux / dictated 02/13/2026")],
            id="dictated-sign-off-credential-undocumented",
        ),
        pytest.param(
            "Patient: Olivia Dunleavy - signed 1/14/2026\n",
            [("Olivia Dunleavy", (), D(2026, 1, 14), "Olivia Dunleavy - signed 1/14/2026")],
            id="the-members-sign-off",
        ),
        pytest.param(
            "Certifying Practitioner                       ASHWORTH,HECTOR NP\n"
            "Practitioner Signature                        Electronically Signed\n"
            "Co-Signing Physician                          LINDQVIST,ELIJAH MD\n"
            "Co-Signature Status                           Signed\n"
            "Signature Date                                10/22/2025\n",
            [
                ("ASHWORTH,HECTOR", ("NP",), None, "ASHWORTH,HECTOR NP"),
                (
                    "LINDQVIST,ELIJAH",
                    ("MD",),
                    D(2025, 10, 22),
                    "LINDQVIST,ELIJAH MD\nCo-Signature Status                           Signed\n"
                    "Signature Date                                10/22/2025",
                ),
            ],
            id="form-rows-with-status-rows",
        ),
        pytest.param(
            "Certifying Practitioner                       WAKEFIELD,HANNAH NP; RASMUSSEN,YOLANDA\n"
            "                                              M.D.\n"
            "Practitioner Signature                        Electronically Signed (2 of 2)\n",
            [
                ("WAKEFIELD,HANNAH", ("NP",), None, "WAKEFIELD,HANNAH NP"),
                (
                    "RASMUSSEN,YOLANDA",
                    ("MD",),
                    None,
                    "RASMUSSEN,YOLANDA\n                                              M.D.",
                ),
            ],
            id="a-form-value-wrapped-onto-the-next-line",
        ),
        pytest.param(
            "\nATTESTATION\nI certify that the services are necessary.\n"
            "Printed 11/22/2025 - Elmwood Behavioral Health\n",
            [],
            id="a-footer-word-under-an-attestation-heading-is-no-signer",
        ),
    ],
)
def test_every_signer_of_a_block(
    text: str, expected: list[tuple[str | None, tuple[str, ...], dt.date | None, str]]
) -> None:
    assert _read(text) == expected


@pytest.mark.parametrize(
    ("text", "name", "creds", "quote"),
    [
        ("CORDOVA,NAOMI DO", "CORDOVA,NAOMI", ("DO",), "CORDOVA,NAOMI DO"),
        ("JABLONSKI,COLIN PMHNP-BC", "JABLONSKI,COLIN", ("PMHNP",), "JABLONSKI,COLIN PMHNP-BC"),
        ("OSTROWSKI,OLIVIA M.D.", "OSTROWSKI,OLIVIA", ("MD",), "OSTROWSKI,OLIVIA M.D."),
        ("Roe, Jane T. LCSW", "Roe, Jane T.", ("LCSW",), "Roe, Jane T. LCSW"),
        # without a credential after it, a comma may end a name ("Roe, Jane" stays "Roe")
        ("Roe, Jane", "Roe", (), "Roe"),
        ("Chen, MD", "Chen", ("MD",), "Chen, MD"),
    ],
)
def test_names_written_last_name_first(
    text: str, name: str, creds: tuple[str, ...], quote: str
) -> None:
    p = parse_person(text, 0, len(text))
    assert p is not None
    assert (p.name, p.credentials, text[p.start : p.end]) == (name, creds, quote)


@pytest.mark.parametrize(
    ("text", "quote", "role"),
    [
        pytest.param(
            "Co-Signature Required                         Yes\n"
            "Co-Signing Physician\n"
            "Co-Signature Status                           Pending\n",
            "Co-Signing Physician\nCo-Signature Status                           Pending",
            "Co-Signing Physician",
            id="form-row-with-a-pending-status",
        ),
        pytest.param(
            "  Cosign required: Yes    Cosigner: Dr. Harlan    Status: Awaiting\n",
            "Cosigner: Dr. Harlan    Status: Awaiting",
            "Cosigner",
            id="cosigner-named-but-awaiting",
        ),
    ],
)
def test_pending_cosignatures_are_blank_lines(text: str, quote: str, role: str) -> None:
    [blank] = find_blank_signatures(text)
    assert (text[blank.start : blank.end], blank.role) == (quote, role)
    assert find_signatures(text) == ()  # the co-signer named has not signed


@pytest.mark.parametrize(
    "text",
    [
        "Certifying Practitioner                       CORDOVA,NAOMI DO\n"
        "Practitioner Signature                        Pending\n",
        "Signatures:  Client: Jo Doe 10/16/2025   Counselor: Gloria Thibodeaux, LPC pending\n",
        "Client: Jane Doe  DOB: 01/02/1980\nReferred by: Ann Park, MD\n",
    ],
)
def test_unsigned_lines_name_no_clinician_signer(text: str) -> None:
    assert [s.person.name for s in find_signatures(text) if s.person.credentials] == []


def test_the_member_of_a_labeled_list_is_the_members_signature() -> None:
    text = (
        "Signatures:  Client: Imani Oyelaran 10/16/2025   Counselor: Gloria Thibodeaux, "
        "L.P.C. 10/16/2025\n"
    )
    sigs = find_signatures(text)
    assert [is_client_signature(text, s) for s in sigs] == [True, False]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Signed: Rosa Salas, LCPC, 08/05/2025 / Thomas Greer, CADC, 08/05/2025\n",
            [
                ("Rosa Salas", ("LCPC",), D(2025, 8, 5), "Signed: Rosa Salas, LCPC, 08/05/2025"),
                ("Thomas Greer", ("CADC",), D(2025, 8, 5), "Thomas Greer, CADC, 08/05/2025"),
            ],
            id="a-slash-between-signers-not-inside-a-date",
        ),
        pytest.param(
            "Signed: Helen Marchbanks, MD (e-signed 01/14/2025 09:12) · Marcus Oyelaran, LCSW "
            "(e-signed 01/14/2025 09:30)\n",
            [
                (
                    "Helen Marchbanks",
                    ("MD",),
                    D(2025, 1, 14),
                    "Signed: Helen Marchbanks, MD (e-signed 01/14/2025",
                ),
                (
                    "Marcus Oyelaran",
                    ("LCSW",),
                    D(2025, 1, 14),
                    "Marcus Oyelaran, LCSW (e-signed 01/14/2025",
                ),
            ],
            id="a-time-in-parentheses-before-the-next-signer",
        ),
        pytest.param(
            "**Certified by:** Marcus Dell, LCADC, Clinical Supervisor - Date: 03/12/2025\n",
            [
                (
                    "Marcus Dell",
                    ("LADC",),
                    D(2025, 3, 12),
                    "Certified by:** Marcus Dell, LCADC, Clinical Supervisor - Date: 03/12/2025",
                )
            ],
            id="bold-label-closes-after-its-colon",
        ),
        pytest.param(
            "/s/ Tomas Heredia, MD_        Psychiatrist        Date signed: 06/02/2025\n",
            [
                (
                    "Tomas Heredia",
                    ("MD",),
                    D(2025, 6, 2),
                    "/s/ Tomas Heredia, MD_        Psychiatrist        Date signed: 06/02/2025",
                )
            ],
            id="a-role-column-is-not-another-signer",
        ),
    ],
)
def test_signers_of_one_line(
    text: str, expected: list[tuple[str | None, tuple[str, ...], dt.date | None, str]]
) -> None:
    assert _read(text) == expected


CERT_WITH_PLAN = (
    "PHYSICIAN CERTIFICATION AND PLAN OF CARE\nDate: 05/13/2025\n\n"
    "I certify the member needs at least 9 hours per week of IOP services.\n"
    "Electronically signed by Samuel Iwu, DO on 05/13/2025\n\n"
    "## Plan of care\n"
    "Goal 1: Reduce PHQ-9 to 10 or below within 8 weeks.\n\n"
    "Plan signatures: Samuel Iwu, DO (05/13/2025); Curtis Navarro, LCSW (05/13/2025)\n"
)


def test_the_physician_who_signs_the_certification_and_its_plan_signs_both() -> None:
    doc = chart_doc(CERT_WITH_PLAN, kind=DocumentKind.CERTIFICATION)
    [plan] = [p for p in extract_treatment_plan(doc) if p.source.endswith("plan_of_care.part")]
    text = CERT_WITH_PLAN
    assert [(s.name, s.credentials, s.evidence[0].quote) for s in plan.signers] == [
        ("Samuel Iwu", ("DO",), "Samuel Iwu, DO (05/13/2025"),
        ("Curtis Navarro", ("LCSW",), "Curtis Navarro, LCSW (05/13/2025"),
    ]
    start = text.index("Samuel Iwu, DO (05")
    assert plan.signers[0].evidence[0].start == start


RISK_DOC = (
    "WEEKLY RISK ASSESSMENT (IOP)\nClient: Priya Sorensen   Date: 10/20/2025\n\n"
    "C-SSRS screen: denies suicidal ideation, no plan or intent.\n"
    "Risk level: Low. Not an imminent danger to self or others. Does not require 24-hour "
    "supervision.\n\n"
    "Assessed by: Yolanda Petrakis, L.C.S.W.    10/20/2025\n"
    "Supervisor review: Hector Cordova, Ph.D.    10/20/2025\n"
)


def test_a_risk_assessment_keeps_every_signer() -> None:
    doc = chart_doc(RISK_DOC, kind=DocumentKind.RISK_ASSESSMENT)
    [risk] = [f for f in extract_risk(doc) if isinstance(f, RiskAssessment)]
    assert [(s.name, s.credentials, s.date, s.signed) for s in risk.signers] == [
        ("Yolanda Petrakis", ("LCSW",), D(2025, 10, 20), True),
        ("Hector Cordova", ("PhD",), D(2025, 10, 20), True),
    ]
    [first, second] = risk.signers
    assert first.evidence[0].start == RISK_DOC.index("Yolanda Petrakis")
    assert second.evidence[0].quote == "Hector Cordova, Ph.D.    10/20/2025"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Signed: 03/05/2025 by Jane Roe, LCSW\n",
            [("Jane Roe", ("LCSW",), D(2025, 3, 5), "Signed: 03/05/2025 by Jane Roe, LCSW")],
            id="date-then-by",
        ),
        pytest.param(
            "Electronically signed on 03/05/2025 14:02 by Jane Roe, LCSW\n",
            [
                (
                    "Jane Roe",
                    ("LCSW",),
                    D(2025, 3, 5),
                    "Electronically signed on 03/05/2025 14:02 by Jane Roe, LCSW",
                )
            ],
            id="signed-on-date-and-time-by",
        ),
        pytest.param(
            "Signed by Ann Lee, MD and Bo Kim, LCSW on 03/05/2025\n",
            [
                ("Ann Lee", ("MD",), D(2025, 3, 5), "Signed by Ann Lee, MD"),
                ("Bo Kim", ("LCSW",), D(2025, 3, 5), "Bo Kim, LCSW on 03/05/2025"),
            ],
            id="two-signers-joined-by-and-share-the-date",
        ),
        pytest.param(
            "Physician: Dr. Lee (signed 03/05/2025)\n",
            [("Dr. Lee", (), D(2025, 3, 5), "Dr. Lee (signed 03/05/2025")],
            id="doctor-after-a-label-credential-undocumented",
        ),
    ],
)
def test_more_signed_lines(
    text: str, expected: list[tuple[str | None, tuple[str, ...], dt.date | None, str]]
) -> None:
    assert _read(text) == expected


@pytest.mark.parametrize(
    ("text", "quote", "role"),
    [
        ("Cosign: Pending\n", "Cosign: Pending", "Cosign"),
        ("Supervisor: Pending\n", "Supervisor: Pending", "Supervisor"),
        ("Co-signature: pending\n", "Co-signature: pending", "Co-signature"),
        (
            "Physician signature: Awaiting\n",
            "Physician signature: Awaiting",
            "Physician signature",
        ),
        (
            "Physician signature: (pending)\n",
            "Physician signature: (pending)",
            "Physician signature",
        ),
    ],
)
def test_pending_or_awaiting_lines_are_unsigned(text: str, quote: str, role: str) -> None:
    [blank] = find_blank_signatures(text)
    assert (text[blank.start : blank.end], blank.role) == (quote, role)
    assert find_signatures(text) == ()  # never a signer named "Awaiting"


M5 = D(2025, 3, 5)
M4 = D(2025, 3, 4)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Signed by Ann Lee, MD and Bo Kim, LCSW on 03/05/2025\n",
            [("Ann Lee", M5, "03/05/2025"), ("Bo Kim", M5, None)],
            id="and-on-date",
        ),
        pytest.param(
            "Electronically signed by Ann Lee, MD; Bo Kim, LCSW on 03/05/2025\n",
            [("Ann Lee", M5, "03/05/2025"), ("Bo Kim", M5, None)],
            id="list-then-on-date",
        ),
        pytest.param(
            "Signed by Ann Lee, MD, and Bo Kim, LCSW 03/05/2025\n",
            [("Ann Lee", M5, "03/05/2025"), ("Bo Kim", M5, None)],
            id="comma-and-then-date",
        ),
        pytest.param(
            # a list dated signer by signer: a missing date is not borrowed from another
            "Signatures: Ann Lee, MD; Bo Kim, LCSW 03/05/2025\n",
            [("Ann Lee", None, None), ("Bo Kim", M5, None)],
            id="not-shared-in-a-per-signer-list",
        ),
        pytest.param(
            "Signatures: Ann Lee, MD 03/04/2025; Bo Kim, LCSW; Cy Dunn, LPC on 03/05/2025\n",
            [("Ann Lee", M4, None), ("Bo Kim", None, None), ("Cy Dunn", M5, None)],
            id="not-shared-when-another-signer-has-a-date",
        ),
    ],
)
def test_a_date_written_once_after_the_last_signer_is_every_signers(
    text: str, expected: list[tuple[str, dt.date | None, str | None]]
) -> None:
    """The date of a shared signing is every signer's, its evidence where the date is
    written (RULES.md "Credentials": several signers); never borrowed within a list whose
    signers are dated one by one."""
    got = [
        (s.person.name, s.date, text[s.date_at[0] : s.date_at[1]] if s.date_at else None)
        for s in find_signatures(text)
    ]
    assert got == expected


def test_a_plan_signer_who_shares_the_date_has_the_date_in_its_evidence() -> None:
    text = (
        "TREATMENT PLAN\nGoal 1: attend 9 hours of groups each week by 04/30/2025.\n"
        "Signed by Ann Lee, MD and Bo Kim, LCSW on 03/05/2025\n"
    )
    doc = chart_doc(text, kind=DocumentKind.TREATMENT_PLAN)
    [plan] = extract_treatment_plan(doc)
    lee = next(s for s in plan.signers if s.name == "Ann Lee")
    assert lee.date == D(2025, 3, 5)
    assert [e.quote for e in lee.evidence] == ["Ann Lee, MD", "03/05/2025"]
    assert lee.evidence[1].start == text.index("03/05/2025")


BOX_TABLE = (
    "SIGNATURES\n"
    "+--------------------------+------------------+-------------+-----------------------+------------+\n"
    "| Role                     | Printed Name     | Credentials | Signature             | Date       |\n"
    "+--------------------------+------------------+-------------+-----------------------+------------+\n"
    "| Consumer                 | Jasmine Sorensen |             | Signed on tablet      | 01/15/2026 |\n"
    "| Primary Clinician        | Imani Prescott   | L.P.C.      | Electronically signed | 01/15/2026 |\n"
    "| Physician Co-Signature   |                  |             |                       |            |\n"
    "| Interpreter (if used)    |                  |             |                       |            |\n"
    "| Medical Director         | Samuel Valdivia  | MD          | Pending               |            |\n"
    "+--------------------------+------------------+-------------+-----------------------+------------+\n"
)
SPACED_TABLE = (
    "PLAN OF CARE SIGN-OFF\n"
    "Discipline    Name                      Credentials  Signed\n"
    "Nursing       Samuel Santorelli         RN           10/29/2025 12:00\n"
    "Therapy       Rachel Thibodeaux         LPC          10/29/2025 12:00\n"
)


@pytest.mark.parametrize(
    ("text", "signed", "blank"),
    [
        pytest.param(
            BOX_TABLE,
            [
                ("Jasmine Sorensen", (), D(2026, 1, 15), "Jasmine Sorensen", "01/15/2026"),
                (
                    "Imani Prescott",
                    ("LPC",),
                    D(2026, 1, 15),
                    "Imani Prescott   | L.P.C.",
                    "01/15/2026",
                ),
            ],
            ["Physician Co-Signature"],
            id="boxed-table-role-name-credentials-signature-date",
        ),
        pytest.param(
            SPACED_TABLE,
            [
                (
                    "Samuel Santorelli",
                    ("RN",),
                    D(2025, 10, 29),
                    "Samuel Santorelli         RN",
                    "10/29/2025",
                ),
                (
                    "Rachel Thibodeaux",
                    ("LPC",),
                    D(2025, 10, 29),
                    "Rachel Thibodeaux         LPC",
                    "10/29/2025",
                ),
            ],
            [],
            id="aligned-columns-signed-column-holds-the-date",
        ),
    ],
)
def test_a_table_of_signatures_is_read_by_its_columns(
    text: str,
    signed: list[tuple[str, tuple[str, ...], dt.date, str, str]],
    blank: list[str],
) -> None:
    """Signers from the layout layer's tables (any borders): the name, the credentials of
    their own column, the date column as the date's own evidence; a blank row of a required
    clinician's role is an unsigned line, an optional one ("Interpreter (if used)") or a
    pending one names nobody."""
    got = [
        (
            s.person.name,
            s.person.credentials,
            s.date,
            text[s.start : s.end],
            text[s.date_at[0] : s.date_at[1]] if s.date_at else "",
        )
        for s in find_signatures(text)
    ]
    assert got == signed
    assert [b.role for b in find_blank_signatures(text)] == blank


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Attestation: I have reviewed this plan of care with the team and approve\n"
            "it. Lauren Stanislaw, MD, Attending Psychiatrist, 10/29/2025\n",
            [
                (
                    "Lauren Stanislaw",
                    ("MD",),
                    D(2025, 10, 29),
                    "Lauren Stanislaw, MD, Attending Psychiatrist, 10/29/2025",
                )
            ],
            id="attestation-signed-at-the-end-of-its-sentence",
        ),
        pytest.param(
            "Teaching physician attestation: I saw the patient and agree with the certification\n"
            "as written. -- Rachel Mwangi, DO, 12/24/2025\n",
            [("Rachel Mwangi", ("DO",), D(2025, 12, 24), "Rachel Mwangi, DO, 12/24/2025")],
            id="attestation-after-a-dash",
        ),
        pytest.param(
            "Collaborating psychiatrist review: agree with assessment and plan. Gavin Wakefield, M.D. 10/27/2025\n",
            [("Gavin Wakefield", ("MD",), D(2025, 10, 27), "Gavin Wakefield, M.D. 10/27/2025")],
            id="a-reviewer-agrees",
        ),
        pytest.param(
            "Evaluation performed by Alicia Kettering, PMHNP -- authenticated 10/27/2025\n",
            [
                (
                    "Alicia Kettering",
                    ("PMHNP",),
                    D(2025, 10, 27),
                    "Alicia Kettering, PMHNP -- authenticated 10/27/2025",
                )
            ],
            id="performed-by-then-authenticated",
        ),
        pytest.param(
            "Addendum written by Vanessa Escobedo, CADC  11/25/2025\n",
            [
                (
                    "Vanessa Escobedo",
                    ("CADC",),
                    D(2025, 11, 25),
                    "Vanessa Escobedo, CADC  11/25/2025",
                )
            ],
            id="written-by-and-dated",
        ),
        pytest.param(
            "Priya Kowalczyk, MD, PGY-3\nAuthenticated by resident Priya Kowalczyk 12/24/2025 15:13\n",
            [
                (
                    "Priya Kowalczyk",
                    ("MD",),
                    D(2025, 12, 24),
                    "Authenticated by resident Priya Kowalczyk 12/24/2025",
                )
            ],
            id="authenticated-by-a-resident-physician",
        ),
        pytest.param(
            "Authenticated (late): Yolanda Whitcombe, D.O.  12/26/2025 11:20\n",
            [
                (
                    "Yolanda Whitcombe",
                    ("DO",),
                    D(2025, 12, 26),
                    "Authenticated (late): Yolanda Whitcombe, D.O.  12/26/2025",
                )
            ],
            id="authenticated-late",
        ),
        pytest.param(
            "Co-signature (clinical supervisor): Hannah Valdivia, L.C.S.W.  11/25/2025\n",
            [
                (
                    "Hannah Valdivia",
                    ("LCSW",),
                    D(2025, 11, 25),
                    "signature (clinical supervisor): Hannah Valdivia, L.C.S.W.  11/25/2025",
                )
            ],
            id="signature-label-with-a-role-in-parentheses",
        ),
        pytest.param(
            "Hannah Valdivia                   Signed: HV                    Sent: 11/06/2025 | 11:11 AM\n",
            [("Hannah Valdivia", (), None, "Hannah Valdivia                   Signed:")],
            id="initials-are-no-name-the-name-before-them-signs",
        ),
        pytest.param(
            "SIGNATURES (captured electronically - see certificate of completion)\n"
            "  Primary counselor: Vanessa Escobedo, CADC ............ 11/06/2025\n"
            "  Clinical supervisor (co-sign): Hannah Valdivia, L.C.S.W. . 11/06/2025\n",
            [
                (
                    "Vanessa Escobedo",
                    ("CADC",),
                    D(2025, 11, 6),
                    "Vanessa Escobedo, CADC ............ 11/06/2025",
                ),
                (
                    "Hannah Valdivia",
                    ("LCSW",),
                    D(2025, 11, 6),
                    "Hannah Valdivia, L.C.S.W. . 11/06/2025",
                ),
            ],
            id="indented-block-dotted-leaders",
        ),
        # not signatures
        pytest.param(
            "DICTATED BUT NOT AUTHENTICATED\nCaleb Sorensen, MD 11/04/2025\n",
            [],
            id="dictated-not-authenticated",
        ),
        pytest.param(
            "History: seen by John Smith, MD 09/01/2025 for a physical.\n",
            [],
            id="a-visit-in-the-history",
        ),
        pytest.param(
            "Attestation: to be completed by the attending after review.\n",
            [],
            id="an-attestation-not-yet-signed",
        ),
    ],
)
def test_attestations_authentications_and_sign_offs(
    text: str, expected: list[tuple[str | None, tuple[str, ...], dt.date | None, str]]
) -> None:
    assert _read(text) == expected


def test_a_blank_attestation_line_is_unsigned() -> None:
    text = "Medical director attestation: ________________________  Date: __________\n"
    [blank] = find_blank_signatures(text)
    assert (blank.role, text[blank.start : blank.end]) == (
        "Medical director attestation",
        "Medical director attestation: ________________________",
    )


def test_a_resident_physician_is_no_client_but_a_resident_of_a_program_is() -> None:
    doc = "Priya Kowalczyk, MD\nAuthenticated by resident Priya Kowalczyk 12/24/2025\n"
    [sig] = find_signatures(doc)
    assert not is_client_signature(doc, sig)
    res = "Resident signature: Jamal Ortiz 12/24/2025\n"
    [sig] = find_signatures(res)
    assert is_client_signature(res, sig)


def test_a_row_the_table_reader_cannot_name_keeps_the_line_readers_signer() -> None:
    """A table of signatures whose signature cell names the signer in a sentence: the
    table reader finds no name cell, so the reading of the line stands (it is not dropped
    for a row nobody read)."""
    text = (
        "| Role      | Signature                                   | Date       |\n"
        "|-----------|---------------------------------------------|------------|\n"
        "| Therapist | Electronically signed by Jane Roe, LCSW     | 03/05/2025 |\n"
    )
    assert [(s.person.name, s.person.credentials) for s in find_signatures(text)] == [
        ("Jane Roe", ("LCSW",))
    ]
