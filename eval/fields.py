"""The facts the eval scores, as (field, value, spans) items — from a review's facts and
from a gold file — and how two items match (eval/README.md "Scoring")."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from pydantic import BaseModel

from core.data import Document, Evidence
from core.facts import (
    GROUP_KINDS,
    Attendance,
    Certification,
    CertificationKind,
    ChartFacts,
    EpisodeDateKind,
    Modality,
    Person,
    Session,
    TreatmentPlan,
)
from eval.check_gold import Span, locate
from eval.gold import GoldChart, GoldSession, Location
from extract.vocab.lexicon import canonical_credential


@dataclass(frozen=True)
class Item:
    """One fact to score. ``values`` holds the value, or for a credential field every
    credential of the person (the gold value matches any of them)."""

    field: str
    values: frozenset[str]
    spans: tuple[Span, ...]

    def matches(self, gold: Item) -> bool:
        """Same field, the gold value among ours, and an overlapping span."""
        return (
            self.field == gold.field
            and bool(self.values & gold.values)
            and any(_overlap(a, b) for a in self.spans for b in gold.spans)
        )


def _overlap(a: Span, b: Span) -> bool:
    return (
        a.document_id == b.document_id and a.page == b.page and a.start < b.end and b.start < a.end
    )


def norm_credential(text: str) -> str:
    """'M.D.' -> 'MD', 'pa-c' -> 'PA-C', 'PMHNP-BC' -> 'PMHNP' (a board certification is
    not another credential); a state's spelling the credential vocabulary names is its
    credential ('LICDC-CS' -> 'LADC', 'LISW' -> 'LCSW'), as the extractor reports it."""
    text = canonical_credential(text.strip()) or text
    return text.replace(".", "").replace(" ", "").upper().removesuffix("-BC")


def _minutes(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


# --------------------------------------------------------------------------- predictions


def evidence_of(model: BaseModel) -> Iterator[Evidence]:
    """Every evidence span anywhere in ``model`` (its own, its signer's, its elements')."""
    for name in type(model).model_fields:
        value = getattr(model, name)
        for item in value if isinstance(value, tuple) else (value,):
            if isinstance(item, Evidence):
                yield item
            elif isinstance(item, BaseModel):
                yield from evidence_of(item)


def _spans(model: BaseModel) -> tuple[Span, ...]:
    return tuple(Span(e.document_id, e.page, e.start, e.end) for e in evidence_of(model))


def _item(field: str, value: str, model: BaseModel) -> Item:
    return Item(field, frozenset({value}), _spans(model))


def _credentials(field: str, person: Person | None, model: BaseModel) -> Item | None:
    if person is None or not person.credentials:
        return None
    return Item(field, frozenset(norm_credential(c) for c in person.credentials), _spans(model))


def _signer_items(field: str, document: Certification | TreatmentPlan) -> list[Item]:
    """One item per signature of the document with a credential (a blank line signs
    nothing); a document read with no list of signers: its one signer."""
    signed = [p for p in document.signers if p.signed]
    people: list[Person] = [*signed] or ([document.signed_by] if document.signed_by else [])
    return [x for x in (_credentials(field, p, document) for p in people) if x is not None]


def _age(born: dt.date, on: dt.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _session_items(s: Session) -> Iterator[Item]:
    day = s.date.isoformat()
    yield _item("session", f"{day} {s.service_kind.value}", s)
    if s.minutes is not None:
        yield _item("session_minutes", f"{day} {_minutes(s.minutes)}", s)
    if s.attendance is not Attendance.UNKNOWN:
        yield _item("attendance", f"{day} {s.attendance.value}", s)
    if s.group_size is not None:
        yield _item("group_size", f"{day} {s.group_size}", s)
    for person in s.facilitators if s.service_kind in GROUP_KINDS else ():
        if person.credentials:
            creds = frozenset(f"{day} {norm_credential(c)}" for c in person.credentials)
            yield Item("facilitator", creds, _spans(s))
    if s.modality is not Modality.UNKNOWN:
        yield _item("modality", f"{day} {s.modality.value}", s)


def predicted_items(facts: ChartFacts) -> list[Item]:
    """The review's facts as items, for the fields the gold annotates."""
    items: list[Item] = []
    admissions = sorted(d.date for d in facts.episode_dates if d.kind is EpisodeDateKind.ADMISSION)
    for d in facts.episode_dates:
        field = "admission_date" if d.kind is EpisodeDateKind.ADMISSION else "discharge_date"
        items.append(_item(field, d.date.isoformat(), d))
    for c in facts.certifications:
        kind = "initial" if c.kind is CertificationKind.INITIAL else "recertification"
        items.append(_item("certification", f"{kind} {c.date or 'undated'}", c))
        items += _signer_items("certification_signer", c)
    for plan in facts.treatment_plans:
        items += _signer_items("plan_signer", plan)
        for g in plan.goals:
            measurable = "yes" if g.measure is not None else "no"
            timed = "yes" if g.time_frame is not None else "no"
            items.append(_item("goal", f"measurable={measurable} time_framed={timed}", g))
    for dx in facts.diagnoses:
        value = dx.code.upper() if dx.code else (dx.name or "").lower()
        items.append(_item("diagnosis", value, dx))
    for r in facts.risk_assessments:
        danger = {True: "yes", False: "no", None: "unknown"}[r.imminent_danger]
        items.append(_item("risk_assessment", f"imminent_danger={danger}", r))
        items += filter(None, [_credentials("risk_assessor", r.assessor, r)])
    for m in facts.members:
        if m.date_of_birth is not None and admissions:
            items.append(_item("member_age", str(_age(m.date_of_birth, admissions[0])), m))
        elif m.age is not None:
            items.append(_item("member_age", str(m.age), m))
    for x in facts.physical_exams:
        items.append(_item("physical_exam", x.date.isoformat() if x.date else "undated", x))
    for s in facts.sessions:
        items += _session_items(s)
    return items


