"""Checks of pack ``medicare-iop`` (RULES.md, MBPM ch.6 §70.4): one function per rule.

Every check decides from grounded facts only and follows one pattern: collect what
definitely fails (-> ``not_met``), what cannot be established (-> ``insufficient_evidence``),
else ``met``; ``not_applicable`` where RULES.md says the rule's condition does not arise.
Thresholds come from the parameters, never from literals here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import Annotated, Literal

from pydantic import Field, JsonValue, field_validator

from core.data import DocumentKind, Evidence
from core.facts import (
    Acuity,
    AcuityKind,
    Attendance,
    Certification,
    CertificationElement,
    CertificationKind,
    ContinuedStayElement,
    Diagnosis,
    DischargePlanningElement,
    Fact,
    NoteElement,
    Participation,
    ParticipationStatus,
    PlanElement,
    ServiceKind,
    Session,
)
from core.findings import Status
from core.legibility import UNREADABLE_WORDS, only_unreadable
from rules.checks.base import (
    CheckSet,
    NoParams,
    Outcome,
    Params,
    date_words,
    dated,
    deciding_first,
    evidence_of,
    examined,
    fmt_number,
    icd_category,
    in_icd_ranges,
    iso,
    join_words,
    kind_label,
    normalize_credentials,
    quote_short,
    sentence,
    session_label,
    week_evidence,
)
from rules.checks.review import (
    Review,
    absent_or_unread,
    any_of,
    by_date,
    every_of,
    hours_statement,
    no_complete_week,
    review_readings,
    review_signature,
    timeline_values,
    unknown_date,
    weeks_unavailable,
)
from rules.context import ChartContext, doubt_names
from rules.timeline import (
    MINUTES_PER_HOUR,
    DoubtKind,
    ProgramWeek,
    counted_services,
    interval_days,
)

CHECK_SET = CheckSet("medicare_iop")

PHYSICIAN = "physician"


# --------------------------------------------------------------------------- parameters


class PhysicianParams(Params):
    """Credentials that make a signer a physician (normalized: upper case, no dots)."""

    physician_credentials: Annotated[frozenset[str], Field(min_length=1)]

    _normalize = field_validator("physician_credentials")(normalize_credentials)


class CertificationParams(PhysicianParams):
    """A certification's signer and the weekly hours it must state."""

    min_weekly_hours: Annotated[float, Field(gt=0)]


class IntervalParams(Params):
    """Days from one certification to the next (and to the episode end)."""

    recert_interval_days: Annotated[int, Field(gt=0)]


class WeeklyHoursParams(Params):
    """Counted hours every complete program week needs."""

    min_weekly_hours: Annotated[float, Field(gt=0)]


_ICD_RANGE = r"^[A-Z]\d{2}-[A-Z]\d{2}$"


class DiagnosisParams(Params):
    """Covered ICD-10-CM category ranges ("F01-F99") and phrases recognising a DSM-5
    diagnosis stated by name without a code."""

    covered_icd10_ranges: Annotated[
        tuple[Annotated[str, Field(pattern=_ICD_RANGE)], ...], Field(min_length=1)
    ]
    dsm5_name_terms: Annotated[tuple[Annotated[str, Field(min_length=3)], ...], Field(min_length=1)]


class AcuityParams(Params):
    """Areas of life for severe impairment, and the documents that speak for admission:
    every document of ``admission_document_kinds``, and the earliest of each of
    ``initial_document_kinds`` (the initial treatment plan)."""

    impairment_domains: Annotated[frozenset[str], Field(min_length=1)]
    min_impaired_domains: Annotated[int, Field(ge=1)]
    admission_document_kinds: Annotated[frozenset[DocumentKind], Field(min_length=1)]
    initial_document_kinds: frozenset[DocumentKind]


class ActiveTreatmentParams(Params):
    """Service kinds that are not active treatment, and the share of attended hours they
    must stay below."""

    non_active_service_kinds: Annotated[frozenset[ServiceKind], Field(min_length=1)]
    max_non_active_share: Annotated[float, Field(gt=0, le=1)]


class ExcludedServicesParams(Params):
    """Service kinds excluded from the scope of IOP."""

    excluded_service_kinds: Annotated[frozenset[ServiceKind], Field(min_length=1)]


# --------------------------------------------------------------------------- helpers


def _kind_words(kinds: frozenset[ServiceKind]) -> str:
    return join_words(sorted(kind_label(k) for k in kinds), "or")


def _initial_certification(ctx: ChartContext) -> tuple[dt.date, Certification] | None:
    """The earliest dated initial certification."""
    dated_initials = [
        (day, c)
        for c in ctx.facts.certifications
        if c.kind is CertificationKind.INITIAL and (day := ctx.fact_date(c, c.date)) is not None
    ]
    return min(dated_initials, key=lambda item: item[0]) if dated_initials else None


def _stay_past_interval(
    ctx: ChartContext, max_days: int
) -> Outcome | tuple[dt.date, Certification, dt.date, int]:
    """For rules that apply only to a stay longer than ``max_days`` after the initial
    certification: an outcome if the rule is undecidable or not applicable, else the
    initial certification date and fact, the episode end and the days between."""
    initial = _initial_certification(ctx)
    end = ctx.timeline.episode_end
    if initial is None:
        return Outcome(
            Status.INSUFFICIENT_EVIDENCE,
            "No dated initial certification is documented, so the length of the stay "
            "after certification cannot be measured.",
            values=timeline_values(ctx),
        )
    initial_date, cert = initial
    if end.date is None:
        return Outcome(
            Status.INSUFFICIENT_EVIDENCE,
            f"The episode end is unknown: {unknown_date('episode end', end)}.",
            cert.evidence + end.evidence,
            timeline_values(ctx),
        )
    days = interval_days(initial_date, end.date)
    if days <= max_days:
        values: dict[str, JsonValue] = {
            **timeline_values(ctx),
            "initial_certification": initial_date.isoformat(),
            "days_after_initial_certification": days,
            "max_days": max_days,
        }
        # decided by two dates: the initial certification's and the episode end's
        evidence = deciding_first(
            (*date_words(ctx, cert, initial_date), *end.evidence),
            cert.evidence + end.evidence,
            values,
        )
        return Outcome(
            Status.NOT_APPLICABLE,
            f"The episode ends on {end.date.isoformat()}, {days} days after the initial "
            f"certification of {initial_date.isoformat()}, within the {max_days} days "
            "before a recertification is due.",
            evidence,
            values,
        )
    return initial_date, cert, end.date, days


