"""Quotes must mean what they are claimed to mean.

Alignment (:mod:`extract.llm.align`) proves that a quote is the chart's own text; it cannot
tell whether the text says what the model claims it says. A confused model, or one obeying
text injected into the chart, can quote real but irrelevant lines: the date line as the
member's response, a signature as a goal's time frame, the next note's response as this
note's. Such a quote is ungrounded here, with the reason, like an invented one.

The checks read the document's layout (:func:`extract.layout.layout_of`: the same parse
every deterministic reader uses) and the data file ``meaning.yaml``:

* **not bookkeeping**: a quote inside a field whose label names identifying or bookkeeping
  data (a date, a time, a length, a facilitator, a count; per field a few more) is not
  evidence of the field; nor is a signature line, nor (except for a service's nature) a
  heading.
* **says something**: a quote that holds nothing but dates, times and numbers states no
  fact.
* **carries the field's cue** where the field has one (a response is about the member, a
  goal relation names a goal or plan, a measure holds a number or a quantity, a time frame
  a date or a span, participation a word of taking part), in its words or in its label.

Only checks that cannot make a verdict more favourable are applied to proposals that could
only make a rule stricter (a danger finding, a refusal): those are never dropped for a
missing cue.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Annotated

from pydantic import Field

from core.data import Evidence, Frozen
from core.errors import ExtractionError
from core.facts import NoteElement
from core.legibility import only_unreadable
from core.yamlio import load_model
from extract.layout import Layout
from extract.layout.fields import label_key
from extract.values.dates import first_date
from extract.values.times import find_time_ranges
from extract.vocab.lexicon import label_groups, lexicon
from extract.vocab.phrases import PhraseMap, norm, words
from extract.vocab.services import vocabulary

MEANING_PATH = Path(__file__).with_name("meaning.yaml")

#: The fields a quote can be proposed for (ChartFacts fields, note elements, goal parts).
FIELDS = (
    "participation",
    "acuity",
    "danger_findings",
    "continued_stay",
    "discharge_planning",
    "nature_of_service",
    "response",
    "goal_relation",
    "goal",
    "goal_measure",
    "goal_time_frame",
    # what a certification, a plan or a risk assessment states (an element, a conclusion):
    # no cue of its own, but never a date, staff or identifying field, a signature line,
    # a title or heading, a table's column names, or words without a word
    "document_statement",
    # the words a certification, a plan or a risk conclusion is found by (their anchors)
    "certification",
    "treatment_plan",
    "risk_conclusion",
)
_GROUPS = frozenset(type(lexicon().labels).model_fields)


class _Cue(Frozen):
    labels: list[str]
    use_note_vocabulary: bool
    words: list[str]
    subject_first: bool = False


class MeaningRules(Frozen):
    never_evidence_labels: Annotated[list[str], Field(min_length=1)]
    never_evidence_label_spellings: list[str]
    not_evidence_labels: dict[str, list[str]]
    value_counts: dict[str, list[str]]
    service_records_not_evidence: list[str]
    service_record_cues: dict[str, list[str]]
    headings_allowed: dict[str, list[str]]
    cues: dict[str, _Cue]

    def model_post_init(self, context: object) -> None:
        groups = [*self.never_evidence_labels]
        groups += [g for gs in self.not_evidence_labels.values() for g in gs]
        groups += [g for c in self.cues.values() for g in c.labels]
        groups += [g for gs in self.value_counts.values() for g in gs]
        unknown = sorted({g for g in groups if g not in _GROUPS})
        if unknown:
            raise ValueError(f"unknown label groups {unknown}: use those of lexicon.yaml")
        fields = [*self.not_evidence_labels, *self.headings_allowed, *self.cues, *self.value_counts]
        fields += [*self.service_records_not_evidence, *self.service_record_cues]
        unknown = sorted({f for f in fields if f not in FIELDS})
        if unknown:
            raise ValueError(f"unknown fields {unknown}: use one of {list(FIELDS)}")


@cache
def meaning_rules(path: Path = MEANING_PATH) -> MeaningRules:
    """Load ``meaning.yaml`` strictly; raises :class:`ExtractionError` if it is invalid."""
    return load_model(path, MeaningRules, "quote meaning rules", ExtractionError)


@cache
def _identity_labels() -> frozenset[str]:
    return frozenset(norm(s).rstrip(" #") for s in meaning_rules().never_evidence_label_spellings)


_WORD = re.compile(r"[a-z][a-z'/-]*")
_DIGIT = re.compile(r"\d")
_NUMBER_WORDS = frozenset(
    [
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "fifteen",
        "twenty",
        "thirty",
        "once",
        "twice",
        "half",
        "quarter",
    ]
)
_DATE_OR_TIME_WORDS = frozenset(
    [
        "am",
        "pm",
        "a.m",
        "p.m",
        "jan",
        "feb",
        "mar",
        "apr",
        "may",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "january",
        "february",
        "march",
        "april",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "mon",
        "tue",
        "wed",
        "thu",
        "fri",
        "sat",
        "sun",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "to",
        "from",
        "through",
        "thru",
    ]
)
_SIGNATURE_LINE = re.compile(
    r"^[\s*_#>-]*(?:(?:electronically|digitally|e-?)\s*)?(?:signed|signature|co-?signed)\b",
    re.IGNORECASE,
)
# a label that ends in a signature word: "Record reviewed and signed:", "Physician Signature:"
_SIGNATURE_LABEL = re.compile(
    r"\b(?:signed|signature|e-signed|attested|co-?signed)(?:\s+by)?\s*$", re.IGNORECASE
)


class _Cues:
    def __init__(self, cue: _Cue) -> None:
        self.labels = frozenset(cue.labels)
        self.exact = frozenset(w.lower() for w in cue.words if " " not in w and "*" not in w)
        self.prefixes = tuple(w[:-1].lower() for w in cue.words if w.endswith("*"))
        self.phrases = tuple(norm(w) for w in cue.words if " " in w and "*" not in w)

    def found(self, quote: str, tokens: list[str]) -> bool:
        if any(t in self.exact or t.startswith(self.prefixes) for t in tokens):
            return True
        folded = f" {' '.join(tokens)} "
        return any(f" {p} " in folded for p in self.phrases)


@cache
def _cues() -> dict[str, _Cues]:
    return {name: _Cues(c) for name, c in meaning_rules().cues.items()}


@cache
def _member_words() -> PhraseMap[str]:
    return words(vocabulary().note.member_words)


@cache
def _note_words(element: str) -> PhraseMap[str]:
    note = vocabulary().note
    found = list(note.narrative_elements.get(NoteElement(element), ()))
    return words(found)


def _doc_span(layout: Layout, evidence: Evidence) -> tuple[int, int] | None:
    start = layout.doc.offset(evidence.page, evidence.start)
    return None if start is None else (start, start + evidence.end - evidence.start)


def _labels_at(layout: Layout, start: int, end: int) -> tuple[str, frozenset[str], bool, int]:
    """The label key and lexicon groups of the field holding ``start:end`` (the quote is
    that field's label and value, or in its value; in a table, a row's first cell labels
    the others: "| Client | Raymond T. |"), and whether the quote's line is a heading or a
    table's header."""
    i = layout.line_at(start)
    heading = layout.headings[i]
    is_heading = heading is not None and end <= layout.lines[i].cend
    t = layout.table_of[i]
    if t is not None:
        table = layout.tables[t]
        if table.header_line == i:
            return "", frozenset(), True, start  # column names (see quote_problem)
        for row in table.rows:
            # a row of two cells is a label and its value ("| Client | Raymond T. |")
            if i not in row.lines or len(row.cells) != 2 or not row.cells[0] or not row.cells[1]:
                continue
            first, value = row.cells[0][0], row.cells[1][0]
            key = label_key(layout.text[first.start : first.end])
            return key, label_groups().get(key, frozenset()), False, value.start
        return "", frozenset(), False, start
    fields = layout.fields_by_line[i]
    for k, f in enumerate(fields):
        begin = f.label_start
        lead = layout.text[layout.lines[i].cstart : begin]
        if k == 0 and not any(c.isalnum() for c in lead):
            begin = layout.lines[i].cstart  # "| Admit Date | 01/06/2025 |"
        stop = fields[k + 1].label_start if k + 1 < len(fields) else layout.lines[i].cend
        if begin <= start < stop:
            return f.key, label_groups().get(f.key, frozenset()), is_heading, f.start
    return "", frozenset(), is_heading, start


