"""Certifications, recertifications and treatment plans (their goals: goals.py).

A certification's elements and a plan's elements are found as labeled sections/fields or as
sentences with trigger phrases (``plans.yaml``); each element keeps the span that states it,
so a finding can quote exactly where the chart says it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from core.data import DocumentKind, Frozen, Page
from core.errors import ExtractionError
from core.facts import (
    Certification,
    CertificationElement,
    CertificationKind,
    Element,
    Person,
    PlanElement,
    Signer,
    TreatmentPlan,
)
from core.yamlio import load_model
from extract.deterministic.common import DocInput, source
from extract.deterministic.context import assess
from extract.deterministic.goals import read_goals
from extract.deterministic.mentions import (
    heading_like,
    spaces_to,
    stated_by_layout,
    without_answers,
)
from extract.deterministic.sections import page_sentences, sentences
from extract.values.people import (
    SignatureSpan,
    find_blank_signatures,
    find_signatures,
    is_client_signature,
    line_bounds,
    parse_person,
)
from extract.vocab.letters import name_pattern

PLANS_PATH = Path(__file__).with_name("plans.yaml")


class _PlansConfig(Frozen):
    certification_elements: dict[CertificationElement, list[str]]
    plan_elements: dict[PlanElement, list[str]]
    physician_credentials: list[str]


@dataclass(frozen=True, slots=True)
class _Compiled:
    cert: dict[CertificationElement, re.Pattern[str]]
    plan: dict[PlanElement, re.Pattern[str]]
    physicians: frozenset[str]


# a look-behind without groups inside: its spaces stay single (it must be of fixed width)
_LOOK_BEHIND = re.compile(r"\(\?<[!=][^()]*\)")


def _wrapping(pattern: str) -> str:
    """``pattern`` with each space (outside look-behinds and classes) matching any run of
    blanks, a line break too: a sentence wrapped over lines ("he still" / "describes low
    mood")."""
    out: list[str] = []
    pos = 0
    for m in _LOOK_BEHIND.finditer(pattern):
        out += [spaces_to(pattern[pos : m.start()]), m.group()]
        pos = m.end()
    return "".join([*out, spaces_to(pattern[pos:])])


def _alt(patterns: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{_wrapping(p)})" for p in patterns), re.IGNORECASE)


@cache
def _config() -> _Compiled:
    try:
        cfg = load_model(PLANS_PATH, _PlansConfig, "plan patterns", ExtractionError)
        return _Compiled(
            cert={k: _alt(v) for k, v in cfg.certification_elements.items()},
            plan={k: _alt(v) for k, v in cfg.plan_elements.items()},
            physicians=frozenset(cfg.physician_credentials),
        )
    except re.error as e:
        raise ExtractionError(f"plan patterns {PLANS_PATH.name} are invalid: {e}") from e


# "a minimum of 9 hours", "at least nine (9) hours", "9+ hours", "9 or more hours" ... per week
_NUM = r"(\d{1,2}(?:\.\d)?|nine|ten|twelve|six|three|(?:nine|six)\s*\(\d{1,2}\))"
# hours as written: "hours", "hrs", "hr", "h" ("3 h/day", "12 h weekly")
_UNIT = r"(?:hours|hrs?|h)\b"
_PER = r"(?:per|a|/|each|every)"
_HOURS = re.compile(
    rf"(?i)(?:minimum\s+of|at\s+least|(?:no|not)\s+(?:fewer|less)\s+than|"
    rf"a\s+min(?:imum)?\.?\s+of)?\s*"
    rf"{_NUM}\s*(?:\+|or\s+more)?\s*{_UNIT}"
    # "... per week", or "weekly" right after what the hours are of ("9+ hours of
    # programming weekly"; not "6 hours of sleep, weekly social contact"); the week is
    # that of the nearest hours before it ("3 hours (9 hrs/wk)": 9 a week), and hours a
    # day or a night are not a week's ("6 hours a night, walks every week")
    # ("... in each calendar week")
    rf"(?:(?:(?!{_NUM}\s*{_UNIT}|{_PER}\s*(?:day|night)\b)[^.]){{0,60}}?{_PER}\s*"
    rf"(?:(?:calendar|treatment|program|service)\s+)?(?:week|wk)"
    rf"|(?:\s+of\s+[\w-]+(?:\s+[\w-]+)?)?\s+weekly\b)"
)
# the week named first: "a weekly minimum of 9 treatment hours"
_WEEKLY_FIRST = re.compile(
    rf"(?i)\bweekly\s+(?:minimum|total)\s+of\s+{_NUM}\s*"
    rf"(?:(?:treatment|program|programming|service|therapy|clinical)\s+)?{_UNIT}"
)
_WORDS = {
    "one": 1.0,
    "two": 2.0,
    "three": 3.0,
    "four": 4.0,
    "five": 5.0,
    "six": 6.0,
    "seven": 7.0,
    "nine": 9.0,
    "ten": 10.0,
    "twelve": 12.0,
}
# hours a day times days a week: "three days per week for three hours each day", "3 hrs/day,
# 3 days/wk" (read as one statement, not as "3 hours ... a week")
_COUNT = r"(\d{1,2}(?:\.\d)?|one|two|three|four|five|six|seven|(?:three|four|five)\s*\(\d\))"
_PER_DAY = rf"(?P<hours>{_COUNT})\s*{_UNIT}\s*(?:each|per|a|/)\s*(?:program\s+)?day"
_DAYS = (
    rf"(?P<days>{_COUNT})\s*(?:(?:program|treatment)\s+)?(?:days?|sessions?)"
    rf"\s*(?:(?:each|per|a|every|/)\s*(?:week|wk)|weekly)"
)
_DAILY = (
    re.compile(rf"(?i){_DAYS}[^.;]{{0,40}}?{_PER_DAY}"),
    re.compile(rf"(?i){_PER_DAY}[^.;]{{0,40}}?{_DAYS}"),
    # "3 hours on each of 4 days weekly", "3 program days x 3 hours"
    re.compile(rf"(?i)(?P<hours>{_COUNT})\s*{_UNIT}\s*(?:on\s+)?each\s+of\s+(?:the\s+)?{_DAYS}"),
    re.compile(
        rf"(?i)(?P<days>{_COUNT})\s*(?:(?:program|treatment)\s+)?days?\s*(?:x|×|times)\s*"
        rf"(?P<hours>{_COUNT})\s*{_UNIT}"
    ),
)


def physician_credentials() -> frozenset[str]:
    """The credentials of a physician (``plans.yaml``): a signature with one of them is a
    physician's."""
    return _config().physicians


def _hours_value(raw: str) -> float:
    m = re.search(r"\d{1,2}(?:\.\d)?", raw)
    if m:
        return float(m.group(0))
    return _WORDS[raw.split()[0].lower()]


# a field that gives the weekly hours as its value ("Total weekly hours required      12",
# "Hours per week of active treatment      10", "Hours per week: 9")
_HOURS_FIELD = re.compile(
    r"(?im)^[ \t]*(?:total[ \t]+)?"
    r"(?:weekly[ \t]+(?:program[ \t]+)?hours|hours[ \t]+(?:per|a|/)[ \t]*week)"
    r"(?:[ \t][A-Za-z-]+(?:[ \t][A-Za-z-]+){0,5})?"  # "... of active treatment", "... required"
    r"[ \t]*(?::|\t|[ \t]{2,})[ \t]*(?P<n>\d{1,2}(?:\.\d)?)(?:[ \t]*(?:hours|hrs?))?[ \t]*$"
)


def _hours_fields(text: str) -> list[tuple[int, int, float]]:
    return [(m.start(), m.end(), float(m["n"])) for m in _HOURS_FIELD.finditer(text)]


_RANGE_END = re.compile(r"\d[ \t]*(?:to|-|–|—)[ \t]*$", re.IGNORECASE)


def weekly_hours(text: str) -> list[tuple[int, int, float]]:
    """Statements of weekly hours in ``text``: (start, end, hours), in order; a weekly
    figure inside an hours-a-day-times-days statement is that statement's product."""
    daily = [
        (m.start(), m.end(), _hours_value(m["hours"]) * _hours_value(m["days"]))
        for pattern in _DAILY
        for m in pattern.finditer(text)
    ]
    weekly = [
        (m.start(), m.end(), _hours_value(m.group(1)))
        for pattern in (_HOURS, _WEEKLY_FIRST)
        for m in pattern.finditer(text)
        if not any(s < m.end() and m.start() < e for s, e, _ in daily)
        # the upper end of a range ("ASAM Level 2.1 (9 to 19 hrs/wk range)") states no
        # one figure
        and not _RANGE_END.search(text, max(0, m.start(1) - 12), m.start(1))
    ]
    return sorted(daily + weekly)


def _person(doc: DocInput, page: Page, sig: SignatureSpan) -> Person:
    p = sig.person
    return Person(
        evidence=(doc.evidence(page, p.start, p.end),),
        source=source("plans.signature"),
        name=p.name,
        credentials=p.credentials,
    )


# A plan's or certification's physician line without a signing keyword ("Physician: Omar
# Said, MD"), taken when no clinician's signature line is found.
_PHYSICIAN_LINE = re.compile(
    r"(?im)^[ \t]*(?:[-*•][ \t]+)?(?:\*\*)?"
    r"(?:attending\s+|treating\s+|certifying\s+|supervising\s+)?"
    r"(?:physician|psychiatrist|prescriber|practitioner)(?:\s+signature)?"
    r"(?:\*\*)?[ \t]*:(?:\*\*)?[ \t]*"
)


def _signer(doc: DocInput) -> Person | None:
    """The physician who signed, else the first clinician who signed (a client's,
    patient's or guardian's signature is not the plan's signer), else the physician named
    on a "Physician:" line."""
    physicians = _config().physicians
    first: Person | None = None
    for page in doc.pages():
        for sig in find_signatures(page.text):
            if is_client_signature(page.text, sig):
                continue
            person = _person(doc, page, sig)
            if set(person.credentials) & physicians:
                return person
            first = first or person
    if first is not None:
        return first
    for page in doc.pages():
        text = page.text
        for m in _PHYSICIAN_LINE.finditer(text):
            _, le = line_bounds(text, m.end())
            p = parse_person(text, m.end(), le)
            if p is not None and p.name is not None and p.credentials:
                return Person(
                    evidence=(doc.evidence(page, p.start, p.end),),
                    source=source("plans.physician_line"),
                    name=p.name,
                    credentials=p.credentials,
                )
    return None


_PLAN_PART = re.compile(
    r"(?i)\b(?:plan of care|treatment plan|individuali[sz]ed (?:service |recovery )?plan)\b"
)


def _plan_part(doc: DocInput) -> tuple[int, int] | None:
    """Where a certification document's plan of care begins, when it holds one under a
    heading of its own below the certification ("## Plan of care"): (page number, offset)."""
    for page in doc.pages():
        for k, m in enumerate(re.finditer(r"[^\n]*\S[^\n]*", page.text)):
            if page.number == 1 and k < 3:
                continue  # the document's title ("Certification and Plan of Care")
            # a heading may carry a date set apart on its right ("PLAN OF CARE     Effective
            # 05/11/2026")
            line = re.split(r"[ \t]{2,}|\t", m.group(0).strip())[0]
            if heading_like(line) and _PLAN_PART.search(line):
                return page.number, m.start()
    return None


# The member named on the document ("Client: Jane Doe", "**Patient:** DOE, JANE T").
_MEMBER_FIELD = re.compile(
    r"(?i)\b(?:client|patient|member|youth|resident|consumer|participant)(?:'s)?(?:[ \t]+name)?"
    r"(?:\*\*|__)?[ \t]*:(?:\*\*|__)?[ \t]*"
    + name_pattern(
        r"(?P<name>(?-i:[\p{Lu}][\p{L}'’\-]+)(?:,?[ \t](?-i:[\p{Lu}][\p{L}'’\-]*)\.?){1,3})"
    )
)
_NAME_WORD = re.compile(name_pattern(r"[\p{L}'’\-]{2,}"))


def _name_words(name: str) -> frozenset[str]:
    return frozenset(w.lower() for w in re.findall(_NAME_WORD, name))


def _member_names(doc: DocInput) -> list[frozenset[str]]:
    return [
        _name_words(m.group("name"))
        for page in doc.pages()
        for m in _MEMBER_FIELD.finditer(page.text)
    ]


def _is_member(name: str | None, members: Sequence[frozenset[str]]) -> bool:
    """A signer with no credential named like the member the document is about ("Jane
    Doe 04/05/2025" in a list of signers, the member "DOE, JANE"): the member's signature."""
    words = _name_words(name or "")
    return len(words) >= 2 and any(len(words & m) >= 2 for m in members)


def _signers(
    doc: DocInput,
    signed_by: Person | None,
    before: tuple[int, int] | None = None,
    after: tuple[int, int] | None = None,
) -> tuple[Signer, ...]:
    """Every signature of the document, each with its date (a client's, patient's or
    guardian's marked ``member``; the same person signing twice is one signer), and
    every clinician's signature line left blank; else the signer :func:`_signer` found on
    a "Physician:" line. With ``before`` (page number, offset: where a certification's
    plan of care begins), only those above it, if any signature is above it; with ``after``,
    only those from there on (the same person signing the certification above and the plan
    below is a signer of the plan)."""
    out: list[tuple[tuple[int, int], Signer]] = []
    seen: set[tuple[str | None, tuple[str, ...]]] = set()
    members = _member_names(doc)
    for page in doc.pages():
        text = page.text
        for sig in find_signatures(text):
            if after is not None and (page.number, sig.start) < after:
                continue
            member = is_client_signature(text, sig) or (
                not sig.person.credentials and _is_member(sig.person.name, members)
            )
            p = sig.person
            if (p.name, p.credentials) in seen or (
                not p.credentials and any(name == p.name for name, _ in seen)
            ):
                continue  # signed twice (the plan, and the e-signature certificate after it)
            twice = next((k for k, (_, s) in enumerate(out) if s.name == p.name and s.signed), None)
            if twice is not None and p.credentials and not out[twice][1].credentials:
                del out[twice]  # the same signer, with the credentials written this time
            seen.add((p.name, p.credentials))
            signer = Signer(
                evidence=doc.signature_evidence(page, sig),
                source=source("plans.member_signature" if member else "plans.signature"),
                name=p.name,
                credentials=() if member else p.credentials,
                date=sig.date,
                member=member,
            )
            out.append(((page.number, sig.start), signer))
        for blank in find_blank_signatures(text):
            line = Signer(
                # the blank itself is the evidence: not trimmed away as emphasis
                evidence=(doc.document.evidence(page.number, blank.start, blank.end),),
                source=source("plans.blank_signature_line"),
                role=blank.role,
                signed=False,
                member=blank.member,
            )
            out.append(((page.number, blank.start), line))
    if before is not None and any(at < before and sig.signed and not sig.member for at, sig in out):
        # the certification is signed above its plan of care: a signature below signs
        # only the plan (with none above, the signatures at the end sign both)
        out = [(at, sig) for at, sig in out if at < before]
    if signed_by is not None and all(sig.member for _, sig in out):
        # no clinician's signature line read: the signer found on a "Physician:" line
        return (Signer(**signed_by.model_dump()), *(sig for _, sig in out))
    return tuple(sig for _, sig in out)


def _element_spans(
    doc: DocInput, page: Page, pattern: re.Pattern[str], future: bool = False
) -> tuple[int, int] | None:
    """The first affirmed sentence (or labeled field) of the page matching ``pattern``,
    with the lines it wraps onto. With ``future`` (goals, a plan for discharge: what they
    say is to come) a hypothetical sentence states the element too."""
    text = page.text
    spans = list(sentences(text))  # each line's own
    at = {span: k for k, span in enumerate(spans)}
    # with the layout's sentences wrapped over lines, each taken whole
    for s, e in page_sentences(doc.document, page.number):
        # the first match the layout lets stand: not after an empty box ("( ) 4. Plan of
        # care"), not in a question answered no or left unanswered
        m = next(
            (f for f in pattern.finditer(text, s, e) if stated_by_layout(text, (s, e), f.start())),
            None,
        )
        if m is None:
            continue
        [ctx] = assess(text[s:e], [(m.start() - s, m.end() - s)])
        if ctx.negated or (ctx.hypothetical and not future):
            continue
        if ctx.hypothetical and _CONDITION_BEFORE.search(text, s, m.start()):
            continue  # "If a plan of care is needed ...": a condition, not what is to come
        k = at.get((s, e))
        if k is None:
            return s, e  # a sentence of the layout over its lines: already whole
        last = k
        if text[s:e].rstrip().endswith(":") and k + 1 < len(spans):
            # a bare label ("Diagnosis:"): its value is the sentence on the next line
            ns, ne = spans[k + 1]
            if "\n" not in text[e:ns] or text[e:ns].count("\n") == 1:
                e, last = ne, k + 1
        # a sentence wrapped onto the next lines ("... services, including a" / "minimum
        # of 9 hours of services per week"): the whole of it
        for ns, ne in spans[last + 1 : last + 4]:
            if text[s:e].rstrip()[-1:] in ".!?;:" or text[e:ns].count("\n") != 1:
                break
            if text[e:ns].strip(" \t\r\n") or not text[ns : ns + 1].islower():
                break
            e = ne
        return s, e
    return None


def _elements(
    doc: DocInput,
    patterns: dict[CertificationElement, re.Pattern[str]] | dict[PlanElement, re.Pattern[str]],
) -> list[Element]:
    out: list[Element] = []
    for name, pattern in patterns.items():
        for page in doc.pages():
            span = _element_spans(doc, page, pattern, name in _FUTURE_ELEMENTS)
            if span:
                out.append(
                    Element(
                        evidence=(doc.evidence(page, *span),),
                        source=source(f"plans.element.{name}"),
                        name=str(name),
                    )
                )
                break
    return out


# a condition opening the sentence before an element
_CONDITION_BEFORE = re.compile(r"(?i)\b(?:if|unless|in case|in the event)\b")
# goals toward discharge are about what is to come: their future tense does not make
# them hypothetical
_FUTURE_ELEMENTS = frozenset(
    # ... and so are the services a plan of care is to direct ("Treatment will be delivered
    # under the individualized plan of care I have established")
    {CertificationElement.DISCHARGE_GOALS, CertificationElement.PLAN_OF_CARE}
)


_CERT_TITLE = re.compile(r"(?i)certif")
_PLAN_TITLE = re.compile(r"(?i)plan")


def _title(doc: DocInput, pattern: re.Pattern[str]) -> tuple[Page, int, int] | None:
    """The first header line naming the document type (else the first line): the
    evidence that the document exists."""
    page = next(doc.pages(), None)
    if page is None:
        return None
    lines = [m for m in re.finditer(r"[^\n]*\S[^\n]*", page.text)][:15]
    if not lines:
        return None
    best = next((m for m in lines if pattern.search(m.group(0))), lines[0])
    return page, best.start(), best.end()


def extract_certification(doc: DocInput) -> list[Certification]:
    kind = doc.document.kind
    if kind not in (DocumentKind.CERTIFICATION, DocumentKind.RECERTIFICATION):
        return []
    cfg = _config()
    elements = [e for e in _elements(doc, cfg.cert) if e.name != CertificationElement.MIN_HOURS]
    hours: float | None = None
    for page in doc.pages():
        text = page.text
        # a question of a report wrapped around its answer reads whole; the answer decides
        found = weekly_hours(without_answers(text)) or _hours_fields(text)
        for start, end, value in found:
            ms = start + len(text[start:end]) - len(text[start:end].lstrip())
            ls, _ = line_bounds(text, ms)
            _, le = line_bounds(text, end - 1)
            [ctx] = assess(text[ls:le], [(ms - ls, end - ls)])
            if ctx.negated or ctx.hypothetical or not stated_by_layout(text, (ls, le), ms):
                continue
            hours = value
            # the sentence that states it, over the lines the statement wraps onto
            said = [(s, e) for s, e in sentences(text) if s < end and start < e]
            span = (said[0][0], said[-1][1]) if said else (start, end)
            elements.append(
                Element(
                    evidence=(doc.evidence(page, *span),),
                    source=source("plans.certification.min_hours"),
                    name=CertificationElement.MIN_HOURS,
                )
            )
            break
        if hours is not None:
            break
    title = _title(doc, _CERT_TITLE)
    if title is None:
        return []
    page, ts, te = title
    return [
        Certification(
            # the title, and the words its date was read from
            evidence=tuple(dict.fromkeys((doc.evidence(page, ts, te), *doc.date_evidence))),
            source=source("plans.certification.document"),
            kind=CertificationKind.RECERTIFICATION
            if kind is DocumentKind.RECERTIFICATION
            else CertificationKind.INITIAL,
            date=doc.date,
            signed_by=(signer := _signer(doc)),
            # a plan of care in the same document is signed below the certification: its
            # signers did not sign the certification
            signers=_signers(doc, signer, _plan_part(doc)),
            hours_per_week=hours,
            elements=tuple(elements),
        )
    ]


def _plan_of_care(doc: DocInput) -> list[TreatmentPlan]:
    """A certification's plan of care under a heading of its own ("## Plan of care"), as a
    treatment plan when it states goals: its goals below that heading, signed by those who
    sign below it (a signature above it signs the certification)."""
    part = _plan_part(doc)
    if part is None:
        return []
    goals = [g for g in read_goals(doc) if (g.evidence[0].page, g.evidence[0].start) >= part]
    if not goals:
        return []
    number, at = part
    page = doc.document.page(number)
    _, le = line_bounds(page.text, at)
    # a signature above the plan of care signs the certification, not the plan
    signers = tuple(
        sig
        for sig in _signers(doc, _signer(doc), after=part)
        if (sig.evidence[0].page, sig.evidence[0].start) >= part
    )
    clinicians = [sig for sig in signers if sig.signed and not sig.member]
    physicians = _config().physicians
    signed_by = next(
        (sig for sig in clinicians if set(sig.credentials) & physicians),
        clinicians[0] if clinicians else None,
    )
    return [
        TreatmentPlan(
            evidence=(doc.evidence(page, at, le),),
            source=source("plans.plan_of_care.part"),
            date=doc.date,
            signed_by=Person(**signed_by.model_dump(include=set(Person.model_fields)))
            if signed_by
            else None,
            signers=signers,
            goals=tuple(goals),
            elements=tuple(_elements(doc, _config().plan)),
        )
    ]


def extract_treatment_plan(doc: DocInput) -> list[TreatmentPlan]:
    if doc.document.kind in (DocumentKind.CERTIFICATION, DocumentKind.RECERTIFICATION):
        return _plan_of_care(doc)
    if doc.document.kind is not DocumentKind.TREATMENT_PLAN:
        return []
    title = _title(doc, _PLAN_TITLE)
    if title is None:
        return []
    page, ts, te = title
    return [
        TreatmentPlan(
            evidence=(doc.evidence(page, ts, te),),
            source=source("plans.treatment_plan.document"),
            date=doc.date,
            signed_by=(signer := _signer(doc)),
            signers=_signers(doc, signer),
            goals=tuple(read_goals(doc)),
            elements=tuple(_elements(doc, _config().plan)),
        )
    ]
