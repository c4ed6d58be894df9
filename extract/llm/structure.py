"""From the model's document-structure proposals to facts, field by field.

The model proposes the chart's structure as it does service records: each fact with a
quote that anchors it (a signature line, a certification's title or statement, a risk
conclusion, the words of an authorized period) and the words of each of its fields. Every
quote is aligned on its own (a field's words first looked for from the anchor on; a date
or a name may also be in the document header the chunk carried). A field whose words
cannot be found, or whose words state no value of its kind, is dropped and listed as
ungrounded; the fact stays with what was found (one bad quote drops that field, not the
fact). A fact whose anchor cannot be found, or that is nothing without its one value (a
document date, a schedule's weekdays), is ungrounded as a whole.

The model never states a value: dates, weekly hours, names and credentials, ICD-10 codes,
scores, ages and weekdays are read from the aligned words by the offline reader's own
parsers (:mod:`extract.values`, :mod:`extract.deterministic`). What the model labels is a
judgment about its quoted words, as for the narrative facts: a certification's kind, the
element a sentence states, whether a signature is the member's, a risk conclusion.

Signers are the document's, not one fact's: :func:`assemble` gives every certification and
treatment plan of a document all the signers proposed in it, the one a reader sees first (a
physician's, else the first clinician's) as ``signed_by``, and fills the date of a fact
that states none with the document's date (as the offline reader does).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

from pydantic import BaseModel

from core.data import Document, Evidence
from core.facts import (
    Assessment,
    AssessmentKind,
    AuthorizationPeriod,
    Certification,
    CertificationElement,
    CertificationKind,
    ContinuingServiceRequest,
    Diagnosis,
    DocumentDate,
    Element,
    EpisodeDate,
    EpisodeDateKind,
    Fact,
    Member,
    Person,
    PhysicalExam,
    PlanElement,
    ProgramSchedule,
    RiskAssessment,
    Signer,
    SlotEvidence,
    TreatmentPlan,
)
from extract.deterministic.assessments import instrument_named
from extract.deterministic.documents import ICD10
from extract.deterministic.plans import physician_credentials, weekly_hours
from extract.deterministic.risk import risk_instrument_named
from extract.deterministic.schedule import weekdays_in
from extract.layout import layout_of
from extract.llm.align import Alignment, MatchHow
from extract.llm.meaning import quote_problem
from extract.llm.schema import (
    AssessmentProposal,
    AuthorizationProposal,
    CertificationProposal,
    DiagnosisProposal,
    DocumentDateProposal,
    EpisodeDateProposal,
    ExamProposal,
    MemberProposal,
    NarrativeFacts,
    PlanProposal,
    RequestProposal,
    RiskProposal,
    ScheduleProposal,
    SignerProposal,
)
from extract.values.dates import first_date
from extract.values.people import illegible_person, parse_person

#: ChartFacts fields whose facts the model proposes as document structure.
STRUCTURE_FIELDS: tuple[str, ...] = (
    "members",
    "episode_dates",
    "document_dates",
    "diagnoses",
    "certifications",
    "treatment_plans",
    "risk_assessments",
    "physical_exams",
    "assessments",
    "authorizations",
    "continuing_service_requests",
    "schedules",
)

P = TypeVar("P", bound=BaseModel)
#: the meaning check (extract.llm.meaning) of an element's or a conclusion's words
_STATEMENT = "document_statement"
_NO_DATE = "the quote states no date"
_NO_PERSON = "the quote names no person"
_NUMBER = re.compile(r"(?<![\d.])(\d{1,3}(?:\.\d+)?)(?![\d/])")
_AGE = re.compile(r"(?<![\d.])(\d{1,3})(?![\d./])")


class StructureGrounder(Protocol):
    """What :func:`ground_structure` needs of :class:`extract.llm.convert._Grounder`."""

    @property
    def document(self) -> Document: ...

    def span(
        self,
        quote: str,
        field: str | None,
        *,
        stricter_only: bool = False,
        near: Evidence | None = None,
    ) -> tuple[Evidence, Alignment] | str: ...

    def header_span(self, quote: str) -> tuple[Evidence, Alignment] | str: ...

    def locate(
        self, quote: str, window: tuple[int, int], *, last: bool = False
    ) -> tuple[Evidence, Alignment] | str: ...

    def chunk_bounds(self) -> tuple[int, int]: ...

    @property
    def chunk_page(self) -> int: ...

    def reject(
        self, kind: str, proposal: BaseModel, quote: str, why: str, what: str = ""
    ) -> None: ...

    def source(self, *hows: MatchHow) -> str: ...


@dataclass
class StructureFindings:
    """The structure facts aligned from one chunk's answer, and the signatures."""

    facts: list[Fact] = field(default_factory=list)
    signers: list[Signer] = field(default_factory=list)


