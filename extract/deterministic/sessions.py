"""Sessions from progress notes and service logs, each with the spans that state it.

:func:`extract_sessions` returns one :class:`core.facts.Session` per service a document
documents. Two pattern families, named in each session's ``source``:

``sessions.note.<format>`` (``dap``, ``birp``, ``soap``, ``labeled`` or ``narrative``)
    A progress or session note. A document holds one note or several: a new note begins at
    a header paragraph carrying a session date once the current note has a date and has
    begun its body, has been closed by a rule ("---", "***", "==="), or already has a date
    under the same label. A note that documents several services ("GROUP 1: ...",
    "SESSION 2 - ...", "1. Process group, 90 min", "**DBT group, 75 min** - ...") gives one
    session per service block that has a time or duration of its own; a block's own fields
    come first, then what the rest of the note states (header, shared narrative). A list of
    dated entry lines ("10/6/25  Group Psychotherapy  9:00-12:00  Present") gives one session
    per line with its own date (and a bare status word or code on it as its attendance). A
    narrative naming several services each with its own time range ("two groups: Relapse
    Prevention group 9:00-10:30 and DBT skills group 10:45-12:00") gives one session each.
``sessions.log.<layout>`` (``markdown``, ``fixed_width`` or ``delimited``)
    A row of a service or attendance log (``is_log_entry``): a Markdown / pipe table, columns
    aligned with spaces, or CSV / tab / semicolon separated lines, under a header row whose
    cells are the lexicon's labels ("| Date | Service | Time | Staff | Attendance |").

Decisions (RULES.md "Shared definitions"):

- **Date**: a date-of-service field ("DOS:", "Session Date:") anywhere in the note; else
  "Date:" in the note's header block (its lines before the first body section or prose);
  else a date on a title line of the header block (not one bounding a period, "WEEK OF
  03/10/2025"); else "On 3/4/2025 member attended ..." in the narrative. A label with a word
  before it on its line ("Next Session Date:", "Target Date:") is not a field; dates in the
  body are never session dates. No date span, no session. ``DocInput.date`` is not used: a
  session's date must be pinned to its own span. A log row takes the date in its date cell;
  an empty or ditto date cell of a row with its own time, duration or attendance takes the
  row above's; a table without a date column takes a date field or dated title line right
  above it. A log row that names a service is a session even without a time ("--"); one
  without a service, time or attendance, or whose service cell is a day's status ("PROGRAM
  CLOSED"), is none.
- **Service kind**: the first service name in a service field, a block's first line, a
  title line, or a sentence saying the member attended it (``services.yaml``).
- **Attendance**: a labeled value or log cell ("Present - participated minimally" is
  attended, "Refused - did not attend" refused, "NS" no-show, "Program closed" program closed);
  else a statement in the narrative about this session; else a note that documents the
  member's response or own arrival/departure is attended; else unknown (a log row without an
  attendance cell is unknown).
- **Times**: a "Time:" value, else "Start Time:"/"End Time:" ("Time In"/"Time Out"), else a
  range on the date's value, a block's first line or a title line, else in a narrative
  sentence about this session; in a log, the time column, else a range after the date in
  a "Date/Time" cell ("10/6/25 1530-1700"), else start/end columns. See
  :mod:`extract.deterministic.times` for the am/pm rule.
  The member's own times: "arrived (late) at 9:30", "left (early) at 11:00", "left early
  (11:00 AM)", "arrived 30 minutes late", in a sentence or an attendance value ("Present -
  arrived late at 9:40"), a log's "Pt in/out" cell ("out 1130").
- **Stated duration**: a "Duration:" value (a bare number only under a label naming its
  unit, "Minutes: 90"), a duration inside the time value ("9-12 (180 min)"), on a block's
  first line or a title line, or in a narrative sentence about this session next to the
  service's name or after "for" ("the 3-hour DBT skills group", "attended group for 45
  minutes"). A "Scheduled Duration:" or a sentence about a plan or another day does not
  count, and a log under a schedule heading is not read.
- **Modality**: a labeled value; else the header lines and the sentences about this
  session ("conducted by telephone (audio only)"); in a log, the modality column, else the
  service or comment cell ("Group Psychotherapy (telehealth)").
- **Group size**: participants are the members present including this member ("with 6
  peers" is 7; "8 present including 2 facilitators" is 6).
- **Group focus**: substance use or mental health on positive evidence only, from the
  group's name, then its topic; neither or both is unknown.
- A note gives a session only if it has a time or duration, a service named by its name or
  code (a bare "GROUP NOTE" title is not enough), a stated attendance, or (a document
  classified as a progress note) a progress-note element. Evaluations, plans and other
  non-session documents (by ``Document.kind``), and diagnostic services, need a time or
  duration of their own in a labeled field (RULES.md "Service"): a program schedule in an
  intake's narrative is not a session.

No chart text is logged or put into an exception message.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from functools import cache
from typing import Any, Generic, TypeVar

from core.data import DocumentKind, Evidence, Page
from core.facts import (
    GROUP_KINDS,
    Attendance,
    Element,
    GroupFocus,
    Modality,
    NoteElement,
    Person,
    ServiceKind,
    Session,
)
from extract.deterministic import times
from extract.deterministic.common import DocInput, source
from extract.deterministic.dates import DateSpan, find_dates, may_start_date
from extract.deterministic.fields import Field as LabeledField
from extract.deterministic.fields import find_fields, trim
from extract.deterministic.people import PersonSpan, find_signatures, parse_person
from extract.vocab.lexicon import lexicon
from extract.vocab.services import vocabulary

# --------------------------------------------------------------------------- vocabulary

K = TypeVar("K")
def _norm(s: str) -> str:
    """Case-folded, blanks collapsed: the key phrases and labels are compared by."""
    return " ".join(s.casefold().split())


def _trie_regex(phrases: Sequence[Sequence[str]]) -> str:
    """One regex for phrases given as word lists, factored by common prefixes (a space
    matches any run of blanks). At each position it matches the longest phrase, as an
    alternation sorted longest-first would, but tries each character once instead of once
    per phrase."""
    trie: dict[str, Any] = {}
    for words in phrases:
        node = trie
        for i, word in enumerate(words):
            for unit in ([r"\s+"] if i else []) + [re.escape(c) for c in word]:
                node = node.setdefault(unit, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        alts = [unit + emit(child) for unit, child in sorted(node.items()) if unit]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if "" in node:  # a phrase ends here: the longer ones are tried first (greedy ?)
            return f"(?:{body})?"
        return body

    return emit(trie)


class PhraseMap(Generic[K]):
    """Phrases -> values, matched case-insensitively on word boundaries (a space in a phrase
    matches any run of blanks); one compiled regex, longest phrase first."""

    def __init__(self, mapping: Mapping[K, Sequence[str]]) -> None:
        self._values: dict[str, K] = {_norm(p): k for k, ps in mapping.items() for p in ps}
        alts = _trie_regex([p.split() for p in self._values])
        self._re = re.compile(rf"(?<![A-Za-z0-9])(?:{alts})(?![A-Za-z0-9])", re.IGNORECASE)
        # :meth:`earliest` results for the text last searched (held, so that it stays the
        # same object): a document's lines and sentences are asked about many times. One
        # tuple, replaced whole, so that a thread never reads another text's results.
        self._memo: tuple[str, dict[tuple[int, int], tuple[int, int, K] | None]] = ("", {})

    def matches(self, text: str, start: int, end: int) -> Iterator[tuple[int, int, K]]:
        """Non-overlapping matches in ``text[start:end]``, leftmost (then longest) first."""
        for m in self._re.finditer(text, start, end):
            yield m.start(), m.end(), self._values[_norm(m.group(0))]

    def earliest(self, text: str, start: int, end: int) -> tuple[int, int, K] | None:
        """The leftmost match (the longest phrase there)."""
        memo_text, memo = self._memo
        if text is not memo_text:
            memo = {}
            self._memo = (text, memo)
        key = (start, end)
        if key in memo:
            return memo[key]
        m = self._re.search(text, start, end)
        found = None if m is None else (m.start(), m.end(), self._values[_norm(m.group(0))])
        memo[key] = found
        return found

    def exact(self, value: str) -> K | None:
        """The value ``value`` is a listed phrase of, as a whole."""
        return self._values.get(_norm(value))


_MODALITY_PRIORITY = (Modality.AUDIO, Modality.VIDEO, Modality.IN_PERSON)
_INT = r"(?:\d{1,2}|" + "|".join(times.WORD_NUMBERS) + r")"


@dataclass(frozen=True)
class _Vocab:
    """Compiled matchers of the vocabulary and the lexicon (built once)."""

    kinds: PhraseMap[ServiceKind]
    fallback_kinds: PhraseMap[ServiceKind]
    codes: PhraseMap[ServiceKind]
    group_labels: frozenset[str]
    group_words: PhraseMap[str]
    group_variants: Mapping[ServiceKind, ServiceKind]
    focus: PhraseMap[GroupFocus]
    attendance_values: PhraseMap[Attendance]
    attendance_codes: PhraseMap[Attendance]
    attendance_narrative: PhraseMap[Attendance]
    member_labels: frozenset[str]
    modality_values: PhraseMap[Modality]
    modality_narrative: PhraseMap[Modality]
    modality_answer_labels: frozenset[str]
    modality_answers: PhraseMap[Modality]
    pos_labels: frozenset[str]
    pos_codes: PhraseMap[Modality]
    excluded_facilitator_labels: frozenset[str]
    facilitator_triggers: PhraseMap[str]
    element_labels: dict[str, NoteElement]
    plan_labels: frozenset[str]  # goal-relation labels whose value must name a goal
    field_groups: dict[str, str]  # label -> the lexicon group of _COLUMN_ROLES it is in
    field_spellings: tuple[str, ...]  # every label of those groups and of the elements
    body_labels: frozenset[str]
    signature_words: PhraseMap[str]
    formats: dict[str, tuple[frozenset[str], ...]]
    placeholders: frozenset[str]
    narrative_elements: dict[NoteElement, PhraseMap[NoteElement]]
    member_words: PhraseMap[str]
    period_words: PhraseMap[str]
    end_labels: re.Pattern[str]
    not_current: PhraseMap[str]
    schedule_words: PhraseMap[str]
    column_roles: dict[str, str]
    column_labels_longest_first: tuple[str, ...]
    hours_words: PhraseMap[str]
    known_labels: frozenset[str]


def _words(phrases: Sequence[str]) -> PhraseMap[str]:
    """A phrase list matched for presence only."""
    return PhraseMap({"": phrases})


@cache
def _vocab() -> _Vocab:
    """Compile ``services.yaml`` and the lexicon's labels once."""
    v = vocabulary()
    labels = lexicon().labels
    element_labels: dict[str, NoteElement] = {}
    spellings: list[str] = []
    for name, group in (
        (NoteElement.NATURE_OF_SERVICE, labels.intervention),
        (NoteElement.RESPONSE, labels.response),
        (NoteElement.GOAL_RELATION, labels.goal_relation),
    ):
        for label in [*group, *v.note.element_labels.get(name, [])]:
            element_labels.setdefault(_norm(label), name)
            spellings.append(label)
    field_groups = {_norm(x): group for group in _COLUMN_ROLES for x in getattr(labels, group)}
    roles = dict(field_groups)
    for role in ("duration", "group_size", "comments", "member_times"):
        for label in getattr(v.log_columns, role):
            roles.setdefault(_norm(label), role)
    known = {_norm(x) for group in labels.model_dump().values() for x in group}
    known |= set(element_labels) | {_norm(x) for x in v.note.body_labels}
    return _Vocab(
        kinds=PhraseMap(v.service_kinds),
        fallback_kinds=PhraseMap(v.fallback_kinds),
        codes=PhraseMap(v.service_codes),
        group_labels=frozenset(_norm(x) for x in v.group_labels),
        group_words=_words(v.group_words),
        group_variants=v.group_variants,
        focus=PhraseMap(v.group_focus),
        attendance_values=PhraseMap(v.attendance.values),
        attendance_codes=PhraseMap(v.attendance.codes),
        attendance_narrative=PhraseMap(v.attendance.narrative),
        member_labels=frozenset(_norm(x) for x in v.attendance.member_labels),
        modality_values=PhraseMap(v.modality.values),
        modality_narrative=PhraseMap(v.modality.narrative),
        modality_answer_labels=frozenset(_norm(x) for x in v.modality.answer_labels),
        modality_answers=PhraseMap(v.modality.answers),
        pos_labels=frozenset(_norm(x) for x in v.modality.pos_labels),
        pos_codes=PhraseMap(v.modality.pos_codes),
        excluded_facilitator_labels=frozenset(_norm(x) for x in v.facilitator.excluded_labels),
        facilitator_triggers=_words(v.facilitator.triggers),
        element_labels=element_labels,
        plan_labels=frozenset(_norm(x) for x in v.note.plan_labels),
        field_groups=field_groups,
        field_spellings=tuple(
            dict.fromkeys([*spellings, *(x for g in _COLUMN_ROLES for x in getattr(labels, g))])
        ),
        body_labels=frozenset(_norm(x) for x in v.note.body_labels),
        signature_words=_words(v.note.signature_words),
        formats={
            name: tuple(frozenset(_norm(x) for x in section) for section in sections)
            for name, sections in v.note.formats.items()
        },
        placeholders=frozenset(_norm(x) for x in v.note.placeholder_values),
        narrative_elements={k: PhraseMap({k: ps}) for k, ps in v.note.narrative_elements.items()},
        member_words=_words(v.note.member_words),
        period_words=_words(v.note.period_words),
        end_labels=re.compile(
            r"(?<![A-Za-z])(?:" + "|".join(re.escape(x) for x in labels.end_time) + r")[ \t]*:",
            re.IGNORECASE,
        ),
        not_current=_words(v.note.not_current),
        schedule_words=_words(v.schedule_words),
        column_roles=roles,
        column_labels_longest_first=tuple(sorted(roles, key=len, reverse=True)),
        hours_words=_words(v.log_columns.hours_words),
        known_labels=frozenset(known),
    )