# --------------------------------------------------------------------------- certification


@CHECK_SET.check("initial_certification", CertificationParams)
def initial_certification(ctx: ChartContext, p: CertificationParams) -> Outcome:
    """A physician-signed certification, dated by the end of program week 1, stating the
    9-hour need, the diagnosis and the clinical need for IOP."""
    initials = [c for c in ctx.facts.certifications if c.kind is CertificationKind.INITIAL]
    if not initials:
        return absent_or_unread(ctx, [DocumentKind.CERTIFICATION], "initial certification")
    admission = ctx.timeline.admission
    week1_end = admission.date + dt.timedelta(days=6) if admission.date else None
    reviews = []
    for index in by_date(initials):
        cert = initials[index]
        day = ctx.fact_date(cert, cert.date)
        review = Review(dated("initial certification", day), evidence=list(cert.evidence))
        review.values["date"] = iso(day)
        if day is not None:
            review.cite(date_words(ctx, cert, day))
        review_signature(review, cert, p.physician_credentials, PHYSICIAN)
        review_readings(review, cert)
        hours_statement(cert, p.min_weekly_hours, review)
        review.need(cert.element(CertificationElement.DIAGNOSIS), "does not identify the diagnosis")
        review.need(
            cert.element(CertificationElement.CLINICAL_NEED),
            "does not identify the clinical need for IOP",
        )
        if day is None:
            review.uncertain.append("has no date")
        elif week1_end is None:
            review.uncertain.append(
                "cannot be placed against program week 1 because "
                + unknown_date("admission date", admission)
            )
        elif day > week1_end:
            review.failures.append(
                f"is dated after program week 1, which ended on {week1_end.isoformat()}"
            )
        reviews.append(review)
    outcome = any_of(
        reviews,
        "certifications",
        lambda r: sentence(
            f"{r.subject} is signed by {r.signer}, falls within program week 1 (which ends "
            f"{iso(week1_end)}), states the need for at least {fmt_number(p.min_weekly_hours)} "
            "hours of services per week and identifies the diagnosis and the clinical need "
            "for IOP"
        ),
    )
    outcome.values.update({**timeline_values(ctx), "week1_end": iso(week1_end)})
    if outcome.status is Status.MET:
        return replace(outcome, evidence=evidence_of(outcome.evidence, admission.evidence))
    return outcome


@CHECK_SET.check("recertification_interval", IntervalParams)
def recertification_interval(ctx: ChartContext, p: IntervalParams) -> Outcome:
    """Certifications no more than ``recert_interval_days`` apart, and the episode end no
    more than that after the latest."""
    stay = _stay_past_interval(ctx, p.recert_interval_days)
    if isinstance(stay, Outcome):
        return stay
    initial_date, _, end_date, _ = stay
    chain: list[tuple[dt.date, Certification]] = sorted(
        (
            (day, c)
            for c in ctx.facts.certifications
            if (day := ctx.fact_date(c, c.date)) is not None and day >= initial_date
        ),
        key=lambda item: item[0],
    )
    undated = [
        c
        for c in ctx.facts.certifications
        if c.kind is CertificationKind.RECERTIFICATION and ctx.fact_date(c, c.date) is None
    ]
    intervals: list[JsonValue] = []
    late: list[str] = []
    # the two date lines of each interval too long (of every interval when none is)
    late_dates: list[Evidence] = []
    all_dates: list[Evidence] = []
    end_words = ctx.timeline.episode_end.evidence
    for (prev_day, prev), (day, cert) in pairwise(chain):
        days = interval_days(prev_day, day)
        intervals.append({"from": prev_day.isoformat(), "to": day.isoformat(), "days": days})
        pair = (*date_words(ctx, prev, prev_day), *date_words(ctx, cert, day))
        all_dates.extend(pair)
        if days > p.recert_interval_days:
            late_dates.extend(pair)
            late.append(
                f"{days} days passed from the certification of {prev_day.isoformat()} to the "
                f"{cert.kind.value} of {day.isoformat()}"
            )
    latest, latest_cert = chain[-1]
    tail = interval_days(latest, end_date)
    intervals.append({"from": latest.isoformat(), "to": end_date.isoformat(), "days": tail})
    tail_pair = (*date_words(ctx, latest_cert, latest), *end_words)
    all_dates.extend(tail_pair)
    if tail > p.recert_interval_days:
        late_dates.extend(tail_pair)
        late.append(
            f"the episode end ({end_date.isoformat()}) is {tail} days after the latest "
            f"certification of {latest.isoformat()}"
        )
    values: dict[str, JsonValue] = {
        **timeline_values(ctx),
        "initial_certification": initial_date.isoformat(),
        "certifications": [{"date": day.isoformat(), "kind": c.kind.value} for day, c in chain],
        "undated_recertifications": len(undated),
        "intervals": intervals,
        "max_days": p.recert_interval_days,
    }
    evidence = deciding_first(
        late_dates if late else all_dates,
        evidence_of([c for _, c in chain], undated, end_words),
        values,
    )
    limit = f"(at most {p.recert_interval_days} days are allowed)"
    if late and undated:
        return Outcome(
            Status.INSUFFICIENT_EVIDENCE,
            sentence(
                f"{join_words(late)} {limit}, but {len(undated)} undated recertification(s) "
                "may fall in between"
            ),
            evidence,
            values,
        )
    if late:
        return Outcome(Status.NOT_MET, sentence(f"{join_words(late)} {limit}"), evidence, values)
    return Outcome(
        Status.MET,
        f"Each of the {len(chain) - 1} recertification(s) followed the previous certification "
        f"within {p.recert_interval_days} days, and the episode end ({end_date.isoformat()}) "
        f"is {tail} days after the latest certification.",
        evidence,
        values,
    )