@dataclass
class _Fields:
    """The evidence and match quality gathered for one proposal."""

    evidence: list[Evidence] = field(default_factory=list)
    hows: list[MatchHow] = field(default_factory=list)
    # the words of each field, by the fact's field name, with how they were matched
    slots: dict[str, tuple[Evidence, MatchHow]] = field(default_factory=dict)

    def add(self, ev: Evidence, how: MatchHow) -> Evidence:
        if ev not in self.evidence:
            self.evidence.append(ev)
        self.hows.append(how)
        return ev


class _Reader:
    def __init__(self, g: StructureGrounder, kind: str, proposal: BaseModel) -> None:
        self.g = g
        self.kind = kind
        self.proposal = proposal
        self.fields = _Fields()
        self.anchor: Evidence | None = None

    def text(self, ev: Evidence) -> str:
        return self.g.document.page(ev.page).text

    def where(self, quote: str) -> tuple[Evidence, Alignment] | str:
        """A field's words: whole words with the quote's own digits ("3/25/2025" is not
        the end of "03/25/2025"), first from the anchor on, then anywhere in the chunk,
        then in the document header the chunk carried."""
        lo, hi = self.g.chunk_bounds()
        windows = [(lo, hi)]
        if self.anchor is not None and self.anchor.page == self.g.chunk_page:
            windows.insert(0, (self.anchor.start, hi))
        found: tuple[Evidence, Alignment] | str = "the quote is empty"
        for window in windows:
            found = self.g.locate(quote, window)
            if not isinstance(found, str):
                return found
        in_header = self.g.header_span(quote)
        return found if isinstance(in_header, str) else in_header

    def anchor_at(
        self, quote: str, what: str, field: str | None = None, *, stricter_only: bool = False
    ) -> Evidence | None:
        found = self.g.span(quote, field, stricter_only=stricter_only)
        if isinstance(found, str):
            # a long document's later chunk: the model may anchor it on the document's
            # title in the header the chunk carries (checked for its meaning like any quote)
            in_header = self.g.header_span(quote)
            if not isinstance(in_header, str) and (
                field is None
                or quote_problem(
                    field,
                    in_header[0],
                    layout=layout_of(self.g.document),
                    stricter_only=stricter_only,
                )
                is None
            ):
                found = in_header
        if isinstance(found, str):
            self.g.reject(self.kind, self.proposal, quote, found, what)
            return None
        self.anchor = self.fields.add(found[0], found[1].how)
        return self.anchor

    def quoted(self, quote: str | None, what: str, slot: str | None = None) -> Evidence | None:
        if quote is None:
            return None
        found = self.where(quote)
        if isinstance(found, str):
            self.g.reject(self.kind, self.proposal, quote, found, what)
            return None
        if slot is not None:
            self.fields.slots[slot] = (found[0], found[1].how)
        return self.fields.add(found[0], found[1].how)

    def date(self, quote: str | None, what: str, slot: str = "date") -> dt.date | None:
        if quote is None:
            return None
        found = self.where(quote)
        if isinstance(found, str):
            self.g.reject(self.kind, self.proposal, quote, found, what)
            return None
        ev, how = found
        d = first_date(self.text(ev), ev.start, ev.end)
        if d is None:
            self.g.reject(self.kind, self.proposal, quote, _NO_DATE, what)
            return None
        self.fields.add(ev, how.how)
        self.fields.slots[slot] = (ev, how.how)
        return d.date

    def person(self, quote: str | None, what: str, slot: str) -> Person | None:
        if quote is None:
            return None
        found = self.where(quote)
        if isinstance(found, str):
            self.g.reject(self.kind, self.proposal, quote, found, what)
            return None
        ev, how = found
        p = parse_person(self.text(ev), ev.start, ev.end) or illegible_person(
            self.text(ev), ev.start, ev.end
        )
        if p is None:
            self.g.reject(self.kind, self.proposal, quote, _NO_PERSON, what)
            return None
        self.fields.add(ev, how.how)
        words = self.g.document.evidence(ev.page, p.start, p.end)
        self.fields.slots[slot] = (words, how.how)
        return Person(
            evidence=(words,),
            source=self.g.source(how.how),
            name=p.name,
            credentials=p.credentials,
        )

    def value(
        self, quote: str | None, what: str, pattern: re.Pattern[str], why: str, slot: str
    ) -> str | None:
        """The first group of ``pattern`` in the words of ``quote`` (a code, an age, a
        score as written), or ``None``: a quote that states none is rejected with ``why``
        and its words are not evidence."""
        ev = self.quoted(quote, what, slot)
        if ev is None or quote is None:
            return None
        m = pattern.search(ev.quote)
        if m is None:
            self.g.reject(self.kind, self.proposal, quote, why, what)
            self.fields.evidence.remove(ev)
            del self.fields.slots[slot]
            return None
        return m.group(1)

    def words(self, quote: str | None, what: str, slot: str | None = None) -> str | None:
        ev = self.quoted(quote, what, slot)
        return None if ev is None else self.text(ev)[ev.start : ev.end]

    def done(self) -> tuple[tuple[Evidence, ...], str]:
        return tuple(self.fields.evidence), self.g.source(*self.fields.hows)

    def slots(self) -> tuple[SlotEvidence, ...]:
        """The words of each field read, with the reader that read them (per-field
        sources: RULES/AUDIT "which extractor produced it")."""
        return tuple(
            SlotEvidence(slot=name, evidence=(ev,), source=self.g.source(how))
            for name, (ev, how) in self.fields.slots.items()
        )


