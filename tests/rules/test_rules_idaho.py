"""optum-idaho-iop: every rule x every status its RULES.md table allows, on hand-built facts.

The baseline chart (:func:`idaho_facts`) passes every rule or leaves it not applicable: an
adult (born 1990-05-01) admitted Mon 2025-03-03, discharged Wed 2025-03-26 (weeks 1-3
complete). Each Mon/Wed/Thu: a mental-health group psychotherapy 09:00-10:30 (6
participants, facilitated by an LCSW) and patient education 10:45-12:15: one 3-hour block,
9 counted hours a week. A weekly C-SSRS by an LCSW, a physical exam on 2025-03-05, a
substance use assessment and the DSM-5 Cross-Cutting Symptom Measure, a major depressive
disorder (F33.2) and a plan that addresses family involvement. Each test changes one thing.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

import pytest
from rulefacts import (
    DOCUMENTS,
    INTAKE,
    NOTES,
    PLAN,
    PLAN2,
    PLAN2_DOC,
    RISK,
    admission,
    day,
    diagnosis,
    discharge,
    doc_date,
    element,
    ev,
    person,
    plan,
    session,
)

from core.facts import (
    Assessment,
    AssessmentKind,
    Attendance,
    AuthorizationPeriod,
    ChartFacts,
    ChartInput,
    ContinuingServiceRequest,
    DocumentRef,
    GroupFocus,
    Member,
    Person,
    PhysicalExam,
    PlanElement,
    RiskAssessment,
    ServiceKind,
    Session,
    TreatmentPlan,
    UncertainSlot,
)
from core.findings import Finding, Status
from rules import evaluate, load_pack
from rules.pack import PolicyPack

MET = Status.MET
NOT_MET = Status.NOT_MET
INSUFFICIENT = Status.INSUFFICIENT_EVIDENCE
NA = Status.NOT_APPLICABLE

GROUP = ServiceKind.GROUP_PSYCHOTHERAPY
EDUCATION = ServiceKind.PATIENT_EDUCATION
LCSW = ("A. Rivera", "LCSW")


# --------------------------------------------------------------------------- builders


def on(monday: str, offset: int) -> str:
    return (day(monday) + dt.timedelta(days=offset)).isoformat()


def group(
    iso: str,
    start: str | None = "09:00",
    end: str | None = "10:30",
    *,
    size: int | None = 6,
    facilitator: tuple[str, ...] | None = LCSW,
    focus: GroupFocus = GroupFocus.MENTAL_HEALTH,
    attendance: Attendance = Attendance.ATTENDED,
) -> Session:
    base = session(iso, start, end, GROUP, attendance)
    people: tuple[Person, ...] = ()
    if facilitator is not None:
        people = (person(facilitator[0], *facilitator[1:], doc=NOTES),)
    return base.model_copy(
        update={"group_size": size, "facilitators": people, "group_focus": focus}
    )


def education(iso: str, start: str | None = "10:45", end: str | None = "12:15") -> Session:
    return session(iso, start, end, EDUCATION)


def idaho_day(iso: str) -> list[Session]:
    """A 3-hour block: group 09:00-10:30, education 10:45-12:15."""
    return [group(iso), education(iso)]


def idaho_sessions(
    weeks: int = 4, until: str = "2025-03-26", skip: frozenset[str] = frozenset()
) -> list[Session]:
    out: list[Session] = []
    for n in range(weeks):
        monday = (day("2025-03-03") + dt.timedelta(days=7 * n)).isoformat()
        for offset in (0, 2, 3):
            iso = on(monday, offset)
            if iso <= until and iso not in skip:
                out += idaho_day(iso)
    return out


def member(born: str | None = "1990-05-01", age: int | None = None) -> Member:
    return Member(
        evidence=(ev(f"DOB {born} age {age}", INTAKE),),
        source="test",
        date_of_birth=None if born is None else day(born),
        age=age,
    )


def risk_by(iso: str | None, *credentials: str, name: str = "A. Rivera") -> RiskAssessment:
    return RiskAssessment(
        evidence=(ev(f"risk {iso}", RISK),),
        source="test",
        date=None if iso is None else day(iso),
        assessor=person(name, *credentials, doc=RISK),
        instrument="C-SSRS",
        imminent_danger=False,
        needs_24h_supervision=False,
    )


def weekly_risks(*credentials: str) -> tuple[RiskAssessment, ...]:
    creds = credentials or ("LCSW",)
    return tuple(risk_by(d, *creds) for d in ("2025-03-03", "2025-03-10", "2025-03-17"))


def exam(iso: str | None = "2025-03-05") -> PhysicalExam:
    return PhysicalExam(
        evidence=(ev(f"physical exam {iso}", INTAKE if iso else NOTES),),  # notes: undated
        source="test",
        date=None if iso is None else day(iso),
    )


def assessment(kind: AssessmentKind) -> Assessment:
    return Assessment(evidence=(ev(str(kind), INTAKE),), source="test", kind=kind)


def family_plan(iso: str = "2025-03-05", family: bool = True) -> TreatmentPlan:
    base = plan()
    extra = (element(PlanElement.FAMILY_INVOLVEMENT, PLAN),) if family else ()
    return base.model_copy(update={"date": day(iso), "elements": base.elements + extra})


def auth(start: str, end: str) -> AuthorizationPeriod:
    return AuthorizationPeriod(
        evidence=(ev(f"auth {start}-{end}", INTAKE),), source="test", start=day(start), end=day(end)
    )


def request(submitted: str | None, expires: str | None = None) -> ContinuingServiceRequest:
    return ContinuingServiceRequest(
        evidence=(ev(f"request {submitted}", INTAKE if submitted else NOTES),),
        source="test",
        submitted=None if submitted is None else day(submitted),
        current_authorization_end=None if expires is None else day(expires),
    )


def idaho_facts() -> dict[str, Any]:
    return {
        "members": (member(),),
        "episode_dates": (admission("2025-03-03"), discharge("2025-03-26")),
        "document_dates": (doc_date("2025-03-03", INTAKE), doc_date("2025-03-05", PLAN)),
        "diagnoses": (diagnosis("F33.2", "Major depressive disorder, recurrent, severe"),),
        "treatment_plans": (family_plan(),),
        "sessions": tuple(idaho_sessions()),
        "risk_assessments": weekly_risks(),
        "physical_exams": (exam(),),
        "assessments": (
            assessment(AssessmentKind.SUBSTANCE_USE),
            assessment(AssessmentKind.DSM5_CROSS_CUTTING),
        ),
    }


def idaho_chart(documents: tuple[DocumentRef, ...] = DOCUMENTS, **facts: Any) -> ChartInput:
    return ChartInput(documents=documents, facts=ChartFacts(**{**idaho_facts(), **facts}))


@cache
def idaho_pack() -> PolicyPack:
    return load_pack("optum-idaho-iop")


def check(rule: str, input_chart: ChartInput, status: Status, *fragments: str) -> Finding:
    evaluation = evaluate(idaho_pack(), input_chart)
    result = next(f for f in evaluation.findings if f.rule_id == f"optum-idaho-iop.{rule}")
    assert result.status is status, result.reason
    for fragment in fragments:
        assert fragment in result.reason, (fragment, result.reason)
    return result


def sessions_with(*extra: Session, skip: frozenset[str] = frozenset()) -> tuple[Session, ...]:
    return tuple(idaho_sessions(skip=skip)) + extra


# --------------------------------------------------------------------------- the pack


def test_pack_loads_with_fourteen_rules_citing_the_faq() -> None:
    pack = idaho_pack()
    assert len(pack.rules) == 14
    for rule in pack.rules:
        assert rule.citations
        assert all(c.passage_id.startswith("optum-idaho-iop-faq#q") for c in rule.citations)


def test_baseline_is_met_or_not_applicable() -> None:
    evaluation = evaluate(idaho_pack(), idaho_chart())
    statuses = {f.rule_id.split(".")[1]: f.status for f in evaluation.findings}
    assert statuses == {
        "age": MET,
        "weekly-hours": MET,
        "per-diem-day": MET,
        "days-per-week": MET,
        "physical-exam": MET,
        "weekly-risk-assessment": MET,
        "group-size": MET,
        "facilitator-credentials": MET,
        "substance-use-assessment": MET,
        "attendance": NA,
        "authorization-timing": NA,
        "no-duplicate-services": MET,
        "family-involvement": MET,
        "standardized-assessment": MET,
    }


# --------------------------------------------------------------------------- age

ADOLESCENT = member("2010-01-15")  # 15 at admission


@pytest.mark.parametrize(
    ("members", "status", "fragment"),
    [
        ((member(),), MET, "34 at admission (adult)"),
        ((ADOLESCENT,), MET, "15 at admission (adolescent)"),
        ((member(None, 16),), MET, "16 at admission"),
        ((member("2013-03-04"),), NOT_MET, "11 at admission, younger than 13"),
        ((member("2012-03-03"),), MET, "13 at admission"),
        ((), INSUFFICIENT, "no date of birth or age"),
        ((member(), member("1991-05-01")), INSUFFICIENT, "different ages (33 and 34)"),
    ],
)
def test_age(members: tuple[Member, ...], status: Status, fragment: str) -> None:
    check("age", idaho_chart(members=members), status, fragment)


def test_age_from_date_of_birth_needs_an_admission_date() -> None:
    check(
        "age",
        idaho_chart(episode_dates=(), sessions=(), document_dates=()),
        INSUFFICIENT,
        "age at admission cannot be set",
    )


# --------------------------------------------------------------------------- weekly hours


def test_weekly_hours_met() -> None:
    found = check("weekly-hours", idaho_chart(), MET, "9-19 counted hours (adult)")
    assert found.values["weeks"][1] == {"week": 2, "counted_hours": 9.0}


def test_weekly_hours_adult_week_below_nine_not_met() -> None:
    chart = idaho_chart(sessions=sessions_with(skip=frozenset({"2025-03-12"})))
    check("weekly-hours", chart, NOT_MET, "Week 2 (2025-03-10 to 2025-03-16) has 6 counted")


def test_weekly_hours_adolescent_six_hours_met() -> None:
    chart = idaho_chart(
        members=(ADOLESCENT,), sessions=sessions_with(skip=frozenset({"2025-03-12"}))
    )
    check("weekly-hours", chart, MET, "6-19 counted hours (adolescent)")


def test_weekly_hours_adolescent_below_six_not_met() -> None:
    skip = frozenset({"2025-03-12", "2025-03-13"})
    chart = idaho_chart(members=(ADOLESCENT,), sessions=sessions_with(skip=skip))
    check("weekly-hours", chart, NOT_MET, "3 counted hours, below the 6 required")


def test_weekly_hours_above_nineteen_not_met() -> None:
    extra = [
        session(on("2025-03-10", d), "13:00", "17:00", ServiceKind.INDIVIDUAL_PSYCHOTHERAPY)
        for d in (0, 1, 2)
    ]
    chart = idaho_chart(sessions=sessions_with(*extra))
    check("weekly-hours", chart, NOT_MET, "21 counted hours, above the 19 allowed")


def test_weekly_hours_unknown_age_between_six_and_nine_insufficient() -> None:
    chart = idaho_chart(members=(), sessions=sessions_with(skip=frozenset({"2025-03-12"})))
    check("weekly-hours", chart, INSUFFICIENT, "age group is unknown")


def test_weekly_hours_session_of_unknown_length_insufficient() -> None:
    skip = frozenset({"2025-03-12"})
    chart = idaho_chart(sessions=sessions_with(group("2025-03-12", None, None), skip=skip))
    check("weekly-hours", chart, INSUFFICIENT, "unknown length")


def test_weekly_hours_no_complete_week_not_applicable() -> None:
    chart = idaho_chart(episode_dates=(admission("2025-03-03"), discharge("2025-03-07")))
    check("weekly-hours", chart, NA, "No program week is complete")


def test_weekly_hours_no_admission_date_insufficient() -> None:
    chart = idaho_chart(episode_dates=(), sessions=(), document_dates=())
    check("weekly-hours", chart, INSUFFICIENT, "Program weeks cannot be set")


# --------------------------------------------------------------------------- per diem day


def test_per_diem_day_met() -> None:
    check("per-diem-day", idaho_chart(), MET, "block of at least 3 consecutive")


def test_per_diem_day_gap_over_fifteen_minutes_not_met() -> None:
    skip = frozenset({"2025-03-05"})
    late = [group("2025-03-05"), education("2025-03-05", "10:50", "12:20")]
    chart = idaho_chart(sessions=sessions_with(*late, skip=skip))
    check("per-diem-day", chart, NOT_MET, "2025-03-05 (1.5 h)")


def test_per_diem_day_adolescent_two_hours_met() -> None:
    skip = frozenset({"2025-03-05"})
    short = [group("2025-03-05"), education("2025-03-05", "10:45", "11:15")]
    chart = idaho_chart(members=(ADOLESCENT,), sessions=sessions_with(*short, skip=skip))
    check("per-diem-day", chart, MET, "at least 2 consecutive counted hours (adolescent)")
    adult = idaho_chart(sessions=sessions_with(*short, skip=skip))
    check("per-diem-day", adult, NOT_MET, "2025-03-05 (2 h)")


def test_per_diem_day_unknown_age_two_hour_block_insufficient() -> None:
    skip = frozenset({"2025-03-05"})
    short = [group("2025-03-05"), education("2025-03-05", "10:45", "11:15")]
    chart = idaho_chart(members=(), sessions=sessions_with(*short, skip=skip))
    check("per-diem-day", chart, INSUFFICIENT, "2025-03-05 (the member's age group is unknown)")


def test_per_diem_day_session_without_times_insufficient() -> None:
    skip = frozenset({"2025-03-05"})
    untimed = [group("2025-03-05"), education("2025-03-05", None, None)]
    chart = idaho_chart(sessions=sessions_with(*untimed, skip=skip))
    check("per-diem-day", chart, INSUFFICIENT, "without clock times or length")


def test_per_diem_day_no_service_days_not_applicable() -> None:
    check("per-diem-day", idaho_chart(sessions=()), NA, "no service days")


# --------------------------------------------------------------------------- days per week


def test_days_per_week_met() -> None:
    check("days-per-week", idaho_chart(), MET, "at least 3 service days")


def test_days_per_week_two_days_not_met() -> None:
    chart = idaho_chart(sessions=sessions_with(skip=frozenset({"2025-03-19"})))
    check("days-per-week", chart, NOT_MET, "Week 3 (2025-03-17 to 2025-03-23) has 2 service")


def test_days_per_week_contradictory_records_insufficient() -> None:
    absent = group("2025-03-19", attendance=Attendance.ABSENT)
    chart = idaho_chart(
        sessions=sessions_with(group("2025-03-19"), absent, skip=frozenset({"2025-03-19"}))
    )
    check("days-per-week", chart, INSUFFICIENT, "contradictory records")


def test_days_per_week_no_complete_week_not_applicable() -> None:
    chart = idaho_chart(episode_dates=(admission("2025-03-03"), discharge("2025-03-08")))
    check("days-per-week", chart, NA)


# --------------------------------------------------------------------------- physical exam


@pytest.mark.parametrize(
    ("exams", "end", "status", "fragment"),
    [
        ((exam("2025-03-05"),), "2025-03-26", MET, "within 30 days"),
        ((exam("2025-02-01"),), "2025-03-26", MET, "within 30 days"),  # 30 days before
        ((exam("2025-01-31"),), "2025-04-10", NOT_MET, "exam(s) of 2025-01-31 fall outside"),
        ((), "2025-04-02", NOT_MET, "No physical exam is documented within 30 days"),
        ((), "2025-03-26", NA, "before 30 days"),
        ((exam(None),), "2025-03-26", INSUFFICIENT, "without a date"),
    ],
)
def test_physical_exam(
    exams: tuple[PhysicalExam, ...], end: str, status: Status, fragment: str
) -> None:
    chart = idaho_chart(
        physical_exams=exams, episode_dates=(admission("2025-03-03"), discharge(end))
    )
    check("physical-exam", chart, status, fragment)


# --------------------------------------------------------------------------- risk assessment


def test_weekly_risk_assessment_met() -> None:
    check("weekly-risk-assessment", idaho_chart(), MET, "licensed master's-level")


def test_weekly_risk_assessment_missing_week_not_met() -> None:
    risks = weekly_risks()[:2]
    check(
        "weekly-risk-assessment",
        idaho_chart(risk_assessments=risks),
        NOT_MET,
        "Week 3 (2025-03-17 to 2025-03-23) has no risk assessment",
    )


def test_weekly_risk_assessment_by_peer_specialist_not_met() -> None:
    risks = (*weekly_risks()[:2], risk_by("2025-03-17", "CPSS", name="J. Poe"))
    check(
        "weekly-risk-assessment",
        idaho_chart(risk_assessments=risks),
        NOT_MET,
        "is by J. Poe, CPSS, not a licensed",
    )


def test_weekly_risk_assessment_without_credential_insufficient() -> None:
    risks = (*weekly_risks()[:2], risk_by("2025-03-17"))
    check("weekly-risk-assessment", idaho_chart(risk_assessments=risks), INSUFFICIENT, "week 3")


def test_weekly_risk_assessment_no_complete_week_not_applicable() -> None:
    chart = idaho_chart(episode_dates=(admission("2025-03-03"), discharge("2025-03-06")))
    check("weekly-risk-assessment", chart, NA)


# --------------------------------------------------------------------------- group size


@pytest.mark.parametrize(
    ("size", "status", "fragment"),
    [
        (3, MET, "3-9 participants"),
        (9, MET, "3-9 participants"),
        (2, NOT_MET, "has 2 participants, outside 3-9"),
        (10, NOT_MET, "has 10 participants, outside 3-9"),
        (None, INSUFFICIENT, "not documented"),
    ],
)
def test_group_size(size: int | None, status: Status, fragment: str) -> None:
    skip = frozenset({"2025-03-05"})
    chart = idaho_chart(
        sessions=sessions_with(group("2025-03-05", size=size), education("2025-03-05"), skip=skip)
    )
    check("group-size", chart, status, fragment)


def test_group_size_absent_group_is_not_judged() -> None:
    skip = frozenset({"2025-03-05"})
    missed = group("2025-03-05", size=1, attendance=Attendance.NO_SHOW)
    chart = idaho_chart(sessions=sessions_with(missed, skip=skip))
    check("group-size", chart, MET)


def test_group_size_no_groups_not_applicable() -> None:
    only_education = tuple(s for s in idaho_sessions() if s.service_kind is EDUCATION)
    check("group-size", idaho_chart(sessions=only_education), NA, "No group session")


# --------------------------------------------------------------------------- facilitators


@pytest.mark.parametrize(
    ("facilitator", "focus", "status", "fragment"),
    [
        (LCSW, GroupFocus.MENTAL_HEALTH, MET, "qualified"),
        (("B. Kim", "LCPC"), GroupFocus.SUBSTANCE_USE, MET, "qualified"),
        (("C. Day", "CADC"), GroupFocus.SUBSTANCE_USE, MET, "qualified"),
        (("D. Poe", "CPSS"), GroupFocus.MENTAL_HEALTH, NOT_MET, "D. Poe, CPSS, not a licensed"),
        (("E. Fox", "BA"), GroupFocus.SUBSTANCE_USE, NOT_MET, "E. Fox, BA, not CADC or higher"),
        (("C. Day", "CADC"), GroupFocus.MENTAL_HEALTH, NOT_MET, "not a licensed master's"),
        (("C. Day", "CADC"), GroupFocus.UNKNOWN, INSUFFICIENT, "focus is not documented"),
        (("F. Lee",), GroupFocus.MENTAL_HEALTH, INSUFFICIENT, "credential of F. Lee"),
        (None, GroupFocus.MENTAL_HEALTH, INSUFFICIENT, "no facilitator is documented"),
    ],
)
def test_facilitator_credentials(
    facilitator: tuple[str, ...] | None, focus: GroupFocus, status: Status, fragment: str
) -> None:
    skip = frozenset({"2025-03-05"})
    led = group("2025-03-05", facilitator=facilitator, focus=focus)
    chart = idaho_chart(sessions=sessions_with(led, education("2025-03-05"), skip=skip))
    check("facilitator-credentials", chart, status, fragment)


def test_facilitator_credentials_no_groups_not_applicable() -> None:
    only_education = tuple(s for s in idaho_sessions() if s.service_kind is EDUCATION)
    check("facilitator-credentials", idaho_chart(sessions=only_education), NA)


# --------------------------------------------------------------------------- assessments


def test_substance_use_assessment() -> None:
    check("substance-use-assessment", idaho_chart(), MET)
    asam_only = (assessment(AssessmentKind.ASAM),)
    check("substance-use-assessment", idaho_chart(assessments=asam_only), MET)
    other = (assessment(AssessmentKind.DSM5_CROSS_CUTTING),)
    check("substance-use-assessment", idaho_chart(assessments=other), NOT_MET, "No substance")


@pytest.mark.parametrize(
    ("diagnoses", "kinds", "status", "fragment"),
    [
        (("F33.2",), (AssessmentKind.DSM5_CROSS_CUTTING,), MET, "Cross-Cutting"),
        (
            ("F33.2",),
            (AssessmentKind.ASAM,),
            NOT_MET,
            "DSM-5 Cross-Cutting Symptom Measure is required",
        ),
        (("F10.20",), (AssessmentKind.ASAM,), MET, "ASAM"),
        (("F10.20",), (), NOT_MET, "ASAM dimensional assessment is required"),
        (
            ("F10.20", "F41.1"),
            (AssessmentKind.ASAM,),
            NOT_MET,
            "Cross-Cutting Symptom Measure is required",
        ),
        (
            ("F10.20", "F41.1"),
            (AssessmentKind.ASAM, AssessmentKind.DSM5_CROSS_CUTTING),
            MET,
            "Cross-Cutting Symptom Measure and an ASAM",
        ),
        ((), (AssessmentKind.ASAM,), INSUFFICIENT, "no diagnosis is documented"),
        (("Z63.0",), (AssessmentKind.ASAM,), INSUFFICIENT, "could be classed"),
    ],
)
def test_standardized_assessment(
    diagnoses: tuple[str, ...], kinds: tuple[AssessmentKind, ...], status: Status, fragment: str
) -> None:
    chart = idaho_chart(
        diagnoses=tuple(diagnosis(code) for code in diagnoses),
        assessments=tuple(assessment(k) for k in kinds),
    )
    check("standardized-assessment", chart, status, fragment)


def test_standardized_assessment_named_diagnosis() -> None:
    named = (diagnosis(None, "Alcohol use disorder, moderate"),)
    check("standardized-assessment", idaho_chart(diagnoses=named), NOT_MET, "ASAM")


# --------------------------------------------------------------------------- attendance


def missed(iso: str, attendance: Attendance = Attendance.NO_SHOW) -> list[Session]:
    return [
        group(iso, attendance=attendance),
        session(iso, "10:45", "12:15", EDUCATION, attendance),
    ]


def weeks_with_misses(
    *dates: str, attendance: Attendance = Attendance.NO_SHOW
) -> tuple[Session, ...]:
    out = list(idaho_sessions(skip=frozenset(dates)))
    for iso in dates:
        out += missed(iso, attendance)
    return tuple(out)


MOST_OF_WEEKS_1_3 = (
    "2025-03-05",
    "2025-03-06",
    "2025-03-10",
    "2025-03-12",
    "2025-03-13",
    "2025-03-17",
)


def test_attendance_schedule_unknown_not_applicable() -> None:
    check("attendance", idaho_chart(), NA, "schedule is unknown")


def test_attendance_at_least_half_met() -> None:
    chart = idaho_chart(sessions=weeks_with_misses("2025-03-05", "2025-03-12"))
    check("attendance", chart, MET, "attended 14 of 18 scheduled sessions")


def test_attendance_below_half_not_met() -> None:
    chart = idaho_chart(sessions=weeks_with_misses(*MOST_OF_WEEKS_1_3))
    check("attendance", chart, NOT_MET, "only 6 of 18", "no treatment plan re-assessment")


def test_attendance_below_half_with_reassessment_met() -> None:
    plans = (family_plan(), family_plan("2025-03-14"))
    chart = idaho_chart(sessions=weeks_with_misses(*MOST_OF_WEEKS_1_3), treatment_plans=plans)
    check("attendance", chart, MET, "re-assessment followed")


def test_attendance_below_half_with_an_undated_plan_review_insufficient() -> None:
    """A re-assessment with no date may have followed the first miss, or not."""
    review = ev("TREATMENT PLAN REVIEW / RE-ASSESSMENT", PLAN2)
    undated = family_plan().model_copy(update={"date": None, "evidence": (review,)})
    plans = (family_plan(), undated)
    chart = idaho_chart(
        (*DOCUMENTS, PLAN2_DOC),
        sessions=weeks_with_misses(*MOST_OF_WEEKS_1_3),
        treatment_plans=plans,
    )
    check("attendance", chart, INSUFFICIENT, "only 6 of 18", "have no date")


def test_attendance_program_closed_days_are_not_scheduled() -> None:
    closed = weeks_with_misses(*MOST_OF_WEEKS_1_3, attendance=Attendance.PROGRAM_CLOSED)
    check("attendance", idaho_chart(sessions=closed), NA, "schedule is unknown")
    mixed = weeks_with_misses(*MOST_OF_WEEKS_1_3[:4], attendance=Attendance.PROGRAM_CLOSED)
    with_miss = tuple(s for s in mixed if s.date != day("2025-03-17")) + tuple(missed("2025-03-17"))
    check("attendance", idaho_chart(sessions=with_miss), MET, "attended 8 of 10")


def test_attendance_contradictory_records_insufficient() -> None:
    sessions = list(weeks_with_misses(*MOST_OF_WEEKS_1_3))
    sessions += [group(d) for d in ("2025-03-05", "2025-03-06", "2025-03-10")]
    check("attendance", idaho_chart(sessions=tuple(sessions)), INSUFFICIENT, "contradictory")


# --------------------------------------------------------------------------- authorization


def test_authorization_timing_no_request_not_applicable() -> None:
    check("authorization-timing", idaho_chart(), NA, "No continuing-service request")


def test_authorization_timing_met() -> None:
    chart = idaho_chart(
        authorizations=(auth("2025-03-03", "2025-04-01"),),
        continuing_service_requests=(request("2025-03-18"),),
    )
    check("authorization-timing", chart, MET, "at least 14 days")


def test_authorization_timing_late_not_met() -> None:
    chart = idaho_chart(
        authorizations=(auth("2025-03-03", "2025-04-01"),),
        continuing_service_requests=(request("2025-03-20"),),
    )
    check("authorization-timing", chart, NOT_MET, "12 days before the authorization expires")


def test_authorization_timing_stated_expiry_is_used() -> None:
    chart = idaho_chart(continuing_service_requests=(request("2025-03-20", "2025-04-03"),))
    check("authorization-timing", chart, MET)


def test_authorization_timing_unknown_expiry_insufficient() -> None:
    chart = idaho_chart(continuing_service_requests=(request("2025-03-20"),))
    check("authorization-timing", chart, INSUFFICIENT, "no known end date")
    undated = idaho_chart(continuing_service_requests=(request(None, "2025-04-01"),))
    check("authorization-timing", undated, INSUFFICIENT, "no submission date")


# --------------------------------------------------------------------------- duplicates


def test_no_duplicate_services() -> None:
    check("no-duplicate-services", idaho_chart(), MET)
    cbrs = session("2025-03-05", "13:00", "14:00", ServiceKind.CBRS)
    check(
        "no-duplicate-services",
        idaho_chart(sessions=sessions_with(cbrs)),
        NOT_MET,
        "CBRS on 2025-03-05",
    )
    case = session("2025-03-06", "14:00", "14:30", ServiceKind.CASE_MANAGEMENT)
    check(
        "no-duplicate-services",
        idaho_chart(sessions=sessions_with(case)),
        NOT_MET,
        "Case management",
    )
    off_day = session("2025-03-04", "13:00", "14:00", ServiceKind.CBRS)
    check("no-duplicate-services", idaho_chart(sessions=sessions_with(off_day)), MET)


# --------------------------------------------------------------------------- family


def test_family_involvement() -> None:
    check("family-involvement", idaho_chart(), MET)
    without = (family_plan(family=False),)
    check("family-involvement", idaho_chart(treatment_plans=without), NOT_MET)
    no_plan_doc = tuple(d for d in DOCUMENTS if d.document_id != PLAN)
    check("family-involvement", idaho_chart(no_plan_doc, treatment_plans=()), NA)
    check("family-involvement", idaho_chart(treatment_plans=()), INSUFFICIENT, "plan.txt")


def auth_read_two_ways(start: str, ends: tuple[str, str]) -> AuthorizationPeriod:
    """An authorization whose end the two readers of ``hybrid`` read differently: no end,
    both readings (with their words) kept."""
    words = tuple(ev(f"through {d}", INTAKE) for d in ends)
    return auth(start, ends[0]).model_copy(
        update={
            "end": None,
            "uncertain": (UncertainSlot(slot="end", values=ends, evidence=words),),
        }
    )


@pytest.mark.parametrize(
    ("submitted", "ends", "status", "fragment"),
    [
        # 12 days before one end, 21 before the other: the verdict depends on the reading
        ("2025-03-20", ("2025-04-01", "2025-04-10"), INSUFFICIENT, "the verdict depends"),
        # at least 14 days before either end: met, saying the end was read two ways
        ("2025-03-10", ("2025-04-01", "2025-04-10"), MET, "either reading gives this result"),
        # too late for either end
        ("2025-03-30", ("2025-04-01", "2025-04-10"), NOT_MET, "either reading gives this result"),
    ],
)
def test_authorization_timing_with_an_end_read_two_ways(
    submitted: str, ends: tuple[str, str], status: Status, fragment: str
) -> None:
    chart = idaho_chart(
        authorizations=(auth_read_two_ways("2025-03-03", ends),),
        continuing_service_requests=(request(submitted),),
    )
    found = check("authorization-timing", chart, status, fragment, "end date read two ways")
    assert {"through 2025-04-01", "through 2025-04-10"} <= {e.quote for e in found.evidence}
    if status is INSUFFICIENT:
        assert found.values["status_by_reading"] == {"2025-04-01": "not_met", "2025-04-10": "met"}