@CHECK_SET.check("recertification_content", CertificationParams)
def recertification_content(ctx: ChartContext, p: CertificationParams) -> Outcome:
    """Every recertification: physician signature, the 9-hour need, response to treatment,
    continuing symptoms and treatment goals toward discharge."""
    recerts = [c for c in ctx.facts.certifications if c.kind is CertificationKind.RECERTIFICATION]
    if not recerts:
        docs = ctx.documents_of_kind(DocumentKind.RECERTIFICATION)
        if docs:
            return absent_or_unread(ctx, [DocumentKind.RECERTIFICATION], "recertification")
        return Outcome(
            Status.NOT_APPLICABLE,
            "No recertification is in the chart; whether one was due is judged by the "
            "recertification-interval rule.",
        )
    reviews = []
    for index in by_date(recerts):
        cert = recerts[index]
        day = ctx.fact_date(cert, cert.date)
        review = Review(dated("recertification", day), evidence=list(cert.evidence))
        review.values["date"] = iso(day)
        review_signature(review, cert, p.physician_credentials, PHYSICIAN)
        review_readings(review, cert)
        hours_statement(cert, p.min_weekly_hours, review)
        review.need(
            cert.element(CertificationElement.RESPONSE_TO_TREATMENT),
            "does not describe the response to treatment",
        )
        review.need(
            cert.element(CertificationElement.CONTINUING_SYMPTOMS),
            "does not describe the symptoms that still require intensive treatment",
        )
        review.need(
            cert.element(CertificationElement.DISCHARGE_GOALS),
            "does not state treatment goals toward discharge",
        )
        reviews.append(review)
    return every_of(
        reviews,
        "recertifications",
        f"All {len(reviews)} recertification(s) are signed by a physician, state the need for "
        f"at least {fmt_number(p.min_weekly_hours)} hours of services per week and describe "
        "the response to treatment, the continuing symptoms and goals toward discharge.",
    )


@CHECK_SET.check("continued_stay", IntervalParams)
def continued_stay(ctx: ChartContext, p: IntervalParams) -> Outcome:
    """A stay past the interval needs later documentation of continuing serious symptoms
    and that less intensive care could not prevent relapse or hospitalization."""
    stay = _stay_past_interval(ctx, p.recert_interval_days)
    if isinstance(stay, Outcome):
        return stay
    initial_date, _, end_date, days = stay
    found: dict[ContinuedStayElement, list[Fact]] = {e: [] for e in ContinuedStayElement}
    undated: dict[ContinuedStayElement, list[Fact]] = {e: [] for e in ContinuedStayElement}
    for fact in ctx.facts.continued_stay:
        day = ctx.fact_date(fact, fact.date)
        if day is None:
            undated[fact.element].append(fact)
        elif day > initial_date:
            found[fact.element].append(fact)
    for cert in ctx.facts.certifications:
        symptoms = cert.element(CertificationElement.CONTINUING_SYMPTOMS)
        day = ctx.fact_date(cert, cert.date)
        if cert.kind is CertificationKind.RECERTIFICATION and symptoms is not None:
            if day is None:
                undated[ContinuedStayElement.CONTINUING_SYMPTOMS].append(symptoms)
            elif day > initial_date:
                found[ContinuedStayElement.CONTINUING_SYMPTOMS].append(symptoms)
    wording = {
        ContinuedStayElement.CONTINUING_SYMPTOMS: "continuing serious symptoms",
        ContinuedStayElement.LESS_INTENSIVE_INSUFFICIENT: (
            "that less intensive care could not prevent relapse or hospitalization"
        ),
    }
    missing = [e for e in ContinuedStayElement if not found[e]]
    values: dict[str, JsonValue] = {
        **timeline_values(ctx),
        "initial_certification": initial_date.isoformat(),
        "days_after_initial_certification": days,
        "max_days": p.recert_interval_days,
        "documented": [e.value for e in ContinuedStayElement if found[e]],
        "missing": [e.value for e in missing],
    }
    stay_text = (
        f"The stay runs to {end_date.isoformat()}, {days} days after the initial "
        f"certification of {initial_date.isoformat()}"
    )
    if not missing:
        return Outcome(
            Status.MET,
            f"{stay_text}, and later documentation records {join_words(list(wording.values()))}.",
            evidence_of(*found.values()),
            values,
        )
    evidence = evidence_of(*found.values(), *undated.values())
    if all(undated[e] for e in missing):
        return Outcome(
            Status.INSUFFICIENT_EVIDENCE,
            f"{stay_text}; documentation of {join_words([wording[e] for e in missing])} is "
            "undated, so it cannot be placed after the initial certification.",
            evidence,
            values,
        )
    return Outcome(
        Status.NOT_MET,
        f"{stay_text}, but nothing dated after it documents "
        f"{join_words([wording[e] for e in missing])}.",
        evidence,
        values,
    )


# --------------------------------------------------------------------------- plan, goals


@CHECK_SET.check("treatment_plan", PhysicianParams)
def treatment_plan(ctx: ChartContext, p: PhysicianParams) -> Outcome:
    """A physician-signed individualized plan with goals and coordination of services."""
    plans = ctx.facts.treatment_plans
    if not plans:
        return absent_or_unread(ctx, [DocumentKind.TREATMENT_PLAN], "treatment plan")
    reviews = []
    for index in by_date(plans):
        plan = plans[index]
        review = Review(dated("treatment plan", plan.date), evidence=list(plan.evidence))
        review.values["date"] = iso(plan.date)
        if plan.date is not None:
            review.cite(date_words(ctx, plan, plan.date))
        review.values["goals"] = len(plan.goals)
        review_signature(review, plan, p.physician_credentials, PHYSICIAN)
        review_readings(review, plan)
        if not plan.goals:
            review.failures.append("identifies no treatment goals")
        coordination = plan.element(PlanElement.COORDINATION_OF_SERVICES) or plan.element(
            PlanElement.MULTIDISCIPLINARY_TEAM
        )
        review.need(
            coordination,
            "does not describe the coordination of services or a multidisciplinary team",
        )
        reviews.append(review)
    return any_of(
        reviews,
        "treatment_plans",
        lambda r: sentence(
            f"{r.subject} is signed by {r.signer}, identifies {r.values['goals']} treatment "
            "goal(s) and describes the coordination of services"
        ),
    )


