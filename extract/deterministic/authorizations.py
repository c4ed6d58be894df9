"""Authorization periods and continuing-service requests
(``optum-idaho-iop.authorization-timing``), with exact spans. Vocabulary:
``authorizations.yaml`` beside this module.

- :class:`AuthorizationPeriod`: a line with an authorization label and a period,
  "Authorization period: 03/03/2025 to 04/01/2025", "Authorized 3/3/25 - 4/1/25". The span
  runs from the label to the end of the last date.
- :class:`ContinuingServiceRequest`: a line naming a continuing-service request and a
  submission cue with a date, "Continuing Service Request submitted: 03/18/2025". When the
  same document states when the current authorization expires ("Current authorization
  expires: 04/01/2025"), that date and its span are added. One request per document and
  submission date. A line about a request not yet made ("will submit", "not yet
  submitted", "due by") gives nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Annotated

from pydantic import Field

from core.data import Evidence, Frozen, Page
from core.errors import ExtractionError
from core.facts import AuthorizationPeriod, ContinuingServiceRequest
from core.yamlio import load_model
from extract.deterministic.common import DocInput, source
from extract.deterministic.mentions import cue_text, may_match
from extract.layout import layout_of
from extract.layout.fields import label_key
from extract.values.dates import DateSpan, find_dates

VOCABULARY_PATH = Path(__file__).with_name("authorizations.yaml")
NonEmpty = Annotated[list[str], Field(min_length=1)]


class Vocabulary(Frozen):
    authorization_labels: NonEmpty
    period_connectors: NonEmpty
    request_labels: NonEmpty
    submitted_cues: NonEmpty
    expiry_labels: NonEmpty
    not_done: NonEmpty
    approval_labels: NonEmpty
    start_labels: NonEmpty
    end_labels: NonEmpty
    end_phrases: NonEmpty
    authorization_documents: NonEmpty
    between_openers: NonEmpty
    between_connectors: NonEmpty
    earlier_qualifiers: NonEmpty
    not_granted: NonEmpty
    denied_values: NonEmpty
    status_labels: NonEmpty
    approved_after: NonEmpty


@cache
def vocabulary(path: Path = VOCABULARY_PATH) -> Vocabulary:
    return load_model(path, Vocabulary, "authorization vocabulary", ExtractionError)


def _alternatives(phrases: list[str], escape: bool = False) -> str:
    parts = sorted(phrases, key=len, reverse=True)
    if escape:
        return "|".join(re.escape(p) for p in parts)
    return "|".join(p.replace(" ", r"[ \t]+") for p in parts)


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    v = vocabulary()

    def word(phrases: list[str]) -> re.Pattern[str]:
        return re.compile(rf"(?<![A-Za-z])(?:{_alternatives(phrases)})(?![A-Za-z])", re.I)

    def joined(phrases: list[str]) -> str:
        return "|".join(
            r"\s+".join(map(re.escape, c.split())) for c in sorted(phrases, key=len)[::-1]
        )

    return {
        "authorization": word(v.authorization_labels),
        # between the two days of a period, maybe wrapped onto the next line
        "connector": re.compile(rf"^\s*(?:{joined(v.period_connectors)})\s*$", re.I),
        "between": re.compile(rf"(?<![A-Za-z])(?:{joined(v.between_openers)})\s*$", re.I),
        "and": re.compile(rf"^\s*(?:{joined(v.between_connectors)})\s*$", re.I),
        # "previous authorization", "earlier auth": a word or two before the label
        "earlier": re.compile(
            rf"(?<![A-Za-z])(?:{_alternatives(v.earlier_qualifiers)})(?:\s+[A-Za-z-]+)?\s*$", re.I
        ),
        "not_granted": word(v.not_granted),
        # after a period on its line: "(partially approved)", "- APPROVED"
        "approved_after": re.compile(
            rf"[ \t]*[(\[\-–—:,]?[ \t]*(?:{_alternatives(v.approved_after)})(?![A-Za-z])", re.I
        ),
        "request": word(v.request_labels),
        "submitted": word(v.submitted_cues),
        "expiry": word(v.expiry_labels),
        "not_done": word(v.not_done),
        "approval": word(v.approval_labels),
        "end_phrase": word(v.end_phrases),
        "decision": word(v.authorization_documents),
    }


@dataclass(frozen=True)
class _Line:
    page: Page
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.page.text[self.start : self.end]


_LINE = re.compile(r"[^\n]+")


def _page_lines(page: Page) -> Iterator[_Line]:
    for m in _LINE.finditer(page.text):
        yield _Line(page, m.start(), m.end())


def _about_authorization(doc: DocInput) -> bool:
    """The document names an authorization (a letter, form or table about one), or is a
    payer's decision ("Concurrent review determination")."""
    p = _patterns()
    return any(
        p["authorization"].search(page.text) or p["decision"].search(page.text)
        for page in doc.pages()
    )