def _table_header(layout: Layout, start: int) -> bool:
    i = layout.line_at(start)
    t = layout.table_of[i]
    return t is not None and layout.tables[t].header_line == i


def _signature_line(layout: Layout, start: int) -> bool:
    """A line that records a signature: it begins with one ("Electronically signed by"), or
    a signature word is in a label before its first colon ("Record reviewed and signed:")."""
    i = layout.line_at(start)
    line = layout.line_text(i)
    if _SIGNATURE_LINE.match(line):
        return True
    if any(_signature_words().found(f.label) for f in layout.fields_by_line[i]):
        return True
    labels = line.split(":")[:-1][:3]  # the texts before the first colons
    return any(len(label) <= 60 and _SIGNATURE_LABEL.search(label) for label in labels)


@cache
def _signature_words() -> PhraseMap[str]:
    return words(vocabulary().note.signature_words)


def _service_record(layout: Layout, start: int) -> bool:
    """The quote's line holds a date and a time range: a service record."""
    i = layout.line_at(start)
    line = layout.lines[i]
    text = layout.text
    if first_date(text, line.cstart, line.cend) is None:
        return False
    return next(iter(find_time_ranges(text, line.cstart, line.cend)), None) is not None


def _title_line(layout: Layout, start: int) -> bool:
    """The line at ``start`` is in the document's title: headings only above it."""
    i = layout.line_at(start)
    return all(layout.headings[j] is not None or not layout.line_text(j).strip() for j in range(i))


