"""Hybrid: the offline reader's structure facts joined field by field with the model's.

Both readers read a document's structure (certifications, plans, risk assessments,
diagnoses, dates, authorizations, ...). A model fact *reads* an offline fact of the same
document, type and key (a certification's kind, an episode date's kind, a document date's
basis, an assessment's instrument) whose words it shares, else the only such offline fact
of a kind a document holds one of. Joined, each compared field is judged on its own:

- both state it alike, or only the offline reader does: the offline value stands;
- only the model states it: the model's value is kept, with its words and its source;
- they state it differently: the field is *uncertain*: the fact holds no value for it and
  an :class:`~core.facts.UncertainSlot` with both values and both readers' words, which the
  rules treat as unknown and name (a field a fact cannot be without, a document's date, an
  admission date, a schedule's weekdays, leaves both facts in place instead: the rules
  already treat two different dates of one thing as a conflict).

The joined fact's ``source`` names both readers. A model fact that reads no offline fact is
kept where the offline reader read none of that kind in the document (one per document:
a document date, a member, a schedule, ...), or, for kinds a document may hold several of
(diagnoses, assessments, episode dates), where its words are no offline fact's and it
states what no offline fact of the document states.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from core.data import Evidence
from core.facts import (
    Assessment,
    AuthorizationPeriod,
    Certification,
    CertificationElement,
    ContinuingServiceRequest,
    Diagnosis,
    DocumentDate,
    EpisodeDate,
    Fact,
    Member,
    PhysicalExam,
    ProgramSchedule,
    RiskAssessment,
    Signer,
    SlotEvidence,
    SlottedFact,
    TreatmentPlan,
    UncertainSlot,
)
from extract.llm.structure import first_signer, unique_signers
from extract.values.dates import find_dates

#: The fields of each structure fact the two readers' values are compared on.
COMPARED: Mapping[type[Fact], tuple[str, ...]] = {
    Certification: ("date", "hours_per_week"),
    TreatmentPlan: ("date",),
    RiskAssessment: ("date", "imminent_danger", "needs_24h_supervision"),
    Member: ("date_of_birth", "age"),
    Diagnosis: ("code",),
    PhysicalExam: ("date",),
    Assessment: ("date", "score"),
    AuthorizationPeriod: ("start", "end"),
    ContinuingServiceRequest: ("submitted", "current_authorization_end"),
    DocumentDate: ("date",),
    EpisodeDate: ("date",),
    ProgramSchedule: ("weekdays",),
}
#: Fields only filled in: kept from the offline reader, else taken from the model.
FILLED: Mapping[type[Fact], tuple[str, ...]] = {
    RiskAssessment: ("assessor", "instrument"),
    Member: ("age_on",),
    Diagnosis: ("name",),
    PhysicalExam: ("examiner",),
}
#: Fields that say which fact of a document it is: facts that differ in them are two facts.
KEYS: Mapping[type[Fact], tuple[str, ...]] = {
    Certification: ("kind",),
    EpisodeDate: ("kind",),
    DocumentDate: ("basis",),
    Assessment: ("kind", "instrument"),
}
#: Fields a fact cannot be without: two values are two facts (a conflict the rules see).
REQUIRED: Mapping[type[Fact], tuple[str, ...]] = {
    DocumentDate: ("date",),
    EpisodeDate: ("date",),
    ProgramSchedule: ("weekdays",),
}
#: Kinds a document may state several of.
MANY: frozenset[type[Fact]] = frozenset({Diagnosis, Assessment, EpisodeDate})


def join_structure(
    deterministic: Sequence[Fact],
    proposed: Sequence[Fact],
    document_dates: Sequence[DocumentDate],
    signers: Mapping[str, Sequence[Signer]],
) -> tuple[Fact, ...]:
    """One ChartFacts structure field in ``hybrid``: the offline facts joined with the
    model's (module docstring). ``signers``: the model's signers by document id, added to
    the offline reader's certifications and plans of that document."""
    joined = [with_signers(f, signers.get(f.document_id, ())) for f in deterministic]
    taken: set[int] = set()
    added: list[Fact] = []
    for p in proposed:
        i = _twin(joined, taken, p)
        if i is None:
            if _kept(p, deterministic):
                added.append(p)
            continue
        taken.add(i)
        both = _joined(joined[i], p, document_dates)
        if both is None:
            added.append(p)  # a required field read two ways: both facts stand
        else:
            joined[i] = both
    return (*joined, *added)


def _key(f: Fact) -> tuple[object, ...]:
    return (type(f), f.document_id, *(getattr(f, k) for k in KEYS.get(type(f), ())))


def _overlaps(a: Fact, b: Fact) -> bool:
    return any(x.overlaps(y) for x in a.evidence for y in b.evidence)


