"""Judging documents against lists of needs, shared by the checks of several packs.

A :class:`Review` collects, for one document (a certification, a treatment plan), the
clauses it definitely fails and the ones that cannot be established; :func:`any_of` /
:func:`every_of` turn reviews into an outcome ("one plan must pass" vs "every
recertification must pass").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from pydantic import JsonValue

from core.data import DocumentKind, Evidence
from core.facts import Certification, CertificationElement, Fact, Person, TreatmentPlan
from core.findings import Status
from rules.checks.base import (
    Outcome,
    deciding_groups_first,
    evidence_of,
    fmt_number,
    iso,
    join_words,
    judge_signers,
    sentence,
)
from rules.context import ChartContext
from rules.timeline import ResolvedDate


@dataclass
class Review:
    """The judgement of one document (a certification, a plan) against a list of needs."""

    subject: str
    signer: str = ""
    failures: list[str] = field(default_factory=list)
    uncertain: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    values: dict[str, JsonValue] = field(default_factory=dict)
    # the words each need was judged on (the signature, the date, each statement), one
    # group per need: shown first, before the document's other evidence (its title)
    deciding: list[tuple[Evidence, ...]] = field(default_factory=list)

    def cite(self, evidence: Iterable[Evidence]) -> None:
        """Keep ``evidence`` as the words one need was judged on."""
        group = tuple(evidence)
        self.deciding.append(group)
        self.evidence.extend(group)

    def need(self, present: Fact | None, missing_clause: str) -> None:
        """Fail with ``missing_clause`` unless ``present``; cite its evidence if it is."""
        if present is None:
            self.failures.append(missing_clause)
        else:
            self.cite(present.evidence)

    @property
    def status(self) -> Status:
        if self.failures:
            return Status.NOT_MET
        return Status.INSUFFICIENT_EVIDENCE if self.uncertain else Status.MET

    @property
    def failure_text(self) -> str:
        return f"{self.subject} {join_words(self.failures)}"

    @property
    def uncertain_text(self) -> str:
        return f"{self.subject} {join_words(self.uncertain)}"

    def as_value(self) -> dict[str, JsonValue]:
        return {
            **self.values,
            "status": self.status.value,
            "failures": list(self.failures),
            "uncertain": list(self.uncertain),
        }


def absent_or_unread(ctx: ChartContext, kinds: Sequence[DocumentKind], what: str) -> Outcome:
    """No fact of ``what``: insufficient if a document of that kind is in the chart (it
    could not be read), else ``not_met``."""
    docs = ctx.documents_of_kind(*kinds)
    if docs:
        names = join_words([d.filename for d in docs])
        return Outcome(
            Status.INSUFFICIENT_EVIDENCE,
            f"{names} is filed as {kinds[0].value.replace('_', ' ')}, "
            f"but no {what} could be read from it.",
            values={"documents": [d.filename for d in docs]},
        )
    return Outcome(Status.NOT_MET, f"No {what} is documented.")


def hours_statement(cert: Certification, min_hours: float, review: Review) -> None:
    """The certification must state the need for at least ``min_hours`` per week."""
    element = cert.element(CertificationElement.MIN_HOURS)
    review.values["hours_per_week"] = cert.hours_per_week
    if cert.hours_per_week is not None and cert.hours_per_week < min_hours:
        review.failures.append(
            f"states {fmt_number(cert.hours_per_week)} hours of services per week, "
            f"fewer than the {fmt_number(min_hours)} required"
        )
    elif cert.hours_per_week is None and element is None:
        review.failures.append(
            f"does not state the need for at least {fmt_number(min_hours)} hours "
            "of services per week"
        )
    if element is not None:
        review.cite(element.evidence)


def review_signature(
    review: Review, document: Certification | TreatmentPlan, allowed: frozenset[str], role: str
) -> None:
    """Judge the document's signer against the ``allowed`` credentials (``role`` names
    them, e.g. "physician")."""
    signers: tuple[Person, ...] = document.signers or (
        (document.signed_by,) if document.signed_by is not None else ()
    )
    judged = judge_signers(signers, allowed, role)
    review.values.update(judged.value)
    review.cite(judged.evidence)
    review.signer = judged.signer
    if judged.failure:
        review.failures.append(judged.failure)
    if judged.uncertainty:
        review.uncertain.append(judged.uncertainty)


#: What a reason calls a field two readers read differently.
_FIELD_WORDS = {"date": "date", "hours_per_week": "weekly hours"}


def review_readings(review: Review, document: Certification | TreatmentPlan) -> None:
    """A field the offline reader and the model read differently (``hybrid``) is unknown:
    the requirement it bears on cannot be confirmed, and the reason names both readings."""
    for slot in document.uncertain:
        words = " and as ".join(f"\u201c{ev.quote}\u201d" for ev in slot.evidence)
        review.uncertain.append(
            f"has its {_FIELD_WORDS.get(slot.slot, slot.slot)} read two ways, as {words}"
        )
        review.cite(slot.evidence)


def by_date(items: Sequence[Certification | TreatmentPlan]) -> list[int]:
    """Indices of ``items`` ordered by date, undated last."""
    return sorted(range(len(items)), key=lambda i: (items[i].date is None, items[i].date))


def cited(reviews: Sequence[Review], values: dict[str, JsonValue]) -> tuple[Evidence, ...]:
    """The evidence of ``reviews``, led by the words their needs were judged on
    (:func:`~rules.checks.base.deciding_first`) when they cite any."""
    evidence = evidence_of(*(r.evidence for r in reviews))
    groups = [g for r in reviews for g in r.deciding if g]
    return deciding_groups_first(groups, evidence, values) if groups else evidence


def any_of(reviews: Sequence[Review], what: str, met_reason: Callable[[Review], str]) -> Outcome:
    """Met if one review passes; insufficient if one might; else not_met naming all."""
    values: dict[str, JsonValue] = {what: [r.as_value() for r in reviews]}
    passing = [r for r in reviews if r.status is Status.MET]
    if passing:
        return Outcome(Status.MET, met_reason(passing[0]), cited(passing[:1], values), values)
    possible = [r for r in reviews if r.status is Status.INSUFFICIENT_EVIDENCE]
    if possible:
        return Outcome(
            Status.INSUFFICIENT_EVIDENCE,
            sentence(f"{possible[0].uncertain_text}, so the requirement cannot be confirmed"),
            cited(possible[:1], values),
            values,
        )
    return Outcome(
        Status.NOT_MET,
        sentence("; ".join(r.failure_text for r in reviews)),
        cited(reviews, values),
        values,
    )


def every_of(reviews: Sequence[Review], what: str, met_reason: str) -> Outcome:
    """Met if every review passes; not_met naming each failing one; else insufficient."""
    values: dict[str, JsonValue] = {what: [r.as_value() for r in reviews]}
    failing = [r for r in reviews if r.status is Status.NOT_MET]
    if failing:
        return Outcome(
            Status.NOT_MET,
            sentence("; ".join(r.failure_text for r in failing)),
            cited(failing, values),
            values,
        )
    unsure = [r for r in reviews if r.status is Status.INSUFFICIENT_EVIDENCE]
    if unsure:
        return Outcome(
            Status.INSUFFICIENT_EVIDENCE,
            sentence(
                "; ".join(r.uncertain_text for r in unsure)
                + ", so the requirement cannot be confirmed"
            ),
            cited(unsure, values),
            values,
        )
    return Outcome(Status.MET, met_reason, cited(reviews, values), values)


def timeline_values(ctx: ChartContext) -> dict[str, JsonValue]:
    """The admission date and episode end a finding relied on, and how each was set."""
    tl = ctx.timeline
    return {
        "admission_date": iso(tl.admission.date),
        "admission_basis": tl.admission.basis,
        "episode_end": iso(tl.episode_end.date),
        "episode_end_basis": tl.episode_end.basis,
    }


def unknown_date(what: str, resolved: ResolvedDate) -> str:
    """Why the date ``what`` is unknown: the conflict, or that nothing established it."""
    return resolved.conflict or f"no {what} is established ({resolved.basis})"


def no_complete_week(ctx: ChartContext, values: dict[str, JsonValue]) -> Outcome:
    """No program week is complete: ``not_applicable`` when the chart states both the
    admission date and the discharge date; when one of them is only inferred (the first
    attended service, the latest document date), the stay may be longer than what was
    read, so ``insufficient_evidence``."""
    tl = ctx.timeline
    admitted, end = tl.admission.date, tl.episode_end.date
    assert admitted is not None and end is not None
    span = f"the episode runs from {admitted.isoformat()} to {end.isoformat()}"
    evidence = tl.admission.evidence + tl.episode_end.evidence
    inferred = [
        what
        for what, resolved, stated in (
            ("admission date", tl.admission, "stated admission date"),
            ("episode end", tl.episode_end, "discharge date"),
        )
        if resolved.basis != stated
    ]
    if inferred:
        return Outcome(
            Status.INSUFFICIENT_EVIDENCE,
            f"No program week is complete as read ({span}), but the chart states no "
            f"{join_words(inferred)}: the stay may be longer than the services read.",
            evidence,
            values,
        )
    return Outcome(Status.NOT_APPLICABLE, f"No program week is complete: {span}.", evidence, values)


def weeks_unavailable(ctx: ChartContext, values: dict[str, JsonValue]) -> Outcome | None:
    """Why program weeks cannot be set (no admission date or episode end, or an episode end
    before the admission date), as an ``insufficient_evidence`` outcome; ``None`` if they
    can."""
    tl = ctx.timeline
    admitted, end = tl.admission.date, tl.episode_end.date
    if admitted is None or end is None:
        what, resolved = (
            ("admission date", tl.admission)
            if admitted is None
            else ("episode end", tl.episode_end)
        )
        return Outcome(
            Status.INSUFFICIENT_EVIDENCE,
            f"Program weeks cannot be set: {unknown_date(what, resolved)}.",
            resolved.evidence,
            values,
        )
    if end < admitted:
        return Outcome(
            Status.INSUFFICIENT_EVIDENCE,
            f"The episode end ({end.isoformat()}) is before the admission date "
            f"({admitted.isoformat()}), so program weeks cannot be set.",
            tl.admission.evidence + tl.episode_end.evidence,
            values,
        )
    return None
