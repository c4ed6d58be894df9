"""Checks of pack ``medicare-otp-iop`` (RULES.md; MBPM ch.17 §20, HCPCS G0137): OTP
intensive outpatient services. One function per rule, the same pattern as
:mod:`rules.checks.medicare_iop`: collect what definitely fails (-> ``not_met``), what
cannot be established (-> ``insufficient_evidence``), else ``met``; ``not_applicable``
where RULES.md says the rule's condition does not arise. Thresholds, credential lists,
diagnosis codes and service kinds come from the parameters, never from literals here.

The counted service kinds are the pack's ``counted_service_kinds`` (timeline): for OTP
they leave out OUD medication dosing and toxicology testing.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, JsonValue, field_validator

from core.data import DocumentKind, Evidence
from core.facts import CertificationElement, Diagnosis, Modality, ServiceKind, Session
from core.findings import Status, WeekSummary
from rules.checks.base import (
    CheckSet,
    Outcome,
    Params,
    date_words,
    dated,
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
    session_label,
    week_evidence,
)
from rules.checks.review import (
    Review,
    absent_or_unread,
    any_of,
    by_date,
    hours_statement,
    no_complete_week,
    review_readings,
    review_signature,
    timeline_values,
    weeks_unavailable,
)
from rules.context import ChartContext, doubt_names
from rules.timeline import DoubtKind, ProgramWeek, Service, is_counted, stated

CHECK_SET = CheckSet("medicare_otp_iop")

PRACTITIONER = "physician or non-physician practitioner"


# --------------------------------------------------------------------------- parameters


class CertificationParams(Params):
    """Who may certify (physicians and non-physician practitioners, normalized: upper
    case, no dots) and the weekly hours the certification must state."""

    physician_credentials: Annotated[frozenset[str], Field(min_length=1)]
    npp_credentials: Annotated[frozenset[str], Field(min_length=1)]
    min_weekly_hours: Annotated[float, Field(gt=0)]

    _normalize = field_validator("physician_credentials", "npp_credentials")(normalize_credentials)


_ICD_RANGE = r"^[A-Z]\d{2}-[A-Z]\d{2}$"


class OudDiagnosisParams(Params):
    """ICD-10-CM category ranges of opioid use disorder ("F11-F11") and phrases that
    recognise it stated by name without a code."""

    oud_icd10_ranges: Annotated[
        tuple[Annotated[str, Field(pattern=_ICD_RANGE)], ...], Field(min_length=1)
    ]
    oud_name_terms: Annotated[tuple[Annotated[str, Field(min_length=3)], ...], Field(min_length=1)]


class WeeklyServicesParams(Params):
    """Counted services (sessions, not hours) every complete program week needs."""

    min_weekly_services: Annotated[int, Field(gt=0)]


class TelehealthParams(Params):
    """Modalities under which OTP intensive outpatient services are not payable."""

    telehealth_modalities: Annotated[frozenset[Modality], Field(min_length=1)]


class ExcludedItemsParams(Params):
    """Service kinds that are not OTP intensive outpatient services, and the document
    kinds whose sessions are IOP services (IOP session notes, IOP service logs); the same
    kinds documented elsewhere (a dosing record, a lab report) are separate OTP services."""

    excluded_service_kinds: Annotated[frozenset[ServiceKind], Field(min_length=1)]
    iop_document_kinds: Annotated[frozenset[DocumentKind], Field(min_length=1)]


# --------------------------------------------------------------------------- certification


@CHECK_SET.check("certification", CertificationParams)
def certification(ctx: ChartContext, p: CertificationParams) -> Outcome:
    """A certification by a physician or NPP of the need for at least ``min_weekly_hours``
    hours of services per week and for a higher intensity than non-intensive OTP care,
    with a plan of care (referred to in the certification, or a treatment plan in the
    chart)."""
    certs = list(ctx.facts.certifications)
    if not certs:
        return absent_or_unread(
            ctx, [DocumentKind.CERTIFICATION, DocumentKind.RECERTIFICATION], "certification"
        )
    allowed = p.physician_credentials | p.npp_credentials
    plans = ctx.facts.treatment_plans
    reviews = []
    for index in by_date(certs):
        cert = certs[index]
        day = ctx.fact_date(cert, cert.date)
        review = Review(dated("certification", day), evidence=list(cert.evidence))
        review.values["date"] = iso(day)
        if day is not None:
            review.cite(date_words(ctx, cert, day))
        review_signature(review, cert, allowed, PRACTITIONER)
        review_readings(review, cert)
        hours_statement(cert, p.min_weekly_hours, review)
        review.need(
            cert.element(CertificationElement.HIGHER_INTENSITY),
            "does not state the need for a higher intensity of care than non-intensive "
            "outpatient OTP services",
        )
        plan_of_care = cert.element(CertificationElement.PLAN_OF_CARE)
        if plan_of_care is not None:
            review.cite(plan_of_care.evidence)
            review.values["plan_of_care"] = "stated in the certification"
        elif plans:
            review.cite(evidence_of(plans[:1]))
            review.values["plan_of_care"] = "treatment plan in the chart"
        else:
            review.failures.append("has no plan of care (none is stated or in the chart)")
        reviews.append(review)
    return any_of(
        reviews,
        "certifications",
        lambda r: sentence(
            f"{r.subject} is signed by {r.signer}, certifies the need for at least "
            f"{fmt_number(p.min_weekly_hours)} hours of services per week and for a higher "
            "intensity than non-intensive OTP care, with a plan of care"
        ),
    )


# --------------------------------------------------------------------------- diagnosis


def _diagnosis_label(d: Diagnosis) -> str:
    parts = [x for x in (d.code, d.name) if x]
    return f"{parts[0]} ({parts[1]})" if len(parts) == 2 else (parts or ["a diagnosis"])[0]


@CHECK_SET.check("oud_diagnosis", OudDiagnosisParams)
def oud_diagnosis(ctx: ChartContext, p: OudDiagnosisParams) -> Outcome:
    """An opioid use disorder: a code in ``oud_icd10_ranges``, or stated by name."""
    terms = [t.lower() for t in p.oud_name_terms]
    oud: list[Diagnosis] = []
    other: list[Diagnosis] = []
    for d in ctx.facts.diagnoses:
        category = icd_category(d.code) if d.code else None
        if category is not None:
            matched = in_icd_ranges(category, p.oud_icd10_ranges)
        else:
            matched = bool(d.name) and any(t in (d.name or "").lower() for t in terms)
        (oud if matched else other).append(d)
    values: dict[str, JsonValue] = {
        "oud": [_diagnosis_label(d) for d in oud],
        "other": [_diagnosis_label(d) for d in other],
        "oud_ranges": list(p.oud_icd10_ranges),
    }
    if oud:
        return Outcome(
            Status.MET,
            f"An opioid use disorder diagnosis is documented: "
            f"{join_words(list(dict.fromkeys(_diagnosis_label(d) for d in oud)))}.",
            evidence_of(oud),
            values,
        )
    if not other:
        return Outcome(Status.INSUFFICIENT_EVIDENCE, "No diagnosis is documented.", (), values)
    return Outcome(
        Status.NOT_MET,
        f"No opioid use disorder diagnosis is documented; only "
        f"{join_words(list(dict.fromkeys(_diagnosis_label(d) for d in other)))}.",
        evidence_of(other),
        values,
    )


# --------------------------------------------------------------------------- services


@CHECK_SET.check("weekly_services", WeeklyServicesParams)
def weekly_services(ctx: ChartContext, p: WeeklyServicesParams) -> Outcome:
    """Every complete program week has at least ``min_weekly_services`` counted services.

    A short week is ``insufficient_evidence`` rather than ``not_met`` when services whose
    records contradict each other (not counted) could bring it to the minimum."""
    tl = ctx.timeline
    values: dict[str, JsonValue] = {
        **timeline_values(ctx),
        "min_weekly_services": p.min_weekly_services,
    }
    unavailable = weeks_unavailable(ctx, values)
    if unavailable is not None:
        return unavailable
    values["weeks"] = [s.model_dump(mode="json") for s in tl.summary]
    complete = [(w, s) for w, s in zip(tl.weeks, tl.summary, strict=True) if w.complete]
    partial = [w for w in tl.weeks if not w.complete]
    if not complete:
        return no_complete_week(ctx, values)
    required = p.min_weekly_services

    def evidence(
        weeks: list[tuple[ProgramWeek, WeekSummary]],
        deciding: list[tuple[ProgramWeek, WeekSummary]] | None = None,
    ) -> tuple[Evidence, ...]:
        return week_evidence(
            ctx,
            [w for w, _ in weeks],
            values,
            None if deciding is None else [w for w, _ in deciding],
        )

    def label(week: ProgramWeek) -> str:
        return week.label[0].lower() + week.label[1:]

    def conflicts(week: ProgramWeek) -> int:
        return sum(1 for svc in tl.services_in(week) if svc.conflict)

    def unknown(week: ProgramWeek) -> int:
        """Unread records (each may hold several services: counted as the shortfall) and
        services of unknown kind."""
        doubts = tl.doubts(week.start, week.end)
        if any(d.unread is not None for d in doubts):
            return required
        return len(doubts)

    def possible(week: ProgramWeek, summary: WeekSummary) -> int:
        return summary.counted_services + conflicts(week) + unknown(week)

    below = [(w, s) for w, s in complete if s.counted_services < required]
    short = [(w, s) for w, s in below if possible(w, s) < required]
    doubtful = [(w, s) for w, s in below if possible(w, s) >= required]
    if short:
        parts = [f"{label(w)} has {s.counted_services} counted services" for w, s in short]
        return Outcome(
            Status.NOT_MET,
            sentence(f"{join_words(parts)}, fewer than the {required} required"),
            evidence(short),
            values,
        )
    if doubtful:
        parts = [
            f"{label(w)} has {s.counted_services} counted services and "
            + join_words(
                [
                    *(
                        [f"{conflicts(w)} service(s) whose records contradict each other"]
                        if conflicts(w)
                        else []
                    ),
                    *(
                        [doubt_names(tl.doubts(w.start, w.end), ctx)]
                        if tl.doubts(w.start, w.end)
                        else []
                    ),
                ]
            )
            for w, s in doubtful
        ]
        return Outcome(
            Status.INSUFFICIENT_EVIDENCE,
            sentence(
                f"{'; '.join(parts)}, so whether each reaches the {required} required cannot "
                "be established"
            ),
            evidence(doubtful),
            values,
        )
    lowest_week, lowest = min(complete, key=lambda ws: ws[1].counted_services)
    partial_note = f"; week {partial[0].number} is partial and not judged" if partial else ""
    return Outcome(
        Status.MET,
        f"All {len(complete)} complete program weeks have at least {required} counted "
        f"services (lowest: week {lowest_week.number}, {lowest.counted_services} "
        f"services){partial_note}.",
        evidence(complete, [(lowest_week, lowest)]),
        values,
    )


def _modalities(service: Service) -> set[Modality]:
    return {Modality(m) for m in stated(service.records, "modality", "modality")}


@CHECK_SET.check("no_telehealth", TelehealthParams)
def no_telehealth(ctx: ChartContext, p: TelehealthParams) -> Outcome:
    """No counted service was furnished by audio-video or audio-only communication.

    Decided on what the chart states: a counted service whose modality is not written down
    is taken as furnished in person; one whose records state both in person and a
    telehealth modality is ``insufficient_evidence``."""
    tl = ctx.timeline
    counted = [s for s in tl.services if is_counted(s, tl.counted_kinds)]
    remote = [s for s in counted if _modalities(s) & p.telehealth_modalities]
    contradicted = [s for s in remote if Modality.IN_PERSON in _modalities(s)]
    telehealth = [s for s in remote if s not in contradicted]

    def labelled(services: list[Service]) -> list[str]:
        return [
            f"{s.label} ({join_words(sorted(m.value.replace('_', ' ') for m in _modalities(s)))})"
            for s in services
        ]

    values: dict[str, JsonValue] = {
        "counted_services": len(counted),
        "in_person_stated": sum(1 for s in counted if _modalities(s) == {Modality.IN_PERSON}),
        "modality_not_stated": sum(1 for s in counted if not _modalities(s)),
        "telehealth": [*labelled(telehealth)],
        "contradicted": [*labelled(contradicted)],
    }
    if not counted:
        return Outcome(
            Status.NOT_APPLICABLE, "The chart documents no counted services.", (), values
        )
    if telehealth:
        return Outcome(
            Status.NOT_MET,
            f"Counted services were furnished by audio-video or audio-only communication, "
            f"which is not payable for OTP intensive outpatient services: "
            f"{join_words(labelled(telehealth))}.",
            evidence_of(*(s.evidence for s in telehealth)),
            values,
        )
    if contradicted:
        return Outcome(
            Status.INSUFFICIENT_EVIDENCE,
            f"The records of {join_words(labelled(contradicted))} state both in person and "
            "telehealth, so how the service was furnished cannot be established.",
            evidence_of(*(s.evidence for s in contradicted)),
            values,
        )
    # a service whose attendance alone is undocumented changes this only if it was remote
    maybe_remote = [s for s in tl.unknown_attendance if _modalities(s) & p.telehealth_modalities]
    weighed: frozenset[DoubtKind] = frozenset({"unknown_attendance"})
    if maybe_remote:
        return Outcome(
            Status.INSUFFICIENT_EVIDENCE,
            f"No counted service documented as attended was remote, but "
            f"{join_words(labelled(maybe_remote))}, whose attendance is not documented, was.",
            evidence_of(*(s.evidence for s in maybe_remote)),
            values,
            weighed,
        )
    stated = values["in_person_stated"]
    return Outcome(
        Status.MET,
        f"None of the {len(counted)} counted services is documented as audio-video or "
        f"audio-only ({stated} stated in person).",
        examined(r for s in counted for r in s.records),
        values,
        weighed,
    )


@CHECK_SET.check("excluded_items", ExcludedItemsParams)
def excluded_items(ctx: ChartContext, p: ExcludedItemsParams) -> Outcome:
    """No OUD medication dosing or toxicology test appears as an IOP service: a session
    of an excluded kind in a document of ``iop_document_kinds`` (an IOP session note, an
    IOP service log). Documented in other documents, they are separate OTP services."""
    excluded = [s for s in ctx.facts.sessions if s.service_kind in p.excluded_service_kinds]

    def in_iop_document(s: Session) -> bool:
        ref = ctx.document(s.document_id)
        return ref is not None and ref.kind in p.iop_document_kinds

    # a document of no known kind that records nothing but dosing and tests is a dosing
    # or lab record; one that also records counseling or groups may be an IOP log
    mixed = {
        s.document_id for s in ctx.facts.sessions if s.service_kind not in p.excluded_service_kinds
    }

    def of_unknown_document(s: Session) -> bool:
        ref = ctx.document(s.document_id)
        return (ref is None or ref.kind is DocumentKind.OTHER) and s.document_id in mixed

    as_iop = [s for s in excluded if in_iop_document(s)]
    # in a document of no known kind: an IOP log or a dosing record, no one can tell
    undecided = [s for s in excluded if not in_iop_document(s) and of_unknown_document(s)]
    separate = [s for s in excluded if not in_iop_document(s) and not of_unknown_document(s)]
    kinds = join_words(sorted(kind_label(k) for k in p.excluded_service_kinds), "or")
    listed = [f"{session_label(s)} ({ctx.filename(s.document_id)})" for s in as_iop]
    values: dict[str, JsonValue] = {
        "excluded_kinds": [k.value for k in sorted(p.excluded_service_kinds)],
        "as_iop_services": list(listed),
        "separate_otp_services": len(separate),
    }
    if as_iop:
        return Outcome(
            Status.NOT_MET,
            f"Items that are not OTP intensive outpatient services appear as IOP services: "
            f"{join_words(listed)}.",
            evidence_of(as_iop),
            values,
        )
    if undecided:
        where = [f"{session_label(s)} ({ctx.filename(s.document_id)})" for s in undecided]
        return Outcome(
            Status.INSUFFICIENT_EVIDENCE,
            f"No {kinds} appears in an IOP session note or service log; but "
            f"{join_words(where)} is in a document of no known kind that also records other "
            "services, so whether it was an IOP service cannot be established.",
            evidence_of(undecided),
            {**values, "undecided": list(where)},
        )
    note = (
        f"; {len(separate)} documented as separate OTP services outside the IOP notes and logs"
        if separate
        else ""
    )
    return Outcome(
        Status.MET,
        f"No {kinds} appears as an IOP service{note}.",
        examined(ctx.facts.sessions),
        values,
        # a session whose attendance alone is undocumented has a known kind: it is examined
        frozenset({"unknown_attendance"}),
    )
