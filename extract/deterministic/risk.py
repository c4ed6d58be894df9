"""Risk assessments and current statements of danger (RULES.md "Risk assessment",
``medicare-iop.safety``, ``optum-idaho-iop.weekly-risk-assessment``).

A :class:`RiskAssessment` comes only from a *section* that is a risk assessment and reaches
a conclusion:

- a section is a whole ``risk_assessment`` document (split at its risk headings when it
  holds several), a part of any document headed as a risk / safety / suicide risk
  assessment ("Risk Assessment:", "**Risk assessment.** ...", "Risk assessment (C-SSRS
  screen, 10/06/2025): ..."), or the lines of a structured instrument (C-SSRS, SAFE-T, ASQ);
- a section that is a log of dated entries ("Date: 10/06/2025 ... Date: 10/13/2025 ...",
  "10/06/2025 - C-SSRS (M. Lopez, LCSW): negative", a table row or a PDF page per entry)
  gives one assessment per entry that concludes, with the entry's date and assessor;
- its conclusion is a risk level ("Low risk", "Risk level: moderate", "screen negative"),
  a statement about imminent danger ("No imminent danger to self or others") or about the
  need for 24-hour supervision / inpatient care. ``imminent_danger`` and
  ``needs_24h_supervision`` are ``True`` when affirmed, ``False`` when negated, ``None``
  when the section says nothing about them.

A screening line in a progress note ("Denies SI/HI") is not a section and gives nothing.

A :class:`DangerFinding` is a current, affirmed statement (never negated, hypothetical,
historical or a question) of suicidal / homicidal ideation with a plan or intent, of
imminent danger, or of a need for 24-hour supervision / inpatient care.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Annotated

from pydantic import Field as PydanticField

from core.data import DocumentKind, Evidence, Frozen, Page
from core.errors import ExtractionError
from core.facts import DangerFinding, DangerKind, Person, RiskAssessment, Signer
from core.yamlio import load_model
from extract.deterministic.common import DocInput, source
from extract.deterministic.context import assess
from extract.deterministic.entries import entry_date
from extract.deterministic.fields import field, find_fields
from extract.deterministic.mentions import (
    Mention,
    box_state,
    find_mentions,
    heading_like,
    keyed,
    line_label,
    performed,
    person,
    rx,
    spaces_to,
    title,
    vocabulary,
)
from extract.layout import Layout, Span, Splitter, layout_of
from extract.records import service_records
from extract.records.model import ServiceRecord
from extract.values.dates import first_date
from extract.values.people import (
    PersonSpan,
    find_blank_signatures,
    find_signatures,
    is_client_signature,
    parse_person,
    person_line,
)

# --------------------------------------------------------------------------- danger

_SI, _HI = "suicidal_ideation", "homicidal_ideation"
_PLAN, _ENDORSED = "plan_or_intent", "endorsed_plan_or_intent"
_PLAN_ITEM = "plan_or_intent_item"
_SENTENCE_CHECKS = frozenset({"past_event", "other_person"})
_SI_PLAN, _HI_PLAN = "suicidal_plan_or_intent", "homicidal_plan_or_intent"
_IMMINENT, _NEEDS_24H = "imminent_danger", "needs_24h_supervision"
_INSTRUMENT, _RISK_LEVEL, _STEP_UP = "instrument", "risk_level", "step_up"
_CONCLUSIONS = frozenset({_RISK_LEVEL, _IMMINENT, _NEEDS_24H, _STEP_UP})

_IDEATION_KIND = {
    _SI: DangerKind.SUICIDAL_IDEATION_WITH_PLAN_OR_INTENT,
    _HI: DangerKind.HOMICIDAL_IDEATION_WITH_PLAN_OR_INTENT,
}
_STANDALONE_KIND = {
    _SI_PLAN: DangerKind.SUICIDAL_IDEATION_WITH_PLAN_OR_INTENT,
    _HI_PLAN: DangerKind.HOMICIDAL_IDEATION_WITH_PLAN_OR_INTENT,
    _IMMINENT: DangerKind.IMMINENT_DANGER,
    _NEEDS_24H: DangerKind.NEEDS_24H_SUPERVISION,
}


RISK_PATH = Path(__file__).with_name("risk.yaml")
_Patterns = Annotated[list[str], PydanticField(min_length=1)]


class _RiskConfig(Frozen):
    """``risk.yaml``: risk reading beyond clinical.yaml."""

    headings: _Patterns
    line_headings: _Patterns
    heading_qualifiers: _Patterns
    needs_24h_supervision: _Patterns
    step_up: _Patterns
    history_columns: _Patterns
    yes_answers: _Patterns


@cache
def _config() -> _RiskConfig:
    cfg = load_model(RISK_PATH, _RiskConfig, "risk vocabulary", ExtractionError)
    for group in (cfg.headings, cfg.line_headings, cfg.needs_24h_supervision, cfg.step_up):
        rx(group)  # an invalid pattern fails here, when first loaded
    return cfg


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    """Danger statements, risk instruments and risk levels: one search for the module."""
    danger = vocabulary().danger.model_dump(exclude=set(_SENTENCE_CHECKS))
    danger[_NEEDS_24H] = [*danger[_NEEDS_24H], *_config().needs_24h_supervision]
    patterns = keyed(danger)
    patterns[_INSTRUMENT] = _instrument_rx()
    patterns[_RISK_LEVEL] = rx(vocabulary().risk.risk_level)
    patterns[_STEP_UP] = rx([*vocabulary().risk.step_up, *_config().step_up])
    return patterns


def _nearest(target: Mention, candidates: Sequence[Mention]) -> Mention | None:
    """The candidate closest to ``target``, preferring one that precedes it."""
    if not candidates:
        return None
    return min(candidates, key=lambda c: (c.start > target.start, abs(c.start - target.start)))


def _preceding(
    m: Mention, sentences: dict[tuple[int, tuple[int, int]], list[Mention]], max_lines: int
) -> list[Mention]:
    """Mentions of the sentences before ``m``'s that end at most ``max_lines`` line breaks
    before it, in the same block (no blank line between)."""
    text = m.page.text
    out: list[Mention] = []
    for (page_no, sent), group in sentences.items():
        if page_no != m.page.number or sent[1] > m.sentence[0]:
            continue
        between = text[sent[1] : m.sentence[0]]
        if between.count("\n") <= max_lines and not re.search(r"\n[ \t]*\n", between):
            out.extend(group)
    return out


# --------------------------------------------------------------------------- answers

# a plan or intent: denied in a risk section, it concludes no imminent danger
_DENIALS = frozenset({_PLAN, _ENDORSED, _SI_PLAN, _HI_PLAN, _PLAN_ITEM})
_ANSWERED_KEYS = frozenset({_SI, _HI, *_DENIALS, _IMMINENT, _NEEDS_24H})


@cache
def _yes_no() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """An answer cell that opens with yes, and one that opens with no."""
    yes = "|".join(f"(?:{p})" for p in _config().yes_answers)
    no = "|".join(f"(?:{p})" for p in vocabulary().answers.negative)
    return (
        re.compile(rf"[\W_]*(?:{yes})(?![A-Za-z0-9])", re.IGNORECASE),
        re.compile(rf"[\W_]*(?:{no})(?![A-Za-z0-9])", re.IGNORECASE),
    )


@cache
def _history_column() -> re.Pattern[str]:
    alts = "|".join(f"(?:{p})" for p in _config().history_columns)
    return re.compile(rf"(?<![A-Za-z])(?:{alts})(?![A-Za-z])", re.IGNORECASE)


# an item's number in a column of its own ("4", "4.", "Q4", "#4", "Item 4", "4a")
_ITEM_NUMBER = re.compile(r"(?:#|Q|Item[ ]?)?\d{1,2}[a-z]?[.)]?", re.IGNORECASE)


def _answer_cells(layout: Layout, at: int) -> tuple[Span, list[tuple[Span, str]]] | None:
    """The cell holding ``at`` of a row that answers it, and each answer cell after it
    with its column's header: the row of a table, else the line's own cells (a table whose
    columns the long questions overrun). The question's cell is the row's first, or the
    one after a column of item numbers ("4 | Active suicidal ideation ... | No")."""
    text = layout.text
    line = layout.line_at(at)

    def own(cells: Sequence[Span]) -> int | None:
        k = next((j for j, c in enumerate(cells) if c.start <= at < c.end), None)
        if k is None or any(
            c.start < c.end and not _ITEM_NUMBER.fullmatch(text[c.start : c.end]) for c in cells[:k]
        ):
            return None
        return k

    t = layout.table_of[line] if line < len(layout.table_of) else None
    if t is not None:
        table = layout.tables[t]
        row = next((r for r in table.rows if line in r.lines), None)
        if row is not None:
            joined = [Span(c[0].start, c[-1].end) if c else Span(0, 0) for c in row.cells]
            k = own(joined)
            if k is not None and len(row.cells[k]) == 1:
                return joined[k], [
                    (c, table.header_text(text, j))
                    for j, c in enumerate(joined[k + 1 :], start=k + 1)
                    if c.start < c.end
                ]
    ln = layout.lines[line]
    if ln.splitter in (Splitter.SPACE, Splitter.TAB, Splitter.PIPE) and len(ln.cells) >= 2:
        k = own(ln.cells)
        # plain words after it ("Yes", "No - denies"), not check boxes ("( ) Yes  (X) No")
        if k is not None and all(text[c.start].isalpha() for c in ln.cells[k + 1 :]):
            return ln.cells[k], [(c, "") for c in ln.cells[k + 1 :]]
    return None


def _row_answer(layout: Layout, m: Mention) -> Mention | None:
    """``m`` as the row of a table answers it, when ``m`` is in the row's question cell
    (:func:`_answer_cells`) and the cells after it answer yes or no ("Active ideation with
    specific plan and intent | No | Yes" under "Item | Since last visit | Lifetime"): a
    "no" in every current column negates it; a "yes" only in a column of the past
    ("Lifetime") makes it history; a "yes" in a current column keeps the polarity of its
    own cell's words ("with any method (no plan) | Yes" still denies a plan; the words of
    the rows around it do not count). A question so answered ("24-Hour Supervision Needed?
    | Yes") is a statement: its sentence runs to the end of its line. ``None``: no such
    row."""
    at = layout.doc.offset(m.page.number, m.start)
    if at is None:
        return None
    found = _answer_cells(layout, at)
    if found is None:
        return None
    label, answers = found
    text = layout.text
    yes, no = _yes_no()
    current: list[bool] = []
    past: list[bool] = []
    for cell, header in answers:
        value = text[cell.start : cell.end]
        said = True if yes.match(value) else False if no.match(value) else None
        if said is None:
            continue  # a comment beside the answer
        history = _history_column().search(header) is not None
        (past if history else current).append(said)
    if not current and not past:
        return None
    ctx, sentence = m.context, m.sentence
    if current and any(current):
        shift = m.start - at
        row = layout.lines[layout.line_at(at)]
        if not row.start + shift <= sentence[0] <= sentence[1] <= row.end + shift:
            # a sentence run on over the rows below (no stop ends a row): the cell's own
            # words, on their own ("(not plan) without intent to act | Yes")
            words = text[label.start : label.end]
            [ctx] = assess(words, [(at - label.start, at - label.start + m.end - m.start)])
            sentence = (label.start + shift, label.end + shift)
        ctx = replace(ctx, historical=False)
    else:
        if current:
            ctx = replace(ctx, negated=True)
        elif any(past):
            ctx = replace(ctx, historical=True)
        else:
            ctx = replace(ctx, negated=True)
    if m.is_question:
        end = m.page.text.find("\n", m.start)
        sentence = (m.sentence[0], len(m.page.text) if end < 0 else end)
    return replace(m, context=ctx, sentence=sentence)


def _answered(doc: DocInput, mentions: Sequence[Mention]) -> list[Mention]:
    """The mentions, each danger or conclusion read with the answer its table row gives
    (:func:`_row_answer`)."""
    layout: Layout | None = None
    out: list[Mention] = []
    for m in mentions:
        if m.key in _ANSWERED_KEYS:
            layout = layout or layout_of(doc.document)
            got = _row_answer(layout, m)
            out.append(m if got is None else got)
        else:
            out.append(m)
    return out


# how many lines above a plan its ideation may be (None: in the same sentence only)
_PAIRED: dict[str, int | None] = {_PLAN: None, _ENDORSED: 0, _PLAN_ITEM: 3}


def _dangers(doc: DocInput, mentions: Sequence[Mention]) -> list[DangerFinding]:
    """Current, affirmed danger statements: one finding per kind, with every mention as
    evidence; ``source`` names the pattern of the first.

    Ideation with a plan or intent is skipped in a sentence that tells of a past event
    ("inpatient stay for SI with plan to overdose") or whose subject is a peer ("A peer
    disclosed SI with plan")."""
    vocab = vocabulary().danger
    past_event, other_person = rx(vocab.past_event), rx(vocab.other_person)
    found = [m for m in mentions if m.affirmed and not m.is_question]
    by_sentence: dict[tuple[int, tuple[int, int]], list[Mention]] = {}
    for m in found:
        by_sentence.setdefault((m.page.number, m.sentence), []).append(m)
    hits: dict[DangerKind, tuple[str, list[Evidence]]] = {}
    for group in by_sentence.values():
        ideations = [m for m in group if m.key in _IDEATION_KIND]
        text, sentence = group[0].page.text, group[0].sentence
        not_the_members_now = bool(
            past_event.search(text, *sentence) or other_person.match(text, *sentence)
        )
        for m in group:
            if m.key in _STANDALONE_KIND:
                if not_the_members_now and m.key in (_SI_PLAN, _HI_PLAN):
                    continue
                kind, pattern = _STANDALONE_KIND[m.key], m.key
                evidence = [doc.evidence(m.page, m.start, m.end)]
            elif m.key in _PAIRED and not not_the_members_now:
                pool, lines_up = ideations, _PAIRED[m.key]
                if not pool and lines_up is not None:
                    above = _preceding(m, by_sentence, lines_up)
                    pool = [p for p in above if p.key in _IDEATION_KIND]
                ideation = _nearest(m, pool)
                if ideation is None:
                    continue
                kind, pattern = _IDEATION_KIND[ideation.key], f"{ideation.key}_with_{m.key}"
                if ideation.sentence == m.sentence:  # one span: "SI with a plan"
                    start, end = min(ideation.start, m.start), max(ideation.end, m.end)
                    evidence = [doc.evidence(m.page, start, end)]
                else:
                    evidence = [
                        doc.evidence(ideation.page, ideation.start, ideation.end),
                        doc.evidence(m.page, m.start, m.end),
                    ]
            else:
                continue
            hits.setdefault(kind, (pattern, []))[1].extend(evidence)
    return [
        DangerFinding(
            kind=kind,
            date=doc.date,
            evidence=tuple(dict.fromkeys(evidence)),
            source=source(f"risk.danger.{pattern}"),
        )
        for kind, (pattern, evidence) in hits.items()
    ]


# --------------------------------------------------------------------------- sections


@dataclass(frozen=True, slots=True)
class _Line:
    """One line of a text page: ``page.text[start:end]`` (no newline)."""

    page: Page
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.page.text[self.start : self.end]


@dataclass(frozen=True, slots=True)
class _Section:
    """Lines ``first..last`` (inclusive) of the document; ``heading`` is the line and the
    offsets of the heading phrase that opened it, if a heading did."""

    first: int
    last: int
    heading: tuple[_Line, int, int] | None
    date: dt.date | None = None  # the date an entry of a log opens with ...
    opening: int | None = None  # ... on this line


def _lines(doc: DocInput) -> list[_Line]:
    out: list[_Line] = []
    for page in doc.pages():
        pos = 0
        for raw in page.text.split("\n"):
            out.append(_Line(page, pos, pos + len(raw)))
            pos += len(raw) + 1
    return out


# a heading's number: "3.", "IV)", "[5]", "F."
_HEADING_NUMBER = (
    r"(?:\d{1,2}[.)][ \t]*|[IVX]{1,4}[.)][ \t]*|\[\d{1,2}\][ \t]*|(?-i:[A-Z])[.)][ \t]+)?"
)


@cache
def _heading_regex() -> re.Pattern[str]:
    blanks = r"[ \t]+"
    alts = "|".join(
        f"(?:{spaces_to(p, blanks)})" for p in [*vocabulary().risk.headings, *_config().headings]
    )
    quals = "|".join(f"(?:{spaces_to(p, blanks)})" for p in _config().heading_qualifiers)
    # a bold run-in heading ("**Risk assessment.** Denies SI/HI.") may be followed by text
    bold_tail = r"[.:]?[ \t]*(?:\*\*|__)(?P<bold>[^\n]*)"
    return re.compile(
        r"[ \t]*\|?[ \t]*(?:#{1,6}[ \t]*)?(?:\*\*|__)?"
        + _HEADING_NUMBER
        + rf"(?P<h>(?:(?-i:[A-Z][A-Za-z-]*)[ \t]+){{0,3}}(?:{alts}))(?:[ \t]+(?:{quals}))?"
        rf"(?:[ \t]*(?:\([^)\n]{{0,60}}\))?{bold_tail}"
        r"|(?:\*\*|__)?[ \t]*(?:\([^)\n]{0,60}\)[ \t]*)?(?:\*\*|__)?[ \t]*"
        r"(?P<tail>(?:[:|\-–—][^\n]*)?))$",
        re.IGNORECASE,
    )


@cache
def _line_heading_regex() -> re.Pattern[str]:
    """A heading that is a line of its own ("[5] Risk", "RISK:", "**Risk/Safety**")."""
    blanks = r"[ \t]+"
    alts = "|".join(f"(?:{spaces_to(p, blanks)})" for p in _config().line_headings)
    return re.compile(
        r"[ \t]*\|?[ \t]*(?:#{1,6}[ \t]*)?(?:\*\*|__)?"
        + _HEADING_NUMBER
        + rf"(?P<h>{alts})(?:\*\*|__)?[ \t]*:?[ \t]*(?:\*\*|__)?[ \t]*\|?[ \t]*$",
        re.IGNORECASE,
    )


def _tail(m: re.Match[str]) -> str:
    """What follows a heading on its line."""
    return m.group("bold") if m.group("bold") is not None else m.group("tail")


def _is_subheading(title: str) -> bool:
    """A heading inside a risk section (risk factors, conclusion, an instrument's name);
    a trailing parenthesis does not count ("SUICIDAL IDEATION (past month)")."""
    bare = re.sub(r"\s*\([^)]*\)$", "", title)
    return bool(rx(vocabulary().risk.subheadings).fullmatch(bare) or _instrument_rx().search(bare))


def _section_end(
    lines: Sequence[_Line], first: int, inline: bool, concluding: frozenset[int] = frozenset()
) -> int:
    """Index of the last line of a section whose first line is ``first``. A line right
    after it that states a risk conclusion (``concluding``) belongs to it, whatever its
    label ("Assessment: no imminent danger ...", "Risk assessment result: ...")."""
    last = first
    for k in range(first + 1, len(lines)):
        text = lines[k].text
        if k == last + 1 and k in concluding:
            last = k
            continue
        if _heading_regex().match(text) and not _is_subheading(title(text.split(":")[0])):
            break
        if not text.strip():
            if inline:
                break
            continue
        # a bold line may be a labeled one ("**Conclusion: low risk; no plan or intent.**")
        if heading_like(text) and not any(
            _is_subheading(t) for t in (title(text), title(text).split(":")[0])
        ):
            break
        label = line_label(text)
        if inline and label is not None and not _is_subheading(label):
            break
        last = k
    return last


def _instrument_rx() -> re.Pattern[str]:
    return rx([p for ps in vocabulary().risk.instruments.values() for p in ps])


def _instrument_name(m: Mention) -> str:
    text = m.page.text[m.start : m.end]
    return next(n for n, p in vocabulary().risk.instruments.items() if rx(p).fullmatch(text))


def risk_instrument_named(text: str) -> str | None:
    """The vocabulary's name of the risk instrument ``text`` names ("Columbia Suicide
    Severity Rating Scale" -> "C-SSRS"), if any."""
    for name, patterns in vocabulary().risk.instruments.items():
        if rx(patterns).search(text):
            return name
    return None


def _line_index(lines: Sequence[_Line], page: Page, pos: int) -> int:
    return next(
        i
        for i, ln in enumerate(lines)
        if ln.page.number == page.number and ln.start <= pos <= ln.end
    )


def _sections(
    doc: DocInput,
    lines: Sequence[_Line],
    instruments: Sequence[Mention],
    conclusions: Sequence[Mention] = (),
) -> list[_Section]:
    """Risk-assessment sections of the document, in order, not overlapping.

    A ``risk_assessment`` document is one section, or one per top-level risk heading (the
    lines before the first belong to it). Elsewhere a risk heading or a line naming an
    instrument opens a section that runs to the next heading (see :func:`_section_end`).
    """
    if not lines:
        return []
    headed: list[tuple[int, tuple[_Line, int, int], bool]] = []
    for i, ln in enumerate(lines):
        m = _heading_regex().match(ln.text)
        if m:
            span = (ln, ln.start + m.start("h"), ln.start + m.end("h"))
            headed.append((i, span, bool(_tail(m).strip(":|-–— \t"))))
        elif (own := _line_heading_regex().match(ln.text)) is not None:
            headed.append((i, (ln, ln.start + own.start("h"), ln.start + own.end("h")), False))
    if doc.document.kind is DocumentKind.RISK_ASSESSMENT:
        top = [h for h in headed if not _is_subheading(h[1][0].page.text[h[1][1] : h[1][2]])]
        if not top:
            return [_Section(0, len(lines) - 1, None)]
        starts = [0] + [i for i, _, _ in top[1:]] + [len(lines)]
        return [_Section(starts[n], starts[n + 1] - 1, top[n][1]) for n in range(len(top))]
    opened: list[tuple[int, tuple[_Line, int, int] | None, bool]] = [
        (i, span, inline) for i, span, inline in headed
    ]
    for inst in instruments:  # an instrument's title line opens a block, a mention a line
        i = _line_index(lines, inst.page, inst.start)
        opened.append((i, None, not heading_like(lines[i].text)))
    concluding = frozenset(_line_index(lines, m.page, m.start) for m in conclusions)
    out: list[_Section] = []
    for first, heading, inline in sorted(opened, key=lambda o: (o[0], o[1] is None)):
        if not out or first > out[-1].last:
            end = _section_end(lines, first, inline, concluding)
            out.append(_Section(first, end, heading))
    return out


def _entry_first(lines: Sequence[_Line], after: int, k: int, quiet: Sequence[bool]) -> int:
    """The first line of an entry whose date is on line ``k`` (the previous entry's date is
    on line ``after``): its page's first line when only lines without a conclusion precede
    it there (a form's title above its "Date:" field), else the blank and heading lines
    right above it."""
    page_first = k
    while page_first - 1 > after and lines[page_first - 1].page is lines[k].page:
        page_first -= 1
    new_page = page_first > after + 1 or lines[after].page is not lines[k].page
    if new_page and all(quiet[i] for i in range(page_first, k)):
        return page_first
    j = k
    while j - 1 > after and quiet[j - 1]:
        text = lines[j - 1].text
        if text.strip() and not heading_like(text):
            break
        j -= 1
    return j


def _entries(
    lines: Sequence[_Line], section: _Section, conclusions: Sequence[Mention]
) -> list[_Section]:
    """A section split into the dated entries of a log ("Date: 10/06/2025 ... Date:
    10/13/2025 ..."); the section itself unless it holds two entries of different dates.
    The lines before the first entry belong to it."""
    starts = [
        (k, d)
        for k in range(section.first, section.last + 1)
        if (d := entry_date(lines[k].text)) is not None
    ]
    if len({d for _, d in starts}) < 2:
        return [section]
    loud = {_line_index(lines, m.page, m.start) for m in conclusions}
    quiet = [i not in loud for i in range(len(lines))]
    firsts = [section.first] + [
        _entry_first(lines, starts[n - 1][0], starts[n][0], quiet) for n in range(1, len(starts))
    ]
    bounds = [*firsts, section.last + 1]
    return [
        _Section(bounds[n], bounds[n + 1] - 1, section.heading, starts[n][1], starts[n][0])
        for n in range(len(starts))
    ]


# --------------------------------------------------------------------------- assessments


def _within(lines: Sequence[_Line], section: _Section, m: Mention) -> bool:
    first, last = lines[section.first], lines[section.last]
    key = (m.page.number, m.start)
    return (first.page.number, first.start) <= key and (m.page.number, m.end) <= (
        last.page.number,
        last.end,
    )


def _verdict(mentions: Sequence[Mention], key: str) -> bool | None:
    """True when a conclusion of ``key`` is affirmed (even if another is negated), False
    when only negated ones exist, None when there is none."""
    ms = [m for m in mentions if m.key == key]
    if any(not m.context.negated for m in ms):
        return True
    return False if ms else None


@cache
def _level_word() -> re.Pattern[str]:
    """Every risk level the vocabulary names, as a whole word."""
    risk = vocabulary().risk
    words = [*risk.no_danger_levels, *risk.danger_levels, *risk.other_levels]
    alts = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![A-Za-z])({alts})(?![A-Za-z])", re.IGNORECASE)


def _imminent(conclusions: Sequence[Mention], denied: bool = False) -> bool | None:
    """The assessment's conclusion about imminent danger (RULES.md "Risk assessment"):

    1. what it states about imminent danger ("No imminent danger to self or others");
    2. else a step-up it recommends (danger), or says is not needed (no danger);
    3. else its current risk levels, read in the whole sentences that state them (not one
       that says the level was so before: "last week", "at intake"): every level
       none/minimal/low is no danger, every level high/imminent is danger; mixed levels
       ("low to moderate", "high -> low", "suicide risk low, violence risk high") conclude
       nothing;
    4. else, when no level it states is high, no need for 24-hour supervision is no danger;
    5. else, when every level it states (if any) is none/minimal/low, a plan or intent it
       denies (``denied``: "denies SI/HI, no plan or intent") is no danger;
    6. else ``None`` (no conclusion)."""
    stated = _verdict(conclusions, _IMMINENT)
    if stated is not None:
        return stated
    step_up = _verdict(conclusions, _STEP_UP)
    if step_up is not None:
        return step_up
    risk = vocabulary().risk
    safe = {w.lower() for w in risk.no_danger_levels}
    danger = {w.lower() for w in risk.danger_levels}
    levels: set[str] = set()
    past = [w.lower() for w in risk.past_level_markers]
    for m in conclusions:
        if m.key != _RISK_LEVEL:
            continue
        said = m.page.text[m.sentence[0] : m.sentence[1]].lower()
        if any(marker in said for marker in past):
            continue  # "Risk level was high last week": not the current level
        for found in _level_word().finditer(m.page.text, m.sentence[0], m.sentence[1]):
            if box_state(m.page.text, found.start()) is False:
                continue  # "Risk level: (X) Low ( ) Moderate ( ) High": only what is ticked
            w = found.group(1)
            # "Risk level: none" reads as negated by its own value; "not high risk" is none
            if not m.context.negated or w.lower() == "none":
                levels.add(w.lower())
    if levels and levels <= safe:
        return False
    if levels and levels <= danger:
        return True
    if levels & danger:
        return None
    if _verdict(conclusions, _NEEDS_24H) is False:
        return False
    if denied and levels <= safe:
        return False
    return None


def _needs_24h(conclusions: Sequence[Mention]) -> bool | None:
    """What the assessment states about a need for 24-hour supervision; a statement that
    no higher level of care is needed ("does not require a higher level of care") is no
    need for it either (RULES.md "Risk assessment"). A step-up recommended is not by
    itself 24-hour supervision (a partial hospital program is not)."""
    stated = _verdict(conclusions, _NEEDS_24H)
    if stated is None and _verdict(conclusions, _STEP_UP) is False:
        return False
    return stated


def _section_lines(lines: Sequence[_Line], section: _Section) -> Iterator[_Line]:
    return (lines[k] for k in range(section.first, section.last + 1))


def _labeled_person(doc: DocInput, lines: Iterable[_Line], pattern: str) -> Person | None:
    """The first person named in an assessor field ("Assessed by:", "Clinician:") of
    ``lines``."""
    labels = vocabulary().risk.assessor_labels
    for ln in lines:
        for f in find_fields(ln.text, labels):
            p = parse_person(ln.text, f.start, f.end)
            if p is not None:
                shifted = PersonSpan(ln.start + p.start, ln.start + p.end, p.name, p.credentials)
                return person(doc, ln.page, shifted, pattern)
    return None


_CELL_START = re.compile(r"(?:^|[(|]|\s[-–—]\s|\bby\s|[.;]\s)")


def _entry_person(doc: DocInput, line: _Line) -> Person | None:
    """A credentialed person in a cell, parenthesis or "by ..." of the line opening a log
    entry or a section ("10/06/2025 - C-SSRS (Maria Lopez, LCSW): negative")."""
    text = line.page.text
    for m in _CELL_START.finditer(line.text):
        stop = re.compile(r"[)|:;]").search(text, line.start + m.end(), line.end)
        p = parse_person(text, line.start + m.end(), stop.start() if stop else line.end)
        if p is not None and p.credentials:
            return person(doc, line.page, p, "risk.assessor.entry")
    return None


@cache
def _by_phrase() -> re.Pattern[str]:
    """ "Completed by", "administered by", ... (the assessor labels ending in "by") in prose."""
    bys = [w for w in vocabulary().risk.assessor_labels if w.lower().endswith(" by")]
    return rx([rf"\b{re.escape(w)}:?[ \t]+" for w in bys])


def _by_person(doc: DocInput, lines: Iterable[_Line]) -> Person | None:
    """A person named after "administered by" / "completed by" in ``lines``."""
    for ln in lines:
        text = ln.page.text
        for m in _by_phrase().finditer(text, ln.start, ln.end):
            p = parse_person(text, m.end(), ln.end)
            if p is not None and (p.credentials or (p.name is not None and " " in p.name)):
                return person(doc, ln.page, p, "risk.assessor.by")
    return None


def _signer(doc: DocInput, first: _Line) -> Person | None:
    """The first signer after ``first`` (or the last before it), not the member."""
    signatures = [
        (page, s)
        for page in doc.pages()
        for s in find_signatures(page.text)
        if not is_client_signature(page.text, s)
    ]
    after = [
        (page, s)
        for page, s in signatures
        if (page.number, s.start) >= (first.page.number, first.start)
    ]
    chosen = after[0] if after else (signatures[-1] if signatures else None)
    if chosen is None:
        return None
    page, sig = chosen
    return person(doc, page, sig.person, "risk.assessor.signature")


def _signers(
    doc: DocInput, lines: Sequence[_Line], section: _Section, sections: Sequence[_Section]
) -> tuple[Signer, ...]:
    """Every clinician's signature (and blank required signature line) from the section's
    start to the start of the next assessment section of the document: who performed it and
    who co-signed or reviewed it ("Assessed by: ...", "Supervisor review: ...")."""
    first = lines[section.first]
    start = (first.page.number, first.start)
    later = [
        (lines[s.first].page.number, lines[s.first].start)
        for s in sections
        if (lines[s.first].page.number, lines[s.first].start) > start
    ]
    stop = min(later) if later else None
    out: list[Signer] = []
    seen: set[tuple[str | None, tuple[str, ...]]] = set()
    for page in doc.pages():
        text = page.text

        def inside(pos: int, n: int = page.number) -> bool:
            return (n, pos) >= start and (stop is None or (n, pos) < stop)

        for sig in find_signatures(text):
            p = sig.person
            if not inside(sig.start) or is_client_signature(text, sig):
                continue
            if (p.name, p.credentials) in seen:
                continue
            seen.add((p.name, p.credentials))
            out.append(
                Signer(
                    evidence=doc.signature_evidence(page, sig),
                    source=source("risk.signature"),
                    name=p.name,
                    credentials=p.credentials,
                    date=sig.date,
                )
            )
        for blank in find_blank_signatures(text):
            if inside(blank.start) and not blank.member:
                out.append(
                    Signer(
                        evidence=(doc.document.evidence(page.number, blank.start, blank.end),),
                        source=source("risk.blank_signature_line"),
                        role=blank.role,
                        signed=False,
                    )
                )
    return tuple(out)


def _closing_person(doc: DocInput, section_lines: Sequence[_Line]) -> Person | None:
    """A credentialed person on a line of its own among the section's last lines: the
    entry signed with a bare name and credential ("Priya Raman, LCSW")."""
    for ln in reversed(section_lines[-3:]):
        found = person_line(ln.page.text, ln.start, ln.end)
        if found is not None:
            return person(doc, ln.page, found, "risk.assessor.signature-line")
    return None


def _surname(p: Person) -> str | None:
    return p.name.split()[-1].strip(".,").lower() if p.name else None


def _assessor(doc: DocInput, lines: Sequence[_Line], section: _Section) -> Person | None:
    """Who did the assessment, from the first of: an assessor field of the section; a
    credentialed person on the line opening its log entry or on its heading line ("Risk
    assessment (Maria Lopez, LCSW)"); "administered by <name>" in it; the first signer after
    its start (or the last before it); an assessor or clinician field of the document.

    A person without credentials gives way to a later one with credentials and the same
    surname ("Assessed by: Maria Lopez" ... "Maria Lopez, LCSW")."""
    section_lines = list(_section_lines(lines, section))
    if section.heading is not None:
        # the lines under the risk heading first (a document's header above it may name
        # the assessor of the whole evaluation)
        at = next((k for k, ln in enumerate(section_lines) if ln is section.heading[0]), 0)
        section_lines = section_lines[at:] + section_lines[:at]
    own = [
        k for k in (section.opening, section.first if section.heading else None) if k is not None
    ]
    candidates = [
        _labeled_person(doc, section_lines, "risk.assessor.field"),
        *(_entry_person(doc, lines[k]) for k in dict.fromkeys(own)),
        _by_person(doc, section_lines),
        _closing_person(doc, [lines[k] for k in range(section.first, section.last + 1)]),
        _signer(doc, lines[section.first]),
        _labeled_person(doc, lines, "risk.assessor.document_field"),
    ]
    found = [p for p in candidates if p is not None]
    if not found:
        return None
    first = found[0]
    if first.credentials:
        return first
    return next((p for p in found[1:] if p.credentials and _surname(p) == _surname(first)), first)


def _section_date(
    doc: DocInput, lines: Sequence[_Line], section: _Section, notes: _NoteDates
) -> dt.date | None:
    """The date its log entry opens with, else a date field of the section, else a date on
    its heading line, else the document's."""
    if section.date is not None:
        return section.date
    for ln in _section_lines(lines, section):
        for f in field(ln.text, "document_date"):
            d = first_date(ln.text, f.start, f.end)
            if d is not None:
                return d.date
    if section.heading is not None:
        heading_date = first_date(section.heading[0].text)
        if heading_date is not None:
            return heading_date.date
    return notes.of(lines[section.first]) or doc.date


class _NoteDates:
    """The date of service of the note a line is in (a risk section inside one of a
    document's progress notes is that day's, not the document's first date); the
    document's notes are found once, when first asked."""

    def __init__(self, doc: DocInput) -> None:
        self._layout = layout_of(doc.document)
        self._notes: tuple[ServiceRecord, ...] | None = None

    def of(self, line: _Line) -> dt.date | None:
        at = self._layout.doc.offset(line.page.number, line.start)
        if at is None:
            return None
        if self._notes is None:
            self._notes = service_records(self._layout).notes
        i = self._layout.line_at(at)
        return next((n.anchor.date for n in self._notes if n.first <= i <= n.last), None)


def _clip(lines: Sequence[_Line], section: _Section, m: Mention) -> tuple[int, int]:
    """``m``'s sentence, cut to the section (a soft-wrapped sentence may run into the next
    entry of a log)."""
    start, end = m.sentence
    first, last = lines[section.first], lines[section.last]
    if first.page is m.page:
        start = max(start, first.start)
    if last.page is m.page:
        end = min(end, last.end)
    return start, end


def _assessments(doc: DocInput, mentions: Sequence[Mention]) -> list[RiskAssessment]:
    """Risk-assessment sections that reach a conclusion."""
    lines = _lines(doc)
    instruments = [m for m in mentions if m.key == _INSTRUMENT and performed(m)]
    conclusions = [m for m in mentions if m.key in _CONCLUSIONS and m.current and not m.is_question]
    # "denies SI/HI, no plan or intent": no current ideation with a plan or intent
    denials = [
        m
        for m in mentions
        if m.key in _DENIALS and m.current and m.context.negated and not m.is_question
    ]
    ideation_at = {(m.page.number, m.sentence) for m in mentions if m.key in (_SI, _HI)}
    stated_plans = [
        m
        for m in mentions
        if m.key in _DENIALS
        and m.affirmed
        and not m.is_question
        and (m.key != _PLAN or (m.page.number, m.sentence) in ideation_at)
    ]
    out: list[RiskAssessment] = []
    sections: list[_Section] = []
    for whole in _sections(doc, lines, instruments, [*conclusions, *denials]):
        # a log only when two of its entries conclude: a dated line inside one assessment
        # ("03/2019 - overdose") does not split it
        parts = _entries(lines, whole, conclusions)
        concluding = [p for p in parts if any(_within(lines, p, m) for m in conclusions)]
        sections.extend(parts if len(concluding) >= 2 else [whole])
    note_dates = _NoteDates(doc)
    for section in sections:
        concl = [m for m in conclusions if _within(lines, section, m)]
        denied = [m for m in denials if _within(lines, section, m)]
        if any(_within(lines, section, m) for m in stated_plans):
            denied = []  # a plan or intent it states: no denial concludes
        if not concl and not denied:
            continue
        inside = [m for m in instruments if _within(lines, section, m)]
        evidence: list[Evidence] = []
        if section.heading is not None:
            line, start, end = section.heading
            evidence.append(doc.evidence(line.page, start, end))
        if inside:
            evidence.append(doc.evidence(inside[0].page, inside[0].start, inside[0].end))
        # a conclusion is quoted with its sentence: its polarity is in the words around it
        evidence.extend(doc.evidence(m.page, *_clip(lines, section, m)) for m in concl)
        imminent = _imminent(concl, bool(denied))
        if imminent is False and _imminent(concl, False) is None:
            evidence.extend(doc.evidence(m.page, *_clip(lines, section, m)) for m in denied)
        date = _section_date(doc, lines, section, note_dates)
        out.append(
            RiskAssessment(
                evidence=tuple(dict.fromkeys(evidence)),
                source=source("risk.assessment." + ("instrument" if inside else "section")),
                date=date,
                assessor=_assessor(doc, lines, section),
                signers=_signers(doc, lines, section, sections),
                instrument=_instrument_name(inside[0]) if inside else None,
                imminent_danger=imminent,
                needs_24h_supervision=_needs_24h(concl),
            )
        )
    return out


def extract_risk(doc: DocInput) -> list[RiskAssessment | DangerFinding]:
    """Risk assessments that reach a conclusion, and current statements of danger."""
    mentions = _answered(doc, find_mentions(doc, _patterns()))
    return [*_assessments(doc, mentions), *_dangers(doc, mentions)]
