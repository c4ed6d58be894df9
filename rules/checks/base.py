"""The check interface, the registry helper and wording helpers shared by checks.

A check is a pure function ``(ChartContext, params) -> Outcome``. Its parameters are a
pydantic model (``extra="forbid"``) filled from the pack's ``parameters`` and the rule's
overrides at pack load time, so a pack with a bad threshold or an unknown service kind
fails when it is loaded, never during a review.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, JsonValue

from core.data import Evidence
from core.facts import Fact, Person, ServiceKind, Session, Signer
from core.findings import Status
from rules.context import ChartContext
from rules.timeline import MISSED, DoubtKind, ProgramWeek, Service, is_counted


@dataclass(frozen=True)
class Outcome:
    """What a check decided; the engine adds the rule id and the citations."""

    status: Status
    reason: str
    evidence: tuple[Evidence, ...] = ()
    values: dict[str, JsonValue] = field(default_factory=dict)
    # Kinds of doubt (rules.timeline.Doubt.why) the check has weighed itself: the engine's
    # ``if_records_unread`` policy then applies to the other doubts only.
    weighed: frozenset[DoubtKind] = frozenset()


class Params(BaseModel):
    """Base of check parameter models."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class NoParams(Params):
    """For checks that take no parameters."""


P = TypeVar("P", bound=Params)
CheckFunction = Callable[[ChartContext, P], Outcome]


@dataclass(frozen=True)
class RegisteredCheck(Generic[P]):
    """A check function with its name and its parameter model."""

    name: str
    params_model: type[P]
    function: CheckFunction[P]

    def run(self, context: ChartContext, params: Params) -> Outcome:
        """Run the check; ``params`` must be an instance of ``params_model``."""
        if not isinstance(params, self.params_model):
            raise TypeError(
                f"check {self.name} takes {self.params_model.__name__}, not {type(params).__name__}"
            )
        return self.function(context, params)


