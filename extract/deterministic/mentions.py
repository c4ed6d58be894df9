"""Trigger mentions in sentences, with their clinical context, for the clinical extractors.

Three pieces every clinical-state module (risk, clinical, assessments, member) shares:

- the trigger vocabularies of ``clinical.yaml``, loaded strictly (:func:`vocabulary`) and
  compiled (:func:`compile_patterns`);
- sentence segmentation with exact offsets (:func:`sentence_spans`): lines soft-wrapped by
  PDF text extraction are joined, labeled lines, bullets, table rows and headings start a
  new sentence, and a sentence ends at ``. ! ? ;``;
- :func:`find_mentions`: every match of a set of patterns, grouped by sentence, with the
  context of each judged by :func:`extract.deterministic.context.assess` (one call per
  sentence that has a match; sentences without a literal *cue* of a pattern are not even
  searched). Layers on top of NegEx: on a labeled line ("SI: denies", "Imminent danger:
  [X] No", "| SI | No |") a mention inside the label takes its polarity from the answer,
  and an unanswered form item is no mention; what follows a goal label ("Goal 1:") is
  hypothetical; a sentence placed in an earlier year ("in 2019") or under a history
  heading ("PAST PSYCHIATRIC HISTORY", "Family history:") is historical.
"""

from __future__ import annotations

import datetime as dt
import importlib
import re
from bisect import bisect_right
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from enum import Enum
from functools import cache, lru_cache
from pathlib import Path
from typing import Annotated, Any

from pydantic import AfterValidator, Field, field_validator, model_validator

from core.data import Frozen, Page
from core.errors import ExtractionError
from core.facts import ParticipationStatus, Person
from core.textcache import text_cache
from core.yamlio import load_model
from extract.deterministic.common import DocInput, source
from extract.deterministic.context import Context, assess
from extract.layout.lines import Line, Span, Splitter, classify
from extract.values.boxes import boxes_follow_options, ticked_options
from extract.values.people import PersonSpan

CLINICAL_PATH = Path(__file__).with_name("clinical.yaml")

_FLAGS = re.IGNORECASE | re.MULTILINE


def spaces_to(pattern: str, whitespace: str = r"\s+") -> str:
    """Replace every space outside a character class of ``pattern`` by ``whitespace``."""
    out: list[str] = []
    in_class = escaped = False
    for ch in pattern:
        if escaped:
            out.append(ch)
            escaped = False
        elif ch == "\\":
            out.append(ch)
            escaped = True
        elif in_class:
            out.append(ch)
            in_class = ch != "]"
        elif ch == "[":
            out.append(ch)
            in_class = True
        elif ch == " ":
            out.append(whitespace)
        else:
            out.append(ch)
    return "".join(out)


def _valid_regex(pattern: str) -> str:
    """Reject a pattern that does not compile or quantifies a bare space."""
    if re.search(r" [?*+{]", re.sub(r"\[[^\]]*\]", "C", pattern)):
        raise ValueError(f"pattern {pattern!r} quantifies a space; use a character class")
    try:
        re.compile(spaces_to(pattern), _FLAGS)
    except re.error as e:
        raise ValueError(f"pattern {pattern!r} is not a valid regex: {e}") from e
    return pattern


Regex = Annotated[str, AfterValidator(_valid_regex)]
Patterns = Annotated[list[Regex], Field(min_length=1)]
Words = Annotated[list[str], Field(min_length=1)]


class SentenceVocab(Frozen):
    abbreviations: Words
    past_year: Patterns
    history_headings: Patterns
    goal_labels: Patterns

    @field_validator("past_year")
    @classmethod
    def _year_group(cls, patterns: list[str]) -> list[str]:
        for p in patterns:
            if "(?P<year>" not in p:
                raise ValueError(f"past-year pattern {p!r} has no (?P<year>...) group")
        return patterns


class AnswerVocab(Frozen):
    negative: Patterns
    negative_options: Patterns
    unanswered: Patterns
    uncertain: Patterns


class RiskVocab(Frozen):
    headings: Patterns
    subheadings: Patterns
    instruments: dict[str, Patterns]
    risk_level: Patterns
    no_danger_levels: Words
    danger_levels: Words
    other_levels: Words
    step_up: Patterns
    past_level_markers: Words
    assessor_labels: Words


class DangerVocab(Frozen):
    suicidal_ideation: Patterns
    homicidal_ideation: Patterns
    plan_or_intent: Patterns
    endorsed_plan_or_intent: Patterns
    suicidal_plan_or_intent: Patterns
    homicidal_plan_or_intent: Patterns
    plan_or_intent_item: Patterns
    other_person: Patterns
    past_event: Patterns
    imminent_danger: Patterns
    needs_24h_supervision: Patterns


