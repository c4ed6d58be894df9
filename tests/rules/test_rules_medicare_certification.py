"""medicare-iop: initial-certification, recertification-interval, recertification-content,
continued-stay. One table per rule, covering every status the rule can produce."""

from __future__ import annotations

import pytest
from rulefacts import (
    CERT,
    DISCHARGE,
    DOCUMENTS,
    INTAKE,
    PLAN,
    RECERT,
    RECERT_DOC,
    admission,
    assert_finding,
    certification,
    chart,
    continued,
    discharge,
    doc_date,
    ev,
    finding,
    person,
    recertification,
)

from core.data import DocumentKind
from core.facts import CertificationElement, ChartInput, ContinuedStayElement, Signer
from core.findings import Status

MET = Status.MET
NOT_MET = Status.NOT_MET
INSUFFICIENT = Status.INSUFFICIENT_EVIDENCE
NA = Status.NOT_APPLICABLE
CE = CertificationElement

DATES_WITHOUT_CERT = (
    doc_date("2025-03-03", INTAKE),
    doc_date("2025-03-05", PLAN),
    doc_date("2025-03-26", DISCHARGE),
)
NO_CERT_DOCS = tuple(d for d in DOCUMENTS if d.kind is not DocumentKind.CERTIFICATION)
INITIAL_ELEMENTS = (CE.MIN_HOURS, CE.DIAGNOSIS, CE.CLINICAL_NEED)


def stay(discharge_iso: str, *recerts: object, **facts: object) -> ChartInput:
    """The good chart with another discharge date and these recertifications."""
    return chart(
        documents=(*DOCUMENTS, RECERT_DOC),
        episode_dates=(admission("2025-03-03"), discharge(discharge_iso)),
        certifications=(certification(), *recerts),
        **facts,
    )


# --------------------------------------------------------------------------- initial


@pytest.mark.parametrize(
    ("input_chart", "status", "fragments"),
    [
        pytest.param(
            chart(),
            MET,
            [
                "dated 2025-03-03 is signed by Maria Chen, MD",
                "program week 1 (which ends 2025-03-09)",
            ],
            id="met",
        ),
        pytest.param(
            chart(certifications=(certification("2025-03-09"),)), MET, [], id="last-day-of-week-1"
        ),
        pytest.param(
            chart(certifications=(certification("2025-02-28"),)), MET, [], id="before-admission"
        ),
        pytest.param(
            chart(certifications=(certification(signer=person("Paul Nguyen", "D.O.")),)),
            MET,
            ["Paul Nguyen, DO"],
            id="do-with-dots",
        ),
        pytest.param(
            chart(certifications=(certification(hours=None),)),
            MET,
            [],
            id="statement-without-number",
        ),
        pytest.param(
            chart(certifications=(certification(None),)),
            MET,
            ["dated 2025-03-03"],
            id="date-from-document-date",
        ),
        pytest.param(
            chart(
                certifications=(
                    certification(signer=person("Ann Lee", "LCSW")),
                    certification("2025-03-04", doc=INTAKE),
                )
            ),
            MET,
            ["dated 2025-03-04"],
            id="one-of-two-passes",
        ),
        pytest.param(
            chart(documents=NO_CERT_DOCS, certifications=()),
            NOT_MET,
            ["No initial certification is documented."],
            id="absent",
        ),
        pytest.param(
            chart(certifications=(recertification("2025-03-03"),)),
            INSUFFICIENT,
            ["certification.txt is filed as certification", "could be read from it"],
            id="only-a-recertification-read-from-certification-document",
        ),
        pytest.param(
            chart(certifications=(certification(unsigned=True),)),
            NOT_MET,
            ["lacks a signature by a physician"],
            id="unsigned",
        ),
        pytest.param(
            chart(certifications=(certification(signer=person("Ann Lee", "LCSW")),)),
            NOT_MET,
            ["is signed by Ann Lee, LCSW, not by a physician"],
            id="not-a-physician",
        ),
        pytest.param(
            chart(certifications=(certification(hours=6),)),
            NOT_MET,
            ["states 6 hours of services per week, fewer than the 9 required"],
            id="six-hours",
        ),
        pytest.param(
            chart(
                certifications=(
                    certification(hours=None, elements=(CE.DIAGNOSIS, CE.CLINICAL_NEED)),
                )
            ),
            NOT_MET,
            ["does not state the need for at least 9 hours of services per week"],
            id="no-hours-statement",
        ),
        pytest.param(
            chart(certifications=(certification(elements=(CE.MIN_HOURS, CE.CLINICAL_NEED)),)),
            NOT_MET,
            ["does not identify the diagnosis"],
            id="no-diagnosis",
        ),
        pytest.param(
            chart(certifications=(certification(elements=(CE.MIN_HOURS, CE.DIAGNOSIS)),)),
            NOT_MET,
            ["does not identify the clinical need for IOP"],
            id="no-clinical-need",
        ),
        pytest.param(
            chart(certifications=(certification("2025-03-10"),)),
            NOT_MET,
            ["dated 2025-03-10 is dated after program week 1, which ended on 2025-03-09"],
            id="after-week-1",
        ),
        pytest.param(
            chart(
                certifications=(
                    certification(unsigned=True, elements=(CE.MIN_HOURS, CE.DIAGNOSIS)),
                )
            ),
            NOT_MET,
            ["lacks a signature by a physician and does not identify the clinical need"],
            id="two-problems-named",
        ),
        pytest.param(
            chart(
                certifications=(
                    certification(signer=person("Ann Lee", "LCSW")),
                    certification("2025-03-20", doc=INTAKE),
                )
            ),
            NOT_MET,
            ["dated 2025-03-03 is signed by Ann Lee, LCSW", "; the initial certification dated"],
            id="both-fail-both-named",
        ),
        pytest.param(
            chart(certifications=(certification(None),), document_dates=DATES_WITHOUT_CERT),
            INSUFFICIENT,
            ["The initial certification has no date, so the requirement cannot be confirmed."],
            id="undated",
        ),
        pytest.param(
            chart(certifications=(certification(signer=person("Maria Chen")),)),
            INSUFFICIENT,
            ["is signed by Maria Chen with no credential documented"],
            id="signer-credential-unknown",
        ),
        pytest.param(
            chart(
                episode_dates=(
                    admission("2025-03-03"),
                    admission("2025-03-10"),
                    discharge("2025-03-26"),
                )
            ),
            INSUFFICIENT,
            ["different admission dates: 2025-03-03 and 2025-03-10"],
            id="conflicting-admission-dates",
        ),
        pytest.param(
            chart(
                certifications=(certification(None),),
                document_dates=(*DATES_WITHOUT_CERT, doc_date("2025-03-20", CERT, "signed")),
            ),
            NOT_MET,
            ["dated 2025-03-20 is dated after program week 1"],
            id="late-document-date",
        ),
    ],
)
def test_initial_certification(
    input_chart: ChartInput, status: Status, fragments: list[str]
) -> None:
    assert_finding("initial-certification", input_chart, status, fragments)


