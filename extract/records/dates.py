"""Every date of a document, with the role its place gives it.

A record of a service is dated by its *date of service*. Which dates can be one is decided
by where a date stands, never by its value:

- ``service``: the value of a date-of-service field ("DOS:", "Session Date:", "Date:");
- ``heading``: on a heading or title line ("GROUP NOTE - 10/07/2025");
- ``lead``: beginning a line ("10/7/25  Process group  0900-1030  P");
- ``cell``: in a table cell (the table reader decides by its column);
- ``prose``: inside a sentence ("On 10/7/25 the member attended ...");
- ``other``: not a date of service: a birth, admission, discharge or document date field,
  a target, due, next-appointment or signature date, a bound of a period ("Week of",
  "10/6/25 - 10/12/25"), a date right after words such as "signed", "next", "by", "until".
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from extract.layout import Field, Layout
from extract.layout.memo import PerLayout
from extract.values import times
from extract.values.dates import find_dates, find_partial_dates
from extract.values.vocab import Vocab, vocab
from extract.values.zones import stamp_local, utc_stamp
from extract.vocab.letters import name_pattern
from extract.vocab.lexicon import credential_pattern, label_groups
from extract.vocab.phrases import norm

_RANGE_BEFORE = re.compile(r"[ \t]*(?:-|–|—|to|through|thru)[ \t]*$")
_RANGE_AFTER = re.compile(r"[ \t]*(?:-|–|—|to|through|thru)[ \t]*(?=\d|[A-Z][a-z]{2})")
_LEAD = re.compile(r"[ \t]*(?:[-*•>#]+[ \t]*)?(?:\*\*)?(?:\(?[A-Z][a-z]{1,8}\.?\)?,?[ \t]+)?")
_BULLET = re.compile(r"[ \t]*(?:[-*•>#]+[ \t]*)?(?:\*\*)?")
_GAP = re.compile(r"(?:[\s:,\-–(]|\bon\b|\bdate\b|\bof\b|\bis\b|\bdated\b)*", re.IGNORECASE)
_SIGNED_LINE = re.compile(
    name_pattern(
        r"[ \t]*(?:/s/[ \t]*)?[\p{Lu}][\p{L}'’.\-]+(?:[ \t][\p{Lu}][\p{L}'’.\-]+){0,3},?[ \t]+"
    )
    + r"(?P<cred>[A-Z][A-Za-z\-/.]{1,9})(?:,[ \t]*[A-Z][A-Za-z\-/.]{1,9})*[ \t,\-–|]*$"
)


class DateRole(StrEnum):
    SERVICE = "service"
    HEADING = "heading"
    LEAD = "lead"
    CELL = "cell"
    PROSE = "prose"
    OTHER = "other"


ANCHOR_ROLES = frozenset({DateRole.SERVICE, DateRole.HEADING, DateRole.LEAD})


@dataclass(frozen=True, slots=True)
class DateHit:
    """A date ``text[start:end]`` on line ``line``; ``label`` the field it is the value of."""

    start: int
    end: int
    date: dt.date
    line: int
    role: DateRole
    label: str | None = None
    why: str = ""  # for ``other``: what makes it no date of service


def _before_word(v: Vocab, text: str, line_start: int, start: int) -> str | None:
    """A not-a-date-of-service word right before ``start`` ("signed 10/8", "by 12/1/25")."""
    lo = max(line_start, start - 32)
    last = None
    for s, e, _ in v.not_service_words.matches(text, lo, start):
        last = (s, e)
    if last is None:
        return None
    gap = _GAP.match(text, last[1], start)
    return text[last[0] : last[1]] if gap is not None and gap.end() == start else None


def _named_service_date(v: Vocab, text: str, line_start: int, start: int) -> bool:
    """The words right before ``start`` name a date of service ("date of service", "DOS",
    "for service date") without being the line's label."""
    lo = max(line_start, start - 28)
    before = text[lo:start].rstrip(" \t:=-–,(").lower()
    return (
        any(
            before.endswith(label)
            and (len(before) == len(label) or not before[-len(label) - 1].isalnum())
            for label in _DOS_WORDS
        )
        and text[line_start:start].strip()[:1] != ""
    )


