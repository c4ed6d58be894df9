"""Document dates, admission/discharge dates and diagnoses."""

from __future__ import annotations

import re
from functools import cache
from typing import Literal

from core.data import DocumentKind, Page
from core.facts import Diagnosis, DocumentDate, EpisodeDate, EpisodeDateKind
from extract.deterministic.common import DocInput, source
from extract.deterministic.context import assess
from extract.deterministic.fields import Field, field
from extract.deterministic.mentions import cue_text, may_match
from extract.deterministic.sections import find_sections
from extract.layout import Splitter, layout_of
from extract.layout.fields import label_key
from extract.records.tables import episode_cells
from extract.values.dates import DateSpan, first_date
from extract.values.people import find_signatures, line_bounds, parse_person
from extract.vocab.lexicon import lexicon

_HEADER_LINES = 15
_SERVICE_KINDS = {DocumentKind.PROGRESS_NOTE}


def _field_date(text: str, name: str, end: int) -> DateSpan | None:
    """The first date in a ``name`` field of ``text[:end]`` (``end``: where a line begins,
    or the text's end). The fields of the whole text are read (once for every module),
    those past ``end`` skipped: a field inside ``text[:end]`` is one of ``text`` too."""
    for f in field(text, name):
        if f.end > end or _tail_of_longer_label(text, f):
            continue
        d = first_date(text, f.start, f.end)
        if d is not None:
            return d
    return None


def _tail_of_longer_label(text: str, f: Field) -> bool:
    """A field whose label only ends with the one looked for ("Date" of "Current auth end
    date:", another date than the document's)."""
    written = re.split(r"[:|\t]|\.{2,}", text[f.label_start : f.start], maxsplit=1)[0]
    return label_key(written) != label_key(f.label)


def _alone_on_a_line(text: str, header: int) -> DateSpan | None:
    """A date written on a header line of its own (a letter's date: "November 30, 2025")."""
    pos = 0
    while pos < header:
        nxt = text.find("\n", pos)
        nxt = len(text) if nxt < 0 else nxt
        line = text[pos:nxt]
        d = first_date(text, pos, nxt)
        if d is not None and line.strip() == text[d.start : d.end]:
            return d
        pos = nxt + 1
    return None


_LABEL_WORDS = re.compile(r"(?:\*\*)?(?P<label>[A-Za-z][A-Za-z /#().']{0,40}?)(?:\*\*)?[ \t]+")


def _header_cell_date(doc: DocInput) -> DocumentDate | None:
    """A header cell, set apart by its line's gaps or bars, that is a date-of-service or
    document-date label, a blank and a date, all of it ("INDIVIDUAL THERAPY NOTE    Ann
    Lee    DOS 01/16/2026    50 min", "Service date 01/25/2026"): that date."""
    layout = layout_of(doc.document)
    labels = lexicon().labels
    service = {label_key(x) for x in labels.date_of_service}
    written = {label_key(x) for x in labels.document_date}
    text = layout.text
    for line in layout.lines[:_HEADER_LINES]:
        if not line.is_text or line.splitter is Splitter.NONE:
            continue
        for cell in line.cells:
            d = first_date(text, cell.start, cell.end)
            if d is None or text[d.end : cell.end].strip(" \t*_|"):
                continue
            m = _LABEL_WORDS.fullmatch(text, cell.start, d.start)
            key = label_key(m.group("label")) if m is not None else ""
            basis: Literal["service", "written"] | None = (
                "service" if key in service else "written" if key in written else None
            )
            ev = layout.evidence(d.start, d.end)
            if basis is not None and ev is not None:
                return DocumentDate(
                    evidence=(ev,),
                    source=source(f"document_date.{basis}_cell"),
                    date=d.date,
                    basis=basis,
                )
    return None


_SIGN_OFF_LINES = 3  # the last lines of a page a sign-off is looked for on
_ROLE = re.compile(r"[ \t]*(?:[A-Za-z][A-Za-z'/-]*[ \t]+){0,3}[A-Za-z][A-Za-z'/-]*[ \t]*:[ \t]*")