@CHECK_SET.check("goals_measurable", NoParams)
def goals_measurable(ctx: ChartContext, p: NoParams) -> Outcome:
    """Every treatment goal states a measure and a time frame."""
    plans = ctx.facts.treatment_plans
    plan_docs = ctx.documents_of_kind(DocumentKind.TREATMENT_PLAN)
    if not plans and not plan_docs:
        return Outcome(Status.NOT_APPLICABLE, "The chart has no treatment plan.")
    goals = [(plan, goal) for plan in plans for goal in plan.goals]
    if not goals:
        return Outcome(
            Status.INSUFFICIENT_EVIDENCE,
            "No treatment goals could be read from the treatment plan, so their measures and "
            "time frames cannot be judged.",
            evidence_of(plans),
        )
    rows: list[JsonValue] = []
    failing: list[str] = []
    unreadable: list[str] = []
    for plan, goal in goals:
        lacks = [
            name
            for name, span in (("measure", goal.measure), ("time frame", goal.time_frame))
            if span is None
        ]
        rows.append(
            {
                "goal": goal.text,
                "plan_date": iso(plan.date),
                "measure": goal.measure.quote if goal.measure else None,
                "time_frame": goal.time_frame.quote if goal.time_frame else None,
            }
        )
        if lacks and UNREADABLE_WORDS.search(goal.text):
            # "to [illegible] by [illegible]": the missing words could not be read
            unreadable.append(
                f"{quote_short(goal.text)} has words that could not be read where its "
                f"{join_words(lacks, 'or')} would be"
            )
        elif lacks:
            failing.append(f"{quote_short(goal.text)} has no {join_words(lacks, 'or')}")
    values: dict[str, JsonValue] = {
        "goals": rows,
        "failing": len(failing),
        "unreadable": len(unreadable),
    }
    if unreadable and not failing:
        return Outcome(
            Status.INSUFFICIENT_EVIDENCE,
            f"{'; '.join(unreadable)}, so whether every goal is measurable and time-framed "
            "cannot be established.",
            evidence_of([g for _, g in goals if g.measure is None or g.time_frame is None]),
            values,
        )
    if failing:
        failing_evidence = evidence_of(
            [g for _, g in goals if g.measure is None or g.time_frame is None]
        )
        return Outcome(
            Status.NOT_MET,
            f"{len(failing)} of {len(goals)} treatment goals are not measurable and "
            f"time-framed: {'; '.join(failing)}.",
            failing_evidence,
            values,
        )
    return Outcome(
        Status.MET,
        f"Each of the {len(goals)} treatment goals states a measure and a time frame.",
        evidence_of(
            *(
                [*g.evidence, *(s for s in (g.measure, g.time_frame) if s is not None)]
                for _, g in goals
            )
        ),
        values,
    )


# --------------------------------------------------------------------------- services


@dataclass(frozen=True)
class _WeekJudgement:
    week: ProgramWeek
    hours: float  # counted hours of known length
    status: Literal["met", "below", "uncertain", "partial"]
    doubt: str  # why a short week might still reach the minimum


def _judge_week(ctx: ChartContext, week: ProgramWeek, min_hours: float) -> _WeekJudgement:
    """A complete week is short only if neither sessions of unknown length nor sessions
    of contradictory records could bring it to ``min_hours``."""
    summary = ctx.timeline.summary[week.number - 1]
    counted = ctx.timeline.counted_in(week)
    known = sum(s.minutes for s in counted if s.minutes is not None)
    hours = known / MINUTES_PER_HOUR
    if not week.complete:
        return _WeekJudgement(week, hours, "partial", "")
    if known >= min_hours * MINUTES_PER_HOUR:
        return _WeekJudgement(week, hours, "met", "")
    conflicted = [s for s in ctx.timeline.services_in(week) if s.conflict]
    doubts = []
    if summary.unknown_length_services:
        doubts.append(f"{summary.unknown_length_services} counted session(s) of unknown length")
    doubts.extend(f"a session ({s.label}) {s.conflict}" for s in conflicted)
    unread = ctx.timeline.doubts(week.start, week.end)  # unread records, unknown kinds
    if unread:
        doubts.append(doubt_names(unread, ctx))
    possible = known + sum(s.minutes or 0 for s in conflicted)
    open_ended = (
        summary.unknown_length_services
        or any(s.minutes is None for s in conflicted)
        or bool(unread)
    )
    if open_ended or possible >= min_hours * MINUTES_PER_HOUR:
        return _WeekJudgement(week, hours, "uncertain", join_words(doubts))
    return _WeekJudgement(week, hours, "below", join_words(doubts))


@CHECK_SET.check("weekly_hours", WeeklyHoursParams)
def weekly_hours(ctx: ChartContext, p: WeeklyHoursParams) -> Outcome:
    """Every complete program week has at least ``min_weekly_hours`` counted hours."""
    tl = ctx.timeline
    values = {**timeline_values(ctx), "min_weekly_hours": p.min_weekly_hours}
    unavailable = weeks_unavailable(ctx, values)
    if unavailable is not None:
        return unavailable
    admitted, end = tl.admission.date, tl.episode_end.date
    assert admitted is not None and end is not None
    judged = [_judge_week(ctx, w, p.min_weekly_hours) for w in tl.weeks]
    values["weeks"] = [
        {**s.model_dump(mode="json"), "status": j.status}
        for s, j in zip(tl.summary, judged, strict=True)
    ]
    complete = [j for j in judged if j.status != "partial"]
    partial = [j for j in judged if j.status == "partial"]
    partial_note = f"; week {partial[0].week.number} is partial and not judged" if partial else ""
    required = fmt_number(p.min_weekly_hours)
    if not complete:
        return no_complete_week(ctx, values)

    def evidence(
        weeks: list[_WeekJudgement], deciding: list[_WeekJudgement] | None = None
    ) -> tuple[Evidence, ...]:
        return week_evidence(
            ctx,
            [j.week for j in weeks],
            values,
            None if deciding is None else [j.week for j in deciding],
        )

    below = [j for j in complete if j.status == "below"]
    if below:
        parts = [
            f"{j.week.label[0].lower()}{j.week.label[1:]} has {fmt_number(j.hours)} counted hours"
            for j in below
        ]
        return Outcome(
            Status.NOT_MET,
            sentence(f"{join_words(parts)}, below the {required} required"),
            evidence(below),
            values,
        )
    uncertain = [j for j in complete if j.status == "uncertain"]
    if uncertain:
        parts = [
            f"{j.week.label[0].lower()}{j.week.label[1:]} has {fmt_number(j.hours)} counted "
            f"hours of known length and {j.doubt}"
            for j in uncertain
        ]
        return Outcome(
            Status.INSUFFICIENT_EVIDENCE,
            sentence(
                f"{'; '.join(parts)}, so whether each reaches the {required} required cannot "
                "be established"
            ),
            evidence(uncertain),
            values,
        )
    lowest = min(complete, key=lambda j: j.hours)
    return Outcome(
        Status.MET,
        f"All {len(complete)} complete program weeks have at least {required} counted hours "
        f"(lowest: week {lowest.week.number}, {fmt_number(lowest.hours)} hours){partial_note}.",
        evidence(complete, [lowest]),
        values,
    )


