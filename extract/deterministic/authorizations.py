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
from extract.values.dates import find_dates

VOCABULARY_PATH = Path(__file__).with_name("authorizations.yaml")
NonEmpty = Annotated[list[str], Field(min_length=1)]


class Vocabulary(Frozen):
    authorization_labels: NonEmpty
    period_connectors: NonEmpty
    request_labels: NonEmpty
    submitted_cues: NonEmpty
    expiry_labels: NonEmpty
    not_done: NonEmpty


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

    return {
        "authorization": word(v.authorization_labels),
        "connector": re.compile(
            rf"^[ \t]*(?:{_alternatives(v.period_connectors, escape=True)})[ \t]*$", re.I
        ),
        "request": word(v.request_labels),
        "submitted": word(v.submitted_cues),
        "expiry": word(v.expiry_labels),
        "not_done": word(v.not_done),
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


def _periods(doc: DocInput) -> Iterator[AuthorizationPeriod]:
    p = _patterns()
    # a page without the authorization label's cues has no period: its lines are not read
    pages = (page for page in doc.pages() if may_match(cue_text(page.text), p["authorization"]))
    for line in (line for page in pages for line in _page_lines(page)):
        text = line.page.text
        if p["request"].search(text, line.start, line.end) or p["expiry"].search(
            text, line.start, line.end
        ):
            continue
        label = p["authorization"].search(text, line.start, line.end)
        if label is None:
            continue
        dates = list(find_dates(text, label.end(), line.end))
        for first, last in pairwise(dates):
            if p["connector"].match(text[first.end : last.start]) and first.date <= last.date:
                yield AuthorizationPeriod(
                    start=first.date,
                    end=last.date,
                    evidence=(doc.evidence(line.page, label.start(), last.end),),
                    source=source("authorizations.period"),
                )
                break


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


def extract_authorizations(doc: DocInput) -> list[AuthorizationPeriod | ContinuingServiceRequest]:
    """Authorization periods and continuing-service requests the document states."""
    return [*_periods(doc), *_requests(doc)]
