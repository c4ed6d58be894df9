"""medicare-otp-iop: every rule x every status it can produce, on hand-built facts.

The OTP chart: admission Mon 2025-03-03, discharge Wed 2025-03-26 (weeks 1-3 complete,
week 4 partial: 6 counted services), F11.20, a PMHNP certification of the 9-hour need, of a higher intensity
than non-intensive OTP care and of a plan of care. Each week: Mon-Fri group psychotherapy
09:00-10:30, Mon/Wed/Fri patient education 10:45-11:45, Tue/Thu individual psychotherapy
13:00-14:00 (10 counted services a week), and daily methadone dosing at 07:30 plus a
Monday urine drug screen in a separate OTP dosing record (not IOP services, not counted).
Each test changes one thing of it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import cache
from typing import Any

import pytest
from rulefacts import (
    CERT,
    DOCUMENTS,
    LOG,
    LOG_DOC,
    NOTES,
    admission,
    certification,
    diagnosis,
    discharge,
    doc_date,
    good_facts,
    person,
    session,
)

from core.data import DocumentKind
from core.facts import (
    Attendance,
    CertificationElement,
    ChartFacts,
    ChartInput,
    DocumentRef,
    Modality,
    ServiceKind,
    Session,
)
from core.findings import Finding, Status
from rules import evaluate, load_pack
from rules.pack import PolicyPack

MET = Status.MET
NOT_MET = Status.NOT_MET
INSUFFICIENT = Status.INSUFFICIENT_EVIDENCE
NA = Status.NOT_APPLICABLE
CE = CertificationElement

GROUP = ServiceKind.GROUP_PSYCHOTHERAPY
EDUCATION = ServiceKind.PATIENT_EDUCATION
INDIVIDUAL = ServiceKind.INDIVIDUAL_PSYCHOTHERAPY
DOSING = ServiceKind.OUD_MEDICATION_DOSING
TOX = ServiceKind.TOXICOLOGY

DOSING_RECORD = "a" * 64
DOSING_DOC = DocumentRef(
    document_id=DOSING_RECORD, filename="otp_dosing_record.txt", kind=DocumentKind.OTHER
)
OTP_DOCUMENTS = (*DOCUMENTS, DOSING_DOC, LOG_DOC)

ADMISSION = dt.date(2025, 3, 3)
OTP_ELEMENTS = (CE.MIN_HOURS, CE.HIGHER_INTENSITY, CE.PLAN_OF_CARE)
PMHNP = person("Ana Ruiz", "PMHNP")


def on(monday: dt.date, offset: int) -> str:
    return (monday + dt.timedelta(days=offset)).isoformat()


def otp_week(monday: dt.date) -> list[Session]:
    """10 counted services on 5 days."""
    out = []
    for offset in range(5):
        out.append(session(on(monday, offset), "09:00", "10:30", GROUP))
    for offset in (0, 2, 4):
        out.append(session(on(monday, offset), "10:45", "11:45", EDUCATION))
    for offset in (1, 3):
        out.append(session(on(monday, offset), "13:00", "14:00", INDIVIDUAL))
    return out


def separate_otp_services(monday: dt.date) -> list[Session]:
    """Daily dosing and a Monday UDS in the dosing record: separate OTP services."""
    out = [
        session(on(monday, o), "07:30", "07:40", DOSING, doc=DOSING_RECORD, elements=())
        for o in range(7)
    ]
    out.append(session(on(monday, 0), "07:45", "07:50", TOX, doc=DOSING_RECORD, elements=()))
    return out


def otp_sessions(
    weeks: Iterable[list[Session]] | None = None, until: dt.date = dt.date(2025, 3, 26)
) -> tuple[Session, ...]:
    """Four standard OTP weeks (or ``weeks``), dosing record included, up to ``until``."""
    mondays = [ADMISSION + dt.timedelta(days=7 * n) for n in range(4)]
    chosen = list(weeks) if weeks is not None else [otp_week(m) for m in mondays]
    out = [s for week in chosen for s in week]
    out += [s for m in mondays for s in separate_otp_services(m)]
    return tuple(s for s in out if s.date <= until)


def with_week(number: int, sessions: list[Session]) -> tuple[Session, ...]:
    """The standard OTP sessions with program week ``number`` replaced by ``sessions``."""
    mondays = [ADMISSION + dt.timedelta(days=7 * n) for n in range(4)]
    weeks = [sessions if n == number - 1 else otp_week(m) for n, m in enumerate(mondays)]
    return otp_sessions(weeks)


def modal(s: Session, modality: Modality) -> Session:
    return s.model_copy(update={"modality": modality})


def otp_facts() -> dict[str, Any]:
    return {
        **good_facts(),
        "diagnoses": (diagnosis("F11.20", "Opioid use disorder, severe"),),
        "certifications": (certification(signer=PMHNP, elements=OTP_ELEMENTS),),
        "sessions": otp_sessions(),
    }


def otp_chart(documents: Iterable[DocumentRef] = OTP_DOCUMENTS, **facts: Any) -> ChartInput:
    return ChartInput(documents=tuple(documents), facts=ChartFacts(**{**otp_facts(), **facts}))


@cache
def otp_pack() -> PolicyPack:
    return load_pack("medicare-otp-iop")


def otp_finding(rule: str, input_chart: ChartInput) -> Finding:
    evaluation = evaluate(otp_pack(), input_chart)
    return next(f for f in evaluation.findings if f.rule_id == f"medicare-otp-iop.{rule}")


def check(rule: str, input_chart: ChartInput, status: Status, fragments: list[str]) -> Finding:
    result = otp_finding(rule, input_chart)
    assert result.status is status, result.reason
    for fragment in fragments:
        assert fragment in result.reason, (fragment, result.reason)
    return result


def test_good_chart_meets_every_rule() -> None:
    evaluation = evaluate(otp_pack(), otp_chart())
    assert {f.rule_id: f.status for f in evaluation.findings} == {
        f"medicare-otp-iop.{r}": MET
        for r in ("certification", "oud-diagnosis", "weekly-services", "no-telehealth",
                  "excluded-items")
    }  # fmt: skip
    assert [w.counted_services for w in evaluation.weekly_summary] == [10, 10, 10, 6]
    assert all(f.citations for f in evaluation.findings)


# --------------------------------------------------------------------------- certification


@pytest.mark.parametrize(
    ("input_chart", "status", "fragments"),
    [
        pytest.param(otp_chart(), MET, ["signed by Ana Ruiz, PMHNP"], id="npp-pmhnp"),
        pytest.param(
            otp_chart(certifications=(certification(elements=OTP_ELEMENTS),)),
            MET,
            ["signed by Maria Chen, MD"],
            id="physician",
        ),
        pytest.param(
            otp_chart(
                certifications=(
                    certification(signer=person("Lee Park", "PA-C"), elements=OTP_ELEMENTS),
                )
            ),
            MET,
            ["PA-C"],
            id="npp-pa-c",
        ),
        pytest.param(
            otp_chart(
                certifications=(
                    certification(signer=PMHNP, elements=(CE.MIN_HOURS, CE.HIGHER_INTENSITY)),
                )
            ),
            MET,
            ["with a plan of care"],
            id="plan-of-care-is-the-chart-treatment-plan",
        ),
        pytest.param(
            otp_chart(
                documents=[d for d in OTP_DOCUMENTS if d.document_id != CERT], certifications=()
            ),
            NOT_MET,
            ["No certification is documented."],
            id="no-certification",
        ),
        pytest.param(
            otp_chart(
                certifications=(
                    certification(signer=person("Jo Kim", "LPC"), elements=OTP_ELEMENTS),
                )
            ),
            NOT_MET,
            ["signed by Jo Kim, LPC, not by a physician or non-physician practitioner"],
            id="signed-by-lpc",
        ),
        pytest.param(
            otp_chart(certifications=(certification(unsigned=True, elements=OTP_ELEMENTS),)),
            NOT_MET,
            ["lacks a signature by a physician or non-physician practitioner"],
            id="unsigned",
        ),
        pytest.param(
            otp_chart(
                certifications=(
                    certification(signer=PMHNP, elements=(CE.MIN_HOURS, CE.PLAN_OF_CARE)),
                )
            ),
            NOT_MET,
            ["does not state the need for a higher intensity of care"],
            id="no-higher-intensity",
        ),
        pytest.param(
            otp_chart(
                certifications=(
                    certification(
                        signer=PMHNP, hours=None, elements=(CE.HIGHER_INTENSITY, CE.PLAN_OF_CARE)
                    ),
                )
            ),
            NOT_MET,
            ["does not state the need for at least 9 hours of services per week"],
            id="no-9-hour-statement",
        ),
        pytest.param(
            otp_chart(
                certifications=(certification(signer=PMHNP, hours=6, elements=OTP_ELEMENTS),)
            ),
            NOT_MET,
            ["states 6 hours of services per week, fewer than the 9 required"],
            id="6-hours",
        ),
        pytest.param(
            otp_chart(
                treatment_plans=(),
                certifications=(
                    certification(signer=PMHNP, elements=(CE.MIN_HOURS, CE.HIGHER_INTENSITY)),
                ),
            ),
            NOT_MET,
            ["has no plan of care"],
            id="no-plan-of-care",
        ),
        pytest.param(
            otp_chart(
                certifications=(certification(signer=person("Ana Ruiz"), elements=OTP_ELEMENTS),)
            ),
            INSUFFICIENT,
            ["signed by Ana Ruiz with no credential documented"],
            id="signer-credential-unknown",
        ),
        pytest.param(
            otp_chart(certifications=()),
            INSUFFICIENT,
            ["certification.txt is filed as certification, but no certification could be read"],
            id="certification-document-unread",
        ),
    ],
)
def test_certification(input_chart: ChartInput, status: Status, fragments: list[str]) -> None:
    check("certification", input_chart, status, fragments)


# --------------------------------------------------------------------------- oud-diagnosis


@pytest.mark.parametrize(
    ("input_chart", "status", "fragments"),
    [
        pytest.param(otp_chart(), MET, ["F11.20 (Opioid use disorder, severe)"], id="f11-code"),
        pytest.param(
            otp_chart(diagnoses=(diagnosis("F11.2"),)), MET, ["F11.2"], id="code-without-name"
        ),
        pytest.param(
            otp_chart(diagnoses=(diagnosis(None, "Opioid Use Disorder, moderate"),)),
            MET,
            ["Opioid Use Disorder, moderate"],
            id="stated-by-name",
        ),
        pytest.param(
            otp_chart(diagnoses=(diagnosis("F10.20", "Alcohol use disorder"), diagnosis("F11.21"))),
            MET,
            ["F11.21"],
            id="oud-among-others",
        ),
        pytest.param(
            otp_chart(diagnoses=(diagnosis("F10.20", "Alcohol use disorder, severe"),)),
            NOT_MET,
            ["only F10.20 (Alcohol use disorder, severe)"],
            id="alcohol-only",
        ),
        pytest.param(
            otp_chart(diagnoses=(diagnosis(None, "Stimulant use disorder"),)),
            NOT_MET,
            ["only Stimulant use disorder"],
            id="other-name-only",
        ),
        pytest.param(
            otp_chart(diagnoses=()), INSUFFICIENT, ["No diagnosis is documented."], id="none"
        ),
    ],
)
def test_oud_diagnosis(input_chart: ChartInput, status: Status, fragments: list[str]) -> None:
    check("oud-diagnosis", input_chart, status, fragments)


# --------------------------------------------------------------------------- weekly-services

WEEK2 = ADMISSION + dt.timedelta(days=7)


def short_week(monday: dt.date) -> list[Session]:
    """8 counted services: the standard week without Friday's group and education."""
    friday = on(monday, 4)
    return [s for s in otp_week(monday) if s.date.isoformat() != friday]