def _heading_allowed(field: str, tokens: list[str], layout: Layout, start: int) -> bool:
    """A heading is evidence of ``field`` if the field may be a heading (with the words
    listed, if any), or if the heading is a sentence rather than a title (at least
    :data:`_SENTENCE_WORDS` words in lower case: "Day 3 - Member participated actively in
    group", not "IOP Group Services Record, March 2025")."""
    line = layout.line_text(layout.line_at(start))
    words = [w.strip("().,;:'\"") for w in line.split()]
    if sum(len(w) >= 3 and w.isalpha() and w.islower() for w in words) >= _SENTENCE_WORDS:
        return True
    allowed = meaning_rules().headings_allowed
    if field not in allowed:
        return False
    cue = allowed[field]
    return not cue or _named(cue, _WORD.findall(line.lower()))


_SENTENCE_WORDS = 3
#: fields whose words may be a document's title: a service's nature, what a certification
#: or plan states, and the title that names a certification or plan
_TITLE_FIELDS = frozenset(
    {"nature_of_service", "document_statement", "certification", "treatment_plan"}
)
_GOAL_WORDS = 3


def _named(cue_words: list[str], tokens: list[str]) -> bool:
    return bool(cue_words) and _Cues(
        _Cue(labels=[], use_note_vocabulary=False, words=cue_words)
    ).found("", tokens)


def _says_something(tokens: list[str]) -> bool:
    return any(len(t) >= 3 and t.strip("'/-.") not in _DATE_OR_TIME_WORDS for t in tokens)


_NOTE_ELEMENTS = frozenset({"nature_of_service", "response", "goal_relation"})