_DOS_WORDS = ("date of service", "dos", "service date", "date of session", "session date")


def signature_line(v: Vocab, layout: Layout, i: int) -> bool:
    """A line that signs: it has a signature word, or it is a name with a credential and
    a date (and maybe a time) with nothing else."""
    line = layout.lines[i]
    text = layout.text
    if v.signature_words.earliest(text, line.cstart, line.cend) is not None:
        return True
    first = next(find_dates(text, line.cstart, line.cend), None)
    if first is None or first.start == line.cstart:
        return False
    m = _SIGNED_LINE.fullmatch(text, line.cstart, first.start)
    # the word after the name is a credential ("Jane Roe, LCSW 3/4/25"), not a title's last
    # word ("GROUP PROGRESS NOTES - 03/25/2025")
    return m is not None and credential_pattern().fullmatch(m.group("cred")) is not None


def classify(layout: Layout, i: int, start: int, end: int, d: dt.date, signed: bool) -> DateHit:
    v = vocab()
    text = layout.text
    line = layout.lines[i]
    if layout.in_table(i):
        return DateHit(start, end, d, i, DateRole.CELL)
    stamp = utc_stamp(text, end, line.cend)
    if stamp is not None:
        # "2025-04-16 00:23:15 UTC": a stamp in UTC, whose date need not be the local date
        # of the service (an evening session is stamped the next day). Under a session's
        # start or time label it is the session's, of its local day when that is known;
        # any other stamp (a room opened, a file generated) dates no service.
        field = next(
            (
                f
                for f in layout.fields_by_line[i]
                if f.start <= start < max(f.end, f.start + 1)
                and (_session_time_field(text, f, start, end) or _end_time_field(f))
            ),
            None,
        )
        if field is None:
            return DateHit(start, end, d, i, DateRole.OTHER, why="utc stamp")
        local = stamp_local(layout, i, i, d, stamp[0], stamp[1])
        if local is None:
            return DateHit(start, end, d, i, DateRole.OTHER, why=UTC_SESSION)
        if _end_time_field(field):
            return DateHit(start, end, local[0], i, DateRole.OTHER, field.key, why="end time")
        return DateHit(start, end, local[0], i, DateRole.SERVICE, field.key)
    if _RANGE_AFTER.match(text, end, line.cend) and next(
        find_dates(text, end, min(line.cend, end + 24)), None
    ):
        return DateHit(start, end, d, i, DateRole.OTHER, why="period")
    before = _RANGE_BEFORE.search(text, max(line.cstart, start - 30), start)
    if before is not None and any(
        dd.end == before.start() for dd in find_dates(text, max(line.cstart, start - 30), start)
    ):
        return DateHit(start, end, d, i, DateRole.OTHER, why="period")
    fields = layout.fields_by_line[i]
    # the field the date may be in: the last one starting at or before it (fields of a line
    # are in text order; a line of thousands of dates is read in linear time)
    k = bisect_right(fields, start, key=lambda f: f.start) - 1
    for f in fields[max(k, 0) : k + 1]:
        if f.start <= start < max(f.end, f.start + 1):
            if _session_time_field(text, f, start, end):
                # "Scheduled (local): Tue 4/15/2025 17:30-19:00": a session's time label (the
                # lexicon's, maybe qualified in parentheses) over the date and time range
                return DateHit(start, end, d, i, DateRole.SERVICE, f.key)
            if (
                f.key in v.not_service_labels
                or any(v.not_service_words.exact(w) is not None for w in f.key.split())
                or v.names_other_date(f.label)
            ):  # "Target Date", "Next Session Date", "Date Signed", "Client.DateOfBirth"
                return DateHit(start, end, d, i, DateRole.OTHER, f.key, why="label")
            # "Date:", or "Visit day:" with a full date ("Thursday, the twentieth of ...")
            if f.key in record_labels(layout) and not _prefix_words(text, f.start, start):
                # "Appt: 03/03/2025 9:00 AM (180 min)  Status: Arrived", again and again:
                # the label that opens each record with its date and time dates it
                return DateHit(start, end, d, i, DateRole.SERVICE, f.key)
            if v.role_of(f.label) in ("date", "day") and not _prefix_words(text, f.start, start):
                if f.key == "date" and _after_body(layout, i):
                    # a bare "Date:" below a note's body dates a signature, not the service
                    return DateHit(start, end, d, i, DateRole.OTHER, f.key, why="after body")
                return DateHit(start, end, d, i, DateRole.SERVICE, f.key)
            break
    above = _label_above(layout, i, start)
    if above is not None:
        # "Next group:" ending the line above, its value this line's date: the date is
        # that label's ("Date of service:" / "06/02/2025" in a flattened form likewise)
        line_above = layout.lines[i - 1]
        words = text[max(above.label_start - 40, line_above.cstart) : above.label_start].split()
        words = words[-2:]
        if above.key in v.not_service_labels or any(
            v.not_service_words.exact(w.strip(".,;")) is not None
            for w in [*words, *above.key.split()]
        ):
            return DateHit(start, end, d, i, DateRole.OTHER, above.key, why="label")
        if v.role_of(above.label) in ("date", "day"):
            return DateHit(start, end, d, i, DateRole.SERVICE, above.key)
    if _named_service_date(v, text, line.cstart, start):
        # "Re: date of service 12/17/25", "late entry for DOS 10/7": the date it names
        return DateHit(start, end, d, i, DateRole.SERVICE, "date of service")
    word = _before_word(v, text, line.cstart, start) or _wrapped_word(v, layout, i, start)
    if word is not None:
        return DateHit(start, end, d, i, DateRole.OTHER, why=word.lower())
    if signed:
        return DateHit(start, end, d, i, DateRole.OTHER, why="signature")
    lead = _LEAD.match(text, line.cstart, line.cend)
    plain = _BULLET.match(text, line.cstart, line.cend)
    if (lead is not None and lead.end() == start) or (plain is not None and plain.end() == start):
        if _runs_on(v, layout, i):
            return DateHit(start, end, d, i, DateRole.PROSE)
        return DateHit(start, end, d, i, DateRole.LEAD)
    if layout.headings[i] is not None or _title_like(layout, i, start, end):
        return DateHit(start, end, d, i, DateRole.HEADING)
    return DateHit(start, end, d, i, DateRole.PROSE)