@pytest.mark.parametrize(
    ("input_chart", "status", "fragments"),
    [
        pytest.param(
            otp_chart(),
            MET,
            [
                "All 3 complete program weeks have at least 9 counted services (lowest: "
                "week 1, 10 services); week 4 is partial and not judged."
            ],
            id="met-partial-week-not-judged",
        ),
        pytest.param(
            otp_chart(sessions=with_week(2, otp_week(WEEK2)[:-1])),
            MET,
            ["lowest: week 2, 9 services"],
            id="exactly-9",
        ),
        pytest.param(
            otp_chart(
                sessions=with_week(2, [*(modal(s, Modality.VIDEO) for s in otp_week(WEEK2)[:9])])
            ),
            MET,
            ["lowest: week 2, 9 services"],
            id="modality-does-not-change-counting",
        ),
        pytest.param(
            otp_chart(sessions=with_week(2, short_week(WEEK2))),
            NOT_MET,
            [
                "Week 2 (2025-03-10 to 2025-03-16) has 8 counted services, fewer than the 9 required."
            ],
            id="week-2-has-8",
        ),
        pytest.param(
            otp_chart(
                sessions=with_week(
                    2,
                    [
                        *short_week(WEEK2),
                        session(on(WEEK2, 4), "09:00", "09:10", DOSING, doc=NOTES),
                        session(on(WEEK2, 4), "10:00", "10:10", TOX, doc=NOTES),
                        session(on(WEEK2, 4), "11:00", "11:15", ServiceKind.MEDICATION_MANAGEMENT),
                        session(on(WEEK2, 5), "09:00", "10:30", GROUP, Attendance.NO_SHOW),
                    ],
                )
            ),
            NOT_MET,
            ["has 8 counted services"],
            id="dosing-tox-med-management-no-show-not-counted",
        ),
        pytest.param(
            otp_chart(
                sessions=with_week(
                    2,
                    [
                        *short_week(WEEK2),
                        session(on(WEEK2, 4), "09:00", "10:30", GROUP, Attendance.ATTENDED),
                        session(
                            on(WEEK2, 4),
                            "09:00",
                            "10:30",
                            GROUP,
                            Attendance.NO_SHOW,
                            log=True,
                            doc=LOG,
                        ),
                    ],
                )
            ),
            INSUFFICIENT,
            ["has 8 counted services and 1 service(s) whose records contradict each other"],
            id="contradicted-attendance-could-reach-9",
        ),
        pytest.param(
            otp_chart(
                episode_dates=(
                    admission("2025-03-03"),
                    discharge("2025-03-26"),
                    discharge("2025-03-27"),
                )
            ),
            INSUFFICIENT,
            ["Program weeks cannot be set: the chart states different discharge dates"],
            id="episode-end-conflicting",
        ),
        pytest.param(
            otp_chart(
                episode_dates=(admission("2025-03-03"), discharge("2025-03-08")),
                document_dates=(doc_date("2025-03-03", CERT, "signed"),),
                sessions=otp_sessions(until=dt.date(2025, 3, 8)),
            ),
            NA,
            ["No program week is complete"],
            id="no-complete-week",
        ),
    ],
)
def test_weekly_services(input_chart: ChartInput, status: Status, fragments: list[str]) -> None:
    check("weekly-services", input_chart, status, fragments)