def _note_label(session: Session) -> str:
    return f"the note of {session_label(session)}"


@CHECK_SET.check("progress_notes", NoParams)
def progress_notes(ctx: ChartContext, p: NoParams) -> Outcome:
    """Every progress note describes the service, the member's response and the relation
    to treatment-plan goals."""
    wording = {
        NoteElement.NATURE_OF_SERVICE: "the nature of the service",
        NoteElement.RESPONSE: "the member's response",
        NoteElement.GOAL_RELATION: "the relation to treatment-plan goals",
    }
    candidates = [
        s
        for s in ctx.facts.sessions
        if not s.is_log_entry
        and s.service_kind in ctx.timeline.counted_kinds
        and s.attendance in (Attendance.ATTENDED, Attendance.UNKNOWN)
    ]
    notes = [s for s in candidates if s.attendance is Attendance.ATTENDED]
    if not candidates:
        return Outcome(
            Status.NOT_APPLICABLE, "The chart has no progress notes of attended counted services."
        )
    rows: list[JsonValue] = []
    failing: list[tuple[Session, list[str]]] = []
    unreadable: list[tuple[Session, list[str]]] = []
    for note in candidates:
        lacks = [wording[e] for e in NoteElement if note.element(e) is None]
        # an element written but not legible ("Patient response: [illegible]"): unknown
        illegible = [
            wording[e]
            for e in NoteElement
            if (found := note.element(e)) is not None
            and all(only_unreadable(ev.quote) for ev in found.evidence)
        ]
        rows.append(
            {
                "session": session_label(note),
                "attendance": note.attendance.value,
                "lacks": [e.value for e in NoteElement if note.element(e) is None],
                "unreadable": list[JsonValue](illegible),
            }
        )
        if lacks:
            failing.append((note, lacks))
        if illegible:
            unreadable.append((note, illegible))
    values: dict[str, JsonValue] = {"notes": rows}
    definite = [(n, lacks) for n, lacks in failing if n.attendance is Attendance.ATTENDED]
    if definite:
        details = "; ".join(f"{_note_label(n)} lacks {join_words(lacks)}" for n, lacks in definite)
        return Outcome(
            Status.NOT_MET,
            f"{len(definite)} of {len(notes)} progress notes lack required content: {details}.",
            evidence_of([n for n, _ in definite]),
            values,
        )
    if failing:
        details = "; ".join(f"{_note_label(n)} lacks {join_words(lacks)}" for n, lacks in failing)
        return Outcome(
            Status.INSUFFICIENT_EVIDENCE,
            f"Attendance is not documented for notes that lack required content, so whether "
            f"they are progress notes of attended services is unknown: {details}.",
            evidence_of([n for n, _ in failing]),
            values,
        )
    if unreadable:
        details = "; ".join(
            f"{_note_label(n)}: {join_words(what)} could not be read" for n, what in unreadable
        )
        return Outcome(
            Status.INSUFFICIENT_EVIDENCE,
            f"Required content of {len(unreadable)} progress note(s) is written but could not "
            f"be read, so whether it is documented cannot be established: {details}.",
            evidence_of([n for n, _ in unreadable]),
            values,
        )
    return Outcome(
        Status.MET,
        f"All {len(candidates)} progress notes describe the nature of the service, the "
        "member's response and the relation to treatment-plan goals.",
        evidence_of(candidates, *(e.evidence for n in candidates for e in n.elements)),
        values,
    )


@CHECK_SET.check("active_treatment", ActiveTreatmentParams)
def active_treatment(ctx: ChartContext, p: ActiveTreatmentParams) -> Outcome:
    """Less than ``max_non_active_share`` of attended service hours are recreational,
    social or medication management."""
    attended = [s for s in ctx.timeline.services if s.attended]
    if not attended:
        if ctx.timeline.conflicts:
            return Outcome(
                Status.INSUFFICIENT_EVIDENCE,
                "No session is documented as attended without contradiction: "
                f"{join_words([f'{s.label} is {s.conflict}' for s in ctx.timeline.conflicts])}.",
                evidence_of(*(s.evidence for s in ctx.timeline.conflicts)),
            )
        return Outcome(Status.NOT_APPLICABLE, "The chart documents no attended services.")
    non_active = [s for s in attended if s.kind in p.non_active_service_kinds]
    active = [s for s in attended if s.kind not in p.non_active_service_kinds]
    na_minutes = sum(s.minutes for s in non_active if s.minutes is not None)
    total = sum(s.minutes for s in attended if s.minutes is not None)
    kinds = _kind_words(p.non_active_service_kinds)
    limit = f"{fmt_number(p.max_non_active_share * 100)}%"
    values: dict[str, JsonValue] = {
        "attended_hours": round(total / MINUTES_PER_HOUR, 2),
        "non_active_hours": round(na_minutes / MINUTES_PER_HOUR, 2),
        "share": round(na_minutes / total, 4) if total else None,
        "max_share": p.max_non_active_share,
        "unknown_length_sessions": sum(1 for s in attended if s.minutes is None),
        "non_active_sessions": [s.label for s in non_active],
    }
    if total == 0:
        return Outcome(
            Status.INSUFFICIENT_EVIDENCE,
            f"None of the {len(attended)} attended sessions has a known length, so the share "
            f"of {kinds} hours cannot be computed.",
            evidence_of(*(s.evidence for s in attended)),
            values,
        )
    share = na_minutes / total
    too_much = share >= p.max_non_active_share
    summary = (
        f"{fmt_number(na_minutes / MINUTES_PER_HOUR)} of "
        f"{fmt_number(total / MINUTES_PER_HOUR)} attended service hours "
        f"({fmt_number(share * 100)}%) are {kinds}"
    )
    could_flip = [s for s in (active if too_much else non_active) if s.minutes is None]
    if could_flip:
        return Outcome(
            Status.INSUFFICIENT_EVIDENCE,
            f"{summary}, but {len(could_flip)} attended session(s) of unknown length "
            f"({join_words([s.label for s in could_flip])}) could change whether that is "
            f"under {limit}.",
            evidence_of(*(s.evidence for s in could_flip)),
            values,
        )
    # a service whose attendance is not documented may have been attended: one that
    # would add to the side that decides nothing yet could change the share
    unsure = [
        s
        for s in ctx.timeline.services
        if s.attendance is Attendance.UNKNOWN
        and s.conflict is None
        and (s.kind not in p.non_active_service_kinds) == too_much
        and s.kind is not ServiceKind.UNKNOWN
    ]
    if unsure:
        return Outcome(
            Status.INSUFFICIENT_EVIDENCE,
            f"{summary}, but {len(unsure)} session(s) whose attendance is not documented "
            f"({join_words([s.label for s in unsure])}) could change whether that is "
            f"under {limit}.",
            evidence_of(*(s.evidence for s in unsure)),
            values,
        )
    if too_much:
        return Outcome(
            Status.NOT_MET,
            f"{summary}, at or above the {limit} limit.",
            evidence_of(*(s.evidence for s in non_active)),
            values,
        )
    return Outcome(
        Status.MET,
        f"{summary}, below the {limit} limit.",
        evidence_of(*(s.evidence for s in attended)),
        values,
        # a session of undocumented attendance is of a counted kind: attended, it could only
        # lower the share
        frozenset({"unknown_attendance"}),
    )