class ParticipationVocab(Frozen):
    """Statements of each state in sentences; an inability that states one only with a
    reason near it; and the fields that rate participation (labels, the level words that
    open their answers, ratings on a scale)."""

    participates: Patterns
    refuses: Patterns
    cannot_participate: Patterns
    cannot_tolerate: Patterns
    unable: Patterns
    unable_reasons: Patterns
    others: Patterns
    member_words: Words
    not_the_program: Patterns
    look_back: Patterns
    labels: Words
    levels: dict[str, Patterns]
    level_followers: Patterns
    rating: Regex
    rating_min: Annotated[int, Field(ge=1)]

    @field_validator("levels")
    @classmethod
    def _level_states(cls, levels: dict[str, list[str]]) -> dict[str, list[str]]:
        unknown = sorted(set(levels) - {s.value for s in ParticipationStatus})
        if unknown:
            raise ValueError(f"levels of unknown participation states: {unknown}")
        return levels

    @field_validator("rating")
    @classmethod
    def _rating_groups(cls, pattern: str) -> str:
        if "(?P<score>" not in pattern or "(?P<scale>" not in pattern:
            raise ValueError(f"rating {pattern!r} needs (?P<score>...) and (?P<scale>...)")
        return pattern


class AcuityVocab(Frozen):
    acute_onset: Patterns
    decompensation: Patterns
    chronic_stable: Patterns
    psychiatrically_stable: Patterns
    domains: dict[str, Patterns]
    severity: Patterns
    areas: dict[str, Patterns]


class DischargeVocab(Frozen):
    criteria: Patterns
    step_down: Patterns
    community_linkage: Patterns


class ContinuedStayVocab(Frozen):
    continuing: Patterns
    seriousness: Patterns
    less_intensive_insufficient: Patterns


class PhysicalExamVocab(Frozen):
    headings: Patterns
    statements: Patterns
    examiner_labels: Words


class InstrumentVocab(Frozen):
    instruments: dict[str, Patterns]


class SubstanceUseVocab(InstrumentVocab):
    headings: Patterns


class AssessmentVocab(Frozen):
    physical_exam: PhysicalExamVocab
    not_done_before: Patterns
    not_done: Patterns
    substance_use: SubstanceUseVocab
    asam: InstrumentVocab
    dsm5_cross_cutting: InstrumentVocab
    score_max: dict[str, Annotated[int, Field(gt=0)]]
    score_not_after: Words
    other_standardized: InstrumentVocab

    @model_validator(mode="after")
    def _known_instruments(self) -> AssessmentVocab:
        named = {
            *self.substance_use.instruments,
            *self.asam.instruments,
            *self.dsm5_cross_cutting.instruments,
            *self.other_standardized.instruments,
        }
        unknown = sorted(set(self.score_max) - named)
        if unknown:
            raise ValueError(f"score_max names instruments no group defines: {unknown}")
        return self


class MemberVocab(Frozen):
    age_phrases: Patterns
    not_member_before: Words
    not_member_after: Words

    @field_validator("age_phrases")
    @classmethod
    def _age_group(cls, patterns: list[str]) -> list[str]:
        for p in patterns:
            if "(?P<age>" not in p:
                raise ValueError(f"age phrase {p!r} has no (?P<age>...) group")
        return patterns


class ClinicalVocabulary(Frozen):
    """The whole of ``clinical.yaml``."""

    sentences: SentenceVocab
    answers: AnswerVocab
    risk: RiskVocab
    danger: DangerVocab
    participation: ParticipationVocab
    acuity: AcuityVocab
    discharge_planning: DischargeVocab
    continued_stay: ContinuedStayVocab
    assessments: AssessmentVocab
    member: MemberVocab


@cache
def vocabulary(path: Path = CLINICAL_PATH) -> ClinicalVocabulary:
    """Load ``clinical.yaml`` (cached); an invalid file raises :class:`ExtractionError`."""
    return load_model(path, ClinicalVocabulary, "clinical vocabulary", ExtractionError)


@lru_cache(maxsize=512)
def compile_patterns(patterns: tuple[str, ...]) -> re.Pattern[str]:
    """One case-insensitive, multi-line regex matching any of ``patterns``."""
    return re.compile("|".join(f"(?:{spaces_to(p)})" for p in patterns), _FLAGS)


def rx(patterns: Sequence[str]) -> re.Pattern[str]:
    """:func:`compile_patterns` for a vocabulary list."""
    return compile_patterns(tuple(patterns))


# --------------------------------------------------------------------------- sentences