# --------------------------------------------------------------------------- the document text


class _Kind(Enum):
    BLANK = "blank"
    SEP = "separator"  # a rule ("---") or a line of a log table
    TITLE = "title"
    HEAD = "head"  # a header field ("Client: ...", "Time: ...")
    BODY = "body"  # prose, a body section ("D:", "Response:") or a signature line


@dataclass(frozen=True, slots=True)
class _Line:
    start: int
    end: int
    kind: _Kind
    label: str | None  # normalized label at the start of the line, if any
    value_start: int  # where the text after that label begins (``start`` without one)
    signature: bool = False


_COLUMN_ROLES = (
    "date_of_service",
    "time",
    "start_time",
    "end_time",
    "duration",
    "service",
    "facilitator",
    "attendance",
    "modality",
    "group_size",
)
_TIME_GROUPS = ("time", "start_time", "end_time", "duration")
_SESSION_FIELD_GROUPS = (*_TIME_GROUPS, "service", "attendance")
_NATURE = NoteElement.NATURE_OF_SERVICE
_BODY_ELEMENTS = (NoteElement.RESPONSE, NoteElement.GOAL_RELATION)
_NON_SESSION_KINDS = frozenset(
    {
        DocumentKind.CERTIFICATION,
        DocumentKind.RECERTIFICATION,
        DocumentKind.TREATMENT_PLAN,
        DocumentKind.RISK_ASSESSMENT,
        DocumentKind.PHYSICAL_EXAM,
        DocumentKind.AUTHORIZATION,
        DocumentKind.INTAKE_EVALUATION,
        DocumentKind.DISCHARGE_SUMMARY,
    }
)

_RULE = re.compile(r"[ \t]*(?:[-=_*~][ \t]*){3,}")
# "Label: value" (optionally bulleted or bold), or a two-cell row "| Label | value |"
_LINE_LABEL = re.compile(
    r"[ \t]*(?:[-*•][ \t]+)?(?P<bold>\*\*)?(?P<label>[A-Za-z#][A-Za-z0-9/#().'&\- ]{0,40}?)"
    r"[ \t]*(?:\*\*)?[ \t]*:(?:\*\*)?[ \t]*"
    r"|[ \t]*\|[ \t]*(?:\*\*)?(?P<cell>[A-Za-z#][A-Za-z0-9/#().'&\- ]{0,40}?)"
    r"(?:\*\*)?[ \t]*\|[ \t]*"
)
_HEADING = re.compile(
    r"[ \t]*(?:#{1,6}[ \t]+(?P<md>[^#\n]+?)|\*\*(?P<bold>[^*\n]+?)\*\*)[ \t]*:?[ \t]*#*[ \t]*"
)
_BULLET = re.compile(r"[ \t]*(?:[-*•]|\d{1,2}[.)])[ \t]+")
_CONNECTORS = frozenset({"of", "by", "to", "in", "for", "and", "the", "with", "on", "at", "&"})
_SENTENCE_END = re.compile(r"[.!?]+(?=\s+[\"'(]?[A-Z0-9])")
_ABBREVIATION = re.compile(
    r"(?:\b(?:Dr|Mr|Mrs|Ms|Mx|St|vs|etc|approx|a\.m|p\.m|e\.g|i\.e)|(?<![A-Za-z])[A-Za-z])$",
    re.IGNORECASE,
)


def _label_like(label: str, vocab: _Vocab) -> bool:
    """A known label, or up to four capitalized words ("Client Name", "Member ID")."""
    if _norm(label) in vocab.known_labels:
        return True
    words = label.split()
    return 0 < len(words) <= 4 and all(
        w[0].isupper() or w[0] in "#(" or w.casefold() in _CONNECTORS for w in words
    )


def _is_title(line: str) -> bool:
    """A short heading-like line without a label ("IOP GROUP NOTE", "03/04/2025")."""
    s = line.strip().strip("*#_ ")
    return 0 < len(s) <= 80 and len(s.split()) <= 12 and s[-1] not in ".!?,;" and not s[0].islower()


def _classify(text: str, start: int, end: int, signature: bool, vocab: _Vocab) -> _Line:
    """Classify one line: blank, rule, header field, body (section, prose, signature), title."""
    line = text[start:end]
    if not line.strip():
        return _Line(start, end, _Kind.BLANK, None, start)
    if _RULE.fullmatch(line):
        return _Line(start, end, _Kind.SEP, None, start)
    m = _LINE_LABEL.match(line)
    if m is not None and (
        m.group("bold") or _label_like(m.group("label") or m.group("cell"), vocab)
    ):
        label = _norm(m.group("label") or m.group("cell"))
        signed = signature or vocab.signature_words.earliest(label, 0, len(label)) is not None
        body = label in vocab.body_labels or vocab.element_labels.get(label) in _BODY_ELEMENTS
        kind = _Kind.BODY if signed or body else _Kind.HEAD
        return _Line(start, end, kind, label, start + m.end(), signed)
    if signature:
        return _Line(start, end, _Kind.BODY, None, start, True)
    heading = _HEADING.fullmatch(line)
    if heading is not None:
        name = _norm(heading.group("md") or heading.group("bold"))
        if name in vocab.body_labels or name in vocab.element_labels:
            return _Line(start, end, _Kind.BODY, name, end)  # "## Assessment", "**Data**"
    bullet = _BULLET.match(line)
    value_start = start + (bullet.end() if bullet else 0)
    return _Line(start, end, _Kind.TITLE if _is_title(line) else _Kind.BODY, None, value_start)


def _is_underline(line: _Line, above: Sequence[_Line]) -> bool:
    """A rule right under a title that stands alone (a setext heading), not a separator."""
    return (
        line.kind is _Kind.SEP
        and len(above) > 0
        and above[-1].kind is _Kind.TITLE
        and (len(above) == 1 or above[-2].kind in (_Kind.BLANK, _Kind.SEP))
    )


@dataclass(frozen=True)
class _Chart:
    """One document's readable pages joined into one text (pages apart by a blank line), with
    its classified lines, log tables and labeled fields (outside the tables, in text order)."""

    doc: DocInput
    vocab: _Vocab
    text: str
    pages: tuple[Page, ...]
    offsets: tuple[int, ...]
    lines: tuple[_Line, ...]
    line_starts: tuple[int, ...]
    tables: tuple[_Table, ...]
    fields: Mapping[str, tuple[LabeledField, ...]]
    element_fields: tuple[tuple[NoteElement, LabeledField], ...]
    label_starts: tuple[int, ...]  # where each field's label begins, sorted

    def ev(self, start: int, end: int) -> Evidence | None:
        """Evidence for ``text[start:end]`` on its page (``None`` if blank)."""
        i = bisect.bisect_right(self.offsets, start) - 1
        page, base = self.pages[i], self.offsets[i]
        s, e = start - base, min(end - base, len(page.text))
        if s >= e or not page.text[s:e].strip():
            return None
        return self.doc.evidence(page, s, e)

    def line_of(self, pos: int) -> int:
        return bisect.bisect_right(self.line_starts, pos) - 1

    def in_range(self, group: str, start: int, end: int) -> Iterator[LabeledField]:
        return (f for f in self.fields[group] if start <= f.label_start < end)


def _build_chart(doc: DocInput) -> _Chart:
    """Join the readable pages, find the log tables, classify the lines, find the fields."""
    vocab = _vocab()
    pages = tuple(doc.pages())
    offsets: list[int] = []
    pos = 0
    for p in pages:
        offsets.append(pos)
        pos += len(p.text) + 2
    text = "\n\n".join(p.text for p in pages)
    raw: list[tuple[int, int]] = []
    pos = 0
    for piece in text.split("\n"):
        raw.append((pos, pos + len(piece)))
        pos += len(piece) + 1
    starts = [s for s, _ in raw]
    tables = tuple(_find_tables(text, raw, vocab))
    masked = {i for t in tables for i in range(t.first_line, t.last_line + 1)}
    signed = {bisect.bisect_right(starts, sig.start) - 1 for sig in find_signatures(text)}
    lines: list[_Line] = []
    for i, (s, e) in enumerate(raw):
        if i in masked:
            line = _Line(s, e, _Kind.SEP, None, s)
        else:
            line = _classify(text, s, e, i in signed, vocab)
            if _is_underline(line, lines):
                line = _Line(s, e, _Kind.BLANK, None, s)
        lines.append(line)

    # one pass for every label read here; a field may be in a group and be an element
    found = sorted(find_fields(text, vocab.field_spellings), key=lambda f: f.label_start)
    kept = [f for f in found if bisect.bisect_right(starts, f.label_start) - 1 not in masked]
    fields: dict[str, list[LabeledField]] = {group: [] for group in _COLUMN_ROLES}
    element_fields: list[tuple[NoteElement, LabeledField]] = []
    for f in kept:
        label = _norm(f.label)
        if label in vocab.field_groups:
            fields[vocab.field_groups[label]].append(f)
        if label in vocab.element_labels:
            element_fields.append((vocab.element_labels[label], f))
    return _Chart(
        doc,
        vocab,
        text,
        pages,
        tuple(offsets),
        tuple(lines),
        tuple(starts),
        tables,
        {group: tuple(fs) for group, fs in fields.items()},
        tuple(element_fields),
        tuple(sorted({f.label_start for f in kept})),
    )


