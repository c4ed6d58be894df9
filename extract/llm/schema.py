"""What the model returns: narrative proposals, each with verbatim quote(s).

These are the LLM's OUTPUT models, not facts. :mod:`extract.llm.convert` aligns every quote
to offsets in the page text and turns aligned proposals into :mod:`core.facts` types; a
proposal whose quote cannot be aligned becomes an ``UngroundedFact``.

The models are compatible with OpenAI's strict structured outputs: every field is required
(optional values are nullable, never defaulted), no unknown keys, enums as string literals.
Length limits are checked by validators (so an over-long quote is re-asked with the error),
not written into the schema.
"""

from __future__ import annotations

from typing import Any, Literal

from langchain_core.utils.json_schema import dereference_refs
from pydantic import BaseModel, ConfigDict, Field, field_validator

from core.facts import Attendance, Modality, ServiceKind

#: Quotes longer than this are rejected (re-asked): evidence is a span, not a page.
MAX_QUOTE_CHARS = 600


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _check_quote(value: str | None) -> str | None:
    if value is None:
        return None
    if not value.strip():
        raise ValueError("a quote must not be empty; use null when there is nothing to quote")
    if len(value) > MAX_QUOTE_CHARS:
        raise ValueError(
            f"a quote must be at most {MAX_QUOTE_CHARS} characters; quote the shortest "
            "span that shows the point"
        )
    return value


class NoteProposal(_Out):
    """One progress-note session: which of the three required elements it documents."""

    session_quote: str | None = Field(
        description="Verbatim words that identify the session (its title or time line); "
        "null if the text documents one session only."
    )
    nature_of_service: str | None = Field(
        description="Verbatim quote describing what was done in the session (the "
        "intervention, topic or therapy), or null."
    )
    response: str | None = Field(
        description="Verbatim quote describing the member's response to the service, or null."
    )
    goal_relation: str | None = Field(
        description="Verbatim quote relating the session to treatment-plan goals, or null."
    )

    _quotes = field_validator("session_quote", "nature_of_service", "response", "goal_relation")(
        _check_quote
    )


class GoalProposal(_Out):
    """A treatment-plan goal with the spans that make it measurable and time-framed."""

    goal_quote: str = Field(description="Verbatim text of the goal.")
    measure_quote: str | None = Field(
        description="Verbatim observable criterion, count or score of the goal, or null."
    )
    time_frame_quote: str | None = Field(
        description="Verbatim date or duration by which the goal is to be met, or null."
    )

    _quotes = field_validator("goal_quote", "measure_quote", "time_frame_quote")(_check_quote)


Domain = Literal["social", "vocational", "educational", "family", "self_care"]


class AcuityProposal(_Out):
    kind: Literal[
        "acute_onset",
        "decompensation",
        "severe_impairment",
        "chronic_stable",
        "psychiatrically_stable",
    ]
    domains: list[Domain] = Field(
        description="For severe_impairment: the areas of life impaired; otherwise []."
    )
    quote: str

    _quotes = field_validator("quote")(_check_quote)


class ParticipationProposal(_Out):
    status: Literal["participates", "refuses", "cannot_participate", "cannot_tolerate"]
    quote: str

    _quotes = field_validator("quote")(_check_quote)


class DangerProposal(_Out):
    kind: Literal[
        "suicidal_ideation_with_plan_or_intent",
        "homicidal_ideation_with_plan_or_intent",
        "imminent_danger",
        "needs_24h_supervision",
    ]
    temporality: Literal["current", "negated", "hypothetical", "historical"] = Field(
        description="current only when the chart states the danger exists now."
    )
    quote: str

    _quotes = field_validator("quote")(_check_quote)


class ContinuedStayProposal(_Out):
    element: Literal["continuing_symptoms", "less_intensive_insufficient"]
    quote: str

    _quotes = field_validator("quote")(_check_quote)


class DischargePlanningProposal(_Out):
    element: Literal["criteria", "step_down", "community_linkage"]
    quote: str

    _quotes = field_validator("quote")(_check_quote)


class SessionProposal(_Out):
    """One service record (a delivered, missed or cancelled session): where it is, and
    verbatim the words of each of its fields. The model never states a number: the date,
    the times, the length and the group size are read from the quoted words by the same
    parsers as the offline reader, and a field whose words do not state it is dropped."""

    record_quote: str = Field(
        description="Verbatim words that identify this service record: its table row, its "
        "heading, or its first line."
    )
    record_type: Literal["progress_note", "log_entry"] = Field(
        description="progress_note: a note that documents the session itself; log_entry: "
        "a line of a service log, attendance grid, sign-in sheet or billing list."
    )
    date_quote: str | None = Field(description="Verbatim date of service, or null.")
    times_quote: str | None = Field(
        description='Verbatim start and end time as written ("9:00-10:30 AM", '
        '"Time In: 9:00a Time Out: 10:30a"), or null.'
    )
    duration_quote: str | None = Field(
        description='Verbatim stated length ("90 min", "1.5 hrs"), or null.'
    )
    arrival_quote: str | None = Field(
        description='Verbatim clock time the member arrived, when late ("arrived 9:20"), or null.'
    )
    departure_quote: str | None = Field(
        description='Verbatim clock time the member left, when early ("left at 11:30"), or null.'
    )
    service_quote: str | None = Field(description="Verbatim words naming the service, or null.")
    kind: ServiceKind | None = Field(description="The kind of service those words name.")
    attendance_quote: str | None = Field(
        description="Verbatim words stating whether the member attended, or null."
    )
    attendance: Attendance | None
    modality_quote: str | None = Field(
        description="Verbatim words stating in person, video or telephone, or null."
    )
    modality: Modality | None
    facilitator_quotes: list[str] = Field(
        description="Verbatim name and credential of each clinician who delivered it."
    )
    group_size_quote: str | None = Field(
        description="Verbatim number of participants in the group, or null."
    )

    _quotes = field_validator(
        "record_quote",
        "date_quote",
        "times_quote",
        "duration_quote",
        "arrival_quote",
        "departure_quote",
        "service_quote",
        "attendance_quote",
        "modality_quote",
        "group_size_quote",
    )(_check_quote)

    @field_validator("facilitator_quotes")
    @classmethod
    def _people(cls, value: list[str]) -> list[str]:
        for quote in value:
            _check_quote(quote)
        return value


class NarrativeFacts(_Out):
    """Facts found in one chunk of chart text: service records field by field, and the
    narrative judgments. Every quote is copied verbatim from the chunk; lists are empty
    when the text says nothing of that kind."""

    sessions: list[SessionProposal]
    progress_notes: list[NoteProposal]
    goals: list[GoalProposal]
    acuity: list[AcuityProposal]
    participation: list[ParticipationProposal]
    danger: list[DangerProposal]
    continued_stay: list[ContinuedStayProposal]
    discharge_planning: list[DischargePlanningProposal]

    @classmethod
    def empty(cls) -> NarrativeFacts:
        return cls(
            sessions=[],
            progress_notes=[],
            goals=[],
            acuity=[],
            participation=[],
            danger=[],
            continued_stay=[],
            discharge_planning=[],
        )


def response_schema() -> dict[str, Any]:
    """The JSON schema sent to the server: :class:`NarrativeFacts` with every ``$ref``
    inlined (some self-hosted grammar engines do not resolve ``$defs``)."""
    schema = NarrativeFacts.model_json_schema()
    flat: dict[str, Any] = dereference_refs(schema)
    flat.pop("$defs", None)
    return flat
