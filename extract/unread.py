"""What could not be read (RULES.md "Unknown kind, unread records").

After the sessions of a document are read, every line that *looks like* the record of a
service — a date with a time range or a duration, or a service's name with a time range —
and that no session was read from, is listed as unread, unless it is explained: it is in a
table read as a schedule, in a document that does not record services (a plan, an
evaluation, a certification: their times are planned frequencies and schedules), about
another day or a plan ("next group 9-10:30", "3x/week"), history, a code legend, or a
signature. Its date is given when one of its dates can be a date of service.

A record lists the unread lines by document, page and offsets only (no text: the record
holds chart quotes only as evidence). The rules whose verdict an unread record could
change say so and name it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from core.facts import Session, UnreadRecord
from core.grounding import iter_evidence
from extract.layout import Layout
from extract.records import Records, ServiceRecord
from extract.records.dates import ANCHOR_ROLES, DateRole, signature_line
from extract.values import times
from extract.values.vocab import vocab

_DAY = (
    r"(?:M|Mo|Mon|Monday|T|Tu|Tue|Tues|Tuesday|W|We|Wed|Wednesday|Th|Thu|Thur|Thurs|Thursday"
    r"|F|Fr|Fri|Friday|Sa|Sat|Saturday|Su|Sun|Sunday)"
)
_RECURRING = re.compile(rf"\b{_DAY}\.?[ \t]*[-–/,&][ \t]*{_DAY}\b\.?")
# words that explain a line with a time: history, plans, frequencies
_HISTORY = ("history", "previous", "previously", "prior", "ago", "in the past", "last year")


def unread_records(
    records: Records, read: Iterable[ServiceRecord], sessions: Iterable[Session]
) -> list[UnreadRecord]:
    """The service-like lines of a document outside the records (``read``) that sessions
    were read from and outside those sessions' evidence."""
    layout = records.layout
    read_lines: set[int] = set()
    for rec in read:
        top = rec.parent or rec
        read_lines.update(range(top.first, top.last + 1))
        read_lines.update(rec.lines())
    doc_id = layout.document.document_id
    for session in sessions:
        for ev in iter_evidence(session):
            if ev.document_id == doc_id:
                read_lines.update(_lines_of(layout, ev.page, ev.start, ev.end))
    out: list[UnreadRecord] = []
    v = vocab()
    text = layout.text
    hits_by_line: dict[int, list[DateRole]] = {}
    dates_by_line: dict[int, list[tuple[DateRole, dt.date]]] = {}
    for h in records.hits:
        hits_by_line.setdefault(h.line, []).append(h.role)
        dates_by_line.setdefault(h.line, []).append((h.role, h.date))
    for i, line in enumerate(layout.lines):
        if not line.is_text or i in read_lines or i in records.schedule_lines:
            continue
        s, e = line.cstart, line.cend
        if e - s > 2000:
            continue  # a wall of text is prose, not a record
        when = next(times.find_time_ranges(text, s, e), None)
        length = None if when is not None else next(times.find_durations(text, s, e), None)
        roles = hits_by_line.get(i, [])
        dated = any(r in ANCHOR_ROLES or r is DateRole.CELL or r is DateRole.PROSE for r in roles)
        named = v.kinds.earliest(text, s, e) or v.codes.earliest(text, s, e)
        if not ((dated and (when is not None or length is not None)) or (named and when)):
            continue
        if _explained(layout, i):
            continue
        date = next((d for r, d in dates_by_line.get(i, []) if r is not DateRole.OTHER), None)
        place = layout.evidence(s, e)
        if place is None:
            continue
        why = (
            "a date with a time that no session was read from"
            if dated
            else "a service with a time that no session was read from"
        )
        out.append(
            UnreadRecord(
                document_id=place.document_id,
                page=place.page,
                start=place.start,
                end=place.end,
                date=date,
                why=why,
            )
        )
    return out


def _explained(layout: Layout, i: int) -> bool:
    """About another day or a plan, history, a legend or a signature; or under a heading
    or label that says it is a schedule ("Daily structure:", "Program schedule")."""
    v = vocab()
    text = layout.text
    line = layout.lines[i]
    s, e = line.cstart, line.cend
    if v.not_current.earliest(text, s, e) is not None or v.schedule_words.earliest(text, s, e):
        return True
    j = i - 1
    while j >= 0 and i - j <= 8 and layout.lines[j].is_text:
        head = layout.lines[j]
        if layout.headings[j] is not None or layout.fields_by_line[j]:
            if v.schedule_words.earliest(text, head.cstart, head.cend) is not None:
                return True
            if layout.headings[j] is not None:
                break
        j -= 1
    lowered = text[s:e].lower()
    if any(w in lowered for w in _HISTORY):
        return True
    if _RECURRING.search(text, s, e):
        return True  # "M-F 0900-1200", "Mon/Wed/Thu": a recurring schedule, not a service
    if text.count("=", s, e) >= 2:
        return True  # a code legend
    return signature_line(v, layout, i)


def _lines_of(layout: Layout, page: int, start: int, end: int) -> range:
    """The layout lines a page span covers."""
    doc = layout.doc
    try:
        k = doc.numbers.index(page)
    except ValueError:
        return range(0)
    base = doc.bases[k]
    return range(layout.line_at(base + start), layout.line_at(base + max(start, end - 1)) + 1)