def quote_problem(
    field: str, evidence: Evidence, *, layout: Layout | None = None, stricter_only: bool = False
) -> str | None:
    """Why ``evidence`` cannot be evidence of ``field`` (one of :data:`FIELDS`), or
    ``None``. ``stricter_only``: the proposal could only make a rule stricter (a danger, a
    refusal, stability), so it is dropped only when the quote holds no words: wherever a
    chart states a danger ("Plan: transfer to inpatient for 24-hour supervision", a
    "Status:" field, a service-log row, a line in capitals), dropping it could turn a true
    ``not_met`` into ``met``."""
    if field not in FIELDS:
        raise ValueError(f"unknown field {field!r}")
    rules = meaning_rules()
    what = field.replace("_", " ")
    if field in _NOTE_ELEMENTS and only_unreadable(evidence.quote):
        # "Patient response: [illegible]": written but not legible; kept, so the rule
        # treats it as unknown rather than absent
        return None
    tokens = _WORD.findall(evidence.quote.lower())
    if not _DIGIT.search(evidence.quote) and not tokens:
        return f"the quote holds no words, so it cannot state a {what}"
    if stricter_only:
        return None
    if not _says_something(tokens) and field not in ("goal_time_frame", "goal_measure"):
        return f"the quote holds only dates, times or numbers, so it does not state a {what}"
    if field == "goal" and len(tokens) < _GOAL_WORDS:
        return f"the quote has fewer than {_GOAL_WORDS} words, too few to state a goal"
    groups: frozenset[str] = frozenset()
    if layout is not None:
        span = _doc_span(layout, evidence)
        if span is not None:
            start, end = span
            key, groups, is_heading, value_start = _labels_at(layout, start, end)
            if key and key.rstrip(" #") in _identity_labels():
                return f"the quote is the chart's identifying '{key}' field, not a {what}"
            foreign = {*rules.never_evidence_labels, *rules.not_evidence_labels.get(field, ())}
            counted = groups & set(rules.value_counts.get(field, ()))
            value_words = _WORD.findall(layout.text[max(start, value_start) : end].lower())
            if groups and groups <= foreign and not (counted and _says_something(value_words)):
                label = sorted(groups)[0].replace("_", " ")
                return f"the quote is the chart's {label} field, which is not a {what}"
            if _signature_line(layout, start):
                return f"the quote is a signature line, which is not a {what}"
            if (
                field in rules.service_records_not_evidence
                and _service_record(layout, start)
                and not _named(rules.service_record_cues.get(field, []), tokens)
            ):
                return f"the quote is in a service record, which does not state a {what}"
            if _table_header(layout, start) and not (
                # a title printed in columns ("TETON VALLEY YOUTH SERVICES      INDIVIDUALIZED
                # TREATMENT PLAN") names the document, whatever table it seems to head
                field in _TITLE_FIELDS and _title_line(layout, start)
            ):
                return f"the quote is a table's column names, which do not state a {what}"
            if (
                is_heading
                # a service's nature, and what a certification states ("Certification of
                # Need for Intensive Outpatient Services": the offline reader reads its
                # clinical need there too), may be a document's title
                and field not in _TITLE_FIELDS
                and _title_line(layout, start)
            ):
                # "LAKESHORE COMMUNITY MENTAL HEALTH CENTER", "IOP Discharge Summary": the
                # document's name, whatever words it holds
                return (
                    f"the quote is a heading, the document's title, which does not state a {what}"
                )
            if is_heading and not _heading_allowed(field, tokens, layout, start):
                return f"the quote is a heading, which does not state a {what}"
    cue = _cues().get(field)
    if cue is None:
        return None
    if groups & cue.labels:
        return None
    if field in ("goal_measure", "goal_time_frame") and (
        _DIGIT.search(evidence.quote) or any(t in _NUMBER_WORDS for t in tokens)
    ):
        return None
    if cue.found(evidence.quote, tokens):
        return None
    rule = meaning_rules().cues[field]
    if rule.use_note_vocabulary and _note_words(field).found(evidence.quote):
        return None
    if rule.subject_first and tokens and _member_words().exact(tokens[0].strip(".,;:")) is not None:
        return None
    return f"the quote has no word that states a {what}"