def ground_structure(g: StructureGrounder, answer: NarrativeFacts) -> StructureFindings:
    """The structure facts of one chunk's answer (module docstring); rejections go to ``g``."""
    out = StructureFindings()
    for s in answer.signers:
        signer = _signer(_Reader(g, "signers", s), s)
        if signer is not None:
            out.signers.append(signer)
    _each(g, out, answer.certifications, _certification)
    _each(g, out, answer.treatment_plans, _plan)
    _each(g, out, answer.risk_assessments, _risk)
    _each(g, out, answer.diagnoses, _diagnosis)
    _each(g, out, answer.document_dates, _document_date)
    _each(g, out, answer.episode_dates, _episode_date)
    _each(g, out, answer.members, _member)
    _each(g, out, answer.authorizations, _authorization)
    _each(g, out, answer.service_requests, _request)
    _each(g, out, answer.physical_exams, _exam)
    _each(g, out, answer.assessments, _assessment)
    _each(g, out, answer.schedules, _schedule)
    return out


def _each(
    g: StructureGrounder,
    out: StructureFindings,
    proposals: Sequence[P],
    read: Callable[[StructureGrounder, P], Fact | None],
) -> None:
    for proposal in proposals:
        fact = read(g, proposal)
        if fact is not None:
            out.facts.append(fact)


def _signer(r: _Reader, p: SignerProposal) -> Signer | None:
    if r.anchor_at(p.signature_quote, "the signature: ") is None:
        return None
    member = p.signer_type == "member"
    person = r.person(p.name_quote, "the signer's name: ", "name") if p.signed else None
    signed_on = r.date(p.date_quote, "the date signed: ") if p.signed else None
    role = r.words(p.role_quote, "the signature line's label: ")
    evidence, source = r.done()
    return Signer(
        evidence=evidence,
        source=source,
        name=person.name if person else None,
        credentials=() if member or person is None else person.credentials,
        date=signed_on,
        role=role.strip(" :*\t") or None if role else None,
        signed=p.signed,
        member=member,
    )