def _twin(joined: Sequence[Fact], taken: set[int], p: Fact) -> int | None:
    """The offline fact ``p`` reads: same key, sharing words; else the only one of its key
    in the document (never for kinds a document may hold several of)."""
    alike = [i for i, f in enumerate(joined) if i not in taken and _key(f) == _key(p)]
    sharing = [i for i in alike if _overlaps(joined[i], p)]
    if sharing:
        return sharing[0]
    if type(p) in MANY or len(alike) != 1:
        return None
    return alike[0]


def _kept(p: Fact, deterministic: Sequence[Fact]) -> bool:
    """An unpaired model fact is kept where the offline reader read none of its kind in
    the document, or (kinds a document holds several of) none from its words."""
    same = [f for f in deterministic if type(f) is type(p) and f.document_id == p.document_id]
    if type(p) in MANY:
        return not any(_overlaps(f, p) or _alike(f, p) for f in same)
    return not same


def _alike(a: Fact, b: Fact) -> bool:
    """Two facts of a kind that state the same values (one claim, written twice)."""
    names = (*KEYS.get(type(a), ()), *COMPARED.get(type(a), ()))
    return _key(a) == _key(b) and all(getattr(a, n) == getattr(b, n) for n in names)


def _joined(d: Fact, p: Fact, document_dates: Sequence[DocumentDate]) -> Fact | None:
    """``d`` (offline) joined with ``p`` (the model's reading of it), or ``None`` when a
    required field is read two ways (both facts stand)."""
    assert type(d) is type(p) and isinstance(d, SlottedFact) and isinstance(p, SlottedFact)
    if any(getattr(d, f) != getattr(p, f) for f in REQUIRED.get(type(d), ())):
        return None
    update: dict[str, object] = {}
    uncertain = list(d.uncertain)
    slots = list(d.slots)
    for name in COMPARED.get(type(d), ()):
        mine, theirs = getattr(d, name), getattr(p, name)
        if theirs is None:
            continue
        if mine == theirs:
            slots.extend(_slots_of(p, name))  # both read it: the model's words beside
            continue
        if mine is None:
            update[name] = theirs
            slots.extend(_slots_of(p, name))
            continue
        update[name] = None
        uncertain.append(
            UncertainSlot(
                slot=name,
                values=(str(mine), str(theirs)),
                evidence=(
                    _value_words(d, name, mine, document_dates),
                    _value_words(p, name, theirs, ()),
                ),
            )
        )
    for name in FILLED.get(type(d), ()):
        if getattr(d, name) is None and getattr(p, name) is not None:
            update[name] = getattr(p, name)
            slots.extend(_slots_of(p, name))
    if isinstance(d, (Certification, TreatmentPlan)):
        assert isinstance(p, (Certification, TreatmentPlan))
        have = {e.name for e in d.elements}
        extra = tuple(e for e in p.elements if e.name not in have)
        if extra:
            update["elements"] = (*d.elements, *extra)
    if uncertain != list(d.uncertain):
        update["uncertain"] = tuple(uncertain)
    if slots != list(d.slots):
        update["slots"] = tuple(slots)
    update["source"] = d.source if p.source in d.source.split("+") else f"{d.source}+{p.source}"
    return d.model_copy(update=update)


def _slots_of(p: SlottedFact, name: str) -> tuple[SlotEvidence, ...]:
    return tuple(s for s in p.slots if s.slot == name)


def _value_words(
    fact: SlottedFact, name: str, value: object, document_dates: Sequence[DocumentDate]
) -> Evidence:
    """The words of ``fact`` that state its ``name`` field: its recorded slot words, a
    certification's hours statement, the words (or the document date's) holding the date;
    else its first words."""
    own = fact.slot_evidence(name)
    if own:
        return own[0]
    if name == "hours_per_week" and isinstance(fact, Certification):
        element = fact.element(CertificationElement.MIN_HOURS)
        if element is not None:
            return element.evidence[0]
    dated = [dd.evidence for dd in document_dates if dd.document_id == fact.document_id]
    for ev in (*fact.evidence, *(ev for evs in dated for ev in evs)):
        if any(d.date == value for d in find_dates(ev.quote)):
            return ev
    return fact.evidence[0]


def with_signers(fact: Fact, proposed: Sequence[Signer]) -> Fact:
    """An offline certification or plan with the model's signers it lacks."""
    if not isinstance(fact, (Certification, TreatmentPlan)) or not proposed:
        return fact
    have = list(fact.signers)
    added = [
        s
        for s in proposed
        if not any(
            s.evidence[0].overlaps(h.evidence[0])
            or (s.signed and h.signed and s.name is not None and s.name == h.name)
            for h in have
        )
    ]
    if not added:
        return fact
    signers = unique_signers([*have, *added])
    return fact.model_copy(
        update={"signers": signers, "signed_by": fact.signed_by or first_signer(signers)}
    )
