"""Result types of the rule layer: findings, citations, the weekly summary."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field, JsonValue, model_validator

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


class RelatedPassage(Frozen):
    """A policy passage related to a rule beyond its pinned citations.

    Found by hybrid retrieval (dense + BM25, rank fusion) when the policy index was built,
    not during the review. ``text`` is the whole passage, verbatim:
    ``text == <policy file text>[start:end]`` for the file ``source`` in ``policies/``.
    """

    passage_id: str
    source: str
    section: str
    start: Annotated[int, Field(ge=0)]
    end: Annotated[int, Field(ge=0)]
    text: Annotated[str, Field(min_length=1)]

    @model_validator(mode="after")
    def _span_matches_text_length(self) -> RelatedPassage:
        if self.end - self.start != len(self.text):
            raise ValueError("related passage span length differs from its text length")
        return self


class Finding(Frozen):
    """One rule's verdict on a chart. ``citations`` are the policy words the rule pins;
    ``related_passages`` are further passages a reviewer may want to read (suggestions:
    no rule decides on them)."""

    rule_id: str
    status: Status
    reason: Annotated[str, Field(min_length=1)]
    evidence: tuple[Evidence, ...] = ()
    citations: Annotated[tuple[Citation, ...], Field(min_length=1)]
    values: dict[str, JsonValue] = Field(default_factory=dict)
    related_passages: tuple[RelatedPassage, ...] = ()


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


def overall_status(
    findings: tuple[Finding, ...] | list[Finding], unreadable_files: int = 0
) -> Overall:
    """RULES.md: not_met if any finding is; else insufficient_evidence if any is, or if any
    file of the chart could not be read at all (``unreadable_files``: what it holds is
    unknown); else met."""
    return overall_of((f.status for f in findings), unreadable_files=unreadable_files)


def overall_of(statuses: Iterable[Status], *, unreadable_files: int = 0) -> Overall:
    """:func:`overall_status` of findings with these ``statuses``."""
    seen = set(statuses)
    if Status.NOT_MET in seen:
        return "not_met"
    if Status.INSUFFICIENT_EVIDENCE in seen or unreadable_files:
        return "insufficient_evidence"
    return "met"
