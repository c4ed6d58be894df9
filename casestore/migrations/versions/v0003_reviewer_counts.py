"""Cases keep the findings' effective counts on their latest record (the reviewer's status
where a finding was accepted or overridden, else the tool's): the worklist shows the counts
the case page shows. Existing cases get theirs from their actions.

Revision ID: 0003_reviewer_counts
Revises: 0002_reviewer_outcome
Create Date: 2026-12-07
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from alembic import op

from audit.record import ReviewerAction
from casestore.outcome import reviewed_case

revision: str = "0003_reviewer_counts"
down_revision: str | None = "0002_reviewer_outcome"
branch_labels: str | None = None
depends_on: str | None = None

COLUMNS = (
    "reviewer_met",
    "reviewer_not_met",
    "reviewer_insufficient_evidence",
    "reviewer_not_applicable",
)


def upgrade() -> None:
    for name in COLUMNS:
        op.add_column("cases", sa.Column(name, sa.Integer(), nullable=True))
    bind = op.get_bind()
    cases = bind.execute(
        sa.text("SELECT id, latest_record_id FROM cases WHERE action_count > 0")
    ).all()
    for case_id, record_id in cases:
        record_json = bind.execute(
            sa.text("SELECT record_json FROM record_versions WHERE id = :id"), {"id": record_id}
        ).scalar_one_or_none()
        if record_json is None:
            continue
        rows = bind.execute(
            sa.text(
                "SELECT at, reviewer, action, rule_id, new_status, reason FROM reviewer_actions "
                "WHERE case_id = :case AND record_id = :record ORDER BY seq"
            ),
            {"case": case_id, "record": record_id},
        ).all()
        actions = [
            ReviewerAction(
                at=_aware(r.at),
                reviewer=r.reviewer,
                action=r.action,
                rule_id=r.rule_id,
                new_status=r.new_status,
                reason=r.reason,
            )
            for r in rows
        ]
        counts = reviewed_case(record_json, actions).counts
        if counts is None:
            continue
        bind.execute(
            sa.text(
                "UPDATE cases SET reviewer_met = :met, reviewer_not_met = :not_met, "
                "reviewer_insufficient_evidence = :insufficient_evidence, "
                "reviewer_not_applicable = :not_applicable WHERE id = :id"
            ),
            {**vars(counts), "id": case_id},
        )


def _aware(value: object) -> dt.datetime:
    """A stored timestamp as an aware UTC datetime (SQLite returns text or naive values)."""
    when = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))
    return when if when.tzinfo else when.replace(tzinfo=dt.UTC)


def downgrade() -> None:
    # plain ALTER TABLE (SQLite >= 3.35 and PostgreSQL): a batch copy of ``cases`` would
    # break the foreign keys of the other tables
    for name in reversed(COLUMNS):
        op.execute(f"ALTER TABLE cases DROP COLUMN {name}")
