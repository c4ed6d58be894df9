"""Append reviewer actions to an audit record; load an exported record to continue it."""

from __future__ import annotations

import datetime as dt
import json
from typing import Literal

from pydantic import ValidationError

from audit.record import AuditRecord, ReviewerAction, utc_now, verify_data, with_reviewer_outcome
from core.findings import Status

ActionKind = Literal["accept", "override", "note", "decision"]
ACTIONS: tuple[ActionKind, ...] = ("accept", "override", "note", "decision")


class ActionError(ValueError):
    """A reviewer action that cannot be recorded, with a message for the reviewer."""


def append_action(
    record: AuditRecord,
    *,
    action: str,
    reviewer: str,
    reason: str = "",
    rule_id: str | None = None,
    new_status: str | None = None,
    at: dt.datetime | None = None,
) -> AuditRecord:
    """A new sealed version of ``record`` with one more reviewer action.

    Earlier actions are kept as they are; the new version's ``previous_record_sha256`` is
    ``record``'s ``record_sha256``. Raises :class:`ActionError` when the action is
    incomplete: every action needs the reviewer's name; accept and override need a finding
    of the record; override needs a new status and a reason; a note and a decision need
    text.
    """
    if action not in ACTIONS:
        raise ActionError(f"unknown action {action!r}: choose one of {', '.join(ACTIONS)}")
    reviewer = reviewer.strip()
    reason = reason.strip()
    if not reviewer:
        raise ActionError("enter the reviewer's name to record an action")
    rule_ids = [f.rule_id for f in record.findings]
    status: Status | None = None
    if action in ("accept", "override"):
        if rule_id not in rule_ids:
            raise ActionError(f"choose a finding of this record to {action}")
    elif rule_id is not None and rule_id not in rule_ids:
        raise ActionError(f"no finding {rule_id!r} in this record")
    if action == "override":
        if not new_status:
            raise ActionError("an override needs the new status")
        try:
            status = Status(new_status)
        except ValueError as e:
            choices = ", ".join(s.value for s in Status)
            raise ActionError(f"unknown status {new_status!r}: choose one of {choices}") from e
        current = next(f.status for f in record.findings if f.rule_id == rule_id)
        if status == current:
            raise ActionError(f"the finding is already {status.value}: choose another status")
        if not reason:
            raise ActionError("an override needs a reason")
    elif new_status:
        raise ActionError("only an override changes a status")
    if action in ("note", "decision") and not reason:
        raise ActionError(f"a {action} needs text")
    try:
        entry = ReviewerAction(
            at=at or utc_now(),
            reviewer=reviewer,
            action=action,
            rule_id=rule_id,
            new_status=status,
            reason=reason,
        )
    except ValidationError as e:
        raise ActionError(f"invalid action: {e.errors()[0]['msg']}") from e
    updated = record.model_copy(
        update={
            "reviewer_actions": [*record.reviewer_actions, entry],
            "previous_record_sha256": record.record_sha256,
        }
    )
    return with_reviewer_outcome(updated)


def parse_record(data: bytes) -> AuditRecord:
    """An exported record, verified: raises :class:`ActionError` for anything that is not
    an unedited audit record."""
    try:
        raw = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise ActionError(f"not a JSON audit record ({e.__class__.__name__})") from e
    if not isinstance(raw, dict):
        raise ActionError("not a JSON audit record (expected an object)")
    ok, message = verify_data(raw)
    if not ok:
        raise ActionError(f"the record does not verify: {message}; it was edited")
    try:
        return AuditRecord.model_validate(raw)
    except ValidationError as e:
        raise ActionError(f"not a valid audit record ({e.error_count()} problems)") from e
