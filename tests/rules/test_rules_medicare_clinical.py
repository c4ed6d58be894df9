"""medicare-iop: diagnosis, acuity, safety, participation."""

from __future__ import annotations

import pytest
from rulefacts import (
    CERT,
    DISCHARGE,
    DOCUMENTS,
    INTAKE,
    NOTES,
    PLAN,
    PLAN2,
    PLAN2_DOC,
    acuity,
    assert_finding,
    chart,
    day,
    diagnosis,
    doc_date,
    ev,
    participation,
    risk,
)

from core.facts import (
    AcuityKind,
    ChartInput,
    DangerFinding,
    DangerKind,
    Participation,
    ParticipationStatus,
)
from core.findings import Status

MET = Status.MET
NOT_MET = Status.NOT_MET
INSUFFICIENT = Status.INSUFFICIENT_EVIDENCE


@pytest.mark.parametrize(
    ("diagnoses", "status", "fragments"),
    [
        pytest.param(
            [diagnosis("F33.2", "Major depressive disorder, recurrent, severe")],
            MET,
            ["A covered mental disorder diagnosis is documented: F33.2 (Major depressive"],
            id="met",
        ),
        pytest.param([diagnosis("f41.1")], MET, ["f41.1"], id="lower-case-code"),
        pytest.param([diagnosis("F01.50")], MET, [], id="lower-bound-of-range"),
        pytest.param([diagnosis("F99")], MET, [], id="upper-bound-of-range"),
        pytest.param(
            [diagnosis(None, "Bipolar I disorder, current episode depressed")],
            MET,
            [],
            id="dsm5-name-without-code",
        ),
        pytest.param(
            [diagnosis("I10", "Hypertension"), diagnosis("F10.20")],
            MET,
            ["F10.20"],
            id="covered-beside-medical",
        ),
        pytest.param(
            [diagnosis("I10", "Hypertension"), diagnosis("Z63.4", "Bereavement")],
            NOT_MET,
            [
                "Only diagnoses outside F01-F99 are documented: I10 (Hypertension) and "
                "Z63.4 (Bereavement)."
            ],
            id="only-not-covered",
        ),
        pytest.param(
            [diagnosis("G40.909", "Seizure disorder")],
            NOT_MET,
            [],
            id="code-decides-over-name",
        ),
        pytest.param(
            [
                diagnosis("F33.2", "Major depressive disorder, recurrent, severe"),
                diagnosis("F41.1", "Generalized"),
                diagnosis(None, "Acute decompensation of recurrent major depression"),
                diagnosis("F33.2"),
                diagnosis("F41.1", "Generalized anxiety disorder"),
            ],
            MET,
            [
                "documented: F33.2 (Major depressive disorder, recurrent, severe) and F41.1 "
                "(Generalized anxiety disorder)."
            ],
            id="each-diagnosis-named-once",
        ),
        pytest.param([], INSUFFICIENT, ["No diagnosis is documented."], id="none"),
        pytest.param(
            [diagnosis("I10"), diagnosis(None, "Low mood")],
            INSUFFICIENT,
            ["Low mood could not be matched to a DSM-5 diagnosis name"],
            id="unrecognised-name",
        ),
    ],
)
def test_diagnosis(diagnoses: list[object], status: Status, fragments: list[str]) -> None:
    assert_finding("diagnosis", chart(diagnoses=tuple(diagnoses)), status, fragments)


# --------------------------------------------------------------------------- acuity

DATES_WITH_PLAN_UPDATE = (
    doc_date("2025-03-03", INTAKE),
    doc_date("2025-03-03", CERT),
    doc_date("2025-03-05", PLAN),
    doc_date("2025-03-19", PLAN2),
    doc_date("2025-03-26", DISCHARGE),
)


def with_plan_update(*facts: object) -> ChartInput:
    return chart(
        documents=(*DOCUMENTS, PLAN2_DOC),
        document_dates=DATES_WITH_PLAN_UPDATE,
        acuity=tuple(facts),
    )


STABLE = AcuityKind.PSYCHIATRICALLY_STABLE
CHRONIC = AcuityKind.CHRONIC_STABLE
SEVERE = AcuityKind.SEVERE_IMPAIRMENT


