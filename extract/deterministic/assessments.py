"""Physical exams, substance-use assessments and standardized instruments
(``optum-idaho-iop.physical-exam``, ``substance-use-assessment``, ``standardized-assessment``).

- :class:`PhysicalExam`: a ``physical_exam`` document; a section headed "History and
  Physical" / "Physical Examination" / "Last physical exam: <date>"; or a statement that
  one was done ("Physical exam completed by PCP on 02/20/2025"). Its date is a date in the
  same sentence, else the document date for a document or section of its own, else
  unknown. Its examiner is the person a statement names ("by Dr. Sam Park", never a role
  such as "by PCP"), or for a document or section the "Examiner:" / "Performed by:" field
  or the document's signer.
- :class:`Assessment`: a "Substance Use Assessment" (or AUDIT, DAST, CAGE-AID, CRAFFT,
  ASSIST) -> ``substance_use``; ASAM dimensions -> ``asam``; the DSM-5 Cross-Cutting
  Symptom Measure -> ``dsm5_cross_cutting``; PHQ-9, GAD-7, C-SSRS, ... ->
  ``other_standardized``. One per instrument and document, or, where a total score is
  written with it ("PHQ-9: 14", "| 10/06/2025 | PHQ-9 | 14 |"), one per instrument, date
  and score: the scores over the stay.

A mention counts only when it records something done (:func:`mentions.performed`):
"Physical exam: deferred to PCP", "PHQ-9 to be administered at next visit" and "refer
for a substance use assessment" give nothing; nor does a heading whose line only plans the
exam ("Physical exam: parents to schedule with pediatrician") or dates it after the document.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Annotated

from pydantic import Field as PydanticField

from core.data import DocumentKind, Evidence, Frozen
from core.errors import ExtractionError
from core.facts import Assessment, AssessmentKind, Person, PhysicalExam
from core.yamlio import load_model
from extract.deterministic.common import DocInput, source
from extract.deterministic.entries import Entries, entries
from extract.deterministic.fields import find_fields
from extract.deterministic.mentions import (
    Mention,
    find_mentions,
    performed,
    person,
    rx,
    spaces_to,
    vocabulary,
)
from extract.layout import layout_of
from extract.layout.lines import Span
from extract.values.dates import find_dates, first_date
from extract.values.people import find_signatures, parse_person
from extract.values.scores import scores_near

ASSESSMENTS_PATH = Path(__file__).with_name("assessments.yaml")

_HEADING, _STATEMENT = "heading", "statement"


class _ScoresConfig(Frozen):
    total_labels: dict[str, Annotated[list[str], PydanticField(min_length=1)]]


@cache
def _scores_config() -> _ScoresConfig:
    cfg = load_model(ASSESSMENTS_PATH, _ScoresConfig, "score vocabulary", ExtractionError)
    unknown = sorted(set(cfg.total_labels) - set(vocabulary().assessments.score_max))
    if unknown:
        raise ExtractionError(
            f"{ASSESSMENTS_PATH.name}: total_labels name instruments without a score_max: {unknown}"
        )
    return cfg


_LINE_MARKUP = " \t#*_|-•>0123456789.)"


@cache
def _exam_patterns() -> dict[str, re.Pattern[str]]:
    vocab = vocabulary().assessments.physical_exam
    alts = "|".join(f"(?:{spaces_to(p, r'[ ]+')})" for p in vocab.headings)
    heading = re.compile(
        rf"(?:(?-i:[A-Z][A-Za-z-]*)[ ]+){{0,3}}(?:{alts})"
        r"(?=(?:\*\*|__)?[ \t]*(?:\([^)\n]{0,60}\)[ \t]*)?(?:[:|\-–—]|$))",
        re.IGNORECASE | re.MULTILINE,
    )
    return {_HEADING: heading, _STATEMENT: rx(vocab.statements)}


def _opens_sentence(m: Mention) -> bool:
    """Only markup (bullets, numbering, "#", "**") precedes the mention in its sentence."""
    return not m.page.text[m.sentence[0] : m.start].strip(_LINE_MARKUP)


def _examiner(doc: DocInput, statement: Mention | None) -> Person | None:
    """For a statement, the "by <name>" it names (a person, not a role such as "by PCP");
    for an exam document or section, its "Examiner:" field or the document's signer."""
    if statement is not None:
        text = statement.page.text
        by = re.compile(r"\s+by\s+").match(text, statement.end, statement.sentence[1])
        p = parse_person(text, by.end(), statement.sentence[1]) if by else None
        if p is not None and (p.credentials or (p.name is not None and " " in p.name)):
            return person(doc, statement.page, p, "assessments.examiner.statement")
        return None
    labels = vocabulary().assessments.physical_exam.examiner_labels
    for page in doc.pages():
        for f in find_fields(page.text, labels):
            p = parse_person(page.text, f.start, f.end)
            if p is not None:
                return person(doc, page, p, "assessments.examiner.field")
    for page in doc.pages():
        for sig in find_signatures(page.text):
            return person(doc, page, sig.person, "assessments.examiner.signature")
    return None