class CheckSet:
    """The checks of one module, registered with a decorator under ``<prefix>.<name>``."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.checks: dict[str, RegisteredCheck[Any]] = {}

    def check(self, name: str, params: type[P]) -> Callable[[CheckFunction[P]], CheckFunction[P]]:
        """Register the decorated function as check ``<prefix>.<name>`` taking ``params``."""
        full_name = f"{self.prefix}.{name}"
        if full_name in self.checks:
            raise ValueError(f"check {full_name} is registered twice")

        def register(function: CheckFunction[P]) -> CheckFunction[P]:
            self.checks[full_name] = RegisteredCheck(full_name, params, function)
            return function

        return register


# --------------------------------------------------------------------------- wording


def join_words(items: Sequence[str], conjunction: str = "and") -> str:
    """``["a"]`` -> "a"; ``["a", "b", "c"]`` -> "a, b and c"."""
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def sentence(text: str) -> str:
    """Capitalise the first letter and end with a period."""
    text = text.strip()
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


def fmt_number(value: float) -> str:
    """9.0 -> "9"; 7.5 -> "7.5"; 7.333 -> "7.33"."""
    return f"{round(value, 2):g}"


_KIND_LABELS = {
    ServiceKind.VOCATIONAL: "vocational training",
    ServiceKind.SELF_ADMINISTERED_MEDICATION: "self-administered medication",
    ServiceKind.RECREATIONAL: "recreational activity",
    ServiceKind.SOCIAL: "social activity",
    ServiceKind.CBRS: "CBRS",
    ServiceKind.OUD_MEDICATION_DOSING: "OUD medication dosing",
}


def kind_label(kind: ServiceKind) -> str:
    """Readable name of a service kind ("group psychotherapy", "vocational training")."""
    return _KIND_LABELS.get(kind, kind.value.replace("_", " "))


def iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def dated(noun: str, day: dt.date | None) -> str:
    """ "the treatment plan dated 2025-03-04", or "the treatment plan" if undated."""
    return f"the {noun} dated {day.isoformat()}" if day else f"the {noun}"


def quote_short(text: str, limit: int = 60) -> str:
    """A short quotation of chart text for a reason."""
    flat = " ".join(text.split())
    return f"“{flat if len(flat) <= limit else flat[: limit - 1].rstrip() + '…'}”"


def session_label(session: Session) -> str:
    """ "2025-03-10 09:00 group psychotherapy"."""
    start = session.start or session.member_start
    clock = f" {start.strftime('%H:%M')}" if start else ""
    return f"{session.date.isoformat()}{clock} {kind_label(session.service_kind)}"


def examined(sessions: Iterable[Session]) -> tuple[Evidence, ...]:
    """The service records a ``met`` resting on an absence examined (RULES.md): each one
    cited once, by the words that date it."""
    spans: list[Evidence] = []
    for s in sessions:
        spans.extend(s.slot_evidence("date")[:1] or s.evidence[:1])
    return tuple(dict.fromkeys(spans))


def evidence_of(*groups: Iterable[Fact] | Iterable[Evidence]) -> tuple[Evidence, ...]:
    """The evidence of facts and loose spans, in order, each once."""
    spans: list[Evidence] = []
    for group in groups:
        for item in group:
            spans.extend(item.evidence if isinstance(item, Fact) else (item,))
    return tuple(dict.fromkeys(spans))


# --------------------------------------------------------------------------- deciding spans

#: ``values`` key of a finding whose evidence starts with the spans that decided it: how
#: many of the first ``evidence`` entries those are (the rest supports or gives context).
DECIDING_KEY = "deciding_evidence"
#: ``values`` key: how the deciding spans group, in order (each session's date and times,
#: each need of a document): the sizes of the groups, summing to ``DECIDING_KEY``'s count.
DECIDING_GROUPS_KEY = "deciding_groups"

# the slots that give a session its length (RULES.md "Service hours")
_TIME_SLOTS = ("start", "end", "member_start", "member_end", "minutes")


def deciding_layout(
    values: Mapping[str, JsonValue], evidence_count: int
) -> tuple[int, list[int] | None]:
    """How a finding's evidence leads with its deciding spans, read back from its
    ``values``: how many lead (0 when the rule marked none; never more than the evidence)
    and the sizes of their groups, or ``None`` when the rule recorded no valid grouping."""
    count = values.get(DECIDING_KEY)
    if not isinstance(count, int) or isinstance(count, bool) or count < 0:
        count = 0
    count = min(count, evidence_count)
    sizes = values.get(DECIDING_GROUPS_KEY)
    if not isinstance(sizes, list):
        return count, None
    groups = [n for n in sizes if isinstance(n, int) and not isinstance(n, bool) and n > 0]
    if len(groups) != len(sizes) or sum(groups) != count:
        return count, None
    return count, groups


def deciding_first(
    deciding: Iterable[Evidence], rest: Iterable[Evidence], values: dict[str, JsonValue]
) -> tuple[Evidence, ...]:
    """``deciding`` then ``rest``, each span once, and ``values[DECIDING_KEY]`` set to how
    many spans lead: a reviewer sees first the words the verdict rests on (issue 15)."""
    lead = tuple(dict.fromkeys(deciding))
    values[DECIDING_KEY] = len(lead)
    return tuple(dict.fromkeys((*lead, *rest)))


def deciding_groups_first(
    groups: Iterable[Iterable[Evidence]], rest: Iterable[Evidence], values: dict[str, JsonValue]
) -> tuple[Evidence, ...]:
    """:func:`deciding_first` of the spans of ``groups`` (each span once, in the first group
    that has it; empty groups dropped), with ``values[DECIDING_GROUPS_KEY]`` the sizes of
    the groups: the workspace shows each group as one row (a session, a need)."""
    seen: set[Evidence] = set()
    kept: list[list[Evidence]] = []
    for group in groups:
        own = [ev for ev in dict.fromkeys(group) if ev not in seen]
        seen.update(own)
        if own:
            kept.append(own)
    evidence = deciding_first([ev for g in kept for ev in g], rest, values)
    values[DECIDING_GROUPS_KEY] = [len(g) for g in kept]
    return evidence


def session_span_groups(services: Iterable[Service]) -> list[tuple[Evidence, ...]]:
    """The words that date and time each service, one group per service in date and time
    order: the date, then the clock times or the stated length, from the record that
    states them (a weekly total rests on these). A service without times is cited by its
    date; one the member did not attend (or whose records disagree) also by the words that
    say so."""
    groups: list[tuple[Evidence, ...]] = []
    for service in sorted(services, key=lambda s: (s.date, s.start or dt.time.min)):
        timed = [r for r in service.records if any(r.slot_evidence(s) for s in _TIME_SLOTS)]
        records = timed or list(service.records)
        if not records:
            continue
        record = records[0]
        spans = list(record.slot_evidence("date")[:1] or record.evidence[:1])
        for slot in _TIME_SLOTS:
            spans.extend(record.slot_evidence(slot))
        if not service.attended:
            for other in service.records:
                spans.extend(other.slot_evidence("attendance"))
        groups.append(tuple(dict.fromkeys(spans)))
    return groups


def session_spans(services: Iterable[Service]) -> tuple[Evidence, ...]:
    """:func:`session_span_groups`, flat, each span once."""
    return tuple(dict.fromkeys(ev for g in session_span_groups(services) for ev in g))


def week_evidence(
    ctx: ChartContext,
    weeks: Sequence[ProgramWeek],
    values: dict[str, JsonValue] | None = None,
    deciding: Sequence[ProgramWeek] | None = None,
) -> tuple[Evidence, ...]:
    """The evidence of the services of ``weeks`` (counted or conflicted) and the
    admission's. With ``values``, led by the deciding words (:func:`deciding_first`): the
    date and times of each service of the ``deciding`` weeks (default: ``weeks``; for a
    ``met``, the lowest week), with the sessions the member missed, which explain a short
    week."""
    tl = ctx.timeline

    def services(of: Sequence[ProgramWeek], *, missed: bool = False) -> list[Service]:
        return [
            s
            for w in of
            for s in tl.services_in(w)
            if s.conflict
            or is_counted(s, tl.counted_kinds)
            or (missed and s.attendance in MISSED and s.kind in tl.counted_kinds)
        ]

    rest = evidence_of(tl.admission.evidence, *(s.evidence for s in services(weeks)))
    if values is None:
        return rest
    lead = session_span_groups(services(weeks if deciding is None else deciding, missed=True))
    return deciding_groups_first(lead, rest, values)


def date_words(ctx: ChartContext, fact: Fact, day: dt.date | None) -> tuple[Evidence, ...]:
    """The words that date ``fact`` (a certification, a plan) to ``day``: its evidence
    spans that a document date of ``day`` in its document also rests on, else that
    document date's spans, else all of the fact's evidence."""
    if day is None:
        return fact.evidence
    dating = [
        ev
        for d in ctx.facts.document_dates
        if d.date == day and d.document_id == fact.document_id
        for ev in d.evidence
    ]
    own = [ev for ev in fact.evidence if ev in dating]
    return tuple(own or dating or fact.evidence)


# --------------------------------------------------------------------------- diagnoses


def icd_category(code: str) -> str | None:
    """ "F33.1" -> "F33"; ``None`` if ``code`` is not ICD-10-CM shaped."""
    normalized = code.strip().upper().replace(".", "")
    return normalized[:3] if re.match(r"^[A-Z]\d{2}", normalized) else None


def in_icd_ranges(category: str, ranges: Sequence[str]) -> bool:
    for spec in ranges:
        low, high = spec.split("-")
        if low <= category <= high:
            return True
    return False


# --------------------------------------------------------------------------- signatures


def normalize_credentials(values: frozenset[str]) -> frozenset[str]:
    """Credentials as compared: upper case, no dots ("L.C.S.W." -> "LCSW")."""
    return frozenset(v.upper().replace(".", "").strip() for v in values)


@dataclass(frozen=True)
class Signature:
    """How a signature measures up against a credential list.

    ``failure`` / ``uncertainty`` are clauses for a reason ("lacks a signature").
    """

    failure: str | None
    uncertainty: str | None
    evidence: tuple[Evidence, ...]
    value: dict[str, JsonValue]
    signer: str  # "Maria Chen, MD", or "" if unsigned


def _creds(p: Person) -> list[JsonValue]:
    return [c.upper().replace(".", "") for c in p.credentials]


def _who(p: Person) -> str:
    return ", ".join([p.name or "an unnamed signer", *(str(c) for c in _creds(p))])


def judge_signers(signers: Sequence[Person], allowed: frozenset[str], role: str) -> Signature:
    """Whether any of a document's ``signers`` holds one of the ``allowed`` credentials
    (RULES.md "Credentials"): one who does satisfies the requirement; else one whose
    credential is not written down makes it uncertain; else it fails (signed only by
    others, or a required line left blank: a :class:`Signer` with ``signed`` false, or
    no signature at all)."""
    # the member's, a parent's or a guardian's signature is their agreement, not a clinician's
    signers = [p for p in signers if not (isinstance(p, Signer) and p.member)]
    signed = [p for p in signers if not isinstance(p, Signer) or p.signed]
    blank = [p for p in signers if isinstance(p, Signer) and not p.signed]
    value: dict[str, JsonValue] = {
        "signed_by": signed[0].name if signed else None,
        "signers": [{"name": p.name, "credentials": _creds(p)} for p in signed],
    }
    if blank:
        value["blank_signature_lines"] = [p.role or "" for p in blank]
    qualified = [p for p in signed if set(_creds(p)) & allowed]
    if qualified:
        p = qualified[0]
        value["credentials"] = _creds(p)
        return Signature(None, None, p.evidence, value, _who(p))
    undocumented = [p for p in signed if not p.credentials]
    if undocumented:
        p = undocumented[0]
        name = p.name or "an unnamed signer"
        uncertainty = f"is signed by {name} with no credential documented"
        return Signature(None, uncertainty, p.evidence, value, _who(p))
    evidence = tuple(e for p in [*signed, *blank] for e in p.evidence)
    if signed:
        others = " and ".join(_who(p) for p in signed)
        failure = f"is signed by {others}, not by a {role}"
        if blank:
            failure += f" (its {blank[0].role or 'signature'} line is blank)"
        return Signature(failure, None, evidence, value, others)
    if blank:
        failure = f"lacks a signature by a {role}: its {blank[0].role or 'signature'} line is blank"
        return Signature(failure, None, evidence, value, "")
    return Signature(f"lacks a signature by a {role}", None, (), value, "")