def _certification(g: StructureGrounder, p: CertificationProposal) -> Certification | None:
    r = _Reader(g, "certifications", p)
    if r.anchor_at(p.quote, "the certification: ", "certification") is None:
        return None
    when = r.date(p.date_quote, "the certification's date: ")
    elements: list[Element] = []
    hours: float | None = None
    hours_ev = r.quoted(p.hours_quote, "the weekly hours: ", "hours_per_week")
    if hours_ev is not None:
        text = r.text(hours_ev)
        stated = weekly_hours(text[hours_ev.start : hours_ev.end])
        if stated:
            hours = stated[0][2]
            elements.append(
                Element(
                    evidence=(hours_ev,),
                    source=r.g.source(*r.fields.hows),
                    name=CertificationElement.MIN_HOURS,
                )
            )
        else:
            assert p.hours_quote is not None
            g.reject("certifications", p, p.hours_quote, "the quote states no weekly hours")
    for e in p.elements:
        name = CertificationElement(e.element)
        if name is CertificationElement.MIN_HOURS and hours is not None:
            continue  # the hours statement is the element
        found = g.span(e.quote, _STATEMENT, near=r.anchor)
        if isinstance(found, str):
            g.reject("certifications", p, e.quote, found, f"the element {name.value}: ")
            continue
        if name is CertificationElement.MIN_HOURS:
            stated = weekly_hours(found[0].quote)
            if not stated:
                g.reject("certifications", p, e.quote, "the quote states no weekly hours")
                continue
            hours = stated[0][2]
        elements.append(Element(evidence=(found[0],), source=g.source(found[1].how), name=name))
    evidence, source = r.done()
    return Certification(
        evidence=evidence,
        source=source,
        slots=r.slots(),
        kind=CertificationKind(p.kind),
        date=when,
        hours_per_week=hours,
        elements=tuple(elements),
    )


def _plan(g: StructureGrounder, p: PlanProposal) -> TreatmentPlan | None:
    r = _Reader(g, "treatment_plans", p)
    if r.anchor_at(p.quote, "the treatment plan: ", "treatment_plan") is None:
        return None
    when = r.date(p.date_quote, "the plan's date: ")
    elements: list[Element] = []
    for e in p.elements:
        name = PlanElement(e.element)
        found = g.span(e.quote, _STATEMENT, near=r.anchor)
        if isinstance(found, str):
            g.reject("treatment_plans", p, e.quote, found, f"the element {name.value}: ")
            continue
        elements.append(Element(evidence=(found[0],), source=g.source(found[1].how), name=name))
    evidence, source = r.done()
    return TreatmentPlan(
        evidence=evidence, source=source, slots=r.slots(), date=when, elements=tuple(elements)
    )


def _risk(g: StructureGrounder, p: RiskProposal) -> RiskAssessment | None:
    r = _Reader(g, "risk_assessments", p)
    # a conclusion of danger could only make a rule stricter: dropped only for no words
    danger = bool(p.imminent_danger or p.needs_24h_supervision)
    if (
        r.anchor_at(
            p.conclusion_quote, "the risk conclusion: ", "risk_conclusion", stricter_only=danger
        )
        is None
    ):
        return None
    when = r.date(p.date_quote, "the assessment's date: ")
    assessor = r.person(p.assessor_quote, "who assessed: ", "assessor")
    said = r.words(p.instrument_quote, "the instrument: ", "instrument")
    instrument = (risk_instrument_named(said) or said) if said else None
    evidence, source = r.done()
    return RiskAssessment(
        evidence=evidence,
        source=source,
        slots=r.slots(),
        date=when,
        assessor=assessor,
        instrument=instrument,
        imminent_danger=p.imminent_danger,
        needs_24h_supervision=p.needs_24h_supervision,
    )


def _diagnosis(g: StructureGrounder, p: DiagnosisProposal) -> Diagnosis | None:
    r = _Reader(g, "diagnoses", p)
    code = r.value(
        p.code_quote, "the diagnosis code: ", ICD10, "the quote holds no ICD-10-CM code", "code"
    )
    name = r.words(p.name_quote, "the diagnosis name: ", "name")
    if code is None and not name:
        return None
    evidence, source = r.done()
    return Diagnosis(evidence=evidence, source=source, slots=r.slots(), code=code, name=name)