def test_initial_certification_values_and_evidence() -> None:
    cert = certification()
    result = assert_finding("initial-certification", chart(certifications=(cert,)), MET)
    assert result.values["week1_end"] == "2025-03-09"
    assert result.values["admission_date"] == "2025-03-03"
    assert cert.evidence[0] in result.evidence
    assert cert.signed_by is not None and cert.signed_by.evidence[0] in result.evidence
    assert all(e.evidence[0] in result.evidence for e in cert.elements)


# --------------------------------------------------------------------------- interval


@pytest.mark.parametrize(
    ("input_chart", "status", "fragments"),
    [
        pytest.param(
            chart(),
            NA,
            ["2025-03-26, 23 days after the initial certification of 2025-03-03"],
            id="short-stay",
        ),
        pytest.param(stay("2025-05-02"), NA, ["60 days after"], id="exactly-60-days"),
        pytest.param(
            stay("2025-05-03"),
            NOT_MET,
            [
                "The episode end (2025-05-03) is 61 days after the latest certification of "
                "2025-03-03"
            ],
            id="61-days-without-recertification",
        ),
        pytest.param(
            stay("2025-06-10", recertification("2025-04-30")),
            MET,
            ["Each of the 1 recertification(s)", "41 days after the latest certification"],
            id="met",
        ),
        pytest.param(
            stay("2025-07-01", recertification("2025-05-02")),
            MET,
            [],
            id="exactly-60-and-60",
        ),
        pytest.param(
            stay("2025-06-10", recertification("2025-05-05")),
            NOT_MET,
            [
                "63 days passed from the certification of 2025-03-03 to the recertification "
                "of 2025-05-05 (at most 60 days are allowed)"
            ],
            id="late-recertification",
        ),
        pytest.param(
            stay("2025-07-05", recertification("2025-04-30")),
            NOT_MET,
            [
                "The episode end (2025-07-05) is 66 days after the latest certification of "
                "2025-04-30"
            ],
            id="episode-outlasts-recertification",
        ),
        pytest.param(
            stay("2025-06-10", recertification(None)),
            INSUFFICIENT,
            ["99 days after the latest certification", "1 undated recertification(s)"],
            id="undated-recertification-could-close-the-gap",
        ),
        pytest.param(
            stay("2025-06-10", recertification("2025-04-30"), recertification(None)),
            MET,
            [],
            id="undated-recertification-irrelevant-when-chain-holds",
        ),
        pytest.param(
            chart(certifications=(certification(None),), document_dates=DATES_WITHOUT_CERT),
            INSUFFICIENT,
            ["No dated initial certification is documented"],
            id="undated-initial",
        ),
        pytest.param(
            chart(
                episode_dates=(
                    admission("2025-03-03"),
                    discharge("2025-03-26"),
                    discharge("2025-05-26"),
                )
            ),
            INSUFFICIENT,
            ["different discharge dates: 2025-03-26 and 2025-05-26"],
            id="conflicting-discharge-dates",
        ),
    ],
)
def test_recertification_interval(
    input_chart: ChartInput, status: Status, fragments: list[str]
) -> None:
    assert_finding("recertification-interval", input_chart, status, fragments)


