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


class NarrativeFacts(_Out):
    """Narrative facts found in one chunk of chart text. Every quote is copied verbatim
    from the chunk; lists are empty when the text says nothing of that kind."""

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