def _document_date(g: StructureGrounder, p: DocumentDateProposal) -> DocumentDate | None:
    r = _Reader(g, "document_dates", p)
    when = r.date(p.date_quote, "the document's date: ")
    if when is None:
        return None
    evidence, source = r.done()
    return DocumentDate(evidence=evidence, source=source, slots=r.slots(), date=when, basis=p.basis)


def _episode_date(g: StructureGrounder, p: EpisodeDateProposal) -> EpisodeDate | None:
    r = _Reader(g, "episode_dates", p)
    when = r.date(p.date_quote, f"the {p.kind} date: ")
    if when is None:
        return None
    evidence, source = r.done()
    return EpisodeDate(
        evidence=evidence, source=source, slots=r.slots(), kind=EpisodeDateKind(p.kind), date=when
    )


def _member(g: StructureGrounder, p: MemberProposal) -> Member | None:
    r = _Reader(g, "members", p)
    born = r.date(p.date_of_birth_quote, "the date of birth: ", "date_of_birth")
    stated = r.value(p.age_quote, "the age: ", _AGE, "the quote states no age", "age")
    age = int(stated) if stated is not None else None
    if born is None and age is None:
        return None
    evidence, source = r.done()
    return Member(evidence=evidence, source=source, slots=r.slots(), date_of_birth=born, age=age)


def _authorization(g: StructureGrounder, p: AuthorizationProposal) -> AuthorizationPeriod | None:
    r = _Reader(g, "authorizations", p)
    if r.anchor_at(p.quote, "the authorization: ") is None:
        return None
    start = r.date(p.start_quote, "the authorization's start: ", "start")
    end = r.date(p.end_quote, "the authorization's end: ", "end")
    if start is None and end is None:
        return None
    evidence, source = r.done()
    return AuthorizationPeriod(
        evidence=evidence, source=source, slots=r.slots(), start=start, end=end
    )


def _request(g: StructureGrounder, p: RequestProposal) -> ContinuingServiceRequest | None:
    r = _Reader(g, "continuing_service_requests", p)
    if r.anchor_at(p.quote, "the request: ") is None:
        return None
    submitted = r.date(p.submitted_quote, "the date submitted: ", "submitted")
    current_end = r.date(
        p.current_end_quote, "the current authorization's end: ", "current_authorization_end"
    )
    evidence, source = r.done()
    return ContinuingServiceRequest(
        evidence=evidence,
        source=source,
        slots=r.slots(),
        submitted=submitted,
        current_authorization_end=current_end,
    )


def _exam(g: StructureGrounder, p: ExamProposal) -> PhysicalExam | None:
    r = _Reader(g, "physical_exams", p)
    if r.anchor_at(p.quote, "the physical exam: ") is None:
        return None
    when = r.date(p.date_quote, "the exam's date: ")
    examiner = r.person(p.examiner_quote, "the examiner: ", "examiner")
    evidence, source = r.done()
    return PhysicalExam(
        evidence=evidence, source=source, slots=r.slots(), date=when, examiner=examiner
    )


def _assessment(g: StructureGrounder, p: AssessmentProposal) -> Assessment | None:
    r = _Reader(g, "assessments", p)
    anchor = r.anchor_at(p.instrument_quote, "the instrument: ")
    if anchor is None:
        return None
    written = r.value(p.score_quote, "the score: ", _NUMBER, "the quote states no score", "score")
    score = float(written) if written is not None else None
    when = r.date(p.date_quote, "the date given: ")
    evidence, source = r.done()
    # the vocabulary's name of an instrument it knows ("DAST-10" -> "DAST"), so one
    # instrument's scores over the stay are one instrument's; else the words as written
    named = instrument_named(anchor.quote)
    return Assessment(
        evidence=evidence,
        source=source,
        slots=r.slots(),
        kind=AssessmentKind(p.kind),
        instrument=anchor.quote if named is None else named[1],
        date=when,
        score=score,
    )


def _schedule(g: StructureGrounder, p: ScheduleProposal) -> ProgramSchedule | None:
    r = _Reader(g, "schedules", p)
    ev = r.quoted(p.weekdays_quote, "the schedule: ", "weekdays")
    if ev is None:
        return None
    days = weekdays_in(r.text(ev), ev.start, ev.end)
    if not days:
        g.reject("schedules", p, p.weekdays_quote, "the quote lists no weekdays")
        return None
    evidence, source = r.done()
    return ProgramSchedule(evidence=evidence, source=source, slots=r.slots(), weekdays=days)


