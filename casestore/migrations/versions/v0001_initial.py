"""The case store's first schema: cases, their documents, record versions and the
append-only reviewer actions.

Revision ID: 0001_initial
Revises:
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from casestore.models import UTCDateTime

revision: str = "0001_initial"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None

APPEND_ONLY = "reviewer actions are append-only: record a new action instead"


def upgrade() -> None:
    op.create_table(
        "cases",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("chart_name", sa.Text(), nullable=False),
        sa.Column("member_dob", sa.Date(), nullable=True),
        sa.Column("pack_id", sa.String(200), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("latest_record_id", sa.Integer(), nullable=True),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("action_count", sa.Integer(), nullable=False),
        sa.Column("last_reviewer", sa.Text(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
    )
    op.create_index("ix_cases_pack_id", "cases", ["pack_id"])
    op.create_index("ix_cases_status", "cases", ["status"])
    op.create_index("ix_cases_updated_at", "cases", ["updated_at"])

    op.create_table(
        "case_documents",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("case_id", sa.String(36), sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("filename", sa.Text(), nullable=False),
        sa.Column("media_type", sa.String(200), nullable=False),
        sa.Column("size", sa.Integer(), nullable=True),
        sa.Column("stored", sa.Boolean(), nullable=False),
        sa.Column("added_at", UTCDateTime(), nullable=False),
        sa.UniqueConstraint("case_id", "sha256", name="uq_case_documents_sha256"),
    )
    op.create_index("ix_case_documents_case_id", "case_documents", ["case_id"])
    op.create_index("ix_case_documents_sha256", "case_documents", ["sha256"])

    op.create_table(
        "record_versions",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("case_id", sa.String(36), sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("record_sha256", sa.String(64), nullable=False, unique=True),
        sa.Column("previous_record_sha256", sa.String(64), nullable=True),
        sa.Column("review_id", sa.String(200), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("added_at", UTCDateTime(), nullable=False),
        sa.Column("pack_id", sa.String(200), nullable=False),
        sa.Column("pack_version", sa.String(200), nullable=False),
        sa.Column("overall", sa.String(40), nullable=False),
        sa.Column("met", sa.Integer(), nullable=False),
        sa.Column("not_met", sa.Integer(), nullable=False),
        sa.Column("insufficient_evidence", sa.Integer(), nullable=False),
        sa.Column("not_applicable", sa.Integer(), nullable=False),
        sa.Column("rule_ids", sa.Text(), nullable=False),
        sa.Column("record_json", sa.Text(), nullable=False),
        sa.UniqueConstraint("case_id", "version", name="uq_record_versions_version"),
    )
    op.create_index("ix_record_versions_case_id", "record_versions", ["case_id"])

    op.create_table(
        "reviewer_actions",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("case_id", sa.String(36), sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("record_id", sa.Integer(), sa.ForeignKey("record_versions.id"), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.Column("reviewer", sa.Text(), nullable=False),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("rule_id", sa.String(200), nullable=True),
        sa.Column("new_status", sa.String(40), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.UniqueConstraint("case_id", "seq", name="uq_reviewer_actions_seq"),
    )
    op.create_index("ix_reviewer_actions_case_id", "reviewer_actions", ["case_id"])
    _append_only()


def _append_only() -> None:
    """Triggers that refuse to change or remove a reviewer action (AUDIT.md: an override
    appends, it never rewrites)."""
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for event in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER reviewer_actions_no_{event.lower()} "
                f"BEFORE {event} ON reviewer_actions "
                f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END"
            )
    elif dialect == "postgresql":
        op.execute(
            "CREATE FUNCTION reviewer_actions_append_only() RETURNS trigger "
            f"LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '{APPEND_ONLY}'; END $$"
        )
        op.execute(
            "CREATE TRIGGER reviewer_actions_append_only BEFORE UPDATE OR DELETE "
            "ON reviewer_actions FOR EACH ROW EXECUTE FUNCTION reviewer_actions_append_only()"
        )


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS reviewer_actions_append_only ON reviewer_actions")
        op.execute("DROP FUNCTION IF EXISTS reviewer_actions_append_only()")
    op.drop_table("reviewer_actions")
    op.drop_table("record_versions")
    op.drop_table("case_documents")
    op.drop_table("cases")