def _sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Sentences of ``text[start:end]`` (trimmed, non-empty spans)."""
    bounds = [start]
    for m in _SENTENCE_END.finditer(text, start, end):
        abbreviation = _ABBREVIATION.search(text, max(bounds[-1], m.start() - 8), m.start())
        if text[m.start()] != "." or abbreviation is None:
            bounds.append(m.end())
    bounds.append(end)
    for a, b in itertools.pairwise(bounds):
        s, e = trim(text, a, b)
        if s < e:
            yield s, e


# --------------------------------------------------------------------------- shared value parsers


@dataclass(frozen=True, slots=True)
class _Cell:
    """A table cell ``text[start:end]`` (trimmed; empty when ``start == end``)."""

    start: int
    end: int


_CODE_TOKEN = re.compile(r"[ \t]*([^\s\-–—:(,;]+)")
_COUNT = re.compile(rf"[ \t]*(?P<n>{_INT})(?!\w|\.\d)", re.IGNORECASE)
_STAFF_INCLUDED = re.compile(
    rf"\b(?:including|incl\.?|inc\.?)[ \t]+(?P<n>{_INT})[ \t]+(?:co-?)?"
    r"(?:facilitators?|staff|leaders?|therapists?|clinicians?|counselors?)\b",
    re.IGNORECASE,
)
_NARRATIVE_COUNTS = (
    re.compile(
        rf"\b(?P<n>{_INT})[ \t]+(?:group[ \t]+)?(?:members|participants|clients|patients|"
        r"individuals|attendees)[ \t]+(?:were[ \t]+)?(?:present|attended|in[ \t]+attendance|"
        r"in[ \t]+(?:the[ \t]+)?group)\b",
        re.IGNORECASE,
    ),
    re.compile(
        r"\b(?:participants|members|group|attendance|present|census)\b[^.\n]{0,20}?"
        r"\([ \t]*n[ \t]*=[ \t]*(?P<n>\d{1,2})[ \t]*\)",
        re.IGNORECASE,
    ),
    re.compile(rf"\bgroup[ \t]+of[ \t]+(?P<n>{_INT})\b", re.IGNORECASE),
)
_PEERS = re.compile(
    rf"\bwith[ \t]+(?P<n>{_INT})[ \t]+(?:other[ \t]+(?:group[ \t]+)?(?:members|clients|"
    r"participants|patients)|peers)\b",
    re.IGNORECASE,
)
_PERSON_SEP = re.compile(r"[ \t]*(?:[;&/+,]|\band\b)[ \t]*")
_BARE_NUMBER = re.compile(r"[ \t]*(\d+(?:\.\d+)?)[ \t]*$")
_NOT_SESSION_LENGTH = re.compile(
    r"[ \t]*(?:late|early|before|after|ago|prior|per|each|a[ \t]+(?:week|day)|/)", re.IGNORECASE
)
_ARRIVAL = re.compile(r"\b(?:arrived|arriving|came[ \t]+in|joined)\b", re.IGNORECASE)
_DEPARTURE = re.compile(r"\b(?:left|leaving|departed|signed[ \t]+out)\b", re.IGNORECASE)
# "left early at 10:00", "arrived @ 9:20", "left early (10:00 AM)"
_AT = re.compile(
    r"[^.;\n]{0,30}?(?:(?:\bat|@)(?:[ \t]+(?:approximately|approx\.?|about|around))?[ \t]+"
    r"|[ \t]\([ \t]*(?:at[ \t]+)?)",
    re.IGNORECASE,
)
_LATE = re.compile(r"[ \t]+late\b", re.IGNORECASE)
_EARLY = re.compile(r"[ \t]+early\b", re.IGNORECASE)
_ON_DATE = re.compile(r"\b[Oo]n[ \t]+(?:[A-Z][a-z]+day,?[ \t]+)?$")
_RANGE_AFTER = re.compile(r"[ \t]*(?:-|–|—|to|through|thru)[ \t]*\d")
_RANGE_BEFORE = re.compile(r"\d[ \t]*(?:-|–|—|to|through|thru)[ \t]*$")
_WORDS_AFTER = re.compile(r"[^,.;:()\n]{0,40}")  # up to the end of the phrase
_FOR = re.compile(r"\bfor[ \t]+$", re.IGNORECASE)
_IN_OUT = re.compile(r"\b(in|out)\b[ \t:@]*", re.IGNORECASE)
_DASH = re.compile(r"[ \t](?:—|–|--?)[ \t]")
_BLOCK_LEAD = re.compile(
    r"[ \t]*(?P<mark>(?:#{1,6}[ \t]+)?(?P<item>[-*•][ \t]+|\d{1,2}[.)][ \t]+)?(?:\*\*)?"
    r"(?:(?:session|group|service|part)[ \t]*#?[ \t]*\d{1,2}[ \t]*[:.)\-–—][ \t]*)?(?:\*\*)?)",
    re.IGNORECASE,
)
_DITTO = frozenset({'"', "''", "〃", "do", "do.", "same", "ditto"})


def _count(word: str) -> int:
    """A count written in digits or words ("7", "seven")."""
    w = word.casefold()
    return times.WORD_NUMBERS[w] if w in times.WORD_NUMBERS else int(w)


def _span_date(text: str, start: int, end: int) -> DateSpan | None:
    """The date a value starts with (a weekday or blanks may come first)."""
    d = next(find_dates(text, start, end), None)
    if d is None or any(ch.isdigit() for ch in text[start : d.start]):
        return None
    return d


@dataclass(frozen=True, slots=True)
class _Kinded:
    """A service kind and the words ``text[start:end]`` that state it; ``named`` when a
    service's name or code says it (not only "group" or a "Group:" label)."""

    kind: ServiceKind
    start: int
    end: int
    named: bool


def _service_kind(
    vocab: _Vocab, text: str, start: int, end: int, label: str | None = None
) -> _Kinded | None:
    """The service kind a name states: the first service name in it ("Psychoeducation -
    Relapse Prevention" is education), else a code, else a "Group:" label or a bare
    "group" / "individual" / "family". An education or nursing service held as a group
    ("Nursing Education Group") is group education."""
    grouped = (label is not None and _norm(label) in vocab.group_labels) or (
        vocab.group_words.earliest(text, start, end) is not None
    )
    for matcher in (vocab.kinds, vocab.codes):
        m = matcher.earliest(text, start, end)
        if m is not None:
            kind = vocab.group_variants.get(m[2], m[2]) if grouped else m[2]
            return _Kinded(kind, m[0], m[1], True)
    if label is not None and _norm(label) in vocab.group_labels:
        return _Kinded(ServiceKind.GROUP_PSYCHOTHERAPY, start, end, False)
    m = vocab.fallback_kinds.earliest(text, start, end)
    return _Kinded(m[2], m[0], m[1], False) if m is not None else None


def _focus(vocab: _Vocab, text: str, spans: Sequence[tuple[int, int]]) -> GroupFocus:
    """Group focus from the first span that names one (both named: unknown)."""
    for start, end in spans:
        found = {k for _, _, k in vocab.focus.matches(text, start, end)}
        if found:
            return found.pop() if len(found) == 1 else GroupFocus.UNKNOWN
    return GroupFocus.UNKNOWN


def _attendance_value(
    vocab: _Vocab, text: str, start: int, end: int
) -> tuple[Attendance, int, int] | None:
    """Attendance a labeled value or a cell states ("Present", "NS", "Refused - ...")."""
    m = vocab.attendance_values.earliest(text, start, end)
    if m is not None:
        return m[2], m[0], m[1]
    whole = vocab.attendance_codes.exact(text[start:end])
    if whole is not None:
        return whole, start, end
    t = _CODE_TOKEN.match(text, start, end)
    if t is not None and (code := vocab.attendance_codes.exact(t.group(1))) is not None:
        return code, t.start(1), t.end(1)
    return None


_LAST_TOKEN = re.compile(r"[ \t](\S+)[ \t]*$")


def _entry_attendance(
    vocab: _Vocab, text: str, start: int, end: int
) -> tuple[Attendance, int, int] | None:
    """Attendance on a dated entry line: a status phrase ("Present", "No show"), else a
    status code ending the line ("NS", "P")."""
    m = vocab.attendance_values.earliest(text, start, end)
    if m is not None:
        return m[2], m[0], m[1]
    t = _LAST_TOKEN.search(text, start, end)
    if t is not None and (code := vocab.attendance_codes.exact(t.group(1))) is not None:
        return code, t.start(1), t.end(1)
    return None


def _modality_value(
    vocab: _Vocab, text: str, start: int, end: int, label: str
) -> tuple[Modality, int, int] | None:
    """Modality a labeled value states ("via Zoom", "POS: 02", "Telehealth: No")."""
    label = _norm(label)
    if label in vocab.modality_answer_labels:
        answer = vocab.modality_answers.exact(text[start:end])
        if answer is not None:
            return answer, start, end
    if label in vocab.pos_labels:
        code = re.match(r"[ \t]*(\d{2})\b", text[start:end])
        if code is not None and (k := vocab.pos_codes.exact(code.group(1))) is not None:
            return k, start + code.start(1), start + code.end(1)
    return _by_priority(vocab.modality_values.matches(text, start, end))


def _by_priority(matches: Iterator[tuple[int, int, Modality]]) -> tuple[Modality, int, int] | None:
    """The most specific modality matched: audio, then video, then in person."""
    found: dict[Modality, tuple[int, int]] = {}
    for s, e, k in matches:
        found.setdefault(k, (s, e))
    for k in _MODALITY_PRIORITY:
        if k in found:
            return k, *found[k]
    return None


def _group_size(text: str, start: int, end: int) -> tuple[int, int, int] | None:
    """Participants a labeled value states ("7", "8 including 2 facilitators")."""
    m = _COUNT.match(text, start, end)
    if m is None:
        return None
    n = _count(m.group("n"))
    staff = _STAFF_INCLUDED.search(text, m.end(), end)
    if staff is not None:
        n -= _count(staff.group("n"))
        return (n, m.start("n"), staff.end()) if n > 0 else None
    return (n, m.start("n"), m.end("n")) if n > 0 else None


def _persons(text: str, start: int, end: int) -> list[PersonSpan]:
    """The people named in ``text[start:end]`` ("A. Poe, CADC; B. Lee, LCSW")."""
    out: list[PersonSpan] = []
    pos = start
    while pos < end:
        p = parse_person(text, pos, end)
        if p is None or p.end <= pos:
            break
        if not p.credentials and p.name is not None and " " not in p.name:
            # "Roe, Jane LCSW": last name, first name and credentials
            comma = re.compile(r",[ \t]*").match(text, p.end, end)
            nxt = parse_person(text, comma.end(), end) if comma else None
            if nxt is not None and nxt.name is not None and nxt.credentials:
                p = PersonSpan(
                    p.start, nxt.end, text[p.start : nxt.start] + nxt.name, nxt.credentials
                )
        out.append(p)
        sep = _PERSON_SEP.match(text, p.end, end)
        if sep is None:
            break
        pos = sep.end()
    return out