def test_weekly_services_threshold_is_a_parameter() -> None:
    """The minimum comes from the pack: at 11 a week every complete week falls short."""
    pack = otp_pack()
    rule = pack.rule("medicare-otp-iop.weekly-services")
    params = rule.params.model_copy(update={"min_weekly_services": 11})
    from rules.context import ChartContext

    outcome = rule.check.run(ChartContext.build(otp_chart(), pack.timeline), params)
    assert outcome.status is NOT_MET
    assert "fewer than the 11 required" in outcome.reason


# --------------------------------------------------------------------------- no-telehealth


def first_week_with(*changed: tuple[int, Modality]) -> tuple[Session, ...]:
    week = otp_week(ADMISSION)
    for index, modality in changed:
        week[index] = modal(week[index], modality)
    return with_week(1, week)


@pytest.mark.parametrize(
    ("input_chart", "status", "fragments"),
    [
        pytest.param(
            otp_chart(),
            MET,
            ["None of the 36 counted services is documented as audio-video or audio-only"],
            id="modality-not-stated",
        ),
        pytest.param(
            otp_chart(sessions=first_week_with((0, Modality.IN_PERSON), (1, Modality.IN_PERSON))),
            MET,
            ["(2 stated in person)"],
            id="in-person-stated",
        ),
        pytest.param(
            otp_chart(
                sessions=(
                    *otp_sessions(),
                    modal(
                        session("2025-03-04", "15:00", "15:20", ServiceKind.MEDICATION_MANAGEMENT),
                        Modality.VIDEO,
                    ),
                    modal(
                        session("2025-03-05", "15:00", "16:00", GROUP, Attendance.CANCELLED),
                        Modality.AUDIO,
                    ),
                )
            ),
            MET,
            [],
            id="telehealth-only-for-services-not-counted",
        ),
        pytest.param(
            otp_chart(sessions=first_week_with((1, Modality.VIDEO))),
            NOT_MET,
            ["2025-03-04 09:00 group psychotherapy (video)"],
            id="video-group",
        ),
        pytest.param(
            otp_chart(sessions=first_week_with((8, Modality.AUDIO), (0, Modality.VIDEO))),
            NOT_MET,
            [
                "2025-03-03 09:00 group psychotherapy (video) and 2025-03-04 13:00 individual "
                "psychotherapy (audio)"
            ],
            id="audio-only-and-video",
        ),
        pytest.param(
            otp_chart(
                sessions=(
                    *otp_sessions(),
                    modal(
                        session("2025-03-03", "09:00", "10:30", GROUP, log=True, doc=LOG),
                        Modality.VIDEO,
                    ),
                    modal(session("2025-03-03", "09:00", "10:30", GROUP), Modality.IN_PERSON),
                )
            ),
            INSUFFICIENT,
            ["state both in person and telehealth"],
            id="records-contradict",
        ),
        pytest.param(
            otp_chart(sessions=tuple(separate_otp_services(ADMISSION))),
            NA,
            ["no counted services"],
            id="no-counted-services",
        ),
    ],
)
def test_no_telehealth(input_chart: ChartInput, status: Status, fragments: list[str]) -> None:
    check("no-telehealth", input_chart, status, fragments)