# --------------------------------------------------------------------------- gold


def _gold_spans(documents: Sequence[Document], at: Sequence[Location]) -> tuple[Span, ...]:
    return tuple(span for loc in at for span in locate(documents, loc.document, loc.quote))


def _gold_session_items(s: GoldSession, spans: tuple[Span, ...]) -> Iterator[Item]:
    day = s.date.isoformat()

    def one(field: str, value: str) -> Item:
        return Item(field, frozenset({value}), spans)

    yield one("session", f"{day} {s.kind.value}")
    if s.minutes is not None:
        yield one("session_minutes", f"{day} {_minutes(s.minutes)}")
    if s.attendance is not Attendance.UNKNOWN:  # as for predictions: no value to match
        yield one("attendance", f"{day} {s.attendance.value}")
    if s.group_size is not None:
        yield one("group_size", f"{day} {s.group_size}")
    for cred in s.facilitators if s.kind in GROUP_KINDS else ():
        yield one("facilitator", f"{day} {norm_credential(cred)}")
    if s.modality is not None:
        yield one("modality", f"{day} {s.modality.value}")


def gold_items(gold: GoldChart, documents: Sequence[Document]) -> list[Item]:
    """The gold file's facts and session rows as items located in ``documents``."""
    items: list[Item] = []
    for f in gold.facts:
        value = f.value
        if f.field in ("certification_signer", "plan_signer", "risk_assessor"):
            value = norm_credential(value)
        elif f.field == "diagnosis":
            value = value.upper() if value[:1].isalpha() and value[1:2].isdigit() else value.lower()
        items.append(Item(f.field, frozenset({value}), _gold_spans(documents, f.at)))
    for s in gold.sessions:
        items += _gold_session_items(s, _gold_spans(documents, s.at))
    return items
