"""Evaluate a policy pack on a chart: one finding per rule, in pack order."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pydantic import JsonValue

from core.facts import ChartInput, DocumentRef
from core.findings import Finding, Overall, Status, WeekSummary, overall_status
from rules.checks.base import Outcome, join_words
from rules.context import ChartContext, doubt_names, doubt_values
from rules.pack import NarrativeUnread, PackRule, PolicyPack
from rules.readings import ReadTwice, readings_of
from rules.timeline import Doubt


@dataclass(frozen=True)
class Evaluation:
    """The result of one pack on one chart."""

    pack_id: str
    pack_version: str
    pack_sha256: str
    findings: tuple[Finding, ...]
    weekly_summary: tuple[WeekSummary, ...]
    overall: Overall


def _with_unread_narrative(
    finding: Finding, policy: NarrativeUnread, unread: dict[str, str]
) -> Finding:
    """Apply the rule's ``if_narrative_unread`` policy when documents went unread
    (``unread``: document id -> the clause that says what of it and why).

    - ``met_is_final``: something was found, so ``met`` stands; ``not_met`` ("nothing
      found") cannot, as the unread text may hold it.
    - ``read_not_met_is_final``: a failure shown by a document that was read stands;
      ``met`` ("nothing wrong found") and failures only in unread documents do not.
    - ``undecidable``: an unread statement could contradict either verdict.

    A ``not_applicable`` ("the chart has no progress notes") may be so only because the
    text that holds them was not read: it is undecided under every policy but
    ``no_effect``.
    """
    if not unread or policy == "no_effect":
        return finding
    status = finding.status
    if status not in (Status.MET, Status.NOT_MET, Status.NOT_APPLICABLE):
        return finding
    if policy == "met_is_final" and status is Status.MET:
        return finding
    if (
        policy == "read_not_met_is_final"
        and status is Status.NOT_MET
        and any(ev.document_id not in unread for ev in finding.evidence)
    ):
        return finding
    names = join_words(sorted(unread.values()))
    return finding.model_copy(
        update={
            "status": Status.INSUFFICIENT_EVIDENCE,
            "reason": f"{finding.reason.rstrip('.')}; but {names}, so this cannot be decided.",
            "values": {
                **finding.values,
                "status_before_unread_narrative": status.value,
                "narrative_unread": sorted(unread.values()),
            },
        }
    )


def _unread_text(documents: Sequence[DocumentRef]) -> dict[str, str]:
    """Each document some of whose text was not read, and why, as a clause: its narrative
    (the LLM failed on it), or pages it refers to that the chart does not hold."""
    out: dict[str, str] = {}
    for d in documents:
        parts = []
        if d.narrative_unread:
            parts.append(f"the narrative of {d.filename} could not be read (LLM extraction failed)")
        if d.missing_pages:
            pages = join_words([str(n) for n in d.missing_pages])
            if len(d.missing_pages) == 1:
                parts.append(f"page {pages} of {d.filename} is not in the chart")
            else:
                parts.append(f"pages {pages} of {d.filename} are not in the chart")
        if parts:
            out[d.document_id] = join_words(parts)
    return out


def _with_doubts(
    finding: Finding, policy: NarrativeUnread, doubts: list[Doubt], ctx: ChartContext
) -> Finding:
    """Apply the rule's ``if_records_unread`` policy when some service records could not
    be read or are of unknown kind (RULES.md "Unknown kind, unread records"): a verdict
    that could change because of them is ``insufficient_evidence`` and names them.

    - ``met_is_final``: an unread record can only add a service, which cannot undo ``met``;
      ``not_met`` ("too few") may be only because of it.
    - ``read_not_met_is_final``: a failure shown by what was read stands; ``met`` ("nothing
      wrong found", a ``met`` resting on an absence) may be only because of it.
    - ``undecidable``: it could change either verdict (a share of hours, a count).

    A ``not_applicable`` on a chart from which no service at all was read (every record
    unread: "the chart documents no attended services") may be so only because of them:
    undecided under every policy but ``no_effect``.
    """
    if not doubts or policy == "no_effect":
        return finding
    status = finding.status
    nothing_read = status is Status.NOT_APPLICABLE and not ctx.facts.sessions
    if status not in (Status.MET, Status.NOT_MET) and not nothing_read:
        return finding
    if policy == "met_is_final" and status is Status.MET:
        return finding
    if policy == "read_not_met_is_final" and status is Status.NOT_MET:
        return finding
    names = doubt_names(doubts, ctx)
    return finding.model_copy(
        update={
            "status": Status.INSUFFICIENT_EVIDENCE,
            "reason": f"{finding.reason.rstrip('.')}; but {names} could change this, so it "
            "cannot be decided.",
            "evidence": tuple(
                dict.fromkeys([*finding.evidence, *(ev for d in doubts for ev in d.evidence)])
            ),
            "values": {
                **finding.values,
                "status_before_unread_records": status.value,
                "unread_records": doubt_values(doubts, ctx),
            },
        }
    )


_STATUS_WORDS = {
    Status.MET: "met",
    Status.NOT_MET: "not met",
    Status.INSUFFICIENT_EVIDENCE: "undecided",
    Status.NOT_APPLICABLE: "not applicable",
}

Variants = Sequence[tuple[ReadTwice, Sequence[tuple[str, ChartContext]]]]


def _weigh_readings(
    outcome: Outcome, rule: PackRule, variants: Variants, ctx: ChartContext
) -> Outcome:
    """The rule's outcome once each field read two ways (:mod:`rules.readings`) has been
    tried at each reading: a verdict that depends on the reading is
    ``insufficient_evidence`` naming both readings' words; a verdict every reading gives
    stands, saying so."""
    agreed: list[tuple[ReadTwice, Outcome]] = []
    for twice, contexts in variants:
        outcomes = [rule.check.run(c, rule.params) for _, c in contexts]
        statuses = {o.status for o in outcomes}
        if statuses == {outcome.status}:
            continue  # the field does not bear on this rule
        said = twice.describe(ctx.filename(twice.fact.document_id))
        said = said[0].upper() + said[1:]
        if len(statuses) > 1:
            by: dict[str, JsonValue] = {
                value: o.status.value for (value, _), o in zip(contexts, outcomes, strict=True)
            }
            gives = join_words(
                [f"{_STATUS_WORDS[o.status]} with one reading" for o in outcomes[:1]]
                + [f"{_STATUS_WORDS[o.status]} with the other" for o in outcomes[1:2]]
            )
            return Outcome(
                Status.INSUFFICIENT_EVIDENCE,
                f"{said}; the verdict depends on which is right ({gives}), so it cannot be "
                "decided.",
                tuple(dict.fromkeys((*twice.slot.evidence, *outcome.evidence))),
                {**outcome.values, "read_two_ways": twice.slot.slot, "status_by_reading": by},
                outcome.weighed,
            )
        agreed.append((twice, outcomes[0]))
    if not agreed:
        return outcome
    first = agreed[0][1]
    said = join_words([t.describe(ctx.filename(t.fact.document_id)) for t, _ in agreed])
    return Outcome(
        first.status,
        f"{first.reason.rstrip('.')}; {said}, and either reading gives this result.",
        tuple(dict.fromkeys((*first.evidence, *(ev for t, _ in agreed for ev in t.slot.evidence)))),
        {**first.values, "read_two_ways": [t.slot.slot for t, _ in agreed]},
        first.weighed,
    )


def evaluate(pack: PolicyPack, chart: ChartInput) -> Evaluation:
    """Run every rule of ``pack`` on ``chart``.

    The timeline (admission, episode end, program weeks, merged services) is computed
    once with the pack's counted service kinds and shared by all checks; each finding
    carries the rule's citations from the pack.
    """
    context = ChartContext.build(chart, pack.timeline)
    unread = _unread_text(chart.documents)
    doubts = context.timeline.doubts()
    variants = [
        (t, [(r.value, ChartContext.build(r.chart, pack.timeline)) for r in t.readings])
        for t in readings_of(chart)
    ]
    findings = []
    for rule in pack.rules:
        outcome = rule.check.run(context, rule.params)
        if variants:
            outcome = _weigh_readings(outcome, rule, variants, context)
        finding = Finding(
            rule_id=rule.id,
            status=outcome.status,
            reason=outcome.reason,
            evidence=tuple(dict.fromkeys(outcome.evidence)),
            citations=rule.citations,
            values=outcome.values,
        )
        open_doubts = [d for d in doubts if d.why not in outcome.weighed]
        finding = _with_doubts(finding, rule.if_records_unread, open_doubts, context)
        findings.append(_with_unread_narrative(finding, rule.if_narrative_unread, unread))
    return Evaluation(
        pack_id=pack.id,
        pack_version=pack.version,
        pack_sha256=pack.sha256,
        findings=tuple(findings),
        weekly_summary=context.timeline.summary,
        overall=overall_status(findings),
    )