def _duration_value(
    vocab: _Vocab, text: str, start: int, end: int, unit_label: str
) -> tuple[float, int, int] | None:
    """A duration in a labeled value or a cell; a bare number only when ``unit_label``
    names its unit ("Minutes: 90", a column headed "Hours")."""
    d = next(times.find_durations(text, start, end), None)
    if d is not None:
        return d.minutes, d.start, d.end
    m = _BARE_NUMBER.match(text, start, end)
    if m is None:
        return None
    unit = _norm(unit_label)
    if vocab.hours_words.earliest(unit, 0, len(unit)) is not None:
        return float(m.group(1)) * 60, m.start(1), m.end(1)
    if "min" in unit:
        return float(m.group(1)), m.start(1), m.end(1)
    return None


# --------------------------------------------------------------------------- drafts


@dataclass
class _Draft:
    """What one note or log row states, and the spans that state it."""

    date: DateSpan
    spans: list[tuple[int, int]] = field(default_factory=list)
    service_kind: ServiceKind = ServiceKind.UNKNOWN
    attendance: Attendance = Attendance.UNKNOWN
    start: dt.time | None = None
    end: dt.time | None = None
    member_start: dt.time | None = None
    member_end: dt.time | None = None
    stated_minutes: float | None = None
    modality: Modality = Modality.UNKNOWN
    facilitators: list[Person] = field(default_factory=list)
    group_size: int | None = None
    group_focus: GroupFocus = GroupFocus.UNKNOWN
    elements: list[Element] = field(default_factory=list)
    kind_named: bool = False  # the kind comes from a service's name or code
    attendance_stated: bool = False  # attendance is written, not inferred
    field_time: bool = False  # a time or duration comes from a labeled field

    @property
    def has_time(self) -> bool:
        return self.start is not None or self.end is not None or self.stated_minutes is not None

    def add_facilitators(
        self, chart: _Chart, start: int, end: int, *, credentialed: bool = False
    ) -> None:
        """Add the people named in ``text[start:end]`` (only those with a credential when
        ``credentialed``); a person already listed is not added again."""
        known = {(p.name, p.credentials) for p in self.facilitators}
        for ps in _persons(chart.text, start, end):
            ev = chart.ev(ps.start, ps.end)
            if ev is None or (ps.name, ps.credentials) in known:
                continue
            if credentialed and not ps.credentials:
                break
            known.add((ps.name, ps.credentials))
            self.facilitators.append(
                Person(
                    evidence=(ev,),
                    source=source("sessions.facilitator"),
                    name=ps.name,
                    credentials=ps.credentials,
                )
            )

    def session(self, chart: _Chart, pattern: str, *, is_log_entry: bool) -> Session | None:
        """The session this draft describes (``None`` if its date span is blank)."""
        date_ev = chart.ev(self.date.start, self.date.end)
        if date_ev is None:
            return None
        evidence = [date_ev]
        for s, e in self.spans:
            ev = chart.ev(s, e)
            if ev is not None and ev not in evidence:
                evidence.append(ev)
        focus = self.group_focus if self.service_kind in GROUP_KINDS else GroupFocus.UNKNOWN
        return Session(
            evidence=tuple(evidence),
            source=source(pattern),
            date=self.date.date,
            service_kind=self.service_kind,
            attendance=self.attendance,
            start=self.start,
            end=self.end,
            member_start=self.member_start,
            member_end=self.member_end,
            stated_minutes=self.stated_minutes,
            modality=self.modality,
            facilitators=tuple(self.facilitators),
            group_size=self.group_size,
            group_focus=focus,
            is_log_entry=is_log_entry,
            elements=tuple(self.elements),
        )


