"""A case's reviewer outcome as the worklist shows it, from what the store keeps: the
latest record as sealed and the reviewer actions made on it."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from audit.record import ReviewerAction, ReviewerOutcome, outcome_of
from core.data import unread_files
from core.findings import Status


@dataclass(frozen=True)
class ReviewedCounts:
    """How many findings have each effective status (the reviewer's where a finding was
    accepted or overridden, else the tool's): what the case page counts."""

    met: int
    not_met: int
    insufficient_evidence: int
    not_applicable: int


@dataclass(frozen=True)
class CaseOutcome:
    """The reviewer's outcome (:func:`case_outcome`) and the effective counts (None while
    no finding was accepted or overridden: the tool's counts stand)."""

    overall: str | None
    counts: ReviewedCounts | None


def _outcome(record_json: str, actions: Sequence[ReviewerAction]) -> ReviewerOutcome:
    data = json.loads(record_json)
    tool = [(str(f["rule_id"]), Status(f["status"])) for f in data.get("findings", [])]
    return outcome_of(tool, actions, unreadable_files=unread_files(data.get("input_errors", [])))


def case_outcome(record_json: str, actions: Sequence[ReviewerAction]) -> str | None:
    """The reviewer's outcome of a case whose latest record is ``record_json``, from the
    ``actions`` made on that record: the latest decision's outcome where it states one;
    else, once a finding was accepted or overridden, the overall the effective statuses
    give (the record's own rule: :func:`audit.record.reviewer_outcome`); else None (no
    reviewer's view yet: the tool's overall stands)."""
    return reviewed_case(record_json, actions).overall


def reviewed_case(record_json: str, actions: Sequence[ReviewerAction]) -> CaseOutcome:
    """:func:`case_outcome` and the effective counts of the findings, from one reading of
    the record."""
    if not any(a.action in ("accept", "override", "decision") for a in actions):
        return CaseOutcome(None, None)
    result = _outcome(record_json, actions)
    reviewed = any(f.set_by != "tool" for f in result.findings)
    counts: ReviewedCounts | None = None
    if reviewed:
        c = Counter(f.status for f in result.findings)
        counts = ReviewedCounts(
            met=c[Status.MET],
            not_met=c[Status.NOT_MET],
            insufficient_evidence=c[Status.INSUFFICIENT_EVIDENCE],
            not_applicable=c[Status.NOT_APPLICABLE],
        )
    if result.decision is not None:
        return CaseOutcome(result.decision, counts)
    return CaseOutcome(result.overall if reviewed else None, counts)
