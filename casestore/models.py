"""The case store's tables (SQLAlchemy 2 typed ORM). The schema itself is made by the
Alembic migrations in ``casestore/migrations/versions``; a test keeps the two equal.

- ``cases``: one chart under review. ``chart_name`` (PHI: often a member's name) is what the
  worklist shows when the record names no member; ``status`` (new, in_review, decided),
  ``revision`` (bumped by every change: the optimistic-concurrency token) and the last
  reviewer and change, and the reviewer's outcome and effective counts on the latest
  record, are kept on the row so the worklist is one query.
- ``case_documents``: the chart's documents: the file name as given (PHI, never logged),
  SHA-256, media type, size; ``stored`` when the bytes as uploaded are in the case-files
  folder (keyed by SHA-256); ``readable`` False for a file the review could not read (kept
  so that the same chart uploaded again, unreadable file and all, finds its case).
- ``record_versions``: each sealed audit record of the case, exactly as ``to_json`` wrote
  it, with its ``record_sha256``, creation time, pack, overall and finding counts.
- ``reviewer_actions``: append-only (database triggers refuse UPDATE and DELETE); each
  names the record version it was made on.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    Boolean,
    DateTime,
    Dialect,
    ForeignKey,
    Integer,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    true,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A timezone-aware UTC timestamp on every database (SQLite keeps no zone: stored as
    naive UTC, read back as aware UTC)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("timestamps must be timezone-aware")
        utc = value.astimezone(dt.UTC)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        assert isinstance(value, dt.datetime)
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


class Base(DeclarativeBase):
    pass


class Case(Base):
    __tablename__ = "cases"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    chart_name: Mapped[str] = mapped_column(Text)
    member_dob: Mapped[dt.date | None] = mapped_column(default=None)
    pack_id: Mapped[str] = mapped_column(String(200), index=True)
    status: Mapped[str] = mapped_column(String(20), index=True)
    latest_record_id: Mapped[int | None] = mapped_column(Integer, default=None)
    revision: Mapped[int] = mapped_column(Integer, default=0)
    action_count: Mapped[int] = mapped_column(Integer, default=0)
    last_reviewer: Mapped[str | None] = mapped_column(Text, default=None)
    # the reviewer's outcome on the latest record (casestore.outcome.case_outcome)
    reviewer_overall: Mapped[str | None] = mapped_column(String(40), default=None)
    # the findings' effective counts on the latest record (the case page's counts); None
    # while no finding of it was accepted or overridden (the record's counts stand)
    reviewer_met: Mapped[int | None] = mapped_column(Integer, default=None)
    reviewer_not_met: Mapped[int | None] = mapped_column(Integer, default=None)
    reviewer_insufficient_evidence: Mapped[int | None] = mapped_column(Integer, default=None)
    reviewer_not_applicable: Mapped[int | None] = mapped_column(Integer, default=None)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), index=True)

    # every UPDATE of a case says WHERE revision = the one read, and bumps it: a writer
    # that read an older case fails (StaleDataError) instead of overwriting
    __mapper_args__ = {"version_id_col": revision}  # noqa: RUF012

    documents: Mapped[list[CaseDocument]] = relationship(
        back_populates="case", order_by="CaseDocument.id"
    )
    records: Mapped[list[RecordVersion]] = relationship(
        back_populates="case", order_by="RecordVersion.version"
    )
    actions: Mapped[list[ReviewerActionRow]] = relationship(
        back_populates="case", order_by="ReviewerActionRow.seq"
    )


class CaseDocument(Base):
    __tablename__ = "case_documents"
    __table_args__ = (UniqueConstraint("case_id", "sha256", name="uq_case_documents_sha256"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    filename: Mapped[str] = mapped_column(Text)
    media_type: Mapped[str] = mapped_column(String(200))
    size: Mapped[int | None] = mapped_column(Integer, default=None)
    stored: Mapped[bool] = mapped_column(Boolean, default=False)
    # False: a file of the chart the review could not read (the record's input_errors);
    # kept so that the same chart uploaded again finds its case
    readable: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    added_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())

    case: Mapped[Case] = relationship(back_populates="documents")


class RecordVersion(Base):
    __tablename__ = "record_versions"
    __table_args__ = (UniqueConstraint("case_id", "version", name="uq_record_versions_version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    record_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    previous_record_sha256: Mapped[str | None] = mapped_column(String(64), default=None)
    review_id: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    added_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    pack_id: Mapped[str] = mapped_column(String(200))
    pack_version: Mapped[str] = mapped_column(String(200))
    overall: Mapped[str] = mapped_column(String(40))
    met: Mapped[int] = mapped_column(Integer)
    not_met: Mapped[int] = mapped_column(Integer)
    insufficient_evidence: Mapped[int] = mapped_column(Integer)
    not_applicable: Mapped[int] = mapped_column(Integer)
    rule_ids: Mapped[str] = mapped_column(Text)  # JSON list of the findings' rule ids
    # loaded only when asked for (store.record_text): a record can be many megabytes
    record_json: Mapped[str] = mapped_column(Text, deferred=True)

    case: Mapped[Case] = relationship(back_populates="records")


class ReviewerActionRow(Base):
    __tablename__ = "reviewer_actions"
    __table_args__ = (UniqueConstraint("case_id", "seq", name="uq_reviewer_actions_seq"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("record_versions.id"))
    seq: Mapped[int] = mapped_column(Integer)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    reviewer: Mapped[str] = mapped_column(Text)
    action: Mapped[str] = mapped_column(String(20))
    rule_id: Mapped[str | None] = mapped_column(String(200), default=None)
    new_status: Mapped[str | None] = mapped_column(String(40), default=None)
    reason: Mapped[str] = mapped_column(Text)

    case: Mapped[Case] = relationship(back_populates="actions")
