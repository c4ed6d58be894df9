"""A case keeps the files of its chart the review could not read (``readable`` false), so
that the same chart uploaded again, unreadable file and all, finds its case. Existing
documents were all read.

Revision ID: 0004_unreadable_documents
Revises: 0003_reviewer_counts
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0004_unreadable_documents"
down_revision: str | None = "0003_reviewer_counts"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.add_column(
        "case_documents",
        sa.Column("readable", sa.Boolean(), nullable=False, server_default=sa.true()),
    )


def downgrade() -> None:
    # unreadable files leave the case (they are no document of any record); plain ALTER
    # TABLE, as in 0002
    op.execute("DELETE FROM case_documents WHERE NOT readable")
    op.execute("ALTER TABLE case_documents DROP COLUMN readable")