def _sentence_end(text: str, end: int) -> int:
    """The end of the sentence a line ends, over the next line when the line wraps
    ("... for dates of service 01-19-2026 -" / "02-08-2026.")."""
    if text[:end].rstrip().endswith((".", "!", "?", ":", ";")):
        return end
    if next(find_dates(text, text.rfind("\n", 0, end) + 1, end), None) is None:
        return end  # a wrapped period has begun with its first day on this line
    nxt = text.find("\n", end + 1)
    follow = text[end + 1 : len(text) if nxt == -1 else nxt]
    return end + 1 + len(follow) if follow.strip() else end


def _period_in(text: str, start: int, end: int) -> tuple[DateSpan, DateSpan] | None:
    """The first period in ``text[start:end]``: two days joined by a connector ("to",
    "through", "-"; "and" after "between"), the first not after the last."""
    p = _patterns()
    dates = list(find_dates(text, start, end))
    for first, last in pairwise(dates):
        gap = text[first.end : last.start]
        joined = p["connector"].match(gap) or (
            p["and"].match(gap) and p["between"].search(text, start, first.start)
        )
        if joined and first.date <= last.date:
            return first, last
    return None


def _periods(doc: DocInput, about: bool) -> Iterator[AuthorizationPeriod]:
    p = _patterns()
    labels = [p["authorization"], *([p["approval"]] if about else [])]
    # a page without the authorization label's cues has no period: its lines are not read
    pages = (
        page
        for page in doc.pages()
        if any(may_match(cue_text(page.text), label) for label in labels)
    )
    for line in (line for page in pages for line in _page_lines(page)):
        text = line.page.text
        if p["request"].search(text, line.start, line.end) or p["expiry"].search(
            text, line.start, line.end
        ):
            continue
        found = [m for pat in labels if (m := pat.search(text, line.start, line.end))]
        label = min(found, key=lambda m: m.start(), default=None)
        end = _sentence_end(text, line.end)
        period = _period_in(text, label.end(), end) if label is not None else None
        if label is not None and period is not None:
            first, last = period
            # an earlier authorization named in passing ("Your previous authorization ran
            # ..."; the qualifier may end the line above), or a period asked for or turned
            # down ("Approval requested for ..."), is not one this document grants; the
            # period is the nearest label's before it
            owner = max(
                (
                    m.start()
                    for pat in labels
                    for m in pat.finditer(text, label.start(), first.start)
                ),
                default=label.start(),
            )
            before = text[max(0, owner - 40) : owner]
            if p["earlier"].search(before) or p["not_granted"].search(
                text, line.start, max(line.end, last.end)
            ):
                continue
            yield AuthorizationPeriod(
                start=first.date,
                end=last.date,
                evidence=(doc.evidence(line.page, owner, last.end),),
                source=source("authorizations.period"),
            )
            continue
        if not about:
            continue
        # a period its line says was granted after it ("Decision period:    02/09/2026 -
        # 02/22/2026  (partially approved)"), on a line that asks for or denies nothing
        period = _period_in(text, line.start, line.end)
        if period is None or p["not_granted"].search(text, line.start, line.end):
            continue
        first, last = period
        granted = p["approved_after"].match(text, last.end, line.end)
        if granted is None:
            continue
        yield AuthorizationPeriod(
            start=first.date,
            end=last.date,
            evidence=(doc.evidence(line.page, first.start, granted.end()),),
            source=source("authorizations.period"),
        )