_BLOCK_START = re.compile(
    r"[ \t]*(?:[-*•▪◦>|]|\d{1,2}[.)]|[A-Za-z][.)]|#|\[|☐|☒|☑)"  # bullet, heading, box, table
    r"|[ \t]*(?:\*\*)?[A-Z][A-Za-z0-9/#().'&\- ]{0,40}(?:\*\*)?[ \t]*:"  # "Label:"
    r"|[ \t]*\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}\b"  # a date opening an entry or a row
)
# a rule under a header ("----------  ----------"), which ends what is above it
_RULE_LINE = re.compile(r"[ \t]*[-=_─━═+|]{3,}[-=_─━═+| \t]*$")
_CAPS_LINE = re.compile(r"[ \t]*[A-Z0-9][A-Z0-9 /&(),'\-:]{2,80}[ \t]*$")
_SOFT_WRAP_MIN = 60
# a word no sentence ends with: the line wrapped mid-phrase ("declined to join group on" /
# "03/20/2026 and on 03/22/2026"), so the next line continues it unless it is a bullet, a
# table row, a check box or a heading
_OPEN_END = re.compile(
    r"(?i)(?<![\w-])(?:on|of|the|an|and|or|to|from|since|at|by|with|in|for|than|between|"
    r"through|until|about|after|before|during)$"
)
_DATE_START = re.compile(r"[ \t]*\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}\b")
# blanks between two columns of a line (a question and its answer): not a soft wrap
_COLUMN_GAP = re.compile(r"\S[ \t]{4,}\S|\S\t\S")


def _is_break_before(text: str, prev: tuple[int, int], line: tuple[int, int]) -> bool:
    """Whether ``line`` starts a new sentence after ``prev`` (both non-blank lines)."""
    prev_text = text[prev[0] : prev[1]].rstrip()
    cur_text = text[line[0] : line[1]]
    if prev_text.endswith((".", "!", "?", ":", ";")) or _CAPS_LINE.fullmatch(prev_text):
        return True
    if _RULE_LINE.fullmatch(prev_text):
        return True
    if (
        _OPEN_END.search(prev_text)
        and (_DATE_START.match(cur_text) or not _BLOCK_START.match(cur_text))
        and not _CAPS_LINE.fullmatch(cur_text)
        and not _COLUMN_GAP.search(prev_text.strip())
        and not _COLUMN_GAP.search(cur_text.strip())
    ):
        return False
    if _BLOCK_START.match(cur_text) or _CAPS_LINE.fullmatch(cur_text):
        return True
    if _COLUMN_GAP.search(cur_text.strip()):
        return True  # a row of a report laid out in columns ("Suicidal intent      Yes")
    first = cur_text.lstrip()[:1]
    if first.islower():
        return False
    return len(prev_text.strip()) < _SOFT_WRAP_MIN or bool(_COLUMN_GAP.search(prev_text.strip()))


def _units(text: str) -> Iterator[tuple[int, int]]:
    """Runs of lines that belong together (a line and its soft-wrapped continuations)."""
    lines: list[tuple[int, int]] = []
    pos = 0
    for raw in text.split("\n"):
        lines.append((pos, pos + len(raw)))
        pos += len(raw) + 1
    unit: tuple[int, int] | None = None
    prev: tuple[int, int] | None = None
    for line in lines:
        if not text[line[0] : line[1]].strip():
            if unit is not None:
                yield unit
            unit = prev = None
            continue
        if unit is None or prev is None or _is_break_before(text, prev, line):
            if unit is not None:
                yield unit
            unit = line
        else:
            unit = (unit[0], line[1])
        prev = line
    if unit is not None:
        yield unit


# ". ! ? ;" (a single period: not a "....." leader) before a blank or the end
_TERMINATOR = re.compile(r"(?:(?<!\.)\.(?!\.)|[!?;])[\"')\]]*(?=\s|$)")
_LIST_NUMBER = re.compile(r"\s*(?:\d{1,2}|[a-z])")
# what answers a question on its line: a check box or a yes/no word after it
_ANSWERED = re.compile(
    r"[ \t]+(?:\[[ \t_]*[xX✓✔√*]?[ \t_]*\]|\([ \t_]*[xX✓✔*]?[ \t_]*\)|\|[xX✓✔_ ]\||[☒☑⊠✅■☐□]"
    r"|(?i:yes|no|y|n)(?![A-Za-z]))"
)


@cache
def _abbreviation_before() -> re.Pattern[str]:
    abbrevs = "|".join(re.escape(a) for a in vocabulary().sentences.abbreviations)
    return re.compile(rf"(?:(?<![A-Za-z])(?:{abbrevs})|(?<![A-Za-z])[A-Z])$")