def _sign_off(text: str) -> DateSpan | None:
    """The date of a sign-off among a page's last lines: a credentialed person, after a
    role's label or none, then a date and nothing else ("Discharging clinician: Victor
    Kettering, LMFT    03/10/2026", "Fatima Thibodeaux, L.C.S.W.  01/16/2026"); the last
    such line's."""
    lines = [ln for ln in _line_spans(text) if text[ln[0] : ln[1]].strip()][-_SIGN_OFF_LINES:]
    for start, end in reversed(lines):
        role = _ROLE.match(text, start, end)
        if role is not None and _role_word(text[role.start() : role.end()]) not in _staff_words():
            continue  # "Next appointment: Ann Lee, MD 04/02/2026" is no one's sign-off
        person = parse_person(text, role.end() if role else start, end)
        if person is None or person.name is None or not person.credentials:
            continue
        d = first_date(text, person.end, end)
        if d is None or text[person.end : d.start].strip(" \t,;-–—|") or text[d.end : end].strip():
            continue
        return d
    return None


def _role_word(label: str) -> str:
    words = label_key(label.rstrip(" \t:")).split()
    return words[-1] if words else ""


@cache
def _staff_words() -> frozenset[str]:
    """What the staff who write a document are called: the last words of the lexicon's
    facilitator labels ("clinician" of "Discharging clinician:", "therapist", "by")."""
    return frozenset(_role_word(label) for label in lexicon().labels.facilitator)