def _sentence_date(m: Mention) -> dt.date | None:
    d = first_date(m.page.text, m.start, m.sentence[1])
    return d.date if d is not None else None


@cache
def _not_done_anywhere() -> re.Pattern[str]:
    vocab = vocabulary().assessments
    return rx([*vocab.not_done_before, *vocab.not_done])


def _planned(doc: DocInput, m: Mention) -> bool:
    """A heading whose line only plans an exam ("Physical exam: father to schedule with PCP
    by 09/19/2025", "Physical exam: not completed; to be scheduled"), or dated after the
    document: not a documented exam."""
    text = m.page.text
    line_end = text.find("\n", m.end)
    rest = text[m.end : len(text) if line_end < 0 else line_end]
    if _not_done_anywhere().search(rest):
        return True
    date = _sentence_date(m)
    return date is not None and doc.date is not None and date > doc.date


def _physical_exams(doc: DocInput) -> list[PhysicalExam]:
    """One exam per date the document records (a document of its own counts once)."""
    own_document = doc.document.kind is DocumentKind.PHYSICAL_EXAM
    found = [
        m
        for m in find_mentions(doc, _exam_patterns())
        if performed(m) and (m.key == _STATEMENT or (_opens_sentence(m) and not _planned(doc, m)))
    ]
    statements = [m for m in found if m.key == _STATEMENT]
    by_date: dict[dt.date | None, list[Mention]] = {}
    # the words each date was read from: the statement's own date, else the document's
    dated: dict[dt.date | None, list[Evidence]] = {}
    for m in found:
        if m.key == _HEADING and any(
            s.page is m.page and s.start < m.end and m.start < s.end for s in statements
        ):
            continue  # "Physical exam: completed by PCP" is the statement, not a section
        own = own_document or m.key == _HEADING
        said = first_date(m.page.text, m.start, m.sentence[1])
        date = said.date if said is not None else (doc.date if own else None)
        by_date.setdefault(date, []).append(m)
        if said is not None:
            dated.setdefault(date, []).append(doc.evidence(m.page, said.start, said.end))
        elif date is not None:
            dated.setdefault(date, []).extend(doc.date_evidence)
    out: list[PhysicalExam] = []
    for date, ms in by_date.items():
        statement = next((m for m in ms if m.key == _STATEMENT), None)
        spans = [doc.evidence(m.page, m.start, m.end) for m in ms] + dated.get(date, [])
        out.append(
            PhysicalExam(
                date=date,
                examiner=_examiner(doc, statement),
                evidence=tuple(dict.fromkeys(spans)),
                source=source(f"assessments.physical_exam.{_STATEMENT if statement else _HEADING}"),
            )
        )
    if own_document and not out:
        title = _first_line(doc)
        if title is not None:
            out.append(
                PhysicalExam(
                    date=doc.date,
                    examiner=_examiner(doc, None),
                    evidence=tuple(dict.fromkeys((title, *doc.date_evidence))),
                    source=source("assessments.physical_exam.document"),
                )
            )
    return out


