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


SignerType = Literal["clinician", "member"]


class SignerProposal(_Out):
    """One signature of the document, or a required signature line left blank."""

    signature_quote: str = Field(
        description='Verbatim signature line or block ("Electronically signed by Dana Roe, '
        'MD 04/02/2025", "Physician: ________").'
    )
    name_quote: str | None = Field(
        description='Verbatim name with its credentials as written ("Dana Roe, MD"), or null '
        "for a blank line."
    )
    date_quote: str | None = Field(description="Verbatim date signed, or null.")
    role_quote: str | None = Field(
        description='Verbatim label of the line ("Physician", "Therapist signature"), or null.'
    )
    signed: bool = Field(description="false for a required signature line left blank.")
    signer_type: SignerType = Field(
        description="member: the member, a parent or a guardian; clinician: anyone else."
    )

    _quotes = field_validator("signature_quote", "name_quote", "date_quote", "role_quote")(
        _check_quote
    )


CertElement = Literal[
    "min_hours",
    "diagnosis",
    "clinical_need",
    "response_to_treatment",
    "continuing_symptoms",
    "discharge_goals",
    "higher_intensity",
    "plan_of_care",
]
PlanElementName = Literal[
    "coordination_of_services", "multidisciplinary_team", "discharge_plan", "family_involvement"
]


class CertElementProposal(_Out):
    element: CertElement
    quote: str

    _quotes = field_validator("quote")(_check_quote)


class PlanElementProposal(_Out):
    element: PlanElementName
    quote: str

    _quotes = field_validator("quote")(_check_quote)


class CertificationProposal(_Out):
    """A physician's certification or recertification of the need for IOP services."""

    kind: Literal["initial", "recertification"]
    quote: str = Field(description="Verbatim title or certifying statement of the document.")
    date_quote: str | None = Field(description="Verbatim date of the certification, or null.")
    hours_quote: str | None = Field(
        description='Verbatim statement of the weekly hours needed ("at least 9 hours per '
        'week", "3 hours a day, 3 days a week"), or null.'
    )
    elements: list[CertElementProposal] = Field(
        description="Each element the certification states, with its words."
    )

    _quotes = field_validator("quote", "date_quote", "hours_quote")(_check_quote)


class PlanProposal(_Out):
    """A treatment plan (its goals are reported under goals)."""

    quote: str = Field(description="Verbatim title of the plan.")
    date_quote: str | None = Field(description="Verbatim date of the plan, or null.")
    elements: list[PlanElementProposal]

    _quotes = field_validator("quote", "date_quote")(_check_quote)


class RiskProposal(_Out):
    """A clinician's risk assessment that reaches a conclusion."""

    conclusion_quote: str = Field(
        description='Verbatim conclusion ("Low risk. Does not need 24-hour supervision.").'
    )
    date_quote: str | None
    assessor_quote: str | None = Field(
        description="Verbatim name and credential of who assessed, or null."
    )
    instrument_quote: str | None = Field(
        description='Verbatim name of the instrument ("C-SSRS"), or null.'
    )
    imminent_danger: bool | None = Field(
        description="Whether the conclusion is that the member is in imminent danger."
    )
    needs_24h_supervision: bool | None

    _quotes = field_validator(
        "conclusion_quote", "date_quote", "assessor_quote", "instrument_quote"
    )(_check_quote)


class DiagnosisProposal(_Out):
    code_quote: str | None = Field(description="Verbatim ICD-10-CM code, or null.")
    name_quote: str | None = Field(description="Verbatim diagnosis name, or null.")

    _quotes = field_validator("code_quote", "name_quote")(_check_quote)


class DocumentDateProposal(_Out):
    date_quote: str
    basis: Literal["service", "written", "signed"]

    _quotes = field_validator("date_quote")(_check_quote)


class EpisodeDateProposal(_Out):
    kind: Literal["admission", "discharge"]
    date_quote: str = Field(description="Verbatim admission or (actual) discharge date.")

    _quotes = field_validator("date_quote")(_check_quote)


class MemberProposal(_Out):
    date_of_birth_quote: str | None
    age_quote: str | None = Field(description='Verbatim stated age ("16 y/o"), or null.')

    _quotes = field_validator("date_of_birth_quote", "age_quote")(_check_quote)


class AuthorizationProposal(_Out):
    quote: str = Field(description="Verbatim words stating the authorized period.")
    start_quote: str | None
    end_quote: str | None

    _quotes = field_validator("quote", "start_quote", "end_quote")(_check_quote)


class RequestProposal(_Out):
    """A request for continuing (concurrent) services."""

    quote: str
    submitted_quote: str | None = Field(description="Verbatim date submitted, or null.")
    current_end_quote: str | None = Field(
        description="Verbatim end date of the current authorization, or null."
    )

    _quotes = field_validator("quote", "submitted_quote", "current_end_quote")(_check_quote)


class ExamProposal(_Out):
    """A physical examination performed."""

    quote: str
    date_quote: str | None
    examiner_quote: str | None

    _quotes = field_validator("quote", "date_quote", "examiner_quote")(_check_quote)


class AssessmentProposal(_Out):
    """A substance-use assessment or a standardized instrument given (with its score)."""

    kind: Literal["substance_use", "asam", "dsm5_cross_cutting", "other_standardized"]
    instrument_quote: str
    score_quote: str | None = Field(description='Verbatim total score ("14"), or null.')
    date_quote: str | None

    _quotes = field_validator("instrument_quote", "score_quote", "date_quote")(_check_quote)


class ScheduleProposal(_Out):
    """The member's IOP schedule."""

    weekdays_quote: str = Field(
        description='Verbatim weekdays the program meets for the member ("Mon/Wed/Thu").'
    )

    _quotes = field_validator("weekdays_quote")(_check_quote)


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
    signers: list[SignerProposal]
    certifications: list[CertificationProposal]
    treatment_plans: list[PlanProposal]
    risk_assessments: list[RiskProposal]
    diagnoses: list[DiagnosisProposal]
    document_dates: list[DocumentDateProposal]
    episode_dates: list[EpisodeDateProposal]
    members: list[MemberProposal]
    authorizations: list[AuthorizationProposal]
    service_requests: list[RequestProposal]
    physical_exams: list[ExamProposal]
    assessments: list[AssessmentProposal]
    schedules: list[ScheduleProposal]

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
            signers=[],
            certifications=[],
            treatment_plans=[],
            risk_assessments=[],
            diagnoses=[],
            document_dates=[],
            episode_dates=[],
            members=[],
            authorizations=[],
            service_requests=[],
            physical_exams=[],
            assessments=[],
            schedules=[],
        )


def response_schema() -> dict[str, Any]:
    """The JSON schema sent to the server: :class:`NarrativeFacts` with every ``$ref``
    inlined (some self-hosted grammar engines do not resolve ``$defs``)."""
    schema = NarrativeFacts.model_json_schema()
    flat: dict[str, Any] = dereference_refs(schema)
    flat.pop("$defs", None)
    return flat