def _line_spans(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _header_end(text: str) -> int:
    pos = 0
    for _ in range(_HEADER_LINES):
        nxt = text.find("\n", pos)
        if nxt == -1:
            return len(text)
        pos = nxt + 1
    return pos


def _header_table_date(doc: DocInput) -> DocumentDate | None:
    """A document-date column of a one-row table in the header ("| Client | DOB | Plan date
    |" over the plan's one row): the date in its cell."""
    layout = layout_of(doc.document)
    wanted = {label_key(label) for label in lexicon().labels.document_date}
    for table in layout.tables:
        if table.first_line >= _HEADER_LINES or len(table.rows) != 1 or not table.header:
            continue
        cells = table.rows[0].cells
        for i, head in enumerate(table.header):
            if head is None or i >= len(cells) or not cells[i]:
                continue
            if label_key(layout.text[head.start : head.end]) not in wanted:
                continue
            cell = cells[i][0]
            d = first_date(layout.text, cell.start, cell.end)
            ev = layout.evidence(d.start, d.end) if d is not None else None
            if d is not None and ev is not None:
                return DocumentDate(
                    evidence=(ev,),
                    source=source("document_date.header_table"),
                    date=d.date,
                    basis="written",
                )
    return None


def find_document_date(doc: DocInput) -> DocumentDate | None:
    """The date the document records a service on, or was written or signed on.

    Order: a date-of-service field (notes), a document-date field in the header (never the
    tail of a longer label: "Current auth end date") or a document-date column of a
    one-row table there, a signature date, a header line that
    is only a date (a letter's date line). Dates merely mentioned (targets, follow-ups,
    DOB) are never taken."""
    for page in doc.pages():
        text = page.text
        header = _header_end(text)
        found: tuple[DateSpan, Literal["service", "written", "signed"], str] | None = None
        if doc.document.kind in _SERVICE_KINDS and (
            d := _field_date(text, "date_of_service", header)
        ):
            found = (d, "service", "document_date.service_field")
        elif d := _field_date(text, "document_date", header):
            found = (d, "written", "document_date.header_field")
        elif page.number == 1 and (tabled := _header_table_date(doc)) is not None:
            return tabled
        elif d := _field_date(text, "date_of_service", header):
            found = (d, "service", "document_date.service_field")
        elif page.number == 1 and (celled := _header_cell_date(doc)) is not None:
            return celled
        else:
            sigs = [s for s in find_signatures(text) if s.date is not None]
            if sigs:
                s = sigs[0]
                d = first_date(text, s.person.end, s.end)
                if d is not None:
                    found = (d, "signed", "document_date.signature")
            if found is None and (d := _alone_on_a_line(text, header)) is not None:
                found = (d, "written", "document_date.dateline")
            if found is None and (d := _sign_off(text)) is not None:
                found = (d, "signed", "document_date.sign_off")
        if found:
            d, basis, pattern = found
            return DocumentDate(
                evidence=(doc.evidence(page, d.start, d.end),),
                source=source(pattern),
                date=d.date,
                basis=basis,
            )
    return None


_ADMIT_NARRATIVE = re.compile(
    r"(?i)\b(?:admitted|admission)\s+"
    r"(?:to\s+(?:the\s+)?(?:IOP|intensive outpatient(?: program)?)\s+)?on\s+"
)
_DISCHARGE_NARRATIVE = re.compile(
    r"(?i)\b(?:discharged|discharge)\s+"
    r"(?:from\s+(?:the\s+)?(?:IOP|intensive outpatient(?: program)?)\s+)?on\s+"
)


def extract_episode_dates(doc: DocInput) -> list[EpisodeDate]:
    out: list[EpisodeDate] = []
    for page in doc.pages():
        text = page.text
        low = cue_text(text)
        for kind, label, narrative in (
            (EpisodeDateKind.ADMISSION, "admission_date", _ADMIT_NARRATIVE),
            (EpisodeDateKind.DISCHARGE, "discharge_date", _DISCHARGE_NARRATIVE),
        ):
            seen: set[tuple[int, int]] = set()
            for f in field(text, label):
                d = first_date(text, f.start, f.end)
                if d is not None and (d.start, d.end) not in seen:
                    seen.add((d.start, d.end))
                    out.append(
                        EpisodeDate(
                            evidence=(doc.evidence(page, f.label_start, d.end),),
                            source=source(f"episode.{label}_field"),
                            kind=kind,
                            date=d.date,
                        )
                    )
            for m in narrative.finditer(text) if may_match(low, narrative) else ():
                d = first_date(text, m.end(), min(len(text), m.end() + 20))
                if d is None or d.start != m.end() or (d.start, d.end) in seen:
                    continue
                if _is_planned(text, m.start()) or (doc.date is not None and d.date > doc.date):
                    continue  # anticipated, or stated before it happened: not a fact yet
                seen.add((d.start, d.end))
                out.append(
                    EpisodeDate(
                        evidence=(doc.evidence(page, m.start(), d.end),),
                        source=source(f"episode.{label}_narrative"),
                        kind=kind,
                        date=d.date,
                    )
                )
    # the member's row of a table with an admission or discharge column (a roster's
    # "ADMIT", an episode table's "admit_dt")
    layout = layout_of(doc.document)
    kinds = {
        "admission_date": EpisodeDateKind.ADMISSION,
        "discharge_date": EpisodeDateKind.DISCHARGE,
    }
    for group, d in episode_cells(layout):
        evidence = layout.evidence(d.start, d.end)
        if evidence is not None:
            out.append(
                EpisodeDate(
                    evidence=(evidence,),
                    source=source(f"episode.{group}_column"),
                    kind=kinds[group],
                    date=d.date,
                )
            )
    return out


def _is_planned(text: str, pos: int) -> bool:
    """A discharge that is anticipated, not done ("anticipated discharge on ...")."""
    s, _ = line_bounds(text, pos)
    return bool(re.search(r"(?i)anticipat|expect|plan(?:ned)?|target|estimated", text[s:pos]))


# ICD-10-CM: letter, two digits, optional dot and up to 4 more characters.
ICD10 = re.compile(r"(?<![A-Za-z0-9.])([A-TV-Z]\d{2}(?:\.[0-9A-Z]{1,4})?)(?![A-Za-z0-9])")
_DX_SECTION = re.compile(r"(?i)\bdiagnos[ie]s\b|\bdx\b|\bimpression|\baxis i\b|icd-?10|dsm-?5")
# A section listing diagnoses, whose lines may name a diagnosis without a code.
_DX_LIST_SECTION = re.compile(r"(?i)\bdiagnos[ie]s\b|\bdx\b|\baxis i\b|\bdsm-?5\b")
_DX_NAME_WORDS = re.compile(r"(?i)disorder|schizo|depress|bipolar|ptsd|anxiety")
# A list line: optional bullet or number, then the diagnosis as written, capitalized (a line
# starting in lower case wraps the line above: "F41.1 Generalized\nanxiety disorder.").
_DX_LIST_LINE = re.compile(r"[ \t]*(?:[-*•][ \t]+|\d{1,2}[.)][ \t]+)?(?P<name>[A-Z][^\n]*?)[ \t]*$")
_DX_LIST_LINE_MAX = 100
_LINE = re.compile(r"[^\n]+")
_NAME_AFTER = re.compile(r"[ \t]*(?:[-–:]\s*)?([A-Z][A-Za-z ,'()/\-]{3,120})")
_NAME_BEFORE = re.compile(r"([A-Z][A-Za-z ,'/\-]{3,120}?)\s*[\(\[]\s*$")


def _dx_name(text: str, code_start: int, code_end: int) -> tuple[int, int] | None:
    ls, le = line_bounds(text, code_start)
    after = _NAME_AFTER.match(text, code_end, le)
    if after:
        s, e = after.span(1)
        stop = re.search(r"\s*(?:[\(\[]|\s{2,}|;|\|)", text[s:e])
        e = s + stop.start() if stop else e
        name = text[s:e].rstrip(" ,-")
        if len(name) >= 4:
            return s, s + len(name)
    before = _NAME_BEFORE.search(text, ls, code_start)
    if before:
        return before.span(1)
    return None


def extract_diagnoses(doc: DocInput) -> list[Diagnosis]:
    """ICD-10 codes (in a diagnosis field or section, or any F-code with a decimal) with the
    name written beside them; named diagnoses without a code in a diagnosis field or on the
    lines of a diagnosis list section."""
    out: list[Diagnosis] = []
    for page in doc.pages():
        text = page.text
        zones: list[tuple[int, int]] = [(f.start, f.end) for f in field(text, "diagnosis")]
        zones += [(s.body_start, s.body_end) for s in find_sections(text, _DX_SECTION)]
        seen: set[int] = set()
        for m in ICD10.finditer(text):
            code = m.group(1)
            in_zone = any(s <= m.start() < e for s, e in zones)
            if not in_zone and not (code.startswith("F") and "." in code):
                continue
            if not _affirmed(text, m.start(), m.end()):
                continue
            seen.add(m.start())
            name_span = _dx_name(text, m.start(), m.end())
            spans = [(m.start(), m.end())] + ([name_span] if name_span else [])
            out.append(
                Diagnosis(
                    evidence=tuple(doc.evidence(page, s, e) for s, e in spans),
                    source=source("diagnosis.icd10_code"),
                    code=code,
                    name=text[name_span[0] : name_span[1]] if name_span else None,
                )
            )
        for f in field(text, "diagnosis"):
            if any(f.start <= p < f.end for p in seen) or ICD10.search(f.value):
                continue
            value = f.value.strip()
            if len(value) < 4 or not _DX_NAME_WORDS.search(value):
                continue
            if not _affirmed(text, f.start, f.end):
                continue
            out.append(
                Diagnosis(
                    evidence=(doc.evidence(page, f.start, f.end),),
                    source=source("diagnosis.named_field"),
                    name=f.value,
                )
            )
        out.extend(_listed_names(doc, page))
    return out


def _listed_names(doc: DocInput, page: Page) -> list[Diagnosis]:
    """Diagnoses named without a code on the lines of a diagnosis list section
    ("DIAGNOSES" / "- Major depressive disorder, recurrent, severe"): a short line that is
    not a labeled field ("Rule out: ..."), holds no code and no sentence, and names a
    disorder."""
    text = page.text
    out: list[Diagnosis] = []
    for sec in find_sections(text, _DX_LIST_SECTION):
        for line in _LINE.finditer(text, sec.body_start, sec.body_end):
            m = _DX_LIST_LINE.match(text, line.start(), line.end())
            if m is None:
                continue
            s, e = m.span("name")
            name = text[s:e]
            word = _DX_NAME_WORDS.search(text, s, e)
            if (
                word is None
                or e - s > _DX_LIST_LINE_MAX
                or ICD10.search(name)
                or ":" in name
                or re.search(r"[.!?]\s+\S", name)
                or not _affirmed(text, word.start(), word.end())  # "Rule out bipolar disorder"
            ):
                continue
            name = name.rstrip(" .;,")
            out.append(
                Diagnosis(
                    evidence=(doc.evidence(page, s, s + len(name)),),
                    source=source("diagnosis.named_list_line"),
                    name=name,
                )
            )
    return out


def _affirmed(text: str, start: int, end: int) -> bool:
    """False for "rule out F31.9", "r/o bipolar", "no diagnosis of ..."."""
    ls, le = line_bounds(text, start)
    if re.search(r"(?i)\br/o\b|\brule\s*out\b|\bruled out\b", text[ls:start]):
        return False
    [ctx] = assess(text[ls:le], [(start - ls, end - ls)])
    return not ctx.negated
