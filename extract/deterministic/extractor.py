"""The deterministic extractor: every module run over every document, no network."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import ClassVar

from core.data import Document, DocumentKind
from core.facts import (
    Acuity,
    Assessment,
    AuthorizationPeriod,
    Certification,
    ChartFacts,
    ContinuedStay,
    ContinuingServiceRequest,
    DangerFinding,
    Diagnosis,
    DischargePlanning,
    DocumentDate,
    EpisodeDate,
    Fact,
    Member,
    Participation,
    PhysicalExam,
    ProgramSchedule,
    RiskAssessment,
    Session,
    TreatmentPlan,
    UnreadRecord,
)
from core.grounding import iter_evidence
from extract.base import ExtractionResult, ExtractorKind, ProgressCallback
from extract.deterministic import (
    assessments,
    authorizations,
    clinical,
    documents,
    member,
    plans,
    risk,
    schedule,
    sessions,
)
from extract.deterministic.common import DocInput
from extract.layout import chart_memo, layout_of, reading_chart
from extract.reconcile import join_references, reconcile
from extract.unread import silent_document, untold_by_sessions

log = logging.getLogger("chartreview.extract")

Module = Callable[[DocInput], Sequence[Fact]]

MODULES: tuple[Module, ...] = (
    documents.extract_episode_dates,
    documents.extract_diagnoses,
    plans.extract_certification,
    plans.extract_treatment_plan,
    risk.extract_risk,
    clinical.extract_participation,
    clinical.extract_acuity,
    clinical.extract_discharge_planning,
    clinical.extract_continued_stay,
    assessments.extract_assessments,
    member.extract_member,
    authorizations.extract_authorizations,
    schedule.extract_schedules,
)

# Which ChartFacts field each fact type goes to.
FIELD_OF: dict[type[Fact], str] = {
    Member: "members",
    EpisodeDate: "episode_dates",
    DocumentDate: "document_dates",
    Diagnosis: "diagnoses",
    Certification: "certifications",
    TreatmentPlan: "treatment_plans",
    Session: "sessions",
    RiskAssessment: "risk_assessments",
    DangerFinding: "danger_findings",
    Participation: "participation",
    Acuity: "acuity",
    DischargePlanning: "discharge_planning",
    ContinuedStay: "continued_stay",
    PhysicalExam: "physical_exams",
    Assessment: "assessments",
    AuthorizationPeriod: "authorizations",
    ContinuingServiceRequest: "continuing_service_requests",
    ProgramSchedule: "schedules",
}


def collect(facts: Sequence[Fact]) -> ChartFacts:
    """Sort facts into the ChartFacts fields, dropping exact duplicates."""
    by_field: dict[str, list[Fact]] = defaultdict(list)
    seen: set[Fact] = set()
    for fact in facts:
        if fact in seen:
            continue
        seen.add(fact)
        by_field[FIELD_OF[type(fact)]].append(fact)
    return ChartFacts(**{k: tuple(v) for k, v in by_field.items()})


# documents that may record services; facts that any document yields (its date, the
# member named on it) say nothing of whether its records were read
_SERVICE_KINDS = frozenset(
    {DocumentKind.OTHER, DocumentKind.ATTENDANCE, DocumentKind.PROGRESS_NOTE}
)
# and neither do facts read from a note's narrative (its participation, risk, scores): a
# note read only for them may still hold services that were not read
_ANY_DOCUMENT = (
    DocumentDate,
    Member,
    EpisodeDate,
    Diagnosis,
    Participation,
    DangerFinding,
    Acuity,
    Assessment,
    RiskAssessment,
    ContinuedStay,
    DischargePlanning,
)


def _silent(
    documents_: Sequence[Document], found: Sequence[Fact], unread: Sequence[UnreadRecord]
) -> list[UnreadRecord]:
    """An unread record for each document that records services and that no fact was read
    from (:func:`extract.unread.silent_document`)."""
    cited = {u.document_id for u in unread}
    for fact in found:
        if not isinstance(fact, _ANY_DOCUMENT):
            cited.update(ev.document_id for ev in iter_evidence(fact))
    out = []
    for document in documents_:
        if document.document_id in cited or document.kind not in _SERVICE_KINDS:
            continue
        record = silent_document(layout_of(document))
        if record is not None:
            out.append(record)
    return out


class DeterministicExtractor:
    """Rule- and lexicon-based extraction of every fact type (the offline default)."""

    kind: ClassVar[ExtractorKind] = "deterministic"
    model: str | None = None
    prompt_version: str | None = None
    prompt_sha256: str | None = None

    def extract(
        self, documents_: Sequence[Document], progress: ProgressCallback | None = None
    ) -> ExtractionResult:
        with reading_chart():  # each page parsed once, for this chart only
            return self._extract(documents_, progress)

    def _extract(
        self, documents_: Sequence[Document], progress: ProgressCallback | None
    ) -> ExtractionResult:
        found: list[Fact] = []
        unread: list[UnreadRecord] = []
        for document in documents_:
            layout_of(document)  # each parsed once; every reader below uses these layouts
        for i, document in enumerate(documents_, 1):
            doc_date = documents.find_document_date(DocInput(document, None))
            doc = (
                DocInput(document, doc_date.date, doc_date.evidence)
                if doc_date is not None
                else DocInput(document, None)
            )
            if doc_date is not None:
                found.append(doc_date)
            doc_sessions, doc_unread = sessions.read_document(doc)
            found.extend(doc_sessions)
            unread.extend(doc_unread)
            for module in MODULES:
                found.extend(module(doc))
            if progress is not None:
                progress(i, len(documents_))
        read = [f for f in found if isinstance(f, Session)]
        keys = sessions.session_keys()
        if keys:
            read = join_references(read, keys)
        merged = reconcile(read)
        memo = chart_memo()
        told = memo.get("told_services") if memo is not None else None
        if isinstance(told, list) and told:
            # a summary says a service took place that no session was read for
            unread.extend(untold_by_sessions(told, merged))
        found = [f for f in found if not isinstance(f, Session)] + list(merged)
        unread.extend(_silent(documents_, found, unread))
        log.info(
            "extracted %d facts from %d documents; %d service records unread",
            len(found),
            len(documents_),
            len(unread),
        )
        return ExtractionResult(facts=collect(found), unread=tuple(unread))