def _cue_date(doc: DocInput, line: _Line, cue: re.Pattern[str]) -> tuple[dt.date, Evidence] | None:
    """The first date after ``cue`` on ``line``, with the span from the line's start of the
    label to the date."""
    text = line.page.text
    m = cue.search(text, line.start, line.end)
    if m is None:
        return None
    date = next(find_dates(text, m.end(), line.end), None)
    if date is None:
        return None
    return date.date, doc.evidence(line.page, line.start, date.end)


def _requests(doc: DocInput) -> list[ContinuingServiceRequest]:
    p = _patterns()
    submitted: dict[dt.date, Evidence] = {}
    expiries: dict[dt.date, Evidence] = {}
    in_request = False
    for page in doc.pages():
        # a page that can change nothing (no request or expiry cue, and no submission cue
        # while a request is open) is not read
        low = cue_text(page.text)
        if not (
            may_match(low, p["request"])
            or may_match(low, p["expiry"])
            or (in_request and may_match(low, p["submitted"]))
        ):
            continue
        for line in _page_lines(page):
            text = line.page.text
            if p["not_done"].search(text, line.start, line.end):
                continue
            request = p["request"].search(text, line.start, line.end)
            in_request = in_request or request is not None
            expiry = _cue_date(doc, line, p["expiry"])
            if expiry is not None:
                expiries.setdefault(*expiry)
                continue
            if in_request:
                found = _cue_date(doc, line, p["submitted"])
                if found is not None:
                    submitted.setdefault(*found)
    if not submitted:
        return []
    expiry_date = next(iter(expiries)) if len(expiries) == 1 else None
    extra = tuple(expiries.values()) if expiry_date is not None else ()
    return [
        ContinuingServiceRequest(
            submitted=day,
            current_authorization_end=expiry_date,
            evidence=(span, *extra),
            source=source("authorizations.request"),
        )
        for day, span in submitted.items()
    ]


_LABEL_LINE = re.compile(r"(?P<label>[A-Za-z][A-Za-z /#'-]{0,58}[A-Za-z]):[ \t]*\S[^\n]*")


@cache
def _label_sets() -> tuple[frozenset[str], frozenset[str]]:
    v = vocabulary()
    return frozenset(map(label_key, v.start_labels)), frozenset(map(label_key, v.end_labels))


@cache
def _denial_sets() -> tuple[frozenset[str], frozenset[str]]:
    """The values that deny (``denied_values``) and the labels of a decision's field."""
    v = vocabulary()
    return frozenset(map(label_key, v.denied_values)), frozenset(map(label_key, v.status_labels))


def _denies(text: str, start: int, end: int) -> bool:
    """``text[start:end]`` (a cell, a field's value) is a denial ("DENIED", "Not approved")."""
    return label_key(text[start:end].strip(" \t.*_()[]")) in _denial_sets()[0]


def _date_at(text: str, start: int, end: int) -> DateSpan | None:
    """The date a value (a field's, a cell's) opens with."""
    d = next(find_dates(text, start, end), None)
    return d if d is not None and not text[start : d.start].strip(" \t*_:") else None