@pytest.mark.parametrize(
    ("input_chart", "status", "fragments"),
    [
        pytest.param(chart(), MET, ["The chart documents decompensation (intake.txt)."], id="met"),
        pytest.param(
            chart(acuity=(acuity(AcuityKind.ACUTE_ONSET, doc=NOTES),)),
            MET,
            ["acute onset (notes.txt)"],
            id="acute-onset-anywhere",
        ),
        pytest.param(
            chart(acuity=(acuity(SEVERE, "social"), acuity(SEVERE, "Family"))),
            MET,
            ["The chart documents severe impairment in family and social functioning."],
            id="two-domains-across-facts",
        ),
        pytest.param(
            chart(acuity=(acuity(SEVERE, "self-care", "Self Care", "vocational"),)),
            MET,
            ["self care and vocational"],
            id="domain-spellings",
        ),
        pytest.param(
            chart(
                acuity=(acuity(AcuityKind.DECOMPENSATION), acuity(STABLE, doc=NOTES)),
            ),
            MET,
            [],
            id="improvement-during-treatment-does-not-count",
        ),
        pytest.param(
            chart(acuity=(acuity(CHRONIC),)),
            NOT_MET,
            [
                "The admission documentation describes the condition as chronic and stable "
                "without acute exacerbation (intake.txt), and no acute onset, decompensation or "
                "severe impairment is documented."
            ],
            id="chronic-stable-at-intake",
        ),
        pytest.param(
            chart(acuity=(acuity(STABLE, doc=CERT),)),
            NOT_MET,
            ["psychiatrically stable (certification.txt)"],
            id="stable-in-certification",
        ),
        pytest.param(
            with_plan_update(acuity(STABLE, doc=PLAN)),
            NOT_MET,
            ["psychiatrically stable (plan.txt)"],
            id="stable-in-initial-plan",
        ),
        pytest.param(
            with_plan_update(acuity(STABLE, doc=PLAN2)),
            INSUFFICIENT,
            ["No acute onset, decompensation or severe impairment"],
            id="stable-in-later-plan-is-not-admission",
        ),
        pytest.param(
            chart(acuity=(acuity(STABLE, doc=NOTES),)),
            INSUFFICIENT,
            ["No acute onset"],
            id="stable-only-in-progress-note",
        ),
        pytest.param(
            chart(acuity=(acuity(CHRONIC), acuity(AcuityKind.DECOMPENSATION, doc=NOTES))),
            INSUFFICIENT,
            [
                "describes the condition as chronic and stable without acute exacerbation "
                "(intake.txt), but the chart also documents decompensation (notes.txt); a "
                "reviewer must resolve the conflict."
            ],
            id="stable-and-acute-conflict",
        ),
        pytest.param(
            chart(acuity=(acuity(SEVERE, "social", "mood"),)),
            INSUFFICIENT,
            [
                "Severe impairment is documented in 1 recognised area(s) of life (social), fewer "
                "than the 2 required"
            ],
            id="one-domain",
        ),
        pytest.param(
            chart(acuity=()),
            INSUFFICIENT,
            ["No acute onset, decompensation or severe impairment of daily life is documented."],
            id="nothing",
        ),
    ],
)
def test_acuity(input_chart: ChartInput, status: Status, fragments: list[str]) -> None:
    assert_finding("acuity", input_chart, status, fragments)


# --------------------------------------------------------------------------- safety


def danger(kind: DangerKind, iso: str = "2025-03-10") -> DangerFinding:
    return DangerFinding(evidence=(ev(str(kind)),), source="test", kind=kind, date=day(iso))


@pytest.mark.parametrize(
    ("input_chart", "status", "fragments"),
    [
        pytest.param(
            chart(),
            MET,
            [
                "The risk assessment (C-SSRS) of 2025-03-03 finds no imminent danger to self or "
                "others and no need for 24-hour supervision."
            ],
            id="met",
        ),
        pytest.param(
            chart(risk_assessments=(risk(needs_24h=None),)),
            MET,
            [],
            id="no-imminent-danger-and-24h-not-raised",
        ),
        pytest.param(
            chart(danger_findings=(danger(DangerKind.SUICIDAL_IDEATION_WITH_PLAN_OR_INTENT),)),
            NOT_MET,
            [
                "The chart documents current danger: suicidal ideation with plan or intent "
                "(2025-03-10)."
            ],
            id="si-with-plan-despite-clear-assessment",
        ),
        pytest.param(
            chart(risk_assessments=(risk(imminent=True),)),
            NOT_MET,
            ["a risk assessment (2025-03-03) finding imminent danger"],
            id="assessment-finds-imminent-danger",
        ),
        pytest.param(
            chart(risk_assessments=(risk(needs_24h=True),)),
            NOT_MET,
            ["finding a need for 24-hour supervision"],
            id="needs-24-hour-supervision",
        ),
        pytest.param(
            chart(risk_assessments=()),
            INSUFFICIENT,
            ["No risk assessment is documented"],
            id="no-risk-assessment",
        ),
        pytest.param(
            chart(risk_assessments=(risk(imminent=None, needs_24h=None),)),
            INSUFFICIENT,
            ["none reaches a conclusion about imminent danger"],
            id="no-conclusion",
        ),
    ],
)
def test_safety(input_chart: ChartInput, status: Status, fragments: list[str]) -> None:
    assert_finding("safety", input_chart, status, fragments)