def test_recertification_interval_values() -> None:
    result = finding(
        "recertification-interval", stay("2025-06-10", recertification("2025-05-05"))
    ).values
    assert result["intervals"] == [
        {"from": "2025-03-03", "to": "2025-05-05", "days": 63},
        {"from": "2025-05-05", "to": "2025-06-10", "days": 36},
    ]
    assert result["max_days"] == 60


# --------------------------------------------------------------------------- content


@pytest.mark.parametrize(
    ("input_chart", "status", "fragments"),
    [
        pytest.param(chart(), NA, ["No recertification is in the chart"], id="none"),
        pytest.param(
            stay("2025-06-10", recertification("2025-04-30")),
            MET,
            ["All 1 recertification(s) are signed by a physician"],
            id="met",
        ),
        pytest.param(
            chart(documents=(*DOCUMENTS, RECERT_DOC)),
            INSUFFICIENT,
            ["recert.txt is filed as recertification", "could be read from it"],
            id="document-unread",
        ),
        pytest.param(
            stay(
                "2025-06-10",
                recertification(
                    "2025-04-30",
                    elements=(CE.MIN_HOURS, CE.CONTINUING_SYMPTOMS, CE.DISCHARGE_GOALS),
                ),
            ),
            NOT_MET,
            ["The recertification dated 2025-04-30 does not describe the response to treatment."],
            id="no-response",
        ),
        pytest.param(
            stay(
                "2025-06-10",
                recertification(
                    "2025-04-30",
                    elements=(CE.MIN_HOURS, CE.RESPONSE_TO_TREATMENT, CE.DISCHARGE_GOALS),
                ),
            ),
            NOT_MET,
            ["does not describe the symptoms that still require intensive treatment"],
            id="no-continuing-symptoms",
        ),
        pytest.param(
            stay(
                "2025-06-10",
                recertification(
                    "2025-04-30",
                    elements=(CE.MIN_HOURS, CE.RESPONSE_TO_TREATMENT, CE.CONTINUING_SYMPTOMS),
                ),
            ),
            NOT_MET,
            ["does not state treatment goals toward discharge"],
            id="no-discharge-goals",
        ),
        pytest.param(
            stay("2025-06-10", recertification("2025-04-30", hours=6)),
            NOT_MET,
            ["states 6 hours of services per week"],
            id="six-hours",
        ),
        pytest.param(
            stay(
                "2025-06-10",
                recertification("2025-04-30", signer=person("Jo Park", "PMHNP", doc=RECERT)),
            ),
            NOT_MET,
            ["is signed by Jo Park, PMHNP, not by a physician"],
            id="np-signature",
        ),
        pytest.param(
            stay(
                "2025-08-10",
                recertification("2025-04-30"),
                recertification("2025-06-25", unsigned=True),
            ),
            NOT_MET,
            ["The recertification dated 2025-06-25 lacks a signature by a physician."],
            id="second-of-two-fails",
        ),
        pytest.param(
            stay(
                "2025-06-10", recertification("2025-04-30", signer=person("Maria Chen", doc=RECERT))
            ),
            INSUFFICIENT,
            ["with no credential documented", "cannot be confirmed"],
            id="signer-credential-unknown",
        ),
    ],
)
def test_recertification_content(
    input_chart: ChartInput, status: Status, fragments: list[str]
) -> None:
    assert_finding("recertification-content", input_chart, status, fragments)


def test_recertification_content_names_only_the_failing_recertification() -> None:
    result = finding(
        "recertification-content",
        stay(
            "2025-08-10",
            recertification("2025-04-30"),
            recertification("2025-06-25", unsigned=True),
        ),
    )
    assert "2025-04-30" not in result.reason
    rows = result.values["recertifications"]
    assert isinstance(rows, list)
    assert [r["status"] for r in rows if isinstance(r, dict)] == ["met", "not_met"]