_LAST_WORD = re.compile(r"([A-Za-z]+|,)[ \t]*$")


_QUALIFIER = re.compile(r"[ \t]*\([^()]{1,24}\)[ \t]*$")


#: why a UTC stamp of a session's start or end dates nothing: its local date is not known
UTC_SESSION = "a session's time in UTC whose local date is not known"


def _groups_of(f: Field) -> frozenset[str]:
    """The lexicon's label groups of field ``f``'s label, without a qualifier in
    parentheses ("Scheduled (local)" is "Scheduled")."""
    label = _QUALIFIER.sub("", f.label)
    return label_groups().get(norm(label.strip(" *:_")), frozenset())


def _end_time_field(f: Field) -> bool:
    """Whether ``f`` is a session's end label ("End", "Session End", "Stop Time")."""
    return "end_time" in _groups_of(f)


def _session_time_field(text: str, f: Field, start: int, end: int) -> bool:
    """Whether field ``f`` is a session's time label of the lexicon ("Scheduled", "Session
    Time"; with a qualifier in parentheses: "Scheduled (local)") and a time range follows
    its date ``text[start:end]``, with nothing but blanks or a comma between them."""
    groups = _groups_of(f)
    if not groups & {"time", "start_time"} or _prefix_words(text, f.start, start):
        return False
    if "start_time" in groups:
        # "Start: 2025-03-03 15:00", "Session Start: 03/03/2025 9:00 AM": the session's
        # start as a full date-time (its clock right after the date)
        c = next(times.find_clock_times(text, end, f.end, loose=True), None)
        return c is not None and c.form != "bare" and not text[end : c.start].strip(" \t,@T")
    r = next(times.find_time_ranges(text, end, f.end), None)
    return r is not None and not text[end : r.start].strip(" \t,@")