def _first_line(doc: DocInput) -> Evidence | None:
    """The first non-blank line of the document (the title of a physical exam form)."""
    for page in doc.pages():
        for m in re.finditer(r"[^\n]*\S[^\n]*", page.text):
            return doc.evidence(page, m.start(), m.end())
    return None


# --------------------------------------------------------------------------- instruments


@cache
def _instrument_patterns() -> dict[str, re.Pattern[str]]:
    """``kind|instrument`` -> regex (instrument empty for a substance-use heading)."""
    vocab = vocabulary().assessments
    out = {f"{AssessmentKind.SUBSTANCE_USE.value}|": rx(vocab.substance_use.headings)}
    groups = {
        AssessmentKind.SUBSTANCE_USE: vocab.substance_use,
        AssessmentKind.ASAM: vocab.asam,
        AssessmentKind.DSM5_CROSS_CUTTING: vocab.dsm5_cross_cutting,
        AssessmentKind.OTHER_STANDARDIZED: vocab.other_standardized,
    }
    for kind, group in groups.items():
        for name, patterns in group.instruments.items():
            out[f"{kind.value}|{name}"] = rx(patterns)
    return out


def instrument_named(text: str) -> tuple[AssessmentKind, str | None] | None:
    """The kind and the vocabulary's name of the instrument ``text`` names ("DAST-10" ->
    substance use, "DAST"; a substance-use assessment heading -> substance use, no name),
    or ``None`` when it names none the vocabulary knows."""
    patterns = _instrument_patterns()
    # a named instrument before a bare substance-use heading ("AUDIT substance use screen")
    for key in sorted(patterns, key=lambda k: k.endswith("|")):
        if patterns[key].search(text):
            kind, _, name = key.partition("|")
            return AssessmentKind(kind), name or None
    return None


def _score_date(
    doc: DocInput, m: Mention, log: Entries | None, *, dated: bool = False
) -> dt.date | None:
    """The date a score was given when none is written with it: the one date of its line
    and sentence ("| 10/06/2025 | PHQ-9 | 14 |"; not when the sentence dates other scores,
    "21 today (admission 24 on 10/20/2025)"), else the entry it is written in, else the
    document's."""
    text = m.page.text
    line_start = max(text.rfind("\n", 0, m.start) + 1, m.sentence[0])
    line_end = text.find("\n", m.end)
    line_end = len(text) if line_end < 0 else line_end
    on_line = list(find_dates(text, line_start, min(line_end, m.sentence[1])))
    if not on_line and line_end < m.sentence[1]:
        # a sentence wrapped onto the next lines: "A PCL-5 of 41 was recorded by his
        # outside therapist on" / "09/22/2025."
        on_line = list(find_dates(text, line_start, m.sentence[1]))
    if len(on_line) == 1 and not dated and not _planned_date(text, line_start, on_line[0].start):
        return on_line[0].date
    if not on_line and not dated and (d := _label_date(text, m.start, line_start)) is not None:
        return d
    if log is not None and (d := log.date_at(m.page.number, m.start)) is not None:
        return d
    return doc.date


def _label_date(text: str, at: int, sentence_start: int) -> dt.date | None:
    """The one date of the label that heads the line of a score written in a later
    sentence of that line ("GAD-7 14" of "Baseline (intake 02/16/2026): PHQ-9 21; GAD-7
    14"): the label dates every score its value lists."""
    start = text.rfind("\n", 0, at) + 1
    colon = text.find(":", start, sentence_start)
    if colon == -1:
        return None
    dates = list(find_dates(text, start, colon))
    if len(dates) != 1 or _planned_date(text, start, dates[0].start):
        return None
    return dates[0].date