@CHECK_SET.check("excluded_services", ExcludedServicesParams)
def excluded_services(ctx: ChartContext, p: ExcludedServicesParams) -> Outcome:
    """No excluded service kind (meals, transportation, ...) appears as a program service.

    ``not_applicable`` when the chart documents no program services at all; a ``met`` cites
    the service records it examined (RULES.md)."""
    services = [s for s in ctx.facts.sessions if s.attendance is not Attendance.PROGRAM_CLOSED]
    found = [s for s in services if s.service_kind in p.excluded_service_kinds]
    values: dict[str, JsonValue] = {
        "excluded_kinds": [k.value for k in sorted(p.excluded_service_kinds)],
        "found": [session_label(s) for s in found],
        "services_examined": len(services),
    }
    # a session whose attendance alone is undocumented has a known kind: examined here
    weighed: frozenset[DoubtKind] = frozenset({"unknown_attendance"})
    if not services:
        unread = ctx.timeline.doubts()
        if unread:  # unread service records may be program services
            return Outcome(
                Status.INSUFFICIENT_EVIDENCE,
                f"No program service was read, but {doubt_names(unread, ctx)} could hold some.",
                evidence_of(*(d.evidence for d in unread)),
                values,
                frozenset({"unread", "unknown_kind", "unknown_attendance"}),
            )
        return Outcome(
            Status.NOT_APPLICABLE, "The chart documents no program services.", (), values
        )
    if found:
        return Outcome(
            Status.NOT_MET,
            f"Services excluded from IOP appear as program services: "
            f"{join_words([session_label(s) for s in found])}.",
            evidence_of(found),
            values,
        )
    return Outcome(
        Status.MET,
        f"No {_kind_words(p.excluded_service_kinds)} appears among the "
        f"{len(services)} documented program services.",
        examined(services),
        values,
        weighed,
    )


# --------------------------------------------------------------------------- clinical


def _diagnosis_label(d: Diagnosis) -> str:
    if d.code and d.name:
        return f"{d.code} ({d.name})"
    return d.code or d.name or "an unnamed diagnosis"


def _diagnosis_labels(found: Sequence[Diagnosis]) -> list[str]:
    """Each diagnosis once, as a reason names it: one per code (with the longest name a
    document gives it), and a diagnosis stated by name only when none has a code (the
    same diagnosis in several documents, or cut at a line end, is one)."""
    by_code: dict[str, Diagnosis] = {}
    for d in found:
        if d.code:
            kept = by_code.get(d.code)
            if kept is None or len(d.name or "") > len(kept.name or ""):
                by_code[d.code] = d
    if by_code:
        return [_diagnosis_label(d) for d in by_code.values()]
    return list(dict.fromkeys(_diagnosis_label(d) for d in found))


@CHECK_SET.check("diagnosis", DiagnosisParams)
def diagnosis(ctx: ChartContext, p: DiagnosisParams) -> Outcome:
    """A covered mental disorder: an ICD-10-CM code in the covered ranges, or a DSM-5
    diagnosis stated by name (recognised by the pack's name terms)."""
    covered: list[Diagnosis] = []
    not_covered: list[Diagnosis] = []
    unrecognized: list[Diagnosis] = []
    terms = [t.lower() for t in p.dsm5_name_terms]
    for d in ctx.facts.diagnoses:
        category = icd_category(d.code) if d.code else None
        if category is not None:
            target = covered if in_icd_ranges(category, p.covered_icd10_ranges) else not_covered
            target.append(d)
        elif d.name and any(t in d.name.lower() for t in terms):
            covered.append(d)
        else:
            unrecognized.append(d)
    ranges = join_words(list(p.covered_icd10_ranges), "or")
    values: dict[str, JsonValue] = {
        "covered": [_diagnosis_label(d) for d in covered],
        "not_covered": [_diagnosis_label(d) for d in not_covered],
        "unrecognized": [_diagnosis_label(d) for d in unrecognized],
        "covered_ranges": list(p.covered_icd10_ranges),
    }
    if covered:
        return Outcome(
            Status.MET,
            f"A covered mental disorder diagnosis is documented: "
            f"{join_words(_diagnosis_labels(covered))}.",
            evidence_of(covered),
            values,
        )
    if not ctx.facts.diagnoses:
        return Outcome(Status.INSUFFICIENT_EVIDENCE, "No diagnosis is documented.", (), values)
    if unrecognized:
        return Outcome(
            Status.INSUFFICIENT_EVIDENCE,
            f"No diagnosis has a code in {ranges}, and "
            f"{join_words(_diagnosis_labels(unrecognized))} could not be matched "
            "to a DSM-5 diagnosis name.",
            evidence_of(unrecognized, not_covered),
            values,
        )
    return Outcome(
        Status.NOT_MET,
        f"Only diagnoses outside {ranges} are documented: "
        f"{join_words(_diagnosis_labels(not_covered))}.",
        evidence_of(not_covered),
        values,
    )


def _initial_documents(ctx: ChartContext, kinds: frozenset[DocumentKind]) -> set[str]:
    """Ids of the earliest dated document of each of ``kinds`` (a sole one if undated)."""
    chosen: set[str] = set()
    for kind in kinds:
        docs = ctx.documents_of_kind(kind)
        dated_docs = [
            (day, d.document_id)
            for d in docs
            if (day := ctx.document_date(d.document_id)) is not None
        ]
        if dated_docs:
            chosen.add(min(dated_docs)[1])
        elif len(docs) == 1:
            chosen.add(docs[0].document_id)
    return chosen