def _wrapped_word(v: Vocab, layout: Layout, i: int, start: int) -> str | None:
    """A not-a-date-of-service word ending the text line above when the date at ``start``
    begins line ``i`` (a sentence wrapped between them: "... attend the group by" / "the
    thirtieth of September, 2025."); not a label ending with a colon."""
    if i == 0 or layout.in_table(i - 1) or not layout.lines[i - 1].is_text:
        return None
    text = layout.text
    line, prev = layout.lines[i], layout.lines[i - 1]
    plain = _BULLET.match(text, line.cstart, line.cend)
    lead = _WORDS_BEFORE.match(text, plain.end() if plain is not None else line.cstart, start)
    if lead is None or lead.end() != start:
        return None
    m = _LAST_WORD.search(text, prev.cstart, prev.cend)
    if m is None or v.not_service_words.exact(m.group(1)) is None:
        return None
    return m.group(1)


# a few words before a date that begins a wrapped line ("the thirtieth of ...": none
# but an article)
_WORDS_BEFORE = re.compile(r"(?:the[ \t]+)?", re.IGNORECASE)


_ONLY_CLOCK = re.compile(
    r"[ \t,.;]*(?:(?:at[ \t]+)?\d{1,2}(?::\d{2})?[ \t]*(?:[ap]\.?m\.?)?[ \t,.;]*)?",
    re.IGNORECASE,
)


def _label_above(layout: Layout, i: int, start: int) -> Field | None:
    """The empty field that ends the text line above line ``i`` ("... Next group:"), when
    the date at ``start`` begins line ``i`` (after a bullet at most): its value."""
    if i == 0 or layout.in_table(i - 1):
        return None
    line = layout.lines[i]
    plain = _BULLET.match(layout.text, line.cstart, line.cend)
    if plain is None or plain.end() != start:
        return None
    fields = layout.fields_by_line[i - 1]
    if not fields or not layout.lines[i - 1].is_text:
        return None
    last = fields[-1]
    if not last.empty:
        return None
    # only a value: the date (and a clock) alone on its line ("06/05/2025 5:30pm."), not a
    # dated entry of a list under a heading ("06/02/2025 Group 9-10:30 P")
    date = next(find_dates(layout.text, start, line.cend), None)
    rest = layout.text[date.end if date is not None else start : line.cend]
    return last if _ONLY_CLOCK.fullmatch(rest) else None


def _runs_on(v: Vocab, layout: Layout, i: int) -> bool:
    """Whether line ``i`` continues a sentence from the text line above it, which ends with
    a comma or a word like "and", "on", "were" ("... held on 06/09/2025 (0900-1200) and" /
    "06/12/2025 ..."): a date there is inside the sentence, not leading an entry."""
    if i == 0:
        return False
    prev = layout.lines[i - 1]
    if not prev.is_text or layout.in_table(i - 1) or layout.headings[i - 1] is not None:
        return False
    text = layout.text
    line = layout.lines[i]
    if text[line.cstart] in "-*•>#":
        return False  # a bullet begins its own item
    first = next(find_dates(text, prev.cstart, prev.cend), None)
    lead = _LEAD.match(text, prev.cstart, prev.cend)
    if first is not None and lead is not None and lead.end() == first.start:
        return False  # the line above is led by its own date: a list of dated entries
    m = _LAST_WORD.search(text, prev.cstart, prev.cend)
    return m is not None and (m.group(1) == "," or m.group(1).lower() in v.continuation_words)


_TITLE_CHARS = 400
_SENTENCE_INSIDE = re.compile(r"[a-z]{3,}[.!?;](?:\s+[A-Z]|\s*$)")


