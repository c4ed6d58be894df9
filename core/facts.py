"""Fact types: what extractors produce and rules judge.

Every fact is frozen and carries ``evidence`` (at least one verbatim span) and ``source``,
the id of the extractor pattern or prompt that produced it (an explanation in the sense of
presidio's ``AnalysisExplanation``). Sub-elements that a rule must cite on their own
(e.g. the 9-hour statement of a certification) are :class:`Element` values with their own
evidence.

Rules import this module and :mod:`core.data` only.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field, field_validator

from core.data import DocumentKind, Evidence, Frozen, Sha256

EvidenceList = Annotated[tuple[Evidence, ...], Field(min_length=1)]


class Fact(Frozen):
    """Base of every fact: where it came from and what produced it."""

    evidence: EvidenceList
    source: Annotated[str, Field(min_length=1)]

    @property
    def document_id(self) -> str:
        return self.evidence[0].document_id


class SlotEvidence(Frozen):
    """The words that state one slot of a fact, and the reader that read them. ``slot`` is
    the fact's field it states: on a session ``date``, ``start``, ``end``, ``minutes``,
    ``member_start``, ``member_end``, ``kind``, ``attendance``, ``modality``,
    ``group_size``, ``focus`` or ``facilitators``; on other facts the field's name
    (``date``, ``end``, ``score``, ``assessor``, ...)."""

    slot: str
    evidence: EvidenceList
    source: Annotated[str, Field(min_length=1)]


class UncertainSlot(Frozen):
    """A slot that two documents of one session state differently (RULES.md "Same session,
    documented twice"), or that the two readers of a document (``hybrid``: the offline
    reader and the model) read differently: the values given (as text) and the words of
    each. The fact holds no value for the slot; the rules treat it as unknown."""

    slot: str
    values: Annotated[tuple[str, ...], Field(min_length=2)]
    evidence: EvidenceList


class SlottedFact(Fact):
    """A fact whose fields (slots) may carry their own words and reader, and may be stated
    differently by two sources: ``slots`` holds the words of each slot and the reader that
    read them; ``uncertain`` each slot two documents of one session, or the two readers of
    ``hybrid`` (the offline reader and the model), state differently. An uncertain slot has
    no value on the fact: the rules treat it as unknown and name both readings."""

    slots: tuple[SlotEvidence, ...] = ()
    uncertain: tuple[UncertainSlot, ...] = ()

    def slot_evidence(self, slot: str) -> tuple[Evidence, ...]:
        """The words that state ``slot`` (empty when no reader recorded them)."""
        return tuple(ev for s in self.slots if s.slot == slot for ev in s.evidence)

    def uncertain_slot(self, slot: str) -> UncertainSlot | None:
        return next((u for u in self.uncertain if u.slot == slot), None)


# --------------------------------------------------------------------------- people


class Person(Fact):
    """A named clinician with the credential written next to the name, if any.

    ``credential`` is normalized to upper case without dots ("L.C.S.W." -> "LCSW");
    ``credentials`` keeps every one written ("Jane Roe, LCSW, CADC").
    """

    name: str | None = None
    credentials: tuple[str, ...] = ()

    @property
    def credential(self) -> str | None:
        return self.credentials[0] if self.credentials else None


class Signer(Person):
    """One signature of a document: who signed, with the credentials written and the date
    signed; or, with ``signed`` false, a required signature line left blank ("Physician:
    ________"), which means that person did not sign (RULES.md "Credentials"). ``role`` is
    the line's label as written ("Physician", "Therapist signature"), if it has one.
    ``member``: the signature of the member, a parent or a guardian (their agreement, not a
    clinician's: it never meets or fails a credential requirement)."""

    date: dt.date | None = None
    role: str | None = None
    signed: bool = True
    member: bool = False


class Element(Fact):
    """A named element a document states (e.g. ``min_hours``, ``response_to_treatment``)."""

    name: str


# --------------------------------------------------------------------------- member, episode


class Member(SlottedFact):
    """The member's date of birth and/or stated age (``age_on`` is the date the age was
    stated for, usually the document date)."""

    date_of_birth: dt.date | None = None
    age: int | None = None
    age_on: dt.date | None = None


class EpisodeDateKind(StrEnum):
    ADMISSION = "admission"
    DISCHARGE = "discharge"


class EpisodeDate(SlottedFact):
    """An admission or discharge date stated in the chart."""

    kind: EpisodeDateKind
    date: dt.date


class DocumentDate(SlottedFact):
    """The date a document records a service on, or was written or signed on.

    Dates merely mentioned in a document (targets, follow-ups, DOB) are never document
    dates."""

    date: dt.date
    basis: Literal["service", "written", "signed"]


# --------------------------------------------------------------------------- diagnoses


class Diagnosis(SlottedFact):
    """A diagnosis with its ICD-10-CM code and/or its name as written."""

    code: str | None = None
    name: str | None = None


# --------------------------------------------------------------------------- certification


class CertificationKind(StrEnum):
    INITIAL = "initial"
    RECERTIFICATION = "recertification"


class CertificationElement(StrEnum):
    MIN_HOURS = "min_hours"  # states the need for at least N hours of services per week
    DIAGNOSIS = "diagnosis"
    CLINICAL_NEED = "clinical_need"
    RESPONSE_TO_TREATMENT = "response_to_treatment"
    CONTINUING_SYMPTOMS = "continuing_symptoms"
    DISCHARGE_GOALS = "discharge_goals"
    HIGHER_INTENSITY = "higher_intensity"  # OTP: higher intensity than non-intensive care
    PLAN_OF_CARE = "plan_of_care"


class Certification(SlottedFact):
    """A (re)certification document: its date, who signed it and what it states."""

    kind: CertificationKind
    date: dt.date | None = None
    # the signer a reader sees first (a physician's signature if there is one); ``signers``
    # holds every signature and every blank required signature line of the document
    signed_by: Person | None = None
    signers: tuple[Signer, ...] = ()
    hours_per_week: float | None = None
    elements: tuple[Element, ...] = ()

    def element(self, name: CertificationElement) -> Element | None:
        return next((e for e in self.elements if e.name == name), None)


# --------------------------------------------------------------------------- treatment plan


class Objective(Fact):
    """A step of a treatment goal ("Objective 1.1: ...", a row of the goal's objectives
    table), with the measure and time frame its own words (and its own target field or
    cell) state."""

    text: str
    measure: Evidence | None = None
    time_frame: Evidence | None = None


class Goal(Fact):
    """A treatment goal with its objectives. ``measure`` / ``time_frame`` are the spans
    that make it measurable (an observable criterion, a count or a score) and time-framed
    (a date or a duration): its own words', else those of one of its objectives (a goal is
    measured through its objectives, RULES.md ``goals-measurable``)."""

    text: str
    measure: Evidence | None = None
    time_frame: Evidence | None = None
    objectives: tuple[Objective, ...] = ()


class PlanElement(StrEnum):
    COORDINATION_OF_SERVICES = "coordination_of_services"
    MULTIDISCIPLINARY_TEAM = "multidisciplinary_team"
    DISCHARGE_PLAN = "discharge_plan"
    FAMILY_INVOLVEMENT = "family_involvement"


class TreatmentPlan(SlottedFact):
    date: dt.date | None = None
    signed_by: Person | None = None  # as on :class:`Certification`
    signers: tuple[Signer, ...] = ()
    goals: tuple[Goal, ...] = ()
    elements: tuple[Element, ...] = ()

    def element(self, name: PlanElement) -> Element | None:
        return next((e for e in self.elements if e.name == name), None)


# --------------------------------------------------------------------------- sessions


class ServiceKind(StrEnum):
    INDIVIDUAL_PSYCHOTHERAPY = "individual_psychotherapy"
    GROUP_PSYCHOTHERAPY = "group_psychotherapy"
    GROUP_EDUCATION = "group_education"
    FAMILY_COUNSELING = "family_counseling"
    OCCUPATIONAL_THERAPY = "occupational_therapy"
    PSYCHIATRIC_NURSING = "psychiatric_nursing"
    PEER_SUPPORT = "peer_support"
    ILLNESS_NAVIGATION = "illness_navigation"
    PATIENT_EDUCATION = "patient_education"
    ACTIVITY_THERAPY = "activity_therapy"
    DIAGNOSTIC = "diagnostic"
    MEDICATION_ADMINISTRATION = "medication_administration"  # not self-administered
    MEDICATION_MANAGEMENT = "medication_management"
    SELF_ADMINISTERED_MEDICATION = "self_administered_medication"
    RECREATIONAL = "recreational"
    SOCIAL = "social"
    MEAL = "meal"
    TRANSPORTATION = "transportation"
    VOCATIONAL = "vocational"
    CASE_MANAGEMENT = "case_management"
    CBRS = "cbrs"
    OUD_MEDICATION_DOSING = "oud_medication_dosing"
    TOXICOLOGY = "toxicology"
    UNKNOWN = "unknown"


GROUP_KINDS = frozenset({ServiceKind.GROUP_PSYCHOTHERAPY, ServiceKind.GROUP_EDUCATION})


class Attendance(StrEnum):
    ATTENDED = "attended"  # took part for at least part of the session
    ABSENT = "absent"
    NO_SHOW = "no_show"
    CANCELLED = "cancelled"
    REFUSED = "refused"  # refused and did not attend
    PROGRAM_CLOSED = "program_closed"  # the program was closed: not a scheduled session
    UNKNOWN = "unknown"


class Modality(StrEnum):
    IN_PERSON = "in_person"
    VIDEO = "video"
    AUDIO = "audio"
    UNKNOWN = "unknown"


class GroupFocus(StrEnum):
    MENTAL_HEALTH = "mental_health"
    SUBSTANCE_USE = "substance_use"
    UNKNOWN = "unknown"


class NoteElement(StrEnum):
    NATURE_OF_SERVICE = "nature_of_service"
    RESPONSE = "response"
    GOAL_RELATION = "goal_relation"


class Session(SlottedFact):
    """A service documented as delivered (or scheduled and missed) on a date.

    ``start``/``end`` are the session's times; ``member_start``/``member_end`` the member's
    own when documented (late arrival, early departure). ``stated_minutes`` is a duration
    written in the session's own documentation. ``is_log_entry`` marks a line of a service
    log (a service, but not a progress note).
    """

    date: dt.date
    service_kind: ServiceKind = ServiceKind.UNKNOWN
    attendance: Attendance = Attendance.UNKNOWN
    start: dt.time | None = None
    end: dt.time | None = None
    member_start: dt.time | None = None
    member_end: dt.time | None = None
    stated_minutes: float | None = None
    modality: Modality = Modality.UNKNOWN
    facilitators: tuple[Person, ...] = ()
    group_size: int | None = None
    group_focus: GroupFocus = GroupFocus.UNKNOWN
    is_log_entry: bool = False
    elements: tuple[Element, ...] = ()

    def element(self, name: NoteElement) -> Element | None:
        return next((e for e in self.elements if e.name == name), None)

    @property
    def minutes(self) -> float | None:
        """Service length: the member's own times, else the session's, else the stated
        duration; ``None`` when unknown (RULES.md "Service hours")."""
        start = self.member_start or self.start
        end = self.member_end or self.end
        if start is not None and end is not None:
            mins = (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
            if mins > 0:
                return float(mins)
        return self.stated_minutes

    @property
    def attended(self) -> bool:
        return self.attendance is Attendance.ATTENDED


# --------------------------------------------------------------------------- risk


class RiskAssessment(SlottedFact):
    """A clinician's evaluation of risk of harm that reaches a conclusion."""

    date: dt.date | None = None
    assessor: Person | None = None
    # every signature (and blank required signature line) of the assessment: who performed
    # it, who co-signed or reviewed it
    signers: tuple[Signer, ...] = ()
    instrument: str | None = None
    imminent_danger: bool | None = None
    needs_24h_supervision: bool | None = None


class DangerKind(StrEnum):
    SUICIDAL_IDEATION_WITH_PLAN_OR_INTENT = "suicidal_ideation_with_plan_or_intent"
    HOMICIDAL_IDEATION_WITH_PLAN_OR_INTENT = "homicidal_ideation_with_plan_or_intent"
    IMMINENT_DANGER = "imminent_danger"
    NEEDS_24H_SUPERVISION = "needs_24h_supervision"


class DangerFinding(Fact):
    """A current (not negated, hypothetical or historical) statement of danger."""

    kind: DangerKind
    date: dt.date | None = None


# --------------------------------------------------------------------------- clinical state


class ParticipationStatus(StrEnum):
    PARTICIPATES = "participates"
    REFUSES = "refuses"
    CANNOT_PARTICIPATE = "cannot_participate"
    CANNOT_TOLERATE = "cannot_tolerate"


class Participation(Fact):
    status: ParticipationStatus
    date: dt.date | None = None


class AcuityKind(StrEnum):
    ACUTE_ONSET = "acute_onset"
    DECOMPENSATION = "decompensation"
    SEVERE_IMPAIRMENT = "severe_impairment"
    CHRONIC_STABLE = "chronic_stable"
    PSYCHIATRICALLY_STABLE = "psychiatrically_stable"


class Acuity(Fact):
    """Acuity or functional impairment. ``domains`` names the areas of life impaired
    (social, vocational, educational, family, self_care) for ``severe_impairment``."""

    kind: AcuityKind
    domains: tuple[str, ...] = ()
    date: dt.date | None = None


class DischargePlanningElement(StrEnum):
    CRITERIA = "criteria"
    STEP_DOWN = "step_down"
    COMMUNITY_LINKAGE = "community_linkage"


class DischargePlanning(Fact):
    element: DischargePlanningElement
    date: dt.date | None = None


class ContinuedStayElement(StrEnum):
    CONTINUING_SYMPTOMS = "continuing_symptoms"
    LESS_INTENSIVE_INSUFFICIENT = "less_intensive_insufficient"


class ContinuedStay(Fact):
    """Documentation supporting a continued stay: continuing serious symptoms, or that
    less intensive care could not prevent relapse or hospitalization."""

    element: ContinuedStayElement
    date: dt.date | None = None


# --------------------------------------------------------------------------- assessments


class PhysicalExam(SlottedFact):
    date: dt.date | None = None
    examiner: Person | None = None


class AssessmentKind(StrEnum):
    SUBSTANCE_USE = "substance_use"
    ASAM = "asam"
    DSM5_CROSS_CUTTING = "dsm5_cross_cutting"
    OTHER_STANDARDIZED = "other_standardized"


class Assessment(SlottedFact):
    """A substance-use assessment or a standardized instrument (ASAM dimensions, the DSM-5
    Cross-Cutting Symptom Measure, PHQ-9, ...). ``score``: the total score written with it
    ("PHQ-9: 14"), with ``date`` the date it was given; one fact per instrument, date and
    score, so a chart's scores over the stay are its facts of one instrument."""

    kind: AssessmentKind
    instrument: str | None = None
    date: dt.date | None = None
    score: float | None = None


# --------------------------------------------------------------------------- authorizations


class AuthorizationPeriod(SlottedFact):
    """A payer authorization of IOP services: the dates it runs from and to."""

    start: dt.date | None = None
    end: dt.date | None = None


class ContinuingServiceRequest(SlottedFact):
    """A request for continuing services: the date it was submitted and, when the request
    states it, the date the current authorization expires."""

    submitted: dt.date | None = None
    current_authorization_end: dt.date | None = None


# --------------------------------------------------------------------------- program schedule

Weekday = Annotated[int, Field(ge=0, le=6)]


class ProgramSchedule(SlottedFact):
    """The member's documented IOP schedule: the weekdays the program meets for the member
    (``0`` = Monday ... ``6`` = Sunday, ascending, no repeats), e.g. "Schedule: Mon/Wed/Thu
    9:00 AM-12:00 PM" -> ``(0, 2, 3)``."""

    weekdays: Annotated[tuple[Weekday, ...], Field(min_length=1)]

    @field_validator("weekdays")
    @classmethod
    def _ascending_unique(cls, value: tuple[int, ...]) -> tuple[int, ...]:
        if list(value) != sorted(set(value)):
            raise ValueError("weekdays must be ascending without repeats")
        return value


# --------------------------------------------------------------------------- the whole chart


class UnreadRecord(Frozen):
    """A line or block that records a service (a date with a time range or a duration, a
    service name with a time) but could not be read into a session (RULES.md "Unknown
    kind, unread records"). ``start``/``end`` are offsets into the page's text (no quote:
    the record holds no chart text it does not need); ``date`` is the date written on it,
    when one could be read; ``why`` says what could not be read."""

    document_id: Sha256
    page: Annotated[int, Field(ge=1)]
    start: Annotated[int, Field(ge=0)]
    end: Annotated[int, Field(ge=0)]
    date: dt.date | None = None
    why: Annotated[str, Field(min_length=1)]


class DocumentRef(Frozen):
    """What rules may know about a document besides its facts.

    ``narrative_unread`` is set when the extractor that was asked to judge the document's
    narrative (the LLM) failed on it: the rules that depend on narrative judgments then
    cannot rely on the absence (or the completeness) of what was found. ``missing_pages``
    are pages the document refers to ("Page 1 of 3") that the chart does not hold: the
    same holds for what they say."""

    document_id: Sha256
    filename: str
    kind: DocumentKind
    narrative_unread: bool = False
    missing_pages: tuple[int, ...] = ()


class ChartFacts(Frozen):
    """Every grounded fact of a chart, by type. This is the record's ``facts`` object."""

    members: tuple[Member, ...] = ()
    episode_dates: tuple[EpisodeDate, ...] = ()
    document_dates: tuple[DocumentDate, ...] = ()
    diagnoses: tuple[Diagnosis, ...] = ()
    certifications: tuple[Certification, ...] = ()
    treatment_plans: tuple[TreatmentPlan, ...] = ()
    sessions: tuple[Session, ...] = ()
    risk_assessments: tuple[RiskAssessment, ...] = ()
    danger_findings: tuple[DangerFinding, ...] = ()
    participation: tuple[Participation, ...] = ()
    acuity: tuple[Acuity, ...] = ()
    discharge_planning: tuple[DischargePlanning, ...] = ()
    continued_stay: tuple[ContinuedStay, ...] = ()
    physical_exams: tuple[PhysicalExam, ...] = ()
    assessments: tuple[Assessment, ...] = ()
    authorizations: tuple[AuthorizationPeriod, ...] = ()
    continuing_service_requests: tuple[ContinuingServiceRequest, ...] = ()
    schedules: tuple[ProgramSchedule, ...] = ()


FACT_FIELDS: tuple[str, ...] = tuple(ChartFacts.model_fields)


class UngroundedFact(Frozen):
    """A fact an extractor proposed that could not be located in the text."""

    kind: str
    proposed_value: str
    proposed_quote: str
    document_id: Sha256 | None
    why: str


class ChartInput(Frozen):
    """What a policy pack is evaluated on. ``unread``: service records the extractor saw but
    could not read; the rules whose verdict they could change say so."""

    documents: tuple[DocumentRef, ...]
    facts: ChartFacts
    unread: tuple[UnreadRecord, ...] = ()
