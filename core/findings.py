"""Result types of the rule layer: findings, citations, the weekly summary."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field, JsonValue

from core.data import Evidence, Frozen


class Status(StrEnum):
    MET = "met"
    NOT_MET = "not_met"
    INSUFFICIENT_EVIDENCE = "insufficient_evidence"
    NOT_APPLICABLE = "not_applicable"


Overall = Literal["met", "not_met", "insufficient_evidence"]


class Citation(Frozen):
    """A verbatim policy quote: ``quote`` is a substring of passage ``passage_id`` of
    ``source`` (a file in ``policies/``)."""

    passage_id: str
    source: str
    section: str
    quote: Annotated[str, Field(min_length=1)]


class Finding(Frozen):
    """One rule's verdict on a chart."""

    rule_id: str
    status: Status
    reason: Annotated[str, Field(min_length=1)]
    evidence: tuple[Evidence, ...] = ()
    citations: Annotated[tuple[Citation, ...], Field(min_length=1)]
    values: dict[str, JsonValue] = Field(default_factory=dict)


class WeekSummary(Frozen):
    """Counted services of one program week (RULES.md "Program week N")."""

    week: Annotated[int, Field(ge=1)]
    start: dt.date
    end: dt.date
    complete: bool
    counted_hours: float
    counted_services: int
    unknown_length_services: int
    service_days: int


def overall_status(findings: tuple[Finding, ...] | list[Finding]) -> Overall:
    """RULES.md: not_met if any finding is; else insufficient_evidence if any is; else met."""
    statuses = {f.status for f in findings}
    if Status.NOT_MET in statuses:
        return "not_met"
    if Status.INSUFFICIENT_EVIDENCE in statuses:
        return "insufficient_evidence"
    return "met"
