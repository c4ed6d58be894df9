"""Evaluate a policy pack on a chart: one finding per rule, in pack order."""

from __future__ import annotations

from dataclasses import dataclass

from core.facts import ChartInput
from core.findings import Finding, Overall, WeekSummary, overall_status
from rules.context import ChartContext
from rules.pack import PolicyPack


@dataclass(frozen=True)
class Evaluation:
    """The result of one pack on one chart."""

    pack_id: str
    pack_version: str
    pack_sha256: str
    findings: tuple[Finding, ...]
    weekly_summary: tuple[WeekSummary, ...]
    overall: Overall


def evaluate(pack: PolicyPack, chart: ChartInput) -> Evaluation:
    """Run every rule of ``pack`` on ``chart``.

    The timeline (admission, episode end, program weeks, merged services) is computed
    once with the pack's counted service kinds and shared by all checks; each finding
    carries the rule's citations from the pack.
    """
    context = ChartContext.build(chart, pack.timeline)
    findings = []
    for rule in pack.rules:
        outcome = rule.check.run(context, rule.params)
        findings.append(
            Finding(
                rule_id=rule.id,
                status=outcome.status,
                reason=outcome.reason,
                evidence=tuple(dict.fromkeys(outcome.evidence)),
                citations=rule.citations,
                values=outcome.values,
            )
        )
    return Evaluation(
        pack_id=pack.id,
        pack_version=pack.version,
        pack_sha256=pack.sha256,
        findings=tuple(findings),
        weekly_summary=context.timeline.summary,
        overall=overall_status(findings),
    )
