"""A case's reviewer outcome as the worklist shows it, from what the store keeps: the
latest record as sealed and the reviewer actions made on it."""

from __future__ import annotations

import json
from collections.abc import Sequence

from audit.record import ReviewerAction, outcome_of
from core.findings import Status


def case_outcome(record_json: str, actions: Sequence[ReviewerAction]) -> str | None:
    """The reviewer's outcome of a case whose latest record is ``record_json``, from the
    ``actions`` made on that record: the latest decision's outcome where it states one;
    else, once a finding was accepted or overridden, the overall the effective statuses
    give (the record's own rule: :func:`audit.record.reviewer_outcome`); else None (no
    reviewer's view yet: the tool's overall stands)."""
    if not any(a.action in ("accept", "override", "decision") for a in actions):
        return None
    data = json.loads(record_json)
    tool = [(str(f["rule_id"]), Status(f["status"])) for f in data.get("findings", [])]
    result = outcome_of(tool, actions, unreadable_files=len(data.get("input_errors", [])))
    if result.decision is not None:
        return result.decision
    if any(f.set_by != "tool" for f in result.findings):
        return result.overall
    return None
