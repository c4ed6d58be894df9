"""Strict loader for ``services.yaml``: what services are called, how attendance and
modality are written, how notes are laid out (see the comments in the file)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Annotated, TypeVar

from pydantic import Field, model_validator

from core.data import Frozen
from core.errors import ExtractionError
from core.facts import Attendance, GroupFocus, Modality, NoteElement, ServiceKind
from core.yamlio import load_model
from extract.vocab.phrases import norm

SERVICES_PATH = Path(__file__).with_name("services.yaml")


K = TypeVar("K")
Phrases = Annotated[list[Annotated[str, Field(min_length=1)]], Field(min_length=1)]


class _AttendanceVocab(Frozen):
    values: dict[Attendance, Phrases]
    codes: dict[Attendance, Phrases]
    narrative: dict[Attendance, Phrases]
    member_labels: Phrases
    person_columns: Phrases
    sheet_in_columns: Phrases
    sheet_out_columns: Phrases
    # attended for part of the session only: its length is the member's own times
    partial: Phrases


class _ModalityVocab(Frozen):
    values: dict[Modality, Phrases]
    narrative: dict[Modality, Phrases]
    answer_labels: Phrases
    answers: dict[Modality, Phrases]
    pos_labels: Phrases
    pos_codes: dict[Modality, Phrases]


class _FacilitatorVocab(Frozen):
    excluded_labels: Phrases
    triggers: Phrases


class _LogColumns(Frozen):
    duration: Phrases
    group_size: Phrases
    comments: Phrases
    member_times: Phrases
    credentials: Phrases
    hours_words: Phrases


class _NoteVocab(Frozen):
    element_labels: dict[NoteElement, Phrases]
    plan_labels: Phrases
    observation_labels: Phrases
    member_observations: Phrases
    body_labels: Phrases
    header_ends_at: Phrases
    signature_words: Phrases
    formats: dict[str, Annotated[list[Phrases], Field(min_length=1)]]
    placeholder_values: Phrases
    narrative_elements: dict[NoteElement, Phrases]
    member_words: Phrases
    period_words: Phrases
    not_current: Phrases
    missed_plan: Phrases
    not_taking_part: Phrases
    not_service_titles: Phrases


class _RecordsVocab(Frozen):
    not_service_date_labels: Phrases
    not_service_date_words: Phrases
    start_words: Phrases
    end_words: Phrases
    unit_labels: Phrases
    code_labels: Phrases
    day_labels: Phrases
    column_prefixes: Phrases
    charge_labels: Phrases
    member_start_labels: Phrases
    member_end_labels: Phrases
    weekday_names: Phrases
    message_header_labels: Phrases
    continuation_words: Phrases


class _LocalTime(Frozen):
    utc_offsets_hours: Annotated[
        list[Annotated[int, Field(ge=-12, le=14)]], Field(min_length=2, max_length=2)
    ]

    @model_validator(mode="after")
    def _lowest_first(self) -> _LocalTime:
        if self.utc_offsets_hours[0] > self.utc_offsets_hours[1]:
            raise ValueError("local_time.utc_offsets_hours: give the lowest offset first")
        return self


class ServiceVocabulary(Frozen):
    """The content of ``services.yaml`` (see the comments there)."""

    service_kinds: dict[ServiceKind, Phrases]
    fallback_kinds: dict[ServiceKind, Phrases]
    service_codes: dict[ServiceKind, Phrases]
    group_labels: Phrases
    group_words: Phrases
    group_variants: dict[ServiceKind, ServiceKind]
    administered_drugs: dict[ServiceKind, Phrases]
    group_focus: dict[GroupFocus, Phrases]
    attendance: _AttendanceVocab
    modality: _ModalityVocab
    facilitator: _FacilitatorVocab
    log_columns: _LogColumns
    schedule_words: Phrases
    local_time: _LocalTime
    note: _NoteVocab
    records: _RecordsVocab

    @model_validator(mode="after")
    def _each_phrase_has_one_meaning(self) -> ServiceVocabulary:
        _one_meaning("service_kinds", self.service_kinds)
        _one_meaning("fallback_kinds", self.fallback_kinds)
        _one_meaning("service_codes", self.service_codes)
        _one_meaning("administered_drugs", self.administered_drugs)
        _one_meaning("group_focus", self.group_focus)
        _one_meaning("attendance.values", self.attendance.values)
        _one_meaning("attendance.codes", self.attendance.codes)
        _one_meaning("attendance.narrative", self.attendance.narrative)
        _one_meaning("modality.values", self.modality.values)
        _one_meaning("modality.narrative", self.modality.narrative)
        _one_meaning("modality.answers", self.modality.answers)
        _one_meaning("modality.pos_codes", self.modality.pos_codes)
        return self


def _one_meaning(where: str, mapping: Mapping[K, Sequence[str]]) -> None:
    """Raise if a phrase of ``mapping`` is listed under two values."""
    seen: dict[str, K] = {}
    for key, phrases in mapping.items():
        for phrase in phrases:
            other = seen.setdefault(norm(phrase), key)
            if other != key:
                raise ValueError(f"{where}: {phrase!r} is listed under {other} and {key}")


@cache
def vocabulary(path: Path = SERVICES_PATH) -> ServiceVocabulary:
    """Load ``services.yaml`` strictly; raises :class:`ExtractionError` if it is invalid."""
    return load_model(path, ServiceVocabulary, "session vocabulary", ExtractionError)
