"""Clinical state: participation, acuity, discharge planning and continued-stay support
(``medicare-iop.participation``, ``acuity``, ``discharge-planning``, ``continued-stay``).

Each function finds the trigger phrases of ``clinical.yaml`` sentence by sentence, judges
their context with NegEx (:mod:`extract.deterministic.context`) and returns at most one
fact per category and document (participation: per state and date), with every
supporting mention as evidence and the document date as ``date``:

- participation and acuity count only current, affirmed mentions ("did not refuse", "no
  longer stable", "history of decompensation in 2019", "until psychiatrically stable" give
  nothing);
- discharge planning is about the future by nature, so hypothetical mentions count ("will
  step down to standard outpatient when goals are met"); negated and historical ones do
  not;
- "less intensive care would not prevent relapse" is hypothetical by nature too; continuing
  symptoms must be current, affirmed and serious (a seriousness word in the same sentence:
  "continues to experience severe panic attacks").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from functools import cache

from core.data import Evidence
from core.facts import (
    Acuity,
    AcuityKind,
    ContinuedStay,
    ContinuedStayElement,
    DischargePlanning,
    DischargePlanningElement,
    Participation,
    ParticipationStatus,
)
from extract.deterministic.common import DocInput, source
from extract.deterministic.entries import entries
from extract.deterministic.fields import find_fields
from extract.deterministic.mentions import (
    Mention,
    find_mentions,
    keyed,
    rx,
    sentence_spans,
    vocabulary,
)
from extract.values.boxes import ticked_options
from extract.values.dates import DateSpan, find_dates, find_partial_dates


def _statement(m: Mention) -> bool:
    """Current, affirmed and not a question."""
    return m.affirmed and not m.is_question


def _planned(m: Mention) -> bool:
    """Neither negated nor historical nor a question (it may be hypothetical)."""
    return not (m.context.negated or m.context.historical or m.is_question)


def _mention_evidence(doc: DocInput, m: Mention) -> Evidence:
    return doc.evidence(m.page, m.start, m.end)


def _sentence_evidence(doc: DocInput, m: Mention) -> Evidence:
    return doc.evidence(m.page, *m.sentence)


def _grouped(
    doc: DocInput,
    mentions: Iterable[Mention],
    keep: Callable[[Mention], bool],
    quote: Callable[[DocInput, Mention], Evidence] = _mention_evidence,
) -> dict[str, tuple[Evidence, ...]]:
    """Evidence of the kept mentions by key, in document order, without duplicates."""
    out: dict[str, list[Evidence]] = {}
    for m in mentions:
        if keep(m):
            out.setdefault(m.key, []).append(quote(doc, m))
    return {k: tuple(dict.fromkeys(v)) for k, v in out.items()}


# --------------------------------------------------------------------------- participation


_UNABLE, _REASON, _LEVEL, _RATING = "unable", "reason", "level:", "rating"
_STATES = tuple(s.value for s in ParticipationStatus)


@cache
def _participation_patterns() -> dict[str, re.Pattern[str]]:
    """Statements of each state; an inability (a state only with a reason near it) and its
    reasons; the level words and ratings that answer a participation field."""
    vocab = vocabulary().participation
    patterns = keyed({state: getattr(vocab, state) for state in _STATES})
    patterns[_UNABLE] = rx(vocab.unable)
    patterns[_REASON] = rx([rf"(?<![A-Za-z])(?:{p})(?![A-Za-z])" for p in vocab.unable_reasons])
    follow = "|".join(f"(?:{p})" for p in vocab.level_followers)
    for state, words in vocab.levels.items():
        patterns[_LEVEL + state] = rx(
            [rf"(?<![\w-])(?:{w})(?=[ \t]*(?:$|{follow}))" for w in words]
        )
    patterns[_RATING] = rx([rf"(?<![\w/.-])(?:{vocab.rating})(?![\w/-])"])
    return patterns


_VALUE_LEAD = re.compile(r"[\s*_•>-]*")


def _answer_spans(doc: DocInput) -> dict[int, list[tuple[int, int, int]]]:
    """Per page, (label start, answer start, answer end) of every field that rates
    participation, as the layout reads its fields ("Participation: Minimal", "| Engagement
    | 4/5 |", a report's question and answer in two columns)."""
    labels = vocabulary().participation.labels
    return {
        page.number: [(f.label_start, f.start, f.end) for f in find_fields(page.text, labels)]
        for page in doc.pages()
    }


def _answering(m: Mention, answers: Mapping[int, Sequence[tuple[int, int, int]]]) -> Mention | None:
    """``m`` from its field's label on when it opens the answer of a participation field,
    or a ticked option of it (an empty box was dropped with its option by
    :func:`find_mentions`); else ``None``."""
    text = m.page.text
    for label, start, end in answers.get(m.page.number, ()):
        if not start <= m.start < end:
            continue
        ticked = ticked_options(text, start, end) or []
        if _VALUE_LEAD.fullmatch(text, start, m.start) or any(s == m.start for s, _ in ticked):
            return replace(m, start=label)
        return None
    return None


def _rates_participation(m: Mention) -> bool:
    """A rating on a scale of at least ``rating_min`` ("4/5"; "1/5" says too little)."""
    vocab = vocabulary().participation
    got = rx([vocab.rating]).match(m.page.text, m.start, m.end)
    if got is None:
        return False
    score, scale = int(got.group("score")), int(got.group("scale"))
    return vocab.rating_min <= score <= scale


def _joined_clauses(m: Mention) -> list[tuple[int, int]]:
    """``m``'s sentence and the clauses joined to it by ";" on either side."""
    spans = sentence_spans(m.page.text)
    text = m.page.text
    try:
        i = spans.index(m.sentence)
    except ValueError:
        return [m.sentence]
    out = [m.sentence]
    j = i
    while j > 0 and text[spans[j - 1][1] - 1] == ";":
        j -= 1
        out.append(spans[j])
    j = i
    while j + 1 < len(spans) and text[spans[j][1] - 1] == ";":
        j += 1
        out.append(spans[j])
    return out


@cache
def _others_subject() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Someone else as a statement's subject, up to three lowercase words before it
    (``between``); the member's own words; what is not the program after a statement."""
    vocab = vocabulary().participation
    others = "|".join(f"(?:{p})" for p in vocab.others)
    # "Another member of the cohort has been refusing groups": a phrase that says which
    # ones may follow the subject ("of the cohort", "in her group")
    which = r"(?:[ \t]+(?:of|in|from)[ \t]+(?:(?:the|this|our|her|his|their)[ \t]+)?[a-z][a-z'-]*)?"
    subject = re.compile(
        rf"(?i)(?:{others})(?P<between>{which}(?:[ \t]+(?-i:[a-z][a-z'-]*)){{0,3}}?)[ \t]+"
    )
    member = re.compile(
        r"(?i)(?<![\w'])(?:" + "|".join(re.escape(w) for w in vocab.member_words) + r")(?![\w'])"
    )
    elsewhere = re.compile(
        r"(?i)[ \t]*(?:" + "|".join(f"(?:{p})" for p in vocab.not_the_program) + ")"
    )
    return subject, member, elsewhere


# a word that makes the next one no subject ("after group, ...", "in the group")
_PREPOSITION_BEFORE = re.compile(
    r"(?i)(?:^|[^\w'])(?:in|into|during|after|before|to|of|with|from|at|for|by|about|toward|"
    r"towards|among|than|like|per|and|&|or)[ \t]+(?:(?:the|a|an|this|our|her|his|their)[ \t]+)?\Z"
)


_AND_BEFORE = re.compile(
    r"(?i)(?:^|\W)(?:and|&|or)[ \t]+(?:(?:the|a|an|this|our|her|his|their)[ \t]+)?\Z"
)


def _about_someone_else(m: Mention) -> bool:
    """A statement that is not the member's: its subject right before it is the group,
    peers, a relative or the staff ("Group completed the worksheet", "peers shared about
    their week", "her mother refused to participate"), not after a preposition or a
    member's word ("after group participated", "the client and peers shared"); or it is of
    something that is not the program ("declined to participate in the research study")."""
    subject, member, elsewhere = _others_subject()
    text = m.page.text
    if elsewhere.match(text, m.end):
        return True
    lo = m.sentence[0]
    words = list(re.finditer(r"[\w'-]+", text[lo : m.start]))[-10:]
    for w in reversed(words):
        at = lo + w.start()
        got = subject.fullmatch(text, at, m.start)
        if got is None:
            continue
        if member.search(got.group("between")):
            return False
        before = text[lo:at]
        if _PREPOSITION_BEFORE.search(before):
            # "after group ...", "the client and peers ...": not the others' statement;
            # "one member of the group ...": the subject may be further back
            if re.search(
                r"(?i)(?:^|\W)(?:and|&|or)[ \t]+(?:(?:the|a|an|this|our)[ \t]+)?\Z", before
            ):
                return not member.search(before)
            continue
        return True
    return False


def _same_subject(m: Mention, others: Sequence[Mention]) -> bool:
    """``m`` goes on with the subject of someone else's statement before it in its clause
    ("peers shared about their week and completed the worksheet"): nothing between them
    ends the clause or names the member."""
    _, member, _ = _others_subject()
    text = m.page.text
    for o in others:
        if o.page.number != m.page.number or o.sentence != m.sentence or o.end > m.start:
            continue
        between = text[o.end : m.start]
        if not re.search(r"[;:.]|[ \t(](?-i:[A-Z])[a-z]", between) and not member.search(between):
            return True
    return False


def _participation_mentions(doc: DocInput) -> list[Mention]:
    """Current, affirmed statements of a participation state (``key``: the state), in
    document order; where two overlap for one state (a sentence's "Participation: Active"
    and the field's level word), the first and longest."""
    found = find_mentions(doc, _participation_patterns())
    reasons = {(m.page.number, m.sentence) for m in found if m.key == _REASON and _statement(m)}
    answers: dict[int, list[tuple[int, int, int]]] | None = None
    kept: list[Mention] = []
    others: list[Mention] = []
    for m in found:
        if m.key == _REASON or not _statement(m):
            continue
        key = m.key
        if not (key.startswith(_LEVEL) or key == _RATING) and (
            _about_someone_else(m) or _same_subject(m, others)
        ):
            # "peers shared about their week and completed the worksheet", "declined the
            # research study"
            others.append(m)
            continue
        if key == _UNABLE:
            if not any((m.page.number, c) in reasons for c in _joined_clauses(m)):
                continue  # "unable to participate today due to a work shift"
            key = ParticipationStatus.CANNOT_PARTICIPATE.value
        elif key.startswith(_LEVEL) or key == _RATING:
            answers = _answer_spans(doc) if answers is None else answers
            answered = _answering(m, answers)
            if answered is None or (key == _RATING and not _rates_participation(m)):
                continue
            m = answered  # quoted from its label: "Client Response      Minimal"
            key = key.removeprefix(_LEVEL) if key != _RATING else ParticipationStatus.PARTICIPATES
        kept.append(replace(m, key=str(key)))
    kept.sort(key=lambda m: (m.page.number, m.start, -m.end))
    out: list[Mention] = []
    for m in kept:
        if not any(k.key == m.key and _overlap(k, m) for k in out):
            out.append(m)
    return out


def _overlap(a: Mention, b: Mention) -> bool:
    return a.page.number == b.page.number and a.start < b.end and b.start < a.end


# a date that is not when the statement happened: a start ("since 02/01/2025"), a birth
# date, an appointment or a plan ("next group on ...", "scheduled for ...")
_NOT_THE_STATEMENTS = re.compile(
    r"(?i)\b(?:since|dob|d\.o\.b\.?|born|birth|scheduled|next|until|till|by|starting|"
    r"beginning|follow[- ]?up|return(?:s|ing)?|admi(?:t|tted|ssion)|discharge[ds]?)\b[^.;]*$"
)


_ON_BEFORE = re.compile(r"(?i)\bon[ \t]+$")


def _clause_dates(m: Mention, latest: dt.date | None = None) -> tuple[dt.date, ...]:
    """The date written in the clause of ``m``'s sentence that holds it, nearest to it
    ("On 12/02/2025 member left group, reporting he could not tolerate ...", "refused
    groups on 11/24/2025; has participated actively since 11/26/2025"), with the dates
    joined to it by "and" or commas ("declined to join group on 03/20/2026 and on
    03/22/2026": two days); not a date that says when something else is (a start, a
    birth, an appointment: "since", "DOB", "next"), nor one after the document's own date
    (``latest``)."""
    text = m.page.text
    start, end = m.sentence
    before = text.rfind(";", start, m.start)
    after = text.find(";", m.end, end)
    lo = start if before < 0 else before + 1
    hi = end if after < 0 else after

    def of_the_statement(d: DateSpan) -> bool:
        other = _NOT_THE_STATEMENTS.search(text, max(lo, d.start - 25), d.start)
        if other is None:
            return True
        # "has participated actively since 11/26/2025": since when the statement holds
        return other.group(0).lower().startswith("since") and 0 <= d.start - m.end <= 25

    dates = list(find_dates(text, lo, hi))
    if latest is not None:
        # "on 10/15 he was unable to participate": a date without its year after "on", in
        # the year that puts it nearest the document's date (elsewhere "4/5" is a fraction)
        dates += [
            d
            for d in find_partial_dates(text, lo, hi, latest)
            if _ON_BEFORE.search(text, lo, d.start)
            and not any(f.start < d.end and d.start < f.end for f in dates)
        ]
    kept = sorted(
        (d for d in dates if of_the_statement(d) and (latest is None or d.date <= latest)),
        key=lambda d: d.start,
    )
    if not kept:
        return ()
    i = min(range(len(kept)), key=lambda k: _distance(m, kept[k]))
    first = last = i
    while first > 0 and _AND_ON.fullmatch(text, kept[first - 1].end, kept[first].start):
        first -= 1
    while last + 1 < len(kept) and _AND_ON.fullmatch(text, kept[last].end, kept[last + 1].start):
        last += 1
    return tuple(dict.fromkeys(d.date for d in kept[first : last + 1]))


# between two dates of one statement: "on 03/20/2026 and on 03/22/2026", "3/20, 3/21 and 3/22"
_AND_ON = re.compile(r"(?i)\s*(?:,|and|&|,\s*and)\s*(?:(?:again\s+)?on\s+)?")


def _distance(m: Mention, d: DateSpan) -> int:
    return min(abs(d.start - m.end), abs(m.start - d.end))


# where a statement's part of a sentence ends: a clause or a turn ("last week she refused
# groups, but today she took part")
_PART_BREAK = re.compile(r"(?i)[;:]|,?\s*\b(?:but|however|whereas|while|although|though)\b")
# what says the part is of the note's own day
_NOW = re.compile(
    r"(?i)\b(?:today|tonight|this (?:morning|afternoon|evening|session|group)|now|currently"
    r"|at present)\b"
)


# an earlier time as the measure of a comparison or a start ("more engaged than the week
# before", "since last week"): the statement is still of the note's day
_COMPARED = re.compile(
    r"(?i)\b(?:than|since|from|compared (?:to|with)|unlike|as (?:in|at))[ \t]+\Z"
)


def _looks_back(m: Mention) -> bool:
    """``m``'s part of its sentence tells of an earlier time that it names without a date
    (``look_back``: "last week", "at the previous session", "two days ago") and not of the
    note's own day ("today", "now")."""
    text = m.page.text
    start, end = m.sentence
    lo = max([start, *(b.end() for b in _PART_BREAK.finditer(text, start, m.start))])
    stop = _PART_BREAK.search(text, m.end, end)
    hi = end if stop is None else stop.start()
    if _NOW.search(text, lo, hi) is not None:
        return False
    return any(
        _COMPARED.search(text, lo, back.start()) is None
        for back in rx(vocabulary().participation.look_back).finditer(text, lo, hi)
    )


def extract_participation(doc: DocInput) -> list[Participation]:
    """Whether the member participates, refuses, cannot participate (cognitive / psychotic
    / emotional reasons) or cannot tolerate the intensity of the program: one fact per
    state and date. A statement is dated by the entry it is written in (a note of a file
    of notes, a dated row or paragraph of a summary), else by the document (RULES.md
    "Participation over time")."""
    found = _participation_mentions(doc)
    if not found:
        return []
    log = entries(doc)
    several = len(log.dates) > 1  # entries of a log, not one header's date
    dated: list[tuple[Mention, dt.date | None, bool]] = []
    for m in found:
        entry = log.date_at(m.page.number, m.start)
        written = _clause_dates(m, doc.date)
        if not written and _looks_back(m):
            continue  # "in last week's groups she declined to share": not this day's state
        owns = written or ((entry,) if several and entry else ())
        if owns:
            dated += [(m, own, True) for own in owns]
        else:
            dated.append((m, entry or doc.date, False))
    by_state: dict[tuple[str, dt.date | None], list[Evidence]] = {}
    for i, (m, date, is_own) in enumerate(dated):
        if not is_own and date is not None:
            # narrative in time order: a statement dated only by its document comes before
            # the dated statements written after it ("participated in week 1 ... Team
            # review 04/22/2025: refuses to participate")
            later = [d for _, d, o in dated[i + 1 :] if o and d is not None and d < date]
            date = min(later, default=date)
        by_state.setdefault((m.key, date), []).append(_mention_evidence(doc, m))
    return [
        Participation(
            status=ParticipationStatus(key),
            date=date,
            evidence=tuple(dict.fromkeys(evidence)),
            source=source(f"clinical.participation.{key}"),
        )
        for (key, date), evidence in by_state.items()
    ]


# --------------------------------------------------------------------------- acuity

_STATE_KINDS = frozenset(
    k.value
    for k in (
        AcuityKind.ACUTE_ONSET,
        AcuityKind.DECOMPENSATION,
        AcuityKind.CHRONIC_STABLE,
        AcuityKind.PSYCHIATRICALLY_STABLE,
    )
)
_DOMAIN = "domain:"
_SEVERITY = "severity"


@cache
def _acuity_patterns() -> dict[str, re.Pattern[str]]:
    acuity = vocabulary().acuity
    patterns = keyed(
        {
            AcuityKind.ACUTE_ONSET.value: acuity.acute_onset,
            AcuityKind.DECOMPENSATION.value: acuity.decompensation,
            AcuityKind.CHRONIC_STABLE.value: acuity.chronic_stable,
            AcuityKind.PSYCHIATRICALLY_STABLE.value: acuity.psychiatrically_stable,
            _SEVERITY: acuity.severity,
        }
    )
    patterns.update(keyed({_DOMAIN + d: p for d, p in acuity.domains.items()}))
    return patterns


@cache
def _area_patterns() -> dict[str, re.Pattern[str]]:
    return {
        domain: rx([rf"(?<![A-Za-z])(?:{p})(?![A-Za-z])" for p in words])
        for domain, words in vocabulary().acuity.areas.items()
    }


def _severity_domains(doc: DocInput, m: Mention) -> tuple[list[str], Evidence] | None:
    """The areas of life a severity statement names in its sentence, and the span from the
    statement to the farthest area word."""
    text = m.page.text
    domains: list[str] = []
    start, end = m.start, m.end
    for domain, pattern in _area_patterns().items():
        for a in pattern.finditer(text, m.sentence[0], m.sentence[1]):
            if domain not in domains:
                domains.append(domain)
            start, end = min(start, a.start()), max(end, a.end())
    return (domains, doc.evidence(m.page, start, end)) if domains else None


def _severe_impairment(doc: DocInput, mentions: Iterable[Mention]) -> Acuity | None:
    domains: set[str] = set()
    evidence: list[Evidence] = []
    for m in mentions:
        if m.key.startswith(_DOMAIN):
            domains.add(m.key.removeprefix(_DOMAIN))
            evidence.append(_mention_evidence(doc, m))
        elif m.key == _SEVERITY:
            named = _severity_domains(doc, m)
            if named is not None:
                domains.update(named[0])
                evidence.append(named[1])
    if not domains:
        return None
    order = list(vocabulary().acuity.domains)
    return Acuity(
        kind=AcuityKind.SEVERE_IMPAIRMENT,
        domains=tuple(sorted(domains, key=order.index)),
        date=doc.date,
        evidence=tuple(dict.fromkeys(evidence)),
        source=source("clinical.acuity.severe_impairment"),
    )


def extract_acuity(doc: DocInput) -> list[Acuity]:
    """Acute onset, decompensation, severe impairment of areas of life (with the domains
    named), chronic-and-stable and psychiatrically-stable statements."""
    found = [m for m in find_mentions(doc, _acuity_patterns()) if _statement(m)]
    out = [
        Acuity(
            kind=AcuityKind(key),
            date=doc.date,
            evidence=evidence,
            source=source(f"clinical.acuity.{key}"),
        )
        for key, evidence in _grouped(doc, found, lambda m: m.key in _STATE_KINDS).items()
    ]
    severe = _severe_impairment(doc, found)
    return [*out, severe] if severe is not None else out


# --------------------------------------------------------------------------- discharge


_STEP_DOWN = DischargePlanningElement.STEP_DOWN.value
_NOT_NOW = "not_now"


@cache
def _discharge_patterns() -> dict[str, re.Pattern[str]]:
    patterns = keyed(vocabulary().discharge_planning.model_dump())
    patterns[_NOT_NOW] = rx(vocabulary().continued_stay.less_intensive_insufficient)
    return patterns


def extract_discharge_planning(doc: DocInput) -> list[DischargePlanning]:
    """Discharge criteria, step-down plans and linkage to community resources. A step-down
    named in a statement that less intensive care would fail ("step-down at this time
    would likely result in hospitalization") is not a plan."""
    mentions = find_mentions(doc, _discharge_patterns(), companions=frozenset({_NOT_NOW}))
    not_now = {(m.page.number, m.sentence) for m in mentions if m.key == _NOT_NOW}
    found = [
        m
        for m in mentions
        if m.key != _NOT_NOW
        and not (m.key == _STEP_DOWN and (m.page.number, m.sentence) in not_now)
    ]
    return [
        DischargePlanning(
            element=DischargePlanningElement(key),
            date=doc.date,
            evidence=evidence,
            source=source(f"clinical.discharge_planning.{key}"),
        )
        for key, evidence in _grouped(doc, found, _planned).items()
    ]


# --------------------------------------------------------------------------- continued stay

_CONTINUING, _SERIOUS = "continuing", "seriousness"
_LESS = ContinuedStayElement.LESS_INTENSIVE_INSUFFICIENT.value


@cache
def _continued_stay_patterns() -> dict[str, re.Pattern[str]]:
    vocab = vocabulary().continued_stay
    return keyed(
        {
            _CONTINUING: vocab.continuing,
            _SERIOUS: vocab.seriousness,
            _LESS: vocab.less_intensive_insufficient,
        }
    )


def _serious_sentences(mentions: Iterable[Mention]) -> set[tuple[int, tuple[int, int]]]:
    return {(m.page.number, m.sentence) for m in mentions if m.key == _SERIOUS and _statement(m)}


def _clauses(m: Mention) -> list[tuple[int, int]]:
    """``m``'s sentence and the clauses after it up to the end of the sentence (a sentence
    splits at ";": "Continues to report depressed mood; unable to resume her job.")."""
    spans = sentence_spans(m.page.text)
    text = m.page.text
    out = [m.sentence]
    try:
        i = spans.index(m.sentence)
    except ValueError:
        return out
    while text[spans[i][1] - 1] == ";" and i + 1 < len(spans):
        i += 1
        out.append(spans[i])
    return out


def extract_continued_stay(doc: DocInput) -> list[ContinuedStay]:
    """Continuing serious symptoms, and statements that less intensive care could not
    prevent relapse or hospitalization (quoted with their sentence)."""
    found = find_mentions(doc, _continued_stay_patterns(), companions=frozenset({_SERIOUS}))
    serious = _serious_sentences(found)
    seriousness = _continued_stay_patterns()[_SERIOUS]

    def is_serious(m: Mention) -> bool:
        """A seriousness word in the sentence (judged in context), or in a clause that
        continues it after ";" ("...; unable to resume part-time job.")."""
        if (m.page.number, m.sentence) in serious:
            return True
        return any(seriousness.search(m.page.text, *c) for c in _clauses(m)[1:])

    keep: Mapping[str, Callable[[Mention], bool]] = {
        _CONTINUING: lambda m: _statement(m) and is_serious(m),
        _LESS: _planned,
    }
    elements = {
        _CONTINUING: ContinuedStayElement.CONTINUING_SYMPTOMS,
        _LESS: ContinuedStayElement.LESS_INTENSIVE_INSUFFICIENT,
    }
    grouped = _grouped(
        doc,
        (m for m in found if m.key in keep),
        lambda m: keep[m.key](m),
        _sentence_evidence,
    )
    return [
        ContinuedStay(
            element=elements[key],
            date=doc.date,
            evidence=evidence,
            source=source(f"clinical.continued_stay.{elements[key].value}"),
        )
        for key, evidence in grouped.items()
    ]