def _planned_date(text: str, line_start: int, date_start: int) -> bool:
    """A date the few words before which plan or bound something ("repeat on 04/15/2026",
    "due 12/01/2025", "by discharge on ..."; ``score_not_after``): not when a score was
    given."""
    words = re.findall(r"[A-Za-z]+", text[max(line_start, date_start - 30) : date_start])
    not_after = {w.lower() for w in vocabulary().assessments.score_not_after}
    return any(w.lower() in not_after for w in words[-3:])


#: A table cell that is a score: a number, perhaps out of a maximum ("14", "14/27",
#: "14 (moderate)"), never the start of a date ("10/27/2025") or a number with a unit.
_SCORE_CELL = re.compile(
    r"\**[ \t]*(?P<value>\d{1,3}(?:\.\d)?)(?![\d.]*\d)(?![ \t]*[/.-][ \t]*\d{1,2}[/.-]\d)"
    r"(?:[ \t]*(?:/|out[ ]of)[ \t]*(?P<max>\d{1,3})(?![\d/.-]))?\**[ \t]*(?:\(|[-–—,;]|$)"
)

_Read = tuple[str, dt.date | None, float, Evidence, Evidence]


def _cell_score(text: str, span: Span, maximum: int | None) -> tuple[float, int, int] | None:
    m = _SCORE_CELL.match(text, span.start, span.end)
    if m is None or (m.end() < span.end and text[m.end() - 1 : m.end()] not in "(-–—,;"):
        return None
    value = float(m["value"])
    stated = int(m["max"]) if m["max"] else None
    if (maximum is not None and value > maximum) or (
        stated is not None and (value > stated or (maximum is not None and stated != maximum))
    ):
        return None
    return value, m.start("value"), m.end("max") if m["max"] else m.end("value")


def _instrument_in(text: str) -> str | None:
    """The key of the instrument a cell names, or ``None``."""
    for key, pattern in _instrument_patterns().items():
        if key.partition("|")[2] and pattern.search(text):
            return key
    return None


def _total_label_patterns(doc: DocInput) -> dict[str, re.Pattern[str]]:
    """``kind|instrument`` -> the labels of its total (``assessments.yaml``), for each
    instrument the document names (by the assessments' or the risk instruments' names:
    "Columbia Protocol" is the C-SSRS)."""
    out: dict[str, re.Pattern[str]] = {}
    patterns = _instrument_patterns()
    texts = [page.text for page in doc.pages()]
    for name, labels in _scores_config().total_labels.items():
        key = next((k for k in patterns if k.partition("|")[2] == name), None)
        if key is None:
            continue
        names = [patterns[key]]
        if name in vocabulary().risk.instruments:
            names.append(rx(vocabulary().risk.instruments[name]))
        if any(n.search(t) for n in names for t in texts):
            out[key] = rx(labels)
    return out