def _field_periods(doc: DocInput) -> Iterator[AuthorizationPeriod]:
    """Periods given as a start field and an end field ("Begin ...... 10/13/2025" / "Thru
    ...... 11/30/2025", "Effective: 01/12/2026   Expires: 02/01/2026"), or as start and end
    columns of a table ("Start Date | End Date"), in a document about an authorization."""
    lay = layout_of(doc.document)
    text = lay.text
    starts_at, ends_at = _label_sets()
    starts: list[tuple[int, DateSpan, int]] = []  # (line, date, label start)
    ends: list[tuple[int, DateSpan, int]] = []
    for f in lay.fields:
        if lay.in_table(f.line):
            continue
        d = _date_at(text, f.start, f.end)
        if d is None:
            continue
        if f.key in starts_at:
            starts.append((f.line, d, f.label_start))
        elif f.key in ends_at:
            ends.append((f.line, d, f.label_start))
    # a line that is one known label and its date, where the layout saw no field (a long
    # lowercase label: "Length of stay approved through: 15FEB2026")
    seen = {f.line for f in lay.fields}
    for i, text_line in enumerate(lay.lines):
        m = (
            _LABEL_LINE.fullmatch(text, text_line.cstart, text_line.cend)
            if text_line.is_text
            else None
        )
        if m is None or i in seen or lay.in_table(i):
            continue
        d = _date_at(text, m.end("label") + 1, text_line.cend)
        key = label_key(m.group("label"))
        if d is not None and key in starts_at:
            starts.append((i, d, m.start("label")))
        elif d is not None and key in ends_at:
            ends.append((i, d, m.start("label")))
    # a decision field that denies ("Decision ...... DENIED") grants nothing near it
    denied_lines = [
        f.line
        for f in lay.fields
        if f.key.rstrip(".") in _denial_sets()[1] and _denies(text, f.start, f.end)
    ]
    for line, first, at in starts:
        last = next(((ln, d, a) for ln, d, a in ends if 0 <= ln - line <= 6 and a > at), None)
        if last is None or last[1].date < first.date:
            continue
        if any(line - 6 <= ln <= last[0] + 6 for ln in denied_lines):
            continue
        spans = [lay.evidence(at, first.end), lay.evidence(last[2], last[1].end)]
        yield AuthorizationPeriod(
            start=first.date,
            end=last[1].date,
            evidence=tuple(e for e in spans if e is not None),
            source=source("authorizations.period_fields"),
        )
    for table in lay.tables:
        heads = [label_key(table.header_text(text, k)).rstrip(".") for k in range(table.width)]
        s_col = next((k for k, h in enumerate(heads) if h in starts_at), None)
        e_col = next((k for k, h in enumerate(heads) if h in ends_at), None)
        if s_col is None or e_col is None:
            continue
        for row in table.rows:
            if max(s_col, e_col) >= len(row.cells) or not (row.cells[s_col] and row.cells[e_col]):
                continue
            if any(c and _denies(text, c[0].start, c[-1].end) for c in row.cells):
                continue  # a denied line ("...,2026-03-02,2026-03-15,DENIED") grants nothing
            a, b = row.cells[s_col][0], row.cells[e_col][0]
            first_d, last_d = _date_at(text, a.start, a.end), _date_at(text, b.start, b.end)
            if first_d is None or last_d is None or last_d.date < first_d.date:
                continue
            cells = [
                lay.evidence(first_d.start, first_d.end),
                lay.evidence(last_d.start, last_d.end),
            ]
            yield AuthorizationPeriod(
                start=first_d.date,
                end=last_d.date,
                evidence=tuple(e for e in cells if e is not None),
                source=source("authorizations.period_table"),
            )


def _end_only(doc: DocInput) -> Iterator[AuthorizationPeriod]:
    """ "The authorization expires on January 11, 2026": a period known by its last day."""
    p = _patterns()
    for page in doc.pages():
        for line in _page_lines(page):
            text = page.text
            m = p["end_phrase"].search(text, line.start, line.end)
            if m is None or p["not_done"].search(text, line.start, line.end):
                continue
            if not p["authorization"].search(text, line.start, m.start()):
                continue  # what expires must be the authorization
            d = next(find_dates(text, m.end(), line.end), None)
            if d is None or text[m.end() : d.start].strip(" \t:"):
                continue
            yield AuthorizationPeriod(
                end=d.date,
                evidence=(doc.evidence(page, line.start, d.end),),
                source=source("authorizations.period_end"),
            )


def extract_authorizations(doc: DocInput) -> list[AuthorizationPeriod | ContinuingServiceRequest]:
    """Authorization periods and continuing-service requests the document states."""
    requests = _requests(doc)
    if not _about_authorization(doc):
        return [*_periods(doc, False), *requests]
    periods = list(_periods(doc, True))
    known = {(a.start, a.end) for a in periods}
    for found in _field_periods(doc):
        if (found.start, found.end) not in known:
            known.add((found.start, found.end))
            periods.append(found)
    if not periods and not requests:
        periods = list(_end_only(doc))[:1]
    return [*periods, *requests]