# --------------------------------------------------------------------------- excluded-items


@pytest.mark.parametrize(
    ("input_chart", "status", "fragments"),
    [
        pytest.param(
            otp_chart(),
            MET,
            ["appears as an IOP service; 28 documented as separate OTP services"],
            id="dosing-and-uds-in-separate-record",
        ),
        pytest.param(
            otp_chart(sessions=tuple(s for s in otp_sessions() if s.document_id == NOTES)),
            MET,
            ["No OUD medication dosing or toxicology appears as an IOP service."],
            id="none-documented",
        ),
        pytest.param(
            otp_chart(
                sessions=(
                    *otp_sessions(),
                    session("2025-03-05", "08:00", "08:10", DOSING, doc=NOTES, elements=()),
                )
            ),
            NOT_MET,
            ["2025-03-05 08:00 OUD medication dosing (notes.txt)"],
            id="dosing-in-iop-note",
        ),
        pytest.param(
            otp_chart(
                sessions=(
                    *otp_sessions(),
                    session("2025-03-12", "12:00", "12:10", TOX, log=True, doc=LOG, elements=()),
                )
            ),
            NOT_MET,
            ["2025-03-12 12:00 toxicology (log.txt)"],
            id="uds-line-in-iop-service-log",
        ),
        pytest.param(
            otp_chart(
                sessions=(
                    *otp_sessions(),
                    session("2025-03-12", "12:00", "12:30", INDIVIDUAL, doc=DOSING_RECORD),
                )
            ),
            INSUFFICIENT,
            ["in a document of no known kind that also records other services"],
            id="dosing-beside-counseling-in-a-document-of-no-known-kind",
        ),
    ],
)
def test_excluded_items(input_chart: ChartInput, status: Status, fragments: list[str]) -> None:
    check("excluded-items", input_chart, status, fragments)