def _domain(name: str) -> str:
    return re.sub(r"[\s-]+", "_", name.strip().lower())


@CHECK_SET.check("acuity", AcuityParams)
def acuity(ctx: ChartContext, p: AcuityParams) -> Outcome:
    """Acute onset, decompensation or severe impairment in enough areas of life; not a
    condition called chronic and stable (or the member psychiatrically stable) at admission."""
    admission_docs = {d.document_id for d in ctx.documents_of_kind(*p.admission_document_kinds)}
    admission_docs |= _initial_documents(ctx, p.initial_document_kinds)
    acute: list[Acuity] = []
    impaired: list[Acuity] = []
    stable_at_admission: list[Acuity] = []
    stable_later: list[Acuity] = []
    for fact in ctx.facts.acuity:
        if fact.kind in (AcuityKind.ACUTE_ONSET, AcuityKind.DECOMPENSATION):
            acute.append(fact)
        elif fact.kind is AcuityKind.SEVERE_IMPAIRMENT:
            impaired.append(fact)
        elif fact.document_id in admission_docs:
            stable_at_admission.append(fact)
        else:
            stable_later.append(fact)
    domains = sorted(
        {_domain(d) for f in impaired for d in f.domains}
        & {_domain(d) for d in p.impairment_domains}
    )
    severe = len(domains) >= p.min_impaired_domains
    support: list[Acuity] = acute + (impaired if severe else [])
    values: dict[str, JsonValue] = {
        "acute": [f.kind.value for f in acute],
        "impaired_domains": list(domains),
        "min_impaired_domains": p.min_impaired_domains,
        "stable_at_admission": [
            {"kind": f.kind.value, "document": ctx.filename(f.document_id)}
            for f in stable_at_admission
        ],
        "stable_later": len(stable_later),
    }
    supported = join_words(
        sorted({f"{f.kind.value.replace('_', ' ')} ({ctx.filename(f.document_id)})" for f in acute})
        + ([f"severe impairment in {join_words(_words(domains))} functioning"] if severe else [])
    )
    stable_words = {
        AcuityKind.CHRONIC_STABLE: "chronic and stable without acute exacerbation",
        AcuityKind.PSYCHIATRICALLY_STABLE: "psychiatrically stable",
    }
    stable_text = join_words(
        sorted(
            {f"{stable_words[f.kind]} ({ctx.filename(f.document_id)})" for f in stable_at_admission}
        )
    )
    if stable_at_admission and support:
        return Outcome(
            Status.INSUFFICIENT_EVIDENCE,
            f"The admission documentation describes the condition as {stable_text}, but the chart "
            f"also documents {supported}; a reviewer must resolve the conflict.",
            evidence_of(stable_at_admission, support),
            values,
        )
    if stable_at_admission:
        return Outcome(
            Status.NOT_MET,
            f"The admission documentation describes the condition as {stable_text}, and no acute "
            "onset, decompensation or severe impairment is documented.",
            evidence_of(stable_at_admission),
            values,
        )
    if support:
        return Outcome(
            Status.MET, sentence(f"the chart documents {supported}"), evidence_of(support), values
        )
    if impaired:
        return Outcome(
            Status.INSUFFICIENT_EVIDENCE,
            f"Severe impairment is documented in {len(domains)} recognised area(s) of life "
            f"({join_words(_words(domains)) or 'none'}), fewer than the {p.min_impaired_domains} "
            "required, and no acute onset or decompensation is documented.",
            evidence_of(impaired),
            values,
        )
    return Outcome(
        Status.INSUFFICIENT_EVIDENCE,
        "No acute onset, decompensation or severe impairment of daily life is documented.",
        evidence_of(stable_later),
        values,
    )


@CHECK_SET.check("safety", NoParams)
def safety(ctx: ChartContext, p: NoParams) -> Outcome:
    """A risk assessment finds no imminent danger and no need for 24-hour supervision;
    documented current danger fails the rule."""
    assessments = ctx.facts.risk_assessments
    dangerous = [r for r in assessments if r.imminent_danger or r.needs_24h_supervision]
    values: dict[str, JsonValue] = {
        "risk_assessments": [
            {
                "date": iso(ctx.fact_date(r, r.date)),
                "instrument": r.instrument,
                "imminent_danger": r.imminent_danger,
                "needs_24h_supervision": r.needs_24h_supervision,
            }
            for r in assessments
        ],
        "danger_findings": [
            {"kind": d.kind.value, "date": iso(ctx.fact_date(d, d.date))}
            for d in ctx.facts.danger_findings
        ],
    }
    if ctx.facts.danger_findings or dangerous:
        described = [
            f"{d.kind.value.replace('_', ' ')} ({iso(ctx.fact_date(d, d.date)) or 'undated'})"
            for d in ctx.facts.danger_findings
        ] + [
            f"a risk assessment ({iso(ctx.fact_date(r, r.date)) or 'undated'}) finding "
            + ("imminent danger" if r.imminent_danger else "a need for 24-hour supervision")
            for r in dangerous
        ]
        return Outcome(
            Status.NOT_MET,
            f"The chart documents current danger: {join_words(described)}.",
            evidence_of(ctx.facts.danger_findings, dangerous),
            values,
        )
    clear = [
        r for r in assessments if r.imminent_danger is False and r.needs_24h_supervision is not True
    ]
    if clear:
        first = clear[0]
        day = ctx.fact_date(first, first.date)
        by = f" ({first.instrument})" if first.instrument else ""
        return Outcome(
            Status.MET,
            f"The risk assessment{by} {f'of {day.isoformat()} ' if day else ''}finds no "
            "imminent danger to self or others and no need for 24-hour supervision.",
            evidence_of(clear),
            values,
        )
    if assessments:
        return Outcome(
            Status.INSUFFICIENT_EVIDENCE,
            f"{len(assessments)} risk assessment(s) are documented, but none reaches a "
            "conclusion about imminent danger.",
            evidence_of(assessments),
            values,
        )
    return Outcome(
        Status.INSUFFICIENT_EVIDENCE,
        "No risk assessment is documented (a screening line in a note is not one).",
        (),
        values,
    )


