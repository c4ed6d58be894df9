"""Builders of hand-made facts for rule unit tests.

Evidence uses fixed 64-hex document ids and a quote naming what it stands for; these tests
do not need grounded text. :func:`good_chart` is a chart on which every ``medicare-iop``
rule is ``met`` or ``not_applicable``; each test changes one thing of it.

The chart: admission Mon 2025-03-03, discharge Wed 2025-03-26 (weeks 1-3 complete, week
4 partial). Each week: Mon/Wed/Thu group psychotherapy 09:00-10:30 and patient education
10:45-12:00, Tue individual psychotherapy 13:00-14:00: 9.25 counted hours a week.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable
from functools import cache
from typing import Any, Literal

from core.data import DocumentKind, Evidence
from core.facts import (
    Acuity,
    AcuityKind,
    Attendance,
    Certification,
    CertificationElement,
    CertificationKind,
    ChartFacts,
    ChartInput,
    ContinuedStay,
    ContinuedStayElement,
    Diagnosis,
    DischargePlanning,
    DischargePlanningElement,
    DocumentDate,
    DocumentRef,
    Element,
    EpisodeDate,
    EpisodeDateKind,
    Goal,
    NoteElement,
    Participation,
    ParticipationStatus,
    Person,
    PlanElement,
    RiskAssessment,
    ServiceKind,
    Session,
    TreatmentPlan,
)
from core.findings import Finding, Status
from rules import evaluate, load_pack
from rules.pack import PolicyPack

INTAKE = "1" * 64
CERT = "2" * 64
PLAN = "3" * 64
NOTES = "4" * 64
RISK = "5" * 64
DISCHARGE = "6" * 64
RECERT = "7" * 64
PLAN2 = "8" * 64
LOG = "9" * 64

DOCUMENTS = (
    DocumentRef(document_id=INTAKE, filename="intake.txt", kind=DocumentKind.INTAKE_EVALUATION),
    DocumentRef(document_id=CERT, filename="certification.txt", kind=DocumentKind.CERTIFICATION),
    DocumentRef(document_id=PLAN, filename="plan.txt", kind=DocumentKind.TREATMENT_PLAN),
    DocumentRef(document_id=NOTES, filename="notes.txt", kind=DocumentKind.PROGRESS_NOTE),
    DocumentRef(document_id=RISK, filename="cssrs.txt", kind=DocumentKind.RISK_ASSESSMENT),
    DocumentRef(
        document_id=DISCHARGE, filename="discharge.txt", kind=DocumentKind.DISCHARGE_SUMMARY
    ),
)
RECERT_DOC = DocumentRef(
    document_id=RECERT, filename="recert.txt", kind=DocumentKind.RECERTIFICATION
)
PLAN2_DOC = DocumentRef(
    document_id=PLAN2, filename="plan-update.txt", kind=DocumentKind.TREATMENT_PLAN
)
LOG_DOC = DocumentRef(document_id=LOG, filename="log.txt", kind=DocumentKind.ATTENDANCE)

ADMISSION = dt.date(2025, 3, 3)
DISCHARGE_DATE = dt.date(2025, 3, 26)

_offsets = itertools.count()


def day(iso: str) -> dt.date:
    return dt.date.fromisoformat(iso)


def clock(text: str | None) -> dt.time | None:
    return None if text is None else dt.time.fromisoformat(text)


def ev(quote: str = "evidence", doc: str = NOTES) -> Evidence:
    """A span quoting ``quote``; each call gets a distinct offset, so spans differ."""
    start = next(_offsets) * 1000
    return Evidence(document_id=doc, page=1, start=start, end=start + len(quote), quote=quote)


def person(name: str, *credentials: str, doc: str = CERT) -> Person:
    return Person(
        evidence=(ev(name, doc),), source="test", name=name, credentials=tuple(credentials)
    )


def element(name: str, doc: str = NOTES) -> Element:
    return Element(evidence=(ev(name, doc),), source="test", name=name)


def episode(kind: EpisodeDateKind, iso: str, doc: str = INTAKE) -> EpisodeDate:
    return EpisodeDate(
        evidence=(ev(f"{kind} {iso}", doc),), source="test", kind=kind, date=day(iso)
    )


def admission(iso: str, doc: str = INTAKE) -> EpisodeDate:
    return episode(EpisodeDateKind.ADMISSION, iso, doc)


def discharge(iso: str, doc: str = DISCHARGE) -> EpisodeDate:
    return episode(EpisodeDateKind.DISCHARGE, iso, doc)


def doc_date(
    iso: str, doc: str, basis: Literal["service", "written", "signed"] = "written"
) -> DocumentDate:
    return DocumentDate(
        evidence=(ev(f"date {iso}", doc),),
        source="test",
        date=day(iso),
        basis=basis,
    )


ALL_NOTE_ELEMENTS = tuple(NoteElement)


def session(
    iso: str,
    start: str | None = "09:00",
    end: str | None = "10:30",
    kind: ServiceKind = ServiceKind.GROUP_PSYCHOTHERAPY,
    attendance: Attendance = Attendance.ATTENDED,
    *,
    member_start: str | None = None,
    member_end: str | None = None,
    minutes: float | None = None,
    log: bool = False,
    elements: Iterable[NoteElement] = ALL_NOTE_ELEMENTS,
    doc: str = NOTES,
) -> Session:
    return Session(
        evidence=(ev(f"{kind} {iso} {start}", doc),),
        source="test",
        date=day(iso),
        service_kind=kind,
        attendance=attendance,
        start=clock(start),
        end=clock(end),
        member_start=clock(member_start),
        member_end=clock(member_end),
        stated_minutes=minutes,
        is_log_entry=log,
        elements=tuple(element(e, doc) for e in elements),
    )


def week_sessions(monday: dt.date) -> list[Session]:
    """One standard week: 9.25 counted hours on 4 days."""
    out = []
    for offset in (0, 2, 3):
        iso = (monday + dt.timedelta(days=offset)).isoformat()
        out.append(session(iso, "09:00", "10:30"))
        out.append(session(iso, "10:45", "12:00", ServiceKind.PATIENT_EDUCATION))
    tuesday = (monday + dt.timedelta(days=1)).isoformat()
    out.append(session(tuesday, "13:00", "14:00", ServiceKind.INDIVIDUAL_PSYCHOTHERAPY))
    return out


def standard_sessions(
    weeks: int = 4, start: dt.date = ADMISSION, until: dt.date = DISCHARGE_DATE
) -> list[Session]:
    """``weeks`` standard weeks from ``start``, without sessions after ``until``."""
    out = []
    for n in range(weeks):
        out += week_sessions(start + dt.timedelta(days=7 * n))
    return [s for s in out if s.date <= until]


def certification(
    iso: str | None = "2025-03-03",
    *,
    kind: CertificationKind = CertificationKind.INITIAL,
    signer: Person | None = None,
    unsigned: bool = False,
    hours: float | None = 9,
    elements: Iterable[CertificationElement] | None = None,
    doc: str = CERT,
) -> Certification:
    if elements is None:
        elements = (
            (
                CertificationElement.MIN_HOURS,
                CertificationElement.DIAGNOSIS,
                CertificationElement.CLINICAL_NEED,
            )
            if kind is CertificationKind.INITIAL
            else (
                CertificationElement.MIN_HOURS,
                CertificationElement.RESPONSE_TO_TREATMENT,
                CertificationElement.CONTINUING_SYMPTOMS,
                CertificationElement.DISCHARGE_GOALS,
            )
        )
    return Certification(
        evidence=(ev(f"{kind} certification", doc),),
        source="test",
        kind=kind,
        date=None if iso is None else day(iso),
        signed_by=None if unsigned else signer or person("Maria Chen", "MD", doc=doc),
        hours_per_week=hours,
        elements=tuple(element(e, doc) for e in elements),
    )


def recertification(iso: str | None, **kwargs: Any) -> Certification:
    kwargs.setdefault("doc", RECERT)
    return certification(iso, kind=CertificationKind.RECERTIFICATION, **kwargs)


def goal(
    text: str, measure: str | None = "PHQ-9 below 10", time_frame: str | None = "by 04/14"
) -> Goal:
    return Goal(
        evidence=(ev(text, PLAN),),
        source="test",
        text=text,
        measure=None if measure is None else ev(measure, PLAN),
        time_frame=None if time_frame is None else ev(time_frame, PLAN),
    )


DEFAULT_GOALS = (
    goal("Reduce depressive symptoms"),
    goal("Improve sleep", "7 hours on 5 of 7 nights", "within 4 weeks"),
)


def plan(
    iso: str | None = "2025-03-05",
    *,
    signer: Person | None = None,
    unsigned: bool = False,
    goals: Iterable[Goal] = DEFAULT_GOALS,
    elements: Iterable[PlanElement] = (
        PlanElement.COORDINATION_OF_SERVICES,
        PlanElement.DISCHARGE_PLAN,
    ),
    doc: str = PLAN,
) -> TreatmentPlan:
    return TreatmentPlan(
        evidence=(ev("treatment plan", doc),),
        source="test",
        date=None if iso is None else day(iso),
        signed_by=None if unsigned else signer or person("Maria Chen", "MD", doc=doc),
        goals=tuple(goals),
        elements=tuple(element(e, doc) for e in elements),
    )


def diagnosis(code: str | None = "F33.2", name: str | None = None) -> Diagnosis:
    return Diagnosis(
        evidence=(ev(f"dx {code} {name}", INTAKE),), source="test", code=code, name=name
    )


def acuity(kind: AcuityKind, *domains: str, doc: str = INTAKE) -> Acuity:
    return Acuity(evidence=(ev(str(kind), doc),), source="test", kind=kind, domains=domains)


def risk(
    imminent: bool | None = False, needs_24h: bool | None = False, iso: str = "2025-03-03"
) -> RiskAssessment:
    return RiskAssessment(
        evidence=(ev("C-SSRS conclusion", RISK),),
        source="test",
        date=day(iso),
        instrument="C-SSRS",
        imminent_danger=imminent,
        needs_24h_supervision=needs_24h,
    )


def participation(status: ParticipationStatus, iso: str = "2025-03-05") -> Participation:
    return Participation(evidence=(ev(str(status)),), source="test", status=status, date=day(iso))


def discharge_planning(
    element_: DischargePlanningElement = DischargePlanningElement.STEP_DOWN,
) -> DischargePlanning:
    return DischargePlanning(
        evidence=(ev(str(element_), DISCHARGE),), source="test", element=element_
    )


def continued(
    element_: ContinuedStayElement, iso: str | None = "2025-04-28", doc: str = NOTES
) -> ContinuedStay:
    return ContinuedStay(
        evidence=(ev(str(element_), doc),),
        source="test",
        element=element_,
        date=None if iso is None else day(iso),
    )


def good_facts() -> dict[str, Any]:
    """Keyword arguments of :class:`ChartFacts` for a chart that passes every rule."""
    return {
        "episode_dates": (admission("2025-03-03"), discharge("2025-03-26")),
        "document_dates": (
            doc_date("2025-03-03", INTAKE),
            doc_date("2025-03-03", CERT, "signed"),
            doc_date("2025-03-05", PLAN, "signed"),
            doc_date("2025-03-26", DISCHARGE),
        ),
        "diagnoses": (diagnosis("F33.2", "Major depressive disorder, recurrent, severe"),),
        "certifications": (certification(),),
        "treatment_plans": (plan(),),
        "sessions": tuple(standard_sessions()),
        "risk_assessments": (risk(),),
        "participation": (participation(ParticipationStatus.PARTICIPATES),),
        "acuity": (acuity(AcuityKind.DECOMPENSATION),),
        "discharge_planning": (discharge_planning(),),
    }


def chart(documents: Iterable[DocumentRef] = DOCUMENTS, **facts: Any) -> ChartInput:
    """A chart of :func:`good_facts` with ``facts`` replacing whole fact lists."""
    merged = {**good_facts(), **facts}
    return ChartInput(documents=tuple(documents), facts=ChartFacts(**merged))


@cache
def medicare_pack() -> PolicyPack:
    return load_pack("medicare-iop")


def finding(rule: str, input_chart: ChartInput) -> Finding:
    """The finding of ``medicare-iop.<rule>`` on ``input_chart``."""
    evaluation = evaluate(medicare_pack(), input_chart)
    return next(f for f in evaluation.findings if f.rule_id == f"medicare-iop.{rule}")


def assert_finding(
    rule: str, input_chart: ChartInput, status: Status, fragments: Iterable[str] = ()
) -> Finding:
    """The finding of ``rule``, after checking its status and that its reason contains
    every one of ``fragments``."""
    result = finding(rule, input_chart)
    assert result.status is status, result.reason
    for fragment in fragments:
        assert fragment in result.reason, (fragment, result.reason)
    return result