def _title_like(layout: Layout, i: int, start: int, end: int) -> bool:
    """A dated line that heads what follows rather than tells: at most 20 words, no
    sentence ending inside or at its end, not beginning in lower case, and followed by a
    field line or set apart by a blank line above ("Teen DBT Skills Group - Tuesday,
    October 14, 2025, 3:00-4:15 PM"). A line of fields is not one, unless the date is a
    cell of its own beside them ("ACT 31874 | Mon 11 May 2026 | Track: OTP-IOP")."""
    line = layout.lines[i]
    text = layout.text
    if line.cend - line.cstart > _TITLE_CHARS:
        return False  # no title is that long (and a line of many dates is not re-split)
    words = text[line.cstart : line.cend].split()
    if not words or len(words) > 20 or words[0][0].islower():
        return False
    if layout.fields_by_line[i] and not _own_cell(layout, i, start, end):
        return False
    if text[line.cend - 1] == ".":
        return False
    if _SENTENCE_INSIDE.search(text, line.cstart, line.cend):
        return False
    nxt = i + 1 < len(layout.lines) and bool(layout.fields_by_line[i + 1])
    apart = i == 0 or layout.lines[i - 1].is_break
    return nxt or apart


_WEEKDAY_WORD = re.compile(r"[A-Za-z]{2,9}\.?,?[ \t]*")


def _own_cell(layout: Layout, i: int, start: int, end: int) -> bool:
    """The date at ``start:end`` fills a cell of line ``i`` (maybe after a weekday), in no
    field."""
    line = layout.lines[i]
    if len(line.cells) < 2 or any(f.start <= start < f.end for f in layout.fields_by_line[i]):
        return False
    text = layout.text
    for c in line.cells:
        if c.start <= start and end <= c.end:
            lead = text[c.start : start]
            return end == c.end and (not lead or _WEEKDAY_WORD.fullmatch(lead) is not None)
    return False


def _after_body(layout: Layout, i: int) -> bool:
    """Whether line ``i`` comes after body text of its note: a note element ("D:", "A:",
    "Response:") or a prose line above it, before a blank line, rule or heading."""
    v = vocab()
    j = i - 1
    while j >= 0:
        line = layout.lines[j]
        if not line.is_text or layout.headings[j] is not None:
            return False
        fields = layout.fields_by_line[j]
        if not fields:
            # prose; a few words with no sentence's end ("Progress note" over the note's
            # fields, "Ana Roe, LCSW" over a signature's date) tell neither: look above
            words = layout.text[line.cstart : line.cend].split()
            if len(words) > 6 or layout.text[line.cend - 1] in ".!?;,":
                return True
        if any(f.key in v.element_labels or f.key in v.body_labels for f in fields):
            return True
        j -= 1
    return False


def _prefix_words(text: str, start: int, date_start: int) -> bool:
    """Words before a date inside a value ("Date: week of 10/6") other than a weekday."""
    before = text[start:date_start].strip(" \t,.-(")
    return len(before) > 10


_WEEKDAY_LED = re.compile(
    r"[ \t]*(?:[-*+•>#]+[ \t]*)?(?:\*\*)?"
    # a short label before the weekday ("Visit: Monday the 9th of June")
    r"(?:[A-Z][A-Za-z]{1,15}(?:[ \t][A-Za-z]{1,15})?[ \t]*:[ \t]*)?"
    r"(?P<day>[A-Z][a-z]{1,8})\.?,?[ \t]+(?:the[ \t]+)?"
    r"(?=\d{1,2}/\d{1,2}(?![/\d])|\d{1,2}(?:st|nd|rd|th)?[ \t]+(?:of[ \t]+)?[A-Z][a-z]{2}"
    r"|[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2}(?!\d))"
)
# the year a document is about, stated on its own ("Visit Summaries -- Calendar Year 2025",
# "CY 2025", "Year: 2025"): dates written without a year fall in it
_YEAR_STATED = re.compile(
    r"(?i)\b(?:calendar[ \t]+year|fiscal[ \t]+year|service[ \t]+year|year|CY|FY)[ \t]*:?[ \t]*"
    r"(?P<year>(?:19|20)\d\d)\b(?![/.-]\d)"
)