# --------------------------------------------------------------------------- continued stay

LESS = ContinuedStayElement.LESS_INTENSIVE_INSUFFICIENT
SYMPTOMS = ContinuedStayElement.CONTINUING_SYMPTOMS


@pytest.mark.parametrize(
    ("input_chart", "status", "fragments"),
    [
        pytest.param(chart(), NA, ["23 days after the initial certification"], id="short-stay"),
        pytest.param(stay("2025-05-02"), NA, ["60 days after"], id="exactly-60-days"),
        pytest.param(
            stay("2025-05-12", continued_stay=(continued(SYMPTOMS), continued(LESS))),
            MET,
            ["The stay runs to 2025-05-12, 70 days after the initial certification of 2025-03-03"],
            id="met-by-notes",
        ),
        pytest.param(
            stay("2025-05-12", recertification("2025-04-28"), continued_stay=(continued(LESS),)),
            MET,
            [],
            id="met-by-recertification-and-note",
        ),
        pytest.param(
            stay("2025-05-12", continued_stay=(continued(SYMPTOMS),)),
            NOT_MET,
            [
                "nothing dated after it documents that less intensive care could not prevent "
                "relapse or hospitalization"
            ],
            id="no-less-intensive-statement",
        ),
        pytest.param(
            stay("2025-05-12"),
            NOT_MET,
            ["continuing serious symptoms and that less intensive care"],
            id="nothing",
        ),
        pytest.param(
            stay(
                "2025-05-12",
                continued_stay=(continued(SYMPTOMS, "2025-03-03"), continued(LESS, "2025-03-03")),
            ),
            NOT_MET,
            [],
            id="only-on-the-certification-date",
        ),
        pytest.param(
            stay("2025-05-12", continued_stay=(continued(SYMPTOMS), continued(LESS, None))),
            INSUFFICIENT,
            ["is undated"],
            id="undated-documentation",
        ),
        pytest.param(
            chart(
                episode_dates=(admission("2025-03-03"), discharge("2025-05-12")),
                certifications=(certification(None),),
                document_dates=DATES_WITHOUT_CERT,
            ),
            INSUFFICIENT,
            ["No dated initial certification"],
            id="undated-initial",
        ),
    ],
)
def test_continued_stay(input_chart: ChartInput, status: Status, fragments: list[str]) -> None:
    assert_finding("continued-stay", input_chart, status, fragments)


# --------------------------------------------------------------------------- several signers


def signer(
    name: str | None,
    *credentials: str,
    signed: bool = True,
    role: str | None = None,
    member: bool = False,
) -> Signer:
    return Signer(
        evidence=(ev(name or f"{role}: ________", CERT),),
        source="test",
        name=name,
        credentials=tuple(credentials),
        signed=signed,
        role=role,
        member=member,
    )


def signed_by(*signers: Signer) -> ChartInput:
    cert = certification().model_copy(update={"signers": signers})
    return chart(certifications=(cert,))


@pytest.mark.parametrize(
    ("input_chart", "status", "fragments"),
    [
        pytest.param(
            signed_by(signer("Ann Lee", "LCSW"), signer("Maria Chen", "MD")),
            MET,
            [],
            id="any-signer-qualifies",
        ),
        pytest.param(
            signed_by(signer("Ann Lee", "LCSW"), signer("Dr. Lee")),
            INSUFFICIENT,
            ["signed by Dr. Lee with no credential documented"],
            id="undocumented-credential-is-uncertain",
        ),
        pytest.param(
            signed_by(signer("Ann Lee", "LCSW"), signer(None, signed=False, role="Physician")),
            NOT_MET,
            ["signed by Ann Lee, LCSW, not by a physician", "Physician line is blank"],
            id="therapist-and-blank-physician-line",
        ),
        pytest.param(
            signed_by(signer(None, signed=False, role="Physician signature")),
            NOT_MET,
            ["lacks a signature by a physician: its Physician signature line is blank"],
            id="only-a-blank-line",
        ),
        pytest.param(
            signed_by(signer(None, signed=False, role="Physician"), signer("Maria Chen", "MD")),
            MET,
            [],
            id="blank-line-and-a-physicians-e-signature",
        ),
        pytest.param(
            signed_by(signer("Ann Lee", "LCSW"), signer("Jane Doe", member=True)),
            NOT_MET,
            ["signed by Ann Lee, LCSW, not by a physician"],
            id="the-members-signature-is-no-clinicians-with-an-unknown-credential",
        ),
    ],
)
def test_a_certification_with_several_signers(
    input_chart: ChartInput, status: Status, fragments: list[str]
) -> None:
    assert_finding("initial-certification", input_chart, status, fragments)