def _table_scores(doc: DocInput) -> tuple[list[_Read], set[tuple[int, int]]]:
    """Scores read from tables of the layout: a row that names an instrument under columns
    headed by dates (one score per date: "PHQ-9 | 19 | 18 | 14" under "Instrument |
    10/13/2025 | ..."), a column headed by an instrument in a dated row ("10/13/2025 | 19"
    under "Date | PHQ-9"), or a row that names an instrument with one score cell (dated by
    a date cell of the row, else the document). Also the (page, line start) of each row
    read, which the reader of mentions then leaves alone."""
    score_max = vocabulary().assessments.score_max
    layout = layout_of(doc.document)
    text = layout.text
    reads: list[_Read] = []
    rows_read: set[tuple[int, int]] = set()

    def cell_text(cell: tuple[Span, ...]) -> str:
        return " ".join(text[s.start : s.end] for s in cell)

    def ev(start: int, end: int) -> Evidence | None:
        return layout.evidence(start, end)

    patterns = [p for key, p in _instrument_patterns().items() if key.partition("|")[2]]
    for table in layout.tables:
        written = text[layout.lines[table.first_line].start : layout.lines[table.last_line].end]
        if not any(p.search(written) for p in patterns):
            continue  # no instrument named in it: its cells are not searched one by one
        head: tuple[tuple[Span, ...], ...] = tuple(
            (s,) if s is not None else () for s in (table.header or ())
        )
        body = list(table.rows)
        if not head and body and _dates_head(text, body[0].cells):
            head, body = body[0].cells, body[1:]
        col_dates = {
            i: d for i, c in enumerate(head) if c and (d := _whole_date(text, c[0])) is not None
        }
        col_instruments = {
            i: k for i, c in enumerate(head) if c and (k := _instrument_in(cell_text(c)))
        }
        for row in body:
            cells = row.cells
            named = [
                (i, k) for i, c in enumerate(cells) if c and (k := _instrument_in(cell_text(c)))
            ]
            dated = [d for c in cells if c and (d := _whole_date(text, c[0])) is not None]
            got: list[tuple[str, dt.date | None, int]] = []  # key, date, column
            own: dict[int, dt.date] = {}
            if named and col_dates:
                got = [(named[0][1], col_dates[i], i) for i in col_dates if i < len(cells)]
            elif col_instruments and dated:
                got = [(k, dated[0], i) for i, k in col_instruments.items() if i < len(cells)]
            elif len(named) == 1:
                # its score is in a cell to the right of the instrument's (never a row's
                # number on its left); scores each dated in their cells ("21 (01/12/2026)
                # | 12 (01/26/2026)" under "At admission | Most recent"): every one
                own = _own_dated_cells(text, cells, named[0][0], named[0][1], score_max)
                got = [(named[0][1], d, i) for i, d in own.items()] or [
                    (named[0][1], dated[0] if dated else doc.date, i)
                    for i in range(named[0][0] + 1, len(cells))
                ]
            read_any, own_dated = False, bool(own)
            for key, when, i in got:
                if not cells[i]:
                    continue
                instrument = key.partition("|")[2]
                score = _cell_score(text, cells[i][0], score_max.get(instrument))
                if score is None:
                    continue
                value, start, end = score
                name_span = (
                    cells[named[0][0]][0]
                    if named
                    else head[next(j for j, k in col_instruments.items() if k == key)][0]
                )
                said, words = ev(name_span.start, name_span.end), ev(start, end)
                if said is None or words is None:
                    continue
                reads.append((key, when, value, said, words))
                read_any = True
                if named and not col_dates and not own_dated:
                    break  # one score cell a row
            for line in row.lines if read_any else ():
                at = layout.lines[line]
                place = layout.evidence(at.start, max(at.end, at.start + 1), trim=False)
                if place is not None:
                    rows_read.add((place.page, place.start))
    return reads, rows_read


def _own_dated_cells(
    text: str,
    cells: tuple[tuple[Span, ...], ...],
    name_at: int,
    key: str,
    score_max: dict[str, int],
) -> dict[int, dt.date]:
    """The cells right of an instrument's that each hold a score and its one date ("21
    (01/12/2026)"), by column; none unless every score cell there is so dated and no
    date stands in a cell of its own."""
    maximum = score_max.get(key.partition("|")[2])
    out: dict[int, dt.date] = {}
    for i in range(name_at + 1, len(cells)):
        if not cells[i]:
            continue
        span = Span(cells[i][0].start, cells[i][-1].end)  # "12 (01/26/2026)": one cell
        date = _whole_date(text, span)
        if _cell_score(text, span, maximum) is None:
            if date is not None:
                return {}  # a date cell: the row's date
            continue
        if date is None:
            return {}
        out[i] = date
    return out