def _participation_over_time(
    ctx: ChartContext,
    positive: list[Participation],
    negative: list[Participation],
    words: dict[ParticipationStatus, str],
    values: dict[str, JsonValue],
) -> Outcome:
    """RULES.md "Participation over time": the latest documented state governs; only
    statements of different documents contradicting each other about the same date (or
    that cannot be ordered, having no date) leave it to a reviewer. One document's
    statements are in the order it writes them."""

    def said(facts: Sequence[Participation]) -> str:
        return join_words(
            [f"{words[f.status]} ({iso(ctx.fact_date(f, f.date)) or 'undated'})" for f in facts]
        )

    def dates(facts: Sequence[Participation]) -> list[dt.date]:
        return [d for f in facts if (d := ctx.fact_date(f, f.date)) is not None]

    undated = [f for f in (*positive, *negative) if ctx.fact_date(f, f.date) is None]
    if undated:
        return Outcome(
            Status.INSUFFICIENT_EVIDENCE,
            f"The chart documents that the member participates, but also that the member "
            f"{said(negative)}, and {len(undated)} of these statements have no date to order "
            "them by; a reviewer must decide which state is the latest.",
            evidence_of(negative, positive),
            values,
        )
    last = max(dates([*positive, *negative]))
    on_last = [f for f in (*positive, *negative) if ctx.fact_date(f, f.date) == last]
    values["latest_date"] = iso(last)
    # each document's narrative is in time order, so its last statement of that date is
    # what it says ("participated in week 1 ... 04/22: refuses to participate"); then the
    # documents are compared
    by_document: dict[str, Participation] = {}
    for f in on_last:
        at = max((e.page, e.start) for e in f.evidence)
        kept = by_document.get(f.document_id)
        if kept is None or at > max((e.page, e.start) for e in kept.evidence):
            by_document[f.document_id] = f
    latest = list(by_document.values())
    last_positive = [f for f in latest if f.status is ParticipationStatus.PARTICIPATES]
    last_negative = [f for f in latest if f.status is not ParticipationStatus.PARTICIPATES]
    if last_positive and last_negative:
        return Outcome(
            Status.INSUFFICIENT_EVIDENCE,
            f"On {iso(last)}, the latest date documented, the chart says both that the member "
            f"participates and that the member {said(last_negative)}; a reviewer must "
            "resolve the conflict.",
            evidence_of(last_negative, last_positive),
            values,
        )
    if last_negative:
        return Outcome(
            Status.NOT_MET,
            f"The chart documents that the member {said(last_negative)}, after the last "
            f"documented participation ({iso(max(dates(positive)))}), and no participation "
            "after it (the latest documented state governs).",
            evidence_of(last_negative, positive),
            values,
        )
    return Outcome(
        Status.MET,
        f"The member {said(negative)}, but participation resumed and is the latest "
        f"documented state ({iso(last)}).",
        evidence_of(last_positive, negative),
        values,
    )


@CHECK_SET.check("participation", NoParams)
def participation(ctx: ChartContext, p: NoParams) -> Outcome:
    """The member participates in active treatment; refusing, being unable to participate
    or to tolerate the intensity fails the rule."""
    facts = ctx.facts.participation
    positive = [f for f in facts if f.status is ParticipationStatus.PARTICIPATES]
    negative = [f for f in facts if f.status is not ParticipationStatus.PARTICIPATES]
    attended = counted_services(ctx.timeline.services, ctx.timeline.counted_kinds)
    values: dict[str, JsonValue] = {
        "participates": len(positive),
        "does_not_participate": [
            {"status": f.status.value, "date": iso(ctx.fact_date(f, f.date))} for f in negative
        ],
        "attended_counted_services": len(attended),
    }
    words = {
        ParticipationStatus.REFUSES: "refuses to participate",
        ParticipationStatus.CANNOT_PARTICIPATE: "cannot participate",
        ParticipationStatus.CANNOT_TOLERATE: "cannot tolerate the intensity of the program",
    }
    negative_text = join_words(
        [f"{words[f.status]} ({iso(ctx.fact_date(f, f.date)) or 'undated'})" for f in negative]
    )
    if negative and positive:
        return _participation_over_time(ctx, positive, negative, words, values)
    if negative:
        return Outcome(
            Status.NOT_MET,
            f"The chart documents that the member {negative_text}.",
            evidence_of(negative),
            values,
        )
    if positive:
        return Outcome(
            Status.MET,
            "The chart documents that the member participates in active treatment.",
            evidence_of(positive),
            values,
        )
    if attended:
        return Outcome(
            Status.MET,
            f"The member attended {len(attended)} counted service session(s), which documents "
            "participation in active treatment.",
            evidence_of(*(s.evidence for s in attended)),
            values,
        )
    return Outcome(
        Status.INSUFFICIENT_EVIDENCE,
        "Nothing documents whether the member participates in active treatment.",
        (),
        values,
    )


@CHECK_SET.check("discharge_planning", NoParams)
def discharge_planning(ctx: ChartContext, p: NoParams) -> Outcome:
    """Discharge planning (criteria, step-down, linkage to community resources)."""
    wording = {
        DischargePlanningElement.CRITERIA: "discharge criteria",
        DischargePlanningElement.STEP_DOWN: "a step-down plan",
        DischargePlanningElement.COMMUNITY_LINKAGE: "linkage to community resources",
    }
    facts: list[Fact] = list(ctx.facts.discharge_planning)
    documented = [
        wording[e]
        for e in DischargePlanningElement
        if any(f.element is e for f in ctx.facts.discharge_planning)
    ]
    for plan in ctx.facts.treatment_plans:
        element = plan.element(PlanElement.DISCHARGE_PLAN)
        if element is not None:
            facts.append(element)
    if len(facts) > len(ctx.facts.discharge_planning):
        documented.append("a discharge plan in the treatment plan")
    values: dict[str, JsonValue] = {"documented": list(documented)}
    if facts:
        return Outcome(
            Status.MET,
            f"Discharge planning is documented: {join_words(documented)}.",
            evidence_of(facts),
            values,
        )
    return Outcome(
        Status.NOT_MET,
        "No discharge planning (discharge criteria, step-down plan or linkage to community "
        "resources) is documented.",
        (),
        values,
    )


def _words(names: Iterable[str]) -> list[str]:
    """Names of the pack's data ("self_care") as a reason says them ("self care")."""
    return [n.replace("_", " ") for n in names]