_PARTIAL_LED = re.compile(r"[ \t]*(?:[-*•]+[ \t]*)?(?=\d{1,2}/\d{1,2}(?![/\d]))")
_LATE_ENTRY_PARTIAL = re.compile(
    r"\b(?:late[ \t]+entry|addendum)[ \t]+(?:for|re:?|to)[ \t]+"
    r"(?:(?:dos|date[ \t]+of[ \t]+service|service[ \t]+date)[ \t:]+)?"
    r"(?=\d{1,2}/\d{1,2}(?![/\d]))",
    re.IGNORECASE,
)


_STAMP_REPEATS = 3


def _find_stamps(layout: Layout) -> frozenset[int]:
    """Lines that begin with the same date and clock time as two or more other lines
    outside tables: a fax or print stamp repeated on each page ("Sep 30 2025 01:18PM FROM:
    ... P.02/19"). A log's entries differ in their times; a stamp's do not."""
    text = layout.text
    keys: dict[str, list[int]] = {}
    for line in layout.lines:
        if not line.is_text or layout.in_table(line.index):
            continue
        d = next(find_dates(text, line.cstart, min(line.cend, line.cstart + 24)), None)
        if d is None or text[line.cstart : d.start].strip():
            continue
        c = next(times.find_clock_times(text, d.end, min(line.cend, d.end + 16)), None)
        if c is None or text[d.end : c.start].strip(" \t,"):
            continue
        key = " ".join(text[line.cstart : c.end].split())
        keys.setdefault(key, []).append(line.index)
    return frozenset(i for found in keys.values() if len(found) >= _STAMP_REPEATS for i in found)


def _record_labels(layout: Layout) -> frozenset[str]:
    """Labels that open two or more blocks of a document (the first field of a block's first
    line of fields, below a title at most) with a date and a clock time or a time range as
    their value, each block also holding an attendance status field ("Appt: 03/03/2025 9:00 AM
    (180 min)  Type: IOP Group  Status: Arrived" / blank / "Appt: 03/04/2025 ..."): a label
    set that repeats, whose first label dates each record. A label of a date that is no
    service's ("Next appt", "Follow-up") never is one; nor one that opens a single block
    (a note's closing appointment line)."""
    v = vocab()
    text = layout.text
    lines = layout.lines
    seen: dict[str, int] = {}
    for i, line in enumerate(lines):
        if not line.is_text or layout.in_table(i):
            continue
        fields = layout.fields_by_line[i]
        if not fields or fields[0].empty:
            continue
        k = i - 1  # the block's first line of fields (a title above it has none)
        while k >= 0 and lines[k].is_text and not layout.fields_by_line[k]:
            k -= 1
        if k >= 0 and lines[k].is_text:
            continue
        f = fields[0]
        lead = _BULLET.match(text, line.cstart, line.cend)
        if lead is None or f.label_start != lead.end() or v.names_other_date(f.label):
            continue
        first = next(find_dates(text, f.start, min(f.end, f.start + 40)), None)
        if first is None or text[f.start : first.start].strip():
            continue
        # "Appt: 03/03/2025 9-12", else a clock (not a bare number after a date)
        r = next(times.find_time_ranges(text, first.end, f.end, loose=True), None)
        c = next(times.find_clock_times(text, first.end, f.end, loose=True), None)
        at = r.start if r is not None else c.start if c is not None and c.form != "bare" else None
        if at is None or text[first.end : at].strip(" \t,@T"):
            continue
        j = i
        status = False
        while j < len(lines) and lines[j].is_text and not status:
            status = any(
                v.role_of(g.label) == "attendance"
                and v.attendance_values.earliest(text, g.start, g.end) is not None
                for g in layout.fields_by_line[j]
            )
            j += 1
        if status:
            seen[f.key] = seen.get(f.key, 0) + 1
    return frozenset(k for k, n in seen.items() if n >= 2)