# --------------------------------------------------------------------------- per document


def assemble(facts: Sequence[Fact], signers: Sequence[Signer]) -> list[Fact]:
    """One document's structure facts from all its chunks (already without repeats): its
    certifications and plans with every signer of the document, undated facts dated with
    the document's date (the first one proposed), one document date."""
    signed = unique_signers(signers)
    facts = _one_per_document(facts)
    dates = [f for f in facts if isinstance(f, DocumentDate)]
    doc_date = dates[0] if dates else None
    out: list[Fact] = [doc_date] if doc_date is not None else []
    for f in facts:
        if isinstance(f, DocumentDate):
            continue
        if isinstance(f, (Certification, TreatmentPlan)):
            f = f.model_copy(update={"signers": signed, "signed_by": first_signer(signed)})
        if (
            doc_date is not None
            and isinstance(f, (Certification, TreatmentPlan, RiskAssessment, Assessment))
            and f.date is None
        ):
            taken = SlotEvidence(slot="date", evidence=doc_date.evidence, source=doc_date.source)
            f = f.model_copy(update={"date": doc_date.date, "slots": (*f.slots, taken)})
        if isinstance(f, Member) and doc_date is not None and f.age is not None:
            f = f.model_copy(update={"age_on": doc_date.date})
        out.append(f)
    return out


def _one_per_document(facts: Sequence[Fact]) -> list[Fact]:
    """A certification (of one kind) or a treatment plan proposed from several chunks of
    its document is one fact: the first part's words first, each element once, the first
    date and hours stated."""
    out: list[Fact] = []
    for f in facts:
        if not isinstance(f, (Certification, TreatmentPlan)):
            out.append(f)
            continue
        i = next(
            (
                i
                for i, o in enumerate(out)
                if type(o) is type(f)
                and (not isinstance(f, Certification) or getattr(o, "kind", None) == f.kind)
            ),
            None,
        )
        if i is None:
            out.append(f)
            continue
        first = out[i]
        assert isinstance(first, (Certification, TreatmentPlan))
        names = {e.name for e in first.elements}
        update: dict[str, object] = {
            "evidence": tuple(dict.fromkeys((*first.evidence, *f.evidence))),
            "elements": (*first.elements, *(e for e in f.elements if e.name not in names)),
            "date": first.date or f.date,
            "slots": (*first.slots, *(x for x in f.slots if not first.slot_evidence(x.slot))),
        }
        if isinstance(first, Certification) and isinstance(f, Certification):
            update["hours_per_week"] = (
                first.hours_per_week if first.hours_per_week is not None else f.hours_per_week
            )
        out[i] = first.model_copy(update=update)
    return out


def unique_signers(signers: Iterable[Signer]) -> tuple[Signer, ...]:
    """Each signature once, in the document's order (the same person signing twice, or one
    line proposed from two chunks, is one signer)."""
    out: list[Signer] = []
    for s in sorted(signers, key=lambda s: (s.evidence[0].page, s.evidence[0].start)):
        if any(_same_signer(s, o) for o in out):
            continue
        out.append(s)
    return tuple(out)


def _same_signer(a: Signer, b: Signer) -> bool:
    if a.signed != b.signed:
        return False
    if a.signed:
        return (a.name, a.credentials) == (b.name, b.credentials) and (
            a.name is not None or a.evidence[0] == b.evidence[0]
        )
    return a.evidence[0] == b.evidence[0]


def first_signer(signers: Sequence[Signer]) -> Person | None:
    """The signer a reader sees first: a physician's signature, else the first
    clinician's."""
    clinicians = [s for s in signers if s.signed and not s.member]
    physicians = physician_credentials()
    chosen = next((s for s in clinicians if set(s.credentials) & physicians), None)
    chosen = chosen or (clinicians[0] if clinicians else None)
    if chosen is None:
        return None
    return Person(
        evidence=chosen.evidence,
        source=chosen.source,
        name=chosen.name,
        credentials=chosen.credentials,
    )
