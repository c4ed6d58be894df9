"""Checks of pack ``optum-idaho-iop`` (RULES.md, Optum Idaho IOP FAQ): one function per rule.

Same pattern as :mod:`rules.checks.medicare_iop`: collect what definitely fails
(-> ``not_met``), what cannot be established (-> ``insufficient_evidence``), else ``met``;
``not_applicable`` where RULES.md says the rule's condition does not arise. Thresholds come
from the parameters.

Age groups: an adult is ``adult_age`` or older at admission, an adolescent ``min_age`` up
to ``adult_age`` - 1. The hour and block thresholds of the weekly-hours and per-diem-day
rules follow the age group; with the age unknown, a value that meets the adolescent but
not the adult threshold cannot be decided.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Annotated

from pydantic import Field, JsonValue, field_validator

from core.data import DocumentKind, Evidence
from core.facts import (
    GROUP_KINDS,
    Assessment,
    AssessmentKind,
    Attendance,
    Diagnosis,
    GroupFocus,
    Member,
    Person,
    PlanElement,
    RiskAssessment,
    ServiceKind,
)
from core.findings import Status
from rules.checks.base import (
    CheckSet,
    NoParams,
    Outcome,
    Params,
    evidence_of,
    examined,
    fmt_number,
    icd_category,
    in_icd_ranges,
    iso,
    join_words,
    kind_label,
    normalize_credentials,
    sentence,
    week_evidence,
)
from rules.checks.review import (
    no_complete_week,
    timeline_values,
    unknown_date,
    weeks_unavailable,
)
from rules.context import ChartContext, doubt_names
from rules.timeline import (
    MINUTES_PER_HOUR,
    DoubtKind,
    ProgramWeek,
    Service,
    counted_services,
    day_blocks,
    interval_days,
    stated,
)

CHECK_SET = CheckSet("optum_idaho_iop")

_ICD_RANGE = r"^[A-Z]\d{2}-[A-Z]\d{2}$"
IcdRanges = Annotated[tuple[Annotated[str, Field(pattern=_ICD_RANGE)], ...], Field(min_length=1)]


# --------------------------------------------------------------------------- parameters


class AgeParams(Params):
    """The youngest age admitted and the age from which a member is an adult."""

    min_age: Annotated[int, Field(gt=0)]
    adult_age: Annotated[int, Field(gt=0)]


class WeeklyHoursParams(AgeParams):
    """Counted hours every complete week needs (by age group), and the most allowed."""

    adult_min_weekly_hours: Annotated[float, Field(gt=0)]
    adolescent_min_weekly_hours: Annotated[float, Field(gt=0)]
    max_weekly_hours: Annotated[float, Field(gt=0)]


class PerDiemParams(AgeParams):
    """The block of consecutive counted hours every service day needs (by age group)."""

    adult_min_block_hours: Annotated[float, Field(gt=0)]
    adolescent_min_block_hours: Annotated[float, Field(gt=0)]
    max_gap_minutes: Annotated[int, Field(ge=0)]


class DaysParams(Params):
    min_service_days_per_week: Annotated[int, Field(gt=0)]


class PhysicalExamParams(Params):
    physical_exam_window_days: Annotated[int, Field(gt=0)]


class CredentialParams(Params):
    """Licensed master's-level credentials, and those that also qualify for substance-use
    groups (CADC or higher = these plus the licensed master's-level ones)."""

    licensed_masters_credentials: Annotated[frozenset[str], Field(min_length=1)]
    substance_use_credentials: Annotated[frozenset[str], Field(min_length=1)]

    _normalize = field_validator("licensed_masters_credentials", "substance_use_credentials")(
        normalize_credentials
    )


class RiskParams(Params):
    licensed_masters_credentials: Annotated[frozenset[str], Field(min_length=1)]

    _normalize = field_validator("licensed_masters_credentials")(normalize_credentials)


class GroupSizeParams(Params):
    min_group_participants: Annotated[int, Field(gt=0)]
    max_group_participants: Annotated[int, Field(gt=0)]


class AttendanceParams(Params):
    attendance_weeks: Annotated[int, Field(gt=0)]
    min_attendance_share: Annotated[float, Field(gt=0, le=1)]


class AuthorizationParams(Params):
    request_lead_days: Annotated[int, Field(ge=0)]


class DuplicateParams(Params):
    duplicate_service_kinds: Annotated[frozenset[ServiceKind], Field(min_length=1)]


class AssessmentParams(Params):
    substance_icd10_ranges: IcdRanges
    mental_health_icd10_ranges: IcdRanges
    substance_name_terms: Annotated[tuple[str, ...], Field(min_length=1)]
    mental_health_name_terms: Annotated[tuple[str, ...], Field(min_length=1)]


# --------------------------------------------------------------------------- age


@dataclass(frozen=True)
class AgeAtAdmission:
    """The member's age at admission, or why it is unknown."""

    age: int | None
    why_unknown: str
    evidence: tuple[Evidence, ...]


def _years_between(born: dt.date, on: dt.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _age_of(member: Member, admitted: dt.date | None) -> int | None:
    """Age at admission: from the date of birth, else the stated age (a stated age is taken
    as the age at admission)."""
    if member.date_of_birth is not None and admitted is not None:
        return _years_between(member.date_of_birth, admitted)
    return member.age


def age_at_admission(ctx: ChartContext) -> AgeAtAdmission:
    """The member's age at admission; different results (two dates of birth, a stated age
    that disagrees) are a conflict."""
    members = ctx.facts.members
    evidence = evidence_of(members)
    if not members:
        return AgeAtAdmission(None, "no date of birth or age is documented", ())
    admitted = ctx.timeline.admission.date
    ages = {a for m in members if (a := _age_of(m, admitted)) is not None}
    if len(ages) > 1:
        listed = join_words([str(a) for a in sorted(ages)])
        return AgeAtAdmission(None, f"the chart gives different ages ({listed})", evidence)
    if ages:
        return AgeAtAdmission(next(iter(ages)), "", evidence)
    reason = unknown_date("admission date", ctx.timeline.admission)
    return AgeAtAdmission(None, f"the age at admission cannot be set: {reason}", evidence)


def _age_group(age: int | None, p: AgeParams) -> str:
    if age is None:
        return "unknown"
    return "adult" if age >= p.adult_age else "adolescent"


@CHECK_SET.check("age", AgeParams)
def age(ctx: ChartContext, p: AgeParams) -> Outcome:
    """The member is ``min_age`` or older at admission."""
    found = age_at_admission(ctx)
    values: dict[str, JsonValue] = {
        **timeline_values(ctx),
        "age_at_admission": found.age,
        "min_age": p.min_age,
        "age_group": _age_group(found.age, p),
    }
    if found.age is None:
        return Outcome(
            Status.INSUFFICIENT_EVIDENCE,
            sentence(f"The member's age cannot be established: {found.why_unknown}"),
            found.evidence,
            values,
        )
    if found.age < p.min_age:
        return Outcome(
            Status.NOT_MET,
            f"The member is {found.age} at admission, younger than {p.min_age}.",
            found.evidence,
            values,
        )
    return Outcome(
        Status.MET,
        f"The member is {found.age} at admission ({_age_group(found.age, p)}), "
        f"at least {p.min_age}.",
        found.evidence,
        values,
    )


# --------------------------------------------------------------------------- weeks


def _week_name(week: ProgramWeek) -> str:
    return f"{week.label[0].lower()}{week.label[1:]}"


def _complete_weeks(
    ctx: ChartContext, values: dict[str, JsonValue]
) -> tuple[ProgramWeek, ...] | Outcome:
    """The complete program weeks, or the outcome when there are none or none can be set."""
    unavailable = weeks_unavailable(ctx, values)
    if unavailable is not None:
        return unavailable
    tl = ctx.timeline
    complete = tuple(w for w in tl.weeks if w.complete)
    if not complete:
        return no_complete_week(ctx, values)
    return complete


@CHECK_SET.check("weekly_hours", WeeklyHoursParams)
def weekly_hours(ctx: ChartContext, p: WeeklyHoursParams) -> Outcome:
    """Every complete week has between the age group's minimum and ``max_weekly_hours``
    counted hours."""
    found = age_at_admission(ctx)
    group = _age_group(found.age, p)
    minimum = {
        "adult": p.adult_min_weekly_hours,
        "adolescent": p.adolescent_min_weekly_hours,
        "unknown": p.adult_min_weekly_hours,
    }[group]
    floor = minimum if group != "unknown" else p.adolescent_min_weekly_hours
    values: dict[str, JsonValue] = {
        **timeline_values(ctx),
        "age_group": group,
        "min_weekly_hours": minimum,
        "max_weekly_hours": p.max_weekly_hours,
    }
    weeks = _complete_weeks(ctx, values)
    if isinstance(weeks, Outcome):
        return weeks
    tl = ctx.timeline
    below, above, uncertain = [], [], []
    rows: list[JsonValue] = []
    hours: dict[int, float] = {}
    for week in weeks:
        counted = tl.counted_in(week)
        known = sum(s.minutes for s in counted if s.minutes is not None) / MINUTES_PER_HOUR
        unknown = sum(1 for s in counted if s.minutes is None)
        conflicted = [s for s in tl.services_in(week) if s.conflict]
        rows.append({"week": week.number, "counted_hours": round(known, 2)})
        hours[week.number] = known
        # unread records, sessions of unknown kind or of undocumented attendance
        doubts = tl.doubts(week.start, week.end)
        open_ended = bool(unknown or conflicted or doubts)
        # what the unread or unknown could add: unbounded for an unread record or a doubtful
        # session of unknown length
        in_doubt = [d.service for d in doubts if d.service is not None]
        extra = sum(s.minutes or 0 for s in [*conflicted, *in_doubt]) / MINUTES_PER_HOUR
        unbounded = (
            unknown
            or any(d.unread is not None for d in doubts)
            or any(s.minutes is None for s in [*conflicted, *in_doubt])
        )
        why = join_words(
            [
                *(
                    [
                        f"{unknown + len(conflicted)} session(s) of unknown length or "
                        "contradictory records"
                    ]
                    if unknown or conflicted
                    else []
                ),
                *([doubt_names(doubts, ctx)] if doubts else []),
            ]
        )
        if known > p.max_weekly_hours:
            above.append((week, known))
        elif known >= minimum:
            if open_ended and (unbounded or known + extra > p.max_weekly_hours):
                uncertain.append((week, known, f"{why}, which could bring it above the maximum"))
            continue
        elif open_ended:
            uncertain.append((week, known, why))
        elif known < floor:
            below.append((week, known))
        else:  # between the adolescent and the adult minimum, age unknown
            uncertain.append((week, known, "the member's age group is unknown"))
    values["weeks"] = rows
    if below or above:
        parts = [
            f"{_week_name(w)} has {fmt_number(h)} counted hours, below the "
            f"{fmt_number(floor)} required"
            for w, h in below
        ] + [
            f"{_week_name(w)} has {fmt_number(h)} counted hours, above the "
            f"{fmt_number(p.max_weekly_hours)} allowed"
            for w, h in above
        ]
        failing = [w for w, _ in below] + [w for w, _ in above]
        return Outcome(
            Status.NOT_MET,
            sentence("; ".join(parts)),
            week_evidence(ctx, failing, values),
            values,
        )
    if uncertain:
        parts = [
            f"{_week_name(w)} has {fmt_number(h)} counted hours and {why}"
            for w, h, why in uncertain
        ]
        return Outcome(
            Status.INSUFFICIENT_EVIDENCE,
            sentence(
                f"{'; '.join(parts)}, so whether it reaches the required hours cannot "
                "be established"
            ),
            week_evidence(ctx, [w for w, _, _ in uncertain], values) + found.evidence,
            values,
        )
    return Outcome(
        Status.MET,
        f"All {len(weeks)} complete program weeks have {fmt_number(minimum)}-"
        f"{fmt_number(p.max_weekly_hours)} counted hours ({group}).",
        # decided by the weeks nearest the bounds: the fewest and the most hours
        week_evidence(
            ctx,
            weeks,
            values,
            sorted(
                {
                    min(weeks, key=lambda w: hours[w.number]),
                    max(weeks, key=lambda w: hours[w.number]),
                },
                key=lambda w: w.number,
            ),
        )
        + found.evidence,
        values,
    )


@CHECK_SET.check("per_diem_day", PerDiemParams)
def per_diem_day(ctx: ChartContext, p: PerDiemParams) -> Outcome:
    """Every service day has a block of consecutive counted hours of the age group's
    length."""
    found = age_at_admission(ctx)
    group = _age_group(found.age, p)
    minimum = p.adolescent_min_block_hours if group == "adolescent" else p.adult_min_block_hours
    floor = p.adolescent_min_block_hours if group == "unknown" else minimum
    tl = ctx.timeline
    days = day_blocks(tl.services, tl.counted_kinds, p.max_gap_minutes)
    values: dict[str, JsonValue] = {
        "age_group": group,
        "min_block_hours": minimum,
        "max_gap_minutes": p.max_gap_minutes,
        "days": [
            {
                "date": d.date.isoformat(),
                "longest_block_hours": round(d.longest_hours, 2),
                "unplaced_services": len(d.unplaced),
            }
            for d in days
        ],
    }
    if not days:
        return Outcome(Status.NOT_APPLICABLE, "The chart has no service days.", (), values)
    short, unsure = [], []
    for d in days:
        if d.longest_hours >= minimum:
            continue
        doubts = tl.doubts(d.date, d.date)
        if d.unplaced:
            unsure.append((d, "counted sessions without clock times or length"))
        elif doubts:
            unsure.append((d, doubt_names(doubts, ctx)))
        elif d.longest_hours >= floor:
            unsure.append((d, "the member's age group is unknown"))
        else:
            short.append(d)

    def ev(selected: Sequence[object]) -> tuple[Evidence, ...]:
        out: list[Evidence] = []
        for d in days:
            if d in selected:
                for b in d.blocks:
                    for s in b.services:
                        out.extend(s.evidence)
                for s in d.unplaced:
                    out.extend(s.evidence)
        return tuple(dict.fromkeys(out))

    if short:
        parts = [f"{d.date.isoformat()} ({fmt_number(d.longest_hours)} h)" for d in short]
        return Outcome(
            Status.NOT_MET,
            f"On {join_words(parts)} the longest block of consecutive counted hours is "
            f"shorter than the {fmt_number(floor)} hours required.",
            ev(short),
            values,
        )
    if unsure:
        parts = [f"{d.date.isoformat()} ({why})" for d, why in unsure]
        return Outcome(
            Status.INSUFFICIENT_EVIDENCE,
            f"Whether a block of {fmt_number(minimum)} consecutive counted hours was provided "
            f"cannot be established on {join_words(parts)}.",
            ev([d for d, _ in unsure]) + found.evidence,
            values,
        )
    return Outcome(
        Status.MET,
        f"All {len(days)} service days have a block of at least {fmt_number(minimum)} "
        f"consecutive counted hours ({group}).",
        ev(days),
        values,
    )


@CHECK_SET.check("days_per_week", DaysParams)
def days_per_week(ctx: ChartContext, p: DaysParams) -> Outcome:
    """Every complete week has at least ``min_service_days_per_week`` service days."""
    values: dict[str, JsonValue] = {
        **timeline_values(ctx),
        "min_service_days_per_week": p.min_service_days_per_week,
    }
    weeks = _complete_weeks(ctx, values)
    if isinstance(weeks, Outcome):
        return weeks
    tl = ctx.timeline
    short, unsure = [], []
    rows: list[JsonValue] = []
    for week in weeks:
        days = {s.date for s in tl.counted_in(week)}
        rows.append({"week": week.number, "service_days": len(days)})
        if len(days) >= p.min_service_days_per_week:
            continue
        extra = {s.date for s in tl.services_in(week) if s.conflict} - days
        doubts = tl.doubts(week.start, week.end)
        extra |= {d.date for d in doubts if d.date is not None} - days
        undated = any(d.date is None for d in doubts)
        if len(days) + len(extra) >= p.min_service_days_per_week or undated:
            unsure.append((week, len(days)))
        else:
            short.append((week, len(days)))
    values["weeks"] = rows
    needed = p.min_service_days_per_week
    if short:
        parts = [f"{_week_name(w)} has {n} service day(s)" for w, n in short]
        return Outcome(
            Status.NOT_MET,
            sentence(f"{join_words(parts)}, fewer than {needed}"),
            week_evidence(ctx, [w for w, _ in short]),
            values,
        )
    if unsure:
        parts = [f"{_week_name(w)} has {n} certain service day(s)" for w, n in unsure]
        return Outcome(
            Status.INSUFFICIENT_EVIDENCE,
            sentence(
                f"{join_words(parts)} and sessions with contradictory records, of unknown "
                "kind or unread, on other days"
            ),
            week_evidence(ctx, [w for w, _ in unsure]),
            values,
        )
    return Outcome(
        Status.MET,
        f"All {len(weeks)} complete program weeks have at least {needed} service days.",
        week_evidence(ctx, weeks),
        values,
    )


# --------------------------------------------------------------------------- physical exam


@CHECK_SET.check("physical_exam", PhysicalExamParams)
def physical_exam(ctx: ChartContext, p: PhysicalExamParams) -> Outcome:
    """A physical exam dated within ``physical_exam_window_days`` of admission (before or
    after); none yet is not applicable while the episode is younger than the window."""
    tl = ctx.timeline
    window = p.physical_exam_window_days
    values: dict[str, JsonValue] = {**timeline_values(ctx), "window_days": window}
    exams = ctx.facts.physical_exams
    admitted = tl.admission.date
    if admitted is None:
        return Outcome(
            Status.INSUFFICIENT_EVIDENCE,
            sentence(unknown_date("admission date", tl.admission)),
            tl.admission.evidence + evidence_of(exams),
            values,
        )
    # An exam's own date only: a statement "physical exam completed by PCP" in an intake
    # does not date the exam on the intake (the extractor dates exam documents/sections).
    dated = [(e, e.date) for e in exams]
    values["exams"] = [iso(d) for _, d in dated]
    inside = [e for e, d in dated if d is not None and abs(interval_days(admitted, d)) <= window]
    if inside:
        return Outcome(
            Status.MET,
            f"A physical exam is documented within {window} days of admission "
            f"({admitted.isoformat()}).",
            evidence_of(inside),
            values,
        )
    undated = [e for e, d in dated if d is None]
    if undated:
        return Outcome(
            Status.INSUFFICIENT_EVIDENCE,
            "A physical exam is documented without a date, so whether it falls within "
            f"{window} days of admission cannot be established.",
            evidence_of(undated),
            values,
        )
    end = tl.episode_end.date
    outside = join_words([d.isoformat() for _, d in dated if d is not None])
    outside_note = f" (the exam(s) of {outside} fall outside it)" if outside else ""
    if end is None:
        return Outcome(
            Status.INSUFFICIENT_EVIDENCE,
            f"No physical exam within {window} days of admission{outside_note}, and "
            f"{unknown_date('episode end', tl.episode_end)}.",
            evidence_of(exams),
            values,
        )
    if interval_days(admitted, end) < window:
        return Outcome(
            Status.NOT_APPLICABLE,
            f"No physical exam yet{outside_note}, and the episode ends "
            f"{interval_days(admitted, end)} days after admission, before {window} days.",
            tl.admission.evidence + tl.episode_end.evidence,
            values,
        )
    return Outcome(
        Status.NOT_MET,
        f"No physical exam is documented within {window} days of admission "
        f"({admitted.isoformat()}){outside_note}.",
        evidence_of(exams) or tl.admission.evidence,
        values,
    )


# --------------------------------------------------------------------------- risk


def _credentials(person: Person | None) -> set[str]:
    if person is None:
        return set()
    return {c.upper().replace(".", "").strip() for c in person.credentials}


def _person_text(person: Person | None) -> str:
    if person is None:
        return "an unnamed clinician"
    return ", ".join([person.name or "an unnamed clinician", *person.credentials])


@CHECK_SET.check("weekly_risk_assessment", RiskParams)
def weekly_risk_assessment(ctx: ChartContext, p: RiskParams) -> Outcome:
    """Every complete week has a risk assessment by a licensed master's-level clinician."""
    values: dict[str, JsonValue] = {**timeline_values(ctx)}
    weeks = _complete_weeks(ctx, values)
    if isinstance(weeks, Outcome):
        return weeks
    dated = [(r, ctx.fact_date(r, r.date)) for r in ctx.facts.risk_assessments]
    undated = [r for r, d in dated if d is None]
    missing: list[ProgramWeek] = []
    unqualified: list[tuple[ProgramWeek, list[RiskAssessment]]] = []
    unsure: list[ProgramWeek] = []
    used: list[RiskAssessment] = []
    rows: list[JsonValue] = []
    for week in weeks:
        in_week = [r for r, d in dated if d is not None and week.contains(d)]
        qualified = [
            r for r in in_week if _credentials(r.assessor) & p.licensed_masters_credentials
        ]
        unknown = [r for r in in_week if not _credentials(r.assessor)]
        rows.append(
            {
                "week": week.number,
                "assessments": len(in_week),
                "by_licensed_clinician": len(qualified),
            }
        )
        if qualified:
            used.extend(qualified[:1])
        elif unknown or (not in_week and undated):
            unsure.append(week)
            used.extend(unknown)
        elif in_week:
            unqualified.append((week, in_week))
        else:
            missing.append(week)
    values["weeks"] = rows
    if missing or unqualified:
        parts = [f"{_week_name(w)} has no risk assessment" for w in missing] + [
            f"the risk assessment of {_week_name(w)} is by "
            f"{join_words([_person_text(r.assessor) for r in rs])}, not a licensed "
            "master's-level clinician"
            for w, rs in unqualified
        ]
        return Outcome(
            Status.NOT_MET,
            sentence("; ".join(parts)),
            evidence_of(*(rs for _, rs in unqualified)) or ctx.timeline.admission.evidence,
            values,
        )
    if unsure:
        names = join_words([f"week {w.number}" for w in unsure])
        return Outcome(
            Status.INSUFFICIENT_EVIDENCE,
            f"For {names} no risk assessment by a clinician of documented licensed "
            "master's-level credential can be placed (assessor's credential or the date "
            "is not documented).",
            evidence_of(used, undated),
            values,
        )
    return Outcome(
        Status.MET,
        f"All {len(weeks)} complete program weeks have a risk assessment by a licensed "
        "master's-level clinician.",
        evidence_of(used),
        values,
    )


# --------------------------------------------------------------------------- groups


def _attended_groups(ctx: ChartContext) -> list[Service]:
    return [s for s in ctx.timeline.services if s.attended and s.kind in GROUP_KINDS]


def _group_size(service: Service) -> set[int]:
    return {int(n) for n in stated(service.records, "group_size", "group_size")}


def _json_ints(values: set[int]) -> list[JsonValue]:
    return [v for v in sorted(values)]


Verdict = tuple[str, str] | None  # ("fail" | "unsure", why), or None when it passes


def _maybe_groups(ctx: ChartContext) -> list[Service]:
    """Group sessions the member may have attended: no record states the attendance, or
    the records disagree on it. If the member attended, the group rules judge them too."""
    tl = ctx.timeline
    disputed = [
        s
        for s in tl.services
        if s.kind in GROUP_KINDS
        and s.conflict
        and Attendance.ATTENDED.value in stated(s.records, "attendance", "attendance")
    ]
    return [*(s for s in tl.unknown_attendance if s.kind in GROUP_KINDS), *disputed]


def _judge_groups(
    ctx: ChartContext,
    judge: Callable[[Service], Verdict],
    values: dict[str, JsonValue],
    met: Callable[[int], str],
) -> Outcome:
    """A per-group rule over the attended groups (RULES.md "Group session"): a failing
    group is ``not_met``; an undecidable one ``insufficient_evidence``. A group whose
    attendance is not documented (``Timeline.unknown_attendance``) changes the verdict only
    if it would fail or be undecidable were it attended; then the verdict is
    ``insufficient_evidence``, naming it. Such groups are weighed here, so the engine's
    ``if_records_unread`` policy does not weigh them again."""
    groups = _attended_groups(ctx)
    weighed: frozenset[DoubtKind] = frozenset({"unknown_attendance"})
    judged = [(s, v) for s in groups if (v := judge(s)) is not None]
    failing = [(s, why) for s, (kind, why) in judged if kind == "fail"]
    unsure = [(s, why) for s, (kind, why) in judged if kind == "unsure"]
    maybe = [(s, v[1]) for s in _maybe_groups(ctx) if (v := judge(s)) is not None]
    if failing:
        return Outcome(
            Status.NOT_MET,
            sentence("; ".join(f"{s.label} {why}" for s, why in failing)),
            evidence_of(*(s.evidence for s, _ in failing)),
            values,
            weighed,
        )
    if unsure or maybe:
        parts = [f"{s.label}: {why}" for s, why in unsure] + [
            f"{s.label}, whose attendance is not documented or contradictory: {why} if the "
            "member attended"
            for s, why in maybe
        ]
        return Outcome(
            Status.INSUFFICIENT_EVIDENCE,
            sentence("; ".join(parts)),
            evidence_of(*(s.evidence for s, _ in [*unsure, *maybe])),
            values,
            weighed,
        )
    if not groups:
        undecided = _maybe_groups(ctx)
        reason = "No group session was attended"
        if undecided:  # each would pass if attended (else handled above): nothing fails
            reason = (
                "No group session is documented as attended; "
                f"{join_words([s.label for s in undecided])}, whose attendance is not "
                "documented, would meet it"
            )
        return Outcome(
            Status.NOT_APPLICABLE,
            f"{reason}.",
            evidence_of(*(s.evidence for s in undecided)),
            values,
            weighed,
        )
    return Outcome(
        Status.MET,
        met(len(groups)),
        evidence_of(*(s.evidence for s in groups)),
        values,
        weighed,
    )


@CHECK_SET.check("group_size", GroupSizeParams)
def group_size(ctx: ChartContext, p: GroupSizeParams) -> Outcome:
    """Every attended group session has between the minimum and maximum participants."""
    low, high = p.min_group_participants, p.max_group_participants
    values: dict[str, JsonValue] = {
        "min_participants": low,
        "max_participants": high,
        "groups": [
            {"session": s.label, "participants": _json_ints(_group_size(s))}
            for s in _attended_groups(ctx)
        ],
    }

    def judge(s: Service) -> Verdict:
        sizes = _group_size(s)
        if len(sizes) != 1:
            return (
                "unsure",
                "the number of participants is not documented (or documented differently)",
            )
        size = next(iter(sizes))
        if not low <= size <= high:
            return ("fail", f"has {size} participants, outside {low}-{high}")
        return None

    return _judge_groups(
        ctx,
        judge,
        values,
        lambda n: f"All {n} attended group sessions have {low}-{high} participants.",
    )


def _focus(service: Service) -> GroupFocus:
    foci = {r.group_focus for r in service.records} - {GroupFocus.UNKNOWN}
    return next(iter(foci)) if len(foci) == 1 else GroupFocus.UNKNOWN


@CHECK_SET.check("facilitator_credentials", CredentialParams)
def facilitator_credentials(ctx: ChartContext, p: CredentialParams) -> Outcome:
    """Mental-health groups are facilitated by a licensed master's-level clinician,
    substance-use groups by CADC or higher. A group of unknown focus needs a facilitator who
    qualifies for both (a licensed master's-level clinician)."""
    masters = p.licensed_masters_credentials
    cadc = masters | p.substance_use_credentials

    def people(s: Service) -> list[Person]:
        return list(dict.fromkeys(f for r in s.records for f in r.facilitators))

    def judge(s: Service) -> Verdict:
        focus = _focus(s)
        found = people(s)
        creds = [_credentials(f) for f in found]
        names = join_words([_person_text(f) for f in found])
        if not found:
            return ("unsure", "no facilitator is documented")
        if any(c & masters for c in creds) or (
            focus is GroupFocus.SUBSTANCE_USE and any(c & cadc for c in creds)
        ):
            return None
        if any(not c for c in creds):
            return ("unsure", f"the credential of {names} is not documented")
        if focus is GroupFocus.UNKNOWN and any(c & cadc for c in creds):
            return (
                "unsure",
                f"{names} qualifies for substance-use groups only and the group's focus is "
                "not documented",
            )
        role = (
            "CADC or higher"
            if focus is GroupFocus.SUBSTANCE_USE
            else "a licensed master's-level clinician"
        )
        return ("fail", f"is facilitated by {names}, not {role}")

    values: dict[str, JsonValue] = {
        "groups": [
            {
                "session": s.label,
                "focus": _focus(s).value,
                "facilitators": [_person_text(f) for f in people(s)],
            }
            for s in _attended_groups(ctx)
        ]
    }
    return _judge_groups(
        ctx,
        judge,
        values,
        lambda n: f"All {n} attended group sessions are facilitated by a qualified clinician.",
    )


# --------------------------------------------------------------------------- assessments


@CHECK_SET.check("substance_use_assessment", NoParams)
def substance_use_assessment(ctx: ChartContext, p: NoParams) -> Outcome:
    """A substance use assessment (or an ASAM dimensional assessment) is documented."""
    found = [
        a
        for a in ctx.facts.assessments
        if a.kind in (AssessmentKind.SUBSTANCE_USE, AssessmentKind.ASAM)
    ]
    values: dict[str, JsonValue] = {"assessments": [a.instrument or a.kind.value for a in found]}
    if found:
        return Outcome(
            Status.MET,
            "A substance use assessment is documented.",
            evidence_of(found[:1]),
            values,
        )
    return Outcome(Status.NOT_MET, "No substance use assessment is documented.", (), values)


def _classify(d: Diagnosis, p: AssessmentParams) -> set[str]:
    category = icd_category(d.code) if d.code else None
    if category is not None:
        kinds = set()
        if in_icd_ranges(category, p.substance_icd10_ranges):
            kinds.add("substance")
        if in_icd_ranges(category, p.mental_health_icd10_ranges):
            kinds.add("mental_health")
        return kinds
    name = (d.name or "").lower()
    if any(t.lower() in name for t in p.substance_name_terms):
        return {"substance"}
    if any(t.lower() in name for t in p.mental_health_name_terms):
        return {"mental_health"}
    return set()


@CHECK_SET.check("standardized_assessment", AssessmentParams)
def standardized_assessment(ctx: ChartContext, p: AssessmentParams) -> Outcome:
    """ASAM for a substance-use diagnosis, the DSM-5 Cross-Cutting Symptom Measure for a
    mental-health diagnosis (each that applies)."""
    diagnoses = ctx.facts.diagnoses
    kinds: set[str] = set()
    for d in diagnoses:
        kinds |= _classify(d, p)
    kind_list: list[JsonValue] = [k for k in sorted(kinds)]
    values: dict[str, JsonValue] = {"diagnosis_kinds": kind_list}
    if not kinds:
        why = (
            "no diagnosis is documented"
            if not diagnoses
            else ("no documented diagnosis could be classed as substance-related or mental health")
        )
        return Outcome(
            Status.INSUFFICIENT_EVIDENCE,
            sentence(f"Which standardized assessment is required cannot be set: {why}"),
            evidence_of(diagnoses),
            values,
        )
    needed = {
        "substance": (AssessmentKind.ASAM, "an ASAM dimensional assessment"),
        "mental_health": (
            AssessmentKind.DSM5_CROSS_CUTTING,
            "the DSM-5 Cross-Cutting Symptom Measure",
        ),
    }
    present: list[tuple[str, list[Assessment]]] = []
    absent: list[tuple[str, list[Assessment]]] = []
    for kind in sorted(kinds):
        wanted, name = needed[kind]
        found = [a for a in ctx.facts.assessments if a.kind is wanted]
        (present if found else absent).append((name, found))
    values["present"] = [n for n, _ in present]
    values["absent"] = [n for n, _ in absent]
    if absent:
        return Outcome(
            Status.NOT_MET,
            sentence(
                f"{join_words([n for n, _ in absent])} is required by the diagnoses "
                "but not documented"
            ),
            evidence_of(diagnoses),
            values,
        )
    return Outcome(
        Status.MET,
        sentence(f"{join_words([n for n, _ in present])} is documented"),
        evidence_of(*(f for _, f in present)),
        values,
    )


# --------------------------------------------------------------------------- attendance


_SCHEDULED_MISSES = frozenset(
    {Attendance.ABSENT, Attendance.NO_SHOW, Attendance.CANCELLED, Attendance.REFUSED}
)


@CHECK_SET.check("attendance", AttendanceParams)
def attendance(ctx: ChartContext, p: AttendanceParams) -> Outcome:
    """Over program weeks 1..``attendance_weeks``, the member attended at least
    ``min_attendance_share`` of the scheduled IOP sessions (of counted kinds), or a
    treatment plan re-assessment is dated after the first missed session. Days the program
    was closed are not scheduled.

    The schedule is known when the chart documents absences, no-shows or cancellations
    (scheduled sessions = attended + missed sessions), else when it documents the member's
    program schedule (:func:`_attendance_by_schedule`); with neither it is unknown."""
    tl = ctx.timeline
    values: dict[str, JsonValue] = {**timeline_values(ctx), "weeks": p.attendance_weeks}
    missed_anywhere = [
        s for s in tl.services if s.attendance in _SCHEDULED_MISSES and s.kind in tl.counted_kinds
    ]
    if not missed_anywhere and ctx.facts.schedules:
        return _attendance_by_schedule(ctx, p, values)
    if not missed_anywhere:
        return Outcome(
            Status.NOT_APPLICABLE,
            "No absence, no-show or cancellation and no program schedule is documented, "
            "so the schedule is unknown.",
            (),
            values,
        )
    admitted = tl.admission.date
    if admitted is None:
        return Outcome(
            Status.INSUFFICIENT_EVIDENCE,
            sentence(unknown_date("admission date", tl.admission)),
            tl.admission.evidence,
            values,
        )
    last = admitted + dt.timedelta(days=7 * p.attendance_weeks - 1)
    # IOP sessions only: services of a counted kind (case management, CBRS, meals are not).
    window = [s for s in tl.services if admitted <= s.date <= last and s.kind in tl.counted_kinds]
    attended = [s for s in window if s.attended]
    missed = [s for s in window if s.attendance in _SCHEDULED_MISSES and not s.conflict]
    conflicted = [s for s in window if s.conflict]
    # sessions whose attendance is not documented: attended or missed, either could be;
    # unread records and sessions of unknown kind in these weeks could be either too (the
    # engine's doubts elsewhere in the chart change nothing here: weighed)
    undocumented = [s for s in window if s.attendance is Attendance.UNKNOWN and not s.conflict]
    unread = [d for d in tl.doubts(admitted, last) if d.why != "unknown_attendance"]
    weighed: frozenset[DoubtKind] = frozenset({"unread", "unknown_kind", "unknown_attendance"})
    scheduled = len(attended) + len(missed) + len(conflicted)
    values.update(
        attended=len(attended),
        missed=len(missed),
        conflicted=len(conflicted),
        undocumented=len(undocumented),
        scheduled=scheduled,
    )
    if not scheduled and not undocumented and not unread:
        return Outcome(
            Status.NOT_APPLICABLE,
            f"No session is scheduled in program weeks 1-{p.attendance_weeks}.",
            (),
            values,
            weighed,
        )
    open_ended = len(conflicted) + len(undocumented)
    need = p.min_attendance_share * (scheduled + len(undocumented))
    share_text = f"{len(attended)} of {scheduled} scheduled sessions"
    if unread:
        return Outcome(
            Status.INSUFFICIENT_EVIDENCE,
            f"The member attended {share_text} in program weeks 1-{p.attendance_weeks}, but "
            f"{doubt_names(unread, ctx)} could change the share.",
            evidence_of(*(s.evidence for s in window), *(d.evidence for d in unread)),
            values,
            weighed,
        )
    if len(attended) >= need:
        return Outcome(
            Status.MET,
            f"The member attended {share_text} in program weeks 1-{p.attendance_weeks}"
            + (
                f", at least half even if none of the {len(undocumented)} session(s) of "
                "undocumented attendance was attended."
                if undocumented
                else "."
            ),
            evidence_of(*(s.evidence for s in window)),
            values,
            weighed,
        )
    if len(attended) + open_ended >= p.min_attendance_share * (scheduled + len(undocumented)):
        return Outcome(
            Status.INSUFFICIENT_EVIDENCE,
            f"The member attended {share_text} in program weeks 1-{p.attendance_weeks}; "
            f"{open_ended} session(s) have contradictory records or undocumented attendance.",
            evidence_of(*(s.evidence for s in window)),
            values,
            weighed,
        )
    return _after_shortfall(
        ctx,
        min(s.date for s in missed),
        f"The member attended only {share_text} in program weeks 1-{p.attendance_weeks}",
        evidence_of(*(s.evidence for s in missed)),
        evidence_of(*(s.evidence for s in window)),
        values,
        weighed,
    )


def _after_shortfall(
    ctx: ChartContext,
    first_miss: dt.date,
    lead: str,
    missed: tuple[Evidence, ...],
    everything: tuple[Evidence, ...],
    values: dict[str, JsonValue],
    weighed: frozenset[DoubtKind] = frozenset(),
) -> Outcome:
    """Attendance below the share: met if a treatment plan re-assessment is dated after
    the first missed session; undecided while a plan document has no date (it may be that
    re-assessment); else not met. ``lead`` states the shortfall."""
    plans = [(pl, ctx.fact_date(pl, pl.date)) for pl in ctx.facts.treatment_plans]
    reassessed = [pl for pl, d in plans if d is not None and d > first_miss]
    values["reassessment"] = [iso(ctx.fact_date(pl, pl.date)) for pl in reassessed]
    if reassessed:
        return Outcome(
            Status.MET,
            f"{lead}, and a treatment plan re-assessment followed.",
            evidence_of(reassessed, missed),
            values,
            weighed,
        )
    undated = [pl for pl, d in plans if d is None]
    if undated:
        return Outcome(
            Status.INSUFFICIENT_EVIDENCE,
            f"{lead}; {len(undated)} treatment plan document(s) have no date, so whether a "
            "re-assessment followed the first missed session cannot be established.",
            evidence_of(undated, missed),
            values,
            weighed,
        )
    return Outcome(
        Status.NOT_MET,
        f"{lead}, and no treatment plan re-assessment followed.",
        everything,
        values,
        weighed,
    )


_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _weekday_words(weekdays: Sequence[int]) -> str:
    return join_words([_WEEKDAY_NAMES[d] for d in weekdays])


def _attendance_by_schedule(
    ctx: ChartContext, p: AttendanceParams, values: dict[str, JsonValue]
) -> Outcome:
    """Attendance against the documented program schedule (no absence is documented).

    Each weekday the schedule names is a scheduled day in program weeks
    1..``attendance_weeks`` up to the episode end, except days the program was closed
    (dates before the admission date are in no week). Without absences, sessions are
    counted per scheduled day: a schedule names the days the member is expected, not the
    sessions of each day, and with no absence recorded nothing says which sessions of a
    missed day were scheduled; so a scheduled day is one scheduled session, attended when a
    counted service was attended that day. Different schedules in the chart cannot be
    reconciled: ``insufficient_evidence``.
    """
    tl = ctx.timeline
    schedules = ctx.facts.schedules
    sets = sorted({s.weekdays for s in schedules})
    values["schedule"] = [[_WEEKDAY_NAMES[d] for d in days] for days in sets]
    if len(sets) > 1:
        return Outcome(
            Status.INSUFFICIENT_EVIDENCE,
            "The chart documents different program schedules ("
            + "; ".join(_weekday_words(days) for days in sets)
            + "), so the scheduled days are unknown.",
            evidence_of(schedules),
            values,
        )
    unavailable = weeks_unavailable(ctx, values)
    if unavailable is not None:
        return unavailable
    admitted, end = tl.admission.date, tl.episode_end.date
    assert admitted is not None and end is not None  # weeks_unavailable checked both
    last = min(admitted + dt.timedelta(days=7 * p.attendance_weeks - 1), end)
    closed = {s.date for s in tl.services if s.attendance is Attendance.PROGRAM_CLOSED}
    weekdays = set(sets[0])
    days = [
        d
        for d in (admitted + dt.timedelta(days=n) for n in range((last - admitted).days + 1))
        if d.weekday() in weekdays and d not in closed
    ]
    attended: list[dt.date] = []
    conflicted: list[dt.date] = []
    missed: list[dt.date] = []
    for d in days:
        on_day = [s for s in tl.services if s.date == d]
        if any(s.attended and s.kind in tl.counted_kinds for s in on_day):
            attended.append(d)
        elif any(s.conflict for s in on_day):
            conflicted.append(d)
        else:
            missed.append(d)
    scheduled = len(days)
    values.update(
        attended=len(attended),
        missed=len(missed),
        conflicted=len(conflicted),
        scheduled=scheduled,
        missed_days=[d.isoformat() for d in missed],
    )
    window = f"program weeks 1-{p.attendance_weeks}"
    if not scheduled:
        return Outcome(
            Status.NOT_APPLICABLE,
            f"No day of the program schedule ({_weekday_words(sets[0])}) falls in {window}.",
            evidence_of(schedules),
            values,
        )
    on_days = [s for s in tl.services if s.date in set(days)]
    evidence = evidence_of(schedules, *(s.evidence for s in on_days))
    need = p.min_attendance_share * scheduled
    share_text = (
        f"{len(attended)} of {scheduled} scheduled days "
        f"(program schedule: {_weekday_words(sets[0])})"
    )
    if len(attended) >= need:
        return Outcome(
            Status.MET, f"The member attended {share_text} in {window}.", evidence, values
        )
    if len(attended) + len(conflicted) >= need:
        return Outcome(
            Status.INSUFFICIENT_EVIDENCE,
            f"The member attended {share_text} in {window}; "
            f"{len(conflicted)} scheduled day(s) have contradictory records.",
            evidence,
            values,
        )
    return _after_shortfall(
        ctx,
        min(missed),
        f"The member attended only {share_text} in {window}",
        evidence_of(schedules),
        evidence,
        values,
    )


# --------------------------------------------------------------------------- authorization


@CHECK_SET.check("authorization_timing", AuthorizationParams)
def authorization_timing(ctx: ChartContext, p: AuthorizationParams) -> Outcome:
    """Each continuing-service request was submitted at least ``request_lead_days`` before
    the current authorization expired: the expiry the request states, else the end of the
    authorization period that covers the submission date."""
    requests = ctx.facts.continuing_service_requests
    lead = p.request_lead_days
    values: dict[str, JsonValue] = {"lead_days": lead}
    if not requests:
        return Outcome(
            Status.NOT_APPLICABLE, "No continuing-service request is documented.", (), values
        )
    late: list[str] = []
    unsure: list[str] = []
    rows: list[JsonValue] = []
    for r in requests:
        submitted = ctx.fact_date(r, r.submitted)
        expiry = r.current_authorization_end
        covering = []
        if expiry is None and submitted is not None:
            covering = [
                a
                for a in ctx.facts.authorizations
                if a.start is not None and a.end is not None and a.start <= submitted <= a.end
            ]
            ends = {a.end for a in covering if a.end is not None}
            expiry = next(iter(ends)) if len(ends) == 1 else None
        rows.append({"submitted": iso(submitted), "authorization_end": iso(expiry)})
        if submitted is None:
            unsure.append("a request has no submission date")
        elif expiry is None:
            unsure.append(
                f"the authorization current on {submitted.isoformat()} has no known end date"
            )
        elif interval_days(submitted, expiry) < lead:
            late.append(
                f"the request of {submitted.isoformat()} is {interval_days(submitted, expiry)} "
                f"days before the authorization expires on {expiry.isoformat()}"
            )
    values["requests"] = rows
    evidence = evidence_of(requests, ctx.facts.authorizations)
    if late:
        return Outcome(
            Status.NOT_MET,
            sentence(f"{join_words(late)}, fewer than {lead}"),
            evidence,
            values,
        )
    if unsure:
        return Outcome(
            Status.INSUFFICIENT_EVIDENCE,
            sentence(f"{join_words(sorted(set(unsure)))}, so the timing cannot be judged"),
            evidence,
            values,
        )
    return Outcome(
        Status.MET,
        f"Every continuing-service request was submitted at least {lead} days before the "
        "current authorization expired.",
        evidence,
        values,
    )


# --------------------------------------------------------------------------- duplicates


@CHECK_SET.check("no_duplicate_services", DuplicateParams)
def no_duplicate_services(ctx: ChartContext, p: DuplicateParams) -> Outcome:
    """No service of ``duplicate_service_kinds`` (CBRS, case management) is documented as
    delivered on an IOP service day (a date with a counted service)."""
    tl = ctx.timeline
    service_days = {s.date for s in counted_services(tl.services, tl.counted_kinds)}
    duplicates = [
        s
        for s in tl.services
        if s.kind in p.duplicate_service_kinds
        and s.attendance not in _SCHEDULED_MISSES
        and s.date in service_days
    ]
    values: dict[str, JsonValue] = {"duplicates": list([s.label for s in duplicates])}
    if duplicates:
        labels = join_words([f"{kind_label(s.kind)} on {s.date.isoformat()}" for s in duplicates])
        return Outcome(
            Status.NOT_MET,
            f"{labels[:1].upper()}{labels[1:]} is documented on an IOP service day.",
            evidence_of(*(s.evidence for s in duplicates)),
            values,
        )
    kinds = join_words(sorted(kind_label(k) for k in p.duplicate_service_kinds), "or")
    return Outcome(
        Status.MET,
        f"No {kinds} is documented on an IOP service day.",
        examined(r for s in tl.services for r in s.records),
        values,
    )


# --------------------------------------------------------------------------- plan


@CHECK_SET.check("family_involvement", NoParams)
def family_involvement(ctx: ChartContext, p: NoParams) -> Outcome:
    """A treatment plan addresses engaging the family / natural supports."""
    plans = ctx.facts.treatment_plans
    if not plans:
        docs = ctx.documents_of_kind(DocumentKind.TREATMENT_PLAN)
        if docs:
            return Outcome(
                Status.INSUFFICIENT_EVIDENCE,
                f"{join_words([d.filename for d in docs])} is filed as a treatment plan, but "
                "no plan could be read from it.",
            )
        return Outcome(Status.NOT_APPLICABLE, "No treatment plan is documented.")
    found = [e for pl in plans if (e := pl.element(PlanElement.FAMILY_INVOLVEMENT))]
    if found:
        return Outcome(
            Status.MET,
            "The treatment plan addresses engagement of family / natural supports.",
            evidence_of(found),
        )
    return Outcome(
        Status.NOT_MET,
        "No treatment plan addresses engagement of family or natural supports.",
        evidence_of(plans),
    )
