"""Cases keep the reviewer's outcome on their latest record (the worklist shows it beside
the tool's overall); existing cases get theirs from their actions.

Revision ID: 0002_reviewer_outcome
Revises: 0001_initial
Create Date: 2026-12-06
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from alembic import op

from audit.record import ReviewerAction
from casestore.outcome import case_outcome

revision: str = "0002_reviewer_outcome"
down_revision: str | None = "0001_initial"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.add_column("cases", sa.Column("reviewer_overall", sa.String(40), nullable=True))
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
        bind.execute(
            sa.text("UPDATE cases SET reviewer_overall = :outcome WHERE id = :id"),
            {"outcome": case_outcome(record_json, actions), "id": case_id},
        )


def _aware(value: object) -> dt.datetime:
    """A stored timestamp as an aware UTC datetime (SQLite returns text or naive values)."""
    when = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))
    return when if when.tzinfo else when.replace(tzinfo=dt.UTC)


def downgrade() -> None:
    # plain ALTER TABLE (SQLite >= 3.35 and PostgreSQL): a batch copy of ``cases`` would
    # break the foreign keys of the other tables
    op.execute("ALTER TABLE cases DROP COLUMN reviewer_overall")