#: labels that open each record of a document (:func:`_record_labels`), found once per layout
record_labels = PerLayout(_record_labels)


#: the page stamps of a layout (:func:`_find_stamps`), found once per layout (every record
#: of the document asks)
page_stamps = PerLayout(_find_stamps)


def date_hits(layout: Layout, lines: Sequence[int] | None = None) -> list[DateHit]:
    """Every date of ``layout`` (or of ``lines``), classified, in text order. A line that
    begins with a weekday and a date without a year ("- Mon 03/17 — Process Group,
    09:00-10:30", "## Wed 17th September") is dated in the year of the full date before it
    ("Week of 03/17/2025") in which that date falls on that weekday."""
    v = vocab()
    out: list[DateHit] = []
    text = layout.text
    near: dt.date | None = None
    near_service: dt.date | None = None
    stated = _YEAR_STATED.search(text, 0, min(len(text), 2000))
    # a year the document states about itself outranks a full date before a partial one
    # (often a birth date)
    year_of_document = dt.date(int(stated["year"]), 7, 1) if stated else None
    stamps = page_stamps(layout)
    for i in range(len(layout.lines)) if lines is None else lines:
        line = layout.lines[i]
        if not line.is_text:
            continue
        found = list(find_dates(text, line.cstart, line.cend))
        if not found and near_service is not None:
            named = _LATE_ENTRY_PARTIAL.search(text, line.cstart, line.cend)
            if named is not None:
                # "Late entry for 9/8: ..." (no year): the date of service it names, in the
                # year of the dates of service before it (not of a birth date)
                partial = next(find_partial_dates(text, named.end(), line.cend, near_service), None)
                if partial is not None and partial.start == named.end():
                    out.append(
                        DateHit(
                            partial.start,
                            partial.end,
                            partial.date,
                            i,
                            DateRole.SERVICE,
                            "date of service",
                        )
                    )
                    continue
        if not found:
            m = _WEEKDAY_LED.match(text, line.cstart, line.cend)
            weekday = v.weekdays.exact(m.group("day")) if m is not None else None
            around = year_of_document or near
            if m is not None and around is not None and weekday is not None:
                partial = next(find_partial_dates(text, m.end(), line.cend, around, weekday), None)
                if partial is not None and partial.start == m.end() and not layout.in_table(i):
                    out.append(DateHit(partial.start, partial.end, partial.date, i, DateRole.LEAD))
                continue
            led = _PARTIAL_LED.match(text, line.cstart, line.cend)
            around = near_service or around
            if led is not None and around is not None and not layout.in_table(i):
                # "04/21 Individual Therapy  2055-2140  P" in a list under a month's grid:
                # a month and day leading a line that names a service with its time, in
                # the year of the dates of service before it (else of the document)
                partial = next(find_partial_dates(text, led.end(), line.cend, around), None)
                if (
                    partial is not None
                    and partial.start == led.end()
                    and v.kinds.earliest(text, partial.end, line.cend) is not None
                    and next(times.find_time_ranges(text, partial.end, line.cend), None)
                ):
                    out.append(DateHit(partial.start, partial.end, partial.date, i, DateRole.LEAD))
            continue
        near = found[-1].date
        signed = not layout.in_table(i) and signature_line(v, layout, i)
        hits = [classify(layout, i, d.start, d.end, d.date, signed) for d in found]
        if i in stamps:
            # a fax or print stamp on every page ("Sep 30 2025 01:18PM FROM: ..."): when
            # the pages were sent, not a date of service
            hits = [
                DateHit(h.start, h.end, h.date, i, DateRole.OTHER, why="page stamp")
                if h.role is DateRole.LEAD
                else h
                for h in hits
            ]
        near_service = next(
            (h.date for h in reversed(hits) if h.role in ANCHOR_ROLES), near_service
        )
        out.extend(hits)
    return out