def _dates_head(text: str, cells: tuple[tuple[Span, ...], ...]) -> bool:
    """A first row that heads columns of dates: past its first cell (no date, no
    instrument), dates and words without a number ("Instrument   10/13/2025   10/20/2025
    Target")."""
    if len(cells) < 2 or not cells[0] or _whole_date(text, cells[0][0]) is not None:
        return False
    if _instrument_in(" ".join(text[s.start : s.end] for s in cells[0])):
        return False
    dates = 0
    for c in cells[1:]:
        if not c:
            return False
        if _whole_date(text, c[0]) is not None:
            dates += 1
        elif any(ch.isdigit() for s in c for ch in text[s.start : s.end]):
            return False
    return dates > 0 and dates >= len(cells) - 1 - dates


def _whole_date(text: str, span: Span) -> dt.date | None:
    """The date a short cell gives ("10/13/2025", "Admission (02/09/2026)"): its one date."""
    if span.end - span.start > 40:
        return None
    found = list(find_dates(text, span.start, span.end))
    return found[0].date if len(found) == 1 else None


def _assessments(doc: DocInput) -> Iterator[Assessment]:
    """One fact per instrument, date and score written; an instrument named without a
    score: one fact per instrument (if no score of it was read)."""
    score_max = vocabulary().assessments.score_max
    not_after = frozenset(w.lower() for w in vocabulary().assessments.score_not_after)
    # in document order: (instrument key, date, score) of a score, (key, None, None) of a
    # mention without one
    found: dict[tuple[str, dt.date | None, float | None], list[Evidence]] = {}
    tabled, rows_read = _table_scores(doc)
    for key, when, points, said, words in tabled:
        found.setdefault((key, when, points), []).extend((said, words))
    log: Entries | None = None
    labeled = [m for m in find_mentions(doc, _total_label_patterns(doc)) if _opens_sentence(m)]
    for m in [*find_mentions(doc, _instrument_patterns()), *labeled]:
        # an earlier score written with its own date is a score of the stay ("Prior GAD-7
        # on 11/26/2025: 15"); a hypothetical one never is
        past = m.context.historical and not m.context.hypothetical
        if not performed(m) and not (
            past and performed(replace(m, context=replace(m.context, historical=False)))
        ):
            continue
        line_start = m.page.text.rfind("\n", 0, m.start) + 1
        if (m.page.number, line_start) in rows_read:
            continue  # a table row read above
        instrument = m.key.partition("|")[2]
        read = (
            scores_near(
                m.page.text, m.start, m.end, score_max[instrument], not_after, m.sentence[1]
            )
            if instrument in score_max
            else []
        )
        if not performed(m) and (not read or any(r.date is None for r in read)):
            continue  # in the past, and not dated with its score
        mention = doc.evidence(m.page, m.start, m.end)
        if not read and m in labeled:
            continue  # a label without a score is no mention of the instrument
        if not read:
            found.setdefault((m.key, None, None), []).append(mention)
            continue
        if log is None:
            log = entries(doc)
        for one in read:
            when = one.date or _score_date(doc, m, log, dated=any(r.date for r in read))
            value = doc.evidence(m.page, one.start, one.end)
            found.setdefault((m.key, when, one.value), []).extend((mention, value))
    have_scores = {key for key, _, score in found if score is not None}
    for (key, date, score), evidence in found.items():
        if score is None and key in have_scores:
            continue
        kind, _, instrument = key.partition("|")
        yield Assessment(
            kind=AssessmentKind(kind),
            instrument=instrument or None,
            date=doc.date if score is None else date,
            score=score,
            evidence=tuple(dict.fromkeys(evidence)),
            source=source(f"assessments.{kind}" + ("" if score is None else ".score")),
        )


def extract_assessments(doc: DocInput) -> list[PhysicalExam | Assessment]:
    """Physical exams and substance-use / standardized assessments the document records."""
    return [*_physical_exams(doc), *_assessments(doc)]