def _member_times(chart: _Chart, draft: _Draft, start: int, end: int) -> None:
    """The member's own arrival / departure in ``text[start:end]`` (a sentence or a cell)."""
    text = chart.text
    for pattern, late_or_early, is_arrival in (
        (_ARRIVAL, _LATE, True),
        (_DEPARTURE, _EARLY, False),
    ):
        if (draft.member_start if is_arrival else draft.member_end) is not None:
            continue
        verb = pattern.search(text, start, end)
        if verb is None:
            continue
        value: dt.time | None = None
        at = _AT.match(text, verb.end(), end)
        clock = next(times.find_clock_times(text, at.end(), end, loose=True), None) if at else None
        if at is not None and clock is not None and clock.start == at.end():
            value = times.resolve_within(clock, draft.start, draft.end)
            span = (clock.start, clock.end)
        else:
            d = next(times.find_durations(text, verb.end(), min(end, verb.end() + 30)), None)
            anchor = draft.start if is_arrival else draft.end
            if d is None or anchor is None or not late_or_early.match(text, d.end, end):
                continue
            minutes = anchor.hour * 60 + anchor.minute + (d.minutes if is_arrival else -d.minutes)
            if not 0 <= minutes < 24 * 60:
                continue
            value = dt.time(int(minutes) // 60, int(minutes) % 60)
            span = (d.start, d.end)
        if is_arrival:
            draft.member_start = value
        else:
            draft.member_end = value
        draft.spans.append(span)


def _member_in_out(chart: _Chart, draft: _Draft, start: int, end: int) -> None:
    """The member's own times in a log's in/out cell ("in 0915", "out 1130")."""
    text = chart.text
    for m in _IN_OUT.finditer(text, start, end):
        clock = next(times.find_clock_times(text, m.end(), end, loose=True), None)
        if clock is None or clock.start != m.end():
            continue
        value = times.resolve_within(clock, draft.start, draft.end)
        if m.group(1).casefold() == "in":
            draft.member_start = value
        else:
            draft.member_end = value
        draft.spans.append((m.start(), clock.end))


# --------------------------------------------------------------------------- notes


@dataclass
class _Para:
    """A paragraph of a note region: lines ``first``..``last``; ``head_end`` is the first
    line after its leading title / header-field lines."""

    first: int
    last: int
    head_end: int
    anchors: frozenset[str]
    sep_before: bool
    has_body: bool
    title_only: bool


def _anchor_keys(chart: _Chart, first: int, head_end: int) -> frozenset[str]:
    """Session-date labels in the header lines ``first``..``head_end`` of a paragraph."""
    lo = chart.lines[first].start
    hi = chart.lines[head_end - 1].end if head_end > first else lo
    keys: set[str] = set()
    for f in chart.in_range("date_of_service", lo, hi + 1):
        if _span_date(chart.text, f.start, f.end) is not None:
            keys.add(_norm(f.label))
    for i in range(first, head_end):
        line = chart.lines[i]
        if line.kind is _Kind.TITLE and next(find_dates(chart.text, line.start, line.end), None):
            keys.add("<title>")
    return frozenset(keys)


def _paragraphs(chart: _Chart) -> list[_Para]:
    """The runs of non-blank lines between blank lines, rules and tables."""
    out: list[_Para] = []
    i, n = 0, len(chart.lines)
    sep = False
    while i < n:
        kind = chart.lines[i].kind
        if kind in (_Kind.BLANK, _Kind.SEP):
            sep = sep or kind is _Kind.SEP
            i += 1
            continue
        j = i
        while j + 1 < n and chart.lines[j + 1].kind not in (_Kind.BLANK, _Kind.SEP):
            j += 1
        head_end = i
        while head_end <= j and chart.lines[head_end].kind in (_Kind.TITLE, _Kind.HEAD):
            head_end += 1
        out.append(
            _Para(
                first=i,
                last=j,
                head_end=head_end,
                anchors=_anchor_keys(chart, i, head_end),
                sep_before=sep,
                has_body=head_end <= j,
                title_only=all(chart.lines[k].kind is _Kind.TITLE for k in range(i, j + 1)),
            )
        )
        sep = False
        i = j + 1
    return out


def _notes(chart: _Chart) -> list[list[_Para]]:
    """Group paragraphs into notes (see the module docstring)."""
    notes: list[list[_Para]] = []
    cur: list[_Para] = []
    keys: set[str] = set()
    body = closed = False
    for p in _paragraphs(chart):
        if p.sep_before and cur and not keys:
            notes.append(cur)  # undated text before a rule or a table stays apart
            cur, body = [], False
        closed = closed or (p.sep_before and bool(cur))
        if cur and p.anchors and keys and (body or closed or p.anchors & keys):
            moved: list[_Para] = []
            nxt = p
            while cur and cur[-1].title_only and not cur[-1].anchors and not nxt.sep_before:
                nxt = cur.pop()
                moved.insert(0, nxt)
            notes.append(cur)
            cur, keys, body, closed = [*moved, p], set(p.anchors), p.has_body, False
        else:
            cur.append(p)
            keys |= p.anchors
            body = body or p.has_body
    if cur:
        notes.append(cur)
    merged: list[list[_Para]] = []
    for note in notes:
        if merged and _is_trailer(chart, note):
            merged[-1].extend(note)
        else:
            merged.append(note)
    return merged


def _is_trailer(chart: _Chart, note: list[_Para]) -> bool:
    """A header-only block after a note ("Clinician: ...  Date: ..." under the body)."""
    if any(p.has_body for p in note) or any(p.anchors - {"date", "<title>"} for p in note):
        return False
    lo, hi = chart.lines[note[0].first].start, chart.lines[note[-1].last].end
    return not any(next(chart.in_range(g, lo, hi), None) for g in _SESSION_FIELD_GROUPS)


@dataclass(frozen=True)
class _NoteView:
    """Lines of one note, or of one service block of a note that documents several: where
    its header block ends, the lead line of a block, and its sentences."""

    chart: _Chart
    line_ids: tuple[int, ...]
    line_set: frozenset[int]
    head_end: int
    lead: tuple[int, int] | None  # a block's first line ("GROUP 2: Psychoeducation ...")
    sentences: tuple[tuple[int, int], ...]

    def has(self, pos: int) -> bool:
        return self.chart.line_of(pos) in self.line_set

    def fields(self, group: str) -> Iterator[LabeledField]:
        """The view's fields of a lexicon label group, in text order."""
        return (f for f in self.chart.fields[group] if self.has(f.label_start))

    def element_fields(self) -> Iterator[tuple[NoteElement, LabeledField]]:
        return ((n, f) for n, f in self.chart.element_fields if self.has(f.label_start))

    def header_lines(self, kind: _Kind) -> Iterator[_Line]:
        """Lines of ``kind`` in the header block (before the first body line)."""
        lines = self.chart.lines
        return (
            lines[i]
            for i in self.line_ids
            if lines[i].kind is kind and lines[i].start < self.head_end
        )

    def runs(self) -> Iterator[tuple[int, int]]:
        """The text ranges of the view's runs of consecutive lines."""
        lines = self.chart.lines
        first = prev = self.line_ids[0]
        for i in (*self.line_ids[1:], -1):
            if i != prev + 1:
                yield lines[first].start, lines[prev].end
                first = i
            prev = i

    def current(self) -> Iterator[tuple[int, int]]:
        """Sentences about this session (not a plan, another day or a schedule)."""
        text, nc = self.chart.text, self.chart.vocab.not_current
        return (s for s in self.sentences if nc.earliest(text, s[0], s[1]) is None)


def _note_view(chart: _Chart, ids: Sequence[int], lead: int | None = None) -> _NoteView:
    """The view of lines ``ids``: a prose line wrapped onto the next continues its
    sentence; ``lead`` is the line a service block starts with."""
    ordered = tuple(sorted(ids))
    lines = chart.lines
    head_end = next(
        (lines[i].start for i in ordered if lines[i].kind is _Kind.BODY), lines[ordered[-1]].end
    )
    sentences: list[tuple[int, int]] = []
    region: tuple[int, int] | None = None
    prev = -2
    for i in ordered:
        ln = lines[i]
        # prose, titles, and header-like fields below the header block ("Gains: ...")
        eligible = not ln.signature and (
            ln.kind in (_Kind.BODY, _Kind.TITLE) or (ln.kind is _Kind.HEAD and ln.start >= head_end)
        )
        if region is not None and i == prev + 1 and _wrapped(chart.text, ln):
            region = (region[0], ln.end)
        else:
            if region is not None:
                sentences.extend(_sentences(chart.text, *region))
            region = (ln.value_start, ln.end) if eligible else None
        prev = i
    if region is not None:
        sentences.extend(_sentences(chart.text, *region))
    lead_span = None
    if lead is not None:
        whole = lines[lead].kind is _Kind.HEAD and _head_service(chart.vocab, lines[lead]) == (
            lines[lead].start,
            lines[lead].end,
        )
        lead_span = (lines[lead].start if whole else lines[lead].value_start, lines[lead].end)
    return _NoteView(chart, ordered, frozenset(ordered), head_end, lead_span, tuple(sentences))


def _blocks(note: _NoteView) -> list[tuple[int, list[int]]]:
    """The service blocks of a note that documents several services ("GROUP 1: ...",
    "SESSION 2 - ...", "1. Process group, 90 min", "**DBT group, 75 min** ..."): each begins
    with a title, heading or list line that names a service, and has a time or duration of
    its own. Fewer than two such blocks: none (the note is one session)."""
    text, vocab, lines = note.chart.text, note.chart.vocab, note.chart.lines
    heads: list[tuple[int, bool]] = []  # (line, is a list item)
    for i in note.line_ids:
        ln = lines[i]
        lead = _BLOCK_LEAD.match(text, ln.start, ln.end)
        if lead is None or ln.kind in (_Kind.BLANK, _Kind.SEP):
            continue
        if _line_date(text, ln) is not None:  # "10/6/25  Group Psychotherapy  9:00-12:00"
            if vocab.not_current.earliest(text, ln.start, ln.end) is None:
                heads.append((i, False))
            continue
        if i == note.line_ids[0]:
            continue
        if ln.kind is _Kind.HEAD:  # "Process Group (9:00-10:30): Member shared ..."
            region = _head_service(vocab, ln)
            if region is not None and (
                (vocab.kinds.earliest(text, *region) or vocab.codes.earliest(text, *region))
                and vocab.not_current.earliest(text, ln.start, ln.end) is None
            ):
                heads.append((i, False))
            continue
        if ln.kind is not _Kind.TITLE and not lead.group("mark"):
            continue  # a prose line, not a heading or a list item
        named = vocab.kinds.earliest(text, lead.end(), ln.end) or vocab.codes.earliest(
            text, lead.end(), ln.end
        )
        if named is not None and vocab.not_current.earliest(text, ln.start, ln.end) is None:
            heads.append((i, lead.group("item") is not None))
    # a head whose lines up to the next head hold no time of its own is only content
    timed = [
        (i, item)
        for k, (i, item) in enumerate(heads)
        if _block_has_time(
            note.chart, _lines_until(note, i, heads[k + 1][0] if k + 1 < len(heads) else None)
        )
    ]
    if len(timed) < 2:
        return []
    blocks: list[tuple[int, list[int]]] = []
    for k, (i, item) in enumerate(timed):
        ids = _lines_until(note, i, timed[k + 1][0] if k + 1 < len(timed) else None)
        if item:  # a list item ends with its indented or wrapped continuation lines
            n = 1
            while (
                n < len(ids) and ids[n] == ids[n - 1] + 1 and _continues_item(text, lines[ids[n]])
            ):
                n += 1
            ids = ids[:n]
        blocks.append((i, ids))
    return blocks


def _head_service(vocab: _Vocab, line: _Line) -> tuple[int, int] | None:
    """Where a labeled line may name a service that begins a block: the whole line when its
    label is not a known one ("Process Group (9:00-10:30): Member shared ..."). A repeated
    "Group:" field does not begin one (a note's parts under one header are one session)."""
    if line.label is None or line.label in vocab.known_labels:
        return None
    return line.start, line.end


_LINE_DATE_LEAD = re.compile(r"[ \t]*(?:[-*•][ \t]+)?(?:\*\*)?(?:[A-Z][a-z]{2,8}\.?,?[ \t]+)?")


def _line_date(text: str, line: _Line) -> DateSpan | None:
    """The date a line of a dated list of entries begins with ("10/6/25 ...", "- Mon
    10/6/25: ..."), not a period's bound ("10/6/25 - 10/12/25")."""
    lead = _LINE_DATE_LEAD.match(text, line.start, line.end)
    if lead is None or not may_start_date(text, lead.end(), line.end):
        return None  # (most lines: the dates of the line need not be read)
    d = next(find_dates(text, line.start, line.end), None)
    if lead is None or d is None or d.start != lead.end():
        return None
    if _RANGE_AFTER.match(text, d.end, line.end) and next(
        find_dates(text, d.end, min(line.end, d.end + 16)), None
    ):
        return None
    return d


def _lines_until(note: _NoteView, first: int, stop: int | None) -> list[int]:
    """The note's lines from ``first`` up to (not including) ``stop`` or the note's end."""
    return [j for j in note.line_ids if first <= j and (stop is None or j < stop)]


def _continues_item(text: str, line: _Line) -> bool:
    """An indented or wrapped line under a list item."""
    return line.kind is not _Kind.BLANK and (
        text[line.start : line.start + 1] in (" ", "\t") or _wrapped(text, line)
    )


def _block_has_time(chart: _Chart, ids: Sequence[int]) -> bool:
    """Whether a block states a time or duration of its own (a field, or on its lead line)."""
    lines = chart.lines
    lo, hi = lines[ids[0]].start, lines[ids[-1]].end
    if any(next(chart.in_range(g, lo, hi), None) for g in _TIME_GROUPS):
        return True
    lead = lines[ids[0]]
    return (
        next(times.find_time_ranges(chart.text, lead.start, lead.end), None) is not None
        or next(times.find_durations(chart.text, lead.start, lead.end), None) is not None
    )


def _inline_entries(note: _NoteView) -> list[tuple[_Kinded, times.TimeRange]]:
    """Several sessions named in a note's narrative, each with its own time range ("two
    groups this morning: Relapse Prevention group 9:00-10:30 and DBT skills group
    10:45-12:00"): each range with the service named right before it (or, when the first
    range has none before it, right after it: "9:00-10:30 Process group; 10:45-12:00
    Psychoeducation"). Fewer than two, or ranges that overlap: none (one session)."""
    text, vocab = note.chart.text, note.chart.vocab
    current = list(note.current())
    sentence_of: dict[int, tuple[int, int]] = {}
    ranges: list[times.TimeRange] = []
    for s, e in current:
        for r in times.find_time_ranges(text, s, e):
            ranges.append(r)
            sentence_of[r.start] = (s, e)
    if len(ranges) < 2:
        return []
    found: list[tuple[_Kinded, times.TimeRange]] = []
    after: bool | None = None
    for k, r in enumerate(ranges):
        s, e = sentence_of[r.start]
        lo = max(s, ranges[k - 1].end) if k else s
        hi = min(e, ranges[k + 1].start) if k + 1 < len(ranges) else e
        before = list(vocab.kinds.matches(text, lo, r.start))
        if after is None:
            after = not before
        m = before[-1] if not after and before else None
        if after:
            m = vocab.kinds.earliest(text, r.end, hi)
        if m is None:
            return []
        found.append((_Kinded(m[2], m[0], m[1], True), r))
    ordered = all(
        (a.ends.hour, a.ends.minute) <= (b.begins.hour, b.begins.minute)
        for (_, a), (_, b) in itertools.pairwise(found)
    )
    return found if ordered else []


def _note_date(note: _NoteView) -> tuple[DateSpan, tuple[int, int] | None] | None:
    """The note's session date and the value span it was found in (see module docstring)."""
    text, vocab = note.chart.text, note.chart.vocab
    generic: list[LabeledField] = []
    for f in note.fields("date_of_service"):
        if _norm(f.label) == "date":
            generic.append(f)
        elif (d := _span_date(text, f.start, f.end)) is not None:
            return d, (f.start, f.end)
    for f in generic:
        line = note.chart.lines[note.chart.line_of(f.label_start)]
        in_header = f.label_start < note.head_end and line.kind is _Kind.HEAD
        if in_header and (d := _span_date(text, f.start, f.end)) is not None:
            return d, (f.start, f.end)
    for line in note.header_lines(_Kind.TITLE):
        for d in find_dates(text, line.start, line.end):
            if not _period_date(vocab, text, line.start, line.end, d):
                return d, (line.start, line.end)
    for s, e in note.current():
        if vocab.attendance_narrative.earliest(text, s, e) is None:
            continue
        for d in find_dates(text, s, e):
            if _ON_DATE.search(text, max(s, d.start - 20), d.start):
                return d, None
    return None


def _period_date(vocab: _Vocab, text: str, start: int, end: int, d: DateSpan) -> bool:
    """A date that bounds a period ("WEEK OF 03/10/2025", "03/01/2025 - 03/31/2025")."""
    before = vocab.period_words.earliest(text, max(start, d.start - 20), d.start)
    return (
        before is not None
        or _RANGE_AFTER.match(text, d.end, end) is not None
        or (_RANGE_BEFORE.search(text, start, d.start) is not None)
    )


def _note_kind(note: _NoteView, draft: _Draft) -> list[tuple[int, int]]:
    """Set the service kind (unless known) from a service field, else a block's lead line,
    else a title line of the header block, else a sentence saying the member attended it;
    returns the spans the group focus is read from (the name, then the group's topic)."""
    text, vocab = note.chart.text, note.chart.vocab
    topics = [(f.start, f.end) for n, f in note.element_fields() if n is _NATURE]
    if draft.service_kind is not ServiceKind.UNKNOWN:
        return topics
    candidates: list[tuple[tuple[int, int], _Kinded | None, bool]] = [
        ((f.start, f.end), _service_kind(vocab, text, f.start, f.end, f.label), True)
        for f in note.fields("service")
    ]
    if note.lead is not None:
        candidates.append((note.lead, _service_kind(vocab, text, *note.lead), False))
    candidates += [
        ((ln.start, ln.end), _service_kind(vocab, text, ln.value_start, ln.end), False)
        for ln in note.header_lines(_Kind.TITLE)
    ]
    for s, e in note.current():
        if vocab.attendance_narrative.earliest(text, s, e) is not None:
            m = vocab.kinds.earliest(text, s, e)
            candidates.append(((s, e), _Kinded(m[2], m[0], m[1], True) if m else None, False))
    for span, found, whole in candidates:
        if found is not None:
            draft.service_kind, draft.kind_named = found.kind, found.named
            draft.spans.append(span if whole else (found.start, found.end))
            return [(found.start, found.end), span, *topics]
    return topics


def _note_times(note: _NoteView, draft: _Draft, date_value: tuple[int, int] | None) -> None:
    """Session start/end and stated duration (see the module docstring)."""
    text, vocab = note.chart.text, note.chart.vocab
    first: times.ClockTime | None = None
    time_values: list[tuple[int, int]] = []
    for f in note.fields("time"):
        r = next(times.find_time_ranges(text, f.start, f.end, loose=True), None)
        if r is not None:
            draft.start, draft.end = r.begins, r.ends
            draft.spans.append((r.start, r.end))
            time_values.append((f.start, f.end))
            break
        c = next(times.find_clock_times(text, f.start, f.end, loose=True), None)
        if c is not None and first is None:
            first = c
            time_values.append((f.start, f.end))
    if draft.start is None:
        first = first or next(_field_clocks(note, "start_time"), None)
        last = next(_field_clocks(note, "end_time"), None) or _inline_end(note)
        if first is not None and last is not None:
            draft.start, draft.end = times.resolve_range(first, last)
        elif first is not None:
            draft.start = first.value
        elif last is not None:
            draft.end = last.value
        draft.spans += [(c.start, c.end) for c in (first, last) if c is not None]
    draft.field_time = draft.start is not None or draft.end is not None
    free_text = [
        *([date_value] if date_value else []),
        *([note.lead] if note.lead else []),
        *((ln.start, ln.end) for ln in note.header_lines(_Kind.TITLE)),
    ]
    sentences = [
        (s, e)
        for s, e in note.current()
        if vocab.attendance_narrative.earliest(text, s, e) is not None
        or vocab.kinds.earliest(text, s, e) is not None
        or vocab.fallback_kinds.earliest(text, s, e) is not None
    ]
    if draft.start is None and draft.end is None:
        ranges = (
            r for s, e in [*free_text, *sentences] for r in times.find_time_ranges(text, s, e)
        )
        r = next(ranges, None)
        if r is not None:
            draft.start, draft.end = r.begins, r.ends
            draft.spans.append((r.start, r.end))
    for f in note.fields("duration"):
        stated = _duration_value(vocab, text, f.start, f.end, f.label)
        if stated is not None:
            draft.stated_minutes, draft.field_time = stated[0], True
            draft.spans.append((stated[1], stated[2]))
            return
    for s, e in [*time_values, *free_text]:
        for d in times.find_durations(text, s, e):
            if not _NOT_SESSION_LENGTH.match(text, d.end, e):
                draft.stated_minutes = d.minutes
                draft.spans.append((d.start, d.end))
                return
    for s, e in sentences:
        for d in times.find_durations(text, s, e):
            if _session_length(vocab, text, d, s, e):
                draft.stated_minutes = d.minutes
                draft.spans.append((d.start, d.end))
                return


def _session_length(vocab: _Vocab, text: str, d: times.Duration, start: int, end: int) -> bool:
    """A duration in a sentence that is the session's length: "the 3-hour DBT group",
    "attended group for 45 minutes" (not "limit naps to 30 minutes")."""
    after = _WORDS_AFTER.match(text, d.end, end)
    if after is not None:
        for matcher in (vocab.kinds, vocab.fallback_kinds):
            m = matcher.earliest(text, d.end, after.end())
            if m is not None:
                return True
    return _FOR.search(text, max(start, d.start - 5), d.start) is not None


def _inline_end(note: _NoteView) -> times.ClockTime | None:
    """An end time written inside the start time's value ("Start Time: 1:00 PM / End Time:
    2:00 PM" is one field, the end label not being set apart by two blanks)."""
    for f in note.fields("start_time"):
        m = note.chart.vocab.end_labels.search(note.chart.text, f.start, f.end)
        if m is not None:
            return next(times.find_clock_times(note.chart.text, m.end(), f.end, loose=True), None)
    return None


def _field_clocks(note: _NoteView, group: str) -> Iterator[times.ClockTime]:
    """The first clock time of each ``group`` field of the note."""
    for f in note.fields(group):
        c = next(times.find_clock_times(note.chart.text, f.start, f.end, loose=True), None)
        if c is not None:
            yield c


def _note_attendance(note: _NoteView, draft: _Draft) -> None:
    """Attendance (unless stated already) from a labeled value or the narrative."""
    chart, text = note.chart, note.chart.text
    if draft.attendance_stated:
        return
    for f in note.fields("attendance"):
        found = _attendance_value(chart.vocab, text, f.start, f.end)
        if found is not None:
            draft.attendance, draft.attendance_stated = found[0], True
            draft.spans.append((f.start, f.end))
            return
    for s, e in note.current():
        m = chart.vocab.attendance_narrative.earliest(text, s, e)
        if m is not None:
            draft.attendance, draft.attendance_stated = m[2], True
            draft.spans.append((m[0], m[1]))
            return


_ROSTER_EDGE = re.compile(r"[\s|*]*")


def _member_names(chart: _Chart, line_ids: Iterable[int]) -> set[str]:
    """The member's name as member labels among ``line_ids`` give it ("Client: Jane Doe",
    "Client: J.D."), normalized; "Jane Doe" also as "Doe, Jane"."""
    text, names = chart.text, set()
    for i in line_ids:
        ln = chart.lines[i]
        if ln.label in chart.vocab.member_labels:
            m = _TOKEN.search(text, ln.value_start, ln.end)
            name = _norm(m.group(0)) if m else ""
            if sum(ch.isalpha() for ch in name) >= 2:
                names.add(name)
                first, _, last = name.rpartition(" ")
                if first:
                    names.add(f"{last}, {first}")
    return names


def _roster_attendance(note: _NoteView, draft: _Draft) -> None:
    """Attendance from the member's own row of a group roster or sign-in list in the note:
    a line starting with the name a member label gives ("Client: Jane Doe"; "Jane Doe" or
    "Doe, Jane") followed by a status ("Present", "NS")."""
    chart, text, lines = note.chart, note.chart.text, note.chart.lines
    names = _member_names(chart, note.line_ids)
    if not names:
        return
    for i in note.line_ids:
        ln = lines[i]
        if ln.label in chart.vocab.member_labels:
            continue
        lead = _ROSTER_EDGE.match(text, ln.start, ln.end)
        start = lead.end() if lead else ln.start
        for name in names:
            head = _norm(text[start : start + len(name) + 8])
            if not head.startswith(name):
                continue
            # the name as written may have more blanks: find where it ends
            end, seen = start, 0
            while seen < len(name.replace(" ", "")) and end < ln.end:
                seen += not text[end].isspace()
                end += 1
            if end < ln.end and text[end].isalnum():
                continue  # "Jane Doers"
            rest = _ROSTER_EDGE.match(text, end, ln.end)
            r0 = rest.end() if rest else end
            r1 = ln.end
            while r1 > r0 and text[r1 - 1] in " \t|*":
                r1 -= 1
            found = _attendance_value(chart.vocab, text, r0, r1) if r1 > r0 else None
            if found is not None:
                draft.attendance, draft.attendance_stated = found[0], True
                draft.spans.append((found[1], found[2]))
                return


def _note_modality(note: _NoteView, draft: _Draft) -> None:
    """Modality (unless known) from a labeled value, else from the header lines and the
    sentences about this session."""
    chart, text = note.chart, note.chart.text
    if draft.modality is not Modality.UNKNOWN:
        return
    for f in note.fields("modality"):
        found = _modality_value(chart.vocab, text, f.start, f.end, f.label)
        if found is not None:
            draft.modality = found[0]
            draft.spans.append((found[1], found[2]))
            return
    spans = [*((ln.start, ln.end) for ln in note.header_lines(_Kind.HEAD)), *note.current()]
    matches = (m for s, e in spans for m in chart.vocab.modality_narrative.matches(text, s, e))
    found = _by_priority(matches)
    if found is not None:
        draft.modality = found[0]
        draft.spans.append((found[1], found[2]))


def _note_group_size(note: _NoteView, draft: _Draft) -> None:
    """Participants (unless known) from a labeled count, else from the note's text
    ("7 members present", "with 6 peers")."""
    text = note.chart.text
    if draft.group_size is not None:
        return
    for f in note.fields("group_size"):
        found = _group_size(text, f.start, f.end)
        if found is not None:
            draft.group_size = found[0]
            draft.spans.append((found[1], found[2]))
            return
    for start, end in note.runs():
        for pattern in _NARRATIVE_COUNTS:
            m = pattern.search(text, start, end)
            if m is not None:
                draft.group_size = _count(m.group("n"))
                draft.spans.append(m.span())
                return
        m = _PEERS.search(text, start, end)
        if m is not None:
            draft.group_size = _count(m.group("n")) + 1  # the peers and this member
            draft.spans.append(m.span())
            return


def _note_facilitators(note: _NoteView, draft: _Draft) -> None:
    """Facilitators (unless known): facilitator fields (not the note's author),
    "facilitated by ..." in the text, or a credentialed name after a dash on a block's
    lead line ("**DBT group, 75 min** — Omar Haddad, LMHC")."""
    chart, text = note.chart, note.chart.text
    if draft.facilitators:
        return
    for f in note.fields("facilitator"):
        if _norm(f.label) not in chart.vocab.excluded_facilitator_labels:
            draft.add_facilitators(chart, f.start, f.end)
    for start, end in note.runs():
        for _, e, _ in chart.vocab.facilitator_triggers.matches(text, start, end):
            draft.add_facilitators(chart, e, chart.lines[chart.line_of(e)].end)
    if note.lead is not None and not draft.facilitators:
        dash = _DASH.search(text, *note.lead)
        if dash is not None:
            draft.add_facilitators(chart, dash.end(), note.lead[1], credentialed=True)


def _placeholder(vocab: _Vocab, text: str) -> bool:
    """A value that states nothing ("N/A", "-", "none")."""
    return _norm(text) in vocab.placeholders or sum(ch.isalpha() for ch in text) < 3


def _note_elements(note: _NoteView, draft: _Draft) -> None:
    """The progress-note elements not found yet: a labeled value ("Response: ..."), a
    section heading with the text under it, else a narrative sentence (a response must
    name the member). A plan section ("P:") relates the service to the treatment-plan
    goals only when it names them."""
    chart, text, vocab = note.chart, note.chart.text, note.chart.vocab
    have = {el.name for el in draft.elements}
    found: dict[NoteElement, tuple[int, int, int, str]] = {}  # name -> (pos, start, end, how)

    def states(name: NoteElement, label: str, start: int, end: int) -> bool:
        """Whether the value ``text[start:end]`` under ``label`` states element ``name``."""
        if _placeholder(vocab, text[start:end]):
            return False
        if name is NoteElement.GOAL_RELATION and _norm(label) in vocab.plan_labels:
            goals = vocab.narrative_elements.get(name)
            return goals is not None and goals.earliest(text, start, end) is not None
        return True

    for name, f in note.element_fields():
        if name not in found:
            end = _extend_value(note, f.end)
            if states(name, f.label, f.start, end):
                found[name] = (f.label_start, f.start, end, "field")
    for i in note.line_ids:
        ln = chart.lines[i]
        heading = None if ln.label is None else vocab.element_labels.get(ln.label)
        if heading is None or ln.label is None or text[ln.value_start : ln.end].strip(" \t*"):
            continue
        span = _heading_value(note, i)
        if (
            span is not None
            and states(heading, ln.label, span[0], span[1])
            and (heading not in found or found[heading][0] > ln.start)
        ):
            found[heading] = (ln.start, span[0], span[1], "heading")
    for name in NoteElement:
        phrases = vocab.narrative_elements.get(name)
        if name in found or phrases is None:
            continue
        for s, e in note.sentences:
            if phrases.earliest(text, s, e) is None:
                continue
            if name is NoteElement.RESPONSE and vocab.member_words.earliest(text, s, e) is None:
                continue
            found[name] = (s, s, e, "narrative")
            break
    for name in NoteElement:
        if name not in found or name in have:
            continue
        _, s, e, how = found[name]
        ev = chart.ev(s, e)
        if ev is not None:
            draft.elements.append(
                Element(evidence=(ev,), source=source(f"sessions.element.{how}"), name=name)
            )


def _extend_value(note: _NoteView, end: int) -> int:
    """A field value that runs to the end of its line continues on the following lines
    when they are its wrapped text (unlabeled, starting in lower case)."""
    chart, text = note.chart, note.chart.text
    i = chart.line_of(end)
    if text[end : chart.lines[i].end].strip():
        return end  # another field follows on the same line
    while i + 1 in note.line_set and _wrapped(text, chart.lines[i + 1]):
        i += 1
        line = chart.lines[i]
        k = bisect.bisect_right(chart.label_starts, line.start)
        if k < len(chart.label_starts) and chart.label_starts[k] < line.end:
            return chart.label_starts[k]  # up to the next field on the wrapped line
        end = line.end
    return end


def _wrapped(text: str, line: _Line) -> bool:
    """Whether ``line`` continues the prose of the line above it."""
    return (
        line.kind in (_Kind.BODY, _Kind.TITLE)
        and line.label is None
        and not line.signature
        and text[line.start : line.end].lstrip()[:1].islower()
    )


def _heading_value(note: _NoteView, i: int) -> tuple[int, int] | None:
    """The text under a heading line ("Response:" alone): the following unlabeled lines."""
    lines = note.chart.lines
    j = i + 1
    while j in note.line_set and lines[j].kind is _Kind.BLANK:
        j += 1
    start = end = -1
    while j in note.line_set:
        ln = lines[j]
        if ln.kind in (_Kind.BLANK, _Kind.SEP) or ln.label is not None or ln.signature:
            break
        if start < 0:
            start = ln.value_start
        end = ln.end
        j += 1
    return (start, end) if start >= 0 else None


def _note_sessions(chart: _Chart, paras: list[_Para]) -> Iterator[tuple[int, Session]]:
    """The sessions a note documents, each keyed by its offset: one, or one per service
    block (a block's own fields first, then the rest of the note's)."""
    note = _note_view(chart, [i for p in paras for i in range(p.first, p.last + 1)])
    dated = _note_date(note)
    blocks = _blocks(note)
    own_dates = {lead: _line_date(chart.text, chart.lines[lead]) for lead, _ in blocks}
    if dated is None and not any(own_dates.values()):
        return
    if not blocks:
        assert dated is not None
        date, date_value = dated
        inline = _inline_entries(note)
        if len(inline) >= 2:  # "two groups: Process group 9:00-10:30 and DBT 10:45-12:00"
            for kinded, r in inline:
                preset = (kinded, r)
                session = _session_of(chart, date, [note], date_value, note, preset=preset)
                if session is not None:
                    yield kinded.start, session
            return
        session = _session_of(chart, date, [note], date_value, note)
        if session is not None:
            yield date.start, session
        return
    in_blocks = {i for _, ids in blocks for i in ids}
    shared = [i for i in note.line_ids if i not in in_blocks]
    rest = [_note_view(chart, shared)] if shared else []
    for lead, ids in blocks:
        own = own_dates[lead]
        block_date = own or (dated[0] if dated is not None else None)
        if block_date is None:
            continue
        view = _note_view(chart, ids, lead)
        session = _session_of(chart, block_date, [view, *rest], None, note, entry=own is not None)
        if session is not None:
            yield chart.lines[lead].start, session


def _session_of(
    chart: _Chart,
    date: DateSpan,
    views: Sequence[_NoteView],
    date_value: tuple[int, int] | None,
    note: _NoteView,
    *,
    entry: bool = False,
    preset: tuple[_Kinded, times.TimeRange] | None = None,
) -> Session | None:
    """The session documented by ``views`` (its own lines first, then what it shares with
    the rest of its note); ``None`` when they record no session (module docstring).
    ``entry``: the view is a dated entry line, whose attendance may be a bare status word
    ("10/6/25  Group Psychotherapy  9:00-12:00  Present"). ``preset``: the service and
    time of one of several sessions a note's narrative names, each with its own time."""
    own = views[0]
    draft = _Draft(date)
    preset_spans: list[tuple[int, int]] = []
    if preset is not None:
        kinded, r = preset
        draft.service_kind, draft.kind_named = kinded.kind, kinded.named
        draft.start, draft.end = r.begins, r.ends
        draft.spans += [(kinded.start, kinded.end), (r.start, r.end)]
        preset_spans.append((kinded.start, kinded.end))
    if entry and own.lead is not None:
        found = _entry_attendance(chart.vocab, chart.text, *own.lead)
        if found is not None:
            draft.attendance, draft.attendance_stated = found[0], True
            draft.spans.append((found[1], found[2]))
    focus_spans = [*preset_spans, *(span for view in views for span in _note_kind(view, draft))]
    if preset is None:
        _note_times(own, draft, date_value)
    # the member's own times: in an attendance value ("Present - arrived late 9:40"), else
    # in a sentence about this session
    for f in own.fields("attendance"):
        _member_times(chart, draft, f.start, f.end)
    for s, e in own.sentences:
        _member_times(chart, draft, s, e)
    for view in views:
        _note_attendance(view, draft)
        _note_modality(view, draft)
        _note_group_size(view, draft)
        _note_facilitators(view, draft)
        _note_elements(view, draft)
    if not draft.attendance_stated:
        _roster_attendance(note, draft)
    if not draft.attendance_stated and (
        draft.member_start is not None
        or draft.member_end is not None
        or any(el.name == NoteElement.RESPONSE for el in draft.elements)
    ):
        draft.attendance = Attendance.ATTENDED
    draft.group_focus = _focus(chart.vocab, chart.text, focus_spans)
    doc_kind = chart.doc.document.kind
    if doc_kind in _NON_SESSION_KINDS or draft.service_kind is ServiceKind.DIAGNOSTIC:
        if not draft.field_time:
            return None  # an evaluation, plan, ... with no session time of its own
    elif not (
        draft.has_time
        or draft.kind_named
        or draft.attendance_stated
        or (doc_kind is DocumentKind.PROGRESS_NOTE and bool(draft.elements))
    ):
        return None
    pattern = f"sessions.note.{_note_format(note)}"
    return draft.session(chart, pattern, is_log_entry=False)


def _note_format(note: _NoteView) -> str:
    """DAP / BIRP / SOAP by the note's section labels; else ``labeled`` when it has labeled
    fields besides its date, else ``narrative``."""
    labels = {note.chart.lines[i].label for i in note.line_ids}
    for name, sections in note.chart.vocab.formats.items():
        if all(section & labels for section in sections):
            return name
    groups = [g for g in _COLUMN_ROLES if g != "date_of_service"]
    labeled = any(next(note.fields(g), None) is not None for g in groups)
    return "labeled" if labeled or next(note.element_fields(), None) else "narrative"


# --------------------------------------------------------------------------- logs


@dataclass(frozen=True)
class _Table:
    """A service-log table: its lines, column roles, header cells and data rows."""

    layout: str  # markdown | fixed_width | delimited
    first_line: int
    last_line: int
    roles: tuple[str | None, ...]
    headers: tuple[_Cell, ...]
    rows: tuple[tuple[int, tuple[_Cell | None, ...]], ...]  # (line index, cell per column)


_COLUMN_GAP = re.compile(r"[^\S ]|  ")
_SEPARATOR_CELL = re.compile(r"[ \t]*:?-{2,}:?[ \t]*")
_TOKEN = re.compile(r"\S+(?: \S+)*")


def _cell(text: str, start: int, end: int) -> _Cell:
    return _Cell(*trim(text, start, end))


def _pipe_cells(text: str, start: int, end: int) -> list[_Cell]:
    """The cells of a Markdown / pipe table row (outer pipes optional)."""
    bars = [i for i in range(start, end) if text[i] == "|"]
    bounds = [start - 1, *bars, end]
    cells = [_cell(text, a + 1, b) for a, b in itertools.pairwise(bounds)]
    if cells and cells[0].start == cells[0].end and bars and not text[start : bars[0]].strip():
        cells = cells[1:]
    if cells and cells[-1].start == cells[-1].end and bars and not text[bars[-1] + 1 : end].strip():
        cells = cells[:-1]
    return cells


def _delimited_cells(text: str, start: int, end: int, delim: str) -> list[_Cell]:
    """The cells of a CSV-like line; a double-quoted cell may hold the delimiter."""
    cells: list[_Cell] = []
    pos = start
    while True:
        lead = pos
        while lead < end and text[lead] in " \t" and text[lead] != delim:
            lead += 1
        if lead < end and text[lead] == '"':
            close = lead + 1
            while close < end:
                if text[close] == '"':
                    if close + 1 < end and text[close + 1] == '"':
                        close += 2
                        continue
                    break
                close += 1
            cells.append(_cell(text, lead + 1, close))
            nxt = text.find(delim, close, end)
        else:
            nxt = text.find(delim, pos, end)
            cells.append(_cell(text, pos, end if nxt == -1 else nxt))
        if nxt == -1:
            return cells
        pos = nxt + 1


def _fixed_cells(text: str, start: int, end: int) -> list[_Cell]:
    """The cells of a line of space-aligned columns (two or more blanks apart)."""
    return [_Cell(m.start(), m.end()) for m in _TOKEN.finditer(text, start, end)]


def _column_role(vocab: _Vocab, header: str) -> str | None:
    """The role of a column from its header: a label group ("Staff" is ``facilitator``),
    also with a short qualifier ("Attendance (P/A)", "Service/Activity")."""
    norm = _norm(header.strip(" *:_"))
    if norm in vocab.column_roles:
        return vocab.column_roles[norm]
    for label in vocab.column_labels_longest_first:
        rest = norm[len(label) :]
        if norm.startswith(label) and rest[:1] in ("(", "/", " ", "-") and len(rest.split()) <= 2:
            return vocab.column_roles[label]
    return None


_QUALIFIER = re.compile(r"\([^()]{0,12}\)")


def _header_roles(
    vocab: _Vocab, text: str, cells: Sequence[_Cell]
) -> tuple[str | None, ...] | None:
    """Column roles if ``cells`` are a log's header row, else ``None``."""
    roles: list[str | None] = []
    for c in cells:
        t = text[c.start : c.end]
        if (
            any(ch.isdigit() for ch in _QUALIFIER.sub("", t))  # "Time (24h)" is a header
            or len(t) > 40
            or len(t.split()) > 4
            or ":" in t.rstrip(":")
        ):
            return None
        roles.append(_column_role(vocab, t) if t else None)
    found = {r for r in roles if r}
    named = sum(1 for c in cells if c.end > c.start)
    if 2 * len(found) < named or len(found) < 2:
        return None
    core = {"service", "time", "start_time", "attendance", "duration"}
    if "date_of_service" in found or len(found & core) >= 2:
        return tuple(roles)
    return None


def _fixed_row(
    text: str, start: int, end: int, header_start: int, headers: Sequence[_Cell]
) -> tuple[_Cell | None, ...]:
    """Cells of a fixed-width row. A run of words (two or more blanks apart from the next)
    goes to the column it overlaps most; a run that crosses a column's start with single
    blanks ("02/03/2025 SUD Process Group") is split into words, each going to the column
    it starts in."""
    cols = [h.start - header_start for h in headers]
    bounds = [*cols[1:], 10**6]
    out: list[_Cell | None] = [None] * len(headers)

    def put(j: int, s: int, e: int) -> None:
        prev = out[j]
        out[j] = _Cell(prev.start if prev else s, e)

    def column(x: int) -> int:
        return max(0, bisect.bisect_right(cols, x) - 1)

    for tok in _TOKEN.finditer(text, start, end):
        a, b = tok.start() - start, tok.end() - start
        if column(a) != column(b - 1):
            for word in re.finditer(r"\S+", text[tok.start() : tok.end()]):
                put(column(a + word.start()), tok.start() + word.start(), tok.start() + word.end())
            continue
        overlaps = [max(0, min(b, hi) - max(a, lo)) for lo, hi in zip(cols, bounds, strict=True)]
        put(max(range(len(cols)), key=lambda k: overlaps[k]), tok.start(), tok.end())
    return tuple(out)


def _find_tables(text: str, raw: Sequence[tuple[int, int]], vocab: _Vocab) -> Iterator[_Table]:
    """Every log table of the text (``raw``: the lines' offsets)."""
    i = 0
    while i < len(raw):
        table = _table_at(text, raw, i, vocab)
        if table is None:
            i += 1
        else:
            yield table
            i = table.last_line + 1


def _table_at(text: str, raw: Sequence[tuple[int, int]], i: int, vocab: _Vocab) -> _Table | None:
    """The log table whose header row is line ``i``, if it is one."""
    s, e = raw[i]
    line = text[s:e]
    if line.count("|") >= 2:
        headers = _pipe_cells(text, s, e)
        roles = _header_roles(vocab, text, headers)
        if roles is None:
            return None
        j = i + 1
        rows: list[tuple[int, tuple[_Cell | None, ...]]] = []
        while j < len(raw) and text[raw[j][0] : raw[j][1]].count("|") >= 2:
            cells = _pipe_cells(text, *raw[j])
            if not all(_SEPARATOR_CELL.fullmatch(text, c.start, c.end) for c in cells):
                rows.append((j, _by_column(cells, len(headers))))
            j += 1
        return _Table("markdown", i, j - 1, roles, tuple(headers), tuple(rows))
    for delim in ("\t", ",", ";"):
        # three cells need two delimiters (a quoted cell only hides some)
        headers = _delimited_cells(text, s, e, delim) if line.count(delim) >= 2 else []
        roles = _header_roles(vocab, text, headers) if len(headers) >= 3 else None
        if roles is None:
            continue
        j = i + 1
        rows = []
        while j < len(raw) and delim in text[raw[j][0] : raw[j][1]]:
            rows.append((j, _by_column(_delimited_cells(text, *raw[j], delim), len(headers))))
            j += 1
        return _Table("delimited", i, j - 1, roles, tuple(headers), tuple(rows))
    # three cells need a gap (2+ blanks, or a blank other than a space) between words
    if _COLUMN_GAP.search(line) is None:
        return None
    headers = _fixed_cells(text, s, e)
    roles = _header_roles(vocab, text, headers) if len(headers) >= 3 else None
    if roles is None:
        return None
    j = i + 1
    rows = []
    while j < len(raw) and text[raw[j][0] : raw[j][1]].strip():
        if not _RULE.fullmatch(text, *raw[j]):
            rows.append((j, _fixed_row(text, *raw[j], s, headers)))
        j += 1
    return _Table("fixed_width", i, j - 1, roles, tuple(headers), tuple(rows))


def _by_column(cells: Sequence[_Cell], width: int) -> tuple[_Cell | None, ...]:
    """Cells in column order, ``None`` for an empty or missing one."""
    padded: list[_Cell | None] = [c if c.end > c.start else None for c in cells[:width]]
    return tuple(padded + [None] * (width - len(padded)))


def _is_schedule(chart: _Chart, table: _Table) -> bool:
    """A table under a schedule heading, without an attendance column."""
    if "attendance" in table.roles:
        return False
    for ln in _lines_above(chart, table.first_line):
        if chart.vocab.schedule_words.earliest(chart.text, ln.start, ln.end) is not None:
            return True
    return False


def _lines_above(chart: _Chart, first: int, count: int = 3) -> Iterator[_Line]:
    """Up to ``count`` non-blank lines right above line ``first`` (not past a rule or a
    table)."""
    i = first - 1
    while i >= 0 and count > 0 and chart.lines[i].kind is not _Kind.SEP:
        if chart.lines[i].kind is not _Kind.BLANK:
            yield chart.lines[i]
            count -= 1
        i -= 1


def _date_above(chart: _Chart, table: _Table) -> DateSpan | None:
    """The date of a table without a date column: a date field or dated title above it."""
    for ln in _lines_above(chart, table.first_line):
        for f in chart.in_range("date_of_service", ln.start, ln.end + 1):
            if (d := _span_date(chart.text, f.start, f.end)) is not None:
                return d
        if ln.kind is _Kind.TITLE and (d := next(find_dates(chart.text, ln.start, ln.end), None)):
            return d
    return None


@dataclass(frozen=True)
class _Row:
    """A log row's non-empty cells by column role, each with its column's header text."""

    cells: Mapping[str, Sequence[tuple[_Cell, str]]]

    def first(self, role: str) -> tuple[_Cell, str] | None:
        found = self.cells.get(role)
        return found[0] if found else None

    def has_any(self, *roles: str) -> bool:
        return any(r in self.cells for r in roles)


def _table_sessions(chart: _Chart, table: _Table) -> Iterator[tuple[int, Session]]:
    """A session per dated row of a service log (schedules are not read)."""
    if _is_schedule(chart, table):
        return
    text = chart.text
    has_date_column = "date_of_service" in table.roles
    above = None if has_date_column else _date_above(chart, table)
    carried: DateSpan | None = None  # the date of the last row that wrote one
    headers = [text[h.start : h.end] for h in table.headers]
    roles = table.roles
    if "attendance" not in roles:  # a roster with a column per member: the member's own
        names = _member_names(chart, range(len(chart.lines)))
        roles = tuple(
            "attendance" if r is None and _norm(h.strip(" *")) in names else r
            for r, h in zip(roles, headers, strict=True)
        )
    for line_id, cells in table.rows:
        by_role: dict[str, list[tuple[_Cell, str]]] = {}
        for role, header, c in zip(roles, headers, cells, strict=True):
            if role is not None and c is not None:
                by_role.setdefault(role, []).append((c, header))
        row = _Row(by_role)
        date = _row_date(text, row, carried) if has_date_column else above
        if row.first("date_of_service") is not None:
            carried = date
        if date is None:
            continue
        draft = _row_draft(chart, row, date)
        named = row.first("service")
        if (
            draft.has_time
            or draft.service_kind is not ServiceKind.UNKNOWN
            or (draft.attendance is not Attendance.UNKNOWN)
            or (named is not None and _names_a_service(chart.vocab, text, named[0]))
        ):
            # a row that names a service is one even with no time ("--"): its length is
            # unknown, but excluded services and attendance still see it
            session = draft.session(chart, f"sessions.log.{table.layout}", is_log_entry=True)
            if session is not None:
                yield chart.lines[line_id].start, session


def _names_a_service(vocab: _Vocab, text: str, cell: _Cell) -> bool:
    """A service cell that names something ("IOP"), not a placeholder ("--") nor a day's
    status ("PROGRAM CLOSED - Presidents' Day", "Holiday")."""
    return (
        not _placeholder(vocab, text[cell.start : cell.end])
        and vocab.attendance_values.earliest(text, cell.start, cell.end) is None
    )


def _row_date(text: str, row: _Row, previous: DateSpan | None) -> DateSpan | None:
    """The row's date; an empty or ditto date cell of a row with its own time, duration or
    attendance repeats the row above's (an unreadable one gives none)."""
    cell = row.first("date_of_service")
    if cell is not None and (d := _span_date(text, cell[0].start, cell[0].end)) is not None:
        return d
    blank = cell is None or _norm(text[cell[0].start : cell[0].end]) in _DITTO
    own = row.has_any("time", "start_time", "end_time", "duration", "attendance")
    return previous if blank and own else None


def _row_draft(chart: _Chart, row: _Row, date: DateSpan) -> _Draft:
    """What one log row states."""
    text, vocab = chart.text, chart.vocab
    draft = _Draft(date)
    names = [(c.start, c.end) for c, _ in row.cells.get("service", [])]
    for s, e in names:
        found = _service_kind(vocab, text, s, e)
        if found is not None:
            draft.service_kind, draft.kind_named = found.kind, found.named
            draft.spans.append((s, e))
            break
    draft.group_focus = _focus(vocab, text, names)
    if (tc := row.first("time")) is not None:
        r = next(times.find_time_ranges(text, tc[0].start, tc[0].end, loose=True), None)
        if r is not None:
            draft.start, draft.end = r.begins, r.ends
            draft.spans.append((r.start, r.end))
    dc = row.first("date_of_service")
    if draft.start is None and dc is not None and dc[0].start <= date.start < dc[0].end:
        # a "Date/Time" column: "10/6/25 1530-1700"
        r = next(times.find_time_ranges(text, date.end, dc[0].end), None)
        if r is not None:
            draft.start, draft.end = r.begins, r.ends
            draft.spans.append((r.start, r.end))
    if draft.start is None:
        a, b = (
            next(times.find_clock_times(text, cell[0].start, cell[0].end, loose=True), None)
            if (cell := row.first(role)) is not None
            else None
            for role in ("start_time", "end_time")
        )
        if a is not None and b is not None:
            draft.start, draft.end = times.resolve_range(a, b)
        elif a is not None:
            draft.start = a.value
        draft.spans += [(x.start, x.end) for x in (a, b) if x is not None]
    if (dc := row.first("duration")) is not None:
        stated = _duration_value(vocab, text, dc[0].start, dc[0].end, dc[1])
        if stated is not None:
            draft.stated_minutes = stated[0]
            draft.spans.append((stated[1], stated[2]))
    if (ac := row.first("attendance")) is not None:
        attendance = _attendance_value(vocab, text, ac[0].start, ac[0].end)
        if attendance is not None:
            draft.attendance = attendance[0]
            draft.spans.append((ac[0].start, ac[0].end))
    for c, _ in row.cells.get("comments", []):
        if draft.attendance is Attendance.UNKNOWN:
            m = vocab.attendance_narrative.earliest(text, c.start, c.end)
            if m is not None:
                draft.attendance = m[2]
                draft.spans.append((m[0], m[1]))
        _member_times(chart, draft, c.start, c.end)
    for c, _ in row.cells.get("member_times", []):
        _member_in_out(chart, draft, c.start, c.end)
    if (mc := row.first("modality")) is not None:
        modality = _modality_value(vocab, text, mc[0].start, mc[0].end, mc[1])
        if modality is not None:
            draft.modality = modality[0]
            draft.spans.append((modality[1], modality[2]))
    if draft.modality is Modality.UNKNOWN:  # "Group Psychotherapy (telehealth)", "via phone"
        cells = [*row.cells.get("service", []), *row.cells.get("comments", [])]
        matches = (
            m for c, _ in cells for m in vocab.modality_narrative.matches(text, c.start, c.end)
        )
        if (by := _by_priority(matches)) is not None:
            draft.modality = by[0]
            draft.spans.append((by[1], by[2]))
    if (gc := row.first("group_size")) is not None:
        size = _group_size(text, gc[0].start, gc[0].end)
        if size is not None:
            draft.group_size = size[0]
            draft.spans.append((size[1], size[2]))
    for c, _ in row.cells.get("facilitator", []):
        draft.add_facilitators(chart, c.start, c.end)
    return draft


# --------------------------------------------------------------------------- entry point


def extract_sessions(doc: DocInput) -> list[Session]:
    """Every session ``doc`` documents, in document order (see the module docstring)."""
    chart = _build_chart(doc)
    if not chart.text.strip():
        return []
    found = [s for t in chart.tables for s in _table_sessions(chart, t)]
    for paras in _notes(chart):
        found.extend(_note_sessions(chart, paras))
    found.sort(key=lambda pair: pair[0])
    return [s for _, s in found]