def _split_unit(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Sentences of ``text[start:end]`` split after ``. ! ? ;`` (not after "Dr.", "J." or
    the number of a list item "4.")."""
    cur = start
    for m in _TERMINATOR.finditer(text, start, end):
        if text[m.start()] == "?" and _ANSWERED.match(text, m.end(), end):
            continue  # "Requires 24-hour supervision?  ( ) Yes  (X) No": one item
        if text[m.start()] == "." and (
            _abbreviation_before().search(text, cur, m.start())
            or _LIST_NUMBER.fullmatch(text, cur, m.start())
        ):
            continue
        yield cur, m.end()
        cur = m.end()
    if cur < end:
        yield cur, end


@text_cache(maxsize=256)
def sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    """``(start, end)`` of every sentence of a page's text, trimmed of blanks, in order."""
    out: list[tuple[int, int]] = []
    for ustart, uend in _units(text):
        for s, e in _split_unit(text, ustart, uend):
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if s < e:
                out.append((s, e))
    return tuple(out)


# --------------------------------------------------------------------------- mentions


@dataclass(frozen=True, slots=True)
class Mention:
    """A match of a trigger pattern: ``page.text[start:end]``, in the sentence
    ``page.text[sentence[0]:sentence[1]]``, with its clinical context."""

    key: str
    page: Page
    start: int
    end: int
    sentence: tuple[int, int]
    context: Context

    @property
    def current(self) -> bool:
        """Neither hypothetical nor historical (it may be negated)."""
        return not (self.context.hypothetical or self.context.historical)

    @property
    def affirmed(self) -> bool:
        """Current and not negated."""
        return self.context.current_and_affirmed

    @property
    def sentence_text(self) -> str:
        return self.page.text[self.sentence[0] : self.sentence[1]]

    @property
    def is_question(self) -> bool:
        return self.sentence_text.rstrip().endswith("?")


# "Label: value", a table row "| Label | value |" or a form item "4. Item ...... NO"
_LABEL = re.compile(
    r"[ \t]*\|[ \t]*(?:\*\*)?(?P<cell>[^|\n]{1,60}?)(?:\*\*)?[ \t]*\|[ \t]*"
    r"|[ \t]*(?:[-*•]\s*)?(?:\*\*)?(?P<label>[^:|\n]{1,60}?)(?:\*\*)?[ \t]*:[ \t]*"
    r"|[ \t]*(?P<item>[^\n]{1,80}?)[ \t]*\.{2,}[ \t]*"
    r"|[ \t]*(?P<question>[^\n?:|]{1,100}?)\?[ \t]+(?=\S)"  # "Requires X?  ( ) Yes  (X) No"
)
# a check box: "[X]", "(X)", "|X|", "☒" ticked; "[ ]", "( )", "|_|", "[_]", "☐" empty
_BOX_ANY = re.compile(
    r"\[[ \t_]*[xX✓✔√*]?[ \t_]*\]|\([ \t_]*[xX✓✔*]?[ \t_]*\)|\|[xX✓✔_]\||[☒☑⊠✅■☐□]"
)
_TICK = re.compile(r"[xX✓✔√*☒☑⊠✅■]")


def box_state(text: str, pos: int) -> bool | None:
    """Whether the check box that goes with the words at ``pos`` is ticked (``True``) or
    empty (``False``); ``None`` when no box on their line goes with them. A row that ends
    with a box puts each box after its words ("SI [ ]  HI [x]"), any other row before them
    ("[X] 1. Requires 9 hours ...", "( ) 4. Plan of care")."""
    ls = text.rfind("\n", 0, pos) + 1
    le = text.find("\n", pos)
    le = len(text) if le == -1 else le
    boxes = list(_BOX_ANY.finditer(text, ls, le))
    if not boxes:
        return None
    if boxes_follow_options(text, ls, le):
        box = next((b for b in boxes if b.start() >= pos), None)
        if box is not None and re.search(r"[:?]", text[pos : box.start()]):
            return None  # a label answered by the row: "Imminent danger: Yes [ ] No [x]"
    else:
        box = next((b for b in reversed(boxes) if b.end() <= pos), None)
    return None if box is None else bool(_TICK.search(box.group()))


@dataclass(frozen=True, slots=True)
class _Rows:
    """A page's lines, classified once; each line's block (the lines between blank lines
    and rules) as ``(first, last, answer column or None)``."""

    starts: tuple[int, ...]
    lines: tuple[Line, ...]
    block_of: tuple[tuple[int, int, int | None], ...]


@text_cache(maxsize=64)
def _rows(text: str) -> _Rows:
    lines: list[Line] = []
    pos = 0
    for i, raw in enumerate(text.split("\n")):
        lines.append(classify(text, i, pos, pos + len(raw)))
        pos += len(raw) + 1
    block_of: list[tuple[int, int, int | None]] = []
    first = 0
    for i in range(len(lines) + 1):
        if i < len(lines) and not lines[i].is_break:
            continue
        block = (first, i - 1, _answer_column(lines[first:i]))
        block_of.extend([block] * (i - first))
        if i < len(lines):
            block_of.append((i, i, None))
        first = i + 1
    return _Rows(tuple(ln.start for ln in lines), tuple(lines), tuple(block_of))


def _answer_column(block: Sequence[Line]) -> int | None:
    """The column where the answers of a block of question/answer rows begin (the second
    cell of at least ``_MIN_ROWS`` rows of two cells starts there), or ``None``."""
    columns = [
        ln.cells[1].start - ln.start
        for ln in block
        if ln.splitter in _COLUMNED and len(ln.cells) == 2 and ln.cells[0].start == ln.cstart
    ]
    column = max(set(columns), key=columns.count) if columns else None
    return column if column is not None and columns.count(column) >= _MIN_ROWS else None


def _block_lines(text: str, pos: int) -> tuple[Sequence[Line], int, int | None]:
    """The lines of the block around the line holding ``pos``, the index of that line
    among them, and the block's answer column."""
    rows = _rows(text)
    i = bisect_right(rows.starts, pos) - 1
    first, last, column = rows.block_of[i]
    return rows.lines[first : last + 1], i - first, column


_MIN_ROWS = 3  # rows with a cell in one answer column: a report in two columns
_MAX_QUESTION_LINES = 3
_WRAP_SLACK = 4  # blanks a report may keep before its answer column when it wraps
_COLUMNED = (Splitter.SPACE, Splitter.TAB)


def _columns_answer(text: str, start: int) -> str | None:
    """The answer of a question/answer row of a report laid out in two columns ("Client
    requires 24-hour supervision      No") whose question holds ``start``: the cell of the
    answer column on the question's first line ("" when it has none: the question was
    left unanswered). ``None`` when ``start`` is in no such question."""
    lines, k, column = _block_lines(text, start)
    line = lines[k]
    if column is None:
        return None

    def answer(ln: Line) -> Span | None:
        return next((c for c in ln.cells[1:] if c.start - ln.start == column), None)

    def question_only(ln: Line) -> bool:
        return len(ln.cells) == 1 and ln.cells[0].end - ln.start < column

    if answer(line) is not None:
        if not line.cells[0].start <= start < line.cells[0].end:
            return None
        got = answer(line)
        return None if got is None else text[got.start : got.end]
    if not question_only(line) or line.cstart - line.start >= column:
        return None
    j = k
    while j > 0 and question_only(lines[j - 1]):
        j -= 1
    if j > 0 and (got := answer(lines[j - 1])) is not None and len(lines[j - 1].cells) == 2:
        above = lines[j - 1].cells[0]
        word = len(text[lines[j].cstart : lines[j].cend].split()[0])
        if above.end - lines[j - 1].start + 1 + word > column - _WRAP_SLACK:
            # its first word did not fit on the answered line above: the question wrapped
            return text[got.start : got.end]

    # a question without an answer: only inside a report that is all questions and answers,
    # between two of its rows, never a heading
    def in_columns(ln: Line) -> bool:
        return answer(ln) is not None or ln.cstart - ln.start == column

    n = k
    while n + 1 < len(lines) and question_only(lines[n + 1]):
        n += 1
    rows = sum(1 for ln in lines if in_columns(ln))
    if (
        j == 0
        or n + 1 >= len(lines)
        or n - j + 1 > _MAX_QUESTION_LINES
        or not (in_columns(lines[j - 1]) and in_columns(lines[n + 1]))
        or 2 * rows < len(lines)
        or heading_like(text[line.cstart : line.cend])
    ):
        return None
    return ""


def _checked_options(value: str) -> list[str] | None:
    """The options ticked in a row of boxes (:func:`extract.values.boxes.ticked_options`;
    ``None``: the value holds no row of boxes), each as its word nearest the box."""
    spans = ticked_options(value)
    if spans is None:
        return None
    boxes_after = boxes_follow_options(value)
    words = [value[s:e].split() for s, e in spans]
    return [(w[-1] if boxes_after else w[0]).strip(".,;:") for w in words if w]


class _Answer(Enum):
    NEGATIVE = "negative"
    UNANSWERED = "unanswered"


def _whole_words(patterns: Sequence[str]) -> re.Pattern[str]:
    return rx([rf"(?:{p})(?![A-Za-z0-9])" for p in patterns])  # "0", not "08/15/2025"


def _answer(value: str) -> _Answer | None:
    """How the value of a labeled line answers its label (``None``: not negatively)."""
    answers = vocabulary().answers
    ticked = _checked_options(value)
    if ticked:
        # negative only when every ticked option says no (both ticked: not an answer of no)
        negative = rx(answers.negative_options)
        if all(negative.fullmatch(option) for option in ticked):
            return _Answer.NEGATIVE
        return None
    if ticked is not None or _whole_words(answers.unanswered).match(value):
        return _Answer.UNANSWERED
    if rx(answers.uncertain).search(value):
        return _Answer.UNANSWERED  # "Intent: client unable to say whether he would act"
    if _whole_words(answers.negative).match(value):
        return _Answer.NEGATIVE
    return None


def _apply_answer(text: str, sentence: tuple[int, int], start: int, ctx: Context) -> Context | None:
    """The context of a mention at ``start`` given the label of its line: in the value of
    a goal it is hypothetical; in the label it takes the polarity of the answer (``None``
    when the line is an unanswered form item)."""
    if box_state(text, start) is False:
        return None  # "( ) 4. Plan of care", "Suicidal ideation: (X) None ( ) Active w/ plan"
    m = _LABEL.match(text, sentence[0], sentence[1])
    if m is None:
        value = _columns_answer(text, start)
        if value is None:
            return ctx
        if not value.strip():
            return None  # a question of a report left without an answer
        answer = _answer(value)
    else:
        group = next(g for g in ("cell", "label", "item", "question") if m.group(g) is not None)
        if start >= m.end(group):
            if rx(vocabulary().sentences.goal_labels).fullmatch(m.group(group).strip()):
                return replace(ctx, hypothetical=True)
            return ctx
        value_end = text.find("|", m.end(), sentence[1]) if group == "cell" else -1
        answer = _answer(text[m.end() : value_end if value_end != -1 else sentence[1]])
    if answer == _Answer.UNANSWERED:
        return None
    if answer == _Answer.NEGATIVE:
        return replace(ctx, negated=True)
    return ctx


@text_cache(maxsize=64)
def without_answers(text: str) -> str:
    """``text`` with the answers of a report laid out as questions and answers in two
    columns blanked (same length, same offsets): a question wrapped around its answer
    ("Client requires a minimum of 9 hours per      Yes" / "week of IOP services") reads
    as one phrase. Everything else is unchanged."""
    rows = _rows(text)
    out: list[str] | None = None
    for line, (_, _, column) in zip(rows.lines, rows.block_of, strict=True):
        if column is None or line.splitter not in _COLUMNED or len(line.cells) != 2:
            continue
        cell = line.cells[1]
        if cell.start - line.start == column:
            out = list(text) if out is None else out
            out[cell.start : cell.end] = " " * (cell.end - cell.start)
    return text if out is None else "".join(out)


def stated_by_layout(text: str, sentence: tuple[int, int], start: int) -> bool:
    """Whether the words at ``start`` may be read as stated, given the layout of their
    line: not after an empty check box ("( ) 4. Plan of care"), not in the question of a
    form item answered no ("Plan of care: [ ] Yes [X] No", "Needs 24-hour supervision
    No") or left unanswered ("Y/N")."""
    judged = _apply_answer(text, sentence, start, Context(False, False, False))
    return judged is not None and not judged.negated


# --------------------------------------------------------------------------- headings

_CAPS = re.compile(r"[A-Z0-9 /&(),'\-:#*_|]+")
_LINE_LABEL = re.compile(
    r"[ \t]*(?:[-*•][ \t]*)?\|?[ \t]*(?:\*\*)?(?P<label>[A-Z][A-Za-z0-9/#().'&\- ]{0,40}?)"
    r"(?:\*\*)?[ \t]*[:|][ \t]*(?P<value>\S.*)?$"
)
_TITLE_STRIP = re.compile(r"^[ \t|#>*_\-•]*(?:\d{1,2}[.)]|[IVX]{1,4}[.)])?[ \t*_]*|[ \t*_:|]+$")


def heading_like(line: str) -> bool:
    """A line that opens a new part of a document: a Markdown, bold-only or all-caps
    heading, or a short "Title:" with nothing after it."""
    stripped = line.strip()
    if not stripped:
        return False
    if stripped.startswith("#"):
        return True
    if re.fullmatch(r"(\*\*|__)[^*_\n]{2,80}(\*\*|__)[ \t]*:?", stripped):
        return True
    letters = sum(c.isalpha() for c in stripped)
    if letters >= 3 and len(stripped) <= 80 and _CAPS.fullmatch(stripped):
        return True
    return len(stripped) <= 60 and stripped.endswith(":") and stripped[0].isupper()


def title(line: str) -> str:
    """A heading line without its markup, numbering and trailing colon."""
    return _TITLE_STRIP.sub("", line).strip()


def line_label(line: str) -> str | None:
    """The label of a "Label: value" (or "| Label | value |") line that has a value."""
    m = _LINE_LABEL.match(line)
    return m.group("label").strip() if m and m.group("value") else None


@text_cache(maxsize=256)
def _history_regions(text: str) -> tuple[tuple[int, int], ...]:
    """Spans of ``text`` under a history heading ("PAST PSYCHIATRIC HISTORY", "Family
    history: ..."), each up to the next heading (or, for a "Label: value" section, the
    next labeled line)."""
    history = rx(vocabulary().sentences.history_headings)
    out: list[tuple[int, int]] = []
    start: int | None = None
    inline = False
    pos = 0
    for line in text.split("\n"):
        label = line_label(line)
        is_heading = heading_like(line) or (label is not None and label.isupper())
        name = title(line) if heading_like(line) else label
        if start is not None and (is_heading or (inline and label is not None)):
            out.append((start, pos))
            start = None
        if start is None and name is not None and history.fullmatch(name):
            start, inline = pos, not heading_like(line) and not name.isupper()
        pos += len(line) + 1
    if start is not None:
        out.append((start, len(text)))
    return tuple(out)


def _names_past_year(text: str, sentence: tuple[int, int], date: dt.date | None) -> bool:
    """Whether the sentence places itself in a year before ``date``'s ("in 2019")."""
    if date is None:
        return False
    for pattern in vocabulary().sentences.past_year:
        for m in rx([pattern]).finditer(text, *sentence):
            if int(m.group("year")) < date.year:
                return True
    return False


# --------------------------------------------------------------------------- prefilter
# Scanning a page with dozens of case-insensitive alternations is slow. Every match of a
# pattern contains one of its *cues* (literal strings the parse tree requires), so only the
# sentences that contain a cue are searched. Cues are derived from the regex itself, never
# written by hand; when a pattern has none, every sentence is searched.

_PARSER: Any = importlib.import_module("re._parser")
_OPS: Any = importlib.import_module("re._constants")
_REPEATS = frozenset({_OPS.MAX_REPEAT, _OPS.MIN_REPEAT, _OPS.POSSESSIVE_REPEAT})

Cues = frozenset[str]


def _better(a: Cues | None, b: Cues | None) -> Cues | None:
    """The more selective of two cue sets (the one whose shortest cue is longer)."""
    if not a:
        return b or None
    if not b:
        return a
    return a if min(map(len, a)) >= min(map(len, b)) else b


def _required(items: Any) -> Cues | None:
    """Literal strings (lower case) one of which every match of the parsed ``items``
    contains, or ``None``."""
    best: Cues | None = None
    run: list[str] = []
    for op, av in [*items, (None, None)]:
        if op is _OPS.LITERAL:
            run.append(chr(av))
            continue
        if run:
            best = _better(best, frozenset({"".join(run).lower()}))
            run = []
        if op is _OPS.SUBPATTERN:
            best = _better(best, _required(av[3]))
        elif op is _OPS.ATOMIC_GROUP:
            best = _better(best, _required(av))
        elif op in _REPEATS and av[0] >= 1:
            best = _better(best, _required(av[2]))
        elif op is _OPS.BRANCH:
            alternatives = [_required(branch) for branch in av[1]]
            if all(alternatives):
                best = _better(best, frozenset().union(*(a for a in alternatives if a)))
    return best


@lru_cache(maxsize=1024)
def cues(pattern: str, flags: int) -> Cues | None:
    """The cues of a compiled pattern's source, or ``None`` (search everywhere)."""
    try:
        return _required(_PARSER.parse(pattern, flags))
    except Exception:  # re._parser is internal: if it changes, search everywhere (slower)
        return None


def cue_text(text: str) -> str | None:
    """``text`` in lower case for :func:`may_match`, or ``None`` when a cue could be missed
    in it (lowering moves offsets, or a letter that matches "i" or "s" case-insensitively:
    dotless i, long s)."""
    low = text.lower()
    if len(low) != len(text) or "\u0131" in low or "\u017f" in low:
        return None
    return low


def may_match(low: str | None, pattern: re.Pattern[str]) -> bool:
    """``False`` only when no part of the text ``low`` is from (:func:`cue_text`) can hold a
    match of ``pattern``: the text holds none of its cues."""
    found = cues(pattern.pattern, pattern.flags)
    return low is None or not found or any(cue in low for cue in found)


@text_cache(maxsize=256)
def _lowered(text: str) -> str | None:
    """``text.lower()`` when it keeps every offset (true unless rare Unicode), else None."""
    low = text.lower()
    return low if len(low) == len(text) else None


def _search_spans(text: str, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    """The sentences of ``text`` that may hold a match of ``pattern``."""
    spans = sentence_spans(text)
    found = cues(pattern.pattern, pattern.flags)
    low = _lowered(text)
    if not found or low is None:
        return list(spans)
    starts = _sentence_starts(text)
    last = len(starts) - 1
    hit: set[int] = set()
    for cue in found:
        pos = low.find(cue)
        while pos != -1:
            i = bisect_right(starts, pos) - 1
            hit.add(i)
            if i == last:
                break
            # the next occurrence that may be in another sentence
            pos = low.find(cue, max(pos + 1, starts[i + 1]))
    return [spans[i] for i in sorted(hit) if i >= 0]


@text_cache(maxsize=256)
def _sentence_starts(text: str) -> tuple[int, ...]:
    return tuple(s for s, _ in sentence_spans(text))


# --------------------------------------------------------------------------- mentions


def find_mentions(
    doc: DocInput,
    patterns: Mapping[str, re.Pattern[str]],
    companions: frozenset[str] = frozenset(),
) -> list[Mention]:
    """Every match of ``patterns`` (key -> regex) inside a sentence of the document's text
    pages, each with its clinical context (one :func:`assess` call per sentence). A match
    that crosses a sentence boundary is not one; overlapping matches of one key keep the
    first. Matches of a ``companions`` key only count in a sentence with another match."""
    out: list[Mention] = []
    for page in doc.pages():
        text = page.text
        by_sentence: dict[tuple[int, int], list[tuple[str, int, int]]] = {}
        for key, pattern in patterns.items():
            for sentence in _search_spans(text, pattern):
                last_end = -1
                for m in pattern.finditer(text, *sentence):
                    if m.end() > m.start() and m.start() >= last_end:
                        by_sentence.setdefault(sentence, []).append((key, m.start(), m.end()))
                        last_end = m.end()
        for sentence in sorted(by_sentence):
            found = sorted(by_sentence[sentence], key=lambda c: (c[1], c[2]))
            if all(key in companions for key, _, _ in found):
                continue
            contexts = assess(
                text[sentence[0] : sentence[1]],
                tuple((s - sentence[0], e - sentence[0]) for _, s, e in found),
            )
            past = _names_past_year(text, sentence, doc.date) or any(
                a <= sentence[0] < b for a, b in _history_regions(text)
            )
            for (key, s, e), ctx in zip(found, contexts, strict=True):
                judged = _apply_answer(
                    text, sentence, s, replace(ctx, historical=True) if past else ctx
                )
                if judged is not None:
                    out.append(Mention(key, page, s, e, sentence, judged))
    return out


def keyed(patterns: Mapping[str, Sequence[str]]) -> dict[str, re.Pattern[str]]:
    """Compile a vocabulary mapping ``key -> patterns`` for :func:`find_mentions`."""
    return {key: rx(p) for key, p in patterns.items()}


_NOT_DONE_WINDOW = 48
_FILLER = "a|an|the|his|her|their|updated|new|full|complete|annual|routine"


@cache
def _not_done_before() -> re.Pattern[str]:
    """A "not done" phrase ending the text, maybe followed by articles ("refer for a")."""
    return rx(
        [rf"(?:{p})\W*(?:(?:{_FILLER})\W+)*$" for p in vocabulary().assessments.not_done_before]
    )


def performed(m: Mention) -> bool:
    """Whether a mention of an assessment or instrument records one that was done: current
    (neither hypothetical nor historical), and no "not done" words close before it in its
    sentence ("refer for a physical exam") or after it ("PHQ-9 deferred", "C-SSRS: not
    completed"). Negation is not used: "C-SSRS screen: negative" is a done screen."""
    text, (s_start, s_end) = m.page.text, m.sentence
    before = text[max(s_start, m.start - _NOT_DONE_WINDOW) : m.start]
    after = text[m.end : min(s_end, m.end + _NOT_DONE_WINDOW)]
    return (
        m.current
        and _not_done_before().search(before) is None
        and rx(vocabulary().assessments.not_done).search(after) is None
    )


def person(doc: DocInput, page: Page, span: PersonSpan, pattern: str) -> Person:
    """A :class:`Person` fact for a person found on ``page`` by ``pattern``."""
    return Person(
        evidence=(doc.evidence(page, span.start, span.end),),
        source=source(pattern),
        name=span.name,
        credentials=span.credentials,
    )