# --------------------------------------------------------------------------- participation

P = ParticipationStatus


@pytest.mark.parametrize(
    ("input_chart", "status", "fragments"),
    [
        pytest.param(
            chart(),
            MET,
            ["The chart documents that the member participates in active treatment."],
            id="met",
        ),
        pytest.param(
            chart(participation=()),
            MET,
            ["The member attended 26 counted service session(s)"],
            id="met-by-attended-sessions",
        ),
        pytest.param(
            chart(participation=(participation(P.REFUSES),)),
            NOT_MET,
            ["The chart documents that the member refuses to participate (2025-03-05)."],
            id="refuses",
        ),
        pytest.param(
            chart(participation=(participation(P.CANNOT_TOLERATE, "2025-03-12"),)),
            NOT_MET,
            ["cannot tolerate the intensity of the program (2025-03-12)"],
            id="cannot-tolerate",
        ),
        pytest.param(
            chart(
                participation=(
                    participation(P.PARTICIPATES),
                    participation(P.CANNOT_PARTICIPATE, "2025-03-12"),
                )
            ),
            NOT_MET,
            [
                "the member cannot participate (2025-03-12), after the last documented "
                "participation (2025-03-05), and no participation after it"
            ],
            id="inability-after-participation",
        ),
        pytest.param(
            chart(
                participation=(
                    participation(P.REFUSES, "2025-03-05"),
                    participation(P.REFUSES, "2025-03-07"),
                    participation(P.PARTICIPATES, "2025-03-12"),
                )
            ),
            MET,
            [
                "The member refuses to participate (2025-03-05) and refuses to participate "
                "(2025-03-07), but participation resumed and is the latest documented state "
                "(2025-03-12)."
            ],
            id="participation-resumes-after-refusals",
        ),
        pytest.param(
            chart(
                participation=(
                    participation(P.PARTICIPATES, "2025-03-05"),
                    participation(P.REFUSES, "2025-03-12"),
                    Participation(
                        evidence=(ev("participates", DISCHARGE),),
                        source="test",
                        status=P.PARTICIPATES,
                        date=day("2025-03-12"),
                    ),
                )
            ),
            INSUFFICIENT,
            ["On 2025-03-12, the latest date documented, the chart says both"],
            id="two-documents-contradict-on-the-latest-date",
        ),
        pytest.param(
            chart(
                participation=(
                    participation(P.PARTICIPATES, "2025-03-12"),
                    participation(P.REFUSES, "2025-03-12"),
                )
            ),
            NOT_MET,
            ["refuses to participate (2025-03-12), after the last documented participation"],
            id="one-document-its-last-statement-governs",
        ),
        pytest.param(
            chart(
                participation=(
                    participation(P.PARTICIPATES, "2025-03-12"),
                    participation(P.REFUSES, "2025-03-12"),
                    Participation(
                        evidence=(ev("refuses", DISCHARGE),),
                        source="test",
                        status=P.REFUSES,
                        date=day("2025-03-12"),
                    ),
                )
            ),
            NOT_MET,
            ["refuses to participate (2025-03-12)"],
            id="each-document-by-its-last-statement-then-they-agree",
        ),
        pytest.param(
            chart(
                participation=(
                    participation(P.REFUSES, "2025-03-05"),
                    participation(P.PARTICIPATES, "2025-03-05"),
                    participation(P.PARTICIPATES, "2025-03-12"),
                )
            ),
            MET,
            ["participation resumed and is the latest documented state (2025-03-12)"],
            id="earlier-contradiction-superseded",
        ),
        pytest.param(
            chart(
                participation=(
                    Participation(
                        evidence=(ev("participates"),),
                        source="test",
                        status=P.PARTICIPATES,
                    ),
                    participation(P.REFUSES, "2025-03-12"),
                )
            ),
            INSUFFICIENT,
            ["1 of these statements have no date to order them by"],
            id="undated-statement-cannot-be-ordered",
        ),
        pytest.param(
            chart(participation=(), sessions=()),
            INSUFFICIENT,
            ["Nothing documents whether the member participates"],
            id="nothing",
        ),
    ],
)
def test_participation(input_chart: ChartInput, status: Status, fragments: list[str]) -> None:
    assert_finding("participation", input_chart, status, fragments)
